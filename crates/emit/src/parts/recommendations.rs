//! Section 3: recommendations per tool, from the catalog, for the indicators that
//! need work; what went well is named so that it is kept.

use itamemo_model::{fill, CitedItem, Findings, ItemResult, MemoYearItem};

use crate::kit::{Block, Kit};
use crate::words::{current_result, indicator, thai_list};

pub fn recommendations(kit: &Kit, f: &Findings) -> Vec<Block> {
    let unit = &f.unit.name;
    let mut out: Vec<Block> = vec![
        kit.heading("3. ข้อเสนอแนะ").into(),
        kit.body(&fill(
            &f.texts.recommendations_intro,
            &[("{unit}", unit), ("{result}", &current_result(f))],
        ))
        .into(),
    ];
    let name_of = |n: &u8| {
        f.indicators
            .iter()
            .find(|i| i.number == *n)
            .map(|i| indicator(i.number, &i.name))
            .unwrap_or_default()
    };
    for (k, tool) in f.tools.iter().enumerate() {
        out.push(
            kit.heading(
                &[
                    "3.",
                    itoa::Buffer::new().format(k + 1),
                    " ข้อเสนอแนะสำหรับ",
                    &tool.name,
                    " (",
                    &tool.code,
                    ")",
                ]
                .concat(),
            )
            .into(),
        );
        let strong: Vec<String> = tool.strong.iter().map(name_of).collect();
        let kept = [
            unit,
            "ดำเนินการตาม",
            &thai_list(&strong),
            " ได้ดีแล้ว ควรรักษามาตรฐานไว้",
        ]
        .concat();
        // Every indicator to fix is named here, though only the tool's lowest
        // items are cited below: one may have none among them.
        let weak: Vec<String> = tool
            .weak_points
            .iter()
            .map(|w| name_of(&w.indicator))
            .collect();
        let lowest_first = tool
            .recommendations
            .iter()
            .flat_map(|r| &r.items)
            .any(|i| matches!(i.result, ItemResult::Scored(_)));
        let improve = if weak.is_empty() {
            "ควรพัฒนาและปรับปรุงการดำเนินการตามเครื่องมือนี้ ดังนี้".to_string()
        } else if lowest_first {
            [
                "ควรพัฒนาและปรับปรุงการดำเนินการตาม",
                &thai_list(&weak),
                " โดยเฉพาะข้อที่ได้คะแนนต่ำสุดของเครื่องมือนี้ ดังนี้",
            ]
            .concat()
        } else {
            ["ควรพัฒนาและปรับปรุงการดำเนินการตาม", &thai_list(&weak), " ดังนี้"].concat()
        };
        let lead = match (strong.is_empty(), tool.recommendations.is_empty()) {
            (false, true) => kept,
            (false, false) => [&kept, " ทั้งนี้ ", &improve].concat(),
            (true, _) => [unit.as_str(), &improve].concat(),
        };
        out.push(kit.body(&lead).into());
        for (k, r) in tool.recommendations.iter().enumerate() {
            // Each indicator is named once, in bold, above what it is advised.
            let first_of_indicator = k == 0 || tool.recommendations[k - 1].indicator != r.indicator;
            if first_of_indicator {
                out.push(kit.bold_item(&name_of(&r.indicator)).keep_next(true).into());
            }
            if r.items.is_empty() {
                out.push(kit.body(&["หน่วยงานควร", &r.text].concat()).into());
                continue;
            }
            let cited: Vec<String> = r.items.iter().map(cited_item).collect();
            out.push(
                kit.body(&[&thai_list(&cited), " หน่วยงานควร", &r.text].concat())
                    .into(),
            );
        }
    }
    out
}

/// "ข้อ i20 (ได้ 76.75 คะแนน)", "ข้อ O43 ของปี 2565 (ยังไม่ผ่าน)", "ข้อ O30 ของปี
/// 2565 (ยังไม่ผ่าน) ซึ่งตรงกับข้อ O28 ของปี 2566", "ข้อ O32 ของปี 2565 (ยังไม่ผ่าน)
/// ซึ่งไม่มีในแบบตรวจปี 2566": an item not met is said with its year and the result
/// beside it (not beside the memo year's number, which was never assessed), then
/// what it is in the memo's year, before what to do about it.
/// (Put together without core::fmt's machinery: a memo cites some ten.)
fn cited_item(item: &CitedItem) -> String {
    let result = match item.result {
        ItemResult::NotMet => "ยังไม่ผ่าน".to_string(),
        ItemResult::Scored(score) => ["ได้ ", &score.to_string(), " คะแนน"].concat(),
    };
    let of_year = [
        "ข้อ ",
        &item.label,
        " ของปี ",
        itoa::Buffer::new().format(item.year),
    ]
    .concat();
    match &item.in_memo_year {
        MemoYearItem::Renumbered(year, label) => [
            &of_year,
            " (",
            &result,
            ") ซึ่งตรงกับข้อ ",
            label,
            " ของปี ",
            itoa::Buffer::new().format(*year),
        ]
        .concat(),
        MemoYearItem::Absent(year) => [
            &of_year,
            " (",
            &result,
            ") ซึ่งไม่มีในแบบตรวจปี ",
            itoa::Buffer::new().format(*year),
        ]
        .concat(),
        _ if item.result == ItemResult::NotMet => [&of_year, " (", &result, ")"].concat(),
        _ => ["ข้อ ", &item.label, " (", &result, ")"].concat(),
    }
}
