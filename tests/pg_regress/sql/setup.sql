-- Shared fixtures for every family's regress file. Regular (not temp) tables, because parallel
-- workers cannot scan temporary tables.
CREATE EXTENSION pg_kpi;

-- 100,000 deterministic survey answers over 7 segments and 12 months; every 13th score is NULL.
CREATE TABLE nps_fixture AS
SELECT i AS id,
       'seg' || (i % 7) AS segment,
       date '2026-01-01' + (i % 365) AS answered_on,
       CASE WHEN i % 13 = 0 THEN NULL ELSE (i * 7919 + i / 17) % 11 END::integer AS score
FROM generate_series(1, 100000) AS i;
ANALYZE nps_fixture;
