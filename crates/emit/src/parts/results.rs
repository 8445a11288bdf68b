//! Section 1: the current year's result, and the table comparing both years.

use itamemo_model::{Findings, YearSummary};

use crate::kit::{bordered_table, row, Block, Kit};
use crate::words::{be_year, fiscal_year, score_or_dash};

const WIDTHS: [usize; 3] = [5071, 2000, 2000];

pub fn results(kit: &Kit, f: &Findings) -> Vec<Block> {
    let previous_year = f.previous_year();
    let current = &f.current;
    let previous = f.previous.as_ref();
    let both = |label: &str, pick: fn(&YearSummary) -> String| {
        row(vec![
            kit.cell(&[label.to_string()], WIDTHS[0]),
            kit.centred_cell(&previous.map_or("-".to_string(), pick), WIDTHS[1]),
            kit.centred_cell(&pick(current), WIDTHS[2]),
        ])
    };
    let mut rows = vec![
        row(vec![
            kit.header_cell("รายการ", WIDTHS[0]),
            kit.header_cell(&fiscal_year(previous_year), WIDTHS[1]),
            kit.header_cell(&fiscal_year(current.year), WIDTHS[2]),
        ]),
        kit.group_row("ภาพรวม", &WIDTHS),
        both("คะแนนภาพรวม (ITA)", |y| {
            y.overall.to_string()
        }),
        both("ระดับผลการประเมิน", |y| {
            y.grade.clone()
        }),
        both("ส่วนเบี่ยงเบนมาตรฐานของคะแนนตัวชี้วัด", |y| y.std_dev.to_string()),
        both("คะแนนสูงสุด", |y| {
            y.highest.to_string()
        }),
        both("คะแนนต่ำสุด", |y| {
            y.lowest.to_string()
        }),
        kit.group_row("รายตัวชี้วัด", &WIDTHS),
    ];
    for indicator in &f.indicators {
        rows.push(row(vec![
            kit.cell(
                &[format!("{}. {}", indicator.number, indicator.name)],
                WIDTHS[0],
            ),
            kit.centred_cell(&score_or_dash(indicator.previous), WIDTHS[1]),
            kit.centred_cell(&indicator.current.to_string(), WIDTHS[2]),
        ]));
    }
    vec![
        kit.heading(&format!(
            "1. ผลการประเมินคุณธรรมและความโปร่งใสในการดำเนินงานของหน่วยงานภาครัฐ (ITA) ประจำ{} ของ{} ได้คะแนนภาพรวม {} คะแนน ระดับผลการประเมิน {} ดังนี้",
            fiscal_year(current.year),
            f.unit.name,
            current.overall,
            current.grade
        ))
        .into(),
        kit.para(&caption(f, "การเปรียบเทียบผลการประเมิน ระหว่าง", "ผลการประเมินประจำ"))
            .align(docx_rs::AlignmentType::Center)
            .keep_next(true)
            .into(),
        bordered_table(rows, &WIDTHS).into(),
        kit.para(&caption(
            f,
            "แผนภูมิเปรียบเทียบคะแนนรายตัวชี้วัด ",
            "แผนภูมิคะแนนรายตัวชี้วัด ",
        ))
        .align(docx_rs::AlignmentType::Center)
        .line_spacing(crate::wml::LineSpacing::new().before(crate::kit::SPACE_BEFORE))
        .keep_next(true)
        .into(),
        Block::Chart,
    ]
}

/// "{compared}ปีงบประมาณ พ.ศ. 2564 กับ พ.ศ. 2565", or "{one_year}ปีงบประมาณ พ.ศ. 2565"
/// where there is no previous year: a table or chart is titled for the years it shows.
fn caption(f: &Findings, compared: &str, one_year: &str) -> String {
    match &f.previous {
        Some(_) => format!(
            "{compared}{} กับ {}",
            fiscal_year(f.previous_year()),
            be_year(f.current.year)
        ),
        None => format!("{one_year}{}", fiscal_year(f.current.year)),
    }
}
