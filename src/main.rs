//! itamemo: ITA score exports in, one measures memo (DOCX) per unit out.

mod cli;
mod console;
mod memory;
mod panics;
mod pdf;
mod progress;
mod report;
mod run;

use std::io::Write;
use std::process::ExitCode;
use std::sync::atomic::{AtomicBool, Ordering};

use clap::Parser;

/// mimalloc rather than the system's allocator: a memo's blocks are thousands of
/// small strings and vectors, and glibc's malloc and free were a fifth of a memo's
/// instructions (callgrind, issue 16). Asked as `memory::Allocator` asks it.
#[global_allocator]
static ALLOCATOR: memory::Allocator = memory::Allocator;

fn main() -> ExitCode {
    panics::say_them_briefly();
    let args = cli::Args::parse();
    if let Some(cli::Command::Catalog { file }) = &args.command {
        return write_default_catalog(file);
    }
    let settings = match args.settings() {
        Ok(settings) => settings,
        Err(message) => {
            eprintln!("itamemo: {message}");
            console::pause_if_window_closes();
            return ExitCode::from(2);
        }
    };
    if let Some(jobs) = settings.jobs {
        // Only fails when a pool exists already, which it cannot here.
        let _ = rayon::ThreadPoolBuilder::new()
            .num_threads(jobs)
            .build_global();
    }
    let stop = stop_on_ctrl_c();
    // A temporary file the disk cannot give back ends the run: said once, in
    // Thai, with the window kept open.
    let written = std::sync::atomic::AtomicUsize::new(0);
    let ran = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
        let outcome = run::run(&settings, stop, &written);
        let said = report::render(&outcome, &settings);
        (outcome, said)
    }));
    let (outcome, said) = match ran {
        Ok(ran) => ran,
        Err(payload) => match payload.downcast::<itamemo_model::spill::SpillUnreadable>() {
            Ok(why) => {
                let written = written.load(std::sync::atomic::Ordering::Relaxed);
                eprintln!("{}", ended_on_the_disk(&why.0, written));
                console::pause_if_window_closes();
                return ExitCode::from(2);
            }
            Err(other) => std::panic::resume_unwind(other),
        },
    };
    // A closed stdout (`itamemo ... | head -1`) must not hide the run's exit code
    // behind a panic: what cannot be printed is in the report files.
    let _ = std::io::stdout().lock().write_all(said.as_bytes());
    if settings.timings {
        eprintln!("{}", outcome.timings.line());
    }
    let mut code = outcome.exit_code();
    if settings.pdf {
        // The area's summary is printed with the memos.
        let memos: Vec<String> = outcome
            .report
            .units
            .iter()
            .filter_map(|u| u.memo().ok().map(str::to_string))
            .chain(
                outcome
                    .summary_file
                    .as_ref()
                    .map(|_| itamemo_emit::SUMMARY_NAME.to_string()),
            )
            .collect();
        let pdfs = pdf::write_pdfs(&settings.out, &memos);
        let mut said = format!("ไฟล์ PDF: {} ไฟล์\n", pdfs.written);
        for problem in &pdfs.problems {
            said.push_str(&format!("  [PDF] {problem}\n"));
        }
        let _ = std::io::stdout().lock().write_all(said.as_bytes());
        if !pdfs.problems.is_empty() {
            code = code.max(1);
        }
    }
    console::pause_if_window_closes();
    ExitCode::from(code)
}

/// Set by the first Ctrl-C: the run finishes the memos under way, starts no
/// other, and writes its report saying it was stopped. A second Ctrl-C ends the
/// process at once (the memos written stay whole: each is renamed into place).
fn stop_on_ctrl_c() -> &'static AtomicBool {
    static STOP: AtomicBool = AtomicBool::new(false);
    let installed = ctrlc::set_handler(|| {
        if STOP.swap(true, Ordering::SeqCst) {
            std::process::exit(130);
        }
        eprintln!("itamemo: กำลังหยุด: ทำบันทึกที่ค้างอยู่ให้เสร็จแล้วเขียนรายงาน (กด Ctrl-C อีกครั้งเพื่อออกทันที)");
    });
    if let Err(err) = installed {
        eprintln!("itamemo: ตั้งการหยุดด้วย Ctrl-C ไม่ได้ ({err}) Ctrl-C จะหยุดทันทีโดยไม่เขียนรายงาน");
    }
    &STOP
}

/// `itamemo catalog FILE`: the default catalog, to edit; an existing file is kept.
fn write_default_catalog(file: &std::path::Path) -> ExitCode {
    if file.exists() {
        eprintln!(
            "itamemo: มีไฟล์ {} อยู่แล้ว จึงไม่เขียนทับ (ตั้งชื่ออื่น เช่น itamemo catalog catalog-ใหม่.toml)",
            file.display()
        );
        return ExitCode::from(2);
    }
    match std::fs::write(file, itamemo_analyze::DEFAULT_CATALOG) {
        Ok(()) => {
            let _ = writeln!(
                std::io::stdout(),
                "เขียน catalog ตั้งต้นไว้ที่ {} แล้ว แก้ไขข้อความได้ แล้วใช้ด้วย --catalog {}",
                file.display(),
                file.display()
            );
            ExitCode::SUCCESS
        }
        Err(err) => {
            eprintln!("itamemo: เขียน {} ไม่ได้ ({err})", file.display());
            ExitCode::from(2)
        }
    }
}

/// What a run that its disk ended says: why, and what it left (a memo written
/// before the end is whole, written under its name only once complete).
fn ended_on_the_disk(why: &str, memos_written: usize) -> String {
    let left = match memos_written {
        0 => "จึงหยุดทำงานก่อนเขียนบันทึกฉบับใด:".to_string(),
        n => format!("จึงหยุดทำงาน: บันทึก {n} ฉบับที่เขียนเสร็จแล้วใช้ได้"),
    };
    format!("itamemo: {why} {left} ตรวจดิสก์แล้วเรียกโปรแกรมอีกครั้ง")
}

#[cfg(test)]
mod tests {
    use super::ended_on_the_disk;

    #[test]
    fn a_run_its_disk_ends_says_how_many_memos_it_left() {
        assert_eq!(
            ended_on_the_disk("อ่านไม่ได้", 0),
            "itamemo: อ่านไม่ได้ จึงหยุดทำงานก่อนเขียนบันทึกฉบับใด: ตรวจดิสก์แล้วเรียกโปรแกรมอีกครั้ง"
        );
        assert_eq!(
            ended_on_the_disk("อ่านไม่ได้", 12),
            "itamemo: อ่านไม่ได้ จึงหยุดทำงาน: บันทึก 12 ฉบับที่เขียนเสร็จแล้วใช้ได้ ตรวจดิสก์แล้วเรียกโปรแกรมอีกครั้ง"
        );
    }
}
