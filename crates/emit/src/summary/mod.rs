//! itamemo-summary.docx: what a district or provincial office sends up about its
//! area beside the memos, a บันทึกข้อความ in the memos' form (fonts, digits, page
//! numbers, checks), with the area's figures (model's `AreaSummary`, made by
//! analyze from the memos' own findings) and a chart of the spread of scores.

mod figures;
mod form;
mod spread;

use itamemo_model::{thai, AreaSummary};

use crate::blocks::{fractions, Frame, Row};
use crate::docx_body::TableRows;
use crate::kit::{Block, Kit};
use crate::{chart, docx_body, ooxml, MemoOptions};

/// The summary's document as it is written: each paragraph or table goes in as
/// it is made, so a national batch's lists are never held as blocks all at once.
struct Body<'a> {
    document: &'a mut String,
}

impl Body<'_> {
    /// A bordered table, its columns in the `proportions` given, its rows (the
    /// header first) written one by one as they are made: the lists of a
    /// national batch's units are never held as blocks.
    fn table(&mut self, proportions: &[usize], rows: impl IntoIterator<Item = Row>) {
        let proportions: Vec<f64> = proportions.iter().map(|&p| p as f64).collect();
        let columns = fractions(&proportions);
        let mut table = TableRows::start(&columns, Frame::Bordered, self.document);
        for row in rows {
            table.write(&row, self.document);
        }
        table.end(self.document);
    }
}

/// Writes a paragraph or a table onto the summary's document.
trait Put {
    fn put(self, out: &mut Body);
}

impl<T: Into<Block>> Put for T {
    fn put(self, out: &mut Body) {
        docx_body::write_block(&self.into(), out.document);
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
    // The memo's document: its page, fonts, styles, heading and page numbers
    // ("- ๒ -" from the second page; the summary has one section), packed as
    // the memos are (one buffer for the document, deflated straight into the
    // file's bytes).
    let scaffold = ooxml::Scaffold::new(crate::scaffold(options).build(), chart::CHART_PATH)
        .map_err(std::io::Error::other)?;
    // Sized for the lists (some 1.3 KB of XML a row): a national batch lists
    // thousands of units, and a string grown by doubling would hold up to twice that.
    let rows = area.below_pass.len() + area.without_memo.len();
    let mut document = String::with_capacity(64 * 1024 + 1536 * rows);
    scaffold.begin_document(&mut document);
    let mut body = Body {
        document: &mut document,
    };
    form::head(&kit, area, &date_text, &mut body);
    figures::figures(&kit, area, &mut body);
    form::close(&kit, &mut body);
    scaffold.end_document(&mut document);

    let chart = chart::bar_chart_part(&spread::chart(&kit, area));
    let mut bytes = Vec::new();
    scaffold.write(
        &document,
        &chart,
        &mut ooxml::Deflater::default(),
        &mut bytes,
    );
    Ok(bytes)
}
