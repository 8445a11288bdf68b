//! A sheet's cells in memory, a row at a time: each row holds the columns from its
//! first used cell to its last, in a block of its own, so that a sheet is laid out
//! as its cells arrive, without first gathering them all (40 bytes a cell, in a
//! vector grown by doubling) and then copying them into one block (calamine's
//! `Range::from_sparse`). Nothing is sized from what the file declares (an .xlsx
//! sheet's `<dimension>` may say A1:A1 over 10,000 rows, or XFD1048576 over one).
//!
//! A cell takes 8 bytes (`slot`), not calamine's 32: a number is kept as itself,
//! a text as where it lies in one block of the sheet's text (no allocation of
//! its own), and the rare other kinds (dates, booleans, errors) as calamine
//! gives them, aside.

mod slot;

use calamine::{Data, DataRef, Range};

use crate::cell::Value;
use slot::{Kind, Slot};

/// The text and the other values the slots of a sheet point into.
#[derive(Debug, Default)]
struct Store {
    text: String,
    other: Vec<Data>,
}

impl Store {
    fn text(&mut self, text: &str) -> Slot {
        let start = u32::try_from(self.text.len()).ok();
        let len = u32::try_from(text.len()).ok();
        match (start, len) {
            (Some(start), Some(len)) if start.checked_add(len).is_some() => {
                match Slot::text(start, len) {
                    Some(slot) => {
                        self.text.push_str(text);
                        slot
                    }
                    None => self.other(Data::String(text.to_string())),
                }
            }
            _ => self.other(Data::String(text.to_string())),
        }
    }

    fn other(&mut self, value: Data) -> Slot {
        match u32::try_from(self.other.len()) {
            Ok(at) => {
                self.other.push(value);
                Slot::other(at)
            }
            // Four billion odd cells are beyond any limit on cells.
            Err(_) => Slot::EMPTY,
        }
    }

    fn slot(&mut self, value: Data) -> Slot {
        match value {
            Data::Empty => Slot::EMPTY,
            Data::Float(v) => Slot::float(v).unwrap_or_else(|| self.other(Data::Float(v))),
            Data::String(text) => self.text(&text),
            other => self.other(other),
        }
    }

    fn slot_ref(&mut self, value: &DataRef) -> Slot {
        match value {
            DataRef::Empty => Slot::EMPTY,
            DataRef::Float(v) => Slot::float(*v).unwrap_or_else(|| self.other(Data::Float(*v))),
            DataRef::String(text) => self.text(text),
            DataRef::SharedString(text) => self.text(text),
            other => self.other(other.clone().into()),
        }
    }

    fn value(&self, slot: Slot) -> Value<'_> {
        match slot.kind() {
            Kind::Empty => Value::Empty,
            Kind::Float(v) => Value::Float(v),
            Kind::Text { start, len } => {
                let start = start as usize;
                Value::Text(&self.text[start..start + len as usize])
            }
            Kind::Other(at) => Value::from(&self.other[at as usize]),
        }
    }

    fn shrink(&mut self) {
        self.text.shrink_to_fit();
        self.other.shrink_to_fit();
    }
}

/// One row's cells, from column `first` (absolute) on.
#[derive(Debug)]
struct Row {
    first: u32,
    cells: Box<[Slot]>,
}

impl Row {
    fn empty() -> Row {
        Row {
            first: 0,
            cells: Box::new([]),
        }
    }

    /// The used columns, as (first, last).
    fn span(&self) -> Option<(u32, u32)> {
        let len = u32::try_from(self.cells.len()).ok()?;
        (len > 0).then(|| (self.first, self.first + len - 1))
    }
}

/// The used rectangle of a sheet: from its top left used cell to its bottom right,
/// as calamine's `Range` would hold it, positions relative to that top left.
#[derive(Debug)]
pub struct Grid {
    /// The absolute (row, column) of the top left corner.
    start: (u32, u32),
    width: usize,
    /// Row k of the rectangle; a row with no used cell holds no block.
    rows: Vec<Row>,
    store: Store,
}

impl Grid {
    pub fn empty() -> Grid {
        Grid {
            start: (0, 0),
            width: 0,
            rows: Vec::new(),
            store: Store::default(),
        }
    }

    /// The top left corner (absolute); `None` for a sheet with no used cell.
    pub fn start(&self) -> Option<(u32, u32)> {
        (!self.is_empty()).then_some(self.start)
    }

    pub fn height(&self) -> usize {
        self.rows.len()
    }

    pub fn width(&self) -> usize {
        self.width
    }

    pub fn is_empty(&self) -> bool {
        self.rows.is_empty()
    }

    /// The cell at a position relative to the top left (Empty outside the sheet).
    pub fn get(&self, row: usize, col: usize) -> Value<'_> {
        if col >= self.width {
            return Value::Empty;
        }
        let Some(line) = self.rows.get(row) else {
            return Value::Empty;
        };
        let slot = (self.start.1 as usize + col)
            .checked_sub(line.first as usize)
            .and_then(|at| line.cells.get(at))
            .copied()
            .unwrap_or(Slot::EMPTY);
        self.store.value(slot)
    }
}

/// A sheet read by calamine into a `Range` (.ods, .xls, .csv): its cells are moved
/// row by row, and its size is kept as the `Range` gives it.
impl From<Range<Data>> for Grid {
    fn from(mut range: Range<Data>) -> Grid {
        let Some(start) = range.start() else {
            return Grid::empty();
        };
        let (height, width) = range.get_size();
        let mut store = Store::default();
        let rows = (0..height)
            .map(|r| Row {
                first: start.1,
                cells: range[r]
                    .iter_mut()
                    .map(|cell| store.slot(std::mem::take(cell)))
                    .collect(),
            })
            .collect();
        store.shrink();
        Grid {
            start,
            width,
            rows,
            store,
        }
    }
}

/// Lays cells out in rows as they are read, in any order: a cell given twice
/// keeps its later value, and empty cells take no room.
#[derive(Default)]
pub struct GridBuilder {
    /// Runs of cells of one row, in the order read (a row may come back later).
    runs: Vec<(u32, Row)>,
    /// The row the cells in `pending` belong to.
    current: Option<u32>,
    pending: Vec<(u32, Slot)>,
    /// Whether every run's row is below the previous run's.
    in_order: bool,
    store: Store,
}

impl GridBuilder {
    pub fn new() -> GridBuilder {
        GridBuilder {
            in_order: true,
            ..GridBuilder::default()
        }
    }

    #[cfg(test)]
    pub fn push(&mut self, at: (u32, u32), value: Data) {
        if value == Data::Empty {
            return;
        }
        let slot = self.store.slot(value);
        self.push_slot(at, slot);
    }

    /// A cell as calamine's cell reader gives it, its text copied once, into the
    /// sheet's block.
    pub fn push_ref(&mut self, at: (u32, u32), value: &DataRef) {
        if *value == DataRef::Empty {
            return;
        }
        let slot = self.store.slot_ref(value);
        self.push_slot(at, slot);
    }

    fn push_slot(&mut self, (row, col): (u32, u32), slot: Slot) {
        if self.current != Some(row) {
            self.end_run();
            self.current = Some(row);
        }
        self.pending.push((col, slot));
    }

    /// The cells of the current row, in a block as wide as they reach.
    fn end_run(&mut self) {
        let Some(row) = self.current.take() else {
            return;
        };
        if let Some(&(last, _)) = self.runs.last() {
            self.in_order &= last < row;
        }
        self.runs.push((row, lay_out(&mut self.pending)));
    }

    pub fn build(mut self) -> Grid {
        self.end_run();
        let mut runs = self.runs;
        if !self.in_order {
            runs = merged(runs, &mut self.pending);
        }
        let (Some(&(top, _)), Some(&(bottom, _))) = (runs.first(), runs.last()) else {
            return Grid::empty();
        };
        let spans = runs.iter().filter_map(|(_, row)| row.span());
        let left = spans.clone().map(|(first, _)| first).min().unwrap_or(0);
        let right = spans.map(|(_, last)| last).max().unwrap_or(0);
        let mut rows = Vec::with_capacity((bottom - top) as usize + 1);
        for (r, row) in runs {
            rows.resize_with((r - top) as usize, Row::empty);
            rows.push(row);
        }
        let mut store = self.store;
        store.shrink();
        Grid {
            start: (top, left),
            width: (right - left) as usize + 1,
            rows,
            store,
        }
    }
}

/// Cells of one row into a block from the first column used to the last; a
/// column given twice keeps its later value. Empties `cells`.
fn lay_out(cells: &mut Vec<(u32, Slot)>) -> Row {
    let first = cells.iter().map(|&(c, _)| c).min().unwrap_or(0);
    let last = cells.iter().map(|&(c, _)| c).max().unwrap_or(0);
    let mut block = vec![Slot::EMPTY; (last - first) as usize + 1];
    for (c, value) in cells.drain(..) {
        block[(c - first) as usize] = value;
    }
    Row {
        first,
        cells: block.into_boxed_slice(),
    }
}

/// Runs of a sheet whose rows came out of order, sorted by row with each row's
/// runs made one (in the order read, so a later value wins).
fn merged(mut runs: Vec<(u32, Row)>, scratch: &mut Vec<(u32, Slot)>) -> Vec<(u32, Row)> {
    runs.sort_by_key(|&(r, _)| r);
    let mut out: Vec<(u32, Row)> = Vec::with_capacity(runs.len());
    let mut runs = runs.into_iter().peekable();
    while let Some((r, row)) = runs.next() {
        if runs.peek().is_none_or(|&(next, _)| next != r) {
            out.push((r, row));
            continue;
        }
        let mut take = |row: Row| {
            let first = row.first;
            scratch.extend(
                row.cells
                    .iter()
                    .enumerate()
                    .filter(|(_, v)| **v != Slot::EMPTY)
                    .map(|(k, v)| (first + k as u32, *v)),
            );
        };
        take(row);
        while let Some((_, row)) = runs.next_if(|&(next, _)| next == r) {
            take(row);
        }
        out.push((r, lay_out(scratch)));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    /// What calamine's `Range::from_sparse` makes of the same cells, read back
    /// cell by cell over the rectangle and a cell past each edge.
    fn same_as_calamine(cells: &[((u32, u32), f64)]) {
        let mut builder = GridBuilder::new();
        for &(at, v) in cells {
            builder.push(at, Data::Float(v));
        }
        let grid = builder.build();
        let range = Range::from_sparse(
            cells
                .iter()
                .map(|&(at, v)| calamine::Cell::new(at, Data::Float(v)))
                .collect(),
        );
        assert_eq!(grid.start(), range.start(), "{cells:?}");
        assert_eq!((grid.height(), grid.width()), range.get_size(), "{cells:?}");
        for r in 0..=grid.height() {
            for c in 0..=grid.width() {
                let want = range.get((r, c)).unwrap_or(&Data::Empty);
                assert_eq!(grid.get(r, c), Value::from(want), "({r}, {c}) of {cells:?}");
            }
        }
        let converted = Grid::from(range);
        assert_eq!(converted.start(), grid.start());
        assert_eq!(
            (converted.height(), converted.width()),
            (grid.height(), grid.width())
        );
    }

    #[test]
    fn cells_in_any_order_are_laid_out_as_calamine_lays_them_out() {
        // Rows in order; out of order; a row given in two runs; a value given
        // twice (the later wins); ragged rows; a gap of rows; a far corner.
        same_as_calamine(&[((0, 0), 1.0), ((0, 1), 2.0), ((1, 0), 3.0)]);
        same_as_calamine(&[((3, 2), 1.0), ((1, 4), 2.0), ((2, 3), 3.0)]);
        same_as_calamine(&[((1, 1), 1.0), ((2, 2), 2.0), ((1, 5), 3.0), ((1, 1), 4.0)]);
        same_as_calamine(&[((0, 3), 1.0), ((0, 3), 2.0), ((5, 0), 3.0), ((9, 7), 4.0)]);
        same_as_calamine(&[((7, 7), 1.0)]);
        // A fixed-seed shuffle of a 30 x 6 sheet with holes and repeats.
        let mut rng = fastrand::Rng::with_seed(16);
        for _ in 0..50 {
            let cells: Vec<((u32, u32), f64)> = (0..rng.usize(1..120))
                .map(|k| ((rng.u32(0..30), rng.u32(0..6)), k as f64))
                .collect();
            same_as_calamine(&cells);
        }
    }

    #[test]
    fn empty_cells_take_no_room_and_a_sheet_of_them_is_empty() {
        let mut builder = GridBuilder::new();
        builder.push((4, 4), Data::Empty);
        assert!(builder.build().is_empty());
        let mut builder = GridBuilder::new();
        builder.push((0, 0), Data::Empty);
        builder.push((2, 1), Data::Int(1));
        builder.push((9, 9), Data::Empty);
        let grid = builder.build();
        assert_eq!(
            (grid.start(), grid.height(), grid.width()),
            (Some((2, 1)), 1, 1)
        );
    }

    #[test]
    fn text_and_other_kinds_read_back_as_they_were_given() {
        let date = Data::DateTime(calamine::ExcelDateTime::new(
            45002.0,
            calamine::ExcelDateTimeType::DateTime,
            false,
        ));
        let mut builder = GridBuilder::new();
        builder.push((0, 0), Data::String("ชื่อหน่วยงาน".into()));
        builder.push((0, 1), Data::String(String::new()));
        builder.push_ref((0, 2), &DataRef::SharedString("อบต. ๑"));
        builder.push((1, 0), Data::Bool(true));
        builder.push((1, 1), date.clone());
        builder.push((1, 2), Data::Int(7));
        builder.push_ref((1, 3), &DataRef::Float(88.59));
        builder.push((0, 0), Data::String("ชื่อ".into()));
        let grid = builder.build();
        assert_eq!(grid.get(0, 0), Value::Text("ชื่อ"), "the later value wins");
        assert_eq!(grid.get(0, 1), Value::Text(""));
        assert_eq!(grid.get(0, 2), Value::Text("อบต. ๑"));
        assert_eq!(grid.get(0, 3), Value::Empty);
        assert_eq!(grid.get(1, 0), Value::Other(&Data::Bool(true)));
        assert_eq!(grid.get(1, 1), Value::Other(&date));
        assert_eq!(grid.get(1, 2), Value::Other(&Data::Int(7)));
        assert_eq!(grid.get(1, 3), Value::Float(88.59));
        let mut range = Range::new((0, 0), (0, 1));
        range.set_value((0, 0), Data::String("๘๘.๕๙".into()));
        range.set_value((0, 1), Data::Int(3));
        let grid = Grid::from(range);
        assert_eq!(grid.get(0, 0), Value::Text("๘๘.๕๙"));
        assert_eq!(grid.get(0, 1), Value::Other(&Data::Int(3)));
    }

    #[test]
    fn a_cell_takes_eight_bytes_where_calamine_takes_thirty_two() {
        assert_eq!(std::mem::size_of::<Slot>(), 8);
        assert_eq!(std::mem::size_of::<Data>(), 32);
    }

    #[test]
    fn a_nan_and_a_text_too_long_for_a_slot_read_back_as_given() {
        let long = "ก".repeat(30_000);
        let mut builder = GridBuilder::new();
        builder.push((0, 0), Data::Float(f64::NAN));
        builder.push((0, 1), Data::String(long.clone()));
        builder.push_ref((0, 2), &DataRef::Float(f64::NAN));
        builder.push_ref((0, 3), &DataRef::SharedString(&long));
        builder.push((0, 4), Data::Float(f64::NEG_INFINITY));
        let grid = builder.build();
        for col in [0, 2] {
            assert!(matches!(grid.get(0, col), Value::Float(v) if v.is_nan()));
        }
        assert_eq!(grid.get(0, 1), Value::Text(&long));
        assert_eq!(grid.get(0, 3), Value::Text(&long));
        assert_eq!(grid.get(0, 4), Value::Float(f64::NEG_INFINITY));
    }
}
