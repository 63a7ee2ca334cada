-- churnsummary: churn_agg() in the three shapes, rollup() and accessors. Included by churn_summary.rs.
CREATE TYPE churnsummary;
CREATE FUNCTION churnsummary_in(text cstring) RETURNS churnsummary
    LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE AS 'MODULE_PATHNAME', 'churnsummary_in';
CREATE FUNCTION churnsummary_out(summary churnsummary) RETURNS cstring
    LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE AS 'MODULE_PATHNAME', 'churnsummary_out';
CREATE FUNCTION churnsummary_recv(buf internal) RETURNS churnsummary
    LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE AS 'MODULE_PATHNAME', 'churnsummary_recv';
CREATE FUNCTION churnsummary_send(summary churnsummary) RETURNS bytea
    LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE AS 'MODULE_PATHNAME', 'churnsummary_send';
CREATE TYPE churnsummary (
    INPUT = churnsummary_in, OUTPUT = churnsummary_out, RECEIVE = churnsummary_recv, SEND = churnsummary_send,
    INTERNALLENGTH = VARIABLE, STORAGE = extended
);

CREATE FUNCTION churn_summary_final_counts(state internal) RETURNS churnsummary
    LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE AS 'MODULE_PATHNAME', 'churn_summary_final_counts';
CREATE FUNCTION churn_summary_final(state internal) RETURNS churnsummary
    LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE AS 'MODULE_PATHNAME', 'churn_summary_final';
CREATE FUNCTION churn_rollup_accum(state internal, summary churnsummary) RETURNS internal
    LANGUAGE C IMMUTABLE PARALLEL SAFE AS 'MODULE_PATHNAME', 'churn_rollup_accum';
CREATE FUNCTION churn_rollup_inv(state internal, summary churnsummary) RETURNS internal
    LANGUAGE C IMMUTABLE PARALLEL SAFE AS 'MODULE_PATHNAME', 'churn_rollup_inv';

CREATE AGGREGATE churn_agg(customers_at_start integer, customers_lost integer) (
    SFUNC = churn_counts_accum, STYPE = internal, FINALFUNC = churn_summary_final_counts,
    COMBINEFUNC = ratio_combine, SERIALFUNC = ratio_serialize, DESERIALFUNC = ratio_deserialize,
    MSFUNC = churn_counts_accum, MINVFUNC = churn_counts_inv, MSTYPE = internal, MFINALFUNC = churn_summary_final_counts, PARALLEL = SAFE);
CREATE AGGREGATE churn_agg(customers_at_start bigint, customers_lost bigint) (
    SFUNC = churn_counts_accum, STYPE = internal, FINALFUNC = churn_summary_final_counts,
    COMBINEFUNC = ratio_combine, SERIALFUNC = ratio_serialize, DESERIALFUNC = ratio_deserialize,
    MSFUNC = churn_counts_accum, MINVFUNC = churn_counts_inv, MSTYPE = internal, MFINALFUNC = churn_summary_final_counts, PARALLEL = SAFE);
CREATE AGGREGATE churn_agg(active_at_start boolean, lost boolean) (
    SFUNC = churn_flags_accum, STYPE = internal, FINALFUNC = churn_summary_final_counts,
    COMBINEFUNC = ratio_combine, SERIALFUNC = ratio_serialize, DESERIALFUNC = ratio_deserialize,
    MSFUNC = churn_flags_accum, MINVFUNC = churn_flags_inv, MSTYPE = internal, MFINALFUNC = churn_summary_final_counts, PARALLEL = SAFE);
CREATE AGGREGATE churn_agg(started_on date, ended_on date, period daterange) (
    SFUNC = churn_period_accum, STYPE = internal, FINALFUNC = churn_summary_final,
    COMBINEFUNC = churn_period_combine, SERIALFUNC = churn_period_serialize, DESERIALFUNC = churn_period_deserialize,
    MSFUNC = churn_period_accum, MINVFUNC = churn_period_inv, MSTYPE = internal, MFINALFUNC = churn_summary_final, PARALLEL = SAFE);
CREATE AGGREGATE churn_agg(started_at timestamptz, ended_at timestamptz, period tstzrange) (
    SFUNC = churn_period_accum, STYPE = internal, FINALFUNC = churn_summary_final,
    COMBINEFUNC = churn_period_combine, SERIALFUNC = churn_period_serialize, DESERIALFUNC = churn_period_deserialize,
    MSFUNC = churn_period_accum, MINVFUNC = churn_period_inv, MSTYPE = internal, MFINALFUNC = churn_summary_final, PARALLEL = SAFE);
CREATE AGGREGATE rollup(summary churnsummary) (
    SFUNC = churn_rollup_accum, STYPE = internal, FINALFUNC = churn_summary_final,
    COMBINEFUNC = churn_period_combine, SERIALFUNC = churn_period_serialize, DESERIALFUNC = churn_period_deserialize,
    MSFUNC = churn_rollup_accum, MINVFUNC = churn_rollup_inv, MSTYPE = internal, MFINALFUNC = churn_summary_final, PARALLEL = SAFE);

CREATE FUNCTION churn_rate(summary churnsummary) RETURNS numeric
    LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE AS 'MODULE_PATHNAME', 'churnsummary_churn_rate';
CREATE FUNCTION retention_rate(summary churnsummary) RETURNS numeric
    LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE AS 'MODULE_PATHNAME', 'churnsummary_retention_rate';
CREATE FUNCTION customers_at_start(summary churnsummary) RETURNS bigint
    LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE AS 'MODULE_PATHNAME', 'churnsummary_at_start';
CREATE FUNCTION customers_lost(summary churnsummary) RETURNS bigint
    LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE AS 'MODULE_PATHNAME', 'churnsummary_lost';

COMMENT ON TYPE churnsummary IS 'Churn cohort partial state: customers lost and active at start, and the period when the input fixes one, stored versioned; text {"v":1,"lost":L,"at_start":N,"period":"[from,to)"|null}; combine with rollup(), read with churn_rate(), retention_rate(), customers_at_start(), customers_lost()';
COMMENT ON FUNCTION churnsummary_in(cstring) IS 'churnsummary input; malformed text is error 22P02';
COMMENT ON FUNCTION churnsummary_out(churnsummary) IS 'churnsummary output: {"v":1,"lost":L,"at_start":N,"period":...}';
COMMENT ON FUNCTION churnsummary_recv(internal) IS 'churnsummary binary input; impossible bytes are error 22P02';
COMMENT ON FUNCTION churnsummary_send(churnsummary) IS 'churnsummary binary output: version byte, counts, period';
COMMENT ON FUNCTION churn_summary_final_counts(internal) IS 'churn_agg(counts or flags) final function: the cohort as a churnsummary without a period';
COMMENT ON FUNCTION churn_summary_final(internal) IS 'churn_agg(start, end, period)/rollup(churnsummary) final function: the cohort and its period as a churnsummary';
COMMENT ON FUNCTION churn_rollup_accum(internal, churnsummary) IS 'rollup(churnsummary) transition function: adds one cohort (same period, else error 22023); NULL summaries are skipped';
COMMENT ON FUNCTION churn_rollup_inv(internal, churnsummary) IS 'rollup(churnsummary) moving-aggregate inverse: subtracts one cohort';
COMMENT ON AGGREGATE churn_agg(integer, integer) IS 'Churn summary (customers lost and active at start), to store and re-aggregate exactly with rollup(); same NULL rules and errors as churn_rate()';
COMMENT ON AGGREGATE churn_agg(bigint, bigint) IS 'Churn summary (customers lost and active at start), to store and re-aggregate exactly with rollup(); same NULL rules and errors as churn_rate()';
COMMENT ON AGGREGATE churn_agg(boolean, boolean) IS 'Churn summary (customers lost and active at start), to store and re-aggregate exactly with rollup(); same NULL rules and errors as churn_rate()';
COMMENT ON AGGREGATE churn_agg(date, date, daterange) IS 'Churn summary (customers lost and active at start, and the period), to store and re-aggregate exactly with rollup(); same NULL rules and errors as churn_rate()';
COMMENT ON AGGREGATE churn_agg(timestamptz, timestamptz, tstzrange) IS 'Churn summary (customers lost and active at start, and the period), to store and re-aggregate exactly with rollup(); same NULL rules and errors as churn_rate()';
COMMENT ON AGGREGATE rollup(churnsummary) IS 'Adds churn cohorts exactly (segments, or count rows of several periods); cohorts over different periods are error 22023; parallel, moving form; NULL summaries skipped';
COMMENT ON FUNCTION churn_rate(churnsummary) IS 'Churn rate of a summary: 100 * lost / active at start; NULL for an empty cohort';
COMMENT ON FUNCTION retention_rate(churnsummary) IS 'Retention rate of a summary: 100 minus its churn rate; NULL for an empty cohort';
COMMENT ON FUNCTION customers_at_start(churnsummary) IS 'Customers active at the start in a churn summary';
COMMENT ON FUNCTION customers_lost(churnsummary) IS 'Customers lost in a churn summary';
