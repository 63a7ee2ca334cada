-- cohort_agg(...) -> cohortsummary -> combine() -> retention_matrix(), retention_curve(), retention_at().

-- PostHog's example: three users start on day 0; one is back on day 1, one on day 5, one never
-- (events as one-day subscriptions). N-day: 100, 33.3, 0, 0, 0, 33.3, 0; unbounded: 100, 66.7,
-- 33.3, 33.3, 33.3, 33.3, 0.
CREATE TABLE posthog AS SELECT * FROM (VALUES (1, 0), (1, 1), (2, 0), (2, 5), (3, 0)) AS v(user_id, day);
SELECT n.period_offset AS day, n.eligible, n.retained, round(n.retention, 1) AS n_day, round(u.retention, 1) AS unbounded
FROM (SELECT cohort_agg(user_id, date '2025-03-03' + day, date '2025-03-03' + day, '2025-03-09', 'day') AS s FROM posthog) AS t,
     retention_matrix(s, 'active_in_period', 'n_period') AS n
     JOIN retention_matrix(s, 'active_in_period', 'on_or_after') AS u USING (cohort, period_offset)
ORDER BY 1;

-- one row per subscription: upgrades, downgrades, add-ons, cancellations and win-backs, generated
-- without random() so the output is stable (mrr.sql's table, with paid first plans)
CREATE TABLE cohort_subs AS
WITH sub AS (
    SELECT c, k, 1 + c % 4 AS n, (c * 37) % 400 + k * (45 + (c % 5) * 30) AS start_day,
           (ARRAY[0, 19.99, 49, 49.00, 99.5, 149, 299.90])[1 + (c + k * 3) % 7] AS mrr
    FROM generate_series(1, 3000) AS c, generate_series(0, 3) AS k WHERE k < 1 + c % 4)
SELECT c::bigint AS customer_id, CASE c % 3 WHEN 0 THEN 'smb' WHEN 1 THEN 'mid' ELSE 'ent' END AS segment, mrr,
       date '2023-06-01' + start_day AS started_on,
       CASE WHEN k < n - 1 THEN date '2023-06-01' + start_day + 45 + (c % 5) * 30 - CASE WHEN (c + k) % 3 = 0 THEN 10 + c % 30 ELSE 0 END
            WHEN c % 4 = 0 THEN date '2023-06-01' + start_day + 30 + (c * 13) % 300 END AS ended_on
FROM sub
UNION ALL  -- add-ons running beside the main plan
SELECT c, CASE c % 3 WHEN 0 THEN 'smb' WHEN 1 THEN 'mid' ELSE 'ent' END, 10.5, date '2023-09-01' + c % 300,
       CASE WHEN c % 20 = 0 THEN date '2023-09-01' + c % 300 + 200 END
FROM generate_series(10, 3000, 10) AS c
UNION ALL  -- rows that are skipped: no customer, no mrr, no start
SELECT NULL, 'smb', 99, '2023-01-01', NULL UNION ALL SELECT 1, 'mid', NULL, '2023-01-01', NULL
UNION ALL SELECT 2, 'ent', 99, NULL, NULL;
CREATE INDEX ON cohort_subs (customer_id);
ANALYZE cohort_subs;
CREATE TABLE cohorts AS
SELECT cohort_agg(customer_id, mrr, started_on, ended_on, '2024-06-30', 'month') AS s FROM cohort_subs;
SELECT customers(s) AS customers, (SELECT count(DISTINCT customer_id) FROM cohort_subs
                                   WHERE mrr IS NOT NULL AND started_on <= '2024-06-30') AS expected
FROM cohorts;

-- the cohort grid (end of period, N-month, returning customers in their first cohort): "not yet"
-- is empty, never 0 %; cohorts of the second half of 2023, the first six months
SELECT cohort, cohort_size AS size,
       max(round(retention, 1)) FILTER (WHERE period_offset = 0) AS m0, max(round(retention, 1)) FILTER (WHERE period_offset = 1) AS m1,
       max(round(retention, 1)) FILTER (WHERE period_offset = 2) AS m2, max(round(retention, 1)) FILTER (WHERE period_offset = 3) AS m3,
       max(round(retention, 1)) FILTER (WHERE period_offset = 6) AS m6, max(round(retention, 1)) FILTER (WHERE period_offset = 12) AS m12
FROM cohorts, retention_matrix(s) GROUP BY 1, 2 ORDER BY 1;
-- eligible customers of the youngest cohorts: only those whose month has ended
SELECT cohort, period_offset, cohort_size, eligible, retained, round(retention, 2) AS retention
FROM cohorts, retention_matrix(s) WHERE cohort >= '2024-04-01' AND period_offset <= 3 ORDER BY 1, 2;
-- MRR: initial, at the end of the month, net and gross retention of the first cohort
SELECT period_offset, eligible, initial_mrr, mrr, round(net_mrr_retention, 2) AS nrr, round(gross_mrr_retention, 2) AS grr
FROM cohorts, retention_matrix(s) WHERE cohort = '2023-06-01' AND period_offset <= 6 ORDER BY 2 DESC, 1;

-- every rule: totals over the grid and the pooled curve
SELECT r AS returning_customers, b AS retained_by, h AS horizon, sum(m.cohort_size) FILTER (WHERE m.period_offset = 0) AS members,
       sum(m.eligible) AS eligible, sum(m.retained) AS retained, count(*) FILTER (WHERE m.retention IS NULL) AS not_yet,
       round(retention_at(s, 3, b, h, r), 4) AS pooled_3
FROM cohorts, (VALUES ('first_cohort'), ('new_cohort')) AS rv(r), (VALUES ('end_of_period'), ('active_in_period')) AS bv(b),
     (VALUES ('n_period'), ('on_or_after')) AS hv(h), LATERAL retention_matrix(s, b, h, r) AS m
GROUP BY r, b, h, s ORDER BY 1, 2, 3;
SELECT period_offset, cohorts, eligible, retained, round(retention, 2) AS retention, round(net_mrr_retention, 2) AS nrr,
       round(gross_mrr_retention, 2) AS grr
FROM cohorts, retention_curve(s) WHERE period_offset IN (0, 1, 2, 3, 6, 9, 12) ORDER BY 1;

-- the hand-written SQL agrees (weekly cohorts: a week is 7 days from each customer's first start);
-- retained at week k when a subscription is active at the start of day first + 7 (k + 1)
WITH firsts AS (SELECT customer_id, min(started_on) AS first FROM cohort_subs
                WHERE customer_id IS NOT NULL AND mrr IS NOT NULL AND started_on <= '2024-06-30' GROUP BY 1),
     cells AS (SELECT date_trunc('week', f.first)::date AS cohort, k AS period_offset, count(*) AS eligible,
                      count(*) FILTER (WHERE EXISTS (SELECT FROM cohort_subs s WHERE s.customer_id = f.customer_id AND s.mrr IS NOT NULL
                                                     AND s.started_on < f.first + 7 * (k + 1) AND coalesce(s.ended_on >= f.first + 7 * (k + 1), true))) AS retained
               FROM firsts f, generate_series(0, 60) AS k WHERE f.first + 7 * (k + 1) <= date '2024-06-30' + 1 GROUP BY 1, 2)
SELECT count(*) AS cells, count(*) FILTER (WHERE h.eligible IS DISTINCT FROM m.eligible OR h.retained IS DISTINCT FROM m.retained) AS differ
FROM cells h FULL JOIN (SELECT m.* FROM (SELECT cohort_agg(customer_id, mrr, started_on, ended_on, '2024-06-30', 'week') AS s FROM cohort_subs) AS w,
                                       retention_matrix(w.s) AS m WHERE m.eligible > 0) AS m USING (cohort, period_offset);
-- ... and the traps: cohorts from a filtered window put earlier customers in 2024's cohorts, and a
-- grid without as_of (first + k + 1 months, running subscriptions counted) fills the months that
-- have not happened yet (where every member is eligible they agree but for a start on the 29th to
-- 31st: interval addition ends its first month on the 28th of February, age() on 1 March)
SELECT count(*) AS customers_in_2024_cohorts, count(*) FILTER (WHERE true_first < '2024-01-01') AS actually_earlier
FROM (SELECT customer_id, min(started_on) AS windowed_first FROM cohort_subs WHERE started_on >= '2024-01-01' GROUP BY 1) AS w
JOIN (SELECT customer_id, min(started_on) AS true_first FROM cohort_subs GROUP BY 1) AS t USING (customer_id);
WITH firsts AS (SELECT customer_id, min(started_on) AS first FROM cohort_subs
                WHERE customer_id IS NOT NULL AND mrr IS NOT NULL AND started_on <= '2024-06-30' GROUP BY 1),
     naive AS (SELECT date_trunc('month', f.first)::date AS cohort, k AS period_offset,
                      100.0 * count(*) FILTER (WHERE EXISTS (SELECT FROM cohort_subs s WHERE s.customer_id = f.customer_id AND s.mrr IS NOT NULL
                                                             AND s.started_on < (f.first + make_interval(months => k + 1))::date
                                                             AND coalesce(s.ended_on >= (f.first + make_interval(months => k + 1))::date, true))) / count(*) AS retention
               FROM firsts f, generate_series(0, 12) AS k GROUP BY 1, 2)
SELECT count(*) AS cells, count(*) FILTER (WHERE m.retention IS NULL) AS not_yet, count(*) FILTER (WHERE m.retention IS NULL AND n.retention IS NOT NULL) AS naive_fills,
       count(*) FILTER (WHERE m.eligible = m.cohort_size AND m.retention <> n.retention) AS complete_cells_differ
FROM naive n JOIN (SELECT m.* FROM cohorts, retention_matrix(s) AS m) AS m USING (cohort, period_offset);

-- NULLs skipped, nothing yet, boundaries
SELECT cohort_agg(c, st, en, '2025-01-31', 'month') FROM (VALUES (NULL::bigint, '2025-01-01'::date, NULL::date), (1, NULL, NULL), (2, '2025-03-01', NULL)) AS v(c, st, en);
SELECT cohort_agg(c, st, en, '2025-01-31', 'month') IS NULL AS no_rows FROM (SELECT 1::bigint, '2025-01-01'::date, NULL::date WHERE false) AS v(c, st, en);
SELECT cohort, period_offset, cohort_size, eligible, retained, retention
FROM retention_matrix((SELECT cohort_agg(1, '2025-01-15'::date, NULL, '2025-02-13', 'month')));
SELECT period_offset, eligible, retained FROM retention_matrix((SELECT cohort_agg(1, '2025-01-15'::date, NULL, '2025-02-14', 'month')));
SELECT count(*) AS points FROM retention_curve('{"v":1,"period":"year","as_of":"2025-06-30","mrr_scale":null,"first_cohort":[],"new_cohort":[]}');
-- an end on the day of the start: never active at the start of a day, but active in its period
SELECT retained_by, period_offset, retained
FROM (VALUES ('end_of_period'), ('active_in_period')) AS v(retained_by),
     retention_matrix((SELECT cohort_agg(1, '2025-01-15'::date, '2025-01-15', '2025-03-31', 'month')), retained_by) ORDER BY 1, 2;

-- GROUP BY: segments combine exactly into the whole
SELECT combine(s) = (SELECT s FROM cohorts) AS segments_add_up, rollup(s) = combine(s) AS rollup_is_combine, count(*) AS segments
FROM (SELECT segment, cohort_agg(customer_id, mrr, started_on, ended_on, '2024-06-30', 'month') AS s FROM cohort_subs GROUP BY segment) AS g;
SELECT segment, customers(s), round(retention_at(s, 6), 2) AS month_6, round(retention_at(s, 6, 'active_in_period', 'on_or_after'), 2) AS month_6_unbounded
FROM (SELECT segment, cohort_agg(customer_id, mrr, started_on, ended_on, '2024-06-30', 'month') AS s FROM cohort_subs GROUP BY segment) AS g ORDER BY 1;

-- windows: combine() over disjoint buckets of customers, moving = one step, byte for byte
CREATE TABLE cohort_buckets AS
SELECT customer_id % 20 AS bucket, cohort_agg(customer_id, mrr, started_on, ended_on, '2024-06-30', 'quarter') AS s
FROM cohort_subs WHERE customer_id IS NOT NULL GROUP BY 1;
SELECT count(*) AS frames, count(*) FILTER (WHERE moving <> direct) AS mismatches
FROM (SELECT bucket, combine(s) OVER (ORDER BY bucket ROWS BETWEEN 4 PRECEDING AND CURRENT ROW) AS moving,
             (SELECT combine(s) FROM cohort_buckets b2 WHERE b2.bucket BETWEEN b.bucket - 4 AND b.bucket) AS direct
      FROM cohort_buckets b) AS w;

-- ... and with MRR of different scales: when the last summary of the largest scale leaves the
-- frame, the money goes back to the largest scale left; a frame left empty is NULL
CREATE TABLE cohort_scales AS
SELECT customer_id % 10 AS bucket,
       cohort_agg(customer_id, CASE WHEN customer_id % 10 IN (3, 7) THEN mrr + 0.001 ELSE round(mrr) END, started_on, ended_on, '2024-06-30', 'quarter') AS s
FROM cohort_subs WHERE customer_id IS NOT NULL GROUP BY 1;
SELECT count(*) AS frames, count(*) FILTER (WHERE moving IS DISTINCT FROM direct) AS mismatches,
       count(DISTINCT moving::text LIKE '%"mrr_scale":3%') AS scales_seen, count(*) FILTER (WHERE moving IS NULL) AS empty_frames
FROM (SELECT bucket, combine(s) OVER (ORDER BY bucket ROWS BETWEEN 2 PRECEDING AND CURRENT ROW) AS moving,
             (SELECT combine(s) FROM cohort_scales b2 WHERE b2.bucket BETWEEN b.bucket - 2 AND b.bucket) AS direct
      FROM cohort_scales b
      UNION ALL
      SELECT bucket, combine(s) OVER (ORDER BY bucket RANGE BETWEEN 1 FOLLOWING AND 2 FOLLOWING),
             (SELECT combine(s) FROM cohort_scales b2 WHERE b2.bucket BETWEEN b.bucket + 1 AND b.bucket + 2)
      FROM cohort_scales b) AS w;

-- parallel equals serial
SET parallel_setup_cost = 0;
SET parallel_tuple_cost = 0;
SET min_parallel_table_scan_size = 0;
SET max_parallel_workers_per_gather = 2;
EXPLAIN (COSTS OFF) SELECT cohort_agg(customer_id, mrr, started_on, ended_on, '2024-06-30', 'month') FROM cohort_subs;
SELECT cohort_agg(customer_id, mrr, started_on, ended_on, '2024-06-30', 'month')::text AS parallel_summary FROM cohort_subs \gset
SELECT combine(s)::text AS parallel_combined FROM cohort_buckets \gset
SET max_parallel_workers_per_gather = 0;
SELECT cohort_agg(customer_id, mrr, started_on, ended_on, '2024-06-30', 'month')::text = :'parallel_summary' AS parallel_equals_serial,
       (SELECT combine(s)::text FROM cohort_buckets) = :'parallel_combined' AS combine_parallel_equals_serial
FROM cohort_subs;
RESET parallel_setup_cost;
RESET parallel_tuple_cost;
RESET min_parallel_table_scan_size;
RESET max_parallel_workers_per_gather;

-- ids as text and uuid give the same matrices as bigint
SELECT cohort_agg(customer_id::text, mrr, started_on, ended_on, '2024-06-30', 'month') = (SELECT s FROM cohorts) AS text_ids,
       cohort_agg(md5(customer_id::text)::uuid, mrr, started_on, ended_on, '2024-06-30', 'month') = (SELECT s FROM cohorts) AS uuid_ids
FROM cohort_subs;

-- text and binary forms round-trip; equality and hashing agree with the text
SELECT count(*) FILTER (WHERE s::text::cohortsummary::text <> s::text) AS text_mismatches,
       count(*) FILTER (WHERE s::text::cohortsummary <> s) AS unequal
FROM cohort_buckets;
SELECT current_setting('data_directory') || '/pg_kpi_regress_cohort.bin' AS copy_cohort_bin \gset
COPY cohort_buckets TO :'copy_cohort_bin' (FORMAT binary);
CREATE TEMP TABLE copied (bucket bigint, s cohortsummary);
COPY copied FROM :'copy_cohort_bin' (FORMAT binary);
SELECT count(*) AS rows, count(*) FILTER (WHERE c.s::text <> b.s::text) AS binary_mismatches,
       count(DISTINCT c.s) = count(DISTINCT c.s::text) AS distinct_by_value
FROM copied c JOIN cohort_buckets b USING (bucket);
SELECT cohort_agg(1, 49.90, '2025-01-10'::date, NULL, '2025-02-28', 'month');

-- errors
\set VERBOSITY sqlstate
SELECT cohort_agg(1, '2025-01-10'::date, NULL, NULL, 'month');
SELECT cohort_agg(1, '2025-01-10'::date, NULL, '2025-06-30', 'months');
SELECT cohort_agg(1, '2025-01-10'::date, '2025-01-05', '2025-06-30', 'month');
SELECT cohort_agg(1, -5::numeric, '2025-01-10'::date, NULL, '2025-06-30', 'month');
SELECT count(*) FROM retention_matrix((SELECT s FROM cohorts), 'end');
SELECT '{"v":1,"period":"month","as_of":"2025-06-30","mrr_scale":null,"first_cohort":[{"cohort":"2025-01-15","size":1,"cells":[]}],"new_cohort":[]}'::cohortsummary;
\set VERBOSITY default
SELECT cohort_agg(1, '-infinity'::date, NULL, '2025-06-30', 'month');
SELECT cohort_agg(c, '2025-01-10'::date, NULL, a, 'month') FROM (VALUES (1, '2025-06-30'::date), (2, '2025-07-31')) v(c, a);
SELECT count(*) FROM retention_curve((SELECT s FROM cohorts), horizon => 'unbounded');
SELECT combine(s) FROM (SELECT s FROM cohorts UNION ALL SELECT cohort_agg(1, '2025-01-10'::date, NULL, '2025-06-30', 'month')) AS v;
SELECT '{"v":1,"period":"month","as_of":"2025-06-30","mrr_scale":null,"first_cohort":[{"cohort":"2025-01-01","size":1,"cells":[[2,0,0,0,0]]}],"new_cohort":[]}'::cohortsummary;
DROP TABLE posthog, cohort_subs, cohorts, cohort_buckets, cohort_scales;
