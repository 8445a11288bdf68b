# Conveniences; the README's two commands never need them.

# Regenerate fixtures/ from tests/fixtures.rs (real XLSX and ODS writers).
fixtures:
    cargo test --test fixtures -- --ignored regenerate_fixtures

# Write the memos of fixtures/ into output/, dated like the reference memo.
memo:
    cargo run --release -- --date 2023-03-17

# The downloads: dist/itamemo-VERSION-windows-x64.zip and -linux-x64.zip, each with the
# program (dist profile: LTO, stripped), อ่านก่อน.txt, the catalog and the examples.
# Needs: rustup target add x86_64-pc-windows-gnu; apt-get install gcc-mingw-w64-x86-64.
dist:
    cargo run -p itamemo-dist

# What CI runs.
ci:
    bash .ci/run

# Re-encrypt tests/data/password-protected.xlsx (needs: pip install msoffcrypto-tool).
password-fixture:
    python3 tests/data/make_password_protected.py

# Re-make fixtures/layouts/sheet-per-year.xls from the ODS fixture with LibreOffice
# (Excel 97 format; needs Debian's libreoffice-calc-nogui).
xls-fixture:
    #!/usr/bin/env bash
    set -euo pipefail
    tmp=$(mktemp -d)
    cp fixtures/chumphon-ita-2564-2565.ods "$tmp/sheet-per-year.ods"
    (cd "$tmp" && soffice --headless --convert-to xls sheet-per-year.ods)
    cp "$tmp/sheet-per-year.xls" fixtures/layouts/

# Render a memo to PNG pages for a look (LibreOffice, poppler-utils, fontTools), in
# TH SarabunPSK's metrics as the tests print it (crates/emit/tools/th_sarabunpsk_twin.py):
# just render "output/เทศบาลตำบลพะโต๊ะ.docx"
render memo="output/เทศบาลตำบลพะโต๊ะ.docx":
    #!/usr/bin/env bash
    set -euo pipefail
    out="output/render/$(basename "{{memo}}" .docx)"
    mkdir -p "$out"
    [ -f output/render/twin/fonts.conf ] || python3 crates/emit/tools/th_sarabunpsk_twin.py output/render/twin
    FONTCONFIG_FILE=output/render/twin/fonts.conf soffice -env:UserInstallation=file://$PWD/output/render/profile \
        --headless --convert-to pdf --outdir "$out" "{{memo}}" >/dev/null
    pdftoppm -r 80 -png "$out"/*.pdf "$out/page"
    echo "pages in $out"

# The national batch benchmark: synthetic exports of 1, 1,000 and 10,000 units through
# the release binary; prints units per second, wall time, peak memory and the split.
# `just bench --callgrind` also counts the instructions per memo (needs valgrind).
bench *ARGS:
    cargo build --release --workspace
    ./target/release/itamemo-bench {{ARGS}}

# Fuzz ingest longer than the test suite does (mutated fixtures; another seed explores other mutations).
fuzz iterations="2000" seed="2566":
    ITAMEMO_FUZZ_ITERATIONS={{iterations}} ITAMEMO_FUZZ_SEED={{seed}} cargo test --release --test fuzz_ingest -- --nocapture

# Coverage-guided fuzzing with libFuzzer (cargo fuzz, nightly toolchain): every
# target in fuzz/ (xlsx, xlsb, xls, ods, csv, zip_check, compound_file) for SECONDS
# each. Crashes land in fuzz/artifacts/TARGET/; each becomes a file in tests/data
# and a test (see tests/fuzz_finds.rs).
fuzz-targets seconds="60":
    #!/usr/bin/env bash
    set -euo pipefail
    for target in $(cd fuzz && cargo +nightly fuzz list); do
        just fuzz-target "$target" "{{seconds}}"
    done

# CI's short run: every target for SECONDS each from a fixed seed, built on the
# stable toolchain (no cargo-fuzz or nightly needed).
fuzz-short seconds="20":
    fuzz/ci-short.sh {{seconds}}

# One fuzz target for SECONDS (fuzz/run-target.sh seeds its corpus from fixtures/).
fuzz-target target seconds="60":
    fuzz/run-target.sh {{target}} {{seconds}}
