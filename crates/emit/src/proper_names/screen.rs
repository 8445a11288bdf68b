//! Which of the unit's names a span of a memo holds, in one pass. Nearly every
//! span holds none (a memo has about 320, 1 to 6 in 100 with a name), so the
//! cost is in saying so: memmem's searchers, set up and called about twice a
//! span, cost about 700 instructions a span. A name is known by the last bytes
//! of its last two characters (in Thai, the bytes that tell one letter from
//! another): "อำเภอพะโต๊ะ" ends as "พะโต๊ะ" does, so the few names make fewer
//! pairs, looked for together 32 positions at a time (16 without AVX2), and
//! the names are checked whole only where a pair is.

/// A name's pair: its third-last byte and its last.
type Pair = [u8; 2];

/// From the third-last byte of a name to its last.
const PAIR_SPAN: usize = 3;

/// The bytes one test looks at: 16 positions and the pair's span after them.
const WINDOW: usize = 16 + PAIR_SPAN;

/// The bytes one AVX2 test looks at.
#[cfg(any(target_arch = "x86", target_arch = "x86_64"))]
const WIDE_WINDOW: usize = 32 + PAIR_SPAN;

pub(super) struct Screen<'a> {
    /// The names, each with its pair (none if it has none).
    names: Vec<(&'a str, Option<Pair>)>,
    /// The names' pairs, each once; none where a name is too short to have
    /// a pair or there are more names than bits: then every span is said to
    /// hold every name.
    pairs: Vec<Pair>,
    /// The shortest name's length in bytes.
    shortest: usize,
}

/// How many positions a test looks at: the most the processor can (the
/// memo's way), or 16 (the tests' check on the other).
#[derive(Clone, Copy, PartialEq, Eq)]
enum Tests {
    Widest,
    #[cfg_attr(not(test), allow(dead_code))]
    By16,
}

/// The names a span holds, bit k for the k-th name.
pub(super) type Found = u64;

impl<'a> Screen<'a> {
    pub(super) fn new(names: impl IntoIterator<Item = &'a str>) -> Screen<'a> {
        let pair_of = |name: &str| {
            let last = name.len().checked_sub(1)?;
            let bytes = name.as_bytes();
            Some([bytes[last.checked_sub(PAIR_SPAN)?], bytes[last]])
        };
        let names: Vec<_> = names.into_iter().map(|n| (n, pair_of(n))).collect();
        let mut pairs: Vec<Pair> = Vec::new();
        for &(_, pair) in &names {
            let Some(pair) = pair else {
                pairs.clear();
                break;
            };
            if !pairs.contains(&pair) {
                pairs.push(pair);
            }
        }
        if names.len() > Found::BITS as usize {
            pairs.clear();
        }
        Screen {
            shortest: names.iter().map(|(n, _)| n.len()).min().unwrap_or(0),
            names,
            pairs,
        }
    }

    /// The names `text` holds (all of them where the screen cannot tell).
    pub(super) fn names_in(&self, text: &str) -> Found {
        self.names_in_by(text, Tests::Widest)
    }

    fn names_in_by(&self, text: &str, tests: Tests) -> Found {
        match *self.pairs.as_slice() {
            [a] => self.scan(text.as_bytes(), [a], tests),
            [a, b] => self.scan(text.as_bytes(), [a, b], tests),
            [a, b, c] => self.scan(text.as_bytes(), [a, b, c], tests),
            [a, b, c, d] => self.scan(text.as_bytes(), [a, b, c, d], tests),
            _ => Found::MAX,
        }
    }

    /// The names in `bytes`, looked for where one of `pairs` is: 32 positions
    /// a test with AVX2 where the processor has it (the screen was a twentieth
    /// of a memo's instructions, 16 at a time), else 16.
    fn scan<const PAIRS: usize>(&self, bytes: &[u8], pairs: [Pair; PAIRS], tests: Tests) -> Found {
        if bytes.len() < self.shortest {
            return 0;
        }
        #[cfg(any(target_arch = "x86", target_arch = "x86_64"))]
        if tests == Tests::Widest && std::arch::is_x86_feature_detected!("avx2") {
            // SAFETY: the function needs only AVX2, which this processor has.
            return unsafe { self.scan_by_32(bytes, pairs) };
        }
        self.scan_by_16(bytes, pairs)
    }

    /// `scan` 16 positions a test.
    fn scan_by_16<const PAIRS: usize>(&self, bytes: &[u8], pairs: [Pair; PAIRS]) -> Found {
        let mut found = 0;
        // `at`: where a name's third-last byte may be, 16 positions a test.
        let first = self.shortest - 1 - PAIR_SPAN;
        let mut at = first;
        while at + WINDOW <= bytes.len() {
            found |= self.ending_at(bytes, at, pairs_at(&bytes[at..], pairs));
            at += 16;
        }
        if at + PAIR_SPAN < bytes.len() {
            // The last positions: the last window of the text where it has
            // one (some positions looked at twice), else the text's bytes
            // with zeros after them (where a pair in the zeros is no name's).
            if bytes.len() >= first + WINDOW {
                let last = bytes.len() - WINDOW;
                found |= self.ending_at(bytes, last, pairs_at(&bytes[last..], pairs));
            } else {
                let mut window = [0; WINDOW];
                window[..bytes.len() - at].copy_from_slice(&bytes[at..]);
                found |= self.ending_at(bytes, at, pairs_at(&window, pairs));
            }
        }
        found
    }

    /// `scan` 32 positions a test, as `scan_by_16` goes (the pairs looked for
    /// are set up once a span, one instruction each).
    #[cfg(any(target_arch = "x86", target_arch = "x86_64"))]
    #[target_feature(enable = "avx2")]
    fn scan_by_32<const PAIRS: usize>(&self, bytes: &[u8], pairs: [Pair; PAIRS]) -> Found {
        #[cfg(target_arch = "x86")]
        use std::arch::x86::*;
        #[cfg(target_arch = "x86_64")]
        use std::arch::x86_64::*;
        let wanted = pairs.map(|[a, b]| (_mm256_set1_epi8(a as i8), _mm256_set1_epi8(b as i8)));
        let pairs_at = |window: &[u8; WIDE_WINDOW]| {
            let load = |from: usize| {
                let bytes: &[u8; 32] = window[from..from + 32].try_into().expect("32 bytes");
                // SAFETY: reads the 32 bytes of `bytes` (unaligned, as allowed).
                unsafe { _mm256_loadu_si256(bytes.as_ptr().cast()) }
            };
            let (first, last) = (load(0), load(PAIR_SPAN));
            let found = wanted
                .iter()
                .fold(_mm256_setzero_si256(), |found, &(a, b)| {
                    let pair =
                        _mm256_and_si256(_mm256_cmpeq_epi8(first, a), _mm256_cmpeq_epi8(last, b));
                    _mm256_or_si256(found, pair)
                });
            _mm256_movemask_epi8(found) as u32
        };
        let window_at = |at: usize| -> &[u8; WIDE_WINDOW] {
            bytes[at..at + WIDE_WINDOW].try_into().expect("a window")
        };
        // Most windows hold no pair: no call for them.
        let names_at = |at: usize, pairs: u32| match pairs {
            0 => 0,
            pairs => self.ending_at(bytes, at, pairs),
        };
        let mut found = 0;
        let first = self.shortest - 1 - PAIR_SPAN;
        let mut at = first;
        while at + WIDE_WINDOW <= bytes.len() {
            found |= names_at(at, pairs_at(window_at(at)));
            at += 32;
        }
        if at + PAIR_SPAN < bytes.len() {
            // The last positions, as `scan_by_16` looks at them.
            if bytes.len() >= first + WIDE_WINDOW {
                let last = bytes.len() - WIDE_WINDOW;
                found |= names_at(last, pairs_at(window_at(last)));
            } else {
                let mut window = [0; WIDE_WINDOW];
                window[..bytes.len() - at].copy_from_slice(&bytes[at..]);
                found |= names_at(at, pairs_at(&window));
            }
        }
        found
    }

    /// The names that end where `pairs` marks, bit k for a pair at `at + k`.
    fn ending_at(&self, bytes: &[u8], at: usize, mut pairs: u32) -> Found {
        let mut found = 0;
        while pairs != 0 {
            let end = at + pairs.trailing_zeros() as usize + PAIR_SPAN + 1;
            if let Some(before) = bytes.get(..end) {
                let pair = [before[end - 1 - PAIR_SPAN], before[end - 1]];
                for (k, (name, name_pair)) in self.names.iter().enumerate() {
                    if *name_pair == Some(pair) && before.ends_with(name.as_bytes()) {
                        found |= 1 << k;
                    }
                }
            }
            pairs &= pairs - 1;
        }
        found
    }
}

/// Bit k set where `window[k]` and `window[k + 3]` are one of `pairs`; the
/// window holds at least 19 bytes. With SSE2 where the target has it (every
/// x86-64 processor does), else one by one.
#[cfg(target_feature = "sse2")]
fn pairs_at<const PAIRS: usize>(window: &[u8], pairs: [Pair; PAIRS]) -> u32 {
    let sixteen =
        |from: usize| -> &[u8; 16] { window[from..from + 16].try_into().expect("16 bytes") };
    // SAFETY: the function needs only SSE2, which this build's target has.
    unsafe { pairs_at_sse2(sixteen(0), sixteen(PAIR_SPAN), pairs) }
}

#[cfg(not(target_feature = "sse2"))]
fn pairs_at<const PAIRS: usize>(window: &[u8], pairs: [Pair; PAIRS]) -> u32 {
    (0..16).fold(0, |mask, k| {
        let pair = [window[k], window[k + PAIR_SPAN]];
        mask | u32::from(pairs.contains(&pair)) << k
    })
}

#[cfg(target_feature = "sse2")]
#[target_feature(enable = "sse2")]
fn pairs_at_sse2<const PAIRS: usize>(
    first: &[u8; 16],
    last: &[u8; 16],
    pairs: [Pair; PAIRS],
) -> u32 {
    use crate::sse2::load16 as load;
    #[cfg(target_arch = "x86")]
    use std::arch::x86::*;
    #[cfg(target_arch = "x86_64")]
    use std::arch::x86_64::*;
    let (first, last) = (load(first), load(last));
    let found = pairs.iter().fold(_mm_setzero_si128(), |found, &[a, b]| {
        let pair = _mm_and_si128(
            _mm_cmpeq_epi8(first, _mm_set1_epi8(a as i8)),
            _mm_cmpeq_epi8(last, _mm_set1_epi8(b as i8)),
        );
        _mm_or_si128(found, pair)
    });
    _mm_movemask_epi8(found) as u32
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::proper_names::tests::PIECES;

    /// The names the screen finds are those the text holds, for texts from a
    /// fixed seed long and short (each position of a test, the last window,
    /// the text too short for one), with names that end alike, fewer and
    /// more than four pairs, and names too short to screen.
    #[test]
    fn a_span_holds_the_names_it_is_found_to_hold() {
        let mut rng = fastrand::Rng::with_seed(2566);
        let mut pairs_seen = [0; 6];
        for _ in 0..400 {
            let names: Vec<String> = (0..rng.usize(1..8))
                .map(|_| {
                    (0..rng.usize(1..4))
                        .map(|_| PIECES[rng.usize(..PIECES.len())])
                        .collect()
                })
                .collect();
            let screen = Screen::new(names.iter().map(String::as_str));
            pairs_seen[screen.pairs.len().min(5)] += 1;
            for _ in 0..100 {
                let text: String = (0..rng.usize(0..40))
                    .map(|_| PIECES[rng.usize(..PIECES.len())])
                    .collect();
                let held = names
                    .iter()
                    .enumerate()
                    .filter(|(_, name)| text.contains(name.as_str()))
                    .fold(0, |found, (k, _)| found | 1 << k);
                let found = screen.names_in(&text);
                assert_eq!(screen.names_in_by(&text, Tests::By16), found);
                if screen.pairs.is_empty() || screen.pairs.len() > 4 {
                    assert_eq!(found, Found::MAX, "{names:?}");
                } else {
                    assert_eq!(found, held, "{names:?} in {text:?}");
                }
            }
        }
        // Each way of screening was met: none (a name too short), one to four
        // pairs, and more pairs than one test looks for.
        assert!(pairs_seen.iter().all(|&n| n > 0), "{pairs_seen:?}");
    }
}
