//! Records sorted by their keys in memory that does not grow with their number
//! (issue 16, "memory flat in the number of units"): gathered into runs of at
//! most `RUN_BYTES`, each run sorted and appended to a spill (an unnamed
//! temporary file, else memory), then read back merged, a few kilobytes a run.
//! The merge groups a batch's rows into units this way: its keys held in a map
//! were some 200 bytes a unit, 5 MB at 20,000 units.
//!
//! A record is a key (bytes, compared as bytes: as `str` compares), a value (a
//! number, the second sort key) and an extra (bytes carried along, not sorted
//! by).

use std::fs::File;

use crate::spill::{unreadable, Spill, Stored, Window};

/// How many bytes of keys and extras a run of the merge holds before it is
/// sorted and written: some 1,800 units' keys.
const RUN_BYTES: usize = 256 * 1024;

/// How much of each run the merge reads at a time.
const READ_AHEAD: usize = 4 * 1024;

/// A record's fixed part in the spill: its key's length, its extra's, its value.
const HEADER: usize = 4 + 4 + 8;

/// Records as they come.
pub struct SortedRuns {
    spill: Spill,
    run: Run,
    /// How many bytes of keys and extras a run holds before it is written.
    run_bytes: usize,
    /// Where each run written starts and ends in the spill.
    runs: Vec<(u64, u64)>,
    what: &'static str,
}

/// The run being gathered: its records' bytes, and where each lies.
#[derive(Default)]
struct Run {
    bytes: Vec<u8>,
    entries: Vec<Entry>,
}

#[derive(Clone, Copy)]
struct Entry {
    at: u32,
    key_len: u32,
    extra_len: u32,
    value: u64,
}

impl SortedRuns {
    /// Runs spilled to the file `make_file` makes once a chunk is full (held in
    /// memory without one); `what` names them, in Thai, should the file not read
    /// back.
    pub fn new(make_file: fn() -> Option<File>, what: &'static str) -> SortedRuns {
        SortedRuns {
            spill: Spill::file_when_full(make_file),
            run: Run::default(),
            run_bytes: RUN_BYTES,
            runs: Vec::new(),
            what,
        }
    }

    /// Runs of at most `run_bytes` of keys and extras spilled to `file` (an
    /// unnamed temporary file), held in memory without one.
    pub fn in_file(file: Option<File>, run_bytes: usize, what: &'static str) -> SortedRuns {
        SortedRuns {
            spill: Spill::new(file),
            run: Run::default(),
            run_bytes,
            runs: Vec::new(),
            what,
        }
    }

    pub fn push(&mut self, key: &[u8], value: u64, extra: &[u8]) {
        if !self.run.entries.is_empty()
            && self.run.bytes.len() + key.len() + extra.len() > self.run_bytes
        {
            self.write_run();
        }
        let run = &mut self.run;
        let at = u32::try_from(run.bytes.len()).expect("a run is far below 4 GB");
        run.bytes.extend_from_slice(key);
        run.bytes.extend_from_slice(extra);
        run.entries.push(Entry {
            at,
            key_len: key.len() as u32,
            extra_len: extra.len() as u32,
            value,
        });
    }

    fn write_run(&mut self) {
        let Run {
            mut bytes,
            mut entries,
        } = std::mem::take(&mut self.run);
        let key = |e: &Entry| &bytes[e.at as usize..][..e.key_len as usize];
        entries.sort_unstable_by(|a, b| key(a).cmp(key(b)).then(a.value.cmp(&b.value)));
        let start = self.spill.end();
        for e in &entries {
            let record = &bytes[e.at as usize..][..(e.key_len + e.extra_len) as usize];
            self.spill.append(|out| {
                out.extend_from_slice(&e.key_len.to_le_bytes());
                out.extend_from_slice(&e.extra_len.to_le_bytes());
                out.extend_from_slice(&e.value.to_le_bytes());
                out.extend_from_slice(record);
            });
        }
        self.runs.push((start, self.spill.end()));
        // The next run takes the same room again, not grown anew.
        bytes.clear();
        entries.clear();
        self.run = Run { bytes, entries };
    }

    /// Every record pushed, to be read back in order (as often as asked).
    pub fn finish(mut self) -> SortedRecords {
        if !self.run.entries.is_empty() {
            self.write_run();
        }
        SortedRecords {
            stored: self.spill.finish(),
            runs: self.runs,
            what: self.what,
        }
    }
}

/// The records, sorted, each run in the spill.
pub struct SortedRecords {
    stored: Stored,
    runs: Vec<(u64, u64)>,
    what: &'static str,
}

/// One record as the merge gives it.
pub struct Record<'m> {
    pub key: &'m [u8],
    pub value: u64,
    pub extra: &'m [u8],
}

impl SortedRecords {
    /// How many runs the records were sorted in (merged as one).
    pub fn runs(&self) -> usize {
        self.runs.len()
    }

    /// The records by key, then value: the runs read side by side.
    pub fn merged(&self) -> Merged<'_> {
        let mut heads: Vec<Head> = self
            .runs
            .iter()
            .map(|&(at, end)| Head {
                window: Window::reading(READ_AHEAD),
                at,
                end,
                body: Vec::new(),
                key_len: 0,
                value: 0,
            })
            .collect();
        heads.retain_mut(|head| head.advance(&self.stored, self.what));
        Merged {
            records: self,
            heads,
            last: None,
        }
    }
}

/// A pass through the records in order.
pub struct Merged<'r> {
    records: &'r SortedRecords,
    /// Each run not yet gone through, at its next record.
    heads: Vec<Head>,
    /// The run whose record was given last: it moves on at the next call.
    last: Option<usize>,
}

/// A run's next record, and where the one after it starts.
struct Head {
    window: Window,
    at: u64,
    end: u64,
    /// The record's key, then its extra.
    body: Vec<u8>,
    key_len: usize,
    value: u64,
}

impl Head {
    /// Reads the record at `at` into the head; false at the run's end.
    fn advance(&mut self, stored: &Stored, what: &str) -> bool {
        if self.at >= self.end {
            return false;
        }
        let read = |window: &mut Window, at: u64, len: usize, into: &mut Vec<u8>| {
            let bytes = stored
                .bytes(window, at, len)
                .unwrap_or_else(|err| unreadable(what, &err));
            into.clear();
            into.extend_from_slice(bytes);
        };
        // The header first, into the body's room, then the body over it.
        read(&mut self.window, self.at, HEADER, &mut self.body);
        let header: [u8; HEADER] = self.body[..].try_into().expect("a header");
        let word = |k: usize| u32::from_le_bytes(header[k..k + 4].try_into().expect("4 bytes"));
        let len = word(0) as usize + word(4) as usize;
        let body = self.at + HEADER as u64;
        read(&mut self.window, body, len, &mut self.body);
        self.key_len = word(0) as usize;
        self.value = u64::from_le_bytes(header[8..16].try_into().expect("8 bytes"));
        self.at = body + len as u64;
        true
    }

    fn key(&self) -> &[u8] {
        &self.body[..self.key_len]
    }
}

impl Merged<'_> {
    /// The next record (a lending iterator: it borrows the pass).
    #[allow(clippy::should_implement_trait)]
    pub fn next(&mut self) -> Option<Record<'_>> {
        if let Some(last) = self.last.take() {
            if !self.heads[last].advance(&self.records.stored, self.records.what) {
                self.heads.swap_remove(last);
            }
        }
        // A handful of runs for a national batch: the least found by looking.
        let least = (0..self.heads.len()).min_by(|&a, &b| {
            let (a, b) = (&self.heads[a], &self.heads[b]);
            a.key().cmp(b.key()).then(a.value.cmp(&b.value))
        })?;
        self.last = Some(least);
        let head = &self.heads[least];
        Some(Record {
            key: head.key(),
            value: head.value,
            extra: &head.body[head.key_len..],
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn spill_file() -> Option<File> {
        tempfile::tempfile().ok()
    }

    fn no_file() -> Option<File> {
        None
    }

    /// Generated records (keys of 0 to 300 bytes from a small alphabet, so
    /// that many repeat and some are prefixes of others; values repeating)
    /// come back in the order a sort of them all gives, with their extras,
    /// whether the runs are in a file or held, one run or many, read twice.
    #[test]
    fn records_come_back_in_the_order_of_a_sort_of_them_all() {
        let mut rng = fastrand::Rng::with_seed(36);
        for case in 0..40 {
            let count = match case % 4 {
                0 => rng.usize(0..5),
                1 => rng.usize(0..200),
                _ => rng.usize(1_000..12_000),
            };
            let alphabet: Vec<char> = "กขค ab\u{0}z".chars().collect();
            let records: Vec<(Vec<u8>, u64, Vec<u8>)> = (0..count)
                .map(|_| {
                    let len = if rng.bool() {
                        rng.usize(0..4)
                    } else {
                        rng.usize(0..100)
                    };
                    let key: String = (0..len)
                        .map(|_| alphabet[rng.usize(..alphabet.len())])
                        .collect();
                    let extra: Vec<u8> = (0..rng.usize(0..9)).map(|_| rng.u8(..)).collect();
                    (key.into_bytes(), rng.u64(0..50), extra)
                })
                .collect();
            let make: fn() -> Option<File> = if case % 3 == 0 { no_file } else { spill_file };
            let mut runs = SortedRuns::new(make, "ระเบียน");
            for (key, value, extra) in &records {
                runs.push(key, *value, extra);
            }
            let sorted = runs.finish();
            let mut expected = records.clone();
            // Records equal in key and value keep no order among them: their
            // extras are compared as a set.
            expected.sort();
            for _pass in 0..2 {
                let mut merged = sorted.merged();
                let mut got = Vec::new();
                while let Some(r) = merged.next() {
                    got.push((r.key.to_vec(), r.value, r.extra.to_vec()));
                }
                assert_eq!(got.len(), expected.len(), "case {case}");
                for (g, e) in got
                    .chunk_by(|a, b| (&a.0, a.1) == (&b.0, b.1))
                    .zip(expected.chunk_by(|a, b| (&a.0, a.1) == (&b.0, b.1)))
                {
                    let mut g = g.to_vec();
                    g.sort();
                    assert_eq!(g, e, "case {case}");
                }
            }
        }
    }

    fn unreadable_file() -> Option<File> {
        crate::spill::unreadable_file_in(&std::env::temp_dir())
    }

    /// Runs the disk will not give back end the run with the one message for
    /// a failing disk, naming what the runs held.
    #[test]
    fn runs_that_do_not_read_back_end_the_run_with_the_disk_message() {
        let mut runs = SortedRuns::new(unreadable_file, "รายชื่อหน่วยงาน");
        for k in 0..20_000u64 {
            runs.push(format!("name:{k:08}").as_bytes(), k, b"");
        }
        let sorted = runs.finish();
        assert!(sorted.stored.in_file(), "the runs went to the file");
        let payload = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
            let mut merged = sorted.merged();
            while merged.next().is_some() {}
        }))
        .expect_err("a read the disk refuses ends the pass");
        let said = &payload
            .downcast_ref::<crate::spill::SpillUnreadable>()
            .expect("the disk's message")
            .0;
        assert!(
            said.starts_with("อ่านรายชื่อหน่วยงานที่พักไว้ในไฟล์ชั่วคราวกลับไม่ได้ (ดิสก์อาจมีปัญหา)"),
            "{said}"
        );
    }

    /// Many runs: a batch's keys several times the run's room come back merged
    /// from the file, not held (the spill holds no more than a chunk).
    #[test]
    fn keys_many_runs_long_are_written_out_and_merged() {
        let mut runs = SortedRuns::new(spill_file, "ระเบียน");
        let key = |k: u64| format!("name:{:08}", (k * 7_919) % 100_000);
        for k in 0..100_000u64 {
            runs.push(key(k).as_bytes(), k, b"");
        }
        assert!(runs.runs.len() >= 3, "{} runs", runs.runs.len());
        let sorted = runs.finish();
        assert!(sorted.stored.in_file() && sorted.stored.held.is_empty());
        let mut merged = sorted.merged();
        let mut previous: Option<Vec<u8>> = None;
        let mut n = 0;
        while let Some(r) = merged.next() {
            if let Some(p) = &previous {
                assert!(p.as_slice() < r.key, "in order");
            }
            previous = Some(r.key.to_vec());
            n += 1;
        }
        assert_eq!(n, 100_000);
    }
}
