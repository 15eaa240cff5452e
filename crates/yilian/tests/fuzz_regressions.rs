//! Inputs found by fuzzing (`fuzz/`) that once broke a rule; each must now give a plan
//! that passes its checker, or a clear error.

use yilian::check::check_scanners;
use yilian::{Backend, Consortium, ScannerModel, Scenario, SolveOptions};

fn consortium(name: &str) -> Consortium {
    let path = format!(
        "{}/tests/fuzz_regressions/{name}.json",
        env!("CARGO_MANIFEST_DIR")
    );
    Consortium::new(Scenario::from_path(&path).expect("parses")).expect("valid")
}

/// A CT doing 8e41 exams a day, a candidate site (T2) the budget cannot open, and 60
/// exams ordered at T2. The plan used to send those exams to T2 with no unit there:
/// with the units fixed, the LP kept the unit column at 0 within the solver's bound
/// tolerance, and 1e-42 units of 1.6e43 exams were capacity enough. Now T2's exams
/// must go to H, 46 minutes' reach permitting, or stay unmet.
#[test]
fn huge_throughput_opens_no_capacity_at_a_closed_site() {
    let c = consortium("scanner_huge_throughput");
    let mut backends = vec![Backend::Microlp];
    if Backend::Highs.is_available() {
        backends.push(Backend::Highs);
    }
    for backend in backends {
        let plan = match ScannerModel::new(&c).solve(&SolveOptions::new(backend).time_limit(10.0)) {
            Ok(plan) => plan,
            // HiGHS refuses a matrix with a coefficient of 1.6e43: an error, not a plan.
            Err(e) if backend == Backend::Highs => {
                assert!(e.to_string().contains("the model was refused"), "{e}");
                continue;
            }
            Err(e) => panic!("{backend:?}: {e}"),
        };
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
