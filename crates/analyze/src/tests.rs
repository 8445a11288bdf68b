use std::collections::BTreeMap;

use itamemo_model::reason::{Note, Reason};
use itamemo_model::{
    Aim, ItemResult, MemoYearItem, Place, Score, Standing, UnitName, UnitScores, YearResult,
};

use crate::Analyzer;

/// 17 March of the memo's fiscal year, as the reference memo is dated in 2566.
fn march_17(memo_year: u16) -> (i32, u32, u32) {
    (i32::from(memo_year) - 543, 3, 17)
}

fn analyze(unit: &UnitScores, memo_year: u16) -> Result<itamemo_model::Findings, Vec<Reason>> {
    let analyzer = Analyzer::default();
    let plan = analyzer.plan(memo_year, march_17(memo_year));
    analyzer.analyze(unit, &plan)
}

const Y2564: [f64; 10] = [
    88.59, 76.35, 77.80, 74.21, 76.74, 86.77, 87.54, 82.80, 96.00, 100.0,
];
const Y2565: [f64; 10] = [
    90.14, 80.06, 80.70, 73.75, 78.93, 82.59, 77.33, 77.41, 96.00, 100.0,
];

fn year(year: u16, values: [f64; 10], overall: f64, grade: &str) -> YearResult {
    YearResult {
        year,
        indicators: (1..=10)
            .zip(values)
            .map(|(n, v)| (n, Score::from_points(v).unwrap()))
            .collect(),
        items: BTreeMap::new(),
        tools: BTreeMap::new(),
        overall: Score::from_points(overall),
        grade: Some(grade.into()),
        grade_at: Some(Place::cell("ref.xlsx", &year.to_string(), 1, 15)),
        figures_at: None,
        source: Place::cell("ref.xlsx", &year.to_string(), 1, 0),
    }
}

fn reference(years: Vec<YearResult>) -> UnitScores {
    UnitScores {
        unit: UnitName {
            code: None,
            name: "เทศบาลตำบลพะโต๊ะ".into(),
            district: "พะโต๊ะ".into(),
            province: "ชุมพร".into(),
        },
        years: years.into_iter().collect(),
        blockers: vec![],
        notes: vec![],
        register: None,
    }
}

#[test]
fn the_reference_unit_gives_the_spec_table() {
    let unit = reference(vec![
        year(2564, Y2564, 88.53, "A"),
        year(2565, Y2565, 87.15, "A"),
    ]);
    let f = analyze(&unit, 2566).unwrap();
    let numbers = |s: Standing| f.with_standing(s).map(|i| i.number).collect::<Vec<_>>();
    assert_eq!(numbers(Standing::TopStrength), vec![1]);
    assert_eq!(numbers(Standing::Strength), vec![2, 3]);
    assert_eq!(numbers(Standing::WeakBelowThreshold), vec![5]);
    assert_eq!(numbers(Standing::WeakDecreased), vec![4, 6, 7, 8]);
    assert_eq!(numbers(Standing::Same), vec![9, 10]);
    let prev = f.previous.as_ref().unwrap();
    assert_eq!(
        (prev.overall.to_string(), prev.grade.as_str()),
        ("88.53".into(), "A")
    );
    assert_eq!(
        (f.current.overall.to_string(), f.current.grade.as_str()),
        ("87.15".into(), "A")
    );
    assert_eq!(prev.std_dev.to_string(), "8.72");
    assert_eq!(f.current.std_dev.to_string(), "8.72");
    assert_eq!(
        (prev.highest.to_string(), prev.lowest.to_string()),
        ("100".into(), "74.21".into())
    );
    assert_eq!(
        (f.current.highest.to_string(), f.current.lowest.to_string()),
        ("100".into(), "73.75".into())
    );
    assert_eq!(
        f.aim,
        Aim::Raise("AA".into()),
        "dated before June 2566: letters"
    );
    // The memo's own measure, the report of it (O43, for every unit), one for
    // each weak indicator: 4, 5, 6, 7, 8, and one for indicator 9, at 96.00
    // without its items here: some were not met.
    let titles: Vec<&str> = f.measures.iter().map(|m| m.title.as_str()).collect();
    assert_eq!(titles.len(), 8, "{titles:#?}");
    assert!(titles[0].starts_with("จัดทำมาตรการส่งเสริมคุณธรรม"));
    assert!(titles[1].starts_with("รายงานผลการดำเนินการตามมาตรการ"));
    assert!(
        titles[1].ends_with("ประจำ{memo_year}"),
        "this year's, not last year's"
    );
    assert!(
        titles.iter().any(|t| t.contains("ทรัพย์สินของราชการ")),
        "indicator 4"
    );
    assert!(
        !titles.iter().any(|t| t.contains("งบประมาณ")),
        "indicator 2 is a strength"
    );
    assert_eq!(f.measures[0].responsible, ["งานนิติการ สำนักปลัด"]);
    assert_eq!(
        f.measures[0].answers,
        ["O42"],
        "the memo's own item of 2566"
    );
    assert_eq!(
        f.measures[0].period,
        ["มี.ค.66 – ส.ค.66", "รายงานความก้าวหน้าในการประชุมประจำเดือน"]
    );
    assert_eq!(
        f.measures[1].period,
        [
            "มี.ค.66 – ส.ค.66",
            "เผยแพร่รายงานผลการดำเนินการบนเว็บไซต์หลักภายในเดือน ก.ย.66"
        ],
        "the report of this year's measures falls within the year"
    );
    assert_eq!(f.measures_item.code.as_deref(), Some("O42"));
    assert!(f.notes.is_empty(), "{:?}", f.notes);
    let iit = &f.tools[0];
    assert_eq!(
        iit.recommendations
            .iter()
            .map(|r| r.indicator)
            .collect::<Vec<_>>(),
        vec![4, 5]
    );
    assert_eq!(f.signers.last().unwrap().position, "นายกเทศมนตรีตำบลพะโต๊ะ");
}

#[test]
fn the_reference_memos_copying_slip_is_a_note_not_a_figure() {
    let mut slipped = Y2565;
    slipped[5] = 85.89;
    let unit = reference(vec![
        year(2564, Y2564, 88.53, "A"),
        year(2565, slipped, 87.15, "A"),
    ]);
    let f = analyze(&unit, 2566).unwrap();
    assert_eq!(f.current.overall.to_string(), "87.15");
    assert_eq!(f.notes.len(), 1, "{:?}", f.notes);
    assert_eq!(f.notes[0].id(), "overall_differs");
    assert!(f.notes[0].to_string().contains("87.48"), "{}", f.notes[0]);
}

/// A grade written against the score is noted at the grade's own cell (P2, where
/// the export has it), not at the row's first (A2), so the officer finds it.
#[test]
fn a_grade_that_disagrees_with_its_score_is_noted_at_its_own_cell() {
    let unit = reference(vec![
        year(2564, Y2564, 88.53, "A"),
        year(2565, Y2565, 87.15, "AA"),
    ]);
    let f = analyze(&unit, 2566).unwrap();
    assert_eq!(f.notes.len(), 1, "{:?}", f.notes);
    assert_eq!(f.notes[0].id(), "grade_differs");
    let said = f.notes[0].to_string();
    assert!(said.contains("\"AA\"") && said.contains("P2"), "{said}");
    assert!(!said.contains("A2"), "the row's first cell: {said}");
}

#[test]
fn a_unit_with_no_previous_year_still_gets_findings() {
    let unit = reference(vec![year(2565, Y2565, 87.15, "A")]);
    let f = analyze(&unit, 2566).unwrap();
    assert!(f.previous.is_none() && f.overall_change.is_none());
    assert!(f.indicators.iter().all(|i| i.change.is_none()));
    let numbers = |s: Standing| f.with_standing(s).map(|i| i.number).collect::<Vec<_>>();
    assert_eq!(numbers(Standing::TopStrength), vec![10]);
    assert_eq!(numbers(Standing::Strength), vec![1, 2, 3, 6, 9]);
    assert_eq!(numbers(Standing::WeakBelowThreshold), vec![4, 5, 7, 8]);
}

#[test]
fn no_memo_without_the_current_year_or_its_overall_score() {
    let only_old = reference(vec![year(2564, Y2564, 88.53, "A")]);
    let why = analyze(&only_old, 2566).unwrap_err();
    assert_eq!(why, vec![Reason::NoResultForYear { year: 2565 }]);
    assert!(why[0].to_string().contains("2565"), "{why:?}");

    let mut no_overall = year(2565, Y2565, 87.15, "A");
    no_overall.overall = None;
    let why = analyze(&reference(vec![no_overall]), 2566).unwrap_err();
    assert_eq!(why[0].id(), "missing_overall");
    assert!(
        why[0].to_string().contains("ไม่มีคะแนน ITA ภาพรวม"),
        "{why:?}"
    );
}

#[test]
fn the_memo_year_follows_the_newest_assessment() {
    let units = [reference(vec![
        year(2564, Y2564, 88.53, "A"),
        year(2565, Y2565, 87.15, "A"),
    ])];
    let years = units.iter().flat_map(|u| u.years.keys());
    assert_eq!(Analyzer::memo_year(years), Some(2566));
    assert_eq!(Analyzer::memo_year([]), None);
}

#[test]
fn tool_totals_that_do_not_match_their_indicators_are_noted() {
    let mut current = year(2565, Y2565, 87.15, "A");
    current
        .tools
        .insert("IIT".into(), Score::from_points(90.0).unwrap());
    current
        .tools
        .insert("OIT".into(), Score::from_points(98.0).unwrap());
    let f = analyze(&reference(vec![current]), 2566).unwrap();
    assert_eq!(f.notes.len(), 1, "{:?}", f.notes);
    assert_eq!(f.notes[0].id(), "tool_differs");
    assert!(
        f.notes[0]
            .to_string()
            .contains("คะแนน IIT ในไฟล์ 90.00 ไม่ตรงกับค่าเฉลี่ยของตัวชี้วัดของ IIT (80.72)"),
        "{}",
        f.notes[0]
    );
}

/// The reference unit's scores, as if assessed in `years`, graded on each year's scale.
fn assessed_in(years: [u16; 2]) -> UnitScores {
    let grade = |y: u16| if y <= 2565 { "A" } else { "ผ่าน" };
    reference(vec![
        year(years[0], Y2564, 88.53, grade(years[0])),
        year(years[1], Y2565, 87.15, grade(years[1])),
    ])
}

#[test]
fn results_of_2568_give_the_memo_of_2569_on_the_pass_scale() {
    let analyzer = Analyzer::default();
    let plan = analyzer.plan(2569, (2025, 11, 26));
    assert_eq!(plan.stand_in_note(), None);
    let f = analyzer.analyze(&assessed_in([2567, 2568]), &plan).unwrap();
    assert_eq!(f.measures_item.code.as_deref(), Some("O25"));
    assert!(!f.measures_item.stand_in);
    assert_eq!(f.current.grade, "ผ่าน", "IIT below 85: ผ่าน, not ผ่านดี");
    assert_eq!(f.previous.as_ref().unwrap().grade, "ผ่าน");
    assert_eq!(f.aim, Aim::Raise("ผ่านดี".into()));
}

#[test]
fn a_year_without_a_framework_is_written_under_the_newest() {
    let analyzer = Analyzer::default();
    let plan = analyzer.plan(2570, (2026, 11, 26));
    let note = plan.stand_in_note().unwrap();
    assert_eq!(
        note,
        Note::StandInFramework {
            year: 2570,
            stand_in: 2569
        }
    );
    let note = note.to_string();
    assert!(
        note.contains("ปีงบประมาณ 2570") && note.contains("กรอบของปี 2569"),
        "{note}"
    );
    assert!(note.contains("2570.toml"), "{note}");
    let f = analyzer.analyze(&assessed_in([2568, 2569]), &plan).unwrap();
    assert!(f.measures_item.stand_in);
    assert_eq!(f.measures_item.code, None, "a blank, not 2569's O25");
    assert_eq!(f.memo_year, 2570);
    assert_eq!(f.previous.as_ref().unwrap().year, 2568);
}

#[test]
fn results_of_2563_compare_like_any_other_year() {
    let f = analyze(&assessed_in([2563, 2564]), 2565).unwrap();
    assert_eq!(f.previous.as_ref().unwrap().year, 2563);
    assert_eq!(f.previous.as_ref().unwrap().grade, "A");
    assert_eq!(
        f.with_standing(Standing::TopStrength)
            .map(|i| i.number)
            .collect::<Vec<_>>(),
        vec![1]
    );
}

#[test]
fn a_failed_item_is_cited_with_its_year_and_the_memo_years_item_of_the_same_role() {
    let mut unit = assessed_in([2564, 2565]);
    let current = unit.years.get_mut(2565).unwrap();
    for n in 1..=43 {
        let score = if n == 30 { 0.0 } else { 100.0 };
        current
            .items
            .insert(format!("o{n}"), Score::from_points(score).unwrap());
    }
    let f = analyze(&unit, 2566).unwrap();
    let oit = f.tools.iter().find(|t| t.code == "OIT").unwrap();
    let cited: Vec<_> = oit.recommendations.iter().flat_map(|r| &r.items).collect();
    assert_eq!(cited.len(), 1, "{cited:?}");
    assert_eq!(cited[0].label, "O30");
    assert_eq!(cited[0].year, 2565);
    assert_eq!(cited[0].result, ItemResult::NotMet);
    assert_eq!(
        cited[0].in_memo_year,
        MemoYearItem::Renumbered(2566, "O28".to_string())
    );
    let text = &oit.recommendations[0].text;
    assert!(text.contains("ช่องทางแจ้งเรื่องร้องเรียนการทุจริต"), "{text}");

    // Under 2565's own numbering (a memo of 2565 from 2564), no other number is named.
    let mut unit = assessed_in([2563, 2564]);
    let current = unit.years.get_mut(2564).unwrap();
    current
        .items
        .insert("o30".into(), Score::from_points(0.0).unwrap());
    let f = analyze(&unit, 2565).unwrap();
    let oit = f.tools.iter().find(|t| t.code == "OIT").unwrap();
    assert_eq!(
        oit.recommendations[0].items[0].in_memo_year,
        MemoYearItem::Same
    );
}

#[test]
fn measures_answer_what_the_unit_failed_and_nothing_it_did_well() {
    // Only indicator 5 below the threshold; indicator 4 well above it.
    let mut strong = Y2565;
    strong[3] = 95.0;
    let mut unit = reference(vec![
        year(2564, Y2564, 88.53, "A"),
        year(2565, strong, 87.15, "A"),
    ]);
    let current = unit.years.get_mut(2565).unwrap();
    for n in 1..=43 {
        let met = if n == 30 || n == 43 { 0.0 } else { 100.0 };
        current
            .items
            .insert(format!("o{n}"), Score::from_points(met).unwrap());
    }
    let f = analyze(&unit, 2566).unwrap();
    let titles: Vec<&str> = f.measures.iter().map(|m| m.title.as_str()).collect();
    assert!(
        !titles.iter().any(|t| t.contains("ทรัพย์สินของราชการ")),
        "indicator 4 is a strength: {titles:#?}"
    );
    assert!(
        titles.iter().any(|t| t.contains("ป้องกันและแก้ไขปัญหาการทุจริต")),
        "indicator 5: {titles:#?}"
    );
    assert!(
        titles
            .iter()
            .any(|t| t.contains("ช่องทางแจ้งเรื่องร้องเรียนการทุจริต")),
        "o30 not met: a measure sets up the channel: {titles:#?}"
    );
    assert!(
        titles
            .iter()
            .any(|t| t.contains("รายงานผลการดำเนินการตามมาตรการ")),
        "o43 not met: a measure reports on last year's: {titles:#?}"
    );
    assert!(
        f.notes.iter().all(|n| !matches!(
            n,
            Note::NoMeasureForIndicator { .. } | Note::NoMeasureForItem { .. }
        )),
        "{:?}",
        f.notes
    );
}

#[test]
fn an_organisation_gets_its_own_offices() {
    let mut unit = reference(vec![year(2565, Y2565, 87.15, "A")]);
    unit.unit.name = "องค์การบริหารส่วนตำบลปากทรง".into();
    let f = analyze(&unit, 2566).unwrap();
    let offices: Vec<&String> = f.measures.iter().flat_map(|m| &m.responsible).collect();
    assert!(
        offices.iter().any(|o| o.contains("งานกฎหมายและคดี")),
        "{offices:?}"
    );
    assert!(
        !offices.iter().any(|o| o.contains("งานนิติการ")),
        "{offices:?}"
    );
}

#[test]
fn a_memo_dated_after_its_fiscal_year_is_refused_and_one_on_its_last_day_is_not() {
    let analyzer = Analyzer::default();
    let unit = reference(vec![
        year(2564, Y2564, 88.53, "A"),
        year(2565, Y2565, 87.15, "A"),
    ]);
    let last_day = analyzer.plan(2566, (2023, 9, 30));
    assert!(analyzer.analyze(&unit, &last_day).is_ok());
    let next_year = analyzer.plan(2566, (2023, 10, 1));
    assert_eq!(
        analyzer.analyze(&unit, &next_year).unwrap_err(),
        vec![Reason::DateAfterFiscalYear {
            date: (2023, 10, 1),
            year: 2566
        }]
    );
}

#[test]
fn an_oit_score_that_is_not_the_share_of_its_items_met_is_noted() {
    // Indicator 10 of 2565 is o34-o43, met or not; 100 means all ten met.
    let items = |unmet: usize| -> BTreeMap<String, Score> {
        (34..=43)
            .map(|n| {
                let points = if n - 34 < unmet { 0.0 } else { 100.0 };
                (format!("o{n}"), Score::from_points(points).unwrap())
            })
            .collect()
    };
    let with_items = |unmet| {
        let mut current = year(2565, Y2565, 87.15, "A");
        current.items = items(unmet);
        analyze(
            &reference(vec![year(2564, Y2564, 88.53, "A"), current]),
            2566,
        )
        .unwrap()
    };
    assert!(with_items(0).notes.is_empty(), "all ten met: 100");
    let notes = with_items(1).notes;
    assert_eq!(notes.len(), 1, "{notes:?}");
    assert_eq!(notes[0].id(), "met_share_differs");
    assert!(notes[0]
        .to_string()
        .contains("ผ่าน 9 จาก 10 ข้อ ซึ่งคิดเป็น 90.00"));
}

/// Whether one of the catalog's measures for indicator `n` is among the unit's.
fn has_measure_for(f: &itamemo_model::Findings, n: u8) -> bool {
    Analyzer::default()
        .catalog
        .measures
        .iter()
        .filter(|m| m.indicators.contains(&n))
        .any(|m| f.measures.iter().any(|row| row.title == m.title))
}

fn weak_point(f: &itamemo_model::Findings, n: u8) -> Option<&itamemo_model::WeakPoint> {
    f.tools
        .iter()
        .flat_map(|t| &t.weak_points)
        .find(|w| w.indicator == n)
}

#[test]
fn the_best_that_rose_yet_below_the_threshold_needs_work() {
    // Only indicator 7 rose, to 70: the top strength by standing, below 80.
    let before = [90.0, 90.0, 90.0, 90.0, 90.0, 90.0, 60.0, 90.0, 100.0, 100.0];
    let now = [85.0, 85.0, 85.0, 85.0, 85.0, 85.0, 70.0, 85.0, 100.0, 100.0];
    let unit = reference(vec![
        year(2564, before, 90.0, "AA"),
        year(2565, now, 85.0, "A"),
    ]);
    let f = analyze(&unit, 2566).unwrap();
    let seven = f.indicators.iter().find(|i| i.number == 7).unwrap();
    assert_eq!(seven.standing, Standing::TopStrength);
    assert!(seven.needs_work);
    assert_eq!(seven.top_also_weak(), Some(Standing::WeakBelowThreshold));
    let point = weak_point(&f, 7).expect("in the analysis tables");
    assert!(point.finding.is_some() && point.below_threshold);
    assert!(!f.tools[1].strong.contains(&7), "not 'done well'");
    assert!(has_measure_for(&f, 7));
}

#[test]
fn where_none_rose_the_best_has_fallen_and_needs_work() {
    // Every indicator fell; 6 is the best, at 80.96, and above the threshold.
    let before = [
        71.68, 78.15, 78.91, 80.27, 73.62, 82.55, 79.52, 73.34, 75.79, 72.33,
    ];
    let now = [
        67.25, 76.86, 67.96, 70.29, 65.08, 80.96, 78.76, 73.18, 75.27, 66.10,
    ];
    let unit = reference(vec![
        year(2564, before, 76.12, "B"),
        year(2565, now, 72.41, "C"),
    ]);
    let f = analyze(&unit, 2566).unwrap();
    let six = f.indicators.iter().find(|i| i.number == 6).unwrap();
    assert_eq!(six.standing, Standing::TopStrength);
    assert!(six.needs_work, "it fell");
    assert_eq!(six.top_also_weak(), Some(Standing::WeakDecreased));
    let point = weak_point(&f, 6).expect("in the analysis tables");
    assert!(point.fell.is_some() && !point.below_threshold && point.finding.is_some());
    assert!(!f.tools[1].strong.contains(&6), "not 'done well'");
    assert!(has_measure_for(&f, 6));
}

#[test]
fn an_oit_score_short_of_full_marks_without_its_items_has_items_not_met() {
    // The reference's figures without item scores: indicator 9 at 96.00 (the
    // share of its items met) and 10 at 100.
    let unit = reference(vec![
        year(2564, Y2564, 88.53, "A"),
        year(2565, Y2565, 87.15, "A"),
    ]);
    let f = analyze(&unit, 2566).unwrap();
    let nine = f.indicators.iter().find(|i| i.number == 9).unwrap();
    assert!(!nine.needs_work, "neither fell nor below the threshold");
    let point = weak_point(&f, 9).expect("items not met: in the analysis tables");
    assert!(point.unmet_unnamed && point.unmet_items.is_empty());
    assert!(point.finding.is_some() && point.improve.is_some());
    assert!(weak_point(&f, 10).is_none(), "100: every item met");
    let oit = f.tools.iter().find(|t| t.code == "OIT").unwrap();
    assert_eq!(oit.strong, [10]);
    assert!(oit.recommendations.iter().any(|r| r.indicator == 9));
    assert!(has_measure_for(&f, 9));
}
