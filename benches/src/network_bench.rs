//! Network build at province scale: `yilian generate province --counties N --seed 1`
//! (the same generator, called in process), then [`Consortium::new`] (validation,
//! indices, the pools' reach) and the travel table from every institution to every
//! institution within a cutoff ([`Consortium::travel_from`], as the report's
//! accessibility measures and the scanner model's stations ask for it).
//!
//! `cargo run --release -p yilian-benches --bin network-bench -- [--counties 10,30,100]
//! [--cutoffs 30,60] [--runs 1]`
//!
//! Prints institutions, stored pairs, the sum of their minutes (equal before and after
//! a change of how pairs are found, to the last digit), wall and CPU seconds (the
//! machine is shared: CPU seconds say more) of the fastest of `--runs` runs.

use std::time::Instant;
use yilian::{generate, Consortium};
use yilian_benches::cpu_seconds;

/// (wall seconds, CPU seconds, result) of the run with the least CPU time.
fn timed<T>(runs: usize, mut f: impl FnMut() -> T) -> (f64, f64, T) {
    let mut best: Option<(f64, f64, T)> = None;
    for _ in 0..runs.max(1) {
        let (t0, c0) = (Instant::now(), cpu_seconds().unwrap_or(f64::NAN));
        let out = f();
        let wall = t0.elapsed().as_secs_f64();
        let cpu = cpu_seconds().unwrap_or(f64::NAN) - c0;
        if best.as_ref().is_none_or(|b| cpu < b.1) {
            best = Some((wall, cpu, out));
        }
    }
    best.expect("at least one run")
}

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let value = |name: &str, default: &str| {
        args.iter()
            .position(|a| a == name)
            .and_then(|i| args.get(i + 1))
            .cloned()
            .unwrap_or_else(|| default.into())
    };
    let numbers = |name: &str, default: &str| -> Vec<f64> {
        value(name, default)
            .split(',')
            .map(|x| x.parse().expect("numbers separated by commas"))
            .collect()
    };
    let counties = numbers("--counties", "10,30,100");
    let cutoffs = numbers("--cutoffs", "30,60");
    let runs: usize = value("--runs", "1").parse().expect("--runs: a number");
    println!("| size | institutions | step | pairs | sum of minutes | wall (s) | CPU (s) |");
    println!("|---|---|---|---|---|---|---|");
    for &n in &counties {
        let s = generate::province(1, n as usize);
        let count = s.institutions.len();
        let size = format!("province-{n}");
        let (wall, cpu, c) = timed(runs, || Consortium::new(s.clone()).expect("valid"));
        println!("| {size} | {count} | Consortium::new | - | - | {wall:.3} | {cpu:.2} |");
        for &cutoff in &cutoffs {
            let sources: Vec<(usize, f64)> = (0..count).map(|i| (i, cutoff)).collect();
            let (wall, cpu, table) = timed(runs, || c.travel_from(&sources));
            let sum: f64 = (0..count)
                .flat_map(|i| table.from(i).iter().map(|&(_, m)| m))
                .sum();
            println!(
                "| {size} | {count} | every institution within {cutoff} min | {} | {sum:.6} | {wall:.3} | {cpu:.2} |",
                table.pair_count()
            );
        }
    }
}
