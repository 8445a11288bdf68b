//! A table's rows held packed from the moment each is read until the merge.
//!
//! The sheets of a national export are read side by side, and each sheet's rows
//! were held whole beside both sheets' cells: some 280 bytes a row, and its names
//! and score maps in five more allocations, 4.6 MB a sheet of 10,000 rows. A row
//! is packed as a unit with one year (`itamemo_model::packed`), some 100 bytes;
//! held so, a national file of 20,000 units still held 4.8 MB of rows at the
//! reading's peak, beside the file's bytes and a sheet's cells (issue 16). So a
//! table's rows are held in memory until they fill a chunk (64 KiB, some 400
//! rows), then written to an unnamed temporary file (`temp_file::for_rows`), 8
//! bytes a row kept of where each starts. The merge reads a table's rows back by
//! their place, unit by unit.

use itamemo_model::packed::{SpilledUnits, UnitSpill};
use itamemo_model::spill::Window;
use itamemo_model::{UnitName, UnitScores, Years};

use crate::layout::YearRow;

/// How much the merge reads of a table's file at a time: a unit's rows are
/// taken in the order of its key, seldom the order read, so little more than
/// the row asked for (some 100 to 250 bytes).
const ROWS_AHEAD: usize = 1024;

/// One table's rows as they are read, packed.
pub struct RowSpill {
    units: UnitSpill,
}

impl RowSpill {
    pub fn new() -> RowSpill {
        RowSpill {
            units: UnitSpill::file_when_full(crate::temp_file::for_rows, "แถวคะแนน"),
        }
    }

    /// Packs `row` after those already here (and lets it go).
    pub fn push(&mut self, row: YearRow) {
        let YearRow {
            unit,
            result,
            problems,
        } = row;
        let mut years = Years::new();
        years.insert(result);
        self.units.push(UnitScores {
            unit,
            years,
            blockers: problems,
            notes: Vec::new(),
            register: None,
        });
    }

    /// The table's rows, to be read back.
    pub fn finish(self) -> PackedRows {
        PackedRows {
            units: self.units.finish(),
        }
    }
}

impl Default for RowSpill {
    fn default() -> RowSpill {
        RowSpill::new()
    }
}

/// One table's rows, packed, in the order read.
#[derive(Debug)]
pub struct PackedRows {
    units: SpilledUnits,
}

impl PackedRows {
    pub fn len(&self) -> usize {
        self.units.len()
    }

    /// Each row's unit, its scores left packed.
    pub fn names(&self) -> impl Iterator<Item = UnitName> + '_ {
        self.units.names()
    }

    /// A reader of the table's rows, for `get`.
    pub fn window(&self) -> Window {
        self.units.window_reading(ROWS_AHEAD)
    }

    /// The row at `at`, read back through `window` and unpacked.
    pub fn get(&self, at: usize, window: &mut Window) -> Option<YearRow> {
        if at >= self.len() {
            return None;
        }
        let unit = self.units.unpack(at, window);
        let result = unit
            .years
            .into_values()
            .next()
            .expect("a row packed with its one year");
        Some(YearRow {
            unit: unit.unit,
            result,
            problems: unit.blockers,
        })
    }

    /// Whether the rows went to a file (else they are held in memory).
    #[cfg(test)]
    pub fn in_file(&self) -> bool {
        self.units.in_file()
    }

    /// The rows in the order read, each unpacked as it is reached.
    #[cfg(test)]
    pub fn iter(&self) -> impl Iterator<Item = YearRow> + '_ {
        let mut window = self.window();
        (0..self.len()).filter_map(move |at| self.get(at, &mut window))
    }
}

impl FromIterator<YearRow> for PackedRows {
    fn from_iter<I: IntoIterator<Item = YearRow>>(rows: I) -> PackedRows {
        let mut packed = RowSpill::new();
        for row in rows {
            packed.push(row);
        }
        packed.finish()
    }
}

#[cfg(test)]
mod tests {
    use std::collections::BTreeMap;

    use itamemo_model::reason::Reason;
    use itamemo_model::{FigureCells, Place, Score, YearResult};

    use super::*;
    use crate::names::unit_name;

    /// Rows as tables give them, varied by a fixed seed: with and without a code,
    /// district, items, tools, grade and problems.
    fn rows(count: usize) -> Vec<YearRow> {
        let mut rng = fastrand::Rng::with_seed(30);
        let names = ["เทศบาลตำบลพะโต๊ะ", "อบต. ปากทรง", "Pathio", ""];
        (0..count)
            .map(|k| {
                let score =
                    |rng: &mut fastrand::Rng| Score::from_hundredths(rng.u32(0..=10_000)).unwrap();
                let code = if rng.bool() {
                    format!("{}", 6_860_000 + k)
                } else {
                    String::new()
                };
                let district = if rng.bool() { "พะโต๊ะ" } else { "" };
                let items: BTreeMap<String, Score> = (0..rng.usize(0..4))
                    .map(|i| (format!("i{i}"), score(&mut rng)))
                    .collect();
                let source = Place::cell("a.xlsx", "ITA 2565", k as u32 + 1, 1);
                YearRow {
                    unit: unit_name(&code, names[k % names.len()], district, "ชุมพร"),
                    result: YearResult {
                        year: 2564 + rng.u16(0..3),
                        indicators: (1..=rng.u8(0..11)).map(|n| (n, score(&mut rng))).collect(),
                        items,
                        tools: BTreeMap::new(),
                        overall: rng.bool().then(|| score(&mut rng)),
                        grade: rng.bool().then(|| "A".into()),
                        grade_at: rng
                            .bool()
                            .then(|| Place::cell("a.xlsx", "ITA 2565", k as u32 + 1, 17)),
                        // A table of one row per figure: the overall rows below.
                        figures_at: FigureCells {
                            overall: rng
                                .bool()
                                .then(|| Place::cell("a.xlsx", "ITA 2565", k as u32 + 12, 5)),
                            tools: Vec::new(),
                        }
                        .boxed(),
                        source,
                    },
                    problems: if rng.u8(0..10) == 0 {
                        vec![Reason::BadValue {
                            place: "a.xlsx".into(),
                            value: itamemo_model::reason::BadValue::NotANumber("๘๘,๕".into()),
                        }]
                    } else {
                        Vec::new()
                    },
                }
            })
            .collect()
    }

    #[test]
    fn rows_unpack_to_what_was_packed_and_their_names_alone_too() {
        let given = rows(2_000);
        let packed: PackedRows = given.iter().cloned().collect();
        assert_eq!(packed.len(), given.len());
        let names: Vec<UnitName> = packed.names().collect();
        let back: Vec<YearRow> = packed.iter().collect();
        // 2,000 rows fill chunks and go to a file; a few hundred are held.
        assert!(packed.in_file());
        let few: PackedRows = given[..200].iter().cloned().collect();
        assert!(!few.in_file());
        assert!(few
            .iter()
            .map(|row| row.unit)
            .eq(names[..200].iter().cloned()));
        assert!(packed.get(given.len(), &mut packed.window()).is_none());
        assert_eq!(back.len(), given.len());
        for (k, (a, b)) in given.iter().zip(&back).enumerate() {
            assert_eq!(names[k], a.unit, "row {k}'s name");
            assert_eq!(b.unit, a.unit, "row {k}");
            assert_eq!(b.result, a.result, "row {k}");
            assert_eq!(b.problems, a.problems, "row {k}");
        }
    }
}
