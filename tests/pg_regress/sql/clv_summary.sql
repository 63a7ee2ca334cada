-- clv_agg(value, freq, lifespan) -> clvsummary -> rollup() -> clv(), customers().

-- happy path and every overload: clv(clv_agg(x)) = clv(x)
SELECT clv_agg(v, f, l), clv(clv_agg(v, f, l)), customers(clv_agg(v, f, l))
FROM (VALUES (100, 2, 3), (50, 4, 1), (NULL, 1, 1)) AS x(v, f, l);
SELECT clv(clv_agg(v::bigint, f::bigint, l::bigint)) = clv(v, f, l) AS int8,
       clv(clv_agg(v::numeric / 3, f::numeric, l::numeric)) = clv(v::numeric / 3, f::numeric, l::numeric) AS num
FROM (VALUES (100, 2, 3), (50, 4, 1)) AS x(v, f, l);
SELECT count(*) AS groups, count(*) FILTER (WHERE clv(x) IS DISTINCT FROM direct) AS mismatches
FROM (SELECT segment, id % 30, clv_agg(purchase_value, purchase_freq, lifespan_years) AS x,
             clv(purchase_value, purchase_freq, lifespan_years) AS direct
      FROM cx_fixture GROUP BY 1, 2) AS g;

-- exact sums over mixed display scales (0-11) and widths (up to 27 digits) equal sum(), both
-- in a serial and a parallel plan (the partial states travel serialized)
CREATE TABLE clv_wide AS
SELECT i, CASE i % 3 WHEN 0 THEN round((i * 7919 % 100003)::numeric / 10::numeric ^ (i % 9), i % 9)
                     WHEN 1 THEN i * 123456789012345678901.2345 ELSE 0 END AS v,
       (i % 7)::numeric AS f, round(i::numeric / 7, i % 12) AS l
FROM generate_series(1, 20000) AS i;
ANALYZE clv_wide;
SELECT format('{"v":1,"n":%s,"value":%s,"freq":%s,"lifespan":%s}', count(*), sum(v), sum(f), sum(l)) AS by_sum
FROM clv_wide \gset
SELECT clv_agg(v, f, l)::text = :'by_sum' AS serial_equals_sum, clv_agg(v, f, l) FROM clv_wide;
SET parallel_setup_cost = 0;
SET parallel_tuple_cost = 0;
SET min_parallel_table_scan_size = 0;
SET max_parallel_workers_per_gather = 2;
EXPLAIN (COSTS OFF) SELECT clv_agg(v, f, l) FROM clv_wide;
SELECT clv_agg(v, f, l)::text = :'by_sum' AS parallel_equals_sum,
       clv(v, f, l) = sum(v) * sum(f) * sum(l) / (count(*)::numeric * count(*) * count(*)) AS clv_equals_formula
FROM clv_wide;
RESET parallel_setup_cost;
RESET parallel_tuple_cost;
RESET min_parallel_table_scan_size;
RESET max_parallel_workers_per_gather;
DROP TABLE clv_wide;

-- NULLs and empty input
SELECT clv_agg(v, 1, 1) IS NULL AS no_rows FROM (SELECT 1 WHERE false) AS x(v);
SELECT clv_agg(v, 1, 1), clv(clv_agg(v, 1, 1)) IS NULL AS clv_null, customers(clv_agg(v, 1, 1))
FROM (VALUES (NULL::integer)) AS x(v);

-- segment summaries rolled up overall equal the raw aggregate; a rolling window from daily rows
CREATE TEMP TABLE clv_by_segment AS
SELECT segment, clv_agg(purchase_value, purchase_freq, lifespan_years) AS summary FROM cx_fixture GROUP BY segment;
SELECT clv(rollup(summary)) = (SELECT clv(purchase_value, purchase_freq, lifespan_years) FROM cx_fixture) AS overall_equals_raw,
       sum(customers(summary)) AS customers
FROM clv_by_segment;
CREATE TEMP TABLE clv_days AS
SELECT requested_at::date AS day, clv_agg(purchase_value, purchase_freq, lifespan_years) AS summary FROM cx_fixture GROUP BY 1;
SELECT count(*) AS days, count(*) FILTER (WHERE rolling IS DISTINCT FROM recomputed) AS mismatches
FROM (SELECT d.day, clv(rollup(summary) OVER (ORDER BY day ROWS BETWEEN 6 PRECEDING AND CURRENT ROW)) AS rolling,
             (SELECT clv(purchase_value, purchase_freq, lifespan_years) FROM cx_fixture f
              WHERE f.requested_at::date BETWEEN d.day - 6 AND d.day) AS recomputed
      FROM clv_days d) AS w;

-- parallel rollup equals serial
CREATE TABLE clv_summaries AS SELECT id % 3000 AS bucket, clv_agg(purchase_value, purchase_freq, lifespan_years) AS summary FROM cx_fixture GROUP BY 1;
ANALYZE clv_summaries;
SET parallel_setup_cost = 0;
SET parallel_tuple_cost = 0;
SET min_parallel_table_scan_size = 0;
SET max_parallel_workers_per_gather = 2;
EXPLAIN (COSTS OFF) SELECT rollup(summary) FROM clv_summaries;
SELECT rollup(summary)::text AS parallel_rollup FROM clv_summaries \gset
SET max_parallel_workers_per_gather = 0;
SELECT rollup(summary)::text = :'parallel_rollup' AS parallel_equals_serial FROM clv_summaries;
RESET parallel_setup_cost;
RESET parallel_tuple_cost;
RESET min_parallel_table_scan_size;
RESET max_parallel_workers_per_gather;

-- text and binary forms round-trip
SELECT count(*) FILTER (WHERE summary::text::clvsummary::text <> summary::text) AS text_mismatches FROM clv_summaries;
-- the server writes and reads the file in its own data directory (clusters run side by side)
SELECT current_setting('data_directory') || '/pg_kpi_regress_clv.bin' AS copy_clv_bin \gset
COPY clv_summaries TO :'copy_clv_bin' (FORMAT binary);
CREATE TEMP TABLE copied (bucket integer, summary clvsummary);
COPY copied FROM :'copy_clv_bin' (FORMAT binary);
SELECT count(*) AS rows, count(*) FILTER (WHERE c.summary::text <> s.summary::text) AS binary_mismatches
FROM copied c JOIN clv_summaries s USING (bucket);
DROP TABLE clv_summaries;

-- errors
\set VERBOSITY sqlstate
SELECT 'x'::clvsummary;
\set VERBOSITY default
SELECT 'x'::clvsummary;
SELECT '{"v":1,"n":1,"value":-1,"freq":1,"lifespan":1}'::clvsummary;
SELECT '{"v":2,"n":0,"value":0,"freq":0,"lifespan":0}'::clvsummary;
SELECT clv_agg(1, -2, 3);
SELECT clv_agg(1.5, 'NaN', 3);
