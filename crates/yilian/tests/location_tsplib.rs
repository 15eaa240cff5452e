//! p-median on TSPLIB rl1304 (1,304 points, floored Euclidean distances): the optima
//! published by Duran-Mateluna, Ales and Elloumi (EJOR 2023), proven with HiGHS, by the
//! Benders decomposition at large p and by the default (auto) choice. The full table
//! (nine p, vm1748 too) is the bench `tsplib-pmedian-bench` (benches/location/README.md).
//! Needs `--features highs` and the data folder (`$YILIAN_TSPLIB`, else
//! ../shared/data/tsplib next to the repository).
#![cfg(feature = "highs")]

use std::path::PathBuf;
use yilian::models::location::{read_tsplib, CostMatrix, PMedian, PMedianFormulation};
use yilian::{Backend, SolveOptions, Status};

fn rl1304() -> CostMatrix {
    let dir = std::env::var_os("YILIAN_TSPLIB")
        .map(PathBuf::from)
        .unwrap_or_else(|| {
            PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../../shared/data/tsplib")
        });
    let inst = read_tsplib(dir.join("rl1304.tsp")).unwrap();
    assert_eq!(inst.points.len(), 1304);
    inst.cost().unwrap()
}

fn check(cost: &CostMatrix, p: usize, formulation: PMedianFormulation, optimum: f64) {
    let opts = SolveOptions::new(Backend::Highs)
        .mip_gap(0.0)
        .time_limit(120.0)
        .threads(1);
    let (s, report) = PMedian::new(cost, p)
        .formulation(formulation)
        .solve_with_report(&opts)
        .unwrap();
    eprintln!(
        "rl1304 p={p} {formulation:?}: {} bound {:?} {} in {:.2}+{:.2}s; {:?}",
        s.objective, s.bound, s.status, s.build_seconds, s.solve_seconds, report.benders
    );
    assert_eq!(s.status, Status::Optimal, "p = {p}");
    assert_eq!(s.objective, optimum, "p = {p}");
    let b = s.bound.unwrap();
    assert!(
        b <= optimum + 1e-6 && b >= optimum - 1e-6,
        "p = {p}: bound {b}"
    );
    // The plan, checked against the input: p distinct sites, every client's nearest.
    let mut open = s.open.clone();
    open.dedup();
    assert_eq!(open.len(), p);
    let recomputed: f64 = (0..cost.clients())
        .map(|i| {
            open.iter()
                .map(|&j| cost.get(i, j))
                .fold(f64::INFINITY, f64::min)
        })
        .sum();
    assert_eq!(recomputed, optimum);
}

#[test]
fn benders_proves_the_published_rl1304_optima_at_large_p() {
    let cost = rl1304();
    for (p, optimum) in [(500, 97024.0), (400, 128332.0)] {
        check(&cost, p, PMedianFormulation::Benders, optimum);
    }
}

#[test]
fn auto_proves_the_published_rl1304_optima() {
    // p = 20 (under 5 % of the sites: the Lagrangian tree) and p = 300 (Benders).
    let cost = rl1304();
    assert_eq!(
        PMedian::new(&cost, 20).chosen(Backend::Highs),
        PMedianFormulation::Radius
    );
    assert_eq!(
        PMedian::new(&cost, 300).chosen(Backend::Highs),
        PMedianFormulation::Benders
    );
    assert_eq!(
        PMedian::new(&cost, 300).chosen(Backend::Microlp),
        PMedianFormulation::Radius
    );
    check(&cost, 20, PMedianFormulation::Auto, 1412108.0);
    check(&cost, 300, PMedianFormulation::Auto, 177326.0);
}
