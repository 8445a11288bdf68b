//! Unit names as printed and as matched: abbreviations expanded, code points and
//! spaces cleaned, so that "ทต.พะโต๊ะ" and "เทศบาลตำบล พะโต๊ะ" are one unit.

use itamemo_model::thai::clean_text;

/// Abbreviations of local-government kinds, longest first.
const KIND_ABBREVIATIONS: [(&str, &str); 5] = [
    ("อบจ.", "องค์การบริหารส่วนจังหวัด"),
    ("อบต.", "องค์การบริหารส่วนตำบล"),
    ("ทต.", "เทศบาลตำบล"),
    ("ทม.", "เทศบาลเมือง"),
    ("ทน.", "เทศบาลนคร"),
];

/// The name as the memo prints it: kind written out, clean code points.
pub fn display_name(raw: &str) -> String {
    let cleaned = clean_text(raw);
    for (short, full) in KIND_ABBREVIATIONS {
        if let Some(rest) = cleaned.strip_prefix(short) {
            return format!("{full}{}", rest.trim_start());
        }
    }
    cleaned
}

/// A district or province without its "อำเภอ"/"อ."/"จังหวัด"/"จ." prefix.
pub fn display_place(raw: &str, prefixes: &[&str]) -> String {
    let cleaned = clean_text(raw);
    for prefix in prefixes {
        if let Some(rest) = cleaned.strip_prefix(prefix) {
            return rest.trim_start().to_string();
        }
    }
    cleaned
}

pub const DISTRICT_PREFIXES: [&str; 2] = ["อำเภอ", "อ."];
pub const PROVINCE_PREFIXES: [&str; 2] = ["จังหวัด", "จ."];

/// What two spellings of one unit share: name, district and province with every
/// space removed.
pub fn unit_key(name: &str, district: &str, province: &str) -> String {
    let squash = |s: &str| -> String { s.chars().filter(|c| !c.is_whitespace()).collect() };
    format!(
        "{}|{}|{}",
        squash(&display_name(name)),
        squash(&display_place(district, &DISTRICT_PREFIXES)),
        squash(&display_place(province, &PROVINCE_PREFIXES))
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_unit_however_its_name_is_typed() {
        let full = unit_key("เทศบาลตำบลพะโต๊ะ", "พะโต๊ะ", "ชุมพร");
        assert_eq!(unit_key("ทต.พะโต๊ะ", "อ.พะโต๊ะ", "จ.ชุมพร"), full);
        assert_eq!(
            unit_key("เทศบาลตำบล  พะโต๊ะ", "อำเภอพะโต๊ะ", "จังหวัดชุมพร"),
            full
        );
        assert_ne!(unit_key("เทศบาลตำบลพะโต๊ะ", "หลังสวน", "ชุมพร"), full);
        assert_eq!(display_name("อบต. ปากทรง"), "องค์การบริหารส่วนตำบลปากทรง");
        assert_eq!(
            display_place("อ\u{0E4D}\u{0E32}เภอพะโต๊ะ", &DISTRICT_PREFIXES),
            "พะโต๊ะ"
        );
    }
}
