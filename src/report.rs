//! The short run report on screen: every file and every unit, and what became of it.

use std::fmt::Write;

use itamemo_model::FileStatus;

use crate::cli::Settings;
use crate::run::RunOutcome;

pub fn render(outcome: &RunOutcome, settings: &Settings) -> String {
    let mut out = String::new();
    let w = &mut out;
    if let Some(year) = outcome.memo_year {
        let _ = writeln!(
            w,
            "itamemo: บันทึกมาตรการ ประจำปีงบประมาณ พ.ศ. {year} (วิเคราะห์ผลปี {} เทียบกับปี {})",
            year - 1,
            year - 2
        );
    }
    let read = outcome
        .files
        .iter()
        .filter(|f| matches!(f.status, FileStatus::Read { .. }))
        .count();
    let failed = outcome
        .files
        .iter()
        .filter(|f| matches!(f.status, FileStatus::Failed(_)))
        .count();
    let skipped = outcome.files.len() - read - failed;
    let _ = writeln!(
        w,
        "ไฟล์: {} ไฟล์ (อ่านได้ {read}, อ่านไม่ได้ {failed}, ข้าม {skipped})",
        outcome.files.len()
    );
    for file in &outcome.files {
        let _ = match &file.status {
            FileStatus::Read {
                tables,
                rows,
                register_rows,
            } => {
                let register = match register_rows {
                    0 => String::new(),
                    n => format!(", ทะเบียนหน่วยงาน {n} แถว"),
                };
                writeln!(
                    w,
                    "  [อ่านแล้ว] {}: {tables} ตาราง, {rows} แถวคะแนน{register}",
                    file.file
                )
            }
            FileStatus::Failed(reason) => writeln!(w, "  [อ่านไม่ได้] {}: {reason}", file.file),
            FileStatus::Skipped(reason) => writeln!(w, "  [ข้าม] {}: {reason}", file.file),
        };
        for message in &file.messages {
            let _ = writeln!(w, "      - {message}");
        }
    }
    for note in &outcome.notes {
        let _ = writeln!(w, "  - หมายเหตุ: {note}");
    }
    for note in &outcome.notes {
        let _ = writeln!(w, "  - หมายเหตุ: {note}");
    }
    let written = outcome.units.iter().filter(|u| u.memo.is_ok()).count();
    let _ = writeln!(w, "หน่วยงานที่พบ: {}", outcome.units.len());
    let _ = writeln!(
        w,
        "เขียนบันทึกแล้ว: {written} ฉบับ ในโฟลเดอร์ {}",
        settings.out.display()
    );
    for unit in &outcome.units {
        let u = &unit.unit;
        let who = format!("{} (อำเภอ{} จังหวัด{})", u.name, u.district, u.province);
        let _ = match &unit.memo {
            Ok(path) => writeln!(w, "  [เขียนแล้ว] {who} -> {}", path.display()),
            Err(_) => writeln!(w, "  [ไม่ได้เขียน] {who}"),
        };
        if let Err(reasons) = &unit.memo {
            for reason in reasons {
                let _ = writeln!(w, "      - สาเหตุ: {reason}");
            }
        }
        for note in &unit.notes {
            let _ = writeln!(w, "      - หมายเหตุ: {note}");
        }
    }
    if let Some(fatal) = &outcome.fatal {
        let _ = writeln!(w, "ไม่ได้เขียนบันทึก: {fatal}");
    }
    let missing = outcome.units.len() - written;
    if missing > 0 {
        let _ = writeln!(w, "มี {missing} หน่วยงานที่ไม่ได้เขียนบันทึก ดูสาเหตุด้านบน");
    }
    out
}
