-- churn_rate / retention_rate over (start, end, period), one row per customer. Included by churn_period.rs.

CREATE FUNCTION kpi_internal.churn_period_combine(state internal, other internal) RETURNS internal
    LANGUAGE C IMMUTABLE PARALLEL SAFE AS 'MODULE_PATHNAME', 'churn_period_combine';
CREATE FUNCTION kpi_internal.churn_period_serialize(state internal) RETURNS bytea
    LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE AS 'MODULE_PATHNAME', 'churn_period_serialize';
CREATE FUNCTION kpi_internal.churn_period_deserialize(bytes bytea, unused internal) RETURNS internal
    LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE AS 'MODULE_PATHNAME', 'churn_period_deserialize';
CREATE FUNCTION kpi_internal.churn_period_accum(state internal, started_on date, ended_on date, period daterange) RETURNS internal
    LANGUAGE C IMMUTABLE PARALLEL SAFE AS 'MODULE_PATHNAME', 'churn_period_accum_date';
CREATE FUNCTION kpi_internal.churn_period_inv(state internal, started_on date, ended_on date, period daterange) RETURNS internal
    LANGUAGE C IMMUTABLE PARALLEL SAFE AS 'MODULE_PATHNAME', 'churn_period_inv_date';
CREATE FUNCTION kpi_internal.churn_period_accum(state internal, started_at timestamptz, ended_at timestamptz, period tstzrange) RETURNS internal
    LANGUAGE C IMMUTABLE PARALLEL SAFE AS 'MODULE_PATHNAME', 'churn_period_accum_tstz';
CREATE FUNCTION kpi_internal.churn_period_inv(state internal, started_at timestamptz, ended_at timestamptz, period tstzrange) RETURNS internal
    LANGUAGE C IMMUTABLE PARALLEL SAFE AS 'MODULE_PATHNAME', 'churn_period_inv_tstz';
CREATE FUNCTION kpi_internal.retention_period_accum(state internal, started_on date, ended_on date, period daterange) RETURNS internal
    LANGUAGE C IMMUTABLE PARALLEL SAFE AS 'MODULE_PATHNAME', 'retention_period_accum_date';
CREATE FUNCTION kpi_internal.retention_period_inv(state internal, started_on date, ended_on date, period daterange) RETURNS internal
    LANGUAGE C IMMUTABLE PARALLEL SAFE AS 'MODULE_PATHNAME', 'retention_period_inv_date';
CREATE FUNCTION kpi_internal.retention_period_accum(state internal, started_at timestamptz, ended_at timestamptz, period tstzrange) RETURNS internal
    LANGUAGE C IMMUTABLE PARALLEL SAFE AS 'MODULE_PATHNAME', 'retention_period_accum_tstz';
CREATE FUNCTION kpi_internal.retention_period_inv(state internal, started_at timestamptz, ended_at timestamptz, period tstzrange) RETURNS internal
    LANGUAGE C IMMUTABLE PARALLEL SAFE AS 'MODULE_PATHNAME', 'retention_period_inv_tstz';

CREATE AGGREGATE churn_rate(started_on date, ended_on date, period daterange) (
    SFUNC = kpi_internal.churn_period_accum, STYPE = internal, FINALFUNC = kpi_internal.ratio_final,
    COMBINEFUNC = kpi_internal.churn_period_combine, SERIALFUNC = kpi_internal.churn_period_serialize, DESERIALFUNC = kpi_internal.churn_period_deserialize,
    MSFUNC = kpi_internal.churn_period_accum, MINVFUNC = kpi_internal.churn_period_inv, MSTYPE = internal, MFINALFUNC = kpi_internal.ratio_final, PARALLEL = SAFE);
CREATE AGGREGATE churn_rate(started_at timestamptz, ended_at timestamptz, period tstzrange) (
    SFUNC = kpi_internal.churn_period_accum, STYPE = internal, FINALFUNC = kpi_internal.ratio_final,
    COMBINEFUNC = kpi_internal.churn_period_combine, SERIALFUNC = kpi_internal.churn_period_serialize, DESERIALFUNC = kpi_internal.churn_period_deserialize,
    MSFUNC = kpi_internal.churn_period_accum, MINVFUNC = kpi_internal.churn_period_inv, MSTYPE = internal, MFINALFUNC = kpi_internal.ratio_final, PARALLEL = SAFE);
CREATE AGGREGATE retention_rate(started_on date, ended_on date, period daterange) (
    SFUNC = kpi_internal.retention_period_accum, STYPE = internal, FINALFUNC = kpi_internal.ratio_complement_final,
    COMBINEFUNC = kpi_internal.churn_period_combine, SERIALFUNC = kpi_internal.churn_period_serialize, DESERIALFUNC = kpi_internal.churn_period_deserialize,
    MSFUNC = kpi_internal.retention_period_accum, MINVFUNC = kpi_internal.retention_period_inv, MSTYPE = internal, MFINALFUNC = kpi_internal.ratio_complement_final, PARALLEL = SAFE);
CREATE AGGREGATE retention_rate(started_at timestamptz, ended_at timestamptz, period tstzrange) (
    SFUNC = kpi_internal.retention_period_accum, STYPE = internal, FINALFUNC = kpi_internal.ratio_complement_final,
    COMBINEFUNC = kpi_internal.churn_period_combine, SERIALFUNC = kpi_internal.churn_period_serialize, DESERIALFUNC = kpi_internal.churn_period_deserialize,
    MSFUNC = kpi_internal.retention_period_accum, MINVFUNC = kpi_internal.retention_period_inv, MSTYPE = internal, MFINALFUNC = kpi_internal.ratio_complement_final, PARALLEL = SAFE);

COMMENT ON AGGREGATE churn_rate(date, date, daterange) IS 'Churn rate over one row per customer: percent of customers active at the start of the period (started_on < lower(period), not ended before it) whose ended_on falls inside the period; NULL when none was active; a NULL, unbounded, empty or changing period or an end before its start is error 22023';
COMMENT ON AGGREGATE retention_rate(date, date, daterange) IS 'Retention rate over one row per customer: 100 minus churn_rate(started_on, ended_on, period); NULL when none was active at the start of the period';
COMMENT ON FUNCTION kpi_internal.churn_period_accum(internal, date, date, daterange) IS 'churn_rate(date, date, daterange) transition function: classifies one customer against the period';
COMMENT ON FUNCTION kpi_internal.churn_period_inv(internal, date, date, daterange) IS 'churn_rate(date, date, daterange) moving-aggregate inverse: un-counts one customer';
COMMENT ON FUNCTION kpi_internal.retention_period_accum(internal, date, date, daterange) IS 'retention_rate(date, date, daterange) transition function: classifies one customer against the period';
COMMENT ON FUNCTION kpi_internal.retention_period_inv(internal, date, date, daterange) IS 'retention_rate(date, date, daterange) moving-aggregate inverse: un-counts one customer';
COMMENT ON AGGREGATE churn_rate(timestamptz, timestamptz, tstzrange) IS 'Churn rate over one row per customer: percent of customers active at the start of the period (started_at < lower(period), not ended before it) whose ended_at falls inside the period; NULL when none was active; a NULL, unbounded, empty or changing period or an end before its start is error 22023';
COMMENT ON AGGREGATE retention_rate(timestamptz, timestamptz, tstzrange) IS 'Retention rate over one row per customer: 100 minus churn_rate(started_at, ended_at, period); NULL when none was active at the start of the period';
COMMENT ON FUNCTION kpi_internal.churn_period_accum(internal, timestamptz, timestamptz, tstzrange) IS 'churn_rate(timestamptz, timestamptz, tstzrange) transition function: classifies one customer against the period';
COMMENT ON FUNCTION kpi_internal.churn_period_inv(internal, timestamptz, timestamptz, tstzrange) IS 'churn_rate(timestamptz, timestamptz, tstzrange) moving-aggregate inverse: un-counts one customer';
COMMENT ON FUNCTION kpi_internal.retention_period_accum(internal, timestamptz, timestamptz, tstzrange) IS 'retention_rate(timestamptz, timestamptz, tstzrange) transition function: classifies one customer against the period';
COMMENT ON FUNCTION kpi_internal.retention_period_inv(internal, timestamptz, timestamptz, tstzrange) IS 'retention_rate(timestamptz, timestamptz, tstzrange) moving-aggregate inverse: un-counts one customer';
COMMENT ON FUNCTION kpi_internal.churn_period_combine(internal, internal) IS 'churn_rate/retention_rate(start, end, period) combine function: adds two partial cohorts, which must share the period';
COMMENT ON FUNCTION kpi_internal.churn_period_serialize(internal) IS 'churn_rate/retention_rate(start, end, period) serialize function: state to bytea';
COMMENT ON FUNCTION kpi_internal.churn_period_deserialize(bytea, internal) IS 'churn_rate/retention_rate(start, end, period) deserialize function: bytea to state';
