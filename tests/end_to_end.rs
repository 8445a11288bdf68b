//! The binary on real files: the reference unit's memo read back from its DOCX,
//! the XLSX and ODS exports agreeing, and bad input named in the run report.

mod common;

use std::path::Path;

use common::{docx_text, fixtures, run_into, stdout, MEMO_DATE};

const REFERENCE: &str = "เทศบาลตำบลพะโต๊ะ";

fn memo_text(dir: &Path, unit: &str) -> String {
    docx_text(&dir.join(format!("{unit}.docx")))
}

/// The text from the line that starts with `from` up to the line that starts with `to`.
fn between<'a>(text: &'a str, from: &str, to: &str) -> &'a str {
    let start = text
        .find(&format!("\n{from}"))
        .unwrap_or_else(|| panic!("no line starts with {from:?}"));
    let rest = &text[start + 1..];
    let end = rest
        .find(&format!("\n{to}"))
        .unwrap_or_else(|| panic!("no line starts with {to:?} after {from:?}"));
    &rest[..end]
}

/// The reference's figures (memo.md): number, name, 2564, 2565, change in the table.
const REFERENCE_ROWS: [(&str, &str, &str, &str, &str); 10] = [
    ("๑", "การปฏิบัติหน้าที่", "๘๘.๕๙", "๙๐.๑๔", "เพิ่มขึ้น ๑.๕๕"),
    ("๒", "การใช้งบประมาณ", "๗๖.๓๕", "๘๐.๐๖", "เพิ่มขึ้น ๓.๗๑"),
    ("๓", "การใช้อำนาจ", "๗๗.๘๐", "๘๐.๗๐", "เพิ่มขึ้น ๒.๙๐"),
    ("๔", "การใช้ทรัพย์สินของราชการ", "๗๔.๒๑", "๗๓.๗๕", "ลดลง ๐.๔๖"),
    ("๕", "การแก้ไขปัญหาการทุจริต", "๗๖.๗๔", "๗๘.๙๓", "เพิ่มขึ้น ๒.๑๙"),
    ("๖", "คุณภาพการดำเนินงาน", "๘๖.๗๗", "๘๒.๕๙", "ลดลง ๔.๑๘"),
    ("๗", "ประสิทธิภาพการสื่อสาร", "๘๗.๕๔", "๗๗.๓๓", "ลดลง ๑๐.๒๑"),
    ("๘", "การปรับปรุงระบบการทำงาน", "๘๒.๘๐", "๗๗.๔๑", "ลดลง ๕.๓๙"),
    ("๙", "การเปิดเผยข้อมูล", "๙๖.๐๐", "๙๖.๐๐", "คงที่"),
    ("๑๐", "การป้องกันการทุจริต", "๑๐๐", "๑๐๐", "คงที่"),
];

/// The line an indicator gets under the point where it stands.
fn standing_line(number: &str) -> String {
    let (n, name, before, now, _) = REFERENCE_ROWS.iter().find(|r| r.0 == number).unwrap();
    format!(
        "ตัวชี้วัดที่ {n} {name} (ปีงบประมาณ พ.ศ. ๒๕๖๔ มีคะแนน {before} ปีงบประมาณ พ.ศ. ๒๕๖๕ ได้คะแนน {now})"
    )
}

fn assert_stands(section: &str, numbers: &[&str], point: &str) {
    for (k, number) in numbers.iter().enumerate() {
        let expected = format!("{point}.{} {}", to_thai(k + 1), standing_line(number));
        assert!(
            section.contains(&expected),
            "{point} should list {expected:?}; it says:\n{section}"
        );
    }
    let listed = section.matches(&format!("\n{point}.")).count();
    assert_eq!(
        listed,
        numbers.len(),
        "{point} lists exactly {numbers:?}:\n{section}"
    );
}

fn to_thai(n: usize) -> String {
    itamemo_model::thai::to_thai_digits(&n.to_string())
}

#[test]
fn the_reference_memo_says_what_memo_md_says() {
    let (out, output) = run_into(&[&fixtures()], &["--date", MEMO_DATE]);
    assert_eq!(output.status.code(), Some(0), "{}", stdout(&output));
    let text = memo_text(out.path(), REFERENCE);

    // The parts, in order.
    let order = [
        "บันทึกข้อความ",
        "เรื่อง  มาตรการส่งเสริมคุณธรรมและความโปร่งใสภายในหน่วยงานของเทศบาลตำบลพะโต๊ะ ประจำปีงบประมาณ พ.ศ. ๒๕๖๖",
        "จึงเรียนมาเพื่อโปรดทราบ",
        "ความเห็นหัวหน้าสำนักปลัด",
        "คำสั่งนายกเทศมนตรี",
        // The title page's title, broken where the reference breaks it.
        "มาตรการส่งเสริมคุณธรรมและความโปร่งใสภายใน\nหน่วยงานของเทศบาลตำบลพะโต๊ะ\nประจำปีงบประมาณ พ.ศ. ๒๕๖๖",
        "อำเภอพะโต๊ะ จังหวัดชุมพร",
        "๑. ผลการประเมินคุณธรรมและความโปร่งใส",
        "๒. ผลการวิเคราะห์รายตัวชี้วัด",
        "๓. ข้อเสนอแนะ",
        "๔. มาตรการส่งเสริมคุณธรรมและความโปร่งใสภายในหน่วยงาน ประจำปีงบประมาณ พ.ศ. ๒๕๖๖",
    ];
    let mut at = 0;
    for part in order {
        let found = text[at..]
            .find(part)
            .unwrap_or_else(|| panic!("{part:?} missing or out of order"));
        at += found + part.len();
    }

    // Cover: the Thai date, the OIT item that asks for the memo (the register's
    // names are checked in memo_form.rs).
    assert!(text.contains("วันที่  ๑๗ มีนาคม ๒๕๖๖"));
    assert!(text.contains(
        "ตามแบบตรวจการเปิดเผยข้อมูลสาธารณะ (Open Data Integrity and Transparency Assessment: OIT) ตัวชี้วัดที่ ๑๐ การป้องกันการทุจริต ตัวชี้วัดย่อยที่ ๑๐.๒ มาตรการภายในเพื่อป้องกันการทุจริต ข้อ O๔๒ มาตรการส่งเสริมคุณธรรมและความโปร่งใสภายในหน่วยงาน"
    ));

    // Section 1: overall, grade, spread, highest, lowest, every indicator by its right name.
    assert!(text.contains("ได้คะแนนภาพรวม ๘๗.๑๕ คะแนน ระดับผลการประเมิน A"));
    let table1 = between(&text, "รายการ", "๒. ผลการวิเคราะห์");
    for row in [
        "คะแนนภาพรวม (ITA)\n๘๘.๕๓\n๘๗.๑๕",
        "ระดับผลการประเมิน\nA\nA",
        "ส่วนเบี่ยงเบนมาตรฐานของคะแนนตัวชี้วัด\n๘.๗๒\n๘.๗๒",
        "คะแนนสูงสุด\n๑๐๐\n๑๐๐",
        "คะแนนต่ำสุด\n๗๔.๒๑\n๗๓.๗๕",
    ] {
        assert!(table1.contains(row), "section 1 lacks {row:?}");
    }
    for (n, name, before, now, _) in REFERENCE_ROWS {
        let row = format!("{n}. {name}\n{before}\n{now}");
        assert!(table1.contains(&row), "section 1 lacks {row:?}");
    }

    // Section 2: the grade statement, the table with change words, each standing.
    assert!(text.contains(
        "๒.๑ เทศบาลตำบลพะโต๊ะได้ ๘๗.๑๕ คะแนน อยู่ในระดับ A ลดลงจากปีงบประมาณ พ.ศ. ๒๕๖๔ (๘๘.๕๓ คะแนน ระดับ A) จำนวน ๑.๓๘ คะแนน โดยยังคงอยู่ในระดับเดิม"
    ));
    let table2 = between(&text, "เครื่องมือ", "๒.๓");
    for (n, name, before, now, change) in REFERENCE_ROWS {
        let row = format!("{n}. {name}\n{before}\n{now}\n{change}");
        assert!(table2.contains(&row), "section 2.2 lacks {row:?}");
    }
    assert!(table2.contains("คะแนนภาพรวม\n๘๘.๕๓\n๘๗.๑๕\nลดลง ๑.๓๘"));
    assert!(table2.contains("ระดับผลการประเมิน\nA\nA"));
    assert_stands(between(&text, "๒.๓ ", "๒.๔ "), &["๑"], "๒.๓");
    assert_stands(between(&text, "๒.๔ ", "๒.๕ "), &["๒", "๓"], "๒.๔");
    assert_stands(between(&text, "๒.๕ ", "๒.๖ "), &["๕"], "๒.๕");
    assert_stands(between(&text, "๒.๖ ", "๒.๗ "), &["๔", "๖", "๗", "๘"], "๒.๖");
    assert_stands(between(&text, "๒.๗ ", "๒.๘ "), &["๙", "๑๐"], "๒.๗");
    assert!(text.contains("๒.๖ จุดอ่อน: ตัวชี้วัดที่ได้รับผลการประเมินลดลง คือ"));
    assert!(
        text.contains("๒.๕ จุดอ่อน: ตัวชี้วัดที่ได้รับผลการประเมินเพิ่มขึ้นหรือเท่าเดิม แต่ได้คะแนนต่ำกว่า ๘๐ คะแนน คือ")
    );

    // Analysis tables: the weak indicators' findings under their tools.
    let analysis = between(&text, "๒.๘ ", "๓. ข้อเสนอแนะ");
    for weak in [
        "- ตัวชี้วัดที่ ๔ การใช้ทรัพย์สินของราชการ ",
        "- ตัวชี้วัดที่ ๕ การแก้ไขปัญหาการทุจริต ",
        "- ตัวชี้วัดที่ ๗ ประสิทธิภาพการสื่อสาร ",
    ] {
        assert_eq!(
            analysis.matches(weak).count(),
            2,
            "{weak} in both analysis tables"
        );
    }
    // Each finding says why from the unit's own figures.
    assert!(analysis.contains(
        "- ตัวชี้วัดที่ ๔ การใช้ทรัพย์สินของราชการ ได้ ๗๓.๗๕ คะแนน ต่ำกว่า ๘๐ คะแนน และลดลง ๐.๔๖ คะแนน: "
    ));
    assert!(analysis.contains("- ตัวชี้วัดที่ ๖ คุณภาพการดำเนินงาน ได้ ๘๒.๕๙ คะแนน ลดลง ๔.๑๘ คะแนน: "));
    assert!(analysis.contains("- ตัวชี้วัดที่ ๔ การใช้ทรัพย์สินของราชการ หน่วยงานควร"));
    assert!(
        !analysis.contains("- ตัวชี้วัดที่ ๑ "),
        "a strength is not a finding"
    );
    // Indicator 9 is unchanged at 96, but O30 is not met: not "nothing to fix".
    assert!(analysis.contains("- ตัวชี้วัดที่ ๙ การเปิดเผยข้อมูล ยังไม่ผ่านข้อ O๓๐ ของแบบตรวจปี ๒๕๖๕\n"));
    assert!(analysis
        .contains("- ตัวชี้วัดที่ ๙ การเปิดเผยข้อมูล หน่วยงานควรดำเนินการและเผยแพร่ข้อมูลตามข้อ O๓๐ ให้ครบถ้วน"));
    assert!(!analysis.contains("ด้าน OIT ไม่พบประเด็นที่ต้องแก้ไข"));

    // Section 3 names every weak indicator, though it cites only each tool's
    // lowest items (none of indicator 6's are among EIT's lowest three).
    let advice = between(&text, "๓. ข้อเสนอแนะ", "๔. มาตรการ");
    for weak in ["๔", "๕", "๖", "๗", "๘"] {
        assert!(
            advice.contains(&format!("ตัวชี้วัดที่ {weak} ")),
            "section 3 lacks indicator {weak}"
        );
    }
    assert!(advice.contains(
        "\nเทศบาลตำบลพะโต๊ะควรพัฒนาและปรับปรุงการดำเนินการตามตัวชี้วัดที่ ๖ คุณภาพการดำเนินงาน ตัวชี้วัดที่ ๗ ประสิทธิภาพการสื่อสาร และตัวชี้วัดที่ ๘ การปรับปรุงระบบการทำงาน โดยเฉพาะข้อที่ได้คะแนนต่ำสุดของเครื่องมือนี้ ดังนี้\n"
    ), "{advice}");

    // Section 4: aims at the next grade up; the memo's own measure, the report of
    // it (O43), one per weak indicator (4-8) and one for O30 not met, each within
    // fiscal 2566 from the memo's month.
    let measures = &text[text.find("๔. มาตรการ").unwrap()..];
    assert!(measures.contains("อยู่ในระดับ A และ"));
    assert!(measures.contains("ให้อยู่ในระดับ AA ต่อไป"));
    for k in 1..=8 {
        assert!(
            measures.contains(&format!("\n{}. ", to_thai(k))),
            "measure {k}"
        );
    }
    assert!(
        measures.contains(
            "\n๒. รายงานผลการดำเนินการตามมาตรการส่งเสริมคุณธรรมและความโปร่งใสภายในหน่วยงานประจำปีงบประมาณ พ.ศ. ๒๕๖๖\n"
        ),
        "the report of this year's measures, named by its year"
    );
    assert!(
        measures.contains("\n๘. จัดช่องทางแจ้งเรื่องร้องเรียนการทุจริต"),
        "O30 not met"
    );
    assert!(!measures.contains("\n๙. "), "nothing for the strengths");
    assert!(measures.contains("มี.ค.๖๖ – ส.ค.๖๖"));
    assert!(measures.contains("มี.ค.๖๖ – พ.ค.๖๖"));
    assert!(measures.contains("ภายในเดือน ก.ย.๖๖"));
    assert!(
        !measures.contains(".๖๕"),
        "no period before the memo's month"
    );

    // Numbers in Thai digits only; none of the reference's copying slips.
    let arabic: Vec<&str> = text
        .lines()
        .filter(|l| l.chars().any(|c| c.is_ascii_digit()))
        .collect();
    assert!(arabic.is_empty(), "lines with Arabic digits: {arabic:?}");
    for slip in [
        "๘๕.๘๙",
        "๘๖.๓๗",
        "อำเภอบ้านฝาง",
        "การใช้จ่ายเงินของราชการ",
        "การเก็บเงินจากค่าธรรมเนียม",
    ] {
        assert!(
            !text.contains(slip),
            "the reference's slip {slip:?} was copied"
        );
    }
}

#[test]
fn the_memo_is_set_in_th_sarabunpsk_16pt_for_thai_script() {
    let (out, _) = run_into(&[&fixtures()], &["--date", MEMO_DATE]);
    let file = std::fs::File::open(out.path().join(format!("{REFERENCE}.docx"))).unwrap();
    let mut archive = zip::ZipArchive::new(file).unwrap();
    let mut styles = String::new();
    std::io::Read::read_to_string(
        &mut archive.by_name("word/styles.xml").unwrap(),
        &mut styles,
    )
    .unwrap();
    let defaults =
        &styles[styles.find("<w:docDefaults>").unwrap()..styles.find("</w:docDefaults>").unwrap()];
    assert!(
        defaults.contains(r#"w:cs="TH SarabunPSK""#),
        "complex-script font: {defaults}"
    );
    assert!(
        defaults.contains(r#"w:ascii="TH SarabunPSK""#),
        "{defaults}"
    );
    assert!(
        defaults.contains(r#"<w:szCs w:val="32" />"#)
            || defaults.contains(r#"<w:szCs w:val="32"/>"#),
        "{defaults}"
    );
    let mut document = String::new();
    std::io::Read::read_to_string(
        &mut archive.by_name("word/document.xml").unwrap(),
        &mut document,
    )
    .unwrap();
    assert!(document.contains("<w:tblBorders>"), "tables have borders");
    assert!(
        document.contains(r#"<w:pgSz w:w="11906" w:h="16838""#),
        "A4"
    );
}

#[test]
fn the_xlsx_and_the_ods_export_give_the_same_memos() {
    let (from_xlsx, a) = run_into(
        &[&fixtures().join("chumphon-ita-2564-2565.xlsx")],
        &["--date", MEMO_DATE],
    );
    let (from_ods, b) = run_into(
        &[&fixtures().join("chumphon-ita-2564-2565.ods")],
        &["--date", MEMO_DATE],
    );
    assert_eq!(a.status.code(), Some(0), "{}", stdout(&a));
    assert_eq!(b.status.code(), Some(0), "{}", stdout(&b));
    for unit in common::fixture_data::UNITS.iter().map(|u| u.name) {
        let (x, o) = (
            memo_text(from_xlsx.path(), unit),
            memo_text(from_ods.path(), unit),
        );
        assert!(x.contains(unit));
        assert_eq!(x, o, "{unit}: the XLSX and the ODS memo differ");
    }
}

#[test]
fn a_unit_without_a_previous_year_gets_a_memo_split_by_the_threshold() {
    let (out, _) = run_into(&[&fixtures()], &["--date", MEMO_DATE]);
    let text = memo_text(out.path(), "องค์การบริหารส่วนตำบลพระรักษ์");
    assert!(text.contains(
        "ได้ ๘๑.๖๙ คะแนน อยู่ในระดับ B โดยไม่มีผลการประเมินของปีงบประมาณ พ.ศ. ๒๕๖๔ สำหรับเปรียบเทียบ"
    ));
    assert!(
        text.contains("๑. การปฏิบัติหน้าที่\n-\n๙๑.๒๐"),
        "the previous year shows -"
    );
    assert!(
        !text.contains("ลดลง") && !text.contains("เพิ่มขึ้น"),
        "no change words without a previous year"
    );
    assert!(text.contains("๒.๓.๑ ตัวชี้วัดที่ ๑ การปฏิบัติหน้าที่ (ปีงบประมาณ พ.ศ. ๒๕๖๕ ได้คะแนน ๙๑.๒๐)"));
    assert!(text.contains("๒.๕ จุดอ่อน: ตัวชี้วัดที่ได้คะแนนต่ำกว่า ๘๐ คะแนน คือ"));
    assert!(text.contains("๒.๕.๑ ตัวชี้วัดที่ ๕ การแก้ไขปัญหาการทุจริต (ปีงบประมาณ พ.ศ. ๒๕๖๕ ได้คะแนน ๗๘.๓๕)"));
    assert!(text.contains("๒.๕.๒ ตัวชี้วัดที่ ๙ การเปิดเผยข้อมูล (ปีงบประมาณ พ.ศ. ๒๕๖๕ ได้คะแนน ๗๒.๐๐)"));
    assert!(
        !text.contains("๒.๗ "),
        "no 'unchanged' point without a previous year"
    );
}

#[test]
fn indicators_tied_for_the_top_strength_are_both_named() {
    let (out, _) = run_into(&[&fixtures()], &["--date", MEMO_DATE]);
    let text = memo_text(out.path(), "เทศบาลตำบลละแม");
    let top = between(&text, "๒.๓ ", "๒.๔ ");
    assert!(
        top.contains(
            "๒.๓.๑ ตัวชี้วัดที่ ๑ การปฏิบัติหน้าที่ (ปีงบประมาณ พ.ศ. ๒๕๖๔ มีคะแนน ๘๔.๑๐ ปีงบประมาณ พ.ศ. ๒๕๖๕ ได้คะแนน ๘๘.๗๕)"
        ),
        "{top}"
    );
    assert!(
        top.contains(
            "๒.๓.๒ ตัวชี้วัดที่ ๓ การใช้อำนาจ (ปีงบประมาณ พ.ศ. ๒๕๖๔ มีคะแนน ๘๐.๕๐ ปีงบประมาณ พ.ศ. ๒๕๖๕ ได้คะแนน ๘๘.๗๕)"
        ),
        "{top}"
    );
}

#[test]
fn the_run_report_counts_files_units_and_memos() {
    let (out, output) = run_into(&[&fixtures()], &["--date", MEMO_DATE]);
    let report = stdout(&output);
    assert!(
        report.contains("ประจำปีงบประมาณ พ.ศ. 2566 (วิเคราะห์ผลปี 2565 เทียบกับปี 2564)"),
        "{report}"
    );
    let files = fixture_files(&fixtures());
    assert!(
        report.contains(&format!(
            "ไฟล์: {0} ไฟล์ (อ่านได้ {0}, อ่านไม่ได้ 0, ข้าม 0)",
            files.len()
        )),
        "{report}"
    );
    for file in &files {
        assert!(
            report.contains(&format!("[อ่านแล้ว] {file}: ")),
            "{file} is not in the report:\n{report}"
        );
    }
    assert!(report.contains("หน่วยงานที่พบ: 4"), "{report}");
    assert!(report.contains("เขียนบันทึกแล้ว: 4 ฉบับ"), "{report}");
    let written: Vec<_> = std::fs::read_dir(out.path())
        .unwrap()
        .flatten()
        .map(|e| e.file_name())
        .collect();
    let memos = written
        .iter()
        .filter(|n| n.to_string_lossy().ends_with(".docx") && *n != "itamemo-summary.docx")
        .count();
    assert_eq!(memos, 4, "{written:?}");
    for report_file in [
        "itamemo-report.xlsx",
        "itamemo-report.json",
        "itamemo-summary.docx",
    ] {
        assert!(
            out.path().join(report_file).exists(),
            "{report_file} beside the memos"
        );
    }
}

/// Every file under `dir`, as the report names it (relative, with '/').
fn fixture_files(dir: &Path) -> Vec<String> {
    let mut found = Vec::new();
    for entry in std::fs::read_dir(dir).unwrap().flatten() {
        let path = entry.path();
        if path.is_dir() {
            let sub = path.file_name().unwrap().to_string_lossy().to_string();
            found.extend(
                fixture_files(&path)
                    .into_iter()
                    .map(|f| format!("{sub}/{f}")),
            );
        } else {
            found.push(path.file_name().unwrap().to_string_lossy().to_string());
        }
    }
    found
}

#[test]
fn nothing_to_read_or_a_bad_date_stops_with_code_2() {
    let empty = tempfile::tempdir().unwrap();
    let (_, output) = run_into(&[empty.path()], &[]);
    assert_eq!(output.status.code(), Some(2));
    assert!(stdout(&output).contains("ไม่พบผลคะแนน ITA ของหน่วยงานใด"));

    let (_, output) = run_into(&[&fixtures()], &["--date", "17/03/2566"]);
    assert_eq!(output.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&output.stderr).contains("วันที่ \"17/03/2566\" ไม่ถูกต้อง"));
}

/// The run without --date, into a fresh folder: dated today unless the register
/// gives a unit its date.
fn run_undated(inputs: &[&Path]) -> common::run::Run {
    let out = tempfile::tempdir().unwrap();
    let mut args: Vec<String> = inputs.iter().map(|p| p.display().to_string()).collect();
    args.extend(["--out".into(), out.path().display().to_string()]);
    let refs: Vec<&str> = args.iter().map(String::as_str).collect();
    let output = common::itamemo(&refs);
    common::run::Run {
        report: stdout(&output),
        code: output.status.code(),
        out,
    }
}

/// Fiscal 2566 ended on 30 September 2566: a memo for it dated today would give
/// measures months after the year they belong to. Without a date for it, each
/// unit is refused with the way to give one; the register's date is the unit's.
#[test]
fn a_memo_is_dated_within_its_fiscal_year_or_not_written() {
    let export = fixtures().join("chumphon-ita-2564-2565.xlsx");
    let run = run_undated(&[&export]);
    assert_eq!(run.code, Some(1), "{}", run.report);
    assert_eq!(run.count("unit_without_memo", "date_after_fiscal_year"), 4);
    run.says("ระบุวันที่ของบันทึกด้วย --date");

    // The register dates every unit (as 17 มีนาคม 2566, 17/3/2566, ๑๗ มี.ค. ๒๕๖๖).
    let register = fixtures().join("unit-register.xlsx");
    let run = run_undated(&[&export, &register]);
    assert_eq!(run.code, Some(0), "{}", run.report);
    for unit in [
        "เทศบาลตำบลพะโต๊ะ",
        "เทศบาลตำบลละแม",
        "องค์การบริหารส่วนตำบลปากทรง",
    ] {
        let text = memo_text(run.out.path(), unit);
        assert!(text.contains("วันที่  ๑๗ มีนาคม ๒๕๖๖"), "{unit}:\n{text}");
        assert!(
            text.contains("มี.ค.๖๖"),
            "periods start in March 2566: {unit}"
        );
    }
    // The area's summary is dated with its memos, not by the day of the run.
    let summary = docx_text(&run.out.path().join("itamemo-summary.docx"));
    assert!(summary.contains("วันที่  ๑๗ มีนาคม ๒๕๖๖"), "{summary}");

    // The register's date is the unit's own: it comes before --date.
    let (out, output) = run_into(&[&export, &register], &["--date", "2023-01-05"]);
    assert_eq!(output.status.code(), Some(0), "{}", stdout(&output));
    let text = memo_text(out.path(), REFERENCE);
    assert!(text.contains("วันที่  ๑๗ มีนาคม ๒๕๖๖"), "{text}");
}
