//! What coverage-guided fuzzing (fuzz/, `just fuzz-targets`) found, kept as
//! files in tests/data and read here as a run reads them.

mod common;

use common::{fixtures, run_into, stdout};

/// A cell reference of many letters makes calamine 0.38 multiply the column past
/// u32 (xlsx/mod.rs, the A1-reference parser): with the release build's overflow
/// checks that is a panic, caught and reported with the file; the export beside
/// it is read and its memos written. Found by the xlsx target in its first minute.
#[test]
fn an_xlsx_with_a_column_past_u32_is_reported_and_the_rest_is_read() {
    let dir = tempfile::tempdir().unwrap();
    let found = "fuzz-xlsx-column-overflow.xlsx";
    std::fs::copy(
        common::repo_root().join("tests/data").join(found),
        dir.path().join(found),
    )
    .unwrap();
    std::fs::copy(
        fixtures().join("chumphon-ita-2564-2565.xlsx"),
        dir.path().join("good.xlsx"),
    )
    .unwrap();
    let (out, output) = run_into(&[dir.path()], &[]);
    let report = stdout(&output);
    assert_eq!(output.status.code(), Some(1), "{report}");
    assert!(
        report.contains(&format!(
            "[อ่านไม่ได้] {found}: โปรแกรมขัดข้องขณะอ่านไฟล์นี้ (attempt to multiply with overflow)"
        )),
        "{report}"
    );
    assert!(report.contains("เขียนบันทึกแล้ว: 4 ฉบับ"), "{report}");
    assert!(out.path().join("itamemo-report.json").exists());
}
