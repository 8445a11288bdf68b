//! Which files a run reads: everything under the folders given, in a stable order,
//! each file once however it was named (a folder given twice, a file and its folder,
//! links), never a folder twice (links to "." or ".." loop), never the run's own
//! output folder, and only regular files: a FIFO or a device is refused by its kind
//! before anything opens it.

use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};

use itamemo_model::os_error::thai;
use itamemo_model::reason::{Reason, SpecialFile};

use crate::fs_deep::{self, Kind, Meta};

/// Endings calamine reads (compared without regard to case: `.ODS` is `.ods`).
const SPREADSHEET_ENDINGS: [&str; 6] = ["xlsx", "xlsm", "xlsb", "xls", "ods", "csv"];

/// Archives an office may be sent its exports in: skipped with a word on how to
/// open them, since a file inside one is not read.
const ARCHIVE_ENDINGS: [&str; 7] = ["zip", "rar", "7z", "gz", "tgz", "tar", "bz2"];

#[derive(Clone, Debug)]
pub struct Input {
    pub path: PathBuf,
    /// How the user sees it: relative to the folder they gave, or as they gave it.
    pub display: String,
    /// Why it is not read, when it is not.
    pub skip: Option<Reason>,
}

impl Input {
    fn skipped(path: PathBuf, display: String, reason: Reason) -> Input {
        Input {
            path,
            display,
            skip: Some(reason),
        }
    }
}

/// Every input under `paths`; `exclude` are folders never read (the output folder).
pub fn collect_inputs(paths: &[PathBuf], exclude: &[PathBuf]) -> Vec<Input> {
    let mut walk = Walk {
        seen: HashMap::new(),
        excluded: exclude
            .iter()
            .filter_map(|p| fs_deep::metadata(p).ok())
            .map(|m| m.id)
            .collect(),
        inputs: Vec::new(),
    };
    for root in paths {
        let shown_root = shown(root);
        match fs_deep::metadata(root) {
            Err(err) if err.kind() == std::io::ErrorKind::NotFound => walk
                .inputs
                .push(Input::skipped(root.clone(), shown_root, Reason::NotFound)),
            Err(err) => walk.inputs.push(Input::skipped(
                root.clone(),
                shown_root,
                Reason::CannotOpen { os: thai(&err) },
            )),
            Ok(meta) if meta.kind == Kind::Dir => walk.folder(root, meta),
            Ok(meta) => walk.entry(root.clone(), shown_root, meta),
        }
    }
    walk.inputs
}

struct Walk {
    /// What has been read, by identity (device and inode), with the name it had.
    seen: HashMap<fs_deep::FileId, String>,
    excluded: HashSet<fs_deep::FileId>,
    inputs: Vec<Input>,
}

impl Walk {
    /// A folder given by the user, and everything under it, depth first in name
    /// order (no recursion: a folder nested thousands deep does not end the run).
    fn folder(&mut self, root: &Path, meta: Meta) {
        let shown_root = shown(root);
        // Folders above the root: a link up to one of them would read the root
        // again and everything beside it.
        let above: HashSet<fs_deep::FileId> = fs_deep::canonical(root)
            .map(|c| {
                c.ancestors()
                    .skip(1)
                    .filter_map(|a| fs_deep::metadata(a).ok())
                    .map(|m| m.id)
                    .collect()
            })
            .unwrap_or_default();
        // A root is read even when it is the output folder (--out given as the
        // input folder itself): the memos there are not spreadsheets, and the
        // report is known by its name.
        let refusal = match self.excluded.contains(&meta.id) {
            true => self.seen.get(&meta.id).map(|first| already_read(first)),
            false => self.folder_refusal(&meta, &above),
        };
        if let Some(reason) = refusal {
            self.inputs
                .push(Input::skipped(root.to_path_buf(), shown_root, reason));
            return;
        }
        self.seen.insert(meta.id.clone(), shown_root.clone());
        let first = self.inputs.len();
        let mut pending = vec![root.to_path_buf()];
        while let Some(dir) = pending.pop() {
            let names = match fs_deep::read_dir(&dir) {
                Ok(names) => names,
                Err(err) => {
                    self.inputs.push(Input::skipped(
                        dir.clone(),
                        relative(&dir, root, &shown_root),
                        Reason::CannotOpenFolder { os: thai(&err) },
                    ));
                    continue;
                }
            };
            let mut folders = Vec::new();
            for name in names {
                let path = dir.join(&name);
                let display = relative(&path, root, &shown_root);
                match fs_deep::metadata(&path) {
                    Ok(meta) if meta.kind == Kind::Dir => {
                        match self.folder_refusal(&meta, &above) {
                            Some(reason) => {
                                folders.push(Err(Input::skipped(path, display, reason)))
                            }
                            None => {
                                self.seen.insert(meta.id.clone(), display);
                                folders.push(Ok(path));
                            }
                        }
                    }
                    Ok(meta) => self.entry(path, display, meta),
                    Err(err) => {
                        let reason = if fs_deep::is_link(&path) {
                            Reason::BrokenLink
                        } else {
                            Reason::CannotOpen { os: thai(&err) }
                        };
                        self.inputs.push(Input::skipped(path, display, reason));
                    }
                }
            }
            // Depth first in name order: the last pushed is walked first.
            for folder in folders.into_iter().rev() {
                match folder {
                    Ok(path) => pending.push(path),
                    Err(refused) => self.inputs.push(refused),
                }
            }
        }
        // Listed in the order of their paths, whatever the walk's order.
        self.inputs[first..].sort_by(|a, b| a.path.cmp(&b.path));
    }

    /// Why a folder is not walked: the output folder, a loop, or read already.
    fn folder_refusal(&self, meta: &Meta, above: &HashSet<fs_deep::FileId>) -> Option<Reason> {
        if self.excluded.contains(&meta.id) {
            return Some(Reason::OutputFolder);
        }
        if above.contains(&meta.id) {
            return Some(Reason::LinkAboveRoot);
        }
        self.seen.get(&meta.id).map(|first| already_read(first))
    }

    /// One entry that is not a folder: read once, and only if it is a regular file.
    fn entry(&mut self, path: PathBuf, display: String, meta: Meta) {
        if let Some(reason) = refusal_by_kind(meta.kind) {
            self.inputs.push(Input::skipped(path, display, reason));
            return;
        }
        let mut input = classify(path, display);
        if input.skip.is_none() {
            if let Some(first) = self.seen.get(&meta.id) {
                input.skip = Some(Reason::SameFileAs {
                    first: first.clone(),
                });
            } else {
                self.seen.insert(meta.id, input.display.clone());
            }
        }
        self.inputs.push(input);
    }
}

fn already_read(first: &str) -> Reason {
    Reason::SameFolderAs {
        first: first.to_string(),
    }
}

/// The run report's workbook, as emit names it: never read as scores, wherever
/// it was copied to.
const RUN_REPORT_NAME: &str = "itamemo-report.xlsx";

/// What is not a regular file is refused by its kind: reading a FIFO waits for a
/// writer that never comes, and a device such as /dev/zero never ends.
pub(crate) fn refusal_by_kind(kind: Kind) -> Option<Reason> {
    let what = match kind {
        Kind::File | Kind::Dir => return None,
        Kind::Fifo => SpecialFile::Fifo,
        Kind::CharDevice => SpecialFile::CharDevice,
        Kind::BlockDevice => SpecialFile::BlockDevice,
        Kind::Socket => SpecialFile::Socket,
        Kind::Other => SpecialFile::Other,
    };
    Some(Reason::NotRegularFile(what))
}

/// `path` as the user sees it: relative to the root they gave, with the root's
/// own name when it is the root.
fn relative(path: &Path, root: &Path, shown_root: &str) -> String {
    match path.strip_prefix(root) {
        Ok(rest) if rest.as_os_str().is_empty() => shown_root.to_string(),
        Ok(rest) => shown(rest),
        Err(_) => shown(path),
    }
}

/// A path for the screen and the report. Bytes that are not UTF-8 (a name from an
/// old Thai system) are shown as `\xE0`, so that two such names stay apart rather
/// than both becoming "�".
pub fn shown(path: &Path) -> String {
    #[cfg(unix)]
    {
        use std::os::unix::ffi::OsStrExt;
        let mut text = String::new();
        for chunk in path.as_os_str().as_bytes().utf8_chunks() {
            text.push_str(chunk.valid());
            for byte in chunk.invalid() {
                text.push_str(&format!("\\x{byte:02X}"));
            }
        }
        text
    }
    #[cfg(not(unix))]
    {
        path.display().to_string()
    }
}

fn classify(path: PathBuf, display: String) -> Input {
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().to_string())
        .unwrap_or_default();
    let ending = extension_lowercase(&path);
    let skip = if name.eq_ignore_ascii_case(RUN_REPORT_NAME) {
        Some(Reason::OwnReport)
    } else if name.starts_with("~$") || name.starts_with(".~lock") {
        Some(Reason::SpreadsheetLockFile)
    } else if ARCHIVE_ENDINGS.contains(&ending.as_str()) {
        Some(Reason::Archive { ending })
    } else if !SPREADSHEET_ENDINGS.contains(&ending.as_str()) {
        Some(Reason::NotSpreadsheet)
    } else {
        None
    };
    Input {
        path,
        display,
        skip,
    }
}

pub(crate) fn extension_lowercase(path: &Path) -> String {
    path.extension()
        .map(|e| e.to_string_lossy().to_lowercase())
        .unwrap_or_default()
}
