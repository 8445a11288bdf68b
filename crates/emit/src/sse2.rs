//! What the SSE2 scans of a memo's text share (docx_body's figures and escapes,
//! proper_names' screen).

#[cfg(target_arch = "x86")]
use std::arch::x86::{__m128i, _mm_set_epi64x};
#[cfg(target_arch = "x86_64")]
use std::arch::x86_64::{__m128i, _mm_set_epi64x};

/// Sixteen bytes as a vector, from two 64-bit halves: no pointer is read.
/// (Called from functions built for SSE2, the only callers.)
#[inline]
#[target_feature(enable = "sse2")]
pub(crate) fn load16(bytes: &[u8; 16]) -> __m128i {
    let low = i64::from_le_bytes(bytes[..8].try_into().expect("8 bytes"));
    let high = i64::from_le_bytes(bytes[8..].try_into().expect("8 bytes"));
    _mm_set_epi64x(high, low)
}
