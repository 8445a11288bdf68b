//! The outcomes of a run's units, held out of the heap: each encoded as it is
//! made (postcard, from the types' serde derives) and appended to a temporary
//! file (`crate::spill`), and where it is (`Spilled`, 16 bytes) written at its
//! unit's place in a second one; memory keeps only the provinces and districts
//! met, once each. The run's end reads them back one at a time where it goes
//! through them. Held in memory, a national batch's outcomes (some 400 bytes a
//! unit) were what made the memo phase and the run's end grow with the number
//! of units (issue 16, "memory flat in the number of units"); where each one
//! was, held, still grew them by 16 bytes a unit.
//!
//! Where the file cannot be written (a full disk), what could not be written is
//! kept in memory, encoded: the run goes on and writes the same files, it only
//! holds more. Without a file (`OutcomeSpill::new(None)`, as the tests make
//! them), every outcome is held so.

use std::fs::File;
use std::sync::{Arc, Mutex};

use rustc_hash::FxHashMap;

use crate::sorted_runs::SortedRuns;
use crate::spill::{SlotSpill, Spill, Stored, Window, CHUNK};
use crate::UnitOutcome;

/// Where one unit's outcome is among the encoded outcomes, whether its memo
/// was written, and its province and district (by their pair's number among
/// those met): what `Outcomes::spilled` gives, to read the outcome by.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct Spilled {
    at: u64,
    /// Its length, and `MEMO_WRITTEN`.
    len: u32,
    /// Its place's number, and `HAS_NOTES`.
    place: u32,
}

const MEMO_WRITTEN: u32 = 1 << 31;
const HAS_NOTES: u32 = 1 << 31;

/// A `Spilled` in its slot: where, its length, its place.
const SLOT: usize = 8 + 4 + 4;

impl Spilled {
    fn len(self) -> usize {
        (self.len & !MEMO_WRITTEN) as usize
    }

    /// Whether the unit's memo was written.
    pub fn memo_written(self) -> bool {
        self.len & MEMO_WRITTEN != 0
    }

    /// Whether the unit has notes.
    pub fn has_notes(self) -> bool {
        self.place & HAS_NOTES != 0
    }

    /// Its bytes, to be carried in a sorted record (`from_bytes` reads them).
    pub fn to_bytes(self) -> [u8; SLOT] {
        let mut slot = [0; SLOT];
        slot[..8].copy_from_slice(&self.at.to_le_bytes());
        slot[8..12].copy_from_slice(&self.len.to_le_bytes());
        slot[12..].copy_from_slice(&self.place.to_le_bytes());
        slot
    }

    /// The `Spilled` whose bytes (`to_bytes`) `slot` begins with.
    pub fn from_bytes(slot: &[u8]) -> Spilled {
        let word = |k: usize| u32::from_le_bytes(slot[k..k + 4].try_into().expect("4 bytes"));
        Spilled {
            at: u64::from_le_bytes(slot[..8].try_into().expect("8 bytes")),
            len: word(8),
            place: word(12),
        }
    }
}

/// What makes the unnamed temporary files the outcomes are written to, and
/// those the run's end sorts them in (`Outcomes::sorted_runs`); `None` where
/// none can be made.
pub type MakeFile = Arc<dyn Fn() -> Option<File> + Send + Sync>;

/// Every unit's outcome, in the batch's order.
#[derive(Default)]
pub struct Outcomes {
    make_file: Option<MakeFile>,
    /// Each unit's `Spilled`, at its place.
    slots: Stored,
    count: usize,
    /// Each (province, district) met, once.
    places: Vec<(Box<str>, Box<str>)>,
    store: Stored,
}

/// The outcomes as they are made, on any thread: `put` each unit's by its
/// place in the batch, then `finish`.
pub struct OutcomeSpill {
    state: Mutex<SpillState>,
}

struct SpillState {
    make_file: Option<MakeFile>,
    spill: Spill,
    slots: SlotSpill,
    count: usize,
    places: FxHashMap<(Box<str>, Box<str>), u32>,
    place_list: Vec<(Box<str>, Box<str>)>,
}

impl OutcomeSpill {
    /// Outcomes written to a file `make_file` makes and where each is to a
    /// second one, or held in memory (`None`, or where it makes none).
    pub fn new(make_file: Option<MakeFile>) -> OutcomeSpill {
        let file = || make_file.as_ref().and_then(|make| make());
        OutcomeSpill {
            state: Mutex::new(SpillState {
                spill: Spill::new(file()),
                slots: SlotSpill::new(file(), SLOT),
                make_file,
                count: 0,
                places: FxHashMap::default(),
                place_list: Vec::new(),
            }),
        }
    }

    /// Encodes `outcome`, the `k`th unit's, and appends it. Every unit from the
    /// first to the last is to be put, once.
    pub fn put(&self, k: usize, outcome: &UnitOutcome) {
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
        let spilled = Spilled {
            at,
            len: len | written,
            place: place | notes,
        };
        state.slots.put(k, &spilled.to_bytes());
        state.count = state.count.max(k + 1);
    }

    /// The outcomes put, in the order of their units.
    pub fn finish(self) -> Outcomes {
        let state = self.state.into_inner().unwrap_or_else(|e| e.into_inner());
        Outcomes {
            make_file: state.make_file,
            slots: state.slots.finish(),
            count: state.count,
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
        self.count
    }

    pub fn is_empty(&self) -> bool {
        self.count == 0
    }

    /// Records sorted out of memory, in a file made as the outcomes' own were:
    /// the units put in an order of the run's end's (`what` they are, in Thai).
    /// Its runs are a quarter of the merge's: the run's end is a few hundred
    /// milliseconds, and runs of the merge's size, two sorted side by side,
    /// made its memory a megabyte higher than lists held whole up to some
    /// 20,000 units.
    pub fn sorted_runs(&self, what: &'static str) -> SortedRuns {
        const RUN_BYTES: usize = 64 * 1024;
        let file = self.make_file.as_ref().and_then(|make| make());
        SortedRuns::in_file(file, RUN_BYTES, what)
    }

    /// Where the `k`th unit's outcome is (one read of its slot).
    #[cfg(test)]
    fn spilled_at(&self, k: usize) -> Spilled {
        assert!(k < self.count, "unit {k} of {}", self.count);
        self.slot(&mut Window::reading(0), k)
    }

    /// Where each unit's outcome is, in turn: what `read`, `name` and `place`
    /// take, and what says whether its memo was written or it has notes,
    /// without reading the outcome.
    pub fn spilled(&self) -> impl ExactSizeIterator<Item = Spilled> + '_ {
        let mut window = Window::reading(CHUNK);
        (0..self.count).map(move |k| self.slot(&mut window, k))
    }

    /// The `k`th unit's outcome, read back.
    #[cfg(test)]
    fn get(&self, k: usize) -> UnitOutcome {
        self.read(self.spilled_at(k))
    }

    /// The outcome at `at`, read back.
    pub fn read(&self, at: Spilled) -> UnitOutcome {
        self.read_through(&mut Window::reading(0), at)
    }

    /// The unit's name, read back without the rest of its outcome (for
    /// putting units in order).
    pub fn name(&self, at: Spilled) -> String {
        let mut alone = Window::reading(0);
        let bytes = self.bytes(&mut alone, at);
        let (texts, _) = postcard::take_from_bytes::<crate::run::Texts>(bytes)
            .expect("an outcome reads back as it was encoded");
        texts.name().to_string()
    }

    /// Each unit's outcome in turn, read back one at a time.
    pub fn iter(&self) -> impl ExactSizeIterator<Item = UnitOutcome> + '_ {
        self.iter_spilled().map(|(_, outcome)| outcome)
    }

    /// Each unit's outcome in turn with where it is, read back one at a time.
    pub fn iter_spilled(&self) -> impl ExactSizeIterator<Item = (Spilled, UnitOutcome)> + '_ {
        let mut window = Window::reading(CHUNK);
        self.spilled()
            .map(move |at| (at, self.read_through(&mut window, at)))
    }

    /// The unit's province and district, without reading its outcome.
    pub fn place(&self, at: Spilled) -> (&str, &str) {
        let (province, district) = &self.places[(at.place & !HAS_NOTES) as usize];
        (province, district)
    }

    /// Every unit's province and district in turn, without reading the outcomes.
    pub fn places(&self) -> impl Iterator<Item = (&str, &str)> + '_ {
        self.spilled().map(|at| self.place(at))
    }

    fn slot(&self, window: &mut Window, k: usize) -> Spilled {
        let slot = self
            .slots
            .bytes(window, (k * SLOT) as u64, SLOT)
            .unwrap_or_else(|err| crate::spill::unreadable("ผลของหน่วยงาน", &err));
        Spilled::from_bytes(slot)
    }

    fn read_through(&self, window: &mut Window, at: Spilled) -> UnitOutcome {
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
        for (k, outcome) in outcomes.into_iter().enumerate() {
            spill.put(k, &outcome);
        }
        spill.finish()
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
        // Put from two threads in pieces of sixteen, each thread its pieces
        // from the far end inwards, out of order (the memo phase's threads take
        // theirs as they come).
        let pieces: Vec<std::ops::Range<usize>> = (0..count)
            .step_by(16)
            .map(|from| from..(from + 16).min(count))
            .collect();
        std::thread::scope(|s| {
            for half in [0, 1] {
                let (spill, pieces, made) = (&spill, &pieces, &made);
                s.spawn(move || {
                    for piece in pieces.iter().skip(half).step_by(2).rev() {
                        for k in piece.clone() {
                            spill.put(k, &made[k]);
                        }
                    }
                });
            }
        });
        let outcomes = spill.finish();
        assert_eq!(outcomes.len(), count);
        let read = outcomes.spilled().zip(outcomes.iter());
        for (k, (made, (at, read))) in made.iter().zip(read).enumerate() {
            assert_eq!(
                format!("{made:?}"),
                format!("{read:?}"),
                "seed {seed}, unit {k}"
            );
            assert_eq!(outcomes.spilled_at(k), at);
            assert_eq!(outcomes.place(at), (made.province(), made.district()));
            assert_eq!(outcomes.name(at), made.name());
            assert_eq!(at.memo_written(), made.memo().is_ok());
            assert_eq!(at.has_notes(), !made.notes.is_empty());
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
            let make: MakeFile = Arc::new(|| Some(tempfile::tempfile().unwrap()));
            let outcomes = check(OutcomeSpill::new(Some(make)), seed, 1_500);
            assert!(outcomes.store.held.is_empty());
            assert!(outcomes.store.written > 2 * CHUNK as u64);
            assert!(outcomes.slots.held.is_empty());
            assert_eq!(outcomes.slots.written, 1_500 * SLOT as u64);
            let outcomes = check(OutcomeSpill::new(None), seed, 700);
            assert!(outcomes.store.held.len() > 1);
            // The runs held, joined: one.
            assert_eq!(outcomes.slots.held.len(), 1);
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
        let spill = OutcomeSpill::new(Some(Arc::new(move || File::open(&path).ok())));
        let outcomes = check(spill, 7, 900);
        assert!(outcomes.store.held.len() > 1);
        assert_eq!(outcomes.store.written, 0);
        assert_eq!(outcomes.slots.held.len(), 1);
        assert_eq!(outcomes.slots.written, 0);
    }
}
