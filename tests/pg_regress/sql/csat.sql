-- csat(rating[, threshold]), ces(score, easy_threshold): top-box percent; ces(score): mean effort.

-- happy path, grouped: top-2-box on 1-5 ratings, "easy" = 5+ on the 7-point CES scale
CREATE TEMP TABLE answers (channel text, rating integer, effort integer);
INSERT INTO answers VALUES ('chat', 5, 7), ('chat', 4, 5), ('chat', 2, 3), ('email', 3, 6), ('email', 1, 2), ('phone', 5, 1);
SELECT channel, csat(rating) AS csat_top2, csat(rating, 5) AS csat_top1, ces(effort) AS ces_mean, ces(effort, 5) AS ces_easy
FROM answers GROUP BY channel ORDER BY channel;
SELECT pg_typeof(csat(rating)), pg_typeof(ces(effort)), round(csat(rating), 1), round(ces(effort), 2) FROM answers;

-- NULLs skipped
INSERT INTO answers VALUES ('chat', NULL, NULL), ('email', NULL, 7), ('web', NULL, NULL);
SELECT channel, csat(rating), ces(effort), ces(effort, 5), count(*) AS rows FROM answers GROUP BY channel ORDER BY channel;

-- all-NULL and empty input give NULL
SELECT csat(rating) IS NULL AS csat_null, ces(effort) IS NULL AS ces_null, ces(effort, 5) IS NULL AS easy_null
FROM answers WHERE channel = 'web';
SELECT csat(rating, 4) IS NULL, ces(effort) IS NULL FROM answers WHERE false;

-- each overload
SELECT csat(r::smallint), csat(r::smallint, 4::smallint), csat(r::bigint), csat(r::bigint, 3::bigint),
       csat(r::numeric), csat(r::numeric, 4.5), ces(r::smallint), ces(r::bigint), ces(r::numeric), ces(r::numeric / 2),
       ces(r::smallint, 2::smallint), ces(r::bigint, 2::bigint), ces(r::numeric, 2.5)
FROM (VALUES (5), (4), (3), (1)) AS v(r);

-- boundaries: a rating equal to the threshold is in the top box; just below is not
SELECT csat(r, 4) FROM (VALUES (4)) AS v(r);
SELECT csat(r, 4) FROM (VALUES (3)) AS v(r);
SELECT csat(r, 4.5) FROM (VALUES (4.5), (4.49), (4.50)) AS v(r);
SELECT csat(r, t) FROM (VALUES (4, 4.0), (5, 4.00)) AS v(r, t);
SELECT ces(s) FROM (VALUES (-3), (3)) AS v(s);
SELECT ces(s) FROM (VALUES (2147483647), (2147483647)) AS v(s);
SELECT ces(s) FROM (VALUES (9223372036854775807), (9223372036854775807)) AS v(s);

-- every error: NULL or changing threshold is 22023, NaN and infinity are 22003
\set VERBOSITY sqlstate
SELECT csat(r, t) FROM (VALUES (5, 4), (4, 3)) AS v(r, t);
SELECT csat('NaN'::numeric);
\set VERBOSITY default
SELECT csat(r, t) FROM (VALUES (5, 4), (4, 3)) AS v(r, t);
SELECT csat(r, NULL) FROM (VALUES (5)) AS v(r);
SELECT csat(r, t) FROM (VALUES (NULL, 4), (5, NULL)) AS v(r, t);
SELECT ces(s, t) FROM (VALUES (5.0, 4.5), (3, 5)) AS v(s, t);
SELECT ces(s, NULL::smallint) FROM (VALUES (5::smallint)) AS v(s);
SELECT csat('NaN'::numeric);
SELECT csat(4.0, 'Infinity');
SELECT csat('-Infinity'::numeric, 4);
SELECT ces('NaN'::numeric);
SELECT ces(1e40);
SELECT ces(s) FROM (VALUES (99999999999999999999999999999999999999), (99999999999999999999999999999999999999)) AS v(s);
SELECT ces(s) FROM (VALUES (10000000000000000000000000000000000000), (0.05)) AS v(s);
-- 38 digits is the limit, not 28: exact
SELECT ces(s) = avg(s) AS wide_mean_exact FROM (VALUES (12345678901234567890123456789012.5), (0.25)) AS v(s);

-- GROUP BY agrees with the hand-written formulas in every group
SELECT count(*) AS groups,
       count(*) FILTER (WHERE c IS DISTINCT FROM c_hand) AS csat_mismatches,
       count(*) FILTER (WHERE e IS DISTINCT FROM e_hand) AS ces_mean_mismatches,
       count(*) FILTER (WHERE x IS DISTINCT FROM x_hand) AS ces_easy_mismatches
FROM (SELECT segment, id % 50 AS bucket,
             csat(rating) AS c, 100.0 * count(*) FILTER (WHERE rating >= 4) / nullif(count(rating), 0) AS c_hand,
             ces(effort) AS e, avg(effort) AS e_hand,
             ces(effort, 5) AS x, 100.0 * count(*) FILTER (WHERE effort >= 5) / nullif(count(effort), 0) AS x_hand
      FROM cx_fixture GROUP BY 1, 2) AS g;

-- window frames: the moving form equals recomputing every frame
CREATE TEMP TABLE stream AS SELECT id, rating, effort FROM cx_fixture WHERE id <= 1500;
SELECT count(*) AS rows, count(*) FILTER (WHERE a IS DISTINCT FROM ra) AS csat_mismatches,
       count(*) FILTER (WHERE b IS DISTINCT FROM rb) AS ces_mismatches, count(*) FILTER (WHERE c IS DISTINCT FROM rc) AS easy_mismatches
FROM (SELECT s1.id, csat(rating) OVER w AS a, ces(effort::numeric / 2) OVER w AS b, ces(effort, 5) OVER w AS c,
             (SELECT csat(s2.rating) FROM stream s2 WHERE s2.id BETWEEN s1.id - 29 AND s1.id) AS ra,
             (SELECT ces(s2.effort::numeric / 2) FROM stream s2 WHERE s2.id BETWEEN s1.id - 29 AND s1.id) AS rb,
             (SELECT ces(s2.effort, 5) FROM stream s2 WHERE s2.id BETWEEN s1.id - 29 AND s1.id) AS rc
      FROM stream s1 WINDOW w AS (ORDER BY id ROWS BETWEEN 29 PRECEDING AND CURRENT ROW)) AS x;
SELECT i, r, csat(r) OVER w, ces(r) OVER w FROM (VALUES (1, NULL), (2, 5), (3, NULL), (4, NULL), (5, 2)) AS v(i, r)
WINDOW w AS (ORDER BY i ROWS BETWEEN 1 PRECEDING AND CURRENT ROW) ORDER BY i;

-- parallel plan equals serial
SET parallel_setup_cost = 0;
SET parallel_tuple_cost = 0;
SET min_parallel_table_scan_size = 0;
SET max_parallel_workers_per_gather = 2;
EXPLAIN (COSTS OFF) SELECT csat(rating), csat(rating::numeric, 4.5), ces(effort), ces(effort::numeric / 3), ces(effort, 5) FROM cx_fixture;
CREATE TEMP TABLE par AS SELECT csat(rating) a, csat(rating::numeric, 4.5) b, ces(effort) c, ces(effort::numeric / 3) d, ces(effort, 5) e FROM cx_fixture;
SET max_parallel_workers_per_gather = 0;
SELECT (a, b, c, d, e) = (SELECT csat(rating), csat(rating::numeric, 4.5), ces(effort), ces(effort::numeric / 3), ces(effort, 5) FROM cx_fixture)
       AS parallel_equals_serial, round(a, 4) AS csat, round(c, 4) AS ces
FROM par;
RESET parallel_setup_cost;
RESET parallel_tuple_cost;
RESET min_parallel_table_scan_size;
RESET max_parallel_workers_per_gather;

-- agreement with the hand-written SQL, digit for digit
SELECT csat(rating)::text = (100.0 * count(*) FILTER (WHERE rating >= 4) / count(rating))::text AS csat,
       ces(effort)::text = avg(effort)::text AS ces_mean,
       ces(effort::numeric / 3)::text = avg(effort::numeric / 3)::text AS ces_numeric_mean,
       ces(effort, 5)::text = (100.0 * count(*) FILTER (WHERE effort >= 5) / count(effort))::text AS ces_easy
FROM cx_fixture;
