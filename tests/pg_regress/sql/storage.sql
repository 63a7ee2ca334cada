-- Results never depend on how a value is stored: numerics and summaries moved out of line
-- (TOAST) or compressed inline read exactly as plain ones. PostgreSQL moves a value out of line
-- only when it is over 24 bytes (a numeric of 38 digits spread over 11 digit groups, most
-- summaries) and compresses only values of 32 bytes or more; dates and ranges stay smaller.

-- how many values of a table live in its TOAST table, and how many of a column are compressed
CREATE FUNCTION toasted_values(rel regclass) RETURNS bigint LANGUAGE plpgsql AS $$
DECLARE n bigint;
BEGIN
    EXECUTE format('SELECT count(DISTINCT chunk_id) FROM %s',
                   (SELECT reltoastrelid::regclass FROM pg_class WHERE oid = rel)) INTO n;
    RETURN n;
END $$;

-- 8 rows of 38-digit numerics (25 bytes each; their sums still fit 38 digits) and a 2.5 kB pad that makes each row TOAST-able
CREATE TABLE store_plain AS
SELECT i, (1 || '.' || lpad(i::text, 37, '0'))::numeric AS x,
       (10000 + i || '.' || lpad((i * 7)::text, 33, '0'))::numeric AS y,
       i % 3 = 0 AS hit, i % 11 AS score,
       daterange(date '2025-01-01', date '2025-02-01') AS p,
       date '2024-06-01' + i * 20 AS s, CASE WHEN i % 2 = 0 THEN date '2025-01-10' END AS e,
       (SELECT string_agg(md5(i::text || g::text), '') FROM generate_series(1, 80) g) AS pad
FROM generate_series(1, 8) AS i;
-- the same rows, every varlena column stored out of line once the row passes 128 bytes
CREATE TABLE store_external (LIKE store_plain) WITH (toast_tuple_target = 128);
ALTER TABLE store_external ALTER COLUMN x SET STORAGE EXTERNAL, ALTER COLUMN y SET STORAGE EXTERNAL,
    ALTER COLUMN p SET STORAGE EXTERNAL, ALTER COLUMN pad SET STORAGE EXTERNAL;
INSERT INTO store_external SELECT * FROM store_plain;
-- the 8 pads and some numerics went out of line (each row's until it was under 128 bytes)
SELECT toasted_values('store_external');

-- every aggregate that reads a numeric or a range, over one table
CREATE FUNCTION kpis_of(tab regclass) RETURNS TABLE (kpi text, value text) LANGUAGE plpgsql AS $$
BEGIN
    RETURN QUERY EXECUTE format($q$
        SELECT unnest(ARRAY['ces', 'ces_easy', 'csat', 'csat_default', 'nps', 'clv', 'share_weighted',
                            'churn', 'retention', 'ces_agg', 'csat_agg', 'clv_agg', 'share_agg', 'churn_agg']),
               unnest(ARRAY[ces(x)::text, ces(x, 1.5)::text, csat(y, 10004.5)::text, csat(y)::text,
                            nps(score::numeric)::text, clv(x, y, x)::text, share(hit, y)::text,
                            churn_rate(s, e, p)::text, retention_rate(s, e, p)::text, ces_agg(x)::text,
                            csat_agg(y, 10004.5)::text, clv_agg(x, y, x)::text, share_agg(hit, y)::text,
                            churn_agg(s, e, p)::text])
        FROM %s $q$, tab);
END $$;
SELECT * FROM kpis_of('store_external');
-- no difference from the plain table
SELECT * FROM kpis_of('store_external') EXCEPT SELECT * FROM kpis_of('store_plain');
-- and as windows (the moving forms read the same values again)
SELECT count(*) AS rows, count(*) FILTER (WHERE a IS DISTINCT FROM b) AS differ
FROM (SELECT i, (ces(x) OVER w)::text || (clv(x, y, x) OVER w) || (share(hit, y) OVER w) || (csat_agg(y, 10004.5) OVER w)::text AS a
      FROM store_external WINDOW w AS (ORDER BY i ROWS 2 PRECEDING)) AS e
JOIN (SELECT i, (ces(x) OVER w)::text || (clv(x, y, x) OVER w) || (share(hit, y) OVER w) || (csat_agg(y, 10004.5) OVER w)::text AS b
      FROM store_plain WINDOW w AS (ORDER BY i ROWS 2 PRECEDING)) AS p USING (i);

-- summaries stored out of line, and compressed inline
CREATE TABLE sums_plain AS
SELECT i % 4 AS k, nps_agg(score) AS nps, csat_agg(y, 10004.5) AS csat, ces_agg(x) AS ces,
       clv_agg(x, y, x) AS clv, share_agg(hit, y) AS share, churn_agg(s, e, p) AS churn,
       min(pad) AS pad
FROM store_plain GROUP BY 1;
-- an NPS summary of large counts takes 67 bytes
INSERT INTO sums_plain (k, nps, pad)
SELECT 9, '{"v":1,"counts":[1000000000000,1000000000001,1000000000002,1000000000003,1000000000004,1000000000005,1000000000006,1000000000007,1000000000008,1000000000009,1000000000010]}',
       min(pad) FROM store_plain;
CREATE TABLE sums_external (LIKE sums_plain) WITH (toast_tuple_target = 128);
ALTER TABLE sums_external ALTER COLUMN nps SET STORAGE EXTERNAL, ALTER COLUMN csat SET STORAGE EXTERNAL,
    ALTER COLUMN ces SET STORAGE EXTERNAL, ALTER COLUMN clv SET STORAGE EXTERNAL,
    ALTER COLUMN share SET STORAGE EXTERNAL, ALTER COLUMN churn SET STORAGE EXTERNAL,
    ALTER COLUMN pad SET STORAGE EXTERNAL;
INSERT INTO sums_external SELECT * FROM sums_plain;
CREATE TABLE sums_main (LIKE sums_plain) WITH (toast_tuple_target = 128);
ALTER TABLE sums_main ALTER COLUMN nps SET STORAGE MAIN, ALTER COLUMN csat SET STORAGE MAIN,
    ALTER COLUMN ces SET STORAGE MAIN, ALTER COLUMN clv SET STORAGE MAIN,
    ALTER COLUMN share SET STORAGE MAIN, ALTER COLUMN churn SET STORAGE MAIN,
    ALTER COLUMN pad SET STORAGE EXTERNAL;
INSERT INTO sums_main SELECT * FROM sums_plain;
-- how many summaries went out of line (the pads are 5 more), and how many were compressed
SELECT toasted_values('sums_external') - 5 AS summaries_out_of_line;
SELECT count(pg_column_compression(nps)) AS nps, count(pg_column_compression(csat)) AS csat,
       count(pg_column_compression(ces)) AS ces, count(pg_column_compression(clv)) AS clv,
       count(pg_column_compression(share)) AS share, count(pg_column_compression(churn)) AS churn
FROM sums_main;
-- every summary reads back the same, as text and through rollup() and its accessors
SELECT k, nps, csat, ces, clv, share, churn FROM sums_external ORDER BY k;
SELECT (SELECT array_agg(concat_ws('|', k, nps, csat, ces, clv, share, churn) ORDER BY k) FROM sums_external)
     = (SELECT array_agg(concat_ws('|', k, nps, csat, ces, clv, share, churn) ORDER BY k) FROM sums_plain) AS external_equal,
       (SELECT array_agg(concat_ws('|', k, nps, csat, ces, clv, share, churn) ORDER BY k) FROM sums_main)
     = (SELECT array_agg(concat_ws('|', k, nps, csat, ces, clv, share, churn) ORDER BY k) FROM sums_plain) AS compressed_equal;
SELECT nps(rollup(nps)), csat(rollup(csat)), ces(rollup(ces)), clv(rollup(clv)), share(rollup(share)),
       churn_rate(rollup(churn))
FROM sums_external WHERE k < 9;
SELECT nps(rollup(nps)), csat(rollup(csat)), ces(rollup(ces)), clv(rollup(clv)), share(rollup(share)),
       churn_rate(rollup(churn))
FROM sums_main WHERE k < 9;

-- a numeric too wide for a KPI is refused with its value, wherever it is stored
CREATE TABLE wide_external (v numeric, pad text) WITH (toast_tuple_target = 128);
ALTER TABLE wide_external ALTER COLUMN v SET STORAGE EXTERNAL, ALTER COLUMN pad SET STORAGE EXTERNAL;
INSERT INTO wide_external SELECT repeat('12', 100)::numeric, pad FROM store_plain WHERE i = 1;
CREATE TABLE wide_main (v numeric, pad text) WITH (toast_tuple_target = 128);
ALTER TABLE wide_main ALTER COLUMN v SET STORAGE MAIN, ALTER COLUMN pad SET STORAGE EXTERNAL;
INSERT INTO wide_main SELECT repeat('12', 100)::numeric, pad FROM store_plain WHERE i = 1;
SELECT toasted_values('wide_external') AS out_of_line, (SELECT count(pg_column_compression(v)) FROM wide_main) AS compressed;
SELECT ces(v) FROM wide_external;
SELECT ces(v) FROM wide_main;
SELECT nps(v) FROM wide_external;
SELECT csat(v, 4) FROM wide_main;
SELECT clv(v, 1, 1) FROM wide_external;
SELECT share(true, v) FROM wide_main;
SELECT ces_agg(v) FROM wide_external;

DROP TABLE store_plain, store_external, sums_plain, sums_external, sums_main, wide_external, wide_main;
DROP FUNCTION toasted_values, kpis_of;
