-- What a user reads from the data of data.sql: must not change across ALTER EXTENSION UPDATE.
\pset format unaligned
SELECT * FROM daily ORDER BY day, segment;
SELECT * FROM monthly ORDER BY month, segment;
SELECT * FROM kpis ORDER BY segment;
SELECT * FROM rolled_up ORDER BY segment;
SELECT nps(rollup(nps) OVER w), ces(rollup(ces) OVER w), clv(rollup(clv) OVER w)
FROM daily WHERE segment = 'seg1' WINDOW w AS (ORDER BY day ROWS 6 PRECEDING) ORDER BY day;
REFRESH MATERIALIZED VIEW monthly;
-- refreshed by the updated extension: 0.3.0's ces_agg writes cessummary version 2 (with the sum of
-- squares), so its text is compared without the version and the new key
SELECT month, segment, nps, csat, ces::text::jsonb - 'v' - 'sum_squares' AS ces, clv, share, churn
FROM monthly ORDER BY month, segment;
-- what 0.3.0 added (data.sql stores it in databases made with 0.3.0 and later)
SELECT to_regclass('mrr_monthly') IS NOT NULL AS from_0_3_0 \gset
\if :from_0_3_0
SELECT segment, mrr, nrr(mrr), grr(mrr), quick_ratio(mrr), customer_churn_rate(mrr) FROM mrr_monthly ORDER BY segment;
SELECT * FROM kpis_0_3_0 ORDER BY segment;
\endif
