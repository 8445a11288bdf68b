//! Rows from every sheet and file to one record per unit: matched by code where
//! there is one, else by name, district and province; identical duplicates merged
//! with a note, conflicting ones kept out of the memo.

use std::collections::btree_map::Entry;
use std::collections::{BTreeMap, HashMap};

use itamemo_model::reason::{Found, Note, Reason};
use itamemo_model::{RegisterEntry, UnitScores, Years};

use crate::layout::YearRow;
use crate::names::unit_key;

/// `rows` are each table's rows, taken in turn: a table's are let go once merged.
pub fn merge(rows: Vec<Vec<YearRow>>) -> Vec<UnitScores> {
    // A row without a code joins the unit whose coded rows share its name.
    let mut code_of_name: HashMap<String, String> = HashMap::new();
    for row in rows.iter().flatten() {
        if let Some(code) = &row.unit.code {
            code_of_name
                .entry(unit_key(&row.unit))
                .or_insert_with(|| code.clone());
        }
    }
    let mut units: BTreeMap<String, UnitScores> = BTreeMap::new();
    // Every place an identical year was found, for one note per unit and year.
    let mut repeats: BTreeMap<(String, u16), Vec<String>> = BTreeMap::new();
    // The first name each code was given, and where: a second name is a clash.
    let mut first_name: HashMap<String, (String, itamemo_model::Place)> = HashMap::new();
    // Per unit, the other names its code was given, each with its message.
    let mut clashes: BTreeMap<String, BTreeMap<String, Reason>> = BTreeMap::new();
    for row in rows.into_iter().flatten() {
        let name_key = unit_key(&row.unit);
        let key = match row.unit.code.as_ref().or(code_of_name.get(&name_key)) {
            Some(code) => format!("code:{code}"),
            None => format!("name:{name_key}"),
        };
        if let Some(code) = &row.unit.code {
            // Asked of every coded row: the place is written out only for a clash.
            match first_name.get(code) {
                None => {
                    first_name.insert(
                        code.clone(),
                        (row.unit.name.clone(), row.result.source.clone()),
                    );
                }
                Some((name, at)) if !same_name(name, &row.unit.name) => {
                    let clash = Reason::CodeTwoNames {
                        code: code.clone(),
                        names: Box::new([
                            Found {
                                text: name.clone(),
                                at: at.to_string(),
                            },
                            Found {
                                text: row.unit.name.clone(),
                                at: row.result.source.to_string(),
                            },
                        ]),
                    };
                    clashes
                        .entry(key.clone())
                        .or_default()
                        .entry(row.unit.name.clone())
                        .or_insert(clash);
                }
                Some(_) => {}
            }
        }
        // A unit's first row gives it its name (moved, not copied); later rows
        // fill what it lacks.
        let unit = match units.entry(key.clone()) {
            Entry::Vacant(vacant) => vacant.insert(UnitScores {
                unit: row.unit,
                years: Years::new(),
                blockers: Vec::new(),
                notes: Vec::new(),
                register: None,
            }),
            Entry::Occupied(occupied) => {
                let unit = occupied.into_mut();
                fill_gaps(&mut unit.unit, &row.unit);
                unit
            }
        };
        unit.blockers.extend(row.problems);
        let year = row.result.year;
        let source = row.result.source.to_string();
        match unit.years.get_mut(year) {
            None => {
                unit.years.insert(row.result);
            }
            Some(seen) => {
                let differ = seen.disagreements(&row.result);
                if differ.is_empty() {
                    repeats
                        .entry((key, year))
                        .or_insert_with(|| vec![seen.source.to_string()])
                        .push(source);
                    seen.fill_from(row.result);
                } else {
                    unit.blockers.push(Reason::YearsDisagree {
                        year,
                        figures: differ,
                        first: seen.source.to_string(),
                        second: source,
                    });
                }
            }
        }
    }
    for (key, found) in clashes {
        if let Some(unit) = units.get_mut(&key) {
            unit.blockers.extend(found.into_values());
        }
    }
    for ((key, year), places) in repeats {
        if let Some(unit) = units.get_mut(&key) {
            unit.notes.push(Note::SameScoresTwice { year, places });
        }
    }
    units.into_values().collect()
}

/// Gives each unit its register row: by code, else by name, district and
/// province, else by name alone where only one unit has it. Returns notes on rows
/// that name no unit and on units named twice.
pub fn attach_register(units: &mut [UnitScores], register: Vec<RegisterEntry>) -> Vec<Note> {
    let mut notes = Vec::new();
    for entry in register {
        let as_unit = itamemo_model::UnitName {
            code: entry.code.clone(),
            name: entry.name.clone(),
            district: entry.district.clone(),
            province: entry.province.clone(),
        };
        let by_code = |u: &UnitScores| entry.code.is_some() && u.unit.code == entry.code;
        let by_key = |u: &UnitScores| unit_key(&u.unit) == unit_key(&as_unit);
        let same_name: Vec<usize> = (0..units.len())
            .filter(|&i| units[i].unit.name == entry.name)
            .collect();
        let found = units
            .iter()
            .position(by_code)
            .or_else(|| units.iter().position(by_key))
            .or(match same_name.as_slice() {
                [only] => Some(*only),
                _ => None,
            });
        match found {
            None => notes.push(Note::RegisterNamesNoUnit {
                source: entry.source.to_string(),
                name: entry.name.clone(),
            }),
            Some(i) if units[i].register.is_some() => notes.push(Note::RegisterNamesUnitTwice {
                source: entry.source.to_string(),
                name: entry.name.clone(),
            }),
            Some(i) => units[i].register = Some(Box::new(entry)),
        }
    }
    notes
}

/// Two spellings of one name (abbreviations are written out when a name is
/// read): equal but for white space.
fn same_name(a: &str, b: &str) -> bool {
    let letters = |s: &'_ str| s.chars().filter(|c| !c.is_whitespace()).collect::<Vec<_>>();
    a == b || letters(a) == letters(b)
}

/// What one export leaves out (a code, a district) another may give.
fn fill_gaps(unit: &mut itamemo_model::UnitName, other: &itamemo_model::UnitName) {
    if unit.code.is_none() {
        unit.code.clone_from(&other.code);
    }
    if unit.district.is_empty() {
        unit.district.clone_from(&other.district);
    }
    if unit.province.is_empty() {
        unit.province.clone_from(&other.province);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::names::unit_name;
    use itamemo_model::{Place, Score, YearResult};

    fn row(code: &str, name: &str, year: u16, score: f64) -> YearRow {
        YearRow {
            unit: unit_name(code, name, "พะโต๊ะ", "ชุมพร"),
            result: YearResult {
                year,
                indicators: [(1, Score::from_points(score).unwrap())].into(),
                items: BTreeMap::new(),
                tools: BTreeMap::new(),
                overall: None,
                grade: None,
                grade_at: None,
                figures_at: None,
                source: Place::cell("a.xlsx", "s", 1, 0),
            },
            problems: vec![],
        }
    }

    #[test]
    fn a_code_matches_a_unit_however_its_name_is_spelled_and_names_match_the_rest() {
        let units = merge(vec![vec![
            row("6860801", "เทศบาลตำบลพะโต๊ะ", 2564, 88.0),
            row("6860801", "ทต. พะโต๊ะ", 2565, 90.0),
            row("", "เทศบาลตำบลพะโต๊ะ", 2565, 90.0),
            row("", "เทศบาลตำบลอื่น", 2565, 70.0),
        ]]);
        assert_eq!(units.len(), 2, "{units:?}");
        let coded = units.iter().find(|u| u.unit.code.is_some()).unwrap();
        assert_eq!(coded.years.keys().collect::<Vec<_>>(), vec![2564, 2565]);
        assert!(coded.blockers.is_empty(), "{:?}", coded.blockers);
    }

    #[test]
    fn one_code_under_two_names_is_reported_with_both_and_gets_no_memo() {
        let mut second = row("6860801", "เทศบาลตำบลปากทรง", 2565, 90.0);
        second.result.source = Place::cell("b.xlsx", "s", 4, 0);
        let units = merge(vec![vec![
            row("6860801", "เทศบาลตำบลพะโต๊ะ", 2565, 90.0),
            second.clone(),
            second,
        ]]);
        assert_eq!(units.len(), 1, "{units:?}");
        let blockers: Vec<String> = units[0].blockers.iter().map(|b| b.to_string()).collect();
        assert_eq!(
            blockers,
            vec!["รหัสหน่วยงาน 6860801 ใช้กับสองชื่อ: \"เทศบาลตำบลพะโต๊ะ\" ที่ a.xlsx, ชีต \"s\", เซลล์ A2 และ \"เทศบาลตำบลปากทรง\" ที่ b.xlsx, ชีต \"s\", เซลล์ A5 จึงไม่เขียนบันทึกจากรหัสนี้ (บันทึกในชื่อหน่วยงานที่ผิดแย่กว่าไม่มีบันทึก): แก้รหัสหรือชื่อให้ถูกแล้วรันใหม่"],
            "both names and both places, once"
        );
    }
}
