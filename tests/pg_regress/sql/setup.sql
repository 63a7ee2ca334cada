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

-- 100,000 deterministic CRM rows for the CX families: survey answers, tickets, funnel flags,
-- account health and MRR, purchases, subscriptions. NULLs sprinkled in every column.
CREATE TABLE cx_fixture AS
SELECT i AS id,
       'seg' || (i % 7) AS segment,
       CASE WHEN i % 17 = 0 THEN NULL ELSE 1 + (i * 31 + i / 7) % 5 END::integer AS rating,
       CASE WHEN i % 19 = 0 THEN NULL ELSE 1 + (i * 13 + i / 11) % 7 END::integer AS effort,
       CASE WHEN i % 23 = 0 THEN NULL ELSE (i * 7) % 10 < 3 END AS converted,
       CASE WHEN i % 29 = 0 THEN NULL ELSE 1 + (i * 11 + i / 3) % 4 END::integer AS contacts,
       (i * 37) % 100 AS health,
       CASE WHEN i % 31 = 0 THEN NULL ELSE ((i * 53) % 50000) / 100.0 END::numeric(10, 2) AS mrr,
       CASE WHEN i % 37 = 0 THEN NULL ELSE ((i * 97) % 20000) / 100.0 END::numeric(10, 2) AS purchase_value,
       (1 + (i * 3) % 40 / 10.0)::numeric(6, 1) AS purchase_freq,
       (0.5 + (i % 10) / 4.0)::numeric(6, 2) AS lifespan_years,
       timestamptz '2025-01-01 00:00+00' + i * interval '5 minutes' AS requested_at,
       CASE WHEN i % 41 = 0 THEN NULL
            ELSE timestamptz '2025-01-01 00:00+00' + i * interval '5 minutes' + ((i * 7919) % 86400) * interval '1 second'
       END AS responded_at,
       date '2023-01-01' + (i * 7) % 900 AS started_on,
       CASE WHEN i % 3 = 0 THEN date '2023-01-01' + (i * 7) % 900 + (i * 13) % 400 END AS ended_on
FROM generate_series(1, 100000) AS i;
ANALYZE cx_fixture;

-- one row per month and segment holding customer counts
CREATE TABLE churn_counts_fixture AS
SELECT date '2025-01-01' + (m - 1) * interval '1 month' AS month, 'seg' || s AS segment,
       100 + (m * 7 + s * 13) % 50 AS at_start, (m * 3 + s) % 10 AS lost, (m + s * 2) % 8 AS new_customers,
       100 + (m * 7 + s * 13) % 50 - (m * 3 + s) % 10 + (m + s * 2) % 8 AS at_end
FROM generate_series(1, 12) AS m, generate_series(0, 6) AS s;
