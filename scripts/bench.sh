#!/usr/bin/env bash
# make bench: install the release build, start a throwaway cluster (data under target/bench),
# run scripts/bench.py in one psql session, print the report (also in target/bench/report.md).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/install.sh 2>/dev/null
bash scripts/cluster.sh start bench "shared_buffers = 2GB" "work_mem = 64MB" >/dev/null
trap 'bash scripts/cluster.sh stop bench' EXIT
eval "$(bash scripts/cluster.sh env bench)"
python3 scripts/bench.py
