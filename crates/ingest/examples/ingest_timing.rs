//! Times ingest alone on the given exports, to compare readers on a shared
//! machine where the whole run's wall time varies by a third: the process's CPU
//! time (user + system, from /proc/self/stat on Linux) and the fastest wall time
//! over ITAMEMO_TIMING_ROUNDS rounds (default 10).
//!
//! cargo run --release -p itamemo-ingest --example ingest_timing -- national-10000.xlsx
//! (`itamemo-bench --keep DIR` keeps the bench's generated exports.)

use std::path::PathBuf;
use std::time::Instant;

use itamemo_ingest::{ingest, Vocabulary};

/// User + system CPU seconds of this process so far; 0 where /proc is missing.
fn cpu_seconds() -> f64 {
    let Ok(stat) = std::fs::read_to_string("/proc/self/stat") else {
        return 0.0;
    };
    // The fields after the command name (which may hold spaces) in parentheses.
    let rest = stat.rsplit_once(')').map_or("", |(_, rest)| rest);
    let fields: Vec<&str> = rest.split_whitespace().collect();
    let ticks = |i: usize| {
        fields
            .get(i)
            .and_then(|f| f.parse::<f64>().ok())
            .unwrap_or(0.0)
    };
    // utime and stime are fields 14 and 15 of stat: 12 and 13 after the name.
    (ticks(11) + ticks(12)) / 100.0
}

fn main() {
    let paths: Vec<PathBuf> = std::env::args().skip(1).map(PathBuf::from).collect();
    let rounds: usize = std::env::var("ITAMEMO_TIMING_ROUNDS")
        .ok()
        .and_then(|n| n.parse().ok())
        .unwrap_or(10);
    let vocab = Vocabulary::default();
    let mut fastest = f64::MAX;
    let cpu_before = cpu_seconds();
    let mut units = 0;
    for _ in 0..rounds {
        let started = Instant::now();
        let read = ingest(&paths, &vocab);
        fastest = fastest.min(started.elapsed().as_secs_f64());
        units = read.units.len();
    }
    let cpu = (cpu_seconds() - cpu_before) / rounds as f64;
    println!("units={units} rounds={rounds} cpu_s_per_round={cpu:.3} fastest_wall_s={fastest:.3}");
}
