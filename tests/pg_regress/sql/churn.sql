-- churn_rate and retention_rate: count rows, customer flags, and (start, end, period) rows.

-- happy path, grouped, from count rows
SELECT segment, churn_rate(at_start, lost), retention_rate(at_start, lost), retention_rate(at_start, at_end, new_customers)
FROM churn_counts_fixture WHERE segment IN ('seg0', 'seg1') GROUP BY segment ORDER BY segment;
-- a quarter is the pooled cohort, not the mean of monthly rates
SELECT date_trunc('quarter', month)::date = '2025-01-01' AS q1, round(churn_rate(at_start, lost), 2) AS pooled,
       round(avg(100.0 * lost / at_start), 2) AS mean_of_monthly_rates
FROM churn_counts_fixture WHERE month < '2025-04-01' GROUP BY 1;

-- per-customer flags: rows not active at start are outside the cohort
CREATE TEMP TABLE customers (segment text, active_at_start boolean, lost boolean, started_on date, ended_on date);
INSERT INTO customers VALUES
  ('smb', true, true, '2024-06-01', '2025-01-15'), ('smb', true, false, '2024-06-01', NULL),
  ('smb', false, true, '2025-01-10', '2025-01-20'), ('ent', true, false, '2023-01-01', '2025-03-01'),
  ('ent', true, true, '2024-12-31', '2025-01-01'), ('ent', true, false, '2024-05-05', '2025-02-01');
SELECT segment, churn_rate(active_at_start, lost), retention_rate(active_at_start, lost),
       churn_rate(started_on, ended_on, daterange('2025-01-01', '2025-02-01')) AS january_churn,
       retention_rate(started_on, ended_on, daterange('2025-01-01', '2025-02-01')) AS january_retention,
       churn_rate(started_on::timestamptz, ended_on::timestamptz, tstzrange('2025-01-01', '2025-02-01')) AS tstz
FROM customers GROUP BY segment ORDER BY segment;

-- NULLs: a NULL count or flag skips the row; a NULL start skips the customer; a NULL end is still a customer
INSERT INTO customers VALUES ('smb', NULL, true, NULL, NULL), ('smb', true, NULL, '2024-01-01', NULL);
SELECT churn_rate(active_at_start, lost), churn_rate(started_on, ended_on, daterange('2025-01-01', '2025-02-01'))
FROM customers WHERE segment = 'smb';
SELECT churn_rate(s, l), retention_rate(s, e, n) FROM (VALUES (100, 5, 95, 0), (NULL, 50, 1, 1), (10, NULL, NULL, 0)) AS v(s, l, e, n);

-- empty cohorts give NULL
SELECT churn_rate(0, 0) IS NULL AS zero_start, retention_rate(0, 0, 0) IS NULL AS zero_classic,
       churn_rate(false, true) IS NULL AS nobody_active,
       churn_rate('2025-01-05'::date, NULL, daterange('2025-01-01', '2025-02-01')) IS NULL AS joined_during,
       churn_rate(s, l) IS NULL AS no_rows
FROM (SELECT 1, 1 WHERE false) AS v(s, l);

-- boundaries: lost = at_start; ended on the first and on the last day of the period; ended the day after;
-- inclusive upper bound
SELECT churn_rate(10, 10), retention_rate(10, 10), retention_rate(10, 10, 0), retention_rate(10, 5, 5);
SELECT e, churn_rate('2024-12-31'::date, e, daterange('2025-01-01', '2025-02-01')) AS churn,
       churn_rate('2024-12-31'::date, e, daterange('2025-01-01', '2025-01-31', '[]')) AS churn_closed
FROM (VALUES ('2024-12-31'::date), ('2025-01-01'), ('2025-01-31'), ('2025-02-01'), (NULL)) AS v(e) GROUP BY e ORDER BY e;
SELECT churn_rate('2025-01-01'::date, NULL, daterange('2025-01-01', '2025-02-01')) AS started_on_first_day,
       churn_rate('-infinity'::date, 'infinity', daterange('2025-01-01', '2025-02-01')) AS forever;
SELECT churn_rate(2147483647, 2147483647), churn_rate(9223372036854775807, 1);

-- every error
\set VERBOSITY sqlstate
SELECT churn_rate(10, 12);
SELECT churn_rate(-1, 0);
\set VERBOSITY default
SELECT churn_rate(10, 12);
SELECT churn_rate(-1, 0);
SELECT churn_rate(5::bigint, -2::bigint);
SELECT retention_rate(10, 12);
SELECT retention_rate(100, 5, 10);
SELECT retention_rate(10, 30, 5);
SELECT retention_rate(-10, 0, 0);
SELECT retention_rate(10, 0, -1::bigint);
SELECT churn_rate(s, 0) FROM (VALUES (9223372036854775807), (1)) AS v(s);
-- a bad row after the first is reported the same (later rows take the transitions' fast path)
SELECT churn_rate(s, l) FROM (VALUES (10, 1), (10, 12)) AS v(s, l);
SELECT retention_rate(s, l) FROM (VALUES (10::bigint, 1::bigint), (-1, 0)) AS v(s, l);
SELECT retention_rate(s, e, n) FROM (VALUES (10, 10, 0), (10, 30, 5)) AS v(s, e, n);
SELECT retention_rate(s, e, n) FROM (VALUES (10::bigint, 10::bigint, 0::bigint), (10, 5, 10)) AS v(s, e, n);
SELECT churn_rate(started_on, ended_on, NULL) FROM customers;
SELECT churn_rate(s, e, 'empty'::daterange) FROM (VALUES ('2024-06-01'::date, NULL::date)) AS v(s, e);
SELECT churn_rate(s, e, daterange('2025-01-01', NULL)) FROM (VALUES ('2024-06-01'::date, NULL::date)) AS v(s, e);
SELECT churn_rate(s, e, daterange(NULL, '2025-01-01')) FROM (VALUES ('2024-06-01'::date, NULL::date)) AS v(s, e);
SELECT churn_rate(s, e, daterange('2025-01-01', 'infinity')) FROM (VALUES ('2024-06-01'::date, NULL::date)) AS v(s, e);
SELECT retention_rate(s, e, p) FROM (VALUES ('2024-06-01'::date, NULL::date, daterange('2025-01-01', '2025-02-01')),
                                            ('2024-06-01', NULL, daterange('2025-02-01', '2025-03-01'))) AS v(s, e, p);
SELECT churn_rate('2025-03-01'::date, '2025-01-15'::date, daterange('2025-01-01', '2025-02-01'));
SELECT churn_rate('2025-03-01 08:00+00'::timestamptz, '2025-01-15 10:30+00', tstzrange('2025-01-01', '2025-02-01'));
SELECT churn_rate('2024-03-01 08:00+00'::timestamptz, NULL, tstzrange('2025-01-01 00:00+00', NULL));

-- GROUP BY over a real customer table agrees with the hand-written cohort formula in every group
SELECT count(*) AS groups, count(*) FILTER (WHERE kpi IS DISTINCT FROM by_hand) AS mismatches,
       count(*) FILTER (WHERE kpi IS NULL) AS empty_cohorts
FROM (SELECT segment, m,
             churn_rate(started_on, ended_on, daterange(m, (m + interval '1 month')::date)) AS kpi,
             100.0 * count(*) FILTER (WHERE started_on < m AND ended_on >= m AND ended_on < m + interval '1 month')
                   / nullif(count(*) FILTER (WHERE started_on < m AND (ended_on IS NULL OR ended_on >= m)), 0) AS by_hand
      FROM cx_fixture, (SELECT generate_series(date '2023-01-01', date '2025-12-01', interval '1 month')::date) AS months(m)
      WHERE id % 10 = 0
      GROUP BY 1, 2) AS g;

-- window frames: the moving forms equal recomputing every frame
SELECT count(*) AS rows, count(*) FILTER (WHERE a IS DISTINCT FROM ra) AS counts_mismatches,
       count(*) FILTER (WHERE b IS DISTINCT FROM rb) AS retention_mismatches
FROM (SELECT c1.month, c1.segment,
             churn_rate(at_start, lost) OVER w AS a, retention_rate(at_start, at_end, new_customers) OVER w AS b,
             (SELECT churn_rate(c2.at_start, c2.lost) FROM churn_counts_fixture c2
              WHERE c2.segment = c1.segment AND c2.month BETWEEN c1.month - interval '2 months' AND c1.month) AS ra,
             (SELECT retention_rate(c2.at_start, c2.at_end, c2.new_customers) FROM churn_counts_fixture c2
              WHERE c2.segment = c1.segment AND c2.month BETWEEN c1.month - interval '2 months' AND c1.month) AS rb
      FROM churn_counts_fixture c1 WINDOW w AS (PARTITION BY segment ORDER BY month ROWS BETWEEN 2 PRECEDING AND CURRENT ROW)) AS x;
CREATE TEMP TABLE stream AS SELECT id, started_on, ended_on, ended_on IS NOT NULL AS lost FROM cx_fixture WHERE id <= 1200;
SELECT count(*) AS rows, count(*) FILTER (WHERE a IS DISTINCT FROM ra) AS period_mismatches,
       count(*) FILTER (WHERE b IS DISTINCT FROM rb) AS flag_mismatches
FROM (SELECT s1.id, churn_rate(started_on, ended_on, daterange('2024-01-01', '2024-07-01')) OVER w AS a,
             churn_rate(started_on < '2024-06-01', lost) OVER w AS b,
             (SELECT churn_rate(s2.started_on, s2.ended_on, daterange('2024-01-01', '2024-07-01')) FROM stream s2 WHERE s2.id BETWEEN s1.id - 49 AND s1.id) AS ra,
             (SELECT churn_rate(s2.started_on < '2024-06-01', s2.lost) FROM stream s2 WHERE s2.id BETWEEN s1.id - 49 AND s1.id) AS rb
      FROM stream s1 WINDOW w AS (ORDER BY id ROWS BETWEEN 49 PRECEDING AND CURRENT ROW)) AS x;

-- parallel plan equals serial
SET parallel_setup_cost = 0;
SET parallel_tuple_cost = 0;
SET min_parallel_table_scan_size = 0;
SET max_parallel_workers_per_gather = 2;
EXPLAIN (COSTS OFF)
SELECT churn_rate(started_on, ended_on, daterange('2024-01-01', '2024-07-01')), retention_rate(started_on::timestamptz, ended_on::timestamptz, tstzrange('2024-01-01', '2024-07-01')),
       churn_rate(started_on < '2024-01-01', ended_on < '2024-07-01') FROM cx_fixture;
CREATE TEMP TABLE par AS
SELECT churn_rate(started_on, ended_on, daterange('2024-01-01', '2024-07-01')) a,
       retention_rate(started_on::timestamptz, ended_on::timestamptz, tstzrange('2024-01-01', '2024-07-01')) b,
       churn_rate(started_on < '2024-01-01', ended_on < '2024-07-01') c FROM cx_fixture;
SET max_parallel_workers_per_gather = 0;
SELECT (a, b, c) = (SELECT churn_rate(started_on, ended_on, daterange('2024-01-01', '2024-07-01')),
                            retention_rate(started_on::timestamptz, ended_on::timestamptz, tstzrange('2024-01-01', '2024-07-01')),
                            churn_rate(started_on < '2024-01-01', ended_on < '2024-07-01') FROM cx_fixture) AS parallel_equals_serial,
       round(a, 4) AS churn, round(b, 4) AS retention
FROM par;
RESET parallel_setup_cost;
RESET parallel_tuple_cost;
RESET min_parallel_table_scan_size;
RESET max_parallel_workers_per_gather;

-- agreement with the hand-written SQL, digit for digit
SELECT churn_rate(at_start, lost)::text = (100.0 * sum(lost) / sum(at_start))::text AS churn_counts,
       retention_rate(at_start, at_end, new_customers)::text = (100.0 * (sum(at_end) - sum(new_customers)) / sum(at_start))::text AS retention_classic,
       retention_rate(at_start, lost) = 100 - churn_rate(at_start, lost) AS retention_is_complement
FROM churn_counts_fixture;
