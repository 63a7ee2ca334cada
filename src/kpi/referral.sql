-- referralsummary: referred customers and the others with their values, and who referred how
-- many; referral_agg() builds it, combine() adds summaries, the accessors read it. Included by
-- referral_sql.rs.
CREATE TYPE referralsummary;
CREATE FUNCTION kpi_internal.referralsummary_in(text cstring) RETURNS referralsummary
    LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE AS 'MODULE_PATHNAME', 'referralsummary_in';
CREATE FUNCTION kpi_internal.referralsummary_out(summary referralsummary) RETURNS cstring
    LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE AS 'MODULE_PATHNAME', 'referralsummary_out';
CREATE FUNCTION kpi_internal.referralsummary_recv(buf internal) RETURNS referralsummary
    LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE AS 'MODULE_PATHNAME', 'referralsummary_recv';
CREATE FUNCTION kpi_internal.referralsummary_send(summary referralsummary) RETURNS bytea
    LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE AS 'MODULE_PATHNAME', 'referralsummary_send';
CREATE TYPE referralsummary (
    INPUT = kpi_internal.referralsummary_in, OUTPUT = kpi_internal.referralsummary_out,
    RECEIVE = kpi_internal.referralsummary_recv, SEND = kpi_internal.referralsummary_send,
    INTERNALLENGTH = VARIABLE, STORAGE = extended
);
COMMENT ON TYPE referralsummary IS 'Value of customer referrals: referred customers and the others, the exact sums of their values, customers who referred and their referrals; stored versioned; text {"v":1,"referred":R,"others":O,"referred_value":V,"other_value":W,"referring":C,"referrals":N}';
COMMENT ON FUNCTION kpi_internal.referralsummary_in(cstring) IS 'referralsummary input; malformed text or an impossible state (negative, value without customers, more referring customers than customers, fewer referrals than referring customers) is error 22P02';
COMMENT ON FUNCTION kpi_internal.referralsummary_out(referralsummary) IS 'referralsummary output: {"v":1,"referred":...,"others":...,"referred_value":...,"other_value":...,"referring":...,"referrals":...}';
COMMENT ON FUNCTION kpi_internal.referralsummary_recv(internal) IS 'referralsummary binary input; impossible bytes are error 22P02';
COMMENT ON FUNCTION kpi_internal.referralsummary_send(referralsummary) IS 'referralsummary binary output: version byte, the counts and the two scaled value sums';

CREATE FUNCTION kpi_internal.referral_accum(state internal, referred boolean, value numeric, referrals bigint) RETURNS internal
    LANGUAGE C IMMUTABLE PARALLEL SAFE AS 'MODULE_PATHNAME', 'referral_accum';
CREATE FUNCTION kpi_internal.referral_inv(state internal, referred boolean, value numeric, referrals bigint) RETURNS internal
    LANGUAGE C IMMUTABLE PARALLEL SAFE AS 'MODULE_PATHNAME', 'referral_inv';
CREATE FUNCTION kpi_internal.referral_final(state internal) RETURNS referralsummary
    LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE AS 'MODULE_PATHNAME', 'referral_final';
CREATE FUNCTION kpi_internal.referral_rollup_accum(state internal, summary referralsummary) RETURNS internal
    LANGUAGE C IMMUTABLE PARALLEL SAFE AS 'MODULE_PATHNAME', 'referral_rollup_accum';
CREATE FUNCTION kpi_internal.referral_rollup_inv(state internal, summary referralsummary) RETURNS internal
    LANGUAGE C IMMUTABLE PARALLEL SAFE AS 'MODULE_PATHNAME', 'referral_rollup_inv';
CREATE FUNCTION kpi_internal.referral_combine(state internal, other internal) RETURNS internal
    LANGUAGE C IMMUTABLE PARALLEL SAFE AS 'MODULE_PATHNAME', 'referral_combine';
CREATE FUNCTION kpi_internal.referral_serialize(state internal) RETURNS bytea
    LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE AS 'MODULE_PATHNAME', 'referral_serialize';
CREATE FUNCTION kpi_internal.referral_deserialize(bytes bytea, unused internal) RETURNS internal
    LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE AS 'MODULE_PATHNAME', 'referral_deserialize';

CREATE AGGREGATE referral_agg(referred boolean, value numeric, referrals bigint) (
    SFUNC = kpi_internal.referral_accum, STYPE = internal, FINALFUNC = kpi_internal.referral_final,
    COMBINEFUNC = kpi_internal.referral_combine, SERIALFUNC = kpi_internal.referral_serialize, DESERIALFUNC = kpi_internal.referral_deserialize,
    MSFUNC = kpi_internal.referral_accum, MINVFUNC = kpi_internal.referral_inv, MSTYPE = internal, MFINALFUNC = kpi_internal.referral_final, PARALLEL = SAFE);
CREATE AGGREGATE combine(summary referralsummary) (
    SFUNC = kpi_internal.referral_rollup_accum, STYPE = internal, FINALFUNC = kpi_internal.referral_final,
    COMBINEFUNC = kpi_internal.referral_combine, SERIALFUNC = kpi_internal.referral_serialize, DESERIALFUNC = kpi_internal.referral_deserialize,
    MSFUNC = kpi_internal.referral_rollup_accum, MINVFUNC = kpi_internal.referral_rollup_inv, MSTYPE = internal, MFINALFUNC = kpi_internal.referral_final, PARALLEL = SAFE);
CREATE AGGREGATE rollup(summary referralsummary) (
    SFUNC = kpi_internal.referral_rollup_accum, STYPE = internal, FINALFUNC = kpi_internal.referral_final,
    COMBINEFUNC = kpi_internal.referral_combine, SERIALFUNC = kpi_internal.referral_serialize, DESERIALFUNC = kpi_internal.referral_deserialize,
    MSFUNC = kpi_internal.referral_rollup_accum, MINVFUNC = kpi_internal.referral_rollup_inv, MSTYPE = internal, MFINALFUNC = kpi_internal.referral_final, PARALLEL = SAFE);
COMMENT ON AGGREGATE referral_agg(boolean, numeric, bigint) IS 'Value of customer referrals, a customer a row: whether it was referred by a customer, its value (revenue, or a predicted CLV) and how many customers it referred; rows with a NULL skipped; a negative value or referral count is error 22003; parallel, exact, a moving form';
COMMENT ON AGGREGATE combine(referralsummary) IS 'Adds referral summaries exactly (segments, periods of disjoint customers); parallel, and a moving form for rolling windows; NULL summaries skipped; the same aggregate as rollup(referralsummary), named so BI tools'' SQL parsers accept it (ROLLUP is a reserved word to them)';
COMMENT ON AGGREGATE rollup(referralsummary) IS 'Adds referral summaries exactly (segments, periods of disjoint customers); parallel, and a moving form for rolling windows; NULL summaries skipped';
COMMENT ON FUNCTION kpi_internal.referral_accum(internal, boolean, numeric, bigint) IS 'referral_agg() transition function: adds one customer';
COMMENT ON FUNCTION kpi_internal.referral_inv(internal, boolean, numeric, bigint) IS 'referral_agg() moving-aggregate inverse: removes one customer (NULL, a recomputed frame, when the last value at a sum''s scale left)';
COMMENT ON FUNCTION kpi_internal.referral_final(internal) IS 'Final function of referral_agg() and combine(referralsummary): the state as a referralsummary';
COMMENT ON FUNCTION kpi_internal.referral_rollup_accum(internal, referralsummary) IS 'combine(referralsummary) transition function: adds one summary; NULL summaries are skipped';
COMMENT ON FUNCTION kpi_internal.referral_rollup_inv(internal, referralsummary) IS 'combine(referralsummary) moving-aggregate inverse: subtracts one summary';
COMMENT ON FUNCTION kpi_internal.referral_combine(internal, internal) IS 'Combine function of the referral aggregates: adds two partial states';
COMMENT ON FUNCTION kpi_internal.referral_serialize(internal) IS 'Serialize function of the referral aggregates: state to bytea';
COMMENT ON FUNCTION kpi_internal.referral_deserialize(bytea, internal) IS 'Deserialize function of the referral aggregates: bytea to state';

CREATE FUNCTION customers(summary referralsummary) RETURNS bigint
    LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE AS 'MODULE_PATHNAME', 'referralsummary_customers';
CREATE FUNCTION referred_customers(summary referralsummary) RETURNS bigint
    LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE AS 'MODULE_PATHNAME', 'referred_customers';
CREATE FUNCTION referred_value(summary referralsummary) RETURNS numeric
    LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE AS 'MODULE_PATHNAME', 'referred_value';
CREATE FUNCTION referred_value_share(summary referralsummary) RETURNS numeric
    LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE AS 'MODULE_PATHNAME', 'referred_value_share';
CREATE FUNCTION value_per_referred(summary referralsummary) RETURNS numeric
    LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE AS 'MODULE_PATHNAME', 'value_per_referred';
CREATE FUNCTION value_per_other(summary referralsummary) RETURNS numeric
    LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE AS 'MODULE_PATHNAME', 'value_per_other';
CREATE FUNCTION referral_lift(summary referralsummary) RETURNS numeric
    LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE AS 'MODULE_PATHNAME', 'referral_lift';
CREATE FUNCTION referring_share(summary referralsummary) RETURNS numeric
    LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE AS 'MODULE_PATHNAME', 'referring_share';
CREATE FUNCTION referrals(summary referralsummary) RETURNS bigint
    LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE AS 'MODULE_PATHNAME', 'referralsummary_referrals';
COMMENT ON FUNCTION customers(referralsummary) IS 'Customers in a referral summary';
COMMENT ON FUNCTION referred_customers(referralsummary) IS 'Customers referred by another customer';
COMMENT ON FUNCTION referred_value(referralsummary) IS 'Value (revenue or CLV) of the referred customers, exact: the value of the new business referrals brought';
COMMENT ON FUNCTION referred_value_share(referralsummary) IS 'Percent of all value from referred customers: 100 * referred value / value as numeric, equal to share(referred, value); NULL when the value is 0';
COMMENT ON FUNCTION value_per_referred(referralsummary) IS 'Mean value of a referred customer, equal to avg(value) FILTER (WHERE referred); NULL without referred customers';
COMMENT ON FUNCTION value_per_other(referralsummary) IS 'Mean value of a customer not referred, equal to avg(value) FILTER (WHERE NOT referred); NULL without such customers';
COMMENT ON FUNCTION referral_lift(referralsummary) IS 'value_per_referred / value_per_other in one exact division: how many times the value of a customer a referred one brings; NULL without either group or when the others'' value is 0';
COMMENT ON FUNCTION referring_share(referralsummary) IS 'Percent of customers who referred at least one customer, equal to share(referrals > 0); NULL without customers';
COMMENT ON FUNCTION referrals(referralsummary) IS 'Customers referred by the customers of the summary (the sum of their referral counts)';

-- Equality, a btree order and hashing, as every stored type has, and casts.
CREATE FUNCTION kpi_internal.referralsummary_eq(a referralsummary, b referralsummary) RETURNS boolean
    LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE AS 'MODULE_PATHNAME', 'referralsummary_eq';
CREATE FUNCTION kpi_internal.referralsummary_ne(a referralsummary, b referralsummary) RETURNS boolean
    LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE AS 'MODULE_PATHNAME', 'referralsummary_ne';
CREATE FUNCTION kpi_internal.referralsummary_lt(a referralsummary, b referralsummary) RETURNS boolean
    LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE AS 'MODULE_PATHNAME', 'referralsummary_lt';
CREATE FUNCTION kpi_internal.referralsummary_le(a referralsummary, b referralsummary) RETURNS boolean
    LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE AS 'MODULE_PATHNAME', 'referralsummary_le';
CREATE FUNCTION kpi_internal.referralsummary_gt(a referralsummary, b referralsummary) RETURNS boolean
    LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE AS 'MODULE_PATHNAME', 'referralsummary_gt';
CREATE FUNCTION kpi_internal.referralsummary_ge(a referralsummary, b referralsummary) RETURNS boolean
    LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE AS 'MODULE_PATHNAME', 'referralsummary_ge';
CREATE FUNCTION kpi_internal.referralsummary_cmp(a referralsummary, b referralsummary) RETURNS integer
    LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE AS 'MODULE_PATHNAME', 'referralsummary_cmp';
CREATE FUNCTION kpi_internal.referralsummary_hash(summary referralsummary) RETURNS integer
    LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE AS 'MODULE_PATHNAME', 'referralsummary_hash';
CREATE FUNCTION kpi_internal.referralsummary_hash_extended(summary referralsummary, seed bigint) RETURNS bigint
    LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE AS 'MODULE_PATHNAME', 'referralsummary_hash_extended';
CREATE OPERATOR = (LEFTARG = referralsummary, RIGHTARG = referralsummary, FUNCTION = kpi_internal.referralsummary_eq,
    COMMUTATOR = =, NEGATOR = <>, RESTRICT = eqsel, JOIN = eqjoinsel, HASHES, MERGES);
CREATE OPERATOR <> (LEFTARG = referralsummary, RIGHTARG = referralsummary, FUNCTION = kpi_internal.referralsummary_ne,
    COMMUTATOR = <>, NEGATOR = =, RESTRICT = neqsel, JOIN = neqjoinsel);
CREATE OPERATOR < (LEFTARG = referralsummary, RIGHTARG = referralsummary, FUNCTION = kpi_internal.referralsummary_lt,
    COMMUTATOR = >, NEGATOR = >=, RESTRICT = scalarltsel, JOIN = scalarltjoinsel);
CREATE OPERATOR <= (LEFTARG = referralsummary, RIGHTARG = referralsummary, FUNCTION = kpi_internal.referralsummary_le,
    COMMUTATOR = >=, NEGATOR = >, RESTRICT = scalarlesel, JOIN = scalarlejoinsel);
CREATE OPERATOR > (LEFTARG = referralsummary, RIGHTARG = referralsummary, FUNCTION = kpi_internal.referralsummary_gt,
    COMMUTATOR = <, NEGATOR = <=, RESTRICT = scalargtsel, JOIN = scalargtjoinsel);
CREATE OPERATOR >= (LEFTARG = referralsummary, RIGHTARG = referralsummary, FUNCTION = kpi_internal.referralsummary_ge,
    COMMUTATOR = <=, NEGATOR = <, RESTRICT = scalargesel, JOIN = scalargejoinsel);
CREATE OPERATOR CLASS kpi_internal.referralsummary_ops DEFAULT FOR TYPE referralsummary USING btree AS
    OPERATOR 1 <, OPERATOR 2 <=, OPERATOR 3 =, OPERATOR 4 >=, OPERATOR 5 >,
    FUNCTION 1 kpi_internal.referralsummary_cmp(referralsummary, referralsummary);
CREATE OPERATOR CLASS kpi_internal.referralsummary_hash_ops DEFAULT FOR TYPE referralsummary USING hash AS
    OPERATOR 1 =, FUNCTION 1 kpi_internal.referralsummary_hash(referralsummary), FUNCTION 2 kpi_internal.referralsummary_hash_extended(referralsummary, bigint);
CREATE CAST (text AS referralsummary) WITH INOUT AS ASSIGNMENT;
CREATE CAST (varchar AS referralsummary) WITH INOUT AS ASSIGNMENT;
COMMENT ON FUNCTION kpi_internal.referralsummary_eq(referralsummary, referralsummary) IS 'Operator = of referralsummary: equal (the same stored form)';
COMMENT ON OPERATOR = (referralsummary, referralsummary) IS 'Referral summaries equal (the same stored form)';
COMMENT ON FUNCTION kpi_internal.referralsummary_ne(referralsummary, referralsummary) IS 'Operator <> of referralsummary: not equal';
COMMENT ON OPERATOR <> (referralsummary, referralsummary) IS 'Referral summaries not equal';
COMMENT ON FUNCTION kpi_internal.referralsummary_lt(referralsummary, referralsummary) IS 'Operator < of referralsummary: before in the btree order (bytewise order of the stored forms; no KPI meaning)';
COMMENT ON OPERATOR < (referralsummary, referralsummary) IS 'Referral summaries before in the btree order (bytewise order of the stored forms; no KPI meaning)';
COMMENT ON FUNCTION kpi_internal.referralsummary_le(referralsummary, referralsummary) IS 'Operator <= of referralsummary: before or equal in the btree order (no KPI meaning)';
COMMENT ON OPERATOR <= (referralsummary, referralsummary) IS 'Referral summaries before or equal in the btree order (no KPI meaning)';
COMMENT ON FUNCTION kpi_internal.referralsummary_gt(referralsummary, referralsummary) IS 'Operator > of referralsummary: after in the btree order (no KPI meaning)';
COMMENT ON OPERATOR > (referralsummary, referralsummary) IS 'Referral summaries after in the btree order (no KPI meaning)';
COMMENT ON FUNCTION kpi_internal.referralsummary_ge(referralsummary, referralsummary) IS 'Operator >= of referralsummary: after or equal in the btree order (no KPI meaning)';
COMMENT ON OPERATOR >= (referralsummary, referralsummary) IS 'Referral summaries after or equal in the btree order (no KPI meaning)';
COMMENT ON FUNCTION kpi_internal.referralsummary_cmp(referralsummary, referralsummary) IS 'btree support of referralsummary: -1, 0 or 1 in the bytewise order of the stored forms (no KPI meaning)';
COMMENT ON FUNCTION kpi_internal.referralsummary_hash(referralsummary) IS 'hash support of referralsummary: hash of the stored form';
COMMENT ON FUNCTION kpi_internal.referralsummary_hash_extended(referralsummary, bigint) IS 'hash support of referralsummary: 64-bit seeded hash of the stored form';
COMMENT ON OPERATOR CLASS kpi_internal.referralsummary_ops USING btree IS 'Default btree order of referralsummary: the bytewise order of the stored forms, consistent for GROUP BY, DISTINCT, ORDER BY and indexes, without KPI meaning';
COMMENT ON OPERATOR CLASS kpi_internal.referralsummary_hash_ops USING hash IS 'Default hash operator class of referralsummary, for hash joins, hash aggregation and hash partitioning';
COMMENT ON CAST (text AS referralsummary) IS 'Assignment cast: text in the referralsummary text form becomes a summary where a referralsummary is expected (INSERT, UPDATE, client text parameters)';
COMMENT ON CAST (varchar AS referralsummary) IS 'Assignment cast: varchar in the referralsummary text form becomes a summary where a referralsummary is expected (INSERT, UPDATE, client text parameters)';
