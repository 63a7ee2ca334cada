# Sourced by fdw_test.sh and bench_fdw.sh: three throwaway clusters on local Unix sockets, a
# coordinator (PostgreSQL 15) and two shards (the second on $PG_CONFIG_SHARD2), each on its own
# port (postgres_fdw names host and port), loaded with tests/fdw's layout of $ROWS rows.
#   fdw_start PREFIX PORT "coordinator options" "shard options"   ports PORT, PORT+1, PORT+2
# Defines q SOCKET PORT psql-args... and sock_c, sock_1, sock_2, port_c, port_1, port_2.
pg15=$(bash scripts/pg_versions.sh pg_config 15)
PG_CONFIG_SHARD2=${PG_CONFIG_SHARD2:-$pg15}
psql15="$("$pg15" --bindir)/psql"
fdw_cluster() { PG_CONFIG=$1 PG_KPI_PORT=$2 bash scripts/cluster.sh "${@:3}"; }
q() { "$psql15" -X -q -v ON_ERROR_STOP=1 -h "$1" -p "$2" -U "$fdw_user" -d postgres "${@:3}"; }
fdw_stop() {
    fdw_cluster "$pg15" "$port_c" stop "${fdw_prefix}_coord"
    fdw_cluster "$pg15" "$port_1" stop "${fdw_prefix}_shard1"
    fdw_cluster "$PG_CONFIG_SHARD2" "$port_2" stop "${fdw_prefix}_shard2"
}
fdw_start() {
    fdw_prefix=$1
    port_c=$2 port_1=$(($2 + 1)) port_2=$(($2 + 2))
    trap fdw_stop EXIT
    sock_c=$(fdw_cluster "$pg15" "$port_c" start "${fdw_prefix}_coord" ${3:+"$3"})
    sock_1=$(fdw_cluster "$pg15" "$port_1" start "${fdw_prefix}_shard1" ${4:+"$4"})
    sock_2=$(fdw_cluster "$PG_CONFIG_SHARD2" "$port_2" start "${fdw_prefix}_shard2" ${4:+"$4"})
    fdw_user=$(fdw_cluster "$pg15" "$port_c" env "${fdw_prefix}_coord" | sed -n "s/.*PGUSER=\([^ ]*\).*/\1/p")
    q "$sock_1" "$port_1" -At -v shard=1 -v segments=seg0,seg1 -v rows="$ROWS" -f tests/fdw/shard.sql
    q "$sock_2" "$port_2" -At -v shard=2 -v segments=seg2,seg3 -v rows="$ROWS" -f tests/fdw/shard.sql
    q "$sock_c" "$port_c" -v sock1="$sock_1" -v sock2="$sock_2" -v port1="$port_1" -v port2="$port_2" \
        -v rows="$ROWS" -f tests/fdw/coordinator.sql
}
