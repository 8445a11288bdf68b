//! Column widths for the run report's sheets, reckoned as each cell is written:
//! the sheets are written row by row (rust_xlsxwriter's constant memory mode),
//! where `Worksheet::autofit` sees only the last row. The widths are the ones
//! autofit gives a sheet held whole: the widest cell of a column, its text
//! measured with the character widths rust_xlsxwriter takes from Excel
//! (`utility::pixel_width`, crate-private there, so its table is repeated
//! here), plus a cell's padding.

/// Excel's limit for an autofitted column, in pixels (255 characters).
const MAX_PIXELS: u32 = 1790;
/// Excel's padding of a cell's text.
const PADDING: u32 = 7;

/// The widest cell of each column so far, in pixels (0: nothing written).
#[derive(Debug, Default)]
pub struct ColumnWidths(Vec<u32>);

impl ColumnWidths {
    /// A text cell: its longest line.
    pub fn text(&mut self, col: u16, text: &str) {
        let widest = text.lines().map(pixel_width).max().unwrap_or(0);
        self.widen(col, widest);
    }

    /// A number as rust_xlsxwriter sizes it without a format: seven pixels a
    /// character of its shortest text.
    pub fn number(&mut self, col: u16, number: f64) {
        self.widen(col, 7 * number.to_string().len() as u32);
    }

    fn widen(&mut self, col: u16, pixels: u32) {
        if pixels == 0 {
            return;
        }
        let col = col as usize;
        if self.0.len() <= col {
            self.0.resize(col + 1, 0);
        }
        let width = (pixels + PADDING).min(MAX_PIXELS);
        self.0[col] = self.0[col].max(width);
    }

    /// Each column that holds something, with its width in pixels.
    pub fn columns(&self) -> impl Iterator<Item = (u16, u32)> + '_ {
        (0..)
            .zip(self.0.iter().copied())
            .filter(|&(_, width)| width > 0)
    }
}

/// A line's width in pixels in Excel's default font (Calibri 11): the widths
/// rust_xlsxwriter's autofit uses, 8 for every character not in its table
/// (Thai letters and marks among them).
fn pixel_width(line: &str) -> u32 {
    if line.chars().count() > 233 {
        return MAX_PIXELS;
    }
    let width: u32 = line
        .chars()
        .map(|c| match c {
            ' ' | '\'' => 3,
            ',' | '.' | ':' | ';' | 'I' | '`' | 'i' | 'j' | 'l' => 4,
            '!' | '(' | ')' | '-' | 'J' | '[' | ']' | 'f' | 'r' | 't' | '{' | '}' => 5,
            '"' | '/' | 'L' | '\\' | 'c' | 's' | 'z' => 6,
            '#'
            | '$'
            | '*'
            | '+'
            | '0'..='9'
            | '<'
            | '='
            | '>'
            | '?'
            | 'E'
            | 'F'
            | 'S'
            | 'T'
            | 'Y'
            | 'Z'
            | '^'
            | '_'
            | 'a'
            | 'g'
            | 'k'
            | 'v'
            | 'x'
            | 'y'
            | '|'
            | '~' => 7,
            'B' | 'C' | 'K' | 'P' | 'R' | 'X' | 'b' | 'd' | 'e' | 'h' | 'n' | 'o' | 'p' | 'q'
            | 'u' => 8,
            'A' | 'D' | 'G' | 'H' | 'U' | 'V' => 9,
            '&' | 'N' | 'O' | 'Q' => 10,
            '%' | 'w' => 11,
            'M' | 'm' => 12,
            '@' | 'W' => 13,
            _ => 8,
        })
        .sum();
    width.min(MAX_PIXELS)
}
