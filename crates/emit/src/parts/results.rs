//! Section 1: the current year's result, and the table comparing both years.

use itamemo_model::{Findings, Score, YearSummary};

use crate::blocks::Table;
use crate::kit::{row, Block, Kit};
use crate::words::{be_year, fiscal_year};

/// The label, the previous year, the current year, as shares of the text
/// width (every row one line; the years alike).
const SHARES: [f64; 3] = [5071.0, 2000.0, 2000.0];

pub fn results(kit: &Kit, f: &Findings) -> Vec<Block> {
    let previous_year = f.previous_year();
    let current = &f.current;
    let previous = f.previous.as_ref();
    let both = |label: &str, pick: fn(&YearSummary) -> Score| {
        row(vec![
            kit.line_cell(label),
            kit.score_cell(previous.map(pick)),
            kit.score_cell(Some(pick(current))),
        ])
    };
    let mut rows = vec![
        row(vec![
            kit.header_cell("รายการ"),
            kit.header_cell(&fiscal_year(previous_year)),
            kit.header_cell(&fiscal_year(current.year)),
        ]),
        kit.group_row("ภาพรวม", SHARES.len()),
        both("คะแนนภาพรวม (ITA)", |y| y.overall),
        row(vec![
            kit.line_cell("ระดับผลการประเมิน"),
            kit.centred_cell(previous.map_or("-", |p| p.grade.as_str())),
            kit.centred_cell(&current.grade),
        ]),
        both("ส่วนเบี่ยงเบนมาตรฐานของคะแนนตัวชี้วัด", |y| y.std_dev),
        both("คะแนนสูงสุด", |y| y.highest),
        both("คะแนนต่ำสุด", |y| y.lowest),
        kit.group_row("รายตัวชี้วัด", SHARES.len()),
    ];
    for indicator in &f.indicators {
        rows.push(row(vec![
            kit.line_cell([
                itoa::Buffer::new().format(indicator.number),
                ". ",
                &indicator.name,
            ]),
            kit.score_cell(indicator.previous),
            kit.score_cell(Some(indicator.current)),
        ]));
    }
    vec![
        kit.heading([
            "1. ผลการประเมินคุณธรรมและความโปร่งใสในการดำเนินงานของหน่วยงานภาครัฐ (ITA) ประจำ",
            &fiscal_year(current.year),
            " ของ",
            &f.unit.name,
            " ได้คะแนนภาพรวม ",
            current.overall.spelled(&mut [0; 16]),
            " คะแนน ระดับผลการประเมิน ",
            &current.grade,
            " ดังนี้",
        ])
        .into(),
        kit.para(&caption(
            f,
            "การเปรียบเทียบผลการประเมิน ระหว่าง",
            "ผลการประเมินประจำ",
        ))
        .centred()
        .keep_next(true)
        .into(),
        Table::bordered(rows, &SHARES).into(),
        Block::Chart {
            description: crate::chart::MEMO_CHART_DESCRIPTION,
            height_emu: crate::chart::HEIGHT_EMU,
            caption: kit
                .para(&caption(
                    f,
                    "แผนภูมิเปรียบเทียบคะแนนรายตัวชี้วัด ",
                    "แผนภูมิคะแนนรายตัวชี้วัด ",
                ))
                .centred()
                .space_before()
                .into(),
        },
    ]
}

/// "{compared}ปีงบประมาณ พ.ศ. 2564 กับ พ.ศ. 2565", or "{one_year}ปีงบประมาณ พ.ศ. 2565"
/// where there is no previous year: a table or chart is titled for the years it shows.
fn caption(f: &Findings, compared: &str, one_year: &str) -> String {
    match &f.previous {
        Some(_) => [
            compared,
            &fiscal_year(f.previous_year()),
            " กับ ",
            &be_year(f.current.year),
        ]
        .concat(),
        None => [one_year, &fiscal_year(f.current.year)].concat(),
    }
}
