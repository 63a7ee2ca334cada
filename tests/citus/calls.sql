-- One call of every aggregate pg_kpi has, read from the catalog (so an aggregate added later
-- without a call here fails the test), over the columns of tests/fdw/rows.sql: the argument
-- types' casts, constant thresholds and periods, and derived columns. `source` is rows (crm_*)
-- or summaries (crm_daily*).
CREATE FUNCTION call_of(name text, types text[]) RETURNS text LANGUAGE plpgsql AS $$
DECLARE
    t text := types[1];
    n int := cardinality(types);
    period text := 'daterange(''2025-01-01'', ''2025-02-01'')';
    tz_period text := 'tstzrange(''2025-01-01 00:00+00'', ''2025-02-01 00:00+00'')';
    -- BG/NBD rows drawn from hashes of id: a purchase rate, a chance of dying after each purchase,
    -- ages of 10-39 weeks; the purchases made before dying or the age running out
    bgnbd_rate text := '(-ln(((id * 2654435761) % 1000 + 0.5) / 1000) / 4)';
    bgnbd_x text := format('least(floor(ln(((id * 69069) %% 991 + 0.5) / 991) / ln(sqrt(((id * 40503) %% 997 + 0.5) / 997))) + 1, '
                           'floor(%s * (10 + id %% 30)))::bigint', bgnbd_rate);
    args text;
BEGIN
    args := CASE
        WHEN name IN ('nps', 'nps_agg') THEN format('score::%s', t)
        WHEN name IN ('csat', 'csat_agg') THEN format('rating::%s', t) || CASE WHEN n = 2 THEN format(', 4::%s', t) ELSE '' END
        WHEN name IN ('ces', 'ces_agg') THEN format('effort::%s', t) || CASE WHEN n = 2 THEN format(', 5::%s', t) ELSE '' END
        WHEN name IN ('churn_rate', 'churn_agg', 'retention_rate') THEN CASE
            WHEN types = '{boolean,boolean}' THEN
                'started_on < ''2025-01-01'' AND coalesce(ended_on >= ''2025-01-01'', true), started_on < ''2025-01-01'' AND ended_on >= ''2025-01-01'' AND ended_on < ''2025-02-01'''
            WHEN types = '{date,date,daterange}' THEN 'started_on, ended_on, ' || period
            WHEN types = '{"timestamp with time zone","timestamp with time zone",tstzrange}' THEN
                '(started_on || '' 08:00+00'')::timestamptz, (ended_on || '' 17:30+00'')::timestamptz, ' || tz_period
            WHEN n = 2 THEN format('(10 + id %% 5)::%s, (id %% 3)::%1$s', t)
            WHEN n = 3 THEN format('(10 + id %% 5)::%s, (9 + id %% 5 + id %% 2)::%1$s, (id %% 2)::%1$s', t) END
        WHEN name IN ('clv', 'clv_agg') THEN format('value::%s, freq::%1$s, lifespan::%1$s', t)
        WHEN name = 'fcr_rate' THEN CASE WHEN t = 'boolean' THEN 'rating >= 4' ELSE format('rating::%s', t) END
        WHEN name = 'conversion_rate' THEN 'converted'
        WHEN name IN ('share', 'share_agg') THEN 'converted' || CASE WHEN n = 2 THEN ', mrr' ELSE '' END
        WHEN name IN ('avg_response_time', 'avg_resolution_time') THEN
            format('(day + (id %% 1440) * interval ''1 minute'')::%s, (day + (id %% 1440 + id %% 4999) * interval ''1 minute'')::%1$s', t)
        WHEN name = 'mrr_agg' AND n = 5 THEN
            CASE t WHEN 'bigint' THEN 'customer_id' WHEN 'text' THEN 'customer_id::text' WHEN 'uuid' THEN 'md5(customer_id::text)::uuid' END
            || ', mrr, ' || CASE WHEN types[3] = 'date' THEN 'started_on, ended_on, ' || period
                                 ELSE '(started_on || '' 08:00+00'')::timestamptz, (ended_on || '' 17:30+00'')::timestamptz, ' || tz_period END
        WHEN name = 'mrr_agg' THEN 'mrr, round(mrr * (id % 3) / 2, 2)' || CASE WHEN n = 3 THEN ', id % 5 = 0' ELSE '' END
        WHEN name = 'survival_agg' THEN CASE
            WHEN t = 'date' THEN 'started_on, ended_on, ''2025-06-30''::date' || CASE WHEN n = 4 THEN ', ''2024-09-01''::date' ELSE '' END
            ELSE format('(id %% 400)::%s, coalesce(converted, false)', t) || CASE WHEN n = 3 THEN format(', (id %% 400 / 3)::%s', t) ELSE '' END END
        WHEN name = 'cohort_agg' THEN
            CASE t WHEN 'bigint' THEN 'customer_id' WHEN 'text' THEN 'customer_id::text' WHEN 'uuid' THEN 'md5(customer_id::text)::uuid' END
            || CASE WHEN n = 6 THEN ', mrr' ELSE '' END || ', started_on, ended_on, ''2025-06-30''::date, ''month'''
        -- the customer models: rows with the heterogeneity each model fits (churn falling with
        -- tenure; dying after purchases at rates of their own; customers' own mean spends)
        WHEN name = 'sbg_fit' THEN '(id % 7)::bigint, ((id / 7) * 7919) % 97 < 40 / (1 + id % 7)'
        WHEN name = 'bgnbd_fit' THEN format('%s, CASE WHEN %1$s = 0 THEN 0 ELSE least(%1$s / %s, 10 + id %% 30) END, (10 + id %% 30)::float8',
                                            bgnbd_x, bgnbd_rate)
        WHEN name = 'gammagamma_fit' THEN
            '(1 + id % 5)::bigint, (20 * (0.5 + (id * 7919) % 1000 / 1000.0) * (1 + (value / 200 - 0.5) / sqrt(1 + id % 5)))::float8'
        WHEN name = 'purchase_history' THEN 'day' || CASE WHEN n = 4 THEN ', value::float8' ELSE '' END || ', ''2025-12-31''::date, ''week'''
        -- health tiers from the answers (0-10 scaled to 0-100), moves to a tier of a hash, with
        -- customers new (no score) and gone (every 9th); referrals of every 4th customer
        WHEN name = 'tier_agg' THEN 'health_tier(score * 10)' || CASE WHEN n = 2 THEN ', mrr' ELSE '' END
        WHEN name = 'tier_moves' THEN 'health_tier(score * 10), CASE WHEN id % 9 <> 0 THEN health_tier((id * 7919) % 101) END'
                                      || CASE WHEN n = 3 THEN ', mrr' ELSE '' END
        WHEN name = 'referral_agg' THEN 'id % 4 = 0, value, (id % 3)::bigint'
        WHEN name IN ('combine', 'rollup') THEN
            CASE t WHEN 'npssummary' THEN 'nps' WHEN 'csatsummary' THEN 'csat' WHEN 'cessummary' THEN 'ces'
                   WHEN 'clvsummary' THEN 'clv' WHEN 'sharesummary' THEN 'share' WHEN 'churnsummary' THEN 'churn'
                   WHEN 'mrrsummary' THEN 'mrr' WHEN 'survivalsummary' THEN 'survival' WHEN 'cohortsummary' THEN 'cohort'
                   WHEN 'tiersummary' THEN 'tiers' WHEN 'referralsummary' THEN 'referral' END
    END;
    RETURN name || '(' || args || ')';
END $$;

CREATE TABLE calls AS
SELECT p.oid::regprocedure AS agg, p.proname::text AS name,
       NULL::text AS qualified,
       call_of(p.proname, types) AS call,
       CASE WHEN p.proname IN ('combine', 'rollup') THEN 'summaries' ELSE 'rows' END AS source
FROM pg_proc p
JOIN pg_depend d ON d.classid = 'pg_proc'::regclass AND d.objid = p.oid AND d.deptype = 'e'
JOIN pg_extension e ON e.oid = d.refobjid AND e.extname = 'pg_kpi',
LATERAL (SELECT array_agg(format_type(a, NULL) ORDER BY i) AS types FROM unnest(p.proargtypes::oid[]) WITH ORDINALITY AS x(a, i)) AS x
WHERE p.prokind = 'a';
-- as the plans print them: schema-qualified, types included
SET search_path = pg_catalog;
UPDATE public.calls SET qualified = agg::text;
RESET search_path;

-- The accessors over combined summaries, distributed and single-node: every function whose one
-- required argument is a summary (the accessors of every type, the confidence intervals,
-- std_error), called with that argument alone, with a confidence (or ltv's margin) as second
-- argument, and with an interval method as third; and the two-summary tests. Set-returning
-- functions (survival_curve, retention_matrix, retention_curve) are checked apart: Citus refuses them over an aggregate in the
-- select list.
CREATE TABLE accessor_calls AS
SELECT p.oid::regprocedure AS fn, format('%s(combine(%s)%s)', p.proname, c.col, extra) AS call
FROM pg_proc p
JOIN pg_depend d ON d.classid = 'pg_proc'::regclass AND d.objid = p.oid AND d.deptype = 'e'
JOIN pg_extension e ON e.oid = d.refobjid AND e.extname = 'pg_kpi'
JOIN (VALUES ('npssummary', 'nps', 'wald'), ('csatsummary', 'csat', 'wald'), ('cessummary', 'ces', 't'),
             ('clvsummary', 'clv', NULL), ('sharesummary', 'share', 'wald'), ('churnsummary', 'churn', 'wald'),
             ('mrrsummary', 'mrr', 'wald'), ('survivalsummary', 'survival', NULL), ('cohortsummary', 'cohort', NULL),
             ('tiersummary', 'tiers', NULL), ('referralsummary', 'referral', NULL)) AS c(type, col, method)
  ON format_type(p.proargtypes[0], NULL) = c.type,
LATERAL (SELECT '' AS extra
         UNION ALL SELECT CASE p.proname WHEN 'ltv' THEN ', 0.8' ELSE ', 0.9' END WHERE p.pronargs >= 2
         UNION ALL SELECT format(', 0.9, %L', c.method) WHERE p.pronargs = 3) AS x
WHERE p.prokind = 'f' AND p.pronamespace = 'public'::regnamespace AND p.pronargs - p.pronargdefaults = 1 AND NOT p.proretset
  AND p.prorettype NOT IN ('text'::regtype, 'cstring'::regtype, 'bytea'::regtype) AND p.prorettype <> p.proargtypes[0]
  -- a fit of a summary (sbg_fit(survivalsummary)) is no accessor: these rows' durations carry no sBG shape to fit
  AND p.prorettype <> 'customermodel'::regtype
UNION ALL
SELECT NULL, unnest(ARRAY[
    'nps_test(combine(nps) FILTER (WHERE segment = ''seg0''), combine(nps) FILTER (WHERE segment <> ''seg0''))',
    'nps_diff_ci_lower(combine(nps) FILTER (WHERE segment = ''seg0''), combine(nps) FILTER (WHERE segment <> ''seg0''))',
    'nps_diff_ci_upper(combine(nps) FILTER (WHERE segment = ''seg0''), combine(nps) FILTER (WHERE segment <> ''seg0''), 0.9)',
    'proportion_test(combine(csat) FILTER (WHERE segment = ''seg0''), combine(csat) FILTER (WHERE segment <> ''seg0''))',
    'proportion_test(combine(share) FILTER (WHERE segment = ''seg1''), combine(share) FILTER (WHERE segment <> ''seg1''))',
    'survival_at(combine(survival), 365)', 'survival_std_error(combine(survival), 100)',
    'survival_lower(combine(survival), 200, 0.9)', 'survival_upper(combine(survival), 200)',
    'rmst(combine(survival), 730)', 'lifetime_value(combine(survival), 1.5, 730)', 'median_lifetime(combine(survival), ''midpoint'')',
    'logrank_test(combine(survival) FILTER (WHERE segment = ''seg0''), combine(survival) FILTER (WHERE segment <> ''seg0''))',
    'tier_share(combine(tiers), ''At-risk'')', 'tier_mrr_share(combine(tiers), ''Healthy'')',
    'tier_customers(combine(tiers), ''Unhealthy'')', 'tier_mrr(combine(tiers), ''High-value'')',
    'retention_at(combine(cohort), 3)', 'retention_at(combine(cohort), 2, ''active_in_period'', ''on_or_after'', ''new_cohort'')']);
