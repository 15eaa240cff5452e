//! Property tests: random valid scenarios for M1 and M3, solved with the best
//! compiled backend. Every plan passes the independent checker, is no worse than a
//! plan built by hand (nobody sent, no unit added), and is the same when solved twice.

use proptest::prelude::*;
use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;
use std::collections::BTreeMap;
use yilian::check::{check_rotation, check_scanners};
use yilian::scenario::{CandidateSite, Imaging, ModalitySettings, Scanner};
use yilian::{
    Backend, Consortium, Institution, RotationModel, RotationObjective, ScannerModel, Scenario,
    SolveOptions, SpecialistPool, Tier,
};

const SPECIALTIES: [&str; 3] = ["cardiology", "pediatrics", "respiratory"];

/// A random small consortium: one or two homes, 2-8 hosts within about 30 km,
/// random demand, rooms, pools, policy minimums, budget and imaging.
fn random_scenario(seed: u64) -> Scenario {
    let mut rng = ChaCha8Rng::seed_from_u64(seed);
    let mut s = Scenario::new(format!("random-{seed}"));
    let homes = rng.gen_range(1..=2);
    let hosts = rng.gen_range(2..=8);
    let point = |rng: &mut ChaCha8Rng| {
        (
            120.0 + rng.gen_range(-0.15..0.15),
            30.0 + rng.gen_range(-0.15..0.15),
        )
    };
    for h in 0..homes {
        let (lon, lat) = point(&mut rng);
        let mut inst = Institution::new(format!("H{h}"), Tier::Secondary).at(lon, lat);
        inst.exams
            .insert("CT".into(), f64::from(rng.gen_range(0..400)));
        s.institutions.push(inst);
    }
    let tiers = [
        Tier::TownshipHealthCentre,
        Tier::CommunityHealthCentre,
        Tier::VillageClinic,
    ];
    for j in 0..hosts {
        let (lon, lat) = point(&mut rng);
        let mut inst = Institution::new(format!("T{j}"), tiers[rng.gen_range(0..3)])
            .at(lon, lat)
            .population(f64::from(rng.gen_range(1000..20000)))
            .room_days(f64::from(rng.gen_range(0..=20)));
        for k in SPECIALTIES {
            if rng.gen_bool(0.6) {
                inst = inst.demand(k, f64::from(rng.gen_range(0..200)));
            }
        }
        inst.exams
            .insert("CT".into(), f64::from(rng.gen_range(0..300)));
        s.institutions.push(inst);
    }
    for p in 0..rng.gen_range(1..=4) {
        let home = format!("H{}", rng.gen_range(0..homes));
        let k = SPECIALTIES[rng.gen_range(0..3)];
        let headcount = rng.gen_range(1..=6);
        let days = 20.0;
        s.pools.push(
            SpecialistPool::new(format!("P{p}"), home, k)
                .headcount(headcount)
                .days_per_person(days)
                .home_min_days(f64::from(headcount) * days * rng.gen_range(0.5..1.0))
                .max_travel_minutes(f64::from(rng.gen_range(10..=90)))
                .visits_per_day(f64::from(rng.gen_range(5..=20)))
                .cost_per_day(f64::from(rng.gen_range(0..=1000)))
                .cost_per_minute(rng.gen_range(0.0..3.0)),
        );
    }
    for tier in tiers {
        if rng.gen_bool(0.5) {
            s.policy
                .min_days_by_tier
                .insert(tier, f64::from(rng.gen_range(1..=8)));
        }
    }
    if rng.gen_bool(0.4) {
        s.policy.budget = Some(f64::from(rng.gen_range(0..20_000)));
    }
    let mut im = Imaging::new(BTreeMap::from([(
        "CT".to_string(),
        ModalitySettings {
            exams_per_day: 10.0,
            working_days: 20.0,
            max_travel_minutes: f64::from(rng.gen_range(10..=60)),
        },
    )]));
    im.scanners.push(Scanner {
        id: "CT-1".into(),
        site: "H0".into(),
        modality: "CT".into(),
        exams_per_day: None,
        working_days: None,
    });
    for j in 0..hosts.min(3) {
        im.candidates.push(CandidateSite {
            site: format!("T{j}"),
            modality: "CT".into(),
            fixed_cost: f64::from(rng.gen_range(1000..5000)),
            max_units: rng.gen_range(0..=2),
        });
    }
    im.budget = Some(f64::from(rng.gen_range(0..10_000)));
    im.allow_relocation = rng.gen_bool(0.2);
    s.imaging = Some(im);
    s
}

fn options() -> SolveOptions {
    SolveOptions::new(Backend::best_available().expect("a backend")).time_limit(20.0)
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 48, ..ProptestConfig::default() })]

    #[test]
    fn rotation_plans_pass_the_checker_and_beat_sending_nobody(seed in any::<u64>()) {
        let c = Consortium::new(random_scenario(seed)).unwrap();
        let s = c.scenario();
        for objective in [RotationObjective::Weighted, RotationObjective::Equity] {
            let plan = RotationModel::new(&c).objective(objective).solve(&options()).unwrap();
            prop_assert_eq!(check_rotation(&c, &plan), vec![]);
            // The plan that sends nobody: every visit unmet, every minimum short.
            let unmet: f64 = s.institutions.iter()
                .flat_map(|i| i.demand.iter().map(|(k, d)| s.policy.unmet_weight(k) * d))
                .sum();
            let short: f64 = s.institutions.iter()
                .map(|i| s.policy.shortfall_penalty * s.policy.min_days(i.tier))
                .sum();
            let nobody = match objective {
                RotationObjective::Weighted => unmet + short,
                RotationObjective::Equity => short,
            };
            if objective == RotationObjective::Weighted {
                prop_assert!(plan.objective <= nobody + 1e-6, "{} > {}", plan.objective, nobody);
            }
            let again = RotationModel::new(&c).objective(objective).solve(&options()).unwrap();
            prop_assert_eq!(&plan.assignments, &again.assignments);
        }
    }

    #[test]
    fn scanner_plans_pass_the_checker_and_beat_adding_nothing(seed in any::<u64>()) {
        let c = Consortium::new(random_scenario(seed)).unwrap();
        let plan = ScannerModel::new(&c).solve(&options()).unwrap();
        prop_assert_eq!(check_scanners(&c, &plan), vec![]);
        // Adding nothing and serving nobody is feasible: every exam unmet.
        let im = c.scenario().imaging.as_ref().unwrap();
        let all_unmet: f64 = c.scenario().institutions.iter()
            .map(|i| im.unmet_penalty * i.exams.values().sum::<f64>())
            .sum();
        prop_assert!(plan.objective <= all_unmet + 1e-6);
        let again = ScannerModel::new(&c).solve(&options()).unwrap();
        prop_assert_eq!(&plan.units, &again.units);
        prop_assert_eq!(&plan.flows, &again.flows);
    }
}
