//! The parts zipped into a .docx, with the theme part docx-rs does not write and
//! deflate compression. The zip entries carry no clock time (the zip crate's
//! fixed 1980-01-01), so the same parts always give the same bytes.
//!
//! All parts but the document are the same in every memo of a run, so they are
//! deflated once, into a template archive, and copied from it compressed.

use std::io::{Cursor, Seek, Write};
use std::sync::{Arc, Mutex, OnceLock};

use docx_rs::XMLDocx;
use zip::write::SimpleFileOptions;
use zip::CompressionMethod;

/// A theme whose fonts are TH SarabunPSK for Latin and Thai alike.
pub const THEME: &[u8] = include_bytes!("theme1.xml");
pub const THEME_PATH: &str = "word/theme/theme1.xml";

/// The parts already deflated in this run, as a zip archive, with their text.
struct Template {
    archive: Arc<[u8]>,
    parts: Vec<(String, Vec<u8>)>,
}

const MAX_TEMPLATES: usize = 4;

static TEMPLATES: OnceLock<Mutex<Vec<Template>>> = OnceLock::new();

/// The fastest deflate level: a memo is still a sixth of its stored size, and
/// compressing took a fifth of a memo's time at the default (measured with just
/// bench).
pub const LEVEL: u32 = 1;

fn deflated() -> SimpleFileOptions {
    SimpleFileOptions::default()
        .compression_method(CompressionMethod::Deflated)
        .compression_level(Some(LEVEL as i64))
        .unix_permissions(0o644)
}

/// A template holding every part of `shared`, deflated once per run (per set of
/// such parts: a memo with the emblem has other relationships).
/// None when the run has already seen too many different sets (parts that change
/// per memo would otherwise fill memory with templates used once).
fn template_for(shared: &[(String, &[u8])]) -> zip::result::ZipResult<Option<Arc<[u8]>>> {
    let templates = TEMPLATES.get_or_init(Default::default);
    let mut templates = templates
        .lock()
        .map_err(|_| std::io::Error::other("template lock"))?;
    let same = |t: &Template| {
        t.parts.len() == shared.len()
            && t.parts
                .iter()
                .zip(shared)
                .all(|((p, b), (q, c))| p == q && b.as_slice() == *c)
    };
    if let Some(found) = templates.iter().find(|t| same(t)) {
        return Ok(Some(Arc::clone(&found.archive)));
    }
    if templates.len() >= MAX_TEMPLATES {
        return Ok(None);
    }
    let mut zip = zip::ZipWriter::new(Cursor::new(Vec::new()));
    write_all(&mut zip, shared)?;
    let archive: Arc<[u8]> = zip.finish()?.into_inner().into();
    templates.push(Template {
        archive: Arc::clone(&archive),
        parts: shared
            .iter()
            .map(|(p, b)| (p.clone(), b.to_vec()))
            .collect(),
    });
    Ok(Some(archive))
}

fn write_all<W: Write + Seek>(
    zip: &mut zip::ZipWriter<W>,
    entries: &[(String, &[u8])],
) -> zip::result::ZipResult<()> {
    for (path, bytes) in entries {
        zip.start_file(path.as_str(), deflated())?;
        zip.write_all(bytes)?;
    }
    Ok(())
}

/// Zips the parts, with `own` (parts docx-rs does not know, such as the chart)
/// beside the document.
pub fn pack<W: Write + Seek>(
    parts: &XMLDocx,
    own: &[(&str, &[u8])],
    writer: W,
) -> zip::result::ZipResult<()> {
    let mut zip = zip::ZipWriter::new(writer);
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
    let (mut memo_own, shared): (Vec<_>, Vec<_>) = entries
        .into_iter()
        .partition(|(path, _)| path == "word/document.xml" || path.starts_with("word/media/"));
    memo_own.extend(own.iter().map(|(path, bytes)| (path.to_string(), *bytes)));
    match template_for(&shared)? {
        Some(template) => {
            let mut copied = zip::ZipArchive::new(Cursor::new(&*template))?;
            for i in 0..copied.len() {
                zip.raw_copy_file(copied.by_index_raw(i)?)?;
            }
        }
        None => write_all(&mut zip, &shared)?,
    }
    write_all(&mut zip, &memo_own)?;
    zip.finish()?;
    Ok(())
}
