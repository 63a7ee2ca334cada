-- combine(summary): the same aggregate as rollup(summary), under a name BI tools' SQL parsers accept
-- (to sqlglot, which Superset uses, and to standard SQL, ROLLUP is a reserved word). Equal in every
-- respect: the catalog entry, the bytes of every result (grouped, parallel, windowed), the errors.

-- 1. one catalog entry in every respect but the name: the same transition, inverse, combine,
--    serialize, deserialize and final functions, state types and sizes, parallel safety, comment
--    apart from its last clause
SELECT r.aggfnoid::regprocedure AS rollup_agg,
       (c.aggtransfn, c.aggfinalfn, c.aggcombinefn, c.aggserialfn, c.aggdeserialfn, c.aggmtransfn,
        c.aggminvtransfn, c.aggmfinalfn, c.aggfinalextra, c.aggmfinalextra, c.aggfinalmodify,
        c.aggmfinalmodify, c.aggsortop, c.aggtranstype, c.aggtransspace, c.aggmtranstype,
        c.aggmtransspace, c.agginitval, c.aggminitval, c.aggkind, c.aggnumdirectargs)
     IS NOT DISTINCT FROM
       (r.aggtransfn, r.aggfinalfn, r.aggcombinefn, r.aggserialfn, r.aggdeserialfn, r.aggmtransfn,
        r.aggminvtransfn, r.aggmfinalfn, r.aggfinalextra, r.aggmfinalextra, r.aggfinalmodify,
        r.aggmfinalmodify, r.aggsortop, r.aggtranstype, r.aggtransspace, r.aggmtranstype,
        r.aggmtransspace, r.agginitval, r.aggminitval, r.aggkind, r.aggnumdirectargs) AS same_aggregate,
       (pc.proparallel, pc.provolatile, pc.prorettype, pc.proargtypes, pc.proisstrict)
     = (pr.proparallel, pr.provolatile, pr.prorettype, pr.proargtypes, pr.proisstrict) AS same_function,
       starts_with(obj_description(c.aggfnoid, 'pg_proc'), obj_description(r.aggfnoid, 'pg_proc') || '; the same aggregate as rollup(')
         AS comment_extends_rollups
FROM pg_aggregate r JOIN pg_proc pr ON pr.oid = r.aggfnoid AND pr.proname = 'rollup'
JOIN pg_proc pc ON pc.proname = 'combine' AND pc.proargtypes = pr.proargtypes AND pc.pronamespace = pr.pronamespace
JOIN pg_aggregate c ON c.aggfnoid = pc.oid
ORDER BY r.aggfnoid::regprocedure::text;
-- every summary type has both
SELECT count(*) FILTER (WHERE proname = 'rollup') AS rollups, count(*) FILTER (WHERE proname = 'combine') AS combines
FROM pg_proc WHERE proname IN ('rollup', 'combine') AND prokind = 'a';

-- 2. the same bytes, grouped by segment, over every summary type (stored forms compared)
CREATE TABLE combine_daily AS
SELECT d AS day, d % 3 AS segment,
       nps_agg((d * 7 + i) % 11) AS nps, csat_agg(1 + (d + i) % 5, 4) AS csat, ces_agg((1 + (d * i) % 7)::numeric / 2) AS ces,
       clv_agg((d * 13 + i) % 500 / 10.0, 1 + i % 4, 0.5 + (i % 6) / 2.0) AS clv, share_agg(i % 3 = 0, i * 1.25) AS share,
       churn_agg(date '2024-01-01' + i * 9, CASE WHEN i % 4 = 0 THEN date '2025-01-01' + d END, daterange('2025-01-01', '2025-03-01')) AS churn,
       mrr_agg(i::bigint * 100 + d, ((d * 7 + i) % 9) * 12.5, date '2024-01-01' + i * 9, CASE WHEN i % 5 = 0 THEN date '2025-01-01' + d END,
               daterange('2025-01-01', '2025-03-01')) AS mrr
FROM generate_series(1, 60) AS d, generate_series(1, 40) AS i GROUP BY d;
CREATE VIEW combine_bytes AS
SELECT segment,
       kpi_internal.npssummary_send(rollup(nps)) = kpi_internal.npssummary_send(combine(nps)) AS nps,
       kpi_internal.csatsummary_send(rollup(csat)) = kpi_internal.csatsummary_send(combine(csat)) AS csat,
       kpi_internal.cessummary_send(rollup(ces)) = kpi_internal.cessummary_send(combine(ces)) AS ces,
       kpi_internal.clvsummary_send(rollup(clv)) = kpi_internal.clvsummary_send(combine(clv)) AS clv,
       kpi_internal.sharesummary_send(rollup(share)) = kpi_internal.sharesummary_send(combine(share)) AS share,
       kpi_internal.churnsummary_send(rollup(churn)) = kpi_internal.churnsummary_send(combine(churn)) AS churn,
       kpi_internal.mrrsummary_send(rollup(mrr)) = kpi_internal.mrrsummary_send(combine(mrr)) AS mrr
FROM combine_daily GROUP BY ROLLUP (segment);  -- the SQL keyword and the function, side by side
SELECT * FROM combine_bytes ORDER BY segment;
SELECT nps(combine(nps)), csat(combine(csat)), ces(combine(ces)), clv(combine(clv)), share(combine(share)),
       churn_rate(combine(churn)), nrr(combine(mrr)) FROM combine_daily;

-- 3. parallel combine equals serial rollup, byte for byte
CREATE TABLE combine_many AS SELECT g, nps, csat, ces, clv, share, churn FROM combine_daily, generate_series(1, 200) AS g;
ANALYZE combine_many;
SET parallel_setup_cost = 0;
SET parallel_tuple_cost = 0;
SET min_parallel_table_scan_size = 0;
SET max_parallel_workers_per_gather = 2;
EXPLAIN (COSTS OFF) SELECT combine(nps) FROM combine_many;
SELECT combine(nps)::text AS n, combine(csat)::text AS cs, combine(ces)::text AS ce, combine(clv)::text AS cl,
       combine(share)::text AS sh, combine(churn)::text AS ch FROM combine_many \gset
SET max_parallel_workers_per_gather = 0;
SELECT rollup(nps)::text = :'n' AS nps, rollup(csat)::text = :'cs' AS csat, rollup(ces)::text = :'ce' AS ces,
       rollup(clv)::text = :'cl' AS clv, rollup(share)::text = :'sh' AS share, rollup(churn)::text = :'ch' AS churn
FROM combine_many;
RESET parallel_setup_cost;
RESET parallel_tuple_cost;
RESET min_parallel_table_scan_size;
RESET max_parallel_workers_per_gather;

-- 4. windows: the moving form gives rollup's bytes, frame by frame (sliding and growing frames)
SELECT count(*) AS frames,
       count(*) FILTER (WHERE rn = cn AND rcs = ccs AND rce = cce AND rcl = ccl AND rsh = csh AND rch = cch AND rm = cm) AS equal
FROM (SELECT kpi_internal.npssummary_send(rollup(nps) OVER w) AS rn, kpi_internal.npssummary_send(combine(nps) OVER w) AS cn,
             kpi_internal.csatsummary_send(rollup(csat) OVER w) AS rcs, kpi_internal.csatsummary_send(combine(csat) OVER w) AS ccs,
             kpi_internal.cessummary_send(rollup(ces) OVER w) AS rce, kpi_internal.cessummary_send(combine(ces) OVER w) AS cce,
             kpi_internal.clvsummary_send(rollup(clv) OVER w) AS rcl, kpi_internal.clvsummary_send(combine(clv) OVER w) AS ccl,
             kpi_internal.sharesummary_send(rollup(share) OVER w) AS rsh, kpi_internal.sharesummary_send(combine(share) OVER w) AS csh,
             kpi_internal.churnsummary_send(rollup(churn) OVER w) AS rch, kpi_internal.churnsummary_send(combine(churn) OVER w) AS cch,
             kpi_internal.mrrsummary_send(rollup(mrr) OVER w) AS rm, kpi_internal.mrrsummary_send(combine(mrr) OVER w) AS cm
      FROM combine_daily WINDOW w AS (ORDER BY day ROWS BETWEEN 6 PRECEDING AND CURRENT ROW)) AS f;
SELECT count(*) AS frames, count(*) FILTER (WHERE r = c) AS equal
FROM (SELECT nps(rollup(nps) OVER w)::text || ces(rollup(ces) OVER w) AS r, nps(combine(nps) OVER w)::text || ces(combine(ces) OVER w) AS c
      FROM combine_daily WINDOW w AS (ORDER BY day)) AS f;

-- 5. the same errors: summaries that do not add up, with the same SQLSTATE and message
\set VERBOSITY sqlstate
SELECT rollup(s) FROM (VALUES ((SELECT csat_agg(5, 4))), ((SELECT csat_agg(5, 5)))) AS v(s);
SELECT combine(s) FROM (VALUES ((SELECT csat_agg(5, 4))), ((SELECT csat_agg(5, 5)))) AS v(s);
\set VERBOSITY default
SELECT combine(s) FROM (VALUES ((SELECT csat_agg(5, 4))), ((SELECT csat_agg(5, 5)))) AS v(s);
SELECT combine(s) FROM (VALUES ((SELECT churn_agg(date '2024-01-01', NULL, daterange('2025-01-01', '2025-02-01')))),
                               ((SELECT churn_agg(date '2024-01-01', NULL, daterange('2025-02-01', '2025-03-01'))))) AS v(s);
SELECT rollup(s) FROM (VALUES ((SELECT churn_agg(date '2024-01-01', NULL, daterange('2025-01-01', '2025-02-01')))),
                              ((SELECT churn_agg(date '2024-01-01', NULL, daterange('2025-02-01', '2025-03-01'))))) AS v(s);
-- NULL summaries skipped; nothing to combine is NULL
SELECT combine(s) IS NULL AS empty, nps(combine(s)) IS NULL AS nps_null FROM (SELECT NULL::npssummary AS s WHERE false) AS v;
SELECT responses(combine(s)) FROM (VALUES (NULL::npssummary), ((SELECT nps_agg(9)))) AS v(s);
DROP VIEW combine_bytes;
DROP TABLE combine_daily, combine_many;
