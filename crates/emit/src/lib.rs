//! Findings in, documents out: one DOCX measures memo per unit, in the official
//! Thai memo form, TH SarabunPSK 16 pt with the complex-script font and size set.

mod advances;
mod autofit;
mod below_pass;
mod blocks;
mod chart;
mod docx_body;
mod emblem;
mod files;
mod folder;
mod kit;
mod known;
mod measure;
mod ooxml;
mod parts;
mod proper_names;
mod run_report;
mod sections;
mod share_cache;
#[cfg(all(
    any(target_arch = "x86", target_arch = "x86_64"),
    target_feature = "sse2"
))]
mod sse2;
mod summary;
mod thai_order;
mod wml;
mod words;

use std::cell::RefCell;
use std::sync::OnceLock;

use docx_rs::{Docx, PageMargin, RunFonts};
use itamemo_model::{thai, Findings};

pub use below_pass::BelowPassList;
pub use emblem::Emblem;
pub use files::{safe_file_stem, write_atomically, write_together, MemoFiles, Writer};
pub use folder::{FolderRefusal, OutputFolder, LOCK_NAME};
pub use kit::Digits;
pub use run_report::{write_run_report, JSON_NAME, XLSX_NAME};
pub use summary::{write_summary, SUMMARY_NAME};

use kit::{Block, Kit, BODY_SIZE};
use sections::{A4, MARGIN_LEFT, MARGIN_RIGHT, MARGIN_TOP_BOTTOM};

pub const FONT: &str = "TH SarabunPSK";

#[derive(Clone, Debug)]
pub struct MemoOptions {
    pub digits: Digits,
    /// The Garuda emblem for the cover, where the user gave one.
    pub emblem: Option<Emblem>,
}

/// The memo's body after the cover's heading, as WordprocessingML written onto
/// `body`, every part in the order memo.md gives; and its chart part.
fn write_body(f: &Findings, options: &MemoOptions, body: &mut String) -> Vec<u8> {
    let kit = Kit {
        digits: options.digits,
    };
    let (year, month, day) = f.date;
    let date_text = kit.text(&thai::thai_date(year, month, day));
    // Some 120 blocks a memo: room for them at once, not grown from empty.
    let mut blocks: Vec<Block> = Vec::with_capacity(160);
    blocks.extend(parts::cover::cover(&kit, f, &date_text));
    blocks.push(Block::CoverEnd);
    blocks.extend(
        parts::title::title_page(&kit, f)
            .into_iter()
            .map(Block::from),
    );
    blocks.extend(
        parts::title::report_heading(&kit, f)
            .into_iter()
            .map(Block::from),
    );
    blocks.extend(parts::results::results(&kit, f));
    blocks.extend(parts::analysis::analysis(&kit, f));
    blocks.extend(parts::recommendations::recommendations(&kit, f));
    blocks.extend(parts::measures::measures(&kit, f));
    proper_names::keep_whole(&mut blocks, &proper_names::of_unit(&f.unit));
    docx_body::write_blocks(&blocks, body);
    chart::chart_part(&kit, f)
}

/// The package docx-rs builds, the same for every memo of a run: styles, header,
/// settings, the cover's heading and emblem; the body goes into its document.
pub(crate) fn scaffold(options: &MemoOptions) -> Docx {
    let kit = Kit {
        digits: options.digits,
    };
    let fonts = RunFonts::new()
        .ascii(FONT)
        .hi_ansi(FONT)
        .east_asia(FONT)
        .cs(FONT);
    // The last section is the attachment (numbered from 1, none on its title
    // page); the cover's section ends before it in the body (sections.rs).
    let mut docx = Docx::new()
        .page_size(A4.0, A4.1)
        .page_margin(
            PageMargin::new()
                .top(MARGIN_TOP_BOTTOM)
                .bottom(MARGIN_TOP_BOTTOM)
                .left(MARGIN_LEFT)
                .right(MARGIN_RIGHT),
        )
        .default_fonts(fonts)
        .default_size(BODY_SIZE)
        .header(page_number_header())
        .first_header(docx_rs::Header::new())
        .title_pg()
        .add_paragraph(parts::cover::heading(&kit, options.emblem.as_ref()));
    for style in kit::styles() {
        docx = docx.add_style(style);
    }
    docx
}

/// "- ๒ -" at the top centre of every page but the first. The digits are Thai
/// by the section's page-number format (w:pgNumType w:fmt="thaiNumbers", added
/// by the finishing pass), so Word and LibreOffice both print ๒, not 2.
pub(crate) fn page_number_header() -> docx_rs::Header {
    docx_rs::Header::new().add_paragraph(
        docx_rs::Paragraph::new()
            .align(docx_rs::AlignmentType::Center)
            .add_run(docx_rs::Run::new().add_text("- "))
            .add_page_num(docx_rs::PageNum::new())
            .add_run(docx_rs::Run::new().add_text(" -")),
    )
}

/// Writes a run's memos: what every memo shares is built and zipped once, on the
/// first memo; each memo is then its body and chart written into buffers its
/// thread keeps, and deflated straight into the file's bytes.
pub struct MemoWriter {
    options: MemoOptions,
    scaffold: OnceLock<Result<ooxml::Scaffold, String>>,
}

/// What a thread keeps from memo to memo: the document's text, the deflate
/// state and the memo's file bytes.
#[derive(Default)]
struct Scratch {
    document: String,
    deflater: ooxml::Deflater,
    memo: Vec<u8>,
}

thread_local! {
    static SCRATCH: RefCell<Scratch> = RefCell::default();
}

/// Lets go of what this thread keeps from memo to memo (its buffers, its
/// measured paragraphs and fitted tables), once the batch's memos are written.
/// Kept, their blocks held on to pages among freed ones that the allocator
/// could not give back: some 2.5 MiB at 10,000 units under the run's end.
pub fn forget_what_memos_keep() {
    SCRATCH.take();
    share_cache::forget_tables();
    measure::forget_measured();
}

/// Room for a memo's document (some 90 KB; more for a unit with many failed items).
const DOCUMENT_CAPACITY: usize = 192 * 1024;

/// Room kept for a memo's file bytes (some 25 KB, in room reserved for the
/// scaffold's parts, a quarter of the document and 16 KiB more: over 64 KiB).
const MEMO_CAPACITY: usize = 256 * 1024;

impl MemoWriter {
    pub fn new(options: MemoOptions) -> MemoWriter {
        MemoWriter {
            options,
            scaffold: OnceLock::new(),
        }
    }

    /// The memo as the bytes of a .docx file, handed to `keep` (which writes
    /// them to their file): the bytes stay in a buffer the thread keeps from
    /// memo to memo. A buffer made afresh for every few memos left memory
    /// freed at a pace mimalloc gives back only after its purge delay: a
    /// national batch of 10,000 units peaked from run to run between 35 and 50
    /// MiB, 35 with the buffer kept.
    pub fn write<R>(
        &self,
        f: &Findings,
        keep: impl FnOnce(&[u8]) -> std::io::Result<R>,
    ) -> std::io::Result<R> {
        let scaffold = self
            .scaffold
            .get_or_init(|| {
                ooxml::Scaffold::new(scaffold(&self.options).build(), chart::CHART_PATH)
            })
            .as_ref()
            .map_err(|reason| std::io::Error::other(reason.clone()))?;
        known::next_document();
        let mut memo = SCRATCH.with(|scratch| {
            let scratch = &mut *scratch.borrow_mut();
            let document = &mut scratch.document;
            document.clear();
            document.reserve(DOCUMENT_CAPACITY);
            scaffold.begin_document(document);
            let chart = write_body(f, &self.options, document);
            scaffold.end_document(document);
            let mut memo = std::mem::take(&mut scratch.memo);
            scaffold.write(document, &chart, &mut scratch.deflater, &mut memo);
            // A memo far above the usual is not kept for the rest of the run.
            document.shrink_to(DOCUMENT_CAPACITY);
            memo
        });
        // Handed on with the thread's scratch let go: `keep` may run other
        // work on this thread (another memo, were it to wait on the pool).
        let kept = keep(&memo);
        memo.shrink_to(MEMO_CAPACITY);
        SCRATCH.with(|scratch| scratch.borrow_mut().memo = memo);
        kept
    }
}

/// One memo as the bytes of a .docx file (a run writes many through one
/// `MemoWriter`).
pub fn memo_bytes(f: &Findings, options: &MemoOptions) -> std::io::Result<Vec<u8>> {
    MemoWriter::new(options.clone()).write(f, |bytes| Ok(bytes.to_vec()))
}
