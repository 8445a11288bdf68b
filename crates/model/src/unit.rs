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
    /// The grade as the export writes it (AA-F), if it has one (boxed: 8 bytes
    /// fewer a year, for the cells of `figures_at`).
    pub grade: Option<Box<str>>,
    /// The cell the grade was read from, to name it in a note about it.
    pub grade_at: Option<Place>,
    /// The cells of the overall and the tool totals where they are not on the
    /// row `source` names (`overall_at`, `tool_at`). Boxed, and none for the
    /// tables of one row a unit and year, whose units hold it to their memos.
    pub figures_at: Option<Box<FigureCells>>,
    /// The row it came from (the cell is the unit's name).
    pub source: Place,
}

/// Where a year's overall and tool totals were read, in a table of one row per
/// figure: rows away from the unit's first row, which a note would otherwise name.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct FigureCells {
    pub overall: Option<Place>,
    /// By tool code, as in `YearResult::tools`.
    pub tools: Vec<(String, Place)>,
}

impl FigureCells {
    /// None where no cell is known, so that a year without them holds no box.
    pub fn boxed(self) -> Option<Box<FigureCells>> {
        let known = self.overall.is_some() || !self.tools.is_empty();
        known.then(|| Box::new(self))
    }

    fn take_tool(&mut self, code: &str) -> Option<Place> {
        let at = self.tools.iter().position(|(c, _)| c == code)?;
        Some(self.tools.swap_remove(at).1)
    }
}

impl YearResult {
    /// Where the overall was read: its cell, or the row `source` names.
    pub fn overall_at(&self) -> &Place {
        let off_row = self.figures_at.as_ref().and_then(|f| f.overall.as_ref());
        off_row.unwrap_or(&self.source)
    }

    /// Where a tool's total was read: its cell, or the row `source` names.
    pub fn tool_at(&self, code: &str) -> &Place {
        let off_row = self
            .figures_at
            .as_ref()
            .and_then(|f| f.tools.iter().find(|(c, _)| c == code));
        off_row.map_or(&self.source, |(_, at)| at)
    }

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
        // Each figure taken comes with its cell.
        let mut theirs = other.figures_at.map(|c| *c).unwrap_or_default();
        let mut mine = self.figures_at.take().map(|c| *c).unwrap_or_default();
        for (k, v) in other.tools {
            if let std::collections::btree_map::Entry::Vacant(slot) = self.tools.entry(k) {
                if let Some(at) = theirs.take_tool(slot.key()) {
                    mine.tools.push((slot.key().clone(), at));
                }
                slot.insert(v);
            }
        }
        if self.overall.is_none() {
            self.overall = other.overall;
            mine.overall = theirs.overall;
        }
        if self.grade.is_none() {
            self.grade = other.grade;
            self.grade_at = other.grade_at;
        }
        self.figures_at = mine.boxed();
    }
}

/// A unit's results by assessment year, oldest first, at most one a year.
///
/// A unit has two or three years. A sorted Vec holds them in their own room,
/// where a `BTreeMap`'s first node made room for eleven: 2.9 KB a unit, 28 MB
/// held through a national batch of 10,000.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Years(pub(crate) Vec<YearResult>);

impl Years {
    pub fn new() -> Years {
        Years(Vec::new())
    }

    pub fn get(&self, year: u16) -> Option<&YearResult> {
        self.find(year).ok().map(|at| &self.0[at])
    }

    pub fn get_mut(&mut self, year: u16) -> Option<&mut YearResult> {
        self.find(year).ok().map(|at| &mut self.0[at])
    }

    pub fn contains(&self, year: u16) -> bool {
        self.find(year).is_ok()
    }

    /// Puts `result` in its year's place; the result it replaces, if any.
    pub fn insert(&mut self, result: YearResult) -> Option<YearResult> {
        match self.find(result.year) {
            Ok(at) => Some(std::mem::replace(&mut self.0[at], result)),
            Err(at) => {
                // Grown one at a time: a unit's few years, each in its own room.
                self.0.reserve_exact(1);
                self.0.insert(at, result);
                None
            }
        }
    }

    /// The years, oldest first.
    pub fn keys(&self) -> impl DoubleEndedIterator<Item = u16> + '_ {
        self.0.iter().map(|r| r.year)
    }

    /// The results, oldest first.
    pub fn values(&self) -> std::slice::Iter<'_, YearResult> {
        self.0.iter()
    }

    pub fn len(&self) -> usize {
        self.0.len()
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// The results, oldest first, moved out.
    pub fn into_values(self) -> std::vec::IntoIter<YearResult> {
        self.0.into_iter()
    }

    fn find(&self, year: u16) -> Result<usize, usize> {
        self.0.binary_search_by_key(&year, |r| r.year)
    }
}

/// `years[2565]`, for a year known to be there (tests, mostly).
impl std::ops::Index<u16> for Years {
    type Output = YearResult;
    fn index(&self, year: u16) -> &YearResult {
        self.get(year)
            .unwrap_or_else(|| panic!("no results for {year}"))
    }
}

/// A later result for a year already met replaces the earlier one.
impl FromIterator<YearResult> for Years {
    fn from_iter<I: IntoIterator<Item = YearResult>>(results: I) -> Years {
        let mut years = Years::new();
        for result in results {
            years.insert(result);
        }
        years
    }
}

#[derive(Clone, Debug, PartialEq)]
pub struct UnitScores {
    pub unit: UnitName,
    pub years: Years,
    /// Why no memo may be written from these scores (bad values, conflicts).
    pub blockers: Vec<crate::reason::Reason>,
    /// Things worth knowing that change nothing (merged duplicates).
    pub notes: Vec<crate::reason::Note>,
    /// The unit's row of the unit register, where one was given: boxed, as
    /// most batches have none, and inline it took some 350 of the 520 bytes
    /// each unit held in the batch's list through the whole memo phase.
    pub register: Option<Box<RegisterEntry>>,
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

#[cfg(test)]
mod tests {
    use super::*;

    fn result(year: u16, overall: u32) -> YearResult {
        YearResult {
            year,
            indicators: BTreeMap::new(),
            items: BTreeMap::new(),
            tools: BTreeMap::new(),
            overall: Score::from_hundredths(overall),
            grade: None,
            grade_at: None,
            figures_at: None,
            source: Place::cell("a.xlsx", "ITA", 1, 0),
        }
    }

    #[test]
    fn a_unit_holds_inline_only_what_every_unit_has() {
        // A national batch holds every unit, each its years, from reading to its
        // memo: 10,000 units at 520 bytes (the register inline) and 2 years at
        // some 200 bytes each (two places of 48 bytes) before these were shrunk.
        assert!(std::mem::size_of::<UnitScores>() <= 176);
        assert!(std::mem::size_of::<YearResult>() <= 160);
    }

    #[test]
    fn years_come_out_oldest_first_whatever_order_they_went_in() {
        // Every order of four years, each given twice: the later copy stays.
        let given = [2566u16, 2563, 2565, 2564];
        for rotation in 0..given.len() {
            let mut years = Years::new();
            for (k, &year) in given.iter().cycle().skip(rotation).take(8).enumerate() {
                let replaced = years.insert(result(year, k as u32));
                assert_eq!(replaced.is_some(), k >= 4, "year {year}, step {k}");
            }
            assert_eq!(years.keys().collect::<Vec<_>>(), [2563, 2564, 2565, 2566]);
            assert_eq!(years.len(), 4);
            for (k, &year) in given
                .iter()
                .cycle()
                .skip(rotation)
                .take(8)
                .enumerate()
                .skip(4)
            {
                assert_eq!(years[year].overall, Score::from_hundredths(k as u32));
            }
            assert!(years.contains(2565) && !years.contains(2562));
            assert!(years.get(2567).is_none());
        }
    }
}
