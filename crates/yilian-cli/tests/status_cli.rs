//! What `yilian solve` says about how good a plan is: the status line, the proof line
//! (bound and gap) and the JSON plan agree, and no limit is claimed when none was hit.

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

fn solve(args: &[&str], name: &str) -> (String, serde_json::Value) {
    let dir = std::env::temp_dir().join(format!("yilian-status-cli-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let plan = dir.join(name);
    let mut all = vec!["solve", "examples/county.json"];
    all.extend_from_slice(args);
    all.extend_from_slice(&["--out", plan.to_str().unwrap()]);
    let out = yilian(&all);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    let json: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&plan).unwrap()).unwrap();
    (text(&out.stdout), json)
}

/// County scanners with HiGHS, no time limit, no gap: HiGHS stops at the stated 1e-4
/// and the plan is `optimal` (before: `time_limit` though no limit was set), with its
/// bound below the objective and the gap recomputed from the bound.
#[test]
fn no_limit_no_time_limit_status() {
    if !has_highs() {
        eprintln!("skipped: needs HiGHS");
        return;
    }
    let (stdout, plan) = solve(
        &["--model", "scanners", "--backend", "highs"],
        "scanners.json",
    );
    assert_eq!(plan["status"], "optimal", "{stdout}");
    let objective = plan["objective"].as_f64().unwrap();
    let bound = plan["bound"].as_f64().unwrap();
    let gap = plan["gap"].as_f64().unwrap();
    assert!(bound <= objective, "bound {bound} above {objective}");
    assert!((gap - (objective - bound) / objective.abs().max(1.0)).abs() < 1e-12);
    assert!(gap <= 1e-4);
    assert!(
        stdout.contains(&format!("optimal (proven optimal): bound {bound:.6e}")),
        "{stdout}"
    );
}

/// Equity on the county: both stages' statuses in the JSON plan and on screen.
#[test]
fn equity_reports_both_stages() {
    let (stdout, plan) = solve(
        &["--model", "rotation", "--objective", "equity"],
        "equity.json",
    );
    let stages = plan["stages"].as_array().expect("two stages");
    assert_eq!(stages.len(), 2);
    assert_eq!(stages[0]["stage"], "max smallest served share");
    assert_eq!(stages[1]["stage"], "least cost at that share");
    for st in stages {
        assert_eq!(st["status"], "optimal", "{st}");
        assert!(
            stdout.contains(&format!(
                "stage \"{}\": optimal",
                st["stage"].as_str().unwrap()
            )),
            "{stdout}"
        );
    }
    // The first stage maximises the smallest served share: its objective is that share.
    let share = plan["min_served_share"].as_f64().unwrap();
    assert!((stages[0]["objective"].as_f64().unwrap() - share).abs() < 1e-6);
}
