//! Tables shaped like the NACC's own published reports and the ones district
//! offices re-type and pass on (issue 13): the same figures as the tidy export,
//! in combinations of features the first readers were not written for.

use super::grid::{text, Cell, GridSheet};
use super::layouts::Flavor;
use crate::common::fixture_data::{FixtureUnit, FixtureYear, UNITS, YEARS};

/// The provinces that stand in for the fixture's units where the units are
/// provinces (the NACC's provincial tables), in the order of `UNITS`.
pub const PROVINCES: [&str; 4] = ["ชุมพร", "ระนอง", "สุราษฎร์ธานี", "พังงา"];

/// The tools of the 2564-2565 framework: code, indicators (0-based, half open),
/// weight in points out of 100.
pub const TOOLS: [(&str, usize, usize, f64); 3] = [
    ("IIT", 0, 5, 30.0),
    ("EIT", 5, 8, 30.0),
    ("OIT", 8, 10, 40.0),
];

/// A tool's mean of its indicators, and its weighted points (out of its weight).
pub fn tool_scores(year: &FixtureYear, tool: usize) -> (f64, f64) {
    let (_, from, to, weight) = TOOLS[tool];
    let mean = year.indicators[from..to].iter().sum::<f64>() / (to - from) as f64;
    let round = |v: f64| (v * 100.0).round() / 100.0;
    (round(mean), round(mean * weight / 100.0))
}

fn title(flavor: Flavor, words: &str, width: u16) -> Vec<Cell> {
    vec![Cell::Merged {
        text: flavor.digits(words),
        span: width,
    }]
}

fn down(s: &str, rows: u16) -> Cell {
    Cell::Block {
        text: s.to_string(),
        rows,
        cols: 1,
    }
}

fn indicator_header(flavor: Flavor, n: usize) -> Cell {
    text(flavor.digits(&format!("ตัวชี้วัดที่ {n}")))
}

fn assessed(year: u16) -> impl Iterator<Item = (&'static FixtureUnit, &'static FixtureYear)> {
    UNITS
        .iter()
        .filter_map(move |u| u.years.iter().find(|y| y.year == year).map(|y| (u, y)))
}

/// A sheet per year, the year only in a merged title; a header of two rows: the
/// tools (IIT, EIT, OIT) merged over their indicators, the names merged down
/// over both rows; a rank column; a source note under the table.
pub fn tool_groups(flavor: Flavor) -> Vec<GridSheet> {
    YEARS
        .iter()
        .enumerate()
        .map(|(k, &year)| {
            let width = 4 + 10 + 2;
            let mut groups: Vec<Cell> = ["ลำดับ", "ชื่อหน่วยงาน", "อำเภอ", "จังหวัด"]
                .iter()
                .map(|h| down(h, 2))
                .collect();
            for (code, from, to, _) in TOOLS {
                groups.push(Cell::Merged {
                    text: format!("แบบวัด {code}"),
                    span: (to - from) as u16,
                });
                groups.extend((from + 1..to).map(|_| Cell::Empty));
            }
            groups.extend([down("คะแนน ITA", 2), down("ระดับ", 2)]);
            let mut indicators: Vec<Cell> = (0..4).map(|_| Cell::Empty).collect();
            indicators.extend((1..=10).map(|n| indicator_header(flavor, n)));
            let mut rows = vec![
                title(
                    flavor,
                    &format!("ผลการประเมินคุณธรรมและความโปร่งใส ประจำปีงบประมาณ พ.ศ. {year}"),
                    width,
                ),
                groups,
                indicators,
            ];
            for (rank, (unit, y)) in assessed(year).enumerate() {
                let mut row = vec![
                    text(flavor.digits(&(rank + 1).to_string())),
                    text(unit.name),
                    text(unit.district),
                    text(unit.province),
                ];
                row.extend(y.indicators.iter().map(|v| flavor.score(*v)));
                row.extend([flavor.score(y.overall), text(y.grade)]);
                rows.push(row);
            }
            rows.push(vec![]);
            rows.push(vec![text("ที่มา: ระบบ ITAS สำนักงาน ป.ป.ช.")]);
            GridSheet {
                name: format!("Sheet{}", k + 1),
                rows,
            }
        })
        .collect()
}

/// One sheet, no year in its name: a merged title; a header of two rows, the
/// years merged over their indicators and ITA score, the names merged down over
/// both rows; a rank column; an averages row and a note under the units.
pub fn year_groups(flavor: Flavor) -> Vec<GridSheet> {
    let group = 11u16; // ten indicators and the ITA score
    let width = 4 + group * YEARS.len() as u16;
    let mut groups: Vec<Cell> = ["ลำดับ", "ชื่อหน่วยงาน", "อำเภอ", "จังหวัด"]
        .iter()
        .map(|h| down(h, 2))
        .collect();
    let mut indicators: Vec<Cell> = (0..4).map(|_| Cell::Empty).collect();
    for year in YEARS {
        groups.push(Cell::Merged {
            text: flavor.digits(&format!("ปี {year}")),
            span: group,
        });
        groups.extend((1..group).map(|_| Cell::Empty));
        indicators.extend((1..=10).map(|n| indicator_header(flavor, n)));
        indicators.push(text("คะแนน ITA"));
    }
    let mut rows = vec![
        title(
            flavor,
            "เปรียบเทียบผลการประเมิน ITA ของ อปท. ในจังหวัดชุมพร",
            width,
        ),
        groups,
        indicators,
    ];
    let mut sums = vec![0.0; group as usize * YEARS.len()];
    let mut counts = vec![0usize; YEARS.len()];
    for (rank, unit) in UNITS.iter().enumerate() {
        let mut row = vec![
            text(flavor.digits(&(rank + 1).to_string())),
            text(unit.name),
            text(unit.district),
            text(unit.province),
        ];
        for (g, year) in YEARS.iter().enumerate() {
            match unit.years.iter().find(|y| y.year == *year) {
                Some(y) => {
                    counts[g] += 1;
                    let values = y.indicators.iter().chain([&y.overall]);
                    for (i, v) in values.enumerate() {
                        sums[g * group as usize + i] += v;
                        row.push(flavor.score(*v));
                    }
                }
                None => row.extend((0..group).map(|_| Cell::Empty)),
            }
        }
        rows.push(row);
    }
    let mut average = vec![Cell::Empty, text("ค่าเฉลี่ย"), Cell::Empty, Cell::Empty];
    for (i, sum) in sums.iter().enumerate() {
        let mean = sum / counts[i / group as usize] as f64;
        average.push(flavor.score((mean * 100.0).round() / 100.0));
    }
    rows.push(average);
    rows.push(vec![text(
        "หมายเหตุ: หน่วยงานที่ไม่มีคะแนนปี 2564 ไม่ได้เข้ารับการประเมินในปีนั้น",
    )]);
    vec![GridSheet {
        name: "เปรียบเทียบ".into(),
        rows,
    }]
}

/// Provinces as units, as the NACC publishes them: two rows a province (the
/// newer year above the older) under a merged province cell, a year column, the
/// NACC's "คะเเนน" (two sara e), no grade column.
pub fn provinces(flavor: Flavor) -> Vec<GridSheet> {
    let mut header: Vec<Cell> = vec![text("จังหวัด"), text("ปีงบประมาณ")];
    header.extend((1..=10).map(|n| indicator_header(flavor, n)));
    header.push(text("คะเเนน ITA"));
    let mut rows = vec![title(flavor, "ผลการประเมิน ITA รายจังหวัด", 13), header];
    for (unit, province) in UNITS.iter().zip(PROVINCES) {
        let mut newest_first: Vec<&FixtureYear> = unit.years.iter().collect();
        newest_first.sort_by_key(|y| std::cmp::Reverse(y.year));
        for (k, y) in newest_first.iter().enumerate() {
            let mut row = vec![
                match k {
                    0 => down(province, newest_first.len() as u16),
                    _ => Cell::Empty,
                },
                text(flavor.digits(&format!("ปี {}", y.year))),
            ];
            row.extend(y.indicators.iter().map(|v| flavor.score(*v)));
            row.push(flavor.score(y.overall));
            rows.push(row);
        }
    }
    vec![GridSheet {
        name: "รายจังหวัด".into(),
        rows,
    }]
}

/// Units as columns, sorted by score, a sheet per year with the year in a title:
/// down the first column a rank, the indicators, the tools as weighted points
/// (IIT out of 30, EIT out of 30, OIT out of 40), the ITA score and the grade.
pub fn units_as_columns(flavor: Flavor) -> Vec<GridSheet> {
    YEARS
        .iter()
        .enumerate()
        .map(|(k, &year)| {
            let mut units: Vec<(&FixtureUnit, &FixtureYear)> = assessed(year).collect();
            units.sort_by(|a, b| b.1.overall.total_cmp(&a.1.overall));
            let line = |label: Cell, pick: &dyn Fn(usize, &FixtureUnit, &FixtureYear) -> Cell| {
                let mut row = vec![label];
                row.extend(units.iter().enumerate().map(|(i, (u, y))| pick(i, u, y)));
                row
            };
            let mut rows = vec![
                title(
                    flavor,
                    &format!("ผลการประเมิน ITA ปีงบประมาณ พ.ศ. {year} เรียงตามคะแนน"),
                    1 + units.len() as u16,
                ),
                line(text("อันดับ"), &|i, _, _| {
                    text(flavor.digits(&(i + 1).to_string()))
                }),
                line(text("หน่วยงาน"), &|_, u, _| text(u.name)),
                line(text("อำเภอ"), &|_, u, _| text(u.district)),
                line(text("จังหวัด"), &|_, u, _| text(u.province)),
            ];
            for n in 0..10 {
                rows.push(line(indicator_header(flavor, n + 1), &|_, _, y| {
                    flavor.score(y.indicators[n])
                }));
            }
            for (t, (code, _, _, weight)) in TOOLS.iter().enumerate() {
                let label = flavor.digits(&format!("{code} ({weight:.0} คะแนน)"));
                rows.push(line(text(label), &|_, _, y| {
                    flavor.score(tool_scores(y, t).1)
                }));
            }
            rows.push(line(text("คะแนน ITA"), &|_, _, y| {
                flavor.score(y.overall)
            }));
            rows.push(line(text("ระดับ"), &|_, _, y| text(y.grade)));
            GridSheet {
                name: format!("Sheet{}", k + 1),
                rows,
            }
        })
        .collect()
}

/// The tidy export of the provinces: a row per province in a sheet per year.
pub fn provinces_tidy() -> Vec<GridSheet> {
    YEARS
        .iter()
        .map(|&year| {
            let mut header: Vec<Cell> = vec![text("ชื่อหน่วยงาน"), text("จังหวัด")];
            header.extend((1..=10).map(|n| indicator_header(Flavor::Xlsx, n)));
            header.push(text("คะแนน ITA"));
            let mut rows = vec![header];
            for (unit, province) in UNITS.iter().zip(PROVINCES) {
                let Some(y) = unit.years.iter().find(|y| y.year == year) else {
                    continue;
                };
                let mut row = vec![text(format!("จังหวัด{province}")), text(province)];
                row.extend(y.indicators.iter().map(|v| Cell::Number(*v)));
                row.push(Cell::Number(y.overall));
                rows.push(row);
            }
            GridSheet {
                name: format!("ITA {year}"),
                rows,
            }
        })
        .collect()
}
