//! itamemo-summary.docx: what a district or provincial office sends up about its
//! area beside the memos, a บันทึกข้อความ in the memos' form (fonts, digits, page
//! numbers, checks), with the area's figures (model's `AreaSummary`, made by
//! analyze from the memos' own findings) and a chart of the spread of scores.

mod figures;
mod form;
mod spread;

use std::io::{Seek, Write};

use itamemo_model::{thai, AreaSummary, Outcomes};

use crate::blocks::{fractions, Frame, Row};
use crate::docx_body::TableRows;
use crate::kit::{Block, Kit};
use crate::{chart, docx_body, ooxml, MemoOptions};

/// Where the summary's package goes as it is made (its file).
trait Sink: Write + Seek {}

impl<T: Write + Seek> Sink for T {}

/// The summary's document as it is written: each paragraph or table row goes in
/// as it is made, the text is deflated a piece at a time and the package's
/// bytes go to their file as they come, so a national batch's lists (some 11
/// MB of XML and 0.7 MB deflated for 10,000 units) are never held whole, as
/// blocks, as text or as the package.
struct Body<'a> {
    /// The text not yet deflated: at most a piece and a block or row.
    document: String,
    stream: ooxml::DocumentStream<'a, dyn Sink + 'a>,
    /// The first error writing the file; nothing more is written after it.
    failed: Option<std::io::Error>,
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
            if self.failed.is_none() {
                self.failed = self.stream.write(&self.document).err();
            }
            self.document.clear();
        }
    }

    /// The document ended, and the package with `chart`.
    fn finish(mut self, chart: &[u8]) -> std::io::Result<()> {
        if let Some(err) = self.failed {
            return Err(err);
        }
        self.stream.write(&self.document)?;
        self.stream.finish(chart)
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

/// The summary as a .docx file, written into `file` as it is made, dated
/// `date` (C.E. year, month, day); the same area and date always give the same
/// bytes. `units` are the outcomes the area's figures were made from, and
/// `below_pass` those below its pass mark, in the order listed.
pub fn write_summary(
    area: &AreaSummary,
    units: &Outcomes,
    below_pass: &crate::BelowPassList,
    date: (i32, u32, u32),
    options: &MemoOptions,
    file: &mut (impl Write + Seek),
) -> std::io::Result<()> {
    crate::known::next_document();
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
    let file: &mut dyn Sink = file;
    let mut body = Body {
        document: String::with_capacity(2 * PIECE),
        stream: scaffold.stream(&mut deflater, file)?,
        failed: None,
    };
    form::head(&kit, area, &date_text, &mut body);
    figures::figures(&kit, area, units, below_pass, &mut body);
    form::close(&kit, &mut body);
    body.finish(&chart)
}
