#!/usr/bin/env bash
# Every test layer of pg_kpi on every supported PostgreSQL version; exits non-zero on the first
# failure.
#   1. lint, once: cargo fmt --check, cargo clippy -D warnings
#   2. Rust unit and property tests (#[test]), once: they need no PostgreSQL
#   for each version (PG=15|16|17|18 for one; default all, PostgreSQL 15 first):
#   3. in-database #[pg_test]s, by `cargo pgrx test pgNN`
#   4. pg_regress golden files against a throwaway cluster with the release build installed
#   5. a table of every summary type through pg_dump -Fc and pg_restore, byte for byte
#   6. the update test: every released version updates in place to a fresh install's catalog
#   and on PostgreSQL 15 (Debian's, the version pg_cron and Debian package):
#   7. a pg_cron job refreshing a materialized view of summaries, observed to run
#   8. the README's SQL, run top to bottom and compared with the outputs it shows
#   9. psycopg writing and reading summaries (text parameters, binary COPY)
#  10. the Debian package (make package) installed with dpkg, used and removed
#   and last, with PostgreSQL 15 among the versions:
#  11. sharding with postgres_fdw: a coordinator on 15, shards on 15 and on the last version tested
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$HOME/.cargo/bin:$PATH"
PG=${PG:-all}
ONLY=${1:-all} # `pgtest`: only the #[pg_test]s (make pgtest)
case "$PG" in
all) versions=(15 16 17 18) ;;
15 | 16 | 17 | 18) versions=("$PG") ;;
*) echo "test: PG must be 15, 16, 17, 18 or all, got $PG" >&2; exit 2 ;;
esac

step() { printf '\n==> %s\n' "$*"; }
started=$SECONDS

if [ "$ONLY" = all ]; then
    step "lint: cargo fmt --check, cargo clippy -D warnings"
    cargo fmt --check
    cargo clippy --all-targets --features "pg15 pg_test" -q -- -D warnings

    step "Rust unit and property tests (no PostgreSQL)"
    # The #[pg_test]s are named pg_* in modules named tests; they run per version below. Never
    # run them with plain `cargo test`: pgrx-tests installs its debug build into the system
    # PostgreSQL before it finds it cannot start a cluster as root.
    cargo test --lib --features pg15 -q -- --skip ::tests::pg_
fi

# The pg_test cluster lives in a directory that does not exist yet. As root, initdb refuses to
# run: the cluster runs as the postgres OS user. As an ordinary user, RUNAS=self makes pgrx install
# the test build into the PostgreSQL under test through sudo when its directories are root's.
pgdata=$(mktemp -u -d /tmp/pg_kpi-pgtest.XXXXXX)
trap 'rm -rf "$pgdata" 2>/dev/null || sudo rm -rf "$pgdata"' EXIT
export CARGO_PGRX_TEST_PGDATA="$pgdata"
if [ "$(id -u)" -eq 0 ]; then
    export CARGO_PGRX_TEST_RUNAS=postgres
else
    export CARGO_PGRX_TEST_RUNAS="$(id -un)"
fi

for v in "${versions[@]}"; do
    PG_CONFIG=$(bash scripts/pg_versions.sh pg_config "$v")
    export PG_CONFIG
    step "PostgreSQL $v ($("$PG_CONFIG" --version)): #[pg_test]s"
    rm -rf "$pgdata"
    cargo pgrx test "pg$v" tests::pg_
    [ "$ONLY" = pgtest ] && continue

    step "PostgreSQL $v: pg_regress golden files"
    bash scripts/install.sh
    bash scripts/regress.sh
    echo "regress: all golden files match on PostgreSQL $v"

    step "PostgreSQL $v: summaries survive pg_dump and pg_restore"
    bash scripts/dump_test.sh

    step "PostgreSQL $v: every released version updates in place to a fresh install's catalog"
    bash scripts/update_test.sh

    if [ "$v" = 15 ]; then
        step "PostgreSQL 15: scheduled materialized-view refresh with pg_cron"
        bash scripts/cron_test.sh

        step "PostgreSQL 15: the README's SQL runs as printed and shows what psql shows"
        bash scripts/readme_test.sh

        step "PostgreSQL 15: client drivers write and read summaries (psycopg)"
        bash scripts/clients_test.sh

        step "PostgreSQL 15: confidence intervals and tests agree with statsmodels and scipy"
        bash scripts/stats_test.sh

        step "PostgreSQL 15: the Debian package installs and works without Rust"
        bash scripts/package_test.sh
    fi
done
unset PG_CONFIG

if [ "$ONLY" = all ] && [ "${versions[0]}" = 15 ]; then
    other=${versions[${#versions[@]}-1]}
    step "sharding with postgres_fdw: a coordinator on PostgreSQL 15, shards on 15 and $other"
    # the package test removed PostgreSQL 15's copy: install it again (the build is cached)
    PG_CONFIG=$(bash scripts/pg_versions.sh pg_config 15) bash scripts/install.sh
    OTHER=$other bash scripts/fdw_test.sh
fi
step "all tests passed on PostgreSQL ${versions[*]} in $((SECONDS - started)) s"
