//! One sheet to rows of scores: find the header, the year, then read each unit's row.

use std::collections::BTreeMap;

use calamine::{Data, Range};
use itamemo_model::{Place, Score, UnitName, YearResult};

use crate::cell::{cell_text, parse_score};
use crate::header::{classify_header, parse_year, Column, HEADER_SEARCH_ROWS};
use crate::names::{display_name, display_place, unit_key, DISTRICT_PREFIXES, PROVINCE_PREFIXES};

/// One unit's row for one year, with what was wrong in it.
#[derive(Clone, Debug)]
pub struct YearRow {
    pub key: String,
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
    /// Not a score table, and why (in Thai).
    NoTable(String),
}

struct Header {
    row: usize,
    columns: Vec<(usize, Column)>,
}

impl Header {
    fn find(&self, wanted: Column) -> Option<usize> {
        self.columns
            .iter()
            .find(|(_, c)| *c == wanted)
            .map(|(i, _)| *i)
    }
}

pub fn read_sheet(file: &str, sheet: &str, range: &Range<Data>) -> SheetOutcome {
    let Some((top, left)) = range.start() else {
        return SheetOutcome::NoTable("ชีตว่าง".to_string());
    };
    let Some(header) = find_header(range) else {
        return SheetOutcome::NoTable(
            "ไม่พบตารางคะแนน ITA: ไม่มีแถวหัวตารางที่มีทั้ง \"ชื่อหน่วยงาน\" และ \"ตัวชี้วัดที่ ...\" หรือ \"คะแนน ITA\""
                .to_string(),
        );
    };
    let mut messages = Vec::new();
    let year_column = header.find(Column::Year);
    let table_year = match year_column {
        Some(_) => None,
        None => match year_of_table(sheet, range, header.row) {
            Some((year, note)) => {
                messages.extend(note);
                Some(year)
            }
            None => {
                return SheetOutcome::NoTable(
                    "พบตารางคะแนนแต่ไม่ทราบว่าเป็นปีงบประมาณใด: ใส่ปีไว้ในชื่อชีต ในหัวเรื่องเหนือตาราง หรือในคอลัมน์ \"ปีงบประมาณ\""
                        .to_string(),
                )
            }
        },
    };
    let place_of =
        |row: usize, col: usize| Place::cell(file, sheet, top + row as u32, left + col as u32);
    let name_col = header
        .find(Column::Name)
        .expect("a header has a name column");
    let mut rows = Vec::new();
    for (r, cells) in range.rows().enumerate().skip(header.row + 1) {
        let text_at = |col: Option<usize>| {
            col.and_then(|c| cells.get(c))
                .map(cell_text)
                .unwrap_or_default()
        };
        let raw_name = text_at(Some(name_col));
        if raw_name.is_empty() {
            continue;
        }
        let mut problems = Vec::new();
        let mut indicators = BTreeMap::new();
        let mut overall = None;
        let mut any_value = false;
        for &(c, column) in &header.columns {
            let (Column::Indicator(_) | Column::Overall) = column else {
                continue;
            };
            match cells.get(c).map(parse_score).unwrap_or(Ok(None)) {
                Ok(None) => {}
                Ok(Some(points)) => {
                    any_value = true;
                    let score = Score::from_points(points).expect("parse_score checks the range");
                    match column {
                        Column::Indicator(n) => {
                            indicators.insert(n, score);
                        }
                        _ => overall = Some(score),
                    }
                }
                Err(err) => {
                    any_value = true;
                    problems.push(format!("{}: {err}", place_of(r, c)));
                }
            }
        }
        if !any_value {
            messages.push(format!(
                "แถวที่ {} (\"{raw_name}\") ไม่มีคะแนนใด ๆ จึงไม่นับเป็นหน่วยงาน",
                top as usize + r + 1
            ));
            continue;
        }
        let year = match (table_year, year_column) {
            (Some(year), _) => year,
            (None, Some(c)) => match parse_year(&text_at(Some(c))) {
                Some((year, note)) => {
                    if let Some(note) = note {
                        messages.push(format!("{}: {note}", place_of(r, c)));
                    }
                    year
                }
                None => {
                    messages.push(format!(
                        "{}: \"{}\" ไม่ใช่ปีงบประมาณ จึงอ่านแถวของ \"{raw_name}\" ไม่ได้",
                        place_of(r, c),
                        text_at(Some(c))
                    ));
                    continue;
                }
            },
            (None, None) => unreachable!("a table has a year from its column or its sheet"),
        };
        let district = text_at(header.find(Column::District));
        let province = text_at(header.find(Column::Province));
        let grade = Some(text_at(header.find(Column::Grade))).filter(|g| !g.is_empty());
        rows.push(YearRow {
            key: unit_key(&raw_name, &district, &province),
            unit: UnitName {
                name: display_name(&raw_name),
                district: display_place(&district, &DISTRICT_PREFIXES),
                province: display_place(&province, &PROVINCE_PREFIXES),
            },
            result: YearResult {
                year,
                indicators,
                overall,
                grade,
                source: place_of(r, name_col),
            },
            problems,
        });
    }
    SheetOutcome::Table { rows, messages }
}

/// The first of the top rows that names units and has scores.
fn find_header(range: &Range<Data>) -> Option<Header> {
    for (r, cells) in range.rows().take(HEADER_SEARCH_ROWS).enumerate() {
        let mut columns: Vec<(usize, Column)> = Vec::new();
        for (c, cell) in cells.iter().enumerate() {
            if let Some(column) = classify_header(&cell_text(cell)) {
                // The first of two same-meaning columns wins; later ones are extra text.
                if !columns.iter().any(|(_, seen)| *seen == column) {
                    columns.push((c, column));
                }
            }
        }
        let names_units = columns.iter().any(|(_, c)| *c == Column::Name);
        let has_scores = columns
            .iter()
            .any(|(_, c)| matches!(c, Column::Indicator(_) | Column::Overall));
        if names_units && has_scores {
            return Some(Header { row: r, columns });
        }
    }
    None
}

/// The year of a sheet-per-year table: from the sheet's name, else a title above.
fn year_of_table(
    sheet: &str,
    range: &Range<Data>,
    header_row: usize,
) -> Option<(u16, Option<String>)> {
    if let Some(found) = parse_year(sheet) {
        return Some(found);
    }
    range
        .rows()
        .take(header_row)
        .flat_map(|cells| cells.iter())
        .find_map(|cell| parse_year(&cell_text(cell)))
}
