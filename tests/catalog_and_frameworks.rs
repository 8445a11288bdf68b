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
        "ประชุมชี้แจงบุคลากรเป็นประจำทุกเดือน",
        "ประชุมประจำเดือนตามระเบียบของเทศบาล",
    );
    let (out, output) = run_into(&[&tidy()], &["--catalog", &catalog.display().to_string()]);
    assert_eq!(output.status.code(), Some(0), "{}", stdout(&output));
    let memo = docx_text(&out.path().join(format!("{REFERENCE}.docx")));
    assert!(
        memo.contains("\n๑. ประชุมประจำเดือนตามระเบียบของเทศบาล"),
        "{memo}"
    );
    assert!(!memo.contains("ประชุมชี้แจงบุคลากรเป็นประจำทุกเดือน"));
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
    edit(&catalog, "indicators = [3, 4, 5]", "indicators = [3, 5]");
    edit(&catalog, "indicators = [2, 4]", "indicators = [2]");
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
    assert!(memo.contains(
        "ได้รับผลการประเมินอยู่ในระดับ ผ่าน (๘๗.๑๕ คะแนน) ซึ่งเท่าเดิมเมื่อเทียบกับปีงบประมาณ พ.ศ. ๒๕๖๕ ที่ได้ผลการประเมินอยู่ในระดับ A (๘๗.๑๕ คะแนน) คงที่"
    ), "{memo}");
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
    assert!(
        memo.contains("๒.๕ จุดอ่อน: ตัวชี้วัดที่ได้รับผลการประเมินเพิ่มขึ้น แต่ได้คะแนนต่ำกว่า ๗๕ คะแนน คือ\n- ไม่มี")
    );
    let (_, output) = run_into(&[&tidy()], &["--threshold", "101"]);
    assert_eq!(output.status.code(), Some(2));
}

#[test]
fn a_year_without_a_framework_names_the_file_to_add_and_a_folder_adds_it() {
    let dir = tempfile::tempdir().unwrap();
    let scores = dir.path().join("scores");
    std::fs::create_dir(&scores).unwrap();
    reference_years(&scores.join("ita.xlsx"), &[(2569, 87.15, "ผ่าน")]);
    let (_, output) = run_into(&[&scores], &[]);
    let report = stdout(&output);
    assert_eq!(output.status.code(), Some(1), "{report}");
    assert!(
        report.contains("ไม่มีกรอบการประเมินของปีงบประมาณ 2570: ต้องเพิ่มไฟล์ frameworks/2570.toml"),
        "{report}"
    );

    let frameworks = dir.path().join("frameworks");
    std::fs::create_dir(&frameworks).unwrap();
    let known = std::fs::read_to_string(
        common::repo_root().join("crates/analyze/data/frameworks/2567.toml"),
    )
    .unwrap();
    for year in [2569, 2570] {
        let text = known.replace("year = 2567", &format!("year = {year}"));
        std::fs::write(frameworks.join(format!("{year}.toml")), text).unwrap();
    }
    let (out, output) = run_into(
        &[&scores],
        &["--frameworks", &frameworks.display().to_string()],
    );
    assert_eq!(output.status.code(), Some(0), "{}", stdout(&output));
    assert!(docx_text(&out.path().join(format!("{REFERENCE}.docx")))
        .contains("ประจำปีงบประมาณ พ.ศ. ๒๕๗๐"));
}
