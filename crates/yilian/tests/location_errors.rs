//! Bad inputs to the location models give clear errors naming the field and the value.

use yilian::models::location::{Cflp, CostMatrix, PMedian};
use yilian::{Backend, Error, SolveOptions};

fn opts() -> SolveOptions {
    SolveOptions::new(Backend::Microlp).time_limit(10.0)
}

fn square(n: usize) -> CostMatrix {
    CostMatrix::new(n, n, (0..n * n).map(|k| (k % 7) as f64).collect()).unwrap()
}

#[test]
fn p_larger_than_sites() {
    let c = square(10);
    let err = PMedian::new(&c, 12).solve(&opts()).unwrap_err();
    assert_eq!(err.to_string(), "p: 12 exceeds the number of sites (10)");
    let err = PMedian::new(&c, 0).solve(&opts()).unwrap_err();
    assert!(err.to_string().starts_with("p: 0"), "{err}");
}

#[test]
fn negative_and_nan_costs() {
    let err = CostMatrix::from_rows(&[vec![1.0, -2.0]]).unwrap_err();
    assert_eq!(
        err.to_string(),
        "cost[0][1]: -2 must be a finite number >= 0"
    );
    let err = CostMatrix::from_rows(&[vec![1.0, 2.0], vec![f64::NAN, 0.0]]).unwrap_err();
    assert_eq!(
        err.to_string(),
        "cost[1][0]: NaN must be a finite number >= 0"
    );
    let err = CostMatrix::from_rows(&[vec![1.0, 2.0], vec![0.0]]).unwrap_err();
    assert!(
        err.to_string().starts_with("cost[1]: has 1 values"),
        "{err}"
    );
}

#[test]
fn empty_matrix() {
    let err = CostMatrix::from_rows(&[]).unwrap_err();
    assert!(
        err.to_string().contains("empty (0 clients x 0 sites)"),
        "{err}"
    );
}

#[test]
fn bad_weights_and_forced_sites() {
    let c = square(3);
    let w = [1.0, -1.0, 1.0];
    let err = PMedian::new(&c, 1).weights(&w).solve(&opts()).unwrap_err();
    assert_eq!(
        err.to_string(),
        "weights[1]: -1 must be a finite number >= 0"
    );
    let err = PMedian::new(&c, 1)
        .forced_open(vec![5])
        .solve(&opts())
        .unwrap_err();
    assert!(
        err.to_string().starts_with("forced_open[0]: site 5"),
        "{err}"
    );
}

#[test]
fn capacity_below_demand_is_infeasible() {
    let c = square(2);
    let err = Cflp::new(&c, &[5.0, 6.0], &[4.0, 4.0], &[1.0, 1.0])
        .solve(&opts())
        .unwrap_err();
    assert!(matches!(err, Error::Infeasible(_)));
    assert_eq!(
        err.to_string(),
        "infeasible: total capacity 8 of the 2 sites is below total demand 11 of the 2 clients"
    );
    let err = Cflp::new(&c, &[5.0, 6.0], &[1.0, 1.0, 1.0], &[1.0, 1.0])
        .solve(&opts())
        .unwrap_err();
    assert!(
        err.to_string()
            .starts_with("capacity: 3 values given for 2 sites"),
        "{err}"
    );
}

#[test]
fn weighted_pmedian_with_forced_site_small_case() {
    // Line 0 - 1 - 2 with unit steps; weights 1, 1, 10; p = 1.
    // Median at 2 costs 2*1 + 1*1 + 0 = 3; at 1: 1 + 0 + 10 = 11; at 0: 0 + 1 + 20 = 21.
    // Forcing site 0 open with p = 1 leaves 21.
    let c = CostMatrix::from_rows(&[
        vec![0.0, 1.0, 2.0],
        vec![1.0, 0.0, 1.0],
        vec![2.0, 1.0, 0.0],
    ])
    .unwrap();
    let w = [1.0, 1.0, 10.0];
    let s = PMedian::new(&c, 1).weights(&w).solve(&opts()).unwrap();
    assert_eq!(s.open, vec![2]);
    assert!((s.objective - 3.0).abs() < 1e-9);
    let s = PMedian::new(&c, 1)
        .weights(&w)
        .forced_open(vec![0])
        .solve(&opts())
        .unwrap();
    assert_eq!(s.open, vec![0]);
    assert!((s.objective - 21.0).abs() < 1e-9);
}

#[test]
fn bad_solve_options_are_option_errors_not_solver_failures() {
    use yilian::models::location::{CapacitatedPMedian, Lscp, Mclp, PCenter};
    let c = square(4);
    let bad = SolveOptions::new(Backend::Microlp).time_limit(-1.0);
    let expected = "time_limit: -1 must be a finite number of seconds >= 0";
    let (d, cap, fixed) = ([1.0; 4], [10.0; 4], [1.0; 4]);
    let errors = [
        PMedian::new(&c, 2).solve(&bad).unwrap_err(),
        PMedian::new(&c, 2)
            .formulation(yilian::models::location::PMedianFormulation::Textbook)
            .solve(&bad)
            .unwrap_err(),
        PCenter::new(&c, 2).solve(&bad).unwrap_err(),
        Mclp::new(&c, 2, 3.0).solve(&bad).unwrap_err(),
        Lscp::new(&c, 6.0).solve(&bad).unwrap_err(),
        Cflp::new(&c, &d, &cap, &fixed).solve(&bad).unwrap_err(),
        CapacitatedPMedian::new(&c, 2, &d, &cap)
            .solve(&bad)
            .unwrap_err(),
    ];
    for err in errors {
        assert!(matches!(err, Error::InvalidOption { .. }), "{err:?}");
        assert_eq!(err.to_string(), expected);
    }
}
