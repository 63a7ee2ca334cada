#!/usr/bin/env bash
# A Debian 13 ("trixie") root file system holding Debian 13's own postgresql-17, to test the
# postgresql-17-pg-kpi package where its users install it (scripts/package_test.sh). Made once with
# debootstrap (minbase) from the Debian archive this machine's apt uses, kept in
# $PG_KPI_CACHE/debian13 (about 300 MB; under a minute to make here), used as root through chroot.
#   scripts/debian13.sh root          make it if it is missing; print its path
#   scripts/debian13.sh run CMD...    run CMD in it as root: chroot, with /proc and /dev/shm mounted
#                                     in a private mount namespace (unshare), so no mount outlives
#                                     the command and nothing of the host is bound into it
set -euo pipefail
# shellcheck source=scripts/paths.sh
. "$(dirname "$0")/paths.sh"
R="$PG_KPI_CACHE/debian13"

log() { printf 'debian13: %s\n' "$*" >&2; }

# what is installed into it beside the minimal base (a change makes it anew)
PACKAGES="postgresql-17"

make_root() {
    [ "$(cat "$R/.pg_kpi-ready" 2>/dev/null)" = "$PACKAGES" ] && return 0
    [ "$(id -u)" -eq 0 ] || { log "making a root file system needs root (debootstrap, chroot)"; exit 1; }
    command -v debootstrap >/dev/null ||
        DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends debootstrap >/dev/null
    local tmp="$R.tmp" mirror
    mirror=$(debian_mirror)
    log "making a Debian 13 root file system with postgresql-17 in $R (debootstrap from $mirror)"
    rm -rf "$tmp" && mkdir -p -m 755 "$PG_KPI_CACHE"
    debootstrap --variant=minbase trixie "$tmp" "$mirror" >"$PG_KPI_CACHE/debian13.log" 2>&1 ||
        { tail -20 "$PG_KPI_CACHE/debian13.log" >&2; exit 1; }
    # no service starts inside it, and the server package creates no cluster of its own
    printf '#!/bin/sh\nexit 101\n' >"$tmp/usr/sbin/policy-rc.d"
    chmod 755 "$tmp/usr/sbin/policy-rc.d"
    mkdir -p "$tmp/etc/postgresql-common/createcluster.d"
    echo "create_main_cluster = false" >"$tmp/etc/postgresql-common/createcluster.d/pg_kpi.conf"
    # shellcheck disable=SC2086 # a list of packages
    R=$tmp run env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends $PACKAGES \
        >>"$PG_KPI_CACHE/debian13.log" 2>&1 || { tail -20 "$PG_KPI_CACHE/debian13.log" >&2; exit 1; }
    R=$tmp run apt-get clean
    echo "$PACKAGES" >"$tmp/.pg_kpi-ready"
    rm -rf "$R" && mv "$tmp" "$R"
}

run() {
    unshare --mount --propagation private bash -c \
        'mount -t proc proc "$1/proc" && mount -t tmpfs tmpfs "$1/dev/shm" && exec chroot "$@"' _ "$R" "$@"
}

case "${1:-}" in
root) make_root; echo "$R" ;;
run) shift; make_root; run "$@" ;;
*) echo "usage: debian13.sh root|run CMD..." >&2; exit 2 ;;
esac
