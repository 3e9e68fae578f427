#!/usr/bin/env bash
# The one test command: installs what the tests need (idempotently), then builds and runs every test.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")"
scripts/setup.sh
log="$(mktemp)"
trap 'rm -f "$log"' EXIT
status=0
dotnet test ActorSync.sln --nologo "$@" 2>&1 | tee "$log" || status=$?
# One closing line in the plain form CI reads: "N passed, N failed" (summed over test assemblies).
awk '/(Passed|Failed)! +- +Failed: +[0-9]+, +Passed: +[0-9]+/ {
       gsub(",", ""); for (i = 1; i <= NF; i++) { if ($i == "Failed:") f += $(i+1); if ($i == "Passed:") p += $(i+1); if ($i == "Skipped:") s += $(i+1) }
     }
     END { if (p + f > 0) printf "%d passed, %d failed, %d skipped\n", p, f, s }' "$log"
exit "$status"
