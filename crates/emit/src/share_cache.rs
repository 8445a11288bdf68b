//! The columns (shares, and each row's lines at them) of tables already
//! fitted on this thread: a batch's
//! memos hold many of the same tables (headers, the catalog's measures, the
//! same offices), and fitting one (measure.rs: ICU's breaks, the widths, the
//! search over shares) costs more than the rest of its writing. Both depend
//! on nothing but the table's text and the columns' fits, so a table met
//! again gets the shares it got before, to the bit.

use std::cell::RefCell;

use crate::blocks::{Para, Row, Span};
use crate::known::{kept_or_made, Known};
use crate::measure::{Fit, Fitted};

/// Tables kept per thread in each part of the cache (`Known`) before that
/// part starts again. A table that comes back in a later memo is most often
/// one of a few dozen (the catalog's measures for common patterns of scores);
/// at 256 the kept part filled over the whole of a national batch, and its
/// keys (every cell's text) grew the memory with the units done.
const KEPT: usize = 64;

thread_local! {
    static KNOWN: RefCell<Known<Fitted>> = RefCell::default();
    /// The key being built, kept to reuse its allocation.
    static KEY: RefCell<Vec<u8>> = RefCell::default();
}

/// Lets go of this thread's fitted tables.
pub(crate) fn forget_tables() {
    KNOWN.take();
}

/// The columns `fit` gives `rows` and `fits`, from the cache when the same
/// table was fitted before on this thread.
pub fn remembered(
    rows: &[Row],
    fits: &[Fit],
    fit: impl FnOnce(&[Row], &[Fit]) -> Fitted,
) -> Fitted {
    KEY.with_borrow_mut(|key| {
        key.clear();
        write_key(key, rows, fits);
        KNOWN.with_borrow_mut(|known| kept_or_made(known, key, KEPT, || fit(rows, fits)))
    })
}

/// Everything of a table that its fitting reads, each text preceded by its
/// length so that no two tables share a key.
fn write_key(key: &mut Vec<u8>, rows: &[Row], fits: &[Fit]) {
    key.extend(fits.iter().map(|f| *f as u8));
    for row in rows {
        key.push(b'R');
        for cell in &row.cells {
            key.push(b'C');
            key.extend_from_slice(&(cell.span as u64).to_le_bytes());
            for p in &cell.paras {
                write_para_key(key, p);
            }
        }
    }
}

/// Everything of a paragraph that its measure reads (measure.rs).
pub fn write_para_key(key: &mut Vec<u8>, p: &Para) {
    key.extend_from_slice(&[b'P', p.role as u8, u8::from(p.whole_words)]);
    for span in &p.spans {
        if let Span::Text { text, bold, size } = span {
            key.extend_from_slice(&[b'T', u8::from(*bold), *size as u8]);
            key.extend_from_slice(&(text.len() as u64).to_le_bytes());
            key.extend_from_slice(text.as_bytes());
        }
    }
}
