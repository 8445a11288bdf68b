//! Section 1's chart: the indicators' scores, the previous year's and the
//! current year's side by side, as a native DOCX chart part (DrawingML), which
//! Word can edit and LibreOffice draws. The values are written into the part
//! itself (literal data), so the chart needs no embedded workbook; the same
//! findings always give the same bytes.

use std::fmt::Write;

use itamemo_model::Findings;

use crate::kit::Kit;
use crate::words::be_year;

/// The chart's part in the package, and the relationship the body names it by.
pub const CHART_PATH: &str = "word/charts/chart1.xml";
pub const CHART_REL_ID: &str = "rIdChart1";
pub const CHART_CONTENT_TYPE: &str =
    "application/vnd.openxmlformats-officedocument.drawingml.chart+xml";
pub const CHART_REL_TYPE: &str =
    "http://schemas.openxmlformats.org/officeDocument/2006/relationships/chart";

/// The chart's size on the page, in EMU: the text width (16 cm) by 7.5 cm.
const WIDTH_EMU: u64 = 5_760_000;
const HEIGHT_EMU: u64 = 2_700_000;

/// Thai digits on the axis and the data (Excel's and Word's number-format code
/// for Thai digits in the Thai locale).
const THAI_DIGITS_FORMAT: &str = "[$-D07041E]0";

const FONT: &str = crate::FONT;

/// The chart part (word/charts/chart1.xml).
pub fn chart_part(kit: &Kit, f: &Findings) -> Vec<u8> {
    let mut series: Vec<(String, Vec<f64>)> = Vec::new();
    if let Some(previous) = &f.previous {
        let values = f
            .indicators
            .iter()
            .map(|i| i.previous.map_or(0.0, |s| s.points()))
            .collect();
        series.push((kit.text(&be_year(previous.year)), values));
    }
    series.push((
        kit.text(&be_year(f.current.year)),
        f.indicators.iter().map(|i| i.current.points()).collect(),
    ));
    let categories: Vec<String> = f
        .indicators
        .iter()
        .map(|i| kit.text(&i.number.to_string()))
        .collect();
    let number_format = match kit.digits {
        crate::Digits::Thai => THAI_DIGITS_FORMAT,
        crate::Digits::Arabic => "0",
    };

    let mut xml = String::with_capacity(8 * 1024);
    xml.push_str(concat!(
        r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>"#,
        r#"<c:chartSpace xmlns:c="http://schemas.openxmlformats.org/drawingml/2006/chart" "#,
        r#"xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" "#,
        r#"xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">"#,
        r#"<c:roundedCorners val="0"/><c:chart><c:autoTitleDeleted val="1"/><c:plotArea><c:layout/>"#,
        r#"<c:barChart><c:barDir val="col"/><c:grouping val="clustered"/><c:varyColors val="0"/>"#,
    ));
    // Grey for the year before, dark blue for the year analysed: both print
    // apart in black and white.
    let colours = if series.len() == 2 {
        ["A6A6A6", "1F4E79"].as_slice()
    } else {
        ["1F4E79"].as_slice()
    };
    for (k, ((name, values), colour)) in series.iter().zip(colours).enumerate() {
        let _ = write!(
            xml,
            r#"<c:ser><c:idx val="{k}"/><c:order val="{k}"/><c:tx><c:v>{}</c:v></c:tx>"#,
            escape(name)
        );
        let _ = write!(
            xml,
            r#"<c:spPr><a:solidFill><a:srgbClr val="{colour}"/></a:solidFill></c:spPr><c:invertIfNegative val="0"/>"#
        );
        xml.push_str("<c:cat><c:strLit>");
        let _ = write!(xml, r#"<c:ptCount val="{}"/>"#, categories.len());
        for (i, category) in categories.iter().enumerate() {
            let _ = write!(
                xml,
                r#"<c:pt idx="{i}"><c:v>{}</c:v></c:pt>"#,
                escape(category)
            );
        }
        xml.push_str("</c:strLit></c:cat><c:val><c:numLit>");
        let _ = write!(
            xml,
            r#"<c:formatCode>{}</c:formatCode><c:ptCount val="{}"/>"#,
            escape(number_format),
            values.len()
        );
        for (i, value) in values.iter().enumerate() {
            let _ = write!(xml, r#"<c:pt idx="{i}"><c:v>{value:.2}</c:v></c:pt>"#);
        }
        xml.push_str("</c:numLit></c:val></c:ser>");
    }
    xml.push_str(r#"<c:gapWidth val="80"/><c:axId val="1001"/><c:axId val="1002"/></c:barChart>"#);
    xml.push_str(concat!(
        r#"<c:catAx><c:axId val="1001"/><c:scaling><c:orientation val="minMax"/></c:scaling>"#,
        r#"<c:delete val="0"/><c:axPos val="b"/><c:numFmt formatCode="General" sourceLinked="0"/>"#,
        r#"<c:tickLblPos val="nextTo"/><c:crossAx val="1002"/><c:crosses val="autoZero"/>"#,
        r#"<c:auto val="1"/><c:lblAlgn val="ctr"/><c:lblOffset val="100"/></c:catAx>"#,
        r#"<c:valAx><c:axId val="1002"/><c:scaling><c:orientation val="minMax"/>"#,
        r#"<c:max val="100"/><c:min val="0"/></c:scaling><c:delete val="0"/><c:axPos val="l"/>"#,
        r#"<c:majorGridlines/>"#,
    ));
    let _ = write!(
        xml,
        r#"<c:numFmt formatCode="{}" sourceLinked="0"/>"#,
        escape(number_format)
    );
    xml.push_str(concat!(
        r#"<c:tickLblPos val="nextTo"/><c:crossAx val="1001"/><c:crosses val="autoZero"/>"#,
        r#"<c:crossBetween val="between"/><c:majorUnit val="20"/></c:valAx></c:plotArea>"#,
        r#"<c:legend><c:legendPos val="b"/><c:overlay val="0"/></c:legend>"#,
        r#"<c:plotVisOnly val="1"/><c:dispBlanksAs val="gap"/></c:chart>"#,
    ));
    // The chart's text in the memo's font, Thai script included.
    let _ = write!(
        xml,
        concat!(
            r#"<c:txPr><a:bodyPr/><a:lstStyle/><a:p><a:pPr><a:defRPr sz="1400">"#,
            r#"<a:latin typeface="{font}"/><a:cs typeface="{font}"/></a:defRPr></a:pPr>"#,
            r#"<a:endParaRPr lang="th-TH"/></a:p></c:txPr></c:chartSpace>"#
        ),
        font = FONT
    );
    xml.into_bytes()
}

/// The paragraph that places the chart, centred, in the body.
pub fn chart_paragraph(out: &mut String) {
    let _ = write!(
        out,
        concat!(
            r#"<w:p><w:pPr><w:jc w:val="center"/></w:pPr><w:r><w:drawing>"#,
            r#"<wp:inline distT="0" distB="0" distL="0" distR="0">"#,
            r#"<wp:extent cx="{cx}" cy="{cy}"/><wp:effectExtent l="0" t="0" r="0" b="0"/>"#,
            r#"<wp:docPr id="100" name="Chart 1" descr="คะแนนรายตัวชี้วัดของสองปี"/>"#,
            r#"<wp:cNvGraphicFramePr/>"#,
            r#"<a:graphic xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main">"#,
            r#"<a:graphicData uri="http://schemas.openxmlformats.org/drawingml/2006/chart">"#,
            r#"<c:chart xmlns:c="http://schemas.openxmlformats.org/drawingml/2006/chart" r:id="{id}"/>"#,
            r#"</a:graphicData></a:graphic></wp:inline></w:drawing></w:r></w:p>"#
        ),
        cx = WIDTH_EMU,
        cy = HEIGHT_EMU,
        id = CHART_REL_ID,
    );
}

fn escape(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}
