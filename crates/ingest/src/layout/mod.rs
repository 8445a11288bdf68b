//! One sheet to rows of scores. A sheet holds one of three layouts, each found by
//! what its top rows say:
//! - wide: a row per unit, a column per indicator (one year per sheet, a year
//!   column, or a group of columns per year under a merged year header);
//! - long: a row per unit, year and indicator (or item), with its score;
//! - per-unit report: indicators as rows, years as columns, the unit named above.

mod long;
mod register;
mod report;
mod scale;
mod scores;
mod wide;

use calamine::{Data, Range};
use itamemo_model::{Place, UnitName, YearResult};

use crate::cell::cell_text;
use crate::header::{classify_header, Column, HEADER_SEARCH_ROWS};
use crate::vocab::Vocabulary;

/// One unit's row for one year, with what was wrong in it.
#[derive(Clone, Debug)]
pub struct YearRow {
    pub unit: UnitName,
    pub result: YearResult,
    /// Values that are not scores: the unit gets no memo from a guess.
    pub problems: Vec<String>,
}

pub enum SheetOutcome {
    Table {
        rows: Vec<YearRow>,
        messages: Vec<String>,
    },
    /// A unit register rather than scores.
    Register {
        entries: Vec<itamemo_model::RegisterEntry>,
        messages: Vec<String>,
    },
    /// Not a score table, and why (in Thai).
    NoTable(String),
}

/// A sheet and where it sits, so that every value can be placed.
pub struct Sheet<'a> {
    pub file: &'a str,
    pub name: &'a str,
    pub range: &'a Range<Data>,
    pub vocab: &'a Vocabulary,
}

impl Sheet<'_> {
    /// The cell at a position relative to the range (Empty outside it).
    pub fn cell(&self, row: usize, col: usize) -> &Data {
        static EMPTY: Data = Data::Empty;
        self.range.get((row, col)).unwrap_or(&EMPTY)
    }

    pub fn text(&self, row: usize, col: usize) -> String {
        cell_text(self.cell(row, col))
    }

    pub fn place(&self, row: usize, col: usize) -> Place {
        let (top, left) = self.range.start().unwrap_or((0, 0));
        Place::cell(self.file, self.name, top + row as u32, left + col as u32)
    }

    /// A row's number as the spreadsheet shows it (1-based, from the sheet's top).
    pub fn row_number(&self, row: usize) -> usize {
        let (top, _) = self.range.start().unwrap_or((0, 0));
        top as usize + row + 1
    }

    pub fn height(&self) -> usize {
        self.range.height()
    }

    pub fn width(&self) -> usize {
        self.range.width()
    }
}

/// The meaningful header cells of each of the top rows.
type TopRows = Vec<Vec<(usize, Column)>>;

pub fn read_sheet(sheet: &Sheet) -> SheetOutcome {
    if sheet.range.is_empty() {
        return SheetOutcome::NoTable("ชีตว่าง".to_string());
    }
    let top: TopRows = (0..sheet.height().min(HEADER_SEARCH_ROWS))
        .map(|r| {
            let mut seen: Vec<(usize, Column)> = Vec::new();
            for c in 0..sheet.width() {
                if let Some(column) = classify_header(&sheet.text(r, c), sheet.vocab) {
                    seen.push((c, column));
                }
            }
            seen
        })
        .collect();
    if let Some(row) = wide::header_row(&top) {
        return wide::read(sheet, row, &top[row]);
    }
    if let Some(row) = long::header_row(&top) {
        return long::read(sheet, row, &top[row]);
    }
    if let Some(row) = register::header_row(&top) {
        let found = register::read(sheet, row, &top[row]);
        return SheetOutcome::Register {
            entries: found.entries,
            messages: found.messages,
        };
    }
    if let Some(found) = report::find(sheet) {
        return report::read(sheet, found);
    }
    SheetOutcome::NoTable(explain_missing(&top))
}

/// Why the top rows are not a score table: which headers were found, which missing.
fn explain_missing(top: &TopRows) -> String {
    let best = top.iter().max_by_key(|row| row.len());
    match best {
        Some(row) if row.len() >= 2 => {
            let found: Vec<String> = row.iter().map(|(_, c)| format!("\"{}\"", c.describe())).collect();
            let has = |wanted: &dyn Fn(&Column) -> bool| row.iter().any(|(_, c)| wanted(c));
            let mut missing = Vec::new();
            if !has(&|c| *c == Column::Name) {
                missing.push("\"ชื่อหน่วยงาน\"");
            }
            if !has(&|c| c.is_score()) {
                missing.push("\"ตัวชี้วัดที่ 1\" ถึง \"ตัวชี้วัดที่ 10\" หรือ \"คะแนน ITA\"");
            }
            format!(
                "ดูเหมือนตารางคะแนนแต่อ่านหัวคอลัมน์ไม่ครบ: พบ {} แต่ไม่พบ {}",
                found.join(", "),
                missing.join(" และ ")
            )
        }
        _ => "ไม่พบตารางคะแนน ITA: ไม่มีแถวหัวตารางที่มีทั้ง \"ชื่อหน่วยงาน\" และ \"ตัวชี้วัดที่ ...\" หรือ \"คะแนน ITA\"".to_string(),
    }
}
