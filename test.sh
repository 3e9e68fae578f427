#!/usr/bin/env bash
# The one test command: installs what the tests need (idempotently), then builds and runs every test: the .NET
# suites, then the web app's unit tests (Vitest) and its end-to-end tests (Chromium against the built API).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")"
scripts/setup.sh
log="$(mktemp)"
web="$(mktemp -d)"
trap 'rm -rf "$log" "$web"' EXIT
status=0
dotnet test ActorSync.sln --nologo "$@" 2>&1 | tee "$log" || status=$?

# The web app's suites run whatever the .NET result (never skipped, CI or not); each writes its counts as JSON.
# The end-to-end suite starts the API that dotnet test just built.
(cd ActorSync.Web && npx vitest run --reporter=default --reporter=json --outputFile.json="$web/unit.json") || status=1
(cd ActorSync.Web && npx vitest run --config vitest.e2e.config.ts --reporter=default --reporter=json --outputFile.json="$web/e2e.json") || status=1

# One closing line in the plain form CI reads: "N passed, N failed" (summed over test assemblies and the web suites;
# a web suite that wrote no counts, e.g. it could not start, counts as one failure).
web_counts="$(node -e '
  const fs = require("fs");
  let p = 0, f = 0, s = 0;
  for (const file of process.argv.slice(1)) {
    try { const r = JSON.parse(fs.readFileSync(file, "utf8")); p += r.numPassedTests; f += r.numFailedTests; s += r.numPendingTests + (r.numTodoTests || 0); }
    catch { f += 1; }
  }
  console.log(p, f, s);' "$web/unit.json" "$web/e2e.json" 2>/dev/null || echo "0 2 0")"
awk -v web="$web_counts" '/(Passed|Failed)! +- +Failed: +[0-9]+, +Passed: +[0-9]+/ {
       gsub(",", ""); for (i = 1; i <= NF; i++) { if ($i == "Failed:") f += $(i+1); if ($i == "Passed:") p += $(i+1); if ($i == "Skipped:") s += $(i+1) }
     }
     END { split(web, w, " "); p += w[1]; f += w[2]; s += w[3]; if (p + f > 0) printf "%d passed, %d failed, %d skipped\n", p, f, s }' "$log"
exit "$status"
