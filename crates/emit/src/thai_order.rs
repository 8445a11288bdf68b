//! Thai dictionary order for the run report's lists (plain string order puts
//! names that begin with เ แ โ ใ ไ after every consonant): ICU's Thai collation.

use std::cmp::Ordering;
use std::sync::OnceLock;

use icu_collator::options::CollatorOptions;
use icu_collator::{Collator, CollatorBorrowed};
use icu_locale_core::locale;
use itamemo_model::UnitName;

fn collator() -> &'static CollatorBorrowed<'static> {
    static THAI: OnceLock<CollatorBorrowed<'static>> = OnceLock::new();
    THAI.get_or_init(|| {
        Collator::try_new(locale!("th").into(), CollatorOptions::default())
            .expect("ICU ships Thai collation data")
    })
}

/// Compares two texts as a Thai dictionary orders them.
pub fn compare(a: &str, b: &str) -> Ordering {
    collator().compare(a, b)
}

/// Units in the order an office reads its area: by province, district, then
/// name.
pub fn by_place(a: &UnitName, b: &UnitName) -> Ordering {
    compare(&a.province, &b.province)
        .then_with(|| compare(&a.district, &b.district))
        .then_with(|| compare(&a.name, &b.name))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn leading_vowels_sort_by_the_consonant_after_them() {
        let mut names = vec![
            "เทศบาลตำบลละแม",
            "องค์การบริหารส่วนตำบลปากทรง",
            "เทศบาลตำบลพะโต๊ะ",
            "กรุงเทพ",
            "ไชยา",
        ];
        names.sort_by(|a, b| compare(a, b));
        // เทศบาล files under ท, ไชยา under ช: both before อ, after ก.
        assert_eq!(
            names,
            [
                "กรุงเทพ",
                "ไชยา",
                "เทศบาลตำบลพะโต๊ะ",
                "เทศบาลตำบลละแม",
                "องค์การบริหารส่วนตำบลปากทรง"
            ]
        );
        let mut plain = names.clone();
        plain.sort();
        assert_ne!(plain, names, "plain string order differs");
    }
}
