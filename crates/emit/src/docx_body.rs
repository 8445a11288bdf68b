//! The DOCX writer of the memo's blocks: each role becomes its named style,
//! each fraction of the text width its twips, and the body is written as
//! WordprocessingML into a string (wml.rs) for the package layer.

use docx_rs::{AlignmentType, TabLeaderType, TabValueType, VMergeType, WidthType};

use crate::blocks::{Block, Cell, Frame, Merge, Para, Role, Row, Size, Span, Table};
use crate::kit::{
    BODY_SIZE, BODY_STYLE, HEADING_STYLE, ITEM_STYLE, LABEL_SIZE, SIGNATURE_STYLE, SPACE_BEFORE,
    TABLE_HEADING_STYLE, TABLE_SIZE, TABLE_TEXT_STYLE, TEXT_WIDTH, TITLE_STYLE,
};
use crate::measure;
use crate::wml;

/// A cell's left and right padding together (Word's default, 0.19 cm a side):
/// a dotted line in a cell ends inside it.
const CELL_MARGINS: usize = 216;

/// The blocks, in order, as the body's WordprocessingML.
pub fn write_blocks(blocks: &[Block], out: &mut String) {
    let mut scratch = String::new();
    for block in blocks {
        write_block_with(block, out, &mut scratch);
    }
}

pub fn write_block(block: &Block, out: &mut String) {
    write_block_with(block, out, &mut String::new());
}

/// `scratch` holds each run's text with its joiners before it is escaped into
/// `out`: one buffer for all the runs rather than a string for each.
fn write_block_with(block: &Block, out: &mut String, scratch: &mut String) {
    match block {
        Block::Para(p) => write_paragraph(p, TEXT_WIDTH, out, scratch),
        Block::Table(t) => write_table(t, out, scratch),
        Block::CoverEnd => crate::sections::write_cover_end(out),
        Block::Chart {
            description,
            height_emu,
            caption,
        } => write_paragraph_then(caption, TEXT_WIDTH, out, scratch, |out| {
            wml::Run::new().write(wml::RunPart::LineBreak, out);
            crate::chart::described_chart_run(out, description, *height_emu);
        }),
    }
}

/// Twips for each column: each fraction of the text width rounded, the last
/// column taking what rounding left, so that the table is the text's width.
pub fn column_twips(columns: &[f64]) -> Vec<usize> {
    let mut twips: Vec<usize> = columns
        .iter()
        .map(|f| (f * TEXT_WIDTH as f64).round() as usize)
        .collect();
    if let Some(last) = twips.last_mut() {
        let others: usize = columns[..columns.len() - 1]
            .iter()
            .map(|f| (f * TEXT_WIDTH as f64).round() as usize)
            .sum();
        *last = TEXT_WIDTH.saturating_sub(others);
    }
    twips
}

fn style_of(role: Role) -> Option<&'static str> {
    match role {
        Role::Plain => None,
        Role::Body => Some(BODY_STYLE.0),
        Role::Heading => Some(HEADING_STYLE.0),
        Role::Item => Some(ITEM_STYLE.0),
        Role::Title => Some(TITLE_STYLE.0),
        Role::Signature => Some(SIGNATURE_STYLE.0),
        Role::CellText => Some(TABLE_TEXT_STYLE.0),
        Role::CellHeading => Some(TABLE_HEADING_STYLE.0),
    }
}

/// WORD JOINER: no line break on either side of it, and nothing to see or
/// copy (LibreOffice leaves it out of the PDF's text).
pub(crate) const JOINER: &str = "\u{2060}";

/// How to measure the words of a paragraph whose words are kept whole, and
/// the widest word to join, in twips: its line's width, or less (measure.rs).
#[derive(Clone, Copy)]
struct Whole {
    half_points: usize,
    bold: bool,
    line: f64,
}

/// Text with joiners where a line must not break: inside every figure in
/// Thai digits (renderers break Thai-digit runs as they break Thai words:
/// "๗๓.๗" / "๕"), and, where words are kept whole, inside each word (between
/// spaces) that fits a line of its own, up to the width past which a "word"
/// is a phrase (measure.rs), left to break between its words.
#[cfg(test)]
fn joined(text: &str, whole_words: Option<Whole>) -> String {
    let mut out = String::new();
    join_into(&mut out, text, whole_words);
    out
}

/// `text` with its words kept whole (`join_into`), escaped onto `out`. (Kept
/// per thread once, as the tables' headings are the same few texts: 0.065
/// million instructions less a memo, but the national batch's peak 17 MB
/// higher, from the small strings kept alive among the memos' buffers.)
fn write_whole_words(out: &mut String, text: &str, whole: Whole, scratch: &mut String) {
    scratch.clear();
    join_into(scratch, text, Some(whole));
    wml::escape_into(out, scratch);
}

/// `joined`'s text onto `out`.
fn join_into(out: &mut String, text: &str, whole_words: Option<Whole>) {
    match whole_words {
        // Figures cannot span a space, so the whole text is one scan.
        None => join_figures(out, text, false),
        Some(w) => {
            for (k, word) in text.split(' ').enumerate() {
                if k > 0 {
                    out.push(' ');
                }
                if measure::width(word, w.half_points, w.bold) <= w.line {
                    join_whole(out, word);
                } else if word.contains('/') {
                    join_at_slashes(out, word, w);
                } else {
                    join_figures(out, word, false);
                }
            }
        }
    }
}

/// Whether `bytes` starts with a Thai digit (U+0E50..U+0E59: E0 B9 90..99).
fn thai_digit_at(bytes: &[u8]) -> bool {
    matches!(bytes, [0xE0, 0xB9, 0x90..=0x99, ..])
}

/// `text` with a joiner between the characters of each figure in Thai
/// digits (a digit, or a point or comma between two digits), and, if
/// `escape`, escaped for XML (`wml::escape_into`: a figure has nothing to
/// escape, so the two are done in one pass). Most text has neither figure nor
/// a character to escape: one scan finds both, 32 positions at a time, and
/// what lies between them is copied whole: with AVX2 where the processor has
/// it (the whole scan in one function: a call and a check a block, and a call
/// a figure, were 0.01 million instructions a memo), else 16 positions a test.
fn join_figures(out: &mut String, text: &str, escape: bool) {
    #[cfg(any(target_arch = "x86", target_arch = "x86_64"))]
    if std::arch::is_x86_feature_detected!("avx2") {
        // SAFETY: the function needs only AVX2, which this processor has.
        return unsafe { join_figures_avx2(out, text, escape) };
    }
    join_figures_by(out, text, escape, figures_or_escapes_by_sixteen);
}

#[cfg(any(target_arch = "x86", target_arch = "x86_64"))]
#[target_feature(enable = "avx2")]
fn join_figures_avx2(out: &mut String, text: &str, escape: bool) {
    join_figures_by(out, text, escape, |window| figures_or_escapes_avx2(window));
}

/// `join_figures` with `in_window` finding figures and escapes
/// (`figures_or_escapes_in_window`).
#[inline(always)]
fn join_figures_by(
    out: &mut String,
    text: &str,
    escape: bool,
    in_window: impl Fn(&[u8; 34]) -> u32,
) {
    let bytes = text.as_bytes();
    // Everything before `copied` is written.
    let mut copied = 0;
    let mut block = 0;
    let mut padded = [0; 34];
    while block < bytes.len() {
        let found = in_window(window_at(bytes, block, &mut padded));
        loop {
            // Not what lies before `copied` (a figure's later digits).
            let unwritten = u32::MAX.checked_shl((copied.max(block) - block) as u32);
            let next = found & unwritten.unwrap_or(0);
            if next == 0 {
                break;
            }
            let at = block + next.trailing_zeros() as usize;
            out.push_str(&text[copied..at]);
            copied = if thai_digit_at(&bytes[at..]) {
                write_figure(out, text, at)
            } else if escape {
                at + wml::escape_char_at(out, text, at)
            } else {
                let c = text[at..].chars().next().expect("a character");
                out.push(c);
                at + c.len_utf8()
            };
        }
        block += 32;
    }
    out.push_str(&text[copied..]);
}

/// The figure starting at `at` onto `out`: its digits, joined, and a point or
/// comma between digits; where it ends. (Inside the scan: LLVM left it a call
/// once the scan was an AVX2 function.)
#[inline(always)]
fn write_figure(out: &mut String, text: &str, at: usize) -> usize {
    let bytes = text.as_bytes();
    let mut end = at + 3;
    out.push_str(&text[at..end]);
    loop {
        let rest = &bytes[end..];
        if thai_digit_at(rest) {
            out.push_str(JOINER);
            out.push_str(&text[end..end + 3]);
            end += 3;
        } else if matches!(rest.first(), Some(b'.' | b',')) && thai_digit_at(&rest[1..]) {
            out.push_str(JOINER);
            out.push_str(&text[end..end + 1]);
            out.push_str(JOINER);
            out.push_str(&text[end + 1..end + 4]);
            end += 4;
        } else {
            return end;
        }
    }
}

/// The 34 bytes from `block`, where bit k of a window's test is position
/// `block + k`, for k below 32 (a Thai digit or a character XML may need
/// escaped, `wml::may_need_escape`). Every Thai letter starts with the digits'
/// lead byte (E0) and many share their second (B9), so the test looks at all
/// three bytes of each position.
fn window_at<'a>(bytes: &'a [u8], block: usize, padded: &'a mut [u8; 34]) -> &'a [u8; 34] {
    // A text's last 33 bytes or fewer (all of a short text), copied before
    // spaces (neither figure nor escape), take one test too, not one a byte:
    // a text's end was a sixth of the scan's cost. A 33rd byte is the next
    // block's.
    match bytes.get(block..block + 34) {
        Some(window) => window.try_into().expect("34 bytes"),
        None => {
            let rest = &bytes[block..];
            *padded = [b' '; 34];
            padded[..rest.len()].copy_from_slice(rest);
            padded
        }
    }
}

/// Bit k set where a Thai digit or a character XML may need escaped starts
/// at position k of `window`, for k below 32: with AVX2 where the processor
/// has it (32 positions to an instruction: 0.07 million instructions less a
/// memo), else 16 at a time.
#[cfg(test)]
fn figures_or_escapes_in_window(window: &[u8; 34]) -> u32 {
    #[cfg(any(target_arch = "x86", target_arch = "x86_64"))]
    if std::arch::is_x86_feature_detected!("avx2") {
        // SAFETY: the function needs only AVX2, which this processor has.
        return unsafe { figures_or_escapes_avx2(window) };
    }
    figures_or_escapes_by_sixteen(window)
}

/// `figures_or_escapes_in_window` sixteen positions at a time.
fn figures_or_escapes_by_sixteen(window: &[u8; 34]) -> u32 {
    let sixteen_at = |at: usize| {
        figures_or_escapes_at(
            window[at..at + 16].try_into().expect("16 bytes"),
            window[at + 1..at + 17].try_into().expect("16 bytes"),
            window[at + 2..at + 18].try_into().expect("16 bytes"),
        )
    };
    sixteen_at(0) | sixteen_at(16) << 16
}

/// Bit k set where `lead[k]`, `second[k]`, `third[k]` are a Thai digit's
/// three bytes (E0 B9 90..99) or `lead[k]` may need escaping: with SSE2
/// where the target has it (every x86-64 processor does), else one by one.
#[cfg(target_feature = "sse2")]
fn figures_or_escapes_at(lead: &[u8; 16], second: &[u8; 16], third: &[u8; 16]) -> u32 {
    // SAFETY: the function needs only SSE2, which this build's target has.
    unsafe { figures_or_escapes_sse2(lead, second, third) }
}

#[cfg(not(target_feature = "sse2"))]
fn figures_or_escapes_at(lead: &[u8; 16], second: &[u8; 16], third: &[u8; 16]) -> u32 {
    (0..16).fold(0, |mask, k| {
        let digit = lead[k] == 0xE0 && second[k] == 0xB9 && (0x90..=0x99).contains(&third[k]);
        mask | u32::from(digit || wml::may_need_escape(lead[k])) << k
    })
}

#[cfg(target_feature = "sse2")]
#[target_feature(enable = "sse2")]
fn figures_or_escapes_sse2(lead: &[u8; 16], second: &[u8; 16], third: &[u8; 16]) -> u32 {
    use crate::sse2::load16 as load;
    #[cfg(target_arch = "x86")]
    use std::arch::x86::*;
    #[cfg(target_arch = "x86_64")]
    use std::arch::x86_64::*;
    let byte = |b: u8| _mm_set1_epi8(b as i8);
    let lead = load(lead);
    // A third byte less 0x90 is at most 9 (unsigned) exactly where it is 90..99.
    let offset = _mm_sub_epi8(load(third), byte(0x90));
    let in_range = _mm_cmpeq_epi8(_mm_min_epu8(offset, byte(9)), offset);
    let digit = _mm_and_si128(
        in_range,
        _mm_and_si128(
            _mm_cmpeq_epi8(load(second), byte(0xB9)),
            _mm_cmpeq_epi8(lead, byte(0xE0)),
        ),
    );
    // wml::may_need_escape: below 0x20, & < > (< and > are 0x3E with bit 1
    // set), DEL, 0xC2, 0xEF.
    let control = _mm_cmpeq_epi8(_mm_min_epu8(lead, byte(0x1F)), lead);
    let angle = _mm_cmpeq_epi8(_mm_or_si128(lead, byte(0x02)), byte(b'>'));
    let others = _mm_or_si128(
        _mm_or_si128(
            _mm_cmpeq_epi8(lead, byte(b'&')),
            _mm_cmpeq_epi8(lead, byte(0x7F)),
        ),
        _mm_or_si128(
            _mm_cmpeq_epi8(lead, byte(0xC2)),
            _mm_cmpeq_epi8(lead, byte(0xEF)),
        ),
    );
    let escape = _mm_or_si128(_mm_or_si128(control, angle), others);
    _mm_movemask_epi8(_mm_or_si128(digit, escape)) as u32
}

/// `figures_or_escapes_sse2` for 32 positions at once: the same tests on
/// 256-bit vectors.
#[cfg(any(target_arch = "x86", target_arch = "x86_64"))]
#[target_feature(enable = "avx2")]
fn figures_or_escapes_avx2(window: &[u8; 34]) -> u32 {
    #[cfg(target_arch = "x86")]
    use std::arch::x86::*;
    #[cfg(target_arch = "x86_64")]
    use std::arch::x86_64::*;
    let load = |from: usize| {
        let bytes: &[u8; 32] = window[from..from + 32].try_into().expect("32 bytes");
        // SAFETY: reads the 32 bytes of `bytes` (unaligned, as allowed). Built
        // from four 64-bit halves instead, the load took 17 instructions.
        unsafe { _mm256_loadu_si256(bytes.as_ptr().cast()) }
    };
    let byte = |b: u8| _mm256_set1_epi8(b as i8);
    let lead = load(0);
    let offset = _mm256_sub_epi8(load(2), byte(0x90));
    let in_range = _mm256_cmpeq_epi8(_mm256_min_epu8(offset, byte(9)), offset);
    let digit = _mm256_and_si256(
        in_range,
        _mm256_and_si256(
            _mm256_cmpeq_epi8(load(1), byte(0xB9)),
            _mm256_cmpeq_epi8(lead, byte(0xE0)),
        ),
    );
    let control = _mm256_cmpeq_epi8(_mm256_min_epu8(lead, byte(0x1F)), lead);
    let angle = _mm256_cmpeq_epi8(_mm256_or_si256(lead, byte(0x02)), byte(b'>'));
    let others = _mm256_or_si256(
        _mm256_or_si256(
            _mm256_cmpeq_epi8(lead, byte(b'&')),
            _mm256_cmpeq_epi8(lead, byte(0x7F)),
        ),
        _mm256_or_si256(
            _mm256_cmpeq_epi8(lead, byte(0xC2)),
            _mm256_cmpeq_epi8(lead, byte(0xEF)),
        ),
    );
    let escape = _mm256_or_si256(_mm256_or_si256(control, angle), others);
    _mm256_movemask_epi8(_mm256_or_si256(digit, escape)) as u32
}

/// A word with slashes too wide for its line ("ระยะเวลา/การติดตาม"): each
/// piece up to and including a slash joined whole where it fits, with a break
/// made explicit after the slash. LibreOffice breaks a Thai run by its
/// dictionary and takes no break after a slash ("ระยะ" / "เวลา/การ" /
/// "ติดตาม"); the measures (measure.rs) count these pieces.
fn join_at_slashes(out: &mut String, word: &str, w: Whole) {
    let mut pieces = word.split_inclusive('/').peekable();
    while let Some(piece) = pieces.next() {
        if measure::width(piece, w.half_points, w.bold) <= w.line {
            join_whole(out, piece);
        } else {
            join_figures(out, piece, false);
        }
        if pieces.peek().is_some() {
            out.push_str(BREAK);
        }
    }
}

/// ZERO WIDTH SPACE: a line may break here, and nothing shows.
pub(crate) const BREAK: &str = "\u{200B}";

/// `word` with a joiner before each character but the first, marks aside.
pub(crate) fn join_whole(out: &mut String, word: &str) {
    // The first character has no joiner before it.
    let mut chars = word.char_indices();
    chars.next();
    let mut from = 0;
    for (at, c) in chars {
        if !is_mark(c) {
            out.push_str(&word[from..at]);
            out.push_str(JOINER);
            from = at;
        }
    }
    out.push_str(&word[from..]);
}

/// Thai marks above and below a letter: a joiner before one would part it
/// from its letter.
fn is_mark(c: char) -> bool {
    matches!(c, '\u{0E31}' | '\u{0E34}'..='\u{0E3A}' | '\u{0E47}'..='\u{0E4E}')
}

/// A paragraph standing in `width` twips (the text width, or a cell's).
fn write_paragraph(p: &Para, width: usize, out: &mut String, scratch: &mut String) {
    write_paragraph_then(p, width, out, scratch, |_| {});
}

/// A paragraph with `tail` written after its spans, inside it.
fn write_paragraph_then(
    p: &Para,
    width: usize,
    out: &mut String,
    scratch: &mut String,
    tail: impl FnOnce(&mut String),
) {
    let mut properties = wml::Paragraph::new();
    if let Some(style) = style_of(p.role) {
        properties = properties.style(style);
    }
    if p.keep_with_next {
        properties = properties.keep_next(true);
    }
    for stop in &p.dot_stops {
        properties = properties.add_tab(
            wml::Tab::new()
                .val(TabValueType::Left)
                .leader(TabLeaderType::Dot)
                .pos((stop.0 * width as f64).round() as usize),
        );
    }
    if p.space_before {
        properties = properties.line_spacing(wml::LineSpacing::new().before(SPACE_BEFORE));
    }
    if p.centred {
        properties = properties.align(AlignmentType::Center);
    }
    properties.write(out, |out| {
        for span in &p.spans {
            match span {
                Span::Text { text, bold, size } => {
                    let half_points = match (size, p.role) {
                        (Size::Label, _) => LABEL_SIZE,
                        (_, Role::CellText | Role::CellHeading) => TABLE_SIZE,
                        _ => BODY_SIZE,
                    };
                    let mut run = wml::Run::new();
                    if *bold {
                        run = run.bold();
                    }
                    if *size == Size::Label {
                        run = run.size(LABEL_SIZE);
                    }
                    if p.whole_words {
                        let whole = Whole {
                            half_points,
                            bold: *bold || p.role == Role::CellHeading,
                            line: (width as f64).min(measure::whole_word_limit(p.role)),
                        };
                        run.write_escaped(out, |out| write_whole_words(out, text, whole, scratch));
                    } else {
                        // Joined and escaped in one pass, straight into the document.
                        run.write_escaped(out, |out| join_figures(out, text, true));
                    }
                }
                Span::Tab => wml::Run::new().write(wml::RunPart::Tab, out),
                Span::PageBreak => wml::Run::new().write(wml::RunPart::PageBreak, out),
            }
        }
        tail(out);
    });
}

/// A table written row by row, each cell's paragraphs straight into `out`.
fn write_table(t: &Table, out: &mut String, scratch: &mut String) {
    let mut rows = TableRows::start(&t.columns, t.frame, out);
    for r in &t.rows {
        rows.write_with(r, out, scratch);
    }
    rows.end(out);
}

/// A table whose rows are written as they are made rather than held as a
/// `Table`: the summary's lists of a national batch run to thousands of rows.
pub struct TableRows {
    twips: Vec<usize>,
    table: wml::Table,
    written: usize,
    scratch: String,
}

impl TableRows {
    /// The table's properties and grid: its `columns` as fractions of the text width.
    pub fn start(columns: &[f64], frame: Frame, out: &mut String) -> TableRows {
        let twips = column_twips(columns);
        let table = wml::Table::new()
            .set_grid(twips.clone())
            .width(twips.iter().sum(), WidthType::Dxa);
        let table = match frame {
            Frame::Bordered => table,
            Frame::LayoutOnly => table.layout_only(),
        };
        table.write_start(out);
        TableRows {
            twips,
            table,
            written: 0,
            scratch: String::new(),
        }
    }

    /// The next row (the first is the header).
    pub fn write(&mut self, r: &Row, out: &mut String) {
        let mut scratch = std::mem::take(&mut self.scratch);
        self.write_with(r, out, &mut scratch);
        self.scratch = scratch;
    }

    fn write_with(&mut self, r: &Row, out: &mut String, scratch: &mut String) {
        let twips = &self.twips;
        self.table
            .write_row(self.written, !r.may_split, out, |out| {
                let mut column = 0;
                for c in &r.cells {
                    let width: usize = twips[column..(column + c.span).min(twips.len())]
                        .iter()
                        .sum();
                    column += c.span;
                    write_cell(c, width, out, scratch);
                }
            });
        self.written += 1;
    }

    pub fn end(self, out: &mut String) {
        self.table.write_end(out);
    }
}

fn write_cell(c: &Cell, width: usize, out: &mut String, scratch: &mut String) {
    let inside = width.saturating_sub(CELL_MARGINS);
    let mut properties = wml::TableCell::new().width(width, WidthType::Dxa);
    if c.span > 1 {
        properties = properties.grid_span(c.span);
    }
    match c.merge {
        Some(Merge::Start) => properties = properties.vertical_merge(VMergeType::Restart),
        Some(Merge::Continue) => properties = properties.vertical_merge(VMergeType::Continue),
        None => {}
    }
    properties.write(out, |out| {
        for p in &c.paras {
            write_paragraph(p, inside, out, scratch);
        }
    });
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn figures_and_short_words_of_names_are_joined_and_long_phrases_are_not() {
        let j = |s: &str| joined(s, None).replace(JOINER, "+");
        assert_eq!(j("ได้ ๘๗.๑๕ คะแนน"), "ได้ ๘+๗+.+๑+๕ คะแนน");
        assert_eq!(j("ข้อ O๓๐ ปี ๒๕๖๖."), "ข้อ O๓+๐ ปี ๒+๕+๖+๖.");
        assert_eq!(j("87.15"), "87.15", "Arabic digits are not broken");
        // A word with a slash is joined whole only where it fits its line.
        let header = |line| Whole {
            half_points: TABLE_SIZE,
            bold: true,
            line,
        };
        // Too wide: each side of the slash whole, a break after it.
        let split = joined("ระยะเวลา/การติดตาม", Some(header(1000.0)));
        let (before, after) = split.split_once(BREAK).unwrap();
        assert_eq!(before.replace(JOINER, ""), "ระยะเวลา/");
        assert!(before.contains(JOINER) && after.contains(JOINER));
        assert_eq!(after.replace(JOINER, ""), "การติดตาม");
        assert!(joined("ระยะเวลา/การติดตาม", Some(header(2000.0))).contains(JOINER));
        let w = |s: &str, line: f64| {
            let whole = Whole {
                half_points: TABLE_SIZE,
                bold: false,
                line: line.min(measure::whole_word_limit(Role::CellText)),
            };
            joined(s, Some(whole)).replace(JOINER, "+")
        };
        // Marks stay with their letters.
        assert_eq!(w("สำนักปลัด", 1330.0), "ส+ำ+น+ั+ก+ป+ล+ั+ด".replace("+ั", "ั"));
        assert_eq!(
            w("งานแผนและงบประมาณ สำนักปลัด", 1330.0).split(' ').next(),
            Some("งานแผนและงบประมาณ"),
            "a phrase wider than the line may break between its words"
        );
        assert!(!w("งานแผนและงบประมาณ", 2000.0).contains('+'));
        assert!(!w("สำนักปลัด", 530.0).contains('+'), "wider than its line");
    }

    /// The joiners as first written, a character at a time: what `joined`'s
    /// byte scan must give.
    fn joined_char_by_char(text: &str, whole_words: Option<Whole>) -> String {
        let fits = |piece: &str| {
            whole_words.is_some_and(|w| measure::width(piece, w.half_points, w.bold) <= w.line)
        };
        let mut out = String::new();
        for (k, word) in text.split(' ').enumerate() {
            if k > 0 {
                out.push(' ');
            }
            if whole_words.is_some() && !fits(word) && word.contains('/') {
                for (k, piece) in word.split_inclusive('/').enumerate() {
                    if k > 0 {
                        out.push_str(BREAK);
                    }
                    push_char_by_char(&mut out, piece, fits(piece));
                }
            } else {
                push_char_by_char(&mut out, word, fits(word));
            }
        }
        out
    }

    /// `word` with joiners inside its figures, or everywhere if `keep`.
    fn push_char_by_char(out: &mut String, word: &str, keep: bool) {
        let thai_digit = |c: char| ('๐'..='๙').contains(&c);
        let mut before: Option<(char, bool)> = None;
        let mut chars = word.chars().peekable();
        while let Some(c) = chars.next() {
            let next = chars.peek().copied();
            let of_figure = thai_digit(c)
                || (matches!(c, '.' | ',')
                    && before.is_some_and(|(b, _)| thai_digit(b))
                    && next.is_some_and(thai_digit));
            if let Some((_, before_of_figure)) = before {
                if !is_mark(c) && (keep || (before_of_figure && of_figure)) {
                    out.push_str(JOINER);
                }
            }
            out.push(c);
            before = Some((c, of_figure));
        }
    }

    /// Strings from a fixed seed of Thai digits, points, commas, marks,
    /// slashes, spaces, letters and characters outside Thai (whose UTF-8 has
    /// the Thai block's lead byte or not) are joined as character by character.
    #[test]
    fn joiners_are_placed_as_character_by_character() {
        let alphabet: Vec<char> =
            "๐๑๒๓๔๕๖๗๘๙..,, //กขสำนัิ่้ปลดa7.–฿\u{0E4F}\u{0E5A}ก\u{0E3F}เ\u{2060}\u{2E50}\u{1FE55}"
                .chars()
                .collect();
        let mut rng = fastrand::Rng::with_seed(2566);
        for _ in 0..20_000 {
            let len = rng.usize(0..40);
            let text: String = (0..len)
                .map(|_| alphabet[rng.usize(0..alphabet.len())])
                .collect();
            let whole = match rng.u8(0..3) {
                0 => None,
                _ => Some(Whole {
                    half_points: TABLE_SIZE,
                    bold: rng.bool(),
                    line: rng.f64() * 2400.0,
                }),
            };
            assert_eq!(
                joined(&text, whole),
                joined_char_by_char(&text, whole),
                "{text:?}"
            );
        }
    }

    /// Each way of testing 32 positions (AVX2 where this processor has it,
    /// SSE2 or one by one, by sixteen) finds what the rule says, byte by byte:
    /// Thai digits (E0 B9 90..99, not the same last two bytes after another
    /// lead byte) and characters XML may need escaped.
    #[test]
    fn a_window_is_tested_as_position_by_position() {
        let alphabet: Vec<char> =
            "๐๑๙.,กขสำนัิ\u{0E4F}\u{0E5A}a7&<>=? \t\n\u{1}\u{7F}\u{85}\u{A0}\u{FFFE}\u{FFFD}\u{1E55}\u{1FE55}\u{2060}"
                .chars()
                .collect();
        let mut rng = fastrand::Rng::with_seed(2566);
        for _ in 0..20_000 {
            let text: String = (0..40)
                .map(|_| alphabet[rng.usize(0..alphabet.len())])
                .collect();
            // From any byte, as a block may start inside a character.
            let skip = rng.usize(0..4);
            let window: [u8; 34] = text.as_bytes()[skip..skip + 34].try_into().unwrap();
            let by_rule = (0..32).fold(0, |mask, k| {
                let found = wml::may_need_escape(window[k]) || thai_digit_at(&window[k..]);
                mask | u32::from(found) << k
            });
            assert_eq!(
                figures_or_escapes_by_sixteen(&window),
                by_rule,
                "{window:x?}"
            );
            assert_eq!(
                figures_or_escapes_in_window(&window),
                by_rule,
                "{window:x?}"
            );
        }
    }

    /// Text written into a run is joined and escaped in one pass: what
    /// joining character by character and then escaping gives.
    #[test]
    fn figures_are_joined_and_escaped_in_one_pass_as_one_after_the_other() {
        let alphabet: Vec<char> =
            "๐๑๙..,, กขสำนัิa7&<>=?\t\n\r\u{1}\u{7F}\u{85}\u{A0}\u{FFFE}\u{FFFD}\u{0E5A}฿\u{2060}\u{1E55}\u{1FE55}"
                .chars()
                .collect();
        let mut rng = fastrand::Rng::with_seed(2566);
        for _ in 0..20_000 {
            let text: String = (0..rng.usize(0..80))
                .map(|_| alphabet[rng.usize(0..alphabet.len())])
                .collect();
            let mut one_pass = String::new();
            join_figures(&mut one_pass, &text, true);
            let mut escaped = String::new();
            wml::escape_into(&mut escaped, &joined_char_by_char(&text, None));
            assert_eq!(one_pass, escaped, "{text:?}");
            // 16 positions a test too, where the processor takes 32.
            let mut by_sixteen = String::new();
            join_figures_by(&mut by_sixteen, &text, true, figures_or_escapes_by_sixteen);
            assert_eq!(by_sixteen, escaped, "{text:?}");
        }
    }

    #[test]
    fn columns_fill_the_text_width_whatever_the_rounding() {
        for columns in [
            vec![1.0 / 3.0; 3],
            crate::blocks::fractions(&[2200.0, 3571.0, 1500.0, 1800.0]),
            vec![0.5, 0.5],
        ] {
            let twips = column_twips(&columns);
            assert_eq!(twips.iter().sum::<usize>(), TEXT_WIDTH, "{columns:?}");
        }
        assert_eq!(
            column_twips(&crate::blocks::fractions(&[2200.0, 3571.0, 1500.0, 1800.0])),
            [2200, 3571, 1500, 1800]
        );
    }

    #[test]
    fn a_dotted_stop_in_a_cell_ends_inside_its_padding() {
        let chain = Table::layout_only(
            vec![Row::whole(vec![
                Cell::new(vec![Para::new(Role::Plain).dot_stop(1.0).tab()]),
                Cell::new(vec![Para::new(Role::Plain).dot_stop(1.0).tab()]),
            ])],
            &[1.0, 1.0],
        );
        let mut out = String::new();
        write_block(&Block::Table(chain), &mut out);
        // Cells of 4536 and 4535 twips (the text width halved, the rounding
        // to the first), less 216 of padding.
        for end in [4320, 4319] {
            assert!(
                out.contains(&format!(
                    r#"<w:tab w:val="left" w:leader="dot" w:pos="{end}"/>"#
                )),
                "{out}"
            );
        }
        assert!(!out.contains("tblBorders"), "a layout table has no borders");
    }
}
