#!/usr/bin/env bash
# Summaries are stored values: a table holding every summary type survives pg_dump -Fc and
# pg_restore into a fresh database, value for value.
set -euo pipefail
cd "$(dirname "$0")/.."
BINDIR=$("${PG_CONFIG:-/usr/bin/pg_config}" --bindir)
bash scripts/cluster.sh start dump >/dev/null
trap 'bash scripts/cluster.sh stop dump' EXIT
eval "$(bash scripts/cluster.sh env dump)"
psql -X -q -v ON_ERROR_STOP=1 -c "CREATE DATABASE src" -c "CREATE DATABASE dst"
psql -X -q -v ON_ERROR_STOP=1 -d src <<'SQL'
CREATE EXTENSION pg_kpi;
CREATE TABLE daily AS
SELECT d AS day,
       nps_agg((d * 7 + i) % 11) AS nps, csat_agg(1 + (d + i) % 5, 4) AS csat, ces_agg((1 + (d * i) % 7)::numeric / 2) AS ces,
       clv_agg((d * 13 + i) % 500 / 10.0, 1 + i % 4, 0.5 + (i % 6) / 2.0) AS clv, share_agg(i % 3 = 0, i * 1.25) AS share,
       churn_agg(date '2024-01-01' + i * 9, CASE WHEN i % 4 = 0 THEN date '2025-01-01' + d END, daterange('2025-01-01', '2025-03-01')) AS churn
FROM generate_series(1, 30) AS d, generate_series(1, 40) AS i GROUP BY d;
SQL
dump="target/dump/summaries.dump"
mkdir -p target/dump
"$BINDIR/pg_dump" -Fc -d src -f "$dump"
"$BINDIR/pg_restore" -d dst "$dump"
digest() { psql -X -At -d "$1" -c "SELECT md5(string_agg(concat_ws('|', day, nps, csat, ces, clv, share, churn), E'\n' ORDER BY day)) FROM daily"; }
a=$(digest src); b=$(digest dst)
echo "dump: source $a, restored $b"
[ "$a" = "$b" ] || { echo "dump: FAILED, restored summaries differ" >&2; exit 1; }
psql -X -At -d dst -c "SELECT 'dump: restored nps ' || round(nps(rollup(nps)), 4) || ', csat ' || round(csat(rollup(csat)), 4) || ', ces ' || round(ces(rollup(ces)), 4) || ', clv ' || round(clv(rollup(clv)), 4) || ', share ' || round(share(rollup(share)), 4) || ', churn ' || round(churn_rate(rollup(churn)), 4) FROM daily"
echo "dump: ok"
