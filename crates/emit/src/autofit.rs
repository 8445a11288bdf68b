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

#[cfg(test)]
mod tests {
    use super::*;
    use rust_xlsxwriter::{Workbook, Worksheet};
    use std::io::Read;

    /// The first sheet's column widths as saved, without Excel's bestFit hint
    /// (which only `autofit` sets).
    fn saved_widths(book: &mut Workbook) -> String {
        let bytes = book.save_to_buffer().unwrap();
        let mut zip = zip::ZipArchive::new(std::io::Cursor::new(bytes)).unwrap();
        let mut xml = String::new();
        zip.by_name("xl/worksheets/sheet1.xml")
            .unwrap()
            .read_to_string(&mut xml)
            .unwrap();
        let cols = match (xml.find("<cols>"), xml.find("</cols>")) {
            (Some(a), Some(b)) => &xml[a..b],
            _ => "",
        };
        cols.replace(r#" bestFit="1""#, "")
    }

    enum Cell {
        Text(String),
        Number(f64),
    }

    fn write(sheet: &mut Worksheet, row: u32, col: u16, cell: &Cell) {
        match cell {
            Cell::Text(text) => sheet.write_string(row, col, text).map(|_| ()),
            Cell::Number(n) => sheet.write_number(row, col, *n).map(|_| ()),
        }
        .unwrap();
    }

    /// Sheets of Thai and Latin text (short, multi-line, past Excel's limit),
    /// numbers and gaps, from a fixed seed: the widths reckoned cell by cell
    /// are the ones rust_xlsxwriter's autofit gives the sheet held whole.
    #[test]
    fn widths_reckoned_cell_by_cell_are_autofits() {
        let pieces = [
            "ก", "ข้", "ำ", "๑", " ", "a", "W", "i", "l", "1", ".", "%", "\n", "@", "-", "'",
        ];
        let mut rng = fastrand::Rng::with_seed(16);
        for case in 0..60 {
            let rows = rng.u32(1..25);
            let cols = rng.u16(1..7);
            let mut cells = Vec::new();
            for row in 0..rows {
                for col in 0..cols {
                    let cell = match rng.u8(..10) {
                        0..=1 => continue,
                        2..=3 => Cell::Number(match rng.bool() {
                            true => f64::from(rng.u32(..100_000)),
                            false => f64::from(rng.u32(..10_000)) / 100.0,
                        }),
                        _ => {
                            let length = match rng.u8(..10) {
                                0 => rng.usize(200..300),
                                _ => rng.usize(..40),
                            };
                            Cell::Text(
                                (0..length)
                                    .map(|_| pieces[rng.usize(..pieces.len())])
                                    .collect(),
                            )
                        }
                    };
                    cells.push((row, col, cell));
                }
            }
            let mut whole = Workbook::new();
            let sheet = whole.add_worksheet();
            for (row, col, cell) in &cells {
                write(sheet, *row, *col, cell);
            }
            sheet.autofit();

            let mut by_cell = Workbook::new();
            let sheet = by_cell.add_worksheet();
            let mut widths = ColumnWidths::default();
            for (row, col, cell) in &cells {
                write(sheet, *row, *col, cell);
                match cell {
                    Cell::Text(text) => widths.text(*col, text),
                    Cell::Number(n) => widths.number(*col, *n),
                }
            }
            for (col, pixels) in widths.columns() {
                sheet.set_column_width_pixels(col, pixels).unwrap();
            }
            assert_eq!(
                saved_widths(&mut by_cell),
                saved_widths(&mut whole),
                "case {case}"
            );
        }
    }
}
