//! Memo files on disk: names made safe from unit names, written whole or not at all.

use std::io::Write;
use std::path::{Path, PathBuf};

/// A unit's name as a file name that Windows and Linux both accept: Thai kept,
/// separators and reserved characters replaced, no trailing dots or spaces.
pub fn safe_file_stem(name: &str) -> String {
    let replaced: String = name
        .chars()
        .map(|c| match c {
            '/' | '\\' | ':' | '*' | '?' | '"' | '<' | '>' | '|' => '_',
            c if c.is_control() => '_',
            c => c,
        })
        .collect();
    // No leading dot either: ".._.._escape" would be a hidden file on Linux and macOS.
    let trimmed = shorten(&replaced)
        .trim()
        .trim_start_matches(['.', ' '])
        .trim_end_matches(['.', ' '])
        .to_string();
    if trimmed.is_empty() || trimmed.chars().all(|c| c == '.' || c == '_') {
        return "หน่วยงาน".to_string();
    }
    // Windows keeps these names for devices, whatever the extension.
    let device = trimmed.split('.').next().unwrap_or("").to_ascii_uppercase();
    let reserved = matches!(device.as_str(), "CON" | "PRN" | "AUX" | "NUL")
        || (device.len() == 4
            && (device.starts_with("COM") || device.starts_with("LPT"))
            && device.as_bytes()[3].is_ascii_digit());
    if reserved {
        format!("_{trimmed}")
    } else {
        trimmed
    }
}

/// File names may have 255 bytes on Linux; a Thai letter takes three. A name is cut
/// to leave room for a district, a province and ".docx" after it.
const MAX_STEM_BYTES: usize = 120;

fn shorten(name: &str) -> &str {
    if name.len() <= MAX_STEM_BYTES {
        return name;
    }
    let end = (0..=MAX_STEM_BYTES)
        .rev()
        .find(|&i| name.is_char_boundary(i))
        .unwrap_or(0);
    &name[..end]
}

/// Temporary files are named so: hidden, and recognisable as this program's
/// leftovers when a run was killed before it could rename them.
pub const TEMP_PREFIX: &str = ".itamemo-";
pub const TEMP_SUFFIX: &str = ".tmp";

/// Writes a file (`write` puts its bytes into a temporary file in the same
/// folder as they are made), then renames it into place, so that a reader never
/// sees half a file and a rerun replaces the old one. No
/// fsync per file: it cost a tenth of a national batch's time, and a rename over
/// an existing file is already ordered after its data on the file systems here.
pub fn write_atomically(dir: &Path, file_name: &str, write: Writer) -> std::io::Result<PathBuf> {
    write_together(dir, vec![(file_name, write)])
        .map(|mut paths| paths.remove(0))
        .map_err(|(_, err)| err)
}

/// What writes one file's bytes into its (temporary) file, as they are made:
/// a national batch's report goes to disk without being held whole in memory.
pub type Writer<'a> = Box<dyn FnOnce(&mut std::fs::File) -> std::io::Result<()> + Send + 'a>;

/// Writes files that belong together (the report's .xlsx and .json): every one
/// whole to a temporary file first, then all renamed into place; when any fails,
/// none of them is left (the names written are removed), so no pair is ever half
/// old and half new. The error names the file that failed.
pub fn write_together(
    dir: &Path,
    files: Vec<(&str, Writer)>,
) -> Result<Vec<PathBuf>, (String, std::io::Error)> {
    // Written side by side: the first on this thread (whose panics its caller may
    // be catching quietly), each other on a thread of its own.
    let mut files = files.into_iter();
    let first = files.next();
    let written: Vec<_> = std::thread::scope(|scope| {
        let others: Vec<_> = files
            .map(|(name, write)| (name, scope.spawn(move || temp_file(dir, name, write))))
            .collect();
        let first = first.map(|(name, write)| (name, temp_file(dir, name, write)));
        first
            .into_iter()
            .chain(others.into_iter().map(|(name, thread)| {
                let written = thread
                    .join()
                    .unwrap_or_else(|payload| std::panic::resume_unwind(payload));
                (name, written)
            }))
            .collect()
    });
    // At the first that failed, those written are removed as they are dropped.
    let temps = written
        .into_iter()
        .map(|(name, temp)| {
            temp.map(|temp| (name, temp))
                .map_err(|err| (name.to_string(), err))
        })
        .collect::<Result<Vec<_>, _>>()?;
    let mut written = Vec::with_capacity(temps.len());
    for (name, temp) in temps {
        let target = dir.join(name);
        if let Err(err) = temp.persist(&target) {
            for done in &written {
                let _ = std::fs::remove_file(done);
            }
            return Err((name.to_string(), err.error));
        }
        written.push(target);
    }
    Ok(written)
}

/// A run's memos, each written as `write_atomically` writes a file, into a folder
/// where they may replace an earlier run's.
///
/// Replacing a file by renaming over it costs twice on the ext4 here (mounted with
/// `discard`, no journal): ext4 starts writing the new file's blocks out in the
/// rename (its `auto_da_alloc`, for any rename over a file), and freeing the old
/// file's blocks waits on the disk with the folder locked. Together they were a
/// second of system time in a national batch of 10,000. So, where the old memo is
/// a plain file, the new one and the old one swap names in one step (Linux's
/// `RENAME_EXCHANGE`, just as atomic: a reader finds one memo or the other,
/// whole), and the old one, now under the temporary name, is removed by a thread
/// of its own while the worker goes on with the next memo. Dropping this waits for
/// that thread to remove the last of them.
///
/// What the swap gives up is the one thing ext4's write-out in the rename was for:
/// after a power cut in the half minute after a run, a replaced memo may be empty,
/// as a memo written into a new folder may be with either way of renaming. No
/// memo is ever half written while the system runs; after a power cut, running
/// again makes the memos again.
pub struct MemoFiles {
    dir: PathBuf,
    replaced: replaced::Remover,
}

impl MemoFiles {
    pub fn new(dir: &Path) -> MemoFiles {
        MemoFiles {
            dir: dir.to_path_buf(),
            replaced: replaced::Remover::start(),
        }
    }

    pub fn write(&self, file_name: &str, bytes: &[u8]) -> std::io::Result<PathBuf> {
        let temp = temp_file(&self.dir, file_name, |file| file.write_all(bytes))?;
        let target = self.dir.join(file_name);
        match replaced::swap_with_earlier(temp, &target) {
            Ok(earlier) => self.replaced.remove(earlier),
            Err(temp) => {
                temp.persist(&target).map_err(|err| err.error)?;
            }
        }
        Ok(target)
    }
}

/// Swapping a new memo with the earlier file of its name, and removing the earlier
/// one off the workers' path. Elsewhere than Linux nothing is swapped, and the
/// rename replaces the old file as before.
#[cfg(target_os = "linux")]
mod replaced {
    use std::path::Path;
    use std::sync::mpsc::{sync_channel, SyncSender};
    use std::sync::Mutex;
    use std::thread::JoinHandle;

    use rustix::fs::{RenameFlags, CWD};
    use tempfile::{NamedTempFile, TempPath};

    /// Earlier memos are handed to the remover this many at a time: one wake of
    /// its thread (a futex call and a switch of task on each side) per memo was
    /// some 2% of a national batch's time (perf).
    const BATCH: usize = 16;

    /// At most this many batches of earlier memos wait to be removed, so that a
    /// slow disk holds the workers back rather than letting the queue grow.
    const WAITING: usize = 4;

    /// When the file at `target` is a plain file (an earlier run's memo), gives
    /// back the temporary name, which now names that earlier file, for removal.
    /// Otherwise (nothing there, a folder, a FIFO, a link, or a file system
    /// without the exchange) gives the temporary file back unmoved.
    pub fn swap_with_earlier(
        temp: NamedTempFile,
        target: &Path,
    ) -> Result<TempPath, NamedTempFile> {
        // symlink_metadata: a link named like a memo is replaced, not followed.
        let earlier_is_a_file = std::fs::symlink_metadata(target)
            .map(|earlier| earlier.file_type().is_file())
            .unwrap_or(false);
        if !earlier_is_a_file {
            return Err(temp);
        }
        match rustix::fs::renameat_with(CWD, temp.path(), CWD, target, RenameFlags::EXCHANGE) {
            Ok(()) => Ok(temp.into_temp_path()),
            Err(_) => Err(temp),
        }
    }

    pub struct Remover {
        /// Earlier memos not yet handed over, fewer than `BATCH`.
        gathered: Mutex<Vec<TempPath>>,
        to_remove: Option<SyncSender<Vec<TempPath>>>,
        remover: Option<JoinHandle<()>>,
    }

    impl Remover {
        pub fn start() -> Remover {
            let (to_remove, waiting) = sync_channel::<Vec<TempPath>>(WAITING);
            let remover = std::thread::Builder::new()
                .name("itamemo-replaced".to_string())
                // Dropping a TempPath removes its file.
                .spawn(move || waiting.into_iter().for_each(drop));
            let gathered = Mutex::new(Vec::with_capacity(BATCH));
            match remover {
                Ok(remover) => Remover {
                    gathered,
                    to_remove: Some(to_remove),
                    remover: Some(remover),
                },
                // No thread to be had: each worker removes its own.
                Err(_) => Remover {
                    gathered,
                    to_remove: None,
                    remover: None,
                },
            }
        }

        pub fn remove(&self, earlier: TempPath) {
            let Some(to_remove) = &self.to_remove else {
                // Removed here as it is dropped.
                return;
            };
            let full = {
                // A worker that panicked holding the lock left the list whole.
                let mut gathered = self.gathered.lock().unwrap_or_else(|e| e.into_inner());
                gathered.push(earlier);
                if gathered.len() < BATCH {
                    return;
                }
                std::mem::replace(&mut *gathered, Vec::with_capacity(BATCH))
            };
            // Were the thread gone, the paths come back in the error and are
            // removed here as they are dropped.
            let _ = to_remove.send(full);
        }
    }

    impl Drop for Remover {
        fn drop(&mut self) {
            let last = std::mem::take(self.gathered.get_mut().unwrap_or_else(|e| e.into_inner()));
            if let Some(to_remove) = self.to_remove.take() {
                let _ = to_remove.send(last);
            }
            if let Some(remover) = self.remover.take() {
                let _ = remover.join();
            }
        }
    }
}

#[cfg(not(target_os = "linux"))]
mod replaced {
    use std::path::Path;

    use tempfile::{NamedTempFile, TempPath};

    pub fn swap_with_earlier(
        temp: NamedTempFile,
        _target: &Path,
    ) -> Result<TempPath, NamedTempFile> {
        Err(temp)
    }

    pub struct Remover;

    impl Remover {
        pub fn start() -> Remover {
            Remover
        }

        pub fn remove(&self, _earlier: TempPath) {}
    }
}

fn temp_file(
    dir: &Path,
    name: &str,
    write: impl FnOnce(&mut std::fs::File) -> std::io::Result<()>,
) -> std::io::Result<tempfile::NamedTempFile> {
    let mut builder = tempfile::Builder::new();
    builder.prefix(TEMP_PREFIX).suffix(TEMP_SUFFIX);
    readable_by_others(&mut builder);
    let mut temp = builder.tempfile_in(dir)?;
    fault_injection::maybe_fail_write(name)?;
    write(temp.as_file_mut())?;
    Ok(temp)
}

/// A test's way to make writing one file fail as a full disk would: the
/// environment variable ITAMEMO_FAIL_WRITE_FOR names the file. Nothing else sets it.
mod fault_injection {
    use std::sync::OnceLock;

    pub fn maybe_fail_write(name: &str) -> std::io::Result<()> {
        match failing_name() {
            Some(target) if name.contains(target) => Err(std::io::ErrorKind::StorageFull.into()),
            _ => Ok(()),
        }
    }

    /// Read once: a run's environment does not change, and it is asked per file.
    fn failing_name() -> Option<&'static str> {
        static NAME: OnceLock<Option<String>> = OnceLock::new();
        NAME.get_or_init(|| {
            std::env::var_os("ITAMEMO_FAIL_WRITE_FOR")
                .map(|name| name.to_string_lossy().into_owned())
        })
        .as_deref()
    }
}

/// A temporary file is private (0600); a memo is a document like any other, so it
/// is made 0644 from the start (a system call a file fewer than changing it after).
/// As for any file a program makes, the user's umask applies: the usual 022 leaves
/// 0644, a stricter one keeps the memos as private as the user asked.
#[cfg(unix)]
fn readable_by_others(builder: &mut tempfile::Builder) {
    use std::os::unix::fs::PermissionsExt;
    builder.permissions(std::fs::Permissions::from_mode(0o644));
}

#[cfg(not(unix))]
fn readable_by_others(_builder: &mut tempfile::Builder) {}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn unit_names_become_safe_file_names() {
        assert_eq!(safe_file_stem("เทศบาลตำบลพะโต๊ะ"), "เทศบาลตำบลพะโต๊ะ");
        assert_eq!(safe_file_stem("อบต. ก/ข\\ค"), "อบต. ก_ข_ค");
        assert_eq!(safe_file_stem("ชื่อ..."), "ชื่อ");
        assert_eq!(safe_file_stem(".."), "หน่วยงาน");
        assert_eq!(safe_file_stem("../../escape_attempt"), "_.._escape_attempt");
        assert_eq!(safe_file_stem(". .hidden"), "hidden");
        assert_eq!(safe_file_stem("a\u{0}b"), "a_b");
        assert_eq!(safe_file_stem("CON"), "_CON");
        assert_eq!(safe_file_stem("com1.old"), "_com1.old");
        assert_eq!(safe_file_stem("COMPANY"), "COMPANY");
        let long = "ก".repeat(100_000);
        assert_eq!(safe_file_stem(&long).len(), 120, "forty Thai letters");
    }

    fn write_bytes(dir: &Path, name: &str, bytes: &'static [u8]) -> std::io::Result<PathBuf> {
        write_atomically(dir, name, Box::new(move |file| file.write_all(bytes)))
    }

    #[test]
    fn a_rerun_replaces_the_file_whole() {
        let dir = tempfile::tempdir().unwrap();
        write_bytes(dir.path(), "a.docx", b"first").unwrap();
        let path = write_bytes(dir.path(), "a.docx", b"second").unwrap();
        assert_eq!(std::fs::read(path).unwrap(), b"second");
        assert_eq!(
            std::fs::read_dir(dir.path()).unwrap().count(),
            1,
            "no temporary file is left"
        );
    }

    #[test]
    fn a_run_of_memos_replaces_the_earlier_ones_whole() {
        let dir = tempfile::tempdir().unwrap();
        let names: Vec<String> = (0..200).map(|n| format!("หน่วย {n}.docx")).collect();
        for name in &names {
            write_bytes(dir.path(), name, b"the earlier run's memo").unwrap();
        }
        // One earlier memo open in a reader (a user's viewer): it keeps what it opened.
        let mut reader = std::fs::File::open(dir.path().join(&names[7])).unwrap();
        let files = MemoFiles::new(dir.path());
        for name in &names {
            files.write(name, name.as_bytes()).unwrap();
        }
        files.write("ใหม่.docx", b"new").unwrap();
        drop(files);
        for name in &names {
            assert_eq!(
                std::fs::read(dir.path().join(name)).unwrap(),
                name.as_bytes()
            );
        }
        let mut kept = String::new();
        std::io::Read::read_to_string(&mut reader, &mut kept).unwrap();
        assert_eq!(kept, "the earlier run's memo");
        assert_eq!(
            std::fs::read_dir(dir.path()).unwrap().count(),
            names.len() + 1,
            "no temporary file is left"
        );
    }

    /// A memo is read by others (a shared folder, a web server): 0644, less what
    /// the user's umask takes away, the same as before the rename.
    #[cfg(target_os = "linux")]
    #[test]
    fn a_memo_is_readable_by_others_as_the_umask_allows() {
        use std::os::unix::fs::PermissionsExt;
        let status = std::fs::read_to_string("/proc/self/status").unwrap();
        let umask = status
            .lines()
            .find_map(|line| line.strip_prefix("Umask:"))
            .map(|mask| u32::from_str_radix(mask.trim(), 8).unwrap())
            .unwrap();
        let dir = tempfile::tempdir().unwrap();
        let replaced = write_bytes(dir.path(), "a.docx", b"first").unwrap();
        let fresh = MemoFiles::new(dir.path()).write("b.docx", b"b").unwrap();
        let replacing = MemoFiles::new(dir.path()).write("a.docx", b"a").unwrap();
        assert_eq!(replaced, replacing);
        for path in [fresh, replacing] {
            let mode = std::fs::metadata(&path).unwrap().permissions().mode() & 0o777;
            assert_eq!(mode, 0o644 & !umask, "{path:?} under umask {umask:o}");
        }
    }

    /// A FIFO of a memo's name is renamed over, never opened: opening it (nothing
    /// writes into it) would block for ever.
    #[cfg(target_os = "linux")]
    #[test]
    fn a_fifo_named_like_a_memo_is_replaced_without_waiting() {
        let dir = tempfile::tempdir().unwrap();
        let fifo = dir.path().join("a.docx");
        let made = std::process::Command::new("mkfifo")
            .arg(&fifo)
            .status()
            .unwrap();
        assert!(made.success());
        MemoFiles::new(dir.path()).write("a.docx", b"memo").unwrap();
        assert_eq!(std::fs::read(&fifo).unwrap(), b"memo");
    }

    /// A link named like a memo is replaced by the memo; what it points to (perhaps
    /// a file outside the folder) is left as it was.
    #[cfg(unix)]
    #[test]
    fn a_link_named_like_a_memo_is_replaced_not_followed() {
        let dir = tempfile::tempdir().unwrap();
        let elsewhere = dir.path().join("elsewhere.txt");
        std::fs::write(&elsewhere, b"not a memo").unwrap();
        std::os::unix::fs::symlink(&elsewhere, dir.path().join("a.docx")).unwrap();
        MemoFiles::new(dir.path()).write("a.docx", b"memo").unwrap();
        let memo = dir.path().join("a.docx");
        assert!(std::fs::symlink_metadata(&memo).unwrap().is_file());
        assert_eq!(std::fs::read(&memo).unwrap(), b"memo");
        assert_eq!(std::fs::read(&elsewhere).unwrap(), b"not a memo");
        assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 2);
    }

    #[test]
    fn a_memo_that_cannot_take_its_name_leaves_no_temporary_file() {
        let dir = tempfile::tempdir().unwrap();
        write_bytes(dir.path(), "a.docx", b"earlier").unwrap();
        // A folder of the memo's name: a file cannot be renamed over it.
        std::fs::create_dir(dir.path().join("b.docx")).unwrap();
        let files = MemoFiles::new(dir.path());
        assert!(files.write("b.docx", b"new").is_err());
        files.write("a.docx", b"new").unwrap();
        drop(files);
        assert!(dir.path().join("b.docx").is_dir());
        assert_eq!(std::fs::read(dir.path().join("a.docx")).unwrap(), b"new");
        assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 2);
    }
}
