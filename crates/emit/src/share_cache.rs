//! The columns (shares, and each row's lines at them) of tables already
//! fitted on this thread: a batch's
//! memos hold many of the same tables (headers, the catalog's measures, the
//! same offices), and fitting one (measure.rs: ICU's breaks, the widths, the
//! search over shares) costs more than the rest of its writing. Both depend
//! on nothing but the table's text and the columns' fits, so a table met
//! again gets the shares it got before, to the bit.

use std::cell::{Cell, RefCell};
use std::hash::BuildHasher;

use hashbrown::{HashSet, HashTable};
use rustc_hash::FxBuildHasher;

use crate::blocks::{Para, Row, Span};
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

/// A thread's results of a pure function, by the bytes of what it reads, in
/// two parts. What the document being written meets is kept until the next
/// document begins: most of it is that unit's own (its name, its scores) and
/// never comes again. What comes back in a later document (the catalog's
/// texts, the headers) is kept for the run, up to a bound. One cache of both
/// filled with the units' own and started again every hundred memos or so:
/// the memory it took rose and fell by some megabytes a thread, and what
/// came back in every memo was made again after each start.
pub struct Known<V> {
    lasting: HashTable<Entry<V>>,
    this_document: HashTable<Entry<V>>,
    /// The keys (by hash) met in an earlier document and not kept.
    met_before: HashSet<u64, FxBuildHasher>,
    /// Which document `this_document` is of (`next_document`).
    document: u64,
}

struct Entry<V> {
    hash: u64,
    key: Box<[u8]>,
    value: V,
    /// The last document (`Known::document`) that met it.
    met_in: u64,
}

impl<V> Known<V> {
    /// Lets go of what this document met, keeping the keys (their hashes) to
    /// know them when they come back.
    fn forget_this_document(&mut self, kept: usize) {
        if self.met_before.len() + self.this_document.len() > kept * 8 {
            self.met_before.clear();
        }
        self.met_before
            .extend(self.this_document.iter().map(|e| e.hash));
        self.this_document.clear();
    }
}

impl<V> Default for Known<V> {
    fn default() -> Self {
        Known {
            lasting: HashTable::new(),
            this_document: HashTable::new(),
            met_before: HashSet::default(),
            document: 0,
        }
    }
}

thread_local! {
    /// The document this thread is writing, counted by `next_document`.
    static DOCUMENT: Cell<u64> = const { Cell::new(0) };
}

/// Says that the thread begins another document (a memo, the area's summary):
/// what the last one met and nothing else did is let go at the next look.
pub fn next_document() {
    DOCUMENT.with(|d| d.set(d.get() + 1));
}

/// The value kept in `known` for `key`, or `make`'s. Each part holds at most
/// `kept`: the lasting part, when full, keeps what the last two documents met
/// (or, were that everything, nothing); the hashes of keys met before, eight
/// times as many.
pub fn kept_or_made<V: Clone>(
    known: &mut Known<V>,
    key: &[u8],
    kept: usize,
    make: impl FnOnce() -> V,
) -> V {
    let document = DOCUMENT.with(Cell::get);
    if known.document != document {
        known.document = document;
        known.forget_this_document(kept);
    }
    let hash = FxBuildHasher.hash_one(key);
    let same = |e: &Entry<V>| e.hash == hash && *e.key == *key;
    if let Some(e) = known.lasting.find_mut(hash, same) {
        e.met_in = document;
        return e.value.clone();
    }
    if let Some(e) = known.this_document.find(hash, same) {
        return e.value.clone();
    }
    let value = make();
    let part = if known.met_before.remove(&hash) {
        if known.lasting.len() >= kept {
            // What this document or the one before met stays (the catalog's
            // texts, met in every memo); the rest goes.
            known.lasting.retain(|e| e.met_in + 1 >= document);
        }
        if known.lasting.len() >= kept {
            known.lasting.clear();
        }
        &mut known.lasting
    } else {
        if known.this_document.len() >= kept {
            // Not kept as met before: a key met twice in this document
            // would then be taken for one that comes back from memo to memo.
            known.this_document.clear();
        }
        &mut known.this_document
    };
    part.insert_unique(
        hash,
        Entry {
            hash,
            key: key.into(),
            value: value.clone(),
            met_in: document,
        },
        |e| e.hash,
    );
    value
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

#[cfg(test)]
mod tests {
    use super::*;

    /// Over generated documents, each meeting the catalog's keys (a few dozen,
    /// in every document), keys of its own (some met twice in it) and keys of
    /// its area (shared by a few documents): every answer is what `make` gives
    /// for that key; each part of the cache stays within its bound, however
    /// many documents and keys; and where a document's keys fit the cache,
    /// once the catalog's keys have come back a document meets them without
    /// making them again.
    #[test]
    fn answers_are_made_ones_and_memory_is_bounded_in_the_documents() {
        let make =
            |key: &[u8]| key.iter().map(|&b| u64::from(b)).sum::<u64>() * 31 + key.len() as u64;
        for seed in 0..20 {
            let mut rng = fastrand::Rng::with_seed(seed);
            let kept = rng.usize(4..=64);
            let catalog = rng.usize(1..=kept.min(24));
            // Documents that each fit the cache, or any number of keys.
            let fits = rng.bool();
            let own_most = if fits {
                kept.saturating_sub(catalog + 2)
            } else {
                30
            };
            let mut known = Known::default();
            let mut made = 0usize;
            for document in 0..600u32 {
                next_document();
                let mut keys: Vec<Vec<u8>> = (0..catalog)
                    .map(|k| format!("catalog {k}").into_bytes())
                    .collect();
                for k in 0..rng.usize(0..=own_most) {
                    let own = format!("unit {document} {k}").into_bytes();
                    if rng.bool() {
                        keys.push(own.clone());
                    }
                    keys.push(own);
                }
                keys.push(format!("area {}", document / 7).into_bytes());
                rng.shuffle(&mut keys);
                let made_before = made;
                for key in &keys {
                    let got = kept_or_made(&mut known, key, kept, || {
                        made += 1;
                        make(key)
                    });
                    assert_eq!(got, make(key), "seed {seed}, document {document}");
                }
                assert!(known.lasting.len() <= kept);
                assert!(known.this_document.len() <= kept);
                assert!(known.met_before.len() <= kept * 9);
                if fits && document >= 2 && catalog + 2 < kept {
                    // Nothing of the catalog's is made again: only the
                    // document's own and its area's, each once at most.
                    let own = keys.iter().filter(|k| !k.starts_with(b"catalog")).count();
                    assert!(made - made_before <= own, "seed {seed}, document {document}, kept {kept}, catalog {catalog}, made {}, own {own}", made - made_before);
                }
            }
        }
    }
}
