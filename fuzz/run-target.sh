#!/usr/bin/env bash
# One fuzz target for SECONDS (default 60), its corpus seeded from fixtures/ and
# tests/data/: fuzz/run-target.sh xlsx 120. Without a sanitizer: the code fuzzed is
# safe Rust, and a build without one is twice as quick to make and to run.
# Crashes land in fuzz/artifacts/TARGET/.
set -euo pipefail
cd "$(dirname "$0")/.."
target=$1
seconds=${2:-60}
command -v cargo-fuzz >/dev/null || cargo install cargo-fuzz --locked
fuzz/seed-corpus.sh "$target"
corpus="fuzz/corpus/$target"
cd fuzz
exec cargo +nightly fuzz run -s none -O "$target" "corpus/$target" -- \
    -max_total_time="$seconds" -rss_limit_mb=2048 -timeout=20
