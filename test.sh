#!/usr/bin/env bash
# Runs every test: unit tests, then integration tests against a throwaway PostgreSQL cluster that
# the tests start themselves (LQ_TEST_CONNECTION names an existing server instead).
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
cd "$here"
export DOTNET_NOLOGO=1 DOTNET_CLI_TELEMETRY_OPTOUT=1
scripts/ensure-postgres.sh
scripts/ensure-chromium.sh
log=$(mktemp)
trap 'rm -f "$log"' EXIT
status=0
dotnet test LandQuality.sln -c Release "$@" 2>&1 | tee "$log" || status=$?
# One closing line in the plain form CI reads, summed over the test projects.
awk '/(Passed|Failed)! +- +Failed: /{ gsub(",", ""); for (i = 1; i <= NF; i++) { if ($i == "Failed:") f += $(i+1); if ($i == "Passed:") p += $(i+1); if ($i == "Skipped:") s += $(i+1) } }
     END { printf "tests: %d passed, %d failed, %d skipped\n", p, f, s }' "$log"
exit $status
