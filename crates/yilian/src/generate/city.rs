//! A generated city medical group (城市医疗集团).

use super::layout::{round, Area};
use super::specialties::SPECIALTIES;
use crate::scenario::{Institution, Scenario, SpecialistPool, Tier, TravelSettings, TravelSource};
use rand::seq::SliceRandom;
use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;

/// Working days in the planning period (one month).
const PERIOD_DAYS: f64 = 22.0;

/// A city medical group generated from `seed`.
///
/// Tertiary hospitals lead; secondary hospitals each offer six specialties;
/// community health centres host visiting clinics and must receive at least 12
/// visiting days a month (three a week). Urban roads: 25 km/h, detour 1.4.
///
/// ```
/// let s = yilian::generate::city(3);
/// let chc = s.institutions.iter().filter(|i| i.tier == yilian::Tier::CommunityHealthCentre).count();
/// assert!((20..=40).contains(&chc));
/// ```
pub fn city(seed: u64) -> Scenario {
    let mut rng = ChaCha8Rng::seed_from_u64(seed ^ 0x5eed_c17e);
    let area = Area {
        lon: round(rng.gen_range(112.0..121.0), 3),
        lat: round(rng.gen_range(22.5..32.0), 3),
        width_km: rng.gen_range(20.0..28.0),
        height_km: rng.gen_range(18.0..26.0),
    };
    let n_tertiary = rng.gen_range(1..=2);
    let n_secondary = rng.gen_range(2..=4);
    let n_chc = rng.gen_range(20..=40);

    let mut s = Scenario::new(format!("city-{seed}"));
    s.description = Some(format!(
        "Generated city medical group (seed {seed}): {n_tertiary} tertiary hospitals, \
         {n_secondary} secondary hospitals, {n_chc} community health centres"
    ));
    s.period_days = PERIOD_DAYS;
    s.travel = TravelSettings {
        source: TravelSource::Coordinates,
        detour_factor: 1.4,
        speed_kmh: 25.0,
    };

    for t in 0..n_tertiary {
        let (lon, lat) = area.point(rng.gen_range(-3.0..3.0), rng.gen_range(-3.0..3.0));
        s.institutions.push(
            Institution::new(format!("TH{}", t + 1), Tier::Tertiary)
                .name(format!("City Hospital No. {}", t + 1))
                .at(lon, lat)
                .district("centre")
                .population(round(rng.gen_range(80_000.0..150_000.0), 0)),
        );
    }
    for h in 0..n_secondary {
        let (dx, dy) = area.random_offset(&mut rng);
        let (lon, lat) = area.point(dx, dy);
        s.institutions.push(
            Institution::new(format!("SH{}", h + 1), Tier::Secondary)
                .name(format!("District Hospital {}", h + 1))
                .at(lon, lat)
                .district(format!("district {}", h + 1))
                .population(round(rng.gen_range(50_000.0..100_000.0), 0)),
        );
    }
    let sites = area.spread(n_chc, &mut rng);
    for (c, &(x, y)) in sites.iter().enumerate() {
        let (lon, lat) = area.point(x, y);
        let pop: f64 = rng.gen_range(20_000.0..55_000.0);
        let mut inst = Institution::new(format!("CHC{:02}", c + 1), Tier::CommunityHealthCentre)
            .name(format!("Community Health Centre {:02}", c + 1))
            .at(lon, lat)
            .district(format!("district {}", 1 + c % n_secondary))
            .population(round(pop, 0))
            .room_days(f64::from(rng.gen_range(22..=44)));
        for sp in &SPECIALTIES {
            let noise = rng.gen_range(0.8..1.2);
            inst = inst.demand(
                sp.name,
                round(pop * sp.visits_per_1000 / 1000.0 * 0.4 * noise, 1),
            );
        }
        s.institutions.push(inst);
    }

    for t in 0..n_tertiary {
        for sp in &SPECIALTIES {
            let headcount = rng.gen_range(10..=30);
            let total = f64::from(headcount) * PERIOD_DAYS;
            s.pools.push(
                SpecialistPool::new(
                    format!("TH{}-{}", t + 1, sp.name),
                    format!("TH{}", t + 1),
                    sp.name,
                )
                .headcount(headcount)
                .days_per_person(PERIOD_DAYS)
                .home_min_days(round(total * (1.0 - rng.gen_range(0.05..0.09)), 0))
                .max_travel_minutes(60.0)
                .visits_per_day(sp.visits_per_day)
                .cost_per_day(f64::from(rng.gen_range(16..=24)) * 50.0)
                .cost_per_minute(2.0),
            );
        }
    }
    for h in 0..n_secondary {
        let mut offered: Vec<_> = SPECIALTIES.iter().collect();
        offered.shuffle(&mut rng);
        offered.truncate(6);
        offered.sort_by_key(|sp| sp.name);
        for sp in offered {
            let headcount = rng.gen_range(4..=10);
            let total = f64::from(headcount) * PERIOD_DAYS;
            s.pools.push(
                SpecialistPool::new(
                    format!("SH{}-{}", h + 1, sp.name),
                    format!("SH{}", h + 1),
                    sp.name,
                )
                .headcount(headcount)
                .days_per_person(PERIOD_DAYS)
                .home_min_days(round(total * (1.0 - rng.gen_range(0.06..0.12)), 0))
                .max_travel_minutes(45.0)
                .visits_per_day(sp.visits_per_day)
                .cost_per_day(f64::from(rng.gen_range(10..=16)) * 50.0)
                .cost_per_minute(2.0),
            );
        }
    }
    s.policy
        .min_days_by_tier
        .insert(Tier::CommunityHealthCentre, 12.0);
    super::care::add_care(&mut s, seed, true);
    s
}
