#!/usr/bin/env bash
# Scaling out with postgres_fdw (README "Scaling out"): a coordinator on PostgreSQL 15 and two
# shards, one on 15 and one on OTHER (another supported version; 15 when it is the only one), all
# throwaway clusters on local Unix sockets, pg_kpi installed in each version (make test installs
# it per version first). tests/fdw/checks.sql: the pg_kpi calls in the Remote SQL, results equal
# to a single node's exactly (whole aggregates per segment, the two-step, shard-side daily
# summaries rolled up), a shard's error with its SQLSTATE on the coordinator. The shard on the
# other version interoperates: results travel in text form.
#   OTHER=18 ROWS=60000 bash scripts/fdw_test.sh
set -euo pipefail
cd "$(dirname "$0")/.."
OTHER=${OTHER:-18}
ROWS=${ROWS:-60000}
PG_CONFIG_SHARD2=$(bash scripts/pg_versions.sh pg_config "$OTHER")
# shellcheck source=scripts/fdw_clusters.sh
. scripts/fdw_clusters.sh
fdw_start fdw 54331
out=$(q "$sock_c" "$port_c" -f tests/fdw/checks.sql)
echo "$out" | sed 's/^/fdw: /'
if echo "$out" | grep -q ' | f$'; then
    echo "fdw: FAILED (a check above is f)" >&2
    exit 1
fi
echo "fdw: ok, coordinator PostgreSQL 15 with shards on 15 and $OTHER"
