//! The generator of fixtures/: real XLSX (rust_xlsxwriter) and ODS (spreadsheet-ods)
//! files in the wide layout, one sheet per fiscal year.
//!
//! Regenerate with `just fixtures` (which runs the ignored test below). The test that
//! is not ignored checks that the committed files say what this generator writes.

mod common;

use std::path::Path;

use calamine::{open_workbook_auto, Data, Reader};
use common::fixture_data::{FixtureUnit, UNITS, YEARS};
use itamemo_model::thai::to_thai_digits;

pub const XLSX_NAME: &str = "chumphon-ita-2564-2565.xlsx";
pub const ODS_NAME: &str = "chumphon-ita-2564-2565.ods";

fn units_of(
    year: u16,
) -> impl Iterator<
    Item = (
        &'static FixtureUnit,
        &'static common::fixture_data::FixtureYear,
    ),
> {
    UNITS
        .iter()
        .filter_map(move |u| u.years.iter().find(|y| y.year == year).map(|y| (u, y)))
}

/// The tidy export: a header in the first row, scores as numbers.
fn write_xlsx(path: &Path) {
    use rust_xlsxwriter::{DocProperties, ExcelDateTime, Workbook};
    let mut workbook = Workbook::new();
    let fixed = ExcelDateTime::from_ymd(2023, 1, 1).unwrap();
    workbook.set_properties(&DocProperties::new().set_creation_datetime(&fixed));
    for year in YEARS {
        let sheet = workbook.add_worksheet();
        sheet.set_name(format!("ITA {year}")).unwrap();
        let mut header = vec![
            "ลำดับ".to_string(),
            "ชื่อหน่วยงาน".into(),
            "อำเภอ".into(),
            "จังหวัด".into(),
        ];
        header.extend((1..=10).map(|n| format!("ตัวชี้วัดที่ {n}")));
        header.extend(["คะแนน ITA".to_string(), "ระดับ".into()]);
        for (col, text) in header.iter().enumerate() {
            sheet.write_string(0, col as u16, text).unwrap();
        }
        for (k, (unit, result)) in units_of(year).enumerate() {
            let row = k as u32 + 1;
            sheet.write_number(row, 0, (k + 1) as f64).unwrap();
            sheet.write_string(row, 1, unit.name).unwrap();
            sheet.write_string(row, 2, unit.district).unwrap();
            sheet.write_string(row, 3, unit.province).unwrap();
            for (i, score) in result.indicators.iter().enumerate() {
                sheet.write_number(row, 4 + i as u16, *score).unwrap();
            }
            sheet.write_number(row, 14, result.overall).unwrap();
            sheet.write_string(row, 15, result.grade).unwrap();
        }
    }
    workbook.save(path).unwrap();
}

/// The messy export: a title row above the header, Thai digits everywhere, scores
/// and years stored as text, "อำเภอ" typed with sara am as two code points.
fn write_ods(path: &Path) {
    use spreadsheet_ods::{Sheet, WorkBook};
    let thai_score = |v: f64| {
        if v == 100.0 {
            to_thai_digits("100")
        } else {
            to_thai_digits(&format!("{v:.2}"))
        }
    };
    let mut book = WorkBook::new_empty();
    for year in YEARS {
        let thai_year = to_thai_digits(&year.to_string());
        let mut sheet = Sheet::new(format!("ปีงบประมาณ {thai_year}"));
        sheet.set_value(
            0,
            0,
            format!("ผลการประเมินคุณธรรมและความโปร่งใส (ITA) ปีงบประมาณ พ.ศ. {thai_year}"),
        );
        let mut header = vec![
            "ลำดับ".to_string(),
            "ชื่อหน่วยงาน".into(),
            "อ\u{0E4D}\u{0E32}เภอ".into(),
            "จังหวัด".into(),
            "ปีงบประมาณ".into(),
        ];
        header.extend((1..=10).map(|n| to_thai_digits(&format!("ตัวชี้วัดที่ {n}"))));
        header.extend(["คะแนน ITA".to_string(), "ระดับ".into()]);
        for (col, text) in header.into_iter().enumerate() {
            sheet.set_value(1, col as u32, text);
        }
        for (k, (unit, result)) in units_of(year).enumerate() {
            let row = k as u32 + 2;
            sheet.set_value(row, 0, to_thai_digits(&(k + 1).to_string()));
            sheet.set_value(row, 1, unit.name);
            sheet.set_value(row, 2, unit.district);
            sheet.set_value(row, 3, unit.province);
            sheet.set_value(row, 4, thai_year.clone());
            for (i, score) in result.indicators.iter().enumerate() {
                sheet.set_value(row, 5 + i as u32, thai_score(*score));
            }
            sheet.set_value(row, 15, thai_score(result.overall));
            sheet.set_value(row, 16, result.grade);
        }
        book.push_sheet(sheet);
    }
    spreadsheet_ods::write_ods(&mut book, path).unwrap();
}

pub fn write_all(dir: &Path) {
    write_xlsx(&dir.join(XLSX_NAME));
    write_ods(&dir.join(ODS_NAME));
}

/// Every sheet's cells, as calamine reads them.
fn cells(path: &Path) -> Vec<(String, Vec<Vec<Data>>)> {
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
    write_all(fresh.path());
    for name in [XLSX_NAME, ODS_NAME] {
        let committed = common::fixtures().join(name);
        assert!(
            committed.exists(),
            "{name} is missing from fixtures/: run `just fixtures`"
        );
        assert_eq!(
            cells(&committed),
            cells(&fresh.path().join(name)),
            "fixtures/{name} differs from its generator: run `just fixtures`"
        );
    }
}

#[test]
fn the_ods_fixture_stores_scores_as_thai_digit_text() {
    let sheets = cells(&common::fixtures().join(ODS_NAME));
    let (name, rows) = &sheets[0];
    assert_eq!(name, "ปีงบประมาณ ๒๕๖๔");
    assert_eq!(rows[2][1], Data::String("เทศบาลตำบลพะโต๊ะ".into()));
    assert_eq!(rows[2][5], Data::String("๘๘.๕๙".into()));
    assert_eq!(rows[2][4], Data::String("๒๕๖๔".into()));
}

/// `just fixtures` runs this to write the files into fixtures/.
#[test]
#[ignore]
fn regenerate_fixtures() {
    write_all(&common::fixtures());
}
