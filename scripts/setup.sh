#!/usr/bin/env bash
# Idempotent machine set-up for pg_kpi: Debian packages, the preflight check (can the servers reach
# their folders? scripts/preflight.sh), cargo-pgrx 0.18.1, PostgreSQL 16, 17 and 18 in
# $PG_KPI_CACHE/pg (scripts/pg_versions.sh), `cargo pgrx init` for 15 to 18.
# Quick when everything is already there. Works as root and as an ordinary user (via sudo).
set -euo pipefail

PGRX_VERSION=0.18.1
PG_CONFIG=${PG_CONFIG:-/usr/bin/pg_config}
PACKAGES=(postgresql-15 postgresql-server-dev-15 postgresql-15-cron libclang-dev clang sudo make unzip python3-pip debootstrap)

log() { printf 'setup: %s\n' "$*" >&2; }

as_root() {
    if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi
}

missing=()
for p in "${PACKAGES[@]}"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
    log "installing Debian packages: ${missing[*]}"
    as_root apt-get update -qq
    as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

# before anything slow: a server that cannot reach its data is said now, with the fix
bash "$(dirname "$0")/preflight.sh"

export PATH="$HOME/.cargo/bin:$PATH"
have=$(cargo pgrx --version 2>/dev/null | awk '{print $2}' || true)
if [ "$have" != "$PGRX_VERSION" ]; then
    log "installing cargo-pgrx $PGRX_VERSION (found: ${have:-none}); this takes a few minutes"
    cargo install cargo-pgrx --version "$PGRX_VERSION" --locked --force
fi

# PostgreSQL 16-18 for the tests (project-local; Debian's 15 stays the default)
mapfile -t versions < <(bash "$(dirname "$0")/pg_versions.sh")

# `cargo pgrx init` writes ~/.pgrx/config.toml; only redo it when a version points elsewhere.
cfg="${PGRX_HOME:-$HOME/.pgrx}/config.toml"
args=()
stale=0
for line in "${versions[@]}"; do
    read -r major path <<<"$line"
    [ "$major" = 15 ] && path=$PG_CONFIG
    args+=("--pg$major" "$path")
    grep -qs "pg$major = \"$path\"" "$cfg" || stale=1
done
if [ "$stale" = 1 ]; then
    log "running cargo pgrx init ${args[*]}"
    cargo pgrx init "${args[@]}"
fi
log "ok"
