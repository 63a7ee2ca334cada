-- cohortsummary: how signup cohorts retain. cohort_agg() over one row per subscription builds the
-- cohort matrices (customers by the calendar period of their first start, counted at every
-- whole-period offset from their own start, as of a day), combine() adds segments, and
-- retention_matrix()/retention_curve() read them. Included by cohort_sql.rs.
CREATE TYPE cohortsummary;
CREATE FUNCTION kpi_internal.cohortsummary_in(text cstring) RETURNS cohortsummary
    LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE AS 'MODULE_PATHNAME', 'cohortsummary_in';
CREATE FUNCTION kpi_internal.cohortsummary_out(summary cohortsummary) RETURNS cstring
    LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE AS 'MODULE_PATHNAME', 'cohortsummary_out';
CREATE FUNCTION kpi_internal.cohortsummary_recv(buf internal) RETURNS cohortsummary
    LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE AS 'MODULE_PATHNAME', 'cohortsummary_recv';
CREATE FUNCTION kpi_internal.cohortsummary_send(summary cohortsummary) RETURNS bytea
    LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE AS 'MODULE_PATHNAME', 'cohortsummary_send';
CREATE TYPE cohortsummary (
    INPUT = kpi_internal.cohortsummary_in, OUTPUT = kpi_internal.cohortsummary_out,
    RECEIVE = kpi_internal.cohortsummary_recv, SEND = kpi_internal.cohortsummary_send,
    INTERNALLENGTH = VARIABLE, STORAGE = extended
);
COMMENT ON TYPE cohortsummary IS 'Cohort retention matrices: customers by the calendar period of their first start and by whole periods since their own start, observed as of a day: per cell eligible customers, retained ones under each rule (end of period or active in period, N-period or on or after) and with MRR initial, end-of-period and capped MRR, under both returning-customer rules; exact and stored versioned; text {"v":1,"period":...,"as_of":...,"mrr_scale":...,"first_cohort":[...],"new_cohort":[...]}; combine with combine(), read with retention_matrix(), retention_curve(), retention_at()';
COMMENT ON FUNCTION kpi_internal.cohortsummary_in(cstring) IS 'cohortsummary input; malformed text or impossible counts are error 22P02';
COMMENT ON FUNCTION kpi_internal.cohortsummary_out(cohortsummary) IS 'cohortsummary output: {"v":1,"period":...,"as_of":...,"mrr_scale":...,"first_cohort":[{"cohort":...,"size":...,"cells":[[eligible,end,end_on_or_after,active,active_on_or_after(,initial,mrr,capped)],...]}],"new_cohort":[...]}';
COMMENT ON FUNCTION kpi_internal.cohortsummary_recv(internal) IS 'cohortsummary binary input; impossible bytes are error 22P02';
COMMENT ON FUNCTION kpi_internal.cohortsummary_send(cohortsummary) IS 'cohortsummary binary output: version byte, period, as_of, MRR scale, then per rule and cohort its day, size and cells as LEB128 numbers';

CREATE FUNCTION kpi_internal.cohort_rows_combine(state internal, other internal) RETURNS internal
    LANGUAGE C IMMUTABLE PARALLEL SAFE AS 'MODULE_PATHNAME', 'cohort_rows_combine';
CREATE FUNCTION kpi_internal.cohort_rows_serialize(state internal) RETURNS bytea
    LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE AS 'MODULE_PATHNAME', 'cohort_rows_serialize';
CREATE FUNCTION kpi_internal.cohort_rows_deserialize(bytes bytea, unused internal) RETURNS internal
    LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE AS 'MODULE_PATHNAME', 'cohort_rows_deserialize';
CREATE FUNCTION kpi_internal.cohort_rows_final(state internal) RETURNS cohortsummary
    LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE AS 'MODULE_PATHNAME', 'cohort_rows_final';
COMMENT ON FUNCTION kpi_internal.cohort_rows_combine(internal, internal) IS 'cohort_agg() combine function: appends a parallel worker''s subscriptions (same as_of and period)';
COMMENT ON FUNCTION kpi_internal.cohort_rows_serialize(internal) IS 'cohort_agg() serialize function: the subscriptions to bytea for parallel workers';
COMMENT ON FUNCTION kpi_internal.cohort_rows_deserialize(bytea, internal) IS 'cohort_agg() deserialize function: bytea from a parallel worker to subscriptions';
COMMENT ON FUNCTION kpi_internal.cohort_rows_final(internal) IS 'cohort_agg() final function: groups the subscriptions by customer and builds the cohort matrices as a cohortsummary';
CREATE FUNCTION kpi_internal.cohort_accum(state internal, customer_id bigint, started_on date, ended_on date, as_of date, period text) RETURNS internal
    LANGUAGE C IMMUTABLE PARALLEL SAFE AS 'MODULE_PATHNAME', 'cohort_accum_bigint';
CREATE AGGREGATE cohort_agg(customer_id bigint, started_on date, ended_on date, as_of date, period text) (
    SFUNC = kpi_internal.cohort_accum, STYPE = internal, FINALFUNC = kpi_internal.cohort_rows_final,
    COMBINEFUNC = kpi_internal.cohort_rows_combine, SERIALFUNC = kpi_internal.cohort_rows_serialize, DESERIALFUNC = kpi_internal.cohort_rows_deserialize, PARALLEL = SAFE);
COMMENT ON FUNCTION kpi_internal.cohort_accum(internal, bigint, date, date, date, text) IS 'cohort_agg(bigint, date, date, date, text) transition function: keeps one subscription for its customer';
COMMENT ON AGGREGATE cohort_agg(bigint, date, date, date, text) IS 'Cohort retention over one row per subscription (active at the start of day t when started_on < t <= ended_on, NULL ended_on still running): customers by the calendar period (''day'', ''week'' from Monday, ''month'', ''quarter'', ''year'') of their first start in the rows given, counted at whole periods since their own start observed through as_of, as a cohortsummary; rows with a NULL customer_id, started_on skipped, rows starting after as_of not yet in the data; an end before its start, an infinite start or as_of, or a NULL, unknown or changing period or as_of is error 22023; parallel';
CREATE FUNCTION kpi_internal.cohort_mrr_accum(state internal, customer_id bigint, mrr numeric, started_on date, ended_on date, as_of date, period text) RETURNS internal
    LANGUAGE C IMMUTABLE PARALLEL SAFE AS 'MODULE_PATHNAME', 'cohort_mrr_accum_bigint';
CREATE AGGREGATE cohort_agg(customer_id bigint, mrr numeric, started_on date, ended_on date, as_of date, period text) (
    SFUNC = kpi_internal.cohort_mrr_accum, STYPE = internal, FINALFUNC = kpi_internal.cohort_rows_final,
    COMBINEFUNC = kpi_internal.cohort_rows_combine, SERIALFUNC = kpi_internal.cohort_rows_serialize, DESERIALFUNC = kpi_internal.cohort_rows_deserialize, PARALLEL = SAFE);
COMMENT ON FUNCTION kpi_internal.cohort_mrr_accum(internal, bigint, numeric, date, date, date, text) IS 'cohort_agg(bigint, numeric, date, date, date, text) transition function: keeps one subscription for its customer';
COMMENT ON AGGREGATE cohort_agg(bigint, numeric, date, date, date, text) IS 'Cohort retention and MRR over one row per subscription (active at the start of day t when started_on < t <= ended_on, NULL ended_on still running): customers by the calendar period (''day'', ''week'' from Monday, ''month'', ''quarter'', ''year'') of their first start in the rows given, counted at whole periods since their own start observed through as_of, as a cohortsummary; rows with a NULL customer_id, started_on or mrr skipped, rows starting after as_of not yet in the data; negative mrr is error 22003, an end before its start, an infinite start or as_of, or a NULL, unknown or changing period or as_of is error 22023; parallel';
CREATE FUNCTION kpi_internal.cohort_accum(state internal, customer_id text, started_on date, ended_on date, as_of date, period text) RETURNS internal
    LANGUAGE C IMMUTABLE PARALLEL SAFE AS 'MODULE_PATHNAME', 'cohort_accum_text';
CREATE AGGREGATE cohort_agg(customer_id text, started_on date, ended_on date, as_of date, period text) (
    SFUNC = kpi_internal.cohort_accum, STYPE = internal, FINALFUNC = kpi_internal.cohort_rows_final,
    COMBINEFUNC = kpi_internal.cohort_rows_combine, SERIALFUNC = kpi_internal.cohort_rows_serialize, DESERIALFUNC = kpi_internal.cohort_rows_deserialize, PARALLEL = SAFE);
COMMENT ON FUNCTION kpi_internal.cohort_accum(internal, text, date, date, date, text) IS 'cohort_agg(text, date, date, date, text) transition function: keeps one subscription for its customer';
COMMENT ON AGGREGATE cohort_agg(text, date, date, date, text) IS 'Cohort retention over one row per subscription (active at the start of day t when started_on < t <= ended_on, NULL ended_on still running): customers by the calendar period (''day'', ''week'' from Monday, ''month'', ''quarter'', ''year'') of their first start in the rows given, counted at whole periods since their own start observed through as_of, as a cohortsummary; rows with a NULL customer_id, started_on skipped, rows starting after as_of not yet in the data; an end before its start, an infinite start or as_of, or a NULL, unknown or changing period or as_of is error 22023; parallel';
CREATE FUNCTION kpi_internal.cohort_mrr_accum(state internal, customer_id text, mrr numeric, started_on date, ended_on date, as_of date, period text) RETURNS internal
    LANGUAGE C IMMUTABLE PARALLEL SAFE AS 'MODULE_PATHNAME', 'cohort_mrr_accum_text';
CREATE AGGREGATE cohort_agg(customer_id text, mrr numeric, started_on date, ended_on date, as_of date, period text) (
    SFUNC = kpi_internal.cohort_mrr_accum, STYPE = internal, FINALFUNC = kpi_internal.cohort_rows_final,
    COMBINEFUNC = kpi_internal.cohort_rows_combine, SERIALFUNC = kpi_internal.cohort_rows_serialize, DESERIALFUNC = kpi_internal.cohort_rows_deserialize, PARALLEL = SAFE);
COMMENT ON FUNCTION kpi_internal.cohort_mrr_accum(internal, text, numeric, date, date, date, text) IS 'cohort_agg(text, numeric, date, date, date, text) transition function: keeps one subscription for its customer';
COMMENT ON AGGREGATE cohort_agg(text, numeric, date, date, date, text) IS 'Cohort retention and MRR over one row per subscription (active at the start of day t when started_on < t <= ended_on, NULL ended_on still running): customers by the calendar period (''day'', ''week'' from Monday, ''month'', ''quarter'', ''year'') of their first start in the rows given, counted at whole periods since their own start observed through as_of, as a cohortsummary; rows with a NULL customer_id, started_on or mrr skipped, rows starting after as_of not yet in the data; negative mrr is error 22003, an end before its start, an infinite start or as_of, or a NULL, unknown or changing period or as_of is error 22023; parallel';
CREATE FUNCTION kpi_internal.cohort_accum(state internal, customer_id uuid, started_on date, ended_on date, as_of date, period text) RETURNS internal
    LANGUAGE C IMMUTABLE PARALLEL SAFE AS 'MODULE_PATHNAME', 'cohort_accum_uuid';
CREATE AGGREGATE cohort_agg(customer_id uuid, started_on date, ended_on date, as_of date, period text) (
    SFUNC = kpi_internal.cohort_accum, STYPE = internal, FINALFUNC = kpi_internal.cohort_rows_final,
    COMBINEFUNC = kpi_internal.cohort_rows_combine, SERIALFUNC = kpi_internal.cohort_rows_serialize, DESERIALFUNC = kpi_internal.cohort_rows_deserialize, PARALLEL = SAFE);
COMMENT ON FUNCTION kpi_internal.cohort_accum(internal, uuid, date, date, date, text) IS 'cohort_agg(uuid, date, date, date, text) transition function: keeps one subscription for its customer';
COMMENT ON AGGREGATE cohort_agg(uuid, date, date, date, text) IS 'Cohort retention over one row per subscription (active at the start of day t when started_on < t <= ended_on, NULL ended_on still running): customers by the calendar period (''day'', ''week'' from Monday, ''month'', ''quarter'', ''year'') of their first start in the rows given, counted at whole periods since their own start observed through as_of, as a cohortsummary; rows with a NULL customer_id, started_on skipped, rows starting after as_of not yet in the data; an end before its start, an infinite start or as_of, or a NULL, unknown or changing period or as_of is error 22023; parallel';
CREATE FUNCTION kpi_internal.cohort_mrr_accum(state internal, customer_id uuid, mrr numeric, started_on date, ended_on date, as_of date, period text) RETURNS internal
    LANGUAGE C IMMUTABLE PARALLEL SAFE AS 'MODULE_PATHNAME', 'cohort_mrr_accum_uuid';
CREATE AGGREGATE cohort_agg(customer_id uuid, mrr numeric, started_on date, ended_on date, as_of date, period text) (
    SFUNC = kpi_internal.cohort_mrr_accum, STYPE = internal, FINALFUNC = kpi_internal.cohort_rows_final,
    COMBINEFUNC = kpi_internal.cohort_rows_combine, SERIALFUNC = kpi_internal.cohort_rows_serialize, DESERIALFUNC = kpi_internal.cohort_rows_deserialize, PARALLEL = SAFE);
COMMENT ON FUNCTION kpi_internal.cohort_mrr_accum(internal, uuid, numeric, date, date, date, text) IS 'cohort_agg(uuid, numeric, date, date, date, text) transition function: keeps one subscription for its customer';
COMMENT ON AGGREGATE cohort_agg(uuid, numeric, date, date, date, text) IS 'Cohort retention and MRR over one row per subscription (active at the start of day t when started_on < t <= ended_on, NULL ended_on still running): customers by the calendar period (''day'', ''week'' from Monday, ''month'', ''quarter'', ''year'') of their first start in the rows given, counted at whole periods since their own start observed through as_of, as a cohortsummary; rows with a NULL customer_id, started_on or mrr skipped, rows starting after as_of not yet in the data; negative mrr is error 22003, an end before its start, an infinite start or as_of, or a NULL, unknown or changing period or as_of is error 22023; parallel';
CREATE FUNCTION kpi_internal.cohort_combine_accum(state internal, summary cohortsummary) RETURNS internal
    LANGUAGE C IMMUTABLE PARALLEL SAFE AS 'MODULE_PATHNAME', 'cohort_combine_accum';
CREATE FUNCTION kpi_internal.cohort_combine_inv(state internal, summary cohortsummary) RETURNS internal
    LANGUAGE C IMMUTABLE PARALLEL SAFE AS 'MODULE_PATHNAME', 'cohort_combine_inv';
CREATE FUNCTION kpi_internal.cohort_combine(state internal, other internal) RETURNS internal
    LANGUAGE C IMMUTABLE PARALLEL SAFE AS 'MODULE_PATHNAME', 'cohort_combine';
CREATE FUNCTION kpi_internal.cohort_combine_serialize(state internal) RETURNS bytea
    LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE AS 'MODULE_PATHNAME', 'cohort_combine_serialize';
CREATE FUNCTION kpi_internal.cohort_combine_deserialize(bytes bytea, unused internal) RETURNS internal
    LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE AS 'MODULE_PATHNAME', 'cohort_combine_deserialize';
CREATE FUNCTION kpi_internal.cohort_combine_final(state internal) RETURNS cohortsummary
    LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE AS 'MODULE_PATHNAME', 'cohort_combine_final';
CREATE AGGREGATE rollup(summary cohortsummary) (
    SFUNC = kpi_internal.cohort_combine_accum, STYPE = internal, FINALFUNC = kpi_internal.cohort_combine_final,
    COMBINEFUNC = kpi_internal.cohort_combine, SERIALFUNC = kpi_internal.cohort_combine_serialize, DESERIALFUNC = kpi_internal.cohort_combine_deserialize,
    MSFUNC = kpi_internal.cohort_combine_accum, MINVFUNC = kpi_internal.cohort_combine_inv, MSTYPE = internal, MFINALFUNC = kpi_internal.cohort_combine_final, PARALLEL = SAFE);
-- combine(): the same aggregate as rollup() (the same support functions), under a name that BI
-- tools' SQL parsers accept: to sqlglot (Superset) and standard SQL, ROLLUP is a reserved word
CREATE AGGREGATE combine(summary cohortsummary) (
    SFUNC = kpi_internal.cohort_combine_accum, STYPE = internal, FINALFUNC = kpi_internal.cohort_combine_final,
    COMBINEFUNC = kpi_internal.cohort_combine, SERIALFUNC = kpi_internal.cohort_combine_serialize, DESERIALFUNC = kpi_internal.cohort_combine_deserialize,
    MSFUNC = kpi_internal.cohort_combine_accum, MINVFUNC = kpi_internal.cohort_combine_inv, MSTYPE = internal, MFINALFUNC = kpi_internal.cohort_combine_final, PARALLEL = SAFE);
COMMENT ON AGGREGATE rollup(cohortsummary) IS 'Adds cohort matrices of disjoint customers (segments, shards) exactly, cell by cell; summaries of another period, as_of, or with and without MRR are error 22023; parallel, and a moving form for rolling windows; NULL summaries skipped';
COMMENT ON AGGREGATE combine(cohortsummary) IS 'Adds cohort matrices of disjoint customers (segments, shards) exactly, cell by cell; summaries of another period, as_of, or with and without MRR are error 22023; parallel, and a moving form for rolling windows; NULL summaries skipped; the same aggregate as rollup(cohortsummary), named so BI tools'' SQL parsers accept it (ROLLUP is a reserved word to them)';
COMMENT ON FUNCTION kpi_internal.cohort_combine_accum(internal, cohortsummary) IS 'rollup(cohortsummary) and combine(cohortsummary) transition: adds one summary';
COMMENT ON FUNCTION kpi_internal.cohort_combine_inv(internal, cohortsummary) IS 'rollup(cohortsummary) and combine(cohortsummary) moving-aggregate inverse: removes a summary leaving a window frame';
COMMENT ON FUNCTION kpi_internal.cohort_combine(internal, internal) IS 'rollup(cohortsummary) and combine(cohortsummary) combine function: adds two partial sums (parallel aggregation)';
COMMENT ON FUNCTION kpi_internal.cohort_combine_serialize(internal) IS 'rollup(cohortsummary) and combine(cohortsummary) serialize function: the partial sum to bytea (its stored form)';
COMMENT ON FUNCTION kpi_internal.cohort_combine_deserialize(bytea, internal) IS 'rollup(cohortsummary) and combine(cohortsummary) deserialize function: bytea to a partial sum';
COMMENT ON FUNCTION kpi_internal.cohort_combine_final(internal) IS 'rollup(cohortsummary) and combine(cohortsummary) final function: the sum as a cohortsummary';

CREATE FUNCTION customers(summary cohortsummary) RETURNS bigint
    LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE AS 'MODULE_PATHNAME', 'cohortsummary_customers';
COMMENT ON FUNCTION customers(cohortsummary) IS 'Customers in the cohort matrices (each counted once, in the cohort of its first start)';
CREATE FUNCTION kpi_internal.cohort_matrix_counts(summary cohortsummary, retained_by text, horizon text, returning_customers text) RETURNS bigint[]
    LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE AS 'MODULE_PATHNAME', 'cohort_matrix_counts';
CREATE FUNCTION kpi_internal.cohort_matrix_money(summary cohortsummary, returning_customers text) RETURNS text[]
    LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE AS 'MODULE_PATHNAME', 'cohort_matrix_money';
CREATE FUNCTION kpi_internal.cohort_curve_counts(summary cohortsummary, retained_by text, horizon text, returning_customers text) RETURNS bigint[]
    LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE AS 'MODULE_PATHNAME', 'cohort_curve_counts';
CREATE FUNCTION kpi_internal.cohort_curve_money(summary cohortsummary, returning_customers text) RETURNS text[]
    LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE AS 'MODULE_PATHNAME', 'cohort_curve_money';
COMMENT ON FUNCTION kpi_internal.cohort_matrix_counts(cohortsummary, text, text, text) IS 'retention_matrix() support: cohort day, offset, cohort size, eligible and retained of every cell of the grid, flattened';
COMMENT ON FUNCTION kpi_internal.cohort_matrix_money(cohortsummary, text) IS 'retention_matrix() support: initial, end-of-period and capped MRR of every cell of the grid as text, flattened; NULL without MRR';
COMMENT ON FUNCTION kpi_internal.cohort_curve_counts(cohortsummary, text, text, text) IS 'retention_curve() support: offset, cohorts observed, eligible and retained summed over the cohorts, flattened';
COMMENT ON FUNCTION kpi_internal.cohort_curve_money(cohortsummary, text) IS 'retention_curve() support: initial, end-of-period and capped MRR summed over the cohorts as text, flattened; NULL without MRR';
CREATE FUNCTION retention_matrix(summary cohortsummary, retained_by text DEFAULT 'end_of_period', horizon text DEFAULT 'n_period',
                                 returning_customers text DEFAULT 'first_cohort')
    RETURNS TABLE (cohort date, period_offset integer, cohort_size bigint, eligible bigint, retained bigint, retention numeric,
                   initial_mrr numeric, mrr numeric, net_mrr_retention numeric, gross_mrr_retention numeric)
    LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
    AS $$ SELECT date '2000-01-01' + c[5 * i + 1]::integer, c[5 * i + 2]::integer, c[5 * i + 3], c[5 * i + 4],
                 CASE WHEN c[5 * i + 4] > 0 THEN c[5 * i + 5] END,
                 CASE WHEN c[5 * i + 4] > 0 THEN 100.0 * c[5 * i + 5] / c[5 * i + 4] END,
                 CASE WHEN c[5 * i + 4] > 0 THEN m[3 * i + 1]::numeric END,
                 CASE WHEN c[5 * i + 4] > 0 THEN m[3 * i + 2]::numeric END,
                 CASE WHEN c[5 * i + 4] > 0 AND m[3 * i + 1]::numeric > 0 THEN 100.0 * m[3 * i + 2]::numeric / m[3 * i + 1]::numeric END,
                 CASE WHEN c[5 * i + 4] > 0 AND m[3 * i + 1]::numeric > 0 THEN 100.0 * m[3 * i + 3]::numeric / m[3 * i + 1]::numeric END
          FROM (SELECT kpi_internal.cohort_matrix_counts(summary, retained_by, horizon, returning_customers) AS c,
                       kpi_internal.cohort_matrix_money(summary, returning_customers) AS m OFFSET 0) AS grid,
               generate_series(0, cardinality(c) / 5 - 1) AS i $$;
COMMENT ON FUNCTION retention_matrix(cohortsummary, text, text, text) IS 'The cohort grid, a row per cohort and offset up to the last observed one: cohort (first day of its period), period_offset, cohort_size, eligible (members whose period at that offset has ended by as_of), retained, retention = 100 * retained / eligible (NULL when no one is eligible yet: not yet, never 0), and with MRR initial_mrr, mrr (at the end of the period), net and gross MRR retention; retained_by ''end_of_period'' (default: Stripe, Baremetrics) or ''active_in_period'' (Amplitude, PostHog), horizon ''n_period'' (default) or ''on_or_after'' (unbounded), returning_customers ''first_cohort'' (default: Stripe) or ''new_cohort''; another value is error 22023';
CREATE FUNCTION retention_curve(summary cohortsummary, retained_by text DEFAULT 'end_of_period', horizon text DEFAULT 'n_period',
                                returning_customers text DEFAULT 'first_cohort')
    RETURNS TABLE (period_offset integer, cohorts bigint, eligible bigint, retained bigint, retention numeric,
                   initial_mrr numeric, mrr numeric, net_mrr_retention numeric, gross_mrr_retention numeric)
    LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
    AS $$ SELECT c[4 * i + 1]::integer, c[4 * i + 2], c[4 * i + 3], c[4 * i + 4], 100.0 * c[4 * i + 4] / c[4 * i + 3],
                 m[3 * i + 1]::numeric, m[3 * i + 2]::numeric,
                 CASE WHEN m[3 * i + 1]::numeric > 0 THEN 100.0 * m[3 * i + 2]::numeric / m[3 * i + 1]::numeric END,
                 CASE WHEN m[3 * i + 1]::numeric > 0 THEN 100.0 * m[3 * i + 3]::numeric / m[3 * i + 1]::numeric END
          FROM (SELECT kpi_internal.cohort_curve_counts(summary, retained_by, horizon, returning_customers) AS c,
                       kpi_internal.cohort_curve_money(summary, returning_customers) AS m OFFSET 0) AS curve,
               generate_series(0, cardinality(c) / 4 - 1) AS i $$;
COMMENT ON FUNCTION retention_curve(cohortsummary, text, text, text) IS 'The pooled retention curve, a row per observed offset: cohorts observed there, eligible and retained customers summed over them, retention = 100 * retained / eligible (weighted by eligible customers, as Amplitude pools), and with MRR net and gross MRR retention of the eligible members; the same rule arguments as retention_matrix()';
CREATE FUNCTION retention_at(summary cohortsummary, period_offset integer, retained_by text DEFAULT 'end_of_period', horizon text DEFAULT 'n_period',
                             returning_customers text DEFAULT 'first_cohort') RETURNS numeric
    LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
    AS $$ SELECT c.retention FROM retention_curve(summary, retained_by, horizon, returning_customers) AS c WHERE c.period_offset = retention_at.period_offset $$;
COMMENT ON FUNCTION retention_at(cohortsummary, integer, text, text, text) IS 'Pooled retention at one offset: 100 * retained / eligible over every cohort observed there; NULL when no cohort has reached it; the same rule arguments as retention_matrix()';

-- Equality, a btree order and hashing (as summary_ops.sql gives every summary type), and casts.
CREATE FUNCTION kpi_internal.cohortsummary_eq(a cohortsummary, b cohortsummary) RETURNS boolean
    LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE AS 'MODULE_PATHNAME', 'cohortsummary_eq';
CREATE FUNCTION kpi_internal.cohortsummary_ne(a cohortsummary, b cohortsummary) RETURNS boolean
    LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE AS 'MODULE_PATHNAME', 'cohortsummary_ne';
CREATE FUNCTION kpi_internal.cohortsummary_lt(a cohortsummary, b cohortsummary) RETURNS boolean
    LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE AS 'MODULE_PATHNAME', 'cohortsummary_lt';
CREATE FUNCTION kpi_internal.cohortsummary_le(a cohortsummary, b cohortsummary) RETURNS boolean
    LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE AS 'MODULE_PATHNAME', 'cohortsummary_le';
CREATE FUNCTION kpi_internal.cohortsummary_gt(a cohortsummary, b cohortsummary) RETURNS boolean
    LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE AS 'MODULE_PATHNAME', 'cohortsummary_gt';
CREATE FUNCTION kpi_internal.cohortsummary_ge(a cohortsummary, b cohortsummary) RETURNS boolean
    LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE AS 'MODULE_PATHNAME', 'cohortsummary_ge';
CREATE FUNCTION kpi_internal.cohortsummary_cmp(a cohortsummary, b cohortsummary) RETURNS integer
    LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE AS 'MODULE_PATHNAME', 'cohortsummary_cmp';
CREATE FUNCTION kpi_internal.cohortsummary_hash(summary cohortsummary) RETURNS integer
    LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE AS 'MODULE_PATHNAME', 'cohortsummary_hash';
CREATE FUNCTION kpi_internal.cohortsummary_hash_extended(summary cohortsummary, seed bigint) RETURNS bigint
    LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE AS 'MODULE_PATHNAME', 'cohortsummary_hash_extended';
CREATE OPERATOR = (LEFTARG = cohortsummary, RIGHTARG = cohortsummary, FUNCTION = kpi_internal.cohortsummary_eq,
    COMMUTATOR = =, NEGATOR = <>, RESTRICT = eqsel, JOIN = eqjoinsel, HASHES, MERGES);
CREATE OPERATOR <> (LEFTARG = cohortsummary, RIGHTARG = cohortsummary, FUNCTION = kpi_internal.cohortsummary_ne,
    COMMUTATOR = <>, NEGATOR = =, RESTRICT = neqsel, JOIN = neqjoinsel);
CREATE OPERATOR < (LEFTARG = cohortsummary, RIGHTARG = cohortsummary, FUNCTION = kpi_internal.cohortsummary_lt,
    COMMUTATOR = >, NEGATOR = >=, RESTRICT = scalarltsel, JOIN = scalarltjoinsel);
CREATE OPERATOR <= (LEFTARG = cohortsummary, RIGHTARG = cohortsummary, FUNCTION = kpi_internal.cohortsummary_le,
    COMMUTATOR = >=, NEGATOR = >, RESTRICT = scalarlesel, JOIN = scalarlejoinsel);
CREATE OPERATOR > (LEFTARG = cohortsummary, RIGHTARG = cohortsummary, FUNCTION = kpi_internal.cohortsummary_gt,
    COMMUTATOR = <, NEGATOR = <=, RESTRICT = scalargtsel, JOIN = scalargtjoinsel);
CREATE OPERATOR >= (LEFTARG = cohortsummary, RIGHTARG = cohortsummary, FUNCTION = kpi_internal.cohortsummary_ge,
    COMMUTATOR = <=, NEGATOR = <, RESTRICT = scalargesel, JOIN = scalargejoinsel);
CREATE OPERATOR CLASS kpi_internal.cohortsummary_ops DEFAULT FOR TYPE cohortsummary USING btree AS
    OPERATOR 1 <, OPERATOR 2 <=, OPERATOR 3 =, OPERATOR 4 >=, OPERATOR 5 >,
    FUNCTION 1 kpi_internal.cohortsummary_cmp(cohortsummary, cohortsummary);
CREATE OPERATOR CLASS kpi_internal.cohortsummary_hash_ops DEFAULT FOR TYPE cohortsummary USING hash AS
    OPERATOR 1 =, FUNCTION 1 kpi_internal.cohortsummary_hash(cohortsummary), FUNCTION 2 kpi_internal.cohortsummary_hash_extended(cohortsummary, bigint);
CREATE CAST (text AS cohortsummary) WITH INOUT AS ASSIGNMENT;
CREATE CAST (varchar AS cohortsummary) WITH INOUT AS ASSIGNMENT;
COMMENT ON FUNCTION kpi_internal.cohortsummary_eq(cohortsummary, cohortsummary) IS 'Operator = of cohortsummary: equal (the same stored form)';
COMMENT ON OPERATOR = (cohortsummary, cohortsummary) IS 'Cohort summaries equal (the same stored form)';
COMMENT ON FUNCTION kpi_internal.cohortsummary_ne(cohortsummary, cohortsummary) IS 'Operator <> of cohortsummary: not equal';
COMMENT ON OPERATOR <> (cohortsummary, cohortsummary) IS 'Cohort summaries not equal';
COMMENT ON FUNCTION kpi_internal.cohortsummary_lt(cohortsummary, cohortsummary) IS 'Operator < of cohortsummary: before in the btree order (bytewise order of the stored forms; no KPI meaning)';
COMMENT ON OPERATOR < (cohortsummary, cohortsummary) IS 'Cohort summaries before in the btree order (bytewise order of the stored forms; no KPI meaning)';
COMMENT ON FUNCTION kpi_internal.cohortsummary_le(cohortsummary, cohortsummary) IS 'Operator <= of cohortsummary: before or equal in the btree order (no KPI meaning)';
COMMENT ON OPERATOR <= (cohortsummary, cohortsummary) IS 'Cohort summaries before or equal in the btree order (no KPI meaning)';
COMMENT ON FUNCTION kpi_internal.cohortsummary_gt(cohortsummary, cohortsummary) IS 'Operator > of cohortsummary: after in the btree order (no KPI meaning)';
COMMENT ON OPERATOR > (cohortsummary, cohortsummary) IS 'Cohort summaries after in the btree order (no KPI meaning)';
COMMENT ON FUNCTION kpi_internal.cohortsummary_ge(cohortsummary, cohortsummary) IS 'Operator >= of cohortsummary: after or equal in the btree order (no KPI meaning)';
COMMENT ON OPERATOR >= (cohortsummary, cohortsummary) IS 'Cohort summaries after or equal in the btree order (no KPI meaning)';
COMMENT ON FUNCTION kpi_internal.cohortsummary_cmp(cohortsummary, cohortsummary) IS 'btree support of cohortsummary: -1, 0 or 1 in the bytewise order of the stored forms (no KPI meaning)';
COMMENT ON FUNCTION kpi_internal.cohortsummary_hash(cohortsummary) IS 'hash support of cohortsummary: hash of the stored form';
COMMENT ON FUNCTION kpi_internal.cohortsummary_hash_extended(cohortsummary, bigint) IS 'hash support of cohortsummary: 64-bit seeded hash of the stored form';
COMMENT ON OPERATOR CLASS kpi_internal.cohortsummary_ops USING btree IS 'Default btree order of cohortsummary: the bytewise order of the stored forms, consistent for GROUP BY, DISTINCT, ORDER BY and indexes, without KPI meaning';
COMMENT ON OPERATOR CLASS kpi_internal.cohortsummary_hash_ops USING hash IS 'Default hash operator class of cohortsummary, for hash joins, hash aggregation and hash partitioning';
COMMENT ON CAST (text AS cohortsummary) IS 'Assignment cast: text in the cohortsummary text form becomes a summary where a cohortsummary is expected (INSERT, UPDATE, client text parameters)';
COMMENT ON CAST (varchar AS cohortsummary) IS 'Assignment cast: varchar in the cohortsummary text form becomes a summary where a cohortsummary is expected (INSERT, UPDATE, client text parameters)';
