-- Keep the daily-summary view fresh: pg_cron refreshes it every minute while the cluster runs
-- (make test observes such a scheduled refresh; the demo stops its cluster right after this).
\pset footer off
CREATE EXTENSION IF NOT EXISTS pg_cron;
\echo
\echo '== Scheduled: REFRESH MATERIALIZED VIEW CONCURRENTLY nps_daily, every minute, with pg_cron =='
SELECT cron.schedule('refresh-nps-daily', '* * * * *', 'REFRESH MATERIALIZED VIEW CONCURRENTLY nps_daily') AS job_id \gset
SELECT jobid, jobname, schedule, command FROM cron.job WHERE jobid = :job_id;
