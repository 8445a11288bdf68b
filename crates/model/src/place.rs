//! Where a value came from, so that every message can point at it.

use std::fmt;
use std::sync::Arc;

/// Every row read holds two of these (its name's cell and its grade's), so the
/// file and sheet are shared rather than copied, and the cell is kept as numbers
/// and named only when a message is written.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Place {
    /// The file as the user named it (relative to what they gave).
    pub file: Arc<str>,
    pub sheet: Arc<str>,
    /// The zero-based (row, column); `None` when the message is about the whole
    /// sheet.
    pub cell: Option<(u32, u32)>,
}

impl Place {
    pub fn cell(file: &str, sheet: &str, row: u32, col: u32) -> Place {
        Place::at(&Arc::from(file), &Arc::from(sheet), row, col)
    }

    /// A cell of a file and sheet already shared.
    pub fn at(file: &Arc<str>, sheet: &Arc<str>, row: u32, col: u32) -> Place {
        Place {
            file: Arc::clone(file),
            sheet: Arc::clone(sheet),
            cell: Some((row, col)),
        }
    }

    /// The cell as a spreadsheet names it ("F14").
    pub fn cell_name(&self) -> Option<String> {
        self.cell.map(|(row, col)| cell_name(row, col))
    }
}

/// `district.xlsx, ชีต "ITA 2565", เซลล์ F14` (the user's data is talked about in Thai)
impl fmt::Display for Place {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}, ชีต \"{}\"", self.file, self.sheet)?;
        if let Some(cell) = self.cell_name() {
            write!(f, ", เซลล์ {cell}")?;
        }
        Ok(())
    }
}

/// A zero-based (row, column) as a spreadsheet names it: (13, 5) is "F14".
pub fn cell_name(row: u32, col: u32) -> String {
    let mut letters = Vec::new();
    let mut n = col + 1;
    while n > 0 {
        let rem = (n - 1) % 26;
        letters.push(b'A' + rem as u8);
        n = (n - 1) / 26;
    }
    letters.reverse();
    format!(
        "{}{}",
        String::from_utf8(letters).unwrap_or_default(),
        row + 1
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_cells_like_a_spreadsheet() {
        assert_eq!(cell_name(0, 0), "A1");
        assert_eq!(cell_name(13, 5), "F14");
        assert_eq!(cell_name(1, 25), "Z2");
        assert_eq!(cell_name(1, 26), "AA2");
        assert_eq!(cell_name(9, 701), "ZZ10");
        let p = Place::cell("district.xlsx", "ITA 2565", 13, 5);
        assert_eq!(p.to_string(), "district.xlsx, ชีต \"ITA 2565\", เซลล์ F14");
        assert_eq!(p.cell_name().as_deref(), Some("F14"));
    }
}
