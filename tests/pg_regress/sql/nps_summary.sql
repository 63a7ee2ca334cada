-- nps_agg(score) -> npssummary -> rollup() -> nps(), responses(), ...: store daily, report any period.

-- happy path: the summary is the 0-10 histogram; accessors read it
SELECT nps_agg(s) FROM (VALUES (10), (9), (7), (3), (NULL)) AS v(s);
SELECT nps(x), responses(x), promoters(x), passives(x), detractors(x), mean_score(x), pg_column_size(x) AS bytes
FROM (SELECT nps_agg(s) AS x FROM (VALUES (10), (9), (7), (3), (NULL)) AS v(s)) AS t;

-- the one-step aggregate keeps its result: nps(nps_agg(x)) = nps(x) for every overload and group
SELECT count(*) AS groups,
       count(*) FILTER (WHERE nps(nps_agg) IS DISTINCT FROM nps) AS nps_mismatches,
       count(*) FILTER (WHERE mean_score(nps_agg) IS DISTINCT FROM mean) AS mean_mismatches,
       count(*) FILTER (WHERE responses(nps_agg) <> n) AS count_mismatches
FROM (SELECT segment, answered_on, nps_agg(score), nps(score), avg(score) AS mean, count(score) AS n
      FROM nps_fixture GROUP BY 1, 2) AS g;
SELECT nps(nps_agg(score::smallint)) = nps(score) AS int2, nps(nps_agg(score::bigint)) = nps(score) AS int8,
       nps(nps_agg(score::numeric)) = nps(score) AS num
FROM nps_fixture;

-- NULLs, empty input, a summary of nothing
SELECT nps_agg(s) IS NULL AS no_rows FROM (SELECT 1 WHERE false) AS v(s);
SELECT nps_agg(s), nps(nps_agg(s)) IS NULL AS nps_null, responses(nps_agg(s)), mean_score(nps_agg(s)) IS NULL AS mean_null
FROM (VALUES (NULL::integer)) AS v(s);
SELECT nps(NULL::npssummary) IS NULL AS accessor_of_null, rollup(x) IS NULL AS rollup_of_no_rows
FROM (SELECT NULL::npssummary WHERE false) AS v(x);
SELECT rollup(x) FROM (VALUES (NULL::npssummary), ('{"v":1,"counts":[0,0,0,0,0,0,1,0,0,0,2]}')) AS v(x);

-- the scheduled materialized view recipe: daily summaries per segment, a unique index for
-- REFRESH ... CONCURRENTLY, then any period from the daily rows, exactly
CREATE MATERIALIZED VIEW nps_daily AS
SELECT answered_on AS day, segment, nps_agg(score) AS summary
FROM nps_fixture GROUP BY 1, 2;
CREATE UNIQUE INDEX ON nps_daily (day, segment);
REFRESH MATERIALIZED VIEW CONCURRENTLY nps_daily;
SELECT count(*) AS periods, count(*) FILTER (WHERE rolled IS DISTINCT FROM raw) AS mismatches
FROM (SELECT p, r.grp, r.rolled, raw.v AS raw
      FROM (VALUES ('week'), ('month'), ('quarter')) AS periods(p),
           LATERAL (SELECT date_trunc(p, day) AS grp, segment, nps(rollup(summary)) AS rolled FROM nps_daily GROUP BY 1, 2) AS r
           JOIN LATERAL (SELECT nps(score) AS v FROM nps_fixture f
                         WHERE date_trunc(p, f.answered_on) = r.grp AND f.segment = r.segment) AS raw ON true) AS x;
SELECT to_char(date_trunc('quarter', day), 'YYYY-"Q"Q') AS quarter, round(nps(rollup(summary)), 2) AS nps,
       sum(responses(summary)) AS responses
FROM nps_daily GROUP BY 1 ORDER BY 1;
SELECT nps(rollup(summary)) = (SELECT nps(score) FROM nps_fixture) AS overall_equals_raw FROM nps_daily;
-- averaging the daily NPS values is not the NPS of the two days: day 1 has one promoter (NPS 100),
-- day 2 two detractors and a promoter (NPS -33.3); together 2 promoters and 2 detractors: 0
SELECT round(nps(rollup(summary)), 1) AS two_day_nps, round(avg(nps(summary)), 1) AS mean_of_daily_nps
FROM (SELECT nps_agg(s) AS summary FROM (VALUES (1, 10), (2, 0), (2, 0), (2, 10)) AS v(day, s) GROUP BY day) AS d;

-- a rolling 30-day NPS from the daily rows (the moving form) equals recomputing each frame
CREATE TEMP TABLE daily_all AS SELECT day, rollup(summary) AS summary FROM nps_daily GROUP BY day;
SELECT count(*) AS days, count(*) FILTER (WHERE rolling IS DISTINCT FROM recomputed) AS mismatches
FROM (SELECT d1.day, nps(rollup(summary) OVER (ORDER BY day ROWS BETWEEN 29 PRECEDING AND CURRENT ROW)) AS rolling,
             (SELECT nps(score) FROM nps_fixture f WHERE f.answered_on BETWEEN d1.day - 29 AND d1.day) AS recomputed
      FROM daily_all d1) AS w;

-- parallel rollup equals serial
CREATE TABLE nps_summaries AS SELECT id % 5000 AS bucket, nps_agg(score) AS summary FROM nps_fixture GROUP BY 1;
ANALYZE nps_summaries;
SET parallel_setup_cost = 0;
SET parallel_tuple_cost = 0;
SET min_parallel_table_scan_size = 0;
SET max_parallel_workers_per_gather = 2;
EXPLAIN (COSTS OFF) SELECT rollup(summary) FROM nps_summaries;
SELECT rollup(summary)::text AS parallel_rollup FROM nps_summaries \gset
SET max_parallel_workers_per_gather = 0;
SELECT rollup(summary)::text = :'parallel_rollup' AS parallel_equals_serial, nps(rollup(summary)) = (SELECT nps(score) FROM nps_fixture) AS equals_raw
FROM nps_summaries;
RESET parallel_setup_cost;
RESET parallel_tuple_cost;
RESET min_parallel_table_scan_size;
RESET max_parallel_workers_per_gather;

-- the text form round-trips, spaces allowed; the binary form round-trips through COPY BINARY
SELECT '{ "v": 1, "counts": [0, 0, 0, 0, 0, 0, 2, 0, 0, 0, 1] }'::npssummary;
SELECT count(*) FILTER (WHERE summary::text::npssummary::text <> summary::text) AS text_mismatches FROM nps_summaries;
-- the server writes and reads the file in its own data directory (clusters run side by side)
SELECT current_setting('data_directory') || '/pg_kpi_regress_summaries.bin' AS copy_summaries_bin \gset
COPY nps_summaries TO :'copy_summaries_bin' (FORMAT binary);
CREATE TEMP TABLE copied (bucket integer, summary npssummary);
COPY copied FROM :'copy_summaries_bin' (FORMAT binary);
SELECT count(*) AS rows, count(*) FILTER (WHERE c.summary::text <> s.summary::text) AS binary_mismatches
FROM copied c JOIN nps_summaries s USING (bucket);
-- the server writes and reads the file in its own data directory (clusters run side by side)
SELECT current_setting('data_directory') || '/pg_kpi_regress_summaries.txt' AS copy_summaries_txt \gset
COPY nps_summaries TO :'copy_summaries_txt';
TRUNCATE copied;
COPY copied FROM :'copy_summaries_txt';
SELECT count(*) AS rows, count(*) FILTER (WHERE c.summary::text <> s.summary::text) AS text_copy_mismatches
FROM copied c JOIN nps_summaries s USING (bucket);

-- malformed text is 22P02 and shows what was expected; nps_agg has nps()'s errors
\set VERBOSITY sqlstate
SELECT 'garbage'::npssummary;
\set VERBOSITY default
SELECT 'garbage'::npssummary;
SELECT '{"v":1,"counts":[1,2,3]}'::npssummary;
SELECT '{"v":2,"counts":[0,0,0,0,0,0,0,0,0,0,0]}'::npssummary;
SELECT '{"v":1,"counts":[0,0,0,0,0,0,0,0,0,0,-1]}'::npssummary;
SELECT '{"v":1,"counts":[9223372036854775807,1,0,0,0,0,0,0,0,0,0]}'::npssummary;
SELECT nps_agg(s) FROM (VALUES (11)) AS v(s);
SELECT nps_agg(s) FROM (VALUES (9.5)) AS v(s);
DROP TABLE nps_summaries;
DROP MATERIALIZED VIEW nps_daily;
