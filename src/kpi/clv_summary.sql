-- clvsummary: three exact sums and a count, clv_agg(), rollup() and accessors. Included by clv_summary.rs.
CREATE TYPE clvsummary;
CREATE FUNCTION kpi_internal.clvsummary_in(text cstring) RETURNS clvsummary
    LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE AS 'MODULE_PATHNAME', 'clvsummary_in';
CREATE FUNCTION kpi_internal.clvsummary_out(summary clvsummary) RETURNS cstring
    LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE AS 'MODULE_PATHNAME', 'clvsummary_out';
CREATE FUNCTION kpi_internal.clvsummary_recv(buf internal) RETURNS clvsummary
    LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE AS 'MODULE_PATHNAME', 'clvsummary_recv';
CREATE FUNCTION kpi_internal.clvsummary_send(summary clvsummary) RETURNS bytea
    LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE AS 'MODULE_PATHNAME', 'clvsummary_send';
CREATE TYPE clvsummary (
    INPUT = kpi_internal.clvsummary_in, OUTPUT = kpi_internal.clvsummary_out, RECEIVE = kpi_internal.clvsummary_recv, SEND = kpi_internal.clvsummary_send,
    INTERNALLENGTH = VARIABLE, STORAGE = extended
);

CREATE FUNCTION kpi_internal.clv_summary_final_int(state internal) RETURNS clvsummary
    LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE AS 'MODULE_PATHNAME', 'clv_summary_final_int';
CREATE FUNCTION kpi_internal.clv_summary_final_numeric(state internal) RETURNS clvsummary
    LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE AS 'MODULE_PATHNAME', 'clv_summary_final_numeric';
CREATE FUNCTION kpi_internal.clv_summary_final(state internal) RETURNS clvsummary
    LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE AS 'MODULE_PATHNAME', 'clv_summary_final';
CREATE FUNCTION kpi_internal.clv_rollup_combine(state internal, other internal) RETURNS internal
    LANGUAGE C IMMUTABLE PARALLEL SAFE AS 'MODULE_PATHNAME', 'clv_rollup_combine';
CREATE FUNCTION kpi_internal.clv_rollup_serialize(state internal) RETURNS bytea
    LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE AS 'MODULE_PATHNAME', 'clv_rollup_serialize';
CREATE FUNCTION kpi_internal.clv_rollup_deserialize(bytes bytea, unused internal) RETURNS internal
    LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE AS 'MODULE_PATHNAME', 'clv_rollup_deserialize';
CREATE FUNCTION kpi_internal.clv_rollup_accum(state internal, summary clvsummary) RETURNS internal
    LANGUAGE C IMMUTABLE PARALLEL SAFE AS 'MODULE_PATHNAME', 'clv_rollup_accum';
CREATE FUNCTION kpi_internal.clv_rollup_inv(state internal, summary clvsummary) RETURNS internal
    LANGUAGE C IMMUTABLE PARALLEL SAFE AS 'MODULE_PATHNAME', 'clv_rollup_inv';

CREATE AGGREGATE clv_agg(value integer, freq integer, lifespan integer) (
    SFUNC = kpi_internal.clv_accum, STYPE = internal, FINALFUNC = kpi_internal.clv_summary_final_int,
    COMBINEFUNC = kpi_internal.clv_combine_int, SERIALFUNC = kpi_internal.clv_serialize_int, DESERIALFUNC = kpi_internal.clv_deserialize_int,
    MSFUNC = kpi_internal.clv_accum, MINVFUNC = kpi_internal.clv_inv, MSTYPE = internal, MFINALFUNC = kpi_internal.clv_summary_final_int, PARALLEL = SAFE);
CREATE AGGREGATE clv_agg(value bigint, freq bigint, lifespan bigint) (
    SFUNC = kpi_internal.clv_accum, STYPE = internal, FINALFUNC = kpi_internal.clv_summary_final_int,
    COMBINEFUNC = kpi_internal.clv_combine_int, SERIALFUNC = kpi_internal.clv_serialize_int, DESERIALFUNC = kpi_internal.clv_deserialize_int,
    MSFUNC = kpi_internal.clv_accum, MINVFUNC = kpi_internal.clv_inv, MSTYPE = internal, MFINALFUNC = kpi_internal.clv_summary_final_int, PARALLEL = SAFE);
CREATE AGGREGATE clv_agg(value numeric, freq numeric, lifespan numeric) (
    SFUNC = kpi_internal.clv_accum, STYPE = internal, FINALFUNC = kpi_internal.clv_summary_final_numeric,
    COMBINEFUNC = kpi_internal.clv_combine_numeric, SERIALFUNC = kpi_internal.clv_serialize_numeric, DESERIALFUNC = kpi_internal.clv_deserialize_numeric,
    MSFUNC = kpi_internal.clv_accum, MINVFUNC = kpi_internal.clv_inv, MSTYPE = internal, MFINALFUNC = kpi_internal.clv_summary_final_numeric, PARALLEL = SAFE);
CREATE AGGREGATE rollup(summary clvsummary) (
    SFUNC = kpi_internal.clv_rollup_accum, STYPE = internal, FINALFUNC = kpi_internal.clv_summary_final,
    COMBINEFUNC = kpi_internal.clv_rollup_combine, SERIALFUNC = kpi_internal.clv_rollup_serialize, DESERIALFUNC = kpi_internal.clv_rollup_deserialize,
    MSFUNC = kpi_internal.clv_rollup_accum, MINVFUNC = kpi_internal.clv_rollup_inv, MSTYPE = internal, MFINALFUNC = kpi_internal.clv_summary_final, PARALLEL = SAFE);
-- combine(): the same aggregate as rollup() (the same support functions), under a name that BI
-- tools' SQL parsers accept: to sqlglot (Superset) and standard SQL, ROLLUP is a reserved word
CREATE AGGREGATE combine(summary clvsummary) (
    SFUNC = kpi_internal.clv_rollup_accum, STYPE = internal, FINALFUNC = kpi_internal.clv_summary_final,
    COMBINEFUNC = kpi_internal.clv_rollup_combine, SERIALFUNC = kpi_internal.clv_rollup_serialize, DESERIALFUNC = kpi_internal.clv_rollup_deserialize,
    MSFUNC = kpi_internal.clv_rollup_accum, MINVFUNC = kpi_internal.clv_rollup_inv, MSTYPE = internal, MFINALFUNC = kpi_internal.clv_summary_final, PARALLEL = SAFE);

CREATE FUNCTION clv(summary clvsummary) RETURNS numeric
    LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE AS 'MODULE_PATHNAME', 'clvsummary_clv';
CREATE FUNCTION customers(summary clvsummary) RETURNS bigint
    LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE AS 'MODULE_PATHNAME', 'clvsummary_customers';

COMMENT ON TYPE clvsummary IS 'CLV partial state: exact sums of value, freq and lifespan over complete rows and their count, stored versioned; text {"v":1,"n":N,"value":V,"freq":F,"lifespan":L}; combine with rollup(), read with clv(), customers()';
COMMENT ON FUNCTION kpi_internal.clvsummary_in(cstring) IS 'clvsummary input: parses {"v":1,"n":N,"value":V,"freq":F,"lifespan":L}; malformed text is error 22P02';
COMMENT ON FUNCTION kpi_internal.clvsummary_out(clvsummary) IS 'clvsummary output: {"v":1,"n":N,"value":V,"freq":F,"lifespan":L}';
COMMENT ON FUNCTION kpi_internal.clvsummary_recv(internal) IS 'clvsummary binary input; impossible bytes are error 22P02';
COMMENT ON FUNCTION kpi_internal.clvsummary_send(clvsummary) IS 'clvsummary binary output: version byte, three scaled sums, count';
COMMENT ON FUNCTION kpi_internal.clv_summary_final_int(internal) IS 'clv_agg(integer types) final function: the integer sums and count as a clvsummary';
COMMENT ON FUNCTION kpi_internal.clv_summary_final_numeric(internal) IS 'clv_agg(numeric) final function: the exact sums and count as a clvsummary; a sum past 38 digits is error 22003';
COMMENT ON FUNCTION kpi_internal.clv_summary_final(internal) IS 'rollup(clvsummary) final function: the exact sums and count as a clvsummary';
COMMENT ON FUNCTION kpi_internal.clv_rollup_combine(internal, internal) IS 'rollup(clvsummary) combine function: adds two partial states';
COMMENT ON FUNCTION kpi_internal.clv_rollup_serialize(internal) IS 'rollup(clvsummary) serialize function: state to bytea';
COMMENT ON FUNCTION kpi_internal.clv_rollup_deserialize(bytea, internal) IS 'rollup(clvsummary) deserialize function: bytea to state';
COMMENT ON FUNCTION kpi_internal.clv_rollup_accum(internal, clvsummary) IS 'rollup(clvsummary) transition function: adds one summary; NULL summaries are skipped';
COMMENT ON FUNCTION kpi_internal.clv_rollup_inv(internal, clvsummary) IS 'rollup(clvsummary) moving-aggregate inverse: subtracts one summary';
COMMENT ON AGGREGATE clv_agg(integer, integer, integer) IS 'CLV summary (exact sums and count of complete rows), to store and re-aggregate exactly with rollup(); same NULL rules and errors as clv()';
COMMENT ON AGGREGATE clv_agg(bigint, bigint, bigint) IS 'CLV summary (exact sums and count of complete rows), to store and re-aggregate exactly with rollup(); same NULL rules and errors as clv()';
COMMENT ON AGGREGATE clv_agg(numeric, numeric, numeric) IS 'CLV summary (exact sums and count of complete rows), to store and re-aggregate exactly with rollup(); same NULL rules and errors as clv()';
COMMENT ON AGGREGATE rollup(clvsummary) IS 'Adds CLV summaries exactly (any period, any segment); parallel, and a moving form for rolling windows; NULL summaries skipped';
COMMENT ON AGGREGATE combine(clvsummary) IS 'Adds CLV summaries exactly (any period, any segment); parallel, and a moving form for rolling windows; NULL summaries skipped; the same aggregate as rollup(clvsummary), named so BI tools'' SQL parsers accept it (ROLLUP is a reserved word to them)';
COMMENT ON FUNCTION clv(clvsummary) IS 'CLV of a summary: avg(value) * avg(freq) * avg(lifespan) over its complete rows, equal to clv() over them; NULL for a summary of no rows';
COMMENT ON FUNCTION customers(clvsummary) IS 'Complete rows (customers) counted in a CLV summary';
