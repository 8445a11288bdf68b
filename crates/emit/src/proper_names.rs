//! The unit's own place names kept whole at a line's end. Renderers break Thai
//! by their dictionaries, which do not know most place names: LibreOffice broke
//! "องค์การบริหารส่วนตำบลปาก" / "ทรง". The kind of unit before the name
//! ("องค์การบริหารส่วนตำบล") may still break between its words, but not
//! inside "เทศบาล", which LibreOffice broke "เทศ" / "บาล".

use itamemo_model::UnitName;
use memchr::memmem::Finder;

use crate::blocks::{Block, Para, Span};

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
    [
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
    .collect()
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
            crate::docx_body::join_whole(&mut out, place);
            out
        }
        _ => unit.name.clone(),
    }
}

/// A name to keep whole, with its searcher and its joined form.
struct Name {
    finder: Finder<'static>,
    whole: String,
    /// The names this one contains, bit by bit (itself among them), that are
    /// looked for first in each span (see `in_para`).
    needs: u64,
    /// Whether it is one of those looked for first.
    probe: bool,
}

/// Every occurrence of `names` in the blocks' text, joined inside.
pub fn keep_whole(blocks: &mut [Block], names: &[String]) {
    if names.is_empty() {
        return;
    }
    // A name no other contains needs no probe; one with a joiner of its own
    // could appear where joiners are put in, so it is no proof of absence.
    let probe = |i: usize| {
        i < 64
            && !names[i].contains(crate::docx_body::JOINER)
            && names
                .iter()
                .enumerate()
                .any(|(j, other)| j != i && other.contains(names[i].as_str()))
    };
    // Each name's searcher is built once for the memo, not once for every span
    // as `str::contains` and `str::replace` build theirs.
    let names: Vec<Name> = names
        .iter()
        .map(|n| Name {
            finder: Finder::new(n.as_bytes()).into_owned(),
            whole: join(n),
            needs: (0..names.len())
                .filter(|&i| probe(i) && n.contains(names[i].as_str()))
                .fold(0, |mask, i| mask | 1 << i),
            probe: false,
        })
        .enumerate()
        .map(|(i, name)| Name {
            probe: probe(i),
            ..name
        })
        .collect();
    let mut scratch = String::new();
    for block in blocks {
        match block {
            Block::Para(p) => in_para(p, &names, &mut scratch),
            Block::Table(t) => {
                for cell in t.rows.iter_mut().flat_map(|r| r.cells.iter_mut()) {
                    for p in &mut cell.paras {
                        in_para(p, &names, &mut scratch);
                    }
                }
            }
            _ => {}
        }
    }
}

/// Each name in turn replaced in each text span, as `str::replace` would
/// (leftmost first, not overlapping), the later names in the text the earlier
/// left. A replacement only puts joiners in, so a name without one that is not
/// in the span as it came is in none of its later texts, nor is any name that
/// contains it: the names others contain (the district in "อำเภอ" and the
/// district) are looked for first, and most spans need no other search.
fn in_para(p: &mut Para, names: &[Name], scratch: &mut String) {
    for span in &mut p.spans {
        if let Span::Text { text, .. } = span {
            let absent = names
                .iter()
                .enumerate()
                .filter(|(_, n)| n.probe && n.finder.find(text.as_bytes()).is_none())
                .fold(0u64, |mask, (i, _)| mask | 1 << i);
            for name in names {
                if name.needs & absent != 0 {
                    continue;
                }
                let mut found = name.finder.find_iter(text.as_bytes()).peekable();
                if found.peek().is_none() {
                    continue;
                }
                scratch.clear();
                let mut copied = 0;
                for at in found {
                    scratch.push_str(&text[copied..at]);
                    scratch.push_str(&name.whole);
                    copied = at + name.finder.needle().len();
                }
                scratch.push_str(&text[copied..]);
                // The text keeps the joined copy; its old buffer is the next scratch.
                std::mem::swap(text, scratch);
            }
        }
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
            ["ปากทรง", "อำเภอพะโต๊ะ", "จังหวัดชุมพร", "พะโต๊ะ", "ชุมพร"]
        );
        let text = kept_whole("องค์การบริหารส่วนตำบลปากทรง อำเภอพะโต๊ะ จังหวัดชุมพร", &names);
        assert_eq!(
            text.replace(JOINER, "+"),
            "องค์การบริหารส่วนตำบลป+า+ก+ท+ร+ง อ+ำ+เ+ภ+อ+พ+ะ+โ+ต๊+ะ จั+ง+ห+วั+ด+ชุ+ม+พ+ร",
            "the kind may break between its words; marks stay with their letters"
        );
        assert_eq!(
            text.replace(JOINER, ""),
            "องค์การบริหารส่วนตำบลปากทรง อำเภอพะโต๊ะ จังหวัดชุมพร"
        );
        // A municipality's kind is kept whole where LibreOffice split it.
        let names = of_unit(&unit("เทศบาลตำบลพะโต๊ะ", "พะโต๊ะ", "ชุมพร"));
        assert_eq!(names[..2], ["พะโต๊ะ", "เทศบาล"]);
        assert_eq!(
            kept_whole("ปลัดเทศบาลตำบลพะโต๊ะ", &names).replace(JOINER, "+"),
            "ปลัดเ+ท+ศ+บ+า+ลตำบลพ+ะ+โ+ต๊+ะ"
        );
        // In the summary's lists, each unit's place name alone.
        assert_eq!(
            unit_name_kept_whole(&unit("องค์การบริหารส่วนตำบลพระรักษ์", "", "")).replace(JOINER, "+"),
            "องค์การบริหารส่วนตำบลพ+ร+ะ+รั+ก+ษ์"
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

    /// Spans from a fixed seed of the names' pieces, joiners and other Thai
    /// text are joined as replacing each name in turn with `str::replace`.
    #[test]
    fn names_are_joined_as_by_str_replace_one_after_another() {
        let names = of_unit(&unit("เทศบาลตำบลพะโต๊ะ", "พะโต๊ะ", "ชุมพร"));
        let pieces = [
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
            "ก",
            "๑",
        ];
        let mut rng = fastrand::Rng::with_seed(2566);
        for _ in 0..5_000 {
            let text: String = (0..rng.usize(0..12))
                .map(|_| pieces[rng.usize(0..pieces.len())])
                .collect();
            let mut expected = text.clone();
            for name in &names {
                expected = expected.replace(name.as_str(), &join(name));
            }
            let mut blocks = vec![Block::Para(Para::new(Role::Body).text(text.clone()))];
            keep_whole(&mut blocks, &names);
            let Block::Para(p) = &blocks[0] else { panic!() };
            assert_eq!(
                p.spans,
                [Span::Text {
                    text: expected,
                    bold: false,
                    size: crate::blocks::Size::Normal
                }],
                "{text:?}"
            );
        }
    }
}
