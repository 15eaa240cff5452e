//! Exact p-median on TSPLIB point sets (issue 20): rl1304 and vm1748 at the p of
//! Duran-Mateluna, Ales and Elloumi (EJOR 2023), printing a markdown table with the
//! published rl1304 optima and times beside ours.
//!
//! ```text
//! cargo run --release -p yilian-benches --features highs --bin tsplib-pmedian-bench -- \
//!     [rl1304|vm1748 ...] [--p 5,10,20] [--methods auto] [--time-limit 300] [--dir DIR]
//! ```
//!
//! `uniformN` (e.g. `uniform13509`) instead of a file name solves the generated point
//! set `yilian_benches::uniform_points(N, 100000, 1)` (floored Euclidean distances) on
//! the points, without a distance matrix (`PMedianOnPoints`: the decomposition over
//! lazily sorted lists); its row adds the list entries held.
//!
//! Defaults: both instances from `../shared/data/tsplib` (or `$YILIAN_TSPLIB`), p = 5,
//! 10, 20, 50, 100, 200, 300, 400, 500, method `auto`, 300 s per solve, HiGHS, mip gap 0
//! (so `optimal` is proven), HiGHS threads `PMEDIAN_BENCH_THREADS` (default 1, as the
//! paper's one CPLEX thread). Each case runs in a child process, so `peak MiB` (VmHWM)
//! is that case's own, the file read and the distance matrix included; `total s` is
//! the child's wall time from reading the file to the proven answer, `CPU s` its user +
//! system CPU seconds (getrusage; the machine may be shared, see `uptime`). The parent
//! kills a child 120 s past the time limit. Per-phase details go to stderr.

use std::time::Instant;
#[cfg(feature = "highs")]
use yilian::models::location::PMedianOnPoints;
use yilian::models::location::{read_tsplib, PMedian, PMedianFormulation};
use yilian::{Backend, SolveOptions};
use yilian_benches::{cpu_seconds, peak_memory_mib, run_case_in_child};

/// Published rl1304 optima and total seconds (Duran-Mateluna, Ales and Elloumi 2023,
/// table of the README in the data directory).
const RL1304: [(usize, f64, f64); 9] = [
    (5, 3099073.0, 2.8),
    (10, 2134295.0, 15.4),
    (20, 1412108.0, 2.3),
    (50, 795012.0, 1.5),
    (100, 491639.0, 2.4),
    (200, 268573.0, 0.5),
    (300, 177326.0, 0.5),
    (400, 128332.0, 0.2),
    (500, 97024.0, 0.4),
];

fn method(name: &str) -> PMedianFormulation {
    match name {
        "auto" => PMedianFormulation::Auto,
        "benders" => PMedianFormulation::Benders,
        "radius" => PMedianFormulation::Radius,
        other => panic!("unknown method {other} (auto, benders, radius)"),
    }
}

fn flag<'a>(args: &'a [String], name: &str) -> Option<&'a str> {
    args.iter()
        .position(|a| a == name)
        .and_then(|i| args.get(i + 1))
        .map(String::as_str)
}

/// The generated stand-in for usa13509: `uniformN` is
/// [`yilian_benches::uniform_points`]`(N, 100000, 1)`.
fn generated(name: &str) -> Option<usize> {
    name.strip_prefix("uniform").and_then(|n| n.parse().ok())
}

/// Child mode for a generated point set without HiGHS: the decomposition on the
/// points needs it, so the case is refused.
#[cfg(not(feature = "highs"))]
fn run_points_case(n: usize, _p: usize, _limit: f64) {
    eprintln!("uniform{n}: the decomposition on points needs HiGHS (--features highs)");
    std::process::exit(2);
}

/// Child mode for a generated point set: the decomposition on the points
/// (`PMedianOnPoints`, lazy sorted lists, no distance matrix); one `RESULT` line.
#[cfg(feature = "highs")]
fn run_points_case(n: usize, p: usize, limit: f64) {
    let t0 = Instant::now();
    let pts = yilian_benches::uniform_points(n, 100_000.0, 1);
    let opts = SolveOptions::new(Backend::Highs)
        .mip_gap(0.0)
        .time_limit(limit)
        .threads(1)
        .log(std::env::var_os("PMEDIAN_BENCH_LOG").is_some());
    let (s, b) = PMedianOnPoints::new(
        &pts,
        &pts,
        yilian::models::location::Metric::EuclideanFloor,
        p,
    )
    .solve(&opts)
    .unwrap();
    let total = t0.elapsed().as_secs_f64();
    println!(
        "RESULT\tpoints\t{total:.2}\t{:.2}\t{:.0}\t{:.0}\t{}\t{}\t{}",
        cpu_seconds().unwrap_or(f64::NAN),
        peak_memory_mib().unwrap_or(f64::NAN),
        s.objective,
        s.bound.map_or("-".into(), |b| format!("{b:.1}")),
        s.status,
        b.distances_held,
    );
    eprintln!(
        "  uniform{n} p={p}: LP {:.2} after {} rounds, {} cuts ({:.2}s), plan {}; fixed open/closed {:?}; tree {} nodes, {} LPs ({:.2}s); {} list entries held; master {:?}; gap {:?}",
        b.lp_bound, b.lp_rounds, b.lp_cuts, b.lp_seconds, b.lp_plan, b.fixed, b.tree_nodes,
        b.tree_lps, b.mip_seconds, b.distances_held, s.size, s.gap
    );
}

/// Child mode: solves one case and prints one `RESULT` line of tab-separated fields.
fn run_case(path: &str, p: usize, method_name: &str, limit: f64) {
    if let Some(n) = generated(path) {
        return run_points_case(n, p, limit);
    }
    let t0 = Instant::now();
    let inst = read_tsplib(path).unwrap();
    let cost = inst.cost().unwrap();
    let threads = std::env::var("PMEDIAN_BENCH_THREADS")
        .ok()
        .and_then(|t| t.parse().ok())
        .unwrap_or(1);
    let opts = SolveOptions::new(Backend::Highs)
        .mip_gap(0.0)
        .time_limit(limit)
        .threads(threads)
        .log(std::env::var_os("PMEDIAN_BENCH_LOG").is_some());
    let model = PMedian::new(&cost, p).formulation(method(method_name));
    let chosen = model.chosen(Backend::Highs);
    let (s, report) = model.solve_with_report(&opts).unwrap();
    let total = t0.elapsed().as_secs_f64();
    println!(
        "RESULT\t{chosen:?}\t{total:.2}\t{:.2}\t{:.0}\t{}\t{}\t{}",
        cpu_seconds().unwrap_or(f64::NAN),
        peak_memory_mib().unwrap_or(f64::NAN),
        s.objective,
        s.bound.map_or("-".into(), |b| format!("{b:.1}")),
        s.status,
    );
    if let Some(b) = &report.benders {
        eprintln!(
            "  {path} p={p}: heuristic {} ({:.2}s); lagrangian {:.1} ({:.2}s); LP {:.2} after {} rounds, {} cuts ({:.2}s), plan {}; fixed open/closed {:?}; tree {} nodes, {} LPs; MIP {} rounds, {} cuts, {} nodes ({:.2}s)",
            b.heuristic_objective, b.heuristic_seconds, b.lagrangian_bound, b.lagrangian_seconds,
            b.lp_bound, b.lp_rounds, b.lp_cuts, b.lp_seconds, b.lp_plan, b.fixed, b.tree_nodes, b.tree_lps,
            b.mip_rounds, b.mip_cuts, b.mip_nodes, b.mip_seconds
        );
    } else {
        eprintln!(
            "  {path} p={p}: heuristic {} ({:.2}s); lagrangian {:.1} ({} it, {:.2}s), plan {}, fixed {:?}; tree {} nodes ({:.2}s); {} MIP rounds",
            report.heuristic_objective, report.heuristic_seconds, report.lagrangian_bound,
            report.lagrangian_iterations, report.lagrangian_seconds, report.lagrangian_plan, report.fixed,
            report.tree_nodes, report.tree_seconds, report.rounds.len()
        );
    }
}

/// Runs one case in a child process; returns its RESULT fields, or None if it failed
/// or was killed.
fn spawn_case(path: &str, p: usize, method_name: &str, limit: f64) -> Option<Vec<String>> {
    let args: Vec<String> = [
        "--case".to_string(),
        path.to_string(),
        "--p".to_string(),
        p.to_string(),
        "--methods".to_string(),
        method_name.to_string(),
        "--time-limit".to_string(),
        limit.to_string(),
    ]
    .into();
    run_case_in_child(&args, &format!("{path} p={p} {method_name}"), limit)
}

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let limit: f64 = flag(&args, "--time-limit").map_or(300.0, |t| t.parse().unwrap());
    if let Some(path) = flag(&args, "--case") {
        let p = flag(&args, "--p").unwrap().parse().unwrap();
        run_case(path, p, flag(&args, "--methods").unwrap(), limit);
        return;
    }
    let dir = flag(&args, "--dir")
        .map(str::to_string)
        .or_else(|| std::env::var("YILIAN_TSPLIB").ok())
        .unwrap_or_else(|| concat!(env!("CARGO_MANIFEST_DIR"), "/../../shared/data/tsplib").into());
    let ps: Vec<usize> = flag(&args, "--p")
        .unwrap_or("5,10,20,50,100,200,300,400,500")
        .split(',')
        .map(|p| p.parse().unwrap())
        .collect();
    let methods: Vec<&str> = flag(&args, "--methods")
        .unwrap_or("auto")
        .split(',')
        .collect();
    let mut names: Vec<&str> = args
        .iter()
        .enumerate()
        .filter(|(k, a)| !a.starts_with("--") && (*k == 0 || !args[k - 1].starts_with("--")))
        .map(|(_, a)| a.as_str())
        .collect();
    if names.is_empty() {
        names = vec!["rl1304", "vm1748"];
    }
    println!("HiGHS, mip gap 0, time limit {limit} s per solve\n");
    println!("| instance | p | method | chosen | total s | CPU s | peak MiB | objective | bound | status | published optimum | paper s |");
    println!("|---|---|---|---|---|---|---|---|---|---|---|---|");
    for name in names {
        let path = if generated(name).is_some() {
            name.to_string()
        } else {
            format!("{dir}/{name}.tsp")
        };
        for &p in &ps {
            let published = (name == "rl1304")
                .then(|| RL1304.iter().find(|r| r.0 == p))
                .flatten();
            let (opt, paper) = published.map_or(("-".into(), "-".into()), |r| {
                (format!("{}", r.1), format!("{}", r.2))
            });
            for &m in &methods {
                match spawn_case(&path, p, m, limit) {
                    Some(f) if f.len() > 7 => println!(
                        "| {name} | {p} | {m} | {} | {} | {} | {} | {} | {} | {} | {opt} | {paper} | {} list entries |",
                        f[0], f[1], f[2], f[3], f[4], f[5], f[6], f[7]
                    ),
                    Some(f) => println!(
                        "| {name} | {p} | {m} | {} | {} | {} | {} | {} | {} | {} | {opt} | {paper} |",
                        f[0], f[1], f[2], f[3], f[4], f[5], f[6]
                    ),
                    None => println!("| {name} | {p} | {m} | no answer (killed or failed) |"),
                }
            }
        }
    }
}
