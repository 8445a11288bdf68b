//! Inputs from many hands: broken, huge, strange. None crashes the run, escapes
//! the output folder, or loses a unit without a reason.

mod common;

use std::io::Write;
use std::path::Path;
use std::process::Command;

use common::run::Run;
use common::{docx_text, fixtures, stdout, MEMO_DATE};
use rust_xlsxwriter::{ExcelDateTime, Workbook};

fn run(dir: &Path, extra: &[&str]) -> Run {
    Run::of(&[dir], extra)
}

/// `run`, with one of the test-only fault hooks set: (variable, what it targets).
fn run_with_fault(dir: &Path, hook: (&str, &str), extra: &[&str]) -> Run {
    run_with_faults(dir, &[hook], extra)
}

/// `run`, with the test-only fault hooks `hooks` set.
fn run_with_faults(dir: &Path, hooks: &[(&str, &str)], extra: &[&str]) -> Run {
    let out = tempfile::tempdir().unwrap();
    let output = Command::new(env!("CARGO_BIN_EXE_itamemo"))
        .arg(dir)
        .arg("--out")
        .arg(out.path())
        .args(["--date", MEMO_DATE])
        .args(extra)
        .envs(hooks.iter().copied())
        .output()
        .unwrap();
    Run {
        report: stdout(&output),
        code: output.status.code(),
        out,
    }
}

/// The tidy export beside the hostile files, as good.xlsx: its four memos show
/// that the run went on.
fn add_good_export(dir: &Path) {
    std::fs::copy(
        fixtures().join("chumphon-ita-2564-2565.xlsx"),
        dir.join("good.xlsx"),
    )
    .unwrap();
}

/// A folder of the good export and a copy of the tidy .ods named `name`, for a
/// fault hook to target.
fn good_export_and_ods_copy(name: &str) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    add_good_export(dir.path());
    std::fs::copy(
        fixtures().join("chumphon-ita-2564-2565.ods"),
        dir.path().join(name),
    )
    .unwrap();
    dir
}

/// One unit in a tidy 2565 sheet, its name and one cell as the test wants.
fn one_unit(path: &Path, name: &str, edit: impl Fn(&mut rust_xlsxwriter::Worksheet)) {
    let mut book = Workbook::new();
    let sheet = book.add_worksheet().set_name("ITA 2565").unwrap();
    common::write_wide_header(sheet, false);
    sheet.write_string(1, 0, name).unwrap();
    sheet.write_string(1, 1, "เมือง").unwrap();
    sheet.write_string(1, 2, "ชุมพร").unwrap();
    for c in 3..14 {
        sheet.write_number(1, c, 88.0).unwrap();
    }
    edit(sheet);
    book.save(path).unwrap();
}

#[test]
fn a_zip_bomb_named_xlsx_is_refused_before_it_is_unpacked() {
    let dir = tempfile::tempdir().unwrap();
    let mut bomb =
        zip::ZipWriter::new(std::fs::File::create(dir.path().join("bomb.xlsx")).unwrap());
    let options = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated);
    bomb.start_file("xl/worksheets/sheet1.xml", options)
        .unwrap();
    let zeros = vec![b'0'; 1024 * 1024];
    for _ in 0..12 {
        bomb.write_all(&zeros).unwrap();
    }
    bomb.finish().unwrap();
    add_good_export(dir.path());
    let run = run(dir.path(), &["--max-unpacked-mb", "5"]);
    assert_eq!(run.code, Some(1), "{}", run.report);
    run.reports("file_unreadable", "unpacks_too_big", "bomb.xlsx");
    run.says("[อ่านไม่ได้] bomb.xlsx: ไฟล์นี้เมื่อคลายการบีบอัดจะใหญ่ 12 MB เกินขีดจำกัด 5 MB (อาจเป็นไฟล์อันตรายแบบ zip bomb)");
    run.says("ปรับได้ด้วย --max-unpacked-mb");
    run.says("เขียนบันทึกแล้ว: 4 ฉบับ");
}

#[test]
fn a_huge_file_is_refused_at_the_limit_and_read_below_it() {
    let dir = tempfile::tempdir().unwrap();
    // 50 MB of nothing, named as a workbook.
    std::fs::File::create(dir.path().join("big.xlsx"))
        .unwrap()
        .set_len(50 * 1024 * 1024)
        .unwrap();
    let run = run(dir.path(), &[]);
    assert_eq!(run.code, Some(2), "nothing readable:\n{}", run.report);
    run.says("[อ่านไม่ได้] big.xlsx: ไม่ใช่ไฟล์ .xlsx ที่อ่านได้");
    // With an export beside it, the run writes its report, which names the file.
    add_good_export(dir.path());
    let run = self::run(dir.path(), &["--max-file-mb", "10"]);
    assert_eq!(run.code, Some(1), "{}", run.report);
    run.reports("file_unreadable", "file_too_big", "big.xlsx");
    run.says("[อ่านไม่ได้] big.xlsx: ไฟล์ใหญ่ 50 MB เกินขีดจำกัด 10 MB จึงไม่ได้อ่าน (ถ้าเป็นไฟล์จริง ปรับได้ด้วย --max-file-mb)");
}

#[test]
fn a_sheet_with_a_million_rows_is_read_or_refused_with_its_limit() {
    let dir = tempfile::tempdir().unwrap();
    let mut csv = String::from("ชื่อหน่วยงาน,อำเภอ,จังหวัด,ปีงบประมาณ,คะแนน ITA\n");
    for i in 0..1_000_000 {
        csv.push_str(&format!("หน่วยงานว่าง{i},เมือง,ชุมพร,2565,\n"));
    }
    csv.push_str("เทศบาลตำบลท้ายตาราง,เมือง,ชุมพร,2565,88\n");
    std::fs::write(dir.path().join("million.csv"), csv).unwrap();
    let run = self::run(dir.path(), &["--max-rows", "500000"]);
    run.says("มี 1000002 แถว เกินขีดจำกัด 500000 แถว จึงไม่ได้อ่านชีตนี้ (ถ้าเป็นข้อมูลจริง ปรับได้ด้วย --max-rows)");
    let run = self::run(dir.path(), &[]);
    // Read: the rows without scores are summed up, and the last row's unit is found.
    run.says("แถวที่ 21 (\"หน่วยงานว่าง19\") ไม่มีคะแนนใด ๆ");
    run.says("และอีก 1 ข้อความ ดูในรายงาน");
    run.says("[ไม่ได้เขียน] เทศบาลตำบลท้ายตาราง");
    assert_eq!(run.code, Some(1));
}

#[test]
fn files_that_are_not_what_their_names_say_are_named() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("web.xls"),
        "<html><body><table><tr><td>ITA</td></tr></table></body></html>",
    )
    .unwrap();
    std::fs::write(dir.path().join("comma.xls"), "ชื่อหน่วยงาน,คะแนน ITA\nก,88\n").unwrap();
    std::fs::write(dir.path().join("empty.xlsx"), "").unwrap();
    let bytes = std::fs::read(fixtures().join("chumphon-ita-2564-2565.ods")).unwrap();
    std::fs::write(dir.path().join("cut.ods"), &bytes[..bytes.len() / 3]).unwrap();
    add_good_export(dir.path());
    let run = run(dir.path(), &[]);
    assert_eq!(run.code, Some(1), "{}", run.report);
    run.reports("file_unreadable", "not_readable_as", "web.xls");
    run.reports("file_unreadable", "not_readable_as", "comma.xls");
    run.reports("file_unreadable", "empty_file", "empty.xlsx");
    run.reports("file_unreadable", "not_readable_as", "cut.ods");
    run.says("[อ่านไม่ได้] web.xls: ไม่ใช่ไฟล์ .xls ที่อ่านได้");
    // Plain Thai on the screen: the reader's English words go only to the .json,
    // for whoever helps the officer.
    for file in ["web.xls", "comma.xls", "cut.ods"] {
        let line = run
            .report
            .lines()
            .find(|l| l.contains(&format!("] {file}:")))
            .unwrap_or_else(|| panic!("no line for {file}:\n{}", run.report));
        let (_, message) = line.split_once(&format!("{file}: ")).unwrap();
        let latin: String = message
            .replace(".xls", "")
            .replace(".ods", "")
            .chars()
            .filter(char::is_ascii_alphabetic)
            .collect();
        assert!(latin.is_empty(), "{line}");
    }
    let cut = run.file_entry("cut.ods");
    assert!(!cut["reason"].as_str().unwrap().is_empty());
    assert!(
        cut["reason_detail"].as_str().is_some_and(|d| !d.is_empty()),
        "{cut}"
    );
}

#[test]
fn a_workbook_of_hundreds_of_sheets_is_read_once_and_summed_up() {
    let dir = tempfile::tempdir().unwrap();
    let mut book = Workbook::new();
    for n in 0..300 {
        book.add_worksheet()
            .set_name(format!("บันทึก {n}"))
            .unwrap()
            .write_string(0, 0, "หมายเหตุ")
            .unwrap();
    }
    book.save(dir.path().join("sheets.xlsx")).unwrap();
    add_good_export(dir.path());
    let run = run(dir.path(), &[]);
    run.reports("file_unreadable", "no_score_table", "sheets.xlsx");
    run.says("(ตรวจแล้ว 300 ชีต)");
    run.says("และอีก 280 ข้อความ ดูในรายงาน");
    run.says("เขียนบันทึกแล้ว: 4 ฉบับ");
}

#[test]
fn dates_and_error_values_where_scores_should_be_are_placed() {
    let dir = tempfile::tempdir().unwrap();
    one_unit(
        &dir.path().join("dates.xlsx"),
        "เทศบาลตำบลวันที่",
        |sheet| {
            let date = ExcelDateTime::from_ymd(2023, 3, 17).unwrap();
            let format = rust_xlsxwriter::Format::new().set_num_format("yyyy-mm-dd");
            sheet
                .write_datetime_with_format(1, 4, &date, &format)
                .unwrap();
        },
    );
    // A score typed into a cell formatted as a date: Excel shows "27/3/1900".
    one_unit(
        &dir.path().join("score-as-date.xlsx"),
        "เทศบาลตำบลคะแนนวันที่",
        |sheet| {
            let format = rust_xlsxwriter::Format::new().set_num_format("d/m/yyyy");
            sheet
                .write_number_with_format(1, 5, 88.59, &format)
                .unwrap();
        },
    );
    let run = run(dir.path(), &[]);
    assert_eq!(run.code, Some(1), "{}", run.report);
    run.reports("unit_without_memo", "value_date_formatted", "เทศบาลตำบลวันที่");
    run.says("dates.xlsx, ชีต \"ITA 2565\", เซลล์ E2:");
    run.reports(
        "unit_without_memo",
        "value_date_formatted",
        "เทศบาลตำบลคะแนนวันที่",
    );
    run.says("score-as-date.xlsx, ชีต \"ITA 2565\", เซลล์ F2: เซลล์นี้จัดรูปแบบเป็นวันที่ (ค่าในเซลล์คือ 88.59) จึงไม่อ่านเป็นคะแนน: ถ้าเป็นคะแนน ให้เปลี่ยนรูปแบบเซลล์เป็นตัวเลข");
}

#[test]
fn hostile_unit_names_are_shown_escaped_and_filed_safely() {
    let dir = tempfile::tempdir().unwrap();
    let name = "ทต.<ก&ข>\"/..\\\u{202E}ค\u{0}\u{1}😀";
    one_unit(&dir.path().join("names.xlsx"), name, |_| {});
    // Excel keeps a cell to 32,767 characters; a CSV does not.
    let long = "ก".repeat(100_000);
    let mut csv = String::from("ชื่อหน่วยงาน,อำเภอ,จังหวัด,ปีงบประมาณ");
    for n in 1..=10 {
        csv.push_str(&format!(",ตัวชี้วัดที่ {n}"));
    }
    csv.push_str(&format!(",คะแนน ITA\nเทศบาลตำบล{long},เมือง,ชุมพร,2565"));
    csv.push_str(&",88".repeat(11));
    std::fs::write(dir.path().join("long.csv"), csv).unwrap();
    let run = run(dir.path(), &[]);
    assert_eq!(
        run.code,
        Some(0),
        "{}",
        &run.report[..run.report.len().min(3000)]
    );
    assert!(run.report.len() < 5000, "a long name is cut on screen");
    let files: Vec<String> = std::fs::read_dir(run.out.path())
        .unwrap()
        .flatten()
        .map(|e| e.file_name().to_string_lossy().to_string())
        .filter(|n| n.ends_with(".docx") && n != "itamemo-summary.docx")
        .collect();
    assert_eq!(files.len(), 2, "{files:?}");
    let hostile = files.iter().find(|f| f.contains("ค")).unwrap();
    assert_eq!(hostile, "เทศบาลตำบล_ก&ข___.._ค😀.docx");
    let memo = docx_text(&run.out.path().join(hostile));
    assert!(
        memo.contains("ของเทศบาลตำบล<ก&ข>\"/..\\ค😀 ประจำปีงบประมาณ"),
        "shown as typed, less the controls"
    );
    let long_file = files
        .iter()
        .find(|f| f.starts_with("เทศบาลตำบลกก"))
        .unwrap();
    assert!(long_file.len() <= 130, "{} bytes", long_file.len());
    assert!(docx_text(&run.out.path().join(long_file)).contains(&long[..3000]));
    let outside: Vec<_> = std::fs::read_dir(run.out.path().parent().unwrap())
        .unwrap()
        .flatten()
        .filter(|e| e.file_name().to_string_lossy().contains("😀"))
        .collect();
    assert!(
        outside.is_empty(),
        "nothing written outside the output folder"
    );
}

/// A score cell of 100,000 characters is quoted in the reason by its start and
/// its length: the screen and the report files stay readable.
#[test]
fn a_score_cell_of_100000_characters_is_quoted_short() {
    let dir = tempfile::tempdir().unwrap();
    let mut csv = String::from("ชื่อหน่วยงาน,อำเภอ,จังหวัด,ปีงบประมาณ");
    for n in 1..=10 {
        csv.push_str(&format!(",ตัวชี้วัดที่ {n}"));
    }
    csv.push_str("\nเทศบาลตำบลยาว,เมือง,ชุมพร,2565,");
    csv.push_str(&"ก".repeat(100_000));
    csv.push_str(&",88".repeat(10));
    std::fs::write(dir.path().join("long-score.csv"), csv).unwrap();
    let run = run(dir.path(), &[]);
    run.says(&format!(
        "long-score.csv, ชีต \"CSV\", เซลล์ E2: \"{}… (100000 ตัวอักษร)\" ไม่ใช่คะแนน",
        "ก".repeat(40)
    ));
    assert!(
        run.report.len() < 5000,
        "{} bytes on screen",
        run.report.len()
    );
    let json = std::fs::read_to_string(run.out.path().join("itamemo-report.json")).unwrap();
    assert!(json.len() < 20_000, "{} bytes in the report", json.len());
}

#[test]
fn a_panic_in_one_file_or_unit_is_reported_and_the_others_go_on() {
    let dir = good_export_and_ods_copy("doomed.ods");
    for target in ["doomed.ods", "เทศบาลตำบลละแม"] {
        let run = run_with_fault(dir.path(), ("ITAMEMO_PANIC_FOR", target), &[]);
        let report = &run.report;
        assert_eq!(run.code, Some(1), "{report}");
        assert!(report.contains("โปรแกรมขัดข้อง"), "{report}");
        assert!(
            report.contains(target),
            "the report names {target}:\n{report}"
        );
        let expected = if target == "doomed.ods" { 4 } else { 3 };
        assert_eq!(run.memos(), expected, "the others are written:\n{report}");
    }
}

/// A file whose reading never ends (the fault hook stalls it, as a reader caught
/// in a loop would) is given up after --max-file-seconds and reported with the
/// limit and the option; the other files give their memos and the run ends.
#[test]
fn a_file_that_never_finishes_reading_is_given_up_at_the_time_limit() {
    let dir = good_export_and_ods_copy("endless.ods");
    let run = run_with_fault(
        dir.path(),
        ("ITAMEMO_STALL_FOR", "endless.ods"),
        &["--max-file-seconds", "1"],
    );
    let report = &run.report;
    assert_eq!(run.code, Some(1), "{report}");
    assert!(
        report.contains("[อ่านไม่ได้] endless.ods: อ่านไฟล์นี้นานเกิน 1 วินาที จึงข้ามไปอ่านไฟล์อื่น"),
        "{report}"
    );
    assert!(report.contains("--max-file-seconds"), "{report}");
    assert!(report.contains("[อ่านแล้ว] good.xlsx"), "{report}");
    assert!(report.contains("เขียนบันทึกแล้ว: 4 ฉบับ"), "{report}");
}

/// A national export (two sheets, a year each) read from a disk that fails
/// at the end of one of its sheets (EIO, as at a bad spot): the file fails
/// as a whole with the system's words, as when its bytes were read whole, and
/// none of its units gets a memo from the other sheet alone; the tidy export
/// beside it gives its four.
#[test]
fn a_disk_that_fails_partway_through_a_workbook_fails_the_whole_file() {
    let (dir, national) = good_export_and_national();
    for sheet in ["xl/worksheets/sheet1.xml", "xl/worksheets/sheet2.xml"] {
        let at = end_of_entry(&national, sheet).to_string();
        let run = run_with_faults(
            dir.path(),
            &[
                ("ITAMEMO_DISK_FAILS_FOR", "national.xlsx"),
                ("ITAMEMO_DISK_FAULT_AT", &at),
            ],
            &[],
        );
        assert_eq!(run.code, Some(1), "in {sheet}: {}", run.report);
        run.says(
            "[อ่านไม่ได้] national.xlsx: เปิดไฟล์ไม่ได้ \
             (ระบบปฏิบัติการแจ้งข้อผิดพลาด: Input/output error (os error 5))",
        );
        assert_eq!(run.memos(), 4, "in {sheet}: {}", run.report);
    }
}

/// A folder of the good export and a national export of 3,000 units, each of
/// whose sheets packs to many times the reader's buffer (8 KiB), as
/// national.xlsx.
fn good_export_and_national() -> (tempfile::TempDir, std::path::PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    add_good_export(dir.path());
    let national = dir.path().join("national.xlsx");
    write_national_export(&national, 3_000);
    (dir, national)
}

/// The last of a zip entry's packed bytes, which only the entry's own reading
/// meets: the entry is many times the reader's buffer (8 KiB), so the buffer
/// filled when a neighbouring entry is read stops short of it.
fn end_of_entry(path: &Path, entry: &str) -> u64 {
    let mut zip = zip::ZipArchive::new(std::fs::File::open(path).unwrap()).unwrap();
    let entry = zip.by_name(entry).unwrap();
    assert!(
        entry.compressed_size() > 96 * 1024,
        "{}",
        entry.compressed_size()
    );
    entry.data_start().unwrap() + entry.compressed_size() - 1
}

/// A disk that stops answering at the end of a workbook's second sheet (a
/// network share gone): with one job, the file is given up at --max-file-seconds and the
/// other file's memos are written. The hang holds the file's own thread, never
/// the one thread the memos are written on; a run that hangs is stopped here
/// after a minute and fails the test.
#[test]
fn a_disk_that_hangs_partway_through_a_workbook_is_given_up_and_the_run_goes_on() {
    let (dir, national) = good_export_and_national();
    let at = end_of_entry(&national, "xl/worksheets/sheet2.xml").to_string();
    let out = tempfile::tempdir().unwrap();
    let mut child = Command::new(env!("CARGO_BIN_EXE_itamemo"))
        .arg(dir.path())
        .arg("--out")
        .arg(out.path())
        .args([
            "--date",
            MEMO_DATE,
            "--jobs",
            "1",
            "--max-file-seconds",
            "2",
        ])
        .env("ITAMEMO_DISK_STALLS_FOR", "national.xlsx")
        .env("ITAMEMO_DISK_FAULT_AT", &at)
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    let started = std::time::Instant::now();
    while child.try_wait().unwrap().is_none() {
        if started.elapsed() > std::time::Duration::from_secs(60) {
            child.kill().unwrap();
            panic!("the run hung on the stalled disk");
        }
        std::thread::sleep(std::time::Duration::from_millis(50));
    }
    let output = child.wait_with_output().unwrap();
    let run = Run {
        report: stdout(&output),
        code: output.status.code(),
        out,
    };
    assert_eq!(run.code, Some(1), "{}", run.report);
    run.says("[อ่านไม่ได้] national.xlsx: อ่านไฟล์นี้นานเกิน 2 วินาที จึงข้ามไปอ่านไฟล์อื่น");
    assert_eq!(run.memos(), 4, "{}", run.report);
}

/// Found by tests/fuzz_ingest.rs: broken .xls files. A Dimensions record that
/// ends before it starts makes calamine's subtraction overflow (in a release
/// build without overflow checks it asked for a petabyte and aborted the run):
/// the panic is caught and the file reported. Two truncated compound files, one
/// that made calamine's CFB code panic and one it read far enough to reserve
/// terabytes and abort, are refused as damaged before calamine sees them. The
/// other files are read.
#[test]
fn a_file_that_crashes_a_reader_is_reported_and_the_rest_is_read() {
    let dir = tempfile::tempdir().unwrap();
    let found = [
        "fuzz-cfb-slice.xls",
        "fuzz-xls-dimensions.xls",
        "fuzz-truncated-fat.xls",
    ];
    for found in found {
        std::fs::copy(
            common::repo_root().join("tests/data").join(found),
            dir.path().join(found),
        )
        .unwrap();
    }
    add_good_export(dir.path());
    let run = run(dir.path(), &[]);
    assert_eq!(run.code, Some(1), "{}", run.report);
    run.reports(
        "file_unreadable",
        "reader_crashed",
        "fuzz-xls-dimensions.xls",
    );
    run.says("[อ่านไม่ได้] fuzz-xls-dimensions.xls: โปรแกรมขัดข้องขณะอ่านไฟล์นี้ (attempt to subtract with overflow)");
    // The reader's words ("Malformed FAT ...") go to the .json, not the screen.
    for damaged in ["fuzz-cfb-slice.xls", "fuzz-truncated-fat.xls"] {
        run.says(&format!(
            "[อ่านไม่ได้] {damaged}: ไฟล์ .xls นี้เสียหาย โครงสร้างภายในไฟล์ไม่ครบ จึงไม่ได้อ่าน"
        ));
        let file = run.file_entry(damaged);
        assert!(
            file["reason_detail"]
                .as_str()
                .is_some_and(|d| d.starts_with("Malformed FAT")),
            "{file}"
        );
    }
    run.says("เขียนบันทึกแล้ว: 4 ฉบับ");
}

/// One value typed far away, at XFD1048576, makes a valid 5 KB workbook a sheet of
/// 17 billion cells, which the reader would lay out in memory at once (and abort
/// the run). It is refused before reading, with the farthest cell named; so is a
/// CSV line of a million commas, and an .ods whose one cell is repeated over
/// 9,000 rows x 10,000 columns (a few bytes in the file, 5 GB in memory).
#[test]
fn a_stray_value_far_away_is_refused_before_it_fills_the_memory() {
    let dir = tempfile::tempdir().unwrap();
    let mut book = Workbook::new();
    let sheet = book.add_worksheet().set_name("ITA 2565").unwrap();
    sheet.write_string(0, 0, "ชื่อหน่วยงาน").unwrap();
    sheet.write_string(1_048_575, 16_383, "x").unwrap();
    book.save(dir.path().join("far.xlsx")).unwrap();
    let mut wide = "ชื่อหน่วยงาน,".as_bytes().to_vec();
    wide.extend(std::iter::repeat_n(b',', 1_000_000));
    wide.extend_from_slice("\nก\n".repeat(30).as_bytes());
    std::fs::write(dir.path().join("wide.csv"), wide).unwrap();
    let mut ods = spreadsheet_ods::WorkBook::new_empty();
    let mut repeated = spreadsheet_ods::Sheet::new("ปี 2565");
    repeated.set_value(0, 0, "ชื่อหน่วยงาน");
    repeated.set_value(1, 0, 1.0);
    repeated.set_cell_repeat(1, 0, 10_000);
    repeated.set_row_repeat(1, 9_000);
    ods.push_sheet(repeated);
    spreadsheet_ods::write_ods(&mut ods, dir.path().join("filled.ods")).unwrap();
    add_good_export(dir.path());
    let run = run(dir.path(), &[]);
    assert_eq!(run.code, Some(1), "{}", run.report);
    run.says("[อ่านไม่ได้] far.xlsx: ไม่พบตารางคะแนน ITA ในไฟล์นี้ (ตรวจแล้ว 1 ชีต)");
    run.says("ชีต \"ITA 2565\": มีข้อมูลไกลถึงเซลล์ XFD1048576 (1048576 แถว × 16384 คอลัมน์) เกินขีดจำกัด");
    run.says(
        "[อ่านไม่ได้] wide.csv: ไฟล์ .csv นี้เป็นตาราง 31 แถว × 1000002 คอลัมน์ เกินขีดจำกัด 20000000 เซลล์",
    );
    run.says("[อ่านไม่ได้] filled.ods: ชีต \"ปี 2565\" มีข้อมูลไกลถึงเซลล์ NTP9001 (9001 แถว × 10000 คอลัมน์) เกินขีดจำกัด",
    );
    run.says("เขียนบันทึกแล้ว: 4 ฉบับ");
}

/// The first `record` (type and length, as BIFF writes them) in an .xls file, its
/// data overwritten from `at` with `bytes`: a real LibreOffice file with one
/// corrupt record.
fn corrupt_xls_record(record: [u8; 4], at: usize, bytes: &[u8]) -> Vec<u8> {
    let mut file = std::fs::read(fixtures().join("layouts/sheet-per-year.xls")).unwrap();
    let found = file
        .windows(4)
        .position(|w| w == record)
        .expect("the fixture holds the record");
    let start = found + 4 + at;
    file[start..start + bytes.len()].copy_from_slice(bytes);
    file
}

/// A workbook whose one sheet cannot be read (a stray value far away) and whose
/// other sheet gives scores: the file is read, the line and the report files say
/// a sheet was not, and the run does not end as a clean one (exit code 1), since
/// scores may be missing from the memos.
#[test]
fn a_sheet_that_cannot_be_read_is_counted_and_the_run_is_not_clean() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("half.xlsx");
    let mut book = Workbook::new();
    let far = book.add_worksheet().set_name("ITA 2564").unwrap();
    common::write_wide_header(far, false);
    far.write_string(1_048_575, 16_383, "x").unwrap();
    let good = book.add_worksheet().set_name("ITA 2565").unwrap();
    common::write_wide_header(good, false);
    good.write_string(1, 0, "เทศบาลตำบลครึ่ง").unwrap();
    good.write_string(1, 1, "เมือง").unwrap();
    good.write_string(1, 2, "ชุมพร").unwrap();
    for c in 3..14 {
        good.write_number(1, c, 88.0).unwrap();
    }
    book.save(&path).unwrap();
    let run = run(dir.path(), &[]);
    assert_eq!(run.code, Some(1), "{}", run.report);
    run.says("[อ่านแล้ว] half.xlsx: 1 ตาราง, 1 แถวคะแนน, อ่านไม่ได้ 1 ชีต (คะแนนในชีตนั้นไม่ได้ใช้)");
    run.says("ชีต \"ITA 2564\": มีข้อมูลไกลถึงเซลล์ XFD1048576");
    let json = std::fs::read_to_string(run.out.path().join("itamemo-report.json")).unwrap();
    assert!(json.contains("\"unreadable_sheets\":1"), "{json}");
}

/// A corrupt .xls record (a cell at row and column 65,001, a DIMENSIONS record
/// claiming four billion rows) would make the reader ask for terabytes at once,
/// and a failed allocation ends the whole run. Both are refused before the file
/// is read, and the other files still give their memos.
#[test]
fn a_corrupt_xls_record_is_refused_before_it_fills_the_memory() {
    let dir = tempfile::tempdir().unwrap();
    let far = 65_000u16.to_le_bytes();
    let far_cell = corrupt_xls_record([0xFD, 0x00, 0x0A, 0x00], 0, &[far, far].concat());
    std::fs::write(dir.path().join("far-cell.xls"), far_cell).unwrap();
    let rows = corrupt_xls_record([0x00, 0x02, 0x0E, 0x00], 4, &0xF000_0000u32.to_le_bytes());
    std::fs::write(dir.path().join("huge-dimensions.xls"), rows).unwrap();
    add_good_export(dir.path());
    let run = run(dir.path(), &[]);
    assert_eq!(run.code, Some(1), "{}", run.report);
    run.says("[อ่านไม่ได้] far-cell.xls: ชีตที่ 1 มีข้อมูลไกลถึงเซลล์ CRDA65001 (65000 แถว × 65001 คอลัมน์) เกินขีดจำกัด",
    );
    run.says("[อ่านไม่ได้] huge-dimensions.xls: ชีตที่ 1 ระบุขนาดตารางไว้ 68451041280 เซลล์ เกินขีดจำกัด 20000000 เซลล์",
    );
    run.says("เขียนบันทึกแล้ว: 4 ฉบับ");
}

/// Every file an output folder holds, by name, with its bytes (the lock file
/// left aside).
fn files_in(dir: &Path) -> Vec<(String, Vec<u8>)> {
    let mut files: Vec<(String, Vec<u8>)> = std::fs::read_dir(dir)
        .unwrap()
        .flatten()
        .map(|e| e.file_name().to_string_lossy().to_string())
        .filter(|name| !name.starts_with('.'))
        .map(|name| {
            let bytes = std::fs::read(dir.join(&name)).unwrap();
            (name, bytes)
        })
        .collect();
    files.sort();
    files
}

/// The temporary files the run holds its units and outcomes in refuse every
/// write (a full disk, as the fault hook makes them): the units and outcomes
/// are held in memory, and the files written are byte for byte those of a run
/// whose temporary files took them, in an output folder there before the run
/// or one it makes (the units then go to the system's temporary folder).
#[test]
fn temporary_files_that_refuse_writes_leave_the_files_written_the_same() {
    let fixtures = fixtures();
    let run = |out: &Path, refused: bool| {
        let mut command = Command::new(env!("CARGO_BIN_EXE_itamemo"));
        command
            .arg(&fixtures)
            .arg("--out")
            .arg(out)
            .args(["--date", MEMO_DATE]);
        if refused {
            command.env("ITAMEMO_SPILL_REFUSED", "1");
        }
        let output = command.output().unwrap();
        assert!(output.status.code().is_some());
        // What it says, the output folder's name aside.
        stdout(&output).replace(&*out.to_string_lossy(), "OUT")
    };
    let kept = tempfile::tempdir().unwrap();
    let said = run(kept.path(), false);
    let kept = files_in(kept.path());
    assert!(kept.len() > 3, "{said}");
    let refused = tempfile::tempdir().unwrap();
    assert!(run(refused.path(), true) == said, "refused");
    assert!(files_in(refused.path()) == kept, "refused");
    let made = tempfile::tempdir().unwrap();
    let made = made.path().join("made by the run");
    assert!(run(&made, false) == said, "a folder made by the run");
    assert!(files_in(&made) == kept, "a folder made by the run");
}

/// The run's temporary files take what is written and give nothing back (a
/// failing disk, as the fault hook makes them): the run ends with one Thai
/// message saying so and what to do, exit 2, not an internal error repeated
/// for every unit, and leaves no temporary file behind.
#[test]
fn temporary_files_the_disk_cannot_give_back_end_the_run_with_one_message() {
    let out = tempfile::tempdir().unwrap();
    let output = Command::new(env!("CARGO_BIN_EXE_itamemo"))
        .arg(fixtures())
        .arg("--out")
        .arg(out.path())
        .args(["--date", MEMO_DATE])
        .env("ITAMEMO_SPILL_UNREADABLE", "1")
        .output()
        .unwrap();
    let said = ended_on_the_disk(&output);
    // The units are read back before the first memo is written: it says so,
    // and does not speak of memos written.
    assert!(said.contains("จึงหยุดทำงานก่อนเขียนบันทึกฉบับใด"), "{said}");
    assert!(!said.contains("ฉบับที่เขียนเสร็จแล้ว"), "{said}");
    let left: Vec<_> = std::fs::read_dir(out.path())
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .filter(|name| name.to_string_lossy().ends_with(".tmp"))
        .collect();
    assert!(left.is_empty(), "{left:?}");
}

/// A national export of 1,200 units in two sheets, whose rows each fill more
/// than one of the chunks a table's rows are held in while it is read: past
/// the first chunk they go to a temporary file, then into the run's store of
/// rows, itself a temporary file (issue 16). Those files refusing every write
/// (a full disk) leave every file written byte for byte the same; files that
/// cannot give the rows back end the run before any memo, with one message
/// naming the score rows, exit 2, and no temporary file left, in the output
/// folder or in the system's temporary folder.
#[test]
fn a_big_tables_rows_held_on_disk_while_read_meet_a_failing_disk_as_the_units_do() {
    let dir = tempfile::tempdir().unwrap();
    write_national_export(&dir.path().join("national.xlsx"), 1_200);
    // The system's temporary folder, for this test alone.
    let temp = tempfile::tempdir().unwrap();
    let run = |out: &Path, fault: Option<&str>| {
        let mut command = Command::new(env!("CARGO_BIN_EXE_itamemo"));
        command
            .arg(dir.path())
            .arg("--out")
            .arg(out)
            .args(["--date", MEMO_DATE])
            .env("TMPDIR", temp.path());
        if let Some(fault) = fault {
            command.env(fault, "1");
        }
        let output = command.output().unwrap();
        let left: Vec<_> = std::fs::read_dir(temp.path()).unwrap().flatten().collect();
        assert!(left.is_empty(), "temporary files left: {left:?}");
        output
    };
    let kept = tempfile::tempdir().unwrap();
    let said = run(kept.path(), None);
    assert_eq!(said.status.code(), Some(0), "{}", stdout(&said));
    let kept = files_in(kept.path());
    assert!(kept.len() > 1_200, "{} files", kept.len());
    let refused = tempfile::tempdir().unwrap();
    let output = run(refused.path(), Some("ITAMEMO_SPILL_REFUSED"));
    assert_eq!(output.status.code(), Some(0), "{}", stdout(&output));
    assert!(
        files_in(refused.path()) == kept,
        "the same files, held in memory"
    );
    let unreadable = tempfile::tempdir().unwrap();
    let output = run(unreadable.path(), Some("ITAMEMO_SPILL_UNREADABLE"));
    let said = ended_on_the_disk(&output);
    assert!(said.contains("อ่านแถวคะแนนที่พักไว้"), "{said}");
    assert!(said.contains("จึงหยุดทำงานก่อนเขียนบันทึกฉบับใด"), "{said}");
    let left: Vec<_> = std::fs::read_dir(unreadable.path())
        .unwrap()
        .flatten()
        .map(|e| e.file_name())
        .collect();
    assert!(left.is_empty(), "nothing written: {left:?}");
}

/// Twenty copies of a 1,500-unit export (two big tables each, 40 in all) read
/// with the process allowed 32 open files: every file is read and the run
/// ends as it does without the limit. The rows of each big table go to a
/// temporary file while it is read; holding those files open until the merge
/// (issue 16) made the files read after the first dozen fail with "Too many
/// open files".
#[cfg(unix)]
#[test]
fn many_big_tables_read_within_few_open_files() {
    let dir = tempfile::tempdir().unwrap();
    let first = dir.path().join("copy-01.xlsx");
    write_national_export(&first, 1_500);
    for n in 2..=20 {
        std::fs::copy(&first, dir.path().join(format!("copy-{n:02}.xlsx"))).unwrap();
    }
    let run = |limit: Option<u32>| {
        let out = tempfile::tempdir().unwrap();
        let script = match limit {
            Some(n) => format!("ulimit -n {n} && exec \"$0\" \"$@\""),
            None => "exec \"$0\" \"$@\"".to_string(),
        };
        let output = Command::new("sh")
            .arg("-c")
            .arg(script)
            .arg(env!("CARGO_BIN_EXE_itamemo"))
            .arg(dir.path())
            .arg("--out")
            .arg(out.path())
            .args(["--date", MEMO_DATE])
            .output()
            .unwrap();
        (
            output.status.code(),
            stdout(&output).replace(&*out.path().to_string_lossy(), "OUT"),
        )
    };
    let (code, said) = run(Some(32));
    assert!(said.contains("(อ่านได้ 20, อ่านไม่ได้ 0"), "{said}");
    assert!(!said.contains("Too many open files"), "{said}");
    assert_eq!((code, said), run(None));
}

/// A national export made as a province's office would get it: `units` units
/// of one province, a sheet a year (2564, 2565), ten indicators and the ITA
/// score each, every unit's rows some 100 bytes packed (400 fill a chunk).
fn write_national_export(path: &Path, units: u32) {
    let mut book = Workbook::new();
    for (year, shift) in [(2564, 0.0), (2565, 3.0)] {
        let sheet = book
            .add_worksheet()
            .set_name(format!("ITA {year}"))
            .unwrap();
        common::write_wide_header(sheet, false);
        for k in 0..units {
            let row = k + 1;
            let name = format!("องค์การบริหารส่วนตำบลบางน้ำ{k}");
            sheet.write_string(row, 0, &name).unwrap();
            sheet
                .write_string(row, 1, ["ท่าแซะ", "สวี", "ปะทิว"][k as usize % 3])
                .unwrap();
            sheet.write_string(row, 2, "ชุมพร").unwrap();
            for c in 3..14 {
                let score = 60.0 + f64::from((k * 7 + u32::from(c) * 3) % 35) + shift;
                sheet.write_number(row, c, score).unwrap();
            }
        }
    }
    book.save(path).unwrap();
}

/// The run ended on a temporary file the disk could not give back: one Thai
/// message saying so and what to do, exit 2, not an internal error. What it
/// said.
fn ended_on_the_disk(output: &std::process::Output) -> String {
    let said = String::from_utf8_lossy(&output.stderr).to_string();
    assert_eq!(output.status.code(), Some(2), "{said}");
    assert_eq!(said.matches("ดิสก์อาจมีปัญหา").count(), 1, "{said}");
    assert!(said.contains("ตรวจดิสก์แล้วเรียกโปรแกรมอีกครั้ง"), "{said}");
    assert!(!said.contains("ข้อผิดพลาดภายในโปรแกรม"), "{said}");
    said
}
