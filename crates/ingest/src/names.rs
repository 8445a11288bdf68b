//! Unit names as printed and as matched: abbreviations expanded, code points and
//! spaces cleaned, so that "ทต.พะโต๊ะ" and "เทศบาลตำบล พะโต๊ะ" are one unit.

use std::sync::OnceLock;

use itamemo_model::thai::{clean_text, to_arabic_digits};
use itamemo_model::UnitName;
use regex::Regex;

/// Abbreviations of local-government kinds.
const KIND_ABBREVIATIONS: [(&str, &str); 5] = [
    ("อบจ.", "องค์การบริหารส่วนจังหวัด"),
    ("อบต.", "องค์การบริหารส่วนตำบล"),
    ("ทต.", "เทศบาลตำบล"),
    ("ทม.", "เทศบาลเมือง"),
    ("ทน.", "เทศบาลนคร"),
];

const DISTRICT_PREFIXES: [&str; 2] = ["อำเภอ", "อ."];
const PROVINCE_PREFIXES: [&str; 2] = ["จังหวัด", "จ."];

/// Text with every kind abbreviation written out ("ทต. พะโต๊ะ" → "เทศบาลตำบลพะโต๊ะ").
fn expand_abbreviations(text: &str) -> String {
    let mut out = clean_text(text);
    // Each abbreviation ends with a full stop: a name without one has none.
    debug_assert!(KIND_ABBREVIATIONS
        .iter()
        .all(|(short, _)| short.ends_with('.')));
    if !out.contains('.') {
        return out;
    }
    for (short, full) in KIND_ABBREVIATIONS {
        out = out.replace(&format!("{short} "), full).replace(short, full);
    }
    out
}

/// A district or province without its "อำเภอ"/"อ."/"จังหวัด"/"จ." prefix.
fn without_prefix(raw: &str, prefixes: &[&str]) -> String {
    let cleaned = clean_text(raw);
    for prefix in prefixes {
        if let Some(rest) = cleaned.strip_prefix(prefix) {
            return rest.trim_start().to_string();
        }
    }
    cleaned
}

/// A unit as the memo prints it, from the cells that name it.
pub fn unit_name(code: &str, name: &str, district: &str, province: &str) -> UnitName {
    let code = clean_text(&to_arabic_digits(code));
    UnitName {
        code: (!code.is_empty()).then_some(code),
        name: expand_abbreviations(name),
        district: without_prefix(district, &DISTRICT_PREFIXES),
        province: without_prefix(province, &PROVINCE_PREFIXES),
    }
}

/// What two spellings of one unit share: name, district and province without spaces.
pub fn unit_key(unit: &UnitName) -> String {
    let squash = |s: &str| -> String { s.chars().filter(|c| !c.is_whitespace()).collect() };
    [
        &squash(&unit.name),
        "|",
        &squash(&unit.district),
        "|",
        &squash(&unit.province),
    ]
    .concat()
}

/// A unit named in a title ("ผลการประเมิน ITA ของเทศบาลตำบลพะโต๊ะ อำเภอพะโต๊ะ
/// จังหวัดชุมพร"): the name by its kind, the district and province by their words.
pub fn unit_in_text(text: &str) -> (Option<String>, Option<String>, Option<String>) {
    static NAME: OnceLock<Regex> = OnceLock::new();
    static DISTRICT: OnceLock<Regex> = OnceLock::new();
    static PROVINCE: OnceLock<Regex> = OnceLock::new();
    let regex = |cell: &'static OnceLock<Regex>, source: &str| {
        cell.get_or_init(|| Regex::new(source).expect("a valid built-in pattern"))
    };
    let text = expand_abbreviations(text);
    let name = regex(
        &NAME,
        r"(?:เทศบาล(?:ตำบล|เมือง|นคร)|องค์การบริหารส่วน(?:ตำบล|จังหวัด))[^\s(),:]+",
    )
    .find(&text)
    .map(|m| m.as_str().to_string());
    let rest = match &name {
        Some(n) => text.replacen(n.as_str(), "", 1),
        None => text.clone(),
    };
    let district = regex(&DISTRICT, r"(?:อำเภอ|อ\.)\s*([^\s(),:]+)")
        .captures(&rest)
        .map(|c| c[1].to_string());
    let province = regex(&PROVINCE, r"(?:จังหวัด|จ\.)\s*([^\s(),:]+)")
        .captures(&rest)
        .map(|c| c[1].to_string());
    (name, district, province)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_unit_however_its_name_is_typed() {
        let full = unit_key(&unit_name("", "เทศบาลตำบลพะโต๊ะ", "พะโต๊ะ", "ชุมพร"));
        assert_eq!(
            unit_key(&unit_name("", "ทต.พะโต๊ะ", "อ.พะโต๊ะ", "จ.ชุมพร")),
            full
        );
        assert_eq!(
            unit_key(&unit_name("", "ทต. พะโต๊ะ", "อำเภอพะโต๊ะ", "จังหวัดชุมพร")),
            full
        );
        assert_eq!(
            unit_key(&unit_name("", "เทศบาลตำบล  พะโต๊ะ", "พะโต๊ะ", "ชุมพร")),
            full
        );
        assert_ne!(
            unit_key(&unit_name("", "เทศบาลตำบลพะโต๊ะ", "หลังสวน", "ชุมพร")),
            full
        );
        assert_eq!(
            unit_name("", "อบต. ปากทรง", "", "").name,
            "องค์การบริหารส่วนตำบลปากทรง"
        );
        assert_eq!(
            unit_name("", "x", "อ\u{0E4D}\u{0E32}เภอพะโต๊ะ", "").district,
            "พะโต๊ะ"
        );
        assert_eq!(
            unit_name("๕๒๗๐๑", "x", "", "").code.as_deref(),
            Some("52701")
        );
    }

    #[test]
    fn finds_the_unit_in_a_title() {
        let (name, district, province) =
            unit_in_text("ผลการประเมิน ITA ของ ทต.พะโต๊ะ อำเภอพะโต๊ะ จังหวัดชุมพร");
        assert_eq!(name.as_deref(), Some("เทศบาลตำบลพะโต๊ะ"));
        assert_eq!(district.as_deref(), Some("พะโต๊ะ"));
        assert_eq!(province.as_deref(), Some("ชุมพร"));
        let (name, _, province) = unit_in_text("องค์การบริหารส่วนจังหวัดชุมพร");
        assert_eq!(name.as_deref(), Some("องค์การบริหารส่วนจังหวัดชุมพร"));
        assert_eq!(province, None);
    }
}
