//! Cost allocation (M6, issue 16): every coalition of 8 or 12 members of a scanner
//! scenario solved once, then the exact Shapley value and the nucleolus; prints the time
//! per coalition solve, the total, and the speed-up with threads.
//!
//! Members: the county's districts (the county town, each township with its villages)
//! dealt in turn to `k` members; a province's counties (one member per county, the
//! `consortium` default).
//!
//! `cargo run --release -p yilian-benches --features highs --bin share-bench -- \
//!  [--instance county|province] [--members 8,12] [--threads 1,2] [--method auto|mip] \
//!  [--model scanners|rotation|referral] [--gap 1e-6]`
//!
//! `--sample N` (province games, too long to run whole here): N coalitions drawn at
//! random per size (seeded, plus the grand coalition), each solved once on one thread;
//! prints the time per coalition by size and extrapolates the totals over all
//! `2^k - 1` coalitions (labelled as such).
//!
//! `--warm-check` (county scanners): after the whole game, each coalition `T` of two or
//! more members solved by the decomposition alone, its plan's cost compared with the
//! best start sub-coalition plans could give, `min_S v(S) + v(T \ S)`.

use std::time::Instant;
use yilian::game::Coalition;
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
        "referral" => ShareModelKind::Referral(yilian::ReferralMode::Joint),
        other => panic!("--model {other}: scanners, rotation or referral"),
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
    if let Some(n) = value("--sample") {
        let per_size: usize = n.parse().expect("--sample: a number");
        for &k in &members {
            sample(&instance, k, kind, per_size, gap, value("--time-limit"));
        }
        return;
    }
    let warm_check = args.iter().any(|a| a == "--warm-check");
    println!("| instance | members | coalitions | threads | solves s (wall) | CPU s | mean s / coalition | max s | Shapley s | nucleolus s (LPs) | speed-up | v(N) | savings | nucleolus in core | epsilon |");
    println!("|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|");
    for &k in &members {
        let c = Consortium::new(scenario_of(&instance, k)).expect("generated scenarios are valid");
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
            if warm_check && t == *threads.last().unwrap() {
                warm_starts(&c, &game, &values, gap);
            }
        }
    }
}

/// The scenario of `k` members: the county's districts dealt to `k` members, or a
/// province of `k` counties (one member per county).
fn scenario_of(instance: &str, k: usize) -> Scenario {
    if instance.starts_with("province") {
        generate::province(1, k)
    } else {
        let mut s = generate::county(1);
        s.members = members_by_district(&s, k);
        s
    }
}

/// A small deterministic generator (SplitMix64) for drawing coalitions.
struct SplitMix(u64);

impl SplitMix {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// A random coalition of `size` of `k` members (a partial Fisher-Yates shuffle).
    fn coalition(&mut self, k: usize, size: usize) -> Coalition {
        let mut players: Vec<usize> = (0..k).collect();
        for i in 0..size {
            let j = i + (self.next() % (k - i) as u64) as usize;
            players.swap(i, j);
        }
        Coalition::from_players(players[..size].iter().copied())
    }
}

fn binomial(n: usize, k: usize) -> f64 {
    (0..k).fold(1.0, |acc, i| acc * (n - i) as f64 / (i + 1) as f64)
}

/// Sampled coalitions of a game too long to solve whole: time per coalition by size,
/// and the totals extrapolated over every coalition.
fn sample(
    instance: &str,
    k: usize,
    kind: ShareModelKind,
    per_size: usize,
    gap: f64,
    time_limit: Option<String>,
) {
    let c = Consortium::new(scenario_of(instance, k)).expect("generated scenarios are valid");
    let mut options = SolveOptions::new(Backend::Highs).threads(1).mip_gap(gap);
    if let Some(t) = time_limit {
        options.time_limit = Some(t.parse().expect("--time-limit: seconds"));
    }
    let model = ShareModel::new(&c, kind);
    let mut rng = SplitMix(0x5EED ^ k as u64);
    println!("\n{instance} of {k} counties, model {}: {per_size} random coalitions per size (all of a size when fewer), one thread, {gap:e} gap", kind.name());
    println!("| size | coalitions of this size | sampled | mean s (wall) | mean CPU s | min s | max s | proven | extrapolated CPU s for the size |");
    println!("|---|---|---|---|---|---|---|---|---|");
    let (mut total, mut sampled_cpu, mut solved) = (0.0, 0.0, 0usize);
    for size in 1..=k {
        let count = binomial(k, size);
        let mut drawn: Vec<Coalition> = Vec::new();
        if count <= per_size as f64 {
            drawn = Coalition::all(k).filter(|s| s.len() == size).collect();
        } else {
            while drawn.len() < per_size {
                let s = rng.coalition(k, size);
                if !drawn.contains(&s) {
                    drawn.push(s);
                }
            }
        }
        let (mut secs, mut cpus) = (Vec::new(), Vec::new());
        let mut proven = 0;
        for &s in &drawn {
            let cpu0 = cpu_seconds();
            let (v, _) = model
                .solve_coalition(s, &options, false)
                .expect("the coalition solves");
            let cpu = cpu_seconds() - cpu0;
            eprintln!(
                "  size {size} {s}: {:.2} s wall, {cpu:.2} CPU s, {} gap {:?}, cost {:.1}",
                v.seconds, v.status, v.gap, v.cost
            );
            if v.status == yilian::Status::Optimal || v.gap.is_some_and(|g| g <= gap) {
                proven += 1;
            }
            secs.push(v.seconds);
            cpus.push(cpu);
        }
        let mean = secs.iter().sum::<f64>() / secs.len() as f64;
        let mean_cpu = cpus.iter().sum::<f64>() / cpus.len() as f64;
        let extrapolated = mean_cpu * count;
        total += extrapolated;
        sampled_cpu += cpus.iter().sum::<f64>();
        solved += secs.len();
        println!(
            "| {size} | {count:.0} | {} | {mean:.2} | {mean_cpu:.2} | {:.2} | {:.2} | {proven} of {} | {extrapolated:.0} |",
            secs.len(),
            secs.iter().copied().fold(f64::INFINITY, f64::min),
            secs.iter().copied().fold(0.0, f64::max),
            secs.len()
        );
    }
    println!(
        "\nSampled: {solved} solves, {sampled_cpu:.0} CPU s. Extrapolated (mean CPU of the sample x coalitions of each size): {total:.0} CPU s for all {} coalitions, about {:.0} s of wall time on 2 threads at the county's measured speed-up of 1.93.",
        (1u64 << k) - 1,
        total / 1.93
    );
}

/// Whether starting coalition solves from sub-coalition plans could help: for each
/// coalition `T` of two or more members, the decomposition's own plan (what the MIP
/// starts from under `auto`) against the best union of two complementary
/// sub-coalitions' optimal plans, `min_S v(S) + v(T \ S)` (a feasible plan of `T`).
fn warm_starts(
    c: &Consortium,
    game: &yilian::game::Game,
    values: &[yilian::models::share::CoalitionValue],
    gap: f64,
) {
    let k = game.players();
    let model = ShareModel::new(c, ShareModelKind::Scanners(ScannerMethod::Decomposition));
    let options = SolveOptions::new(Backend::Highs).threads(1).mip_gap(gap);
    let (mut union_better, mut checked) = (0usize, 0usize);
    let (mut dec_excess, mut union_excess) = (Vec::new(), Vec::new());
    let mut cpu = 0.0;
    for v in values.iter().filter(|v| v.members.len() >= 2) {
        let t = v.coalition();
        let best_split = Coalition::all(k)
            .filter(|s| !s.is_empty() && s.bits() & !t.bits() == 0 && *s != t)
            .map(|s| game.value(s) + game.value(Coalition::from_bits(t.bits() & !s.bits())))
            .fold(f64::INFINITY, f64::min);
        let cpu0 = cpu_seconds();
        let (d, _) = model
            .solve_coalition(t, &options, false)
            .expect("the decomposition solves");
        cpu += cpu_seconds() - cpu0;
        let scale = v.cost.abs().max(1.0);
        dec_excess.push((d.cost - v.cost) / scale);
        union_excess.push((best_split - v.cost) / scale);
        checked += 1;
        if best_split < d.cost - 1e-9 * scale {
            union_better += 1;
        }
    }
    let mean = |x: &[f64]| x.iter().sum::<f64>() / x.len().max(1) as f64;
    let max = |x: &[f64]| x.iter().copied().fold(0.0, f64::max);
    println!(
        "\nWarm-start check ({k} members, {checked} coalitions of 2 or more, decomposition alone {cpu:.1} CPU s): \
         the decomposition's plan is above v(T) by {:.2e} on average (max {:.2e}) relative; the best union of two \
         sub-coalition plans by {:.2e} (max {:.2e}); the union is better in {union_better} of {checked}.",
        mean(&dec_excess),
        max(&dec_excess),
        mean(&union_excess),
        max(&union_excess)
    );
}
