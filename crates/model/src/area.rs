//! What the whole area of a batch comes to, for the summary memo and the report's
//! sheet of indicators: every figure taken from the findings the unit memos were
//! written from (analyze makes it), never read again from the files.

use crate::{Change, Score, UnitName};

/// The pass mark nationally (85): units below it are the ones an office is asked about.
pub const PASS_MARK: Score = Score::PASS_MARK;

/// The most indicators a year's framework may have for the area's figures (the
/// frameworks of 2563-2569 have ten).
pub const MAX_INDICATORS: usize = 16;

/// One unit analysed, as far as the area's figures need it (held in its
/// `UnitOutcome`). Held without a heap allocation: made beside each memo on the
/// pool's threads, small allocations kept alive among the memos' large ones
/// fragmented the heap (peak memory of 1,000 units rose from 23 MB to up to 35 MB).
#[derive(Clone, Copy, Debug, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct AreaUnit {
    pub overall: Score,
    /// Its level, by place on the scale of the year analysed (0: the top), as
    /// its memo prints it.
    pub level: u8,
    pub previous_overall: Option<Score>,
    pub change: Option<Change>,
    /// In the framework's order, `indicator_count` of them.
    #[serde(with = "indicators_used")]
    pub indicators: [AreaIndicatorScore; MAX_INDICATORS],
    pub indicator_count: u8,
    /// The date its memo carries (C.E. year, month, day).
    pub memo_date: (i32, u32, u32),
    /// The items scored met or not (OIT) that it did not meet, as bits by their
    /// place among the year's such items (see `Analyzer::area_unit`).
    pub unmet: UnmetItems,
    /// Some indicator scored met or not is short of full marks where the export
    /// gives none of its items: items not met that its memo cannot name.
    pub unmet_unnamed: bool,
}

impl AreaUnit {
    /// Whether it scored below `pass_mark`: the summary's units that should be
    /// followed up.
    pub fn is_below(&self, pass_mark: Score) -> bool {
        self.overall < pass_mark
    }
}

/// `AreaUnit::indicators` encoded without the unused places at its end (left
/// as `AreaIndicatorScore::default()`, and read back so): a national unit has
/// ten of sixteen, and an outcome is read back some ten times a run.
mod indicators_used {
    use super::{AreaIndicatorScore, MAX_INDICATORS};
    use serde::de::{Error, SeqAccess, Visitor};
    use serde::{Deserializer, Serializer};

    type All = [AreaIndicatorScore; MAX_INDICATORS];

    pub fn serialize<S: Serializer>(all: &All, to: S) -> Result<S::Ok, S::Error> {
        let used = all
            .iter()
            .rposition(|i| *i != AreaIndicatorScore::default())
            .map_or(0, |k| k + 1);
        to.collect_seq(&all[..used])
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(from: D) -> Result<All, D::Error> {
        struct Used;
        impl<'de> Visitor<'de> for Used {
            type Value = All;

            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                write!(f, "at most {MAX_INDICATORS} indicators")
            }

            fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<All, A::Error> {
                let mut all = [AreaIndicatorScore::default(); MAX_INDICATORS];
                for slot in &mut all {
                    match seq.next_element()? {
                        Some(i) => *slot = i,
                        None => return Ok(all),
                    }
                }
                match seq.next_element::<AreaIndicatorScore>()? {
                    Some(_) => Err(A::Error::invalid_length(MAX_INDICATORS + 1, &self)),
                    None => Ok(all),
                }
            }
        }
        from.deserialize_seq(Used)
    }
}

/// Up to 128 items, one bit each: no heap, as `AreaUnit` needs.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct UnmetItems(pub [u64; 2]);

impl UnmetItems {
    pub const CAPACITY: usize = 128;

    pub fn insert(&mut self, at: usize) {
        if at < Self::CAPACITY {
            self.0[at / 64] |= 1 << (at % 64);
        }
    }

    pub fn contains(&self, at: usize) -> bool {
        at < Self::CAPACITY && self.0[at / 64] & (1 << (at % 64)) != 0
    }
}

/// An item scored met or not, with the units of the area that did not meet it.
#[derive(Clone, Debug, PartialEq)]
pub struct ItemAcross {
    /// As the memos cite it: "O30".
    pub label: String,
    pub units: usize,
}

impl AreaUnit {
    pub fn indicators(&self) -> &[AreaIndicatorScore] {
        &self.indicators[..usize::from(self.indicator_count)]
    }
}

/// One indicator's scores, in six bytes (a unit holds sixteen of them): the
/// scores in hundredths, and what its memo says of it as bits.
#[derive(Clone, Copy, Debug, Default, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct AreaIndicatorScore {
    pub number: u8,
    /// `NEEDS_WORK`, `UNMET_UNNAMED`.
    said: u8,
    current: u16,
    /// `NO_SCORE` where there is no year before.
    previous: u16,
}

const NO_SCORE: u16 = u16::MAX;
const NEEDS_WORK: u8 = 1;
const UNMET_UNNAMED: u8 = 2;

impl AreaIndicatorScore {
    pub fn new(
        number: u8,
        current: Score,
        previous: Option<Score>,
        needs_work: bool,
        unmet_unnamed: bool,
    ) -> AreaIndicatorScore {
        // A score is at most 10,000 hundredths.
        let hundredths = |s: Score| s.hundredths() as u16;
        AreaIndicatorScore {
            number,
            said: u8::from(needs_work) * NEEDS_WORK + u8::from(unmet_unnamed) * UNMET_UNNAMED,
            current: hundredths(current),
            previous: previous.map_or(NO_SCORE, hundredths),
        }
    }

    /// As its memo says it: fell, or below the threshold.
    pub fn needs_work(&self) -> bool {
        self.said & NEEDS_WORK != 0
    }

    /// Scored met or not and short of full marks where the export names none
    /// of its items: its memo asks for the items not met without naming them
    /// (`IndicatorFinding::unmet_unnamed`).
    pub fn unmet_unnamed(&self) -> bool {
        self.said & UNMET_UNNAMED != 0
    }

    pub fn current(&self) -> Score {
        Score::from_hundredths(u32::from(self.current)).unwrap_or_default()
    }

    pub fn previous(&self) -> Option<Score> {
        (self.previous != NO_SCORE)
            .then(|| Score::from_hundredths(u32::from(self.previous)).unwrap_or_default())
    }
}

/// A unit found in the files that got no memo, and why.
#[derive(Clone, Debug, PartialEq)]
pub struct UnitWithoutMemo {
    pub unit: UnitName,
    pub reasons: Vec<crate::reason::Reason>,
}

/// How many units stand at one level of the year's scale.
#[derive(Clone, Debug, PartialEq)]
pub struct LevelCount {
    pub label: String,
    pub count: usize,
}

/// A unit below the pass mark: its score and how it moved
/// (`AreaSummary::below_pass`).
#[derive(Clone, Debug, PartialEq)]
pub struct BelowPass {
    /// Where the unit's outcome is among those the figures were made from (the
    /// run report's units), its names among it.
    pub unit: crate::outcomes::Spilled,
    pub overall: Score,
    pub previous: Option<Score>,
    pub change: Option<Change>,
}

/// One indicator across the area.
#[derive(Clone, Debug, PartialEq)]
pub struct IndicatorAcross {
    pub number: u8,
    pub name: String,
    /// Units whose memo says it needs work.
    pub weak_units: usize,
    /// The mean of the year analysed, over every unit with a memo.
    pub mean: Score,
    /// The mean of the year before, over the units that have it (`None`: none has).
    pub previous_mean: Option<Score>,
    /// How many units the previous mean is over.
    pub previous_units: usize,
    /// The mean of the year analysed over those same units: what the previous
    /// mean is compared with (`None` where none has the year before).
    pub paired_mean: Option<Score>,
}

impl IndicatorAcross {
    /// The change of the mean, over the units that have both years.
    pub fn change(&self) -> Option<Change> {
        paired_change(self.previous_mean, self.paired_mean)
    }
}

/// The change between two means over the same units: a mean over units of both
/// years against one over more units would tell a change nobody made.
fn paired_change(previous: Option<Score>, paired: Option<Score>) -> Option<Change> {
    Some(Change::between(previous?, paired?))
}

/// A band of overall scores, `from` up to below `below` (`None`: up to 100).
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct ScoreBand {
    pub from: Score,
    pub below: Option<Score>,
    pub count: usize,
}

#[derive(Clone, Debug, PartialEq)]
pub struct AreaSummary {
    pub memo_year: u16,
    /// The year analysed and the year before it.
    pub year: u16,
    pub previous_year: u16,
    pub pass_mark: Score,
    /// An indicator scoring below it needs work (the memos' threshold).
    pub threshold: Score,
    /// Where the register names one office for every unit of the run; else the
    /// summary leaves a dotted blank.
    pub office: Option<String>,
    /// Units with a memo; the figures below are over these.
    pub units_with_memo: usize,
    /// Every level of the year's scale, top first, with zero where no unit is.
    pub levels: Vec<LevelCount>,
    /// How many units with a memo scored below the pass mark: they are read
    /// from the outcomes where they are listed (`below_pass`), not held, as
    /// half a national batch may be below it.
    pub units_below_pass: usize,
    /// In the framework's order.
    pub indicators: Vec<IndicatorAcross>,
    pub overall_mean: Score,
    pub overall_previous_mean: Option<Score>,
    pub overall_previous_units: usize,
    /// The overall mean of the year analysed over the units that have the year
    /// before (see `IndicatorAcross::paired_mean`).
    pub overall_paired_mean: Option<Score>,
    pub highest: Score,
    pub lowest: Score,
    pub median: Score,
    /// Lowest band first; together they hold every unit with a memo.
    pub bands: Vec<ScoreBand>,
    pub without_memo: Vec<UnitWithoutMemo>,
    /// The year's items scored met or not that some unit did not meet, in the
    /// most units first (the framework's order on a tie).
    pub unmet_items: Vec<ItemAcross>,
    /// The units with a memo that did not meet items their export does not
    /// name (`AreaUnit::unmet_unnamed`): the summary says their items are missing.
    pub units_unmet_unnamed: usize,
    /// Where the units found are: each province with its districts (names as
    /// the files give them; empty names left out).
    pub places: std::collections::BTreeMap<String, std::collections::BTreeSet<String>>,
}

impl AreaSummary {
    /// The units with a memo below the pass mark, in the batch's order, read
    /// from `units`, the outcomes the figures were made from.
    pub fn below_pass<'a>(
        &'a self,
        units: &'a crate::Outcomes,
    ) -> impl Iterator<Item = BelowPass> + 'a {
        units
            .iter_spilled()
            .filter_map(|(at, outcome)| self.below_pass_of(at, &outcome))
    }

    /// The unit whose outcome is `outcome`, at `at`, where its memo was written
    /// and it scored below the pass mark.
    pub fn below_pass_of(
        &self,
        at: crate::outcomes::Spilled,
        outcome: &crate::UnitOutcome,
    ) -> Option<BelowPass> {
        let unit = outcome.area.as_ref().filter(|_| outcome.memo().is_ok())?;
        unit.is_below(self.pass_mark).then_some(BelowPass {
            unit: at,
            overall: unit.overall,
            previous: unit.previous_overall,
            change: unit.change,
        })
    }

    /// The change of the overall mean, over the units that have both years.
    pub fn overall_change(&self) -> Option<Change> {
        paired_change(self.overall_previous_mean, self.overall_paired_mean)
    }

    /// Whether some units with a memo lack the year before, so that the change
    /// is over fewer units than the year's mean.
    pub fn change_over_fewer(&self) -> bool {
        self.overall_previous_units < self.units_with_memo
    }

    /// Every unit found in the files, with a memo or without.
    pub fn units_found(&self) -> usize {
        self.units_with_memo + self.without_memo.len()
    }

    /// The indicators that need work in at least one unit, in the most units first
    /// (the framework's order on a tie).
    pub fn weakest(&self) -> Vec<&IndicatorAcross> {
        let mut weak: Vec<&IndicatorAcross> = self
            .indicators
            .iter()
            .filter(|i| i.weak_units > 0)
            .collect();
        weak.sort_by_key(|i| std::cmp::Reverse(i.weak_units));
        weak
    }

    /// A count as a share of the units with a memo, in hundredths of a per cent.
    pub fn share(&self, count: usize) -> Score {
        share(count, self.units_with_memo)
    }
}

/// `count` of `total` as a percentage rounded to two decimals (0 of 0 is 0).
pub fn share(count: usize, total: usize) -> Score {
    let hundredths = if total == 0 {
        0
    } else {
        ((count as u64 * 20_000 + total as u64) / (2 * total as u64)) as u32
    };
    Score::from_hundredths(hundredths.min(10_000)).expect("a share is 0-100")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_indicator_s_scores_are_read_back_as_given() {
        for (current, previous) in [(0, None), (10_000, Some(0)), (8_512, Some(10_000))] {
            let current = Score::from_hundredths(current).unwrap();
            let previous = previous.map(|p| Score::from_hundredths(p).unwrap());
            let i = AreaIndicatorScore::new(3, current, previous, true, false);
            assert_eq!((i.current(), i.previous()), (current, previous));
        }
    }

    #[test]
    fn shares_round_half_up_to_two_decimals() {
        assert_eq!(share(1, 3).to_string(), "33.33");
        assert_eq!(share(2, 3).to_string(), "66.67");
        assert_eq!(share(3, 3).to_string(), "100");
        assert_eq!(share(0, 0).to_string(), "0.00");
        assert_eq!(share(1, 8).to_string(), "12.50");
    }
}
