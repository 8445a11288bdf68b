//! The area's summary beside the memos (itamemo-summary.docx) and the report's
//! sheet of indicators: every figure is checked against the memos of the same run,
//! read back from their DOCX files, over batches generated from fixed seeds.

mod common;

use std::collections::BTreeMap;
use std::path::Path;
use std::process::Command;

use common::{docx_text, have, run_into, stdout, write_wide_header, zip_part};

const SUMMARY: &str = "itamemo-summary.docx";
const INDICATORS_SHEET: &str = "สรุปรายตัวชี้วัด";
/// The 2565 scale (letters), top first.
const LEVELS: [&str; 7] = ["AA", "A", "B", "C", "D", "E", "F"];

fn arabic(text: &str) -> String {
    text.chars()
        .map(|c| match c {
            '๐'..='๙' => char::from_digit(c as u32 - '๐' as u32, 10).unwrap(),
            other => other,
        })
        .collect()
}

/// Hundredths of a score as the documents print it ("87.15", "100").
fn hundredths(text: &str) -> u32 {
    let text = arabic(text.trim());
    match text.split_once('.') {
        Some((whole, frac)) => whole.parse::<u32>().unwrap() * 100 + frac.parse::<u32>().unwrap(),
        None => text.parse::<u32>().unwrap() * 100,
    }
}

/// A mean at two decimals, half up, as hundredths.
fn mean(values: &[u32]) -> u32 {
    let n = values.len() as u64;
    let sum: u64 = values.iter().map(|&v| u64::from(v)).sum();
    ((2 * sum + n) / (2 * n)) as u32
}

struct Generated {
    units: usize,
    /// Units given a gap that keeps them from a memo, by name.
    broken: Vec<String>,
}

/// A district office's export: `n` units over two years (some assessed only in
/// the latest), a sheet per year; some units' rows have a score cell that is
/// not a score, or lack an indicator, and get no memo.
fn generate(seed: u64, n: usize, path: &Path) -> Generated {
    let mut rng = fastrand::Rng::with_seed(seed);
    const PLACES: [&str; 8] = [
        "ปากน้ำ",
        "ท่ายาง",
        "เขาไชยราช",
        "สวี",
        "ละแม",
        "หลังสวน",
        "ทุ่งตะโก",
        "ไชยา",
    ];
    const KINDS: [&str; 2] = ["เทศบาลตำบล", "องค์การบริหารส่วนตำบล"];
    const DISTRICTS: [&str; 3] = ["พะโต๊ะ", "ละแม", "เมืองชุมพร"];
    let mut book = rust_xlsxwriter::Workbook::new();
    let names: Vec<String> = (0..n)
        .map(|k| format!("{}{}{}", KINDS[k % 2], PLACES[k % 8], k / 8 + 1))
        .collect();
    let first_year_only: Vec<bool> = (0..n).map(|_| rng.u8(0..6) == 0).collect();
    let mut broken = Vec::new();
    // One unit in seven is broken in the latest year (never all of them).
    let breaks: Vec<u8> = (0..n)
        .map(|k| {
            if k > 0 && rng.u8(0..7) == 0 {
                rng.u8(1..3)
            } else {
                0
            }
        })
        .collect();
    for year in [2564, 2565] {
        let sheet = book
            .add_worksheet()
            .set_name(format!("ITA {year}"))
            .unwrap();
        write_wide_header(sheet, false);
        let mut row = 1;
        for k in 0..n {
            if year == 2564 && first_year_only[k] {
                continue;
            }
            // Scores spread wide enough that some units fall below 85 and some
            // reach 95.
            let base = rng.f64() * 40.0 + 60.0;
            let scores: Vec<f64> = (0..10)
                .map(|_| {
                    ((base + rng.f64() * 16.0 - 8.0).clamp(0.0, 100.0) * 100.0).round() / 100.0
                })
                .collect();
            let mean = |r: std::ops::Range<usize>| {
                let len = r.len() as f64;
                scores[r].iter().sum::<f64>() / len
            };
            let overall = 0.3 * mean(0..5) + 0.3 * mean(5..8) + 0.4 * mean(8..10);
            sheet.write_string(row, 0, &names[k]).unwrap();
            sheet
                .write_string(row, 1, DISTRICTS[k % DISTRICTS.len()])
                .unwrap();
            sheet.write_string(row, 2, "ชุมพร").unwrap();
            for (c, v) in scores.iter().enumerate() {
                let col = 3 + c as u16;
                match breaks[k] {
                    1 if year == 2565 && c == 3 => {
                        sheet.write_string(row, col, "รอผล").unwrap();
                    }
                    2 if year == 2565 && c == 6 => {}
                    _ => {
                        sheet.write_number(row, col, *v).unwrap();
                    }
                }
            }
            sheet
                .write_number(row, 13, (overall * 100.0).round() / 100.0)
                .unwrap();
            row += 1;
        }
    }
    for k in 0..n {
        if breaks[k] != 0 {
            broken.push(names[k].clone());
        }
    }
    book.save(path).unwrap();
    Generated { units: n, broken }
}

/// What a unit's memo says, read back from its DOCX.
struct Memo {
    name: String,
    overall: u32,
    grade: String,
    /// Indicator number to (previous, current), as section 1's table gives them.
    indicators: BTreeMap<u8, (Option<u32>, u32)>,
}

fn read_memo(path: &Path) -> Memo {
    let text = arabic(&docx_text(path));
    let lines: Vec<&str> = text.lines().collect();
    let heading = regex::Regex::new(
        r"^1\. ผลการประเมิน.*ประจำปีงบประมาณ พ\.ศ\. 2565 ของ(.+) ได้คะแนนภาพรวม ([\d.]+) คะแนน ระดับผลการประเมิน (\S+) ดังนี้$",
    )
    .unwrap();
    let (at, found) = lines
        .iter()
        .enumerate()
        .find_map(|(k, l)| heading.captures(l).map(|c| (k, c)))
        .unwrap_or_else(|| panic!("{}: no result heading", path.display()));
    let mut indicators = BTreeMap::new();
    let row = regex::Regex::new(r"^(\d+)\. \S").unwrap();
    for k in at + 1..lines.len() - 2 {
        if let Some(c) = row.captures(lines[k]) {
            let number: u8 = c[1].parse().unwrap();
            if indicators.contains_key(&number) || number > 10 {
                break;
            }
            let previous = (lines[k + 1] != "-").then(|| hundredths(lines[k + 1]));
            indicators.insert(number, (previous, hundredths(lines[k + 2])));
            if number == 10 {
                break;
            }
        }
    }
    assert_eq!(indicators.len(), 10, "{}: {indicators:?}", path.display());
    Memo {
        name: found[1].to_string(),
        overall: hundredths(&found[2]),
        grade: found[3].to_string(),
        indicators,
    }
}

fn memos(dir: &Path) -> Vec<Memo> {
    std::fs::read_dir(dir)
        .unwrap()
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|e| e == "docx") && !p.ends_with(SUMMARY))
        .map(|p| read_memo(&p))
        .collect()
}

/// The lines of the summary between two headings.
fn part<'a>(lines: &'a [String], from: &str, to: &str) -> &'a [String] {
    let start = lines
        .iter()
        .position(|l| l.starts_with(from))
        .unwrap_or_else(|| panic!("no {from}"));
    let end = lines[start..]
        .iter()
        .position(|l| l.starts_with(to))
        .map_or(lines.len(), |e| start + e);
    &lines[start..end]
}

/// Checks one generated batch; how many of its units were below 85 and without a memo.
/// The line over a list of units speaks of one unit as one ("หน่วยงานนี้", not
/// sorted), of more as "these units".
fn lead_counts_its_units(lead: &str, units: usize, at: &str) {
    match units {
        0 => {}
        1 => assert!(
            lead.starts_with("หน่วยงานนี้") && !lead.contains("เหล่านี้") && !lead.contains("เรียง"),
            "{at}: {lead}"
        ),
        _ => assert!(lead.contains("หน่วยงานเหล่านี้"), "{at}: {lead}"),
    }
}

fn check_batch(seed: u64, n: usize) -> (usize, usize, usize) {
    let dir = tempfile::tempdir().unwrap();
    let generated = generate(seed, n, &dir.path().join("อำเภอ.xlsx"));
    let (out, output) = run_into(&[dir.path()], &[]);
    let screen = stdout(&output);
    let at = format!("seed {seed}, {n} units");
    let summary = out.path().join(SUMMARY);
    assert!(summary.exists(), "{at}: {screen}");
    assert!(screen.contains("บันทึกสรุปของพื้นที่:"), "{at}: {screen}");
    let memos = memos(out.path());
    assert_eq!(
        memos.len() + generated.broken.len(),
        generated.units,
        "{at}"
    );
    let lines: Vec<String> = arabic(&docx_text(&summary))
        .lines()
        .map(str::to_string)
        .collect();
    let text = lines.join("\n");
    assert!(
        text.contains(&format!(
            "ได้จัดทำบันทึกมาตรการของหน่วยงานในพื้นที่แล้ว {} หน่วยงาน จากที่พบในไฟล์ผลคะแนนทั้งหมด {} หน่วยงาน",
            memos.len(),
            generated.units
        )),
        "{at}: {text}"
    );

    // The subject names the area: the districts the batch's units are in (the
    // generator places unit k in its k mod 3rd district: พะโต๊ะ, ละแม, เมืองชุมพร),
    // in Thai order (เ before its consonant sorts by ม), and the province.
    let present = ["พะโต๊ะ", "ละแม", "เมืองชุมพร"][..n.min(3)].to_vec();
    let districts: Vec<&str> = ["พะโต๊ะ", "เมืองชุมพร", "ละแม"]
        .into_iter()
        .filter(|d| present.contains(d))
        .collect();
    let named: Vec<String> = districts.iter().map(|d| format!("อำเภอ{d}")).collect();
    let area = match named.as_slice() {
        [only] => only.clone(),
        [rest @ .., last] => format!("{} และ{last}", rest.join(" ")),
        [] => unreachable!(),
    };
    let subject = format!("ของหน่วยงานในพื้นที่{area} จังหวัดชุมพร ประจำปีงบประมาณ");
    assert!(
        lines
            .iter()
            .any(|l| l.starts_with("เรื่อง") && l.contains(&subject)),
        "{at}: {subject}"
    );

    // 1. Each level of the 2565 scale: as many units as memos print it.
    let levels = part(&lines, "1. ระดับผลการประเมิน", "2. การกระจาย");
    for level in LEVELS {
        let at_level = memos.iter().filter(|m| m.grade == level).count();
        let row = levels
            .iter()
            .position(|l| l == level)
            .unwrap_or_else(|| panic!("{at}: no row for {level}"));
        assert_eq!(levels[row + 1], at_level.to_string(), "{at}: {level}");
    }
    let below: Vec<&Memo> = memos.iter().filter(|m| m.overall < 8500).collect();
    assert!(
        levels[1].contains(&format!("ต่ำกว่า 85 คะแนน {} หน่วยงาน", below.len())),
        "{at}: {}",
        levels[1]
    );

    // 2. The chart: the memos' overall scores counted in bands of five.
    let chart = zip_part(&summary, "word/charts/chart1.xml");
    let values: Vec<usize> = regex::Regex::new(r#"<c:pt idx="\d+"><c:v>(\d+)</c:v>"#)
        .unwrap()
        .captures_iter(chart.split("<c:val>").nth(1).unwrap())
        .map(|c| c[1].parse().unwrap())
        .collect();
    let starts = [0, 6000, 6500, 7000, 7500, 8000, 8500, 9000, 9500, 10_001];
    let expected: Vec<usize> = starts
        .windows(2)
        .map(|w| {
            memos
                .iter()
                .filter(|m| (w[0]..w[1]).contains(&m.overall))
                .count()
        })
        .collect();
    assert_eq!(values, expected, "{at}");

    // 3. The units below 85, each with its memo's score, lowest first.
    let section = part(&lines, "3. หน่วยงานที่ได้คะแนนต่ำกว่า 85", "4. ตัวชี้วัดที่หน่วยงานต้อง");
    assert!(
        section[0].ends_with(&format!("({} หน่วยงาน)", below.len())),
        "{at}: {}",
        section[0]
    );
    lead_counts_its_units(&section[1], below.len(), &at);
    let mut listed = Vec::new();
    for memo in &memos {
        let row = section.iter().position(|l| *l == memo.name);
        assert_eq!(row.is_some(), memo.overall < 8500, "{at}: {}", memo.name);
        if let Some(row) = row {
            assert_eq!(hundredths(&section[row + 3]), memo.overall, "{at}");
            listed.push((row, memo.overall));
        }
    }
    listed.sort();
    assert!(
        listed.windows(2).all(|w| w[0].1 <= w[1].1),
        "{at}: {listed:?}"
    );

    // 5. The area's mean of each indicator: the memos' figures averaged.
    // Past the heading: "5. " also starts indicator 5's row.
    let section = &part(&lines, "5. คะแนนเฉลี่ย", "6. หน่วยงานที่ยังไม่มีบันทึก")[1..];
    let overall: Vec<u32> = memos.iter().map(|m| m.overall).collect();
    let lacking_previous = memos
        .iter()
        .filter(|m| m.indicators[&1].0.is_none())
        .count();
    // Where some units lack the year before, the row reads: the year before,
    // this year over the same units, the change, this year over all.
    let paired_column = lacking_previous > 0 && lacking_previous < memos.len();
    let (current_cell, change_cell) = if paired_column { (4, 3) } else { (2, 3) };
    let row = section
        .iter()
        .position(|l| l == "คะแนน ITA ภาพรวม")
        .unwrap();
    assert_eq!(
        hundredths(&section[row + current_cell]),
        mean(&overall),
        "{at}"
    );
    let indicators = common::sheet_rows(&out.path().join("itamemo-report.xlsx"), INDICATORS_SHEET)
        .unwrap_or_else(|| panic!("{at}: the report has the sheet {INDICATORS_SHEET}"));
    let mut changes_over_fewer = 0;
    for number in 1..=10u8 {
        let current: Vec<u32> = memos.iter().map(|m| m.indicators[&number].1).collect();
        let previous: Vec<u32> = memos
            .iter()
            .filter_map(|m| m.indicators[&number].0)
            .collect();
        let row = section
            .iter()
            .position(|l| l.starts_with(&format!("{number}. ")))
            .unwrap();
        assert_eq!(
            hundredths(&section[row + current_cell]),
            mean(&current),
            "{at}: {number}"
        );
        if !previous.is_empty() {
            assert_eq!(hundredths(&section[row + 1]), mean(&previous), "{at}");
            // The change is over the units that have both years, not this year's
            // mean over more units against last year's over fewer.
            let paired: Vec<u32> = memos
                .iter()
                .filter_map(|m| m.indicators[&number].0.map(|_| m.indicators[&number].1))
                .collect();
            let (from, to) = (mean(&previous), mean(&paired));
            if paired_column {
                assert_eq!(hundredths(&section[row + 2]), to, "{at}: {number}");
            }
            let said = arabic(&section[row + change_cell]);
            let expected = match to.cmp(&from) {
                std::cmp::Ordering::Greater => format!("เพิ่มขึ้น {:.2}", f64::from(to - from) / 100.0),
                std::cmp::Ordering::Less => format!("ลดลง {:.2}", f64::from(from - to) / 100.0),
                std::cmp::Ordering::Equal => "คงที่".to_string(),
            };
            assert_eq!(said, expected, "{at}: indicator {number}'s change");
            if lacking_previous > 0 && to != mean(&current) {
                changes_over_fewer += 1;
            }
        }
        // The report's sheet holds the same means, the row after the overall one.
        let sheet_row = &indicators[1 + number as usize];
        assert_eq!(sheet_row[0], number.to_string(), "{at}");
        assert_eq!(
            (sheet_row[6].parse::<f64>().unwrap() * 100.0).round() as u32,
            mean(&current),
            "{at}"
        );
    }

    // 4. The indicators weak in the most units: the report's units sheet (from
    // the same findings) counts them the same, and so does the indicators sheet.
    let units = common::sheet_rows(&out.path().join("itamemo-report.xlsx"), "หน่วยงาน").unwrap();
    let section = &part(&lines, "4. ตัวชี้วัดที่หน่วยงานต้อง", "5. คะแนนเฉลี่ย")[1..];
    let mut shown = Vec::new();
    for number in 1..=10u8 {
        let weak = units[1..]
            .iter()
            .filter(|r| r[11].split(", ").any(|w| w == number.to_string()))
            .count();
        assert_eq!(indicators[1 + number as usize][2], weak.to_string(), "{at}");
        match section
            .iter()
            .position(|l| l.starts_with(&format!("{number}. ")))
        {
            Some(row) => {
                assert_eq!(section[row + 1], weak.to_string(), "{at}: {number}");
                shown.push((row, weak));
            }
            None => assert_eq!(weak, 0, "{at}: indicator {number} is left out"),
        }
    }
    shown.sort();
    assert!(
        shown.windows(2).all(|w| w[0].1 >= w[1].1),
        "{at}: the most units first: {shown:?}"
    );
    // The generated exports give no item scores: every memo whose OIT indicator
    // (9, 10) is short of 100 has items not met it cannot name, and section 4
    // counts those units, as the report's .json does.
    let unnamed = memos
        .iter()
        .filter(|m| [9, 10].iter().any(|n| m.indicators[n].1 < 10_000))
        .count();
    let said = section.iter().find(|l| {
        l.contains("หน่วยงานที่ได้คะแนนตัวชี้วัดของแบบตรวจการเปิดเผยข้อมูลสาธารณะ (OIT) ไม่เต็ม 100 คะแนน")
    });
    match said {
        Some(line) => assert!(
            line.starts_with(&format!("มี {unnamed} หน่วยงานที่")),
            "{at}: {line}"
        ),
        None => assert_eq!(unnamed, 0, "{at}: section 4 does not say so"),
    }
    let report: serde_json::Value = serde_json::from_str(
        &std::fs::read_to_string(out.path().join("itamemo-report.json")).unwrap(),
    )
    .unwrap();
    assert_eq!(report["area"]["units_unmet_items_unnamed"], unnamed, "{at}");

    // 6. Every unit without a memo, with the reason the report gives.
    let section = part(&lines, "6. หน่วยงานที่ยังไม่มีบันทึก", "จึงเรียนมา");
    assert!(
        section[0].ends_with(&format!("({} หน่วยงาน)", generated.broken.len())),
        "{at}: {}",
        section[0]
    );
    lead_counts_its_units(&section[1], generated.broken.len(), &at);
    for name in &generated.broken {
        let row = section
            .iter()
            .position(|l| l == name)
            .unwrap_or_else(|| panic!("{at}: {name} is not listed without a memo"));
        let reasons = &units[1..].iter().find(|r| &r[1] == name).unwrap()[13];
        let first = reasons.lines().next().expect("a reason");
        assert_eq!(section[row + 2], arabic(first), "{at}: {name}");
    }
    (below.len(), generated.broken.len(), changes_over_fewer)
}

#[test]
fn the_summary_says_what_the_memos_of_the_same_run_say() {
    let (mut below, mut without, mut paired) = (0, 0, 0);
    let (mut one_below, mut one_without) = (false, false);
    for (seed, n) in [(18, 2), (1801, 9), (1802, 27)] {
        let (b, w, p) = check_batch(seed, n);
        eprintln!("seed {seed}: {b} below, {w} without");
        below += b;
        without += w;
        paired += p;
        one_below |= b == 1;
        one_without |= w == 1;
    }
    // And lists of a single unit, which are worded for one.
    assert!(one_below && one_without, "no batch lists one unit alone");
    // The batches hold what is checked: units below the pass mark, units without,
    // and changes that differ from the difference of the two means shown.
    assert!(
        below > 0 && without > 0 && paired > 0,
        "{below} below 85, {without} without a memo, {paired} changes over fewer units"
    );
}

#[test]
fn a_run_of_one_unit_has_no_summary_and_a_rerun_removes_the_earlier_one() {
    let dir = tempfile::tempdir().unwrap();
    generate(7, 3, &dir.path().join("three.xlsx"));
    let (out, _) = run_into(&[dir.path()], &[]);
    assert!(out.path().join(SUMMARY).exists());

    let single = tempfile::tempdir().unwrap();
    generate(7, 1, &single.path().join("one.xlsx"));
    let output = common::itamemo(&[
        &single.path().display().to_string(),
        "--out",
        &out.path().display().to_string(),
        "--date",
        common::MEMO_DATE,
    ]);
    assert_eq!(output.status.code(), Some(0), "{}", stdout(&output));
    assert!(
        !out.path().join(SUMMARY).exists(),
        "a one-unit run has no summary, and the earlier one described another batch"
    );
    assert!(!stdout(&output).contains("บันทึกสรุปของพื้นที่"));
    let report = out.path().join("itamemo-report.xlsx");
    assert!(common::sheet_rows(&report, "หน่วยงาน").is_some());
    assert!(common::sheet_rows(&report, INDICATORS_SHEET).is_none());
}

#[test]
fn the_summary_passes_the_schema_and_libreoffice_prints_it() {
    let dir = tempfile::tempdir().unwrap();
    generate(1803, 40, &dir.path().join("จังหวัด.xlsx"));
    let (out, _) = run_into(&[dir.path()], &[]);
    let summary = out.path().join(SUMMARY);
    // The same inputs and date give the same bytes.
    let (again, _) = run_into(&[dir.path()], &[]);
    assert!(std::fs::read(&summary).unwrap() == std::fs::read(again.path().join(SUMMARY)).unwrap());
    let document = zip_part(&summary, "word/document.xml");
    assert!(document.contains(r#"<w:tblHeader/>"#), "header rows repeat");
    assert!(document.contains("บันทึกข้อความ"));
    let styles = zip_part(&summary, "word/styles.xml");
    assert!(styles.contains(r#"w:cs="TH SarabunPSK""#), "{styles}");
    assert!(styles.contains("<w:szCs "), "{styles}");
    assert_ne!(
        arabic(&docx_text(&summary)),
        docx_text(&summary),
        "Thai digits"
    );

    if have("openxml-audit", "pip install openxml-audit") {
        let result = Command::new("openxml-audit")
            .arg("-q")
            .arg(&summary)
            .output()
            .unwrap();
        assert!(
            result.status.success(),
            "schema violations\n{}",
            String::from_utf8_lossy(&result.stdout)
        );
    }
    if !common::printing::can_print() {
        return;
    }
    let pdf = common::printing::printed_by_libreoffice(&summary);
    let printed = Command::new("pdftotext")
        .args(["-layout"])
        .arg(pdf)
        .arg("-")
        .output()
        .unwrap();
    let printed = String::from_utf8_lossy(&printed.stdout);
    for wanted in ["บันทึกข้อความ", "ระดับผลการประเมิน", "จึงเรียนมาเพื่อโปรดทราบ"]
    {
        assert!(printed.contains(wanted), "{wanted} in\n{printed}");
    }
}

#[test]
fn a_unit_named_like_the_summary_keeps_its_own_memo() {
    let dir = tempfile::tempdir().unwrap();
    let mut book = rust_xlsxwriter::Workbook::new();
    let sheet = book.add_worksheet().set_name("ITA 2565").unwrap();
    write_wide_header(sheet, false);
    for (row, name) in [(1, "itamemo-summary"), (2, "เทศบาลตำบลจุด")] {
        sheet.write_string(row, 0, name).unwrap();
        sheet.write_string(row, 1, "สวี").unwrap();
        sheet.write_string(row, 2, "ชุมพร").unwrap();
        for c in 3..=13 {
            sheet.write_number(row, c, 88.0).unwrap();
        }
    }
    book.save(dir.path().join("names.xlsx")).unwrap();
    let (out, output) = run_into(&[dir.path()], &[]);
    assert_eq!(output.status.code(), Some(0), "{}", stdout(&output));
    let memo = out.path().join("itamemo-summary อำเภอสวี จังหวัดชุมพร.docx");
    assert!(memo.exists(), "{}", stdout(&output));
    assert!(docx_text(&memo).contains("มาตรการส่งเสริมคุณธรรม"));
    assert!(docx_text(&out.path().join(SUMMARY)).contains("สรุปผลการประเมิน"));
}

#[test]
fn a_summary_that_cannot_be_written_is_said_and_the_memos_stand() {
    let dir = tempfile::tempdir().unwrap();
    generate(1804, 4, &dir.path().join("four.xlsx"));
    let out = tempfile::tempdir().unwrap();
    let output = Command::new(env!("CARGO_BIN_EXE_itamemo"))
        .arg(dir.path())
        .args(["--out", &out.path().display().to_string()])
        .args(["--date", common::MEMO_DATE])
        .env("ITAMEMO_FAIL_WRITE_FOR", SUMMARY)
        .output()
        .unwrap();
    let screen = stdout(&output);
    assert_eq!(output.status.code(), Some(1), "needs a look:\n{screen}");
    assert!(
        screen.contains("เขียน itamemo-summary.docx ไม่ได้: ดิสก์เต็ม"),
        "{screen}"
    );
    assert!(!out.path().join(SUMMARY).exists());
    assert_eq!(memos(out.path()).len(), 4, "the memos are written");
    let json: serde_json::Value =
        serde_json::from_slice(&std::fs::read(out.path().join("itamemo-report.json")).unwrap())
            .unwrap();
    let kinds: Vec<&str> = json["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| d["kind"].as_str().unwrap())
        .collect();
    assert_eq!(kinds, ["summary_not_written"]);
    // The report's notes say it too: the report is written beside the summary,
    // and again once the summary has failed.
    let notes: Vec<&str> = json["notes"]
        .as_array()
        .unwrap()
        .iter()
        .map(|n| n.as_str().unwrap())
        .collect();
    assert!(
        notes
            .iter()
            .any(|n| n.contains("itamemo-summary.docx") && n.contains("ดิสก์เต็ม")),
        "{notes:?}"
    );
    // The figures are in the report all the same.
    assert_eq!(json["area"]["units_with_memo"], 4);
}

/// The OIT items the units did not meet, counted across the area: each as many
/// times as the memos of the same run cite it "(ยังไม่ผ่าน)" in section 3, the most
/// common first (the fixtures' items: O30 unmet in all four units).
#[test]
fn the_summary_counts_the_oit_items_the_memos_say_are_not_met() {
    let (out, output) = run_into(&[&common::fixtures()], &[]);
    assert_eq!(output.status.code(), Some(0), "{}", stdout(&output));
    let cited = regex::Regex::new(r"ข้อ (O\d+) ของปี \d+ \(ยังไม่ผ่าน\)").unwrap();
    let mut expected: BTreeMap<String, usize> = BTreeMap::new();
    let mut memos = 0;
    for entry in std::fs::read_dir(out.path()).unwrap().flatten() {
        let path = entry.path();
        if path.extension().is_none_or(|e| e != "docx") || path.ends_with(SUMMARY) {
            continue;
        }
        memos += 1;
        let text = arabic(&docx_text(&path));
        let advice =
            &text[text.find("\n3. ข้อเสนอแนะ").unwrap()..text.find("\n4. มาตรการ").unwrap()];
        let items: std::collections::BTreeSet<&str> = cited
            .captures_iter(advice)
            .map(|c| c.get(1).unwrap().as_str())
            .collect();
        for item in items {
            *expected.entry(item.to_string()).or_default() += 1;
        }
    }
    assert_eq!(memos, 4);
    assert_eq!(expected.get("O30"), Some(&4), "{expected:?}");

    let lines: Vec<String> = arabic(&docx_text(&out.path().join(SUMMARY)))
        .lines()
        .map(str::to_string)
        .collect();
    let section = part(&lines, "4. ตัวชี้วัดที่หน่วยงานต้อง", "5. คะแนนเฉลี่ย");
    let mut listed: Vec<(String, usize)> = Vec::new();
    for (k, line) in section.iter().enumerate() {
        if let Some(item) = line.strip_prefix("ข้อ ") {
            let units: usize = section[k + 1].parse().unwrap();
            assert_eq!(
                hundredths(&section[k + 2]),
                ((units as u32 * 20_000 + memos as u32) / (2 * memos as u32)),
                "{item}'s share"
            );
            listed.push((item.to_string(), units));
        }
    }
    let listed_map: BTreeMap<String, usize> = listed.iter().cloned().collect();
    assert_eq!(listed_map, expected);
    assert!(
        listed.windows(2).all(|w| w[0].1 >= w[1].1),
        "the most common first: {listed:?}"
    );
}
