//! The memo's body written as WordprocessingML directly, in schema order. docx-rs
//! builds the package (styles, header, settings, the emblem); the body, a hundred
//! kilobytes of paragraphs and tables a memo, is written here because building it
//! through docx-rs's object model and XML writer was most of the time a memo took
//! (measured with `just bench`). The builder methods are named as docx-rs's, so
//! the parts read the same.

use std::fmt::Write;

use docx_rs::{AlignmentType, BreakType, TabLeaderType, TabValueType, VMergeType, WidthType};

/// Table borders: a single line, a quarter point, on every cell.
const BORDER: &str = r#"w:val="single" w:sz="4" w:space="0" w:color="000000""#;

#[derive(Clone, Debug, Default)]
pub struct LineSpacing {
    before: Option<u32>,
}

impl LineSpacing {
    pub fn new() -> LineSpacing {
        LineSpacing::default()
    }

    pub fn before(mut self, twips: u32) -> LineSpacing {
        self.before = Some(twips);
        self
    }
}

#[derive(Clone, Debug)]
pub struct Tab {
    kind: TabValueType,
    leader: Option<TabLeaderType>,
    position: usize,
}

impl Tab {
    pub fn new() -> Tab {
        Tab {
            kind: TabValueType::Left,
            leader: None,
            position: 0,
        }
    }

    pub fn val(mut self, kind: TabValueType) -> Tab {
        self.kind = kind;
        self
    }

    pub fn leader(mut self, leader: TabLeaderType) -> Tab {
        self.leader = Some(leader);
        self
    }

    pub fn pos(mut self, position: usize) -> Tab {
        self.position = position;
        self
    }
}

#[derive(Clone, Debug)]
enum RunPart {
    Text(String),
    Tab,
    PageBreak,
}

#[derive(Clone, Debug, Default)]
pub struct Run {
    parts: Vec<RunPart>,
    bold: bool,
    size: Option<usize>,
}

impl Run {
    /// A run with room for one part: the body's runs each hold one (a text, a
    /// tab or a break).
    pub fn new() -> Run {
        Run {
            parts: Vec::with_capacity(1),
            ..Run::default()
        }
    }

    pub fn add_text(mut self, text: impl Into<String>) -> Run {
        self.parts.push(RunPart::Text(text.into()));
        self
    }

    pub fn add_tab(mut self) -> Run {
        self.parts.push(RunPart::Tab);
        self
    }

    pub fn add_break(mut self, kind: BreakType) -> Run {
        if matches!(kind, BreakType::Page) {
            self.parts.push(RunPart::PageBreak);
        }
        self
    }

    pub fn bold(mut self) -> Run {
        self.bold = true;
        self
    }

    /// In half-points, as w:sz and w:szCs take it.
    pub fn size(mut self, half_points: usize) -> Run {
        self.size = Some(half_points);
        self
    }
}

#[derive(Clone, Debug, Default)]
pub struct Paragraph {
    style: Option<&'static str>,
    keep_next: bool,
    tabs: Vec<Tab>,
    spacing: LineSpacing,
    align: Option<AlignmentType>,
    runs: Vec<Run>,
}

impl Paragraph {
    #[cfg(test)]
    pub fn new() -> Paragraph {
        Paragraph::default()
    }

    /// A paragraph with room for `runs` runs.
    pub fn with_runs(runs: usize) -> Paragraph {
        Paragraph {
            runs: Vec::with_capacity(runs),
            ..Paragraph::default()
        }
    }

    pub fn add_run(mut self, run: Run) -> Paragraph {
        self.runs.push(run);
        self
    }

    pub fn style(mut self, id: &'static str) -> Paragraph {
        self.style = Some(id);
        self
    }

    pub fn keep_next(mut self, keep: bool) -> Paragraph {
        self.keep_next = keep;
        self
    }

    pub fn add_tab(mut self, tab: Tab) -> Paragraph {
        self.tabs.push(tab);
        self
    }

    pub fn line_spacing(mut self, spacing: LineSpacing) -> Paragraph {
        self.spacing = spacing;
        self
    }

    pub fn align(mut self, align: AlignmentType) -> Paragraph {
        self.align = Some(align);
        self
    }
}

#[derive(Clone, Debug)]
pub struct TableCell {
    width: usize,
    span: usize,
    merge: Option<VMergeType>,
    paragraphs: Vec<Paragraph>,
}

impl TableCell {
    #[cfg(test)]
    pub fn new() -> TableCell {
        TableCell::with_paragraphs(0)
    }

    /// A cell with room for `paragraphs` paragraphs.
    pub fn with_paragraphs(paragraphs: usize) -> TableCell {
        TableCell {
            width: 0,
            span: 1,
            merge: None,
            paragraphs: Vec::with_capacity(paragraphs),
        }
    }

    pub fn width(mut self, width: usize, _kind: WidthType) -> TableCell {
        self.width = width;
        self
    }

    pub fn grid_span(mut self, span: usize) -> TableCell {
        self.span = span;
        self
    }

    pub fn vertical_merge(mut self, merge: VMergeType) -> TableCell {
        self.merge = Some(merge);
        self
    }

    pub fn add_paragraph(mut self, paragraph: Paragraph) -> TableCell {
        self.paragraphs.push(paragraph);
        self
    }
}

#[derive(Clone, Debug)]
pub struct TableRow {
    cells: Vec<TableCell>,
    cant_split: bool,
}

impl TableRow {
    pub fn new(cells: Vec<TableCell>) -> TableRow {
        TableRow {
            cells,
            cant_split: false,
        }
    }

    pub fn cant_split(mut self) -> TableRow {
        self.cant_split = true;
        self
    }
}

/// A table's properties and grid; its rows are written as they are made
/// (`write`), so that a long one is never held whole.
#[derive(Clone, Debug)]
pub struct Table {
    grid: Vec<usize>,
    width: usize,
    /// No borders and no repeated header row: a table used only to place
    /// blocks side by side (the signatures).
    layout_only: bool,
}

impl Table {
    pub fn new() -> Table {
        Table {
            grid: Vec::new(),
            width: 0,
            layout_only: false,
        }
    }

    /// A table that only lays blocks side by side: no borders, no header row.
    pub fn layout_only(mut self) -> Table {
        self.layout_only = true;
        self
    }

    pub fn set_grid(mut self, grid: Vec<usize>) -> Table {
        self.grid = grid;
        self
    }

    pub fn width(mut self, width: usize, _kind: WidthType) -> Table {
        self.width = width;
        self
    }
}

/// Text for an element's content: the three characters XML reserves escaped, and
/// the control codes XML 1.0 cannot carry left out (ingest cleans names already;
/// this keeps every memo well-formed whatever reaches it). The text is searched
/// 32 bytes at a time for a byte that may start such a character; runs of ordinary
/// text (all of Thai) are copied whole.
fn escape_into(out: &mut String, text: &str) {
    const CHUNK: usize = 32;
    let bytes = text.as_bytes();
    let mut copied = 0;
    let mut start = 0;
    while start < bytes.len() {
        let end = (start + CHUNK).min(bytes.len());
        // Without a short cut, so that the compiler compares the chunk at once.
        if !bytes[start..end]
            .iter()
            .fold(false, |any, &b| any | may_need_escape(b))
        {
            start = end;
            continue;
        }
        let mut at = start;
        while at < end {
            if !may_need_escape(bytes[at]) {
                at += 1;
                continue;
            }
            out.push_str(&text[copied..at]);
            let c = text[at..].chars().next().expect("at a character boundary");
            match c {
                '&' => out.push_str("&amp;"),
                '<' => out.push_str("&lt;"),
                '>' => out.push_str("&gt;"),
                '\t' | '\n' | '\r' => out.push(' '),
                c if c.is_control() || c == '\u{FFFE}' || c == '\u{FFFF}' => {}
                c => out.push(c),
            }
            at += c.len_utf8();
            copied = at;
        }
        // A character looked at may end in the next chunk.
        start = at;
    }
    out.push_str(&text[copied..]);
}

/// Whether `b` starts a character `escape_into` changes: the reserved three, the
/// C0 controls and DEL, 0xC2 (the C1 controls, U+0080 to U+009F) or 0xEF (U+FFFE
/// and U+FFFF). A UTF-8 continuation byte (0x80 to 0xBF) is never one of these.
fn may_need_escape(b: u8) -> bool {
    b < 0x20 || b == b'&' || b == b'<' || b == b'>' || b == 0x7F || b == 0xC2 || b == 0xEF
}

/// A number as decimal digits, without core::fmt's machinery (a memo writes
/// thousands: every cell's width).
fn push_number(out: &mut String, n: impl itoa::Integer) {
    out.push_str(itoa::Buffer::new().format(n));
}

/// `<w:NAME w:val="N"/>`
fn push_val(out: &mut String, name: &str, n: impl itoa::Integer) {
    out.push_str("<w:");
    out.push_str(name);
    out.push_str(r#" w:val=""#);
    push_number(out, n);
    out.push_str(r#""/>"#);
}

fn align_value(align: &AlignmentType) -> &'static str {
    match align {
        AlignmentType::Center => "center",
        AlignmentType::Right | AlignmentType::End => "right",
        AlignmentType::Both | AlignmentType::Justified => "both",
        AlignmentType::Distribute => "distribute",
        AlignmentType::Left | AlignmentType::Start => "left",
    }
}

impl Run {
    fn write(&self, out: &mut String) {
        out.push_str("<w:r>");
        if self.bold || self.size.is_some() {
            out.push_str("<w:rPr>");
            if self.bold {
                out.push_str("<w:b/><w:bCs/>");
            }
            if let Some(size) = self.size {
                push_val(out, "sz", size);
                push_val(out, "szCs", size);
            }
            out.push_str("</w:rPr>");
        }
        for part in &self.parts {
            match part {
                RunPart::Text(text) => {
                    out.push_str(r#"<w:t xml:space="preserve">"#);
                    escape_into(out, text);
                    out.push_str("</w:t>");
                }
                RunPart::Tab => out.push_str("<w:tab/>"),
                RunPart::PageBreak => out.push_str(r#"<w:br w:type="page"/>"#),
            }
        }
        out.push_str("</w:r>");
    }
}

impl Paragraph {
    /// In schema order: pStyle, keepNext, tabs, spacing, jc (indents come from the
    /// named styles).
    pub fn write(&self, out: &mut String) {
        out.push_str("<w:p>");
        let has_properties = self.style.is_some()
            || self.keep_next
            || !self.tabs.is_empty()
            || self.spacing.before.is_some()
            || self.align.is_some();
        if has_properties {
            out.push_str("<w:pPr>");
        }
        if let Some(style) = &self.style {
            out.push_str(r#"<w:pStyle w:val=""#);
            out.push_str(style);
            out.push_str(r#""/>"#);
        }
        if self.keep_next {
            out.push_str("<w:keepNext/>");
        }
        if !self.tabs.is_empty() {
            out.push_str("<w:tabs>");
            for tab in &self.tabs {
                let _ = write!(out, r#"<w:tab w:val="{}""#, tab.kind);
                if let Some(leader) = &tab.leader {
                    let _ = write!(out, r#" w:leader="{leader}""#);
                }
                out.push_str(r#" w:pos=""#);
                push_number(out, tab.position);
                out.push_str(r#""/>"#);
            }
            out.push_str("</w:tabs>");
        }
        if let Some(before) = self.spacing.before {
            out.push_str(r#"<w:spacing w:before=""#);
            push_number(out, before);
            out.push_str(r#""/>"#);
        }
        if let Some(align) = &self.align {
            out.push_str(r#"<w:jc w:val=""#);
            out.push_str(align_value(align));
            out.push_str(r#""/>"#);
        }
        if has_properties {
            out.push_str("</w:pPr>");
        }
        for run in &self.runs {
            run.write(out);
        }
        out.push_str("</w:p>");
    }
}

impl Table {
    /// Borders on every cell; the first row repeats on each page the table runs
    /// onto; rows marked so are not split across pages.
    pub fn write(&self, rows: impl IntoIterator<Item = TableRow>, out: &mut String) {
        out.push_str(r#"<w:tbl><w:tblPr><w:tblW w:w=""#);
        push_number(out, self.width);
        out.push_str(r#"" w:type="dxa"/>"#);
        if !self.layout_only {
            out.push_str("<w:tblBorders>");
            for side in ["top", "left", "bottom", "right", "insideH", "insideV"] {
                let _ = write!(out, "<w:{side} {BORDER}/>");
            }
            out.push_str("</w:tblBorders>");
        }
        out.push_str(r#"<w:tblLayout w:type="fixed"/></w:tblPr><w:tblGrid>"#);
        for width in &self.grid {
            out.push_str(r#"<w:gridCol w:w=""#);
            push_number(out, *width);
            out.push_str(r#""/>"#);
        }
        out.push_str("</w:tblGrid>");
        for (k, row) in rows.into_iter().enumerate() {
            out.push_str("<w:tr>");
            let header = k == 0 && !self.layout_only;
            if row.cant_split || header {
                out.push_str("<w:trPr>");
                if row.cant_split {
                    out.push_str("<w:cantSplit/>");
                }
                if header {
                    out.push_str("<w:tblHeader/>");
                }
                out.push_str("</w:trPr>");
            }
            for cell in &row.cells {
                out.push_str(r#"<w:tc><w:tcPr><w:tcW w:w=""#);
                push_number(out, cell.width);
                out.push_str(r#"" w:type="dxa"/>"#);
                if cell.span > 1 {
                    push_val(out, "gridSpan", cell.span);
                }
                match cell.merge {
                    Some(VMergeType::Restart) => out.push_str(r#"<w:vMerge w:val="restart"/>"#),
                    Some(VMergeType::Continue) => out.push_str("<w:vMerge/>"),
                    _ => {}
                }
                out.push_str("</w:tcPr>");
                for paragraph in &cell.paragraphs {
                    paragraph.write(out);
                }
                if cell.paragraphs.is_empty() {
                    // A cell must end with a paragraph.
                    out.push_str("<w:p/>");
                }
                out.push_str("</w:tc>");
            }
            out.push_str("</w:tr>");
        }
        out.push_str("</w:tbl>");
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every character looked at one by one: what `escape_into` must give.
    fn escaped_char_by_char(text: &str) -> String {
        let mut out = String::new();
        for c in text.chars() {
            match c {
                '&' => out.push_str("&amp;"),
                '<' => out.push_str("&lt;"),
                '>' => out.push_str("&gt;"),
                '\t' | '\n' | '\r' => out.push(' '),
                c if c.is_control() || c == '\u{FFFE}' || c == '\u{FFFF}' => {}
                c => out.push(c),
            }
        }
        out
    }

    #[test]
    fn text_is_escaped_as_character_by_character() {
        // Thai, the reserved three, controls of both ranges, the non-characters,
        // and neighbours that share their first byte (U+00A0, U+FFFD, U+FEFF).
        let alphabet = [
            'ก', 'ำ', '๑', 'a', '&', '<', '>', '"', '\t', '\n', '\r', '\0', '\u{1F}', '\u{7F}',
            '\u{80}', '\u{9F}', '\u{A0}', '\u{FFFE}', '\u{FFFF}', '\u{FFFD}', '\u{FEFF}', '😀',
        ];
        let mut rng = fastrand::Rng::with_seed(16);
        for _ in 0..2000 {
            let text: String = (0..rng.usize(..40))
                .map(|_| alphabet[rng.usize(..alphabet.len())])
                .collect();
            let mut out = String::new();
            escape_into(&mut out, &text);
            assert_eq!(out, escaped_char_by_char(&text), "{text:?}");
        }
    }

    #[test]
    fn paragraphs_and_tables_are_written_in_schema_order() {
        let mut out = String::new();
        Paragraph::new()
            .add_run(Run::new().add_text("ก & <ข>").bold().size(40))
            .add_run(Run::new().add_tab())
            .align(AlignmentType::Center)
            .line_spacing(LineSpacing::new().before(120))
            .add_tab(Tab::new().leader(TabLeaderType::Dot).pos(9071))
            .keep_next(true)
            .style("MemoBody")
            .write(&mut out);
        assert_eq!(
            out,
            concat!(
                r#"<w:p><w:pPr><w:pStyle w:val="MemoBody"/><w:keepNext/><w:tabs><w:tab w:val="left" w:leader="dot" w:pos="9071"/></w:tabs>"#,
                r#"<w:spacing w:before="120"/><w:jc w:val="center"/></w:pPr>"#,
                r#"<w:r><w:rPr><w:b/><w:bCs/><w:sz w:val="40"/><w:szCs w:val="40"/></w:rPr><w:t xml:space="preserve">ก &amp; &lt;ข&gt;</w:t></w:r>"#,
                r#"<w:r><w:tab/></w:r></w:p>"#
            )
        );
        let mut out = String::new();
        Table::new()
            .set_grid(vec![50, 50])
            .width(100, WidthType::Dxa)
            .write(
                vec![
                    TableRow::new(vec![TableCell::new()
                        .width(100, WidthType::Dxa)
                        .grid_span(2)])
                    .cant_split(),
                    TableRow::new(vec![TableCell::new()
                        .width(50, WidthType::Dxa)
                        .vertical_merge(VMergeType::Restart)
                        .add_paragraph(Paragraph::new())]),
                ],
                &mut out,
            );
        assert!(out.contains(r#"<w:tr><w:trPr><w:cantSplit/><w:tblHeader/></w:trPr><w:tc><w:tcPr><w:tcW w:w="100" w:type="dxa"/><w:gridSpan w:val="2"/></w:tcPr><w:p/></w:tc></w:tr>"#), "{out}");
        assert!(out.contains(r#"<w:tr><w:tc><w:tcPr><w:tcW w:w="50" w:type="dxa"/><w:vMerge w:val="restart"/></w:tcPr><w:p></w:p></w:tc></w:tr>"#), "{out}");
        assert!(
            out.contains(r#"<w:tblGrid><w:gridCol w:w="50"/><w:gridCol w:w="50"/></w:tblGrid>"#)
        );
    }
}
