#!/usr/bin/env bash
# The benchmark command: prints figures, asserts nothing about timings (the tests do not time anything either).
#
#   bench/run.sh                     every figure but the soak (about 11 minutes)
#   bench/run.sh --only <figure>     one of: frugality | stampede | latency | throughput | memory | floods | redis-footprint | coldstart | doccache | soak | webapp
#                                    (soak and webapp: only when named)
#   bench/run.sh --quick             shorter load phases
#   bench/run.sh --api-env K=V       also set K=V for the API processes (repeatable; diagnostics)
#
# Installs redis-server when missing (apt, like scripts/setup.sh), publishes the API in Release to bench/.out/api, builds
# bench/ActorSync.Bench, and runs it: it starts the TMDB emulator (in-process), redis-server and the published API on
# 127.0.0.1 only, and kills what it started by PID, also on Ctrl+C. Runnable from any directory; safe to re-run.
set -euo pipefail

BENCH_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
REPO_ROOT="$(cd "$BENCH_DIR/.." && pwd)"
OUT="$BENCH_DIR/.out"

log() { printf 'bench: %s\n' "$*" >&2; }

usage() {
  sed -n '4,8p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//' >&2
}

# Check the arguments before spending a minute on building.
args=("$@")
while [[ $# -gt 0 ]]; do
  case "$1" in
    --only)
      [[ $# -ge 2 ]] || { usage; exit 2; }
      case "$2" in
        frugality|stampede|latency|throughput|memory|floods|redis-footprint|coldstart|doccache|soak|webapp) ;;
        *) log "unknown figure: $2"; usage; exit 2 ;;
      esac
      shift 2 ;;
    --quick) shift ;;
    --api-env)
      [[ $# -ge 2 && "$2" == ?*=* ]] || { log "--api-env takes KEY=VALUE"; usage; exit 2; }
      shift 2 ;;
    -h|--help) usage; exit 0 ;;
    *) log "unexpected argument: $1"; usage; exit 2 ;;
  esac
done

# redis-server for the live-mode figures (each run starts its own on a free loopback port).
if ! command -v redis-server >/dev/null 2>&1; then
  if ! command -v apt-get >/dev/null 2>&1; then
    log "redis-server is missing and apt-get is not available: install redis-server, then run again"
    exit 1
  fi
  sudo=""
  [[ $(id -u) -eq 0 ]] || sudo="sudo"
  log "apt-get install redis-server"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq redis-server >/dev/null
fi

log "publishing the API (Release) to $OUT/api"
dotnet publish "$REPO_ROOT/ActorSync.GraphQL" -c Release -o "$OUT/api" --nologo -v quiet
# The web app's budgets (issue 16): first-load size and compare-to-screen time in Chromium, by a Node script of
# ActorSync.Web (its packages: scripts/setup.sh installs them) against the published API on the offline snapshot.
if [[ " ${args[*]} " == *" --only webapp "* ]]; then
  log "web app budgets (Chromium, offline snapshot)"
  [[ -d "$REPO_ROOT/ActorSync.Web/node_modules" ]] || (cd "$REPO_ROOT/ActorSync.Web" && npm ci --no-audit --no-fund)
  cd "$REPO_ROOT/ActorSync.Web"
  exec node bench/budgets.mjs --api "$OUT/api/ActorSync.GraphQL.dll"
fi

# The cold-start figure's floor: an empty ASP.NET Core app, published the same way.
log "publishing the empty app (Release) to $OUT/empty"
dotnet publish "$BENCH_DIR/EmptyApp" -c Release -o "$OUT/empty" --nologo -v quiet

log "building the bench (Release) to $OUT/bench"
dotnet build "$BENCH_DIR/ActorSync.Bench" -c Release -o "$OUT/bench" --nologo -v quiet

commit="$(git -C "$REPO_ROOT" rev-parse --short HEAD 2>/dev/null || echo unknown)"
if [[ "$commit" != unknown && -n "$(git -C "$REPO_ROOT" status --porcelain --untracked-files=no 2>/dev/null)" ]]; then
  commit="$commit (with uncommitted changes)"
fi

# exec: Ctrl+C and SIGTERM reach the bench itself, which stops what it started.
exec dotnet "$OUT/bench/ActorSync.Bench.dll" --api "$OUT/api/ActorSync.GraphQL.dll" --empty-app "$OUT/empty/EmptyApp.dll" --commit "$commit" ${args[@]+"${args[@]}"}
