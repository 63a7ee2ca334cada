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
       churn_agg(date '2024-01-01' + i * 9, CASE WHEN i % 4 = 0 THEN date '2025-01-01' + d END, daterange('2025-01-01', '2025-03-01')) AS churn,
       mrr_agg(i::bigint, ((d * 7 + i) % 9) * 12.5, date '2024-01-01' + i * 9, CASE WHEN i % 5 = 0 THEN date '2025-01-01' + d END,
               daterange('2025-01-01', '2025-03-01')) AS mrr,
       survival_agg((d * 37 + i * 11) % 400, i % 3 = 0, CASE WHEN i % 7 = 0 THEN (d * 37 + i * 11) % 400 / 2 END) AS survival,
       cohort_agg(i::bigint, ((d * 7 + i) % 9) * 12.5, date '2024-01-01' + i * 9 + d, CASE WHEN i % 5 = 0 THEN date '2024-01-01' + i * 9 + d + 40 + i % 30 END,
                  '2025-06-30', 'month') AS cohort,
       customer_model('bgnbd', ARRAY[0.2 + d / 100.0, 4.4, 0.79, 2.4 + d]) AS model,
       tier_moves(CASE WHEN i % 9 <> 0 THEN (ARRAY['At-risk', 'Healthy', 'Ünhealthy'])[1 + (d + i) % 3] END,
                  CASE WHEN i % 11 <> 0 THEN (ARRAY['At-risk', 'Healthy', 'High-value'])[1 + (d * i) % 3] END, i * 1.25) AS tiers,
       referral_agg(i % 4 = 0, (d * 13 + i) % 500 / 10.0, i % 3) AS referral
FROM generate_series(1, 30) AS d, generate_series(1, 40) AS i GROUP BY d;
-- a life table of many durations (several kB, so TOAST compresses or moves it below)
INSERT INTO daily (day, survival) SELECT 400, survival_agg(i * 13 % 5000, i % 2 = 0) FROM generate_series(1, 20000) AS i;
-- a daily cohort grid of 700 cohorts (tens of kB) and one at the first and last dates
INSERT INTO daily (day, cohort) SELECT 401, cohort_agg(i, date '2023-01-01' + i % 700, CASE WHEN i % 3 = 0 THEN date '2023-01-01' + i % 700 + i % 97 END, '2024-12-31', 'day')
FROM generate_series(1, 20000) AS i;
INSERT INTO daily (day, cohort)
SELECT 402, cohort_agg(1, 2.5, '4714-11-24 BC'::date, '4714-12-24 BC', '4712-01-01 BC', 'day') UNION ALL
SELECT 403, cohort_agg(1, 2.5, '5874890-01-01'::date, NULL, '5874897-12-30', 'year');
-- fitted models (with their report)
INSERT INTO daily (day, model)
VALUES (404, sbg_fit(ARRAY[1000, 631, 468, 382, 326, 289, 262, 241])),
       (405, sbg_fit(ARRAY[1000, 869, 743, 653, 593, 551, 517, 491])),
       (406, (SELECT gammagamma_fit(1 + i % 5, 5 + i % 17 * (1 + i % 3)) FROM generate_series(1, 500) AS i));
INSERT INTO daily (day, mrr)
SELECT 300, mrr_agg('a'::text, 5.25, date '0101-01-01 BC', NULL, daterange('0100-01-01 BC', '0099-01-01 BC'));
-- periods PostgreSQL accepts far from today: BC, the first and last dates, far-future timestamps
INSERT INTO daily (day, churn)
SELECT 100 + n, churn_agg(lower(p) - 1, CASE WHEN n % 2 = 0 THEN lower(p) + 1 END, p)
FROM (VALUES (1, daterange('0100-01-01 BC', '0099-01-01 BC')), (2, daterange('4714-11-25 BC', '4713-01-01 BC')),
             (3, daterange('5874897-01-01', '5874897-12-31')), (4, daterange('0001-12-31 BC', '0001-01-02'))) AS v(n, p)
GROUP BY n;
INSERT INTO daily (day, churn)
SELECT 200 + n, churn_agg(lower(p) - interval '1 day', upper(p) - interval '1 hour', p)
FROM (VALUES (1, tstzrange('0100-01-01 00:00+00 BC', '0099-01-01 12:30:00.5+00 BC')),
             (2, tstzrange('294276-01-01 00:00+00', '294276-12-31 23:59:59.999999+00'))) AS v(n, p)
GROUP BY n;
-- the same summaries stored out of line (TOAST) and compressed inline
CREATE TABLE daily_external (LIKE daily, pad text) WITH (toast_tuple_target = 128);
ALTER TABLE daily_external ALTER COLUMN nps SET STORAGE EXTERNAL, ALTER COLUMN csat SET STORAGE EXTERNAL,
    ALTER COLUMN ces SET STORAGE EXTERNAL, ALTER COLUMN clv SET STORAGE EXTERNAL, ALTER COLUMN share SET STORAGE EXTERNAL,
    ALTER COLUMN churn SET STORAGE EXTERNAL, ALTER COLUMN mrr SET STORAGE EXTERNAL, ALTER COLUMN survival SET STORAGE EXTERNAL,
    ALTER COLUMN cohort SET STORAGE EXTERNAL, ALTER COLUMN model SET STORAGE EXTERNAL,
    ALTER COLUMN tiers SET STORAGE EXTERNAL, ALTER COLUMN referral SET STORAGE EXTERNAL,
    ALTER COLUMN pad SET STORAGE EXTERNAL;
INSERT INTO daily_external SELECT *, (SELECT string_agg(md5(day::text || g), '') FROM generate_series(1, 80) g) FROM daily;
CREATE TABLE daily_main (LIKE daily_external) WITH (toast_tuple_target = 128);
ALTER TABLE daily_main ALTER COLUMN nps SET STORAGE MAIN, ALTER COLUMN csat SET STORAGE MAIN,
    ALTER COLUMN ces SET STORAGE MAIN, ALTER COLUMN clv SET STORAGE MAIN, ALTER COLUMN share SET STORAGE MAIN,
    ALTER COLUMN churn SET STORAGE MAIN, ALTER COLUMN mrr SET STORAGE MAIN, ALTER COLUMN survival SET STORAGE MAIN,
    ALTER COLUMN cohort SET STORAGE MAIN, ALTER COLUMN model SET STORAGE MAIN,
    ALTER COLUMN tiers SET STORAGE MAIN, ALTER COLUMN referral SET STORAGE MAIN,
    ALTER COLUMN pad SET STORAGE EXTERNAL;
INSERT INTO daily_main SELECT * FROM daily_external;
SQL
dump="target/dump-pg$("${PG_CONFIG:-/usr/bin/pg_config}" --version | sed 's/^PostgreSQL \([0-9]*\).*/\1/')/summaries.dump"
mkdir -p "$(dirname "$dump")"
"$BINDIR/pg_dump" -Fc -d src -f "$dump"
"$BINDIR/pg_restore" -d dst "$dump"
# the stored bytes of every summary (send()), and their text, table by table
digest() {
    psql -X -At -d "$1" -c "SELECT md5(string_agg(concat_ws('|', day, nps, csat, ces, clv, share, churn, mrr, survival, cohort, model, tiers, referral,
        kpi_internal.npssummary_send(nps), kpi_internal.csatsummary_send(csat), kpi_internal.cessummary_send(ces), kpi_internal.clvsummary_send(clv),
        kpi_internal.sharesummary_send(share), kpi_internal.churnsummary_send(churn), kpi_internal.mrrsummary_send(mrr),
        kpi_internal.survivalsummary_send(survival), kpi_internal.cohortsummary_send(cohort), kpi_internal.customermodel_send(model),
        kpi_internal.tiersummary_send(tiers), kpi_internal.referralsummary_send(referral)), E'\n' ORDER BY day)) FROM $2"
}
for table in daily daily_external daily_main; do
    a=$(digest src "$table"); b=$(digest dst "$table")
    echo "dump: $table source $a, restored $b"
    [ "$a" = "$b" ] || { echo "dump: FAILED, restored summaries of $table differ" >&2; exit 1; }
done
[ "$(digest dst daily)" = "$(digest dst daily_external)" ] && [ "$(digest dst daily)" = "$(digest dst daily_main)" ] ||
    { echo "dump: FAILED, out-of-line or compressed summaries differ from plain ones" >&2; exit 1; }
psql -X -At -d dst -c "SELECT 'dump: BC and far-future periods ' || string_agg(churn::text, ', ' ORDER BY day) FROM daily WHERE day BETWEEN 100 AND 299"
psql -X -At -d dst -c "SELECT 'dump: restored nps ' || round(nps(rollup(nps)), 4) || ', csat ' || round(csat(rollup(csat)), 4) || ', ces ' || round(ces(rollup(ces)), 4) || ', clv ' || round(clv(rollup(clv)), 4) || ', share ' || round(share(rollup(share)), 4) || ', churn ' || round(churn_rate(rollup(churn)), 4) || ', nrr ' || round(nrr(rollup(mrr)), 4) || ', rmst ' || round(rmst(combine(survival), 365)::numeric, 4) || ', month-3 retention ' || round(retention_at(combine(cohort), 3), 4) FROM daily WHERE day < 100"
psql -X -At -d dst -c "SELECT 'dump: restored models ' || string_agg(model_name(model) || ' ' || customers(model), ', ' ORDER BY day) FROM daily WHERE day > 403"
echo "dump: ok"
