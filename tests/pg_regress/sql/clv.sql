-- clv(value, freq, lifespan) = avg(value) * avg(freq) * avg(lifespan) over complete rows.

-- happy path, grouped: the seeds' example is 100 per purchase, 2 purchases a year, 3 years = 600
CREATE TEMP TABLE cohorts (segment text, avg_order numeric, orders_per_year numeric, years numeric);
INSERT INTO cohorts VALUES ('smb', 100, 2, 3), ('smb', 50, 4, 1), ('ent', 1000.50, 1.5, 4.25), ('ent', 999.50, 2.5, 3.75);
SELECT segment, clv(avg_order, orders_per_year, years), round(clv(avg_order, orders_per_year, years), 2) AS rounded
FROM cohorts GROUP BY segment ORDER BY segment;
SELECT clv(100, 2, 3) AS seeds_example, pg_typeof(clv(100, 2, 3));

-- NULLs: a row with any NULL is skipped entirely (the hand-written avg * avg * avg would mix rows)
INSERT INTO cohorts VALUES ('smb', NULL, 1, 1), ('smb', 10, NULL, 1);
SELECT clv(avg_order, orders_per_year, years), avg(avg_order) * avg(orders_per_year) * avg(years) AS mixed_rows
FROM cohorts WHERE segment = 'smb';

-- all-NULL and empty input give NULL
SELECT clv(v, 1, 1) IS NULL AS all_null FROM (VALUES (NULL::numeric)) AS v(v);
SELECT clv(1, 2, 3) IS NULL AS empty FROM cohorts WHERE false;

-- each overload: integer and bigint take the exact path, not double precision
SELECT clv(v, f, l) AS int4, clv(v::bigint, f::bigint, l::bigint) AS int8, clv(v::numeric, f::numeric, l::numeric) AS num,
       clv(v::float8, f::float8, l::float8) AS float8, pg_typeof(clv(v, f, l)) AS int4_result_type
FROM (VALUES (100, 2, 3), (50, 4, 1), (7, 3, 1)) AS x(v, f, l);
SELECT clv(9223372036854775807, 9223372036854775807, 9223372036854775807) AS exact_bigint;
SELECT clv(2147483647, 2147483647, 2147483647) AS exact_int;

-- boundaries: zeros, tiny and large exact decimals
SELECT clv(0, 5, 5), clv(0.01, 0.01, 0.01), clv(12345678901234567890.12345678, 1, 1), clv(0.000000000000000000000000000000000001, 1, 1);
SELECT clv(v, 1, 1) FROM (VALUES (0.1), (0.2)) AS x(v);

-- every error
\set VERBOSITY sqlstate
SELECT clv(-1, 2, 3);
SELECT clv(1e40, 1, 1);
\set VERBOSITY default
SELECT clv(-1, 2, 3);
SELECT clv(1, -2::bigint, 3);
SELECT clv(1.5, 2, -0.25);
SELECT clv(1::float8, 'NaN', 3);
SELECT clv(1::float8, 2, '-Infinity');
SELECT clv('NaN'::numeric, 2, 3);
SELECT clv(1, 'Infinity'::numeric, 3);
SELECT clv(1e40, 1, 1);
SELECT clv(v, 1, 1) FROM (VALUES (99999999999999999999999999999999999999), (99999999999999999999999999999999999999)) AS x(v);
SELECT clv(v, 1, 1) FROM (VALUES (10000000000000000000000000000000000000), (0.05)) AS x(v);
SELECT clv(v, 1, 1) FROM (VALUES (1.7976931348623157e308::float8), (1.7976931348623157e308)) AS x(v);
-- a product of averages past double precision is an error, never Infinity
SELECT clv(1e308::float8, 1e308::float8, 1e308::float8);

-- GROUP BY agrees with avg * avg * avg over complete rows (to 10 decimals: one division vs three)
SELECT count(*) AS groups,
       count(*) FILTER (WHERE round(kpi, 10) IS DISTINCT FROM round(by_hand, 10)) AS mismatches
FROM (SELECT segment, id % 20 AS bucket, clv(purchase_value, purchase_freq, lifespan_years) AS kpi,
             avg(purchase_value) * avg(purchase_freq) * avg(lifespan_years) AS by_hand
      FROM cx_fixture WHERE purchase_value IS NOT NULL GROUP BY 1, 2) AS g;

-- window frames: the moving form equals recomputing every frame
CREATE TEMP TABLE stream AS SELECT id, purchase_value, purchase_freq, lifespan_years FROM cx_fixture WHERE id <= 1200;
SELECT count(*) AS rows, count(*) FILTER (WHERE a IS DISTINCT FROM ra) AS numeric_mismatches,
       count(*) FILTER (WHERE b IS DISTINCT FROM rb) AS int_mismatches
FROM (SELECT s1.id, clv(purchase_value, purchase_freq, lifespan_years) OVER w AS a,
             clv((purchase_value * 100)::int, (purchase_freq * 10)::int, (lifespan_years * 100)::int) OVER w AS b,
             (SELECT clv(s2.purchase_value, s2.purchase_freq, s2.lifespan_years) FROM stream s2 WHERE s2.id BETWEEN s1.id - 24 AND s1.id) AS ra,
             (SELECT clv((s2.purchase_value * 100)::int, (s2.purchase_freq * 10)::int, (s2.lifespan_years * 100)::int)
              FROM stream s2 WHERE s2.id BETWEEN s1.id - 24 AND s1.id) AS rb
      FROM stream s1 WINDOW w AS (ORDER BY id ROWS BETWEEN 24 PRECEDING AND CURRENT ROW)) AS x;

-- parallel plan equals serial
SET parallel_setup_cost = 0;
SET parallel_tuple_cost = 0;
SET min_parallel_table_scan_size = 0;
SET max_parallel_workers_per_gather = 2;
EXPLAIN (COSTS OFF) SELECT clv(purchase_value, purchase_freq, lifespan_years), clv(health, contacts, rating) FROM cx_fixture;
CREATE TEMP TABLE par AS SELECT clv(purchase_value, purchase_freq, lifespan_years) a, clv(health, contacts, rating) b FROM cx_fixture;
SET max_parallel_workers_per_gather = 0;
SELECT (a, b) = (SELECT clv(purchase_value, purchase_freq, lifespan_years), clv(health, contacts, rating) FROM cx_fixture)
       AS parallel_equals_serial, round(a, 4) AS clv_numeric, round(b, 4) AS clv_int
FROM par;
RESET parallel_setup_cost;
RESET parallel_tuple_cost;
RESET min_parallel_table_scan_size;
RESET max_parallel_workers_per_gather;

-- agreement with the hand-written SQL over complete rows
SELECT round(clv(purchase_value, purchase_freq, lifespan_years), 10) = round(avg(purchase_value) * avg(purchase_freq) * avg(lifespan_years), 10) AS agrees,
       clv(purchase_value, purchase_freq, lifespan_years) = sum(purchase_value) * sum(purchase_freq) * sum(lifespan_years) / count(*)^3 AS exact_form
FROM cx_fixture WHERE purchase_value IS NOT NULL;
