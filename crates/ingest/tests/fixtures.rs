//! What ingest keeps from the layout fixtures beyond what today's memo prints:
//! item scores, unit codes, the places of values.

use std::path::PathBuf;

use itamemo_ingest::{ingest, Vocabulary};
use itamemo_model::{Score, UnitScores};

fn fixture(relative: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../../fixtures")
        .join(relative)
}

fn reference(relative: &str) -> UnitScores {
    let ingested = ingest(&[fixture(relative)], &Vocabulary::default());
    ingested
        .units
        .into_iter()
        .find(|u| u.unit.name == "เทศบาลตำบลพะโต๊ะ")
        .unwrap_or_else(|| panic!("{relative}: the reference unit is missing"))
}

fn score(points: f64) -> Score {
    Score::from_points(points).unwrap()
}

#[test]
fn item_scores_are_kept_from_xlsx_and_ods() {
    for file in ["layouts/items.xlsx", "layouts/items.ods"] {
        let unit = reference(file);
        assert!(unit.blockers.is_empty(), "{file}: {:?}", unit.blockers);
        let y2565 = &unit.years[2565];
        assert_eq!(y2565.items.len(), 88, "{file}: i1-i30, e1-e15, o1-o43");
        assert_eq!(y2565.items["i20"], score(76.75), "{file}");
        assert_eq!(
            y2565.items["o30"],
            score(0.0),
            "{file}: the complaint channel failed"
        );
        assert_eq!(y2565.items["o42"], score(100.0), "{file}");
        assert_eq!(y2565.indicators[&4], score(73.75), "{file}");
    }
}

#[test]
fn item_rows_of_the_long_layout_are_kept() {
    let unit = reference("layouts/long.ods");
    let items = &unit.years[2565].items;
    assert_eq!(items.keys().collect::<Vec<_>>(), ["e6", "i20", "o30"]);
}

#[test]
fn codes_name_the_unit_and_titles_name_the_report() {
    let unit = reference("layouts/year-column.ods");
    assert_eq!(unit.unit.code.as_deref(), Some("6860801"));
    assert_eq!(
        (unit.unit.district.as_str(), unit.unit.province.as_str()),
        ("พะโต๊ะ", "ชุมพร")
    );
    let unit = reference("layouts/per-unit-report.ods");
    assert_eq!(
        (unit.unit.district.as_str(), unit.unit.province.as_str()),
        ("พะโต๊ะ", "ชุมพร")
    );
    assert_eq!(unit.years[2564].overall, Some(score(88.53)));
    assert_eq!(unit.years[2565].grade.as_deref(), Some("A"));
    // Where a note about it will send the officer: the cell that says "A" (row
    // "ระดับ", column of 2565), not the year's first cell.
    let grade_at = unit.years[2565]
        .grade_at
        .as_ref()
        .expect("the grade's cell");
    assert_eq!(grade_at.cell_name().as_deref(), Some("C6"));
    assert_eq!(grade_at.sheet(), unit.years[2565].source.sheet());
}
