//! Where a value came from, so that every message can point at it.

use std::fmt;
use std::sync::Arc;

/// Every row read holds two of these (its name's cell and its grade's): the file
/// and sheet are one shared `Origin` rather than two shared strings each (a
/// place is 24 bytes, not 48), and the cell is kept as numbers and named only
/// when a message is written.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Place {
    pub origin: Arc<Origin>,
    /// The zero-based (row, column); `None` when the message is about the whole
    /// sheet.
    pub cell: Option<(u32, u32)>,
}

/// The file and sheet a place is in.
#[derive(Debug, PartialEq, Eq)]
pub struct Origin {
    /// The file as the user named it (relative to what they gave).
    pub file: Arc<str>,
    pub sheet: Arc<str>,
}

impl Place {
    pub fn cell(file: &str, sheet: &str, row: u32, col: u32) -> Place {
        Place::at(&Arc::from(file), &Arc::from(sheet), row, col)
    }

    /// A cell of a file and sheet already shared. The places of one sheet share
    /// one origin: each thread keeps the last one made, and a sheet's places are
    /// made one after another by the thread reading it.
    pub fn at(file: &Arc<str>, sheet: &Arc<str>, row: u32, col: u32) -> Place {
        thread_local! {
            static LAST: std::cell::RefCell<Option<Arc<Origin>>> =
                const { std::cell::RefCell::new(None) };
        }
        let origin = LAST.with(|last| {
            let mut last = last.borrow_mut();
            match &*last {
                // The cached origin holds its file and sheet, so a pointer equal
                // to theirs is theirs (their memory cannot have been reused).
                Some(o) if Arc::ptr_eq(&o.file, file) && Arc::ptr_eq(&o.sheet, sheet) => {
                    Arc::clone(o)
                }
                _ => {
                    let o = Arc::new(Origin {
                        file: Arc::clone(file),
                        sheet: Arc::clone(sheet),
                    });
                    *last = Some(Arc::clone(&o));
                    o
                }
            }
        });
        Place {
            origin,
            cell: Some((row, col)),
        }
    }

    /// The file as the user named it.
    pub fn file(&self) -> &str {
        &self.origin.file
    }

    pub fn sheet(&self) -> &str {
        &self.origin.sheet
    }

    /// The cell as a spreadsheet names it ("F14").
    pub fn cell_name(&self) -> Option<String> {
        self.cell.map(|(row, col)| cell_name(row, col))
    }
}

/// `district.xlsx, ชีต "ITA 2565", เซลล์ F14` (the user's data is talked about in Thai)
impl fmt::Display for Place {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}, ชีต \"{}\"", self.file(), self.sheet())?;
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

    #[test]
    fn places_of_one_sheet_share_their_origin_and_others_do_not() {
        let (file, ita, other): (Arc<str>, Arc<str>, Arc<str>) =
            ("a.xlsx".into(), "ITA".into(), "ITA".into());
        let a = Place::at(&file, &ita, 1, 0);
        let b = Place::at(&file, &ita, 2, 0);
        assert!(Arc::ptr_eq(&a.origin, &b.origin));
        let c = Place::at(&file, &other, 3, 0);
        assert!(!Arc::ptr_eq(&a.origin, &c.origin));
        assert_eq!((c.file(), c.sheet()), ("a.xlsx", "ITA"));
        assert_eq!(a.to_string(), "a.xlsx, ชีต \"ITA\", เซลล์ A2");
    }

    #[test]
    fn a_place_is_a_pointer_and_a_cell() {
        // Held twice by every year of every unit through a national batch.
        assert!(std::mem::size_of::<Place>() <= 24);
        assert!(std::mem::size_of::<Option<Place>>() <= 24);
    }
}
