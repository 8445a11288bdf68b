//! How far an .ods sheet's values reach, measured from content.xml before calamine
//! lays the sheets out in memory. One cell repeated by attribute (a formula
//! filled over a whole column, or a value pasted over a whole row) is a few bytes
//! in the file but rows x columns cells in memory: calamine refuses only past
//! 100 million (several gigabytes), far beyond what an officer's computer has.

use std::io::{BufReader, Cursor};

use itamemo_model::place::cell_name;
use itamemo_model::reason::Reason;
use quick_xml::events::{BytesStart, Event};
use quick_xml::Reader;

use crate::Limits;

/// The farthest row and column holding anything, per sheet, in sheet order.
#[derive(Debug, PartialEq)]
pub struct SheetExtent {
    pub sheet: String,
    pub last_row: u64,
    pub last_col: u64,
}

/// Refuses a file whose sheets reach past the limits, naming the sheet and the
/// farthest cell. A file that is not a readable .ods passes: calamine says why.
pub fn check(bytes: &[u8], limits: &Limits) -> Result<(), Reason> {
    let Some(extents) = measure(bytes) else {
        return Ok(());
    };
    for extent in extents {
        let (rows, cols) = (extent.last_row + 1, extent.last_col + 1);
        if rows > limits.max_rows as u64 || rows.saturating_mul(cols) > limits.max_cells {
            let far = cell_name(
                u32::try_from(extent.last_row).unwrap_or(u32::MAX),
                u32::try_from(extent.last_col).unwrap_or(u32::MAX),
            );
            return Err(Reason::SheetTooFar {
                sheet: Some(format!("ชีต \"{}\"", extent.sheet)),
                cell: far,
                rows,
                cols,
                limit_rows: limits.max_rows,
                limit_cells: limits.max_cells,
            });
        }
    }
    Ok(())
}

/// None when the bytes hold no content.xml or it is not XML to the end.
pub fn measure(bytes: &[u8]) -> Option<Vec<SheetExtent>> {
    let mut archive = zip::ZipArchive::new(Cursor::new(bytes)).ok()?;
    let content = archive.by_name("content.xml").ok()?;
    measure_content(BufReader::new(content))
}

fn measure_content(content: impl std::io::BufRead) -> Option<Vec<SheetExtent>> {
    let mut reader = Reader::from_reader(content);
    reader.config_mut().check_end_names = false;
    let mut extents: Vec<SheetExtent> = Vec::new();
    // Where the next row and cell start, and how often the current row repeats.
    let (mut row, mut col, mut row_repeats) = (0u64, 0u64, 1u64);
    let mut row_last_col: Option<u64> = None;
    // Cells nest (a cell holds paragraphs, rarely a table): only the sheet's own
    // rows and cells count, at depth one below a table.
    let mut table_depth = 0usize;
    let mut buf = Vec::new();
    loop {
        let event = reader.read_event_into(&mut buf).ok()?;
        match &event {
            Event::Start(e) | Event::Empty(e) => {
                let empty_element = matches!(event, Event::Empty(_));
                match e.local_name().as_ref() {
                    b"table" => {
                        table_depth += 1;
                        if table_depth == 1 {
                            extents.push(SheetExtent {
                                sheet: attribute(e, b"name").unwrap_or_default(),
                                last_row: 0,
                                last_col: 0,
                            });
                            row = 0;
                        }
                        if empty_element {
                            table_depth -= 1;
                        }
                    }
                    b"table-row" if table_depth == 1 => {
                        col = 0;
                        row_last_col = None;
                        row_repeats = repeats(e, b"number-rows-repeated");
                        if empty_element {
                            row = row.saturating_add(row_repeats);
                        }
                    }
                    b"table-cell" | b"covered-table-cell" if table_depth == 1 => {
                        let times = repeats(e, b"number-columns-repeated");
                        let holds_value = !empty_element || attribute(e, b"value-type").is_some();
                        if holds_value {
                            row_last_col = Some(col.saturating_add(times - 1));
                        }
                        col = col.saturating_add(times);
                    }
                    _ => {}
                }
            }
            Event::End(e) => match e.local_name().as_ref() {
                b"table" => table_depth = table_depth.saturating_sub(1),
                b"table-row" if table_depth == 1 => {
                    if let (Some(last_col), Some(sheet)) = (row_last_col, extents.last_mut()) {
                        sheet.last_row = sheet.last_row.max(row.saturating_add(row_repeats - 1));
                        sheet.last_col = sheet.last_col.max(last_col);
                    }
                    row = row.saturating_add(row_repeats);
                }
                _ => {}
            },
            Event::Eof => return Some(extents),
            _ => {}
        }
        buf.clear();
    }
}

fn attribute(e: &BytesStart, name: &[u8]) -> Option<String> {
    e.attributes()
        .flatten()
        .find(|a| a.key.local_name().as_ref() == name)
        .map(|a| String::from_utf8_lossy(&a.value).into_owned())
}

fn repeats(e: &BytesStart, name: &[u8]) -> u64 {
    attribute(e, name)
        .and_then(|v| v.trim().parse::<u64>().ok())
        .unwrap_or(1)
        .max(1)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sheet(rows: &str) -> String {
        format!(
            r#"<office:document-content xmlns:office="o" xmlns:table="t" xmlns:text="x"><office:body><office:spreadsheet><table:table table:name="2565">{rows}</table:table></office:spreadsheet></office:body></office:document-content>"#
        )
    }

    fn extents(xml: &str) -> Vec<SheetExtent> {
        measure_content(xml.as_bytes()).expect("well-formed")
    }

    #[test]
    fn trailing_empty_repeats_do_not_count() {
        // What LibreOffice writes after the last value of every sheet.
        let xml = sheet(
            r#"<table:table-row><table:table-cell office:value-type="float" office:value="1"><text:p>1</text:p></table:table-cell><table:table-cell table:number-columns-repeated="1023"/></table:table-row><table:table-row table:number-rows-repeated="1048575"><table:table-cell table:number-columns-repeated="1024"/></table:table-row>"#,
        );
        let found = extents(&xml);
        assert_eq!(
            found,
            vec![SheetExtent {
                sheet: "2565".into(),
                last_row: 0,
                last_col: 0
            }]
        );
    }

    #[test]
    fn a_repeated_value_counts_every_repeat() {
        let xml = sheet(
            r#"<table:table-row table:number-rows-repeated="2"><table:table-cell/></table:table-row><table:table-row table:number-rows-repeated="1000"><table:table-cell table:number-columns-repeated="3"/><table:table-cell table:number-columns-repeated="500" office:value-type="float" office:value="1"/></table:table-row>"#,
        );
        let found = extents(&xml);
        assert_eq!(found[0].last_row, 1001);
        assert_eq!(found[0].last_col, 502);
    }

    #[test]
    fn the_limit_names_the_sheet_and_the_farthest_cell() {
        let limits = Limits {
            max_cells: 1000,
            ..Limits::default()
        };
        let xml = sheet(
            r#"<table:table-row table:number-rows-repeated="100"><table:table-cell table:number-columns-repeated="20" office:value-type="string"><text:p>x</text:p></table:table-cell></table:table-row>"#,
        );
        let mut file = zip::ZipWriter::new(Cursor::new(Vec::new()));
        file.start_file("content.xml", zip::write::SimpleFileOptions::default())
            .unwrap();
        std::io::Write::write_all(&mut file, xml.as_bytes()).unwrap();
        let bytes = file.finish().unwrap().into_inner();
        let refusal = check(&bytes, &limits).unwrap_err();
        assert_eq!(
            refusal,
            Reason::SheetTooFar {
                sheet: Some("ชีต \"2565\"".into()),
                cell: "T100".into(),
                rows: 100,
                cols: 20,
                limit_rows: limits.max_rows,
                limit_cells: limits.max_cells,
            }
        );
        let refusal = refusal.to_string();
        assert!(refusal.contains("ชีต \"2565\""), "{refusal}");
        assert!(refusal.contains("เซลล์ T100"), "{refusal}");
        assert!(refusal.contains("100 แถว × 20 คอลัมน์"), "{refusal}");
        assert!(refusal.contains("--max-cells"), "{refusal}");
        assert!(check(&bytes, &Limits::default()).is_ok());
    }
}
