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

/// Writes through a temporary file in the same folder, then renames it into place,
/// so that a reader never sees half a file and a rerun replaces the old one. No
/// fsync per file: it cost a tenth of a national batch's time, and a rename over
/// an existing file is already ordered after its data on the file systems here.
pub fn write_atomically(dir: &Path, file_name: &str, bytes: &[u8]) -> std::io::Result<PathBuf> {
    let write: Writer = Box::new(|file| file.write_all(bytes));
    write_together(dir, vec![(file_name, write)])
        .map(|mut paths| paths.remove(0))
        .map_err(|(_, err)| err)
}

/// What writes one file's bytes into its (temporary) file, as they are made:
/// a national batch's report goes to disk without being held whole in memory.
pub type Writer<'a> = Box<dyn FnOnce(&mut std::fs::File) -> std::io::Result<()> + 'a>;

/// Writes files that belong together (the report's .xlsx and .json): every one
/// whole to a temporary file first, then all renamed into place; when any fails,
/// none of them is left (the names written are removed), so no pair is ever half
/// old and half new. The error names the file that failed.
pub fn write_together(
    dir: &Path,
    files: Vec<(&str, Writer)>,
) -> Result<Vec<PathBuf>, (String, std::io::Error)> {
    let mut temps = Vec::with_capacity(files.len());
    for (name, write) in files {
        // Those already written are removed as `temps` is dropped.
        let temp = temp_file(dir, name, write).map_err(|err| (name.to_string(), err))?;
        temps.push((name, temp));
    }
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
/// Replacing a file frees the old one's blocks, and on the ext4 here (mounted with
/// `discard`, no journal) that waits on the disk, with the folder locked: one
/// thread replacing 10,000 files of a memo's size spent about half its time
/// waiting. So the old memo is held open across the rename and let go by a thread
/// of its own, while the worker goes on with the next memo. Dropping this waits
/// for that thread to let go of the last of them.
pub struct MemoFiles {
    dir: PathBuf,
    replaced: replaced::LetGo,
}

impl MemoFiles {
    pub fn new(dir: &Path) -> MemoFiles {
        MemoFiles {
            dir: dir.to_path_buf(),
            replaced: replaced::LetGo::start(),
        }
    }

    pub fn write(&self, file_name: &str, bytes: &[u8]) -> std::io::Result<PathBuf> {
        let temp = temp_file(&self.dir, file_name, |file| file.write_all(bytes))?;
        let target = self.dir.join(file_name);
        let earlier = replaced::hold(&target);
        temp.persist(&target).map_err(|err| err.error)?;
        self.replaced.let_go(earlier);
        Ok(target)
    }
}

/// Holding a file that is about to be replaced, so that freeing it happens when it
/// is let go rather than in the rename. Linux's `O_PATH` holds a file without
/// reading it (a FIFO named like a memo does not block) and without following a
/// link; elsewhere nothing is held, and the rename frees the old file as before.
#[cfg(target_os = "linux")]
mod replaced {
    use std::os::fd::OwnedFd;
    use std::path::Path;
    use std::sync::mpsc::{sync_channel, SyncSender};
    use std::thread::JoinHandle;

    use rustix::fs::{Mode, OFlags};

    /// At most this many replaced files wait to be let go: each is an open file
    /// descriptor, and a process may have 1,024.
    const WAITING: usize = 64;

    pub fn hold(path: &Path) -> Option<OwnedFd> {
        let flags = OFlags::PATH | OFlags::NOFOLLOW | OFlags::CLOEXEC;
        rustix::fs::open(path, flags, Mode::empty()).ok()
    }

    pub struct LetGo {
        to_close: Option<SyncSender<OwnedFd>>,
        closer: Option<JoinHandle<()>>,
    }

    impl LetGo {
        pub fn start() -> LetGo {
            let (to_close, waiting) = sync_channel::<OwnedFd>(WAITING);
            let closer = std::thread::Builder::new()
                .name("itamemo-replaced".to_string())
                .spawn(move || waiting.into_iter().for_each(drop));
            match closer {
                Ok(closer) => LetGo {
                    to_close: Some(to_close),
                    closer: Some(closer),
                },
                // No thread to be had: each worker lets go of its own.
                Err(_) => LetGo {
                    to_close: None,
                    closer: None,
                },
            }
        }

        pub fn let_go(&self, held: Option<OwnedFd>) {
            if let (Some(held), Some(to_close)) = (held, &self.to_close) {
                // Were the thread gone, the file comes back in the error and is
                // let go here.
                let _ = to_close.send(held);
            }
        }
    }

    impl Drop for LetGo {
        fn drop(&mut self) {
            self.to_close = None;
            if let Some(closer) = self.closer.take() {
                let _ = closer.join();
            }
        }
    }
}

#[cfg(not(target_os = "linux"))]
mod replaced {
    use std::path::Path;

    pub fn hold(_path: &Path) -> Option<()> {
        None
    }

    pub struct LetGo;

    impl LetGo {
        pub fn start() -> LetGo {
            LetGo
        }

        pub fn let_go(&self, _held: Option<()>) {}
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

    #[test]
    fn a_rerun_replaces_the_file_whole() {
        let dir = tempfile::tempdir().unwrap();
        write_atomically(dir.path(), "a.docx", b"first").unwrap();
        let path = write_atomically(dir.path(), "a.docx", b"second").unwrap();
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
            write_atomically(dir.path(), name, b"the earlier run's memo").unwrap();
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
        let replaced = write_atomically(dir.path(), "a.docx", b"first").unwrap();
        let fresh = MemoFiles::new(dir.path()).write("b.docx", b"b").unwrap();
        let replacing = MemoFiles::new(dir.path()).write("a.docx", b"a").unwrap();
        assert_eq!(replaced, replacing);
        for path in [fresh, replacing] {
            let mode = std::fs::metadata(&path).unwrap().permissions().mode() & 0o777;
            assert_eq!(mode, 0o644 & !umask, "{path:?} under umask {umask:o}");
        }
    }

    /// The earlier file is held without opening it for reading: a FIFO of a memo's
    /// name (nothing writes into it) would block a read open for ever.
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

    #[test]
    fn a_memo_that_cannot_take_its_name_leaves_no_temporary_file() {
        let dir = tempfile::tempdir().unwrap();
        write_atomically(dir.path(), "a.docx", b"earlier").unwrap();
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
