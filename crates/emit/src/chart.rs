//! Section 1's chart: the indicators' scores, the previous year's and the
//! current year's side by side, as a native DOCX chart part (DrawingML), which
//! Word can edit and LibreOffice draws. The values are written into the part
//! itself (literal data), so the chart needs no embedded workbook; the same
//! findings always give the same bytes.

use std::fmt::Write;

use itamemo_model::Findings;

use crate::kit::Kit;
use crate::words::{be_year, push_all};

/// The chart's part in the package, and the relationship the body names it by.
pub const CHART_PATH: &str = "word/charts/chart1.xml";
pub const CHART_REL_ID: &str = "rIdChart1";
pub const CHART_CONTENT_TYPE: &str =
    "application/vnd.openxmlformats-officedocument.drawingml.chart+xml";
pub const CHART_REL_TYPE: &str =
    "http://schemas.openxmlformats.org/officeDocument/2006/relationships/chart";

/// The chart's size on the page, in EMU: the text width (16 cm) by 7.5 cm.
const WIDTH_EMU: u64 = 5_760_000;
pub const HEIGHT_EMU: u64 = 2_700_000;

/// Thai digits on the axis and the data (Excel's and Word's number-format code
/// for Thai digits in the Thai locale).
const THAI_DIGITS_FORMAT: &str = "[$-D07041E]0";

const FONT: &str = crate::FONT;

/// A column chart: categories along the bottom, one bar per series in each.
pub struct BarChart<'a> {
    pub categories: Vec<String>,
    pub series: Vec<Series>,
    /// The value axis's number format (Thai or Arabic digits).
    pub number_format: &'a str,
    /// The value axis's top and step; `None`: the reader's own.
    pub max: Option<u32>,
    pub major_unit: Option<u32>,
    /// Decimals of the values written into the part.
    pub decimals: usize,
    /// Each bar labelled with its value.
    pub value_labels: bool,
    pub legend: bool,
    /// The chart's text size in hundredths of a point.
    pub text_size: u32,
    /// Category labels kept on one line (LibreOffice otherwise wraps them
    /// where nine or more share the width).
    pub one_line_labels: bool,
}

pub struct Series {
    pub name: String,
    pub values: Vec<f64>,
    pub colour: &'static str,
    /// Bars of another colour than the series', by position.
    pub point_colours: Vec<(usize, &'static str)>,
}

/// The value axis's format for the run's digits.
pub fn number_format(kit: &Kit) -> &'static str {
    match kit.digits {
        crate::Digits::Thai => THAI_DIGITS_FORMAT,
        crate::Digits::Arabic => "0",
    }
}

/// The chart part (word/charts/chart1.xml).
pub fn chart_part(kit: &Kit, f: &Findings) -> Vec<u8> {
    let mut series: Vec<Series> = Vec::new();
    // Grey for the year before, dark blue for the year analysed: both print
    // apart in black and white.
    if let Some(previous) = &f.previous {
        let values = f
            .indicators
            .iter()
            .map(|i| i.previous.map_or(0.0, |s| s.points()))
            .collect();
        series.push(Series {
            name: kit.text(&be_year(previous.year)),
            values,
            colour: "A6A6A6",
            point_colours: Vec::new(),
        });
    }
    series.push(Series {
        name: kit.text(&be_year(f.current.year)),
        values: f.indicators.iter().map(|i| i.current.points()).collect(),
        colour: "1F4E79",
        point_colours: Vec::new(),
    });
    let categories: Vec<String> = f
        .indicators
        .iter()
        .map(|i| kit.text(itoa::Buffer::new().format(i.number)))
        .collect();
    bar_chart_part(&BarChart {
        categories,
        series,
        number_format: number_format(kit),
        max: Some(100),
        major_unit: Some(20),
        decimals: 2,
        value_labels: false,
        legend: true,
        text_size: 1400,
        one_line_labels: false,
    })
}

/// A chart part holding `chart`, its values written into it.
pub fn bar_chart_part(chart: &BarChart) -> Vec<u8> {
    let mut xml = String::with_capacity(8 * 1024);
    xml.push_str(concat!(
        r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>"#,
        r#"<c:chartSpace xmlns:c="http://schemas.openxmlformats.org/drawingml/2006/chart" "#,
        r#"xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" "#,
        r#"xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">"#,
        r#"<c:roundedCorners val="0"/><c:chart><c:autoTitleDeleted val="1"/><c:plotArea><c:layout/>"#,
        r#"<c:barChart><c:barDir val="col"/><c:grouping val="clustered"/><c:varyColors val="0"/>"#,
    ));
    // Written piece by piece, numbers through itoa: core::fmt's machinery
    // was some five thousand instructions a memo here.
    let fill = |xml: &mut String, colour: &str| {
        push_all(
            xml,
            &[
                r#"<c:spPr><a:solidFill><a:srgbClr val=""#,
                colour,
                r#""/></a:solidFill></c:spPr>"#,
            ],
        );
    };
    for (k, series) in chart.series.iter().enumerate() {
        let mut index = itoa::Buffer::new();
        let index = index.format(k);
        push_all(
            &mut xml,
            &[
                r#"<c:ser><c:idx val=""#,
                index,
                r#""/><c:order val=""#,
                index,
                r#""/><c:tx><c:v>"#,
                &escape(&series.name),
                "</c:v></c:tx>",
            ],
        );
        fill(&mut xml, series.colour);
        xml.push_str(r#"<c:invertIfNegative val="0"/>"#);
        for (point, colour) in &series.point_colours {
            push_all(
                &mut xml,
                &[
                    r#"<c:dPt><c:idx val=""#,
                    itoa::Buffer::new().format(*point),
                    r#""/><c:invertIfNegative val="0"/><c:bubble3D val="0"/>"#,
                ],
            );
            fill(&mut xml, colour);
            xml.push_str("</c:dPt>");
        }
        if chart.value_labels {
            let _ = write!(
                xml,
                concat!(
                    r#"<c:dLbls><c:numFmt formatCode="{}" sourceLinked="0"/><c:spPr><a:noFill/><a:ln><a:noFill/></a:ln></c:spPr>"#,
                    r#"<c:dLblPos val="outEnd"/><c:showLegendKey val="0"/><c:showVal val="1"/>"#,
                    r#"<c:showCatName val="0"/><c:showSerName val="0"/><c:showPercent val="0"/>"#,
                    r#"<c:showBubbleSize val="0"/></c:dLbls>"#
                ),
                escape(chart.number_format)
            );
        }
        xml.push_str("<c:cat><c:strLit>");
        push_all(
            &mut xml,
            &[
                r#"<c:ptCount val=""#,
                itoa::Buffer::new().format(chart.categories.len()),
                r#""/>"#,
            ],
        );
        for (i, category) in chart.categories.iter().enumerate() {
            push_point_start(&mut xml, i);
            xml.push_str(&escape(category));
            xml.push_str("</c:v></c:pt>");
        }
        xml.push_str("</c:strLit></c:cat><c:val><c:numLit>");
        push_all(
            &mut xml,
            &[
                "<c:formatCode>",
                &escape(chart.number_format),
                r#"</c:formatCode><c:ptCount val=""#,
                itoa::Buffer::new().format(series.values.len()),
                r#""/>"#,
            ],
        );
        for (i, value) in series.values.iter().enumerate() {
            push_point_start(&mut xml, i);
            push_value(&mut xml, *value, chart.decimals);
            xml.push_str("</c:v></c:pt>");
        }
        xml.push_str("</c:numLit></c:val></c:ser>");
    }
    xml.push_str(r#"<c:gapWidth val="80"/><c:axId val="1001"/><c:axId val="1002"/></c:barChart>"#);
    xml.push_str(concat!(
        r#"<c:catAx><c:axId val="1001"/><c:scaling><c:orientation val="minMax"/></c:scaling>"#,
        r#"<c:delete val="0"/><c:axPos val="b"/><c:numFmt formatCode="General" sourceLinked="0"/>"#,
        r#"<c:tickLblPos val="nextTo"/>"#,
    ));
    if chart.one_line_labels {
        let _ = write!(
            xml,
            concat!(
                r#"<c:txPr><a:bodyPr rot="0" vert="horz" wrap="none"/><a:lstStyle/><a:p><a:pPr>"#,
                r#"<a:defRPr sz="{size}"><a:latin typeface="{font}"/><a:cs typeface="{font}"/></a:defRPr>"#,
                r#"</a:pPr><a:endParaRPr lang="th-TH"/></a:p></c:txPr>"#
            ),
            size = chart.text_size,
            font = FONT
        );
    }
    xml.push_str(concat!(
        r#"<c:crossAx val="1002"/><c:crosses val="autoZero"/>"#,
        r#"<c:auto val="1"/><c:lblAlgn val="ctr"/><c:lblOffset val="100"/></c:catAx>"#,
        r#"<c:valAx><c:axId val="1002"/><c:scaling><c:orientation val="minMax"/>"#,
    ));
    if let Some(max) = chart.max {
        push_all(
            &mut xml,
            &[r#"<c:max val=""#, itoa::Buffer::new().format(max), r#""/>"#],
        );
    }
    xml.push_str(concat!(
        r#"<c:min val="0"/></c:scaling><c:delete val="0"/><c:axPos val="l"/>"#,
        r#"<c:majorGridlines/>"#,
    ));
    push_all(
        &mut xml,
        &[
            r#"<c:numFmt formatCode=""#,
            &escape(chart.number_format),
            r#"" sourceLinked="0"/>"#,
        ],
    );
    xml.push_str(concat!(
        r#"<c:tickLblPos val="nextTo"/><c:crossAx val="1001"/><c:crosses val="autoZero"/>"#,
        r#"<c:crossBetween val="between"/>"#,
    ));
    if let Some(unit) = chart.major_unit {
        push_all(
            &mut xml,
            &[
                r#"<c:majorUnit val=""#,
                itoa::Buffer::new().format(unit),
                r#""/>"#,
            ],
        );
    }
    xml.push_str("</c:valAx></c:plotArea>");
    if chart.legend {
        xml.push_str(r#"<c:legend><c:legendPos val="b"/><c:overlay val="0"/></c:legend>"#);
    }
    xml.push_str(r#"<c:plotVisOnly val="1"/><c:dispBlanksAs val="gap"/></c:chart>"#);
    // The chart's text in the memo's font, Thai script included.
    push_all(
        &mut xml,
        &[
            r#"<c:txPr><a:bodyPr/><a:lstStyle/><a:p><a:pPr><a:defRPr sz=""#,
            itoa::Buffer::new().format(chart.text_size),
            r#""><a:latin typeface=""#,
            FONT,
            r#""/><a:cs typeface=""#,
            FONT,
            r#""/></a:defRPr></a:pPr>"#,
            r#"<a:endParaRPr lang="th-TH"/></a:p></c:txPr></c:chartSpace>"#,
        ],
    );
    xml.into_bytes()
}

/// `<c:pt idx="i"><c:v>`: a chart has some forty points, each written without
/// core::fmt's machinery.
fn push_point_start(xml: &mut String, i: usize) {
    xml.push_str(r#"<c:pt idx=""#);
    xml.push_str(itoa::Buffer::new().format(i));
    xml.push_str(r#""><c:v>"#);
}

/// `value` with `decimals` decimals, as `{value:.decimals$}` writes it. A score
/// (hundredths as points, the double nearest them) at two decimals is its
/// hundredths spelled: `{:.2}` rounds the double's exact value, which is within
/// far less than half a hundredth of them.
fn push_value(xml: &mut String, value: f64, decimals: usize) {
    let hundredths = (value * 100.0).round();
    if decimals == 2
        && value.is_sign_positive()
        && (0.0..=1e9).contains(&hundredths)
        && hundredths / 100.0 == value
    {
        let hundredths = hundredths as u64;
        xml.push_str(itoa::Buffer::new().format(hundredths / 100));
        xml.push('.');
        xml.push(char::from(b'0' + (hundredths / 10 % 10) as u8));
        xml.push(char::from(b'0' + (hundredths % 10) as u8));
    } else {
        let _ = write!(xml, "{value:.decimals$}");
    }
}

/// What a screen reader says for the memo's chart.
pub const MEMO_CHART_DESCRIPTION: &str = "คะแนนรายตัวชี้วัดของสองปี";

/// The chart as a run of its paragraph, `descr` its text for a screen reader,
/// `height` in EMU.
pub fn described_chart_run(out: &mut String, descr: &str, height: u64) {
    push_all(
        out,
        &[
            concat!(
                r#"<w:r><w:drawing>"#,
                r#"<wp:inline distT="0" distB="0" distL="0" distR="0">"#,
                r#"<wp:extent cx=""#,
            ),
            itoa::Buffer::new().format(WIDTH_EMU),
            r#"" cy=""#,
            itoa::Buffer::new().format(height),
            concat!(
                r#""/><wp:effectExtent l="0" t="0" r="0" b="0"/>"#,
                r#"<wp:docPr id="100" name="Chart 1" descr=""#,
            ),
            &escape(descr),
            concat!(
                r#""/>"#,
                r#"<wp:cNvGraphicFramePr/>"#,
                r#"<a:graphic xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main">"#,
                r#"<a:graphicData uri="http://schemas.openxmlformats.org/drawingml/2006/chart">"#,
                r#"<c:chart xmlns:c="http://schemas.openxmlformats.org/drawingml/2006/chart" r:id=""#,
            ),
            CHART_REL_ID,
            concat!(
                r#""/>"#,
                r#"</a:graphicData></a:graphic></wp:inline></w:drawing></w:r>"#
            ),
        ],
    );
}

fn escape(text: &str) -> std::borrow::Cow<'_, str> {
    if !text.contains(['&', '<', '>', '"']) {
        // Most of a chart's text (figures, years): nothing to escape.
        return text.into();
    }
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
        .into()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Values written as `{:.2}` and `{:.N}` write them: every score, and
    /// values that are not scores (shares, halves, negatives, large).
    #[test]
    fn values_are_written_as_format_writes_them() {
        let mut rng = fastrand::Rng::with_seed(16);
        let values = (0..=10_000)
            .map(|n| f64::from(n) / 100.0)
            .chain((0..5_000).map(|_| rng.f64() * 200.0 - 50.0))
            .chain([0.125, 0.005, 2.675, -0.0, 1e12, 1e9 / 100.0, f64::NAN]);
        for value in values {
            for decimals in [0, 1, 2, 3] {
                let mut xml = String::new();
                push_value(&mut xml, value, decimals);
                assert_eq!(
                    xml,
                    format!("{value:.decimals$}"),
                    "{value:?} at {decimals}"
                );
            }
        }
    }
}
