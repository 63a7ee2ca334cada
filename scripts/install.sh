#!/usr/bin/env bash
# Build pg_kpi in release mode and install it into the PostgreSQL that PG_CONFIG names.
set -euo pipefail
PG_CONFIG=${PG_CONFIG:-/usr/bin/pg_config}
export PATH="$HOME/.cargo/bin:$PATH"
cd "$(dirname "$0")/.."
sudo_flag=()
[ "$(id -u)" -eq 0 ] || sudo_flag=(--sudo)
cargo pgrx install --release --pg-config "$PG_CONFIG" "${sudo_flag[@]}" >/dev/null
