//! itamemo: ITA score exports in, one measures memo (DOCX) per unit out.

mod cli;
mod console;
mod progress;
mod report;
mod run;

use std::process::ExitCode;

use clap::Parser;

fn main() -> ExitCode {
    // A panic inside one file's or unit's work is caught and reported there; this
    // says it once, briefly, instead of Rust's message for programmers.
    std::panic::set_hook(Box::new(|info| {
        let place = info
            .location()
            .map(|l| format!(" ({}:{})", l.file(), l.line()))
            .unwrap_or_default();
        eprintln!(
            "itamemo: ข้อผิดพลาดภายในโปรแกรม{place}: {}",
            itamemo_ingest::panic_message(info.payload())
        );
    }));
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
    let outcome = run::run(&settings);
    print!("{}", report::render(&outcome, &settings));
    if settings.timings {
        eprintln!("{}", outcome.timings.line());
    }
    console::pause_if_window_closes();
    ExitCode::from(outcome.exit_code())
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
            println!(
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
