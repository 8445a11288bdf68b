//! Section 3's recommendations: from the unit's own items where the export has
//! them, else from the catalog's text for the indicator. No item the unit passed
//! is cited; an item is cited with its own year's number, and the action names
//! the memo year's item that asks the same, where it has another number.

use itamemo_model::{
    CitedItem, IndicatorFinding, ItemCode, ItemResult, MemoYearItem, Recommendation, Score,
    YearResult,
};

use crate::catalog::Catalog;
use crate::framework::{Framework, Scoring, Tool};

/// How many of a tool's lowest items are cited, for tools scored on levels (more
/// on a tie for the last place): the reference memo cites three a tool (i20,
/// i21 and i24; e6, e7 and e10), enough to act on without repeating section
/// 2's analysis item by item.
const LOWEST_ITEMS: usize = 3;

/// What citing items needs to know.
pub struct Citing<'a> {
    pub catalog: &'a Catalog,
    /// The framework of the analysed year: its numbers and roles.
    pub framework: &'a Framework,
    /// The memo year's own framework (`None` under a stand-in: its numbers are
    /// not known, so no item of that year is named).
    pub memo_framework: Option<&'a Framework>,
    pub result: &'a YearResult,
    pub threshold: Score,
}

/// The recommendations for one tool's indicators, in the framework's order.
pub fn for_tool(
    citing: &Citing,
    tool: &Tool,
    indicators: &[&IndicatorFinding],
) -> Vec<Recommendation> {
    let mut out = Vec::new();
    let lowest = lowest_of_tool(citing, tool.scoring, indicators);
    for finding in indicators {
        let indicator_text = citing
            .catalog
            .indicator(finding.number)
            .map(|t| t.recommendation.clone());
        let cited = cited_items(citing, tool.scoring, finding, &lowest);
        if cited.is_empty() {
            // The catalog's text where the export gives none of its items; an
            // indicator whose items are scored but none among the tool's
            // lowest is left to section 2's analysis.
            if (finding.needs_work || finding.unmet_unnamed)
                && item_scores(citing, finding).is_empty()
            {
                out.extend(indicator_text.map(|text| Recommendation {
                    indicator: finding.number,
                    items: Vec::new(),
                    text,
                }));
            }
            continue;
        }
        // Items with a text of their own get it; the rest share the indicator's.
        let mut shared = Vec::new();
        for (code, result) in cited {
            let own_text = citing
                .framework
                .role_of(code)
                .and_then(|role| citing.catalog.item(role, citing.framework.year));
            let item = cited_item(citing, code, result);
            match own_text {
                Some(text) => out.push(Recommendation {
                    indicator: finding.number,
                    items: vec![item],
                    text: text.to_string(),
                }),
                None => shared.push(item),
            }
        }
        if !shared.is_empty() {
            out.push(Recommendation {
                indicator: finding.number,
                items: shared,
                text: indicator_text.clone().unwrap_or_default(),
            });
        }
    }
    out
}

/// The scores the export gives for an indicator's items (compared within the
/// analysed year's framework only).
fn item_scores(citing: &Citing, finding: &IndicatorFinding) -> Vec<(ItemCode, Score)> {
    citing
        .framework
        .indicator(finding.number)
        .map(|i| i.item_codes())
        .unwrap_or_default()
        .into_iter()
        .filter_map(|code| {
            citing
                .result
                .items
                .get(code.lookup_key().as_str())
                .map(|s| (code, *s))
        })
        .collect()
}

/// For a tool scored on levels, the score at or below which its items are
/// cited: the lowest few below the threshold among the indicators that need
/// work, and every item tied with the last of them (a cut between equal scores
/// would be arbitrary). `None` cites nothing.
fn lowest_of_tool(
    citing: &Citing,
    scoring: Scoring,
    indicators: &[&IndicatorFinding],
) -> Option<Score> {
    if scoring != Scoring::Levels {
        return None;
    }
    let mut below: Vec<Score> = indicators
        .iter()
        .filter(|f| f.needs_work)
        .flat_map(|f| item_scores(citing, f))
        .map(|(_, s)| s)
        .filter(|s| *s < citing.threshold)
        .collect();
    below.sort();
    below.get(LOWEST_ITEMS - 1).or(below.last()).copied()
}

/// The items of an indicator worth citing: every one not met (tools scored met
/// or not, whatever the indicator's score), else, of an indicator that needs
/// work, those among its tool's lowest (`lowest`), lowest first.
fn cited_items(
    citing: &Citing,
    scoring: Scoring,
    finding: &IndicatorFinding,
    lowest: &Option<Score>,
) -> Vec<(ItemCode, ItemResult)> {
    match (scoring, lowest) {
        (Scoring::Met, _) => not_met(citing.framework, citing.result, finding.number)
            .into_iter()
            .map(|code| (code, ItemResult::NotMet))
            .collect(),
        (Scoring::Levels, Some(last)) if finding.needs_work => {
            let mut below: Vec<(ItemCode, Score)> = item_scores(citing, finding)
                .into_iter()
                .filter(|(_, s)| *s < citing.threshold && s <= last)
                .collect();
            below.sort_by_key(|(_, s)| *s);
            below
                .into_iter()
                .map(|(code, s)| (code, ItemResult::Scored(s)))
                .collect()
        }
        (Scoring::Levels, _) => Vec::new(),
    }
}

/// The items of an indicator scored met or not that the unit did not meet.
pub fn not_met(framework: &Framework, result: &YearResult, indicator: u8) -> Vec<ItemCode> {
    let Some(indicator) = framework.indicator(indicator) else {
        return Vec::new();
    };
    if !framework.scored_met_or_not(indicator) {
        return Vec::new();
    }
    indicator
        .item_codes()
        .into_iter()
        .filter(|code| {
            result
                .items
                .get(code.lookup_key().as_str())
                .is_some_and(|s| *s < Score::FULL)
        })
        .collect()
}

/// An indicator scored met or not, short of full marks, where the export gives
/// none of its items: its score is the share of its items met, so some were not,
/// and the memo cannot name them ("nothing to fix" would be untrue).
pub fn unmet_unnamed(
    framework: &Framework,
    result: &YearResult,
    indicator: u8,
    current: Score,
) -> bool {
    let Some(indicator) = framework.indicator(indicator) else {
        return false;
    };
    framework.scored_met_or_not(indicator)
        && current < Score::FULL
        && !indicator
            .item_codes()
            .into_iter()
            .any(|code| result.items.contains_key(code.lookup_key().as_str()))
}

fn cited_item(citing: &Citing, code: ItemCode, result: ItemResult) -> CitedItem {
    let label = citing.framework.item_label(code);
    let role = citing.framework.role_of(code);
    let in_memo_year = match (citing.memo_framework, role) {
        (Some(memo), Some(role)) => match memo.item_with_role(role) {
            Some(same) if memo.item_label(same) == label => MemoYearItem::Same,
            Some(same) => MemoYearItem::Renumbered(memo.year, memo.item_label(same)),
            None => MemoYearItem::Absent(memo.year),
        },
        _ => MemoYearItem::Unknown,
    };
    CitedItem {
        label,
        year: citing.framework.year,
        result,
        in_memo_year,
    }
}
