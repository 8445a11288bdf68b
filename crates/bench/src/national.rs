//! Synthetic national exports: N units with Thai names, districts and provinces,
//! a sheet per fiscal year, scores that follow the framework's weights, and item
//! scores where asked. The same seed gives the same units.

use std::path::Path;

use anyhow::Result;

const PROVINCES: [&str; 20] = [
    "ชุมพร",
    "สุราษฎร์ธานี",
    "นครศรีธรรมราช",
    "ระนอง",
    "พังงา",
    "กระบี่",
    "ตรัง",
    "พัทลุง",
    "สงขลา",
    "เชียงใหม่",
    "เชียงราย",
    "ลำปาง",
    "น่าน",
    "ขอนแก่น",
    "อุดรธานี",
    "นครราชสีมา",
    "บุรีรัมย์",
    "สุรินทร์",
    "เพชรบุรี",
    "ประจวบคีรีขันธ์",
];
const SYLLABLES: [&str; 24] = [
    "บาง",
    "น้ำ",
    "ทอง",
    "หนอง",
    "บัว",
    "ท่า",
    "ข้าม",
    "นา",
    "โพธิ์",
    "ศรี",
    "ดอน",
    "แก้ว",
    "คลอง",
    "ใหญ่",
    "วัง",
    "ไทร",
    "เขา",
    "พระ",
    "ทราย",
    "สวน",
    "ป่า",
    "ยาง",
    "หลวง",
    "เหนือ",
];
const KINDS: [(&str, u32); 3] = [
    ("องค์การบริหารส่วนตำบล", 64),
    ("เทศบาลตำบล", 30),
    ("เทศบาลเมือง", 6),
];
const YEARS: [u16; 2] = [2564, 2565];

pub struct Unit {
    pub name: String,
    pub district: String,
    pub province: String,
    /// Per year: ten indicator scores, the overall score.
    pub years: Vec<([f64; 10], f64)>,
}

fn word(rng: &mut fastrand::Rng, parts: usize) -> String {
    (0..parts)
        .map(|_| SYLLABLES[rng.usize(..SYLLABLES.len())])
        .collect()
}

/// Each province's districts: a fixed list of 8 to 20 names (the country has some
/// 930 districts for 77 provinces), so that the places in a batch stop growing
/// with its units as they do in a real national batch. The same whatever the
/// seed: exports made with several seeds are one country's districts.
fn districts() -> Vec<Vec<String>> {
    let mut rng = fastrand::Rng::with_seed(0x0d15_7c75);
    PROVINCES
        .iter()
        .map(|_| {
            let mut names: Vec<String> = Vec::new();
            let count = rng.usize(8..=20);
            while names.len() < count {
                let name = word(&mut rng, 2);
                if !names.contains(&name) {
                    names.push(name);
                }
            }
            names
        })
        .collect()
}

fn score(rng: &mut fastrand::Rng, low: f64, high: f64) -> f64 {
    ((low + rng.f64() * (high - low)) * 100.0).round() / 100.0
}

/// The weights of the 2564-2565 frameworks: 0.3 IIT, 0.3 EIT, 0.4 OIT.
fn overall(s: &[f64; 10]) -> f64 {
    let mean = |r: std::ops::Range<usize>| s[r.clone()].iter().sum::<f64>() / r.len() as f64;
    ((0.3 * mean(0..5) + 0.3 * mean(5..8) + 0.4 * mean(8..10)) * 100.0).round() / 100.0
}

pub fn units(n: usize, seed: u64) -> Vec<Unit> {
    let districts = districts();
    let mut rng = fastrand::Rng::with_seed(seed);
    (0..n)
        .map(|k| {
            let roll = rng.u32(..100);
            let kind = KINDS
                .iter()
                .scan(0, |acc, (kind, share)| {
                    *acc += share;
                    Some((*kind, *acc))
                })
                .find(|(_, upto)| roll < *upto)
                .map_or(KINDS[0].0, |(kind, _)| kind);
            let base = score(&mut rng, 65.0, 95.0);
            let years = YEARS
                .iter()
                .map(|_| {
                    let mut s = [0.0; 10];
                    for v in s.iter_mut() {
                        *v = score(&mut rng, (base - 12.0).max(0.0), (base + 8.0).min(100.0));
                    }
                    (s, overall(&s))
                })
                .collect();
            let province = rng.usize(..PROVINCES.len());
            let district = districts[province][rng.usize(..districts[province].len())].clone();
            Unit {
                // The number keeps names unique, as real names are within a district.
                name: format!("{kind}{}{}", word(&mut rng, 2), k + 1),
                district,
                province: PROVINCES[province].to_string(),
                years,
            }
        })
        .collect()
}

fn grade(overall: f64) -> &'static str {
    [
        (95.0, "AA"),
        (85.0, "A"),
        (75.0, "B"),
        (65.0, "C"),
        (55.0, "D"),
        (50.0, "E"),
    ]
    .iter()
    .find(|(min, _)| overall >= *min)
    .map_or("F", |(_, g)| g)
}

fn header(items: bool) -> Vec<String> {
    let mut h = vec!["ชื่อหน่วยงาน".to_string(), "อำเภอ".into(), "จังหวัด".into()];
    h.extend((1..=10).map(|n| format!("ตัวชี้วัดที่ {n}")));
    h.extend(["คะแนน ITA".to_string(), "ระดับ".into()]);
    if items {
        h.extend((1..=30).map(|n| format!("i{n}")));
        h.extend((1..=15).map(|n| format!("e{n}")));
        h.extend((1..=43).map(|n| format!("o{n}")));
    }
    h
}

/// Item scores around the indicator's score (IIT, EIT), met or not (OIT).
fn items(s: &[f64; 10]) -> Vec<f64> {
    let mut out = Vec::with_capacity(88);
    for i in 0..30 {
        out.push((s[i / 6] + [-6.0, 3.0, 5.0, -4.0, 1.0, 1.0][i % 6]).clamp(0.0, 100.0));
    }
    for e in 0..15 {
        out.push((s[5 + e / 5] + [-5.0, 2.0, 4.0, -2.0, 1.0][e % 5]).clamp(0.0, 100.0));
    }
    for o in 0..43 {
        let (indicator, position, count) = if o < 33 { (8, o, 33) } else { (9, o - 33, 10) };
        let failing = ((100.0 - s[indicator]) / 100.0 * count as f64).round() as usize;
        out.push(if position + failing >= count {
            0.0
        } else {
            100.0
        });
    }
    out
}

pub fn write_xlsx(path: &Path, units: &[Unit], with_items: bool) -> Result<()> {
    use rust_xlsxwriter::{DocProperties, ExcelDateTime, Workbook};
    let mut book = Workbook::new();
    book.set_properties(
        &DocProperties::new().set_creation_datetime(&ExcelDateTime::from_ymd(2023, 1, 1)?),
    );
    for (y, year) in YEARS.iter().enumerate() {
        let sheet = book.add_worksheet();
        sheet.set_name(format!("ITA {year}"))?;
        for (c, h) in header(with_items).iter().enumerate() {
            sheet.write_string(0, c as u16, h)?;
        }
        for (k, u) in units.iter().enumerate() {
            let row = k as u32 + 1;
            let (s, overall) = &u.years[y];
            sheet.write_string(row, 0, &u.name)?;
            sheet.write_string(row, 1, &u.district)?;
            sheet.write_string(row, 2, &u.province)?;
            for (i, v) in s.iter().enumerate() {
                sheet.write_number(row, 3 + i as u16, *v)?;
            }
            sheet.write_number(row, 13, *overall)?;
            sheet.write_string(row, 14, grade(*overall))?;
            if with_items {
                for (i, v) in items(s).iter().enumerate() {
                    sheet.write_number(row, 15 + i as u16, *v)?;
                }
            }
        }
    }
    book.save(path)?;
    Ok(())
}

pub fn write_ods(path: &Path, units: &[Unit], with_items: bool) -> Result<()> {
    use spreadsheet_ods::{Sheet, WorkBook};
    let mut book = WorkBook::new_empty();
    for (y, year) in YEARS.iter().enumerate() {
        let mut sheet = Sheet::new(format!("ITA {year}"));
        for (c, h) in header(with_items).iter().enumerate() {
            sheet.set_value(0, c as u32, h.as_str());
        }
        for (k, u) in units.iter().enumerate() {
            let row = k as u32 + 1;
            let (s, overall) = &u.years[y];
            sheet.set_value(row, 0, u.name.as_str());
            sheet.set_value(row, 1, u.district.as_str());
            sheet.set_value(row, 2, u.province.as_str());
            for (i, v) in s.iter().enumerate() {
                sheet.set_value(row, 3 + i as u32, *v);
            }
            sheet.set_value(row, 13, *overall);
            sheet.set_value(row, 14, grade(*overall));
            if with_items {
                for (i, v) in items(s).iter().enumerate() {
                    sheet.set_value(row, 15 + i as u32, *v);
                }
            }
        }
        book.push_sheet(sheet);
    }
    spreadsheet_ods::write_ods(&mut book, path)?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use std::collections::BTreeSet;

    use super::*;

    #[test]
    fn places_stop_growing_with_the_units() {
        let country: BTreeSet<(String, String)> = PROVINCES
            .iter()
            .zip(districts())
            .flat_map(|(province, names)| names.into_iter().map(|d| (province.to_string(), d)))
            .collect();
        assert!(
            country.len() <= PROVINCES.len() * 20,
            "{} places",
            country.len()
        );
        // Whatever the batch's size and seed, its places are the country's.
        for (n, seed) in [(2_000, 2566), (20_000, 2566), (2_000, 7)] {
            let outside = units(n, seed)
                .into_iter()
                .filter(|u| !country.contains(&(u.province.clone(), u.district.clone())))
                .count();
            assert_eq!(outside, 0, "{n} units, seed {seed}");
        }
    }
}
