//! One cell of a grid in 8 bytes, where an enum of a number, a text's place and
//! an index took 16: a national sheet is 150,000 cells, and the sheets of an
//! export are read side by side. A number is its own `f64`; the other kinds are
//! NaNs that no number is kept as (a NaN read from a file is kept with the rare
//! values, aside), told apart by their top 16 bits.

/// A cell as the grid keeps it; `kind` tells what it holds.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub struct Slot(u64);

/// What a slot holds.
#[derive(Clone, Copy, PartialEq, Debug)]
pub enum Kind {
    Empty,
    Float(f64),
    /// Bytes `start..start + len` of the sheet's text.
    Text {
        start: u32,
        len: u32,
    },
    /// The value at this index of the sheet's other values.
    Other(u32),
    /// The text at this index of the shared strings the sheet refers to.
    Shared(u32),
}

/// The top 16 bits of each kind but a number: a negative quiet NaN's sign and
/// exponent, and mantissa bits that make it one no number is stored as.
const TAG: u64 = 0xFFFF_0000_0000_0000;
const EMPTY: u64 = 0xFFF9_0000_0000_0000;
const TEXT: u64 = 0xFFFA_0000_0000_0000;
const OTHER: u64 = 0xFFFB_0000_0000_0000;
const SHARED: u64 = 0xFFFC_0000_0000_0000;

impl Slot {
    pub const EMPTY: Slot = Slot(EMPTY);

    /// A number; `None` for a NaN, whose bits may be a tag.
    pub fn float(value: f64) -> Option<Slot> {
        (!value.is_nan()).then(|| Slot(value.to_bits()))
    }

    /// A text's place; `None` for a text of 64 KiB or more (its length takes 16
    /// bits: a cell holds at most 32,767 characters).
    pub fn text(start: u32, len: u32) -> Option<Slot> {
        let len = u16::try_from(len).ok()?;
        Some(Slot(TEXT | u64::from(len) << 32 | u64::from(start)))
    }

    pub fn other(at: u32) -> Slot {
        Slot(OTHER | u64::from(at))
    }

    pub fn shared(at: u32) -> Slot {
        Slot(SHARED | u64::from(at))
    }

    #[inline]
    pub fn kind(self) -> Kind {
        match self.0 & TAG {
            EMPTY => Kind::Empty,
            TEXT => Kind::Text {
                start: self.0 as u32,
                len: u32::from((self.0 >> 32) as u16),
            },
            OTHER => Kind::Other(self.0 as u32),
            SHARED => Kind::Shared(self.0 as u32),
            _ => Kind::Float(f64::from_bits(self.0)),
        }
    }
}

impl Default for Slot {
    fn default() -> Slot {
        Slot::EMPTY
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_kind_reads_back_as_it_was_made() {
        assert_eq!(Slot::EMPTY.kind(), Kind::Empty);
        assert_eq!(Slot::default().kind(), Kind::Empty);
        let mut rng = fastrand::Rng::with_seed(8);
        let mut numbers = vec![
            0.0,
            -0.0,
            88.59,
            -1e300,
            f64::MIN_POSITIVE,
            5e-324,
            f64::INFINITY,
            f64::NEG_INFINITY,
            f64::MAX,
        ];
        numbers.extend((0..2_000).map(|_| f64::from_bits(rng.u64(..))));
        for v in numbers {
            match Slot::float(v) {
                None => assert!(v.is_nan(), "{v}"),
                Some(slot) => match slot.kind() {
                    Kind::Float(back) => assert_eq!(back.to_bits(), v.to_bits()),
                    other => panic!("{v} read back as {other:?}"),
                },
            }
        }
        for (start, len) in [(0, 0), (u32::MAX, 65_535), (17, 3), (rng.u32(..), 9)] {
            let slot = Slot::text(start, len).unwrap();
            assert_eq!(slot.kind(), Kind::Text { start, len });
        }
        assert_eq!(Slot::text(0, 65_536), None, "too long a text is kept aside");
        for at in [0, 1, u32::MAX] {
            assert_eq!(Slot::other(at).kind(), Kind::Other(at));
            assert_eq!(Slot::shared(at).kind(), Kind::Shared(at));
        }
    }

    #[test]
    fn a_cell_takes_eight_bytes() {
        assert_eq!(std::mem::size_of::<Slot>(), 8);
    }
}
