//! The bad-input catalogue of the command line (issue 18): options and files other than
//! scenarios. Each case is refused with exit code 1 and exactly the message listed,
//! naming the option or file and the value; none panics, none is silently ignored.
//!
//! Scenario files are in `crates/yilian/tests/bad_inputs/` (`bad_inputs.rs`); Python's
//! cases in `python/tests/test_bad_inputs.py`. The classes, with their cases here:
//! numbers that overflow later (`--time-limit 1e19`); sizes that would allocate without
//! bound (an OR-Library header claiming 100,000 nodes); costs near `f64::MAX`; `report`
//! on plans `check` refuses (tampered, another scenario's, the wrong kind for
//! `--against`); CSV files (weights matched by name, duplicate names); options that do
//! not apply to the model.

use std::process::{Command, Output};

/// A small valid scenario with pools and imaging, from the scenario catalogue.
const SMALL: &str = "crates/yilian/tests/bad_inputs/w04_budget_below_cheapest_unit.json";

fn yilian(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_yilian"))
        .args(args)
        .current_dir(concat!(env!("CARGO_MANIFEST_DIR"), "/../.."))
        .output()
        .expect("the binary runs")
}

fn tmp(name: &str) -> String {
    let dir = std::env::temp_dir().join(format!("yilian-bad-cli-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    dir.join(name).display().to_string()
}

fn write(name: &str, text: &str) -> String {
    let path = tmp(name);
    std::fs::write(&path, text).unwrap();
    path
}

/// Runs and returns stderr without the scenario's warnings, asserting exit code 1
/// (refused, not a usage error, no panic).
fn refused(args: &[&str]) -> String {
    let out = yilian(args);
    let stderr = String::from_utf8_lossy(&out.stderr).into_owned();
    assert_eq!(out.status.code(), Some(1), "{args:?}\n{stderr}");
    assert!(!stderr.contains("panicked"), "{stderr}");
    stderr
        .lines()
        .filter(|l| !l.starts_with("warning: "))
        .map(|l| format!("{l}\n"))
        .collect()
}

fn solved(model: &str, out: &str) {
    let o = yilian(&[
        "solve",
        SMALL,
        "--model",
        model,
        "--backend",
        "microlp",
        "--out",
        out,
    ]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
}

#[test]
fn a_time_limit_beyond_a_year_is_refused_not_a_panic() {
    // 1e19 s passed "finite and >= 0" and panicked converting to a Duration.
    let e = refused(&["solve", SMALL, "--time-limit", "1e19"]);
    assert_eq!(
        e,
        "error: time_limit: 1e19 seconds is more than the limit of 3.1536e7 (a year): leave the time limit out for none\n"
    );
}

#[test]
fn options_that_do_not_apply_to_the_model_are_refused() {
    let e = refused(&["solve", SMALL, "--model", "rotation", "--csv", "x.csv"]);
    assert_eq!(
        e,
        "error: --csv: not an option of --model rotation (it would be ignored)\n"
    );
    let e = refused(&["solve", SMALL, "--method", "mip"]);
    assert_eq!(
        e,
        "error: --method: not an option of --model rotation (it would be ignored)\n"
    );
    let e = refused(&[
        "solve",
        SMALL,
        "--model",
        "scanners",
        "--integer-days",
        "--days",
        "7",
    ]);
    assert_eq!(
        e,
        "error: --integer-days, --days: not an option of --model scanners (it would be ignored)\n"
    );
    let e = refused(&["solve", SMALL, "--model", "roster", "--objective", "equity"]);
    assert_eq!(
        e,
        "error: --objective: not an option of --model roster (it would be ignored)\n"
    );
}

#[test]
fn an_orlib_header_claiming_more_than_the_file_holds_is_refused_before_allocating() {
    // 100,000 nodes would take 80 GB of distances; the file holds two edges.
    let f = write("big-header.txt", "100000 200000 5\n1 2 3\n2 3 4\n");
    let e = refused(&["location", "pmedian", "--orlib", &f]);
    assert_eq!(
        e,
        format!("error: {f}: the header (n 100000, m 200000, p 5) announces 600000 numbers, the file holds 6 after it\n")
    );
}

#[test]
fn costs_near_the_largest_float_are_refused() {
    // 1e308 x a weight of 10 is infinite: the objective was inf with exit code 0.
    let f = write("huge-costs.csv", "1e308,1\n2,3\n");
    let e = refused(&["location", "pmedian", "--cost", &f, "-p", "1"]);
    assert_eq!(
        e,
        format!("error: {f}: cost[0][0]: 1e308 is too large: values above 1e12 are refused (solvers lose precision)\n")
    );
}

#[test]
fn csv_names_duplicated_or_not_matching_are_refused() {
    let costs = write("named.csv", ",S0,S1\nA,0,5\nB,2,3\n");
    let dup = write("dup-sites.csv", ",S0,S0\nA,0,5\nB,2,3\n");
    let e = refused(&["location", "pmedian", "--cost", &dup, "-p", "1"]);
    assert_eq!(
        e,
        format!("error: {dup}: site \"S0\" names columns 1 and 2 of the header (site names must be unique)\n")
    );
    // Weights name clients: a name not in the matrix is refused (it was applied to
    // the first row by position).
    let w = write("weights-named.csv", "client,weight\nB,4\nC,1\n");
    let e = refused(&[
        "location",
        "pmedian",
        "--cost",
        &costs,
        "-p",
        "1",
        "--weights",
        &w,
    ]);
    assert_eq!(
        e,
        format!("error: {w}: row 3: \"C\" is not a name of the cost matrix (weights are matched by name)\n")
    );
}

#[test]
fn weights_are_applied_by_name() {
    // Costs: A is 9 from S0 and 0 from S1; B is 0 from S0 and 1 from S1. The weights
    // file lists B first.
    let costs = write("named2.csv", ",S0,S1\nA,9,0\nB,0,1\n");
    // By name: A 1, B 10: S0 = 9 + 0 = 9, S1 = 0 + 10 = 10: S0 opens, objective 9.
    // By position (10 to A, 1 to B): S0 = 90, S1 = 1: S1 would open, objective 1.
    let w = write("weights-b-first.csv", "client,weight\nB,10\nA,1\n");
    let out = yilian(&[
        "location",
        "pmedian",
        "--cost",
        &costs,
        "-p",
        "1",
        "--weights",
        &w,
        "--backend",
        "microlp",
    ]);
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let objective: f64 = stdout
        .lines()
        .find_map(|l| {
            l.strip_prefix("objective")
                .map(|r| r.trim().parse().unwrap())
        })
        .unwrap_or_else(|| panic!("{stdout}"));
    assert_eq!(objective, 9.0, "{stdout}");
}

#[test]
fn report_refuses_plans_that_check_refuses() {
    let plan = tmp("small-rotation.json");
    solved("rotation", &plan);
    let text = std::fs::read_to_string(&plan).unwrap();

    // An unknown host.
    let mut v: serde_json::Value = serde_json::from_str(&text).unwrap();
    v["assignments"][0]["host"] = "NOWHERE".into();
    let bad = write("unknown-host.json", &v.to_string());
    let e = refused(&["report", SMALL, &bad]);
    assert!(
        e.starts_with(&format!("error: {bad}: the plan breaks ")),
        "{e}"
    );
    assert!(e.contains("unknown_id [H-cardiology -> NOWHERE]"), "{e}");

    // Negative days.
    let mut v: serde_json::Value = serde_json::from_str(&text).unwrap();
    v["assignments"][0]["days"] = (-3.0).into();
    let bad = write("negative-days.json", &v.to_string());
    let e = refused(&["report", SMALL, &bad]);
    assert!(e.contains("days [H-cardiology -> "), "{e}");

    // Another scenario's plan.
    let mut v: serde_json::Value = serde_json::from_str(&text).unwrap();
    v["scenario"] = "elsewhere".into();
    let bad = write("other-scenario.json", &v.to_string());
    let e = refused(&["report", SMALL, &bad]);
    assert!(
        e.contains("scenario [plan]: plan is for scenario \"elsewhere\", not \"catalogue\""),
        "{e}"
    );

    // The wrong kind of plan for --against.
    let scanners = tmp("small-scanners.json");
    solved("scanners", &scanners);
    let e = refused(&["report", SMALL, &plan, "--against", &scanners]);
    assert_eq!(
        e,
        format!("error: --against {scanners}: a scanners plan cannot be compared with a rotation plan\n")
    );
}

#[test]
fn check_rotation_applies_to_roster_plans_only() {
    let plan = tmp("small-rotation-2.json");
    solved("rotation", &plan);
    let e = refused(&["check", SMALL, &plan, "--rotation", &plan]);
    assert_eq!(
        e,
        "error: --rotation: only a roster plan is checked against a rotation plan (this is a rotation plan)\n"
    );
}
