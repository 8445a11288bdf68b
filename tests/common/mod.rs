//! What the end-to-end tests share: running the binary, reading a DOCX back as text,
//! and the fixture files as their generator writes them.

#![allow(dead_code)]

pub mod fixture_data;

use std::io::Read;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

pub fn repo_root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

pub fn fixtures() -> PathBuf {
    repo_root().join("fixtures")
}

/// Runs itamemo with the given arguments, from the repository's root.
pub fn itamemo(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_itamemo"))
        .args(args)
        .current_dir(repo_root())
        .output()
        .expect("itamemo runs")
}

/// The reference memo's date, so that memos are compared on equal terms.
pub const MEMO_DATE: &str = "2023-03-17";

/// Runs itamemo on `inputs` into a fresh folder, dated `MEMO_DATE` unless `extra`
/// gives a --date; returns the folder and what the run printed.
pub fn run_into(inputs: &[&Path], extra: &[&str]) -> (tempfile::TempDir, Output) {
    let out = tempfile::tempdir().unwrap();
    let mut args: Vec<String> = inputs.iter().map(|p| p.display().to_string()).collect();
    args.extend(["--out".into(), out.path().display().to_string()]);
    if !extra.contains(&"--date") {
        args.extend(["--date".into(), MEMO_DATE.into()]);
    }
    args.extend(extra.iter().map(|s| s.to_string()));
    let refs: Vec<&str> = args.iter().map(String::as_str).collect();
    let output = itamemo(&refs);
    (out, output)
}

pub fn stdout(output: &Output) -> String {
    String::from_utf8_lossy(&output.stdout).to_string()
}

/// Writes the header row of a tidy wide table: name, district, province, the ten
/// indicators, the ITA score, and `grade` ("ระดับ") when asked.
pub fn write_wide_header(sheet: &mut rust_xlsxwriter::Worksheet, grade: bool) {
    let mut header = vec!["ชื่อหน่วยงาน".to_string(), "อำเภอ".into(), "จังหวัด".into()];
    header.extend((1..=10).map(|n| format!("ตัวชี้วัดที่ {n}")));
    header.push("คะแนน ITA".into());
    if grade {
        header.push("ระดับ".into());
    }
    for (c, h) in header.iter().enumerate() {
        sheet.write_string(0, c as u16, h).unwrap();
    }
}

/// The text of a .docx as a reader sees it: one line per paragraph (table cells
/// included, in reading order), tabs as tab characters.
pub fn docx_text(path: &Path) -> String {
    let file = std::fs::File::open(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    let mut archive = zip::ZipArchive::new(file).expect("a .docx is a zip archive");
    let mut xml = String::new();
    archive
        .by_name("word/document.xml")
        .expect("a .docx has word/document.xml")
        .read_to_string(&mut xml)
        .unwrap();
    let paragraph = regex::Regex::new(r"(?s)<w:p[ >].*?</w:p>|<w:p/>").unwrap();
    let piece = regex::Regex::new(r"(?s)<w:t(?: [^>]*)?>(.*?)</w:t>|<w:tab/>").unwrap();
    let mut lines = Vec::new();
    for p in paragraph.find_iter(&xml) {
        let mut line = String::new();
        for m in piece.captures_iter(p.as_str()) {
            match m.get(1) {
                Some(text) => line.push_str(&unescape(text.as_str())),
                None => line.push('\t'),
            }
        }
        lines.push(line);
    }
    lines.join("\n")
}

fn unescape(text: &str) -> String {
    text.replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&apos;", "'")
        .replace("&amp;", "&")
}
