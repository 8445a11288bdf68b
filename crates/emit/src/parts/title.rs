//! Part 2: the title page, and the heading that opens the report after it.

use crate::wml::Paragraph;
use itamemo_model::Findings;

use crate::kit::{Kit, LABEL_SIZE};
use crate::words::fiscal_year;

pub fn title_page(kit: &Kit, f: &Findings) -> Vec<Paragraph> {
    let u = &f.unit;
    // The attachment's section starts on a new page of its own.
    let mut out: Vec<Paragraph> = (0..8).map(|_| kit.blank()).collect();
    out.extend([
        kit.centred_bold("มาตรการส่งเสริมคุณธรรมและความโปร่งใสภายในหน่วยงาน", LABEL_SIZE),
        kit.centred_bold(&format!("ของ{}", u.name), LABEL_SIZE),
        kit.centred_bold(&format!("ประจำ{}", fiscal_year(f.memo_year)), LABEL_SIZE),
    ]);
    out.extend((0..8).map(|_| kit.blank()));
    out.extend([
        kit.title(&u.name),
        kit.title(&format!("อำเภอ{} จังหวัด{}", u.district, u.province)),
    ]);
    out
}

/// The heading at the top of the report's first page.
pub fn report_heading(kit: &Kit, f: &Findings) -> Vec<Paragraph> {
    let u = &f.unit;
    vec![
        kit.page_break(),
        kit.title(&format!(
            "มาตรการส่งเสริมคุณธรรมและความโปร่งใสภายในหน่วยงาน ประจำ{}",
            fiscal_year(f.memo_year)
        )),
        kit.title(&format!(
            "{} อำเภอ{} จังหวัด{}",
            u.name, u.district, u.province
        )),
    ]
}
