-- The rows of the sharding test: the same on every node (the coordinator keeps all of them in a
-- plain table, the single-node reference; each shard keeps its segments). Customers stay in one
-- segment, so per-customer KPIs (mrr_agg) split across shards exactly.
CREATE FUNCTION fdw_rows(n integer) RETURNS TABLE (
    id bigint, segment text, day date, score integer, rating integer, effort numeric(3, 1),
    converted boolean, mrr numeric(10, 2), value numeric(10, 2), freq numeric(6, 1),
    lifespan numeric(6, 2), customer_id bigint, started_on date, ended_on date)
LANGUAGE sql IMMUTABLE AS $$
SELECT i, 'seg' || (i % 4), date '2025-01-01' + (i * 7) % 365,
       CASE WHEN i % 53 = 0 THEN NULL ELSE (i * 7 + i / 13) % 11 END,
       CASE WHEN i % 17 = 0 THEN NULL ELSE 1 + (i * 31 + i / 7) % 5 END,
       CASE WHEN i % 19 = 0 THEN NULL ELSE (1 + (i * 13 + i / 11) % 70) / 10.0 END,
       CASE WHEN i % 23 = 0 THEN NULL ELSE (i * 7) % 10 < 3 END,
       ((i * 53) % 50000) / 100.0, ((i * 97) % 20000) / 100.0, 1 + (i * 3) % 40 / 10.0,
       0.5 + (i % 10) / 4.0, (i % 4) + 4 * ((i / 4) % 2000),
       date '2024-06-01' + (i * 7) % 400,
       CASE WHEN i % 3 = 0 THEN date '2024-06-01' + (i * 7) % 400 + (i * 13) % 300 END
FROM generate_series(1, n) AS i $$;
