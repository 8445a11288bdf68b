//! When the allocator gives freed memory back to the system.
//!
//! mimalloc keeps a page it no longer uses for a second (its `purge_delay`) before
//! it gives it back, in case it is wanted again. Reading a national file takes a
//! third of that: each sheet's cells, freed on the thread that read them, were
//! still held when the units were built on another thread, and the process held
//! ~50 MiB after reading 10,000 units where the data at its peak was 26 MB.

use libmimalloc_sys::{mi_option_get, mi_option_set, mi_option_t};

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
