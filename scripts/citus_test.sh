#!/usr/bin/env bash
# Scaling out on Citus (README "Scaling out"): a coordinator and two workers of PostgreSQL 18 on
# loopback, Citus built from the vendored source (scripts/citus.sh), pg_kpi installed in 18 first
# (make test installs it per version). tests/citus/nodes.sql: the extension follows the
# coordinator onto the workers (CREATE, citus_add_node afterwards, ALTER EXTENSION ... UPDATE,
# DROP). tests/citus/checks.sql, for every pg_kpi aggregate read from the catalog: partial
# aggregation on the workers without GROUP BY and grouped by another column, the whole aggregate
# on the workers grouped by the distribution column, answers equal to a single node's as text,
# mrr_agg exact with customers split across shards, the accessors over combine(), the workers'
# errors with their SQLSTATE and message.
#   ROWS=20000 bash scripts/citus_test.sh     (KEEP=1 leaves the clusters running, on ports 54341-54343)
set -euo pipefail
cd "$(dirname "$0")/.."
ROWS=${ROWS:-20000}
bash scripts/citus.sh 18 >/dev/null
# shellcheck source=scripts/citus_clusters.sh
. scripts/citus_clusters.sh
citus_start citus 54341
[ "${KEEP:-0}" = 1 ] && trap - EXIT
echo "citus: $(cq "$port_c" -At -c 'SELECT citus_version()')"
cq "$port_c" -At -c "SELECT citus_add_node('127.0.0.1', $port_1)" >/dev/null
out=$(cq "$port_c" -v port2="$port_2" -f tests/citus/nodes.sql)
cq "$port_c" -v rows="$ROWS" -f tests/citus/tables.sql >/dev/null
cq "$port_c" -f tests/citus/calls.sql >/dev/null
out+=$'\n'$(cq "$port_c" -f tests/citus/checks.sql)
echo "$out" | sed 's/^/citus: /'
if echo "$out" | grep -q ' | f$'; then
    echo "citus: FAILED (a check above is f)" >&2
    exit 1
fi
echo "citus: ok, every pg_kpi aggregate on a coordinator and two workers (PostgreSQL 18, $ROWS rows)"
