//! One cell to one score: Thai digits, numbers stored as text, stray marks.

use calamine::Data;
use itamemo_model::reason::BadValue;
use itamemo_model::thai::{clean_text, excerpt, to_arabic_digits};

/// How much of a bad cell a message quotes: enough to find it.
const QUOTED: usize = 40;

/// A cell that is not a score, quoted as far as a message needs.
fn not_a_number(text: &str) -> BadValue {
    BadValue::NotANumber(excerpt(text, QUOTED))
}

/// A cell as a sheet's grid holds it: numbers and text as themselves, any other
/// kind as calamine read it.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Value<'a> {
    Empty,
    Float(f64),
    Text(&'a str),
    /// Never `Empty`, `Float` or `String`.
    Other(&'a Data),
}

impl<'a> From<&'a Data> for Value<'a> {
    fn from(cell: &'a Data) -> Value<'a> {
        match cell {
            Data::Empty => Value::Empty,
            Data::Float(v) => Value::Float(*v),
            Data::String(text) => Value::Text(text),
            other => Value::Other(other),
        }
    }
}

impl std::fmt::Display for Value<'_> {
    /// As calamine shows the same cell.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Value::Empty => Data::Empty.fmt(f),
            Value::Float(v) => Data::Float(*v).fmt(f),
            Value::Text(text) => f.write_str(text),
            Value::Other(other) => other.fmt(f),
        }
    }
}

/// `Ok(None)` for an empty cell; the score in points otherwise.
pub fn parse_score(cell: &Data) -> Result<Option<f64>, BadValue> {
    score_in(Value::from(cell))
}

/// The same for a cell of a sheet's grid.
pub fn score_in(cell: Value) -> Result<Option<f64>, BadValue> {
    let value = match cell {
        Value::Empty => return Ok(None),
        Value::Float(v) => v,
        Value::Other(Data::Int(v)) => *v as f64,
        Value::Text(text) => match parse_number_text(text)? {
            Some(v) => v,
            None => return Ok(None),
        },
        // Not read as a score even where its number is one: a date is not
        // guessed to be a score, and the officer is told which format to fix.
        date @ Value::Other(Data::DateTime(_) | Data::DateTimeIso(_)) => {
            return Err(BadValue::DateFormatted(excerpt(&date.to_string(), QUOTED)))
        }
        other => return Err(not_a_number(&other.to_string())),
    };
    if (0.0..=100.0).contains(&value) {
        Ok(Some(value))
    } else {
        Err(BadValue::OutOfRange(excerpt(&cell.to_string(), QUOTED)))
    }
}

/// "๘๘.๕๙", " 87.15 ", "'87.15", "87.15%" are all 87.15; blank text is empty.
fn parse_number_text(text: &str) -> Result<Option<f64>, BadValue> {
    let cleaned = clean_text(&to_arabic_digits(text));
    let trimmed = cleaned
        .trim_start_matches('\'')
        .trim_end_matches('%')
        .trim();
    if trimmed.is_empty() || trimmed == "-" {
        return Ok(None);
    }
    decimal_comma(trimmed)
        .unwrap_or_else(|| trimmed.to_string())
        .parse::<f64>()
        .map(Some)
        // Quoted as typed (Thai digits kept), so the officer finds it in the cell.
        .map_err(|_| not_a_number(&clean_text(text)))
}

/// "87,15" read as 87.15: only one comma, one or two digits after it, no dot, so
/// that it cannot be a thousands separator (a score never reaches 1,000).
fn decimal_comma(text: &str) -> Option<String> {
    let (whole, fraction) = text.split_once(',')?;
    let digits = |s: &str| !s.is_empty() && s.chars().all(|c| c.is_ascii_digit());
    (digits(whole) && digits(fraction) && fraction.len() <= 2 && whole.len() <= 3)
        .then(|| format!("{whole}.{fraction}"))
}

/// A cell as clean text (names, districts, grades, headers).
pub fn cell_text(cell: Value) -> String {
    match cell {
        Value::Text(text) => clean_text(text),
        Value::Empty => String::new(),
        Value::Float(v) if v.fract() == 0.0 => format!("{v:.0}"),
        other => clean_text(&other.to_string()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_scores_however_they_are_typed() {
        let s = |t: &str| parse_score(&Data::String(t.to_string()));
        assert_eq!(s("๘๘.๕๙"), Ok(Some(88.59)));
        assert_eq!(s(" 87.15\u{00A0}"), Ok(Some(87.15)));
        assert_eq!(s("'87.15"), Ok(Some(87.15)));
        assert_eq!(s("87.15%"), Ok(Some(87.15)));
        assert_eq!(
            s("๘๑.x"),
            Err(BadValue::NotANumber("๘๑.x".to_string())),
            "a bad cell is quoted in the digits it was typed in"
        );
        assert_eq!(s("๑๐๐"), Ok(Some(100.0)));
        assert_eq!(s("87,15"), Ok(Some(87.15)));
        assert!(
            s("1,000").is_err(),
            "a thousands separator is not a decimal comma"
        );
        assert!(s("87,15.2").is_err());
        assert_eq!(s(""), Ok(None));
        assert_eq!(parse_score(&Data::Float(96.0)), Ok(Some(96.0)));
        assert_eq!(parse_score(&Data::Int(100)), Ok(Some(100.0)));
        assert_eq!(parse_score(&Data::Empty), Ok(None));
    }

    #[test]
    fn says_what_is_wrong_with_a_value() {
        let err = parse_score(&Data::String("n/a".into())).unwrap_err();
        assert_eq!(err.to_string(), "\"n/a\" ไม่ใช่คะแนน");
        let err = parse_score(&Data::Float(120.5)).unwrap_err();
        assert_eq!(err.to_string(), "\"120.5\" อยู่นอกช่วงคะแนน 0-100");
        assert!(parse_score(&Data::String("-3".into())).is_err());
    }

    #[test]
    fn a_cell_formatted_as_a_date_is_not_read_as_a_score_and_says_so() {
        // 88.59 typed into a date cell: Excel shows 27/3/1900 14:09.
        let date = Data::DateTime(calamine::ExcelDateTime::new(
            88.59,
            calamine::ExcelDateTimeType::DateTime,
            false,
        ));
        let err = parse_score(&date).unwrap_err();
        assert_eq!(err, BadValue::DateFormatted("88.59".into()));
        assert!(err.to_string().contains("เปลี่ยนรูปแบบเซลล์เป็นตัวเลข"), "{err}");
        // An .ods date, as its ISO text.
        let iso = parse_score(&Data::DateTimeIso("1900-03-27T14:09:36".into())).unwrap_err();
        assert_eq!(iso, BadValue::DateFormatted("1900-03-27T14:09:36".into()));
    }

    #[test]
    fn a_value_shows_as_calamine_shows_its_cell() {
        for cell in [
            Data::Empty,
            Data::Float(87.5),
            Data::Float(120.0),
            Data::Int(7),
            Data::Bool(true),
            Data::String(" ๘๘ ".into()),
        ] {
            assert_eq!(Value::from(&cell).to_string(), cell.to_string());
        }
    }
}
