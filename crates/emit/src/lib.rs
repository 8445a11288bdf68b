//! Findings in, documents out: one DOCX measures memo per unit, in the official
//! Thai memo form, TH SarabunPSK 16 pt with the complex-script font and size set.

mod advances;
mod blocks;
mod chart;
mod docx_body;
mod emblem;
mod files;
mod folder;
mod kit;
mod measure;
mod ooxml;
mod parts;
mod run_report;
mod sections;
mod summary;
mod thai_order;
mod wml;
mod words;

use docx_rs::{Docx, PageMargin, RunFonts};
use itamemo_model::{thai, Findings};

pub use emblem::Emblem;
pub use files::{safe_file_stem, write_atomically, write_together};
pub use folder::{FolderRefusal, OutputFolder, LOCK_NAME};
pub use kit::Digits;
pub use run_report::{write_run_report, JSON_NAME, XLSX_NAME};
pub use summary::{summary_bytes, SUMMARY_NAME};

use kit::{Block, Kit, BODY_SIZE};
use sections::{A4, MARGIN_LEFT, MARGIN_RIGHT, MARGIN_TOP_BOTTOM};

pub const FONT: &str = "TH SarabunPSK";

#[derive(Clone, Debug)]
pub struct MemoOptions {
    pub digits: Digits,
    /// The Garuda emblem for the cover, where the user gave one.
    pub emblem: Option<Emblem>,
}

/// The memo: the package docx-rs builds (styles, header, the cover's heading and
/// emblem) and the body after the heading, as WordprocessingML, every part in the
/// order memo.md gives.
pub fn build_memo(f: &Findings, options: &MemoOptions) -> (Docx, String, Vec<u8>) {
    let kit = Kit {
        digits: options.digits,
    };
    let (year, month, day) = f.date;
    let date_text = kit.text(&thai::thai_date(year, month, day));
    let mut blocks: Vec<Block> = Vec::new();
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
    let mut body = String::with_capacity(128 * 1024);
    docx_body::write_blocks(&blocks, &mut body);

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
    (docx, body, chart::chart_part(&kit, f))
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

/// The memo as the bytes of a .docx file.
pub fn memo_bytes(f: &Findings, options: &MemoOptions) -> std::io::Result<Vec<u8>> {
    let mut bytes = std::io::Cursor::new(Vec::new());
    let (docx, body, chart) = build_memo(f, options);
    let parts = ooxml::finish(docx.build(), &body).map_err(std::io::Error::other)?;
    ooxml::pack(&parts, &[(chart::CHART_PATH, &chart)], &mut bytes)
        .map_err(std::io::Error::other)?;
    Ok(bytes.into_inner())
}
