#!/usr/bin/env bash
# Client drivers write and read summaries: psycopg 3 (what pandas and SQLAlchemy use) in the
# test virtual environment (scripts/venv.sh), against a throwaway cluster with pg_kpi installed.
set -euo pipefail
cd "$(dirname "$0")/.."
python=$(bash scripts/venv.sh)
bash scripts/cluster.sh start clients >/dev/null
trap 'bash scripts/cluster.sh stop clients' EXIT
eval "$(bash scripts/cluster.sh env clients)"
psql -X -q -v ON_ERROR_STOP=1 -c "CREATE EXTENSION pg_kpi"
"$python" tests/clients/psycopg_roundtrip.py "host=$PGHOST port=$PGPORT user=$PGUSER dbname=postgres"
