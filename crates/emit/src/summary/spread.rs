//! The chart of the spread of overall scores: how many units in each band, the
//! bands below the pass mark in another colour.

use itamemo_model::{AreaSummary, ScoreBand};

use crate::chart::{number_format, BarChart, Series};
use crate::kit::Kit;

/// Dark blue as the memos' year analysed; orange for the bands below the pass mark
/// (apart in black and white too: lighter).
const COLOUR: &str = "1F4E79";
const BELOW_PASS_COLOUR: &str = "ED7D31";

/// The chart's height on the page, in EMU (6.5 cm).
pub const HEIGHT_EMU: u64 = 2_340_000;

/// "0-59", "60-64" (60 up to below 65), ..., "95-100": short enough to stand
/// under a bar on one line.
pub fn band_label(band: &ScoreBand) -> String {
    let whole = |s: itamemo_model::Score| s.hundredths() / 100;
    match band.below {
        None => format!("{}-100", whole(band.from)),
        Some(below) => format!("{}-{}", whole(band.from), whole(below) - 1),
    }
}

pub fn chart(kit: &Kit, area: &AreaSummary) -> BarChart<'static> {
    let below_pass: Vec<(usize, &'static str)> = area
        .bands
        .iter()
        .enumerate()
        .filter(|(_, b)| b.below.is_some_and(|below| below <= area.pass_mark))
        .map(|(k, _)| (k, BELOW_PASS_COLOUR))
        .collect();
    BarChart {
        categories: area
            .bands
            .iter()
            .map(|b| kit.text(&band_label(b)))
            .collect(),
        series: vec![Series {
            name: "จำนวนหน่วยงาน".to_string(),
            values: area.bands.iter().map(|b| b.count as f64).collect(),
            colour: COLOUR,
            point_colours: below_pass,
        }],
        number_format: number_format(kit),
        max: None,
        // Counts are whole: steps of one where the reader would draw halves.
        major_unit: (area.bands.iter().map(|b| b.count).max().unwrap_or(0) <= 10).then_some(1),
        decimals: 0,
        value_labels: true,
        legend: false,
        // Nine bands under one another's labels: a size smaller than the memo's
        // chart keeps each label on one line.
        text_size: 1100,
        one_line_labels: true,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use itamemo_model::Score;

    fn band(from: u32, below: Option<u32>) -> ScoreBand {
        ScoreBand {
            from: Score::from_hundredths(from).unwrap(),
            below: below.map(|b| Score::from_hundredths(b).unwrap()),
            count: 0,
        }
    }

    #[test]
    fn bands_are_named_by_their_scores() {
        assert_eq!(band_label(&band(0, Some(6000))), "0-59");
        assert_eq!(band_label(&band(8000, Some(8500))), "80-84");
        assert_eq!(band_label(&band(9500, None)), "95-100");
    }
}
