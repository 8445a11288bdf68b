//! A file read on one thread for a reader on another: the file's own thread
//! does every read (`serve`), and the workbook is unpacked and laid out on a pool
//! thread through a `ServedFile`, so that a disk that hangs holds the file's own
//! thread (given up at the time limit) and never a pool thread the memos need,
//! while the memory the reading takes is the pool thread's, used again by the
//! memos (a file's own thread ends, and each left its memory behind it: 100
//! files of 100 units peaked at 25.4 MiB against 20.6).

use std::io::{self, Read, Seek, SeekFrom};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc::{Receiver, RecvTimeoutError, Sender};
use std::sync::Arc;
use std::time::Duration;

use crate::watched_file::{seek_target, Failure, WatchedFile};

/// Whether the one who waits for a file's reading has given up on it (at the
/// file's time limit, or when the run is stopped): the pool thread waiting on
/// the file's thread then lets go too.
#[derive(Clone, Default)]
pub struct GivenUp(Arc<AtomicBool>);

impl GivenUp {
    pub fn now(&self) {
        self.0.store(true, Ordering::Relaxed);
    }

    fn is(&self) -> bool {
        self.0.load(Ordering::Relaxed)
    }
}

/// A read asked of the file's thread: `buf.len()` bytes from `at`, into `buf`
/// (sent back and forth, so that its memory is made once, by the reader).
pub struct Ask {
    at: u64,
    buf: Vec<u8>,
}

/// Answers `asks` from `file` until the reader lets go of its end.
pub fn serve(mut file: WatchedFile, asks: Receiver<Ask>, answers: Sender<io::Result<Vec<u8>>>) {
    for Ask { at, mut buf } in asks {
        let answer = file
            .seek(SeekFrom::Start(at))
            .and_then(|_| file.read(&mut buf))
            .map(|n| {
                buf.truncate(n);
                buf
            });
        if answers.send(answer).is_err() {
            break;
        }
    }
}

/// The reader's side: a file of `len` bytes whose reads the file's thread
/// does. A read not answered before the reading is given up fails, and so does
/// every read asked after (a late answer is never taken for a later read's);
/// the failure is kept with the file's own (`Failure`).
pub struct ServedFile {
    asks: Sender<Ask>,
    answers: Receiver<io::Result<Vec<u8>>>,
    len: u64,
    at: u64,
    spare: Vec<u8>,
    given_up: GivenUp,
    failure: Failure,
}

impl ServedFile {
    pub fn new(
        asks: Sender<Ask>,
        answers: Receiver<io::Result<Vec<u8>>>,
        len: u64,
        given_up: GivenUp,
        failure: Failure,
    ) -> ServedFile {
        ServedFile {
            asks,
            answers,
            len,
            at: 0,
            spare: Vec::new(),
            given_up,
            failure,
        }
    }

    fn answer(&self) -> io::Result<Vec<u8>> {
        loop {
            match self.answers.recv_timeout(Duration::from_millis(100)) {
                Ok(answer) => return answer,
                Err(RecvTimeoutError::Timeout) if self.given_up.is() => return Err(self.late()),
                Err(RecvTimeoutError::Timeout) => {}
                Err(RecvTimeoutError::Disconnected) => return Err(gone()),
            }
        }
    }

    /// The reading was given up: kept as the file's failure.
    fn late(&self) -> io::Error {
        let late = io::Error::from(io::ErrorKind::TimedOut);
        self.failure.keep(&late);
        late
    }
}

/// The most asked of the file's thread at once: calamine's reads are 8 to 32
/// KiB, and a larger one is answered in part, as a read may be.
const MOST_ASKED: usize = 64 * 1024;

/// The file's thread ended: it panicked, which its caller reports.
fn gone() -> io::Error {
    io::Error::other("the file's reading ended")
}

impl Read for ServedFile {
    fn read(&mut self, out: &mut [u8]) -> io::Result<usize> {
        if out.is_empty() || self.at >= self.len {
            return Ok(0);
        }
        if self.given_up.is() {
            return Err(self.late());
        }
        let mut buf = std::mem::take(&mut self.spare);
        buf.resize(out.len().min(MOST_ASKED), 0);
        self.asks
            .send(Ask { at: self.at, buf })
            .map_err(|_| gone())?;
        let got = self.answer()?;
        let n = got.len().min(out.len());
        out[..n].copy_from_slice(&got[..n]);
        self.at += n as u64;
        self.spare = got;
        Ok(n)
    }
}

impl Seek for ServedFile {
    fn seek(&mut self, pos: SeekFrom) -> io::Result<u64> {
        // As the file's thread sees the file (`WatchedFile`).
        self.at = seek_target(pos, self.at, self.len)?;
        Ok(self.at)
    }
}

#[cfg(test)]
mod tests {
    use std::io::Write;
    use std::sync::mpsc;

    use super::*;

    /// `bytes` in a file served on a thread of its own, read through a
    /// `ServedFile` as calamine reads a workbook: seeks and reads of any size.
    #[test]
    fn a_served_file_reads_as_the_file_would() {
        let bytes: Vec<u8> = (0..200_000u32).map(|k| (k * 7 % 251) as u8).collect();
        let mut file = tempfile::tempfile().unwrap();
        file.write_all(&bytes).unwrap();
        let failure = Failure::default();
        let watched = WatchedFile::new(file, bytes.len() as u64, failure.clone(), "t.xlsx");
        let (asks, to_serve) = mpsc::channel();
        let (answer, answers) = mpsc::channel();
        let server = std::thread::spawn(move || serve(watched, to_serve, answer));
        let mut served = ServedFile::new(
            asks,
            answers,
            bytes.len() as u64,
            GivenUp::default(),
            failure,
        );
        let mut rng = 2566u64;
        for _ in 0..500 {
            rng = rng
                .wrapping_mul(6364136223846793005)
                .wrapping_add(1442695040888963407);
            let at = (rng >> 33) % bytes.len() as u64;
            let want = ((rng >> 20) % 70_000) as usize;
            served.seek(SeekFrom::Start(at)).unwrap();
            let mut got = vec![0; want];
            let n = served.read(&mut got).unwrap();
            let end = (at as usize + want).min(bytes.len());
            assert_eq!(&got[..n], &bytes[at as usize..at as usize + n]);
            assert!(n > 0 || want == 0 || at as usize == end);
        }
        assert_eq!(served.seek(SeekFrom::End(-3)).unwrap(), 199_997);
        let mut tail = Vec::new();
        served.read_to_end(&mut tail).unwrap();
        assert_eq!(tail, bytes[199_997..]);
        drop(served);
        server.join().unwrap();
    }

    /// A file's thread that answers late: the read fails once the reading is
    /// given up, the failure is kept, and the late answer is never taken for a
    /// later read's.
    #[test]
    fn a_read_not_answered_fails_when_the_reading_is_given_up() {
        let (asks, to_serve) = mpsc::channel::<Ask>();
        let (answer, answers) = mpsc::channel();
        let given_up = GivenUp::default();
        let failure = Failure::default();
        let mut served = ServedFile::new(asks, answers, 10, given_up.clone(), failure.clone());
        let waiter = given_up.clone();
        let late = std::thread::spawn(move || {
            let ask = to_serve.recv().unwrap();
            waiter.now();
            std::thread::sleep(Duration::from_millis(300));
            let _ = answer.send(Ok(vec![7; ask.buf.len()]));
            to_serve
        });
        let err = served.read(&mut [0; 4]).unwrap_err();
        assert_eq!(err.kind(), io::ErrorKind::TimedOut);
        assert_eq!(failure.take().unwrap().kind(), io::ErrorKind::TimedOut);
        let to_serve = late.join().unwrap();
        let mut again = [0; 4];
        assert_eq!(
            served.read(&mut again).unwrap_err().kind(),
            io::ErrorKind::TimedOut
        );
        assert_eq!(again, [0; 4]);
        assert!(to_serve.try_recv().is_err(), "nothing more asked");
    }
}
