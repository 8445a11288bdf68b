//! When the allocator gives freed memory back to the system.
//!
//! mimalloc keeps a page it no longer uses for a second (its `purge_delay`) before
//! it gives it back, in case it is wanted again. Reading a national file takes a
//! third of that: each sheet's cells, freed on the thread that read them, were
//! still held when the units were built on another thread, and the process held
//! ~50 MiB after reading 10,000 units where the data at its peak was 26 MB.
//!
//! And how the program asks mimalloc for memory (`Allocator`).

use std::alloc::{GlobalAlloc, Layout};
use std::ffi::c_void;

use libmimalloc_sys::{mi_option_get, mi_option_set, mi_option_t};

/// mimalloc, asked as C asks it where the alignment allows.
///
/// The mimalloc crate's own `MiMalloc` asks for every block through
/// `mi_malloc_aligned`, whose checks of the alignment came to 0.04 million
/// instructions a memo (some 1,850 allocations a memo). A block from plain
/// `mi_malloc` is aligned to its size up to 16 bytes (`MI_MAX_ALIGN_SIZE`: every
/// size class from 16 bytes on is a multiple of 16, and 8 below), so a layout
/// whose alignment is at most 16 and at most its size gets a block of its size
/// class there (the aligned way rounds a few sizes up further: 3,579 bytes to
/// 4,096); any other goes the aligned way as before. The crate did the same
/// before version 0.1.40. Blocks from either way are freed by `mi_free`.
pub struct Allocator;

/// The alignment every `mi_malloc` block of at least this size has.
const PLAIN_ALIGN: usize = 16;

fn plain(align: usize, size: usize) -> bool {
    align <= PLAIN_ALIGN && align <= size
}

// SAFETY: each call hands mimalloc's own block back, aligned as the layout asks
// (`plain` says when mi_malloc's is), and frees only mimalloc's blocks.
unsafe impl GlobalAlloc for Allocator {
    #[inline]
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        let (size, align) = (layout.size(), layout.align());
        if plain(align, size) {
            unsafe { libmimalloc_sys::mi_malloc(size).cast() }
        } else {
            unsafe { libmimalloc_sys::mi_malloc_aligned(size, align).cast() }
        }
    }

    #[inline]
    unsafe fn alloc_zeroed(&self, layout: Layout) -> *mut u8 {
        let (size, align) = (layout.size(), layout.align());
        if plain(align, size) {
            unsafe { libmimalloc_sys::mi_zalloc(size).cast() }
        } else {
            unsafe { libmimalloc_sys::mi_zalloc_aligned(size, align).cast() }
        }
    }

    #[inline]
    unsafe fn dealloc(&self, ptr: *mut u8, _layout: Layout) {
        unsafe { libmimalloc_sys::mi_free(ptr.cast::<c_void>()) }
    }

    #[inline]
    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        let align = layout.align();
        if plain(align, new_size) {
            unsafe { libmimalloc_sys::mi_realloc(ptr.cast::<c_void>(), new_size).cast() }
        } else {
            unsafe {
                libmimalloc_sys::mi_realloc_aligned(ptr.cast::<c_void>(), new_size, align).cast()
            }
        }
    }
}

/// `mi_option_purge_delay` in mimalloc's option enum (v2 and v3 alike; the crate
/// names only some of the options).
const PURGE_DELAY: mi_option_t = 15;

/// Runs `work` with freed pages given back at once, then as before.
pub fn returning_freed_pages<T>(work: impl FnOnce() -> T) -> T {
    // SAFETY: reading and setting an option, which mimalloc allows at any time.
    let before = unsafe { mi_option_get(PURGE_DELAY) };
    unsafe { mi_option_set(PURGE_DELAY, 0) };
    let done = work();
    unsafe { mi_option_set(PURGE_DELAY, before) };
    done
}

/// mimalloc keeps what a thread frees for that thread's next allocations: once
/// the memos are written their threads make none, and the summary's document
/// (some 11 MB for a national batch) would come on top of what they keep. Each
/// pool thread, and this one, gives its freed pages back to the system.
pub fn give_back_freed_memory() {
    // SAFETY: mi_collect only frees memory no allocation holds.
    rayon::broadcast(|_| unsafe { libmimalloc_sys::mi_collect(true) });
    unsafe { libmimalloc_sys::mi_collect(true) };
}

#[cfg(test)]
mod tests {
    use super::*;

    /// On generated layouts (sizes up to 300 KB, alignments up to 4 KiB), each
    /// block `Allocator` gives is aligned as asked, holds the size, and where it
    /// asks the plain way is no larger than the crate's `MiMalloc` gives for the
    /// same layout; grown and
    /// shrunk, it keeps its bytes and stays aligned; zeroed ones are zero.
    #[test]
    fn blocks_are_aligned_and_sized_as_the_crates_allocator_gives_them() {
        let mut rng = fastrand::Rng::with_seed(16);
        let old = mimalloc::MiMalloc;
        let new = Allocator;
        for _ in 0..20_000 {
            let align = 1usize << rng.usize(0..=12);
            let size = match rng.u8(0..4) {
                0 => rng.usize(1..=64),
                1 => rng.usize(1..=1024),
                2 => rng.usize(1..=65_536),
                _ => rng.usize(1..=300_000),
            };
            let layout = Layout::from_size_align(size, align).unwrap();
            unsafe {
                let a = old.alloc(layout);
                let b = if rng.bool() {
                    new.alloc(layout)
                } else {
                    let b = new.alloc_zeroed(layout);
                    assert!(std::slice::from_raw_parts(b, size).iter().all(|&x| x == 0));
                    b
                };
                assert!(!b.is_null());
                assert_eq!(b as usize % align, 0, "{layout:?}");
                // Never a larger block than the aligned way gave: the same
                // size class, or (mimalloc's aligned way rounds some sizes up
                // past theirs, 3,579 bytes to 4,096) a smaller one that holds it.
                let usable = libmimalloc_sys::mi_usable_size(b.cast());
                assert!(usable >= size, "{layout:?}");
                if plain(align, size) {
                    assert!(
                        usable <= libmimalloc_sys::mi_usable_size(a.cast()),
                        "{layout:?}"
                    );
                }
                for k in 0..size.min(256) {
                    *b.add(k) = k as u8;
                }
                let new_size = rng.usize(1..=size * 2 + 64);
                let c = new.realloc(b, layout, new_size);
                assert!(!c.is_null());
                assert_eq!(c as usize % align, 0, "{layout:?} to {new_size}");
                for k in 0..size.min(new_size).min(256) {
                    assert_eq!(*c.add(k), k as u8);
                }
                new.dealloc(c, Layout::from_size_align(new_size, align).unwrap());
                old.dealloc(a, layout);
            }
        }
    }

    /// The option is the purge delay: mimalloc's default for it (v3: 1000 ms),
    /// and set back after the work.
    #[test]
    fn the_option_set_is_the_purge_delay_and_it_is_put_back() {
        let before = unsafe { mi_option_get(PURGE_DELAY) };
        assert_eq!(before, 1000);
        let during = returning_freed_pages(|| unsafe { mi_option_get(PURGE_DELAY) });
        assert_eq!(during, 0);
        assert_eq!(unsafe { mi_option_get(PURGE_DELAY) }, before);
    }
}
