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
-- the server writes and reads the file in its own data directory (clusters run side by side)
SELECT current_setting('data_directory') || '/pg_kpi_regress_ces.bin' AS copy_ces_bin \gset
COPY ces_summaries TO :'copy_ces_bin' (FORMAT binary);
CREATE TEMP TABLE copied (bucket integer, summary cessummary);
COPY copied FROM :'copy_ces_bin' (FORMAT binary);
SELECT count(*) AS rows, count(*) FILTER (WHERE c.summary::text <> s.summary::text) AS binary_mismatches
FROM copied c JOIN ces_summaries s USING (bucket);
DROP TABLE ces_summaries;

-- version 2 carries the exact sum of squares, equal to the hand-written sum(x * x); a score with
-- more than 12 decimals (effort / 4.0 has 20) has its square rounded to 24 decimals first, as
-- sum(round(x * x, 24)) does; version 1 summaries (0.1.0 to 0.2.0) still read and print as stored
SELECT count(*) AS groups, count(*) FILTER (WHERE (c::text::jsonb ->> 'sum_squares')::numeric IS DISTINCT FROM sq) AS int_mismatches,
       count(*) FILTER (WHERE (n::text::jsonb ->> 'sum_squares') IS DISTINCT FROM nsq::text) AS numeric_mismatches
FROM (SELECT segment, ces_agg(effort) AS c, sum(effort * effort) AS sq,
             ces_agg(effort / 4.0) AS n, sum(round((effort / 4.0) * (effort / 4.0), 24)) AS nsq FROM cx_fixture GROUP BY 1) AS g;
SELECT '{"v":1,"count":2,"sum":3.5}'::cessummary AS v1, '{"v":1,"count":2,"sum":3.5}'::cessummary::text::cessummary AS v1_again,
       '{"v":2,"count":2,"sum":3.5,"sum_squares":6.25}'::cessummary AS v2;
-- a rollup of both versions is version 1 (no sum of squares for all of its rows); of version 2 only, version 2
SELECT rollup(x) FROM (VALUES ('{"v":1,"count":2,"sum":3.5}'::cessummary), ('{"v":2,"count":1,"sum":1,"sum_squares":1}')) AS v(x);
SELECT rollup(x) FROM (VALUES ('{"v":2,"count":2,"sum":3.5,"sum_squares":6.25}'::cessummary), ('{"v":2,"count":1,"sum":1,"sum_squares":1}')) AS v(x);
-- a sum of squares past 38 digits is not kept (version 1, no interval), never an error
SELECT ces_agg(x) FROM (VALUES (20000000000000000000), (1)) AS v(x);
-- squares of scores with more than 12 decimals are rounded to 24 decimals, each
SELECT ces_agg(x) FROM (VALUES (0.00000000000000000001), (1)) AS v(x);
SELECT ces_agg(x / 3.0) FROM (VALUES (1), (2)) AS v(x);
-- scores of several display scales in one column: each square at the largest scale so far,
-- whole scores after decimal ones lifted to it (the per-row path), as sum(x * x) gives it
SELECT ces_agg(x), (ces_agg(x)::text::jsonb ->> 'sum_squares')::numeric = sum(x * x) AS squares_agree
FROM (VALUES (4), (4.5), (4.25), (7), (2.125), (3), (0.5)) AS v(x);
-- moving windows equal one step, as text, with the sum of squares: ces_agg over rows, and rollup
-- over a frame holding a version 1 summary and a square that does not fit
SELECT count(*) AS rows, count(*) FILTER (WHERE moving::text IS DISTINCT FROM one_step::text) AS mismatches,
       count(*) FILTER (WHERE moving::text LIKE '{"v":2,%') AS with_squares
FROM (SELECT ces_agg(x) OVER w AS moving, (SELECT ces_agg(y) FROM unnest(a[greatest(i - 3, 1):i]) AS y) AS one_step
      FROM (SELECT i, x, array_agg(x) OVER (ORDER BY i) AS a FROM (VALUES (1, 2.5), (2, 3), (3, 1.25), (4, 7), (5, 4), (6, 20000000000000000000), (7, 5), (8, 6), (9, 0.5), (10, 2)) AS v(i, x)) AS t
      WINDOW w AS (ORDER BY i ROWS BETWEEN 3 PRECEDING AND CURRENT ROW)) AS w;
SELECT count(*) AS rows, count(*) FILTER (WHERE moving::text IS DISTINCT FROM one_step::text) AS mismatches,
       count(*) FILTER (WHERE moving::text LIKE '{"v":2,%') AS with_squares
FROM (SELECT rollup(s) OVER w AS moving, (SELECT rollup(y) FROM unnest(a[greatest(i - 2, 1):i]) AS y) AS one_step
      FROM (SELECT i, s, array_agg(s) OVER (ORDER BY i) AS a
            FROM (VALUES (1, '{"v":2,"count":2,"sum":3.5,"sum_squares":6.25}'::cessummary), (2, '{"v":1,"count":2,"sum":3.5}'),
                         (3, '{"v":2,"count":1,"sum":1.5,"sum_squares":2.25}'), (4, '{"v":2,"count":2,"sum":3,"sum_squares":5}'),
                         (5, '{"v":2,"count":1,"sum":2,"sum_squares":4}'), (6, '{"v":2,"count":3,"sum":0.25,"sum_squares":0.0625}'),
                         (7, '{"v":2,"count":1,"sum":1,"sum_squares":1}')) AS v(i, s)) AS t
      WINDOW w AS (ORDER BY i ROWS BETWEEN 2 PRECEDING AND CURRENT ROW)) AS w;
-- parallel ces_agg equals serial, sum of squares included
SET parallel_setup_cost = 0;
SET parallel_tuple_cost = 0;
SET min_parallel_table_scan_size = 0;
SET max_parallel_workers_per_gather = 2;
SELECT ces_agg(effort)::text AS par_int, ces_agg(effort / 7.0)::text AS par_num FROM cx_fixture \gset
SET max_parallel_workers_per_gather = 0;
SELECT ces_agg(effort)::text = :'par_int' AS int_parallel_equals_serial, ces_agg(effort / 7.0)::text = :'par_num' AS numeric_parallel_equals_serial,
       ces_agg(effort) AS whole FROM cx_fixture;
RESET parallel_setup_cost;
RESET parallel_tuple_cost;
RESET min_parallel_table_scan_size;
RESET max_parallel_workers_per_gather;

-- errors
\set VERBOSITY sqlstate
SELECT 'x'::cessummary;
\set VERBOSITY default
SELECT 'x'::cessummary;
SELECT '{"v":1,"count":0,"sum":2}'::cessummary;
SELECT '{"v":9,"count":0,"sum":0}'::cessummary;
SELECT '{"v":1,"count":-1,"sum":0}'::cessummary;
SELECT '{"v":2,"count":2,"sum":6,"sum_squares":17}'::cessummary;
SELECT '{"v":2,"count":1,"sum":5,"sum_squares":26}'::cessummary;
SELECT '{"v":2,"count":0,"sum":0,"sum_squares":1}'::cessummary;
SELECT '{"v":2,"count":2,"sum":3}'::cessummary;
SELECT '{"v":1,"count":2,"sum":3,"sum_squares":5}'::cessummary;
SELECT ces_agg('NaN'::numeric);
