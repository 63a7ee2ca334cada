#!/usr/bin/env bash
# First seconds of `make demo`, `make test` and every target that starts a server (after the
# Debian packages, before any build): can the PostgreSQL servers reach what they need? As root
# they run as the `postgres` OS user, who may not be able to enter the checkout; pg_kpi keeps
# their data, logs and PostgreSQL builds outside it (scripts/paths.sh). This checks that those
# folders exist and that the postgres user can enter them, and says how to fix it if not.
set -euo pipefail
# shellcheck source=scripts/paths.sh
. "$(dirname "$0")/paths.sh"

fail() {
    printf 'preflight: %s\n' "$@" >&2
    exit 1
}

mkdir -p -m 755 "$PG_KPI_RUN" "$PG_KPI_CACHE" 2>/dev/null ||
    fail "cannot create $PG_KPI_RUN and $PG_KPI_CACHE" \
        "fix: set PG_KPI_RUN and PG_KPI_CACHE to folders you can write, e.g. PG_KPI_RUN=\$HOME/pg_kpi-run make test"
if [ "$(id -u)" -ne 0 ]; then
    echo "preflight: ok (servers run as $(id -un); clusters in $PG_KPI_RUN, PostgreSQL builds in $PG_KPI_CACHE)" >&2
    exit 0
fi

id postgres >/dev/null 2>&1 ||
    fail "no postgres OS user: the servers run as that user when pg_kpi's scripts run as root" \
        "fix: apt-get install postgresql-15 (scripts/setup.sh does), or run as an ordinary user"
as_pg() { (cd / && runuser -u postgres -- "$@"); }
for dir in "$PG_KPI_RUN" "$PG_KPI_CACHE" /tmp; do
    if ! as_pg test -x "$dir" -a -r "$dir"; then
        # the first folder on the way down from / that the user cannot enter
        blocked=""
        IFS=/ read -ra parts <<<"${dir#/}"
        for part in "${parts[@]}"; do
            blocked="$blocked/$part"
            as_pg test -x "$blocked" -a -r "$blocked" || break
        done
        fail "the postgres OS user (the servers' user) cannot enter $dir (blocked at $blocked, mode $(stat -c %a "$blocked"))" \
            "fix: set PG_KPI_RUN (clusters) and PG_KPI_CACHE (PostgreSQL builds) to folders it can enter," \
            "     e.g. PG_KPI_RUN=/var/tmp/pg_kpi PG_KPI_CACHE=/var/cache/pg_kpi make test"
    fi
done
if as_pg test -x "$PG_KPI_ROOT" 2>/dev/null; then
    where="the postgres OS user can enter the checkout too"
else
    where="the postgres OS user cannot enter the checkout, which is fine: nothing a server reads is in it"
fi
echo "preflight: ok (clusters in $PG_KPI_RUN, PostgreSQL builds in $PG_KPI_CACHE; $where)" >&2
