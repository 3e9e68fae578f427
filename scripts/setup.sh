#!/usr/bin/env bash
# Project setup: installs what the test suite needs. Idempotent; safe to run from any cwd.
#
# Add a new step by writing a `step_<name>` function below and calling it from main().
set -euo pipefail

REPO_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"

log() { printf 'setup: %s\n' "$*" >&2; }

# --- steps -------------------------------------------------------------------

# npm dependencies of the GraphQL-over-HTTP audit tool (graphql-http + graphql).
# Runs `npm ci` only when node_modules is missing or package-lock.json is newer than
# the lock npm wrote into node_modules at the last install.
step_graphql_http_audit() {
  local dir="$REPO_ROOT/tools/graphql-http-audit"
  local installed_lock="$dir/node_modules/.package-lock.json"
  if ! command -v npm >/dev/null 2>&1; then
    log "npm not found; install Node.js (v20) and npm first"
    return 1
  fi
  if [[ -d "$dir/node_modules" && -f "$installed_lock" && ! "$dir/package-lock.json" -nt "$installed_lock" ]]; then
    log "graphql-http-audit: node_modules up to date"
    return 0
  fi
  log "graphql-http-audit: npm ci"
  (cd "$dir" && npm ci --no-audit --no-fund)
}

# redis-server for the caching and rate-limit tests (each test starts its own on a free loopback port).
step_redis_server() {
  if command -v redis-server >/dev/null 2>&1; then
    log "redis-server: present"
    return 0
  fi
  log "redis-server: apt-get install"
  local sudo=""
  [[ $(id -u) -eq 0 ]] || sudo="sudo"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq redis-server >/dev/null
}

# --- main --------------------------------------------------------------------

main() {
  step_graphql_http_audit
  step_redis_server
}

main "$@"
