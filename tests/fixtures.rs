//! The generator of fixtures/: real XLSX (rust_xlsxwriter), ODS (spreadsheet-ods)
//! and CSV (csv, in Thai Windows encoding) files in every layout ingest reads.
//!
//! Regenerate with `just fixtures` (which runs the ignored test below). The tests
//! that are not ignored check that the committed files say what this generator
//! writes.

mod common;
mod fixture_writers;

use std::path::{Path, PathBuf};

use calamine::{open_workbook_auto, Data, Reader};
use fixture_writers::grid::{write_ods, write_xlsx, Cell, GridSheet};
use fixture_writers::layouts::{self, Flavor};
use fixture_writers::nacc_shapes;

type Layout = fn(Flavor) -> Vec<GridSheet>;

/// Every fixture workbook: its path under fixtures/ and the layout it holds.
const WORKBOOKS: [(&str, Layout); 9] = [
    ("chumphon-ita-2564-2565", layouts::sheet_per_year),
    ("layouts/year-column", layouts::year_column),
    ("layouts/merged-years", layouts::merged_years),
    ("layouts/per-unit-report", layouts::per_unit_report),
    ("layouts/long", layouts::long),
    ("layouts/items", layouts::items),
    ("layouts/tool-groups", nacc_shapes::tool_groups),
    ("layouts/year-groups", nacc_shapes::year_groups),
    ("layouts/units-as-columns", nacc_shapes::units_as_columns),
];

/// Provinces as units (the NACC's provincial table): other units than the
/// fixtures' four, so kept out of fixtures/ (which a plain run reads) and written
/// beside the tests, under tests/data/.
const PROVINCES_STEM: &str = "provinces";

/// The unit register beside the exports (XLSX only: two copies would be two
/// registers).
const REGISTER_NAME: &str = "unit-register.xlsx";

/// The long layout again as a CSV saved by Thai Windows (Windows-874).
const CSV_NAME: &str = "layouts/long-windows874.csv";

/// Writes the provinces table into `dir` (tests/data/ when regenerating).
fn write_provinces(dir: &Path) -> Vec<PathBuf> {
    let xlsx = dir.join(format!("{PROVINCES_STEM}.xlsx"));
    write_xlsx(&xlsx, &nacc_shapes::provinces(Flavor::Xlsx));
    let ods = dir.join(format!("{PROVINCES_STEM}.ods"));
    write_ods(&ods, &nacc_shapes::provinces(Flavor::Ods));
    vec![xlsx, ods]
}

fn write_all(dir: &Path) -> Vec<PathBuf> {
    std::fs::create_dir_all(dir.join("layouts")).unwrap();
    let mut written = Vec::new();
    for (stem, layout) in WORKBOOKS {
        let xlsx = dir.join(format!("{stem}.xlsx"));
        write_xlsx(&xlsx, &layout(Flavor::Xlsx));
        let ods = dir.join(format!("{stem}.ods"));
        write_ods(&ods, &layout(Flavor::Ods));
        written.extend([xlsx, ods]);
    }
    let register = dir.join(REGISTER_NAME);
    write_xlsx(&register, &layouts::register(Flavor::Xlsx));
    written.push(register);
    let csv = dir.join(CSV_NAME);
    write_csv(&csv, &layouts::long(Flavor::Xlsx)[0]);
    written.push(csv);
    written
}

fn write_csv(path: &Path, sheet: &GridSheet) {
    let mut writer = csv::Writer::from_writer(Vec::new());
    for row in &sheet.rows {
        let fields: Vec<String> = row
            .iter()
            .map(|cell| match cell {
                Cell::Text(t) => t.clone(),
                Cell::Number(v) => v.to_string(),
                _ => String::new(),
            })
            .collect();
        writer.write_record(&fields).unwrap();
    }
    let text = String::from_utf8(writer.into_inner().unwrap()).unwrap();
    let (bytes, _, unmappable) = encoding_rs::WINDOWS_874.encode(&text);
    assert!(!unmappable, "the fixture's text is all Thai and ASCII");
    std::fs::write(path, bytes).unwrap();
}

/// Every sheet's cells, as calamine reads them (the CSV's bytes as they are).
fn contents(path: &Path) -> Vec<(String, Vec<Vec<Data>>)> {
    if path.extension().is_some_and(|e| e == "csv") {
        let bytes = std::fs::read(path).unwrap();
        return vec![("csv".into(), vec![vec![Data::String(format!("{bytes:?}"))]])];
    }
    let mut workbook =
        open_workbook_auto(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    workbook
        .sheet_names()
        .into_iter()
        .map(|name| {
            let range = workbook.worksheet_range(&name).unwrap();
            (name, range.rows().map(|r| r.to_vec()).collect())
        })
        .collect()
}

#[test]
fn committed_fixtures_say_what_the_generator_writes() {
    let fresh = tempfile::tempdir().unwrap();
    for generated in write_all(fresh.path()) {
        let relative = generated.strip_prefix(fresh.path()).unwrap();
        let committed = common::fixtures().join(relative);
        check_committed(&committed, &generated, relative);
    }
    for generated in write_provinces(fresh.path()) {
        let relative = generated.strip_prefix(fresh.path()).unwrap();
        let committed = common::repo_root().join("tests/data").join(relative);
        check_committed(&committed, &generated, relative);
    }
}

fn check_committed(committed: &Path, generated: &Path, relative: &Path) {
    assert!(
        committed.exists(),
        "{} is missing: run `just fixtures`",
        relative.display()
    );
    assert_eq!(
        contents(committed),
        contents(generated),
        "{} differs from its generator: run `just fixtures`",
        relative.display()
    );
}

#[test]
fn the_ods_fixture_stores_scores_as_thai_digit_text() {
    let sheets = contents(&common::fixtures().join("chumphon-ita-2564-2565.ods"));
    let (name, rows) = &sheets[0];
    assert_eq!(name, "ปีงบประมาณ ๒๕๖๔");
    assert_eq!(rows[2][1], Data::String("เทศบาลตำบลพะโต๊ะ".into()));
    assert_eq!(rows[2][5], Data::String("๘๘.๕๙".into()));
    assert_eq!(rows[2][4], Data::String("๒๕๖๔".into()));
}

#[test]
fn the_percent_and_formula_cells_are_what_a_spreadsheet_stores() {
    let sheets = contents(&common::fixtures().join("layouts/year-column.xlsx"));
    let rows = &sheets[0].1;
    // The reference unit's 2564 row: indicator 9 as a fraction, ITA as a formula's value.
    assert_eq!(rows[3][13], Data::Float(0.96));
    assert_eq!(rows[3][15], Data::Float(88.53));
    let sheets = contents(&common::fixtures().join("layouts/merged-years.ods"));
    assert_eq!(
        sheets[0].1[3][11],
        Data::Float(0.96),
        "ODS percentages read as fractions"
    );
}

/// `just fixtures` runs this to write the files into fixtures/.
#[test]
#[ignore]
fn regenerate_fixtures() {
    write_all(&common::fixtures());
    write_provinces(&common::repo_root().join("tests/data"));
}
