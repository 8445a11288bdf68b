//! Printing a memo as an officer's LibreOffice would: with TH SarabunPSK.
//!
//! The official font is not free to ship, and LibreOffice here prints "TH SarabunPSK"
//! in fonts-thai-tlwg's Laksaman at 1.5 times its size (it ignores fontconfig's
//! scaling rule for it), so a memo laid out for TH SarabunPSK ran 14 pages instead
//! of 9 and wrapped figures its columns were fitted for. The tests print with
//! Laksaman scaled to TH SarabunPSK's metrics (crates/emit/tools/th_sarabunpsk_twin.py),
//! shown to LibreOffice through a fontconfig file of their own.

use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::OnceLock;

use super::{have, repo_root};

/// LibreOffice, poppler's pdftotext and the font twin: everything a test needs to
/// print a memo and read it back. Under CI each must be there.
pub fn can_print() -> bool {
    have(
        "soffice",
        "apt-get install libreoffice-writer-nogui fonts-thai-tlwg",
    ) && have("pdftotext", "apt-get install poppler-utils")
        && twin().is_some()
}

/// The fontconfig file that shows LibreOffice the TH SarabunPSK twin: set it as
/// FONTCONFIG_FILE on soffice, or on itamemo with --pdf.
pub fn fonts_conf() -> &'static Path {
    twin().expect("can_print() first")
}

/// The twin, made once per test program in a folder that lives as long as it.
fn twin() -> Option<&'static Path> {
    static TWIN: OnceLock<Option<(tempfile::TempDir, PathBuf)>> = OnceLock::new();
    TWIN.get_or_init(|| {
        let dir = tempfile::tempdir_in(env!("CARGO_TARGET_TMPDIR")).unwrap();
        let made = Command::new("python3")
            .arg(repo_root().join("crates/emit/tools/th_sarabunpsk_twin.py"))
            .arg(dir.path())
            .output();
        match made {
            Ok(out) if out.status.success() => {
                let conf = dir.path().join("fonts.conf");
                Some((dir, conf))
            }
            failed => {
                let why = match failed {
                    Ok(out) => String::from_utf8_lossy(&out.stderr).to_string(),
                    Err(err) => err.to_string(),
                };
                assert!(
                    std::env::var_os("CI").is_none(),
                    "CI must make the TH SarabunPSK twin (python3, pip install fonttools, \
                     apt-get install fonts-thai-tlwg): {why}"
                );
                eprintln!("skipped: no TH SarabunPSK twin here ({why})");
                None
            }
        }
    })
    .as_ref()
    .map(|(_, conf)| conf.as_path())
}

/// `docx` printed to a PDF beside it by LibreOffice (a profile of its own, so a
/// LibreOffice open on the machine does not take the job); the PDF's path.
pub fn printed_by_libreoffice(docx: &Path) -> PathBuf {
    let profile = tempfile::tempdir().unwrap();
    let converted = Command::new("soffice")
        .arg(format!(
            "-env:UserInstallation=file://{}",
            profile.path().display()
        ))
        .args(["--headless", "--convert-to", "pdf", "--outdir"])
        .arg(docx.parent().unwrap())
        .arg(docx)
        .env("FONTCONFIG_FILE", fonts_conf())
        .output()
        .unwrap();
    assert!(
        converted.status.success(),
        "{}",
        String::from_utf8_lossy(&converted.stderr)
    );
    docx.with_extension("pdf")
}

/// Page `n` (from 1) of `pdf` as pdftotext reads it; `layout` keeps the page's
/// columns (`-layout`).
pub fn page_text(pdf: &Path, n: usize, layout: bool) -> String {
    let page = n.to_string();
    let mut command = Command::new("pdftotext");
    if layout {
        command.arg("-layout");
    }
    let o = command
        .args(["-f", &page, "-l", &page])
        .arg(pdf)
        .arg("-")
        .output()
        .unwrap();
    String::from_utf8_lossy(&o.stdout).to_string()
}
