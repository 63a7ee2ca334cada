#!/usr/bin/env bash
# The README runs as printed: tests/readme/run.py runs every ```sql block of README.md top to
# bottom in a fresh database and compares each output shown with what psql prints. The cluster
# preloads pg_cron (Debian's PostgreSQL 15), for the README's scheduled-refresh recipe.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/cluster.sh start readme "shared_preload_libraries = 'pg_cron'" \
    "cron.database_name = 'readme'" "cron.use_background_workers = on" >/dev/null
trap 'bash scripts/cluster.sh stop readme' EXIT
eval "$(bash scripts/cluster.sh env readme)"
psql -X -q -c "CREATE DATABASE readme"
bless=(); [ "${BLESS:-0}" = 1 ] && bless=(--bless)
PGDATABASE=readme python3 tests/readme/run.py README.md "${bless[@]}"
