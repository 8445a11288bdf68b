//! What a real disk and a real user do to the output: a folder that cannot be
//! written, a disk that fills, a run killed or stopped with Ctrl-C, two runs into
//! one folder, a closed stdout. The memos on disk stay whole and the report says
//! what happened.

mod common;

use std::io::{BufRead, BufReader};
use std::path::Path;
use std::process::{Command, Output, Stdio};

use common::{docx_text, fixtures, itamemo, stdout, MEMO_DATE};

const EXPORT: &str = "chumphon-ita-2564-2565.xlsx";

fn export_dir() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    std::fs::copy(fixtures().join(EXPORT), dir.path().join(EXPORT)).unwrap();
    dir
}

fn args<'a>(input: &'a Path, out: &'a Path) -> Vec<&'a str> {
    vec![
        input.to_str().unwrap(),
        "--out",
        out.to_str().unwrap(),
        "--date",
        MEMO_DATE,
    ]
}

fn with_env(input: &Path, out: &Path, (name, value): (&str, &str)) -> Output {
    Command::new(env!("CARGO_BIN_EXE_itamemo"))
        .args(args(input, out))
        .env(name, value)
        .output()
        .unwrap()
}

/// A run under way, and its stderr, kept open: the run goes on writing to it.
#[cfg(unix)]
struct Running {
    child: std::process::Child,
    _stderr: BufReader<std::process::ChildStderr>,
}

/// The run over one job, with the file or unit `target` stalled by the test hook:
/// returned once the stall has begun.
#[cfg(unix)]
fn stalled_run(input: &Path, out: &Path, target: &str) -> Running {
    let mut run = Command::new(env!("CARGO_BIN_EXE_itamemo"))
        .args(args(input, out))
        .args(["--jobs", "1"])
        .env("ITAMEMO_STALL_FOR", target)
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut stderr = BufReader::new(run.stderr.take().unwrap());
    let mut line = String::new();
    while !line.contains("fault injected: stalling") {
        line.clear();
        assert!(
            stderr.read_line(&mut line).unwrap() > 0,
            "the run ended early"
        );
    }
    Running {
        child: run,
        _stderr: stderr,
    }
}

/// Ctrl-C, as the terminal sends it, and what the run printed when it ended.
#[cfg(unix)]
fn ctrl_c(run: Running) -> Output {
    let sent = Command::new("kill")
        .args(["-INT", &run.child.id().to_string()])
        .status()
        .unwrap();
    assert!(sent.success());
    run.child.wait_with_output().unwrap()
}

/// The kinds the run report's .json lists, each with its place: what a script
/// reads instead of the Thai messages.
fn kinds(out: &Path) -> Vec<(String, Option<String>)> {
    let json = std::fs::read_to_string(out.join("itamemo-report.json")).unwrap();
    let report: serde_json::Value = serde_json::from_str(&json).unwrap();
    report["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| {
            (
                d["kind"].as_str().unwrap().to_string(),
                d["place"].as_str().map(str::to_string),
            )
        })
        .collect()
}

/// A unit's memo, not the area's summary beside them.
fn is_memo(name: &str) -> bool {
    name.ends_with(".docx") && name != "itamemo-summary.docx"
}

fn names_in(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(dir)
        .unwrap()
        .flatten()
        .map(|e| e.file_name().to_string_lossy().to_string())
        .collect();
    names.sort();
    names
}

/// An output folder that cannot be written gives one message and exit 2, whether
/// it exists (it used to be exit 1 and the same error once per unit) or cannot
/// be made; the summary still says how many units the files held.
#[cfg(unix)]
#[test]
fn an_output_folder_that_cannot_be_written_is_one_message_and_exit_2() {
    use std::os::unix::fs::PermissionsExt;
    let input = export_dir();
    let parent = tempfile::tempdir().unwrap();
    let locked = parent.path().join("locked");
    std::fs::create_dir(&locked).unwrap();
    std::fs::set_permissions(&locked, std::fs::Permissions::from_mode(0o555)).unwrap();
    let (exists, missing) = if std::fs::write(locked.join("probe"), "").is_err() {
        (locked.clone(), locked.join("memos"))
    } else {
        // Permissions do not stop root: /sys is read-only in a container, and
        // nothing can be made below it.
        let sys = Path::new("/sys");
        assert!(
            std::fs::create_dir(sys.join("itamemo-probe")).is_err(),
            "no unwritable folder to test with"
        );
        (sys.to_path_buf(), sys.join("itamemo-memos"))
    };
    for out in [&exists, &missing] {
        let output = itamemo(&args(input.path(), out));
        let report = stdout(&output);
        assert_eq!(output.status.code(), Some(2), "{}: {report}", out.display());
        assert_eq!(
            report.matches("เขียนลงโฟลเดอร์ผลลัพธ์").count(),
            1,
            "one message: {report}"
        );
        assert!(report.contains(&out.display().to_string()), "{report}");
        assert!(report.contains("หน่วยงานที่พบ: 4"), "{report}");
        assert!(
            !report.contains("ในรายงาน"),
            "no report was written: {report}"
        );
        assert!(
            !report.contains("os error") || report.contains("ไม่มีสิทธิ์"),
            "{report}"
        );
    }
}

/// A disk that fills while the report is written: neither report file is left
/// (it used to leave a new .xlsx beside the .json of the run before), the screen
/// says so naming the report, in Thai, and the exit code says something needs a look.
#[test]
fn a_full_disk_at_the_report_leaves_neither_report_file() {
    let input = export_dir();
    let out = tempfile::tempdir().unwrap();
    let first = itamemo(&args(input.path(), out.path()));
    assert_eq!(first.status.code(), Some(0), "{}", stdout(&first));
    assert!(out.path().join("itamemo-report.json").exists());
    let full = with_env(
        input.path(),
        out.path(),
        ("ITAMEMO_FAIL_WRITE_FOR", "itamemo-report.json"),
    );
    let report = stdout(&full);
    assert_eq!(full.status.code(), Some(1), "{report}");
    assert!(
        report.contains("เขียนรายงานผลการทำงานไม่ได้ (itamemo-report.json: ดิสก์เต็ม"),
        "{report}"
    );
    assert!(
        !report.contains(".itamemo-"),
        "no temporary file named: {report}"
    );
    assert!(!out.path().join("itamemo-report.json").exists());
    assert!(!out.path().join("itamemo-report.xlsx").exists());
    assert_eq!(
        names_in(out.path()).iter().filter(|n| is_memo(n)).count(),
        4
    );
}

/// The workbook failing (its sheets' rows already wait in temporary files in
/// the output folder): neither report is left (the JSON, written beside it, is
/// removed), and nothing temporary stays in the folder beside the memos and
/// summary.
#[test]
fn a_full_disk_at_the_workbook_leaves_neither_report_nor_a_temporary_file() {
    let input = export_dir();
    let out = tempfile::tempdir().unwrap();
    let full = with_env(
        input.path(),
        out.path(),
        ("ITAMEMO_FAIL_WRITE_FOR", "itamemo-report.xlsx"),
    );
    let report = stdout(&full);
    assert_eq!(full.status.code(), Some(1), "{report}");
    assert!(
        report.contains("เขียนรายงานผลการทำงานไม่ได้ (itamemo-report.xlsx: ดิสก์เต็ม"),
        "{report}"
    );
    let names = names_in(out.path());
    assert!(
        names.iter().all(|n| n.ends_with(".docx")),
        "only the memos and the summary: {names:?}"
    );
    assert_eq!(names.iter().filter(|n| is_memo(n)).count(), 4);
}

/// A memo that cannot be written is named, with the reason in Thai, not the
/// temporary file it was being written to; the others are written.
#[test]
fn a_memo_that_cannot_be_written_is_named_in_thai() {
    let input = export_dir();
    let out = tempfile::tempdir().unwrap();
    let full = with_env(
        input.path(),
        out.path(),
        ("ITAMEMO_FAIL_WRITE_FOR", "เทศบาลตำบลละแม.docx"),
    );
    let report = stdout(&full);
    assert_eq!(full.status.code(), Some(1), "{report}");
    assert!(
        report.contains("เขียนไฟล์ เทศบาลตำบลละแม.docx ไม่ได้: ดิสก์เต็ม"),
        "{report}"
    );
    assert!(!report.contains(".itamemo-"), "{report}");
    assert!(!report.contains(" at path "), "{report}");
    let json = std::fs::read_to_string(out.path().join("itamemo-report.json")).unwrap();
    assert!(json.contains("เขียนไฟล์ เทศบาลตำบลละแม.docx ไม่ได้: ดิสก์เต็ม"));
    assert_eq!(
        kinds(out.path()),
        [(
            "unit_without_memo".to_string(),
            Some("เทศบาลตำบลละแม".to_string())
        )]
    );
    assert!(!out.path().join("เทศบาลตำบลละแม.docx").exists());
    assert_eq!(
        names_in(out.path()).iter().filter(|n| is_memo(n)).count(),
        3
    );
}

/// What a killed run leaves (its temporary files, and a report of an earlier run
/// beside memos it did not describe) is cleared by the next run into the folder,
/// which says so; other files are left alone.
#[test]
fn leftovers_of_a_killed_run_are_cleared_by_the_next() {
    let input = export_dir();
    let out = tempfile::tempdir().unwrap();
    std::fs::write(out.path().join(".itamemo-k1LLed.tmp"), b"half a memo").unwrap();
    std::fs::write(out.path().join(".itamemo-Zz9.tmp"), b"half a report").unwrap();
    std::fs::write(out.path().join("itamemo-report.json"), b"{\"stale\": true}").unwrap();
    std::fs::write(out.path().join("mine.tmp"), b"the user's").unwrap();
    let output = itamemo(&args(input.path(), out.path()));
    let report = stdout(&output);
    assert_eq!(output.status.code(), Some(0), "{report}");
    assert!(
        report.contains("ลบไฟล์ชั่วคราว 2 ไฟล์ที่ค้างในโฟลเดอร์ผลลัพธ์จากรอบก่อน"),
        "{report}"
    );
    let names = names_in(out.path());
    assert!(
        !names
            .iter()
            .any(|n| n.ends_with(".tmp") && n.starts_with(".itamemo-")),
        "{names:?}"
    );
    assert!(names.contains(&"mine.tmp".to_string()));
    let json = std::fs::read_to_string(out.path().join("itamemo-report.json")).unwrap();
    assert!(!json.contains("stale") && json.contains("\"interrupted\": false"));
    assert_eq!(kinds(out.path()), [], "a clean run reports nothing by kind");
}

/// Memos are documents others read (a shared folder, the district's web page):
/// under the usual umask 022 each is 0644, in a fresh folder and replacing an
/// earlier run's; a user whose umask is stricter gets memos as private as asked.
#[cfg(unix)]
#[test]
fn memos_are_readable_by_others_as_the_users_umask_allows() {
    use std::os::unix::fs::PermissionsExt;
    let input = export_dir();
    let out = tempfile::tempdir().unwrap();
    let run_under = |umask: &str| {
        let output = Command::new("sh")
            .args(["-c", &format!("umask {umask} && exec \"$0\" \"$@\"")])
            .arg(env!("CARGO_BIN_EXE_itamemo"))
            .args(args(input.path(), out.path()))
            .output()
            .unwrap();
        assert_eq!(output.status.code(), Some(0), "{}", stdout(&output));
        let modes: Vec<u32> = names_in(out.path())
            .iter()
            .filter(|name| is_memo(name))
            .map(|name| {
                let meta = std::fs::metadata(out.path().join(name)).unwrap();
                meta.permissions().mode() & 0o777
            })
            .collect();
        assert!(modes.len() > 1, "{modes:?}");
        modes
    };
    for (umask, mode) in [("022", 0o644), ("022", 0o644), ("077", 0o600)] {
        let modes = run_under(umask);
        assert!(modes.iter().all(|&m| m == mode), "umask {umask}: {modes:?}");
    }
}

/// From the hostile inputs: "../../escape_attempt" as a unit name used to become
/// ".._.._escape_attempt.docx", hidden on Linux and macOS. No memo starts with a dot.
#[test]
fn a_unit_name_of_dots_and_slashes_is_not_a_hidden_file() {
    let dir = tempfile::tempdir().unwrap();
    let mut csv = String::from("ชื่อหน่วยงาน,อำเภอ,จังหวัด,ปีงบประมาณ");
    for n in 1..=10 {
        csv.push_str(&format!(",ตัวชี้วัดที่ {n}"));
    }
    csv.push_str(",คะแนน ITA\n../../escape_attempt,เมือง,ชุมพร,2565");
    csv.push_str(&",88".repeat(11));
    std::fs::write(dir.path().join("hostile.csv"), csv).unwrap();
    let out = tempfile::tempdir().unwrap();
    let output = itamemo(&args(dir.path(), out.path()));
    assert_eq!(output.status.code(), Some(0), "{}", stdout(&output));
    let memos: Vec<String> = names_in(out.path())
        .into_iter()
        .filter(|n| n.ends_with(".docx"))
        .collect();
    assert_eq!(memos, ["_.._escape_attempt.docx"]);
}

/// A closed stdout (`itamemo ... | head -1`) used to turn exit 1 into 101 with
/// "failed printing to stdout"; the run's own exit code stands.
#[test]
fn a_closed_stdout_keeps_the_exit_code() {
    let input = export_dir();
    std::fs::write(input.path().join("broken.xlsx"), b"not a workbook").unwrap();
    let out = tempfile::tempdir().unwrap();
    let mut child = Command::new(env!("CARGO_BIN_EXE_itamemo"))
        .args(args(input.path(), out.path()))
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    drop(child.stdout.take()); // the reader is gone before anything is printed
    let output = child.wait_with_output().unwrap();
    let errors = String::from_utf8_lossy(&output.stderr);
    assert_eq!(output.status.code(), Some(1), "{errors}");
    assert!(
        !errors.contains("panicked") && !errors.contains("ข้อผิดพลาดภายใน"),
        "{errors}"
    );
    assert!(out.path().join("itamemo-report.json").exists());
}

/// Ctrl-C while memos are being written: the run finishes the memos under way,
/// starts no other, and writes its report saying it was stopped (exit 130); every
/// memo on disk is whole. Meanwhile a second run into the same folder is refused
/// (it used to mix memos of two dates with no warning), and runs once the first
/// has ended.
#[cfg(unix)]
#[test]
fn ctrl_c_stops_cleanly_and_a_second_run_into_the_folder_is_refused_meanwhile() {
    let input = export_dir();
    let out = tempfile::tempdir().unwrap();
    // One unit's work waits until the run is stopped.
    let first = stalled_run(input.path(), out.path(), "องค์การบริหารส่วนตำบลปากทรง");

    let second = itamemo(&[
        input.path().to_str().unwrap(),
        "--out",
        out.path().to_str().unwrap(),
        "--date",
        "2024-01-02",
    ]);
    let refused = stdout(&second);
    assert_eq!(second.status.code(), Some(2), "{refused}");
    assert!(
        refused.contains("กำลังถูกใช้โดย itamemo อีกรอบหนึ่ง"),
        "{refused}"
    );

    let output = ctrl_c(first);
    let report = stdout(&output);
    assert_eq!(output.status.code(), Some(130), "{report}");
    assert!(report.contains("หยุดก่อนเสร็จ"), "{report}");
    assert!(report.contains("ผู้ใช้หยุดการทำงาน (Ctrl-C)"), "{report}");
    let json = std::fs::read_to_string(out.path().join("itamemo-report.json")).unwrap();
    assert!(json.contains("\"interrupted\": true"), "{json}");
    let found = kinds(out.path());
    assert!(
        found.contains(&("interrupted".to_string(), None)),
        "{found:?}"
    );
    assert!(
        found.iter().any(|(kind, _)| kind == "unit_without_memo"),
        "the units not done are listed: {found:?}"
    );
    assert!(json.contains("ผู้ใช้หยุดการทำงาน (Ctrl-C)"));
    let names = names_in(out.path());
    assert!(!names.iter().any(|n| n.ends_with(".tmp")), "{names:?}");
    let memos: Vec<&String> = names.iter().filter(|n| is_memo(n)).collect();
    assert!(
        memos.len() < 4,
        "the run stopped before the last memo: {names:?}"
    );
    assert!(
        report.contains("ไม่ได้ทำ: ผู้ใช้หยุดการทำงาน (Ctrl-C) ก่อนถึงหน่วยงานนี้"),
        "{report}"
    );
    for memo in &memos {
        let text = docx_text(&out.path().join(memo));
        assert!(
            text.contains("๑๗ มีนาคม ๒๕๖๖"),
            "{memo} is whole and of this run"
        );
    }

    let again = itamemo(&args(input.path(), out.path()));
    assert_eq!(again.status.code(), Some(0), "{}", stdout(&again));
}

/// Ctrl-C while a file is still being read (the fault hook stalls it, as a reader
/// caught in a loop would): the run does not wait for --max-file-seconds; it gives
/// that file up, starts no memo, and writes the report saying it was stopped.
#[cfg(unix)]
#[test]
fn ctrl_c_while_reading_stops_without_waiting_for_the_file() {
    let input = export_dir();
    std::fs::copy(
        fixtures().join("chumphon-ita-2564-2565.ods"),
        input.path().join("endless.ods"),
    )
    .unwrap();
    let out = tempfile::tempdir().unwrap();
    // One job: the export (named before endless.ods) is read before the stall,
    // whatever the machine's load, so the run has scores and writes its report.
    let run = stalled_run(input.path(), out.path(), "endless.ods");
    let output = ctrl_c(run);
    let report = stdout(&output);
    assert_eq!(output.status.code(), Some(130), "{report}");
    assert!(
        report.contains("[ข้าม] endless.ods: อ่านไม่จบ: ผู้ใช้หยุดการทำงาน (Ctrl-C)"),
        "{report}"
    );
    let found = kinds(out.path());
    assert!(
        found.contains(&("interrupted".to_string(), None)),
        "{found:?}"
    );
    assert!(
        !names_in(out.path()).iter().any(|n| n.ends_with(".docx")),
        "no memo is started once stopped"
    );
}

/// A unit that gets no memo this run, whose memo from an earlier run is still in
/// the output folder: the old file is left as it is (it may have been edited by
/// hand), and the report says it is not this run's, so nobody publishes it as
/// such.
#[test]
fn an_earlier_runs_memo_of_a_unit_without_one_now_is_named_as_earlier() {
    let input = export_dir();
    let out = tempfile::tempdir().unwrap();
    let first = itamemo(&args(input.path(), out.path()));
    assert_eq!(first.status.code(), Some(0), "{}", stdout(&first));
    let memo = out.path().join("เทศบาลตำบลพะโต๊ะ.docx");
    let before = std::fs::read(&memo).unwrap();
    // Dated after fiscal 2566 has ended, no memo is written.
    let mut later = args(input.path(), out.path());
    *later.last_mut().unwrap() = "2024-12-01";
    let second = itamemo(&later);
    assert_eq!(
        std::fs::read(&memo).unwrap(),
        before,
        "the old memo is left alone"
    );
    let json: serde_json::Value = serde_json::from_str(
        &std::fs::read_to_string(out.path().join("itamemo-report.json")).unwrap(),
    )
    .unwrap();
    let units = json["units"].as_array().unwrap();
    assert_eq!(units.len(), 4);
    for unit in units {
        assert!(unit.get("memo").is_some_and(|m| m.is_null()), "{unit}");
        let notes: Vec<&str> = unit["note_ids"]
            .as_array()
            .unwrap()
            .iter()
            .filter_map(|n| n.as_str())
            .collect();
        assert!(notes.contains(&"earlier_memo_kept"), "{unit}");
    }
    assert!(
        stdout(&second).contains("ไฟล์ เทศบาลตำบลพะโต๊ะ.docx ในโฟลเดอร์ผลลัพธ์เป็นบันทึกจากรอบก่อน"),
        "{}",
        stdout(&second)
    );
}
