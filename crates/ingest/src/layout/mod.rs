//! One sheet to rows of scores, read by what its cells mean rather than by a list
//! of layouts tried in order. A header band (one to three lines, merged groups
//! over them) says what each position holds; the lines under it are units, or
//! scores of one unit in the long shape; the units run down the sheet or across
//! it (both readings are made, and the one that explains more cells is taken).
//! A sheet with names and register columns but no scores is a unit register.

mod band;
mod register;
mod scale;
mod scores;
mod table;
mod view;

use std::sync::Arc;

use itamemo_model::reason::{NeededHeader, Note};
use itamemo_model::thai::excerpt;
use itamemo_model::{Place, UnitName, YearResult};

use crate::cell::{cell_text, Value};
use crate::grid::Grid;
use crate::header::Column;
use crate::packed_rows::PackedRows;
use crate::vocab::Vocabulary;
use band::{find_header, TopLines};
use table::Reading;
use view::View;

/// A sheet taller than this is not read with its units as columns: a line of
/// headers down a column (indicators, tools, 88 items) is far shorter, and the
/// bound keeps a national sheet of 10,000 rows from being searched crosswise.
const MAX_CROSSWISE_HEIGHT: usize = 300;

/// One unit's row for one year, with what was wrong in it.
#[derive(Clone, Debug)]
pub struct YearRow {
    pub unit: UnitName,
    pub result: YearResult,
    /// Values that are not scores: the unit gets no memo from a guess.
    pub problems: Vec<itamemo_model::reason::Reason>,
}

pub enum SheetOutcome {
    Table {
        rows: PackedRows,
        messages: Vec<Note>,
    },
    /// A unit register rather than scores.
    Register {
        entries: Vec<itamemo_model::RegisterEntry>,
        messages: Vec<Note>,
    },
    /// Not a score table, and why.
    NoTable(Note),
}

/// A sheet and where it sits, so that every value can be placed.
pub struct Sheet<'a> {
    /// Shared by every place read from the sheet.
    pub file: Arc<str>,
    pub name: Arc<str>,
    pub range: &'a Grid<'a>,
    pub vocab: &'a Vocabulary,
}

impl<'a> Sheet<'a> {
    /// The cell at a position relative to the range (Empty outside it).
    pub fn cell(&self, row: usize, col: usize) -> Value<'a> {
        self.range.get(row, col)
    }

    pub fn text(&self, row: usize, col: usize) -> String {
        cell_text(self.cell(row, col))
    }

    pub fn place(&self, row: usize, col: usize) -> Place {
        let (top, left) = self.range.start().unwrap_or((0, 0));
        Place::at(&self.file, &self.name, top + row as u32, left + col as u32)
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

pub fn read_sheet(sheet: &Sheet) -> SheetOutcome {
    if sheet.range.is_empty() {
        return SheetOutcome::NoTable(Note::EmptySheet);
    }
    let down = View::rows(sheet);
    let top = TopLines::read(&down);
    let mut readings: Vec<(View, Reading)> = Vec::new();
    if let Some(header) = find_header(&down, &top) {
        readings.push((down, table::read(&down, &header)));
    }
    if sheet.height() <= MAX_CROSSWISE_HEIGHT {
        let across = View::columns(sheet);
        if let Some(header) = find_header(&across, &TopLines::read(&across)) {
            readings.push((across, table::read(&across, &header)));
        }
    }
    if let Some(outcome) = best_reading(readings) {
        return outcome;
    }
    let found = top.found();
    if let Some(row) = register::header_row(&found) {
        let read = register::read(sheet, row, &found[row]);
        return SheetOutcome::Register {
            entries: read.entries,
            messages: read.messages,
        };
    }
    SheetOutcome::NoTable(explain_missing(&top))
}

/// The reading that explains the most score cells; where the other reading
/// explains some too, the report says which was taken and why.
fn best_reading(mut readings: Vec<(View, Reading)>) -> Option<SheetOutcome> {
    let is_table = |r: &Reading| matches!(r.outcome, SheetOutcome::Table { .. });
    let best = (0..readings.len())
        .filter(|&i| is_table(&readings[i].1))
        .max_by_key(|&i| (readings[i].1.explained, usize::MAX - i));
    let Some(best) = best else {
        // No table either way: the first reading's reason (a year not found...).
        return readings.into_iter().next().map(|(_, r)| r.outcome);
    };
    let other = readings
        .iter()
        .enumerate()
        .find(|(i, (_, r))| *i != best && is_table(r) && r.explained > 0)
        .map(|(_, (view, r))| (view.orientation(), r.explained));
    let (view, mut reading) = readings.swap_remove(best);
    if let (Some((other_way, other_count)), SheetOutcome::Table { messages, .. }) =
        (other, &mut reading.outcome)
    {
        messages.push(Note::ReadTwoWays {
            taken: view.orientation(),
            taken_count: reading.explained,
            other: other_way,
            other_count,
        });
    }
    Some(reading.outcome)
}

/// Why the top rows are not a score table: the headers found, in the sheet's own
/// words, and the ones missing.
fn explain_missing(top: &TopLines) -> Note {
    let best = (0..top.kinds.len())
        .max_by_key(|&line| (top.kinds[line].iter().flatten().count(), usize::MAX - line));
    let Some(line) = best.filter(|&l| top.kinds[l].iter().flatten().count() >= 2) else {
        return Note::NoHeaderRow;
    };
    let kinds: Vec<&Column> = top.kinds[line].iter().flatten().collect();
    let found: Vec<String> = top.kinds[line]
        .iter()
        .zip(&top.texts[line])
        .filter(|(kind, _)| kind.is_some())
        .map(|(_, words)| excerpt(words, 40))
        .collect();
    let mut missing = Vec::new();
    if !kinds
        .iter()
        .any(|c| matches!(c, Column::Name | Column::Province))
    {
        missing.push(NeededHeader::UnitName);
    }
    if !kinds.iter().any(|c| c.is_score()) {
        missing.push(NeededHeader::Scores);
    }
    if missing.is_empty() {
        return Note::HeaderWithoutRows { found };
    }
    Note::HeaderIncomplete { found, missing }
}

#[cfg(test)]
mod tests {
    use super::*;
    use calamine::{Data, Range};

    fn sheet_of(rows: &[&[&str]]) -> Grid<'static> {
        let height = rows.len() as u32;
        let width = rows.iter().map(|r| r.len()).max().unwrap_or(1) as u32;
        let mut range = Range::new((0, 0), (height - 1, width - 1));
        for (r, row) in rows.iter().enumerate() {
            for (c, text) in row.iter().enumerate() {
                let value = match text.parse::<f64>() {
                    Ok(v) => Data::Float(v),
                    Err(_) => Data::String(text.to_string()),
                };
                range.set_value((r as u32, c as u32), value);
            }
        }
        Grid::from(range)
    }

    fn read(range: &Grid) -> (Vec<YearRow>, Vec<Note>) {
        let vocab = Vocabulary::default();
        let sheet = Sheet {
            file: "t.xlsx".into(),
            name: "ITA 2565".into(),
            range,
            vocab: &vocab,
        };
        match read_sheet(&sheet) {
            SheetOutcome::Table { rows, messages } => (rows.iter().collect(), messages),
            _ => panic!("a table"),
        }
    }

    #[test]
    fn units_are_found_down_or_across_the_sheet() {
        let down = sheet_of(&[
            &["ชื่อหน่วยงาน", "ตัวชี้วัดที่ 1", "คะแนน ITA"],
            &["เทศบาลตำบลก", "80", "81"],
            &["เทศบาลตำบลข", "70", "71"],
        ]);
        let across = sheet_of(&[
            &["ชื่อหน่วยงาน", "เทศบาลตำบลก", "เทศบาลตำบลข"],
            &["ตัวชี้วัดที่ 1", "80", "70"],
            &["คะแนน ITA", "81", "71"],
        ]);
        for range in [&down, &across] {
            let (rows, _) = read(range);
            let read: Vec<(String, u32)> = rows
                .iter()
                .map(|r| (r.unit.name.clone(), r.result.overall.unwrap().hundredths()))
                .collect();
            assert_eq!(
                read,
                vec![("เทศบาลตำบลก".into(), 8100), ("เทศบาลตำบลข".into(), 7100)]
            );
        }
    }

    #[test]
    fn a_sheet_read_two_ways_takes_the_reading_that_explains_more_and_says_so() {
        // Down: two units with an ITA score each. Across: the column of names is
        // a header line too (its last cell a score header), giving one unit.
        let range = sheet_of(&[
            &["ชื่อหน่วยงาน", "คะแนน ITA"],
            &["เทศบาลตำบลก", "80"],
            &["คะแนน ITA", "70"],
        ]);
        let (rows, messages) = read(&range);
        assert_eq!(rows.len(), 2, "{rows:?}");
        assert!(
            messages.contains(&Note::ReadTwoWays {
                taken: itamemo_model::reason::Orientation::UnitsInRows,
                taken_count: 2,
                other: itamemo_model::reason::Orientation::UnitsInColumns,
                other_count: 1,
            }),
            "{messages:?}"
        );
    }
}
