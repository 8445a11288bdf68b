use super::*;
use crate::register::CoverDetails;

/// A small seeded generator (xorshift64*): the same units every run.
struct Seeded(u64);

impl Seeded {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_f491_4f6c_dd1d)
    }

    fn below(&mut self, n: u64) -> u64 {
        self.next() % n
    }

    fn chance(&mut self, in_100: u64) -> bool {
        self.below(100) < in_100
    }

    fn pick<'a>(&mut self, from: &[&'a str]) -> &'a str {
        from[self.below(from.len() as u64) as usize]
    }

    fn score(&mut self) -> Score {
        let hundredths = match self.below(10) {
            0 => 0,
            1 => 10_000,
            _ => self.below(10_001) as u32,
        };
        Score::from_hundredths(hundredths).unwrap()
    }
}

const NAMES: &[&str] = &[
    "เทศบาลตำบลพะโต๊ะ",
    "องค์การบริหารส่วนตำบลปากทรง",
    "ทต. ท่าแซะ",
    "Pathio Municipality",
    "อบต.บางสน (สาขา 2)",
    "",
    "เทศบาลเมือง\u{0e00}แปลก",
    "สำนักงาน 😀 ทดสอบ ÀÉ",
    "โรงพยาบาลส่งเสริมสุขภาพตำบลบ้านหนองใหญ่ หมู่ที่ ๑๒",
];
const DISTRICTS: &[&str] = &["พะโต๊ะ", "ท่าแซะ", "เมืองชุมพร", "", "Mueang"];
const PROVINCES: &[&str] = &["ชุมพร", "ระนอง", "", "Bangkok"];
const GRADES: &[&str] = &["AA", "A", "B", "C", "D", "E", "F", "ผ่าน"];
const ITEMS: &[&str] = &["i1", "i20", "e6", "e15", "o1", "o30", "o33"];
const TOOLS: &[&str] = &["IIT", "EIT", "OIT"];

fn origins() -> Vec<Arc<Origin>> {
    [
        ("a.xlsx", "ITA 2565"),
        ("a.xlsx", "ITA 2566"),
        ("ชุมพร/b.ods", "ผลคะแนน"),
        ("c.csv", ""),
    ]
    .iter()
    .map(|(file, sheet)| {
        Arc::new(Origin {
            file: (*file).into(),
            sheet: (*sheet).into(),
        })
    })
    .collect()
}

fn place(rng: &mut Seeded, origins: &[Arc<Origin>]) -> Place {
    let origin = Arc::clone(&origins[rng.below(origins.len() as u64) as usize]);
    let cell = match rng.below(10) {
        0 => None,
        1 => Some((u32::MAX - 1, u32::MAX)),
        _ => Some((rng.below(100_000) as u32, rng.below(300) as u32)),
    };
    Place { origin, cell }
}

fn unit(rng: &mut Seeded, origins: &[Arc<Origin>]) -> UnitScores {
    let code = rng
        .chance(60)
        .then(|| format!("{}", 1_000_000 + rng.below(9_000_000)));
    let unit = UnitName {
        code,
        // Now and then a name longer than a byte can count.
        name: format!("{}{}", rng.pick(NAMES), rng.below(50)).repeat(if rng.chance(3) {
            9
        } else {
            1
        }),
        district: rng.pick(DISTRICTS).to_string(),
        province: rng.pick(PROVINCES).to_string(),
    };
    let first = 2560 + rng.below(6) as u16;
    let mut years = Years::new();
    for year in first..first + 1 + rng.below(4) as u16 {
        let mut indicators = BTreeMap::new();
        if rng.chance(90) {
            for number in 1..=rng.below(11) as u8 {
                indicators.insert(number, rng.score());
            }
            if rng.chance(5) {
                indicators.insert(255, rng.score());
            }
        }
        let mut items = BTreeMap::new();
        if rng.chance(40) {
            for _ in 0..rng.below(40) {
                items.insert(rng.pick(ITEMS).to_string(), rng.score());
            }
            if rng.chance(10) {
                items.insert(format!("i{}", rng.below(500)), rng.score());
            }
        }
        let mut tools = BTreeMap::new();
        if rng.chance(50) {
            for _ in 0..rng.below(4) {
                tools.insert(rng.pick(TOOLS).to_string(), rng.score());
            }
        }
        let grade = rng.chance(70).then(|| Box::from(rng.pick(GRADES)));
        let overall = rng.chance(80).then(|| rng.score());
        let mut tools_at = Vec::new();
        for code in tools.keys() {
            if rng.chance(50) {
                tools_at.push((code.clone(), place(rng, origins)));
            }
        }
        let grade_at = (grade.is_some() && rng.chance(80)).then(|| place(rng, origins));
        let figures_at = FigureCells {
            overall: (overall.is_some() && rng.chance(60)).then(|| place(rng, origins)),
            tools: tools_at,
        };
        years.insert(YearResult {
            year,
            indicators,
            items,
            tools,
            overall,
            grade,
            grade_at,
            figures_at: figures_at.boxed(),
            source: place(rng, origins),
        });
    }
    let mut blockers = Vec::new();
    if rng.chance(5) {
        blockers.push(Reason::YearsDisagree {
            year: first,
            figures: vec!["ตัวชี้วัดที่ 3".to_string()],
            first: "a.xlsx".to_string(),
            second: "b.xlsx".to_string(),
        });
    }
    let mut notes = Vec::new();
    if rng.chance(5) {
        notes.push(Note::SameScoresTwice {
            year: first,
            places: vec!["a".to_string(), "b".to_string()],
        });
    }
    let register = rng.chance(5).then(|| {
        Box::new(RegisterEntry {
            code: unit.code.clone(),
            name: unit.name.clone(),
            district: unit.district.clone(),
            province: unit.province.clone(),
            details: CoverDetails {
                office: Some("สำนักปลัด".to_string()),
                date: Some((2023, 3, 17)),
                ..CoverDetails::default()
            },
            chain: Vec::new(),
            source: place(rng, origins),
        })
    });
    UnitScores {
        unit,
        years,
        blockers,
        notes,
        register,
    }
}

#[test]
fn thousands_of_varied_units_unpack_to_what_was_packed() {
    let origins = origins();
    let mut rng = Seeded(0x1e55_0829);
    let units: Vec<UnitScores> = (0..5_000).map(|_| unit(&mut rng, &origins)).collect();
    let packed: PackedUnits = units.iter().cloned().collect();
    assert_eq!(packed.len(), units.len());
    for (k, (given, back)) in units.iter().zip(packed.iter()).enumerate() {
        assert_eq!(back.unit, given.unit, "unit {k}");
        assert_eq!(back.years.len(), given.years.len(), "unit {k}");
        for (a, b) in given.years.values().zip(back.years.values()) {
            assert_eq!(b, a, "unit {k}, year {}", a.year);
            // The same origin, not only an equal one.
            assert!(Arc::ptr_eq(&a.source.origin, &b.source.origin));
        }
        assert_eq!(back.blockers, given.blockers, "unit {k}");
        assert_eq!(back.notes, given.notes, "unit {k}");
        assert_eq!(back.register, given.register, "unit {k}");
        assert_eq!(&back, given, "unit {k}");
    }
    for (k, (given, name)) in units.iter().zip(packed.names()).enumerate() {
        assert_eq!(name, given.unit, "unit {k}'s name alone");
    }
    for (k, (given, register)) in units.iter().zip(packed.registers()).enumerate() {
        assert_eq!(
            register,
            given.register.as_deref(),
            "unit {k}'s register row alone"
        );
    }
    assert_eq!(packed.get(4_999).as_ref(), units.last());
    assert_eq!(packed.get(5_000), None);
    let (table, parts) = packed.into_parts();
    assert_eq!(parts[7].unpack(&table), units[7]);
}

#[test]
fn a_typical_national_unit_packs_in_under_200_bytes() {
    // As a national export gives a unit: a code, a Thai name, two years of ten
    // indicators, an overall score and a grade, each year's row and grade cell.
    let origins = origins();
    let year = |year: u16, origin: &Arc<Origin>, row: u32| YearResult {
        year,
        indicators: (1..=10)
            .map(|n| {
                (
                    n,
                    Score::from_hundredths(8_000 + 137 * u32::from(n)).unwrap(),
                )
            })
            .collect(),
        items: BTreeMap::new(),
        tools: BTreeMap::new(),
        overall: Score::from_hundredths(9_123),
        grade: Some("A".into()),
        grade_at: Some(Place {
            origin: Arc::clone(origin),
            cell: Some((row, 17)),
        }),
        figures_at: None,
        source: Place {
            origin: Arc::clone(origin),
            cell: Some((row, 1)),
        },
    };
    let unit = UnitScores {
        unit: UnitName {
            code: Some("6860801".to_string()),
            name: "องค์การบริหารส่วนตำบลปากทรง".to_string(),
            district: "พะโต๊ะ".to_string(),
            province: "ชุมพร".to_string(),
        },
        years: [
            year(2565, &origins[0], 6_512),
            year(2566, &origins[1], 6_530),
        ]
        .into_iter()
        .collect(),
        blockers: Vec::new(),
        notes: Vec::new(),
        register: None,
    };
    let packed: PackedUnits = [unit.clone()].into_iter().collect();
    let (table, units) = packed.into_parts();
    let size = units[0].size();
    assert!(size < 200, "{size} bytes");
    assert_eq!(units[0].unpack(&table), unit);
}

/// `units` put through `spill`, each read back as it was given:
/// in order (names, registers), and by position from two threads in pieces of
/// sixteen, each piece with its own window, as the memo phase reads them.
fn spilled_round_trip(units: &[UnitScores], mut spill: UnitSpill) -> SpilledUnits {
    for unit in units {
        spill.push(unit.clone());
    }
    let spilled = spill.finish();
    assert_eq!(spilled.len(), units.len());
    for (k, (given, name)) in units.iter().zip(spilled.names()).enumerate() {
        assert_eq!(name, given.unit, "unit {k}'s name alone");
    }
    for (k, (given, register)) in units.iter().zip(spilled.registers()).enumerate() {
        assert_eq!(register, given.register.as_deref(), "unit {k}'s register");
    }
    let pieces: Vec<std::ops::Range<usize>> = (0..units.len())
        .step_by(16)
        .map(|from| from..(from + 16).min(units.len()))
        .collect();
    std::thread::scope(|s| {
        for half in [0, 1] {
            let (spilled, pieces) = (&spilled, &pieces);
            s.spawn(move || {
                // Each thread its pieces from the far end inwards, out of order.
                let mine = pieces.iter().skip(half).step_by(2);
                for piece in mine.rev() {
                    let mut window = spilled.window();
                    for k in piece.clone() {
                        let back = spilled.unpack(k, &mut window);
                        assert_eq!(&back, &units[k], "unit {k}");
                        for (a, b) in units[k].years.values().zip(back.years.values()) {
                            assert!(Arc::ptr_eq(&a.source.origin, &b.source.origin));
                        }
                    }
                }
            });
        }
    });
    // One window for units far apart, in no order.
    let mut window = spilled.window();
    for k in (0..units.len()).rev().step_by(97) {
        assert_eq!(spilled.unpack(k, &mut window), units[k], "unit {k}");
    }
    spilled
}

#[test]
fn spilled_units_read_back_as_they_were_given() {
    let origins = origins();
    let mut rng = Seeded(0x5b11_1ed0);
    let units: Vec<UnitScores> = (0..3_000).map(|_| unit(&mut rng, &origins)).collect();
    assert!(units.iter().any(|u| u.register.is_some()));
    let spilled = spilled_round_trip(&units, UnitSpill::new(Some(tempfile::tempfile().unwrap())));
    assert!(spilled.in_file());
    // Several chunks' worth, some units across a chunk's end.
    assert!(spilled.stored.written > 3 * crate::spill::CHUNK as u64);
    let held = spilled_round_trip(&units, UnitSpill::new(None));
    assert!(!held.in_file());
    assert!(held.stored.held.len() > 3);
    assert!(SpilledUnits::default().is_empty());
    assert_eq!(SpilledUnits::default().names().count(), 0);
}

/// A file that refuses every write (a full disk): the units are held in memory
/// and read back the same.
#[test]
fn spilled_units_the_file_refuses_are_held() {
    let origins = origins();
    let mut rng = Seeded(0x0f11_1ed0);
    let units: Vec<UnitScores> = (0..1_500).map(|_| unit(&mut rng, &origins)).collect();
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("read-only");
    std::fs::write(&path, b"").unwrap();
    let spilled = spilled_round_trip(&units, UnitSpill::new(Some(File::open(&path).unwrap())));
    assert!(!spilled.in_file());
    assert_eq!(spilled.stored.written, 0);
    assert!(spilled.stored.held.len() > 1);
}

/// Units held until they fill a chunk, then written to the file made then (a
/// table's rows while it is read): a few units make no file and are held; many
/// make one file, which has the first chunk's units too; with no file to be
/// had they are held. All read back as given.
#[test]
fn spilled_units_make_their_file_only_once_a_chunk_is_full() {
    use std::sync::atomic::{AtomicUsize, Ordering};
    static MADE: AtomicUsize = AtomicUsize::new(0);
    fn make() -> Option<File> {
        MADE.fetch_add(1, Ordering::Relaxed);
        Some(tempfile::tempfile().unwrap())
    }
    fn none() -> Option<File> {
        None
    }
    let origins = origins();
    let mut rng = Seeded(0x1a7e_f11e);
    let units: Vec<UnitScores> = (0..2_000).map(|_| unit(&mut rng, &origins)).collect();
    let few = spilled_round_trip(&units[..20], UnitSpill::file_when_full(make, "แถว"));
    assert_eq!(MADE.load(Ordering::Relaxed), 0, "no file for 20 units");
    assert!(!few.in_file());
    let many = spilled_round_trip(&units, UnitSpill::file_when_full(make, "แถว"));
    assert_eq!(MADE.load(Ordering::Relaxed), 1, "one file");
    assert!(many.in_file(), "every chunk in the file, the first one too");
    assert!(many.stored.written > 2 * crate::spill::CHUNK as u64);
    let held = spilled_round_trip(&units, UnitSpill::file_when_full(none, "แถว"));
    assert!(!held.in_file());
    assert!(held.stored.held.len() > 2);
}
