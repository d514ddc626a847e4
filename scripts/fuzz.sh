#!/usr/bin/env bash
# Fuzz the definition loader and the command-line parser with libFuzzer, for a bounded time each.
#
#   scripts/fuzz.sh             # 60 s per target
#   scripts/fuzz.sh 10          # 10 s per target (what .ci/run does)
#   scripts/fuzz.sh 600 definition   # one target only: definition | cli
#
# Builds two libFuzzer binaries with `swiftc -sanitize=fuzzer,address` (the toolchain ships
# libclang_rt.fuzzer; nothing to install) in .build-fuzz/, outside the Swift package:
#   fuzz-definition  DefinitionLoader.load(bytes, lint: true) on raw bytes (scripts/fuzz/FuzzDefinitionLoader.swift)
#   fuzz-cli         CommandLineParser.parse on a NUL-split argv against sop's real command tree, plus the
#                    help and error text it leads to (scripts/fuzz/FuzzCommandLine.swift, compiled into
#                    the SOPCommandLine module because the parser is internal)
# Seeds: definitions/*.json and scripts/fuzz/cli-seeds/*; corpora grow in .build-fuzz/corpus-*.
# Exit 1 when a target crashes: the reproducer is .build-fuzz/crash-* — minimise it
# (`.build-fuzz/fuzz-definition -minimize_crash=1 -runs=10000 FILE`) and add it as a regression test
# (Tests/SOPCoreTests/FuzzRegressionTests.swift, Tests/SOPCommandLineTests/ParserFuzzRegressionTests.swift).
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
SECONDS_EACH=${1:-60}
ONLY=${2:-all}
OUT=$ROOT/.build-fuzz
mkdir -p "$OUT/obj"

# Debug-level optimisation keeps stack traces readable; -O finds the same traps about 3x faster.
FLAGS=(-sanitize=fuzzer,address -O -g -parse-as-library -enable-upcoming-feature ExistentialAny -swift-version 6)
INCLUDES=(-I "$OUT/obj" -I "$ROOT/Sources/CSQLite" -I "$ROOT/Sources/CCrypto")

sources() { find "$ROOT/Sources/$1" -name '*.swift' | sort; }

echo "== building fuzz targets in $OUT (log: $OUT/build.log)"
: >"$OUT/build.log"
# The ASan runtime makes ld.gold warn once per symbol; keep those out of the way, show real errors.
swiftc() { command swiftc "$@" >>"$OUT/build.log" 2>&1 || { grep -v "Cannot export local symbol" "$OUT/build.log" | tail -40; exit 2; }; }
# The modules under test, instrumented for coverage and address checks.
swiftc "${FLAGS[@]}" -module-name SOPCore -emit-module -emit-module-path "$OUT/obj/SOPCore.swiftmodule" \
    -emit-library -static -o "$OUT/obj/libSOPCore.a" $(sources SOPCore)
swiftc "${FLAGS[@]}" "${INCLUDES[@]}" -module-name SOPSQLite -emit-module -emit-module-path "$OUT/obj/SOPSQLite.swiftmodule" \
    -emit-library -static -o "$OUT/obj/libSOPSQLite.a" $(sources SOPSQLite)
if [ "$ONLY" = all ] || [ "$ONLY" = definition ]; then
    swiftc "${FLAGS[@]}" "${INCLUDES[@]}" -module-name FuzzDefinition "$ROOT/scripts/fuzz/FuzzDefinitionLoader.swift" \
        -L "$OUT/obj" -lSOPCore -o "$OUT/fuzz-definition"
fi
if [ "$ONLY" = all ] || [ "$ONLY" = cli ]; then
    swiftc "${FLAGS[@]}" "${INCLUDES[@]}" -module-name SOPCommandLine $(sources SOPCommandLine) \
        "$ROOT/scripts/fuzz/FuzzCommandLine.swift" -L "$OUT/obj" -lSOPSQLite -lSOPCore -lsqlite3 -lcrypto -o "$OUT/fuzz-cli"
fi

status=0
run() {
    local name=$1 dict=$2; shift 2
    local corpus=$OUT/corpus-$name
    mkdir -p "$corpus"
    echo "== fuzzing $name for ${SECONDS_EACH}s"
    # -rss_limit_mb: the loader refuses files over 4 MiB before parsing; this only guards the fuzzer itself.
    if ! (cd "$OUT" && "./fuzz-$name" "$corpus" "$@" -dict="$dict" -max_total_time="$SECONDS_EACH" \
            -max_len=65536 -timeout=10 -rss_limit_mb=4096 -print_final_stats=1 -artifact_prefix="$OUT/crash-$name-" \
            >"$OUT/$name.log" 2>&1); then
        echo "CRASH in $name: see $OUT/$name.log and $OUT/crash-$name-*"
        grep -m5 -E "Fatal error|ERROR: |SUMMARY" "$OUT/$name.log" || true
        status=1
    fi
    grep -E "stat::number_of_executed_units|stat::peak_rss_mb|cov: " "$OUT/$name.log" | tail -3 || true
}
if [ "$ONLY" = all ] || [ "$ONLY" = definition ]; then
    run definition "$ROOT/scripts/fuzz/definition.dict" "$ROOT/definitions" "$ROOT/definitions/calendars"
fi
if [ "$ONLY" = all ] || [ "$ONLY" = cli ]; then
    run cli "$ROOT/scripts/fuzz/cli.dict" "$ROOT/scripts/fuzz/cli-seeds"
fi
exit $status
