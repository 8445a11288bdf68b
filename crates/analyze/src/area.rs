//! The whole area of a batch: findings in (the very ones each unit's memo was
//! written from), the area's figures out. Nothing here reads a score again.

use itamemo_model::fiscal::assessment_years;
use itamemo_model::{
    AreaIndicatorScore, AreaSummary, AreaUnit, BelowPass, Findings, IndicatorAcross, ItemAcross,
    LevelCount, RegisterEntry, Score, ScoreBand, UnitOutcome, UnitWithoutMemo, UnmetItems,
    MAX_INDICATORS,
};

use crate::Analyzer;

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
            *slot = AreaIndicatorScore::new(i.number, i.current, i.previous, i.needs_work);
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
        batch: &[UnitOutcome],
        office: Option<String>,
    ) -> AreaSummary {
        let with_memo: Vec<(&UnitOutcome, &AreaUnit)> = batch
            .iter()
            .filter(|u| u.memo().is_ok())
            .filter_map(|u| Some((u, u.area.as_ref()?)))
            .collect();
        let without_memo: Vec<UnitWithoutMemo> = batch
            .iter()
            .filter_map(|u| {
                u.memo().err().map(|reasons| UnitWithoutMemo {
                    unit: u.unit_name(),
                    reasons: reasons.to_vec(),
                })
            })
            .collect();
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
        for (_, unit) in &with_memo {
            match levels.get_mut(usize::from(unit.level)) {
                Some(level) => level.count += 1,
                None => levels.push(LevelCount {
                    label: label(unit.level),
                    count: 1,
                }),
            }
        }

        let mut below_pass: Vec<BelowPass> = batch
            .iter()
            .enumerate()
            .filter(|(_, outcome)| outcome.memo().is_ok())
            .filter_map(|(at, outcome)| Some((at, outcome.area.as_ref()?)))
            .filter(|(_, u)| u.overall < pass_mark)
            .map(|(at, u)| BelowPass {
                unit: at,
                overall: u.overall,
                grade: label(u.level),
                previous: u.previous_overall,
                change: u.change,
            })
            .collect();
        below_pass.sort_by(|a, b| {
            let (x, y) = (&batch[a.unit], &batch[b.unit]);
            a.overall
                .cmp(&b.overall)
                .then_with(|| x.name().cmp(y.name()))
                .then_with(|| x.district().cmp(y.district()))
                .then_with(|| x.province().cmp(y.province()))
                .then_with(|| x.code().cmp(&y.code()))
        });

        let mut numbers: Vec<u8> = framework
            .map(|f| f.indicators.iter().map(|i| i.number).collect())
            .unwrap_or_default();
        for (_, unit) in &with_memo {
            for i in unit.indicators() {
                if !numbers.contains(&i.number) {
                    numbers.push(i.number);
                }
            }
        }
        let indicators = numbers
            .into_iter()
            .map(|number| {
                let scores: Vec<&AreaIndicatorScore> = with_memo
                    .iter()
                    .flat_map(|(_, u)| u.indicators().iter().filter(move |i| i.number == number))
                    .collect();
                let previous: Vec<Score> = scores.iter().filter_map(|i| i.previous()).collect();
                let paired = scores
                    .iter()
                    .filter(|i| i.previous().is_some())
                    .map(|i| i.current());
                IndicatorAcross {
                    number,
                    name: framework
                        .and_then(|f| f.indicator(number))
                        .map_or_else(String::new, |i| i.name.clone()),
                    weak_units: scores.iter().filter(|i| i.needs_work).count(),
                    mean: mean(scores.iter().map(|i| i.current())).unwrap_or_default(),
                    previous_mean: mean(previous.iter().copied()),
                    previous_units: previous.len(),
                    paired_mean: mean(paired),
                }
            })
            .collect();

        let mut overall: Vec<Score> = with_memo.iter().map(|(_, u)| u.overall).collect();
        overall.sort();
        let previous_overall: Vec<Score> = with_memo
            .iter()
            .filter_map(|(_, u)| u.previous_overall)
            .collect();
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
                    count: overall
                        .iter()
                        .filter(|&&s| s >= from && below.is_none_or(|b| s < b))
                        .count(),
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
            units_with_memo: with_memo.len(),
            levels,
            below_pass,
            indicators,
            overall_mean: mean(overall.iter().copied()).unwrap_or_default(),
            overall_previous_mean: mean(previous_overall.iter().copied()),
            overall_previous_units: previous_overall.len(),
            overall_paired_mean: mean(
                with_memo
                    .iter()
                    .filter(|(_, u)| u.previous_overall.is_some())
                    .map(|(_, u)| u.overall),
            ),
            highest: overall.last().copied().unwrap_or_default(),
            lowest: overall.first().copied().unwrap_or_default(),
            median: median(&overall).unwrap_or_default(),
            bands,
            without_memo,
            places: places(batch),
            unmet_items: framework.map_or_else(Vec::new, |f| unmet_across(f, &with_memo)),
            units_unmet_unnamed: with_memo.iter().filter(|(_, u)| u.unmet_unnamed).count(),
        }
    }
}

/// The year's items scored met or not that some unit did not meet, with how
/// many, the most first (a stable sort keeps the framework's order on a tie).
fn unmet_across(
    framework: &crate::framework::Framework,
    with_memo: &[(&UnitOutcome, &AreaUnit)],
) -> Vec<ItemAcross> {
    let mut items: Vec<ItemAcross> = framework
        .met_or_not_labels()
        .iter()
        .take(UnmetItems::CAPACITY)
        .enumerate()
        .map(|(at, label)| {
            let units = with_memo
                .iter()
                .filter(|(_, u)| u.unmet.contains(at))
                .count();
            (label, units)
        })
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
    batch: &[UnitOutcome],
) -> std::collections::BTreeMap<String, std::collections::BTreeSet<String>> {
    let mut places =
        std::collections::BTreeMap::<String, std::collections::BTreeSet<String>>::new();
    for unit in batch {
        let (province, district) = (unit.province().trim(), unit.district().trim());
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

/// The mean at two decimals, half up, summed exactly in hundredths.
fn mean(scores: impl Iterator<Item = Score>) -> Option<Score> {
    let (sum, n) = scores.fold((0u64, 0u64), |(sum, n), s| {
        (sum + u64::from(s.hundredths()), n + 1)
    });
    (n > 0).then(|| half_up(sum, n))
}

/// The middle score of sorted `scores` (the mean of the two middle ones, half up).
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

#[cfg(test)]
mod tests;
