#!/usr/bin/env bash
# The main job: build and install pg_kpi, start a throwaway cluster (data in $PG_KPI_RUN/demo,
# scripts/paths.sh), load the sample CRM dataset from demo/data, print the KPI report, stop the
# cluster. PG_KPI_INSTALLED=1 uses the pg_kpi already installed (scripts/anywhere_test.sh).
set -euo pipefail
cd "$(dirname "$0")/.."
# shellcheck source=scripts/paths.sh
. scripts/paths.sh
if [ "${PG_KPI_INSTALLED:-0}" != 1 ]; then
    echo "demo: building and installing pg_kpi (release)..." >&2
    bash scripts/install.sh
fi
# pg_cron (loaded at start) schedules the refresh of the demo's materialized view
bash scripts/cluster.sh start demo "shared_preload_libraries = 'pg_cron'" \
    "cron.database_name = 'pg_kpi_demo'" "cron.host = '$(bash scripts/cluster.sh sock demo)'" "cron.use_background_workers = on" >/dev/null
trap 'bash scripts/cluster.sh stop demo; echo "demo: cluster stopped (data in $PG_KPI_RUN)" >&2' EXIT
eval "$(bash scripts/cluster.sh env demo)"
psql -X -q -v ON_ERROR_STOP=1 -c "CREATE DATABASE pg_kpi_demo"
export PGDATABASE=pg_kpi_demo
psql -X -q -v ON_ERROR_STOP=1 -f demo/load.sql
echo "demo: loaded $(psql -X -At -c "SELECT format('%s customers, %s survey responses, %s tickets, %s orders, %s leads', (SELECT count(*) FROM customers), (SELECT count(*) FROM survey_responses), (SELECT count(*) FROM tickets), (SELECT count(*) FROM orders), (SELECT count(*) FROM leads))")" >&2
psql -X -q -v ON_ERROR_STOP=1 -f demo/report.sql
psql -X -q -v ON_ERROR_STOP=1 -f demo/schedule.sql
