//! Every bad-input rule of the scenario format, with the message it must give.

use yilian::{Consortium, Error, Institution, Scenario, SpecialistPool, Tier};

/// A small valid scenario as JSON, to be broken one field at a time.
fn base() -> serde_json::Value {
    serde_json::json!({
        "format": "yilian/1",
        "name": "base",
        "institutions": [
            {"id": "H", "tier": "secondary", "location": {"lon": 120.0, "lat": 30.0}},
            {"id": "T1", "tier": "township_health_centre", "location": {"lon": 120.1, "lat": 30.0},
             "population": 12000, "demand": {"cardiology": 40}, "room_days": 10},
            {"id": "T2", "tier": "township_health_centre", "location": {"lon": 120.2, "lat": 30.1},
             "population": 9000, "demand": {"cardiology": 20}, "room_days": 8}
        ],
        "pools": [
            {"id": "H-cardiology", "home": "H", "specialty": "cardiology", "headcount": 4,
             "days_per_person": 20, "home_min_days": 70, "max_travel_minutes": 60,
             "visits_per_day": 12, "cost_per_day": 800, "cost_per_minute": 2}
        ],
        "policy": {"min_days_by_tier": {"township_health_centre": 4}}
    })
}

fn load(v: &serde_json::Value) -> Result<Consortium, Error> {
    Consortium::new(Scenario::from_json_str(&v.to_string())?)
}

/// The messages of all errors of `v`.
fn errors(v: &serde_json::Value) -> Vec<String> {
    match load(v) {
        Err(Error::Invalid(issues)) => issues.iter().map(|i| i.to_string()).collect(),
        Err(other) => vec![other.to_string()],
        Ok(_) => vec![],
    }
}

fn warnings(v: &serde_json::Value) -> Vec<String> {
    load(v)
        .expect("valid")
        .warnings()
        .iter()
        .map(|w| w.to_string())
        .collect()
}

#[test]
fn the_base_scenario_is_valid_without_warnings() {
    assert_eq!(warnings(&base()), Vec::<String>::new());
}

#[test]
fn duplicate_institution_id() {
    let mut v = base();
    v["institutions"][2]["id"] = "T1".into();
    assert_eq!(
        errors(&v),
        ["institutions[2].id: \"T1\" duplicates institutions[1].id"]
    );
}

#[test]
fn duplicate_pool_id() {
    let mut v = base();
    let pool = v["pools"][0].clone();
    v["pools"].as_array_mut().unwrap().push(pool);
    assert_eq!(
        errors(&v),
        ["pools[1].id: \"H-cardiology\" duplicates pools[0].id"]
    );
}

#[test]
fn pool_home_that_is_not_an_institution() {
    let mut v = base();
    v["pools"][0]["home"] = "CH9".into();
    assert_eq!(
        errors(&v),
        ["pools[0].home: \"CH9\" is not an institution id"]
    );
}

#[test]
fn link_to_an_unknown_institution_and_to_itself() {
    let mut v = base();
    v["links"] = serde_json::json!([
        {"from": "H", "to": "T9", "minutes": 10},
        {"from": "T1", "to": "T1", "minutes": 5},
        {"from": "H", "to": "T2", "minutes": -4}
    ]);
    assert_eq!(
        errors(&v),
        [
            "links[0].to: \"T9\" is not an institution id",
            "links[1].to: \"T1\" links an institution to itself",
            "links[2].minutes: -4 is negative",
        ]
    );
}

#[test]
fn negative_demand_names_the_specialty() {
    let mut v = base();
    v["institutions"][1]["demand"]["cardiology"] = (-3).into();
    assert_eq!(
        errors(&v),
        ["institutions[1].demand.cardiology: -3 is negative"]
    );
}

#[test]
fn non_finite_numbers_from_the_builder() {
    // JSON cannot carry NaN or infinity; the builder can.
    let err = Scenario::builder("nan")
        .institution(Institution::new("H", Tier::Secondary).at(120.0, 30.0))
        .institution(
            Institution::new("T", Tier::TownshipHealthCentre)
                .at(120.1, 30.0)
                .population(f64::NAN)
                .room_days(f64::INFINITY),
        )
        .pool(SpecialistPool::new("P", "H", "cardiology").visits_per_day(f64::NAN))
        .build()
        .unwrap_err();
    assert_eq!(
        err.to_string(),
        "the scenario has 3 errors:\n  institutions[1].population: NaN is not a finite number\n  \
         institutions[1].room_days: inf is not a finite number\n  \
         pools[0].visits_per_day: NaN is not a finite number"
    );
}

#[test]
fn coordinates_out_of_range() {
    let mut v = base();
    v["institutions"][0]["location"] = serde_json::json!({"lon": 200.0, "lat": -95.5});
    assert_eq!(
        errors(&v),
        [
            "institutions[0].location.lon: 200 is out of range (-180 to 180)",
            "institutions[0].location.lat: -95.5 is out of range (-90 to 90)",
        ]
    );
}

#[test]
fn missing_location_when_travel_comes_from_coordinates() {
    let mut v = base();
    v["institutions"][2]
        .as_object_mut()
        .unwrap()
        .remove("location");
    assert_eq!(
        errors(&v),
        ["institutions[2].location: missing for \"T2\": travel comes from coordinates (the scenario has no links)"]
    );
}

#[test]
fn home_minimum_above_the_pool_total() {
    let mut v = base();
    v["pools"][0]["home_min_days"] = 90.into();
    assert_eq!(
        errors(&v),
        ["pools[0].home_min_days: 90 exceeds headcount x days_per_person = 4 x 20 = 80"]
    );
}

#[test]
fn days_per_person_beyond_the_period() {
    let mut v = base();
    v["pools"][0]["days_per_person"] = 31.into();
    assert_eq!(
        errors(&v),
        ["pools[0].days_per_person: 31 exceeds period_days 20"]
    );
}

#[test]
fn unsupported_format_and_empty_institutions() {
    let v = serde_json::json!({"format": "yilian/9", "name": "x", "institutions": []});
    assert_eq!(
        errors(&v),
        [
            "format: \"yilian/9\" is not supported (expected \"yilian/1\")",
            "institutions: is empty: a scenario needs at least one institution",
        ]
    );
}

#[test]
fn negative_policy_numbers() {
    let mut v = base();
    v["policy"]["budget"] = (-100).into();
    v["policy"]["min_days_by_tier"]["village_clinic"] = (-1).into();
    v["policy"]["cost_weight"] = (-0.5).into();
    assert_eq!(
        errors(&v),
        [
            "policy.min_days_by_tier.village_clinic: -1 is negative",
            "policy.budget: -100 is negative",
            "policy.cost_weight: -0.5 is negative",
        ]
    );
}

#[test]
fn all_errors_are_collected_not_just_the_first() {
    let mut v = base();
    v["institutions"][1]["population"] = (-1).into();
    v["institutions"][2]["room_days"] = (-2).into();
    v["pools"][0]["home"] = "nowhere".into();
    v["pools"][0]["visits_per_day"] = 0.into();
    let e = errors(&v);
    assert_eq!(e.len(), 4, "{e:?}");
    let text = load(&v).unwrap_err().to_string();
    assert!(text.starts_with("the scenario has 4 errors:"), "{text}");
    assert!(text.contains("pools[0].visits_per_day: 0 must be greater than 0"));
}

#[test]
fn wrong_type_names_the_field() {
    let mut v = base();
    v["institutions"][1]["population"] = "many".into();
    let e = errors(&v);
    assert!(
        e[0].starts_with("institutions[1].population: invalid type: string \"many\", expected f64"),
        "{e:?}"
    );
}

#[test]
fn negative_headcount_and_unknown_fields_are_parse_errors() {
    let mut v = base();
    v["pools"][0]["headcount"] = (-3).into();
    assert!(errors(&v)[0].starts_with("pools[0].headcount: invalid value: integer `-3`"));
    let mut v = base();
    v["institutions"][0]["populaton"] = 5.into();
    assert!(
        errors(&v)[0].starts_with("institutions[0].populaton: unknown field `populaton`"),
        "{:?}",
        errors(&v)
    );
    let mut v = base();
    v["institutions"][0]["tier"] = "hospital".into();
    assert!(
        errors(&v)[0].starts_with("institutions[0].tier: unknown variant `hospital`"),
        "{:?}",
        errors(&v)
    );
}

#[test]
fn syntax_error_gives_line_and_column() {
    let err = Scenario::from_json_str("{\"format\": \"yilian/1\",\n \"name\": }").unwrap_err();
    assert_eq!(err.to_string(), "name: expected value (line 2, column 10)");
}

#[test]
fn specialty_nobody_offers_is_a_warning() {
    let mut v = base();
    v["institutions"][1]["demand"]["psychiatry"] = 7.into();
    assert_eq!(
        warnings(&v),
        ["institutions[1].demand.psychiatry: no pool offers \"psychiatry\"; its demand at 1 institution will stay unmet"]
    );
}

#[test]
fn unreachable_hosts_are_warnings() {
    let mut v = base();
    // T2 moves 200 km away: beyond the pool's 60 minutes.
    v["institutions"][2]["location"] = serde_json::json!({"lon": 122.0, "lat": 30.0});
    assert_eq!(
        warnings(&v),
        ["institutions[2]: \"T2\" is unreachable: no pool can visit it within its travel limit"]
    );
    // With roads, a host without a road is unreachable too.
    let mut v = base();
    v["links"] = serde_json::json!([{"from": "H", "to": "T1", "minutes": 20}]);
    assert_eq!(
        warnings(&v),
        ["institutions[2]: \"T2\" is unreachable: no pool can visit it within its travel limit"]
    );
}

#[test]
fn demand_without_rooms_is_a_warning() {
    let mut v = base();
    v["institutions"][2]["room_days"] = 0.into();
    assert_eq!(
        warnings(&v),
        ["institutions[2].room_days: \"T2\" wants specialist visits but has 0 room-days to host them"]
    );
}

#[test]
fn bad_travel_settings() {
    let mut v = base();
    v["travel"] = serde_json::json!({"source": "links", "detour_factor": 0.5, "speed_kmh": 0});
    assert_eq!(
        errors(&v),
        [
            "travel.detour_factor: 0.5 must be a number of at least 1",
            "travel.speed_kmh: 0 must be greater than 0",
            "travel.source: \"links\" was chosen but the scenario has no links",
        ]
    );
}
