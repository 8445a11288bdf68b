//! The reference memo's bytes, kept: the files in tests/data/reference-memo/ were
//! written by the program as it stood before the memo writer was made lean (issue
//! 16), and the same inputs, date and settings must still give exactly those bytes.
//! Three settings, so that each way the package differs is covered: plain, with the
//! emblem (a picture part), and Arabic digits. One job, so that every memo of the
//! run after the first is written with what the ones before left behind (reused
//! buffers and deflate state).
//!
//! A change meant to alter the memo (its wording or layout) changes these bytes:
//! then check the memo (`just render`), and write the files anew with
//! `ITAMEMO_BLESS_REFERENCE=1 cargo test --test reference_bytes`.

mod common;

use std::io::Read;
use std::path::PathBuf;

use common::{fixtures, repo_root, run_into, stdout};

const REFERENCE: &str = "เทศบาลตำบลพะโต๊ะ";

fn kept() -> PathBuf {
    repo_root().join("tests/data/reference-memo")
}

fn bless() -> bool {
    std::env::var_os("ITAMEMO_BLESS_REFERENCE").is_some()
}

/// A plain red picture as the emblem, kept beside the memos (so that a newer
/// PNG encoder cannot change the memo); made here when blessing.
fn emblem() -> PathBuf {
    let path = kept().join("garuda.png");
    if bless() {
        std::fs::create_dir_all(kept()).unwrap();
        image::RgbaImage::from_pixel(60, 90, image::Rgba([150, 20, 20, 255]))
            .save(&path)
            .unwrap();
    }
    path
}

/// The parts of a package, by name, with their uncompressed bytes.
fn parts(bytes: &[u8]) -> Vec<(String, Vec<u8>)> {
    let mut archive = zip::ZipArchive::new(std::io::Cursor::new(bytes)).expect("a zip package");
    (0..archive.len())
        .map(|i| {
            let mut file = archive.by_index(i).unwrap();
            let mut content = Vec::new();
            file.read_to_end(&mut content).unwrap();
            (file.name().to_string(), content)
        })
        .collect()
}

/// Where two packages first differ, in words: a part's content, or only the zip.
fn difference(now: &[u8], before: &[u8]) -> String {
    let (now, before) = (parts(now), parts(before));
    let names = |p: &[(String, Vec<u8>)]| p.iter().map(|(n, _)| n.clone()).collect::<Vec<_>>();
    if names(&now) != names(&before) {
        return format!(
            "the parts differ: now {:?}, before {:?}",
            names(&now),
            names(&before)
        );
    }
    for ((name, a), (_, b)) in now.iter().zip(&before) {
        if a != b {
            let at = a.iter().zip(b).take_while(|(x, y)| x == y).count();
            let around = |s: &[u8]| {
                String::from_utf8_lossy(&s[at.saturating_sub(80)..(at + 80).min(s.len())])
                    .to_string()
            };
            return format!(
                "{name} differs from byte {at}:\n now:    {}\n before: {}",
                around(a),
                around(b)
            );
        }
    }
    "every part's content is the same: the zip around them differs (compression, headers or order)"
        .to_string()
}

fn check(setting: &str, extra: &[&str]) {
    let mut args = vec!["--jobs", "1"];
    args.extend_from_slice(extra);
    let (out, output) = run_into(&[&fixtures().join("chumphon-ita-2564-2565.xlsx")], &args);
    assert_eq!(output.status.code(), Some(0), "{}", stdout(&output));
    let now = std::fs::read(out.path().join(format!("{REFERENCE}.docx"))).unwrap();
    let file = kept().join(format!("{REFERENCE}-{setting}.docx"));
    if bless() {
        std::fs::create_dir_all(kept()).unwrap();
        std::fs::write(&file, &now).unwrap();
        return;
    }
    let before = std::fs::read(&file).unwrap_or_else(|e| panic!("{}: {e}", file.display()));
    assert!(
        now == before,
        "the {setting} reference memo is not byte-identical to {}: {}",
        file.display(),
        difference(&now, &before)
    );
    let memos = std::fs::read_dir(out.path())
        .unwrap()
        .flatten()
        .filter(|e| e.path().extension().is_some_and(|x| x == "docx"))
        .count();
    assert!(memos > 1, "one job wrote {memos} memos, one after another");
}

#[test]
fn the_plain_reference_memo_keeps_its_bytes() {
    check("plain", &[]);
}

#[test]
fn the_reference_memo_with_the_emblem_keeps_its_bytes() {
    let emblem = emblem();
    check("emblem", &["--emblem", &emblem.display().to_string()]);
}

#[test]
fn the_reference_memo_in_arabic_digits_keeps_its_bytes() {
    check("arabic", &["--arabic-digits"]);
}
