//! The bad-input catalogue: every file in `tests/bad_inputs/` gives exactly the
//! message in the `.expected` file beside it, and nothing panics.
//!
//! Files `NN_*.json` are rejected (the expected text is the error); files `wNN_*.json`
//! load, with the expected text as their warnings. `make_catalogue.py` writes the
//! JSON files; the expected messages are reviewed by hand.

use std::path::{Path, PathBuf};
use yilian::{Consortium, Scenario};

fn catalogue() -> Vec<PathBuf> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/bad_inputs");
    let mut files: Vec<PathBuf> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "json"))
        .collect();
    files.sort();
    files
}

/// The error text, or the warnings (one a line) when the scenario loads.
fn outcome(path: &Path) -> Result<String, String> {
    let loaded = std::panic::catch_unwind(|| {
        Scenario::from_path(path)
            .and_then(Consortium::new)
            .map(|c| {
                c.warnings()
                    .iter()
                    .map(|w| w.to_string())
                    .collect::<Vec<_>>()
                    .join("\n")
            })
    })
    .unwrap_or_else(|_| panic!("{} panicked", path.display()));
    loaded.map_err(|e| e.to_string())
}

#[test]
fn every_case_gives_its_expected_message() {
    let files = catalogue();
    let errors = files
        .iter()
        .filter(|p| !p.file_name().unwrap().to_string_lossy().starts_with('w'))
        .count();
    assert!(errors >= 40, "only {errors} bad inputs in the catalogue");
    for path in files {
        let name = path.file_name().unwrap().to_string_lossy().to_string();
        let expected = std::fs::read_to_string(path.with_extension("expected"))
            .unwrap_or_else(|_| panic!("{name} has no .expected file"));
        let expected = expected.trim_end();
        match outcome(&path) {
            Err(message) => {
                assert!(
                    !name.starts_with('w'),
                    "{name} should load, failed with: {message}"
                );
                assert_eq!(message, expected, "{name}");
            }
            Ok(warnings) => {
                assert!(name.starts_with('w'), "{name} should be rejected, loaded");
                assert_eq!(warnings, expected, "{name}");
            }
        }
    }
}

#[test]
fn a_100_megabyte_id_is_refused_without_quoting_it() {
    let id = "x".repeat(100 * 1024 * 1024);
    let text = format!(
        r#"{{"format":"yilian/1","name":"big","institutions":[
            {{"id":"{id}","tier":"secondary","location":{{"lon":120,"lat":30}}}}]}}"#
    );
    let path = std::env::temp_dir().join(format!("yilian-100mb-{}.json", std::process::id()));
    std::fs::write(&path, &text).unwrap();
    drop(text);
    let err = outcome(&path).unwrap_err();
    std::fs::remove_file(&path).ok();
    assert_eq!(
        err,
        "the scenario has 1 error:\n  institutions[0].id: \"xxxxxxxxxxxxxxxxxxxx...\" has 104857600 characters, more than the limit of 200"
    );
}

#[test]
fn a_pool_of_headcount_zero_is_not_reported_as_out_of_reach() {
    // T1 and T2 lie within the pool's 60 minutes, but the pool has no one to send: the
    // reason of their shortfall said "no specialist pool can reach it within its travel
    // limit".
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/bad_inputs");
    let s = Scenario::from_path(dir.join("w07_pool_with_headcount_zero.json")).unwrap();
    let c = Consortium::new(s).unwrap();
    let plan = yilian::RotationModel::new(&c)
        .solve(&yilian::SolveOptions::default())
        .unwrap();
    for host in ["T1", "T2"] {
        let line = plan.policy.iter().find(|l| l.host == host).unwrap();
        assert_eq!(line.shortfall, 4.0);
        assert_eq!(
            line.reason.as_deref(),
            Some("the pools that can reach it have no outreach days: H-cardiology (headcount 0, 0 outreach days)")
        );
    }
}

#[test]
fn a_key_given_twice_is_refused_in_every_map() {
    // Each map of a scenario, with one key twice (serde_json keeps the last silently).
    let file = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/bad_inputs/w04_budget_below_cheapest_unit.json");
    let value: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(file).unwrap()).unwrap();
    let base = value.to_string(); // compact
    let roster = r#","roster":{"horizon":{"start":"2026-03-02","days":7},"min_days_per_week_by_tier":{"village_clinic":1,"village_clinic":2},"rooms_per_day":{"T1":1}}}"#;
    let rooms =
        r#","roster":{"horizon":{"start":"2026-03-02","days":7},"rooms_per_day":{"T1":1,"T1":2}}}"#;
    for (what, from, to) in [
        (
            "institutions[1].exams",
            r#""exams":{"CT":80}"#,
            r#""exams":{"CT":80,"CT":8}"#,
        ),
        (
            "policy.unmet_weight",
            r#""policy":{"#,
            r#""policy":{"unmet_weight":{"a":1,"a":2},"#,
        ),
        ("roster.min_days_per_week_by_tier", "}", roster),
        ("roster.rooms_per_day", "}", rooms),
    ] {
        assert!(base.contains(from), "{what}");
        let text = if from == "}" {
            // Close the document with the roster section instead.
            format!("{}{to}", &base[..base.len() - 1])
        } else {
            base.replacen(from, to, 1)
        };
        let e = Scenario::from_json_str(&text).unwrap_err().to_string();
        assert!(
            e.starts_with(&format!("{what}: duplicate key ")),
            "{what}: {e}"
        );
    }
}
