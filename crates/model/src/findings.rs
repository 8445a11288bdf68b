//! What analyze hands on to emit: every figure, class and text of one unit's memo.
//! Texts hold ASCII digits; the document writer decides how digits are printed.

use crate::score::Delta;
use crate::{CoverDetails, Score, UnitName};

#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub enum Change {
    Up(Delta),
    Down(Delta),
    Same,
}

impl Change {
    pub fn between(previous: Score, current: Score) -> Change {
        let delta = Delta::between(previous, current);
        match delta.0 {
            0 => Change::Same,
            d if d > 0 => Change::Up(delta),
            _ => Change::Down(delta),
        }
    }
}

/// Where an indicator stands in section 2 of the memo; each stands in exactly one.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Standing {
    /// The best of those that rose (or the best overall where none rose, or where
    /// there is no previous year).
    TopStrength,
    /// Rose (or, with no previous year, simply scored) at or above the threshold.
    Strength,
    /// Rose or stayed the same but is below the threshold (with no previous
    /// year: below it).
    WeakBelowThreshold,
    /// Fell.
    WeakDecreased,
    /// Unchanged at two decimals, at or above the threshold.
    Same,
}

impl Standing {
    /// The weakness an indicator's own figures make it, whatever else it is:
    /// fell since the year before, or below the threshold (risen, unchanged, or
    /// without a year before); `None` where neither. The one rule for what needs
    /// work: the groups of section 2 are made by it, and so is `needs_work`, which
    /// a top strength may also have.
    pub fn weakness(change: Option<Change>, below_threshold: bool) -> Option<Standing> {
        match change {
            Some(Change::Down(_)) => Some(Standing::WeakDecreased),
            _ if below_threshold => Some(Standing::WeakBelowThreshold),
            _ => None,
        }
    }
}

#[derive(Clone, Debug)]
pub struct IndicatorFinding {
    pub number: u8,
    pub name: String,
    pub tool: String,
    pub previous: Option<Score>,
    pub current: Score,
    pub change: Option<Change>,
    pub standing: Standing,
    /// Needs work: fell, or below the threshold (`Standing::weakness`), whatever
    /// its standing: the best of those that rose may still be below the
    /// threshold, and the best of all where none rose has fallen.
    pub needs_work: bool,
    /// Scored met or not and short of full marks where the export gives none of
    /// its items: some were not met, which ones the export does not say.
    pub unmet_unnamed: bool,
}

impl IndicatorFinding {
    /// The weak group a top strength that needs work would stand in but for
    /// being the best: the lists of those groups say they leave it out.
    pub fn top_also_weak(&self) -> Option<Standing> {
        // One that needs work and did not fall is below the threshold.
        (self.standing == Standing::TopStrength && self.needs_work)
            .then(|| Standing::weakness(self.change, true))
            .flatten()
    }
}

#[derive(Clone, Debug)]
pub struct YearSummary {
    pub year: u16,
    pub overall: Score,
    /// The grade on that year's scale, from its overall score.
    pub grade: String,
    /// Sample standard deviation of the indicator scores.
    pub std_dev: Score,
    pub highest: Score,
    pub lowest: Score,
}

#[derive(Clone, Debug)]
pub struct ToolFindings {
    pub code: String,
    pub name: String,
    pub indicators: Vec<u8>,
    /// The indicators of this tool to fix, for the analysis tables: those that
    /// need work and those with items not met.
    pub weak_points: Vec<WeakPoint>,
    /// Indicators of this tool the unit did well on: no work needed and every
    /// item met (for the recommendations).
    pub strong: Vec<u8>,
    /// Section 3: the tool's lowest items among the indicators that need work
    /// (IIT, EIT) or each indicator's failed items (OIT, whatever the
    /// indicator's score), else, where the export gives no items, the
    /// indicator's own recommendation.
    pub recommendations: Vec<Recommendation>,
}

/// Why an indicator is in the analysis tables, and the catalog's texts for it.
#[derive(Clone, Debug)]
pub struct WeakPoint {
    pub indicator: u8,
    pub name: String,
    pub current: Score,
    /// Below the threshold.
    pub below_threshold: bool,
    /// Fell by this much since the year before.
    pub fell: Option<Delta>,
    /// Items not met, as the year's framework writes them ("O30").
    pub unmet_items: Vec<String>,
    /// Scored met or not and short of full marks where the export gives none of
    /// its items: some were not met, which ones the export does not say.
    pub unmet_unnamed: bool,
    /// The finding ("ประเด็นที่เป็นข้อบกพร่อง") and what to develop, from the catalog.
    pub finding: Option<String>,
    pub improve: Option<String>,
}

#[derive(Clone, Debug)]
pub struct Recommendation {
    pub indicator: u8,
    /// The items it is about, with the unit's results (empty: the indicator as
    /// a whole). Items that share a text share one recommendation.
    pub items: Vec<CitedItem>,
    pub text: String,
}

/// An item of the analysed year that the unit did not do well on.
#[derive(Clone, Debug, PartialEq)]
pub struct CitedItem {
    /// As that year's framework writes it: "O30", "i20".
    pub label: String,
    pub year: u16,
    pub result: ItemResult,
    /// The item asking the same in the memo's own year.
    pub in_memo_year: MemoYearItem,
}

/// What became of a cited item in the memo's own year's framework.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum MemoYearItem {
    /// Not known: the memo's year has no framework of its own, or the item no role.
    Unknown,
    /// The same number.
    Same,
    /// Renumbered (O30 of 2565 is O28 of 2566): the memo's year and its label.
    Renumbered(u16, String),
    /// No item of the memo's year asks the same.
    Absent(u16),
}

/// How an item is reported: a score, or (items scored met or not) not met.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ItemResult {
    Scored(Score),
    NotMet,
}

/// What the measures aim at, on the scale of the year they prepare for.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Aim {
    /// The next grade up.
    Raise(String),
    /// Already at the top: keep it.
    Keep(String),
}

#[derive(Clone, Debug)]
pub struct MeasureRow {
    /// As the catalog writes it: `{memo_year}` stands for the memo's fiscal
    /// year, which the memo writes as its other years ("ปีงบประมาณ พ.ศ. 2566").
    pub title: String,
    /// The memo year's items it answers, as that year's framework writes them.
    pub answers: Vec<String>,
    pub steps: Vec<String>,
    /// One office a line.
    pub responsible: Vec<String>,
    /// Period and follow-up lines, years already resolved.
    pub period: Vec<String>,
}

impl MeasureRow {
    /// The one placeholder a measure's title takes.
    pub const MEMO_YEAR: &'static str = "{memo_year}";
}

/// The OIT indicator and item that ask for this memo in the memo's fiscal year.
#[derive(Clone, Debug)]
pub struct MeasuresItem {
    /// The indicator, number and name, where the framework places the item.
    pub indicator: Option<(u8, String)>,
    /// The sub-indicator, number and name, where the framework gives it.
    pub sub_indicator: Option<(String, String)>,
    /// The item's code and title, where the framework gives them.
    pub code: Option<String>,
    pub name: Option<String>,
    /// The memo's year has no framework yet and another year's stands in: the
    /// item is left blank for the officer to fill in.
    pub stand_in: bool,
}

/// Someone in the chain who comments on or signs the memo; names are never invented.
#[derive(Clone, Debug)]
pub struct Signer {
    pub opinion_label: String,
    pub name: Option<String>,
    pub position: String,
}

/// The memo's own sentences, from the catalog, with {placeholders} the document
/// writer fills in (see the catalog's [texts]).
#[derive(Clone, Debug, Default)]
pub struct MemoTexts {
    pub cover_reason: String,
    pub cover_request: String,
    pub recommendations_intro: String,
    pub measures_intro: String,
}

impl MemoTexts {
    /// The placeholders each text may hold.
    pub const PLACEHOLDERS: [(&'static str, &'static [&'static str]); 4] = [
        ("cover_reason", &["{unit}"]),
        (
            "cover_request",
            &[
                "{unit}",
                "{sender}",
                "{current_year}",
                "{memo_year}",
                "{measures_item}",
            ],
        ),
        ("recommendations_intro", &["{unit}", "{result}"]),
        (
            "measures_intro",
            &["{unit}", "{meeting_date}", "{result}", "{aim}"],
        ),
    ];
}

/// Fills a text's {placeholders}: each key ("{unit}") where it stands, the rest
/// as written. One pass from brace to brace (a memo fills some twenty texts: a
/// `str::replace` per key built a searcher and copied the text for each); a value
/// is put in as it is, never searched for placeholders itself.
pub fn fill(template: &str, values: &[(&str, &str)]) -> String {
    debug_assert!(values.iter().all(|(key, _)| key.starts_with('{')));
    let mut text = String::with_capacity(template.len() + 64);
    let mut rest = template;
    while let Some(brace) = rest.find('{') {
        text.push_str(&rest[..brace]);
        rest = &rest[brace..];
        match values.iter().find(|(key, _)| rest.starts_with(key)) {
            Some((key, value)) => {
                text.push_str(value);
                rest = &rest[key.len()..];
            }
            None => {
                text.push('{');
                rest = &rest[1..];
            }
        }
    }
    text.push_str(rest);
    text
}

#[derive(Clone, Debug)]
pub struct Findings {
    pub unit: UnitName,
    pub memo_year: u16,
    /// The memo's date (C.E. year, month, day), which its measures' periods follow.
    pub date: (i32, u32, u32),
    pub threshold: Score,
    pub current: YearSummary,
    pub previous: Option<YearSummary>,
    pub overall_change: Option<Change>,
    pub indicators: Vec<IndicatorFinding>,
    pub tools: Vec<ToolFindings>,
    pub aim: Aim,
    pub measures_item: MeasuresItem,
    pub cover: CoverDetails,
    pub signers: Vec<Signer>,
    pub measures: Vec<MeasureRow>,
    pub texts: MemoTexts,
    /// Checks that change no figure (an overall that does not match its
    /// indicators, a grade in the export that does not match its score).
    pub notes: Vec<crate::reason::Note>,
}

impl Findings {
    /// The year the memo compares with, whether or not the unit has results of it.
    pub fn previous_year(&self) -> u16 {
        crate::fiscal::assessment_years(self.memo_year).1
    }

    pub fn with_standing(&self, standing: Standing) -> impl Iterator<Item = &IndicatorFinding> {
        self.indicators
            .iter()
            .filter(move |i| i.standing == standing)
    }
}

#[cfg(test)]
mod tests {
    use super::fill;

    /// What `fill` did before it went in one pass: `str::replace` key by key.
    fn replaced_key_by_key(template: &str, values: &[(&str, &str)]) -> String {
        values
            .iter()
            .fold(template.to_string(), |text, (key, value)| {
                text.replace(key, value)
            })
    }

    #[test]
    fn fills_as_replacing_key_by_key_did() {
        let values = [
            ("{unit}", "เทศบาลตำบลพะโต๊ะ"),
            ("{result}", "ได้ 87.15 คะแนน"),
            ("{unit_of}", ""),
        ];
        let pieces = [
            "{unit}",
            "{result}",
            "{unit_of}",
            "{",
            "}",
            "{un",
            "{other}",
            "ของ",
            " ",
            "a",
            "{{unit}",
        ];
        // Texts of up to six pieces, from a fixed seed.
        let mut seed: u64 = 16;
        for _ in 0..5_000 {
            let mut template = String::new();
            seed = seed
                .wrapping_mul(6364136223846793005)
                .wrapping_add(1442695040888963407);
            for k in 0..(seed >> 61) {
                let at = (seed >> (8 * k)) as usize % pieces.len();
                template.push_str(pieces[at]);
            }
            assert_eq!(
                fill(&template, &values),
                replaced_key_by_key(&template, &values),
                "{template}"
            );
        }
    }

    #[test]
    fn a_value_is_put_in_as_it_is() {
        assert_eq!(
            fill(
                "{unit}: {result}",
                &[("{unit}", "{result}"), ("{result}", "A")]
            ),
            "{result}: A"
        );
    }
}
