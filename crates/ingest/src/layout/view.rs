//! A sheet seen one way or the other: as lines of cells that are its rows (units
//! as rows, the common case) or its columns (units as columns, a provincial
//! report sorted by score). The reader works on lines and positions and never
//! asks which; places are always the sheet's own cells.

use itamemo_model::reason::Orientation;
use itamemo_model::Place;

use super::Sheet;
use crate::cell::Value;

#[derive(Clone, Copy)]
pub struct View<'s, 'a> {
    pub sheet: &'s Sheet<'a>,
    pub transposed: bool,
}

impl<'s, 'a> View<'s, 'a> {
    pub fn rows(sheet: &'s Sheet<'a>) -> View<'s, 'a> {
        View {
            sheet,
            transposed: false,
        }
    }

    pub fn columns(sheet: &'s Sheet<'a>) -> View<'s, 'a> {
        View {
            sheet,
            transposed: true,
        }
    }

    fn row_col(&self, line: usize, pos: usize) -> (usize, usize) {
        if self.transposed {
            (pos, line)
        } else {
            (line, pos)
        }
    }

    /// How many lines (rows, or columns when transposed).
    pub fn lines(&self) -> usize {
        if self.transposed {
            self.sheet.width()
        } else {
            self.sheet.height()
        }
    }

    /// How many cells a line has.
    pub fn span(&self) -> usize {
        if self.transposed {
            self.sheet.height()
        } else {
            self.sheet.width()
        }
    }

    pub fn cell(&self, line: usize, pos: usize) -> Value<'a> {
        let (r, c) = self.row_col(line, pos);
        self.sheet.cell(r, c)
    }

    pub fn text(&self, line: usize, pos: usize) -> String {
        let (r, c) = self.row_col(line, pos);
        self.sheet.text(r, c)
    }

    pub fn is_empty(&self, line: usize, pos: usize) -> bool {
        match self.cell(line, pos) {
            Value::Empty => true,
            Value::Text(s) => s.trim().is_empty(),
            _ => false,
        }
    }

    pub fn place(&self, line: usize, pos: usize) -> Place {
        let (r, c) = self.row_col(line, pos);
        self.sheet.place(r, c)
    }

    /// A line as the user finds it: "แถวที่ 5", or "คอลัมน์ C" when transposed.
    pub fn line_name(&self, line: usize) -> String {
        if self.transposed {
            let (_, left) = self.sheet.range.start().unwrap_or((0, 0));
            let name = itamemo_model::place::cell_name(0, left + line as u32);
            format!("คอลัมน์ {}", name.trim_end_matches('1'))
        } else {
            format!("แถวที่ {}", self.sheet.row_number(line))
        }
    }

    /// How this view reads the sheet.
    pub fn orientation(&self) -> Orientation {
        if self.transposed {
            Orientation::UnitsInColumns
        } else {
            Orientation::UnitsInRows
        }
    }
}
