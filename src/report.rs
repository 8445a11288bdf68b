//! The run report on screen: short. Every file and unit is listed for a small
//! batch; a large one gets counts and the problems, and the report files beside
//! the memos have the rest. The last line says where the memos are.

use std::fmt::Write;

use itamemo_model::reason::Reason;
use itamemo_model::FileStatus;

use crate::cli::Settings;
use crate::run::RunOutcome;

/// Up to this many files or units are listed one by one.
const LIST_UP_TO: usize = 30;
/// At most this many messages of one file are listed on screen.
const MESSAGES_UP_TO: usize = 20;
/// Names shown for each reason files were skipped, in a large batch.
const NAMES_UP_TO: usize = 3;
/// At most this many problems are listed on screen.
const PROBLEMS_UP_TO: usize = 20;

pub fn render(outcome: &RunOutcome, settings: &Settings) -> String {
    let report = &outcome.report;
    let mut out = String::new();
    let w = &mut out;
    if let Some(year) = report.memo_year {
        let (current, previous) = itamemo_model::fiscal::assessment_years(year);
        let _ = writeln!(
            w,
            "itamemo: บันทึกมาตรการ ประจำปีงบประมาณ พ.ศ. {year} (วิเคราะห์ผลปี {current} เทียบกับปี {previous})"
        );
    }
    let count =
        |wanted: fn(&FileStatus) -> bool| report.files.iter().filter(|f| wanted(&f.status)).count();
    let read = count(|s| matches!(s, FileStatus::Read { .. }));
    let failed = count(|s| matches!(s, FileStatus::Failed(_)));
    let skipped = report.files.len() - read - failed;
    let _ = writeln!(
        w,
        "ไฟล์: {} ไฟล์ (อ่านได้ {read}, อ่านไม่ได้ {failed}, ข้าม {skipped})",
        report.files.len()
    );
    let list_files = report.files.len() <= LIST_UP_TO;
    // A large batch gets one line per reason for the files skipped, with a few of
    // their names: twenty thousand other files in a shared folder are not twenty
    // thousand lines.
    let mut skipped_by_reason: Vec<(&Reason, Vec<&str>)> = Vec::new();
    let (mut failed_shown, mut failed_hidden) = (0, 0);
    for file in &report.files {
        let line = match &file.status {
            FileStatus::Skipped(reason) if !list_files => {
                match skipped_by_reason.iter_mut().find(|(r, _)| *r == reason) {
                    Some((_, names)) => names.push(&file.file),
                    None => skipped_by_reason.push((reason, vec![&file.file])),
                }
                continue;
            }
            // A sheet that could not be read is listed in any batch: scores
            // may be missing.
            FileStatus::Read {
                unreadable_sheets: 0,
                ..
            } if !list_files => continue,
            FileStatus::Read {
                tables,
                rows,
                register_rows,
                unreadable_sheets,
            } => {
                let register = match register_rows {
                    0 => String::new(),
                    n => format!(", ทะเบียนหน่วยงาน {n} แถว"),
                };
                let unreadable = match unreadable_sheets {
                    0 => String::new(),
                    n => format!(", อ่านไม่ได้ {n} ชีต (คะแนนในชีตนั้นไม่ได้ใช้)"),
                };
                format!(
                    "[อ่านแล้ว] {}: {tables} ตาราง, {rows} แถวคะแนน{register}{unreadable}",
                    file.file
                )
            }
            FileStatus::Failed(_) if !list_files && failed_shown >= PROBLEMS_UP_TO => {
                failed_hidden += 1;
                continue;
            }
            FileStatus::Failed(reason) => {
                failed_shown += 1;
                format!("[อ่านไม่ได้] {}: {reason}", file.file)
            }
            FileStatus::Skipped(reason) => format!("[ข้าม] {}: {reason}", file.file),
        };
        let _ = writeln!(w, "  {line}");
        if list_files {
            for message in file.messages.iter().take(MESSAGES_UP_TO) {
                let _ = writeln!(w, "      - {message}");
            }
            if file.messages.len() > MESSAGES_UP_TO {
                let _ = writeln!(
                    w,
                    "      - และอีก {} ข้อความ ดูในรายงาน",
                    file.messages.len() - MESSAGES_UP_TO
                );
            }
        }
    }
    if failed_hidden > 0 {
        let look = match outcome.report_files {
            Ok(_) => " ดูสาเหตุในรายงาน (แผ่นงาน \"ไฟล์\")",
            Err(_) => "",
        };
        let _ = writeln!(w, "  [อ่านไม่ได้] และอีก {failed_hidden} ไฟล์{look}");
    }
    for (reason, names) in &skipped_by_reason {
        let shown: Vec<String> = names
            .iter()
            .take(NAMES_UP_TO)
            .map(|n| shortened(n))
            .collect();
        let more = match names.len().saturating_sub(NAMES_UP_TO) {
            0 => String::new(),
            n => format!(" และอีก {n} ไฟล์"),
        };
        let _ = writeln!(
            w,
            "  [ข้าม] {} ไฟล์: {reason} ({}{more})",
            names.len(),
            shown.join(", ")
        );
    }
    for note in &report.notes {
        let _ = writeln!(w, "  - หมายเหตุ: {note}");
    }
    let written = report
        .units
        .spilled()
        .filter(|at| at.memo_written())
        .count();
    let missing = outcome.units_found - written;
    let _ = writeln!(w, "หน่วยงานที่พบ: {}", outcome.units_found);
    let _ = writeln!(
        w,
        "เขียนบันทึกแล้ว: {written} ฉบับ ในโฟลเดอร์ {}",
        settings.out.display()
    );
    let list_units = report.units.len() <= LIST_UP_TO;
    let mut problems_shown = 0;
    // Where the units are not listed, only those without a memo are read back.
    let shown = report
        .units
        .spilled()
        .filter(|at| list_units || !at.memo_written());
    for unit in shown.map(|at| report.units.read(at)) {
        let place = place_words(unit.district(), unit.province());
        let who = if place.is_empty() {
            shortened(unit.name())
        } else {
            format!("{} ({place})", shortened(unit.name()))
        };
        match unit.memo() {
            Ok(file) if list_units => {
                let _ = writeln!(w, "  [เขียนแล้ว] {who} -> {file}");
            }
            Ok(_) => continue,
            Err(reasons) => {
                problems_shown += 1;
                if !list_units && problems_shown > PROBLEMS_UP_TO {
                    continue;
                }
                let _ = writeln!(w, "  [ไม่ได้เขียน] {who}");
                for reason in reasons {
                    let _ = writeln!(w, "      - สาเหตุ: {reason}");
                }
            }
        }
        if list_units {
            for note in &unit.notes {
                let _ = writeln!(w, "      - หมายเหตุ: {note}");
            }
        }
    }
    if let Some(fatal) = &report.fatal {
        let _ = writeln!(w, "ไม่ได้เขียนบันทึก: {fatal}");
    }
    if report.interrupted {
        let _ = writeln!(w, "หยุดก่อนเสร็จ: {}", Reason::Interrupted);
    }
    if missing > 0 {
        let look = match (&outcome.report_files, report.fatal.is_some()) {
            (Ok(_), _) => "ดูสาเหตุด้านบนหรือในรายงาน",
            (Err(_), false) => "ดูสาเหตุด้านบน",
            (Err(_), true) => "เพราะเหตุข้างต้น",
        };
        let _ = writeln!(w, "มี {missing} หน่วยงานที่ไม่ได้เขียนบันทึก {look}");
    }
    if let Some(summary) = &outcome.summary_file {
        let _ = writeln!(w, "บันทึกสรุปของพื้นที่: {}", summary.display());
    }
    match &outcome.report_files {
        Ok((xlsx, _)) => {
            let _ = writeln!(w, "รายงานผลการทำงาน: {} (และ .json)", xlsx.display());
        }
        Err(reason) if report.fatal.is_none() => {
            let _ = writeln!(w, "{reason}");
        }
        Err(_) => {}
    }
    if report.fatal.is_none() {
        let _ = writeln!(w, "บันทึกอยู่ที่: {}", settings.out.display());
    }
    out
}

/// A name as the screen shows it: a very long one is cut, with a mark (the memo
/// and the report files have it whole).
fn shortened(name: &str) -> String {
    itamemo_model::thai::excerpt(name, 120)
}

/// "อำเภอละแม จังหวัดชุมพร", leaving out what a unit's table does not give (a
/// province's own office has no district).
pub fn place_words(district: &str, province: &str) -> String {
    [("อำเภอ", district), ("จังหวัด", province)]
        .iter()
        .filter(|(_, name)| !name.is_empty())
        .map(|(word, name)| format!("{word}{name}"))
        .collect::<Vec<_>>()
        .join(" ")
}
