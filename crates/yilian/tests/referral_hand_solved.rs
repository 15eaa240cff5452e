//! M5 on cases small enough to solve by hand: the optimum, the duals, a target's
//! marginal cost against a finite difference, unreachable targets, and the checker
//! rejecting tampered plans.

mod common;

use common::{backends, close, tol};
use yilian::check::check_referral;
use yilian::{Backend, Consortium, ReferralModel, ReferralPlan, Scenario, SolveOptions};

/// Three institutions on a road: V (village clinic) -10- T (township centre) -20- H
/// (county hospital); V to H is 30 minutes through T. Two classes:
///
/// * `acute`, inpatient, needs a secondary hospital, travel up to 60 minutes, cost
///   1,000 an episode, unmet penalty 5,000; half of its episodes continue as `rehab`;
/// * `rehab`, inpatient, township level, travel up to 15 minutes from home, cost 200
///   at a township centre (400 at a hospital), unmet penalty 1,000.
///
/// Demand: V has 10 acute patients, T has 4 rehab patients of its own. Capacity: H 8
/// acute and 10 rehab slots; T 6 rehab slots and 5 acute slots (T may not treat acute:
/// no enabling specialty, no telemedicine). Travel costs 1 a minute.
///
/// Hand solution. V's acute patients can only go to H (30 min): treating one costs
/// 1,030 < 5,000, so H's 8 slots fill and 2 stay unmet. Their 0.5 x 8 = 4 recovery
/// episodes must be within 15 minutes of V: only T (10 min, 210 each; H is 30 min).
/// T's own 4 rehab patients reach only T (0 min, 200 each; H is 20 min away). T has 6
/// slots for 8 episodes: placing an own patient saves 1,000 - 200 = 800, a recovery
/// episode 1,000 - 210 = 790, so T takes its own 4 and 2 of V's; 2 stay unplaced.
/// Objective = 8 x 1,030 + 2 x 5,000 + 4 x 200 + 2 x 210 + 2 x 1,000 = 21,460.
///
/// Duals. One more acute slot at H treats one more patient (-5,000 + 1,030) whose half
/// recovery episode finds T full (+0.5 x 1,000): value 3,470. One more rehab slot at T
/// places one more recovery episode: value 1,000 - 210 = 790. H's rehab slots are
/// beyond everyone's reach: value 0.
///
/// Figures. Episodes: 10 + 4 + 0.5 x 10 = 19 (recovery of all demand counts: the 2
/// unmet patients recover outside). Grassroots: T treats 6 (6/19). Referred up: 8 (V
/// to H); referred down: 2 (recovery from H to T).
fn hand_scenario() -> serde_json::Value {
    // tests/data/referral_hand.json, shared with the report tests and the Python tests.
    serde_json::from_str(include_str!("data/referral_hand.json")).unwrap()
}

fn consortium(v: &serde_json::Value) -> Consortium {
    Consortium::new(Scenario::from_json_str(&v.to_string()).unwrap()).unwrap()
}

fn solve(c: &Consortium, options: &SolveOptions) -> ReferralPlan {
    let plan = ReferralModel::new(c).solve(options).unwrap();
    assert_eq!(check_referral(c, &plan), vec![], "{}", options.backend);
    plan
}

fn load_marginal(plan: &ReferralPlan, site: &str, class: &str) -> Option<f64> {
    plan.loads
        .iter()
        .find(|l| l.institution == site && l.class == class)
        .and_then(|l| l.marginal_value)
}

#[test]
fn hand_solved_three_institutions_two_classes_one_recovery_stage() {
    let c = consortium(&hand_scenario());
    for options in backends() {
        let b = options.backend;
        let t = tol(b);
        let plan = solve(&c, &options);
        close(plan.objective, 21_460.0, 1e3 * t);
        close(plan.flow("V", "acute", "H"), 8.0, t);
        close(plan.unmet("V", "acute"), 2.0, t);
        close(plan.flow("T", "rehab", "T"), 4.0, t);
        close(plan.unmet("T", "rehab"), 0.0, t);
        close(plan.load("T", "rehab"), 6.0, t);
        close(plan.load("H", "rehab"), 0.0, t);
        let rec: f64 = plan
            .recovery
            .iter()
            .filter(|r| r.origin == "V" && r.acute_site == "H" && r.site == "T")
            .map(|r| r.patients)
            .sum();
        close(rec, 2.0, t);
        let unplaced: f64 = plan.flows.iter().map(|f| f.recovery_unplaced).sum();
        close(unplaced, 2.0, t);
        close(plan.episodes, 19.0, 1e-9);
        close(plan.grassroots_share, 6.0 / 19.0, t);
        close(plan.referred_up, 8.0, t);
        close(plan.referred_down, 2.0, t);
        assert_eq!(plan.referrals_up.len(), 1);
        assert_eq!(
            (
                plan.referrals_up[0].from.as_str(),
                plan.referrals_up[0].to.as_str()
            ),
            ("V", "H")
        );
        assert_eq!(
            (
                plan.referrals_down[0].from.as_str(),
                plan.referrals_down[0].to.as_str()
            ),
            ("H", "T")
        );
        if b.gives_duals() {
            close(
                load_marginal(&plan, "H", "acute").unwrap(),
                3_470.0,
                1e3 * t,
            );
            close(load_marginal(&plan, "T", "rehab").unwrap(), 790.0, 1e3 * t);
            close(load_marginal(&plan, "H", "rehab").unwrap(), 0.0, 1e3 * t);
        }
    }
}

#[test]
fn one_more_slot_changes_the_optimum_by_its_marginal_value() {
    // The duals read against re-solves: +1 acute slot at H saves 3,470, +1 rehab slot
    // at T saves 790.
    let Some(b) = [Backend::Highs, Backend::Clarabel]
        .into_iter()
        .find(|b| b.is_available())
    else {
        return;
    };
    let options = SolveOptions::new(b);
    let base = solve(&consortium(&hand_scenario()), &options).objective;
    for (site, class, value) in [("H", "acute", 3_470.0), ("T", "rehab", 790.0)] {
        let mut v = hand_scenario();
        let slots = &mut v["care"]["capacity"][site][class]["slots"];
        *slots = serde_json::json!(slots.as_f64().unwrap() + 1.0);
        let more = solve(&consortium(&v), &options).objective;
        close(base - more, value, 1e-3);
    }
}

/// One village V with 100 common visits (travel limit 30 minutes, penalty 1,000).
/// Sites: V itself (40 slots, cost 40, 0 min: 40), township T (30 slots, cost 60, 10
/// min: 70), community centre T2 (50 slots, cost 120, 25 min: 145), hospital H (200 slots,
/// cost 100, 20 min: 120). Least cost: V 40, T 30, H 30 (T2 costs more than H).
/// Grassroots share 70 %. With a target g between 70 % and 100 % (the grassroots hold
/// 120), g x 100 - 70 patients move from H to T2 at 145 - 120 = 25 more each: the
/// optimum rises by 25 per episode, 25 x 100 x 0.01 = 25 per point of share.
fn target_scenario(share: f64) -> serde_json::Value {
    serde_json::json!({
        "format": "yilian/1",
        "name": "target",
        "institutions": [
            {"id": "V", "tier": "village_clinic"},
            {"id": "T", "tier": "township_health_centre"},
            {"id": "T2", "tier": "community_health_centre"},
            {"id": "H", "tier": "secondary"}
        ],
        "links": [
            {"from": "V", "to": "T", "minutes": 10},
            {"from": "V", "to": "T2", "minutes": 25},
            {"from": "V", "to": "H", "minutes": 20}
        ],
        "care": {
            "classes": [
                {"id": "common", "setting": "outpatient", "min_tier": "village_clinic",
                 "max_travel_minutes": 30, "cost": 60,
                 "cost_by_tier": {"village_clinic": 40, "community_health_centre": 120,
                                  "secondary": 100},
                 "unmet_penalty": 1000}
            ],
            "demand": {"V": {"common": 100}},
            "capacity": {
                "V": {"common": {"slots": 40}},
                "T": {"common": {"slots": 30}},
                "T2": {"common": {"slots": 50}},
                "H": {"common": {"slots": 200}}
            },
            "targets": {"min_grassroots_share": {"share": share}, "penalty": 500}
        }
    })
}

#[test]
fn a_binding_target_costs_its_dual_per_point_as_a_finite_difference_shows() {
    for options in backends() {
        let t = tol(options.backend);
        let at = |g: f64| solve(&consortium(&target_scenario(g)), &options);
        let free = at(0.6);
        // Not binding at 60 %: V 40 + T 30 + H 30 x 120 = 1,600 + 2,100 + 3,600 = 7,300.
        close(free.objective, 7_300.0, 1e3 * t);
        close(free.grassroots_share, 0.7, t);
        let line = free.target("min_grassroots_share").unwrap();
        assert!(!line.binding);
        let (p75, p76) = (at(0.75), at(0.76));
        // 5 patients move to T2: 7,300 + 5 x 25 = 7,425; one point more adds 25.
        close(p75.objective, 7_425.0, 1e3 * t);
        close(p75.flow("V", "common", "T2"), 5.0, t);
        let line = p75.target("min_grassroots_share").unwrap();
        assert!(line.binding);
        close(line.achieved, 0.75, t);
        close(line.shortfall_episodes, 0.0, t);
        let finite_difference = p76.objective - p75.objective;
        close(finite_difference, 25.0, 1e3 * t);
        if let Some(m) = line.marginal_cost_per_point {
            close(m, finite_difference, 1e3 * t);
        } else {
            assert!(!options.backend.gives_duals());
        }
    }
}

#[test]
fn an_unreachable_target_is_reported_by_institution_and_class() {
    // At 100 % the grassroots (V 40 + T 30 + T2 50 = 120) can hold all 100 patients.
    let c = consortium(&target_scenario(1.0));
    for options in backends() {
        let t = tol(options.backend);
        let plan = solve(&c, &options);
        let line = plan.target("min_grassroots_share").unwrap();
        // V 1,600 + T 2,100 + T2 30 x 145 = 8,050, nothing short.
        close(line.shortfall_episodes, 0.0, t);
        close(plan.objective, 8_050.0, 1e3 * t);
    }
    // Take T2's slots away: the grassroots hold 70 of the 100 wanted; the penalty of
    // 500 per episode short applies, and the full sites are named.
    let mut v = target_scenario(1.0);
    v["care"]["capacity"]["T2"]["common"]["slots"] = serde_json::json!(0);
    let c = consortium(&v);
    for options in backends() {
        let t = tol(options.backend);
        let plan = solve(&c, &options);
        let line = plan.target("min_grassroots_share").unwrap();
        close(line.shortfall_episodes, 30.0, 1e3 * t);
        close(plan.target_penalty, 30.0 * 500.0, 1e3 * t);
        // V 1,600 + T 2,100 + H 30 x 120 + 30 x 500 = 22,300.
        close(plan.objective, 22_300.0, 1e3 * t);
        let named: Vec<(&str, &str)> = line
            .limits
            .iter()
            .map(|l| (l.institution.as_str(), l.class.as_str()))
            .collect();
        assert!(named.contains(&("V", "common")), "{:?}", line.limits);
        assert!(named.contains(&("T", "common")), "{:?}", line.limits);
        assert!(line
            .limits
            .iter()
            .any(|l| l.institution == "T" && l.reason.contains("full")));
        if let Some(m) = line.marginal_cost_per_point {
            // Each episode short costs the penalty: 500 x 100 x 0.01 = 500 a point.
            close(m, 500.0, 1e3 * t);
        }
    }
}

/// A copy of a solved plan with one thing changed, which the checker must reject
/// under `rule`.
fn rejects(c: &Consortium, plan: &ReferralPlan, rule: &str, tamper: impl Fn(&mut ReferralPlan)) {
    let mut bad = plan.clone();
    tamper(&mut bad);
    let found = check_referral(c, &bad);
    assert!(
        found.iter().any(|v| v.rule == rule),
        "expected a {rule} violation, got {found:?}"
    );
}

#[test]
fn the_checker_rejects_tampered_plans() {
    let c = consortium(&hand_scenario());
    let plan = solve(&c, &SolveOptions::default());
    // Capacity: H treats 9 acute patients with 8 slots (demand and load lines follow).
    rejects(&c, &plan, "capacity", |p| {
        let f = p.flows.iter_mut().find(|f| f.site == "H").unwrap();
        f.patients += 1.0;
        f.cost += 1_030.0;
        f.recovery_unplaced += 0.5;
        let d = p.demand.iter_mut().find(|d| d.class == "acute").unwrap();
        d.treated += 1.0;
        d.unmet -= 1.0;
        p.loads
            .iter_mut()
            .find(|l| l.institution == "H" && l.class == "acute")
            .unwrap()
            .load += 1.0;
    });
    // Capability: T (a township centre) treats an acute patient, with the load line
    // saying so; T has slots for acute but may not treat it.
    rejects(&c, &plan, "capability", |p| {
        let mut f = p.flows.iter().find(|f| f.site == "H").unwrap().clone();
        f.site = "T".into();
        f.patients = 1.0;
        f.minutes = 10.0;
        f.cost = 1_010.0;
        f.recovery_unplaced = 0.5;
        p.flows.push(f);
        let l = p
            .loads
            .iter_mut()
            .find(|l| l.institution == "T" && l.class == "acute")
            .unwrap();
        l.load = 1.0;
        l.utilisation = 0.2;
    });
    // Travel: T's own rehab patients sent to H, 20 minutes away (limit 15).
    rejects(&c, &plan, "travel", |p| {
        let f = p
            .flows
            .iter_mut()
            .find(|f| f.origin == "T" && f.class == "rehab")
            .unwrap();
        f.site = "H".into();
        f.minutes = 20.0;
    });
    // Recovery: the recovery flow of V's acute patients no longer matches them.
    rejects(&c, &plan, "recovery", |p| {
        p.recovery[0].patients += 1.0;
    });
    rejects(&c, &plan, "recovery", |p| {
        p.flows
            .iter_mut()
            .find(|f| f.class == "acute")
            .unwrap()
            .recovery_unplaced = 0.0;
    });
    // A reported figure.
    rejects(&c, &plan, "figures", |p| p.grassroots_share = 0.5);
    rejects(&c, &plan, "referrals_down", |p| p.referrals_down.clear());
}
