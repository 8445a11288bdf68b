//! One pass over the parts docx-rs builds, before they are zipped: the children
//! put in the schema's order, what the schema does not declare taken out, and what
//! docx-rs cannot write added (the Thai language of the text, repeating table
//! header rows). Fixing the parts here, once, keeps every builder above simple.

mod lean;
mod package;
mod schema_order;
mod stream;
mod tree;

pub use lean::{Deflater, DocumentStream, Scaffold};
pub use package::pack;

use std::collections::HashMap;
use std::sync::{Mutex, OnceLock};

use docx_rs::XMLDocx;

use tree::{Element, Node};

/// The language of the document's text: Latin as English, complex script as Thai.
const LANGUAGE: (&str, &str) = ("en-US", "th-TH");

/// Finishes the parts, and puts `body` (WordprocessingML paragraphs and tables)
/// into the document after what docx-rs wrote there, before the section's
/// properties.
pub fn finish(mut parts: XMLDocx, body: &str) -> Result<XMLDocx, String> {
    let mut document = stream::finish_document(&parts.document)?;
    let at = find_last(&document, b"<w:sectPr").ok_or("the document has no section properties")?;
    document.splice(at..at, body.bytes());
    parts.document = document;
    parts.styles = rewrite("styles", &parts.styles, &|root| {
        set_default_language(root);
    })?;
    parts.content_type = rewrite("content types", &parts.content_type, &|root| {
        for (part, kind) in [
            (
                package::THEME_PATH,
                "application/vnd.openxmlformats-officedocument.theme+xml",
            ),
            (crate::chart::CHART_PATH, crate::chart::CHART_CONTENT_TYPE),
        ] {
            root.children.push(Node::Element(
                Element::new("Override")
                    .with_attr("PartName", &format!("/{part}"))
                    .with_attr("ContentType", kind),
            ));
        }
    })?;
    parts.document_rels = rewrite("document rels", &parts.document_rels, &|root| {
        root.children.push(Node::Element(
            Element::new("Relationship")
                .with_attr("Id", "rIdTheme1")
                .with_attr(
                    "Type",
                    "http://schemas.openxmlformats.org/officeDocument/2006/relationships/theme",
                )
                .with_attr("Target", "theme/theme1.xml"),
        ));
        root.children.push(Node::Element(
            Element::new("Relationship")
                .with_attr("Id", crate::chart::CHART_REL_ID)
                .with_attr("Type", crate::chart::CHART_REL_TYPE)
                .with_attr("Target", "charts/chart1.xml"),
        ));
    })?;
    parts.settings = rewrite("settings", &parts.settings, &|_| {})?;
    parts.numberings = rewrite("numbering", &parts.numberings, &|_| {})?;
    // Headers carry docx-rs's running paragraph ids, so no two are alike: they are
    // finished every time rather than filling the cache.
    for header in &mut parts.headers {
        *header = rewrite_uncached(header, &|_| {})?;
    }
    Ok(parts)
}

/// Parts already finished in this run: styles, settings and the like come out of
/// docx-rs the same for every memo, so each is finished once.
static FINISHED: OnceLock<Mutex<HashMap<PartKey, Vec<u8>>>> = OnceLock::new();

/// A part as docx-rs built it: which part, and its bytes.
type PartKey = (&'static str, Vec<u8>);

/// Parses a part, applies `change`, puts every element's children in schema
/// order, and writes it back (the same input always gives the same output).
fn rewrite(
    part: &'static str,
    bytes: &[u8],
    change: &dyn Fn(&mut Element),
) -> Result<Vec<u8>, String> {
    if bytes.is_empty() {
        return Ok(Vec::new());
    }
    let key = (part, bytes.to_vec());
    let cache = FINISHED.get_or_init(Default::default);
    if let Some(done) = cache.lock().map_err(|e| e.to_string())?.get(&key) {
        return Ok(done.clone());
    }
    let done = rewrite_uncached(bytes, change)?;
    cache
        .lock()
        .map_err(|e| e.to_string())?
        .insert(key, done.clone());
    Ok(done)
}

fn rewrite_uncached(bytes: &[u8], change: &dyn Fn(&mut Element)) -> Result<Vec<u8>, String> {
    let mut part = tree::parse(bytes)?;
    change(&mut part.root);
    part.root.walk_mut(&mut |element| {
        put_in_schema_order(element);
        stream::drop_paragraph_ids(element);
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

fn find_last(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    haystack.windows(needle.len()).rposition(|w| w == needle)
}

/// Puts an element's children in the order the schema requires.
fn put_in_schema_order(element: &mut Element) {
    if let Some(order) = schema_order::child_order(&element.name) {
        // A stable sort: elements the order does not name keep their sequence.
        element.children.sort_by_key(|node| match node {
            Node::Element(e) => schema_order::rank(order, &e.name),
            Node::Text(_) => usize::MAX,
        });
    }
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
