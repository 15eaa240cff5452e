//! Every bad-input rule of the care section, with the message it must give.

use yilian::{Consortium, Error, Scenario};

/// A small valid scenario with a care section, to be broken one field at a time.
fn base() -> serde_json::Value {
    serde_json::json!({
        "format": "yilian/1",
        "name": "care",
        "institutions": [
            {"id": "H", "tier": "secondary", "location": {"lon": 120.0, "lat": 30.0}},
            {"id": "T", "tier": "township_health_centre", "location": {"lon": 120.1, "lat": 30.0}}
        ],
        "care": {
            "classes": [
                {"id": "acute", "setting": "inpatient", "min_tier": "secondary",
                 "length_of_stay": 8, "max_travel_minutes": 60, "cost": 1000,
                 "recovery": {"class": "rehab", "share": 0.5}},
                {"id": "rehab", "setting": "inpatient", "min_tier": "township_health_centre",
                 "length_of_stay": 14, "max_travel_minutes": 30, "cost": 200}
            ],
            "demand": {"T": {"acute": 10}},
            "capacity": {"H": {"acute": {"beds": 10}}, "T": {"rehab": {"slots": 6}}},
            "telemedicine": [{"hub": "H", "spoke": "T", "minutes": 600,
                              "minutes_per_consultation": 20}],
            "targets": {"min_grassroots_share": {"share": 0.5}}
        }
    })
}

fn errors(v: &serde_json::Value) -> Vec<String> {
    let parsed = match Scenario::from_json_str(&v.to_string()) {
        Ok(s) => s,
        Err(e) => return vec![e.to_string()],
    };
    match Consortium::new(parsed) {
        Err(Error::Invalid(issues)) => issues.iter().map(|i| i.to_string()).collect(),
        Err(other) => vec![other.to_string()],
        Ok(_) => vec![],
    }
}

/// `base()` with `edit` applied has exactly the error `expected`.
#[track_caller]
fn refuses(edit: impl Fn(&mut serde_json::Value), expected: &str) {
    let mut v = base();
    edit(&mut v);
    assert_eq!(errors(&v), vec![expected.to_string()]);
}

#[test]
fn the_base_is_valid_and_beds_become_episodes() {
    assert_eq!(errors(&base()), Vec::<String>::new());
    // 10 beds x 20 period days / 8 days a stay = 25 episodes.
    let s = Scenario::from_json_str(&base().to_string()).unwrap();
    let care = s.care.as_ref().unwrap();
    let cap = care.capacity["H"]["acute"];
    assert_eq!(
        cap.patients(care.class("acute").unwrap(), s.period_days),
        25.0
    );
}

#[test]
fn each_bad_field_is_named_with_its_value() {
    refuses(
        |v| v["care"]["demand"]["T"]["acute"] = (-3).into(),
        "care.demand.T.acute: -3 is negative",
    );
    refuses(
        |v| v["care"]["demand"]["X"] = serde_json::json!({"acute": 1}),
        "care.demand.X: \"X\" is not an institution id",
    );
    refuses(
        |v| v["care"]["demand"]["T"]["stroke"] = 1.into(),
        "care.demand.T.stroke: \"stroke\" is not a class of care.classes",
    );
    refuses(
        |v| v["care"]["classes"][0]["recovery"]["share"] = 1.5.into(),
        "care.classes[0].recovery.share: 1.5 is not a share between 0 and 1",
    );
    refuses(
        |v| v["care"]["classes"][0]["recovery"]["class"] = "acute".into(),
        "care.classes[0].recovery.class: \"acute\" is the class itself",
    );
    refuses(
        |v| v["care"]["classes"][1]["length_of_stay"] = serde_json::Value::Null,
        "care.classes[1].length_of_stay: missing for inpatient class \"rehab\"",
    );
    refuses(
        |v| {
            let copy = v["care"]["classes"][1].clone();
            v["care"]["classes"].as_array_mut().unwrap().push(copy);
        },
        "care.classes[2].id: \"rehab\" duplicates care.classes[1].id",
    );
    refuses(
        |v| v["care"]["capacity"]["T"]["rehab"] = serde_json::json!({"slots": 6, "beds": 2}),
        "care.capacity.T.rehab: gives both slots and beds: give one",
    );
    refuses(
        |v| v["care"]["capacity"]["H"]["acute"]["beds"] = (-1).into(),
        "care.capacity.H.acute.beds: -1 is negative",
    );
    refuses(
        |v| v["care"]["telemedicine"][0]["minutes_per_consultation"] = 0.into(),
        "care.telemedicine[0].minutes_per_consultation: 0 must be greater than 0",
    );
    refuses(
        |v| v["care"]["telemedicine"][0]["hub"] = "T".into(),
        "care.telemedicine[0].spoke: \"T\" is its own hub",
    );
    refuses(
        |v| v["care"]["targets"]["min_grassroots_share"]["share"] = 65.into(),
        "care.targets.min_grassroots_share.share: 65 is not a share between 0 and 1",
    );
    refuses(
        |v| v["care"]["targets"]["max_hospital_utilisation"] = 1.2.into(),
        "care.targets.max_hospital_utilisation: 1.2 is not a share between 0 and 1",
    );
    let mut v = base();
    v["care"]["classes"][0]["setting"] = "day_case".into();
    let e = errors(&v);
    assert!(
        e[0].starts_with(
            "care.classes[0].setting: unknown variant `day_case`, expected `outpatient` or `inpatient`"
        ),
        "{e:?}"
    );
}

#[test]
fn an_outpatient_class_takes_slots_not_beds_nor_a_stay() {
    let mut v = base();
    v["care"]["classes"][1]["setting"] = "outpatient".into();
    assert_eq!(
        errors(&v),
        vec!["care.classes[1].length_of_stay: 14 is given for outpatient class \"rehab\" (inpatient only)"]
    );
    v["care"]["classes"][1]
        .as_object_mut()
        .unwrap()
        .remove("length_of_stay");
    v["care"]["capacity"]["T"]["rehab"] = serde_json::json!({"beds": 3});
    assert_eq!(
        errors(&v),
        vec!["care.capacity.T.rehab.beds: 3 beds for outpatient class \"rehab\": give slots"]
    );
}

/// The rotation plan behind a sequential referral model is refused the same way by
/// `solve`, `program` and `write`: given for joint mode (which decides the days
/// itself), or breaking a rule of the scenario (here one host with negative days).
#[test]
fn a_rotation_plan_is_refused_alike_by_solve_program_and_write() {
    use yilian::{ReferralModel, RotationModel, SolveOptions};
    // The generated county (examples/county.json) carries a care section.
    let c = Consortium::new(yilian::generate::county(1)).unwrap();
    let o = SolveOptions::default();
    let plan = RotationModel::new(&c).solve(&o).unwrap();
    let mut broken = plan.clone();
    broken.assignments[0].days = -1.0;
    let path = std::env::temp_dir().join(format!("yilian-refused-{}.mps", std::process::id()));
    for (model, expect) in [
        (
            ReferralModel::new(&c).joint(true).rotation(&plan),
            "rotation: a rotation plan is given for joint mode",
        ),
        (
            ReferralModel::new(&c).rotation(&broken),
            "rotation: the rotation plan breaks",
        ),
    ] {
        let errors = [
            model.solve(&o).unwrap_err().to_string(),
            model.program().unwrap_err().to_string(),
            model.write(&path, &o).unwrap_err().to_string(),
        ];
        for e in errors {
            assert!(e.contains(expect), "{e}");
        }
        assert!(!path.exists(), "a refused model writes no file");
    }
}
