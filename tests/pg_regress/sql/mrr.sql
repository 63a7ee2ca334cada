-- mrr_agg(...) -> mrrsummary -> rollup() -> starting_mrr() ... nrr(), grr(), quick_ratio(), arpa(), ltv().

-- ChartMogul's worked example: 100 at start; 10 churned, 10 contraction, 10 expansion
SELECT s, nrr(s), grr(s), gross_mrr_churn_rate(s), net_mrr_churn_rate(s), customer_churn_rate(s), quick_ratio(s), arpa(s)
FROM (SELECT mrr_agg(a, b) AS s FROM (VALUES (10::numeric, 0::numeric), (20, 10), (30, 40), (40, 40)) AS v(a, b)) AS t;

-- one row per subscription: upgrades, downgrades, add-ons, cancellations and win-backs, plans
-- with 0 to 2 decimals and free plans, generated without random() so the output is stable
CREATE TABLE mrr_subs AS
WITH sub AS (
    SELECT c, k, 1 + c % 4 AS n, (c * 37) % 400 + k * (45 + (c % 5) * 30) AS start_day,
           (ARRAY[0, 19.99, 49, 49.00, 99.5, 149, 299.90])[1 + (c * 7 + k * 3) % 7] AS mrr
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
ANALYZE mrr_subs;
SELECT count(*) AS subscriptions, count(DISTINCT customer_id) AS customers FROM mrr_subs;

-- A twelve-month bridge: one mrr_agg per month over a series of periods
SELECT to_char(lower(period), 'YYYY-MM') AS month, starting_mrr(m) AS start, new_mrr(m) AS new, expansion_mrr(m) AS expansion,
       contraction_mrr(m) AS contraction, churned_mrr(m) AS churn, reactivation_mrr(m) AS reactivation, ending_mrr(m) AS "end",
       round(nrr(m), 2) AS nrr, round(grr(m), 2) AS grr, round(quick_ratio(m), 2) AS quick_ratio,
       starting_mrr(m) + net_new_mrr(m) = ending_mrr(m) AS bridges
FROM (SELECT period, mrr_agg(customer_id, mrr, started_on, ended_on, period) AS m
      FROM mrr_subs, (SELECT daterange(d::date, (d + interval '1 month')::date) AS period
                      FROM generate_series(date '2024-01-01', date '2024-12-01', interval '1 month') AS d) AS months
      GROUP BY period) AS b
ORDER BY 1;

-- Agreement, digit for digit, with the hand-written reference: a per-customer CTE with
-- FILTERed sums and a CASE per movement, over 24 months; and the identity on every summary
CREATE TEMP TABLE months AS
SELECT daterange(d::date, (d + interval '1 month')::date) AS period
FROM generate_series(date '2023-06-01', date '2025-05-01', interval '1 month') AS d;
CREATE TEMP TABLE per_customer AS
SELECT period, customer_id,
       coalesce(sum(mrr) FILTER (WHERE started_on < lower(period) AND (ended_on IS NULL OR ended_on >= lower(period))), 0) AS s,
       coalesce(sum(mrr) FILTER (WHERE started_on < upper(period) AND (ended_on IS NULL OR ended_on >= upper(period))), 0) AS e,
       coalesce(bool_or(mrr > 0 AND started_on < lower(period)), false) AS paid
FROM months, mrr_subs WHERE customer_id IS NOT NULL AND mrr IS NOT NULL AND started_on IS NOT NULL
GROUP BY period, customer_id;
CREATE TEMP TABLE reference AS
SELECT period, sum(s) AS starting, sum(e) AS ending,
       coalesce(sum(CASE WHEN s = 0 AND e > 0 AND NOT paid THEN e END), 0) AS new,
       coalesce(sum(CASE WHEN s = 0 AND e > 0 AND paid THEN e END), 0) AS reactivation,
       coalesce(sum(CASE WHEN s > 0 AND e > s THEN e - s END), 0) AS expansion,
       coalesce(sum(CASE WHEN e > 0 AND s > e THEN s - e END), 0) AS contraction,
       coalesce(sum(CASE WHEN s > 0 AND e = 0 THEN s END), 0) AS churned,
       count(*) FILTER (WHERE s > 0) AS at_start, count(*) FILTER (WHERE e > 0) AS at_end,
       count(*) FILTER (WHERE s = 0 AND e > 0 AND NOT paid) AS new_c, count(*) FILTER (WHERE s = 0 AND e > 0 AND paid) AS react_c,
       count(*) FILTER (WHERE s > 0 AND e > s) AS exp_c, count(*) FILTER (WHERE e > 0 AND s > e) AS con_c,
       count(*) FILTER (WHERE s > 0 AND e = 0) AS churn_c
FROM per_customer GROUP BY period;
CREATE TEMP TABLE ours AS
SELECT period, mrr_agg(customer_id, mrr, started_on, ended_on, period) AS m,
       mrr_agg(customer_id::text, mrr, started_on, ended_on, period) AS by_text,
       mrr_agg(md5(customer_id::text)::uuid, mrr, started_on, ended_on, period) AS by_uuid
FROM months, mrr_subs GROUP BY period;
CREATE TEMP TABLE ours_rows AS SELECT period, mrr_agg(s, e, paid) AS m FROM per_customer GROUP BY period;
SELECT count(*) AS months,
       count(*) FILTER (WHERE ROW(starting_mrr(m)::text, ending_mrr(m)::text, new_mrr(m)::text, reactivation_mrr(m)::text,
                                  expansion_mrr(m)::text, contraction_mrr(m)::text, churned_mrr(m)::text)
                              IS DISTINCT FROM ROW(starting::text, ending::text, new::text, reactivation::text,
                                                   expansion::text, contraction::text, churned::text)) AS amount_mismatches,
       count(*) FILTER (WHERE ROW(customers_at_start(m), customers_at_end(m), new_customers(m), reactivated_customers(m),
                                  expanded_customers(m), contracted_customers(m), churned_customers(m))
                              IS DISTINCT FROM ROW(at_start, at_end, new_c, react_c, exp_c, con_c, churn_c)) AS count_mismatches,
       count(*) FILTER (WHERE ROW(nrr(m)::text, grr(m)::text, gross_mrr_churn_rate(m)::text, net_mrr_churn_rate(m)::text,
                                  customer_churn_rate(m)::text, quick_ratio(m)::text, arpa(m)::text)
                              IS DISTINCT FROM ROW((100 * (starting + expansion - contraction - churned) / nullif(starting, 0))::text,
                                                   (100 * (starting - contraction - churned) / nullif(starting, 0))::text,
                                                   (100 * (churned + contraction) / nullif(starting, 0))::text,
                                                   (100 * (churned + contraction - expansion - reactivation) / nullif(starting, 0))::text,
                                                   (100.0 * churn_c / nullif(at_start, 0))::text,
                                                   ((new + reactivation + expansion) / nullif(churned + contraction, 0))::text,
                                                   (ending / nullif(at_end, 0))::text)) AS rate_mismatches,
       count(*) FILTER (WHERE starting_mrr(m) + new_mrr(m) + reactivation_mrr(m) + expansion_mrr(m)
                              - contraction_mrr(m) - churned_mrr(m) <> ending_mrr(m)) AS identity_breaks,
       count(*) FILTER (WHERE m <> by_text OR m <> by_uuid) AS id_type_differs,
       count(*) FILTER (WHERE customers_at_start(m) > 0 AND expansion_mrr(m) > 0 AND contraction_mrr(m) > 0 AND churned_mrr(m) > 0
                          AND reactivation_mrr(m) > 0 AND new_mrr(m) > 0) AS months_with_every_movement
FROM ours JOIN reference USING (period);
-- the per-customer shape over the same customers gives the same movements (without a period)
SELECT count(*) FILTER (WHERE replace(o.m::text, '"period":"' || o.period::text || '"', '"period":null') <> r.m::text) AS shape_mismatches
FROM ours o JOIN ours_rows r USING (period);

-- 20,000 customers (past the size where the map queues rows and prefetches their slots), by
-- bigint, text and uuid ids, serial and parallel: the reference's answer, digit for digit
CREATE TABLE mrr_many AS
SELECT (i * 7919 % 20000)::bigint AS customer_id, ((i * 37) % 50000 / 100.0)::numeric(10, 2) AS mrr,
       date '2023-01-01' + (i * 13 % 900) AS started_on,
       CASE WHEN i % 3 = 0 THEN date '2023-01-01' + (i * 13 % 900) + (i * 17 % 500) END AS ended_on
FROM generate_series(1, 60000) AS i;
ANALYZE mrr_many;
CREATE TEMP TABLE many_reference AS
SELECT concat_ws(' ', sum(s), sum(e), coalesce(sum(CASE WHEN s = 0 AND e > 0 AND NOT paid THEN e END), 0),
                 coalesce(sum(CASE WHEN s = 0 AND e > 0 AND paid THEN e END), 0), coalesce(sum(CASE WHEN s > 0 AND e > s THEN e - s END), 0),
                 coalesce(sum(CASE WHEN e > 0 AND s > e THEN s - e END), 0), coalesce(sum(CASE WHEN s > 0 AND e = 0 THEN s END), 0),
                 count(*) FILTER (WHERE s > 0), count(*) FILTER (WHERE e > 0), count(*) FILTER (WHERE s > 0 AND e = 0)) AS answer
FROM (SELECT customer_id,
             coalesce(sum(mrr) FILTER (WHERE started_on < '2025-01-01' AND (ended_on IS NULL OR ended_on >= '2025-01-01')), 0) AS s,
             coalesce(sum(mrr) FILTER (WHERE started_on < '2025-02-01' AND (ended_on IS NULL OR ended_on >= '2025-02-01')), 0) AS e,
             coalesce(bool_or(mrr > 0 AND started_on < '2025-01-01'), false) AS paid
      FROM mrr_many GROUP BY customer_id) AS c;
CREATE FUNCTION mrr_answer(m mrrsummary) RETURNS text LANGUAGE sql AS $$
    SELECT concat_ws(' ', starting_mrr(m), ending_mrr(m), new_mrr(m), reactivation_mrr(m), expansion_mrr(m),
                     contraction_mrr(m), churned_mrr(m), customers_at_start(m), customers_at_end(m), churned_customers(m)) $$;
SELECT mrr_answer(mrr_agg(customer_id, mrr, started_on, ended_on, daterange('2025-01-01', '2025-02-01'))) = answer AS bigint_ids,
       mrr_answer(mrr_agg('cus_' || customer_id, mrr, started_on, ended_on, daterange('2025-01-01', '2025-02-01'))) = answer AS text_ids,
       mrr_answer(mrr_agg(md5(customer_id::text)::uuid, mrr, started_on, ended_on, daterange('2025-01-01', '2025-02-01'))) = answer AS uuid_ids,
       mrr_answer(mrr_agg(repeat('long customer id ', 3) || customer_id, mrr, started_on, ended_on, daterange('2025-01-01', '2025-02-01'))) = answer AS long_ids
FROM mrr_many, many_reference GROUP BY answer;
SET parallel_setup_cost = 0;
SET parallel_tuple_cost = 0;
SET min_parallel_table_scan_size = 0;
SET max_parallel_workers_per_gather = 2;
SELECT mrr_answer(mrr_agg(customer_id, mrr, started_on, ended_on, daterange('2025-01-01', '2025-02-01'))) = answer AS parallel_bigint_ids,
       mrr_answer(mrr_agg('cus_' || customer_id, mrr, started_on, ended_on, daterange('2025-01-01', '2025-02-01'))) = answer AS parallel_text_ids
FROM mrr_many, many_reference GROUP BY answer;
RESET parallel_setup_cost;
RESET parallel_tuple_cost;
RESET min_parallel_table_scan_size;
RESET max_parallel_workers_per_gather;
DROP TABLE mrr_many;
DROP FUNCTION mrr_answer;

-- timestamptz subscriptions over tstzrange periods give the date answer
SET timezone = 'UTC';
SELECT mrr_agg(customer_id, mrr, started_on::timestamptz, ended_on::timestamptz, tstzrange('2024-03-01', '2024-04-01'))::text
     = replace((SELECT m::text FROM ours WHERE period = daterange('2024-03-01', '2024-04-01')), '[2024-03-01,2024-04-01)',
               '[2024-03-01 00:00:00+00,2024-04-01 00:00:00+00)') AS tstz_equals_date
FROM mrr_subs;
RESET timezone;

-- NRR by segment for the year, and segments rolled up equal the whole
SELECT segment, round(nrr(m), 2) AS nrr, round(grr(m), 2) AS grr, customers_at_start(m), churned_customers(m),
       round(arpa(m), 2) AS arpa, round(ltv(m), 2) AS ltv, round(ltv(m, 0.8), 2) AS ltv_at_80_margin
FROM (SELECT segment, mrr_agg(customer_id, mrr, started_on, ended_on, daterange('2024-01-01', '2025-01-01')) AS m
      FROM mrr_subs GROUP BY segment) AS s ORDER BY segment;
SELECT rollup(m) = (SELECT mrr_agg(customer_id, mrr, started_on, ended_on, daterange('2024-01-01', '2025-01-01')) FROM mrr_subs)
       AS segments_roll_up_to_the_whole
FROM (SELECT segment, mrr_agg(customer_id, mrr, started_on, ended_on, daterange('2024-01-01', '2025-01-01')) AS m
      FROM mrr_subs GROUP BY segment) AS s;
-- ltv over a year converts the year's churn to a monthly rate: 1 - (1 - c)^(1/12)
SELECT round(ltv(m), 6) = round(arpa(m) / (1 - power(1 - churned_customers(m)::numeric / customers_at_start(m), 1 / 12.0)), 6) AS ltv_formula
FROM (SELECT mrr_agg(customer_id, mrr, started_on, ended_on, daterange('2024-01-01', '2025-01-01')) AS m FROM mrr_subs) AS y;

-- NULLs and empty
SELECT mrr_agg(s, e) IS NULL AS no_rows FROM (SELECT 1::numeric, 1::numeric WHERE false) AS v(s, e);
SELECT mrr_agg(NULL::numeric, 5), nrr(mrr_agg(NULL::numeric, 5)) IS NULL AS no_start_no_nrr;
SELECT m, nrr(m) IS NULL AS nrr_null, quick_ratio(m) IS NULL AS quick_null, arpa(m), ltv(m) IS NULL AS ltv_null
FROM (SELECT mrr_agg(0::numeric, 30, false) AS m) AS t;
SELECT mrr_agg(customer_id, mrr, started_on, ended_on, daterange('2000-01-01', '2000-02-01')) FROM mrr_subs;

-- parallel workers merge their maps: parallel equals serial, whole and grouped
SET parallel_setup_cost = 0;
SET parallel_tuple_cost = 0;
SET min_parallel_table_scan_size = 0;
SET max_parallel_workers_per_gather = 2;
EXPLAIN (COSTS OFF) SELECT mrr_agg(customer_id, mrr, started_on, ended_on, daterange('2024-01-01', '2024-04-01')) FROM mrr_subs;
SELECT mrr_agg(customer_id, mrr, started_on, ended_on, daterange('2024-01-01', '2024-04-01'))::text AS parallel FROM mrr_subs \gset
SELECT string_agg(m::text, ';' ORDER BY segment) AS parallel_grouped
FROM (SELECT segment, mrr_agg(customer_id::text, mrr, started_on, ended_on, daterange('2024-01-01', '2024-04-01')) AS m FROM mrr_subs GROUP BY 1) AS g \gset
-- per-customer rows: a temporary table is never scanned in parallel, so a plain copy, and the
-- leader scans none of it (every row goes through a worker's serialized state)
CREATE TABLE mrr_rows_parallel AS SELECT * FROM per_customer;
ANALYZE mrr_rows_parallel;
SET parallel_leader_participation = off;
EXPLAIN (COSTS OFF) SELECT mrr_agg(s, e, paid) FROM mrr_rows_parallel;
SELECT mrr_agg(s, e, paid)::text AS parallel_rows FROM mrr_rows_parallel \gset
RESET parallel_leader_participation;
DROP TABLE mrr_rows_parallel;
SET max_parallel_workers_per_gather = 0;
SELECT mrr_agg(customer_id, mrr, started_on, ended_on, daterange('2024-01-01', '2024-04-01'))::text = :'parallel' AS parallel_equals_serial,
       (SELECT string_agg(m::text, ';' ORDER BY segment)
        FROM (SELECT segment, mrr_agg(customer_id::text, mrr, started_on, ended_on, daterange('2024-01-01', '2024-04-01')) AS m FROM mrr_subs GROUP BY 1) AS g)
       = :'parallel_grouped' AS grouped_equal,
       (SELECT mrr_agg(s, e, paid)::text FROM per_customer) = :'parallel_rows' AS rows_equal
FROM mrr_subs;
RESET parallel_setup_cost;
RESET parallel_tuple_cost;
RESET min_parallel_table_scan_size;
RESET max_parallel_workers_per_gather;

-- many groups in little memory: hash aggregation spills, and the answer is the sorted one
SET work_mem = '64kB';
SET enable_sort = off;
CREATE TEMP TABLE hashed AS SELECT customer_id % 500 AS g, mrr_agg(customer_id, mrr, started_on, ended_on, daterange('2024-01-01', '2024-07-01')) AS m
FROM mrr_subs WHERE customer_id IS NOT NULL GROUP BY 1;
RESET enable_sort;
SET enable_hashagg = off;
SELECT count(*) AS groups, count(*) FILTER (WHERE h.m IS DISTINCT FROM s.m) AS differ
FROM hashed h FULL JOIN (SELECT customer_id % 500 AS g, mrr_agg(customer_id, mrr, started_on, ended_on, daterange('2024-01-01', '2024-07-01')) AS m
                         FROM mrr_subs WHERE customer_id IS NOT NULL GROUP BY 1) AS s USING (g);
RESET enable_hashagg;
RESET work_mem;

-- moving windows over per-customer rows equal the one-step result over the frame
SELECT count(*) AS rows, count(*) FILTER (WHERE w IS DISTINCT FROM o) AS window_mismatches
FROM (SELECT (mrr_agg(s, e, paid) OVER (ORDER BY customer_id ROWS BETWEEN 5 PRECEDING AND CURRENT ROW))::text AS w,
             (SELECT mrr_agg(s, e, paid)::text FROM per_customer q WHERE q.period = p.period
                 AND q.customer_id BETWEEN p.customer_id - 5 AND p.customer_id) AS o
      FROM per_customer p WHERE period = daterange('2024-06-01', '2024-07-01') AND customer_id <= 600) AS t;
-- running windows too (the frame only grows: the final function reads the state after every
-- row and the state goes on taking rows, some of one scale and some of two)
SELECT count(*) AS rows, count(*) FILTER (WHERE w IS DISTINCT FROM o) AS running_mismatches
FROM (SELECT (mrr_agg(s, e, paid) OVER (ORDER BY customer_id ROWS UNBOUNDED PRECEDING))::text AS w,
             (SELECT mrr_agg(s, e, paid)::text FROM per_customer q WHERE q.period = p.period
                 AND q.customer_id <= p.customer_id) AS o
      FROM per_customer p WHERE period = daterange('2024-06-01', '2024-07-01') AND customer_id <= 600) AS t;

-- text and binary forms round-trip; keys in any order
SELECT count(*) FILTER (WHERE m::text::mrrsummary::text <> m::text) AS text_mismatches,
       count(*) FILTER (WHERE m::text::jsonb::text::mrrsummary <> m) AS jsonb_mismatches FROM ours;
-- the server writes and reads the file in its own data directory (clusters run side by side)
SELECT current_setting('data_directory') || '/pg_kpi_regress_mrr.bin' AS copy_mrr_bin \gset
COPY (SELECT period, m FROM ours) TO :'copy_mrr_bin' (FORMAT binary);
CREATE TEMP TABLE copied (period daterange, m mrrsummary);
COPY copied FROM :'copy_mrr_bin' (FORMAT binary);
SELECT count(*) AS rows, count(*) FILTER (WHERE c.m::text <> o.m::text) AS binary_mismatches FROM copied c JOIN ours o USING (period);

-- errors
\set VERBOSITY sqlstate
SELECT mrr_agg(1, -5::numeric, '2024-01-01'::date, NULL, daterange('2025-01-01', '2025-02-01'));
\set VERBOSITY default
SELECT mrr_agg(1, -5::numeric, '2024-01-01'::date, NULL, daterange('2025-01-01', '2025-02-01'));
SELECT mrr_agg(1, 'NaN'::numeric, '2024-01-01'::date, NULL, daterange('2025-01-01', '2025-02-01'));
SELECT mrr_agg(-1::numeric, 5);
SELECT mrr_agg(5::numeric, 'Infinity');
SELECT mrr_agg(1, 5::numeric, '2025-01-10'::date, '2025-01-05', daterange('2025-01-01', '2025-02-01'));
SELECT mrr_agg(1, 5::numeric, '2025-01-10'::date, NULL, NULL::daterange);
SELECT mrr_agg(1, 5::numeric, '2025-01-10'::date, NULL, 'empty'::daterange);
SELECT mrr_agg(1, 5::numeric, '2025-01-10'::date, NULL, daterange(NULL, '2025-01-01'));
SELECT mrr_agg(1, 5::numeric, '2025-01-10'::date, NULL, daterange('2025-01-01', 'infinity'));
SELECT mrr_agg(1, 5::numeric, '2025-01-10'::timestamptz, NULL, tstzrange('2025-01-01', NULL));
SELECT mrr_agg(customer_id, mrr, started_on, ended_on, daterange('2024-01-01', '2024-01-01'::date + customer_id::integer % 2 + 31)) FROM mrr_subs;
SELECT rollup(m ORDER BY period) FROM ours WHERE lower(period) < '2023-08-01';
SELECT rollup(m ORDER BY o) FROM (SELECT 1 AS o, mrr_agg(1::numeric, 2) AS m UNION ALL SELECT 2, m FROM ours WHERE period = daterange('2024-01-01', '2024-02-01')) AS t;
SELECT ltv(mrr_agg(10::numeric, 0), 1.5);
SELECT ltv(mrr_agg(10::numeric, 0), -0.1);
SELECT 'x'::mrrsummary;
SELECT '{"v":1,"period":null,"starting_mrr":100,"ending_mrr":100,"new_mrr":0,"reactivation_mrr":0,"expansion_mrr":10,"contraction_mrr":0,"churned_mrr":0,"customers_at_start":1,"customers_at_end":1,"new_customers":0,"reactivated_customers":0,"expanded_customers":1,"contracted_customers":0,"churned_customers":0}'::mrrsummary;
SELECT '{"v":2}'::mrrsummary;
