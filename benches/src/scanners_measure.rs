//! Measurement experiments on the shared-scanner model's program (M3), on generated
//! provinces with both travel limits at 60 minutes; HiGHS throughout. They read
//! internals through the core's `measure` feature (`yilian::scanners_measure`).
//!
//! `cargo run --release -p yilian-benches --features highs --bin scanners-measure -- \
//!  provinces [--counties 10,30] [--iterations 1000] [--per 30] [--grid] \
//!  [--modal CT [--modal-per 30]] [--time-limit 60] [--rounds 1] [--step 0.005]`
//!
//! the Lagrangian (station) bound after `--iterations` subgradient steps, then the
//! regional bound from its multipliers: regions by consortium (and, with `--grid`, by a
//! grid over the coordinates), `--rounds` subgradient rounds within `--time-limit`
//! seconds; with `--modal M`, regions for the stations of modality `M` only, every other
//! station alone.
//!
//! `cargo run --release -p yilian-benches --features highs --bin scanners-measure -- \
//!  integrality [--counties 10] [--time-limit 120]`
//!
//! where the integrality gap lies: the LP relaxation, then the program with only one
//! modality's units integer, then the MIP, each to a 1e-4 gap within the time limit.

use std::time::{Duration, Instant};
use yilian::scanners_measure::{Instance, STATIONS_PER_REGION};
use yilian::solve::solve;
use yilian::{generate, Backend, Consortium, SolveOptions};

/// Plans known on the provinces (60 s, auto), the targets of the subgradient steps.
const KNOWN_PLANS: [(usize, f64); 3] = [(10, 639_486.0), (30, 1_948_471.0), (100, 6_827_938.0)];

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let value = |name: &str| {
        args.iter()
            .position(|a| a == name)
            .and_then(|i| args.get(i + 1))
            .cloned()
    };
    let number = |name: &str, default: f64| -> f64 {
        value(name).map_or(default, |v| {
            v.parse()
                .unwrap_or_else(|_| panic!("{name}: a number, not {v}"))
        })
    };
    let experiment = args.get(1).map(String::as_str);
    let counties: Vec<usize> = value("--counties")
        .unwrap_or_else(|| "10".into())
        .split(',')
        .map(|c| c.parse().expect("--counties: numbers separated by commas"))
        .collect();
    match experiment {
        Some("provinces") => {
            let settings = Regional {
                iterations: number("--iterations", 1000.0) as usize,
                per: number("--per", STATIONS_PER_REGION as f64) as usize,
                grid: args.iter().any(|a| a == "--grid"),
                modal: value("--modal"),
                modal_per: number("--modal-per", STATIONS_PER_REGION as f64) as usize,
                limit: number("--time-limit", 60.0),
                rounds: number("--rounds", 1.0) as usize,
                step: number("--step", 0.005),
            };
            for n in counties {
                provinces(n, &settings);
            }
        }
        Some("integrality") => {
            let limit = number("--time-limit", 120.0);
            for n in counties {
                integrality(n, limit);
            }
        }
        _ => {
            eprintln!("usage: scanners-measure provinces|integrality [options] (see the source)");
            std::process::exit(2);
        }
    }
}

/// The generated province of `n` counties with both travel limits at 60 minutes.
fn province(n: usize) -> Consortium {
    let mut s = generate::province(1, n);
    for m in s
        .imaging
        .as_mut()
        .expect("provinces have imaging")
        .modalities
        .values_mut()
    {
        m.max_travel_minutes = 60.0;
    }
    Consortium::new(s).expect("generated scenarios are valid")
}

/// The same institutions with no consortium named: regions from the grid.
fn without_consortia(c: &Consortium) -> Consortium {
    let mut g = c.scenario().clone();
    for i in &mut g.institutions {
        i.consortium = None;
    }
    Consortium::new(g).expect("still valid")
}

/// Settings of the regional-bound experiment.
struct Regional {
    iterations: usize,
    per: usize,
    grid: bool,
    modal: Option<String>,
    modal_per: usize,
    limit: f64,
    rounds: usize,
    step: f64,
}

/// The station bound, then the regional bound from its multipliers.
fn provinces(n: usize, s: &Regional) {
    let c = province(n);
    let inst = Instance::travel(&c).expect("imaging");
    let upper = KNOWN_PLANS
        .iter()
        .find(|p| p.0 == n)
        .map_or(f64::INFINITY, |p| p.1);
    let t = Instant::now();
    let (lambda, station) = inst.station_bound(upper, s.iterations);
    let stations = inst.station_modalities();
    println!(
        "province-{n}: {} stations, station bound {station:.0} after {} iterations ({:.1} s)",
        stations.len(),
        s.iterations,
        t.elapsed().as_secs_f64()
    );
    let highs = SolveOptions::new(Backend::Highs);
    if let Some(modal) = &s.modal {
        // Regions for the stations of modality `modal` only (a grid of about
        // `modal_per` stations of every modality a cell); every other station alone, so
        // that it counts with its station relaxation.
        let grid = inst.regions(&without_consortia(&c), s.modal_per);
        let mut region_of = Vec::new();
        let mut next = 1_000_000;
        for (k, m) in stations.iter().enumerate() {
            if m == modal {
                region_of.push(grid[k]);
            } else {
                region_of.push(next);
                next += 1;
            }
        }
        let mut ids: Vec<usize> = region_of.clone();
        ids.sort_unstable();
        ids.dedup();
        for r in &mut region_of {
            *r = ids.binary_search(r).expect("listed");
        }
        let deadline = Instant::now() + Duration::from_secs(600);
        let t = Instant::now();
        let b = inst
            .regional_bound(&region_of, &lambda, &highs, 2, Some(deadline))
            .expect("HiGHS gives a bound");
        println!(
            "  modal {modal}: {:.0} (station {:.0}, +{:.2} %), {} proven of {}, largest {} columns, border {}, {:.1} s",
            b.value,
            b.station_value,
            100.0 * (b.value - b.station_value) / b.station_value,
            b.proven,
            b.regions,
            b.largest,
            b.border,
            t.elapsed().as_secs_f64()
        );
    }
    let grids = if s.grid {
        vec![false, true]
    } else {
        vec![false]
    };
    for grid in grids {
        let region_of = if grid {
            inst.regions(&without_consortia(&c), s.per)
        } else {
            inst.regions(&c, s.per)
        };
        let deadline = Instant::now() + Duration::from_secs_f64(s.limit);
        let b = inst
            .ascend_regional(
                &region_of,
                lambda.clone(),
                &highs,
                2,
                Some(deadline),
                s.rounds,
                s.step,
            )
            .expect("HiGHS gives a bound");
        println!(
            "  {}: regional {:.0} (station {:.0}, +{:.2} %), {} regions ({} proven, largest {} columns), border {} of {} demands, {:.1} s",
            if grid { "grid" } else { "consortia" },
            b.value,
            b.station_value,
            100.0 * (b.value - b.station_value) / b.station_value,
            b.regions,
            b.proven,
            b.largest,
            b.border,
            b.demands,
            b.seconds
        );
    }
}

/// The LP relaxation, each modality's units alone integer, and the MIP.
fn integrality(n: usize, limit: f64) {
    let c = province(n);
    let modalities: Vec<String> = c
        .scenario()
        .imaging
        .as_ref()
        .expect("imaging")
        .modalities
        .keys()
        .cloned()
        .collect();
    let inst = Instance::travel(&c).expect("imaging");
    let stations = inst.station_modalities();
    // None: every unit integer; Some(m): only modality m's (Some("") for none).
    let mut cases: Vec<(String, Option<&str>)> = vec![("LP".into(), Some(""))];
    for m in &modalities {
        cases.push((format!("{m} units integer"), Some(m.as_str())));
    }
    cases.push(("MIP".into(), None));
    for (name, integer) in cases {
        let mut lp = inst.program().clone();
        for (k, col) in inst.unit_columns().iter().enumerate() {
            if let Some(col) = *col {
                lp.columns[col].integer = integer.is_none_or(|m| m == stations[k]);
            }
        }
        let t = Instant::now();
        let o = SolveOptions::new(Backend::Highs)
            .time_limit(limit)
            .mip_gap(1e-4);
        let r = solve(&lp, &o).expect("HiGHS solves it");
        println!(
            "province-{n} {name}: objective {:.0}, bound {:.0}, {} in {:.1} s",
            r.objective,
            r.bound.unwrap_or(r.objective),
            r.status,
            t.elapsed().as_secs_f64()
        );
    }
}
