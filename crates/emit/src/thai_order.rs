//! Thai dictionary order for the run report's lists (plain string order puts
//! names that begin with เ แ โ ใ ไ after every consonant): ICU's Thai collation.

use std::cmp::Ordering;
use std::sync::OnceLock;

use icu_collator::options::CollatorOptions;
use icu_collator::{Collator, CollatorBorrowed};
use icu_locale_core::locale;
use itamemo_model::outcomes::Spilled;
use itamemo_model::sorted_runs::SortedRecords;
use itamemo_model::Outcomes;

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

/// Sorts a list by `lead`, then by place (province, district, name) in Thai
/// dictionary order: as an office reads its area. Items that compare equal keep
/// their order.
///
/// An ICU sort key costs some ten thousand instructions, so each text is
/// collated once, not at every comparison; but a list's keys held all at once
/// (some 200 bytes a unit) were most of what the run's end added to its memory
/// at 10,000 units, the report's list and the summary's being sorted side by
/// side. So the provinces and districts (77 and some 900 in a national list) are
/// collated once each and ranked, the list is sorted by those ranks, and the
/// names are collated a run of units with the same lead, province and district
/// at a time: the order of the three texts' keys one after the other.
pub fn sort_by_place<'a, T: Copy, K: Ord>(
    items: &mut [T],
    lead: impl Fn(T) -> K,
    place: impl Fn(T) -> [&'a str; 3],
) {
    sort_by_place_reading(
        items,
        lead,
        |item| {
            let [province, district, _] = place(item);
            [province, district]
        },
        |item| place(item)[2],
    );
}

/// As `sort_by_place`, each item's name taken (`name`) only where it is
/// needed: where the lead, province and district are alike.
fn sort_by_place_reading<'a, T: Copy, K: Ord, N: AsRef<str>>(
    items: &mut [T],
    lead: impl Fn(T) -> K,
    place: impl Fn(T) -> [&'a str; 2],
    name: impl Fn(T) -> N,
) {
    let ranks = SharedRanks::collate(items.iter().flat_map(|&item| place(item)));
    let mut order: Vec<(K, u32, u32, usize)> = items
        .iter()
        .enumerate()
        .map(|(at, &item)| {
            let [province, district] = place(item);
            (
                lead(item),
                ranks.rank_of(province),
                ranks.rank_of(district),
                at,
            )
        })
        .collect();
    // The place in the list last, so that equal items keep their order.
    order.sort_unstable();
    let mut names = Vec::new();
    for run in order.chunk_by_mut(|a, b| (&a.0, a.1, a.2) == (&b.0, b.1, b.2)) {
        if run.len() > 1 {
            names.clear();
            names.extend(run.iter().map(|&(_, _, _, at)| {
                let mut key = Vec::new();
                sort_key_into(name(items[at]).as_ref(), &mut key);
                (key, at)
            }));
            names.sort_unstable();
            for (entry, (_, at)) in run.iter_mut().zip(names.drain(..)) {
                entry.3 = at;
            }
        }
    }
    let sorted: Vec<T> = order.iter().map(|&(_, _, _, at)| items[at]).collect();
    items.copy_from_slice(&sorted);
}

/// The units `chosen` (each with its lead, the first thing sorted by) in the
/// order `sort_by_place` gives them, sorted out of memory (issue 16, "memory
/// flat in the number of units"): each unit's record is its lead, its
/// province's and district's ranks and its name's sort key, then its place
/// among those chosen, so that units alike keep their order. Held, the run
/// report's list of every unit took some 50 bytes a unit at the run's end.
/// `what` they are, in Thai, should their file not read back.
pub fn in_place_order(
    units: &Outcomes,
    chosen: impl Iterator<Item = (u32, Spilled)>,
    what: &'static str,
) -> SortedRecords {
    let ranks = SharedRanks::collate(units.places().flat_map(|(p, d)| [p, d]));
    let mut sorted = units.sorted_runs(what);
    let mut key = Vec::new();
    for (k, (lead, at)) in chosen.enumerate() {
        let (province, district) = units.place(at);
        key.clear();
        key.extend_from_slice(&lead.to_be_bytes());
        key.extend_from_slice(&ranks.rank_of(province).to_be_bytes());
        key.extend_from_slice(&ranks.rank_of(district).to_be_bytes());
        sort_key_into(&units.name(at), &mut key);
        sorted.push(&key, k as u64, &at.to_bytes());
    }
    sorted.finish()
}

/// Each province's and district's place in Thai dictionary order among a list's:
/// texts whose keys are the same share a rank.
struct SharedRanks<'a> {
    rank: rustc_hash::FxHashMap<&'a str, u32>,
}

impl<'a> SharedRanks<'a> {
    fn collate(texts: impl Iterator<Item = &'a str>) -> SharedRanks<'a> {
        let mut keys: rustc_hash::FxHashMap<&'a str, Vec<u8>> = Default::default();
        for text in texts {
            keys.entry(text).or_insert_with(|| {
                let mut key = Vec::new();
                sort_key_into(text, &mut key);
                key
            });
        }
        let mut by_key: Vec<(Vec<u8>, &'a str)> =
            keys.into_iter().map(|(text, key)| (key, text)).collect();
        by_key.sort_unstable();
        let mut rank = rustc_hash::FxHashMap::default();
        let mut current = 0;
        for (k, (key, text)) in by_key.iter().enumerate() {
            if k > 0 && by_key[k - 1].0 != *key {
                current += 1;
            }
            rank.insert(*text, current);
        }
        SharedRanks { rank }
    }

    fn rank_of(&self, text: &str) -> u32 {
        self.rank[text]
    }
}

/// The key that puts units in place order, for the tests to check
/// `sort_by_place` against: the three texts' ICU sort keys, each ended by a 0
/// byte (below any byte a key holds), so that byte order is collation order.
#[cfg(test)]
fn place_key(unit: &itamemo_model::UnitName) -> Vec<u8> {
    let mut key = Vec::new();
    for text in [&unit.province, &unit.district, &unit.name] {
        sort_key_into(text, &mut key);
    }
    key
}

/// A text's ICU sort key, ended by a 0 byte.
fn sort_key_into(text: &str, key: &mut Vec<u8>) {
    let Ok(()) = collator().write_sort_key_to(text, key);
    key.push(0);
}

#[cfg(test)]
mod tests {
    use super::*;
    use itamemo_model::UnitName;

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

    /// Generated units from a seed: provinces and districts from small pools, as
    /// an area's units share them, so that ties go on to the next text.
    fn generated_units(rng: &mut fastrand::Rng, count: usize) -> Vec<UnitName> {
        let provinces: Vec<String> = (0..4).map(|_| generated_name(rng)).collect();
        let districts: Vec<String> = (0..8).map(|_| generated_name(rng)).collect();
        (0..count)
            .map(|_| UnitName {
                code: None,
                name: generated_name(rng),
                district: districts[rng.usize(..districts.len())].clone(),
                province: provinces[rng.usize(..provinces.len())].clone(),
            })
            .collect()
    }

    #[test]
    fn the_place_key_orders_units_as_by_place_does() {
        let mut rng = fastrand::Rng::with_seed(2566);
        for round in 0..200 {
            let units = generated_units(&mut rng, 40);
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

    /// On generated lists (a lead of a few values, units with the same texts and
    /// the same keys among them), `sort_by_place` gives the order of sorting by
    /// the lead and the whole place key, equal items in their first order.
    #[test]
    fn sorting_by_place_gives_the_order_of_the_whole_keys() {
        let mut rng = fastrand::Rng::with_seed(2567);
        for round in 0..300 {
            let count = rng.usize(0..120);
            let mut units = generated_units(&mut rng, count);
            // The same unit twice, and texts told apart only by what the
            // collation ignores, share keys.
            if count > 2 {
                units[1] = units[0].clone();
                units[2].district = format!("{}\u{200B}", units[2].district);
            }
            let leads: Vec<u8> = (0..count).map(|_| rng.u8(0..3)).collect();
            let mut expected: Vec<usize> = (0..count).collect();
            expected.sort_by_cached_key(|&k| (leads[k], place_key(&units[k])));
            let mut sorted: Vec<usize> = (0..count).collect();
            let u = &units;
            sort_by_place(
                &mut sorted,
                |k| leads[k],
                |k| [&u[k].province, &u[k].district, &u[k].name].map(String::as_str),
            );
            assert_eq!(sorted, expected, "round {round}");
        }
    }

    /// `in_place_order` gives the order of sorting by the lead and the whole
    /// place key, units alike in the order chosen: on generated batches of a
    /// few units and of thousands (many runs of the sort), held in memory and
    /// in files, units chosen in and out of the batch's order, some left out.
    #[test]
    fn sorting_out_of_memory_gives_the_order_of_the_whole_keys() {
        use itamemo_model::{OutcomeSpill, UnitOutcome};
        let mut rng = fastrand::Rng::with_seed(2568);
        for round in 0..22 {
            let count = match round {
                20.. => rng.usize(12_000..14_000),
                _ if round % 2 == 0 => rng.usize(0..30),
                _ => rng.usize(30..600),
            };
            let mut units = generated_units(&mut rng, count);
            if count > 2 {
                units[1] = units[0].clone();
                units[2].district = format!("{}\u{200B}", units[2].district);
            }
            let make: itamemo_model::outcomes::MakeFile =
                std::sync::Arc::new(|| tempfile::tempfile().ok());
            let spill = OutcomeSpill::new(rng.bool().then_some(make));
            for (k, unit) in units.iter().enumerate() {
                spill.put(k, &UnitOutcome::new(unit, [None, None], Ok("x.docx")));
            }
            let outcomes = spill.finish();
            let spilled: Vec<Spilled> = outcomes.spilled().collect();
            // Chosen: about four in five, each with a lead of a few values.
            let mut chosen: Vec<(u32, usize)> = Vec::new();
            for k in 0..count {
                if rng.u8(0..5) > 0 {
                    chosen.push((rng.u32(0..3), k));
                }
            }
            if rng.bool() {
                rng.shuffle(&mut chosen);
            }
            let mut expected: Vec<usize> = (0..chosen.len()).collect();
            expected.sort_by_cached_key(|&c| (chosen[c].0, place_key(&units[chosen[c].1])));
            let expected: Vec<Spilled> = expected.iter().map(|&c| spilled[chosen[c].1]).collect();
            let sorted = in_place_order(
                &outcomes,
                chosen.iter().map(|&(lead, k)| (lead, spilled[k])),
                "ทดสอบ",
            );
            if round >= 20 {
                assert!(sorted.runs() > 1, "round {round}: sorted in one run");
            }
            let mut merged = sorted.merged();
            let mut got = Vec::new();
            while let Some(record) = merged.next() {
                got.push(Spilled::from_bytes(record.extra));
            }
            assert_eq!(got, expected, "round {round}, {count} units");
        }
    }
}
