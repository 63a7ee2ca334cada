-- One shard (psql variables: shard, segments, rows): its segments' rows in crm_events, and the
-- daily summaries a shard keeps in a materialized view.
CREATE EXTENSION pg_kpi;
\i tests/fdw/rows.sql
\set table crm_events
\i tests/fdw/table.sql
CREATE MATERIALIZED VIEW crm_daily AS
SELECT segment, day, nps_agg(score) AS nps, csat_agg(rating) AS csat, ces_agg(effort) AS ces,
       clv_agg(value, freq, lifespan) AS clv, share_agg(converted) AS share
FROM crm_events GROUP BY segment, day;
SELECT 'shard ' || :shard || ': ' || count(*) || ' rows of ' || :'segments' || ', ' || current_setting('server_version') AS shard
FROM crm_events;
