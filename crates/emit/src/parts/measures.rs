//! Section 4: the measures for the memo's fiscal year, from the catalog.

use itamemo_model::{fill, Aim, Findings, MeasureRow};

use crate::blocks::{Para, Table};
use crate::kit::{row, row_may_split, Block, Kit};
use crate::measure::Fit;
use crate::words::{current_result, fiscal_year, push_thai_list};

/// The columns: the title, the steps, who is responsible (offices, never
/// broken inside a name), the period and follow-up; widths from their text
/// (14 pt, rows that may run on to the next page).
const FITS: [Fit; 4] = [Fit::Text, Fit::Text, Fit::Whole, Fit::Text];

/// The meeting's date where the register gives none.
const MEETING_DATE_BLANK: &str = "........ เดือน .................... พ.ศ. ..........";

pub fn measures(kit: &Kit, f: &Findings) -> Vec<Block> {
    let unit = &f.unit.name;
    let aim = match &f.aim {
        Aim::Raise(next) => ["ยกระดับผลการประเมินให้อยู่ในระดับ ", next, " ต่อไป"].concat(),
        Aim::Keep(top) => ["รักษาผลการประเมินให้อยู่ในระดับ ", top, " ต่อไป"].concat(),
    };
    let meeting = f
        .cover
        .meeting_date
        .clone()
        // A blank to fill by hand as Thai forms leave a date: day, month and
        // year apart, so that a line can break between them (one unbroken run
        // of dots left the line before it with one space to stretch).
        .unwrap_or_else(|| MEETING_DATE_BLANK.to_string());
    let mut rows = vec![row(vec![
        kit.header_cell("มาตรการ/แนวทาง"),
        kit.header_cell("วิธีการดำเนินการ"),
        kit.header_cell("ผู้รับผิดชอบ"),
        kit.header_cell("ระยะเวลา/การติดตาม"),
    ])];
    for (k, m) in f.measures.iter().enumerate() {
        let steps: Vec<Para> = m
            .steps
            .iter()
            .enumerate()
            .map(|(s, step)| kit.cell_line([itoa::Buffer::new().format(s + 1), ". ", step]))
            .collect();
        rows.push(row_may_split(vec![
            kit.cell_of(title_lines(kit, k, m, f.memo_year)),
            kit.cell_of(steps),
            kit.cell(&m.responsible),
            kit.cell(&m.period),
        ]));
    }
    vec![
        kit.heading([
            "4. มาตรการส่งเสริมคุณธรรมและความโปร่งใสภายในหน่วยงาน ประจำ",
            &fiscal_year(f.memo_year),
        ])
        .into(),
        kit.body(&fill(
            &f.texts.measures_intro,
            &[
                ("{unit}", unit),
                ("{meeting_date}", &meeting),
                ("{result}", &current_result(f)),
                ("{aim}", &aim),
            ],
        ))
        .into(),
        Table::fitted(rows, &FITS).into(),
    ]
}

/// "1. title" and, where it answers items of the memo's year, "(ตอบข้อ O28 และ
/// ข้อ O43 ของแบบตรวจปี 2566)" under it.
fn title_lines(kit: &Kit, k: usize, m: &MeasureRow, memo_year: u16) -> Vec<Para> {
    let mut number = itoa::Buffer::new();
    let number = number.format(k + 1);
    let title = if m.title.contains(MeasureRow::MEMO_YEAR) {
        let title = fill(
            &m.title,
            &[(MeasureRow::MEMO_YEAR, &fiscal_year(memo_year))],
        );
        kit.cell_line([number, ". ", &title])
    } else {
        kit.cell_line([number, ". ", &m.title])
    };
    let mut lines = Vec::with_capacity(2);
    lines.push(title);
    if !m.answers.is_empty() {
        let mut items = String::new();
        push_thai_list(&mut items, "ข้อ ", m.answers.iter().map(String::as_str));
        lines.push(kit.cell_line([
            "(ตอบ",
            &items,
            " ของแบบตรวจปี ",
            itoa::Buffer::new().format(memo_year),
            ")",
        ]));
    }
    lines
}
