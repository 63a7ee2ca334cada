-- npssummary: the stored 0-10 histogram, nps_agg(), rollup() and accessors. Included by nps_summary.rs.
CREATE TYPE npssummary;
CREATE FUNCTION kpi_internal.npssummary_in(text cstring) RETURNS npssummary
    LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE AS 'MODULE_PATHNAME', 'npssummary_in';
CREATE FUNCTION kpi_internal.npssummary_out(summary npssummary) RETURNS cstring
    LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE AS 'MODULE_PATHNAME', 'npssummary_out';
CREATE FUNCTION kpi_internal.npssummary_recv(buf internal) RETURNS npssummary
    LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE AS 'MODULE_PATHNAME', 'npssummary_recv';
CREATE FUNCTION kpi_internal.npssummary_send(summary npssummary) RETURNS bytea
    LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE AS 'MODULE_PATHNAME', 'npssummary_send';
CREATE TYPE npssummary (
    INPUT = kpi_internal.npssummary_in, OUTPUT = kpi_internal.npssummary_out, RECEIVE = kpi_internal.npssummary_recv, SEND = kpi_internal.npssummary_send,
    INTERNALLENGTH = VARIABLE, STORAGE = extended
);

CREATE FUNCTION kpi_internal.nps_summary_final(state internal) RETURNS npssummary
    LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE AS 'MODULE_PATHNAME', 'nps_summary_final';
CREATE FUNCTION kpi_internal.nps_rollup_accum(state internal, summary npssummary) RETURNS internal
    LANGUAGE C IMMUTABLE PARALLEL SAFE AS 'MODULE_PATHNAME', 'nps_rollup_accum';
CREATE FUNCTION kpi_internal.nps_rollup_inv(state internal, summary npssummary) RETURNS internal
    LANGUAGE C IMMUTABLE PARALLEL SAFE AS 'MODULE_PATHNAME', 'nps_rollup_inv';

CREATE AGGREGATE nps_agg(score smallint) (
    SFUNC = kpi_internal.nps_accum, STYPE = internal, SSPACE = 88, FINALFUNC = kpi_internal.nps_summary_final,
    COMBINEFUNC = kpi_internal.nps_combine, SERIALFUNC = kpi_internal.nps_serialize, DESERIALFUNC = kpi_internal.nps_deserialize,
    MSFUNC = kpi_internal.nps_accum, MINVFUNC = kpi_internal.nps_inv, MSTYPE = internal, MSSPACE = 88, MFINALFUNC = kpi_internal.nps_summary_final, PARALLEL = SAFE);
CREATE AGGREGATE nps_agg(score integer) (
    SFUNC = kpi_internal.nps_accum, STYPE = internal, SSPACE = 88, FINALFUNC = kpi_internal.nps_summary_final,
    COMBINEFUNC = kpi_internal.nps_combine, SERIALFUNC = kpi_internal.nps_serialize, DESERIALFUNC = kpi_internal.nps_deserialize,
    MSFUNC = kpi_internal.nps_accum, MINVFUNC = kpi_internal.nps_inv, MSTYPE = internal, MSSPACE = 88, MFINALFUNC = kpi_internal.nps_summary_final, PARALLEL = SAFE);
CREATE AGGREGATE nps_agg(score bigint) (
    SFUNC = kpi_internal.nps_accum, STYPE = internal, SSPACE = 88, FINALFUNC = kpi_internal.nps_summary_final,
    COMBINEFUNC = kpi_internal.nps_combine, SERIALFUNC = kpi_internal.nps_serialize, DESERIALFUNC = kpi_internal.nps_deserialize,
    MSFUNC = kpi_internal.nps_accum, MINVFUNC = kpi_internal.nps_inv, MSTYPE = internal, MSSPACE = 88, MFINALFUNC = kpi_internal.nps_summary_final, PARALLEL = SAFE);
CREATE AGGREGATE nps_agg(score numeric) (
    SFUNC = kpi_internal.nps_accum, STYPE = internal, SSPACE = 88, FINALFUNC = kpi_internal.nps_summary_final,
    COMBINEFUNC = kpi_internal.nps_combine, SERIALFUNC = kpi_internal.nps_serialize, DESERIALFUNC = kpi_internal.nps_deserialize,
    MSFUNC = kpi_internal.nps_accum, MINVFUNC = kpi_internal.nps_inv, MSTYPE = internal, MSSPACE = 88, MFINALFUNC = kpi_internal.nps_summary_final, PARALLEL = SAFE);
CREATE AGGREGATE rollup(summary npssummary) (
    SFUNC = kpi_internal.nps_rollup_accum, STYPE = internal, FINALFUNC = kpi_internal.nps_summary_final,
    COMBINEFUNC = kpi_internal.nps_combine, SERIALFUNC = kpi_internal.nps_serialize, DESERIALFUNC = kpi_internal.nps_deserialize,
    MSFUNC = kpi_internal.nps_rollup_accum, MINVFUNC = kpi_internal.nps_rollup_inv, MSTYPE = internal, MFINALFUNC = kpi_internal.nps_summary_final, PARALLEL = SAFE);
-- combine(): the same aggregate as rollup() (the same support functions), under a name that BI
-- tools' SQL parsers accept: to sqlglot (Superset) and standard SQL, ROLLUP is a reserved word
CREATE AGGREGATE combine(summary npssummary) (
    SFUNC = kpi_internal.nps_rollup_accum, STYPE = internal, FINALFUNC = kpi_internal.nps_summary_final,
    COMBINEFUNC = kpi_internal.nps_combine, SERIALFUNC = kpi_internal.nps_serialize, DESERIALFUNC = kpi_internal.nps_deserialize,
    MSFUNC = kpi_internal.nps_rollup_accum, MINVFUNC = kpi_internal.nps_rollup_inv, MSTYPE = internal, MFINALFUNC = kpi_internal.nps_summary_final, PARALLEL = SAFE);

CREATE FUNCTION nps(summary npssummary) RETURNS numeric
    LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE AS 'MODULE_PATHNAME', 'npssummary_nps';
CREATE FUNCTION responses(summary npssummary) RETURNS bigint
    LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE AS 'MODULE_PATHNAME', 'npssummary_responses';
CREATE FUNCTION promoters(summary npssummary) RETURNS bigint
    LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE AS 'MODULE_PATHNAME', 'npssummary_promoters';
CREATE FUNCTION passives(summary npssummary) RETURNS bigint
    LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE AS 'MODULE_PATHNAME', 'npssummary_passives';
CREATE FUNCTION detractors(summary npssummary) RETURNS bigint
    LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE AS 'MODULE_PATHNAME', 'npssummary_detractors';
CREATE FUNCTION mean_score(summary npssummary) RETURNS numeric
    LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE AS 'MODULE_PATHNAME', 'npssummary_mean_score';

COMMENT ON TYPE npssummary IS 'NPS partial state: responses per score 0-10, stored versioned and compact; text form {"v":1,"counts":[c0,...,c10]}; combine with rollup(), read with nps(), responses(), promoters(), passives(), detractors(), mean_score()';
COMMENT ON FUNCTION kpi_internal.npssummary_in(cstring) IS 'npssummary input: parses {"v":1,"counts":[11 counts]}; malformed text is error 22P02';
COMMENT ON FUNCTION kpi_internal.npssummary_out(npssummary) IS 'npssummary output: {"v":1,"counts":[11 counts]}';
COMMENT ON FUNCTION kpi_internal.npssummary_recv(internal) IS 'npssummary binary input: version byte and 11 varint counts; impossible bytes are error 22P02';
COMMENT ON FUNCTION kpi_internal.npssummary_send(npssummary) IS 'npssummary binary output: version byte and 11 varint counts';
COMMENT ON FUNCTION kpi_internal.nps_summary_final(internal) IS 'nps_agg()/rollup() final function: the histogram as an npssummary';
COMMENT ON FUNCTION kpi_internal.nps_rollup_accum(internal, npssummary) IS 'rollup(npssummary) transition function: adds one summary; NULL summaries are skipped';
COMMENT ON FUNCTION kpi_internal.nps_rollup_inv(internal, npssummary) IS 'rollup(npssummary) moving-aggregate inverse: subtracts one summary';
COMMENT ON AGGREGATE nps_agg(smallint) IS 'NPS summary of 0-10 scores (the full histogram), to store and re-aggregate exactly with rollup(); same NULL rules and errors as nps()';
COMMENT ON AGGREGATE nps_agg(integer) IS 'NPS summary of 0-10 scores (the full histogram), to store and re-aggregate exactly with rollup(); same NULL rules and errors as nps()';
COMMENT ON AGGREGATE nps_agg(bigint) IS 'NPS summary of 0-10 scores (the full histogram), to store and re-aggregate exactly with rollup(); same NULL rules and errors as nps()';
COMMENT ON AGGREGATE nps_agg(numeric) IS 'NPS summary of whole-number 0-10 scores (the full histogram), to store and re-aggregate exactly with rollup(); same NULL rules and errors as nps()';
COMMENT ON AGGREGATE rollup(npssummary) IS 'Adds NPS summaries exactly (any period, any segment); parallel, and a moving form for rolling windows; NULL summaries skipped';
COMMENT ON AGGREGATE combine(npssummary) IS 'Adds NPS summaries exactly (any period, any segment); parallel, and a moving form for rolling windows; NULL summaries skipped; the same aggregate as rollup(npssummary), named so BI tools'' SQL parsers accept it (ROLLUP is a reserved word to them)';
COMMENT ON FUNCTION nps(npssummary) IS 'NPS of a summary: 100 * (promoters - detractors) / responses as numeric; NULL for a summary of no responses';
COMMENT ON FUNCTION responses(npssummary) IS 'Non-NULL responses counted in an NPS summary';
COMMENT ON FUNCTION promoters(npssummary) IS 'Responses scoring 9-10 in an NPS summary';
COMMENT ON FUNCTION passives(npssummary) IS 'Responses scoring 7-8 in an NPS summary';
COMMENT ON FUNCTION detractors(npssummary) IS 'Responses scoring 0-6 in an NPS summary';
COMMENT ON FUNCTION mean_score(npssummary) IS 'Mean 0-10 score of an NPS summary (equal to avg(score)); NULL for a summary of no responses';

-- double precision inputs (pandas and JSON loaders write them), read as float8::numeric reads
-- them: the rules of the numeric forms.
CREATE AGGREGATE nps_agg(score double precision) (
    SFUNC = kpi_internal.nps_accum, STYPE = internal, SSPACE = 88, FINALFUNC = kpi_internal.nps_summary_final,
    COMBINEFUNC = kpi_internal.nps_combine, SERIALFUNC = kpi_internal.nps_serialize, DESERIALFUNC = kpi_internal.nps_deserialize,
    MSFUNC = kpi_internal.nps_accum, MINVFUNC = kpi_internal.nps_inv, MSTYPE = internal, MSSPACE = 88, MFINALFUNC = kpi_internal.nps_summary_final, PARALLEL = SAFE);
COMMENT ON AGGREGATE nps_agg(double precision) IS 'NPS summary of whole-number 0-10 scores (the full histogram), to store and re-aggregate exactly with rollup(); same NULL rules and errors as nps(); double precision values are read as float8::numeric reads them (15 significant digits), NaN and infinities are error 22003';
