//! M2 on a small roster whose optimum is derived by hand, and the checker catching
//! tampered calendars.

mod common;

use common::{backends, close};
use yilian::check::check_roster;
use yilian::scenario::{HomeCover, Horizon, Roster, Specialist};
use yilian::{Backend, Consortium, Institution, RosterModel, Scenario, SpecialistPool, Tier};

/// Home H with cardiologists C1, C2 (pool H-card) and a paediatrician P1 (H-peds);
/// hosts A (10 min from H) and B (30 min), both township health centres.
/// Horizon: 7 days from Monday 2026-03-02, Monday to Friday: 5 planning days, one
/// week. `period_days` = 5, so period figures equal horizon figures.
///
/// | rule | value |
/// |---|---|
/// | demand | A cardiology 30, B cardiology 20, B pediatrics 40 (10 visits a day each) |
/// | rooms | A and B 5 room-days: 1 room a day, 5 in the horizon |
/// | pools | H-card 2 x 5 days, home minimum 5: 5 outreach days; H-peds 1 x 5, 5 outreach |
/// | home cover | at least 1 cardiologist at H every day |
/// | days off | C2 on Wednesday 2026-03-04 |
/// | weekly rule | township health centres at least 3 visiting days a week |
/// | fairness | visiting days within a pool differ by at most 1 |
/// | weights | target 20 a day (= 2 a visit), host 1 per distinct (specialist, host), lambda 0.001 |
/// | day cost | 2 x cost per minute x minutes: cardiology 1/min (A 20, B 60), peds 2/min (B 120) |
///
/// Cardiology: home cover lets one cardiologist away a day, and none on Wednesday
/// (C2 is off, C1 must stay): 4 days for 5 days of demand (A 3, B 2). Pediatrics
/// wants 4 days at B. B has 5 room-days for 2 + 4 = 6 wanted. Every delivered day is
/// worth 20 against at most 0.12 of cost + 1 of continuity, so the question is only
/// which day is lost: with the cardiologists capped at 4, any cardiology day given up
/// at A is lost (no other use), so cardiology sends A 3, B 1, and pediatrics B 4
/// (B's rooms: 1 + 4 = 5; Wednesday, when no cardiologist can leave, goes to P1).
/// Short: 10 cardiology visits at B = 20.
/// Weekly rules: A 3 days, B 5 days: met.
/// Continuity: the 4 cardiology days split 2 / 2 (fairness, C2 works 4 days); A 3 and
/// B 1 then need one cardiologist at A only and one at A and B: 3 (specialist, host)
/// pairs; P1 at B: 1. Total 4.
/// Cost: 3 x 20 + 1 x 60 + 4 x 120 = 600, x 0.001 = 0.6.
/// Objective: 20 + 4 + 0.6 = 24.6.
fn hand_case() -> Consortium {
    let mut s = Scenario::builder("roster-hand")
        .period_days(5.0)
        .institution(Institution::new("H", Tier::Secondary))
        .institution(
            Institution::new("A", Tier::TownshipHealthCentre)
                .demand("cardiology", 30.0)
                .room_days(5.0),
        )
        .institution(
            Institution::new("B", Tier::TownshipHealthCentre)
                .demand("cardiology", 20.0)
                .demand("pediatrics", 40.0)
                .room_days(5.0),
        )
        .link("H", "A", 10.0)
        .link("H", "B", 30.0)
        .pool(
            SpecialistPool::new("H-card", "H", "cardiology")
                .headcount(2)
                .days_per_person(5.0)
                .home_min_days(5.0)
                .visits_per_day(10.0)
                .cost_per_minute(1.0),
        )
        .pool(
            SpecialistPool::new("H-peds", "H", "pediatrics")
                .headcount(1)
                .days_per_person(5.0)
                .visits_per_day(10.0)
                .cost_per_minute(2.0),
        )
        .scenario();
    let mut r = Roster::new(Horizon::new("2026-03-02", 7));
    r.specialists = vec![
        Specialist::new("C1", "H-card"),
        Specialist::new("C2", "H-card").day_off("2026-03-04"),
        Specialist::new("P1", "H-peds"),
    ];
    r.home_cover = vec![HomeCover {
        home: "H".into(),
        specialty: "cardiology".into(),
        min_present: 1,
    }];
    r.min_days_per_week_by_tier
        .insert(Tier::TownshipHealthCentre, 3);
    r.max_spread_days = Some(1);
    s.roster = Some(r);
    Consortium::new(s).unwrap()
}

fn solved() -> (Consortium, yilian::RosterPlan) {
    let c = hand_case();
    let options = backends()
        .into_iter()
        .find(|o| o.backend == Backend::Highs)
        .unwrap_or_else(|| backends().remove(0))
        .time_limit(20.0)
        .mip_gap(0.0);
    let plan = RosterModel::new(&c).solve(&options).unwrap();
    (c, plan)
}

#[test]
fn hand_optimum_on_every_backend() {
    let c = hand_case();
    for options in backends() {
        if options.backend == Backend::Clarabel {
            continue; // LP only
        }
        let b = options.backend;
        let plan = RosterModel::new(&c)
            .solve(&options.time_limit(20.0).mip_gap(0.0))
            .unwrap();
        assert_eq!(plan.status, yilian::Status::Optimal, "{b}");
        close(plan.objective, 24.6, 1e-6);
        // Every MIP backend reports the bound its branch and bound proved: the optimum,
        // 24.6 (HiGHS's dual bound, CBC's best possible value, microlp's).
        close(plan.bound.expect("the backend's MIP bound"), 24.6, 1e-6);
        assert!(plan.gap.unwrap() <= 1e-6, "{b}");
        assert_eq!(plan.days("H-card", "A"), 3, "{b}");
        assert_eq!(plan.days("H-card", "B"), 1, "{b}");
        assert_eq!(plan.days("H-peds", "B"), 4, "{b}");
        // No cardiologist leaves on Wednesday: C2 is off and C1 covers home.
        assert!(plan
            .visits
            .iter()
            .all(|v| !(v.pool == "H-card" && v.date == "2026-03-04")));
        let mut split: Vec<u32> = plan
            .specialists
            .iter()
            .filter(|l| l.pool == "H-card")
            .map(|l| l.visiting_days)
            .collect();
        split.sort();
        assert_eq!(split, vec![2, 2], "{b}");
        let short: Vec<_> = plan.targets.iter().filter(|t| t.short > 0.0).collect();
        assert_eq!(short.len(), 1, "{b}");
        assert_eq!(
            (short[0].host.as_str(), short[0].specialty.as_str()),
            ("B", "cardiology")
        );
        close(short[0].short, 10.0, 1e-9);
        assert!(short[0].reason.is_some());
        assert!(plan.frequency.iter().all(|l| l.shortfall == 0));
        close(plan.total_cost, 600.0, 1e-9);
        let v = check_roster(&c, &plan);
        assert!(v.is_empty(), "{b}: {v:?}");
    }
}

#[test]
fn calendar_outputs() {
    let (_, plan) = solved();
    let csv = plan.calendar_csv();
    assert!(csv.starts_with("specialist,date,host\n"));
    assert_eq!(csv.lines().count(), 1 + 8);
    let view = plan.by_host();
    assert_eq!(view["A"].len(), 3);
    assert_eq!(view["B"].len(), 5);
    let json: serde_json::Value = serde_json::from_str(&plan.calendar_json()).unwrap();
    assert_eq!(json.as_array().unwrap().len(), 8);
    let back = yilian::RosterPlan::from_json_str(&plan.to_json_string()).unwrap();
    assert_eq!(back, plan);
    assert!(plan.host_view_csv().starts_with("host,date,specialist\n"));
}

#[test]
fn checker_rejects_a_doctor_in_two_places() {
    let (c, mut plan) = solved();
    let first = plan.visits[0].clone();
    let mut twin = first.clone();
    twin.host = if first.host == "A" {
        "B".into()
    } else {
        "A".into()
    };
    twin.travel_minutes = if twin.host == "A" { 10.0 } else { 30.0 };
    plan.visits.push(twin);
    let v = check_roster(&c, &plan);
    assert!(
        v.iter().any(|x| x.rule == "one_place"
            && x.subject == format!("{} on {}", first.specialist, first.date)),
        "{v:?}"
    );
}

#[test]
fn checker_rejects_a_home_left_below_its_minimum() {
    let (c, mut plan) = solved();
    // Send the cardiologist who stays home on a cardiology day out as well.
    let day = plan
        .visits
        .iter()
        .find(|v| v.pool == "H-card")
        .unwrap()
        .clone();
    let other = if day.specialist == "C1" { "C2" } else { "C1" };
    assert!(plan.host_of(other, &day.date).is_none());
    let mut extra = day.clone();
    extra.specialist = other.into();
    plan.visits.push(extra);
    let v = check_roster(&c, &plan);
    assert!(
        v.iter()
            .any(|x| x.rule == "home_cover" && x.subject == format!("H cardiology on {}", day.date)),
        "{v:?}"
    );
}

#[test]
fn checker_rejects_a_host_visited_less_than_its_rule() {
    let (c, mut plan) = solved();
    // A gets exactly its 3 days; take one away.
    let i = plan.visits.iter().position(|v| v.host == "A").unwrap();
    plan.visits.remove(i);
    let v = check_roster(&c, &plan);
    assert!(
        v.iter().any(|x| x.rule == "frequency"
            && x.subject == "A week of 2026-03-02"
            && x.message.contains("visited 2 days, its rule needs 3")),
        "{v:?}"
    );
}

#[test]
fn roster_validation_names_field_and_value() {
    let c = hand_case();
    let mut s = c.scenario().clone();
    let r = s.roster.as_mut().unwrap();
    r.horizon.start = "2026-02-30".into();
    r.specialists[1].pool = "H-nope".into();
    r.specialists.push(Specialist::new("C1", "H-card"));
    let err = Consortium::new(s).unwrap_err().to_string();
    assert!(
        err.contains("roster.horizon.start: \"2026-02-30\" is not a date"),
        "{err}"
    );
    assert!(
        err.contains("roster.specialists[1].pool: \"H-nope\" is not a pool id"),
        "{err}"
    );
    assert!(
        err.contains("roster.specialists[3].id: \"C1\" duplicates roster.specialists[0].id"),
        "{err}"
    );
}

#[test]
fn same_input_same_calendar() {
    let (_, a) = solved();
    let (_, b) = solved();
    assert_eq!(a.visits, b.visits);
    assert_eq!(a.objective, b.objective);
}

#[test]
fn roster_options_are_checked() {
    let c = hand_case();
    let options = backends().remove(0).time_limit(10.0);
    // No roster section and no settings.
    let mut s = c.scenario().clone();
    s.roster = None;
    let bare = Consortium::new(s).unwrap();
    let err = RosterModel::new(&bare)
        .solve(&options)
        .unwrap_err()
        .to_string();
    assert!(
        err.starts_with("roster: scenario \"roster-hand\" has no roster section"),
        "{err}"
    );
    // Settings passed in code are validated like the scenario's.
    let mut r = c.scenario().roster.clone().unwrap();
    r.home_cover[0].specialty = "surgery".into();
    let err = RosterModel::new(&c)
        .roster(r)
        .solve(&options)
        .unwrap_err()
        .to_string();
    assert!(
        err.contains("roster.home_cover[0].specialty: \"surgery\": no pool of this specialty has its home at \"H\""),
        "{err}"
    );
    // A horizon of a weekend only has no planning day.
    let mut r = c.scenario().roster.clone().unwrap();
    r.horizon = Horizon::new("2026-03-07", 2);
    let err = RosterModel::new(&c)
        .roster(r)
        .solve(&options)
        .unwrap_err()
        .to_string();
    // (A validation error now, so that `validate` refuses it too.)
    assert!(
        err.contains("roster.horizon: 2 days from 2026-03-07 hold no working weekday"),
        "{err}"
    );
}

#[test]
fn tampered_numbers_are_caught() {
    let (c, mut plan) = solved();
    plan.targets[0].delivered += 5.0;
    plan.objective -= 1.0;
    let v = check_roster(&c, &plan);
    assert!(v.iter().any(|x| x.rule == "target"), "{v:?}");
    assert!(v.iter().any(|x| x.rule == "objective"), "{v:?}");
    let (c, mut plan) = solved();
    let gone = plan.targets.pop().unwrap();
    assert!(check_roster(&c, &plan).iter().any(|x| x.rule == "target"
        && x.subject == format!("- {} at {}", gone.specialty, gone.host)
        && x.message.contains("is missing from the plan")));
}
