#!/usr/bin/env bash
# Confidence intervals and tests agree with statsmodels and scipy (tests/stats/reference.py), and the
# survival estimates with lifelines (tests/stats/survival_reference.py) and the cohort matrices
# with a Python reference of their rules (tests/stats/cohort_reference.py), and the customer models
# with the published estimates and lifetimes (tests/stats/model_reference.py), in the
# test virtual environment (scripts/venv.sh), against a throwaway cluster with pg_kpi installed.
set -euo pipefail
cd "$(dirname "$0")/.."
python=$(bash scripts/venv.sh)
bash scripts/cluster.sh start stats >/dev/null
trap 'bash scripts/cluster.sh stop stats' EXIT
eval "$(bash scripts/cluster.sh env stats)"
psql -X -q -v ON_ERROR_STOP=1 -c "CREATE EXTENSION pg_kpi"
"$python" tests/stats/reference.py "host=$PGHOST port=$PGPORT user=$PGUSER dbname=postgres"
"$python" tests/stats/survival_reference.py "host=$PGHOST port=$PGPORT user=$PGUSER dbname=postgres"
"$python" tests/stats/cohort_reference.py "host=$PGHOST port=$PGPORT user=$PGUSER dbname=postgres"
"$python" tests/stats/model_reference.py "host=$PGHOST port=$PGPORT user=$PGUSER dbname=postgres"
