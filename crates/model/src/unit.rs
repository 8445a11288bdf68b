//! What ingest hands on: each unit's scores per assessment year, and what became
//! of every file it was given.

use std::collections::BTreeMap;

use crate::{Place, RegisterEntry, Score};

/// A unit as printed in the memo (the first spelling met, cleaned).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct UnitName {
    /// The unit's code where the export has one (รหัสหน่วยงาน).
    pub code: Option<String>,
    pub name: String,
    pub district: String,
    pub province: String,
}

/// One unit's published results for one assessment (fiscal) year, B.E.
#[derive(Clone, Debug, PartialEq)]
pub struct YearResult {
    pub year: u16,
    /// Indicator number (1-10 in the 2564-2567 frameworks) to its score.
    pub indicators: BTreeMap<u8, Score>,
    /// Item scores by lowercase code ("i20", "e6", "o30"), where the export has them.
    pub items: BTreeMap<String, Score>,
    /// Tool totals by code ("IIT", "EIT", "OIT"), where the export has them.
    pub tools: BTreeMap<String, Score>,
    /// The overall ITA score as the export gives it; never recomputed into it.
    pub overall: Option<Score>,
    /// The grade as the export writes it (AA-F), if it has one.
    pub grade: Option<String>,
    /// The cell the grade was read from, to name it in a note about it.
    pub grade_at: Option<Place>,
    /// The row it came from (the cell is the unit's name).
    pub source: Place,
}

impl YearResult {
    /// The figures two copies of one year disagree on ("ตัวชี้วัดที่ 3",
    /// "คะแนน ITA"); what only one of them has is no disagreement.
    pub fn disagreements(&self, other: &YearResult) -> Vec<String> {
        fn differing<K: Ord + Clone, V: PartialEq>(
            a: &BTreeMap<K, V>,
            b: &BTreeMap<K, V>,
        ) -> Vec<K> {
            a.iter()
                .filter(|(k, v)| b.get(k).is_some_and(|w| w != *v))
                .map(|(k, _)| k.clone())
                .collect()
        }
        let mut out: Vec<String> = differing(&self.indicators, &other.indicators)
            .into_iter()
            .map(|n| format!("ตัวชี้วัดที่ {n}"))
            .collect();
        out.extend(
            differing(&self.tools, &other.tools)
                .into_iter()
                .map(|t| format!("คะแนน {t}")),
        );
        out.extend(
            differing(&self.items, &other.items)
                .into_iter()
                .map(|i| format!("ข้อ {i}")),
        );
        if let (Some(a), Some(b)) = (self.overall, other.overall) {
            if a != b {
                out.push("คะแนน ITA".to_string());
            }
        }
        if let (Some(a), Some(b)) = (&self.grade, &other.grade) {
            if a != b {
                out.push("ระดับ".to_string());
            }
        }
        out
    }

    /// Takes what `other` has and this copy lacks (items from an item sheet, say).
    pub fn fill_from(&mut self, other: YearResult) {
        for (k, v) in other.indicators {
            self.indicators.entry(k).or_insert(v);
        }
        for (k, v) in other.items {
            self.items.entry(k).or_insert(v);
        }
        for (k, v) in other.tools {
            self.tools.entry(k).or_insert(v);
        }
        self.overall = self.overall.or(other.overall);
        if self.grade.is_none() {
            self.grade = other.grade;
            self.grade_at = other.grade_at;
        }
    }
}

#[derive(Clone, Debug)]
pub struct UnitScores {
    pub unit: UnitName,
    pub years: BTreeMap<u16, YearResult>,
    /// Why no memo may be written from these scores (bad values, conflicts).
    pub blockers: Vec<crate::reason::Reason>,
    /// Things worth knowing that change nothing (merged duplicates).
    pub notes: Vec<crate::reason::Note>,
    /// The unit's row of the unit register, where one was given.
    pub register: Option<RegisterEntry>,
}

#[derive(Clone, Debug, PartialEq)]
pub enum FileStatus {
    /// Read; `rows` rows of scores found in `tables` sheets, and `register_rows`
    /// rows of a unit register. `unreadable_sheets` sheets could not be read (a
    /// reader error, a limit): scores may be missing, so the run does not end as
    /// a clean one.
    Read {
        tables: usize,
        rows: usize,
        register_rows: usize,
        unreadable_sheets: usize,
    },
    /// Gave no scores: unreadable, or no score table in it.
    Failed(crate::reason::Reason),
    /// Not a spreadsheet this program reads, or not read at all.
    Skipped(crate::reason::Reason),
}

#[derive(Clone, Debug)]
pub struct FileOutcome {
    pub file: String,
    pub status: FileStatus,
    /// Sheets without a score table, values that are not scores, and the like.
    pub messages: Vec<crate::reason::Note>,
}

#[derive(Clone, Debug, Default)]
pub struct Ingested {
    pub files: Vec<FileOutcome>,
    pub units: Vec<UnitScores>,
    /// Register rows that name no unit found in the scores, and the like.
    pub notes: Vec<crate::reason::Note>,
}
