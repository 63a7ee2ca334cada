-- survival_agg(...) -> survivalsummary -> combine() -> survival_at(), survival_curve(),
-- median_lifetime(), rmst(), logrank_test(), lifetime_value().

-- happy path: the 6-MP arm of Freireich's trial (Klein & Moeschberger, table 4.1B)
CREATE TABLE six_mp AS
SELECT * FROM unnest(ARRAY[6, 6, 6, 7, 10, 13, 16, 22, 23, 6, 9, 10, 11, 17, 19, 20, 25, 32, 32, 34, 35],
                     ARRAY[true, true, true, true, true, true, true, true, true, false, false, false, false, false,
                           false, false, false, false, false, false, false]) AS v(weeks, relapsed);
SELECT survival_agg(weeks, relapsed) FROM six_mp;
SELECT duration, at_risk, churned, censored, entered, round(survival::numeric, 4) AS survival,
       round(std_error::numeric, 4) AS std_error, round(lower::numeric, 4) AS lower, round(upper::numeric, 4) AS upper
FROM survival_curve((SELECT survival_agg(weeks, relapsed) FROM six_mp));
SELECT customers(s), churned_customers(s), median_lifetime(s), round(rmst(s, 35)::numeric, 4) AS rmst_35,
       round(survival_at(s, 12)::numeric, 6) AS s_12, round(survival_std_error(s, 12)::numeric, 6) AS se_12,
       round(survival_lower(s, 12, 0.9)::numeric, 6) AS lower_90, round(survival_upper(s, 12, 0.9)::numeric, 6) AS upper_90,
       round(lifetime_value(s, 49.90, 35), 2) AS value_35_weeks
FROM (SELECT survival_agg(weeks, relapsed) AS s FROM six_mp) AS t;

-- the hand-written Kaplan-Meier (at risk by a window, exp(sum(ln(1 - d/n)))) agrees where it is defined
CREATE TABLE lifetimes AS
SELECT id, segment, least(coalesce(ended_on, '2025-06-30'), '2025-06-30') - started_on AS days,
       ended_on IS NOT NULL AND ended_on <= '2025-06-30' AS churned
FROM cx_fixture WHERE started_on <= '2025-06-30';
WITH by_t AS (SELECT days, count(*) FILTER (WHERE churned) AS d, count(*) AS removed FROM lifetimes GROUP BY days),
     risk AS (SELECT days, d, sum(removed) OVER (ORDER BY days DESC) AS n FROM by_t),
     hand AS (SELECT days, exp(sum(ln(1 - d::float8 / n)) OVER (ORDER BY days)) AS s FROM risk)
SELECT count(*) AS durations, max(abs(h.s - survival_at(k.s, h.days))) < 1e-12 AS agrees
FROM hand h, (SELECT survival_agg(days, churned) AS s FROM lifetimes) AS k;
-- ... and where a whole risk set churns it fails, where survival_agg gives 0
\set VERBOSITY sqlstate
WITH by_t AS (SELECT t AS days, count(*) AS d, count(*) AS removed FROM (VALUES (1), (2), (2)) AS v(t) GROUP BY t),
     risk AS (SELECT days, d, sum(removed) OVER (ORDER BY days DESC) AS n FROM by_t)
SELECT days, exp(sum(ln(1 - d::float8 / n)) OVER (ORDER BY days)) FROM risk;
\set VERBOSITY default
SELECT survival_at(survival_agg(t, true), 2) AS everyone_gone, median_lifetime(survival_agg(t, true)) AS median
FROM (VALUES (1), (2), (2)) AS v(t);

-- dates: churned when the end is on or before as_of, else censored there; late entry from observed_from
SELECT survival_agg(started_on, ended_on, '2025-06-30') = survival_agg(days, churned) AS dates_equal_days
FROM cx_fixture JOIN lifetimes USING (id);
SELECT customers(survival_agg(started_on, ended_on, '2025-06-30', '2024-01-01')) AS observed_in_window,
       (SELECT count(*) FROM cx_fixture WHERE started_on <= '2025-06-30' AND coalesce(ended_on > '2024-01-01', true)
          AND least(coalesce(ended_on, '2025-06-30'), '2025-06-30') > '2024-01-01') AS expected
FROM cx_fixture;

-- whole periods: months as age() counts them, never wrapping at 12 as extract(month from age()) does
SELECT count(*) AS customers,
       count(*) FILTER (WHERE whole_periods(started_on, e, 'month')
                              <> extract(year FROM age(e, started_on)) * 12 + extract(month FROM age(e, started_on))) AS differ_from_age,
       count(*) FILTER (WHERE whole_periods(started_on, e, 'month') <> extract(month FROM age(e, started_on))) AS wrapped_at_12,
       count(*) FILTER (WHERE whole_periods(started_on, e, 'quarter') <> whole_periods(started_on, e, 'month') / 3) AS quarters_differ
FROM (SELECT started_on, least(coalesce(ended_on, '2025-06-30'), '2025-06-30') AS e FROM cx_fixture WHERE started_on <= '2025-06-30') AS t;
SELECT customers(s), median_lifetime(s) AS median_months, round(survival_at(s, 12)::numeric, 4) AS after_12_months
FROM (SELECT survival_agg(whole_periods(started_on, least(coalesce(ended_on, '2025-06-30'), '2025-06-30'), 'month'),
                          coalesce(ended_on <= '2025-06-30', false)) AS s
      FROM cx_fixture WHERE started_on <= '2025-06-30') AS t;

-- NULLs skipped, nothing counted gives an empty summary and NULL estimates
SELECT survival_agg(d, c) FROM (VALUES (NULL::integer, true), (3, NULL)) AS v(d, c);
SELECT survival_agg(d, c) IS NULL AS no_rows FROM (SELECT 1, true WHERE false) AS v(d, c);
SELECT survival_at(s, 1), median_lifetime(s), rmst(s, 10), customers(s), logrank_test(s, s)
FROM (SELECT '{"v":1,"times":[]}'::survivalsummary AS s) AS t;
-- boundaries: everyone censored (S = 1, no median, RMST = horizon), churn at duration 0, a curve exactly at 1/2
SELECT survival_at(s, 100), median_lifetime(s), rmst(s, 30), survival_lower(s, 5), survival_upper(s, 5)
FROM (SELECT survival_agg(d, false) AS s FROM generate_series(1, 10) AS d) AS t;
SELECT survival_at(survival_agg(d, d = 0), 0) AS churned_on_day_0 FROM (VALUES (0), (0), (4), (9)) AS v(d);
SELECT median_lifetime(s) AS first, median_lifetime(s, 'first') AS also_first, median_lifetime(s, 'midpoint') AS midpoint
FROM (SELECT survival_agg(d, c) AS s FROM (VALUES (1, true), (5, true), (5, true), (9, true), (12, false), (12, false)) AS v(d, c)) AS t;

-- GROUP BY: segments combine exactly into the whole; the log-rank test of two segments
SELECT combine(s) = (SELECT survival_agg(days, churned) FROM lifetimes) AS segments_add_up, count(*) AS segments
FROM (SELECT segment, survival_agg(days, churned) AS s FROM lifetimes GROUP BY segment) AS g;
SELECT round(logrank_test(a.s, b.s)::numeric, 6) AS seg0_vs_seg1, logrank_test(a.s, a.s) AS same
FROM (SELECT survival_agg(days, churned) AS s FROM lifetimes WHERE segment = 'seg0') AS a,
     (SELECT survival_agg(days, churned) AS s FROM lifetimes WHERE segment = 'seg1') AS b;
SELECT segment, customers(s), churned_customers(s), median_lifetime(s), round(rmst(s, 365)::numeric, 2) AS rmst_year
FROM (SELECT segment, survival_agg(days, churned) AS s FROM lifetimes GROUP BY segment) AS g ORDER BY segment;

-- windows: the moving forms equal one step over the same rows, byte for byte
CREATE TABLE life_rows AS SELECT row_number() OVER (ORDER BY id) AS rn, days, churned FROM lifetimes WHERE id <= 3000;
SELECT count(*) AS frames, count(*) FILTER (WHERE moving <> direct) AS mismatches
FROM (SELECT rn, survival_agg(days, churned) OVER (ORDER BY rn ROWS BETWEEN 49 PRECEDING AND CURRENT ROW) AS moving,
             (SELECT survival_agg(days, churned) FROM life_rows r2 WHERE r2.rn BETWEEN r.rn - 49 AND r.rn) AS direct
      FROM life_rows r) AS w;
CREATE TABLE life_daily AS
SELECT started_on AS day, survival_agg(started_on, ended_on, '2025-06-30') AS s FROM cx_fixture GROUP BY 1;
SELECT count(*) AS frames, count(*) FILTER (WHERE moving <> direct) AS mismatches
FROM (SELECT day, combine(s) OVER (ORDER BY day ROWS BETWEEN 29 PRECEDING AND CURRENT ROW) AS moving,
             (SELECT combine(s) FROM (SELECT s FROM life_daily d2 WHERE d2.day <= d.day ORDER BY d2.day DESC LIMIT 30) AS x) AS direct
      FROM life_daily d) AS w;
CREATE TABLE life_starts AS SELECT id, started_on, ended_on FROM cx_fixture WHERE started_on < '2023-01-21';
SELECT count(*) AS frames, count(*) FILTER (WHERE moving <> direct) AS mismatches
FROM (SELECT survival_agg(started_on, ended_on, '2025-06-30', '2024-01-01')
               OVER (ORDER BY started_on RANGE BETWEEN '6 days'::interval PRECEDING AND CURRENT ROW) AS moving,
             (SELECT survival_agg(l2.started_on, l2.ended_on, '2025-06-30', '2024-01-01') FROM life_starts l2
              WHERE l2.started_on BETWEEN l.started_on - 6 AND l.started_on) AS direct
      FROM life_starts l) AS w;

-- parallel equals serial
SET parallel_setup_cost = 0;
SET parallel_tuple_cost = 0;
SET min_parallel_table_scan_size = 0;
SET max_parallel_workers_per_gather = 2;
EXPLAIN (COSTS OFF) SELECT survival_agg(started_on, ended_on, '2025-06-30', '2024-01-01') FROM cx_fixture;
SELECT survival_agg(started_on, ended_on, '2025-06-30', '2024-01-01')::text AS parallel_summary FROM cx_fixture \gset
SELECT combine(s)::text AS parallel_combined FROM life_daily \gset
SET max_parallel_workers_per_gather = 0;
SELECT survival_agg(started_on, ended_on, '2025-06-30', '2024-01-01')::text = :'parallel_summary' AS parallel_equals_serial,
       (SELECT combine(s)::text FROM life_daily) = :'parallel_combined' AS combine_parallel_equals_serial
FROM cx_fixture;
RESET parallel_setup_cost;
RESET parallel_tuple_cost;
RESET min_parallel_table_scan_size;
RESET max_parallel_workers_per_gather;

-- text and binary forms round-trip; equality and hashing agree with the text
SELECT count(*) FILTER (WHERE s::text::survivalsummary::text <> s::text) AS text_mismatches,
       count(*) FILTER (WHERE s::text::survivalsummary <> s) AS unequal
FROM life_daily;
SELECT current_setting('data_directory') || '/pg_kpi_regress_survival.bin' AS copy_survival_bin \gset
COPY life_daily TO :'copy_survival_bin' (FORMAT binary);
CREATE TEMP TABLE copied (day date, s survivalsummary);
COPY copied FROM :'copy_survival_bin' (FORMAT binary);
SELECT count(*) AS rows, count(*) FILTER (WHERE c.s::text <> d.s::text) AS binary_mismatches,
       count(DISTINCT c.s) = count(DISTINCT c.s::text) AS distinct_by_value
FROM copied c JOIN life_daily d USING (day);

-- errors
\set VERBOSITY sqlstate
SELECT survival_agg(-1, true);
SELECT survival_agg(5, false, 5);
SELECT survival_agg('2025-01-10'::date, '2025-01-05'::date, '2025-03-01'::date);
SELECT survival_lower(survival_agg(3, true), 3, 1);
SELECT median_lifetime(survival_agg(3, true), 'mean');
SELECT rmst(survival_agg(3, true), -1);
SELECT '{"v":1,"times":[[0,1,0,0],[3,0,2,0]]}'::survivalsummary;
SELECT whole_periods('2025-03-01', '2025-01-31', 'month');
\set VERBOSITY default
SELECT survival_agg(-1, true);
SELECT survival_agg(5, false, 5);
SELECT median_lifetime(survival_agg(3, true), 'mean');
SELECT rmst(survival_agg(3, true), 'NaN');
SELECT '{"v":1,"times":[[0,1,0,0],[3,0,2,0]]}'::survivalsummary;
SELECT '{"v":1,"times":[[0,1,0,0]],"unit":"day"}'::survivalsummary;
SELECT whole_periods('2025-01-31', '2025-03-01', 'months');
DROP TABLE six_mp, lifetimes, life_rows, life_daily, life_starts;
