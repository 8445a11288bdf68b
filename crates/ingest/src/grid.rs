//! A sheet's cells in memory, a row at a time: each row holds the columns from its
//! first used cell to its last, in a block of its own, so that a sheet is laid out
//! as its cells arrive, without first gathering them all (40 bytes a cell, in a
//! vector grown by doubling) and then copying them into one block (calamine's
//! `Range::from_sparse`). Nothing is sized from what the file declares (an .xlsx
//! sheet's `<dimension>` may say A1:A1 over 10,000 rows, or XFD1048576 over one).
//!
//! A cell takes 8 bytes (`slot`), not calamine's 32: a number is kept as itself,
//! a text as where it lies in one block of the sheet's text (no allocation of
//! its own), a shared string (an .xlsx's) as its place in a list of references
//! to the opening's own strings, not copied (an .xlsb's are copied at the end,
//! `into_owned`), and the rare other kinds (dates, booleans, errors) as calamine
//! gives them, aside.

mod slot;

use calamine::{Data, DataRef, Range};

use crate::cell::Value;
use slot::{Kind, Slot};

/// The text and the other values the slots of a sheet point into; `'s` is the
/// shared strings' (those of the workbook's opening, which outlives the sheet's
/// reading).
#[derive(Debug, Default)]
struct Store<'s> {
    text: String,
    other: Vec<Data>,
    /// The shared strings the sheet's cells refer to, each once or nearly
    /// (`seen`): a national sheet's district, province and grade come back on
    /// every row.
    shared: Vec<&'s str>,
    seen: Seen,
}

/// The shared strings met last, by where they lie, and their index in
/// `Store::shared`: a small table that forgets, so that it takes no more room
/// however many strings a sheet has.
#[derive(Debug, Default)]
struct Seen(Box<[(usize, u32)]>);

impl Seen {
    const SIZE: usize = 1024;

    fn at(text: &str) -> usize {
        // Fibonacci hashing of the address; the top bits pick the entry.
        let hash = (text.as_ptr() as u64).wrapping_mul(0x9E37_79B9_7F4A_7C15);
        (hash >> (64 - Self::SIZE.trailing_zeros())) as usize
    }
}

impl<'s> Store<'s> {
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

    /// A shared string, by reference: one met a moment ago (the same place and
    /// length, so the same text) takes the index it took then.
    fn shared(&mut self, text: &'s str) -> Slot {
        if self.seen.0.is_empty() {
            // Zeros, which no string's place is (a reference is never null):
            // memory given zeroed is taken only where an entry is written.
            self.seen.0 = vec![(0, 0); Seen::SIZE].into_boxed_slice();
        }
        let entry = Seen::at(text);
        let (place, at) = self.seen.0[entry];
        if place == text.as_ptr() as usize && self.shared[at as usize].len() == text.len() {
            return Slot::shared(at);
        }
        match u32::try_from(self.shared.len()) {
            Ok(at) => {
                self.shared.push(text);
                self.seen.0[entry] = (text.as_ptr() as usize, at);
                Slot::shared(at)
            }
            Err(_) => self.text(text),
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

    fn slot_ref(&mut self, value: &DataRef<'s>) -> Slot {
        match value {
            DataRef::Empty => Slot::EMPTY,
            DataRef::Float(v) => Slot::float(*v).unwrap_or_else(|| self.other(Data::Float(*v))),
            DataRef::String(text) => self.text(text),
            DataRef::SharedString(text) => self.shared(text),
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
            Kind::Shared(at) => Value::Text(self.shared[at as usize]),
        }
    }

    /// The store once every cell is in: what grew by doubling is cut to size,
    /// and the table of strings met is let go.
    fn finished(mut self) -> Store<'s> {
        self.text.shrink_to_fit();
        self.other.shrink_to_fit();
        self.shared.shrink_to_fit();
        self.seen = Seen::default();
        self
    }
}

/// One row's cells, from column `first` (absolute) on.
#[derive(Debug)]
struct Row {
    /// The row's own number (absolute), while the rows are gathered; it fills
    /// room the block's pointer leaves anyway.
    at: u32,
    first: u32,
    cells: Box<[Slot]>,
}

impl Row {
    fn empty() -> Row {
        Row {
            at: 0,
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
/// Its shared strings (`'s`) are the workbook opening's.
#[derive(Debug)]
pub struct Grid<'s> {
    /// The absolute (row, column) of the top left corner.
    start: (u32, u32),
    width: usize,
    /// Row k of the rectangle; a row with no used cell holds no block.
    rows: Vec<Row>,
    store: Store<'s>,
}

impl<'s> Grid<'s> {
    pub fn empty() -> Grid<'s> {
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

    /// The same grid holding its shared strings itself (copied into its text),
    /// for one kept after its opening's next sheet is read.
    pub fn into_owned(self) -> Grid<'static> {
        let Grid {
            start,
            width,
            mut rows,
            store,
        } = self;
        let mut owned = Store {
            text: store.text,
            other: store.other,
            ..Store::default()
        };
        let copied: Vec<Slot> = store.shared.iter().map(|s| owned.text(s)).collect();
        for row in &mut rows {
            for cell in row.cells.iter_mut() {
                if let Kind::Shared(at) = cell.kind() {
                    *cell = copied[at as usize];
                }
            }
        }
        Grid {
            start,
            width,
            rows,
            store: owned.finished(),
        }
    }
}

/// A sheet read by calamine into a `Range` (.ods, .xls, .csv): its cells are moved
/// row by row, and its size is kept as the `Range` gives it.
impl From<Range<Data>> for Grid<'static> {
    fn from(mut range: Range<Data>) -> Grid<'static> {
        let Some(start) = range.start() else {
            return Grid::empty();
        };
        let (height, width) = range.get_size();
        let mut store = Store::default();
        let rows = (0..height)
            .map(|r| Row {
                at: start.0 + r as u32,
                first: start.1,
                cells: range[r]
                    .iter_mut()
                    .map(|cell| store.slot(std::mem::take(cell)))
                    .collect(),
            })
            .collect();
        Grid {
            start,
            width,
            rows,
            store: store.finished(),
        }
    }
}

/// Lays cells out in rows as they are read, in any order: a cell given twice
/// keeps its later value, and empty cells take no room.
#[derive(Default)]
pub struct GridBuilder<'s> {
    /// Runs of cells of one row, in the order read (a row may come back later);
    /// in a sheet read top to bottom, the grid's rows themselves.
    runs: Vec<Row>,
    /// The row the cells in `pending` belong to.
    current: Option<u32>,
    pending: Vec<(u32, Slot)>,
    /// Whether every run's row is below the previous run's.
    in_order: bool,
    store: Store<'s>,
}

impl<'s> GridBuilder<'s> {
    pub fn new() -> GridBuilder<'s> {
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

    /// A cell as calamine's cell reader gives it: a text copied once, into the
    /// sheet's block; a shared string referred to where it lies.
    pub fn push_ref(&mut self, at: (u32, u32), value: &DataRef<'s>) {
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
        if let Some(last) = self.runs.last() {
            self.in_order &= last.at < row;
        }
        self.runs.push(lay_out(row, &mut self.pending));
    }

    pub fn build(mut self) -> Grid<'s> {
        self.end_run();
        let mut rows = self.runs;
        if !self.in_order {
            rows = merged(rows, &mut self.pending);
        }
        let (Some(top), Some(bottom)) = (rows.first(), rows.last()) else {
            return Grid::empty();
        };
        let (top, height) = (top.at, (bottom.at - top.at) as usize + 1);
        let spans = rows.iter().filter_map(Row::span);
        let left = spans.clone().map(|(first, _)| first).min().unwrap_or(0);
        let right = spans.map(|(_, last)| last).max().unwrap_or(0);
        // Each row to its place, in the list it was gathered in: from the
        // bottom, into the room the rows with no cell leave.
        let gathered = rows.len();
        if gathered < height {
            rows.resize_with(height, Row::empty);
            for k in (0..gathered).rev() {
                let place = (rows[k].at - top) as usize;
                rows.swap(k, place);
            }
        }
        Grid {
            start: (top, left),
            width: (right - left) as usize + 1,
            rows,
            store: self.store.finished(),
        }
    }
}

/// Cells of one row into a block from the first column used to the last; a
/// column given twice keeps its later value. Empties `cells`.
fn lay_out(at: u32, cells: &mut Vec<(u32, Slot)>) -> Row {
    let first = cells.iter().map(|&(c, _)| c).min().unwrap_or(0);
    let last = cells.iter().map(|&(c, _)| c).max().unwrap_or(0);
    let mut block = vec![Slot::EMPTY; (last - first) as usize + 1];
    for (c, value) in cells.drain(..) {
        block[(c - first) as usize] = value;
    }
    Row {
        at,
        first,
        cells: block.into_boxed_slice(),
    }
}

/// Runs of a sheet whose rows came out of order, sorted by row with each row's
/// runs made one (in the order read, so a later value wins).
fn merged(mut runs: Vec<Row>, scratch: &mut Vec<(u32, Slot)>) -> Vec<Row> {
    runs.sort_by_key(|row| row.at);
    let mut out: Vec<Row> = Vec::with_capacity(runs.len());
    let mut runs = runs.into_iter().peekable();
    while let Some(row) = runs.next() {
        let r = row.at;
        if runs.peek().is_none_or(|next| next.at != r) {
            out.push(row);
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
        while let Some(row) = runs.next_if(|next| next.at == r) {
            take(row);
        }
        out.push(lay_out(r, scratch));
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
    fn shared_strings_are_referred_to_and_read_back_as_given_also_once_owned() {
        // 9,000 strings, more than the table of strings met holds, some empty,
        // some equal in text but apart in memory, given in a fixed-seed order
        // with repeats near and far, over rows out of order with gaps.
        let strings: Vec<String> = (0..9_000)
            .map(|k| match k % 7 {
                0 => String::new(),
                1 => "อุดรธานี".to_string(),
                _ => format!("หน่วยงาน {k}"),
            })
            .collect();
        let mut rng = fastrand::Rng::with_seed(33);
        let mut builder = GridBuilder::new();
        let mut want = std::collections::HashMap::new();
        for _ in 0..40_000 {
            let at = (rng.u32(0..3_000) * 2, rng.u32(0..5));
            let text = &strings[if rng.bool() {
                rng.usize(0..40)
            } else {
                rng.usize(..strings.len())
            }];
            builder.push_ref(at, &DataRef::SharedString(text));
            want.insert(at, text.as_str());
        }
        let grid = builder.build();
        assert!(
            grid.store.shared.len() < 40_000,
            "strings met again are not listed again"
        );
        assert!(grid.store.text.is_empty());
        let check = |grid: &Grid| {
            let (top, left) = grid.start().unwrap();
            for r in 0..grid.height() {
                for c in 0..grid.width() {
                    let at = (top + r as u32, left + c as u32);
                    let cell = want.get(&at).map_or(Value::Empty, |&t| Value::Text(t));
                    assert_eq!(grid.get(r, c), cell, "{at:?}");
                }
            }
        };
        check(&grid);
        let owned = grid.into_owned();
        assert!(owned.store.shared.is_empty());
        check(&owned);
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
