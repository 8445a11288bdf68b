//! One run: read every input, analyse each unit, write each memo and the run
//! report, in parallel.

use std::collections::HashSet;
use std::path::PathBuf;

use chrono::Datelike;
use itamemo_analyze::Analyzer;
use itamemo_emit::{memo_bytes, safe_file_stem, write_atomically, write_run_report, MemoOptions};
use itamemo_ingest::Vocabulary;
use itamemo_model::{
    FileStatus, Findings, RunReport, UnitOutcome, UnitScores, YearLine, YearSummary,
};
use rayon::prelude::*;

use crate::cli::Settings;
use crate::progress::{Progress, Reading};

pub struct RunOutcome {
    pub report: RunReport,
    /// A register was asked for (--register) and the file held none.
    pub register_missing: bool,
    /// Where the run report was written, or why it could not be.
    pub report_files: Result<(PathBuf, PathBuf), String>,
}

impl RunOutcome {
    /// 0: every unit has its memo and every file was read; 1: something needs a
    /// look (the rest is written); 2: nothing could run.
    pub fn exit_code(&self) -> u8 {
        let r = &self.report;
        if r.fatal.is_some() {
            2
        } else if r.units.iter().any(|u| u.memo.is_err())
            || self.register_missing
            || self.report_files.is_err()
            || r.files
                .iter()
                .any(|f| matches!(f.status, FileStatus::Failed(_)))
        {
            1
        } else {
            0
        }
    }
}

pub fn run(settings: &Settings) -> RunOutcome {
    let progress = Progress::new();
    let analyzer = &settings.analyzer;
    let vocab = Vocabulary::new(analyzer.frameworks.indicator_names());
    let mut inputs = settings.inputs.clone();
    inputs.extend(settings.register.iter().cloned());
    let ingested = itamemo_ingest::ingest_observed(&inputs, &vocab, &Reading(&progress));
    progress.done(&format!(
        "อ่านไฟล์แล้ว {} ไฟล์ พบ {} หน่วยงาน",
        ingested.files.len(),
        ingested.units.len()
    ));
    let mut report = RunReport {
        memo_year: Analyzer::memo_year(&ingested.units),
        files: ingested.files,
        units: Vec::new(),
        notes: ingested.notes,
        fatal: None,
    };
    let register_missing = settings.register.as_ref().is_some_and(|register| {
        let shown = register.display().to_string();
        let found = report.files.iter().any(|f| {
            f.file == shown
                && matches!(f.status, FileStatus::Read { register_rows, .. } if register_rows > 0)
        });
        if !found {
            report.notes.push(format!(
                "ไฟล์ทะเบียน {shown} ไม่มีตารางทะเบียนหน่วยงาน (ต้องมีคอลัมน์ \"ชื่อหน่วยงาน\" หรือ \"รหัสหน่วยงาน\" กับคอลัมน์ เช่น \"ส่วนราชการ\" \"ที่\" \"ผู้จัดทำ\" \"ผู้ลงนาม 1\") บันทึกจึงเว้นช่องว่างไว้ให้กรอกเอง"
            ));
        }
        !found
    });
    let outcome = |report, report_files| RunOutcome {
        report,
        register_missing,
        report_files,
    };
    let Some(memo_year) = report.memo_year else {
        report.fatal = Some("ไม่พบผลคะแนน ITA ของหน่วยงานใดในไฟล์ที่ให้มา".to_string());
        progress.finish();
        return outcome(report, Err("ไม่ได้เขียนรายงาน".to_string()));
    };
    if let Err(err) = std::fs::create_dir_all(&settings.out) {
        report.fatal = Some(format!(
            "สร้างโฟลเดอร์ผลลัพธ์ {} ไม่ได้ ({err})",
            settings.out.display()
        ));
        progress.finish();
        return outcome(report, Err("ไม่ได้เขียนรายงาน".to_string()));
    }
    let date = (
        settings.date.year(),
        settings.date.month(),
        settings.date.day(),
    );
    let options = MemoOptions {
        date,
        digits: settings.digits,
        emblem: settings.emblem.clone(),
    };
    let file_names = file_names(&ingested.units);
    progress.phase("เขียนบันทึก", ingested.units.len());
    report.units = ingested
        .units
        .par_iter()
        .zip(file_names.par_iter())
        .map(|(unit, file_name)| {
            let outcome = unit_outcome(analyzer, unit, memo_year, |findings| {
                memo_bytes(findings, &options)
                    .and_then(|bytes| write_atomically(&settings.out, file_name, &bytes))
                    .map(|_| file_name.clone())
                    .map_err(|err| format!("เขียนไฟล์ {file_name} ไม่ได้ ({err})"))
            });
            progress.step();
            outcome
        })
        .collect();
    let written = report.units.iter().filter(|u| u.memo.is_ok()).count();
    progress.done(&format!("เขียนบันทึกแล้ว {written} ฉบับ"));
    progress.finish();
    let report_files = write_run_report(&settings.out, &report, date)
        .map_err(|err| format!("เขียนรายงานไม่ได้ ({err})"));
    outcome(report, report_files)
}

/// Analyses one unit and, where that works, writes its memo with `write`.
fn unit_outcome(
    analyzer: &Analyzer,
    unit: &UnitScores,
    memo_year: u16,
    write: impl Fn(&Findings) -> Result<String, String>,
) -> UnitOutcome {
    match analyzer.analyze(unit, memo_year) {
        Ok(findings) => {
            let line = |y: &YearSummary| YearLine {
                year: y.year,
                overall: Some(y.overall),
                grade: Some(y.grade.clone()),
            };
            UnitOutcome {
                unit: unit.unit.clone(),
                previous: findings.previous.as_ref().map(line),
                current: Some(line(&findings.current)),
                change: findings.overall_change,
                weak: findings
                    .indicators
                    .iter()
                    .filter(|i| i.needs_work)
                    .map(|i| i.number)
                    .collect(),
                memo: write(&findings).map_err(|reason| vec![reason]),
                notes: findings.notes.clone(),
            }
        }
        Err(reasons) => {
            // The years as the export gave them, for the report.
            let mut years = unit.years.values().rev().map(|y| YearLine {
                year: y.year,
                overall: y.overall,
                grade: y.grade.clone(),
            });
            let current = years.next();
            UnitOutcome {
                unit: unit.unit.clone(),
                previous: years.next(),
                current,
                change: None,
                weak: Vec::new(),
                memo: Err(reasons),
                notes: unit.notes.clone(),
            }
        }
    }
}

/// One file name per unit: its name made safe; where two units share a name, the
/// district and province tell them apart, then a number.
fn file_names(units: &[UnitScores]) -> Vec<String> {
    let mut taken = HashSet::new();
    units
        .iter()
        .map(|u| {
            let stem = safe_file_stem(&u.unit.name);
            let place = safe_file_stem(&format!(
                "{stem} อำเภอ{} จังหวัด{}",
                u.unit.district, u.unit.province
            ));
            let mut candidate = stem.clone();
            let mut n = 1;
            while taken.contains(&candidate.to_lowercase()) {
                n += 1;
                candidate = if n == 2 {
                    place.clone()
                } else {
                    format!("{place} ({n})")
                };
            }
            taken.insert(candidate.to_lowercase());
            format!("{candidate}.docx")
        })
        .collect()
}
