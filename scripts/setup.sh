#!/usr/bin/env bash
# Idempotent machine set-up for pg_kpi: Debian packages, cargo-pgrx 0.18.1, `cargo pgrx init`.
# Quick when everything is already there. Works as root and as an ordinary user (via sudo).
set -euo pipefail

PGRX_VERSION=0.18.1
PG_CONFIG=${PG_CONFIG:-/usr/bin/pg_config}
PACKAGES=(postgresql-15 postgresql-server-dev-15 postgresql-15-cron libclang-dev clang sudo make)

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

export PATH="$HOME/.cargo/bin:$PATH"
have=$(cargo pgrx --version 2>/dev/null | awk '{print $2}' || true)
if [ "$have" != "$PGRX_VERSION" ]; then
    log "installing cargo-pgrx $PGRX_VERSION (found: ${have:-none}); this takes a few minutes"
    cargo install cargo-pgrx --version "$PGRX_VERSION" --locked --force
fi

# `cargo pgrx init` writes ~/.pgrx/config.toml; only redo it when pg15 is not pointing at PG_CONFIG.
cfg="${PGRX_HOME:-$HOME/.pgrx}/config.toml"
if ! grep -qs "pg15 = \"$PG_CONFIG\"" "$cfg"; then
    log "running cargo pgrx init --pg15 $PG_CONFIG"
    cargo pgrx init --pg15 "$PG_CONFIG"
fi
log "ok"
