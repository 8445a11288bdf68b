//! One run: read every input, analyse each unit, write each memo and the run
//! report, in parallel.

use std::collections::HashSet;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, AtomicU64, AtomicUsize, Ordering};
use std::time::{Duration, Instant};

use chrono::Datelike;
use itamemo_analyze::Analyzer;
use itamemo_emit::{
    safe_file_stem, write_atomically, write_run_report, write_summary as summary_into,
    BelowPassList, FolderRefusal, MemoFiles, MemoOptions, MemoWriter, OutputFolder, SUMMARY_NAME,
};
use itamemo_ingest::Vocabulary;
use itamemo_model::diagnostic::{self, Diagnostic, Kind};
use itamemo_model::os_error::thai;
use itamemo_model::packed::{SpilledUnits, UnitSpill};
use itamemo_model::reason::{Note, Reason};
use itamemo_model::{
    AreaSummary, FileStatus, Findings, OutcomeSpill, Outcomes, RunReport, UnitName, UnitOutcome,
    UnitScores, YearLine, YearSummary,
};
use rayon::prelude::*;

use crate::cli::Settings;
use crate::progress::{Progress, Reading};

pub struct RunOutcome {
    pub report: RunReport,
    pub timings: Timings,
    /// Where the run report was written, or why it could not be.
    pub report_files: Result<(PathBuf, PathBuf), Reason>,
    /// How many units the files held (the report's list is empty when none could
    /// be written).
    pub units_found: usize,
    /// Where the area's summary memo was written (a batch of two or more units).
    pub summary_file: Option<PathBuf>,
}

/// How long each phase took. Analyze and emit run unit by unit on every core, so
/// theirs are the time summed over the units (CPU seconds), the others wall time.
#[derive(Default)]
pub struct Timings {
    pub ingest: Duration,
    /// Peak memory once every file is read (before any memo is built).
    pub peak_after_ingest_kb: Option<u64>,
    analyze_nanos: AtomicU64,
    emit_nanos: AtomicU64,
    pub units: Duration,
    /// The area's figures (wall time).
    pub summary: Duration,
    /// The area's summary memo and the run report, written side by side (wall time).
    pub report: Duration,
}

impl Timings {
    fn add(counter: &AtomicU64, since: Instant) {
        counter.fetch_add(since.elapsed().as_nanos() as u64, Ordering::Relaxed);
    }

    /// "timings: ingest=0.12 analyze=0.30 emit=2.10 units=1.20 report=0.05 peak_kb=81234"
    pub fn line(&self) -> String {
        let secs = |n: &AtomicU64| n.load(Ordering::Relaxed) as f64 / 1e9;
        format!(
            "timings: ingest={:.3} analyze={:.3} emit={:.3} units={:.3} report={:.3} peak_ingest_kb={} peak_kb={} summary={:.3}",
            self.ingest.as_secs_f64(),
            secs(&self.analyze_nanos),
            secs(&self.emit_nanos),
            self.units.as_secs_f64(),
            self.report.as_secs_f64(),
            self.peak_after_ingest_kb.map_or("?".to_string(), |kb| kb.to_string()),
            peak_memory_kb().map_or("?".to_string(), |kb| kb.to_string()),
            self.summary.as_secs_f64(),
        )
    }
}

/// The process's peak resident memory (VmHWM), where the system tells it.
fn peak_memory_kb() -> Option<u64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    status
        .lines()
        .find_map(|l| l.strip_prefix("VmHWM:"))
        .and_then(|v| v.trim().trim_end_matches("kB").trim().parse().ok())
}

impl RunOutcome {
    /// Decided from the kinds reported (see `itamemo_model::diagnostic`): 0 when
    /// every unit has its memo and every file was read; 1 when something needs a
    /// look (the rest is written); 2 when nothing could run; 130 when the user
    /// stopped the run (Ctrl-C).
    pub fn exit_code(&self) -> u8 {
        let report_lost = match (&self.report_files, &self.report.fatal) {
            (Err(reason), None) => Some(Diagnostic::because(
                Kind::ReportNotWritten,
                None,
                reason.clone(),
            )),
            _ => None,
        };
        diagnostic::exit_code(self.report.diagnostics.iter().chain(&report_lost))
    }
}

/// What a run reports, by kind: every file not read, every sheet not read, every
/// unit without a memo, and what concerns the run as a whole.
fn diagnostics(report: &RunReport, register_missing: bool, fatal: Option<Kind>) -> Vec<Diagnostic> {
    let mut found = Vec::new();
    for file in &report.files {
        let place = Some(file.file.clone());
        match &file.status {
            FileStatus::Skipped(reason) => found.push(Diagnostic::because(
                Kind::FileSkipped,
                place,
                reason.clone(),
            )),
            FileStatus::Failed(reason) => found.push(Diagnostic::because(
                Kind::FileUnreadable,
                place,
                reason.clone(),
            )),
            FileStatus::Read {
                unreadable_sheets: n @ 1..,
                ..
            } => found.push(Diagnostic::because(
                Kind::SheetUnreadable,
                place,
                Reason::SheetsUnreadable { count: *n },
            )),
            FileStatus::Read { .. } => {}
        }
    }
    // Only the units without a memo are read back.
    let without_memo = report.units.spilled().filter(|at| !at.memo_written());
    for unit in without_memo.map(|at| report.units.read(at)) {
        if let Err(reasons) = unit.memo() {
            let text: Vec<String> = reasons.iter().map(Reason::to_string).collect();
            found.push(Diagnostic {
                reason: reasons.first().cloned(),
                ..Diagnostic::new(
                    Kind::UnitWithoutMemo,
                    Some(unit.name().to_string()),
                    text.join("; "),
                )
            });
        }
    }
    if register_missing {
        found.push(Diagnostic::because(
            Kind::RegisterMissing,
            None,
            Reason::RegisterWithoutTable,
        ));
    }
    if let (Some(kind), Some(reason)) = (fatal, &report.fatal) {
        found.push(Diagnostic::because(kind, None, reason.clone()));
    }
    if report.interrupted {
        found.push(Diagnostic::because(
            Kind::Interrupted,
            None,
            Reason::Interrupted,
        ));
    }
    found
}

/// The most memos one piece of the parallel work writes before the cores share
/// out what is left again.
const MEMOS_A_PIECE: usize = 16;

/// The run; `stop` is set when the user presses Ctrl-C: what is under way ends,
/// nothing new starts, and the report says what was done.
/// `written` counts the memos written as they are, for a run that ends on its
/// disk (`main`) to say how many it left.
pub fn run(settings: &Settings, stop: &AtomicBool, written: &AtomicUsize) -> RunOutcome {
    let progress = Progress::new();
    let analyzer = &settings.analyzer;
    let vocab = Vocabulary::new(analyzer.frameworks.indicator_names());
    let mut inputs = settings.inputs.clone();
    inputs.extend(settings.register.iter().cloned());
    let mut timings = Timings::default();
    let started = Instant::now();
    let batch = itamemo_ingest::Batch {
        paths: &inputs,
        exclude: std::slice::from_ref(&settings.out),
        stop,
    };
    // Each unit packed as soon as the merge has made it whole, and written to a
    // temporary file, until the thread writing its memo reads it back and
    // unpacks it: a national batch's units held whole were some 9 MB, packed
    // in memory some 5 MB. What the run needs of them before their memos is
    // taken from them as they pass, or from their packed names read back.
    let (ingested, units, memo_year, file_names, office) =
        crate::memory::returning_freed_pages(|| {
            let mut spill = None;
            let mut latest_year = None;
            let ingested = itamemo_ingest::ingest_batch(
                &batch,
                &vocab,
                &settings.limits,
                &Reading(&progress),
                &mut |unit| {
                    latest_year = latest_year.max(unit.years.keys().next_back());
                    spill
                        .get_or_insert_with(|| UnitSpill::new(unit_spill_file(&settings.out)))
                        .push(unit);
                },
            );
            let units = spill.map_or_else(SpilledUnits::default, UnitSpill::finish);
            let memo_year = Analyzer::memo_year(latest_year);
            let file_names = file_names(units.names());
            let office = itamemo_analyze::batch_office(
                units
                    .names()
                    .zip(units.registers())
                    .map(|(unit, register)| (unit.name, register)),
            );
            (ingested, units, memo_year, file_names, office)
        });
    // What the pool's threads freed while reading (sheets' cells, the merge's
    // keys) given back before the memos begin: at 20,000 units some 1 MB
    // their pages still held.
    crate::memory::give_back_freed_memory();
    timings.ingest = started.elapsed();
    timings.peak_after_ingest_kb = peak_memory_kb();
    progress.done(&format!(
        "อ่านไฟล์แล้ว {} ไฟล์ พบ {} หน่วยงาน",
        ingested.files.len(),
        units.len()
    ));
    let mut report = RunReport {
        memo_year,
        files: ingested.files,
        units: Outcomes::default(),
        notes: ingested.notes,
        fatal: None,
        interrupted: false,
        diagnostics: Vec::new(),
        area: None,
    };
    let units_found = units.len();
    let register_missing = settings.register.as_ref().is_some_and(|register| {
        let shown = register.display().to_string();
        let found = report.files.iter().any(|f| {
            f.file == shown
                && matches!(f.status, FileStatus::Read { register_rows, .. } if register_rows > 0)
        });
        if !found {
            report
                .notes
                .push(Note::RegisterWithoutTable { file: shown });
        }
        !found
    });
    // The run's end: a fatal kind ends it early, before any report is written.
    let outcome = |mut report: RunReport, report_files, timings, fatal: Option<Kind>| {
        if fatal.is_some() {
            report.interrupted = stop.load(Ordering::Relaxed);
            report.diagnostics = diagnostics(&report, register_missing, fatal);
        }
        RunOutcome {
            report,
            timings,
            report_files,
            units_found,
            summary_file: None,
        }
    };
    let Some(memo_year) = report.memo_year else {
        let why = if stop.load(Ordering::Relaxed) {
            Reason::StoppedBeforeScores
        } else {
            Reason::NoScoresFound
        };
        report.fatal = Some(why.clone());
        progress.finish();
        return outcome(report, Err(why), timings, Some(Kind::NoScores));
    };
    // Held until the run ends: a second run into this folder is refused.
    let folder = match OutputFolder::open(&settings.out) {
        Ok(folder) => folder,
        Err(refusal) => {
            let kind = match refusal {
                FolderRefusal::Unwritable(_) => Kind::OutputFolderUnwritable,
                FolderRefusal::Busy(_) => Kind::OutputFolderBusy,
            };
            let why = folder_refusal(&settings.out, refusal);
            report.fatal = Some(why.clone());
            progress.finish();
            return outcome(report, Err(why), timings, Some(kind));
        }
    };
    if folder.leftovers_removed > 0 {
        report.notes.push(Note::LeftoversRemoved {
            count: folder.leftovers_removed,
        });
    }
    let date = (
        settings.date.year(),
        settings.date.month(),
        settings.date.day(),
    );
    report
        .notes
        .extend(analyzer.plan(memo_year, date).stand_in_note());
    let options = MemoOptions {
        digits: settings.digits,
        emblem: settings.emblem.clone(),
    };
    let memos = MemoWriter::new(options.clone());
    let memo_files = MemoFiles::new(&settings.out);
    progress.phase("เขียนบันทึก", units.len());
    let started = Instant::now();
    // Each unit's outcome goes to an unnamed file in the output folder (the
    // run's one writable folder, held) as it is made, and where it is to a
    // second one, at the unit's place: held, a national batch's outcomes grew
    // the memory with every unit done. Without the files (or where they fill
    // up) they are held in memory, encoded; the files written are the same.
    let out = settings.out.clone();
    let spill = OutcomeSpill::new(Some(std::sync::Arc::new(move || {
        itamemo_ingest::temp_file_in(&out)
    })));
    // The latest date of the memos written, for the area's summary.
    let latest_memo = std::sync::Mutex::new(None);
    (0..units.len())
        .into_par_iter()
        // Rayon otherwise stops splitting at a few hundred units a piece, and the
        // last piece left one core writing memos alone for a fifth of a second
        // of a national batch while the other waited. Sixteen memos are some
        // ten milliseconds of work.
        .with_max_len(MEMOS_A_PIECE)
        // Each piece reads its units through a window of its own: a piece's
        // units follow one another in the file.
        .for_each_init(
            || units.window(),
            |window, k| {
                let unit = units.unpack(k, window);
                // The unit's file name goes into its outcome's texts where its memo
                // was written.
                let file_name = file_names.of(k, &unit.unit);
                let mut file_name = Some(file_name);
                // A panic in one unit's work (a bug) is that unit's reason, not the run's end.
                let mut outcome = if stop.load(Ordering::Relaxed) {
                    unit_outcome(
                        analyzer,
                        &unit,
                        Err(vec![Reason::StoppedBeforeUnit]),
                        |_| unreachable!("no memo is written for a unit not analysed"),
                    )
                } else {
                    std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
                        itamemo_ingest::fault_injection::maybe_panic(&unit.unit.name);
                        itamemo_ingest::fault_injection::maybe_stall_until(&unit.unit.name, stop);
                        let analyzing = Instant::now();
                        // A date the unit's register row gives is its own; else the run's.
                        let unit_date = unit.register.as_ref().and_then(|r| r.details.date);
                        let plan = analyzer.plan(memo_year, unit_date.unwrap_or(date));
                        let findings = analyzer.analyze(&unit, &plan);
                        Timings::add(&timings.analyze_nanos, analyzing);
                        unit_outcome(analyzer, &unit, findings, |findings| {
                            let emitting = Instant::now();
                            let name = file_name.as_deref().expect("the unit's file name");
                            let written = memos
                                .write(findings, |memo| memo_files.write(name, memo))
                                .map_err(|err| Reason::MemoNotWritten {
                                    file: name.to_string(),
                                    os: thai(&err),
                                });
                            Timings::add(&timings.emit_nanos, emitting);
                            written.map(|_| file_name.take().expect("the unit's file name"))
                        })
                    }))
                    .unwrap_or_else(|payload| {
                        let crashed = Reason::MemoCrashed {
                            detail: itamemo_ingest::panic_message(&*payload),
                        };
                        UnitOutcome::new(&unit.unit, [None, None], Err(vec![crashed]))
                    })
                };
                if let Some(file) = file_name {
                    note_earlier_memo(&mut outcome, file, &settings.out);
                }
                if outcome.memo().is_ok() {
                    written.fetch_add(1, Ordering::Relaxed);
                    if let Some(area) = &outcome.area {
                        let mut latest = latest_memo.lock().unwrap_or_else(|e| e.into_inner());
                        *latest = (*latest).max(Some(area.memo_date));
                    }
                }
                spill.put(k, &outcome);
                progress.step();
            },
        );
    drop(units);
    // The replaced memos' last ones let go before the phase is timed.
    drop(memo_files);
    report.units = spill.finish();
    timings.units = started.elapsed();
    let written = written.load(Ordering::Relaxed);
    progress.done(&format!("เขียนบันทึกแล้ว {written} ฉบับ"));
    progress.finish();
    rayon::broadcast(|_| itamemo_emit::forget_what_memos_keep());
    crate::memory::give_back_freed_memory();
    let started = Instant::now();
    let latest_memo = latest_memo.into_inner().unwrap_or_else(|e| e.into_inner());
    let summary_date = area_figures(analyzer, &mut report, office, latest_memo);
    // What reading the outcomes back left (each one decoded) given back before
    // the summary and the report are built side by side.
    crate::memory::give_back_freed_memory();
    timings.summary = started.elapsed();
    let started = Instant::now();
    report.interrupted = stop.load(Ordering::Relaxed);
    report.diagnostics = diagnostics(&report, register_missing, None);
    // The units below the pass mark, sorted once for the summary and the report.
    let below_pass = crate::memory::returning_freed_pages(|| {
        (report.area.as_ref()).map(|area| BelowPassList::sorted(area, &report.units))
    });
    let write_report = |report: &RunReport| {
        let below_pass = below_pass.as_ref();
        crate::panics::said_by_the_caller(|| {
            write_run_report(&settings.out, report, below_pass, date)
        })
        .map_err(|(file, err)| Reason::ReportNotWritten {
            file: file.to_string(),
            os: thai(&err),
        })
    };
    // The area's summary and the run report are written side by side, each on
    // a core of its own: the memos are done, and each is a single thread's work.
    // What they free is given back at once: kept for mimalloc's second, their
    // buffers, rows and decoded outcomes made the run's peak at 20,000 units in
    // 200 files (11.4 MB of its own memory, 9.7 given back so; the two take
    // under half a second).
    let (summary, mut report_files) = crate::memory::returning_freed_pages(|| {
        rayon::join(
            || match (&report.area, &below_pass, summary_date) {
                (Some(area), Some(below_pass), Some(date)) => {
                    write_summary(area, &report.units, below_pass, date, settings, &options)
                }
                _ => Ok(None),
            },
            || write_report(&report),
        )
    });
    let summary_file = match summary {
        Ok(written) => written,
        Err(reason) => {
            // The report must say why there is no summary: it is written again,
            // as it would have been had the summary been written first.
            report.notes.push(Note::Run(reason.clone()));
            report.diagnostics.push(Diagnostic::because(
                Kind::SummaryNotWritten,
                Some(SUMMARY_NAME.to_string()),
                reason,
            ));
            report_files = write_report(&report);
            None
        }
    };
    drop(folder);
    timings.report = started.elapsed();
    RunOutcome {
        summary_file,
        ..outcome(report, report_files, timings, None)
    }
}

/// Where the units are held between reading and their memos, made as the merge
/// gives the first one (so that no folder being read lists it, where a system
/// gives the file a name): an unnamed file in the output folder where it is
/// there already, on the disk that takes the memos; else (a first run into a
/// folder not made yet, or one that cannot be written) in the system's
/// temporary folder. The output folder is made and checked only after reading
/// (a run that finds no scores makes none). Without either, the units are held
/// in memory and the run writes the same files.
fn unit_spill_file(out: &Path) -> Option<std::fs::File> {
    itamemo_ingest::temp_file_in(out)
        .or_else(|| itamemo_ingest::temp_file_in(&std::env::temp_dir()))
}

/// The area's figures, for a batch of two or more units with a memo among them,
/// into the run report (`report.area`), and the date its summary memo bears; or,
/// where there are units but no memo to sum up, a note saying so.
fn area_figures(
    analyzer: &Analyzer,
    report: &mut RunReport,
    office: Option<String>,
    latest_memo: Option<(i32, u32, u32)>,
) -> Option<(i32, u32, u32)> {
    let memo_year = report.memo_year.filter(|_| report.units.len() >= 2)?;
    // Dated with its memos (the latest, where the register dates them apart),
    // not by the day the batch was run.
    let Some(date) = latest_memo else {
        report.notes.push(Note::NoSummaryWithoutMemos);
        return None;
    };
    let area = analyzer.area_summary(memo_year, &report.units, office);
    report.area = Some(area);
    Some(date)
}

/// The area's summary memo, beside the unit memos: where it was written, or why
/// not.
fn write_summary(
    area: &AreaSummary,
    units: &Outcomes,
    below_pass: &BelowPassList,
    date: (i32, u32, u32),
    settings: &Settings,
    options: &MemoOptions,
) -> Result<Option<PathBuf>, Reason> {
    // A bug in the summary is the summary's problem, not the run's end.
    std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
        let write =
            |file: &mut std::fs::File| summary_into(area, units, below_pass, date, options, file);
        write_atomically(&settings.out, SUMMARY_NAME, Box::new(write))
            .map(Some)
            .map_err(|err| Reason::SummaryNotWritten { detail: thai(&err) })
    }))
    .unwrap_or_else(|payload| {
        let payload = itamemo_model::spill::unless_unreadable(payload);
        Err(Reason::SummaryCrashed {
            detail: itamemo_ingest::panic_message(&*payload),
        })
    })
}

/// The one message for an output folder the run cannot use.
fn folder_refusal(out: &std::path::Path, refusal: FolderRefusal) -> Reason {
    let folder = itamemo_ingest::shown_path(out);
    match refusal {
        FolderRefusal::Unwritable(err) => Reason::OutputFolderUnwritable {
            folder,
            os: thai(&err),
        },
        FolderRefusal::Busy(holder) => Reason::OutputFolderBusy {
            folder,
            holder: holder.to_string(),
        },
    }
}

/// A unit without a memo this run whose file name is taken in the output folder
/// by a memo from an earlier run: said, so that nobody takes it for this run's.
/// The file is left alone (it may have been edited by hand since). This run
/// writes no other unit's memo under that name, and the folder is held.
fn note_earlier_memo(unit: &mut UnitOutcome, file: String, out: &Path) {
    if unit.memo().is_err() && out.join(&file).is_file() {
        unit.note(Note::EarlierMemoKept { file });
    }
}

/// What became of one unit: where its analysis worked, its memo written by `write`.
fn unit_outcome(
    analyzer: &Analyzer,
    unit: &UnitScores,
    findings: Result<Findings, Vec<Reason>>,
    write: impl FnOnce(&Findings) -> Result<String, Reason>,
) -> UnitOutcome {
    match findings {
        Ok(findings) => {
            let line = |y: &YearSummary| YearLine {
                year: y.year,
                overall: Some(y.overall),
            };
            let previous = findings.previous.as_ref();
            let memo = write(&findings);
            let mut outcome = UnitOutcome::new(
                &unit.unit,
                [
                    previous.map(|y| y.grade.as_str()),
                    Some(&findings.current.grade),
                ],
                memo.as_deref().map_err(|reason| vec![reason.clone()]),
            );
            outcome.previous = previous.map(line);
            outcome.current = Some(line(&findings.current));
            outcome.change = findings.overall_change;
            outcome.notes = findings.notes.as_slice().into();
            outcome.area = Some(analyzer.area_unit(&findings));
            outcome
        }
        Err(reasons) => {
            // The years as the export gave them, for the report.
            let mut years = unit.years.values().rev();
            let (current, previous) = (years.next(), years.next());
            let line = |y: &itamemo_model::YearResult| YearLine {
                year: y.year,
                overall: y.overall,
            };
            let mut outcome = UnitOutcome::new(
                &unit.unit,
                [previous, current].map(|y| y.and_then(|y| y.grade.as_deref())),
                Err(reasons),
            );
            outcome.previous = previous.map(line);
            outcome.current = current.map(line);
            outcome.notes = unit.notes.as_slice().into();
            outcome
        }
    }
}

/// One file name per unit: its name made safe; where two units share a name, the
/// district and province tell them apart, then a number (`nth_stem`). Only the
/// units whose name is not their own first one are held, each with the number
/// of the one it takes (the names are made again where the memo is written):
/// 20,000 file names held from reading into the memo phase were 2.4 MB; the
/// names past the first, held, still some 150 bytes each (6,170 of 40,000
/// units in files whose names repeat across them, 0.9 MB).
fn file_names(units: impl Iterator<Item = UnitName>) -> FileNames {
    // The area's summary has its own name beside the memos: a unit called
    // "itamemo-summary" gets its district and province in its file's.
    let mut taken = TakenNames::default();
    taken.insert(SUMMARY_NAME.trim_end_matches(".docx"));
    let mut past_first = Vec::new();
    for (k, unit) in units.enumerate() {
        let mut n = 1;
        while !taken.insert(&nth_stem(&unit, n)) {
            n += 1;
        }
        if n > 1 {
            let k = u32::try_from(k).expect("under 4 billion units");
            past_first.push((k, n));
        }
    }
    FileNames { past_first }
}

/// Which units take a file name past their first (`nth_stem`), and which: by
/// the unit's place in the batch, in that order.
#[derive(Debug, PartialEq)]
struct FileNames {
    past_first: Vec<(u32, u32)>,
}

impl FileNames {
    /// The memo file name of the `k`th unit, `unit`.
    fn of(&self, k: usize, unit: &UnitName) -> String {
        let n = u32::try_from(k).ok().and_then(|k| {
            let at = self.past_first.binary_search_by_key(&k, |&(unit, _)| unit);
            at.ok().map(|at| self.past_first[at].1)
        });
        docx(&nth_stem(unit, n.unwrap_or(1)))
    }
}

/// The `n`th file stem a unit may take (from 1): its name made safe; with its
/// district and province; then those and "(n)".
fn nth_stem(unit: &UnitName, n: u32) -> String {
    let stem = safe_file_stem(&unit.name);
    if n == 1 {
        return stem;
    }
    let place = crate::report::place_words(&unit.district, &unit.province);
    let place = safe_file_stem(&format!("{stem} {place}"));
    match n {
        2 => place,
        _ => format!("{place} ({n})"),
    }
}

/// The file stems given so far, as the system sees them (letter case aside),
/// each held as a 64-bit hash of it: the stems themselves were some 130 bytes a
/// unit, 2.7 MB at 20,000 units (issue 16). Two different stems of one hash
/// (some one chance in 10^11 at 20,000 units) would only give the second its
/// district and province in its file's name, as for a name met twice.
#[derive(Default)]
struct TakenNames(HashSet<u64>);

impl TakenNames {
    fn hash(stem: &str) -> u64 {
        use std::hash::{Hash, Hasher};
        // std's SipHash with fixed keys: the same stem, the same hash, in a run.
        let mut hasher = std::hash::DefaultHasher::new();
        stem.to_lowercase().hash(&mut hasher);
        hasher.finish()
    }

    /// Takes `stem`; false where it was taken already.
    fn insert(&mut self, stem: &str) -> bool {
        self.0.insert(Self::hash(stem))
    }
}

/// A memo's file name, from its stem.
fn docx(stem: &str) -> String {
    format!("{stem}.docx")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn unit(name: &str, district: &str) -> UnitName {
        UnitName {
            code: None,
            name: name.to_string(),
            district: district.to_string(),
            province: "ชุมพร".to_string(),
        }
    }

    /// A name met again gets its district and province, then a number; letter
    /// case does not make two names; the summary's name is not a unit's.
    #[test]
    fn a_name_met_again_gets_its_place_then_a_number() {
        let units = [
            unit("เทศบาลตำบลบางน้ำ", "สวี"),
            unit("เทศบาลตำบลบางน้ำ", "สวี"),
            unit("เทศบาลตำบลบางน้ำ", "สวี"),
            unit("เทศบาลตำบลบางน้ำ อำเภอหลังสวน จังหวัดชุมพร", "หลังสวน"),
            unit("เทศบาลตำบลบางน้ำ", "หลังสวน"),
            unit("Unit A", ""),
            unit("UNIT a", ""),
            unit("ITAMEMO-SUMMARY", "สวี"),
        ];
        let names = file_names(units.iter().cloned());
        let expected = [
            "เทศบาลตำบลบางน้ำ.docx",
            "เทศบาลตำบลบางน้ำ อำเภอสวี จังหวัดชุมพร.docx",
            "เทศบาลตำบลบางน้ำ อำเภอสวี จังหวัดชุมพร (3).docx",
            // Cut, as any name that long is, to leave room for a place.
            "เทศบาลตำบลบางน้ำ อำเภอหลังสวน จังหวัดชุมพ.docx",
            "เทศบาลตำบลบางน้ำ อำเภอหลังสวน จังหวัดชุมพ (3).docx",
            "Unit A.docx",
            "UNIT a จังหวัดชุมพร.docx",
            "ITAMEMO-SUMMARY อำเภอสวี จังหวัดชุมพร.docx",
        ];
        for (k, (unit, expected)) in units.iter().zip(expected).enumerate() {
            assert_eq!(names.of(k, unit), expected, "unit {k}");
        }
        // Only the units past their first name are held.
        let held: Vec<u32> = names.past_first.iter().map(|&(k, _)| k).collect();
        assert_eq!(held, [1, 2, 4, 6, 7]);
    }

    /// Generated batches (names from a small pool, in mixed letter case, so
    /// that most repeat): every unit's file name differs from every other's and
    /// from the summary's, letter case aside, and a unit keeps its own name
    /// where no unit before it took it.
    #[test]
    fn every_unit_gets_a_file_name_of_its_own() {
        let mut rng = fastrand::Rng::with_seed(600);
        for _ in 0..50 {
            let units: Vec<UnitName> = (0..rng.usize(1..400))
                .map(|_| {
                    let name: String = (0..rng.usize(1..4))
                        .map(|_| ["a", "A", "บ", " อำเภอx", "itamemo-summary"][rng.usize(..5)])
                        .collect();
                    unit(&name, ["x", "y", ""][rng.usize(..3)])
                })
                .collect();
            let names = file_names(units.iter().cloned());
            let mut seen: HashSet<String> = [SUMMARY_NAME.to_lowercase()].into();
            for (k, u) in units.iter().enumerate() {
                let own = docx(&safe_file_stem(&u.name));
                let name = names.of(k, u);
                if !seen.contains(&own.to_lowercase()) {
                    assert_eq!(name, own, "unit {k} keeps its own name");
                }
                assert!(seen.insert(name.to_lowercase()), "{name} given twice");
            }
        }
    }
}
