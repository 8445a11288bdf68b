//! Section 3: recommendations per tool, from the catalog, for the indicators that
//! need work; what went well is named so that it is kept.

use itamemo_model::{fill, Findings};

use crate::kit::{Block, Kit};
use crate::words::{current_result, thai_list};

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
            if r.items.is_empty() {
                out.push(
                    kit.body(&format!("{}: {}", name_of(&r.indicator), r.text))
                        .into(),
                );
                continue;
            }
            // Items are listed under their indicator, named once.
            let first_of_indicator = k == 0 || tool.recommendations[k - 1].indicator != r.indicator;
            if first_of_indicator {
                out.push(kit.item(&name_of(&r.indicator)).keep_next(true).into());
            }
            let cited: Vec<String> = r
                .items
                .iter()
                .map(|(code, score)| match tool.code.as_str() {
                    "OIT" => format!("ข้อ {code} (ยังไม่ผ่าน)"),
                    _ => format!("ข้อ {code} (ได้ {score} คะแนน)"),
                })
                .collect();
            out.push(kit.body(&format!("{} {}", cited.join(" "), r.text)).into());
        }
    }
    out
}
