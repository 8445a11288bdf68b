//! The summary's six parts: levels, spread, units below the pass mark, the
//! indicators weak in the most units, the area's means against the year before,
//! and the units without a memo.

use itamemo_model::{AreaSummary, Change, Outcomes, Score, UnitName};

use crate::BelowPassList;

use crate::kit::{bordered_table, row, Block, Kit};
use crate::words::{change_word, fiscal_year, threshold};
use crate::{proper_names, thai_order};

use super::{spread, Body, Put};

/// `units`: the outcomes the area's figures were made from, where the units
/// below the pass mark are named.
/// `below`: the units below the pass mark, in the order listed.
pub fn figures(
    kit: &Kit,
    area: &AreaSummary,
    units: &Outcomes,
    below: &BelowPassList,
    out: &mut Body,
) {
    let provinces = many_provinces(area, units, below);
    levels(kit, area, out);
    spread(kit, area, out);
    below_pass(kit, area, units, below, provinces, out);
    weakest(kit, area, out);
    means(kit, area, out);
    without_memo(kit, area, provinces, out);
}

/// A table of what (its header first) with how many units and their share of
/// the units with a memo: the levels, the weak indicators, the items not met.
fn counts_table(
    kit: &Kit,
    area: &AreaSummary,
    headers: [&str; 3],
    lines: impl IntoIterator<Item = (String, usize)>,
) -> crate::blocks::Table {
    const WIDTHS: [usize; 3] = [3771, 2650, 2650];
    let mut rows = vec![row(headers.iter().map(|h| kit.header_cell(*h)).collect())];
    for (label, count) in lines {
        rows.push(row(vec![
            kit.cell(&[label]),
            kit.centred_cell(&count.to_string()),
            kit.centred_cell(&area.share(count).to_string()),
        ]));
    }
    bordered_table(rows, &WIDTHS)
}

/// The place column of the summary's lists of units, in twips: "จ.พระนครศรีอยุธยา",
/// the longest province, fits on one line beside the cell's margins (at 1,500
/// "จ.ประจวบคีรีขันธ์" broke as "จ" over ".ประจวบคีรีขันธ์").
const PLACE_WIDTH: usize = 1800;

/// Where a unit is: its district, and its province where the area spans more than one.
fn place_lines(unit: &UnitName, provinces: bool) -> Vec<String> {
    let mut lines = vec![unit.district.clone()];
    if provinces {
        lines.push(format!("จ.{}", unit.province));
    }
    lines
}

/// Whether the units the summary lists (below the pass mark, `below`, and
/// without a memo) are in more than one province.
fn many_provinces(area: &AreaSummary, units: &Outcomes, below: &BelowPassList) -> bool {
    let mut provinces = below
        .units()
        .map(|at| units.place(at).0)
        .chain(area.without_memo.iter().map(|u| u.unit.province.as_str()));
    let first = provinces.next();
    provinces.any(|p| Some(p) != first)
}

fn levels(kit: &Kit, area: &AreaSummary, out: &mut Body) {
    let passed = area.units_with_memo - area.units_below_pass;
    kit.heading("1. ระดับผลการประเมิน").put(out);
    kit.body(&format!(
        "หน่วยงานที่มีบันทึก {} หน่วยงาน ได้คะแนน ITA เฉลี่ย {} คะแนน ได้ {} คะแนนขึ้นไป {} หน่วยงาน (ร้อยละ {}) ต่ำกว่า {} คะแนน {} หน่วยงาน แยกตามระดับของเกณฑ์ปี {} ได้ดังนี้",
        area.units_with_memo,
        area.overall_mean,
        threshold(area.pass_mark),
        passed,
        area.share(passed),
        threshold(area.pass_mark),
        area.units_below_pass,
        area.year
    ))
    .keep_next(true)
    .put(out);
    // The table may run on to the next page under its repeated header: kept
    // whole, it left the cover's page more than half empty.
    let levels = area.levels.iter().map(|l| (l.label.clone(), l.count));
    let total = std::iter::once(("รวม".to_string(), area.units_with_memo));
    counts_table(
        kit,
        area,
        ["ระดับผลการประเมิน", "จำนวนหน่วยงาน", "ร้อยละ"],
        levels.chain(total),
    )
    .put(out);
}

fn spread(kit: &Kit, area: &AreaSummary, out: &mut Body) {
    kit.heading("2. การกระจายของคะแนน ITA").put(out);
    kit.body(&format!(
        "คะแนนสูงสุด {} คะแนน ต่ำสุด {} คะแนน คะแนนกลาง (มัธยฐาน) {} คะแนน จำนวนหน่วยงานในแต่ละช่วงคะแนนเป็นดังแผนภูมิ แท่งสีส้มคือช่วงที่ต่ำกว่า {} คะแนน",
        area.highest,
        area.lowest,
        area.median,
        threshold(area.pass_mark)
    ))
    .keep_next(true)
    .put(out);
    Block::Chart {
        description: "จำนวนหน่วยงานตามช่วงคะแนน ITA",
        height_emu: spread::HEIGHT_EMU,
        caption: kit
            .para(&format!(
                "แผนภูมิจำนวนหน่วยงานตามช่วงคะแนน ITA {}",
                fiscal_year(area.year)
            ))
            .centred()
            .space_before()
            .into(),
    }
    .put(out);
}

/// "เพิ่มขึ้น 1.38", "ลดลง 0.50", "คงที่", or "-" without the year before.
fn change_text(change: Option<Change>) -> String {
    match change {
        Some(c @ (Change::Up(d) | Change::Down(d))) => {
            format!("{} {}", change_word(c), d.magnitude_text())
        }
        Some(Change::Same) => change_word(Change::Same).to_string(),
        None => "-".to_string(),
    }
}

fn below_pass(
    kit: &Kit,
    area: &AreaSummary,
    units: &Outcomes,
    below: &BelowPassList,
    provinces: bool,
    out: &mut Body,
) {
    const WIDTHS: [usize; 6] = [600, 2371, PLACE_WIDTH, 1250, 1250, 1800];
    let mark = threshold(area.pass_mark);
    kit.heading(&format!(
        "3. หน่วยงานที่ได้คะแนนต่ำกว่า {mark} คะแนน ({} หน่วยงาน)",
        area.units_below_pass
    ))
    .put(out);
    if area.units_below_pass == 0 {
        kit.body(&format!("ไม่มีหน่วยงานใดได้คะแนนต่ำกว่า {mark} คะแนน"))
            .put(out);
        return;
    }
    // One unit is neither sorted nor "these units".
    let follow_up = "ควรได้รับการติดตามให้ดำเนินการตามมาตรการในบันทึกของตน";
    let lead = match area.units_below_pass {
        1 => format!("หน่วยงานนี้{follow_up}"),
        _ => format!("เรียงจากคะแนนน้อยไปมาก หน่วยงานเหล่านี้{follow_up}"),
    };
    kit.body(&lead).keep_next(true).put(out);
    let place_heading = if provinces {
        "อำเภอ/จังหวัด"
    } else {
        "อำเภอ"
    };
    let header = row(vec![
        kit.header_cell("ที่"),
        kit.header_cell("หน่วยงาน"),
        kit.header_cell(place_heading),
        kit.header_cell(&format!("ปี {}", area.previous_year)),
        kit.header_cell(&format!("ปี {}", area.year)),
        kit.header_cell("เปลี่ยนแปลง"),
    ]);
    let rows = below.units().enumerate().map(|(k, at)| {
        let outcome = units.read(at);
        let b = area
            .below_pass_of(at, &outcome)
            .expect("a unit listed below the pass mark is below it");
        let unit = outcome.unit_name();
        row(vec![
            kit.centred_cell(&(k + 1).to_string()),
            kit.cell(&[proper_names::unit_name_kept_whole(&unit)]),
            kit.cell(&place_lines(&unit, provinces)),
            kit.score_cell(b.previous),
            kit.score_cell(Some(b.overall)),
            kit.centred_cell(&change_text(b.change)),
        ])
    });
    out.table(&WIDTHS, std::iter::once(header).chain(rows));
}

fn indicator_name(number: u8, name: &str) -> String {
    match name {
        "" => format!("ตัวชี้วัดที่ {number}"),
        _ => format!("{number}. {name}"),
    }
}

fn weakest(kit: &Kit, area: &AreaSummary, out: &mut Body) {
    // Not "that many units need to improve": an area's rows may count one unit each.
    kit.heading("4. ตัวชี้วัดที่หน่วยงานต้องปรับปรุง").put(out);
    let weak = area.weakest();
    if weak.is_empty() {
        kit.body(&format!(
            "ไม่มีตัวชี้วัดใดที่คะแนนลดลงจากปีก่อน หรือต่ำกว่า {} คะแนน ในบันทึกของหน่วยงาน",
            threshold(area.threshold)
        ))
        .put(out);
        // Items not met are said all the same.
        unmet_items(kit, area, false, out);
        return;
    }
    kit.body(&format!(
        "นับจากบันทึกของแต่ละหน่วยงาน ตัวชี้วัดที่ต้องปรับปรุงคือตัวชี้วัดที่คะแนนลดลงจากปีก่อน หรือต่ำกว่า {} คะแนน เรียงจากจำนวนหน่วยงานมากไปน้อย",
        threshold(area.threshold)
    ))
    .keep_next(true)
    .put(out);
    counts_table(
        kit,
        area,
        ["ตัวชี้วัด", "จำนวนหน่วยงาน", "ร้อยละของหน่วยงาน"],
        weak.iter()
            .map(|i| (indicator_name(i.number, &i.name), i.weak_units)),
    )
    .put(out);
    unmet_items(kit, area, true, out);
}

/// The OIT items the units did not meet, the most common first: the gaps a
/// district can help close in one go (an indicator's score hides them).
fn unmet_items(kit: &Kit, area: &AreaSummary, table_above: bool, out: &mut Body) {
    unmet_unnamed(kit, area, table_above, out);
    if area.unmet_items.is_empty() {
        return;
    }
    kit.body(&format!(
        "ข้อของแบบตรวจการเปิดเผยข้อมูลสาธารณะ (OIT) ปี {} ที่หน่วยงานยังไม่ผ่าน ตามที่บันทึกของแต่ละหน่วยงานระบุ เรียงจากจำนวนหน่วยงานมากไปน้อย",
        area.year
    ))
    .space_before()
    .keep_next(true)
    .put(out);
    counts_table(
        kit,
        area,
        ["ข้อที่ยังไม่ผ่าน", "จำนวนหน่วยงาน", "ร้อยละของหน่วยงาน"],
        area.unmet_items
            .iter()
            .map(|i| (format!("ข้อ {}", i.label), i.units)),
    )
    .put(out);
}

/// Units whose OIT score is short of full marks where the export gives no item
/// scores: their memos cannot name the items not met (and the table above, by
/// its definition, does not count them).
fn unmet_unnamed(kit: &Kit, area: &AreaSummary, table_above: bool, out: &mut Body) {
    let units = area.units_unmet_unnamed;
    if units == 0 {
        return;
    }
    let counted = match table_above {
        true => format!(
            " (ตารางข้างต้นนับเฉพาะตัวชี้วัดที่คะแนนลดลงหรือต่ำกว่า {} คะแนน)",
            threshold(area.threshold)
        ),
        false => String::new(),
    };
    kit.body(&format!(
        "มี {units} หน่วยงานที่ได้คะแนนตัวชี้วัดของแบบตรวจการเปิดเผยข้อมูลสาธารณะ (OIT) ไม่เต็ม 100 คะแนน ซึ่งแสดงว่ายังมีข้อที่ไม่ผ่าน แต่ข้อมูลผลคะแนนที่ใช้ไม่มีผลการตรวจรายข้อ บันทึกของหน่วยงานจึงยังระบุข้อที่ไม่ผ่านไม่ได้{counted}"
    ))
    .space_before()
    .put(out);
}

fn means(kit: &Kit, area: &AreaSummary, out: &mut Body) {
    const WIDTHS: [usize; 4] = [3971, 1400, 1400, 2300];
    // Where some units lack the year before, the year's mean over the units that
    // have it stands beside the mean over all: it is what the change is from.
    const WIDTHS_PAIRED: [usize; 5] = [2871, 1400, 1500, 1800, 1500];
    let paired = area.change_over_fewer() && area.overall_previous_units > 0;
    kit.heading("5. คะแนนเฉลี่ยของพื้นที่รายตัวชี้วัด เทียบกับปีก่อน")
        .put(out);
    let previous = match area.overall_previous_units {
        0 => format!("ไม่มีหน่วยงานใดมีผลของปี {}", area.previous_year),
        n if area.change_over_fewer() => format!(
            "ของปี {} คิดจาก {n} หน่วยงานที่มีบันทึกและมีผลของปีนั้น การเปลี่ยนแปลงจึงเทียบคะแนนทั้งสองปีของ {n} หน่วยงานนั้นเท่านั้น (คอลัมน์ที่สองและที่สาม) ส่วนคอลัมน์สุดท้ายเป็นคะแนนเฉลี่ยของปี {} ของทุกหน่วยงาน",
            area.previous_year, area.year
        ),
        n => format!("ของปี {} คิดจาก {n} หน่วยงานที่มีบันทึกและมีผลของปีนั้น", area.previous_year),
    };
    kit.body(&format!(
        "คะแนนเฉลี่ยของปี {} คิดจากหน่วยงานที่มีบันทึกทุกหน่วยงาน ส่วนคะแนนเฉลี่ย{previous}",
        area.year
    ))
    .keep_next(true)
    .put(out);
    let line = |label: String,
                previous: Option<Score>,
                current: Score,
                current_paired: Option<Score>,
                change: Option<Change>| {
        // Read left to right: the year before, the year analysed over the same
        // units, the change between them, then the year's mean over all.
        let (change, current) = (
            kit.centred_cell(&change_text(change)),
            kit.score_cell(Some(current)),
        );
        let mut cells = vec![kit.cell(&[label]), kit.score_cell(previous)];
        if paired {
            cells.extend([kit.score_cell(current_paired), change, current]);
        } else {
            cells.extend([current, change]);
        }
        row(cells)
    };
    let header = if paired {
        let n = area.overall_previous_units;
        vec![
            kit.header_cell("รายการ"),
            kit.header_cell(&format!("ปี {} ({n} หน่วยงาน)", area.previous_year)),
            kit.header_cell(&format!("ปี {} ({n} หน่วยงานเดิม)", area.year)),
            kit.header_cell("เปลี่ยนแปลง"),
            kit.header_cell(&format!(
                "ปี {} (ทั้ง {} หน่วยงาน)",
                area.year, area.units_with_memo
            )),
        ]
    } else {
        vec![
            kit.header_cell("รายการ"),
            kit.header_cell(&format!("ปี {}", area.previous_year)),
            kit.header_cell(&format!("ปี {}", area.year)),
            kit.header_cell("เปลี่ยนแปลง"),
        ]
    };
    let mut rows = vec![
        row(header),
        line(
            "คะแนน ITA ภาพรวม".to_string(),
            area.overall_previous_mean,
            area.overall_mean,
            area.overall_paired_mean,
            area.overall_change(),
        ),
    ];
    for indicator in &area.indicators {
        rows.push(line(
            indicator_name(indicator.number, &indicator.name),
            indicator.previous_mean,
            indicator.mean,
            indicator.paired_mean,
            indicator.change(),
        ));
    }
    let widths: &[usize] = if paired { &WIDTHS_PAIRED } else { &WIDTHS };
    bordered_table(rows, widths).put(out);
}

fn without_memo(kit: &Kit, area: &AreaSummary, provinces: bool, out: &mut Body) {
    const WIDTHS: [usize; 4] = [600, 2571, PLACE_WIDTH, 4100];
    kit.heading(&format!(
        "6. หน่วยงานที่ยังไม่มีบันทึก ({} หน่วยงาน)",
        area.without_memo.len()
    ))
    .put(out);
    if area.without_memo.is_empty() {
        kit.body("ทุกหน่วยงานที่พบในไฟล์ผลคะแนนมีบันทึกแล้ว").put(out);
        return;
    }
    let which = match area.without_memo.len() {
        1 => "หน่วยงานนี้",
        _ => "หน่วยงานเหล่านี้",
    };
    kit.body(&format!("{which}ยังไม่มีบันทึก เพราะข้อมูลในไฟล์ผลคะแนนยังไม่ครบหรือไม่ถูกต้อง ตามสาเหตุที่ระบุ เมื่อแก้ไขไฟล์แล้วให้ทำบันทึกใหม่"))
        .keep_next(true)
        .put(out);
    let mut units: Vec<_> = area.without_memo.iter().collect();
    thai_order::sort_by_place(
        &mut units,
        |_| (),
        |u| [&u.unit.province, &u.unit.district, &u.unit.name].map(String::as_str),
    );
    let header = row(vec![
        kit.header_cell("ที่"),
        kit.header_cell("หน่วยงาน"),
        kit.header_cell(if provinces {
            "อำเภอ/จังหวัด"
        } else {
            "อำเภอ"
        }),
        kit.header_cell("สาเหตุ"),
    ]);
    let rows = units.iter().enumerate().map(|(k, unit)| {
        crate::kit::row_may_split(vec![
            kit.centred_cell(&(k + 1).to_string()),
            kit.cell(&[proper_names::unit_name_kept_whole(&unit.unit)]),
            kit.cell(&place_lines(&unit.unit, provinces)),
            kit.cell(
                &unit
                    .reasons
                    .iter()
                    .map(|r| r.to_string())
                    .collect::<Vec<_>>(),
            ),
        ])
    });
    out.table(&WIDTHS, std::iter::once(header).chain(rows));
}

#[cfg(test)]
mod tests {
    use super::PLACE_WIDTH;
    use crate::kit::TABLE_SIZE;
    use crate::measure::width;

    /// Word's cell margins, left and right, where a table sets none.
    const CELL_MARGINS: f64 = 2.0 * 108.0;

    #[test]
    fn the_longest_provinces_fit_the_place_column() {
        for province in [
            "พระนครศรีอยุธยา",
            "กรุงเทพมหานคร",
            "นครศรีธรรมราช",
            "ประจวบคีรีขันธ์",
        ] {
            let line = format!("จ.{province}");
            let needed = width(&line, TABLE_SIZE, false) + CELL_MARGINS;
            assert!(needed <= PLACE_WIDTH as f64, "{line}: {needed} twips");
        }
    }
}
