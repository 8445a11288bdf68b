//! The data lines under a header band, read by what the band says: each line a
//! unit (named in its own cell, in a merged cell above it, or in the title of a
//! one-unit report) and a year (a year cell, the position's own year, a group's,
//! the title's or the sheet's); or, in the long shape, each line one score.

use std::collections::BTreeMap;

use itamemo_model::reason::Note;
use itamemo_model::UnitName;

use super::band::{Field, Header};
use super::scale::is_fraction_column;
use super::scores::{Collecting, YearCells};
use super::view::View;
use super::{SheetOutcome, YearRow};
use crate::cell::{score_in, Value};
use crate::header::{classify_label, squash, Column};
use crate::names::{unit_in_text, unit_key, unit_name};
use crate::packed_rows::RowSpill;

/// A reading of a sheet: rows of scores, and how many score cells it explains.
pub struct Reading {
    pub outcome: SheetOutcome,
    pub explained: usize,
}

impl Reading {
    fn table(rows: Rows, messages: Vec<Note>) -> Reading {
        Reading {
            outcome: SheetOutcome::Table {
                rows: rows.packed.finish(),
                messages,
            },
            explained: rows.explained,
        }
    }

    fn none(why: Note) -> Reading {
        Reading {
            outcome: SheetOutcome::NoTable(why),
            explained: 0,
        }
    }
}

/// A reading's rows, each packed as it is made, and the score cells they
/// explain (counted before a row is packed).
#[derive(Default)]
struct Rows {
    packed: RowSpill,
    explained: usize,
}

impl Rows {
    fn push(&mut self, row: YearRow) {
        self.explained += explained_by(&row);
        self.packed.push(row);
    }
}

impl FromIterator<YearRow> for Rows {
    fn from_iter<I: IntoIterator<Item = YearRow>>(rows: I) -> Rows {
        let mut all = Rows::default();
        for row in rows {
            all.push(row);
        }
        all
    }
}

/// Score cells read, less the ones that could not be.
fn explained_by(row: &YearRow) -> usize {
    let r = &row.result;
    let read =
        r.indicators.len() + r.items.len() + r.tools.len() + usize::from(r.overall.is_some());
    read.saturating_sub(row.problems.len())
}

pub fn read(view: &View, header: &Header) -> Reading {
    if header.is_long() {
        return read_long(view, header);
    }
    read_wide(view, header)
}

/// Lines that hold no unit: averages and totals under the units, notes and
/// sources under the table. Asked of every line's name, so the text is
/// squashed only when it is short enough to be one of these words.
fn is_summary_or_note(text: &str) -> bool {
    const SUMMARIES: [&str; 12] = [
        "ค่าเฉลี่ย",
        "เฉลี่ย",
        "คะแนนเฉลี่ย",
        "รวม",
        "ผลรวม",
        "รวมทั้งสิ้น",
        "average",
        "mean",
        "total",
        "สูงสุด",
        "ต่ำสุด",
        "ค่ามัธยฐาน",
    ];
    const PREFIXES: [&str; 9] = [
        "ค่าเฉลี่ย",
        "คะแนนเฉลี่ย",
        "หมายเหตุ",
        "ที่มา",
        "แหล่งที่มา",
        "แหล่งข้อมูล",
        "note",
        "source",
        "*",
    ];
    // The longest summary word in bytes (รวมทั้งสิ้น: 33), with room for a space
    // typed inside it; and the letters they begin with. A unit's name is rarely
    // that short and begins so, and is then not squashed at all.
    const LONGEST: usize = 36;
    const FIRST: [char; 9] = ['ค', 'เ', 'ร', 'ผ', 'ส', 'ต', 'a', 'm', 't'];
    let text = text.trim_start();
    let starts = |prefix: &str| {
        text.get(..prefix.len())
            .is_some_and(|head| head.eq_ignore_ascii_case(prefix))
    };
    let could_be_summary = text.len() <= LONGEST
        && text
            .chars()
            .next()
            .is_some_and(|c| FIRST.contains(&c.to_ascii_lowercase()));
    PREFIXES.iter().any(|p| starts(p))
        || (could_be_summary && SUMMARIES.contains(&squash(text).as_str()))
}

/// Where each line's unit comes from.
enum UnitSource<'h> {
    /// A position of each line: a name, or a province when the units are
    /// provinces.
    Field(&'h Field),
    /// The one unit a report is about (its title or the sheet's name).
    Title(UnitName),
}

fn read_wide(view: &View, header: &Header) -> Reading {
    let mut messages = header.notes.clone();
    let source = match header.unit_field() {
        Some(field) => UnitSource::Field(field),
        None => match title_unit(view) {
            Some(unit) => UnitSource::Title(unit),
            None => return Reading::none(Note::SingleUnitWithoutName),
        },
    };
    let provinces_as_units = matches!(&source, UnitSource::Field(f) if f.kind == Column::Province);
    let year_field = header.year_field();
    let columns: Vec<&Field> = header
        .fields
        .iter()
        .filter(|f| f.kind.is_score() || f.kind == Column::Grade)
        .collect();
    if year_field.is_none()
        && columns
            .iter()
            .any(|f| f.kind.is_score() && header.year_of(f).is_none())
    {
        return Reading::none(Note::TableWithoutYear);
    }
    if let Some((buddhist, Some(year))) = crate::header::parse_year(&view.sheet.name) {
        if year_field.is_none() {
            messages.push(Note::ChristianEra {
                year,
                buddhist,
                at: "ชื่อชีต".to_string(),
                first: false,
            });
        }
    }

    // Which lines are units, and the line that names each (a name merged down
    // over a unit's years is written in its first line only).
    let mut data: Vec<(usize, usize)> = Vec::new();
    let mut last_named: Option<usize> = None;
    for line in header.bottom + 1..view.lines() {
        match &source {
            UnitSource::Field(field) => {
                // The cell as stored: its text is cleaned once, when the line is read.
                let summary = match view.cell(line, field.pos) {
                    Value::Empty => None,
                    Value::Text(s) if s.trim().is_empty() => None,
                    Value::Text(s) => Some(is_summary_or_note(s)),
                    _ => Some(false),
                };
                if let Some(summary) = summary {
                    if summary {
                        last_named = None;
                        continue;
                    }
                    last_named = Some(line);
                    data.push((line, line));
                } else if let (Some(first), Some(year)) = (last_named, year_field) {
                    if !view.is_empty(line, year.pos) {
                        data.push((line, first));
                    }
                }
            }
            UnitSource::Title(_) => {
                let year = year_field.expect("a report's header has its year labels");
                if !view.is_empty(line, year.pos) {
                    data.push((line, line));
                }
            }
        }
    }

    // Every score cell parsed once first, so that each position's scale is known.
    let mut fraction = BTreeMap::new();
    for column in columns.iter().filter(|f| f.kind.is_score()) {
        let values: Vec<f64> = data
            .iter()
            .filter_map(|&(line, _)| score_in(view.cell(line, column.pos)).ok().flatten())
            .collect();
        let is_fraction = is_fraction_column(&values);
        if is_fraction {
            messages.push(Note::FractionColumn {
                header: column.words.clone(),
                year: header.year_of(column),
            });
        }
        fraction.insert(column.pos, is_fraction);
    }

    // What each line needs of the header, found once rather than per line.
    let key_pos = |wanted: Column| header.find(&wanted).map(|f| f.pos);
    let (code_pos, district_pos, province_pos) = (
        key_pos(Column::Code),
        key_pos(Column::District),
        key_pos(Column::Province),
    );
    let text_at =
        |line: usize, pos: Option<usize>| pos.map(|p| view.text(line, p)).unwrap_or_default();
    let column_years: Vec<Option<u16>> = columns.iter().map(|f| header.year_of(f)).collect();
    let fraction: Vec<bool> = columns
        .iter()
        .map(|f| fraction.get(&f.pos) == Some(&true))
        .collect();
    let mut rows = Rows::default();
    let mut year_cells = YearCells::default();
    for &(line, named_at) in &data {
        let (unit, unit_pos) = match &source {
            UnitSource::Field(field) => {
                let named = view.text(named_at, field.pos);
                if named.is_empty() {
                    // Only marks that cleaning removes: no name, not a unit.
                    continue;
                }
                let unit = if provinces_as_units {
                    let province = named.trim_start_matches("จังหวัด").trim().to_string();
                    unit_name(
                        &text_at(named_at, code_pos),
                        &format!("จังหวัด{province}"),
                        "",
                        &province,
                    )
                } else {
                    unit_name(
                        &text_at(named_at, code_pos),
                        &named,
                        &text_at(named_at, district_pos),
                        &text_at(named_at, province_pos),
                    )
                };
                (unit, field.pos)
            }
            UnitSource::Title(unit) => (unit.clone(), year_field.map_or(0, |f| f.pos)),
        };
        let line_year = match year_field.map(|f| year_cells.read(view, line, f.pos)) {
            None => None,
            Some(Ok(year)) => Some(year),
            Some(Err(message)) => {
                messages.push(message);
                continue;
            }
        };
        let mut by_year: BTreeMap<u16, Collecting> = BTreeMap::new();
        for (k, column) in columns.iter().enumerate() {
            let Some(year) = column_years[k].or(line_year) else {
                continue;
            };
            by_year
                .entry(year)
                .or_insert_with(|| Collecting::new(unit.clone(), year, view.place(line, unit_pos)))
                .take_cell(view, line, column.pos, &column.kind, fraction[k]);
        }
        if !by_year.values().any(Collecting::has_values) {
            messages.push(Note::LineWithoutScores {
                line: view.line_name(line),
                name: unit.name.clone(),
            });
            continue;
        }
        for row in by_year.into_values().filter(Collecting::has_values) {
            rows.push(row.finish());
        }
    }
    messages.extend(year_cells.into_messages());
    Reading::table(rows, messages)
}

/// The unit a one-unit report is about: a title above the table, a
/// "ชื่อหน่วยงาน" label with its value beside it, or the sheet's name.
fn title_unit(view: &View) -> Option<UnitName> {
    let sheet = view.sheet;
    let (mut name, mut district, mut province) = (None, None, None);
    let mut code = String::new();
    let rows = sheet.height().min(crate::header::HEADER_SEARCH_ROWS);
    for r in 0..rows {
        for c in 0..sheet.width().min(64) {
            let text = sheet.text(r, c);
            if text.is_empty() {
                continue;
            }
            let beside = || sheet.text(r, c + 1);
            match crate::header::classify_header(&text, sheet.vocab) {
                Some(Column::Name) => name = name.or(Some(beside())),
                Some(Column::District) => district = district.or(Some(beside())),
                Some(Column::Province) => province = province.or(Some(beside())),
                Some(Column::Code) => code = beside(),
                Some(_) => {}
                None => {
                    let (n, d, p) = unit_in_text(&text);
                    name = name.or(n);
                    district = district.or(d);
                    province = province.or(p);
                }
            }
        }
    }
    let name = name
        .filter(|n| !n.is_empty())
        .or_else(|| unit_in_text(&sheet.name).0)?;
    Some(unit_name(
        &code,
        &name,
        &district.unwrap_or_default(),
        &province.unwrap_or_default(),
    ))
}

/// The long shape: a line per unit, year and indicator (or item), with its score.
fn read_long(view: &View, header: &Header) -> Reading {
    let pos_of = |wanted: Column| header.find(&wanted).map(|f| f.pos);
    let (Some(name_pos), Some(label_pos), Some(value_pos)) = (
        pos_of(Column::Name),
        pos_of(Column::Label),
        pos_of(Column::Value),
    ) else {
        unreachable!("is_long checks these positions");
    };
    let year_pos = pos_of(Column::Year);
    let table_year = header
        .find(&Column::Value)
        .and_then(|f| f.own_year.or(f.context_year));
    if year_pos.is_none() && table_year.is_none() {
        return Reading::none(Note::LongTableWithoutYear);
    }
    let mut messages = header.notes.clone();
    let lines: Vec<usize> = (header.bottom + 1..view.lines())
        .filter(|&l| {
            let named = view.text(l, name_pos);
            !named.is_empty() && !is_summary_or_note(&named)
        })
        .collect();
    let labelled: Vec<(usize, Option<Column>)> = lines
        .iter()
        .map(|&l| {
            (
                l,
                classify_label(&view.text(l, label_pos), view.sheet.vocab),
            )
        })
        .collect();
    let scores: Vec<f64> = labelled
        .iter()
        .filter(|(_, label)| label.as_ref().is_some_and(Column::is_score))
        .filter_map(|&(l, _)| score_in(view.cell(l, value_pos)).ok().flatten())
        .collect();
    let fraction = is_fraction_column(&scores);
    if fraction {
        messages.push(Note::FractionValues);
    }

    let mut units: BTreeMap<(String, u16), Collecting> = BTreeMap::new();
    let mut year_cells = YearCells::default();
    for (line, label) in labelled {
        let text_of = |p: Option<usize>| p.map(|p| view.text(line, p)).unwrap_or_default();
        let Some(label) = label else {
            messages.push(Note::UnknownLabel {
                place: view.place(line, label_pos).to_string(),
                label: view.text(line, label_pos),
            });
            continue;
        };
        let year = match year_pos.map(|p| year_cells.read(view, line, p)) {
            None => table_year.expect("checked above"),
            Some(Ok(year)) => year,
            Some(Err(message)) => {
                messages.push(message);
                continue;
            }
        };
        let unit = unit_name(
            &text_of(pos_of(Column::Code)),
            &view.text(line, name_pos),
            &text_of(pos_of(Column::District)),
            &text_of(pos_of(Column::Province)),
        );
        units
            .entry((unit_key(&unit), year))
            .or_insert_with(|| Collecting::new(unit, year, view.place(line, name_pos)))
            .take_cell(view, line, value_pos, &label, fraction);
    }
    messages.extend(year_cells.into_messages());
    Reading::table(
        units
            .into_values()
            .filter(Collecting::has_values)
            .map(Collecting::finish)
            .collect(),
        messages,
    )
}

#[cfg(test)]
mod tests {
    use super::is_summary_or_note;

    #[test]
    fn averages_totals_and_notes_are_not_units() {
        for line in [
            "ค่าเฉลี่ย",
            " ค่า เฉลี่ย ",
            "คะแนนเฉลี่ยทั้งจังหวัด",
            "รวม",
            "Average",
            "TOTAL",
            "หมายเหตุ: ข้อมูลจากระบบ ITAS",
            "ที่มา: สำนักงาน ป.ป.ช.",
            "Source: NACC",
            "* ไม่ได้เข้ารับการประเมิน",
        ] {
            assert!(is_summary_or_note(line), "{line}");
        }
        for unit in [
            "เทศบาลตำบลรวมไทย",
            "องค์การบริหารส่วนตำบลที่มาใหม่",
            "เทศบาลตำบลพะโต๊ะ",
        ] {
            assert!(!is_summary_or_note(unit), "{unit}");
        }
    }
}
