//! The national batch benchmark: synthetic exports of N units (deterministic from a
//! seed) run through the release itamemo binary, timed as a user would time it.
//! Prints units per second, wall time, peak memory (max RSS) and the split between
//! ingest, analyze and emit. Run with `just bench`. `--callgrind` counts the
//! instructions a memo takes (valgrind's callgrind, one job): a count that repeats
//! exactly on a busy machine, where wall times do not.

mod national;

use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Instant;

use anyhow::{bail, Context, Result};

struct Options {
    sizes: Vec<usize>,
    formats: Vec<String>,
    seed: u64,
    items: bool,
    /// Keep the generated exports here (to profile them), instead of a temporary folder.
    keep: Option<PathBuf>,
    /// Also time this many memos printed to PDF through LibreOffice (--pdf).
    pdf: Option<usize>,
    /// Count the instructions per memo under callgrind (--callgrind).
    callgrind: bool,
}

fn options() -> Result<Options> {
    let mut o = Options {
        sizes: vec![1, 1_000, 10_000],
        formats: vec!["xlsx".into(), "ods".into()],
        seed: 2566,
        items: false,
        keep: None,
        pdf: None,
        callgrind: false,
    };
    const USAGE: &str =
        "use --sizes 1,1000,10000 --formats xlsx,ods --seed N --items --keep DIR --pdf 100 --callgrind";
    let mut args = std::env::args().skip(1);
    while let Some(arg) = args.next() {
        let mut value = || args.next().context(format!("{arg} needs a value"));
        match arg.as_str() {
            "--sizes" => {
                o.sizes = value()?
                    .split(',')
                    .map(str::parse)
                    .collect::<Result<_, _>>()?;
            }
            "--formats" => o.formats = value()?.split(',').map(str::to_string).collect(),
            "--seed" => o.seed = value()?.parse()?,
            "--items" => o.items = true,
            "--keep" => o.keep = Some(PathBuf::from(value()?)),
            "--pdf" => o.pdf = Some(value()?.parse()?),
            "--callgrind" => o.callgrind = true,
            "--help" | "-h" => {
                println!("{USAGE}");
                std::process::exit(0);
            }
            other => bail!("unknown argument {other} ({USAGE})"),
        }
    }
    Ok(o)
}

/// The itamemo binary built beside this one (target/release).
fn itamemo() -> Result<PathBuf> {
    let here = std::env::current_exe()?;
    let binary = here.with_file_name(format!("itamemo{}", std::env::consts::EXE_SUFFIX));
    if !binary.exists() {
        bail!(
            "{} is missing: run `cargo build --release` first (just bench does)",
            binary.display()
        );
    }
    Ok(binary)
}

fn main() -> Result<()> {
    let options = options()?;
    let binary = itamemo()?;
    println!(
        "{:>6} {:>5} {:>7} {:>9} {:>8} {:>8} {:>9} {:>8} {:>8} {:>9}",
        "units",
        "file",
        "wall s",
        "units/s",
        "peak MB",
        "ingest s",
        "analyze s",
        "emit s",
        "report s",
        "summary s"
    );
    let mut peaks = Vec::new();
    for &n in &options.sizes {
        let units = national::units(n, options.seed);
        for format in &options.formats {
            let dir = tempfile::tempdir()?;
            let inputs = options
                .keep
                .clone()
                .unwrap_or_else(|| dir.path().to_path_buf());
            std::fs::create_dir_all(&inputs)?;
            let input = inputs.join(format!("national-{n}.{format}"));
            match format.as_str() {
                "xlsx" => national::write_xlsx(&input, &units, options.items)?,
                "ods" => national::write_ods(&input, &units, options.items)?,
                other => bail!("unknown format {other}"),
            }
            let (line, peak_kb) = run(&binary, &input, &dir.path().join("out"), n, &[])?;
            println!("{line}");
            peaks.push((format.clone(), n, peak_kb));
        }
    }
    for line in memory_growth(&peaks) {
        println!("{line}");
    }
    if let Some(n) = options.pdf {
        pdf(&binary, n, options.seed)?;
    }
    if options.callgrind {
        callgrind(&binary, options.seed)?;
    }
    Ok(())
}

/// The batch sizes whose instruction counts are compared: their difference is the
/// memos alone (start-up, the run report's fixed part and the like cancel out).
const CALLGRIND_SIZES: (usize, usize) = (200, 1_000);

/// glibc's setting that keeps memset and memcpy off `rep stosb` / `rep movsb`
/// (vector loops instead) at any size.
const NO_REP_STRINGS: &str =
    "glibc.cpu.x86_rep_stosb_threshold=1000000000:glibc.cpu.x86_rep_movsb_threshold=1000000000";

/// Instructions per memo: the run over one job (`--jobs 1`, so no thread waits
/// or steals) counted by callgrind at two batch sizes, the difference divided by
/// the difference in units. Needs valgrind (Debian's `valgrind`).
///
/// Counted twice: as the program runs, and with glibc's memset and memcpy kept
/// off the `rep` string instructions. Callgrind counts each byte a `rep stosb`
/// writes as an instruction, and glibc uses one for every block of 2 KiB or more,
/// so the first count weighs large clears and copies at many times what their
/// vector loops take (zlib-rs's 176 KiB a part, before the memo's parts had
/// their own deflate: 0.5 million a memo; 0.02 million now).
fn callgrind(binary: &Path, seed: u64) -> Result<()> {
    let dir = tempfile::tempdir()?;
    for n in [CALLGRIND_SIZES.0, CALLGRIND_SIZES.1] {
        let input = dir.path().join(format!("national-{n}.xlsx"));
        national::write_xlsx(&input, &national::units(n, seed), false)?;
    }
    for (label, tunables) in [
        ("", None),
        (
            " (memset and memcpy without rep strings)",
            Some(NO_REP_STRINGS),
        ),
    ] {
        let mut counts = Vec::new();
        for n in [CALLGRIND_SIZES.0, CALLGRIND_SIZES.1] {
            let input = dir.path().join(format!("national-{n}.xlsx"));
            let out = dir.path().join(format!("out-{n}"));
            let _ = std::fs::remove_dir_all(&out);
            let mut valgrind = Command::new("valgrind");
            if let Some(tunables) = tunables {
                valgrind.env("GLIBC_TUNABLES", tunables);
            }
            let output = valgrind
                .arg("--tool=callgrind")
                .arg(format!(
                    "--callgrind-out-file={}",
                    dir.path().join(format!("callgrind-{n}.out")).display()
                ))
                .arg(binary)
                .arg(&input)
                .arg("--out")
                .arg(&out)
                .args(["--date", "2023-03-17", "--jobs", "1"])
                .output()
                .context("valgrind did not start (apt-get install valgrind)")?;
            let stderr = String::from_utf8_lossy(&output.stderr);
            let collected: u64 = stderr
                .lines()
                .find_map(|l| l.split("Collected :").nth(1))
                .and_then(|v| v.trim().parse().ok())
                .with_context(|| {
                    format!("no instruction count in callgrind's output:\n{stderr}")
                })?;
            println!("callgrind{label}: {n} units, one job: {collected} instructions");
            counts.push(collected);
        }
        let memos = (CALLGRIND_SIZES.1 - CALLGRIND_SIZES.0) as f64;
        println!(
            "callgrind{label}: {:.2} million instructions per memo",
            (counts[1] as f64 - counts[0] as f64) / memos / 1e6
        );
    }
    Ok(())
}

/// `n` memos with and without --pdf: what printing them through LibreOffice adds.
fn pdf(binary: &Path, n: usize, seed: u64) -> Result<()> {
    let dir = tempfile::tempdir()?;
    let input = dir.path().join(format!("national-{n}.xlsx"));
    national::write_xlsx(&input, &national::units(n, seed), false)?;
    let timed = |out: &str, extra: &[&str]| -> Result<f64> {
        let started = Instant::now();
        run(binary, &input, &dir.path().join(out), n, extra)?;
        Ok(started.elapsed().as_secs_f64())
    };
    let without = timed("docx", &[])?;
    let with = timed("pdf", &["--pdf"])?;
    let pdfs = std::fs::read_dir(dir.path().join("pdf"))?
        .flatten()
        .filter(|e| e.path().extension().is_some_and(|x| x == "pdf"))
        .count();
    println!(
        "pdf: {n} memos, {pdfs} PDFs: {with:.2} s with --pdf, {without:.2} s without: {:.1} PDFs/s",
        pdfs as f64 / (with - without).max(f64::EPSILON)
    );
    Ok(())
}

/// One timed run; the binary reports its own phases and peak memory (--timings).
/// How much the peak grows with each unit, per format, between the two largest
/// batches run: issue 16 asks for memory flat in the number of units, and this is
/// the slope of what is left (a batch of one unit says nothing of it).
fn memory_growth(peaks: &[(String, usize, f64)]) -> Vec<String> {
    let mut formats: Vec<&String> = peaks.iter().map(|(f, _, _)| f).collect();
    formats.dedup();
    formats
        .into_iter()
        .filter_map(|format| {
            let mut runs: Vec<(usize, f64)> = peaks
                .iter()
                .filter(|(f, n, kb)| f == format && *n > 1 && kb.is_finite())
                .map(|&(_, n, kb)| (n, kb))
                .collect();
            runs.sort_by_key(|&(n, _)| n);
            let [.., (fewer, low), (more, high)] = runs[..] else {
                return None;
            };
            (more > fewer).then(|| {
                format!(
                    "memory growth ({format}): {:.2} KB a unit from {fewer} to {more} units (peak {:.1} to {:.1} MB)",
                    (high - low) / (more - fewer) as f64,
                    low / 1024.0,
                    high / 1024.0
                )
            })
        })
        .collect()
}

/// A run's table line and its peak memory in KB.
fn run(binary: &Path, input: &Path, out: &Path, n: usize, extra: &[&str]) -> Result<(String, f64)> {
    let started = Instant::now();
    let output = Command::new(binary)
        .arg(input)
        .arg("--out")
        .arg(out)
        .args(["--date", "2023-03-17", "--timings"])
        .args(extra)
        .output()?;
    let wall = started.elapsed().as_secs_f64();
    let stderr = String::from_utf8_lossy(&output.stderr);
    if !output.status.success() {
        bail!(
            "itamemo failed on {}:\n{}",
            input.display(),
            String::from_utf8_lossy(&output.stdout)
        );
    }
    // The memos, not the area's summary beside them.
    let memos = std::fs::read_dir(out)?
        .flatten()
        .filter(|e| e.path().extension().is_some_and(|x| x == "docx"))
        .filter(|e| e.file_name() != "itamemo-summary.docx")
        .count();
    if memos != n {
        bail!("{memos} memos for {n} units");
    }
    let field = |key: &str| -> f64 {
        stderr
            .lines()
            .find_map(|l| l.strip_prefix("timings: "))
            .and_then(|l| {
                l.split_whitespace()
                    .find_map(|kv| kv.strip_prefix(&format!("{key}=")))
            })
            .and_then(|v| v.parse().ok())
            .unwrap_or(f64::NAN)
    };
    let line = format!(
        "{:>6} {:>5} {:>7.2} {:>9.0} {:>8.1} {:>8.2} {:>9.2} {:>8.2} {:>8.2} {:>9.3}",
        n,
        input.extension().unwrap_or_default().to_string_lossy(),
        wall,
        n as f64 / wall,
        field("peak_kb") / 1024.0,
        field("ingest"),
        field("analyze"),
        field("emit"),
        field("report"),
        field("summary"),
    );
    Ok((line, field("peak_kb")))
}
