//! The memo as format-neutral blocks: paragraphs with a role (body, heading,
//! table text...) and their text, tables with column widths as fractions of
//! the text width. The parts build these; the DOCX writer (docx_body.rs) is
//! one consumer of them, and knows the twips, styles and tab positions.

/// What a paragraph is, which the writer turns into a named style.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Role {
    /// No style of its own (the document's defaults).
    Plain,
    /// A body paragraph: first line indented, space before, justified.
    Body,
    /// A numbered heading inside a section.
    Heading,
    /// A numbered point or list line.
    Item,
    /// A title line (title page, report heading).
    Title,
    /// A line of a signature block, right of the centre.
    Signature,
    /// Text in a table cell.
    CellText,
    /// A table's header cell.
    CellHeading,
}

/// How big a piece of text is, beside its paragraph's own size.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Size {
    /// The size of the paragraph's role.
    Normal,
    /// The cover's labels and the title page's lines (20 pt).
    Label,
}

#[derive(Clone, Debug, PartialEq)]
pub enum Span {
    Text {
        text: String,
        bold: bool,
        size: Size,
    },
    /// A jump to the paragraph's next tab stop.
    Tab,
    PageBreak,
}

/// A tab stop whose gap is filled with dots (the form's dotted leaders), at a
/// fraction of the width the paragraph stands in (the text width, or its cell's
/// width inside its padding).
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct DotStop(pub f64);

#[derive(Clone, Debug, PartialEq)]
pub struct Para {
    pub role: Role,
    pub spans: Vec<Span>,
    pub keep_with_next: bool,
    pub centred: bool,
    /// The form's 6 pt before, on a paragraph whose role has none.
    pub space_before: bool,
    pub dot_stops: Vec<DotStop>,
    /// Its words (names, labels) are not to be broken inside at a line's end;
    /// figures never are, in any paragraph.
    pub whole_words: bool,
}

impl Para {
    pub fn new(role: Role) -> Para {
        Para {
            role,
            spans: Vec::new(),
            keep_with_next: false,
            centred: false,
            space_before: false,
            dot_stops: Vec::new(),
            whole_words: false,
        }
    }

    pub fn text(mut self, text: String) -> Para {
        self.spans.push(Span::Text {
            text,
            bold: false,
            size: Size::Normal,
        });
        self
    }

    pub fn bold_text(mut self, text: String) -> Para {
        self.spans.push(Span::Text {
            text,
            bold: true,
            size: Size::Normal,
        });
        self
    }

    /// A bold label (20 pt) such as "เรื่อง" or "ที่".
    pub fn label(mut self, text: String) -> Para {
        self.spans.push(Span::Text {
            text,
            bold: true,
            size: Size::Label,
        });
        self
    }

    pub fn tab(mut self) -> Para {
        self.spans.push(Span::Tab);
        self
    }

    pub fn page_break(mut self) -> Para {
        self.spans.push(Span::PageBreak);
        self
    }

    pub fn keep_next(mut self, keep: bool) -> Para {
        self.keep_with_next = keep;
        self
    }

    pub fn centred(mut self) -> Para {
        self.centred = true;
        self
    }

    pub fn space_before(mut self) -> Para {
        self.space_before = true;
        self
    }

    /// Its words not to be broken inside (names, short labels, a header).
    pub fn whole_words(mut self) -> Para {
        self.whole_words = true;
        self
    }

    /// A dotted tab stop at `fraction` of the width the paragraph stands in.
    pub fn dot_stop(mut self, fraction: f64) -> Para {
        self.dot_stops.push(DotStop(fraction));
        self
    }
}

/// A cell that continues the one above it, or starts such a run.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Merge {
    Start,
    Continue,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Cell {
    pub paras: Vec<Para>,
    /// How many columns it spans.
    pub span: usize,
    pub merge: Option<Merge>,
}

impl Cell {
    pub fn new(paras: Vec<Para>) -> Cell {
        Cell {
            paras,
            span: 1,
            merge: None,
        }
    }

    pub fn span(mut self, columns: usize) -> Cell {
        self.span = columns;
        self
    }

    /// Merged with the cells below it (`first`) or with the one above.
    pub fn merged(mut self, first: bool) -> Cell {
        self.merge = Some(if first { Merge::Start } else { Merge::Continue });
        self
    }
}

#[derive(Clone, Debug, PartialEq)]
pub struct Row {
    pub cells: Vec<Cell>,
    /// A row of long text may run on to the next page (under the repeated
    /// header) rather than leave the page above it half empty; rows of
    /// figures are kept whole.
    pub may_split: bool,
}

impl Row {
    /// A row kept whole on one page.
    pub fn whole(cells: Vec<Cell>) -> Row {
        Row {
            cells,
            may_split: false,
        }
    }

    /// A row of long text that may run on to the next page.
    pub fn may_split(cells: Vec<Cell>) -> Row {
        Row {
            cells,
            may_split: true,
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Frame {
    /// Borders on every cell; the first row is the header, repeated on every
    /// page the table runs onto.
    Bordered,
    /// No borders and no header: blocks laid side by side (the signatures).
    LayoutOnly,
}

/// The most table lines (14 pt at 0.85 spacing: about 13.5 pt each) of a row
/// kept whole on one page: a third of the page at most is left empty above a
/// row moved over, so every page of a table stays over 60% full. A taller row
/// may split: Word cuts off a row that may not split and is taller than a page.
const LINES_OF_A_ROW_KEPT_WHOLE: usize = 18;

#[derive(Clone, Debug, PartialEq)]
pub struct Table {
    /// Each column's share of the text width; they add up to 1.
    pub columns: Vec<f64>,
    pub rows: Vec<Row>,
    pub frame: Frame,
}

impl Table {
    /// A bordered table whose columns stand in the proportions given (any
    /// unit: they are scaled to the text width).
    pub fn bordered(rows: Vec<Row>, proportions: &[f64]) -> Table {
        Table {
            columns: fractions(proportions),
            rows,
            frame: Frame::Bordered,
        }
    }

    /// A bordered table whose columns are as wide as their content asks
    /// (measure.rs): no word of a `Fit::Whole` column broken, the long text
    /// sharing the rest.
    pub fn fitted(mut rows: Vec<Row>, fits: &[crate::measure::Fit]) -> Table {
        let fitted = crate::measure::fitted_columns(&rows, fits);
        for (row, &lines) in rows.iter_mut().zip(&fitted.row_lines) {
            // A row of long text short enough to move over whole does: split, it
            // strands a line or two of a measure at the top of the next page.
            if row.may_split && lines <= LINES_OF_A_ROW_KEPT_WHOLE {
                row.may_split = false;
            }
            let mut column = 0;
            for cell in &mut row.cells {
                if cell.span == 1 && fits.get(column) == Some(&crate::measure::Fit::Whole) {
                    for p in &mut cell.paras {
                        p.whole_words = true;
                    }
                }
                column += cell.span;
            }
        }
        Table {
            columns: fitted.shares,
            rows,
            frame: Frame::Bordered,
        }
    }

    /// A table only to lay blocks side by side: no borders, no header row.
    pub fn layout_only(rows: Vec<Row>, proportions: &[f64]) -> Table {
        Table {
            columns: fractions(proportions),
            rows,
            frame: Frame::LayoutOnly,
        }
    }
}

/// Proportions scaled to add up to 1.
pub fn fractions(proportions: &[f64]) -> Vec<f64> {
    let total: f64 = proportions.iter().sum();
    proportions.iter().map(|p| p / total).collect()
}

/// One piece of the memo, in order.
#[derive(Clone, Debug, PartialEq)]
pub enum Block {
    Para(Para),
    Table(Table),
    /// The end of the cover's section: the attachment starts its own page
    /// numbers after it.
    CoverEnd,
    /// A chart (its data is written beside the document by each writer): the
    /// text a screen reader says for it, its height in EMU, and its caption,
    /// written in the chart's own paragraph on the line above it: LibreOffice
    /// does not keep a paragraph with a next one that holds only a chart, and
    /// left a caption alone at a page's foot.
    Chart {
        description: &'static str,
        height_emu: u64,
        caption: Box<Para>,
    },
}

impl From<Para> for Block {
    fn from(p: Para) -> Block {
        Block::Para(p)
    }
}

impl From<Table> for Block {
    fn from(t: Table) -> Block {
        Block::Table(t)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn proportions_become_fractions_of_the_text_width() {
        let t = Table::bordered(Vec::new(), &[1.0, 3.0]);
        assert_eq!(t.columns, vec![0.25, 0.75]);
        let sum: f64 = fractions(&[2200.0, 3571.0, 1500.0, 1800.0]).iter().sum();
        assert!((sum - 1.0).abs() < 1e-12);
    }
}
