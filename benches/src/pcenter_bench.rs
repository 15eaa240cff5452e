//! p-center benchmark (issue 3): OR-Library pmed instances (vertex p-center, unweighted,
//! shortest-path distances), printing a markdown table.
//!
//! ```text
//! cargo run --release -p yilian-benches --features highs --bin pcenter-bench -- \
//!     [FIRST [LAST]] [--methods covering,elloumi,textbook] [--time-limit S] [--orlib DIR]
//! cargo run --release -p yilian-benches --features highs --bin pcenter-bench -- \
//!     --random CLIENTSxSITESxP[,...] [--weighted] [--seed N] [--methods ...]
//! (both: [--threads N] [--backend NAME])
//! ```
//!
//! Defaults: pmed 1..40 from `$YILIAN_ORLIB` or `../shared/data/orlib`; method covering;
//! time limit 60 s per solve; mip gap 0 (so `optimal` is proven); the best available
//! backend (HiGHS when compiled in). `--random`: Euclidean instances of
//! [`yilian_benches::euclidean_pmedian`] (seed 1 by default; real-valued costs, so
//! about clients x sites distinct candidate radii); `--weighted` adds client weights
//! 1-9 (`1 + i * 7 % 9`).

use std::time::Instant;
use yilian::models::location::{read_pmed, CostMatrix, PCenter, PCenterFormulation};
use yilian::{Backend, SolveOptions};
use yilian_benches::euclidean_pmedian;

fn method(name: &str) -> PCenterFormulation {
    match name {
        "textbook" => PCenterFormulation::Textbook,
        "covering" => PCenterFormulation::Covering,
        "elloumi" => PCenterFormulation::Elloumi,
        other => panic!("unknown method {other} (covering, elloumi, textbook)"),
    }
}

fn flag<'a>(args: &'a [String], name: &str) -> Option<&'a str> {
    args.iter()
        .position(|a| a == name)
        .and_then(|i| args.get(i + 1))
        .map(String::as_str)
}

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let positional: Vec<usize> = args
        .iter()
        .take_while(|a| !a.starts_with("--"))
        .map(|a| a.parse().expect("instance numbers"))
        .collect();
    let first = positional.first().copied().unwrap_or(1);
    let last = positional
        .get(1)
        .copied()
        .unwrap_or(if positional.is_empty() { 40 } else { first });
    let methods: Vec<&str> = flag(&args, "--methods")
        .unwrap_or("covering")
        .split(',')
        .collect();
    let limit: f64 = flag(&args, "--time-limit").map_or(60.0, |t| t.parse().unwrap());
    let orlib = flag(&args, "--orlib")
        .map(str::to_string)
        .or_else(|| std::env::var("YILIAN_ORLIB").ok())
        .unwrap_or_else(|| concat!(env!("CARGO_MANIFEST_DIR"), "/../../shared/data/orlib").into());
    let backend = match flag(&args, "--backend") {
        Some("microlp") => Backend::Microlp,
        Some("highs") => Backend::Highs,
        Some("coin_cbc") => Backend::CoinCbc,
        Some(other) => panic!("unknown backend {other} (microlp, highs, coin_cbc)"),
        None => Backend::best_available().expect("a MIP backend"),
    };
    println!("backend {backend}, time limit {limit} s, mip gap 0");
    println!("| instance | n | p | method | objective | bound | status | seconds | last MIP (cols x rows, nnz) |");
    println!("|---|---|---|---|---|---|---|---|---|");
    let mut cases: Vec<(String, CostMatrix, usize)> = Vec::new();
    if let Some(sizes) = flag(&args, "--random") {
        let seed: u64 = flag(&args, "--seed").map_or(1, |s| s.parse().unwrap());
        for size in sizes.split(',') {
            let d: Vec<usize> = size.split('x').map(|v| v.parse().unwrap()).collect();
            cases.push((
                format!("random {size}"),
                euclidean_pmedian(d[0], d[1], seed),
                d[2],
            ));
        }
    } else {
        for k in first..=last {
            let inst = read_pmed(format!("{orlib}/pmed/pmed{k}.txt")).expect("pmed file");
            cases.push((format!("pmed{k}"), inst.cost, inst.p));
        }
    }
    let weighted = args.iter().any(|a| a == "--weighted");
    let threads: Option<u32> = flag(&args, "--threads").map(|t| t.parse().unwrap());
    for (label, cost, p) in &cases {
        let w: Vec<f64> = (0..cost.clients())
            .map(|i| (1 + i * 7 % 9) as f64)
            .collect();
        for &name in &methods {
            let mut opts = SolveOptions::new(backend).mip_gap(0.0).time_limit(limit);
            if let Some(t) = threads {
                opts = opts.threads(t);
            }
            let t0 = Instant::now();
            let mut model = PCenter::new(cost, *p).formulation(method(name));
            if weighted {
                model = model.weights(&w);
            }
            let s = model.solve(&opts).expect("solves");
            println!(
                "| {label} | {} | {p} | {name} | {:.3} | {} | {} | {:.2} | {} x {}, {} |",
                cost.clients(),
                s.objective,
                s.bound.map_or("-".into(), |b| format!("{b:.3}")),
                s.status,
                t0.elapsed().as_secs_f64(),
                s.size.0,
                s.size.1,
                s.size.2
            );
        }
    }
}
