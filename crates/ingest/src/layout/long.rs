//! The long layout: a row per unit, year and indicator (or item), with its score.

use std::collections::BTreeMap;

use super::scale::is_fraction_column;
use super::scores::{Collecting, YearCells};
use super::{Sheet, SheetOutcome};
use crate::cell::parse_score;
use crate::header::{classify_label, parse_year, Column};
use crate::names::{unit_key, unit_name};

/// The header row: one that names units, what each row scores, and the score.
pub fn header_row(top: &[Vec<(usize, Column)>]) -> Option<usize> {
    top.iter().position(|row| {
        let has = |wanted: Column| row.iter().any(|(_, c)| *c == wanted);
        has(Column::Name) && has(Column::Label) && has(Column::Value)
    })
}

pub fn read(sheet: &Sheet, header: usize, found: &[(usize, Column)]) -> SheetOutcome {
    let find = |wanted: Column| found.iter().find(|(_, c)| *c == wanted).map(|(i, _)| *i);
    let (Some(name_col), Some(label_col), Some(value_col)) =
        (find(Column::Name), find(Column::Label), find(Column::Value))
    else {
        unreachable!("header_row checks these columns");
    };
    let year_col = find(Column::Year);
    let table_year = parse_year(sheet.name).or_else(|| {
        (0..header).find_map(|r| (0..sheet.width()).find_map(|c| parse_year(&sheet.text(r, c))))
    });
    if year_col.is_none() && table_year.is_none() {
        return SheetOutcome::NoTable(
            "พบตารางคะแนนแบบแถวละตัวชี้วัด แต่ไม่ทราบปีงบประมาณ: เพิ่มคอลัมน์ \"ปีงบประมาณ\"".to_string(),
        );
    }
    let mut messages = Vec::new();
    let rows: Vec<usize> = (header + 1..sheet.height())
        .filter(|&r| !sheet.text(r, name_col).is_empty())
        .collect();
    let labelled: Vec<(usize, Option<Column>)> = rows
        .iter()
        .map(|&r| (r, classify_label(&sheet.text(r, label_col), sheet.vocab)))
        .collect();
    let scores: Vec<f64> = labelled
        .iter()
        .filter(|(_, label)| label.as_ref().is_some_and(Column::is_score))
        .filter_map(|&(r, _)| parse_score(sheet.cell(r, value_col)).ok().flatten())
        .collect();
    let fraction = is_fraction_column(&scores);
    if fraction {
        messages.push("คอลัมน์คะแนนเก็บเป็นสัดส่วน (เช่น 0.8715 = 87.15%) จึงคูณ 100".to_string());
    }

    let mut units: BTreeMap<(String, u16), Collecting> = BTreeMap::new();
    let mut year_cells = YearCells::default();
    for (r, label) in labelled {
        let text_of = |c: Option<usize>| c.map(|c| sheet.text(r, c)).unwrap_or_default();
        let Some(label) = label else {
            messages.push(format!(
                "{}: ไม่รู้จัก \"{}\" ว่าเป็นตัวชี้วัดหรือข้อใด จึงข้ามแถวนี้",
                sheet.place(r, label_col),
                sheet.text(r, label_col)
            ));
            continue;
        };
        let year = match year_col.map(|c| year_cells.read(sheet, r, c)) {
            None => table_year.as_ref().map(|(y, _)| *y).expect("checked above"),
            Some(Ok(year)) => year,
            Some(Err(message)) => {
                messages.push(message);
                continue;
            }
        };
        let unit = unit_name(
            &text_of(find(Column::Code)),
            &sheet.text(r, name_col),
            &text_of(find(Column::District)),
            &text_of(find(Column::Province)),
        );
        units
            .entry((unit_key(&unit), year))
            .or_insert_with(|| Collecting::new(unit, year, sheet.place(r, name_col)))
            .take_cell(sheet, r, value_col, &label, fraction);
    }
    messages.extend(year_cells.into_messages());
    SheetOutcome::Table {
        rows: units
            .into_values()
            .filter(Collecting::has_values)
            .map(Collecting::finish)
            .collect(),
        messages,
    }
}
