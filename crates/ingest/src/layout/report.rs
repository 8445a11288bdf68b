//! The per-unit report: indicators as rows, years as columns, the unit named in a
//! title above the table (or by the sheet's name), one unit per sheet.

use super::scale::is_fraction_column;
use super::scores::Collecting;
use super::{Sheet, SheetOutcome};
use crate::cell::parse_score;
use crate::header::{classify_header, classify_label, parse_year, Column};
use crate::names::{unit_in_text, unit_name};

/// How far down and across a report's table is looked for.
const SEARCH_ROWS: usize = 60;
const SEARCH_COLS: usize = 30;
/// A column of row labels names at least this many indicators.
const MIN_INDICATOR_LABELS: usize = 3;

pub struct Found {
    label_col: usize,
    header: usize,
    /// (column, year) of each year's scores.
    years: Vec<(usize, u16)>,
}

pub fn find(sheet: &Sheet) -> Option<Found> {
    let rows = sheet.height().min(SEARCH_ROWS);
    let cols = sheet.width().min(SEARCH_COLS);
    let label_col = (0..cols)
        .map(|c| {
            let labels: Vec<Column> = (0..rows)
                .filter_map(|r| classify_label(&sheet.text(r, c), sheet.vocab))
                .collect();
            let indicators = labels
                .iter()
                .filter(|l| matches!(l, Column::Indicator(_)))
                .count();
            let totals = labels
                .iter()
                .filter(|l| matches!(l, Column::Overall | Column::Grade))
                .count();
            (c, indicators, indicators + 2 * totals)
        })
        .filter(|(_, indicators, _)| *indicators >= MIN_INDICATOR_LABELS)
        .max_by_key(|(c, _, weight)| (*weight, usize::MAX - c))?
        .0;
    let first_label = (0..rows).find(|&r| {
        matches!(
            classify_label(&sheet.text(r, label_col), sheet.vocab),
            Some(Column::Indicator(_))
        )
    })?;
    (0..first_label).rev().find_map(|header| {
        let years: Vec<(usize, u16)> = (label_col + 1..sheet.width())
            .filter_map(|c| parse_year(&sheet.text(header, c)).map(|(y, _)| (c, y)))
            .collect();
        (!years.is_empty()).then_some(Found {
            label_col,
            header,
            years,
        })
    })
}

pub fn read(sheet: &Sheet, found: Found) -> SheetOutcome {
    let Some(unit) = unit_of(sheet, found.header) else {
        return SheetOutcome::NoTable(
            "พบตารางคะแนนแบบรายงานของหน่วยงานเดียว แต่ไม่พบชื่อหน่วยงานในหัวเรื่องเหนือตารางหรือในชื่อชีต"
                .to_string(),
        );
    };
    let mut messages = Vec::new();
    let labelled: Vec<(usize, Column)> = (found.header + 1..sheet.height())
        .filter_map(|r| {
            classify_label(&sheet.text(r, found.label_col), sheet.vocab).map(|l| (r, l))
        })
        .collect();
    let mut rows = Vec::new();
    for &(col, year) in &found.years {
        let values: Vec<f64> = labelled
            .iter()
            .filter(|(_, l)| l.is_score())
            .filter_map(|&(r, _)| parse_score(sheet.cell(r, col)).ok().flatten())
            .collect();
        let fraction = is_fraction_column(&values);
        if fraction {
            messages.push(format!(
                "คอลัมน์ปี {year} เก็บเป็นสัดส่วน (เช่น 0.8715 = 87.15%) จึงคูณ 100"
            ));
        }
        let mut collecting = Collecting::new(unit.clone(), year, sheet.place(found.header, col));
        for (r, label) in &labelled {
            collecting.take_cell(sheet, *r, col, label, fraction);
        }
        if collecting.has_values() {
            rows.push(collecting.finish());
        }
    }
    SheetOutcome::Table { rows, messages }
}

/// The unit this report is about: a title above the table, a "ชื่อหน่วยงาน" label
/// with its value beside it, or the sheet's name.
fn unit_of(sheet: &Sheet, header: usize) -> Option<itamemo_model::UnitName> {
    let (mut name, mut district, mut province) = (None, None, None);
    let mut code = String::new();
    for r in 0..header {
        for c in 0..sheet.width() {
            let text = sheet.text(r, c);
            if text.is_empty() {
                continue;
            }
            let beside = || sheet.text(r, c + 1);
            match classify_header(&text, sheet.vocab) {
                Some(Column::Name) => name = name.or(Some(beside())),
                Some(Column::District) => district = district.or(Some(beside())),
                Some(Column::Province) => province = province.or(Some(beside())),
                Some(Column::Code) => code = beside(),
                _ => {
                    let (n, d, p) = unit_in_text(&text);
                    name = name.or(n);
                    district = district.or(d);
                    province = province.or(p);
                }
            }
        }
    }
    let name = name
        .filter(|n| !n.is_empty())
        .or_else(|| unit_in_text(sheet.name).0)?;
    Some(unit_name(
        &code,
        &name,
        &district.unwrap_or_default(),
        &province.unwrap_or_default(),
    ))
}
