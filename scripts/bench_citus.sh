#!/usr/bin/env bash
# The Citus benchmark (README "Scaling out"): a coordinator and two workers, PostgreSQL 18 on
# loopback (scripts/citus_clusters.sh), ROWS rows of tests/fdw/rows.sql in crm_events distributed
# by id over 8 shards, the same rows in crm_by_customer distributed by customer_id, and in a plain
# table on the coordinator. One psql session alternates, REPEAT times after a warm-up:
#   partial    NPS, CSAT and CES over every row, computed partially on the workers (Citus main)
#   gathered   the same with citus.allow_aggregate_worker_combine_on_internal_types off: what
#              Citus 13.x and 14.0 do with any aggregate whose state is internal (rows gathered)
#   two_step   the workaround there: summaries per customer (the distribution column) run whole
#              on the workers, combine() and the accessors on the coordinator
#   local      the same KPIs over the plain table (one node)
# Bytes to the coordinator: "Tuple data received from nodes" of EXPLAIN ANALYZE, as Citus prints
# it. Median times go to target/bench/citus.md.
#   ROWS=2000000 REPEAT=5 bash scripts/bench_citus.sh
set -euo pipefail
cd "$(dirname "$0")/.."
ROWS=${ROWS:-2000000}
REPEAT=${REPEAT:-5}
bash scripts/citus.sh 18 >/dev/null
# shellcheck source=scripts/citus_clusters.sh
. scripts/citus_clusters.sh
citus_start bcitus 54344 "shared_buffers = 1GB"
cq "$port_c" -At -c "SELECT citus_add_node('127.0.0.1', $port_1)" -c "SELECT citus_add_node('127.0.0.1', $port_2)" >/dev/null
cq "$port_c" -v rows="$ROWS" >/dev/null <<'SQL'
CREATE EXTENSION pg_kpi;
\i tests/fdw/rows.sql
CREATE TABLE crm_local AS SELECT * FROM fdw_rows(:rows);
CREATE TABLE crm_events AS SELECT * FROM crm_local;
CREATE TABLE crm_by_customer AS SELECT * FROM crm_local;
SET citus.shard_count = 8;
SET client_min_messages = warning;
SELECT create_distributed_table('crm_events', 'id');
SELECT create_distributed_table('crm_by_customer', 'customer_id', colocate_with => 'none');
SELECT truncate_local_data_after_distributing_table(t) FROM unnest(ARRAY['crm_events', 'crm_by_customer']::regclass[]) AS t;
VACUUM ANALYZE crm_local;
SQL
cq "$port_c" -c "VACUUM ANALYZE crm_events" -c "VACUUM ANALYZE crm_by_customer"

kpis="nps(score), csat(rating), ces(effort)"
partial="SELECT $kpis FROM crm_events"
gathered=$partial
two_step="SELECT nps(combine(n)), csat(combine(c)), ces(combine(e)) FROM (SELECT customer_id, nps_agg(score) AS n, csat_agg(rating) AS c, ces_agg(effort) AS e FROM crm_by_customer GROUP BY customer_id) AS t"
local="SELECT $kpis FROM crm_local"
on="SET citus.allow_aggregate_worker_combine_on_internal_types = on"
off="SET citus.allow_aggregate_worker_combine_on_internal_types = off"
received() { # $1: setting, $2: query
    cq "$port_c" -At -c "$1" -c "EXPLAIN (ANALYZE, COSTS OFF, TIMING OFF, SUMMARY OFF) $2" |
        sed -n 's/^ *Tuple data received from nodes: //p' | head -1
}
bytes_partial=$(received "$on" "$partial")
bytes_gathered=$(received "$off" "$gathered")
bytes_two_step=$(received "$off" "$two_step")
plan_partial=$(cq "$port_c" -At -c "$on" -c "EXPLAIN (VERBOSE, COSTS OFF) $partial" | grep -c worker_binary_partial_agg || true)
plan_gathered=$(cq "$port_c" -At -c "$off" -c "EXPLAIN (VERBOSE, COSTS OFF) $gathered" | grep -c worker_binary_partial_agg || true)
[ "$plan_partial" -gt 0 ] && [ "$plan_gathered" -eq 0 ] ||
    { echo "bench_citus: the plans are not the ones measured (partial: $plan_partial, gathered: $plan_gathered)" >&2; exit 1; }

script="SELECT (SELECT count(*) FROM (($partial) EXCEPT ($local)) AS a) + (SELECT count(*) FROM (($two_step) EXCEPT ($local)) AS b) = 0 AS same_answers;
\\timing on"
for i in $(seq 0 "$REPEAT"); do
    script="$script
$on;
\\echo run $i partial
$partial;
$off;
\\echo run $i gathered
$gathered;
\\echo run $i two_step
$two_step;
$on;
\\echo run $i local
$local;"
done
out=$(echo "$script" | cq "$port_c" -At 2>&1)
echo "$out" | grep -q '^t$' || { echo "bench_citus: the answers differ" >&2; exit 1; }
mkdir -p target/bench
python3 - "$ROWS" "$REPEAT" "$bytes_partial" "$bytes_gathered" "$bytes_two_step" "$(cq "$port_c" -At -c 'SELECT citus_version()' | cut -d' ' -f2)" <<PY >target/bench/citus.md
import re, statistics, sys
rows, repeat, b_partial, b_gathered, b_two_step, version = sys.argv[1:]
out = """$out"""
times, current = {}, None
for line in out.splitlines():
    m = re.match(r"run (\d+) (\w+)", line)
    if m:
        current = (int(m.group(1)), m.group(2))
        continue
    m = re.match(r"Time: ([0-9.]+) ms", line)
    if m and current:
        if current[0] > 0:
            times.setdefault(current[1], []).append(float(m.group(1)))
        current = None  # the first time after a label is the query's; SETs follow
med = {k: statistics.median(v) for k, v in times.items()}
g = med["gathered"]
print(f"{int(rows):,} rows, Citus {version} on PostgreSQL 18, a coordinator and two workers on loopback (8 shards), {repeat} alternating runs after a warm-up, medians.")
print()
print("| query | median ms | vs rows gathered | data to the coordinator |")
print("|---|---:|---:|---:|")
print(f"| NPS, CSAT, CES over every row, partial aggregation on the workers (Citus main) | {med['partial']:.1f} | {med['partial'] / g:.2f}x | {b_partial} |")
print(f"| the same, rows gathered to the coordinator (Citus 13.x, 14.0: the setting off) | {g:.1f} | 1.00x | {b_gathered} |")
print(f"| the two-step there: summaries per customer (the distribution column) on the workers, combine() on the coordinator | {med['two_step']:.1f} | {med['two_step'] / g:.2f}x | {b_two_step} |")
print(f"| one node: the same KPIs over a local table of every row | {med['local']:.1f} | {med['local'] / g:.2f}x | |")
PY
cat target/bench/citus.md
