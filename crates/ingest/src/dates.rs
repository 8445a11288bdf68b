//! A date as a register writes it: a spreadsheet date, "2023-03-17", "17/3/2566",
//! "17 มีนาคม 2566", "๑๗ มี.ค. ๖๖". Buddhist-era years are told from C.E. ones by
//! their size; a date that is not on the calendar is no date.

use std::sync::OnceLock;

use calamine::Data;

use crate::cell::Value;
use chrono::{Datelike, NaiveDate};
use itamemo_model::thai::{clean_text, to_arabic_digits, MONTHS_FULL, MONTHS_SHORT};
use regex::Regex;

/// The date in a cell, as (C.E. year, month, day).
pub fn date_in(cell: Value) -> Option<(i32, u32, u32)> {
    let date = match cell {
        Value::Other(Data::DateTime(value)) => from_serial(value.as_f64()),
        Value::Other(Data::DateTimeIso(text)) => from_text(text),
        Value::Text(text) => from_text(text),
        _ => None,
    }?;
    Some((date.year(), date.month(), date.day()))
}

/// A spreadsheet's day number (1900 date system: day 1 is 1 January 1900, with
/// the leap day 1900 never had counted, so days from 30 December 1899).
fn from_serial(days: f64) -> Option<NaiveDate> {
    let start = NaiveDate::from_ymd_opt(1899, 12, 30)?;
    start.checked_add_days(chrono::Days::new(days.floor() as u64))
}

fn from_text(text: &str) -> Option<NaiveDate> {
    static ISO: OnceLock<Regex> = OnceLock::new();
    static NUMERIC: OnceLock<Regex> = OnceLock::new();
    static THAI: OnceLock<Regex> = OnceLock::new();
    let text = clean_text(&to_arabic_digits(text));
    let text = text.trim();
    let iso = ISO.get_or_init(|| Regex::new(r"^(\d{4})-(\d{1,2})-(\d{1,2})").unwrap());
    if let Some(found) = iso.captures(text) {
        return calendar(year(&found[1])?, &found[2], &found[3]);
    }
    let numeric =
        NUMERIC.get_or_init(|| Regex::new(r"^(\d{1,2})[/.](\d{1,2})[/.](\d{2}|\d{4})$").unwrap());
    if let Some(found) = numeric.captures(text) {
        return calendar(year(&found[3])?, &found[2], &found[1]);
    }
    let thai = THAI.get_or_init(|| {
        Regex::new(r"^(?:วันที่\s*)?(\d{1,2})\s*([^\d\s]+)\s*(?:พ\.\s?ศ\.\s*)?(\d{2}|\d{4})$").unwrap()
    });
    let found = thai.captures(text)?;
    let month = MONTHS_FULL
        .iter()
        .chain(&MONTHS_SHORT)
        .position(|m| *m == &found[2] || m.trim_end_matches('.') == &found[2])?
        % 12
        + 1;
    calendar(year(&found[3])?, &month.to_string(), &found[1])
}

/// A year as written: B.E. from 2400 on, "66" as B.E. 2566, else C.E.
fn year(written: &str) -> Option<i32> {
    let value: i32 = written.parse().ok()?;
    Some(match value {
        0..=99 => 2500 + value - itamemo_model::fiscal::BE_OFFSET,
        2400.. => value - itamemo_model::fiscal::BE_OFFSET,
        _ => value,
    })
}

fn calendar(year: i32, month: &str, day: &str) -> Option<NaiveDate> {
    NaiveDate::from_ymd_opt(year, month.parse().ok()?, day.parse().ok()?)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn date(text: &str) -> Option<(i32, u32, u32)> {
        date_in(Value::Text(text))
    }

    #[test]
    fn a_date_is_read_as_offices_write_it() {
        let reference = Some((2023, 3, 17));
        for written in [
            "2023-03-17",
            "17/3/2566",
            "17/03/2023",
            "17 มีนาคม 2566",
            "๑๗ มีนาคม ๒๕๖๖",
            "17 มี.ค. 66",
            "๑๗ มี.ค. ๒๕๖๖",
            "วันที่ 17 มีนาคม พ.ศ. 2566",
        ] {
            assert_eq!(date(written), reference, "{written}");
        }
        assert_eq!(
            date_in(Value::from(&Data::DateTime(calamine::ExcelDateTime::new(
                45002.0,
                calamine::ExcelDateTimeType::DateTime,
                false
            )))),
            reference
        );
    }

    #[test]
    fn what_is_not_a_date_on_the_calendar_is_none() {
        for written in [
            "31 กุมภาพันธ์ 2566",
            "17 มีนา 2566",
            "ต้นปี",
            "2566",
            "32/1/2566",
            "",
        ] {
            assert_eq!(date(written), None, "{written}");
        }
    }
}
