//! Column widths from the content, measured with the font's metrics (the
//! advances of TH SarabunPSK's metric twin, advances.rs): a column of names,
//! figures and short labels is at least as wide as its widest word, so that
//! none is broken inside; the columns of long text share the rest in
//! proportion to the text each holds, so that a row's cells end near one
//! another rather than one running long beside short ones.

use crate::advances::ADVANCES;
use crate::blocks::{Cell, Para, Role, Row, Size, Span};
use crate::kit::{BODY_SIZE, LABEL_SIZE, TABLE_SIZE, TEXT_WIDTH};
use std::rc::Rc;

/// A cell's left and right padding together, in twips (Word's default, 0.19
/// cm a side; the DOCX writer leaves the default).
pub const CELL_PADDING: f64 = 216.0;

/// What a column holds, for its width.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Fit {
    /// Names, figures, short labels: no word of it may break, so the column is
    /// as wide as its widest word and no wider unless long text needs no more.
    Whole,
    /// Long text that wraps between words: it shares what is left.
    Text,
}

/// The narrowest share a column of long text gets (a word or two a line).
const TEXT_FLOOR: f64 = 0.12;

/// Thai writes no spaces between words, so a "word" between spaces can be a
/// phrase ("งานแผนและงบประมาณ", "การปรับปรุงระบบการทำงาน") that renderers break
/// between its words by their dictionaries. Words up to this width (in twips,
/// 1.9 cm in TH SarabunPSK: ผู้รับผิดชอบ, สำนักปลัด, a score, a date) are kept
/// whole; longer ones are left to break where Thai allows.
const WHOLE_WORD_LIMIT: f64 = 1064.0;

/// A header's words are terms ("การเปลี่ยนแปลง", "ผู้รับผิดชอบ"): kept whole up
/// to 2.8 cm.
const HEADING_WORD_LIMIT: f64 = 1596.0;

/// The widest word of a paragraph in `role` kept whole (see WHOLE_WORD_LIMIT).
pub fn whole_word_limit(role: Role) -> f64 {
    match role {
        Role::CellHeading => HEADING_WORD_LIMIT,
        _ => WHOLE_WORD_LIMIT,
    }
}

/// An average letter's advance, for a character outside the table.
const UNKNOWN: u16 = 550;

/// The advances of ASCII and the Thai block by index (regular, bold): most of
/// a memo's characters, looked up without a search.
static DIRECT: std::sync::LazyLock<[[u16; 2]; 256]> = std::sync::LazyLock::new(|| {
    let mut table = [[UNKNOWN; 2]; 256];
    for &(c, regular, bold) in ADVANCES {
        if let Some(i) = direct_index(c) {
            table[i] = [regular, bold];
        }
    }
    table
});

/// `DIRECT` in em, as `advance` divides them: what `advances` adds up.
static DIRECT_EM: std::sync::LazyLock<[[f64; 2]; 256]> =
    std::sync::LazyLock::new(|| DIRECT.map(|styles| styles.map(|t| f64::from(t) / 1000.0)));

fn direct_index(c: char) -> Option<usize> {
    match c as u32 {
        n @ 0..=0x7F => Some(n as usize),
        n @ 0x0E00..=0x0E7F => Some(n as usize - 0x0E00 + 0x80),
        _ => None,
    }
}

/// A character's advance in em.
fn advance(c: char, bold: bool) -> f64 {
    if c == '\u{2060}' || c == '\u{200B}' {
        // WORD JOINER and ZERO WIDTH SPACE (proper_names.rs) take no room.
        return 0.0;
    }
    let thousandths = match direct_index(c) {
        Some(i) => DIRECT[i][usize::from(bold)],
        None => match ADVANCES.binary_search_by_key(&c, |&(ch, _, _)| ch) {
            Ok(i) => {
                if bold {
                    ADVANCES[i].2
                } else {
                    ADVANCES[i].1
                }
            }
            Err(_) => UNKNOWN,
        },
    };
    f64::from(thousandths) / 1000.0
}

/// The width of `text` in twips at `half_points`.
pub fn width(text: &str, half_points: usize, bold: bool) -> f64 {
    let em: f64 = advances(text, bold).sum();
    em * half_points as f64 * 10.0
}

/// Each character's `advance`, in order. ASCII and the Thai block (most of a
/// memo: every Thai character is E0 B8 xx or E0 B9 xx in UTF-8) are read from
/// their bytes straight into the direct table; others are decoded.
fn advances(text: &str, bold: bool) -> impl Iterator<Item = f64> + '_ {
    let table = &*DIRECT_EM;
    let style = usize::from(bold);
    let bytes = text.as_bytes();
    let mut at = 0;
    std::iter::from_fn(move || {
        let lead = *bytes.get(at)?;
        if lead < 0x80 {
            at += 1;
            return Some(table[usize::from(lead)][style]);
        }
        if lead == 0xE0 {
            if let Some(&[second @ (0xB8 | 0xB9), third]) = bytes.get(at + 1..at + 3) {
                // U+0E00 + the low bit of the second byte and six of the third.
                let i = 0x80 + (usize::from(second & 1) << 6 | usize::from(third & 0x3F));
                at += 3;
                return Some(table[i][style]);
            }
        }
        let c = text[at..].chars().next().expect("at a character boundary");
        at += c.len_utf8();
        Some(advance(c, bold))
    })
}

/// Where a renderer may break a line inside a word (text between spaces):
/// ICU's line breaking with its Thai dictionary (LibreOffice breaks Thai with
/// ICU too), as the byte offsets where its pieces end. A word with no Thai
/// letter is one piece. Words repeat from memo to memo (the catalog's texts),
/// so their breaks are kept, up to a bound.
fn breaks_in(word: &str) -> std::sync::Arc<[usize]> {
    use icu_segmenter::{options::LineBreakOptions, LineSegmenter, LineSegmenterBorrowed};
    use rustc_hash::FxHashMap;
    use std::sync::{Arc, LazyLock, RwLock};
    static SEGMENTER: LazyLock<LineSegmenterBorrowed<'static>> =
        LazyLock::new(|| LineSegmenter::new_dictionary(LineBreakOptions::default()));
    static KNOWN: LazyLock<RwLock<FxHashMap<String, Arc<[usize]>>>> =
        LazyLock::new(Default::default);
    const KEPT: usize = 50_000;

    if !has_thai_letter(word) {
        return Arc::from([word.len()]);
    }
    if let Some(known) = KNOWN.read().ok().and_then(|k| k.get(word).cloned()) {
        return known;
    }
    let breaks: Arc<[usize]> = SEGMENTER.segment_str(word).filter(|&at| at > 0).collect();
    if let Ok(mut known) = KNOWN.write() {
        if known.len() >= KEPT {
            known.clear();
        }
        known.insert(word.to_string(), breaks.clone());
    }
    breaks
}

/// Whether `word` has a Thai letter (or vowel, or mark: not a Thai digit),
/// which ICU may break it at.
fn has_thai_letter(word: &str) -> bool {
    word.chars().any(|c| ('\u{0E01}'..='\u{0E4E}').contains(&c))
}

/// The pieces of `text` between break opportunities, each with the spaces
/// after it.
#[cfg(test)]
fn pieces(text: &str) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for (k, word) in text.split(' ').enumerate() {
        if k > 0 {
            match out.last_mut() {
                Some(last) => last.push(' '),
                None => out.push(" ".to_string()),
            }
        }
        let mut start = 0;
        for &end in breaks_in(word).iter() {
            if end > start {
                out.push(word[start..end].to_string());
            }
            start = end;
        }
    }
    out
}

/// The widths of Thai words' pieces between break opportunities
/// (`breaks_in`), kept per thread for each size and weight: a memo's paragraphs seldom
/// repeat whole (their scores differ from unit to unit) but their words do
/// (the catalog's texts, the indicators' names).
struct PieceWidths {
    half_points: usize,
    bold: bool,
    known: rustc_hash::FxHashMap<Box<str>, Box<[f64]>>,
}

/// Words kept per size and weight before they are forgotten all at once:
/// memory stays flat however many units a run has.
const PIECE_WIDTHS_KEPT: usize = 16_384;

thread_local! {
    static PIECE_WIDTHS: std::cell::RefCell<Vec<PieceWidths>> = Default::default();
    /// The paragraphs measured on this thread (`remembered_measure`).
    static MEASURED: std::cell::RefCell<crate::known::Known<Rc<Measured>>> =
        Default::default();
}

/// Lets go of this thread's measured paragraphs and words' widths.
pub(crate) fn forget_measured() {
    MEASURED.take();
    PIECE_WIDTHS.take();
}

/// The kept widths of one size and weight, taken out of the thread's while a
/// paragraph is measured and put back when dropped.
struct KeptPieceWidths(Option<PieceWidths>);

impl PieceWidths {
    fn of(half_points: usize, bold: bool) -> KeptPieceWidths {
        let kept = PIECE_WIDTHS.with_borrow_mut(|all| {
            let at = all
                .iter()
                .position(|w| w.half_points == half_points && w.bold == bold)?;
            Some(all.swap_remove(at))
        });
        KeptPieceWidths(Some(kept.unwrap_or_else(|| PieceWidths {
            half_points,
            bold,
            known: Default::default(),
        })))
    }
}

impl KeptPieceWidths {
    /// `part`'s pieces, each `(w, w)` with `w` its width, pushed onto `pieces`.
    fn push_pieces(&mut self, part: &str, pieces: &mut Vec<(f64, f64)>) {
        let widths = self.0.as_mut().expect("put back only when dropped");
        if !has_thai_letter(part) {
            // One piece (`breaks_in`), short and quickly measured: not kept,
            // as the scores, each unit's own, would crowd the words out.
            if !part.is_empty() {
                let w = width(part, widths.half_points, widths.bold);
                pieces.push((w, w));
            }
            return;
        }
        if let Some(known) = widths.known.get(part) {
            pieces.extend(known.iter().map(|&w| (w, w)));
            return;
        }
        let first = pieces.len();
        let mut start = 0;
        for &end in breaks_in(part).iter() {
            if end > start {
                let w = width(&part[start..end], widths.half_points, widths.bold);
                pieces.push((w, w));
            }
            start = end;
        }
        if widths.known.len() >= PIECE_WIDTHS_KEPT {
            widths.known.clear();
        }
        widths
            .known
            .insert(part.into(), pieces[first..].iter().map(|p| p.0).collect());
    }
}

impl Drop for KeptPieceWidths {
    fn drop(&mut self) {
        if let Some(widths) = self.0.take() {
            // (Not during the thread's end, when the kept widths are gone.)
            let _ = PIECE_WIDTHS.try_with(|all| all.borrow_mut().push(widths));
        }
    }
}

/// A word between spaces (or ending in a slash), measured: its width with and
/// without the space after it, and where its pieces between break opportunities
/// (likewise) stand in its paragraph's `pieces`.
struct Word {
    with_space: f64,
    trimmed: f64,
    pieces: std::ops::Range<usize>,
}

/// A paragraph measured, word by word; `whole` when its words are joined
/// (docx_body.rs) wherever they fit a line.
struct Measured {
    limit: f64,
    words: Vec<Word>,
    whole: bool,
    /// All the words' pieces in order, with and without the spaces after them:
    /// where words are not joined they are laid one after another without a
    /// look at the words (the long texts of a table are laid at many widths).
    pieces: Vec<(f64, f64)>,
    widest_piece: f64,
    widest_word: f64,
    /// Every word with the space after it: no line is wider, so a column
    /// at least this wide holds the paragraph on one line.
    one_line: f64,
    /// The last layings (`Measured::lines`), and which is replaced next.
    layings: std::cell::RefCell<Vec<Laying>>,
    next_forgotten: std::cell::Cell<usize>,
}

/// A paragraph measured as `measured` does, kept per thread: the catalog's
/// texts, the headers and the offices' names come back in memo after memo,
/// while the tables they stand in (with each unit's scores) seldom do; a
/// memo's own paragraphs are kept while it is written (known::Known).
fn remembered_measure(p: &Para, whole: bool) -> Rc<Measured> {
    use std::cell::RefCell;
    /// Paragraphs kept in each part (some kilobytes each, measured): the
    /// paragraphs that come back from memo to memo are some hundreds.
    const KEPT: usize = 512;
    thread_local! {
        static KEY: RefCell<Vec<u8>> = RefCell::default();
    }
    KEY.with_borrow_mut(|key| {
        key.clear();
        key.push(u8::from(whole));
        crate::share_cache::write_para_key(key, p);
        MEASURED.with_borrow_mut(|known| {
            crate::known::kept_or_made(known, key, KEPT, || Rc::new(measured(p, whole)))
        })
    })
}

/// A paragraph's text, its spans joined, and the size (in half points) and
/// weight it is set in.
fn text_and_font(p: &Para) -> (String, usize, bool) {
    let mut text = String::new();
    let mut bold = false;
    let mut label = false;
    for span in &p.spans {
        if let Span::Text {
            text: t,
            bold: b,
            size,
        } = span
        {
            text.push_str(t);
            bold |= *b;
            label |= *size == Size::Label;
        }
    }
    let half_points = match p.role {
        _ if label => LABEL_SIZE,
        Role::CellText | Role::CellHeading => TABLE_SIZE,
        _ => BODY_SIZE,
    };
    (text, half_points, bold || p.role == Role::CellHeading)
}

fn measured(p: &Para, whole: bool) -> Measured {
    let (text, half_points, bold) = text_and_font(p);
    let space = width(" ", half_points, bold);
    // Words with the spaces after them, each in pieces where lines may break.
    // (Room for most paragraphs at once: a Thai piece is some 4 to 6
    // characters, 3 bytes each; a word between spaces, a few pieces.)
    let mut words: Vec<Word> = Vec::with_capacity(text.len() / 32 + 1);
    let mut pieces: Vec<(f64, f64)> = Vec::with_capacity(text.len() / 12 + 1);
    let mut known = PieceWidths::of(half_points, bold);
    // Words end at a space, and after a slash too ("ระยะเวลา/" "การติดตาม"),
    // but only the last part of a word (between spaces) has the space after
    // it. (One search of the bytes for both, ASCII both.)
    let bytes = text.as_bytes();
    let mut word_start = 0;
    let mut part_start = 0;
    for at in memchr::memchr2_iter(b' ', b'/', bytes).chain([bytes.len()]) {
        let byte = bytes.get(at).copied();
        let part_end = if byte == Some(b'/') { at + 1 } else { at };
        if part_end > part_start {
            let last_of_word = matches!(bytes.get(part_end), None | Some(b' '));
            let after = if last_of_word { space } else { 0.0 };
            let first = pieces.len();
            known.push_pieces(&text[part_start..part_end], &mut pieces);
            let own = &mut pieces[first..];
            let trimmed: f64 = own.iter().map(|p| p.0).sum();
            if let Some(last) = own.last_mut() {
                last.0 += after;
            }
            words.push(Word {
                with_space: trimmed + after,
                trimmed,
                pieces: first..pieces.len(),
            });
        } else if at == word_start {
            // A second space: the word before has it too.
            if let Some(last) = words.last_mut() {
                last.with_space += space;
                if let Some(piece) = pieces[last.pieces.clone()].last_mut() {
                    piece.0 += space;
                }
            }
        }
        part_start = at + 1;
        if byte != Some(b'/') {
            word_start = at + 1;
        }
    }
    let widest_piece = pieces.iter().map(|p| p.1).fold(0.0, f64::max);
    let widest_word = words
        .iter()
        .map(|w| w.trimmed)
        .filter(|w| *w <= whole_word_limit(p.role))
        .fold(0.0, f64::max);
    let one_line = words.iter().map(|w| w.with_space).sum();
    Measured {
        limit: whole_word_limit(p.role),
        words,
        whole: whole || p.whole_words,
        pieces,
        widest_piece,
        widest_word,
        one_line,
        layings: Default::default(),
        next_forgotten: Default::default(),
    }
}

/// Twips: far above the rounding of a sum of widths, far below any glyph's width.
const ONE_LINE_MARGIN: f64 = 1e-6;

/// Spans of widths kept per paragraph before the oldest is forgotten (see
/// `Measured::lines`).
const LAYINGS_KEPT: usize = 8;

/// A paragraph's lines in every column `inside` twips wide with `from <= inside < to`.
#[derive(Clone, Copy, Debug, PartialEq)]
struct Laying {
    lines: usize,
    from: f64,
    to: f64,
    /// The span of widths that join the same words (`Measured::whole`;
    /// everything when none are joined).
    joining_from: f64,
    joining_to: f64,
}

impl Measured {
    /// Lines in a column `inside` twips wide: laid greedily, a joined word
    /// that fits a line as one piece, the spaces that end a line not
    /// counted; a piece wider than a line is cut. The share search asks at
    /// many widths close together, which mostly come to as many lines: a
    /// width within one of the spans kept is answered from it.
    ///
    /// Where no piece is cut, the greedy laying never takes more lines at a
    /// wider width, as long as the same words are joined (each line then
    /// starts at or after where it started, by induction: a line started
    /// later holds the same pieces' sum rounded no wider, as rounding is
    /// monotone and widths are not negative). So two layings with the same
    /// lines and the same words joined give those lines to every width
    /// between them: their spans are kept as one.
    #[inline]
    fn lines(&self, inside: f64) -> usize {
        // Most cells fit their column on one line: no need to lay them word by
        // word. (The margin keeps a sum's rounding from deciding a case the
        // greedy laying below would count otherwise.)
        if self.one_line + ONE_LINE_MARGIN <= inside {
            return 1;
        }
        self.lines_on_more(inside)
    }

    /// `lines` where the paragraph does not fit one line: answered from a
    /// span kept, or laid. (Kept out of `lines`, which is then a comparison
    /// where the search asks it, for the many cells of one line.)
    #[inline(never)]
    fn lines_on_more(&self, inside: f64) -> usize {
        let mut kept = self.layings.borrow_mut();
        if let Some(known) = kept.iter().find(|l| l.from <= inside && inside < l.to) {
            return known.lines;
        }
        let laid = self.laid(inside);
        if laid.from >= laid.to {
            return laid.lines;
        }
        let alike = kept.iter().position(|l| {
            l.lines == laid.lines
                && l.joining_from == laid.joining_from
                && l.joining_to == laid.joining_to
        });
        match alike {
            Some(at) => {
                let alike = &mut kept[at];
                alike.from = alike.from.min(laid.from);
                alike.to = alike.to.max(laid.to);
            }
            None if kept.len() < LAYINGS_KEPT => kept.push(laid),
            None => {
                let oldest = self.next_forgotten.get();
                kept[oldest] = laid;
                self.next_forgotten.set((oldest + 1) % LAYINGS_KEPT);
            }
        }
        laid.lines
    }

    /// The greedy laying at `inside` (narrower than `one_line` allows), and
    /// the span of widths that lay it the same way. Every choice it makes is
    /// a comparison `x <= inside` with an `x` that depends only on the
    /// choices before (the widths of the pieces placed), so every width on
    /// the same side of each `x` makes the same choices and counts the same
    /// lines: the span is from the largest `x` found not wider to the
    /// smallest found wider. Cutting a piece wider than a line leaves a
    /// remainder that depends on `inside` itself: then the span is empty.
    // Kept out of `lines`, whose usual answer (one line, or a span kept)
    // then needs no room for the laying's state.
    #[inline(never)]
    fn laid(&self, inside: f64) -> Laying {
        let mut laying = Greedy {
            inside,
            lines: 1,
            used: 0.0,
            end: f64::NEG_INFINITY,
            from: f64::NEG_INFINITY,
            to: self.one_line + ONE_LINE_MARGIN,
            cut: false,
        };
        let mut joining_from = f64::NEG_INFINITY;
        let mut joining_to = f64::INFINITY;
        if self.whole {
            for word in &self.words {
                // `trimmed <= inside.min(limit)`, the limit's half fixed. (A
                // word that fits needs no `from`: placing it finds a wider or
                // equal `x` that fits.)
                if word.trimmed <= self.limit {
                    if word.trimmed <= inside {
                        joining_from = joining_from.max(word.trimmed);
                        laying.place(word.with_space, word.trimmed);
                        continue;
                    }
                    joining_to = joining_to.min(word.trimmed);
                    laying.wider(word.trimmed);
                }
                for &(whole, trimmed) in &self.pieces[word.pieces.clone()] {
                    laying.place(whole, trimmed);
                }
            }
        } else {
            for &(whole, trimmed) in &self.pieces {
                laying.place(whole, trimmed);
            }
        }
        laying.line_ended();
        if laying.cut {
            (laying.from, laying.to) = (inside, inside);
        }
        Laying {
            lines: laying.lines,
            from: laying.from,
            to: laying.to,
            joining_from,
            joining_to,
        }
    }
}

/// A greedy laying under way (`Measured::laid`).
struct Greedy {
    inside: f64,
    lines: usize,
    /// Of the line being filled, with and without the spaces that end it.
    used: f64,
    end: f64,
    /// The span of widths that make the same choices so far, but for the
    /// line being filled (`end` is the widest `x` that fit on it: the
    /// widths of a line's pieces placed only grow).
    from: f64,
    to: f64,
    /// Whether a piece wider than a line was cut.
    cut: bool,
}

impl Greedy {
    /// A piece `trimmed` wide, `whole` with the spaces after it.
    #[inline]
    fn place(&mut self, whole: f64, trimmed: f64) {
        let on_this_line = self.used + trimmed;
        if on_this_line <= self.inside {
            self.used += whole;
            self.end = on_this_line;
            return;
        }
        self.wider(on_this_line);
        self.line_ended();
        if trimmed <= self.inside {
            self.lines += 1;
            self.used = whole;
            self.end = trimmed;
        } else {
            self.wider(trimmed);
            let more = (trimmed / self.inside).ceil() as usize;
            self.lines += more;
            self.used = whole - (more - 1) as f64 * self.inside;
            self.cut = true;
        }
    }

    /// An `x` found wider than `inside`.
    #[inline]
    fn wider(&mut self, x: f64) {
        if x < self.to {
            self.to = x;
        }
    }

    /// The line being filled ended: its `end` (the widest `x` found not
    /// wider on it) bounds the span from below.
    #[inline]
    fn line_ended(&mut self) {
        if self.end > self.from {
            self.from = self.end;
        }
    }
}

/// A table's columns fitted to its content.
#[derive(Clone, Debug, PartialEq)]
pub struct Fitted {
    /// Each column's share of the text width.
    pub shares: Vec<f64>,
    /// Each row's lines at those shares (`row_lines`).
    pub row_lines: Vec<usize>,
}

/// The columns of `rows` fitted (cells spanning columns are left out of the
/// shares: they take what their columns give them).
pub fn fitted_columns(rows: &[Row], fits: &[Fit]) -> Fitted {
    crate::share_cache::remembered(rows, fits, fitted_afresh)
}

/// The columns as `fitted_columns` gives them, worked out afresh.
fn fitted_afresh(rows: &[Row], fits: &[Fit]) -> Fitted {
    // Per column: its cells' paragraphs, row by row.
    let columns: Vec<Vec<Vec<Rc<Measured>>>> = (0..fits.len())
        .map(|c| {
            rows.iter()
                .map(|r| match single_cell(r, c) {
                    Some(cell) => cell
                        .paras
                        .iter()
                        .map(|p| remembered_measure(p, fits[c] == Fit::Whole))
                        .collect(),
                    None => Vec::new(),
                })
                .collect()
        })
        .collect();
    let shares = fitted_shares(&columns, fits);
    let row_lines = rows
        .iter()
        .enumerate()
        .map(|(r, row)| {
            row_lines(row, &shares, fits, |c| {
                columns.get(c).map(|cells| &cells[r][..])
            })
        })
        .collect();
    Fitted { shares, row_lines }
}

/// Each column's share of the text width, for its measured cells row by row.
fn fitted_shares(columns: &[Vec<Vec<Rc<Measured>>>], fits: &[Fit]) -> Vec<f64> {
    let n = fits.len();
    let text_width = TEXT_WIDTH as f64;
    // The narrowest each column may be: its widest word (a header's always,
    // a column of whole words' every word).
    let minimum: Vec<f64> = (0..n)
        .map(|c| {
            let widest = columns[c]
                .iter()
                .enumerate()
                .flat_map(|(k, cell)| cell.iter().map(move |p| (k, p)))
                .map(|(k, p)| {
                    if fits[c] == Fit::Whole || k == 0 {
                        p.widest_word.max(p.widest_piece)
                    } else {
                        p.widest_piece
                    }
                })
                .fold(0.0, f64::max);
            let share = (widest + CELL_PADDING + 1.0) / text_width;
            match fits[c] {
                Fit::Whole => share,
                Fit::Text => share.max(TEXT_FLOOR),
            }
        })
        .collect();
    let least: f64 = minimum.iter().sum();
    if least >= 1.0 {
        // Not everything fits whole: each gives up in proportion.
        return minimum.iter().map(|m| m / least).collect();
    }
    // What is left goes first in proportion to the text each column holds
    // (its header aside).
    let text_amount: Vec<f64> = (0..n)
        .map(|c| {
            columns[c]
                .iter()
                .skip(1)
                .flatten()
                .flat_map(|p| p.words.iter().map(|w| w.with_space))
                .sum()
        })
        .collect();
    let total_text: f64 = text_amount.iter().sum();
    let spare = 1.0 - least;
    let mut shares: Vec<f64> = (0..n)
        .map(|c| {
            if total_text > 0.0 {
                minimum[c] + spare * text_amount[c] / total_text
            } else {
                minimum[c] + spare / n as f64
            }
        })
        .collect();
    // Then moves of width between columns while they make the table shorter
    // (of several sizes: a line is saved only past a threshold).
    // Each column's lines row by row, for each width tried (moves come back
    // to the same widths often).
    // (Room for a search's usual widths: about 50 a table.) The lines of all
    // widths stand one after another in one buffer, `rows` for each.
    let rows = columns.first().map_or(0, Vec::len);
    let known = std::cell::RefCell::new((
        rustc_hash::FxHashMap::<_, usize>::with_capacity_and_hasher(64, Default::default()),
        Vec::<usize>::with_capacity(64 * rows),
    ));
    // Each row's tallest cell so far, kept from try to try for its room.
    let tallest = std::cell::RefCell::new(Vec::<usize>::new());
    // The table's lines at `shares`, or `limit` as soon as the columns laid so
    // far make it that tall: each row is at least as tall as its tallest cell
    // so far, and a try no shorter than the best is dropped whatever its
    // height, so the columns after need not be laid at the widths tried.
    let height = |shares: &[f64], limit: usize| -> usize {
        let (known, laid) = &mut *known.borrow_mut();
        let mut tallest = tallest.borrow_mut();
        tallest.clear();
        for (c, share) in shares.iter().enumerate() {
            let key = (c, rounded(share * 100_000.0));
            let start = *known.entry(key).or_insert_with(|| {
                let start = laid.len();
                laid.extend(column_lines(&columns[c], *share));
                start
            });
            let lines = &laid[start..start + rows];
            let mut total = 0;
            if c == 0 {
                tallest.extend_from_slice(lines);
                total = lines.iter().sum();
            } else {
                for (row, &l) in tallest.iter_mut().zip(lines.iter()) {
                    *row = (*row).max(l);
                    total += *row;
                }
            }
            if c + 1 == n {
                return total;
            }
            if total >= limit {
                return limit;
            }
        }
        0 // a table without columns
    };
    let mut best = height(&shares, usize::MAX);
    for _ in 0..40 {
        let mut found: Option<(usize, Vec<f64>)> = None;
        let consider = |tried: &[f64], found: &mut Option<(usize, Vec<f64>)>| {
            if tried.iter().zip(&minimum).any(|(s, m)| s < m) {
                return;
            }
            let limit = found.as_ref().map_or(best, |f| f.0);
            let h = height(tried, limit);
            if h < limit {
                *found = Some((h, tried.to_vec()));
            }
        };
        // Each try is made in one buffer: most are dropped.
        let mut tried = Vec::with_capacity(n);
        for to in 0..n {
            for step in [0.01, 0.02, 0.04, 0.08, 0.16] {
                // From one other column...
                for from in (0..n).filter(|&from| from != to) {
                    tried.clone_from(&shares);
                    tried[from] -= step;
                    tried[to] += step;
                    consider(&tried, &mut found);
                }
                // ...or from all the others alike (with two columns, the move
                // just tried).
                if n == 2 {
                    continue;
                }
                tried.clone_from(&shares);
                for (c, share) in tried.iter_mut().enumerate() {
                    *share += if c == to {
                        step
                    } else {
                        -step / (n - 1) as f64
                    };
                }
                consider(&tried, &mut found);
            }
        }
        match found {
            Some((h, tried)) => {
                best = h;
                shares = tried;
            }
            None => break,
        }
    }
    shares
}

/// `x.round() as i64`, to the same integer, without a call to libm's
/// `round` (the search rounds every share it tries; `round` is an
/// instruction only from SSE4.1, which the build does not assume).
/// Truncating and subtracting are exact, so the fraction decides as `round`
/// does: halves away from zero.
#[inline]
fn rounded(x: f64) -> i64 {
    let whole = x as i64;
    let fraction = x - whole as f64;
    if fraction >= 0.5 {
        whole.saturating_add(1)
    } else if fraction <= -0.5 {
        whole.saturating_sub(1)
    } else {
        whole
    }
}

/// A row's lines at the columns' shares: its tallest cell's (a cell spanning
/// columns laid at their width together). `alone(c)` may give the paragraphs
/// of its cell standing alone in column `c` already measured.
fn row_lines<'m>(
    row: &Row,
    shares: &[f64],
    fits: &[Fit],
    alone: impl Fn(usize) -> Option<&'m [Rc<Measured>]>,
) -> usize {
    let mut column = 0;
    let mut tallest = 0;
    for cell in &row.cells {
        let end = (column + cell.span).min(shares.len());
        let share: f64 = shares[column.min(end)..end].iter().sum();
        let whole = cell.span == 1 && fits.get(column) == Some(&Fit::Whole);
        let inside = share * TEXT_WIDTH as f64 - CELL_PADDING;
        let lines: usize = match alone(column).filter(|_| cell.span == 1) {
            Some(measured) => measured.iter().map(|p| p.lines(inside)).sum(),
            None => cell
                .paras
                .iter()
                .map(|p| remembered_measure(p, whole).lines(inside))
                .sum(),
        };
        tallest = tallest.max(lines);
        column += cell.span;
    }
    tallest
}

/// The cell of a row that stands in column `c` alone, if any.
fn single_cell(row: &Row, c: usize) -> Option<&Cell> {
    let mut column = 0;
    for cell in &row.cells {
        if column == c {
            return (cell.span == 1).then_some(cell);
        }
        column += cell.span;
        if column > c {
            return None;
        }
    }
    None
}

/// A column's lines, row by row, at a share of the text width.
fn column_lines<M: std::borrow::Borrow<Measured>>(
    cells: &[Vec<M>],
    share: f64,
) -> impl Iterator<Item = usize> + '_ {
    let inside = share * TEXT_WIDTH as f64 - CELL_PADDING;
    cells
        .iter()
        .map(move |cell| cell.iter().map(|p| p.borrow().lines(inside)).sum())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::blocks::Para;

    fn cell(lines: &[&str]) -> Cell {
        Cell::new(
            lines
                .iter()
                .map(|l| Para::new(Role::CellText).text(l.to_string()))
                .collect(),
        )
    }

    fn header(text: &str) -> Cell {
        Cell::new(vec![Para::new(Role::CellHeading).text(text.to_string())])
    }

    /// Advances read from the bytes are those of each character decoded, to
    /// the bit: ASCII, the whole Thai block (its unassigned points too), the
    /// joiner, and characters around them that share their first bytes.
    #[test]
    fn advances_by_bytes_are_those_by_characters() {
        let mut alphabet: Vec<char> = ('\u{0E00}'..='\u{0E7F}').chain(' '..='~').collect();
        alphabet.extend([
            '\u{2060}', '\u{200B}', '\u{0D7F}', '\u{0E80}', '\u{0FFF}', 'é', '😀',
        ]);
        let mut rng = fastrand::Rng::with_seed(2566);
        for _ in 0..5_000 {
            let text: String = (0..rng.usize(..40))
                .map(|_| alphabet[rng.usize(..alphabet.len())])
                .collect();
            for bold in [false, true] {
                let by_bytes: Vec<u64> = advances(&text, bold).map(f64::to_bits).collect();
                let by_chars: Vec<u64> = text.chars().map(|c| advance(c, bold).to_bits()).collect();
                assert_eq!(by_bytes, by_chars, "{text:?}");
            }
        }
    }

    #[test]
    fn widths_follow_the_fonts_metrics() {
        // Thai digits are wider than Arabic ones in TH SarabunPSK; marks above
        // and below take no width.
        assert!(width("๘๗.๑๕", 28, false) > width("87.15", 28, false));
        assert_eq!(width("กิ่", 28, false), width("ก", 28, false));
        assert!(width("ก", 28, true) > width("ก", 28, false));
    }

    #[test]
    fn no_word_of_a_whole_column_is_broken_and_the_text_takes_the_rest() {
        let long = "หน่วยงานควรสร้างความเข้าใจว่าการนำทรัพย์สินของราชการไปใช้ส่วนตัวหรือให้ผู้อื่นใช้เป็นสิ่งที่ไม่ถูกต้อง กำหนดขั้นตอนการยืมที่ชัดเจนและสะดวก";
        let rows = vec![
            Row::whole(vec![header("ผู้รับผิดชอบ"), header("วิธีการดำเนินการ")]),
            Row::whole(vec![
                cell(&["งานพัสดุและทรัพย์สิน กองคลัง", "สำนักปลัด"]),
                cell(&[long]),
            ]),
        ];
        let shares = fitted_columns(&rows, &[Fit::Whole, Fit::Text]).shares;
        assert!((shares.iter().sum::<f64>() - 1.0).abs() < 1e-9);
        let inside = shares[0] * TEXT_WIDTH as f64 - CELL_PADDING;
        for word in ["ผู้รับผิดชอบ", "กองคลัง", "สำนักปลัด"]
        {
            let bold = word == "ผู้รับผิดชอบ";
            assert!(width(word, TABLE_SIZE, bold) <= inside, "{word} is broken");
        }
        assert!(shares[1] > shares[0], "{shares:?}");
    }

    /// The shares and measures kept per thread are those worked out afresh,
    /// and a table that differs only in where its long text stands is not
    /// taken for the one met before.
    #[test]
    fn remembered_shares_are_those_worked_out_afresh() {
        let long = "หน่วยงานควรสร้างความเข้าใจว่าการนำทรัพย์สินของราชการไปใช้ส่วนตัว กำหนดขั้นตอนการยืมที่ชัดเจน";
        let table = |first: &str, second: &str| {
            vec![
                Row::whole(vec![header("ผู้รับผิดชอบ"), header("วิธีการ")]),
                Row::whole(vec![cell(&[first]), cell(&[second])]),
            ]
        };
        let fits = [Fit::Text, Fit::Text];
        let left = table(long, "สำนักปลัด");
        let right = table("สำนักปลัด", long);
        let fresh_left = fitted_afresh(&left, &fits);
        let fresh_right = fitted_afresh(&right, &fits);
        assert!(
            fresh_left.shares[0] > fresh_left.shares[1]
                && fresh_right.shares[1] > fresh_right.shares[0]
        );
        for _ in 0..2 {
            assert_eq!(fitted_columns(&left, &fits), fresh_left);
            assert_eq!(fitted_columns(&right, &fits), fresh_right);
        }
        let p = Para::new(Role::CellText).text(long.to_string());
        for inside in [800.0, 2000.0, 5000.0] {
            assert_eq!(
                remembered_measure(&p, true).lines(inside),
                measured(&p, true).lines(inside)
            );
        }
    }

    /// The greedy laying as it was before spans of widths were kept: what
    /// `Measured::lines` must count at every width.
    fn plainly_laid(p: &Measured, inside: f64) -> usize {
        if p.one_line + ONE_LINE_MARGIN <= inside {
            return 1;
        }
        let mut lines = 1;
        let mut used = 0.0;
        let mut place = |whole: f64, trimmed: f64| {
            if used + trimmed <= inside {
                used += whole;
            } else if trimmed <= inside {
                lines += 1;
                used = whole;
            } else {
                let more = (trimmed / inside).ceil() as usize;
                lines += more;
                used = whole - (more - 1) as f64 * inside;
            }
        };
        let joined = inside.min(p.limit);
        for word in &p.words {
            if p.whole && word.trimmed <= joined {
                place(word.with_space, word.trimmed);
            } else {
                for &(whole, trimmed) in &p.pieces[word.pieces.clone()] {
                    place(whole, trimmed);
                }
            }
        }
        lines
    }

    /// The memo's kinds of words (long Thai, names, figures, slashes; an empty
    /// one makes a double space).
    const TABLE_WORDS: [&str; 20] = [
        "หน่วยงานควรสร้างความเข้าใจว่าการนำทรัพย์สินของราชการไปใช้ส่วนตัวหรือให้ผู้อื่นใช้เป็นสิ่งที่ไม่ถูกต้อง",
        "กำหนดขั้นตอนการยืมที่ชัดเจนและสะดวก",
        "สำนักปลัด",
        "งานพัสดุและทรัพย์สิน",
        "กองคลัง",
        "ระยะเวลา/การติดตาม",
        "๔.",
        "(๗๓.๗๕)",
        "มี.ค.๖๖",
        "–",
        "IIT",
        "EIT",
        "ตัวชี้วัดที่",
        "ประสิทธิภาพการสื่อสาร",
        "คะแนน",
        "ผู้รับผิดชอบ",
        "การเปลี่ยนแปลง",
        "๘๗.๑๕",
        "\u{2060}องค์การบริหารส่วนตำบล\u{2060}",
        "",
    ];

    /// Paragraphs made from a fixed seed out of the memo's kinds of words
    /// (long Thai, names, figures, slashes, double spaces; headers, labels,
    /// joined or not), each asked at many widths in turn (at random, walked
    /// by the search's steps, and on both sides of every span kept): the
    /// lines kept are those laid afresh, every time.
    #[test]
    fn lines_from_kept_spans_are_those_laid_afresh() {
        let mut rng = fastrand::Rng::with_seed(2566);
        let mut checked = 0;
        for _ in 0..400 {
            let text = (0..1 + rng.usize(..30))
                .map(|_| TABLE_WORDS[rng.usize(..TABLE_WORDS.len())])
                .collect::<Vec<_>>()
                .join(" ");
            let role = [Role::CellText, Role::CellHeading, Role::Body][rng.usize(..3)];
            let mut para = Para::new(role);
            para = match rng.usize(..4) {
                0 => para.label(text),
                1 => para.bold_text(text),
                _ => para.text(text),
            };
            para.whole_words = rng.bool();
            let p = measured(&para, rng.bool());
            let mut widths: Vec<f64> = Vec::new();
            let mut at = 200.0 + rng.f64() * 8_000.0;
            for _ in 0..60 {
                match rng.usize(..3) {
                    0 => at = 50.0 + rng.f64() * 9_000.0,
                    _ => {
                        let step = [0.01, 0.02, 0.04, 0.08, 0.16][rng.usize(..5)];
                        let sign = if rng.bool() { 1.0 } else { -1.0 };
                        at = (at + sign * step * TEXT_WIDTH as f64).max(30.0);
                    }
                }
                widths.push(at);
                for kept in p.layings.borrow().iter() {
                    widths.extend([
                        kept.from,
                        kept.from.next_down(),
                        kept.to,
                        kept.to.next_down(),
                    ]);
                }
                for &inside in &widths {
                    assert_eq!(
                        p.lines(inside),
                        plainly_laid(&p, inside),
                        "{:?} at {inside}",
                        para.spans
                    );
                    checked += 1;
                }
                widths.clear();
            }
        }
        // The spans were asked about at their edges, not only at random.
        assert!(checked > 400 * 60 * 2, "{checked}");
    }

    /// A paragraph's words and pieces as `measured` found them before their
    /// widths were kept per thread: each piece measured from its text.
    #[allow(clippy::type_complexity)]
    fn plainly_measured(p: &Para) -> (Vec<(u64, u64, std::ops::Range<usize>)>, Vec<(u64, u64)>) {
        let (text, half_points, bold) = text_and_font(p);
        let space = width(" ", half_points, bold);
        let mut words: Vec<Word> = Vec::new();
        let mut pieces: Vec<(f64, f64)> = Vec::new();
        for word in text.split(' ') {
            if word.is_empty() {
                if let Some(last) = words.last_mut() {
                    last.with_space += space;
                    if let Some(piece) = pieces[last.pieces.clone()].last_mut() {
                        piece.0 += space;
                    }
                }
                continue;
            }
            let mut parts = word.split_inclusive('/').peekable();
            while let Some(part) = parts.next() {
                let after = if parts.peek().is_none() { space } else { 0.0 };
                let first = pieces.len();
                let mut start = 0;
                for &end in breaks_in(part).iter() {
                    if end > start {
                        let w = width(&part[start..end], half_points, bold);
                        pieces.push((w, w));
                    }
                    start = end;
                }
                let own = &mut pieces[first..];
                let trimmed: f64 = own.iter().map(|p| p.0).sum();
                if let Some(last) = own.last_mut() {
                    last.0 += after;
                }
                words.push(Word {
                    with_space: trimmed + after,
                    trimmed,
                    pieces: first..pieces.len(),
                });
            }
        }
        (
            words
                .into_iter()
                .map(|w| (w.with_space.to_bits(), w.trimmed.to_bits(), w.pieces))
                .collect(),
            pieces
                .into_iter()
                .map(|(a, b)| (a.to_bits(), b.to_bits()))
                .collect(),
        )
    }

    /// A paragraph as `measured` found it, in bits, to compare with
    /// `plainly_measured`.
    #[allow(clippy::type_complexity)]
    fn measured_bits(p: &Para) -> (Vec<(u64, u64, std::ops::Range<usize>)>, Vec<(u64, u64)>) {
        let m = measured(p, false);
        (
            m.words
                .iter()
                .map(|w| {
                    (
                        w.with_space.to_bits(),
                        w.trimmed.to_bits(),
                        w.pieces.clone(),
                    )
                })
                .collect(),
            m.pieces
                .iter()
                .map(|&(a, b)| (a.to_bits(), b.to_bits()))
                .collect(),
        )
    }

    /// Paragraphs made from a fixed seed out of the memo's kinds of words, in
    /// every size and weight, measured again and again (their words' widths
    /// then kept), and past the bound of words kept: every word and piece is,
    /// to the bit, what measuring each piece from its text gives.
    #[test]
    fn words_from_kept_widths_are_those_measured_afresh() {
        let mut rng = fastrand::Rng::with_seed(2567);
        let para = |rng: &mut fastrand::Rng, text: String| {
            let role = [Role::CellText, Role::CellHeading, Role::Body][rng.usize(..3)];
            let para = Para::new(role);
            match rng.usize(..4) {
                0 => para.label(text),
                1 => para.bold_text(text),
                _ => para.text(text),
            }
        };
        let mut made = Vec::new();
        for round in 0..3 {
            for _ in 0..300 {
                let text = (0..1 + rng.usize(..30))
                    .map(|_| TABLE_WORDS[rng.usize(..TABLE_WORDS.len())])
                    .collect::<Vec<_>>()
                    .join(" ");
                made.push(para(&mut rng, text));
            }
            // Spaces and slashes anywhere: leading, trailing, doubled, together.
            let bits = [" ", "  ", "/", "//", "ก", "ab", "๑", "สำนักปลัด", "/ "];
            for _ in 0..300 {
                let text: String = (0..rng.usize(..8))
                    .map(|_| bits[rng.usize(..bits.len())])
                    .collect();
                made.push(para(&mut rng, text));
            }
            if round == 1 {
                // More distinct words than are kept (scores, each its own).
                for n in 0..PIECE_WIDTHS_KEPT + 100 {
                    let text = format!("{}.{} คะแนน/ข้อ", n / 100, n % 100);
                    made.push(para(&mut rng, text));
                }
            }
            rng.shuffle(&mut made);
            for p in &made {
                assert_eq!(measured_bits(p), plainly_measured(p), "{:?}", p.spans);
            }
        }
    }

    /// `rounded` is `f64::round` then `as i64`: at and beside every half
    /// and whole the search meets (shares times 100,000), at random, and at
    /// the edges (NaN, infinities, past i64, the largest below a half).
    #[test]
    fn rounded_is_rounds_integer() {
        let mut rng = fastrand::Rng::with_seed(2568);
        let mut xs: Vec<f64> = vec![
            0.0,
            -0.0,
            0.5,
            -0.5,
            0.5f64.next_down(),
            (-0.5f64).next_up(),
            f64::NAN,
            f64::INFINITY,
            f64::NEG_INFINITY,
            f64::MAX,
            f64::MIN,
            9.3e18,
            -9.3e18,
            4_503_599_627_370_495.5,
            9_007_199_254_740_993.0,
        ];
        for k in -200_000..200_000 {
            let half = k as f64 + 0.5;
            let whole = k as f64;
            xs.extend([
                half,
                half.next_down(),
                half.next_up(),
                whole,
                whole.next_down(),
                whole.next_up(),
            ]);
        }
        for _ in 0..200_000 {
            xs.push(rng.f64() * 100_000.0);
            xs.push((rng.f64() - 0.5) * f64::from(u32::MAX) * rng.f64().powi(8));
            xs.push(f64::from_bits(rng.u64(..)));
        }
        for x in xs {
            assert_eq!(rounded(x), x.round() as i64, "{x:e}");
        }
    }

    #[test]
    fn lines_are_counted_by_words() {
        let p = measured(
            &Para::new(Role::CellText).text("สำนักปลัด งานนิติการ".to_string()),
            true,
        );
        let one = width("สำนักปลัด งานนิติการ", TABLE_SIZE, false);
        assert_eq!(p.lines(one + 1.0), 1);
        assert_eq!(p.lines(one - 1.0), 2);
        // Thai is broken between its words, by ICU's dictionary.
        assert_eq!(
            pieces("การใช้ทรัพย์สินของราชการ").len(),
            5,
            "{:?}",
            pieces("การใช้ทรัพย์สินของราชการ")
        );
    }

    /// Tables made from a fixed seed out of the memo's own kinds of text: the
    /// shares always fill the text width, the table is never taller than with
    /// its columns split evenly, and where the whole words fit at all, every
    /// word of a whole column (and of every header) fits its column.
    #[test]
    fn fitted_columns_fill_the_width_and_keep_their_words_for_any_text() {
        let texts = [
            "สำนักปลัด",
            "งานนิติการ สำนักปลัด",
            "งานพัสดุและทรัพย์สิน กองคลัง",
            "๔. การใช้ทรัพย์สินของราชการ (๗๓.๗๕)",
            "มี.ค.๖๖ – ส.ค.๖๖",
            "รายงานผลให้ผู้บริหารทราบภายในเดือน ก.ย.๖๖",
            "๑. จัดทำคู่มือการใช้และการยืมทรัพย์สินของราชการ ระบุขั้นตอนการขออนุญาตทั้งสำหรับบุคลากรและบุคคลภายนอก",
            "- ตัวชี้วัดที่ ๗ ประสิทธิภาพการสื่อสาร ได้ ๗๗.๓๓ คะแนน ต่ำกว่า ๘๐ คะแนน และลดลง ๑๐.๒๑ คะแนน",
            "IIT",
            "๘๗.๑๕",
        ];
        let headers = [
            "ผู้รับผิดชอบ",
            "ระยะเวลา/การติดตาม",
            "ตัวชี้วัด (คะแนนที่ได้)",
            "การเปลี่ยนแปลง",
        ];
        let mut seed: u64 = 2566;
        let mut next = |n: usize| {
            seed = seed
                .wrapping_mul(6364136223846793005)
                .wrapping_add(1442695040888963407);
            (seed >> 33) as usize % n
        };
        for _ in 0..60 {
            let n = 2 + next(3);
            let fits: Vec<Fit> = (0..n)
                .map(|_| if next(2) == 0 { Fit::Whole } else { Fit::Text })
                .collect();
            let mut rows = vec![Row::whole(
                (0..n)
                    .map(|_| header(headers[next(headers.len())]))
                    .collect(),
            )];
            for _ in 0..1 + next(5) {
                rows.push(Row::may_split(
                    (0..n)
                        .map(|_| {
                            let lines: Vec<&str> =
                                (0..1 + next(3)).map(|_| texts[next(texts.len())]).collect();
                            cell(&lines)
                        })
                        .collect(),
                ));
            }
            let fitted = fitted_columns(&rows, &fits);
            let shares = fitted.shares;
            // Each row's lines as the table kept them are those of its cells
            // measured again at the shares.
            let row_lines_again: Vec<usize> = rows
                .iter()
                .map(|row| row_lines(row, &shares, &fits, |_| None))
                .collect();
            assert_eq!(fitted.row_lines, row_lines_again);
            assert!(
                (shares.iter().sum::<f64>() - 1.0).abs() < 1e-9,
                "{shares:?}"
            );
            let columns: Vec<Vec<Vec<Measured>>> = (0..n)
                .map(|c| {
                    rows.iter()
                        .map(|r| {
                            single_cell(r, c)
                                .map(|cell| {
                                    cell.paras
                                        .iter()
                                        .map(|p| measured(p, fits[c] == Fit::Whole))
                                        .collect()
                                })
                                .unwrap_or_default()
                        })
                        .collect()
                })
                .collect();
            let need: Vec<f64> = (0..n)
                .map(|c| {
                    columns[c]
                        .iter()
                        .enumerate()
                        .flat_map(|(k, cell)| cell.iter().map(move |p| (k, p)))
                        .filter(|(k, _)| fits[c] == Fit::Whole || *k == 0)
                        .map(|(_, p)| p.widest_word.max(p.widest_piece))
                        .fold(0.0, f64::max)
                })
                .collect();
            // Never taller than the columns split evenly.
            let height = |shares: &[f64]| -> usize {
                let per: Vec<Vec<usize>> = (0..n)
                    .map(|c| column_lines(&columns[c], shares[c]).collect())
                    .collect();
                (0..rows.len())
                    .map(|r| per.iter().map(|l| l[r]).max().unwrap_or(0))
                    .sum()
            };
            assert!(
                height(&shares) <= height(&vec![1.0 / n as f64; n]),
                "{fits:?}: {shares:?}"
            );
            let room: f64 = need.iter().map(|w| w + CELL_PADDING + 1.0).sum();
            if room <= TEXT_WIDTH as f64 * (1.0 - TEXT_FLOOR * n as f64) {
                for c in 0..n {
                    let inside = shares[c] * TEXT_WIDTH as f64 - CELL_PADDING;
                    assert!(need[c] <= inside, "column {c} of {fits:?}: {shares:?}");
                }
            }
        }
    }
}
