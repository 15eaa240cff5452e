//! Inputs found by fuzzing (`fuzz/`) that once broke a rule; each must now give a plan
//! that passes its checker, or a clear error.

use yilian::check::check_scanners;
use yilian::{Backend, Consortium, Error, ScannerModel, Scenario, SolveOptions};

fn scenario(name: &str) -> Scenario {
    let path = format!(
        "{}/tests/fuzz_regressions/{name}.json",
        env!("CARGO_MANIFEST_DIR")
    );
    Scenario::from_path(&path).expect("parses")
}

/// The fuzzer's input as found: a CT doing 8e41 exams a day. Validation now refuses it
/// and names the field (quantities above 1e12 are not plausible and leave the range
/// solvers represent).
#[test]
fn huge_throughput_is_refused_by_validation() {
    let err = Consortium::new(scenario("scanner_huge_throughput")).unwrap_err();
    assert!(matches!(err, Error::Invalid(_)), "{err:?}");
    assert!(
        err.to_string()
            .contains("imaging.modalities.CT.exams_per_day: 8e41 is too large"),
        "{err}"
    );
}

/// The same input at the largest throughput validation allows (1e12 exams a day, so
/// 2e13 a period), with a candidate site (T2) the budget cannot open and 60 exams
/// ordered at T2. The plan used to send those exams to T2 with no unit there: with the
/// units fixed, the LP kept the unit column at 0 within the solver's bound tolerance,
/// and a tiny fraction of a unit of that throughput was capacity enough. Fixed units'
/// capacity is now a right-hand side, so T2's exams must go to H, 46 minutes' reach
/// permitting, or stay unmet.
#[test]
fn huge_throughput_opens_no_capacity_at_a_closed_site() {
    let mut s = scenario("scanner_huge_throughput");
    let imaging = s.imaging.as_mut().expect("imaging");
    imaging.modalities.get_mut("CT").expect("CT").exams_per_day = 1e12;
    let c = Consortium::new(s).expect("valid at the ceiling");
    let mut backends = vec![Backend::Microlp];
    if Backend::Highs.is_available() {
        backends.push(Backend::Highs);
    }
    for backend in backends {
        let options = SolveOptions::new(backend).time_limit(10.0);
        let plan = ScannerModel::new(&c)
            .solve(&options)
            .unwrap_or_else(|e| panic!("{backend:?}: {e}"));
        assert!(
            check_scanners(&c, &plan).is_empty(),
            "{backend:?}: {:?}",
            check_scanners(&c, &plan)
        );
        let at_t2: f64 = plan
            .flows
            .iter()
            .filter(|f| f.site == "T2")
            .map(|f| f.exams)
            .sum();
        assert_eq!(at_t2, 0.0, "{backend:?}");
    }
}
