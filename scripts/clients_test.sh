#!/usr/bin/env bash
# Client drivers write and read summaries: psycopg 3 (what pandas and SQLAlchemy use) in a
# project-local virtual environment, against a throwaway cluster with pg_kpi installed.
set -euo pipefail
cd "$(dirname "$0")/.."
venv=target/venv-clients
if [ ! -x "$venv/bin/python" ] || ! "$venv/bin/python" -c "import psycopg" 2>/dev/null; then
    python3 -m venv "$venv"
    "$venv/bin/pip" install --quiet "psycopg[binary]==3.2.*"
fi
bash scripts/cluster.sh start clients >/dev/null
trap 'bash scripts/cluster.sh stop clients' EXIT
eval "$(bash scripts/cluster.sh env clients)"
psql -X -q -v ON_ERROR_STOP=1 -c "CREATE EXTENSION pg_kpi"
"$venv/bin/python" tests/clients/psycopg_roundtrip.py "host=$PGHOST port=$PGPORT user=$PGUSER dbname=postgres"
