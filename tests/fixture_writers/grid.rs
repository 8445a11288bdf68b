//! A sheet described once as a grid of cells, written by two real writers:
//! rust_xlsxwriter for .xlsx, spreadsheet-ods for .ods.

use std::path::Path;

pub enum Cell {
    Empty,
    Text(String),
    Number(f64),
    /// A fraction shown as a percentage (0.8715 shown as 87.15%).
    Percent(f64),
    /// A formula with the value a spreadsheet program cached for it.
    Formula {
        formula: String,
        value: f64,
    },
    /// Text across `span` columns, merged.
    Merged {
        text: String,
        span: u16,
    },
    /// Text over a block of `rows` by `cols` cells, merged (a name cell over the
    /// two header rows, a province over its two years).
    Block {
        text: String,
        rows: u16,
        cols: u16,
    },
}

pub fn text(s: impl Into<String>) -> Cell {
    Cell::Text(s.into())
}

pub struct GridSheet {
    pub name: String,
    pub rows: Vec<Vec<Cell>>,
}

pub fn write_xlsx(path: &Path, sheets: &[GridSheet]) {
    use rust_xlsxwriter::{DocProperties, ExcelDateTime, Format, Formula, Workbook};
    let mut workbook = Workbook::new();
    // A fixed creation time keeps regenerated files identical.
    let fixed = ExcelDateTime::from_ymd(2023, 1, 1).unwrap();
    workbook.set_properties(&DocProperties::new().set_creation_datetime(&fixed));
    let percent = Format::new().set_num_format("0.00%");
    let plain = Format::new();
    for grid in sheets {
        let sheet = workbook.add_worksheet();
        sheet.set_name(&grid.name).unwrap();
        for (r, row) in grid.rows.iter().enumerate() {
            for (c, cell) in row.iter().enumerate() {
                let (r, c) = (r as u32, c as u16);
                match cell {
                    Cell::Empty => {}
                    Cell::Text(t) => {
                        sheet.write_string(r, c, t).unwrap();
                    }
                    Cell::Number(v) => {
                        sheet.write_number(r, c, *v).unwrap();
                    }
                    Cell::Percent(v) => {
                        sheet.write_number_with_format(r, c, *v, &percent).unwrap();
                    }
                    Cell::Formula { formula, value } => {
                        let f = Formula::new(formula).set_result(value.to_string());
                        sheet.write_formula(r, c, f).unwrap();
                    }
                    Cell::Merged { text, span } => {
                        sheet
                            .merge_range(r, c, r, c + span - 1, text, &plain)
                            .unwrap();
                    }
                    // A block of one cell is no merge (the writer refuses it).
                    Cell::Block { text, .. } if rows_and_cols_are_one(cell) => {
                        sheet.write_string(r, c, text).unwrap();
                    }
                    Cell::Block { text, rows, cols } => {
                        let (bottom, right) = (r + u32::from(*rows) - 1, c + cols - 1);
                        sheet
                            .merge_range(r, c, bottom, right, text, &plain)
                            .unwrap();
                    }
                }
            }
        }
    }
    workbook.save(path).unwrap();
}

fn rows_and_cols_are_one(cell: &Cell) -> bool {
    matches!(
        cell,
        Cell::Block {
            rows: 1,
            cols: 1,
            ..
        }
    )
}

pub fn write_ods(path: &Path, sheets: &[GridSheet]) {
    use spreadsheet_ods::{Sheet, Value, WorkBook};
    let mut book = WorkBook::new_empty();
    for grid in sheets {
        let mut sheet = Sheet::new(&grid.name);
        for (r, row) in grid.rows.iter().enumerate() {
            for (c, cell) in row.iter().enumerate() {
                let (r, c) = (r as u32, c as u32);
                match cell {
                    Cell::Empty => {}
                    Cell::Text(t) => sheet.set_value(r, c, t.as_str()),
                    Cell::Number(v) => sheet.set_value(r, c, *v),
                    Cell::Percent(v) => sheet.set_value(r, c, Value::Percentage(*v)),
                    Cell::Formula { formula, value } => {
                        sheet.set_value(r, c, *value);
                        sheet.set_formula(r, c, format!("of:{formula}"));
                    }
                    Cell::Merged { text, span } => {
                        sheet.set_value(r, c, text.as_str());
                        sheet.set_col_span(r, c, u32::from(*span));
                    }
                    Cell::Block { text, rows, cols } => {
                        sheet.set_value(r, c, text.as_str());
                        sheet.set_row_span(r, c, u32::from(*rows));
                        sheet.set_col_span(r, c, u32::from(*cols));
                    }
                }
            }
        }
        book.push_sheet(sheet);
    }
    spreadsheet_ods::write_ods(&mut book, path).unwrap();
}
