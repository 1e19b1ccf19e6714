#!/usr/bin/env bash
# Runs every test in the solution against a throwaway PostgreSQL cluster on its own port (so it can run while
# ./tvnews run is serving), real ffmpeg, real redis-server (the backplane tests start their own) and the real Roku
# toolchain. Ends with "N passed, N failed[, N skipped]".
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
source "$ROOT/scripts/lib.sh"

ensure_dotnet
ensure_ffmpeg
ensure_espeak
ensure_postgres
ensure_redis
ensure_node_tools
ensure_chromium

WORK=$(mktemp -d /var/tmp/tvnews-test-XXXXXX)
chmod 755 "$WORK"
PORT=$(free_port 55432)
cleanup() { pg_stop "$PGDIR"; rm -rf "$WORK"; }
pg_start "$WORK/pg" "$PORT" fast
trap cleanup EXIT

# Tests create their own databases on this cluster; without this variable they fail loudly instead of skipping.
export TVNEWS_TEST_PG="Host=127.0.0.1;Port=$PORT;Username=tvnews;Database=postgres"

log "building"
dotnet build "$ROOT/TvNews.sln" -c Release -v quiet -nologo -clp:ErrorsOnly
log "testing"
RESULTS="$WORK/results"
set +e
# Extra arguments go to dotnet test (e.g. ./tvnews test --filter "FullyQualifiedName~Auth" while developing); a
# filtered run may leave whole projects without a matching test, so only the unfiltered run insists on every project.
STRICT=true
[ "$#" -gt 0 ] && STRICT=false
dotnet test "$ROOT/TvNews.sln" -c Release --no-build --nologo --logger trx --results-directory "$RESULTS" "$@" -- RunConfiguration.TreatNoTestsAsError=$STRICT
status=$?
set -e

passed=0; failed=0; skipped=0; reports=0
for trx in "$RESULTS"/*.trx; do
    [ -f "$trx" ] || continue
    reports=$((reports + 1))
    counters=$(grep -o '<Counters [^>]*>' "$trx" | head -n 1)
    get() { printf '%s' "$counters" | grep -o " $1=\"[0-9]*\"" | grep -o '[0-9]*' || echo 0; }
    passed=$((passed + $(get passed)))
    failed=$((failed + $(get failed) + $(get error) + $(get timeout) + $(get aborted)))
    skipped=$((skipped + $(get notExecuted)))
done
projects=$(ls -d "$ROOT"/tests/*.Tests | wc -l)
if [ "$STRICT" = true ] && [ "$reports" -lt "$projects" ]; then
    log "only $reports of $projects test projects reported results (a test host crashed?)"
    failed=$((failed + projects - reports))
fi
[ "$status" = 0 ] || [ "$failed" -gt 0 ] || failed=1

line="$passed passed, $failed failed"
[ "$skipped" -gt 0 ] && line+=", $skipped skipped"
echo "$line"
[ "$failed" = 0 ]
