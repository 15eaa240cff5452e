//! Cost allocation (M6, issue 16): every coalition of 8 or 12 members of a scanner
//! scenario solved once, then the exact Shapley value and the nucleolus; prints the time
//! per coalition solve, the total, and the speed-up with threads.
//!
//! Members: the county's districts (the county town, each township with its villages)
//! dealt in turn to `k` members; a province's counties (one member per county, the
//! `consortium` default).
//!
//! `cargo run --release -p yilian-benches --features highs --bin share-bench -- \
//!  [--instance county|province-N] [--members 8,12] [--threads 1,2] [--method auto|mip]`

use std::time::Instant;
use yilian::models::share::{ShareModel, ShareModelKind};
use yilian::scenario::Member;
use yilian::{generate, Backend, Consortium, ScannerMethod, Scenario, SolveOptions};

/// The county's districts dealt in turn to `k` members.
fn members_by_district(s: &Scenario, k: usize) -> Vec<Member> {
    let mut districts: Vec<String> = Vec::new();
    for inst in &s.institutions {
        let d = inst.district.clone().unwrap_or_else(|| inst.id.clone());
        if !districts.contains(&d) {
            districts.push(d);
        }
    }
    assert!(
        districts.len() >= k,
        "{} districts for {k} members",
        districts.len()
    );
    (0..k)
        .map(|m| {
            let ids = s
                .institutions
                .iter()
                .filter(|inst| {
                    let d = inst.district.clone().unwrap_or_else(|| inst.id.clone());
                    districts.iter().position(|x| *x == d).unwrap() % k == m
                })
                .map(|inst| inst.id.clone());
            Member::new(format!("M{:02}", m + 1), ids)
        })
        .collect()
}

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let value = |name: &str| {
        args.iter()
            .position(|a| a == name)
            .and_then(|i| args.get(i + 1))
            .cloned()
    };
    let list = |name: &str, default: &str| -> Vec<usize> {
        value(name)
            .unwrap_or_else(|| default.into())
            .split(',')
            .map(|x| x.parse().expect("numbers separated by commas"))
            .collect()
    };
    let instance = value("--instance").unwrap_or_else(|| "county".into());
    let members = list("--members", "8,12");
    let threads = list("--threads", "1,2");
    let method = match value("--method").as_deref().unwrap_or("auto") {
        "auto" => ScannerMethod::Auto,
        "mip" => ScannerMethod::Mip,
        other => panic!("--method {other}: auto or mip"),
    };
    let cores = std::thread::available_parallelism().map_or(0, |n| n.get());
    println!(
        "Machine: {cores} cores; release build; HiGHS; coalition values proven to a 1e-6 gap.\n"
    );
    println!("| instance | members | coalitions | threads | solves s (wall) | mean s / coalition | max s | Shapley s | nucleolus s (LPs) | speed-up | v(N) | savings | nucleolus in core | epsilon |");
    println!("|---|---|---|---|---|---|---|---|---|---|---|---|---|---|");
    for &k in &members {
        let scenario = if let Some(n) = instance.strip_prefix("province-") {
            let _ = n;
            generate::province(1, k)
        } else {
            let mut s = generate::county(1);
            s.members = members_by_district(&s, k);
            s
        };
        let c = Consortium::new(scenario).expect("generated scenarios are valid");
        let mut first_wall = None;
        for &t in &threads {
            let options = SolveOptions::new(Backend::Highs).threads(t as u32);
            let model = ShareModel::new(&c, ShareModelKind::Scanners(method));
            let start = Instant::now();
            let (game, values) = model.game(&options).expect("every coalition solves");
            let wall = start.elapsed().as_secs_f64();
            let secs: Vec<f64> = values.iter().map(|v| v.seconds).collect();
            let t0 = Instant::now();
            let phi = game.shapley();
            let shapley_s = t0.elapsed().as_secs_f64();
            let t1 = Instant::now();
            let nu = game
                .nucleolus(&SolveOptions::new(Backend::Highs).threads(1))
                .expect("the nucleolus solves");
            let nucleolus_s = t1.elapsed().as_secs_f64();
            std::hint::black_box(&phi);
            let base = *first_wall.get_or_insert(wall);
            println!(
                "| {instance} | {k} | {} | {t} | {wall:.1} | {:.3} | {:.2} | {shapley_s:.4} | {nucleolus_s:.2} ({}) | {:.2} | {:.1} | {:.1} | {} | {:.2} |",
                values.len(),
                secs.iter().sum::<f64>() / secs.len() as f64,
                secs.iter().copied().fold(0.0, f64::max),
                nu.lps,
                base / wall,
                game.value(game.grand()),
                game.savings(),
                if game.in_core(&nu.allocation) { "yes" } else { "no" },
                nu.epsilon
            );
        }
    }
}
