//! Thai digits, Thai dates and the code-point clean-up every Thai string needs.

use std::borrow::Cow;

const THAI_ZERO: u32 = 0x0E50;

/// Replaces Thai digits (๐-๙) with ASCII digits; everything else is kept.
pub fn to_arabic_digits(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    push_arabic_digits(&mut out, text);
    out
}

/// `to_arabic_digits(text)` onto the end of `out`.
pub fn push_arabic_digits(out: &mut String, text: &str) {
    out.extend(text.chars().map(|c| match c {
        '๐'..='๙' => char::from(b'0' + (c as u32 - THAI_ZERO) as u8),
        other => other,
    }));
}

/// Replaces ASCII digits with Thai digits (๐-๙); everything else is kept. Every
/// text of a memo passes here (a seventh of a memo's instructions when it went
/// character by character), so the text is searched 32 bytes at a time with AVX2
/// where the processor has it (16 with SSE2: 0.006 million instructions more a
/// memo) for where its digits stand, and what lies between digits is copied
/// whole (an ASCII digit is one byte, never part of a longer character).
pub fn to_thai_digits(text: &str) -> String {
    // A Thai digit takes three bytes in UTF-8; a memo's texts hold a few.
    let mut out = String::with_capacity(text.len() + 16);
    push_thai_digits(&mut out, text);
    out
}

/// `to_thai_digits(text)` onto the end of `out`: a text made of pieces is
/// converted piece by piece into one string, not joined first (an ASCII digit
/// is one byte, so no piece's end splits one).
pub fn push_thai_digits(out: &mut String, text: &str) {
    if text.len() <= SHORT {
        // A short piece ("2.", " (", a score) byte by byte: the chunk's test
        // and its padding cost more than the bytes themselves.
        let mut copied = 0;
        for (at, &b) in text.as_bytes().iter().enumerate() {
            if b.is_ascii_digit() {
                out.push_str(&text[copied..at]);
                out.push_str(THAI_DIGITS[usize::from(b - b'0')]);
                copied = at + 1;
            }
        }
        out.push_str(&text[copied..]);
        return;
    }
    #[cfg(any(target_arch = "x86", target_arch = "x86_64"))]
    if std::arch::is_x86_feature_detected!("avx2") {
        // SAFETY: the function needs only AVX2, which this processor has.
        return unsafe { push_thai_digits_avx2(out, text) };
    }
    thai_digits_by(out, text, ascii_digits_in)
}

/// The longest text `push_thai_digits` looks at a byte at a time.
const SHORT: usize = 8;

/// `push_thai_digits`, 32 bytes a test.
#[cfg(any(target_arch = "x86", target_arch = "x86_64"))]
#[target_feature(enable = "avx2")]
fn push_thai_digits_avx2(out: &mut String, text: &str) {
    #[cfg(target_arch = "x86")]
    use std::arch::x86::*;
    #[cfg(target_arch = "x86_64")]
    use std::arch::x86_64::*;
    thai_digits_by(out, text, |chunk: &[u8; 32]| {
        // SAFETY: reads the 32 bytes of `chunk` (unaligned, as allowed).
        let bytes = unsafe { _mm256_loadu_si256(chunk.as_ptr().cast()) };
        // As `ascii_digits_sse2`.
        let offset = _mm256_sub_epi8(bytes, _mm256_set1_epi8(b'0' as i8));
        let digit = _mm256_cmpeq_epi8(_mm256_min_epu8(offset, _mm256_set1_epi8(9)), offset);
        _mm256_movemask_epi8(digit) as u32
    })
}

/// `push_thai_digits` with `digits_in` finding the digits of each `CHUNK` bytes
/// (bit k set where byte k is one).
#[inline(always)]
fn thai_digits_by<const CHUNK: usize>(
    out: &mut String,
    text: &str,
    digits_in: impl Fn(&[u8; CHUNK]) -> u32,
) {
    let bytes = text.as_bytes();
    let mut copied = 0;
    let mut put_digit = |out: &mut String, at: usize| {
        // Most figures have more than one digit.
        if at > copied {
            out.push_str(&text[copied..at]);
        }
        out.push_str(THAI_DIGITS[usize::from(bytes[at] - b'0')]);
        copied = at + 1;
    };
    let mut at = 0;
    while at + CHUNK <= bytes.len() {
        let mut digits = digits_in(bytes[at..at + CHUNK].try_into().expect("a chunk"));
        while digits != 0 {
            put_digit(out, at + digits.trailing_zeros() as usize);
            digits &= digits - 1;
        }
        at += CHUNK;
    }
    if at < bytes.len() {
        // The last bytes short of a chunk take one test too, not one a byte (a
        // tenth of this function's cost): the text's last chunk, less the bytes
        // already looked at, or all of a shorter text after zeros (no digit).
        let last: [u8; CHUNK] = match bytes.len().checked_sub(CHUNK) {
            Some(start) => bytes[start..].try_into().expect("a chunk"),
            None => {
                let mut zeros = [0; CHUNK];
                zeros[CHUNK - bytes.len()..].copy_from_slice(bytes);
                zeros
            }
        };
        let seen = at + CHUNK - bytes.len();
        let mut digits = digits_in(&last) >> seen << seen;
        while digits != 0 {
            put_digit(out, bytes.len() + digits.trailing_zeros() as usize - CHUNK);
            digits &= digits - 1;
        }
    }
    out.push_str(&text[copied..]);
}

/// Bit k set where `chunk[k]` is an ASCII digit: sixteen bytes at once with
/// SSE2 where the target has it (every x86-64 processor does), else one by one.
#[cfg(target_feature = "sse2")]
fn ascii_digits_in(chunk: &[u8; 16]) -> u32 {
    // SAFETY: the function needs only SSE2, which this build's target has.
    unsafe { ascii_digits_sse2(chunk) }
}

#[cfg(not(target_feature = "sse2"))]
fn ascii_digits_in(chunk: &[u8; 16]) -> u32 {
    chunk
        .iter()
        .enumerate()
        .fold(0, |mask, (k, b)| mask | u32::from(b.is_ascii_digit()) << k)
}

#[cfg(target_feature = "sse2")]
#[target_feature(enable = "sse2")]
fn ascii_digits_sse2(chunk: &[u8; 16]) -> u32 {
    #[cfg(target_arch = "x86")]
    use std::arch::x86::{
        _mm_cmpeq_epi8, _mm_min_epu8, _mm_movemask_epi8, _mm_set1_epi8, _mm_set_epi64x,
        _mm_sub_epi8,
    };
    #[cfg(target_arch = "x86_64")]
    use std::arch::x86_64::{
        _mm_cmpeq_epi8, _mm_min_epu8, _mm_movemask_epi8, _mm_set1_epi8, _mm_set_epi64x,
        _mm_sub_epi8,
    };
    let low = i64::from_le_bytes(chunk[..8].try_into().expect("8 bytes"));
    let high = i64::from_le_bytes(chunk[8..].try_into().expect("8 bytes"));
    let bytes = _mm_set_epi64x(high, low);
    // A byte less b'0' is at most 9 (unsigned) exactly where it is a digit.
    let offset = _mm_sub_epi8(bytes, _mm_set1_epi8(b'0' as i8));
    let digit = _mm_cmpeq_epi8(_mm_min_epu8(offset, _mm_set1_epi8(9)), offset);
    _mm_movemask_epi8(digit) as u32
}

/// ๐ to ๙ as text, by the ASCII digit's value.
const THAI_DIGITS: [&str; 10] = ["๐", "๑", "๒", "๓", "๔", "๕", "๖", "๗", "๘", "๙"];

/// Makes Thai text comparable and printable: sara am typed as nikhahit + sara aa
/// (U+0E4D U+0E32) becomes U+0E33, invisible characters go, and runs of white
/// space (NBSP and line breaks included) fold to one space.
/// `text` cut to `shown` characters with a mark, for quoting what a user typed in
/// a message: a cell may hold 100,000 characters.
pub fn excerpt(text: &str, shown: usize) -> String {
    match text.char_indices().nth(shown) {
        None => text.to_string(),
        Some((cut, _)) => format!("{}… ({} ตัวอักษร)", &text[..cut], text.chars().count()),
    }
}

pub fn clean_text(text: &str) -> String {
    // Sara am typed as nikhahit and sara aa, joined; a text without nikhahit
    // (nearly all) skips the replace's searcher and copy.
    let joined = if text.contains('\u{0E4D}') {
        Cow::Owned(text.replace("\u{0E4D}\u{0E32}", "\u{0E33}"))
    } else {
        Cow::Borrowed(text)
    };
    let mut out = String::with_capacity(joined.len());
    let mut pending_space = false;
    for c in joined.chars() {
        if is_invisible(c) {
            continue;
        }
        if c.is_whitespace() {
            pending_space = !out.is_empty();
            continue;
        }
        if pending_space {
            out.push(' ');
            pending_space = false;
        }
        out.push(c);
    }
    out
}

/// Characters that show nothing, steer the direction of text, or are control
/// codes XML cannot carry: none belongs in a unit's name or a score.
fn is_invisible(c: char) -> bool {
    matches!(
        c,
        '\u{200B}'..='\u{200F}' | '\u{202A}'..='\u{202E}' | '\u{2060}'..='\u{2069}' | '\u{FEFF}'
    ) || (c.is_control() && !c.is_whitespace())
}

pub const MONTHS_FULL: [&str; 12] = [
    "มกราคม",
    "กุมภาพันธ์",
    "มีนาคม",
    "เมษายน",
    "พฤษภาคม",
    "มิถุนายน",
    "กรกฎาคม",
    "สิงหาคม",
    "กันยายน",
    "ตุลาคม",
    "พฤศจิกายน",
    "ธันวาคม",
];

pub const MONTHS_SHORT: [&str; 12] = [
    "ม.ค.",
    "ก.พ.",
    "มี.ค.",
    "เม.ย.",
    "พ.ค.",
    "มิ.ย.",
    "ก.ค.",
    "ส.ค.",
    "ก.ย.",
    "ต.ค.",
    "พ.ย.",
    "ธ.ค.",
];

/// A calendar date (Gregorian month and day, C.E. year) as the official memo form
/// writes it: day, full month name, Buddhist-era year, in Thai digits
/// ("๑๗ มีนาคม ๒๕๖๖").
pub fn thai_date(year_ce: i32, month: u32, day: u32) -> String {
    let month_name = MONTHS_FULL[(month.clamp(1, 12) - 1) as usize];
    let year_be = crate::fiscal::ce_to_be(year_ce);
    to_thai_digits(&format!("{day} {month_name} {year_be}"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_excerpt_keeps_short_text_and_cuts_long_text_at_a_character() {
        assert_eq!(excerpt("ก็", 40), "ก็");
        assert_eq!(excerpt("กขคง", 2), "กข… (4 ตัวอักษร)");
    }

    #[test]
    fn thai_digits_both_ways() {
        assert_eq!(to_arabic_digits("๘๘.๕๙"), "88.59");
        assert_eq!(
            to_arabic_digits("ปีงบประมาณ พ.ศ. ๒๕๖๕"),
            "ปีงบประมาณ พ.ศ. 2565"
        );
        assert_eq!(to_thai_digits("87.15"), "๘๗.๑๕");
        assert_eq!(to_thai_digits("ข้อ O42"), "ข้อ O๔๒");
        for s in ["0123456789", "100", "ตัวชี้วัดที่ 10"] {
            assert_eq!(to_arabic_digits(&to_thai_digits(s)), s);
        }
    }

    #[test]
    fn thai_digits_are_those_of_a_character_by_character_mapping() {
        let by_character = |text: &str| -> String {
            text.chars()
                .map(|c| match c {
                    '0'..='9' => char::from_u32(THAI_ZERO + (c as u32 - '0' as u32)).unwrap(),
                    c => c,
                })
                .collect()
        };
        // Texts across several 32-byte chunks, digits at every place, from a fixed
        // sequence (a linear congruential one: the model crate takes no rng).
        let alphabet = [
            'ก', 'ำ', '๙', '0', '5', '9', '.', ' ', 'a', '/', ':', '\u{7f}', 'ะ',
        ];
        let mut state: u64 = 2566;
        for length in 0..300 {
            let text: String = (0..length)
                .map(|_| {
                    state = state.wrapping_mul(6364136223846793005).wrapping_add(1);
                    alphabet[(state >> 33) as usize % alphabet.len()]
                })
                .collect();
            assert_eq!(to_thai_digits(&text), by_character(&text), "{text:?}");
            // 16 bytes a test too, where the processor takes 32.
            let mut by_sixteen = String::new();
            thai_digits_by(&mut by_sixteen, &text, ascii_digits_in);
            assert_eq!(by_sixteen, by_character(&text), "{text:?}");
            // In two pieces onto what is already there, cut at any character.
            let cut = text
                .char_indices()
                .nth((state >> 40) as usize % (length + 1))
                .map_or(text.len(), |(at, _)| at);
            let mut pieces = String::from("ก1");
            push_thai_digits(&mut pieces, &text[..cut]);
            push_thai_digits(&mut pieces, &text[cut..]);
            assert_eq!(pieces, ["ก1", &by_character(&text)].concat(), "{text:?}");
            let mut arabic = String::from("๑");
            push_arabic_digits(&mut arabic, &pieces[..4]);
            push_arabic_digits(&mut arabic, &pieces[4..]);
            assert_eq!(
                arabic,
                ["๑", &to_arabic_digits(&pieces)].concat(),
                "{text:?}"
            );
        }
    }

    #[test]
    fn clean_text_joins_sara_am_and_folds_space() {
        let typed = "อ\u{0E4D}\u{0E32}เภอ\u{00A0}\u{00A0}พะโต๊ะ\u{200B}\n";
        assert_eq!(clean_text(typed), "อำเภอ พะโต๊ะ");
        assert_eq!(clean_text("  ตัวชี้วัด\r\nที่ 1 "), "ตัวชี้วัด ที่ 1");
    }

    #[test]
    fn clean_text_drops_controls_and_direction_marks() {
        assert_eq!(clean_text("ก\u{0}ข\u{1}ค\u{200F}ง\u{202E}จ\u{7F}"), "กขคงจ");
        assert_eq!(clean_text("a\tb\nc"), "a b c");
    }

    #[test]
    fn thai_dates() {
        assert_eq!(thai_date(2023, 3, 17), "๑๗ มีนาคม ๒๕๖๖");
        assert_eq!(thai_date(2026, 11, 25), "๒๕ พฤศจิกายน ๒๕๖๙");
        assert_eq!(thai_date(2024, 1, 1), "๑ มกราคม ๒๕๖๗");
    }
}
