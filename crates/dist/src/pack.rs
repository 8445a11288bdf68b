//! One download: `itamemo-VERSION-PLATFORM/` in a zip, holding the program, the
//! quick-start, the catalog to edit and the example exports.

use std::io::Write;
use std::path::{Path, PathBuf};

use anyhow::{bail, Context, Result};
use zip::write::SimpleFileOptions;
use zip::{CompressionMethod, ZipWriter};

/// The quick-start's name: what an officer opens first.
pub const QUICK_START: &str = "อ่านก่อน.txt";
/// The catalog's name, as `itamemo catalog` names it by default.
pub const CATALOG: &str = "itamemo-catalog.toml";
/// The example exports (`fixtures/`): a name with a space, as real folders have.
pub const EXAMPLES: &str = "ตัวอย่าง ผล ITA";

const QUICK_START_TEMPLATE: &str = include_str!("../../../packaging/quick-start.th.txt");

pub struct Platform {
    pub name: &'static str,
    pub target: &'static str,
    pub program: &'static str,
    /// The quick-start's first steps on this system.
    pub start: &'static str,
    /// Windows' Notepad wants CRLF (and, before Windows 10 1903, a BOM to see UTF-8).
    pub crlf: bool,
}

pub struct Package<'a> {
    pub version: &'a str,
    pub platform: &'a Platform,
    pub program: Vec<u8>,
    pub catalog: String,
    pub examples: PathBuf,
}

impl Package<'_> {
    /// `itamemo-0.1.0-windows-x64`: the zip's name and its one folder.
    pub fn name(&self) -> String {
        format!("itamemo-{}-{}", self.version, self.platform.name)
    }

    pub fn write(&self, zip_path: &Path) -> Result<()> {
        let folder = self.name();
        let temporary = zip_path.with_extension("zip.part");
        let file = std::fs::File::create(&temporary)
            .with_context(|| format!("creating {}", temporary.display()))?;
        let mut zip = ZipWriter::new(file);
        let options = SimpleFileOptions::default()
            .compression_method(CompressionMethod::Deflated)
            .unix_permissions(0o644);
        zip.start_file(
            format!("{folder}/{}", self.platform.program),
            options.unix_permissions(0o755),
        )?;
        zip.write_all(&self.program)?;
        zip.start_file(format!("{folder}/{QUICK_START}"), options)?;
        zip.write_all(self.quick_start()?.as_bytes())?;
        zip.start_file(format!("{folder}/{CATALOG}"), options)?;
        zip.write_all(self.catalog.as_bytes())?;
        for (relative, path) in files_under(&self.examples)? {
            zip.start_file(format!("{folder}/{EXAMPLES}/{relative}"), options)?;
            zip.write_all(&std::fs::read(&path)?)?;
        }
        zip.finish()?;
        std::fs::rename(&temporary, zip_path)?;
        Ok(())
    }

    /// อ่านก่อน.txt for this platform, in the line endings its editor expects.
    pub fn quick_start(&self) -> Result<String> {
        let command = match self.platform.crlf {
            true => self.platform.program.to_string(),
            false => format!("./{}", self.platform.program),
        };
        let text = QUICK_START_TEMPLATE
            .replace("{start}", self.platform.start.trim_end())
            .replace("{version}", self.version)
            .replace("{package}", &self.name())
            .replace("{program}", self.platform.program)
            .replace("{command}", &command)
            .replace("{catalog}", CATALOG)
            .replace("{examples}", EXAMPLES);
        if let Some(left) = leftover_placeholder(&text) {
            bail!("the quick-start has an unknown placeholder {left}");
        }
        Ok(if self.platform.crlf {
            format!("\u{feff}{}", text.replace('\n', "\r\n"))
        } else {
            text
        })
    }
}

/// The first `{word}` left in `text`, if any.
fn leftover_placeholder(text: &str) -> Option<&str> {
    let start = text.find('{')?;
    let end = start + text[start..].find('}')?;
    Some(&text[start..=end])
}

/// Every file under `dir`, with its path inside it ('/'-separated), sorted.
fn files_under(dir: &Path) -> Result<Vec<(String, PathBuf)>> {
    let mut found = Vec::new();
    let mut pending = vec![dir.to_path_buf()];
    while let Some(current) = pending.pop() {
        for entry in
            std::fs::read_dir(&current).with_context(|| format!("reading {}", current.display()))?
        {
            let path = entry?.path();
            if path.is_dir() {
                pending.push(path);
            } else {
                let relative = path.strip_prefix(dir)?;
                let parts: Vec<String> = relative
                    .components()
                    .map(|c| c.as_os_str().to_string_lossy().to_string())
                    .collect();
                found.push((parts.join("/"), path));
            }
        }
    }
    found.sort();
    Ok(found)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn package(platform: &Platform) -> Package<'_> {
        Package {
            version: "9.9.9",
            platform,
            program: Vec::new(),
            catalog: String::new(),
            examples: PathBuf::new(),
        }
    }

    #[test]
    fn each_quick_start_is_whole_and_names_what_the_package_holds() {
        for platform in [&crate::WINDOWS, &crate::LINUX] {
            let text = package(platform).quick_start().unwrap();
            for said in [
                "itamemo 9.9.9",
                "-memos",
                "itamemo-report.xlsx",
                "[อ่านไม่ได้]",
                CATALOG,
                EXAMPLES,
                platform.program,
            ] {
                assert!(text.contains(said), "{}: {said} missing", platform.name);
            }
            assert_eq!(
                text.starts_with('\u{feff}'),
                platform.crlf,
                "BOM for Notepad only"
            );
            let line_ends = text.matches('\n').count();
            let crlf_ends = text.matches("\r\n").count();
            match platform.crlf {
                true => assert_eq!(crlf_ends, line_ends, "CRLF throughout"),
                false => assert_eq!(crlf_ends, 0),
            }
        }
    }
}
