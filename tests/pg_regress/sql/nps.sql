-- nps(score): Net Promoter Score = 100 * (promoters 9-10 - detractors 0-6) / non-NULL scores.

-- happy path, grouped: a has 2 promoters, 1 passive, 1 detractor; b is all detractors
CREATE TEMP TABLE answers (segment text, score integer);
INSERT INTO answers VALUES ('a', 10), ('a', 9), ('a', 7), ('a', 3), ('b', 0), ('b', 6), ('c', 8);
SELECT segment, nps(score), round(nps(score), 1) AS rounded
FROM answers GROUP BY segment ORDER BY segment;
SELECT nps(score) AS overall, pg_typeof(nps(score)) AS type FROM answers;

-- NULLs are skipped: they count neither in the numerator nor in the denominator
INSERT INTO answers VALUES ('a', NULL), ('a', NULL), ('d', NULL);
SELECT segment, nps(score), count(*) AS rows, count(score) AS scored
FROM answers GROUP BY segment ORDER BY segment;

-- all-NULL input, empty input and an empty group give NULL, never 0 or NaN
SELECT nps(score) IS NULL AS all_null_is_null FROM answers WHERE segment = 'd';
SELECT nps(score) IS NULL AS empty_is_null FROM answers WHERE false;
SELECT nps(score) FILTER (WHERE score > 10) IS NULL AS empty_filter_is_null FROM answers;
SELECT nps(NULL::integer) IS NULL AS null_literal_is_null;

-- each overload: smallint, integer, bigint, numeric (a whole numeric like 9.0 is 9)
SELECT nps(s::smallint) AS int2, nps(s::integer) AS int4, nps(s::bigint) AS int8,
       nps(s::numeric) AS num, nps(s::numeric(4, 2)) AS num_scaled
FROM (VALUES (10), (9), (8), (2), (NULL)) AS v(s);
SELECT nps(s) FROM (VALUES (9.0), (10.00), (0.000), (7)) AS v(s);
SELECT nps(s) FROM (VALUES (NULL::numeric)) AS v(s);

-- every boundary: 0 and 6 are detractors, 7 and 8 passives, 9 and 10 promoters
SELECT s, nps(s), nps(s::smallint) AS int2, nps(s::bigint) AS int8, nps(s::numeric) AS num
FROM generate_series(0, 10) AS s GROUP BY s ORDER BY s;

-- every error is SQLSTATE 22003 and names the value; no partial result is returned
\set VERBOSITY sqlstate
SELECT nps(s) FROM (VALUES (10), (11)) AS v(s);
\set VERBOSITY default
SELECT nps(s) FROM (VALUES (10), (11)) AS v(s);
SELECT nps(s) FROM (VALUES (-1)) AS v(s);
SELECT nps(s) FROM (VALUES ((-1)::smallint)) AS v(s);
SELECT nps(s) FROM (VALUES (32767::smallint)) AS v(s);
SELECT nps(s) FROM (VALUES (9223372036854775807)) AS v(s);
SELECT nps(s) FROM (VALUES (-9223372036854775808)) AS v(s);
SELECT nps(s) FROM (VALUES (11.0)) AS v(s);
SELECT nps(s) FROM (VALUES (9.5)) AS v(s);
SELECT nps(s) FROM (VALUES (10.5)) AS v(s);
SELECT nps(s) FROM (VALUES (-0.5)) AS v(s);
SELECT nps(s) FROM (VALUES (1e30)) AS v(s);
SELECT nps(s) FROM (VALUES ('NaN'::numeric)) AS v(s);
SELECT nps(s) FROM (VALUES ('Infinity'::numeric)) AS v(s);
SELECT nps(s) FROM (VALUES ('-Infinity'::numeric)) AS v(s);
\set VERBOSITY sqlstate
SELECT nps(s) FROM (VALUES (9.5)) AS v(s);
SELECT nps(s) FROM (VALUES ('NaN'::numeric)) AS v(s);
\set VERBOSITY default

-- GROUP BY over many groups agrees with the hand-written formula in every group
SELECT segment, nps(score),
       100.0 * (count(*) FILTER (WHERE score >= 9) - count(*) FILTER (WHERE score <= 6))
             / count(score) AS by_hand
FROM nps_fixture GROUP BY segment ORDER BY segment;
SELECT count(*) AS months, count(*) FILTER (WHERE kpi IS DISTINCT FROM by_hand) AS mismatches
FROM (SELECT date_trunc('month', answered_on) AS month, segment, nps(score) AS kpi,
             100.0 * (count(*) FILTER (WHERE score >= 9) - count(*) FILTER (WHERE score <= 6))
                   / nullif(count(score), 0) AS by_hand
      FROM nps_fixture GROUP BY 1, 2) AS g;

-- window frames: the moving form (inverse transition) equals recomputing every frame
CREATE TEMP TABLE stream AS
SELECT id, score FROM nps_fixture WHERE id <= 2000;
SELECT count(*) AS rows,
       count(*) FILTER (WHERE rolling IS DISTINCT FROM recomputed) AS mismatches,
       count(*) FILTER (WHERE rolling IS NULL) AS null_frames
FROM (SELECT id,
             nps(score) OVER (ORDER BY id ROWS BETWEEN 24 PRECEDING AND CURRENT ROW) AS rolling,
             (SELECT nps(s2.score) FROM stream s2 WHERE s2.id BETWEEN s1.id - 24 AND s1.id) AS recomputed
      FROM stream s1) AS w;
-- frames made only of NULLs are NULL, and a frame that empties again goes back to NULL
SELECT i, s, nps(s) OVER (ORDER BY i ROWS BETWEEN 1 PRECEDING AND CURRENT ROW) AS last_two
FROM (VALUES (1, NULL), (2, NULL), (3, 10), (4, 0), (5, NULL), (6, NULL), (7, 9)) AS v(i, s)
ORDER BY i;
-- sliding frames over numeric and bigint scores, and a running total
SELECT i, nps(s::numeric) OVER w AS num, nps(s::bigint) OVER w AS int8,
       nps(s) OVER (ORDER BY i) AS running
FROM (VALUES (1, 10), (2, 3), (3, 9), (4, 9), (5, 7)) AS v(i, s)
WINDOW w AS (ORDER BY i ROWS BETWEEN 2 PRECEDING AND CURRENT ROW)
ORDER BY i;
-- partitioned windows
SELECT segment, count(DISTINCT kpi) AS distinct_values_per_partition
FROM (SELECT segment, nps(score) OVER (PARTITION BY segment) AS kpi FROM answers) AS p
GROUP BY segment ORDER BY segment;

-- parallel plan: Partial Aggregate in workers, combined by serialize/deserialize/combine,
-- equal to the serial result
SET parallel_setup_cost = 0;
SET parallel_tuple_cost = 0;
SET min_parallel_table_scan_size = 0;
SET max_parallel_workers_per_gather = 2;
EXPLAIN (COSTS OFF) SELECT nps(score) FROM nps_fixture;
SELECT nps(score) AS parallel_nps FROM nps_fixture \gset
EXPLAIN (COSTS OFF) SELECT segment, nps(score) FROM nps_fixture GROUP BY segment;
CREATE TEMP TABLE parallel_groups AS SELECT segment, nps(score) AS kpi FROM nps_fixture GROUP BY segment;
SET max_parallel_workers_per_gather = 0;
EXPLAIN (COSTS OFF) SELECT nps(score) FROM nps_fixture;
SELECT nps(score) = :'parallel_nps'::numeric AS parallel_equals_serial, nps(score) FROM nps_fixture;
SELECT count(*) AS groups, count(*) FILTER (WHERE p.kpi IS DISTINCT FROM s.kpi) AS mismatches
FROM parallel_groups p JOIN (SELECT segment, nps(score) AS kpi FROM nps_fixture GROUP BY segment) s USING (segment);
RESET parallel_setup_cost;
RESET parallel_tuple_cost;
RESET min_parallel_table_scan_size;
RESET max_parallel_workers_per_gather;

-- agreement with the hand-written formula on generated data, for every overload
SELECT nps(score) = 100.0 * (count(*) FILTER (WHERE score >= 9) - count(*) FILTER (WHERE score <= 6)) / count(score) AS int4_agrees,
       nps(score::smallint) = nps(score) AS int2_agrees,
       nps(score::bigint) = nps(score) AS int8_agrees,
       nps(score::numeric) = nps(score) AS numeric_agrees,
       nps(score)::text = (100.0 * (count(*) FILTER (WHERE score >= 9) - count(*) FILTER (WHERE score <= 6)) / count(score))::text AS same_digits
FROM nps_fixture;

-- README examples
CREATE TEMP TABLE survey_responses (answered_at timestamptz, segment text, score integer);
INSERT INTO survey_responses VALUES
  ('2026-01-05', 'smb', 10), ('2026-01-09', 'smb', 6), ('2026-01-20', 'enterprise', 9),
  ('2026-02-02', 'smb', 9), ('2026-02-14', 'enterprise', 7), ('2026-02-27', 'enterprise', NULL);
SELECT to_char(answered_at, 'YYYY-MM') AS month, segment, round(nps(score), 1) AS nps
FROM survey_responses GROUP BY 1, 2 ORDER BY 1, 2;
SELECT round(nps(score), 1) FROM survey_responses WHERE segment = 'nobody';
SELECT to_char(answered_at, 'YYYY-MM-DD') AS day, score,
       round(nps(score) OVER (ORDER BY answered_at ROWS BETWEEN 2 PRECEDING AND CURRENT ROW), 1) AS last_3
FROM survey_responses ORDER BY answered_at;
