//! A score on the 0-100 scale, held in hundredths so that comparisons are exact at
//! the two decimals the assessment publishes.

use std::fmt;

/// Zero by default.
#[derive(
    Clone,
    Copy,
    Debug,
    Default,
    PartialEq,
    Eq,
    PartialOrd,
    Ord,
    Hash,
    serde::Serialize,
    serde::Deserialize,
)]
pub struct Score(u32);

impl Score {
    pub const FULL: Score = Score(10_000);
    /// The pass mark nationally: 85.
    pub const PASS_MARK: Score = Score(8_500);

    /// Rounds to two decimals; `None` for a value outside 0-100 or not a number.
    pub fn from_points(points: f64) -> Option<Score> {
        if !points.is_finite() {
            return None;
        }
        let hundredths = (points * 100.0).round();
        (0.0..=10_000.0)
            .contains(&hundredths)
            .then_some(Score(hundredths as u32))
    }

    pub fn from_hundredths(hundredths: u32) -> Option<Score> {
        (hundredths <= 10_000).then_some(Score(hundredths))
    }

    pub const fn hundredths(self) -> u32 {
        self.0
    }

    pub fn points(self) -> f64 {
        f64::from(self.0) / 100.0
    }

    /// The score as `Display` writes it, spelled into `text` rather than a new
    /// string: a memo says some hundred scores, each a string made, copied
    /// into its line and freed.
    pub fn spelled(self, text: &mut [u8; 16]) -> &str {
        if self == Score::FULL {
            "100"
        } else {
            two_decimals(self.0, text)
        }
    }
}

/// Two decimals always ("96.00", "77.80"), except a full score, written "100".
impl fmt::Display for Score {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.spelled(&mut [0; 16]))
    }
}

/// `hundredths` as points with two decimals ("87.15", "0.46"), spelled into
/// `text` (a memo writes some three hundred scores: without core::fmt's
/// machinery, which took more than the rest of the memo's figures).
fn two_decimals(hundredths: u32, text: &mut [u8; 16]) -> &str {
    let mut at = text.len();
    let mut put = |digit: u32| {
        at -= 1;
        text[at] = b'0' + digit as u8;
    };
    put(hundredths % 10);
    put(hundredths / 10 % 10);
    at -= 1;
    text[at] = b'.';
    let mut whole = hundredths / 100;
    loop {
        at -= 1;
        text[at] = b'0' + (whole % 10) as u8;
        whole /= 10;
        if whole == 0 {
            break;
        }
    }
    let spelled = &text[at..];
    debug_assert!(spelled.is_ascii());
    // SAFETY: every byte from `at` on was written above, an ASCII digit or a
    // point. (Checked by `from_utf8`, some 80 instructions a score: 0.01
    // million a memo.)
    unsafe { std::str::from_utf8_unchecked(spelled) }
}

/// A difference between two scores, in hundredths (negative: decreased).
#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Delta(pub i32);

impl Delta {
    pub fn between(previous: Score, current: Score) -> Delta {
        Delta(current.0 as i32 - previous.0 as i32)
    }

    /// The amount without sign, two decimals ("1.38").
    pub fn magnitude_text(self) -> String {
        self.magnitude_spelled(&mut [0; 16]).to_string()
    }

    /// `magnitude_text` spelled into `text`, not a new string.
    pub fn magnitude_spelled(self, text: &mut [u8; 16]) -> &str {
        two_decimals(self.0.unsigned_abs(), text)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rounds_to_two_decimals_and_rejects_out_of_range() {
        assert_eq!(Score::from_points(87.154).unwrap().to_string(), "87.15");
        assert_eq!(Score::from_points(77.8).unwrap().to_string(), "77.80");
        assert_eq!(Score::from_points(96.0).unwrap().to_string(), "96.00");
        assert_eq!(Score::from_points(100.0).unwrap().to_string(), "100");
        assert_eq!(Score::from_points(0.0).unwrap().to_string(), "0.00");
        assert_eq!(Score::from_points(100.01), None);
        assert_eq!(Score::from_points(-0.5), None);
        assert_eq!(Score::from_points(f64::NAN), None);
    }

    /// Every score and amount spelled as `format!` spells it.
    #[test]
    fn two_decimals_as_format_gives_them() {
        for n in (0..=20_000).chain([99_999, 1_000_000, u32::MAX]) {
            assert_eq!(
                two_decimals(n, &mut [0; 16]),
                format!("{}.{:02}", n / 100, n % 100)
            );
        }
        for n in 0..10_000 {
            let score = Score::from_hundredths(n).unwrap();
            assert_eq!(score.to_string(), format!("{}.{:02}", n / 100, n % 100));
            assert_eq!(
                score.spelled(&mut [0; 16]),
                format!("{}.{:02}", n / 100, n % 100)
            );
            assert_eq!(
                format!("({score})"),
                format!("({}.{:02})", n / 100, n % 100)
            );
        }
        assert_eq!(Score::FULL.spelled(&mut [0; 16]), "100");
        assert_eq!(Delta(-138).magnitude_text(), "1.38");
        assert_eq!(Delta(-138).magnitude_spelled(&mut [0; 16]), "1.38");
        assert_eq!(Delta(i32::MIN).magnitude_text(), "21474836.48");
    }

    #[test]
    fn delta_between_years() {
        let d = Delta::between(
            Score::from_points(88.53).unwrap(),
            Score::from_points(87.15).unwrap(),
        );
        assert_eq!(d, Delta(-138));
        assert_eq!(d.magnitude_text(), "1.38");
    }
}
