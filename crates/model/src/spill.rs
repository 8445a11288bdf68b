//! Bytes held out of the heap: appended to an unnamed temporary file in
//! chunks, each written at its place, and read back by where they start. The
//! run's units between reading and their memos (`packed::UnitSpill`) and its
//! units' outcomes after them (`outcomes`) are held so (issue 16, "memory flat
//! in the number of units"); each keeps its own index of where its records are.
//!
//! Where the file cannot be written (a full disk), what could not be written is
//! kept in memory as it is: the run goes on and writes the same files, it only
//! holds more. Without a file (`Spill::new(None)`), every byte is held so.

use std::fs::File;
use std::io;

/// How much is written to the file at a time, and read back at a time when the
/// records are gone through in order.
pub(crate) const CHUNK: usize = 64 * 1024;

/// Bytes as they are appended.
pub(crate) struct Spill {
    stored: Stored,
    /// Bytes not yet written, from `chunk_start` on.
    chunk: Vec<u8>,
    chunk_start: u64,
    /// The file refused a chunk: the rest is held.
    file_refused: bool,
    /// Makes the file when the first chunk is full: bytes that never fill one
    /// (a small table's rows) are held, and no file is made for them.
    make_file: Option<fn() -> Option<File>>,
}

/// Every byte appended, in the file or held.
#[derive(Default)]
pub(crate) struct Stored {
    pub(crate) file: Option<File>,
    /// How far the file holds the bytes.
    pub(crate) written: u64,
    /// Bytes the file does not hold, by where they start.
    pub(crate) held: Vec<(u64, Vec<u8>)>,
}

impl Spill {
    /// Bytes written to `file` (an unnamed temporary file), or held in memory.
    pub(crate) fn new(file: Option<File>) -> Spill {
        Spill {
            stored: Stored {
                file,
                ..Stored::default()
            },
            chunk: Vec::new(),
            chunk_start: 0,
            file_refused: false,
            make_file: None,
        }
    }

    /// Bytes held until they fill a chunk, then written to the file `make_file`
    /// makes then (an unnamed temporary file; held in memory without one).
    pub(crate) fn file_when_full(make_file: fn() -> Option<File>) -> Spill {
        Spill {
            make_file: Some(make_file),
            ..Spill::new(None)
        }
    }

    /// Appends what `write` adds to the end of the vector it is given (bytes
    /// already there are not its to touch): where they start, and how many.
    pub(crate) fn append(&mut self, write: impl FnOnce(&mut Vec<u8>)) -> (u64, usize) {
        let before = self.chunk.len();
        let at = self.chunk_start + before as u64;
        write(&mut self.chunk);
        let len = self.chunk.len() - before;
        if self.chunk.len() >= CHUNK {
            if let Some(make_file) = self.make_file.take() {
                self.stored.file = make_file();
            }
            self.flush();
        }
        (at, len)
    }

    /// Where the next bytes appended will start.
    pub(crate) fn end(&self) -> u64 {
        self.chunk_start + self.chunk.len() as u64
    }

    /// Every byte appended, to be read back.
    pub(crate) fn finish(mut self) -> Stored {
        self.flush();
        self.stored
    }

    fn flush(&mut self) {
        if self.chunk.is_empty() {
            return;
        }
        let start = self.chunk_start;
        self.chunk_start += self.chunk.len() as u64;
        if self
            .stored
            .write(&mut self.file_refused, &self.chunk, start)
        {
            self.chunk.clear();
            return;
        }
        let chunk = std::mem::replace(&mut self.chunk, Vec::with_capacity(CHUNK + 1024));
        self.stored.held.push((start, chunk));
    }
}

impl Stored {
    /// Writes `bytes` at `at` to the file, unless there is none or it refused
    /// bytes before (`refused`, set where it refuses these): whether it took
    /// them. Bytes it did not take are the caller's to hold.
    fn write(&mut self, refused: &mut bool, bytes: &[u8], at: u64) -> bool {
        let Some(file) = self.file.as_ref().filter(|_| !*refused) else {
            return false;
        };
        match write_all_at(file, bytes, at) {
            Ok(()) => {
                self.written = self.written.max(at + bytes.len() as u64);
                true
            }
            Err(_) => {
                *refused = true;
                false
            }
        }
    }

    /// The `len` bytes appended at `at`: from memory where they are held, else
    /// from the file through `window`.
    pub(crate) fn bytes<'w>(
        &'w self,
        window: &'w mut Window,
        at: u64,
        len: usize,
    ) -> io::Result<&'w [u8]> {
        if len == 0 {
            // Nothing to read, wherever it is (a held chunk's end among them).
            return Ok(&[]);
        }
        let held = &self.held;
        let k = held.partition_point(|(from, _)| *from <= at);
        if k > 0 {
            let (from, chunk) = &held[k - 1];
            let off = (at - from) as usize;
            if off < chunk.len() {
                return Ok(&chunk[off..off + len]);
            }
        }
        let file = self
            .file
            .as_ref()
            .ok_or_else(|| io::Error::from(io::ErrorKind::NotFound))?;
        let end = at + len as u64;
        if !(window.start <= at && end <= window.start + window.bytes.len() as u64) {
            let ahead = (window.ahead as u64).min(self.written.saturating_sub(at));
            let n = ahead.max(len as u64);
            window.bytes.resize(n as usize, 0);
            read_exact_at(file, &mut window.bytes, at)?;
            window.start = at;
        }
        let off = (at - window.start) as usize;
        Ok(&window.bytes[off..off + len])
    }

    pub(crate) fn in_file(&self) -> bool {
        self.file.is_some()
    }
}

/// Records of `size` bytes each, put by their number in any order (the memo
/// phase's threads finish their units so), each written at its number's place
/// in an unnamed temporary file. Read back as `Stored`, record `k` at
/// `k * size`. Where the file refuses a run, it is held in memory, as `Spill`
/// holds its chunks.
///
/// Records put one after another make a run, written at once when it is 4 KiB:
/// each thread's records come so (a piece of the batch, then mostly the piece
/// after it), and a few runs are grown side by side. Written as each record
/// came, two threads' records made a system call every record or two, each
/// under the outcomes' lock.
pub(crate) struct SlotSpill {
    /// The records written, and the runs held (the file's holes).
    stored: Stored,
    file_refused: bool,
    size: usize,
    /// Runs not yet written: each one's first record's number, and its bytes.
    runs: Vec<(usize, Vec<u8>)>,
    /// How many runs may be held before they are joined (`coalesce_held`).
    held_limit: usize,
}

/// How many runs grow side by side before all are written.
const RUNS_GROWN: usize = 8;

/// How long a run grows before it is written.
const RUN_WRITTEN_AT: usize = 4 * 1024;

impl SlotSpill {
    pub(crate) fn new(file: Option<File>, size: usize) -> SlotSpill {
        SlotSpill {
            stored: Stored {
                file,
                ..Stored::default()
            },
            file_refused: false,
            size,
            runs: Vec::new(),
            held_limit: HELD_RUNS,
        }
    }

    /// Puts record `k` (its `size` bytes).
    pub(crate) fn put(&mut self, k: usize, record: &[u8]) {
        debug_assert_eq!(record.len(), self.size);
        let size = self.size;
        let ends_at_k = |(from, run): &(usize, Vec<u8>)| from + run.len() / size == k;
        let at = match self.runs.iter().position(ends_at_k) {
            Some(at) => at,
            None => {
                if self.runs.len() >= RUNS_GROWN {
                    self.write_runs();
                }
                self.runs.push((k, Vec::with_capacity(RUN_WRITTEN_AT)));
                self.runs.len() - 1
            }
        };
        self.runs[at].1.extend_from_slice(record);
        if self.runs[at].1.len() >= RUN_WRITTEN_AT {
            let (from, run) = self.runs.swap_remove(at);
            self.write(from, run);
        }
    }

    /// Every record put, to be read back.
    pub(crate) fn finish(mut self) -> Stored {
        self.write_runs();
        self.coalesce_held();
        self.stored
    }

    fn write_runs(&mut self) {
        for (from, run) in std::mem::take(&mut self.runs) {
            self.write(from, run);
        }
    }

    /// Writes the run of records from number `from` to the file, or holds it.
    fn write(&mut self, from: usize, run: Vec<u8>) {
        let at = (from * self.size) as u64;
        if self.stored.write(&mut self.file_refused, &run, at) {
            return;
        }
        self.stored.held.push((at, run));
        if self.stored.held.len() >= self.held_limit {
            self.coalesce_held();
        }
    }

    /// The runs held joined where one ends where another starts: a `Vec` each,
    /// runs of a few records were some 50 bytes a unit where the file refuses
    /// them all (16 in the records).
    fn coalesce_held(&mut self) {
        let held = &mut self.stored.held;
        held.sort_unstable_by_key(|(at, _)| *at);
        let mut joined: Vec<(u64, Vec<u8>)> = Vec::with_capacity(held.len());
        for (at, run) in held.drain(..) {
            match joined.last_mut() {
                Some((last_at, last)) if *last_at + last.len() as u64 == at => {
                    last.extend_from_slice(&run)
                }
                _ => joined.push((at, run)),
            }
        }
        for (_, run) in &mut joined {
            run.shrink_to_fit();
        }
        *held = joined;
        self.held_limit = (2 * held.len()).max(HELD_RUNS);
    }
}

/// How many runs a `SlotSpill` holds before it joins those that meet.
const HELD_RUNS: usize = 64;

/// The bytes last read from the file, for the next ones: one for each reader
/// (a thread, or a pass through the records in order).
#[derive(Default)]
pub struct Window {
    start: u64,
    bytes: Vec<u8>,
    /// How much is read at a time (what follows the bytes asked for, for the
    /// next ones); 0 for only those asked for.
    ahead: usize,
}

impl Window {
    /// A window that reads `ahead` bytes at a time.
    pub(crate) fn reading(ahead: usize) -> Window {
        Window {
            ahead,
            ..Window::default()
        }
    }
}

#[cfg(unix)]
fn write_all_at(file: &File, bytes: &[u8], at: u64) -> io::Result<()> {
    std::os::unix::fs::FileExt::write_all_at(file, bytes, at)
}

#[cfg(unix)]
fn read_exact_at(file: &File, bytes: &mut [u8], at: u64) -> io::Result<()> {
    std::os::unix::fs::FileExt::read_exact_at(file, bytes, at)
}

#[cfg(windows)]
fn write_all_at(file: &File, mut bytes: &[u8], mut at: u64) -> io::Result<()> {
    use std::os::windows::fs::FileExt;
    while !bytes.is_empty() {
        match file.seek_write(bytes, at) {
            Ok(0) => return Err(io::ErrorKind::WriteZero.into()),
            Ok(n) => {
                bytes = &bytes[n..];
                at += n as u64;
            }
            Err(e) if e.kind() == io::ErrorKind::Interrupted => {}
            Err(e) => return Err(e),
        }
    }
    Ok(())
}

#[cfg(windows)]
fn read_exact_at(file: &File, mut bytes: &mut [u8], mut at: u64) -> io::Result<()> {
    use std::os::windows::fs::FileExt;
    while !bytes.is_empty() {
        match file.seek_read(bytes, at) {
            Ok(0) => return Err(io::ErrorKind::UnexpectedEof.into()),
            Ok(n) => {
                bytes = &mut bytes[n..];
                at += n as u64;
            }
            Err(e) if e.kind() == io::ErrorKind::Interrupted => {}
            Err(e) => return Err(e),
        }
    }
    Ok(())
}

/// A temporary file in `dir` that takes every write and refuses every read,
/// as a failing disk would (the fault switch `ITAMEMO_SPILL_UNREADABLE`, and
/// the tests): opened for writing alone, its name removed at once.
pub fn unreadable_file_in(dir: &std::path::Path) -> Option<File> {
    use std::sync::atomic::{AtomicUsize, Ordering};
    static MADE: AtomicUsize = AtomicUsize::new(0);
    let made = MADE.fetch_add(1, Ordering::Relaxed);
    let path = dir.join(format!(
        ".itamemo-unreadable-{}-{made}.tmp",
        std::process::id()
    ));
    let file = std::fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .open(&path)
        .ok();
    let _ = std::fs::remove_file(&path);
    file
}

/// The run's own temporary file, written a moment ago, cannot be read back:
/// only a failing disk gets here. `what` is what it held, in Thai. The run
/// cannot go on without it: the panic carries `SpillUnreadable`, which the
/// program says once and ends on.
pub(crate) fn unreadable(what: &str, err: &std::io::Error) -> ! {
    std::panic::panic_any(SpillUnreadable(format!(
        "อ่าน{what}ที่พักไว้ในไฟล์ชั่วคราวกลับไม่ได้ (ดิสก์อาจมีปัญหา): {}",
        crate::os_error::thai(err)
    )))
}

/// Why a run ended: its temporary file could not be read back (in Thai).
#[derive(Debug)]
pub struct SpillUnreadable(pub String);

/// A caught panic's payload given back, or, where it is `SpillUnreadable`, the
/// panic carried on: work that turns a panic into its own reason (the summary,
/// the report) must not swallow the run's end.
pub fn unless_unreadable(payload: Box<dyn std::any::Any + Send>) -> Box<dyn std::any::Any + Send> {
    if payload.is::<SpillUnreadable>() {
        std::panic::resume_unwind(payload)
    }
    payload
}
