-- The README's examples, so they cannot drift from the code.
SET timezone = 'UTC';
SET datestyle = 'ISO, YMD';
SET intervalstyle = 'postgres';

-- Survey KPIs
CREATE TEMP TABLE ticket_surveys (channel text, rating smallint, effort smallint);
INSERT INTO ticket_surveys VALUES ('chat', 5, 7), ('chat', 4, 6), ('chat', 2, 3), ('email', 3, 5),
                                  ('email', 5, NULL), ('email', NULL, NULL), ('phone', 1, 2);
SELECT channel, round(csat(rating), 1) AS csat, round(csat(rating, 5), 1) AS top_box,
       round(ces(effort), 2) AS ces, round(ces(effort, 5), 1) AS easy_pct
FROM ticket_surveys GROUP BY channel ORDER BY channel;

-- Churn and retention, one row per customer
CREATE TEMP TABLE subscriptions (customer text, segment text, started_on date, ended_on date);
INSERT INTO subscriptions VALUES ('a', 'smb', '2024-03-01', '2025-01-20'), ('b', 'smb', '2024-11-15', NULL),
  ('c', 'smb', '2025-01-10', NULL), ('d', 'enterprise', '2023-06-01', NULL), ('e', 'enterprise', '2024-01-01', '2025-02-15');
SELECT segment,
       round(churn_rate(started_on, ended_on, daterange('2025-01-01', '2025-02-01')), 1) AS january_churn,
       round(retention_rate(started_on, ended_on, daterange('2025-01-01', '2025-02-01')), 1) AS january_retention
FROM subscriptions GROUP BY segment ORDER BY segment;
SELECT to_char(m, 'YYYY-MM') AS month, round(churn_rate(started_on, ended_on, daterange(m::date, (m + interval '1 month')::date)), 1) AS churn
FROM subscriptions, generate_series(date '2025-01-01', date '2025-03-01', interval '1 month') AS g(m)
GROUP BY m ORDER BY m;

-- Churn and retention from counts
CREATE TEMP TABLE monthly_counts (month date, at_start integer, lost integer, at_end integer, new_customers integer);
INSERT INTO monthly_counts VALUES ('2025-01-01', 200, 10, 205, 15), ('2025-02-01', 205, 5, 210, 10), ('2025-03-01', 210, 21, 195, 6);
SELECT round(churn_rate(at_start, lost), 2) AS q1_churn, round(retention_rate(at_start, lost), 2) AS q1_retention,
       round(retention_rate(at_start, at_end, new_customers), 2) AS q1_crr,
       round(avg(100.0 * lost / at_start), 2) AS wrong_mean_of_monthly_churn
FROM monthly_counts;

-- Customer lifetime value
SELECT clv(100, 2, 3) AS seeds_example;
CREATE TEMP TABLE customer_stats (segment text, avg_order numeric, orders_per_year numeric, years numeric);
INSERT INTO customer_stats VALUES ('smb', 80, 6, 2.5), ('smb', 120, 4, 1.5), ('smb', NULL, 5, 1),
                                  ('enterprise', 5000, 2, 4), ('enterprise', 4000, 3, 6);
SELECT segment, round(clv(avg_order, orders_per_year, years), 2) AS clv
FROM customer_stats GROUP BY segment ORDER BY segment;

-- Service times
CREATE TEMP TABLE support_tickets (queue text, opened_at timestamptz, first_reply_at timestamptz, resolved_at timestamptz, contacts integer);
INSERT INTO support_tickets VALUES
  ('billing', '2025-03-01 09:00+00', '2025-03-01 09:30+00', '2025-03-02 10:00+00', 2),
  ('billing', '2025-03-01 10:00+00', '2025-03-01 12:00+00', '2025-03-01 18:00+00', 1),
  ('tech',    '2025-03-02 08:00+00', '2025-03-02 08:05+00', '2025-03-05 08:00+00', 3),
  ('tech',    '2025-03-02 09:00+00', NULL, NULL, NULL);
SELECT queue, avg_response_time(opened_at, first_reply_at) AS response, avg_resolution_time(opened_at, resolved_at) AS resolution,
       round(extract(epoch FROM avg_resolution_time(opened_at, resolved_at)) / 3600, 1) AS resolution_hours,
       round(fcr_rate(contacts), 1) AS fcr
FROM support_tickets GROUP BY queue ORDER BY queue;

-- Funnel and shares
CREATE TEMP TABLE trials (plan text, converted boolean);
INSERT INTO trials VALUES ('pro', true), ('pro', false), ('pro', true), ('team', false), ('team', NULL);
SELECT plan, round(conversion_rate(converted), 1) AS conversion FROM trials GROUP BY plan ORDER BY plan;
