-- share(condition, weight): the weighted percent over exact per-digit-position sums. Included by share_weighted.rs.
CREATE FUNCTION kpi_internal.share_weighted_accum(state internal, condition boolean, weight numeric) RETURNS internal
    LANGUAGE C IMMUTABLE PARALLEL SAFE AS 'MODULE_PATHNAME', 'share_weighted_accum';
CREATE FUNCTION kpi_internal.share_weighted_inv(state internal, condition boolean, weight numeric) RETURNS internal
    LANGUAGE C IMMUTABLE PARALLEL SAFE AS 'MODULE_PATHNAME', 'share_weighted_inv';
CREATE FUNCTION kpi_internal.share_weighted_combine(state internal, other internal) RETURNS internal
    LANGUAGE C IMMUTABLE PARALLEL SAFE AS 'MODULE_PATHNAME', 'share_weighted_combine';
CREATE FUNCTION kpi_internal.share_weighted_serialize(state internal) RETURNS bytea
    LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE AS 'MODULE_PATHNAME', 'share_weighted_serialize';
CREATE FUNCTION kpi_internal.share_weighted_deserialize(bytes bytea, unused internal) RETURNS internal
    LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE AS 'MODULE_PATHNAME', 'share_weighted_deserialize';
CREATE FUNCTION kpi_internal.share_weighted_final(state internal) RETURNS numeric
    LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE AS 'MODULE_PATHNAME', 'share_weighted_final';

CREATE AGGREGATE share(condition boolean, weight numeric) (
    SFUNC = kpi_internal.share_weighted_accum, STYPE = internal, FINALFUNC = kpi_internal.share_weighted_final,
    COMBINEFUNC = kpi_internal.share_weighted_combine, SERIALFUNC = kpi_internal.share_weighted_serialize,
    DESERIALFUNC = kpi_internal.share_weighted_deserialize,
    MSFUNC = kpi_internal.share_weighted_accum, MINVFUNC = kpi_internal.share_weighted_inv, MSTYPE = internal,
    MFINALFUNC = kpi_internal.share_weighted_final, PARALLEL = SAFE
);

COMMENT ON AGGREGATE share(boolean, numeric) IS 'Weighted share: 100 * sum(weight) where the condition is true / sum(weight), over rows with both non-NULL, as numeric (exact sums, up to 38 digits); a negative weight is error 22003; NULL when the total weight is 0';
COMMENT ON FUNCTION kpi_internal.share_weighted_accum(internal, boolean, numeric) IS 'share(boolean, numeric) transition function: adds one row of weight';
COMMENT ON FUNCTION kpi_internal.share_weighted_inv(internal, boolean, numeric) IS 'share(boolean, numeric) moving-aggregate inverse: subtracts one row of weight';
COMMENT ON FUNCTION kpi_internal.share_weighted_combine(internal, internal) IS 'share(boolean, numeric) combine function: adds two partial weight sums';
COMMENT ON FUNCTION kpi_internal.share_weighted_serialize(internal) IS 'share(boolean, numeric) serialize function: state to bytea';
COMMENT ON FUNCTION kpi_internal.share_weighted_deserialize(bytea, internal) IS 'share(boolean, numeric) deserialize function: bytea to state';
COMMENT ON FUNCTION kpi_internal.share_weighted_final(internal) IS 'share(boolean, numeric) final function: 100 * weight where true / total weight, NULL when the total is 0';
