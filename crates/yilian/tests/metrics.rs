//! Accessibility and inequality measures against hand-computed values, and what the
//! county plans change.

use yilian::metrics::{
    accessibility, gini, rotation_report, scanners_report, theil, Decay, ReportSettings,
};
use yilian::{generate, Consortium, RotationModel, ScannerModel, SolveOptions};

/// Three supplies, four demands, catchment 30 minutes. Travel minutes (supply x demand):
///
/// |    | P1 (100) | P2 (200) | P3 (100) | P4 (100) |
/// |----|----------|----------|----------|----------|
/// | S1 (10) | 10 | 20 | 40 | 50 |
/// | S2 (20) | 35 | 15 | 25 | 60 |
/// | S3 (5)  | 50 | 45 | 40 | 5  |
fn minutes(j: usize, i: usize) -> Option<f64> {
    const T: [[f64; 4]; 3] = [
        [10.0, 20.0, 40.0, 50.0],
        [35.0, 15.0, 25.0, 60.0],
        [50.0, 45.0, 40.0, 5.0],
    ];
    Some(T[j][i])
}
const SUPPLY: [f64; 3] = [10.0, 20.0, 5.0];
const DEMAND: [f64; 4] = [100.0, 200.0, 100.0, 100.0];

fn close(a: f64, b: f64) {
    assert!((a - b).abs() < 1e-9, "{a} != {b}");
}

#[test]
fn two_step_floating_catchment_by_hand() {
    // Step 1: R1 = 10 / (100 + 200) = 1/30, R2 = 20 / (200 + 100) = 1/15, R3 = 5 / 100.
    // Step 2: A1 = R1, A2 = R1 + R2 = 0.1, A3 = R2, A4 = R3.
    let a = accessibility(&SUPPLY, &DEMAND, minutes, 30.0, &Decay::Step);
    close(a[0], 1.0 / 30.0);
    close(a[1], 0.1);
    close(a[2], 1.0 / 15.0);
    close(a[3], 0.05);
    // Total supply reaching someone is conserved: sum P_i A_i = sum S_j.
    close(a.iter().zip(DEMAND).map(|(a, p)| a * p).sum::<f64>(), 35.0);
}

#[test]
fn enhanced_2sfca_with_stepped_zones_by_hand() {
    // Zones 0-10: 1, 10-20: 0.68, 20-30: 0.22.
    // R1 = 10 / (100 x 1 + 200 x 0.68) = 10 / 236; R2 = 20 / (200 x 0.68 + 100 x 0.22)
    // = 20 / 158; R3 = 5 / 100. A1 = R1; A2 = 0.68 (R1 + R2); A3 = 0.22 R2; A4 = R3.
    let a = accessibility(&SUPPLY, &DEMAND, minutes, 30.0, &Decay::e2sfca(30.0));
    let (r1, r2) = (10.0 / 236.0, 20.0 / 158.0);
    close(a[0], r1);
    close(a[1], 0.68 * (r1 + r2));
    close(a[2], 0.22 * r2);
    close(a[3], 0.05);
}

#[test]
fn gini_by_hand() {
    // Equal weights: sum of |xi - xj| over ordered pairs of 1..4 is 20; mean 2.5:
    // G = 20 / (2 x 16 x 2.5) = 0.25.
    close(gini(&[1.0, 2.0, 3.0, 4.0], &[1.0; 4]).unwrap(), 0.25);
    // Weights 3 and 1 on values 1 and 3: mean 1.5; 2 x 3 x 1 x 2 / (2 x 16 x 1.5) = 0.25.
    close(gini(&[1.0, 3.0], &[3.0, 1.0]).unwrap(), 0.25);
    close(gini(&[5.0, 5.0, 5.0], &[1.0, 2.0, 3.0]).unwrap(), 0.0);
    assert_eq!(gini(&[0.0, 0.0], &[1.0, 1.0]), None);
}

#[test]
fn theil_and_its_decomposition_by_hand() {
    // x = 1..4, equal weights, mean 2.5: T = mean of (x/2.5) ln(x/2.5) = 0.106440.
    // Groups {1,2} and {3,4}: means 1.5 and 3.5, shares 0.3 and 0.7;
    // T_A = 0.056633, T_B = 0.010239; within = 0.3 T_A + 0.7 T_B = 0.024157;
    // between = 0.3 ln(0.6) + 0.7 ln(1.4) = 0.082283.
    let t = theil(&[1.0, 2.0, 3.0, 4.0], &[1.0; 4], &["a", "a", "b", "b"]).unwrap();
    assert!((t.total - 0.106440).abs() < 1e-6, "{t:?}");
    assert!((t.within - 0.024157).abs() < 1e-6, "{t:?}");
    assert!((t.between - 0.082283).abs() < 1e-6, "{t:?}");
}

#[test]
fn county_plans_raise_what_they_optimise_and_the_report_says_so() {
    let c = Consortium::new(generate::county(1)).unwrap();
    let settings = ReportSettings::default();
    let plan = RotationModel::new(&c)
        .solve(&SolveOptions::default())
        .unwrap();
    let r = rotation_report(&c, &plan, &settings);
    let within = "population share within reach (mean over services)";
    assert!(
        r.after(within).unwrap() > r.before(within).unwrap() + 0.3,
        "{:?}",
        r.measures
    );
    let served = "share of specialist visits served";
    assert!(
        (r.after(served).unwrap() - (1.0 - plan.total_unmet() / plan.total_demand())).abs() < 1e-9
    );
    // Sending specialists down evens out access: the Gini falls.
    assert!(r.after("gini of accessibility").unwrap() < r.before("gini of accessibility").unwrap());
    assert_eq!(r.institutions.len(), c.institution_count());

    let plan = ScannerModel::new(&c)
        .solve(&SolveOptions::default().time_limit(60.0))
        .unwrap();
    let r = scanners_report(&c, &plan, &settings);
    let ct = r.coverage.iter().find(|l| l.service == "CT").unwrap();
    assert!(ct.covered_after > ct.covered_before);
    let html = yilian::metrics::to_html(&r);
    assert!(html.contains("<svg") && html.contains("<circle") && html.contains("<line"));
}
