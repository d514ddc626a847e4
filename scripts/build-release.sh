#!/usr/bin/env bash
# Builds the release binaries an office installs and `sop-bench` measures (BENCHMARKS.md, "How to run it").
#
#   scripts/build-release.sh                 # sop and sop-bench into .build-release/release/
#   scripts/build-release.sh sop             # only sop
#   SOP_RELEASE_SCRATCH=DIR scripts/build-release.sh
#
# Same sources and settings as `swift build -c release`, linked for a fast start: a `sop` command is a short
# process, and before this most of its start-up went to the dynamic loader.
#  - The Swift runtime and Foundation are linked in (--static-swift-stdlib).
#  - The OS's own SQLite 3 and libcrypto, and libstdc++, are linked from their static archives (the same
#    Debian packages, libsqlite3-dev and libssl-dev, that the debug build links dynamically): no symbol
#    lookups at start-up. A private pkg-config folder in the scratch path points SwiftPM at them.
#  - A position-dependent executable (-no-pie): no relative relocations to apply at every start.
#  - No RUNPATH (--disable-local-rpath): nothing is loaded from beside the binary, so the loader need not
#    try a dozen missing paths there for libc, libm and libgcc_s at every start.
set -euo pipefail
cd "$(dirname "$0")/.."

scratch="${SOP_RELEASE_SCRATCH:-.build-release}"
products=("$@")
[ ${#products[@]} -gt 0 ] || products=(sop sop-bench)

libdir="/usr/lib/$(gcc -print-multiarch)"
stdcxx="$(gcc -print-file-name=libstdc++.a)"
static="$PWD/$scratch/static-libs"
mkdir -p "$static/lib" "$static/pkgconfig"
for archive in "$libdir/libsqlite3.a" "$libdir/libcrypto.a"; do
    if [ ! -f "$archive" ]; then
        echo "build-release: $archive is missing (Debian: apt-get install libsqlite3-dev libssl-dev)" >&2
        exit 1
    fi
    ln -sf "$archive" "$static/lib/"
done
# libstdc++ (ICU inside Foundation is C++) is linked statically when its archive is there (Debian: g++);
# otherwise it stays shared, which costs start-up time but changes nothing else.
if [ -f "$stdcxx" ]; then
    ln -sf "$stdcxx" "$static/lib/"
else
    echo "build-release: no static libstdc++ ($stdcxx); it stays a shared library" >&2
fi
cat > "$static/pkgconfig/sqlite3.pc" <<PC
Name: sqlite3
Description: the OS's SQLite 3, linked statically by scripts/build-release.sh
Version: $(pkg-config --modversion sqlite3 2>/dev/null || echo 3)
Libs: -L$static/lib -lsqlite3 -lm -ldl -lpthread
Cflags:
PC
cat > "$static/pkgconfig/libcrypto.pc" <<PC
Name: libcrypto
Description: the OS's OpenSSL libcrypto, linked statically by scripts/build-release.sh
Version: $(pkg-config --modversion libcrypto 2>/dev/null || echo 3)
Libs: -L$static/lib -lcrypto -ldl -lpthread
Cflags:
PC

for product in "${products[@]}"; do
    # The linker's warnings about glibc functions in static archives (getpwnam, mktemp) are about code sop
    # never runs; they are filtered so that real warnings stand out.
    set +e
    PKG_CONFIG_PATH="$static/pkgconfig" swift build -c release --static-swift-stdlib --disable-local-rpath \
        --scratch-path "$scratch" \
        -Xswiftc -Xclang-linker -Xswiftc -no-pie --product "$product" 2>&1 \
        | grep -v "in statically linked applications requires at runtime\|the use of .mktemp. is dangerous"
    status=${PIPESTATUS[0]}
    set -e
    [ "$status" -eq 0 ] || { echo "build-release: swift build failed for $product" >&2; exit "$status"; }
    binary="$scratch/release/$product"
    [ -x "$binary" ] || { echo "build-release: $binary was not built" >&2; exit 1; }
    if readelf -d "$binary" | grep -q 'NEEDED.*\(libsqlite3\|libcrypto\)'; then
        echo "build-release: $binary still loads SQLite or libcrypto dynamically" >&2
        exit 1
    fi
done
echo "build-release: ${products[*]} in $scratch/release/"
