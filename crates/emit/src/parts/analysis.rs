//! Section 2: the analysis by indicator: the grade statement, the comparison
//! table, where each indicator stands, and the analysis tables per tool.

use itamemo_model::{Change, Findings, IndicatorFinding, Standing, WeakPoint, YearSummary};

use crate::blocks::{Cell, Para, Table};
use crate::kit::{merged_below, row, row_may_split, Block, Kit};
use crate::measure::Fit;
use crate::words::{
    be_year, change_word, fiscal_year, indicator, push_all, push_thai_list, threshold,
};

/// The summary table's columns as shares: tool, indicator, both years, the
/// change (set by hand: fitted to their text, the change column's header, kept
/// whole, left the names too narrow).
const SUMMARY_SHARES: [f64; 5] = [1400.0, 3071.0, 1200.0, 1200.0, 2200.0];
/// The analysis tables: the indicators with their scores (names never broken
/// inside), and the findings; widths from their text.
const ANALYSIS_FITS: [Fit; 2] = [Fit::Whole, Fit::Text];

pub fn analysis(kit: &Kit, f: &Findings) -> Vec<Block> {
    let mut out: Vec<Block> = vec![kit.heading("2. ผลการวิเคราะห์รายตัวชี้วัด มีดังนี้").into()];
    out.push(kit.item(["2.1 ", &grade_statement(f)]).into());
    let this_year = fiscal_year(f.current.year);
    out.push(
        match &f.previous {
            Some(p) => kit.item([
                "2.2 สรุปผลการประเมินประจำ",
                &this_year,
                " (เทียบกับ",
                &fiscal_year(p.year),
                ") ดังนี้",
            ]),
            None => kit.item(["2.2 สรุปผลการประเมินประจำ", &this_year, " ดังนี้"]),
        }
        .keep_next(true)
        .into(),
    );
    out.push(summary_table(kit, f).into());

    let bar = threshold(f.threshold);
    let compared = f.previous.is_some();
    // The top strength is the best of those that rose where any rose, else the
    // best of all: the heading says which, so that it is true.
    let any_rose = f
        .indicators
        .iter()
        .any(|i| matches!(i.change, Some(Change::Up(_))));
    let top_heading = if any_rose {
        "ตัวชี้วัดที่ได้รับผลการประเมินเพิ่มขึ้นและได้คะแนนสูงสุด คือ"
    } else {
        "ตัวชี้วัดที่ได้คะแนนสูงสุด คือ"
    };
    // Not a strength where the best is below the threshold or has fallen: its
    // line says which, and the weak group it would be in says it is left out.
    let top_weak: Vec<Standing> = f
        .with_standing(Standing::TopStrength)
        .filter_map(IndicatorFinding::top_also_weak)
        .collect();
    let top_heading = match top_weak.is_empty() {
        true => ["จุดแข็ง: ", top_heading].concat(),
        false => top_heading.to_string(),
    };
    let mut groups: Vec<(String, Standing)> = vec![(top_heading, Standing::TopStrength)];
    if compared {
        groups.extend([
            (
                [
                    "จุดแข็ง: ตัวชี้วัดที่ได้รับผลการประเมินเพิ่มขึ้น และได้คะแนนตั้งแต่ ",
                    &bar,
                    " คะแนนขึ้นไป คือ",
                ]
                .concat(),
                Standing::Strength,
            ),
            (
                [
                    "จุดอ่อน: ตัวชี้วัดที่ได้รับผลการประเมินเพิ่มขึ้นหรือเท่าเดิม แต่ได้คะแนนต่ำกว่า ",
                    &bar,
                    " คะแนน คือ",
                ]
                .concat(),
                Standing::WeakBelowThreshold,
            ),
            (
                "จุดอ่อน: ตัวชี้วัดที่ได้รับผลการประเมินลดลง คือ".to_string(),
                Standing::WeakDecreased,
            ),
            (
                [
                    "ตัวชี้วัดที่ได้รับผลการประเมินเท่าเดิม และได้คะแนนตั้งแต่ ",
                    &bar,
                    " คะแนนขึ้นไป (รักษาระดับ) คือ",
                ]
                .concat(),
                Standing::Same,
            ),
        ]);
    } else {
        groups.extend([
            (
                ["จุดแข็ง: ตัวชี้วัดที่ได้คะแนนตั้งแต่ ", &bar, " คะแนนขึ้นไป คือ"].concat(),
                Standing::Strength,
            ),
            (
                ["จุดอ่อน: ตัวชี้วัดที่ได้คะแนนต่ำกว่า ", &bar, " คะแนน คือ"].concat(),
                Standing::WeakBelowThreshold,
            ),
        ]);
    }
    // The numbered lines (some thirty a memo) are put together without
    // core::fmt's machinery.
    let mut point: u8 = 3;
    for (mut heading, standing) in groups {
        if top_weak.contains(&standing) {
            // "... คือ" becomes "... (นอกเหนือจากตัวชี้วัดในข้อ 2.3) คือ".
            let said = heading.strip_suffix(" คือ").unwrap_or(&heading);
            heading = [said, " (นอกเหนือจากตัวชี้วัดในข้อ 2.3) คือ"].concat();
        }
        let mut number = itoa::Buffer::new();
        let number = number.format(point);
        out.push(
            kit.item(["2.", number, " ", &heading])
                .keep_next(true)
                .into(),
        );
        let members: Vec<&IndicatorFinding> = f.with_standing(standing).collect();
        if members.is_empty() {
            out.push(kit.item("- ไม่มี").into());
        }
        for (k, member) in members.iter().enumerate() {
            out.push(
                kit.item([
                    "2.",
                    number,
                    ".",
                    itoa::Buffer::new().format(k + 1),
                    " ",
                    &indicator(member.number, &member.name),
                    " ",
                    &both_years(f, member),
                    &top_but(f, member),
                    &unmet_note(f, member),
                ])
                .into(),
            );
        }
        point += 1;
    }
    out.push(
        kit.item(["2.", itoa::Buffer::new().format(point), " ผลการวิเคราะห์"])
            .keep_next(true)
            .into(),
    );
    out.push(
        analysis_table(
            kit,
            f,
            "ประเด็นที่เป็นข้อบกพร่อง หรือจุดอ่อนที่จะต้องแก้ไข",
            |kit, f, w| {
                let number = &mut itoa::Buffer::new();
                let reasons = weak_reasons(f, w);
                // What was found follows the reasons, where there is something.
                let (colon, found) = match w.finding.as_deref() {
                    Some(found) => (": ", found),
                    None => ("", ""),
                };
                kit.cell_line([
                    "- ",
                    INDICATOR,
                    number.format(w.indicator),
                    " ",
                    &w.name,
                    " ",
                    &reasons,
                    colon,
                    found,
                ])
            },
        )
        .into(),
    );
    out.push(kit.blank().into());
    out.push(
        analysis_table(
            kit,
            f,
            "ประเด็นที่ต้องพัฒนาให้ดีขึ้น",
            |kit, _, w| {
                let number = &mut itoa::Buffer::new();
                let number = number.format(w.indicator);
                match w.improve.as_deref() {
                    Some(improve) => kit.cell_line([
                        "- ",
                        INDICATOR,
                        number,
                        " ",
                        &w.name,
                        " หน่วยงานควร",
                        improve,
                    ]),
                    // Items not met that the export does not name (and no
                    // catalog text): the unit's own results name them.
                    None if w.unmet_items.is_empty() => kit.cell_line([
                        "- ",
                        INDICATOR,
                        number,
                        " ",
                        &w.name,
                        " หน่วยงานควรตรวจผลการประเมินรายข้อ แล้วดำเนินการและเผยแพร่ข้อมูลในข้อที่ยังไม่ผ่านให้ครบถ้วน",
                    ]),
                    // Only items not met: what to do is said item by item in section 3.
                    None => {
                        let mut items = String::new();
                        push_thai_list(&mut items, "ข้อ ", w.unmet_items.iter().map(String::as_str));
                        kit.cell_line([
                            "- ",
                            INDICATOR,
                            number,
                            " ",
                            &w.name,
                            " หน่วยงานควรดำเนินการและเผยแพร่ข้อมูลตาม",
                            &items,
                            " ให้ครบถ้วน ตามข้อเสนอแนะในข้อ 3",
                        ])
                    }
                }
            },
        )
        .into(),
    );
    out
}

/// " แต่ยังไม่ผ่านข้อ O30 ของแบบตรวจปี 2565": a score that stands well can still
/// hide items not met (named with their year: the numbers change from year to
/// year); under a weakness, "และยังไม่ผ่าน": one more thing to fix, not a "but".
/// Items not met that the export does not name: " แต่ยังมีข้อที่ไม่ผ่าน".
fn unmet_note(f: &Findings, member: &IndicatorFinding) -> String {
    let point = f
        .tools
        .iter()
        .flat_map(|t| &t.weak_points)
        .find(|w| w.indicator == member.number);
    let mut unmet = point
        .into_iter()
        .flat_map(|w| &w.unmet_items)
        .map(String::as_str)
        .peekable();
    let mut note = String::new();
    // A strength whose items the export does not name, yet some not met.
    if point.is_some_and(|w| w.unmet_unnamed) && !member.needs_work {
        note.push_str(" แต่ยังมีข้อที่ไม่ผ่าน");
    }
    if unmet.peek().is_some() {
        let joined_by = match member.needs_work {
            true => "และ",
            false => "แต่",
        };
        push_all(&mut note, &[" ", joined_by, "ยังไม่ผ่าน"]);
        push_thai_list(&mut note, "ข้อ ", unmet);
        push_of_checklist(&mut note, f);
    }
    note
}

/// " แต่ยังต่ำกว่า 80 คะแนน", " แต่คะแนนลดลงจากปีงบประมาณ พ.ศ. 2564", or both:
/// why the best indicator is no strength, where it needs work; else nothing.
fn top_but(f: &Findings, member: &IndicatorFinding) -> String {
    let Some(weak) = member.top_also_weak() else {
        return String::new();
    };
    let below = member.current < f.threshold;
    let below_words = ["ต่ำกว่า ", &threshold(f.threshold), " คะแนน"].concat();
    let fell = [" แต่คะแนนลดลงจาก", &fiscal_year(f.previous_year())].concat();
    match (weak, below) {
        (Standing::WeakDecreased, true) => [&fell, " และ", &below_words].concat(),
        (Standing::WeakDecreased, false) => fell,
        _ => [" แต่ยัง", &below_words].concat(),
    }
}

/// " ของแบบตรวจปี 2565": the year whose item numbers section 2 cites.
fn push_of_checklist(out: &mut String, f: &Findings) {
    push_all(
        out,
        &[" ของแบบตรวจปี ", itoa::Buffer::new().format(f.current.year)],
    );
}

/// "ตัวชี้วัดที่ 4 ...", as `words::indicator` begins.
const INDICATOR: &str = "ตัวชี้วัดที่ ";

/// Why an indicator needs work, from its own figures: "ได้ 73.75 คะแนน ต่ำกว่า 80
/// คะแนน และลดลง 0.46 คะแนน", "ยังไม่ผ่านข้อ O30 ของแบบตรวจปี 2565".
fn weak_reasons(f: &Findings, w: &WeakPoint) -> String {
    let mut reasons = String::new();
    let mut spelled = [0; 16];
    let score = w.current.spelled(&mut spelled);
    match (w.below_threshold, w.fell) {
        (true, Some(d)) => push_all(
            &mut reasons,
            &[
                "ได้ ",
                score,
                " คะแนน ต่ำกว่า ",
                &threshold(f.threshold),
                " คะแนน และลดลง ",
                d.magnitude_spelled(&mut [0; 16]),
                " คะแนน",
            ],
        ),
        (true, None) => push_all(
            &mut reasons,
            &[
                "ได้ ",
                score,
                " คะแนน ต่ำกว่า ",
                &threshold(f.threshold),
                " คะแนน",
            ],
        ),
        (false, Some(d)) => push_all(
            &mut reasons,
            &[
                "ได้ ",
                score,
                " คะแนน ลดลง ",
                d.magnitude_spelled(&mut [0; 16]),
                " คะแนน",
            ],
        ),
        (false, None) => {}
    }
    // Said where it is the only reason: below the threshold or fallen says
    // enough of an indicator scored met or not.
    if w.unmet_unnamed && reasons.is_empty() {
        push_all(&mut reasons, &["ได้ ", score, " คะแนน ยังมีข้อที่ไม่ผ่าน"]);
    }
    if !w.unmet_items.is_empty() {
        // The reasons joined by " และ".
        if !reasons.is_empty() {
            reasons.push_str(" และ");
        }
        reasons.push_str("ยังไม่ผ่าน");
        push_thai_list(
            &mut reasons,
            "ข้อ ",
            w.unmet_items.iter().map(String::as_str),
        );
        push_of_checklist(&mut reasons, f);
    }
    reasons
}

/// "{unit}ได้ 87.15 คะแนน อยู่ในระดับ A ลดลงจากปีงบประมาณ พ.ศ. 2564 (88.53 คะแนน
/// ระดับ A) จำนวน 1.38 คะแนน โดยยังคงอยู่ในระดับเดิม" (or "โดยเปลี่ยนจากระดับ B
/// เป็นระดับ A"): the change said once, and the grade's own fate apart from it.
pub fn grade_statement(f: &Findings) -> String {
    let mut out = String::with_capacity(512);
    push_grade_statement(
        &mut out,
        &f.unit.name,
        &f.current,
        f.previous.as_ref().zip(f.overall_change),
        f.previous_year(),
    );
    out
}

/// `grade_statement` onto `out`, from the unit's name, its year, the year
/// before with the change since where there is one, and that year's number
/// where there is none (written piece by piece: five format!s were some four
/// thousand instructions a memo).
fn push_grade_statement(
    out: &mut String,
    unit: &str,
    now: &YearSummary,
    compared: Option<(&YearSummary, Change)>,
    previous_year: u16,
) {
    let mut spelled = [0; 16];
    push_all(
        out,
        &[
            unit,
            "ได้ ",
            now.overall.spelled(&mut spelled),
            " คะแนน อยู่ในระดับ ",
            &now.grade,
        ],
    );
    let Some((before, change)) = compared else {
        push_all(
            out,
            &[
                " โดยไม่มีผลการประเมินของ",
                &fiscal_year(previous_year),
                " สำหรับเปรียบเทียบ",
            ],
        );
        return;
    };
    out.push_str(match change {
        Change::Up(_) => " เพิ่มขึ้นจาก",
        Change::Down(_) => " ลดลงจาก",
        Change::Same => " เท่ากับ",
    });
    push_all(
        out,
        &[
            &fiscal_year(before.year),
            " (",
            before.overall.spelled(&mut spelled),
            " คะแนน ระดับ ",
            &before.grade,
            ")",
        ],
    );
    if let Change::Up(d) | Change::Down(d) = change {
        push_all(
            out,
            &[" จำนวน ", d.magnitude_spelled(&mut spelled), " คะแนน"],
        );
    }
    if before.grade == now.grade {
        out.push_str(" โดยยังคงอยู่ในระดับเดิม");
    } else {
        push_all(
            out,
            &[" โดยเปลี่ยนจากระดับ ", &before.grade, " เป็นระดับ ", &now.grade],
        );
    }
}

/// "(ปีงบประมาณ พ.ศ. 2564 มีคะแนน 88.59 ปีงบประมาณ พ.ศ. 2565 ได้คะแนน 90.14)"
fn both_years(f: &Findings, i: &IndicatorFinding) -> String {
    let mut out = String::new();
    out.push('(');
    if let (Some(p), Some(score)) = (&f.previous, i.previous) {
        push_all(
            &mut out,
            &[
                &fiscal_year(p.year),
                " มีคะแนน ",
                score.spelled(&mut [0; 16]),
                " ",
            ],
        );
    }
    push_all(
        &mut out,
        &[
            &fiscal_year(f.current.year),
            " ได้คะแนน ",
            i.current.spelled(&mut [0; 16]),
            ")",
        ],
    );
    out
}

fn summary_table(kit: &Kit, f: &Findings) -> Table {
    // Without a previous year there is no change to show: its column goes.
    let compared = f.previous.is_some();
    let mut shares = SUMMARY_SHARES.to_vec();
    if !compared {
        // No change to show: its column goes to the indicators' names.
        shares[1] += shares.pop().expect("five columns");
    }
    let with_change = |mut cells: Vec<Cell>, change: Option<Change>| {
        if compared {
            cells.push(change_cell(kit, change));
        }
        row(cells)
    };
    let mut header = vec![
        kit.header_cell("เครื่องมือ"),
        kit.header_cell("ตัวชี้วัด"),
        kit.header_cell(&be_year(f.previous_year())),
        kit.header_cell(&be_year(f.current.year)),
    ];
    if compared {
        header.push(kit.header_cell("การเปลี่ยนแปลง"));
    }
    let mut rows = vec![row(header)];
    let mut last_tool = "";
    for i in &f.indicators {
        let first_of_tool = i.tool != last_tool;
        last_tool = &i.tool;
        let tool_cell = kit.centred_cell(if first_of_tool { &i.tool } else { "" });
        rows.push(with_change(
            vec![
                merged_below(tool_cell, first_of_tool),
                kit.line_cell([itoa::Buffer::new().format(i.number), ". ", &i.name]),
                kit.score_cell(i.previous),
                kit.score_cell(Some(i.current)),
            ],
            i.change,
        ));
    }
    let previous = f.previous.as_ref();
    let span_two = |text: &str| kit.bold_cell(text).span(2);
    rows.push(with_change(
        vec![
            span_two("คะแนนภาพรวม"),
            kit.score_cell(previous.map(|p| p.overall)),
            kit.score_cell(Some(f.current.overall)),
        ],
        f.overall_change,
    ));
    rows.push(with_change(
        vec![
            span_two("ระดับผลการประเมิน"),
            kit.centred_cell(previous.map_or("-", |p| p.grade.as_str())),
            kit.centred_cell(&f.current.grade),
        ],
        None,
    ));
    Table::bordered(rows, &shares)
}

/// "เพิ่มขึ้น 1.55", "ลดลง 0.46", "คงที่": the word and the amount, for a narrow
/// column; empty where there is no change to tell.
fn change_cell(kit: &Kit, change: Option<Change>) -> Cell {
    match change {
        Some(change @ (Change::Up(d) | Change::Down(d))) => {
            kit.centred_cell([change_word(change), " ", d.magnitude_spelled(&mut [0; 16])])
        }
        Some(Change::Same) => kit.centred_cell(change_word(Change::Same)),
        None => kit.centred_cell(""),
    }
}

/// Per tool: its indicators with their current scores in one cell, and beside
/// it a line for each of its weak points: one row a tool, which may run on to the
/// next page under the repeated header rather than leave the page above it empty.
fn analysis_table(
    kit: &Kit,
    f: &Findings,
    title: &str,
    line: fn(&Kit, &Findings, &WeakPoint) -> Para,
) -> Table {
    let mut rows = vec![row(vec![
        kit.header_cell("ตัวชี้วัด (คะแนนที่ได้)"),
        kit.header_cell(title),
    ])];
    for tool in &f.tools {
        rows.push(kit.group_row([&tool.name, " (", &tool.code, ")"], ANALYSIS_FITS.len()));
        let lines = if tool.weak_points.is_empty() {
            vec![kit.cell_line([
                "ด้าน ",
                &tool.code,
                " ไม่พบประเด็นที่ต้องแก้ไข ควรรักษาระดับการดำเนินงานไว้",
            ])]
        } else {
            let mut lines = Vec::with_capacity(1 + tool.weak_points.len());
            lines.push(kit.cell_line(["ด้าน ", &tool.code, " พบว่า"]));
            lines.extend(tool.weak_points.iter().map(|p| line(kit, f, p)));
            lines
        };
        let indicators: Vec<Para> = tool
            .indicators
            .iter()
            .filter_map(|n| f.indicators.iter().find(|i| i.number == *n))
            .map(|i| {
                kit.cell_line([
                    itoa::Buffer::new().format(i.number),
                    ". ",
                    &i.name,
                    " (",
                    i.current.spelled(&mut [0; 16]),
                    ")",
                ])
            })
            .collect();
        rows.push(row_may_split(vec![
            kit.cell_of(indicators),
            kit.cell_of(lines),
        ]));
    }
    Table::fitted(rows, &ANALYSIS_FITS)
}

#[cfg(test)]
mod tests {
    use super::*;
    use itamemo_model::score::Delta;
    use itamemo_model::Score;

    /// The statement as format! put it together before.
    fn by_format(
        unit: &str,
        now: &YearSummary,
        compared: Option<(&YearSummary, Change)>,
        previous_year: u16,
    ) -> String {
        let opening = format!("{}ได้ {} คะแนน อยู่ในระดับ {}", unit, now.overall, now.grade);
        let Some((before, change)) = compared else {
            return format!(
                "{opening} โดยไม่มีผลการประเมินของ{} สำหรับเปรียบเทียบ",
                fiscal_year(previous_year)
            );
        };
        let earlier = format!(
            "{} ({} คะแนน ระดับ {})",
            fiscal_year(before.year),
            before.overall,
            before.grade
        );
        let grade = if before.grade == now.grade {
            " โดยยังคงอยู่ในระดับเดิม".to_string()
        } else {
            format!(" โดยเปลี่ยนจากระดับ {} เป็นระดับ {}", before.grade, now.grade)
        };
        match change {
            Change::Up(d) => format!(
                "{opening} เพิ่มขึ้นจาก{earlier} จำนวน {} คะแนน{grade}",
                d.magnitude_text()
            ),
            Change::Down(d) => format!(
                "{opening} ลดลงจาก{earlier} จำนวน {} คะแนน{grade}",
                d.magnitude_text()
            ),
            Change::Same => format!("{opening} เท่ากับ{earlier}{grade}"),
        }
    }

    #[test]
    fn the_grade_statement_reads_as_format_put_it() {
        let year = |year: u16, hundredths: u32, grade: &str| YearSummary {
            year,
            overall: Score::from_hundredths(hundredths).unwrap(),
            grade: grade.to_string(),
            std_dev: Score::default(),
            highest: Score::default(),
            lowest: Score::default(),
        };
        let years = [
            year(2566, 8715, "A"),
            year(2566, 10_000, "AA"),
            year(2565, 8853, "A"),
            year(2565, 50, "E"),
        ];
        let changes = [
            Change::Up(Delta(155)),
            Change::Down(Delta(-138)),
            Change::Same,
        ];
        for now in &years {
            for unit in ["เทศบาลตำบลปากทรง", ""] {
                let mut out = String::new();
                push_grade_statement(&mut out, unit, now, None, 2565);
                assert_eq!(out, by_format(unit, now, None, 2565));
                for before in &years {
                    for change in changes {
                        let mut out = String::new();
                        push_grade_statement(&mut out, unit, now, Some((before, change)), 2565);
                        assert_eq!(out, by_format(unit, now, Some((before, change)), 2565));
                    }
                }
            }
        }
    }
}
