//! Backend selection, limits, and the errors users see.

mod common;

use std::time::Instant;
use yilian::check::check_rotation;
use yilian::{generate, Backend, Consortium, Error, RotationModel, SolveOptions, Status};

fn county() -> Consortium {
    Consortium::new(generate::county(1)).unwrap()
}

#[cfg(feature = "microlp")]
#[test]
fn a_one_second_limit_returns_a_checked_plan_with_status_time_limit() {
    // Whole days on the county example: microlp's branch and bound does not close the
    // gap in a second (HiGHS proves it optimal in about 0.05 s). With its share of a
    // core, microlp finds a whole-day plan within the second and returns it as
    // `time_limit`; on a loaded machine it may find none in that second, and must then
    // say so with the typed error naming the limit (never an unchecked plan, never
    // `optimal`). Either way it stops near the limit.
    let c = county();
    let start = Instant::now();
    let result = RotationModel::new(&c)
        .integer_days(true)
        .solve(&SolveOptions::new(Backend::Microlp).time_limit(1.0));
    let elapsed = start.elapsed().as_secs_f64();
    assert!(elapsed < 5.0, "took {elapsed} s");
    match result {
        Ok(plan) => {
            assert_eq!(plan.status, Status::TimeLimit);
            assert_eq!(check_rotation(&c, &plan), vec![]);
            assert!(plan.assignments.iter().all(|a| a.days.fract() == 0.0));
        }
        Err(Error::Solver { backend, message }) => {
            assert_eq!(backend, "microlp");
            assert!(
                message.contains("not solved within the time limit of 1 s"),
                "{message}"
            );
        }
        Err(other) => panic!("unexpected error: {other}"),
    }
}

#[test]
fn whole_day_optima_agree_across_exact_mip_backends() {
    // microlp is left out: it does not prove this MIP optimal in reasonable time.
    let c = county();
    let objectives: Vec<(Backend, f64)> = [Backend::Highs, Backend::CoinCbc]
        .into_iter()
        .filter(|b| b.is_available())
        .map(|b| {
            let plan = RotationModel::new(&c)
                .integer_days(true)
                .solve(&SolveOptions::new(b).mip_gap(0.0))
                .unwrap();
            assert_eq!(plan.status, Status::Optimal, "{b}");
            assert_eq!(check_rotation(&c, &plan), vec![]);
            (b, plan.objective)
        })
        .collect();
    for w in objectives.windows(2) {
        assert!((w[0].1 - w[1].1).abs() < 1e-6 * w[0].1, "{objectives:?}");
    }
}

#[test]
fn clarabel_refuses_integer_models_with_a_clear_error() {
    let c = county();
    let err = RotationModel::new(&c)
        .integer_days(true)
        .solve(&SolveOptions::new(Backend::Clarabel))
        .unwrap_err();
    if Backend::Clarabel.is_available() {
        assert_eq!(
            err.to_string(),
            "backend clarabel cannot solve this model: it has 1644 integer variables and \
             clarabel solves linear programs only; choose highs, coin_cbc or microlp"
        );
        assert!(matches!(err, Error::Unsupported { .. }));
    } else {
        assert!(matches!(err, Error::BackendUnavailable { .. }));
    }
}

#[test]
fn absent_backends_name_the_feature_to_enable() {
    let c = county();
    for b in Backend::ALL.into_iter().filter(|b| !b.is_available()) {
        let err = RotationModel::new(&c)
            .solve(&SolveOptions::new(b))
            .unwrap_err();
        assert_eq!(
            err.to_string(),
            format!(
                "backend '{b}' is not compiled in; rebuild yilian with the cargo feature `{b}` \
                 (for example `--features {b}`)"
            )
        );
    }
}

#[test]
fn unknown_backend_names_are_rejected() {
    assert_eq!(
        "gurobi".parse::<Backend>().unwrap_err().to_string(),
        "backend: 'gurobi' is not a known backend (expected one of: microlp, highs, coin_cbc, clarabel)"
    );
    assert_eq!("HiGHS".parse::<Backend>().unwrap(), Backend::Highs);
    assert_eq!("cbc".parse::<Backend>().unwrap(), Backend::CoinCbc);
}

#[cfg(feature = "microlp")]
#[test]
fn options_a_backend_cannot_honour_are_reported() {
    let c = county();
    let plan = RotationModel::new(&c)
        .solve(&SolveOptions::new(Backend::Microlp).threads(2).seed(7))
        .unwrap();
    assert!(plan
        .notes
        .contains(&"microlp runs single-threaded here: `threads` was ignored".to_string()));
    assert!(plan
        .notes
        .contains(&"microlp has no random seed: `seed` was ignored".to_string()));
}

#[test]
fn bad_option_values_are_errors_naming_the_option() {
    let c = county();
    let err = RotationModel::new(&c)
        .solve(&SolveOptions::new(Backend::Microlp).time_limit(f64::NAN))
        .unwrap_err();
    assert_eq!(
        err.to_string(),
        "time_limit: NaN must be a finite number of seconds >= 0"
    );
    let err = RotationModel::new(&c)
        .solve(&SolveOptions::new(Backend::Microlp).mip_gap(-0.1))
        .unwrap_err();
    assert_eq!(
        err.to_string(),
        "mip_gap: -0.1 must be a finite number >= 0"
    );
}

#[test]
fn same_input_same_backend_same_plan() {
    let c = county();
    for options in common::backends() {
        let a = RotationModel::new(&c).solve(&options).unwrap();
        let b = RotationModel::new(&c).solve(&options).unwrap();
        assert_eq!(a.assignments, b.assignments, "{}", options.backend);
        assert_eq!(a.service, b.service);
    }
}

#[test]
fn a_model_with_nothing_to_decide_solves_on_every_backend() {
    // Found by the property tests: HiGHS refuses an empty model ("ModelEmpty").
    // Here the only pool cannot reach the only host, so M1 has no column.
    let c = yilian::Scenario::builder("nothing to decide")
        .institution(yilian::Institution::new("H", yilian::Tier::Secondary).at(120.0, 30.0))
        .institution(
            yilian::Institution::new("T", yilian::Tier::TownshipHealthCentre)
                .at(121.0, 30.0)
                .demand("cardiology", 10.0)
                .room_days(5.0),
        )
        .pool(yilian::SpecialistPool::new("P", "H", "cardiology").max_travel_minutes(10.0))
        .min_days(yilian::Tier::TownshipHealthCentre, 2.0)
        .build()
        .unwrap();
    for options in common::backends() {
        let plan = RotationModel::new(&c).solve(&options).unwrap();
        assert_eq!(plan.stats.variables, 0);
        // 10 visits unmet + 2 days short x 50.
        assert!((plan.objective - 110.0).abs() < 1e-9, "{}", options.backend);
        assert_eq!(check_rotation(&c, &plan), vec![]);
    }
}

/// Every MIP backend reports the bound its own branch and bound proved (HiGHS's dual
/// bound, CBC's best possible value, microlp's least open node), and the status
/// follows it (docs/status.md). Two small MIPs, optima by enumeration of every integer
/// point: max 5a + 4b + 3c with 2a + 3b + c <= 5, 4a + b + 2c <= 11, 3a + 4b + 2c <= 8,
/// a, b, c in 0..=3 is 13 at (2, 0, 1); min 3a + 5b + 4c with 2a + b + c >= 7,
/// a + 3b + 2c >= 8, a, b, c in 0..=5 is 18 at (2, 0, 3). Before, microlp and CBC gave
/// no bound, and their plans were `optimal` on their word alone.
#[test]
fn mip_backends_report_their_own_proven_bound() {
    use yilian::solve::{solve, Cmp, LinearProgram, Sense};
    let knapsack = {
        let mut lp = LinearProgram::new(Sense::Maximise);
        let v: Vec<usize> = [5.0, 4.0, 3.0]
            .iter()
            .map(|&c| lp.add_column(0.0, 3.0, c, true))
            .collect();
        for (row, rhs) in [
            ([2.0, 3.0, 1.0], 5.0),
            ([4.0, 1.0, 2.0], 11.0),
            ([3.0, 4.0, 2.0], 8.0),
        ] {
            lp.add_row(
                v.iter().zip(row).map(|(&c, a)| (c, a)).collect(),
                Cmp::Le,
                rhs,
            );
        }
        (lp, 13.0)
    };
    let cover = {
        let mut lp = LinearProgram::new(Sense::Minimise);
        let v: Vec<usize> = [3.0, 5.0, 4.0]
            .iter()
            .map(|&c| lp.add_column(0.0, 5.0, c, true))
            .collect();
        for (row, rhs) in [([2.0, 1.0, 1.0], 7.0), ([1.0, 3.0, 2.0], 8.0)] {
            lp.add_row(
                v.iter().zip(row).map(|(&c, a)| (c, a)).collect(),
                Cmp::Ge,
                rhs,
            );
        }
        (lp, 18.0)
    };
    for b in [Backend::Microlp, Backend::CoinCbc, Backend::Highs]
        .into_iter()
        .filter(|b| b.is_available())
    {
        for (lp, optimum) in [&knapsack, &cover] {
            let s = solve(lp, &SolveOptions::new(b).mip_gap(0.0)).unwrap();
            assert!((s.objective - optimum).abs() < 1e-9, "{b}: {}", s.objective);
            let bound = s.bound.unwrap_or_else(|| panic!("{b} gave no bound"));
            assert!((bound - optimum).abs() <= 1e-6, "{b}: bound {bound}");
            assert_eq!(s.status, Status::Optimal, "{b}");
            assert!(s.gap.is_some_and(|g| g <= 1e-6), "{b}: gap {:?}", s.gap);
        }
    }
}
