//! Why a file was not read and why a unit has no memo, as values: what tests and
//! scripts check (each reason's `id`, in the report's .json), with the facts the
//! message needs. The Thai of every reason is written in one place, `thai.rs`.

mod thai;

/// What a path turned out to be when it is not a regular file.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SpecialFile {
    Fifo,
    CharDevice,
    BlockDevice,
    Socket,
    Other,
}

/// A value in a score column that is not read, and why.
#[derive(Clone, Debug, PartialEq)]
pub enum BadValue {
    /// Not a number at all (the text as shown, cut short).
    NotANumber(String),
    /// A number outside 0-100.
    OutOfRange(String),
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
#[derive(Clone, Debug, PartialEq)]
pub struct Found {
    pub text: String,
    pub at: String,
}

#[derive(Clone, Debug, PartialEq)]
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
        detail: String,
    },
    CsvTooBig {
        rows: usize,
        cols: usize,
        limit_cells: u64,
    },
    XlsDamaged {
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
}

impl Reason {
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
                BadValue::StrayFraction(_) => "value_stray_fraction",
                BadValue::OverToolWeight { .. } => "value_over_tool_weight",
            },
            Reason::TwoValues { .. } => "two_values",
            Reason::CodeTwoNames { .. } => "code_two_names",
            Reason::YearsDisagree { .. } => "years_disagree",
            Reason::NoResultForYear { .. } => "no_result_for_year",
            Reason::NoFramework { .. } => "no_framework",
            Reason::MissingIndicators { .. } => "missing_indicators",
            Reason::MissingOverall { .. } => "missing_overall",
            Reason::MemoNotWritten { .. } => "memo_not_written",
            Reason::MemoCrashed { .. } => "memo_crashed",
            Reason::StoppedBeforeUnit => "stopped_before_unit",
        }
    }
}

impl std::fmt::Display for Reason {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&thai::reason(self))
    }
}
