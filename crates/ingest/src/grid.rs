//! A sheet's cells in memory, a row at a time: each row holds the columns from its
//! first used cell to its last, in a block of its own, so that a sheet is laid out
//! as its cells arrive, without first gathering them all (40 bytes a cell, in a
//! vector grown by doubling) and then copying them into one block (calamine's
//! `Range::from_sparse`). Nothing is sized from what the file declares (an .xlsx
//! sheet's `<dimension>` may say A1:A1 over 10,000 rows, or XFD1048576 over one).

use calamine::{Data, Range};

/// One row's cells, from column `first` (absolute) on.
#[derive(Debug)]
struct Row {
    first: u32,
    cells: Box<[Data]>,
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
}

impl Grid {
    pub fn empty() -> Grid {
        Grid {
            start: (0, 0),
            width: 0,
            rows: Vec::new(),
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
    pub fn get(&self, row: usize, col: usize) -> &Data {
        static EMPTY: Data = Data::Empty;
        if col >= self.width {
            return &EMPTY;
        }
        let Some(line) = self.rows.get(row) else {
            return &EMPTY;
        };
        (self.start.1 as usize + col)
            .checked_sub(line.first as usize)
            .and_then(|at| line.cells.get(at))
            .unwrap_or(&EMPTY)
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
        let rows = (0..height)
            .map(|r| Row {
                first: start.1,
                cells: range[r].iter_mut().map(std::mem::take).collect(),
            })
            .collect();
        Grid { start, width, rows }
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
    pending: Vec<(u32, Data)>,
    /// Whether every run's row is below the previous run's.
    in_order: bool,
}

impl GridBuilder {
    pub fn new() -> GridBuilder {
        GridBuilder {
            in_order: true,
            ..GridBuilder::default()
        }
    }

    pub fn push(&mut self, (row, col): (u32, u32), value: Data) {
        if value == Data::Empty {
            return;
        }
        if self.current != Some(row) {
            self.end_run();
            self.current = Some(row);
        }
        self.pending.push((col, value));
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
        Grid {
            start: (top, left),
            width: (right - left) as usize + 1,
            rows,
        }
    }
}

/// Cells of one row into a block from the first column used to the last; a
/// column given twice keeps its later value. Empties `cells`.
fn lay_out(cells: &mut Vec<(u32, Data)>) -> Row {
    let first = cells.iter().map(|&(c, _)| c).min().unwrap_or(0);
    let last = cells.iter().map(|&(c, _)| c).max().unwrap_or(0);
    let mut block = vec![Data::Empty; (last - first) as usize + 1];
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
fn merged(mut runs: Vec<(u32, Row)>, scratch: &mut Vec<(u32, Data)>) -> Vec<(u32, Row)> {
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
                    .into_vec()
                    .into_iter()
                    .enumerate()
                    .filter(|(_, v)| *v != Data::Empty)
                    .map(|(k, v)| (first + k as u32, v)),
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
                assert_eq!(grid.get(r, c), want, "({r}, {c}) of {cells:?}");
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
}
