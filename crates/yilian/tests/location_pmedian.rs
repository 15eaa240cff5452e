//! p-median on OR-Library pmed instances: every formulation reproduces the published optima,
//! proven optimal with HiGHS (mip_gap 0). Needs `--features highs`.
#![cfg(feature = "highs")]

#[path = "location_common.rs"]
mod location_common;

use location_common::{optimum, orlib_dir};
use yilian::models::location::{read_pmed, PMedian, PMedianFormulation};
use yilian::{Backend, SolveOptions, Status};

fn exact() -> SolveOptions {
    SolveOptions::new(Backend::Highs)
        .mip_gap(0.0)
        .time_limit(60.0)
}

fn check(name: &str, formulation: PMedianFormulation) {
    let inst = read_pmed(orlib_dir().join("pmed").join(format!("{name}.txt"))).unwrap();
    let s = PMedian::new(&inst.cost, inst.p)
        .formulation(formulation)
        .solve(&exact())
        .unwrap();
    let opt = optimum("pmed", name);
    eprintln!(
        "{name} {formulation:?}: objective {} optimum {opt} bound {:?} status {} build {:.3}s solve {:.3}s size {:?}",
        s.objective, s.bound, s.status, s.build_seconds, s.solve_seconds, s.size
    );
    assert_eq!(s.status, Status::Optimal, "{name}");
    assert_eq!(s.open.len(), inst.p);
    assert!(
        (s.objective - opt).abs() < 1e-6,
        "{name}: {} vs {opt}",
        s.objective
    );
    let b = s.bound.unwrap();
    assert!(
        b <= opt + 1e-6 && b >= opt - 1e-6 * opt.max(1.0),
        "{name}: bound {b}"
    );
}

#[test]
fn radius_truncation_reproduces_pmed1_to_10() {
    // The default method. pmed1-40 are in the bench (benches/location/README.md).
    for k in 1..=10 {
        check(&format!("pmed{k}"), PMedianFormulation::Radius);
    }
}

#[test]
fn radius_truncation_reproduces_pmed11_to_20() {
    // 400 vertices; pmed16 and pmed17 (p = 5, 10) need the Lagrangian branch and bound.
    for k in 11..=20 {
        check(&format!("pmed{k}"), PMedianFormulation::Radius);
    }
}

#[test]
fn default_formulation_is_auto() {
    assert_eq!(PMedianFormulation::default(), PMedianFormulation::Auto);
}

#[test]
fn benders_reproduces_pmed1_to_10() {
    // The decomposition on small graphs (shortest-path distances, p from 5 to 67).
    for k in 1..=10 {
        check(&format!("pmed{k}"), PMedianFormulation::Benders);
    }
}

#[test]
fn whole_radius_chain_reproduces_pmed1_to_5() {
    for k in 1..=5 {
        check(&format!("pmed{k}"), PMedianFormulation::RadiusFull);
    }
}

#[test]
fn textbook_formulation_reproduces_pmed1_to_5() {
    for k in 1..=5 {
        check(&format!("pmed{k}"), PMedianFormulation::Textbook);
    }
}
