//! A score on the 0-100 scale, held in hundredths so that comparisons are exact at
//! the two decimals the assessment publishes.

use std::fmt;

/// Zero by default.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash)]
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
}

/// Two decimals always ("96.00", "77.80"), except a full score, written "100".
impl fmt::Display for Score {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if *self == Score::FULL {
            write!(f, "100")
        } else {
            write!(f, "{}.{:02}", self.0 / 100, self.0 % 100)
        }
    }
}

/// A difference between two scores, in hundredths (negative: decreased).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Delta(pub i32);

impl Delta {
    pub fn between(previous: Score, current: Score) -> Delta {
        Delta(current.0 as i32 - previous.0 as i32)
    }

    /// The amount without sign, two decimals ("1.38").
    pub fn magnitude_text(self) -> String {
        let v = self.0.unsigned_abs();
        format!("{}.{:02}", v / 100, v % 100)
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
