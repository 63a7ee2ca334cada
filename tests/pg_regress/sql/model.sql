-- customer models: sbg_fit() / bgnbd_fit() / gammagamma_fit() -> customermodel -> projections
-- and predictions; purchase_history() builds the rows the purchase models read.

-- sBG, happy path: Fader & Hardie (2007)'s survivors of 1,000 customers after 0-7 years
SELECT round(model_param(m, 'alpha')::numeric, 3) AS alpha, round(model_param(m, 'beta')::numeric, 3) AS beta,
       customers(m), round(log_likelihood(m)::numeric, 3) AS log_likelihood,
       array(SELECT round(1000 * projected_survival(m, y))::int FROM generate_series(8, 12) AS y) AS years_8_12,
       array(SELECT round(projected_retention(m, y)::numeric, 3) FROM generate_series(1, 5) AS y) AS retention_1_5
FROM (VALUES ('regular', sbg_fit(ARRAY[1000, 631, 468, 382, 326, 289, 262, 241])),
             ('high end', sbg_fit(ARRAY[1000, 869, 743, 653, 593, 551, 517, 491]))) AS v(segment, m);
-- the same customers as rows (renewals made, churned or still a customer) fit alike, byte for byte
CREATE TABLE subscribers AS
SELECT y - 1 AS renewals, true AS churned FROM (VALUES (1, 369), (2, 163), (3, 86), (4, 56), (5, 37), (6, 27), (7, 21)) AS v(y, n),
       generate_series(1, n)
UNION ALL SELECT 7, false FROM generate_series(1, 241);
SELECT sbg_fit(renewals, churned) = sbg_fit(ARRAY[1000, 631, 468, 382, 326, 289, 262, 241]) AS rows_equal_series FROM subscribers;
-- ... and so does their life table in whole periods (a stored survivalsummary), with late entry
-- conditional on the renewals already made: half the customers past 2 renewals first seen there
SELECT sbg_fit(survival_agg(renewals, churned)) = sbg_fit(renewals, churned) AS life_table_equal,
       round(model_param(sbg_fit(survival_agg(renewals, churned, CASE WHEN renewals > 2 AND n % 2 = 0 THEN 2 END)), 'alpha')::numeric, 3) AS late_entry_alpha,
       sbg_fit('{"v":1,"times":[]}'::survivalsummary) IS NULL AS empty_table
FROM (SELECT renewals, churned, row_number() OVER (ORDER BY renewals, churned) AS n FROM subscribers) AS s;
-- DERL: a customer who has made n renewals, just before the next is due; F&H's DERL(d | n - 1
-- renewals) is residual_lifetime(m, n - 1, d); the hand-written sum of the survival ratios agrees
SELECT n, round(residual_lifetime(m, n, 0.1)::numeric, 6) AS derl,
       round((SELECT sum(projected_survival(m, t) / projected_survival(m, n) / 1.1 ^ (t - n - 1))
              FROM generate_series(n + 1, n + 3000) AS t)::numeric, 6) AS by_hand
FROM sbg_fit(ARRAY[1000, 631, 468, 382, 326, 289, 262, 241]) AS m, generate_series(0, 4) AS n;

-- orders drawn from the BG/NBD story (seeded): buy at Poisson times while alive, die after a
-- purchase; amounts around each customer's own mean
SELECT setseed(0.24);
CREATE TABLE model_orders (customer_id int, segment text, ordered_on date, amount numeric(10, 2));
DO $$
DECLARE
    lambda float8; p float8; first date; t float8; mean float8;
BEGIN
    FOR c IN 1..3000 LOOP
        lambda := -ln(1 - random()) / 3.0;         -- purchases a week: Gamma(1, 3)
        p := 1 - (1 - random()) ^ (1 / 2.5);       -- dying after a purchase: Beta(1, 2.5)
        mean := 10 + 40 * random();
        first := date '2024-01-01' + floor(random() * 270)::int;
        t := 0;
        INSERT INTO model_orders VALUES (c, 'seg' || c % 3, first, round((mean * -ln(1 - random()))::numeric, 2) + 1);
        LOOP
            t := t + 7 * -ln(1 - random()) / lambda;
            EXIT WHEN first + floor(t)::int > date '2024-12-31';
            INSERT INTO model_orders VALUES (c, 'seg' || c % 3, first + floor(t)::int, round((mean * -ln(1 - random()))::numeric, 2) + 1);
            EXIT WHEN random() < p;
        END LOOP;
    END LOOP;
END $$;
CREATE TABLE model_customers AS
SELECT customer_id, segment, (h).* FROM (
    SELECT customer_id, segment, purchase_history(ordered_on, amount, '2024-12-31', 'week') AS h
    FROM model_orders GROUP BY customer_id, segment) AS s;
-- purchase_history agrees with the hand-written SQL (one purchase a week, the first left out of the mean)
WITH w AS (SELECT customer_id, date_trunc('week', ordered_on)::date AS week, sum(amount) AS amount
           FROM model_orders GROUP BY 1, 2),
     f AS (SELECT customer_id, min(week) AS first FROM w GROUP BY 1),
     hand AS (SELECT customer_id, count(*) - 1 AS frequency, (max(w.week) - f.first) / 7 AS recency,
                     (date_trunc('week', date '2024-12-31')::date - f.first) / 7 AS age,
                     coalesce(avg(amount) FILTER (WHERE w.week > f.first), 0) AS monetary_value
              FROM w JOIN f USING (customer_id) GROUP BY customer_id, f.first)
SELECT count(*) AS customers,
       count(*) FILTER (WHERE (h.frequency, h.recency, h.age) IS DISTINCT FROM (m.frequency, m.recency, m.age)
                              OR abs(h.monetary_value - m.monetary_value::numeric) > 1e-9) AS differ,
       sum(m.frequency) AS repeat_purchases
FROM hand h JOIN model_customers m USING (customer_id);

-- BG/NBD and Gamma-Gamma fits, and what they predict
CREATE TABLE models AS
SELECT bgnbd_fit(frequency, recency, age) AS purchases, gammagamma_fit(frequency, monetary_value) AS spend FROM model_customers;
SELECT model_name(purchases), customers(purchases), iterations(purchases) > 0 AS iterated,
       round(model_param(purchases, 'r')::numeric, 3) AS r, round(model_param(purchases, 'alpha')::numeric, 3) AS alpha,
       round(model_param(purchases, 'a')::numeric, 3) AS a, round(model_param(purchases, 'b')::numeric, 3) AS b,
       round(log_likelihood(purchases)::numeric, 2) AS log_likelihood
FROM models;
SELECT model_name(spend), customers(spend) AS repeat_buyers, round(model_param(spend, 'p')::numeric, 3) AS p,
       round(model_param(spend, 'q')::numeric, 3) AS q, round(model_param(spend, 'gamma')::numeric, 3) AS gamma
FROM models;
SELECT customer_id, frequency, recency, age, round(monetary_value::numeric, 2) AS monetary_value,
       round(expected_purchases(purchases, 26, frequency, recency, age)::numeric, 4) AS next_26_weeks,
       round(probability_alive(purchases, frequency, recency, age)::numeric, 4) AS p_alive,
       round(expected_spend(spend, frequency, monetary_value)::numeric, 2) AS spend,
       round(predicted_clv(purchases, spend, frequency, recency, age, monetary_value, 12, 4.345, 0.01)::numeric, 2) AS clv_12_months
FROM model_customers, models WHERE customer_id IN (1, 2, 3, 17, 42) ORDER BY customer_id;
SELECT round(expected_purchases(purchases, 52)::numeric, 4) AS new_customer_year FROM models;
-- the hand-written probability alive (note 021) agrees
SELECT max(abs(probability_alive(purchases, frequency, recency, age)
               - CASE WHEN frequency = 0 THEN 1 ELSE 1 / (1 + model_param(purchases, 'a') / (model_param(purchases, 'b') + frequency - 1)
                    * ((model_param(purchases, 'alpha') + age) / (model_param(purchases, 'alpha') + recency)) ^ (model_param(purchases, 'r') + frequency)) END)) < 1e-12 AS agrees
FROM model_customers, models;

-- NULLs skipped; no row gives NULL; a model of given parameters has no report
SELECT bgnbd_fit(f, r, t) IS NULL AS no_rows, gammagamma_fit(f, r) IS NULL AS no_spend, sbg_fit(f, f > 0) IS NULL AS no_subscribers
FROM (VALUES (NULL::bigint, NULL::float8, NULL::float8)) AS v(f, r, t);
SELECT bgnbd_fit(frequency, recency, age) = (SELECT purchases FROM models) AS nulls_skipped
FROM (SELECT frequency, recency, age FROM model_customers UNION ALL SELECT NULL, 1, 2 UNION ALL SELECT 1, NULL, 2) AS s;
SELECT m, customers(m), log_likelihood(m), iterations(m), round(expected_purchases(m, 39, 2, 30.43, 38.86)::numeric, 6) AS cdnow_customer_1
FROM customer_model('bgnbd', ARRAY[0.243, 4.414, 0.793, 2.426]) AS m;

-- boundaries and errors
SELECT expected_purchases(purchases, 0, 3, 10, 20) AS nothing_in_no_time, probability_alive(purchases, 0, 0, 50) AS never_repeated
FROM models;
\set VERBOSITY terse
SELECT bgnbd_fit(0, 0, t) FROM generate_series(1, 5) AS t;
SELECT gammagamma_fit(f, 10) FROM generate_series(1, 5) AS f;
SELECT sbg_fit(ARRAY[100, 60]);
SELECT sbg_fit(ARRAY[100, 60, 70]);
SELECT sbg_fit(-1::bigint, true);
SELECT bgnbd_fit(-1, 0, 1);
SELECT bgnbd_fit(1, 3, 2);
SELECT bgnbd_fit(0, 1, 2);
SELECT bgnbd_fit(1, 'infinity', 2);
SELECT gammagamma_fit(2, 0);
SELECT expected_spend(purchases, 1, 10) FROM models;
SELECT projected_survival(spend, 1) FROM models;
SELECT residual_lifetime(sbg_fit(ARRAY[100, 60, 40]), 0, 0);
SELECT projected_retention(sbg_fit(ARRAY[100, 60, 40]), 0);
SELECT model_param(purchases, 'beta') FROM models;
SELECT expected_spend(customer_model('gammagamma', ARRAY[6, 0.9, 15]), 2, 10);
SELECT customer_model('bgnbd', ARRAY[1, 2, 3]);
SELECT predicted_clv(purchases, spend, 1, 2, 3, 10, 12, 4.345, -0.5) FROM models;
SELECT purchase_history(d, '2024-01-01', 'fortnight') FROM (VALUES (date '2024-01-01')) AS v(d);
SELECT purchase_history(d, a, 'infinity', 'week') FROM (VALUES (date '2024-01-01', 1.0)) AS v(d, a);
SELECT purchase_history(d, a, '2024-06-01', 'week') FROM (VALUES (date '2024-01-01', 'NaN'::float8)) AS v(d, a);
SELECT purchase_history(d, s, 'week') FROM (VALUES (date '2024-01-01', date '2024-02-01'), ('2024-01-02', '2024-03-01')) AS v(d, s);
SELECT '{"v":1,"model":"bgnbd","r":1,"alpha":1,"a":1}'::customermodel;
SELECT '{"v":1,"model":"sbg","alpha":1,"beta":-2}'::customermodel;
\set VERBOSITY default

-- GROUP BY: a model per segment
SELECT segment, customers(m), round(model_param(m, 'r')::numeric, 2) AS r, round(model_param(m, 'b')::numeric, 2) AS b
FROM (SELECT segment, bgnbd_fit(frequency, recency, age) AS m FROM model_customers GROUP BY segment) AS g ORDER BY segment;

-- windows: each frame refits, equal byte for byte to one step over the same rows
SELECT count(*) AS frames, bool_and(w = (SELECT bgnbd_fit(frequency, recency, age) FROM model_customers c2 WHERE c2.segment <= c.segment)) AS equal
FROM (SELECT DISTINCT segment, bgnbd_fit(frequency, recency, age) OVER (ORDER BY segment) AS w FROM model_customers) AS c;

-- parallel = serial, byte for byte
SET parallel_setup_cost = 0; SET parallel_tuple_cost = 0; SET min_parallel_table_scan_size = 0; SET max_parallel_workers_per_gather = 2;
EXPLAIN (COSTS OFF) SELECT bgnbd_fit(frequency, recency, age) FROM model_customers;
SELECT bgnbd_fit(frequency, recency, age) = (SELECT purchases FROM models) AS bgnbd_same,
       gammagamma_fit(frequency, monetary_value) = (SELECT spend FROM models) AS gammagamma_same FROM model_customers;
SET enable_hashagg = off;
EXPLAIN (COSTS OFF) SELECT customer_id, purchase_history(ordered_on, amount, '2024-12-31', 'week') FROM model_orders GROUP BY customer_id;
SELECT count(*) AS customers,
       count(*) FILTER (WHERE h IS DISTINCT FROM (m.frequency, m.recency, m.age, m.monetary_value)::purchasehistory) AS differ
FROM (SELECT customer_id, purchase_history(ordered_on, amount, '2024-12-31', 'week') AS h FROM model_orders GROUP BY customer_id) AS s
JOIN model_customers m USING (customer_id);
RESET enable_hashagg;
RESET parallel_setup_cost; RESET parallel_tuple_cost; RESET min_parallel_table_scan_size; RESET max_parallel_workers_per_gather;

-- stored: text and binary forms round trip to the same bytes
SELECT kpi_internal.customermodel_send(purchases) = kpi_internal.customermodel_send(purchases::text::customermodel) AS text_same,
       length(kpi_internal.customermodel_send(purchases)) AS stored_bytes, length(kpi_internal.customermodel_send(customer_model('sbg', ARRAY[1, 2]))) AS given_bytes
FROM models;
DROP TABLE models;
