//! Every layout an office receives gives the same memos as the tidy export: the
//! binary run on each fixture alone, each unit's memo read back and compared.

mod common;
mod fixture_writers;

use std::path::Path;

use common::fixture_data::UNITS;
use common::{docx_text, fixtures, run_into, stdout};

/// Runs the binary on one file; the memos' texts by unit, and the report.
fn memos_of(input: &Path) -> (Vec<(String, String)>, String) {
    let names: Vec<String> = UNITS.iter().map(|u| u.name.to_string()).collect();
    memos_named(input, &names)
}

/// Runs the binary on one file or folder; the memos of the units `names`.
fn memos_named(input: &Path, names: &[String]) -> (Vec<(String, String)>, String) {
    let (out, output) = run_into(&[input], &[]);
    let report = stdout(&output);
    assert_eq!(
        output.status.code(),
        Some(0),
        "{}:\n{report}",
        input.display()
    );
    let texts = names
        .iter()
        .map(|name| {
            let path = out.path().join(format!("{name}.docx"));
            assert!(
                path.exists(),
                "{}: no memo for {name}:\n{report}",
                input.display(),
            );
            (name.clone(), docx_text(&path))
        })
        .collect();
    (texts, report)
}

/// The memo without section 3, which item scores (where a layout has them) make
/// more precise; every other part must not change with the layout.
fn without_recommendations(memo: &str) -> String {
    match (memo.find("\n๓. ข้อเสนอแนะ"), memo.find("\n๔. มาตรการ"))
    {
        (Some(a), Some(b)) => format!("{}{}", &memo[..a], &memo[b..]),
        _ => panic!("a memo has sections 3 and 4:\n{memo}"),
    }
}

fn assert_same_memos_as_the_tidy_export(layout: &str) {
    let (expected, _) = memos_of(&fixtures().join("chumphon-ita-2564-2565.xlsx"));
    for ending in ["xlsx", "ods"] {
        let file = fixtures().join(format!("layouts/{layout}.{ending}"));
        let (memos, report) = memos_of(&file);
        for ((unit, want), (_, got)) in expected.iter().zip(&memos) {
            assert_eq!(
                without_recommendations(got),
                without_recommendations(want),
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
    for ((_, want), (unit, got)) in expected.iter().zip(&memos) {
        assert_eq!(
            without_recommendations(got),
            without_recommendations(want),
            "the Windows-874 CSV: {unit}"
        );
    }
    assert!(report.contains("Windows-874"), "{report}");
}

#[test]
fn two_header_rows_with_tools_merged_over_their_indicators() {
    assert_same_memos_as_the_tidy_export("tool-groups");
}

#[test]
fn two_header_rows_with_years_merged_over_their_indicators() {
    assert_same_memos_as_the_tidy_export("year-groups");
}

#[test]
fn units_as_columns_sorted_by_score_with_weighted_tool_totals() {
    assert_same_memos_as_the_tidy_export("units-as-columns");
    let (_, report) = memos_of(&fixtures().join("layouts/units-as-columns.xlsx"));
    assert!(
        !report.contains("ไม่ตรงกับค่าเฉลี่ย"),
        "the weighted tool totals agree with the indicators:\n{report}"
    );
}

#[test]
fn provinces_as_units_two_rows_each_under_a_merged_province() {
    use fixture_writers::grid::write_xlsx;
    use fixture_writers::nacc_shapes::{provinces_tidy, PROVINCES};
    let tidy = tempfile::tempdir().unwrap();
    let tidy_file = tidy.path().join("provinces-tidy.xlsx");
    write_xlsx(&tidy_file, &provinces_tidy());
    let names: Vec<String> = PROVINCES.iter().map(|p| format!("จังหวัด{p}")).collect();
    let (expected, _) = memos_named(&tidy_file, &names);
    for ending in ["xlsx", "ods"] {
        let file = common::repo_root().join(format!("tests/data/provinces.{ending}"));
        let (memos, report) = memos_named(&file, &names);
        for ((unit, want), (_, got)) in expected.iter().zip(&memos) {
            assert_eq!(
                without_recommendations(got),
                without_recommendations(want),
                "provinces.{ending}: {unit}'s memo differs\n{report}"
            );
        }
    }
}

#[test]
fn item_scores_beside_the_indicators() {
    assert_same_memos_as_the_tidy_export("items");
}

#[test]
fn item_scores_make_the_recommendations_cite_the_units_own_items() {
    let (memos, _) = memos_of(&fixtures().join("layouts/items.ods"));
    let reference = &memos[0].1;
    let advice = &reference
        [reference.find("\n๓. ข้อเสนอแนะ").unwrap()..reference.find("\n๔. มาตรการ").unwrap()];
    // Indicator 4's three lowest items, below 80, with their scores (73.75 +/- the
    // fixture's spread): i19 67.75, i22 69.75, i23 74.75; i20 (76.75) is the fourth.
    assert!(advice.contains("\nตัวชี้วัดที่ ๔ การใช้ทรัพย์สินของราชการ\nข้อ i๑๙ (ได้ ๖๗.๗๕ คะแนน) ข้อ i๒๒ (ได้ ๖๙.๗๕ คะแนน) ข้อ i๒๓ (ได้ ๗๔.๗๕ คะแนน) "), "{advice}");
    assert!(!advice.contains("i๒๐"), "only the three lowest are cited");
    // e6 has a text of its own in the catalog; e9 and e10 below it.
    assert!(
        advice.contains("\nข้อ e๖ (ได้ ๗๑.๓๓ คะแนน) เผยแพร่ข้อมูลข่าวสารของหน่วยงานผ่านหลายช่องทาง"),
        "{advice}"
    );
    assert!(
        advice.contains("\nข้อ e๑๐ (ได้ ๗๘.๓๓ คะแนน) เผยแพร่ช่องทางร้องเรียน"),
        "{advice}"
    );
    // OIT: indicator 9 is unchanged at 96, but its unmet item o30 is cited.
    assert!(
        advice.contains("\nตัวชี้วัดที่ ๙ การเปิดเผยข้อมูล\nข้อ o๓๐ (ยังไม่ผ่าน) จัดช่องทางแจ้งเรื่องร้องเรียนการทุจริต"),
        "{advice}"
    );
    assert!(!advice.contains("o๔๒"), "met items are not cited");
    // Without items, the same memo recommends by indicator.
    let (tidy, _) = memos_of(&fixtures().join("chumphon-ita-2564-2565.xlsx"));
    assert!(!tidy[0].1.contains("ข้อ i๑๙"));
    assert!(tidy[0]
        .1
        .contains("\nตัวชี้วัดที่ ๔ การใช้ทรัพย์สินของราชการ: จัดทำคู่มือ"));
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
