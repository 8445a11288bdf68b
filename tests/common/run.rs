//! One run of the binary as the tests look at it: the screen, the exit code, the
//! output folder, and what the report's .json says by kind and reason.

use std::path::Path;

use super::{run_into, stdout};

pub struct Run {
    pub out: tempfile::TempDir,
    /// What the run printed.
    pub report: String,
    pub code: Option<i32>,
}

/// One thing the run reported (a diagnostic of the report's .json).
#[derive(Debug)]
pub struct Said {
    pub kind: String,
    pub reason: Option<String>,
    pub place: Option<String>,
}

impl Run {
    /// The binary over `inputs`, into a fresh output folder.
    pub fn of(inputs: &[&Path], extra: &[&str]) -> Run {
        let (out, output) = run_into(inputs, extra);
        Run {
            report: stdout(&output),
            code: output.status.code(),
            out,
        }
    }

    /// Asserts that the screen says `text`.
    pub fn says(&self, text: &str) {
        assert!(
            self.report.contains(text),
            "the report should say {text:?}:\n{}",
            self.report
        );
    }

    /// How many memos the run wrote (the area's summary is not one).
    pub fn memos(&self) -> usize {
        super::memos_in(self.out.path())
    }

    pub fn memo_exists(&self, unit: &str) -> bool {
        self.out.path().join(format!("{unit}.docx")).exists()
    }

    /// Every diagnostic of the report's .json.
    pub fn said(&self) -> Vec<Said> {
        let path = self.out.path().join("itamemo-report.json");
        let text = std::fs::read_to_string(&path)
            .unwrap_or_else(|e| panic!("{}: {e}\n{}", path.display(), self.report));
        let json: serde_json::Value = serde_json::from_str(&text).unwrap();
        let text_of = |v: &serde_json::Value| v.as_str().map(str::to_string);
        json["diagnostics"]
            .as_array()
            .expect("the report lists its diagnostics")
            .iter()
            .map(|d| Said {
                kind: text_of(&d["kind"]).unwrap(),
                reason: text_of(&d["reason"]),
                place: text_of(&d["place"]),
            })
            .collect()
    }

    /// The report's .json entry for the input file whose name ends with `file`.
    pub fn file_entry(&self, file: &str) -> serde_json::Value {
        let path = self.out.path().join("itamemo-report.json");
        let text = std::fs::read_to_string(&path)
            .unwrap_or_else(|e| panic!("{}: {e}\n{}", path.display(), self.report));
        let json: serde_json::Value = serde_json::from_str(&text).unwrap();
        let files = json["files"]
            .as_array()
            .expect("the report lists its files");
        files
            .iter()
            .find(|f| f["file"].as_str().is_some_and(|n| n.ends_with(file)))
            .unwrap_or_else(|| panic!("no {file} among {files:#?}"))
            .clone()
    }

    /// Asserts that the report gives `kind` for `reason` at a place ending with
    /// `place` (a file as the run names it, or a unit's name).
    pub fn reports(&self, kind: &str, reason: &str, place: &str) {
        let said = self.said();
        assert!(
            said.iter().any(|s| s.kind == kind
                && s.reason.as_deref() == Some(reason)
                && s.place.as_deref().is_some_and(|p| p.ends_with(place))),
            "the report should give {kind} / {reason} for {place:?}; it gave {said:#?}\n{}",
            self.report
        );
    }

    /// How many diagnostics of `kind` for `reason` the report gives.
    pub fn count(&self, kind: &str, reason: &str) -> usize {
        self.said()
            .iter()
            .filter(|s| s.kind == kind && s.reason.as_deref() == Some(reason))
            .count()
    }
}
