#!/usr/bin/env bash
# The sharded benchmark (README "Scaling out"): a coordinator and two shards, all PostgreSQL 15 on
# local Unix sockets (tests/fdw's layout, ROWS rows split over the shards by segment). One psql
# session alternates, REPEAT times after a warm-up: NPS, CSAT and CES over all rows with the rows
# pulled to the coordinator (no GROUP BY: PostgreSQL 15 sends no partial aggregate), the two-step
# (summaries per segment on the shards, rollup() on the coordinator), and the same KPIs over a
# local table of all the rows (one node). Bytes moved: the DataRow messages of each remote query's
# result (7 bytes a row, 4 a field, and the field's text), computed on the shards. Median times
# go to target/bench/fdw.md.
#   ROWS=2000000 REPEAT=5 bash scripts/bench_fdw.sh
set -euo pipefail
cd "$(dirname "$0")/.."
ROWS=${ROWS:-2000000}
REPEAT=${REPEAT:-5}
# shellcheck source=scripts/fdw_clusters.sh
. scripts/fdw_clusters.sh
fdw_start bfdw 54341 "shared_buffers = 2GB" "shared_buffers = 1GB"

pull="SELECT nps(score), csat(rating), ces(effort) FROM crm_events"
two_step="SELECT nps(rollup(n)), csat(rollup(c)), ces(rollup(e)) FROM (SELECT segment, nps_agg(score) AS n, csat_agg(rating) AS c, ces_agg(effort) AS e FROM crm_events GROUP BY segment) AS t"
local="SELECT nps(score), csat(rating), ces(effort) FROM crm_local"
# the shards' share of each remote query, as DataRow bytes
bytes() {
    local total=0 b
    for s in "$sock_1 $port_1" "$sock_2 $port_2"; do
        # shellcheck disable=SC2086
        b=$(q $s -At -c "$1")
        total=$((total + b))
    done
    echo "$total"
}
rows_bytes=$(bytes "SELECT sum(7 + 12 + coalesce(octet_length(score::text), 0) + coalesce(octet_length(rating::text), 0) + coalesce(octet_length(effort::text), 0)) FROM crm_events")
summary_bytes=$(bytes "SELECT sum(7 + 16 + octet_length(segment) + octet_length(n) + octet_length(c) + octet_length(e)) FROM (SELECT segment, nps_agg(score)::text AS n, csat_agg(rating)::text AS c, ces_agg(effort)::text AS e FROM crm_events GROUP BY segment) AS t")
summaries=$(bytes "SELECT count(DISTINCT segment) FROM crm_events")

script="SET enable_partitionwise_aggregate = on;
SELECT (SELECT count(*) FROM (($pull) EXCEPT ($local)) AS a) + (SELECT count(*) FROM (($two_step) EXCEPT ($local)) AS b) = 0 AS same_answers;
\\timing on"
for i in $(seq 0 "$REPEAT"); do
    for label in pull two_step local; do
        script="$script
\\echo run $i $label
${!label};"
    done
done
out=$(echo "$script" | q "$sock_c" "$port_c" -At 2>&1)
echo "$out" | grep -q '^t$' || { echo "bench_fdw: the answers differ" >&2; exit 1; }
mkdir -p target/bench
python3 - "$ROWS" "$REPEAT" "$rows_bytes" "$summary_bytes" "$summaries" <<PY >target/bench/fdw.md
import re, statistics, sys
rows, repeat, rows_bytes, summary_bytes, summaries = sys.argv[1:]
out = """$out"""
times, current = {}, None
for line in out.splitlines():
    m = re.match(r"run (\d+) (\w+)", line)
    if m:
        current = (int(m.group(1)), m.group(2))
        continue
    m = re.match(r"Time: ([0-9.]+) ms", line)
    if m and current and current[0] > 0:
        times.setdefault(current[1], []).append(float(m.group(1)))
med = {k: statistics.median(v) for k, v in times.items()}
print(f"{int(rows):,} rows over two shards (PostgreSQL 15, local Unix sockets), {repeat} alternating runs after a warm-up, medians.")
print()
print("| query | median ms | vs rows pulled | bytes from the shards |")
print("|---|---:|---:|---:|")
print(f"| NPS, CSAT, CES: rows pulled to the coordinator | {med['pull']:.1f} | 1.00x | {int(rows_bytes):,} |")
print(f"| the two-step: a row of three summaries per segment ({summaries}) from the shards, rollup() on the coordinator | {med['two_step']:.1f} | {med['two_step'] / med['pull']:.2f}x | {int(summary_bytes):,} |")
print(f"| one node: the same KPIs over a local table of every row | {med['local']:.1f} | {med['local'] / med['pull']:.2f}x | |")
PY
cat target/bench/fdw.md
