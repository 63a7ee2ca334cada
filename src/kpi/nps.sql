-- nps(score): Net Promoter Score. Support functions take `internal`, so SQL cannot forge a state.
CREATE FUNCTION kpi_internal.nps_accum(state internal, score smallint) RETURNS internal
    LANGUAGE C IMMUTABLE PARALLEL SAFE AS 'MODULE_PATHNAME', 'nps_accum_int2';
CREATE FUNCTION kpi_internal.nps_accum(state internal, score integer) RETURNS internal
    LANGUAGE C IMMUTABLE PARALLEL SAFE AS 'MODULE_PATHNAME', 'nps_accum_int4';
CREATE FUNCTION kpi_internal.nps_accum(state internal, score bigint) RETURNS internal
    LANGUAGE C IMMUTABLE PARALLEL SAFE AS 'MODULE_PATHNAME', 'nps_accum_int8';
CREATE FUNCTION kpi_internal.nps_accum(state internal, score numeric) RETURNS internal
    LANGUAGE C IMMUTABLE PARALLEL SAFE AS 'MODULE_PATHNAME', 'nps_accum_numeric';
CREATE FUNCTION kpi_internal.nps_inv(state internal, score smallint) RETURNS internal
    LANGUAGE C IMMUTABLE PARALLEL SAFE AS 'MODULE_PATHNAME', 'nps_inv_int2';
CREATE FUNCTION kpi_internal.nps_inv(state internal, score integer) RETURNS internal
    LANGUAGE C IMMUTABLE PARALLEL SAFE AS 'MODULE_PATHNAME', 'nps_inv_int4';
CREATE FUNCTION kpi_internal.nps_inv(state internal, score bigint) RETURNS internal
    LANGUAGE C IMMUTABLE PARALLEL SAFE AS 'MODULE_PATHNAME', 'nps_inv_int8';
CREATE FUNCTION kpi_internal.nps_inv(state internal, score numeric) RETURNS internal
    LANGUAGE C IMMUTABLE PARALLEL SAFE AS 'MODULE_PATHNAME', 'nps_inv_numeric';
CREATE FUNCTION kpi_internal.nps_combine(state internal, other internal) RETURNS internal
    LANGUAGE C IMMUTABLE PARALLEL SAFE AS 'MODULE_PATHNAME', 'nps_combine';
CREATE FUNCTION kpi_internal.nps_serialize(state internal) RETURNS bytea
    LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE AS 'MODULE_PATHNAME', 'nps_serialize';
CREATE FUNCTION kpi_internal.nps_deserialize(bytes bytea, unused internal) RETURNS internal
    LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE AS 'MODULE_PATHNAME', 'nps_deserialize';
CREATE FUNCTION kpi_internal.nps_final(state internal) RETURNS numeric
    LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE AS 'MODULE_PATHNAME', 'nps_final';

CREATE AGGREGATE nps(score smallint) (
    SFUNC = kpi_internal.nps_accum, STYPE = internal, SSPACE = 88,
    FINALFUNC = kpi_internal.nps_final, FINALFUNC_MODIFY = READ_ONLY,
    COMBINEFUNC = kpi_internal.nps_combine, SERIALFUNC = kpi_internal.nps_serialize, DESERIALFUNC = kpi_internal.nps_deserialize,
    MSFUNC = kpi_internal.nps_accum, MINVFUNC = kpi_internal.nps_inv, MSTYPE = internal, MSSPACE = 88,
    MFINALFUNC = kpi_internal.nps_final, MFINALFUNC_MODIFY = READ_ONLY,
    PARALLEL = SAFE
);
CREATE AGGREGATE nps(score integer) (
    SFUNC = kpi_internal.nps_accum, STYPE = internal, SSPACE = 88,
    FINALFUNC = kpi_internal.nps_final, FINALFUNC_MODIFY = READ_ONLY,
    COMBINEFUNC = kpi_internal.nps_combine, SERIALFUNC = kpi_internal.nps_serialize, DESERIALFUNC = kpi_internal.nps_deserialize,
    MSFUNC = kpi_internal.nps_accum, MINVFUNC = kpi_internal.nps_inv, MSTYPE = internal, MSSPACE = 88,
    MFINALFUNC = kpi_internal.nps_final, MFINALFUNC_MODIFY = READ_ONLY,
    PARALLEL = SAFE
);
CREATE AGGREGATE nps(score bigint) (
    SFUNC = kpi_internal.nps_accum, STYPE = internal, SSPACE = 88,
    FINALFUNC = kpi_internal.nps_final, FINALFUNC_MODIFY = READ_ONLY,
    COMBINEFUNC = kpi_internal.nps_combine, SERIALFUNC = kpi_internal.nps_serialize, DESERIALFUNC = kpi_internal.nps_deserialize,
    MSFUNC = kpi_internal.nps_accum, MINVFUNC = kpi_internal.nps_inv, MSTYPE = internal, MSSPACE = 88,
    MFINALFUNC = kpi_internal.nps_final, MFINALFUNC_MODIFY = READ_ONLY,
    PARALLEL = SAFE
);
CREATE AGGREGATE nps(score numeric) (
    SFUNC = kpi_internal.nps_accum, STYPE = internal, SSPACE = 88,
    FINALFUNC = kpi_internal.nps_final, FINALFUNC_MODIFY = READ_ONLY,
    COMBINEFUNC = kpi_internal.nps_combine, SERIALFUNC = kpi_internal.nps_serialize, DESERIALFUNC = kpi_internal.nps_deserialize,
    MSFUNC = kpi_internal.nps_accum, MINVFUNC = kpi_internal.nps_inv, MSTYPE = internal, MSSPACE = 88,
    MFINALFUNC = kpi_internal.nps_final, MFINALFUNC_MODIFY = READ_ONLY,
    PARALLEL = SAFE
);

COMMENT ON AGGREGATE nps(smallint) IS 'Net Promoter Score of 0-10 scores: 100 * (promoters 9-10 - detractors 0-6) / non-NULL scores, as numeric in [-100, 100]; NULL scores skipped, NULL when none; a score outside 0..10 is error 22003';
COMMENT ON AGGREGATE nps(integer) IS 'Net Promoter Score of 0-10 scores: 100 * (promoters 9-10 - detractors 0-6) / non-NULL scores, as numeric in [-100, 100]; NULL scores skipped, NULL when none; a score outside 0..10 is error 22003';
COMMENT ON AGGREGATE nps(bigint) IS 'Net Promoter Score of 0-10 scores: 100 * (promoters 9-10 - detractors 0-6) / non-NULL scores, as numeric in [-100, 100]; NULL scores skipped, NULL when none; a score outside 0..10 is error 22003';
COMMENT ON AGGREGATE nps(numeric) IS 'Net Promoter Score of whole-number 0-10 scores: 100 * (promoters 9-10 - detractors 0-6) / non-NULL scores, as numeric in [-100, 100]; NULL scores skipped, NULL when none; a score outside 0..10 or not whole is error 22003';
COMMENT ON FUNCTION kpi_internal.nps_accum(internal, smallint) IS 'nps() transition function: counts one 0-10 score';
COMMENT ON FUNCTION kpi_internal.nps_accum(internal, integer) IS 'nps() transition function: counts one 0-10 score';
COMMENT ON FUNCTION kpi_internal.nps_accum(internal, bigint) IS 'nps() transition function: counts one 0-10 score';
COMMENT ON FUNCTION kpi_internal.nps_accum(internal, numeric) IS 'nps() transition function: counts one whole-number 0-10 score';
COMMENT ON FUNCTION kpi_internal.nps_inv(internal, smallint) IS 'nps() moving-aggregate inverse: un-counts one score leaving a window frame';
COMMENT ON FUNCTION kpi_internal.nps_inv(internal, integer) IS 'nps() moving-aggregate inverse: un-counts one score leaving a window frame';
COMMENT ON FUNCTION kpi_internal.nps_inv(internal, bigint) IS 'nps() moving-aggregate inverse: un-counts one score leaving a window frame';
COMMENT ON FUNCTION kpi_internal.nps_inv(internal, numeric) IS 'nps() moving-aggregate inverse: un-counts one score leaving a window frame';
COMMENT ON FUNCTION kpi_internal.nps_combine(internal, internal) IS 'nps() combine function: adds two partial score histograms (parallel aggregation)';
COMMENT ON FUNCTION kpi_internal.nps_serialize(internal) IS 'nps() serialize function: score histogram to bytea for parallel workers';
COMMENT ON FUNCTION kpi_internal.nps_deserialize(bytea, internal) IS 'nps() deserialize function: bytea from a parallel worker to a score histogram';
COMMENT ON FUNCTION kpi_internal.nps_final(internal) IS 'nps() final function: 100 * (promoters - detractors) / responses as numeric, NULL when no responses';

-- double precision inputs (pandas and JSON loaders write them), read as float8::numeric reads
-- them: the rules of the numeric forms.
CREATE FUNCTION kpi_internal.nps_accum(state internal, score double precision) RETURNS internal
    LANGUAGE C IMMUTABLE PARALLEL SAFE AS 'MODULE_PATHNAME', 'nps_accum_float8';
CREATE FUNCTION kpi_internal.nps_inv(state internal, score double precision) RETURNS internal
    LANGUAGE C IMMUTABLE PARALLEL SAFE AS 'MODULE_PATHNAME', 'nps_inv_float8';
CREATE AGGREGATE nps(score double precision) (
    SFUNC = kpi_internal.nps_accum, STYPE = internal, SSPACE = 88,
    FINALFUNC = kpi_internal.nps_final, FINALFUNC_MODIFY = READ_ONLY,
    COMBINEFUNC = kpi_internal.nps_combine, SERIALFUNC = kpi_internal.nps_serialize, DESERIALFUNC = kpi_internal.nps_deserialize,
    MSFUNC = kpi_internal.nps_accum, MINVFUNC = kpi_internal.nps_inv, MSTYPE = internal, MSSPACE = 88,
    MFINALFUNC = kpi_internal.nps_final, MFINALFUNC_MODIFY = READ_ONLY,
    PARALLEL = SAFE
);
COMMENT ON AGGREGATE nps(double precision) IS 'Net Promoter Score of whole-number 0-10 scores: 100 * (promoters 9-10 - detractors 0-6) / non-NULL scores, as numeric in [-100, 100]; NULL scores skipped, NULL when none; a score outside 0..10 or not whole is error 22003; double precision values are read as float8::numeric reads them (15 significant digits), NaN and infinities are error 22003';
COMMENT ON FUNCTION kpi_internal.nps_accum(internal, double precision) IS 'nps() transition function: counts one whole-number 0-10 score';
COMMENT ON FUNCTION kpi_internal.nps_inv(internal, double precision) IS 'nps() moving-aggregate inverse: un-counts one score leaving a window frame';
