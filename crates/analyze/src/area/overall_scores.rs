//! The overall scores of an area's units with a memo, counted by score: the
//! mean, the highest, the lowest, the median and the bands come from the
//! counts, in room that does not grow with the units (a score is one of 10,001
//! hundredths). Held as a list, sorted for the median, they were 4 bytes a
//! unit (issue 16, "memory flat in the number of units").

use itamemo_model::Score;

/// How many units have each overall score, by its hundredths.
pub(super) struct OverallScores {
    counts: Vec<u32>,
    units: u64,
    sum: u64,
}

const HUNDREDTHS: usize = 10_000;

impl OverallScores {
    pub(super) fn new() -> OverallScores {
        OverallScores {
            counts: vec![0; HUNDREDTHS + 1],
            units: 0,
            sum: 0,
        }
    }

    pub(super) fn add(&mut self, score: Score) {
        let at = (score.hundredths() as usize).min(HUNDREDTHS);
        self.counts[at] += 1;
        self.units += 1;
        self.sum += u64::from(score.hundredths());
    }

    pub(super) fn len(&self) -> usize {
        self.units as usize
    }

    /// The mean at two decimals, half up (`None`: no score).
    pub(super) fn mean(&self) -> Option<Score> {
        (self.units > 0).then(|| super::half_up(self.sum, self.units))
    }

    pub(super) fn highest(&self) -> Option<Score> {
        let at = self.counts.iter().rposition(|&n| n > 0)?;
        Some(score(at))
    }

    pub(super) fn lowest(&self) -> Option<Score> {
        let at = self.counts.iter().position(|&n| n > 0)?;
        Some(score(at))
    }

    /// The middle score (the mean of the two middle ones, half up).
    pub(super) fn median(&self) -> Option<Score> {
        let n = self.units;
        match n {
            0 => None,
            _ if n % 2 == 1 => Some(self.nth(n / 2)),
            _ => Some(super::half_up(
                u64::from(self.nth(n / 2 - 1).hundredths())
                    + u64::from(self.nth(n / 2).hundredths()),
                2,
            )),
        }
    }

    /// How many units scored from `from` up to below `below` (`None`: up to 100).
    pub(super) fn between(&self, from: Score, below: Option<Score>) -> usize {
        let from = from.hundredths() as usize;
        let below = below.map_or(HUNDREDTHS + 1, |b| b.hundredths() as usize);
        self.counts[from.min(below)..below]
            .iter()
            .map(|&n| n as usize)
            .sum()
    }

    /// The `k`th score from the lowest (from 0), as the sorted list had it.
    fn nth(&self, k: u64) -> Score {
        let mut seen = 0u64;
        for (at, &n) in self.counts.iter().enumerate() {
            seen += u64::from(n);
            if seen > k {
                return score(at);
            }
        }
        unreachable!("k is below the number of scores")
    }
}

fn score(hundredths: usize) -> Score {
    Score::from_hundredths(hundredths as u32).expect("a count's place is a score")
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The counts give what the sorted list gave: generated lists of scores,
    /// few and many, clustered and spread, odd and even.
    #[test]
    fn counts_give_what_the_sorted_scores_gave() {
        let mut rng = fastrand::Rng::with_seed(2566);
        for round in 0..3_000 {
            let n = match round % 4 {
                0 => rng.usize(0..4),
                _ => rng.usize(0..600),
            };
            let low = rng.u32(0..=10_000);
            let high = rng.u32(low..=10_000);
            let mut scores: Vec<Score> = (0..n)
                .map(|_| Score::from_hundredths(rng.u32(low..=high)).unwrap())
                .collect();
            let mut counted = OverallScores::new();
            for &s in &scores {
                counted.add(s);
            }
            scores.sort();
            let at = format!("round {round}, {n} scores in {low}-{high}");
            assert_eq!(counted.len(), n, "{at}");
            assert_eq!(
                counted.mean(),
                super::super::mean(scores.iter().copied()),
                "{at}"
            );
            assert_eq!(counted.median(), super::super::median(&scores), "{at}");
            assert_eq!(counted.highest(), scores.last().copied(), "{at}");
            assert_eq!(counted.lowest(), scores.first().copied(), "{at}");
            for _ in 0..5 {
                let from = Score::from_hundredths(rng.u32(0..=10_000)).unwrap();
                let below = rng
                    .bool()
                    .then(|| Score::from_hundredths(rng.u32(0..=10_000)).unwrap());
                let listed = scores
                    .iter()
                    .filter(|&&s| s >= from && below.is_none_or(|b| s < b))
                    .count();
                assert_eq!(
                    counted.between(from, below),
                    listed,
                    "{at}, {from:?}-{below:?}"
                );
            }
        }
    }
}
