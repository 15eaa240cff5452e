//! Care classes, patient volumes and capacities for the generated scenarios (M5).
//!
//! Volumes follow the national statistical bulletin of the National Health
//! Commission for 2021 (《2021年我国卫生健康事业发展统计公报》, figures rounded):
//! 8.47 billion visits, about 6.0 per person per year, 50.2 % of them at grassroots
//! institutions; 247 million admissions, 17.5 per 100 people per year, 81.5 % of them
//! in hospitals; mean length of stay 9.2 days in hospitals and 6.6 days in township
//! health centres; 1.41 township-centre beds per 1,000 rural people and about 5.2
//! hospital beds per 1,000 people (7.41 million hospital beds); a township health
//! centre sees about 2,800 visits and a village clinic about 260 visits a month (1.16
//! billion visits over 34,900 centres, 1.9 billion over 600,000 clinics, rounded).
//! The targets are those of the county medical community programme (NHC, 2019, 紧密型
//! 县域医疗卫生共同体建设试点): about 90 % of care within the county (县域内就诊率)
//! and about 65 % of visits at the grassroots (基层就诊率).
//!
//! Grassroots capacity is set above these volumes: the policy texts describe township and
//! community centres standing idle while hospitals are crowded (人满为患 / 资源闲置), and
//! township centres used 48 % of their beds in 2021 against 75 % in hospitals (same
//! bulletin); the generator assumes their clinics run at about 65 % of what their
//! doctors could see, hospitals near their full capacity.
//!
//! The classes split the per-person rates: 3.3 common and chronic visits, 0.5
//! cardiovascular and 1.6 other specialist visits a year; 0.075 general, 0.07 complex
//! and 0.02 tertiary-level admissions, and 0.005 direct rehabilitation admissions a
//! year; 30 % of complex episodes continue as rehabilitation near home (an assumption
//! of the generator, not a published figure).

use crate::scenario::{
    Care, CareCapacity, CareClass, CareSetting, CareTargets, Recovery, Scenario, ShareTarget,
    TelemedicineLink, Tier,
};
use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;
use std::collections::BTreeMap;

/// Calendar days in a month: beds are occupied every day, not only on working days.
const MONTH_DAYS: f64 = 30.4;

/// (class, patients per person per year).
const RATES: [(&str, f64); 7] = [
    ("common_outpatient", 3.3),
    ("cardiovascular_outpatient", 0.5),
    ("specialist_outpatient", 1.6),
    ("general_inpatient", 0.075),
    ("complex_inpatient", 0.07),
    ("tertiary_inpatient", 0.02),
    ("rehabilitation", 0.005),
];

#[allow(clippy::too_many_arguments)]
fn class(
    id: &str,
    setting: CareSetting,
    min_tier: Tier,
    los: Option<f64>,
    minutes: f64,
    cost: f64,
    by_tier: &[(Tier, f64)],
    penalty: f64,
) -> CareClass {
    CareClass {
        id: id.into(),
        setting,
        min_tier,
        enabling_specialty: None,
        length_of_stay: los,
        max_travel_minutes: minutes,
        cost,
        cost_by_tier: by_tier.iter().copied().collect(),
        unmet_penalty: penalty,
        recovery: None,
    }
}

/// The seven classes; `urban` shortens the travel limits (city distances).
fn classes(urban: bool) -> Vec<CareClass> {
    use CareSetting::{Inpatient, Outpatient};
    use Tier::*;
    let t = |rural: f64, city: f64| if urban { city } else { rural };
    // Costs per visit or episode in yuan, higher at higher tiers (public fee schedules
    // differ by hospital grade); penalties are the cost of care outside plus travel.
    let mut cardio = class(
        "cardiovascular_outpatient",
        Outpatient,
        Secondary,
        None,
        t(45.0, 40.0),
        220.0,
        &[
            (Tertiary, 320.0),
            (TownshipHealthCentre, 120.0),
            (CommunityHealthCentre, 120.0),
        ],
        900.0,
    );
    cardio.enabling_specialty = Some("cardiology".into());
    let mut complex = class(
        "complex_inpatient",
        Inpatient,
        Secondary,
        Some(9.2),
        t(90.0, 60.0),
        9_000.0,
        &[(Tertiary, 14_000.0)],
        30_000.0,
    );
    complex.recovery = Some(Recovery {
        class: "rehabilitation".into(),
        share: 0.3,
    });
    vec![
        class(
            "common_outpatient",
            Outpatient,
            VillageClinic,
            None,
            // The 15-minute circle of basic care (15分钟基层医疗服务圈) of the policy texts.
            15.0,
            60.0,
            &[
                (VillageClinic, 40.0),
                (Secondary, 150.0),
                (Other, 150.0),
                (Tertiary, 260.0),
            ],
            400.0,
        ),
        cardio,
        class(
            "specialist_outpatient",
            Outpatient,
            Secondary,
            None,
            t(45.0, 40.0),
            240.0,
            &[
                (Tertiary, 340.0),
                (TownshipHealthCentre, 140.0),
                (CommunityHealthCentre, 140.0),
            ],
            900.0,
        ),
        class(
            "general_inpatient",
            Inpatient,
            TownshipHealthCentre,
            Some(6.6),
            t(45.0, 30.0),
            2_500.0,
            &[(Secondary, 5_500.0), (Other, 5_500.0), (Tertiary, 9_000.0)],
            12_000.0,
        ),
        complex,
        class(
            "tertiary_inpatient",
            Inpatient,
            Tertiary,
            Some(11.0),
            t(120.0, 60.0),
            22_000.0,
            &[],
            45_000.0,
        ),
        class(
            "rehabilitation",
            Inpatient,
            TownshipHealthCentre,
            Some(14.0),
            t(30.0, 20.0),
            3_500.0,
            &[(Secondary, 6_500.0), (Other, 6_500.0), (Tertiary, 9_000.0)],
            8_000.0,
        ),
    ]
}

/// Adds a care section to a generated county or city (`urban`). The draws come from
/// their own random stream, so the rest of the scenario does not change.
pub(crate) fn add_care(s: &mut Scenario, seed: u64, urban: bool) {
    let mut rng = ChaCha8Rng::seed_from_u64(seed ^ 0xca7e_5eed);
    let classes = classes(urban);
    let mut care = Care::new(classes);
    let rate: BTreeMap<&str, f64> = RATES.iter().copied().collect();
    let round1 = |x: f64| (x * 10.0).round() / 10.0;
    let population: f64 = s.institutions.iter().map(|i| i.population).sum();
    let hospitals: Vec<usize> = (0..s.institutions.len())
        .filter(|&j| {
            matches!(
                s.institutions[j].tier,
                Tier::Secondary | Tier::Tertiary | Tier::Other
            )
        })
        .collect();
    // Hospitals share the population's hospital beds and specialist clinics by size:
    // the lead hospital (first) takes the largest part.
    let weight = |k: usize| {
        if k == 0 {
            0.55
        } else {
            0.45 / (hospitals.len() - 1).max(1) as f64
        }
    };
    for inst in &s.institutions {
        if inst.population <= 0.0 {
            continue;
        }
        let mut d = BTreeMap::new();
        for (id, r) in RATES {
            let noise = rng.gen_range(0.9..1.1);
            d.insert(id.to_string(), round1(inst.population * r / 12.0 * noise));
        }
        care.demand.insert(inst.id.clone(), d);
    }
    let monthly = |id: &str, people: f64| people * rate[id] / 12.0;
    let slots = |x: f64| CareCapacity {
        slots: Some(x.round().max(0.0)),
        beds: None,
    };
    let beds_as_slots = |beds: f64, los: f64| slots(beds * MONTH_DAYS / los);
    for (j, inst) in s.institutions.iter().enumerate() {
        let mut cap: BTreeMap<String, CareCapacity> = BTreeMap::new();
        let noise = rng.gen_range(0.85..1.15);
        match inst.tier {
            Tier::VillageClinic => {
                // About 260 visits a month, or a little below the village's own demand.
                let own = monthly("common_outpatient", inst.population);
                cap.insert(
                    "common_outpatient".into(),
                    slots((own * 0.9).min(260.0) * noise),
                );
            }
            Tier::TownshipHealthCentre | Tier::CommunityHealthCentre => {
                // About 2,800 visits a month; catchment people = population / 0.35 for a
                // township (its villages), the population itself for a community centre.
                let catchment = if inst.tier == Tier::TownshipHealthCentre {
                    inst.population / 0.35
                } else {
                    inst.population
                };
                let visits = 2_800.0 / 0.65 * noise * (catchment / 12_000.0).clamp(0.6, 5.0);
                cap.insert("common_outpatient".into(), slots(visits * 0.75));
                cap.insert("cardiovascular_outpatient".into(), slots(visits * 0.1));
                cap.insert("specialist_outpatient".into(), slots(visits * 0.15));
                let beds = 1.41 * catchment / 1000.0 * noise;
                cap.insert("general_inpatient".into(), beds_as_slots(beds * 0.75, 6.6));
                cap.insert("rehabilitation".into(), beds_as_slots(beds * 0.25, 14.0));
            }
            Tier::Secondary | Tier::Other | Tier::Tertiary => {
                let k = hospitals.iter().position(|&h| h == j).unwrap_or(0);
                let w = weight(k) * noise;
                // Beds: 5.2 per 1,000 people of the area, by class.
                let beds = 5.2 * population / 1000.0 * w;
                let outpatient = |id: &str| slots(monthly(id, population) * w * 1.05);
                cap.insert(
                    "common_outpatient".into(),
                    slots(monthly("common_outpatient", inst.population) * 1.1),
                );
                cap.insert(
                    "cardiovascular_outpatient".into(),
                    outpatient("cardiovascular_outpatient"),
                );
                cap.insert(
                    "specialist_outpatient".into(),
                    outpatient("specialist_outpatient"),
                );
                cap.insert("general_inpatient".into(), beds_as_slots(beds * 0.35, 6.6));
                cap.insert("complex_inpatient".into(), beds_as_slots(beds * 0.5, 9.2));
                cap.insert("rehabilitation".into(), beds_as_slots(beds * 0.1, 14.0));
                if inst.tier == Tier::Tertiary {
                    cap.insert(
                        "tertiary_inpatient".into(),
                        beds_as_slots(beds * 0.25, 11.0),
                    );
                }
            }
        }
        care.capacity.insert(inst.id.clone(), cap);
    }
    // Telemedicine: the lead hospital supports every grassroots centre with ten hours
    // of specialist time a month, 20 minutes a consultation.
    if let Some(&hub) = hospitals.first() {
        for inst in &s.institutions {
            if matches!(
                inst.tier,
                Tier::TownshipHealthCentre | Tier::CommunityHealthCentre
            ) {
                care.telemedicine.push(TelemedicineLink {
                    hub: s.institutions[hub].id.clone(),
                    spoke: inst.id.clone(),
                    minutes: 600.0,
                    minutes_per_consultation: 20.0,
                    classes: vec!["specialist_outpatient".into()],
                });
            }
        }
    }
    let outpatient: Vec<String> = RATES[..3].iter().map(|(id, _)| id.to_string()).collect();
    let inpatient: Vec<String> = RATES[3..].iter().map(|(id, _)| id.to_string()).collect();
    care.targets = CareTargets {
        min_grassroots_share: Some(ShareTarget {
            share: 0.65,
            classes: outpatient,
        }),
        min_within_county_share: Some(ShareTarget {
            share: 0.9,
            classes: inpatient,
        }),
        max_hospital_utilisation: Some(0.92),
        penalty: 2_000.0,
    };
    s.care = Some(care);
}
