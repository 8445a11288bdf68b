//! The output folder for one run: made if missing, checked writable before any
//! memo is made, held against a second run writing into it at once, and cleared of
//! what an earlier run left half done.

use std::fs::{File, OpenOptions, TryLockError};
use std::io::{Read, Write};
use std::path::{Path, PathBuf};

use crate::files::{TEMP_PREFIX, TEMP_SUFFIX};
use crate::run_report::{JSON_NAME, XLSX_NAME};
use crate::summary::SUMMARY_NAME;

/// The lock file: held (an OS lock, released when the process ends however it
/// ends) for as long as a run writes into the folder.
pub const LOCK_NAME: &str = ".itamemo.lock";

/// Why a run cannot write into its output folder.
#[derive(Debug)]
pub enum FolderRefusal {
    /// It cannot be made, or nothing can be written in it.
    Unwritable(std::io::Error),
    /// Another itamemo run is writing into it now; what its lock file says.
    Busy(String),
}

/// The output folder, held for this run until dropped.
#[derive(Debug)]
pub struct OutputFolder {
    pub dir: PathBuf,
    /// Temporary files of an earlier run that was killed, removed.
    pub leftovers_removed: usize,
    /// The earlier run's report pair, removed: it described memos this run replaces.
    pub earlier_report_removed: bool,
    lock: File,
}

impl OutputFolder {
    pub fn open(dir: &Path) -> Result<OutputFolder, FolderRefusal> {
        use FolderRefusal::Unwritable;
        std::fs::create_dir_all(dir).map_err(Unwritable)?;
        let lock_path = dir.join(LOCK_NAME);
        let mut lock = loop {
            let mut lock = OpenOptions::new()
                .read(true)
                .write(true)
                .create(true)
                .truncate(false)
                .open(&lock_path)
                .map_err(Unwritable)?;
            match lock.try_lock() {
                // The run before removes its lock file as it ends: a lock taken on
                // a file no longer at that name guards nothing, so again.
                Ok(()) if !still_named(&lock, &lock_path) => continue,
                Ok(()) => break lock,
                Err(TryLockError::WouldBlock) => {
                    let mut holder = String::new();
                    let _ = lock.read_to_string(&mut holder);
                    return Err(FolderRefusal::Busy(holder.trim().to_string()));
                }
                // A shared drive that cannot lock: the run goes on unguarded rather
                // than not at all.
                Err(TryLockError::Error(_)) => break lock,
            }
        };
        lock.set_len(0).map_err(Unwritable)?;
        writeln!(lock, "itamemo process {}", std::process::id()).map_err(Unwritable)?;
        // The lock file may exist from before, in a folder that is now read-only.
        drop(
            tempfile::Builder::new()
                .prefix(TEMP_PREFIX)
                .suffix(TEMP_SUFFIX)
                .tempfile_in(dir)
                .map_err(Unwritable)?,
        );
        let mut leftovers_removed = 0;
        for entry in std::fs::read_dir(dir).map_err(Unwritable)?.flatten() {
            let name = entry.file_name().to_string_lossy().to_string();
            if name.starts_with(TEMP_PREFIX)
                && name.ends_with(TEMP_SUFFIX)
                && std::fs::remove_file(entry.path()).is_ok()
            {
                leftovers_removed += 1;
            }
        }
        let mut earlier_report_removed = false;
        // The earlier summary too: it described that batch.
        for name in [XLSX_NAME, JSON_NAME, SUMMARY_NAME] {
            if std::fs::remove_file(dir.join(name)).is_ok() {
                earlier_report_removed = true;
            }
        }
        Ok(OutputFolder {
            dir: dir.to_path_buf(),
            leftovers_removed,
            earlier_report_removed,
            lock,
        })
    }
}

impl Drop for OutputFolder {
    /// The lock file goes while it is still held, so the folder is left as the run
    /// found it, less what it replaced.
    fn drop(&mut self) {
        let _ = std::fs::remove_file(self.dir.join(LOCK_NAME));
        let _ = self.lock.unlock();
    }
}

/// Whether `path` still names the file `lock` has open.
#[cfg(unix)]
fn still_named(lock: &File, path: &Path) -> bool {
    use std::os::unix::fs::MetadataExt;
    match (lock.metadata(), std::fs::metadata(path)) {
        (Ok(a), Ok(b)) => a.dev() == b.dev() && a.ino() == b.ino(),
        _ => false,
    }
}

/// Windows does not remove a file another process has open.
#[cfg(not(unix))]
fn still_named(_lock: &File, _path: &Path) -> bool {
    true
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_second_holder_is_refused_until_the_first_lets_go() {
        let dir = tempfile::tempdir().unwrap();
        let first = OutputFolder::open(dir.path()).unwrap();
        match OutputFolder::open(dir.path()) {
            Err(FolderRefusal::Busy(holder)) => assert!(holder.contains("itamemo process")),
            other => panic!("{other:?}"),
        }
        drop(first);
        assert!(
            !dir.path().join(LOCK_NAME).exists(),
            "the lock file goes with the run"
        );
        assert!(OutputFolder::open(dir.path()).is_ok());
    }

    #[test]
    fn leftovers_of_a_killed_run_are_removed_and_nothing_else() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join(".itamemo-Ab12Cd.tmp"), b"half").unwrap();
        std::fs::write(dir.path().join("เทศบาล.docx"), b"memo").unwrap();
        std::fs::write(dir.path().join("notes.tmp"), b"mine").unwrap();
        let folder = OutputFolder::open(dir.path()).unwrap();
        assert_eq!(folder.leftovers_removed, 1);
        assert!(!dir.path().join(".itamemo-Ab12Cd.tmp").exists());
        assert!(dir.path().join("เทศบาล.docx").exists());
        assert!(dir.path().join("notes.tmp").exists());
    }
}
