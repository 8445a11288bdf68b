//! One pass over the parts docx-rs builds, before they are zipped: the children
//! put in the schema's order, what the schema does not declare taken out, and what
//! docx-rs cannot write added (the Thai language of the text, repeating table
//! header rows). Fixing the parts here, once, keeps every builder above simple.

mod package;
mod schema_order;
mod tree;

pub use package::pack;

use docx_rs::XMLDocx;

use tree::{Element, Node};

/// The language of the document's text: Latin as English, complex script as Thai.
const LANGUAGE: (&str, &str) = ("en-US", "th-TH");

pub fn finish(mut parts: XMLDocx) -> Result<XMLDocx, String> {
    parts.document = rewrite(&parts.document, &|root| {
        mark_header_rows(root);
        number_pages_in_thai(root);
    })?;
    parts.styles = rewrite(&parts.styles, &|root| {
        set_default_language(root);
    })?;
    parts.content_type = rewrite(&parts.content_type, &|root| {
        root.children.push(Node::Element(
            Element::new("Override")
                .with_attr("PartName", &format!("/{}", package::THEME_PATH))
                .with_attr(
                    "ContentType",
                    "application/vnd.openxmlformats-officedocument.theme+xml",
                ),
        ));
    })?;
    parts.document_rels = rewrite(&parts.document_rels, &|root| {
        root.children.push(Node::Element(
            Element::new("Relationship")
                .with_attr("Id", "rIdTheme1")
                .with_attr(
                    "Type",
                    "http://schemas.openxmlformats.org/officeDocument/2006/relationships/theme",
                )
                .with_attr("Target", "theme/theme1.xml"),
        ));
    })?;
    parts.settings = rewrite(&parts.settings, &|_| {})?;
    parts.numberings = rewrite(&parts.numberings, &|_| {})?;
    for header in &mut parts.headers {
        *header = rewrite(header, &|_| {})?;
    }
    Ok(parts)
}

/// Parses a part, applies `change`, puts every element's children in schema
/// order, drops undeclared attributes, and writes it back.
fn rewrite(bytes: &[u8], change: &dyn Fn(&mut Element)) -> Result<Vec<u8>, String> {
    if bytes.is_empty() {
        return Ok(Vec::new());
    }
    let mut part = tree::parse(bytes)?;
    change(&mut part.root);
    part.root.walk_mut(&mut |element| {
        if let Some(order) = schema_order::child_order(&element.name) {
            // A stable sort: elements the order does not name keep their sequence.
            element.children.sort_by_key(|node| match node {
                Node::Element(e) => schema_order::rank(order, &e.name),
                Node::Text(_) => usize::MAX,
            });
        }
        if element.name == "w:gridCol" {
            element.attrs.retain(|(name, _)| name != "w:type");
        }
        // Paragraph properties of a style, a list level or the defaults take no
        // run properties (CT_PPrGeneral); docx-rs writes an empty w:rPr there.
        if matches!(element.name.as_str(), "w:style" | "w:lvl" | "w:pPrDefault") {
            if let Some(paragraph) = element.child_mut("w:pPr") {
                paragraph.children.retain(|n| !matches!(n, Node::Element(e) if e.name == "w:rPr" && e.children.is_empty()));
            }
        }
    });
    Ok(tree::write(&part))
}

/// The first row of every table repeats at the top of each page it runs onto.
fn mark_header_rows(root: &mut Element) {
    root.walk_mut(&mut |element| {
        if element.name != "w:tbl" {
            return;
        }
        if let Some(first_row) = element.elements_mut().find(|e| e.name == "w:tr") {
            let row_properties = first_row_properties(first_row);
            row_properties.set_child(Element::new("w:tblHeader"));
        }
    });
}

/// A row's w:trPr, made right after any w:tblPrEx where the schema puts it.
fn first_row_properties(row: &mut Element) -> &mut Element {
    if !row.elements().any(|e| e.name == "w:trPr") {
        let at = row
            .children
            .iter()
            .position(|n| matches!(n, Node::Element(e) if e.name != "w:tblPrEx"))
            .unwrap_or(row.children.len());
        row.children
            .insert(at, Node::Element(Element::new("w:trPr")));
    }
    row.child_mut("w:trPr").expect("just ensured")
}

/// Page numbers in Thai digits: the section's number format.
fn number_pages_in_thai(root: &mut Element) {
    root.walk_mut(&mut |element| {
        if element.name == "w:sectPr" {
            element.set_child(Element::new("w:pgNumType").with_attr("w:fmt", "thaiNumbers"));
        }
    });
}

/// Every run's language, through the document defaults: Thai for complex script.
fn set_default_language(root: &mut Element) {
    let defaults = root.child_or_insert("w:docDefaults");
    let run = defaults
        .child_or_insert("w:rPrDefault")
        .child_or_insert("w:rPr");
    run.set_child(
        Element::new("w:lang")
            .with_attr("w:val", LANGUAGE.0)
            .with_attr("w:eastAsia", LANGUAGE.0)
            .with_attr("w:bidi", LANGUAGE.1),
    );
}
