-- Data a user keeps: every summary type in a table and in a materialized view, and a view that
-- calls the aggregates. Written against the API of the oldest released version (0.1.0).
CREATE TABLE answers AS
SELECT i, 'seg' || i % 3 AS segment, date '2025-01-01' + i % 90 AS day, (i * 7) % 11 AS score,
       1 + i % 5 AS rating, round((i % 70)::numeric / 10, 1 + i % 3) AS effort, i % 4 = 0 AS converted,
       (i * 13 % 900)::numeric / 4 AS mrr, date '2024-01-01' + (i * 7) % 400 AS started_on,
       CASE WHEN i % 5 = 0 THEN date '2024-01-01' + (i * 7) % 400 + 30 + i % 200 END AS ended_on,
       timestamptz '2025-01-01 00:00+00' + i * interval '1 hour' AS opened,
       timestamptz '2025-01-01 00:00+00' + i * interval '1 hour' + (i * 7) % 500 * interval '1 minute' AS closed
FROM generate_series(1, 2000) AS i;
CREATE TABLE daily AS
SELECT day, segment, nps_agg(score) AS nps, csat_agg(rating, 4) AS csat, ces_agg(effort) AS ces,
       clv_agg(mrr, 1 + score, effort) AS clv, share_agg(converted, mrr) AS share,
       churn_agg(started_on, ended_on, daterange('2025-01-01', '2025-03-01')) AS churn
FROM answers GROUP BY 1, 2;
CREATE MATERIALIZED VIEW monthly AS
SELECT date_trunc('month', day) AS month, segment, nps_agg(score) AS nps, csat_agg(rating, 4) AS csat,
       ces_agg(effort) AS ces, clv_agg(mrr, 1 + score, effort) AS clv, share_agg(converted, mrr) AS share,
       churn_agg(started_on, ended_on, daterange('2025-01-01', '2025-03-01')) AS churn
FROM answers GROUP BY 1, 2;
CREATE VIEW kpis AS
SELECT segment, nps(score), csat(rating), csat(rating, 5) AS top_box, ces(effort), ces(rating, 4) AS easy,
       clv(mrr, 1 + score, effort), share(converted, mrr) AS mrr_share, conversion_rate(converted),
       fcr_rate(rating), churn_rate(started_on, ended_on, daterange('2025-01-01', '2025-03-01')),
       retention_rate(started_on, ended_on, daterange('2025-01-01', '2025-03-01')),
       avg_response_time(opened, closed), avg_resolution_time(opened, closed)
FROM answers GROUP BY segment;
CREATE VIEW rolled_up AS
SELECT segment, nps(rollup(nps)), csat(rollup(csat)), mean_rating(rollup(csat)), ces(rollup(ces)),
       clv(rollup(clv)), share(rollup(share)), churn_rate(rollup(churn)), responses(rollup(nps))
FROM daily GROUP BY segment;
-- From 0.3.0 on, also what 0.3.0 added: MRR movements, confidence intervals, KPIs from counts and
-- double precision inputs, stored and in a view.
SELECT string_to_array(extversion, '.')::int[] >= '{0,3,0}' AS from_0_3_0 FROM pg_extension WHERE extname = 'pg_kpi' \gset
\if :from_0_3_0
CREATE TABLE mrr_monthly AS
SELECT segment, mrr_agg(i::bigint, mrr, started_on, ended_on, daterange('2025-01-01', '2025-02-01')) AS mrr
FROM answers GROUP BY segment;
CREATE VIEW kpis_0_3_0 AS
SELECT segment, nps(score::double precision) AS nps_float8, round(ci_lower(nps_agg(score))::numeric, 6) AS nps_lower,
       round(ci_upper(csat_agg(rating, 4), 0.9, 'wald')::numeric, 6) AS csat_upper,
       round(margin_of_error(ces_agg(effort))::numeric, 6) AS ces_margin,
       nps_from_counts(count(*) FILTER (WHERE score >= 9), count(*) FILTER (WHERE score IN (7, 8)), count(*) FILTER (WHERE score <= 6)) AS nps_counts,
       fcr_rate(rating::bigint) AS fcr_bigint
FROM answers GROUP BY segment;
\endif
