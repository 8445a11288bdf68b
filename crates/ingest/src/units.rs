//! Rows from every sheet and file to one record per unit: years matched, identical
//! duplicates merged with a note, conflicting ones kept out of the memo.

use std::collections::BTreeMap;

use itamemo_model::UnitScores;

use crate::sheet::YearRow;

pub fn merge(rows: Vec<YearRow>) -> Vec<UnitScores> {
    let mut units: BTreeMap<String, UnitScores> = BTreeMap::new();
    for row in rows {
        let unit = units.entry(row.key).or_insert_with(|| UnitScores {
            unit: row.unit.clone(),
            years: BTreeMap::new(),
            blockers: Vec::new(),
            notes: Vec::new(),
        });
        unit.blockers.extend(row.problems);
        let year = row.result.year;
        match unit.years.get(&year) {
            None => {
                unit.years.insert(year, row.result);
            }
            Some(seen) if seen.same_figures(&row.result) => unit.notes.push(format!(
                "พบคะแนนปี {year} ซ้ำที่ {} และ {} ตัวเลขตรงกัน จึงใช้ครั้งเดียว",
                seen.source, row.result.source
            )),
            Some(seen) => unit.blockers.push(format!(
                "คะแนนปี {year} ไม่ตรงกันระหว่าง {} และ {}: แก้ให้เหลือชุดเดียวแล้วรันใหม่",
                seen.source, row.result.source
            )),
        }
    }
    units.into_values().collect()
}
