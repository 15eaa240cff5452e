//! p-median benchmark (issue 3): random Euclidean instances and OR-Library pmed1-40,
//! textbook against radius truncation, printing markdown tables.
//!
//! ```text
//! cargo run --release -p yilian-benches --features highs --bin pmedian-bench -- \
//!     random [CLIENTSxSITESxP ...] [--methods textbook,radius] [--time-limit S] [--seed N]
//! cargo run --release -p yilian-benches --features highs --bin pmedian-bench -- \
//!     pmed [FIRST [LAST]] [--methods radius] [--time-limit S] [--orlib DIR]
//! ```
//!
//! Defaults: random sizes 1000x100x10, 2000x200x20, 5000x500x50 (seed 1, see
//! [`yilian_benches::euclidean_pmedian`]); pmed 1..40 from `$YILIAN_ORLIB` or
//! `../shared/data/orlib`; methods textbook,radius for random and radius for pmed; time
//! limit 150 s per solve; mip gap 0 (so `optimal` is proven). Methods: textbook, radius,
//! radius-full. Each case runs in a child process (its own peak memory, VmHWM) which
//! the parent kills if it runs 120 s past the time limit (building and loading a model
//! are outside the solver's limit). With `PMEDIAN_BENCH_LOG` set, the solver's log goes
//! to standard output (the parent ignores it); `PMEDIAN_BENCH_THREADS=N` sets the
//! solver's threads (default: the solver's choice). `tree nodes`: nodes of the radius
//! method's Lagrangian branch and bound.

use std::time::Instant;
use yilian::models::location::{read_pmed, PMedian, PMedianFormulation};
use yilian::{Backend, SolveOptions};
use yilian_benches::{euclidean_pmedian, peak_memory_mib, run_case_in_child};

fn method(name: &str) -> PMedianFormulation {
    match name {
        "textbook" => PMedianFormulation::Textbook,
        "radius" => PMedianFormulation::Radius,
        "radius-full" => PMedianFormulation::RadiusFull,
        "benders" => PMedianFormulation::Benders,
        "auto" => PMedianFormulation::Auto,
        other => panic!("unknown method {other} (textbook, radius, radius-full, benders, auto)"),
    }
}

fn flag<'a>(args: &'a [String], name: &str) -> Option<&'a str> {
    args.iter()
        .position(|a| a == name)
        .and_then(|i| args.get(i + 1))
        .map(String::as_str)
}

fn orlib_dir(args: &[String]) -> String {
    flag(args, "--orlib")
        .map(str::to_string)
        .or_else(|| std::env::var("YILIAN_ORLIB").ok())
        .unwrap_or_else(|| concat!(env!("CARGO_MANIFEST_DIR"), "/../../shared/data/orlib").into())
}

/// Child mode: solves one case and prints one `RESULT` line of tab-separated fields.
fn run_case(case: &str, method_name: &str, limit: f64) {
    let t0 = Instant::now();
    let parts: Vec<&str> = case.split(':').collect();
    let (cost, p) = match parts[0] {
        "random" => {
            let n: usize = parts[1].parse().unwrap();
            let m: usize = parts[2].parse().unwrap();
            let p: usize = parts[3].parse().unwrap();
            let seed: u64 = parts[4].parse().unwrap();
            (euclidean_pmedian(n, m, seed), p)
        }
        "pmed" => {
            let inst = read_pmed(parts[1]).unwrap();
            (inst.cost, inst.p)
        }
        other => panic!("unknown case kind {other}"),
    };
    let generate = t0.elapsed().as_secs_f64();
    let backend = Backend::best_available().expect("a MIP backend");
    let opts = SolveOptions::new(backend)
        .mip_gap(0.0)
        .time_limit(limit)
        .log(std::env::var_os("PMEDIAN_BENCH_LOG").is_some());
    let opts = match std::env::var("PMEDIAN_BENCH_THREADS")
        .ok()
        .and_then(|t| t.parse().ok())
    {
        Some(t) => opts.threads(t),
        None => opts,
    };
    let (s, report) = PMedian::new(&cost, p)
        .formulation(method(method_name))
        .solve_with_report(&opts)
        .unwrap();
    let total = t0.elapsed().as_secs_f64() - generate;
    println!(
        "RESULT\t{}\t{}\t{}\t{:.3}\t{:.3}\t{:.3}\t{:.0}\t{}\t{}\t{}\t{}\t{}\t{}\t{}\t{}",
        s.size.0,
        s.size.1,
        s.size.2,
        s.build_seconds,
        s.solve_seconds,
        total,
        peak_memory_mib().unwrap_or(f64::NAN),
        s.objective,
        s.bound.map_or("-".into(), |b| format!("{b:.4}")),
        s.gap.map_or("-".into(), |g| format!("{:.2e}", g)),
        s.status,
        report.rounds.len(),
        if method_name == "radius" {
            format!("{}", report.heuristic_objective)
        } else {
            "-".into()
        },
        if method_name == "radius" {
            format!("{:.1}", report.lagrangian_bound)
        } else {
            "-".into()
        },
        if method_name == "radius" {
            format!("{}", report.tree_nodes)
        } else {
            "-".into()
        },
    );
    eprintln!(
        "  heuristic {} in {:.3}s; lagrangian bound {:.3} plan {} iterations {} fixed open/closed {:?} in {:.3}s; tree {} nodes in {:.3}s",
        report.heuristic_objective,
        report.heuristic_seconds,
        report.lagrangian_bound,
        report.lagrangian_plan,
        report.lagrangian_iterations,
        report.fixed,
        report.lagrangian_seconds,
        report.tree_nodes,
        report.tree_seconds
    );
    for (k, r) in report.rounds.iter().enumerate() {
        eprintln!(
            "  round {k}: size {:?} status {} bound {:?} plan {} beyond {} build {:.3}s solve {:.3}s",
            r.size, r.status, r.bound, r.plan_cost, r.beyond_radius, r.build_seconds, r.solve_seconds
        );
    }
}

/// Runs one case in a child process; returns its RESULT fields, or None if it failed
/// or was killed.
fn spawn_case(case: &str, method_name: &str, limit: f64) -> Option<Vec<String>> {
    let args: Vec<String> = ["--case", case, "--method", method_name, "--time-limit"]
        .iter()
        .map(|a| a.to_string())
        .chain([limit.to_string()])
        .collect();
    run_case_in_child(&args, &format!("{case} {method_name}"), limit)
}

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let limit: f64 = flag(&args, "--time-limit").map_or(150.0, |t| t.parse().unwrap());
    if let Some(case) = flag(&args, "--case") {
        run_case(case, flag(&args, "--method").unwrap(), limit);
        return;
    }
    let mode = args.first().map_or("random", String::as_str);
    let positional: Vec<&str> = args
        .iter()
        .skip(1)
        .scan(false, |skip, a| {
            let keep = !*skip && !a.starts_with("--");
            *skip = a.starts_with("--");
            Some((keep, a.as_str()))
        })
        .filter_map(|(keep, a)| keep.then_some(a))
        .collect();
    let backend = Backend::best_available().expect("a MIP backend");
    println!("backend {backend}, mip gap 0, time limit {limit} s per solve\n");
    match mode {
        "random" => {
            let methods: Vec<&str> = flag(&args, "--methods")
                .unwrap_or("textbook,radius")
                .split(',')
                .collect();
            let seed: u64 = flag(&args, "--seed").map_or(1, |s| s.parse().unwrap());
            let sizes: Vec<&str> = if positional.is_empty() {
                vec!["1000x100x10", "2000x200x20", "5000x500x50"]
            } else {
                positional
            };
            println!("| instance (seed {seed}) | method | columns | rows | nonzeros | build s | solve s | total s | peak MiB | objective | bound | gap | status | MIP rounds | heuristic | Lagrangian bound | tree nodes |");
            println!("|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|");
            for size in sizes {
                let dims: Vec<&str> = size.split('x').collect();
                let case = format!("random:{}:{}:{}:{seed}", dims[0], dims[1], dims[2]);
                for &m in &methods {
                    match spawn_case(&case, m, limit) {
                        Some(f) => println!("| {size} | {m} | {} |", f.join(" | ")),
                        None => println!("| {size} | {m} | no answer (killed or failed) |"),
                    }
                }
            }
        }
        "pmed" => {
            let methods: Vec<&str> = flag(&args, "--methods")
                .unwrap_or("radius")
                .split(',')
                .collect();
            let first: usize = positional.first().map_or(1, |s| s.parse().unwrap());
            let last: usize = positional.get(1).map_or(40, |s| s.parse().unwrap());
            let dir = orlib_dir(&args);
            let optima = std::fs::read_to_string(format!("{dir}/pmed/optima.txt")).unwrap();
            println!("| instance | method | columns | rows | nonzeros | build s | solve s | total s | peak MiB | objective | optimum | bound | status | MIP rounds | heuristic | Lagrangian bound | tree nodes |");
            println!("|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|");
            for &m in &methods {
                let (mut total, mut proven, mut matched) = (0.0, 0, 0);
                for k in first..=last {
                    let name = format!("pmed{k}");
                    let opt: f64 = optima
                        .lines()
                        .find_map(|l| {
                            let mut it = l.split_whitespace();
                            (it.next() == Some(name.as_str())).then(|| it.next())?
                        })
                        .and_then(|v| v.parse().ok())
                        .unwrap_or(f64::NAN);
                    let case = format!("pmed:{dir}/pmed/{name}.txt");
                    match spawn_case(&case, m, limit) {
                        Some(f) => {
                            total += f[5].parse::<f64>().unwrap_or(0.0);
                            proven += usize::from(f[10] == "optimal");
                            let obj: f64 = f[7].parse().unwrap_or(f64::NAN);
                            matched += usize::from((obj - opt).abs() < 1e-6);
                            println!(
                                "| {name} | {m} | {} | {} | {} | {} | {} | {} | {} | {} | {opt} | {} | {} | {} | {} | {} | {} |",
                                f[0], f[1], f[2], f[3], f[4], f[5], f[6], f[7], f[8], f[10], f[11], f[12], f[13], f[14]
                            );
                        }
                        None => println!("| {name} | {m} | no answer (killed or failed) |"),
                    }
                }
                println!(
                    "\n{m}: pmed{first}-{last}: {proven} proven optimal, {matched} at the published optimum, total {total:.1} s (build + solve, per-instance wall time)\n"
                );
            }
        }
        other => panic!("unknown mode {other}: random or pmed"),
    }
}
