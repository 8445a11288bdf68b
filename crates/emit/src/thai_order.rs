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

/// The key that puts units in the order an office reads its area: by province,
/// district, then name, in Thai dictionary order. It is the three texts' ICU
/// sort keys, each ended by a 0 byte, below any byte a key holds, so that byte
/// order is collation order. A list of thousands sorted by it
/// (`sort_by_cached_key`) collates each unit once, not at every comparison.
#[cfg(test)]
pub fn place_key(unit: &UnitName) -> Vec<u8> {
    PlaceKeys::default().key(unit)
}

/// `place_key` for the units of one list, each province and district collated
/// once: a national list has 77 provinces and some 900 districts over its
/// thousands of units, and an ICU sort key costs some ten thousand instructions.
#[derive(Default)]
pub struct PlaceKeys {
    known: rustc_hash::FxHashMap<String, Vec<u8>>,
}

impl PlaceKeys {
    pub fn key(&mut self, unit: &UnitName) -> Vec<u8> {
        self.key_of(&unit.province, &unit.district, &unit.name)
    }

    /// The key of a unit given by its three texts.
    pub fn key_of(&mut self, province: &str, district: &str, name: &str) -> Vec<u8> {
        let mut key = Vec::new();
        for shared in [province, district] {
            match self.known.get(shared) {
                Some(known) => key.extend_from_slice(known),
                None => {
                    let start = key.len();
                    sort_key_into(shared, &mut key);
                    self.known.insert(shared.to_string(), key[start..].to_vec());
                }
            }
        }
        sort_key_into(name, &mut key);
        key
    }
}

/// A text's ICU sort key, ended by a 0 byte.
fn sort_key_into(text: &str, key: &mut Vec<u8>) {
    let Ok(()) = collator().write_sort_key_to(text, key);
    key.push(0);
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

    /// The order the key must give, compared pair by pair.
    fn by_place(a: &UnitName, b: &UnitName) -> Ordering {
        compare(&a.province, &b.province)
            .then_with(|| compare(&a.district, &b.district))
            .then_with(|| compare(&a.name, &b.name))
    }

    /// Generated names from a seed: Thai letters, leading vowels, tone marks,
    /// spaces, digits and Latin, with shared beginnings so that ties go deep.
    fn generated_name(rng: &mut fastrand::Rng) -> String {
        const PIECES: [&str; 16] = [
            "เทศบาล",
            "ตำบล",
            "องค์การ",
            "ก",
            "ข้า",
            "ไชย",
            "แม่",
            "โ",
            "ใ",
            "่",
            "๊",
            " ",
            "1",
            "๒",
            "A",
            "a",
        ];
        let len = rng.usize(0..6);
        (0..len)
            .map(|_| PIECES[rng.usize(..PIECES.len())])
            .collect()
    }

    #[test]
    fn the_place_key_orders_units_as_by_place_does() {
        let mut rng = fastrand::Rng::with_seed(2566);
        for round in 0..200 {
            // Provinces and districts from small pools, as an area's units share
            // them: ties go on to the next text, and the list's keys are reused.
            let provinces: Vec<String> = (0..4).map(|_| generated_name(&mut rng)).collect();
            let districts: Vec<String> = (0..8).map(|_| generated_name(&mut rng)).collect();
            let units: Vec<UnitName> = (0..40)
                .map(|_| UnitName {
                    code: None,
                    name: generated_name(&mut rng),
                    district: districts[rng.usize(..districts.len())].clone(),
                    province: provinces[rng.usize(..provinces.len())].clone(),
                })
                .collect();
            // One list's keys, provinces and districts shared, are each unit's own.
            let mut list = PlaceKeys::default();
            for unit in units.iter().chain(&units) {
                assert_eq!(list.key(unit), place_key(unit), "{unit:?}");
            }
            for a in &units {
                for b in &units {
                    assert_eq!(
                        place_key(a).cmp(&place_key(b)),
                        by_place(a, b),
                        "round {round}: {a:?} against {b:?}"
                    );
                }
            }
        }
    }
}
