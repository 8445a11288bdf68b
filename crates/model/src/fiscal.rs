//! Buddhist-era years and Thai fiscal years (ปีงบประมาณ Y runs from 1 October of
//! Y-1 to 30 September of Y).

/// The Buddhist era is the common era plus 543.
pub const BE_OFFSET: i32 = 543;

pub fn ce_to_be(year_ce: i32) -> i32 {
    year_ce + BE_OFFSET
}

/// The fiscal year (B.E.) a calendar date falls in.
pub fn fiscal_year_be(year_ce: i32, month: u32) -> i32 {
    let fiscal_ce = if month >= 10 { year_ce + 1 } else { year_ce };
    ce_to_be(fiscal_ce)
}

/// The memo written in fiscal year `memo_year` analyses the assessment of the year
/// before it ("current") against the one before that ("previous").
pub fn assessment_years(memo_year: u16) -> (u16, u16) {
    (memo_year - 1, memo_year - 2)
}

/// The memo that analyses the assessment of `year`: the one of the year after.
pub fn memo_year_analysing(year: u16) -> u16 {
    year + 1
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fiscal_year_starts_in_october() {
        assert_eq!(fiscal_year_be(2022, 9,), 2565);
        assert_eq!(fiscal_year_be(2022, 10), 2566);
        assert_eq!(fiscal_year_be(2023, 3), 2566);
        assert_eq!(fiscal_year_be(2026, 11), 2570);
    }

    #[test]
    fn memo_year_compares_the_two_years_before_it() {
        assert_eq!(assessment_years(2566), (2565, 2564));
        assert_eq!(assessment_years(memo_year_analysing(2568)).0, 2568);
        assert_eq!(ce_to_be(2023), 2566);
    }
}
