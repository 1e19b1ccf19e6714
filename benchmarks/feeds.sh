#!/usr/bin/env bash
# Issue 7 feed-serving benchmark: roku.json of a channel with 500 published stories, 64 connections (wrk), TvNews
# against nginx serving the very bytes TvNews served as static files (sendfile on, access_log off, gzip_static and
# brotli_static: the same pre-compressed bodies), full responses and 304 revalidations, in one run.
#   [ROUNDS=5] benchmarks/feeds.sh [seconds-per-run]     (default 10 s per run, 5 rounds, after a discarded warm-up)
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
source "$ROOT/scripts/lib.sh"
SECONDS_PER_RUN=${1:-10}

ensure_dotnet
ensure_ffmpeg
ensure_espeak
ensure_postgres
{ command -v wrk >/dev/null && command -v nginx >/dev/null && [ -f /usr/lib/nginx/modules/ngx_http_brotli_static_module.so ]; } || apt_install wrk nginx-light libnginx-mod-http-brotli-static
command -v wrk >/dev/null || die "wrk is missing"

WORK=$(mktemp -d /var/tmp/tvnews-feed-bench-XXXXXX)
chmod 755 "$WORK"
# Below the ephemeral range: the load tools leave thousands of its ports in TIME_WAIT.
PGPORT=$(free_port 30632)
APP_PORT=$(free_port 5480)
NGINX_PORT=$(free_port 5580)
APP_PID=
cleanup() {
    [ -n "$APP_PID" ] && kill "$APP_PID" 2>/dev/null || true
    [ -f "$WORK/nginx.pid" ] && kill "$(cat "$WORK/nginx.pid")" 2>/dev/null || true
    pg_stop "$PGDIR"; rm -rf "$WORK"
}
pg_start "$WORK/pg" "$PGPORT" fast
trap cleanup EXIT
pg_create_db "$PGPORT" tvnews_bench
PSQL=("$PGBIN/psql" -h 127.0.0.1 -p "$PGPORT" -U tvnews -d tvnews_bench -v ON_ERROR_STOP=1 -Atq)

log "building"
dotnet build "$ROOT/src/TvNews.Api" -c Release -v quiet -nologo -clp:ErrorsOnly
log "starting TvNews on 127.0.0.1:$APP_PORT (renders the sample story once)"
(cd "$ROOT" && ConnectionStrings__TvNews="Host=127.0.0.1;Port=$PGPORT;Username=tvnews;Database=tvnews_bench" \
    TvNews__IngestSamplesOnStart=true TvNews__MediaOutput="$WORK/media" Logging__LogLevel__Default=Warning \
    exec dotnet "$ROOT/src/TvNews.Api/bin/Release/net10.0/linux-x64/TvNews.Api.dll" --urls "http://127.0.0.1:$APP_PORT" \
    --contentRoot "$ROOT/src/TvNews.Api" >"$WORK/app.log" 2>&1) &
APP_PID=$!
FEED="http://127.0.0.1:$APP_PORT/channels/sample-news/feeds/roku.json"
for _ in $(seq 1 240); do
    [ "$("${PSQL[@]}" -c "select count(*) from stories where state = 'published' and media is not null" 2>/dev/null || echo 0)" -ge 1 ] && break
    sleep 0.5
done
[ "$("${PSQL[@]}" -c "select count(*) from stories where state = 'published' and media is not null")" -ge 1 ] || { tail -n 30 "$WORK/app.log"; die "the sample story did not go on air"; }

log "cloning the published story to 500 (new ids, headlines and publish times; same media)"
"${PSQL[@]}" <<'SQL'
begin;
create temp table src_s on commit drop as select * from stories where state = 'published' and media is not null limit 1;
create temp table src_a on commit drop as select * from articles where id = (select article_id from src_s);
create temp table ids on commit drop as select g, gen_random_uuid() as aid, gen_random_uuid() as sid from generate_series(1, 499) g;
create temp table new_a on commit drop as select ids.g as g_, ids.aid as aid_, src_a.* from src_a cross join ids;
update new_a set id = aid_, source_key = source_key || '#' || g_, headline = headline || ' (' || g_ || ')',
    article = jsonb_set(article, '{headline}', to_jsonb(headline || ' (' || g_ || ')'));
alter table new_a drop column g_, drop column aid_;
insert into articles select * from new_a;
create temp table new_s on commit drop as select ids.g as g_, ids.sid as sid_, ids.aid as aid_, src_s.* from src_s cross join ids;
update new_s set id = sid_, article_id = aid_, published_at = published_at - g_ * interval '1 minute';
alter table new_s drop column g_, drop column sid_, drop column aid_;
insert into stories select * from new_s;
update channels set feed_version = feed_version + 1, feed_updated_at = now() where id = (select channel_id from src_s);
commit;
SQL
log "$("${PSQL[@]}" -c "select count(*) from stories where state = 'published'") stories on air"
sleep 1

STATIC="$WORK/static"
mkdir -p "$STATIC"
curl -fs -D "$WORK/h-identity" -o "$STATIC/roku.json" "$FEED"
curl -fs -D "$WORK/h-gzip" -H 'Accept-Encoding: gzip' -o "$STATIC/roku.json.gz" "$FEED"
curl -fs -D "$WORK/h-br" -H 'Accept-Encoding: br' -o "$STATIC/roku.json.br" "$FEED"
ETAG=$(grep -i '^etag:' "$WORK/h-br" | cut -d' ' -f2- | tr -d '\r')
log "roku.json: $(stat -c %s "$STATIC/roku.json") bytes, gzip $(stat -c %s "$STATIC/roku.json.gz"), br $(stat -c %s "$STATIC/roku.json.br"); $(grep -ci '^content-encoding: br' "$WORK/h-br" || true) br response(s); ETag $ETAG"
# Only the encodings TvNews actually served go to nginx, so both answer a request with the same bytes.
grep -qi '^content-encoding: br' "$WORK/h-br" || { rm "$STATIC/roku.json.br"; log "NOTE: TvNews did not answer with brotli"; }
grep -qi '^content-encoding: gzip' "$WORK/h-gzip" || { rm "$STATIC/roku.json.gz"; log "NOTE: TvNews did not answer with gzip"; }

cat >"$WORK/nginx.conf" <<NGINX
load_module /usr/lib/nginx/modules/ngx_http_brotli_static_module.so;
worker_processes auto;
pid $WORK/nginx.pid;
error_log $WORK/nginx-error.log warn;
events { worker_connections 4096; }
http {
    sendfile on;
    tcp_nopush on;
    access_log off;
    gzip_static on;
    brotli_static on;
    etag on;
    types { application/json json; }
    client_body_temp_path $WORK/nginx-tmp;
    proxy_temp_path $WORK/nginx-tmp;
    fastcgi_temp_path $WORK/nginx-tmp;
    uwsgi_temp_path $WORK/nginx-tmp;
    scgi_temp_path $WORK/nginx-tmp;
    server {
        listen 127.0.0.1:$NGINX_PORT;
        root $STATIC;
        location / { add_header Cache-Control "public, max-age=30"; add_header Vary Accept-Encoding; }
    }
}
NGINX
mkdir -p "$WORK/nginx-tmp"
nginx -c "$WORK/nginx.conf" -p "$WORK"
STATIC_URL="http://127.0.0.1:$NGINX_PORT/roku.json"
NGINX_ETAG=$(curl -fsI -H 'Accept-Encoding: br' "$STATIC_URL" | grep -i '^etag:' | cut -d' ' -f2- | tr -d '\r')
curl -fs -H 'Accept-Encoding: br, gzip' "$STATIC_URL" | cmp -s - <(curl -fs -H 'Accept-Encoding: br, gzip' "$FEED") || die "nginx does not serve the same bytes as TvNews"

run() { # name url [header]
    local name=$1 url=$2 header=${3:-}
    local args=(-t2 -c64 -d"${SECONDS_PER_RUN}s" --latency -H 'Accept-Encoding: br, gzip')
    [ -n "$header" ] && args+=(-H "$header")
    wrk "${args[@]}" "$url" >"$WORK/wrk-$name.txt"
    local rps p50 p99 codes
    rps=$(awk '/Requests\/sec/ {print $2}' "$WORK/wrk-$name.txt")
    p50=$(awk '$1 == "50%" {print $2}' "$WORK/wrk-$name.txt")
    p99=$(awk '$1 == "99%" {print $2}' "$WORK/wrk-$name.txt")
    codes=$(grep -c "Non-2xx" "$WORK/wrk-$name.txt" || true)
    printf '%-22s %12s req/s   p50 %8s   p99 %8s   %s\n' "$name" "$rps" "$p50" "$p99" "$( [ "$codes" != 0 ] && grep 'Non-2xx' "$WORK/wrk-$name.txt" | tr -s ' ')"
}
ROUNDS=${ROUNDS:-5}
log "machine: $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg); wrk 2 threads, 64 connections, ${SECONDS_PER_RUN} s per run, Accept-Encoding: br, gzip"
# Both servers get a discarded warm-up first (the JIT's tiering and PGO settle in the first seconds), then the rounds
# alternate TvNews and nginx so that any drift in the machine's load hits both alike; medians decide.
log "warm-up (not counted)"
SECONDS_SAVED=$SECONDS_PER_RUN; SECONDS_PER_RUN=5
run warmup-tvnews "$FEED" >/dev/null; run warmup-nginx "$STATIC_URL" >/dev/null
run warmup-tvnews-304 "$FEED" "If-None-Match: $ETAG" >/dev/null; run warmup-nginx-304 "$STATIC_URL" "If-None-Match: $NGINX_ETAG" >/dev/null
SECONDS_PER_RUN=$SECONDS_SAVED
for round in $(seq 1 "$ROUNDS"); do
    run "tvnews-200-r$round" "$FEED"
    run "nginx-200-r$round" "$STATIC_URL"
    run "tvnews-304-r$round" "$FEED" "If-None-Match: $ETAG"
    run "nginx-304-r$round" "$STATIC_URL" "If-None-Match: $NGINX_ETAG"
done
median() { # kind: prints the median req/s over the rounds
    for f in "$WORK"/wrk-"$1"-r*.txt; do awk '/Requests\/sec/ {print $2}' "$f"; done | sort -g | awk '{a[NR]=$1} END {print (NR % 2) ? a[(NR+1)/2] : (a[NR/2] + a[NR/2+1]) / 2}'
}
p99s() { for f in "$WORK"/wrk-"$1"-r*.txt; do awk '$1 == "99%" {printf "%s ", $2}' "$f"; done; }
T200=$(median tvnews-200); N200=$(median nginx-200); T304=$(median tvnews-304); N304=$(median nginx-304)
log "medians over $ROUNDS rounds: TvNews 200 $T200 req/s, nginx 200 $N200 req/s: $(awk -v a="$T200" -v b="$N200" 'BEGIN {printf "%.1f", 100 * a / b}') % of nginx"
log "                          TvNews 304 $T304 req/s, nginx 304 $N304 req/s: $(awk -v a="$T304" -v b="$N304" 'BEGIN {printf "%.1f", 100 * a / b}') %"
log "TvNews p99 per round: 200 $(p99s tvnews-200)/ 304 $(p99s tvnews-304)"
log "load at the end $(cut -d' ' -f1-3 /proc/loadavg)"
