//! The summary's บันทึกข้อความ form: ส่วนราชการ, ที่ and วันที่, เรื่อง, เรียน, and
//! the signature at the end, laid out as the memos' cover lays them. What is not
//! known (the office where the register does not name one, the number, the
//! addressee, who signs) is a dotted blank to fill by hand, never invented.

use itamemo_model::AreaSummary;

use crate::kit::Kit;
use crate::parts::cover::{number_and_date, office_line};
use crate::words::fiscal_year;

use super::{Body, Put};

const DOTS: &str = "........................................";

/// From ส่วนราชการ to เรียน, and the opening paragraph.
pub fn head(kit: &Kit, area: &AreaSummary, date_text: &str, out: &mut Body) {
    let office = area.office.as_deref();
    office_line(kit, office.unwrap_or(""), office.is_some(), None).put(out);
    number_and_date(kit, None, date_text).put(out);
    kit.labelled(
        "เรื่อง",
        &format!(
            "สรุปผลการประเมินคุณธรรมและความโปร่งใส (ITA) ของหน่วยงานในพื้นที่ ประจำ{}",
            fiscal_year(area.year)
        ),
    )
    .space_before()
    .put(out);
    kit.para(&format!("เรียน  {DOTS}")).space_before().put(out);
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
    .put(out);
}

/// "จึงเรียนมาเพื่อโปรดทราบ" and a signature block with blanks to write on.
pub fn close(kit: &Kit, out: &mut Body) {
    kit.body("จึงเรียนมาเพื่อโปรดทราบ").keep_next(true).put(out);
    for _ in 0..2 {
        kit.blank().keep_next(true).put(out);
    }
    kit.signature_line(&format!("({DOTS})"))
        .keep_next(true)
        .put(out);
    kit.signature_line(&format!("ตำแหน่ง {DOTS}")).put(out);
}
