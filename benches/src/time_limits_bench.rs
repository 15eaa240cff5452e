//! Time limits kept and statuses reported: every model solved under a time limit, with
//! the wall-clock seconds of the whole `solve` call against the limit + 5 % + 1 s, and
//! the status, objective, bound and gap the plan reports (each stage's for two-stage
//! objectives).
//!
//! `cargo run --release -p yilian-benches --features highs --bin time-limits-bench -- [--backend highs|microlp] [--quick]`

use std::time::Instant;
use yilian::scenario::{Horizon, Roster};
use yilian::{
    generate, Backend, Consortium, RosterModel, RotationModel, RotationObjective, ScannerModel,
    ScannerObjective, SolveOptions,
};

/// One row of the table.
struct Row {
    model: String,
    size: &'static str,
    limit: f64,
    seconds: f64,
    outcome: String,
}

fn print(r: &Row) {
    let allowed = r.limit * 1.05 + 1.0;
    println!(
        "| {} | {} | {:.0} | {:.2} | {:+.1} % | {} | {} |",
        r.model,
        r.size,
        r.limit,
        r.seconds,
        100.0 * (r.seconds - r.limit) / r.limit,
        if r.seconds <= allowed { "yes" } else { "NO" },
        r.outcome
    );
}

fn fmt_opt(v: Option<f64>) -> String {
    v.map_or("-".into(), |x| format!("{x:.6e}"))
}

fn fmt_gap(v: Option<f64>) -> String {
    v.map_or("-".into(), |g| format!("{:.4} %", 100.0 * g))
}

fn stages(st: &[yilian::plan::StageSummary]) -> String {
    st.iter()
        .map(|s| {
            format!(
                "; {}: {} {:.6e} (gap {})",
                s.stage,
                s.status,
                s.objective,
                fmt_gap(s.gap)
            )
        })
        .collect()
}

fn timed<T>(f: impl FnOnce() -> T) -> (T, f64) {
    let t = Instant::now();
    let out = f();
    (out, t.elapsed().as_secs_f64())
}

fn province_scanners(counties: usize) -> Consortium {
    let mut s = generate::province(1, counties);
    if let Some(im) = s.imaging.as_mut() {
        for m in im.modalities.values_mut() {
            m.max_travel_minutes = 60.0;
        }
    }
    Consortium::new(s).unwrap()
}

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let backend = args
        .iter()
        .position(|a| a == "--backend")
        .and_then(|i| args.get(i + 1))
        .map_or(Backend::best_available().unwrap(), |b| b.parse().unwrap());
    let quick = args.iter().any(|a| a == "--quick");
    println!("backend {backend}; wall-clock seconds of the whole solve call\n");
    println!("| model | size | limit (s) | took (s) | over the limit | within limit + 5 % + 1 s | status, objective, bound, gap |");
    println!("|---|---|---|---|---|---|---|");
    let base = SolveOptions::new(backend);

    let county = Consortium::new(generate::county(1)).unwrap();
    let city = Consortium::new(generate::city(1)).unwrap();
    let province10 = Consortium::new(generate::province(1, 10)).unwrap();
    let mut rotations: Vec<(&'static str, &Consortium, f64)> = vec![
        ("county", &county, 5.0),
        ("city", &city, 5.0),
        ("province-10", &province10, 5.0),
    ];
    let province70;
    if !quick {
        province70 = Consortium::new(generate::province(1, 70)).unwrap();
        rotations.push(("province-70", &province70, 10.0));
    }
    for (size, c, limit) in &rotations {
        for objective in [RotationObjective::Weighted, RotationObjective::Equity] {
            let o = base.clone().time_limit(*limit);
            let (r, seconds) = timed(|| RotationModel::new(c).objective(objective).solve(&o));
            let outcome = match r {
                Ok(p) => format!(
                    "{} {:.6e}, bound {}, gap {}{}",
                    p.status,
                    p.objective,
                    fmt_opt(p.bound),
                    fmt_gap(p.gap),
                    stages(&p.stages)
                ),
                Err(e) => format!("error: {e}"),
            };
            print(&Row {
                model: format!("rotation {objective:?}"),
                size,
                limit: *limit,
                seconds,
                outcome,
            });
        }
    }

    // The roster: a 28-day calendar for the county's pools, a proof asked for.
    let roster = Roster::from_pools(county.scenario(), Horizon::new("2026-03-02", 28));
    for limit in [6.0, 20.0] {
        let o = base.clone().mip_gap(0.0).time_limit(limit);
        let (r, seconds) = timed(|| RosterModel::new(&county).roster(roster.clone()).solve(&o));
        let outcome = match r {
            Ok(p) => format!(
                "{} {:.6e}, bound {}, gap {}",
                p.status,
                p.objective,
                fmt_opt(p.bound),
                fmt_gap(p.gap)
            ),
            Err(e) => format!("error: {e}"),
        };
        print(&Row {
            model: "roster (gap 0)".into(),
            size: "county",
            limit,
            seconds,
            outcome,
        });
    }

    let p10 = province_scanners(10);
    let mut scanners: Vec<(&'static str, &Consortium, f64)> =
        vec![("county", &county, 3.0), ("province-10", &p10, 20.0)];
    let p30;
    if !quick {
        p30 = province_scanners(30);
        scanners.push(("province-30", &p30, 30.0));
    }
    for (size, c, limit) in &scanners {
        for objective in [ScannerObjective::Travel, ScannerObjective::Coverage] {
            let o = base.clone().mip_gap(0.0).time_limit(*limit);
            let (r, seconds) = timed(|| ScannerModel::new(c).objective(objective).solve(&o));
            let outcome = match r {
                Ok(p) => format!(
                    "{} {:.6e}, bound {}, gap {}{}",
                    p.status,
                    p.objective,
                    fmt_opt(p.bound),
                    fmt_gap(p.gap),
                    stages(&p.stages)
                ),
                Err(e) => format!("error: {e}"),
            };
            print(&Row {
                model: format!("scanners {objective:?} (gap 0)"),
                size,
                limit: *limit,
                seconds,
                outcome,
            });
        }
    }
}
