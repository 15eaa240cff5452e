//! Prints the markdown table of `benches/README.md`: model sizes, build time, and
//! load and solve times per backend (median of several runs), with the machine.
//!
//! `cargo run --release -p yilian-benches --features highs,coin_cbc,clarabel -- [--runs N]`

use std::time::Instant;
use yilian::solve::solve;
use yilian::{Backend, RotationModel, SolveOptions};
use yilian_benches::rotation_instances;

fn median(mut v: Vec<f64>) -> f64 {
    v.sort_by(f64::total_cmp);
    v[v.len() / 2]
}

fn machine() -> String {
    let cpu = std::fs::read_to_string("/proc/cpuinfo")
        .ok()
        .and_then(|t| {
            t.lines()
                .find(|l| l.starts_with("model name"))
                .and_then(|l| l.split(':').nth(1))
                .map(|s| s.trim().to_string())
        })
        .unwrap_or_else(|| "unknown CPU".into());
    let cores = std::thread::available_parallelism().map_or(0, |n| n.get());
    format!("{cores} cores, {cpu}")
}

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let runs: usize = args
        .iter()
        .position(|a| a == "--runs")
        .and_then(|i| args.get(i + 1))
        .and_then(|n| n.parse().ok())
        .unwrap_or(3);
    println!(
        "Machine: {}; release build; median of {runs} runs.\n",
        machine()
    );
    println!("| model | size | variables | constraints | non-zeros | build (s) | backend | load (s) | solve (s) | objective |");
    println!("|---|---|---|---|---|---|---|---|---|---|");
    for inst in rotation_instances(true) {
        let model = RotationModel::new(&inst.consortium);
        let builds: Vec<f64> = (0..runs)
            .map(|_| {
                let t = Instant::now();
                let lp = model.program();
                std::hint::black_box(&lp);
                t.elapsed().as_secs_f64()
            })
            .collect();
        let lp = model.program();
        for backend in Backend::available() {
            let options = SolveOptions::new(backend);
            let mut loads = Vec::new();
            let mut solves = Vec::new();
            let mut objective = f64::NAN;
            for _ in 0..runs {
                let s = solve(&lp, &options).expect("the rotation model solves");
                loads.push(s.load_seconds);
                solves.push(s.seconds);
                objective = s.objective;
            }
            println!(
                "| rotation | {} | {} | {} | {} | {:.4} | {} | {:.3} | {:.3} | {:.3} |",
                inst.name,
                lp.column_count(),
                lp.row_count(),
                lp.nonzero_count(),
                median(builds.clone()),
                backend,
                median(loads),
                median(solves),
                objective
            );
        }
    }
}
