//! The unit's own place names kept whole at a line's end. Renderers break Thai
//! by their dictionaries, which do not know most place names: LibreOffice broke
//! "องค์การบริหารส่วนตำบลปาก" / "ทรง". The kind of unit before the name
//! ("องค์การบริหารส่วนตำบล") may still break between its words, but not
//! inside "เทศบาล", which LibreOffice broke "เทศ" / "บาล".
//!
//! A joined name is also parted from Thai text touching it by a ZERO WIDTH
//! SPACE. A joiner ends the run of Thai that a renderer's dictionary breaks,
//! so without one the run before "เ+ท+ศ+บ+า+ล" ended in its lone first letter
//! ("…หน่วยงานของเ"), which no dictionary word ends with, and LibreOffice (ICU)
//! broke the word before the name inside: "…หน่วยงานข" / "องเทศบาล…".

use itamemo_model::UnitName;

use crate::blocks::{Block, Para, Span};

mod screen;

use screen::{Found, Screen};

/// The kinds of unit a name starts with, longest first.
const KINDS: [&str; 10] = [
    "องค์การบริหารส่วนจังหวัด",
    "องค์การบริหารส่วนตำบล",
    "เทศบาลนคร",
    "เทศบาลเมือง",
    "เทศบาลตำบล",
    "อบจ.",
    "อบต.",
    "ทน.",
    "ทม.",
    "ทต.",
];

/// The word of a municipality's kind that LibreOffice's dictionary splits.
const MUNICIPALITY: &str = "เทศบาล";

/// A name longer than this (in characters) is left to break where Thai allows:
/// a place name is a word or two, and a long run that cannot break would leave
/// a justified line stretched.
const LONGEST: usize = 24;

/// The names to keep whole in a unit's memo: its place name after its kind,
/// its district and its province, each with the word before it ("อำเภอพะโต๊ะ",
/// "จังหวัดชุมพร": a title broke "จังหวัด" / "ชุมพร") and alone. The longer
/// forms come first: once joined, the bare name inside them is not met again.
pub fn of_unit(unit: &UnitName) -> Vec<String> {
    let place = KINDS
        .iter()
        .find_map(|kind| unit.name.strip_prefix(kind))
        .map(str::trim);
    let (district, province) = (unit.district.trim(), unit.province.trim());
    let with_word = |word: &str, name: &str| (!name.is_empty()).then(|| format!("{word}{name}"));
    let municipality = unit.name.starts_with(MUNICIPALITY);
    let mut names: Vec<String> = [
        place.map(str::to_string),
        municipality.then(|| MUNICIPALITY.to_string()),
        with_word("อำเภอ", district),
        with_word("จังหวัด", province),
        Some(district.to_string()),
        Some(province.to_string()),
    ]
    .into_iter()
    .flatten()
    .filter(|n| n.chars().count() >= 2 && n.chars().count() <= LONGEST)
    .collect();
    longest_first(&mut names);
    names
}

/// Longer names before the names inside them: once "อำเภอพะโต๊ะ" is joined,
/// the place "พะโต๊ะ" of "เทศบาลตำบลพะโต๊ะ" inside it is not met again, where
/// joining "พะโต๊ะ" first left "อำเภอ" free to end a line before it.
fn longest_first(names: &mut [String]) {
    names.sort_by_key(|n| std::cmp::Reverse(n.chars().count()));
}

/// `text` with each of `names` (district and province words) in it joined
/// inside and parted from touching Thai, as `keep_whole` does a paragraph's:
/// for a text built whole from many units' places (the summary's subject).
pub fn places_kept_whole(text: &str, names: impl IntoIterator<Item = String>) -> String {
    let mut names: Vec<String> = names
        .into_iter()
        .filter(|n| (2..=LONGEST).contains(&n.chars().count()))
        .collect();
    longest_first(&mut names);
    names.iter().fold(text.to_string(), |text, name| {
        replace_joined(&text, name, &join(name))
    })
}

/// The unit's name with its place name joined inside (the kind before it may
/// break between its words), for a list of many units (the area's summary),
/// where a pass over every paragraph for every unit's names would not do.
pub fn unit_name_kept_whole(unit: &UnitName) -> String {
    let place = KINDS
        .iter()
        .find_map(|kind| unit.name.strip_prefix(kind).map(|place| (kind, place)));
    match place {
        Some((kind, place)) if (2..=LONGEST).contains(&place.chars().count()) => {
            let mut out = String::with_capacity(unit.name.len() * 2);
            out.push_str(kind);
            push_joined(&mut out, kind.chars().next_back(), place, None);
            out
        }
        _ => unit.name.clone(),
    }
}

/// A name to keep whole, with its joined form.
struct Name<'a> {
    name: &'a str,
    whole: String,
    /// Whether it has a joiner or a break of its own: joining a name before
    /// it may then make it appear where it was not.
    has_joiner: bool,
}

/// Every occurrence of `names` in the blocks' text, joined inside.
pub fn keep_whole(blocks: &mut [Block], names: &[String]) {
    if names.is_empty() {
        return;
    }
    let names: Vec<Name> = names
        .iter()
        .map(|name| Name {
            name,
            whole: join(name),
            has_joiner: name.contains(crate::docx_body::JOINER)
                || name.contains(crate::docx_body::BREAK),
        })
        .collect();
    let screen = Screen::new(names.iter().map(|n| n.name));
    let mut in_para = |p: &mut Para| {
        for span in &mut p.spans {
            if let Span::Text { text, .. } = span {
                let found = screen.names_in(text);
                if found != 0 {
                    replace_each(text, &names, found);
                }
            }
        }
    };
    for block in blocks {
        match block {
            Block::Para(p) => in_para(p),
            Block::Table(t) => {
                for cell in t.rows.iter_mut().flat_map(|r| r.cells.iter_mut()) {
                    cell.paras.iter_mut().for_each(&mut in_para);
                }
            }
            _ => {}
        }
    }
}

/// Each name in turn replaced by its joined form (`replace_joined`), the
/// later names in the text the earlier left. A replacement only puts joiners
/// and breaks in, so a name with neither that the text did not hold as it
/// came (`found`) is in none of its later texts.
fn replace_each(text: &mut String, names: &[Name], found: Found) {
    for (k, name) in names.iter().enumerate() {
        let held = found.checked_shr(k as u32).is_none_or(|f| f & 1 == 1);
        if held || name.has_joiner {
            *text = replace_joined(text, name.name, &name.whole);
        }
    }
}

/// `text` with each `name` in it (leftmost first, not overlapping, as
/// `str::replace` finds them) replaced by `whole`, its joined form, parted
/// by a break from Thai letters on either side (`push_joined`).
fn replace_joined(text: &str, name: &str, whole: &str) -> String {
    let mut out = String::with_capacity(text.len() + whole.len());
    let mut copied = 0;
    for (at, _) in text.match_indices(name) {
        out.push_str(&text[copied..at]);
        copied = at + name.len();
        let before = out.chars().next_back();
        push_break_and(&mut out, before, whole, text[copied..].chars().next());
    }
    out.push_str(&text[copied..]);
    out
}

/// `name` joined onto `out`, between the characters `before` and `after`: a
/// ZERO WIDTH SPACE between it and a Thai letter on either side, so that the
/// Thai before and after it ends and starts where the name does, and the
/// renderer's dictionary breaks that text whole words at a time.
fn push_joined(out: &mut String, before: Option<char>, name: &str, after: Option<char>) {
    push_break_and(out, before, &join(name), after);
}

/// `whole` (a joined name) onto `out` with the breaks `push_joined` puts.
/// None after a leading vowel ("เ"), nor before a vowel, mark or repeat sign
/// that goes on the name's last syllable ("ะ", "่", "ๆ"): there the name is
/// inside a syllable, and a break would part it.
fn push_break_and(out: &mut String, before: Option<char>, whole: &str, after: Option<char>) {
    use crate::docx_body::BREAK;
    let ends_syllable = |c: char| matches!(c, '\u{0E01}'..='\u{0E3A}' | '\u{0E45}'..='\u{0E4E}');
    let starts_syllable = |c: char| matches!(c, '\u{0E01}'..='\u{0E2E}' | '\u{0E40}'..='\u{0E44}');
    if before.is_some_and(ends_syllable) {
        out.push_str(BREAK);
    }
    out.push_str(whole);
    if after.is_some_and(starts_syllable) {
        out.push_str(BREAK);
    }
}

/// `name` with a joiner inside, as the writer joins a word kept whole.
fn join(name: &str) -> String {
    let mut out = String::with_capacity(name.len() * 2);
    crate::docx_body::join_whole(&mut out, name);
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::blocks::Role;

    const JOINER: char = '\u{2060}';
    const BREAK: char = '\u{200B}';

    fn unit(name: &str, district: &str, province: &str) -> UnitName {
        UnitName {
            code: None,
            name: name.into(),
            district: district.into(),
            province: province.into(),
        }
    }

    /// `text` as one paragraph's span, after `keep_whole`.
    fn kept_whole(text: &str, names: &[String]) -> String {
        let mut blocks = vec![Block::Para(Para::new(Role::Body).text(text.into()))];
        keep_whole(&mut blocks, names);
        let Block::Para(p) = &blocks[0] else { panic!() };
        let Span::Text { text, .. } = &p.spans[0] else {
            panic!()
        };
        text.clone()
    }

    #[test]
    fn the_place_name_district_and_province_are_joined_inside_and_nothing_else() {
        let names = of_unit(&unit("องค์การบริหารส่วนตำบลปากทรง", "พะโต๊ะ", "ชุมพร"));
        assert_eq!(
            names,
            ["จังหวัดชุมพร", "อำเภอพะโต๊ะ", "ปากทรง", "พะโต๊ะ", "ชุมพร"]
        );
        let text = kept_whole("องค์การบริหารส่วนตำบลปากทรง อำเภอพะโต๊ะ จังหวัดชุมพร", &names);
        assert_eq!(
            text.replace(JOINER, "+").replace(BREAK, "~"),
            "องค์การบริหารส่วนตำบล~ป+า+ก+ท+ร+ง อ+ำ+เ+ภ+อ+พ+ะ+โ+ต๊+ะ จั+ง+ห+วั+ด+ชุ+ม+พ+ร",
            "the kind may break between its words, and before the name; marks stay with their letters"
        );
        assert_eq!(
            text.replace([JOINER, BREAK], ""),
            "องค์การบริหารส่วนตำบลปากทรง อำเภอพะโต๊ะ จังหวัดชุมพร"
        );
        // A municipality's kind is kept whole where LibreOffice split it.
        let names = of_unit(&unit("เทศบาลตำบลพะโต๊ะ", "พะโต๊ะ", "ชุมพร"));
        assert_eq!(names[2..4], ["พะโต๊ะ", "เทศบาล"]);
        // A district of the place's own name is kept whole with its word.
        assert_eq!(
            kept_whole("เทศบาลตำบลพะโต๊ะ อำเภอพะโต๊ะ", &names)
                .replace(JOINER, "+")
                .replace(BREAK, "~"),
            "เ+ท+ศ+บ+า+ล~ตำบล~พ+ะ+โ+ต๊+ะ อ+ำ+เ+ภ+อ+พ+ะ+โ+ต๊+ะ"
        );
        assert_eq!(
            kept_whole("ปลัดเทศบาลตำบลพะโต๊ะ", &names)
                .replace(JOINER, "+")
                .replace(BREAK, "~"),
            "ปลัด~เ+ท+ศ+บ+า+ล~ตำบล~พ+ะ+โ+ต๊+ะ"
        );
        // Thai touching a joined name is parted from it by a break, so that a
        // dictionary breaks it as words: not "…หน่วยงานข" / "องเทศบาล…".
        assert_eq!(
            kept_whole("หน่วยงานของเทศบาลตำบลพะโต๊ะ ประจำปี", &names)
                .replace(JOINER, "+")
                .replace(BREAK, "~"),
            "หน่วยงานของ~เ+ท+ศ+บ+า+ล~ตำบล~พ+ะ+โ+ต๊+ะ ประจำปี"
        );
        // Nor inside a syllable: after a leading vowel, before a following
        // vowel, a mark or the repeat sign; nor beside a space, a figure or
        // the text's ends.
        assert_eq!(
            kept_whole("เพะโต๊ะ พะโต๊ะะ พะโต๊ะ่ พะโต๊ะๆ ๑พะโต๊ะ๑", &names)
                .replace(JOINER, "+")
                .replace(BREAK, "~"),
            "เพ+ะ+โ+ต๊+ะ พ+ะ+โ+ต๊+ะะ พ+ะ+โ+ต๊+ะ่ พ+ะ+โ+ต๊+ะๆ ๑พ+ะ+โ+ต๊+ะ๑"
        );
        // In the summary's lists, each unit's place name alone.
        assert_eq!(
            unit_name_kept_whole(&unit("องค์การบริหารส่วนตำบลพระรักษ์", "", ""))
                .replace(JOINER, "+")
                .replace(BREAK, "~"),
            "องค์การบริหารส่วนตำบล~พ+ร+ะ+รั+ก+ษ์"
        );
        assert_eq!(
            unit_name_kept_whole(&unit("อบต.พระรักษ์", "", "")).replace(JOINER, "+"),
            "อบต.พ+ร+ะ+รั+ก+ษ์"
        );
        assert_eq!(
            unit_name_kept_whole(&unit("สำนักงานตัวอย่าง", "", "")),
            "สำนักงานตัวอย่าง"
        );
        // A name of no known kind is not guessed at.
        assert_eq!(
            of_unit(&unit("สำนักงานตัวอย่าง", "", "")),
            Vec::<String>::new()
        );
    }

    #[test]
    fn the_places_of_a_summary_are_kept_whole_with_their_words() {
        let places = ["อำเภอละแม", "อำเภอพะโต๊ะ", "จังหวัดชุมพร", "อำเภอเมืองชุมพร"];
        let text = places_kept_whole(
            "ของหน่วยงานในพื้นที่อำเภอพะโต๊ะ อำเภอเมืองชุมพร และอำเภอละแม จังหวัดชุมพร ประจำปี",
            places.map(String::from),
        );
        assert_eq!(
            text.replace(JOINER, "+").replace(BREAK, "~"),
            "ของหน่วยงานในพื้นที่~อ+ำ+เ+ภ+อ+พ+ะ+โ+ต๊+ะ อ+ำ+เ+ภ+อ+เ+มื+อ+ง+ชุ+ม+พ+ร และ~อ+ำ+เ+ภ+อ+ล+ะ+แ+ม จั+ง+ห+วั+ด+ชุ+ม+พ+ร ประจำปี",
            "each district and the province joined whole, parted from the Thai before them"
        );
    }

    /// The pieces the tests' names and spans are made of: the names' own
    /// pieces (so names meet, overlap and nest), joiners, and other text.
    pub(super) const PIECES: [&str; 20] = [
        "พะ",
        "โต๊ะ",
        "พะโต๊ะ",
        "อำเภอ",
        "จังหวัด",
        "ชุมพร",
        "ชุม",
        "พร",
        "เทศ",
        "บาล",
        "เทศบาล",
        " ",
        "\u{2060}",
        "\u{200B}",
        "ก",
        "ะ",
        "๑",
        "a",
        "ab",
        "&",
    ];

    /// Spans from a fixed seed of the names' pieces, joiners and other text
    /// are joined as replacing each name in turn in the whole text: for
    /// units' names, and for made-up lists of names that contain, overlap and
    /// end like one another, hold joiners, or are too short for the screen.
    #[test]
    fn names_are_joined_as_by_str_replace_one_after_another() {
        let mut rng = fastrand::Rng::with_seed(2566);
        let mut name_lists = vec![
            of_unit(&unit("เทศบาลตำบลพะโต๊ะ", "พะโต๊ะ", "ชุมพร")),
            of_unit(&unit("องค์การบริหารส่วนตำบลชุมพร", "พะโต๊ะ", "ชุมพร")),
            of_unit(&unit("เทศบาลเมืองชุม", "เมืองชุมพร", "ชุมพร")),
            // A name with a joiner of its own, met only once the name before
            // it is joined: "ชุมพร" becomes "ชุ+ม+พ+ร".
            vec!["ชุมพร".into(), "ม\u{2060}พ".into()],
            vec!["abab".into(), "a\u{2060}b".into()],
        ];
        for _ in 0..300 {
            let list = (0..rng.usize(1..7))
                .map(|_| {
                    (0..rng.usize(1..4))
                        .map(|_| PIECES[rng.usize(..PIECES.len())])
                        .collect()
                })
                .collect();
            name_lists.push(list);
        }
        for names in &name_lists {
            for _ in 0..200 {
                let text: String = (0..rng.usize(0..40))
                    .map(|_| PIECES[rng.usize(..PIECES.len())])
                    .collect();
                let mut expected = text.clone();
                for name in names {
                    expected = replace_joined(&expected, name, &join(name));
                }
                assert_eq!(kept_whole(&text, names), expected, "{names:?} in {text:?}");
            }
        }
    }
}
