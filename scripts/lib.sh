# Shared bootstrap for ./tvnews run and ./tvnews test: installs what is missing (as root, from Debian packages)
# and starts a private PostgreSQL cluster. Sourced, not executed.

ROOT=${ROOT:-$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)}
APT_UPDATED=""

log() { printf '\033[1;34m[tvnews]\033[0m %s\n' "$*" >&2; }
die() { printf '\033[1;31m[tvnews] %s\033[0m\n' "$*" >&2; exit 1; }

apt_install() {
    [ "$(id -u)" = 0 ] || die "missing $*; run as root or install: apt-get install $*"
    if [ -z "$APT_UPDATED" ]; then
        log "apt-get update"
        apt-get update -qq >/dev/null
        APT_UPDATED=1
    fi
    log "installing $*"
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "$@" >/dev/null
}

ensure_dotnet() {
    command -v dotnet >/dev/null || die "the .NET 10 SDK is required (dotnet not on PATH)"
}

ensure_ffmpeg() {
    if ! command -v ffmpeg >/dev/null || ! command -v ffprobe >/dev/null; then
        apt_install ffmpeg
    fi
}

# Narration (text to speech) for channels that turn it on; the tests always need it.
ensure_espeak() {
    command -v espeak-ng >/dev/null || apt_install espeak-ng
}

# Sets PGBIN to the newest installed PostgreSQL server binaries, installing Debian's if there are none.
ensure_postgres() {
    PGBIN=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1 || true)
    if [ -z "$PGBIN" ] || [ ! -x "$PGBIN/initdb" ]; then
        apt_install postgresql
        PGBIN=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -n 1)
    fi
    export PGBIN
}

# The SignalR Redis backplane's tests start their own redis-server (in memory, loopback, a free port); the server
# itself needs Redis only when Redis__ConnectionString is set (several instances).
ensure_redis() {
    command -v redis-server >/dev/null || apt_install redis-server
}

ensure_node_tools() {
    command -v node >/dev/null && command -v npm >/dev/null || apt_install nodejs npm
    ensure_npm_folder "$ROOT/tools/roku" "BrighterScript compiler, brs interpreter"
    ensure_npm_folder "$ROOT/tools/readability" "Mozilla Readability + jsdom, the extraction baseline"
    ensure_npm_folder "$ROOT/tools/browser" "playwright-core for the producer page test, @microsoft/signalr"
    ensure_npm_folder "$ROOT/tools/hls" "m3u8-parser for the live channel tests"
}

# Debian's Chromium for the producer page's browser test (playwright-core drives it; it never downloads a browser).
ensure_chromium() {
    command -v chromium >/dev/null || apt_install chromium
}

# ensure_npm_folder <dir> <what>: npm ci in <dir> when node_modules is missing or older than package-lock.json.
ensure_npm_folder() {
    local dir=$1 what=$2
    if [ -f "$dir/package.json" ] && { [ ! -d "$dir/node_modules" ] || [ "$dir/package-lock.json" -nt "$dir/node_modules" ]; }; then
        log "npm ci ($what)"
        npm ci --prefix "$dir" --no-audit --no-fund --loglevel=error >/dev/null
        touch "$dir/node_modules"
    fi
}

as_postgres() {
    if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

# pg_start <folder> <port> [fast]: initialises (once) and starts a cluster on 127.0.0.1:<port>, socket inside the folder.
# Exports PGDIR (the folder actually used: the postgres user must be able to reach it, else one under /var/tmp).
pg_start() {
    local dir=$1 port=$2 mode=${3:-}
    mkdir -p "$dir"
    if [ "$(id -u)" = 0 ] && ! runuser -u postgres -- test -x "$dir" 2>/dev/null; then
        local fallback="/var/tmp/tvnews-$(printf '%s' "$dir" | sha1sum | cut -c1-10)"
        log "the postgres user cannot reach $dir; using $fallback"
        dir=$fallback
        mkdir -p "$dir"
    fi
    [ "$(id -u)" = 0 ] && chown postgres: "$dir"
    chmod 700 "$dir"
    if [ ! -f "$dir/data/PG_VERSION" ]; then
        local opts=(-D "$dir/data" -U tvnews --auth=trust -E UTF8 --locale=C.UTF-8)
        [ "$mode" = fast ] && opts+=(--no-sync)
        as_postgres "$PGBIN/initdb" "${opts[@]}" >"$dir/initdb.log" 2>&1 || { cat "$dir/initdb.log" >&2; die "initdb failed"; }
    fi
    if ! as_postgres "$PGBIN/pg_ctl" -D "$dir/data" status >/dev/null 2>&1; then
        local server="-p $port -k $dir -c listen_addresses=127.0.0.1"
        [ "$mode" = fast ] && server+=" -c fsync=off -c synchronous_commit=off -c full_page_writes=off"
        as_postgres "$PGBIN/pg_ctl" -D "$dir/data" -l "$dir/server.log" -o "$server" -w -t 60 start >/dev/null \
            || { tail -n 20 "$dir/server.log" >&2; die "PostgreSQL did not start (port $port in use?)"; }
    fi
    "$PGBIN/pg_isready" -q -h 127.0.0.1 -p "$port" -U tvnews -d postgres -t 30 || die "PostgreSQL is not accepting connections on port $port"
    export PGDIR=$dir
}

pg_stop() {
    local dir=$1
    [ -f "$dir/data/postmaster.pid" ] && as_postgres "$PGBIN/pg_ctl" -D "$dir/data" -m fast -w stop >/dev/null 2>&1 || true
}

pg_create_db() {
    local port=$1 name=$2
    if ! "$PGBIN/psql" -h 127.0.0.1 -p "$port" -U tvnews -d postgres -Atqc "select 1 from pg_database where datname = '$name'" | grep -q 1; then
        "$PGBIN/createdb" -h 127.0.0.1 -p "$port" -U tvnews "$name"
    fi
}

free_port() {
    local port
    for port in $(seq "$1" "$(($1 + 100))"); do
        if ! (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then echo "$port"; return; fi
    done
    die "no free port near $1"
}
