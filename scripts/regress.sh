#!/usr/bin/env bash
# Run the pg_regress golden-file tests against a throwaway cluster with the installed pg_kpi.
#   scripts/regress.sh            run every file listed in tests/pg_regress/schedule
#   BLESS=1 scripts/regress.sh    afterwards copy results/ over expected/ (review the diff!)
set -euo pipefail
cd "$(dirname "$0")/.."
PG_CONFIG=${PG_CONFIG:-/usr/bin/pg_config}
PG_REGRESS="$("$PG_CONFIG" --pkglibdir)/pgxs/src/test/regress/pg_regress"
# results per PostgreSQL version: make test runs the versions' regress side by side
major=$("$PG_CONFIG" --version | sed 's/^PostgreSQL \([0-9]*\).*/\1/')
out=target/regress-pg$major
rm -rf "$out" && mkdir -p "$out" tests/pg_regress/expected
for f in tests/pg_regress/sql/*.sql; do
    exp="tests/pg_regress/expected/$(basename "${f%.sql}").out"
    [ -f "$exp" ] || : > "$exp"
done

bash scripts/cluster.sh start regress >/dev/null
trap 'bash scripts/cluster.sh stop regress' EXIT
eval "$(bash scripts/cluster.sh env regress)"

status=0
"$PG_REGRESS" --inputdir=tests/pg_regress --outputdir="$out" --bindir="$("$PG_CONFIG" --bindir)" \
    --host="$PGHOST" --port="$PGPORT" \
    --user="$PGUSER" --dbname=pg_kpi_regress --schedule=tests/pg_regress/schedule || status=$?
if [ "${BLESS:-0}" = 1 ]; then
    # A result equal to an alternative expected file (name_1.out: where another PostgreSQL
    # version's own output differs) stays there; any other result replaces name.out.
    for r in "$out"/results/*.out; do
        name=$(basename "$r" .out)
        same=0
        for e in tests/pg_regress/expected/"$name".out tests/pg_regress/expected/"$name"_[0-9].out; do
            [ -f "$e" ] && cmp -s "$r" "$e" && same=1
        done
        [ "$same" = 1 ] || cp "$r" tests/pg_regress/expected/"$name".out
    done
    echo "regress: copied results into tests/pg_regress/expected; review with git diff" >&2
elif [ "$status" -ne 0 ] && [ -f "$out/regression.diffs" ]; then
    cat "$out/regression.diffs" >&2
fi
exit "$status"
