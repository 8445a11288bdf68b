use std::collections::BTreeMap;

use itamemo_model::{Place, Score, Standing, UnitName, UnitScores, YearResult};

use crate::Analyzer;

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
        grade: Some(grade.to_string()),
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
        years: years
            .into_iter()
            .map(|y| (y.year, y))
            .collect::<BTreeMap<_, _>>(),
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
    let f = Analyzer::default().analyze(&unit, 2566).unwrap();
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
    assert_eq!(f.target_grade.as_deref(), Some("AA"));
    assert_eq!(
        f.measures.len(),
        7,
        "the reference's weak indicators call for all seven measures"
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
    let f = Analyzer::default().analyze(&unit, 2566).unwrap();
    assert_eq!(f.current.overall.to_string(), "87.15");
    assert_eq!(f.notes.len(), 1, "{:?}", f.notes);
    assert!(f.notes[0].contains("87.48"), "{}", f.notes[0]);
}

#[test]
fn a_unit_with_no_previous_year_still_gets_findings() {
    let unit = reference(vec![year(2565, Y2565, 87.15, "A")]);
    let f = Analyzer::default().analyze(&unit, 2566).unwrap();
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
    let why = Analyzer::default().analyze(&only_old, 2566).unwrap_err();
    assert!(why[0].contains("2565"), "{why:?}");

    let mut no_overall = year(2565, Y2565, 87.15, "A");
    no_overall.overall = None;
    let why = Analyzer::default()
        .analyze(&reference(vec![no_overall]), 2566)
        .unwrap_err();
    assert!(why[0].contains("ไม่มีคะแนน ITA ภาพรวม"), "{why:?}");

    let why = Analyzer::default()
        .analyze(&reference(vec![year(2569, Y2565, 87.15, "A")]), 2570)
        .unwrap_err();
    assert!(why[0].contains("frameworks/2570.toml"), "{why:?}");
}

#[test]
fn the_memo_year_follows_the_newest_assessment() {
    let units = vec![reference(vec![
        year(2564, Y2564, 88.53, "A"),
        year(2565, Y2565, 87.15, "A"),
    ])];
    assert_eq!(Analyzer::memo_year(&units), Some(2566));
    assert_eq!(Analyzer::memo_year(&[]), None);
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
    let f = Analyzer::default()
        .analyze(&reference(vec![current]), 2566)
        .unwrap();
    assert_eq!(f.notes.len(), 1, "{:?}", f.notes);
    assert!(
        f.notes[0].contains("คะแนน IIT ในไฟล์ 90.00 ไม่ตรงกับค่าเฉลี่ยของตัวชี้วัดของ IIT (80.72)"),
        "{}",
        f.notes[0]
    );
}
