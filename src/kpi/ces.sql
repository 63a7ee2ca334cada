-- ces(score): the mean effort score, equal to avg(score). Included by ces.rs.

CREATE FUNCTION kpi_internal.mean_combine_int(state internal, other internal) RETURNS internal
    LANGUAGE C IMMUTABLE PARALLEL SAFE AS 'MODULE_PATHNAME', 'mean_combine_int';
CREATE FUNCTION kpi_internal.mean_serialize_int(state internal) RETURNS bytea
    LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE AS 'MODULE_PATHNAME', 'mean_serialize_int';
CREATE FUNCTION kpi_internal.mean_deserialize_int(bytes bytea, unused internal) RETURNS internal
    LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE AS 'MODULE_PATHNAME', 'mean_deserialize_int';
CREATE FUNCTION kpi_internal.mean_final_int(state internal) RETURNS numeric
    LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE AS 'MODULE_PATHNAME', 'mean_final_int';
CREATE FUNCTION kpi_internal.mean_combine_numeric(state internal, other internal) RETURNS internal
    LANGUAGE C IMMUTABLE PARALLEL SAFE AS 'MODULE_PATHNAME', 'mean_combine_numeric';
CREATE FUNCTION kpi_internal.mean_serialize_numeric(state internal) RETURNS bytea
    LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE AS 'MODULE_PATHNAME', 'mean_serialize_numeric';
CREATE FUNCTION kpi_internal.mean_deserialize_numeric(bytes bytea, unused internal) RETURNS internal
    LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE AS 'MODULE_PATHNAME', 'mean_deserialize_numeric';
CREATE FUNCTION kpi_internal.mean_final_numeric(state internal) RETURNS numeric
    LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE AS 'MODULE_PATHNAME', 'mean_final_numeric';
CREATE FUNCTION kpi_internal.ces_mean_accum(state internal, score smallint) RETURNS internal
    LANGUAGE C IMMUTABLE PARALLEL SAFE AS 'MODULE_PATHNAME', 'ces_mean_accum_int2';
CREATE FUNCTION kpi_internal.ces_mean_inv(state internal, score smallint) RETURNS internal
    LANGUAGE C IMMUTABLE PARALLEL SAFE AS 'MODULE_PATHNAME', 'ces_mean_inv_int2';
CREATE FUNCTION kpi_internal.ces_mean_accum(state internal, score integer) RETURNS internal
    LANGUAGE C IMMUTABLE PARALLEL SAFE AS 'MODULE_PATHNAME', 'ces_mean_accum_int4';
CREATE FUNCTION kpi_internal.ces_mean_inv(state internal, score integer) RETURNS internal
    LANGUAGE C IMMUTABLE PARALLEL SAFE AS 'MODULE_PATHNAME', 'ces_mean_inv_int4';
CREATE FUNCTION kpi_internal.ces_mean_accum(state internal, score bigint) RETURNS internal
    LANGUAGE C IMMUTABLE PARALLEL SAFE AS 'MODULE_PATHNAME', 'ces_mean_accum_int8';
CREATE FUNCTION kpi_internal.ces_mean_inv(state internal, score bigint) RETURNS internal
    LANGUAGE C IMMUTABLE PARALLEL SAFE AS 'MODULE_PATHNAME', 'ces_mean_inv_int8';
CREATE FUNCTION kpi_internal.ces_mean_accum(state internal, score numeric) RETURNS internal
    LANGUAGE C IMMUTABLE PARALLEL SAFE AS 'MODULE_PATHNAME', 'ces_mean_accum_numeric';
CREATE FUNCTION kpi_internal.ces_mean_inv(state internal, score numeric) RETURNS internal
    LANGUAGE C IMMUTABLE PARALLEL SAFE AS 'MODULE_PATHNAME', 'ces_mean_inv_numeric';

CREATE AGGREGATE ces(score smallint) (
    SFUNC = kpi_internal.ces_mean_accum, STYPE = internal, FINALFUNC = kpi_internal.mean_final_int,
    COMBINEFUNC = kpi_internal.mean_combine_int, SERIALFUNC = kpi_internal.mean_serialize_int, DESERIALFUNC = kpi_internal.mean_deserialize_int,
    MSFUNC = kpi_internal.ces_mean_accum, MINVFUNC = kpi_internal.ces_mean_inv, MSTYPE = internal, MFINALFUNC = kpi_internal.mean_final_int, PARALLEL = SAFE);
CREATE AGGREGATE ces(score integer) (
    SFUNC = kpi_internal.ces_mean_accum, STYPE = internal, FINALFUNC = kpi_internal.mean_final_int,
    COMBINEFUNC = kpi_internal.mean_combine_int, SERIALFUNC = kpi_internal.mean_serialize_int, DESERIALFUNC = kpi_internal.mean_deserialize_int,
    MSFUNC = kpi_internal.ces_mean_accum, MINVFUNC = kpi_internal.ces_mean_inv, MSTYPE = internal, MFINALFUNC = kpi_internal.mean_final_int, PARALLEL = SAFE);
CREATE AGGREGATE ces(score bigint) (
    SFUNC = kpi_internal.ces_mean_accum, STYPE = internal, FINALFUNC = kpi_internal.mean_final_int,
    COMBINEFUNC = kpi_internal.mean_combine_int, SERIALFUNC = kpi_internal.mean_serialize_int, DESERIALFUNC = kpi_internal.mean_deserialize_int,
    MSFUNC = kpi_internal.ces_mean_accum, MINVFUNC = kpi_internal.ces_mean_inv, MSTYPE = internal, MFINALFUNC = kpi_internal.mean_final_int, PARALLEL = SAFE);
CREATE AGGREGATE ces(score numeric) (
    SFUNC = kpi_internal.ces_mean_accum, STYPE = internal, FINALFUNC = kpi_internal.mean_final_numeric,
    COMBINEFUNC = kpi_internal.mean_combine_numeric, SERIALFUNC = kpi_internal.mean_serialize_numeric, DESERIALFUNC = kpi_internal.mean_deserialize_numeric,
    MSFUNC = kpi_internal.ces_mean_accum, MINVFUNC = kpi_internal.ces_mean_inv, MSTYPE = internal, MFINALFUNC = kpi_internal.mean_final_numeric, PARALLEL = SAFE);

COMMENT ON AGGREGATE ces(smallint) IS 'Customer effort score: the mean of the non-NULL scores as numeric (equal to avg(score)); NULL when none';
COMMENT ON FUNCTION kpi_internal.ces_mean_accum(internal, smallint) IS 'ces(score) transition function: adds one score to an exact sum';
COMMENT ON FUNCTION kpi_internal.ces_mean_inv(internal, smallint) IS 'ces(score) moving-aggregate inverse: subtracts one score';
COMMENT ON AGGREGATE ces(integer) IS 'Customer effort score: the mean of the non-NULL scores as numeric (equal to avg(score)); NULL when none';
COMMENT ON FUNCTION kpi_internal.ces_mean_accum(internal, integer) IS 'ces(score) transition function: adds one score to an exact sum';
COMMENT ON FUNCTION kpi_internal.ces_mean_inv(internal, integer) IS 'ces(score) moving-aggregate inverse: subtracts one score';
COMMENT ON AGGREGATE ces(bigint) IS 'Customer effort score: the mean of the non-NULL scores as numeric (equal to avg(score)); NULL when none';
COMMENT ON FUNCTION kpi_internal.ces_mean_accum(internal, bigint) IS 'ces(score) transition function: adds one score to an exact sum';
COMMENT ON FUNCTION kpi_internal.ces_mean_inv(internal, bigint) IS 'ces(score) moving-aggregate inverse: subtracts one score';
COMMENT ON AGGREGATE ces(numeric) IS 'Customer effort score: the mean of the non-NULL scores as numeric (equal to avg(score)); NULL when none';
COMMENT ON FUNCTION kpi_internal.ces_mean_accum(internal, numeric) IS 'ces(score) transition function: adds one score to an exact sum';
COMMENT ON FUNCTION kpi_internal.ces_mean_inv(internal, numeric) IS 'ces(score) moving-aggregate inverse: subtracts one score';
COMMENT ON FUNCTION kpi_internal.mean_combine_int(internal, internal) IS 'Mean combine function (integer sum): adds two partial sums and counts';
COMMENT ON FUNCTION kpi_internal.mean_serialize_int(internal) IS 'Mean serialize function (integer sum): state to bytea';
COMMENT ON FUNCTION kpi_internal.mean_deserialize_int(bytea, internal) IS 'Mean deserialize function (integer sum): bytea to state';
COMMENT ON FUNCTION kpi_internal.mean_final_int(internal) IS 'Mean final function (integer sum): sum / count as numeric, NULL when nothing was counted';
COMMENT ON FUNCTION kpi_internal.mean_combine_numeric(internal, internal) IS 'Mean combine function (exact per-digit-position sum of numerics): adds two partial sums and counts';
COMMENT ON FUNCTION kpi_internal.mean_serialize_numeric(internal) IS 'Mean serialize function (exact per-digit-position sum of numerics): state to bytea';
COMMENT ON FUNCTION kpi_internal.mean_deserialize_numeric(bytea, internal) IS 'Mean deserialize function (exact per-digit-position sum of numerics): bytea to state';
COMMENT ON FUNCTION kpi_internal.mean_final_numeric(internal) IS 'Mean final function (exact per-digit-position sum of numerics): sum / count as numeric, NULL when nothing was counted; a sum past 38 digits is error 22003';

-- double precision inputs (pandas and JSON loaders write them), read as float8::numeric reads
-- them: the rules of the numeric forms.
CREATE FUNCTION kpi_internal.ces_mean_accum(state internal, score double precision) RETURNS internal
    LANGUAGE C IMMUTABLE PARALLEL SAFE AS 'MODULE_PATHNAME', 'ces_mean_accum_float8';
CREATE FUNCTION kpi_internal.ces_mean_inv(state internal, score double precision) RETURNS internal
    LANGUAGE C IMMUTABLE PARALLEL SAFE AS 'MODULE_PATHNAME', 'ces_mean_inv_float8';
CREATE AGGREGATE ces(score double precision) (
    SFUNC = kpi_internal.ces_mean_accum, STYPE = internal, FINALFUNC = kpi_internal.mean_final_numeric,
    COMBINEFUNC = kpi_internal.mean_combine_numeric, SERIALFUNC = kpi_internal.mean_serialize_numeric, DESERIALFUNC = kpi_internal.mean_deserialize_numeric,
    MSFUNC = kpi_internal.ces_mean_accum, MINVFUNC = kpi_internal.ces_mean_inv, MSTYPE = internal, MFINALFUNC = kpi_internal.mean_final_numeric, PARALLEL = SAFE);
COMMENT ON AGGREGATE ces(double precision) IS 'Customer effort score: the mean of the non-NULL scores as numeric (equal to avg(score)); NULL when none; double precision values are read as float8::numeric reads them (15 significant digits), NaN and infinities are error 22003';
COMMENT ON FUNCTION kpi_internal.ces_mean_accum(internal, double precision) IS 'ces(score) transition function: adds one score to an exact sum';
COMMENT ON FUNCTION kpi_internal.ces_mean_inv(internal, double precision) IS 'ces(score) moving-aggregate inverse: subtracts one score';
