//! The exports offices receive, one layout each, as grids. `Flavor` decides how the
//! same figures are typed: the XLSX as numbers (percent-formatted and formula cells
//! where that layout has them), the ODS as the messy text of Thai offices.

use itamemo_model::thai::to_thai_digits;

use super::grid::{text, Cell, GridSheet};
use crate::common::fixture_data::{item_scores, FixtureUnit, FixtureYear, CODES, UNITS, YEARS};

#[derive(Clone, Copy, PartialEq, Eq)]
pub enum Flavor {
    Xlsx,
    Ods,
}

impl Flavor {
    /// A score as this flavour types it: a number, or Thai-digit text.
    pub fn score(self, v: f64) -> Cell {
        match self {
            Flavor::Xlsx => Cell::Number(v),
            Flavor::Ods if v == 100.0 => text(to_thai_digits("100")),
            Flavor::Ods => text(to_thai_digits(&format!("{v:.2}"))),
        }
    }

    pub fn digits(self, s: &str) -> String {
        match self {
            Flavor::Xlsx => s.to_string(),
            Flavor::Ods => to_thai_digits(s),
        }
    }
}

fn years_of(unit: &FixtureUnit) -> impl Iterator<Item = &FixtureYear> {
    unit.years.iter()
}

/// A sheet per year. The XLSX is tidy: the header in the first row, numbers.
/// The ODS is not: a title row above the header, a year column, Thai digits
/// everywhere, scores and years stored as text, "อำเภอ" typed with sara am as two
/// code points.
pub fn sheet_per_year(flavor: Flavor) -> Vec<GridSheet> {
    YEARS
        .iter()
        .map(|&year| {
            let thai_year = to_thai_digits(&year.to_string());
            let mut header: Vec<Cell> = vec![text("ลำดับ"), text("ชื่อหน่วยงาน")];
            header.push(text(match flavor {
                Flavor::Xlsx => "อำเภอ",
                Flavor::Ods => "อ\u{0E4D}\u{0E32}เภอ",
            }));
            header.push(text("จังหวัด"));
            if flavor == Flavor::Ods {
                header.push(text("ปีงบประมาณ"));
            }
            header.extend((1..=10).map(|n| text(flavor.digits(&format!("ตัวชี้วัดที่ {n}")))));
            header.extend([text("คะแนน ITA"), text("ระดับ")]);
            let mut rows = match flavor {
                Flavor::Xlsx => vec![],
                Flavor::Ods => vec![vec![text(format!(
                    "ผลการประเมินคุณธรรมและความโปร่งใส (ITA) ปีงบประมาณ พ.ศ. {thai_year}"
                ))]],
            };
            rows.push(header);
            let assessed = UNITS
                .iter()
                .filter_map(|u| u.years.iter().find(|y| y.year == year).map(|y| (u, y)));
            for (k, (unit, y)) in assessed.enumerate() {
                let mut row = vec![
                    match flavor {
                        Flavor::Xlsx => Cell::Number((k + 1) as f64),
                        Flavor::Ods => text(to_thai_digits(&(k + 1).to_string())),
                    },
                    text(unit.name),
                    text(unit.district),
                    text(unit.province),
                ];
                if flavor == Flavor::Ods {
                    row.push(text(thai_year.clone()));
                }
                row.extend(y.indicators.iter().map(|v| flavor.score(*v)));
                row.extend([flavor.score(y.overall), text(y.grade)]);
                rows.push(row);
            }
            GridSheet {
                name: match flavor {
                    Flavor::Xlsx => format!("ITA {year}"),
                    Flavor::Ods => format!("ปีงบประมาณ {thai_year}"),
                },
                rows,
            }
        })
        .collect()
}

/// One sheet with a year column, two title rows, headers typed every which way,
/// codes; the XLSX has OIT as percent-formatted fractions and ITA as a formula.
pub fn year_column(flavor: Flavor) -> Vec<GridSheet> {
    let mut rows = vec![
        vec![text(
            "สรุปผลการประเมินคุณธรรมและความโปร่งใส (ITA) ของ อปท. ในจังหวัดชุมพร",
        )],
        vec![text("ข้อมูลจากระบบ ITAS")],
        [
            "รหัสหน่วยงาน",
            "ชื่อหน่วยงาน",
            "อำเภอ",
            "จังหวัด",
            "ปีงบประมาณ",
            "ตัวชี้วัด\nที่ 1",
            "Indicator 2",
            "การใช้อำนาจ",
            "ตัวชี้วัดที่ ๔",
            "  ตัวชี้วัดที่   5 ",
            "6. คุณภาพการดำเนินงาน",
            "ตัวชี้วัดที่ 7",
            "ตัวชี้วัดที่ 8",
            "ตัวชี้วัดที่ 9",
            "ตัวชี้วัดที่ 10",
            "ITA score",
            "Grade",
        ]
        .map(text)
        .into(),
    ];
    for (unit, code) in UNITS.iter().zip(CODES) {
        for year in years_of(unit) {
            let year_text = match (flavor, year.year) {
                (Flavor::Xlsx, 2564) => "2021".to_string(), // C.E.: read as 2564, with a note
                (Flavor::Xlsx, y) => format!("ITA {y}"),
                (Flavor::Ods, y) => to_thai_digits(&format!("ปีงบประมาณ พ.ศ. {y}")),
            };
            let (name, district, province) = match flavor {
                Flavor::Xlsx => (
                    unit.name.to_string(),
                    unit.district.to_string(),
                    unit.province.to_string(),
                ),
                Flavor::Ods => (
                    unit.name
                        .replace("เทศบาลตำบล", "ทต.")
                        .replace("องค์การบริหารส่วนตำบล", "อบต. "),
                    format!("อ.{}", unit.district),
                    format!("จ.{}", unit.province),
                ),
            };
            let mut row = vec![
                text(flavor.digits(code)),
                text(name),
                text(district),
                text(province),
                text(year_text),
            ];
            for (i, v) in year.indicators.iter().enumerate() {
                row.push(match (flavor, i) {
                    (Flavor::Xlsx, 8 | 9) => Cell::Percent(v / 100.0),
                    (Flavor::Ods, 0) => text(format!(
                        "\u{00A0}{}\u{200B}",
                        to_thai_digits(&format!("{v:.2}"))
                    )),
                    (Flavor::Ods, 1) => text(format!("'{v:.2}")),
                    (Flavor::Ods, 8) => text(format!("{}%", to_thai_digits(&format!("{v:.2}")))),
                    _ => flavor.score(*v),
                });
            }
            row.push(match flavor {
                Flavor::Xlsx => Cell::Formula {
                    formula: format!("=ROUND({},2)", year.overall),
                    value: year.overall,
                },
                Flavor::Ods => flavor.score(year.overall),
            });
            row.push(text(year.grade));
            rows.push(row);
        }
    }
    vec![GridSheet {
        name: "ผล ITA".into(),
        rows,
    }]
}

/// One sheet, a group of columns per year under a merged year header.
pub fn merged_years(flavor: Flavor) -> Vec<GridSheet> {
    let group = 12u16; // ten indicators, the ITA score and the grade
    let mut year_row = vec![Cell::Empty, Cell::Empty, Cell::Empty];
    let mut header: Vec<Cell> = ["ชื่อหน่วยงาน", "อำเภอ", "จังหวัด"].map(text).into();
    for year in YEARS {
        year_row.push(Cell::Merged {
            text: flavor.digits(&format!("ปีงบประมาณ พ.ศ. {year}")),
            span: group,
        });
        year_row.extend((1..group).map(|_| Cell::Empty));
        header.extend((1..=10).map(|n| text(flavor.digits(&format!("ตัวชี้วัดที่ {n}")))));
        header.extend([text("คะแนน ITA"), text("ระดับ")]);
    }
    let mut rows = vec![
        vec![text("ผลการประเมิน ITA ของหน่วยงานในจังหวัดชุมพร")],
        year_row,
        header,
    ];
    for unit in &UNITS {
        let mut row = vec![text(unit.name), text(unit.district), text(unit.province)];
        for year in YEARS {
            match unit.years.iter().find(|y| y.year == year) {
                Some(y) => {
                    for (i, v) in y.indicators.iter().enumerate() {
                        row.push(match (flavor, i) {
                            (Flavor::Ods, 8 | 9) => Cell::Percent(v / 100.0),
                            _ => Cell::Number(*v),
                        });
                    }
                    row.extend([Cell::Number(y.overall), text(y.grade)]);
                }
                None => row.extend((0..group).map(|_| Cell::Empty)),
            }
        }
        rows.push(row);
    }
    vec![GridSheet {
        name: "สรุปผล".into(),
        rows,
    }]
}

/// One unit per sheet: indicators as rows, years as columns, the unit in a title.
pub fn per_unit_report(flavor: Flavor) -> Vec<GridSheet> {
    UNITS
        .iter()
        .enumerate()
        .map(|(k, unit)| {
            let title = match flavor {
                Flavor::Xlsx => format!(
                    "ผลการประเมินคุณธรรมและความโปร่งใส (ITA) ของ{} อำเภอ{} จังหวัด{}",
                    unit.name, unit.district, unit.province
                ),
                Flavor::Ods => format!(
                    "ผลการประเมิน ITA {} อ.{} จ.{}",
                    unit.name
                        .replace("เทศบาลตำบล", "ทต.")
                        .replace("องค์การบริหารส่วนตำบล", "อบต."),
                    unit.district,
                    unit.province
                ),
            };
            let mut header = vec![text("ตัวชี้วัด")];
            header.extend(
                unit.years
                    .iter()
                    .map(|y| text(flavor.digits(&format!("ปีงบประมาณ {}", y.year)))),
            );
            let mut rows = vec![vec![text(title)], vec![], header, vec![text("ภาพรวม")]];
            let line = |label: &str, pick: &dyn Fn(&FixtureYear) -> Cell| {
                let mut row = vec![text(label)];
                row.extend(unit.years.iter().map(pick));
                row
            };
            rows.push(line("คะแนนรวม", &|y| {
                flavor.score(y.overall)
            }));
            rows.push(line("ระดับ", &|y| text(y.grade)));
            rows.push(vec![text("รายละเอียด")]);
            for (i, name) in INDICATOR_NAMES.iter().enumerate() {
                let label = match flavor {
                    Flavor::Xlsx => format!("{}. {name}", i + 1),
                    Flavor::Ods => to_thai_digits(&format!("ตัวชี้วัดที่ {} {name}", i + 1)),
                };
                rows.push(line(&label, &|y| flavor.score(y.indicators[i])));
            }
            GridSheet {
                name: format!("หน่วยงาน {}", k + 1),
                rows,
            }
        })
        .collect()
}

/// A row per unit, year and indicator; the reference unit has item rows too.
pub fn long(flavor: Flavor) -> Vec<GridSheet> {
    let mut rows = vec![
        ["ชื่อหน่วยงาน", "อำเภอ", "จังหวัด", "ปีงบประมาณ", "ตัวชี้วัด", "คะแนน"]
            .map(text)
            .into(),
    ];
    for unit in &UNITS {
        for y in unit.years {
            let lead = || -> Vec<Cell> {
                vec![
                    text(unit.name),
                    text(unit.district),
                    text(unit.province),
                    text(flavor.digits(&y.year.to_string())),
                ]
            };
            for (i, v) in y.indicators.iter().enumerate() {
                let label = match flavor {
                    Flavor::Xlsx => format!("ตัวชี้วัดที่ {}", i + 1),
                    Flavor::Ods => to_thai_digits(&(i + 1).to_string()),
                };
                let mut row = lead();
                row.extend([text(label), flavor.score(*v)]);
                rows.push(row);
            }
            let mut overall = lead();
            overall.extend([text("คะแนน ITA"), flavor.score(y.overall)]);
            rows.push(overall);
            let mut grade = lead();
            grade.extend([text("ระดับ"), text(y.grade)]);
            rows.push(grade);
            if unit.name == UNITS[0].name {
                for (code, v) in item_scores(y)
                    .into_iter()
                    .filter(|(c, _)| ["i20", "e6", "o30"].contains(&c.as_str()))
                {
                    let mut row = lead();
                    row.extend([text(code), flavor.score(v)]);
                    rows.push(row);
                }
            }
        }
    }
    vec![GridSheet {
        name: "ข้อมูล".into(),
        rows,
    }]
}

/// A sheet per year with every item score beside the indicator scores.
pub fn items(flavor: Flavor) -> Vec<GridSheet> {
    YEARS
        .iter()
        .map(|&year| {
            let codes = crate::common::fixture_data::item_codes();
            let mut header: Vec<Cell> = ["ชื่อหน่วยงาน", "อำเภอ", "จังหวัด"].map(text).into();
            header.extend((1..=10).map(|n| text(format!("ตัวชี้วัดที่ {n}"))));
            header.extend([text("คะแนน ITA"), text("ระดับ")]);
            header.extend(codes.iter().map(|c| match flavor {
                Flavor::Xlsx => text(c.as_str()),
                Flavor::Ods => text(to_thai_digits(&c.to_uppercase())),
            }));
            let mut rows = vec![header];
            for unit in &UNITS {
                let Some(y) = unit.years.iter().find(|y| y.year == year) else {
                    continue;
                };
                let mut row = vec![text(unit.name), text(unit.district), text(unit.province)];
                row.extend(y.indicators.iter().map(|v| flavor.score(*v)));
                row.extend([flavor.score(y.overall), text(y.grade)]);
                row.extend(item_scores(y).into_iter().map(|(_, v)| flavor.score(v)));
                rows.push(row);
            }
            GridSheet {
                name: flavor.digits(&format!("ITA {year}")),
                rows,
            }
        })
        .collect()
}

const INDICATOR_NAMES: [&str; 10] = [
    "การปฏิบัติหน้าที่",
    "การใช้งบประมาณ",
    "การใช้อำนาจ",
    "การใช้ทรัพย์สินของทางราชการ",
    "การแก้ไขปัญหาการทุจริต",
    "คุณภาพการดำเนินงาน",
    "ประสิทธิภาพการสื่อสาร",
    "การปรับปรุงระบบการทำงาน",
    "การเปิดเผยข้อมูล",
    "การป้องกันการทุจริต",
];

/// Empty cells up to `width`.
fn pad(row: &mut Vec<Cell>, width: usize) {
    while row.len() < width {
        row.push(Cell::Empty);
    }
}

/// The unit register beside the exports: the reference unit in full, one unit with
/// only its office and preparer, the others with only the memo's date (which each
/// row gives, as the reference's, so that a run of fixtures/ without --date writes
/// memos dated within fiscal 2566). Names are made up.
pub fn register(_flavor: Flavor) -> Vec<GridSheet> {
    let header: Vec<Cell> = [
        "รหัสหน่วยงาน",
        "ชื่อหน่วยงาน",
        "ส่วนราชการ",
        "โทร",
        "ที่",
        "เรียน",
        "วันที่ประชุม",
        "ผู้จัดทำ",
        "ตำแหน่งผู้จัดทำ",
        "ผู้ลงนาม 1",
        "ตำแหน่งผู้ลงนาม 1",
        "หัวข้อความเห็น 1",
        "ผู้ลงนาม 2",
        "ตำแหน่งผู้ลงนาม 2",
        "หัวข้อความเห็น 2",
        "ผู้ลงนาม 3",
        "ตำแหน่งผู้ลงนาม 3",
        "หัวข้อความเห็น 3",
        "วันที่",
    ]
    .map(text)
    .into();
    let reference: Vec<Cell> = [
        CODES[0],
        UNITS[0].name,
        "งานนิติการ สำนักปลัด",
        "0 7700 0000 ต่อ 22",
        "ชพ 00000/159",
        "หัวหน้าสำนักปลัด/ปลัดเทศบาล/นายกเทศมนตรีตำบลพะโต๊ะ",
        "19 มกราคม 2566",
        "นางสาวตัวอย่าง ใจดี",
        "นักวิเคราะห์นโยบายและแผนชำนาญการ",
        "นางตัวอย่าง รักงาน",
        "หัวหน้าสำนักปลัด",
        "ความเห็นหัวหน้าสำนักปลัด",
        "นายตัวอย่าง ตั้งใจ",
        "ปลัดเทศบาลตำบลพะโต๊ะ",
        "ความเห็นปลัดเทศบาล",
        "นายตัวอย่าง มุ่งมั่น",
        "นายกเทศมนตรีตำบลพะโต๊ะ",
        "คำสั่งนายกเทศมนตรี",
        "17 มีนาคม 2566",
    ]
    .map(text)
    .into();
    let date_column = header.len() - 1;
    let mut partial = vec![
        Cell::Empty,
        text(UNITS[1].name),
        text("สำนักปลัด"),
        Cell::Empty,
        Cell::Empty,
        Cell::Empty,
        Cell::Empty,
        text("นายตัวอย่าง ขยัน"),
        text("นิติกรปฏิบัติการ"),
    ];
    pad(&mut partial, date_column);
    partial.push(text("17/3/2566"));
    let mut rows = vec![header, reference, partial];
    for unit in &UNITS[2..] {
        let mut row = vec![Cell::Empty, text(unit.name)];
        pad(&mut row, date_column);
        row.push(text("๑๗ มี.ค. ๒๕๖๖"));
        rows.push(row);
    }
    vec![GridSheet {
        name: "ทะเบียนหน่วยงาน".into(),
        rows,
    }]
}
