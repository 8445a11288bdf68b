//! `--pdf`: a PDF beside each memo through LibreOffice, one process for the batch;
//! without LibreOffice a clear Thai message, exit code 1, the memos still written.

mod common;

use std::process::Command;

use common::{fixtures, stdout, MEMO_DATE};

fn files_ending(dir: &std::path::Path, ending: &str) -> usize {
    std::fs::read_dir(dir)
        .unwrap()
        .filter(|e| {
            e.as_ref()
                .unwrap()
                .path()
                .extension()
                .is_some_and(|x| x == ending)
        })
        .count()
}

#[test]
fn without_libreoffice_the_memos_are_written_and_the_run_says_why_there_is_no_pdf() {
    let out = tempfile::tempdir().unwrap();
    let output = Command::new(env!("CARGO_BIN_EXE_itamemo"))
        .arg(fixtures().join("chumphon-ita-2564-2565.xlsx"))
        .args(["--out", &out.path().display().to_string()])
        .args(["--date", MEMO_DATE, "--pdf"])
        // Where LibreOffice is not: the program named does not exist.
        .env("ITAMEMO_SOFFICE", "/nonexistent/soffice")
        .output()
        .unwrap();
    let said = stdout(&output);
    assert_eq!(output.status.code(), Some(1), "{said}");
    assert!(
        said.contains("ทำไฟล์ PDF ไม่ได้ เพราะไม่พบโปรแกรม LibreOffice"),
        "{said}"
    );
    assert_eq!(
        files_ending(out.path(), "docx"),
        5,
        "the memos and the area's summary all the same"
    );
    assert_eq!(files_ending(out.path(), "pdf"), 0);
}

#[test]
fn with_libreoffice_each_memo_gets_its_pdf() {
    if !common::printing::can_print() {
        return;
    }
    let out = tempfile::tempdir().unwrap();
    let output = Command::new(env!("CARGO_BIN_EXE_itamemo"))
        .arg(fixtures().join("chumphon-ita-2564-2565.xlsx"))
        .args(["--out", &out.path().display().to_string()])
        .args(["--date", MEMO_DATE, "--pdf"])
        .env("FONTCONFIG_FILE", common::printing::fonts_conf())
        .output()
        .unwrap();
    let said = stdout(&output);
    assert_eq!(output.status.code(), Some(0), "{said}");
    assert!(said.contains("ไฟล์ PDF: 5 ไฟล์"), "{said}");
    let names = common::fixture_data::UNITS.map(|u| u.name);
    for name in names.iter().chain(&["itamemo-summary"]) {
        let pdf = out.path().join(format!("{name}.pdf"));
        let bytes = std::fs::read(&pdf).unwrap_or_else(|e| panic!("{}: {e}", pdf.display()));
        assert!(bytes.starts_with(b"%PDF"), "{}", pdf.display());
    }
}

/// Without TH SarabunPSK, LibreOffice prints the memos in a wider substitute: the
/// PDFs are made, and the run says their lines and pages are not the memo's.
#[test]
fn without_the_memo_font_the_pdfs_are_made_and_the_run_says_so() {
    if !common::printing::can_print() {
        return;
    }
    // A machine with fonts-thai-tlwg only: Laksaman, no TH SarabunPSK.
    let fonts = tempfile::tempdir().unwrap();
    let conf = fonts.path().join("fonts.conf");
    std::fs::write(
        &conf,
        format!(
            "<?xml version=\"1.0\"?>\n<fontconfig>\n  <dir>/usr/share/fonts/truetype/tlwg</dir>\n  \
             <cachedir>{}</cachedir>\n</fontconfig>\n",
            fonts.path().join("cache").display()
        ),
    )
    .unwrap();
    let out = tempfile::tempdir().unwrap();
    let output = Command::new(env!("CARGO_BIN_EXE_itamemo"))
        .arg(fixtures().join("chumphon-ita-2564-2565.xlsx"))
        .args(["--out", &out.path().display().to_string()])
        .args(["--date", MEMO_DATE, "--pdf"])
        .env("FONTCONFIG_FILE", &conf)
        .output()
        .unwrap();
    let said = stdout(&output);
    assert_eq!(output.status.code(), Some(1), "needs a look:\n{said}");
    assert!(said.contains("ไฟล์ PDF: 5 ไฟล์"), "{said}");
    assert!(said.contains("เครื่องนี้ไม่มีฟอนต์ TH SarabunPSK"), "{said}");
    assert_eq!(files_ending(out.path(), "pdf"), 5);
}
