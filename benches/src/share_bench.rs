//! Cost allocation (M6, issue 16): every coalition of 8 or 12 members of a scanner
//! scenario solved once, then the exact Shapley value and the nucleolus; prints the time
//! per coalition solve, the total, and the speed-up with threads.
//!
//! Members: the county's districts (the county town, each township with its villages)
//! dealt in turn to `k` members; a province's counties (one member per county, the
//! `consortium` default).
//!
//! `cargo run --release -p yilian-benches --features highs --bin share-bench -- \
//!  [--instance county|province-N] [--members 8,12] [--threads 1,2] [--method auto|mip] \
//!  [--model scanners|rotation] [--gap 1e-6]`

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

/// CPU seconds of this process so far (user + system, every thread), from /proc.
fn cpu_seconds() -> f64 {
    let stat = std::fs::read_to_string("/proc/self/stat").unwrap_or_default();
    // Fields after the command name (which ends with ')'): utime is the 12th, stime the 13th.
    let rest = stat.rsplit(')').next().unwrap_or("");
    let fields: Vec<&str> = rest.split_whitespace().collect();
    let ticks = |k: usize| {
        fields
            .get(k)
            .and_then(|f| f.parse::<f64>().ok())
            .unwrap_or(0.0)
    };
    (ticks(11) + ticks(12)) / 100.0
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
    let kind = match value("--model").as_deref().unwrap_or("scanners") {
        "scanners" => ShareModelKind::Scanners(method),
        "rotation" => ShareModelKind::Rotation,
        other => panic!("--model {other}: scanners or rotation"),
    };
    let cores = std::thread::available_parallelism().map_or(0, |n| n.get());
    let gap: f64 = value("--gap")
        .map(|g| g.parse().expect("--gap: a number"))
        .unwrap_or(yilian::models::share::DEFAULT_SHARE_GAP);
    let load = std::fs::read_to_string("/proc/loadavg").unwrap_or_default();
    println!(
        "Machine: {cores} cores, load average {} at the start; HiGHS; values proven to a {gap:e} gap.\n",
        load.split_whitespace().next().unwrap_or("?")
    );
    println!("| instance | members | coalitions | threads | solves s (wall) | CPU s | mean s / coalition | max s | Shapley s | nucleolus s (LPs) | speed-up | v(N) | savings | nucleolus in core | epsilon |");
    println!("|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|");
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
            let options = SolveOptions::new(Backend::Highs)
                .threads(t as u32)
                .mip_gap(gap);
            let start = Instant::now();
            let progress = |done: usize, total: usize| {
                if done & 255 == 0 || done == total {
                    eprintln!(
                        "  {done} of {total} coalitions, {:.0} s, {:.0} CPU s",
                        start.elapsed().as_secs_f64(),
                        cpu_seconds()
                    );
                }
            };
            let model = ShareModel::new(&c, kind).progress(&progress);
            let cpu_start = cpu_seconds();
            let (game, values) = model.game(&options).expect("every coalition solves");
            let wall = start.elapsed().as_secs_f64();
            let cpu = cpu_seconds() - cpu_start;
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
            let mut by_size = vec![(0usize, 0.0f64, 0.0f64); k + 1];
            for v in &values {
                let e = &mut by_size[v.members.len()];
                e.0 += 1;
                e.1 += v.seconds;
                e.2 = e.2.max(v.seconds);
            }
            let sizes: Vec<String> = by_size
                .iter()
                .enumerate()
                .skip(1)
                .map(|(size, (n, sum, max))| {
                    format!("{size}: {:.3} (max {max:.2})", sum / (*n).max(1) as f64)
                })
                .collect();
            eprintln!(
                "{instance} {k} members, {t} threads: mean s by size {}",
                sizes.join(", ")
            );
            println!(
                "| {instance} {} | {k} | {} | {t} | {wall:.1} | {cpu:.1} | {:.3} | {:.2} | {shapley_s:.4} | {nucleolus_s:.2} ({}) | {:.2} | {:.1} | {:.1} | {} | {:.2} |",
                kind.name(),
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
