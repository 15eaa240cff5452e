//! p-median on TSPLIB rl1304 (1,304 points, floored Euclidean distances): the optima
//! published by Duran-Mateluna, Ales and Elloumi (EJOR 2023), proven with HiGHS by the
//! Benders decomposition on the coordinates at large p and on the matrix at p = 100
//! (branch-and-cut tree); the auto choice. The full table
//! (nine p, vm1748 too) is the bench `tsplib-pmedian-bench` (benches/location/README.md).
//! Needs `--features highs`; the data folder is `$YILIAN_TSPLIB`, else the copy in
//! tests/data/tsplib (tests/data/BENCHMARK_DATA.md).
#![cfg(feature = "highs")]

use std::path::PathBuf;
use yilian::models::location::PMedianOnPoints;
use yilian::models::location::{
    read_tsplib, CostMatrix, LocationSolution, Metric, PMedian, PMedianFormulation,
};
use yilian::{Backend, SolveOptions, Status};

fn dir() -> PathBuf {
    std::env::var_os("YILIAN_TSPLIB")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/data/tsplib"))
}

fn rl1304() -> CostMatrix {
    let inst = read_tsplib(dir().join("rl1304.tsp")).unwrap();
    assert_eq!(inst.points.len(), 1304);
    inst.cost().unwrap()
}

/// The solution is proven optimal at `optimum`, its bound equal to it, and its plan,
/// checked against the matrix, opens `p` distinct sites costing `optimum`.
fn check(cost: &CostMatrix, p: usize, s: &LocationSolution, optimum: f64) {
    assert_eq!(s.status, Status::Optimal, "p = {p}");
    assert_eq!(s.objective, optimum, "p = {p}");
    let b = s.bound.unwrap();
    assert!(
        b <= optimum + 1e-6 && b >= optimum - 1e-6,
        "p = {p}: bound {b}"
    );
    let mut open = s.open.clone();
    open.sort_unstable();
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
fn benders_on_points_proves_the_published_rl1304_optima_at_large_p() {
    // The decomposition on the coordinates (lazy sorted lists, no dense matrix): the
    // fast path in the test profile (the dense path's interchange is slow unoptimised).
    let inst = read_tsplib(dir().join("rl1304.tsp")).unwrap();
    let cost = inst.cost().unwrap();
    let opts = SolveOptions::new(Backend::Highs)
        .mip_gap(0.0)
        .time_limit(120.0)
        .threads(1);
    for (p, optimum) in [(500, 97024.0), (400, 128332.0)] {
        let (s, report) =
            PMedianOnPoints::new(&inst.points, &inst.points, Metric::EuclideanFloor, p)
                .solve(&opts)
                .unwrap();
        eprintln!(
            "rl1304 p={p} on points: {} {:?} {} {report:?}",
            s.objective, s.bound, s.status
        );
        check(&cost, p, &s, optimum);
        assert!(report.distances_held < 1304 * 1304 / 4);
    }
}

#[test]
fn benders_tree_proves_the_published_rl1304_optimum_at_p_100() {
    // p = 100: the LP bound (491506.5) is 132.5 below the optimum, so the proof needs
    // phase 2 (the branch-and-cut tree on the master, which the auto choice takes at
    // 7.7 % of the sites).
    let cost = rl1304();
    let opts = SolveOptions::new(Backend::Highs)
        .mip_gap(0.0)
        .time_limit(300.0)
        .threads(1);
    let model = PMedian::new(&cost, 100);
    assert_eq!(model.chosen(Backend::Highs), PMedianFormulation::Benders);
    let (s, report) = model.solve_with_report(&opts).unwrap();
    let b = report.benders.unwrap();
    eprintln!(
        "rl1304 p=100: {} {:?} {} {b:?}",
        s.objective, s.bound, s.status
    );
    check(&cost, 100, &s, 491639.0);
    assert!(b.lp_bound < 491639.0 - 100.0, "LP bound {}", b.lp_bound);
    assert!(b.tree_nodes > 1);
}

#[test]
fn auto_chooses_by_the_share_of_sites() {
    let cost = rl1304();
    assert_eq!(
        PMedian::new(&cost, 50).chosen(Backend::Highs),
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
}
