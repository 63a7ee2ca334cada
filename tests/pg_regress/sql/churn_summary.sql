-- churn_agg(...) -> churnsummary -> rollup() -> churn_rate(), retention_rate(), customers_at_start(), customers_lost().

-- the three shapes
SELECT churn_agg(at_start, lost), churn_rate(churn_agg(at_start, lost)) = churn_rate(at_start, lost) AS counts,
       retention_rate(churn_agg(at_start::bigint, lost::bigint)) = retention_rate(at_start, lost) AS counts_bigint
FROM churn_counts_fixture;
SELECT churn_agg(started_on < '2024-01-01', ended_on < '2024-07-01') AS flags,
       churn_agg(started_on, ended_on, daterange('2024-01-01', '2024-07-01')) AS period,
       churn_rate(churn_agg(started_on, ended_on, daterange('2024-01-01', '2024-07-01')))
         = churn_rate(started_on, ended_on, daterange('2024-01-01', '2024-07-01')) AS period_equal
FROM cx_fixture;
SET timezone = 'UTC';
SELECT churn_agg(started_on::timestamptz, ended_on::timestamptz, tstzrange('2024-01-01', '2024-07-01')) FROM cx_fixture;
RESET timezone;

-- segments rolled up equal the overall cohort; months of count rows pool into a quarter
SELECT churn_rate(rollup(x)) = (SELECT churn_rate(started_on, ended_on, daterange('2024-01-01', '2024-07-01')) FROM cx_fixture) AS segments_pool,
       sum(customers_at_start(x)) AS at_start, sum(customers_lost(x)) AS lost
FROM (SELECT segment, churn_agg(started_on, ended_on, daterange('2024-01-01', '2024-07-01')) AS x FROM cx_fixture GROUP BY 1) AS s;
CREATE TEMP TABLE monthly AS SELECT month, churn_agg(at_start, lost) AS summary FROM churn_counts_fixture GROUP BY month;
SELECT to_char(q.quarter, 'YYYY-"Q"Q') AS quarter, round(churn_rate(q.summary), 4) AS churn,
       round((SELECT churn_rate(at_start, lost) FROM churn_counts_fixture c WHERE date_trunc('quarter', c.month) = q.quarter), 4) AS from_raw_rows
FROM (SELECT date_trunc('quarter', month) AS quarter, rollup(summary) AS summary FROM monthly GROUP BY 1) AS q ORDER BY 1;
SELECT count(*) AS months, count(*) FILTER (WHERE rolling IS DISTINCT FROM recomputed) AS mismatches
FROM (SELECT m.month, churn_rate(rollup(summary) OVER (ORDER BY month ROWS BETWEEN 2 PRECEDING AND CURRENT ROW)) AS rolling,
             (SELECT churn_rate(at_start, lost) FROM churn_counts_fixture c WHERE c.month BETWEEN m.month - interval '2 months' AND m.month) AS recomputed
      FROM monthly m) AS w;

-- NULLs and empty
SELECT churn_agg(s, l) IS NULL AS no_rows FROM (SELECT 1, 1 WHERE false) AS v(s, l);
SELECT churn_agg(NULL::integer, NULL::integer), churn_rate(churn_agg(NULL::integer, NULL::integer)) IS NULL AS empty_cohort;

-- parallel rollup equals serial
CREATE TABLE churn_summaries AS SELECT id % 3000 AS bucket, churn_agg(started_on, ended_on, daterange('2024-01-01', '2024-07-01')) AS summary FROM cx_fixture GROUP BY 1;
ANALYZE churn_summaries;
SET parallel_setup_cost = 0;
SET parallel_tuple_cost = 0;
SET min_parallel_table_scan_size = 0;
SET max_parallel_workers_per_gather = 2;
EXPLAIN (COSTS OFF) SELECT rollup(summary) FROM churn_summaries;
SELECT rollup(summary)::text AS parallel_rollup FROM churn_summaries \gset
SET max_parallel_workers_per_gather = 0;
SELECT rollup(summary)::text = :'parallel_rollup' AS parallel_equals_serial FROM churn_summaries;
RESET parallel_setup_cost;
RESET parallel_tuple_cost;
RESET min_parallel_table_scan_size;
RESET max_parallel_workers_per_gather;

-- text and binary forms round-trip
SELECT count(*) FILTER (WHERE summary::text::churnsummary::text <> summary::text) AS text_mismatches FROM churn_summaries;
-- the server writes and reads the file in its own data directory (clusters run side by side)
SELECT current_setting('data_directory') || '/pg_kpi_regress_churn.bin' AS copy_churn_bin \gset
COPY churn_summaries TO :'copy_churn_bin' (FORMAT binary);
CREATE TEMP TABLE copied (bucket integer, summary churnsummary);
COPY copied FROM :'copy_churn_bin' (FORMAT binary);
SELECT count(*) AS rows, count(*) FILTER (WHERE c.summary::text <> s.summary::text) AS binary_mismatches
FROM copied c JOIN churn_summaries s USING (bucket);
DROP TABLE churn_summaries;
SELECT '{ "v": 1, "lost": 2, "at_start": 9, "period": "[2025-01-01 00:00:00+00,2025-02-01 00:00:00+00)" }'::churnsummary;

-- errors: cohorts of different periods do not combine
\set VERBOSITY sqlstate
SELECT rollup(x ORDER BY m) FROM (SELECT m, churn_agg('2024-01-01'::date, NULL, daterange(m, m + 31)) AS x
                                  FROM (VALUES ('2025-01-01'::date), ('2025-02-01')) AS v(m) GROUP BY m) AS t;
\set VERBOSITY default
SELECT rollup(x ORDER BY m) FROM (SELECT m, churn_agg('2024-01-01'::date, NULL, daterange(m, m + 31)) AS x
                                  FROM (VALUES ('2025-01-01'::date), ('2025-02-01')) AS v(m) GROUP BY m) AS t;
SELECT churn_agg(10, 12);
SELECT 'x'::churnsummary;
SELECT '{"v":1,"lost":5,"at_start":4,"period":null}'::churnsummary;
SELECT '{"v":1,"lost":1,"at_start":4,"period":"[2025-02-30,2025-03-01)"}'::churnsummary;
-- a cohort over a period and one without (counts or flags) do not combine either, in any order
CREATE TEMP TABLE two_shapes AS
SELECT 1 AS o, churn_agg(10, 2) AS x
UNION ALL SELECT 2, churn_agg('2024-01-01'::date, NULL, daterange('2025-01-01', '2025-02-01'));
SELECT rollup(x ORDER BY o) FROM two_shapes;
SELECT rollup(x ORDER BY o DESC) FROM two_shapes;
-- NULL summaries take no part: a rollup of NULLs and one cohort is that cohort
SELECT rollup(x ORDER BY o) FROM (SELECT 1, NULL::churnsummary UNION ALL SELECT * FROM two_shapes WHERE o = 2) AS v(o, x);

-- every date PostgreSQL accepts prints in its own style and reads back, BC included
SELECT churn_agg(lower(p) - 1, NULL, p) AS bc, churn_agg(lower(p) - 1, NULL, p)::text::churnsummary::text AS read_back
FROM (VALUES (daterange('0100-01-01 BC', '0099-01-01 BC')), (daterange('4714-11-25 BC', '4714-12-01 BC')),
             (daterange('5874897-01-01', '5874897-12-31'))) AS v(p) GROUP BY p ORDER BY lower(p);
SELECT churn_agg(lower(p) - interval '1 day', NULL, p)
FROM (VALUES (tstzrange('0100-01-01 00:00+00 BC', '0099-01-01 12:00:00.25+00 BC'))) AS v(p) GROUP BY p;
-- the form 0.1.0 printed for BC years (astronomical, with a sign) still reads, in today's form
SELECT '{"v":1,"lost":0,"at_start":1,"period":"[-099-01-01,-098-01-01)"}'::churnsummary;
-- outside PostgreSQL's range is an error where it enters, never a wrapped value
SELECT '{"v":1,"lost":0,"at_start":1,"period":"[300000-01-01 00:00:00+00,300001-01-01 00:00:00+00)"}'::churnsummary;
SELECT '{"v":1,"lost":0,"at_start":1,"period":"[4714-11-23 BC,2025-01-01)"}'::churnsummary;
-- messages show BC dates the same way
SELECT churn_rate(s, e, daterange('0100-01-01 BC', '0099-01-01 BC'))
FROM (VALUES ('0101-06-01 BC'::date, '0101-07-01 BC'::date), ('0101-01-01 BC', '0102-01-01 BC')) AS v(s, e);
-- strict JSON: keys in any order (as jsonb prints them), nothing else
SELECT '{"v":1,"lost":2,"at_start":9,"period":null}'::churnsummary::text::jsonb::text::churnsummary;
SELECT '{"v":1,"lost":2,"at_start":9,"period":null,"extra":1}'::churnsummary;
SELECT '{"v":1,"lost":2,"at_start":9}'::churnsummary;
SELECT '{"v":1,"lost":02,"at_start":9,"period":null}'::churnsummary;
