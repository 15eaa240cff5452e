//! Generated consortia have the published proportions and are deterministic.

use yilian::haversine_km;
use yilian::{generate, Consortium, Tier};

fn count(s: &yilian::Scenario, tier: Tier) -> usize {
    s.institutions.iter().filter(|i| i.tier == tier).count()
}

#[test]
fn county_has_the_sizes_of_a_county_medical_community() {
    for seed in 0..20 {
        let s = generate::county(seed);
        let hospitals = count(&s, Tier::Secondary) + count(&s, Tier::Other);
        assert!((1..=3).contains(&hospitals), "seed {seed}: {hospitals}");
        assert!((11..=20).contains(&count(&s, Tier::TownshipHealthCentre)));
        assert!((130..=200).contains(&count(&s, Tier::VillageClinic)));
        let population: f64 = s.institutions.iter().map(|i| i.population).sum();
        assert!(
            (250_000.0..=350_000.0).contains(&population),
            "{population}"
        );
        let c = Consortium::new(s.clone()).unwrap();
        assert!(c.specialties().len() >= 10);
        // County-sized: every institution within 40 km of the first hospital.
        let home = s.institutions[0].location.unwrap();
        for i in &s.institutions {
            let l = i.location.unwrap();
            assert!(haversine_km((home.lon, home.lat), (l.lon, l.lat)) < 40.0);
        }
        // Rooms and demand in proportion: a township centre hosts 15-30 room-days
        // and wants between 1 and 20 visits per 1,000 people it serves directly.
        for t in s
            .institutions
            .iter()
            .filter(|i| i.tier == Tier::TownshipHealthCentre)
        {
            assert!((15.0..=30.0).contains(&t.room_days));
            let visits: f64 = t.demand.values().sum();
            let per_1000 = visits / t.population * 1000.0;
            assert!((1.0..=60.0).contains(&per_1000), "{per_1000}");
        }
    }
}

#[test]
fn city_has_the_sizes_of_a_city_medical_group() {
    for seed in 0..20 {
        let s = generate::city(seed);
        assert!((1..=2).contains(&count(&s, Tier::Tertiary)));
        assert!((2..=4).contains(&count(&s, Tier::Secondary)));
        assert!((20..=40).contains(&count(&s, Tier::CommunityHealthCentre)));
        assert!(Consortium::new(s).is_ok());
    }
}

#[test]
fn generators_are_deterministic_by_seed() {
    assert_eq!(generate::county(42), generate::county(42));
    assert_ne!(generate::county(42), generate::county(43));
    assert_eq!(generate::city(42), generate::city(42));
    assert_ne!(generate::city(42), generate::city(43));
}
