//! The few shapes every part of the memo is built from, as format-neutral
//! blocks (blocks.rs): paragraphs of Thai text by role, bordered tables with
//! their columns as shares of the text width, page breaks. All text passes
//! through `Kit::text`, so that the digits setting is applied in one place.
//! The sizes, styles and widths the DOCX writer (docx_body.rs) gives them are
//! here too.

use docx_rs::{AlignmentType, SpecialIndentType, Style, StyleType};
use itamemo_model::thai::{push_arabic_digits, push_thai_digits};
use itamemo_model::Score;

/// Sizes in half-points, as w:sz and w:szCs take them.
pub const BODY_SIZE: usize = 32; // 16 pt
pub const TABLE_SIZE: usize = 28; // 14 pt
pub const LABEL_SIZE: usize = 40; // 20 pt
pub const MEMO_HEADING_SIZE: usize = 58; // 29 pt
pub const TITLE_SIZE: usize = 36; // 18 pt

/// A4 less the form's margins (left 3 cm, right 2 cm), in twentieths of a point.
pub const TEXT_WIDTH: usize = 9071;
pub const PAGE_CENTRE: usize = TEXT_WIDTH / 2;
/// The form's paragraph indent, 2.5 cm.
pub const BODY_INDENT: i32 = 1418;
/// 6 pt before เรื่อง, เรียน and each body paragraph.
pub const SPACE_BEFORE: u32 = 120;

/// The memo's named paragraph styles (id, the name Word shows), so that an officer
/// can restyle every body paragraph, heading or table at once.
pub const BODY_STYLE: (&str, &str) = ("MemoBody", "เนื้อความบันทึก");
pub const HEADING_STYLE: (&str, &str) = ("MemoHeading", "หัวข้อบันทึก");
pub const ITEM_STYLE: (&str, &str) = ("MemoItem", "รายการในบันทึก");
pub const SIGNATURE_STYLE: (&str, &str) = ("MemoSignature", "ลงนาม");
pub const TITLE_STYLE: (&str, &str) = ("MemoTitle", "ชื่อเรื่องบันทึก");
pub const TABLE_TEXT_STYLE: (&str, &str) = ("TableText", "ข้อความในตาราง");
pub const TABLE_HEADING_STYLE: (&str, &str) = ("TableHeading", "หัวตาราง");

/// The styles above, for the document.
pub fn styles() -> Vec<Style> {
    let style = |(id, name): (&str, &str)| {
        Style::new(id, StyleType::Paragraph)
            .name(name)
            .based_on("Normal")
            .q_format(true)
    };
    vec![
        style(BODY_STYLE)
            .indent(
                None,
                Some(SpecialIndentType::FirstLine(BODY_INDENT)),
                None,
                None,
            )
            .line_spacing(docx_rs::LineSpacing::new().before(SPACE_BEFORE))
            .align(AlignmentType::Both),
        style(HEADING_STYLE)
            .bold()
            .line_spacing(docx_rs::LineSpacing::new().before(SPACE_BEFORE)),
        // A numbered point starts at the paragraph indent and runs on from the
        // margin, as the form sets numbered paragraphs (not a hanging block
        // 2.5 cm in, which made every point a line longer).
        style(ITEM_STYLE).indent(
            None,
            Some(SpecialIndentType::FirstLine(BODY_INDENT)),
            None,
            None,
        ),
        style(SIGNATURE_STYLE)
            .indent(Some(PAGE_CENTRE as i32), None, None, None)
            .align(AlignmentType::Center),
        style(TITLE_STYLE)
            .bold()
            .size(TITLE_SIZE)
            .align(AlignmentType::Center),
        // Tables in 14 pt, as offices set them, so that the measures and the
        // analysis fit the page; the body stays 16 pt. Their lines are 0.85 of
        // the font's own spacing: TH SarabunPSK's (and Laksaman's) single line
        // is 1.7 times the size, room for stacked marks that a table's short
        // lines do not need twice over (a multiple, never an exact height, so
        // no renderer clips a tone mark).
        style(TABLE_TEXT_STYLE)
            .size(TABLE_SIZE)
            .line_spacing(table_lines()),
        style(TABLE_HEADING_STYLE)
            .bold()
            .size(TABLE_SIZE)
            .line_spacing(table_lines())
            .align(AlignmentType::Center),
    ]
}

/// Table lines at 0.85 of single spacing (w:line is in 240ths of a line).
const TABLE_LINE: i32 = 204;

fn table_lines() -> docx_rs::LineSpacing {
    docx_rs::LineSpacing::new()
        .line(TABLE_LINE)
        .line_rule(docx_rs::LineSpacingType::Auto)
}

pub use crate::blocks::Block;
use crate::blocks::{Cell, Para, Role, Row, Table};

/// A paragraph's text as the parts give it: one string, or pieces that read
/// as one (`["2.", number, " ", heading]`). Pieces go into the paragraph's
/// string one by one, digits converted on the way, as `concat` would have
/// joined them: no string joined first to be copied again (a memo built some
/// four hundred such).
pub trait Text {
    /// The text's length in bytes.
    fn byte_len(&self) -> usize;
    /// Its pieces in order.
    fn each_piece(&self, put: impl FnMut(&str));
}

impl Text for &str {
    fn byte_len(&self) -> usize {
        str::len(self)
    }
    fn each_piece(&self, mut put: impl FnMut(&str)) {
        put(self)
    }
}

impl Text for &String {
    fn byte_len(&self) -> usize {
        String::len(self)
    }
    fn each_piece(&self, mut put: impl FnMut(&str)) {
        put(self)
    }
}

impl<const N: usize> Text for [&str; N] {
    fn byte_len(&self) -> usize {
        self.iter().map(|piece| piece.len()).sum()
    }
    fn each_piece(&self, put: impl FnMut(&str)) {
        self.iter().copied().for_each(put)
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Digits {
    Thai,
    Arabic,
}

#[derive(Clone, Copy, Debug)]
pub struct Kit {
    pub digits: Digits,
}

impl Kit {
    /// The text with the digits as set.
    pub fn text(&self, text: impl Text) -> String {
        // A Thai digit takes three bytes in UTF-8; a memo's texts hold a few.
        let mut out = String::with_capacity(text.byte_len() + 16);
        self.push_text(&mut out, text);
        out
    }

    /// `text(text)` onto the end of `out`.
    fn push_text(&self, out: &mut String, text: impl Text) {
        match self.digits {
            Digits::Thai => text.each_piece(|piece| push_thai_digits(out, piece)),
            Digits::Arabic => text.each_piece(|piece| push_arabic_digits(out, piece)),
        }
    }

    /// A paragraph of one span of text (its span list allocated at its size,
    /// not grown from empty: a memo has some three hundred).
    fn with(&self, role: Role, text: impl Text) -> Para {
        self.spanned(role, false, text)
    }

    fn spanned(&self, role: Role, bold: bool, text: impl Text) -> Para {
        let para = Para {
            spans: Vec::with_capacity(1),
            ..Para::new(role)
        };
        let text = self.text(text);
        if bold {
            para.bold_text(text)
        } else {
            para.text(text)
        }
    }

    /// A paragraph with no style of its own.
    pub fn para(&self, text: impl Text) -> Para {
        self.with(Role::Plain, text)
    }

    pub fn bold_para(&self, text: impl Text) -> Para {
        self.spanned(Role::Plain, true, text)
    }

    /// A line of the title page in bold 20 pt, centred.
    pub fn centred_label(&self, text: impl Text) -> Para {
        Para::new(Role::Plain).label(self.text(text)).centred()
    }

    /// A title line (title page, report heading).
    pub fn title(&self, text: impl Text) -> Para {
        self.with(Role::Title, text)
    }

    /// A body paragraph: first line indented 2.5 cm, 6 pt before, justified.
    pub fn body(&self, text: impl Text) -> Para {
        self.with(Role::Body, text)
    }

    /// A numbered heading inside a section ("๒.๓ จุดแข็ง ..."), kept with what follows.
    pub fn heading(&self, text: impl Text) -> Para {
        self.with(Role::Heading, text).keep_next(true)
    }

    /// A numbered point or a list line.
    pub fn item(&self, text: impl Text) -> Para {
        self.with(Role::Item, text)
    }

    /// A list line in bold: a sub-heading such as the indicator in section 3.
    pub fn bold_item(&self, text: impl Text) -> Para {
        self.spanned(Role::Item, true, text)
    }

    /// A label in bold 20 pt followed by its value ("เรื่อง  ...").
    pub fn labelled(&self, label: &str, value: impl Text) -> Para {
        let mut text = String::with_capacity(value.byte_len() + 18);
        text.push_str("  ");
        self.push_text(&mut text, value);
        Para::new(Role::Plain).label(self.text(label)).text(text)
    }

    /// Centred right of the page centre, as signature blocks stand.
    pub fn signature_line(&self, text: impl Text) -> Para {
        self.with(Role::Signature, text)
    }

    pub fn page_break(&self) -> Para {
        Para::new(Role::Plain).page_break()
    }

    pub fn blank(&self) -> Para {
        Para::new(Role::Plain)
    }

    /// A table cell holding one paragraph per line.
    pub fn cell(&self, lines: &[String]) -> Cell {
        self.cell_of(lines.iter().map(|line| self.cell_line(line)).collect())
    }

    /// A table cell of one line.
    pub fn line_cell(&self, text: impl Text) -> Cell {
        Cell::new(vec![self.cell_line(text)])
    }

    /// A line of a cell (`cell_of`), its text given as pieces where it is
    /// put together.
    pub fn cell_line(&self, text: impl Text) -> Para {
        self.with(Role::CellText, text)
    }

    /// A table cell of the lines given; an empty one if none.
    pub fn cell_of(&self, mut lines: Vec<Para>) -> Cell {
        if lines.is_empty() {
            lines.push(Para::new(Role::CellText));
        }
        Cell::new(lines)
    }

    pub fn centred_cell(&self, text: impl Text) -> Cell {
        Cell::new(vec![self.with(Role::CellText, text).centred()])
    }

    /// A score centred in its cell, or "-" where there is none (spelled into a
    /// buffer, not a string of its own).
    pub fn score_cell(&self, score: Option<Score>) -> Cell {
        match score {
            Some(score) => self.centred_cell(score.spelled(&mut [0; 16])),
            None => self.centred_cell("-"),
        }
    }

    pub fn header_cell(&self, text: impl Text) -> Cell {
        Cell::new(vec![self.with(Role::CellHeading, text).whole_words()])
    }

    /// A cell's bold label at the table's size ("คะแนนภาพรวม").
    pub fn bold_cell(&self, text: impl Text) -> Cell {
        Cell::new(vec![self.spanned(Role::CellText, true, text)])
    }

    /// A bold row across all `columns` ("ภาพรวม", a tool's name).
    pub fn group_row(&self, text: impl Text, columns: usize) -> Row {
        Row::whole(vec![self.bold_cell(text).span(columns)])
    }
}

/// A table with borders on every cell, its columns in the proportions given
/// (any unit: twips that add up to the text width, as the parts once kept
/// them, or shares). The memo's parts fit their columns to their text
/// (`Table::fitted`); this stays for a document that sets its own.
#[allow(dead_code)]
pub fn bordered_table(rows: Vec<Row>, proportions: &[usize]) -> Table {
    let proportions: Vec<f64> = proportions.iter().map(|&p| p as f64).collect();
    Table::bordered(rows, &proportions)
}

/// Header rows and body rows keep their lines together on one page.
pub fn row(cells: Vec<Cell>) -> Row {
    Row::whole(cells)
}

/// A row of long text that may run on to the next page (under the repeated
/// header), so that a tall row does not leave the page above it half empty.
pub fn row_may_split(cells: Vec<Cell>) -> Row {
    Row::may_split(cells)
}

/// A cell that continues the one above it (vertically merged).
pub fn merged_below(cell: Cell, first: bool) -> Cell {
    cell.merged(first)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A text given as pieces reads, in either digits, as the pieces joined.
    #[test]
    fn pieces_read_as_their_concatenation() {
        let pieces = [
            "2.",
            "3",
            ".1 ตัวชี้วัดที่ ",
            "10",
            " (",
            "87.15",
            ")",
            "",
            "๕ ข้อ O30",
        ];
        for digits in [Digits::Thai, Digits::Arabic] {
            let kit = Kit { digits };
            let joined = pieces.concat();
            assert_eq!(kit.text(pieces), kit.text(&joined), "{digits:?}");
            assert_eq!(kit.text(pieces), kit.text(joined.as_str()), "{digits:?}");
            assert_eq!(kit.item(pieces), kit.item(&joined), "{digits:?}");
            assert_eq!(kit.bold_cell(pieces), kit.bold_cell(&joined), "{digits:?}");
        }
        assert_eq!(
            Kit {
                digits: Digits::Thai
            }
            .text(pieces),
            "๒.๓.๑ ตัวชี้วัดที่ ๑๐ (๘๗.๑๕)๕ ข้อ O๓๐"
        );
    }

    /// A missing score is a dash in its cell, a score its spelling.
    #[test]
    fn a_score_cell_is_the_score_or_a_dash() {
        let kit = Kit {
            digits: Digits::Arabic,
        };
        assert_eq!(kit.score_cell(None), kit.centred_cell("-"));
        let score = Score::from_points(87.15).unwrap();
        assert_eq!(
            kit.score_cell(Some(score)),
            kit.centred_cell(&score.to_string())
        );
    }
}
