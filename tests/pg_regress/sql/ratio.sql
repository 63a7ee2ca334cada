-- share, conversion_rate, fcr_rate: percent of non-NULL rows; share(condition, weight) weighted.

-- happy path, grouped
CREATE TEMP TABLE tickets (team text, converted boolean, first_contact boolean, contacts integer, health integer, mrr numeric);
INSERT INTO tickets VALUES
  ('a', true, true, 1, 30, 100.50), ('a', false, false, 3, 80, 200), ('a', true, true, 1, 20, 49.50),
  ('b', false, false, 2, 90, 10), ('b', false, true, 1, 35, 0);
SELECT team, conversion_rate(converted), fcr_rate(first_contact), fcr_rate(contacts),
       share(health < 40) AS at_risk, share(health < 40, mrr) AS mrr_at_risk
FROM tickets GROUP BY team ORDER BY team;
SELECT pg_typeof(share(true)), round(share(health < 40, mrr), 1) FROM tickets;

-- NULLs are skipped (in either argument of the weighted share)
INSERT INTO tickets VALUES ('a', NULL, NULL, NULL, NULL, 500), ('a', true, NULL, NULL, 10, NULL), ('c', NULL, NULL, NULL, NULL, NULL);
SELECT team, conversion_rate(converted), fcr_rate(first_contact), fcr_rate(contacts), share(health < 40) AS at_risk,
       share(health < 40, mrr) AS mrr_at_risk
FROM tickets GROUP BY team ORDER BY team;

-- all-NULL, empty and zero-weight input give NULL
SELECT conversion_rate(converted) IS NULL AS all_null, share(health < 40, mrr) IS NULL AS all_null_weighted
FROM tickets WHERE team = 'c';
SELECT share(true) IS NULL AS empty, fcr_rate(1) IS NULL AS empty_fcr FROM tickets WHERE false;
SELECT share(true, 0) IS NULL AS zero_weight;

-- boundaries: all true, all false, a single row; contacts 1 is a hit, 2 is not
SELECT share(x), share(NOT x), conversion_rate(x) FROM (VALUES (true), (true)) AS v(x);
SELECT fcr_rate(c) FROM (VALUES (1)) AS v(c);
SELECT fcr_rate(c) FROM (VALUES (2)) AS v(c);
SELECT fcr_rate(c) FROM (VALUES (2147483647)) AS v(c);
SELECT share(true, w) FROM (VALUES (0.01), (0)) AS v(w);

-- every error names the value
\set VERBOSITY sqlstate
SELECT fcr_rate(c) FROM (VALUES (1), (0)) AS v(c);
SELECT share(true, -1);
\set VERBOSITY default
SELECT fcr_rate(c) FROM (VALUES (1), (0)) AS v(c);
SELECT fcr_rate(-2147483648);
SELECT share(h < 40, w) FROM (VALUES (30, 10), (50, -0.01)) AS v(h, w);
SELECT share(true, 'NaN');
SELECT share(true, 'Infinity');
SELECT share(true, 1e40);

-- GROUP BY agrees with the hand-written formulas in every group
SELECT count(*) AS groups,
       count(*) FILTER (WHERE conv IS DISTINCT FROM conv_by_hand) AS conv_mismatches,
       count(*) FILTER (WHERE fcr IS DISTINCT FROM fcr_by_hand) AS fcr_mismatches,
       count(*) FILTER (WHERE risk IS DISTINCT FROM risk_by_hand) AS risk_mismatches,
       -- without coalesce, a group with no at-risk MRR is NULL instead of 0 %
       count(*) FILTER (WHERE risk_naive IS NULL AND risk = 0) AS naive_formula_null_instead_of_0
FROM (SELECT segment, health / 10 AS band,
             conversion_rate(converted) AS conv,
             100.0 * count(*) FILTER (WHERE converted) / nullif(count(converted), 0) AS conv_by_hand,
             fcr_rate(contacts) AS fcr,
             100.0 * count(*) FILTER (WHERE contacts = 1) / nullif(count(contacts), 0) AS fcr_by_hand,
             share(health < 40, mrr) AS risk,
             100.0 * coalesce(sum(mrr) FILTER (WHERE health < 40), 0) / nullif(sum(mrr), 0) AS risk_by_hand,
             100.0 * sum(mrr) FILTER (WHERE health < 40) / nullif(sum(mrr), 0) AS risk_naive
      FROM cx_fixture GROUP BY 1, 2) AS g;

-- window frames: the moving form equals recomputing every frame
CREATE TEMP TABLE stream AS SELECT id, converted, contacts, health, mrr FROM cx_fixture WHERE id <= 1500;
SELECT count(*) AS rows, count(*) FILTER (WHERE a IS DISTINCT FROM ra) AS conv_mismatches,
       count(*) FILTER (WHERE b IS DISTINCT FROM rb) AS fcr_mismatches,
       count(*) FILTER (WHERE c IS DISTINCT FROM rc) AS share_mismatches
FROM (SELECT s1.id,
             conversion_rate(converted) OVER w AS a, fcr_rate(contacts) OVER w AS b, share(health < 40, mrr) OVER w AS c,
             (SELECT conversion_rate(s2.converted) FROM stream s2 WHERE s2.id BETWEEN s1.id - 19 AND s1.id) AS ra,
             (SELECT fcr_rate(s2.contacts) FROM stream s2 WHERE s2.id BETWEEN s1.id - 19 AND s1.id) AS rb,
             (SELECT share(s2.health < 40, s2.mrr) FROM stream s2 WHERE s2.id BETWEEN s1.id - 19 AND s1.id) AS rc
      FROM stream s1 WINDOW w AS (ORDER BY id ROWS BETWEEN 19 PRECEDING AND CURRENT ROW)) AS x;
SELECT i, x, share(x) OVER (ORDER BY i ROWS BETWEEN 1 PRECEDING AND CURRENT ROW)
FROM (VALUES (1, NULL), (2, true), (3, NULL), (4, NULL), (5, false)) AS v(i, x) ORDER BY i;

-- parallel plan equals serial
SET parallel_setup_cost = 0;
SET parallel_tuple_cost = 0;
SET min_parallel_table_scan_size = 0;
SET max_parallel_workers_per_gather = 2;
EXPLAIN (COSTS OFF)
SELECT conversion_rate(converted), fcr_rate(contacts), fcr_rate(contacts = 1), share(health < 40), share(health < 40, mrr) FROM cx_fixture;
CREATE TEMP TABLE par AS
SELECT conversion_rate(converted) a, fcr_rate(contacts) b, fcr_rate(contacts = 1) c, share(health < 40) d, share(health < 40, mrr) e FROM cx_fixture;
SET max_parallel_workers_per_gather = 0;
SELECT (a, b, c, d, e) = (SELECT conversion_rate(converted), fcr_rate(contacts), fcr_rate(contacts = 1), share(health < 40), share(health < 40, mrr) FROM cx_fixture) AS parallel_equals_serial,
       round(a, 4) AS conversion, round(b, 4) AS fcr, round(e, 4) AS mrr_at_risk
FROM par;
RESET parallel_setup_cost;
RESET parallel_tuple_cost;
RESET min_parallel_table_scan_size;
RESET max_parallel_workers_per_gather;

-- agreement with the hand-written SQL, digit for digit
SELECT conversion_rate(converted)::text = (100.0 * count(*) FILTER (WHERE converted) / count(converted))::text AS conversion,
       fcr_rate(contacts)::text = (100.0 * count(*) FILTER (WHERE contacts = 1) / count(contacts))::text AS fcr,
       share(health < 40) = 100.0 * count(*) FILTER (WHERE health < 40) / count(health) AS share,
       share(health < 40, mrr) = 100.0 * sum(mrr) FILTER (WHERE health < 40) / sum(mrr) AS weighted
FROM cx_fixture;

-- README recipes: % of at-risk customers, % of revenue at risk, % of expanded accounts, % of references
CREATE TEMP TABLE accounts (account text, health_score integer, mrr numeric, mrr_a_year_ago numeric, is_reference boolean);
INSERT INTO accounts VALUES ('acme', 35, 1200, 1000, true), ('globex', 80, 300, 300, false),
                            ('initech', 55, 800, 650, NULL), ('umbrella', 20, 2000, 2400, false);
SELECT round(share(health_score < 40), 1) AS pct_at_risk,
       round(share(health_score < 40, mrr), 1) AS pct_mrr_at_risk,
       round(share(mrr > mrr_a_year_ago), 1) AS pct_expanded,
       round(share(is_reference), 1) AS pct_references
FROM accounts;
