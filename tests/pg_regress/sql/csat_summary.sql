-- csat_agg(rating[, threshold]) -> csatsummary -> rollup() -> csat(), satisfied(), responses(), mean_rating().

-- happy path and every overload: csat(csat_agg(x)) = csat(x), mean_rating = avg
SELECT csat_agg(r), csat(csat_agg(r)), satisfied(csat_agg(r)), responses(csat_agg(r)), mean_rating(csat_agg(r))
FROM (VALUES (5), (4), (3), (NULL)) AS v(r);
SELECT csat(csat_agg(r::smallint, 5::smallint)) = csat(r, 5) AS int2, csat(csat_agg(r::bigint)) = csat(r) AS int8,
       csat(csat_agg(r::numeric / 2, 2.0)) = csat(r::numeric / 2, 2.0) AS num, csat_agg(r::numeric / 2, 2.0)
FROM (VALUES (5), (4), (3), (NULL)) AS v(r);
SELECT count(*) AS groups, count(*) FILTER (WHERE csat(x) IS DISTINCT FROM direct) AS mismatches,
       count(*) FILTER (WHERE mean_rating(x) IS DISTINCT FROM mean) AS mean_mismatches
FROM (SELECT segment, id % 30, csat_agg(rating) AS x, csat(rating) AS direct, avg(rating) AS mean FROM cx_fixture GROUP BY 1, 2) AS g;

-- NULLs and empty input
SELECT csat_agg(r) IS NULL AS no_rows FROM (SELECT 1 WHERE false) AS v(r);
SELECT csat_agg(r), csat(csat_agg(r)) IS NULL AS csat_null FROM (VALUES (NULL::integer)) AS v(r);

-- daily summaries rolled up per month equal the raw aggregate; rolling 7 days from daily rows
CREATE TEMP TABLE csat_daily AS SELECT requested_at::date AS day, segment, csat_agg(rating) AS summary FROM cx_fixture GROUP BY 1, 2;
SELECT count(*) AS months, count(*) FILTER (WHERE rolled IS DISTINCT FROM raw) AS mismatches
FROM (SELECT date_trunc('month', day) AS m, segment, csat(rollup(summary)) AS rolled FROM csat_daily GROUP BY 1, 2) AS r
JOIN LATERAL (SELECT csat(rating) AS raw FROM cx_fixture f
              WHERE date_trunc('month', f.requested_at::date) = r.m AND f.segment = r.segment) AS x ON true;
CREATE TEMP TABLE csat_days AS SELECT day, rollup(summary) AS summary FROM csat_daily GROUP BY day;
SELECT count(*) AS days, count(*) FILTER (WHERE rolling IS DISTINCT FROM recomputed) AS mismatches
FROM (SELECT d.day, csat(rollup(summary) OVER (ORDER BY day ROWS BETWEEN 6 PRECEDING AND CURRENT ROW)) AS rolling,
             (SELECT csat(rating) FROM cx_fixture f WHERE f.requested_at::date BETWEEN d.day - 6 AND d.day) AS recomputed
      FROM csat_days d) AS w;

-- parallel rollup equals serial
CREATE TABLE csat_summaries AS SELECT id % 3000 AS bucket, csat_agg(rating) AS summary FROM cx_fixture GROUP BY 1;
ANALYZE csat_summaries;
SET parallel_setup_cost = 0;
SET parallel_tuple_cost = 0;
SET min_parallel_table_scan_size = 0;
SET max_parallel_workers_per_gather = 2;
EXPLAIN (COSTS OFF) SELECT rollup(summary) FROM csat_summaries;
SELECT rollup(summary)::text AS parallel_rollup FROM csat_summaries \gset
SET max_parallel_workers_per_gather = 0;
SELECT rollup(summary)::text = :'parallel_rollup' AS parallel_equals_serial,
       csat(rollup(summary)) = (SELECT csat(rating) FROM cx_fixture) AS equals_raw
FROM csat_summaries;
RESET parallel_setup_cost;
RESET parallel_tuple_cost;
RESET min_parallel_table_scan_size;
RESET max_parallel_workers_per_gather;

-- text and binary forms round-trip
SELECT count(*) FILTER (WHERE summary::text::csatsummary::text <> summary::text) AS text_mismatches FROM csat_summaries;
-- the server writes and reads the file in its own data directory (clusters run side by side)
SELECT current_setting('data_directory') || '/pg_kpi_regress_csat.bin' AS copy_csat_bin \gset
COPY csat_summaries TO :'copy_csat_bin' (FORMAT binary);
CREATE TEMP TABLE copied (bucket integer, summary csatsummary);
COPY copied FROM :'copy_csat_bin' (FORMAT binary);
SELECT count(*) AS rows, count(*) FILTER (WHERE c.summary::text <> s.summary::text) AS binary_mismatches
FROM copied c JOIN csat_summaries s USING (bucket);
DROP TABLE csat_summaries;

-- errors: summaries with different thresholds do not combine
\set VERBOSITY sqlstate
SELECT rollup(s ORDER BY t) FROM (SELECT t, csat_agg(5, t) AS s FROM (VALUES (4), (5)) AS v(t) GROUP BY t) AS x;
\set VERBOSITY default
SELECT rollup(s ORDER BY t) FROM (SELECT t, csat_agg(5, t) AS s FROM (VALUES (4), (5)) AS v(t) GROUP BY t) AS x;
SELECT csat_agg(r, t) FROM (VALUES (5, 4), (4, 3)) AS v(r, t);
SELECT csat_agg(5, NULL::integer);
SELECT 'x'::csatsummary;
SELECT '{"v":1,"threshold":4,"satisfied":3,"responses":2,"sum":7}'::csatsummary;
