//! itamemo-summary.docx: what a district or provincial office sends up about its
//! area beside the memos, a บันทึกข้อความ in the memos' form (fonts, digits, page
//! numbers, checks), with the area's figures (model's `AreaSummary`, made by
//! analyze from the memos' own findings) and a chart of the spread of scores.

mod figures;
mod form;
mod spread;

use itamemo_model::{thai, AreaSummary};

use crate::kit::{Block, Kit};
use crate::{chart, docx_body, ooxml, MemoOptions};

/// Appends a paragraph or a table to the summary's blocks.
trait Put {
    fn put(self, out: &mut Vec<Block>);
}

impl<T: Into<Block>> Put for T {
    fn put(self, out: &mut Vec<Block>) {
        out.push(self.into());
    }
}

/// The summary's file, beside the memos.
pub const SUMMARY_NAME: &str = "itamemo-summary.docx";

/// The summary as the bytes of a .docx file, dated `date` (C.E. year, month,
/// day); the same area and date always give the same bytes.
pub fn summary_bytes(
    area: &AreaSummary,
    date: (i32, u32, u32),
    options: &MemoOptions,
) -> std::io::Result<Vec<u8>> {
    let kit = Kit {
        digits: options.digits,
    };
    let (year, month, day) = date;
    let date_text = kit.text(&thai::thai_date(year, month, day));
    // Sized for the lists (some 1.3 KB of XML a row): a national batch lists
    // thousands of units, and a string grown by doubling would hold up to twice that.
    let rows = area.below_pass.len() + area.without_memo.len();
    let mut blocks = Vec::new();
    form::head(&kit, area, &date_text, &mut blocks);
    figures::figures(&kit, area, &mut blocks);
    form::close(&kit, &mut blocks);
    let mut body = String::with_capacity(64 * 1024 + 1536 * rows);
    docx_body::write_blocks(&blocks, &mut body);
    drop(blocks);

    // The memo's document: its page, fonts, styles, heading and page numbers
    // ("- ๒ -" from the second page; the summary has one section).
    let docx = crate::scaffold(options);
    let chart = chart::bar_chart_part(&spread::chart(&kit, area));
    let parts = ooxml::finish(docx.build(), &body).map_err(std::io::Error::other)?;
    // The document holds the body now: not both while it is zipped.
    drop(body);
    let mut bytes = std::io::Cursor::new(Vec::new());
    ooxml::pack(&parts, &[(chart::CHART_PATH, &chart)], &mut bytes)
        .map_err(std::io::Error::other)?;
    Ok(bytes.into_inner())
}
