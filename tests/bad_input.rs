//! Bad input gets a clear answer that names the file, sheet and cell, and the run
//! goes on for the rest. Each bad file is made here by a real writer (or, for the
//! password-protected one, kept in tests/data with the script that made it).

mod common;

use std::path::Path;

use common::fixtures;
use common::run::Run;
use rust_xlsxwriter::{Formula, Workbook, Worksheet};

const INDICATORS: [f64; 10] = [
    90.14, 80.06, 80.70, 73.75, 78.93, 82.59, 77.33, 77.41, 96.0, 100.0,
];

fn run(dir: &Path) -> Run {
    Run::of(&[dir], &[])
}

/// A tidy sheet for `year`: header in row 1, one row per unit; `edit` changes a row.
fn wide_sheet(sheet: &mut Worksheet, units: &[&str], edit: &dyn Fn(&mut Worksheet, u32, &str)) {
    common::write_wide_header(sheet, true);
    for (k, name) in units.iter().enumerate() {
        let row = k as u32 + 1;
        sheet.write_string(row, 0, *name).unwrap();
        sheet.write_string(row, 1, "เมืองชุมพร").unwrap();
        sheet.write_string(row, 2, "ชุมพร").unwrap();
        for (i, v) in INDICATORS.iter().enumerate() {
            sheet.write_number(row, 3 + i as u16, *v).unwrap();
        }
        sheet.write_number(row, 13, 87.15).unwrap();
        sheet.write_string(row, 14, "A").unwrap();
        edit(sheet, row, name);
    }
}

/// A workbook with one sheet "ITA 2565" of `units`.
fn book_2565(path: &Path, units: &[&str], edit: &dyn Fn(&mut Worksheet, u32, &str)) {
    let mut book = Workbook::new();
    let sheet = book.add_worksheet().set_name("ITA 2565").unwrap();
    wide_sheet(sheet, units, edit);
    book.save(path).unwrap();
}

#[test]
fn files_that_cannot_be_read_are_named_with_the_reason() {
    let dir = tempfile::tempdir().unwrap();
    let good = fixtures().join("chumphon-ita-2564-2565.xlsx");
    std::fs::copy(&good, dir.path().join("good.xlsx")).unwrap();
    let bytes = std::fs::read(&good).unwrap();
    std::fs::write(dir.path().join("truncated.xlsx"), &bytes[..bytes.len() / 2]).unwrap();
    // A workbook with macros, cut short: named by its own ending.
    std::fs::write(dir.path().join("macros.xlsm"), &bytes[..bytes.len() / 3]).unwrap();
    std::fs::write(dir.path().join("empty.ods"), b"").unwrap();
    std::fs::write(
        dir.path().join("not-a-sheet.xlsx"),
        "this is a text file, not a workbook",
    )
    .unwrap();
    std::fs::copy(
        common::repo_root().join("tests/data/password-protected.xlsx"),
        dir.path().join("locked.xlsx"),
    )
    .unwrap();
    std::fs::write(dir.path().join("notes.txt"), "หมายเหตุ").unwrap();
    // Exports sent zipped: skipped, with how to open them.
    let mut zipped =
        zip::ZipWriter::new(std::fs::File::create(dir.path().join("ส่งมาจากอำเภอ.zip")).unwrap());
    zipped
        .start_file("ผลคะแนน.xlsx", zip::write::SimpleFileOptions::default())
        .unwrap();
    std::io::Write::write_all(&mut zipped, &std::fs::read(&good).unwrap()).unwrap();
    zipped.finish().unwrap();
    let mut summary = Workbook::new();
    let sheet = summary.add_worksheet().set_name("หมายเหตุ").unwrap();
    sheet.write_string(0, 0, "สรุปผลการประเมินของอำเภอ").unwrap();
    sheet.write_string(1, 0, "ส่งภายในวันที่ 30").unwrap();
    summary.save(dir.path().join("summary.xlsx")).unwrap();

    let run = run(dir.path());
    assert_eq!(run.code, Some(1), "some files need a look:\n{}", run.report);
    run.reports("file_unreadable", "not_readable_as", "truncated.xlsx");
    run.reports("file_unreadable", "not_readable_as", "macros.xlsm");
    run.says("[อ่านไม่ได้] macros.xlsm: ไม่ใช่ไฟล์ .xlsm ที่อ่านได้");
    run.reports("file_unreadable", "empty_file", "empty.ods");
    run.reports("file_unreadable", "not_readable_as", "not-a-sheet.xlsx");
    run.reports("file_unreadable", "password_protected", "locked.xlsx");
    run.reports("file_unreadable", "no_score_table", "summary.xlsx");
    run.reports("file_skipped", "not_spreadsheet", "notes.txt");
    run.says("[อ่านไม่ได้] locked.xlsx: ไฟล์ถูกตั้งรหัสผ่าน");
    run.says("ชีต \"หมายเหตุ\": ไม่พบตารางคะแนน ITA");
    run.says("[ข้าม] notes.txt: ไม่ใช่ไฟล์ตารางคำนวณ");
    run.reports("file_skipped", "archive", "ส่งมาจากอำเภอ.zip");
    run.says("[ข้าม] ส่งมาจากอำเภอ.zip: เป็นไฟล์บีบอัด (.zip) ซึ่งโปรแกรมไม่ได้เปิดอ่านไฟล์ข้างใน: แตกไฟล์ออกมาก่อน แล้วลากโฟลเดอร์ที่ได้มาวางบนโปรแกรม");
    run.says("[อ่านแล้ว] good.xlsx");
    run.says("เขียนบันทึกแล้ว: 4 ฉบับ");
    assert!(run.memo_exists("เทศบาลตำบลพะโต๊ะ"));
}

#[test]
fn values_that_are_not_scores_are_placed_and_only_their_units_go_without() {
    let dir = tempfile::tempdir().unwrap();
    let units = [
        "เทศบาลตำบลข้อความ",
        "เทศบาลตำบลติดลบ",
        "เทศบาลตำบลเกินร้อย",
        "เทศบาลตำบลหารศูนย์",
        "เทศบาลตำบลปกติ",
    ];
    book_2565(
        &dir.path().join("district.xlsx"),
        &units,
        &|sheet, row, name| match name {
            "เทศบาลตำบลข้อความ" => {
                sheet.write_string(row, 5, "n/a").unwrap();
            }
            "เทศบาลตำบลติดลบ" => {
                sheet.write_number(row, 6, -3.0).unwrap();
            }
            "เทศบาลตำบลเกินร้อย" => {
                sheet.write_number(row, 7, 120.5).unwrap();
            }
            "เทศบาลตำบลหารศูนย์" => {
                sheet
                    .write_formula(row, 8, Formula::new("=1/0").set_result("#DIV/0!"))
                    .unwrap();
            }
            _ => {}
        },
    );
    let run = run(dir.path());
    assert_eq!(run.code, Some(1), "{}", run.report);
    run.says("สาเหตุ: district.xlsx, ชีต \"ITA 2565\", เซลล์ F2: \"n/a\" ไม่ใช่คะแนน");
    run.says("สาเหตุ: district.xlsx, ชีต \"ITA 2565\", เซลล์ G3: \"-3\" อยู่นอกช่วงคะแนน 0-100");
    run.says("สาเหตุ: district.xlsx, ชีต \"ITA 2565\", เซลล์ H4: \"120.5\" อยู่นอกช่วงคะแนน 0-100");
    run.says("สาเหตุ: district.xlsx, ชีต \"ITA 2565\", เซลล์ I5: \"#DIV/0!\" ไม่ใช่คะแนน");
    let kinds = [
        "value_not_a_number",
        "value_out_of_range",
        "value_out_of_range",
        "value_not_a_number",
    ];
    for (unit, reason) in units[..4].iter().zip(kinds) {
        run.reports("unit_without_memo", reason, unit);
        assert!(!run.memo_exists(unit), "{unit} got a memo from a guess");
    }
    assert!(run.memo_exists("เทศบาลตำบลปกติ"));
}

#[test]
fn a_grade_that_contradicts_its_score_is_noted_and_the_memo_uses_the_score() {
    let dir = tempfile::tempdir().unwrap();
    book_2565(
        &dir.path().join("grades.xlsx"),
        &["เทศบาลตำบลเกรดผิด"],
        &|sheet, row, _| {
            sheet.write_string(row, 14, "AA").unwrap();
        },
    );
    let run = run(dir.path());
    assert_eq!(run.code, Some(0), "{}", run.report);
    run.says("ระดับในไฟล์ \"AA\" ไม่ตรงกับคะแนน 87.15 ซึ่งเป็นระดับ A");
    // At the cell that says "AA" (column O of the unit's row), where the officer
    // looks to correct it.
    run.says("ชีต \"ITA 2565\", เซลล์ O2): ระดับในไฟล์ \"AA\"");
    let memo = common::docx_text(&run.out.path().join("เทศบาลตำบลเกรดผิด.docx"));
    assert!(memo.contains("เทศบาลตำบลเกรดผิดได้ ๘๗.๑๕ คะแนน อยู่ในระดับ A"));
}

#[test]
fn a_missing_overall_score_is_never_invented() {
    let dir = tempfile::tempdir().unwrap();
    book_2565(
        &dir.path().join("no-overall.xlsx"),
        &["เทศบาลตำบลไม่มีรวม", "เทศบาลตำบลครบ"],
        &|sheet, row, name| {
            if name == "เทศบาลตำบลไม่มีรวม" {
                sheet
                    .write_blank(row, 13, &rust_xlsxwriter::Format::new())
                    .unwrap();
            }
        },
    );
    let run = run(dir.path());
    assert_eq!(run.code, Some(1), "{}", run.report);
    run.reports("unit_without_memo", "missing_overall", "เทศบาลตำบลไม่มีรวม");
    run.says("ไม่มีคะแนน ITA ภาพรวม (โปรแกรมไม่คำนวณแทนให้)");
    assert!(!run.memo_exists("เทศบาลตำบลไม่มีรวม"));
    assert!(run.memo_exists("เทศบาลตำบลครบ"));
}

#[test]
fn one_unit_with_two_different_scores_for_a_year_is_a_conflict_not_a_pick() {
    let dir = tempfile::tempdir().unwrap();
    book_2565(
        &dir.path().join("a.xlsx"),
        &["เทศบาลตำบลซ้ำ", "เทศบาลตำบลเดียว"],
        &|_, _, _| {},
    );
    book_2565(
        &dir.path().join("b.xlsx"),
        &["ทต.ซ้ำ"],
        &|sheet, row, _| {
            sheet.write_number(row, 5, 81.0).unwrap();
        },
    );
    let run = run(dir.path());
    assert_eq!(run.code, Some(1), "{}", run.report);
    run.says(
        "คะแนนปี 2565 ไม่ตรงกัน (ตัวชี้วัดที่ 3) ระหว่าง a.xlsx, ชีต \"ITA 2565\", เซลล์ A2 และ b.xlsx, ชีต \"ITA 2565\", เซลล์ A2",
    );
    run.reports("unit_without_memo", "years_disagree", "เทศบาลตำบลซ้ำ");
    assert!(!run.memo_exists("เทศบาลตำบลซ้ำ"));
    assert!(run.memo_exists("เทศบาลตำบลเดียว"));
}

#[test]
fn one_code_under_two_names_is_reported_with_both_names_and_places() {
    let dir = tempfile::tempdir().unwrap();
    for (file, name) in [
        ("a.xlsx", "เทศบาลตำบลรหัสเดียว"),
        ("b.xlsx", "เทศบาลตำบลชื่ออื่น"),
    ] {
        let mut book = Workbook::new();
        let sheet = book.add_worksheet().set_name("ITA 2565").unwrap();
        let mut header = vec!["รหัสหน่วยงาน".to_string(), "ชื่อหน่วยงาน".into()];
        header.extend((1..=10).map(|n| format!("ตัวชี้วัดที่ {n}")));
        header.push("คะแนน ITA".into());
        for (c, h) in header.iter().enumerate() {
            sheet.write_string(0, c as u16, h).unwrap();
        }
        sheet.write_string(1, 0, "6860801").unwrap();
        sheet.write_string(1, 1, name).unwrap();
        for (i, v) in INDICATORS.iter().enumerate() {
            sheet.write_number(1, 2 + i as u16, *v).unwrap();
        }
        sheet.write_number(1, 12, 87.15).unwrap();
        book.save(dir.path().join(file)).unwrap();
    }
    let run = run(dir.path());
    assert_eq!(run.code, Some(1), "{}", run.report);
    run.says("รหัสหน่วยงาน 6860801 ใช้กับสองชื่อ: \"เทศบาลตำบลรหัสเดียว\" ที่ a.xlsx, ชีต \"ITA 2565\", เซลล์ B2 และ \"เทศบาลตำบลชื่ออื่น\" ที่ b.xlsx, ชีต \"ITA 2565\", เซลล์ B2");
    run.reports("unit_without_memo", "code_two_names", "เทศบาลตำบลรหัสเดียว");
    assert!(!run.memo_exists("เทศบาลตำบลรหัสเดียว"));
    assert!(!run.memo_exists("เทศบาลตำบลชื่ออื่น"));
}

#[test]
fn headers_that_cannot_be_mapped_are_listed_with_what_is_missing() {
    let dir = tempfile::tempdir().unwrap();
    let mut book = Workbook::new();
    let sheet = book.add_worksheet().set_name("ITA 2565").unwrap();
    for (c, h) in ["ชื่อหน่วยงาน", "อำเภอ", "คะแนนด้านที่ 1", "คะแนนด้านที่ 2"]
        .iter()
        .enumerate()
    {
        sheet.write_string(0, c as u16, *h).unwrap();
    }
    sheet.write_string(1, 0, "เทศบาลตำบลหัวตารางแปลก").unwrap();
    sheet.write_number(1, 2, 90.0).unwrap();
    book.save(dir.path().join("odd-headers.xlsx")).unwrap();
    let run = run(dir.path());
    assert_eq!(run.code, Some(2), "nothing could be read:\n{}", run.report);
    run.says(
        "ชีต \"ITA 2565\": ดูเหมือนตารางคะแนนแต่อ่านหัวคอลัมน์ไม่ครบ: พบ \"ชื่อหน่วยงาน\", \"อำเภอ\" แต่ไม่พบ \"ตัวชี้วัดที่ 1\" ถึง \"ตัวชี้วัดที่ 10\" หรือ \"คะแนน ITA\"",
    );
}

#[test]
fn headers_found_are_quoted_in_the_sheets_own_words() {
    let dir = tempfile::tempdir().unwrap();
    let mut book = Workbook::new();
    let sheet = book.add_worksheet().set_name("ITA 2565").unwrap();
    sheet
        .write_string(0, 0, "ผลการประเมิน ITA ของ อปท.")
        .unwrap();
    for (c, h) in ["ชื่อ อปท.", "อ.", "Province", "ด้านที่ ๑", "ด้านที่ ๒"]
        .iter()
        .enumerate()
    {
        sheet.write_string(1, c as u16, *h).unwrap();
    }
    sheet.write_string(2, 0, "ทต.หัวแปลก").unwrap();
    sheet.write_number(2, 3, 90.0).unwrap();
    book.save(dir.path().join("own-words.xlsx")).unwrap();
    let run = run(dir.path());
    assert_eq!(run.code, Some(2), "nothing could be read:\n{}", run.report);
    run.says(
        "ชีต \"ITA 2565\": ดูเหมือนตารางคะแนนแต่อ่านหัวคอลัมน์ไม่ครบ: พบ \"ชื่อ อปท.\", \"Province\" แต่ไม่พบ \"ตัวชี้วัดที่ 1\" ถึง \"ตัวชี้วัดที่ 10\" หรือ \"คะแนน ITA\"",
    );
}

/// In a table of one row per figure, the overall and a tool total sit rows below
/// the unit's first row: a note that questions them names their own cells.
#[test]
fn a_note_about_an_overall_or_a_tool_total_names_its_own_cell() {
    let dir = tempfile::tempdir().unwrap();
    let mut book = Workbook::new();
    let sheet = book.add_worksheet().set_name("ผลรายตัวชี้วัด").unwrap();
    for (col, title) in ["ชื่อหน่วยงาน", "อำเภอ", "จังหวัด", "ปีงบประมาณ", "ตัวชี้วัด", "คะแนน"]
        .into_iter()
        .enumerate()
    {
        sheet.write_string(0, col as u16, title).unwrap();
    }
    let mut figures: Vec<(String, f64)> = INDICATORS
        .iter()
        .enumerate()
        .map(|(i, v)| (format!("ตัวชี้วัดที่ {}", i + 1), *v))
        .collect();
    // Copied wrong: 87.15 and IIT's mean of indicators 1-5, 80.72.
    figures.push(("คะแนน IIT".to_string(), 90.0));
    figures.push(("คะแนน ITA".to_string(), 80.15));
    for (k, (label, value)) in figures.iter().enumerate() {
        let row = k as u32 + 1;
        sheet.write_string(row, 0, "เทศบาลตำบลตัวเลขผิด").unwrap();
        sheet.write_string(row, 1, "เมืองชุมพร").unwrap();
        sheet.write_string(row, 2, "ชุมพร").unwrap();
        sheet.write_number(row, 3, 2565).unwrap();
        sheet.write_string(row, 4, label).unwrap();
        sheet.write_number(row, 5, *value).unwrap();
    }
    book.save(dir.path().join("long.xlsx")).unwrap();
    let run = run(dir.path());
    assert!(run.memo_exists("เทศบาลตำบลตัวเลขผิด"), "{}", run.report);
    // Rows 12 and 13 of the sheet; the unit's first row is row 2.
    run.says("ผลปี 2565 (long.xlsx, ชีต \"ผลรายตัวชี้วัด\", เซลล์ F13): คะแนน ITA 80.15 ไม่ตรงกับคะแนนที่คำนวณจากตัวชี้วัดตามน้ำหนัก (87.15)");
    run.says("ผลปี 2565 (long.xlsx, ชีต \"ผลรายตัวชี้วัด\", เซลล์ F12): คะแนน IIT ในไฟล์ 90.00 ไม่ตรงกับค่าเฉลี่ยของตัวชี้วัดของ IIT (80.72)");
}
