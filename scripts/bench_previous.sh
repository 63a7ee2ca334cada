#!/usr/bin/env bash
# make bench BENCH_PREVIOUS=<git revision>: build that revision's library as this build is built
# (cargo pgrx package, release) in a worktree, target/bench-previous/src, with its own cached
# target folder, and install it beside this build's as $libdir/pg_kpi_previous.so for the
# PostgreSQL of PG_CONFIG. Prints the library's name. scripts/bench_previous.sql then binds a copy
# of every aggregate to it, and bench.py times each KPI against its previous build in the same
# passes (the only comparison of two builds this machine's noise leaves meaningful: BENCHMARKS.md).
set -euo pipefail
cd "$(dirname "$0")/.."
rev=${1:?a git revision}
PG_CONFIG=${PG_CONFIG:-/usr/bin/pg_config}
export PATH="$HOME/.cargo/bin:$PATH"
here=$(pwd)
dir=$here/target/bench-previous
commit=$(git rev-parse --verify "$rev^{commit}")
if [ -d "$dir/src" ]; then
    git -C "$dir/src" checkout -q --detach "$commit"
else
    mkdir -p "$dir"
    git worktree prune # a worktree whose folder went with target/ (cargo clean) is registered still
    git worktree add -q --detach "$dir/src" "$commit"
fi
echo "bench: building the previous build, $(git log -1 --format='%h %s' "$commit")" >&2
rm -rf "$dir/pkg"
(cd "$dir/src" && CARGO_TARGET_DIR="$dir/target" \
    cargo pgrx package --pg-config "$PG_CONFIG" --out-dir "$dir/pkg" >/dev/null)
lib=$(find "$dir/pkg" -name pg_kpi.so | head -1)
as_root=()
[ "$(id -u)" -eq 0 ] || as_root=(sudo)
"${as_root[@]}" install -m 755 "$lib" "$("$PG_CONFIG" --pkglibdir)/pg_kpi_previous.so"
echo pg_kpi_previous
