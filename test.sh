#!/usr/bin/env bash
# Runs every test of AlmaIntegrationKit: installs what the tests need when it is missing (needs root or
# sudo once), starts a throwaway PostgreSQL, runs the whole solution's tests and prints one summary line.
set -euo pipefail
cd "$(dirname "$0")"

bash eng/prerequisites.sh
export ALMA_TEST_POSTGRES="${ALMA_TEST_POSTGRES:-$(bash eng/start-postgres.sh)}"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1

log=$(mktemp)
status=0
dotnet test AlmaIntegrationKit.sln -c Release "$@" 2>&1 | tee "$log" || status=$?

# Sum the per-project summaries of `dotnet test` ("Failed: 0, Passed: 12, Skipped: 0, Total: 12").
summary=$(grep -Eo 'Failed: +[0-9]+, Passed: +[0-9]+, Skipped: +[0-9]+' "$log" | awk -F'[:,] *' '
  { failed += $2; passed += $4; skipped += $6 }
  END { line = passed+0 " passed, " failed+0 " failed"; if (skipped > 0) line = line ", " skipped " skipped"; print line }')
rm -f "$log"
if [ "$status" -ne 0 ] && [ "$summary" = "0 passed, 0 failed" ]; then
  summary="0 passed, 1 failed"  # the build itself failed: no test ran
fi
echo "$summary"
exit "$status"
