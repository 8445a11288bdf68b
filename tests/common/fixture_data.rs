//! The units in fixtures/: the reference unit (เทศบาลตำบลพะโต๊ะ, its published
//! scores) and three made-up units beside it, with overall scores that follow the
//! framework's weights.

pub struct FixtureYear {
    pub year: u16,
    pub indicators: [f64; 10],
    pub overall: f64,
    pub grade: &'static str,
}

pub struct FixtureUnit {
    pub name: &'static str,
    pub district: &'static str,
    pub province: &'static str,
    pub years: &'static [FixtureYear],
}

pub const YEARS: [u16; 2] = [2564, 2565];

pub const UNITS: [FixtureUnit; 4] = [
    FixtureUnit {
        name: "เทศบาลตำบลพะโต๊ะ",
        district: "พะโต๊ะ",
        province: "ชุมพร",
        years: &[
            FixtureYear {
                year: 2564,
                indicators: [
                    88.59, 76.35, 77.80, 74.21, 76.74, 86.77, 87.54, 82.80, 96.00, 100.0,
                ],
                overall: 88.53,
                grade: "A",
            },
            FixtureYear {
                year: 2565,
                indicators: [
                    90.14, 80.06, 80.70, 73.75, 78.93, 82.59, 77.33, 77.41, 96.00, 100.0,
                ],
                overall: 87.15,
                grade: "A",
            },
        ],
    },
    // Made up: rose on every indicator.
    FixtureUnit {
        name: "องค์การบริหารส่วนตำบลปากทรง",
        district: "พะโต๊ะ",
        province: "ชุมพร",
        years: &[
            FixtureYear {
                year: 2564,
                indicators: [
                    82.10, 79.45, 80.12, 78.30, 75.66, 84.20, 80.15, 79.90, 88.00, 87.50,
                ],
                overall: 83.26,
                grade: "B",
            },
            FixtureYear {
                year: 2565,
                indicators: [
                    85.33, 81.20, 83.05, 80.47, 79.10, 86.74, 84.02, 82.66, 92.00, 93.75,
                ],
                overall: 87.04,
                grade: "A",
            },
        ],
    },
    // Made up: assessed for the first time in 2565 (no previous year).
    FixtureUnit {
        name: "องค์การบริหารส่วนตำบลพระรักษ์",
        district: "พะโต๊ะ",
        province: "ชุมพร",
        years: &[FixtureYear {
            year: 2565,
            indicators: [
                91.20, 84.55, 86.10, 82.40, 78.35, 88.90, 86.25, 81.70, 72.00, 81.25,
            ],
            overall: 81.69,
            grade: "B",
        }],
    },
    // Made up: two indicators tie for the top strength.
    FixtureUnit {
        name: "เทศบาลตำบลละแม",
        district: "ละแม",
        province: "ชุมพร",
        years: &[
            FixtureYear {
                year: 2564,
                indicators: [
                    84.10, 83.20, 80.50, 79.00, 81.30, 85.10, 83.40, 82.00, 90.00, 95.00,
                ],
                overall: 86.54,
                grade: "A",
            },
            FixtureYear {
                year: 2565,
                indicators: [
                    88.75, 86.40, 88.75, 79.00, 82.15, 84.60, 85.90, 83.10, 90.00, 95.00,
                ],
                overall: 87.86,
                grade: "A",
            },
        ],
    },
];

/// Made-up codes (รหัสหน่วยงาน), in the order of `UNITS`.
pub const CODES: [&str; 4] = ["6860801", "6860802", "6860803", "6860901"];

/// The item codes of the 2564-2565 framework: i1-i30, e1-e15, o1-o43.
pub fn item_codes() -> Vec<String> {
    let mut codes: Vec<String> = (1..=30).map(|n| format!("i{n}")).collect();
    codes.extend((1..=15).map(|n| format!("e{n}")));
    codes.extend((1..=43).map(|n| format!("o{n}")));
    codes
}

/// Made-up item scores that sit around their indicator's score (IIT and EIT) or
/// are met / not met (OIT, 0 or 100: the last few of a weak indicator fail).
pub fn item_scores(year: &FixtureYear) -> Vec<(String, f64)> {
    const SPREAD: [f64; 6] = [-6.0, 3.0, 5.0, -4.0, 1.0, 1.0];
    let indicator_of = |code: &str| -> (usize, usize, usize) {
        let n: usize = code[1..].parse().unwrap();
        match &code[..1] {
            "i" => ((n - 1) / 6, (n - 1) % 6, 6),
            "e" => (5 + (n - 1) / 5, (n - 1) % 5, 5),
            _ if n <= 33 => (8, n - 1, 33),
            _ => (9, n - 34, 10),
        }
    };
    item_codes()
        .into_iter()
        .map(|code| {
            let (indicator, position, count) = indicator_of(&code);
            let score = year.indicators[indicator];
            let value = if code.starts_with('o') {
                let failing = ((100.0 - score) / 100.0 * count as f64).round() as usize;
                // The first to fail is o30 (the complaint channel) under indicator 9,
                // as in the reference; then the last items of the indicator.
                let first = if indicator == 8 { 29 } else { count - 1 };
                let fails = failing > 0 && (position == first || position + failing > count);
                if fails {
                    0.0
                } else {
                    100.0
                }
            } else {
                (score + SPREAD[position % 6]).clamp(0.0, 100.0)
            };
            (code, (value * 100.0).round() / 100.0)
        })
        .collect()
}
