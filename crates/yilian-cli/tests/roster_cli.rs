//! `yilian solve --model roster` and `yilian check` on a roster plan, as a user runs them.

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

fn has_highs() -> bool {
    text(&yilian(&["backends"]).stdout)
        .lines()
        .any(|l| l.starts_with("highs") && l.ends_with("available"))
}

#[test]
fn roster_of_the_county_example_then_check() {
    if !has_highs() {
        eprintln!(
            "skipped: the county roster needs HiGHS (microlp's branch and bound is too weak)"
        );
        return;
    }
    let dir = std::env::temp_dir().join(format!("yilian-roster-cli-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let plan = dir.join("roster.json");
    let csv = dir.join("calendar.csv");
    let rotation = dir.join("rotation.json");
    let out = yilian(&[
        "solve",
        "examples/county.json",
        "--model",
        "roster",
        "--days",
        "28",
        "--start",
        "2026-03-02",
        "--backend",
        "highs",
        "--time-limit",
        "30",
        "--out",
        plan.to_str().unwrap(),
        "--csv",
        csv.to_str().unwrap(),
        "--rotation-out",
        rotation.to_str().unwrap(),
    ]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    let stdout = text(&out.stdout);
    for expected in [
        "county-1: roster of 150 specialists over 20 planning days (2026-03-02 to 2026-03-27)",
        "targets:",
        "weekly visit rules:",
        "calendar written to",
    ] {
        assert!(
            stdout.contains(expected),
            "missing {expected:?} in\n{stdout}"
        );
    }
    let calendar = std::fs::read_to_string(&csv).unwrap();
    assert!(calendar.starts_with("specialist,date,host\n"));
    assert!(calendar.lines().count() > 100);

    // The roster's targets come from the rotation plan: checked against it...
    let out = yilian(&[
        "check",
        "examples/county.json",
        plan.to_str().unwrap(),
        "--rotation",
        rotation.to_str().unwrap(),
    ]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stdout));
    assert!(text(&out.stdout).starts_with("ok: the plan passes every rule"));
    // ... and not without it: the roster's own targets are not trusted.
    let out = yilian(&["check", "examples/county.json", plan.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(1), "{}", text(&out.stdout));
    assert!(
        text(&out.stdout).contains("targets [plan.targets_from]"),
        "{}",
        text(&out.stdout)
    );

    // A calendar with a doctor in two places fails the check with exit code 1.
    let mut json: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&plan).unwrap()).unwrap();
    let visits = json["visits"].as_array_mut().unwrap();
    let mut twin = visits[0].clone();
    twin["host"] = serde_json::Value::from(if twin["host"] == "THC01" {
        "THC02"
    } else {
        "THC01"
    });
    visits.push(twin);
    let bad = dir.join("bad.json");
    std::fs::write(&bad, serde_json::to_string(&json).unwrap()).unwrap();
    let out = yilian(&[
        "check",
        "examples/county.json",
        bad.to_str().unwrap(),
        "--rotation",
        rotation.to_str().unwrap(),
    ]);
    assert_eq!(out.status.code(), Some(1));
    assert!(
        text(&out.stdout).contains("one_place ["),
        "{}",
        text(&out.stdout)
    );
}

#[test]
fn roster_option_errors_name_the_option_and_value() {
    let out = yilian(&[
        "solve",
        "examples/county.json",
        "--model",
        "roster",
        "--start",
        "2026-13-01",
    ]);
    assert_eq!(out.status.code(), Some(1));
    assert!(
        text(&out.stderr).contains("--start: \"2026-13-01\" is not a date"),
        "{}",
        text(&out.stderr)
    );
    let out = yilian(&[
        "solve",
        "examples/county.json",
        "--model",
        "roster",
        "--targets",
        "wishes",
        "--time-limit",
        "5",
    ]);
    assert_eq!(out.status.code(), Some(1));
    assert!(
        text(&out.stderr).contains("--targets: \"wishes\""),
        "{}",
        text(&out.stderr)
    );
}
