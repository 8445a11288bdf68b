//! The wide layout: a row per unit, a column per indicator, item or total. The
//! year of a column is its own header's year, else the year labelled above it
//! (a merged year header or a title row), else the sheet's name; a year column,
//! where there is one, gives each row's year instead.

use std::collections::BTreeMap;

use super::scale::is_fraction_column;
use super::scores::{Collecting, YearCells};
use super::{Sheet, SheetOutcome};
use crate::cell::parse_score;
use crate::header::{parse_year, Column};
use crate::names::unit_name;

/// The header row: one that names units and has score columns.
pub fn header_row(top: &[Vec<(usize, Column)>]) -> Option<usize> {
    top.iter().position(|row| {
        row.iter().any(|(_, c)| *c == Column::Name) && row.iter().any(|(_, c)| c.is_score())
    })
}

struct HeaderColumn {
    col: usize,
    kind: Column,
    /// The year the header itself, or a label above it, gives.
    year: Option<u16>,
}

pub fn read(sheet: &Sheet, header: usize, found: &[(usize, Column)]) -> SheetOutcome {
    let mut messages = Vec::new();
    let find = |wanted: Column| found.iter().find(|(_, c)| *c == wanted).map(|(i, _)| *i);
    let year_column = find(Column::Year);
    let labelled_above = years_labelled_above(sheet, header);
    let sheet_year = parse_year(sheet.name);
    let mut columns: Vec<HeaderColumn> = Vec::new();
    for (col, kind) in found {
        if !(kind.is_score() || *kind == Column::Grade) {
            continue;
        }
        let own = parse_year(&sheet.text(header, *col));
        if let Some((_, Some(note))) = &own {
            messages.push(format!("{}: {note}", sheet.place(header, *col)));
        }
        let year = own.map(|(y, _)| y).or(if year_column.is_some() {
            None
        } else {
            labelled_above[*col].or(sheet_year.as_ref().map(|(y, _)| *y))
        });
        if columns.iter().any(|c| c.kind == *kind && c.year == year) {
            messages.push(format!(
                "{}: หัวคอลัมน์ \"{}\" ซ้ำกับคอลัมน์ก่อนหน้า จึงใช้คอลัมน์แรก",
                sheet.place(header, *col),
                kind.describe()
            ));
            continue;
        }
        columns.push(HeaderColumn {
            col: *col,
            kind: kind.clone(),
            year,
        });
    }
    if year_column.is_none()
        && columns
            .iter()
            .any(|c| c.kind.is_score() && c.year.is_none())
    {
        return SheetOutcome::NoTable(
            "พบตารางคะแนนแต่ไม่ทราบว่าเป็นปีงบประมาณใด: ใส่ปีไว้ในชื่อชีต ในหัวเรื่องเหนือตาราง หรือในคอลัมน์ \"ปีงบประมาณ\"".to_string(),
        );
    }
    if let Some((_, Some(note))) = &sheet_year {
        messages.push(format!("ชื่อชีต: {note}"));
    }

    // First pass: every score cell parsed, so that each column's scale is known.
    let name_col = find(Column::Name).expect("a wide header has a name column");
    let data_rows: Vec<usize> = (header + 1..sheet.height())
        .filter(|&r| !sheet.text(r, name_col).is_empty())
        .collect();
    let mut fraction = BTreeMap::new();
    for column in columns.iter().filter(|c| c.kind.is_score()) {
        let values: Vec<f64> = data_rows
            .iter()
            .filter_map(|&r| parse_score(sheet.cell(r, column.col)).ok().flatten())
            .collect();
        let is_fraction = is_fraction_column(&values);
        if is_fraction {
            let year = column.year.map(|y| format!(" ปี {y}")).unwrap_or_default();
            messages.push(format!(
                "คอลัมน์ \"{}\"{year} เก็บเป็นสัดส่วน (เช่น 0.8715 = 87.15%) จึงคูณ 100",
                sheet.text(header, column.col)
            ));
        }
        fraction.insert(column.col, is_fraction);
    }

    let mut rows = Vec::new();
    let mut year_cells = YearCells::default();
    for &r in &data_rows {
        let raw_name = sheet.text(r, name_col);
        let text_of = |c: Option<usize>| c.map(|c| sheet.text(r, c)).unwrap_or_default();
        let unit = unit_name(
            &text_of(find(Column::Code)),
            &raw_name,
            &text_of(find(Column::District)),
            &text_of(find(Column::Province)),
        );
        let row_year = match year_column.map(|c| year_cells.read(sheet, r, c)) {
            None => None,
            Some(Ok(year)) => Some(year),
            Some(Err(message)) => {
                messages.push(message);
                continue;
            }
        };
        let mut by_year: BTreeMap<u16, Collecting> = BTreeMap::new();
        for column in &columns {
            let Some(year) = column.year.or(row_year) else {
                continue;
            };
            by_year
                .entry(year)
                .or_insert_with(|| Collecting::new(unit.clone(), year, sheet.place(r, name_col)))
                .take_cell(
                    sheet,
                    r,
                    column.col,
                    &column.kind,
                    fraction.get(&column.col) == Some(&true),
                );
        }
        let found_any = by_year.values().any(Collecting::has_values);
        if !found_any {
            messages.push(format!(
                "แถวที่ {} (\"{raw_name}\") ไม่มีคะแนนใด ๆ จึงไม่นับเป็นหน่วยงาน",
                sheet.row_number(r)
            ));
            continue;
        }
        rows.extend(
            by_year
                .into_values()
                .filter(Collecting::has_values)
                .map(Collecting::finish),
        );
    }
    messages.extend(year_cells.into_messages());
    SheetOutcome::Table { rows, messages }
}

/// For each column, the year labelled in the nearest row above the header that
/// has one; a label covers the columns to its right until the next label (that
/// is how a merged year header reads, its covered cells being empty).
fn years_labelled_above(sheet: &Sheet, header: usize) -> Vec<Option<u16>> {
    let width = sheet.width();
    for r in (0..header).rev() {
        let labels: Vec<Option<u16>> = (0..width)
            .map(|c| parse_year(&sheet.text(r, c)).map(|(y, _)| y))
            .collect();
        if labels.iter().any(Option::is_some) {
            let mut carried = None;
            return labels
                .into_iter()
                .map(|label| {
                    carried = label.or(carried);
                    carried
                })
                .collect();
        }
    }
    vec![None; width]
}
