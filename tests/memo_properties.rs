//! A memo says only what follows from the unit's own figures. Thousands of units
//! are generated from a fixed seed (ties, flat scores either side of the
//! threshold, full scores, no previous year, every OIT item unmet or every item
//! met, years either side of the 2566 scale change), each memo is written and
//! read back, and what must always hold is checked from the memo's own text.
//! ITAMEMO_PROPERTY_CASES runs more (and ITAMEMO_PROPERTY_SEED other) cases.

mod common;

use std::collections::{BTreeMap, BTreeSet};
use std::sync::LazyLock;

use regex::Regex;

use itamemo_analyze::{Analyzer, Framework, Scoring};
use itamemo_emit::{memo_bytes, Digits, MemoOptions};
use itamemo_model::thai::MONTHS_SHORT;
use itamemo_model::{MeasureRow, Place, Score, UnitName, UnitScores, YearResult, Years};

const DEFAULT_CASES: usize = 1000;

fn pattern(cell: &'static LazyLock<Regex>) -> &'static Regex {
    cell
}

static GROUP_LINE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?m)^2\.(\d)\.\d+ ตัวชี้วัดที่ (\d+) .*?\((.*?)\)( แต่(?:ยังต่ำกว่า [\d.]+ คะแนน|คะแนนลดลงจากปีงบประมาณ พ.ศ. \d+(?: และต่ำกว่า [\d.]+ คะแนน)?))?(?: (แต่|และ)ยัง(?:มีข้อที่)?ไม่ผ่าน.*)?$").unwrap()
});
static FIGURE: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"คะแนน (\d+(?:\.\d\d)?)").unwrap());
static MONTH_LABEL: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(ม\.ค\.|ก\.พ\.|มี\.ค\.|เม\.ย\.|พ\.ค\.|มิ\.ย\.|ก\.ค\.|ส\.ค\.|ก\.ย\.|ต\.ค\.|พ\.ย\.|ธ\.ค\.)(\d\d)\b").unwrap()
});

fn cases() -> usize {
    std::env::var("ITAMEMO_PROPERTY_CASES")
        .ok()
        .and_then(|n| n.parse().ok())
        .unwrap_or(DEFAULT_CASES)
}

fn seed() -> u64 {
    std::env::var("ITAMEMO_PROPERTY_SEED")
        .ok()
        .and_then(|n| n.parse().ok())
        .unwrap_or(2566)
}

/// One generated unit: its results of one or two years, and the memo's date.
struct Case {
    unit: UnitScores,
    memo_year: u16,
    date: (i32, u32, u32),
}

fn score(points: f64) -> Score {
    Score::from_points(points).expect("generated scores are 0-100")
}

/// Indicator scores with the shapes that trip sentences up: the threshold and
/// either side of it, full scores, ties with another indicator.
fn indicator_scores(rng: &mut fastrand::Rng) -> [f64; 10] {
    let mut values = [0.0; 10];
    for k in 0..10 {
        values[k] = match rng.u8(0..10) {
            0 => 80.0,
            1 => 79.99,
            2 => 80.01,
            3 => 100.0,
            4 if k > 0 => values[rng.usize(0..k)],
            _ => f64::from(rng.u32(5000..=10000)) / 100.0,
        };
    }
    values
}

fn year_result(
    rng: &mut fastrand::Rng,
    framework: &Framework,
    year: u16,
    indicators: [f64; 10],
    oit: OitPattern,
) -> YearResult {
    let by_number: BTreeMap<u8, Score> = (1..=10).zip(indicators.map(score)).collect();
    let overall = score((framework.weighted_overall(&by_number) * 100.0).round() / 100.0);
    let mut items = BTreeMap::new();
    for indicator in &framework.indicators {
        let scoring = framework.tool(&indicator.tool).unwrap().scoring;
        if scoring == Scoring::Met && matches!(oit, OitPattern::Unlisted) {
            continue;
        }
        for code in indicator.item_codes() {
            let value = match scoring {
                Scoring::Met => match oit {
                    OitPattern::Unlisted => unreachable!("no item is written"),
                    OitPattern::AllMet => 100.0,
                    OitPattern::NoneMet => 0.0,
                    OitPattern::Some => {
                        if rng.u8(0..8) == 0 {
                            0.0
                        } else {
                            100.0
                        }
                    }
                },
                Scoring::Levels => [0.0, 33.33, 66.67, 100.0, 75.0, 79.5][rng.usize(0..6)],
            };
            items.insert(code.key(), score(value));
        }
    }
    YearResult {
        year,
        indicators: by_number,
        items,
        tools: BTreeMap::new(),
        overall: Some(overall),
        grade: None,
        grade_at: None,
        figures_at: None,
        source: Place::cell("generated.xlsx", &year.to_string(), 1, 0),
    }
}

#[derive(Clone, Copy)]
enum OitPattern {
    AllMet,
    NoneMet,
    Some,
    /// The export gives no item of a tool scored met or not.
    Unlisted,
}

fn generate(rng: &mut fastrand::Rng, analyzer: &Analyzer, k: usize) -> Case {
    let current_year = rng.u16(2564..=2569);
    let memo_year = current_year + 1;
    let previous_year = current_year - 1;
    let oit = [
        OitPattern::AllMet,
        OitPattern::NoneMet,
        OitPattern::Some,
        OitPattern::Unlisted,
    ][rng.usize(0..4)];
    let current_scores = indicator_scores(rng);
    let mut years = Years::new();
    let current_fw = analyzer.frameworks.get(current_year).unwrap();
    years.insert(year_result(
        rng,
        current_fw,
        current_year,
        current_scores,
        oit,
    ));
    if rng.u8(0..5) != 0 {
        // Some indicators flat, the rest anywhere.
        let mut previous = indicator_scores(rng);
        for k in 0..10 {
            if rng.bool() {
                previous[k] = current_scores[k];
            }
        }
        let fw = analyzer.frameworks.get(previous_year).unwrap();
        years.insert(year_result(
            rng,
            fw,
            previous_year,
            previous,
            OitPattern::Some,
        ));
    }
    // A day within fiscal year M (October of M-544 to September of M-543, C.E.).
    let month_of_year = rng.u32(0..12);
    let (year_ce, month) = if month_of_year < 3 {
        (i32::from(memo_year) - 544, 10 + month_of_year)
    } else {
        (i32::from(memo_year) - 543, month_of_year - 2)
    };
    let kinds = [
        "เทศบาลตำบล",
        "องค์การบริหารส่วนตำบล",
        "องค์การบริหารส่วนจังหวัด",
        "กรม",
    ];
    Case {
        unit: UnitScores {
            unit: UnitName {
                code: None,
                name: format!("{}ทดสอบ{k}", kinds[rng.usize(0..kinds.len())]),
                district: "ทดสอบ".into(),
                province: "ทดสอบ".into(),
            },
            years,
            blockers: vec![],
            notes: vec![],
            register: None,
        },
        memo_year,
        date: (year_ce, month, rng.u32(1..=28)),
    }
}

/// The memo's text between two markers (the second after the first).
fn between<'a>(text: &'a str, from: &str, to: &str) -> &'a str {
    let start = text
        .find(from)
        .unwrap_or_else(|| panic!("no {from:?} in\n{text}"));
    let rest = &text[start..];
    let end = rest[from.len()..]
        .find(to)
        .map_or(rest.len(), |e| e + from.len());
    &rest[..end]
}

fn points(text: &str) -> Score {
    score(
        text.trim()
            .parse::<f64>()
            .unwrap_or_else(|_| panic!("not a figure: {text:?}")),
    )
}

/// Every "มี.ค.66" in `text`, as a month index (C.E. year x 12 + month - 1).
fn month_labels(text: &str) -> Vec<i32> {
    pattern(&MONTH_LABEL)
        .captures_iter(text)
        .map(|c| {
            let month = MONTHS_SHORT.iter().position(|m| *m == &c[1]).unwrap() as i32;
            let year_be = 2500 + c[2].parse::<i32>().unwrap();
            (year_be - 543) * 12 + month
        })
        .collect()
}

/// What must hold of one memo, checked from its text.
fn check(case: &Case, analyzer: &Analyzer, text: &str) {
    let current_year = case.memo_year - 1;
    let framework = analyzer.frameworks.get(current_year).unwrap();
    let current = &case.unit.years[current_year];
    let has_previous = case.unit.years.contains(current_year - 1);
    let threshold = score(80.0);

    // The table of section 2.2: each indicator's two figures.
    let table = between(text, "2.2 ", "\n2.3 ");
    let mut table_scores: BTreeMap<u8, (Option<Score>, Score)> = BTreeMap::new();
    for indicator in &framework.indicators {
        let row = format!("\n{}. {}\n", indicator.number, indicator.name);
        let at = table
            .find(&row)
            .unwrap_or_else(|| panic!("2.2 lacks {row:?}"));
        let mut cells = table[at + row.len()..].lines();
        let before = cells.next().unwrap();
        let now = points(cells.next().unwrap());
        let before = (before != "-").then(|| points(before));
        assert_eq!(
            now, current.indicators[&indicator.number],
            "the table's figure"
        );
        table_scores.insert(indicator.number, (before, now));
    }

    // Every indicator stands in exactly one group of 2.3-2.7, with the table's figures.
    let groups = between(text, "\n2.3 ", " ผลการวิเคราะห์\n");
    let mut standing: BTreeMap<u8, u8> = BTreeMap::new();
    for c in pattern(&GROUP_LINE).captures_iter(groups) {
        let (group, number): (u8, u8) = (c[1].parse().unwrap(), c[2].parse().unwrap());
        assert!(
            standing.insert(number, group).is_none(),
            "indicator {number} stands twice:\n{groups}"
        );
        let figures: Vec<Score> = pattern(&FIGURE)
            .captures_iter(&c[3])
            .map(|f| points(&f[1]))
            .collect();
        let (before, now) = table_scores[&number];
        assert_eq!(figures.last(), Some(&now), "2.{group}: {}", &c[0]);
        // The best is no strength where it fell or is below the threshold, and
        // says so; nothing else does.
        let (before_now, needs_work) = {
            let (b, a) = table_scores[&number];
            ((b, a), a < threshold || b.is_some_and(|b| a < b))
        };
        assert_eq!(
            c.get(4).is_some(),
            group == 3 && needs_work,
            "2.{group}: {}",
            &c[0]
        );
        if let Some(but) = c.get(4) {
            let (b, a) = before_now;
            assert_eq!(
                but.as_str().contains("ลดลง"),
                b.is_some_and(|b| a < b),
                "{}",
                &c[0]
            );
            assert_eq!(but.as_str().contains("ต่ำกว่า"), a < threshold, "{}", &c[0]);
        }
        // Items not met are one more weakness where it needs work, a "but" elsewhere.
        if let Some(joined_by) = c.get(5) {
            let weak = needs_work;
            assert_eq!(
                joined_by.as_str(),
                if weak { "และ" } else { "แต่" },
                "2.{group}: {}",
                &c[0]
            );
        }
        if let Some(before) = before {
            assert_eq!(figures.first(), Some(&before), "2.{group}: {}", &c[0]);
        }
    }
    assert_eq!(
        standing.len(),
        10,
        "every indicator stands somewhere:\n{groups}"
    );

    // Each 'highest' is true, and says of which indicators.
    let rose = |n: &u8| matches!(table_scores[n], (Some(b), a) if a > b);
    let any_rose = table_scores.keys().any(rose);
    let top_heading = groups.trim_start().lines().next().unwrap();
    let pool: Vec<Score> = table_scores
        .iter()
        .filter(|(n, _)| !any_rose || rose(n))
        .map(|(_, (_, now))| *now)
        .collect();
    let best = pool.iter().max().unwrap();
    for (n, group) in &standing {
        if *group == 3 {
            assert_eq!(
                table_scores[n].1, *best,
                "2.3 names the highest: {top_heading}"
            );
            assert!(!any_rose || rose(n), "2.3 names one that rose");
        }
    }
    assert_eq!(
        top_heading.contains("เพิ่มขึ้นและได้คะแนนสูงสุด"),
        any_rose,
        "{top_heading}"
    );
    // A strength only where the best neither fell nor is below the threshold;
    // and a weak group whose description the best fits says it leaves it out.
    let fell = |n: &u8| matches!(table_scores[n], (Some(b), a) if a < b);
    let top_weak: Vec<&u8> = standing
        .iter()
        .filter(|(n, g)| **g == 3 && (fell(n) || table_scores[n].1 < threshold))
        .map(|(n, _)| n)
        .collect();
    assert_eq!(
        top_heading.contains("จุดแข็ง"),
        top_weak.is_empty(),
        "{top_heading}"
    );
    if has_previous {
        let heading = |point: &str| {
            let from = format!("\n2.{point} ");
            let at = groups.find(&from).unwrap_or_else(|| panic!("no 2.{point}"));
            groups[at + 1..].lines().next().unwrap()
        };
        let top_fell = top_weak.iter().any(|n| fell(n));
        let top_below_only = top_weak.iter().any(|n| !fell(n));
        assert_eq!(
            heading("6").contains("(นอกเหนือจากตัวชี้วัดในข้อ 2.3) คือ"),
            top_fell,
            "{groups}"
        );
        assert_eq!(
            heading("5").contains("(นอกเหนือจากตัวชี้วัดในข้อ 2.3) คือ"),
            top_below_only,
            "{groups}"
        );
    }
    // 'รักษาระดับ' only for unchanged scores at or above the threshold.
    if has_previous {
        for (n, group) in &standing {
            let (before, now) = table_scores[n];
            if *group == 7 {
                assert_eq!(before, Some(now));
                assert!(now >= threshold, "a flat {now} below 80 is no 'รักษาระดับ'");
            }
        }
    }

    // No 'nothing to fix' beside an item not met.
    let advice = between(text, "\n3. ข้อเสนอแนะ", "\n4. มาตรการ");
    let analysis = between(text, " ผลการวิเคราะห์\n", "\n3. ข้อเสนอแนะ");
    // Nor for a tool with an indicator that needs work, or one scored met or
    // not short of full marks whose items the export does not give; and none of
    // those is said to be done well.
    let unlisted = |n: u8| {
        let indicator = framework.indicator(n).unwrap();
        framework.tool(&indicator.tool).unwrap().scoring == Scoring::Met
            && !indicator
                .item_codes()
                .iter()
                .any(|c| current.items.contains_key(&c.key()))
    };
    for tool in &framework.tools {
        let of_tool: Vec<u8> = framework
            .indicators
            .iter()
            .filter(|i| i.tool == tool.code)
            .map(|i| i.number)
            .collect();
        let short = |n: &u8| {
            let now = table_scores[n].1;
            now < threshold || fell(n) || (unlisted(*n) && now < Score::FULL)
        };
        if of_tool.iter().any(short) {
            assert!(
                !analysis.contains(&format!("ด้าน {} ไม่พบประเด็นที่ต้องแก้ไข", tool.code)),
                "{analysis}"
            );
        }
        for n in of_tool.iter().filter(|n| short(n)) {
            let name = &framework.indicator(*n).unwrap().name;
            let praised = advice
                .lines()
                .filter_map(|l| l.split_once(" ได้ดีแล้ว").map(|(kept, _)| kept))
                .any(|kept| kept.contains(&format!("ตัวชี้วัดที่ {n} {name}")));
            assert!(!praised, "indicator {n} is praised:\n{advice}");
        }
    }
    let unmet: Vec<&str> = advice.lines().filter(|l| l.contains("(ยังไม่ผ่าน")).collect();
    if !unmet.is_empty() {
        assert!(
            !analysis.contains("ด้าน OIT ไม่พบประเด็นที่ต้องแก้ไข"),
            "{analysis}"
        );
    }
    let oit_unmet: usize = framework
        .indicators
        .iter()
        .filter(|i| i.tool == "OIT")
        .flat_map(|i| i.item_codes())
        .filter(|c| {
            current
                .items
                .get(&c.key())
                .is_some_and(|s| *s < Score::FULL)
        })
        .count();
    let cited: usize = unmet.iter().map(|l| l.matches("(ยังไม่ผ่าน").count()).sum();
    assert_eq!(cited, oit_unmet, "every item not met is cited");

    // No two cited items share a sentence.
    let sentences: Vec<&str> = advice
        .lines()
        .filter(|l| l.starts_with("ข้อ "))
        .filter_map(|l| l.split_once(" หน่วยงานควร").map(|(_, s)| s))
        .collect();
    let distinct: BTreeSet<&&str> = sentences.iter().collect();
    assert_eq!(distinct.len(), sentences.len(), "{advice}");

    // Every weak indicator and every item not met has a measure.
    let measures = &text[text.find("\n4. มาตรการ").unwrap()..];
    let catalog = &analyzer.catalog;
    // A title's {memo_year} reads as the memo's other years do.
    let memo_year = format!("ปีงบประมาณ พ.ศ. {}", case.memo_year);
    let shown = |m: &&itamemo_analyze::Measure| {
        measures.contains(&m.title.replace(MeasureRow::MEMO_YEAR, &memo_year))
    };
    for (n, group) in &standing {
        let weak = matches!(group, 5 | 6)
            || table_scores[n].1 < threshold
            || fell(n)
            || (unlisted(*n) && table_scores[n].1 < Score::FULL);
        if weak {
            assert!(
                catalog
                    .measures
                    .iter()
                    .filter(|m| m.indicators.contains(n))
                    .any(|m| shown(&m)),
                "indicator {n} needs work and has no measure"
            );
        }
    }
    for indicator in &framework.indicators {
        for code in indicator.item_codes() {
            if framework.tool(&indicator.tool).unwrap().scoring != Scoring::Met
                || current
                    .items
                    .get(&code.key())
                    .is_none_or(|s| *s == Score::FULL)
            {
                continue;
            }
            let role = framework.role_of(code).unwrap();
            let by_role: Vec<_> = catalog
                .measures
                .iter()
                .filter(|m| m.roles.iter().any(|r| r == role))
                .collect();
            let answered = if by_role.is_empty() {
                catalog
                    .measures
                    .iter()
                    .filter(|m| m.indicators.contains(&indicator.number))
                    .any(|m| shown(&m))
            } else {
                by_role.iter().any(shown)
            };
            assert!(answered, "{code} ({role}) not met and has no measure");
        }
    }

    // No period starts before the memo's month or ends after September of its year.
    let memo_month = case.date.0 * 12 + case.date.1 as i32 - 1;
    let september = (i32::from(case.memo_year) - 543) * 12 + 8;
    let table_start = measures.find("\nมาตรการ/แนวทาง").unwrap();
    for month in month_labels(&measures[table_start..]) {
        assert!(month >= memo_month, "a period before the memo:\n{measures}");
        assert!(
            month <= september.max(memo_month),
            "a period after fiscal {}",
            case.memo_year
        );
    }

    // The grade statement's figures are the table's.
    let overall_row = between(text, "\nคะแนนภาพรวม\n", "\nระดับผลการประเมิน");
    // Its lines: the label, the previous year ("-" without one), the current year.
    let overall: Vec<&str> = overall_row.trim_start().lines().skip(1).collect();
    let statement = between(text, "\n2.1 ", "\n");
    assert!(
        statement.contains(&format!("ได้ {} คะแนน", overall[1])),
        "{statement} vs {overall:?}"
    );
    if has_previous {
        assert!(
            statement.contains(&format!("({} คะแนน", overall[0])),
            "{statement}"
        );
        // The grade's fate is the table's: kept, or changed from one to the other.
        let grades_row = &text[text.find("\nระดับผลการประเมิน\n").unwrap()..];
        let grades: Vec<&str> = grades_row.lines().skip(2).take(2).collect();
        let said = if grades[0] == grades[1] {
            "โดยยังคงอยู่ในระดับเดิม".to_string()
        } else {
            format!("โดยเปลี่ยนจากระดับ {} เป็นระดับ {}", grades[0], grades[1])
        };
        assert!(statement.contains(&said), "{statement} vs {grades:?}");
    }
}

#[test]
fn every_sentence_of_a_generated_memo_follows_from_its_figures() {
    let analyzer = Analyzer::default();
    let mut rng = fastrand::Rng::with_seed(seed());
    let options = MemoOptions {
        digits: Digits::Arabic,
        emblem: None,
    };
    for k in 0..cases() {
        let case = generate(&mut rng, &analyzer, k);
        let plan = analyzer.plan(case.memo_year, case.date);
        let findings = analyzer
            .analyze(&case.unit, &plan)
            .unwrap_or_else(|why| panic!("case {k}: no memo: {why:?}"));
        let bytes = memo_bytes(&findings, &options).unwrap();
        let text = common::docx_bytes_text(&bytes);
        let checked = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
            check(&case, &analyzer, &text)
        }));
        if let Err(failure) = checked {
            eprintln!(
                "case {k} (seed {}, memo {}, dated {:?}) failed; its memo:\n{text}",
                seed(),
                case.memo_year,
                case.date
            );
            std::panic::resume_unwind(failure);
        }
    }
}

/// A memo's bytes are the same whatever its thread wrote before: written one
/// after another (the thread's caches warm from the memos before it, the
/// catalog's texts in their lasting part), and each written again, last first,
/// after the thread let go of all it keeps between memos.
#[test]
fn a_memos_bytes_do_not_depend_on_what_its_thread_wrote_before() {
    let analyzer = Analyzer::default();
    let mut rng = fastrand::Rng::with_seed(seed() ^ 0x5EED);
    let options = MemoOptions {
        digits: Digits::Thai,
        emblem: None,
    };
    let findings: Vec<_> = (0..cases().min(300))
        .map(|k| {
            let case = generate(&mut rng, &analyzer, k);
            let plan = analyzer.plan(case.memo_year, case.date);
            analyzer
                .analyze(&case.unit, &plan)
                .unwrap_or_else(|why| panic!("case {k}: no memo: {why:?}"))
        })
        .collect();
    let in_a_row: Vec<Vec<u8>> = findings
        .iter()
        .map(|f| memo_bytes(f, &options).unwrap())
        .collect();
    for (k, f) in findings.iter().enumerate().rev() {
        itamemo_emit::forget_what_memos_keep();
        let alone = memo_bytes(f, &options).unwrap();
        assert!(
            alone == in_a_row[k],
            "case {k} (seed {}): bytes differ",
            seed()
        );
    }
}
