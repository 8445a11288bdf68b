//! The parts zipped into a .docx, with the theme part docx-rs does not write and
//! deflate compression. The zip entries carry no clock time (the zip crate's
//! fixed 1980-01-01), so the same parts always give the same bytes.

use std::io::{Seek, Write};

use docx_rs::XMLDocx;
use zip::write::SimpleFileOptions;
use zip::CompressionMethod;

/// A theme whose fonts are TH SarabunPSK for Latin and Thai alike.
pub const THEME: &[u8] = include_bytes!("theme1.xml");
pub const THEME_PATH: &str = "word/theme/theme1.xml";

/// Parts below this size are stored rather than deflated.
const SMALL_PART: usize = 16 * 1024;

pub fn pack<W: Write + Seek>(parts: &XMLDocx, writer: W) -> zip::result::ZipResult<()> {
    let mut zip = zip::ZipWriter::new(writer);
    // The fastest deflate level: a memo is still a quarter of its stored size, and
    // compressing is a fifth of the time otherwise (measured with just bench).
    let options = SimpleFileOptions::default()
        .compression_method(CompressionMethod::Deflated)
        .compression_level(Some(1))
        .unix_permissions(0o644);
    let mut entries: Vec<(String, &[u8])> = vec![
        ("[Content_Types].xml".into(), &parts.content_type),
        ("_rels/.rels".into(), &parts.rels),
        ("docProps/app.xml".into(), &parts.doc_props.app),
        ("docProps/core.xml".into(), &parts.doc_props.core),
        ("docProps/custom.xml".into(), &parts.doc_props.custom),
        ("word/_rels/document.xml.rels".into(), &parts.document_rels),
        ("word/document.xml".into(), &parts.document),
        ("word/styles.xml".into(), &parts.styles),
        ("word/settings.xml".into(), &parts.settings),
        ("word/fontTable.xml".into(), &parts.font_table),
        ("word/comments.xml".into(), &parts.comments),
        ("word/numbering.xml".into(), &parts.numberings),
        ("word/commentsExtended.xml".into(), &parts.comments_extended),
        ("word/footnotes.xml".into(), &parts.footnotes),
        (THEME_PATH.into(), THEME),
    ];
    for (i, header) in parts.headers.iter().enumerate() {
        entries.push((format!("word/header{}.xml", i + 1), header));
        if let Some(rels) = parts.header_rels.get(i) {
            entries.push((format!("word/_rels/header{}.xml.rels", i + 1), rels));
        }
    }
    for (i, footer) in parts.footers.iter().enumerate() {
        entries.push((format!("word/footer{}.xml", i + 1), footer));
        if let Some(rels) = parts.footer_rels.get(i) {
            entries.push((format!("word/_rels/footer{}.xml.rels", i + 1), rels));
        }
    }
    for (id, bytes) in &parts.media {
        entries.push((format!("word/media/{id}.png"), bytes));
    }
    // Setting up a compressor costs more than it saves on a part of a few
    // kilobytes: only the large parts (the document) are deflated.
    let stored = SimpleFileOptions::default()
        .compression_method(CompressionMethod::Stored)
        .unix_permissions(0o644);
    for (path, bytes) in entries {
        let chosen = if bytes.len() < SMALL_PART {
            stored
        } else {
            options
        };
        zip.start_file(path, chosen)?;
        zip.write_all(bytes)?;
    }
    zip.finish()?;
    Ok(())
}
