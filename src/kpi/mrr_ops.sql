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
