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
