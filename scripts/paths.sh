# Sourced by the scripts: where pg_kpi keeps what the PostgreSQL servers must reach. When run as
# root the servers run as the `postgres` OS user, who may not be able to enter the checkout (a
# clone under /root, mode 700 on Debian), so nothing a server reads or writes lives in the tree:
#   PG_KPI_CACHE  PostgreSQL 16-18 (pg/NN) and other downloaded or built test dependencies,
#                 shared by every clone on the machine; default /var/cache/pg_kpi as root,
#                 ~/.cache/pg_kpi otherwise
#   PG_KPI_RUN    the throwaway clusters' data directories and logs (NAME/data, NAME/server.log),
#                 one folder per clone; default /var/tmp/pg_kpi-UID-HASH (HASH: of the clone's path)
# Both must be folders the postgres OS user can enter: scripts/preflight.sh checks it first thing.
PG_KPI_ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
PG_KPI_HASH=$(printf '%s' "$PG_KPI_ROOT" | md5sum | cut -c1-6)
if [ "$(id -u)" -eq 0 ]; then
    PG_KPI_CACHE=${PG_KPI_CACHE:-/var/cache/pg_kpi}
else
    PG_KPI_CACHE=${PG_KPI_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/pg_kpi}
fi
PG_KPI_RUN=${PG_KPI_RUN:-/var/tmp/pg_kpi-$(id -u)-$PG_KPI_HASH}
export PG_KPI_CACHE PG_KPI_RUN

# The Debian archive this machine's apt uses (its sources list), for fetching Debian 13's packages.
debian_mirror() {
    local m
    m=$(cat /etc/apt/sources.list.d/*.sources /etc/apt/sources.list 2>/dev/null |
        grep -v '^[[:space:]]*#' | grep -ohE 'https?://[^ ]+' | grep -E '/debian/?$' | head -1)
    [ -n "$m" ] || { echo "no Debian archive in this machine's apt sources" >&2; return 1; }
    echo "${m%/}"
}
