//! Tiered care (M5) at province scale (issue 15): generates `province --counties N
//! --seed 1` (care classes, volumes and capacities of `generate`), solves it in
//! sequential mode (the rotation M1 solved first, its time reported apart) and in
//! joint mode, with each backend asked for, and prints the model size, build, load
//! and solve seconds, the objective, shares and peak memory. Every plan is checked
//! with `check_referral` (the time of the check is printed too).
//!
//! `cargo run --release -p yilian-benches --features highs --bin referral-bench -- \
//!  [--counties 10,100] [--backends highs,microlp] [--modes sequential,joint] \
//!  [--time-limit S]`
//!
//! Besides wall-clock seconds it prints the CPU seconds of the process over the solve
//! of M1 first and of M5 (build, load, solve and extraction), which say more than wall
//! time on a machine shared with other jobs, and the 1-minute load average after each
//! run.

use std::time::Instant;
use yilian::{generate, Backend, Consortium, ReferralModel, RotationModel, SolveOptions};
use yilian_benches::{peak_memory_mib, reset_peak_memory};

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let value = |name: &str| {
        args.iter()
            .position(|a| a == name)
            .and_then(|i| args.get(i + 1))
            .cloned()
    };
    let list = |name: &str, default: &str| -> Vec<String> {
        value(name)
            .unwrap_or_else(|| default.into())
            .split(',')
            .map(str::to_string)
            .collect()
    };
    let counties: Vec<usize> = list("--counties", "10,100")
        .iter()
        .map(|c| c.parse().expect("--counties: numbers separated by commas"))
        .collect();
    let backends: Vec<Backend> = list("--backends", "highs,microlp")
        .iter()
        .map(|b| b.parse().expect("--backends: backend names"))
        .collect();
    let modes = list("--modes", "sequential,joint");
    let limit: Option<f64> =
        value("--time-limit").map(|t| t.parse().expect("--time-limit: seconds"));
    println!(
        "| instance | institutions | mode | backend | variables | constraints | non-zeros | \
         M1 first (s) | M1 CPU (s) | build (s) | load (s) | solve (s) | M5 wall (s) | M5 CPU (s) | \
         check (s) | status | objective | total | grassroots | within county | busiest | peak MiB | \
         load avg |"
    );
    println!(
        "|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|"
    );
    for n in counties {
        let t = Instant::now();
        let s = generate::province(1, n);
        let institutions = s.institutions.len();
        let c = Consortium::new(s).expect("generated scenarios are valid");
        eprintln!(
            "province-{n}: generated and indexed in {:.1} s",
            t.elapsed().as_secs_f64()
        );
        for &backend in &backends {
            let mut options = SolveOptions::new(backend);
            options.time_limit = limit;
            for mode in &modes {
                reset_peak_memory();
                let joint = mode == "joint";
                let (rotation, first, first_cpu) = if joint {
                    (None, 0.0, 0.0)
                } else {
                    let (t, cpu) = (Instant::now(), cpu_seconds());
                    let r = RotationModel::new(&c).solve(&options).expect("rotation");
                    (Some(r), t.elapsed().as_secs_f64(), cpu_seconds() - cpu)
                };
                let mut model = ReferralModel::new(&c).joint(joint);
                if let Some(r) = &rotation {
                    model = model.rotation(r);
                }
                let (wall, cpu) = (Instant::now(), cpu_seconds());
                let solved = model.solve(&options);
                let (wall, cpu) = (wall.elapsed().as_secs_f64(), cpu_seconds() - cpu);
                let plan = match solved {
                    Ok(p) => p,
                    Err(e) => {
                        println!(
                            "| province-{n} | {institutions} | {mode} | {backend} | failed: {e} |"
                        );
                        continue;
                    }
                };
                let t = Instant::now();
                let violations = yilian::check::check_referral(&c, &plan);
                let check = t.elapsed().as_secs_f64();
                assert!(
                    violations.is_empty(),
                    "{:?}",
                    &violations[..violations.len().min(5)]
                );
                let st = &plan.stats;
                println!(
                    "| province-{n} | {institutions} | {mode} | {backend} | {} | {} | {} | {first:.2} | \
                     {first_cpu:.2} | {:.2} | {:.2} | {:.2} | {wall:.2} | {cpu:.2} | {check:.2} | {} | \
                     {:.0} | {:.0} | {:.1} % | {:.1} % | {:.1} % | {:.0} | {} |",
                    st.variables,
                    st.constraints,
                    st.nonzeros,
                    st.build_seconds,
                    st.load_seconds,
                    st.solve_seconds,
                    plan.status,
                    plan.objective,
                    plan.total_objective,
                    100.0 * plan.grassroots_share,
                    100.0 * plan.within_county_share,
                    100.0 * plan.busiest_hospital.as_ref().map_or(0.0, |b| b.2),
                    peak_memory_mib().unwrap_or(f64::NAN),
                    load_average()
                );
            }
        }
    }
}

/// CPU seconds (user + system) this process has used, from `/proc/self/stat` (Linux,
/// 100 clock ticks a second; 0 elsewhere).
fn cpu_seconds() -> f64 {
    let Ok(stat) = std::fs::read_to_string("/proc/self/stat") else {
        return 0.0;
    };
    // Fields after the command name (which is in parentheses): utime is the 14th
    // field of the line, stime the 15th.
    let rest = stat.rsplit_once(')').map_or("", |(_, r)| r);
    let f: Vec<&str> = rest.split_whitespace().collect();
    let ticks = |k: usize| f.get(k).and_then(|x| x.parse::<f64>().ok()).unwrap_or(0.0);
    (ticks(11) + ticks(12)) / 100.0
}

/// The 1-minute load average of the machine, as `/proc/loadavg` gives it.
fn load_average() -> String {
    std::fs::read_to_string("/proc/loadavg")
        .ok()
        .and_then(|l| l.split_whitespace().next().map(str::to_string))
        .unwrap_or_default()
}
