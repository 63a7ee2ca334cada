-- pg_kpi 0.3.0 -> 0.4.0
-- complain if script is sourced in psql, rather than via ALTER EXTENSION
\echo Use "ALTER EXTENSION pg_kpi UPDATE TO '0.4.0'" to load this file. \quit

-- combine(summary) for every summary type: the same aggregate as rollup(summary), under a name that
-- BI tools' SQL parsers accept.
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
