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

# Headless Chromium and its WebDriver for the Banana Cake Pop browser test (Debian packages). Selenium is pointed
# at /usr/bin/chromium and /usr/bin/chromedriver, so Selenium Manager never downloads a browser or a driver.
# Installs only when either is missing; apt needs root, so sudo is used when not already root. Where apt cannot be
# used, this only says so: the other tests still run, and the browser test fails with a message pointing here.
step_chromium() {
  if [[ -x /usr/bin/chromium && -x /usr/bin/chromedriver ]]; then
    log "chromium: $(/usr/bin/chromium --version 2>/dev/null | head -n 1) and chromedriver present"
    return 0
  fi
  if ! command -v apt-get >/dev/null 2>&1; then
    # Not Debian-like (e.g. macOS): the rest of the suite still runs; the browser test fails and says why.
    log "chromium: apt-get not found; install chromium and chromedriver as /usr/bin/chromium and /usr/bin/chromedriver yourself"
    return 0
  fi
  local sudo=""
  if [[ "$(id -u)" -ne 0 ]]; then
    if ! command -v sudo >/dev/null 2>&1; then
      log "chromium: not root and sudo not found; as root run: apt-get install -y chromium chromium-driver"
      return 0
    fi
    sudo="sudo"
  fi
  log "chromium: apt-get install chromium chromium-driver"
  $sudo apt-get update
  $sudo env DEBIAN_FRONTEND=noninteractive apt-get install -y chromium chromium-driver
}

# --- main --------------------------------------------------------------------

main() {
  step_graphql_http_audit
  step_chromium
}

main "$@"
