//! The memo's deflate (crates/quick_deflate) against zlib-rs at level 1, whose
//! bytes it must give. The input is the fuzzer's bytes after the first two, taken
//! round and round to a length the first two give (up to 256 KiB), so that short
//! inputs still reach the window's slides; one state serves every input, as a
//! thread's does in a run. A difference panics, which ends the fuzzer.
#![no_main]

use std::cell::RefCell;

use flate2::{Compress, Compression, FlushCompress};
use itamemo_quick_deflate::QuickDeflate;
use libfuzzer_sys::fuzz_target;

thread_local! {
    static QUICK: RefCell<QuickDeflate> = RefCell::new(QuickDeflate::default());
    static ZLIB_RS: RefCell<Compress> = RefCell::new(Compress::new(Compression::new(1), false));
}

fuzz_target!(|bytes: &[u8]| {
    let (length, pattern) = match bytes {
        [high, low, pattern @ ..] if !pattern.is_empty() => {
            (usize::from(u16::from_be_bytes([*high, *low])) * 4, pattern)
        }
        _ => (0, &[][..]),
    };
    let input: Vec<u8> = pattern.iter().copied().cycle().take(length).collect();
    let mut quick = Vec::new();
    QUICK.with(|q| q.borrow_mut().deflate(&input, &mut quick));
    let zlib_rs = ZLIB_RS.with(|z| {
        let mut z = z.borrow_mut();
        z.reset();
        let mut out = Vec::with_capacity(input.len() * 2 + 1024);
        z.compress_vec(&input, &mut out, FlushCompress::None).unwrap();
        z.compress_vec(&[], &mut out, FlushCompress::Finish).unwrap();
        out
    });
    assert!(quick == zlib_rs, "{} bytes in: the deflate differs from zlib-rs's", input.len());
});
