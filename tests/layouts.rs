//! Every layout an office receives gives the same memos as the tidy export: the
//! binary run on each fixture alone, each unit's memo read back and compared.

mod common;
mod fixture_writers;

use std::path::Path;

use common::fixture_data::UNITS;
use common::{docx_text, fixtures, run_into, stdout};

/// Runs the binary on one file; the memos' texts by unit, and the report.
fn memos_of(input: &Path) -> (Vec<(String, String)>, String) {
    let (out, output) = run_into(&[input], &[]);
    let report = stdout(&output);
    assert_eq!(
        output.status.code(),
        Some(0),
        "{}:\n{report}",
        input.display()
    );
    let texts = UNITS
        .iter()
        .map(|u| {
            let path = out.path().join(format!("{}.docx", u.name));
            assert!(
                path.exists(),
                "{}: no memo for {}:\n{report}",
                input.display(),
                u.name
            );
            (u.name.to_string(), docx_text(&path))
        })
        .collect();
    (texts, report)
}

fn assert_same_memos_as_the_tidy_export(layout: &str) {
    let (expected, _) = memos_of(&fixtures().join("chumphon-ita-2564-2565.xlsx"));
    for ending in ["xlsx", "ods"] {
        let file = fixtures().join(format!("layouts/{layout}.{ending}"));
        let (memos, report) = memos_of(&file);
        for ((unit, want), (_, got)) in expected.iter().zip(&memos) {
            assert_eq!(
                got, want,
                "{layout}.{ending}: {unit}'s memo differs\n{report}"
            );
        }
    }
}

#[test]
fn one_sheet_with_a_year_column_and_messy_headers() {
    assert_same_memos_as_the_tidy_export("year-column");
}

#[test]
fn a_group_of_columns_per_year_under_a_merged_header() {
    assert_same_memos_as_the_tidy_export("merged-years");
}

#[test]
fn a_report_per_unit_with_indicators_as_rows() {
    assert_same_memos_as_the_tidy_export("per-unit-report");
}

#[test]
fn a_row_per_unit_year_and_indicator() {
    assert_same_memos_as_the_tidy_export("long");
    let (expected, _) = memos_of(&fixtures().join("chumphon-ita-2564-2565.xlsx"));
    let (memos, report) = memos_of(&fixtures().join("layouts/long-windows874.csv"));
    assert_eq!(memos, expected, "the Windows-874 CSV");
    assert!(report.contains("Windows-874"), "{report}");
}

#[test]
fn item_scores_beside_the_indicators() {
    assert_same_memos_as_the_tidy_export("items");
}

#[test]
fn a_unit_split_over_two_files_is_one_unit() {
    use fixture_writers::grid::{write_ods, write_xlsx};
    use fixture_writers::layouts::{sheet_per_year, Flavor};
    let dir = tempfile::tempdir().unwrap();
    write_xlsx(
        &dir.path().join("2564.xlsx"),
        &sheet_per_year(Flavor::Xlsx)[..1],
    );
    write_ods(
        &dir.path().join("2565.ods"),
        &sheet_per_year(Flavor::Ods)[1..],
    );
    let (expected, _) = memos_of(&fixtures().join("chumphon-ita-2564-2565.xlsx"));
    let (memos, report) = memos_of(dir.path());
    assert_eq!(memos, expected, "{report}");
}

#[test]
fn an_excel_97_file_saved_by_libreoffice() {
    let (expected, _) = memos_of(&fixtures().join("chumphon-ita-2564-2565.xlsx"));
    let (memos, _) = memos_of(&fixtures().join("layouts/sheet-per-year.xls"));
    assert_eq!(memos, expected);
}

#[test]
fn percent_cells_and_ce_years_are_read_and_said() {
    let (_, report) = memos_of(&fixtures().join("layouts/year-column.xlsx"));
    assert!(
        report.contains("คอลัมน์ \"ตัวชี้วัดที่ 9\" เก็บเป็นสัดส่วน (เช่น 0.8715 = 87.15%) จึงคูณ 100"),
        "{report}"
    );
    assert!(
        report.contains("ปี 2021 เป็นปี ค.ศ. จึงอ่านเป็นปีงบประมาณ พ.ศ. 2564 (ครั้งแรกที่ "),
        "{report}"
    );
    assert!(
        report.contains("year-column.xlsx, ชีต \"ผล ITA\", เซลล์ E4)"),
        "{report}"
    );
    let (_, report) = memos_of(&fixtures().join("layouts/merged-years.ods"));
    assert!(
        report.contains("คอลัมน์ \"ตัวชี้วัดที่ ๙\" ปี 2565 เก็บเป็นสัดส่วน"),
        "{report}"
    );
}

#[test]
fn every_layout_together_is_one_batch_of_four_units() {
    let (_out, output) = run_into(&[&fixtures().join("layouts")], &[]);
    let report = stdout(&output);
    assert_eq!(output.status.code(), Some(0), "{report}");
    assert!(report.contains("หน่วยงานที่พบ: 4"), "{report}");
    assert!(report.contains("คะแนนปี 2565 ชุดเดียวกันพบทั้งที่"), "{report}");
}
