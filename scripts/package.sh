#!/usr/bin/env bash
# make package: a Debian package of pg_kpi for the PostgreSQL major version of PG_CONFIG (Debian's
# 15 by default), holding the library, the control file, the install script, the install scripts
# of released versions and the update scripts, at Debian's paths for that version
# (/usr/lib/postgresql/NN/lib, /usr/share/postgresql/NN/extension) whatever build of PostgreSQL NN
# it compiles against: target/package/postgresql-NN-pg-kpi_V-1_ARCH.deb. It needs Debian's
# PostgreSQL NN on the server it is installed on, nothing else: no Rust, no pgrx.
#   make package              postgresql-15-pg-kpi, for Debian 12 (bookworm)
#   make package PG=17        postgresql-17-pg-kpi, for Debian 13 (trixie): built against Debian 13's
#                             PostgreSQL 17 server headers (scripts/pg_versions.sh), so the library
#                             has the ABI of Debian 13's postgresql-17
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$HOME/.cargo/bin:$PATH"
PG_CONFIG=${PG_CONFIG:-/usr/bin/pg_config}
major=$("$PG_CONFIG" --version | sed 's/^PostgreSQL \([0-9]*\).*/\1/')
version=$(sed -n 's/^version = "\(.*\)"/\1/p' Cargo.toml | head -1)
case "$major" in
15 | 17) ;; # Debian 12 ships PostgreSQL 15, Debian 13 ships 17
*)
    echo "package: no Debian release ships PostgreSQL $major (Debian 12: 15, Debian 13: 17), and this" \
        "project's build of $major has no Debian server headers to build against" >&2
    exit 2
    ;;
esac
arch=$(dpkg --print-architecture)
name="postgresql-$major-pg-kpi"
root="target/package/$name"
stage="target/package/$name.build"
rm -rf "$root" "$stage" && mkdir -p "$root/DEBIAN" "$stage"

# what `make install` puts in place, laid out by that build's pg_config, moved to Debian's paths
cargo pgrx package --pg-config "$PG_CONFIG" --out-dir "$stage" >"target/package-build-$major.log" 2>&1 ||
    { cat "target/package-build-$major.log" >&2; exit 1; }
libdir="$root/usr/lib/postgresql/$major/lib"
extdir="$root/usr/share/postgresql/$major/extension"
install -d "$libdir" "$extdir"
install -m 755 "$stage$("$PG_CONFIG" --pkglibdir)/pg_kpi.so" "$libdir/"
install -m 644 "$stage$("$PG_CONFIG" --sharedir)"/extension/pg_kpi* "$extdir/"
rm -rf "$stage"
for script in sql/pg_kpi--*.sql; do
    install -m 644 "$script" "$extdir/"
done
install -d "$root/usr/share/doc/$name"
install -m 644 README.md CHANGELOG.md LICENSE "$root/usr/share/doc/$name/"

# dependencies: the server, and the libraries the library links to
lib="$libdir/pg_kpi.so"
needs="postgresql-$major"
for so in $(objdump -p "$lib" | awk '/NEEDED/ {print $2}'); do
    case "$so" in
    libc.so.* | libm.so.* | libdl.so.* | libpthread.so.* | librt.so.* | ld-linux*) pkg="libc6 (>= 2.34)" ;;
    libgcc_s.so.*) pkg="libgcc-s1" ;;
    *) pkg=$(dpkg -S "$so" 2>/dev/null | head -1 | cut -d: -f1) ;;
    esac
    [ -n "$pkg" ] && case ", $needs, " in *", $pkg, "*) ;; *) needs="$needs, $pkg" ;; esac
done
cat >"$root/DEBIAN/control" <<CONTROL
Package: $name
Version: $version-1
Architecture: $arch
Maintainer: pg_kpi contributors <pg_kpi@users.noreply.github.com>
Depends: $needs
Section: database
Priority: optional
Homepage: https://pgxn.org/dist/pg_kpi/
Description: Customer-experience and revenue KPIs as PostgreSQL $major aggregates
 NPS, CSAT, CES, churn and retention, CLV, first-contact resolution, conversion,
 response and resolution times as exact, parallel, window-capable aggregates,
 with summaries that roll up across periods and segments.
CONTROL
deb="target/package/${name}_${version}-1_${arch}.deb"
dpkg-deb --root-owner-group --build "$root" "$deb" >/dev/null
echo "$deb"
