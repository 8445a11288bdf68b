//! The few shapes every part of the memo is built from: paragraphs of Thai text,
//! bordered tables, page breaks. All text passes through `Kit::text`, so that the
//! digits setting is applied in one place.

use docx_rs::{
    AlignmentType, BreakType, SpecialIndentType, Style, StyleType, TabLeaderType, TabValueType,
    VMergeType, WidthType,
};
use itamemo_model::thai::{to_arabic_digits, to_thai_digits};

use crate::wml::{Paragraph, Run, Tab, Table, TableCell, TableRow};

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

/// One piece of the document body, in order.
pub enum Block {
    Para(Box<Paragraph>),
    Table(Box<Table>),
    /// The end of the cover's section (the attachment's is the document's last).
    CoverEnd,
    /// The chart of section 1 (its part is written beside the document).
    Chart,
}

impl From<Paragraph> for Block {
    fn from(p: Paragraph) -> Block {
        Block::Para(Box::new(p))
    }
}

impl From<Table> for Block {
    fn from(t: Table) -> Block {
        Block::Table(Box::new(t))
    }
}

impl Block {
    pub fn write(&self, out: &mut String) {
        match self {
            Block::Para(p) => p.write(out),
            Block::Table(t) => t.write(out),
            Block::CoverEnd => crate::sections::write_cover_end(out),
            Block::Chart => crate::chart::chart_paragraph(out),
        }
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
    pub fn text(&self, text: &str) -> String {
        match self.digits {
            Digits::Thai => to_thai_digits(text),
            Digits::Arabic => to_arabic_digits(text),
        }
    }

    pub fn run(&self, text: &str) -> Run {
        Run::new().add_text(self.text(text))
    }

    pub fn para(&self, text: &str) -> Paragraph {
        Paragraph::new().add_run(self.run(text))
    }

    fn styled(&self, style: (&str, &str), text: &str) -> Paragraph {
        self.para(text).style(style.0)
    }

    pub fn bold_para(&self, text: &str) -> Paragraph {
        Paragraph::new().add_run(self.run(text).bold())
    }

    /// A line of the cover's heading or labels, bold at `size`, centred.
    pub fn centred_bold(&self, text: &str, size: usize) -> Paragraph {
        Paragraph::new()
            .add_run(self.run(text).bold().size(size))
            .align(AlignmentType::Center)
    }

    /// A title line (title page, report heading).
    pub fn title(&self, text: &str) -> Paragraph {
        self.styled(TITLE_STYLE, text)
    }

    /// A body paragraph: first line indented 2.5 cm, 6 pt before, justified.
    pub fn body(&self, text: &str) -> Paragraph {
        self.styled(BODY_STYLE, text)
    }

    /// A numbered heading inside a section ("๒.๓ จุดแข็ง ..."), kept with what follows.
    pub fn heading(&self, text: &str) -> Paragraph {
        self.styled(HEADING_STYLE, text).keep_next(true)
    }

    /// A line under a heading, indented like a list item.
    pub fn item(&self, text: &str) -> Paragraph {
        self.styled(ITEM_STYLE, text)
    }

    /// A list line in bold: a sub-heading such as the indicator in section 3.
    pub fn bold_item(&self, text: &str) -> Paragraph {
        Paragraph::new()
            .add_run(self.run(text).bold())
            .style(ITEM_STYLE.0)
    }

    /// A label in bold 20 pt followed by its value in 16 pt ("เรื่อง  ...").
    pub fn labelled(&self, label: &str, value: &str) -> Paragraph {
        Paragraph::new()
            .add_run(self.run(label).bold().size(LABEL_SIZE))
            .add_run(self.run(&format!("  {value}")))
    }

    /// Centred right of the page centre, as signature blocks stand.
    pub fn signature_line(&self, text: &str) -> Paragraph {
        self.styled(SIGNATURE_STYLE, text)
    }

    pub fn page_break(&self) -> Paragraph {
        Paragraph::new().add_run(Run::new().add_break(BreakType::Page))
    }

    pub fn blank(&self) -> Paragraph {
        Paragraph::new()
    }

    /// A table cell holding one paragraph per line.
    pub fn cell(&self, lines: &[String], width: usize) -> TableCell {
        let mut cell = TableCell::new().width(width, WidthType::Dxa);
        for line in lines {
            cell = cell.add_paragraph(self.styled(TABLE_TEXT_STYLE, line));
        }
        if lines.is_empty() {
            cell = cell.add_paragraph(Paragraph::new().style(TABLE_TEXT_STYLE.0));
        }
        cell
    }

    pub fn centred_cell(&self, text: &str, width: usize) -> TableCell {
        TableCell::new().width(width, WidthType::Dxa).add_paragraph(
            self.styled(TABLE_TEXT_STYLE, text)
                .align(AlignmentType::Center),
        )
    }

    pub fn header_cell(&self, text: &str, width: usize) -> TableCell {
        TableCell::new()
            .width(width, WidthType::Dxa)
            .add_paragraph(self.styled(TABLE_HEADING_STYLE, text))
    }

    /// A bold row across every column ("ภาพรวม", a tool's name).
    pub fn group_row(&self, text: &str, widths: &[usize]) -> TableRow {
        TableRow::new(vec![TableCell::new()
            .width(widths.iter().sum(), WidthType::Dxa)
            .grid_span(widths.len())
            .add_paragraph(self.bold_para(text).style(TABLE_TEXT_STYLE.0))])
        .cant_split()
    }
}

/// A tab stop whose gap is filled with dots (the form's dotted leaders).
pub fn dot_tab(position: usize) -> Tab {
    Tab::new()
        .val(TabValueType::Left)
        .leader(TabLeaderType::Dot)
        .pos(position)
}

/// A table with borders on every cell and the given column widths.
pub fn bordered_table(rows: Vec<TableRow>, widths: &[usize]) -> Table {
    Table::new(rows)
        .set_grid(widths.to_vec())
        .width(widths.iter().sum(), WidthType::Dxa)
}

/// Header rows and body rows keep their lines together on one page.
pub fn row(cells: Vec<TableCell>) -> TableRow {
    TableRow::new(cells).cant_split()
}

/// A row of long text that may run on to the next page (under the repeated
/// header), so that a tall row does not leave the page above it half empty.
pub fn row_may_split(cells: Vec<TableCell>) -> TableRow {
    TableRow::new(cells)
}

/// A cell that continues the one above it (vertically merged).
pub fn merged_below(cell: TableCell, first: bool) -> TableCell {
    cell.vertical_merge(if first {
        VMergeType::Restart
    } else {
        VMergeType::Continue
    })
}
