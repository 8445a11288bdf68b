//! Finds a score table by its header row, whatever words and digits it is typed in.

use std::sync::OnceLock;

use itamemo_model::thai::{clean_text, to_arabic_digits};
use regex::Regex;

/// How many rows from the top may hold the header (title rows come first).
pub const HEADER_SEARCH_ROWS: usize = 20;

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Column {
    Name,
    District,
    Province,
    Year,
    Indicator(u8),
    Overall,
    Grade,
}

/// Reads one header cell; `None` when it is not a column this program uses.
pub fn classify_header(text: &str) -> Option<Column> {
    let key: String = clean_text(&to_arabic_digits(text))
        .to_lowercase()
        .chars()
        .filter(|c| !c.is_whitespace())
        .collect();
    if key.is_empty() {
        return None;
    }
    if let Some(number) = indicator_number(&key) {
        return Some(Column::Indicator(number));
    }
    let column = match key.as_str() {
        "หน่วยงาน" | "ชื่อ" | "unit" | "unitname" | "agency" | "name" => {
            Column::Name
        }
        k if k.starts_with("ชื่อหน่วยงาน") => Column::Name,
        "อำเภอ" | "district" | "amphoe" => Column::District,
        "จังหวัด" | "province" | "changwat" => Column::Province,
        "ปี" | "ปีงบประมาณ" | "ปีงบประมาณพ.ศ." | "year" | "fiscalyear" => {
            Column::Year
        }
        "คะแนนita"
        | "คะแนนรวม"
        | "คะแนนภาพรวม"
        | "คะแนนเฉลี่ยรวม"
        | "ita"
        | "itascore"
        | "overall"
        | "score" => Column::Overall,
        "ระดับ" | "ระดับผลการประเมิน" | "ผลการประเมิน" | "grade" | "level" => {
            Column::Grade
        }
        _ => return None,
    };
    Some(column)
}

fn indicator_number(key: &str) -> Option<u8> {
    static PATTERN: OnceLock<Regex> = OnceLock::new();
    let pattern = PATTERN.get_or_init(|| {
        Regex::new(r"^(?:ตัวชี้วัดที่|ตัวชี้วัด|indicator|ind\.?)(\d{1,2})(?:[^\d.].*)?$")
            .expect("indicator header pattern")
    });
    let number: u8 = pattern.captures(key)?.get(1)?.as_str().parse().ok()?;
    (1..=99).contains(&number).then_some(number)
}

/// A fiscal year named anywhere in a text: "2565", "๒๕๖๕", "ปีงบประมาณ พ.ศ. 2565",
/// "ITA 2565". A C.E. year ("2022") is converted, with a note saying so.
pub fn parse_year(text: &str) -> Option<(u16, Option<String>)> {
    static PATTERN: OnceLock<Regex> = OnceLock::new();
    let pattern =
        PATTERN.get_or_init(|| Regex::new(r"(?:^|\D)(\d{4})(?:\D|$)").expect("year pattern"));
    let arabic = to_arabic_digits(text);
    for found in pattern.captures_iter(&arabic) {
        let year: u16 = found[1].parse().ok()?;
        if (2540..=2700).contains(&year) {
            return Some((year, None));
        }
        if (1997..=2157).contains(&year) {
            let be = year + 543;
            let note = format!("ปี {year} ถือเป็น ค.ศ. จึงอ่านเป็นปีงบประมาณ พ.ศ. {be}");
            return Some((be, Some(note)));
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn knows_headers_in_thai_and_english_with_any_digits() {
        assert_eq!(classify_header("ชื่อหน่วยงาน"), Some(Column::Name));
        assert_eq!(
            classify_header("อ\u{0E4D}\u{0E32}เภอ"),
            Some(Column::District)
        );
        assert_eq!(classify_header("ตัวชี้วัดที่ 1"), Some(Column::Indicator(1)));
        assert_eq!(classify_header("ตัวชี้วัดที่ ๑๐"), Some(Column::Indicator(10)));
        assert_eq!(classify_header("ตัวชี้วัด\nที่ 4"), Some(Column::Indicator(4)));
        assert_eq!(
            classify_header("ตัวชี้วัดที่ 4 การใช้ทรัพย์สินของราชการ"),
            Some(Column::Indicator(4))
        );
        assert_eq!(classify_header("Indicator 2"), Some(Column::Indicator(2)));
        assert_eq!(classify_header("คะแนน ITA"), Some(Column::Overall));
        assert_eq!(classify_header("ระดับ"), Some(Column::Grade));
        assert_eq!(classify_header("หมายเหตุ"), None);
    }

    #[test]
    fn finds_the_year_in_titles_and_sheet_names() {
        assert_eq!(parse_year("ITA 2565"), Some((2565, None)));
        assert_eq!(parse_year("ปีงบประมาณ พ.ศ. ๒๕๖๔"), Some((2564, None)));
        let (year, note) = parse_year("2022").unwrap();
        assert_eq!(year, 2565);
        assert!(note.unwrap().contains("ค.ศ."));
        assert_eq!(parse_year("Sheet1"), None);
        assert_eq!(parse_year("12345"), None);
    }
}
