-- churnsummary: churn_agg() in the three shapes, rollup() and accessors. Included by churn_summary.rs.
CREATE TYPE churnsummary;
CREATE FUNCTION kpi_internal.churnsummary_in(text cstring) RETURNS churnsummary
    LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE AS 'MODULE_PATHNAME', 'churnsummary_in';
CREATE FUNCTION kpi_internal.churnsummary_out(summary churnsummary) RETURNS cstring
    LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE AS 'MODULE_PATHNAME', 'churnsummary_out';
CREATE FUNCTION kpi_internal.churnsummary_recv(buf internal) RETURNS churnsummary
    LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE AS 'MODULE_PATHNAME', 'churnsummary_recv';
CREATE FUNCTION kpi_internal.churnsummary_send(summary churnsummary) RETURNS bytea
    LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE AS 'MODULE_PATHNAME', 'churnsummary_send';
CREATE TYPE churnsummary (
    INPUT = kpi_internal.churnsummary_in, OUTPUT = kpi_internal.churnsummary_out, RECEIVE = kpi_internal.churnsummary_recv, SEND = kpi_internal.churnsummary_send,
    INTERNALLENGTH = VARIABLE, STORAGE = extended
);

CREATE FUNCTION kpi_internal.churn_summary_final_counts(state internal) RETURNS churnsummary
    LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE AS 'MODULE_PATHNAME', 'churn_summary_final_counts';
CREATE FUNCTION kpi_internal.churn_summary_final(state internal) RETURNS churnsummary
    LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE AS 'MODULE_PATHNAME', 'churn_summary_final';
CREATE FUNCTION kpi_internal.churn_rollup_accum(state internal, summary churnsummary) RETURNS internal
    LANGUAGE C IMMUTABLE PARALLEL SAFE AS 'MODULE_PATHNAME', 'churn_rollup_accum';
CREATE FUNCTION kpi_internal.churn_rollup_inv(state internal, summary churnsummary) RETURNS internal
    LANGUAGE C IMMUTABLE PARALLEL SAFE AS 'MODULE_PATHNAME', 'churn_rollup_inv';

CREATE AGGREGATE churn_agg(customers_at_start integer, customers_lost integer) (
    SFUNC = kpi_internal.churn_counts_accum, STYPE = internal, SSPACE = 16, FINALFUNC = kpi_internal.churn_summary_final_counts,
    COMBINEFUNC = kpi_internal.ratio_combine, SERIALFUNC = kpi_internal.ratio_serialize, DESERIALFUNC = kpi_internal.ratio_deserialize,
    MSFUNC = kpi_internal.churn_counts_accum, MINVFUNC = kpi_internal.churn_counts_inv, MSTYPE = internal, MSSPACE = 16, MFINALFUNC = kpi_internal.churn_summary_final_counts, PARALLEL = SAFE);
CREATE AGGREGATE churn_agg(customers_at_start bigint, customers_lost bigint) (
    SFUNC = kpi_internal.churn_counts_accum, STYPE = internal, SSPACE = 16, FINALFUNC = kpi_internal.churn_summary_final_counts,
    COMBINEFUNC = kpi_internal.ratio_combine, SERIALFUNC = kpi_internal.ratio_serialize, DESERIALFUNC = kpi_internal.ratio_deserialize,
    MSFUNC = kpi_internal.churn_counts_accum, MINVFUNC = kpi_internal.churn_counts_inv, MSTYPE = internal, MSSPACE = 16, MFINALFUNC = kpi_internal.churn_summary_final_counts, PARALLEL = SAFE);
CREATE AGGREGATE churn_agg(active_at_start boolean, lost boolean) (
    SFUNC = kpi_internal.churn_flags_accum, STYPE = internal, SSPACE = 16, FINALFUNC = kpi_internal.churn_summary_final_counts,
    COMBINEFUNC = kpi_internal.ratio_combine, SERIALFUNC = kpi_internal.ratio_serialize, DESERIALFUNC = kpi_internal.ratio_deserialize,
    MSFUNC = kpi_internal.churn_flags_accum, MINVFUNC = kpi_internal.churn_flags_inv, MSTYPE = internal, MSSPACE = 16, MFINALFUNC = kpi_internal.churn_summary_final_counts, PARALLEL = SAFE);
CREATE AGGREGATE churn_agg(started_on date, ended_on date, period daterange) (
    SFUNC = kpi_internal.churn_period_accum, STYPE = internal, FINALFUNC = kpi_internal.churn_summary_final,
    COMBINEFUNC = kpi_internal.churn_period_combine, SERIALFUNC = kpi_internal.churn_period_serialize, DESERIALFUNC = kpi_internal.churn_period_deserialize,
    MSFUNC = kpi_internal.churn_period_accum, MINVFUNC = kpi_internal.churn_period_inv, MSTYPE = internal, MFINALFUNC = kpi_internal.churn_summary_final, PARALLEL = SAFE);
CREATE AGGREGATE churn_agg(started_at timestamptz, ended_at timestamptz, period tstzrange) (
    SFUNC = kpi_internal.churn_period_accum, STYPE = internal, FINALFUNC = kpi_internal.churn_summary_final,
    COMBINEFUNC = kpi_internal.churn_period_combine, SERIALFUNC = kpi_internal.churn_period_serialize, DESERIALFUNC = kpi_internal.churn_period_deserialize,
    MSFUNC = kpi_internal.churn_period_accum, MINVFUNC = kpi_internal.churn_period_inv, MSTYPE = internal, MFINALFUNC = kpi_internal.churn_summary_final, PARALLEL = SAFE);
CREATE AGGREGATE rollup(summary churnsummary) (
    SFUNC = kpi_internal.churn_rollup_accum, STYPE = internal, FINALFUNC = kpi_internal.churn_summary_final,
    COMBINEFUNC = kpi_internal.churn_period_combine, SERIALFUNC = kpi_internal.churn_period_serialize, DESERIALFUNC = kpi_internal.churn_period_deserialize,
    MSFUNC = kpi_internal.churn_rollup_accum, MINVFUNC = kpi_internal.churn_rollup_inv, MSTYPE = internal, MFINALFUNC = kpi_internal.churn_summary_final, PARALLEL = SAFE);
-- combine(): the same aggregate as rollup() (the same support functions), under a name that BI
-- tools' SQL parsers accept: to sqlglot (Superset) and standard SQL, ROLLUP is a reserved word
CREATE AGGREGATE combine(summary churnsummary) (
    SFUNC = kpi_internal.churn_rollup_accum, STYPE = internal, FINALFUNC = kpi_internal.churn_summary_final,
    COMBINEFUNC = kpi_internal.churn_period_combine, SERIALFUNC = kpi_internal.churn_period_serialize, DESERIALFUNC = kpi_internal.churn_period_deserialize,
    MSFUNC = kpi_internal.churn_rollup_accum, MINVFUNC = kpi_internal.churn_rollup_inv, MSTYPE = internal, MFINALFUNC = kpi_internal.churn_summary_final, PARALLEL = SAFE);

CREATE FUNCTION churn_rate(summary churnsummary) RETURNS numeric
    LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE AS 'MODULE_PATHNAME', 'churnsummary_churn_rate';
CREATE FUNCTION retention_rate(summary churnsummary) RETURNS numeric
    LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE AS 'MODULE_PATHNAME', 'churnsummary_retention_rate';
CREATE FUNCTION customers_at_start(summary churnsummary) RETURNS bigint
    LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE AS 'MODULE_PATHNAME', 'churnsummary_at_start';
CREATE FUNCTION customers_lost(summary churnsummary) RETURNS bigint
    LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE AS 'MODULE_PATHNAME', 'churnsummary_lost';

COMMENT ON TYPE churnsummary IS 'Churn cohort partial state: customers lost and active at start, and the period when the input fixes one, stored versioned; text {"v":1,"lost":L,"at_start":N,"period":"[from,to)"|null}; combine with rollup(), read with churn_rate(), retention_rate(), customers_at_start(), customers_lost()';
COMMENT ON FUNCTION kpi_internal.churnsummary_in(cstring) IS 'churnsummary input; malformed text is error 22P02';
COMMENT ON FUNCTION kpi_internal.churnsummary_out(churnsummary) IS 'churnsummary output: {"v":1,"lost":L,"at_start":N,"period":...}';
COMMENT ON FUNCTION kpi_internal.churnsummary_recv(internal) IS 'churnsummary binary input; impossible bytes are error 22P02';
COMMENT ON FUNCTION kpi_internal.churnsummary_send(churnsummary) IS 'churnsummary binary output: version byte, counts, period';
COMMENT ON FUNCTION kpi_internal.churn_summary_final_counts(internal) IS 'churn_agg(counts or flags) final function: the cohort as a churnsummary without a period';
COMMENT ON FUNCTION kpi_internal.churn_summary_final(internal) IS 'churn_agg(start, end, period)/rollup(churnsummary) final function: the cohort and its period as a churnsummary';
COMMENT ON FUNCTION kpi_internal.churn_rollup_accum(internal, churnsummary) IS 'rollup(churnsummary) transition function: adds one cohort (same period, else error 22023); NULL summaries are skipped';
COMMENT ON FUNCTION kpi_internal.churn_rollup_inv(internal, churnsummary) IS 'rollup(churnsummary) moving-aggregate inverse: subtracts one cohort';
COMMENT ON AGGREGATE churn_agg(integer, integer) IS 'Churn summary (customers lost and active at start), to store and re-aggregate exactly with rollup(); same NULL rules and errors as churn_rate()';
COMMENT ON AGGREGATE churn_agg(bigint, bigint) IS 'Churn summary (customers lost and active at start), to store and re-aggregate exactly with rollup(); same NULL rules and errors as churn_rate()';
COMMENT ON AGGREGATE churn_agg(boolean, boolean) IS 'Churn summary (customers lost and active at start), to store and re-aggregate exactly with rollup(); same NULL rules and errors as churn_rate()';
COMMENT ON AGGREGATE churn_agg(date, date, daterange) IS 'Churn summary (customers lost and active at start, and the period), to store and re-aggregate exactly with rollup(); same NULL rules and errors as churn_rate()';
COMMENT ON AGGREGATE churn_agg(timestamptz, timestamptz, tstzrange) IS 'Churn summary (customers lost and active at start, and the period), to store and re-aggregate exactly with rollup(); same NULL rules and errors as churn_rate()';
COMMENT ON AGGREGATE rollup(churnsummary) IS 'Adds churn cohorts exactly (segments, or count rows of several periods); cohorts over different periods are error 22023; parallel, moving form; NULL summaries skipped';
COMMENT ON AGGREGATE combine(churnsummary) IS 'Adds churn cohorts exactly (segments, or count rows of several periods); cohorts over different periods are error 22023; parallel, moving form; NULL summaries skipped; the same aggregate as rollup(churnsummary), named so BI tools'' SQL parsers accept it (ROLLUP is a reserved word to them)';
COMMENT ON FUNCTION churn_rate(churnsummary) IS 'Churn rate of a summary: 100 * lost / active at start; NULL for an empty cohort';
COMMENT ON FUNCTION retention_rate(churnsummary) IS 'Retention rate of a summary: 100 minus its churn rate; NULL for an empty cohort';
COMMENT ON FUNCTION customers_at_start(churnsummary) IS 'Customers active at the start in a churn summary';
COMMENT ON FUNCTION customers_lost(churnsummary) IS 'Customers lost in a churn summary';
