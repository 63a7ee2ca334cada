-- The table of the sharding test, named by the psql variable `table`: on a shard crm_events, on
-- the coordinator crm_local (the single-node reference), with the month stored (date_trunc is
-- not sent to shards: group by a stored column).
CREATE TABLE :"table" (
    id bigint PRIMARY KEY, segment text NOT NULL, day date NOT NULL,
    month date GENERATED ALWAYS AS (date_trunc('month', day::timestamp)::date) STORED,
    score integer, rating integer, effort numeric(3, 1), converted boolean, mrr numeric(10, 2),
    value numeric(10, 2), freq numeric(6, 1), lifespan numeric(6, 2), customer_id bigint,
    started_on date, ended_on date);
INSERT INTO :"table" (id, segment, day, score, rating, effort, converted, mrr, value, freq, lifespan,
                      customer_id, started_on, ended_on)
SELECT * FROM fdw_rows(:rows) WHERE segment = ANY (string_to_array(:'segments', ','));
ANALYZE :"table";
