-- The sharding checks, run on the coordinator: each row a check and whether it holds.
\pset format unaligned
\pset tuples_only on
\pset fieldsep ' | '
SET enable_partitionwise_aggregate = on;
-- one KPI of every family, per segment: a GROUP BY holding the partition key
\set kpis 'nps(score) AS nps, csat(rating) AS csat, csat(rating, 5) AS top_box, ces(effort) AS ces, ces(effort, 5) AS easy, clv(value, freq, lifespan) AS clv, share(converted) AS share, share(converted, mrr) AS weighted, conversion_rate(converted) AS conversion, fcr_rate(rating) AS fcr, churn_rate(started_on, ended_on, daterange(''2025-01-01'', ''2025-02-01'')) AS churn'
\set summaries 'nps_agg(score) AS n, csat_agg(rating) AS c, ces_agg(effort) AS e, clv_agg(value, freq, lifespan) AS l, share_agg(converted) AS s, churn_agg(started_on, ended_on, daterange(''2025-01-01'', ''2025-02-01'')) AS h, mrr_agg(customer_id, mrr, started_on, ended_on, daterange(''2025-01-01'', ''2025-02-01'')) AS m'
\set rolled 'nps(rollup(n))::text || csat(rollup(c)) || ces(rollup(e)) || clv(rollup(l)) || share(rollup(s)) || churn_rate(rollup(h)) || nrr(rollup(m)) || rollup(e)::text || rollup(m)::text'
\set direct 'nps(score)::text || csat(rating) || ces(effort) || clv(value, freq, lifespan) || share(converted) || churn_rate(started_on, ended_on, daterange(''2025-01-01'', ''2025-02-01'')) || nrr(mrr_agg(customer_id, mrr, started_on, ended_on, daterange(''2025-01-01'', ''2025-02-01''))) || ces_agg(effort)::text || mrr_agg(customer_id, mrr, started_on, ended_on, daterange(''2025-01-01'', ''2025-02-01''))::text'

SELECT 'whole aggregates run on the shards (Remote SQL holds every pg_kpi call)',
       plan LIKE '%Remote SQL: SELECT segment, public.nps(score), public.csat(rating), public.csat(rating, 5), public.ces(effort), public.ces(effort, 5::numeric), public.clv(value, freq, lifespan), public.share(converted), public.share(converted, mrr), public.conversion_rate(converted), public.fcr_rate(rating), public.churn_rate(started_on, ended_on, ''[2025-01-01,2025-02-01)''::daterange) FROM public.crm_events%GROUP BY 1%'
       AND plan LIKE '%Async Foreign Scan%'
FROM plan_of(format('SELECT segment, %s FROM crm_events GROUP BY segment', :'kpis')) AS plan;
SELECT 'per-segment KPIs equal the single node''s, as text',
       (SELECT count(*) FROM (SELECT segment, :kpis FROM crm_events GROUP BY segment
                              EXCEPT SELECT segment, :kpis FROM crm_local GROUP BY segment) AS d) = 0
       AND (SELECT count(DISTINCT segment) FROM crm_events) = 4;
SELECT 'the two-step: summaries per segment and month run on the shards',
       plan LIKE '%Remote SQL: SELECT segment, month, public.nps_agg(score), public.csat_agg(rating), public.ces_agg(effort), public.clv_agg(value, freq, lifespan), public.share_agg(converted), public.churn_agg(%public.mrr_agg(customer_id, mrr, started_on, ended_on,%GROUP BY 1, 2%'
FROM plan_of(format('SELECT month, %s FROM (SELECT segment, month, %s FROM crm_events GROUP BY segment, month) AS t GROUP BY month',
                    :'rolled', :'summaries')) AS plan;
SELECT 'the two-step by month (across shards) equals the single node''s KPIs by month, summaries included',
       (SELECT array_agg(r ORDER BY month) FROM (SELECT month, :rolled AS r FROM (SELECT segment, month, :summaries FROM crm_events GROUP BY segment, month) AS t GROUP BY month) AS x)
       = (SELECT array_agg(r ORDER BY month) FROM (SELECT month, :direct AS r FROM crm_local GROUP BY month) AS y)
       AND (SELECT count(DISTINCT month) FROM crm_local) = 12;
SELECT 'the two-step over everything equals the single node',
       (SELECT :rolled FROM (SELECT segment, :summaries FROM crm_events GROUP BY segment) AS t)
       = (SELECT :direct FROM crm_local);
SELECT 'shard-side daily summaries (materialized views) roll up to the single node''s monthly KPIs',
       (SELECT array_agg(r ORDER BY m) FROM (SELECT date_trunc('month', day) AS m,
               nps(rollup(nps))::text || csat(rollup(csat)) || ces(rollup(ces)) || clv(rollup(clv)) || share(rollup(share)) || rollup(ces)::text AS r
               FROM crm_daily GROUP BY 1) AS x)
       = (SELECT array_agg(r ORDER BY m) FROM (SELECT date_trunc('month', day) AS m,
               nps(score)::text || csat(rating) || ces(effort) || clv(value, freq, lifespan) || share(converted) || ces_agg(effort)::text AS r
               FROM crm_local GROUP BY 1) AS y);
SELECT 'other groupings pull rows (PostgreSQL 15 sends no partial aggregates) and still agree',
       plan NOT LIKE '%public.nps%' AND (SELECT nps(score) FROM crm_events) = (SELECT nps(score) FROM crm_local)
FROM plan_of('SELECT nps(score) FROM crm_events') AS plan;
SELECT 'date_trunc is not sent to the shards: grouping by it pulls rows (and still agrees)',
       plan NOT LIKE '%public.nps%'
       AND (SELECT array_agg(n ORDER BY s, m) FROM (SELECT segment AS s, date_trunc('month', day) AS m, nps(score) AS n FROM crm_events GROUP BY 1, 2) AS x)
         = (SELECT array_agg(n ORDER BY s, m) FROM (SELECT segment AS s, date_trunc('month', day) AS m, nps(score) AS n FROM crm_local GROUP BY 1, 2) AS y)
FROM plan_of('SELECT segment, date_trunc(''month'', day), nps(score) FROM crm_events GROUP BY 1, 2') AS plan;
SELECT 'a shard''s error reaches the coordinator with its SQLSTATE and message',
       left(error_of('SELECT segment, nps(score + 5) FROM crm_local GROUP BY segment'), 5) = '22003'
       AND error_of('SELECT segment, nps(score + 5) FROM crm_events GROUP BY segment') LIKE '22003 nps score must be between 0 and 10, got 1_'
       AND error_of('SELECT segment, csat(rating, NULL::integer) FROM crm_events GROUP BY segment') = '22023 csat threshold must not be NULL';
SELECT 'the error as the coordinator shows it: ' || error_of('SELECT segment, nps(score + 5) FROM crm_events GROUP BY segment'), true;
