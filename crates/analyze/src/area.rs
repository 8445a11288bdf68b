//! The whole area of a batch: findings in (the very ones each unit's memo was
//! written from), the area's figures out. Nothing here reads a score again.

use itamemo_model::fiscal::assessment_years;
use itamemo_model::{
    AreaIndicatorScore, AreaSummary, AreaUnit, Findings, IndicatorAcross, ItemAcross, LevelCount,
    Outcomes, RegisterEntry, Score, ScoreBand, UnitWithoutMemo, UnmetItems, MAX_INDICATORS,
};

use crate::Analyzer;
use overall_scores::OverallScores;

/// The office a batch's summary is from: the register's ส่วนราชการ where every
/// unit of the batch has the same one and it names none of them (an office
/// inside each unit, "สำนักปลัด เทศบาลตำบล...", is the unit's, not the batch's).
/// `units` are each unit's name and register row, read once, in turn.
pub fn batch_office<'a, N: AsRef<str>>(
    units: impl IntoIterator<Item = (N, Option<&'a RegisterEntry>)>,
) -> Option<String> {
    let office = |r: Option<&'a RegisterEntry>| r.and_then(|r| r.details.office.as_deref());
    let mut units = units.into_iter();
    let (name, register) = units.next()?;
    let first = office(register)?.trim();
    let mut same = true;
    let mut names_a_unit = first.contains(name.as_ref());
    for (name, register) in units {
        same &= office(register).map(str::trim) == Some(first);
        names_a_unit |= first.contains(name.as_ref());
    }
    (same && !first.is_empty() && !names_a_unit).then(|| first.to_string())
}

/// Where the bands of the spread of overall scores start: below 60, then every
/// five points, the last 95 to 100 (85, the pass mark, starts a band).
const BAND_STARTS: [u32; 9] = [0, 6000, 6500, 7000, 7500, 8000, 8500, 9000, 9500];

/// A level not on the year's scale (none, while the memos' grades and the scale
/// come from one framework).
const NO_LEVEL: u8 = u8::MAX;

impl Analyzer {
    /// What the area needs of a unit's findings: taken as its memo is written,
    /// so that a national batch holds a couple of hundred bytes a unit, not its
    /// findings.
    pub fn area_unit(&self, f: &Findings) -> AreaUnit {
        let level = self
            .frameworks
            .get(f.current.year)
            .ok()
            .and_then(|framework| {
                framework
                    .scale
                    .iter()
                    .position(|g| g.label == f.current.grade)
            })
            .and_then(|at| u8::try_from(at).ok())
            .unwrap_or(NO_LEVEL);
        let mut indicators = [AreaIndicatorScore::default(); MAX_INDICATORS];
        for (slot, i) in indicators.iter_mut().zip(&f.indicators) {
            *slot = AreaIndicatorScore::new(
                i.number,
                i.current,
                i.previous,
                i.needs_work,
                i.unmet_unnamed,
            );
        }
        AreaUnit {
            overall: f.current.overall,
            level,
            previous_overall: f.previous.as_ref().map(|p| p.overall),
            change: f.overall_change,
            indicators,
            indicator_count: f.indicators.len().min(MAX_INDICATORS) as u8,
            memo_date: f.date,
            unmet: self.unmet_items(f),
            unmet_unnamed: f.indicators.iter().any(|i| i.unmet_unnamed),
        }
    }

    /// The unit's items not met, by their place among the year's items scored
    /// met or not (the labels its memo cites as "ยังไม่ผ่าน").
    fn unmet_items(&self, f: &Findings) -> UnmetItems {
        let mut unmet = UnmetItems::default();
        let labels: Vec<&String> = f
            .tools
            .iter()
            .flat_map(|t| &t.weak_points)
            .flat_map(|w| &w.unmet_items)
            .collect();
        if labels.is_empty() {
            return unmet;
        }
        let Ok(framework) = self.frameworks.get(f.current.year) else {
            return unmet;
        };
        let all = framework.met_or_not_labels();
        for label in labels {
            if let Some(at) = all.iter().position(|l| l == label) {
                unmet.insert(at);
            }
        }
        unmet
    }

    /// The area's figures for the memos of `memo_year`, over the units of the
    /// batch (in its order): those whose memo was written, and the others with
    /// their reasons.
    pub fn area_summary(
        &self,
        memo_year: u16,
        batch: &Outcomes,
        office: Option<String>,
    ) -> AreaSummary {
        let (year, previous_year) = assessment_years(memo_year);
        let framework = self.frameworks.get(year).ok();
        let pass_mark = Score::PASS_MARK;

        // Every level of the year's scale, top first.
        let scale: Vec<String> = framework
            .map(|f| f.scale.iter().map(|g| g.label.clone()).collect())
            .unwrap_or_default();
        let label = |level: u8| {
            scale
                .get(usize::from(level))
                .cloned()
                .unwrap_or_else(|| "-".to_string())
        };
        let mut levels: Vec<LevelCount> = scale
            .iter()
            .map(|label| LevelCount {
                label: label.clone(),
                count: 0,
            })
            .collect();
        // Each indicator's sums, the framework's first, then any other in the
        // order the units give them.
        let mut indicators: Vec<(u8, IndicatorSums)> = framework
            .map(|f| {
                f.indicators
                    .iter()
                    .map(|i| (i.number, IndicatorSums::default()))
                    .collect()
            })
            .unwrap_or_default();
        let mut units_below_pass = 0;
        let mut without_memo: Vec<UnitWithoutMemo> = Vec::new();
        let mut overall = OverallScores::new();
        let mut previous_overall = Sums::default();
        let mut paired_overall = Sums::default();
        let mut unmet = [0usize; UnmetItems::CAPACITY];
        let mut units_unmet_unnamed = 0;
        // The outcomes are read back one at a time, once (see `Outcomes`).
        for outcome in batch.iter() {
            let unit = match (outcome.memo(), &outcome.area) {
                (Ok(_), Some(unit)) => unit,
                (Ok(_), None) => continue,
                (Err(reasons), _) => {
                    without_memo.push(UnitWithoutMemo {
                        unit: outcome.unit_name(),
                        reasons: reasons.to_vec(),
                    });
                    continue;
                }
            };
            match levels.get_mut(usize::from(unit.level)) {
                Some(level) => level.count += 1,
                None => levels.push(LevelCount {
                    label: label(unit.level),
                    count: 1,
                }),
            }
            units_below_pass += usize::from(unit.is_below(pass_mark));
            for i in unit.indicators() {
                let k = match indicators.iter().position(|(n, _)| *n == i.number) {
                    Some(k) => k,
                    None => {
                        indicators.push((i.number, IndicatorSums::default()));
                        indicators.len() - 1
                    }
                };
                indicators[k].1.add(i);
            }
            overall.add(unit.overall);
            if let Some(previous) = unit.previous_overall {
                previous_overall.add(previous);
                paired_overall.add(unit.overall);
            }
            for (at, count) in unmet.iter_mut().enumerate() {
                if unit.unmet.contains(at) {
                    *count += 1;
                }
            }
            units_unmet_unnamed += usize::from(unit.unmet_unnamed);
        }

        let indicators = indicators
            .into_iter()
            .map(|(number, sums)| IndicatorAcross {
                number,
                name: framework
                    .and_then(|f| f.indicator(number))
                    .map_or_else(String::new, |i| i.name.clone()),
                weak_units: sums.weak,
                mean: sums.current.mean().unwrap_or_default(),
                previous_mean: sums.previous.mean(),
                previous_units: sums.previous.n as usize,
                paired_mean: sums.paired.mean(),
            })
            .collect();

        let units_with_memo = overall.len();
        let bands = BAND_STARTS
            .iter()
            .enumerate()
            .map(|(k, &from)| {
                let from = Score::from_hundredths(from).expect("a band starts within 0-100");
                let below = BAND_STARTS
                    .get(k + 1)
                    .map(|&b| Score::from_hundredths(b).expect("a band ends within 0-100"));
                ScoreBand {
                    from,
                    below,
                    count: overall.between(from, below),
                }
            })
            .collect();

        AreaSummary {
            memo_year,
            year,
            previous_year,
            pass_mark,
            threshold: self.threshold,
            office,
            units_with_memo,
            levels,
            units_below_pass,
            indicators,
            overall_mean: overall.mean().unwrap_or_default(),
            overall_previous_mean: previous_overall.mean(),
            overall_previous_units: previous_overall.n as usize,
            overall_paired_mean: paired_overall.mean(),
            highest: overall.highest().unwrap_or_default(),
            lowest: overall.lowest().unwrap_or_default(),
            median: overall.median().unwrap_or_default(),
            bands,
            without_memo,
            places: places(batch),
            unmet_items: framework.map_or_else(Vec::new, |f| unmet_across(f, &unmet)),
            units_unmet_unnamed,
        }
    }
}

/// Scores summed in hundredths, for their mean.
#[derive(Clone, Copy, Default)]
struct Sums {
    sum: u64,
    n: u64,
}

impl Sums {
    fn add(&mut self, score: Score) {
        self.sum += u64::from(score.hundredths());
        self.n += 1;
    }

    /// The mean at two decimals, half up (`None`: no score).
    fn mean(&self) -> Option<Score> {
        (self.n > 0).then(|| half_up(self.sum, self.n))
    }
}

/// One indicator's scores across the units with a memo, summed.
#[derive(Default)]
struct IndicatorSums {
    weak: usize,
    current: Sums,
    previous: Sums,
    /// The year analysed, over the units that have the year before.
    paired: Sums,
}

impl IndicatorSums {
    fn add(&mut self, i: &AreaIndicatorScore) {
        self.weak += usize::from(i.needs_work());
        self.current.add(i.current());
        if let Some(previous) = i.previous() {
            self.previous.add(previous);
            self.paired.add(i.current());
        }
    }
}

/// The year's items scored met or not that some unit did not meet, with how
/// many (`unmet`: the units by item's place), the most first (a stable sort
/// keeps the framework's order on a tie).
fn unmet_across(
    framework: &crate::framework::Framework,
    unmet: &[usize; UnmetItems::CAPACITY],
) -> Vec<ItemAcross> {
    let mut items: Vec<ItemAcross> = framework
        .met_or_not_labels()
        .iter()
        .take(UnmetItems::CAPACITY)
        .enumerate()
        .map(|(at, label)| (label, unmet[at]))
        .filter(|(_, units)| *units > 0)
        .map(|(label, units)| ItemAcross {
            label: label.clone(),
            units,
        })
        .collect();
    items.sort_by_key(|i| std::cmp::Reverse(i.units));
    items
}

/// Each province of the batch with its districts, for naming the area.
fn places(
    batch: &Outcomes,
) -> std::collections::BTreeMap<String, std::collections::BTreeSet<String>> {
    let mut places =
        std::collections::BTreeMap::<String, std::collections::BTreeSet<String>>::new();
    for (province, district) in batch.places() {
        let (province, district) = (province.trim(), district.trim());
        if province.is_empty() && district.is_empty() {
            continue;
        }
        let districts = places.entry(province.to_string()).or_default();
        if !district.is_empty() {
            districts.insert(district.to_string());
        }
    }
    places
}

/// The mean at two decimals, half up, summed exactly in hundredths: what
/// `OverallScores` is checked against.
#[cfg(test)]
fn mean(scores: impl Iterator<Item = Score>) -> Option<Score> {
    let (sum, n) = scores.fold((0u64, 0u64), |(sum, n), s| {
        (sum + u64::from(s.hundredths()), n + 1)
    });
    (n > 0).then(|| half_up(sum, n))
}

/// The middle score of sorted `scores` (the mean of the two middle ones, half
/// up): what `OverallScores` is checked against.
#[cfg(test)]
fn median(sorted: &[Score]) -> Option<Score> {
    let n = sorted.len();
    match n {
        0 => None,
        _ if n % 2 == 1 => Some(sorted[n / 2]),
        _ => Some(half_up(
            u64::from(sorted[n / 2 - 1].hundredths()) + u64::from(sorted[n / 2].hundredths()),
            2,
        )),
    }
}

fn half_up(sum: u64, n: u64) -> Score {
    let hundredths = (2 * sum + n) / (2 * n);
    Score::from_hundredths(hundredths as u32).expect("a mean of scores is a score")
}

mod overall_scores;
#[cfg(test)]
mod tests;
