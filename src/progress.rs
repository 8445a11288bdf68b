//! Progress on stderr: a bar when a person watches (a terminal), plain lines when
//! a log does (CI, a redirect), so that neither gets the other's noise.

use std::io::IsTerminal;

use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};

pub struct Progress {
    bar: Option<ProgressBar>,
}

impl Progress {
    pub fn new() -> Progress {
        let bar = std::io::stderr().is_terminal().then(|| {
            let bar = ProgressBar::with_draw_target(Some(0), ProgressDrawTarget::stderr());
            bar.set_style(
                ProgressStyle::with_template("{msg:>14} [{bar:40}] {pos}/{len}")
                    .expect("a valid progress template")
                    .progress_chars("=> "),
            );
            bar
        });
        Progress { bar }
    }

    /// A new phase of `total` steps ("อ่านไฟล์", "เขียนบันทึก").
    pub fn phase(&self, name: &str, total: usize) {
        match &self.bar {
            Some(bar) => {
                bar.set_message(name.to_string());
                bar.set_length(total as u64);
                bar.set_position(0);
            }
            None => say(&format!("{name}: {total} รายการ")),
        }
    }

    pub fn step(&self) {
        if let Some(bar) = &self.bar {
            bar.inc(1);
        }
    }

    /// The phase is over: `done` says what came of it.
    pub fn done(&self, done: &str) {
        match &self.bar {
            Some(bar) => bar.println(done),
            None => say(done),
        }
    }

    pub fn finish(&self) {
        if let Some(bar) = &self.bar {
            bar.finish_and_clear();
        }
    }
}

/// Reading files, told by ingest.
pub struct Reading<'a>(pub &'a Progress);

impl itamemo_ingest::Progress for Reading<'_> {
    fn files_found(&self, count: usize) {
        self.0.phase("อ่านไฟล์", count);
    }

    fn file_done(&self) {
        self.0.step();
    }
}

/// A line on stderr; a closed stderr (`2>&1 | head`) is not the run's failure.
fn say(line: &str) {
    use std::io::Write;
    let _ = writeln!(std::io::stderr(), "{line}");
}
