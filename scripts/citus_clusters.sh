# Sourced by citus_test.sh and bench_citus.sh: a Citus cluster of three throwaway PostgreSQL 18
# servers on loopback (Citus nodes reach each other over TCP: host 127.0.0.1, ports PORT, PORT+1,
# PORT+2), each with citus preloaded, pg_kpi and Citus installed in PostgreSQL 18 first
# (scripts/install.sh, scripts/citus.sh).
#   citus_start PREFIX PORT     starts the coordinator and two workers; `citus` on each
# Defines cq PORT psql-args... (psql to a node as the clusters' user) and port_c, port_1, port_2.
PG_CONFIG_CITUS=$(bash scripts/pg_versions.sh pg_config 18)
psql18="$("$PG_CONFIG_CITUS" --bindir)/psql"
citus_cluster() { PG_CONFIG=$PG_CONFIG_CITUS PG_KPI_PORT=$1 bash scripts/cluster.sh "${@:2}"; }
cq() { "$psql18" -X -q -v ON_ERROR_STOP=1 -h 127.0.0.1 -p "$1" -U "$citus_user" -d postgres "${@:2}"; }
citus_stop() {
    citus_cluster "$port_c" stop "${citus_prefix}_coord"
    citus_cluster "$port_1" stop "${citus_prefix}_worker1"
    citus_cluster "$port_2" stop "${citus_prefix}_worker2"
}
citus_start() {
    citus_prefix=$1
    port_c=$2 port_1=$(($2 + 1)) port_2=$(($2 + 2))
    trap citus_stop EXIT
    # Citus asks for SSL between nodes by default; these builds have none, and it is loopback
    local opts=("listen_addresses = '127.0.0.1'" "shared_preload_libraries = 'citus'"
        "citus.node_conninfo = 'sslmode=disable'" "max_connections = 100" "${@:3}")
    citus_cluster "$port_c" start "${citus_prefix}_coord" "${opts[@]}" >/dev/null
    citus_cluster "$port_1" start "${citus_prefix}_worker1" "${opts[@]}" >/dev/null
    citus_cluster "$port_2" start "${citus_prefix}_worker2" "${opts[@]}" >/dev/null
    citus_user=$(citus_cluster "$port_c" env "${citus_prefix}_coord" | sed -n "s/.*PGUSER=\([^ ]*\).*/\1/p")
    local p
    for p in "$port_c" "$port_1" "$port_2"; do
        cq "$p" -c 'CREATE EXTENSION citus'
    done
    cq "$port_c" -At -c "SELECT citus_set_coordinator_host('127.0.0.1', $port_c)" >/dev/null
}
