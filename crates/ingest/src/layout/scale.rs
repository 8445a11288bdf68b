//! Percent-formatted cells hold fractions (0.8715 shown as 87.15%). A column is
//! read as fractions only when all of it is: decided per column, never per cell.

/// True when every value of a score column lies in 0-1 and one lies strictly
/// between: the column holds fractions of 100.
pub fn is_fraction_column(values: &[f64]) -> bool {
    values.iter().all(|v| (0.0..=1.0).contains(v)) && values.iter().any(|v| *v > 0.0 && *v < 1.0)
}

/// A value that looks like a fraction in a column of points: not read, reported.
pub fn looks_like_stray_fraction(value: f64) -> bool {
    value > 0.0 && value < 1.0
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_column_is_fractions_only_when_all_of_it_is() {
        assert!(is_fraction_column(&[0.8715, 0.9014, 1.0]));
        assert!(!is_fraction_column(&[87.15, 0.9014]));
        assert!(
            !is_fraction_column(&[0.0, 1.0, 0.0]),
            "OIT-style 0/1 items are not fractions"
        );
        assert!(!is_fraction_column(&[]));
        assert!(looks_like_stray_fraction(0.87));
        assert!(!looks_like_stray_fraction(0.0));
    }
}
