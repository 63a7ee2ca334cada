-- cessummary: the stored CES sum and count, ces_agg(), rollup() and accessors. Included by ces_summary.rs.
CREATE TYPE cessummary;
CREATE FUNCTION kpi_internal.cessummary_in(text cstring) RETURNS cessummary
    LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE AS 'MODULE_PATHNAME', 'cessummary_in';
CREATE FUNCTION kpi_internal.cessummary_out(summary cessummary) RETURNS cstring
    LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE AS 'MODULE_PATHNAME', 'cessummary_out';
CREATE FUNCTION kpi_internal.cessummary_recv(buf internal) RETURNS cessummary
    LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE AS 'MODULE_PATHNAME', 'cessummary_recv';
CREATE FUNCTION kpi_internal.cessummary_send(summary cessummary) RETURNS bytea
    LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE AS 'MODULE_PATHNAME', 'cessummary_send';
CREATE TYPE cessummary (
    INPUT = kpi_internal.cessummary_in, OUTPUT = kpi_internal.cessummary_out, RECEIVE = kpi_internal.cessummary_recv, SEND = kpi_internal.cessummary_send,
    INTERNALLENGTH = VARIABLE, STORAGE = extended
);

CREATE FUNCTION kpi_internal.ces_agg_accum(state internal, score smallint) RETURNS internal
    LANGUAGE C IMMUTABLE PARALLEL SAFE AS 'MODULE_PATHNAME', 'ces_agg_accum_int2';
CREATE FUNCTION kpi_internal.ces_agg_inv(state internal, score smallint) RETURNS internal
    LANGUAGE C IMMUTABLE PARALLEL SAFE AS 'MODULE_PATHNAME', 'ces_agg_inv_int2';
CREATE FUNCTION kpi_internal.ces_agg_accum(state internal, score integer) RETURNS internal
    LANGUAGE C IMMUTABLE PARALLEL SAFE AS 'MODULE_PATHNAME', 'ces_agg_accum_int4';
CREATE FUNCTION kpi_internal.ces_agg_inv(state internal, score integer) RETURNS internal
    LANGUAGE C IMMUTABLE PARALLEL SAFE AS 'MODULE_PATHNAME', 'ces_agg_inv_int4';
CREATE FUNCTION kpi_internal.ces_agg_accum(state internal, score bigint) RETURNS internal
    LANGUAGE C IMMUTABLE PARALLEL SAFE AS 'MODULE_PATHNAME', 'ces_agg_accum_int8';
CREATE FUNCTION kpi_internal.ces_agg_inv(state internal, score bigint) RETURNS internal
    LANGUAGE C IMMUTABLE PARALLEL SAFE AS 'MODULE_PATHNAME', 'ces_agg_inv_int8';
CREATE FUNCTION kpi_internal.ces_agg_accum(state internal, score numeric) RETURNS internal
    LANGUAGE C IMMUTABLE PARALLEL SAFE AS 'MODULE_PATHNAME', 'ces_agg_accum_numeric';
CREATE FUNCTION kpi_internal.ces_agg_inv(state internal, score numeric) RETURNS internal
    LANGUAGE C IMMUTABLE PARALLEL SAFE AS 'MODULE_PATHNAME', 'ces_agg_inv_numeric';
CREATE FUNCTION kpi_internal.ces_agg_accum(state internal, score double precision) RETURNS internal
    LANGUAGE C IMMUTABLE PARALLEL SAFE AS 'MODULE_PATHNAME', 'ces_agg_accum_float8';
CREATE FUNCTION kpi_internal.ces_agg_inv(state internal, score double precision) RETURNS internal
    LANGUAGE C IMMUTABLE PARALLEL SAFE AS 'MODULE_PATHNAME', 'ces_agg_inv_float8';
CREATE FUNCTION kpi_internal.ces_agg_combine_int(state internal, other internal) RETURNS internal
    LANGUAGE C IMMUTABLE PARALLEL SAFE AS 'MODULE_PATHNAME', 'ces_agg_combine_int';
CREATE FUNCTION kpi_internal.ces_agg_combine_numeric(state internal, other internal) RETURNS internal
    LANGUAGE C IMMUTABLE PARALLEL SAFE AS 'MODULE_PATHNAME', 'ces_agg_combine_numeric';
CREATE FUNCTION kpi_internal.ces_agg_serialize_int(state internal) RETURNS bytea
    LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE AS 'MODULE_PATHNAME', 'ces_agg_serialize_int';
CREATE FUNCTION kpi_internal.ces_agg_serialize_numeric(state internal) RETURNS bytea
    LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE AS 'MODULE_PATHNAME', 'ces_agg_serialize_numeric';
CREATE FUNCTION kpi_internal.ces_agg_deserialize_int(bytes bytea, unused internal) RETURNS internal
    LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE AS 'MODULE_PATHNAME', 'ces_agg_deserialize_int';
CREATE FUNCTION kpi_internal.ces_agg_deserialize_numeric(bytes bytea, unused internal) RETURNS internal
    LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE AS 'MODULE_PATHNAME', 'ces_agg_deserialize_numeric';
CREATE FUNCTION kpi_internal.ces_agg_final_int(state internal) RETURNS cessummary
    LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE AS 'MODULE_PATHNAME', 'ces_agg_final_int';
CREATE FUNCTION kpi_internal.ces_agg_final_numeric(state internal) RETURNS cessummary
    LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE AS 'MODULE_PATHNAME', 'ces_agg_final_numeric';
CREATE FUNCTION kpi_internal.ces_summary_final(state internal) RETURNS cessummary
    LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE AS 'MODULE_PATHNAME', 'ces_summary_final';
CREATE FUNCTION kpi_internal.ces_rollup_accum(state internal, summary cessummary) RETURNS internal
    LANGUAGE C IMMUTABLE PARALLEL SAFE AS 'MODULE_PATHNAME', 'ces_rollup_accum';
CREATE FUNCTION kpi_internal.ces_rollup_inv(state internal, summary cessummary) RETURNS internal
    LANGUAGE C IMMUTABLE PARALLEL SAFE AS 'MODULE_PATHNAME', 'ces_rollup_inv';
CREATE FUNCTION kpi_internal.ces_rollup_combine(state internal, other internal) RETURNS internal
    LANGUAGE C IMMUTABLE PARALLEL SAFE AS 'MODULE_PATHNAME', 'ces_rollup_combine';
CREATE FUNCTION kpi_internal.ces_rollup_serialize(state internal) RETURNS bytea
    LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE AS 'MODULE_PATHNAME', 'ces_rollup_serialize';
CREATE FUNCTION kpi_internal.ces_rollup_deserialize(bytes bytea, unused internal) RETURNS internal
    LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE AS 'MODULE_PATHNAME', 'ces_rollup_deserialize';

CREATE AGGREGATE ces_agg(score smallint) (
    SFUNC = kpi_internal.ces_agg_accum, STYPE = internal, FINALFUNC = kpi_internal.ces_agg_final_int,
    COMBINEFUNC = kpi_internal.ces_agg_combine_int, SERIALFUNC = kpi_internal.ces_agg_serialize_int, DESERIALFUNC = kpi_internal.ces_agg_deserialize_int,
    MSFUNC = kpi_internal.ces_agg_accum, MINVFUNC = kpi_internal.ces_agg_inv, MSTYPE = internal, MFINALFUNC = kpi_internal.ces_agg_final_int, PARALLEL = SAFE);
CREATE AGGREGATE ces_agg(score integer) (
    SFUNC = kpi_internal.ces_agg_accum, STYPE = internal, FINALFUNC = kpi_internal.ces_agg_final_int,
    COMBINEFUNC = kpi_internal.ces_agg_combine_int, SERIALFUNC = kpi_internal.ces_agg_serialize_int, DESERIALFUNC = kpi_internal.ces_agg_deserialize_int,
    MSFUNC = kpi_internal.ces_agg_accum, MINVFUNC = kpi_internal.ces_agg_inv, MSTYPE = internal, MFINALFUNC = kpi_internal.ces_agg_final_int, PARALLEL = SAFE);
CREATE AGGREGATE ces_agg(score bigint) (
    SFUNC = kpi_internal.ces_agg_accum, STYPE = internal, FINALFUNC = kpi_internal.ces_agg_final_int,
    COMBINEFUNC = kpi_internal.ces_agg_combine_int, SERIALFUNC = kpi_internal.ces_agg_serialize_int, DESERIALFUNC = kpi_internal.ces_agg_deserialize_int,
    MSFUNC = kpi_internal.ces_agg_accum, MINVFUNC = kpi_internal.ces_agg_inv, MSTYPE = internal, MFINALFUNC = kpi_internal.ces_agg_final_int, PARALLEL = SAFE);
CREATE AGGREGATE ces_agg(score numeric) (
    SFUNC = kpi_internal.ces_agg_accum, STYPE = internal, FINALFUNC = kpi_internal.ces_agg_final_numeric,
    COMBINEFUNC = kpi_internal.ces_agg_combine_numeric, SERIALFUNC = kpi_internal.ces_agg_serialize_numeric, DESERIALFUNC = kpi_internal.ces_agg_deserialize_numeric,
    MSFUNC = kpi_internal.ces_agg_accum, MINVFUNC = kpi_internal.ces_agg_inv, MSTYPE = internal, MFINALFUNC = kpi_internal.ces_agg_final_numeric, PARALLEL = SAFE);
CREATE AGGREGATE rollup(summary cessummary) (
    SFUNC = kpi_internal.ces_rollup_accum, STYPE = internal, FINALFUNC = kpi_internal.ces_summary_final,
    COMBINEFUNC = kpi_internal.ces_rollup_combine, SERIALFUNC = kpi_internal.ces_rollup_serialize, DESERIALFUNC = kpi_internal.ces_rollup_deserialize,
    MSFUNC = kpi_internal.ces_rollup_accum, MINVFUNC = kpi_internal.ces_rollup_inv, MSTYPE = internal, MFINALFUNC = kpi_internal.ces_summary_final, PARALLEL = SAFE);
-- combine(): the same aggregate as rollup() (the same support functions), under a name that BI
-- tools' SQL parsers accept: to sqlglot (Superset) and standard SQL, ROLLUP is a reserved word
CREATE AGGREGATE combine(summary cessummary) (
    SFUNC = kpi_internal.ces_rollup_accum, STYPE = internal, FINALFUNC = kpi_internal.ces_summary_final,
    COMBINEFUNC = kpi_internal.ces_rollup_combine, SERIALFUNC = kpi_internal.ces_rollup_serialize, DESERIALFUNC = kpi_internal.ces_rollup_deserialize,
    MSFUNC = kpi_internal.ces_rollup_accum, MINVFUNC = kpi_internal.ces_rollup_inv, MSTYPE = internal, MFINALFUNC = kpi_internal.ces_summary_final, PARALLEL = SAFE);

CREATE FUNCTION ces(summary cessummary) RETURNS numeric
    LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE AS 'MODULE_PATHNAME', 'cessummary_ces';
CREATE FUNCTION responses(summary cessummary) RETURNS bigint
    LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE AS 'MODULE_PATHNAME', 'cessummary_responses';

COMMENT ON TYPE cessummary IS 'CES partial state: exact sum, count and sum of squares of effort scores, stored versioned; text form {"v":2,"count":N,"sum":S,"sum_squares":Q} (version 1, without sum_squares, still reads; its interval is NULL); combine with rollup(), read with ces(), responses(), ci_lower(), ci_upper()';
COMMENT ON FUNCTION kpi_internal.cessummary_in(cstring) IS 'cessummary input: parses {"v":2,"count":N,"sum":S,"sum_squares":Q} or version 1 {"v":1,"count":N,"sum":S}; malformed or impossible text (count * Q < S^2) is error 22P02';
COMMENT ON FUNCTION kpi_internal.cessummary_out(cessummary) IS 'cessummary output: {"v":2,"count":N,"sum":S,"sum_squares":Q}, or version 1 {"v":1,"count":N,"sum":S} for a summary without a sum of squares';
COMMENT ON FUNCTION kpi_internal.cessummary_recv(internal) IS 'cessummary binary input; impossible bytes are error 22P02';
COMMENT ON FUNCTION kpi_internal.cessummary_send(cessummary) IS 'cessummary binary output: version byte, scaled sum, count, scaled sum of squares (version 2; version 1 has none)';
COMMENT ON FUNCTION kpi_internal.ces_agg_accum(internal, smallint) IS 'ces_agg(score) transition function: adds one score to the exact sum and sum of squares';
COMMENT ON FUNCTION kpi_internal.ces_agg_inv(internal, smallint) IS 'ces_agg(score) moving-aggregate inverse: subtracts one score';
COMMENT ON FUNCTION kpi_internal.ces_agg_accum(internal, integer) IS 'ces_agg(score) transition function: adds one score to the exact sum and sum of squares';
COMMENT ON FUNCTION kpi_internal.ces_agg_inv(internal, integer) IS 'ces_agg(score) moving-aggregate inverse: subtracts one score';
COMMENT ON FUNCTION kpi_internal.ces_agg_accum(internal, bigint) IS 'ces_agg(score) transition function: adds one score to the exact sum and sum of squares';
COMMENT ON FUNCTION kpi_internal.ces_agg_inv(internal, bigint) IS 'ces_agg(score) moving-aggregate inverse: subtracts one score';
COMMENT ON FUNCTION kpi_internal.ces_agg_accum(internal, numeric) IS 'ces_agg(score) transition function: adds one score to the exact sum and sum of squares';
COMMENT ON FUNCTION kpi_internal.ces_agg_inv(internal, numeric) IS 'ces_agg(score) moving-aggregate inverse: subtracts one score';
COMMENT ON FUNCTION kpi_internal.ces_agg_accum(internal, double precision) IS 'ces_agg(score) transition function: adds one score to the exact sum and sum of squares';
COMMENT ON FUNCTION kpi_internal.ces_agg_inv(internal, double precision) IS 'ces_agg(score) moving-aggregate inverse: subtracts one score';
COMMENT ON FUNCTION kpi_internal.ces_agg_combine_int(internal, internal) IS 'ces_agg(integer types) combine function: adds two partial sums, counts and sums of squares';
COMMENT ON FUNCTION kpi_internal.ces_agg_combine_numeric(internal, internal) IS 'ces_agg(numeric, double precision) combine function: adds two partial sums, counts and sums of squares';
COMMENT ON FUNCTION kpi_internal.ces_agg_serialize_int(internal) IS 'ces_agg(integer types) serialize function: state to bytea';
COMMENT ON FUNCTION kpi_internal.ces_agg_serialize_numeric(internal) IS 'ces_agg(numeric, double precision) serialize function: state to bytea';
COMMENT ON FUNCTION kpi_internal.ces_agg_deserialize_int(bytea, internal) IS 'ces_agg(integer types) deserialize function: bytea to state';
COMMENT ON FUNCTION kpi_internal.ces_agg_deserialize_numeric(bytea, internal) IS 'ces_agg(numeric, double precision) deserialize function: bytea to state';
COMMENT ON FUNCTION kpi_internal.ces_agg_final_int(internal) IS 'ces_agg(integer types) final function: the integer sum, count and sum of squares as a cessummary';
COMMENT ON FUNCTION kpi_internal.ces_agg_final_numeric(internal) IS 'ces_agg(numeric, double precision) final function: the exact sum, count and sum of squares (at twice the scores'' scale, at most 24 decimals: squares of scores with more decimals are rounded half up; none past 38 digits) as a cessummary; a sum past 38 digits is error 22003';
COMMENT ON FUNCTION kpi_internal.ces_summary_final(internal) IS 'rollup(cessummary) final function: the added sums and counts as a cessummary';
COMMENT ON FUNCTION kpi_internal.ces_rollup_accum(internal, cessummary) IS 'rollup(cessummary) transition function: adds one summary; NULL summaries are skipped';
COMMENT ON FUNCTION kpi_internal.ces_rollup_inv(internal, cessummary) IS 'rollup(cessummary) moving-aggregate inverse: subtracts one summary';
COMMENT ON FUNCTION kpi_internal.ces_rollup_combine(internal, internal) IS 'rollup(cessummary) combine function: adds two partial states';
COMMENT ON FUNCTION kpi_internal.ces_rollup_serialize(internal) IS 'rollup(cessummary) serialize function: state to bytea';
COMMENT ON FUNCTION kpi_internal.ces_rollup_deserialize(bytea, internal) IS 'rollup(cessummary) deserialize function: bytea to state';
COMMENT ON AGGREGATE ces_agg(smallint) IS 'CES summary (exact sum, count and sum of squares of the scores), to store and re-aggregate exactly with rollup() and to give the t interval (ci_lower, ci_upper); same NULL rules and errors as ces()';
COMMENT ON AGGREGATE ces_agg(integer) IS 'CES summary (exact sum, count and sum of squares of the scores), to store and re-aggregate exactly with rollup() and to give the t interval (ci_lower, ci_upper); same NULL rules and errors as ces()';
COMMENT ON AGGREGATE ces_agg(bigint) IS 'CES summary (exact sum, count and sum of squares of the scores), to store and re-aggregate exactly with rollup() and to give the t interval (ci_lower, ci_upper); same NULL rules and errors as ces()';
COMMENT ON AGGREGATE ces_agg(numeric) IS 'CES summary (exact sum, count and sum of squares of the scores), to store and re-aggregate exactly with rollup() and to give the t interval (ci_lower, ci_upper); same NULL rules and errors as ces()';
COMMENT ON AGGREGATE rollup(cessummary) IS 'Adds CES summaries exactly (any period, any segment); parallel, and a moving form for rolling windows; NULL summaries skipped';
COMMENT ON AGGREGATE combine(cessummary) IS 'Adds CES summaries exactly (any period, any segment); parallel, and a moving form for rolling windows; NULL summaries skipped; the same aggregate as rollup(cessummary), named so BI tools'' SQL parsers accept it (ROLLUP is a reserved word to them)';
COMMENT ON FUNCTION ces(cessummary) IS 'Mean effort score of a summary (equal to ces(score) and avg(score) over its rows); NULL for a summary of no responses';
COMMENT ON FUNCTION responses(cessummary) IS 'Non-NULL scores counted in a CES summary';

-- double precision inputs (pandas and JSON loaders write them), read as float8::numeric reads
-- them: the rules of the numeric forms.
CREATE AGGREGATE ces_agg(score double precision) (
    SFUNC = kpi_internal.ces_agg_accum, STYPE = internal, FINALFUNC = kpi_internal.ces_agg_final_numeric,
    COMBINEFUNC = kpi_internal.ces_agg_combine_numeric, SERIALFUNC = kpi_internal.ces_agg_serialize_numeric, DESERIALFUNC = kpi_internal.ces_agg_deserialize_numeric,
    MSFUNC = kpi_internal.ces_agg_accum, MINVFUNC = kpi_internal.ces_agg_inv, MSTYPE = internal, MFINALFUNC = kpi_internal.ces_agg_final_numeric, PARALLEL = SAFE);
COMMENT ON AGGREGATE ces_agg(double precision) IS 'CES summary (exact sum, count and sum of squares of the scores), to store and re-aggregate exactly with rollup() and to give the t interval (ci_lower, ci_upper); same NULL rules and errors as ces(); double precision values are read as float8::numeric reads them (15 significant digits), NaN and infinities are error 22003';
