//! A fuzzer that runs here (cargo fuzz needs a nightly toolchain this machine
//! cannot fetch): the fixture workbooks, mutated byte by byte from a fixed seed,
//! read by ingest. Every file must end up read, failed or skipped, with a reason,
//! and nothing may escape: a reader that panics (calamine's .xls reader does, on
//! some broken files) is caught and reported as that file's failure. Inputs that
//! made a reader panic are kept where ITAMEMO_FUZZ_SAVE points, to become regular
//! tests (tests/data/fuzz-*.xls). `just fuzz` runs it longer.

mod common;

use itamemo_ingest::{ingest, Vocabulary};
use itamemo_model::reason::Reason;
use itamemo_model::FileStatus;

/// The suite always runs seed 2566; a long run may take another
/// (ITAMEMO_FUZZ_SEED) to explore other mutations.
fn seed() -> u64 {
    std::env::var("ITAMEMO_FUZZ_SEED")
        .ok()
        .and_then(|n| n.parse().ok())
        .unwrap_or(2566)
}

fn iterations() -> usize {
    std::env::var("ITAMEMO_FUZZ_ITERATIONS")
        .ok()
        .and_then(|n| n.parse().ok())
        .unwrap_or(40)
}

fn mutate(bytes: &[u8], rng: &mut fastrand::Rng) -> Vec<u8> {
    let mut out = bytes.to_vec();
    match rng.u8(..4) {
        // Flip a few bytes anywhere.
        0 => {
            for _ in 0..rng.usize(1..16) {
                let at = rng.usize(..out.len());
                out[at] = rng.u8(..);
            }
        }
        // Cut the file short.
        1 => out.truncate(rng.usize(..out.len())),
        // Repeat a slice (bloats the XML of a plain-text format, confuses offsets).
        2 => {
            let start = rng.usize(..out.len());
            let end = (start + rng.usize(1..512)).min(out.len());
            let slice = out[start..end].to_vec();
            out.splice(start..start, slice);
        }
        // Overwrite a run with noise.
        _ => {
            let start = rng.usize(..out.len());
            for b in out.iter_mut().skip(start).take(rng.usize(1..256)) {
                *b = rng.u8(..);
            }
        }
    }
    out
}

#[test]
fn mutated_workbooks_never_crash_the_readers() {
    let seeds = [
        "chumphon-ita-2564-2565.xlsx",
        "chumphon-ita-2564-2565.ods",
        "layouts/long-windows874.csv",
        "layouts/sheet-per-year.xls",
        "layouts/merged-years.xlsx",
    ];
    let mut rng = fastrand::Rng::with_seed(seed());
    let dir = tempfile::tempdir().unwrap();
    if let Some(keep) = std::env::var_os("ITAMEMO_FUZZ_SAVE") {
        std::fs::create_dir_all(keep).expect("the folder for the finds can be made");
    }
    for round in 0..iterations() {
        let seed = seeds[round % seeds.len()];
        let original = std::fs::read(common::fixtures().join(seed)).unwrap();
        let ending = seed.rsplit('.').next().unwrap();
        let path = dir.path().join(format!("mutant-{round}.{ending}"));
        std::fs::write(&path, mutate(&original, &mut rng)).unwrap();
        if let Some(keep) = std::env::var_os("ITAMEMO_FUZZ_SAVE") {
            // Kept before reading: an input that aborts the process is still on disk.
            std::fs::copy(
                &path,
                std::path::Path::new(&keep).join(format!("last.{ending}")),
            )
            .unwrap();
        }
        let read = ingest(std::slice::from_ref(&path), &Vocabulary::default());
        assert_eq!(read.files.len(), 1, "every file is accounted for");
        match &read.files[0].status {
            FileStatus::Failed(reason) | FileStatus::Skipped(reason) => {
                assert!(
                    !reason.to_string().is_empty(),
                    "round {round}: a failure says why"
                );
                if matches!(reason, Reason::ReaderCrashed { .. }) {
                    eprintln!("round {round} ({seed}): a reader panicked, caught: {reason}");
                    if let Some(keep) = std::env::var_os("ITAMEMO_FUZZ_SAVE") {
                        std::fs::copy(
                            &path,
                            std::path::Path::new(&keep).join(path.file_name().unwrap()),
                        )
                        .unwrap();
                    }
                }
            }
            FileStatus::Read { .. } => {}
        }
        std::fs::remove_file(&path).unwrap();
    }
}
