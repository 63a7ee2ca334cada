-- pg_kpi 0.3.0 -> 0.4.0
-- complain if script is sourced in psql, rather than via ALTER EXTENSION
\echo Use "ALTER EXTENSION pg_kpi UPDATE TO '0.4.0'" to load this file. \quit

-- combine(summary) for every summary type: the same aggregate as rollup(summary), under a name that
-- BI tools' SQL parsers accept. Survival: survivalsummary, survival_agg(), its accessors. Cohorts:
-- cohortsummary, cohort_agg(), retention_matrix(), retention_curve(), retention_at(). Customer
-- models: customermodel and its fits. Health: health_score(), tiers (tiersummary), retention cost,
-- referral value (referralsummary).
-- Every statement here is also in the fresh install script, in the .sql file beside its module.

-- src/kpi/ces_summary.sql
-- combine(): the same aggregate as rollup() (the same support functions), under a name that BI
-- tools' SQL parsers accept: to sqlglot (Superset) and standard SQL, ROLLUP is a reserved word
CREATE AGGREGATE combine(summary cessummary) (
    SFUNC = kpi_internal.ces_rollup_accum, STYPE = internal, FINALFUNC = kpi_internal.ces_summary_final,
    COMBINEFUNC = kpi_internal.ces_rollup_combine, SERIALFUNC = kpi_internal.ces_rollup_serialize, DESERIALFUNC = kpi_internal.ces_rollup_deserialize,
    MSFUNC = kpi_internal.ces_rollup_accum, MINVFUNC = kpi_internal.ces_rollup_inv, MSTYPE = internal, MFINALFUNC = kpi_internal.ces_summary_final, PARALLEL = SAFE);
COMMENT ON AGGREGATE combine(cessummary) IS 'Adds CES summaries exactly (any period, any segment); parallel, and a moving form for rolling windows; NULL summaries skipped; the same aggregate as rollup(cessummary), named so BI tools'' SQL parsers accept it (ROLLUP is a reserved word to them)';

-- src/kpi/churn_summary.sql
-- combine(): the same aggregate as rollup() (the same support functions), under a name that BI
-- tools' SQL parsers accept: to sqlglot (Superset) and standard SQL, ROLLUP is a reserved word
CREATE AGGREGATE combine(summary churnsummary) (
    SFUNC = kpi_internal.churn_rollup_accum, STYPE = internal, FINALFUNC = kpi_internal.churn_summary_final,
    COMBINEFUNC = kpi_internal.churn_period_combine, SERIALFUNC = kpi_internal.churn_period_serialize, DESERIALFUNC = kpi_internal.churn_period_deserialize,
    MSFUNC = kpi_internal.churn_rollup_accum, MINVFUNC = kpi_internal.churn_rollup_inv, MSTYPE = internal, MFINALFUNC = kpi_internal.churn_summary_final, PARALLEL = SAFE);
COMMENT ON AGGREGATE combine(churnsummary) IS 'Adds churn cohorts exactly (segments, or count rows of several periods); cohorts over different periods are error 22023; parallel, moving form; NULL summaries skipped; the same aggregate as rollup(churnsummary), named so BI tools'' SQL parsers accept it (ROLLUP is a reserved word to them)';

-- src/kpi/clv_summary.sql
-- combine(): the same aggregate as rollup() (the same support functions), under a name that BI
-- tools' SQL parsers accept: to sqlglot (Superset) and standard SQL, ROLLUP is a reserved word
CREATE AGGREGATE combine(summary clvsummary) (
    SFUNC = kpi_internal.clv_rollup_accum, STYPE = internal, FINALFUNC = kpi_internal.clv_summary_final,
    COMBINEFUNC = kpi_internal.clv_rollup_combine, SERIALFUNC = kpi_internal.clv_rollup_serialize, DESERIALFUNC = kpi_internal.clv_rollup_deserialize,
    MSFUNC = kpi_internal.clv_rollup_accum, MINVFUNC = kpi_internal.clv_rollup_inv, MSTYPE = internal, MFINALFUNC = kpi_internal.clv_summary_final, PARALLEL = SAFE);
COMMENT ON AGGREGATE combine(clvsummary) IS 'Adds CLV summaries exactly (any period, any segment); parallel, and a moving form for rolling windows; NULL summaries skipped; the same aggregate as rollup(clvsummary), named so BI tools'' SQL parsers accept it (ROLLUP is a reserved word to them)';

-- src/kpi/csat_summary.sql
-- combine(): the same aggregate as rollup() (the same support functions), under a name that BI
-- tools' SQL parsers accept: to sqlglot (Superset) and standard SQL, ROLLUP is a reserved word
CREATE AGGREGATE combine(summary csatsummary) (
    SFUNC = kpi_internal.csat_rollup_accum, STYPE = internal, FINALFUNC = kpi_internal.csat_summary_final,
    COMBINEFUNC = kpi_internal.csat_summary_combine, SERIALFUNC = kpi_internal.csat_summary_serialize, DESERIALFUNC = kpi_internal.csat_summary_deserialize,
    MSFUNC = kpi_internal.csat_rollup_accum, MINVFUNC = kpi_internal.csat_rollup_inv, MSTYPE = internal, MFINALFUNC = kpi_internal.csat_summary_final, PARALLEL = SAFE);
COMMENT ON AGGREGATE combine(csatsummary) IS 'Adds CSAT summaries exactly (any period, any segment); summaries with different thresholds are error 22023; parallel, moving form; NULL summaries skipped; the same aggregate as rollup(csatsummary), named so BI tools'' SQL parsers accept it (ROLLUP is a reserved word to them)';

-- src/kpi/mrr.sql
-- combine(): the same aggregate as rollup() (the same support functions), under a name that BI
-- tools' SQL parsers accept: to sqlglot (Superset) and standard SQL, ROLLUP is a reserved word
CREATE AGGREGATE combine(summary mrrsummary) (
    SFUNC = kpi_internal.mrr_rollup_accum, STYPE = internal, FINALFUNC = kpi_internal.mrr_summary_final,
    COMBINEFUNC = kpi_internal.mrr_combine, SERIALFUNC = kpi_internal.mrr_serialize, DESERIALFUNC = kpi_internal.mrr_deserialize,
    MSFUNC = kpi_internal.mrr_rollup_accum, MINVFUNC = kpi_internal.mrr_rollup_inv, MSTYPE = internal, MFINALFUNC = kpi_internal.mrr_summary_final, PARALLEL = SAFE);
COMMENT ON AGGREGATE combine(mrrsummary) IS 'Adds MRR summaries of the same period exactly (disjoint customer segments); summaries of different periods, or with and without a period, are error 22023; parallel, moving form; NULL summaries skipped; the same aggregate as rollup(mrrsummary), named so BI tools'' SQL parsers accept it (ROLLUP is a reserved word to them)';

-- src/kpi/nps_summary.sql
-- combine(): the same aggregate as rollup() (the same support functions), under a name that BI
-- tools' SQL parsers accept: to sqlglot (Superset) and standard SQL, ROLLUP is a reserved word
CREATE AGGREGATE combine(summary npssummary) (
    SFUNC = kpi_internal.nps_rollup_accum, STYPE = internal, FINALFUNC = kpi_internal.nps_summary_final,
    COMBINEFUNC = kpi_internal.nps_combine, SERIALFUNC = kpi_internal.nps_serialize, DESERIALFUNC = kpi_internal.nps_deserialize,
    MSFUNC = kpi_internal.nps_rollup_accum, MINVFUNC = kpi_internal.nps_rollup_inv, MSTYPE = internal, MFINALFUNC = kpi_internal.nps_summary_final, PARALLEL = SAFE);
COMMENT ON AGGREGATE combine(npssummary) IS 'Adds NPS summaries exactly (any period, any segment); parallel, and a moving form for rolling windows; NULL summaries skipped; the same aggregate as rollup(npssummary), named so BI tools'' SQL parsers accept it (ROLLUP is a reserved word to them)';

-- src/kpi/share_summary.sql
-- combine(): the same aggregate as rollup() (the same support functions), under a name that BI
-- tools' SQL parsers accept: to sqlglot (Superset) and standard SQL, ROLLUP is a reserved word
CREATE AGGREGATE combine(summary sharesummary) (
    SFUNC = kpi_internal.share_rollup_accum, STYPE = internal, FINALFUNC = kpi_internal.share_summary_final,
    COMBINEFUNC = kpi_internal.share_rollup_combine, SERIALFUNC = kpi_internal.share_rollup_serialize, DESERIALFUNC = kpi_internal.share_rollup_deserialize,
    MSFUNC = kpi_internal.share_rollup_accum, MINVFUNC = kpi_internal.share_rollup_inv, MSTYPE = internal, MFINALFUNC = kpi_internal.share_summary_final, PARALLEL = SAFE);
COMMENT ON AGGREGATE combine(sharesummary) IS 'Adds share summaries exactly (any period, any segment); parallel, and a moving form for rolling windows; NULL summaries skipped; the same aggregate as rollup(sharesummary), named so BI tools'' SQL parsers accept it (ROLLUP is a reserved word to them)';

-- src/kpi/survival.sql
-- survivalsummary: how long customers stay. survival_agg() over durations or dates builds a life
-- table (customers entering, churning, censored per duration), combine() adds tables, and the
-- accessors read the Kaplan-Meier curve. Included by survival_sql.rs.
CREATE TYPE survivalsummary;
CREATE FUNCTION kpi_internal.survivalsummary_in(text cstring) RETURNS survivalsummary
    LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE AS 'MODULE_PATHNAME', 'survivalsummary_in';
CREATE FUNCTION kpi_internal.survivalsummary_out(summary survivalsummary) RETURNS cstring
    LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE AS 'MODULE_PATHNAME', 'survivalsummary_out';
CREATE FUNCTION kpi_internal.survivalsummary_recv(buf internal) RETURNS survivalsummary
    LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE AS 'MODULE_PATHNAME', 'survivalsummary_recv';
CREATE FUNCTION kpi_internal.survivalsummary_send(summary survivalsummary) RETURNS bytea
    LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE AS 'MODULE_PATHNAME', 'survivalsummary_send';
CREATE TYPE survivalsummary (
    INPUT = kpi_internal.survivalsummary_in, OUTPUT = kpi_internal.survivalsummary_out,
    RECEIVE = kpi_internal.survivalsummary_recv, SEND = kpi_internal.survivalsummary_send,
    INTERNALLENGTH = VARIABLE, STORAGE = extended
);
COMMENT ON TYPE survivalsummary IS 'Life table of a set of customers: per duration, the customers entering observation (0, or later for late entry), churning and censored, exact and stored versioned; text {"v":1,"times":[[time,entered,churned,censored],...]}; combine with combine(), read with survival_at(), survival_curve(), median_lifetime(), rmst(), logrank_test(), lifetime_value()';
COMMENT ON FUNCTION kpi_internal.survivalsummary_in(cstring) IS 'survivalsummary input; malformed text, or a table where customers leave who were not at risk, is error 22P02';
COMMENT ON FUNCTION kpi_internal.survivalsummary_out(survivalsummary) IS 'survivalsummary output: {"v":1,"times":[[time,entered,churned,censored],...]}';
COMMENT ON FUNCTION kpi_internal.survivalsummary_recv(internal) IS 'survivalsummary binary input; impossible bytes are error 22P02';
COMMENT ON FUNCTION kpi_internal.survivalsummary_send(survivalsummary) IS 'survivalsummary binary output: version byte, row count, then per row time step, entered, churned, censored as LEB128 numbers';


CREATE FUNCTION kpi_internal.survival_accum(state internal, duration integer, churned boolean) RETURNS internal
    LANGUAGE C IMMUTABLE PARALLEL SAFE AS 'MODULE_PATHNAME', 'survival_accum_int4';
CREATE FUNCTION kpi_internal.survival_inv(state internal, duration integer, churned boolean) RETURNS internal
    LANGUAGE C IMMUTABLE PARALLEL SAFE AS 'MODULE_PATHNAME', 'survival_inv_int4';
CREATE FUNCTION kpi_internal.survival_accum(state internal, duration bigint, churned boolean) RETURNS internal
    LANGUAGE C IMMUTABLE PARALLEL SAFE AS 'MODULE_PATHNAME', 'survival_accum_int8';
CREATE FUNCTION kpi_internal.survival_inv(state internal, duration bigint, churned boolean) RETURNS internal
    LANGUAGE C IMMUTABLE PARALLEL SAFE AS 'MODULE_PATHNAME', 'survival_inv_int8';
CREATE FUNCTION kpi_internal.survival_accum(state internal, duration integer, churned boolean, entry integer) RETURNS internal
    LANGUAGE C IMMUTABLE PARALLEL SAFE AS 'MODULE_PATHNAME', 'survival_entry_accum_int4';
CREATE FUNCTION kpi_internal.survival_inv(state internal, duration integer, churned boolean, entry integer) RETURNS internal
    LANGUAGE C IMMUTABLE PARALLEL SAFE AS 'MODULE_PATHNAME', 'survival_entry_inv_int4';
CREATE FUNCTION kpi_internal.survival_accum(state internal, duration bigint, churned boolean, entry bigint) RETURNS internal
    LANGUAGE C IMMUTABLE PARALLEL SAFE AS 'MODULE_PATHNAME', 'survival_entry_accum_int8';
CREATE FUNCTION kpi_internal.survival_inv(state internal, duration bigint, churned boolean, entry bigint) RETURNS internal
    LANGUAGE C IMMUTABLE PARALLEL SAFE AS 'MODULE_PATHNAME', 'survival_entry_inv_int8';
CREATE FUNCTION kpi_internal.survival_accum(state internal, started_on date, ended_on date, as_of date) RETURNS internal
    LANGUAGE C IMMUTABLE PARALLEL SAFE AS 'MODULE_PATHNAME', 'survival_dates_accum';
CREATE FUNCTION kpi_internal.survival_inv(state internal, started_on date, ended_on date, as_of date) RETURNS internal
    LANGUAGE C IMMUTABLE PARALLEL SAFE AS 'MODULE_PATHNAME', 'survival_dates_inv';
CREATE FUNCTION kpi_internal.survival_accum(state internal, started_on date, ended_on date, as_of date, observed_from date) RETURNS internal
    LANGUAGE C IMMUTABLE PARALLEL SAFE AS 'MODULE_PATHNAME', 'survival_window_accum';
CREATE FUNCTION kpi_internal.survival_inv(state internal, started_on date, ended_on date, as_of date, observed_from date) RETURNS internal
    LANGUAGE C IMMUTABLE PARALLEL SAFE AS 'MODULE_PATHNAME', 'survival_window_inv';
CREATE FUNCTION kpi_internal.survival_combine_accum(state internal, summary survivalsummary) RETURNS internal
    LANGUAGE C IMMUTABLE PARALLEL SAFE AS 'MODULE_PATHNAME', 'survival_combine_accum';
CREATE FUNCTION kpi_internal.survival_combine_inv(state internal, summary survivalsummary) RETURNS internal
    LANGUAGE C IMMUTABLE PARALLEL SAFE AS 'MODULE_PATHNAME', 'survival_combine_inv';
CREATE FUNCTION kpi_internal.survival_combine(state internal, other internal) RETURNS internal
    LANGUAGE C IMMUTABLE PARALLEL SAFE AS 'MODULE_PATHNAME', 'survival_combine';
CREATE FUNCTION kpi_internal.survival_serialize(state internal) RETURNS bytea
    LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE AS 'MODULE_PATHNAME', 'survival_serialize';
CREATE FUNCTION kpi_internal.survival_deserialize(bytes bytea, unused internal) RETURNS internal
    LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE AS 'MODULE_PATHNAME', 'survival_deserialize';
CREATE FUNCTION kpi_internal.survival_final(state internal) RETURNS survivalsummary
    LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE AS 'MODULE_PATHNAME', 'survival_final';
CREATE AGGREGATE survival_agg(duration integer, churned boolean) (
    SFUNC = kpi_internal.survival_accum, STYPE = internal, FINALFUNC = kpi_internal.survival_final,
    COMBINEFUNC = kpi_internal.survival_combine, SERIALFUNC = kpi_internal.survival_serialize, DESERIALFUNC = kpi_internal.survival_deserialize,
    MSFUNC = kpi_internal.survival_accum, MINVFUNC = kpi_internal.survival_inv, MSTYPE = internal, MFINALFUNC = kpi_internal.survival_final, PARALLEL = SAFE);
CREATE AGGREGATE survival_agg(duration bigint, churned boolean) (
    SFUNC = kpi_internal.survival_accum, STYPE = internal, FINALFUNC = kpi_internal.survival_final,
    COMBINEFUNC = kpi_internal.survival_combine, SERIALFUNC = kpi_internal.survival_serialize, DESERIALFUNC = kpi_internal.survival_deserialize,
    MSFUNC = kpi_internal.survival_accum, MINVFUNC = kpi_internal.survival_inv, MSTYPE = internal, MFINALFUNC = kpi_internal.survival_final, PARALLEL = SAFE);
CREATE AGGREGATE survival_agg(duration integer, churned boolean, entry integer) (
    SFUNC = kpi_internal.survival_accum, STYPE = internal, FINALFUNC = kpi_internal.survival_final,
    COMBINEFUNC = kpi_internal.survival_combine, SERIALFUNC = kpi_internal.survival_serialize, DESERIALFUNC = kpi_internal.survival_deserialize,
    MSFUNC = kpi_internal.survival_accum, MINVFUNC = kpi_internal.survival_inv, MSTYPE = internal, MFINALFUNC = kpi_internal.survival_final, PARALLEL = SAFE);
CREATE AGGREGATE survival_agg(duration bigint, churned boolean, entry bigint) (
    SFUNC = kpi_internal.survival_accum, STYPE = internal, FINALFUNC = kpi_internal.survival_final,
    COMBINEFUNC = kpi_internal.survival_combine, SERIALFUNC = kpi_internal.survival_serialize, DESERIALFUNC = kpi_internal.survival_deserialize,
    MSFUNC = kpi_internal.survival_accum, MINVFUNC = kpi_internal.survival_inv, MSTYPE = internal, MFINALFUNC = kpi_internal.survival_final, PARALLEL = SAFE);
CREATE AGGREGATE survival_agg(started_on date, ended_on date, as_of date) (
    SFUNC = kpi_internal.survival_accum, STYPE = internal, FINALFUNC = kpi_internal.survival_final,
    COMBINEFUNC = kpi_internal.survival_combine, SERIALFUNC = kpi_internal.survival_serialize, DESERIALFUNC = kpi_internal.survival_deserialize,
    MSFUNC = kpi_internal.survival_accum, MINVFUNC = kpi_internal.survival_inv, MSTYPE = internal, MFINALFUNC = kpi_internal.survival_final, PARALLEL = SAFE);
CREATE AGGREGATE survival_agg(started_on date, ended_on date, as_of date, observed_from date) (
    SFUNC = kpi_internal.survival_accum, STYPE = internal, FINALFUNC = kpi_internal.survival_final,
    COMBINEFUNC = kpi_internal.survival_combine, SERIALFUNC = kpi_internal.survival_serialize, DESERIALFUNC = kpi_internal.survival_deserialize,
    MSFUNC = kpi_internal.survival_accum, MINVFUNC = kpi_internal.survival_inv, MSTYPE = internal, MFINALFUNC = kpi_internal.survival_final, PARALLEL = SAFE);
CREATE AGGREGATE rollup(summary survivalsummary) (
    SFUNC = kpi_internal.survival_combine_accum, STYPE = internal, FINALFUNC = kpi_internal.survival_final,
    COMBINEFUNC = kpi_internal.survival_combine, SERIALFUNC = kpi_internal.survival_serialize, DESERIALFUNC = kpi_internal.survival_deserialize,
    MSFUNC = kpi_internal.survival_combine_accum, MINVFUNC = kpi_internal.survival_combine_inv, MSTYPE = internal, MFINALFUNC = kpi_internal.survival_final, PARALLEL = SAFE);
-- combine(): the same aggregate as rollup() (the same support functions), under a name that BI
-- tools' SQL parsers accept: to sqlglot (Superset) and standard SQL, ROLLUP is a reserved word
CREATE AGGREGATE combine(summary survivalsummary) (
    SFUNC = kpi_internal.survival_combine_accum, STYPE = internal, FINALFUNC = kpi_internal.survival_final,
    COMBINEFUNC = kpi_internal.survival_combine, SERIALFUNC = kpi_internal.survival_serialize, DESERIALFUNC = kpi_internal.survival_deserialize,
    MSFUNC = kpi_internal.survival_combine_accum, MINVFUNC = kpi_internal.survival_combine_inv, MSTYPE = internal, MFINALFUNC = kpi_internal.survival_final, PARALLEL = SAFE);
COMMENT ON AGGREGATE survival_agg(integer, boolean) IS 'Life table (survivalsummary) of customers observed for a duration (whole days or periods), churned or still customers (censored); NULL durations or flags skipped; a negative duration is error 22003';
COMMENT ON AGGREGATE survival_agg(bigint, boolean) IS 'Life table (survivalsummary) of customers observed for a duration (whole days or periods), churned or still customers (censored); NULL durations or flags skipped; a negative duration is error 22003';
COMMENT ON AGGREGATE survival_agg(integer, boolean, integer) IS 'Life table with late entry: customers observed from entry (their duration when the data window opened; NULL is 0) to duration; an entry not before the duration is error 22023';
COMMENT ON AGGREGATE survival_agg(bigint, boolean, bigint) IS 'Life table with late entry: customers observed from entry (their duration when the data window opened; NULL is 0) to duration; an entry not before the duration is error 22023';
COMMENT ON AGGREGATE survival_agg(date, date, date) IS 'Life table in days from start and end dates: churned when ended_on <= as_of, else censored at as_of; customers starting after as_of skipped; an end before its start is error 22023';
COMMENT ON AGGREGATE survival_agg(date, date, date, date) IS 'Life table in days with late entry: customers who started before observed_from enter at observed_from - started_on, those who ended on or before it are left out; churned when ended_on <= as_of, else censored at as_of';
COMMENT ON AGGREGATE rollup(survivalsummary) IS 'Adds life tables (segments, days, shards) exactly, count by count; parallel, and a moving form for rolling windows; NULL summaries skipped';
COMMENT ON AGGREGATE combine(survivalsummary) IS 'Adds life tables (segments, days, shards) exactly, count by count; parallel, and a moving form for rolling windows; NULL summaries skipped; the same aggregate as rollup(survivalsummary), named so BI tools'' SQL parsers accept it (ROLLUP is a reserved word to them)';
COMMENT ON FUNCTION kpi_internal.survival_accum(internal, integer, boolean) IS 'survival_agg() transition: counts one customer';
COMMENT ON FUNCTION kpi_internal.survival_inv(internal, integer, boolean) IS 'survival_agg() moving-aggregate inverse: un-counts one customer leaving a window frame';
COMMENT ON FUNCTION kpi_internal.survival_accum(internal, bigint, boolean) IS 'survival_agg() transition: counts one customer';
COMMENT ON FUNCTION kpi_internal.survival_inv(internal, bigint, boolean) IS 'survival_agg() moving-aggregate inverse: un-counts one customer leaving a window frame';
COMMENT ON FUNCTION kpi_internal.survival_accum(internal, integer, boolean, integer) IS 'survival_agg() transition with late entry: counts one customer';
COMMENT ON FUNCTION kpi_internal.survival_inv(internal, integer, boolean, integer) IS 'survival_agg() moving-aggregate inverse with late entry: un-counts one customer';
COMMENT ON FUNCTION kpi_internal.survival_accum(internal, bigint, boolean, bigint) IS 'survival_agg() transition with late entry: counts one customer';
COMMENT ON FUNCTION kpi_internal.survival_inv(internal, bigint, boolean, bigint) IS 'survival_agg() moving-aggregate inverse with late entry: un-counts one customer';
COMMENT ON FUNCTION kpi_internal.survival_accum(internal, date, date, date) IS 'survival_agg() transition over dates: counts one customer in days';
COMMENT ON FUNCTION kpi_internal.survival_inv(internal, date, date, date) IS 'survival_agg() moving-aggregate inverse over dates: un-counts one customer';
COMMENT ON FUNCTION kpi_internal.survival_accum(internal, date, date, date, date) IS 'survival_agg() transition over dates with a data window: counts one customer in days, with late entry';
COMMENT ON FUNCTION kpi_internal.survival_inv(internal, date, date, date, date) IS 'survival_agg() moving-aggregate inverse over dates with a data window: un-counts one customer';
COMMENT ON FUNCTION kpi_internal.survival_combine_accum(internal, survivalsummary) IS 'rollup(survivalsummary) and combine(survivalsummary) transition: adds one life table';
COMMENT ON FUNCTION kpi_internal.survival_combine_inv(internal, survivalsummary) IS 'rollup(survivalsummary) and combine(survivalsummary) moving-aggregate inverse: removes a life table leaving a window frame';
COMMENT ON FUNCTION kpi_internal.survival_combine(internal, internal) IS 'survival_agg(), rollup() and combine() of survivalsummary: combine function: adds two partial life tables (parallel aggregation)';
COMMENT ON FUNCTION kpi_internal.survival_serialize(internal) IS 'survival_agg() serialize function: life table to bytea (its stored form) for parallel workers';
COMMENT ON FUNCTION kpi_internal.survival_deserialize(bytea, internal) IS 'survival_agg() deserialize function: bytea from a parallel worker to a life table';
COMMENT ON FUNCTION kpi_internal.survival_final(internal) IS 'survival_agg(), rollup() and combine() of survivalsummary: final function: the life table as a survivalsummary';

CREATE FUNCTION customers(summary survivalsummary) RETURNS bigint
    LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE AS 'MODULE_PATHNAME', 'survivalsummary_customers';
CREATE FUNCTION churned_customers(summary survivalsummary) RETURNS bigint
    LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE AS 'MODULE_PATHNAME', 'survivalsummary_churned';
CREATE FUNCTION survival_at(summary survivalsummary, duration double precision) RETURNS double precision
    LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE AS 'MODULE_PATHNAME', 'survival_at';
CREATE FUNCTION survival_std_error(summary survivalsummary, duration double precision) RETURNS double precision
    LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE AS 'MODULE_PATHNAME', 'survival_std_error';
CREATE FUNCTION survival_lower(summary survivalsummary, duration double precision) RETURNS double precision
    LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE AS 'MODULE_PATHNAME', 'survival_lower';
CREATE FUNCTION survival_lower(summary survivalsummary, duration double precision, confidence double precision) RETURNS double precision
    LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE AS 'MODULE_PATHNAME', 'survival_lower_confidence';
CREATE FUNCTION survival_upper(summary survivalsummary, duration double precision) RETURNS double precision
    LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE AS 'MODULE_PATHNAME', 'survival_upper';
CREATE FUNCTION survival_upper(summary survivalsummary, duration double precision, confidence double precision) RETURNS double precision
    LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE AS 'MODULE_PATHNAME', 'survival_upper_confidence';
CREATE FUNCTION median_lifetime(summary survivalsummary) RETURNS double precision
    LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE AS 'MODULE_PATHNAME', 'median_lifetime';
CREATE FUNCTION median_lifetime(summary survivalsummary, rule text) RETURNS double precision
    LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE AS 'MODULE_PATHNAME', 'median_lifetime_rule';
CREATE FUNCTION rmst(summary survivalsummary, horizon double precision) RETURNS double precision
    LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE AS 'MODULE_PATHNAME', 'survival_rmst';
CREATE FUNCTION lifetime_value(summary survivalsummary, arpa numeric, horizon double precision) RETURNS numeric
    LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE AS 'MODULE_PATHNAME', 'survival_lifetime_value';
CREATE FUNCTION logrank_test(a survivalsummary, b survivalsummary) RETURNS double precision
    LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE AS 'MODULE_PATHNAME', 'survival_logrank';
CREATE FUNCTION whole_periods(from_date date, to_date date, period text) RETURNS bigint
    LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE AS 'MODULE_PATHNAME', 'survival_whole_periods';
COMMENT ON FUNCTION whole_periods(date, date, text) IS 'Whole periods (''day'', ''week'', ''month'', ''quarter'', ''year'') from from_date to to_date, months counted as age() counts them and never wrapping at 12: durations in whole periods for survival_agg; to_date before from_date, an infinite date or another period is error 22023';
CREATE FUNCTION kpi_internal.survival_curve_counts(summary survivalsummary) RETURNS bigint[]
    LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE AS 'MODULE_PATHNAME', 'survival_curve_counts';
CREATE FUNCTION kpi_internal.survival_curve_estimates(summary survivalsummary, confidence double precision) RETURNS double precision[]
    LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE AS 'MODULE_PATHNAME', 'survival_curve_estimates';
CREATE FUNCTION survival_curve(summary survivalsummary, confidence double precision DEFAULT 0.95)
    RETURNS TABLE (duration bigint, at_risk bigint, churned bigint, censored bigint, entered bigint,
                   survival double precision, std_error double precision, lower double precision, upper double precision)
    LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
    AS $$ SELECT c[5 * i + 1], c[5 * i + 2], c[5 * i + 3], c[5 * i + 4], c[5 * i + 5], e[4 * i + 1], e[4 * i + 2], e[4 * i + 3], e[4 * i + 4]
          FROM (SELECT kpi_internal.survival_curve_counts(summary) AS c,
                       kpi_internal.survival_curve_estimates(summary, confidence) AS e OFFSET 0) AS curve,
               generate_series(0, cardinality(c) / 5 - 1) AS i $$;
COMMENT ON FUNCTION customers(survivalsummary) IS 'Customers in the life table';
COMMENT ON FUNCTION churned_customers(survivalsummary) IS 'Customers of the life table who churned (the others are censored)';
COMMENT ON FUNCTION survival_at(survivalsummary, double precision) IS 'Kaplan-Meier survival S(t): the share of customers still customers after t (days or periods), 1 before the first churn, the last value after the last time; NULL for an empty summary';
COMMENT ON FUNCTION survival_std_error(survivalsummary, double precision) IS 'Greenwood standard error of S(t); NULL for an empty summary';
COMMENT ON FUNCTION survival_lower(survivalsummary, double precision) IS 'Lower bound of the 95 % log-log (exponential Greenwood) interval of S(t), as lifelines computes it';
COMMENT ON FUNCTION survival_lower(survivalsummary, double precision, double precision) IS 'Lower bound of the log-log (exponential Greenwood) interval of S(t) at a confidence in (0, 1); else error 22023';
COMMENT ON FUNCTION survival_upper(survivalsummary, double precision) IS 'Upper bound of the 95 % log-log (exponential Greenwood) interval of S(t), as lifelines computes it';
COMMENT ON FUNCTION survival_upper(survivalsummary, double precision, double precision) IS 'Upper bound of the log-log (exponential Greenwood) interval of S(t) at a confidence in (0, 1); else error 22023';
COMMENT ON FUNCTION median_lifetime(survivalsummary) IS 'Median lifetime: the first duration with S(t) <= 1/2, compared exactly; NULL while S stays above 1/2';
COMMENT ON FUNCTION median_lifetime(survivalsummary, text) IS 'Median lifetime by rule: ''first'' (first duration with S(t) <= 1/2) or ''midpoint'' (where S is exactly 1/2 up to the next churn, the midpoint, as R''s survival package); another rule is error 22023';
COMMENT ON FUNCTION rmst(survivalsummary, double precision) IS 'Restricted mean survival time: the area under the Kaplan-Meier curve from 0 to the horizon (the expected lifetime capped at the horizon); a negative horizon is error 22023';
COMMENT ON FUNCTION lifetime_value(survivalsummary, numeric, double precision) IS 'Customer lifetime value capped at a horizon: ARPA (per period of the durations) x RMST(horizon); defined even when nobody has churned yet';
COMMENT ON FUNCTION logrank_test(survivalsummary, survivalsummary) IS 'Log-rank test of two life tables: the p-value (chi-square, one degree of freedom) of the hypothesis that they churn alike; NULL when nobody churned';
COMMENT ON FUNCTION kpi_internal.survival_curve_counts(survivalsummary) IS 'survival_curve() support: duration, at risk, churned, censored and entered of every point, flattened';
COMMENT ON FUNCTION kpi_internal.survival_curve_estimates(survivalsummary, double precision) IS 'survival_curve() support: survival, standard error and log-log interval of every point, flattened';
COMMENT ON FUNCTION survival_curve(survivalsummary, double precision) IS 'The Kaplan-Meier curve, a row per duration of the life table: customers at risk, churned, censored and entering, S(t), its Greenwood standard error and log-log interval (confidence 0.95 by default)';

-- Equality, a btree order and hashing (as summary_ops.sql gives every summary type), and casts.
CREATE FUNCTION kpi_internal.survivalsummary_eq(a survivalsummary, b survivalsummary) RETURNS boolean
    LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE AS 'MODULE_PATHNAME', 'survivalsummary_eq';
CREATE FUNCTION kpi_internal.survivalsummary_ne(a survivalsummary, b survivalsummary) RETURNS boolean
    LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE AS 'MODULE_PATHNAME', 'survivalsummary_ne';
CREATE FUNCTION kpi_internal.survivalsummary_lt(a survivalsummary, b survivalsummary) RETURNS boolean
    LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE AS 'MODULE_PATHNAME', 'survivalsummary_lt';
CREATE FUNCTION kpi_internal.survivalsummary_le(a survivalsummary, b survivalsummary) RETURNS boolean
    LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE AS 'MODULE_PATHNAME', 'survivalsummary_le';
CREATE FUNCTION kpi_internal.survivalsummary_gt(a survivalsummary, b survivalsummary) RETURNS boolean
    LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE AS 'MODULE_PATHNAME', 'survivalsummary_gt';
CREATE FUNCTION kpi_internal.survivalsummary_ge(a survivalsummary, b survivalsummary) RETURNS boolean
    LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE AS 'MODULE_PATHNAME', 'survivalsummary_ge';
CREATE FUNCTION kpi_internal.survivalsummary_cmp(a survivalsummary, b survivalsummary) RETURNS integer
    LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE AS 'MODULE_PATHNAME', 'survivalsummary_cmp';
CREATE FUNCTION kpi_internal.survivalsummary_hash(summary survivalsummary) RETURNS integer
    LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE AS 'MODULE_PATHNAME', 'survivalsummary_hash';
CREATE FUNCTION kpi_internal.survivalsummary_hash_extended(summary survivalsummary, seed bigint) RETURNS bigint
    LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE AS 'MODULE_PATHNAME', 'survivalsummary_hash_extended';
CREATE OPERATOR = (LEFTARG = survivalsummary, RIGHTARG = survivalsummary, FUNCTION = kpi_internal.survivalsummary_eq,
    COMMUTATOR = =, NEGATOR = <>, RESTRICT = eqsel, JOIN = eqjoinsel, HASHES, MERGES);
CREATE OPERATOR <> (LEFTARG = survivalsummary, RIGHTARG = survivalsummary, FUNCTION = kpi_internal.survivalsummary_ne,
    COMMUTATOR = <>, NEGATOR = =, RESTRICT = neqsel, JOIN = neqjoinsel);
CREATE OPERATOR < (LEFTARG = survivalsummary, RIGHTARG = survivalsummary, FUNCTION = kpi_internal.survivalsummary_lt,
    COMMUTATOR = >, NEGATOR = >=, RESTRICT = scalarltsel, JOIN = scalarltjoinsel);
CREATE OPERATOR <= (LEFTARG = survivalsummary, RIGHTARG = survivalsummary, FUNCTION = kpi_internal.survivalsummary_le,
    COMMUTATOR = >=, NEGATOR = >, RESTRICT = scalarlesel, JOIN = scalarlejoinsel);
CREATE OPERATOR > (LEFTARG = survivalsummary, RIGHTARG = survivalsummary, FUNCTION = kpi_internal.survivalsummary_gt,
    COMMUTATOR = <, NEGATOR = <=, RESTRICT = scalargtsel, JOIN = scalargtjoinsel);
CREATE OPERATOR >= (LEFTARG = survivalsummary, RIGHTARG = survivalsummary, FUNCTION = kpi_internal.survivalsummary_ge,
    COMMUTATOR = <=, NEGATOR = <, RESTRICT = scalargesel, JOIN = scalargejoinsel);
CREATE OPERATOR CLASS kpi_internal.survivalsummary_ops DEFAULT FOR TYPE survivalsummary USING btree AS
    OPERATOR 1 <, OPERATOR 2 <=, OPERATOR 3 =, OPERATOR 4 >=, OPERATOR 5 >,
    FUNCTION 1 kpi_internal.survivalsummary_cmp(survivalsummary, survivalsummary);
CREATE OPERATOR CLASS kpi_internal.survivalsummary_hash_ops DEFAULT FOR TYPE survivalsummary USING hash AS
    OPERATOR 1 =, FUNCTION 1 kpi_internal.survivalsummary_hash(survivalsummary), FUNCTION 2 kpi_internal.survivalsummary_hash_extended(survivalsummary, bigint);
CREATE CAST (text AS survivalsummary) WITH INOUT AS ASSIGNMENT;
CREATE CAST (varchar AS survivalsummary) WITH INOUT AS ASSIGNMENT;
COMMENT ON FUNCTION kpi_internal.survivalsummary_eq(survivalsummary, survivalsummary) IS 'Operator = of survivalsummary: equal (the same stored form)';
COMMENT ON OPERATOR = (survivalsummary, survivalsummary) IS 'Survival summaries equal (the same stored form)';
COMMENT ON FUNCTION kpi_internal.survivalsummary_ne(survivalsummary, survivalsummary) IS 'Operator <> of survivalsummary: not equal';
COMMENT ON OPERATOR <> (survivalsummary, survivalsummary) IS 'Survival summaries not equal';
COMMENT ON FUNCTION kpi_internal.survivalsummary_lt(survivalsummary, survivalsummary) IS 'Operator < of survivalsummary: before in the btree order (bytewise order of the stored forms; no KPI meaning)';
COMMENT ON OPERATOR < (survivalsummary, survivalsummary) IS 'Survival summaries before in the btree order (bytewise order of the stored forms; no KPI meaning)';
COMMENT ON FUNCTION kpi_internal.survivalsummary_le(survivalsummary, survivalsummary) IS 'Operator <= of survivalsummary: before or equal in the btree order (no KPI meaning)';
COMMENT ON OPERATOR <= (survivalsummary, survivalsummary) IS 'Survival summaries before or equal in the btree order (no KPI meaning)';
COMMENT ON FUNCTION kpi_internal.survivalsummary_gt(survivalsummary, survivalsummary) IS 'Operator > of survivalsummary: after in the btree order (no KPI meaning)';
COMMENT ON OPERATOR > (survivalsummary, survivalsummary) IS 'Survival summaries after in the btree order (no KPI meaning)';
COMMENT ON FUNCTION kpi_internal.survivalsummary_ge(survivalsummary, survivalsummary) IS 'Operator >= of survivalsummary: after or equal in the btree order (no KPI meaning)';
COMMENT ON OPERATOR >= (survivalsummary, survivalsummary) IS 'Survival summaries after or equal in the btree order (no KPI meaning)';
COMMENT ON FUNCTION kpi_internal.survivalsummary_cmp(survivalsummary, survivalsummary) IS 'btree support of survivalsummary: -1, 0 or 1 in the bytewise order of the stored forms (no KPI meaning)';
COMMENT ON FUNCTION kpi_internal.survivalsummary_hash(survivalsummary) IS 'hash support of survivalsummary: hash of the stored form';
COMMENT ON FUNCTION kpi_internal.survivalsummary_hash_extended(survivalsummary, bigint) IS 'hash support of survivalsummary: 64-bit seeded hash of the stored form';
COMMENT ON OPERATOR CLASS kpi_internal.survivalsummary_ops USING btree IS 'Default btree order of survivalsummary: the bytewise order of the stored forms, consistent for GROUP BY, DISTINCT, ORDER BY and indexes, without KPI meaning';
COMMENT ON OPERATOR CLASS kpi_internal.survivalsummary_hash_ops USING hash IS 'Default hash operator class of survivalsummary, for hash joins, hash aggregation and hash partitioning';
COMMENT ON CAST (text AS survivalsummary) IS 'Assignment cast: text in the survivalsummary text form becomes a summary where a survivalsummary is expected (INSERT, UPDATE, client text parameters)';
COMMENT ON CAST (varchar AS survivalsummary) IS 'Assignment cast: varchar in the survivalsummary text form becomes a summary where a survivalsummary is expected (INSERT, UPDATE, client text parameters)';


-- src/kpi/cohort.sql
-- cohortsummary: how signup cohorts retain. cohort_agg() over one row per subscription builds the
-- cohort matrices (customers by the calendar period of their first start, counted at every
-- whole-period offset from their own start, as of a day), combine() adds segments, and
-- retention_matrix()/retention_curve() read them. Included by cohort_sql.rs.
CREATE TYPE cohortsummary;
CREATE FUNCTION kpi_internal.cohortsummary_in(text cstring) RETURNS cohortsummary
    LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE AS 'MODULE_PATHNAME', 'cohortsummary_in';
CREATE FUNCTION kpi_internal.cohortsummary_out(summary cohortsummary) RETURNS cstring
    LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE AS 'MODULE_PATHNAME', 'cohortsummary_out';
CREATE FUNCTION kpi_internal.cohortsummary_recv(buf internal) RETURNS cohortsummary
    LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE AS 'MODULE_PATHNAME', 'cohortsummary_recv';
CREATE FUNCTION kpi_internal.cohortsummary_send(summary cohortsummary) RETURNS bytea
    LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE AS 'MODULE_PATHNAME', 'cohortsummary_send';
CREATE TYPE cohortsummary (
    INPUT = kpi_internal.cohortsummary_in, OUTPUT = kpi_internal.cohortsummary_out,
    RECEIVE = kpi_internal.cohortsummary_recv, SEND = kpi_internal.cohortsummary_send,
    INTERNALLENGTH = VARIABLE, STORAGE = extended
);
COMMENT ON TYPE cohortsummary IS 'Cohort retention matrices: customers by the calendar period of their first start and by whole periods since their own start, observed as of a day: per cell eligible customers, retained ones under each rule (end of period or active in period, N-period or on or after) and with MRR initial, end-of-period and capped MRR, under both returning-customer rules; exact and stored versioned; text {"v":1,"period":...,"as_of":...,"mrr_scale":...,"first_cohort":[...],"new_cohort":[...]}; combine with combine(), read with retention_matrix(), retention_curve(), retention_at()';
COMMENT ON FUNCTION kpi_internal.cohortsummary_in(cstring) IS 'cohortsummary input; malformed text or impossible counts are error 22P02';
COMMENT ON FUNCTION kpi_internal.cohortsummary_out(cohortsummary) IS 'cohortsummary output: {"v":1,"period":...,"as_of":...,"mrr_scale":...,"first_cohort":[{"cohort":...,"size":...,"cells":[[eligible,end,end_on_or_after,active,active_on_or_after(,initial,mrr,capped)],...]}],"new_cohort":[...]}';
COMMENT ON FUNCTION kpi_internal.cohortsummary_recv(internal) IS 'cohortsummary binary input; impossible bytes are error 22P02';
COMMENT ON FUNCTION kpi_internal.cohortsummary_send(cohortsummary) IS 'cohortsummary binary output: version byte, period, as_of, MRR scale, then per rule and cohort its day, size and cells as LEB128 numbers';

CREATE FUNCTION kpi_internal.cohort_rows_combine(state internal, other internal) RETURNS internal
    LANGUAGE C IMMUTABLE PARALLEL SAFE AS 'MODULE_PATHNAME', 'cohort_rows_combine';
CREATE FUNCTION kpi_internal.cohort_rows_serialize(state internal) RETURNS bytea
    LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE AS 'MODULE_PATHNAME', 'cohort_rows_serialize';
CREATE FUNCTION kpi_internal.cohort_rows_deserialize(bytes bytea, unused internal) RETURNS internal
    LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE AS 'MODULE_PATHNAME', 'cohort_rows_deserialize';
CREATE FUNCTION kpi_internal.cohort_rows_final(state internal) RETURNS cohortsummary
    LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE AS 'MODULE_PATHNAME', 'cohort_rows_final';
COMMENT ON FUNCTION kpi_internal.cohort_rows_combine(internal, internal) IS 'cohort_agg() combine function: appends a parallel worker''s subscriptions (same as_of and period)';
COMMENT ON FUNCTION kpi_internal.cohort_rows_serialize(internal) IS 'cohort_agg() serialize function: the subscriptions to bytea for parallel workers';
COMMENT ON FUNCTION kpi_internal.cohort_rows_deserialize(bytea, internal) IS 'cohort_agg() deserialize function: bytea from a parallel worker to subscriptions';
COMMENT ON FUNCTION kpi_internal.cohort_rows_final(internal) IS 'cohort_agg() final function: groups the subscriptions by customer and builds the cohort matrices as a cohortsummary';
CREATE FUNCTION kpi_internal.cohort_accum(state internal, customer_id bigint, started_on date, ended_on date, as_of date, period text) RETURNS internal
    LANGUAGE C IMMUTABLE PARALLEL SAFE AS 'MODULE_PATHNAME', 'cohort_accum_bigint';
CREATE AGGREGATE cohort_agg(customer_id bigint, started_on date, ended_on date, as_of date, period text) (
    SFUNC = kpi_internal.cohort_accum, STYPE = internal, FINALFUNC = kpi_internal.cohort_rows_final,
    COMBINEFUNC = kpi_internal.cohort_rows_combine, SERIALFUNC = kpi_internal.cohort_rows_serialize, DESERIALFUNC = kpi_internal.cohort_rows_deserialize, PARALLEL = SAFE);
COMMENT ON FUNCTION kpi_internal.cohort_accum(internal, bigint, date, date, date, text) IS 'cohort_agg(bigint, date, date, date, text) transition function: keeps one subscription for its customer';
COMMENT ON AGGREGATE cohort_agg(bigint, date, date, date, text) IS 'Cohort retention over one row per subscription (active at the start of day t when started_on < t <= ended_on, NULL ended_on still running): customers by the calendar period (''day'', ''week'' from Monday, ''month'', ''quarter'', ''year'') of their first start in the rows given, counted at whole periods since their own start observed through as_of, as a cohortsummary; rows with a NULL customer_id, started_on skipped, rows starting after as_of not yet in the data; an end before its start, an infinite start or as_of, or a NULL, unknown or changing period or as_of is error 22023; parallel';
CREATE FUNCTION kpi_internal.cohort_mrr_accum(state internal, customer_id bigint, mrr numeric, started_on date, ended_on date, as_of date, period text) RETURNS internal
    LANGUAGE C IMMUTABLE PARALLEL SAFE AS 'MODULE_PATHNAME', 'cohort_mrr_accum_bigint';
CREATE AGGREGATE cohort_agg(customer_id bigint, mrr numeric, started_on date, ended_on date, as_of date, period text) (
    SFUNC = kpi_internal.cohort_mrr_accum, STYPE = internal, FINALFUNC = kpi_internal.cohort_rows_final,
    COMBINEFUNC = kpi_internal.cohort_rows_combine, SERIALFUNC = kpi_internal.cohort_rows_serialize, DESERIALFUNC = kpi_internal.cohort_rows_deserialize, PARALLEL = SAFE);
COMMENT ON FUNCTION kpi_internal.cohort_mrr_accum(internal, bigint, numeric, date, date, date, text) IS 'cohort_agg(bigint, numeric, date, date, date, text) transition function: keeps one subscription for its customer';
COMMENT ON AGGREGATE cohort_agg(bigint, numeric, date, date, date, text) IS 'Cohort retention and MRR over one row per subscription (active at the start of day t when started_on < t <= ended_on, NULL ended_on still running): customers by the calendar period (''day'', ''week'' from Monday, ''month'', ''quarter'', ''year'') of their first start in the rows given, counted at whole periods since their own start observed through as_of, as a cohortsummary; rows with a NULL customer_id, started_on or mrr skipped, rows starting after as_of not yet in the data; negative mrr is error 22003, an end before its start, an infinite start or as_of, or a NULL, unknown or changing period or as_of is error 22023; parallel';
CREATE FUNCTION kpi_internal.cohort_accum(state internal, customer_id text, started_on date, ended_on date, as_of date, period text) RETURNS internal
    LANGUAGE C IMMUTABLE PARALLEL SAFE AS 'MODULE_PATHNAME', 'cohort_accum_text';
CREATE AGGREGATE cohort_agg(customer_id text, started_on date, ended_on date, as_of date, period text) (
    SFUNC = kpi_internal.cohort_accum, STYPE = internal, FINALFUNC = kpi_internal.cohort_rows_final,
    COMBINEFUNC = kpi_internal.cohort_rows_combine, SERIALFUNC = kpi_internal.cohort_rows_serialize, DESERIALFUNC = kpi_internal.cohort_rows_deserialize, PARALLEL = SAFE);
COMMENT ON FUNCTION kpi_internal.cohort_accum(internal, text, date, date, date, text) IS 'cohort_agg(text, date, date, date, text) transition function: keeps one subscription for its customer';
COMMENT ON AGGREGATE cohort_agg(text, date, date, date, text) IS 'Cohort retention over one row per subscription (active at the start of day t when started_on < t <= ended_on, NULL ended_on still running): customers by the calendar period (''day'', ''week'' from Monday, ''month'', ''quarter'', ''year'') of their first start in the rows given, counted at whole periods since their own start observed through as_of, as a cohortsummary; rows with a NULL customer_id, started_on skipped, rows starting after as_of not yet in the data; an end before its start, an infinite start or as_of, or a NULL, unknown or changing period or as_of is error 22023; parallel';
CREATE FUNCTION kpi_internal.cohort_mrr_accum(state internal, customer_id text, mrr numeric, started_on date, ended_on date, as_of date, period text) RETURNS internal
    LANGUAGE C IMMUTABLE PARALLEL SAFE AS 'MODULE_PATHNAME', 'cohort_mrr_accum_text';
CREATE AGGREGATE cohort_agg(customer_id text, mrr numeric, started_on date, ended_on date, as_of date, period text) (
    SFUNC = kpi_internal.cohort_mrr_accum, STYPE = internal, FINALFUNC = kpi_internal.cohort_rows_final,
    COMBINEFUNC = kpi_internal.cohort_rows_combine, SERIALFUNC = kpi_internal.cohort_rows_serialize, DESERIALFUNC = kpi_internal.cohort_rows_deserialize, PARALLEL = SAFE);
COMMENT ON FUNCTION kpi_internal.cohort_mrr_accum(internal, text, numeric, date, date, date, text) IS 'cohort_agg(text, numeric, date, date, date, text) transition function: keeps one subscription for its customer';
COMMENT ON AGGREGATE cohort_agg(text, numeric, date, date, date, text) IS 'Cohort retention and MRR over one row per subscription (active at the start of day t when started_on < t <= ended_on, NULL ended_on still running): customers by the calendar period (''day'', ''week'' from Monday, ''month'', ''quarter'', ''year'') of their first start in the rows given, counted at whole periods since their own start observed through as_of, as a cohortsummary; rows with a NULL customer_id, started_on or mrr skipped, rows starting after as_of not yet in the data; negative mrr is error 22003, an end before its start, an infinite start or as_of, or a NULL, unknown or changing period or as_of is error 22023; parallel';
CREATE FUNCTION kpi_internal.cohort_accum(state internal, customer_id uuid, started_on date, ended_on date, as_of date, period text) RETURNS internal
    LANGUAGE C IMMUTABLE PARALLEL SAFE AS 'MODULE_PATHNAME', 'cohort_accum_uuid';
CREATE AGGREGATE cohort_agg(customer_id uuid, started_on date, ended_on date, as_of date, period text) (
    SFUNC = kpi_internal.cohort_accum, STYPE = internal, FINALFUNC = kpi_internal.cohort_rows_final,
    COMBINEFUNC = kpi_internal.cohort_rows_combine, SERIALFUNC = kpi_internal.cohort_rows_serialize, DESERIALFUNC = kpi_internal.cohort_rows_deserialize, PARALLEL = SAFE);
COMMENT ON FUNCTION kpi_internal.cohort_accum(internal, uuid, date, date, date, text) IS 'cohort_agg(uuid, date, date, date, text) transition function: keeps one subscription for its customer';
COMMENT ON AGGREGATE cohort_agg(uuid, date, date, date, text) IS 'Cohort retention over one row per subscription (active at the start of day t when started_on < t <= ended_on, NULL ended_on still running): customers by the calendar period (''day'', ''week'' from Monday, ''month'', ''quarter'', ''year'') of their first start in the rows given, counted at whole periods since their own start observed through as_of, as a cohortsummary; rows with a NULL customer_id, started_on skipped, rows starting after as_of not yet in the data; an end before its start, an infinite start or as_of, or a NULL, unknown or changing period or as_of is error 22023; parallel';
CREATE FUNCTION kpi_internal.cohort_mrr_accum(state internal, customer_id uuid, mrr numeric, started_on date, ended_on date, as_of date, period text) RETURNS internal
    LANGUAGE C IMMUTABLE PARALLEL SAFE AS 'MODULE_PATHNAME', 'cohort_mrr_accum_uuid';
CREATE AGGREGATE cohort_agg(customer_id uuid, mrr numeric, started_on date, ended_on date, as_of date, period text) (
    SFUNC = kpi_internal.cohort_mrr_accum, STYPE = internal, FINALFUNC = kpi_internal.cohort_rows_final,
    COMBINEFUNC = kpi_internal.cohort_rows_combine, SERIALFUNC = kpi_internal.cohort_rows_serialize, DESERIALFUNC = kpi_internal.cohort_rows_deserialize, PARALLEL = SAFE);
COMMENT ON FUNCTION kpi_internal.cohort_mrr_accum(internal, uuid, numeric, date, date, date, text) IS 'cohort_agg(uuid, numeric, date, date, date, text) transition function: keeps one subscription for its customer';
COMMENT ON AGGREGATE cohort_agg(uuid, numeric, date, date, date, text) IS 'Cohort retention and MRR over one row per subscription (active at the start of day t when started_on < t <= ended_on, NULL ended_on still running): customers by the calendar period (''day'', ''week'' from Monday, ''month'', ''quarter'', ''year'') of their first start in the rows given, counted at whole periods since their own start observed through as_of, as a cohortsummary; rows with a NULL customer_id, started_on or mrr skipped, rows starting after as_of not yet in the data; negative mrr is error 22003, an end before its start, an infinite start or as_of, or a NULL, unknown or changing period or as_of is error 22023; parallel';
CREATE FUNCTION kpi_internal.cohort_combine_accum(state internal, summary cohortsummary) RETURNS internal
    LANGUAGE C IMMUTABLE PARALLEL SAFE AS 'MODULE_PATHNAME', 'cohort_combine_accum';
CREATE FUNCTION kpi_internal.cohort_combine_inv(state internal, summary cohortsummary) RETURNS internal
    LANGUAGE C IMMUTABLE PARALLEL SAFE AS 'MODULE_PATHNAME', 'cohort_combine_inv';
CREATE FUNCTION kpi_internal.cohort_combine(state internal, other internal) RETURNS internal
    LANGUAGE C IMMUTABLE PARALLEL SAFE AS 'MODULE_PATHNAME', 'cohort_combine';
CREATE FUNCTION kpi_internal.cohort_combine_serialize(state internal) RETURNS bytea
    LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE AS 'MODULE_PATHNAME', 'cohort_combine_serialize';
CREATE FUNCTION kpi_internal.cohort_combine_deserialize(bytes bytea, unused internal) RETURNS internal
    LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE AS 'MODULE_PATHNAME', 'cohort_combine_deserialize';
CREATE FUNCTION kpi_internal.cohort_combine_final(state internal) RETURNS cohortsummary
    LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE AS 'MODULE_PATHNAME', 'cohort_combine_final';
CREATE AGGREGATE rollup(summary cohortsummary) (
    SFUNC = kpi_internal.cohort_combine_accum, STYPE = internal, FINALFUNC = kpi_internal.cohort_combine_final,
    COMBINEFUNC = kpi_internal.cohort_combine, SERIALFUNC = kpi_internal.cohort_combine_serialize, DESERIALFUNC = kpi_internal.cohort_combine_deserialize,
    MSFUNC = kpi_internal.cohort_combine_accum, MINVFUNC = kpi_internal.cohort_combine_inv, MSTYPE = internal, MFINALFUNC = kpi_internal.cohort_combine_final, PARALLEL = SAFE);
-- combine(): the same aggregate as rollup() (the same support functions), under a name that BI
-- tools' SQL parsers accept: to sqlglot (Superset) and standard SQL, ROLLUP is a reserved word
CREATE AGGREGATE combine(summary cohortsummary) (
    SFUNC = kpi_internal.cohort_combine_accum, STYPE = internal, FINALFUNC = kpi_internal.cohort_combine_final,
    COMBINEFUNC = kpi_internal.cohort_combine, SERIALFUNC = kpi_internal.cohort_combine_serialize, DESERIALFUNC = kpi_internal.cohort_combine_deserialize,
    MSFUNC = kpi_internal.cohort_combine_accum, MINVFUNC = kpi_internal.cohort_combine_inv, MSTYPE = internal, MFINALFUNC = kpi_internal.cohort_combine_final, PARALLEL = SAFE);
COMMENT ON AGGREGATE rollup(cohortsummary) IS 'Adds cohort matrices of disjoint customers (segments, shards) exactly, cell by cell; summaries of another period, as_of, or with and without MRR are error 22023; parallel, and a moving form for rolling windows; NULL summaries skipped';
COMMENT ON AGGREGATE combine(cohortsummary) IS 'Adds cohort matrices of disjoint customers (segments, shards) exactly, cell by cell; summaries of another period, as_of, or with and without MRR are error 22023; parallel, and a moving form for rolling windows; NULL summaries skipped; the same aggregate as rollup(cohortsummary), named so BI tools'' SQL parsers accept it (ROLLUP is a reserved word to them)';
COMMENT ON FUNCTION kpi_internal.cohort_combine_accum(internal, cohortsummary) IS 'rollup(cohortsummary) and combine(cohortsummary) transition: adds one summary';
COMMENT ON FUNCTION kpi_internal.cohort_combine_inv(internal, cohortsummary) IS 'rollup(cohortsummary) and combine(cohortsummary) moving-aggregate inverse: removes a summary leaving a window frame';
COMMENT ON FUNCTION kpi_internal.cohort_combine(internal, internal) IS 'rollup(cohortsummary) and combine(cohortsummary) combine function: adds two partial sums (parallel aggregation)';
COMMENT ON FUNCTION kpi_internal.cohort_combine_serialize(internal) IS 'rollup(cohortsummary) and combine(cohortsummary) serialize function: the partial sum to bytea (its stored form)';
COMMENT ON FUNCTION kpi_internal.cohort_combine_deserialize(bytea, internal) IS 'rollup(cohortsummary) and combine(cohortsummary) deserialize function: bytea to a partial sum';
COMMENT ON FUNCTION kpi_internal.cohort_combine_final(internal) IS 'rollup(cohortsummary) and combine(cohortsummary) final function: the sum as a cohortsummary';

CREATE FUNCTION customers(summary cohortsummary) RETURNS bigint
    LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE AS 'MODULE_PATHNAME', 'cohortsummary_customers';
COMMENT ON FUNCTION customers(cohortsummary) IS 'Customers in the cohort matrices (each counted once, in the cohort of its first start)';
CREATE FUNCTION kpi_internal.cohort_matrix_counts(summary cohortsummary, retained_by text, horizon text, returning_customers text) RETURNS bigint[]
    LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE AS 'MODULE_PATHNAME', 'cohort_matrix_counts';
CREATE FUNCTION kpi_internal.cohort_matrix_money(summary cohortsummary, returning_customers text) RETURNS text[]
    LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE AS 'MODULE_PATHNAME', 'cohort_matrix_money';
CREATE FUNCTION kpi_internal.cohort_curve_counts(summary cohortsummary, retained_by text, horizon text, returning_customers text) RETURNS bigint[]
    LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE AS 'MODULE_PATHNAME', 'cohort_curve_counts';
CREATE FUNCTION kpi_internal.cohort_curve_money(summary cohortsummary, returning_customers text) RETURNS text[]
    LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE AS 'MODULE_PATHNAME', 'cohort_curve_money';
COMMENT ON FUNCTION kpi_internal.cohort_matrix_counts(cohortsummary, text, text, text) IS 'retention_matrix() support: cohort day, offset, cohort size, eligible and retained of every cell of the grid, flattened';
COMMENT ON FUNCTION kpi_internal.cohort_matrix_money(cohortsummary, text) IS 'retention_matrix() support: initial, end-of-period and capped MRR of every cell of the grid as text, flattened; NULL without MRR';
COMMENT ON FUNCTION kpi_internal.cohort_curve_counts(cohortsummary, text, text, text) IS 'retention_curve() support: offset, cohorts observed, eligible and retained summed over the cohorts, flattened';
COMMENT ON FUNCTION kpi_internal.cohort_curve_money(cohortsummary, text) IS 'retention_curve() support: initial, end-of-period and capped MRR summed over the cohorts as text, flattened; NULL without MRR';
CREATE FUNCTION retention_matrix(summary cohortsummary, retained_by text DEFAULT 'end_of_period', horizon text DEFAULT 'n_period',
                                 returning_customers text DEFAULT 'first_cohort')
    RETURNS TABLE (cohort date, period_offset integer, cohort_size bigint, eligible bigint, retained bigint, retention numeric,
                   initial_mrr numeric, mrr numeric, net_mrr_retention numeric, gross_mrr_retention numeric)
    LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
    AS $$ SELECT date '2000-01-01' + c[5 * i + 1]::integer, c[5 * i + 2]::integer, c[5 * i + 3], c[5 * i + 4],
                 CASE WHEN c[5 * i + 4] > 0 THEN c[5 * i + 5] END,
                 CASE WHEN c[5 * i + 4] > 0 THEN 100.0 * c[5 * i + 5] / c[5 * i + 4] END,
                 CASE WHEN c[5 * i + 4] > 0 THEN m[3 * i + 1]::numeric END,
                 CASE WHEN c[5 * i + 4] > 0 THEN m[3 * i + 2]::numeric END,
                 CASE WHEN c[5 * i + 4] > 0 AND m[3 * i + 1]::numeric > 0 THEN 100.0 * m[3 * i + 2]::numeric / m[3 * i + 1]::numeric END,
                 CASE WHEN c[5 * i + 4] > 0 AND m[3 * i + 1]::numeric > 0 THEN 100.0 * m[3 * i + 3]::numeric / m[3 * i + 1]::numeric END
          FROM (SELECT kpi_internal.cohort_matrix_counts(summary, retained_by, horizon, returning_customers) AS c,
                       kpi_internal.cohort_matrix_money(summary, returning_customers) AS m OFFSET 0) AS grid,
               generate_series(0, cardinality(c) / 5 - 1) AS i $$;
COMMENT ON FUNCTION retention_matrix(cohortsummary, text, text, text) IS 'The cohort grid, a row per cohort and offset up to the last observed one: cohort (first day of its period), period_offset, cohort_size, eligible (members whose period at that offset has ended by as_of), retained, retention = 100 * retained / eligible (NULL when no one is eligible yet: not yet, never 0), and with MRR initial_mrr, mrr (at the end of the period), net and gross MRR retention; retained_by ''end_of_period'' (default: Stripe, Baremetrics) or ''active_in_period'' (Amplitude, PostHog), horizon ''n_period'' (default) or ''on_or_after'' (unbounded), returning_customers ''first_cohort'' (default: Stripe) or ''new_cohort''; another value is error 22023';
CREATE FUNCTION retention_curve(summary cohortsummary, retained_by text DEFAULT 'end_of_period', horizon text DEFAULT 'n_period',
                                returning_customers text DEFAULT 'first_cohort')
    RETURNS TABLE (period_offset integer, cohorts bigint, eligible bigint, retained bigint, retention numeric,
                   initial_mrr numeric, mrr numeric, net_mrr_retention numeric, gross_mrr_retention numeric)
    LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
    AS $$ SELECT c[4 * i + 1]::integer, c[4 * i + 2], c[4 * i + 3], c[4 * i + 4], 100.0 * c[4 * i + 4] / c[4 * i + 3],
                 m[3 * i + 1]::numeric, m[3 * i + 2]::numeric,
                 CASE WHEN m[3 * i + 1]::numeric > 0 THEN 100.0 * m[3 * i + 2]::numeric / m[3 * i + 1]::numeric END,
                 CASE WHEN m[3 * i + 1]::numeric > 0 THEN 100.0 * m[3 * i + 3]::numeric / m[3 * i + 1]::numeric END
          FROM (SELECT kpi_internal.cohort_curve_counts(summary, retained_by, horizon, returning_customers) AS c,
                       kpi_internal.cohort_curve_money(summary, returning_customers) AS m OFFSET 0) AS curve,
               generate_series(0, cardinality(c) / 4 - 1) AS i $$;
COMMENT ON FUNCTION retention_curve(cohortsummary, text, text, text) IS 'The pooled retention curve, a row per observed offset: cohorts observed there, eligible and retained customers summed over them, retention = 100 * retained / eligible (weighted by eligible customers, as Amplitude pools), and with MRR net and gross MRR retention of the eligible members; the same rule arguments as retention_matrix()';
CREATE FUNCTION retention_at(summary cohortsummary, period_offset integer, retained_by text DEFAULT 'end_of_period', horizon text DEFAULT 'n_period',
                             returning_customers text DEFAULT 'first_cohort') RETURNS numeric
    LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
    AS $$ SELECT c.retention FROM retention_curve(summary, retained_by, horizon, returning_customers) AS c WHERE c.period_offset = retention_at.period_offset $$;
COMMENT ON FUNCTION retention_at(cohortsummary, integer, text, text, text) IS 'Pooled retention at one offset: 100 * retained / eligible over every cohort observed there; NULL when no cohort has reached it; the same rule arguments as retention_matrix()';

-- Equality, a btree order and hashing (as summary_ops.sql gives every summary type), and casts.
CREATE FUNCTION kpi_internal.cohortsummary_eq(a cohortsummary, b cohortsummary) RETURNS boolean
    LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE AS 'MODULE_PATHNAME', 'cohortsummary_eq';
CREATE FUNCTION kpi_internal.cohortsummary_ne(a cohortsummary, b cohortsummary) RETURNS boolean
    LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE AS 'MODULE_PATHNAME', 'cohortsummary_ne';
CREATE FUNCTION kpi_internal.cohortsummary_lt(a cohortsummary, b cohortsummary) RETURNS boolean
    LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE AS 'MODULE_PATHNAME', 'cohortsummary_lt';
CREATE FUNCTION kpi_internal.cohortsummary_le(a cohortsummary, b cohortsummary) RETURNS boolean
    LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE AS 'MODULE_PATHNAME', 'cohortsummary_le';
CREATE FUNCTION kpi_internal.cohortsummary_gt(a cohortsummary, b cohortsummary) RETURNS boolean
    LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE AS 'MODULE_PATHNAME', 'cohortsummary_gt';
CREATE FUNCTION kpi_internal.cohortsummary_ge(a cohortsummary, b cohortsummary) RETURNS boolean
    LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE AS 'MODULE_PATHNAME', 'cohortsummary_ge';
CREATE FUNCTION kpi_internal.cohortsummary_cmp(a cohortsummary, b cohortsummary) RETURNS integer
    LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE AS 'MODULE_PATHNAME', 'cohortsummary_cmp';
CREATE FUNCTION kpi_internal.cohortsummary_hash(summary cohortsummary) RETURNS integer
    LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE AS 'MODULE_PATHNAME', 'cohortsummary_hash';
CREATE FUNCTION kpi_internal.cohortsummary_hash_extended(summary cohortsummary, seed bigint) RETURNS bigint
    LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE AS 'MODULE_PATHNAME', 'cohortsummary_hash_extended';
CREATE OPERATOR = (LEFTARG = cohortsummary, RIGHTARG = cohortsummary, FUNCTION = kpi_internal.cohortsummary_eq,
    COMMUTATOR = =, NEGATOR = <>, RESTRICT = eqsel, JOIN = eqjoinsel, HASHES, MERGES);
CREATE OPERATOR <> (LEFTARG = cohortsummary, RIGHTARG = cohortsummary, FUNCTION = kpi_internal.cohortsummary_ne,
    COMMUTATOR = <>, NEGATOR = =, RESTRICT = neqsel, JOIN = neqjoinsel);
CREATE OPERATOR < (LEFTARG = cohortsummary, RIGHTARG = cohortsummary, FUNCTION = kpi_internal.cohortsummary_lt,
    COMMUTATOR = >, NEGATOR = >=, RESTRICT = scalarltsel, JOIN = scalarltjoinsel);
CREATE OPERATOR <= (LEFTARG = cohortsummary, RIGHTARG = cohortsummary, FUNCTION = kpi_internal.cohortsummary_le,
    COMMUTATOR = >=, NEGATOR = >, RESTRICT = scalarlesel, JOIN = scalarlejoinsel);
CREATE OPERATOR > (LEFTARG = cohortsummary, RIGHTARG = cohortsummary, FUNCTION = kpi_internal.cohortsummary_gt,
    COMMUTATOR = <, NEGATOR = <=, RESTRICT = scalargtsel, JOIN = scalargtjoinsel);
CREATE OPERATOR >= (LEFTARG = cohortsummary, RIGHTARG = cohortsummary, FUNCTION = kpi_internal.cohortsummary_ge,
    COMMUTATOR = <=, NEGATOR = <, RESTRICT = scalargesel, JOIN = scalargejoinsel);
CREATE OPERATOR CLASS kpi_internal.cohortsummary_ops DEFAULT FOR TYPE cohortsummary USING btree AS
    OPERATOR 1 <, OPERATOR 2 <=, OPERATOR 3 =, OPERATOR 4 >=, OPERATOR 5 >,
    FUNCTION 1 kpi_internal.cohortsummary_cmp(cohortsummary, cohortsummary);
CREATE OPERATOR CLASS kpi_internal.cohortsummary_hash_ops DEFAULT FOR TYPE cohortsummary USING hash AS
    OPERATOR 1 =, FUNCTION 1 kpi_internal.cohortsummary_hash(cohortsummary), FUNCTION 2 kpi_internal.cohortsummary_hash_extended(cohortsummary, bigint);
CREATE CAST (text AS cohortsummary) WITH INOUT AS ASSIGNMENT;
CREATE CAST (varchar AS cohortsummary) WITH INOUT AS ASSIGNMENT;
COMMENT ON FUNCTION kpi_internal.cohortsummary_eq(cohortsummary, cohortsummary) IS 'Operator = of cohortsummary: equal (the same stored form)';
COMMENT ON OPERATOR = (cohortsummary, cohortsummary) IS 'Cohort summaries equal (the same stored form)';
COMMENT ON FUNCTION kpi_internal.cohortsummary_ne(cohortsummary, cohortsummary) IS 'Operator <> of cohortsummary: not equal';
COMMENT ON OPERATOR <> (cohortsummary, cohortsummary) IS 'Cohort summaries not equal';
COMMENT ON FUNCTION kpi_internal.cohortsummary_lt(cohortsummary, cohortsummary) IS 'Operator < of cohortsummary: before in the btree order (bytewise order of the stored forms; no KPI meaning)';
COMMENT ON OPERATOR < (cohortsummary, cohortsummary) IS 'Cohort summaries before in the btree order (bytewise order of the stored forms; no KPI meaning)';
COMMENT ON FUNCTION kpi_internal.cohortsummary_le(cohortsummary, cohortsummary) IS 'Operator <= of cohortsummary: before or equal in the btree order (no KPI meaning)';
COMMENT ON OPERATOR <= (cohortsummary, cohortsummary) IS 'Cohort summaries before or equal in the btree order (no KPI meaning)';
COMMENT ON FUNCTION kpi_internal.cohortsummary_gt(cohortsummary, cohortsummary) IS 'Operator > of cohortsummary: after in the btree order (no KPI meaning)';
COMMENT ON OPERATOR > (cohortsummary, cohortsummary) IS 'Cohort summaries after in the btree order (no KPI meaning)';
COMMENT ON FUNCTION kpi_internal.cohortsummary_ge(cohortsummary, cohortsummary) IS 'Operator >= of cohortsummary: after or equal in the btree order (no KPI meaning)';
COMMENT ON OPERATOR >= (cohortsummary, cohortsummary) IS 'Cohort summaries after or equal in the btree order (no KPI meaning)';
COMMENT ON FUNCTION kpi_internal.cohortsummary_cmp(cohortsummary, cohortsummary) IS 'btree support of cohortsummary: -1, 0 or 1 in the bytewise order of the stored forms (no KPI meaning)';
COMMENT ON FUNCTION kpi_internal.cohortsummary_hash(cohortsummary) IS 'hash support of cohortsummary: hash of the stored form';
COMMENT ON FUNCTION kpi_internal.cohortsummary_hash_extended(cohortsummary, bigint) IS 'hash support of cohortsummary: 64-bit seeded hash of the stored form';
COMMENT ON OPERATOR CLASS kpi_internal.cohortsummary_ops USING btree IS 'Default btree order of cohortsummary: the bytewise order of the stored forms, consistent for GROUP BY, DISTINCT, ORDER BY and indexes, without KPI meaning';
COMMENT ON OPERATOR CLASS kpi_internal.cohortsummary_hash_ops USING hash IS 'Default hash operator class of cohortsummary, for hash joins, hash aggregation and hash partitioning';
COMMENT ON CAST (text AS cohortsummary) IS 'Assignment cast: text in the cohortsummary text form becomes a summary where a cohortsummary is expected (INSERT, UPDATE, client text parameters)';
COMMENT ON CAST (varchar AS cohortsummary) IS 'Assignment cast: varchar in the cohortsummary text form becomes a summary where a cohortsummary is expected (INSERT, UPDATE, client text parameters)';

-- src/kpi/model.sql
-- customermodel: probabilistic customer models fitted by maximum likelihood in an aggregate:
-- sBG retention (sbg_fit), BG/NBD purchases (bgnbd_fit) and Gamma-Gamma spend (gammagamma_fit);
-- stored, printed and read back as values, applied to other rows by the accessors. Included by
-- model_sql.rs.
CREATE TYPE customermodel;
CREATE FUNCTION kpi_internal.customermodel_in(text cstring) RETURNS customermodel
    LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE AS 'MODULE_PATHNAME', 'customermodel_in';
CREATE FUNCTION kpi_internal.customermodel_out(model customermodel) RETURNS cstring
    LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE AS 'MODULE_PATHNAME', 'customermodel_out';
CREATE FUNCTION kpi_internal.customermodel_recv(buf internal) RETURNS customermodel
    LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE AS 'MODULE_PATHNAME', 'customermodel_recv';
CREATE FUNCTION kpi_internal.customermodel_send(model customermodel) RETURNS bytea
    LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE AS 'MODULE_PATHNAME', 'customermodel_send';
CREATE TYPE customermodel (
    INPUT = kpi_internal.customermodel_in, OUTPUT = kpi_internal.customermodel_out,
    RECEIVE = kpi_internal.customermodel_recv, SEND = kpi_internal.customermodel_send,
    INTERNALLENGTH = VARIABLE, STORAGE = extended
);
COMMENT ON TYPE customermodel IS 'A customer model: sBG (alpha, beta), BG/NBD (r, alpha, a, b) or Gamma-Gamma (p, q, gamma), fitted with its report (customers, log-likelihood, iterations) or made from given parameters; stored versioned; text {"v":1,"model":"bgnbd","r":...,"alpha":...,"a":...,"b":...,"customers":...,"log_likelihood":...,"iterations":...}';
COMMENT ON FUNCTION kpi_internal.customermodel_in(cstring) IS 'customermodel input; malformed text, an unknown model, a missing or extra parameter or one not above 0 is error 22P02';
COMMENT ON FUNCTION kpi_internal.customermodel_out(customermodel) IS 'customermodel output: {"v":1,"model":...,<parameters>[,"customers":...,"log_likelihood":...,"iterations":...]}, each double as the shortest decimal that reads back to it';
COMMENT ON FUNCTION kpi_internal.customermodel_recv(internal) IS 'customermodel binary input; impossible bytes are error 22P02';
COMMENT ON FUNCTION kpi_internal.customermodel_send(customermodel) IS 'customermodel binary output: version byte, model byte, parameters as little-endian doubles, then 0, or 1 and customers (LEB128), log-likelihood (double), iterations (LEB128)';

CREATE FUNCTION kpi_internal.model_fit_combine2(state internal, other internal) RETURNS internal
    LANGUAGE C IMMUTABLE PARALLEL SAFE AS 'MODULE_PATHNAME', 'model_fit_combine2';
CREATE FUNCTION kpi_internal.model_fit_combine3(state internal, other internal) RETURNS internal
    LANGUAGE C IMMUTABLE PARALLEL SAFE AS 'MODULE_PATHNAME', 'model_fit_combine3';
CREATE FUNCTION kpi_internal.model_fit_serialize2(state internal) RETURNS bytea
    LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE AS 'MODULE_PATHNAME', 'model_fit_serialize2';
CREATE FUNCTION kpi_internal.model_fit_serialize3(state internal) RETURNS bytea
    LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE AS 'MODULE_PATHNAME', 'model_fit_serialize3';
CREATE FUNCTION kpi_internal.model_fit_deserialize2(bytes bytea, unused internal) RETURNS internal
    LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE AS 'MODULE_PATHNAME', 'model_fit_deserialize2';
CREATE FUNCTION kpi_internal.model_fit_deserialize3(bytes bytea, unused internal) RETURNS internal
    LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE AS 'MODULE_PATHNAME', 'model_fit_deserialize3';
CREATE FUNCTION kpi_internal.sbg_fit_accum(state internal, renewals bigint, churned boolean) RETURNS internal
    LANGUAGE C IMMUTABLE PARALLEL SAFE AS 'MODULE_PATHNAME', 'sbg_fit_accum';
CREATE FUNCTION kpi_internal.sbg_fit_final(state internal) RETURNS customermodel
    LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE AS 'MODULE_PATHNAME', 'sbg_fit_final';
CREATE FUNCTION kpi_internal.bgnbd_fit_accum(state internal, frequency bigint, recency double precision, age double precision) RETURNS internal
    LANGUAGE C IMMUTABLE PARALLEL SAFE AS 'MODULE_PATHNAME', 'bgnbd_fit_accum';
CREATE FUNCTION kpi_internal.bgnbd_fit_final(state internal) RETURNS customermodel
    LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE AS 'MODULE_PATHNAME', 'bgnbd_fit_final';
CREATE FUNCTION kpi_internal.gammagamma_fit_accum(state internal, frequency bigint, monetary_value double precision) RETURNS internal
    LANGUAGE C IMMUTABLE PARALLEL SAFE AS 'MODULE_PATHNAME', 'gammagamma_fit_accum';
CREATE FUNCTION kpi_internal.gammagamma_fit_final(state internal) RETURNS customermodel
    LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE AS 'MODULE_PATHNAME', 'gammagamma_fit_final';
CREATE AGGREGATE sbg_fit(renewals bigint, churned boolean) (
    SFUNC = kpi_internal.sbg_fit_accum, STYPE = internal, FINALFUNC = kpi_internal.sbg_fit_final,
    COMBINEFUNC = kpi_internal.model_fit_combine2, SERIALFUNC = kpi_internal.model_fit_serialize2, DESERIALFUNC = kpi_internal.model_fit_deserialize2, PARALLEL = SAFE);
CREATE AGGREGATE bgnbd_fit(frequency bigint, recency double precision, age double precision) (
    SFUNC = kpi_internal.bgnbd_fit_accum, STYPE = internal, FINALFUNC = kpi_internal.bgnbd_fit_final,
    COMBINEFUNC = kpi_internal.model_fit_combine3, SERIALFUNC = kpi_internal.model_fit_serialize3, DESERIALFUNC = kpi_internal.model_fit_deserialize3, PARALLEL = SAFE);
CREATE AGGREGATE gammagamma_fit(frequency bigint, monetary_value double precision) (
    SFUNC = kpi_internal.gammagamma_fit_accum, STYPE = internal, FINALFUNC = kpi_internal.gammagamma_fit_final,
    COMBINEFUNC = kpi_internal.model_fit_combine2, SERIALFUNC = kpi_internal.model_fit_serialize2, DESERIALFUNC = kpi_internal.model_fit_deserialize2, PARALLEL = SAFE);
CREATE FUNCTION sbg_fit(survivors bigint[]) RETURNS customermodel
    LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE AS 'MODULE_PATHNAME', 'sbg_fit_survivors';
CREATE FUNCTION sbg_fit(summary survivalsummary) RETURNS customermodel
    LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE AS 'MODULE_PATHNAME', 'sbg_fit_survival';
CREATE FUNCTION customer_model(model text, params double precision[]) RETURNS customermodel
    LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE AS 'MODULE_PATHNAME', 'customer_model';
COMMENT ON AGGREGATE sbg_fit(bigint, boolean) IS 'Fits the shifted-beta-geometric (sBG) retention model (Fader & Hardie 2007) to customers by their renewals made and whether they then churned (else still customers, censored): a customermodel; NULL rows skipped, no row gives NULL; negative renewals are error 22003; without churn, or without customers at risk of a second renewal, or a fit that does not converge, error 22023';
COMMENT ON AGGREGATE bgnbd_fit(bigint, double precision, double precision) IS 'Fits the BG/NBD purchase model (Fader, Hardie & Lee 2005) as lifetimes does to customers by frequency (repeat purchases), recency (first to last purchase) and age (first purchase to the end of observation), in one time unit: a customermodel; NULL rows skipped, no row gives NULL; a negative or non-finite value is error 22003, a recency above the age (or not 0 without repeat purchases) 22023; without a repeat buyer, or a fit that does not converge, error 22023';
COMMENT ON AGGREGATE gammagamma_fit(bigint, double precision) IS 'Fits the Gamma-Gamma spend model (Fader, Hardie & Lee 2005; note 025) as lifetimes does to repeat buyers by frequency and mean repeat-purchase value: a customermodel; rows of frequency 0 count for nothing, NULL rows skipped, no row gives NULL; a spend not above 0 of a repeat buyer is error 22003; without two different spends, or a fit that does not converge, error 22023';
COMMENT ON FUNCTION sbg_fit(bigint[]) IS 'Fits the sBG retention model to a survivor series: survivors[1] customers at the start, survivors[k + 1] still customers after k renewals (Fader & Hardie''s tables); a rising or negative count or a NULL is error 22023, as are the fit''s';
COMMENT ON FUNCTION sbg_fit(survivalsummary) IS 'Fits the sBG retention model to a life table in whole periods (survival_agg(whole_periods(...), churned)): a duration is the renewals made, a late entrant conditional on its entry; an empty table gives NULL; the fit''s errors are 22023';
COMMENT ON FUNCTION customer_model(text, double precision[]) IS 'A customermodel of given parameters (one fitted elsewhere): ''sbg'' {alpha, beta}, ''bgnbd'' {r, alpha, a, b} or ''gammagamma'' {p, q, gamma}, each finite and above 0; else error 22023';
COMMENT ON FUNCTION kpi_internal.model_fit_combine2(internal, internal) IS 'sbg_fit() and gammagamma_fit() combine function: appends a parallel worker''s customers';
COMMENT ON FUNCTION kpi_internal.model_fit_combine3(internal, internal) IS 'bgnbd_fit() combine function: appends a parallel worker''s customers';
COMMENT ON FUNCTION kpi_internal.model_fit_serialize2(internal) IS 'sbg_fit() and gammagamma_fit() serialize function: the customers to bytea for parallel workers';
COMMENT ON FUNCTION kpi_internal.model_fit_serialize3(internal) IS 'bgnbd_fit() serialize function: the customers to bytea for parallel workers';
COMMENT ON FUNCTION kpi_internal.model_fit_deserialize2(bytea, internal) IS 'sbg_fit() and gammagamma_fit() deserialize function: bytea from a parallel worker to customers';
COMMENT ON FUNCTION kpi_internal.model_fit_deserialize3(bytea, internal) IS 'bgnbd_fit() deserialize function: bytea from a parallel worker to customers';
COMMENT ON FUNCTION kpi_internal.sbg_fit_accum(internal, bigint, boolean) IS 'sbg_fit() transition: collects one customer';
COMMENT ON FUNCTION kpi_internal.sbg_fit_final(internal) IS 'sbg_fit() final function: the maximum-likelihood fit as a customermodel';
COMMENT ON FUNCTION kpi_internal.bgnbd_fit_accum(internal, bigint, double precision, double precision) IS 'bgnbd_fit() transition: collects one customer';
COMMENT ON FUNCTION kpi_internal.bgnbd_fit_final(internal) IS 'bgnbd_fit() final function: the maximum-likelihood fit as a customermodel';
COMMENT ON FUNCTION kpi_internal.gammagamma_fit_accum(internal, bigint, double precision) IS 'gammagamma_fit() transition: collects one repeat buyer';
COMMENT ON FUNCTION kpi_internal.gammagamma_fit_final(internal) IS 'gammagamma_fit() final function: the maximum-likelihood fit as a customermodel';

CREATE FUNCTION model_name(model customermodel) RETURNS text
    LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE AS 'MODULE_PATHNAME', 'customermodel_name';
CREATE FUNCTION model_param(model customermodel, name text) RETURNS double precision
    LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE AS 'MODULE_PATHNAME', 'customermodel_param';
CREATE FUNCTION customers(model customermodel) RETURNS bigint
    LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE AS 'MODULE_PATHNAME', 'customermodel_customers';
CREATE FUNCTION log_likelihood(model customermodel) RETURNS double precision
    LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE AS 'MODULE_PATHNAME', 'customermodel_log_likelihood';
CREATE FUNCTION iterations(model customermodel) RETURNS bigint
    LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE AS 'MODULE_PATHNAME', 'customermodel_iterations';
CREATE FUNCTION projected_survival(model customermodel, renewals bigint) RETURNS double precision
    LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE AS 'MODULE_PATHNAME', 'sbg_projected_survival';
CREATE FUNCTION projected_retention(model customermodel, renewal bigint) RETURNS double precision
    LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE AS 'MODULE_PATHNAME', 'sbg_projected_retention';
CREATE FUNCTION residual_lifetime(model customermodel, renewals bigint, discount_rate double precision) RETURNS double precision
    LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE AS 'MODULE_PATHNAME', 'sbg_residual_lifetime';
CREATE FUNCTION expected_purchases(model customermodel, duration double precision, frequency bigint, recency double precision, age double precision) RETURNS double precision
    LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE AS 'MODULE_PATHNAME', 'bgnbd_expected_purchases';
CREATE FUNCTION expected_purchases(model customermodel, duration double precision) RETURNS double precision
    LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE AS 'MODULE_PATHNAME', 'bgnbd_expected_purchases_new';
CREATE FUNCTION probability_alive(model customermodel, frequency bigint, recency double precision, age double precision) RETURNS double precision
    LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE AS 'MODULE_PATHNAME', 'bgnbd_probability_alive';
CREATE FUNCTION expected_spend(model customermodel, frequency bigint, monetary_value double precision) RETURNS double precision
    LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE AS 'MODULE_PATHNAME', 'gammagamma_expected_spend';
CREATE FUNCTION predicted_clv(purchases customermodel, spend customermodel, frequency bigint, recency double precision, age double precision,
                              monetary_value double precision, periods integer, period_length double precision, discount_rate double precision) RETURNS double precision
    LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE AS 'MODULE_PATHNAME', 'gammagamma_predicted_clv';
COMMENT ON FUNCTION model_name(customermodel) IS 'The model: ''sbg'', ''bgnbd'' or ''gammagamma''';
COMMENT ON FUNCTION model_param(customermodel, text) IS 'A parameter of the model by name (sbg: alpha, beta; bgnbd: r, alpha, a, b; gammagamma: p, q, gamma); another name is error 22023';
COMMENT ON FUNCTION customers(customermodel) IS 'Customers the model was fitted to; NULL for a model of given parameters';
COMMENT ON FUNCTION log_likelihood(customermodel) IS 'The fit''s log-likelihood at its parameters (BG/NBD in the data''s time unit, as the literature reports it); NULL for a model of given parameters';
COMMENT ON FUNCTION iterations(customermodel) IS 'Iterations the fit took to converge (L-BFGS and Newton steps); NULL for a model of given parameters';
COMMENT ON FUNCTION projected_survival(customermodel, bigint) IS 'sBG survival S(t): the share of a cohort still customers after t renewals (1 at 0); another model or a negative t is error 22023';
COMMENT ON FUNCTION projected_retention(customermodel, bigint) IS 'sBG retention rate r(t) = S(t) / S(t - 1): the share of customers after t - 1 renewals who make renewal t (t >= 1); another model or t < 1 is error 22023';
COMMENT ON FUNCTION residual_lifetime(customermodel, bigint, double precision) IS 'sBG discounted expected residual lifetime (DERL, Fader & Hardie 2010) of a customer who has made the given renewals, evaluated just before the next is due: that payment counted in full, each later one discounted by 1 / (1 + discount_rate) a period; F&H''s DERL(d | n - 1 renewals) is residual_lifetime(m, n - 1, d); a discount rate not above 0 is error 22023';
COMMENT ON FUNCTION expected_purchases(customermodel, double precision, bigint, double precision, double precision) IS 'BG/NBD expected repeat purchases in the next duration of a customer with this frequency, recency and age (lifetimes'' conditional_expected_number_of_purchases_up_to_time); another model or a negative duration is error 22023';
COMMENT ON FUNCTION expected_purchases(customermodel, double precision) IS 'BG/NBD expected repeat purchases in a duration of a customer just acquired (lifetimes'' expected_number_of_purchases_up_to_time)';
COMMENT ON FUNCTION probability_alive(customermodel, bigint, double precision, double precision) IS 'BG/NBD probability that a customer with this frequency, recency and age is still alive (1 without repeat purchases)';
COMMENT ON FUNCTION expected_spend(customermodel, bigint, double precision) IS 'Gamma-Gamma expected spend per purchase of a customer with this frequency and mean repeat-purchase value (the population mean shrunk towards theirs); needs q > 1, else error 22023';
COMMENT ON FUNCTION predicted_clv(customermodel, customermodel, bigint, double precision, double precision, double precision, integer, double precision, double precision) IS 'Customer value from a BG/NBD and a Gamma-Gamma model, as lifetimes'' customer_lifetime_value: over periods periods of period_length time units, expected spend x expected purchases of each period discounted by (1 + discount_rate) per period (lifetimes'' freq=W, time=12 is periods 12, period_length 4.345)';

-- Equality, a btree order and hashing, as every stored type has, and casts.
CREATE FUNCTION kpi_internal.customermodel_eq(a customermodel, b customermodel) RETURNS boolean
    LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE AS 'MODULE_PATHNAME', 'customermodel_eq';
CREATE FUNCTION kpi_internal.customermodel_ne(a customermodel, b customermodel) RETURNS boolean
    LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE AS 'MODULE_PATHNAME', 'customermodel_ne';
CREATE FUNCTION kpi_internal.customermodel_lt(a customermodel, b customermodel) RETURNS boolean
    LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE AS 'MODULE_PATHNAME', 'customermodel_lt';
CREATE FUNCTION kpi_internal.customermodel_le(a customermodel, b customermodel) RETURNS boolean
    LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE AS 'MODULE_PATHNAME', 'customermodel_le';
CREATE FUNCTION kpi_internal.customermodel_gt(a customermodel, b customermodel) RETURNS boolean
    LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE AS 'MODULE_PATHNAME', 'customermodel_gt';
CREATE FUNCTION kpi_internal.customermodel_ge(a customermodel, b customermodel) RETURNS boolean
    LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE AS 'MODULE_PATHNAME', 'customermodel_ge';
CREATE FUNCTION kpi_internal.customermodel_cmp(a customermodel, b customermodel) RETURNS integer
    LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE AS 'MODULE_PATHNAME', 'customermodel_cmp';
CREATE FUNCTION kpi_internal.customermodel_hash(model customermodel) RETURNS integer
    LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE AS 'MODULE_PATHNAME', 'customermodel_hash';
CREATE FUNCTION kpi_internal.customermodel_hash_extended(model customermodel, seed bigint) RETURNS bigint
    LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE AS 'MODULE_PATHNAME', 'customermodel_hash_extended';
CREATE OPERATOR = (LEFTARG = customermodel, RIGHTARG = customermodel, FUNCTION = kpi_internal.customermodel_eq,
    COMMUTATOR = =, NEGATOR = <>, RESTRICT = eqsel, JOIN = eqjoinsel, HASHES, MERGES);
CREATE OPERATOR <> (LEFTARG = customermodel, RIGHTARG = customermodel, FUNCTION = kpi_internal.customermodel_ne,
    COMMUTATOR = <>, NEGATOR = =, RESTRICT = neqsel, JOIN = neqjoinsel);
CREATE OPERATOR < (LEFTARG = customermodel, RIGHTARG = customermodel, FUNCTION = kpi_internal.customermodel_lt,
    COMMUTATOR = >, NEGATOR = >=, RESTRICT = scalarltsel, JOIN = scalarltjoinsel);
CREATE OPERATOR <= (LEFTARG = customermodel, RIGHTARG = customermodel, FUNCTION = kpi_internal.customermodel_le,
    COMMUTATOR = >=, NEGATOR = >, RESTRICT = scalarlesel, JOIN = scalarlejoinsel);
CREATE OPERATOR > (LEFTARG = customermodel, RIGHTARG = customermodel, FUNCTION = kpi_internal.customermodel_gt,
    COMMUTATOR = <, NEGATOR = <=, RESTRICT = scalargtsel, JOIN = scalargtjoinsel);
CREATE OPERATOR >= (LEFTARG = customermodel, RIGHTARG = customermodel, FUNCTION = kpi_internal.customermodel_ge,
    COMMUTATOR = <=, NEGATOR = <, RESTRICT = scalargesel, JOIN = scalargejoinsel);
CREATE OPERATOR CLASS kpi_internal.customermodel_ops DEFAULT FOR TYPE customermodel USING btree AS
    OPERATOR 1 <, OPERATOR 2 <=, OPERATOR 3 =, OPERATOR 4 >=, OPERATOR 5 >,
    FUNCTION 1 kpi_internal.customermodel_cmp(customermodel, customermodel);
CREATE OPERATOR CLASS kpi_internal.customermodel_hash_ops DEFAULT FOR TYPE customermodel USING hash AS
    OPERATOR 1 =, FUNCTION 1 kpi_internal.customermodel_hash(customermodel), FUNCTION 2 kpi_internal.customermodel_hash_extended(customermodel, bigint);
CREATE CAST (text AS customermodel) WITH INOUT AS ASSIGNMENT;
CREATE CAST (varchar AS customermodel) WITH INOUT AS ASSIGNMENT;
COMMENT ON FUNCTION kpi_internal.customermodel_eq(customermodel, customermodel) IS 'Operator = of customermodel: equal (the same stored form)';
COMMENT ON OPERATOR = (customermodel, customermodel) IS 'Customer models equal (the same stored form)';
COMMENT ON FUNCTION kpi_internal.customermodel_ne(customermodel, customermodel) IS 'Operator <> of customermodel: not equal';
COMMENT ON OPERATOR <> (customermodel, customermodel) IS 'Customer models not equal';
COMMENT ON FUNCTION kpi_internal.customermodel_lt(customermodel, customermodel) IS 'Operator < of customermodel: before in the btree order (bytewise order of the stored forms; no KPI meaning)';
COMMENT ON OPERATOR < (customermodel, customermodel) IS 'Customer models before in the btree order (bytewise order of the stored forms; no KPI meaning)';
COMMENT ON FUNCTION kpi_internal.customermodel_le(customermodel, customermodel) IS 'Operator <= of customermodel: before or equal in the btree order (no KPI meaning)';
COMMENT ON OPERATOR <= (customermodel, customermodel) IS 'Customer models before or equal in the btree order (no KPI meaning)';
COMMENT ON FUNCTION kpi_internal.customermodel_gt(customermodel, customermodel) IS 'Operator > of customermodel: after in the btree order (no KPI meaning)';
COMMENT ON OPERATOR > (customermodel, customermodel) IS 'Customer models after in the btree order (no KPI meaning)';
COMMENT ON FUNCTION kpi_internal.customermodel_ge(customermodel, customermodel) IS 'Operator >= of customermodel: after or equal in the btree order (no KPI meaning)';
COMMENT ON OPERATOR >= (customermodel, customermodel) IS 'Customer models after or equal in the btree order (no KPI meaning)';
COMMENT ON FUNCTION kpi_internal.customermodel_cmp(customermodel, customermodel) IS 'btree support of customermodel: -1, 0 or 1 in the bytewise order of the stored forms (no KPI meaning)';
COMMENT ON FUNCTION kpi_internal.customermodel_hash(customermodel) IS 'hash support of customermodel: hash of the stored form';
COMMENT ON FUNCTION kpi_internal.customermodel_hash_extended(customermodel, bigint) IS 'hash support of customermodel: 64-bit seeded hash of the stored form';
COMMENT ON OPERATOR CLASS kpi_internal.customermodel_ops USING btree IS 'Default btree order of customermodel: the bytewise order of the stored forms, consistent for GROUP BY, DISTINCT, ORDER BY and indexes, without KPI meaning';
COMMENT ON OPERATOR CLASS kpi_internal.customermodel_hash_ops USING hash IS 'Default hash operator class of customermodel, for hash joins, hash aggregation and hash partitioning';
COMMENT ON CAST (text AS customermodel) IS 'Assignment cast: text in the customermodel text form becomes a model where a customermodel is expected (INSERT, UPDATE, client text parameters)';
COMMENT ON CAST (varchar AS customermodel) IS 'Assignment cast: varchar in the customermodel text form becomes a model where a customermodel is expected (INSERT, UPDATE, client text parameters)';


-- purchase_history(): one customer's orders (GROUP BY customer) as the row the models read.
CREATE TYPE purchasehistory AS (frequency bigint, recency bigint, age bigint, monetary_value double precision);
COMMENT ON TYPE purchasehistory IS 'A customer''s purchase history as the customer models read it: repeat purchases (frequency), periods from the first purchase to the last (recency) and to as_of (age), and the mean amount of the repeat purchases (0 without any)';
CREATE FUNCTION kpi_internal.purchase_history_accum(state internal, ordered_on date, amount double precision, as_of date, period text) RETURNS internal
    LANGUAGE C IMMUTABLE PARALLEL SAFE AS 'MODULE_PATHNAME', 'purchase_history_accum';
CREATE FUNCTION kpi_internal.purchase_history_accum(state internal, ordered_on date, as_of date, period text) RETURNS internal
    LANGUAGE C IMMUTABLE PARALLEL SAFE AS 'MODULE_PATHNAME', 'purchase_history_accum_orders';
CREATE FUNCTION kpi_internal.purchase_history_combine(state internal, other internal) RETURNS internal
    LANGUAGE C IMMUTABLE PARALLEL SAFE AS 'MODULE_PATHNAME', 'purchase_history_combine';
CREATE FUNCTION kpi_internal.purchase_history_serialize(state internal) RETURNS bytea
    LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE AS 'MODULE_PATHNAME', 'purchase_history_serialize';
CREATE FUNCTION kpi_internal.purchase_history_deserialize(bytes bytea, unused internal) RETURNS internal
    LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE AS 'MODULE_PATHNAME', 'purchase_history_deserialize';
CREATE FUNCTION kpi_internal.purchase_history_final(state internal) RETURNS purchasehistory
    LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE AS 'MODULE_PATHNAME', 'purchase_history_final';
CREATE AGGREGATE purchase_history(ordered_on date, amount double precision, as_of date, period text) (
    SFUNC = kpi_internal.purchase_history_accum, STYPE = internal, FINALFUNC = kpi_internal.purchase_history_final,
    COMBINEFUNC = kpi_internal.purchase_history_combine, SERIALFUNC = kpi_internal.purchase_history_serialize, DESERIALFUNC = kpi_internal.purchase_history_deserialize, PARALLEL = SAFE);
CREATE AGGREGATE purchase_history(ordered_on date, as_of date, period text) (
    SFUNC = kpi_internal.purchase_history_accum, STYPE = internal, FINALFUNC = kpi_internal.purchase_history_final,
    COMBINEFUNC = kpi_internal.purchase_history_combine, SERIALFUNC = kpi_internal.purchase_history_serialize, DESERIALFUNC = kpi_internal.purchase_history_deserialize, PARALLEL = SAFE);
COMMENT ON AGGREGATE purchase_history(date, double precision, date, text) IS 'One customer''s orders (GROUP BY customer) as a purchasehistory, as lifetimes'' summary_data_from_transaction_data: orders counted by calendar period (''day'', ''week'' from Monday, ''month'', ''quarter'', ''year''), those after as_of''s period left out; NULL orders or amounts skipped, none by as_of gives NULL; a NULL or infinite as_of, an unknown period or either changing within a group is error 22023';
COMMENT ON AGGREGATE purchase_history(date, date, text) IS 'One customer''s orders (GROUP BY customer) as a purchasehistory without amounts (monetary_value 0): frequency, recency and age in calendar periods as of a day';
COMMENT ON FUNCTION kpi_internal.purchase_history_accum(internal, date, double precision, date, text) IS 'purchase_history() transition: collects one order';
COMMENT ON FUNCTION kpi_internal.purchase_history_accum(internal, date, date, text) IS 'purchase_history() transition without amounts: collects one order';
COMMENT ON FUNCTION kpi_internal.purchase_history_combine(internal, internal) IS 'purchase_history() combine function: appends a parallel worker''s orders';
COMMENT ON FUNCTION kpi_internal.purchase_history_serialize(internal) IS 'purchase_history() serialize function: the orders to bytea for parallel workers';
COMMENT ON FUNCTION kpi_internal.purchase_history_deserialize(bytea, internal) IS 'purchase_history() deserialize function: bytea from a parallel worker to orders';
COMMENT ON FUNCTION kpi_internal.purchase_history_final(internal) IS 'purchase_history() final function: the customer''s frequency, recency, age and mean repeat spend';

-- src/kpi/health.sql
-- Customer health score: measures scored 0-100, their weighted mean, tiers. Included by
-- health_sql.rs.
CREATE FUNCTION measure_score(value numeric, worst numeric, best numeric) RETURNS numeric
    LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE AS 'MODULE_PATHNAME', 'measure_score_linear';
CREATE FUNCTION measure_score(value numeric, thresholds numeric[], scores numeric[]) RETURNS numeric
    LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE AS 'MODULE_PATHNAME', 'measure_score_banded';
CREATE FUNCTION health_score(scores numeric[], weights numeric[]) RETURNS numeric
    LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE AS 'MODULE_PATHNAME', 'health_score_arrays';
CREATE FUNCTION health_score(scores jsonb, weights jsonb) RETURNS numeric
    LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE AS 'MODULE_PATHNAME', 'health_score_named';
CREATE FUNCTION health_tier(score numeric, thresholds numeric[] DEFAULT '{25,50,75}',
                            tiers text[] DEFAULT '{At-risk,Unhealthy,Healthy,High-value}') RETURNS text
    LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE AS 'MODULE_PATHNAME', 'health_tier';
COMMENT ON FUNCTION measure_score(numeric, numeric, numeric) IS 'A measure scored 0-100 linearly: 100 * (value - worst) / (best - worst), 0 at or beyond worst, 100 at or beyond best (best below worst when less is better); worst = best is error 22023';
COMMENT ON FUNCTION measure_score(numeric, numeric[], numeric[]) IS 'A measure scored by bands: scores[1] below thresholds[1], scores[i + 1] from thresholds[i], scores[n + 1] from thresholds[n]; thresholds strictly increasing, one more score than thresholds, each score 0-100, else error 22023';
COMMENT ON FUNCTION health_score(numeric[], numeric[]) IS 'Customer health score: the weighted mean sum(w * s) / sum(w) of the measure scores present (0-100), NULL scores left out and the other weights re-normalised as Gainsight, ChurnZero and Totango do; NULL when no weighted score is present; a negative weight, all weights zero, a NULL weight or lengths that differ are error 22023, a score outside 0-100 22003';
COMMENT ON FUNCTION health_score(jsonb, jsonb) IS 'Customer health score of named measures: scores {"name": score or null, ...}, weights {"name": weight, ...}; a measure missing from scores or null is left out and the other weights re-normalised; a scored measure without a weight, a negative weight or all weights zero is error 22023 naming it, a score outside 0-100 22003';
COMMENT ON FUNCTION health_tier(numeric, numeric[], text[]) IS 'The tier of a health score (0-100): by default At-risk below 25, Unhealthy below 50, Healthy below 75, High-value from 75 (the four categories of the customer health score); else tiers[i + 1] from thresholds[i]; thresholds strictly increasing, one more tier than thresholds, tier names different, else error 22023; a score outside 0-100 is error 22003';

-- src/kpi/tiers.sql
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

-- src/kpi/referral.sql
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

-- src/kpi/retention_cost.sql
-- Customer retention cost: expenses per customer, and over ARPA. Included by retention_cost.rs.
CREATE FUNCTION retention_cost(expenses numeric, customers bigint) RETURNS numeric
    LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE AS 'MODULE_PATHNAME', 'retention_cost_count';
CREATE FUNCTION retention_cost(expenses numeric, summary mrrsummary) RETURNS numeric
    LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE AS 'MODULE_PATHNAME', 'retention_cost_mrr';
CREATE FUNCTION retention_cost_ratio(expenses numeric, summary mrrsummary) RETURNS numeric
    LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE AS 'MODULE_PATHNAME', 'retention_cost_ratio';
COMMENT ON FUNCTION retention_cost(numeric, bigint) IS 'Customer retention cost: expenses of keeping (and obtaining) customers over a period / customers, as numeric; NULL without customers; negative expenses or customers are error 22003';
COMMENT ON FUNCTION retention_cost(numeric, mrrsummary) IS 'Customer retention cost of an MRR summary''s period: expenses / customers_at_end(summary), the customers arpa() divides by; NULL without customers; negative expenses are error 22003';
COMMENT ON FUNCTION retention_cost_ratio(numeric, mrrsummary) IS 'Retention cost over ARPA for the period of an MRR summary: retention_cost(expenses, summary) / arpa(summary) in one exact division (expenses / ending_mrr); above 1 a customer costs more to keep than it brings; NULL without MRR; negative expenses are error 22003';
