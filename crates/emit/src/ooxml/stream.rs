//! The finishing pass over word/document.xml, streamed: the part is large (a
//! hundred kilobytes a memo) and only the property elements need their children
//! reordered, so only those are read into a tree; everything else is copied as it
//! stands.

use quick_xml::events::Event;
use quick_xml::Reader;

use super::tree::{element_of, read_subtree, write_element, write_start, Element};

/// Property elements whose children docx-rs may write out of schema order.
const REORDERED: [&str; 6] = ["w:pPr", "w:rPr", "w:sectPr", "w:tblPr", "w:tcPr", "w:trPr"];

pub fn finish_document(bytes: &[u8]) -> Result<Vec<u8>, String> {
    let mut reader = Reader::from_reader(bytes);
    let mut out = String::with_capacity(bytes.len() + bytes.len() / 16);
    // One entry per open table: whether its first row is still to come.
    let mut tables: Vec<bool> = Vec::new();
    let mut in_first_row = false;
    loop {
        let event = reader.read_event().map_err(|e| e.to_string())?;
        match event {
            Event::Start(start) => {
                let name = start.name();
                let name = name.as_ref();
                if REORDERED.iter().any(|r| r.as_bytes() == name) {
                    let mut element = read_subtree(&mut reader, element_of(&start)?)?;
                    fix(&mut element, &mut in_first_row);
                    write_element(&element, &mut out);
                    continue;
                }
                if name == b"w:p" {
                    let mut paragraph = element_of(&start)?;
                    drop_paragraph_ids(&mut paragraph);
                    write_start(&paragraph, &mut out);
                    continue;
                }
                if name == b"w:tbl" {
                    tables.push(true);
                } else if name == b"w:tr" {
                    in_first_row = tables
                        .last_mut()
                        .is_some_and(|first| std::mem::replace(first, false));
                }
                copy_raw(&mut out, &Event::Start(start));
            }
            Event::Empty(start) => {
                let mut element = element_of(&start)?;
                if element.name == "w:gridCol" {
                    element.attrs.retain(|(name, _)| name != "w:type");
                }
                if REORDERED.contains(&element.name.as_str()) || element.name == "w:gridCol" {
                    fix(&mut element, &mut in_first_row);
                    write_element(&element, &mut out);
                } else {
                    copy_raw(&mut out, &Event::Empty(start));
                }
            }
            Event::End(end) => {
                if end.name().as_ref() == b"w:tbl" {
                    tables.pop();
                }
                copy_raw(&mut out, &Event::End(end));
            }
            Event::Eof => break,
            other => copy_raw(&mut out, &other),
        }
    }
    Ok(out.into_bytes())
}

/// docx-rs numbers paragraphs (w14:paraId) with a counter per thread that runs on
/// from memo to memo, so the same memo would get other numbers on another thread:
/// the ids are optional, and dropped so that the same inputs give the same bytes.
pub fn drop_paragraph_ids(element: &mut Element) {
    element
        .attrs
        .retain(|(name, _)| name != "w14:paraId" && name != "w14:textId");
}

/// Schema order inside a property element, and what docx-rs cannot write: the
/// first row of each table repeats as a header; page numbers in Thai digits,
/// from 1 in the last section.
fn fix(element: &mut Element, in_first_row: &mut bool) {
    if element.name == "w:trPr" && std::mem::take(in_first_row) {
        element.set_child(Element::new("w:tblHeader"));
    }
    if element.name == "w:sectPr" {
        // The last section is the attachment: numbered from 1 again after the
        // cover (whose section ends in the body, emit's sections.rs).
        element.set_child(
            Element::new("w:pgNumType")
                .with_attr("w:fmt", "thaiNumbers")
                .with_attr("w:start", "1"),
        );
    }
    element.walk_mut(&mut |e| super::put_in_schema_order(e));
}

/// Writes an event back as its source text.
fn copy_raw(out: &mut String, event: &Event) {
    match event {
        Event::Start(s) => {
            out.push('<');
            out.push_str(&String::from_utf8_lossy(s));
            out.push('>');
        }
        Event::Empty(s) => {
            out.push('<');
            out.push_str(String::from_utf8_lossy(s).trim_end());
            out.push_str("/>");
        }
        Event::End(e) => {
            out.push_str("</");
            out.push_str(&String::from_utf8_lossy(e));
            out.push('>');
        }
        Event::Text(t) => out.push_str(&String::from_utf8_lossy(t)),
        Event::GeneralRef(r) => {
            out.push('&');
            out.push_str(&String::from_utf8_lossy(r));
            out.push(';');
        }
        Event::CData(c) => {
            out.push_str("<![CDATA[");
            out.push_str(&String::from_utf8_lossy(c));
            out.push_str("]]>");
        }
        Event::Decl(d) => {
            out.push_str("<?");
            out.push_str(&String::from_utf8_lossy(d));
            out.push_str("?>");
        }
        Event::Comment(_) | Event::PI(_) | Event::DocType(_) | Event::Eof => {}
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn property_children_are_reordered_and_the_rest_is_copied_as_it_stands() {
        let xml = concat!(
            r#"<?xml version="1.0" encoding="UTF-8"?><w:document xmlns:w="u"><w:body>"#,
            r#"<w:tbl><w:tblGrid><w:gridCol w:w="10" w:type="dxa"/></w:tblGrid>"#,
            r#"<w:tr><w:trPr><w:cantSplit/></w:trPr><w:tc><w:p><w:pPr><w:jc w:val="center"/><w:pStyle w:val="A"/></w:pPr>"#,
            r#"<w:r><w:rPr><w:b/><w:rFonts w:cs="x"/></w:rPr><w:t xml:space="preserve">ก &amp; ข</w:t></w:r></w:p></w:tc></w:tr>"#,
            r#"<w:tr><w:trPr><w:cantSplit/></w:trPr></w:tr></w:tbl>"#,
            r#"<w:sectPr><w:titlePg/><w:pgSz w:w="1"/></w:sectPr></w:body></w:document>"#
        );
        let out = String::from_utf8(finish_document(xml.as_bytes()).unwrap()).unwrap();
        assert_eq!(
            out,
            concat!(
                r#"<?xml version="1.0" encoding="UTF-8"?><w:document xmlns:w="u"><w:body>"#,
                r#"<w:tbl><w:tblGrid><w:gridCol w:w="10"/></w:tblGrid>"#,
                r#"<w:tr><w:trPr><w:cantSplit/><w:tblHeader/></w:trPr><w:tc><w:p><w:pPr><w:pStyle w:val="A"/><w:jc w:val="center"/></w:pPr>"#,
                r#"<w:r><w:rPr><w:rFonts w:cs="x"/><w:b/></w:rPr><w:t xml:space="preserve">ก &amp; ข</w:t></w:r></w:p></w:tc></w:tr>"#,
                r#"<w:tr><w:trPr><w:cantSplit/></w:trPr></w:tr></w:tbl>"#,
                r#"<w:sectPr><w:pgSz w:w="1"/><w:pgNumType w:fmt="thaiNumbers" w:start="1"/><w:titlePg/></w:sectPr></w:body></w:document>"#
            )
        );
    }
}
