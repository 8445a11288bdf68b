//! What a run did, for the run report: every file and every unit, and what
//! became of each.

use crate::reason::{Note, Reason};
use crate::{AreaSummary, AreaUnit, Change, FileOutcome, Score, UnitName};

/// One year's published result, as far as the export gave it (its grade is
/// held with the unit's other texts: see `UnitOutcome::grade`).
#[derive(Clone, Copy, Debug, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct YearLine {
    pub year: u16,
    pub overall: Option<Score>,
}

/// Which of a unit's two years.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Which {
    Previous,
    Current,
}

/// What became of one unit, held from its memo to the run's end for the run
/// report and the area's figures: a national batch holds 10,000 of them. Its
/// texts (name, place, memo file, grades) are one allocation, not one each:
/// small allocations kept alive among the memos' large ones fragment the heap.
#[derive(Clone, Debug, serde::Serialize, serde::Deserialize)]
pub struct UnitOutcome {
    texts: Texts,
    /// Why there is no memo (empty where it was written).
    reasons: Box<[Reason]>,
    pub previous: Option<YearLine>,
    pub current: Option<YearLine>,
    pub change: Option<Change>,
    pub notes: Box<[Note]>,
    /// What the area's figures need of its findings, where it was analysed
    /// (its memo written or not): they count only the units with a memo. The
    /// indicators that need work are read from here.
    pub area: Option<AreaUnit>,
}

/// The texts of a unit's outcome, one after the other in one string. The memo's
/// file name is mostly the unit's name and ".docx": stored after the name, it
/// keeps only what it adds to it (85 of a national unit's 216 bytes of texts).
#[derive(Clone, Debug, serde::Serialize, serde::Deserialize)]
pub(crate) struct Texts {
    all: Box<str>,
    /// Where each text ends in `all`, by `Text`.
    ends: [u32; TEXTS],
    /// The texts given, one bit each by `Text` (a unit without a code, a year
    /// without a grade, a unit without a memo), and `FILE_AFTER_NAME`.
    given: u8,
}

const TEXTS: usize = 7;

/// The memo's file name begins with the unit's name: it is read from where the
/// name starts.
const FILE_AFTER_NAME: u8 = 1 << TEXTS;

/// In the order held: the name last but one, for the file name after it.
#[derive(Clone, Copy)]
enum Text {
    Code,
    District,
    Province,
    PreviousGrade,
    CurrentGrade,
    Name,
    MemoFile,
}

impl Texts {
    fn new(texts: [Option<&str>; TEXTS]) -> Texts {
        let mut all = String::with_capacity(texts.iter().flatten().map(|t| t.len()).sum());
        let mut ends = [0; TEXTS];
        let mut given = 0;
        for (k, text) in texts.iter().enumerate() {
            if let Some(mut text) = *text {
                if k == Text::MemoFile as usize {
                    let name = texts[Text::Name as usize].unwrap_or_default();
                    if let Some(rest) = text.strip_prefix(name) {
                        text = rest;
                        given |= FILE_AFTER_NAME;
                    }
                }
                all.push_str(text);
                given |= 1 << k;
            }
            ends[k] = u32::try_from(all.len()).expect("a unit's texts are under 4 GB");
        }
        Texts {
            all: all.into_boxed_str(),
            ends,
            given,
        }
    }

    /// The unit's name (read back alone by `Outcomes::name`).
    pub(crate) fn name(&self) -> &str {
        self.get(Text::Name).unwrap_or_default()
    }

    fn get(&self, text: Text) -> Option<&str> {
        let k = text as usize;
        let from = match text {
            Text::MemoFile if self.given & FILE_AFTER_NAME != 0 => Text::Name as usize,
            _ => k,
        };
        let start = if from == 0 {
            0
        } else {
            self.ends[from - 1] as usize
        };
        (self.given & (1 << k) != 0).then(|| &self.all[start..self.ends[k] as usize])
    }
}

impl UnitOutcome {
    /// A unit's outcome: its memo's file name, or why it has none; its years'
    /// grades (previous, current), where the export or its findings gave them.
    /// Its years, change, notes and area figures are set after.
    pub fn new(
        unit: &UnitName,
        grades: [Option<&str>; 2],
        memo: Result<&str, Vec<Reason>>,
    ) -> UnitOutcome {
        let (file, reasons) = match memo {
            Ok(file) => (Some(file), Box::default()),
            Err(reasons) => (None, reasons.into_boxed_slice()),
        };
        UnitOutcome {
            texts: Texts::new([
                unit.code.as_deref(),
                Some(&unit.district),
                Some(&unit.province),
                grades[0],
                grades[1],
                Some(&unit.name),
                file,
            ]),
            reasons,
            previous: None,
            current: None,
            change: None,
            notes: Box::default(),
            area: None,
        }
    }

    pub fn code(&self) -> Option<&str> {
        self.texts.get(Text::Code)
    }

    pub fn name(&self) -> &str {
        self.texts.get(Text::Name).unwrap_or_default()
    }

    pub fn district(&self) -> &str {
        self.texts.get(Text::District).unwrap_or_default()
    }

    pub fn province(&self) -> &str {
        self.texts.get(Text::Province).unwrap_or_default()
    }

    /// The unit's name and place, as a `UnitName` of its own.
    pub fn unit_name(&self) -> UnitName {
        UnitName {
            code: self.code().map(str::to_string),
            name: self.name().to_string(),
            district: self.district().to_string(),
            province: self.province().to_string(),
        }
    }

    /// The memo's file name, or why there is none.
    pub fn memo(&self) -> Result<&str, &[Reason]> {
        self.texts.get(Text::MemoFile).ok_or(&self.reasons)
    }

    /// The grade of its previous or current year, where there is one.
    pub fn grade(&self, year: Which) -> Option<&str> {
        self.texts.get(match year {
            Which::Previous => Text::PreviousGrade,
            Which::Current => Text::CurrentGrade,
        })
    }

    /// The indicators that need work, in the framework's order (none where it
    /// was not analysed).
    pub fn weak(&self) -> impl Iterator<Item = u8> + '_ {
        self.area
            .iter()
            .flat_map(|a| a.indicators())
            .filter(|i| i.needs_work())
            .map(|i| i.number)
    }

    /// The indicators whose memo asks for items not met that it cannot name,
    /// and which do not otherwise need work (`AreaIndicatorScore::unmet_unnamed`).
    pub fn unmet_unnamed(&self) -> impl Iterator<Item = u8> + '_ {
        self.area
            .iter()
            .flat_map(|a| a.indicators())
            .filter(|i| i.unmet_unnamed() && !i.needs_work())
            .map(|i| i.number)
    }

    /// Adds a note about the unit.
    pub fn note(&mut self, note: Note) {
        let mut notes = std::mem::take(&mut self.notes).into_vec();
        notes.push(note);
        self.notes = notes.into_boxed_slice();
    }
}

#[derive(Debug, Default)]
pub struct RunReport {
    pub memo_year: Option<u16>,
    pub files: Vec<FileOutcome>,
    /// Every unit's outcome, in the batch's order: held out of memory during
    /// a run (see `outcomes`).
    pub units: crate::Outcomes,
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

#[cfg(test)]
mod tests {
    use super::*;

    /// A national batch holds 10,000 outcomes to the run's end, in one list.
    #[test]
    fn an_outcome_stays_small() {
        let (outcome, area) = (
            std::mem::size_of::<UnitOutcome>(),
            std::mem::size_of::<AreaUnit>(),
        );
        eprintln!("UnitOutcome {outcome} bytes, AreaUnit {area}");
        assert!(outcome <= 272 && area <= 160, "{outcome}, {area}");
    }

    #[test]
    fn each_text_is_read_back_as_given() {
        let unit = UnitName {
            code: None,
            name: "เทศบาลตำบลละแม".into(),
            district: String::new(),
            province: "ชุมพร".into(),
        };
        let written = UnitOutcome::new(&unit, [None, Some("A")], Ok("a.docx"));
        assert_eq!(written.unit_name(), unit);
        assert_eq!(written.memo(), Ok("a.docx"));
        assert_eq!(written.grade(Which::Previous), None);
        assert_eq!(written.grade(Which::Current), Some("A"));
        let unit = UnitName {
            code: Some(String::new()),
            ..unit
        };
        let reasons = vec![Reason::NoResultForYear { year: 2565 }];
        let mut not = UnitOutcome::new(&unit, [Some(""), None], Err(reasons.clone()));
        assert_eq!(not.unit_name(), unit);
        assert_eq!(not.memo(), Err(&reasons[..]));
        assert_eq!(not.grade(Which::Previous), Some(""));
        assert_eq!(not.grade(Which::Current), None);
        assert_eq!(not.weak().count(), 0);
        not.note(Note::EarlierMemoKept {
            file: "a.docx".into(),
        });
        assert_eq!(not.notes.len(), 1);
    }

    /// A national unit's memo is named after it: the file name keeps ".docx"
    /// of its own, not the name again (a national unit's 216 bytes of texts, by
    /// their median, are 131).
    #[test]
    fn a_file_named_after_its_unit_holds_only_what_it_adds() {
        let unit = UnitName {
            code: None,
            name: "องค์การบริหารส่วนตำบลข้ามข้าม3247".into(),
            district: "ศรียาง".into(),
            province: "สุราษฎร์ธานี".into(),
        };
        let texts = |u: &UnitOutcome| u.texts.all.len();
        let place = unit.name.len() + unit.district.len() + unit.province.len();
        let named = format!("{}.docx", unit.name);
        let placed = format!("{} อำเภอศรียาง จังหวัดสุราษฎร์ธานี (2).docx", unit.name);
        for file in [named.as_str(), placed.as_str(), "หน่วยงาน.docx", ""] {
            let outcome = UnitOutcome::new(&unit, [Some("A"), Some("A")], Ok(file));
            assert_eq!(outcome.memo(), Ok(file));
            assert_eq!(outcome.unit_name(), unit);
            assert_eq!(outcome.grade(Which::Current), Some("A"));
            let rest = file.strip_prefix(unit.name.as_str()).unwrap_or(file);
            assert_eq!(texts(&outcome), place + 2 + rest.len(), "{file}");
        }
        let no_name = UnitName {
            name: String::new(),
            ..unit
        };
        let outcome = UnitOutcome::new(&no_name, [None, None], Ok("หน่วยงาน.docx"));
        assert_eq!(outcome.memo(), Ok("หน่วยงาน.docx"));
        assert_eq!(outcome.name(), "");
    }
}
