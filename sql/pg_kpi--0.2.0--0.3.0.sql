-- pg_kpi 0.2.0 -> 0.3.0
-- complain if script is sourced in psql, rather than via ALTER EXTENSION
\echo Use "ALTER EXTENSION pg_kpi UPDATE TO '0.3.0'" to load this file. \quit

-- double precision inputs for nps, csat, ces and their *_agg summaries, fcr_rate(bigint); equality,
-- btree and hash operator classes and assignment casts from text and varchar for every summary
-- type; KPIs from summed counts (nps_from_counts, ...); MRR movements (mrr_agg, mrrsummary, its
-- rollup, accessors and operators); confidence intervals, tests and sample sizes (ci_lower, ...);
-- cessummary version 2 (the sum of squares; ces_agg's new transition functions).
-- Every statement here is also in the fresh install script, in the .sql file beside its module.

-- src/kpi/nps.sql
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

-- src/kpi/nps_summary.sql
CREATE AGGREGATE nps_agg(score double precision) (
    SFUNC = kpi_internal.nps_accum, STYPE = internal, SSPACE = 88, FINALFUNC = kpi_internal.nps_summary_final,
    COMBINEFUNC = kpi_internal.nps_combine, SERIALFUNC = kpi_internal.nps_serialize, DESERIALFUNC = kpi_internal.nps_deserialize,
    MSFUNC = kpi_internal.nps_accum, MINVFUNC = kpi_internal.nps_inv, MSTYPE = internal, MSSPACE = 88, MFINALFUNC = kpi_internal.nps_summary_final, PARALLEL = SAFE);
COMMENT ON AGGREGATE nps_agg(double precision) IS 'NPS summary of whole-number 0-10 scores (the full histogram), to store and re-aggregate exactly with rollup(); same NULL rules and errors as nps(); double precision values are read as float8::numeric reads them (15 significant digits), NaN and infinities are error 22003';

-- src/kpi/ratio.sql
CREATE FUNCTION kpi_internal.fcr_contacts_accum(state internal, contacts bigint) RETURNS internal
    LANGUAGE C IMMUTABLE PARALLEL SAFE AS 'MODULE_PATHNAME', 'fcr_contacts_accum_int8';
CREATE FUNCTION kpi_internal.fcr_contacts_inv(state internal, contacts bigint) RETURNS internal
    LANGUAGE C IMMUTABLE PARALLEL SAFE AS 'MODULE_PATHNAME', 'fcr_contacts_inv_int8';
CREATE AGGREGATE fcr_rate(contacts bigint) (
    SFUNC = kpi_internal.fcr_contacts_accum, STYPE = internal, SSPACE = 16, FINALFUNC = kpi_internal.ratio_final,
    COMBINEFUNC = kpi_internal.ratio_combine, SERIALFUNC = kpi_internal.ratio_serialize, DESERIALFUNC = kpi_internal.ratio_deserialize,
    MSFUNC = kpi_internal.fcr_contacts_accum, MINVFUNC = kpi_internal.fcr_contacts_inv, MSTYPE = internal, MSSPACE = 16,
    MFINALFUNC = kpi_internal.ratio_final, PARALLEL = SAFE
);
COMMENT ON AGGREGATE fcr_rate(bigint) IS 'First-contact resolution rate: percent of tickets with exactly one contact among non-NULL contact counts; contacts below 1 is error 22003; NULL when none';
COMMENT ON FUNCTION kpi_internal.fcr_contacts_accum(internal, bigint) IS 'fcr_rate(bigint) transition function: counts one ticket, a hit when contacts = 1';
COMMENT ON FUNCTION kpi_internal.fcr_contacts_inv(internal, bigint) IS 'fcr_rate(bigint) moving-aggregate inverse: un-counts one ticket';

-- src/kpi/csat.sql
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

-- src/kpi/ces.sql
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

-- src/kpi/ces_summary.sql
-- cessummary version 2 carries the sum of squares (for the t interval): ces_agg gets its own
-- transition functions, which also sum squares (ces() keeps its own, unchanged). CREATE OR
-- REPLACE AGGREGATE swaps the support functions of the existing ces_agg aggregates in place, so
-- views and materialized views over them stay; 0.2.0's finals are then unused and dropped (the
-- library still exports them for the 0.1.0 and 0.2.0 scripts).
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
CREATE OR REPLACE AGGREGATE ces_agg(score smallint) (
    SFUNC = kpi_internal.ces_agg_accum, STYPE = internal, FINALFUNC = kpi_internal.ces_agg_final_int,
    COMBINEFUNC = kpi_internal.ces_agg_combine_int, SERIALFUNC = kpi_internal.ces_agg_serialize_int, DESERIALFUNC = kpi_internal.ces_agg_deserialize_int,
    MSFUNC = kpi_internal.ces_agg_accum, MINVFUNC = kpi_internal.ces_agg_inv, MSTYPE = internal, MFINALFUNC = kpi_internal.ces_agg_final_int, PARALLEL = SAFE);
CREATE OR REPLACE AGGREGATE ces_agg(score integer) (
    SFUNC = kpi_internal.ces_agg_accum, STYPE = internal, FINALFUNC = kpi_internal.ces_agg_final_int,
    COMBINEFUNC = kpi_internal.ces_agg_combine_int, SERIALFUNC = kpi_internal.ces_agg_serialize_int, DESERIALFUNC = kpi_internal.ces_agg_deserialize_int,
    MSFUNC = kpi_internal.ces_agg_accum, MINVFUNC = kpi_internal.ces_agg_inv, MSTYPE = internal, MFINALFUNC = kpi_internal.ces_agg_final_int, PARALLEL = SAFE);
CREATE OR REPLACE AGGREGATE ces_agg(score bigint) (
    SFUNC = kpi_internal.ces_agg_accum, STYPE = internal, FINALFUNC = kpi_internal.ces_agg_final_int,
    COMBINEFUNC = kpi_internal.ces_agg_combine_int, SERIALFUNC = kpi_internal.ces_agg_serialize_int, DESERIALFUNC = kpi_internal.ces_agg_deserialize_int,
    MSFUNC = kpi_internal.ces_agg_accum, MINVFUNC = kpi_internal.ces_agg_inv, MSTYPE = internal, MFINALFUNC = kpi_internal.ces_agg_final_int, PARALLEL = SAFE);
CREATE OR REPLACE AGGREGATE ces_agg(score numeric) (
    SFUNC = kpi_internal.ces_agg_accum, STYPE = internal, FINALFUNC = kpi_internal.ces_agg_final_numeric,
    COMBINEFUNC = kpi_internal.ces_agg_combine_numeric, SERIALFUNC = kpi_internal.ces_agg_serialize_numeric, DESERIALFUNC = kpi_internal.ces_agg_deserialize_numeric,
    MSFUNC = kpi_internal.ces_agg_accum, MINVFUNC = kpi_internal.ces_agg_inv, MSTYPE = internal, MFINALFUNC = kpi_internal.ces_agg_final_numeric, PARALLEL = SAFE);
CREATE AGGREGATE ces_agg(score double precision) (
    SFUNC = kpi_internal.ces_agg_accum, STYPE = internal, FINALFUNC = kpi_internal.ces_agg_final_numeric,
    COMBINEFUNC = kpi_internal.ces_agg_combine_numeric, SERIALFUNC = kpi_internal.ces_agg_serialize_numeric, DESERIALFUNC = kpi_internal.ces_agg_deserialize_numeric,
    MSFUNC = kpi_internal.ces_agg_accum, MINVFUNC = kpi_internal.ces_agg_inv, MSTYPE = internal, MFINALFUNC = kpi_internal.ces_agg_final_numeric, PARALLEL = SAFE);
DROP FUNCTION kpi_internal.ces_summary_final_int(internal);
DROP FUNCTION kpi_internal.ces_summary_final_numeric(internal);
COMMENT ON TYPE cessummary IS 'CES partial state: exact sum, count and sum of squares of effort scores, stored versioned; text form {"v":2,"count":N,"sum":S,"sum_squares":Q} (version 1, without sum_squares, still reads; its interval is NULL); combine with rollup(), read with ces(), responses(), ci_lower(), ci_upper()';
COMMENT ON FUNCTION kpi_internal.cessummary_in(cstring) IS 'cessummary input: parses {"v":2,"count":N,"sum":S,"sum_squares":Q} or version 1 {"v":1,"count":N,"sum":S}; malformed or impossible text (count * Q < S^2) is error 22P02';
COMMENT ON FUNCTION kpi_internal.cessummary_out(cessummary) IS 'cessummary output: {"v":2,"count":N,"sum":S,"sum_squares":Q}, or version 1 {"v":1,"count":N,"sum":S} for a summary without a sum of squares';
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
COMMENT ON AGGREGATE ces_agg(smallint) IS 'CES summary (exact sum, count and sum of squares of the scores), to store and re-aggregate exactly with rollup() and to give the t interval (ci_lower, ci_upper); same NULL rules and errors as ces()';
COMMENT ON AGGREGATE ces_agg(integer) IS 'CES summary (exact sum, count and sum of squares of the scores), to store and re-aggregate exactly with rollup() and to give the t interval (ci_lower, ci_upper); same NULL rules and errors as ces()';
COMMENT ON AGGREGATE ces_agg(bigint) IS 'CES summary (exact sum, count and sum of squares of the scores), to store and re-aggregate exactly with rollup() and to give the t interval (ci_lower, ci_upper); same NULL rules and errors as ces()';
COMMENT ON AGGREGATE ces_agg(numeric) IS 'CES summary (exact sum, count and sum of squares of the scores), to store and re-aggregate exactly with rollup() and to give the t interval (ci_lower, ci_upper); same NULL rules and errors as ces()';
COMMENT ON AGGREGATE ces_agg(double precision) IS 'CES summary (exact sum, count and sum of squares of the scores), to store and re-aggregate exactly with rollup() and to give the t interval (ci_lower, ci_upper); same NULL rules and errors as ces(); double precision values are read as float8::numeric reads them (15 significant digits), NaN and infinities are error 22003';

-- src/kpi/csat_summary.sql
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

-- src/summary_ops.sql
CREATE FUNCTION kpi_internal.npssummary_eq(a npssummary, b npssummary) RETURNS boolean
    LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE AS 'MODULE_PATHNAME', 'npssummary_eq';
CREATE FUNCTION kpi_internal.npssummary_ne(a npssummary, b npssummary) RETURNS boolean
    LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE AS 'MODULE_PATHNAME', 'npssummary_ne';
CREATE FUNCTION kpi_internal.npssummary_lt(a npssummary, b npssummary) RETURNS boolean
    LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE AS 'MODULE_PATHNAME', 'npssummary_lt';
CREATE FUNCTION kpi_internal.npssummary_le(a npssummary, b npssummary) RETURNS boolean
    LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE AS 'MODULE_PATHNAME', 'npssummary_le';
CREATE FUNCTION kpi_internal.npssummary_gt(a npssummary, b npssummary) RETURNS boolean
    LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE AS 'MODULE_PATHNAME', 'npssummary_gt';
CREATE FUNCTION kpi_internal.npssummary_ge(a npssummary, b npssummary) RETURNS boolean
    LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE AS 'MODULE_PATHNAME', 'npssummary_ge';
CREATE FUNCTION kpi_internal.npssummary_cmp(a npssummary, b npssummary) RETURNS integer
    LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE AS 'MODULE_PATHNAME', 'npssummary_cmp';
CREATE FUNCTION kpi_internal.npssummary_hash(summary npssummary) RETURNS integer
    LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE AS 'MODULE_PATHNAME', 'npssummary_hash';
CREATE FUNCTION kpi_internal.npssummary_hash_extended(summary npssummary, seed bigint) RETURNS bigint
    LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE AS 'MODULE_PATHNAME', 'npssummary_hash_extended';
CREATE OPERATOR = (LEFTARG = npssummary, RIGHTARG = npssummary, FUNCTION = kpi_internal.npssummary_eq,
    COMMUTATOR = =, NEGATOR = <>, RESTRICT = eqsel, JOIN = eqjoinsel, HASHES, MERGES);
CREATE OPERATOR <> (LEFTARG = npssummary, RIGHTARG = npssummary, FUNCTION = kpi_internal.npssummary_ne,
    COMMUTATOR = <>, NEGATOR = =, RESTRICT = neqsel, JOIN = neqjoinsel);
CREATE OPERATOR < (LEFTARG = npssummary, RIGHTARG = npssummary, FUNCTION = kpi_internal.npssummary_lt,
    COMMUTATOR = >, NEGATOR = >=, RESTRICT = scalarltsel, JOIN = scalarltjoinsel);
CREATE OPERATOR <= (LEFTARG = npssummary, RIGHTARG = npssummary, FUNCTION = kpi_internal.npssummary_le,
    COMMUTATOR = >=, NEGATOR = >, RESTRICT = scalarlesel, JOIN = scalarlejoinsel);
CREATE OPERATOR > (LEFTARG = npssummary, RIGHTARG = npssummary, FUNCTION = kpi_internal.npssummary_gt,
    COMMUTATOR = <, NEGATOR = <=, RESTRICT = scalargtsel, JOIN = scalargtjoinsel);
CREATE OPERATOR >= (LEFTARG = npssummary, RIGHTARG = npssummary, FUNCTION = kpi_internal.npssummary_ge,
    COMMUTATOR = <=, NEGATOR = <, RESTRICT = scalargesel, JOIN = scalargejoinsel);
CREATE OPERATOR CLASS kpi_internal.npssummary_ops DEFAULT FOR TYPE npssummary USING btree AS
    OPERATOR 1 <, OPERATOR 2 <=, OPERATOR 3 =, OPERATOR 4 >=, OPERATOR 5 >,
    FUNCTION 1 kpi_internal.npssummary_cmp(npssummary, npssummary);
CREATE OPERATOR CLASS kpi_internal.npssummary_hash_ops DEFAULT FOR TYPE npssummary USING hash AS
    OPERATOR 1 =, FUNCTION 1 kpi_internal.npssummary_hash(npssummary), FUNCTION 2 kpi_internal.npssummary_hash_extended(npssummary, bigint);
CREATE CAST (text AS npssummary) WITH INOUT AS ASSIGNMENT;
CREATE CAST (varchar AS npssummary) WITH INOUT AS ASSIGNMENT;
COMMENT ON FUNCTION kpi_internal.npssummary_eq(npssummary, npssummary) IS 'Operator = of npssummary: equal (the same stored form)';
COMMENT ON OPERATOR = (npssummary, npssummary) IS 'NPS summaries equal (the same stored form)';
COMMENT ON FUNCTION kpi_internal.npssummary_ne(npssummary, npssummary) IS 'Operator <> of npssummary: not equal';
COMMENT ON OPERATOR <> (npssummary, npssummary) IS 'NPS summaries not equal';
COMMENT ON FUNCTION kpi_internal.npssummary_lt(npssummary, npssummary) IS 'Operator < of npssummary: before in the btree order (bytewise order of the stored forms; no KPI meaning)';
COMMENT ON OPERATOR < (npssummary, npssummary) IS 'NPS summaries before in the btree order (bytewise order of the stored forms; no KPI meaning)';
COMMENT ON FUNCTION kpi_internal.npssummary_le(npssummary, npssummary) IS 'Operator <= of npssummary: before or equal in the btree order (no KPI meaning)';
COMMENT ON OPERATOR <= (npssummary, npssummary) IS 'NPS summaries before or equal in the btree order (no KPI meaning)';
COMMENT ON FUNCTION kpi_internal.npssummary_gt(npssummary, npssummary) IS 'Operator > of npssummary: after in the btree order (no KPI meaning)';
COMMENT ON OPERATOR > (npssummary, npssummary) IS 'NPS summaries after in the btree order (no KPI meaning)';
COMMENT ON FUNCTION kpi_internal.npssummary_ge(npssummary, npssummary) IS 'Operator >= of npssummary: after or equal in the btree order (no KPI meaning)';
COMMENT ON OPERATOR >= (npssummary, npssummary) IS 'NPS summaries after or equal in the btree order (no KPI meaning)';
COMMENT ON FUNCTION kpi_internal.npssummary_cmp(npssummary, npssummary) IS 'btree support of npssummary: -1, 0 or 1 in the bytewise order of the stored forms (no KPI meaning)';
COMMENT ON FUNCTION kpi_internal.npssummary_hash(npssummary) IS 'hash support of npssummary: hash of the stored form';
COMMENT ON FUNCTION kpi_internal.npssummary_hash_extended(npssummary, bigint) IS 'hash support of npssummary: 64-bit seeded hash of the stored form';
COMMENT ON OPERATOR CLASS kpi_internal.npssummary_ops USING btree IS 'Default btree order of npssummary: the bytewise order of the stored forms, consistent for GROUP BY, DISTINCT, ORDER BY and indexes, without KPI meaning';
COMMENT ON OPERATOR CLASS kpi_internal.npssummary_hash_ops USING hash IS 'Default hash operator class of npssummary, for hash joins, hash aggregation and hash partitioning';
COMMENT ON CAST (text AS npssummary) IS 'Assignment cast: text in the npssummary text form becomes a summary where a npssummary is expected (INSERT, UPDATE, client text parameters)';
COMMENT ON CAST (varchar AS npssummary) IS 'Assignment cast: varchar in the npssummary text form becomes a summary where a npssummary is expected (INSERT, UPDATE, client text parameters)';
CREATE FUNCTION kpi_internal.csatsummary_eq(a csatsummary, b csatsummary) RETURNS boolean
    LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE AS 'MODULE_PATHNAME', 'csatsummary_eq';
CREATE FUNCTION kpi_internal.csatsummary_ne(a csatsummary, b csatsummary) RETURNS boolean
    LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE AS 'MODULE_PATHNAME', 'csatsummary_ne';
CREATE FUNCTION kpi_internal.csatsummary_lt(a csatsummary, b csatsummary) RETURNS boolean
    LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE AS 'MODULE_PATHNAME', 'csatsummary_lt';
CREATE FUNCTION kpi_internal.csatsummary_le(a csatsummary, b csatsummary) RETURNS boolean
    LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE AS 'MODULE_PATHNAME', 'csatsummary_le';
CREATE FUNCTION kpi_internal.csatsummary_gt(a csatsummary, b csatsummary) RETURNS boolean
    LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE AS 'MODULE_PATHNAME', 'csatsummary_gt';
CREATE FUNCTION kpi_internal.csatsummary_ge(a csatsummary, b csatsummary) RETURNS boolean
    LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE AS 'MODULE_PATHNAME', 'csatsummary_ge';
CREATE FUNCTION kpi_internal.csatsummary_cmp(a csatsummary, b csatsummary) RETURNS integer
    LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE AS 'MODULE_PATHNAME', 'csatsummary_cmp';
CREATE FUNCTION kpi_internal.csatsummary_hash(summary csatsummary) RETURNS integer
    LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE AS 'MODULE_PATHNAME', 'csatsummary_hash';
CREATE FUNCTION kpi_internal.csatsummary_hash_extended(summary csatsummary, seed bigint) RETURNS bigint
    LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE AS 'MODULE_PATHNAME', 'csatsummary_hash_extended';
CREATE OPERATOR = (LEFTARG = csatsummary, RIGHTARG = csatsummary, FUNCTION = kpi_internal.csatsummary_eq,
    COMMUTATOR = =, NEGATOR = <>, RESTRICT = eqsel, JOIN = eqjoinsel, HASHES, MERGES);
CREATE OPERATOR <> (LEFTARG = csatsummary, RIGHTARG = csatsummary, FUNCTION = kpi_internal.csatsummary_ne,
    COMMUTATOR = <>, NEGATOR = =, RESTRICT = neqsel, JOIN = neqjoinsel);
CREATE OPERATOR < (LEFTARG = csatsummary, RIGHTARG = csatsummary, FUNCTION = kpi_internal.csatsummary_lt,
    COMMUTATOR = >, NEGATOR = >=, RESTRICT = scalarltsel, JOIN = scalarltjoinsel);
CREATE OPERATOR <= (LEFTARG = csatsummary, RIGHTARG = csatsummary, FUNCTION = kpi_internal.csatsummary_le,
    COMMUTATOR = >=, NEGATOR = >, RESTRICT = scalarlesel, JOIN = scalarlejoinsel);
CREATE OPERATOR > (LEFTARG = csatsummary, RIGHTARG = csatsummary, FUNCTION = kpi_internal.csatsummary_gt,
    COMMUTATOR = <, NEGATOR = <=, RESTRICT = scalargtsel, JOIN = scalargtjoinsel);
CREATE OPERATOR >= (LEFTARG = csatsummary, RIGHTARG = csatsummary, FUNCTION = kpi_internal.csatsummary_ge,
    COMMUTATOR = <=, NEGATOR = <, RESTRICT = scalargesel, JOIN = scalargejoinsel);
CREATE OPERATOR CLASS kpi_internal.csatsummary_ops DEFAULT FOR TYPE csatsummary USING btree AS
    OPERATOR 1 <, OPERATOR 2 <=, OPERATOR 3 =, OPERATOR 4 >=, OPERATOR 5 >,
    FUNCTION 1 kpi_internal.csatsummary_cmp(csatsummary, csatsummary);
CREATE OPERATOR CLASS kpi_internal.csatsummary_hash_ops DEFAULT FOR TYPE csatsummary USING hash AS
    OPERATOR 1 =, FUNCTION 1 kpi_internal.csatsummary_hash(csatsummary), FUNCTION 2 kpi_internal.csatsummary_hash_extended(csatsummary, bigint);
CREATE CAST (text AS csatsummary) WITH INOUT AS ASSIGNMENT;
CREATE CAST (varchar AS csatsummary) WITH INOUT AS ASSIGNMENT;
COMMENT ON FUNCTION kpi_internal.csatsummary_eq(csatsummary, csatsummary) IS 'Operator = of csatsummary: equal (the same stored form)';
COMMENT ON OPERATOR = (csatsummary, csatsummary) IS 'CSAT summaries equal (the same stored form)';
COMMENT ON FUNCTION kpi_internal.csatsummary_ne(csatsummary, csatsummary) IS 'Operator <> of csatsummary: not equal';
COMMENT ON OPERATOR <> (csatsummary, csatsummary) IS 'CSAT summaries not equal';
COMMENT ON FUNCTION kpi_internal.csatsummary_lt(csatsummary, csatsummary) IS 'Operator < of csatsummary: before in the btree order (bytewise order of the stored forms; no KPI meaning)';
COMMENT ON OPERATOR < (csatsummary, csatsummary) IS 'CSAT summaries before in the btree order (bytewise order of the stored forms; no KPI meaning)';
COMMENT ON FUNCTION kpi_internal.csatsummary_le(csatsummary, csatsummary) IS 'Operator <= of csatsummary: before or equal in the btree order (no KPI meaning)';
COMMENT ON OPERATOR <= (csatsummary, csatsummary) IS 'CSAT summaries before or equal in the btree order (no KPI meaning)';
COMMENT ON FUNCTION kpi_internal.csatsummary_gt(csatsummary, csatsummary) IS 'Operator > of csatsummary: after in the btree order (no KPI meaning)';
COMMENT ON OPERATOR > (csatsummary, csatsummary) IS 'CSAT summaries after in the btree order (no KPI meaning)';
COMMENT ON FUNCTION kpi_internal.csatsummary_ge(csatsummary, csatsummary) IS 'Operator >= of csatsummary: after or equal in the btree order (no KPI meaning)';
COMMENT ON OPERATOR >= (csatsummary, csatsummary) IS 'CSAT summaries after or equal in the btree order (no KPI meaning)';
COMMENT ON FUNCTION kpi_internal.csatsummary_cmp(csatsummary, csatsummary) IS 'btree support of csatsummary: -1, 0 or 1 in the bytewise order of the stored forms (no KPI meaning)';
COMMENT ON FUNCTION kpi_internal.csatsummary_hash(csatsummary) IS 'hash support of csatsummary: hash of the stored form';
COMMENT ON FUNCTION kpi_internal.csatsummary_hash_extended(csatsummary, bigint) IS 'hash support of csatsummary: 64-bit seeded hash of the stored form';
COMMENT ON OPERATOR CLASS kpi_internal.csatsummary_ops USING btree IS 'Default btree order of csatsummary: the bytewise order of the stored forms, consistent for GROUP BY, DISTINCT, ORDER BY and indexes, without KPI meaning';
COMMENT ON OPERATOR CLASS kpi_internal.csatsummary_hash_ops USING hash IS 'Default hash operator class of csatsummary, for hash joins, hash aggregation and hash partitioning';
COMMENT ON CAST (text AS csatsummary) IS 'Assignment cast: text in the csatsummary text form becomes a summary where a csatsummary is expected (INSERT, UPDATE, client text parameters)';
COMMENT ON CAST (varchar AS csatsummary) IS 'Assignment cast: varchar in the csatsummary text form becomes a summary where a csatsummary is expected (INSERT, UPDATE, client text parameters)';
CREATE FUNCTION kpi_internal.cessummary_eq(a cessummary, b cessummary) RETURNS boolean
    LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE AS 'MODULE_PATHNAME', 'cessummary_eq';
CREATE FUNCTION kpi_internal.cessummary_ne(a cessummary, b cessummary) RETURNS boolean
    LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE AS 'MODULE_PATHNAME', 'cessummary_ne';
CREATE FUNCTION kpi_internal.cessummary_lt(a cessummary, b cessummary) RETURNS boolean
    LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE AS 'MODULE_PATHNAME', 'cessummary_lt';
CREATE FUNCTION kpi_internal.cessummary_le(a cessummary, b cessummary) RETURNS boolean
    LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE AS 'MODULE_PATHNAME', 'cessummary_le';
CREATE FUNCTION kpi_internal.cessummary_gt(a cessummary, b cessummary) RETURNS boolean
    LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE AS 'MODULE_PATHNAME', 'cessummary_gt';
CREATE FUNCTION kpi_internal.cessummary_ge(a cessummary, b cessummary) RETURNS boolean
    LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE AS 'MODULE_PATHNAME', 'cessummary_ge';
CREATE FUNCTION kpi_internal.cessummary_cmp(a cessummary, b cessummary) RETURNS integer
    LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE AS 'MODULE_PATHNAME', 'cessummary_cmp';
CREATE FUNCTION kpi_internal.cessummary_hash(summary cessummary) RETURNS integer
    LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE AS 'MODULE_PATHNAME', 'cessummary_hash';
CREATE FUNCTION kpi_internal.cessummary_hash_extended(summary cessummary, seed bigint) RETURNS bigint
    LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE AS 'MODULE_PATHNAME', 'cessummary_hash_extended';
CREATE OPERATOR = (LEFTARG = cessummary, RIGHTARG = cessummary, FUNCTION = kpi_internal.cessummary_eq,
    COMMUTATOR = =, NEGATOR = <>, RESTRICT = eqsel, JOIN = eqjoinsel, HASHES, MERGES);
CREATE OPERATOR <> (LEFTARG = cessummary, RIGHTARG = cessummary, FUNCTION = kpi_internal.cessummary_ne,
    COMMUTATOR = <>, NEGATOR = =, RESTRICT = neqsel, JOIN = neqjoinsel);
CREATE OPERATOR < (LEFTARG = cessummary, RIGHTARG = cessummary, FUNCTION = kpi_internal.cessummary_lt,
    COMMUTATOR = >, NEGATOR = >=, RESTRICT = scalarltsel, JOIN = scalarltjoinsel);
CREATE OPERATOR <= (LEFTARG = cessummary, RIGHTARG = cessummary, FUNCTION = kpi_internal.cessummary_le,
    COMMUTATOR = >=, NEGATOR = >, RESTRICT = scalarlesel, JOIN = scalarlejoinsel);
CREATE OPERATOR > (LEFTARG = cessummary, RIGHTARG = cessummary, FUNCTION = kpi_internal.cessummary_gt,
    COMMUTATOR = <, NEGATOR = <=, RESTRICT = scalargtsel, JOIN = scalargtjoinsel);
CREATE OPERATOR >= (LEFTARG = cessummary, RIGHTARG = cessummary, FUNCTION = kpi_internal.cessummary_ge,
    COMMUTATOR = <=, NEGATOR = <, RESTRICT = scalargesel, JOIN = scalargejoinsel);
CREATE OPERATOR CLASS kpi_internal.cessummary_ops DEFAULT FOR TYPE cessummary USING btree AS
    OPERATOR 1 <, OPERATOR 2 <=, OPERATOR 3 =, OPERATOR 4 >=, OPERATOR 5 >,
    FUNCTION 1 kpi_internal.cessummary_cmp(cessummary, cessummary);
CREATE OPERATOR CLASS kpi_internal.cessummary_hash_ops DEFAULT FOR TYPE cessummary USING hash AS
    OPERATOR 1 =, FUNCTION 1 kpi_internal.cessummary_hash(cessummary), FUNCTION 2 kpi_internal.cessummary_hash_extended(cessummary, bigint);
CREATE CAST (text AS cessummary) WITH INOUT AS ASSIGNMENT;
CREATE CAST (varchar AS cessummary) WITH INOUT AS ASSIGNMENT;
COMMENT ON FUNCTION kpi_internal.cessummary_eq(cessummary, cessummary) IS 'Operator = of cessummary: equal (the same stored form)';
COMMENT ON OPERATOR = (cessummary, cessummary) IS 'CES summaries equal (the same stored form)';
COMMENT ON FUNCTION kpi_internal.cessummary_ne(cessummary, cessummary) IS 'Operator <> of cessummary: not equal';
COMMENT ON OPERATOR <> (cessummary, cessummary) IS 'CES summaries not equal';
COMMENT ON FUNCTION kpi_internal.cessummary_lt(cessummary, cessummary) IS 'Operator < of cessummary: before in the btree order (bytewise order of the stored forms; no KPI meaning)';
COMMENT ON OPERATOR < (cessummary, cessummary) IS 'CES summaries before in the btree order (bytewise order of the stored forms; no KPI meaning)';
COMMENT ON FUNCTION kpi_internal.cessummary_le(cessummary, cessummary) IS 'Operator <= of cessummary: before or equal in the btree order (no KPI meaning)';
COMMENT ON OPERATOR <= (cessummary, cessummary) IS 'CES summaries before or equal in the btree order (no KPI meaning)';
COMMENT ON FUNCTION kpi_internal.cessummary_gt(cessummary, cessummary) IS 'Operator > of cessummary: after in the btree order (no KPI meaning)';
COMMENT ON OPERATOR > (cessummary, cessummary) IS 'CES summaries after in the btree order (no KPI meaning)';
COMMENT ON FUNCTION kpi_internal.cessummary_ge(cessummary, cessummary) IS 'Operator >= of cessummary: after or equal in the btree order (no KPI meaning)';
COMMENT ON OPERATOR >= (cessummary, cessummary) IS 'CES summaries after or equal in the btree order (no KPI meaning)';
COMMENT ON FUNCTION kpi_internal.cessummary_cmp(cessummary, cessummary) IS 'btree support of cessummary: -1, 0 or 1 in the bytewise order of the stored forms (no KPI meaning)';
COMMENT ON FUNCTION kpi_internal.cessummary_hash(cessummary) IS 'hash support of cessummary: hash of the stored form';
COMMENT ON FUNCTION kpi_internal.cessummary_hash_extended(cessummary, bigint) IS 'hash support of cessummary: 64-bit seeded hash of the stored form';
COMMENT ON OPERATOR CLASS kpi_internal.cessummary_ops USING btree IS 'Default btree order of cessummary: the bytewise order of the stored forms, consistent for GROUP BY, DISTINCT, ORDER BY and indexes, without KPI meaning';
COMMENT ON OPERATOR CLASS kpi_internal.cessummary_hash_ops USING hash IS 'Default hash operator class of cessummary, for hash joins, hash aggregation and hash partitioning';
COMMENT ON CAST (text AS cessummary) IS 'Assignment cast: text in the cessummary text form becomes a summary where a cessummary is expected (INSERT, UPDATE, client text parameters)';
COMMENT ON CAST (varchar AS cessummary) IS 'Assignment cast: varchar in the cessummary text form becomes a summary where a cessummary is expected (INSERT, UPDATE, client text parameters)';
CREATE FUNCTION kpi_internal.clvsummary_eq(a clvsummary, b clvsummary) RETURNS boolean
    LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE AS 'MODULE_PATHNAME', 'clvsummary_eq';
CREATE FUNCTION kpi_internal.clvsummary_ne(a clvsummary, b clvsummary) RETURNS boolean
    LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE AS 'MODULE_PATHNAME', 'clvsummary_ne';
CREATE FUNCTION kpi_internal.clvsummary_lt(a clvsummary, b clvsummary) RETURNS boolean
    LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE AS 'MODULE_PATHNAME', 'clvsummary_lt';
CREATE FUNCTION kpi_internal.clvsummary_le(a clvsummary, b clvsummary) RETURNS boolean
    LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE AS 'MODULE_PATHNAME', 'clvsummary_le';
CREATE FUNCTION kpi_internal.clvsummary_gt(a clvsummary, b clvsummary) RETURNS boolean
    LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE AS 'MODULE_PATHNAME', 'clvsummary_gt';
CREATE FUNCTION kpi_internal.clvsummary_ge(a clvsummary, b clvsummary) RETURNS boolean
    LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE AS 'MODULE_PATHNAME', 'clvsummary_ge';
CREATE FUNCTION kpi_internal.clvsummary_cmp(a clvsummary, b clvsummary) RETURNS integer
    LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE AS 'MODULE_PATHNAME', 'clvsummary_cmp';
CREATE FUNCTION kpi_internal.clvsummary_hash(summary clvsummary) RETURNS integer
    LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE AS 'MODULE_PATHNAME', 'clvsummary_hash';
CREATE FUNCTION kpi_internal.clvsummary_hash_extended(summary clvsummary, seed bigint) RETURNS bigint
    LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE AS 'MODULE_PATHNAME', 'clvsummary_hash_extended';
CREATE OPERATOR = (LEFTARG = clvsummary, RIGHTARG = clvsummary, FUNCTION = kpi_internal.clvsummary_eq,
    COMMUTATOR = =, NEGATOR = <>, RESTRICT = eqsel, JOIN = eqjoinsel, HASHES, MERGES);
CREATE OPERATOR <> (LEFTARG = clvsummary, RIGHTARG = clvsummary, FUNCTION = kpi_internal.clvsummary_ne,
    COMMUTATOR = <>, NEGATOR = =, RESTRICT = neqsel, JOIN = neqjoinsel);
CREATE OPERATOR < (LEFTARG = clvsummary, RIGHTARG = clvsummary, FUNCTION = kpi_internal.clvsummary_lt,
    COMMUTATOR = >, NEGATOR = >=, RESTRICT = scalarltsel, JOIN = scalarltjoinsel);
CREATE OPERATOR <= (LEFTARG = clvsummary, RIGHTARG = clvsummary, FUNCTION = kpi_internal.clvsummary_le,
    COMMUTATOR = >=, NEGATOR = >, RESTRICT = scalarlesel, JOIN = scalarlejoinsel);
CREATE OPERATOR > (LEFTARG = clvsummary, RIGHTARG = clvsummary, FUNCTION = kpi_internal.clvsummary_gt,
    COMMUTATOR = <, NEGATOR = <=, RESTRICT = scalargtsel, JOIN = scalargtjoinsel);
CREATE OPERATOR >= (LEFTARG = clvsummary, RIGHTARG = clvsummary, FUNCTION = kpi_internal.clvsummary_ge,
    COMMUTATOR = <=, NEGATOR = <, RESTRICT = scalargesel, JOIN = scalargejoinsel);
CREATE OPERATOR CLASS kpi_internal.clvsummary_ops DEFAULT FOR TYPE clvsummary USING btree AS
    OPERATOR 1 <, OPERATOR 2 <=, OPERATOR 3 =, OPERATOR 4 >=, OPERATOR 5 >,
    FUNCTION 1 kpi_internal.clvsummary_cmp(clvsummary, clvsummary);
CREATE OPERATOR CLASS kpi_internal.clvsummary_hash_ops DEFAULT FOR TYPE clvsummary USING hash AS
    OPERATOR 1 =, FUNCTION 1 kpi_internal.clvsummary_hash(clvsummary), FUNCTION 2 kpi_internal.clvsummary_hash_extended(clvsummary, bigint);
CREATE CAST (text AS clvsummary) WITH INOUT AS ASSIGNMENT;
CREATE CAST (varchar AS clvsummary) WITH INOUT AS ASSIGNMENT;
COMMENT ON FUNCTION kpi_internal.clvsummary_eq(clvsummary, clvsummary) IS 'Operator = of clvsummary: equal (the same stored form)';
COMMENT ON OPERATOR = (clvsummary, clvsummary) IS 'CLV summaries equal (the same stored form)';
COMMENT ON FUNCTION kpi_internal.clvsummary_ne(clvsummary, clvsummary) IS 'Operator <> of clvsummary: not equal';
COMMENT ON OPERATOR <> (clvsummary, clvsummary) IS 'CLV summaries not equal';
COMMENT ON FUNCTION kpi_internal.clvsummary_lt(clvsummary, clvsummary) IS 'Operator < of clvsummary: before in the btree order (bytewise order of the stored forms; no KPI meaning)';
COMMENT ON OPERATOR < (clvsummary, clvsummary) IS 'CLV summaries before in the btree order (bytewise order of the stored forms; no KPI meaning)';
COMMENT ON FUNCTION kpi_internal.clvsummary_le(clvsummary, clvsummary) IS 'Operator <= of clvsummary: before or equal in the btree order (no KPI meaning)';
COMMENT ON OPERATOR <= (clvsummary, clvsummary) IS 'CLV summaries before or equal in the btree order (no KPI meaning)';
COMMENT ON FUNCTION kpi_internal.clvsummary_gt(clvsummary, clvsummary) IS 'Operator > of clvsummary: after in the btree order (no KPI meaning)';
COMMENT ON OPERATOR > (clvsummary, clvsummary) IS 'CLV summaries after in the btree order (no KPI meaning)';
COMMENT ON FUNCTION kpi_internal.clvsummary_ge(clvsummary, clvsummary) IS 'Operator >= of clvsummary: after or equal in the btree order (no KPI meaning)';
COMMENT ON OPERATOR >= (clvsummary, clvsummary) IS 'CLV summaries after or equal in the btree order (no KPI meaning)';
COMMENT ON FUNCTION kpi_internal.clvsummary_cmp(clvsummary, clvsummary) IS 'btree support of clvsummary: -1, 0 or 1 in the bytewise order of the stored forms (no KPI meaning)';
COMMENT ON FUNCTION kpi_internal.clvsummary_hash(clvsummary) IS 'hash support of clvsummary: hash of the stored form';
COMMENT ON FUNCTION kpi_internal.clvsummary_hash_extended(clvsummary, bigint) IS 'hash support of clvsummary: 64-bit seeded hash of the stored form';
COMMENT ON OPERATOR CLASS kpi_internal.clvsummary_ops USING btree IS 'Default btree order of clvsummary: the bytewise order of the stored forms, consistent for GROUP BY, DISTINCT, ORDER BY and indexes, without KPI meaning';
COMMENT ON OPERATOR CLASS kpi_internal.clvsummary_hash_ops USING hash IS 'Default hash operator class of clvsummary, for hash joins, hash aggregation and hash partitioning';
COMMENT ON CAST (text AS clvsummary) IS 'Assignment cast: text in the clvsummary text form becomes a summary where a clvsummary is expected (INSERT, UPDATE, client text parameters)';
COMMENT ON CAST (varchar AS clvsummary) IS 'Assignment cast: varchar in the clvsummary text form becomes a summary where a clvsummary is expected (INSERT, UPDATE, client text parameters)';
CREATE FUNCTION kpi_internal.sharesummary_eq(a sharesummary, b sharesummary) RETURNS boolean
    LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE AS 'MODULE_PATHNAME', 'sharesummary_eq';
CREATE FUNCTION kpi_internal.sharesummary_ne(a sharesummary, b sharesummary) RETURNS boolean
    LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE AS 'MODULE_PATHNAME', 'sharesummary_ne';
CREATE FUNCTION kpi_internal.sharesummary_lt(a sharesummary, b sharesummary) RETURNS boolean
    LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE AS 'MODULE_PATHNAME', 'sharesummary_lt';
CREATE FUNCTION kpi_internal.sharesummary_le(a sharesummary, b sharesummary) RETURNS boolean
    LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE AS 'MODULE_PATHNAME', 'sharesummary_le';
CREATE FUNCTION kpi_internal.sharesummary_gt(a sharesummary, b sharesummary) RETURNS boolean
    LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE AS 'MODULE_PATHNAME', 'sharesummary_gt';
CREATE FUNCTION kpi_internal.sharesummary_ge(a sharesummary, b sharesummary) RETURNS boolean
    LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE AS 'MODULE_PATHNAME', 'sharesummary_ge';
CREATE FUNCTION kpi_internal.sharesummary_cmp(a sharesummary, b sharesummary) RETURNS integer
    LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE AS 'MODULE_PATHNAME', 'sharesummary_cmp';
CREATE FUNCTION kpi_internal.sharesummary_hash(summary sharesummary) RETURNS integer
    LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE AS 'MODULE_PATHNAME', 'sharesummary_hash';
CREATE FUNCTION kpi_internal.sharesummary_hash_extended(summary sharesummary, seed bigint) RETURNS bigint
    LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE AS 'MODULE_PATHNAME', 'sharesummary_hash_extended';
CREATE OPERATOR = (LEFTARG = sharesummary, RIGHTARG = sharesummary, FUNCTION = kpi_internal.sharesummary_eq,
    COMMUTATOR = =, NEGATOR = <>, RESTRICT = eqsel, JOIN = eqjoinsel, HASHES, MERGES);
CREATE OPERATOR <> (LEFTARG = sharesummary, RIGHTARG = sharesummary, FUNCTION = kpi_internal.sharesummary_ne,
    COMMUTATOR = <>, NEGATOR = =, RESTRICT = neqsel, JOIN = neqjoinsel);
CREATE OPERATOR < (LEFTARG = sharesummary, RIGHTARG = sharesummary, FUNCTION = kpi_internal.sharesummary_lt,
    COMMUTATOR = >, NEGATOR = >=, RESTRICT = scalarltsel, JOIN = scalarltjoinsel);
CREATE OPERATOR <= (LEFTARG = sharesummary, RIGHTARG = sharesummary, FUNCTION = kpi_internal.sharesummary_le,
    COMMUTATOR = >=, NEGATOR = >, RESTRICT = scalarlesel, JOIN = scalarlejoinsel);
CREATE OPERATOR > (LEFTARG = sharesummary, RIGHTARG = sharesummary, FUNCTION = kpi_internal.sharesummary_gt,
    COMMUTATOR = <, NEGATOR = <=, RESTRICT = scalargtsel, JOIN = scalargtjoinsel);
CREATE OPERATOR >= (LEFTARG = sharesummary, RIGHTARG = sharesummary, FUNCTION = kpi_internal.sharesummary_ge,
    COMMUTATOR = <=, NEGATOR = <, RESTRICT = scalargesel, JOIN = scalargejoinsel);
CREATE OPERATOR CLASS kpi_internal.sharesummary_ops DEFAULT FOR TYPE sharesummary USING btree AS
    OPERATOR 1 <, OPERATOR 2 <=, OPERATOR 3 =, OPERATOR 4 >=, OPERATOR 5 >,
    FUNCTION 1 kpi_internal.sharesummary_cmp(sharesummary, sharesummary);
CREATE OPERATOR CLASS kpi_internal.sharesummary_hash_ops DEFAULT FOR TYPE sharesummary USING hash AS
    OPERATOR 1 =, FUNCTION 1 kpi_internal.sharesummary_hash(sharesummary), FUNCTION 2 kpi_internal.sharesummary_hash_extended(sharesummary, bigint);
CREATE CAST (text AS sharesummary) WITH INOUT AS ASSIGNMENT;
CREATE CAST (varchar AS sharesummary) WITH INOUT AS ASSIGNMENT;
COMMENT ON FUNCTION kpi_internal.sharesummary_eq(sharesummary, sharesummary) IS 'Operator = of sharesummary: equal (the same stored form)';
COMMENT ON OPERATOR = (sharesummary, sharesummary) IS 'share summaries equal (the same stored form)';
COMMENT ON FUNCTION kpi_internal.sharesummary_ne(sharesummary, sharesummary) IS 'Operator <> of sharesummary: not equal';
COMMENT ON OPERATOR <> (sharesummary, sharesummary) IS 'share summaries not equal';
COMMENT ON FUNCTION kpi_internal.sharesummary_lt(sharesummary, sharesummary) IS 'Operator < of sharesummary: before in the btree order (bytewise order of the stored forms; no KPI meaning)';
COMMENT ON OPERATOR < (sharesummary, sharesummary) IS 'share summaries before in the btree order (bytewise order of the stored forms; no KPI meaning)';
COMMENT ON FUNCTION kpi_internal.sharesummary_le(sharesummary, sharesummary) IS 'Operator <= of sharesummary: before or equal in the btree order (no KPI meaning)';
COMMENT ON OPERATOR <= (sharesummary, sharesummary) IS 'share summaries before or equal in the btree order (no KPI meaning)';
COMMENT ON FUNCTION kpi_internal.sharesummary_gt(sharesummary, sharesummary) IS 'Operator > of sharesummary: after in the btree order (no KPI meaning)';
COMMENT ON OPERATOR > (sharesummary, sharesummary) IS 'share summaries after in the btree order (no KPI meaning)';
COMMENT ON FUNCTION kpi_internal.sharesummary_ge(sharesummary, sharesummary) IS 'Operator >= of sharesummary: after or equal in the btree order (no KPI meaning)';
COMMENT ON OPERATOR >= (sharesummary, sharesummary) IS 'share summaries after or equal in the btree order (no KPI meaning)';
COMMENT ON FUNCTION kpi_internal.sharesummary_cmp(sharesummary, sharesummary) IS 'btree support of sharesummary: -1, 0 or 1 in the bytewise order of the stored forms (no KPI meaning)';
COMMENT ON FUNCTION kpi_internal.sharesummary_hash(sharesummary) IS 'hash support of sharesummary: hash of the stored form';
COMMENT ON FUNCTION kpi_internal.sharesummary_hash_extended(sharesummary, bigint) IS 'hash support of sharesummary: 64-bit seeded hash of the stored form';
COMMENT ON OPERATOR CLASS kpi_internal.sharesummary_ops USING btree IS 'Default btree order of sharesummary: the bytewise order of the stored forms, consistent for GROUP BY, DISTINCT, ORDER BY and indexes, without KPI meaning';
COMMENT ON OPERATOR CLASS kpi_internal.sharesummary_hash_ops USING hash IS 'Default hash operator class of sharesummary, for hash joins, hash aggregation and hash partitioning';
COMMENT ON CAST (text AS sharesummary) IS 'Assignment cast: text in the sharesummary text form becomes a summary where a sharesummary is expected (INSERT, UPDATE, client text parameters)';
COMMENT ON CAST (varchar AS sharesummary) IS 'Assignment cast: varchar in the sharesummary text form becomes a summary where a sharesummary is expected (INSERT, UPDATE, client text parameters)';
CREATE FUNCTION kpi_internal.churnsummary_eq(a churnsummary, b churnsummary) RETURNS boolean
    LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE AS 'MODULE_PATHNAME', 'churnsummary_eq';
CREATE FUNCTION kpi_internal.churnsummary_ne(a churnsummary, b churnsummary) RETURNS boolean
    LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE AS 'MODULE_PATHNAME', 'churnsummary_ne';
CREATE FUNCTION kpi_internal.churnsummary_lt(a churnsummary, b churnsummary) RETURNS boolean
    LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE AS 'MODULE_PATHNAME', 'churnsummary_lt';
CREATE FUNCTION kpi_internal.churnsummary_le(a churnsummary, b churnsummary) RETURNS boolean
    LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE AS 'MODULE_PATHNAME', 'churnsummary_le';
CREATE FUNCTION kpi_internal.churnsummary_gt(a churnsummary, b churnsummary) RETURNS boolean
    LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE AS 'MODULE_PATHNAME', 'churnsummary_gt';
CREATE FUNCTION kpi_internal.churnsummary_ge(a churnsummary, b churnsummary) RETURNS boolean
    LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE AS 'MODULE_PATHNAME', 'churnsummary_ge';
CREATE FUNCTION kpi_internal.churnsummary_cmp(a churnsummary, b churnsummary) RETURNS integer
    LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE AS 'MODULE_PATHNAME', 'churnsummary_cmp';
CREATE FUNCTION kpi_internal.churnsummary_hash(summary churnsummary) RETURNS integer
    LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE AS 'MODULE_PATHNAME', 'churnsummary_hash';
CREATE FUNCTION kpi_internal.churnsummary_hash_extended(summary churnsummary, seed bigint) RETURNS bigint
    LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE AS 'MODULE_PATHNAME', 'churnsummary_hash_extended';
CREATE OPERATOR = (LEFTARG = churnsummary, RIGHTARG = churnsummary, FUNCTION = kpi_internal.churnsummary_eq,
    COMMUTATOR = =, NEGATOR = <>, RESTRICT = eqsel, JOIN = eqjoinsel, HASHES, MERGES);
CREATE OPERATOR <> (LEFTARG = churnsummary, RIGHTARG = churnsummary, FUNCTION = kpi_internal.churnsummary_ne,
    COMMUTATOR = <>, NEGATOR = =, RESTRICT = neqsel, JOIN = neqjoinsel);
CREATE OPERATOR < (LEFTARG = churnsummary, RIGHTARG = churnsummary, FUNCTION = kpi_internal.churnsummary_lt,
    COMMUTATOR = >, NEGATOR = >=, RESTRICT = scalarltsel, JOIN = scalarltjoinsel);
CREATE OPERATOR <= (LEFTARG = churnsummary, RIGHTARG = churnsummary, FUNCTION = kpi_internal.churnsummary_le,
    COMMUTATOR = >=, NEGATOR = >, RESTRICT = scalarlesel, JOIN = scalarlejoinsel);
CREATE OPERATOR > (LEFTARG = churnsummary, RIGHTARG = churnsummary, FUNCTION = kpi_internal.churnsummary_gt,
    COMMUTATOR = <, NEGATOR = <=, RESTRICT = scalargtsel, JOIN = scalargtjoinsel);
CREATE OPERATOR >= (LEFTARG = churnsummary, RIGHTARG = churnsummary, FUNCTION = kpi_internal.churnsummary_ge,
    COMMUTATOR = <=, NEGATOR = <, RESTRICT = scalargesel, JOIN = scalargejoinsel);
CREATE OPERATOR CLASS kpi_internal.churnsummary_ops DEFAULT FOR TYPE churnsummary USING btree AS
    OPERATOR 1 <, OPERATOR 2 <=, OPERATOR 3 =, OPERATOR 4 >=, OPERATOR 5 >,
    FUNCTION 1 kpi_internal.churnsummary_cmp(churnsummary, churnsummary);
CREATE OPERATOR CLASS kpi_internal.churnsummary_hash_ops DEFAULT FOR TYPE churnsummary USING hash AS
    OPERATOR 1 =, FUNCTION 1 kpi_internal.churnsummary_hash(churnsummary), FUNCTION 2 kpi_internal.churnsummary_hash_extended(churnsummary, bigint);
CREATE CAST (text AS churnsummary) WITH INOUT AS ASSIGNMENT;
CREATE CAST (varchar AS churnsummary) WITH INOUT AS ASSIGNMENT;
COMMENT ON FUNCTION kpi_internal.churnsummary_eq(churnsummary, churnsummary) IS 'Operator = of churnsummary: equal (the same stored form)';
COMMENT ON OPERATOR = (churnsummary, churnsummary) IS 'churn summaries equal (the same stored form)';
COMMENT ON FUNCTION kpi_internal.churnsummary_ne(churnsummary, churnsummary) IS 'Operator <> of churnsummary: not equal';
COMMENT ON OPERATOR <> (churnsummary, churnsummary) IS 'churn summaries not equal';
COMMENT ON FUNCTION kpi_internal.churnsummary_lt(churnsummary, churnsummary) IS 'Operator < of churnsummary: before in the btree order (bytewise order of the stored forms; no KPI meaning)';
COMMENT ON OPERATOR < (churnsummary, churnsummary) IS 'churn summaries before in the btree order (bytewise order of the stored forms; no KPI meaning)';
COMMENT ON FUNCTION kpi_internal.churnsummary_le(churnsummary, churnsummary) IS 'Operator <= of churnsummary: before or equal in the btree order (no KPI meaning)';
COMMENT ON OPERATOR <= (churnsummary, churnsummary) IS 'churn summaries before or equal in the btree order (no KPI meaning)';
COMMENT ON FUNCTION kpi_internal.churnsummary_gt(churnsummary, churnsummary) IS 'Operator > of churnsummary: after in the btree order (no KPI meaning)';
COMMENT ON OPERATOR > (churnsummary, churnsummary) IS 'churn summaries after in the btree order (no KPI meaning)';
COMMENT ON FUNCTION kpi_internal.churnsummary_ge(churnsummary, churnsummary) IS 'Operator >= of churnsummary: after or equal in the btree order (no KPI meaning)';
COMMENT ON OPERATOR >= (churnsummary, churnsummary) IS 'churn summaries after or equal in the btree order (no KPI meaning)';
COMMENT ON FUNCTION kpi_internal.churnsummary_cmp(churnsummary, churnsummary) IS 'btree support of churnsummary: -1, 0 or 1 in the bytewise order of the stored forms (no KPI meaning)';
COMMENT ON FUNCTION kpi_internal.churnsummary_hash(churnsummary) IS 'hash support of churnsummary: hash of the stored form';
COMMENT ON FUNCTION kpi_internal.churnsummary_hash_extended(churnsummary, bigint) IS 'hash support of churnsummary: 64-bit seeded hash of the stored form';
COMMENT ON OPERATOR CLASS kpi_internal.churnsummary_ops USING btree IS 'Default btree order of churnsummary: the bytewise order of the stored forms, consistent for GROUP BY, DISTINCT, ORDER BY and indexes, without KPI meaning';
COMMENT ON OPERATOR CLASS kpi_internal.churnsummary_hash_ops USING hash IS 'Default hash operator class of churnsummary, for hash joins, hash aggregation and hash partitioning';
COMMENT ON CAST (text AS churnsummary) IS 'Assignment cast: text in the churnsummary text form becomes a summary where a churnsummary is expected (INSERT, UPDATE, client text parameters)';
COMMENT ON CAST (varchar AS churnsummary) IS 'Assignment cast: varchar in the churnsummary text form becomes a summary where a churnsummary is expected (INSERT, UPDATE, client text parameters)';

-- src/kpi/from_counts.sql
CREATE FUNCTION nps_from_counts(promoters numeric, passives numeric, detractors numeric) RETURNS numeric
    LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE AS 'MODULE_PATHNAME', 'nps_from_counts';
CREATE FUNCTION csat_from_counts(satisfied numeric, responses numeric) RETURNS numeric
    LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE AS 'MODULE_PATHNAME', 'csat_from_counts';
CREATE FUNCTION share_from_counts(matching numeric, total numeric) RETURNS numeric
    LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE AS 'MODULE_PATHNAME', 'share_from_counts';
CREATE FUNCTION churn_rate_from_counts(lost numeric, at_start numeric) RETURNS numeric
    LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE AS 'MODULE_PATHNAME', 'churn_rate_from_counts';
CREATE FUNCTION retention_rate_from_counts(lost numeric, at_start numeric) RETURNS numeric
    LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE AS 'MODULE_PATHNAME', 'retention_rate_from_counts';
COMMENT ON FUNCTION nps_from_counts(numeric, numeric, numeric) IS 'NPS from summed counts: 100 * (promoters - detractors) / (promoters + passives + detractors), equal to nps() of a summary of those counts; NULL for none; counts must be whole numbers >= 0 (22003)';
COMMENT ON FUNCTION csat_from_counts(numeric, numeric) IS 'CSAT from summed counts: 100 * satisfied / responses, equal to csat() of a summary; NULL for no responses; counts must be whole numbers >= 0 (22003), satisfied <= responses (22023)';
COMMENT ON FUNCTION share_from_counts(numeric, numeric) IS 'Share (conversion, FCR, revenue at risk) from summed counts or weights: 100 * matching / total, equal to share() of a summary; NULL when total is 0; negative is 22003, matching > total is 22023';
COMMENT ON FUNCTION churn_rate_from_counts(numeric, numeric) IS 'Churn rate from summed counts: 100 * lost / at_start, equal to churn_rate() of a summary; NULL when at_start is 0; counts whole >= 0 (22003), lost <= at_start (22023)';
COMMENT ON FUNCTION retention_rate_from_counts(numeric, numeric) IS 'Retention rate from summed counts: 100 * (at_start - lost) / at_start, equal to retention_rate() of a summary; NULL when at_start is 0; counts whole >= 0 (22003), lost <= at_start (22023)';

-- src/kpi/mrr.sql
-- mrrsummary: MRR movements. mrr_agg() over subscriptions (a per-customer map) or per-customer rows,
-- rollup() and the accessors. Included by mrr_summary.rs.
CREATE TYPE mrrsummary;
CREATE FUNCTION kpi_internal.mrrsummary_in(text cstring) RETURNS mrrsummary
    LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE AS 'MODULE_PATHNAME', 'mrrsummary_in';
CREATE FUNCTION kpi_internal.mrrsummary_out(summary mrrsummary) RETURNS cstring
    LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE AS 'MODULE_PATHNAME', 'mrrsummary_out';
CREATE FUNCTION kpi_internal.mrrsummary_recv(buf internal) RETURNS mrrsummary
    LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE AS 'MODULE_PATHNAME', 'mrrsummary_recv';
CREATE FUNCTION kpi_internal.mrrsummary_send(summary mrrsummary) RETURNS bytea
    LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE AS 'MODULE_PATHNAME', 'mrrsummary_send';
CREATE TYPE mrrsummary (
    INPUT = kpi_internal.mrrsummary_in, OUTPUT = kpi_internal.mrrsummary_out, RECEIVE = kpi_internal.mrrsummary_recv, SEND = kpi_internal.mrrsummary_send,
    INTERNALLENGTH = VARIABLE, STORAGE = extended
);
COMMENT ON TYPE mrrsummary IS 'MRR movements of a set of customers over one period (or of per-customer rows): starting, ending, new, reactivation, expansion, contraction and churned MRR, exact, with their customer counts and the period, stored versioned; text {"v":1,"period":...,"starting_mrr":...,...}; combine with rollup(), read with starting_mrr() ... churned_customers(), nrr(), grr(), quick_ratio(), arpa(), ltv()';
COMMENT ON FUNCTION kpi_internal.mrrsummary_in(cstring) IS 'mrrsummary input; malformed text or movements that do not add up are error 22P02';
COMMENT ON FUNCTION kpi_internal.mrrsummary_out(mrrsummary) IS 'mrrsummary output: {"v":1,"period":...,"starting_mrr":...,...}';
COMMENT ON FUNCTION kpi_internal.mrrsummary_recv(internal) IS 'mrrsummary binary input; impossible bytes are error 22P02';
COMMENT ON FUNCTION kpi_internal.mrrsummary_send(mrrsummary) IS 'mrrsummary binary output: version byte, seven amounts, seven counts, period';

CREATE FUNCTION kpi_internal.mrr_rows_accum(state internal, starting_mrr numeric, ending_mrr numeric) RETURNS internal
    LANGUAGE C IMMUTABLE PARALLEL SAFE AS 'MODULE_PATHNAME', 'mrr_rows_accum';
CREATE FUNCTION kpi_internal.mrr_rows_inv(state internal, starting_mrr numeric, ending_mrr numeric) RETURNS internal
    LANGUAGE C IMMUTABLE PARALLEL SAFE AS 'MODULE_PATHNAME', 'mrr_rows_inv';
CREATE FUNCTION kpi_internal.mrr_rows_accum(state internal, starting_mrr numeric, ending_mrr numeric, paid_before boolean) RETURNS internal
    LANGUAGE C IMMUTABLE PARALLEL SAFE AS 'MODULE_PATHNAME', 'mrr_rows_paid_accum';
CREATE FUNCTION kpi_internal.mrr_rows_inv(state internal, starting_mrr numeric, ending_mrr numeric, paid_before boolean) RETURNS internal
    LANGUAGE C IMMUTABLE PARALLEL SAFE AS 'MODULE_PATHNAME', 'mrr_rows_paid_inv';
CREATE FUNCTION kpi_internal.mrr_combine(state internal, other internal) RETURNS internal
    LANGUAGE C IMMUTABLE PARALLEL SAFE AS 'MODULE_PATHNAME', 'mrr_combine';
CREATE FUNCTION kpi_internal.mrr_serialize(state internal) RETURNS bytea
    LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE AS 'MODULE_PATHNAME', 'mrr_serialize';
CREATE FUNCTION kpi_internal.mrr_deserialize(bytes bytea, unused internal) RETURNS internal
    LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE AS 'MODULE_PATHNAME', 'mrr_deserialize';
CREATE FUNCTION kpi_internal.mrr_summary_final(state internal) RETURNS mrrsummary
    LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE AS 'MODULE_PATHNAME', 'mrr_summary_final';
CREATE FUNCTION kpi_internal.mrr_rollup_accum(state internal, summary mrrsummary) RETURNS internal
    LANGUAGE C IMMUTABLE PARALLEL SAFE AS 'MODULE_PATHNAME', 'mrr_rollup_accum';
CREATE FUNCTION kpi_internal.mrr_rollup_inv(state internal, summary mrrsummary) RETURNS internal
    LANGUAGE C IMMUTABLE PARALLEL SAFE AS 'MODULE_PATHNAME', 'mrr_rollup_inv';

CREATE AGGREGATE mrr_agg(starting_mrr numeric, ending_mrr numeric) (
    SFUNC = kpi_internal.mrr_rows_accum, STYPE = internal, FINALFUNC = kpi_internal.mrr_summary_final,
    COMBINEFUNC = kpi_internal.mrr_combine, SERIALFUNC = kpi_internal.mrr_serialize, DESERIALFUNC = kpi_internal.mrr_deserialize,
    MSFUNC = kpi_internal.mrr_rows_accum, MINVFUNC = kpi_internal.mrr_rows_inv, MSTYPE = internal, MFINALFUNC = kpi_internal.mrr_summary_final, PARALLEL = SAFE);
CREATE AGGREGATE mrr_agg(starting_mrr numeric, ending_mrr numeric, paid_before boolean) (
    SFUNC = kpi_internal.mrr_rows_accum, STYPE = internal, FINALFUNC = kpi_internal.mrr_summary_final,
    COMBINEFUNC = kpi_internal.mrr_combine, SERIALFUNC = kpi_internal.mrr_serialize, DESERIALFUNC = kpi_internal.mrr_deserialize,
    MSFUNC = kpi_internal.mrr_rows_accum, MINVFUNC = kpi_internal.mrr_rows_inv, MSTYPE = internal, MFINALFUNC = kpi_internal.mrr_summary_final, PARALLEL = SAFE);
CREATE AGGREGATE rollup(summary mrrsummary) (
    SFUNC = kpi_internal.mrr_rollup_accum, STYPE = internal, FINALFUNC = kpi_internal.mrr_summary_final,
    COMBINEFUNC = kpi_internal.mrr_combine, SERIALFUNC = kpi_internal.mrr_serialize, DESERIALFUNC = kpi_internal.mrr_deserialize,
    MSFUNC = kpi_internal.mrr_rollup_accum, MINVFUNC = kpi_internal.mrr_rollup_inv, MSTYPE = internal, MFINALFUNC = kpi_internal.mrr_summary_final, PARALLEL = SAFE);
COMMENT ON FUNCTION kpi_internal.mrr_rows_accum(internal, numeric, numeric) IS 'mrr_agg(starting_mrr, ending_mrr) transition function: adds one customer''s movement';
COMMENT ON FUNCTION kpi_internal.mrr_rows_inv(internal, numeric, numeric) IS 'mrr_agg(starting_mrr, ending_mrr) moving-aggregate inverse: removes one customer''s movement';
COMMENT ON FUNCTION kpi_internal.mrr_rows_accum(internal, numeric, numeric, boolean) IS 'mrr_agg(starting_mrr, ending_mrr, paid_before) transition function: adds one customer''s movement';
COMMENT ON FUNCTION kpi_internal.mrr_rows_inv(internal, numeric, numeric, boolean) IS 'mrr_agg(starting_mrr, ending_mrr, paid_before) moving-aggregate inverse: removes one customer''s movement';
COMMENT ON FUNCTION kpi_internal.mrr_combine(internal, internal) IS 'mrr_agg(starting_mrr, ending_mrr, ...)/rollup(mrrsummary) combine function: adds two partial summaries, which must share the period';
COMMENT ON FUNCTION kpi_internal.mrr_serialize(internal) IS 'mrr_agg(starting_mrr, ending_mrr, ...)/rollup(mrrsummary) serialize function: state to bytea';
COMMENT ON FUNCTION kpi_internal.mrr_deserialize(bytea, internal) IS 'mrr_agg(starting_mrr, ending_mrr, ...)/rollup(mrrsummary) deserialize function: bytea to state';
COMMENT ON FUNCTION kpi_internal.mrr_summary_final(internal) IS 'mrr_agg(starting_mrr, ending_mrr, ...)/rollup(mrrsummary) final function: the movements as an mrrsummary';
COMMENT ON FUNCTION kpi_internal.mrr_rollup_accum(internal, mrrsummary) IS 'rollup(mrrsummary) transition function: adds one summary (same period, else error 22023); NULL summaries are skipped';
COMMENT ON FUNCTION kpi_internal.mrr_rollup_inv(internal, mrrsummary) IS 'rollup(mrrsummary) moving-aggregate inverse: subtracts one summary';
COMMENT ON AGGREGATE mrr_agg(numeric, numeric) IS 'MRR movements over one row per customer and period (starting and ending MRR; every customer without MRR at the start counts as new): new, expansion, contraction and churned MRR and customers as an mrrsummary; a row with a NULL is skipped, a negative amount is error 22003; parallel, moving form';
COMMENT ON AGGREGATE mrr_agg(numeric, numeric, boolean) IS 'MRR movements over one row per customer and period (starting and ending MRR, and whether the customer paid before: reactivation rather than new): as an mrrsummary; a row with a NULL is skipped, a negative amount is error 22003; parallel, moving form';
COMMENT ON AGGREGATE rollup(mrrsummary) IS 'Adds MRR summaries of the same period exactly (disjoint customer segments); summaries of different periods, or with and without a period, are error 22023; parallel, moving form; NULL summaries skipped';

CREATE FUNCTION kpi_internal.mrr_subs_combine(state internal, other internal) RETURNS internal
    LANGUAGE C IMMUTABLE PARALLEL SAFE AS 'MODULE_PATHNAME', 'mrr_subs_combine';
CREATE FUNCTION kpi_internal.mrr_subs_serialize(state internal) RETURNS bytea
    LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE AS 'MODULE_PATHNAME', 'mrr_subs_serialize';
CREATE FUNCTION kpi_internal.mrr_subs_deserialize(bytes bytea, unused internal) RETURNS internal
    LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE AS 'MODULE_PATHNAME', 'mrr_subs_deserialize';
CREATE FUNCTION kpi_internal.mrr_subs_final(state internal) RETURNS mrrsummary
    LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE AS 'MODULE_PATHNAME', 'mrr_subs_final';
COMMENT ON FUNCTION kpi_internal.mrr_subs_combine(internal, internal) IS 'mrr_agg(customer_id, mrr, started, ended, period) combine function: merges two maps of customers, which must share the period';
COMMENT ON FUNCTION kpi_internal.mrr_subs_serialize(internal) IS 'mrr_agg(customer_id, mrr, started, ended, period) serialize function: the period and every customer''s starting and ending MRR to bytea';
COMMENT ON FUNCTION kpi_internal.mrr_subs_deserialize(bytea, internal) IS 'mrr_agg(customer_id, mrr, started, ended, period) deserialize function: bytea to a map of customers';
COMMENT ON FUNCTION kpi_internal.mrr_subs_final(internal) IS 'mrr_agg(customer_id, mrr, started, ended, period) final function: classifies every customer''s movement, as an mrrsummary';

CREATE FUNCTION kpi_internal.mrr_subs_accum(state internal, customer_id bigint, mrr numeric, started_on date, ended_on date, period daterange) RETURNS internal
    LANGUAGE C IMMUTABLE PARALLEL SAFE AS 'MODULE_PATHNAME', 'mrr_subs_accum_bigint_date';
CREATE AGGREGATE mrr_agg(customer_id bigint, mrr numeric, started_on date, ended_on date, period daterange) (
    SFUNC = kpi_internal.mrr_subs_accum, STYPE = internal, FINALFUNC = kpi_internal.mrr_subs_final,
    COMBINEFUNC = kpi_internal.mrr_subs_combine, SERIALFUNC = kpi_internal.mrr_subs_serialize, DESERIALFUNC = kpi_internal.mrr_subs_deserialize, PARALLEL = SAFE);
COMMENT ON FUNCTION kpi_internal.mrr_subs_accum(internal, bigint, numeric, date, date, daterange) IS 'mrr_agg(bigint, numeric, date, date, daterange) transition function: adds one subscription''s MRR to its customer''s starting and ending MRR';
COMMENT ON AGGREGATE mrr_agg(bigint, numeric, date, date, daterange) IS 'MRR movements over one row per subscription: per customer, starting (ending) MRR is the sum of mrr of its subscriptions active at lower(period) (upper(period)), active at t meaning started_on < t and (ended_on IS NULL or ended_on >= t); new, reactivation, expansion, contraction and churn between the two, as an mrrsummary; rows with a NULL customer_id, mrr or started_on skipped; negative mrr is error 22003, an end before its start or a NULL, empty, unbounded or changing period error 22023; parallel';
CREATE FUNCTION kpi_internal.mrr_subs_accum(state internal, customer_id bigint, mrr numeric, started_at timestamptz, ended_at timestamptz, period tstzrange) RETURNS internal
    LANGUAGE C IMMUTABLE PARALLEL SAFE AS 'MODULE_PATHNAME', 'mrr_subs_accum_bigint_tstz';
CREATE AGGREGATE mrr_agg(customer_id bigint, mrr numeric, started_at timestamptz, ended_at timestamptz, period tstzrange) (
    SFUNC = kpi_internal.mrr_subs_accum, STYPE = internal, FINALFUNC = kpi_internal.mrr_subs_final,
    COMBINEFUNC = kpi_internal.mrr_subs_combine, SERIALFUNC = kpi_internal.mrr_subs_serialize, DESERIALFUNC = kpi_internal.mrr_subs_deserialize, PARALLEL = SAFE);
COMMENT ON FUNCTION kpi_internal.mrr_subs_accum(internal, bigint, numeric, timestamptz, timestamptz, tstzrange) IS 'mrr_agg(bigint, numeric, timestamptz, timestamptz, tstzrange) transition function: adds one subscription''s MRR to its customer''s starting and ending MRR';
COMMENT ON AGGREGATE mrr_agg(bigint, numeric, timestamptz, timestamptz, tstzrange) IS 'MRR movements over one row per subscription: per customer, starting (ending) MRR is the sum of mrr of its subscriptions active at lower(period) (upper(period)), active at t meaning started_at < t and (ended_at IS NULL or ended_at >= t); new, reactivation, expansion, contraction and churn between the two, as an mrrsummary; rows with a NULL customer_id, mrr or started_at skipped; negative mrr is error 22003, an end before its start or a NULL, empty, unbounded or changing period error 22023; parallel';
CREATE FUNCTION kpi_internal.mrr_subs_accum(state internal, customer_id text, mrr numeric, started_on date, ended_on date, period daterange) RETURNS internal
    LANGUAGE C IMMUTABLE PARALLEL SAFE AS 'MODULE_PATHNAME', 'mrr_subs_accum_text_date';
CREATE AGGREGATE mrr_agg(customer_id text, mrr numeric, started_on date, ended_on date, period daterange) (
    SFUNC = kpi_internal.mrr_subs_accum, STYPE = internal, FINALFUNC = kpi_internal.mrr_subs_final,
    COMBINEFUNC = kpi_internal.mrr_subs_combine, SERIALFUNC = kpi_internal.mrr_subs_serialize, DESERIALFUNC = kpi_internal.mrr_subs_deserialize, PARALLEL = SAFE);
COMMENT ON FUNCTION kpi_internal.mrr_subs_accum(internal, text, numeric, date, date, daterange) IS 'mrr_agg(text, numeric, date, date, daterange) transition function: adds one subscription''s MRR to its customer''s starting and ending MRR';
COMMENT ON AGGREGATE mrr_agg(text, numeric, date, date, daterange) IS 'MRR movements over one row per subscription: per customer, starting (ending) MRR is the sum of mrr of its subscriptions active at lower(period) (upper(period)), active at t meaning started_on < t and (ended_on IS NULL or ended_on >= t); new, reactivation, expansion, contraction and churn between the two, as an mrrsummary; rows with a NULL customer_id, mrr or started_on skipped; negative mrr is error 22003, an end before its start or a NULL, empty, unbounded or changing period error 22023; parallel';
CREATE FUNCTION kpi_internal.mrr_subs_accum(state internal, customer_id text, mrr numeric, started_at timestamptz, ended_at timestamptz, period tstzrange) RETURNS internal
    LANGUAGE C IMMUTABLE PARALLEL SAFE AS 'MODULE_PATHNAME', 'mrr_subs_accum_text_tstz';
CREATE AGGREGATE mrr_agg(customer_id text, mrr numeric, started_at timestamptz, ended_at timestamptz, period tstzrange) (
    SFUNC = kpi_internal.mrr_subs_accum, STYPE = internal, FINALFUNC = kpi_internal.mrr_subs_final,
    COMBINEFUNC = kpi_internal.mrr_subs_combine, SERIALFUNC = kpi_internal.mrr_subs_serialize, DESERIALFUNC = kpi_internal.mrr_subs_deserialize, PARALLEL = SAFE);
COMMENT ON FUNCTION kpi_internal.mrr_subs_accum(internal, text, numeric, timestamptz, timestamptz, tstzrange) IS 'mrr_agg(text, numeric, timestamptz, timestamptz, tstzrange) transition function: adds one subscription''s MRR to its customer''s starting and ending MRR';
COMMENT ON AGGREGATE mrr_agg(text, numeric, timestamptz, timestamptz, tstzrange) IS 'MRR movements over one row per subscription: per customer, starting (ending) MRR is the sum of mrr of its subscriptions active at lower(period) (upper(period)), active at t meaning started_at < t and (ended_at IS NULL or ended_at >= t); new, reactivation, expansion, contraction and churn between the two, as an mrrsummary; rows with a NULL customer_id, mrr or started_at skipped; negative mrr is error 22003, an end before its start or a NULL, empty, unbounded or changing period error 22023; parallel';
CREATE FUNCTION kpi_internal.mrr_subs_accum(state internal, customer_id uuid, mrr numeric, started_on date, ended_on date, period daterange) RETURNS internal
    LANGUAGE C IMMUTABLE PARALLEL SAFE AS 'MODULE_PATHNAME', 'mrr_subs_accum_uuid_date';
CREATE AGGREGATE mrr_agg(customer_id uuid, mrr numeric, started_on date, ended_on date, period daterange) (
    SFUNC = kpi_internal.mrr_subs_accum, STYPE = internal, FINALFUNC = kpi_internal.mrr_subs_final,
    COMBINEFUNC = kpi_internal.mrr_subs_combine, SERIALFUNC = kpi_internal.mrr_subs_serialize, DESERIALFUNC = kpi_internal.mrr_subs_deserialize, PARALLEL = SAFE);
COMMENT ON FUNCTION kpi_internal.mrr_subs_accum(internal, uuid, numeric, date, date, daterange) IS 'mrr_agg(uuid, numeric, date, date, daterange) transition function: adds one subscription''s MRR to its customer''s starting and ending MRR';
COMMENT ON AGGREGATE mrr_agg(uuid, numeric, date, date, daterange) IS 'MRR movements over one row per subscription: per customer, starting (ending) MRR is the sum of mrr of its subscriptions active at lower(period) (upper(period)), active at t meaning started_on < t and (ended_on IS NULL or ended_on >= t); new, reactivation, expansion, contraction and churn between the two, as an mrrsummary; rows with a NULL customer_id, mrr or started_on skipped; negative mrr is error 22003, an end before its start or a NULL, empty, unbounded or changing period error 22023; parallel';
CREATE FUNCTION kpi_internal.mrr_subs_accum(state internal, customer_id uuid, mrr numeric, started_at timestamptz, ended_at timestamptz, period tstzrange) RETURNS internal
    LANGUAGE C IMMUTABLE PARALLEL SAFE AS 'MODULE_PATHNAME', 'mrr_subs_accum_uuid_tstz';
CREATE AGGREGATE mrr_agg(customer_id uuid, mrr numeric, started_at timestamptz, ended_at timestamptz, period tstzrange) (
    SFUNC = kpi_internal.mrr_subs_accum, STYPE = internal, FINALFUNC = kpi_internal.mrr_subs_final,
    COMBINEFUNC = kpi_internal.mrr_subs_combine, SERIALFUNC = kpi_internal.mrr_subs_serialize, DESERIALFUNC = kpi_internal.mrr_subs_deserialize, PARALLEL = SAFE);
COMMENT ON FUNCTION kpi_internal.mrr_subs_accum(internal, uuid, numeric, timestamptz, timestamptz, tstzrange) IS 'mrr_agg(uuid, numeric, timestamptz, timestamptz, tstzrange) transition function: adds one subscription''s MRR to its customer''s starting and ending MRR';
COMMENT ON AGGREGATE mrr_agg(uuid, numeric, timestamptz, timestamptz, tstzrange) IS 'MRR movements over one row per subscription: per customer, starting (ending) MRR is the sum of mrr of its subscriptions active at lower(period) (upper(period)), active at t meaning started_at < t and (ended_at IS NULL or ended_at >= t); new, reactivation, expansion, contraction and churn between the two, as an mrrsummary; rows with a NULL customer_id, mrr or started_at skipped; negative mrr is error 22003, an end before its start or a NULL, empty, unbounded or changing period error 22023; parallel';
CREATE FUNCTION starting_mrr(summary mrrsummary) RETURNS numeric
    LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE AS 'MODULE_PATHNAME', 'mrrsummary_starting_mrr';
COMMENT ON FUNCTION starting_mrr(mrrsummary) IS 'MRR at the start of the period: the sum over customers';
CREATE FUNCTION ending_mrr(summary mrrsummary) RETURNS numeric
    LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE AS 'MODULE_PATHNAME', 'mrrsummary_ending_mrr';
COMMENT ON FUNCTION ending_mrr(mrrsummary) IS 'MRR at the end of the period: the sum over customers';
CREATE FUNCTION new_mrr(summary mrrsummary) RETURNS numeric
    LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE AS 'MODULE_PATHNAME', 'mrrsummary_new_mrr';
COMMENT ON FUNCTION new_mrr(mrrsummary) IS 'New MRR: ending MRR of customers with none at the start who never paid before';
CREATE FUNCTION reactivation_mrr(summary mrrsummary) RETURNS numeric
    LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE AS 'MODULE_PATHNAME', 'mrrsummary_reactivation_mrr';
COMMENT ON FUNCTION reactivation_mrr(mrrsummary) IS 'Reactivation MRR: ending MRR of customers with none at the start who paid before';
CREATE FUNCTION expansion_mrr(summary mrrsummary) RETURNS numeric
    LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE AS 'MODULE_PATHNAME', 'mrrsummary_expansion_mrr';
COMMENT ON FUNCTION expansion_mrr(mrrsummary) IS 'Expansion MRR: ending minus starting MRR of customers whose MRR grew from above 0';
CREATE FUNCTION contraction_mrr(summary mrrsummary) RETURNS numeric
    LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE AS 'MODULE_PATHNAME', 'mrrsummary_contraction_mrr';
COMMENT ON FUNCTION contraction_mrr(mrrsummary) IS 'Contraction MRR: starting minus ending MRR of customers whose MRR shrank to above 0';
CREATE FUNCTION churned_mrr(summary mrrsummary) RETURNS numeric
    LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE AS 'MODULE_PATHNAME', 'mrrsummary_churned_mrr';
COMMENT ON FUNCTION churned_mrr(mrrsummary) IS 'Churned MRR: starting MRR of customers with none at the end';
CREATE FUNCTION net_new_mrr(summary mrrsummary) RETURNS numeric
    LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE AS 'MODULE_PATHNAME', 'mrrsummary_net_new_mrr';
COMMENT ON FUNCTION net_new_mrr(mrrsummary) IS 'Net new MRR: new + reactivation + expansion - contraction - churned (= ending - starting)';
CREATE FUNCTION customers_at_start(summary mrrsummary) RETURNS bigint
    LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE AS 'MODULE_PATHNAME', 'mrrsummary_customers_at_start';
COMMENT ON FUNCTION customers_at_start(mrrsummary) IS 'Customers with MRR above 0 at the start of the period';
CREATE FUNCTION customers_at_end(summary mrrsummary) RETURNS bigint
    LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE AS 'MODULE_PATHNAME', 'mrrsummary_customers_at_end';
COMMENT ON FUNCTION customers_at_end(mrrsummary) IS 'Customers with MRR above 0 at the end of the period';
CREATE FUNCTION new_customers(summary mrrsummary) RETURNS bigint
    LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE AS 'MODULE_PATHNAME', 'mrrsummary_new_customers';
COMMENT ON FUNCTION new_customers(mrrsummary) IS 'New customers: MRR at the end, none at the start, never paid before';
CREATE FUNCTION reactivated_customers(summary mrrsummary) RETURNS bigint
    LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE AS 'MODULE_PATHNAME', 'mrrsummary_reactivated_customers';
COMMENT ON FUNCTION reactivated_customers(mrrsummary) IS 'Reactivated customers: MRR at the end, none at the start, paid before';
CREATE FUNCTION expanded_customers(summary mrrsummary) RETURNS bigint
    LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE AS 'MODULE_PATHNAME', 'mrrsummary_expanded_customers';
COMMENT ON FUNCTION expanded_customers(mrrsummary) IS 'Customers whose MRR grew from above 0';
CREATE FUNCTION contracted_customers(summary mrrsummary) RETURNS bigint
    LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE AS 'MODULE_PATHNAME', 'mrrsummary_contracted_customers';
COMMENT ON FUNCTION contracted_customers(mrrsummary) IS 'Customers whose MRR shrank to above 0';
CREATE FUNCTION churned_customers(summary mrrsummary) RETURNS bigint
    LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE AS 'MODULE_PATHNAME', 'mrrsummary_churned_customers';
COMMENT ON FUNCTION churned_customers(mrrsummary) IS 'Customers with MRR at the start and none at the end';
CREATE FUNCTION nrr(summary mrrsummary) RETURNS numeric
    LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE AS 'MODULE_PATHNAME', 'mrrsummary_nrr';
COMMENT ON FUNCTION nrr(mrrsummary) IS 'Net revenue retention, percent: 100 * (starting + expansion - contraction - churned) / starting MRR; NULL when starting MRR is 0';
CREATE FUNCTION grr(summary mrrsummary) RETURNS numeric
    LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE AS 'MODULE_PATHNAME', 'mrrsummary_grr';
COMMENT ON FUNCTION grr(mrrsummary) IS 'Gross revenue retention, percent: 100 * (starting - contraction - churned) / starting MRR; NULL when starting MRR is 0';
CREATE FUNCTION gross_mrr_churn_rate(summary mrrsummary) RETURNS numeric
    LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE AS 'MODULE_PATHNAME', 'mrrsummary_gross_churn';
COMMENT ON FUNCTION gross_mrr_churn_rate(mrrsummary) IS 'Gross MRR churn rate, percent: 100 * (churned + contraction) / starting MRR; NULL when starting MRR is 0';
CREATE FUNCTION net_mrr_churn_rate(summary mrrsummary) RETURNS numeric
    LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE AS 'MODULE_PATHNAME', 'mrrsummary_net_churn';
COMMENT ON FUNCTION net_mrr_churn_rate(mrrsummary) IS 'Net MRR churn rate, percent: 100 * (churned + contraction - expansion - reactivation) / starting MRR (negative when expansion outgrows losses); NULL when starting MRR is 0';
CREATE FUNCTION customer_churn_rate(summary mrrsummary) RETURNS numeric
    LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE AS 'MODULE_PATHNAME', 'mrrsummary_customer_churn';
COMMENT ON FUNCTION customer_churn_rate(mrrsummary) IS 'Customer churn rate, percent: 100 * churned customers / customers at start; NULL when none at start';
CREATE FUNCTION quick_ratio(summary mrrsummary) RETURNS numeric
    LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE AS 'MODULE_PATHNAME', 'mrrsummary_quick_ratio';
COMMENT ON FUNCTION quick_ratio(mrrsummary) IS 'SaaS quick ratio: (new + reactivation + expansion) / (churned + contraction) MRR; NULL when nothing was lost';
CREATE FUNCTION arpa(summary mrrsummary) RETURNS numeric
    LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE AS 'MODULE_PATHNAME', 'mrrsummary_arpa';
COMMENT ON FUNCTION arpa(mrrsummary) IS 'Average revenue per account: ending MRR / customers at end; NULL when none';
CREATE FUNCTION ltv(summary mrrsummary) RETURNS numeric
    LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE AS 'MODULE_PATHNAME', 'mrrsummary_ltv';
COMMENT ON FUNCTION ltv(mrrsummary) IS 'Customer lifetime value: ARPA / monthly customer churn rate, the period''s churn converted to a month geometrically, 1 - (1 - c)^(1 / months); NULL when no customer churned';
CREATE FUNCTION ltv(summary mrrsummary, gross_margin numeric) RETURNS numeric
    LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE AS 'MODULE_PATHNAME', 'mrrsummary_ltv_margin';
COMMENT ON FUNCTION ltv(mrrsummary, numeric) IS 'Customer lifetime value: ARPA * gross_margin (0 to 1, else error 22023) / monthly customer churn rate; NULL when no customer churned';

-- src/kpi/mrr_ops.sql
-- Equality, btree and hash operator classes and assignment casts of mrrsummary, as summary_ops.sql
-- gives the other summary types. Included by mrr_summary.rs.
CREATE FUNCTION kpi_internal.mrrsummary_eq(a mrrsummary, b mrrsummary) RETURNS boolean
    LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE AS 'MODULE_PATHNAME', 'mrrsummary_eq';
CREATE FUNCTION kpi_internal.mrrsummary_ne(a mrrsummary, b mrrsummary) RETURNS boolean
    LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE AS 'MODULE_PATHNAME', 'mrrsummary_ne';
CREATE FUNCTION kpi_internal.mrrsummary_lt(a mrrsummary, b mrrsummary) RETURNS boolean
    LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE AS 'MODULE_PATHNAME', 'mrrsummary_lt';
CREATE FUNCTION kpi_internal.mrrsummary_le(a mrrsummary, b mrrsummary) RETURNS boolean
    LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE AS 'MODULE_PATHNAME', 'mrrsummary_le';
CREATE FUNCTION kpi_internal.mrrsummary_gt(a mrrsummary, b mrrsummary) RETURNS boolean
    LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE AS 'MODULE_PATHNAME', 'mrrsummary_gt';
CREATE FUNCTION kpi_internal.mrrsummary_ge(a mrrsummary, b mrrsummary) RETURNS boolean
    LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE AS 'MODULE_PATHNAME', 'mrrsummary_ge';
CREATE FUNCTION kpi_internal.mrrsummary_cmp(a mrrsummary, b mrrsummary) RETURNS integer
    LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE AS 'MODULE_PATHNAME', 'mrrsummary_cmp';
CREATE FUNCTION kpi_internal.mrrsummary_hash(summary mrrsummary) RETURNS integer
    LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE AS 'MODULE_PATHNAME', 'mrrsummary_hash';
CREATE FUNCTION kpi_internal.mrrsummary_hash_extended(summary mrrsummary, seed bigint) RETURNS bigint
    LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE AS 'MODULE_PATHNAME', 'mrrsummary_hash_extended';
CREATE OPERATOR = (LEFTARG = mrrsummary, RIGHTARG = mrrsummary, FUNCTION = kpi_internal.mrrsummary_eq,
    COMMUTATOR = =, NEGATOR = <>, RESTRICT = eqsel, JOIN = eqjoinsel, HASHES, MERGES);
CREATE OPERATOR <> (LEFTARG = mrrsummary, RIGHTARG = mrrsummary, FUNCTION = kpi_internal.mrrsummary_ne,
    COMMUTATOR = <>, NEGATOR = =, RESTRICT = neqsel, JOIN = neqjoinsel);
CREATE OPERATOR < (LEFTARG = mrrsummary, RIGHTARG = mrrsummary, FUNCTION = kpi_internal.mrrsummary_lt,
    COMMUTATOR = >, NEGATOR = >=, RESTRICT = scalarltsel, JOIN = scalarltjoinsel);
CREATE OPERATOR <= (LEFTARG = mrrsummary, RIGHTARG = mrrsummary, FUNCTION = kpi_internal.mrrsummary_le,
    COMMUTATOR = >=, NEGATOR = >, RESTRICT = scalarlesel, JOIN = scalarlejoinsel);
CREATE OPERATOR > (LEFTARG = mrrsummary, RIGHTARG = mrrsummary, FUNCTION = kpi_internal.mrrsummary_gt,
    COMMUTATOR = <, NEGATOR = <=, RESTRICT = scalargtsel, JOIN = scalargtjoinsel);
CREATE OPERATOR >= (LEFTARG = mrrsummary, RIGHTARG = mrrsummary, FUNCTION = kpi_internal.mrrsummary_ge,
    COMMUTATOR = <=, NEGATOR = <, RESTRICT = scalargesel, JOIN = scalargejoinsel);
CREATE OPERATOR CLASS kpi_internal.mrrsummary_ops DEFAULT FOR TYPE mrrsummary USING btree AS
    OPERATOR 1 <, OPERATOR 2 <=, OPERATOR 3 =, OPERATOR 4 >=, OPERATOR 5 >,
    FUNCTION 1 kpi_internal.mrrsummary_cmp(mrrsummary, mrrsummary);
CREATE OPERATOR CLASS kpi_internal.mrrsummary_hash_ops DEFAULT FOR TYPE mrrsummary USING hash AS
    OPERATOR 1 =, FUNCTION 1 kpi_internal.mrrsummary_hash(mrrsummary), FUNCTION 2 kpi_internal.mrrsummary_hash_extended(mrrsummary, bigint);
CREATE CAST (text AS mrrsummary) WITH INOUT AS ASSIGNMENT;
CREATE CAST (varchar AS mrrsummary) WITH INOUT AS ASSIGNMENT;
COMMENT ON FUNCTION kpi_internal.mrrsummary_eq(mrrsummary, mrrsummary) IS 'Operator = of mrrsummary: equal (the same stored form)';
COMMENT ON OPERATOR = (mrrsummary, mrrsummary) IS 'MRR summaries equal (the same stored form)';
COMMENT ON FUNCTION kpi_internal.mrrsummary_ne(mrrsummary, mrrsummary) IS 'Operator <> of mrrsummary: not equal';
COMMENT ON OPERATOR <> (mrrsummary, mrrsummary) IS 'MRR summaries not equal';
COMMENT ON FUNCTION kpi_internal.mrrsummary_lt(mrrsummary, mrrsummary) IS 'Operator < of mrrsummary: before in the btree order (bytewise order of the stored forms; no KPI meaning)';
COMMENT ON OPERATOR < (mrrsummary, mrrsummary) IS 'MRR summaries before in the btree order (bytewise order of the stored forms; no KPI meaning)';
COMMENT ON FUNCTION kpi_internal.mrrsummary_le(mrrsummary, mrrsummary) IS 'Operator <= of mrrsummary: before or equal in the btree order (no KPI meaning)';
COMMENT ON OPERATOR <= (mrrsummary, mrrsummary) IS 'MRR summaries before or equal in the btree order (no KPI meaning)';
COMMENT ON FUNCTION kpi_internal.mrrsummary_gt(mrrsummary, mrrsummary) IS 'Operator > of mrrsummary: after in the btree order (no KPI meaning)';
COMMENT ON OPERATOR > (mrrsummary, mrrsummary) IS 'MRR summaries after in the btree order (no KPI meaning)';
COMMENT ON FUNCTION kpi_internal.mrrsummary_ge(mrrsummary, mrrsummary) IS 'Operator >= of mrrsummary: after or equal in the btree order (no KPI meaning)';
COMMENT ON OPERATOR >= (mrrsummary, mrrsummary) IS 'MRR summaries after or equal in the btree order (no KPI meaning)';
COMMENT ON FUNCTION kpi_internal.mrrsummary_cmp(mrrsummary, mrrsummary) IS 'btree support of mrrsummary: -1, 0 or 1 in the bytewise order of the stored forms (no KPI meaning)';
COMMENT ON FUNCTION kpi_internal.mrrsummary_hash(mrrsummary) IS 'hash support of mrrsummary: hash of the stored form';
COMMENT ON FUNCTION kpi_internal.mrrsummary_hash_extended(mrrsummary, bigint) IS 'hash support of mrrsummary: 64-bit seeded hash of the stored form';
COMMENT ON OPERATOR CLASS kpi_internal.mrrsummary_ops USING btree IS 'Default btree order of mrrsummary: the bytewise order of the stored forms, consistent for GROUP BY, DISTINCT, ORDER BY and indexes, without KPI meaning';
COMMENT ON OPERATOR CLASS kpi_internal.mrrsummary_hash_ops USING hash IS 'Default hash operator class of mrrsummary, for hash joins, hash aggregation and hash partitioning';
COMMENT ON CAST (text AS mrrsummary) IS 'Assignment cast: text in the mrrsummary text form becomes a summary where a mrrsummary is expected (INSERT, UPDATE, client text parameters)';
COMMENT ON CAST (varchar AS mrrsummary) IS 'Assignment cast: varchar in the mrrsummary text form becomes a summary where a mrrsummary is expected (INSERT, UPDATE, client text parameters)';

-- src/kpi/confidence.sql
-- Confidence intervals, significance tests and sample sizes. Included by confidence_sql.rs.
CREATE FUNCTION ci_lower(summary npssummary, confidence double precision DEFAULT 0.95, method text DEFAULT 'adjusted_wald') RETURNS double precision
    LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE AS 'MODULE_PATHNAME', 'nps_ci_lower';
CREATE FUNCTION ci_upper(summary npssummary, confidence double precision DEFAULT 0.95, method text DEFAULT 'adjusted_wald') RETURNS double precision
    LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE AS 'MODULE_PATHNAME', 'nps_ci_upper';
CREATE FUNCTION margin_of_error(summary npssummary, confidence double precision DEFAULT 0.95, method text DEFAULT 'adjusted_wald') RETURNS double precision
    LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE AS 'MODULE_PATHNAME', 'nps_margin_of_error';
CREATE FUNCTION std_error(summary npssummary) RETURNS double precision
    LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE AS 'MODULE_PATHNAME', 'nps_std_error';
CREATE FUNCTION nps_test(a npssummary, b npssummary) RETURNS double precision
    LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE AS 'MODULE_PATHNAME', 'nps_test';
CREATE FUNCTION nps_diff_ci_lower(a npssummary, b npssummary, confidence double precision DEFAULT 0.95) RETURNS double precision
    LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE AS 'MODULE_PATHNAME', 'nps_diff_ci_lower';
CREATE FUNCTION nps_diff_ci_upper(a npssummary, b npssummary, confidence double precision DEFAULT 0.95) RETURNS double precision
    LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE AS 'MODULE_PATHNAME', 'nps_diff_ci_upper';
CREATE FUNCTION nps_sample_size(margin double precision, confidence double precision DEFAULT 0.95) RETURNS bigint
    LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE AS 'MODULE_PATHNAME', 'nps_sample_size';
CREATE FUNCTION proportion_sample_size(margin double precision, confidence double precision DEFAULT 0.95) RETURNS bigint
    LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE AS 'MODULE_PATHNAME', 'proportion_sample_size';
COMMENT ON FUNCTION ci_lower(npssummary, double precision, text) IS 'Lower end of the NPS confidence interval, in NPS points: method adjusted_wald (default; MeasuringU: 3 more answers, 3/4 more promoters and detractors) or wald; confidence in (0, 1), default 0.95; NULL for no answers';
COMMENT ON FUNCTION ci_upper(npssummary, double precision, text) IS 'Upper end of the NPS confidence interval, in NPS points: method adjusted_wald (default) or wald; confidence in (0, 1), default 0.95; NULL for no answers';
COMMENT ON FUNCTION margin_of_error(npssummary, double precision, text) IS 'Half the width of the NPS confidence interval, in NPS points: method adjusted_wald (default) or wald; NULL for no answers';
COMMENT ON FUNCTION std_error(npssummary) IS 'Standard error of the NPS, in points: 100 * sqrt((p + d - (p - d)^2) / n) with p, d the promoter and detractor shares; NULL for no answers';
COMMENT ON FUNCTION nps_test(npssummary, npssummary) IS 'Two-sided p-value of the difference of two NPS values: z test on the adjusted-Wald variances (MeasuringU); NULL when either has no answers';
COMMENT ON FUNCTION nps_diff_ci_lower(npssummary, npssummary, double precision) IS 'Lower end of the confidence interval of NPS(a) - NPS(b), in points (adjusted Wald); NULL when either has no answers';
COMMENT ON FUNCTION nps_diff_ci_upper(npssummary, npssummary, double precision) IS 'Upper end of the confidence interval of NPS(a) - NPS(b), in points (adjusted Wald); NULL when either has no answers';
COMMENT ON FUNCTION nps_sample_size(double precision, double precision) IS 'Answers needed for an NPS margin of error of margin points at the confidence, in the worst case (half promoters, half detractors); margin in (0, 100]';
COMMENT ON FUNCTION proportion_sample_size(double precision, double precision) IS 'Observations needed for a margin of error of margin percentage points on a proportion (CSAT, share, churn) at the confidence, in the worst case (50 %); margin in (0, 100]';
CREATE FUNCTION ci_lower(summary csatsummary, confidence double precision DEFAULT 0.95, method text DEFAULT 'wilson') RETURNS double precision
    LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE AS 'MODULE_PATHNAME', 'csat_ci_lower';
CREATE FUNCTION ci_upper(summary csatsummary, confidence double precision DEFAULT 0.95, method text DEFAULT 'wilson') RETURNS double precision
    LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE AS 'MODULE_PATHNAME', 'csat_ci_upper';
CREATE FUNCTION margin_of_error(summary csatsummary, confidence double precision DEFAULT 0.95, method text DEFAULT 'wilson') RETURNS double precision
    LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE AS 'MODULE_PATHNAME', 'csat_margin_of_error';
CREATE FUNCTION std_error(summary csatsummary) RETURNS double precision
    LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE AS 'MODULE_PATHNAME', 'csat_std_error';
CREATE FUNCTION proportion_test(a csatsummary, b csatsummary) RETURNS double precision
    LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE AS 'MODULE_PATHNAME', 'csat_proportion_test';
COMMENT ON FUNCTION ci_lower(csatsummary, double precision, text) IS 'Lower end of the confidence interval of the CSAT (satisfied of responses), in percent: method wilson (default), wald or agresti_coull; confidence in (0, 1), default 0.95; NULL when nothing was counted';
COMMENT ON FUNCTION ci_upper(csatsummary, double precision, text) IS 'Upper end of the confidence interval of the CSAT (satisfied of responses), in percent: method wilson (default), wald or agresti_coull; NULL when nothing was counted';
COMMENT ON FUNCTION margin_of_error(csatsummary, double precision, text) IS 'Half the width of the confidence interval of the CSAT (satisfied of responses), in percentage points; NULL when nothing was counted';
COMMENT ON FUNCTION std_error(csatsummary) IS 'Standard error of the CSAT (satisfied of responses), in percentage points: 100 * sqrt(p (1 - p) / n); NULL when nothing was counted';
COMMENT ON FUNCTION proportion_test(csatsummary, csatsummary) IS 'Two-sided p-value of the pooled two-proportion z test of the CSAT (satisfied of responses) of a against b; 1 when both are all 0 or all 100 %; NULL when either counted nothing';
CREATE FUNCTION ci_lower(summary sharesummary, confidence double precision DEFAULT 0.95, method text DEFAULT 'wilson') RETURNS double precision
    LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE AS 'MODULE_PATHNAME', 'share_ci_lower';
CREATE FUNCTION ci_upper(summary sharesummary, confidence double precision DEFAULT 0.95, method text DEFAULT 'wilson') RETURNS double precision
    LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE AS 'MODULE_PATHNAME', 'share_ci_upper';
CREATE FUNCTION margin_of_error(summary sharesummary, confidence double precision DEFAULT 0.95, method text DEFAULT 'wilson') RETURNS double precision
    LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE AS 'MODULE_PATHNAME', 'share_margin_of_error';
CREATE FUNCTION std_error(summary sharesummary) RETURNS double precision
    LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE AS 'MODULE_PATHNAME', 'share_std_error';
CREATE FUNCTION proportion_test(a sharesummary, b sharesummary) RETURNS double precision
    LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE AS 'MODULE_PATHNAME', 'share_proportion_test';
COMMENT ON FUNCTION ci_lower(sharesummary, double precision, text) IS 'Lower end of the confidence interval of the share (rows of share_agg(condition); a weighted share only when its sums are whole), in percent: method wilson (default), wald or agresti_coull; confidence in (0, 1), default 0.95; NULL when nothing was counted';
COMMENT ON FUNCTION ci_upper(sharesummary, double precision, text) IS 'Upper end of the confidence interval of the share (rows of share_agg(condition); a weighted share only when its sums are whole), in percent: method wilson (default), wald or agresti_coull; NULL when nothing was counted';
COMMENT ON FUNCTION margin_of_error(sharesummary, double precision, text) IS 'Half the width of the confidence interval of the share (rows of share_agg(condition); a weighted share only when its sums are whole), in percentage points; NULL when nothing was counted';
COMMENT ON FUNCTION std_error(sharesummary) IS 'Standard error of the share (rows of share_agg(condition); a weighted share only when its sums are whole), in percentage points: 100 * sqrt(p (1 - p) / n); NULL when nothing was counted';
COMMENT ON FUNCTION proportion_test(sharesummary, sharesummary) IS 'Two-sided p-value of the pooled two-proportion z test of the share (rows of share_agg(condition); a weighted share only when its sums are whole) of a against b; 1 when both are all 0 or all 100 %; NULL when either counted nothing';
CREATE FUNCTION ci_lower(summary churnsummary, confidence double precision DEFAULT 0.95, method text DEFAULT 'wilson') RETURNS double precision
    LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE AS 'MODULE_PATHNAME', 'churn_ci_lower';
CREATE FUNCTION ci_upper(summary churnsummary, confidence double precision DEFAULT 0.95, method text DEFAULT 'wilson') RETURNS double precision
    LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE AS 'MODULE_PATHNAME', 'churn_ci_upper';
CREATE FUNCTION margin_of_error(summary churnsummary, confidence double precision DEFAULT 0.95, method text DEFAULT 'wilson') RETURNS double precision
    LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE AS 'MODULE_PATHNAME', 'churn_margin_of_error';
CREATE FUNCTION std_error(summary churnsummary) RETURNS double precision
    LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE AS 'MODULE_PATHNAME', 'churn_std_error';
CREATE FUNCTION proportion_test(a churnsummary, b churnsummary) RETURNS double precision
    LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE AS 'MODULE_PATHNAME', 'churn_proportion_test';
COMMENT ON FUNCTION ci_lower(churnsummary, double precision, text) IS 'Lower end of the confidence interval of the churn rate (lost of customers at start), in percent: method wilson (default), wald or agresti_coull; confidence in (0, 1), default 0.95; NULL when nothing was counted';
COMMENT ON FUNCTION ci_upper(churnsummary, double precision, text) IS 'Upper end of the confidence interval of the churn rate (lost of customers at start), in percent: method wilson (default), wald or agresti_coull; NULL when nothing was counted';
COMMENT ON FUNCTION margin_of_error(churnsummary, double precision, text) IS 'Half the width of the confidence interval of the churn rate (lost of customers at start), in percentage points; NULL when nothing was counted';
COMMENT ON FUNCTION std_error(churnsummary) IS 'Standard error of the churn rate (lost of customers at start), in percentage points: 100 * sqrt(p (1 - p) / n); NULL when nothing was counted';
COMMENT ON FUNCTION proportion_test(churnsummary, churnsummary) IS 'Two-sided p-value of the pooled two-proportion z test of the churn rate (lost of customers at start) of a against b; 1 when both are all 0 or all 100 %; NULL when either counted nothing';
CREATE FUNCTION ci_lower(summary mrrsummary, confidence double precision DEFAULT 0.95, method text DEFAULT 'wilson') RETURNS double precision
    LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE AS 'MODULE_PATHNAME', 'mrr_ci_lower';
CREATE FUNCTION ci_upper(summary mrrsummary, confidence double precision DEFAULT 0.95, method text DEFAULT 'wilson') RETURNS double precision
    LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE AS 'MODULE_PATHNAME', 'mrr_ci_upper';
CREATE FUNCTION margin_of_error(summary mrrsummary, confidence double precision DEFAULT 0.95, method text DEFAULT 'wilson') RETURNS double precision
    LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE AS 'MODULE_PATHNAME', 'mrr_margin_of_error';
CREATE FUNCTION std_error(summary mrrsummary) RETURNS double precision
    LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE AS 'MODULE_PATHNAME', 'mrr_std_error';
CREATE FUNCTION proportion_test(a mrrsummary, b mrrsummary) RETURNS double precision
    LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE AS 'MODULE_PATHNAME', 'mrr_proportion_test';
COMMENT ON FUNCTION ci_lower(mrrsummary, double precision, text) IS 'Lower end of the confidence interval of the customer churn rate (churned of customers at start), in percent: method wilson (default), wald or agresti_coull; confidence in (0, 1), default 0.95; NULL when nothing was counted';
COMMENT ON FUNCTION ci_upper(mrrsummary, double precision, text) IS 'Upper end of the confidence interval of the customer churn rate (churned of customers at start), in percent: method wilson (default), wald or agresti_coull; NULL when nothing was counted';
COMMENT ON FUNCTION margin_of_error(mrrsummary, double precision, text) IS 'Half the width of the confidence interval of the customer churn rate (churned of customers at start), in percentage points; NULL when nothing was counted';
COMMENT ON FUNCTION std_error(mrrsummary) IS 'Standard error of the customer churn rate (churned of customers at start), in percentage points: 100 * sqrt(p (1 - p) / n); NULL when nothing was counted';
COMMENT ON FUNCTION proportion_test(mrrsummary, mrrsummary) IS 'Two-sided p-value of the pooled two-proportion z test of the customer churn rate (churned of customers at start) of a against b; 1 when both are all 0 or all 100 %; NULL when either counted nothing';
CREATE FUNCTION ci_lower(summary cessummary, confidence double precision DEFAULT 0.95, method text DEFAULT 't') RETURNS double precision
    LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE AS 'MODULE_PATHNAME', 'ces_ci_lower';
CREATE FUNCTION ci_upper(summary cessummary, confidence double precision DEFAULT 0.95, method text DEFAULT 't') RETURNS double precision
    LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE AS 'MODULE_PATHNAME', 'ces_ci_upper';
CREATE FUNCTION margin_of_error(summary cessummary, confidence double precision DEFAULT 0.95, method text DEFAULT 't') RETURNS double precision
    LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE AS 'MODULE_PATHNAME', 'ces_margin_of_error';
CREATE FUNCTION std_error(summary cessummary) RETURNS double precision
    LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE AS 'MODULE_PATHNAME', 'ces_std_error';
COMMENT ON FUNCTION ci_lower(cessummary, double precision, text) IS 'Lower end of the confidence interval of the mean effort score, in score units: method t (Student''s t from the sample variance); confidence in (0, 1), default 0.95; NULL with fewer than two responses or for a version 1 summary (no sum of squares)';
COMMENT ON FUNCTION ci_upper(cessummary, double precision, text) IS 'Upper end of the confidence interval of the mean effort score, in score units: method t (Student''s t from the sample variance); confidence in (0, 1), default 0.95; NULL with fewer than two responses or for a version 1 summary (no sum of squares)';
COMMENT ON FUNCTION margin_of_error(cessummary, double precision, text) IS 'Half the width of the t interval of the mean effort score, in score units; NULL with fewer than two responses or for a version 1 summary (no sum of squares)';
COMMENT ON FUNCTION std_error(cessummary) IS 'Standard error of the mean effort score, in score units: s / sqrt(n) with s the sample standard deviation; NULL with fewer than two responses or for a version 1 summary (no sum of squares)';
