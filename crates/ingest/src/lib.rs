//! Files in, scores out. Finds ITA score tables in spreadsheets by their headers,
//! normalises Thai digits and messy cells, and matches units across years and files.
//! Every file given ends up in `Ingested::files` with what became of it.

mod cell;
mod csv_sheet;
mod header;
mod layout;
mod names;
mod ods_extent;
mod units;
mod vocab;
mod walk;
mod workbook;
mod xls_extent;

use std::path::PathBuf;
use std::sync::mpsc::{self, RecvTimeoutError};
use std::sync::Arc;
use std::time::{Duration, Instant};

use itamemo_model::Ingested;
use rayon::prelude::*;

pub use cell::parse_score;
pub use vocab::Vocabulary;

use walk::{collect_inputs, Input};

/// Told how reading goes, for a progress bar.
pub trait Progress: Sync {
    fn files_found(&self, _count: usize) {}
    fn file_done(&self) {}
}

/// No progress to show.
pub struct Quiet;
impl Progress for Quiet {}

/// How much one file may hold before it is refused (with the limit and the option
/// that raises it): far above a national batch, far below what hurts a laptop.
#[derive(Clone, Copy, Debug)]
pub struct Limits {
    pub max_file_mb: u64,
    /// What a zipped workbook (.xlsx, .ods) may unpack to: a zip bomb is refused
    /// before anything is decompressed.
    pub max_unpacked_mb: u64,
    pub max_rows: usize,
    /// Rows times columns of one sheet: a single stray cell at XFD1048576 makes a
    /// valid workbook a sheet of 17 billion cells, which the reader would try to
    /// allocate at once.
    pub max_cells: u64,
    /// How long one file may take to read. The other limits bound the work a file
    /// can cause; this one is for what nobody foresaw (a reader that loops).
    pub max_file_seconds: u64,
}

impl Default for Limits {
    fn default() -> Limits {
        Limits {
            max_file_mb: 200,
            max_unpacked_mb: 1000,
            max_rows: 2_000_000,
            max_cells: 20_000_000,
            max_file_seconds: 300,
        }
    }
}

/// Reads every spreadsheet under `paths` (folders recursively), in parallel.
/// `vocab` holds the indicator names a header may use instead of a number.
pub fn ingest(paths: &[PathBuf], vocab: &Vocabulary) -> Ingested {
    ingest_observed(paths, vocab, &Limits::default(), &Quiet)
}

/// `ingest` within `limits`, telling `progress` how many files there are and
/// when each is read.
pub fn ingest_observed(
    paths: &[PathBuf],
    vocab: &Vocabulary,
    limits: &Limits,
    progress: &dyn Progress,
) -> Ingested {
    let inputs = collect_inputs(paths);
    progress.files_found(inputs.len());
    let vocab = Arc::new(vocab.clone());
    let reads: Vec<workbook::FileRead> = inputs
        .par_iter()
        .map(|input| {
            let read = read_in_time(input, &vocab, limits);
            progress.file_done();
            read
        })
        .collect();
    let mut files = Vec::with_capacity(reads.len());
    let mut rows = Vec::new();
    let mut register = Vec::new();
    for read in reads {
        files.push(read.outcome);
        rows.extend(read.rows);
        register.extend(read.register);
    }
    let mut units = units::merge(rows);
    let notes = units::attach_register(&mut units, register);
    Ingested {
        files,
        units,
        notes,
    }
}

/// Reads one file on a thread of its own, and gives up on it after
/// `limits.max_file_seconds`: a thread cannot be stopped, so a reader that never
/// returns is left running (it ends with the run) and the file is reported.
fn read_in_time(input: &Input, vocab: &Arc<Vocabulary>, limits: &Limits) -> workbook::FileRead {
    let (sender, receiver) = mpsc::channel();
    let (job_input, job_vocab, job_limits) = (input.clone(), Arc::clone(vocab), *limits);
    let spawned = std::thread::Builder::new()
        .name(format!("read {}", input.display))
        .spawn(move || {
            let read = read_guarded(&job_input, &job_vocab, &job_limits);
            let _ = sender.send(read);
        });
    if let Err(err) = spawned {
        return workbook::FileRead::failed(input, format!("เริ่มอ่านไฟล์นี้ไม่ได้ ({err})"));
    }
    let limit = Duration::from_secs(limits.max_file_seconds);
    let started = Instant::now();
    loop {
        let Some(left) = limit.checked_sub(started.elapsed()) else {
            return workbook::FileRead::failed(
                input,
                format!(
                    "อ่านไฟล์นี้นานเกิน {} วินาที จึงข้ามไปอ่านไฟล์อื่น: ไฟล์อาจเสียหาย ลองเปิดแล้วบันทึกใหม่ (ถ้าเป็นไฟล์ใหญ่จริง ปรับได้ด้วย --max-file-seconds)",
                    limits.max_file_seconds
                ),
            );
        };
        // This is a pool thread: while the file is read elsewhere it runs the
        // pool's other work (another file's sheets), or the pool could stall on
        // threads that only wait.
        if rayon::yield_now() == Some(rayon::Yield::Executed) {
            if let Ok(read) = receiver.try_recv() {
                return read;
            }
            continue;
        }
        match receiver.recv_timeout(left.min(Duration::from_millis(5))) {
            Ok(read) => return read,
            Err(RecvTimeoutError::Timeout) => {}
            // The reader ended without a word: only an abort does that, and an
            // abort ends this process too.
            Err(RecvTimeoutError::Disconnected) => {
                return workbook::FileRead::failed(input, "โปรแกรมขัดข้องขณะอ่านไฟล์นี้".to_string())
            }
        }
    }
}

/// Reads one file; a panic in the readers (a bug, or a file no reader expected)
/// becomes that file's failure, and the other files are still read.
fn read_guarded(input: &Input, vocab: &Vocabulary, limits: &Limits) -> workbook::FileRead {
    let attempt = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
        fault_injection::maybe_panic(&input.display);
        fault_injection::maybe_stall(&input.display);
        workbook::read_input(input, vocab, limits)
    }));
    attempt.unwrap_or_else(|payload| {
        workbook::FileRead::failed(
            input,
            format!(
                "โปรแกรมขัดข้องขณะอ่านไฟล์นี้ ({}) ไฟล์อื่นอ่านต่อตามปกติ: โปรดส่งไฟล์นี้ให้ผู้ดูแลโปรแกรม",
                panic_message(&*payload)
            ),
        )
    })
}

/// What a panic said, for the report.
pub fn panic_message(payload: &(dyn std::any::Any + Send)) -> String {
    payload
        .downcast_ref::<&str>()
        .map(|s| s.to_string())
        .or_else(|| payload.downcast_ref::<String>().cloned())
        .unwrap_or_else(|| "internal error".to_string())
}

/// A test's way to make the work on one file or unit fail as a bug would: the
/// environment variable ITAMEMO_PANIC_FOR names what panics, ITAMEMO_STALL_FOR
/// the file whose reading never ends. Nothing else sets them.
pub mod fault_injection {
    pub fn maybe_panic(what: &str) {
        if let Some(target) = std::env::var_os("ITAMEMO_PANIC_FOR") {
            if what.contains(&*target.to_string_lossy()) {
                panic!("fault injected for {what}");
            }
        }
    }

    pub fn maybe_stall(what: &str) {
        if let Some(target) = std::env::var_os("ITAMEMO_STALL_FOR") {
            if what.contains(&*target.to_string_lossy()) {
                loop {
                    std::thread::sleep(std::time::Duration::from_secs(3600));
                }
            }
        }
    }
}
