//! Section 3: recommendations per tool, from the catalog, for the indicators that
//! need work; what went well is named so that it is kept.

use itamemo_model::{fill, CitedItem, Findings, ItemResult, MemoYearItem};

use crate::kit::{Block, Kit};
use crate::words::{current_result, indicator, push_all, thai_list};

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
            kit.heading([
                "3.",
                itoa::Buffer::new().format(k + 1),
                " ข้อเสนอแนะสำหรับ",
                &tool.name,
                " (",
                &tool.code,
                ")",
            ])
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
            (false, true) => kit.body(&kept),
            (false, false) => kit.body([&kept, " ทั้งนี้ ", &improve]),
            (true, _) => kit.body([unit.as_str(), &improve]),
        };
        out.push(lead.into());
        for (k, r) in tool.recommendations.iter().enumerate() {
            // Each indicator is named once, in bold, above what it is advised.
            let first_of_indicator = k == 0 || tool.recommendations[k - 1].indicator != r.indicator;
            if first_of_indicator {
                out.push(kit.bold_item(&name_of(&r.indicator)).keep_next(true).into());
            }
            if r.items.is_empty() {
                out.push(kit.body(["หน่วยงานควร", &r.text]).into());
                continue;
            }
            // The items cited, as `thai_list` lists them.
            let mut cited = String::new();
            for (n, item) in r.items.iter().enumerate() {
                if n > 0 {
                    cited.push_str(if n + 1 == r.items.len() {
                        " และ"
                    } else {
                        " "
                    });
                }
                push_cited_item(&mut cited, item);
            }
            out.push(kit.body([&cited, " หน่วยงานควร", &r.text]).into());
        }
    }
    out
}

/// "ข้อ i20 (ได้ 76.75 คะแนน)", "ข้อ O43 ของปี 2565 (ยังไม่ผ่าน)", "ข้อ O30 ของปี
/// 2565 (ยังไม่ผ่าน) ซึ่งตรงกับข้อ O28 ของปี 2566", "ข้อ O32 ของปี 2565 (ยังไม่ผ่าน)
/// ซึ่งไม่มีในแบบตรวจปี 2566": an item not met is said with its year and the result
/// beside it (not beside the memo year's number, which was never assessed), then
/// what it is in the memo's year, before what to do about it.
/// (Written onto the cited list, without core::fmt's machinery or a string
/// of its own: a memo cites some ten.)
fn push_cited_item(out: &mut String, item: &CitedItem) {
    let mut spelled = [0; 16];
    let result = match item.result {
        ItemResult::NotMet => ["ยังไม่ผ่าน", "", ""],
        ItemResult::Scored(score) => ["ได้ ", score.spelled(&mut spelled), " คะแนน"],
    };
    let mut year = itoa::Buffer::new();
    let of_year = ["ข้อ ", &item.label, " ของปี ", year.format(item.year)];
    let mut memo_year = itoa::Buffer::new();
    match &item.in_memo_year {
        MemoYearItem::Renumbered(year, label) => {
            push_all(out, &of_year);
            out.push_str(" (");
            push_all(out, &result);
            push_all(
                out,
                &[") ซึ่งตรงกับข้อ ", label, " ของปี ", memo_year.format(*year)],
            );
        }
        MemoYearItem::Absent(year) => {
            push_all(out, &of_year);
            out.push_str(" (");
            push_all(out, &result);
            push_all(out, &[") ซึ่งไม่มีในแบบตรวจปี ", memo_year.format(*year)]);
        }
        _ if item.result == ItemResult::NotMet => {
            push_all(out, &of_year);
            out.push_str(" (");
            push_all(out, &result);
            out.push(')');
        }
        _ => {
            push_all(out, &["ข้อ ", &item.label, " ("]);
            push_all(out, &result);
            out.push(')');
        }
    }
}
