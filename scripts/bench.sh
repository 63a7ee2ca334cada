#!/usr/bin/env bash
# make bench: install the release build, start a throwaway cluster (data in $PG_KPI_RUN/bench-pgNN),
# run scripts/bench.py in one psql session, print the report (also in target/bench/report.md).
set -euo pipefail
cd "$(dirname "$0")/.."
# with the lower bounds of src/bench_floor.rs (the bench_lower_* aggregates), never shipped
PG_KPI_FEATURES=bench_floor bash scripts/install.sh 2>/dev/null
# BENCH_REUSE=1 keeps the previous run's cluster and tables (bench.py regenerates a table only
# when its row count differs), saving the ~4 minutes of generating them.
start=start
[ "${BENCH_REUSE:-0}" = 1 ] && start=resume
# shared_buffers holds every benchmark table (about 5 GB at 10 million rows), so no group reads
# another group's evictions back from the OS cache.
# one cluster per PostgreSQL major version (scripts/cluster.sh), so BENCH_REUSE resumes the right one
name=bench
major=$("${PG_CONFIG:-/usr/bin/pg_config}" --version | sed 's/^PostgreSQL \([0-9]*\).*/\1/')
bash scripts/cluster.sh "$start" "$name" "shared_buffers = 8GB" "work_mem = 64MB" >/dev/null
trap 'bash scripts/cluster.sh stop "$name"' EXIT
eval "$(bash scripts/cluster.sh env "$name")"
if [ "${BENCH_ONLY:-}" != models ]; then
    # BENCH_PREVIOUS=<git revision>: each KPI also against that revision's build, pass by pass
    if [ -n "${BENCH_PREVIOUS:-}" ]; then
        BENCH_PREVIOUS_LIB=$(bash scripts/bench_previous.sh "$BENCH_PREVIOUS")
        export BENCH_PREVIOUS_LIB
    fi
    python3 scripts/bench.py
    # BENCH_PERF=1: where each KPI's time goes, sampled with perf (scripts/bench_perf.py)
    if [ "${BENCH_PERF:-0}" = 1 ]; then
        if ! command -v perf >/dev/null || ! perf --version >/dev/null 2>&1; then
            echo "bench: installing linux-perf for BENCH_PERF" >&2
            as_root() { if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi; }
            as_root apt-get update -qq
            as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends linux-perf >/dev/null
        fi
        python3 scripts/bench_perf.py
    fi
    # the same table on PostgreSQL 15 and 18, once both have run (issue 26)
    if [ -f target/bench/results-pg15.json ] && [ -f target/bench/results-pg18.json ]; then
        python3 scripts/bench_versions.py 15 18 | tee target/bench/versions.md
    fi
fi
# the customer models against exporting to Python and fitting with lifetimes (the test venv)
if [ -z "${BENCH_ONLY:-}" ] || [[ models =~ ${BENCH_ONLY} ]]; then
    "$(bash scripts/venv.sh)" scripts/bench_models.py | tee -a target/bench/report.md
fi
# the sharded row (README "Scaling out"): its own three clusters, on PostgreSQL 15
if [ "$major" = 15 ] && { [ -z "${BENCH_ONLY:-}" ] || [[ sharded =~ ${BENCH_ONLY} ]]; }; then
    ROWS=${BENCH_FDW_ROWS:-2000000} REPEAT=${BENCH_REPEAT:-5} bash scripts/bench_fdw.sh
fi
# the Citus row (README "Scaling out"): its own three clusters, on PostgreSQL 18
if [ "$major" = 18 ] && { [ -z "${BENCH_ONLY:-}" ] || [[ citus =~ ${BENCH_ONLY} ]]; }; then
    ROWS=${BENCH_CITUS_ROWS:-2000000} REPEAT=${BENCH_REPEAT:-5} bash scripts/bench_citus.sh
fi
