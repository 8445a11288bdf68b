//! The memo's body written as WordprocessingML directly, in schema order. docx-rs
//! builds the package (styles, header, settings, the emblem); the body, a hundred
//! kilobytes of paragraphs and tables a memo, is written here because building it
//! through docx-rs's object model and XML writer was most of the time a memo took
//! (measured with `just bench`). The builder methods are named as docx-rs's, so
//! the parts read the same.

use docx_rs::{AlignmentType, TabLeaderType, TabValueType, VMergeType, WidthType};

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

/// What a run holds besides text (`Run::write_escaped`).
#[derive(Clone, Copy, Debug)]
pub enum RunPart {
    Tab,
    PageBreak,
    /// A new line in the same paragraph.
    LineBreak,
}

/// A run's properties; its part is given as it is written (`Run::write`,
/// `Run::write_escaped`), so that no text is copied into a run first.
#[derive(Clone, Copy, Debug, Default)]
pub struct Run {
    bold: bool,
    size: Option<usize>,
}

impl Run {
    pub fn new() -> Run {
        Run::default()
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

/// A paragraph's properties; its runs are written into it as it is written
/// (`Paragraph::write`).
#[derive(Clone, Debug, Default)]
pub struct Paragraph {
    style: Option<&'static str>,
    keep_next: bool,
    tabs: Vec<Tab>,
    spacing: LineSpacing,
    align: Option<AlignmentType>,
}

impl Paragraph {
    pub fn new() -> Paragraph {
        Paragraph::default()
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

/// A cell's properties; its paragraphs are written into it (`TableCell::write`).
#[derive(Clone, Copy, Debug)]
pub struct TableCell {
    width: usize,
    span: usize,
    merge: Option<VMergeType>,
}

impl TableCell {
    pub fn new() -> TableCell {
        TableCell {
            width: 0,
            span: 1,
            merge: None,
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
}

/// A table's properties and grid; its rows are written one by one as they are
/// made (`write_start`, `write_row`, `write_end`), so that a long one is never
/// held whole.
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
pub(crate) fn escape_into(out: &mut String, text: &str) {
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
            at += escape_char_at(out, text, at);
            copied = at;
        }
        // A character looked at may end in the next chunk.
        start = at;
    }
    out.push_str(&text[copied..]);
}

/// The character of `text` at byte `at` escaped onto `out` (unchanged if it
/// needs nothing); its length in bytes.
pub(crate) fn escape_char_at(out: &mut String, text: &str, at: usize) -> usize {
    let c = text[at..].chars().next().expect("at a character boundary");
    match c {
        '&' => out.push_str("&amp;"),
        '<' => out.push_str("&lt;"),
        '>' => out.push_str("&gt;"),
        '\t' | '\n' | '\r' => out.push(' '),
        c if c.is_control() || c == '\u{FFFE}' || c == '\u{FFFF}' => {}
        c => out.push(c),
    }
    c.len_utf8()
}

/// Whether `b` starts a character `escape_into` changes: the reserved three, the
/// C0 controls and DEL, 0xC2 (the C1 controls, U+0080 to U+009F) or 0xEF (U+FFFE
/// and U+FFFF). A UTF-8 continuation byte (0x80 to 0xBF) is never one of these.
pub(crate) fn may_need_escape(b: u8) -> bool {
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

/// A tab's kind as docx-rs's Display spells it, without core::fmt (a memo
/// has some twenty dotted tabs).
fn tab_value(kind: TabValueType) -> &'static str {
    match kind {
        TabValueType::Bar => "bar",
        TabValueType::Center => "center",
        TabValueType::Clear => "clear",
        TabValueType::Decimal => "decimal",
        TabValueType::End => "end",
        TabValueType::Right => "right",
        TabValueType::Num => "num",
        TabValueType::Start => "start",
        TabValueType::Left => "left",
    }
}

/// A tab's leader as docx-rs's Display spells it.
fn leader_value(leader: TabLeaderType) -> &'static str {
    match leader {
        TabLeaderType::Dot => "dot",
        TabLeaderType::Heavy => "heavy",
        TabLeaderType::Hyphen => "hyphen",
        TabLeaderType::MiddleDot => "middleDot",
        TabLeaderType::None => "none",
        TabLeaderType::Underscore => "underscore",
    }
}

impl Run {
    /// The run with its one part.
    pub fn write(&self, part: RunPart, out: &mut String) {
        match part {
            RunPart::Tab => self.write_part(out, "<w:tab/>"),
            RunPart::PageBreak => self.write_part(out, r#"<w:br w:type="page"/>"#),
            RunPart::LineBreak => self.write_part(out, "<w:br/>"),
        }
    }

    /// A run of text that `text` writes already escaped (`escape_into`), so
    /// that it need not be put together in a buffer of its own first.
    pub fn write_escaped(&self, out: &mut String, text: impl FnOnce(&mut String)) {
        self.write_start(out);
        out.push_str(r#"<w:t xml:space="preserve">"#);
        text(out);
        out.push_str("</w:t></w:r>");
    }

    fn write_part(&self, out: &mut String, part: &str) {
        self.write_start(out);
        out.push_str(part);
        out.push_str("</w:r>");
    }

    fn write_start(&self, out: &mut String) {
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
    }
}

impl Paragraph {
    /// In schema order: pStyle, keepNext, tabs, spacing, jc (indents come from the
    /// named styles); then what `runs` writes.
    pub fn write(&self, out: &mut String, runs: impl FnOnce(&mut String)) {
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
                out.push_str(r#"<w:tab w:val=""#);
                out.push_str(tab_value(tab.kind));
                out.push('"');
                if let Some(leader) = tab.leader {
                    out.push_str(r#" w:leader=""#);
                    out.push_str(leader_value(leader));
                    out.push('"');
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
        runs(out);
        out.push_str("</w:p>");
    }
}

impl TableCell {
    /// The cell with what `paragraphs` writes (a cell must end with a
    /// paragraph: an empty one where it writes none).
    pub fn write(&self, out: &mut String, paragraphs: impl FnOnce(&mut String)) {
        out.push_str(r#"<w:tc><w:tcPr><w:tcW w:w=""#);
        push_number(out, self.width);
        out.push_str(r#"" w:type="dxa"/>"#);
        if self.span > 1 {
            push_val(out, "gridSpan", self.span);
        }
        match self.merge {
            Some(VMergeType::Restart) => out.push_str(r#"<w:vMerge w:val="restart"/>"#),
            Some(VMergeType::Continue) => out.push_str("<w:vMerge/>"),
            _ => {}
        }
        out.push_str("</w:tcPr>");
        let before = out.len();
        paragraphs(out);
        if out.len() == before {
            out.push_str("<w:p/>");
        }
        out.push_str("</w:tc>");
    }
}

impl Table {
    /// The table's properties and grid: borders on every cell.
    pub fn write_start(&self, out: &mut String) {
        out.push_str(r#"<w:tbl><w:tblPr><w:tblW w:w=""#);
        push_number(out, self.width);
        out.push_str(r#"" w:type="dxa"/>"#);
        if !self.layout_only {
            out.push_str("<w:tblBorders>");
            for side in ["top", "left", "bottom", "right", "insideH", "insideV"] {
                out.push_str("<w:");
                out.push_str(side);
                out.push(' ');
                out.push_str(BORDER);
                out.push_str("/>");
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
    }

    /// Row `k` (from 0) with the cells `cells` writes: the first row repeats on
    /// each page the table runs onto; a row marked `cant_split` is not split
    /// across pages.
    pub fn write_row(
        &self,
        k: usize,
        cant_split: bool,
        out: &mut String,
        cells: impl FnOnce(&mut String),
    ) {
        out.push_str("<w:tr>");
        let header = k == 0 && !self.layout_only;
        if cant_split || header {
            out.push_str("<w:trPr>");
            if cant_split {
                out.push_str("<w:cantSplit/>");
            }
            if header {
                out.push_str("<w:tblHeader/>");
            }
            out.push_str("</w:trPr>");
        }
        cells(out);
        out.push_str("</w:tr>");
    }

    pub fn write_end(&self, out: &mut String) {
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

    /// Tabs' kinds and leaders are spelled as docx-rs's Display spells them.
    #[test]
    fn tab_kinds_and_leaders_are_spelled_as_docx_rs_spells_them() {
        use TabLeaderType as L;
        use TabValueType as V;
        for kind in [
            V::Bar,
            V::Center,
            V::Clear,
            V::Decimal,
            V::End,
            V::Right,
            V::Num,
            V::Start,
            V::Left,
        ] {
            assert_eq!(tab_value(kind), kind.to_string());
        }
        for leader in [
            L::Dot,
            L::Heavy,
            L::Hyphen,
            L::MiddleDot,
            L::None,
            L::Underscore,
        ] {
            assert_eq!(leader_value(leader), leader.to_string());
        }
    }

    #[test]
    fn paragraphs_and_tables_are_written_in_schema_order() {
        let mut out = String::new();
        Paragraph::new()
            .align(AlignmentType::Center)
            .line_spacing(LineSpacing::new().before(120))
            .add_tab(Tab::new().leader(TabLeaderType::Dot).pos(9071))
            .keep_next(true)
            .style("MemoBody")
            .write(&mut out, |out| {
                Run::new()
                    .bold()
                    .size(40)
                    .write_escaped(out, |out| escape_into(out, "ก & <ข>"));
                Run::new().write(RunPart::Tab, out);
            });
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
        let table = Table::new()
            .set_grid(vec![50, 50])
            .width(100, WidthType::Dxa);
        table.write_start(&mut out);
        table.write_row(0, true, &mut out, |out| {
            TableCell::new()
                .width(100, WidthType::Dxa)
                .grid_span(2)
                .write(out, |_| {});
        });
        table.write_row(1, false, &mut out, |out| {
            TableCell::new()
                .width(50, WidthType::Dxa)
                .vertical_merge(VMergeType::Restart)
                .write(out, |out| Paragraph::new().write(out, |_| {}));
        });
        table.write_end(&mut out);
        assert!(out.starts_with(concat!(
            r#"<w:tbl><w:tblPr><w:tblW w:w="100" w:type="dxa"/><w:tblBorders><w:top w:val="single" w:sz="4" w:space="0" w:color="000000"/>"#,
            r#"<w:left w:val="single" w:sz="4" w:space="0" w:color="000000"/><w:bottom w:val="single" w:sz="4" w:space="0" w:color="000000"/>"#,
            r#"<w:right w:val="single" w:sz="4" w:space="0" w:color="000000"/><w:insideH w:val="single" w:sz="4" w:space="0" w:color="000000"/>"#,
            r#"<w:insideV w:val="single" w:sz="4" w:space="0" w:color="000000"/></w:tblBorders>"#,
        )), "{out}");
        assert!(out.ends_with("</w:tr></w:tbl>"), "{out}");
        assert!(out.contains(r#"<w:tr><w:trPr><w:cantSplit/><w:tblHeader/></w:trPr><w:tc><w:tcPr><w:tcW w:w="100" w:type="dxa"/><w:gridSpan w:val="2"/></w:tcPr><w:p/></w:tc></w:tr>"#), "{out}");
        assert!(out.contains(r#"<w:tr><w:tc><w:tcPr><w:tcW w:w="50" w:type="dxa"/><w:vMerge w:val="restart"/></w:tcPr><w:p></w:p></w:tc></w:tr>"#), "{out}");
        assert!(
            out.contains(r#"<w:tblGrid><w:gridCol w:w="50"/><w:gridCol w:w="50"/></w:tblGrid>"#)
        );
    }
}
