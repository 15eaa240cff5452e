//! Tiered care (M5) at province scale (issue 15): generates `province --counties N
//! --seed 1` (care classes, volumes and capacities of `generate`), solves it in
//! sequential mode (the rotation M1 solved first, its time reported apart) and in
//! joint mode, with each backend asked for, and prints the model size, build, load
//! and solve seconds, the objective, shares and peak memory. Every plan is checked
//! with `check_referral` (the time of the check is printed too).
//!
//! `cargo run --release -p yilian-benches --features highs --bin referral-bench -- \
//!  [--counties 10,100] [--backends highs,microlp] [--modes sequential,joint]`

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
    println!(
        "| instance | institutions | mode | backend | variables | constraints | non-zeros | \
         M1 first (s) | build (s) | load (s) | solve (s) | check (s) | objective | total | \
         grassroots | within county | busiest | peak MiB |"
    );
    println!("|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|");
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
            let options = SolveOptions::new(backend);
            for mode in &modes {
                reset_peak_memory();
                let joint = mode == "joint";
                let (rotation, first) = if joint {
                    (None, 0.0)
                } else {
                    let t = Instant::now();
                    let r = RotationModel::new(&c).solve(&options).expect("rotation");
                    (Some(r), t.elapsed().as_secs_f64())
                };
                let mut model = ReferralModel::new(&c).joint(joint);
                if let Some(r) = &rotation {
                    model = model.rotation(r);
                }
                let plan = match model.solve(&options) {
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
                     {:.2} | {:.2} | {:.2} | {check:.2} | {:.0} | {:.0} | {:.1} % | {:.1} % | {:.1} % | {:.0} |",
                    st.variables,
                    st.constraints,
                    st.nonzeros,
                    st.build_seconds,
                    st.load_seconds,
                    st.solve_seconds,
                    plan.objective,
                    plan.total_objective,
                    100.0 * plan.grassroots_share,
                    100.0 * plan.within_county_share,
                    100.0 * plan.busiest_hospital.as_ref().map_or(0.0, |b| b.2),
                    peak_memory_mib().unwrap_or(f64::NAN)
                );
            }
        }
    }
}
