-- pg_kpi demo report over the sample CRM tables: every figure is one SQL aggregate.
\pset footer off
\pset null '(no data)'

\echo
\echo '== NPS by month and segment (nps(score), rounded to 1 decimal) =='
SELECT to_char(date_trunc('month', r.answered_at), 'YYYY-MM') AS month,
       round(nps(r.score) FILTER (WHERE c.segment = 'smb'), 1)        AS smb,
       round(nps(r.score) FILTER (WHERE c.segment = 'mid-market'), 1) AS "mid-market",
       round(nps(r.score) FILTER (WHERE c.segment = 'enterprise'), 1) AS enterprise,
       round(nps(r.score), 1)                                         AS "all",
       count(r.score)                                                 AS answers
FROM survey_responses r JOIN customers c USING (customer_id)
GROUP BY 1 ORDER BY 1;

\echo
\echo '== NPS by quarter and segment, with the answer mix =='
SELECT to_char(date_trunc('quarter', r.answered_at), 'YYYY-"Q"Q') AS quarter, c.segment,
       round(nps(r.score), 1) AS nps,
       count(*) FILTER (WHERE r.score >= 9)          AS promoters,
       count(*) FILTER (WHERE r.score BETWEEN 7 AND 8) AS passives,
       count(*) FILTER (WHERE r.score <= 6)          AS detractors,
       count(*) FILTER (WHERE r.score IS NULL)       AS skipped
FROM survey_responses r JOIN customers c USING (customer_id)
GROUP BY 1, 2 ORDER BY 1, 2;

\echo
\echo '== Rolling NPS over the last 100 answers (a moving window aggregate), month ends =='
SELECT to_char(answered_at, 'YYYY-MM-DD') AS day, round(rolling, 1) AS nps_last_100_answers
FROM (SELECT answered_at,
             nps(score) OVER (ORDER BY answered_at, response_id
                              ROWS BETWEEN 99 PRECEDING AND CURRENT ROW) AS rolling,
             lead(answered_at) OVER (ORDER BY answered_at, response_id) AS next_at
      FROM survey_responses) w
WHERE date_trunc('month', answered_at) IS DISTINCT FROM date_trunc('month', next_at)
ORDER BY answered_at;

\echo
\echo '== Why one aggregate: the yearly NPS vs the average of monthly NPS values (a common mistake) =='
SELECT c.segment,
       round(nps(r.score), 1) AS yearly_nps,
       round((SELECT avg(m.nps) FROM (SELECT nps(r2.score) AS nps
                                      FROM survey_responses r2 JOIN customers c2 USING (customer_id)
                                      WHERE c2.segment = c.segment
                                      GROUP BY date_trunc('month', r2.answered_at)) m), 1)
           AS avg_of_monthly_nps
FROM survey_responses r JOIN customers c USING (customer_id)
GROUP BY c.segment ORDER BY c.segment;
