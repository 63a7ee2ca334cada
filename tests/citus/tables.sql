-- The Citus test's tables (psql variable rows), on the coordinator with two workers:
--   crm_events      the rows, distributed by id (one row a subscription or answer): a customer's
--                   rows sit on several shards, so mrr_agg must merge customers across shards
--   crm_by_segment  the same rows distributed by segment: GROUP BY segment runs whole on workers
--   crm_local       the same rows in a plain table: the single-node reference
--   crm_daily, crm_daily_by_segment, crm_daily_local: one summary of every type per segment and
--                   day, distributed by day, by segment, and not at all
\i tests/fdw/rows.sql
CREATE TABLE crm_local AS SELECT * FROM fdw_rows(:rows);
CREATE TABLE crm_events AS SELECT * FROM crm_local;
CREATE TABLE crm_by_segment AS SELECT * FROM crm_local;
CREATE TABLE crm_daily_local AS
SELECT segment, day, nps_agg(score) AS nps, csat_agg(rating) AS csat, ces_agg(effort) AS ces,
       clv_agg(value, freq, lifespan) AS clv, share_agg(converted) AS share,
       churn_agg(started_on, ended_on, daterange('2025-01-01', '2025-02-01')) AS churn,
       mrr_agg(customer_id, mrr, started_on, ended_on, daterange('2025-01-01', '2025-02-01')) AS mrr,
       survival_agg(started_on, ended_on, '2025-06-30') AS survival,
       cohort_agg(customer_id, mrr, started_on, ended_on, '2025-06-30', 'month') AS cohort,
       tier_agg(health_tier(score * 10), mrr) AS tiers, referral_agg(id % 4 = 0, value, id % 3) AS referral
FROM crm_local GROUP BY segment, day;
CREATE TABLE crm_daily AS SELECT * FROM crm_daily_local;
CREATE TABLE crm_daily_by_segment AS SELECT * FROM crm_daily_local;
SET citus.shard_count = 4;
SET client_min_messages = warning;
SELECT create_distributed_table('crm_events', 'id');
SELECT create_distributed_table('crm_by_segment', 'segment', colocate_with => 'none');
SELECT create_distributed_table('crm_daily', 'day');
SELECT create_distributed_table('crm_daily_by_segment', 'segment', colocate_with => 'crm_by_segment');
SELECT truncate_local_data_after_distributing_table(t)
FROM unnest(ARRAY['crm_events', 'crm_by_segment', 'crm_daily', 'crm_daily_by_segment']::regclass[]) AS t;
RESET client_min_messages;
ANALYZE crm_local;
ANALYZE crm_daily_local;
\i tests/helpers.sql
