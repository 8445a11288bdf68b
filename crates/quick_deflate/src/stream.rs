//! The same deflate for an input given in pieces, holding only the window.
//!
//! `QuickDeflate::deflate` wants its input whole. The area's summary of a national
//! batch is some 11 MB of XML, held whole only to be deflated to 0.7 MB; fed here
//! piece by piece as it is written, only zlib-rs's window (64 KiB) and what came
//! after it are held.
//!
//! The bytes are the same as `deflate`'s for the whole input, however it is cut:
//! the work is `deflate`'s own steps, each taken only once the input it reads is
//! here. The one step that looks at the input's end, a refill of the window (it
//! takes what is left when less than the room is), waits until the room is here
//! and a byte beyond what the window holds, or until `finish` says there is no
//! more; a refill suspended that way has changed nothing, and taken again is the
//! same step. `finish` then ends as `deflate` ends.

use super::{BitWriter, QuickDeflate, Window, MAX_MATCH, MIN_LOOKAHEAD, SLIDE_AT, STAGE, WINDOW};

/// A deflate under way: `QuickDeflate::stream`, then `write` each piece, then
/// `finish`.
pub struct Stream<'d> {
    deflate: &'d mut QuickDeflate,
    /// The input from the window's start on (what a match may still reach, and
    /// what is not coded yet); the positions below count from its first byte,
    /// and `deflate.base` is the count of that byte.
    held: Vec<u8>,
    window: Window,
    at: usize,
    block_open: bool,
    /// The bits not yet a whole byte, and how many.
    bits: u64,
    bit_count: u32,
}

/// Held input before the window's start is let go once there is this much of it.
const LET_GO_AT: usize = 2 * WINDOW;

impl QuickDeflate {
    /// A deflate of an input given in pieces (under 2 GiB in all), through this
    /// state: the same bytes as `deflate` given it whole.
    pub fn stream(&mut self) -> Stream<'_> {
        if self.base > u32::MAX / 2 {
            // As `deflate` does when its count would wrap (the same bytes: an
            // entry from an earlier input reads as the window's start either way).
            self.head.fill(0);
            self.base = 0;
        }
        Stream {
            deflate: self,
            held: Vec::new(),
            window: Window {
                origin: 0,
                filled: 0,
            },
            at: 0,
            block_open: false,
            bits: 0,
            bit_count: 0,
        }
    }
}

impl<'d> Stream<'d> {
    /// Appends to `out` what `input`, the next piece, lets be coded.
    pub fn write(&mut self, input: &[u8], out: &mut Vec<u8>) {
        self.let_go();
        self.held.extend_from_slice(input);
        u32::try_from(self.held.len())
            .ok()
            .and_then(|held| self.deflate.base.checked_add(held))
            .expect("a deflate stream under 2 GiB");
        let mut staged = [0; STAGE + 8];
        let mut bits = BitWriter::resume(out, &mut staged, self.bits, self.bit_count);
        // `deflate`'s first loop, for as long as the input here allows.
        while self.refill_if_here() {
            if !self.block_open {
                bits.block_header(false);
                self.block_open = true;
            }
            let last_with_room = self.window.filled - MIN_LOOKAHEAD;
            while self.at <= last_with_room {
                self.at =
                    self.deflate
                        .code_one(&self.held, &self.window, self.at, MAX_MATCH, &mut bits);
            }
        }
        (self.bits, self.bit_count) = bits.pause();
    }

    /// Appends the rest to `out`: the input has ended. Gives back the state, for
    /// the next input.
    pub fn finish(self, out: &mut Vec<u8>) -> &'d mut QuickDeflate {
        let Stream {
            deflate,
            held,
            mut window,
            at,
            block_open,
            bits: carried,
            bit_count,
        } = self;
        let input = &held[..];
        let n = input.len();
        let mut staged = [0; STAGE + 8];
        let bits = BitWriter::resume(out, &mut staged, carried, bit_count);
        // From here as `deflate` goes on: its first loop, then its end.
        deflate.code_to_end(input, &mut window, at, block_open, bits);
        // `write` checked that the count does not wrap.
        deflate.base += n as u32;
        deflate
    }

    /// `QuickDeflate::refill`'s steps while the input they read is here: true
    /// when the window has the lookahead `deflate` codes with, false (the step
    /// not taken) when it waits for more input.
    fn refill_if_here(&mut self) -> bool {
        let window = &mut self.window;
        loop {
            let origin = if self.at - window.origin >= SLIDE_AT {
                window.origin + WINDOW
            } else {
                window.origin
            };
            let room = 2 * WINDOW - (window.filled - origin);
            // The room, and a byte more: with none beyond the window, this may
            // be the input's end, where the refill differs.
            if self.held.len() < window.filled + room.max(1) {
                return false;
            }
            window.origin = origin;
            window.filled += room;
            if window.filled - self.at >= super::MIN_MATCH && self.at - window.origin >= 1 {
                let at = self.at - 1;
                self.deflate.head[super::hash(super::four_bytes_at(&self.held, at))] =
                    self.deflate.base + at as u32;
            }
            if window.filled - self.at >= MIN_LOOKAHEAD {
                return true;
            }
        }
    }

    /// Lets go of the input before the window's start (no match reaches it),
    /// counting positions from the window's start instead.
    fn let_go(&mut self) {
        let gone = self.window.origin;
        if gone < LET_GO_AT {
            return;
        }
        self.held.drain(..gone);
        self.deflate.base += gone as u32;
        self.window.origin = 0;
        self.window.filled -= gone;
        self.at -= gone;
    }
}
