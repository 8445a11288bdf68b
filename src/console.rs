//! The one Windows-only thing: when the console window was opened just for this
//! run (the officer dropped a folder on the program or double-clicked it), wait
//! for Enter so that the summary can be read before the window closes.
//!
//! Thai on the Windows console needs nothing here: Rust's standard output writes to
//! a console with WriteConsoleW (UTF-16), so Thai shows whatever the console's code
//! page (437 on an English Windows), and the code page of the officer's command
//! prompt is left as it was. Redirected to a file, the output is UTF-8.

#[cfg(windows)]
mod windows {
    #[link(name = "kernel32")]
    extern "system" {
        fn GetConsoleProcessList(process_ids: *mut u32, count: u32) -> u32;
    }

    /// Only this process is attached to the console: nobody opened it before us.
    pub fn console_is_ours() -> bool {
        let mut ids = [0u32; 4];
        // SAFETY: the buffer is valid for `ids.len()` entries, as the call requires.
        let attached = unsafe { GetConsoleProcessList(ids.as_mut_ptr(), ids.len() as u32) };
        attached == 1
    }
}

/// Waits for Enter where the window would otherwise close with the summary.
pub fn pause_if_window_closes() {
    #[cfg(windows)]
    if windows::console_is_ours() {
        println!("กด Enter เพื่อปิดหน้าต่างนี้");
        let mut line = String::new();
        let _ = std::io::stdin().read_line(&mut line);
    }
}
