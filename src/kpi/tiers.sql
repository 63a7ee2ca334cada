-- tiersummary: customers (and MRR) per health tier, or moves between the tiers of two snapshots;
-- tier_agg()/tier_moves() build it, combine() adds summaries, the accessors read it. Included by
-- tiers_sql.rs.
CREATE TYPE tiersummary;
CREATE FUNCTION kpi_internal.tiersummary_in(text cstring) RETURNS tiersummary
    LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE AS 'MODULE_PATHNAME', 'tiersummary_in';
CREATE FUNCTION kpi_internal.tiersummary_out(summary tiersummary) RETURNS cstring
    LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE AS 'MODULE_PATHNAME', 'tiersummary_out';
CREATE FUNCTION kpi_internal.tiersummary_recv(buf internal) RETURNS tiersummary
    LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE AS 'MODULE_PATHNAME', 'tiersummary_recv';
CREATE FUNCTION kpi_internal.tiersummary_send(summary tiersummary) RETURNS bytea
    LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE AS 'MODULE_PATHNAME', 'tiersummary_send';
CREATE TYPE tiersummary (
    INPUT = kpi_internal.tiersummary_in, OUTPUT = kpi_internal.tiersummary_out,
    RECEIVE = kpi_internal.tiersummary_recv, SEND = kpi_internal.tiersummary_send,
    INTERNALLENGTH = VARIABLE, STORAGE = extended
);
COMMENT ON TYPE tiersummary IS 'Customers (and MRR) per tier, or per move between the tiers of two snapshots: exact, stored versioned; text {"v":1,"moves":false,"mrr":true,"cells":[[<before tier or null>,<after tier or null>,<customers>,<mrr>],...]}; built by tier_agg() or tier_moves(), added with combine(), read with tier_share(), tier_mrr_share(), tier_table(), tier_moved(), tier_transitions()';
COMMENT ON FUNCTION kpi_internal.tiersummary_in(cstring) IS 'tiersummary input; malformed text, a cell of no customers, a repeated cell, a negative MRR or a before tier in a tier_agg summary is error 22P02';
COMMENT ON FUNCTION kpi_internal.tiersummary_out(tiersummary) IS 'tiersummary output: {"v":1,"moves":...,"mrr":...,"cells":[...]}, cells sorted by before tier then after tier';
COMMENT ON FUNCTION kpi_internal.tiersummary_recv(internal) IS 'tiersummary binary input; impossible bytes are error 22P02';
COMMENT ON FUNCTION kpi_internal.tiersummary_send(tiersummary) IS 'tiersummary binary output: version byte, flags (1 moves, 2 MRR), cells (LEB128 count), each before and after tier (length + 1, 0 for none, UTF-8), customers and with MRR its scale and 128 bits';

CREATE FUNCTION kpi_internal.tier_accum(state internal, tier text) RETURNS internal
    LANGUAGE C IMMUTABLE PARALLEL SAFE AS 'MODULE_PATHNAME', 'tier_accum';
CREATE FUNCTION kpi_internal.tier_inv(state internal, tier text) RETURNS internal
    LANGUAGE C IMMUTABLE PARALLEL SAFE AS 'MODULE_PATHNAME', 'tier_inv';
CREATE FUNCTION kpi_internal.tier_mrr_accum(state internal, tier text, mrr numeric) RETURNS internal
    LANGUAGE C IMMUTABLE PARALLEL SAFE AS 'MODULE_PATHNAME', 'tier_mrr_accum';
CREATE FUNCTION kpi_internal.tier_mrr_inv(state internal, tier text, mrr numeric) RETURNS internal
    LANGUAGE C IMMUTABLE PARALLEL SAFE AS 'MODULE_PATHNAME', 'tier_mrr_inv';
CREATE FUNCTION kpi_internal.tier_moves_accum(state internal, before_tier text, after_tier text) RETURNS internal
    LANGUAGE C IMMUTABLE PARALLEL SAFE AS 'MODULE_PATHNAME', 'tier_moves_accum';
CREATE FUNCTION kpi_internal.tier_moves_inv(state internal, before_tier text, after_tier text) RETURNS internal
    LANGUAGE C IMMUTABLE PARALLEL SAFE AS 'MODULE_PATHNAME', 'tier_moves_inv';
CREATE FUNCTION kpi_internal.tier_moves_mrr_accum(state internal, before_tier text, after_tier text, mrr numeric) RETURNS internal
    LANGUAGE C IMMUTABLE PARALLEL SAFE AS 'MODULE_PATHNAME', 'tier_moves_mrr_accum';
CREATE FUNCTION kpi_internal.tier_moves_mrr_inv(state internal, before_tier text, after_tier text, mrr numeric) RETURNS internal
    LANGUAGE C IMMUTABLE PARALLEL SAFE AS 'MODULE_PATHNAME', 'tier_moves_mrr_inv';
CREATE FUNCTION kpi_internal.tier_combine_accum(state internal, summary tiersummary) RETURNS internal
    LANGUAGE C IMMUTABLE PARALLEL SAFE AS 'MODULE_PATHNAME', 'tier_combine_accum';
CREATE FUNCTION kpi_internal.tier_combine_inv(state internal, summary tiersummary) RETURNS internal
    LANGUAGE C IMMUTABLE PARALLEL SAFE AS 'MODULE_PATHNAME', 'tier_combine_inv';
CREATE FUNCTION kpi_internal.tier_combine(state internal, other internal) RETURNS internal
    LANGUAGE C IMMUTABLE PARALLEL SAFE AS 'MODULE_PATHNAME', 'tier_combine';
CREATE FUNCTION kpi_internal.tier_serialize(state internal) RETURNS bytea
    LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE AS 'MODULE_PATHNAME', 'tier_serialize';
CREATE FUNCTION kpi_internal.tier_deserialize(bytes bytea, unused internal) RETURNS internal
    LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE AS 'MODULE_PATHNAME', 'tier_deserialize';
CREATE FUNCTION kpi_internal.tier_final(state internal) RETURNS tiersummary
    LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE AS 'MODULE_PATHNAME', 'tier_final';

CREATE AGGREGATE tier_agg(tier text) (
    SFUNC = kpi_internal.tier_accum, STYPE = internal, FINALFUNC = kpi_internal.tier_final,
    COMBINEFUNC = kpi_internal.tier_combine, SERIALFUNC = kpi_internal.tier_serialize, DESERIALFUNC = kpi_internal.tier_deserialize,
    MSFUNC = kpi_internal.tier_accum, MINVFUNC = kpi_internal.tier_inv, MSTYPE = internal, MFINALFUNC = kpi_internal.tier_final, PARALLEL = SAFE);
CREATE AGGREGATE tier_agg(tier text, mrr numeric) (
    SFUNC = kpi_internal.tier_mrr_accum, STYPE = internal, FINALFUNC = kpi_internal.tier_final,
    COMBINEFUNC = kpi_internal.tier_combine, SERIALFUNC = kpi_internal.tier_serialize, DESERIALFUNC = kpi_internal.tier_deserialize,
    MSFUNC = kpi_internal.tier_mrr_accum, MINVFUNC = kpi_internal.tier_mrr_inv, MSTYPE = internal, MFINALFUNC = kpi_internal.tier_final, PARALLEL = SAFE);
CREATE AGGREGATE tier_moves(before_tier text, after_tier text) (
    SFUNC = kpi_internal.tier_moves_accum, STYPE = internal, FINALFUNC = kpi_internal.tier_final,
    COMBINEFUNC = kpi_internal.tier_combine, SERIALFUNC = kpi_internal.tier_serialize, DESERIALFUNC = kpi_internal.tier_deserialize,
    MSFUNC = kpi_internal.tier_moves_accum, MINVFUNC = kpi_internal.tier_moves_inv, MSTYPE = internal, MFINALFUNC = kpi_internal.tier_final, PARALLEL = SAFE);
CREATE AGGREGATE tier_moves(before_tier text, after_tier text, mrr numeric) (
    SFUNC = kpi_internal.tier_moves_mrr_accum, STYPE = internal, FINALFUNC = kpi_internal.tier_final,
    COMBINEFUNC = kpi_internal.tier_combine, SERIALFUNC = kpi_internal.tier_serialize, DESERIALFUNC = kpi_internal.tier_deserialize,
    MSFUNC = kpi_internal.tier_moves_mrr_accum, MINVFUNC = kpi_internal.tier_moves_mrr_inv, MSTYPE = internal, MFINALFUNC = kpi_internal.tier_final, PARALLEL = SAFE);
CREATE AGGREGATE combine(summary tiersummary) (
    SFUNC = kpi_internal.tier_combine_accum, STYPE = internal, FINALFUNC = kpi_internal.tier_final,
    COMBINEFUNC = kpi_internal.tier_combine, SERIALFUNC = kpi_internal.tier_serialize, DESERIALFUNC = kpi_internal.tier_deserialize,
    MSFUNC = kpi_internal.tier_combine_accum, MINVFUNC = kpi_internal.tier_combine_inv, MSTYPE = internal, MFINALFUNC = kpi_internal.tier_final, PARALLEL = SAFE);
CREATE AGGREGATE rollup(summary tiersummary) (
    SFUNC = kpi_internal.tier_combine_accum, STYPE = internal, FINALFUNC = kpi_internal.tier_final,
    COMBINEFUNC = kpi_internal.tier_combine, SERIALFUNC = kpi_internal.tier_serialize, DESERIALFUNC = kpi_internal.tier_deserialize,
    MSFUNC = kpi_internal.tier_combine_accum, MINVFUNC = kpi_internal.tier_combine_inv, MSTYPE = internal, MFINALFUNC = kpi_internal.tier_final, PARALLEL = SAFE);
COMMENT ON AGGREGATE tier_agg(text) IS 'Customers per tier (a customer a row, e.g. tier_agg(health_tier(score))): a tiersummary; NULL tiers skipped; parallel, exact, a moving form; tier_share(s, ''At-risk'') = share(tier = ''At-risk'')';
COMMENT ON AGGREGATE tier_agg(text, numeric) IS 'Customers and MRR per tier: a tiersummary; rows with a NULL tier or MRR skipped, a negative MRR is error 22003; parallel, exact, a moving form; tier_mrr_share(s, ''At-risk'') = share(tier = ''At-risk'', mrr)';
COMMENT ON AGGREGATE tier_moves(text, text) IS 'Customers per move between the tiers of two snapshots (a customer a row of the two joined FULL JOIN ... USING (customer_id)): a tiersummary; a NULL before tier is a customer new since the first snapshot, a NULL after tier one gone by the second, both NULL skipped; parallel, exact, a moving form';
COMMENT ON AGGREGATE tier_moves(text, text, numeric) IS 'Customers and MRR per move between the tiers of two snapshots: a tiersummary; rows with a NULL MRR or both tiers NULL skipped, a negative MRR is error 22003; parallel, exact, a moving form';
COMMENT ON AGGREGATE combine(tiersummary) IS 'Adds tier summaries exactly (segments, shards, periods of disjoint customers); all of one kind (tier_agg or tier_moves, with or without MRR), else error 22023; parallel, and a moving form for rolling windows; NULL summaries skipped; the same aggregate as rollup(tiersummary), named so BI tools'' SQL parsers accept it (ROLLUP is a reserved word to them)';
COMMENT ON AGGREGATE rollup(tiersummary) IS 'Adds tier summaries exactly (segments, shards, periods of disjoint customers); all of one kind (tier_agg or tier_moves, with or without MRR), else error 22023; parallel, and a moving form for rolling windows; NULL summaries skipped';
COMMENT ON FUNCTION kpi_internal.tier_accum(internal, text) IS 'tier_agg(text) transition function: counts one customer in its tier';
COMMENT ON FUNCTION kpi_internal.tier_inv(internal, text) IS 'tier_agg(text) moving-aggregate inverse: un-counts one customer';
COMMENT ON FUNCTION kpi_internal.tier_mrr_accum(internal, text, numeric) IS 'tier_agg(text, numeric) transition function: counts one customer and its MRR in its tier';
COMMENT ON FUNCTION kpi_internal.tier_mrr_inv(internal, text, numeric) IS 'tier_agg(text, numeric) moving-aggregate inverse: un-counts one customer and its MRR (NULL, a recomputed frame, when the last MRR at a cell''s scale left)';
COMMENT ON FUNCTION kpi_internal.tier_moves_accum(internal, text, text) IS 'tier_moves(text, text) transition function: counts one customer in its move';
COMMENT ON FUNCTION kpi_internal.tier_moves_inv(internal, text, text) IS 'tier_moves(text, text) moving-aggregate inverse: un-counts one customer';
COMMENT ON FUNCTION kpi_internal.tier_moves_mrr_accum(internal, text, text, numeric) IS 'tier_moves(text, text, numeric) transition function: counts one customer and its MRR in its move';
COMMENT ON FUNCTION kpi_internal.tier_moves_mrr_inv(internal, text, text, numeric) IS 'tier_moves(text, text, numeric) moving-aggregate inverse: un-counts one customer and its MRR';
COMMENT ON FUNCTION kpi_internal.tier_combine_accum(internal, tiersummary) IS 'combine(tiersummary) transition function: adds one summary; NULL summaries are skipped';
COMMENT ON FUNCTION kpi_internal.tier_combine_inv(internal, tiersummary) IS 'combine(tiersummary) moving-aggregate inverse: subtracts one summary';
COMMENT ON FUNCTION kpi_internal.tier_combine(internal, internal) IS 'Combine function of the tier aggregates: adds two partial states';
COMMENT ON FUNCTION kpi_internal.tier_serialize(internal) IS 'Serialize function of the tier aggregates: the partial summary''s stored form and its input count';
COMMENT ON FUNCTION kpi_internal.tier_deserialize(bytea, internal) IS 'Deserialize function of the tier aggregates: bytea to a partial state';
COMMENT ON FUNCTION kpi_internal.tier_final(internal) IS 'Final function of the tier aggregates: the tiersummary, NULL when no row is in the state';

CREATE FUNCTION customers(summary tiersummary) RETURNS bigint
    LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE AS 'MODULE_PATHNAME', 'tiersummary_customers';
CREATE FUNCTION tier_customers(summary tiersummary, tier text) RETURNS bigint
    LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE AS 'MODULE_PATHNAME', 'tier_customers';
CREATE FUNCTION tier_share(summary tiersummary, tier text) RETURNS numeric
    LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE AS 'MODULE_PATHNAME', 'tier_share';
CREATE FUNCTION tier_mrr(summary tiersummary, tier text) RETURNS numeric
    LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE AS 'MODULE_PATHNAME', 'tier_mrr';
CREATE FUNCTION tier_mrr_share(summary tiersummary, tier text) RETURNS numeric
    LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE AS 'MODULE_PATHNAME', 'tier_mrr_share';
CREATE FUNCTION tier_moved(summary tiersummary, before_tier text, after_tier text) RETURNS bigint
    LANGUAGE C IMMUTABLE PARALLEL SAFE AS 'MODULE_PATHNAME', 'tier_moved';
CREATE FUNCTION tier_move_share(summary tiersummary, before_tier text, after_tier text) RETURNS numeric
    LANGUAGE C IMMUTABLE PARALLEL SAFE AS 'MODULE_PATHNAME', 'tier_move_share';
CREATE FUNCTION kpi_internal.tier_rows(summary tiersummary) RETURNS text[]
    LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE AS 'MODULE_PATHNAME', 'tier_rows';
CREATE FUNCTION kpi_internal.tier_move_rows(summary tiersummary) RETURNS text[]
    LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE AS 'MODULE_PATHNAME', 'tier_move_rows';
CREATE FUNCTION tier_table(summary tiersummary)
    RETURNS TABLE (tier text, customers bigint, share numeric, mrr numeric, mrr_share numeric)
    LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
    AS $$ SELECT r[5 * i + 1], r[5 * i + 2]::bigint, r[5 * i + 3]::numeric, r[5 * i + 4]::numeric, r[5 * i + 5]::numeric
          FROM (SELECT kpi_internal.tier_rows(summary) AS r OFFSET 0) AS t,
               generate_series(0, cardinality(r) / 5 - 1) AS i $$;
CREATE FUNCTION tier_transitions(summary tiersummary)
    RETURNS TABLE (before_tier text, after_tier text, customers bigint, share numeric, mrr numeric)
    LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
    AS $$ SELECT r[5 * i + 1], r[5 * i + 2], r[5 * i + 3]::bigint, r[5 * i + 4]::numeric, r[5 * i + 5]::numeric
          FROM (SELECT kpi_internal.tier_move_rows(summary) AS r OFFSET 0) AS t,
               generate_series(0, cardinality(r) / 5 - 1) AS i $$;
COMMENT ON FUNCTION customers(tiersummary) IS 'Customers in a tier summary (with a tier: after the move for tier_moves)';
COMMENT ON FUNCTION tier_customers(tiersummary, text) IS 'Customers in the tier (after the move for tier_moves); 0 for a tier no customer is in';
COMMENT ON FUNCTION tier_share(tiersummary, text) IS 'Percent of customers in the tier: 100 * tier customers / customers as numeric, equal to share(tier = ...); NULL without customers';
COMMENT ON FUNCTION tier_mrr(tiersummary, text) IS 'MRR of the customers in the tier, exact; NULL for a summary without MRR';
COMMENT ON FUNCTION tier_mrr_share(tiersummary, text) IS 'Percent of MRR in the tier: 100 * tier MRR / MRR as numeric, equal to share(tier = ..., mrr); NULL without MRR or when the MRR is 0';
COMMENT ON FUNCTION tier_moved(tiersummary, text, text) IS 'Customers that moved from before_tier to after_tier between the two snapshots of a tier_moves summary (before_tier NULL: new customers, after_tier NULL: customers gone); NULL for a tier_agg summary or both tiers NULL';
COMMENT ON FUNCTION tier_move_share(tiersummary, text, text) IS 'Percent of the customers of before_tier (gone ones included) that moved to after_tier: 100 * moved / customers in before_tier as numeric; NULL when before_tier had none, for a tier_agg summary or both tiers NULL';
COMMENT ON FUNCTION kpi_internal.tier_rows(tiersummary) IS 'tier_table() support: tier, customers, share, MRR and MRR share per tier as text, flattened';
COMMENT ON FUNCTION kpi_internal.tier_move_rows(tiersummary) IS 'tier_transitions() support: before tier, after tier, customers, share of the before tier and MRR per move as text, flattened';
COMMENT ON FUNCTION tier_table(tiersummary) IS 'A row per tier (after the move for tier_moves), in byte order of the names: customers, share (= tier_share), mrr and mrr_share (= tier_mrr_share; NULL without MRR)';
COMMENT ON FUNCTION tier_transitions(tiersummary) IS 'A row per move of a tier_moves summary: before_tier (NULL: new), after_tier (NULL: gone), customers, share of the before tier''s customers (= tier_move_share) and MRR; no rows for a tier_agg summary';

-- Equality, a btree order and hashing, as every stored type has, and casts.
CREATE FUNCTION kpi_internal.tiersummary_eq(a tiersummary, b tiersummary) RETURNS boolean
    LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE AS 'MODULE_PATHNAME', 'tiersummary_eq';
CREATE FUNCTION kpi_internal.tiersummary_ne(a tiersummary, b tiersummary) RETURNS boolean
    LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE AS 'MODULE_PATHNAME', 'tiersummary_ne';
CREATE FUNCTION kpi_internal.tiersummary_lt(a tiersummary, b tiersummary) RETURNS boolean
    LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE AS 'MODULE_PATHNAME', 'tiersummary_lt';
CREATE FUNCTION kpi_internal.tiersummary_le(a tiersummary, b tiersummary) RETURNS boolean
    LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE AS 'MODULE_PATHNAME', 'tiersummary_le';
CREATE FUNCTION kpi_internal.tiersummary_gt(a tiersummary, b tiersummary) RETURNS boolean
    LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE AS 'MODULE_PATHNAME', 'tiersummary_gt';
CREATE FUNCTION kpi_internal.tiersummary_ge(a tiersummary, b tiersummary) RETURNS boolean
    LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE AS 'MODULE_PATHNAME', 'tiersummary_ge';
CREATE FUNCTION kpi_internal.tiersummary_cmp(a tiersummary, b tiersummary) RETURNS integer
    LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE AS 'MODULE_PATHNAME', 'tiersummary_cmp';
CREATE FUNCTION kpi_internal.tiersummary_hash(summary tiersummary) RETURNS integer
    LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE AS 'MODULE_PATHNAME', 'tiersummary_hash';
CREATE FUNCTION kpi_internal.tiersummary_hash_extended(summary tiersummary, seed bigint) RETURNS bigint
    LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE AS 'MODULE_PATHNAME', 'tiersummary_hash_extended';
CREATE OPERATOR = (LEFTARG = tiersummary, RIGHTARG = tiersummary, FUNCTION = kpi_internal.tiersummary_eq,
    COMMUTATOR = =, NEGATOR = <>, RESTRICT = eqsel, JOIN = eqjoinsel, HASHES, MERGES);
CREATE OPERATOR <> (LEFTARG = tiersummary, RIGHTARG = tiersummary, FUNCTION = kpi_internal.tiersummary_ne,
    COMMUTATOR = <>, NEGATOR = =, RESTRICT = neqsel, JOIN = neqjoinsel);
CREATE OPERATOR < (LEFTARG = tiersummary, RIGHTARG = tiersummary, FUNCTION = kpi_internal.tiersummary_lt,
    COMMUTATOR = >, NEGATOR = >=, RESTRICT = scalarltsel, JOIN = scalarltjoinsel);
CREATE OPERATOR <= (LEFTARG = tiersummary, RIGHTARG = tiersummary, FUNCTION = kpi_internal.tiersummary_le,
    COMMUTATOR = >=, NEGATOR = >, RESTRICT = scalarlesel, JOIN = scalarlejoinsel);
CREATE OPERATOR > (LEFTARG = tiersummary, RIGHTARG = tiersummary, FUNCTION = kpi_internal.tiersummary_gt,
    COMMUTATOR = <, NEGATOR = <=, RESTRICT = scalargtsel, JOIN = scalargtjoinsel);
CREATE OPERATOR >= (LEFTARG = tiersummary, RIGHTARG = tiersummary, FUNCTION = kpi_internal.tiersummary_ge,
    COMMUTATOR = <=, NEGATOR = <, RESTRICT = scalargesel, JOIN = scalargejoinsel);
CREATE OPERATOR CLASS kpi_internal.tiersummary_ops DEFAULT FOR TYPE tiersummary USING btree AS
    OPERATOR 1 <, OPERATOR 2 <=, OPERATOR 3 =, OPERATOR 4 >=, OPERATOR 5 >,
    FUNCTION 1 kpi_internal.tiersummary_cmp(tiersummary, tiersummary);
CREATE OPERATOR CLASS kpi_internal.tiersummary_hash_ops DEFAULT FOR TYPE tiersummary USING hash AS
    OPERATOR 1 =, FUNCTION 1 kpi_internal.tiersummary_hash(tiersummary), FUNCTION 2 kpi_internal.tiersummary_hash_extended(tiersummary, bigint);
CREATE CAST (text AS tiersummary) WITH INOUT AS ASSIGNMENT;
CREATE CAST (varchar AS tiersummary) WITH INOUT AS ASSIGNMENT;
COMMENT ON FUNCTION kpi_internal.tiersummary_eq(tiersummary, tiersummary) IS 'Operator = of tiersummary: equal (the same stored form)';
COMMENT ON OPERATOR = (tiersummary, tiersummary) IS 'Tier summaries equal (the same stored form)';
COMMENT ON FUNCTION kpi_internal.tiersummary_ne(tiersummary, tiersummary) IS 'Operator <> of tiersummary: not equal';
COMMENT ON OPERATOR <> (tiersummary, tiersummary) IS 'Tier summaries not equal';
COMMENT ON FUNCTION kpi_internal.tiersummary_lt(tiersummary, tiersummary) IS 'Operator < of tiersummary: before in the btree order (bytewise order of the stored forms; no KPI meaning)';
COMMENT ON OPERATOR < (tiersummary, tiersummary) IS 'Tier summaries before in the btree order (bytewise order of the stored forms; no KPI meaning)';
COMMENT ON FUNCTION kpi_internal.tiersummary_le(tiersummary, tiersummary) IS 'Operator <= of tiersummary: before or equal in the btree order (no KPI meaning)';
COMMENT ON OPERATOR <= (tiersummary, tiersummary) IS 'Tier summaries before or equal in the btree order (no KPI meaning)';
COMMENT ON FUNCTION kpi_internal.tiersummary_gt(tiersummary, tiersummary) IS 'Operator > of tiersummary: after in the btree order (no KPI meaning)';
COMMENT ON OPERATOR > (tiersummary, tiersummary) IS 'Tier summaries after in the btree order (no KPI meaning)';
COMMENT ON FUNCTION kpi_internal.tiersummary_ge(tiersummary, tiersummary) IS 'Operator >= of tiersummary: after or equal in the btree order (no KPI meaning)';
COMMENT ON OPERATOR >= (tiersummary, tiersummary) IS 'Tier summaries after or equal in the btree order (no KPI meaning)';
COMMENT ON FUNCTION kpi_internal.tiersummary_cmp(tiersummary, tiersummary) IS 'btree support of tiersummary: -1, 0 or 1 in the bytewise order of the stored forms (no KPI meaning)';
COMMENT ON FUNCTION kpi_internal.tiersummary_hash(tiersummary) IS 'hash support of tiersummary: hash of the stored form';
COMMENT ON FUNCTION kpi_internal.tiersummary_hash_extended(tiersummary, bigint) IS 'hash support of tiersummary: 64-bit seeded hash of the stored form';
COMMENT ON OPERATOR CLASS kpi_internal.tiersummary_ops USING btree IS 'Default btree order of tiersummary: the bytewise order of the stored forms, consistent for GROUP BY, DISTINCT, ORDER BY and indexes, without KPI meaning';
COMMENT ON OPERATOR CLASS kpi_internal.tiersummary_hash_ops USING hash IS 'Default hash operator class of tiersummary, for hash joins, hash aggregation and hash partitioning';
COMMENT ON CAST (text AS tiersummary) IS 'Assignment cast: text in the tiersummary text form becomes a summary where a tiersummary is expected (INSERT, UPDATE, client text parameters)';
COMMENT ON CAST (varchar AS tiersummary) IS 'Assignment cast: varchar in the tiersummary text form becomes a summary where a tiersummary is expected (INSERT, UPDATE, client text parameters)';
