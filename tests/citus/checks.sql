-- The Citus checks, run on the coordinator after tables.sql and calls.sql: each row a check and
-- whether it holds (t/f); a check that fails names the aggregates it failed for.
\pset format unaligned
\pset tuples_only on
\pset fieldsep ' | '
SET citus.allow_aggregate_worker_combine_on_internal_types = on;

-- the table of a call's source: distributed by a column it is not grouped by ('dist'), by segment
-- ('by_segment'), or the single-node reference ('local')
CREATE FUNCTION tbl(source text, kind text) RETURNS text LANGUAGE sql IMMUTABLE AS $$
SELECT CASE WHEN source = 'rows' AND kind = 'dist' THEN 'crm_events'
            WHEN source = 'rows' THEN 'crm_' || kind
            WHEN kind = 'dist' THEN 'crm_daily' ELSE 'crm_daily_' || kind END $$;
-- (a) the plan computes the aggregate partially on the workers (Citus's worker_binary_partial_agg
-- of this aggregate in the shards' query) and combines the states on the coordinator
CREATE FUNCTION partial_on_workers(plan text, qualified text) RETURNS boolean LANGUAGE sql AS $$
SELECT plan LIKE '%Query: SELECT %worker_binary_partial_agg(''' || qualified || '''::regprocedure%'
       AND plan LIKE '%coord_binary_combine_agg(%' $$;
-- (c) the whole aggregate runs on the workers: the shards' query holds the call, grouped, and
-- the coordinator only collects rows
CREATE FUNCTION whole_on_workers(plan text, name text) RETURNS boolean LANGUAGE sql AS $$
SELECT plan LIKE 'Custom Scan (Citus Adaptive)%Query: SELECT segment, public.' || name || '(%GROUP BY segment%'
       AND plan NOT LIKE '%partial_agg%' AND plan NOT LIKE '%combine_agg%' $$;

SELECT 'every aggregate of pg_kpi has a call in this test (' || count(*) || ' aggregates)',
       count(*) > 100 AND count(*) = count(call) FROM calls;
SELECT 'the calls not generated: ' || string_agg(agg::text, ', '), false FROM calls WHERE call IS NULL HAVING count(*) > 0;

-- (a) no GROUP BY and grouped by a non-distribution column: partial aggregation on the workers
SELECT '(a) no GROUP BY: computed partially on the workers, for every aggregate', count(*) = 0
FROM calls WHERE NOT partial_on_workers(plan_of(format('SELECT %s FROM %s', call, tbl(source, 'dist'))), qualified);
SELECT '(a) not partial: ' || string_agg(agg::text, ', '), false
FROM calls WHERE NOT partial_on_workers(plan_of(format('SELECT %s FROM %s', call,
    tbl(source, 'dist'))), qualified) HAVING count(*) > 0;
SELECT '(a) GROUP BY segment (not the distribution column): computed partially on the workers, for every aggregate', count(*) = 0
FROM calls WHERE NOT partial_on_workers(plan_of(format('SELECT segment, %s FROM %s GROUP BY segment', call,
    tbl(source, 'dist'))), qualified);

-- (b) the answers equal a single node's, as text. One aggregate sums floating-point numbers,
-- whose last digits depend on the order of the additions (so do PostgreSQL's own avg(float8) in
-- a parallel plan): clv(double precision, ...), compared within 1e-12 relative below.
CREATE TABLE answers AS
SELECT agg, call, source, agg = 'clv(double precision,double precision,double precision)'::regprocedure AS float_sums,
       result_of(format('SELECT %s FROM %s', call, tbl(source, 'dist'))) AS whole,
       result_of(format('SELECT %s FROM %s', call, tbl(source, 'local'))) AS whole_local,
       result_of(format('SELECT segment, %s FROM %s GROUP BY segment ORDER BY segment', call,
                        tbl(source, 'dist'))) AS grouped,
       result_of(format('SELECT segment, %s FROM %s GROUP BY segment ORDER BY segment', call,
                        tbl(source, 'by_segment'))) AS by_distribution,
       result_of(format('SELECT segment, %s FROM %s GROUP BY segment ORDER BY segment', call,
                        tbl(source, 'local'))) AS grouped_local
FROM calls;
SELECT '(b) no GROUP BY: every aggregate''s answer equals the single node''s, as text', count(*) = 0
FROM answers WHERE NOT float_sums AND whole IS DISTINCT FROM whole_local;
SELECT '(b) differs: ' || string_agg(agg::text, ', '), false FROM answers WHERE NOT float_sums AND whole IS DISTINCT FROM whole_local HAVING count(*) > 0;
SELECT '(b) GROUP BY segment: every aggregate''s answers equal the single node''s, as text', count(*) = 0
FROM answers WHERE NOT float_sums AND grouped IS DISTINCT FROM grouped_local;
SELECT '(b) differs grouped: ' || string_agg(agg::text, ', '), false FROM answers WHERE NOT float_sums AND grouped IS DISTINCT FROM grouped_local HAVING count(*) > 0;
SELECT '(b) clv(double precision, ...) (float sums) equals the single node''s within 1e-12 relative, whole and per segment',
       count(*) = 5 AND bool_and(abs(d.clv - l.clv) <= 1e-12 * abs(l.clv))
FROM (SELECT 'all' AS segment, clv(value::float8, freq::float8, lifespan::float8) FROM crm_events
      UNION ALL SELECT segment, clv(value::float8, freq::float8, lifespan::float8) FROM crm_events GROUP BY segment) AS d
JOIN (SELECT 'all' AS segment, clv(value::float8, freq::float8, lifespan::float8) FROM crm_local
      UNION ALL SELECT segment, clv(value::float8, freq::float8, lifespan::float8) FROM crm_local GROUP BY segment) AS l USING (segment);
SELECT '(b) the answers are not empty: every aggregate has a value in every segment', count(*) = 0
FROM answers WHERE whole_local = E'()\n' OR grouped_local LIKE '%,)%' OR cardinality(string_to_array(grouped_local, E'\n')) <> 5;
SELECT '(b) the comparison sees a difference (one row less on the distributed side)',
       result_of('SELECT nps(score) FROM crm_events WHERE id > 1') <> result_of('SELECT nps(score) FROM crm_local');

-- (c) grouped by the distribution column: the whole aggregate runs on the workers
SELECT '(c) GROUP BY the distribution column: the whole aggregate runs on the workers, for every aggregate', count(*) = 0
FROM calls WHERE NOT whole_on_workers(plan_of(format('SELECT segment, %s FROM %s GROUP BY segment', call,
    tbl(source, 'by_segment'))), name);
SELECT '(c) not whole: ' || string_agg(agg::text, ', '), false FROM calls
WHERE NOT whole_on_workers(plan_of(format('SELECT segment, %s FROM %s GROUP BY segment', call,
    tbl(source, 'by_segment'))), name) HAVING count(*) > 0;
SELECT '(c) ... and its answers equal the single node''s, as text', count(*) = 0
FROM answers WHERE NOT float_sums AND by_distribution IS DISTINCT FROM grouped_local;

-- (d) mrr_agg over subscriptions distributed by subscription id: customers' rows on several shards
SELECT '(d) customers whose subscriptions sit on different shards: ' || count(*), count(*) > 1000
FROM (SELECT customer_id FROM crm_local
      GROUP BY customer_id HAVING count(DISTINCT get_shard_id_for_distribution_column('crm_events', id)) > 1) AS split;
SELECT '(d) mrr_agg over them is exact (every movement), whole and per segment, every id type and period type',
       count(*) = 8 AND bool_and(whole = whole_local AND grouped = grouped_local)
FROM answers WHERE call LIKE 'mrr_agg(%';
SELECT '(d) the MRR summary of January: ' || rtrim(whole, E'\n'), true FROM answers
WHERE call = 'mrr_agg(customer_id, mrr, started_on, ended_on, daterange(''2025-01-01'', ''2025-02-01''))';
SELECT '(d) ... in which customers with a subscription ended on one shard and others going on on other shards are contracted, not churned',
       new_mrr(s) > 0 AND contracted_customers(s) > 100 AND customers_at_start(s) > 1000
FROM (SELECT mrr_agg(customer_id, mrr, started_on, ended_on, daterange('2025-01-01', '2025-02-01')) AS s FROM crm_events) AS m;

-- the accessors over combined summaries (confidence intervals and tests among them)
SELECT 'accessors over combine() (' || count(*) || ', every confidence accessor): equal to the single node''s, whole and per segment',
       count(*) > 40 AND count(*) FILTER (WHERE call LIKE 'ci_%' OR call LIKE 'margin_of_error%' OR call LIKE 'std_error%') >= 30
       AND bool_and(result_of(format('SELECT %s FROM crm_daily', call)) = result_of(format('SELECT %s FROM crm_daily_local', call))
                    AND result_of(format('SELECT segment, %s FROM crm_daily GROUP BY segment ORDER BY 1', call))
                      = result_of(format('SELECT segment, %s FROM crm_daily_local GROUP BY segment ORDER BY 1', call)))
FROM accessor_calls;
SELECT 'accessor differs: ' || call, false FROM accessor_calls
WHERE result_of(format('SELECT %s FROM crm_daily', call)) <> result_of(format('SELECT %s FROM crm_daily_local', call));
SELECT 'survival_curve() of a combined distributed life table (in FROM) equals the single node''s',
       result_of('SELECT * FROM survival_curve((SELECT combine(survival) FROM crm_daily))')
         = result_of('SELECT * FROM survival_curve((SELECT combine(survival) FROM crm_daily_local))')
       AND result_of('SELECT * FROM survival_curve((SELECT combine(survival) FROM crm_daily))') LIKE '%(365,%';
SELECT 'retention_matrix() and retention_curve() of combined distributed cohorts (in FROM) equal the single node''s',
       result_of('SELECT * FROM retention_matrix((SELECT combine(cohort) FROM crm_daily), ''active_in_period'')')
         = result_of('SELECT * FROM retention_matrix((SELECT combine(cohort) FROM crm_daily_local), ''active_in_period'')')
       AND result_of('SELECT * FROM retention_curve((SELECT cohort_agg(customer_id, mrr, started_on, ended_on, ''2025-06-30'', ''week'') FROM crm_events))')
         = result_of('SELECT * FROM retention_curve((SELECT cohort_agg(customer_id, mrr, started_on, ended_on, ''2025-06-30'', ''week'') FROM crm_local))')
       AND result_of('SELECT * FROM retention_curve((SELECT combine(cohort) FROM crm_daily))') LIKE '%(3,%';
-- (what Citus says of the other form, for the README; not a check)
SELECT 'survival_curve(combine(...)) in the select list of a distributed query: '
       || error_of('SELECT survival_curve(combine(survival)) FROM crm_daily'), true;
SELECT 'accessors over combine() are computed on the coordinator from states combined there',
       partial_on_workers(plan_of('SELECT ci_lower(combine(nps)), ci_upper(combine(csat)), margin_of_error(combine(ces)) FROM crm_daily'),
                          'public.combine(public.npssummary)');

-- (e) errors raised on a worker reach the client with their SQLSTATE and message
SELECT '(e) a worker''s 22003 reaches the client: ' || error_of('SELECT nps(score + 5) FROM crm_events'),
       error_of('SELECT nps(score + 5) FROM crm_events') LIKE '22003 nps score must be between 0 and 10, got 1_'
       AND error_of('SELECT segment, nps(score + 5) FROM crm_events GROUP BY segment') LIKE '22003 nps score must be between 0 and 10, got 1_';
SELECT '(e) a worker''s 22023 reaches the client: ' || error_of('SELECT csat(rating, NULL::integer) FROM crm_events'),
       error_of('SELECT csat(rating, NULL::integer) FROM crm_events') = '22023 csat threshold must not be NULL'
       AND error_of('SELECT segment, csat(rating, NULL::integer) FROM crm_by_segment GROUP BY segment') = '22023 csat threshold must not be NULL';
SELECT '(e) a 22023 of the coordinator''s combine names the user''s aggregate: '
       || error_of('SELECT csat(rating, CASE segment WHEN ''seg0'' THEN 4 ELSE 5 END) FROM crm_by_segment'),
       error_of('SELECT csat(rating, CASE segment WHEN ''seg0'' THEN 4 ELSE 5 END) FROM crm_by_segment')
           SIMILAR TO '22023 csat threshold must be the same on every row of a group, got (4 after 5|5 after 4)';

-- what postgres_fdw does not send to its shards, Citus computes on the workers
SELECT 'FILTER (WHERE ...) and GROUP BY date_trunc(...) are computed partially on the workers too, and agree',
       partial_on_workers(plan_of('SELECT nps_test(combine(nps) FILTER (WHERE segment = ''seg0''), combine(nps) FILTER (WHERE segment <> ''seg0'')) FROM crm_daily'),
                          'public.combine(public.npssummary)')
       AND partial_on_workers(plan_of('SELECT date_trunc(''month'', day), nps(score) FROM crm_events GROUP BY 1'), 'public.nps(integer)')
       AND result_of('SELECT date_trunc(''month'', day), nps(score), csat_agg(rating) FROM crm_events GROUP BY 1 ORDER BY 1')
         = result_of('SELECT date_trunc(''month'', day), nps(score), csat_agg(rating) FROM crm_local GROUP BY 1 ORDER BY 1');
