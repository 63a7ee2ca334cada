#!/usr/bin/env bash
# Every test layer of pg_kpi on every supported PostgreSQL version; exits non-zero on any failure.
# Two lanes of builds run side by side, each in a cargo target directory of its own:
#   the debug lane (in the background, target/): the Rust unit and property tests; for each
#     version (PG=15|16|17|18 for one; default all, PostgreSQL 15 first) the in-database
#     #[pg_test]s (cargo pgrx test pgNN); then lint (cargo fmt --check, clippy -D warnings)
#   the release lane (in the foreground, target/test-release): once a version's #[pg_test]s are
#     done, its release build installed and, in the background on clusters of their own: the
#     pg_regress golden files, every summary type through pg_dump and pg_restore, the update test
#     (every released version updated in place equals a fresh install)
#   on PostgreSQL 15 (Debian's, the version of pg_cron and of Debian 12's package), side by side:
#     regress and the demo from a clone the postgres OS user cannot enter (mode 700), a pg_cron job
#     refreshing a materialized view, the README's SQL as printed, psycopg writing and reading
#     summaries, intervals against statsmodels and scipy, every README, demo and regress query
#     through sqlglot (the SQL parser of Superset); then the Debian package (dpkg)
#   on PostgreSQL 17: the Debian 13 package, in a Debian 13 root file system with its postgresql-17
#   on PostgreSQL 18: Citus (built once from ../shared/vendor, scripts/citus.sh), a coordinator and
#     two workers: every aggregate computed on the workers and equal to a single node's
#   last, with 15 among the versions: sharding with postgres_fdw (coordinator 15, shards 15 and the
#   last version tested)
# Background output is shown when it is joined. Timings of every layer are printed at the end and
# kept in target/test-logs/times.txt. `scripts/test.sh pgtest` (make pgtest) runs the #[pg_test]s
# alone.
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$HOME/.cargo/bin:$PATH"
# shellcheck source=scripts/paths.sh
. scripts/paths.sh
PG=${PG:-all}
ONLY=${1:-all} # `pgtest`: only the #[pg_test]s (make pgtest)
case "$PG" in
all) versions=(15 16 17 18) ;;
15 | 16 | 17 | 18) versions=("$PG") ;;
*) echo "test: PG must be 15, 16, 17, 18 or all, got $PG" >&2; exit 2 ;;
esac

logs=target/test-logs
rm -rf "$logs" && mkdir -p "$logs"
started=$SECONDS
step() { printf '\n==> %s\n' "$*"; }
record() { printf '%6d s  %-10s %s\n' "$2" "$3" "$1" >>"$logs/times.txt"; }

# layer NAME CMD...: in the foreground, timed
layer() {
    local name=$1 t=$SECONDS
    shift
    step "$name"
    "$@" || return
    record "$name" $((SECONDS - t)) "${LANE:-foreground}"
}
# spawn NAME CMD...: in the background, its output in target/test-logs/; `join` shows it
declare -A pids=()
file_of() { printf '%s/%s' "$logs" "$(printf '%s' "$1" | tr -c 'A-Za-z0-9' '_')"; }
spawn() {
    local name=$1 file
    shift
    file=$(file_of "$name")
    (
        t=$SECONDS
        rc=0
        "$@" >"$file.log" 2>&1 || rc=$?
        echo $((SECONDS - t)) >"$file.time"
        exit $rc
    ) &
    pids[$name]=$!
    printf '    (started in the background: %s)\n' "$name"
}
join() {
    local name rc file
    for name in "$@"; do
        rc=0
        file=$(file_of "$name")
        wait "${pids[$name]}" || rc=$?
        unset "pids[$name]"
        step "$name (in the background, $(cat "$file.time" 2>/dev/null || echo '?') s)"
        cat "$file.log"
        record "$name" "$(cat "$file.time" 2>/dev/null || echo 0)" background
        [ "$rc" -eq 0 ] || { echo "test: FAILED: $name (exit $rc)" >&2; exit 1; }
    done
}
# on any exit: end the background layers and any cluster they left running
cleanup() {
    local rc=$? pid
    if [ "$rc" -ne 0 ]; then
        for pid in "${pids[@]}"; do pkill -TERM -P "$pid" 2>/dev/null || true; kill "$pid" 2>/dev/null || true; done
        # a layer killed while starting a cluster may leave a pg_ctl that still brings its server
        # up: wait for the layers, then sweep twice (a server left running holds its port, and
        # the next run's layer on that port fails)
        for pid in "${pids[@]}"; do wait "$pid" 2>/dev/null || true; done
        for sweep in 1 2; do
            for pid in "$PG_KPI_RUN"/*/data/postmaster.pid; do
                case "$pid" in */bench-pg*) continue ;; esac
                [ -f "$pid" ] && kill -INT "$(head -1 "$pid")" 2>/dev/null || true
            done
            [ "$sweep" = 1 ] && sleep 3
        done
    fi
    rm -rf "$pgdata" 2>/dev/null || sudo rm -rf "$pgdata"
}

# The pg_test cluster lives in a directory that does not exist yet. As root, initdb refuses to
# run: the cluster runs as the postgres OS user, through sudo (scripts/bin/sudo: from `/`, so a
# checkout that user cannot enter works). As an ordinary user, RUNAS=self makes pgrx install the
# test build into the PostgreSQL under test through sudo when its directories are root's.
pgdata=$(mktemp -u -d /tmp/pg_kpi-pgtest.XXXXXX)
trap cleanup EXIT
export CARGO_PGRX_TEST_PGDATA="$pgdata"
if [ "$(id -u)" -eq 0 ]; then
    export CARGO_PGRX_TEST_RUNAS=postgres
    pgtest_path="$PWD/scripts/bin:$PATH"
else
    export CARGO_PGRX_TEST_RUNAS="$(id -un)"
    pgtest_path=$PATH
fi
# pgrx-tests builds and installs the extension (`cargo pgrx install --test`) before the first test:
# with the test binary's features (pgrx-tests is a normal dependency of `pg_test`, Cargo.toml) and
# its flags, that build reuses every dependency the test build compiled and compiles pg_kpi
# alone. cargo-pgrx adds `-C link-arg=-Wl,--no-gc-sections` to that build only (a workaround for
# a schema section dropped on aarch64 without LTO; the release build keeps it): a flag the test
# build lacks, which made it compile every dependency a second time (about 70-130 s a version)
pgtest() {
    rm -rf "$pgdata" 2>/dev/null || sudo rm -rf "$pgdata"
    PATH=$pgtest_path CARGO_PGRX_DISABLE_GC_SECTIONS_WORKAROUND=1 cargo pgrx test "pg$1" tests::pg_
}
# the checks of one version against its installed release build, one after another
# (explicit returns: set -e does not apply inside spawn's `||`)
checks() {
    bash scripts/regress.sh || return
    echo "regress: all golden files match on PostgreSQL $1"
    step "PostgreSQL $1: summaries survive pg_dump and pg_restore"
    bash scripts/dump_test.sh || return
    step "PostgreSQL $1: every released version updates in place to a fresh install's catalog"
    bash scripts/update_test.sh
}

# pgtest_of V: the #[pg_test]s of version V, then a mark that the release build may replace the
# test build in V's PostgreSQL
pgtest_of() {
    local v=$1 pgc
    pgc=$(bash scripts/pg_versions.sh pg_config "$v") || return
    layer "PostgreSQL $v ($("$pgc" --version)): #[pg_test]s" pgtest "$v" || return
    touch "$logs/pgtest-$v.passed"
}
if [ "$ONLY" = pgtest ]; then
    for v in "${versions[@]}"; do pgtest_of "$v"; done
    step "the #[pg_test]s passed on PostgreSQL ${versions[*]} in $((SECONDS - started)) s"
    exit 0
fi

# Two lanes of builds, each in a cargo target directory of its own (two cargos in one directory
# wait for each other's lock): the debug lane in the background (the unit tests, then each
# version's #[pg_test]s, then lint) and the release lane here, in the foreground, which installs
# a version's release build once that version's #[pg_test]s are done with its PostgreSQL. Most of
# a build is one crate at a time (bindgen, pgrx-pg-sys, pgrx, pg_kpi with fat LTO in one codegen
# unit): two lanes keep both cores busy.
release_target="$PWD/target/test-release"
debug_lane() {
    # with the features of PostgreSQL 15's #[pg_test] build, which then reuses this build
    layer "Rust unit and property tests (no PostgreSQL)" \
        cargo test --lib --no-default-features --features "pg15 pg_test" -q -- --skip ::tests::pg_ || return
    local v
    for v in "${versions[@]}"; do pgtest_of "$v" || return; done
    layer "lint: cargo fmt --check, cargo clippy -D warnings" \
        bash -c 'cargo fmt --check && cargo clippy --all-targets --features "pg15 pg_test" -q -- -D warnings'
}
# await_pgtest V: until the debug lane has run V's #[pg_test]s (its failure ends the run here)
await_pgtest() {
    local t=$SECONDS
    while [ ! -e "$logs/pgtest-$1.passed" ]; do
        if [ -e "$(file_of "$lane").time" ]; then # the lane has ended (spawn writes its time last)
            join "$lane"
            echo "test: the debug lane ended before PostgreSQL $1's #[pg_test]s passed" >&2
            exit 1
        fi
        sleep 2
    done
    record "waiting for PostgreSQL $1's #[pg_test]s" $((SECONDS - t)) foreground
}

# downloads first, while the builds run: the test venv, the Debian 13 root file system
spawn "test venv (tests/requirements.txt)" bash scripts/venv.sh
[[ " ${versions[*]} " == *" 17 "* ]] && [ "$(id -u)" -eq 0 ] &&
    spawn "Debian 13 root file system with postgresql-17" bash scripts/debian13.sh root
lane="debug lane: unit tests, the #[pg_test]s of each version, lint"
# The #[pg_test]s are named pg_* in modules named tests. Never run them with `cargo test` itself
# (a plain `cargo test` stops at src/lib.rs's compile_error; with `--features pg_test` pgrx-tests
# installs its debug build into the system PostgreSQL before it finds it cannot start a cluster
# as root).
LANE="debug lane" spawn "$lane" debug_lane

for v in "${versions[@]}"; do
    PG_CONFIG=$(bash scripts/pg_versions.sh pg_config "$v")
    export PG_CONFIG
    if [ ! -e "$logs/pgtest-$v.passed" ]; then
        # build while the debug lane is still busy (cargo pgrx package: the same build as install's,
        # without installing it); the install below then only generates the schema and copies
        layer "PostgreSQL $v: release build, while the #[pg_test]s run" env CARGO_TARGET_DIR="$release_target" \
            cargo pgrx package --pg-config "$PG_CONFIG" --out-dir "$release_target/prebuilt-pg$v" >/dev/null
    fi
    await_pgtest "$v"
    # the release build replaces the test build in this version's PostgreSQL: every later layer
    # of this version uses it
    layer "PostgreSQL $v: release build installed" env CARGO_TARGET_DIR="$release_target" bash scripts/install.sh
    spawn "PostgreSQL $v: pg_regress golden files, pg_dump and pg_restore, the update test" checks "$v"
    if [ "$v" = 15 ]; then
        spawn "PostgreSQL 15: regress and the demo from a clone in a mode-700 folder" bash scripts/anywhere_test.sh
        spawn "PostgreSQL 15: scheduled materialized-view refresh with pg_cron" bash scripts/cron_test.sh
        spawn "PostgreSQL 15: the README's SQL runs as printed and shows what psql shows" bash scripts/readme_test.sh
        join "test venv (tests/requirements.txt)"
        spawn "PostgreSQL 15: client drivers write and read summaries (psycopg)" bash scripts/clients_test.sh
        spawn "PostgreSQL 15: confidence intervals and tests agree with statsmodels and scipy" bash scripts/stats_test.sh
        spawn "PostgreSQL 15: every README, demo and regress query through sqlglot (Superset's SQL parser)" bash scripts/sqlglot_test.sh
    fi
    if [ "$v" = 18 ]; then
        spawn "PostgreSQL 18: Citus (a coordinator and two workers): every aggregate computed on the workers" \
            bash scripts/citus_test.sh
    fi
    if [ "$v" = 17 ] && [ "$(id -u)" -eq 0 ]; then
        layer "PostgreSQL 17: the Debian 13 package built" \
            env CARGO_TARGET_DIR="$release_target" bash -c 'bash scripts/package.sh >target/test-logs/deb17'
        join "Debian 13 root file system with postgresql-17"
        spawn "PostgreSQL 17: the Debian 13 package installs and works without Rust" \
            env DEB="$(cat "$logs/deb17")" bash scripts/package_test.sh
    fi
done
# every background layer, in the order they started
mapfile -t running < <(for name in "${!pids[@]}"; do echo "${pids[$name]} $name"; done | sort -n | cut -d' ' -f2-)
[ ${#running[@]} -eq 0 ] || join "${running[@]}"

if [ "${versions[0]}" = 15 ]; then
    PG_CONFIG=$(bash scripts/pg_versions.sh pg_config 15)
    export PG_CONFIG
    # dpkg replaces and then removes PostgreSQL 15's copy of pg_kpi: nothing else may use it now
    layer "PostgreSQL 15: the Debian 12 package installs and works without Rust" \
        env CARGO_TARGET_DIR="$release_target" bash scripts/package_test.sh
    other=${versions[${#versions[@]}-1]}
    layer "PostgreSQL 15: release build installed again (the package test removed it)" \
        env CARGO_TARGET_DIR="$release_target" bash scripts/install.sh
    layer "sharding with postgres_fdw: a coordinator on PostgreSQL 15, shards on 15 and $other" \
        env OTHER="$other" bash scripts/fdw_test.sh
fi
step "where the time went (wall clock $((SECONDS - started)) s; background layers overlap the others)"
cat "$logs/times.txt"
step "all tests passed on PostgreSQL ${versions[*]} in $((SECONDS - started)) s"
