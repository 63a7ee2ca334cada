#!/usr/bin/env bash
# A throwaway PostgreSQL cluster (of PG_CONFIG; Debian's 15 by default) for the demo, the tests and
# the benchmark.
#   scripts/cluster.sh start NAME [postgres options...]   data in $PG_KPI_RUN/NAME-pgNN, prints the socket dir
#   scripts/cluster.sh resume NAME [postgres options...]  start NAME's existing data (or as start)
#   scripts/cluster.sh stop NAME
#   scripts/cluster.sh env NAME    prints PGHOST/PGPORT/PGUSER exports for psql
#   scripts/cluster.sh sock NAME   prints the socket directory
# When run as root the server runs as the `postgres` OS user (initdb refuses root), from the folder
# `/` and with its data outside the checkout (scripts/paths.sh), so a clone that user cannot enter
# works. It listens only on a Unix socket in its own directory, so it never collides with another
# server's TCP port.
set -euo pipefail
# shellcheck source=scripts/paths.sh
. "$(dirname "$0")/paths.sh"

PG_CONFIG=${PG_CONFIG:-/usr/bin/pg_config}
BINDIR=$("$PG_CONFIG" --bindir)
PORT=${PG_KPI_PORT:-54329}

cmd=${1:?usage: cluster.sh start|resume|stop|env|sock NAME}
name=${2:?usage: cluster.sh start|resume|stop|env|sock NAME}
shift 2
# one folder per name and PostgreSQL major version, so the layers of make test that run side by
# side on different versions never share a cluster
major=$("$PG_CONFIG" --version | sed 's/^PostgreSQL \([0-9]*\).*/\1/')
base="$PG_KPI_RUN/$name-pg$major"
data="$base/data"
# Unix socket paths are limited to ~107 bytes; keep the socket short and out of deep clones, and
# apart for two clones of the project on one machine.
sock="/tmp/pg_kpi-$name-pg$major-$(id -u)-$PG_KPI_HASH"

if [ "$(id -u)" -eq 0 ]; then
    PGUSER_OS=postgres
    as_pg() { (cd / && runuser -u postgres -- "$@"); }
else
    PGUSER_OS=$(id -un)
    as_pg() { "$@"; }
fi

if [ "$cmd" = resume ]; then
    if [ -f "$data/PG_VERSION" ]; then
        mkdir -p "$sock"
        if [ "$(id -u)" -eq 0 ]; then chown postgres: "$sock"; fi
        # this start's options override the ones written at initdb
        opts=""
        for opt in "$@"; do opts="$opts -c $(echo "$opt" | tr -d ' ')"; done
        if ! as_pg "$BINDIR/pg_ctl" -D "$data" status >/dev/null 2>&1; then
            as_pg "$BINDIR/pg_ctl" -D "$data" -l "$base/server.log" -o "$opts" -w start >/dev/null
        elif [ $# -gt 0 ]; then
            # running, maybe with other options (a resume without them, by hand): restart with
            # these, or the caller measures under settings it did not ask for
            as_pg "$BINDIR/pg_ctl" -D "$data" -l "$base/server.log" -o "$opts" -m fast -w restart >/dev/null
        fi
        echo "$sock"
        exit 0
    fi
    cmd=start
fi

case "$cmd" in
start)
    mkdir -p -m 755 "$PG_KPI_RUN"
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
