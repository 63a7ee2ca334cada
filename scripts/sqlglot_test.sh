#!/usr/bin/env bash
# BI tools' SQL parser: every query of the README, the demo and the regress files through sqlglot's
# postgres dialect (Superset's SQL Lab parses with it), transpiled back and run, with the same
# answer as the original (tests/bi/sqlglot_check.py), against a throwaway cluster with pg_kpi
# installed and pg_cron preloaded (for the README's scheduled-refresh recipe).
set -euo pipefail
cd "$(dirname "$0")/.."
python=$(bash scripts/venv.sh)
bash scripts/cluster.sh start sqlglot "shared_preload_libraries = 'pg_cron'" \
    "cron.database_name = 'sqlglot_readme'" "cron.use_background_workers = on" >/dev/null
trap 'bash scripts/cluster.sh stop sqlglot' EXIT
eval "$(bash scripts/cluster.sh env sqlglot)"
"$python" tests/bi/sqlglot_check.py "host=$PGHOST port=$PGPORT user=$PGUSER dbname=postgres"
