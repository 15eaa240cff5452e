//! M3 on a hand-solvable case: two candidate sites, five institutions.

mod common;

use common::{backends, close, tol};
use std::collections::BTreeMap;
use yilian::check::check_scanners;
use yilian::scenario::{CandidateSite, Imaging, ModalitySettings, Scanner};
use yilian::{
    Backend, Consortium, Error, Institution, ScannerMethod, ScannerModel, ScannerObjective,
    Scenario, Status, Tier,
};

/// Roads: H-A 10, A-C1 25, C1-B 15, H-C2 20 minutes, so the shortest paths within the
/// CT limit of 30 minutes are: site H reaches H (0), A (10), C2 (20); site C1 reaches
/// C1 (0), B (15), A (25); site C2 reaches C2 (0), H (20), A (30).
/// One CT unit does 10 exams a day x 10 days = 100 exams a period. H has one unit.
/// Candidates: C1 (1,000 a period) and C2 (800), one unit each; budget 1,000, so at
/// most one of them. CT demand: H 60, A 50, B 40, C1 25, C2 20 (195 in all).
/// Unmet penalty 1,000 minutes an exam.
///
/// - No new unit: B and C1 are out of reach (65) and H's 100 exams cannot cover the
///   130 of H, A and C2: 95 unmet, objective >= 95,000.
/// - C2: B and C1 still out of reach: objective >= 65,000.
/// - C1: everything is served. H must do H (60) and C2 (20), the only site within
///   reach of C2 being H, and has 20 left for A at 10 minutes; A's other 30 go to C1
///   at 25 minutes; C1 also does C1 (25) and B (40 at 15 minutes): 95 of 100.
///   Travel = 20 x 20 + 20 x 10 + 40 x 15 + 30 x 25 = 1,950. Optimum: add C1.
///
/// Shadow prices with the units fixed: one more exam at H moves one of A's exams from
/// C1 (25 min) to H (10 min), saving 15 minutes: a scanner-day (10 exams) is worth
/// 150. C1 has 5 exams spare: worth 0. Mean travel 1,950 / 195 = 10 minutes; the
/// exam-weighted 90th percentile is 25 minutes (cumulative exams by minutes:
/// 0: 85, 10: 105, 15: 145, 20: 165, 25: 195 >= 0.9 x 195).
fn hand_case(limit: f64, budget: f64, full: bool) -> Consortium {
    let mut s = Scenario::builder("scanners by hand")
        .institution(Institution::new("H", Tier::Secondary).exams("CT", 60.0))
        .institution(Institution::new("A", Tier::TownshipHealthCentre).exams("CT", 50.0))
        .institution(Institution::new("B", Tier::VillageClinic).exams("CT", 40.0))
        .institution(Institution::new("C1", Tier::TownshipHealthCentre).exams("CT", 25.0))
        .institution(Institution::new("C2", Tier::TownshipHealthCentre).exams("CT", 20.0))
        .link("H", "A", 10.0)
        .link("A", "C1", 25.0)
        .link("C1", "B", 15.0)
        .link("H", "C2", 20.0)
        .period_days(20.0)
        .scenario();
    let mut im = Imaging::new(BTreeMap::from([(
        "CT".to_string(),
        ModalitySettings {
            exams_per_day: 10.0,
            working_days: 10.0,
            max_travel_minutes: limit,
        },
    )]));
    im.scanners.push(Scanner {
        id: "H-CT-1".into(),
        site: "H".into(),
        modality: "CT".into(),
        exams_per_day: None,
        working_days: None,
    });
    for (site, cost) in [("C1", 1000.0), ("C2", 800.0)] {
        im.candidates.push(CandidateSite {
            site: site.into(),
            modality: "CT".into(),
            fixed_cost: cost,
            max_units: 1,
        });
    }
    im.budget = Some(budget);
    im.require_full_coverage = full;
    s.imaging = Some(im);
    Consortium::new(s).unwrap()
}

fn mip_backends() -> Vec<yilian::SolveOptions> {
    backends()
        .into_iter()
        .filter(|o| o.backend.supports_integers())
        .map(|o| o.time_limit(30.0))
        .collect()
}

#[test]
fn hand_case_optimum_on_every_mip_backend() {
    let c = hand_case(30.0, 1000.0, false);
    for options in mip_backends() {
        let plan = ScannerModel::new(&c).solve(&options).unwrap();
        let t = tol(options.backend);
        assert_eq!(plan.status, Status::Optimal, "{}", options.backend);
        close(plan.objective, 1950.0, t);
        assert_eq!(plan.added("C1", "CT"), 1);
        assert_eq!(plan.added("C2", "CT"), 0);
        close(plan.total_cost, 1000.0, t);
        close(plan.flow("A", "H", "CT"), 20.0, t);
        close(plan.flow("A", "C1", "CT"), 30.0, t);
        close(plan.flow("C2", "H", "CT"), 20.0, t);
        close(plan.flow("B", "C1", "CT"), 40.0, t);
        for i in ["H", "A", "B", "C1", "C2"] {
            close(plan.unmet(i, "CT"), 0.0, t);
        }
        let m = &plan.modalities[0];
        close(m.mean_travel_minutes, 10.0, t);
        close(m.p90_travel_minutes, 25.0, t);
        assert_eq!((m.units, m.units_added), (2, 1));
        let h = plan.units.iter().find(|u| u.site == "H").unwrap();
        let c1 = plan.units.iter().find(|u| u.site == "C1").unwrap();
        close(h.utilisation, 1.0, t);
        close(c1.utilisation, 0.95, t);
        if options.backend.gives_duals() {
            close(h.value_of_scanner_day.unwrap(), 150.0, t);
            close(c1.value_of_scanner_day.unwrap(), 0.0, t);
        }
        assert_eq!(check_scanners(&c, &plan), vec![]);
    }
}

/// Coverage, budget 1,000: only C1 serves every exam, so the first stage (fewest unmet
/// exams) gives 0 and the second (least travel at 0 unmet) the 1,950 exam-minutes of
/// the travel optimum above. The plan's bound is on the same scale as its objective
/// (unmet exams): at most 0.
#[test]
fn coverage_objective_serves_every_exam() {
    let c = hand_case(30.0, 1000.0, false);
    for options in mip_backends() {
        let b = options.backend;
        let plan = ScannerModel::new(&c)
            .objective(ScannerObjective::Coverage)
            .solve(&options)
            .unwrap();
        close(plan.objective, 0.0, 1e-6);
        assert_eq!(plan.added("C1", "CT"), 1);
        assert_eq!(plan.stages.len(), 2, "{b}");
        close(plan.stages[0].objective, 0.0, 1e-6);
        close(plan.stages[1].objective, 1950.0, tol(b));
        assert_eq!(plan.status, Status::Optimal, "{b}: {:?}", plan.stages);
        let bound = plan.bound.expect("the decomposition's bound");
        assert!(bound <= 1e-6, "{b}: bound {bound} above the optimum 0");
        assert_eq!(check_scanners(&c, &plan), vec![]);
    }
}

/// Coverage, budget 1,800: C1 and C2 both fit. C1 alone already serves every exam, so
/// coverage cannot choose between {C1} and {C1, C2}; the least-travel stage must. With
/// both, C2 does its own 20 exams (0 min), H does H (60) and 40 of A's (10 min), C1
/// does C1 (25), B (40 at 15 min) and A's other 10 (25 min): travel 400 + 600 + 250 =
/// 1,250 against 1,950 with C1 alone. (H's own exams cannot go elsewhere cheaper: C2 is
/// 20 minutes away and would save at most 15 a freed exam.) A tie-break weight below
/// the solvers' tolerances may stop at 1,950; a real second stage cannot.
#[test]
fn coverage_second_stage_minimises_travel_at_full_coverage() {
    let c = hand_case(30.0, 1800.0, false);
    for options in mip_backends() {
        let b = options.backend;
        let plan = ScannerModel::new(&c)
            .objective(ScannerObjective::Coverage)
            .solve(&options)
            .unwrap();
        close(plan.objective, 0.0, 1e-6);
        assert_eq!(
            (plan.added("C1", "CT"), plan.added("C2", "CT")),
            (1, 1),
            "{b}"
        );
        close(plan.stages[1].objective, 1250.0, tol(b));
        let travel: f64 = plan.flows.iter().map(|f| f.minutes * f.exams).sum();
        close(travel, 1250.0, tol(b));
        close(plan.flow("C2", "C2", "CT"), 20.0, tol(b));
        close(plan.flow("A", "H", "CT"), 40.0, tol(b));
        assert_eq!(check_scanners(&c, &plan), vec![]);
    }
}

#[test]
fn unmet_exams_are_explained_by_institution() {
    // Budget 800: only C2 is affordable, which cannot reach B or C1.
    let c = hand_case(30.0, 800.0, false);
    let plan = ScannerModel::new(&c)
        .solve(&yilian::SolveOptions::new(
            Backend::best_available().unwrap(),
        ))
        .unwrap();
    assert_eq!(plan.added("C2", "CT"), 1);
    close(plan.unmet("B", "CT"), 40.0, 1e-6);
    let b = plan.demand.iter().find(|d| d.institution == "B").unwrap();
    assert_eq!(
        b.reason.as_deref(),
        Some("no CT unit stands within 30 minutes; candidate site C1 not opened: more units would exceed the budget of 800")
    );
    assert_eq!(check_scanners(&c, &plan), vec![]);
}

#[test]
fn full_coverage_beyond_the_budget_is_infeasible_by_institution() {
    let c = hand_case(30.0, 800.0, true);
    let err = ScannerModel::new(&c)
        .solve(&yilian::SolveOptions::new(
            Backend::best_available().unwrap(),
        ))
        .unwrap_err();
    assert!(matches!(err, Error::Infeasible(_)));
    assert_eq!(
        err.to_string(),
        "infeasible: full coverage is impossible within the budget of 800 for 2 institution-modality pair(s):\n  \
         B (village_clinic) would leave 40.0 of 40 CT exams unmet: no CT unit stands within 30 minutes; candidate site C1 not opened: more units would exceed the budget of 800\n  \
         C1 (township_health_centre) would leave 25.0 of 25 CT exams unmet: no CT unit stands within 30 minutes; candidate site C1 not opened: more units would exceed the budget of 800"
    );
}

#[test]
fn full_coverage_of_demand_beyond_reach_is_infeasible_by_institution() {
    // With a 12-minute limit B (15 minutes from C1) is beyond every site and candidate.
    let c = hand_case(12.0, 5000.0, true);
    let err = ScannerModel::new(&c)
        .solve(&yilian::SolveOptions::new(
            Backend::best_available().unwrap(),
        ))
        .unwrap_err();
    assert_eq!(
        err.to_string(),
        "infeasible: full coverage is impossible for 1 institution-modality pair(s):\n  \
         B (village_clinic) orders 40 CT exams but no CT site or candidate lies within 12 minutes"
    );
}

#[test]
fn the_checker_rejects_tampered_plans() {
    let c = hand_case(30.0, 1000.0, false);
    let plan = ScannerModel::new(&c)
        .solve(&yilian::SolveOptions::new(
            Backend::best_available().unwrap(),
        ))
        .unwrap();
    // More exams at H than its capacity: move C1's own exams to H... on paper.
    let mut p = plan.clone();
    let f = p
        .flows
        .iter_mut()
        .find(|f| f.institution == "H" && f.site == "H")
        .unwrap();
    f.exams += 10.0;
    let v = check_scanners(&c, &p);
    assert!(
        v.iter()
            .any(|v| v.rule == "capacity" && v.subject == "H CT"),
        "{v:?}"
    );

    // A flow beyond the travel limit: B's exams done at H (50 minutes away).
    let mut p = plan.clone();
    let f = p.flows.iter_mut().find(|f| f.institution == "B").unwrap();
    f.site = "H".into();
    let v = check_scanners(&c, &p);
    assert!(
        v.iter()
            .any(|v| v.rule == "travel" && v.subject == "B -> H CT"),
        "{v:?}"
    );

    // A unit added where no candidate is.
    let mut p = plan;
    p.units.iter_mut().find(|u| u.site == "H").unwrap().added = 1;
    let v = check_scanners(&c, &p);
    assert!(
        v.iter().any(|v| v.rule == "units" && v.subject == "H CT"),
        "{v:?}"
    );
}

#[cfg(feature = "highs")]
#[test]
fn highs_reports_the_bound_and_gap_of_the_unit_decisions() {
    let c = hand_case(30.0, 1000.0, false);
    let plan = ScannerModel::new(&c)
        .solve(&yilian::SolveOptions::new(Backend::Highs).mip_gap(0.0))
        .unwrap();
    assert_eq!(plan.status, Status::Optimal);
    close(plan.bound.unwrap(), 1950.0, 1e-6);
    close(plan.gap.unwrap(), 0.0, 1e-9);
}

/// The decomposition alone on the hand case, on every backend that gives duals (its
/// greedy works from the LP's duals): the optimum (add C1, travel 1,950) is found, and
/// the bound lies at or below the hand optimum. The bound is the decomposition's own
/// (never clipped to the plan), so a bound above 1,950 fails here; the gap is the one
/// recomputed from the bound, and the status follows it.
#[test]
fn decomposition_finds_the_hand_optimum_under_its_bound() {
    let c = hand_case(30.0, 1000.0, false);
    for options in backends().into_iter().filter(|o| o.backend.gives_duals()) {
        let plan = ScannerModel::new(&c)
            .method(ScannerMethod::Decomposition)
            .solve(&options)
            .unwrap();
        let t = tol(options.backend);
        close(plan.objective, 1950.0, t);
        assert_eq!(plan.added("C1", "CT"), 1, "{}", options.backend);
        let bound = plan.bound.unwrap();
        assert!(bound <= 1950.0 + t * 1950.0, "{}: {bound}", options.backend);
        let gap = plan.gap.unwrap();
        close(gap, (plan.objective - bound) / plan.objective, 1e-9);
        let proven = gap <= yilian::solve::OPTIMALITY_GAP;
        assert_eq!(
            plan.status == Status::Optimal,
            proven,
            "{}: status {} with gap {gap}",
            options.backend,
            plan.status
        );
        assert_eq!(check_scanners(&c, &plan), vec![]);
    }
}

/// The decomposition needs unmet demand allowed: with full coverage it is refused
/// with a typed error, and `Auto` falls back to the MIP.
#[test]
fn decomposition_refuses_full_coverage_and_auto_uses_the_mip() {
    let c = hand_case(30.0, 1000.0, true);
    let options = yilian::SolveOptions::new(Backend::best_available().unwrap());
    let err = ScannerModel::new(&c)
        .method(ScannerMethod::Decomposition)
        .solve(&options)
        .unwrap_err();
    assert!(
        matches!(err, Error::InvalidOption { ref field, .. } if field == "method"),
        "{err}"
    );
    let plan = ScannerModel::new(&c).solve(&options).unwrap();
    close(plan.objective, 1950.0, tol(options.backend));
}
