//! What a header cell (or, in long and per-unit layouts, a row label) means,
//! whatever words and digits it is typed in.

use std::sync::OnceLock;

use itamemo_model::thai::{clean_text, to_arabic_digits};
use regex::Regex;

use crate::vocab::Vocabulary;

/// How many rows from the top may hold the header (title rows come first).
pub const HEADER_SEARCH_ROWS: usize = 20;

#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub enum Column {
    Code,
    Name,
    District,
    Province,
    Year,
    Indicator(u8),
    /// An item score, by lowercase code ("i20", "o30").
    Item(String),
    /// A tool total, by code ("IIT"), as a 0-100 mean of its indicators.
    Tool(String),
    /// A tool total as weighted points ("IIT (30 คะแนน)": out of 30), as the
    /// NACC's provincial tables print it; read as the mean it stands for.
    ToolPoints {
        code: String,
        out_of: u8,
    },
    Overall,
    Grade,
    /// Long layout: the column naming the indicator or item of each row.
    Label,
    /// Long layout: the column holding each row's score.
    Value,
    /// Unit register: the ส่วนราชการ line.
    Office,
    Phone,
    /// Unit register: the document number (ที่).
    DocumentNumber,
    /// Unit register: the เรียน line.
    Addressees,
    MeetingDate,
    /// Unit register: the memo's own date (วันที่ of the cover).
    DocumentDate,
    PreparerName,
    PreparerPosition,
    /// Unit register: the n-th person in the chain, their position, their heading.
    SignerName(u8),
    SignerPosition(u8),
    SignerHeading(u8),
}

impl Column {
    /// A column of the unit register (as opposed to scores).
    pub fn is_register(&self) -> bool {
        matches!(
            self,
            Column::Office
                | Column::Phone
                | Column::DocumentNumber
                | Column::Addressees
                | Column::MeetingDate
                | Column::DocumentDate
                | Column::PreparerName
                | Column::PreparerPosition
                | Column::SignerName(_)
                | Column::SignerPosition(_)
                | Column::SignerHeading(_)
        )
    }

    /// Holds a score (as opposed to a name, a year or a grade).
    pub fn is_score(&self) -> bool {
        matches!(
            self,
            Column::Indicator(_)
                | Column::Item(_)
                | Column::Tool(_)
                | Column::ToolPoints { .. }
                | Column::Overall
        )
    }

    /// How the report names a column the user should have.
    pub fn describe(&self) -> String {
        match self {
            Column::Code => "รหัสหน่วยงาน".into(),
            Column::Name => "ชื่อหน่วยงาน".into(),
            Column::District => "อำเภอ".into(),
            Column::Province => "จังหวัด".into(),
            Column::Year => "ปีงบประมาณ".into(),
            // The first three name every score cell as it is read (a map key):
            // put together without core::fmt's machinery.
            Column::Indicator(n) => ["ตัวชี้วัดที่ ", &n.to_string()].concat(),
            Column::Item(code) => ["ข้อ ", code].concat(),
            Column::Tool(code) => ["คะแนน ", code].concat(),
            Column::ToolPoints { code, out_of } => format!("คะแนน {code} (เต็ม {out_of})"),
            Column::Overall => "คะแนน ITA".into(),
            Column::Grade => "ระดับ".into(),
            Column::Label => "ตัวชี้วัด".into(),
            Column::Value => "คะแนน".into(),
            Column::Office => "ส่วนราชการ".into(),
            Column::Phone => "โทร".into(),
            Column::DocumentNumber => "ที่".into(),
            Column::Addressees => "เรียน".into(),
            Column::MeetingDate => "วันที่ประชุม".into(),
            Column::DocumentDate => "วันที่".into(),
            Column::PreparerName => "ผู้จัดทำ".into(),
            Column::PreparerPosition => "ตำแหน่งผู้จัดทำ".into(),
            Column::SignerName(n) => format!("ผู้ลงนาม {n}"),
            Column::SignerPosition(n) => format!("ตำแหน่งผู้ลงนาม {n}"),
            Column::SignerHeading(n) => format!("หัวข้อความเห็น {n}"),
        }
    }
}

/// Text reduced to what carries meaning: clean code points, ASCII digits, lower
/// case, no white space at all, and "เเ" (two sara e, as the NACC's own tables
/// type sara ae in "คะเเนน") as the one letter it stands for.
pub fn squash(text: &str) -> String {
    let squashed: String = clean_text(&to_arabic_digits(text))
        .to_lowercase()
        .chars()
        .filter(|c| !c.is_whitespace())
        .collect();
    if squashed.contains("เเ") {
        squashed.replace("เเ", "แ")
    } else {
        squashed
    }
}

fn pattern(cell: &'static OnceLock<Regex>, source: &str) -> &'static Regex {
    cell.get_or_init(|| Regex::new(source).expect("a valid built-in pattern"))
}

/// A header cell's meaning; `None` for a column this program does not use.
pub fn classify_header(text: &str, vocab: &Vocabulary) -> Option<Column> {
    let key = squash(text);
    // Most cells a header search meets are values: a number heads nothing.
    if key.is_empty() || key.parse::<f64>().is_ok() {
        return None;
    }
    static INDICATOR: OnceLock<Regex> = OnceLock::new();
    let indicator = pattern(
        &INDICATOR,
        r"^(?:ตัวชี้วัดที่|ตัวชี้วัด|indicator|ind\.?)(\d{1,2})(?:[^\d.].*)?$",
    );
    if let Some(n) = number_in(indicator, &key) {
        return Some(Column::Indicator(n));
    }
    // "1. การปฏิบัติหน้าที่": a number before the indicator's name.
    static NUMBERED: OnceLock<Regex> = OnceLock::new();
    if let Some(found) = pattern(&NUMBERED, r"^(\d{1,2})[.)](\D.*)$").captures(&key) {
        let n: u8 = found[1].parse().ok()?;
        let named = vocab.indicator_named(&found[2]);
        if named.is_none() || named == Some(n) {
            return Some(Column::Indicator(n));
        }
    }
    static ITEM: OnceLock<Regex> = OnceLock::new();
    if let Some(found) = pattern(&ITEM, r"^(?:ข้อ)?([ieo])(\d{1,2})$").captures(&key) {
        return Some(Column::Item(format!(
            "{}{}",
            &found[1],
            found[2].parse::<u8>().ok()?
        )));
    }
    let key = without_year(&key);
    // "IIT (30 คะแนน)", "คะแนน OIT (เต็ม 40)", "EIT ร้อยละ 30": weighted points.
    static TOOL_POINTS: OnceLock<Regex> = OnceLock::new();
    let tool_points = pattern(
        &TOOL_POINTS,
        r"^(?:คะแนน|แบบวัด)?(iit|eit|oit)(?:คะแนน)?\(?(?:เต็ม|ร้อยละ|น้ำหนัก)?(\d{1,2})(?:คะแนน|%)?\)?$",
    );
    if let Some(found) = tool_points.captures(&key) {
        let out_of: u8 = found[2].parse().ok()?;
        if (1..100).contains(&out_of) {
            return Some(Column::ToolPoints {
                code: found[1].to_uppercase(),
                out_of,
            });
        }
    }
    static TOOL: OnceLock<Regex> = OnceLock::new();
    // "EIT ส่วนที่ 1" and "EIT part 2": the two parts the EIT is reported in from 2566.
    let tool = pattern(
        &TOOL,
        r"^(?:คะแนน|แบบวัด)?(iit|eit|oit)(?:score|คะแนน)?(?:ส่วนที่|part)?(\d)?$",
    );
    if let Some(found) = tool.captures(&key) {
        let part = found.get(2).map_or("", |m| m.as_str());
        return Some(Column::Tool(format!("{}{part}", found[1].to_uppercase())));
    }
    static SIGNER: OnceLock<Regex> = OnceLock::new();
    let signer = pattern(
        &SIGNER,
        r"^(ตำแหน่ง|หัวข้อ)?(ผู้ลงนาม|ผู้ให้ความเห็น|ผู้เสนอ|ผู้บังคับบัญชา|ความเห็น)(?:ลำดับ|คนที่|ที่)?(\d{1,2})$",
    );
    if let Some(found) = signer.captures(&key) {
        let n: u8 = found[3].parse().ok()?;
        return Some(match (found.get(1).map(|m| m.as_str()), &found[2]) {
            (Some("ตำแหน่ง"), _) => Column::SignerPosition(n),
            (Some(_), _) | (None, "ความเห็น") => Column::SignerHeading(n),
            (None, _) => Column::SignerName(n),
        });
    }
    if let Some(n) = vocab.indicator_named(key.trim_start_matches("ตัวชี้วัด")) {
        return Some(Column::Indicator(n));
    }
    let column = match key.as_str() {
        "รหัส" | "รหัสหน่วยงาน" | "รหัสอปท." | "รหัสองค์กร" | "code" | "unitcode" | "orgcode" => {
            Column::Code
        }
        "หน่วยงาน"
        | "ชื่อ"
        | "ชื่ออปท."
        | "อปท."
        | "องค์กรปกครองส่วนท้องถิ่น"
        | "ชื่อองค์กรปกครองส่วนท้องถิ่น"
        | "หน่วยงานที่รับการประเมิน"
        | "unit"
        | "unitname"
        | "agency"
        | "name" => Column::Name,
        k if k.starts_with("ชื่อหน่วยงาน") => Column::Name,
        "อำเภอ" | "district" | "amphoe" => Column::District,
        "จังหวัด" | "province" | "changwat" => Column::Province,
        "ปี" | "ปีงบประมาณ" | "ปีงบประมาณพ.ศ." | "พ.ศ." | "year" | "fiscalyear" => {
            Column::Year
        }
        "คะแนนita"
        | "คะแนนรวม"
        | "คะแนนภาพรวม"
        | "คะแนนเฉลี่ยรวม"
        | "ita"
        | "itascore"
        | "overall"
        | "overallscore"
        | "คะแนนรวมita" => Column::Overall,
        "ระดับ" | "ระดับผลการประเมิน" | "ผลการประเมิน" | "ระดับคะแนน" | "grade" | "level" => {
            Column::Grade
        }
        "ตัวชี้วัด" | "ตัวชี้วัด/ข้อ" | "ข้อ" | "ข้อคำถาม" | "รายการ" | "indicator" | "item" => {
            Column::Label
        }
        "คะแนน" | "ค่าคะแนน" | "score" | "value" => Column::Value,
        "ส่วนราชการ" | "office" => Column::Office,
        "โทร" | "โทร." | "โทรศัพท์" | "เบอร์โทร" | "เบอร์โทรศัพท์" | "phone" => {
            Column::Phone
        }
        "ที่" | "เลขที่หนังสือ" | "ที่หนังสือ" | "เลขที่" => {
            Column::DocumentNumber
        }
        "เรียน" => Column::Addressees,
        "วันที่ประชุม" | "วันประชุม" => {
            Column::MeetingDate
        }
        "วันที่" | "ลงวันที่" | "วันที่หนังสือ" | "วันที่บันทึก" => {
            Column::DocumentDate
        }
        "ผู้จัดทำ" | "ชื่อผู้จัดทำ" => Column::PreparerName,
        "ตำแหน่งผู้จัดทำ" => Column::PreparerPosition,
        _ => return None,
    };
    Some(column)
}

/// A row label in a long or per-unit table: a header's words, or a bare number.
pub fn classify_label(text: &str, vocab: &Vocabulary) -> Option<Column> {
    let key = squash(text);
    if let Ok(n) = key.trim_end_matches('.').parse::<u8>() {
        return (1..=99).contains(&n).then_some(Column::Indicator(n));
    }
    classify_header(text, vocab)
}

fn number_in(pattern: &Regex, key: &str) -> Option<u8> {
    let n: u8 = pattern.captures(key)?.get(1)?.as_str().parse().ok()?;
    (1..=99).contains(&n).then_some(n)
}

/// "คะแนนita2565" and "คะแนนita(ปี2565)" are "คะแนนita": the year is read apart.
fn without_year(key: &str) -> String {
    static YEAR: OnceLock<Regex> = OnceLock::new();
    pattern(&YEAR, r"\(?(?:ปีงบประมาณ|ปี)?(?:พ\.ศ\.)?(?:25|20)\d\d\)?")
        .replace_all(key, "")
        .to_string()
}

/// A fiscal year named anywhere in a text: "2565", "๒๕๖๕", "ปีงบประมาณ พ.ศ. 2565",
/// "ITA 2565". A C.E. year ("2022") is converted; the year as written is given
/// beside it, for a note saying so.
pub fn parse_year(text: &str) -> Option<(u16, Option<u16>)> {
    static YEAR: OnceLock<Regex> = OnceLock::new();
    let arabic = to_arabic_digits(text);
    for found in pattern(&YEAR, r"(?:^|\D)(\d{4})(?:\D|$)").captures_iter(&arabic) {
        let year: u16 = found[1].parse().ok()?;
        if (2540..=2700).contains(&year) {
            return Some((year, None));
        }
        if (1997..=2157).contains(&year) {
            return Some((year + 543, Some(year)));
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    fn vocab() -> Vocabulary {
        Vocabulary::new([
            (1, "การปฏิบัติหน้าที่"),
            (2, "การใช้งบประมาณ"),
            (4, "การใช้ทรัพย์สินของทางราชการ"),
        ])
    }

    fn header(text: &str) -> Option<Column> {
        classify_header(text, &vocab())
    }

    #[test]
    fn knows_headers_in_thai_and_english_with_any_digits() {
        assert_eq!(header("ชื่อหน่วยงาน"), Some(Column::Name));
        assert_eq!(header("อ\u{0E4D}\u{0E32}เภอ"), Some(Column::District));
        assert_eq!(header("ตัวชี้วัดที่ 1"), Some(Column::Indicator(1)));
        assert_eq!(header("ตัวชี้วัดที่ ๑๐"), Some(Column::Indicator(10)));
        assert_eq!(header("ตัวชี้วัด\nที่  4"), Some(Column::Indicator(4)));
        assert_eq!(
            header("ตัวชี้วัดที่ 4 การใช้ทรัพย์สินของราชการ"),
            Some(Column::Indicator(4))
        );
        assert_eq!(header("ตัวชี้วัดที่ 1 (2565)"), Some(Column::Indicator(1)));
        assert_eq!(header("Indicator 2"), Some(Column::Indicator(2)));
        assert_eq!(header("การใช้งบประมาณ"), Some(Column::Indicator(2)));
        assert_eq!(
            header("การใช้ทรัพย์สินของทางราชการ"),
            Some(Column::Indicator(4))
        );
        assert_eq!(header("1. การปฏิบัติหน้าที่"), Some(Column::Indicator(1)));
        assert_eq!(header("คะแนน ITA"), Some(Column::Overall));
        assert_eq!(header("ITA score"), Some(Column::Overall));
        assert_eq!(header("คะแนน ITA ๒๕๖๕"), Some(Column::Overall));
        assert_eq!(header("ระดับ"), Some(Column::Grade));
        assert_eq!(header("รหัสหน่วยงาน"), Some(Column::Code));
        assert_eq!(header("คะแนน IIT"), Some(Column::Tool("IIT".into())));
        assert_eq!(header("EIT ส่วนที่ 2"), Some(Column::Tool("EIT2".into())));
        assert_eq!(header("O42"), Some(Column::Item("o42".into())));
        assert_eq!(header("i๒๐"), Some(Column::Item("i20".into())));
        assert_eq!(header("หมายเหตุ"), None);
        assert_eq!(header("ผู้ลงนาม ๒"), Some(Column::SignerName(2)));
        assert_eq!(header("ตำแหน่งผู้ลงนาม 2"), Some(Column::SignerPosition(2)));
        assert_eq!(header("หัวข้อความเห็น 1"), Some(Column::SignerHeading(1)));
        assert_eq!(header("เลขที่หนังสือ"), Some(Column::DocumentNumber));
        assert_eq!(header("ลำดับ"), None);
        assert_eq!(
            header("คะเเนน ITA"),
            Some(Column::Overall),
            "the NACC's double sara e"
        );
        assert_eq!(
            header("IIT (30 คะแนน)"),
            Some(Column::ToolPoints {
                code: "IIT".into(),
                out_of: 30
            })
        );
        assert_eq!(
            header("คะแนน OIT (เต็ม ๔๐)"),
            Some(Column::ToolPoints {
                code: "OIT".into(),
                out_of: 40
            })
        );
        assert_eq!(header("EIT ส่วนที่ 1"), Some(Column::Tool("EIT1".into())));
        assert_eq!(header("ชื่อ อปท."), Some(Column::Name));
        assert_eq!(header("องค์กรปกครองส่วนท้องถิ่น"), Some(Column::Name));
        assert_eq!(header("88.59"), None, "a value heads nothing");
    }

    #[test]
    fn row_labels_may_be_bare_numbers() {
        let v = vocab();
        assert_eq!(classify_label("๓", &v), Some(Column::Indicator(3)));
        assert_eq!(
            classify_label("การใช้งบประมาณ", &v),
            Some(Column::Indicator(2))
        );
        assert_eq!(classify_label("คะแนนรวม", &v), Some(Column::Overall));
        assert_eq!(classify_label("ภาพรวม", &v), None);
    }

    #[test]
    fn finds_the_year_in_titles_and_sheet_names() {
        assert_eq!(parse_year("ITA 2565"), Some((2565, None)));
        assert_eq!(parse_year("ปีงบประมาณ พ.ศ. ๒๕๖๔"), Some((2564, None)));
        let (year, written) = parse_year("2022").unwrap();
        assert_eq!((year, written), (2565, Some(2022)));
        assert_eq!(parse_year("Sheet1"), None);
        assert_eq!(parse_year("12345"), None);
    }
}
