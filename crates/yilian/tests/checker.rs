//! The independent checkers accept every solved plan and catch tampered ones: one
//! tamper per rule, each asserting the violation only that rule's check reports (its
//! rule name, subject and message), so that removing the check fails the test.

mod common;

use yilian::check::{
    check_roster, check_roster_against, check_rotation, check_scanners, Violation,
};
use yilian::scenario::{Horizon, Roster};
use yilian::{
    generate, Consortium, RosterModel, RotationModel, ScannerModel, Scenario, SolveOptions,
};

/// Asserts that `v` holds a violation of `rule` whose subject contains `subject` and
/// whose message contains `message`.
#[track_caller]
fn caught(v: &[Violation], rule: &str, subject: &str, message: &str) {
    assert!(
        v.iter()
            .any(|x| x.rule == rule && x.subject.contains(subject) && x.message.contains(message)),
        "no {rule} [{subject}] \"{message}\" in {v:#?}"
    );
}

fn county() -> Consortium {
    Consortium::new(generate::county(1)).unwrap()
}

/// The county scenario changed by `f`, as a new consortium (same name).
fn changed(c: &Consortium, f: impl FnOnce(&mut Scenario)) -> Consortium {
    let mut s = c.scenario().clone();
    f(&mut s);
    Consortium::new(s).unwrap()
}

// ---------------------------------------------------------------- rotation (M1)

fn rotation() -> (Consortium, yilian::RotationPlan) {
    let c = county();
    let plan = RotationModel::new(&c)
        .solve(&SolveOptions::default())
        .unwrap();
    assert_eq!(check_rotation(&c, &plan), vec![]);
    (c, plan)
}

#[test]
fn rotation_pool_days() {
    let (c, mut plan) = rotation();
    // A pool that sends all its outreach days gets one more day at one of its hosts.
    let full = plan
        .pools
        .iter()
        .find(|p| p.available_days > 0.0 && (p.sent_days - p.available_days).abs() < 1e-6)
        .expect("the county example has a fully used pool")
        .pool
        .clone();
    let a = plan
        .assignments
        .iter_mut()
        .find(|a| a.pool == full)
        .unwrap();
    let per_day = a.cost / a.days;
    a.days += 1.0;
    a.cost += per_day;
    caught(
        &check_rotation(&c, &plan),
        "pool_days",
        &full,
        "outreach days",
    );
}

#[test]
fn rotation_host_rooms() {
    let (c, mut plan) = rotation();
    let host = plan.assignments[0].host.clone();
    let rooms = c.scenario().institutions[c.index_of(&host).unwrap()].room_days;
    plan.assignments[0].days += rooms;
    caught(&check_rotation(&c, &plan), "rooms", &host, "room-days");
}

#[test]
fn rotation_assignments_are_feasible_pairs() {
    let (c, plan) = rotation();
    let pool = plan.assignments[0].pool.clone();
    let p = c
        .scenario()
        .pools
        .iter()
        .position(|x| x.id == pool)
        .unwrap();

    // Beyond the pool's travel limit: the same plan with the limit 1 minute below the
    // assignment's travel.
    let minutes = plan.assignments[0].travel_minutes;
    assert!(minutes > 1.0);
    let c2 = changed(&c, |s| s.pools[p].max_travel_minutes = minutes - 1.0);
    caught(
        &check_rotation(&c2, &plan),
        "travel",
        &pool,
        "beyond the pool's travel limit",
    );

    // Its own home.
    let mut t = plan.clone();
    t.assignments[0].host = c.scenario().pools[p].home.clone();
    caught(&check_rotation(&c, &t), "home", &pool, "own home");

    // Another consortium.
    let host = plan.assignments[0].host.clone();
    let home = c.scenario().pools[p].home.clone();
    let c2 = changed(&c, |s| {
        for i in &mut s.institutions {
            if i.id == home {
                i.consortium = Some("north".into());
            } else if i.id == host {
                i.consortium = Some("south".into());
            }
        }
    });
    caught(
        &check_rotation(&c2, &plan),
        "consortium",
        &pool,
        "home is in consortium north",
    );

    // Unknown pool, negative days, fractional days of an integer plan, wrong specialty.
    let mut t = plan.clone();
    t.assignments[0].pool = "nobody".into();
    caught(
        &check_rotation(&c, &t),
        "unknown_id",
        "nobody",
        "not in the scenario",
    );
    let mut t = plan.clone();
    t.assignments[0].days = -1.0;
    caught(
        &check_rotation(&c, &t),
        "days",
        &pool,
        "not a non-negative number",
    );
    let mut t = plan.clone();
    t.integer_days = true;
    t.assignments[0].days = 1.5;
    caught(
        &check_rotation(&c, &t),
        "integer_days",
        &pool,
        "not a whole number",
    );
    let mut t = plan.clone();
    t.assignments[0].specialty = "astrology".into();
    caught(
        &check_rotation(&c, &t),
        "specialty",
        &pool,
        "assignment says astrology",
    );

    // Reported travel and cost.
    let mut t = plan.clone();
    t.assignments[0].travel_minutes += 5.0;
    caught(&check_rotation(&c, &t), "travel", &pool, "recomputed");
    let mut t = plan;
    t.assignments[0].cost += 5.0;
    caught(&check_rotation(&c, &t), "cost", &pool, "reports cost");
}

#[test]
fn rotation_demand_and_service_lines() {
    let (c, plan) = rotation();
    let mut t = plan.clone();
    let line = t.service.iter_mut().find(|l| l.served > 0.0).unwrap();
    line.served += 5.0;
    let subject = format!("{} {}", line.host, line.specialty);
    caught(
        &check_rotation(&c, &t),
        "service",
        &subject,
        "reports demand",
    );

    let mut t = plan.clone();
    t.service[0].reachable = !t.service[0].reachable;
    caught(
        &check_rotation(&c, &t),
        "report",
        &t.service[0].host,
        "reports reachable",
    );

    let mut t = plan;
    let gone = t.service.remove(0);
    let v = check_rotation(&c, &t);
    caught(&v, "report", &gone.host, "no service line");
    caught(&v, "report", "plan.service", "service lines");
}

#[test]
fn rotation_policy_minimum() {
    let (c, plan) = rotation();
    let mut t = plan.clone();
    t.policy[0].required_days -= 1.0;
    caught(
        &check_rotation(&c, &t),
        "policy",
        &t.policy[0].host,
        "recomputed",
    );
    let mut t = plan.clone();
    t.policy[0].shortfall += 1.0;
    caught(
        &check_rotation(&c, &t),
        "policy",
        &t.policy[0].host,
        "short of",
    );
    let mut t = plan;
    let gone = t.policy.remove(0);
    caught(
        &check_rotation(&c, &t),
        "report",
        &gone.host,
        "policy minimum has no line",
    );
}

#[test]
fn rotation_budget_and_its_line() {
    let (c, plan) = rotation();
    assert!(plan.total_cost > 0.0);
    // The same plan against half its cost as budget.
    let half = plan.total_cost / 2.0;
    let c2 = changed(&c, |s| s.policy.budget = Some(half));
    let v = check_rotation(&c2, &plan);
    caught(&v, "budget", "plan", "more than the budget");
    // The plan has no budget line for the budget.
    caught(&v, "report", "budget", "has no line in the plan");
    // A budget line the scenario does not have.
    let mut t = plan;
    t.budget = Some(yilian::plan::BudgetUse {
        limit: 1e9,
        used: t.total_cost,
        marginal_value: None,
    });
    caught(
        &check_rotation(&c, &t),
        "report",
        "budget",
        "the scenario has none",
    );
}

#[test]
fn rotation_pool_room_share_and_total_figures() {
    let (c, plan) = rotation();
    let mut t = plan.clone();
    t.pools[0].available_days += 3.0;
    caught(
        &check_rotation(&c, &t),
        "report",
        &t.pools[0].pool,
        "days sent of",
    );

    let mut t = plan.clone();
    t.rooms[0].used += 1.0;
    caught(
        &check_rotation(&c, &t),
        "report",
        &t.rooms[0].host,
        "room line reports",
    );
    let mut t = plan.clone();
    let gone = t.rooms.remove(0);
    caught(
        &check_rotation(&c, &t),
        "report",
        &gone.host,
        "has no room line",
    );

    let mut t = plan.clone();
    let share = t.min_served_share.expect("the county has reachable demand");
    t.min_served_share = Some(share + 0.1);
    caught(
        &check_rotation(&c, &t),
        "report",
        "min_served_share",
        "recomputed",
    );

    for (name, bump) in [
        ("total_cost", 0usize),
        ("total_days", 1),
        ("weighted_unmet", 2),
        ("objective", 3),
    ] {
        let mut t = plan.clone();
        match bump {
            0 => t.total_cost += 1.0,
            1 => t.total_days += 1.0,
            2 => t.weighted_unmet += 1.0,
            _ => t.objective -= 1.0,
        }
        caught(&check_rotation(&c, &t), "report", name, "reports");
    }
}

// ---------------------------------------------------------------- scanners (M3)

/// Three institutions on a line (H at 120.0, T1 at 120.1, T2 at 120.2 degrees east),
/// one CT at H (76 x 20 = 1,520 exams), a candidate at T2 (50,000, at most 1 unit,
/// budget 60,000) and 1,500 + 300 + 500 = 2,300 exams: a unit is added at T2.
fn imaging_scenario(relocation: bool) -> Consortium {
    let text = format!(
        r#"{{"format": "yilian/1", "name": "imaging", "period_days": 20,
        "institutions": [
          {{"id": "H", "tier": "secondary", "location": {{"lon": 120.0, "lat": 30.0}}, "exams": {{"CT": 1500}}}},
          {{"id": "T1", "tier": "township_health_centre", "location": {{"lon": 120.1, "lat": 30.0}}, "exams": {{"CT": 300}}}},
          {{"id": "T2", "tier": "township_health_centre", "location": {{"lon": 120.2, "lat": 30.1}}, "exams": {{"CT": 500}}}}
        ],
        "imaging": {{
          "modalities": {{"CT": {{"exams_per_day": 76, "working_days": 20, "max_travel_minutes": 45}}}},
          "scanners": [{{"id": "H-CT-1", "site": "H", "modality": "CT"}}],
          "candidates": [{{"site": "T2", "modality": "CT", "fixed_cost": 50000, "max_units": 1}}],
          "budget": 60000, "allow_relocation": {relocation}, "relocation_cost": 1000
        }}}}"#
    );
    Consortium::new(Scenario::from_json_str(&text).unwrap()).unwrap()
}

fn scanners(relocation: bool) -> (Consortium, yilian::ScannerPlan) {
    let c = imaging_scenario(relocation);
    let plan = ScannerModel::new(&c)
        .solve(&SolveOptions::default())
        .unwrap();
    assert_eq!(check_scanners(&c, &plan), vec![]);
    (c, plan)
}

fn unit<'a>(plan: &'a mut yilian::ScannerPlan, site: &str) -> &'a mut yilian::plan::UnitLine {
    plan.units.iter_mut().find(|u| u.site == site).unwrap()
}

#[test]
fn scanners_hand_checked_plan() {
    // H's unit does 1,520 exams; the rest, 2,300 - 1,520 = 780, go to the new unit at
    // T2 (within 45 minutes of everyone): nothing unmet.
    let (_, plan) = scanners(false);
    assert_eq!(plan.added("T2", "CT"), 1);
    assert!(plan.unmet("H", "CT") + plan.unmet("T1", "CT") + plan.unmet("T2", "CT") < 1e-6);
    assert_eq!(plan.total_cost, 50_000.0);
}

#[test]
fn scanners_units_in_place_and_new_units() {
    let (c, plan) = scanners(false);
    let mut t = plan.clone();
    unit(&mut t, "H").existing = 2;
    caught(
        &check_scanners(&c, &t),
        "units",
        "H CT",
        "units in place, the scenario has 1",
    );
    let mut t = plan.clone();
    unit(&mut t, "H").kept = 0;
    caught(
        &check_scanners(&c, &t),
        "units",
        "H CT",
        "relocation is not allowed",
    );
    let mut t = plan.clone();
    t.units.retain(|u| u.site != "H");
    caught(
        &check_scanners(&c, &t),
        "report",
        "H CT",
        "missing from the plan",
    );
    let mut t = plan.clone();
    unit(&mut t, "H").added = 1;
    caught(&check_scanners(&c, &t), "units", "H CT", "not a candidate");
    let mut t = plan;
    unit(&mut t, "T2").added = 2;
    caught(
        &check_scanners(&c, &t),
        "units",
        "T2 CT",
        "more than the candidate's 1",
    );
}

#[test]
fn scanners_max_units_holds_under_relocation() {
    // With relocation the candidate's max_units was waived: 2 new units at T2, whose
    // candidate takes 1, passed as long as H's unit moved there.
    let (c, plan) = scanners(true);
    let mut t = plan;
    unit(&mut t, "T2").added = 2;
    caught(
        &check_scanners(&c, &t),
        "units",
        "T2 CT",
        "more than the candidate's 1",
    );
}

#[test]
fn scanners_relocation_keeps_units_per_modality_and_site_room() {
    let (c, plan) = scanners(true);
    // A unit appears from nowhere at T2.
    let mut t = plan.clone();
    let u = unit(&mut t, "T2");
    u.kept += 1;
    caught(
        &check_scanners(&c, &t),
        "relocation",
        "CT",
        "units in place after relocation",
    );
    // T2 holds more than its units in place and its room.
    let mut t = plan;
    let u = unit(&mut t, "T2");
    u.kept = 2;
    u.added = 1;
    caught(
        &check_scanners(&c, &t),
        "units",
        "T2 CT",
        "more than its 0 in place and room for 1",
    );
}

#[test]
fn scanners_flows() {
    let (c, plan) = scanners(false);
    let mut t = plan.clone();
    t.flows[0].institution = "X".into();
    caught(
        &check_scanners(&c, &t),
        "unknown_id",
        "X ->",
        "not in the scenario",
    );
    let mut t = plan.clone();
    t.flows[0].exams = -1.0;
    caught(
        &check_scanners(&c, &t),
        "flow",
        "->",
        "not a non-negative number",
    );
    let mut t = plan.clone();
    t.flows[0].minutes += 3.0;
    caught(&check_scanners(&c, &t), "travel", "->", "recomputed");
    // Beyond the travel limit: the same flows under a 1-minute limit.
    let c2 = changed(&c, |s| {
        s.imaging
            .as_mut()
            .unwrap()
            .modalities
            .get_mut("CT")
            .unwrap()
            .max_travel_minutes = 1.0
    });
    let cross = plan.flows.iter().find(|f| f.institution != f.site).unwrap();
    let subject = format!("{} -> {}", cross.institution, cross.site);
    caught(
        &check_scanners(&c2, &plan),
        "travel",
        &subject,
        "beyond the CT travel limit",
    );
    // Patients only within their consortium: a flow across two consortia.
    let (i, j) = (cross.institution.clone(), cross.site.clone());
    let c3 = changed(&c, |s| {
        s.imaging.as_mut().unwrap().within_consortium = true;
        for inst in &mut s.institutions {
            if inst.id == i {
                inst.consortium = Some("east".into());
            } else if inst.id == j {
                inst.consortium = Some("west".into());
            }
        }
    });
    caught(
        &check_scanners(&c3, &plan),
        "consortium",
        &subject,
        "consortium east",
    );
}

#[test]
fn scanners_capacity_demand_and_coverage() {
    let (c, plan) = scanners(false);
    // H's unit reports more capacity than 76 x 20.
    let mut t = plan.clone();
    unit(&mut t, "H").capacity = 2000.0;
    caught(
        &check_scanners(&c, &t),
        "units",
        "H CT",
        "reports capacity 2000, recomputed 1520",
    );
    // More exams at H than its capacity (H's own demand moved from T2 to H).
    let mut t = plan.clone();
    // H's unit is nearly full (its 1,520 exams serve H's 1,500 and more): the exams one
    // flow sends to T2's new unit, moved to H, exceed H's capacity.
    let f = t
        .flows
        .iter_mut()
        .find(|f| f.site == "T2" && f.exams > 20.0)
        .expect("T2's new unit does more than 20 exams");
    f.site = "H".into();
    caught(
        &check_scanners(&c, &t),
        "capacity",
        "H CT",
        "more than its capacity of 1520",
    );
    // A demand line misreported, and one missing.
    let mut t = plan.clone();
    t.demand[0].served -= 10.0;
    caught(
        &check_scanners(&c, &t),
        "demand",
        &t.demand[0].institution,
        "recomputed",
    );
    let mut t = plan.clone();
    let gone = t.demand.remove(0);
    caught(
        &check_scanners(&c, &t),
        "report",
        &gone.institution,
        "no line in the plan",
    );
    // More exams served than ordered.
    let mut t = plan.clone();
    let f = t.flows.iter_mut().find(|f| f.institution == "T1").unwrap();
    f.exams += 1000.0;
    caught(
        &check_scanners(&c, &t),
        "demand",
        "T1 CT",
        "for a demand of 300",
    );
    // Full coverage required while exams go unserved: drop T1's flows.
    let c2 = changed(&c, |s| {
        s.imaging.as_mut().unwrap().require_full_coverage = true
    });
    let mut t = plan;
    t.flows.retain(|f| f.institution != "T1");
    caught(
        &check_scanners(&c2, &t),
        "coverage",
        "T1 CT",
        "full coverage is required",
    );
}

#[test]
fn scanners_budget_and_count() {
    let (c, plan) = scanners(false);
    let c2 = changed(&c, |s| s.imaging.as_mut().unwrap().budget = Some(40_000.0));
    caught(
        &check_scanners(&c2, &plan),
        "budget",
        "plan",
        "more than the budget of 40000",
    );
    let c3 = changed(&c, |s| s.imaging.as_mut().unwrap().max_new_units = Some(0));
    caught(
        &check_scanners(&c3, &plan),
        "max_new_units",
        "plan",
        "more than the limit of 0",
    );
}

#[test]
fn scanners_reported_figures() {
    let (c, plan) = scanners(false);
    for (field, message) in [
        ("exams", "reports exams"),
        ("utilisation", "reports utilisation"),
        ("added_cost", "reports added_cost"),
    ] {
        let mut t = plan.clone();
        let u = unit(&mut t, "T2");
        match field {
            "exams" => u.exams += 10.0,
            "utilisation" => u.utilisation += 0.1,
            _ => u.added_cost += 10.0,
        }
        caught(&check_scanners(&c, &t), "report", "T2 CT", message);
    }
    let mut t = plan.clone();
    t.modalities[0].units += 1;
    caught(
        &check_scanners(&c, &t),
        "report",
        "CT",
        "units 3, recomputed 2",
    );
    let mut t = plan.clone();
    t.modalities[0].served -= 1.0;
    caught(&check_scanners(&c, &t), "report", "CT", "served");
    let mut t = plan.clone();
    t.modalities[0].mean_travel_minutes += 1.0;
    caught(
        &check_scanners(&c, &t),
        "report",
        "CT",
        "mean_travel_minutes",
    );
    let mut t = plan.clone();
    t.modalities[0].p90_travel_minutes += 7.0;
    caught(
        &check_scanners(&c, &t),
        "report",
        "CT",
        "is not the 90th percentile",
    );
    let mut t = plan.clone();
    t.units_moved = 1;
    caught(
        &check_scanners(&c, &t),
        "report",
        "units_moved",
        "reports 1, recomputed 0",
    );
    let mut t = plan.clone();
    t.total_cost += 1.0;
    caught(
        &check_scanners(&c, &t),
        "report",
        "total_cost",
        "recomputed 50000",
    );
    let mut t = plan;
    t.objective += 1.0;
    caught(&check_scanners(&c, &t), "report", "objective", "recomputed");
}

// ---------------------------------------------------------------- roster (M2)

#[test]
fn roster_targets_come_from_the_rotation_plan_not_from_the_roster() {
    let c = county();
    let options = SolveOptions::default().time_limit(60.0);
    let rotation = RotationModel::new(&c)
        .integer_days(true)
        .solve(&options)
        .unwrap();
    let roster = Roster::from_pools(c.scenario(), Horizon::new("2026-03-02", 7));
    let plan = RosterModel::new(&c)
        .roster(roster.clone())
        .targets_from(&rotation)
        .solve(&options)
        .unwrap();
    assert_eq!(
        check_roster_against(&c, &roster, &plan, Some(&rotation)),
        vec![]
    );
    // Without the rotation plan its targets cannot be checked: refused, not trusted.
    caught(
        &check_roster(&c, &plan),
        "targets",
        "plan.targets_from",
        "check it against that plan",
    );

    // A roster that lowers a target it falls short of, to look complete.
    let mut t = plan.clone();
    let line = t
        .targets
        .iter_mut()
        .max_by(|a, b| a.target.total_cmp(&b.target))
        .unwrap();
    line.target = line.delivered;
    line.short = 0.0;
    line.reason = None;
    let subject = format!(
        "{} {} at {}",
        line.pool.as_deref().unwrap(),
        line.specialty,
        line.host
    );
    caught(
        &check_roster_against(&c, &roster, &t, Some(&rotation)),
        "target",
        &subject,
        "from its source",
    );
    // A target dropped from the plan.
    let mut t = plan.clone();
    t.targets.remove(0);
    caught(
        &check_roster_against(&c, &roster, &t, Some(&rotation)),
        "target",
        "",
        "is missing from the plan",
    );
    // Another rotation plan (one assignment more) gives other targets.
    let mut other = rotation.clone();
    other.assignments[0].days += 5.0;
    let v = check_roster_against(&c, &roster, &plan, Some(&other));
    caught(&v, "targets", "rotation plan", "breaks");
    caught(&v, "target", &other.assignments[0].pool, "from its source");
}

#[test]
fn roster_demand_targets_pool_and_specialist_lines() {
    let c = county();
    let roster = Roster::from_pools(c.scenario(), Horizon::new("2026-03-02", 7));
    let plan = RosterModel::new(&c)
        .roster(roster.clone())
        .solve(&SolveOptions::default().time_limit(60.0))
        .unwrap();
    assert_eq!(check_roster(&c, &plan), vec![]);

    let mut t = plan.clone();
    t.targets[0].target *= 0.5;
    caught(
        &check_roster(&c, &t),
        "target",
        &t.targets[0].host,
        "from its source",
    );

    let mut t = plan.clone();
    let line = t.pools.iter_mut().find(|l| l.sent > 0).unwrap();
    line.max_visiting_days += 1;
    let pool = line.pool.clone();
    caught(
        &check_roster(&c, &t),
        "pool",
        &pool,
        "plan line does not say",
    );
    let mut t = plan.clone();
    t.pools[0].limit += 1.0;
    caught(
        &check_roster(&c, &t),
        "pool",
        &t.pools[0].pool,
        "plan line does not say",
    );

    let mut t = plan.clone();
    t.specialists[0].working_days += 1;
    caught(
        &check_roster(&c, &t),
        "specialist",
        &t.specialists[0].specialist,
        "working days",
    );

    let mut t = plan.clone();
    t.total_cost += 1.0;
    caught(&check_roster(&c, &t), "total_cost", "plan", "recomputed");
    let mut t = plan;
    t.objective += 1.0;
    caught(&check_roster(&c, &t), "objective", "plan", "recomputed");
}

#[test]
fn rotation_shadow_prices_and_tiers() {
    let (c, plan) = rotation();
    // A pool with days left over gains nothing from one more day.
    let mut t = plan.clone();
    let line = t
        .pools
        .iter_mut()
        .find(|l| l.sent_days < l.available_days - 1.0)
        .expect("a pool with days left");
    line.marginal_value = Some(5.0);
    let pool = line.pool.clone();
    caught(
        &check_rotation(&c, &t),
        "shadow_price",
        &pool,
        "needs a tight row",
    );
    let mut t = plan.clone();
    t.rooms[0].marginal_value = Some(-1.0);
    caught(
        &check_rotation(&c, &t),
        "shadow_price",
        &t.rooms[0].host,
        "not a finite number >= 0",
    );
    let mut t = plan.clone();
    t.service[0].tier = "tertiary".into();
    caught(
        &check_rotation(&c, &t),
        "report",
        &t.service[0].host,
        "reports tier tertiary",
    );
    let mut t = plan;
    t.policy[0].tier = "tertiary".into();
    caught(
        &check_rotation(&c, &t),
        "report",
        &t.policy[0].host,
        "reports tier tertiary",
    );
}

#[test]
fn scanners_shadow_prices_and_tiers() {
    let (c, plan) = scanners(false);
    // T2's new unit (1,520 exams) does the 780 exams H's unit cannot: not full.
    let mut t = plan.clone();
    let u = unit(&mut t, "T2");
    assert!(u.exams < u.capacity - 1.0);
    u.value_of_scanner_day = Some(3.0);
    caught(
        &check_scanners(&c, &t),
        "shadow_price",
        "T2 CT",
        "needs a tight row",
    );
    let mut t = plan;
    t.demand[0].tier = "tertiary".into();
    caught(
        &check_scanners(&c, &t),
        "report",
        &t.demand[0].institution,
        "reports tier tertiary",
    );
}

#[test]
fn roster_rooms_outreach_fairness_and_continuity() {
    let c = county();
    let roster = Roster::from_pools(c.scenario(), Horizon::new("2026-03-02", 7));
    let plan = RosterModel::new(&c)
        .roster(roster.clone())
        .solve(&SolveOptions::default().time_limit(60.0))
        .unwrap();
    assert_eq!(check_roster(&c, &plan), vec![]);

    // Rooms: the same calendar under settings giving a visited host no room.
    let visited = plan.visits[0].host.clone();
    let mut r = roster.clone();
    r.rooms_per_day.insert(visited.clone(), 0);
    let subject = format!("{visited} on {}", plan.visits[0].date);
    caught(
        &yilian::check::check_roster_with(&c, &r, &plan),
        "rooms",
        &subject,
        "for 0 room(s)",
    );

    // Pool outreach: the pool of a visit with its home minimum raised to every day.
    let pool = plan.visits[0].pool.clone();
    let c2 = changed(&c, |s| {
        let p = s.pools.iter_mut().find(|p| p.id == pool).unwrap();
        p.home_min_days = f64::from(p.headcount) * p.days_per_person;
    });
    caught(
        &check_roster_against(&c2, &roster, &plan, None),
        "pool_days",
        &pool,
        "0.00 outreach days in the horizon",
    );

    // Fairness: no spread allowed, while some pool's specialists visit unequally.
    let mut r = roster.clone();
    r.max_spread_days = Some(0);
    let uneven = plan
        .pools
        .iter()
        .find(|l| l.max_visiting_days > l.min_visiting_days)
        .expect("a pool whose specialists visit unequally")
        .pool
        .clone();
    caught(
        &yilian::check::check_roster_with(&c, &r, &plan),
        "fairness",
        &uneven,
        "more than 0 apart",
    );

    // Continuity: one host per specialist, and a second visit of a visiting specialist,
    // on another day at another institution (other rules break too; this one must be
    // among them).
    let mut r = roster;
    r.max_hosts_per_specialist = Some(1);
    let mut t = plan.clone();
    let mut extra = t.visits[0].clone();
    extra.date = t.dates.iter().find(|d| **d != extra.date).unwrap().clone();
    extra.host = c
        .scenario()
        .institutions
        .iter()
        .find(|i| i.id != extra.host)
        .unwrap()
        .id
        .clone();
    t.visits.push(extra);
    let k = t.visits.len() - 1;
    let roaming = t.visits[k].specialist.clone();
    caught(
        &yilian::check::check_roster_with(&c, &r, &t),
        "max_hosts",
        &roaming,
        "at most 1 allowed",
    );
}
