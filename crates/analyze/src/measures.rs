//! Section 4's measures: chosen from what the unit failed (its indicators that
//! need work and its items not met), with the offices of its kind of unit and
//! periods that follow the memo's date.

use itamemo_model::fiscal::BE_OFFSET;
use itamemo_model::reason::Note;
use itamemo_model::thai::MONTHS_SHORT;
use itamemo_model::{fill, ItemCode, MeasureRow};

use crate::catalog::{Catalog, Measure};
use crate::framework::Framework;

/// What the measures must answer.
pub struct Needs<'a> {
    pub weak_indicators: Vec<u8>,
    /// Items not met, with their indicator.
    pub unmet_items: Vec<(u8, ItemCode)>,
    /// The analysed year's framework, for the items' roles and labels.
    pub framework: &'a Framework,
}

impl Needs<'_> {
    fn role(&self, item: ItemCode) -> Option<&str> {
        self.framework.role_of(item)
    }
}

/// The catalog's measures the unit gets, in the catalog's order: the memo's own
/// (always), those that answer an indicator that needs work, those that name an
/// item not met by role, and, for an item no measure names, one of its indicator.
pub fn chosen<'c>(catalog: &'c Catalog, needs: &Needs) -> Vec<&'c Measure> {
    catalog
        .measures
        .iter()
        .filter(|m| m.always || answers_indicator(m, needs) || answers_an_item(catalog, m, needs))
        .collect()
}

fn answers_indicator(m: &Measure, needs: &Needs) -> bool {
    m.indicators
        .iter()
        .any(|n| needs.weak_indicators.contains(n))
}

fn answers_an_item(catalog: &Catalog, m: &Measure, needs: &Needs) -> bool {
    needs
        .unmet_items
        .iter()
        .any(|(indicator, item)| answers_item(catalog, m, *indicator, needs.role(*item)))
}

/// Whether `m` answers an item: by its role, or by its indicator where no
/// measure names the role.
fn answers_item(catalog: &Catalog, m: &Measure, indicator: u8, role: Option<&str>) -> bool {
    let named = |m: &Measure| role.is_some_and(|r| m.roles.iter().any(|x| x == r));
    if named(m) {
        return true;
    }
    !catalog.measures.iter().any(named) && m.indicators.contains(&indicator)
}

/// What the chosen measures leave unanswered (an edited catalog may): said in
/// the report, not silently skipped.
pub fn unanswered(
    catalog: &Catalog,
    chosen: &[&Measure],
    needs: &Needs,
    names: &dyn Fn(u8) -> String,
) -> Vec<Note> {
    let mut out: Vec<Note> = needs
        .weak_indicators
        .iter()
        .filter(|n| !chosen.iter().any(|m| m.indicators.contains(n)))
        .map(|n| Note::NoMeasureForIndicator {
            indicator: names(*n),
        })
        .collect();
    out.extend(
        needs
            .unmet_items
            .iter()
            .filter(|(indicator, item)| {
                !chosen
                    .iter()
                    .any(|m| answers_item(catalog, m, *indicator, needs.role(*item)))
            })
            .map(|(_, item)| Note::NoMeasureForItem {
                item: needs.framework.item_label(*item),
            }),
    );
    out
}

/// The memo year's items a measure answers: those of its roles the unit did not
/// meet (all of its roles for the memo's own measures), as the memo year's
/// framework numbers them; none where that framework is a stand-in.
pub fn answers(m: &Measure, needs: &Needs, memo: Option<&Framework>) -> Vec<String> {
    let Some(memo) = memo else {
        return Vec::new();
    };
    let unmet_roles: Vec<&str> = needs
        .unmet_items
        .iter()
        .filter_map(|(_, item)| needs.role(*item))
        .collect();
    let mut codes: Vec<ItemCode> = m
        .roles
        .iter()
        .filter(|r| m.always || unmet_roles.contains(&r.as_str()))
        .filter_map(|r| memo.item_with_role(r))
        .collect();
    codes.sort();
    codes.dedup();
    codes.into_iter().map(|c| memo.item_label(c)).collect()
}

/// A measure as the memo's table prints it, for a unit whose offices are
/// `office` (by key), in a memo of fiscal year `memo_year` dated `date` (C.E.).
pub fn row(
    m: &Measure,
    answers: Vec<String>,
    office: &dyn Fn(&str) -> String,
    memo_year: u16,
    date: (i32, u32, u32),
) -> MeasureRow {
    let (period, report) = period(date, memo_year, m.months);
    MeasureRow {
        title: m.title.clone(),
        answers,
        steps: m.steps.clone(),
        responsible: m.responsible.iter().map(|key| office(key)).collect(),
        period: vec![period, fill(&m.follow_up, &[("{report_month}", &report)])],
    }
}

/// A month counted from year 0 (C.E. year x 12 + month - 1), for arithmetic.
type MonthIndex = i32;

/// The period of a measure of `months` (0: the rest of the fiscal year) and the
/// month of its report: from the memo's month, ending by August of fiscal year
/// `memo_year` so that the report falls within it ("มี.ค.66 – พ.ค.66", "มิ.ย.66").
pub fn period(date: (i32, u32, u32), memo_year: u16, months: u8) -> (String, String) {
    let start: MonthIndex = date.0 * 12 + date.1 as i32 - 1;
    // Fiscal year M ends in September of C.E. year M - 543.
    let september = (i32::from(memo_year) - BE_OFFSET) * 12 + 8;
    let last = september - 1;
    let end = match months {
        0 => last,
        n => (start + i32::from(n) - 1).min(last),
    }
    .max(start);
    let report = (end + 1).min(september).max(end);
    // Each label written straight into its string (a memo has some twenty).
    let mut shown = String::with_capacity(48);
    push_month_label(&mut shown, start);
    if end != start {
        shown.push_str(" – ");
        push_month_label(&mut shown, end);
    }
    let mut reported = String::with_capacity(24);
    push_month_label(&mut reported, report);
    (shown, reported)
}

/// "มี.ค.66": the short month and the Buddhist-era year in two digits.
#[cfg(test)]
fn month_label(month: MonthIndex) -> String {
    let mut label = String::new();
    push_month_label(&mut label, month);
    label
}

/// `month_label` onto the end of `out`.
fn push_month_label(out: &mut String, month: MonthIndex) {
    let (year_ce, m) = (month.div_euclid(12), month.rem_euclid(12));
    let year_be = year_ce + BE_OFFSET;
    out.push_str(MONTHS_SHORT[m as usize]);
    if year_be < 0 {
        // No such date comes from a memo; kept as format! spelled it.
        out.push_str(&format!("{:02}", year_be % 100));
        return;
    }
    // Two digits of the year, spelled without core::fmt.
    let year = (year_be % 100) as u8;
    out.push(char::from(b'0' + year / 10));
    out.push(char::from(b'0' + year % 10));
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every month of a wide span of years, as `format!` spelled it.
    #[test]
    fn month_labels_are_spelled_as_format_spells_them() {
        let months: std::ops::Range<MonthIndex> = 1900 * 12..2200 * 12;
        for month in months {
            let (year_ce, m) = (month.div_euclid(12), month.rem_euclid(12));
            let year_be = year_ce + BE_OFFSET;
            assert_eq!(
                month_label(month),
                format!("{}{:02}", MONTHS_SHORT[m as usize], year_be % 100)
            );
        }
    }

    #[test]
    fn periods_start_at_the_memo_and_end_within_its_fiscal_year() {
        // The reference: dated 17 March 2566 (2023), fiscal 2566 ends September 2023.
        assert_eq!(
            period((2023, 3, 17), 2566, 3),
            ("มี.ค.66 – พ.ค.66".to_string(), "มิ.ย.66".to_string())
        );
        assert_eq!(
            period((2023, 3, 17), 2566, 0),
            ("มี.ค.66 – ส.ค.66".to_string(), "ก.ย.66".to_string())
        );
        assert_eq!(
            period((2023, 3, 17), 2566, 12),
            ("มี.ค.66 – ส.ค.66".to_string(), "ก.ย.66".to_string()),
            "cut at August"
        );
        // A memo dated in October, at the start of its fiscal year.
        assert_eq!(
            period((2025, 10, 1), 2569, 2),
            ("ต.ค.68 – พ.ย.68".to_string(), "ธ.ค.68".to_string())
        );
        // Dated in September: one month, reported within it.
        assert_eq!(
            period((2023, 9, 20), 2566, 6),
            ("ก.ย.66".to_string(), "ก.ย.66".to_string())
        );
    }
}
