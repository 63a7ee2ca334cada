-- churn_rate / retention_rate over counts and flags. States are hits/total (ratio_* functions).
CREATE FUNCTION kpi_internal.churn_counts_accum(state internal, customers_at_start integer, customers_lost integer) RETURNS internal
    LANGUAGE C IMMUTABLE PARALLEL SAFE AS 'MODULE_PATHNAME', 'churn_counts_accum_int4';
CREATE FUNCTION kpi_internal.churn_counts_accum(state internal, customers_at_start bigint, customers_lost bigint) RETURNS internal
    LANGUAGE C IMMUTABLE PARALLEL SAFE AS 'MODULE_PATHNAME', 'churn_counts_accum_int8';
CREATE FUNCTION kpi_internal.churn_counts_inv(state internal, customers_at_start integer, customers_lost integer) RETURNS internal
    LANGUAGE C IMMUTABLE PARALLEL SAFE AS 'MODULE_PATHNAME', 'churn_counts_inv_int4';
CREATE FUNCTION kpi_internal.churn_counts_inv(state internal, customers_at_start bigint, customers_lost bigint) RETURNS internal
    LANGUAGE C IMMUTABLE PARALLEL SAFE AS 'MODULE_PATHNAME', 'churn_counts_inv_int8';
CREATE FUNCTION kpi_internal.retention_lost_accum(state internal, customers_at_start integer, customers_lost integer) RETURNS internal
    LANGUAGE C IMMUTABLE PARALLEL SAFE AS 'MODULE_PATHNAME', 'retention_lost_accum_int4';
CREATE FUNCTION kpi_internal.retention_lost_accum(state internal, customers_at_start bigint, customers_lost bigint) RETURNS internal
    LANGUAGE C IMMUTABLE PARALLEL SAFE AS 'MODULE_PATHNAME', 'retention_lost_accum_int8';
CREATE FUNCTION kpi_internal.retention_lost_inv(state internal, customers_at_start integer, customers_lost integer) RETURNS internal
    LANGUAGE C IMMUTABLE PARALLEL SAFE AS 'MODULE_PATHNAME', 'retention_lost_inv_int4';
CREATE FUNCTION kpi_internal.retention_lost_inv(state internal, customers_at_start bigint, customers_lost bigint) RETURNS internal
    LANGUAGE C IMMUTABLE PARALLEL SAFE AS 'MODULE_PATHNAME', 'retention_lost_inv_int8';
CREATE FUNCTION kpi_internal.retention_counts_accum(state internal, customers_at_start integer, customers_at_end integer, new_customers integer) RETURNS internal
    LANGUAGE C IMMUTABLE PARALLEL SAFE AS 'MODULE_PATHNAME', 'retention_counts_accum_int4';
CREATE FUNCTION kpi_internal.retention_counts_accum(state internal, customers_at_start bigint, customers_at_end bigint, new_customers bigint) RETURNS internal
    LANGUAGE C IMMUTABLE PARALLEL SAFE AS 'MODULE_PATHNAME', 'retention_counts_accum_int8';
CREATE FUNCTION kpi_internal.retention_counts_inv(state internal, customers_at_start integer, customers_at_end integer, new_customers integer) RETURNS internal
    LANGUAGE C IMMUTABLE PARALLEL SAFE AS 'MODULE_PATHNAME', 'retention_counts_inv_int4';
CREATE FUNCTION kpi_internal.retention_counts_inv(state internal, customers_at_start bigint, customers_at_end bigint, new_customers bigint) RETURNS internal
    LANGUAGE C IMMUTABLE PARALLEL SAFE AS 'MODULE_PATHNAME', 'retention_counts_inv_int8';
CREATE FUNCTION kpi_internal.churn_flags_accum(state internal, active_at_start boolean, lost boolean) RETURNS internal
    LANGUAGE C IMMUTABLE PARALLEL SAFE AS 'MODULE_PATHNAME', 'churn_flags_accum';
CREATE FUNCTION kpi_internal.churn_flags_inv(state internal, active_at_start boolean, lost boolean) RETURNS internal
    LANGUAGE C IMMUTABLE PARALLEL SAFE AS 'MODULE_PATHNAME', 'churn_flags_inv';

CREATE AGGREGATE churn_rate(customers_at_start integer, customers_lost integer) (
    SFUNC = kpi_internal.churn_counts_accum, STYPE = internal, SSPACE = 16, FINALFUNC = kpi_internal.ratio_final,
    COMBINEFUNC = kpi_internal.ratio_combine, SERIALFUNC = kpi_internal.ratio_serialize, DESERIALFUNC = kpi_internal.ratio_deserialize,
    MSFUNC = kpi_internal.churn_counts_accum, MINVFUNC = kpi_internal.churn_counts_inv, MSTYPE = internal, MSSPACE = 16,
    MFINALFUNC = kpi_internal.ratio_final, PARALLEL = SAFE);
CREATE AGGREGATE churn_rate(customers_at_start bigint, customers_lost bigint) (
    SFUNC = kpi_internal.churn_counts_accum, STYPE = internal, SSPACE = 16, FINALFUNC = kpi_internal.ratio_final,
    COMBINEFUNC = kpi_internal.ratio_combine, SERIALFUNC = kpi_internal.ratio_serialize, DESERIALFUNC = kpi_internal.ratio_deserialize,
    MSFUNC = kpi_internal.churn_counts_accum, MINVFUNC = kpi_internal.churn_counts_inv, MSTYPE = internal, MSSPACE = 16,
    MFINALFUNC = kpi_internal.ratio_final, PARALLEL = SAFE);
CREATE AGGREGATE churn_rate(active_at_start boolean, lost boolean) (
    SFUNC = kpi_internal.churn_flags_accum, STYPE = internal, SSPACE = 16, FINALFUNC = kpi_internal.ratio_final,
    COMBINEFUNC = kpi_internal.ratio_combine, SERIALFUNC = kpi_internal.ratio_serialize, DESERIALFUNC = kpi_internal.ratio_deserialize,
    MSFUNC = kpi_internal.churn_flags_accum, MINVFUNC = kpi_internal.churn_flags_inv, MSTYPE = internal, MSSPACE = 16,
    MFINALFUNC = kpi_internal.ratio_final, PARALLEL = SAFE);
CREATE AGGREGATE retention_rate(customers_at_start integer, customers_lost integer) (
    SFUNC = kpi_internal.retention_lost_accum, STYPE = internal, SSPACE = 16, FINALFUNC = kpi_internal.ratio_complement_final,
    COMBINEFUNC = kpi_internal.ratio_combine, SERIALFUNC = kpi_internal.ratio_serialize, DESERIALFUNC = kpi_internal.ratio_deserialize,
    MSFUNC = kpi_internal.retention_lost_accum, MINVFUNC = kpi_internal.retention_lost_inv, MSTYPE = internal, MSSPACE = 16,
    MFINALFUNC = kpi_internal.ratio_complement_final, PARALLEL = SAFE);
CREATE AGGREGATE retention_rate(customers_at_start bigint, customers_lost bigint) (
    SFUNC = kpi_internal.retention_lost_accum, STYPE = internal, SSPACE = 16, FINALFUNC = kpi_internal.ratio_complement_final,
    COMBINEFUNC = kpi_internal.ratio_combine, SERIALFUNC = kpi_internal.ratio_serialize, DESERIALFUNC = kpi_internal.ratio_deserialize,
    MSFUNC = kpi_internal.retention_lost_accum, MINVFUNC = kpi_internal.retention_lost_inv, MSTYPE = internal, MSSPACE = 16,
    MFINALFUNC = kpi_internal.ratio_complement_final, PARALLEL = SAFE);
CREATE AGGREGATE retention_rate(active_at_start boolean, lost boolean) (
    SFUNC = kpi_internal.churn_flags_accum, STYPE = internal, SSPACE = 16, FINALFUNC = kpi_internal.ratio_complement_final,
    COMBINEFUNC = kpi_internal.ratio_combine, SERIALFUNC = kpi_internal.ratio_serialize, DESERIALFUNC = kpi_internal.ratio_deserialize,
    MSFUNC = kpi_internal.churn_flags_accum, MINVFUNC = kpi_internal.churn_flags_inv, MSTYPE = internal, MSSPACE = 16,
    MFINALFUNC = kpi_internal.ratio_complement_final, PARALLEL = SAFE);
CREATE AGGREGATE retention_rate(customers_at_start integer, customers_at_end integer, new_customers integer) (
    SFUNC = kpi_internal.retention_counts_accum, STYPE = internal, SSPACE = 16, FINALFUNC = kpi_internal.ratio_final,
    COMBINEFUNC = kpi_internal.ratio_combine, SERIALFUNC = kpi_internal.ratio_serialize, DESERIALFUNC = kpi_internal.ratio_deserialize,
    MSFUNC = kpi_internal.retention_counts_accum, MINVFUNC = kpi_internal.retention_counts_inv, MSTYPE = internal, MSSPACE = 16,
    MFINALFUNC = kpi_internal.ratio_final, PARALLEL = SAFE);
CREATE AGGREGATE retention_rate(customers_at_start bigint, customers_at_end bigint, new_customers bigint) (
    SFUNC = kpi_internal.retention_counts_accum, STYPE = internal, SSPACE = 16, FINALFUNC = kpi_internal.ratio_final,
    COMBINEFUNC = kpi_internal.ratio_combine, SERIALFUNC = kpi_internal.ratio_serialize, DESERIALFUNC = kpi_internal.ratio_deserialize,
    MSFUNC = kpi_internal.retention_counts_accum, MINVFUNC = kpi_internal.retention_counts_inv, MSTYPE = internal, MSSPACE = 16,
    MFINALFUNC = kpi_internal.ratio_final, PARALLEL = SAFE);

COMMENT ON AGGREGATE churn_rate(integer, integer) IS 'Churn rate from count rows: 100 * sum(customers_lost) / sum(customers_at_start); negative counts are error 22003, lost > at start is 22023; NULL when the cohort is empty';
COMMENT ON AGGREGATE churn_rate(bigint, bigint) IS 'Churn rate from count rows: 100 * sum(customers_lost) / sum(customers_at_start); negative counts are error 22003, lost > at start is 22023; NULL when the cohort is empty';
COMMENT ON AGGREGATE churn_rate(boolean, boolean) IS 'Churn rate from one row per customer: percent lost among rows with active_at_start true; rows with a NULL are skipped; NULL when the cohort is empty';
COMMENT ON AGGREGATE retention_rate(integer, integer) IS 'Retention rate from count rows: 100 minus churn_rate(customers_at_start, customers_lost); NULL when the cohort is empty';
COMMENT ON AGGREGATE retention_rate(bigint, bigint) IS 'Retention rate from count rows: 100 minus churn_rate(customers_at_start, customers_lost); NULL when the cohort is empty';
COMMENT ON AGGREGATE retention_rate(boolean, boolean) IS 'Retention rate from one row per customer: percent not lost among rows with active_at_start true; NULL when the cohort is empty';
COMMENT ON AGGREGATE retention_rate(integer, integer, integer) IS 'Customer retention rate: 100 * (sum(customers_at_end) - sum(new_customers)) / sum(customers_at_start); negative counts 22003, inconsistent counts 22023; NULL when the cohort is empty';
COMMENT ON AGGREGATE retention_rate(bigint, bigint, bigint) IS 'Customer retention rate: 100 * (sum(customers_at_end) - sum(new_customers)) / sum(customers_at_start); negative counts 22003, inconsistent counts 22023; NULL when the cohort is empty';
COMMENT ON FUNCTION kpi_internal.churn_counts_accum(internal, integer, integer) IS 'churn_rate(counts) transition function: adds one row of customers at start and lost';
COMMENT ON FUNCTION kpi_internal.churn_counts_accum(internal, bigint, bigint) IS 'churn_rate(counts) transition function: adds one row of customers at start and lost';
COMMENT ON FUNCTION kpi_internal.churn_counts_inv(internal, integer, integer) IS 'churn_rate(counts) moving-aggregate inverse: removes one row';
COMMENT ON FUNCTION kpi_internal.churn_counts_inv(internal, bigint, bigint) IS 'churn_rate(counts) moving-aggregate inverse: removes one row';
COMMENT ON FUNCTION kpi_internal.retention_lost_accum(internal, integer, integer) IS 'retention_rate(counts) transition function: adds one row of customers at start and lost';
COMMENT ON FUNCTION kpi_internal.retention_lost_accum(internal, bigint, bigint) IS 'retention_rate(counts) transition function: adds one row of customers at start and lost';
COMMENT ON FUNCTION kpi_internal.retention_lost_inv(internal, integer, integer) IS 'retention_rate(counts) moving-aggregate inverse: removes one row';
COMMENT ON FUNCTION kpi_internal.retention_lost_inv(internal, bigint, bigint) IS 'retention_rate(counts) moving-aggregate inverse: removes one row';
COMMENT ON FUNCTION kpi_internal.retention_counts_accum(internal, integer, integer, integer) IS 'retention_rate(start, end, new) transition function: adds one row';
COMMENT ON FUNCTION kpi_internal.retention_counts_accum(internal, bigint, bigint, bigint) IS 'retention_rate(start, end, new) transition function: adds one row';
COMMENT ON FUNCTION kpi_internal.retention_counts_inv(internal, integer, integer, integer) IS 'retention_rate(start, end, new) moving-aggregate inverse: removes one row';
COMMENT ON FUNCTION kpi_internal.retention_counts_inv(internal, bigint, bigint, bigint) IS 'retention_rate(start, end, new) moving-aggregate inverse: removes one row';
COMMENT ON FUNCTION kpi_internal.churn_flags_accum(internal, boolean, boolean) IS 'churn_rate/retention_rate(boolean, boolean) transition function: counts one customer of the cohort';
COMMENT ON FUNCTION kpi_internal.churn_flags_inv(internal, boolean, boolean) IS 'churn_rate/retention_rate(boolean, boolean) moving-aggregate inverse: un-counts one customer';
