#!/usr/bin/env bash
# The Debian package installs where a server without Rust would: dpkg installs it next to
# Debian's own PostgreSQL (its dependencies resolve from what is installed), a throwaway cluster
# creates the extension and answers, an old version updates in place (tests/package/use.sql), and
# dpkg removes it cleanly, leaving no file behind.
#   PG_CONFIG=<15's> bash scripts/package_test.sh   postgresql-15-pg-kpi on this Debian 12 machine
#   PG_CONFIG=<17's> bash scripts/package_test.sh   postgresql-17-pg-kpi in a Debian 13 root file
#                                                   system with Debian 13's postgresql-17
#                                                   (scripts/debian13.sh), through chroot
set -euo pipefail
cd "$(dirname "$0")/.."
PG_CONFIG=${PG_CONFIG:-/usr/bin/pg_config}
major=$("$PG_CONFIG" --version | sed 's/^PostgreSQL \([0-9]*\).*/\1/')
deb=${DEB:-$(bash scripts/package.sh)} # DEB: a package make package built already
echo "package: built $deb ($(du -k "$deb" | cut -f1) kB): $(dpkg-deb -f "$deb" Package Version Depends | tr '\n' ' ')"
pkg=$(dpkg-deb -f "$deb" Package)
files="/usr/share/postgresql/$major/extension/pg_kpi* /usr/lib/postgresql/$major/lib/pg_kpi.so"
as_root() { if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi; }

case "$major" in
15)
    # Debian 12 (this machine): dpkg next to Debian's postgresql-15, a cluster of scripts/cluster.sh
    where="Debian 12, $(dpkg-query -W -f='${Package} ${Version}' postgresql-15)"
    in_target() { as_root "$@"; }
    as_root dpkg -i "$deb" >/dev/null
    trap 'as_root dpkg -r "$pkg" >/dev/null 2>&1 || true; bash scripts/cluster.sh stop package' EXIT
    bash scripts/cluster.sh start package >/dev/null
    eval "$(bash scripts/cluster.sh env package)"
    # without cargo on the PATH, as on a database server
    env PATH=/usr/bin:/bin psql -X -q -v ON_ERROR_STOP=1 -At -f tests/package/use.sql
    bash scripts/cluster.sh stop package
    ;;
17)
    # Debian 13 ships PostgreSQL 17: its own postgresql-17 in a Debian 13 root file system
    root=$(bash scripts/debian13.sh root)
    in_target() { bash scripts/debian13.sh run "$@"; }
    where="Debian 13, $(in_target dpkg-query -W -f='${Package} ${Version}' postgresql-17)"
    cp "$deb" "$root/tmp/$pkg.deb"
    cp tests/package/use.sql "$root/tmp/pg_kpi-use.sql"
    trap 'in_target bash -c "runuser -u postgres -- /usr/lib/postgresql/17/bin/pg_ctl -D /var/tmp/pg_kpi-package -m fast -w stop; dpkg -r $pkg; rm -rf /var/tmp/pg_kpi-package /tmp/$pkg.deb /tmp/pg_kpi-use.sql" >/dev/null 2>&1 || true' EXIT
    in_target dpkg -i "/tmp/$pkg.deb" >/dev/null
    in_target bash -euc '
        bin=/usr/lib/postgresql/17/bin data=/var/tmp/pg_kpi-package
        rm -rf "$data"
        cd / && runuser -u postgres -- "$bin/initdb" -D "$data" -U postgres --auth=trust --no-sync -E UTF8 --locale=C >/dev/null
        runuser -u postgres -- "$bin/pg_ctl" -D "$data" -l "$data/server.log" -w \
            -o "-c listen_addresses='\'''\'' -c unix_socket_directories=/tmp -c port=54340" start >/dev/null
        env -i PATH=/usr/bin:/bin /usr/sbin/runuser -u postgres -- "$bin/psql" -X -q -v ON_ERROR_STOP=1 -At -h /tmp -p 54340 \
            -d postgres -f /tmp/pg_kpi-use.sql
        runuser -u postgres -- "$bin/pg_ctl" -D "$data" -m fast -w stop >/dev/null'
    ;;
*)
    echo "package: no Debian release ships PostgreSQL $major (Debian 12: 15, Debian 13: 17)" >&2
    exit 2
    ;;
esac

in_target dpkg -L "$pkg" | grep -E '\.so$|\.control$|\.sql$' | sed 's/^/package: installed /'
in_target dpkg -r "$pkg" >/dev/null
# shellcheck disable=SC2086 # $files are globs
left=$(in_target bash -c "ls $files 2>/dev/null" || true)
[ -z "$left" ] || { echo "package: FAILED, files left after dpkg -r: $left" >&2; exit 1; }
echo "package: ok on $where (installed, created, updated from 0.1.0, removed)"
