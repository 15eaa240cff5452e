//! Cost allocation with referral (M5) as the model of coalition values, on a scenario of
//! three members whose coalition values are derived by hand
//! (`examples/share_referral.json`), with the axioms on variants of it.
//!
//! Institutions: county hospital H (member A), townships TB (member B) and TC (member C).
//! Roads: H-TB 20, H-TC 30, TB-TC 15 minutes; a patient-minute costs 1. No pools: the
//! rotation part is empty in both modes, so joint and sequential give the same values.
//!
//! * `common`, outpatient, township level, up to 60 minutes, cost 50 (150 at a
//!   secondary hospital), unmet penalty 1,000. Demand H 50, TB 100, TC 60; slots H 500,
//!   TB 80, TC none.
//! * `spec`, outpatient, secondary level, up to 60 minutes, cost 200, unmet penalty
//!   1,000. Demand TC 10; slots H 100, TC 10 (TC is a township: it treats `spec` only
//!   through the telemedicine link H -> TC, 100 minutes at 20 a consultation = 5).
//! * Target: at least half of the `common` episodes at the grassroots (TB, TC), penalty
//!   100 an episode short.
//!
//! Unit costs: H's own 150; TB at TB 50, at H 170; TC at TB 65, at H 180; unmet 1,000.
//! TB's 80 slots go to TB's patients first (saving 950 or 120 a slot against 935 or 115
//! for TC's). `spec`: 5 at TC (200) and 5 at H (230) when A and C cooperate (2,150),
//! else 10 unmet (10,000).
//!
//! * v(A) = 50 x 150 + target (25 of 50 short) 2,500 = 10,000.
//! * v(B) = 80 x 50 + 20 x 1,000 = 24,000 (80 >= 50 grassroots).
//! * v(C) = 60 x 1,000 + 30 short x 100 + spec 10,000 = 73,000.
//! * v(AB) = 7,500 + 80 x 50 + 20 x 170 = 14,900 (80 >= 75).
//! * v(AC) = 7,500 + 60 x 180 + 55 short x 100 + spec 2,150 = 25,950.
//! * v(BC) = 80 x 50 + 80 x 1,000 (20 of B, 60 of C unmet) + spec 10,000 = 94,000 (80
//!   >= 80: B's spare grassroots episodes cover C's target).
//! * v(ABC) = 7,500 + 4,000 + 3,400 + 10,800 + 25 short x 100 + 2,150 = 30,350.
//!
//! Savings 107,000 - 30,350 = 76,650. Shapley (phi_i = 1/3 v(i) + 1/6 (v(ij) - v(j)) +
//! 1/6 (v(ik) - v(k)) + 1/3 (v(N) - v(jk))):
//! A (20,000 - 9,100 - 47,050 - 127,300) / 6 = -163,450 / 6;
//! B (48,000 + 4,900 + 21,000 + 8,800) / 6 = 82,700 / 6;
//! C (146,000 + 15,950 + 70,000 + 30,900) / 6 = 262,850 / 6.
//! In the core: x(AB) = -80,750 / 6 <= 14,900, x(AC) = 99,400 / 6 <= 25,950,
//! x(BC) = 345,550 / 6 <= 94,000, and each x_i below v(i).
//!
//! Transfers of the grand plan: A treats B's 20 and C's 60 `common` patients (cost
//! 3,400 and 10,800) and 5 of C's `spec` patients (1,150); A's hub gives C's spoke 5
//! consultations.

use yilian::models::share::{Rule, ShareModel, ShareModelKind, ShareReport};
use yilian::ReferralMode;
use yilian::{Consortium, ReferralModel, Scenario, SolveOptions};

/// `examples/share_referral.json`, the scenario above.
fn scenario() -> serde_json::Value {
    serde_json::from_str(include_str!("../../../examples/share_referral.json")).unwrap()
}

fn consortium(v: serde_json::Value) -> Consortium {
    Consortium::new(Scenario::from_json_str(&v.to_string()).unwrap()).unwrap()
}

fn report(c: &Consortium, mode: ReferralMode, rule: Rule) -> ShareReport {
    ShareModel::new(c, ShareModelKind::Referral(mode))
        .rule(rule)
        .solve(&SolveOptions::default())
        .unwrap()
}

fn close(a: f64, b: f64) -> bool {
    (a - b).abs() <= 1e-6 * b.abs().max(1.0)
}

fn value(r: &ShareReport, members: &[usize]) -> f64 {
    r.coalitions
        .iter()
        .find(|v| v.members == members)
        .unwrap_or_else(|| panic!("coalition {members:?} solved"))
        .cost
}

#[test]
fn referral_coalition_values_by_hand_in_both_modes() {
    let c = consortium(scenario());
    for mode in [ReferralMode::Joint, ReferralMode::Sequential] {
        let r = report(&c, mode, Rule::Shapley);
        assert_eq!(r.model, "referral");
        let expected = [
            (&[0][..], 10_000.0),
            (&[1], 24_000.0),
            (&[2], 73_000.0),
            (&[0, 1], 14_900.0),
            (&[0, 2], 25_950.0),
            (&[1, 2], 94_000.0),
            (&[0, 1, 2], 30_350.0),
        ];
        for (s, v) in expected {
            assert!(
                close(value(&r, s), v),
                "{mode:?} v({s:?}) = {}",
                value(&r, s)
            );
        }
        assert!(close(r.savings, 76_650.0), "{}", r.savings);
        let shapley = [-163_450.0 / 6.0, 82_700.0 / 6.0, 262_850.0 / 6.0];
        for (m, x) in r.members.iter().zip(shapley) {
            assert!(close(m.allocated, x), "{} gets {}", m.name, m.allocated);
        }
        assert_eq!(r.in_core, Some(true));
    }
}

#[test]
fn grand_referral_plan_gives_the_transfers() {
    let c = consortium(scenario());
    let r = report(&c, ReferralMode::Joint, Rule::Nucleolus);
    let t = |from: &str, to: &str, service: &str| {
        r.transfers
            .iter()
            .find(|t| t.provider == from && t.receiver == to && t.service == service)
            .unwrap_or_else(|| panic!("{from} -> {to} {service}: {:?}", r.transfers))
    };
    assert!(close(t("A", "B", "common").quantity, 20.0));
    assert!(close(t("A", "B", "common").cost, 3_400.0));
    assert!(close(t("A", "C", "common").quantity, 60.0));
    assert!(close(t("A", "C", "common").cost, 10_800.0));
    assert!(close(t("A", "C", "spec").quantity, 5.0));
    assert!(close(t("A", "C", "spec").cost, 1_150.0));
    assert!(close(t("A", "C", "telemedicine").quantity, 5.0));
    assert_eq!(r.transfers.len(), 4, "{:?}", r.transfers);
    // The nucleolus of a game with a core lies in it and shares v(N).
    assert_eq!(r.in_core, Some(true));
    let total: f64 = r.members.iter().map(|m| m.allocated).sum();
    assert!(close(total, 30_350.0));
}

/// Two townships alike (same demand, slots and distance to H): equal shares, by every
/// rule that treats players alike.
#[test]
fn identical_referral_members_get_equal_shares() {
    let mut v = scenario();
    v["institutions"][2]["population"] = 30000.into();
    v["links"][1]["minutes"] = 20.into();
    v["care"]["demand"]["TC"] = serde_json::json!({"common": 100});
    v["care"]["capacity"]["TC"] = serde_json::json!({"common": {"slots": 80}});
    v["care"]["telemedicine"] = serde_json::json!([]);
    let c = consortium(v);
    for rule in [Rule::Shapley, Rule::Nucleolus] {
        let r = report(&c, ReferralMode::Joint, rule);
        let (b, cc) = (&r.members[1], &r.members[2]);
        assert!(
            close(b.allocated, cc.allocated),
            "{rule:?}: {} vs {}",
            b.allocated,
            cc.allocated
        );
        assert!(close(b.stand_alone, cc.stand_alone));
        let total: f64 = r.members.iter().map(|m| m.allocated).sum();
        assert!((total - r.grand_cost).abs() <= 1e-9 * r.grand_cost.abs());
    }
}

/// A member with no patients and no capacity (a village clinic far away): a null
/// player, whose Shapley share is its stand-alone cost 0; the others keep theirs.
#[test]
fn a_member_without_patients_or_capacity_is_a_null_player() {
    let mut v = scenario();
    v["institutions"]
        .as_array_mut()
        .unwrap()
        .push(serde_json::json!({"id": "VD", "tier": "village_clinic", "population": 0}));
    v["links"]
        .as_array_mut()
        .unwrap()
        .push(serde_json::json!({"from": "TC", "to": "VD", "minutes": 200}));
    v["members"]
        .as_array_mut()
        .unwrap()
        .push(serde_json::json!({"name": "D", "institutions": ["VD"]}));
    let c = consortium(v);
    let r = report(&c, ReferralMode::Joint, Rule::Shapley);
    assert_eq!(r.coalitions.len(), 15);
    assert!(close(value(&r, &[3]), 0.0));
    assert!(close(value(&r, &[0, 1, 2, 3]), 30_350.0));
    assert!(
        r.members[3].allocated.abs() <= 1e-6,
        "{}",
        r.members[3].allocated
    );
    let shapley = [-163_450.0 / 6.0, 82_700.0 / 6.0, 262_850.0 / 6.0];
    for (m, x) in r.members.iter().zip(shapley) {
        assert!(close(m.allocated, x), "{} gets {}", m.name, m.allocated);
    }
}

/// Without the telemedicine link filter, C alone would keep a link whose hub is not in
/// its scenario; without the capacity filter, B and C would treat at H. The grand
/// coalition's value is the plain referral model's total on the whole scenario.
#[test]
fn grand_coalition_is_the_referral_plan_of_the_scenario() {
    let c = consortium(scenario());
    let plan = ReferralModel::new(&c)
        .joint(true)
        .solve(&SolveOptions::default())
        .unwrap();
    let r = report(&c, ReferralMode::Joint, Rule::LeastCore);
    assert!(close(r.grand_cost, plan.total_objective));
    assert!(r.least_core_epsilon.unwrap() < 0.0);
}

/// Counties of a generated province as members (one per `consortium` value): the
/// county field stays in every coalition's scenario (the within-county target counts
/// by it), so the grand coalition's value is the referral model's on the province;
/// joint mode is never worse than sequential, coalition by coalition.
#[cfg(feature = "highs")]
#[test]
fn province_counties_share_referral_with_counties_kept() {
    let s = yilian::generate::province(3, 2);
    assert!(s
        .care
        .as_ref()
        .is_some_and(|c| c.targets.min_within_county_share.is_some()));
    let c = Consortium::new(s).unwrap();
    let o = SolveOptions::new(yilian::Backend::Highs);
    for mode in [ReferralMode::Joint, ReferralMode::Sequential] {
        let plan = ReferralModel::new(&c)
            .joint(mode == ReferralMode::Joint)
            .solve(&o)
            .unwrap();
        let r = ShareModel::new(&c, ShareModelKind::Referral(mode))
            .solve(&o)
            .unwrap();
        assert_eq!(r.members.len(), 2);
        assert!(
            (r.grand_cost - plan.total_objective).abs() <= 1e-6 * plan.total_objective,
            "{mode:?}: {} vs {}",
            r.grand_cost,
            plan.total_objective
        );
        if mode == ReferralMode::Sequential {
            continue;
        }
        let seq = ShareModel::new(&c, ShareModelKind::Referral(ReferralMode::Sequential))
            .game(&o)
            .unwrap()
            .1;
        let joint = ShareModel::new(&c, ShareModelKind::Referral(ReferralMode::Joint))
            .game(&o)
            .unwrap()
            .1;
        for (j, s) in joint.iter().zip(&seq) {
            assert_eq!(j.members, s.members);
            assert!(j.cost <= s.cost + 1e-6 * s.cost.abs(), "{:?}", j.members);
        }
    }
}

/// The coalitions solved elsewhere (as an engine's tasks) and handed back give the
/// report of the threaded path; a missing or repeated coalition is refused.
#[test]
fn values_solved_elsewhere_give_the_same_report() {
    let c = consortium(scenario());
    let o = SolveOptions::default();
    for rule in [Rule::Nucleolus, Rule::Shapley] {
        let m = ShareModel::new(&c, ShareModelKind::Referral(ReferralMode::Joint)).rule(rule);
        let list = m.coalitions().unwrap();
        assert_eq!(list.len(), 7);
        let solved = m.solve_coalitions(&list, &o).unwrap();
        let plans = solved.iter().filter(|(_, p)| p.is_some()).count();
        assert_eq!(plans, 1, "only the grand coalition's plan is kept");
        let plan = solved.iter().find_map(|(_, p)| p.clone());
        let values: Vec<_> = solved.into_iter().map(|(v, _)| v).collect();
        let direct = m.solve(&o).unwrap();
        let from = m.solve_from(values.clone(), plan, &o).unwrap();
        for (a, b) in from.coalitions.iter().zip(&direct.coalitions) {
            assert_eq!((a.members.clone(), a.cost), (b.members.clone(), b.cost));
        }
        for (a, b) in from.members.iter().zip(&direct.members) {
            assert!((a.allocated - b.allocated).abs() <= 1e-9 * b.allocated.abs().max(1.0));
        }
        assert_eq!(from.transfers, direct.transfers);
        let mut twice = values.clone();
        twice.push(values[0].clone());
        let e = m.solve_from(twice, None, &o).unwrap_err().to_string();
        assert!(e.contains("is given twice"), "{e}");
        let e = m
            .solve_from(values[1..].to_vec(), None, &o)
            .unwrap_err()
            .to_string();
        assert!(e.contains("is missing"), "{e}");
    }
    // Sampled Shapley: the orders' coalitions with every singleton and N.
    let m = ShareModel::new(&c, ShareModelKind::Referral(ReferralMode::Joint)).samples(4);
    let list = m.coalitions().unwrap();
    assert!(list.len() <= 7 && list.iter().filter(|s| s.len() == 1).count() == 3);
    assert_eq!(list[0].len(), 3, "largest first");
}
