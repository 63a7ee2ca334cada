-- ci_lower(), ci_upper(), margin_of_error(), std_error(), nps_test(), nps_diff_ci_*(),
-- proportion_test(), *_sample_size(): double precision, in the KPI's units.

-- MeasuringU's worked example: n = 200, 90 promoters, 40 detractors: NPS 25, Wald margin of
-- error 10.6, adjusted-Wald 95% interval [14.1, 35.2]
CREATE TEMP TABLE example AS SELECT '{"v":1,"counts":[40,0,0,0,0,0,0,70,0,90,0]}'::npssummary AS s;
SELECT nps(s), round(ci_lower(s)::numeric, 1) AS lower, round(ci_upper(s)::numeric, 1) AS upper,
       round(margin_of_error(s, 0.95, 'wald')::numeric, 1) AS wald_margin,
       round(ci_lower(s, 0.95, 'wald')::numeric, 1) AS wald_lower, round(std_error(s)::numeric, 2) AS std_error,
       round(margin_of_error(s, 0.9)::numeric, 2) AS margin_90, round(margin_of_error(s, 0.99)::numeric, 2) AS margin_99
FROM example;

-- proportions: the three methods on one CSAT summary (45 satisfied of 100), and on the other
-- proportion summaries
CREATE TEMP TABLE props AS
SELECT csat_agg(CASE WHEN i <= 45 THEN 5 ELSE 2 END) AS c, share_agg(i <= 45) AS sh,
       churn_agg(1, CASE WHEN i <= 45 THEN 1 ELSE 0 END) AS ch, mrr_agg(CASE WHEN i <= 45 THEN 10 ELSE 5 END, CASE WHEN i <= 45 THEN 0 ELSE 5 END) AS m
FROM generate_series(1, 100) AS i;
SELECT meth AS method, round(ci_lower(c, 0.95, meth)::numeric, 4) AS lower, round(ci_upper(c, 0.95, meth)::numeric, 4) AS upper,
       round(margin_of_error(c, 0.95, meth)::numeric, 4) AS margin
FROM props, unnest(ARRAY['wilson', 'wald', 'agresti_coull']) AS meth ORDER BY meth;
SELECT ci_lower(c) = ci_lower(sh) AND ci_lower(sh) = ci_lower(ch) AND ci_lower(ch) = ci_lower(m) AS same_counts_same_interval,
       round(std_error(c)::numeric, 4) AS std_error, std_error(c) = std_error(m) AS same_std_error
FROM props;

-- every interval contains its estimate and stays in range, over many generated summaries
SELECT count(*) AS summaries,
       count(*) FILTER (WHERE NOT (ci_lower(s) <= nps(s) AND nps(s) <= ci_upper(s))) AS nps_outside,
       count(*) FILTER (WHERE ci_lower(s, 0.99, 'wald') < -100 OR ci_upper(s, 0.99, 'wald') > 100) AS nps_out_of_range,
       count(*) FILTER (WHERE NOT (ci_lower(c, 0.9, 'agresti_coull') <= csat(c) AND csat(c) <= ci_upper(c, 0.9, 'agresti_coull'))) AS csat_outside,
       count(*) FILTER (WHERE ci_lower(c, 0.999, 'wald') < 0 OR ci_upper(c, 0.999, 'wald') > 100) AS csat_out_of_range
FROM (SELECT g, nps_agg((i * g * 7) % 11) AS s, csat_agg(1 + (i * g) % 5) AS c
      FROM generate_series(1, 300) AS g, generate_series(1, 40) AS i WHERE i <= g % 40 + 1 GROUP BY g) AS t;

-- more answers, narrower intervals
SELECT n, round(margin_of_error(nps_agg(score))::numeric, 1) AS nps_margin, round(margin_of_error(csat_agg(1 + score % 5))::numeric, 1) AS csat_margin
FROM (VALUES (50), (200), (1000), (5000)) AS v(n), LATERAL (SELECT i % 11 AS score FROM generate_series(1, n) AS i) AS s
GROUP BY n ORDER BY n;

-- comparing two groups
SELECT round(nps_test(a, b)::numeric, 4) AS p_value, round(nps_diff_ci_lower(a, b)::numeric, 1) AS diff_lower,
       round(nps_diff_ci_upper(a, b)::numeric, 1) AS diff_upper, nps(a) - nps(b) AS diff,
       nps_test(a, a) AS same_group, round(nps_test(a, c)::numeric, 6) AS far_apart
FROM (SELECT '{"v":1,"counts":[40,0,0,0,0,0,0,70,0,90,0]}'::npssummary AS a,
             '{"v":1,"counts":[50,0,0,0,0,0,0,70,0,80,0]}'::npssummary AS b,
             '{"v":1,"counts":[150,0,0,0,0,0,0,30,0,20,0]}'::npssummary AS c) AS t;
SELECT round(proportion_test(churn_agg(100, 45), churn_agg(100, 30))::numeric, 5) AS churn_p,
       proportion_test(churn_agg(10, 0), churn_agg(20, 0)) AS both_zero,
       proportion_test(churn_agg(0, 0), churn_agg(20, 3)) IS NULL AS empty_is_null;

-- survey planning: answers for a margin of error, worst case
SELECT m AS margin, nps_sample_size(m) AS nps_answers, proportion_sample_size(m) AS proportion_answers,
       proportion_sample_size(m, 0.99) AS at_99
FROM (VALUES (10), (5), (3), (1)) AS v(m) ORDER BY m DESC;

-- empty summaries give NULL
SELECT ci_lower(nps_agg(x)) IS NULL AS nps_empty, margin_of_error(csat_agg(x)) IS NULL AS csat_empty,
       std_error(churn_agg(x, x)) IS NULL AS churn_empty
FROM (SELECT NULL::integer) AS v(x);

-- CES: the t interval of the mean (cessummary version 2 carries the sum of squares). Its standard
-- error equals the hand-written stddev_samp(x) / sqrt(count(x)), by segment; the half-width is
-- t(n - 1) times it (scipy: t.ppf(0.975, 7) = 2.3646242515927849) on a textbook sample
SELECT round(ci_lower(c)::numeric, 10) AS lower, round(ci_upper(c)::numeric, 10) AS upper,
       round(margin_of_error(c)::numeric, 10) AS margin, round(std_error(c)::numeric, 10) AS std_error,
       round((margin_of_error(c) / std_error(c))::numeric, 12) AS t_975_7,
       round(margin_of_error(c, 0.99)::numeric, 6) AS margin_99, round(ci_lower(c, 0.9, 't')::numeric, 6) AS lower_90
FROM (SELECT ces_agg(x) AS c FROM unnest(ARRAY[2, 4, 4, 4, 5, 5, 7, 9, NULL]) AS x) AS t;
SELECT segment, responses(c), round(ces(c), 4) AS ces, round(ci_lower(c)::numeric, 4) AS lower, round(ci_upper(c)::numeric, 4) AS upper,
       abs(std_error(c) - hand_se) < 1e-12 * hand_se AS se_equals_hand_written,
       abs(ces(c)::float8 - (ci_lower(c) + ci_upper(c)) / 2) < 1e-12 AS centered
FROM (SELECT segment, ces_agg(effort) AS c, stddev_samp(effort)::float8 / sqrt(count(effort)) AS hand_se
      FROM cx_fixture GROUP BY segment) AS t ORDER BY segment;
-- numeric and double precision scores, rolled up from days: the same interval as in one step
SELECT abs(ci_upper(rolled) - ci_upper(direct)) < 1e-12 AS rolled_equals_direct, rolled = direct AS same_summary,
       abs(std_error(direct) - hand_se) < 1e-12 * hand_se AS se_equals_hand_written,
       abs(std_error(f) - hand_se) < 1e-9 * hand_se AS float8_se
FROM (SELECT rollup(d) AS rolled FROM (SELECT ces_agg(effort / 3.0) AS d FROM cx_fixture GROUP BY requested_at::date) AS days) AS r,
     (SELECT ces_agg(effort / 3.0) AS direct, ces_agg((effort / 3.0)::float8) AS f,
             stddev_samp(effort / 3.0)::float8 / sqrt(count(effort)) AS hand_se FROM cx_fixture) AS d;
-- no interval with fewer than two responses, for a version 1 summary, or all scores equal (width 0)
SELECT ci_lower(ces_agg(x)) IS NULL AS one_response FROM (VALUES (4)) AS v(x);
SELECT ci_upper('{"v":1,"count":8,"sum":40}'::cessummary) IS NULL AS version_1,
       std_error('{"v":2,"count":0,"sum":0,"sum_squares":0}'::cessummary) IS NULL AS empty;
SELECT ci_lower(c), ci_upper(c), margin_of_error(c), std_error(c) FROM (SELECT ces_agg(3.3) AS c FROM generate_series(1, 5)) AS t;
-- more answers, narrower; intervals contain the mean over many generated samples
SELECT n, round(margin_of_error(ces_agg(1 + i % 7))::numeric, 3) AS ces_margin
FROM (VALUES (10), (100), (1000)) AS v(n), generate_series(1, n) AS i GROUP BY n ORDER BY n;
SELECT count(*) AS summaries, count(*) FILTER (WHERE NOT (ci_lower(c, 0.99) <= ces(c) AND ces(c) <= ci_upper(c, 0.99))) AS outside
FROM (SELECT g, ces_agg(1 + (i * g) % 7) AS c FROM generate_series(2, 300) AS g, generate_series(1, 40) AS i
      WHERE i <= g % 40 + 2 GROUP BY g) AS t;

-- errors
\set VERBOSITY sqlstate
SELECT ci_lower(s, 1.5) FROM example;
\set VERBOSITY default
SELECT ci_lower(ces_agg(x), 0.95, 'z') FROM (VALUES (1), (2)) AS v(x);
SELECT margin_of_error(ces_agg(x), 1) FROM (VALUES (1), (2)) AS v(x);
SELECT ci_lower(s, 1.5) FROM example;
SELECT ci_upper(s, 0) FROM example;
SELECT margin_of_error(s, 'NaN') FROM example;
SELECT ci_lower(s, 0.95, 'wilson') FROM example;
SELECT ci_upper(c, 0.95, 'exact') FROM props;
SELECT nps_diff_ci_lower(s, s, 1) FROM example;
SELECT nps_sample_size(0);
SELECT proportion_sample_size(150);
SELECT proportion_sample_size(5, 1);
SELECT ci_lower(share_agg(true, 2.5));
