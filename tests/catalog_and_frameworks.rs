//! The catalog an office edits, the frameworks of each year, the threshold: what
//! a user changes, and what the memo says then.

mod common;

use std::path::Path;
use std::process::Command;

use common::{docx_text, fixtures, run_into, stdout};

const REFERENCE: &str = "เทศบาลตำบลพะโต๊ะ";
const Y2565: [f64; 10] = [
    90.14, 80.06, 80.70, 73.75, 78.93, 82.59, 77.33, 77.41, 96.0, 100.0,
];

fn tidy() -> std::path::PathBuf {
    fixtures().join("chumphon-ita-2564-2565.xlsx")
}

/// The default catalog as `itamemo catalog FILE` writes it, in `dir`.
fn write_catalog(dir: &Path) -> std::path::PathBuf {
    let file = dir.join("catalog.toml");
    let output = Command::new(env!("CARGO_BIN_EXE_itamemo"))
        .arg("catalog")
        .arg(&file)
        .output()
        .unwrap();
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    assert!(
        stdout(&output).contains("--catalog"),
        "it says how to use the file"
    );
    file
}

fn edit(file: &Path, from: &str, to: &str) {
    let text = std::fs::read_to_string(file).unwrap();
    assert!(text.contains(from), "the catalog has {from:?}");
    std::fs::write(file, text.replacen(from, to, 1)).unwrap();
}

/// A workbook of the reference unit's scores, one sheet per given year.
fn reference_years(path: &Path, years: &[(u16, f64, &str)]) {
    let mut book = rust_xlsxwriter::Workbook::new();
    for (year, overall, grade) in years {
        let sheet = book
            .add_worksheet()
            .set_name(format!("ITA {year}"))
            .unwrap();
        common::write_wide_header(sheet, true);
        sheet.write_string(1, 0, REFERENCE).unwrap();
        sheet.write_string(1, 1, "พะโต๊ะ").unwrap();
        sheet.write_string(1, 2, "ชุมพร").unwrap();
        for (i, v) in Y2565.iter().enumerate() {
            sheet.write_number(1, 3 + i as u16, *v).unwrap();
        }
        sheet.write_number(1, 13, *overall).unwrap();
        sheet.write_string(1, 14, *grade).unwrap();
    }
    book.save(path).unwrap();
}

#[test]
fn an_edited_catalog_changes_the_memo() {
    let dir = tempfile::tempdir().unwrap();
    let catalog = write_catalog(dir.path());
    edit(
        &catalog,
        "จัดทำมาตรการส่งเสริมคุณธรรมและความโปร่งใสภายในหน่วยงานจากผลการวิเคราะห์นี้",
        "ประชุมประจำเดือนตามระเบียบของเทศบาล",
    );
    let (out, output) = run_into(&[&tidy()], &["--catalog", &catalog.display().to_string()]);
    assert_eq!(output.status.code(), Some(0), "{}", stdout(&output));
    let memo = docx_text(&out.path().join(format!("{REFERENCE}.docx")));
    assert!(
        memo.contains("\n๑. ประชุมประจำเดือนตามระเบียบของเทศบาล"),
        "{memo}"
    );
    assert!(!memo.contains("จัดทำมาตรการส่งเสริมคุณธรรมและความโปร่งใสภายในหน่วยงานจากผลการวิเคราะห์นี้"));
}

#[test]
fn an_existing_catalog_file_is_not_overwritten() {
    let dir = tempfile::tempdir().unwrap();
    let catalog = write_catalog(dir.path());
    std::fs::write(&catalog, "# mine").unwrap();
    let output = Command::new(env!("CARGO_BIN_EXE_itamemo"))
        .arg("catalog")
        .arg(&catalog)
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&output.stderr).contains("อยู่แล้ว จึงไม่เขียนทับ"));
    assert_eq!(std::fs::read_to_string(&catalog).unwrap(), "# mine");
}

#[test]
fn a_broken_catalog_is_refused_with_its_line() {
    let dir = tempfile::tempdir().unwrap();
    let catalog = write_catalog(dir.path());
    edit(&catalog, "indicators = [10]", "indicators = [11]");
    let text = std::fs::read_to_string(&catalog).unwrap();
    let line = text[..text.find("indicators = [11]").unwrap()]
        .matches('\n')
        .count()
        + 1;
    let (out, output) = run_into(&[&tidy()], &["--catalog", &catalog.display().to_string()]);
    assert_eq!(output.status.code(), Some(2));
    let said = String::from_utf8_lossy(&output.stderr);
    assert!(
        said.contains(&format!(
            "catalog.toml: บรรทัด {line}: ไม่มีตัวชี้วัดที่ 11 ในกรอบการประเมิน"
        )),
        "{said}"
    );
    assert_eq!(
        std::fs::read_dir(out.path()).unwrap().count(),
        0,
        "nothing written"
    );
}

#[test]
fn a_weakness_the_catalog_has_no_measure_for_is_reported() {
    let dir = tempfile::tempdir().unwrap();
    let catalog = write_catalog(dir.path());
    edit(&catalog, "indicators = [4]", "indicators = []");
    let (_, output) = run_into(&[&tidy()], &["--catalog", &catalog.display().to_string()]);
    let report = stdout(&output);
    assert!(
        report.contains("ตัวชี้วัดที่ 4 การใช้ทรัพย์สินของราชการ ต้องปรับปรุง แต่ catalog ไม่มีมาตรการที่ตอบตัวชี้วัดนี้"),
        "{report}"
    );
}

#[test]
fn each_year_is_rated_on_its_own_scale() {
    let dir = tempfile::tempdir().unwrap();
    reference_years(
        &dir.path().join("ita.xlsx"),
        &[(2565, 87.15, "A"), (2566, 87.15, "ผ่าน")],
    );
    let (out, output) = run_into(&[dir.path()], &[]);
    assert_eq!(output.status.code(), Some(0), "{}", stdout(&output));
    let memo = docx_text(&out.path().join(format!("{REFERENCE}.docx")));
    assert!(
        memo.contains("ประจำปีงบประมาณ พ.ศ. ๒๕๖๗"),
        "the memo's year is 2567"
    );
    assert!(
        memo.contains("ได้ ๘๗.๑๕ คะแนน อยู่ในระดับ ผ่าน เท่ากับปีงบประมาณ พ.ศ. ๒๕๖๕ (๘๗.๑๕ คะแนน ระดับ A)"),
        "{memo}"
    );
    assert!(
        memo.contains("ระดับผลการประเมิน\nA\nผ่าน"),
        "the table prints each year's own grade"
    );
    assert!(memo.contains("ให้อยู่ในระดับ ผ่านดี ต่อไป"), "ผ่าน aims at ผ่านดี");
}

#[test]
fn the_threshold_moves_strengths_and_weaknesses() {
    let (out, _) = run_into(&[&tidy()], &["--threshold", "75"]);
    let memo = docx_text(&out.path().join(format!("{REFERENCE}.docx")));
    assert!(memo.contains("๒.๔ จุดแข็ง: ตัวชี้วัดที่ได้รับผลการประเมินเพิ่มขึ้น และได้คะแนนตั้งแต่ ๗๕ คะแนนขึ้นไป คือ"));
    assert!(
        memo.contains("๒.๔.๓ ตัวชี้วัดที่ ๕ การแก้ไขปัญหาการทุจริต"),
        "78.93 is a strength at 75"
    );
    assert!(memo.contains(
        "๒.๕ จุดอ่อน: ตัวชี้วัดที่ได้รับผลการประเมินเพิ่มขึ้นหรือเท่าเดิม แต่ได้คะแนนต่ำกว่า ๗๕ คะแนน คือ\n- ไม่มี"
    ));
    let (_, output) = run_into(&[&tidy()], &["--threshold", "101"]);
    assert_eq!(output.status.code(), Some(2));
}

/// The four fixture units' scores of 2564 and 2565 as if assessed in `years`
/// (one sheet a year, no grade column: each year's scale grades them).
fn fixture_units_as(path: &Path, years: [u16; 2]) {
    let mut book = rust_xlsxwriter::Workbook::new();
    for (k, year) in years.iter().enumerate() {
        let sheet = book
            .add_worksheet()
            .set_name(format!("ITA {year}"))
            .unwrap();
        common::write_wide_header(sheet, false);
        let mut row = 1;
        for unit in &common::fixture_data::UNITS {
            let fixture_year = common::fixture_data::YEARS[k];
            let Some(scores) = unit.years.iter().find(|y| y.year == fixture_year) else {
                continue;
            };
            sheet.write_string(row, 0, unit.name).unwrap();
            sheet.write_string(row, 1, unit.district).unwrap();
            sheet.write_string(row, 2, unit.province).unwrap();
            for (i, v) in scores.indicators.iter().enumerate() {
                sheet.write_number(row, 3 + i as u16, *v).unwrap();
            }
            sheet.write_number(row, 13, scores.overall).unwrap();
            row += 1;
        }
    }
    book.save(path).unwrap();
}

/// Runs on the fixture units assessed in `years`, dated `date`: every unit's memo
/// text, what was printed, the exit code and the output folder.
fn memos_for(
    years: [u16; 2],
    date: &str,
    extra: &[&str],
) -> (Vec<String>, String, Option<i32>, tempfile::TempDir) {
    let dir = tempfile::tempdir().unwrap();
    fixture_units_as(&dir.path().join("ita.xlsx"), years);
    let mut args = vec!["--date", date];
    args.extend(extra);
    let (out, output) = run_into(&[dir.path()], &args);
    let report = stdout(&output);
    let memos = common::fixture_data::UNITS
        .iter()
        .map(|u| {
            let path = out.path().join(format!("{}.docx", u.name));
            assert!(path.exists(), "no memo for {}:\n{report}", u.name);
            docx_text(&path)
        })
        .collect();
    (memos, report, output.status.code(), out)
}

#[test]
fn results_of_2567_and_2568_give_every_unit_its_2569_memo() {
    let (memos, report, code, _) = memos_for([2567, 2568], "2025-11-26", &[]);
    assert_eq!(code, Some(0), "{report}");
    assert!(!report.contains("กรอบของปี"), "no stand-in: {report}");
    for memo in &memos {
        assert!(memo.contains("ประจำปีงบประมาณ พ.ศ. ๒๕๖๙"));
        assert!(
            memo.contains("ข้อ O๒๕ การนำผลการประเมิน ITA ไปสู่การพัฒนาองค์กร"),
            "the cover names 2569's item"
        );
        assert!(!memo.contains("O๔๒"), "2569 is not 2566's numbering");
        assert!(
            memo.contains("ยกระดับผลการประเมินให้อยู่ในระดับ ผ่าน")
                || memo.contains("รักษาผลการประเมินให้อยู่ในระดับ ผ่านดีเยี่ยม"),
            "the aim is a pass label"
        );
        for letter in ["ระดับ AA", "ระดับ A ", "ระดับ B", "ระดับ C"]
        {
            assert!(!memo.contains(letter), "2568 is graded on the pass scale");
        }
    }
    // The reference unit: 87.15 with the IIT below 85 is ผ่าน in 2568 and aims at ผ่านดี.
    assert!(
        memos[0].contains("ระดับผลการประเมิน\nผ่าน\nผ่าน"),
        "{}",
        memos[0]
    );
    assert!(memos[0].contains("ให้อยู่ในระดับ ผ่านดี ต่อไป"));
}

#[test]
fn a_memo_year_without_a_framework_is_written_under_the_newest_with_a_note() {
    let (memos, report, code, out) = memos_for([2568, 2569], "2026-11-26", &[]);
    assert_eq!(code, Some(0), "every unit has its memo: {report}");
    assert!(
        report.contains("ยังไม่มีกรอบการประเมินของปีงบประมาณ 2570 จึงเขียนบันทึกตามกรอบของปี 2569 แทน"),
        "{report}"
    );
    assert!(report.contains("2570.toml"), "{report}");
    for memo in &memos {
        assert!(memo.contains("ประจำปีงบประมาณ พ.ศ. ๒๕๗๐"));
        assert!(
            memo.contains(
                "(Open Data Integrity and Transparency Assessment: OIT) ข้อ ...................."
            ),
            "the item is a blank to fill in, not 2569's O25"
        );
        assert!(!memo.contains("O๒๕"));
    }
    let json = std::fs::read_to_string(out.path().join("itamemo-report.json")).unwrap();
    assert!(
        json.contains("กรอบของปี 2569 แทน"),
        "the note is in the report too"
    );
}

#[test]
fn results_of_2563_compare_like_any_other_year() {
    let (memos, report, code, _) = memos_for([2563, 2564], "2021-03-01", &[]);
    assert_eq!(code, Some(0), "{report}");
    let reference = &memos[0];
    assert!(reference.contains("ประจำปีงบประมาณ พ.ศ. ๒๕๖๕"));
    assert!(
        reference
            .contains("ได้ ๘๗.๑๕ คะแนน อยู่ในระดับ A ลดลงจากปีงบประมาณ พ.ศ. ๒๕๖๓ (๘๘.๕๓ คะแนน ระดับ A)"),
        "{reference}"
    );
    assert!(
        reference.contains("คะแนนภาพรวม (ITA)\n๘๘.๕๓\n๘๗.๑๕"),
        "both years in the table"
    );
    assert!(
        reference.contains("ให้อยู่ในระดับ AA ต่อไป"),
        "2565 aims on the letters"
    );
}

#[test]
fn a_framework_for_2570_is_one_file_given_with_frameworks() {
    let dir = tempfile::tempdir().unwrap();
    let frameworks = dir.path().join("frameworks");
    std::fs::create_dir(&frameworks).unwrap();
    let known = std::fs::read_to_string(
        common::repo_root().join("crates/analyze/data/frameworks/2569.toml"),
    )
    .unwrap();
    let text = known
        .replace("year = 2569", "year = 2570")
        .replace("code = \"O25\"", "code = \"O24\"");
    std::fs::write(frameworks.join("2570.toml"), text).unwrap();
    let (memos, report, code, _) = memos_for(
        [2568, 2569],
        "2026-11-26",
        &["--frameworks", &frameworks.display().to_string()],
    );
    assert_eq!(code, Some(0), "{report}");
    assert!(
        !report.contains("กรอบของปี 2569 แทน"),
        "2570 has its own: {report}"
    );
    assert!(memos[0].contains("ประจำปีงบประมาณ พ.ศ. ๒๕๗๐"));
    assert!(memos[0].contains("ข้อ O๒๔ การนำผลการประเมิน ITA ไปสู่การพัฒนาองค์กร"));

    // A broken file is refused with its file and line: its grades taken out.
    let without_grades = format!(
        "{}{}",
        &known[..known.find("[[scale]]").unwrap()],
        &known[known.find("# The OIT item that asks").unwrap()..]
    );
    let broken = without_grades.replace("year = 2569", "year = 2570\nscale = []");
    std::fs::write(frameworks.join("2570.toml"), broken).unwrap();
    let (_, output) = run_into(
        &[&fixtures().join("chumphon-ita-2564-2565.xlsx")],
        &["--frameworks", &frameworks.display().to_string()],
    );
    assert_eq!(output.status.code(), Some(2));
    let said = String::from_utf8_lossy(&output.stderr);
    assert!(said.contains("2570.toml: บรรทัด 6: scale ว่างอยู่"), "{said}");
}
