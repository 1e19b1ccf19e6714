#!/usr/bin/env bash
# Runs the main job: a private PostgreSQL cluster (kept in .data/pg and reused), then the server, which migrates the
# database, loads channel-manifests/, ingests media/samples/, renders and publishes them, and serves until Ctrl+C.
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
source "$ROOT/scripts/lib.sh"

PORT=${TVNEWS_PG_PORT:-54329}
ensure_dotnet
ensure_ffmpeg
ensure_espeak
ensure_postgres
pg_start "$ROOT/.data/pg" "$PORT"
trap 'log "stopping PostgreSQL"; pg_stop "$PGDIR"' EXIT
# Ctrl+C reaches the server too (same process group); exiting here makes sure the EXIT trap stops PostgreSQL.
trap 'exit 130' INT TERM
pg_create_db "$PORT" tvnews

export ConnectionStrings__TvNews="Host=127.0.0.1;Port=$PORT;Username=tvnews;Database=tvnews"
export TvNews__IngestSamplesOnStart=true
export TvNews__MediaOutput=${TVNEWS_MEDIA_OUTPUT:-$ROOT/.data/media}
URLS=${TVNEWS_URLS:-http://127.0.0.1:5080}

log "building"
dotnet build "$ROOT/src/TvNews.Api" -c Release -v quiet -nologo -clp:ErrorsOnly
log "starting TvNews on $URLS (Ctrl+C to stop)"
cd "$ROOT"
set +e
dotnet "$ROOT/src/TvNews.Api/bin/Release/net10.0/linux-x64/TvNews.Api.dll" --urls "$URLS" --contentRoot "$ROOT/src/TvNews.Api"
status=$?
set -e
# 130 = stopped with Ctrl+C, which is how this command is meant to end.
[ "$status" = 0 ] || [ "$status" = 130 ] || exit "$status"
