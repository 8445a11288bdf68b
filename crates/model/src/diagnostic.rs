//! One kind of thing for everything a run reports about itself: a kind (what
//! happened, for scripts and tests), its severity (which decides the exit code),
//! the place (a file, a sheet, a unit, a folder) and the message in Thai. The
//! Thai names of the kinds and severities are here, in one place.

/// What happened.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Kind {
    /// A file was not read: not a spreadsheet, read already under another name,
    /// not a regular file, a spreadsheet program's lock file.
    FileSkipped,
    /// A file that should have been read could not be.
    FileUnreadable,
    /// A sheet of a file that was read could not be: its scores may be missing.
    SheetUnreadable,
    /// A unit found in the files got no memo.
    UnitWithoutMemo,
    /// The register given with --register holds no register table.
    RegisterMissing,
    /// The run report (.xlsx and .json) could not be written.
    ReportNotWritten,
    /// The area's summary memo could not be written (the unit memos are).
    SummaryNotWritten,
    /// No file held ITA scores.
    NoScores,
    /// The output folder cannot be made or written.
    OutputFolderUnwritable,
    /// Another run is writing into the output folder.
    OutputFolderBusy,
    /// The user stopped the run (Ctrl-C).
    Interrupted,
}

/// How much a kind matters, in the order of the exit codes it gives.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Severity {
    /// Worth knowing; the run is complete.
    Note,
    /// Something needs a look; the rest is written.
    NeedsLook,
    /// Nothing could be written.
    Fatal,
    /// The user stopped the run.
    Stopped,
}

impl Kind {
    pub const ALL: [Kind; 11] = [
        Kind::FileSkipped,
        Kind::FileUnreadable,
        Kind::SheetUnreadable,
        Kind::UnitWithoutMemo,
        Kind::RegisterMissing,
        Kind::ReportNotWritten,
        Kind::SummaryNotWritten,
        Kind::NoScores,
        Kind::OutputFolderUnwritable,
        Kind::OutputFolderBusy,
        Kind::Interrupted,
    ];

    pub fn severity(self) -> Severity {
        match self {
            Kind::FileSkipped => Severity::Note,
            Kind::FileUnreadable
            | Kind::SheetUnreadable
            | Kind::UnitWithoutMemo
            | Kind::RegisterMissing
            | Kind::ReportNotWritten
            | Kind::SummaryNotWritten => Severity::NeedsLook,
            Kind::NoScores | Kind::OutputFolderUnwritable | Kind::OutputFolderBusy => {
                Severity::Fatal
            }
            Kind::Interrupted => Severity::Stopped,
        }
    }

    /// The kind's name for scripts (the report's .json).
    pub fn id(self) -> &'static str {
        match self {
            Kind::FileSkipped => "file_skipped",
            Kind::FileUnreadable => "file_unreadable",
            Kind::SheetUnreadable => "sheet_unreadable",
            Kind::UnitWithoutMemo => "unit_without_memo",
            Kind::RegisterMissing => "register_missing",
            Kind::ReportNotWritten => "report_not_written",
            Kind::SummaryNotWritten => "summary_not_written",
            Kind::NoScores => "no_scores",
            Kind::OutputFolderUnwritable => "output_folder_unwritable",
            Kind::OutputFolderBusy => "output_folder_busy",
            Kind::Interrupted => "interrupted",
        }
    }

    /// The kind in Thai, as a heading for its messages.
    pub fn thai(self) -> &'static str {
        match self {
            Kind::FileSkipped => "ไฟล์ที่ข้าม",
            Kind::FileUnreadable => "ไฟล์ที่อ่านไม่ได้",
            Kind::SheetUnreadable => "ชีตที่อ่านไม่ได้",
            Kind::UnitWithoutMemo => "หน่วยงานที่ไม่ได้เขียนบันทึก",
            Kind::RegisterMissing => "ไม่พบตารางทะเบียนหน่วยงาน",
            Kind::ReportNotWritten => "เขียนรายงานผลการทำงานไม่ได้",
            Kind::SummaryNotWritten => "เขียนบันทึกสรุปของพื้นที่ไม่ได้",
            Kind::NoScores => "ไม่พบผลคะแนน",
            Kind::OutputFolderUnwritable => "เขียนลงโฟลเดอร์ผลลัพธ์ไม่ได้",
            Kind::OutputFolderBusy => "โฟลเดอร์ผลลัพธ์กำลังถูกใช้",
            Kind::Interrupted => "ผู้ใช้หยุดการทำงาน",
        }
    }
}

impl Severity {
    /// 0: complete; 1: something needs a look; 2: nothing could be written;
    /// 130: stopped with Ctrl-C (as shells report a run ended by it).
    pub fn exit_code(self) -> u8 {
        match self {
            Severity::Note => 0,
            Severity::NeedsLook => 1,
            Severity::Fatal => 2,
            Severity::Stopped => 130,
        }
    }

    pub fn id(self) -> &'static str {
        match self {
            Severity::Note => "note",
            Severity::NeedsLook => "needs_look",
            Severity::Fatal => "fatal",
            Severity::Stopped => "stopped",
        }
    }

    pub fn thai(self) -> &'static str {
        match self {
            Severity::Note => "หมายเหตุ",
            Severity::NeedsLook => "ต้องตรวจ",
            Severity::Fatal => "ทำงานไม่ได้",
            Severity::Stopped => "หยุดกลางคัน",
        }
    }
}

/// One thing a run reports: what, where, and the Thai message.
#[derive(Clone, Debug, PartialEq)]
pub struct Diagnostic {
    pub kind: Kind,
    /// The file, "file, sheet", unit or folder it is about; none for the run.
    pub place: Option<String>,
    pub message: String,
    /// Why, for a file not read or a unit without a memo (several reasons for a
    /// unit: the first).
    pub reason: Option<crate::reason::Reason>,
}

impl Diagnostic {
    pub fn new(kind: Kind, place: Option<String>, message: impl Into<String>) -> Diagnostic {
        Diagnostic {
            kind,
            place,
            message: message.into(),
            reason: None,
        }
    }

    /// A diagnostic whose message is its reason's.
    pub fn because(kind: Kind, place: Option<String>, reason: crate::reason::Reason) -> Diagnostic {
        Diagnostic {
            kind,
            place,
            message: reason.to_string(),
            reason: Some(reason),
        }
    }

    pub fn severity(&self) -> Severity {
        self.kind.severity()
    }

    /// "[ต้องตรวจ] ไฟล์ที่อ่านไม่ได้: a.xlsx: ไฟล์เสียหาย"
    pub fn thai(&self) -> String {
        match &self.place {
            Some(place) => format!(
                "[{}] {}: {place}: {}",
                self.severity().thai(),
                self.kind.thai(),
                self.message
            ),
            None => format!(
                "[{}] {}: {}",
                self.severity().thai(),
                self.kind.thai(),
                self.message
            ),
        }
    }
}

/// The exit code of a run that reported these: the most severe decides.
pub fn exit_code<'a>(diagnostics: impl IntoIterator<Item = &'a Diagnostic>) -> u8 {
    diagnostics
        .into_iter()
        .map(Diagnostic::severity)
        .max()
        .map_or(0, Severity::exit_code)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_most_severe_kind_decides_the_exit_code() {
        let d = |kind| Diagnostic::new(kind, None, "");
        assert_eq!(exit_code(&[]), 0);
        assert_eq!(exit_code(&[d(Kind::FileSkipped)]), 0);
        assert_eq!(
            exit_code(&[d(Kind::FileSkipped), d(Kind::UnitWithoutMemo)]),
            1
        );
        assert_eq!(
            exit_code(&[d(Kind::SheetUnreadable), d(Kind::OutputFolderBusy)]),
            2
        );
        assert_eq!(exit_code(&[d(Kind::NoScores), d(Kind::Interrupted)]), 130);
    }

    #[test]
    fn every_kind_has_its_own_name_and_thai() {
        let ids: std::collections::HashSet<_> = Kind::ALL.iter().map(|k| k.id()).collect();
        let thai: std::collections::HashSet<_> = Kind::ALL.iter().map(|k| k.thai()).collect();
        assert_eq!(ids.len(), Kind::ALL.len());
        assert_eq!(thai.len(), Kind::ALL.len());
    }
}
