//! The outcomes of a run's units, held out of the heap: each encoded as it is
//! made (postcard, from the types' serde derives) and appended to a temporary
//! file (`crate::spill`), memory keeping only where each one is (16 bytes a unit) and the
//! provinces and districts met, once each. The run's end reads them back one at
//! a time where it goes through them. Held in memory, a national batch's
//! outcomes (some 400 bytes a unit) were what made the memo phase and the run's
//! end grow with the number of units (issue 16, "memory flat in the number of
//! units").
//!
//! Where the file cannot be written (a full disk), what could not be written is
//! kept in memory, encoded: the run goes on and writes the same files, it only
//! holds more. Without a file (`OutcomeSpill::new(None)`, as the tests make
//! them), every outcome is held so.

use std::fs::File;
use std::sync::Mutex;

use rustc_hash::FxHashMap;

use crate::spill::{Spill, Stored, Window, CHUNK};
use crate::UnitOutcome;

/// Where one unit's outcome is among the encoded outcomes, whether its memo
/// was written, and its province and district (by their pair's number among
/// those met).
#[derive(Clone, Copy, Debug)]
pub struct Spilled {
    at: u64,
    /// Its length, and `MEMO_WRITTEN`.
    len: u32,
    /// Its place's number, and `HAS_NOTES`.
    place: u32,
}

const MEMO_WRITTEN: u32 = 1 << 31;
const HAS_NOTES: u32 = 1 << 31;

impl Spilled {
    fn len(self) -> usize {
        (self.len & !MEMO_WRITTEN) as usize
    }
}

/// Every unit's outcome, in the batch's order.
#[derive(Default)]
pub struct Outcomes {
    index: Vec<Spilled>,
    /// Each (province, district) met, once.
    places: Vec<(Box<str>, Box<str>)>,
    store: Stored,
}

/// The outcomes as they are made, on any thread: `put` each, then `finish`
/// with what `put` gave, in the batch's order.
pub struct OutcomeSpill {
    state: Mutex<SpillState>,
}

struct SpillState {
    spill: Spill,
    places: FxHashMap<(Box<str>, Box<str>), u32>,
    place_list: Vec<(Box<str>, Box<str>)>,
}

impl OutcomeSpill {
    /// Outcomes written to `file` (an unnamed temporary file), or held in memory.
    pub fn new(file: Option<File>) -> OutcomeSpill {
        OutcomeSpill {
            state: Mutex::new(SpillState {
                spill: Spill::new(file),
                places: FxHashMap::default(),
                place_list: Vec::new(),
            }),
        }
    }

    /// Encodes `outcome` and appends it: where it is, for `finish`.
    pub fn put(&self, outcome: &UnitOutcome) -> Spilled {
        let mut state = self.state.lock().unwrap_or_else(|e| e.into_inner());
        let state = &mut *state;
        let place = state.place_of(outcome.province(), outcome.district());
        let (at, len) = state.spill.append(|bytes| {
            let chunk = std::mem::take(bytes);
            *bytes = postcard::to_extend(outcome, chunk).expect("an outcome can be encoded");
        });
        let len = u32::try_from(len)
            .ok()
            .filter(|&len| len < MEMO_WRITTEN)
            .expect("an outcome is under 2 GB");
        let written = match outcome.memo() {
            Ok(_) => MEMO_WRITTEN,
            Err(_) => 0,
        };
        let notes = match outcome.notes.is_empty() {
            true => 0,
            false => HAS_NOTES,
        };
        Spilled {
            at,
            len: len | written,
            place: place | notes,
        }
    }

    /// The outcomes `put` gave `index` for, in that order.
    pub fn finish(self, index: Vec<Spilled>) -> Outcomes {
        let state = self.state.into_inner().unwrap_or_else(|e| e.into_inner());
        Outcomes {
            index,
            places: state.place_list,
            store: state.spill.finish(),
        }
    }
}

impl SpillState {
    fn place_of(&mut self, province: &str, district: &str) -> u32 {
        let key = (Box::from(province), Box::from(district));
        if let Some(&k) = self.places.get(&key) {
            return k;
        }
        let k = u32::try_from(self.place_list.len())
            .ok()
            .filter(|&k| k < HAS_NOTES)
            .expect("under 2 billion places");
        self.place_list.push(key.clone());
        self.places.insert(key, k);
        k
    }
}

impl Outcomes {
    pub fn len(&self) -> usize {
        self.index.len()
    }

    pub fn is_empty(&self) -> bool {
        self.index.is_empty()
    }

    /// The `k`th unit's outcome, read back.
    pub fn get(&self, k: usize) -> UnitOutcome {
        self.read(&mut Window::reading(0), self.index[k])
    }

    /// The `k`th unit's name, read back without the rest of its outcome (for
    /// putting units in order).
    pub fn name(&self, k: usize) -> String {
        let mut alone = Window::reading(0);
        let bytes = self.bytes(&mut alone, self.index[k]);
        let (texts, _) = postcard::take_from_bytes::<crate::run::Texts>(bytes)
            .expect("an outcome reads back as it was encoded");
        texts.name().to_string()
    }

    /// Whether the `k`th unit's memo was written, without reading its outcome.
    pub fn memo_written(&self, k: usize) -> bool {
        self.index[k].len & MEMO_WRITTEN != 0
    }

    /// Whether the `k`th unit has notes, without reading its outcome.
    pub fn has_notes(&self, k: usize) -> bool {
        self.index[k].place & HAS_NOTES != 0
    }

    /// Each unit's outcome in turn, read back one at a time.
    pub fn iter(&self) -> impl ExactSizeIterator<Item = UnitOutcome> + '_ {
        let mut window = Window::reading(CHUNK);
        self.index.iter().map(move |&at| self.read(&mut window, at))
    }

    /// The `k`th unit's province and district, without reading its outcome.
    pub fn place(&self, k: usize) -> (&str, &str) {
        let (province, district) = &self.places[(self.index[k].place & !HAS_NOTES) as usize];
        (province, district)
    }

    /// Every unit's province and district in turn, without reading the outcomes.
    pub fn places(&self) -> impl Iterator<Item = (&str, &str)> + '_ {
        (0..self.len()).map(|k| self.place(k))
    }

    fn read(&self, window: &mut Window, at: Spilled) -> UnitOutcome {
        postcard::from_bytes(self.bytes(window, at))
            .expect("an outcome reads back as it was encoded")
    }

    fn bytes<'w>(&'w self, window: &'w mut Window, at: Spilled) -> &'w [u8] {
        self.store
            .bytes(window, at.at, at.len())
            .unwrap_or_else(|err| crate::spill::unreadable("ผลของหน่วยงาน", &err))
    }
}

impl std::fmt::Debug for Outcomes {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Outcomes")
            .field("units", &self.len())
            .field("in_file", &self.store.in_file())
            .finish()
    }
}

/// Outcomes held in memory (tests, and runs of a few units).
impl FromIterator<UnitOutcome> for Outcomes {
    fn from_iter<I: IntoIterator<Item = UnitOutcome>>(outcomes: I) -> Outcomes {
        let spill = OutcomeSpill::new(None);
        let index = outcomes.into_iter().map(|o| spill.put(&o)).collect();
        spill.finish(index)
    }
}

impl From<Vec<UnitOutcome>> for Outcomes {
    fn from(outcomes: Vec<UnitOutcome>) -> Outcomes {
        outcomes.into_iter().collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::reason::{BadValue, Found, Note, Reason};
    use crate::{AreaIndicatorScore, AreaUnit, Change, Score, UnitName, UnmetItems, YearLine};

    fn text(rng: &mut fastrand::Rng) -> String {
        const PIECES: [&str; 8] = ["เทศบาล", "ตำบล", "อบต.", "ข้าม", "A", "9", " ", "\u{200b}"];
        (0..rng.usize(0..12))
            .map(|_| PIECES[rng.usize(..PIECES.len())])
            .collect()
    }

    fn score(rng: &mut fastrand::Rng) -> Score {
        Score::from_hundredths(rng.u32(0..=10_000)).unwrap()
    }

    fn reason(rng: &mut fastrand::Rng) -> Reason {
        match rng.u8(0..5) {
            0 => Reason::NoResultForYear { year: rng.u16(..) },
            1 => Reason::MemoNotWritten {
                file: text(rng),
                os: text(rng),
            },
            2 => Reason::DateAfterFiscalYear {
                date: (rng.i32(..), rng.u32(..), rng.u32(..)),
                year: rng.u16(..),
            },
            3 => Reason::BadValue {
                value: BadValue::StrayFraction(rng.f64()),
                place: text(rng),
            },
            _ => Reason::CodeTwoNames {
                code: text(rng),
                names: Box::new([0, 1].map(|_| Found {
                    text: text(rng),
                    at: text(rng),
                })),
            },
        }
    }

    fn note(rng: &mut fastrand::Rng) -> Note {
        match rng.u8(0..3) {
            0 => Note::EarlierMemoKept { file: text(rng) },
            1 => Note::InSheet {
                sheet: text(rng),
                note: Box::new(Note::SheetRefused(reason(rng))),
            },
            _ => Note::FractionColumn {
                header: text(rng),
                year: rng.bool().then(|| rng.u16(..)),
            },
        }
    }

    fn outcome(rng: &mut fastrand::Rng) -> UnitOutcome {
        let unit = UnitName {
            code: rng.bool().then(|| text(rng)),
            name: text(rng),
            district: text(rng),
            province: text(rng),
        };
        let grades = [0, 1].map(|_| rng.bool().then(|| text(rng)));
        let grades = [grades[0].as_deref(), grades[1].as_deref()];
        let file = format!("{}{}", unit.name, text(rng));
        let memo = match rng.bool() {
            true => Ok(file.as_str()),
            false => Err((0..rng.usize(1..3)).map(|_| reason(rng)).collect()),
        };
        let mut outcome = UnitOutcome::new(&unit, grades, memo);
        let line = |rng: &mut fastrand::Rng| YearLine {
            year: rng.u16(..),
            overall: rng.bool().then(|| score(rng)),
        };
        outcome.previous = rng.bool().then(|| line(rng));
        outcome.current = rng.bool().then(|| line(rng));
        outcome.change = rng.bool().then(|| Change::between(score(rng), score(rng)));
        outcome.notes = (0..rng.usize(0..3)).map(|_| note(rng)).collect();
        outcome.area = rng.bool().then(|| {
            // The places after those used are left as they are made.
            let mut indicators = [AreaIndicatorScore::default(); crate::MAX_INDICATORS];
            for i in &mut indicators[..rng.usize(0..=crate::MAX_INDICATORS)] {
                *i = AreaIndicatorScore::new(
                    rng.u8(..),
                    score(rng),
                    rng.bool().then(|| score(rng)),
                    rng.bool(),
                    rng.bool(),
                );
            }
            AreaUnit {
                overall: score(rng),
                level: rng.u8(..),
                previous_overall: rng.bool().then(|| score(rng)),
                change: None,
                indicators,
                indicator_count: rng.u8(0..=16),
                memo_date: (rng.i32(..), rng.u32(..), rng.u32(..)),
                unmet: UnmetItems([rng.u64(..), rng.u64(..)]),
                unmet_unnamed: rng.bool(),
            }
        });
        outcome
    }

    fn check(spill: OutcomeSpill, seed: u64, count: usize) -> Outcomes {
        let mut rng = fastrand::Rng::with_seed(seed);
        let made: Vec<UnitOutcome> = (0..count).map(|_| outcome(&mut rng)).collect();
        // Put from two threads, as the memo phase does, in pieces out of order.
        let index: Vec<Spilled> = std::thread::scope(|s| {
            let halves = made.split_at(count / 2);
            let spill = &spill;
            let first = s.spawn(move || halves.0.iter().map(|o| spill.put(o)).collect::<Vec<_>>());
            let mut second: Vec<Spilled> = halves.1.iter().map(|o| spill.put(o)).collect();
            let mut index = first.join().unwrap();
            index.append(&mut second);
            index
        });
        let outcomes = spill.finish(index);
        assert_eq!(outcomes.len(), count);
        for (k, (made, read)) in made.iter().zip(outcomes.iter()).enumerate() {
            assert_eq!(
                format!("{made:?}"),
                format!("{read:?}"),
                "seed {seed}, unit {k}"
            );
            assert_eq!(outcomes.place(k), (made.province(), made.district()));
            assert_eq!(outcomes.name(k), made.name());
            assert_eq!(outcomes.memo_written(k), made.memo().is_ok());
            assert_eq!(outcomes.has_notes(k), !made.notes.is_empty());
        }
        for _ in 0..50 {
            let k = rng.usize(..count);
            assert_eq!(format!("{:?}", made[k]), format!("{:?}", outcomes.get(k)));
        }
        outcomes
    }

    /// Every outcome reads back as it was put, whether the file holds it or
    /// memory does, many chunks' worth, put from two threads.
    #[test]
    fn outcomes_read_back_as_they_were_put() {
        for seed in 0..6 {
            let file = tempfile::tempfile().unwrap();
            let outcomes = check(OutcomeSpill::new(Some(file)), seed, 1_500);
            assert!(outcomes.store.held.is_empty());
            assert!(outcomes.store.written > 2 * CHUNK as u64);
            let outcomes = check(OutcomeSpill::new(None), seed, 700);
            assert!(outcomes.store.held.len() > 1);
        }
        assert!(Outcomes::default().iter().next().is_none());
    }

    /// A file that cannot be written (a full disk): the outcomes are held in
    /// memory and read back the same.
    #[test]
    fn outcomes_the_file_refuses_are_held() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("read-only");
        std::fs::write(&path, b"").unwrap();
        let file = File::open(&path).unwrap();
        let spill = OutcomeSpill::new(Some(file));
        let outcomes = check(spill, 7, 900);
        assert!(outcomes.store.held.len() > 1);
        assert_eq!(outcomes.store.written, 0);
    }
}
