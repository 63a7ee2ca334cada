-- share_agg(condition [, weight]) -> sharesummary -> rollup() -> share(), matching(), total().

-- happy path: the summary serves share, conversion and FCR rates, weighted or not
SELECT share_agg(converted), share(share_agg(converted)) = conversion_rate(converted) AS conversion,
       share(share_agg(contacts = 1)) = fcr_rate(contacts) AS fcr,
       share(share_agg(health < 40, mrr)) = share(health < 40, mrr) AS weighted
FROM cx_fixture;
SELECT count(*) AS groups, count(*) FILTER (WHERE share(x) IS DISTINCT FROM direct) AS mismatches
FROM (SELECT segment, id % 30, share_agg(health < 40, mrr) AS x, share(health < 40, mrr) AS direct
      FROM cx_fixture GROUP BY 1, 2) AS g;
SELECT matching(x), total(x), share(x) FROM (SELECT share_agg(h < 40, w) AS x FROM (VALUES (30, 100.50), (50, 200)) AS v(h, w)) AS t;

-- NULLs, empty input, zero total
SELECT share_agg(c) IS NULL AS no_rows FROM (SELECT true WHERE false) AS v(c);
SELECT share_agg(c), share(share_agg(c)) IS NULL AS share_null FROM (VALUES (NULL::boolean)) AS v(c);
SELECT share(share_agg(true, 0)) IS NULL AS zero_weight;

-- daily summaries rolled up per month equal the raw aggregate; rolling 7 days from daily rows
CREATE TEMP TABLE conv_daily AS SELECT requested_at::date AS day, share_agg(converted) AS summary FROM cx_fixture GROUP BY 1;
SELECT count(*) AS months, count(*) FILTER (WHERE rolled IS DISTINCT FROM raw) AS mismatches
FROM (SELECT date_trunc('month', day) AS m, share(rollup(summary)) AS rolled FROM conv_daily GROUP BY 1) AS r
JOIN LATERAL (SELECT conversion_rate(converted) AS raw FROM cx_fixture f WHERE date_trunc('month', f.requested_at::date) = r.m) AS x ON true;
SELECT count(*) AS days, count(*) FILTER (WHERE rolling IS DISTINCT FROM recomputed) AS mismatches
FROM (SELECT d.day, share(rollup(summary) OVER (ORDER BY day ROWS BETWEEN 6 PRECEDING AND CURRENT ROW)) AS rolling,
             (SELECT conversion_rate(converted) FROM cx_fixture f WHERE f.requested_at::date BETWEEN d.day - 6 AND d.day) AS recomputed
      FROM conv_daily d) AS w;

-- parallel rollup equals serial
CREATE TABLE share_summaries AS SELECT id % 3000 AS bucket, share_agg(health < 40, mrr) AS summary FROM cx_fixture GROUP BY 1;
ANALYZE share_summaries;
SET parallel_setup_cost = 0;
SET parallel_tuple_cost = 0;
SET min_parallel_table_scan_size = 0;
SET max_parallel_workers_per_gather = 2;
EXPLAIN (COSTS OFF) SELECT rollup(summary) FROM share_summaries;
SELECT rollup(summary)::text AS parallel_rollup FROM share_summaries \gset
SET max_parallel_workers_per_gather = 0;
SELECT rollup(summary)::text = :'parallel_rollup' AS parallel_equals_serial,
       share(rollup(summary)) = (SELECT share(health < 40, mrr) FROM cx_fixture) AS equals_raw
FROM share_summaries;
RESET parallel_setup_cost;
RESET parallel_tuple_cost;
RESET min_parallel_table_scan_size;
RESET max_parallel_workers_per_gather;

-- text and binary forms round-trip
SELECT count(*) FILTER (WHERE summary::text::sharesummary::text <> summary::text) AS text_mismatches FROM share_summaries;
-- the server writes and reads the file in its own data directory (clusters run side by side)
SELECT current_setting('data_directory') || '/pg_kpi_regress_share.bin' AS copy_share_bin \gset
COPY share_summaries TO :'copy_share_bin' (FORMAT binary);
CREATE TEMP TABLE copied (bucket integer, summary sharesummary);
COPY copied FROM :'copy_share_bin' (FORMAT binary);
SELECT count(*) AS rows, count(*) FILTER (WHERE c.summary::text <> s.summary::text) AS binary_mismatches
FROM copied c JOIN share_summaries s USING (bucket);
DROP TABLE share_summaries;

-- errors
\set VERBOSITY sqlstate
SELECT '{"v":1,"hits":5,"total":4}'::sharesummary;
\set VERBOSITY default
SELECT '{"v":1,"hits":5,"total":4}'::sharesummary;
SELECT '{"v":1,"hits":-1,"total":4}'::sharesummary;
SELECT '{"v":4,"hits":0,"total":0}'::sharesummary;
SELECT share_agg(true, -0.5);
SELECT share_agg(true, 'NaN');
