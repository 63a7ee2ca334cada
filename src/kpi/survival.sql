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

