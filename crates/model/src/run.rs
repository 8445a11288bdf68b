//! What a run did, for the run report: every file and every unit, and what
//! became of each.

use crate::{AreaSummary, Change, FileOutcome, Score, UnitName};

/// One year's published result, as far as the export gave it.
#[derive(Clone, Debug, PartialEq)]
pub struct YearLine {
    pub year: u16,
    pub overall: Option<Score>,
    pub grade: Option<String>,
}

#[derive(Clone, Debug)]
pub struct UnitOutcome {
    pub unit: UnitName,
    pub previous: Option<YearLine>,
    pub current: Option<YearLine>,
    pub change: Option<Change>,
    /// Indicators that need work (empty when there is no memo).
    pub weak: Vec<u8>,
    /// The memo's file name, or why there is none.
    pub memo: Result<String, Vec<crate::reason::Reason>>,
    pub notes: Vec<crate::reason::Note>,
}

#[derive(Clone, Debug, Default)]
pub struct RunReport {
    pub memo_year: Option<u16>,
    pub files: Vec<FileOutcome>,
    pub units: Vec<UnitOutcome>,
    /// About the run as a whole (register rows that name no unit, ...).
    pub notes: Vec<crate::reason::Note>,
    /// Why nothing could be written at all.
    pub fatal: Option<crate::reason::Reason>,
    /// The user stopped the run (Ctrl-C): what is listed is what was done.
    pub interrupted: bool,
    /// Everything above that matters, by kind (see `diagnostic`): what the exit
    /// code is decided from, and what scripts read from the report's .json.
    pub diagnostics: Vec<crate::diagnostic::Diagnostic>,
    /// The whole area's figures, for a batch of two or more units with a memo
    /// among them (the summary memo and the report's sheet of indicators).
    pub area: Option<AreaSummary>,
}
