#!/usr/bin/env bash
# CI's short fuzz run: every target in fuzz/ for SECONDS (default 20) each, from
# a fixed seed, its corpus seeded as run-target.sh seeds it. Built on the stable toolchain with the
# coverage flags `cargo fuzz build -s none` passes (no sanitizer, so nothing
# nightly), which spares CI installing nightly and cargo-fuzz (about 9 minutes
# here). An abort, an out-of-memory or a timeout fails the run; the input is kept
# in fuzz/artifacts/TARGET/ and printed, to become a file in tests/data and a
# test in tests/fuzz_finds.rs.
set -euo pipefail
cd "$(dirname "$0")/.."
seconds=${1:-20}
host=$(rustc -vV | sed -n 's/^host: //p')
export CARGO_TARGET_DIR="$PWD/fuzz/target/ci"
# --target keeps these flags off the build scripts, as cargo fuzz does.
RUSTFLAGS="-Cpasses=sancov-module \
-Cllvm-args=-sanitizer-coverage-level=4 \
-Cllvm-args=-sanitizer-coverage-inline-8bit-counters \
-Cllvm-args=-sanitizer-coverage-pc-table \
-Cllvm-args=-sanitizer-coverage-trace-compares \
--cfg fuzzing" \
    cargo build --manifest-path fuzz/Cargo.toml --release --target "$host" --bins
targets=$(sed -n 's/^name = "\(.*\)"$/\1/p' fuzz/Cargo.toml | grep -v '^itamemo-fuzz$')
for target in $targets; do
    fuzz/seed-corpus.sh "$target"
    artifacts="fuzz/artifacts/$target"
    mkdir -p "$artifacts"
    echo "fuzz: $target for $seconds s"
    if ! "$CARGO_TARGET_DIR/$host/release/$target" "fuzz/corpus/$target" \
        -max_total_time="$seconds" -seed=2566 -rss_limit_mb=2048 -timeout=20 \
        -artifact_prefix="$artifacts/" -print_final_stats=1 2>"$artifacts/log"; then
        tail -40 "$artifacts/log"
        echo "fuzz: $target failed; the input is in $artifacts/" >&2
        exit 1
    fi
    grep -E '^stat::number_of_executed_units|^Done' "$artifacts/log" || true
done
