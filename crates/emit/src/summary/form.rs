//! The summary's บันทึกข้อความ form: heading, ส่วนราชการ, ที่ and วันที่, เรื่อง,
//! เรียน, and the signature at the end. What is not known (the office where the
//! register does not name one, the number, the addressee, who signs) is a dotted
//! blank to fill by hand, never invented.

use itamemo_model::AreaSummary;

use crate::emblem::Emblem;
use crate::kit::{
    dot_tab, Kit, LABEL_SIZE, MEMO_HEADING_SIZE, PAGE_CENTRE, SPACE_BEFORE, TEXT_WIDTH,
};
use crate::wml::{LineSpacing, Paragraph, Run};
use crate::words::fiscal_year;

const DOTS: &str = "........................................";

/// "บันทึกข้อความ", bold 29 pt, centred, with the emblem where the user gave one
/// (docx-rs writes this paragraph: it places the picture in the package).
pub fn heading(kit: &Kit, emblem: Option<&Emblem>) -> docx_rs::Paragraph {
    let mut heading = docx_rs::Paragraph::new()
        .add_run(
            docx_rs::Run::new()
                .add_text(kit.text("บันทึกข้อความ"))
                .bold()
                .size(MEMO_HEADING_SIZE),
        )
        .align(docx_rs::AlignmentType::Center);
    if let Some(emblem) = emblem {
        heading = heading.add_run(docx_rs::Run::new().add_image(emblem.picture()));
    }
    heading
}

/// "- ๒ -" at the top centre from the second page.
pub fn page_number_header() -> docx_rs::Header {
    docx_rs::Header::new().add_paragraph(
        docx_rs::Paragraph::new()
            .align(docx_rs::AlignmentType::Center)
            .add_run(docx_rs::Run::new().add_text("- "))
            .add_page_num(docx_rs::PageNum::new())
            .add_run(docx_rs::Run::new().add_text(" -")),
    )
}

/// From ส่วนราชการ to เรียน, and the two opening paragraphs.
pub fn head(kit: &Kit, area: &AreaSummary, date_text: &str, out: &mut String) {
    office_line(kit, area.office.as_deref()).write(out);
    number_and_date(kit, date_text).write(out);
    kit.labelled(
        "เรื่อง",
        &format!(
            "สรุปผลการประเมินคุณธรรมและความโปร่งใส (ITA) ของหน่วยงานในพื้นที่ ประจำ{}",
            fiscal_year(area.year)
        ),
    )
    .line_spacing(LineSpacing::new().before(SPACE_BEFORE))
    .write(out);
    kit.para(&format!("เรียน  {DOTS}"))
        .line_spacing(LineSpacing::new().before(SPACE_BEFORE))
        .write(out);
    let missing = match area.without_memo.len() {
        0 => String::new(),
        n => format!(" ยังไม่มีบันทึก {n} หน่วยงาน (ดูข้อ 6)"),
    };
    kit.body(&format!(
        "ตามที่หน่วยงานในพื้นที่ได้รับผลการประเมินคุณธรรมและความโปร่งใส (ITA) ประจำ{} และต้องจัดทำมาตรการส่งเสริมคุณธรรมและความโปร่งใสภายในหน่วยงาน ประจำ{} บัดนี้ ได้จัดทำบันทึกมาตรการของหน่วยงานในพื้นที่แล้ว {} หน่วยงาน จากที่พบในไฟล์ผลคะแนนทั้งหมด {} หน่วยงาน{missing} จึงขอสรุปผลการประเมินของพื้นที่ โดยใช้ตัวเลขชุดเดียวกับบันทึกของแต่ละหน่วยงาน ดังนี้",
        fiscal_year(area.year),
        fiscal_year(area.memo_year),
        area.units_with_memo,
        area.units_found()
    ))
    .write(out);
}

/// "จึงเรียนมาเพื่อโปรดทราบ" and a signature block with blanks to write on.
pub fn close(kit: &Kit, out: &mut String) {
    kit.body("จึงเรียนมาเพื่อโปรดทราบ").keep_next(true).write(out);
    for _ in 0..2 {
        kit.blank().keep_next(true).write(out);
    }
    kit.signature_line(&format!("({DOTS})"))
        .keep_next(true)
        .write(out);
    kit.signature_line(&format!("ตำแหน่ง {DOTS}")).write(out);
}

/// "ส่วนราชการ  {office}  โทร ......", or dotted leaders where the office is not known.
fn office_line(kit: &Kit, office: Option<&str>) -> Paragraph {
    let line = Paragraph::new()
        .add_run(kit.run("ส่วนราชการ").bold().size(LABEL_SIZE))
        .add_run(kit.run("  "));
    let line = match office {
        Some(office) => line.add_run(kit.run(&format!("{office}  โทร "))),
        None => line
            .add_tab(dot_tab(PAGE_CENTRE + PAGE_CENTRE / 2))
            .add_run(Run::new().add_tab())
            .add_run(kit.run(" โทร ")),
    };
    line.add_tab(dot_tab(TEXT_WIDTH))
        .add_run(Run::new().add_tab())
}

/// "ที่ ......  วันที่ {date} ......": ที่ at the margin, วันที่ from the centre.
fn number_and_date(kit: &Kit, date_text: &str) -> Paragraph {
    Paragraph::new()
        .add_tab(dot_tab(PAGE_CENTRE))
        .add_tab(dot_tab(TEXT_WIDTH))
        .add_run(kit.run("ที่").bold().size(LABEL_SIZE))
        .add_run(kit.run("  "))
        .add_run(Run::new().add_tab())
        .add_run(kit.run("วันที่").bold().size(LABEL_SIZE))
        .add_run(kit.run(&format!("  {date_text} ")))
        .add_run(Run::new().add_tab())
}
