//! Property tests of M5 on random small consortia: joint mode is never worse than
//! sequential mode on the sum of both objectives (the sequential plan is a point of
//! the joint program), and every plan of both modes passes the checker.

use proptest::prelude::*;
use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;
use std::collections::BTreeMap;
use yilian::check::check_referral;
use yilian::scenario::{Care, CareCapacity, CareClass, CareSetting, ShareTarget, TelemedicineLink};
use yilian::{
    Backend, Consortium, Institution, ReferralModel, Scenario, SolveOptions, SpecialistPool, Tier,
};

fn class(id: &str, min_tier: Tier, cost: f64, penalty: f64) -> CareClass {
    CareClass {
        id: id.into(),
        setting: CareSetting::Outpatient,
        min_tier,
        enabling_specialty: None,
        length_of_stay: None,
        max_travel_minutes: 60.0,
        cost,
        cost_by_tier: BTreeMap::new(),
        unmet_penalty: penalty,
        recovery: None,
    }
}

fn slots(x: f64) -> CareCapacity {
    CareCapacity {
        slots: Some(x),
        beds: None,
    }
}

/// A hospital with 1-2 cardiology pools and 2-5 township centres with cardiology
/// demand (M1) and patients of two classes (M5): `cardio` needs the hospital, or a
/// township with visiting cardiologists or a telemedicine link; `common` a township.
fn random_scenario(seed: u64) -> Scenario {
    let mut rng = ChaCha8Rng::seed_from_u64(seed);
    let mut s = Scenario::new(format!("referral-{seed}"));
    s.institutions
        .push(Institution::new("H", Tier::Secondary).at(120.0, 30.0));
    let towns = rng.gen_range(2..=5);
    for t in 0..towns {
        let (dx, dy) = (rng.gen_range(-0.2..0.2), rng.gen_range(-0.2..0.2));
        s.institutions.push(
            Institution::new(format!("T{t}"), Tier::TownshipHealthCentre)
                .at(120.0 + dx, 30.0 + dy)
                .demand("cardiology", f64::from(rng.gen_range(0..120)))
                .room_days(f64::from(rng.gen_range(0..=10))),
        );
    }
    for p in 0..rng.gen_range(1..=2) {
        s.pools.push(
            SpecialistPool::new(format!("H-c{p}"), "H", "cardiology")
                .headcount(rng.gen_range(1..=3))
                .days_per_person(10.0)
                .home_min_days(f64::from(rng.gen_range(0..=10)))
                .max_travel_minutes(f64::from(rng.gen_range(20..=90)))
                .visits_per_day(f64::from(rng.gen_range(5..=20)))
                .cost_per_day(f64::from(rng.gen_range(100..=900))),
        );
    }
    let mut cardio = class(
        "cardio",
        Tier::Secondary,
        f64::from(rng.gen_range(50..300)),
        f64::from(rng.gen_range(100..2000)),
    );
    cardio.enabling_specialty = Some("cardiology".into());
    cardio.cost_by_tier.insert(
        Tier::TownshipHealthCentre,
        f64::from(rng.gen_range(20..200)),
    );
    let common = class(
        "common",
        Tier::TownshipHealthCentre,
        f64::from(rng.gen_range(20..100)),
        f64::from(rng.gen_range(100..1000)),
    );
    let mut care = Care::new(vec![cardio, common]);
    care.travel_cost_per_minute = rng.gen_range(0.0..3.0);
    care.capacity.insert(
        "H".into(),
        BTreeMap::from([(
            "cardio".to_string(),
            slots(f64::from(rng.gen_range(0..300))),
        )]),
    );
    for t in 0..towns {
        let id = format!("T{t}");
        care.demand.insert(
            id.clone(),
            BTreeMap::from([
                ("cardio".to_string(), f64::from(rng.gen_range(0..150))),
                ("common".to_string(), f64::from(rng.gen_range(0..150))),
            ]),
        );
        care.capacity.insert(
            id.clone(),
            BTreeMap::from([
                (
                    "cardio".to_string(),
                    slots(f64::from(rng.gen_range(0..100))),
                ),
                (
                    "common".to_string(),
                    slots(f64::from(rng.gen_range(0..150))),
                ),
            ]),
        );
        if rng.gen_bool(0.3) {
            care.telemedicine.push(TelemedicineLink {
                hub: "H".into(),
                spoke: id,
                minutes: f64::from(rng.gen_range(0..600)),
                minutes_per_consultation: f64::from(rng.gen_range(10..40)),
                classes: Vec::new(),
            });
        }
    }
    if rng.gen_bool(0.6) {
        care.targets.min_grassroots_share = Some(ShareTarget {
            share: rng.gen_range(0.2..0.95),
            classes: Vec::new(),
        });
        care.targets.penalty = f64::from(rng.gen_range(10..3000));
    }
    if rng.gen_bool(0.4) {
        care.targets.max_hospital_utilisation = Some(rng.gen_range(0.3..1.0));
    }
    s.care = Some(care);
    s
}

fn options() -> SolveOptions {
    SolveOptions::new(if Backend::Highs.is_available() {
        Backend::Highs
    } else {
        Backend::Microlp
    })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(40))]

    #[test]
    fn joint_is_never_worse_than_sequential(seed in 0u64..1_000_000) {
        let c = Consortium::new(random_scenario(seed)).unwrap();
        let sequential = ReferralModel::new(&c).solve(&options()).unwrap();
        let joint = ReferralModel::new(&c).joint(true).solve(&options()).unwrap();
        prop_assert_eq!(check_referral(&c, &sequential), vec![]);
        prop_assert_eq!(check_referral(&c, &joint), vec![]);
        let scale = 1.0 + sequential.total_objective.abs();
        prop_assert!(
            joint.total_objective <= sequential.total_objective + 1e-6 * scale,
            "joint {} > sequential {}", joint.total_objective, sequential.total_objective
        );
        // The sequential plan keeps M1's optimum; joint may give up some of it only to
        // gain more on care.
        prop_assert!(sequential.rotation_objective <= joint.rotation_objective + 1e-6 * scale);
    }
}
