//! Folders as they are on office PCs and shared drives: thousands of other files,
//! links that loop, the same folder given twice, pipes and devices with a
//! spreadsheet's name, paths longer than the system takes, names from old Thai
//! systems. Each export is read once, and nothing here stops the run.

mod common;

use std::path::Path;

use common::run::Run;
use common::{fixtures, memos_in, stdout};

fn run(inputs: &[&Path], extra: &[&str]) -> Run {
    Run::of(inputs, extra)
}

fn add_export(dir: &Path, name: &str) {
    std::fs::copy(
        fixtures().join("chumphon-ita-2564-2565.xlsx"),
        dir.join(name),
    )
    .unwrap();
}

/// The four fixture units were found once each: no "found in two places" note.
fn read_once(run: &Run) {
    assert!(
        !run.report.contains("ชุดเดียวกันพบทั้งที่"),
        "each export read once:\n{}",
        run.report
    );
    run.says("หน่วยงานที่พบ: 4");
    assert_eq!(run.memos(), 4, "{}", run.report);
}

/// 3,000 files that are read (CSV files without a score table) beside one export.
/// Each file waited for on a pool thread used to run other files' reads nested on
/// its stack, and the run ended in a stack overflow (exit 134) with nothing
/// written. Every file is now read and reported, and the screen stays short.
#[test]
fn three_thousand_files_are_read_without_running_out_of_stack() {
    let dir = tempfile::tempdir().unwrap();
    for n in 0..3000 {
        std::fs::write(dir.path().join(format!("note-{n:04}.csv")), "a,b\n1,2\n").unwrap();
    }
    add_export(dir.path(), "export.xlsx");
    let run = run(&[dir.path()], &[]);
    assert_eq!(
        run.code,
        Some(1),
        "{}",
        &run.report[..run.report.len().min(3000)]
    );
    run.says("ไฟล์: 3001 ไฟล์ (อ่านได้ 1, อ่านไม่ได้ 3000, ข้าม 0)");
    run.says("[อ่านไม่ได้] และอีก 2980 ไฟล์");
    read_once(&run);
    assert!(run.report.lines().count() < 60, "{}", run.report);
}

/// 20,000 files that are not spreadsheets are one line on screen, not 20,000.
#[test]
fn twenty_thousand_other_files_are_one_line_on_screen() {
    let dir = tempfile::tempdir().unwrap();
    for n in 0..20_000 {
        std::fs::write(dir.path().join(format!("scan-{n:05}.pdf")), "").unwrap();
    }
    add_export(dir.path(), "export.xlsx");
    let run = run(&[dir.path()], &[]);
    assert_eq!(
        run.code,
        Some(0),
        "{}",
        &run.report[..run.report.len().min(3000)]
    );
    run.says("[ข้าม] 20000 ไฟล์: ไม่ใช่ไฟล์ตารางคำนวณ (.xlsx .xls .ods .csv) (scan-00000.pdf, scan-00001.pdf, scan-00002.pdf และอีก 19997 ไฟล์)",
    );
    assert!(run.report.lines().count() < 30, "{}", run.report);
    let json = std::fs::read_to_string(run.out.path().join("itamemo-report.json")).unwrap();
    let report: serde_json::Value = serde_json::from_str(&json).unwrap();
    let listed = report["files"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|f| f["file"].as_str().unwrap().starts_with("scan-"))
        .count();
    assert_eq!(listed, 20_000, "the report lists them all");
}

/// Two links to "." and one to "..": the folder is read once, the link up is
/// refused (it would read the folder again and everything beside it), and the run
/// ends (it used to loop with memory growing, or read the export 41 times).
#[cfg(unix)]
#[test]
fn links_that_loop_are_followed_once() {
    let parent = tempfile::tempdir().unwrap();
    let dir = parent.path().join("exports");
    std::fs::create_dir(&dir).unwrap();
    add_export(&dir, "export.xlsx");
    let sibling = parent.path().join("sibling");
    std::fs::create_dir(&sibling).unwrap();
    add_export(&sibling, "other.xlsx");
    std::os::unix::fs::symlink(".", dir.join("again")).unwrap();
    std::os::unix::fs::symlink(".", dir.join("once more")).unwrap();
    std::os::unix::fs::symlink("..", dir.join("up")).unwrap();
    let run = run(&[&dir], &[]);
    assert_eq!(run.code, Some(0), "{}", run.report);
    run.says("[อ่านแล้ว] export.xlsx");
    run.reports("file_skipped", "same_folder_as", "again");
    run.reports("file_skipped", "same_folder_as", "once more");
    run.reports("file_skipped", "link_above_root", "up");
    run.says("[ข้าม] up: ลิงก์นี้ชี้ย้อนขึ้นไปยังโฟลเดอร์ที่ครอบโฟลเดอร์ที่ให้มา");
    assert!(!run.report.contains("other.xlsx"), "{}", run.report);
    run.says("ไฟล์: 4 ไฟล์ (อ่านได้ 1, อ่านไม่ได้ 0, ข้าม 3)");
    read_once(&run);
}

/// The same folder given twice, a file and its folder, a link to a file beside
/// it: every export is read once, and each repeat is one line saying so.
#[cfg(unix)]
#[test]
fn a_file_is_read_once_however_it_was_named() {
    let dir = tempfile::tempdir().unwrap();
    add_export(dir.path(), "export.xlsx");
    std::os::unix::fs::symlink("export.xlsx", dir.path().join("link.xlsx")).unwrap();
    std::fs::hard_link(dir.path().join("export.xlsx"), dir.path().join("hard.xlsx")).unwrap();
    let file = dir.path().join("export.xlsx");
    let run = run(&[dir.path(), dir.path(), &file], &[]);
    assert_eq!(run.code, Some(0), "{}", run.report);
    run.says("[อ่านแล้ว] export.xlsx");
    run.says("[ข้าม] hard.xlsx: เป็นไฟล์เดียวกับ \"export.xlsx\" ซึ่งอ่านแล้ว");
    run.says("[ข้าม] link.xlsx: เป็นไฟล์เดียวกับ \"export.xlsx\" ซึ่งอ่านแล้ว");
    run.says("เป็นโฟลเดอร์เดียวกับ");
    run.says("ไฟล์: 5 ไฟล์ (อ่านได้ 1, อ่านไม่ได้ 0, ข้าม 4)");
    read_once(&run);
}

/// A FIFO named like a workbook used to stall the run for --max-file-seconds and
/// /dev/zero named big.xlsx was read without end: both are refused at once by
/// their kind, before anything opens them.
#[cfg(unix)]
#[test]
fn pipes_and_devices_named_like_workbooks_are_refused_by_their_kind() {
    let dir = tempfile::tempdir().unwrap();
    add_export(dir.path(), "export.xlsx");
    let fifo = dir.path().join("x.xlsx");
    let made = std::process::Command::new("mkfifo")
        .arg(&fifo)
        .status()
        .unwrap();
    assert!(made.success());
    std::os::unix::fs::symlink("/dev/zero", dir.path().join("big.xlsx")).unwrap();
    let run = run(&[dir.path()], &[]);
    assert_eq!(run.code, Some(0), "{}", run.report);
    run.reports("file_skipped", "not_regular_file", "x.xlsx");
    run.reports("file_skipped", "not_regular_file", "big.xlsx");
    run.says("[ข้าม] x.xlsx: เป็นท่อส่งข้อมูล (FIFO) ไม่ใช่ไฟล์ จึงไม่อ่าน");
    read_once(&run);
}

/// A folder nested deeper than PATH_MAX (4,096 bytes) used to be listed as "not a
/// spreadsheet" and its export silently never read; it is read like any other.
#[cfg(target_os = "linux")]
#[test]
fn an_export_deeper_than_path_max_is_read() {
    let dir = tempfile::tempdir().unwrap();
    let level = "ผลคะแนนไอทีเอรายหน่วยงาน".repeat(3); // 216 bytes
    let depth = 24; // about 5,200 bytes below the root
                    // Made in two halves, each short enough for the system, then one moved into
                    // the other: no single call sees the whole path.
    let half = |base: &Path| (0..depth / 2).fold(base.to_path_buf(), |p, _| p.join(&level));
    let upper = half(dir.path());
    std::fs::create_dir_all(&upper).unwrap();
    let aside = tempfile::tempdir().unwrap();
    let lower = half(aside.path());
    std::fs::create_dir_all(&lower).unwrap();
    std::fs::copy(
        fixtures().join("chumphon-ita-2564-2565.xlsx"),
        lower.join("deep.xlsx"),
    )
    .unwrap();
    std::fs::rename(aside.path().join(&level), upper.join(&level)).unwrap();
    let run = run(&[dir.path()], &[]);
    assert_eq!(run.code, Some(0), "{}", run.report);
    let shown = format!("{}deep.xlsx", format!("{level}/").repeat(depth));
    assert!(shown.len() > 4096);
    run.says(&format!("[อ่านแล้ว] {shown}: 2 ตาราง"));
    read_once(&run);
}

/// File names that are not UTF-8 (from an old Thai system: TIS-620 bytes) are
/// shown by their bytes, so two of them can be told apart on screen.
#[cfg(target_os = "linux")]
#[test]
fn names_that_are_not_utf8_are_told_apart() {
    use std::os::unix::ffi::OsStrExt;
    let dir = tempfile::tempdir().unwrap();
    add_export(dir.path(), "export.xlsx");
    for name in [&b"\xBC\xC5 ITA.txt"[..], &b"\xBC\xC6 ITA.txt"[..]] {
        std::fs::write(dir.path().join(std::ffi::OsStr::from_bytes(name)), "").unwrap();
    }
    let run = run(&[dir.path()], &[]);
    assert_eq!(run.code, Some(0), "{}", run.report);
    run.reports("file_skipped", "not_spreadsheet", "\\xBC\\xC5 ITA.txt");
    run.reports("file_skipped", "not_spreadsheet", "\\xBC\\xC6 ITA.txt");
    assert!(!run.report.contains('\u{FFFD}'), "{}", run.report);
}

/// --out inside the input folder: a rerun does not read its own memos and report
/// (it used to read the report as input and list its memos as skipped files).
#[test]
fn a_rerun_into_a_folder_inside_the_inputs_leaves_its_output_alone() {
    let dir = tempfile::tempdir().unwrap();
    add_export(dir.path(), "export.xlsx");
    let out = dir.path().join("memos");
    let args = [
        dir.path().to_str().unwrap(),
        "--out",
        out.to_str().unwrap(),
        "--date",
        common::MEMO_DATE,
    ];
    let first = common::itamemo(&args);
    let report = stdout(&first);
    assert_eq!(first.status.code(), Some(0), "{report}");
    assert!(
        report.contains("ไฟล์: 1 ไฟล์ (อ่านได้ 1, อ่านไม่ได้ 0, ข้าม 0)"),
        "{report}"
    );
    let second = common::itamemo(&args);
    let report = stdout(&second);
    assert_eq!(second.status.code(), Some(0), "{report}");
    assert!(
        report.contains("ไฟล์: 2 ไฟล์ (อ่านได้ 1, อ่านไม่ได้ 0, ข้าม 1)"),
        "{report}"
    );
    assert!(
        report.contains("[ข้าม] memos: โฟลเดอร์ผลลัพธ์ของรอบนี้"),
        "{report}"
    );
    assert_eq!(memos_in(&out), 4);
}

/// --out given as the input folder itself: the folder is still read (it holds
/// the exports), and the rerun leaves its own report alone, by its name.
#[test]
fn a_rerun_into_the_input_folder_itself_reads_the_exports_not_its_report() {
    let dir = tempfile::tempdir().unwrap();
    add_export(dir.path(), "export.xlsx");
    let folder = dir.path().to_str().unwrap();
    let args = [folder, "--out", folder, "--date", common::MEMO_DATE];
    let first = common::itamemo(&args);
    assert_eq!(first.status.code(), Some(0), "{}", stdout(&first));
    let second = common::itamemo(&args);
    let report = stdout(&second);
    assert_eq!(second.status.code(), Some(0), "{report}");
    assert!(report.contains("[อ่านแล้ว] export.xlsx"), "{report}");
    assert!(
        report.contains("[ข้าม] itamemo-report.xlsx: รายงานผลการทำงานของ itamemo ไม่ใช่ไฟล์ผลคะแนน"),
        "{report}"
    );
    assert!(!report.contains("ชุดเดียวกันพบทั้งที่"), "{report}");
    assert_eq!(memos_in(dir.path()), 4);
}
