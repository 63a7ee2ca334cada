#!/usr/bin/env bash
# Every test layer of pg_kpi; exits non-zero on the first failure.
#   1. lint: cargo fmt --check, cargo clippy -D warnings
#   2. Rust unit tests (#[test]) and in-database #[pg_test]s, by `cargo pgrx test`
#   3. pg_regress golden files against a throwaway cluster with the release build installed
#   4. a table of every summary type through pg_dump -Fc and pg_restore, value for value
#   5. a pg_cron job refreshing a materialized view of summaries, observed to run
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$HOME/.cargo/bin:$PATH"
PG_CONFIG=${PG_CONFIG:-/usr/bin/pg_config}

step() { printf '\n==> %s\n' "$*"; }

step "lint: cargo fmt --check, cargo clippy -D warnings"
cargo fmt --check
cargo clippy --all-targets --features "pg15 pg_test" -q -- -D warnings

step "unit tests and #[pg_test]s: cargo pgrx test pg15"
# The test cluster lives in a directory that does not exist yet. As root, initdb refuses to run:
# the cluster runs as the postgres OS user. As an ordinary user, RUNAS=self makes pgrx install
# the test build into the system PostgreSQL through sudo (its directories belong to root).
pgdata=$(mktemp -u -d /tmp/pg_kpi-pgtest.XXXXXX)
trap 'rm -rf "$pgdata" 2>/dev/null || sudo rm -rf "$pgdata"' EXIT
export CARGO_PGRX_TEST_PGDATA="$pgdata"
if [ "$(id -u)" -eq 0 ]; then
    export CARGO_PGRX_TEST_RUNAS=postgres
else
    export CARGO_PGRX_TEST_RUNAS="$(id -un)"
fi
cargo pgrx test pg15

step "pg_regress golden files"
bash scripts/install.sh
bash scripts/regress.sh
echo "regress: all golden files match"

step "summaries survive pg_dump and pg_restore"
bash scripts/dump_test.sh

step "scheduled materialized-view refresh with pg_cron"
bash scripts/cron_test.sh
