#!/usr/bin/env bash
# make package: a Debian package of pg_kpi for the PostgreSQL that PG_CONFIG names (Debian's 15 by
# default), holding the library, the control file, the install script, the install scripts of
# released versions and the update scripts: target/package/postgresql-NN-pg-kpi_V-1_ARCH.deb.
# It needs PostgreSQL NN on the server it is installed on, nothing else: no Rust, no pgrx.
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$HOME/.cargo/bin:$PATH"
PG_CONFIG=${PG_CONFIG:-/usr/bin/pg_config}
major=$("$PG_CONFIG" --version | sed 's/^PostgreSQL \([0-9]*\).*/\1/')
version=$(sed -n 's/^version = "\(.*\)"/\1/p' Cargo.toml | head -1)
arch=$(dpkg --print-architecture)
name="postgresql-$major-pg-kpi"
root="target/package/$name"
rm -rf "$root" && mkdir -p "$root/DEBIAN" target/package

# the files `make install` puts in place, under their system paths
cargo pgrx package --pg-config "$PG_CONFIG" --out-dir "$root" >target/package-build.log 2>&1 || { cat target/package-build.log >&2; exit 1; }
extdir="$root$("$PG_CONFIG" --sharedir)/extension"
for script in sql/pg_kpi--*.sql; do
    install -m 644 "$script" "$extdir/"
done
install -d "$root/usr/share/doc/$name"
install -m 644 README.md CHANGELOG.md LICENSE "$root/usr/share/doc/$name/"

# dependencies: the server, and the libraries the library links to
lib=$(find "$root" -name 'pg_kpi.so')
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
mkdir -p target/package
deb="target/package/${name}_${version}-1_${arch}.deb"
dpkg-deb --root-owner-group --build "$root" "$deb" >/dev/null
echo "$deb"
