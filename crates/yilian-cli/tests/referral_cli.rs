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

/// `yilian report` on a referral plan: the shares, referrals and targets of its JSON
/// equal the figures recomputed here from the plan file's flows and the scenario file;
/// the CSV folder holds the targets and referrals tables; a tampered plan gets no report.
#[test]
fn report_of_a_referral_plan_recomputed_from_its_flows() {
    let dir = std::env::temp_dir().join(format!("yilian-referral-report-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let path = |name: &str| dir.join(name).to_str().unwrap().to_string();
    let out = yilian(&[
        "solve",
        "examples/county.json",
        "--model",
        "referral",
        "--out",
        &path("plan.json"),
    ]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    let out = yilian(&[
        "report",
        "examples/county.json",
        &path("plan.json"),
        "--json",
        &path("report.json"),
        "--csv",
        &path("csv"),
    ]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    let stdout = text(&out.stdout);
    for expected in [
        "referral plan",
        "grassroots share of episodes",
        "min_grassroots_share",
        "cost per point",
        "busiest institution",
        "referrals up:",
        "referrals down:",
    ] {
        assert!(
            stdout.contains(expected),
            "{expected:?} missing in:\n{stdout}"
        );
    }
    let read = |p: &str| -> serde_json::Value {
        serde_json::from_str(&std::fs::read_to_string(p).unwrap()).unwrap()
    };
    let scenario = read(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../examples/county.json"
    ));
    let plan = read(&path("plan.json"));
    let report = read(&path("report.json"));
    let tier: std::collections::HashMap<&str, &str> = scenario["institutions"]
        .as_array()
        .unwrap()
        .iter()
        .map(|i| (i["id"].as_str().unwrap(), i["tier"].as_str().unwrap()))
        .collect();
    let level = |id: &str| match tier[id] {
        "village_clinic" => 1,
        "township_health_centre" | "community_health_centre" => 2,
        "tertiary" => 4,
        _ => 3,
    };
    let care = &scenario["care"];
    let share_of = |class: &str| -> f64 {
        care["classes"]
            .as_array()
            .unwrap()
            .iter()
            .find(|k| k["id"] == class)
            .and_then(|k| k["recovery"]["share"].as_f64())
            .unwrap_or(0.0)
    };
    let mut episodes = 0.0;
    for by_class in care["demand"].as_object().unwrap().values() {
        for (k, d) in by_class.as_object().unwrap() {
            episodes += d.as_f64().unwrap() * (1.0 + share_of(k));
        }
    }
    let (mut grassroots, mut up) = (0.0, 0.0);
    let mut up_pairs = std::collections::BTreeSet::new();
    for f in plan["flows"].as_array().unwrap() {
        let (o, j) = (f["origin"].as_str().unwrap(), f["site"].as_str().unwrap());
        let p = f["patients"].as_f64().unwrap();
        if level(j) <= 2 {
            grassroots += p;
        }
        if level(o) <= 2 && level(j) > level(o) {
            up += p;
            up_pairs.insert((o, j));
        }
    }
    let (mut down, mut down_pairs) = (0.0, std::collections::BTreeSet::new());
    for r in plan["recovery"].as_array().unwrap() {
        let (a, k) = (
            r["acute_site"].as_str().unwrap(),
            r["site"].as_str().unwrap(),
        );
        let p = r["patients"].as_f64().unwrap();
        if level(k) <= 2 {
            grassroots += p;
        }
        if level(k) < level(a) {
            down += p;
            down_pairs.insert((a, k));
        }
    }
    let measure = |name: &str| -> f64 {
        report["measures"]
            .as_array()
            .unwrap()
            .iter()
            .find(|m| m["measure"] == name)
            .unwrap_or_else(|| panic!("{name} missing"))["after"]
            .as_f64()
            .unwrap()
    };
    let close = |a: f64, b: f64| assert!((a - b).abs() <= 1e-6 * b.abs().max(1.0), "{a} != {b}");
    close(measure("episodes"), episodes);
    close(
        measure("grassroots share of episodes"),
        grassroots / episodes,
    );
    close(measure("patients referred up"), up);
    close(measure("recovery episodes referred down"), down);
    let referrals = report["referrals"].as_array().unwrap();
    let count = |d: &str| referrals.iter().filter(|r| r["direction"] == d).count();
    assert_eq!(count("up"), up_pairs.len());
    assert_eq!(count("down"), down_pairs.len());
    assert!(up > 0.0 && down > 0.0);
    // The targets are the plan's, with their marginal costs.
    let targets = report["targets"].as_array().unwrap();
    assert_eq!(targets.len(), plan["targets"].as_array().unwrap().len());
    for (a, b) in targets.iter().zip(plan["targets"].as_array().unwrap()) {
        assert_eq!(a["target"], b["target"]);
        assert_eq!(a["marginal_cost_per_point"], b["marginal_cost_per_point"]);
    }
    for table in ["measures", "utilisation", "targets", "referrals"] {
        let csv = std::fs::read_to_string(dir.join("csv").join(format!("{table}.csv"))).unwrap();
        assert!(csv.lines().count() > 1, "{table}.csv is empty");
    }

    let mut bad = plan.clone();
    bad["flows"][0]["patients"] = serde_json::json!(1e6);
    std::fs::write(path("bad.json"), bad.to_string()).unwrap();
    let out = yilian(&["report", "examples/county.json", &path("bad.json")]);
    assert_ne!(out.status.code(), Some(0));
    assert!(
        text(&out.stderr).contains("no report is made"),
        "{}",
        text(&out.stderr)
    );
}
