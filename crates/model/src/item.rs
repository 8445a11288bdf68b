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
        for bad in ["", "o", "30", "oo30", "o3a", "o1234", "ข30"] {
            assert_eq!(ItemCode::parse(bad), None, "{bad:?}");
        }
    }
}
