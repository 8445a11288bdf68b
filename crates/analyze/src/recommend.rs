//! Section 3's recommendations: from the unit's own items where the export has
//! them, else from the catalog's text for the indicator. No item the unit passed
//! is cited.

use itamemo_model::{IndicatorFinding, Recommendation, Score, YearResult};

use crate::catalog::Catalog;
use crate::framework::Framework;

/// How many of an indicator's lowest IIT/EIT items are cited.
const LOWEST_ITEMS: usize = 3;

/// The recommendations for one tool's indicators, in the framework's order.
pub fn for_tool(
    catalog: &Catalog,
    framework: &Framework,
    result: &YearResult,
    tool: &str,
    indicators: &[&IndicatorFinding],
    threshold: Score,
) -> Vec<Recommendation> {
    let mut out = Vec::new();
    for finding in indicators {
        let indicator_text = catalog
            .indicator(finding.number)
            .map(|t| t.recommendation.clone());
        // Item codes are compared within this year's framework only.
        let items: Vec<(String, Score)> = framework
            .indicator(finding.number)
            .map(|i| i.item_codes())
            .unwrap_or_default()
            .into_iter()
            .filter_map(|code| result.items.get(&code).map(|s| (code, *s)))
            .collect();
        let cited: Vec<(String, Score)> = if tool == "OIT" {
            // OIT items are met or not: every one not met is cited.
            items
                .into_iter()
                .filter(|(_, s)| *s < Score::FULL)
                .collect()
        } else if finding.needs_work {
            let mut below: Vec<(String, Score)> =
                items.into_iter().filter(|(_, s)| *s < threshold).collect();
            below.sort_by_key(|(_, s)| *s);
            below.truncate(LOWEST_ITEMS);
            below
        } else {
            Vec::new()
        };
        if cited.is_empty() {
            if finding.needs_work {
                out.extend(indicator_text.map(|text| Recommendation {
                    indicator: finding.number,
                    items: Vec::new(),
                    text,
                }));
            }
            continue;
        }
        // Items with a text of their own get it; the rest share the indicator's.
        let (own, shared): (Vec<_>, Vec<_>) = cited
            .into_iter()
            .partition(|(code, _)| catalog.item(result.year, code).is_some());
        for (code, score) in own {
            let text = catalog
                .item(result.year, &code)
                .unwrap_or_default()
                .to_string();
            out.push(Recommendation {
                indicator: finding.number,
                items: vec![(code, score)],
                text,
            });
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
