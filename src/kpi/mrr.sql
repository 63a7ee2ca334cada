-- mrrsummary: MRR movements. mrr_agg() over subscriptions (a per-customer map) or per-customer rows,
-- rollup() and the accessors. Included by mrr_summary.rs.
CREATE TYPE mrrsummary;
CREATE FUNCTION kpi_internal.mrrsummary_in(text cstring) RETURNS mrrsummary
    LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE AS 'MODULE_PATHNAME', 'mrrsummary_in';
CREATE FUNCTION kpi_internal.mrrsummary_out(summary mrrsummary) RETURNS cstring
    LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE AS 'MODULE_PATHNAME', 'mrrsummary_out';
CREATE FUNCTION kpi_internal.mrrsummary_recv(buf internal) RETURNS mrrsummary
    LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE AS 'MODULE_PATHNAME', 'mrrsummary_recv';
CREATE FUNCTION kpi_internal.mrrsummary_send(summary mrrsummary) RETURNS bytea
    LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE AS 'MODULE_PATHNAME', 'mrrsummary_send';
CREATE TYPE mrrsummary (
    INPUT = kpi_internal.mrrsummary_in, OUTPUT = kpi_internal.mrrsummary_out, RECEIVE = kpi_internal.mrrsummary_recv, SEND = kpi_internal.mrrsummary_send,
    INTERNALLENGTH = VARIABLE, STORAGE = extended
);
COMMENT ON TYPE mrrsummary IS 'MRR movements of a set of customers over one period (or of per-customer rows): starting, ending, new, reactivation, expansion, contraction and churned MRR, exact, with their customer counts and the period, stored versioned; text {"v":1,"period":...,"starting_mrr":...,...}; combine with rollup(), read with starting_mrr() ... churned_customers(), nrr(), grr(), quick_ratio(), arpa(), ltv()';
COMMENT ON FUNCTION kpi_internal.mrrsummary_in(cstring) IS 'mrrsummary input; malformed text or movements that do not add up are error 22P02';
COMMENT ON FUNCTION kpi_internal.mrrsummary_out(mrrsummary) IS 'mrrsummary output: {"v":1,"period":...,"starting_mrr":...,...}';
COMMENT ON FUNCTION kpi_internal.mrrsummary_recv(internal) IS 'mrrsummary binary input; impossible bytes are error 22P02';
COMMENT ON FUNCTION kpi_internal.mrrsummary_send(mrrsummary) IS 'mrrsummary binary output: version byte, seven amounts, seven counts, period';

CREATE FUNCTION kpi_internal.mrr_rows_accum(state internal, starting_mrr numeric, ending_mrr numeric) RETURNS internal
    LANGUAGE C IMMUTABLE PARALLEL SAFE AS 'MODULE_PATHNAME', 'mrr_rows_accum';
CREATE FUNCTION kpi_internal.mrr_rows_inv(state internal, starting_mrr numeric, ending_mrr numeric) RETURNS internal
    LANGUAGE C IMMUTABLE PARALLEL SAFE AS 'MODULE_PATHNAME', 'mrr_rows_inv';
CREATE FUNCTION kpi_internal.mrr_rows_accum(state internal, starting_mrr numeric, ending_mrr numeric, paid_before boolean) RETURNS internal
    LANGUAGE C IMMUTABLE PARALLEL SAFE AS 'MODULE_PATHNAME', 'mrr_rows_paid_accum';
CREATE FUNCTION kpi_internal.mrr_rows_inv(state internal, starting_mrr numeric, ending_mrr numeric, paid_before boolean) RETURNS internal
    LANGUAGE C IMMUTABLE PARALLEL SAFE AS 'MODULE_PATHNAME', 'mrr_rows_paid_inv';
CREATE FUNCTION kpi_internal.mrr_combine(state internal, other internal) RETURNS internal
    LANGUAGE C IMMUTABLE PARALLEL SAFE AS 'MODULE_PATHNAME', 'mrr_combine';
CREATE FUNCTION kpi_internal.mrr_serialize(state internal) RETURNS bytea
    LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE AS 'MODULE_PATHNAME', 'mrr_serialize';
CREATE FUNCTION kpi_internal.mrr_deserialize(bytes bytea, unused internal) RETURNS internal
    LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE AS 'MODULE_PATHNAME', 'mrr_deserialize';
CREATE FUNCTION kpi_internal.mrr_summary_final(state internal) RETURNS mrrsummary
    LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE AS 'MODULE_PATHNAME', 'mrr_summary_final';
CREATE FUNCTION kpi_internal.mrr_rollup_accum(state internal, summary mrrsummary) RETURNS internal
    LANGUAGE C IMMUTABLE PARALLEL SAFE AS 'MODULE_PATHNAME', 'mrr_rollup_accum';
CREATE FUNCTION kpi_internal.mrr_rollup_inv(state internal, summary mrrsummary) RETURNS internal
    LANGUAGE C IMMUTABLE PARALLEL SAFE AS 'MODULE_PATHNAME', 'mrr_rollup_inv';

CREATE AGGREGATE mrr_agg(starting_mrr numeric, ending_mrr numeric) (
    SFUNC = kpi_internal.mrr_rows_accum, STYPE = internal, FINALFUNC = kpi_internal.mrr_summary_final,
    COMBINEFUNC = kpi_internal.mrr_combine, SERIALFUNC = kpi_internal.mrr_serialize, DESERIALFUNC = kpi_internal.mrr_deserialize,
    MSFUNC = kpi_internal.mrr_rows_accum, MINVFUNC = kpi_internal.mrr_rows_inv, MSTYPE = internal, MFINALFUNC = kpi_internal.mrr_summary_final, PARALLEL = SAFE);
CREATE AGGREGATE mrr_agg(starting_mrr numeric, ending_mrr numeric, paid_before boolean) (
    SFUNC = kpi_internal.mrr_rows_accum, STYPE = internal, FINALFUNC = kpi_internal.mrr_summary_final,
    COMBINEFUNC = kpi_internal.mrr_combine, SERIALFUNC = kpi_internal.mrr_serialize, DESERIALFUNC = kpi_internal.mrr_deserialize,
    MSFUNC = kpi_internal.mrr_rows_accum, MINVFUNC = kpi_internal.mrr_rows_inv, MSTYPE = internal, MFINALFUNC = kpi_internal.mrr_summary_final, PARALLEL = SAFE);
CREATE AGGREGATE rollup(summary mrrsummary) (
    SFUNC = kpi_internal.mrr_rollup_accum, STYPE = internal, FINALFUNC = kpi_internal.mrr_summary_final,
    COMBINEFUNC = kpi_internal.mrr_combine, SERIALFUNC = kpi_internal.mrr_serialize, DESERIALFUNC = kpi_internal.mrr_deserialize,
    MSFUNC = kpi_internal.mrr_rollup_accum, MINVFUNC = kpi_internal.mrr_rollup_inv, MSTYPE = internal, MFINALFUNC = kpi_internal.mrr_summary_final, PARALLEL = SAFE);
-- combine(): the same aggregate as rollup() (the same support functions), under a name that BI
-- tools' SQL parsers accept: to sqlglot (Superset) and standard SQL, ROLLUP is a reserved word
CREATE AGGREGATE combine(summary mrrsummary) (
    SFUNC = kpi_internal.mrr_rollup_accum, STYPE = internal, FINALFUNC = kpi_internal.mrr_summary_final,
    COMBINEFUNC = kpi_internal.mrr_combine, SERIALFUNC = kpi_internal.mrr_serialize, DESERIALFUNC = kpi_internal.mrr_deserialize,
    MSFUNC = kpi_internal.mrr_rollup_accum, MINVFUNC = kpi_internal.mrr_rollup_inv, MSTYPE = internal, MFINALFUNC = kpi_internal.mrr_summary_final, PARALLEL = SAFE);
COMMENT ON FUNCTION kpi_internal.mrr_rows_accum(internal, numeric, numeric) IS 'mrr_agg(starting_mrr, ending_mrr) transition function: adds one customer''s movement';
COMMENT ON FUNCTION kpi_internal.mrr_rows_inv(internal, numeric, numeric) IS 'mrr_agg(starting_mrr, ending_mrr) moving-aggregate inverse: removes one customer''s movement';
COMMENT ON FUNCTION kpi_internal.mrr_rows_accum(internal, numeric, numeric, boolean) IS 'mrr_agg(starting_mrr, ending_mrr, paid_before) transition function: adds one customer''s movement';
COMMENT ON FUNCTION kpi_internal.mrr_rows_inv(internal, numeric, numeric, boolean) IS 'mrr_agg(starting_mrr, ending_mrr, paid_before) moving-aggregate inverse: removes one customer''s movement';
COMMENT ON FUNCTION kpi_internal.mrr_combine(internal, internal) IS 'mrr_agg(starting_mrr, ending_mrr, ...)/rollup(mrrsummary) combine function: adds two partial summaries, which must share the period';
COMMENT ON FUNCTION kpi_internal.mrr_serialize(internal) IS 'mrr_agg(starting_mrr, ending_mrr, ...)/rollup(mrrsummary) serialize function: state to bytea';
COMMENT ON FUNCTION kpi_internal.mrr_deserialize(bytea, internal) IS 'mrr_agg(starting_mrr, ending_mrr, ...)/rollup(mrrsummary) deserialize function: bytea to state';
COMMENT ON FUNCTION kpi_internal.mrr_summary_final(internal) IS 'mrr_agg(starting_mrr, ending_mrr, ...)/rollup(mrrsummary) final function: the movements as an mrrsummary';
COMMENT ON FUNCTION kpi_internal.mrr_rollup_accum(internal, mrrsummary) IS 'rollup(mrrsummary) transition function: adds one summary (same period, else error 22023); NULL summaries are skipped';
COMMENT ON FUNCTION kpi_internal.mrr_rollup_inv(internal, mrrsummary) IS 'rollup(mrrsummary) moving-aggregate inverse: subtracts one summary';
COMMENT ON AGGREGATE mrr_agg(numeric, numeric) IS 'MRR movements over one row per customer and period (starting and ending MRR; every customer without MRR at the start counts as new): new, expansion, contraction and churned MRR and customers as an mrrsummary; a row with a NULL is skipped, a negative amount is error 22003; parallel, moving form';
COMMENT ON AGGREGATE mrr_agg(numeric, numeric, boolean) IS 'MRR movements over one row per customer and period (starting and ending MRR, and whether the customer paid before: reactivation rather than new): as an mrrsummary; a row with a NULL is skipped, a negative amount is error 22003; parallel, moving form';
COMMENT ON AGGREGATE rollup(mrrsummary) IS 'Adds MRR summaries of the same period exactly (disjoint customer segments); summaries of different periods, or with and without a period, are error 22023; parallel, moving form; NULL summaries skipped';
COMMENT ON AGGREGATE combine(mrrsummary) IS 'Adds MRR summaries of the same period exactly (disjoint customer segments); summaries of different periods, or with and without a period, are error 22023; parallel, moving form; NULL summaries skipped; the same aggregate as rollup(mrrsummary), named so BI tools'' SQL parsers accept it (ROLLUP is a reserved word to them)';

CREATE FUNCTION kpi_internal.mrr_subs_combine(state internal, other internal) RETURNS internal
    LANGUAGE C IMMUTABLE PARALLEL SAFE AS 'MODULE_PATHNAME', 'mrr_subs_combine';
CREATE FUNCTION kpi_internal.mrr_subs_serialize(state internal) RETURNS bytea
    LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE AS 'MODULE_PATHNAME', 'mrr_subs_serialize';
CREATE FUNCTION kpi_internal.mrr_subs_deserialize(bytes bytea, unused internal) RETURNS internal
    LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE AS 'MODULE_PATHNAME', 'mrr_subs_deserialize';
CREATE FUNCTION kpi_internal.mrr_subs_final(state internal) RETURNS mrrsummary
    LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE AS 'MODULE_PATHNAME', 'mrr_subs_final';
COMMENT ON FUNCTION kpi_internal.mrr_subs_combine(internal, internal) IS 'mrr_agg(customer_id, mrr, started, ended, period) combine function: merges two maps of customers, which must share the period';
COMMENT ON FUNCTION kpi_internal.mrr_subs_serialize(internal) IS 'mrr_agg(customer_id, mrr, started, ended, period) serialize function: the period and every customer''s starting and ending MRR to bytea';
COMMENT ON FUNCTION kpi_internal.mrr_subs_deserialize(bytea, internal) IS 'mrr_agg(customer_id, mrr, started, ended, period) deserialize function: bytea to a map of customers';
COMMENT ON FUNCTION kpi_internal.mrr_subs_final(internal) IS 'mrr_agg(customer_id, mrr, started, ended, period) final function: classifies every customer''s movement, as an mrrsummary';

CREATE FUNCTION kpi_internal.mrr_subs_accum(state internal, customer_id bigint, mrr numeric, started_on date, ended_on date, period daterange) RETURNS internal
    LANGUAGE C IMMUTABLE PARALLEL SAFE AS 'MODULE_PATHNAME', 'mrr_subs_accum_bigint_date';
CREATE AGGREGATE mrr_agg(customer_id bigint, mrr numeric, started_on date, ended_on date, period daterange) (
    SFUNC = kpi_internal.mrr_subs_accum, STYPE = internal, FINALFUNC = kpi_internal.mrr_subs_final,
    COMBINEFUNC = kpi_internal.mrr_subs_combine, SERIALFUNC = kpi_internal.mrr_subs_serialize, DESERIALFUNC = kpi_internal.mrr_subs_deserialize, PARALLEL = SAFE);
COMMENT ON FUNCTION kpi_internal.mrr_subs_accum(internal, bigint, numeric, date, date, daterange) IS 'mrr_agg(bigint, numeric, date, date, daterange) transition function: adds one subscription''s MRR to its customer''s starting and ending MRR';
COMMENT ON AGGREGATE mrr_agg(bigint, numeric, date, date, daterange) IS 'MRR movements over one row per subscription: per customer, starting (ending) MRR is the sum of mrr of its subscriptions active at lower(period) (upper(period)), active at t meaning started_on < t and (ended_on IS NULL or ended_on >= t); new, reactivation, expansion, contraction and churn between the two, as an mrrsummary; rows with a NULL customer_id, mrr or started_on skipped; negative mrr is error 22003, an end before its start or a NULL, empty, unbounded or changing period error 22023; parallel';
CREATE FUNCTION kpi_internal.mrr_subs_accum(state internal, customer_id bigint, mrr numeric, started_at timestamptz, ended_at timestamptz, period tstzrange) RETURNS internal
    LANGUAGE C IMMUTABLE PARALLEL SAFE AS 'MODULE_PATHNAME', 'mrr_subs_accum_bigint_tstz';
CREATE AGGREGATE mrr_agg(customer_id bigint, mrr numeric, started_at timestamptz, ended_at timestamptz, period tstzrange) (
    SFUNC = kpi_internal.mrr_subs_accum, STYPE = internal, FINALFUNC = kpi_internal.mrr_subs_final,
    COMBINEFUNC = kpi_internal.mrr_subs_combine, SERIALFUNC = kpi_internal.mrr_subs_serialize, DESERIALFUNC = kpi_internal.mrr_subs_deserialize, PARALLEL = SAFE);
COMMENT ON FUNCTION kpi_internal.mrr_subs_accum(internal, bigint, numeric, timestamptz, timestamptz, tstzrange) IS 'mrr_agg(bigint, numeric, timestamptz, timestamptz, tstzrange) transition function: adds one subscription''s MRR to its customer''s starting and ending MRR';
COMMENT ON AGGREGATE mrr_agg(bigint, numeric, timestamptz, timestamptz, tstzrange) IS 'MRR movements over one row per subscription: per customer, starting (ending) MRR is the sum of mrr of its subscriptions active at lower(period) (upper(period)), active at t meaning started_at < t and (ended_at IS NULL or ended_at >= t); new, reactivation, expansion, contraction and churn between the two, as an mrrsummary; rows with a NULL customer_id, mrr or started_at skipped; negative mrr is error 22003, an end before its start or a NULL, empty, unbounded or changing period error 22023; parallel';
CREATE FUNCTION kpi_internal.mrr_subs_accum(state internal, customer_id text, mrr numeric, started_on date, ended_on date, period daterange) RETURNS internal
    LANGUAGE C IMMUTABLE PARALLEL SAFE AS 'MODULE_PATHNAME', 'mrr_subs_accum_text_date';
CREATE AGGREGATE mrr_agg(customer_id text, mrr numeric, started_on date, ended_on date, period daterange) (
    SFUNC = kpi_internal.mrr_subs_accum, STYPE = internal, FINALFUNC = kpi_internal.mrr_subs_final,
    COMBINEFUNC = kpi_internal.mrr_subs_combine, SERIALFUNC = kpi_internal.mrr_subs_serialize, DESERIALFUNC = kpi_internal.mrr_subs_deserialize, PARALLEL = SAFE);
COMMENT ON FUNCTION kpi_internal.mrr_subs_accum(internal, text, numeric, date, date, daterange) IS 'mrr_agg(text, numeric, date, date, daterange) transition function: adds one subscription''s MRR to its customer''s starting and ending MRR';
COMMENT ON AGGREGATE mrr_agg(text, numeric, date, date, daterange) IS 'MRR movements over one row per subscription: per customer, starting (ending) MRR is the sum of mrr of its subscriptions active at lower(period) (upper(period)), active at t meaning started_on < t and (ended_on IS NULL or ended_on >= t); new, reactivation, expansion, contraction and churn between the two, as an mrrsummary; rows with a NULL customer_id, mrr or started_on skipped; negative mrr is error 22003, an end before its start or a NULL, empty, unbounded or changing period error 22023; parallel';
CREATE FUNCTION kpi_internal.mrr_subs_accum(state internal, customer_id text, mrr numeric, started_at timestamptz, ended_at timestamptz, period tstzrange) RETURNS internal
    LANGUAGE C IMMUTABLE PARALLEL SAFE AS 'MODULE_PATHNAME', 'mrr_subs_accum_text_tstz';
CREATE AGGREGATE mrr_agg(customer_id text, mrr numeric, started_at timestamptz, ended_at timestamptz, period tstzrange) (
    SFUNC = kpi_internal.mrr_subs_accum, STYPE = internal, FINALFUNC = kpi_internal.mrr_subs_final,
    COMBINEFUNC = kpi_internal.mrr_subs_combine, SERIALFUNC = kpi_internal.mrr_subs_serialize, DESERIALFUNC = kpi_internal.mrr_subs_deserialize, PARALLEL = SAFE);
COMMENT ON FUNCTION kpi_internal.mrr_subs_accum(internal, text, numeric, timestamptz, timestamptz, tstzrange) IS 'mrr_agg(text, numeric, timestamptz, timestamptz, tstzrange) transition function: adds one subscription''s MRR to its customer''s starting and ending MRR';
COMMENT ON AGGREGATE mrr_agg(text, numeric, timestamptz, timestamptz, tstzrange) IS 'MRR movements over one row per subscription: per customer, starting (ending) MRR is the sum of mrr of its subscriptions active at lower(period) (upper(period)), active at t meaning started_at < t and (ended_at IS NULL or ended_at >= t); new, reactivation, expansion, contraction and churn between the two, as an mrrsummary; rows with a NULL customer_id, mrr or started_at skipped; negative mrr is error 22003, an end before its start or a NULL, empty, unbounded or changing period error 22023; parallel';
CREATE FUNCTION kpi_internal.mrr_subs_accum(state internal, customer_id uuid, mrr numeric, started_on date, ended_on date, period daterange) RETURNS internal
    LANGUAGE C IMMUTABLE PARALLEL SAFE AS 'MODULE_PATHNAME', 'mrr_subs_accum_uuid_date';
CREATE AGGREGATE mrr_agg(customer_id uuid, mrr numeric, started_on date, ended_on date, period daterange) (
    SFUNC = kpi_internal.mrr_subs_accum, STYPE = internal, FINALFUNC = kpi_internal.mrr_subs_final,
    COMBINEFUNC = kpi_internal.mrr_subs_combine, SERIALFUNC = kpi_internal.mrr_subs_serialize, DESERIALFUNC = kpi_internal.mrr_subs_deserialize, PARALLEL = SAFE);
COMMENT ON FUNCTION kpi_internal.mrr_subs_accum(internal, uuid, numeric, date, date, daterange) IS 'mrr_agg(uuid, numeric, date, date, daterange) transition function: adds one subscription''s MRR to its customer''s starting and ending MRR';
COMMENT ON AGGREGATE mrr_agg(uuid, numeric, date, date, daterange) IS 'MRR movements over one row per subscription: per customer, starting (ending) MRR is the sum of mrr of its subscriptions active at lower(period) (upper(period)), active at t meaning started_on < t and (ended_on IS NULL or ended_on >= t); new, reactivation, expansion, contraction and churn between the two, as an mrrsummary; rows with a NULL customer_id, mrr or started_on skipped; negative mrr is error 22003, an end before its start or a NULL, empty, unbounded or changing period error 22023; parallel';
CREATE FUNCTION kpi_internal.mrr_subs_accum(state internal, customer_id uuid, mrr numeric, started_at timestamptz, ended_at timestamptz, period tstzrange) RETURNS internal
    LANGUAGE C IMMUTABLE PARALLEL SAFE AS 'MODULE_PATHNAME', 'mrr_subs_accum_uuid_tstz';
CREATE AGGREGATE mrr_agg(customer_id uuid, mrr numeric, started_at timestamptz, ended_at timestamptz, period tstzrange) (
    SFUNC = kpi_internal.mrr_subs_accum, STYPE = internal, FINALFUNC = kpi_internal.mrr_subs_final,
    COMBINEFUNC = kpi_internal.mrr_subs_combine, SERIALFUNC = kpi_internal.mrr_subs_serialize, DESERIALFUNC = kpi_internal.mrr_subs_deserialize, PARALLEL = SAFE);
COMMENT ON FUNCTION kpi_internal.mrr_subs_accum(internal, uuid, numeric, timestamptz, timestamptz, tstzrange) IS 'mrr_agg(uuid, numeric, timestamptz, timestamptz, tstzrange) transition function: adds one subscription''s MRR to its customer''s starting and ending MRR';
COMMENT ON AGGREGATE mrr_agg(uuid, numeric, timestamptz, timestamptz, tstzrange) IS 'MRR movements over one row per subscription: per customer, starting (ending) MRR is the sum of mrr of its subscriptions active at lower(period) (upper(period)), active at t meaning started_at < t and (ended_at IS NULL or ended_at >= t); new, reactivation, expansion, contraction and churn between the two, as an mrrsummary; rows with a NULL customer_id, mrr or started_at skipped; negative mrr is error 22003, an end before its start or a NULL, empty, unbounded or changing period error 22023; parallel';
CREATE FUNCTION starting_mrr(summary mrrsummary) RETURNS numeric
    LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE AS 'MODULE_PATHNAME', 'mrrsummary_starting_mrr';
COMMENT ON FUNCTION starting_mrr(mrrsummary) IS 'MRR at the start of the period: the sum over customers';
CREATE FUNCTION ending_mrr(summary mrrsummary) RETURNS numeric
    LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE AS 'MODULE_PATHNAME', 'mrrsummary_ending_mrr';
COMMENT ON FUNCTION ending_mrr(mrrsummary) IS 'MRR at the end of the period: the sum over customers';
CREATE FUNCTION new_mrr(summary mrrsummary) RETURNS numeric
    LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE AS 'MODULE_PATHNAME', 'mrrsummary_new_mrr';
COMMENT ON FUNCTION new_mrr(mrrsummary) IS 'New MRR: ending MRR of customers with none at the start who never paid before';
CREATE FUNCTION reactivation_mrr(summary mrrsummary) RETURNS numeric
    LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE AS 'MODULE_PATHNAME', 'mrrsummary_reactivation_mrr';
COMMENT ON FUNCTION reactivation_mrr(mrrsummary) IS 'Reactivation MRR: ending MRR of customers with none at the start who paid before';
CREATE FUNCTION expansion_mrr(summary mrrsummary) RETURNS numeric
    LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE AS 'MODULE_PATHNAME', 'mrrsummary_expansion_mrr';
COMMENT ON FUNCTION expansion_mrr(mrrsummary) IS 'Expansion MRR: ending minus starting MRR of customers whose MRR grew from above 0';
CREATE FUNCTION contraction_mrr(summary mrrsummary) RETURNS numeric
    LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE AS 'MODULE_PATHNAME', 'mrrsummary_contraction_mrr';
COMMENT ON FUNCTION contraction_mrr(mrrsummary) IS 'Contraction MRR: starting minus ending MRR of customers whose MRR shrank to above 0';
CREATE FUNCTION churned_mrr(summary mrrsummary) RETURNS numeric
    LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE AS 'MODULE_PATHNAME', 'mrrsummary_churned_mrr';
COMMENT ON FUNCTION churned_mrr(mrrsummary) IS 'Churned MRR: starting MRR of customers with none at the end';
CREATE FUNCTION net_new_mrr(summary mrrsummary) RETURNS numeric
    LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE AS 'MODULE_PATHNAME', 'mrrsummary_net_new_mrr';
COMMENT ON FUNCTION net_new_mrr(mrrsummary) IS 'Net new MRR: new + reactivation + expansion - contraction - churned (= ending - starting)';
CREATE FUNCTION customers_at_start(summary mrrsummary) RETURNS bigint
    LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE AS 'MODULE_PATHNAME', 'mrrsummary_customers_at_start';
COMMENT ON FUNCTION customers_at_start(mrrsummary) IS 'Customers with MRR above 0 at the start of the period';
CREATE FUNCTION customers_at_end(summary mrrsummary) RETURNS bigint
    LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE AS 'MODULE_PATHNAME', 'mrrsummary_customers_at_end';
COMMENT ON FUNCTION customers_at_end(mrrsummary) IS 'Customers with MRR above 0 at the end of the period';
CREATE FUNCTION new_customers(summary mrrsummary) RETURNS bigint
    LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE AS 'MODULE_PATHNAME', 'mrrsummary_new_customers';
COMMENT ON FUNCTION new_customers(mrrsummary) IS 'New customers: MRR at the end, none at the start, never paid before';
CREATE FUNCTION reactivated_customers(summary mrrsummary) RETURNS bigint
    LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE AS 'MODULE_PATHNAME', 'mrrsummary_reactivated_customers';
COMMENT ON FUNCTION reactivated_customers(mrrsummary) IS 'Reactivated customers: MRR at the end, none at the start, paid before';
CREATE FUNCTION expanded_customers(summary mrrsummary) RETURNS bigint
    LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE AS 'MODULE_PATHNAME', 'mrrsummary_expanded_customers';
COMMENT ON FUNCTION expanded_customers(mrrsummary) IS 'Customers whose MRR grew from above 0';
CREATE FUNCTION contracted_customers(summary mrrsummary) RETURNS bigint
    LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE AS 'MODULE_PATHNAME', 'mrrsummary_contracted_customers';
COMMENT ON FUNCTION contracted_customers(mrrsummary) IS 'Customers whose MRR shrank to above 0';
CREATE FUNCTION churned_customers(summary mrrsummary) RETURNS bigint
    LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE AS 'MODULE_PATHNAME', 'mrrsummary_churned_customers';
COMMENT ON FUNCTION churned_customers(mrrsummary) IS 'Customers with MRR at the start and none at the end';
CREATE FUNCTION nrr(summary mrrsummary) RETURNS numeric
    LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE AS 'MODULE_PATHNAME', 'mrrsummary_nrr';
COMMENT ON FUNCTION nrr(mrrsummary) IS 'Net revenue retention, percent: 100 * (starting + expansion - contraction - churned) / starting MRR; NULL when starting MRR is 0';
CREATE FUNCTION grr(summary mrrsummary) RETURNS numeric
    LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE AS 'MODULE_PATHNAME', 'mrrsummary_grr';
COMMENT ON FUNCTION grr(mrrsummary) IS 'Gross revenue retention, percent: 100 * (starting - contraction - churned) / starting MRR; NULL when starting MRR is 0';
CREATE FUNCTION gross_mrr_churn_rate(summary mrrsummary) RETURNS numeric
    LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE AS 'MODULE_PATHNAME', 'mrrsummary_gross_churn';
COMMENT ON FUNCTION gross_mrr_churn_rate(mrrsummary) IS 'Gross MRR churn rate, percent: 100 * (churned + contraction) / starting MRR; NULL when starting MRR is 0';
CREATE FUNCTION net_mrr_churn_rate(summary mrrsummary) RETURNS numeric
    LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE AS 'MODULE_PATHNAME', 'mrrsummary_net_churn';
COMMENT ON FUNCTION net_mrr_churn_rate(mrrsummary) IS 'Net MRR churn rate, percent: 100 * (churned + contraction - expansion - reactivation) / starting MRR (negative when expansion outgrows losses); NULL when starting MRR is 0';
CREATE FUNCTION customer_churn_rate(summary mrrsummary) RETURNS numeric
    LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE AS 'MODULE_PATHNAME', 'mrrsummary_customer_churn';
COMMENT ON FUNCTION customer_churn_rate(mrrsummary) IS 'Customer churn rate, percent: 100 * churned customers / customers at start; NULL when none at start';
CREATE FUNCTION quick_ratio(summary mrrsummary) RETURNS numeric
    LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE AS 'MODULE_PATHNAME', 'mrrsummary_quick_ratio';
COMMENT ON FUNCTION quick_ratio(mrrsummary) IS 'SaaS quick ratio: (new + reactivation + expansion) / (churned + contraction) MRR; NULL when nothing was lost';
CREATE FUNCTION arpa(summary mrrsummary) RETURNS numeric
    LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE AS 'MODULE_PATHNAME', 'mrrsummary_arpa';
COMMENT ON FUNCTION arpa(mrrsummary) IS 'Average revenue per account: ending MRR / customers at end; NULL when none';
CREATE FUNCTION ltv(summary mrrsummary) RETURNS numeric
    LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE AS 'MODULE_PATHNAME', 'mrrsummary_ltv';
COMMENT ON FUNCTION ltv(mrrsummary) IS 'Customer lifetime value: ARPA / monthly customer churn rate, the period''s churn converted to a month geometrically, 1 - (1 - c)^(1 / months); NULL when no customer churned';
CREATE FUNCTION ltv(summary mrrsummary, gross_margin numeric) RETURNS numeric
    LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE AS 'MODULE_PATHNAME', 'mrrsummary_ltv_margin';
COMMENT ON FUNCTION ltv(mrrsummary, numeric) IS 'Customer lifetime value: ARPA * gross_margin (0 to 1, else error 22023) / monthly customer churn rate; NULL when no customer churned';
