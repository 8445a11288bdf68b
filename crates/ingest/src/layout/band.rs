//! The header band: one to three lines above the data whose cells together say
//! what each position holds. A position means what all its header cells say:
//! ["ปี 2565", "ตัวชี้วัดที่ 3"] is indicator 3 of 2565; a name merged down over
//! two header lines is read from the line it is written in; a group merged
//! across (a year, a tool) covers the positions to its right until the next.

use itamemo_model::reason::Note;
use itamemo_model::thai::excerpt;

use super::view::View;
use crate::header::{classify_header, parse_year, Column, HEADER_SEARCH_ROWS};
use crate::names::unit_in_text;

/// How many lines above the bottom header line may still belong to the band.
const BAND_DEPTH: usize = 2;
/// How many cells of a line are looked at for headers: far more than a table of
/// indicators, tools and 88 items needs, and a bound on the work for a sheet of
/// 16,000 columns.
const HEADER_SPAN: usize = 1024;

/// One position of the table and what it holds.
#[derive(Clone, Debug)]
pub struct Field {
    pub pos: usize,
    pub kind: Column,
    /// The year its own header cell gives ("คะแนน ITA 2565").
    pub own_year: Option<u16>,
    /// The year a group above it, a title or the sheet's name gives.
    pub context_year: Option<u16>,
    /// The header cell as the sheet writes it, for messages.
    pub words: String,
}

pub struct Header {
    /// The last header line; the data lines follow it.
    pub bottom: usize,
    pub fields: Vec<Field>,
    /// Notes on C.E. years in headers.
    pub notes: Vec<Note>,
}

impl Header {
    pub fn find(&self, wanted: &Column) -> Option<&Field> {
        self.fields.iter().find(|f| f.kind == *wanted)
    }

    pub fn has(&self, wanted: &Column) -> bool {
        self.find(wanted).is_some()
    }

    pub fn score_fields(&self) -> usize {
        self.fields.iter().filter(|f| f.kind.is_score()).count()
    }

    /// The position that names each line's unit: a name, or a province where the
    /// units are provinces.
    pub fn unit_field(&self) -> Option<&Field> {
        self.find(&Column::Name)
            .or_else(|| self.find(&Column::Province))
    }

    /// The position that gives each line's year: a year column, or in a report
    /// of one unit the label column whose cells are the years.
    pub fn year_field(&self) -> Option<&Field> {
        self.find(&Column::Year).or_else(|| {
            if self.unit_field().is_none() && !self.has(&Column::Value) {
                self.find(&Column::Label)
            } else {
                None
            }
        })
    }

    /// A position's year: its own; else, where no line gives its own year,
    /// the year of its group, title or sheet.
    pub fn year_of(&self, field: &Field) -> Option<u16> {
        field.own_year.or(if self.year_field().is_some() {
            None
        } else {
            field.context_year
        })
    }

    pub fn is_long(&self) -> bool {
        self.has(&Column::Name) && self.has(&Column::Label) && self.has(&Column::Value)
    }
}

/// The header cells of the top lines, classified once.
pub struct TopLines {
    pub texts: Vec<Vec<String>>,
    pub kinds: Vec<Vec<Option<Column>>>,
}

impl TopLines {
    pub fn read(view: &View) -> TopLines {
        let lines = view.lines().min(HEADER_SEARCH_ROWS);
        let span = view.span().min(HEADER_SPAN);
        let mut texts = Vec::with_capacity(lines);
        let mut kinds = Vec::with_capacity(lines);
        for line in 0..lines {
            let words: Vec<String> = (0..span).map(|pos| view.text(line, pos)).collect();
            kinds.push(
                words
                    .iter()
                    .map(|w| classify_header(w, view.sheet.vocab))
                    .collect(),
            );
            texts.push(words);
        }
        TopLines { texts, kinds }
    }

    /// The meaningful cells of each line, by position (as the register reads them).
    pub fn found(&self) -> Vec<Vec<(usize, Column)>> {
        self.kinds
            .iter()
            .map(|line| {
                line.iter()
                    .enumerate()
                    .filter_map(|(pos, kind)| kind.clone().map(|k| (pos, k)))
                    .collect()
            })
            .collect()
    }
}

/// The band that reads best: for each line that names scores itself, its band
/// composed; the one with the most score positions that also says whose they
/// are (a unit column, or a unit named in a title), the first on a tie.
pub fn find_header(view: &View, top: &TopLines) -> Option<Header> {
    let titles = title_cells(view);
    let title_unit = titles.iter().any(|t| unit_in_text(t).0.is_some())
        || unit_in_text(&view.sheet.name).0.is_some();
    let sheet_year = parse_year(&view.sheet.name).map(|(y, _)| y);
    let title_year = titles.iter().find_map(|t| parse_year(t).map(|(y, _)| y));
    let mut best: Option<Header> = None;
    for bottom in 0..top.kinds.len() {
        let names_scores = |k: &Option<Column>| {
            k.as_ref()
                .is_some_and(|k| k.is_score() || *k == Column::Value)
        };
        if !top.kinds[bottom].iter().any(names_scores) {
            continue;
        }
        let header = compose(view, top, bottom, title_year.or(sheet_year));
        let whose = header.unit_field().is_some() || (title_unit && header.year_field().is_some());
        if !whose {
            continue;
        }
        if best
            .as_ref()
            .is_none_or(|b| header.score_fields() > b.score_fields())
        {
            best = Some(header);
        }
    }
    best
}

/// Each position's meaning from the bottom line and the band above it.
fn compose(view: &View, top: &TopLines, bottom: usize, fallback_year: Option<u16>) -> Header {
    let first = bottom.saturating_sub(BAND_DEPTH);
    let groups = years_labelled_above(top, bottom);
    let mut fields: Vec<Field> = Vec::new();
    let mut notes = Vec::new();
    for (pos, group_year) in groups.iter().enumerate() {
        // Its own cell, else (merged down) the nearest written cell above it.
        let written = (first..=bottom)
            .rev()
            .find(|&line| !top.texts[line][pos].is_empty());
        let Some(line) = written else { continue };
        if line != bottom && !top.texts[bottom][pos].is_empty() {
            continue;
        }
        let Some(kind) = top.kinds[line][pos].clone() else {
            continue;
        };
        let own = parse_year(&top.texts[line][pos]);
        if let Some((buddhist, Some(year))) = own {
            notes.push(Note::ChristianEra {
                year,
                buddhist,
                at: view.place(line, pos).to_string(),
                first: false,
            });
        }
        let (own_year, context_year) = if matches!(kind, Column::Year | Column::Label) {
            (None, None)
        } else {
            (own.map(|(y, _)| y), group_year.or(fallback_year))
        };
        fields.push(Field {
            pos,
            kind,
            own_year,
            context_year,
            words: top.texts[line][pos].clone(),
        });
    }
    // A second column of one meaning and year is a copy: the first is read.
    let mut seen: Vec<(Column, Option<u16>)> = Vec::new();
    fields.retain(|f| {
        let key = (f.kind.clone(), f.own_year.or(f.context_year));
        let fresh = !seen.contains(&key);
        if !fresh {
            notes.push(Note::DuplicateHeader {
                place: view.place(bottom, f.pos).to_string(),
                header: excerpt(&f.words, 40),
            });
        }
        seen.push(key);
        fresh
    });
    Header {
        bottom,
        fields,
        notes,
    }
}

/// For each position, the year labelled in the nearest line above the bottom
/// one that has a year: a label covers the positions to its right until the
/// next one, as a merged group cell reads (its covered cells being empty).
fn years_labelled_above(top: &TopLines, bottom: usize) -> Vec<Option<u16>> {
    let span = top.texts[bottom].len();
    for line in (0..bottom).rev() {
        let labels: Vec<Option<u16>> = top.texts[line]
            .iter()
            .map(|t| parse_year(t).map(|(y, _)| y))
            .collect();
        if labels.iter().any(Option::is_some) {
            let mut carried = None;
            return labels
                .into_iter()
                .map(|label| {
                    carried = label.or(carried);
                    carried
                })
                .collect();
        }
    }
    vec![None; span]
}

/// The cells of a title: alone in their row near the top of the sheet (a merged
/// title keeps its text in its first cell only).
fn title_cells(view: &View) -> Vec<String> {
    let sheet = view.sheet;
    let (rows, cols) = (
        sheet.height().min(HEADER_SEARCH_ROWS),
        sheet.width().min(HEADER_SPAN),
    );
    let mut titles = Vec::new();
    for r in 0..rows {
        let mut written = (0..cols).filter(|&c| !sheet.text(r, c).is_empty());
        if let (Some(c), None) = (written.next(), written.next()) {
            titles.push(sheet.text(r, c));
        }
    }
    titles
}
