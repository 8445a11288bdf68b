//! `--pdf`: a PDF beside each memo, printed by LibreOffice, as an officer
//! would publish it. One soffice process converts the batch (in chunks that keep
//! its command line within what Windows allows), not one per memo.

use std::path::{Path, PathBuf};
use std::process::Command;

use itamemo_model::reason::Reason;

/// Memos handed to one soffice process: far below Windows' 32,767-character
/// command line even with long Thai names.
const MEMOS_PER_PROCESS: usize = 100;

/// Where LibreOffice is: ITAMEMO_SOFFICE, else `soffice` on the PATH, else the
/// places its Windows installer uses.
fn soffice() -> Option<PathBuf> {
    if let Some(given) = std::env::var_os("ITAMEMO_SOFFICE") {
        let given = PathBuf::from(given);
        return runs(&given).then_some(given);
    }
    let mut candidates = vec![PathBuf::from("soffice")];
    for base in ["ProgramFiles", "ProgramFiles(x86)"] {
        if let Some(dir) = std::env::var_os(base) {
            candidates.push(Path::new(&dir).join(r"LibreOffice\program\soffice.exe"));
        }
    }
    candidates.into_iter().find(|c| runs(c))
}

fn runs(program: &Path) -> bool {
    Command::new(program)
        .arg("--version")
        .output()
        .is_ok_and(|o| o.status.success())
}

/// The family the memos are set in (crates/emit's kit).
const MEMO_FONT: &str = "TH SarabunPSK";

/// Whether LibreOffice will find TH SarabunPSK; None where it cannot be told.
/// Without it LibreOffice prints in a substitute: on Linux fonts-thai-tlwg's
/// Laksaman at its own size, half as wide again as TH SarabunPSK (it ignores
/// fontconfig's rule that scales Laksaman down for TH Sarabun).
fn memo_font_installed() -> Option<bool> {
    if cfg!(windows) {
        return Some(windows_has_memo_font());
    }
    let matched = Command::new("fc-match")
        .args(["-f", "%{family}", MEMO_FONT])
        .output()
        .ok()
        .filter(|o| o.status.success())?;
    Some(String::from_utf8_lossy(&matched.stdout).contains(MEMO_FONT))
}

/// A TH SarabunPSK file (THSarabun.ttf, THSarabunPSK.ttf; not TH Sarabun New,
/// another family) among the machine's or the user's fonts.
fn windows_has_memo_font() -> bool {
    let folders = [
        std::env::var_os("WINDIR").map(|w| Path::new(&w).join("Fonts")),
        std::env::var_os("LOCALAPPDATA").map(|l| Path::new(&l).join(r"Microsoft\Windows\Fonts")),
    ];
    folders.into_iter().flatten().any(|folder| {
        std::fs::read_dir(folder).is_ok_and(|entries| {
            entries.flatten().any(|entry| {
                let name = entry.file_name().to_string_lossy().to_lowercase();
                name.starts_with("thsarabun") && !name.starts_with("thsarabunnew")
            })
        })
    })
}

/// What came of the PDFs: how many were written, and what went wrong.
pub struct PdfOutcome {
    pub written: usize,
    pub problems: Vec<Reason>,
}

/// Prints each memo in `out` (file names) to a PDF beside it.
pub fn write_pdfs(out: &Path, memos: &[String]) -> PdfOutcome {
    let mut outcome = PdfOutcome {
        written: 0,
        problems: Vec::new(),
    };
    if memos.is_empty() {
        return outcome;
    }
    let Some(soffice) = soffice() else {
        outcome.problems.push(Reason::NoLibreOffice);
        return outcome;
    };
    if memo_font_installed() == Some(false) {
        outcome.problems.push(Reason::PdfWithoutMemoFont);
    }
    // A profile of its own, so that a LibreOffice the officer has open does not
    // take the job over (or refuse it).
    let profile = match tempfile::tempdir() {
        Ok(dir) => dir,
        Err(err) => {
            outcome.problems.push(Reason::PdfNoTempFolder {
                detail: err.to_string(),
            });
            return outcome;
        }
    };
    let profile_url = format!(
        "-env:UserInstallation=file:///{}",
        profile
            .path()
            .display()
            .to_string()
            .replace('\\', "/")
            .trim_start_matches('/')
    );
    for chunk in memos.chunks(MEMOS_PER_PROCESS) {
        let converted = Command::new(&soffice)
            .arg(&profile_url)
            .args(["--headless", "--convert-to", "pdf", "--outdir"])
            .arg(out)
            .args(chunk.iter().map(|m| out.join(m)))
            .output();
        if let Err(err) = converted {
            outcome.problems.push(Reason::PdfCannotStart {
                detail: err.to_string(),
            });
            return outcome;
        }
        for memo in chunk {
            let pdf = out.join(Path::new(memo).with_extension("pdf"));
            if pdf.is_file() {
                outcome.written += 1;
            } else {
                outcome
                    .problems
                    .push(Reason::PdfNotMade { memo: memo.clone() });
            }
        }
    }
    outcome
}
