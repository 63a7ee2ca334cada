-- The coordinator (psql variables: sock1, sock2, port1, port2, rows): pg_kpi and postgres_fdw, a server per
-- shard with extensions 'pg_kpi', a partitioned table whose partitions are the shards' tables,
-- and the single-node reference (every row in one local table).
CREATE EXTENSION pg_kpi;
CREATE EXTENSION postgres_fdw;
\i tests/fdw/rows.sql
\set table crm_local
\set segments seg0,seg1,seg2,seg3
\i tests/fdw/table.sql

CREATE SERVER shard1 FOREIGN DATA WRAPPER postgres_fdw
    OPTIONS (host :'sock1', port :'port1', dbname 'postgres', extensions 'pg_kpi', async_capable 'true', fetch_size '10000');
CREATE SERVER shard2 FOREIGN DATA WRAPPER postgres_fdw
    OPTIONS (host :'sock2', port :'port2', dbname 'postgres', extensions 'pg_kpi', async_capable 'true', fetch_size '10000');
CREATE USER MAPPING FOR CURRENT_USER SERVER shard1;
CREATE USER MAPPING FOR CURRENT_USER SERVER shard2;

CREATE TABLE crm_events (
    id bigint NOT NULL, segment text NOT NULL, day date NOT NULL, month date,
    score integer, rating integer, effort numeric(3, 1), converted boolean, mrr numeric(10, 2),
    value numeric(10, 2), freq numeric(6, 1), lifespan numeric(6, 2), customer_id bigint,
    started_on date, ended_on date) PARTITION BY LIST (segment);
CREATE FOREIGN TABLE crm_events_1 PARTITION OF crm_events FOR VALUES IN ('seg0', 'seg1')
    SERVER shard1 OPTIONS (table_name 'crm_events');
CREATE FOREIGN TABLE crm_events_2 PARTITION OF crm_events FOR VALUES IN ('seg2', 'seg3')
    SERVER shard2 OPTIONS (table_name 'crm_events');
-- the shards' daily summaries, read as one table
CREATE TABLE crm_daily (segment text NOT NULL, day date NOT NULL, nps npssummary, csat csatsummary,
                        ces cessummary, clv clvsummary, share sharesummary) PARTITION BY LIST (segment);
CREATE FOREIGN TABLE crm_daily_1 PARTITION OF crm_daily FOR VALUES IN ('seg0', 'seg1')
    SERVER shard1 OPTIONS (table_name 'crm_daily');
CREATE FOREIGN TABLE crm_daily_2 PARTITION OF crm_daily FOR VALUES IN ('seg2', 'seg3')
    SERVER shard2 OPTIONS (table_name 'crm_daily');
ANALYZE crm_events;
ANALYZE crm_daily;

\i tests/helpers.sql
