-- sharesummary: the stored (weighted) hits and total, share_agg(), rollup() and accessors. Included by share_summary.rs.
CREATE TYPE sharesummary;
CREATE FUNCTION kpi_internal.sharesummary_in(text cstring) RETURNS sharesummary
    LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE AS 'MODULE_PATHNAME', 'sharesummary_in';
CREATE FUNCTION kpi_internal.sharesummary_out(summary sharesummary) RETURNS cstring
    LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE AS 'MODULE_PATHNAME', 'sharesummary_out';
CREATE FUNCTION kpi_internal.sharesummary_recv(buf internal) RETURNS sharesummary
    LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE AS 'MODULE_PATHNAME', 'sharesummary_recv';
CREATE FUNCTION kpi_internal.sharesummary_send(summary sharesummary) RETURNS bytea
    LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE AS 'MODULE_PATHNAME', 'sharesummary_send';
CREATE TYPE sharesummary (
    INPUT = kpi_internal.sharesummary_in, OUTPUT = kpi_internal.sharesummary_out, RECEIVE = kpi_internal.sharesummary_recv, SEND = kpi_internal.sharesummary_send,
    INTERNALLENGTH = VARIABLE, STORAGE = extended
);

CREATE FUNCTION kpi_internal.share_summary_final_count(state internal) RETURNS sharesummary
    LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE AS 'MODULE_PATHNAME', 'share_summary_final_count';
CREATE FUNCTION kpi_internal.share_summary_final_weighted(state internal) RETURNS sharesummary
    LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE AS 'MODULE_PATHNAME', 'share_summary_final_weighted';
CREATE FUNCTION kpi_internal.share_summary_final(state internal) RETURNS sharesummary
    LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE AS 'MODULE_PATHNAME', 'share_summary_final';
CREATE FUNCTION kpi_internal.share_rollup_accum(state internal, summary sharesummary) RETURNS internal
    LANGUAGE C IMMUTABLE PARALLEL SAFE AS 'MODULE_PATHNAME', 'share_rollup_accum';
CREATE FUNCTION kpi_internal.share_rollup_inv(state internal, summary sharesummary) RETURNS internal
    LANGUAGE C IMMUTABLE PARALLEL SAFE AS 'MODULE_PATHNAME', 'share_rollup_inv';
CREATE FUNCTION kpi_internal.share_rollup_combine(state internal, other internal) RETURNS internal
    LANGUAGE C IMMUTABLE PARALLEL SAFE AS 'MODULE_PATHNAME', 'share_rollup_combine';
CREATE FUNCTION kpi_internal.share_rollup_serialize(state internal) RETURNS bytea
    LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE AS 'MODULE_PATHNAME', 'share_rollup_serialize';
CREATE FUNCTION kpi_internal.share_rollup_deserialize(bytes bytea, unused internal) RETURNS internal
    LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE AS 'MODULE_PATHNAME', 'share_rollup_deserialize';

CREATE AGGREGATE share_agg(condition boolean) (
    SFUNC = kpi_internal.share_accum, STYPE = internal, SSPACE = 16, FINALFUNC = kpi_internal.share_summary_final_count,
    COMBINEFUNC = kpi_internal.ratio_combine, SERIALFUNC = kpi_internal.ratio_serialize, DESERIALFUNC = kpi_internal.ratio_deserialize,
    MSFUNC = kpi_internal.share_accum, MINVFUNC = kpi_internal.share_inv, MSTYPE = internal, MSSPACE = 16, MFINALFUNC = kpi_internal.share_summary_final_count, PARALLEL = SAFE);
CREATE AGGREGATE share_agg(condition boolean, weight numeric) (
    SFUNC = kpi_internal.share_weighted_accum, STYPE = internal, FINALFUNC = kpi_internal.share_summary_final_weighted,
    COMBINEFUNC = kpi_internal.share_weighted_combine, SERIALFUNC = kpi_internal.share_weighted_serialize, DESERIALFUNC = kpi_internal.share_weighted_deserialize,
    MSFUNC = kpi_internal.share_weighted_accum, MINVFUNC = kpi_internal.share_weighted_inv, MSTYPE = internal, MFINALFUNC = kpi_internal.share_summary_final_weighted, PARALLEL = SAFE);
CREATE AGGREGATE rollup(summary sharesummary) (
    SFUNC = kpi_internal.share_rollup_accum, STYPE = internal, FINALFUNC = kpi_internal.share_summary_final,
    COMBINEFUNC = kpi_internal.share_rollup_combine, SERIALFUNC = kpi_internal.share_rollup_serialize, DESERIALFUNC = kpi_internal.share_rollup_deserialize,
    MSFUNC = kpi_internal.share_rollup_accum, MINVFUNC = kpi_internal.share_rollup_inv, MSTYPE = internal, MFINALFUNC = kpi_internal.share_summary_final, PARALLEL = SAFE);
-- combine(): the same aggregate as rollup() (the same support functions), under a name that BI
-- tools' SQL parsers accept: to sqlglot (Superset) and standard SQL, ROLLUP is a reserved word
CREATE AGGREGATE combine(summary sharesummary) (
    SFUNC = kpi_internal.share_rollup_accum, STYPE = internal, FINALFUNC = kpi_internal.share_summary_final,
    COMBINEFUNC = kpi_internal.share_rollup_combine, SERIALFUNC = kpi_internal.share_rollup_serialize, DESERIALFUNC = kpi_internal.share_rollup_deserialize,
    MSFUNC = kpi_internal.share_rollup_accum, MINVFUNC = kpi_internal.share_rollup_inv, MSTYPE = internal, MFINALFUNC = kpi_internal.share_summary_final, PARALLEL = SAFE);

CREATE FUNCTION share(summary sharesummary) RETURNS numeric
    LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE AS 'MODULE_PATHNAME', 'sharesummary_share';
CREATE FUNCTION matching(summary sharesummary) RETURNS numeric
    LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE AS 'MODULE_PATHNAME', 'sharesummary_matching';
CREATE FUNCTION total(summary sharesummary) RETURNS numeric
    LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE AS 'MODULE_PATHNAME', 'sharesummary_total';

COMMENT ON TYPE sharesummary IS 'Percent-of-rows partial state: (weighted) rows where the condition holds and all rows, exact, stored versioned; text {"v":1,"hits":H,"total":T}; combine with rollup(), read with share(), matching(), total()';
COMMENT ON FUNCTION kpi_internal.sharesummary_in(cstring) IS 'sharesummary input: parses {"v":1,"hits":H,"total":T}; malformed text is error 22P02';
COMMENT ON FUNCTION kpi_internal.sharesummary_out(sharesummary) IS 'sharesummary output: {"v":1,"hits":H,"total":T}';
COMMENT ON FUNCTION kpi_internal.sharesummary_recv(internal) IS 'sharesummary binary input; impossible bytes are error 22P02';
COMMENT ON FUNCTION kpi_internal.sharesummary_send(sharesummary) IS 'sharesummary binary output: version byte and two scaled sums';
COMMENT ON FUNCTION kpi_internal.share_summary_final_count(internal) IS 'share_agg(boolean) final function: the counts as a sharesummary';
COMMENT ON FUNCTION kpi_internal.share_summary_final_weighted(internal) IS 'share_agg(boolean, numeric) final function: the exact weights as a sharesummary';
COMMENT ON FUNCTION kpi_internal.share_summary_final(internal) IS 'rollup(sharesummary) final function: the added sums as a sharesummary';
COMMENT ON FUNCTION kpi_internal.share_rollup_accum(internal, sharesummary) IS 'rollup(sharesummary) transition function: adds one summary; NULL summaries are skipped';
COMMENT ON FUNCTION kpi_internal.share_rollup_inv(internal, sharesummary) IS 'rollup(sharesummary) moving-aggregate inverse: subtracts one summary';
COMMENT ON FUNCTION kpi_internal.share_rollup_combine(internal, internal) IS 'rollup(sharesummary) combine function: adds two partial states';
COMMENT ON FUNCTION kpi_internal.share_rollup_serialize(internal) IS 'rollup(sharesummary) serialize function: state to bytea';
COMMENT ON FUNCTION kpi_internal.share_rollup_deserialize(bytea, internal) IS 'rollup(sharesummary) deserialize function: bytea to state';
COMMENT ON AGGREGATE share_agg(boolean) IS 'Percent-of-rows summary (rows where the condition holds, non-NULL rows), for share/conversion/FCR rates re-aggregated exactly with rollup()';
COMMENT ON AGGREGATE share_agg(boolean, numeric) IS 'Weighted percent-of-rows summary (weight where the condition holds, all weight), re-aggregated exactly with rollup(); a negative weight is error 22003';
COMMENT ON AGGREGATE rollup(sharesummary) IS 'Adds share summaries exactly (any period, any segment); parallel, and a moving form for rolling windows; NULL summaries skipped';
COMMENT ON AGGREGATE combine(sharesummary) IS 'Adds share summaries exactly (any period, any segment); parallel, and a moving form for rolling windows; NULL summaries skipped; the same aggregate as rollup(sharesummary), named so BI tools'' SQL parsers accept it (ROLLUP is a reserved word to them)';
COMMENT ON FUNCTION share(sharesummary) IS 'Percent of a share summary: 100 * matching / total as numeric, NULL when the total is 0; share(share_agg(x)) = share(x)';
COMMENT ON FUNCTION matching(sharesummary) IS 'Rows (or weight) where the condition holds, in a share summary';
COMMENT ON FUNCTION total(sharesummary) IS 'All non-NULL rows (or all weight) in a share summary';
