//! Collecting one unit's values for one year, from whatever layout, into a row.

use std::collections::BTreeMap;

use itamemo_model::reason::{BadValue, Found, Note, Reason};
use itamemo_model::{FigureCells, Place, Score, UnitName, YearResult};

use super::scale::looks_like_stray_fraction;
use super::view::View;
use super::YearRow;
use crate::cell::score_in;
use crate::header::{parse_year, Column};

/// Reads year cells row by row, saying a C.E. year once, at its first cell.
#[derive(Default)]
pub struct YearCells {
    /// Each C.E. year met (as written, and read), with the first cell it was in.
    notes: BTreeMap<(u16, u16), String>,
}

impl YearCells {
    /// The year in a cell; `Err` with the message when the cell holds none.
    pub fn read(&mut self, view: &View, line: usize, pos: usize) -> Result<u16, Note> {
        let text = view.text(line, pos);
        match parse_year(&text) {
            Some((year, written)) => {
                if let Some(written) = written {
                    self.notes
                        .entry((written, year))
                        .or_insert_with(|| view.place(line, pos).to_string());
                }
                Ok(year)
            }
            None => Err(Note::NotAYear {
                place: view.place(line, pos).to_string(),
                text,
            }),
        }
    }

    pub fn into_messages(self) -> impl Iterator<Item = Note> {
        self.notes
            .into_iter()
            .map(|((year, buddhist), at)| Note::ChristianEra {
                year,
                buddhist,
                at,
                first: true,
            })
    }
}

/// The scores of one unit for one year, as they are found.
pub struct Collecting {
    pub unit: UnitName,
    pub year: u16,
    pub source: Place,
    pub indicators: BTreeMap<u8, Score>,
    pub items: BTreeMap<String, Score>,
    pub tools: BTreeMap<String, Score>,
    pub overall: Option<Score>,
    pub grade: Option<String>,
    pub grade_at: Option<Place>,
    /// The cells of the overall and the tool totals off the row `source` names,
    /// for notes that question them.
    overall_at: Option<Place>,
    tools_at: Vec<(String, Place)>,
    pub problems: Vec<Reason>,
    /// Where each value came from, to name both places of a clash.
    seen: BTreeMap<String, (Score, Place)>,
}

impl Collecting {
    pub fn new(unit: UnitName, year: u16, source: Place) -> Collecting {
        Collecting {
            unit,
            year,
            source,
            indicators: BTreeMap::new(),
            items: BTreeMap::new(),
            tools: BTreeMap::new(),
            overall: None,
            grade: None,
            grade_at: None,
            overall_at: None,
            tools_at: Vec::new(),
            problems: Vec::new(),
            seen: BTreeMap::new(),
        }
    }

    /// Records a score in points (already scaled from a fraction where the column
    /// is one). A stray fraction among points is reported, not read.
    pub fn score(&mut self, column: &Column, points: f64, fraction_column: bool, place: Place) {
        if !fraction_column && looks_like_stray_fraction(points) {
            self.problems.push(Reason::BadValue {
                place: place.to_string(),
                value: BadValue::StrayFraction(points),
            });
            return;
        }
        let points = if fraction_column {
            points * 100.0
        } else {
            points
        };
        // Weighted points stand for the mean of the tool's indicators: read as
        // that mean, so that the tool total checks the indicators as a mean does.
        let as_mean;
        let (column, points) = match column {
            Column::ToolPoints { code, out_of } => {
                let mean = points * 100.0 / f64::from(*out_of);
                if mean > 100.0 + 1e-9 {
                    self.problems.push(Reason::BadValue {
                        place: place.to_string(),
                        value: BadValue::OverToolWeight {
                            points,
                            out_of: *out_of,
                            tool: code.clone(),
                        },
                    });
                    return;
                }
                as_mean = Column::Tool(code.clone());
                (&as_mean, mean.min(100.0))
            }
            other => (other, points),
        };
        let Some(score) = Score::from_points(points) else {
            self.problems.push(Reason::BadValue {
                place: place.to_string(),
                value: BadValue::OutOfRange(points.to_string()),
            });
            return;
        };
        let key = column.describe();
        if let Some((earlier, at)) = self.seen.get(&key) {
            if *earlier != score {
                self.problems.push(Reason::TwoValues {
                    what: key,
                    year: self.year,
                    found: Box::new([
                        Found {
                            text: earlier.to_string(),
                            at: at.to_string(),
                        },
                        Found {
                            text: score.to_string(),
                            at: place.to_string(),
                        },
                    ]),
                });
            }
            return;
        }
        match column {
            Column::Indicator(n) => {
                self.indicators.insert(*n, score);
            }
            Column::Item(code) => {
                self.items.insert(code.clone(), score);
            }
            Column::Tool(code) => {
                self.tools.insert(code.clone(), score);
                if self.off_row(&place) {
                    self.tools_at.push((code.clone(), place.clone()));
                }
            }
            Column::Overall => {
                self.overall = Some(score);
                self.overall_at = self.off_row(&place).then(|| place.clone());
            }
            _ => {}
        }
        self.seen.insert(key, (score, place));
    }

    /// A cell not on the row `source` names: one a note must name itself.
    fn off_row(&self, place: &Place) -> bool {
        let row = |p: &Place| p.cell.map(|(row, _)| row);
        !std::sync::Arc::ptr_eq(&place.origin, &self.source.origin)
            || row(place) != row(&self.source)
    }

    /// Reads one cell of `column` into this year: the grade as text, a score
    /// parsed (a value that is not a score becomes a problem at its place).
    pub fn take_cell(
        &mut self,
        view: &View,
        line: usize,
        pos: usize,
        column: &Column,
        fraction: bool,
    ) {
        if *column == Column::Grade {
            self.grade = Some(view.text(line, pos)).filter(|g| !g.is_empty());
            self.grade_at = self.grade.as_ref().map(|_| view.place(line, pos));
            return;
        }
        let place = view.place(line, pos);
        match score_in(view.cell(line, pos)) {
            Ok(None) => {}
            Ok(Some(points)) => self.score(column, points, fraction, place),
            Err(value) => self.problems.push(Reason::BadValue {
                place: place.to_string(),
                value,
            }),
        }
    }

    pub fn has_values(&self) -> bool {
        !self.seen.is_empty() || !self.problems.is_empty()
    }

    pub fn finish(self) -> YearRow {
        YearRow {
            unit: self.unit,
            result: YearResult {
                year: self.year,
                indicators: self.indicators,
                items: self.items,
                tools: self.tools,
                overall: self.overall,
                grade: self.grade.map(String::into_boxed_str),
                grade_at: self.grade_at,
                figures_at: FigureCells {
                    overall: self.overall_at,
                    tools: self.tools_at,
                }
                .boxed(),
                source: self.source,
            },
            problems: self.problems,
        }
    }
}
