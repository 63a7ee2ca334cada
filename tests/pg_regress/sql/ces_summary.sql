-- ces_agg(score) -> cessummary -> rollup() -> ces(), responses().

-- happy path and every overload: ces(ces_agg(x)) = ces(x) = avg(x)
SELECT ces_agg(s), ces(ces_agg(s)), responses(ces_agg(s)) FROM (VALUES (1), (7), (6), (NULL)) AS v(s);
SELECT ces(ces_agg(s::smallint)) = ces(s) AS int2, ces(ces_agg(s::bigint)) = ces(s) AS int8,
       ces(ces_agg(s::numeric / 3)) = avg(s::numeric / 3) AS num
FROM (VALUES (1), (7), (6), (NULL)) AS v(s);
SELECT count(*) AS groups, count(*) FILTER (WHERE ces(x) IS DISTINCT FROM mean) AS mismatches
FROM (SELECT segment, id % 40, ces_agg(effort) AS x, avg(effort) AS mean FROM cx_fixture GROUP BY 1, 2) AS g;

-- NULLs and empty input
SELECT ces_agg(s) IS NULL AS no_rows FROM (SELECT 1 WHERE false) AS v(s);
SELECT ces_agg(s), ces(ces_agg(s)) IS NULL AS ces_null, responses(ces_agg(s)) FROM (VALUES (NULL::integer)) AS v(s);
SELECT rollup(x) FROM (VALUES (NULL::cessummary), ('{"v":1,"count":2,"sum":3.5}')) AS v(x);

-- daily summaries rolled up to months equal the raw aggregate; a rolling 7-day mean from the daily rows
CREATE TEMP TABLE ces_daily AS
SELECT requested_at::date AS day, segment, ces_agg(effort::numeric / 2) AS summary FROM cx_fixture GROUP BY 1, 2;
SELECT count(*) AS months, count(*) FILTER (WHERE rolled IS DISTINCT FROM raw) AS mismatches
FROM (SELECT date_trunc('month', day) AS m, segment, ces(rollup(summary)) AS rolled FROM ces_daily GROUP BY 1, 2) AS r
JOIN LATERAL (SELECT ces(effort::numeric / 2) AS raw FROM cx_fixture f
              WHERE date_trunc('month', f.requested_at::date) = r.m AND f.segment = r.segment) AS x ON true;
CREATE TEMP TABLE ces_days AS SELECT day, rollup(summary) AS summary FROM ces_daily GROUP BY day;
SELECT count(*) AS days, count(*) FILTER (WHERE rolling IS DISTINCT FROM recomputed) AS mismatches
FROM (SELECT d.day, ces(rollup(summary) OVER (ORDER BY day ROWS BETWEEN 6 PRECEDING AND CURRENT ROW)) AS rolling,
             (SELECT ces(effort::numeric / 2) FROM cx_fixture f WHERE f.requested_at::date BETWEEN d.day - 6 AND d.day) AS recomputed
      FROM ces_days d) AS w;

-- parallel rollup equals serial
CREATE TABLE ces_summaries AS SELECT id % 3000 AS bucket, ces_agg(effort) AS summary FROM cx_fixture GROUP BY 1;
ANALYZE ces_summaries;
SET parallel_setup_cost = 0;
SET parallel_tuple_cost = 0;
SET min_parallel_table_scan_size = 0;
SET max_parallel_workers_per_gather = 2;
EXPLAIN (COSTS OFF) SELECT rollup(summary) FROM ces_summaries;
SELECT rollup(summary)::text AS parallel_rollup FROM ces_summaries \gset
SET max_parallel_workers_per_gather = 0;
SELECT rollup(summary)::text = :'parallel_rollup' AS parallel_equals_serial,
       ces(rollup(summary)) = (SELECT avg(effort) FROM cx_fixture) AS equals_raw
FROM ces_summaries;
RESET parallel_setup_cost;
RESET parallel_tuple_cost;
RESET min_parallel_table_scan_size;
RESET max_parallel_workers_per_gather;

-- text and binary forms round-trip
SELECT count(*) FILTER (WHERE summary::text::cessummary::text <> summary::text) AS text_mismatches FROM ces_summaries;
COPY ces_summaries TO '/tmp/pg_kpi_regress_ces.bin' (FORMAT binary);
CREATE TEMP TABLE copied (bucket integer, summary cessummary);
COPY copied FROM '/tmp/pg_kpi_regress_ces.bin' (FORMAT binary);
SELECT count(*) AS rows, count(*) FILTER (WHERE c.summary::text <> s.summary::text) AS binary_mismatches
FROM copied c JOIN ces_summaries s USING (bucket);
DROP TABLE ces_summaries;

-- errors
\set VERBOSITY sqlstate
SELECT 'x'::cessummary;
\set VERBOSITY default
SELECT 'x'::cessummary;
SELECT '{"v":1,"count":0,"sum":2}'::cessummary;
SELECT '{"v":9,"count":0,"sum":0}'::cessummary;
SELECT '{"v":1,"count":-1,"sum":0}'::cessummary;
SELECT ces_agg('NaN'::numeric);
