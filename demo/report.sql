-- pg_kpi demo report over the sample CRM tables: every figure is one SQL aggregate, run in place.
\pset footer off
\pset null '(no data)'

\echo
\echo '== NPS by month and segment: nps(score) =='
SELECT to_char(date_trunc('month', r.answered_at), 'YYYY-MM') AS month,
       round(nps(r.score) FILTER (WHERE c.segment = 'smb'), 1)        AS smb,
       round(nps(r.score) FILTER (WHERE c.segment = 'mid-market'), 1) AS "mid-market",
       round(nps(r.score) FILTER (WHERE c.segment = 'enterprise'), 1) AS enterprise,
       round(nps(r.score), 1)                                         AS "all",
       count(r.score)                                                 AS answers
FROM survey_responses r JOIN customers c USING (customer_id)
GROUP BY 1 ORDER BY 1;

\echo
\echo '== NPS by segment in Q4 with its 95% interval, and whether it moved since Q3 (nps_test) =='
SELECT segment, count_q4 AS answers, round(nps(q4), 1) AS nps_q4,
       format('[%s, %s]', round(ci_lower(q4)::numeric, 1), round(ci_upper(q4)::numeric, 1)) AS interval_95,
       round(nps(q3), 1) AS nps_q3, round(nps_test(q4, q3)::numeric, 3) AS p_value,
       CASE WHEN nps_test(q4, q3) < 0.05 THEN 'changed' ELSE 'noise' END AS verdict
FROM (SELECT c.segment, count(r.score) FILTER (WHERE r.answered_at >= '2025-10-01') AS count_q4,
             nps_agg(r.score) FILTER (WHERE r.answered_at >= '2025-10-01') AS q4,
             nps_agg(r.score) FILTER (WHERE r.answered_at >= '2025-07-01' AND r.answered_at < '2025-10-01') AS q3
      FROM survey_responses r JOIN customers c USING (customer_id) GROUP BY c.segment) AS s
ORDER BY segment;
SELECT nps_sample_size(5) AS "answers for a +-5 point NPS (worst case)", proportion_sample_size(5) AS "for a +-5 point CSAT";

\echo
\echo '== Rolling NPS over the last 100 answers (a moving-window aggregate), at each month end =='
SELECT to_char(answered_at, 'YYYY-MM-DD') AS day, round(rolling, 1) AS nps_last_100_answers
FROM (SELECT answered_at,
             nps(score) OVER (ORDER BY answered_at, response_id ROWS BETWEEN 99 PRECEDING AND CURRENT ROW) AS rolling,
             lead(answered_at) OVER (ORDER BY answered_at, response_id) AS next_at
      FROM survey_responses) w
WHERE date_trunc('month', answered_at) IS DISTINCT FROM date_trunc('month', next_at)
ORDER BY answered_at;

\echo
\echo '== Support by quarter: response and resolution times, first-contact resolution, CSAT, CES (with its 95 % margin) =='
SELECT to_char(date_trunc('quarter', opened_at), 'YYYY-"Q"Q') AS quarter,
       count(*) AS tickets,
       round(extract(epoch FROM avg_response_time(opened_at, first_reply_at)) / 3600, 1) AS response_h,
       round(extract(epoch FROM avg_resolution_time(opened_at, resolved_at)) / 3600, 1) AS resolution_h,
       round(fcr_rate(contacts), 1)        AS fcr_pct,
       round(csat(csat_rating), 1)         AS csat_top2_pct,
       round(ces(ces_score), 2)            AS ces_mean_1_7,
       round(margin_of_error(ces_agg(ces_score))::numeric, 2) AS ces_pm_95,
       round(ces(ces_score, 5), 1)         AS ces_easy_pct
FROM tickets GROUP BY 1 ORDER BY 1;

\echo
\echo '== Support by channel (first reply time as an interval) =='
SELECT channel, count(*) AS tickets, date_trunc('second', avg_response_time(opened_at, first_reply_at)) AS avg_first_reply,
       round(fcr_rate(contacts), 1) AS fcr_pct, round(csat(csat_rating, 5), 1) AS csat_top1_pct
FROM tickets GROUP BY channel ORDER BY channel;

\echo
\echo '== Customer churn and retention by quarter, straight over the customers table =='
SELECT to_char(q, 'YYYY-"Q"Q') AS quarter, segment,
       round(churn_rate(signed_up_on, churned_on, daterange(q::date, (q + interval '3 months')::date)), 1) AS churn_pct,
       round(retention_rate(signed_up_on, churned_on, daterange(q::date, (q + interval '3 months')::date)), 1) AS retention_pct
FROM customers, generate_series(date '2025-01-01', date '2025-10-01', interval '3 months') AS g(q)
GROUP BY q, segment ORDER BY q, segment;

\echo
\echo '== Revenue health by segment: at-risk customers and MRR, expansion, references =='
SELECT segment, count(*) AS customers,
       round(share(health_score < 40), 1)             AS at_risk_pct,
       round(share(health_score < 40, mrr), 1)        AS mrr_at_risk_pct,
       round(share(mrr > mrr_a_year_ago), 1)          AS expanded_pct,
       round(share(is_reference), 1)                  AS references_pct
FROM customers WHERE churned_on IS NULL GROUP BY segment ORDER BY segment;

\echo
\echo '== Customer health: a weighted score of five measures as of a day, graded into four tiers =='
-- measures as of day d: the customer-success tool's score (today's only: it keeps no history, so
-- it is missing for earlier days and its weight re-normalised away), the last NPS answer by band,
-- CSAT of the tickets resolved in the 180 days before, tickets opened in the 90 days before (less
-- is better), orders in the 90 days before
CREATE FUNCTION health_on(d date) RETURNS TABLE (customer_id integer, segment text, mrr numeric, score numeric, tier text)
LANGUAGE sql STABLE AS $$
SELECT c.customer_id, c.segment, c.mrr, h.score, health_tier(h.score)
FROM customers AS c
CROSS JOIN LATERAL (SELECT health_score(ARRAY[
           CASE WHEN d >= date '2025-12-31' THEN c.health_score END,
           measure_score((SELECT r.score FROM survey_responses AS r WHERE r.customer_id = c.customer_id AND r.answered_at < d + 1
                          ORDER BY r.answered_at DESC LIMIT 1), ARRAY[7, 9], ARRAY[0, 50, 100]),
           (SELECT csat(t.csat_rating) FROM tickets AS t
            WHERE t.customer_id = c.customer_id AND t.resolved_at >= d - 179 AND t.resolved_at < d + 1),
           measure_score((SELECT count(*) FROM tickets AS t
                          WHERE t.customer_id = c.customer_id AND t.opened_at >= d - 89 AND t.opened_at < d + 1), 6, 0),
           measure_score((SELECT count(*) FROM orders AS o
                          WHERE o.customer_id = c.customer_id AND o.ordered_on > d - 90 AND o.ordered_on <= d), 0, 3)],
         ARRAY[40, 20, 15, 10, 15]) AS score) AS h
WHERE c.signed_up_on <= d AND (c.churned_on IS NULL OR c.churned_on > d)
$$;
SELECT coalesce(segment, 'all') AS segment, customers(t), round(tier_share(t, 'At-risk'), 1) AS at_risk_pct,
       round(tier_mrr_share(t, 'At-risk'), 1) AS mrr_at_risk_pct, round(tier_share(t, 'Unhealthy'), 1) AS unhealthy_pct,
       round(tier_share(t, 'Healthy'), 1) AS healthy_pct, round(tier_share(t, 'High-value'), 1) AS high_value_pct
FROM (SELECT segment, tier_agg(tier, mrr) AS t FROM health_on('2025-12-31') GROUP BY ROLLUP (segment)) AS tiers
ORDER BY tiers.segment NULLS LAST;

\echo
\echo '== Tier moves from 30 June to 31 December: where each June tier went (percent of it), new and gone customers =='
SELECT coalesce(before_tier, '(new)') AS june, coalesce(after_tier, '(gone)') AS december, customers,
       round(share, 1) AS pct_of_june_tier, mrr
FROM tier_transitions((SELECT tier_moves(j.tier, d.tier, coalesce(d.mrr, j.mrr))
                       FROM health_on('2025-06-30') AS j FULL JOIN health_on('2025-12-31') AS d USING (customer_id)))
ORDER BY array_position(ARRAY['At-risk', 'Unhealthy', 'Healthy', 'High-value'], before_tier) NULLS FIRST,
         array_position(ARRAY['At-risk', 'Unhealthy', 'Healthy', 'High-value'], after_tier) NULLS LAST;

\echo
\echo '== Retention cost by month: the expenses of keeping customers per customer, and over ARPA =='
SELECT to_char(lower(month), 'YYYY-MM') AS month, e.total AS expenses, customers_at_end(m) AS customers,
       round(retention_cost(e.total, m), 2) AS retention_cost, round(arpa(m), 2) AS arpa,
       round(retention_cost_ratio(e.total, m), 3) AS cost_over_arpa
FROM (SELECT month, mrr_agg(customer_id, mrr, started_on, ended_on, month) AS m
      FROM subscriptions, (SELECT daterange(d::date, (d + interval '1 month')::date) AS month
                           FROM generate_series(date '2025-01-01', date '2025-12-01', interval '1 month') AS d) AS months
      GROUP BY month) AS bridge
JOIN (SELECT date_trunc('month', spent_on)::date AS first_day, sum(amount) AS total FROM expenses GROUP BY 1) AS e
  ON e.first_day = lower(month)
ORDER BY 1;

\echo
\echo '== Referral value: revenue to date of referred customers (younger: referrals came later) against the others, and who refers =='
SELECT coalesce(segment, 'all') AS segment, customers(r), referred_customers(r) AS referred, referred_value(r) AS referred_revenue,
       round(referred_value_share(r), 1) AS revenue_share_pct, round(value_per_referred(r), 2) AS per_referred,
       round(value_per_other(r), 2) AS per_other, round(referral_lift(r), 2) AS lift, round(referring_share(r), 1) AS referring_pct
FROM (SELECT c.segment, referral_agg(c.referred_by IS NOT NULL, coalesce(o.revenue, 0), coalesce(k.referrals, 0)) AS r
      FROM customers AS c
      LEFT JOIN (SELECT customer_id, sum(amount) AS revenue FROM orders GROUP BY 1) AS o USING (customer_id)
      LEFT JOIN (SELECT referred_by AS customer_id, count(*) AS referrals FROM customers WHERE referred_by IS NOT NULL GROUP BY 1) AS k
        USING (customer_id)
      GROUP BY ROLLUP (c.segment)) AS referrals
ORDER BY referrals.segment NULLS LAST;

\echo
\echo '== MRR bridge by month: one mrr_agg(customer, mrr, started, ended, month) over the subscriptions table =='
SELECT to_char(lower(month), 'YYYY-MM') AS month, starting_mrr(m) AS start, new_mrr(m) AS new, expansion_mrr(m) AS expansion,
       contraction_mrr(m) AS contraction, churned_mrr(m) AS churn, reactivation_mrr(m) AS reactivation, ending_mrr(m) AS "end",
       round(nrr(m), 1) AS nrr_pct, round(grr(m), 1) AS grr_pct, round(quick_ratio(m), 2) AS quick_ratio
FROM (SELECT month, mrr_agg(customer_id, mrr, started_on, ended_on, month) AS m
      FROM subscriptions, (SELECT daterange(d::date, (d + interval '1 month')::date) AS month
                           FROM generate_series(date '2025-01-01', date '2025-12-01', interval '1 month') AS d) AS months
      GROUP BY month) AS bridge
ORDER BY 1;

\echo
\echo '== Revenue retention by segment for 2025: NRR, GRR, ARPA and LTV (monthly churn from the year''s) =='
SELECT c.segment, customers_at_start(m) AS customers_jan_1, churned_customers(m) AS churned, reactivated_customers(m) AS won_back,
       round(nrr(m), 1) AS nrr_pct, round(grr(m), 1) AS grr_pct, round(arpa(m), 2) AS arpa, round(ltv(m, 0.8), 0) AS ltv_80pct_margin
FROM (SELECT c.segment, mrr_agg(s.customer_id, s.mrr, s.started_on, s.ended_on, daterange('2025-01-01', '2026-01-01')) AS m
      FROM subscriptions s JOIN customers c USING (customer_id) GROUP BY c.segment) AS c
ORDER BY nrr(m) DESC;

\echo
\echo '== How long customers stay, by segment: Kaplan-Meier over sign-up and churn dates (as of 2025-12-31) =='
SELECT segment, customers(s) AS customers, churned_customers(s) AS churned,
       round(100 * survival_at(s, 365)::numeric, 1) AS still_after_1y_pct,
       round(100 * survival_lower(s, 365)::numeric, 1) || '-' || round(100 * survival_upper(s, 365)::numeric, 1) AS ci_95,
       median_lifetime(s) AS median_days, round(rmst(s, 1095)::numeric) AS mean_days_of_first_3y,
       round(lifetime_value(s, arpa * 12 / 365, 1095), 0) AS value_of_3y
FROM (SELECT segment, survival_agg(signed_up_on, churned_on, '2025-12-31') AS s, avg(mrr) AS arpa
      FROM customers GROUP BY segment) AS t
ORDER BY segment;
SELECT 'smb vs enterprise: log-rank p = ' || round(logrank_test(a, b)::numeric, 4) AS do_they_churn_alike
FROM (SELECT survival_agg(signed_up_on, churned_on, '2025-12-31') FILTER (WHERE segment = 'smb') AS a,
             survival_agg(signed_up_on, churned_on, '2025-12-31') FILTER (WHERE segment = 'enterprise') AS b FROM customers) AS t;

\echo
\echo '== The survival curve of every customer, every 90 days since sign-up, with its 95 % interval =='
SELECT d AS days, round(100 * survival_at(s, d)::numeric, 1) AS still_customers_pct,
       round(100 * survival_lower(s, d)::numeric, 1) AS lower_pct, round(100 * survival_upper(s, d)::numeric, 1) AS upper_pct
FROM (SELECT survival_agg(signed_up_on, churned_on, '2025-12-31') AS s FROM customers) AS t, generate_series(0, 1080, 90) AS d;

\echo
\echo '== Cohort retention by sign-up quarter: % of customers still paying at the end of each quarter since their start (empty: not yet) =='
SELECT cohort, cohort_size AS customers,
       max(round(retention, 1)) FILTER (WHERE period_offset = 0) AS q0, max(round(retention, 1)) FILTER (WHERE period_offset = 1) AS q1,
       max(round(retention, 1)) FILTER (WHERE period_offset = 2) AS q2, max(round(retention, 1)) FILTER (WHERE period_offset = 3) AS q3,
       max(round(retention, 1)) FILTER (WHERE period_offset = 4) AS q4, max(round(retention, 1)) FILTER (WHERE period_offset = 5) AS q5,
       max(round(retention, 1)) FILTER (WHERE period_offset = 6) AS q6
FROM retention_matrix((SELECT cohort_agg(customer_id, mrr, started_on, ended_on, '2025-12-31', 'quarter') FROM subscriptions))
GROUP BY 1, 2 ORDER BY 1;

\echo
\echo '== The same cohorts pooled (weighted by the customers each quarter has reached), with net and gross MRR retention =='
SELECT period_offset AS quarter, cohorts, eligible AS customers, round(retention, 1) AS retention_pct,
       round(retention_at(s, period_offset, 'active_in_period', 'on_or_after'), 1) AS active_then_or_later_pct,
       round(net_mrr_retention, 1) AS nrr_pct, round(gross_mrr_retention, 1) AS grr_pct
FROM (SELECT cohort_agg(customer_id, mrr, started_on, ended_on, '2025-12-31', 'quarter') AS s FROM subscriptions) AS t,
     retention_curve(s)
ORDER BY 1;

\echo
\echo '== Projected retention, sBG per segment: whole months as renewals, observed (Kaplan-Meier) and projected (sbg_fit of the same life table) =='
WITH tenure AS (
    SELECT segment, whole_periods(signed_up_on, least(coalesce(churned_on, '2025-12-31'), '2025-12-31'), 'month') AS renewals,
           coalesce(churned_on <= '2025-12-31', false) AS churned
    FROM customers)
SELECT segment, customers(m) AS customers, round(model_param(m, 'alpha')::numeric, 2) AS alpha, round(model_param(m, 'beta')::numeric, 2) AS beta,
       round(100 * survival_at(km, 12)::numeric, 1) AS observed_12m_pct, round(100 * projected_survival(m, 12)::numeric, 1) AS sbg_12m_pct,
       round(100 * projected_survival(m, 24)::numeric, 1) AS sbg_24m_pct, round(100 * projected_survival(m, 36)::numeric, 1) AS sbg_36m_pct,
       round(100 * projected_retention(m, 13)::numeric, 1) AS renews_month_13_pct,
       round(residual_lifetime(m, 12, 0.01)::numeric, 1) AS months_left_after_12
FROM (SELECT segment, km, sbg_fit(km) AS m   -- the sBG fit of the life table itself
      FROM (SELECT segment, survival_agg(renewals, churned) AS km FROM tenure GROUP BY segment) AS k) AS t
ORDER BY segment;

\echo
\echo '== What customers will buy and be worth: BG/NBD and Gamma-Gamma per segment over the orders (weeks, as of 2025-12-31) =='
CREATE TEMP TABLE order_histories AS
SELECT customer_id, segment, (purchase_history(ordered_on, amount::float8, '2025-12-31', 'week')).*
FROM orders JOIN customers USING (customer_id) GROUP BY customer_id, segment;
CREATE TEMP TABLE segment_models AS
SELECT segment, bgnbd_fit(frequency, recency, age) AS purchases, gammagamma_fit(frequency, monetary_value) AS spend
FROM order_histories GROUP BY segment;
SELECT segment, customers(purchases) AS customers,
       count(*) FILTER (WHERE probability_alive(purchases, frequency, recency, age) >= 0.5) AS likely_still_buying,
       round(sum(expected_purchases(purchases, 13, frequency, recency, age))::numeric) AS orders_next_13_weeks,
       round(sum(predicted_clv(purchases, spend, frequency, recency, age, monetary_value, 12, 4.345, 0.01))::numeric) AS value_next_12_months
FROM order_histories JOIN segment_models USING (segment) GROUP BY segment, purchases ORDER BY segment;
SELECT customer_id, segment, frequency, recency, age, round(probability_alive(purchases, frequency, recency, age)::numeric, 2) AS p_alive,
       round(expected_spend(spend, frequency, monetary_value)::numeric) AS expected_order,
       round(predicted_clv(purchases, spend, frequency, recency, age, monetary_value, 12, 4.345, 0.01)::numeric) AS value_next_12_months
FROM order_histories JOIN segment_models USING (segment) ORDER BY value_next_12_months DESC, customer_id LIMIT 5;

\echo
\echo '== Customer lifetime value by segment: clv(avg order value, orders a year, lifespan in years) =='
SELECT c.segment, count(*) AS customers,
       round(clv(o.avg_order, o.orders_per_year, o.lifespan_years), 0) AS clv
FROM customers c
JOIN (SELECT customer_id, avg(amount) AS avg_order,
             count(*) / greatest((max(ordered_on) - min(ordered_on) + 1) / 365.25, 1.0 / 12) AS orders_per_year,
             (max(ordered_on) - min(ordered_on) + 1) / 365.25 AS lifespan_years
      FROM orders GROUP BY customer_id) o USING (customer_id)
GROUP BY c.segment ORDER BY clv DESC;

\echo
\echo '== Lead conversion by source (leads still in the funnel are NULL and do not count) =='
SELECT source, count(*) AS leads, count(converted) AS decided, round(conversion_rate(converted), 1) AS conversion_pct
FROM leads GROUP BY source ORDER BY conversion_pct DESC;

\echo
\echo '== Why one aggregate: the yearly NPS vs the average of monthly NPS values (a common mistake) =='
SELECT c.segment,
       round(nps(r.score), 1) AS yearly_nps,
       round((SELECT avg(m.nps) FROM (SELECT nps(r2.score) AS nps
                                      FROM survey_responses r2 JOIN customers c2 USING (customer_id)
                                      WHERE c2.segment = c.segment
                                      GROUP BY date_trunc('month', r2.answered_at)) m), 1)
           AS avg_of_monthly_nps
FROM survey_responses r JOIN customers c USING (customer_id)
GROUP BY c.segment ORDER BY c.segment;

\echo
\echo '== Stored daily summaries (a materialized view) combined into quarters with combine(), equal to the raw aggregate =='
CREATE MATERIALIZED VIEW nps_daily AS
SELECT answered_at::date AS day, c.segment, nps_agg(r.score) AS summary
FROM survey_responses r JOIN customers c USING (customer_id) GROUP BY 1, 2;
CREATE UNIQUE INDEX ON nps_daily (day, segment);
REFRESH MATERIALIZED VIEW CONCURRENTLY nps_daily;
SELECT to_char(q.quarter, 'YYYY-"Q"Q') AS quarter, round(nps(q.summary), 1) AS nps_from_daily_summaries,
       (SELECT round(nps(score), 1) FROM survey_responses r
        WHERE date_trunc('quarter', r.answered_at::date) = q.quarter) AS nps_from_raw_rows,
       responses(q.summary) AS responses
FROM (SELECT date_trunc('quarter', day) AS quarter, combine(summary) AS summary FROM nps_daily GROUP BY 1) AS q
ORDER BY 1;
