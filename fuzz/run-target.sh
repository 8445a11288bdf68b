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
case "$target" in
    zip_check) endings="xlsx ods" ;;
    compound_file) endings="xls" ;;
    *) endings="$target" ;;
esac
corpus="fuzz/corpus/$target"
mkdir -p "$corpus"
for ending in $endings; do
    find fixtures tests/data -name "*.$ending" -exec cp -n {} "$corpus/" \;
done
if [ "$target" = compound_file ]; then cp -n tests/data/password-protected.xlsx "$corpus/"; fi
cd fuzz
exec cargo +nightly fuzz run -s none -O "$target" "corpus/$target" -- \
    -max_total_time="$seconds" -rss_limit_mb=2048 -timeout=20
