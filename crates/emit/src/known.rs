//! A thread's cache of a pure function's results, kept in two parts by
//! document (a memo, the area's summary): what one document meets, and what
//! comes back in a later one. The measured paragraphs (measure.rs) and the
//! fitted tables (share_cache.rs) are kept so.

use std::cell::Cell;
use std::hash::BuildHasher;

use hashbrown::{HashSet, HashTable};
use rustc_hash::FxBuildHasher;

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
