-- Confidence intervals, significance tests and sample sizes. Included by confidence_sql.rs.
CREATE FUNCTION ci_lower(summary npssummary, confidence double precision DEFAULT 0.95, method text DEFAULT 'adjusted_wald') RETURNS double precision
    LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE AS 'MODULE_PATHNAME', 'nps_ci_lower';
CREATE FUNCTION ci_upper(summary npssummary, confidence double precision DEFAULT 0.95, method text DEFAULT 'adjusted_wald') RETURNS double precision
    LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE AS 'MODULE_PATHNAME', 'nps_ci_upper';
CREATE FUNCTION margin_of_error(summary npssummary, confidence double precision DEFAULT 0.95, method text DEFAULT 'adjusted_wald') RETURNS double precision
    LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE AS 'MODULE_PATHNAME', 'nps_margin_of_error';
CREATE FUNCTION std_error(summary npssummary) RETURNS double precision
    LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE AS 'MODULE_PATHNAME', 'nps_std_error';
CREATE FUNCTION nps_test(a npssummary, b npssummary) RETURNS double precision
    LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE AS 'MODULE_PATHNAME', 'nps_test';
CREATE FUNCTION nps_diff_ci_lower(a npssummary, b npssummary, confidence double precision DEFAULT 0.95) RETURNS double precision
    LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE AS 'MODULE_PATHNAME', 'nps_diff_ci_lower';
CREATE FUNCTION nps_diff_ci_upper(a npssummary, b npssummary, confidence double precision DEFAULT 0.95) RETURNS double precision
    LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE AS 'MODULE_PATHNAME', 'nps_diff_ci_upper';
CREATE FUNCTION nps_sample_size(margin double precision, confidence double precision DEFAULT 0.95) RETURNS bigint
    LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE AS 'MODULE_PATHNAME', 'nps_sample_size';
CREATE FUNCTION proportion_sample_size(margin double precision, confidence double precision DEFAULT 0.95) RETURNS bigint
    LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE AS 'MODULE_PATHNAME', 'proportion_sample_size';
COMMENT ON FUNCTION ci_lower(npssummary, double precision, text) IS 'Lower end of the NPS confidence interval, in NPS points: method adjusted_wald (default; MeasuringU: 3 more answers, 3/4 more promoters and detractors) or wald; confidence in (0, 1), default 0.95; NULL for no answers';
COMMENT ON FUNCTION ci_upper(npssummary, double precision, text) IS 'Upper end of the NPS confidence interval, in NPS points: method adjusted_wald (default) or wald; confidence in (0, 1), default 0.95; NULL for no answers';
COMMENT ON FUNCTION margin_of_error(npssummary, double precision, text) IS 'Half the width of the NPS confidence interval, in NPS points: method adjusted_wald (default) or wald; NULL for no answers';
COMMENT ON FUNCTION std_error(npssummary) IS 'Standard error of the NPS, in points: 100 * sqrt((p + d - (p - d)^2) / n) with p, d the promoter and detractor shares; NULL for no answers';
COMMENT ON FUNCTION nps_test(npssummary, npssummary) IS 'Two-sided p-value of the difference of two NPS values: z test on the adjusted-Wald variances (MeasuringU); NULL when either has no answers';
COMMENT ON FUNCTION nps_diff_ci_lower(npssummary, npssummary, double precision) IS 'Lower end of the confidence interval of NPS(a) - NPS(b), in points (adjusted Wald); NULL when either has no answers';
COMMENT ON FUNCTION nps_diff_ci_upper(npssummary, npssummary, double precision) IS 'Upper end of the confidence interval of NPS(a) - NPS(b), in points (adjusted Wald); NULL when either has no answers';
COMMENT ON FUNCTION nps_sample_size(double precision, double precision) IS 'Answers needed for an NPS margin of error of margin points at the confidence, in the worst case (half promoters, half detractors); margin in (0, 100]';
COMMENT ON FUNCTION proportion_sample_size(double precision, double precision) IS 'Observations needed for a margin of error of margin percentage points on a proportion (CSAT, share, churn) at the confidence, in the worst case (50 %); margin in (0, 100]';
CREATE FUNCTION ci_lower(summary csatsummary, confidence double precision DEFAULT 0.95, method text DEFAULT 'wilson') RETURNS double precision
    LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE AS 'MODULE_PATHNAME', 'csat_ci_lower';
CREATE FUNCTION ci_upper(summary csatsummary, confidence double precision DEFAULT 0.95, method text DEFAULT 'wilson') RETURNS double precision
    LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE AS 'MODULE_PATHNAME', 'csat_ci_upper';
CREATE FUNCTION margin_of_error(summary csatsummary, confidence double precision DEFAULT 0.95, method text DEFAULT 'wilson') RETURNS double precision
    LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE AS 'MODULE_PATHNAME', 'csat_margin_of_error';
CREATE FUNCTION std_error(summary csatsummary) RETURNS double precision
    LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE AS 'MODULE_PATHNAME', 'csat_std_error';
CREATE FUNCTION proportion_test(a csatsummary, b csatsummary) RETURNS double precision
    LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE AS 'MODULE_PATHNAME', 'csat_proportion_test';
COMMENT ON FUNCTION ci_lower(csatsummary, double precision, text) IS 'Lower end of the confidence interval of the CSAT (satisfied of responses), in percent: method wilson (default), wald or agresti_coull; confidence in (0, 1), default 0.95; NULL when nothing was counted';
COMMENT ON FUNCTION ci_upper(csatsummary, double precision, text) IS 'Upper end of the confidence interval of the CSAT (satisfied of responses), in percent: method wilson (default), wald or agresti_coull; NULL when nothing was counted';
COMMENT ON FUNCTION margin_of_error(csatsummary, double precision, text) IS 'Half the width of the confidence interval of the CSAT (satisfied of responses), in percentage points; NULL when nothing was counted';
COMMENT ON FUNCTION std_error(csatsummary) IS 'Standard error of the CSAT (satisfied of responses), in percentage points: 100 * sqrt(p (1 - p) / n); NULL when nothing was counted';
COMMENT ON FUNCTION proportion_test(csatsummary, csatsummary) IS 'Two-sided p-value of the pooled two-proportion z test of the CSAT (satisfied of responses) of a against b; 1 when both are all 0 or all 100 %; NULL when either counted nothing';
CREATE FUNCTION ci_lower(summary sharesummary, confidence double precision DEFAULT 0.95, method text DEFAULT 'wilson') RETURNS double precision
    LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE AS 'MODULE_PATHNAME', 'share_ci_lower';
CREATE FUNCTION ci_upper(summary sharesummary, confidence double precision DEFAULT 0.95, method text DEFAULT 'wilson') RETURNS double precision
    LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE AS 'MODULE_PATHNAME', 'share_ci_upper';
CREATE FUNCTION margin_of_error(summary sharesummary, confidence double precision DEFAULT 0.95, method text DEFAULT 'wilson') RETURNS double precision
    LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE AS 'MODULE_PATHNAME', 'share_margin_of_error';
CREATE FUNCTION std_error(summary sharesummary) RETURNS double precision
    LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE AS 'MODULE_PATHNAME', 'share_std_error';
CREATE FUNCTION proportion_test(a sharesummary, b sharesummary) RETURNS double precision
    LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE AS 'MODULE_PATHNAME', 'share_proportion_test';
COMMENT ON FUNCTION ci_lower(sharesummary, double precision, text) IS 'Lower end of the confidence interval of the share (rows of share_agg(condition); a weighted share only when its sums are whole), in percent: method wilson (default), wald or agresti_coull; confidence in (0, 1), default 0.95; NULL when nothing was counted';
COMMENT ON FUNCTION ci_upper(sharesummary, double precision, text) IS 'Upper end of the confidence interval of the share (rows of share_agg(condition); a weighted share only when its sums are whole), in percent: method wilson (default), wald or agresti_coull; NULL when nothing was counted';
COMMENT ON FUNCTION margin_of_error(sharesummary, double precision, text) IS 'Half the width of the confidence interval of the share (rows of share_agg(condition); a weighted share only when its sums are whole), in percentage points; NULL when nothing was counted';
COMMENT ON FUNCTION std_error(sharesummary) IS 'Standard error of the share (rows of share_agg(condition); a weighted share only when its sums are whole), in percentage points: 100 * sqrt(p (1 - p) / n); NULL when nothing was counted';
COMMENT ON FUNCTION proportion_test(sharesummary, sharesummary) IS 'Two-sided p-value of the pooled two-proportion z test of the share (rows of share_agg(condition); a weighted share only when its sums are whole) of a against b; 1 when both are all 0 or all 100 %; NULL when either counted nothing';
CREATE FUNCTION ci_lower(summary churnsummary, confidence double precision DEFAULT 0.95, method text DEFAULT 'wilson') RETURNS double precision
    LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE AS 'MODULE_PATHNAME', 'churn_ci_lower';
CREATE FUNCTION ci_upper(summary churnsummary, confidence double precision DEFAULT 0.95, method text DEFAULT 'wilson') RETURNS double precision
    LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE AS 'MODULE_PATHNAME', 'churn_ci_upper';
CREATE FUNCTION margin_of_error(summary churnsummary, confidence double precision DEFAULT 0.95, method text DEFAULT 'wilson') RETURNS double precision
    LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE AS 'MODULE_PATHNAME', 'churn_margin_of_error';
CREATE FUNCTION std_error(summary churnsummary) RETURNS double precision
    LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE AS 'MODULE_PATHNAME', 'churn_std_error';
CREATE FUNCTION proportion_test(a churnsummary, b churnsummary) RETURNS double precision
    LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE AS 'MODULE_PATHNAME', 'churn_proportion_test';
COMMENT ON FUNCTION ci_lower(churnsummary, double precision, text) IS 'Lower end of the confidence interval of the churn rate (lost of customers at start), in percent: method wilson (default), wald or agresti_coull; confidence in (0, 1), default 0.95; NULL when nothing was counted';
COMMENT ON FUNCTION ci_upper(churnsummary, double precision, text) IS 'Upper end of the confidence interval of the churn rate (lost of customers at start), in percent: method wilson (default), wald or agresti_coull; NULL when nothing was counted';
COMMENT ON FUNCTION margin_of_error(churnsummary, double precision, text) IS 'Half the width of the confidence interval of the churn rate (lost of customers at start), in percentage points; NULL when nothing was counted';
COMMENT ON FUNCTION std_error(churnsummary) IS 'Standard error of the churn rate (lost of customers at start), in percentage points: 100 * sqrt(p (1 - p) / n); NULL when nothing was counted';
COMMENT ON FUNCTION proportion_test(churnsummary, churnsummary) IS 'Two-sided p-value of the pooled two-proportion z test of the churn rate (lost of customers at start) of a against b; 1 when both are all 0 or all 100 %; NULL when either counted nothing';
CREATE FUNCTION ci_lower(summary mrrsummary, confidence double precision DEFAULT 0.95, method text DEFAULT 'wilson') RETURNS double precision
    LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE AS 'MODULE_PATHNAME', 'mrr_ci_lower';
CREATE FUNCTION ci_upper(summary mrrsummary, confidence double precision DEFAULT 0.95, method text DEFAULT 'wilson') RETURNS double precision
    LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE AS 'MODULE_PATHNAME', 'mrr_ci_upper';
CREATE FUNCTION margin_of_error(summary mrrsummary, confidence double precision DEFAULT 0.95, method text DEFAULT 'wilson') RETURNS double precision
    LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE AS 'MODULE_PATHNAME', 'mrr_margin_of_error';
CREATE FUNCTION std_error(summary mrrsummary) RETURNS double precision
    LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE AS 'MODULE_PATHNAME', 'mrr_std_error';
CREATE FUNCTION proportion_test(a mrrsummary, b mrrsummary) RETURNS double precision
    LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE AS 'MODULE_PATHNAME', 'mrr_proportion_test';
COMMENT ON FUNCTION ci_lower(mrrsummary, double precision, text) IS 'Lower end of the confidence interval of the customer churn rate (churned of customers at start), in percent: method wilson (default), wald or agresti_coull; confidence in (0, 1), default 0.95; NULL when nothing was counted';
COMMENT ON FUNCTION ci_upper(mrrsummary, double precision, text) IS 'Upper end of the confidence interval of the customer churn rate (churned of customers at start), in percent: method wilson (default), wald or agresti_coull; NULL when nothing was counted';
COMMENT ON FUNCTION margin_of_error(mrrsummary, double precision, text) IS 'Half the width of the confidence interval of the customer churn rate (churned of customers at start), in percentage points; NULL when nothing was counted';
COMMENT ON FUNCTION std_error(mrrsummary) IS 'Standard error of the customer churn rate (churned of customers at start), in percentage points: 100 * sqrt(p (1 - p) / n); NULL when nothing was counted';
COMMENT ON FUNCTION proportion_test(mrrsummary, mrrsummary) IS 'Two-sided p-value of the pooled two-proportion z test of the customer churn rate (churned of customers at start) of a against b; 1 when both are all 0 or all 100 %; NULL when either counted nothing';
CREATE FUNCTION ci_lower(summary cessummary, confidence double precision DEFAULT 0.95, method text DEFAULT 't') RETURNS double precision
    LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE AS 'MODULE_PATHNAME', 'ces_ci_lower';
CREATE FUNCTION ci_upper(summary cessummary, confidence double precision DEFAULT 0.95, method text DEFAULT 't') RETURNS double precision
    LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE AS 'MODULE_PATHNAME', 'ces_ci_upper';
CREATE FUNCTION margin_of_error(summary cessummary, confidence double precision DEFAULT 0.95, method text DEFAULT 't') RETURNS double precision
    LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE AS 'MODULE_PATHNAME', 'ces_margin_of_error';
CREATE FUNCTION std_error(summary cessummary) RETURNS double precision
    LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE AS 'MODULE_PATHNAME', 'ces_std_error';
COMMENT ON FUNCTION ci_lower(cessummary, double precision, text) IS 'Lower end of the confidence interval of the mean effort score, in score units: method t (Student''s t from the sample variance); confidence in (0, 1), default 0.95; NULL with fewer than two responses or for a version 1 summary (no sum of squares)';
COMMENT ON FUNCTION ci_upper(cessummary, double precision, text) IS 'Upper end of the confidence interval of the mean effort score, in score units: method t (Student''s t from the sample variance); confidence in (0, 1), default 0.95; NULL with fewer than two responses or for a version 1 summary (no sum of squares)';
COMMENT ON FUNCTION margin_of_error(cessummary, double precision, text) IS 'Half the width of the t interval of the mean effort score, in score units; NULL with fewer than two responses or for a version 1 summary (no sum of squares)';
COMMENT ON FUNCTION std_error(cessummary) IS 'Standard error of the mean effort score, in score units: s / sqrt(n) with s the sample standard deviation; NULL with fewer than two responses or for a version 1 summary (no sum of squares)';
