-- pg_kpi 0.2.0 -> 0.3.0
-- complain if script is sourced in psql, rather than via ALTER EXTENSION
\echo Use "ALTER EXTENSION pg_kpi UPDATE TO '0.3.0'" to load this file. \quit

-- double precision inputs for nps, csat, ces and their *_agg summaries, fcr_rate(bigint); equality,
-- btree and hash operator classes and assignment casts from text and varchar for every summary
-- type; KPIs from summed counts (nps_from_counts, ...). Every statement here is also in the fresh
-- install script, in the .sql file beside its module.

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
CREATE AGGREGATE ces_agg(score double precision) (
    SFUNC = kpi_internal.ces_mean_accum, STYPE = internal, FINALFUNC = kpi_internal.ces_summary_final_numeric,
    COMBINEFUNC = kpi_internal.mean_combine_numeric, SERIALFUNC = kpi_internal.mean_serialize_numeric, DESERIALFUNC = kpi_internal.mean_deserialize_numeric,
    MSFUNC = kpi_internal.ces_mean_accum, MINVFUNC = kpi_internal.ces_mean_inv, MSTYPE = internal, MFINALFUNC = kpi_internal.ces_summary_final_numeric, PARALLEL = SAFE);
COMMENT ON AGGREGATE ces_agg(double precision) IS 'CES summary (exact sum and count of scores), to store and re-aggregate exactly with rollup(); same NULL rules and errors as ces(); double precision values are read as float8::numeric reads them (15 significant digits), NaN and infinities are error 22003';

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
