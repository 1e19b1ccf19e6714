#!/usr/bin/env bash
# Issue 7 live fan-out benchmark: 10,000 (and 2,000) WebSocket subscribers in a separate client process, one publish,
# delivery latency per client; the same against a plain SignalR hub (the baseline, same run); then 2,000 parked
# long-polls answered by one publish. A throwaway PostgreSQL cluster; the render worker is off so nothing else
# competes for the two cores while the deliveries go out.
#   benchmarks/live.sh [counts...]     (default: 2000 10000)
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
source "$ROOT/scripts/lib.sh"
COUNTS=("${@:-2000 10000}")
read -r -a COUNTS <<<"${COUNTS[*]}"

ensure_dotnet
ensure_postgres
# 10,000 sockets on each side of loopback (client process and server, one each), plus the runtime's own files: raise
# the soft limit to the hard one (20,000 in this container, which may not raise the hard limit itself).
ulimit -n "$(ulimit -Hn)" 2>/dev/null || true
log "open files limit $(ulimit -n)"

WORK=$(mktemp -d /var/tmp/tvnews-live-bench-XXXXXX)
chmod 755 "$WORK"
# Below the ephemeral range: 10,000 client sockets leave its ports in TIME_WAIT.
PGPORT=$(free_port 30532)
APP_PORT=$(free_port 5280)
PLAIN_PORT=$(free_port 5380)
PIDS=()
cleanup() { for p in "${PIDS[@]}"; do kill "$p" 2>/dev/null || true; done; pg_stop "$PGDIR"; rm -rf "$WORK"; }
pg_start "$WORK/pg" "$PGPORT" fast
trap cleanup EXIT
pg_create_db "$PGPORT" tvnews_bench

log "building"
dotnet build "$ROOT/src/TvNews.Api" -c Release -v quiet -nologo -clp:ErrorsOnly
dotnet build "$ROOT/benchmarks/TvNews.Benchmarks" -c Release -v quiet -nologo -clp:ErrorsOnly
BENCH="$ROOT/benchmarks/TvNews.Benchmarks/bin/Release/net10.0/linux-x64/TvNews.Benchmarks.dll"
KEY="bench-$(head -c 16 /dev/urandom | od -An -tx1 | tr -d ' \n')"

log "starting TvNews on 127.0.0.1:$APP_PORT and the plain hub on 127.0.0.1:$PLAIN_PORT"
(cd "$ROOT" && ConnectionStrings__TvNews="Host=127.0.0.1;Port=$PGPORT;Username=tvnews;Database=tvnews_bench" \
    TvNews__ApiKey="$KEY" TvNews__MediaOutput="$WORK/media" Render__Worker=false Logging__LogLevel__Default=Warning \
    exec dotnet "$ROOT/src/TvNews.Api/bin/Release/net10.0/linux-x64/TvNews.Api.dll" --urls "http://127.0.0.1:$APP_PORT" \
    --contentRoot "$ROOT/src/TvNews.Api" >"$WORK/app.log" 2>&1) &
APP_PID=$!
PIDS+=("$APP_PID")
dotnet "$BENCH" plain-hub "http://127.0.0.1:$PLAIN_PORT" >"$WORK/plain.log" 2>&1 &
PLAIN_PID=$!
PIDS+=("$PLAIN_PID")
for _ in $(seq 1 120); do
    curl -fs "http://127.0.0.1:$APP_PORT/health/ready" >/dev/null 2>&1 && break
    sleep 0.5
done
curl -fs "http://127.0.0.1:$APP_PORT/health/ready" >/dev/null || { tail -n 30 "$WORK/app.log"; die "TvNews did not start"; }

log "machine: $(nproc) cores, $(awk '/MemTotal/ {print int($2/1024/1024)" GiB"}' /proc/meminfo), load $(cut -d' ' -f1-3 /proc/loadavg)"
for n in "${COUNTS[@]}"; do
    log "plain SignalR hub (baseline), $n clients"
    dotnet "$BENCH" subscribers "http://127.0.0.1:$PLAIN_PORT" plain bench "$n" 4 - "$PLAIN_PID"
    log "TvNews, $n clients (publish = breaking news through the API)"
    dotnet "$BENCH" subscribers "http://127.0.0.1:$APP_PORT" tvnews sample-news "$n" 4 "$KEY" "$APP_PID"
done
log "TvNews, 2000 parked long-polls"
dotnet "$BENCH" longpolls "http://127.0.0.1:$APP_PORT" sample-news 2000 "$KEY" || log "long-poll run failed (see above)"
log "load at the end $(cut -d' ' -f1-3 /proc/loadavg)"
