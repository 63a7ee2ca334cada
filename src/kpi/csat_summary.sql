-- csatsummary: csat_agg(), rollup() and accessors. Included by csat_summary.rs.
CREATE TYPE csatsummary;
CREATE FUNCTION kpi_internal.csatsummary_in(text cstring) RETURNS csatsummary
    LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE AS 'MODULE_PATHNAME', 'csatsummary_in';
CREATE FUNCTION kpi_internal.csatsummary_out(summary csatsummary) RETURNS cstring
    LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE AS 'MODULE_PATHNAME', 'csatsummary_out';
CREATE FUNCTION kpi_internal.csatsummary_recv(buf internal) RETURNS csatsummary
    LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE AS 'MODULE_PATHNAME', 'csatsummary_recv';
CREATE FUNCTION kpi_internal.csatsummary_send(summary csatsummary) RETURNS bytea
    LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE AS 'MODULE_PATHNAME', 'csatsummary_send';
CREATE TYPE csatsummary (
    INPUT = kpi_internal.csatsummary_in, OUTPUT = kpi_internal.csatsummary_out, RECEIVE = kpi_internal.csatsummary_recv, SEND = kpi_internal.csatsummary_send,
    INTERNALLENGTH = VARIABLE, STORAGE = extended
);

CREATE FUNCTION kpi_internal.csat_summary_combine(state internal, other internal) RETURNS internal
    LANGUAGE C IMMUTABLE PARALLEL SAFE AS 'MODULE_PATHNAME', 'csat_summary_combine';
CREATE FUNCTION kpi_internal.csat_summary_serialize(state internal) RETURNS bytea
    LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE AS 'MODULE_PATHNAME', 'csat_summary_serialize';
CREATE FUNCTION kpi_internal.csat_summary_deserialize(bytes bytea, unused internal) RETURNS internal
    LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE AS 'MODULE_PATHNAME', 'csat_summary_deserialize';
CREATE FUNCTION kpi_internal.csat_summary_final(state internal) RETURNS csatsummary
    LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE AS 'MODULE_PATHNAME', 'csat_summary_final';
CREATE FUNCTION kpi_internal.csat_rollup_accum(state internal, summary csatsummary) RETURNS internal
    LANGUAGE C IMMUTABLE PARALLEL SAFE AS 'MODULE_PATHNAME', 'csat_rollup_accum';
CREATE FUNCTION kpi_internal.csat_rollup_inv(state internal, summary csatsummary) RETURNS internal
    LANGUAGE C IMMUTABLE PARALLEL SAFE AS 'MODULE_PATHNAME', 'csat_rollup_inv';
CREATE FUNCTION kpi_internal.csat_summary_accum(state internal, rating smallint, threshold smallint) RETURNS internal
    LANGUAGE C IMMUTABLE PARALLEL SAFE AS 'MODULE_PATHNAME', 'csat_summary_accum_int2';
CREATE FUNCTION kpi_internal.csat_summary_accum(state internal, rating smallint) RETURNS internal
    LANGUAGE C IMMUTABLE PARALLEL SAFE AS 'MODULE_PATHNAME', 'csat_summary_accum_int2';
CREATE FUNCTION kpi_internal.csat_summary_inv(state internal, rating smallint, threshold smallint) RETURNS internal
    LANGUAGE C IMMUTABLE PARALLEL SAFE AS 'MODULE_PATHNAME', 'csat_summary_inv_int2';
CREATE FUNCTION kpi_internal.csat_summary_inv(state internal, rating smallint) RETURNS internal
    LANGUAGE C IMMUTABLE PARALLEL SAFE AS 'MODULE_PATHNAME', 'csat_summary_inv_int2';
CREATE FUNCTION kpi_internal.csat_summary_accum(state internal, rating integer, threshold integer) RETURNS internal
    LANGUAGE C IMMUTABLE PARALLEL SAFE AS 'MODULE_PATHNAME', 'csat_summary_accum_int4';
CREATE FUNCTION kpi_internal.csat_summary_accum(state internal, rating integer) RETURNS internal
    LANGUAGE C IMMUTABLE PARALLEL SAFE AS 'MODULE_PATHNAME', 'csat_summary_accum_int4';
CREATE FUNCTION kpi_internal.csat_summary_inv(state internal, rating integer, threshold integer) RETURNS internal
    LANGUAGE C IMMUTABLE PARALLEL SAFE AS 'MODULE_PATHNAME', 'csat_summary_inv_int4';
CREATE FUNCTION kpi_internal.csat_summary_inv(state internal, rating integer) RETURNS internal
    LANGUAGE C IMMUTABLE PARALLEL SAFE AS 'MODULE_PATHNAME', 'csat_summary_inv_int4';
CREATE FUNCTION kpi_internal.csat_summary_accum(state internal, rating bigint, threshold bigint) RETURNS internal
    LANGUAGE C IMMUTABLE PARALLEL SAFE AS 'MODULE_PATHNAME', 'csat_summary_accum_int8';
CREATE FUNCTION kpi_internal.csat_summary_accum(state internal, rating bigint) RETURNS internal
    LANGUAGE C IMMUTABLE PARALLEL SAFE AS 'MODULE_PATHNAME', 'csat_summary_accum_int8';
CREATE FUNCTION kpi_internal.csat_summary_inv(state internal, rating bigint, threshold bigint) RETURNS internal
    LANGUAGE C IMMUTABLE PARALLEL SAFE AS 'MODULE_PATHNAME', 'csat_summary_inv_int8';
CREATE FUNCTION kpi_internal.csat_summary_inv(state internal, rating bigint) RETURNS internal
    LANGUAGE C IMMUTABLE PARALLEL SAFE AS 'MODULE_PATHNAME', 'csat_summary_inv_int8';
CREATE FUNCTION kpi_internal.csat_summary_accum(state internal, rating numeric, threshold numeric) RETURNS internal
    LANGUAGE C IMMUTABLE PARALLEL SAFE AS 'MODULE_PATHNAME', 'csat_summary_accum_numeric';
CREATE FUNCTION kpi_internal.csat_summary_accum(state internal, rating numeric) RETURNS internal
    LANGUAGE C IMMUTABLE PARALLEL SAFE AS 'MODULE_PATHNAME', 'csat_summary_accum_numeric';
CREATE FUNCTION kpi_internal.csat_summary_inv(state internal, rating numeric, threshold numeric) RETURNS internal
    LANGUAGE C IMMUTABLE PARALLEL SAFE AS 'MODULE_PATHNAME', 'csat_summary_inv_numeric';
CREATE FUNCTION kpi_internal.csat_summary_inv(state internal, rating numeric) RETURNS internal
    LANGUAGE C IMMUTABLE PARALLEL SAFE AS 'MODULE_PATHNAME', 'csat_summary_inv_numeric';

CREATE AGGREGATE csat_agg(rating smallint, threshold smallint) (
    SFUNC = kpi_internal.csat_summary_accum, STYPE = internal, FINALFUNC = kpi_internal.csat_summary_final,
    COMBINEFUNC = kpi_internal.csat_summary_combine, SERIALFUNC = kpi_internal.csat_summary_serialize, DESERIALFUNC = kpi_internal.csat_summary_deserialize,
    MSFUNC = kpi_internal.csat_summary_accum, MINVFUNC = kpi_internal.csat_summary_inv, MSTYPE = internal, MFINALFUNC = kpi_internal.csat_summary_final, PARALLEL = SAFE);
CREATE AGGREGATE csat_agg(rating smallint) (
    SFUNC = kpi_internal.csat_summary_accum, STYPE = internal, FINALFUNC = kpi_internal.csat_summary_final,
    COMBINEFUNC = kpi_internal.csat_summary_combine, SERIALFUNC = kpi_internal.csat_summary_serialize, DESERIALFUNC = kpi_internal.csat_summary_deserialize,
    MSFUNC = kpi_internal.csat_summary_accum, MINVFUNC = kpi_internal.csat_summary_inv, MSTYPE = internal, MFINALFUNC = kpi_internal.csat_summary_final, PARALLEL = SAFE);
CREATE AGGREGATE csat_agg(rating integer, threshold integer) (
    SFUNC = kpi_internal.csat_summary_accum, STYPE = internal, FINALFUNC = kpi_internal.csat_summary_final,
    COMBINEFUNC = kpi_internal.csat_summary_combine, SERIALFUNC = kpi_internal.csat_summary_serialize, DESERIALFUNC = kpi_internal.csat_summary_deserialize,
    MSFUNC = kpi_internal.csat_summary_accum, MINVFUNC = kpi_internal.csat_summary_inv, MSTYPE = internal, MFINALFUNC = kpi_internal.csat_summary_final, PARALLEL = SAFE);
CREATE AGGREGATE csat_agg(rating integer) (
    SFUNC = kpi_internal.csat_summary_accum, STYPE = internal, FINALFUNC = kpi_internal.csat_summary_final,
    COMBINEFUNC = kpi_internal.csat_summary_combine, SERIALFUNC = kpi_internal.csat_summary_serialize, DESERIALFUNC = kpi_internal.csat_summary_deserialize,
    MSFUNC = kpi_internal.csat_summary_accum, MINVFUNC = kpi_internal.csat_summary_inv, MSTYPE = internal, MFINALFUNC = kpi_internal.csat_summary_final, PARALLEL = SAFE);
CREATE AGGREGATE csat_agg(rating bigint, threshold bigint) (
    SFUNC = kpi_internal.csat_summary_accum, STYPE = internal, FINALFUNC = kpi_internal.csat_summary_final,
    COMBINEFUNC = kpi_internal.csat_summary_combine, SERIALFUNC = kpi_internal.csat_summary_serialize, DESERIALFUNC = kpi_internal.csat_summary_deserialize,
    MSFUNC = kpi_internal.csat_summary_accum, MINVFUNC = kpi_internal.csat_summary_inv, MSTYPE = internal, MFINALFUNC = kpi_internal.csat_summary_final, PARALLEL = SAFE);
CREATE AGGREGATE csat_agg(rating bigint) (
    SFUNC = kpi_internal.csat_summary_accum, STYPE = internal, FINALFUNC = kpi_internal.csat_summary_final,
    COMBINEFUNC = kpi_internal.csat_summary_combine, SERIALFUNC = kpi_internal.csat_summary_serialize, DESERIALFUNC = kpi_internal.csat_summary_deserialize,
    MSFUNC = kpi_internal.csat_summary_accum, MINVFUNC = kpi_internal.csat_summary_inv, MSTYPE = internal, MFINALFUNC = kpi_internal.csat_summary_final, PARALLEL = SAFE);
CREATE AGGREGATE csat_agg(rating numeric, threshold numeric) (
    SFUNC = kpi_internal.csat_summary_accum, STYPE = internal, FINALFUNC = kpi_internal.csat_summary_final,
    COMBINEFUNC = kpi_internal.csat_summary_combine, SERIALFUNC = kpi_internal.csat_summary_serialize, DESERIALFUNC = kpi_internal.csat_summary_deserialize,
    MSFUNC = kpi_internal.csat_summary_accum, MINVFUNC = kpi_internal.csat_summary_inv, MSTYPE = internal, MFINALFUNC = kpi_internal.csat_summary_final, PARALLEL = SAFE);
CREATE AGGREGATE csat_agg(rating numeric) (
    SFUNC = kpi_internal.csat_summary_accum, STYPE = internal, FINALFUNC = kpi_internal.csat_summary_final,
    COMBINEFUNC = kpi_internal.csat_summary_combine, SERIALFUNC = kpi_internal.csat_summary_serialize, DESERIALFUNC = kpi_internal.csat_summary_deserialize,
    MSFUNC = kpi_internal.csat_summary_accum, MINVFUNC = kpi_internal.csat_summary_inv, MSTYPE = internal, MFINALFUNC = kpi_internal.csat_summary_final, PARALLEL = SAFE);
CREATE AGGREGATE rollup(summary csatsummary) (
    SFUNC = kpi_internal.csat_rollup_accum, STYPE = internal, FINALFUNC = kpi_internal.csat_summary_final,
    COMBINEFUNC = kpi_internal.csat_summary_combine, SERIALFUNC = kpi_internal.csat_summary_serialize, DESERIALFUNC = kpi_internal.csat_summary_deserialize,
    MSFUNC = kpi_internal.csat_rollup_accum, MINVFUNC = kpi_internal.csat_rollup_inv, MSTYPE = internal, MFINALFUNC = kpi_internal.csat_summary_final, PARALLEL = SAFE);
-- combine(): the same aggregate as rollup() (the same support functions), under a name that BI
-- tools' SQL parsers accept: to sqlglot (Superset) and standard SQL, ROLLUP is a reserved word
CREATE AGGREGATE combine(summary csatsummary) (
    SFUNC = kpi_internal.csat_rollup_accum, STYPE = internal, FINALFUNC = kpi_internal.csat_summary_final,
    COMBINEFUNC = kpi_internal.csat_summary_combine, SERIALFUNC = kpi_internal.csat_summary_serialize, DESERIALFUNC = kpi_internal.csat_summary_deserialize,
    MSFUNC = kpi_internal.csat_rollup_accum, MINVFUNC = kpi_internal.csat_rollup_inv, MSTYPE = internal, MFINALFUNC = kpi_internal.csat_summary_final, PARALLEL = SAFE);

CREATE FUNCTION csat(summary csatsummary) RETURNS numeric
    LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE AS 'MODULE_PATHNAME', 'csatsummary_csat';
CREATE FUNCTION satisfied(summary csatsummary) RETURNS bigint
    LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE AS 'MODULE_PATHNAME', 'csatsummary_satisfied';
CREATE FUNCTION responses(summary csatsummary) RETURNS bigint
    LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE AS 'MODULE_PATHNAME', 'csatsummary_responses';
CREATE FUNCTION mean_rating(summary csatsummary) RETURNS numeric
    LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE AS 'MODULE_PATHNAME', 'csatsummary_mean_rating';

COMMENT ON TYPE csatsummary IS 'CSAT partial state: ratings at or above the threshold, all ratings, their exact sum and the threshold, stored versioned; text {"v":1,"threshold":T,"satisfied":S,"responses":N,"sum":X}; combine with rollup(), read with csat(), satisfied(), responses(), mean_rating()';
COMMENT ON FUNCTION kpi_internal.csatsummary_in(cstring) IS 'csatsummary input; malformed text is error 22P02';
COMMENT ON FUNCTION kpi_internal.csatsummary_out(csatsummary) IS 'csatsummary output: {"v":1,"threshold":T,"satisfied":S,"responses":N,"sum":X}';
COMMENT ON FUNCTION kpi_internal.csatsummary_recv(internal) IS 'csatsummary binary input; impossible bytes are error 22P02';
COMMENT ON FUNCTION kpi_internal.csatsummary_send(csatsummary) IS 'csatsummary binary output: version byte, counts, scaled sum, threshold';
COMMENT ON FUNCTION kpi_internal.csat_summary_combine(internal, internal) IS 'csat_agg()/rollup(csatsummary) combine function: adds two partial states, which must share the threshold';
COMMENT ON FUNCTION kpi_internal.csat_summary_serialize(internal) IS 'csat_agg()/rollup(csatsummary) serialize function: state to bytea';
COMMENT ON FUNCTION kpi_internal.csat_summary_deserialize(bytea, internal) IS 'csat_agg()/rollup(csatsummary) deserialize function: bytea to state';
COMMENT ON FUNCTION kpi_internal.csat_summary_final(internal) IS 'csat_agg()/rollup(csatsummary) final function: the state as a csatsummary';
COMMENT ON FUNCTION kpi_internal.csat_rollup_accum(internal, csatsummary) IS 'rollup(csatsummary) transition function: adds one summary (same threshold, else error 22023); NULL summaries are skipped';
COMMENT ON FUNCTION kpi_internal.csat_rollup_inv(internal, csatsummary) IS 'rollup(csatsummary) moving-aggregate inverse: subtracts one summary';
COMMENT ON AGGREGATE csat_agg(smallint, smallint) IS 'CSAT summary (ratings >= threshold, all ratings, their sum, the threshold), to store and re-aggregate exactly with rollup(); same NULL rules and errors as csat()';
COMMENT ON AGGREGATE csat_agg(smallint) IS 'CSAT summary with threshold 4 (top-2-box on 1-5), to store and re-aggregate exactly with rollup()';
COMMENT ON FUNCTION kpi_internal.csat_summary_accum(internal, smallint, smallint) IS 'csat_agg() transition function: counts one rating';
COMMENT ON FUNCTION kpi_internal.csat_summary_accum(internal, smallint) IS 'csat_agg() transition function: counts one rating';
COMMENT ON FUNCTION kpi_internal.csat_summary_inv(internal, smallint, smallint) IS 'csat_agg() moving-aggregate inverse: un-counts one rating';
COMMENT ON FUNCTION kpi_internal.csat_summary_inv(internal, smallint) IS 'csat_agg() moving-aggregate inverse: un-counts one rating';
COMMENT ON AGGREGATE csat_agg(integer, integer) IS 'CSAT summary (ratings >= threshold, all ratings, their sum, the threshold), to store and re-aggregate exactly with rollup(); same NULL rules and errors as csat()';
COMMENT ON AGGREGATE csat_agg(integer) IS 'CSAT summary with threshold 4 (top-2-box on 1-5), to store and re-aggregate exactly with rollup()';
COMMENT ON FUNCTION kpi_internal.csat_summary_accum(internal, integer, integer) IS 'csat_agg() transition function: counts one rating';
COMMENT ON FUNCTION kpi_internal.csat_summary_accum(internal, integer) IS 'csat_agg() transition function: counts one rating';
COMMENT ON FUNCTION kpi_internal.csat_summary_inv(internal, integer, integer) IS 'csat_agg() moving-aggregate inverse: un-counts one rating';
COMMENT ON FUNCTION kpi_internal.csat_summary_inv(internal, integer) IS 'csat_agg() moving-aggregate inverse: un-counts one rating';
COMMENT ON AGGREGATE csat_agg(bigint, bigint) IS 'CSAT summary (ratings >= threshold, all ratings, their sum, the threshold), to store and re-aggregate exactly with rollup(); same NULL rules and errors as csat()';
COMMENT ON AGGREGATE csat_agg(bigint) IS 'CSAT summary with threshold 4 (top-2-box on 1-5), to store and re-aggregate exactly with rollup()';
COMMENT ON FUNCTION kpi_internal.csat_summary_accum(internal, bigint, bigint) IS 'csat_agg() transition function: counts one rating';
COMMENT ON FUNCTION kpi_internal.csat_summary_accum(internal, bigint) IS 'csat_agg() transition function: counts one rating';
COMMENT ON FUNCTION kpi_internal.csat_summary_inv(internal, bigint, bigint) IS 'csat_agg() moving-aggregate inverse: un-counts one rating';
COMMENT ON FUNCTION kpi_internal.csat_summary_inv(internal, bigint) IS 'csat_agg() moving-aggregate inverse: un-counts one rating';
COMMENT ON AGGREGATE csat_agg(numeric, numeric) IS 'CSAT summary (ratings >= threshold, all ratings, their sum, the threshold), to store and re-aggregate exactly with rollup(); same NULL rules and errors as csat()';
COMMENT ON AGGREGATE csat_agg(numeric) IS 'CSAT summary with threshold 4 (top-2-box on 1-5), to store and re-aggregate exactly with rollup()';
COMMENT ON FUNCTION kpi_internal.csat_summary_accum(internal, numeric, numeric) IS 'csat_agg() transition function: counts one rating';
COMMENT ON FUNCTION kpi_internal.csat_summary_accum(internal, numeric) IS 'csat_agg() transition function: counts one rating';
COMMENT ON FUNCTION kpi_internal.csat_summary_inv(internal, numeric, numeric) IS 'csat_agg() moving-aggregate inverse: un-counts one rating';
COMMENT ON FUNCTION kpi_internal.csat_summary_inv(internal, numeric) IS 'csat_agg() moving-aggregate inverse: un-counts one rating';
COMMENT ON AGGREGATE rollup(csatsummary) IS 'Adds CSAT summaries exactly (any period, any segment); summaries with different thresholds are error 22023; parallel, moving form; NULL summaries skipped';
COMMENT ON AGGREGATE combine(csatsummary) IS 'Adds CSAT summaries exactly (any period, any segment); summaries with different thresholds are error 22023; parallel, moving form; NULL summaries skipped; the same aggregate as rollup(csatsummary), named so BI tools'' SQL parsers accept it (ROLLUP is a reserved word to them)';
COMMENT ON FUNCTION csat(csatsummary) IS 'CSAT of a summary: 100 * satisfied / responses, equal to csat() over its rows; NULL for no responses';
COMMENT ON FUNCTION satisfied(csatsummary) IS 'Ratings at or above the threshold in a CSAT summary';
COMMENT ON FUNCTION responses(csatsummary) IS 'Non-NULL ratings counted in a CSAT summary';
COMMENT ON FUNCTION mean_rating(csatsummary) IS 'Mean rating of a CSAT summary (equal to avg(rating)); NULL for no responses';

-- double precision inputs (pandas and JSON loaders write them), read as float8::numeric reads
-- them: the rules of the numeric forms.
CREATE FUNCTION kpi_internal.csat_summary_accum(state internal, rating double precision, threshold double precision) RETURNS internal
    LANGUAGE C IMMUTABLE PARALLEL SAFE AS 'MODULE_PATHNAME', 'csat_summary_accum_float8';
CREATE FUNCTION kpi_internal.csat_summary_accum(state internal, rating double precision) RETURNS internal
    LANGUAGE C IMMUTABLE PARALLEL SAFE AS 'MODULE_PATHNAME', 'csat_summary_accum_float8';
CREATE FUNCTION kpi_internal.csat_summary_inv(state internal, rating double precision, threshold double precision) RETURNS internal
    LANGUAGE C IMMUTABLE PARALLEL SAFE AS 'MODULE_PATHNAME', 'csat_summary_inv_float8';
CREATE FUNCTION kpi_internal.csat_summary_inv(state internal, rating double precision) RETURNS internal
    LANGUAGE C IMMUTABLE PARALLEL SAFE AS 'MODULE_PATHNAME', 'csat_summary_inv_float8';
CREATE AGGREGATE csat_agg(rating double precision, threshold double precision) (
    SFUNC = kpi_internal.csat_summary_accum, STYPE = internal, FINALFUNC = kpi_internal.csat_summary_final,
    COMBINEFUNC = kpi_internal.csat_summary_combine, SERIALFUNC = kpi_internal.csat_summary_serialize, DESERIALFUNC = kpi_internal.csat_summary_deserialize,
    MSFUNC = kpi_internal.csat_summary_accum, MINVFUNC = kpi_internal.csat_summary_inv, MSTYPE = internal, MFINALFUNC = kpi_internal.csat_summary_final, PARALLEL = SAFE);
CREATE AGGREGATE csat_agg(rating double precision) (
    SFUNC = kpi_internal.csat_summary_accum, STYPE = internal, FINALFUNC = kpi_internal.csat_summary_final,
    COMBINEFUNC = kpi_internal.csat_summary_combine, SERIALFUNC = kpi_internal.csat_summary_serialize, DESERIALFUNC = kpi_internal.csat_summary_deserialize,
    MSFUNC = kpi_internal.csat_summary_accum, MINVFUNC = kpi_internal.csat_summary_inv, MSTYPE = internal, MFINALFUNC = kpi_internal.csat_summary_final, PARALLEL = SAFE);
COMMENT ON AGGREGATE csat_agg(double precision, double precision) IS 'CSAT summary (ratings >= threshold, all ratings, their sum, the threshold), to store and re-aggregate exactly with rollup(); same NULL rules and errors as csat(); double precision values are read as float8::numeric reads them (15 significant digits), NaN and infinities are error 22003';
COMMENT ON AGGREGATE csat_agg(double precision) IS 'CSAT summary with threshold 4 (top-2-box on 1-5), to store and re-aggregate exactly with rollup(); double precision values are read as float8::numeric reads them (15 significant digits), NaN and infinities are error 22003';
COMMENT ON FUNCTION kpi_internal.csat_summary_accum(internal, double precision, double precision) IS 'csat_agg() transition function: counts one rating';
COMMENT ON FUNCTION kpi_internal.csat_summary_accum(internal, double precision) IS 'csat_agg() transition function: counts one rating';
COMMENT ON FUNCTION kpi_internal.csat_summary_inv(internal, double precision, double precision) IS 'csat_agg() moving-aggregate inverse: un-counts one rating';
COMMENT ON FUNCTION kpi_internal.csat_summary_inv(internal, double precision) IS 'csat_agg() moving-aggregate inverse: un-counts one rating';
