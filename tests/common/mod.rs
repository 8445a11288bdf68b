//! What the end-to-end tests share: running the binary, reading a DOCX back as text,
//! and the fixture files as their generator writes them.

#![allow(dead_code)]

pub mod fixture_data;
pub mod printing;
pub mod run;

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

/// How many memos a folder holds (the area's summary is not one).
pub fn memos_in(dir: &Path) -> usize {
    std::fs::read_dir(dir)
        .unwrap()
        .flatten()
        .filter(|e| {
            let name = e.file_name().to_string_lossy().to_string();
            name.ends_with(".docx") && name != "itamemo-summary.docx"
        })
        .count()
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
    let bytes = std::fs::read(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    docx_bytes_text(&bytes)
}

/// The text of a .docx held in memory, as `docx_text` gives it.
pub fn docx_bytes_text(bytes: &[u8]) -> String {
    let mut archive =
        zip::ZipArchive::new(std::io::Cursor::new(bytes)).expect("a .docx is a zip archive");
    let mut xml = String::new();
    archive
        .by_name("word/document.xml")
        .expect("a .docx has word/document.xml")
        .read_to_string(&mut xml)
        .unwrap();
    // A plain scan rather than regular expressions: the property tests read
    // thousands of memos in debug builds.
    let mut lines = Vec::new();
    let mut rest = xml.as_str();
    while let Some(start) = next_paragraph(rest) {
        let body = &rest[start..];
        let (paragraph, after) = match (body.find("/>"), body.find('>')) {
            // An empty paragraph, <w:p/>.
            (Some(close), Some(open)) if close + 1 == open => ("", &body[open + 1..]),
            _ => match body.find("</w:p>") {
                Some(end) => (&body[..end], &body[end + 6..]),
                None => (body, ""),
            },
        };
        lines.push(paragraph_text(paragraph));
        rest = after;
    }
    lines.join("\n")
}

/// Where the next <w:p> or <w:p ...> starts (not <w:pPr>, <w:pStyle> ...).
fn next_paragraph(xml: &str) -> Option<usize> {
    let mut from = 0;
    while let Some(at) = xml[from..].find("<w:p") {
        let at = from + at;
        match xml.as_bytes().get(at + 4) {
            Some(b'>' | b' ' | b'/') => return Some(at),
            _ => from = at + 4,
        }
    }
    None
}

/// The text runs and tabs of one paragraph, in order.
fn paragraph_text(paragraph: &str) -> String {
    let mut line = String::new();
    let mut rest = paragraph;
    loop {
        let text = rest.find("<w:t>").or_else(|| rest.find("<w:t "));
        let tab = rest.find("<w:tab/>");
        match (text, tab) {
            (Some(t), tab) if tab.is_none_or(|b| t < b) => {
                let open = t + rest[t..].find('>').unwrap() + 1;
                let close = open + rest[open..].find("</w:t>").unwrap();
                // Word joiners keep figures and names whole on a line; a
                // reader sees (and copies) none. A no-break space reads as a space.
                line.push_str(
                    &unescape(&rest[open..close])
                        .replace(['\u{2060}', '\u{200B}'], "")
                        .replace('\u{A0}', " "),
                );
                rest = &rest[close + 6..];
            }
            (_, Some(b)) => {
                line.push('\t');
                rest = &rest[b + 8..];
            }
            _ => return line,
        }
    }
}

fn unescape(text: &str) -> String {
    text.replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&apos;", "'")
        .replace("&amp;", "&")
}

/// Whether an outside program the tests use is installed; in CI (CI=true) it
/// must be, so a missing install step fails the run instead of skipping.
pub fn have(tool: &str, install: &str) -> bool {
    let runs = std::env::var_os("PATH")
        .is_some_and(|paths| std::env::split_paths(&paths).any(|dir| dir.join(tool).is_file()));
    if !runs {
        assert!(
            std::env::var_os("CI").is_none(),
            "CI must have {tool}: {install}"
        );
        eprintln!("skipped: {tool} is not installed here ({install})");
    }
    runs
}

/// One part of a zip package (a .docx or .xlsx), as bytes.
pub fn zip_part_bytes(path: &Path, name: &str) -> Vec<u8> {
    let file = std::fs::File::open(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    let mut archive = zip::ZipArchive::new(file).expect("a zip package");
    let mut bytes = Vec::new();
    archive
        .by_name(name)
        .unwrap_or_else(|_| panic!("{} has no {name}", path.display()))
        .read_to_end(&mut bytes)
        .unwrap();
    bytes
}

/// One part of a zip package as text.
pub fn zip_part(path: &Path, name: &str) -> String {
    String::from_utf8(zip_part_bytes(path, name)).expect("a text part")
}

/// A sheet of a workbook as text, row by row (empty cells as ""); none where the
/// workbook has no sheet of that name.
pub fn sheet_rows(path: &Path, name: &str) -> Option<Vec<Vec<String>>> {
    use calamine::{open_workbook_auto, Data, Reader};
    let mut book = open_workbook_auto(path).unwrap();
    let range = book.worksheet_range(name).ok()?;
    Some(
        range
            .rows()
            .map(|r| {
                r.iter()
                    .map(|c| match c {
                        Data::Empty => String::new(),
                        other => other.to_string(),
                    })
                    .collect()
            })
            .collect(),
    )
}
