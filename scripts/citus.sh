#!/usr/bin/env bash
# Citus, a test dependency (AGPL-3.0; never shipped with pg_kpi), built from the source tarball in
# the workplace's shared/vendor folder (beside the checkout: ../shared/vendor/citus-<commit>.tar.gz,
# or CITUS_TARBALL) and installed into PostgreSQL 18 of scripts/pg_versions.sh. The build is cached in $PG_KPI_CACHE/citus/<major> (outside the
# checkout, shared by every clone) and installed again from there when the PostgreSQL build was
# fetched anew; idempotent and quick when citus.so is in place.
#   scripts/citus.sh 18      build (once) and install into PostgreSQL 18; prints the Citus version
#
# Citus main supports PostgreSQL 16 to 18, but of this project's builds only 18 takes it (tried):
# the 16 build is 16.2, older than the systable_inplace_update_begin() of 16.5 that Citus calls;
# the 17 build carries no headers, and the Debian 13 headers pg_kpi builds with describe another
# build (gssapi, glibc 2.41's strlcpy), so Citus does not compile against them (and a C extension
# compiled for another build's structs could not be trusted).
#
# The relocatable PostgreSQL builds were compiled with a newer gcc than Debian 12's, whose CFLAGS
# name warnings gcc 12 does not know; the build passes its own CFLAGS (Citus adds its own after).
# Columnar compression (lz4, zstd) and libcurl are left out: pg_kpi's tests use neither.
set -euo pipefail
# shellcheck source=scripts/paths.sh
. "$(dirname "$0")/paths.sh"
major=${1:?usage: citus.sh 18}
[ "$major" = 18 ] || { echo "citus: only PostgreSQL 18 (see the head of this script)" >&2; exit 2; }
COMMIT=a3d5708
SHA256=bd6dfdfb5e87e2a1f6695d9a0096ff973bdac1160988588af1d30ec084827c9b
PG_CONFIG=$(bash "$PG_KPI_ROOT/scripts/pg_versions.sh" pg_config "$major")
log() { printf 'citus: %s\n' "$*" >&2; }

pkglib=$("$PG_CONFIG" --pkglibdir)
share=$("$PG_CONFIG" --sharedir)
build="$PG_KPI_CACHE/citus/$major"
if [ -f "$pkglib/citus.so" ] && [ -f "$share/extension/citus.control" ] &&
    [ "$(cat "$build/.installed" 2>/dev/null)" = "$COMMIT $("$PG_CONFIG" --version)" ]; then
    sed -n "s/^default_version = '\(.*\)'/\1/p" "$share/extension/citus.control"
    exit 0
fi

if [ ! -f "$build/.built" ] || [ "$(cat "$build/.built")" != "$COMMIT $("$PG_CONFIG" --version)" ]; then
    tarball=${CITUS_TARBALL:-}
    if [ -z "$tarball" ]; then
        for candidate in "$PG_KPI_ROOT/../shared/vendor/citus-$COMMIT.tar.gz" \
            "$PG_KPI_CACHE/citus/citus-$COMMIT.tar.gz"; do
            [ -f "$candidate" ] && { tarball=$candidate; break; }
        done
    fi
    if [ -z "$tarball" ] || [ ! -f "$tarball" ]; then
        log "no Citus source: expected ../shared/vendor/citus-$COMMIT.tar.gz beside the checkout" \
            "or CITUS_TARBALL=<path to citus-$COMMIT.tar.gz>"
        exit 1
    fi
    echo "$SHA256  $tarball" | sha256sum -c --quiet - || { log "$tarball is not the pinned citus-$COMMIT"; exit 1; }
    mkdir -p -m 755 "$PG_KPI_CACHE/citus"
    # keep a copy for clones that have no shared/ beside them
    [ -f "$PG_KPI_CACHE/citus/citus-$COMMIT.tar.gz" ] || cp "$tarball" "$PG_KPI_CACHE/citus/citus-$COMMIT.tar.gz"
    log "building Citus $COMMIT against $("$PG_CONFIG" --version) in $build (about a minute)"
    rm -rf "$build"
    mkdir -p "$build"
    tar -xzf "$tarball" -C "$build" --strip-components=1
    (
        cd "$build"
        ./configure -q PG_CONFIG="$PG_CONFIG" --without-lz4 --without-zstd >configure.log 2>&1 ||
            { cat configure.log >&2; exit 1; }
        make -s -j"$(nproc)" CFLAGS="-O2 -fno-strict-aliasing -fwrapv -fexcess-precision=standard -Wno-format-truncation -Wno-stringop-truncation" \
            >make.log 2>&1 || { tail -40 make.log >&2; exit 1; }
    )
    echo "$COMMIT $("$PG_CONFIG" --version)" >"$build/.built"
fi
(cd "$build" && make -s install >install.log 2>&1) || { tail -20 "$build/install.log" >&2; exit 1; }
chmod -R a+rX "$pkglib" "$share/extension"
echo "$COMMIT $("$PG_CONFIG" --version)" >"$build/.installed"
sed -n "s/^default_version = '\(.*\)'/\1/p" "$share/extension/citus.control"
