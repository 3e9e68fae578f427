#!/usr/bin/env bash
# Writes ActorSync.GraphQL/startup.mibc, the start-up profile the ReadyToRun publish compiles with (see
# docs/performance.md, "Cold start"). Run it after changes to what the API does at start or on its first requests;
# a stale profile still works, it only leaves more to the JIT. Needs only the .NET SDK; takes about a minute.
#
#   tools/startup-profile/run.sh
#
# It publishes the API framework-dependent and without ReadyToRun (quick: the profile comes from running it with the
# JIT, which logs every method a start runs), runs it offline and live (against the TMDB emulator, on 127.0.0.1),
# and writes the profile.
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

# No runtime identifier: the build goes to the portable folders (bin/Release/net10.0/), not to linux-x64/, where a
# framework-dependent build would be taken up by the next self-contained publish's incremental build.
dotnet publish "$root/ActorSync.GraphQL" -c Release -o "$work/api" --nologo -v quiet \
  -p:RuntimeIdentifier= -p:SelfContained=false -p:PublishReadyToRun=false -p:PublishReadyToRunComposite=false
dotnet run --project "$root/tools/startup-profile" -c Release -- "$work/api" "$root/ActorSync.GraphQL/startup.mibc"
