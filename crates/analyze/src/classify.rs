//! Where each indicator stands: top strength, strength, weakness or unchanged.

use itamemo_model::{Change, Score, Standing};

/// One indicator's scores, in the framework's order.
#[derive(Clone, Copy, Debug)]
pub struct Scored {
    pub previous: Option<Score>,
    pub current: Score,
}

/// Every indicator gets exactly one standing. With a previous year: the best of
/// those that rose is the top strength (all of them on a tie; the best overall
/// where none rose); the others that rose are strengths at or above the threshold;
/// those that rose or stayed the same below it are weaknesses, and so are those
/// that fell; the rest stayed the same at or above it ("รักษาระดับ"). Without a
/// previous year the threshold alone splits them.
pub fn classify(scores: &[Scored], threshold: Score) -> Vec<Standing> {
    let changes: Vec<Option<Change>> = scores
        .iter()
        .map(|s| s.previous.map(|p| Change::between(p, s.current)))
        .collect();
    let rose = |i: usize| matches!(changes[i], Some(Change::Up(_)));
    let any_rose = (0..scores.len()).any(rose);
    let candidates = |i: usize| !any_rose || rose(i);
    let top = (0..scores.len())
        .filter(|&i| candidates(i))
        .map(|i| scores[i].current)
        .max();
    (0..scores.len())
        .map(|i| {
            let current = scores[i].current;
            if candidates(i) && Some(current) == top {
                return Standing::TopStrength;
            }
            if let Some(weak) = Standing::weakness(changes[i], current < threshold) {
                return weak;
            }
            match changes[i] {
                Some(Change::Same) => Standing::Same,
                _ => Standing::Strength,
            }
        })
        .collect()
}

/// Sample standard deviation (n - 1), as a spreadsheet's STDEV gives it.
pub fn sample_std_dev(values: &[Score]) -> Score {
    let n = values.len() as f64;
    if values.len() < 2 {
        return Score::from_hundredths(0).expect("zero is a score");
    }
    let mean = values.iter().map(|s| s.points()).sum::<f64>() / n;
    let squares: f64 = values.iter().map(|s| (s.points() - mean).powi(2)).sum();
    Score::from_points((squares / (n - 1.0)).sqrt())
        .expect("a spread of 0-100 scores is within 0-100")
}

#[cfg(test)]
mod tests {
    use super::*;
    use Standing::*;

    fn s(points: f64) -> Score {
        Score::from_points(points).unwrap()
    }

    fn pairs(values: &[(f64, f64)]) -> Vec<Scored> {
        values
            .iter()
            .map(|&(p, c)| Scored {
                previous: Some(s(p)),
                current: s(c),
            })
            .collect()
    }

    #[test]
    fn the_reference_unit_stands_as_the_spec_says() {
        let reference = pairs(&[
            (88.59, 90.14),
            (76.35, 80.06),
            (77.80, 80.70),
            (74.21, 73.75),
            (76.74, 78.93),
            (86.77, 82.59),
            (87.54, 77.33),
            (82.80, 77.41),
            (96.00, 96.00),
            (100.0, 100.0),
        ]);
        assert_eq!(
            classify(&reference, s(80.0)),
            vec![
                TopStrength,
                Strength,
                Strength,
                WeakDecreased,
                WeakBelowThreshold,
                WeakDecreased,
                WeakDecreased,
                WeakDecreased,
                Same,
                Same
            ]
        );
    }

    #[test]
    fn ties_for_the_top_strength_are_all_top() {
        let tied = pairs(&[(80.0, 91.5), (70.0, 91.5), (85.0, 88.0), (95.0, 90.0)]);
        assert_eq!(
            classify(&tied, s(80.0)),
            vec![TopStrength, TopStrength, Strength, WeakDecreased]
        );
    }

    #[test]
    fn where_nothing_rose_the_best_score_is_the_top() {
        let fell = pairs(&[(90.0, 85.0), (95.0, 92.0), (80.0, 80.0)]);
        assert_eq!(
            classify(&fell, s(80.0)),
            vec![WeakDecreased, TopStrength, Same]
        );
    }

    #[test]
    fn a_flat_score_below_the_threshold_is_a_weakness_not_kept() {
        let flat = pairs(&[(70.0, 90.0), (79.0, 79.0), (80.0, 80.0), (100.0, 100.0)]);
        assert_eq!(
            classify(&flat, s(80.0)),
            vec![TopStrength, WeakBelowThreshold, Same, Same]
        );
    }

    #[test]
    fn without_a_previous_year_the_threshold_splits() {
        let first_year: Vec<Scored> = [92.0, 80.0, 79.99, 92.0]
            .iter()
            .map(|&c| Scored {
                previous: None,
                current: s(c),
            })
            .collect();
        assert_eq!(
            classify(&first_year, s(80.0)),
            vec![TopStrength, Strength, WeakBelowThreshold, TopStrength]
        );
    }

    #[test]
    fn standard_deviation_of_the_reference_years() {
        let y2564: Vec<Score> = [
            88.59, 76.35, 77.80, 74.21, 76.74, 86.77, 87.54, 82.80, 96.0, 100.0,
        ]
        .map(s)
        .to_vec();
        let y2565: Vec<Score> = [
            90.14, 80.06, 80.70, 73.75, 78.93, 82.59, 77.33, 77.41, 96.0, 100.0,
        ]
        .map(s)
        .to_vec();
        assert_eq!(sample_std_dev(&y2564).to_string(), "8.72");
        assert_eq!(sample_std_dev(&y2565).to_string(), "8.72");
    }
}
