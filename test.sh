#!/usr/bin/env bash
# The one test command: installs what the tests need (idempotently), then builds and runs every test.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")"
scripts/setup.sh
dotnet test ActorSync.sln --nologo "$@"
