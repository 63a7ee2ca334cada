#!/usr/bin/env bash
# End-to-end test of the scheduled materialized view: pg_cron refreshes a view of daily NPS
# summaries, and we observe a scheduled run succeed and the view pick up rows added after it was
# created. pg_cron 1.4 (Debian bookworm) schedules by the minute, so this waits up to ~2 minutes.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/cluster.sh start cron "shared_preload_libraries = 'pg_cron'" \
    "cron.database_name = 'postgres'" "cron.host = '$(bash scripts/cluster.sh sock cron)'" \
    "cron.use_background_workers = ${CRON_BACKGROUND_WORKERS:-on}" >/dev/null
trap 'bash scripts/cluster.sh stop cron' EXIT
eval "$(bash scripts/cluster.sh env cron)"
q() { psql -X -At -v ON_ERROR_STOP=1 -c "$1"; }

# A cluster that requires passwords, as production ones do: pg_cron's own connections to the
# server would then fail ("connection failed"); cron.use_background_workers = on runs the jobs
# in background workers, which need none.
psql -X -q -v ON_ERROR_STOP=1 <<'SQL'
ALTER USER CURRENT_USER PASSWORD 'pg-kpi-cron-test';
DO $$ BEGIN EXECUTE format('COPY (SELECT %L) TO %L', 'local all all scram-sha-256', current_setting('hba_file')); END $$;
SELECT pg_reload_conf();
SQL
export PGPASSWORD=pg-kpi-cron-test

psql -X -q -v ON_ERROR_STOP=1 <<'SQL'
CREATE EXTENSION pg_cron;
CREATE EXTENSION pg_kpi;
CREATE TABLE answers (answered_on date, segment text, score integer);
INSERT INTO answers SELECT date '2026-01-01' + i % 60, 'seg' || i % 3, i % 11 FROM generate_series(1, 3000) i;
CREATE MATERIALIZED VIEW nps_daily AS
SELECT answered_on AS day, segment, nps_agg(score) AS summary FROM answers GROUP BY 1, 2;
CREATE UNIQUE INDEX ON nps_daily (day, segment);
-- rows that arrive after the view was built: only a refresh brings them in
INSERT INTO answers SELECT date '2026-03-01' + i % 10, 'seg' || i % 3, 10 FROM generate_series(1, 500) i;
SELECT cron.schedule('pg_kpi-refresh-nps-daily', '* * * * *', 'REFRESH MATERIALIZED VIEW CONCURRENTLY nps_daily');
SQL

echo "cron: waiting for a scheduled refresh (pg_cron runs at the next minute)..."
for _ in $(seq 1 150); do
    status=$(q "SELECT string_agg(status, ',') FROM cron.job_run_details")
    case "$status" in *succeeded*) break ;; *failed*) break ;; esac
    sleep 1
done
echo "cron: job runs: ${status:-none}"
q "SELECT status || ': ' || command || coalesce(' (' || return_message || ')', '') FROM cron.job_run_details"
[[ "$status" == *succeeded* ]] || { echo "cron: FAILED, no successful scheduled refresh" >&2; exit 1; }

got=$(q "SELECT sum(responses(summary)) || ' ' || (nps(rollup(summary)) = (SELECT nps(score) FROM answers)) FROM nps_daily")
echo "cron: after the refresh the view holds $got (responses, equals the raw aggregate)"
[ "$got" = "3500 true" ] || { echo "cron: FAILED, the view was not refreshed" >&2; exit 1; }
echo "cron: ok"
