//! The `yilian` binary as a user runs it: outputs and exit codes.

use std::path::PathBuf;
use std::process::{Command, Output};

fn yilian(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_yilian"))
        .args(args)
        .current_dir(concat!(env!("CARGO_MANIFEST_DIR"), "/../.."))
        .output()
        .expect("the binary runs")
}

fn text(b: &[u8]) -> String {
    String::from_utf8_lossy(b).into_owned()
}

fn tmp(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("yilian-cli-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    dir.join(name)
}

#[test]
fn solve_then_check_the_county_example() {
    let plan = tmp("county-plan.json");
    let out = yilian(&[
        "solve",
        "examples/county.json",
        "--model",
        "rotation",
        "--out",
        plan.to_str().unwrap(),
    ]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    let stdout = text(&out.stdout);
    for expected in [
        "county-1: rotation plan",
        "coverage by tier",
        "unmet by specialty",
        "days sent per pool",
        "policy minimums:",
    ] {
        assert!(
            stdout.contains(expected),
            "missing {expected:?} in\n{stdout}"
        );
    }
    let out = yilian(&["check", "examples/county.json", plan.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stdout));
    assert!(text(&out.stdout).starts_with("ok: the plan passes every rule"));
}

#[test]
fn a_tampered_plan_fails_the_check_with_exit_code_1() {
    let plan = tmp("city-plan.json");
    let out = yilian(&[
        "solve",
        "examples/city.json",
        "--out",
        plan.to_str().unwrap(),
    ]);
    assert_eq!(out.status.code(), Some(0));
    let mut json: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&plan).unwrap()).unwrap();
    json["assignments"][0]["days"] = 1000.0.into();
    std::fs::write(&plan, json.to_string()).unwrap();
    let out = yilian(&["check", "examples/city.json", plan.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(1));
    assert!(
        text(&out.stdout).contains("pool_days ["),
        "{}",
        text(&out.stdout)
    );
    assert!(text(&out.stderr).contains("the plan breaks"));
}

#[test]
fn invalid_input_exits_1_with_the_field_named() {
    let bad = tmp("bad.json");
    std::fs::write(
        &bad,
        r#"{"format":"yilian/1","name":"bad","institutions":[
            {"id":"H","tier":"secondary","location":{"lon":120,"lat":30}},
            {"id":"T","tier":"township_health_centre","location":{"lon":120.1,"lat":30},
             "demand":{"cardiology":-3},"room_days":5}]}"#,
    )
    .unwrap();
    let out = yilian(&["solve", bad.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(1));
    assert!(
        text(&out.stderr).contains("institutions[1].demand.cardiology: -3 is negative"),
        "{}",
        text(&out.stderr)
    );
    let out = yilian(&["solve", "no/such/file.json"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(text(&out.stderr).contains("no/such/file.json"));
}

#[test]
fn usage_errors_exit_2() {
    assert_eq!(yilian(&["solve"]).status.code(), Some(2));
    assert_eq!(yilian(&["frobnicate"]).status.code(), Some(2));
    assert_eq!(
        yilian(&["solve", "examples/county.json", "--model", "teleport"])
            .status
            .code(),
        Some(2)
    );
}

#[test]
fn unknown_or_absent_backend_is_explained() {
    let out = yilian(&["solve", "examples/county.json", "--backend", "gurobi"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(text(&out.stderr).contains("'gurobi' is not a known backend"));
    let listed = text(&yilian(&["backends"]).stdout);
    assert!(listed.contains("microlp  available"), "{listed}");
    if listed.contains("highs    not compiled in") {
        let out = yilian(&["solve", "examples/county.json", "--backend", "highs"]);
        assert_eq!(out.status.code(), Some(1));
        assert!(text(&out.stderr).contains("rebuild yilian with the cargo feature `highs`"));
    }
}

#[test]
fn generate_is_deterministic_and_matches_the_examples() {
    let out = yilian(&["generate", "county", "--seed", "1"]);
    assert_eq!(out.status.code(), Some(0));
    let shipped = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../examples/county.json"
    ))
    .unwrap();
    assert_eq!(text(&out.stdout), shipped);
    let out = yilian(&["validate", "examples/city.json"]);
    assert_eq!(out.status.code(), Some(0));
    assert!(text(&out.stdout).starts_with("city-1: valid"));
}

#[test]
fn scanners_methods_give_checked_plans() {
    for method in ["mip", "decomposition"] {
        let plan = tmp(&format!("scanners-{method}.json"));
        let out = yilian(&[
            "solve",
            "examples/county.json",
            "--model",
            "scanners",
            "--method",
            method,
            "--gap",
            "0.01",
            "--time-limit",
            "60",
            "--out",
            plan.to_str().unwrap(),
        ]);
        assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
        let out = yilian(&["check", "examples/county.json", plan.to_str().unwrap()]);
        assert_eq!(
            out.status.code(),
            Some(0),
            "{method}: {}",
            text(&out.stdout)
        );
    }
    let out = yilian(&[
        "solve",
        "examples/county.json",
        "--model",
        "scanners",
        "--method",
        "lagrange",
    ]);
    assert_ne!(out.status.code(), Some(0));
}

#[test]
fn scanners_solve_then_check() {
    let plan = tmp("scanners-plan.json");
    let out = yilian(&[
        "solve",
        "examples/county.json",
        "--model",
        "scanners",
        "--time-limit",
        "60",
        "--out",
        plan.to_str().unwrap(),
    ]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    let stdout = text(&out.stdout);
    for expected in [
        "scanner plan",
        "served within limit",
        "units per site",
        "utilisation",
    ] {
        assert!(
            stdout.contains(expected),
            "missing {expected:?} in\n{stdout}"
        );
    }
    let out = yilian(&["check", "examples/county.json", plan.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stdout));
    assert!(text(&out.stdout).contains("flows"));
}

#[test]
fn report_writes_json_csv_html_and_compares_two_plans() {
    let a = tmp("report-a.json");
    let b = tmp("report-b.json");
    assert_eq!(
        yilian(&[
            "solve",
            "examples/county.json",
            "--out",
            a.to_str().unwrap()
        ])
        .status
        .code(),
        Some(0)
    );
    assert_eq!(
        yilian(&[
            "solve",
            "examples/county.json",
            "--objective",
            "equity",
            "--out",
            b.to_str().unwrap()
        ])
        .status
        .code(),
        Some(0)
    );
    let csv = tmp("report-csv");
    let html = tmp("report.html");
    let json = tmp("report.json");
    let out = yilian(&[
        "report",
        "examples/county.json",
        a.to_str().unwrap(),
        "--against",
        b.to_str().unwrap(),
        "--decay",
        "e2sfca",
        "--csv",
        csv.to_str().unwrap(),
        "--html",
        html.to_str().unwrap(),
        "--json",
        json.to_str().unwrap(),
    ]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    let stdout = text(&out.stdout);
    assert!(stdout.contains("gini of accessibility"), "{stdout}");
    assert!(stdout.contains("comparison (after the plan)"), "{stdout}");
    let institutions = std::fs::read_to_string(csv.join("institutions.csv")).unwrap();
    assert!(
        institutions.starts_with("id,tier,district,population,lon,lat,access_before,access_after")
    );
    assert_eq!(institutions.lines().count(), 1 + 210);
    assert!(std::fs::read_to_string(&html).unwrap().contains("<svg"));
    let report: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&json).unwrap()).unwrap();
    assert_eq!(report["model"], "rotation");
}
