//! `yilian solve --model referral` (sequential from a rotation file, and joint) and
//! `yilian check` on its plans, as a user runs them.

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

#[test]
fn referral_of_the_county_example_sequential_and_joint_then_check() {
    let dir = std::env::temp_dir().join(format!("yilian-referral-cli-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let path = |name: &str| dir.join(name).to_str().unwrap().to_string();
    let out = yilian(&[
        "solve",
        "examples/county.json",
        "--model",
        "rotation",
        "--out",
        &path("rotation.json"),
    ]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    let mut objectives = Vec::new();
    for (name, extra) in [
        (
            "sequential.json",
            vec!["--rotation", &*path("rotation.json")]
                .into_iter()
                .map(String::from)
                .collect::<Vec<_>>(),
        ),
        ("joint.json", vec!["--joint".to_string()]),
    ] {
        let mut args = vec!["solve", "examples/county.json", "--model", "referral"];
        let plan = path(name);
        args.extend(extra.iter().map(String::as_str));
        args.extend(["--out", &plan]);
        let out = yilian(&args);
        assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
        let stdout = text(&out.stdout);
        for expected in [
            "referral plan",
            "shares                         before     after",
            "  grassroots",
            "referrals:",
            "busiest institutions",
            "min_grassroots_share",
            "max_hospital_utilisation",
        ] {
            assert!(
                stdout.contains(expected),
                "{expected:?} missing in:\n{stdout}"
            );
        }
        let check = yilian(&["check", "examples/county.json", &plan]);
        assert_eq!(check.status.code(), Some(0), "{}", text(&check.stdout));
        assert!(text(&check.stdout).starts_with("ok: the plan passes every rule"));
        let json: serde_json::Value =
            serde_json::from_str(&std::fs::read_to_string(&plan).unwrap()).unwrap();
        objectives.push(json["total_objective"].as_f64().unwrap());

        // A tampered plan fails its check, naming the rule.
        let mut bad = json.clone();
        bad["flows"][0]["patients"] = serde_json::json!(1e6);
        std::fs::write(path("bad.json"), bad.to_string()).unwrap();
        let check = yilian(&["check", "examples/county.json", &path("bad.json")]);
        assert_eq!(check.status.code(), Some(1));
        assert!(
            text(&check.stdout).contains("capacity ["),
            "{}",
            text(&check.stdout)
        );
    }
    // Joint is never worse than sequential on the sum of both objectives.
    assert!(
        objectives[1] <= objectives[0] * (1.0 + 1e-9),
        "{objectives:?}"
    );

    // --rotation and --joint together are a usage error.
    let out = yilian(&[
        "solve",
        "examples/county.json",
        "--model",
        "referral",
        "--joint",
        "--rotation",
        &path("rotation.json"),
    ]);
    assert_eq!(out.status.code(), Some(2));
}

#[test]
fn referral_without_a_care_section_names_the_field() {
    let dir = std::env::temp_dir().join(format!("yilian-referral-nocare-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let file = dir.join("s.json");
    std::fs::write(
        &file,
        r#"{"format": "yilian/1", "name": "x", "institutions": [{"id": "a", "tier": "secondary", "location": {"lon": 120, "lat": 30}}]}"#,
    )
    .unwrap();
    let out = yilian(&["solve", file.to_str().unwrap(), "--model", "referral"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(
        text(&out.stderr).contains("care: missing: the referral model needs a care section"),
        "{}",
        text(&out.stderr)
    );
}
