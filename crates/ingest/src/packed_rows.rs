//! A table's rows held packed from the moment each is read until the merge.
//!
//! The sheets of a national export are read side by side, and each sheet's rows
//! were held whole beside both sheets' cells: some 280 bytes a row, and its names
//! and score maps in five more allocations, 4.6 MB a sheet of 10,000 rows. A row
//! is packed as a unit with one year (`itamemo_model::packed`), some 100 bytes;
//! held so, a national file of 20,000 units still held 4.8 MB of rows at the
//! reading's peak, beside the file's bytes and a sheet's cells (issue 16). So a
//! table's rows are held in memory until they fill a chunk (64 KiB, some 400
//! rows), then written to an unnamed temporary file (`temp_file::for_rows`),
//! where every sixteenth row starts kept (`UnitSpill`). The merge reads a table's rows back by
//! their place, unit by unit.
//!
//! A small table never fills a chunk, and a folder of many small files (a
//! province's exports, a file a district) held them all until the merge: 20,000
//! units in 200 files peaked at 27.9 MiB, 2 MiB above one file of them. So as
//! each file is done, its tables are packed again into the run's one `RowStore`
//! (itself a file once a chunk fills), leaving their place there: the same 200
//! files then peaked at 23.4 MiB, and a run holds one file of rows open, not
//! one a big table.

use std::cell::RefCell;
use std::ops::Range;
use std::sync::Mutex;

use itamemo_model::packed::{SpilledUnits, UnitSpill};
use itamemo_model::spill::Window;
use itamemo_model::{UnitName, UnitScores, Years};

use crate::layout::YearRow;

/// How much the merge reads of a table's file at a time: a unit's rows are
/// taken in the order of its key, seldom the order read, so little more than
/// the way from the row marked before it (up to 15 rows of some 100 to 250
/// bytes) and the row asked for.
const ROWS_AHEAD: usize = 4 * 1024;

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

    pub fn len(&self) -> usize {
        self.units.len()
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
    #[cfg(test)]
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

/// Every table's rows of the run, together, in the order their files were
/// done: each table's packed again into it as its file is done, so that its
/// own memory or file is let go then. Holding a file open for each big table
/// until the merge ran out of files to open at some 500 big tables (Linux's
/// usual limit of 1,024), and the files read after them failed.
pub struct RowStore {
    rows: Mutex<RowSpill>,
}

impl RowStore {
    pub fn new() -> RowStore {
        RowStore {
            rows: Mutex::new(RowSpill::new()),
        }
    }

    /// Packs `table`'s rows again into the store, each read back in turn (they
    /// then share the store's words and places): where they are there.
    pub fn keep(&self, table: PackedRows) -> TableRows {
        let mut store = self.rows.lock().unwrap_or_else(|e| e.into_inner());
        let start = store.len();
        let mut window = table.window();
        for at in 0..table.len() {
            store.push(table.get(at, &mut window).expect("a row the table has"));
        }
        TableRows(start..store.len())
    }

    pub fn finish(self) -> PackedRows {
        self.rows
            .into_inner()
            .unwrap_or_else(|e| e.into_inner())
            .finish()
    }
}

impl Default for RowStore {
    fn default() -> RowStore {
        RowStore::new()
    }
}

/// Where one table's rows are in the store.
pub struct TableRows(Range<usize>);

/// Every table's rows, in the order read, read back from the store.
pub struct AllRows {
    tables: Vec<TableRows>,
    store: PackedRows,
    window: RefCell<Window>,
}

impl AllRows {
    pub fn new(tables: Vec<TableRows>, store: PackedRows) -> AllRows {
        let window = RefCell::new(store.window());
        AllRows {
            tables,
            store,
            window,
        }
    }

    pub fn tables(&self) -> usize {
        self.tables.len()
    }

    /// Table `table`'s rows' units, in the order read.
    pub fn names(&self, table: usize) -> impl Iterator<Item = UnitName> + '_ {
        self.store.units.names_in(self.tables[table].0.clone())
    }

    /// Row `row` of table `table`, read back.
    pub fn get(&self, table: usize, row: usize) -> Option<YearRow> {
        let TableRows(range) = &self.tables[table];
        let at = range.start + row;
        (at < range.end)
            .then(|| self.store.get(at, &mut self.window.borrow_mut()))
            .flatten()
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

    /// Tables of many sizes, one with a file of its own, kept in the store as
    /// files are done (from two threads at once, as the files' waiters do):
    /// every row and name reads back as given, table by table, in any order.
    #[test]
    fn tables_kept_in_the_store_read_back_as_given() {
        let given = rows(8_000);
        let mut rng = fastrand::Rng::with_seed(7);
        let mut sizes = vec![0, 1, 2_000];
        while sizes.iter().sum::<usize>() < given.len() {
            sizes.push(rng.usize(1..60));
        }
        let mut from = 0;
        let tables: Vec<&[YearRow]> = sizes
            .iter()
            .map(|&n| {
                let n = n.min(given.len() - from);
                from += n;
                &given[from - n..from]
            })
            .collect();
        let store = RowStore::new();
        let kept: Vec<TableRows> = std::thread::scope(|s| {
            let halves: Vec<_> = [0, 1]
                .map(|half| {
                    let (store, tables) = (&store, &tables);
                    s.spawn(move || {
                        tables
                            .iter()
                            .enumerate()
                            .filter(|(k, _)| k % 2 == half)
                            .map(|(k, t)| {
                                let table: PackedRows = t.iter().cloned().collect();
                                // 2,000 rows fill chunks: a file of its own.
                                assert_eq!(table.in_file(), t.len() == 2_000, "table {k}");
                                (k, store.keep(table))
                            })
                            .collect::<Vec<_>>()
                    })
                })
                .into();
            let mut kept: Vec<(usize, TableRows)> =
                halves.into_iter().flat_map(|h| h.join().unwrap()).collect();
            kept.sort_by_key(|(k, _)| *k);
            kept.into_iter().map(|(_, t)| t).collect()
        });
        let all = AllRows::new(kept, store.finish());
        assert!(all.store.in_file(), "the store's rows fill chunks: a file");
        assert_eq!(all.tables(), tables.len());
        let mut order: Vec<usize> = (0..tables.len()).collect();
        rng.shuffle(&mut order);
        for t in order {
            let names: Vec<UnitName> = all.names(t).collect();
            assert_eq!(names.len(), tables[t].len(), "table {t}");
            for (r, row) in tables[t].iter().enumerate().rev() {
                assert_eq!(names[r], row.unit, "table {t} row {r}'s name");
                let back = all.get(t, r).expect("a row the table has");
                assert_eq!(back.unit, row.unit, "table {t} row {r}");
                assert_eq!(back.result, row.result, "table {t} row {r}");
                assert_eq!(back.problems, row.problems, "table {t} row {r}");
            }
            assert!(
                all.get(t, tables[t].len()).is_none(),
                "past table {t}'s end"
            );
        }
    }
}
