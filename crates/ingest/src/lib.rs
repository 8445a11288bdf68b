//! Files in, scores out. Finds ITA score tables in spreadsheets by their headers,
//! normalises Thai digits and messy cells, and matches units across years and files.
//! Every file given ends up in `Ingested::files` with what became of it.

mod cell;
mod csv_sheet;
mod header;
mod layout;
mod names;
mod units;
mod vocab;
mod walk;
mod workbook;

use std::path::PathBuf;

use itamemo_model::Ingested;
use rayon::prelude::*;

pub use cell::{parse_score, CellError};
pub use header::{classify_header, parse_year, Column};
pub use names::{unit_key, unit_name};
pub use vocab::Vocabulary;
pub use walk::{collect_inputs, Input};

/// Told how reading goes, for a progress bar.
pub trait Progress: Sync {
    fn files_found(&self, _count: usize) {}
    fn file_done(&self) {}
}

/// No progress to show.
pub struct Quiet;
impl Progress for Quiet {}

/// Reads every spreadsheet under `paths` (folders recursively), in parallel.
/// `vocab` holds the indicator names a header may use instead of a number.
pub fn ingest(paths: &[PathBuf], vocab: &Vocabulary) -> Ingested {
    ingest_observed(paths, vocab, &Quiet)
}

/// `ingest`, telling `progress` how many files there are and when each is read.
pub fn ingest_observed(paths: &[PathBuf], vocab: &Vocabulary, progress: &dyn Progress) -> Ingested {
    let inputs = collect_inputs(paths);
    progress.files_found(inputs.len());
    let reads: Vec<workbook::FileRead> = inputs
        .par_iter()
        .map(|input| {
            let read = workbook::read_input(input, vocab);
            progress.file_done();
            read
        })
        .collect();
    let mut files = Vec::with_capacity(reads.len());
    let mut rows = Vec::new();
    let mut register = Vec::new();
    for read in reads {
        files.push(read.outcome);
        rows.extend(read.rows);
        register.extend(read.register);
    }
    let mut units = units::merge(rows);
    let notes = units::attach_register(&mut units, register);
    Ingested {
        files,
        units,
        notes,
    }
}
