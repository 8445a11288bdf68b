//! Properties of the normalisers, over many generated values (proptest).

use calamine::Data;
use itamemo_ingest::parse_score;
use itamemo_model::thai::{clean_text, to_arabic_digits, to_thai_digits};
use itamemo_model::Score;
use proptest::prelude::*;

proptest! {
    #[test]
    fn thai_digits_round_trip(text in "[0-9a-zก-ฮ .,%]{0,40}") {
        prop_assert_eq!(to_arabic_digits(&to_thai_digits(&text)), text.clone());
        prop_assert_eq!(to_thai_digits(&to_thai_digits(&text)), to_thai_digits(&text));
        prop_assert!(!to_thai_digits(&text).chars().any(|c| c.is_ascii_digit()));
    }

    #[test]
    fn cleaning_text_twice_changes_nothing(text in "\\PC{0,60}") {
        let once = clean_text(&text);
        prop_assert_eq!(clean_text(&once), once.clone());
        prop_assert!(!once.chars().any(|c| c.is_control()));
        prop_assert!(!once.contains("  ") && !once.starts_with(' ') && !once.ends_with(' '));
    }

    #[test]
    fn a_score_reads_back_however_it_is_typed(hundredths in 0u32..=10_000, style in 0usize..5) {
        let score = Score::from_hundredths(hundredths).unwrap();
        let plain = format!("{}.{:02}", hundredths / 100, hundredths % 100);
        let typed = match style {
            0 => plain.clone(),
            1 => to_thai_digits(&plain),
            2 => format!("'{plain}"),
            3 => format!("{plain}%"),
            _ => format!("\u{00A0}{}\u{200B}", to_thai_digits(&plain)),
        };
        let read = parse_score(&Data::String(typed.clone())).unwrap().unwrap();
        prop_assert_eq!(Score::from_points(read), Some(score), "{}", typed);
    }

    #[test]
    fn any_cell_text_is_a_score_or_a_message_never_a_panic(text in "\\PC{0,30}") {
        match parse_score(&Data::String(text)) {
            Ok(Some(points)) => prop_assert!((0.0..=100.0).contains(&points)),
            Ok(None) => {}
            Err(err) => prop_assert!(!err.to_string().is_empty()),
        }
    }
}
