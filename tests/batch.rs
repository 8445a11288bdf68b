//! A district office's batch and an officer's drop of a folder: the run report
//! files, the exit code, where memos go, reruns, file names, progress lines.

mod common;

use std::path::Path;
use std::process::Command;

use common::run::Run;
use common::{fixtures, run_into, stdout};

/// A copy of the fixture exports (every layout) in `dir`.
fn copy_fixtures(dir: &Path) {
    for entry in walk(&fixtures()) {
        let relative = entry.strip_prefix(fixtures()).unwrap();
        let target = dir.join(relative);
        std::fs::create_dir_all(target.parent().unwrap()).unwrap();
        std::fs::copy(&entry, target).unwrap();
    }
}

fn walk(dir: &Path) -> Vec<std::path::PathBuf> {
    let mut found = Vec::new();
    for entry in std::fs::read_dir(dir).unwrap().flatten() {
        if entry.path().is_dir() {
            found.extend(walk(&entry.path()));
        } else {
            found.push(entry.path());
        }
    }
    found
}

#[test]
fn a_batch_with_bad_files_reports_every_file_and_unit() {
    let dir = tempfile::tempdir().unwrap();
    copy_fixtures(dir.path());
    std::fs::write(dir.path().join("broken.xlsx"), "not a workbook").unwrap();
    let mut book = rust_xlsxwriter::Workbook::new();
    let sheet_2565 = book.add_worksheet().set_name("ITA 2565").unwrap();
    for (c, h) in ["ชื่อหน่วยงาน", "อำเภอ", "จังหวัด", "ตัวชี้วัดที่ 1", "คะแนน ITA"]
        .iter()
        .enumerate()
    {
        sheet_2565.write_string(0, c as u16, *h).unwrap();
    }
    for (c, v) in ["เทศบาลตำบลไม่ครบ", "ท่าแซะ", "ชุมพร"].iter().enumerate()
    {
        sheet_2565.write_string(1, c as u16, *v).unwrap();
    }
    sheet_2565.write_number(1, 3, 90.0).unwrap();
    sheet_2565.write_number(1, 4, 90.0).unwrap();
    book.save(dir.path().join("incomplete.xlsx")).unwrap();

    let (out, output) = run_into(&[dir.path()], &[]);
    let screen = stdout(&output);
    assert_eq!(
        output.status.code(),
        Some(1),
        "some units and files need a look:\n{screen}"
    );
    assert!(screen.contains("เขียนบันทึกแล้ว: 4 ฉบับ"), "{screen}");
    assert!(screen.contains("มี 1 หน่วยงานที่ไม่ได้เขียนบันทึก"), "{screen}");
    assert!(screen.contains("รายงานผลการทำงาน:"), "{screen}");

    let xlsx = out.path().join("itamemo-report.xlsx");
    let units = common::sheet_rows(&xlsx, "หน่วยงาน").unwrap();
    assert_eq!(units[0][1], "หน่วยงาน");
    assert_eq!(units.len(), 6, "a header and five units: {units:?}");
    let reference = units.iter().find(|r| r[1] == "เทศบาลตำบลพะโต๊ะ").unwrap();
    assert_eq!(
        &reference[4..11],
        ["2564", "88.53", "A", "2565", "87.15", "A", "ลดลง 1.38"]
    );
    assert_eq!(reference[11], "4, 5, 6, 7, 8");
    assert_eq!(reference[12], "เทศบาลตำบลพะโต๊ะ.docx");
    let incomplete = units.iter().find(|r| r[1] == "เทศบาลตำบลไม่ครบ").unwrap();
    assert_eq!(incomplete[12], "", "no memo");
    assert!(
        incomplete[13].contains("ไม่มีคะแนนตัวชี้วัดที่ 2, 3, 4, 5, 6, 7, 8, 9, 10"),
        "{incomplete:?}"
    );

    // Sorted by province, district and name in Thai dictionary order: เทศบาล files
    // under ท, before องค์การ under อ (plain string order puts every เ-word last).
    let order: Vec<(&str, &str)> = units[1..]
        .iter()
        .map(|r| (r[2].as_str(), r[1].as_str()))
        .collect();
    assert_eq!(
        order,
        [
            ("ท่าแซะ", "เทศบาลตำบลไม่ครบ"),
            ("พะโต๊ะ", "เทศบาลตำบลพะโต๊ะ"),
            ("พะโต๊ะ", "องค์การบริหารส่วนตำบลปากทรง"),
            ("พะโต๊ะ", "องค์การบริหารส่วนตำบลพระรักษ์"),
            ("ละแม", "เทศบาลตำบลละแม"),
        ]
    );
    // Printed landscape, one page wide, the header on every page, a filter, and the
    // units below the pass mark coloured.
    let sheet_xml = common::zip_part(&xlsx, "xl/worksheets/sheet1.xml");
    for wanted in [
        r#"orientation="landscape""#,
        r#"fitToHeight="0""#,
        "<autoFilter ",
        "<conditionalFormatting ",
        r#"operator="lessThan""#,
        "<formula>85</formula>",
    ] {
        assert!(sheet_xml.contains(wanted), "{wanted} in {sheet_xml}");
    }
    let workbook_xml = common::zip_part(&xlsx, "xl/workbook.xml");
    assert!(
        workbook_xml.contains("_xlnm.Print_Titles"),
        "{workbook_xml}"
    );

    let files = common::sheet_rows(&xlsx, "ไฟล์").unwrap();
    let broken = files.iter().find(|r| r[0] == "broken.xlsx").unwrap();
    assert_eq!(broken[1], "อ่านไม่ได้");
    assert!(broken[6].contains("ไม่ใช่ไฟล์ .xlsx ที่อ่านได้"));
    assert_eq!(
        files.len(),
        walk(dir.path()).len() + 1,
        "every input file has a row"
    );
    assert!(common::sheet_rows(&xlsx, "หมายเหตุ")
        .unwrap()
        .iter()
        .any(|r| r[1].contains("ชุดเดียวกันพบ")));

    let json: serde_json::Value =
        serde_json::from_slice(&std::fs::read(out.path().join("itamemo-report.json")).unwrap())
            .unwrap();
    assert_eq!(json["memo_year"], 2566);
    let units = json["units"].as_array().unwrap();
    let reference = units
        .iter()
        .find(|u| u["name"] == "เทศบาลตำบลพะโต๊ะ")
        .unwrap();
    assert_eq!(reference["current"]["overall"], 87.15);
    assert_eq!(reference["memo"], "เทศบาลตำบลพะโต๊ะ.docx");
    let incomplete = units
        .iter()
        .find(|u| u["name"] == "เทศบาลตำบลไม่ครบ")
        .unwrap();
    assert!(incomplete["memo"].is_null());
    assert!(incomplete["reasons"][0]
        .as_str()
        .unwrap()
        .contains("ไม่มีคะแนนตัวชี้วัดที่ 2"));
}

#[test]
fn a_dropped_folder_gets_its_memos_beside_it() {
    let desk = tempfile::tempdir().unwrap();
    let exports = desk.path().join("ผล ITA อำเภอพะโต๊ะ");
    std::fs::create_dir(&exports).unwrap();
    std::fs::copy(
        fixtures().join("chumphon-ita-2564-2565.xlsx"),
        exports.join("ita.xlsx"),
    )
    .unwrap();
    let output = Command::new(env!("CARGO_BIN_EXE_itamemo"))
        .arg(&exports)
        .args(["--date", common::MEMO_DATE])
        .output()
        .unwrap();
    let screen = stdout(&output);
    assert_eq!(output.status.code(), Some(0), "{screen}");
    let memos = desk.path().join("ผล ITA อำเภอพะโต๊ะ-memos");
    assert!(memos.join("เทศบาลตำบลพะโต๊ะ.docx").exists(), "{screen}");
    assert!(memos.join("itamemo-report.xlsx").exists());
    assert_eq!(
        walk(&exports).len(),
        1,
        "nothing is written inside the dropped folder"
    );
    let last = screen.lines().last().unwrap();
    assert_eq!(last, format!("บันทึกอยู่ที่: {}", memos.display()));

    // A dropped file: beside it, named after it; several inputs are one batch.
    let file = desk.path().join("ita-2565.ods");
    std::fs::copy(fixtures().join("chumphon-ita-2564-2565.ods"), &file).unwrap();
    let output = Command::new(env!("CARGO_BIN_EXE_itamemo"))
        .arg(&file)
        .arg(&exports)
        .args(["--date", common::MEMO_DATE])
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(0), "{}", stdout(&output));
    assert!(stdout(&output).contains("ไฟล์: 2 ไฟล์"));
    assert!(desk
        .path()
        .join("ita-2565-memos/เทศบาลตำบลพะโต๊ะ.docx")
        .exists());
}

#[test]
fn started_without_a_folder_away_from_the_examples_it_says_how_to_give_one() {
    // A double-click: no PATH, and the program's folder holds no fixtures/.
    let desk = tempfile::tempdir().unwrap();
    let output = Command::new(env!("CARGO_BIN_EXE_itamemo"))
        .current_dir(desk.path())
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(2));
    let said = String::from_utf8_lossy(&output.stderr);
    assert!(
        said.contains("ลากโฟลเดอร์ (หรือไฟล์) ผลคะแนน ITA มาวางบนโปรแกรม"),
        "{said}"
    );
    assert_eq!(walk(desk.path()).len(), 0, "no output/ made for nothing");
}

#[test]
fn a_rerun_replaces_its_files_and_leaves_the_rest() {
    let (out, _) = run_into(&[&fixtures().join("chumphon-ita-2564-2565.xlsx")], &[]);
    let memo = out.path().join("เทศบาลตำบลพะโต๊ะ.docx");
    let first = std::fs::read(&memo).unwrap();
    std::fs::write(&memo, "damaged").unwrap();
    std::fs::write(out.path().join("บันทึกของฉัน.txt"), "mine").unwrap();
    let output = Command::new(env!("CARGO_BIN_EXE_itamemo"))
        .arg(fixtures().join("chumphon-ita-2564-2565.xlsx"))
        .arg("--out")
        .arg(out.path())
        .args(["--date", common::MEMO_DATE])
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(0));
    assert_eq!(std::fs::read(&memo).unwrap(), first, "replaced whole");
    assert_eq!(
        std::fs::read_to_string(out.path().join("บันทึกของฉัน.txt")).unwrap(),
        "mine"
    );
    let leftovers: Vec<_> = walk(out.path())
        .into_iter()
        .filter(|p| {
            p.file_name()
                .unwrap()
                .to_string_lossy()
                .starts_with(".itamemo-")
        })
        .collect();
    assert!(leftovers.is_empty(), "no temporary files: {leftovers:?}");
}

#[test]
fn unsafe_and_colliding_unit_names_each_get_a_safe_file() {
    let dir = tempfile::tempdir().unwrap();
    let mut book = rust_xlsxwriter::Workbook::new();
    let sheet_2565 = book.add_worksheet().set_name("ITA 2565").unwrap();
    common::write_wide_header(sheet_2565, false);
    let units = [
        ("เทศบาลตำบลบางน้ำ", "ท่าแซะ"),
        ("เทศบาลตำบลบางน้ำ", "สวี"),
        ("อบต. ../../นอกโฟลเดอร์", "สวี"),
        ("CON", "สวี"),
        ("เทศบาลตำบลจุด...", "สวี"),
    ];
    for (k, (name, district)) in units.iter().enumerate() {
        let row = k as u32 + 1;
        sheet_2565.write_string(row, 0, *name).unwrap();
        sheet_2565.write_string(row, 1, *district).unwrap();
        sheet_2565.write_string(row, 2, "ชุมพร").unwrap();
        for c in 3..14 {
            sheet_2565.write_number(row, c, 88.0).unwrap();
        }
    }
    book.save(dir.path().join("names.xlsx")).unwrap();
    let (out, output) = run_into(&[dir.path()], &[]);
    assert_eq!(output.status.code(), Some(0), "{}", stdout(&output));
    let mut names: Vec<String> = std::fs::read_dir(out.path())
        .unwrap()
        .flatten()
        .map(|e| e.file_name().to_string_lossy().to_string())
        .filter(|n| n.ends_with(".docx"))
        .collect();
    names.sort();
    assert_eq!(
        names,
        [
            "_CON.docx",
            "itamemo-summary.docx",
            "องค์การบริหารส่วนตำบล.._.._นอกโฟลเดอร์.docx",
            "เทศบาลตำบลจุด.docx",
            "เทศบาลตำบลบางน้ำ อำเภอสวี จังหวัดชุมพร.docx",
            "เทศบาลตำบลบางน้ำ.docx",
        ]
    );
    assert!(!dir
        .path()
        .parent()
        .unwrap()
        .join("นอกโฟลเดอร์.docx")
        .exists());
}

#[test]
fn progress_is_plain_lines_when_nobody_watches() {
    let (_, output) = run_into(&[&fixtures()], &["--jobs", "1"]);
    let progress = String::from_utf8_lossy(&output.stderr);
    let files = walk(&fixtures()).len();
    assert!(
        progress.contains(&format!("อ่านไฟล์: {files} รายการ")),
        "{progress}"
    );
    assert!(
        progress.contains(&format!("อ่านไฟล์แล้ว {files} ไฟล์ พบ 4 หน่วยงาน")),
        "{progress}"
    );
    assert!(progress.contains("เขียนบันทึกแล้ว 4 ฉบับ"), "{progress}");
    assert!(
        !progress.contains('\u{1b}'),
        "no terminal escapes in a log: {progress:?}"
    );
}

/// The report's column of indicators to improve says what each memo asks: those
/// that fell or are below the threshold, and an OIT indicator short of 100 whose
/// items the export does not give, as "9 (ยังมีข้อที่ไม่ผ่าน)" where its memo's
/// line ends "แต่ยังมีข้อที่ไม่ผ่าน".
#[test]
fn the_reports_indicators_to_improve_are_those_the_memos_ask_for() {
    // The export without item scores: indicators 9 and 10 are scored by items.
    let export = fixtures().join("chumphon-ita-2564-2565.xlsx");
    let (out, output) = run_into(&[&export], &[]);
    assert_eq!(output.status.code(), Some(0), "{}", stdout(&output));
    let units = common::sheet_rows(&out.path().join("itamemo-report.xlsx"), "หน่วยงาน").unwrap();
    let json: serde_json::Value =
        serde_json::from_slice(&std::fs::read(out.path().join("itamemo-report.json")).unwrap())
            .unwrap();
    let unnamed_line = regex::Regex::new(r"^2\.\d+\.\d+ ตัวชี้วัดที่ (\d+) .*\) แต่ยังมีข้อที่ไม่ผ่าน$").unwrap();
    let mut unnamed_seen = 0;
    for row in &units[1..] {
        let memo = common::docx_text(&out.path().join(&row[12]));
        let arabic = itamemo_model::thai::to_arabic_digits(&memo);
        // In the memo by group (2.3 to 2.7); in the report by number.
        let mut asked: Vec<u8> = arabic
            .lines()
            .filter_map(|l| unnamed_line.captures(l).map(|c| c[1].parse().unwrap()))
            .collect();
        asked.sort();
        let asked: Vec<String> = asked.iter().map(u8::to_string).collect();
        let entry = json["units"]
            .as_array()
            .unwrap()
            .iter()
            .find(|u| u["name"] == row[1].as_str())
            .unwrap();
        let numbers = |key: &str| -> Vec<String> {
            let list = entry[key].as_array().unwrap();
            list.iter().map(|n| n.to_string()).collect()
        };
        let (weak, unnamed) = (numbers("needs_work"), numbers("unmet_items_unnamed"));
        assert_eq!(unnamed, asked, "{}: the .json against the memo", row[1]);
        let column: Vec<String> = weak
            .iter()
            .cloned()
            .chain(unnamed.iter().map(|n| format!("{n} (ยังมีข้อที่ไม่ผ่าน)")))
            .collect();
        assert_eq!(row[11], column.join(", "), "{}", row[1]);
        unnamed_seen += unnamed.len();
    }
    assert!(
        unnamed_seen > 0,
        "the export gives no OIT items, and some score below 100"
    );
}

/// A province's own office (a table without districts) is named on the screen
/// by its province alone, not as "(อำเภอ จังหวัดชุมพร)".
#[test]
fn a_unit_without_a_district_is_placed_by_its_province_alone() {
    let data = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/provinces.xlsx");
    let run = Run::of(&[&data], &[]);
    run.says("[เขียนแล้ว] จังหวัดชุมพร (จังหวัดชุมพร) -> จังหวัดชุมพร.docx");
    assert!(!run.report.contains("(อำเภอ "), "{}", run.report);
}
