//! itamemo: ITA score exports in, one measures memo (DOCX) per unit out.

mod cli;
mod report;
mod run;

use std::process::ExitCode;

use clap::Parser;

fn main() -> ExitCode {
    let args = cli::Args::parse();
    let settings = match args.settings() {
        Ok(settings) => settings,
        Err(message) => {
            eprintln!("itamemo: {message}");
            return ExitCode::from(2);
        }
    };
    let outcome = run::run(&settings);
    print!("{}", report::render(&outcome, &settings));
    ExitCode::from(outcome.exit_code())
}
