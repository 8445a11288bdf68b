//! Why a file was not read and why a unit has no memo, as values: what tests and
//! scripts check (each reason's `id`, in the report's .json), with the facts the
//! message needs. The Thai of every reason is written in one place, `thai.rs`.

mod thai;

/// What a path turned out to be when it is not a regular file.
#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub enum SpecialFile {
    Fifo,
    CharDevice,
    BlockDevice,
    Socket,
    Other,
}

/// A value in a score column that is not read, and why.
#[derive(Clone, Debug, PartialEq, serde::Serialize, serde::Deserialize)]
pub enum BadValue {
    /// Not a number at all (the text as shown, cut short).
    NotANumber(String),
    /// A number outside 0-100.
    OutOfRange(String),
    /// A cell formatted as a date (or time): its value as the file holds it
    /// (a score typed into a date cell shows as a date, "27/3/1900").
    DateFormatted(String),
    /// A fraction (0.88) among points out of 100.
    StrayFraction(f64),
    /// Weighted points above the tool's weight.
    OverToolWeight {
        points: f64,
        out_of: u8,
        tool: String,
    },
}

/// A value or name as it was found, and where.
#[derive(Clone, Debug, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct Found {
    pub text: String,
    pub at: String,
}

#[derive(Clone, Debug, PartialEq, serde::Serialize, serde::Deserialize)]
pub enum Reason {
    // Files the walk does not read.
    NotFound,
    CannotOpen {
        os: String,
    },
    CannotOpenFolder {
        os: String,
    },
    BrokenLink,
    OutputFolder,
    LinkAboveRoot,
    SameFileAs {
        first: String,
    },
    SameFolderAs {
        first: String,
    },
    NotRegularFile(SpecialFile),
    OwnReport,
    SpreadsheetLockFile,
    NotSpreadsheet,
    /// An archive (.zip, .rar, .7z ...): the program does not read inside it.
    Archive {
        ending: String,
    },
    StoppedBeforeFile,
    StoppedDuringFile,

    // Files that give no scores.
    CannotOpenFile {
        os: String,
    },
    FileTooBig {
        mb: u64,
        limit_mb: u64,
    },
    EmptyFile,
    UnpacksTooBig {
        mb: u64,
        limit_mb: u64,
    },
    PasswordProtected,
    OldXlsNamedAs {
        ending: String,
    },
    NotReadableAs {
        ending: String,
        /// The reader's own words (English): for the report's .json only.
        detail: String,
    },
    UnknownEnding {
        ending: String,
    },
    NoScoreTable {
        sheets: usize,
    },
    CsvCharacters,
    CsvUnreadable {
        /// The reader's own words (English): for the report's .json only.
        detail: String,
    },
    CsvTooBig {
        rows: usize,
        cols: usize,
        limit_cells: u64,
    },
    XlsDamaged {
        /// The reader's own words (English): for the report's .json only.
        detail: String,
    },
    /// A sheet whose data reaches too far for the limits; `sheet` as the
    /// message names it ("ชีต \"2565\"", "ชีตที่ 2"), none where the sheet's
    /// message names it already.
    SheetTooFar {
        sheet: Option<String>,
        cell: String,
        rows: u64,
        cols: u64,
        limit_rows: usize,
        limit_cells: u64,
    },
    SheetClaimsTooMany {
        sheet: String,
        cells: u64,
        limit_cells: u64,
    },
    ReadTooLong {
        seconds: u64,
    },
    CannotStartReading {
        /// The reader's own words (English): for the report's .json only.
        detail: String,
    },
    ReaderCrashed {
        detail: Option<String>,
    },

    // Units without a memo.
    BadValue {
        place: String,
        value: BadValue,
    },
    /// One figure of one year given twice, differently.
    TwoValues {
        what: String,
        year: u16,
        found: Box<[Found; 2]>,
    },
    /// One unit code given to two names.
    CodeTwoNames {
        code: String,
        names: Box<[Found; 2]>,
    },
    YearsDisagree {
        year: u16,
        figures: Vec<String>,
        first: String,
        second: String,
    },
    NoResultForYear {
        year: u16,
    },
    NoFramework {
        year: u16,
    },
    /// The memo's date is after its fiscal year ended: no measure could run in it.
    DateAfterFiscalYear {
        date: (i32, u32, u32),
        year: u16,
    },
    MissingIndicators {
        year: u16,
        source: String,
        numbers: Vec<u8>,
    },
    MissingOverall {
        year: u16,
        source: String,
    },
    MemoNotWritten {
        file: String,
        os: String,
    },
    MemoCrashed {
        detail: String,
    },
    StoppedBeforeUnit,

    // The run as a whole.
    SheetsUnreadable {
        count: usize,
    },
    RegisterWithoutTable,
    NoScoresFound,
    StoppedBeforeScores,
    OutputFolderUnwritable {
        folder: String,
        os: String,
    },
    OutputFolderBusy {
        folder: String,
        holder: String,
    },
    ReportNotWritten {
        file: String,
        os: String,
    },
    Interrupted,

    // The area's summary (itamemo-summary.docx).
    SummaryNotWritten {
        detail: String,
    },
    SummaryCrashed {
        detail: String,
    },

    // PDFs (--pdf).
    NoLibreOffice,
    PdfNoTempFolder {
        detail: String,
    },
    PdfCannotStart {
        detail: String,
    },
    PdfNotMade {
        memo: String,
    },
    /// LibreOffice has no TH SarabunPSK, the font the memos are laid out in: its
    /// PDFs are printed in a substitute, wider (Laksaman on Linux), and their lines
    /// and pages are not the memo's.
    PdfWithoutMemoFont,
}

/// How a sheet was read: the units down its rows, or across its columns.
#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub enum Orientation {
    UnitsInRows,
    UnitsInColumns,
}

/// A header a score table needs and a sheet lacks.
#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub enum NeededHeader {
    UnitName,
    Scores,
}

/// Something worth knowing about a file, a sheet or a unit that is not a reason
/// for a file unread or a memo not written: a sheet without a table, a row
/// skipped, a C.E. year read as B.E., figures that do not add up.
#[derive(Clone, Debug, PartialEq, serde::Serialize, serde::Deserialize)]
pub enum Note {
    /// A note about one sheet of a file.
    InSheet {
        sheet: String,
        note: Box<Note>,
    },
    /// `count` more notes of the kind just given, not listed.
    MoreLikeThese {
        count: usize,
    },
    EmptySheet,
    NoHeaderRow,
    HeaderWithoutRows {
        found: Vec<String>,
    },
    HeaderIncomplete {
        found: Vec<String>,
        missing: Vec<NeededHeader>,
    },
    ReadTwoWays {
        taken: Orientation,
        taken_count: usize,
        other: Orientation,
        other_count: usize,
    },
    SheetUnreadable {
        detail: String,
    },
    SheetTooManyRows {
        rows: usize,
        limit_rows: usize,
    },
    /// A sheet refused for a reason a whole file could be refused for.
    SheetRefused(Reason),
    CsvReadAsWindows874,
    DuplicateHeader {
        place: String,
        header: String,
    },
    UnknownRegisterColumns {
        unknown: Vec<String>,
        known: Vec<String>,
    },
    SingleUnitWithoutName,
    TableWithoutYear,
    LongTableWithoutYear,
    /// A C.E. year read as the B.E. fiscal year; `at` where (a cell, the
    /// sheet's name), `first` where it was first seen when it is many cells.
    ChristianEra {
        year: u16,
        buddhist: u16,
        at: String,
        first: bool,
    },
    FractionColumn {
        header: String,
        year: Option<u16>,
    },
    FractionValues,
    LineWithoutScores {
        line: String,
        name: String,
    },
    UnknownLabel {
        place: String,
        label: String,
    },
    NotAYear {
        place: String,
        text: String,
    },
    SameScoresTwice {
        year: u16,
        places: Vec<String>,
    },
    RegisterNamesNoUnit {
        source: String,
        name: String,
    },
    RegisterNamesUnitTwice {
        source: String,
        name: String,
    },
    StandInFramework {
        year: u16,
        stand_in: u16,
    },
    PreviousYearNotUsed {
        reason: Box<Reason>,
        year: u16,
    },
    OverallDiffers {
        year: u16,
        source: String,
        overall: String,
        weighted: f64,
    },
    ToolDiffers {
        year: u16,
        source: String,
        tool: String,
        given: String,
        mean: f64,
    },
    /// An indicator scored met or not whose score is not the share of its
    /// items met, where the export gives every item.
    MetShareDiffers {
        year: u16,
        source: String,
        indicator: u8,
        score: String,
        met: usize,
        items: usize,
        share: f64,
    },
    GradeDiffers {
        year: u16,
        source: String,
        written: String,
        overall: String,
        grade: String,
    },
    NoMeasureForIndicator {
        indicator: String,
    },
    NoMeasureForItem {
        item: String,
    },
    RegisterWithoutTable {
        file: String,
    },
    LeftoversRemoved {
        count: usize,
    },
    RegisterDateUnreadable {
        place: String,
        text: String,
    },
    /// No area summary: no unit of the batch got a memo.
    NoSummaryWithoutMemos,
    /// A unit without a memo this run has one of its name from an earlier run
    /// in the output folder: not this run's, and not to be published as such.
    EarlierMemoKept {
        file: String,
    },
    /// A reason about the run as a whole, among its notes.
    Run(Reason),
}

impl Note {
    /// The note's name for scripts and tests.
    pub fn id(&self) -> &'static str {
        match self {
            Note::InSheet { note, .. } => note.id(),
            Note::MoreLikeThese { .. } => "more_like_these",
            Note::EmptySheet => "empty_sheet",
            Note::NoHeaderRow => "no_header_row",
            Note::HeaderWithoutRows { .. } => "header_without_rows",
            Note::HeaderIncomplete { .. } => "header_incomplete",
            Note::ReadTwoWays { .. } => "read_two_ways",
            Note::SheetUnreadable { .. } => "sheet_unreadable",
            Note::SheetTooManyRows { .. } => "sheet_too_many_rows",
            Note::SheetRefused(reason) => reason.id(),
            Note::CsvReadAsWindows874 => "csv_read_as_windows_874",
            Note::DuplicateHeader { .. } => "duplicate_header",
            Note::UnknownRegisterColumns { .. } => "unknown_register_columns",
            Note::SingleUnitWithoutName => "single_unit_without_name",
            Note::TableWithoutYear => "table_without_year",
            Note::LongTableWithoutYear => "long_table_without_year",
            Note::ChristianEra { .. } => "christian_era",
            Note::FractionColumn { .. } => "fraction_column",
            Note::FractionValues => "fraction_values",
            Note::LineWithoutScores { .. } => "line_without_scores",
            Note::UnknownLabel { .. } => "unknown_label",
            Note::NotAYear { .. } => "not_a_year",
            Note::SameScoresTwice { .. } => "same_scores_twice",
            Note::RegisterNamesNoUnit { .. } => "register_names_no_unit",
            Note::RegisterNamesUnitTwice { .. } => "register_names_unit_twice",
            Note::StandInFramework { .. } => "stand_in_framework",
            Note::PreviousYearNotUsed { .. } => "previous_year_not_used",
            Note::OverallDiffers { .. } => "overall_differs",
            Note::ToolDiffers { .. } => "tool_differs",
            Note::GradeDiffers { .. } => "grade_differs",
            Note::MetShareDiffers { .. } => "met_share_differs",
            Note::NoMeasureForIndicator { .. } => "no_measure_for_indicator",
            Note::NoMeasureForItem { .. } => "no_measure_for_item",
            Note::RegisterWithoutTable { .. } => "register_without_table",
            Note::LeftoversRemoved { .. } => "leftovers_removed",
            Note::RegisterDateUnreadable { .. } => "register_date_unreadable",
            Note::NoSummaryWithoutMemos => "no_summary_without_memos",
            Note::EarlierMemoKept { .. } => "earlier_memo_kept",
            Note::Run(reason) => reason.id(),
        }
    }
}

impl std::fmt::Display for Note {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&thai::note(self))
    }
}

impl Reason {
    /// What the library that failed said, for whoever helps the officer (the
    /// report's .json): never part of the Thai message.
    pub fn detail(&self) -> Option<&str> {
        match self {
            Reason::NotReadableAs { detail, .. }
            | Reason::CsvUnreadable { detail }
            | Reason::XlsDamaged { detail }
            | Reason::CannotStartReading { detail } => Some(detail),
            _ => None,
        }
    }

    /// The reason's name for scripts and tests (the report's .json).
    pub fn id(&self) -> &'static str {
        match self {
            Reason::NotFound => "not_found",
            Reason::CannotOpen { .. } => "cannot_open",
            Reason::CannotOpenFolder { .. } => "cannot_open_folder",
            Reason::BrokenLink => "broken_link",
            Reason::OutputFolder => "output_folder",
            Reason::LinkAboveRoot => "link_above_root",
            Reason::SameFileAs { .. } => "same_file_as",
            Reason::SameFolderAs { .. } => "same_folder_as",
            Reason::NotRegularFile(_) => "not_regular_file",
            Reason::OwnReport => "own_report",
            Reason::SpreadsheetLockFile => "spreadsheet_lock_file",
            Reason::NotSpreadsheet => "not_spreadsheet",
            Reason::Archive { .. } => "archive",
            Reason::StoppedBeforeFile => "stopped_before_file",
            Reason::StoppedDuringFile => "stopped_during_file",
            Reason::CannotOpenFile { .. } => "cannot_open_file",
            Reason::FileTooBig { .. } => "file_too_big",
            Reason::EmptyFile => "empty_file",
            Reason::UnpacksTooBig { .. } => "unpacks_too_big",
            Reason::PasswordProtected => "password_protected",
            Reason::OldXlsNamedAs { .. } => "old_xls_named_as",
            Reason::NotReadableAs { .. } => "not_readable_as",
            Reason::UnknownEnding { .. } => "unknown_ending",
            Reason::NoScoreTable { .. } => "no_score_table",
            Reason::CsvCharacters => "csv_characters",
            Reason::CsvUnreadable { .. } => "csv_unreadable",
            Reason::CsvTooBig { .. } => "csv_too_big",
            Reason::XlsDamaged { .. } => "xls_damaged",
            Reason::SheetTooFar { .. } => "sheet_too_far",
            Reason::SheetClaimsTooMany { .. } => "sheet_claims_too_many",
            Reason::ReadTooLong { .. } => "read_too_long",
            Reason::CannotStartReading { .. } => "cannot_start_reading",
            Reason::ReaderCrashed { .. } => "reader_crashed",
            Reason::BadValue { value, .. } => match value {
                BadValue::NotANumber(_) => "value_not_a_number",
                BadValue::OutOfRange(_) => "value_out_of_range",
                BadValue::DateFormatted(_) => "value_date_formatted",
                BadValue::StrayFraction(_) => "value_stray_fraction",
                BadValue::OverToolWeight { .. } => "value_over_tool_weight",
            },
            Reason::TwoValues { .. } => "two_values",
            Reason::CodeTwoNames { .. } => "code_two_names",
            Reason::YearsDisagree { .. } => "years_disagree",
            Reason::NoResultForYear { .. } => "no_result_for_year",
            Reason::NoFramework { .. } => "no_framework",
            Reason::DateAfterFiscalYear { .. } => "date_after_fiscal_year",
            Reason::MissingIndicators { .. } => "missing_indicators",
            Reason::MissingOverall { .. } => "missing_overall",
            Reason::MemoNotWritten { .. } => "memo_not_written",
            Reason::MemoCrashed { .. } => "memo_crashed",
            Reason::StoppedBeforeUnit => "stopped_before_unit",
            Reason::SheetsUnreadable { .. } => "sheets_unreadable",
            Reason::RegisterWithoutTable => "register_without_table",
            Reason::NoScoresFound => "no_scores_found",
            Reason::StoppedBeforeScores => "stopped_before_scores",
            Reason::OutputFolderUnwritable { .. } => "output_folder_unwritable",
            Reason::OutputFolderBusy { .. } => "output_folder_busy",
            Reason::ReportNotWritten { .. } => "report_not_written",
            Reason::Interrupted => "interrupted",
            Reason::NoLibreOffice => "no_libreoffice",
            Reason::SummaryNotWritten { .. } => "summary_not_written",
            Reason::SummaryCrashed { .. } => "summary_crashed",
            Reason::PdfNoTempFolder { .. } => "pdf_no_temp_folder",
            Reason::PdfCannotStart { .. } => "pdf_cannot_start",
            Reason::PdfNotMade { .. } => "pdf_not_made",
            Reason::PdfWithoutMemoFont => "pdf_without_memo_font",
        }
    }
}

impl std::fmt::Display for Reason {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&thai::reason(self))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Place;

    #[test]
    fn a_sheets_note_names_the_sheet_once() {
        let place = Place::cell("ทะเบียน.csv", "CSV", 1, 4).to_string();
        let dated = Note::InSheet {
            sheet: "CSV".into(),
            note: Box::new(Note::RegisterDateUnreadable {
                place,
                text: "ไม่ทราบ".into(),
            }),
        }
        .to_string();
        assert_eq!(dated.matches("ชีต \"CSV\"").count(), 1, "{dated}");
        assert!(dated.contains("เซลล์ E2"), "{dated}");
        // A note that gives no cell is named by its sheet.
        let empty = Note::InSheet {
            sheet: "ITA 2565".into(),
            note: Box::new(Note::EmptySheet),
        }
        .to_string();
        assert!(empty.starts_with("ชีต \"ITA 2565\": "), "{empty}");
    }
}
