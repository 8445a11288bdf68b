//! Scores in, findings out: each unit's results against the year before, on the
//! framework of each year, with the catalog's texts and measures.

mod area;
mod catalog;
mod classify;
mod framework;
mod measures;
mod recommend;

use itamemo_model::fiscal::assessment_years;
use itamemo_model::reason::{Note, Reason};
use itamemo_model::{
    Aim, Change, Findings, IndicatorFinding, ItemResult, MeasuresItem, RegisterEntry, Score,
    Signer, Standing, ToolFindings, UnitScores, WeakPoint, YearResult, YearSummary,
};

pub use area::batch_office;
pub use catalog::{Catalog, Measure, DEFAULT_CATALOG};
pub use classify::{classify, sample_std_dev, Scored};
pub use framework::{Framework, Frameworks, Known, MemoFramework, Scoring};

#[derive(Debug, thiserror::Error)]
pub enum LoadError {
    #[error("{file}: {message}")]
    Toml { file: String, message: String },
    #[error("{file}: {message}")]
    Invalid { file: String, message: String },
}

/// The line (from 1) of a byte offset in a data file, for error messages.
pub(crate) fn line_of(text: &str, offset: usize) -> usize {
    text[..offset.min(text.len())].matches('\n').count() + 1
}

/// What every memo of one run shares: its fiscal year and date, the framework
/// it is written under (its own year's, or a stand-in), and the scale its aim
/// is on.
#[derive(Clone, Copy, Debug)]
pub struct MemoPlan<'a> {
    pub memo_year: u16,
    /// The memo's date (C.E. year, month, day).
    pub date: (i32, u32, u32),
    pub framework: MemoFramework<'a>,
    aim_scale: &'a Framework,
}

impl MemoPlan<'_> {
    /// Said once for the run where another year's framework stands in.
    pub fn stand_in_note(&self) -> Option<Note> {
        let year = self.framework.standing_in_for?;
        Some(Note::StandInFramework {
            year,
            stand_in: self.framework.framework.year,
        })
    }
}

/// An indicator scored met or not is worth the share of its items met: where the
/// export gives every item and the indicator's score is not that share, one of
/// them was copied wrong, and the memo cites the items as given.
fn met_share_notes(year: &CheckedYear) -> Vec<Note> {
    let framework = year.framework;
    framework
        .met_or_not_indicators()
        .filter_map(|indicator| {
            let score = year.result.indicators.get(&indicator.number)?;
            let codes = indicator.item_codes();
            let items: Vec<&Score> = codes
                .iter()
                .map(|c| year.result.items.get(c.lookup_key().as_str()))
                .collect::<Option<_>>()?;
            if items.is_empty() {
                return None;
            }
            let met = items.iter().filter(|s| ***s >= Score::FULL).count();
            let share = met as f64 * 100.0 / items.len() as f64;
            ((score.points() - share).abs() > OVERALL_TOLERANCE).then(|| Note::MetShareDiffers {
                year: year.result.year,
                source: year.result.source.to_string(),
                indicator: indicator.number,
                score: score.to_string(),
                met,
                items: items.len(),
                share,
            })
        })
        .collect()
}

/// Whether a memo dated `date` (C.E.) comes after its fiscal year `memo_year`
/// (B.E., October to September) has ended: its measures would have no months
/// left to run in.
pub fn after_fiscal_year(date: (i32, u32, u32), memo_year: u16) -> bool {
    let last_day = (
        i32::from(memo_year) - itamemo_model::fiscal::BE_OFFSET,
        9,
        30,
    );
    date > last_day
}

/// How far the export's overall score may sit from the weighted indicators before
/// it is worth a note (rounding to two decimals moves it by less than 0.01).
const OVERALL_TOLERANCE: f64 = 0.05;

pub struct Analyzer {
    pub frameworks: Frameworks,
    pub catalog: Catalog,
    /// Strengths score at least this; 80 by default, as in the reference memo.
    pub threshold: Score,
}

impl Default for Analyzer {
    fn default() -> Self {
        Analyzer {
            frameworks: Frameworks::embedded(),
            catalog: Catalog::embedded(),
            threshold: Score::from_points(80.0).expect("80 is a score"),
        }
    }
}

/// A year's results once checked against its framework.
struct CheckedYear<'a> {
    result: &'a YearResult,
    overall: Score,
    framework: &'a Framework,
}

impl Analyzer {
    /// The memo's fiscal year for a batch: the newest assessment year plus one.
    /// `years` are the assessment years of every unit of the batch.
    pub fn memo_year(years: impl IntoIterator<Item = u16>) -> Option<u16> {
        years
            .into_iter()
            .max()
            .map(itamemo_model::fiscal::memo_year_analysing)
    }

    /// What the memos of fiscal year `memo_year`, dated `date` (C.E.), share.
    pub fn plan(&self, memo_year: u16, date: (i32, u32, u32)) -> MemoPlan<'_> {
        let framework = self.frameworks.for_memo(memo_year);
        MemoPlan {
            memo_year,
            date,
            framework,
            aim_scale: self.frameworks.aim_scale(framework.framework, date),
        }
    }

    /// The findings of one unit's memo, or why there can be none.
    pub fn analyze(&self, unit: &UnitScores, plan: &MemoPlan) -> Result<Findings, Vec<Reason>> {
        if !unit.blockers.is_empty() {
            return Err(unit.blockers.clone());
        }
        if after_fiscal_year(plan.date, plan.memo_year) {
            return Err(vec![Reason::DateAfterFiscalYear {
                date: plan.date,
                year: plan.memo_year,
            }]);
        }
        let (current_year, previous_year) = assessment_years(plan.memo_year);
        let Some(current) = unit.years.get(current_year) else {
            return Err(vec![Reason::NoResultForYear { year: current_year }]);
        };
        let current = self.check_year(current).map_err(|e| vec![e])?;
        let mut notes = Vec::new();
        let previous = match unit.years.get(previous_year).map(|r| self.check_year(r)) {
            None => None,
            Some(Ok(previous)) => Some(previous),
            Some(Err(problem)) => {
                notes.push(Note::PreviousYearNotUsed {
                    reason: Box::new(problem),
                    year: previous_year,
                });
                None
            }
        };
        for year in [Some(&current), previous.as_ref()].into_iter().flatten() {
            notes.extend(consistency_notes(year));
        }
        notes.extend(unit.notes.iter().cloned());
        Ok(self.findings(unit, plan, &current, previous.as_ref(), notes))
    }

    fn check_year<'a>(&'a self, result: &'a YearResult) -> Result<CheckedYear<'a>, Reason> {
        let framework = self.frameworks.get(result.year)?;
        let missing: Vec<u8> = framework
            .indicators
            .iter()
            .filter(|i| !result.indicators.contains_key(&i.number))
            .map(|i| i.number)
            .collect();
        if !missing.is_empty() {
            return Err(Reason::MissingIndicators {
                year: result.year,
                source: result.source.to_string(),
                numbers: missing,
            });
        }
        let Some(overall) = result.overall else {
            return Err(Reason::MissingOverall {
                year: result.year,
                source: result.source.to_string(),
            });
        };
        Ok(CheckedYear {
            result,
            overall,
            framework,
        })
    }

    fn findings(
        &self,
        scores: &UnitScores,
        plan: &MemoPlan,
        current: &CheckedYear,
        previous: Option<&CheckedYear>,
        notes: Vec<Note>,
    ) -> Findings {
        let unit = &scores.unit;
        let register = scores.register.as_deref();
        let framework = current.framework;
        let scored: Vec<Scored> = framework
            .indicators
            .iter()
            .map(|i| Scored {
                previous: previous.and_then(|p| p.result.indicators.get(&i.number).copied()),
                current: current.result.indicators[&i.number],
            })
            .collect();
        let standings = classify(&scored, self.threshold);
        let indicators: Vec<IndicatorFinding> = framework
            .indicators
            .iter()
            .zip(&scored)
            .zip(standings)
            .map(|((indicator, scores), standing)| {
                let change = scores.previous.map(|p| Change::between(p, scores.current));
                IndicatorFinding {
                    number: indicator.number,
                    name: indicator.name.clone(),
                    tool: indicator.tool.clone(),
                    previous: scores.previous,
                    current: scores.current,
                    change,
                    standing,
                    needs_work: Standing::weakness(change, scores.current < self.threshold)
                        .is_some(),
                    unmet_unnamed: recommend::unmet_unnamed(
                        framework,
                        current.result,
                        indicator.number,
                        scores.current,
                    ),
                }
            })
            .collect();
        let needs = measures::Needs {
            // An indicator with items not met that the export does not name is
            // answered by the indicator's measures, as one that needs work.
            weak_indicators: indicators
                .iter()
                .filter(|i| i.needs_work || i.unmet_unnamed)
                .map(|i| i.number)
                .collect(),
            unmet_items: framework
                .indicators
                .iter()
                .flat_map(|i| {
                    recommend::not_met(framework, current.result, i.number)
                        .into_iter()
                        .map(move |code| (i.number, code))
                })
                .collect(),
            framework,
        };
        let chosen = measures::chosen(&self.catalog, &needs);
        let memo_framework = plan
            .framework
            .standing_in_for
            .is_none()
            .then_some(plan.framework.framework);
        let name_of = |n: u8| {
            framework.indicator(n).map_or_else(
                || format!("ตัวชี้วัดที่ {n}"),
                |i| format!("ตัวชี้วัดที่ {n} {}", i.name),
            )
        };
        let mut notes = notes;
        notes.extend(measures::unanswered(
            &self.catalog,
            &chosen,
            &needs,
            &name_of,
        ));
        let offices = self.catalog.offices_for(&unit.name);
        let office = |key: &str| {
            offices
                .and_then(|o| o.names.get(key))
                .cloned()
                .unwrap_or_else(|| key.to_string())
        };
        Findings {
            unit: unit.clone(),
            memo_year: plan.memo_year,
            date: plan.date,
            threshold: self.threshold,
            aim: aim(plan.aim_scale, current),
            previous: previous.map(summary),
            overall_change: previous.map(|p| Change::between(p.overall, current.overall)),
            current: summary(current),
            tools: self.tool_findings(current, plan, &indicators),
            measures: chosen
                .iter()
                .map(|m| {
                    let answers = measures::answers(m, &needs, memo_framework);
                    measures::row(m, answers, &office, plan.memo_year, plan.date)
                })
                .collect(),
            texts: self.catalog.texts.clone(),
            signers: self.signers(&unit.name, register),
            cover: register.map(|r| r.details.clone()).unwrap_or_default(),
            measures_item: measures_item(plan.framework),
            indicators,
            notes,
        }
    }

    fn tool_findings(
        &self,
        current: &CheckedYear,
        plan: &MemoPlan,
        indicators: &[IndicatorFinding],
    ) -> Vec<ToolFindings> {
        let framework = current.framework;
        framework
            .tools
            .iter()
            .map(|tool| {
                let of_tool: Vec<&IndicatorFinding> =
                    indicators.iter().filter(|i| i.tool == tool.code).collect();
                let recommendations = recommend::for_tool(
                    &recommend::Citing {
                        catalog: &self.catalog,
                        framework,
                        memo_framework: (plan.framework.standing_in_for.is_none())
                            .then_some(plan.framework.framework),
                        result: current.result,
                        threshold: self.threshold,
                    },
                    tool,
                    &of_tool,
                );
                let unmet = |number: u8| -> Vec<String> {
                    recommendations
                        .iter()
                        .filter(|r| r.indicator == number)
                        .flat_map(|r| &r.items)
                        .filter(|i| i.result == ItemResult::NotMet)
                        .map(|i| i.label.clone())
                        .collect()
                };
                let weak_points: Vec<WeakPoint> = of_tool
                    .iter()
                    .map(|i| (i, unmet(i.number)))
                    .filter(|(i, unmet)| i.needs_work || !unmet.is_empty() || i.unmet_unnamed)
                    .map(|(i, unmet_items)| {
                        let unmet_unnamed = i.unmet_unnamed;
                        let texts = self.catalog.indicator(i.number);
                        // The catalog's finding for a scored-met-or-not
                        // indicator is that some of its items are missing: true
                        // of one short of full marks whose items are not named.
                        let described = i.needs_work || unmet_unnamed;
                        WeakPoint {
                            indicator: i.number,
                            name: i.name.clone(),
                            current: i.current,
                            below_threshold: i.current < self.threshold,
                            fell: match i.change {
                                Some(Change::Down(d)) => Some(d),
                                _ => None,
                            },
                            unmet_items,
                            unmet_unnamed,
                            // An indicator here only for items not met (named)
                            // is described by those items, not by the catalog's
                            // finding for a weak indicator.
                            finding: texts.filter(|_| described).map(|t| t.weakness.clone()),
                            improve: texts.filter(|_| described).map(|t| t.improve.clone()),
                        }
                    })
                    .collect();
                ToolFindings {
                    code: tool.code.clone(),
                    name: tool.name.clone(),
                    indicators: of_tool.iter().map(|i| i.number).collect(),
                    strong: of_tool
                        .iter()
                        .filter(|i| !weak_points.iter().any(|w| w.indicator == i.number))
                        .map(|i| i.number)
                        .collect(),
                    weak_points,
                    recommendations,
                }
            })
            .collect()
    }

    /// The chain who comment and sign: the register's people where it names them,
    /// else the catalog's positions for the kind of unit, with blank names.
    fn signers(&self, unit_name: &str, register: Option<&RegisterEntry>) -> Vec<Signer> {
        let from_catalog: Vec<Signer> = self
            .catalog
            .signers_for(unit_name)
            .map(|chain| {
                let rest = unit_name
                    .strip_prefix(chain.prefix.as_str())
                    .unwrap_or(unit_name);
                chain
                    .chain
                    .iter()
                    .map(|s| Signer {
                        opinion_label: s.opinion.clone(),
                        name: None,
                        position: s
                            .position
                            .replace("{unit}", unit_name)
                            .replace("{rest}", rest),
                    })
                    .collect()
            })
            .unwrap_or_default();
        let Some(people) = register.map(|r| &r.chain).filter(|c| !c.is_empty()) else {
            return from_catalog;
        };
        people
            .iter()
            .enumerate()
            .map(|(k, p)| {
                let usual = from_catalog.get(k);
                let position = p
                    .person
                    .position
                    .clone()
                    .or_else(|| usual.map(|u| u.position.clone()))
                    .unwrap_or_default();
                Signer {
                    opinion_label: p
                        .heading
                        .clone()
                        .or_else(|| usual.map(|u| u.opinion_label.clone()))
                        .unwrap_or_else(|| format!("ความเห็น{position}")),
                    name: p.person.name.clone(),
                    position,
                }
            })
            .collect()
    }
}

/// The next grade up on the aim's scale from where the current year's scores
/// stand on it, or the top grade kept.
fn aim(scale: &Framework, current: &CheckedYear) -> Aim {
    let now = &scale
        .grade(current.overall, &current.result.indicators)
        .label;
    match scale.next_grade_up(now) {
        Some(up) => Aim::Raise(up.to_string()),
        None => Aim::Keep(now.clone()),
    }
}

/// The item the memo answers, as its year's framework names it; under a
/// stand-in, a blank to fill in rather than another year's numbering.
fn measures_item(memo: MemoFramework) -> MeasuresItem {
    let item = &memo.framework.measures_item;
    if memo.standing_in_for.is_some() {
        return MeasuresItem {
            indicator: None,
            sub_indicator: None,
            code: None,
            name: None,
            stand_in: true,
        };
    }
    MeasuresItem {
        indicator: item
            .indicator
            .and_then(|n| memo.framework.indicator(n).map(|i| (n, i.name.clone()))),
        sub_indicator: item
            .sub_indicator
            .clone()
            .zip(item.sub_indicator_name.clone()),
        code: item.code.clone(),
        name: item.name.clone(),
        stand_in: false,
    }
}

fn summary(year: &CheckedYear) -> YearSummary {
    let scores: Vec<Score> = year
        .framework
        .indicators
        .iter()
        .map(|i| year.result.indicators[&i.number])
        .collect();
    YearSummary {
        year: year.result.year,
        overall: year.overall,
        grade: year
            .framework
            .grade(year.overall, &year.result.indicators)
            .label
            .clone(),
        std_dev: sample_std_dev(&scores),
        highest: *scores.iter().max().expect("a framework has indicators"),
        lowest: *scores.iter().min().expect("a framework has indicators"),
    }
}

/// Notes that change no figure: an overall that does not follow from the
/// indicators, a grade in the export that does not match its score.
fn consistency_notes(year: &CheckedYear) -> Vec<Note> {
    let mut notes = Vec::new();
    let weighted = year.framework.weighted_overall(&year.result.indicators);
    if (weighted - year.overall.points()).abs() > OVERALL_TOLERANCE {
        notes.push(Note::OverallDiffers {
            year: year.result.year,
            // The overall's own cell where it is off the unit's row.
            source: year.result.overall_at().to_string(),
            overall: year.overall.to_string(),
            weighted,
        });
    }
    for (code, mean) in year.framework.tool_means(&year.result.indicators) {
        if let Some(given) = year.result.tools.get(&code) {
            if (given.points() - mean).abs() > OVERALL_TOLERANCE {
                notes.push(Note::ToolDiffers {
                    year: year.result.year,
                    source: year.result.tool_at(&code).to_string(),
                    tool: code.to_string(),
                    given: given.to_string(),
                    mean,
                });
            }
        }
    }
    notes.extend(met_share_notes(year));
    let grade = &year
        .framework
        .grade(year.overall, &year.result.indicators)
        .label;
    if let Some(written) = &year.result.grade {
        if **written != **grade {
            notes.push(Note::GradeDiffers {
                year: year.result.year,
                // The grade's own cell where it is known, not the row's first.
                source: year
                    .result
                    .grade_at
                    .as_ref()
                    .unwrap_or(&year.result.source)
                    .to_string(),
                written: written.to_string(),
                overall: year.overall.to_string(),
                grade: grade.clone(),
            });
        }
    }
    notes
}

#[cfg(test)]
mod tests;
