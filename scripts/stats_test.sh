#!/usr/bin/env bash
# Confidence intervals and tests agree with statsmodels and scipy (tests/stats/reference.py), in a
# project-local virtual environment, against a throwaway cluster with pg_kpi installed.
set -euo pipefail
cd "$(dirname "$0")/.."
venv=target/venv-stats
if [ ! -x "$venv/bin/python" ] || ! "$venv/bin/python" -c "import psycopg, statsmodels, scipy" 2>/dev/null; then
    python3 -m venv "$venv"
    "$venv/bin/pip" install --quiet "psycopg[binary]==3.2.*" "statsmodels==0.14.*" "scipy==1.*"
fi
bash scripts/cluster.sh start stats >/dev/null
trap 'bash scripts/cluster.sh stop stats' EXIT
eval "$(bash scripts/cluster.sh env stats)"
psql -X -q -v ON_ERROR_STOP=1 -c "CREATE EXTENSION pg_kpi"
"$venv/bin/python" tests/stats/reference.py "host=$PGHOST port=$PGPORT user=$PGUSER dbname=postgres"
