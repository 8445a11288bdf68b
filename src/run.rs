//! One run: read every input, analyse each unit, write each memo, in parallel.

use std::collections::HashSet;
use std::path::PathBuf;

use chrono::Datelike;
use itamemo_analyze::Analyzer;
use itamemo_emit::{memo_bytes, safe_file_stem, write_atomically, MemoOptions};
use itamemo_ingest::Vocabulary;
use itamemo_model::{FileOutcome, FileStatus, UnitName, UnitScores};
use rayon::prelude::*;

use crate::cli::Settings;

pub struct RunOutcome {
    pub files: Vec<FileOutcome>,
    /// About the run as a whole (register rows that name no unit, a register file
    /// without a register).
    pub notes: Vec<String>,
    pub memo_year: Option<u16>,
    pub units: Vec<UnitOutcome>,
    /// Why nothing could be written at all (no units, no output folder).
    pub fatal: Option<String>,
    /// A register was asked for (--register) and the file held none.
    pub register_missing: bool,
}

pub struct UnitOutcome {
    pub unit: UnitName,
    pub memo: Result<PathBuf, Vec<String>>,
    pub notes: Vec<String>,
}

impl RunOutcome {
    /// 0: every unit has its memo and every file was read; 1: something needs a
    /// look (the rest is written); 2: nothing could run.
    pub fn exit_code(&self) -> u8 {
        if self.fatal.is_some() {
            2
        } else if self.units.iter().any(|u| u.memo.is_err())
            || self.register_missing
            || self
                .files
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
    let analyzer = &settings.analyzer;
    let vocab = Vocabulary::new(analyzer.frameworks.indicator_names());
    let mut inputs = settings.inputs.clone();
    inputs.extend(settings.register.iter().cloned());
    let ingested = itamemo_ingest::ingest(&inputs, &vocab);
    let memo_year = Analyzer::memo_year(&ingested.units);
    let mut outcome = RunOutcome {
        notes: ingested.notes,
        register_missing: false,
        files: ingested.files,
        memo_year,
        units: Vec::new(),
        fatal: None,
    };
    if let Some(register) = &settings.register {
        let shown = register.display().to_string();
        let has_register = outcome.files.iter().any(|f| {
            f.file == shown
                && matches!(f.status, FileStatus::Read { register_rows, .. } if register_rows > 0)
        });
        if !has_register {
            outcome.register_missing = true;
            outcome.notes.push(format!(
                "ไฟล์ทะเบียน {shown} ไม่มีตารางทะเบียนหน่วยงาน (ต้องมีคอลัมน์ \"ชื่อหน่วยงาน\" หรือ \"รหัสหน่วยงาน\" กับคอลัมน์ เช่น \"ส่วนราชการ\" \"ที่\" \"ผู้จัดทำ\" \"ผู้ลงนาม 1\") บันทึกจึงเว้นช่องว่างไว้ให้กรอกเอง"
            ));
        }
    }
    let Some(memo_year) = memo_year else {
        outcome.fatal = Some("ไม่พบผลคะแนน ITA ของหน่วยงานใดในไฟล์ที่ให้มา".to_string());
        return outcome;
    };
    if let Err(err) = std::fs::create_dir_all(&settings.out) {
        outcome.fatal = Some(format!(
            "สร้างโฟลเดอร์ผลลัพธ์ {} ไม่ได้ ({err})",
            settings.out.display()
        ));
        return outcome;
    }
    let options = MemoOptions {
        date: (
            settings.date.year(),
            settings.date.month(),
            settings.date.day(),
        ),
        digits: settings.digits,
        emblem: settings.emblem.clone(),
    };
    let file_names = file_names(&ingested.units);
    outcome.units = ingested
        .units
        .par_iter()
        .zip(file_names.par_iter())
        .map(|(unit, file_name)| {
            let findings = analyzer.analyze(unit, memo_year);
            let notes = match &findings {
                Ok(f) => f.notes.clone(),
                Err(_) => unit.notes.clone(),
            };
            let memo = findings.and_then(|f| {
                memo_bytes(&f, &options)
                    .and_then(|bytes| write_atomically(&settings.out, file_name, &bytes))
                    .map_err(|err| vec![format!("เขียนไฟล์ {file_name} ไม่ได้ ({err})")])
            });
            UnitOutcome {
                unit: unit.unit.clone(),
                memo,
                notes,
            }
        })
        .collect();
    outcome
}

/// One file name per unit: its name made safe; where two units share a name, the
/// district and province tell them apart.
fn file_names(units: &[UnitScores]) -> Vec<String> {
    let mut taken = HashSet::new();
    units
        .iter()
        .map(|u| {
            let stem = safe_file_stem(&u.unit.name);
            let mut candidate = stem.clone();
            let mut n = 1;
            while taken.contains(&candidate.to_lowercase()) {
                n += 1;
                candidate = safe_file_stem(&format!(
                    "{stem} อำเภอ{} จังหวัด{}{}",
                    u.unit.district,
                    u.unit.province,
                    if n > 2 {
                        format!(" ({n})")
                    } else {
                        String::new()
                    }
                ));
            }
            taken.insert(candidate.to_lowercase());
            format!("{candidate}.docx")
        })
        .collect()
}
