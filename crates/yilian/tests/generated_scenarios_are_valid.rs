//! The generators never write a scenario their own validator refuses (issue 18): for a
//! spread of seeds, including the extremes of u64, and province sizes.

use yilian::{generate, Consortium, Scenario};

#[track_caller]
fn valid(what: &str, s: Scenario) {
    // Through the file format too: what `yilian generate` writes is read back.
    let text = s.to_json_string();
    let back = Scenario::from_json_str(&text).unwrap_or_else(|e| panic!("{what}: {e}"));
    assert_eq!(back, s, "{what}: the JSON text reads back differently");
    if let Err(e) = Consortium::new(s) {
        panic!("{what}: the generator wrote a scenario its validator refuses:\n{e}");
    }
}

const SEEDS: [u64; 8] = [0, 1, 2, 17, 1_000_003, 1 << 32, 1 << 63, u64::MAX];

#[test]
fn county_and_city_scenarios_are_valid_for_every_seed() {
    for seed in SEEDS {
        valid(&format!("county({seed})"), generate::county(seed));
        valid(&format!("city({seed})"), generate::city(seed));
    }
}

#[test]
fn province_scenarios_are_valid() {
    for (seed, counties) in [(1, 1), (u64::MAX, 2), (5, 7)] {
        valid(
            &format!("province({seed}, {counties})"),
            generate::province(seed, counties),
        );
    }
}
