//! Shared scanners (M3) at province scale (issue 4): generates `province --counties N
//! --seed 1` with both travel limits at 60 minutes, solves it with HiGHS to a 1 % gap
//! within a time limit, and prints build and solve seconds, bound, plan, gap and peak
//! memory; every plan is checked with `check_scanners`.
//!
//! `cargo run --release -p yilian-benches --features highs --bin scanners-bench -- \
//!  [--counties 30,100] [--method auto|mip|decomposition] [--time-limit 60] [--lp]`
//!
//! `--lp` also solves the LP relaxation of the strong MIP with HiGHS, for its bound.

use std::time::Instant;
use yilian::solve::solve;
use yilian::{generate, Backend, Consortium, ScannerMethod, ScannerModel, SolveOptions};

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let value = |name: &str| {
        args.iter()
            .position(|a| a == name)
            .and_then(|i| args.get(i + 1))
            .cloned()
    };
    let counties: Vec<usize> = value("--counties")
        .unwrap_or_else(|| "30,100".into())
        .split(',')
        .map(|c| c.parse().expect("--counties: numbers separated by commas"))
        .collect();
    let method = match value("--method").as_deref().unwrap_or("auto") {
        "auto" => ScannerMethod::Auto,
        "mip" => ScannerMethod::Mip,
        "decomposition" => ScannerMethod::Decomposition,
        other => panic!("--method {other}: auto, mip or decomposition"),
    };
    let limit: f64 = value("--time-limit")
        .map(|t| t.parse().expect("--time-limit: seconds"))
        .unwrap_or(60.0);
    let lp = args.iter().any(|a| a == "--lp");
    println!("| instance | institutions | method | build s | solve s | status | bound | plan | gap | peak MiB |");
    println!("|---|---|---|---|---|---|---|---|---|---|");
    for n in counties {
        let mut s = generate::province(1, n);
        if let Some(im) = s.imaging.as_mut() {
            for m in im.modalities.values_mut() {
                m.max_travel_minutes = 60.0;
            }
        }
        let institutions = s.institutions.len();
        let c = Consortium::new(s).expect("generated scenarios are valid");
        let options = SolveOptions::new(Backend::Highs)
            .mip_gap(0.01)
            .time_limit(limit);
        if lp {
            let mut program = ScannerModel::new(&c).program().expect("imaging");
            for col in &mut program.columns {
                col.integer = false;
            }
            let t = Instant::now();
            let r = solve(&program, &SolveOptions::new(Backend::Highs)).expect("LP");
            println!(
                "LP relaxation of province-{n}: {:.1} in {:.1} s",
                r.objective,
                t.elapsed().as_secs_f64()
            );
        }
        let t = Instant::now();
        let plan = ScannerModel::new(&c)
            .method(method)
            .solve(&options)
            .expect("a plan");
        let total = t.elapsed().as_secs_f64();
        let violations = yilian::check::check_scanners(&c, &plan);
        assert!(violations.is_empty(), "{violations:?}");
        println!(
            "| province-{n} | {institutions} | {method:?} | {:.2} | {:.1} | {} | {:.0} | {:.0} | {:.2} % | {:.0} |",
            plan.stats.build_seconds,
            total - plan.stats.build_seconds,
            plan.status,
            plan.bound.unwrap_or(f64::NAN),
            plan.objective,
            100.0 * plan.gap.unwrap_or(f64::NAN),
            yilian_benches::peak_memory_mib().unwrap_or(f64::NAN),
        );
        for note in &plan.notes {
            println!("  note: {note}");
        }
    }
}
