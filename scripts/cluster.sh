#!/usr/bin/env bash
# A throwaway PostgreSQL 15 cluster for the demo, the regress tests and the benchmark.
#   scripts/cluster.sh start NAME [postgres options...]   data under target/NAME, prints the socket dir
#   scripts/cluster.sh resume NAME [postgres options...]  start NAME's existing data (or as start)
#   scripts/cluster.sh stop NAME
#   scripts/cluster.sh env NAME    prints PGHOST/PGPORT/PGUSER exports for psql
#   scripts/cluster.sh sock NAME   prints the socket directory
# When run as root the server runs as the `postgres` OS user (initdb refuses root). It listens only
# on a Unix socket in its own directory, so it never collides with another server's TCP port.
set -euo pipefail

PG_CONFIG=${PG_CONFIG:-/usr/bin/pg_config}
BINDIR=$("$PG_CONFIG" --bindir)
ROOT=$(cd "$(dirname "$0")/.." && pwd)
PORT=${PG_KPI_PORT:-54329}

cmd=${1:?usage: cluster.sh start|resume|stop|env|sock NAME}
name=${2:?usage: cluster.sh start|resume|stop|env|sock NAME}
shift 2
base="$ROOT/target/$name"
data="$base/data"
# Unix socket paths are limited to ~107 bytes; keep the socket short and out of deep clones, and
# apart for two clones of the project on one machine.
sock="/tmp/pg_kpi-$name-$(id -u)-$(printf '%s' "$ROOT" | md5sum | cut -c1-6)"

if [ "$(id -u)" -eq 0 ]; then
    PGUSER_OS=postgres
    as_pg() { runuser -u postgres -- "$@"; }
else
    PGUSER_OS=$(id -un)
    as_pg() { "$@"; }
fi

if [ "$cmd" = resume ]; then
    if [ -f "$data/PG_VERSION" ]; then
        mkdir -p "$sock"
        if [ "$(id -u)" -eq 0 ]; then chown postgres: "$sock"; fi
        if ! as_pg "$BINDIR/pg_ctl" -D "$data" status >/dev/null 2>&1; then
            # this start's options override the ones written at initdb
            opts=""
            for opt in "$@"; do opts="$opts -c $(echo "$opt" | tr -d ' ')"; done
            as_pg "$BINDIR/pg_ctl" -D "$data" -l "$base/server.log" -o "$opts" -w start >/dev/null
        fi
        echo "$sock"
        exit 0
    fi
    cmd=start
fi

case "$cmd" in
start)
    mkdir -p "$base" "$sock"
    if [ "$(id -u)" -eq 0 ]; then chown postgres: "$base" "$sock"; fi
    if [ -f "$data/postmaster.pid" ] && as_pg "$BINDIR/pg_ctl" -D "$data" status >/dev/null 2>&1; then
        as_pg "$BINDIR/pg_ctl" -D "$data" -m fast -w stop >/dev/null
    fi
    rm -rf "$data"
    as_pg "$BINDIR/initdb" -D "$data" -U "$PGUSER_OS" --auth=trust --no-sync -E UTF8 --locale=C >/dev/null
    {
        echo "listen_addresses = ''"
        echo "unix_socket_directories = '$sock'"
        echo "port = $PORT"
        echo "fsync = off"
        echo "max_worker_processes = 8"
        echo "max_parallel_workers = 8"
        for opt in "$@"; do echo "$opt"; done
    } | as_pg tee -a "$data/postgresql.conf" >/dev/null
    as_pg "$BINDIR/pg_ctl" -D "$data" -l "$base/server.log" -w start >/dev/null
    echo "$sock"
    ;;
stop)
    if [ -d "$data" ]; then
        as_pg "$BINDIR/pg_ctl" -D "$data" -m fast -w stop >/dev/null 2>&1 || true
    fi
    ;;
env)
    echo "export PGHOST='$sock' PGPORT=$PORT PGUSER=$PGUSER_OS PGDATABASE=postgres"
    ;;
sock)
    echo "$sock"
    ;;
*)
    echo "usage: cluster.sh start|resume|stop|env NAME" >&2
    exit 2
    ;;
esac
