//! Raw deflate bit for bit as zlib-rs writes it at level 1, for an input held whole.
//!
//! A memo's package must keep its bytes (issue 16), and they are zlib-rs's level 1
//! ("deflate_quick": fixed Huffman codes, one hash probe per position, no chains).
//! That algorithm is small; what costs is around it: zlib-rs copies its input into
//! a 64 KiB window and slides it, clears a 128 KiB hash table for every part, and
//! writes through a pending buffer. Here the input is already in memory, so the
//! window is the input itself, the table holds positions over every input this
//! state has deflated (so an entry from an earlier part reads as zlib-rs's cleared
//! entry, and nothing is cleared), and codes go straight into the output.
//!
//! What must match zlib-rs (zlib-rs 0.6.8, `deflate/algorithm/quick.rs` and
//! `fill_window`), and is modelled here:
//! - the hash of a position's four bytes, and the table's one entry per hash;
//! - the window's slides, which turn entries older than the window's start into
//!   position 0 (a candidate like any other), and the position just before the
//!   current one, which each refill of the window inserts;
//! - the blocks: one fixed-code block up to where fewer than `MIN_LOOKAHEAD` bytes
//!   are left (zlib-rs stops there until it is told to finish), and a last block for
//!   the rest; zlib-rs's output is that of a call given room for all its output.
//!
//! The tests deflate thousands of generated inputs both ways, through one state as
//! the program does, and compare the bytes.
//!
//! The release build leaves out overflow checks for this crate (the workspace's
//! Cargo.toml says why), and positions are counted in u32 only after `deflate`
//! has checked that they fit. Slice indexes are checked but in the hot loop's two
//! reads (`code_one`: the bytes ahead and the candidate's), whose bounds are
//! shown there and asserted in debug builds, and the 16-byte comparison.

mod stream;

pub use stream::Stream;

/// zlib-rs's window: 32 KiB that matches may reach back into, twice that held.
const WINDOW: usize = 32 * 1024;
/// Bytes that must be ahead of the current position before it is coded, but at
/// the end (zlib-rs refills its window when fewer are left).
const MIN_LOOKAHEAD: usize = MAX_MATCH + MIN_MATCH + 1;
/// The farthest a match may reach back.
const MAX_DIST: usize = WINDOW - MIN_LOOKAHEAD;
/// Where in the window zlib-rs slides it down by `WINDOW`.
const SLIDE_AT: usize = WINDOW + MAX_DIST;
const MIN_MATCH: usize = 3;
const MAX_MATCH: usize = 258;
const HASH_SIZE: usize = 1 << 16;

/// A deflate state for one thread, reused part after part.
pub struct QuickDeflate {
    /// For each hash, where it was last seen: a position counted over every input
    /// this state has deflated.
    head: Box<[u32; HASH_SIZE]>,
    /// Where the current input starts in that count.
    base: u32,
}

impl Default for QuickDeflate {
    fn default() -> QuickDeflate {
        QuickDeflate {
            head: vec![0; HASH_SIZE].try_into().expect("the table's size"),
            base: 0,
        }
    }
}

/// zlib-rs's hash of four bytes: below `HASH_SIZE`, so it indexes the table
/// without a check.
fn hash(four_bytes: u32) -> usize {
    (four_bytes.wrapping_mul(2_654_435_761) >> 16) as usize
}

fn four_bytes_at(input: &[u8], at: usize) -> u32 {
    u32::from_le_bytes(input[at..at + 4].try_into().expect("four bytes"))
}

/// How many bytes `a` and `b` (as long as each other) agree in from the start,
/// compared sixteen at a time: in a memo's parts three matches in four end
/// within their first sixteen bytes, so mostly one step and one branch, and 70%
/// of the matched bytes are in matches of 24 or more (markup repeats).
#[inline(always)]
fn agreeing(a: &[u8], b: &[u8]) -> usize {
    debug_assert_eq!(a.len(), b.len());
    let mut len = 0;
    for (x, y) in a.chunks_exact(16).zip(b.chunks_exact(16)) {
        let agree = agreeing_16(
            x.try_into().expect("16 bytes"),
            y.try_into().expect("16 bytes"),
        );
        if agree != 0xFFFF {
            return len + (!agree).trailing_zeros() as usize;
        }
        len += 16;
    }
    len + a[len..]
        .iter()
        .zip(&b[len..])
        .take_while(|(x, y)| x == y)
        .count()
}

/// Which of the 16 bytes of `a` and `b` agree: one bit each, the first lowest.
#[cfg(target_arch = "x86_64")]
#[inline(always)]
fn agreeing_16(a: &[u8; 16], b: &[u8; 16]) -> u32 {
    use std::arch::x86_64::{__m128i, _mm_cmpeq_epi8, _mm_loadu_si128, _mm_movemask_epi8};
    // SAFETY: each pointer is to 16 bytes, what an unaligned load reads; SSE2,
    // which the comparison and the mask need, is in every x86_64 processor.
    unsafe {
        let a = _mm_loadu_si128(a.as_ptr().cast::<__m128i>());
        let b = _mm_loadu_si128(b.as_ptr().cast::<__m128i>());
        _mm_movemask_epi8(_mm_cmpeq_epi8(a, b)) as u32
    }
}

#[cfg(not(target_arch = "x86_64"))]
use agreeing_16_bytewise as agreeing_16;

/// `agreeing_16` elsewhere than on x86_64 (and its test's reference).
#[cfg(any(test, not(target_arch = "x86_64")))]
#[inline(always)]
fn agreeing_16_bytewise(a: &[u8; 16], b: &[u8; 16]) -> u32 {
    (0..16).fold(0, |agree, i| agree | u32::from(a[i] == b[i]) << i)
}

/// zlib-rs's window over the input: where its position 0 stands, and how far the
/// input has been read into it.
struct Window {
    origin: usize,
    filled: usize,
}

impl QuickDeflate {
    /// Appends `input` deflated (raw, no header) to `out`. The input is less than
    /// 4 GiB, as a zip entry without the zip64 extension is.
    pub fn deflate(&mut self, input: &[u8], out: &mut Vec<u8>) {
        let n = input.len();
        let n32 = u32::try_from(n).expect("a deflate input under 4 GiB");
        if self.base.checked_add(n32).is_none() {
            // The count would wrap: start it again, with the table cleared as
            // zlib-rs clears it.
            self.head.fill(0);
            self.base = 0;
        }
        let mut staged = [0; STAGE + 8];
        let bits = BitWriter::new(out, &mut staged, n);
        let mut window = Window {
            origin: 0,
            filled: 0,
        };
        self.code_to_end(input, &mut window, 0, false, bits);
        self.base += n32;
    }

    /// `deflate`'s steps from `at` to the input's end, where a stream's `finish`
    /// takes them up too: as zlib-rs is first called (not finishing), code while
    /// enough is ahead for the longest match, refilling the window when it runs
    /// short; then as it is called to finish, close the block and code the rest
    /// in a last one.
    #[inline(always)]
    fn code_to_end(
        &mut self,
        input: &[u8],
        window: &mut Window,
        mut at: usize,
        mut block_open: bool,
        mut bits: BitWriter,
    ) {
        let n = input.len();
        loop {
            self.refill(input, window, at);
            if window.filled - at < MIN_LOOKAHEAD {
                break;
            }
            if !block_open {
                bits.block_header(false);
                block_open = true;
            }
            let last_with_room = window.filled - MIN_LOOKAHEAD;
            while at <= last_with_room {
                at = self.code_one(input, window, at, MAX_MATCH, &mut bits);
            }
        }
        if block_open {
            bits.end_of_block();
        }
        bits.block_header(true);
        loop {
            // Nothing is left to read, but the window still slides.
            self.refill(input, window, at);
            let ahead = n - at;
            if ahead == 0 {
                break;
            }
            at = if ahead < 4 {
                bits.literal(input[at]);
                at + 1
            } else {
                self.code_one(input, window, at, ahead.min(MAX_MATCH), &mut bits)
            };
        }
        bits.end_of_block();
        bits.finish();
    }

    /// zlib-rs's `fill_window`, for a window over `input` at `at`.
    fn refill(&mut self, input: &[u8], window: &mut Window, at: usize) {
        loop {
            let mut room = 2 * WINDOW - (window.filled - window.origin);
            if at - window.origin >= SLIDE_AT {
                // Entries before the new origin now read as its position 0.
                window.origin += WINDOW;
                room += WINDOW;
            }
            if window.filled == input.len() {
                return;
            }
            window.filled += room.min(input.len() - window.filled);
            if window.filled - at >= MIN_MATCH && at - window.origin >= 1 {
                self.head[hash(four_bytes_at(input, at - 1))] = self.base + at as u32 - 1;
            }
            if window.filled - at >= MIN_LOOKAHEAD || window.filled == input.len() {
                return;
            }
        }
    }

    /// Codes the literal or match at `at`, where at least four bytes and at most
    /// `longest` may be matched; gives the position after it.
    // Inlined into the loops above, so that the bit buffer stays in registers.
    #[inline(always)]
    fn code_one(
        &mut self,
        input: &[u8],
        window: &Window,
        at: usize,
        longest: usize,
        bits: &mut BitWriter,
    ) -> usize {
        // What may be matched from here, and from the candidate: slices of
        // `longest` bytes, so the comparisons below need no further checks.
        // Taken unchecked: the checks were an eighth of this deflate's
        // instructions (callgrind, 25.0 against 21.7 million for 40 memos' parts).
        debug_assert!(longest >= 4 && at + longest <= input.len());
        // SAFETY: the callers give `longest` as at most what the input has ahead
        // of `at`: the first loop codes a position only with `MIN_LOOKAHEAD`
        // (more than `MAX_MATCH`) bytes read ahead of it, the last one with
        // `longest` the bytes left.
        let ahead = unsafe { input.get_unchecked(at..at + longest) };
        let four = four_bytes_at(ahead, 0);
        let slot = &mut self.head[hash(four)];
        // zlib-rs's entry for this hash is a position in its window, 0 when the
        // table was cleared or the position slid out: the window's start.
        let window_start = self.base + window.origin as u32;
        let seen = (*slot).max(window_start);
        let here = self.base + at as u32;
        *slot = here;
        let dist = (here - seen) as usize;
        // The symbol's bits, and the bytes it codes; written in one place, so
        // that the loop has one way back to its start.
        let (code, code_len, coded) = 'symbol: {
            if (1..=MAX_DIST).contains(&dist) {
                // Every entry is a position before `here` (one of this input's, or
                // under `base`), so `seen` is from the window's start to `here`.
                debug_assert!(dist <= at - window.origin);
                // SAFETY: `dist` is at most `at` (just above), so the candidate's
                // `longest` bytes start in the input and end before `ahead`'s do.
                let behind = unsafe { input.get_unchecked(at - dist..at - dist + longest) };
                if four_bytes_at(behind, 0) == four {
                    // The first four bytes agree; comparing them again costs nothing.
                    let len = agreeing(ahead, behind);
                    let (code, code_len) = codes::matched(len, dist);
                    break 'symbol (code, code_len, len);
                }
            }
            let (code, code_len) = codes::LITERALS[usize::from(four as u8)];
            (u64::from(code), u32::from(code_len), 1)
        };
        bits.put(code, code_len);
        at + coded
    }
}

/// Whole bytes of code gathered before they are appended to the output.
const STAGE: usize = 4096;

/// Fixed-code deflate symbols written least significant bit first.
///
/// Each symbol's bits go into a 64-bit buffer, which is stored whole into a
/// staging array; its whole bytes are kept (the array's count of them moves on)
/// and the buffer keeps the rest, fewer than 8 bits. So there is no branch on
/// how full the buffer is: one that depended on each symbol's length, and that
/// the processor could not foresee (writing four bytes when 32 bits had
/// gathered took a fifth more time for 10% fewer instructions). The output's
/// Vec is grown a stage at a time.
struct BitWriter<'a> {
    out: &'a mut Vec<u8>,
    buffer: u64,
    /// Bits in `buffer`: fewer than 8 between symbols.
    count: u32,
    /// A reference, not the array, so that the other fields stay in registers.
    staged: &'a mut [u8; STAGE + 8],
    /// Whole bytes in `staged`: fewer than `STAGE` between symbols.
    filled: usize,
}

impl<'a> BitWriter<'a> {
    fn new(
        out: &'a mut Vec<u8>,
        staged: &'a mut [u8; STAGE + 8],
        input_len: usize,
    ) -> BitWriter<'a> {
        // At most 9 bits a byte, and two block headers and ends.
        out.reserve(input_len / 8 * 9 + input_len % 8 * 2 + 8);
        BitWriter {
            out,
            buffer: 0,
            count: 0,
            staged,
            filled: 0,
        }
    }

    /// A writer going on from where `pause` left one: `bits` (`count` of them,
    /// fewer than 8) not yet a whole byte.
    fn resume(
        out: &'a mut Vec<u8>,
        staged: &'a mut [u8; STAGE + 8],
        bits: u64,
        count: u32,
    ) -> BitWriter<'a> {
        BitWriter {
            out,
            buffer: bits,
            count,
            staged,
            filled: 0,
        }
    }

    /// What is staged into the output; the bits not yet a whole byte, and how
    /// many, for `resume`.
    fn pause(self) -> (u64, u32) {
        self.out.extend_from_slice(&self.staged[..self.filled]);
        (self.buffer, self.count)
    }

    /// `len` (at most 32) bits of `code`, which has none above them.
    #[inline(always)]
    fn put(&mut self, code: u64, len: u32) {
        // At most 7 + 32 bits: they fit, and the shift below is under 64.
        self.buffer |= code << self.count;
        self.count += len;
        // `filled` is under `STAGE`: the mask changes nothing, but shows the
        // compiler the eight bytes are in the array.
        let at = self.filled & (STAGE - 1);
        self.staged[at..at + 8].copy_from_slice(&self.buffer.to_le_bytes());
        let whole = self.count / 8;
        self.filled += whole as usize;
        self.buffer >>= whole * 8;
        self.count %= 8;
        if self.filled >= STAGE {
            self.out.extend_from_slice(&self.staged[..self.filled]);
            self.filled = 0;
        }
    }

    fn block_header(&mut self, last: bool) {
        // BFINAL, then BTYPE 01 (fixed codes).
        self.put(0b010 | u64::from(last), 3);
    }

    #[inline(always)]
    fn literal(&mut self, byte: u8) {
        let (code, len) = codes::LITERALS[usize::from(byte)];
        self.put(u64::from(code), u32::from(len));
    }

    fn end_of_block(&mut self) {
        // Symbol 256: seven zero bits.
        self.put(0, 7);
    }

    /// What is staged, and the last bits padded to a whole byte.
    fn finish(self) {
        self.out.extend_from_slice(&self.staged[..self.filled]);
        let bytes = self.count.div_ceil(8) as usize;
        self.out
            .extend_from_slice(&self.buffer.to_le_bytes()[..bytes]);
    }
}

/// The fixed Huffman codes of RFC 1951 (3.2.6), bit-reversed for writing least
/// significant bit first, with their extra bits.
mod codes {
    const fn reversed(code: u32, len: u32) -> u32 {
        code.reverse_bits() >> (32 - len)
    }

    /// A literal/length symbol's code and length.
    const fn symbol(symbol: u32) -> (u32, u32) {
        match symbol {
            0..=143 => (reversed(0x30 + symbol, 8), 8),
            144..=255 => (reversed(0x190 + symbol - 144, 9), 9),
            256..=279 => (reversed(symbol - 256, 7), 7),
            _ => (reversed(0xC0 + symbol - 280, 8), 8),
        }
    }

    pub const LITERALS: [(u16, u8); 256] = {
        let mut table = [(0, 0); 256];
        let mut byte = 0;
        while byte < 256 {
            let (code, len) = symbol(byte as u32);
            table[byte] = (code as u16, len as u8);
            byte += 1;
        }
        table
    };

    const LENGTH_BASE: [u32; 29] = [
        3, 4, 5, 6, 7, 8, 9, 10, 11, 13, 15, 17, 19, 23, 27, 31, 35, 43, 51, 59, 67, 83, 99, 115,
        131, 163, 195, 227, 258,
    ];
    const LENGTH_EXTRA: [u32; 29] = [
        0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 2, 2, 2, 2, 3, 3, 3, 3, 4, 4, 4, 4, 5, 5, 5, 5, 0,
    ];

    /// For each match length less 3: its symbol's code with the extra bits after it.
    pub const LENGTHS: [(u32, u8); 256] = {
        let mut table = [(0, 0); 256];
        let mut code = 0;
        while code < 29 {
            let mut len = LENGTH_BASE[code];
            // 258 has its own symbol (285), not symbol 284's last extra value.
            let end = if code == 28 {
                259
            } else {
                LENGTH_BASE[code + 1]
            };
            while len < end {
                let (bits, bits_len) = symbol(257 + code as u32);
                let extra = len - LENGTH_BASE[code];
                table[(len - 3) as usize] = (
                    bits | extra << bits_len,
                    (bits_len + LENGTH_EXTRA[code]) as u8,
                );
                len += 1;
            }
            code += 1;
        }
        table
    };

    pub(crate) const DIST_BASE: [u32; 30] = [
        1, 2, 3, 4, 5, 7, 9, 13, 17, 25, 33, 49, 65, 97, 129, 193, 257, 385, 513, 769, 1025, 1537,
        2049, 3073, 4097, 6145, 8193, 12289, 16385, 24577,
    ];

    /// For each slot of zlib's `dist_code` (each distance less 1 up to 255, then
    /// each 128 from 256 on: codes from 16 on span multiples of 128), its code's
    /// five bits reversed less its first distance shifted past them, and the
    /// code's length with its extra bits: a distance's bits are then that plus the
    /// distance shifted by five, its extra bits (the distance less the first)
    /// landing after the code.
    const DISTANCE_SLOTS: [(u32, u32); 512] = {
        let mut table = [(0, 0); 512];
        let mut code = 0;
        while code < 30 {
            let mut d = DIST_BASE[code] - 1;
            let end = if code == 29 {
                32768
            } else {
                DIST_BASE[code + 1] - 1
            };
            let extra_len = if code < 4 { 0 } else { code as u32 / 2 - 1 };
            while d < end {
                let slot = if d < 256 { d } else { 256 + (d >> 7) };
                table[slot as usize] = (
                    reversed(code as u32, 5).wrapping_sub(DIST_BASE[code] << 5),
                    5 + extra_len,
                );
                d += 1;
            }
            code += 1;
        }
        table
    };

    /// A match's bits: its length's code and extra bits, then its distance's
    /// (31 bits at most), and their count.
    #[inline(always)]
    pub fn matched(len: usize, dist: usize) -> (u64, u32) {
        // A match is 3 to 258 bytes long: its length less 3 is a byte.
        let (length_bits, length_len) = LENGTHS[usize::from((len - super::MIN_MATCH) as u8)];
        let (dist_bits, dist_len) = distance(dist);
        let length_len = u32::from(length_len);
        (
            u64::from(length_bits | dist_bits << length_len),
            length_len + dist_len,
        )
    }

    /// A distance's code with its extra bits after it, and their length.
    #[inline(always)]
    pub fn distance(dist: usize) -> (u32, u32) {
        let d = dist - 1;
        // Under 32,768, so the slot is under 512 (the mask says so to the compiler).
        let (bits_less_base, len) =
            DISTANCE_SLOTS[(if d < 256 { d } else { 256 + (d >> 7) }) & 511];
        (bits_less_base.wrapping_add((dist as u32) << 5), len)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use flate2::{Compress, Compression, FlushCompress};

    /// zlib-rs at level 1, raw, given room for all its output, through one state
    /// reset for each input, as the zip crate and the program used it.
    fn by_zlib_rs(compress: &mut Compress, input: &[u8]) -> Vec<u8> {
        compress.reset();
        let mut out = Vec::with_capacity(input.len() * 2 + 1024);
        compress
            .compress_vec(input, &mut out, FlushCompress::None)
            .unwrap();
        assert_eq!(compress.total_in() as usize, input.len());
        compress
            .compress_vec(&[], &mut out, FlushCompress::Finish)
            .unwrap();
        out
    }

    fn by_quick(deflate: &mut QuickDeflate, input: &[u8]) -> Vec<u8> {
        let mut out = b"before".to_vec();
        deflate.deflate(input, &mut out);
        assert_eq!(&out[..6], b"before", "what was in the output stays");
        out.split_off(6)
    }

    /// Inputs of the kinds that stress the modelled behaviour: markup-like text from
    /// a small vocabulary (long and near matches), runs (distance 1, 258-byte
    /// matches), random bytes (literals, 9-bit codes), and mixes; lengths around the
    /// window's edges and block boundary.
    fn generated(rng: &mut fastrand::Rng) -> Vec<u8> {
        const WORDS: [&str; 10] = [
            "<w:r><w:t>",
            "</w:t></w:r>",
            "คะแนน",
            "๘๕.๒๓",
            " ",
            "<w:p w:rsidR=\"00A1\">",
            "\"",
            "ร้อยละ",
            "&amp;",
            "\n",
        ];
        let len = match rng.u8(..8) {
            0 => rng.usize(..300),
            1 => MIN_LOOKAHEAD - 3 + rng.usize(..6),
            2 => 2 * WINDOW - 300 + rng.usize(..600),
            3 => WINDOW + MAX_DIST - 300 + rng.usize(..600),
            4 => rng.usize(..400_000),
            _ => rng.usize(..140_000),
        };
        let mut input = Vec::with_capacity(len + 300);
        let style = rng.u8(..4);
        while input.len() < len {
            let kind = if style == 3 { rng.u8(..3) } else { style };
            match kind {
                0 => input.extend_from_slice(WORDS[rng.usize(..WORDS.len())].as_bytes()),
                1 => {
                    let byte = rng.u8(..);
                    input.extend(std::iter::repeat_n(byte, rng.usize(1..600)));
                }
                _ => input.extend((0..rng.usize(1..64)).map(|_| rng.u8(..))),
            }
        }
        input.truncate(len);
        input
    }

    #[test]
    fn generated_inputs_deflate_as_zlib_rs_deflates_them() {
        deflates_generated_as_zlib_rs(1_6, |quick, input, _| by_quick(quick, input));
    }

    /// 1,500 generated inputs (from `seed`) through `deflate`, each the same as
    /// zlib-rs's whole deflate; `deflate` may draw on the generator too.
    fn deflates_generated_as_zlib_rs(
        seed: u64,
        mut deflate: impl FnMut(&mut QuickDeflate, &[u8], &mut fastrand::Rng) -> Vec<u8>,
    ) {
        let mut rng = fastrand::Rng::with_seed(seed);
        let mut compress = Compress::new(Compression::new(1), false);
        let mut quick = QuickDeflate::default();
        for case in 0..1_500 {
            let input = generated(&mut rng);
            let expected = by_zlib_rs(&mut compress, &input);
            let got = deflate(&mut quick, &input, &mut rng);
            assert!(
                got == expected,
                "case {case}: {} bytes in, {} out against zlib-rs's {}",
                input.len(),
                got.len(),
                expected.len()
            );
        }
    }

    /// `input` through a stream, in pieces whose lengths `rng` picks: small
    /// ones (a byte at a time around the window's edges), and up to twice the window.
    fn by_stream(deflate: &mut QuickDeflate, input: &[u8], rng: &mut fastrand::Rng) -> Vec<u8> {
        let mut out = b"before".to_vec();
        let mut stream = deflate.stream();
        let mut rest = input;
        while !rest.is_empty() {
            let len = match rng.u8(..4) {
                0 => rng.usize(..4),
                1 => rng.usize(..400),
                _ => rng.usize(..2 * WINDOW + 600),
            }
            .min(rest.len());
            let (piece, after) = rest.split_at(len);
            stream.write(piece, &mut out);
            rest = after;
        }
        stream.finish(&mut out);
        assert_eq!(&out[..6], b"before", "what was in the output stays");
        out.split_off(6)
    }

    /// Cut anywhere, an input streamed deflates as zlib-rs deflates it whole,
    /// through one state that deflates other inputs whole between the streams
    /// (as the summary's chart follows its document).
    #[test]
    fn generated_inputs_streamed_in_pieces_deflate_as_zlib_rs_deflates_them() {
        deflates_generated_as_zlib_rs(16_10, |quick, input, rng| {
            if rng.u8(..3) == 0 {
                by_quick(quick, input)
            } else {
                by_stream(quick, input, rng)
            }
        });
    }

    /// Periodic inputs (matches at the farthest reach, across slides) and a long
    /// markup-like one, streamed a byte, a few bytes, and a window at a time.
    #[test]
    fn inputs_streamed_in_even_pieces_deflate_as_zlib_rs_deflates_them() {
        let mut compress = Compress::new(Compression::new(1), false);
        let mut quick = QuickDeflate::default();
        let mut rng = fastrand::Rng::with_seed(2_58);
        let markup: Vec<u8> =
            "<w:tr><w:tc><w:p><w:r><w:t>เทศบาลตำบล ๘๕.๒๓</w:t></w:r></w:p></w:tc>"
                .bytes()
                .cycle()
                .take(5 * WINDOW + 77)
                .collect();
        let mut inputs = vec![markup];
        for period in [MAX_DIST, MAX_DIST + 1, WINDOW, SLIDE_AT - WINDOW + 7] {
            let unit: Vec<u8> = (0..period).map(|_| rng.u8(..)).collect();
            inputs.push(
                unit.iter()
                    .cycle()
                    .take(4 * WINDOW + 301)
                    .copied()
                    .collect(),
            );
        }
        for input in &inputs {
            let expected = by_zlib_rs(&mut compress, input);
            for piece in [1, 3, MIN_LOOKAHEAD, WINDOW, 2 * WINDOW + 1] {
                let mut out = Vec::new();
                let mut stream = quick.stream();
                input.chunks(piece).for_each(|p| stream.write(p, &mut out));
                stream.finish(&mut out);
                assert!(
                    out == expected,
                    "{} bytes in pieces of {piece}",
                    input.len()
                );
            }
        }
    }

    #[test]
    fn a_stream_near_the_count_s_end_starts_it_again_with_the_same_bytes() {
        let mut compress = Compress::new(Compression::new(1), false);
        let mut rng = fastrand::Rng::with_seed(33);
        let mut quick = QuickDeflate {
            base: u32::MAX / 2 + 1,
            ..QuickDeflate::default()
        };
        for _ in 0..20 {
            let input = generated(&mut rng);
            assert!(by_stream(&mut quick, &input, &mut rng) == by_zlib_rs(&mut compress, &input));
            assert!(quick.base < u32::MAX / 2);
        }
    }

    #[test]
    fn edge_lengths_deflate_as_zlib_rs_deflates_them() {
        let mut compress = Compress::new(Compression::new(1), false);
        let mut quick = QuickDeflate::default();
        let text: Vec<u8> = "<w:t>ผลการประเมิน ๘๕.๒๓</w:t>"
            .bytes()
            .cycle()
            .take(3 * WINDOW)
            .collect();
        for len in (0..12).chain(MIN_LOOKAHEAD - 6..MIN_LOOKAHEAD + 6) {
            for input in [&text[..len], &vec![b'a'; len][..]] {
                assert!(by_quick(&mut quick, input) == by_zlib_rs(&mut compress, input));
            }
        }
    }

    #[test]
    fn a_count_near_its_end_starts_again_with_the_same_bytes() {
        let mut compress = Compress::new(Compression::new(1), false);
        let mut rng = fastrand::Rng::with_seed(32);
        let mut quick = QuickDeflate {
            base: u32::MAX - 150_000,
            ..QuickDeflate::default()
        };
        for _ in 0..20 {
            let input = generated(&mut rng);
            assert!(by_quick(&mut quick, &input) == by_zlib_rs(&mut compress, &input));
        }
    }

    /// Inputs that repeat with a period around the farthest match and the
    /// window, so that candidates fall just inside and just outside reach, and
    /// across slides; long runs of one byte end them.
    #[test]
    fn periods_at_the_farthest_match_deflate_as_zlib_rs_deflates_them() {
        let mut compress = Compress::new(Compression::new(1), false);
        let mut quick = QuickDeflate::default();
        let mut rng = fastrand::Rng::with_seed(258);
        for period in [
            MAX_DIST - 1,
            MAX_DIST,
            MAX_DIST + 1,
            WINDOW,
            SLIDE_AT - WINDOW + 7,
        ] {
            let unit: Vec<u8> = (0..period).map(|_| rng.u8(..)).collect();
            let mut input: Vec<u8> = unit
                .iter()
                .cycle()
                .take(3 * WINDOW + rng.usize(..WINDOW))
                .copied()
                .collect();
            input.extend(std::iter::repeat_n(b'=', 300 + rng.usize(..300)));
            for len in [
                input.len(),
                2 * WINDOW + MIN_LOOKAHEAD,
                SLIDE_AT + MAX_MATCH,
            ] {
                let input = &input[..len];
                assert!(
                    by_quick(&mut quick, input) == by_zlib_rs(&mut compress, input),
                    "a period of {period}, {len} bytes"
                );
            }
        }
    }

    #[test]
    fn every_distance_codes_as_rfc_1951_says() {
        for dist in 1..=WINDOW {
            // The last code whose first distance is not beyond this one.
            let code = codes::DIST_BASE
                .iter()
                .rposition(|&base| base as usize <= dist)
                .unwrap();
            let extra_len = if code < 4 { 0 } else { code / 2 - 1 };
            let extra = dist - codes::DIST_BASE[code] as usize;
            assert!(extra < 1 << extra_len);
            let reversed = (code as u32).reverse_bits() >> 27;
            assert_eq!(
                codes::distance(dist),
                (reversed | (extra as u32) << 5, 5 + extra_len as u32),
                "distance {dist}"
            );
        }
    }

    #[test]
    fn agreeing_counts_the_bytes_alike_from_the_start() {
        let mut rng = fastrand::Rng::with_seed(16);
        for _ in 0..20_000 {
            let len = rng.usize(..=MAX_MATCH);
            let a: Vec<u8> = (0..len).map(|_| rng.u8(..4)).collect();
            let mut b = a.clone();
            // Unlike from a random place on, or alike throughout.
            if len > 0 && rng.bool() {
                let from = rng.usize(..len);
                b[from..].iter_mut().for_each(|byte| *byte = rng.u8(..4));
            }
            let alike = a.iter().zip(&b).take_while(|(x, y)| x == y).count();
            assert_eq!(agreeing(&a, &b), alike, "{a:?} against {b:?}");
            if let (Some(x), Some(y)) = (a.first_chunk(), b.first_chunk()) {
                assert_eq!(agreeing_16(x, y), agreeing_16_bytewise(x, y));
            }
        }
    }

    #[test]
    fn what_it_writes_inflates_to_the_input() {
        let mut rng = fastrand::Rng::with_seed(7);
        let mut quick = QuickDeflate::default();
        for _ in 0..200 {
            let input = generated(&mut rng);
            let deflated = by_quick(&mut quick, &input);
            let mut inflated = Vec::new();
            std::io::Read::read_to_end(
                &mut flate2::read::DeflateDecoder::new(&deflated[..]),
                &mut inflated,
            )
            .unwrap();
            assert!(inflated == input);
        }
    }
}
