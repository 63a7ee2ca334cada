#!/usr/bin/env bash
# `make test` and `make demo` from a checkout that the postgres OS user cannot enter (a clone under
# /root, mode 700 on a stock Debian): a clone of this checkout (with its uncommitted changes) in
# a new mode-700 folder runs the regress layer and the demo, against the build of PG_CONFIG that
# make test installed. The servers run as the postgres OS user from `/`, with data and logs in
# $PG_KPI_RUN and sockets in /tmp (scripts/paths.sh), so this fails if anything a server needs is
# in the tree. Only meaningful as root (as an ordinary user the servers run as that user).
set -euo pipefail
cd "$(dirname "$0")/.."
PG_CONFIG=${PG_CONFIG:-/usr/bin/pg_config}
if [ "$(id -u)" -ne 0 ]; then
    echo "anywhere: not root, so the servers run as $(id -un), who can enter any of its checkouts: nothing to prove"
    exit 0
fi
# shellcheck source=scripts/paths.sh
. scripts/paths.sh

home=$(mktemp -d /tmp/pg_kpi-mode700.XXXXXX)
chmod 700 "$home"
clone="$home/pg_kpi"
# the clone's clusters in a folder of their own, apart from this checkout's
run="$PG_KPI_RUN/anywhere"
trap 'rm -rf "$home" "$run"' EXIT
git clone -q "$PWD" "$clone"
if ! git diff --quiet HEAD; then
    git diff HEAD --binary | git -C "$clone" apply
fi
git ls-files -z --others --exclude-standard | xargs -0r cp --parents -t "$clone"
if runuser -u postgres -- test -x "$clone" 2>/dev/null; then
    echo "anywhere: FAILED, the postgres OS user can enter $clone: this test would prove nothing" >&2
    exit 1
fi
echo "anywhere: a clone in $clone (mode $(stat -c %a "$home") on $(basename "$home"), which the postgres OS user cannot enter)"
export PG_CONFIG PG_KPI_RUN=$run

(cd "$clone" && bash scripts/preflight.sh)
(cd "$clone" && bash scripts/regress.sh)
echo "anywhere: regress passed from the mode-700 clone"

(cd "$clone" && PG_KPI_INSTALLED=1 bash scripts/demo.sh) >"$home/demo.out" 2>&1 ||
    { cat "$home/demo.out" >&2; echo "anywhere: FAILED, the demo did not run from the mode-700 clone" >&2; exit 1; }
grep -q "== Scheduled: REFRESH MATERIALIZED VIEW" "$home/demo.out" ||
    { cat "$home/demo.out" >&2; echo "anywhere: FAILED, the demo's report is incomplete" >&2; exit 1; }
echo "anywhere: the demo ran from the mode-700 clone ($(wc -l <"$home/demo.out") lines of report)"
echo "anywhere: ok"
