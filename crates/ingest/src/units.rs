//! Rows from every sheet and file to one record per unit: matched by code where
//! there is one, else by name, district and province; identical duplicates merged
//! with a note, conflicting ones kept out of the memo.

use std::collections::BTreeMap;

use itamemo_model::sorted_runs::{SortedRecords, SortedRuns};

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
        let mut names: Vec<UnitName> = Vec::new();
        each_unit(&units, |rows| names.push(merge_unit(&tables, rows).unit));
        attach_register(&names, register)
    };
    let mut k = 0;
    each_unit(&units, |rows| {
        let mut unit = merge_unit(&tables, rows);
        unit.register = registers.get_mut(k).and_then(Option::take);
        k += 1;
        each(unit);
    });
    notes
}

/// A row's place: its table, and the row in the table.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
struct RowAt {
    table: u32,
    row: u32,
}

impl RowAt {
    /// As one number, in the same order: the table, then the row.
    fn packed(self) -> u64 {
        u64::from(self.table) << 32 | u64::from(self.row)
    }

    fn unpacked(packed: u64) -> RowAt {
        RowAt {
            table: (packed >> 32) as u32,
            row: packed as u32,
        }
    }
}

/// What the sorts hold, for the message should their temporary file not read
/// back ("อ่านรายชื่อหน่วยงานที่พักไว้ในไฟล์ชั่วคราวกลับไม่ได้ ...").
const GROUPING: &str = "รายชื่อหน่วยงาน";

/// Every row by its unit's key, sorted out of memory (`SortedRuns`): "code:"
/// and its code where the row has one, else "name:" and its name, district and
/// province, where a row without a code joins the unit whose coded rows share
/// its name (the first code read under that name). Rows of a key in the order
/// read. Only the rows' names are unpacked. Held in maps, the keys were some
/// 200 bytes a unit, the reading's peak at 20,000 units (issue 16).
fn group(tables: &AllRows) -> SortedRecords {
    // First by name, district and province, a name's coded rows before its
    // uncoded ones, each in the order read: a name's first code is then known
    // before its uncoded rows come. A name's key ends in 0xFF, a byte no UTF-8
    // text holds, so that no other name's rows fall among its own.
    const CODED: u8 = 0;
    const UNCODED: u8 = 1;
    let mut by_name = SortedRuns::new(crate::temp_file::for_rows, GROUPING);
    let mut key = Vec::new();
    for table in 0..tables.tables() {
        for (row, unit) in tables.names(table).enumerate() {
            let at = RowAt {
                table: table as u32,
                row: row as u32,
            };
            key.clear();
            key.extend_from_slice(unit_key(&unit).as_bytes());
            key.push(0xFF);
            match &unit.code {
                Some(code) => {
                    key.push(CODED);
                    by_name.push(&key, at.packed(), code.as_bytes());
                }
                None => {
                    key.push(UNCODED);
                    by_name.push(&key, at.packed(), b"");
                }
            }
        }
    }
    let by_name = by_name.finish();
    let mut by_unit = SortedRuns::new(crate::temp_file::for_rows, GROUPING);
    let mut rows = by_name.merged();
    let mut name: Vec<u8> = Vec::new();
    let mut first_code: Option<Vec<u8>> = None;
    while let Some(row) = rows.next() {
        let (this_name, kind) = row.key.split_at(row.key.len() - 1);
        if this_name != name.as_slice() {
            name.clear();
            name.extend_from_slice(this_name);
            first_code = None;
        }
        key.clear();
        key.extend_from_slice(b"code:");
        if kind[0] == CODED {
            first_code.get_or_insert_with(|| row.extra.to_vec());
            key.extend_from_slice(row.extra);
        } else if let Some(code) = &first_code {
            key.extend_from_slice(code);
        } else {
            key.clear();
            key.extend_from_slice(b"name:");
            // The name's key without its closing 0xFF.
            key.extend_from_slice(&name[..name.len() - 1]);
        }
        by_unit.push(&key, row.value, b"");
    }
    by_unit.finish()
}

/// Each unit's rows, the units in the order of their keys.
fn each_unit(units: &SortedRecords, mut each: impl FnMut(&[RowAt])) {
    let mut records = units.merged();
    let mut key: Vec<u8> = Vec::new();
    let mut rows: Vec<RowAt> = Vec::new();
    while let Some(record) = records.next() {
        if record.key != key.as_slice() {
            if !rows.is_empty() {
                each(&rows);
                rows.clear();
            }
            key.clear();
            key.extend_from_slice(record.key);
        }
        rows.push(RowAt::unpacked(record.value));
    }
    if !rows.is_empty() {
        each(&rows);
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
    use std::collections::HashMap;

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

    /// Generated batches (up to 6,000 rows in three tables, names and codes
    /// drawn from small pools so that units repeat, codes clash and coded and
    /// uncoded rows mix, or not) group as the rule says, computed here in
    /// memory: a coded row by its code, an uncoded one by the first code read
    /// under its name, else by its name; units in the order of their keys, a
    /// unit's rows in the order read. The larger batches sort in several runs.
    #[test]
    fn rows_group_into_units_as_the_rule_says_in_the_order_of_their_keys() {
        let mut rng = fastrand::Rng::with_seed(1636);
        let names = [
            "เทศบาลตำบลพะโต๊ะ",
            "ทต. พะโต๊ะ",
            "อบต.ปากทรง",
            "เทศบาลตำบลบ้านใหม่",
        ];
        for case in 0..24 {
            let count = if case % 4 == 0 {
                rng.usize(4_000..6_000)
            } else {
                rng.usize(0..300)
            };
            let coded_share = [0u32, 100, 30, 70][case % 4];
            let rows: Vec<(Option<String>, String)> = (0..count)
                .map(|_| {
                    let name = format!(
                        "{}{}",
                        names[rng.usize(..names.len())],
                        rng.usize(0..count / 3 + 2)
                    );
                    let code = (rng.u32(0..100) < coded_share)
                        .then(|| format!("68{:05}", rng.usize(0..count / 2 + 2)));
                    (code, name)
                })
                .collect();
            let tables: Vec<PackedRows> = rows
                .chunks(count / 3 + 1)
                .map(|chunk| {
                    chunk
                        .iter()
                        .map(|(code, name)| row(code.as_deref().unwrap_or(""), name, 2565, 90.0))
                        .collect()
                })
                .collect();
            let starts: Vec<usize> = rows
                .chunks(count / 3 + 1)
                .scan(0, |at, c| {
                    let start = *at;
                    *at += c.len();
                    Some(start)
                })
                .collect();
            let tables = kept(tables);
            let mut got: Vec<Vec<usize>> = Vec::new();
            each_unit(&group(&tables), |rows| {
                got.push(
                    rows.iter()
                        .map(|at| starts[at.table as usize] + at.row as usize)
                        .collect(),
                )
            });
            let key_of_name = |name: &str| unit_key(&unit_name("", name, "พะโต๊ะ", "ชุมพร"));
            let mut first_code: HashMap<String, String> = HashMap::new();
            for (code, name) in &rows {
                if let Some(code) = code {
                    first_code
                        .entry(key_of_name(name))
                        .or_insert_with(|| code.clone());
                }
            }
            let mut expected: BTreeMap<String, Vec<usize>> = BTreeMap::new();
            for (k, (code, name)) in rows.iter().enumerate() {
                let key = match code.as_ref().or(first_code.get(&key_of_name(name))) {
                    Some(code) => format!("code:{code}"),
                    None => format!("name:{}", key_of_name(name)),
                };
                expected.entry(key).or_default().push(k);
            }
            let expected: Vec<Vec<usize>> = expected.into_values().collect();
            assert_eq!(got, expected, "case {case}: {count} rows");
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
