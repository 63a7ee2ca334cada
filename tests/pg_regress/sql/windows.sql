-- A window's result equals, digit for digit, the same aggregate over the frame's rows in one
-- step: every aggregate with a moving form, over ROWS and RANGE frames, with numerics of display
-- scales 0 to 20 entering and leaving the frame (the result's scale follows the frame).

CREATE TABLE win_rows AS
SELECT i, i / 3 AS k,
       CASE WHEN i % 11 = 0 THEN NULL ELSE (i * 7) % 11 END AS r,
       1 + i % 5 AS c,
       CASE WHEN i % 7 = 0 THEN NULL ELSE round((i * 7919 % 1000)::numeric / 37, (i * 13) % 21) END AS x,
       round((i * 31 % 500)::numeric / 7, i % 21) AS y,
       i % 3 = 0 AS b,
       CASE WHEN i % 13 = 0 THEN NULL ELSE i % 4 = 0 END AS flag,
       100 + i % 9 AS at_start, i % 4 AS lost, 100 + i % 9 - i % 4 + i % 3 AS at_end, i % 3 AS new_customers,
       date '2024-06-01' + (i * 5) % 300 AS s,
       CASE WHEN i % 2 = 0 THEN date '2024-06-01' + (i * 5) % 300 + (i * 3) % 200 END AS e,
       timestamp '2025-01-01' + i * interval '1 hour' AS opened,
       CASE WHEN i % 5 <> 0 THEN timestamp '2025-01-01' + i * interval '1 hour' + (i * 7919 % 1000) * interval '1 second' END AS closed,
       CASE WHEN i % 2 = 0 THEN 3 ELSE 3.00 END AS t
FROM generate_series(1, 80) AS i;
ALTER TABLE win_rows ADD COLUMN nps_s npssummary, ADD COLUMN csat_s csatsummary, ADD COLUMN ces_s cessummary,
    ADD COLUMN clv_s clvsummary, ADD COLUMN share_s sharesummary, ADD COLUMN churn_s churnsummary,
    ADD COLUMN mrr_s mrrsummary;
UPDATE win_rows w SET nps_s = g.nps_s, csat_s = g.csat_s, ces_s = g.ces_s, clv_s = g.clv_s, share_s = g.share_s,
       churn_s = g.churn_s, mrr_s = g.mrr_s
FROM (SELECT i, nps_agg(r) AS nps_s, csat_agg(x, t) AS csat_s, ces_agg(x) AS ces_s, clv_agg(x, y, x) AS clv_s,
             share_agg(b, y) AS share_s, churn_agg(s, e, daterange('2025-01-01', '2025-02-01')) AS churn_s,
             mrr_agg(x, y, b) AS mrr_s
      FROM win_rows GROUP BY i) AS g
WHERE w.i = g.i;

-- Rows (of 80) where `expr` OVER a frame of `n` PRECEDING rows (ROWS, over i) or values (RANGE,
-- over k, which repeats) differs, as text, from `expr` over those rows in one step. The window
-- clause goes where `expr` has an @, or after it.
CREATE FUNCTION window_differs(expr text, mode text, n int) RETURNS bigint LANGUAGE plpgsql AS $$
DECLARE
    col text := CASE mode WHEN 'ROWS' THEN 'i' ELSE 'k' END;
    over text := format('OVER (ORDER BY %s %s BETWEEN %s PRECEDING AND CURRENT ROW)', col, mode, n);
    windowed text := CASE WHEN expr LIKE '%@%' THEN replace(expr, '@', over) ELSE expr || ' ' || over END;
    bad bigint;
BEGIN
    EXECUTE format($q$
        SELECT count(*) FILTER (WHERE w IS DISTINCT FROM o) FROM (
            SELECT (%1$s)::text AS w,
                   (SELECT (%2$s)::text FROM win_rows AS t WHERE t.%3$s BETWEEN f.%3$s - %4$s AND f.%3$s) AS o
            FROM win_rows AS f) AS q $q$, windowed, replace(expr, '@', ''), col, n) INTO bad;
    RETURN bad;
END $$;

SELECT expr, window_differs(expr, 'ROWS', 2) AS rows_2, window_differs(expr, 'ROWS', 9) AS rows_9,
       window_differs(expr, 'RANGE', 1) AS range_1, window_differs(expr, 'RANGE', 4) AS range_4
FROM unnest(ARRAY[
    'nps(r)', 'nps(r::smallint)', 'nps(r::bigint)', 'nps(r::numeric)',
    'csat(c)', 'csat(c, 3)', 'csat(c::smallint)', 'csat(c::bigint, 3::bigint)', 'csat(x, 1.5)', 'csat(x)',
    'ces(c)', 'ces(c::smallint)', 'ces(c::bigint)', 'ces(x)', 'ces(c, 3)', 'ces(x, 1.5)',
    'churn_rate(at_start, lost)', 'churn_rate(at_start::bigint, lost::bigint)', 'churn_rate(flag, b)',
    'churn_rate(s, e, daterange(''2025-01-01'', ''2025-02-01''))',
    'churn_rate(s::timestamptz, e::timestamptz, tstzrange(''2025-01-01'', ''2025-02-01''))',
    'retention_rate(at_start, lost)', 'retention_rate(flag, b)', 'retention_rate(at_start, at_end, new_customers)',
    'retention_rate(s, e, daterange(''2025-01-01'', ''2025-02-01''))',
    'clv(c, c, c)', 'clv(c::bigint, c::bigint, c::bigint)', 'clv(x, y, x)',
    'fcr_rate(flag)', 'fcr_rate(c)', 'conversion_rate(b)', 'share(b)', 'share(b, y)', 'share(flag, x)',
    'avg_response_time(opened, closed)', 'avg_resolution_time(opened::timestamptz, closed::timestamptz)',
    'nps_agg(r)', 'nps_agg(r::numeric)', 'csat_agg(c)', 'csat_agg(x, t)', 'csat_agg(c::numeric, t)',
    'ces_agg(c)', 'ces_agg(x)', 'clv_agg(c, c, c)', 'clv_agg(x, y, x)', 'share_agg(b)', 'share_agg(b, y)',
    'churn_agg(at_start, lost)', 'churn_agg(flag, b)', 'churn_agg(s, e, daterange(''2025-01-01'', ''2025-02-01''))',
    'rollup(nps_s)', 'rollup(csat_s)', 'rollup(ces_s)', 'rollup(clv_s)', 'rollup(share_s)', 'rollup(churn_s)',
    'ces(rollup(ces_s) @)', 'csat(rollup(csat_s) @)', 'mean_rating(rollup(csat_s) @)', 'clv(rollup(clv_s) @)',
    'share(rollup(share_s) @)', 'nps(rollup(nps_s) @)', 'churn_rate(rollup(churn_s) @)',
    'nps(r::float8)', 'csat(x::float8)', 'csat(x::float8, 1.5)', 'ces(x::float8)', 'ces(y::float8, 20)',
    'fcr_rate(c::bigint)', 'nps_agg(r::float8)', 'csat_agg(x::float8, t::float8)', 'ces_agg(x::float8)',
    'mrr_agg(x, y)', 'mrr_agg(x, y, b)', 'mrr_agg(y, x, flag)', 'rollup(mrr_s)', 'nrr(rollup(mrr_s) @)', 'quick_ratio(rollup(mrr_s) @)'
]) AS expr;

DROP TABLE win_rows;
DROP FUNCTION window_differs;
