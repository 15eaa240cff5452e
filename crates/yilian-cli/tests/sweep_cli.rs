//! `yilian sweep`: the table of a small sweep derived by hand, the same for 1 and 2
//! jobs, error rows for a bad override, and usage errors.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

const TINY: &str = "crates/yilian/tests/data/sweep_tiny.json";

fn yilian(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_yilian"))
        .args(args)
        .current_dir(concat!(env!("CARGO_MANIFEST_DIR"), "/../.."))
        .output()
        .expect("the binary runs")
}

fn tmp(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("yilian-sweep-cli-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    dir.join(name)
}

/// Header and rows of a CSV file.
fn read(path: &Path) -> (Vec<String>, Vec<Vec<String>>) {
    let mut r = csv::Reader::from_path(path).unwrap();
    let header = r.headers().unwrap().iter().map(String::from).collect();
    let rows = r
        .records()
        .map(|rec| rec.unwrap().iter().map(String::from).collect())
        .collect();
    (header, rows)
}

fn sweep(jobs: &str, out: &Path) -> Output {
    yilian(&[
        "sweep",
        TINY,
        "--set",
        "policy.budget=360,1e6",
        "--set",
        "pools.*.max_travel_minutes=30,60",
        "--model",
        "rotation",
        "--jobs",
        jobs,
        "--out",
        out.to_str().unwrap(),
    ])
}

/// The tiny scenario (see crates/yilian/tests/sweep.rs for the derivation): a day at T
/// costs 180; budget 360 buys 2 days (80 unmet), 1e6 is held to the 5 room-days (50
/// unmet, cost 900); a 30-minute limit leaves T (40 minutes away) unreachable.
#[test]
fn the_sweep_table_has_the_hand_solved_rows_in_order() {
    let out = tmp("two-jobs.csv");
    let run = sweep("2", &out);
    assert_eq!(
        run.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&run.stderr)
    );
    let (header, rows) = read(&out);
    assert_eq!(
        header,
        [
            "scenario",
            "model",
            "policy.budget",
            "pools.*.max_travel_minutes",
            "point",
            "status",
            "objective",
            "bound",
            "gap",
            "coverage_before",
            "coverage",
            "served_share",
            "unmet",
            "cost",
            "utilisation",
            "grassroots_share",
            "within_county_share",
            "error",
            "build_seconds",
            "solve_seconds",
            "seconds",
        ]
    );
    let col = |name: &str| header.iter().position(|h| h == name).unwrap();
    let num = |row: &Vec<String>, name: &str| row[col(name)].parse::<f64>().unwrap();
    let expected = [
        ("360", "30", 100.0, 0.0),
        ("360", "60", 80.0, 360.0),
        ("1000000", "30", 100.0, 0.0),
        ("1000000", "60", 50.0, 900.0),
    ];
    assert_eq!(rows.len(), 4);
    for (row, (budget, minutes, unmet, cost)) in rows.iter().zip(expected) {
        assert_eq!(row[col("scenario")], TINY);
        assert_eq!(row[col("policy.budget")], budget);
        assert_eq!(row[col("pools.*.max_travel_minutes")], minutes);
        assert_eq!(row[col("status")], "optimal");
        assert!((num(row, "unmet") - unmet).abs() < 1e-6, "{row:?}");
        assert!((num(row, "cost") - cost).abs() < 1e-6, "{row:?}");
        assert_eq!(row[col("error")], "");
        assert_eq!(row[col("grassroots_share")], "", "a referral measure");
    }
    assert!(
        !out.with_extension("csv.partial").exists(),
        "the partial file is removed"
    );

    // One job: the same table, times aside.
    let one = tmp("one-job.csv");
    assert_eq!(sweep("1", &one).status.code(), Some(0));
    let (_, serial) = read(&one);
    let untimed = |rows: &[Vec<String>]| -> Vec<Vec<String>> {
        rows.iter()
            .map(|r| r[..col("build_seconds")].to_vec())
            .collect()
    };
    assert_eq!(untimed(&rows), untimed(&serial));
}

#[test]
fn a_bad_override_gives_error_rows_and_the_sweep_goes_on() {
    let out = tmp("bad.csv");
    let run = yilian(&[
        "sweep",
        TINY,
        "--set",
        "pools.*.headcount=2,2.5",
        "--out",
        out.to_str().unwrap(),
    ]);
    assert_eq!(
        run.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&run.stderr)
    );
    let (header, rows) = read(&out);
    let col = |name: &str| header.iter().position(|h| h == name).unwrap();
    assert_eq!(rows[0][col("status")], "optimal");
    assert_eq!(rows[1][col("status")], "error");
    assert_eq!(
        rows[1][col("error")],
        "pools[0].headcount: invalid type: floating point `2.5`, expected u32"
    );
    assert_eq!(rows[1][col("objective")], "");
    assert!(String::from_utf8_lossy(&run.stderr).contains("1 with an error"));
}

#[test]
fn usage_errors_exit_with_1_and_name_the_problem() {
    let run = yilian(&["sweep", TINY, "--set", "policy.budget"]);
    assert_eq!(run.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&run.stderr)
        .contains("--set: \"policy.budget\" is not PATH=VALUE[,VALUE...]"));
    let run = yilian(&["sweep", TINY, "--model", "roster"]);
    assert_eq!(run.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&run.stderr).contains(
        "model: \"roster\" is not a model a sweep runs (expected one of: rotation, scanners, referral)"
    ));
}
