use std::collections::BTreeMap;

use itamemo_model::{
    share, Findings, Place, Score, UnitName, UnitOutcome, UnitScores, UnitWithoutMemo, YearResult,
    Years,
};

use super::batch_office;
use crate::Analyzer;

const DATE: (i32, u32, u32) = (2023, 3, 17);

fn score(rng: &mut fastrand::Rng, low: u32) -> Score {
    Score::from_hundredths(rng.u32(low..=10_000)).unwrap()
}

/// A unit with random indicator scores; its overall follows the weights, so
/// that the analysis adds no note. `previous`: whether it has 2564 too.
fn unit(rng: &mut fastrand::Rng, k: usize, previous: bool) -> UnitScores {
    let analyzer = analyzer();
    let year = |y: u16, rng: &mut fastrand::Rng| {
        let indicators: BTreeMap<u8, Score> = (1..=10).map(|n| (n, score(rng, 5_000))).collect();
        let overall = analyzer
            .frameworks
            .get(y)
            .unwrap()
            .weighted_overall(&indicators);
        YearResult {
            year: y,
            indicators,
            items: BTreeMap::new(),
            tools: BTreeMap::new(),
            overall: Score::from_points(overall),
            grade: None,
            grade_at: None,
            figures_at: None,
            source: Place::cell("area.xlsx", &y.to_string(), k as u32 + 1, 0),
        }
    };
    let mut years = Years::new();
    years.insert(year(2565, rng));
    if previous {
        years.insert(year(2564, rng));
    }
    UnitScores {
        unit: UnitName {
            code: Some(format!("U{k:04}")),
            name: format!("หน่วยงาน {k}"),
            district: format!("อำเภอ {}", k % 3),
            province: "ชุมพร".into(),
        },
        years,
        blockers: vec![],
        notes: vec![],
        register: None,
    }
}

/// One analyzer for every test here: reading the frameworks and catalog takes a while.
fn analyzer() -> &'static Analyzer {
    static ANALYZER: std::sync::OnceLock<Analyzer> = std::sync::OnceLock::new();
    ANALYZER.get_or_init(Analyzer::default)
}

fn findings_of(units: &[UnitScores]) -> Vec<Findings> {
    let analyzer = analyzer();
    let plan = analyzer.plan(2566, DATE);
    units
        .iter()
        .map(|u| analyzer.analyze(u, &plan).unwrap())
        .collect()
}

#[test]
fn the_area_adds_up_to_its_units_findings() {
    let mut rng = fastrand::Rng::with_seed(18);
    let analyzer = analyzer();
    for round in 0..60 {
        let n = rng.usize(1..40);
        let units: Vec<UnitScores> = (0..n)
            .map(|k| {
                let previous = rng.bool();
                unit(&mut rng, k, previous)
            })
            .collect();
        let findings = findings_of(&units);
        let mut outcomes: Vec<UnitOutcome> = units
            .iter()
            .zip(&findings)
            .map(|(u, f)| {
                let mut outcome = UnitOutcome::new(&u.unit, [None, None], Ok("memo.docx"));
                outcome.area = Some(analyzer.area_unit(f));
                outcome
            })
            .collect();
        let without = vec![UnitWithoutMemo {
            unit: units[0].unit.clone(),
            reasons: vec![itamemo_model::reason::Reason::NoResultForYear { year: 2565 }],
        }];
        outcomes.push(UnitOutcome::new(
            &without[0].unit,
            [None, None],
            Err(without[0].reasons.clone()),
        ));
        let batch: itamemo_model::Outcomes = outcomes.clone().into();
        let area = analyzer.area_summary(2566, &batch, None);
        let at = format!("round {round}, {n} units");

        assert_eq!((area.year, area.previous_year), (2565, 2564), "{at}");
        assert_eq!(area.units_with_memo, n, "{at}");
        assert_eq!(area.units_found(), n + 1, "{at}");
        assert_eq!(area.without_memo, without, "{at}");
        // Every level of 2565's letter scale is listed, and the counts are the
        // memos' grades.
        let labels: Vec<&str> = area.levels.iter().map(|l| l.label.as_str()).collect();
        assert_eq!(labels, ["AA", "A", "B", "C", "D", "E", "F"], "{at}");
        for level in &area.levels {
            let memos = findings
                .iter()
                .filter(|f| f.current.grade == level.label)
                .count();
            assert_eq!(level.count, memos, "{at}: {}", level.label);
        }
        // The units below 85 are exactly those, in the batch's order, with
        // their scores as their memos have them.
        let below: Vec<_> = area.below_pass(&batch).collect();
        let expected: Vec<&Findings> = findings
            .iter()
            .filter(|f| f.current.overall.points() < 85.0)
            .collect();
        assert_eq!(area.units_below_pass, expected.len(), "{at}");
        assert_eq!(below.len(), expected.len(), "{at}");
        for (b, f) in below.iter().zip(expected) {
            assert_eq!(batch.read(b.unit).unit_name(), f.unit, "{at}");
            assert_eq!(
                (b.overall, b.previous, b.change),
                (
                    f.current.overall,
                    f.previous.as_ref().map(|p| p.overall),
                    f.overall_change
                ),
                "{at}"
            );
        }
        // Each indicator: its weak units as the memos count them, its means
        // within half a hundredth of the exact mean.
        assert_eq!(area.indicators.len(), 10, "{at}");
        for across in &area.indicators {
            let of = |f: &Findings| {
                f.indicators
                    .iter()
                    .find(|i| i.number == across.number)
                    .copied_finding()
            };
            let weak = findings.iter().filter(|f| of(f).2).count();
            assert_eq!(across.weak_units, weak, "{at}");
            let current: Vec<f64> = findings.iter().map(|f| of(f).0).collect();
            let exact = current.iter().sum::<f64>() / current.len() as f64;
            assert!((across.mean.points() - exact).abs() <= 0.005 + 1e-9, "{at}");
            let previous: Vec<f64> = findings.iter().filter_map(|f| of(f).1).collect();
            assert_eq!(across.previous_units, previous.len(), "{at}");
            match across.previous_mean {
                None => assert!(previous.is_empty(), "{at}"),
                Some(m) => {
                    let exact = previous.iter().sum::<f64>() / previous.len() as f64;
                    assert!((m.points() - exact).abs() <= 0.005 + 1e-9, "{at}");
                }
            }
            // This year's mean over the units that have last year too.
            let paired: Vec<f64> = findings
                .iter()
                .filter(|f| of(f).1.is_some())
                .map(|f| of(f).0)
                .collect();
            match across.paired_mean {
                None => assert!(paired.is_empty(), "{at}"),
                Some(m) => {
                    let exact = paired.iter().sum::<f64>() / paired.len() as f64;
                    assert!((m.points() - exact).abs() <= 0.005 + 1e-9, "{at}");
                }
            }
            assert!(!across.name.is_empty());
        }
        let weakest = area.weakest();
        assert!(weakest
            .windows(2)
            .all(|w| w[0].weak_units >= w[1].weak_units));
        // The bands hold every unit once, and the overall figures are the memos'.
        assert_eq!(area.bands.iter().map(|b| b.count).sum::<usize>(), n, "{at}");
        for band in &area.bands {
            let inside = findings
                .iter()
                .filter(|f| {
                    f.current.overall >= band.from
                        && band.below.is_none_or(|b| f.current.overall < b)
                })
                .count();
            assert_eq!(band.count, inside, "{at}");
        }
        let overall: Vec<Score> = findings.iter().map(|f| f.current.overall).collect();
        assert_eq!(area.highest, *overall.iter().max().unwrap(), "{at}");
        assert_eq!(area.lowest, *overall.iter().min().unwrap(), "{at}");
        assert!(area.lowest <= area.median && area.median <= area.highest);
        assert_eq!(
            area.share(area.levels.iter().map(|l| l.count).sum()),
            share(n, n)
        );
    }
}

trait CopiedFinding {
    fn copied_finding(self) -> (f64, Option<f64>, bool);
}

impl CopiedFinding for Option<&itamemo_model::IndicatorFinding> {
    fn copied_finding(self) -> (f64, Option<f64>, bool) {
        let i = self.expect("every memo has every indicator");
        (
            i.current.points(),
            i.previous.map(|p| p.points()),
            i.needs_work,
        )
    }
}

fn office_of(units: &[UnitScores]) -> Option<String> {
    batch_office(
        units
            .iter()
            .map(|u| (u.unit.name.as_str(), u.register.as_deref())),
    )
}

#[test]
fn the_office_is_the_registers_only_when_every_unit_shares_it() {
    let mut rng = fastrand::Rng::with_seed(7);
    let with_office = |office: Option<&str>, k: usize, rng: &mut fastrand::Rng| {
        let mut u = unit(rng, k, false);
        u.register = office
            .map(|o| itamemo_model::RegisterEntry {
                code: None,
                name: u.unit.name.clone(),
                district: u.unit.district.clone(),
                province: u.unit.province.clone(),
                details: itamemo_model::CoverDetails {
                    office: Some(o.to_string()),
                    ..Default::default()
                },
                chain: vec![],
                source: Place::cell("register.xlsx", "ทะเบียน", k as u32 + 1, 0),
            })
            .map(Box::new);
        u
    };
    let district = "ที่ทำการปกครองอำเภอพะโต๊ะ";
    let shared: Vec<UnitScores> = (0..3)
        .map(|k| with_office(Some(district), k, &mut rng))
        .collect();
    assert_eq!(office_of(&shared).as_deref(), Some(district));
    let mut one_missing = shared.clone();
    one_missing.push(with_office(None, 3, &mut rng));
    assert_eq!(office_of(&one_missing), None);
    let mut two_offices = shared.clone();
    two_offices.push(with_office(Some("สำนักงานจังหวัดชุมพร"), 4, &mut rng));
    assert_eq!(office_of(&two_offices), None);
    // Each unit's own office names it: not the office of the batch.
    let own: Vec<UnitScores> = (0..2)
        .map(|k| with_office(Some("สำนักปลัด หน่วยงาน 0"), k, &mut rng))
        .collect();
    assert_eq!(office_of(&own), None);
}
