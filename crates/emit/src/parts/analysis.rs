//! Section 2: the analysis by indicator: the grade statement, the comparison
//! table, where each indicator stands, and the analysis tables per tool.

use docx_rs::WidthType;
use itamemo_model::{Change, Findings, IndicatorFinding, Standing, ToolFindings};

use crate::kit::{bordered_table, merged_below, row, Block, Kit};
use crate::wml::{Table, TableCell};
use crate::words::{
    be_year, change_with_amount, change_word, fiscal_year, score_or_dash, threshold,
};

const SUMMARY_WIDTHS: [usize; 5] = [1000, 3571, 1250, 1250, 2000];
const ANALYSIS_WIDTHS: [usize; 3] = [3700, 1100, 4271];

pub fn analysis(kit: &Kit, f: &Findings) -> Vec<Block> {
    let mut out: Vec<Block> = vec![kit
        .heading("2. การวิเคราะห์ผลการประเมินแต่ละตัวชี้วัด ได้ดังนี้")
        .into()];
    out.push(kit.item(&format!("2.1 {}", grade_statement(f))).into());
    out.push(
        kit.item(&match &f.previous {
            Some(p) => format!(
                "2.2 สรุปผลการประเมินประจำ{} (เทียบกับ{}) ดังนี้",
                fiscal_year(f.current.year),
                fiscal_year(p.year)
            ),
            None => format!("2.2 สรุปผลการประเมินประจำ{} ดังนี้", fiscal_year(f.current.year)),
        })
        .keep_next(true)
        .into(),
    );
    out.push(summary_table(kit, f).into());

    let bar = threshold(f.threshold);
    let compared = f.previous.is_some();
    let mut groups: Vec<(String, Standing)> = vec![(
        "จุดแข็ง: ตัวชี้วัดที่ได้รับผลการประเมินสูงสุด คือ".to_string(),
        Standing::TopStrength,
    )];
    if compared {
        groups.extend([
            (
                format!("จุดแข็ง: ตัวชี้วัดที่ได้รับผลการประเมินเพิ่มขึ้น และได้คะแนนตั้งแต่ {bar} คะแนนขึ้นไป คือ"),
                Standing::Strength,
            ),
            (
                format!("จุดอ่อน: ตัวชี้วัดที่ได้รับผลการประเมินเพิ่มขึ้น แต่ได้คะแนนต่ำกว่า {bar} คะแนน คือ"),
                Standing::WeakBelowThreshold,
            ),
            (
                "จุดอ่อน: ตัวชี้วัดที่ได้รับผลการประเมินลดลง คือ".to_string(),
                Standing::WeakDecreased,
            ),
            (
                "ตัวชี้วัดที่ได้รับผลการประเมินเท่าเดิม (รักษาระดับ) คือ".to_string(),
                Standing::Same,
            ),
        ]);
    } else {
        groups.extend([
            (
                format!("จุดแข็ง: ตัวชี้วัดที่ได้คะแนนตั้งแต่ {bar} คะแนนขึ้นไป คือ"),
                Standing::Strength,
            ),
            (
                format!("จุดอ่อน: ตัวชี้วัดที่ได้คะแนนต่ำกว่า {bar} คะแนน คือ"),
                Standing::WeakBelowThreshold,
            ),
        ]);
    }
    let mut point = 3;
    for (heading, standing) in groups {
        let number = format!("2.{point}");
        out.push(
            kit.item(&format!("{number} {heading}"))
                .keep_next(true)
                .into(),
        );
        let members: Vec<&IndicatorFinding> = f.with_standing(standing).collect();
        if members.is_empty() {
            out.push(kit.item("- ไม่มี").into());
        }
        for (k, indicator) in members.iter().enumerate() {
            out.push(
                kit.item(&format!(
                    "{number}.{} ตัวชี้วัดที่ {} {} {}",
                    k + 1,
                    indicator.number,
                    indicator.name,
                    both_years(f, indicator)
                ))
                .into(),
            );
        }
        point += 1;
    }
    out.push(
        kit.item(&format!("2.{point} ผลการวิเคราะห์"))
            .keep_next(true)
            .into(),
    );
    out.push(
        analysis_table(
            kit,
            f,
            "ประเด็นที่เป็นข้อบกพร่อง หรือจุดอ่อนที่จะต้องแก้ไข",
            |t| &t.weaknesses,
        )
        .into(),
    );
    out.push(kit.blank().into());
    out.push(analysis_table(kit, f, "ประเด็นที่ต้องพัฒนาให้ดีขึ้น", |t| &t.to_improve).into());
    out
}

/// "{unit}ได้รับผลการประเมินอยู่ในระดับ A (87.15 คะแนน) ซึ่งลดลงจาก... ลดลง 1.38 คะแนน"
pub fn grade_statement(f: &Findings) -> String {
    let now = &f.current;
    let opening = format!(
        "{}ได้รับผลการประเมินอยู่ในระดับ {} ({} คะแนน)",
        f.unit.name, now.grade, now.overall
    );
    let (Some(before), Some(change)) = (&f.previous, f.overall_change) else {
        return format!(
            "{opening} โดยไม่มีผลการประเมินของ{} สำหรับเปรียบเทียบ",
            fiscal_year(f.previous_year())
        );
    };
    let direction = match change {
        Change::Up(_) => "ซึ่งเพิ่มขึ้นจาก",
        Change::Down(_) => "ซึ่งลดลงจาก",
        Change::Same => "ซึ่งเท่าเดิมเมื่อเทียบกับ",
    };
    format!(
        "{opening} {direction}{} ที่ได้ผลการประเมินอยู่ในระดับ {} ({} คะแนน) {}",
        fiscal_year(before.year),
        before.grade,
        before.overall,
        change_with_amount(change)
    )
}

/// "(ปี พ.ศ. 2564 มีคะแนน 88.59 ปี พ.ศ. 2565 ได้คะแนน 90.14)"
fn both_years(f: &Findings, i: &IndicatorFinding) -> String {
    let now = format!("ปี {} ได้คะแนน {}", be_year(f.current.year), i.current);
    match (&f.previous, i.previous) {
        (Some(p), Some(score)) => format!("(ปี {} มีคะแนน {score} {now})", be_year(p.year)),
        _ => format!("({now})"),
    }
}

fn summary_table(kit: &Kit, f: &Findings) -> Table {
    let w = SUMMARY_WIDTHS;
    let previous_year = f.previous_year();
    let mut rows = vec![row(vec![
        kit.header_cell("เครื่องมือ", w[0]),
        kit.header_cell("ตัวชี้วัด", w[1]),
        kit.header_cell(&be_year(previous_year), w[2]),
        kit.header_cell(&be_year(f.current.year), w[3]),
        kit.header_cell("การเปลี่ยนแปลง", w[4]),
    ])];
    let mut last_tool = "";
    for i in &f.indicators {
        let first_of_tool = i.tool != last_tool;
        last_tool = &i.tool;
        let tool_cell = kit.centred_cell(if first_of_tool { &i.tool } else { "" }, w[0]);
        rows.push(row(vec![
            merged_below(tool_cell, first_of_tool),
            kit.cell(&[format!("{}. {}", i.number, i.name)], w[1]),
            kit.centred_cell(&score_or_dash(i.previous), w[2]),
            kit.centred_cell(&i.current.to_string(), w[3]),
            kit.centred_cell(&i.change.map(change_cell).unwrap_or_default(), w[4]),
        ]));
    }
    let previous = f.previous.as_ref();
    let span_two = |text: &str| {
        TableCell::new()
            .width(w[0] + w[1], WidthType::Dxa)
            .grid_span(2)
            .add_paragraph(kit.bold_para(text))
    };
    rows.push(row(vec![
        span_two("คะแนนภาพรวม"),
        kit.centred_cell(&score_or_dash(previous.map(|p| p.overall)), w[2]),
        kit.centred_cell(&f.current.overall.to_string(), w[3]),
        kit.centred_cell(&f.overall_change.map(change_cell).unwrap_or_default(), w[4]),
    ]));
    rows.push(row(vec![
        span_two("ระดับผลการประเมิน"),
        kit.centred_cell(previous.map_or("-", |p| p.grade.as_str()), w[2]),
        kit.centred_cell(&f.current.grade, w[3]),
        kit.centred_cell("", w[4]),
    ]));
    bordered_table(rows, &w)
}

/// "เพิ่มขึ้น 1.55", "ลดลง 0.46", "คงที่": the word and the amount, for a narrow column.
fn change_cell(change: Change) -> String {
    match change {
        Change::Up(d) | Change::Down(d) => {
            format!("{} {}", change_word(change), d.magnitude_text())
        }
        Change::Same => change_word(change).to_string(),
    }
}

/// Per tool: its indicators with their current scores, and beside them, merged
/// down the tool's rows, the catalog's texts for its indicators that need work.
fn analysis_table(
    kit: &Kit,
    f: &Findings,
    title: &str,
    texts: fn(&ToolFindings) -> &Vec<String>,
) -> Table {
    let w = ANALYSIS_WIDTHS;
    let mut rows = vec![row(vec![
        kit.header_cell("ตัวชี้วัด", w[0]),
        kit.header_cell("คะแนนที่ได้", w[1]),
        kit.header_cell(title, w[2]),
    ])];
    for tool in &f.tools {
        rows.push(kit.group_row(&format!("{} ({})", tool.name, tool.code), &w));
        let lines = match texts(tool) {
            found if found.is_empty() => vec![format!(
                "ผลคะแนน {} ไม่พบประเด็นที่ต้องแก้ไข ควรรักษาระดับการดำเนินงานไว้",
                tool.code
            )],
            found => {
                let mut lines = vec![format!("ผลคะแนน {} พบว่า", tool.code)];
                lines.extend(found.iter().map(|t| format!("- {t}")));
                lines
            }
        };
        for (k, number) in tool.indicators.iter().enumerate() {
            let Some(i) = f.indicators.iter().find(|i| i.number == *number) else {
                continue;
            };
            let text_cell = kit.cell(if k == 0 { &lines } else { &[] }, w[2]);
            rows.push(row(vec![
                kit.cell(&[format!("{}. {}", i.number, i.name)], w[0]),
                kit.centred_cell(&i.current.to_string(), w[1]),
                merged_below(text_cell, k == 0),
            ]));
        }
    }
    bordered_table(rows, &w)
}
