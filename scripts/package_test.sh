#!/usr/bin/env bash
# The Debian package installs where a server without Rust would: dpkg installs it next to
# Debian's PostgreSQL 15 (its dependencies resolve from what is installed), a throwaway cluster
# creates the extension and answers, an old version updates in place, and dpkg removes it cleanly.
set -euo pipefail
cd "$(dirname "$0")/.."
PG_CONFIG=${PG_CONFIG:-/usr/bin/pg_config}
deb=$(bash scripts/package.sh)
echo "package: built $deb ($(du -k "$deb" | cut -f1) kB): $(dpkg-deb -f "$deb" Package Version Depends | tr '\n' ' ')"
as_root() { if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi; }
pkg=$(dpkg-deb -f "$deb" Package)
as_root dpkg -i "$deb" >/dev/null
trap 'as_root dpkg -r "$pkg" >/dev/null 2>&1 || true; bash scripts/cluster.sh stop package' EXIT
dpkg -L "$pkg" | grep -E '\.so$|\.control$|\.sql$' | sed 's/^/package: installed /'
bash scripts/cluster.sh start package >/dev/null
eval "$(bash scripts/cluster.sh env package)"
# run without cargo on the PATH, as on a database server
env PATH=/usr/bin:/bin psql -X -q -v ON_ERROR_STOP=1 -At <<'SQL'
CREATE EXTENSION pg_kpi;
SELECT 'package: fresh ' || extversion || ', nps ' || nps(s) FROM pg_extension, (VALUES (10), (9), (3)) v(s) WHERE extname = 'pg_kpi' GROUP BY extversion;
CREATE DATABASE old;
\c old
CREATE EXTENSION pg_kpi VERSION '0.1.0';
CREATE TABLE t AS SELECT nps_agg(s) AS n FROM (VALUES (10), (9), (3)) v(s);
ALTER EXTENSION pg_kpi UPDATE;
SELECT 'package: updated 0.1.0 to ' || extversion || ', stored summary reads ' || nps(n) FROM pg_extension, t WHERE extname = 'pg_kpi';
SQL
bash scripts/cluster.sh stop package
as_root dpkg -r "$pkg" >/dev/null
left=$(ls "$("$PG_CONFIG" --sharedir)/extension"/pg_kpi* "$("$PG_CONFIG" --pkglibdir)"/pg_kpi.so 2>/dev/null || true)
[ -z "$left" ] || { echo "package: FAILED, files left after dpkg -r: $left" >&2; exit 1; }
echo "package: ok (installed, created, updated, removed)"
