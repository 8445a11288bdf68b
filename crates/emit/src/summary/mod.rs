//! itamemo-summary.docx: what a district or provincial office sends up about its
//! area beside the memos, a บันทึกข้อความ in the memos' form (fonts, digits, page
//! numbers, checks), with the area's figures (model's `AreaSummary`, made by
//! analyze from the memos' own findings) and a chart of the spread of scores.

mod figures;
mod form;
mod spread;

use itamemo_model::{thai, AreaSummary, Outcomes};

use crate::blocks::{fractions, Frame, Row};
use crate::docx_body::TableRows;
use crate::kit::{Block, Kit};
use crate::{chart, docx_body, ooxml, MemoOptions};

/// The summary's document as it is written: each paragraph or table row goes in
/// as it is made, and the text is deflated into the package a piece at a time,
/// so a national batch's lists (some 11 MB of XML for 10,000 units) are never
/// held whole, as blocks or as text.
struct Body<'a> {
    /// The text not yet deflated: at most a piece and a block or row.
    document: String,
    stream: ooxml::DocumentStream<'a>,
    package: &'a mut Vec<u8>,
}

/// The text deflated once this much has gathered.
const PIECE: usize = 64 * 1024;

impl Body<'_> {
    /// A bordered table, its columns in the `proportions` given, its rows (the
    /// header first) written one by one as they are made: the lists of a
    /// national batch's units are never held as blocks.
    fn table(&mut self, proportions: &[usize], rows: impl IntoIterator<Item = Row>) {
        let proportions: Vec<f64> = proportions.iter().map(|&p| p as f64).collect();
        let columns = fractions(&proportions);
        let mut table = TableRows::start(&columns, Frame::Bordered, &mut self.document);
        for row in rows {
            table.write(&row, &mut self.document);
            self.written();
        }
        table.end(&mut self.document);
    }

    /// After a block or a row: a piece gathered goes to the package.
    fn written(&mut self) {
        if self.document.len() >= PIECE {
            self.stream.write(&self.document, self.package);
            self.document.clear();
        }
    }

    /// The document ended, and the package with `chart`.
    fn finish(mut self, chart: &[u8]) {
        self.stream.write(&self.document, self.package);
        self.stream.finish(chart, self.package);
    }
}

/// Writes a paragraph or a table onto the summary's document.
trait Put {
    fn put(self, out: &mut Body);
}

impl<T: Into<Block>> Put for T {
    fn put(self, out: &mut Body) {
        docx_body::write_block(&self.into(), &mut out.document);
        out.written();
    }
}

/// The summary's file, beside the memos.
pub const SUMMARY_NAME: &str = "itamemo-summary.docx";

/// The summary as the bytes of a .docx file, dated `date` (C.E. year, month,
/// day); the same area and date always give the same bytes. `units` are the
/// outcomes the area's figures were made from.
pub fn summary_bytes(
    area: &AreaSummary,
    units: &Outcomes,
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
    // the memos are, but deflated as it is written.
    let scaffold = ooxml::Scaffold::new(crate::scaffold(options).build(), chart::CHART_PATH)
        .map_err(std::io::Error::other)?;
    let chart = chart::bar_chart_part(&spread::chart(&kit, area));
    let mut deflater = ooxml::Deflater::default();
    let mut bytes = Vec::new();
    let mut body = Body {
        document: String::with_capacity(2 * PIECE),
        stream: scaffold.stream(&mut deflater, &mut bytes),
        package: &mut bytes,
    };
    form::head(&kit, area, &date_text, &mut body);
    figures::figures(&kit, area, units, &mut body);
    form::close(&kit, &mut body);
    body.finish(&chart);
    Ok(bytes)
}
