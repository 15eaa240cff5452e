//! Prints the markdown table of `benches/README.md`: model sizes, build time, and
//! load and solve times per backend (median of several runs), with the machine.
//!
//! `cargo run --release -p yilian-benches --features highs,coin_cbc,clarabel -- [--runs N]`

use std::time::Instant;
use yilian::solve::solve;
use yilian::{Backend, RotationModel, ScannerModel, SolveOptions};
use yilian_benches::{peak_memory_mib, reset_peak_memory, rotation_instances, scanner_instances};

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
    println!("| model | size | variables | constraints | non-zeros | build (s) | backend | load (s) | solve (s) | objective | peak memory (MiB) |");
    println!("|---|---|---|---|---|---|---|---|---|---|---|");
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
            reset_peak_memory();
            for _ in 0..runs {
                let s = solve(&lp, &options).expect("the rotation model solves");
                loads.push(s.load_seconds);
                solves.push(s.seconds);
                objective = s.objective;
            }
            println!(
                "| rotation | {} | {} | {} | {} | {:.4} | {} | {:.3} | {:.3} | {:.3} | {:.0} |",
                inst.name,
                lp.column_count(),
                lp.row_count(),
                lp.nonzero_count(),
                median(builds.clone()),
                backend,
                median(loads),
                median(solves),
                objective,
                peak_memory_mib().unwrap_or(f64::NAN)
            );
        }
    }
    // Scanners (MIP): one run each, 1 % gap, 120 s limit; microlp and Clarabel are
    // left out (no integers for Clarabel; microlp is too slow beyond the county).
    for inst in scanner_instances() {
        for backend in [Backend::Highs, Backend::CoinCbc]
            .into_iter()
            .filter(|b| b.is_available())
        {
            let options = SolveOptions::new(backend).mip_gap(0.01).time_limit(120.0);
            reset_peak_memory();
            let t = Instant::now();
            let plan = ScannerModel::new(&inst.consortium)
                .solve(&options)
                .expect("the scanner model solves");
            let total = t.elapsed().as_secs_f64();
            let st = &plan.stats;
            println!(
                "| scanners | {} | {} | {} | {} | {:.4} | {} | {:.3} | {:.3} ({}, {:.0}% build) | {:.1} | {:.0} |",
                inst.name,
                st.variables,
                st.constraints,
                st.nonzeros,
                st.build_seconds,
                backend,
                st.load_seconds,
                st.solve_seconds,
                plan.status,
                100.0 * st.build_seconds / total,
                plan.objective,
                peak_memory_mib().unwrap_or(f64::NAN)
            );
        }
    }
}
