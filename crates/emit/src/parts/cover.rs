//! Part 1: the cover memo (บันทึกข้อความ) in the official form. What only a unit
//! register could say (office, number, names) is left as dotted blanks.

use docx_rs::{LineSpacing, Paragraph};
use itamemo_model::Findings;

use crate::kit::{
    dot_tab, Kit, LABEL_SIZE, MEMO_HEADING_SIZE, PAGE_CENTRE, SPACE_BEFORE, TEXT_WIDTH,
};
use crate::words::fiscal_year;

/// Where a signature's name goes when nobody has told us the name.
const NAME_BLANK: &str = "(........................................)";

pub fn cover(kit: &Kit, f: &Findings, date_text: &str) -> Vec<Paragraph> {
    let unit = &f.unit.name;
    let item = &f.measures_item;
    let mut out = vec![
        kit.centred_bold("บันทึกข้อความ", MEMO_HEADING_SIZE),
        labelled_blank(kit, "ส่วนราชการ", &format!("{unit}  โทร")),
        number_and_date(kit, date_text),
        kit.labelled(
            "เรื่อง",
            &format!(
                "มาตรการส่งเสริมคุณธรรมและความโปร่งใสภายในหน่วยงานของ{unit} ประจำ{}",
                fiscal_year(f.memo_year)
            ),
        )
        .line_spacing(LineSpacing::new().before(SPACE_BEFORE)),
        addressees(kit, f),
        kit.body(
            "ตามที่สำนักงาน ป.ป.ช. กำหนดให้หน่วยงานภาครัฐทุกแห่งเข้ารับการประเมินคุณธรรมและความโปร่งใสในการดำเนินงานของหน่วยงานภาครัฐ (Integrity and Transparency Assessment: ITA) ตามแนวทางและเครื่องมือที่สำนักงาน ป.ป.ช. กำหนด โดยหน่วยงานต้องวิเคราะห์ผลการประเมินของปีที่ผ่านมา และจัดทำมาตรการส่งเสริมคุณธรรมและความโปร่งใสภายในหน่วยงานจากผลการวิเคราะห์ นั้น",
        ),
        kit.body(&format!(
            "ในการนี้ {unit} ได้วิเคราะห์ผลการประเมินประจำ{} และจัดทำมาตรการส่งเสริมคุณธรรมและความโปร่งใสภายในหน่วยงาน ประจำ{} ตามแบบวัดการเปิดเผยข้อมูลสาธารณะ (Open Data Integrity and Transparency Assessment: OIT) ตัวชี้วัดที่ {} {} ตัวชี้วัดย่อยที่ {} {} ข้อ {} รายละเอียดปรากฏตามเอกสารที่แนบมาพร้อมนี้",
            fiscal_year(f.current.year),
            fiscal_year(f.memo_year),
            item.indicator,
            item.indicator_name,
            item.sub_indicator,
            item.sub_indicator_name,
            item.code
        )),
        kit.body("จึงเรียนมาเพื่อโปรดทราบ"),
        kit.blank(),
        kit.blank(),
        kit.signature_line(NAME_BLANK),
        kit.signature_line("ตำแหน่ง ........................................"),
    ];
    for signer in &f.signers {
        out.push(kit.blank());
        out.push(kit.bold_para(&signer.opinion_label).keep_next(true));
        out.push(kit.dotted_line());
        out.push(kit.dotted_line());
        out.push(kit.blank());
        out.push(kit.signature_line(NAME_BLANK));
        let position = if signer.position.is_empty() {
            "ตำแหน่ง ........................................"
        } else {
            signer.position.as_str()
        };
        out.push(kit.signature_line(position));
    }
    out
}

/// "ส่วนราชการ ......... {text} .........": the office and phone are written by hand.
fn labelled_blank(kit: &Kit, label: &str, text: &str) -> Paragraph {
    Paragraph::new()
        .add_tab(dot_tab(PAGE_CENTRE / 2))
        .add_tab(dot_tab(TEXT_WIDTH))
        .add_run(kit.run(label).bold().size(LABEL_SIZE))
        .add_run(docx_rs::Run::new().add_tab())
        .add_run(kit.run(&format!(" {text}")))
        .add_run(docx_rs::Run::new().add_tab())
}

/// "ที่ ......  วันที่ {date}" on one line, วันที่ from the page centre.
fn number_and_date(kit: &Kit, date_text: &str) -> Paragraph {
    Paragraph::new()
        .add_tab(dot_tab(PAGE_CENTRE))
        .add_run(kit.run("ที่").bold().size(LABEL_SIZE))
        .add_run(docx_rs::Run::new().add_tab())
        .add_run(kit.run("วันที่").bold().size(LABEL_SIZE))
        .add_run(kit.run(&format!("  {date_text}")))
}

/// "เรียน" the chain of positions who read the memo, in order.
fn addressees(kit: &Kit, f: &Findings) -> Paragraph {
    let positions: Vec<&str> = f
        .signers
        .iter()
        .map(|s| s.position.as_str())
        .filter(|p| !p.is_empty())
        .collect();
    let text = if positions.is_empty() {
        "........................................".to_string()
    } else {
        positions.join("/")
    };
    kit.para(&format!("เรียน  {text}"))
        .line_spacing(LineSpacing::new().before(SPACE_BEFORE))
}
