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

fn temp_file(dir: &Path, name: &str, write: Writer) -> std::io::Result<tempfile::NamedTempFile> {
    let mut temp = tempfile::Builder::new()
        .prefix(TEMP_PREFIX)
        .suffix(TEMP_SUFFIX)
        .tempfile_in(dir)?;
    fault_injection::maybe_fail_write(name)?;
    write(temp.as_file_mut())?;
    readable_by_others(temp.as_file())?;
    Ok(temp)
}

/// A test's way to make writing one file fail as a full disk would: the
/// environment variable ITAMEMO_FAIL_WRITE_FOR names the file. Nothing else sets it.
mod fault_injection {
    pub fn maybe_fail_write(name: &str) -> std::io::Result<()> {
        match std::env::var_os("ITAMEMO_FAIL_WRITE_FOR") {
            Some(target) if name.contains(&*target.to_string_lossy()) => {
                Err(std::io::ErrorKind::StorageFull.into())
            }
            _ => Ok(()),
        }
    }
}

/// A temporary file is private (0600); a memo is a document like any other.
#[cfg(unix)]
fn readable_by_others(file: &std::fs::File) -> std::io::Result<()> {
    use std::os::unix::fs::PermissionsExt;
    file.set_permissions(std::fs::Permissions::from_mode(0o644))
}

#[cfg(not(unix))]
fn readable_by_others(_file: &std::fs::File) -> std::io::Result<()> {
    Ok(())
}

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
}
