//! A memo's package in one pass, from what every memo of a run shares.
//!
//! All of a memo's package but its document's body and its chart is the same for
//! every memo of a run: the parts docx-rs builds (styles, header, settings, the
//! cover's heading and emblem), finished, and their zip records. `Scaffold` makes
//! that once, as a whole package with an empty body written by the general path
//! (`finish` and `pack`, through the zip crate), and keeps its bytes. A memo's
//! document is written in one pass into one buffer (the scaffold's head, the body,
//! the scaffold's tail); its package is then the scaffold's bytes copied, the
//! document and the chart deflated straight into the same buffer, and the few
//! fields that depend on them (checksum, sizes, offsets) set in the records the
//! zip crate wrote. The output is byte for byte the general path's (a test below
//! and tests/reference_bytes.rs keep it so).
//!
//! The document is deflated from one buffer, as the zip crate does, and not piece
//! by piece: zlib-rs's fastest level gives other bytes when its input comes in
//! other pieces (it refills its window at other points, and a match against the
//! window's first byte after a slide depends on when the slide came).
//!
//! Why not the zip crate for each memo: it starts a new deflate state for every
//! part (zlib-rs zeroes some 400 KB each time) and the template was read back as
//! an archive per memo. Here the memo's own parts go through
//! `itamemo_quick_deflate`, which writes zlib-rs's level-1 bytes without copying
//! the input into a window or clearing a table per part: deflate was 2.0 of a
//! memo's 4.45 million instructions through zlib-rs (issue 16).

use std::io::{Cursor, Seek, SeekFrom, Write};

use docx_rs::XMLDocx;

use itamemo_quick_deflate::QuickDeflate;

/// The records of one part in the scaffold's package: its local header (name
/// included) and its central directory record.
struct Records {
    local_header: Vec<u8>,
    central: Vec<u8>,
}

/// What every memo of a run shares, finished and zipped once.
pub struct Scaffold {
    /// word/document.xml before the body, and from the body's end (the last
    /// section's properties) to the end of the part.
    document_head: String,
    document_tail: String,
    /// The parts before the document, as zipped: local records, and their central
    /// directory records.
    shared_local: Vec<u8>,
    shared_central: Vec<u8>,
    document: Records,
    /// The pictures (the emblem), zipped after the document: their local records
    /// whole, and each central record with its offset from the first.
    media_local: Vec<u8>,
    media_central: Vec<(Vec<u8>, u32)>,
    chart: Records,
    /// The end of central directory record (the entry count is the same in every
    /// memo; its directory size and offset are set per memo).
    end: Vec<u8>,
}

/// Zip record layouts (APPNOTE 4.3.7, 4.3.12, 4.3.16): where the fields that
/// change with the content stand.
mod field {
    pub const LOCAL_CRC: usize = 14;
    pub const LOCAL_NAME_LEN: usize = 26;
    pub const LOCAL_EXTRA_LEN: usize = 28;
    pub const LOCAL_LEN: usize = 30;
    pub const CENTRAL_CRC: usize = 16;
    pub const CENTRAL_OFFSET: usize = 42;
    pub const END_DIRECTORY_SIZE: usize = 12;
    pub const END_DIRECTORY_OFFSET: usize = 16;
    pub const END_LEN: usize = 22;
}

const DOCUMENT_PATH: &str = "word/document.xml";

impl Scaffold {
    /// The scaffold from the parts docx-rs built for a memo without body; `chart`
    /// is the path of the chart part, written after the document and any picture.
    pub fn new(parts: XMLDocx, chart: &str) -> Result<Scaffold, String> {
        let parts = super::finish(parts, "")?;
        let at = super::find_last(&parts.document, b"<w:sectPr")
            .ok_or("the document has no section properties")?;
        let document = std::str::from_utf8(&parts.document).map_err(|e| e.to_string())?;
        let (head, tail) = document.split_at(at);
        let mut package = Cursor::new(Vec::new());
        super::pack(&parts, &[(chart, &[])], &mut package).map_err(|e| e.to_string())?;
        let package = package.into_inner();

        // Each part's local record and central record, in the order zipped.
        let mut archive = zip::ZipArchive::new(Cursor::new(&package)).map_err(|e| e.to_string())?;
        let end_at = package.len() - field::END_LEN;
        if package[end_at..end_at + 4] != *b"PK\x05\x06" {
            return Err("the package has a comment after its directory".to_string());
        }
        let mut spans = Vec::with_capacity(archive.len());
        for i in 0..archive.len() {
            let file = archive.by_index_raw(i).map_err(|e| e.to_string())?;
            let header = file.header_start() as usize;
            let length =
                |at: usize| usize::from(u16::from_le_bytes([package[at], package[at + 1]]));
            let data = header
                + field::LOCAL_LEN
                + length(header + field::LOCAL_NAME_LEN)
                + length(header + field::LOCAL_EXTRA_LEN);
            spans.push((
                file.name().to_string(),
                header,
                data,
                file.central_header_start() as usize,
            ));
        }
        let central_end = |k: usize| spans.get(k + 1).map_or(end_at, |s| s.3);
        let local_end = |k: usize| spans.get(k + 1).map_or(spans[0].3, |s| s.1);
        let records = |k: usize| Records {
            local_header: package[spans[k].1..spans[k].2].to_vec(),
            central: package[spans[k].3..central_end(k)].to_vec(),
        };
        let document = spans
            .iter()
            .position(|s| s.0 == DOCUMENT_PATH)
            .ok_or("the package has no document")?;
        let last = spans.len() - 1;
        if spans[last].0 != chart {
            return Err(format!("the package does not end with {chart}"));
        }
        let media = document + 1..last;
        let media_start = local_end(document);
        Ok(Scaffold {
            document_head: head.to_string(),
            document_tail: tail.to_string(),
            shared_local: package[..spans[document].1].to_vec(),
            shared_central: package[spans[0].3..spans[document].3].to_vec(),
            document: records(document),
            media_local: package[media_start..spans[last].1].to_vec(),
            media_central: media
                .map(|k| {
                    let central = package[spans[k].3..central_end(k)].to_vec();
                    (central, (spans[k].1 - media_start) as u32)
                })
                .collect(),
            chart: records(last),
            end: package[end_at..].to_vec(),
        })
    }

    /// What a memo's document holds before its body.
    pub fn begin_document(&self, document: &mut String) {
        document.push_str(&self.document_head);
    }

    /// What a memo's document holds after its body.
    pub fn end_document(&self, document: &mut String) {
        document.push_str(&self.document_tail);
    }

    /// The memo's package into `out` (emptied first): `document` (begun and ended
    /// as above) and `chart` as the chart part.
    pub fn write(&self, document: &str, chart: &[u8], deflate: &mut Deflater, out: &mut Vec<u8>) {
        out.clear();
        // The compressed document is about a seventh of the text.
        out.reserve(self.shared_local.len() + document.len() / 4 + 16 * 1024);
        out.extend_from_slice(&self.shared_local);
        let document = entry(
            &mut deflate.deflate,
            out,
            &self.document.local_header,
            document.as_bytes(),
            0,
        );
        self.end_package(document, chart, &mut deflate.deflate, out, 0);
    }

    /// A package as `write` makes it, written into `to` as it is made, its
    /// document given in pieces (`DocumentStream::write`, begun and ended by the
    /// stream) and deflated as they come: a document of many megabytes (the
    /// area's summary of a national batch) is never held whole, and neither is
    /// its package. `to` is at its start: the document's record is given its
    /// checksum and sizes at the end where the package put it.
    pub fn stream<'s, W: Write + Seek + ?Sized>(
        &'s self,
        deflate: &'s mut Deflater,
        to: &'s mut W,
    ) -> std::io::Result<DocumentStream<'s, W>> {
        let mut out = Vec::with_capacity(2 * HAND_ON);
        out.extend_from_slice(&self.shared_local);
        let offset = out.len();
        out.extend_from_slice(&self.document.local_header);
        let mut stream = DocumentStream {
            scaffold: self,
            offset,
            data_at: out.len(),
            deflate: deflate.deflate.stream(),
            crc: crc32fast::Hasher::new(),
            len: 0,
            out,
            handed: 0,
            to,
        };
        stream.write(&self.document_head)?;
        Ok(stream)
    }

    /// After the document's record: the pictures, the chart, the central
    /// directory and its end. `out` holds the package from its byte `base` on
    /// (those before were handed on).
    fn end_package(
        &self,
        document: Written,
        chart: &[u8],
        deflate: &mut QuickDeflate,
        out: &mut Vec<u8>,
        base: usize,
    ) {
        let media_at = base + out.len();
        out.extend_from_slice(&self.media_local);
        let chart_entry = entry(deflate, out, &self.chart.local_header, chart, base);

        let directory_at = base + out.len();
        out.extend_from_slice(&self.shared_central);
        document.central(out, &self.document.central);
        for (central, offset) in &self.media_central {
            let at = out.len();
            out.extend_from_slice(central);
            set_u32(out, at + field::CENTRAL_OFFSET, media_at as u32 + offset);
        }
        chart_entry.central(out, &self.chart.central);
        let end_at = out.len();
        out.extend_from_slice(&self.end);
        let directory_size = (base + end_at - directory_at) as u32;
        set_u32(out, end_at + field::END_DIRECTORY_SIZE, directory_size);
        set_u32(
            out,
            end_at + field::END_DIRECTORY_OFFSET,
            directory_at as u32,
        );
    }
}

/// The package's bytes gathered before they are handed on to the file.
const HAND_ON: usize = 64 * 1024;

/// A package whose document is being written (`Scaffold::stream`): each piece
/// of the document deflated as it comes, and the package's bytes handed on to
/// `to` whenever some have gathered.
pub struct DocumentStream<'s, W: Write + Seek + ?Sized> {
    scaffold: &'s Scaffold,
    /// Where the document's local record starts, and its deflated data, in
    /// the package.
    offset: usize,
    data_at: usize,
    deflate: itamemo_quick_deflate::Stream<'s>,
    crc: crc32fast::Hasher,
    len: usize,
    /// The package's bytes not yet handed on, and how many were before them.
    out: Vec<u8>,
    handed: usize,
    to: &'s mut W,
}

impl<W: Write + Seek + ?Sized> DocumentStream<'_, W> {
    /// The next piece of the document's body.
    pub fn write(&mut self, piece: &str) -> std::io::Result<()> {
        self.crc.update(piece.as_bytes());
        self.len += piece.len();
        self.deflate.write(piece.as_bytes(), &mut self.out);
        if self.out.len() >= HAND_ON {
            self.to.write_all(&self.out)?;
            self.handed += self.out.len();
            self.out.clear();
        }
        Ok(())
    }

    /// The document ended (the scaffold's tail after the body), and the rest of
    /// the package with `chart` as the chart part; the document's record, handed
    /// on before its checksum and sizes were known, is given them in place.
    pub fn finish(mut self, chart: &[u8]) -> std::io::Result<()> {
        let scaffold = self.scaffold;
        self.write(&scaffold.document_tail)?;
        let mut out = std::mem::take(&mut self.out);
        let deflate = self.deflate.finish(&mut out);
        let base = self.handed;
        let crc_and_sizes = crc_and_sizes(
            self.crc.finalize(),
            base + out.len() - self.data_at,
            self.len,
        );
        let record = self.offset + field::LOCAL_CRC;
        if let Some(here) = record.checked_sub(base) {
            out[here..here + 12].copy_from_slice(&crc_and_sizes);
        }
        let document = Written {
            offset: self.offset as u32,
            crc_and_sizes,
        };
        scaffold.end_package(document, chart, deflate, &mut out, base);
        self.to.write_all(&out)?;
        if record < base {
            let end = self.to.stream_position()?;
            self.to.seek(SeekFrom::Start(record as u64))?;
            self.to.write_all(&crc_and_sizes)?;
            self.to.seek(SeekFrom::Start(end))?;
        }
        Ok(())
    }
}

/// A part written: where its local record starts, its checksum and sizes.
struct Written {
    offset: u32,
    crc_and_sizes: [u8; 12],
}

impl Written {
    /// Its central record: the scaffold's, with this part's checksum, sizes and offset.
    fn central(&self, out: &mut Vec<u8>, record: &[u8]) {
        let at = out.len();
        out.extend_from_slice(record);
        out[at + field::CENTRAL_CRC..at + field::CENTRAL_CRC + 12]
            .copy_from_slice(&self.crc_and_sizes);
        set_u32(out, at + field::CENTRAL_OFFSET, self.offset);
    }
}

/// A local record's checksum, compressed size and size, as they stand in it.
fn crc_and_sizes(crc: u32, compressed: usize, len: usize) -> [u8; 12] {
    let mut fields = [0; 12];
    fields[..4].copy_from_slice(&crc.to_le_bytes());
    fields[4..8].copy_from_slice(&(compressed as u32).to_le_bytes());
    fields[8..].copy_from_slice(&(len as u32).to_le_bytes());
    fields
}

fn set_u32(out: &mut [u8], at: usize, value: u32) {
    out[at..at + 4].copy_from_slice(&value.to_le_bytes());
}

/// One raw deflate state for the memo's own parts, bit for bit the zip crate's
/// (zlib-rs at level 1; see `itamemo_quick_deflate`), kept by a thread from memo
/// to memo.
#[derive(Default)]
pub struct Deflater {
    deflate: QuickDeflate,
}

/// Appends a part's local record: `header` with the checksum and sizes set,
/// then `content` deflated; `out` holds the package from its byte `base` on.
fn entry(
    deflate: &mut QuickDeflate,
    out: &mut Vec<u8>,
    header: &[u8],
    content: &[u8],
    base: usize,
) -> Written {
    let offset = out.len();
    out.extend_from_slice(header);
    let data_at = out.len();
    deflate.deflate(content, out);
    let mut written = written(
        out,
        offset,
        data_at,
        crc32fast::hash(content),
        content.len(),
    );
    written.offset += base as u32;
    written
}

/// A part's local record at `offset` finished, its deflated data from `data_at`
/// to the end of `out`: its checksum and sizes set.
fn written(out: &mut [u8], offset: usize, data_at: usize, crc: u32, len: usize) -> Written {
    let crc_and_sizes = crc_and_sizes(crc, out.len() - data_at, len);
    out[offset + field::LOCAL_CRC..offset + field::LOCAL_CRC + 12].copy_from_slice(&crc_and_sizes);
    Written {
        offset: offset as u32,
        crc_and_sizes,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parts() -> XMLDocx {
        docx_rs::Docx::new()
            .add_paragraph(
                docx_rs::Paragraph::new().add_run(docx_rs::Run::new().add_text("บันทึกข้อความ")),
            )
            .build()
    }

    /// The general path: the parts finished with the body in, zipped by the zip crate.
    fn general(body: &str, chart: &[u8]) -> Vec<u8> {
        let finished = super::super::finish(parts(), body).unwrap();
        let mut out = Cursor::new(Vec::new());
        super::super::pack(&finished, &[(crate::chart::CHART_PATH, chart)], &mut out).unwrap();
        out.into_inner()
    }

    #[test]
    fn the_lean_package_is_byte_for_byte_the_general_one() {
        let scaffold = Scaffold::new(parts(), crate::chart::CHART_PATH).unwrap();
        let mut deflater = Deflater::default();
        let mut rng = fastrand::Rng::with_seed(16);
        let mut out = Vec::new();
        // Bodies from empty to several deflate windows, one deflate state throughout.
        for size in [0, 1, 300, 40_000, 250_000] {
            let body: String = (0..size)
                .map(|_| ['ก', 'ข', '<', 'a', ' ', '๑'][rng.usize(..6)])
                .collect();
            let body = format!("<w:p><w:r><w:t>{body}</w:t></w:r></w:p>");
            let chart = "<c:chartSpace/>".repeat(rng.usize(..400));
            let mut document = String::new();
            scaffold.begin_document(&mut document);
            document.push_str(&body);
            scaffold.end_document(&mut document);
            scaffold.write(&document, chart.as_bytes(), &mut deflater, &mut out);
            assert!(
                out == general(&body, chart.as_bytes()),
                "a body of {size} characters"
            );
        }
    }

    /// The document given in pieces (cut anywhere between characters) makes
    /// the same package, through one deflate state that also writes whole ones,
    /// whether the package is handed on once or many times as it is made.
    #[test]
    fn a_package_streamed_in_pieces_is_byte_for_byte_the_general_one() {
        let scaffold = Scaffold::new(parts(), crate::chart::CHART_PATH).unwrap();
        let mut deflater = Deflater::default();
        let mut rng = fastrand::Rng::with_seed(1_610);
        let mut out = Vec::new();
        for size in [0, 1, 300, 40_000, 250_000, 0, 90_000, 2_000_000] {
            let body: String = (0..size)
                .map(|_| ['ก', 'ข', '<', 'a', ' ', '๑'][rng.usize(..6)])
                .collect();
            let body = format!("<w:p><w:r><w:t>{body}</w:t></w:r></w:p>");
            let chart = "<c:chartSpace/>".repeat(rng.usize(..400));
            let mut file = Cursor::new(Vec::new());
            let mut stream = scaffold.stream(&mut deflater, &mut file).unwrap();
            let mut rest = &body[..];
            while !rest.is_empty() {
                let mut cut = rng.usize(..=rest.len().min(100_000));
                while !rest.is_char_boundary(cut) {
                    cut -= 1;
                }
                stream.write(&rest[..cut]).unwrap();
                rest = &rest[cut..];
            }
            stream.finish(chart.as_bytes()).unwrap();
            assert!(
                file.into_inner() == general(&body, chart.as_bytes()),
                "a body of {size} characters"
            );
            // A memo written whole after it, through the same state.
            let mut document = String::new();
            scaffold.begin_document(&mut document);
            document.push_str(&body);
            scaffold.end_document(&mut document);
            scaffold.write(&document, chart.as_bytes(), &mut deflater, &mut out);
            assert!(out == general(&body, chart.as_bytes()));
        }
    }
}
