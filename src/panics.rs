//! How a panic is said on the console.

use std::cell::Cell;

use itamemo_model::spill::SpillUnreadable;

thread_local! {
    /// Set while work runs whose panics its caller turns into a reason of its own.
    static SAID_BY_THE_CALLER: Cell<bool> = const { Cell::new(false) };
}

/// A panic inside one file's or unit's work is caught and reported there; this
/// says it once, briefly, instead of Rust's message for programmers.
pub fn say_them_briefly() {
    std::panic::set_hook(Box::new(|info| {
        // A temporary file unreadable ends the run with one message (main).
        if SAID_BY_THE_CALLER.get() || info.payload().is::<SpillUnreadable>() {
            return;
        }
        let place = info
            .location()
            .map(|l| format!(" ({}:{})", l.file(), l.line()))
            .unwrap_or_default();
        eprintln!(
            "itamemo: ข้อผิดพลาดภายในโปรแกรม{place}: {}",
            itamemo_ingest::panic_message(info.payload())
        );
    }));
}

/// Runs `work`, whose panics are no internal error to the user: the run report's
/// workbook panics where its rows cannot be written (a full disk), and the
/// report says why it was not written.
pub fn said_by_the_caller<T>(work: impl FnOnce() -> T) -> T {
    let before = SAID_BY_THE_CALLER.replace(true);
    let done = work();
    SAID_BY_THE_CALLER.set(before);
    done
}
