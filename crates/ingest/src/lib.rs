//! Files in, scores out. Finds ITA score tables in spreadsheets by their headers,
//! normalises Thai digits and messy cells, and matches units across years and files.
//! Every file given ends up in `Ingested::files` with what became of it.

mod cell;
mod csv_sheet;
mod dates;
mod fs_deep;
mod grid;
mod header;
mod layout;
mod names;
mod ods_extent;
mod packed_rows;
mod served_file;
mod temp_file;
mod units;
mod vocab;
mod walk;
mod watched_file;
mod workbook;
mod xls_extent;

use std::path::PathBuf;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::mpsc::{self, RecvTimeoutError};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use itamemo_model::reason::Reason;
use itamemo_model::{FileOutcome, Ingested, RegisterEntry, UnitScores};
use packed_rows::{AllRows, RowStore, TableRows};
use served_file::GivenUp;

pub use cell::parse_score;
pub use temp_file::temp_file_in;
pub use vocab::Vocabulary;
pub use walk::shown as shown_path;

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
    let batch = Batch {
        paths,
        exclude: &[],
        stop: &AtomicBool::new(false),
    };
    let mut units = Vec::new();
    let ingested = ingest_batch(&batch, vocab, limits, progress, &mut |unit| {
        units.push(unit)
    });
    Ingested { units, ..ingested }
}

/// What a run reads, and what it leaves alone.
pub struct Batch<'a> {
    pub paths: &'a [PathBuf],
    /// Folders never read: the run's output folder, so that a rerun does not read
    /// its own memos and report.
    pub exclude: &'a [PathBuf],
    /// Set when the user stops the run (Ctrl-C): files not yet read are listed as
    /// not read, and the files being read are given up.
    pub stop: &'a AtomicBool,
}

/// `ingest_observed` over a `Batch`, each unit given to `each_unit` as soon as
/// it is whole (in the order of `Ingested::units`) rather than kept: the
/// `Ingested` returned has no units.
pub fn ingest_batch(
    batch: &Batch,
    vocab: &Vocabulary,
    limits: &Limits,
    progress: &dyn Progress,
    each_unit: &mut dyn FnMut(UnitScores),
) -> Ingested {
    let inputs = collect_inputs(batch.paths, batch.exclude);
    progress.files_found(inputs.len());
    let vocab = Arc::new(vocab.clone());
    // Each file is read on a thread of its own (so that one can be given up on);
    // these threads only wait for them, as many at once as the pool has threads,
    // and they are not the pool's: a pool thread that waited would have to run
    // other files' work meanwhile, nested on its own stack, which overflowed it
    // with a few thousand files. The readers use the pool for their sheets.
    let next = AtomicUsize::new(0);
    // Each file's tables go to the run's store as the file is done (see
    // `packed_rows`).
    let store = RowStore::new();
    let reads: Mutex<Vec<FileDone>> = Mutex::new(Vec::new());
    // A panic while a table is kept (its file unreadable: `SpillUnreadable`),
    // carried to this thread as it was: a scoped thread's own panic would
    // reach the caller as "a scoped thread panicked".
    let kept_failed: Mutex<Option<Box<dyn std::any::Any + Send>>> = Mutex::new(None);
    let waiters = rayon::current_num_threads().clamp(1, inputs.len().max(1));
    std::thread::scope(|scope| {
        for _ in 0..waiters {
            scope.spawn(|| loop {
                let k = next.fetch_add(1, Ordering::Relaxed);
                let Some(input) = inputs.get(k) else { break };
                let read = if input.skip.is_some() {
                    workbook::read_input(input, &vocab, limits, &GivenUp::default())
                } else if batch.stop.load(Ordering::Relaxed) {
                    workbook::FileRead::skipped(input, Reason::StoppedBeforeFile)
                } else {
                    read_in_time(input, &vocab, limits, batch.stop)
                };
                progress.file_done();
                let rows = read.rows;
                let kept = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
                    rows.into_iter().map(|t| store.keep(t)).collect()
                }));
                let tables = match kept {
                    Ok(tables) => tables,
                    Err(payload) => {
                        let mut failed = kept_failed.lock().unwrap_or_else(|e| e.into_inner());
                        failed.get_or_insert(payload);
                        break;
                    }
                };
                let done = FileDone {
                    k,
                    outcome: read.outcome,
                    tables,
                    register: read.register,
                };
                reads.lock().unwrap_or_else(|e| e.into_inner()).push(done);
            });
        }
    });
    if let Some(payload) = kept_failed.into_inner().unwrap_or_else(|e| e.into_inner()) {
        std::panic::resume_unwind(payload);
    }
    let mut reads = reads.into_inner().unwrap_or_else(|e| e.into_inner());
    reads.sort_by_key(|done| done.k);
    let mut files = Vec::with_capacity(reads.len());
    let mut tables = Vec::new();
    let mut register = Vec::new();
    for done in reads {
        files.push(done.outcome);
        tables.extend(done.tables);
        register.extend(done.register);
    }
    let rows = AllRows::new(tables, store.finish());
    let notes = units::merge(rows, register, each_unit);
    Ingested {
        files,
        units: Vec::new(),
        notes,
    }
}

/// A file read: its outcome, its tables as kept for the merge (`RowStore`),
/// its register rows; `k` its place among the files found.
struct FileDone {
    k: usize,
    outcome: FileOutcome,
    tables: Vec<TableRows>,
    register: Vec<RegisterEntry>,
}

/// Reads one file on a thread of its own, and gives up on it after
/// `limits.max_file_seconds` or when the run is stopped: a thread cannot be
/// stopped, so a reader that never returns is left running (it ends with the run)
/// and the file is reported.
fn read_in_time(
    input: &Input,
    vocab: &Arc<Vocabulary>,
    limits: &Limits,
    stop: &AtomicBool,
) -> workbook::FileRead {
    // Told to the pool thread that lays the file out, which waits on the file
    // thread's reads (`served_file`): it lets go when the file is given up here.
    let given_up = GivenUp::default();
    let (sender, receiver) = mpsc::channel();
    let (job_input, job_vocab, job_limits) = (input.clone(), Arc::clone(vocab), *limits);
    let job_given_up = given_up.clone();
    let spawned = std::thread::Builder::new()
        .name(format!("read {}", input.display))
        .spawn(move || {
            let read = read_guarded(&job_input, &job_vocab, &job_limits, &job_given_up);
            let _ = sender.send(read);
        });
    if let Err(err) = spawned {
        return workbook::FileRead::failed(
            input,
            Reason::CannotStartReading {
                detail: err.to_string(),
            },
        );
    }
    let limit = Duration::from_secs(limits.max_file_seconds);
    let started = Instant::now();
    loop {
        let Some(left) = limit.checked_sub(started.elapsed()) else {
            given_up.now();
            return workbook::FileRead::failed(
                input,
                Reason::ReadTooLong {
                    seconds: limits.max_file_seconds,
                },
            );
        };
        if stop.load(Ordering::Relaxed) {
            given_up.now();
            return workbook::FileRead::skipped(input, Reason::StoppedDuringFile);
        }
        match receiver.recv_timeout(left.min(Duration::from_millis(100))) {
            Ok(read) => return read,
            Err(RecvTimeoutError::Timeout) => {}
            // The reader ended without a word: only an abort does that, and an
            // abort ends this process too.
            Err(RecvTimeoutError::Disconnected) => {
                return workbook::FileRead::failed(input, Reason::ReaderCrashed { detail: None })
            }
        }
    }
}

/// Reads one file; a panic in the readers (a bug, or a file no reader expected)
/// becomes that file's failure, and the other files are still read.
fn read_guarded(
    input: &Input,
    vocab: &Vocabulary,
    limits: &Limits,
    given_up: &GivenUp,
) -> workbook::FileRead {
    let attempt = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
        fault_injection::maybe_panic(&input.display);
        fault_injection::maybe_stall(&input.display);
        workbook::read_input(input, vocab, limits, given_up)
    }));
    attempt.unwrap_or_else(|payload| {
        workbook::FileRead::failed(
            input,
            Reason::ReaderCrashed {
                detail: Some(panic_message(&*payload)),
            },
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

/// Entry points for the fuzz targets in fuzz/ (cargo fuzz): each reader, and the
/// checks made before a reader sees a file, on bytes as they come. Limits are a
/// tenth of the defaults, so that the fuzzer spends its time on structure rather
/// than on laying out big sheets that the real limits allow anyway.
#[doc(hidden)]
pub mod fuzzing {
    use std::path::PathBuf;

    use crate::walk::Input;
    use crate::{workbook, Limits, Vocabulary};

    fn limits() -> Limits {
        Limits {
            max_file_mb: 20,
            max_unpacked_mb: 100,
            max_rows: 200_000,
            max_cells: 2_000_000,
            max_file_seconds: 300,
        }
    }

    /// The bytes as a file with this ending (`xlsx`, `xlsb`, `xls`, `ods`, `csv`)
    /// through every check and reader, as a run would read them: a panic is caught
    /// as a run catches it (that file's failure), so what the fuzzer finds is what
    /// would end a run: an abort, memory without bound, a loop, a stack overflow.
    pub fn read(ending: &str, bytes: &[u8], vocab: &Vocabulary) -> itamemo_model::FileStatus {
        let input = Input {
            path: PathBuf::from(format!("fuzz.{ending}")),
            display: format!("fuzz.{ending}"),
            skip: None,
        };
        std::panic::catch_unwind(|| {
            workbook::read_bytes(&input, bytes, vocab, &limits())
                .outcome
                .status
        })
        .unwrap_or_else(|payload| {
            itamemo_model::FileStatus::Failed(itamemo_model::reason::Reason::ReaderCrashed {
                detail: Some(crate::panic_message(&*payload)),
            })
        })
    }

    /// The zip check: what the central directory says the archive unpacks to.
    pub fn unpacked_size(bytes: &[u8]) -> Option<u64> {
        workbook::unpacked_size(std::io::Cursor::new(bytes))
    }

    /// The compound-file checks: an encrypted package, and the reach of an .xls's
    /// sheets measured from its records (through the cfb crate).
    pub fn compound_file(bytes: &[u8]) -> Result<(), itamemo_model::reason::Reason> {
        let _ = workbook::is_encrypted_package(bytes);
        crate::xls_extent::check(bytes, &limits())
    }

    /// The .ods check: each sheet's reach from content.xml's repeat counts.
    pub fn ods_extent(bytes: &[u8]) -> Result<(), itamemo_model::reason::Reason> {
        crate::ods_extent::check(bytes, &limits())
    }
}

/// A test's way to make the work on one file or unit fail as a bug would: the
/// environment variable ITAMEMO_PANIC_FOR names what panics, ITAMEMO_STALL_FOR
/// the file whose reading never ends, ITAMEMO_SPILL_REFUSED the temporary
/// files that cannot be written, ITAMEMO_SPILL_UNREADABLE those that cannot be
/// read back, ITAMEMO_DISK_FAILS_FOR and ITAMEMO_DISK_STALLS_FOR the workbook
/// whose disk fails or hangs where a read meets byte ITAMEMO_DISK_FAULT_AT
/// (the file's middle unless set), as at a bad spot. Nothing else sets them.
pub mod fault_injection {
    pub fn maybe_panic(what: &str) {
        if let Some(target) = std::env::var_os("ITAMEMO_PANIC_FOR") {
            if what.contains(&*target.to_string_lossy()) {
                panic!("fault injected for {what}");
            }
        }
    }

    /// A stall that ends when the run is stopped, for a unit's work: it says on
    /// stderr when it starts, so that a test knows when to press Ctrl-C.
    pub fn maybe_stall_until(what: &str, stop: &std::sync::atomic::AtomicBool) {
        if let Some(target) = std::env::var_os("ITAMEMO_STALL_FOR") {
            if what.contains(&*target.to_string_lossy()) {
                eprintln!("fault injected: stalling {what}");
                while !stop.load(std::sync::atomic::Ordering::Relaxed) {
                    std::thread::sleep(std::time::Duration::from_millis(20));
                }
            }
        }
    }

    /// ITAMEMO_SPILL_REFUSED set: the temporary files the run holds its units
    /// and outcomes in refuse every write, as a full disk would.
    pub fn spill_refused() -> bool {
        std::env::var_os("ITAMEMO_SPILL_REFUSED").is_some()
    }

    /// The run's temporary files take what is written and give nothing back,
    /// as a failing disk would.
    pub fn spill_unreadable() -> bool {
        std::env::var_os("ITAMEMO_SPILL_UNREADABLE").is_some()
    }

    /// Where a workbook read from its file meets its disk's fault.
    pub struct DiskFault {
        at: u64,
        stalls: bool,
    }

    impl DiskFault {
        /// A read of `len` bytes from `from`: where it meets the fault's byte,
        /// the disk fails (EIO) or never answers.
        pub fn reading(&self, from: u64, len: u64) -> std::io::Result<()> {
            if !(from..from.saturating_add(len)).contains(&self.at) {
                return Ok(());
            }
            if self.stalls {
                eprintln!("fault injected: the disk stalls");
                loop {
                    std::thread::sleep(std::time::Duration::from_secs(3600));
                }
            }
            Err(std::io::Error::from_raw_os_error(5))
        }
    }

    /// The fault set for the file named `what`, of `len` bytes.
    pub fn disk_fault_for(what: &str, len: u64) -> Option<DiskFault> {
        let named =
            |var: &str| std::env::var_os(var).is_some_and(|t| what.contains(&*t.to_string_lossy()));
        let stalls = named("ITAMEMO_DISK_STALLS_FOR");
        if !stalls && !named("ITAMEMO_DISK_FAILS_FOR") {
            return None;
        }
        let at = std::env::var("ITAMEMO_DISK_FAULT_AT")
            .ok()
            .and_then(|at| at.parse().ok())
            .unwrap_or(len / 2);
        Some(DiskFault { at, stalls })
    }

    pub fn maybe_stall(what: &str) {
        if let Some(target) = std::env::var_os("ITAMEMO_STALL_FOR") {
            if what.contains(&*target.to_string_lossy()) {
                eprintln!("fault injected: stalling {what}");
                loop {
                    std::thread::sleep(std::time::Duration::from_secs(3600));
                }
            }
        }
    }
}
