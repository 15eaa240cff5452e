//! Shared instances for yilian's benchmarks.
//!
//! Sizes: `county` (the county example, about 200 institutions), `city` (the city
//! example), `province-10` and `province-70` (10 or 70 counties side by side, about
//! 2,000 and 14,000 institutions).

use yilian::{generate, Consortium};

/// A named benchmark instance.
pub struct Instance {
    /// Size name used in reports.
    pub name: &'static str,
    /// The consortium.
    pub consortium: Consortium,
}

/// The rotation instances, smallest first. `large` adds the 70-county province.
pub fn rotation_instances(large: bool) -> Vec<Instance> {
    let mut out = vec![
        ("county", generate::county(1)),
        ("city", generate::city(1)),
        ("province-10", generate::province(1, 10)),
    ];
    if large {
        out.push(("province-70", generate::province(1, 70)));
    }
    out.into_iter()
        .map(|(name, s)| Instance {
            name,
            consortium: Consortium::new(s).expect("generated scenarios are valid"),
        })
        .collect()
}
