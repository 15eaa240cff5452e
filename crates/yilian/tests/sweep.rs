//! Sweeps: overrides by path (valid, wildcard, by id, missing paths, wrong types), and
//! the rows of a small sweep whose numbers are derived by hand.

use serde_json::json;
use yilian::sweep::{
    apply_overrides, find_model, parse_axis, run_point, run_tasks, tasks, ModelSettings, Override,
    PointRow,
};
use yilian::{Error, Scenario};

fn county() -> Scenario {
    yilian::generate::county(3)
}

fn tiny() -> Scenario {
    Scenario::from_path(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/data/sweep_tiny.json"
    ))
    .unwrap()
}

fn set(path: &str, value: serde_json::Value) -> Override {
    Override::new(path, value)
}

/// The message of the error a scenario file gets, without the file's line and column.
fn file_error(text: &str) -> String {
    let e = Scenario::from_json_str(text).unwrap_err().to_string();
    match e.find(" (line ") {
        Some(i) => e[..i].to_string(),
        None => e,
    }
}

#[test]
fn no_override_gives_the_scenario_back() {
    let s = county();
    assert_eq!(apply_overrides(&s, &[]).unwrap(), s);
}

#[test]
fn an_unset_option_is_set_and_nothing_else_changes() {
    let s = county();
    assert_eq!(s.policy.budget, None, "the generated county has no budget");
    let changed = apply_overrides(&s, &[set("policy.budget", json!(2e5))]).unwrap();
    assert_eq!(changed.policy.budget, Some(200000.0));
    let mut back = changed.clone();
    back.policy.budget = None;
    assert_eq!(back, s);
}

#[test]
fn a_wildcard_sets_every_element_and_an_id_or_position_one() {
    let s = county();
    assert!(s.pools.len() >= 2);
    let all = apply_overrides(&s, &[set("pools.*.max_travel_minutes", json!(45))]).unwrap();
    assert!(all.pools.iter().all(|p| p.max_travel_minutes == 45.0));
    // Brackets are the same as dots.
    let brackets = apply_overrides(&s, &[set("pools[*].max_travel_minutes", json!(45))]).unwrap();
    assert_eq!(brackets, all);

    let id = s.pools[1].id.clone();
    // More people than any generated pool has (fewer could break its home minimum).
    let one = apply_overrides(&s, &[set(&format!("pools[{id}].headcount"), json!(50))]).unwrap();
    let changed: Vec<usize> = (0..s.pools.len())
        .filter(|&i| one.pools[i] != s.pools[i])
        .collect();
    assert_eq!(changed, vec![1]);
    assert_eq!(one.pools[1].headcount, 50);
    let by_position = apply_overrides(&s, &[set("pools.1.headcount", json!(50))]).unwrap();
    assert_eq!(by_position, one);
}

#[test]
fn a_wildcard_over_a_map_sets_every_value_it_holds() {
    let s = county();
    let tiers = s.policy.min_days_by_tier.len();
    assert!(tiers > 0, "the generated county has policy minimums");
    let changed = apply_overrides(&s, &[set("policy.min_days_by_tier.*", json!(1.5))]).unwrap();
    assert_eq!(changed.policy.min_days_by_tier.len(), tiers);
    assert!(changed.policy.min_days_by_tier.values().all(|&d| d == 1.5));
}

#[test]
fn a_whole_number_written_as_a_float_fits_an_integer_field() {
    // 5e1 is read as a float; headcount is a u32.
    let changed = apply_overrides(&county(), &[set("pools.0.headcount", json!(5e1))]).unwrap();
    assert_eq!(changed.pools[0].headcount, 50);
}

fn only_issue(e: Error) -> (String, String) {
    match e {
        Error::Invalid(issues) => {
            assert_eq!(issues.len(), 1, "{issues:?}");
            (issues[0].path.clone(), issues[0].message.clone())
        }
        other => panic!("expected an Invalid error, got {other:?}"),
    }
}

#[test]
fn a_field_that_does_not_exist_names_the_path() {
    let (path, message) =
        only_issue(apply_overrides(&county(), &[set("policy.budgett", json!(1))]).unwrap_err());
    assert_eq!(path, "policy.budgett");
    assert!(
        message.starts_with("does not exist in the scenario: unknown field `budgett`, expected one of `min_days_by_tier`, `budget`"),
        "{message}"
    );
    // Under a wildcard, the element where it failed is named too.
    let (path, message) = only_issue(
        apply_overrides(&county(), &[set("pools.*.max_travel_minutez", json!(1))]).unwrap_err(),
    );
    assert_eq!(path, "pools.*.max_travel_minutez");
    assert!(
        message.starts_with(
            "does not exist in the scenario (at pools[0].max_travel_minutez: unknown field"
        ),
        "{message}"
    );
}

#[test]
fn a_section_element_or_id_that_does_not_exist_names_the_path() {
    let s = tiny();
    let cases = [
        (
            "imaging.budget",
            "does not exist: the scenario has no imaging (set the whole imaging instead)",
        ),
        (
            "pools[NOPE].headcount",
            "does not exist: pools has no element with id \"NOPE\"",
        ),
        (
            "pools.3.headcount",
            "does not exist: pools has 1 elements (positions 0 to 0)",
        ),
        (
            "pools.0.headcount.x",
            "does not exist: pools[0].headcount is a number, it has no field \"x\"",
        ),
        (
            "scanners.*.site",
            "does not exist: the scenario has no scanners (set the whole scanners instead)",
        ),
        (
            "links.*.minutes.x",
            "does not exist: links[0].minutes is a number, it has no field \"x\"",
        ),
        (
            "policy..budget",
            "is not a valid path: it has an empty segment",
        ),
    ];
    for (p, expected) in cases {
        let (path, message) = only_issue(apply_overrides(&s, &[set(p, json!(1))]).unwrap_err());
        assert_eq!((path.as_str(), message.as_str()), (p, expected));
    }
    // Every broken override is listed, not only the first.
    match apply_overrides(&s, &[set("nope.a", json!(1)), set("pools.9.id", json!(1))]) {
        Err(Error::Invalid(issues)) => assert_eq!(issues.len(), 2),
        other => panic!("{other:?}"),
    }
}

#[test]
fn a_wrong_type_gets_the_error_of_a_scenario_file() {
    let s = tiny();
    let e = apply_overrides(&s, &[set("pools.*.headcount", json!(2.5))]).unwrap_err();
    assert!(matches!(e, Error::Parse { .. }), "{e:?}");
    // The same value written in the file.
    let text = s
        .to_json_string()
        .replace("\"headcount\": 2", "\"headcount\": 2.5");
    assert_eq!(e.to_string(), file_error(&text));
    assert_eq!(
        e.to_string(),
        "pools[0].headcount: invalid type: floating point `2.5`, expected u32"
    );

    let e = apply_overrides(&s, &[set("policy.budget", json!("lots"))]).unwrap_err();
    assert_eq!(
        e.to_string(),
        "policy.budget: invalid type: string \"lots\", expected f64"
    );
}

#[test]
fn a_value_that_breaks_a_rule_gets_the_validation_error_of_a_scenario_file() {
    let s = tiny();
    let e = apply_overrides(&s, &[set("policy.budget", json!(-5))]).unwrap_err();
    let mut file = s.clone();
    file.policy.budget = Some(-5.0);
    let expected = yilian::Consortium::new(file).unwrap_err().to_string();
    assert_eq!(e.to_string(), expected);
    assert!(
        expected.contains("policy.budget: -5 is negative"),
        "{expected}"
    );
}

fn close(a: Option<f64>, b: f64) {
    let a = a.expect("a number");
    assert!((a - b).abs() <= 1e-6, "{a} != {b}");
}

/// The tiny scenario: one pool of 2 x 10 days at H, one township centre T 40 minutes
/// away wanting 100 cardiology visits with 5 room-days; 10 visits a day; a day at T
/// costs 100 + 2 x 40 x 1 = 180. Sending is worth 10 visits against 0.18 of weighted
/// cost, so the plan sends as many days as rooms and budget allow:
/// - no budget limit that binds (1e6): 5 days (the rooms), 50 served, 50 unmet, cost 900;
/// - budget 360: 2 days, 20 served, 80 unmet, cost 360;
/// - travel limit 30 minutes: T is out of reach, nothing is sent, 100 unmet, cost 0.
///
/// Utilisation is days sent / 20; coverage is T's population (all of it) within 30
/// minutes of a place with cardiology: none before (H is 40 minutes away), all after
/// a plan that sends days to T.
#[test]
fn a_sweep_over_budget_and_travel_gives_the_hand_solved_rows() {
    let scenarios = vec![("tiny".to_string(), tiny())];
    let axes = vec![
        parse_axis("policy.budget=360,1e6").unwrap(),
        parse_axis("pools.*.max_travel_minutes=30,60").unwrap(),
    ];
    let all = tasks(&scenarios, &[find_model("rotation").unwrap()], &axes);
    let points: Vec<String> = all.iter().map(|t| t.point()).collect();
    assert_eq!(
        points,
        [
            "policy.budget=360; pools.*.max_travel_minutes=30",
            "policy.budget=360; pools.*.max_travel_minutes=60",
            "policy.budget=1000000; pools.*.max_travel_minutes=30",
            "policy.budget=1000000; pools.*.max_travel_minutes=60",
        ]
    );
    let settings = ModelSettings::default();
    let rows = run_tasks(&all, &settings, 2, |_, _| {});
    let expected = [
        (100.0, 0.0, 0.0),
        (80.0, 360.0, 2.0),
        (100.0, 0.0, 0.0),
        (50.0, 900.0, 5.0),
    ];
    for (row, (unmet, cost, days)) in rows.iter().zip(expected) {
        assert_eq!(row.status, "optimal", "{row:?}");
        assert_eq!(row.error, None);
        close(row.unmet, unmet);
        close(row.cost, cost);
        close(row.served_share, (100.0 - unmet) / 100.0);
        close(row.utilisation, days / 20.0);
        close(row.objective, unmet + 0.001 * cost);
        close(row.coverage_before, 0.0);
        close(row.coverage, if days > 0.0 { 1.0 } else { 0.0 });
        // The LP's bound is the solver's, equal to the objective at an optimum.
        close(row.bound, unmet + 0.001 * cost);
        assert!(row.gap.unwrap() <= 1e-9, "{row:?}");
    }
    // One thread gives the same rows (times aside).
    let serial = run_tasks(&all, &settings, 1, |_, _| {});
    let untimed = |r: &PointRow| PointRow {
        build_seconds: None,
        solve_seconds: None,
        seconds: 0.0,
        ..r.clone()
    };
    assert_eq!(
        rows.iter().map(untimed).collect::<Vec<_>>(),
        serial.iter().map(untimed).collect::<Vec<_>>()
    );
}

#[test]
fn a_bad_point_gives_an_error_row() {
    let s = tiny();
    let rotation = find_model("rotation").unwrap();
    let row = run_point(
        &s,
        &[set("pools.*.headcount", json!(-1))],
        rotation,
        &ModelSettings::default(),
    );
    assert_eq!(row.status, "error");
    assert_eq!(row.objective, None);
    assert_eq!(
        row.error.as_deref(),
        Some("pools[0].headcount: invalid value: integer `-1`, expected u32")
    );
    // A model option that does not apply is an error row too, with the option's name.
    let settings = ModelSettings {
        method: Some("mip".into()),
        ..ModelSettings::default()
    };
    let row = run_point(&s, &[], rotation, &settings);
    assert_eq!(
        row.error.as_deref(),
        Some("method: applies to the scanners model only")
    );
}

/// (HiGHS only: microlp's branch and bound is too slow for a county's scanners.)
#[cfg(feature = "highs")]
#[test]
fn scanners_rows_carry_the_solvers_bound() {
    let s = county();
    let settings = ModelSettings {
        options: yilian::SolveOptions::new(yilian::Backend::Highs)
            .threads(1)
            .time_limit(60.0),
        ..ModelSettings::default()
    };
    let row = run_point(&s, &[], find_model("scanners").unwrap(), &settings);
    assert_eq!(row.error, None);
    // HiGHS always reports its MIP bound: a row without one lost it.
    let objective = row.objective.unwrap();
    let bound = row.bound.expect("the row carries HiGHS's bound");
    assert!(bound <= objective * (1.0 + 1e-9), "{bound} > {objective}");
    let u = row.utilisation.unwrap();
    assert!((0.0..=1.0 + 1e-9).contains(&u), "{u}");
    // New units can only bring more people within reach.
    assert!(row.coverage.unwrap() >= row.coverage_before.unwrap() - 1e-12);
}

/// The referral entry of the table: its row is the checked plan's figures.
#[cfg(feature = "highs")]
#[test]
fn referral_rows_are_the_checked_plans_figures() {
    let s = county();
    let options = yilian::SolveOptions::new(yilian::Backend::Highs).threads(1);
    let settings = ModelSettings {
        options: options.clone(),
        ..ModelSettings::default()
    };
    let row = run_point(&s, &[], find_model("referral").unwrap(), &settings);
    assert_eq!(row.error, None, "{row:?}");
    let c = yilian::Consortium::new(s.clone()).unwrap();
    let plan = yilian::ReferralModel::new(&c).solve(&options).unwrap();
    assert!(yilian::check::check_referral(&c, &plan).is_empty());
    close(row.objective, plan.objective);
    close(row.unmet, plan.episodes - plan.treated);
    close(row.served_share, plan.treated / plan.episodes);
    close(row.cost, plan.travel_cost + plan.treatment_cost);
    close(row.grassroots_share, plan.grassroots_share);
    close(row.within_county_share, plan.within_county_share);
    assert_eq!(row.status, plan.status.as_str());
    assert_eq!(row.coverage, None, "no coverage measure for referral plans");
    // The other models leave the tier shares empty; the referral model refuses options
    // that are not its own.
    let rotation = run_point(&s, &[], find_model("rotation").unwrap(), &settings);
    assert_eq!(rotation.grassroots_share, None);
    let wrong = ModelSettings {
        objective: Some("equity".into()),
        ..settings
    };
    let row = run_point(&s, &[], find_model("referral").unwrap(), &wrong);
    assert_eq!(
        row.error.as_deref(),
        Some("objective: the referral model has one objective")
    );
}
