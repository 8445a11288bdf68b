//! Section 3: recommendations per tool, from the catalog, for the indicators that
//! need work; what went well is named so that it is kept.

use itamemo_model::{fill, CitedItem, Findings, ItemResult};

use crate::kit::{Block, Kit};
use crate::words::{current_result, fiscal_year, thai_list};

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
            .map(|i| format!("ตัวชี้วัดที่ {} {}", i.number, i.name))
            .unwrap_or_default()
    };
    for (k, tool) in f.tools.iter().enumerate() {
        out.push(
            kit.heading(&format!(
                "3.{} ข้อเสนอแนะสำหรับ{} ({})",
                k + 1,
                tool.name,
                tool.code
            ))
            .into(),
        );
        let strong: Vec<String> = tool.strong.iter().map(name_of).collect();
        let kept = format!(
            "{unit}ดำเนินการตาม{} ได้ดีแล้ว ควรรักษามาตรฐานไว้",
            thai_list(&strong)
        );
        let lead = match (strong.is_empty(), tool.recommendations.is_empty()) {
            (false, true) => kept,
            (false, false) => format!("{kept} ทั้งนี้ ควรพัฒนาและปรับปรุงการดำเนินการ ดังนี้"),
            (true, _) => format!("{unit}ควรพัฒนาและปรับปรุงการดำเนินการในแบบวัดนี้ ดังนี้"),
        };
        out.push(kit.body(&lead).into());
        for (k, r) in tool.recommendations.iter().enumerate() {
            // Each indicator is named once, in bold, above what it is advised.
            let first_of_indicator = k == 0 || tool.recommendations[k - 1].indicator != r.indicator;
            if first_of_indicator {
                out.push(kit.bold_item(&name_of(&r.indicator)).keep_next(true).into());
            }
            if r.items.is_empty() {
                out.push(kit.body(&format!("หน่วยงานควร{}", r.text)).into());
                continue;
            }
            let cited: Vec<String> = r.items.iter().map(cited_item).collect();
            let mut line = format!("{} หน่วยงานควร{}", thai_list(&cited), r.text);
            // Where the memo's year numbers the same item differently, the action
            // names the item the unit will be assessed on.
            let renumbered: Vec<String> = r
                .items
                .iter()
                .filter_map(|i| i.in_memo_year.as_ref())
                .map(|(_, label)| format!("ข้อ {label}"))
                .collect();
            if let Some((year, _)) = r.items.iter().find_map(|i| i.in_memo_year.as_ref()) {
                line.push_str(&format!(
                    " ซึ่งในการประเมิน{} คือ{}",
                    fiscal_year(*year),
                    thai_list(&renumbered)
                ));
            }
            out.push(kit.body(&line).into());
        }
    }
    out
}

/// "ข้อ O30 ของปีงบประมาณ พ.ศ. 2565 (ยังไม่ผ่าน)", "ข้อ i20 (ได้ 76.75 คะแนน)": the year
/// is said where the memo's year numbers the item otherwise.
fn cited_item(item: &CitedItem) -> String {
    let year = match item.in_memo_year {
        Some(_) => format!(" ของ{}", fiscal_year(item.year)),
        None => String::new(),
    };
    match item.result {
        ItemResult::NotMet => format!("ข้อ {}{year} (ยังไม่ผ่าน)", item.label),
        ItemResult::Scored(score) => format!("ข้อ {}{year} (ได้ {score} คะแนน)", item.label),
    }
}
