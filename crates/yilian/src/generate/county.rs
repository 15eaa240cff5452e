//! A generated county medical community (县域医共体).

use super::layout::{round, Area};
use super::specialties::SPECIALTIES;
use crate::scenario::{
    CandidateSite, Imaging, Institution, ModalitySettings, Scanner, Scenario, SpecialistPool, Tier,
    TravelSettings, TravelSource,
};
use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;
use std::collections::BTreeMap;

const HOSPITALS: [(&str, Tier, &[&str]); 3] = [
    ("County People's Hospital", Tier::Secondary, &[]),
    (
        "County Hospital of Traditional Chinese Medicine",
        Tier::Secondary,
        &[
            "traditional_chinese_medicine",
            "rehabilitation",
            "orthopedics",
            "dermatology",
        ],
    ),
    (
        "County Maternal and Child Health Hospital",
        Tier::Other,
        &["pediatrics", "obstetrics_gynecology"],
    ),
];

/// Working days in the planning period (one month).
const PERIOD_DAYS: f64 = 22.0;

/// A county medical community generated from `seed`.
///
/// The first county hospital offers all 14 specialties; a second (traditional
/// Chinese medicine) and third (maternal and child health) offer a few. Township
/// health centres are hubs with visiting-clinic rooms and a policy minimum of 8
/// visiting days a month; village clinics see chronic-disease demand only.
///
/// ```
/// let s = yilian::generate::county(1);
/// let villages = s.institutions.iter().filter(|i| i.tier == yilian::Tier::VillageClinic).count();
/// assert!((130..=200).contains(&villages));
/// assert_eq!(s, yilian::generate::county(1));
/// ```
pub fn county(seed: u64) -> Scenario {
    county_around(seed, None)
}

/// The county of `seed`, centred on `centre` (lon, lat) when given.
pub(crate) fn county_around(seed: u64, centre: Option<(f64, f64)>) -> Scenario {
    let mut rng = ChaCha8Rng::seed_from_u64(seed);
    let lon = round(rng.gen_range(118.5..121.0), 3);
    let lat = round(rng.gen_range(28.5..31.0), 3);
    let (lon, lat) = centre.unwrap_or((lon, lat));
    let area = Area {
        lon,
        lat,
        width_km: rng.gen_range(38.0..50.0),
        height_km: rng.gen_range(28.0..38.0),
    };
    let n_hospitals = rng.gen_range(1..=3);
    let n_townships = rng.gen_range(11..=20);
    let n_villages = rng.gen_range(130..=200);
    let total_population: f64 = rng.gen_range(270_000.0..330_000.0);
    let town_share = rng.gen_range(0.25..0.35);
    let rural = total_population * (1.0 - town_share);

    let mut s = Scenario::new(format!("county-{seed}"));
    s.description = Some(format!(
        "Generated county medical community (seed {seed}): {n_hospitals} county hospitals, \
         {n_townships} township health centres, {n_villages} village clinics"
    ));
    s.period_days = PERIOD_DAYS;
    s.travel = TravelSettings {
        source: TravelSource::Coordinates,
        detour_factor: 1.35,
        speed_kmh: 35.0,
    };

    // County hospitals near the centre, serving the county town directly.
    let town_split = [0.6, 0.25, 0.15];
    for (h, (name, tier, _)) in HOSPITALS.iter().take(n_hospitals).enumerate() {
        let (lon, lat) = area.point(rng.gen_range(-2.5..2.5), rng.gen_range(-2.5..2.5));
        let share = town_split[h] / town_split[..n_hospitals].iter().sum::<f64>();
        s.institutions.push(
            Institution::new(format!("CH{}", h + 1), *tier)
                .name(*name)
                .at(lon, lat)
                .district("county town")
                .population(round(total_population * town_share * share, 0)),
        );
    }

    // Township health centres spread over the county, each with a catchment.
    let sites = area.spread(n_townships, &mut rng);
    let weights: Vec<f64> = (0..n_townships).map(|_| rng.gen_range(0.6..1.6)).collect();
    let weight_sum: f64 = weights.iter().sum();
    let catchment: Vec<f64> = weights.iter().map(|w| rural * w / weight_sum).collect();
    for t in 0..n_townships {
        let (lon, lat) = area.point(sites[t].0, sites[t].1);
        let id = format!("THC{:02}", t + 1);
        let mut inst = Institution::new(&id, Tier::TownshipHealthCentre)
            .name(format!("Township Health Centre {:02}", t + 1))
            .at(lon, lat)
            .district(&id)
            .population(round(catchment[t] * 0.35, 0))
            .room_days(f64::from(rng.gen_range(15..=30)));
        for sp in &SPECIALTIES {
            // Chronic-disease follow-up is partly done at the village clinics.
            let at_hub = if sp.at_villages { 0.6 } else { 0.85 };
            let noise = rng.gen_range(0.8..1.2);
            inst = inst.demand(
                sp.name,
                round(
                    catchment[t] * sp.visits_per_1000 / 1000.0 * at_hub * noise,
                    1,
                ),
            );
        }
        s.institutions.push(inst);
    }

    // Village clinics around their township, in proportion to its catchment.
    let mut per_township: Vec<usize> = catchment
        .iter()
        .map(|c| ((c / rural) * n_villages as f64).floor().max(1.0) as usize)
        .collect();
    let mut k = 0;
    while per_township.iter().sum::<usize>() < n_villages {
        per_township[k % n_townships] += 1;
        k += 1;
    }
    while per_township.iter().sum::<usize>() > n_villages {
        let t = (0..n_townships)
            .max_by_key(|&t| per_township[t])
            .unwrap_or(0);
        per_township[t] -= 1;
    }
    let mut v = 0;
    for t in 0..n_townships {
        let village_pop = catchment[t] * 0.65 / per_township[t] as f64;
        for _ in 0..per_township[t] {
            v += 1;
            let angle = rng.gen_range(0.0..std::f64::consts::TAU);
            let radius = rng.gen_range(1.0..6.0);
            let x = (sites[t].0 + radius * angle.cos())
                .clamp(-area.width_km / 2.0, area.width_km / 2.0);
            let y = (sites[t].1 + radius * angle.sin())
                .clamp(-area.height_km / 2.0, area.height_km / 2.0);
            let (lon, lat) = area.point(x, y);
            let pop = round(village_pop * rng.gen_range(0.6..1.4), 0);
            let mut inst = Institution::new(format!("VC{v:03}"), Tier::VillageClinic)
                .name(format!("Village Clinic {v:03}"))
                .at(lon, lat)
                .district(format!("THC{:02}", t + 1))
                .population(pop)
                .room_days(f64::from(rng.gen_range(2..=4)));
            for sp in SPECIALTIES.iter().filter(|sp| sp.at_villages) {
                inst = inst.demand(sp.name, round(pop * sp.visits_per_1000 / 1000.0 * 0.4, 1));
            }
            s.institutions.push(inst);
        }
    }

    // Specialist pools at the county hospitals.
    for (h, (_, _, offered)) in HOSPITALS.iter().take(n_hospitals).enumerate() {
        for sp in &SPECIALTIES {
            if h > 0 && !offered.contains(&sp.name) {
                continue;
            }
            let headcount: u32 = match (h, sp.name) {
                (0, "psychiatry") => rng.gen_range(2..=4),
                (0, _) => rng.gen_range(5..=12),
                _ => rng.gen_range(3..=6),
            };
            let outreach_share = rng.gen_range(0.06..0.12);
            let total = f64::from(headcount) * PERIOD_DAYS;
            s.pools.push(
                SpecialistPool::new(
                    format!("CH{}-{}", h + 1, sp.name),
                    format!("CH{}", h + 1),
                    sp.name,
                )
                .headcount(headcount)
                .days_per_person(PERIOD_DAYS)
                .home_min_days(round(total * (1.0 - outreach_share), 0))
                .max_travel_minutes(if h == 0 { 90.0 } else { 75.0 })
                .visits_per_day(sp.visits_per_day)
                .cost_per_day(f64::from(rng.gen_range(12..=20)) * 50.0)
                .cost_per_minute(1.5),
            );
        }
    }

    s.policy
        .min_days_by_tier
        .insert(Tier::TownshipHealthCentre, 8.0);
    add_imaging(&mut s, n_hospitals, &mut rng);
    super::care::add_care(&mut s, seed, false);
    s
}

/// CT and MRI: units at the county hospitals only, candidates at township health
/// centres (CT at every one, MRI at the three largest) and a second MRI at CH1.
/// Exams are ordered where people are registered, in proportion to population.
fn add_imaging(s: &mut Scenario, n_hospitals: usize, rng: &mut ChaCha8Rng) {
    let mut im = Imaging::new(BTreeMap::from([
        (
            "CT".to_string(),
            ModalitySettings {
                exams_per_day: 76.0,
                working_days: PERIOD_DAYS,
                max_travel_minutes: 45.0,
            },
        ),
        (
            "MRI".to_string(),
            ModalitySettings {
                exams_per_day: 32.0,
                working_days: PERIOD_DAYS,
                max_travel_minutes: 60.0,
            },
        ),
    ]));
    for inst in &mut s.institutions {
        // CT about 12 and MRI about 4 exams per 1,000 people a month.
        let noise = rng.gen_range(0.85..1.15);
        inst.exams
            .insert("CT".into(), round(inst.population * 0.012 * noise, 1));
        inst.exams
            .insert("MRI".into(), round(inst.population * 0.004 * noise, 1));
    }
    let units: [(&str, &str, u32); 3] = [("CH1", "CT", 2), ("CH1", "MRI", 1), ("CH2", "CT", 1)];
    for (site, modality, n) in units {
        if site == "CH2" && n_hospitals < 2 {
            continue;
        }
        for k in 1..=n {
            im.scanners.push(Scanner {
                id: format!("{site}-{modality}-{k}"),
                site: site.into(),
                modality: modality.into(),
                exams_per_day: None,
                working_days: None,
            });
        }
    }
    im.candidates.push(CandidateSite {
        site: "CH1".into(),
        modality: "MRI".into(),
        fixed_cost: 120_000.0,
        max_units: 1,
    });
    let mut townships: Vec<&Institution> = s
        .institutions
        .iter()
        .filter(|i| i.tier == Tier::TownshipHealthCentre)
        .collect();
    for t in &townships {
        im.candidates.push(CandidateSite {
            site: t.id.clone(),
            modality: "CT".into(),
            fixed_cost: f64::from(rng.gen_range(60..=80)) * 1000.0,
            max_units: 1,
        });
    }
    townships.sort_by(|a, b| b.population.total_cmp(&a.population).then(a.id.cmp(&b.id)));
    for t in townships.iter().take(3) {
        im.candidates.push(CandidateSite {
            site: t.id.clone(),
            modality: "MRI".into(),
            fixed_cost: 150_000.0,
            max_units: 1,
        });
    }
    im.budget = Some(400_000.0);
    s.imaging = Some(im);
}
