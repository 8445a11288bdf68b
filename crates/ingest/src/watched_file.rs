//! A workbook read from its file as its sheets are read, not from its bytes held
//! whole (170 bytes a unit of a national export, issue 16), and failing as a
//! whole as it did then: the first read that fails is kept (`Failure`), and the
//! file is reported with it whatever the reader made of the error (calamine
//! takes a failed read for a damaged sheet, and the other sheet's units would
//! have had memos from one year alone). A file is read as long as it was when
//! opened: one that grows is read no further, one cut short fails.

use std::fs::File;
use std::io::{self, Read, Seek, SeekFrom};
use std::sync::{Arc, Mutex};

use crate::fault_injection;

/// The first read of a file that failed, shared between the reader, which
/// the workbook's opening owns, and the one who asks after the sheets.
#[derive(Clone, Default)]
pub struct Failure(Arc<Mutex<Option<io::Error>>>);

impl Failure {
    pub(crate) fn keep(&self, err: &io::Error) {
        let mut first = self.0.lock().unwrap_or_else(|e| e.into_inner());
        first.get_or_insert_with(|| match err.raw_os_error() {
            Some(code) => io::Error::from_raw_os_error(code),
            None => io::Error::new(err.kind(), err.to_string()),
        });
    }

    /// The first failed read, if one failed.
    pub fn take(&self) -> Option<io::Error> {
        self.0.lock().unwrap_or_else(|e| e.into_inner()).take()
    }
}

/// A file seen as `len` bytes long, every failed read kept in `failure`.
pub struct WatchedFile {
    file: File,
    len: u64,
    at: u64,
    failure: Failure,
    fault: Option<fault_injection::DiskFault>,
}

impl WatchedFile {
    /// `name` is the file as the report names it (for the tests' faults).
    pub fn new(file: File, len: u64, failure: Failure, name: &str) -> WatchedFile {
        WatchedFile {
            file,
            len,
            at: 0,
            failure,
            fault: fault_injection::disk_fault_for(name, len),
        }
    }

    fn failed(&self, err: io::Error) -> io::Error {
        self.failure.keep(&err);
        err
    }
}

impl Read for WatchedFile {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        let left = self.len.saturating_sub(self.at);
        let want = buf.len().min(usize::try_from(left).unwrap_or(usize::MAX));
        if want == 0 {
            return Ok(0);
        }
        if let Some(fault) = &self.fault {
            if let Err(err) = fault.reading(self.at, want as u64) {
                return Err(self.failed(err));
            }
        }
        match self.file.read(&mut buf[..want]) {
            Ok(0) => Err(self.failed(io::Error::from(io::ErrorKind::UnexpectedEof))),
            Ok(n) => {
                self.at += n as u64;
                Ok(n)
            }
            Err(err) if err.kind() == io::ErrorKind::Interrupted => Err(err),
            Err(err) => Err(self.failed(err)),
        }
    }
}

impl Seek for WatchedFile {
    fn seek(&mut self, pos: SeekFrom) -> io::Result<u64> {
        let to = seek_target(pos, self.at, self.len)?;
        match self.file.seek(SeekFrom::Start(to)) {
            Ok(at) => {
                self.at = at;
                Ok(at)
            }
            Err(err) => Err(self.failed(err)),
        }
    }
}

/// Where `pos` leads from `at` in a file of `len` bytes: from the end as it
/// was when opened, so that a file that grows is read as it was.
pub(crate) fn seek_target(pos: SeekFrom, at: u64, len: u64) -> io::Result<u64> {
    let to = match pos {
        SeekFrom::Start(to) => Some(to),
        SeekFrom::End(by) => len.checked_add_signed(by),
        SeekFrom::Current(by) => at.checked_add_signed(by),
    };
    to.ok_or_else(|| {
        io::Error::new(
            io::ErrorKind::InvalidInput,
            "a seek before the file's start",
        )
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn watched(bytes: &[u8], len: u64) -> (WatchedFile, Failure) {
        let mut file = tempfile::tempfile().unwrap();
        std::io::Write::write_all(&mut file, bytes).unwrap();
        file.seek(SeekFrom::Start(0)).unwrap();
        let failure = Failure::default();
        (
            WatchedFile::new(file, len, failure.clone(), "t.xlsx"),
            failure,
        )
    }

    #[test]
    fn a_file_that_grew_is_read_as_long_as_it_was() {
        let (mut file, failure) = watched(b"abcdefgh", 5);
        let mut read = String::new();
        file.read_to_string(&mut read).unwrap();
        assert_eq!(read, "abcde");
        assert_eq!(file.seek(SeekFrom::End(-2)).unwrap(), 3);
        let mut tail = String::new();
        file.read_to_string(&mut tail).unwrap();
        assert_eq!(tail, "de");
        assert!(failure.take().is_none());
    }

    #[test]
    fn a_file_cut_short_fails_and_the_failure_is_kept() {
        let (mut file, failure) = watched(b"abc", 8);
        let mut read = Vec::new();
        let err = file.read_to_end(&mut read).unwrap_err();
        assert_eq!(err.kind(), io::ErrorKind::UnexpectedEof);
        assert_eq!(read, b"abc");
        let kept = failure.take().expect("the failure kept");
        assert_eq!(kept.kind(), io::ErrorKind::UnexpectedEof);
    }
}
