//! How figures are said in the memo: years, scores, changes. ASCII digits here;
//! the kit turns them into Thai digits.

use itamemo_model::{Change, Findings, Score};

/// "พ.ศ." and the NO-BREAK SPACE after it: a line never ends at "พ.ศ." with its
/// year on the next.
const BE: &str = "พ.ศ.\u{A0}";

/// "พ.ศ. 2565"
pub fn be_year(year: u16) -> String {
    [BE, itoa::Buffer::new().format(year)].concat()
}

/// "ปีงบประมาณ พ.ศ. 2565" (a memo says some thirty: put together without
/// core::fmt's machinery).
pub fn fiscal_year(year: u16) -> String {
    ["ปีงบประมาณ ", BE, itoa::Buffer::new().format(year)].concat()
}

/// "ตัวชี้วัดที่ 4 การใช้ทรัพย์สินของราชการ"
pub fn indicator(number: u8, name: &str) -> String {
    ["ตัวชี้วัดที่ ", itoa::Buffer::new().format(number), " ", name].concat()
}

/// "ประจำปีงบประมาณ พ.ศ. 2565 ได้ 87.15 คะแนน อยู่ในระดับ A": the year under
/// analysis and its result, as the recommendations and the measures open.
pub fn current_result(f: &Findings) -> String {
    [
        "ประจำ",
        &fiscal_year(f.current.year),
        " ได้ ",
        &f.current.overall.to_string(),
        " คะแนน อยู่ในระดับ ",
        &f.current.grade,
    ]
    .concat()
}

/// A threshold as people say it: "80", or "79.50" when it has decimals.
pub fn threshold(score: Score) -> String {
    if score.hundredths().is_multiple_of(100) {
        (score.hundredths() / 100).to_string()
    } else {
        score.to_string()
    }
}

/// The word alone, for tables: "เพิ่มขึ้น", "ลดลง", "คงที่".
pub fn change_word(change: Change) -> &'static str {
    match change {
        Change::Up(_) => "เพิ่มขึ้น",
        Change::Down(_) => "ลดลง",
        Change::Same => "คงที่",
    }
}

/// "ก", "ก และข", "ก ข และค": items in a sentence, the last joined by "และ".
pub fn thai_list(items: &[String]) -> String {
    let mut list = String::new();
    push_thai_list(&mut list, "", items.iter().map(String::as_str));
    list
}

/// `thai_list` of the items each after `prefix` ("ข้อ O30 ข้อ O31 และข้อ O32"),
/// onto `out`: no string made for each item, nor for the list.
pub fn push_thai_list<'a>(
    out: &mut String,
    prefix: &str,
    items: impl IntoIterator<Item = &'a str>,
) {
    let mut items = items.into_iter().peekable();
    let mut first = true;
    while let Some(item) = items.next() {
        if !first {
            out.push_str(if items.peek().is_none() {
                " และ"
            } else {
                " "
            });
        }
        first = false;
        out.push_str(prefix);
        out.push_str(item);
    }
}

/// The pieces onto `out`, as `concat` joins them.
pub fn push_all(out: &mut String, pieces: &[&str]) {
    for piece in pieces {
        out.push_str(piece);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use itamemo_model::score::Delta;

    #[test]
    fn changes_are_words_and_amounts() {
        assert_eq!(change_word(Change::Down(Delta(-138))), "ลดลง");
        assert_eq!(change_word(Change::Same), "คงที่");
        assert_eq!(threshold(Score::from_points(80.0).unwrap()), "80");
        assert_eq!(threshold(Score::from_points(79.5).unwrap()), "79.50");
        let items = |v: &[&str]| v.iter().map(|s| s.to_string()).collect::<Vec<_>>();
        assert_eq!(thai_list(&items(&["ก", "ข", "ค"])), "ก ข และค");
        assert_eq!(thai_list(&items(&["ก"])), "ก");
    }

    #[test]
    fn a_list_pushed_reads_as_thai_list_of_its_prefixed_items() {
        let codes = ["O30", "i2", "O1", "O43", "ก"];
        for n in 0..=codes.len() {
            let prefixed: Vec<String> = codes[..n].iter().map(|c| ["ข้อ ", c].concat()).collect();
            let mut out = String::from("ยังไม่ผ่าน");
            push_thai_list(&mut out, "ข้อ ", codes[..n].iter().copied());
            assert_eq!(out, ["ยังไม่ผ่าน", &thai_list(&prefixed)].concat(), "{n}");
        }
    }

    #[test]
    fn years_are_said_in_the_buddhist_era() {
        assert_eq!(be_year(2565), "พ.ศ.\u{A0}2565");
        assert_eq!(fiscal_year(2566), "ปีงบประมาณ พ.ศ.\u{A0}2566");
        assert_eq!(fiscal_year(0), "ปีงบประมาณ พ.ศ.\u{A0}0");
        assert_eq!(
            indicator(4, "การใช้ทรัพย์สินของราชการ"),
            "ตัวชี้วัดที่ 4 การใช้ทรัพย์สินของราชการ"
        );
    }
}
