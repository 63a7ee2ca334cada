#!/usr/bin/env bash
# The update path, on the PostgreSQL that PG_CONFIG names (pg_kpi installed by scripts/install.sh):
# for every released version X (sql/pg_kpi--X.sql), a database created with X that stores every
# summary type in a table and a materialized view, with a view calling the aggregates, runs
# ALTER EXTENSION pg_kpi UPDATE; then
#   (a) the stored summaries and the views read back and give the same answers, and
#   (b) the extension's catalog (tests/update/catalog.sql) equals a fresh install's, line by line.
# Also: the library exports every C symbol that any install or update script names.
set -euo pipefail
cd "$(dirname "$0")/.."
PG_CONFIG=${PG_CONFIG:-/usr/bin/pg_config}
current=$(sed -n 's/^version = "\(.*\)"/\1/p' Cargo.toml | head -1)
major=$("$PG_CONFIG" --version | sed 's/^PostgreSQL \([0-9]*\).*/\1/')
out=target/update-pg$major
rm -rf "$out" && mkdir -p "$out"

# (c) every symbol the SQL scripts name is exported by the installed library
lib="$("$PG_CONFIG" --pkglibdir)/pg_kpi.so"
nm -D --defined-only "$lib" | awk '{print $3}' | sort -u >"$out/exported"
grep -ho "'MODULE_PATHNAME', '[a-z0-9_]*'" sql/*.sql src/*.rs src/kpi/*.sql | sed "s/.*, '//; s/'$//" | sort -u >"$out/named"
missing=$(comm -23 "$out/named" "$out/exported")
[ -z "$missing" ] || { echo "update: FAILED, the library lacks symbols the SQL scripts name: $missing" >&2; exit 1; }
echo "update: the library exports all $(wc -l <"$out/named") C symbols the install and update scripts name"

bash scripts/cluster.sh start update >/dev/null
trap 'bash scripts/cluster.sh stop update' EXIT
eval "$(bash scripts/cluster.sh env update)"
q() { psql -X -q -v ON_ERROR_STOP=1 -d "$@"; }

q postgres -c "CREATE DATABASE fresh"
q fresh -c "CREATE EXTENSION pg_kpi"
q fresh -f tests/update/catalog.sql >"$out/catalog-fresh.txt"

for script in sql/pg_kpi--*.sql; do
    name=$(basename "$script" .sql)
    case "$name" in pg_kpi--*--*) continue ;; esac
    old=${name#pg_kpi--}
    [ "$old" = "$current" ] && continue
    db="from_${old//./_}"
    q postgres -c "CREATE DATABASE $db"
    q "$db" -c "CREATE EXTENSION pg_kpi VERSION '$old'"
    q "$db" -f tests/update/data.sql
    q "$db" -f tests/update/answers.sql >"$out/answers-$old-before.txt"
    q "$db" -c "ALTER EXTENSION pg_kpi UPDATE"
    q "$db" -f tests/update/answers.sql >"$out/answers-$old-after.txt"
    if ! diff -u "$out/answers-$old-before.txt" "$out/answers-$old-after.txt"; then
        echo "update: FAILED, answers from $old changed after ALTER EXTENSION pg_kpi UPDATE" >&2
        exit 1
    fi
    q "$db" -f tests/update/catalog.sql >"$out/catalog-from-$old.txt"
    if ! diff -u "$out/catalog-fresh.txt" "$out/catalog-from-$old.txt"; then
        echo "update: FAILED, $old updated to $current differs from a fresh $current install" >&2
        exit 1
    fi
    echo "update: $old -> $current: $(wc -l <"$out/answers-$old-after.txt") answers unchanged," \
        "catalog equal to a fresh install ($(wc -l <"$out/catalog-fresh.txt") lines)"
done
echo "update: ok"
