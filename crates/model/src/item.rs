//! An assessment item ("i20", "e6", "O30"): the letter of its tool and its number.
//! Compared without regard to the letter's case, since exports and frameworks
//! write "o30" and "O30" alike; how the memo writes it is the framework's choice.

use std::fmt;

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct ItemCode {
    /// The tool's item letter, lowercase.
    letter: char,
    number: u16,
}

impl ItemCode {
    pub fn new(letter: char, number: u16) -> ItemCode {
        ItemCode {
            letter: letter.to_ascii_lowercase(),
            number,
        }
    }

    /// "O30", "o30", " i20 " (a letter and one to three digits); `None` otherwise.
    pub fn parse(text: &str) -> Option<ItemCode> {
        let text = text.trim();
        let mut chars = text.chars();
        let letter = chars.next().filter(char::is_ascii_alphabetic)?;
        let digits = chars.as_str();
        if digits.is_empty() || digits.len() > 3 || !digits.bytes().all(|b| b.is_ascii_digit()) {
            return None;
        }
        Some(ItemCode::new(letter, digits.parse().ok()?))
    }

    pub fn letter(self) -> char {
        self.letter
    }

    pub fn number(self) -> u16 {
        self.number
    }

    /// The key exports are read under ("o30"), the lowercase spelling.
    pub fn key(self) -> String {
        self.to_string()
    }

    /// The key as `key` spells it, on the stack: for looking a score up by its
    /// code, as the analysis does some 180 times a memo, without a String
    /// made (and core::fmt run) for each.
    pub fn lookup_key(self) -> LookupKey {
        let mut bytes = [0u8; LookupKey::CAPACITY];
        let mut digits = [0u8; 5];
        let mut n = self.number;
        let mut count = 0;
        loop {
            digits[4 - count] = b'0' + (n % 10) as u8;
            count += 1;
            n /= 10;
            if n == 0 {
                break;
            }
        }
        let letter = self.letter.encode_utf8(&mut bytes).len();
        bytes[letter..letter + count].copy_from_slice(&digits[5 - count..]);
        LookupKey {
            bytes,
            len: (letter + count) as u8,
        }
    }
}

/// An item's key ("o30") held without an allocation (`ItemCode::lookup_key`).
#[derive(Clone, Copy)]
pub struct LookupKey {
    bytes: [u8; LookupKey::CAPACITY],
    len: u8,
}

impl LookupKey {
    /// A letter (up to 4 bytes of UTF-8) and a u16's up to 5 digits.
    const CAPACITY: usize = 9;

    pub fn as_str(&self) -> &str {
        let key = &self.bytes[..usize::from(self.len)];
        debug_assert!(std::str::from_utf8(key).is_ok());
        // SAFETY: only `ItemCode::lookup_key` writes the bytes: a char's UTF-8
        // and ASCII digits after it. (Checked by `from_utf8`, some 60
        // instructions a key: 0.011 million a memo.)
        unsafe { std::str::from_utf8_unchecked(key) }
    }
}

/// Lowercase, as keys are held: "o30".
impl fmt::Display for ItemCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}{}", self.letter, self.number)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_compare_without_case_and_refuse_what_is_not_a_code() {
        assert_eq!(ItemCode::parse("O30"), ItemCode::parse("o30"));
        assert_eq!(ItemCode::parse(" i20 ").unwrap().key(), "i20");
        assert_eq!(ItemCode::parse("e6").unwrap().number(), 6);
        for code in [
            ItemCode::new('O', 30),
            ItemCode::new('i', 0),
            ItemCode::new('e', 6),
            ItemCode::new('q', u16::MAX),
            ItemCode::new('ข', 120),
        ] {
            assert_eq!(code.lookup_key().as_str(), code.key());
        }
        for bad in ["", "o", "30", "oo30", "o3a", "o1234", "ข30"] {
            assert_eq!(ItemCode::parse(bad), None, "{bad:?}");
        }
    }
}
