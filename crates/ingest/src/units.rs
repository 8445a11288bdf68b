//! Rows from every sheet and file to one record per unit: matched by code where
//! there is one, else by name, district and province; identical duplicates merged
//! with a note, conflicting ones kept out of the memo.

use std::collections::{BTreeMap, HashMap};

use itamemo_model::reason::{Found, Note, Reason};
use itamemo_model::{Place, RegisterEntry, UnitName, UnitScores, Years};

use crate::names::unit_key;
use crate::packed_rows::AllRows;

/// Merges the rows of every table (in the order read) into units, each given to
/// `each` as soon as it is whole, in the order of their keys: a caller that
/// packs them never holds them all whole (10,000 units were some 9 MB). Gives
/// each unit its register row from `register`; returns the notes on register
/// rows that name no unit or a unit twice.
pub fn merge(
    tables: AllRows,
    register: Vec<RegisterEntry>,
    each: &mut dyn FnMut(UnitScores),
) -> Vec<Note> {
    let units = group(&tables);
    // The register is matched against every unit's name as merged: the names
    // are found by merging each unit once first, where there is a register.
    let (mut registers, notes) = if register.is_empty() {
        (Vec::new(), Vec::new())
    } else {
        let names: Vec<UnitName> = units
            .values()
            .map(|rows| merge_unit(&tables, rows).unit)
            .collect();
        attach_register(&names, register)
    };
    for (k, rows) in units.into_values().enumerate() {
        let mut unit = merge_unit(&tables, &rows);
        unit.register = registers.get_mut(k).and_then(Option::take);
        each(unit);
    }
    notes
}

/// A row's place: its table, and the row in the table.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
struct RowAt {
    table: u32,
    row: u32,
}

/// Each unit's rows, in the order read, by the unit's key: "code:" and its code
/// where it has one, else "name:" and its name, district and province. Only
/// the rows' names are unpacked. A unit's key is held once, whatever its rows
/// (at 20,000 units a key a row and each uncoded row's name beside it were
/// 9 MB, the reading's peak: issue 16).
fn group(tables: &AllRows) -> BTreeMap<Box<str>, Vec<RowAt>> {
    let mut units: BTreeMap<Box<str>, Vec<RowAt>> = BTreeMap::new();
    let (mut coded, mut uncoded) = (false, false);
    for table in 0..tables.tables() {
        for (row, unit) in tables.names(table).enumerate() {
            let at = RowAt {
                table: table as u32,
                row: row as u32,
            };
            let key = match unit.code {
                Some(code) => {
                    coded = true;
                    format!("code:{code}")
                }
                None => {
                    uncoded = true;
                    format!("name:{}", unit_key(&unit))
                }
            };
            match units.get_mut(key.as_str()) {
                Some(rows) => rows.push(at),
                None => {
                    units.insert(key.into_boxed_str(), vec![at]);
                }
            }
        }
    }
    if coded && uncoded {
        join_uncoded_to_their_codes(tables, &mut units);
    }
    units
}

/// A row without a code joins the unit whose coded rows share its name (the
/// first code read under that name), among them in the order read. The coded
/// rows' names are read again for it: only a batch of coded and uncoded rows
/// asks for them.
fn join_uncoded_to_their_codes(tables: &AllRows, units: &mut BTreeMap<Box<str>, Vec<RowAt>>) {
    let mut code_of_name: HashMap<String, String> = HashMap::new();
    for table in 0..tables.tables() {
        for unit in tables.names(table) {
            if let Some(code) = &unit.code {
                code_of_name
                    .entry(unit_key(&unit))
                    .or_insert_with(|| code.clone());
            }
        }
    }
    let named: Vec<Box<str>> = units
        .keys()
        .filter(|key| {
            key.strip_prefix("name:")
                .is_some_and(|name| code_of_name.contains_key(name))
        })
        .cloned()
        .collect();
    for key in named {
        let rows = units.remove(&key).expect("a key just listed");
        let name = key.strip_prefix("name:").expect("a name's key");
        let code = format!("code:{}", code_of_name[name]);
        let joined = units.entry(code.into_boxed_str()).or_default();
        joined.extend(rows);
        joined.sort_unstable();
    }
}

/// One unit from its rows: the first gives its name (moved, not copied) and
/// later ones fill what it lacks; a year found twice the same is noted, found
/// twice different keeps the unit out of the memo, and so does its code given
/// under two names.
fn merge_unit(tables: &AllRows, rows: &[RowAt]) -> UnitScores {
    let rows = rows.iter().map(|at| {
        tables
            .get(at.table as usize, at.row as usize)
            .expect("a row where it was found")
    });
    let mut merged: Option<UnitScores> = None;
    // The first name the unit's code was given, and where: a second is a clash.
    let mut first_name: Option<(String, Place)> = None;
    // The other names its code was given, each with its message.
    let mut clashes: BTreeMap<String, Reason> = BTreeMap::new();
    // Every place an identical year was found, for one note a year.
    let mut repeats: BTreeMap<u16, Vec<String>> = BTreeMap::new();
    for row in rows {
        if let Some(code) = &row.unit.code {
            // Asked of every coded row: the place is written out only for a clash.
            match &first_name {
                None => first_name = Some((row.unit.name.clone(), row.result.source.clone())),
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
                    clashes.entry(row.unit.name.clone()).or_insert(clash);
                }
                Some(_) => {}
            }
        }
        match &mut merged {
            Some(unit) => fill_gaps(&mut unit.unit, &row.unit),
            None => {
                merged = Some(UnitScores {
                    unit: row.unit,
                    years: Years::new(),
                    blockers: Vec::new(),
                    notes: Vec::new(),
                    register: None,
                })
            }
        }
        let unit = merged.as_mut().expect("made above");
        unit.blockers.extend(row.problems);
        let year = row.result.year;
        // The row's place is written out only for a note or a blocker.
        match unit.years.get_mut(year) {
            None => {
                unit.years.insert(row.result);
            }
            Some(seen) => {
                let differ = seen.disagreements(&row.result);
                if differ.is_empty() {
                    repeats
                        .entry(year)
                        .or_insert_with(|| vec![seen.source.to_string()])
                        .push(row.result.source.to_string());
                    seen.fill_from(row.result);
                } else {
                    unit.blockers.push(Reason::YearsDisagree {
                        year,
                        figures: differ,
                        first: seen.source.to_string(),
                        second: row.result.source.to_string(),
                    });
                }
            }
        }
    }
    let mut unit = merged.expect("a unit has a row");
    unit.blockers.extend(clashes.into_values());
    for (year, places) in repeats {
        unit.notes.push(Note::SameScoresTwice { year, places });
    }
    unit
}

/// Each unit's register row (by the units' `names`, in their order): by code,
/// else by name, district and province, else by name alone where only one unit
/// has it. With notes on rows that name no unit and on units named twice.
fn attach_register(
    names: &[UnitName],
    register: Vec<RegisterEntry>,
) -> (Vec<Option<Box<RegisterEntry>>>, Vec<Note>) {
    let mut rows: Vec<Option<Box<RegisterEntry>>> = vec![None; names.len()];
    let mut notes = Vec::new();
    for entry in register {
        let as_unit = UnitName {
            code: entry.code.clone(),
            name: entry.name.clone(),
            district: entry.district.clone(),
            province: entry.province.clone(),
        };
        let by_code = |u: &UnitName| entry.code.is_some() && u.code == entry.code;
        let by_key = |u: &UnitName| unit_key(u) == unit_key(&as_unit);
        let same_name: Vec<usize> = (0..names.len())
            .filter(|&i| names[i].name == entry.name)
            .collect();
        let found = names
            .iter()
            .position(by_code)
            .or_else(|| names.iter().position(by_key))
            .or(match same_name.as_slice() {
                [only] => Some(*only),
                _ => None,
            });
        match found {
            None => notes.push(Note::RegisterNamesNoUnit {
                source: entry.source.to_string(),
                name: entry.name.clone(),
            }),
            Some(i) if rows[i].is_some() => notes.push(Note::RegisterNamesUnitTwice {
                source: entry.source.to_string(),
                name: entry.name.clone(),
            }),
            Some(i) => rows[i] = Some(Box::new(entry)),
        }
    }
    (rows, notes)
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
    use crate::layout::YearRow;
    use crate::names::unit_name;
    use crate::packed_rows::{PackedRows, RowStore};
    use itamemo_model::{Place, Score, YearResult};

    /// The tables as a run keeps them (small ones in the run's store).
    fn kept(tables: Vec<PackedRows>) -> AllRows {
        let store = RowStore::new();
        let tables = tables.into_iter().map(|t| store.keep(t)).collect();
        AllRows::new(tables, store.finish())
    }

    fn merge(rows: Vec<YearRow>) -> Vec<UnitScores> {
        let mut units = Vec::new();
        let notes = super::merge(
            kept(vec![rows.into_iter().collect()]),
            Vec::new(),
            &mut |u| units.push(u),
        );
        assert!(notes.is_empty());
        units
    }

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
        let units = merge(vec![
            row("6860801", "เทศบาลตำบลพะโต๊ะ", 2564, 88.0),
            row("6860801", "ทต. พะโต๊ะ", 2565, 90.0),
            row("", "เทศบาลตำบลพะโต๊ะ", 2565, 90.0),
            row("", "เทศบาลตำบลอื่น", 2565, 70.0),
        ]);
        assert_eq!(units.len(), 2, "{units:?}");
        let coded = units.iter().find(|u| u.unit.code.is_some()).unwrap();
        assert_eq!(coded.years.keys().collect::<Vec<_>>(), vec![2564, 2565]);
        assert!(coded.blockers.is_empty(), "{:?}", coded.blockers);
    }

    #[test]
    fn one_code_under_two_names_is_reported_with_both_and_gets_no_memo() {
        let mut second = row("6860801", "เทศบาลตำบลปากทรง", 2565, 90.0);
        second.result.source = Place::cell("b.xlsx", "s", 4, 0);
        let units = merge(vec![
            row("6860801", "เทศบาลตำบลพะโต๊ะ", 2565, 90.0),
            second.clone(),
            second,
        ]);
        assert_eq!(units.len(), 1, "{units:?}");
        let blockers: Vec<String> = units[0].blockers.iter().map(|b| b.to_string()).collect();
        assert_eq!(
            blockers,
            vec!["รหัสหน่วยงาน 6860801 ใช้กับสองชื่อ: \"เทศบาลตำบลพะโต๊ะ\" ที่ a.xlsx, ชีต \"s\", เซลล์ A2 และ \"เทศบาลตำบลปากทรง\" ที่ b.xlsx, ชีต \"s\", เซลล์ A5 จึงไม่เขียนบันทึกจากรหัสนี้ (บันทึกในชื่อหน่วยงานที่ผิดแย่กว่าไม่มีบันทึก): แก้รหัสหรือชื่อให้ถูกแล้วรันใหม่"],
            "both names and both places, once"
        );
    }

    #[test]
    fn rows_of_one_unit_merge_in_the_order_read_whichever_table_and_code_they_have() {
        // The row without a code comes first: it names the unit, and its year
        // is the one a later row must agree with.
        let first = row("", "ทต. พะโต๊ะ", 2565, 90.0);
        let mut differs = row("6860801", "เทศบาลตำบลพะโต๊ะ", 2565, 80.0);
        differs.result.source = Place::cell("b.xlsx", "s", 7, 0);
        let other = row("6860802", "เทศบาลตำบลปากทรง", 2564, 70.0);
        let mut same_name_coded = row("6860801", "ทต. พะโต๊ะ", 2564, 88.0);
        same_name_coded.result.source = Place::cell("b.xlsx", "s", 3, 0);
        let tables: Vec<PackedRows> = vec![
            [first, other].into_iter().collect(),
            [same_name_coded, differs].into_iter().collect(),
        ];
        let mut units = Vec::new();
        let notes = super::merge(kept(tables), Vec::new(), &mut |u| units.push(u));
        assert!(notes.is_empty(), "{notes:?}");
        let codes: Vec<Option<&str>> = units.iter().map(|u| u.unit.code.as_deref()).collect();
        assert_eq!(
            codes,
            vec![Some("6860801"), Some("6860802")],
            "in key order"
        );
        let unit = &units[0];
        assert_eq!(unit.unit.name, "เทศบาลตำบลพะโต๊ะ", "{unit:?}");
        assert_eq!(unit.years.keys().collect::<Vec<_>>(), vec![2564, 2565]);
        match unit.blockers.as_slice() {
            [Reason::YearsDisagree { first, second, .. }] => {
                assert!(first.starts_with("a.xlsx"), "{first}");
                assert!(second.starts_with("b.xlsx"), "{second}");
            }
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn register_rows_find_their_units_as_merged_and_the_rest_are_noted() {
        let entry = |code: Option<&str>, name: &str| RegisterEntry {
            code: code.map(str::to_string),
            name: name.to_string(),
            district: String::new(),
            province: String::new(),
            details: Default::default(),
            chain: Vec::new(),
            source: Place::cell("r.xlsx", "r", 1, 0),
        };
        let tables: Vec<PackedRows> = vec![[
            row("", "เทศบาลตำบลพะโต๊ะ", 2564, 90.0),
            row("6860801", "เทศบาลตำบลพะโต๊ะ", 2565, 90.0),
            row("", "เทศบาลตำบลปากทรง", 2565, 70.0),
        ]
        .into_iter()
        .collect()];
        let register = vec![
            entry(Some("6860801"), "ชื่ออื่น"),
            entry(None, "เทศบาลตำบลปากทรง"),
            entry(None, "เทศบาลตำบลปากทรง"),
            entry(None, "เทศบาลตำบลอื่น"),
        ];
        let mut units = Vec::new();
        let notes = super::merge(kept(tables), register, &mut |u| units.push(u));
        let names: Vec<Option<&str>> = units
            .iter()
            .map(|u| u.register.as_ref().map(|r| r.name.as_str()))
            .collect();
        assert_eq!(names, vec![Some("ชื่ออื่น"), Some("เทศบาลตำบลปากทรง")]);
        assert_eq!(notes.len(), 2, "{notes:?}");
        assert!(
            matches!(notes[0], Note::RegisterNamesUnitTwice { .. }),
            "{notes:?}"
        );
        assert!(
            matches!(notes[1], Note::RegisterNamesNoUnit { .. }),
            "{notes:?}"
        );
    }
}
