-- csat(rating[, threshold]) and ces(score, easy_threshold): top-box shares. Included by csat.rs.

CREATE FUNCTION kpi_internal.top_box_combine_int(state internal, other internal) RETURNS internal
    LANGUAGE C IMMUTABLE PARALLEL SAFE AS 'MODULE_PATHNAME', 'top_box_combine_int';
CREATE FUNCTION kpi_internal.top_box_serialize_int(state internal) RETURNS bytea
    LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE AS 'MODULE_PATHNAME', 'top_box_serialize_int';
CREATE FUNCTION kpi_internal.top_box_deserialize_int(bytes bytea, unused internal) RETURNS internal
    LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE AS 'MODULE_PATHNAME', 'top_box_deserialize_int';
CREATE FUNCTION kpi_internal.top_box_combine_numeric(state internal, other internal) RETURNS internal
    LANGUAGE C IMMUTABLE PARALLEL SAFE AS 'MODULE_PATHNAME', 'top_box_combine_numeric';
CREATE FUNCTION kpi_internal.top_box_serialize_numeric(state internal) RETURNS bytea
    LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE AS 'MODULE_PATHNAME', 'top_box_serialize_numeric';
CREATE FUNCTION kpi_internal.top_box_deserialize_numeric(bytes bytea, unused internal) RETURNS internal
    LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE AS 'MODULE_PATHNAME', 'top_box_deserialize_numeric';
CREATE FUNCTION kpi_internal.top_box_final(state internal) RETURNS numeric
    LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE AS 'MODULE_PATHNAME', 'top_box_final';
CREATE FUNCTION kpi_internal.csat_accum(state internal, rating smallint, threshold smallint) RETURNS internal
    LANGUAGE C IMMUTABLE PARALLEL SAFE AS 'MODULE_PATHNAME', 'csat_accum_int2';
CREATE FUNCTION kpi_internal.csat_accum(state internal, rating smallint) RETURNS internal
    LANGUAGE C IMMUTABLE PARALLEL SAFE AS 'MODULE_PATHNAME', 'csat_accum_int2';
CREATE FUNCTION kpi_internal.csat_inv(state internal, rating smallint, threshold smallint) RETURNS internal
    LANGUAGE C IMMUTABLE PARALLEL SAFE AS 'MODULE_PATHNAME', 'csat_inv_int2';
CREATE FUNCTION kpi_internal.csat_inv(state internal, rating smallint) RETURNS internal
    LANGUAGE C IMMUTABLE PARALLEL SAFE AS 'MODULE_PATHNAME', 'csat_inv_int2';
CREATE FUNCTION kpi_internal.csat_accum(state internal, rating integer, threshold integer) RETURNS internal
    LANGUAGE C IMMUTABLE PARALLEL SAFE AS 'MODULE_PATHNAME', 'csat_accum_int4';
CREATE FUNCTION kpi_internal.csat_accum(state internal, rating integer) RETURNS internal
    LANGUAGE C IMMUTABLE PARALLEL SAFE AS 'MODULE_PATHNAME', 'csat_accum_int4';
CREATE FUNCTION kpi_internal.csat_inv(state internal, rating integer, threshold integer) RETURNS internal
    LANGUAGE C IMMUTABLE PARALLEL SAFE AS 'MODULE_PATHNAME', 'csat_inv_int4';
CREATE FUNCTION kpi_internal.csat_inv(state internal, rating integer) RETURNS internal
    LANGUAGE C IMMUTABLE PARALLEL SAFE AS 'MODULE_PATHNAME', 'csat_inv_int4';
CREATE FUNCTION kpi_internal.csat_accum(state internal, rating bigint, threshold bigint) RETURNS internal
    LANGUAGE C IMMUTABLE PARALLEL SAFE AS 'MODULE_PATHNAME', 'csat_accum_int8';
CREATE FUNCTION kpi_internal.csat_accum(state internal, rating bigint) RETURNS internal
    LANGUAGE C IMMUTABLE PARALLEL SAFE AS 'MODULE_PATHNAME', 'csat_accum_int8';
CREATE FUNCTION kpi_internal.csat_inv(state internal, rating bigint, threshold bigint) RETURNS internal
    LANGUAGE C IMMUTABLE PARALLEL SAFE AS 'MODULE_PATHNAME', 'csat_inv_int8';
CREATE FUNCTION kpi_internal.csat_inv(state internal, rating bigint) RETURNS internal
    LANGUAGE C IMMUTABLE PARALLEL SAFE AS 'MODULE_PATHNAME', 'csat_inv_int8';
CREATE FUNCTION kpi_internal.csat_accum(state internal, rating numeric, threshold numeric) RETURNS internal
    LANGUAGE C IMMUTABLE PARALLEL SAFE AS 'MODULE_PATHNAME', 'csat_accum_numeric';
CREATE FUNCTION kpi_internal.csat_accum(state internal, rating numeric) RETURNS internal
    LANGUAGE C IMMUTABLE PARALLEL SAFE AS 'MODULE_PATHNAME', 'csat_accum_numeric';
CREATE FUNCTION kpi_internal.csat_inv(state internal, rating numeric, threshold numeric) RETURNS internal
    LANGUAGE C IMMUTABLE PARALLEL SAFE AS 'MODULE_PATHNAME', 'csat_inv_numeric';
CREATE FUNCTION kpi_internal.csat_inv(state internal, rating numeric) RETURNS internal
    LANGUAGE C IMMUTABLE PARALLEL SAFE AS 'MODULE_PATHNAME', 'csat_inv_numeric';
CREATE FUNCTION kpi_internal.ces_easy_accum(state internal, score smallint, easy_threshold smallint) RETURNS internal
    LANGUAGE C IMMUTABLE PARALLEL SAFE AS 'MODULE_PATHNAME', 'ces_easy_accum_int2';
CREATE FUNCTION kpi_internal.ces_easy_inv(state internal, score smallint, easy_threshold smallint) RETURNS internal
    LANGUAGE C IMMUTABLE PARALLEL SAFE AS 'MODULE_PATHNAME', 'ces_easy_inv_int2';
CREATE FUNCTION kpi_internal.ces_easy_accum(state internal, score integer, easy_threshold integer) RETURNS internal
    LANGUAGE C IMMUTABLE PARALLEL SAFE AS 'MODULE_PATHNAME', 'ces_easy_accum_int4';
CREATE FUNCTION kpi_internal.ces_easy_inv(state internal, score integer, easy_threshold integer) RETURNS internal
    LANGUAGE C IMMUTABLE PARALLEL SAFE AS 'MODULE_PATHNAME', 'ces_easy_inv_int4';
CREATE FUNCTION kpi_internal.ces_easy_accum(state internal, score bigint, easy_threshold bigint) RETURNS internal
    LANGUAGE C IMMUTABLE PARALLEL SAFE AS 'MODULE_PATHNAME', 'ces_easy_accum_int8';
CREATE FUNCTION kpi_internal.ces_easy_inv(state internal, score bigint, easy_threshold bigint) RETURNS internal
    LANGUAGE C IMMUTABLE PARALLEL SAFE AS 'MODULE_PATHNAME', 'ces_easy_inv_int8';
CREATE FUNCTION kpi_internal.ces_easy_accum(state internal, score numeric, easy_threshold numeric) RETURNS internal
    LANGUAGE C IMMUTABLE PARALLEL SAFE AS 'MODULE_PATHNAME', 'ces_easy_accum_numeric';
CREATE FUNCTION kpi_internal.ces_easy_inv(state internal, score numeric, easy_threshold numeric) RETURNS internal
    LANGUAGE C IMMUTABLE PARALLEL SAFE AS 'MODULE_PATHNAME', 'ces_easy_inv_numeric';

CREATE AGGREGATE csat(rating smallint, threshold smallint) (
    SFUNC = kpi_internal.csat_accum, STYPE = internal, FINALFUNC = kpi_internal.top_box_final,
    COMBINEFUNC = kpi_internal.top_box_combine_int, SERIALFUNC = kpi_internal.top_box_serialize_int, DESERIALFUNC = kpi_internal.top_box_deserialize_int,
    MSFUNC = kpi_internal.csat_accum, MINVFUNC = kpi_internal.csat_inv, MSTYPE = internal, MFINALFUNC = kpi_internal.top_box_final, PARALLEL = SAFE);
CREATE AGGREGATE csat(rating smallint) (
    SFUNC = kpi_internal.csat_accum, STYPE = internal, FINALFUNC = kpi_internal.top_box_final,
    COMBINEFUNC = kpi_internal.top_box_combine_int, SERIALFUNC = kpi_internal.top_box_serialize_int, DESERIALFUNC = kpi_internal.top_box_deserialize_int,
    MSFUNC = kpi_internal.csat_accum, MINVFUNC = kpi_internal.csat_inv, MSTYPE = internal, MFINALFUNC = kpi_internal.top_box_final, PARALLEL = SAFE);
CREATE AGGREGATE csat(rating integer, threshold integer) (
    SFUNC = kpi_internal.csat_accum, STYPE = internal, FINALFUNC = kpi_internal.top_box_final,
    COMBINEFUNC = kpi_internal.top_box_combine_int, SERIALFUNC = kpi_internal.top_box_serialize_int, DESERIALFUNC = kpi_internal.top_box_deserialize_int,
    MSFUNC = kpi_internal.csat_accum, MINVFUNC = kpi_internal.csat_inv, MSTYPE = internal, MFINALFUNC = kpi_internal.top_box_final, PARALLEL = SAFE);
CREATE AGGREGATE csat(rating integer) (
    SFUNC = kpi_internal.csat_accum, STYPE = internal, FINALFUNC = kpi_internal.top_box_final,
    COMBINEFUNC = kpi_internal.top_box_combine_int, SERIALFUNC = kpi_internal.top_box_serialize_int, DESERIALFUNC = kpi_internal.top_box_deserialize_int,
    MSFUNC = kpi_internal.csat_accum, MINVFUNC = kpi_internal.csat_inv, MSTYPE = internal, MFINALFUNC = kpi_internal.top_box_final, PARALLEL = SAFE);
CREATE AGGREGATE csat(rating bigint, threshold bigint) (
    SFUNC = kpi_internal.csat_accum, STYPE = internal, FINALFUNC = kpi_internal.top_box_final,
    COMBINEFUNC = kpi_internal.top_box_combine_int, SERIALFUNC = kpi_internal.top_box_serialize_int, DESERIALFUNC = kpi_internal.top_box_deserialize_int,
    MSFUNC = kpi_internal.csat_accum, MINVFUNC = kpi_internal.csat_inv, MSTYPE = internal, MFINALFUNC = kpi_internal.top_box_final, PARALLEL = SAFE);
CREATE AGGREGATE csat(rating bigint) (
    SFUNC = kpi_internal.csat_accum, STYPE = internal, FINALFUNC = kpi_internal.top_box_final,
    COMBINEFUNC = kpi_internal.top_box_combine_int, SERIALFUNC = kpi_internal.top_box_serialize_int, DESERIALFUNC = kpi_internal.top_box_deserialize_int,
    MSFUNC = kpi_internal.csat_accum, MINVFUNC = kpi_internal.csat_inv, MSTYPE = internal, MFINALFUNC = kpi_internal.top_box_final, PARALLEL = SAFE);
CREATE AGGREGATE csat(rating numeric, threshold numeric) (
    SFUNC = kpi_internal.csat_accum, STYPE = internal, FINALFUNC = kpi_internal.top_box_final,
    COMBINEFUNC = kpi_internal.top_box_combine_numeric, SERIALFUNC = kpi_internal.top_box_serialize_numeric, DESERIALFUNC = kpi_internal.top_box_deserialize_numeric,
    MSFUNC = kpi_internal.csat_accum, MINVFUNC = kpi_internal.csat_inv, MSTYPE = internal, MFINALFUNC = kpi_internal.top_box_final, PARALLEL = SAFE);
CREATE AGGREGATE csat(rating numeric) (
    SFUNC = kpi_internal.csat_accum, STYPE = internal, FINALFUNC = kpi_internal.top_box_final,
    COMBINEFUNC = kpi_internal.top_box_combine_numeric, SERIALFUNC = kpi_internal.top_box_serialize_numeric, DESERIALFUNC = kpi_internal.top_box_deserialize_numeric,
    MSFUNC = kpi_internal.csat_accum, MINVFUNC = kpi_internal.csat_inv, MSTYPE = internal, MFINALFUNC = kpi_internal.top_box_final, PARALLEL = SAFE);
CREATE AGGREGATE ces(score smallint, easy_threshold smallint) (
    SFUNC = kpi_internal.ces_easy_accum, STYPE = internal, FINALFUNC = kpi_internal.top_box_final,
    COMBINEFUNC = kpi_internal.top_box_combine_int, SERIALFUNC = kpi_internal.top_box_serialize_int, DESERIALFUNC = kpi_internal.top_box_deserialize_int,
    MSFUNC = kpi_internal.ces_easy_accum, MINVFUNC = kpi_internal.ces_easy_inv, MSTYPE = internal, MFINALFUNC = kpi_internal.top_box_final, PARALLEL = SAFE);
CREATE AGGREGATE ces(score integer, easy_threshold integer) (
    SFUNC = kpi_internal.ces_easy_accum, STYPE = internal, FINALFUNC = kpi_internal.top_box_final,
    COMBINEFUNC = kpi_internal.top_box_combine_int, SERIALFUNC = kpi_internal.top_box_serialize_int, DESERIALFUNC = kpi_internal.top_box_deserialize_int,
    MSFUNC = kpi_internal.ces_easy_accum, MINVFUNC = kpi_internal.ces_easy_inv, MSTYPE = internal, MFINALFUNC = kpi_internal.top_box_final, PARALLEL = SAFE);
CREATE AGGREGATE ces(score bigint, easy_threshold bigint) (
    SFUNC = kpi_internal.ces_easy_accum, STYPE = internal, FINALFUNC = kpi_internal.top_box_final,
    COMBINEFUNC = kpi_internal.top_box_combine_int, SERIALFUNC = kpi_internal.top_box_serialize_int, DESERIALFUNC = kpi_internal.top_box_deserialize_int,
    MSFUNC = kpi_internal.ces_easy_accum, MINVFUNC = kpi_internal.ces_easy_inv, MSTYPE = internal, MFINALFUNC = kpi_internal.top_box_final, PARALLEL = SAFE);
CREATE AGGREGATE ces(score numeric, easy_threshold numeric) (
    SFUNC = kpi_internal.ces_easy_accum, STYPE = internal, FINALFUNC = kpi_internal.top_box_final,
    COMBINEFUNC = kpi_internal.top_box_combine_numeric, SERIALFUNC = kpi_internal.top_box_serialize_numeric, DESERIALFUNC = kpi_internal.top_box_deserialize_numeric,
    MSFUNC = kpi_internal.ces_easy_accum, MINVFUNC = kpi_internal.ces_easy_inv, MSTYPE = internal, MFINALFUNC = kpi_internal.top_box_final, PARALLEL = SAFE);

COMMENT ON AGGREGATE csat(smallint, smallint) IS 'Customer satisfaction (top-box share): percent of non-NULL ratings >= threshold, as numeric in [0, 100]; NULL when none; a NULL or changing threshold is error 22023';
COMMENT ON AGGREGATE csat(smallint) IS 'Customer satisfaction, top-2-box on a 1-5 scale: percent of non-NULL ratings >= 4, as numeric in [0, 100]; NULL when none';
COMMENT ON AGGREGATE ces(smallint, smallint) IS 'Customer effort score as a share: percent of non-NULL scores >= easy_threshold (higher = easier), as numeric in [0, 100]; NULL when none; a NULL or changing threshold is error 22023';
COMMENT ON AGGREGATE csat(integer, integer) IS 'Customer satisfaction (top-box share): percent of non-NULL ratings >= threshold, as numeric in [0, 100]; NULL when none; a NULL or changing threshold is error 22023';
COMMENT ON AGGREGATE csat(integer) IS 'Customer satisfaction, top-2-box on a 1-5 scale: percent of non-NULL ratings >= 4, as numeric in [0, 100]; NULL when none';
COMMENT ON AGGREGATE ces(integer, integer) IS 'Customer effort score as a share: percent of non-NULL scores >= easy_threshold (higher = easier), as numeric in [0, 100]; NULL when none; a NULL or changing threshold is error 22023';
COMMENT ON AGGREGATE csat(bigint, bigint) IS 'Customer satisfaction (top-box share): percent of non-NULL ratings >= threshold, as numeric in [0, 100]; NULL when none; a NULL or changing threshold is error 22023';
COMMENT ON AGGREGATE csat(bigint) IS 'Customer satisfaction, top-2-box on a 1-5 scale: percent of non-NULL ratings >= 4, as numeric in [0, 100]; NULL when none';
COMMENT ON AGGREGATE ces(bigint, bigint) IS 'Customer effort score as a share: percent of non-NULL scores >= easy_threshold (higher = easier), as numeric in [0, 100]; NULL when none; a NULL or changing threshold is error 22023';
COMMENT ON AGGREGATE csat(numeric, numeric) IS 'Customer satisfaction (top-box share): percent of non-NULL ratings >= threshold, as numeric in [0, 100]; NULL when none; a NULL or changing threshold is error 22023';
COMMENT ON AGGREGATE csat(numeric) IS 'Customer satisfaction, top-2-box on a 1-5 scale: percent of non-NULL ratings >= 4, as numeric in [0, 100]; NULL when none';
COMMENT ON AGGREGATE ces(numeric, numeric) IS 'Customer effort score as a share: percent of non-NULL scores >= easy_threshold (higher = easier), as numeric in [0, 100]; NULL when none; a NULL or changing threshold is error 22023';
COMMENT ON FUNCTION kpi_internal.top_box_combine_int(internal, internal) IS 'csat/ces top-box combine function (integer thresholds): adds two partial states, which must share the threshold';
COMMENT ON FUNCTION kpi_internal.top_box_serialize_int(internal) IS 'csat/ces top-box serialize function (integer thresholds): state to bytea';
COMMENT ON FUNCTION kpi_internal.top_box_deserialize_int(bytea, internal) IS 'csat/ces top-box deserialize function (integer thresholds): bytea to state';
COMMENT ON FUNCTION kpi_internal.top_box_combine_numeric(internal, internal) IS 'csat/ces top-box combine function (numeric thresholds): adds two partial states, which must share the threshold';
COMMENT ON FUNCTION kpi_internal.top_box_serialize_numeric(internal) IS 'csat/ces top-box serialize function (numeric thresholds): state to bytea';
COMMENT ON FUNCTION kpi_internal.top_box_deserialize_numeric(bytea, internal) IS 'csat/ces top-box deserialize function (numeric thresholds): bytea to state';
COMMENT ON FUNCTION kpi_internal.top_box_final(internal) IS 'csat/ces top-box final function: 100 * ratings at or above the threshold / ratings, NULL when none';
COMMENT ON FUNCTION kpi_internal.csat_accum(internal, smallint, smallint) IS 'csat() top-box transition function: counts one rating';
COMMENT ON FUNCTION kpi_internal.csat_inv(internal, smallint, smallint) IS 'csat() top-box moving-aggregate inverse: un-counts one rating';
COMMENT ON FUNCTION kpi_internal.csat_accum(internal, smallint) IS 'csat() top-box transition function: counts one rating';
COMMENT ON FUNCTION kpi_internal.csat_inv(internal, smallint) IS 'csat() top-box moving-aggregate inverse: un-counts one rating';
COMMENT ON FUNCTION kpi_internal.csat_accum(internal, integer, integer) IS 'csat() top-box transition function: counts one rating';
COMMENT ON FUNCTION kpi_internal.csat_inv(internal, integer, integer) IS 'csat() top-box moving-aggregate inverse: un-counts one rating';
COMMENT ON FUNCTION kpi_internal.csat_accum(internal, integer) IS 'csat() top-box transition function: counts one rating';
COMMENT ON FUNCTION kpi_internal.csat_inv(internal, integer) IS 'csat() top-box moving-aggregate inverse: un-counts one rating';
COMMENT ON FUNCTION kpi_internal.csat_accum(internal, bigint, bigint) IS 'csat() top-box transition function: counts one rating';
COMMENT ON FUNCTION kpi_internal.csat_inv(internal, bigint, bigint) IS 'csat() top-box moving-aggregate inverse: un-counts one rating';
COMMENT ON FUNCTION kpi_internal.csat_accum(internal, bigint) IS 'csat() top-box transition function: counts one rating';
COMMENT ON FUNCTION kpi_internal.csat_inv(internal, bigint) IS 'csat() top-box moving-aggregate inverse: un-counts one rating';
COMMENT ON FUNCTION kpi_internal.csat_accum(internal, numeric, numeric) IS 'csat() top-box transition function: counts one rating';
COMMENT ON FUNCTION kpi_internal.csat_inv(internal, numeric, numeric) IS 'csat() top-box moving-aggregate inverse: un-counts one rating';
COMMENT ON FUNCTION kpi_internal.csat_accum(internal, numeric) IS 'csat() top-box transition function: counts one rating';
COMMENT ON FUNCTION kpi_internal.csat_inv(internal, numeric) IS 'csat() top-box moving-aggregate inverse: un-counts one rating';
COMMENT ON FUNCTION kpi_internal.ces_easy_accum(internal, smallint, smallint) IS 'ces() top-box transition function: counts one score';
COMMENT ON FUNCTION kpi_internal.ces_easy_inv(internal, smallint, smallint) IS 'ces() top-box moving-aggregate inverse: un-counts one score';
COMMENT ON FUNCTION kpi_internal.ces_easy_accum(internal, integer, integer) IS 'ces() top-box transition function: counts one score';
COMMENT ON FUNCTION kpi_internal.ces_easy_inv(internal, integer, integer) IS 'ces() top-box moving-aggregate inverse: un-counts one score';
COMMENT ON FUNCTION kpi_internal.ces_easy_accum(internal, bigint, bigint) IS 'ces() top-box transition function: counts one score';
COMMENT ON FUNCTION kpi_internal.ces_easy_inv(internal, bigint, bigint) IS 'ces() top-box moving-aggregate inverse: un-counts one score';
COMMENT ON FUNCTION kpi_internal.ces_easy_accum(internal, numeric, numeric) IS 'ces() top-box transition function: counts one score';
COMMENT ON FUNCTION kpi_internal.ces_easy_inv(internal, numeric, numeric) IS 'ces() top-box moving-aggregate inverse: un-counts one score';

-- double precision inputs (pandas and JSON loaders write them), read as float8::numeric reads
-- them: the rules of the numeric forms.
CREATE FUNCTION kpi_internal.csat_accum(state internal, rating double precision, threshold double precision) RETURNS internal
    LANGUAGE C IMMUTABLE PARALLEL SAFE AS 'MODULE_PATHNAME', 'csat_accum_float8';
CREATE FUNCTION kpi_internal.csat_accum(state internal, rating double precision) RETURNS internal
    LANGUAGE C IMMUTABLE PARALLEL SAFE AS 'MODULE_PATHNAME', 'csat_accum_float8';
CREATE FUNCTION kpi_internal.csat_inv(state internal, rating double precision, threshold double precision) RETURNS internal
    LANGUAGE C IMMUTABLE PARALLEL SAFE AS 'MODULE_PATHNAME', 'csat_inv_float8';
CREATE FUNCTION kpi_internal.csat_inv(state internal, rating double precision) RETURNS internal
    LANGUAGE C IMMUTABLE PARALLEL SAFE AS 'MODULE_PATHNAME', 'csat_inv_float8';
CREATE FUNCTION kpi_internal.ces_easy_accum(state internal, score double precision, easy_threshold double precision) RETURNS internal
    LANGUAGE C IMMUTABLE PARALLEL SAFE AS 'MODULE_PATHNAME', 'ces_easy_accum_float8';
CREATE FUNCTION kpi_internal.ces_easy_inv(state internal, score double precision, easy_threshold double precision) RETURNS internal
    LANGUAGE C IMMUTABLE PARALLEL SAFE AS 'MODULE_PATHNAME', 'ces_easy_inv_float8';
CREATE AGGREGATE csat(rating double precision, threshold double precision) (
    SFUNC = kpi_internal.csat_accum, STYPE = internal, FINALFUNC = kpi_internal.top_box_final,
    COMBINEFUNC = kpi_internal.top_box_combine_numeric, SERIALFUNC = kpi_internal.top_box_serialize_numeric, DESERIALFUNC = kpi_internal.top_box_deserialize_numeric,
    MSFUNC = kpi_internal.csat_accum, MINVFUNC = kpi_internal.csat_inv, MSTYPE = internal, MFINALFUNC = kpi_internal.top_box_final, PARALLEL = SAFE);
CREATE AGGREGATE csat(rating double precision) (
    SFUNC = kpi_internal.csat_accum, STYPE = internal, FINALFUNC = kpi_internal.top_box_final,
    COMBINEFUNC = kpi_internal.top_box_combine_numeric, SERIALFUNC = kpi_internal.top_box_serialize_numeric, DESERIALFUNC = kpi_internal.top_box_deserialize_numeric,
    MSFUNC = kpi_internal.csat_accum, MINVFUNC = kpi_internal.csat_inv, MSTYPE = internal, MFINALFUNC = kpi_internal.top_box_final, PARALLEL = SAFE);
CREATE AGGREGATE ces(score double precision, easy_threshold double precision) (
    SFUNC = kpi_internal.ces_easy_accum, STYPE = internal, FINALFUNC = kpi_internal.top_box_final,
    COMBINEFUNC = kpi_internal.top_box_combine_numeric, SERIALFUNC = kpi_internal.top_box_serialize_numeric, DESERIALFUNC = kpi_internal.top_box_deserialize_numeric,
    MSFUNC = kpi_internal.ces_easy_accum, MINVFUNC = kpi_internal.ces_easy_inv, MSTYPE = internal, MFINALFUNC = kpi_internal.top_box_final, PARALLEL = SAFE);
COMMENT ON AGGREGATE csat(double precision, double precision) IS 'Customer satisfaction (top-box share): percent of non-NULL ratings >= threshold, as numeric in [0, 100]; NULL when none; a NULL or changing threshold is error 22023; double precision values are read as float8::numeric reads them (15 significant digits), NaN and infinities are error 22003';
COMMENT ON AGGREGATE csat(double precision) IS 'Customer satisfaction, top-2-box on a 1-5 scale: percent of non-NULL ratings >= 4, as numeric in [0, 100]; NULL when none; double precision values are read as float8::numeric reads them (15 significant digits), NaN and infinities are error 22003';
COMMENT ON AGGREGATE ces(double precision, double precision) IS 'Customer effort score as a share: percent of non-NULL scores >= easy_threshold (higher = easier), as numeric in [0, 100]; NULL when none; a NULL or changing threshold is error 22023; double precision values are read as float8::numeric reads them (15 significant digits), NaN and infinities are error 22003';
COMMENT ON FUNCTION kpi_internal.csat_accum(internal, double precision, double precision) IS 'csat() top-box transition function: counts one rating';
COMMENT ON FUNCTION kpi_internal.csat_inv(internal, double precision, double precision) IS 'csat() top-box moving-aggregate inverse: un-counts one rating';
COMMENT ON FUNCTION kpi_internal.csat_accum(internal, double precision) IS 'csat() top-box transition function: counts one rating';
COMMENT ON FUNCTION kpi_internal.csat_inv(internal, double precision) IS 'csat() top-box moving-aggregate inverse: un-counts one rating';
COMMENT ON FUNCTION kpi_internal.ces_easy_accum(internal, double precision, double precision) IS 'ces() top-box transition function: counts one score';
COMMENT ON FUNCTION kpi_internal.ces_easy_inv(internal, double precision, double precision) IS 'ces() top-box moving-aggregate inverse: un-counts one score';
