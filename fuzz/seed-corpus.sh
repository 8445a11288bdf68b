#!/usr/bin/env bash
# The starting corpus of one fuzz target: every fixture and test file with an
# ending that target reads, copied into fuzz/corpus/TARGET (kept between runs).
# Used by run-target.sh (cargo fuzz) and ci-short.sh (CI's short run).
set -euo pipefail
cd "$(dirname "$0")/.."
target=$1
case "$target" in
    zip_check) endings="xlsx ods" ;;
    compound_file) endings="xls" ;;
    # Text and zipped text: the deflate target reads any bytes.
    quick_deflate) endings="csv xlsx" ;;
    *) endings="$target" ;;
esac
corpus="fuzz/corpus/$target"
mkdir -p "$corpus"
for ending in $endings; do
    find fixtures tests/data -name "*.$ending" -exec cp -n {} "$corpus/" \;
done
if [ "$target" = compound_file ]; then cp -n tests/data/password-protected.xlsx "$corpus/"; fi
