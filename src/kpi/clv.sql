-- clv(value, freq, lifespan): avg(value) * avg(freq) * avg(lifespan). Included by clv.rs.

CREATE FUNCTION kpi_internal.clv_combine_int(state internal, other internal) RETURNS internal
    LANGUAGE C IMMUTABLE PARALLEL SAFE AS 'MODULE_PATHNAME', 'clv_combine_int';
CREATE FUNCTION kpi_internal.clv_serialize_int(state internal) RETURNS bytea
    LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE AS 'MODULE_PATHNAME', 'clv_serialize_int';
CREATE FUNCTION kpi_internal.clv_deserialize_int(bytes bytea, unused internal) RETURNS internal
    LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE AS 'MODULE_PATHNAME', 'clv_deserialize_int';
CREATE FUNCTION kpi_internal.clv_final_int(state internal) RETURNS numeric
    LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE AS 'MODULE_PATHNAME', 'clv_final_int';
CREATE FUNCTION kpi_internal.clv_combine_numeric(state internal, other internal) RETURNS internal
    LANGUAGE C IMMUTABLE PARALLEL SAFE AS 'MODULE_PATHNAME', 'clv_combine_numeric';
CREATE FUNCTION kpi_internal.clv_serialize_numeric(state internal) RETURNS bytea
    LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE AS 'MODULE_PATHNAME', 'clv_serialize_numeric';
CREATE FUNCTION kpi_internal.clv_deserialize_numeric(bytes bytea, unused internal) RETURNS internal
    LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE AS 'MODULE_PATHNAME', 'clv_deserialize_numeric';
CREATE FUNCTION kpi_internal.clv_final_numeric(state internal) RETURNS numeric
    LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE AS 'MODULE_PATHNAME', 'clv_final_numeric';
CREATE FUNCTION kpi_internal.clv_combine_float8(state internal, other internal) RETURNS internal
    LANGUAGE C IMMUTABLE PARALLEL SAFE AS 'MODULE_PATHNAME', 'clv_combine_float8';
CREATE FUNCTION kpi_internal.clv_serialize_float8(state internal) RETURNS bytea
    LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE AS 'MODULE_PATHNAME', 'clv_serialize_float8';
CREATE FUNCTION kpi_internal.clv_deserialize_float8(bytes bytea, unused internal) RETURNS internal
    LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE AS 'MODULE_PATHNAME', 'clv_deserialize_float8';
CREATE FUNCTION kpi_internal.clv_final_float8(state internal) RETURNS numeric
    LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE AS 'MODULE_PATHNAME', 'clv_final_float8';
CREATE FUNCTION kpi_internal.clv_accum(state internal, value integer, freq integer, lifespan integer) RETURNS internal
    LANGUAGE C IMMUTABLE PARALLEL SAFE AS 'MODULE_PATHNAME', 'clv_accum_int4';
CREATE FUNCTION kpi_internal.clv_inv(state internal, value integer, freq integer, lifespan integer) RETURNS internal
    LANGUAGE C IMMUTABLE PARALLEL SAFE AS 'MODULE_PATHNAME', 'clv_inv_int4';
CREATE FUNCTION kpi_internal.clv_accum(state internal, value bigint, freq bigint, lifespan bigint) RETURNS internal
    LANGUAGE C IMMUTABLE PARALLEL SAFE AS 'MODULE_PATHNAME', 'clv_accum_int8';
CREATE FUNCTION kpi_internal.clv_inv(state internal, value bigint, freq bigint, lifespan bigint) RETURNS internal
    LANGUAGE C IMMUTABLE PARALLEL SAFE AS 'MODULE_PATHNAME', 'clv_inv_int8';
CREATE FUNCTION kpi_internal.clv_accum(state internal, value numeric, freq numeric, lifespan numeric) RETURNS internal
    LANGUAGE C IMMUTABLE PARALLEL SAFE AS 'MODULE_PATHNAME', 'clv_accum_numeric';
CREATE FUNCTION kpi_internal.clv_inv(state internal, value numeric, freq numeric, lifespan numeric) RETURNS internal
    LANGUAGE C IMMUTABLE PARALLEL SAFE AS 'MODULE_PATHNAME', 'clv_inv_numeric';
CREATE FUNCTION kpi_internal.clv_accum(state internal, value double precision, freq double precision, lifespan double precision) RETURNS internal
    LANGUAGE C IMMUTABLE PARALLEL SAFE AS 'MODULE_PATHNAME', 'clv_accum_float8';

CREATE AGGREGATE clv(value integer, freq integer, lifespan integer) (
    SFUNC = kpi_internal.clv_accum, STYPE = internal, FINALFUNC = kpi_internal.clv_final_int,
    COMBINEFUNC = kpi_internal.clv_combine_int, SERIALFUNC = kpi_internal.clv_serialize_int, DESERIALFUNC = kpi_internal.clv_deserialize_int,
    MSFUNC = kpi_internal.clv_accum, MINVFUNC = kpi_internal.clv_inv, MSTYPE = internal, MFINALFUNC = kpi_internal.clv_final_int,
    PARALLEL = SAFE);
CREATE AGGREGATE clv(value bigint, freq bigint, lifespan bigint) (
    SFUNC = kpi_internal.clv_accum, STYPE = internal, FINALFUNC = kpi_internal.clv_final_int,
    COMBINEFUNC = kpi_internal.clv_combine_int, SERIALFUNC = kpi_internal.clv_serialize_int, DESERIALFUNC = kpi_internal.clv_deserialize_int,
    MSFUNC = kpi_internal.clv_accum, MINVFUNC = kpi_internal.clv_inv, MSTYPE = internal, MFINALFUNC = kpi_internal.clv_final_int,
    PARALLEL = SAFE);
CREATE AGGREGATE clv(value numeric, freq numeric, lifespan numeric) (
    SFUNC = kpi_internal.clv_accum, STYPE = internal, FINALFUNC = kpi_internal.clv_final_numeric,
    COMBINEFUNC = kpi_internal.clv_combine_numeric, SERIALFUNC = kpi_internal.clv_serialize_numeric, DESERIALFUNC = kpi_internal.clv_deserialize_numeric,
    MSFUNC = kpi_internal.clv_accum, MINVFUNC = kpi_internal.clv_inv, MSTYPE = internal, MFINALFUNC = kpi_internal.clv_final_numeric,
    PARALLEL = SAFE);
CREATE AGGREGATE clv(value double precision, freq double precision, lifespan double precision) (
    SFUNC = kpi_internal.clv_accum, STYPE = internal, FINALFUNC = kpi_internal.clv_final_float8,
    COMBINEFUNC = kpi_internal.clv_combine_float8, SERIALFUNC = kpi_internal.clv_serialize_float8, DESERIALFUNC = kpi_internal.clv_deserialize_float8,
    PARALLEL = SAFE);

COMMENT ON AGGREGATE clv(integer, integer, integer) IS 'Customer lifetime value: avg(value) * avg(freq) * avg(lifespan) over rows with all three non-NULL, as numeric (exact sums); negative input is error 22003; NULL when no complete row';
COMMENT ON FUNCTION kpi_internal.clv_accum(internal, integer, integer, integer) IS 'clv() transition function: adds one row to the three sums';
COMMENT ON FUNCTION kpi_internal.clv_inv(internal, integer, integer, integer) IS 'clv() moving-aggregate inverse: subtracts one row from the exact sums';
COMMENT ON AGGREGATE clv(bigint, bigint, bigint) IS 'Customer lifetime value: avg(value) * avg(freq) * avg(lifespan) over rows with all three non-NULL, as numeric (exact sums); negative input is error 22003; NULL when no complete row';
COMMENT ON FUNCTION kpi_internal.clv_accum(internal, bigint, bigint, bigint) IS 'clv() transition function: adds one row to the three sums';
COMMENT ON FUNCTION kpi_internal.clv_inv(internal, bigint, bigint, bigint) IS 'clv() moving-aggregate inverse: subtracts one row from the exact sums';
COMMENT ON AGGREGATE clv(numeric, numeric, numeric) IS 'Customer lifetime value: avg(value) * avg(freq) * avg(lifespan) over rows with all three non-NULL, as numeric (exact sums); negative input is error 22003; NULL when no complete row';
COMMENT ON FUNCTION kpi_internal.clv_accum(internal, numeric, numeric, numeric) IS 'clv() transition function: adds one row to the three sums';
COMMENT ON FUNCTION kpi_internal.clv_inv(internal, numeric, numeric, numeric) IS 'clv() moving-aggregate inverse: subtracts one row from the exact sums';
COMMENT ON AGGREGATE clv(double precision, double precision, double precision) IS 'Customer lifetime value: avg(value) * avg(freq) * avg(lifespan) over rows with all three non-NULL, as numeric (floating-point sums); negative input is error 22003; NULL when no complete row';
COMMENT ON FUNCTION kpi_internal.clv_accum(internal, double precision, double precision, double precision) IS 'clv() transition function: adds one row to the three sums';
COMMENT ON FUNCTION kpi_internal.clv_combine_int(internal, internal) IS 'clv() combine function (integer sums): adds two partial states';
COMMENT ON FUNCTION kpi_internal.clv_serialize_int(internal) IS 'clv() serialize function (integer sums): state to bytea';
COMMENT ON FUNCTION kpi_internal.clv_deserialize_int(bytea, internal) IS 'clv() deserialize function (integer sums): bytea to state';
COMMENT ON FUNCTION kpi_internal.clv_final_int(internal) IS 'clv() final function (integer sums): sum(value) * sum(freq) * sum(lifespan) / n^3 as numeric, NULL when no complete row';
COMMENT ON FUNCTION kpi_internal.clv_combine_numeric(internal, internal) IS 'clv(numeric) combine function (exact per-digit-position sums): adds two partial states';
COMMENT ON FUNCTION kpi_internal.clv_serialize_numeric(internal) IS 'clv(numeric) serialize function (exact per-digit-position sums): state to bytea';
COMMENT ON FUNCTION kpi_internal.clv_deserialize_numeric(bytea, internal) IS 'clv(numeric) deserialize function (exact per-digit-position sums): bytea to state';
COMMENT ON FUNCTION kpi_internal.clv_final_numeric(internal) IS 'clv(numeric) final function (exact per-digit-position sums): sum(value) * sum(freq) * sum(lifespan) / n^3 as numeric, NULL when no complete row; a sum past 38 digits is error 22003';
COMMENT ON FUNCTION kpi_internal.clv_combine_float8(internal, internal) IS 'clv() combine function (floating-point sums): adds two partial states';
COMMENT ON FUNCTION kpi_internal.clv_serialize_float8(internal) IS 'clv() serialize function (floating-point sums): state to bytea';
COMMENT ON FUNCTION kpi_internal.clv_deserialize_float8(bytea, internal) IS 'clv() deserialize function (floating-point sums): bytea to state';
COMMENT ON FUNCTION kpi_internal.clv_final_float8(internal) IS 'clv() final function (floating-point sums): sum(value) * sum(freq) * sum(lifespan) / n^3 as numeric, NULL when no complete row';
