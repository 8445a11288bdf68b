use super::*;

fn scores(values: [f64; 10]) -> BTreeMap<u8, Score> {
    (1..=10)
        .zip(values)
        .map(|(n, v)| (n, Score::from_points(v).unwrap()))
        .collect()
}

fn code(text: &str) -> ItemCode {
    ItemCode::parse(text).unwrap()
}

#[test]
fn every_file_in_the_folder_is_embedded() {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("data/frameworks");
    let mut on_disk: Vec<String> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().to_string())
        .filter(|n| n.ends_with(".toml"))
        .collect();
    on_disk.sort();
    let embedded: Vec<String> = embedded::EMBEDDED
        .iter()
        .map(|(n, _)| n.to_string())
        .collect();
    assert_eq!(on_disk, embedded);
    let frameworks = Frameworks::embedded();
    let years: Vec<String> = frameworks.years().map(|y| format!("{y}.toml")).collect();
    assert_eq!(years, embedded, "each file is named for the year it holds");
}

#[test]
fn every_embedded_framework_loads_with_ten_indicators() {
    let frameworks = Frameworks::embedded();
    assert_eq!(
        frameworks.years().collect::<Vec<_>>(),
        (2563..=2569).collect::<Vec<_>>()
    );
    for year in 2563..=2569 {
        let f = frameworks.get(year).unwrap();
        assert_eq!(f.indicators.len(), 10);
        assert_eq!(f.indicator(4).unwrap().name, "การใช้ทรัพย์สินของราชการ");
        assert_eq!(f.tool("OIT").unwrap().name, "แบบตรวจการเปิดเผยข้อมูลสาธารณะ");
        assert_eq!(f.tool("OIT").unwrap().scoring, Scoring::Met);
    }
    for year in 2563..=2567 {
        let item = &frameworks.get(year).unwrap().measures_item;
        assert_eq!(item.code.as_deref(), Some("O42"), "{year}");
        assert_eq!(
            item.sub_indicator_name.as_deref(),
            Some("มาตรการภายในเพื่อป้องกันการทุจริต")
        );
    }
    let f68 = frameworks.get(2568).unwrap();
    assert_eq!(f68.measures_item.code, None, "not confirmed, so not named");
    let f69 = frameworks.get(2569).unwrap();
    assert_eq!(f69.measures_item.code.as_deref(), Some("O25"));
    assert!(!f69.measures_item.confirmed);
    let f63 = frameworks.get(2563).unwrap();
    assert_eq!(f63.scale[0].label, "AA");
    assert_eq!(
        f63.indicator(4).unwrap().item_codes(),
        ["i19", "i20", "i21", "i22", "i23", "i24"].map(code)
    );
    assert_eq!(f63.indicator(9).unwrap().item_codes().len(), 33);
    let missing = frameworks.get(2570).unwrap_err();
    assert_eq!(
        missing,
        itamemo_model::reason::Reason::NoFramework { year: 2570 }
    );
    assert!(
        missing.to_string().contains("frameworks/2570.toml"),
        "{missing}"
    );
}

#[test]
fn items_keep_their_role_when_renumbered() {
    let frameworks = Frameworks::embedded();
    let channel = |year| {
        frameworks
            .get(year)
            .unwrap()
            .item_with_role("complaint_channel")
    };
    assert_eq!(channel(2565), Some(code("o30")));
    assert_eq!(channel(2566), Some(code("O28")));
    assert_eq!(channel(2568), Some(code("O18")));
    assert_eq!(channel(2569), Some(code("O17")));
    let f65 = frameworks.get(2565).unwrap();
    assert_eq!(f65.role_of(code("O30")), Some("complaint_channel"));
    assert_eq!(f65.item_label(code("o30")), "O30", "one style: O30");
    assert_eq!(f65.item_label(code("i20")), "i20");
    let f69 = frameworks.get(2569).unwrap();
    assert_eq!(f69.item_with_role("measures"), Some(code("O25")));
    assert_eq!(f69.item_with_role("measures_report"), Some(code("O26")));
}

#[test]
fn a_missing_year_is_stood_in_for_by_the_newest() {
    let frameworks = Frameworks::embedded();
    let own = frameworks.for_memo(2569);
    assert_eq!(own.framework.year, 2569);
    assert_eq!(own.standing_in_for, None);
    let stand_in = frameworks.for_memo(2570);
    assert_eq!(stand_in.framework.year, 2569);
    assert_eq!(stand_in.standing_in_for, Some(2570));
}

#[test]
fn the_aim_of_a_memo_dated_before_june_2566_is_on_the_letter_scale() {
    let frameworks = Frameworks::embedded();
    let f66 = frameworks.get(2566).unwrap();
    assert_eq!(frameworks.aim_scale(f66, (2023, 3, 17)).year, 2565);
    assert_eq!(frameworks.aim_scale(f66, (2023, 6, 8)).year, 2566);
    let f67 = frameworks.get(2567).unwrap();
    assert_eq!(frameworks.aim_scale(f67, (2023, 11, 1)).year, 2567);
}

fn refused(from: &str, to: &str) -> String {
    let text = include_str!("../../data/frameworks/2566.toml");
    assert!(text.contains(from), "2566.toml has {from:?}");
    let edited = text.replacen(from, to, 1);
    Framework::parse("2570.toml", &edited)
        .unwrap_err()
        .to_string()
}

fn line_in_2566(needle: &str) -> usize {
    let text = include_str!("../../data/frameworks/2566.toml");
    text[..text.find(needle).unwrap()].matches('\n').count() + 1
}

#[test]
fn a_broken_framework_is_refused_with_its_file_and_line() {
    let text = include_str!("../../data/frameworks/2566.toml");
    // The grades taken out, and an empty list where they stood (top-level, by the year).
    let first_grade = text.find("[[scale]]").unwrap();
    let after_grades = text.find("# The OIT item that asks").unwrap();
    let without = format!("{}{}", &text[..first_grade], &text[after_grades..]);
    let emptied = without.replacen("year = 2566\n", "year = 2566\nscale = []\n", 1);
    let message = Framework::parse("2570.toml", &emptied)
        .unwrap_err()
        .to_string();
    let line = emptied[..emptied.find("scale = []").unwrap()]
        .matches('\n')
        .count()
        + 1;
    assert!(
        message.starts_with(&format!("2570.toml: บรรทัด {line}: scale ว่างอยู่")),
        "{message}"
    );
    let line = line_in_2566("O28 = ");
    assert_eq!(
        refused("O28 = ", "X28 = "),
        format!("2570.toml: บรรทัด {line}: \"X28\" ไม่ใช่รหัสข้อของเครื่องมือในไฟล์นี้ (เช่น o30)")
    );
    let line = line_in_2566("scale_in_force_from");
    assert!(refused("\"2023-06-08\"", "\"8 มิ.ย. 2566\"")
        .starts_with(&format!("2570.toml: บรรทัด {line}: scale_in_force_from")));
    assert!(refused("scoring = \"met\"", "scoring = \"graded\"").contains("line"));
}

#[test]
fn weights_give_the_reference_overall() {
    let f = Frameworks::embedded().get(2565).unwrap().clone();
    let s = scores([
        90.14, 80.06, 80.70, 73.75, 78.93, 82.59, 77.33, 77.41, 96.0, 100.0,
    ]);
    assert!((f.weighted_overall(&s) - 87.15).abs() < 0.01);
}

#[test]
fn letter_grades_up_to_2565_and_labels_from_2566() {
    let frameworks = Frameworks::embedded();
    let f65 = frameworks.get(2565).unwrap();
    let s = scores([90.0; 10]);
    let at = |p: f64| Score::from_points(p).unwrap();
    assert_eq!(f65.grade(at(87.15), &s).label, "A");
    assert_eq!(f65.grade(at(95.0), &s).label, "AA");
    assert_eq!(f65.grade(at(84.99), &s).label, "B");
    assert_eq!(f65.grade(at(49.99), &s).label, "F");
    assert_eq!(f65.next_grade_up("A"), Some("AA"));
    assert_eq!(f65.next_grade_up("AA"), None);
    let f66 = frameworks.get(2566).unwrap();
    let uneven = scores([80.0, 80.0, 80.0, 80.0, 80.0, 95.0, 95.0, 95.0, 100.0, 100.0]);
    assert_eq!(f66.grade(at(90.0), &uneven).label, "ผ่าน");
    assert_eq!(f66.grade(at(90.0), &s).label, "ผ่านดี");
    assert_eq!(f66.next_grade_up("ผ่าน"), Some("ผ่านดี"));
}
