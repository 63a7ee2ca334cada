-- KPIs from counts a BI tool has summed (SUM of bigint is numeric). Included by from_counts.rs.
CREATE FUNCTION nps_from_counts(promoters numeric, passives numeric, detractors numeric) RETURNS numeric
    LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE AS 'MODULE_PATHNAME', 'nps_from_counts';
CREATE FUNCTION csat_from_counts(satisfied numeric, responses numeric) RETURNS numeric
    LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE AS 'MODULE_PATHNAME', 'csat_from_counts';
CREATE FUNCTION share_from_counts(matching numeric, total numeric) RETURNS numeric
    LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE AS 'MODULE_PATHNAME', 'share_from_counts';
CREATE FUNCTION churn_rate_from_counts(lost numeric, at_start numeric) RETURNS numeric
    LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE AS 'MODULE_PATHNAME', 'churn_rate_from_counts';
CREATE FUNCTION retention_rate_from_counts(lost numeric, at_start numeric) RETURNS numeric
    LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE AS 'MODULE_PATHNAME', 'retention_rate_from_counts';
COMMENT ON FUNCTION nps_from_counts(numeric, numeric, numeric) IS 'NPS from summed counts: 100 * (promoters - detractors) / (promoters + passives + detractors), equal to nps() of a summary of those counts; NULL for none; counts must be whole numbers >= 0 (22003)';
COMMENT ON FUNCTION csat_from_counts(numeric, numeric) IS 'CSAT from summed counts: 100 * satisfied / responses, equal to csat() of a summary; NULL for no responses; counts must be whole numbers >= 0 (22003), satisfied <= responses (22023)';
COMMENT ON FUNCTION share_from_counts(numeric, numeric) IS 'Share (conversion, FCR, revenue at risk) from summed counts or weights: 100 * matching / total, equal to share() of a summary; NULL when total is 0; negative is 22003, matching > total is 22023';
COMMENT ON FUNCTION churn_rate_from_counts(numeric, numeric) IS 'Churn rate from summed counts: 100 * lost / at_start, equal to churn_rate() of a summary; NULL when at_start is 0; counts whole >= 0 (22003), lost <= at_start (22023)';
COMMENT ON FUNCTION retention_rate_from_counts(numeric, numeric) IS 'Retention rate from summed counts: 100 * (at_start - lost) / at_start, equal to retention_rate() of a summary; NULL when at_start is 0; counts whole >= 0 (22003), lost <= at_start (22023)';
