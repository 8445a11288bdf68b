//! Part 1: the cover memo (บันทึกข้อความ) in the official form. What the unit
//! register gives is filled in; what it does not stays a dotted blank to write by
//! hand, never an invented name.

use itamemo_model::{fill, Findings, Person, Signer};

use crate::blocks::{Cell, Para, Role, Row, Table};
use crate::emblem::Emblem;
use crate::kit::{Block, Kit, MEMO_HEADING_SIZE};
use crate::words::fiscal_year;

/// Where a name goes when nobody has told us the name.
const NAME_BLANK: &str = "(........................................)";
const POSITION_BLANK: &str = "ตำแหน่ง ........................................";

/// "บันทึกข้อความ", bold 29 pt, centred, with the emblem at the top left where the
/// user gave one. docx-rs writes this paragraph: it places the picture in the
/// package.
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

/// The rest of the cover, after its heading.
pub fn cover(kit: &Kit, f: &Findings, date_text: &str) -> Vec<Block> {
    let unit = &f.unit.name;
    let item = &f.measures_item;
    let office = f.cover.office.as_deref();
    // The office line names the unit unless the register's office already does.
    let sender = match office {
        Some(office) if office.contains(unit.as_str()) => office.to_string(),
        Some(office) => [office, " ", unit].concat(),
        None => unit.clone(),
    };
    let mut out = vec![
        office_line(
            kit,
            office.unwrap_or(unit),
            office.is_some(),
            f.cover.phone.as_deref(),
        ),
        number_and_date(kit, f.cover.document_number.as_deref(), date_text),
        kit.labelled(
            "เรื่อง",
            [
                "มาตรการส่งเสริมคุณธรรมและความโปร่งใสภายในหน่วยงานของ",
                unit,
                " ประจำ",
                &fiscal_year(f.memo_year),
            ],
        )
        .space_before(),
        addressees(kit, f),
        kit.body(&fill(&f.texts.cover_reason, &[("{unit}", unit)])),
        kit.body(&fill(
            &f.texts.cover_request,
            &[
                ("{unit}", unit),
                ("{sender}", &sender),
                ("{current_year}", &fiscal_year(f.current.year)),
                ("{memo_year}", &fiscal_year(f.memo_year)),
                ("{measures_item}", &measures_item_words(item)),
            ],
        )),
        // The page the preparer signs carries the memo's closing line at
        // least: a signature alone on a page is one an office does not accept.
        // (Keeping the paragraph before with it too moved all of it, and the
        // chain, a page on.)
        kit.body("จึงเรียนมาเพื่อโปรดทราบ").keep_next(true),
    ];
    out.extend(signature(kit, &f.cover.preparer));
    let mut blocks: Vec<Block> = out.into_iter().map(Block::from).collect();
    // The chain straight under the signature, no blank line between: then the
    // whole memo fits one page where its text is of the reference's length (in
    // TH SarabunPSK); where it does not, the chain's last row goes over whole.
    blocks.push(chain(kit, f).into());
    blocks
}

/// The chain who comment and sign, two blocks side by side a row (as offices
/// lay a long chain out), the last one alone right of the centre: each with
/// its heading, two dotted lines to write on, and the signature.
fn chain(kit: &Kit, f: &Findings) -> Table {
    let block = |signer: &Signer| -> Cell {
        let person = Person {
            name: signer.name.clone(),
            position: Some(signer.position.clone()).filter(|p| !p.is_empty()),
        };
        let name = person
            .name
            .as_ref()
            .map_or(NAME_BLANK.to_string(), |n| format!("({n})"));
        // A dotted line nearly to the end of the cell: the two blocks of a row
        // keep a gap between their lines.
        let dotted = || Para::new(Role::Plain).dot_stop(0.92).tab();
        let centred = |text: &str| kit.para(text).centred();
        Cell::new(vec![
            kit.bold_para(&signer.opinion_label),
            dotted(),
            dotted(),
            kit.blank(),
            kit.blank(),
            centred(&name),
            centred(person.position.as_deref().unwrap_or(POSITION_BLANK)),
        ])
    };
    let empty = || Cell::new(vec![kit.blank()]);
    let rows: Vec<Row> = f
        .signers
        .chunks(2)
        .map(|pair| {
            let cells = match pair {
                [left, right] => vec![block(left), block(right)],
                [last] => vec![empty(), block(last)],
                _ => unreachable!("chunks of two"),
            };
            Row::whole(cells)
        })
        .collect();
    Table::layout_only(rows, &[1.0, 1.0])
}

/// "ตัวชี้วัดที่ 10 การป้องกันการทุจริต ตัวชี้วัดย่อยที่ 10.2 ... ข้อ O42 ...", as far
/// as the memo's framework names them; a blank to fill in under a stand-in.
fn measures_item_words(item: &itamemo_model::MeasuresItem) -> String {
    if item.stand_in {
        return "ข้อ ....................".to_string();
    }
    let mut words = Vec::new();
    if let Some((number, name)) = &item.indicator {
        words.push(format!("ตัวชี้วัดที่ {number} {name}"));
    }
    if let Some((number, name)) = &item.sub_indicator {
        words.push(format!("ตัวชี้วัดย่อยที่ {number} {name}"));
    }
    if let Some(code) = &item.code {
        words.push(format!("ข้อ {code}"));
    }
    if let Some(name) = &item.name {
        words.push(name.clone());
    }
    words.join(" ")
}

/// Blank lines to sign on, "(name)", and the position, right of the centre.
fn signature(kit: &Kit, person: &Person) -> Vec<Para> {
    let name = person
        .name
        .as_ref()
        .map_or(NAME_BLANK.to_string(), |n| format!("({n})"));
    vec![
        kit.blank().keep_next(true),
        kit.blank().keep_next(true),
        kit.signature_line(&name).keep_next(true),
        kit.signature_line(person.position.as_deref().unwrap_or(POSITION_BLANK)),
    ]
}

/// "ส่วนราชการ  {office}  โทร {phone} ......": dotted leaders fill what is not
/// known, and run to the margin. Without an office, the unit stands after a blank
/// to a quarter of the line.
pub(crate) fn office_line(
    kit: &Kit,
    sender: &str,
    office_known: bool,
    phone: Option<&str>,
) -> Para {
    let mut line = Para::new(Role::Plain)
        .label(kit.text("ส่วนราชการ"))
        .text(kit.text("  "));
    if !office_known {
        line = line.dot_stop(0.25).tab().text(kit.text(" "));
    }
    line.text(kit.text([sender, "  โทร ", phone.unwrap_or("")]))
        .dot_stop(1.0)
        .tab()
}

/// "ที่ {number} ......  วันที่ {date} ......": ที่ at the margin, วันที่ from the centre.
pub(crate) fn number_and_date(kit: &Kit, number: Option<&str>, date_text: &str) -> Para {
    let mut line = Para::new(Role::Plain)
        .dot_stop(0.5)
        .dot_stop(1.0)
        .label(kit.text("ที่"));
    if let Some(number) = number {
        line = line.text(kit.text(["  ", number, " "]));
    }
    line.tab()
        .label(kit.text("วันที่"))
        .text(kit.text(["  ", date_text, " "]))
        .tab()
}

/// "เรียน" as the register says, else the chain of positions who read the memo.
fn addressees(kit: &Kit, f: &Findings) -> Para {
    let positions: Vec<&str> = f
        .signers
        .iter()
        .map(|s| s.position.as_str())
        .filter(|p| !p.is_empty())
        .collect();
    let text = match (&f.cover.addressees, positions.is_empty()) {
        (Some(given), _) => given.clone(),
        (None, false) => positions.join("/"),
        (None, true) => "........................................".to_string(),
    };
    kit.para(["เรียน  ", &text]).space_before()
}
