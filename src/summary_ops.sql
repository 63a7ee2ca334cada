-- Equality, a btree order and hashing for every summary type, so that GROUP BY, DISTINCT, ORDER BY,
-- UNION, count(DISTINCT) and joins work on summary columns, as BI tools issue them; and
-- assignment casts from text and varchar, so client drivers can write summaries. Two summaries
-- are equal when their stored forms are; the order is the bytewise order of the stored forms,
-- consistent, without KPI meaning. Included by summary.rs.

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
