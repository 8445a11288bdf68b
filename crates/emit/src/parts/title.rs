//! Part 2: the title page, and the heading that opens the report after it.

use crate::blocks::Para;
use itamemo_model::Findings;

use crate::kit::Kit;
use crate::words::fiscal_year;

pub fn title_page(kit: &Kit, f: &Findings) -> Vec<Para> {
    let u = &f.unit;
    // The attachment's section starts on a new page of its own.
    let mut out: Vec<Para> = (0..8).map(|_| kit.blank()).collect();
    out.extend([
        // Broken where the reference breaks it: at 20 pt the whole title is a
        // little wider than the page and left "หน่วยงาน" alone on a line.
        kit.centred_label("มาตรการส่งเสริมคุณธรรมและความโปร่งใสภายใน"),
        kit.centred_label(["หน่วยงานของ", &u.name]),
        kit.centred_label(["ประจำ", &fiscal_year(f.memo_year)]),
    ]);
    out.extend((0..8).map(|_| kit.blank()));
    out.extend([
        kit.title(&u.name),
        kit.title(["อำเภอ", &u.district, " จังหวัด", &u.province]),
    ]);
    out
}

/// The heading at the top of the report's first page.
pub fn report_heading(kit: &Kit, f: &Findings) -> Vec<Para> {
    let u = &f.unit;
    vec![
        kit.page_break(),
        kit.title([
            "มาตรการส่งเสริมคุณธรรมและความโปร่งใสภายในหน่วยงาน ประจำ",
            &fiscal_year(f.memo_year),
        ]),
        kit.title([&u.name, " อำเภอ", &u.district, " จังหวัด", &u.province]),
    ]
}
