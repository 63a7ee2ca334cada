-- Percent-of-rows KPIs over a RatioState (hits out of total), shared with churn and retention.
CREATE FUNCTION kpi_internal.ratio_combine(state internal, other internal) RETURNS internal
    LANGUAGE C IMMUTABLE PARALLEL SAFE AS 'MODULE_PATHNAME', 'ratio_combine';
CREATE FUNCTION kpi_internal.ratio_serialize(state internal) RETURNS bytea
    LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE AS 'MODULE_PATHNAME', 'ratio_serialize';
CREATE FUNCTION kpi_internal.ratio_deserialize(bytes bytea, unused internal) RETURNS internal
    LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE AS 'MODULE_PATHNAME', 'ratio_deserialize';
CREATE FUNCTION kpi_internal.ratio_final(state internal) RETURNS numeric
    LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE AS 'MODULE_PATHNAME', 'ratio_final';
CREATE FUNCTION kpi_internal.ratio_complement_final(state internal) RETURNS numeric
    LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE AS 'MODULE_PATHNAME', 'ratio_complement_final';
CREATE FUNCTION kpi_internal.share_accum(state internal, condition boolean) RETURNS internal
    LANGUAGE C IMMUTABLE PARALLEL SAFE AS 'MODULE_PATHNAME', 'share_accum';
CREATE FUNCTION kpi_internal.share_inv(state internal, condition boolean) RETURNS internal
    LANGUAGE C IMMUTABLE PARALLEL SAFE AS 'MODULE_PATHNAME', 'share_inv';
CREATE FUNCTION kpi_internal.fcr_contacts_accum(state internal, contacts integer) RETURNS internal
    LANGUAGE C IMMUTABLE PARALLEL SAFE AS 'MODULE_PATHNAME', 'fcr_contacts_accum';
CREATE FUNCTION kpi_internal.fcr_contacts_inv(state internal, contacts integer) RETURNS internal
    LANGUAGE C IMMUTABLE PARALLEL SAFE AS 'MODULE_PATHNAME', 'fcr_contacts_inv';

CREATE AGGREGATE share(condition boolean) (
    SFUNC = kpi_internal.share_accum, STYPE = internal, SSPACE = 16, FINALFUNC = kpi_internal.ratio_final,
    COMBINEFUNC = kpi_internal.ratio_combine, SERIALFUNC = kpi_internal.ratio_serialize, DESERIALFUNC = kpi_internal.ratio_deserialize,
    MSFUNC = kpi_internal.share_accum, MINVFUNC = kpi_internal.share_inv, MSTYPE = internal, MSSPACE = 16,
    MFINALFUNC = kpi_internal.ratio_final, PARALLEL = SAFE
);
CREATE AGGREGATE conversion_rate(converted boolean) (
    SFUNC = kpi_internal.share_accum, STYPE = internal, SSPACE = 16, FINALFUNC = kpi_internal.ratio_final,
    COMBINEFUNC = kpi_internal.ratio_combine, SERIALFUNC = kpi_internal.ratio_serialize, DESERIALFUNC = kpi_internal.ratio_deserialize,
    MSFUNC = kpi_internal.share_accum, MINVFUNC = kpi_internal.share_inv, MSTYPE = internal, MSSPACE = 16,
    MFINALFUNC = kpi_internal.ratio_final, PARALLEL = SAFE
);
CREATE AGGREGATE fcr_rate(resolved_on_first_contact boolean) (
    SFUNC = kpi_internal.share_accum, STYPE = internal, SSPACE = 16, FINALFUNC = kpi_internal.ratio_final,
    COMBINEFUNC = kpi_internal.ratio_combine, SERIALFUNC = kpi_internal.ratio_serialize, DESERIALFUNC = kpi_internal.ratio_deserialize,
    MSFUNC = kpi_internal.share_accum, MINVFUNC = kpi_internal.share_inv, MSTYPE = internal, MSSPACE = 16,
    MFINALFUNC = kpi_internal.ratio_final, PARALLEL = SAFE
);
CREATE AGGREGATE fcr_rate(contacts integer) (
    SFUNC = kpi_internal.fcr_contacts_accum, STYPE = internal, SSPACE = 16, FINALFUNC = kpi_internal.ratio_final,
    COMBINEFUNC = kpi_internal.ratio_combine, SERIALFUNC = kpi_internal.ratio_serialize, DESERIALFUNC = kpi_internal.ratio_deserialize,
    MSFUNC = kpi_internal.fcr_contacts_accum, MINVFUNC = kpi_internal.fcr_contacts_inv, MSTYPE = internal, MSSPACE = 16,
    MFINALFUNC = kpi_internal.ratio_final, PARALLEL = SAFE
);

COMMENT ON AGGREGATE share(boolean) IS 'Percent of non-NULL rows where the condition is true, as numeric in [0, 100]; NULL when no non-NULL row';
COMMENT ON AGGREGATE conversion_rate(boolean) IS 'Conversion rate: percent of non-NULL rows that converted, as numeric in [0, 100]; NULL when no non-NULL row';
COMMENT ON AGGREGATE fcr_rate(boolean) IS 'First-contact resolution rate: percent of non-NULL rows resolved on the first contact, as numeric in [0, 100]; NULL when no non-NULL row';
COMMENT ON AGGREGATE fcr_rate(integer) IS 'First-contact resolution rate: percent of tickets with exactly one contact among non-NULL contact counts; contacts below 1 is error 22003; NULL when none';
COMMENT ON FUNCTION kpi_internal.ratio_combine(internal, internal) IS 'Combine function of the percent-of-rows, churn and retention aggregates: adds two hits/total states';
COMMENT ON FUNCTION kpi_internal.ratio_serialize(internal) IS 'Serialize function of the percent-of-rows, churn and retention aggregates: hits/total state to bytea';
COMMENT ON FUNCTION kpi_internal.ratio_deserialize(bytea, internal) IS 'Deserialize function of the percent-of-rows, churn and retention aggregates: bytea to hits/total state';
COMMENT ON FUNCTION kpi_internal.ratio_final(internal) IS 'Final function: 100 * hits / total as numeric, NULL when total is 0';
COMMENT ON FUNCTION kpi_internal.ratio_complement_final(internal) IS 'Final function: 100 * (total - hits) / total as numeric, NULL when total is 0 (retention from churn)';
COMMENT ON FUNCTION kpi_internal.share_accum(internal, boolean) IS 'share(), conversion_rate(), fcr_rate(boolean) transition function: counts one non-NULL boolean';
COMMENT ON FUNCTION kpi_internal.share_inv(internal, boolean) IS 'share(), conversion_rate(), fcr_rate(boolean) moving-aggregate inverse: un-counts one boolean';
COMMENT ON FUNCTION kpi_internal.fcr_contacts_accum(internal, integer) IS 'fcr_rate(integer) transition function: counts one ticket, a hit when contacts = 1';
COMMENT ON FUNCTION kpi_internal.fcr_contacts_inv(internal, integer) IS 'fcr_rate(integer) moving-aggregate inverse: un-counts one ticket';

-- bigint contacts (pandas writes integer columns as bigint).
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
