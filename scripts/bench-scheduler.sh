#!/usr/bin/env bash
# Issue 6 scheduler benchmark: a throwaway PostgreSQL cluster, then benchmarks/TvNews.Benchmarks scheduler mode, which
# starts app instances on it and measures how late scheduled publishes and expiries are on the wall clock.
#   scripts/bench-scheduler.sh [stories] [instances] [spacing-ms]
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
source "$ROOT/scripts/lib.sh"

ensure_dotnet
ensure_postgres
WORK=$(mktemp -d /var/tmp/tvnews-sched-bench-XXXXXX)
chmod 755 "$WORK"
PORT=$(free_port 56432)
cleanup() { pg_stop "$PGDIR"; rm -rf "$WORK"; }
# Not the test cluster's fast mode: fsync and synchronous commit on, as a deployment would run.
pg_start "$WORK/pg" "$PORT"
trap cleanup EXIT
pg_create_db "$PORT" tvnews_bench

log "building"
dotnet build "$ROOT/src/TvNews.Api" -c Release -v quiet -nologo -clp:ErrorsOnly
dotnet build "$ROOT/benchmarks/TvNews.Benchmarks" -c Release -v quiet -nologo -clp:ErrorsOnly
log "measuring"
dotnet run -c Release --no-build --project "$ROOT/benchmarks/TvNews.Benchmarks" -- scheduler "$ROOT" \
    "Host=127.0.0.1;Port=$PORT;Username=tvnews;Database=tvnews_bench" "$@"
