//! M3 by Lagrangian decomposition on generated counties, against the exact MIP: the
//! bound lies below the optimum and the plan above it, and every plan passes the
//! checker.

#![cfg(feature = "highs")]

use yilian::check::check_scanners;
use yilian::{generate, Backend, Consortium, ScannerMethod, ScannerModel, SolveOptions, Status};

/// The county of `seed` with both travel limits set to `minutes` (wider limits make
/// sites compete for the same institutions).
fn county(seed: u64, minutes: f64) -> Consortium {
    let mut s = generate::county(seed);
    for m in s.imaging.as_mut().unwrap().modalities.values_mut() {
        m.max_travel_minutes = minutes;
    }
    Consortium::new(s).unwrap()
}

#[test]
fn bound_below_the_optimum_below_the_plan() {
    for (seed, minutes) in [(1, 60.0), (4, 90.0)] {
        let c = county(seed, minutes);
        let exact = ScannerModel::new(&c)
            .method(ScannerMethod::Mip)
            .solve(&SolveOptions::new(Backend::Highs).mip_gap(0.0))
            .unwrap();
        assert_eq!(exact.status, Status::Optimal);
        let optimum = exact.objective;
        let plan = ScannerModel::new(&c)
            .method(ScannerMethod::Decomposition)
            .solve(&SolveOptions::new(Backend::Highs).mip_gap(0.0))
            .unwrap();
        assert_eq!(check_scanners(&c, &plan), vec![], "seed {seed}");
        let bound = plan.bound.unwrap();
        let tol = 1e-6 * optimum;
        assert!(
            bound <= optimum + tol,
            "seed {seed}: bound {bound} > optimum {optimum}"
        );
        assert!(
            plan.objective >= optimum - tol,
            "seed {seed}: plan {} < optimum {optimum}",
            plan.objective
        );
        let gap = plan.gap.unwrap();
        assert!((gap - (plan.objective - bound) / plan.objective).abs() < 1e-9);
        // Auto (decomposition, then the MIP from its plan) proves the optimum.
        let auto = ScannerModel::new(&c)
            .solve(&SolveOptions::new(Backend::Highs).mip_gap(0.0))
            .unwrap();
        assert!((auto.objective - optimum).abs() <= tol, "seed {seed}");
        assert_eq!(check_scanners(&c, &auto), vec![]);
    }
}
