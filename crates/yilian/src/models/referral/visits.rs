//! Visiting specialists' visits per (host, specialty): fixed by a rotation plan
//! (sequential mode) or columns of M1 in the same program (joint mode).

use crate::models::rotation::formulation::Pairs;
use crate::network::Consortium;
use crate::plan::RotationPlan;
use std::collections::HashMap;

/// Where the visits that enable classes at lower tiers come from.
#[derive(Debug, Clone)]
pub(crate) enum Visits {
    /// Visits per period per (host, specialty), from a rotation plan's days.
    Fixed(HashMap<(usize, String), f64>),
    /// (column, visits per day) of M1's day columns per (host, specialty).
    Columns(HashMap<(usize, String), Vec<(usize, f64)>>),
}

impl Visits {
    /// The visits of `plan` (days x visits per day of each pool).
    pub fn fixed(c: &Consortium, plan: &RotationPlan) -> Self {
        let s = c.scenario();
        let rate: HashMap<&str, f64> = s
            .pools
            .iter()
            .map(|p| (p.id.as_str(), p.visits_per_day))
            .collect();
        let mut visits: HashMap<(usize, String), f64> = HashMap::new();
        for a in &plan.assignments {
            if let (Some(j), Some(&r)) = (c.index_of(&a.host), rate.get(a.pool.as_str())) {
                *visits.entry((j, a.specialty.clone())).or_default() += r * a.days;
            }
        }
        Visits::Fixed(visits)
    }

    /// M1's day columns, which are columns `0..pairs.len()` of the joint program.
    pub fn columns(c: &Consortium, pairs: &Pairs) -> Self {
        let s = c.scenario();
        let mut cols: HashMap<(usize, String), Vec<(usize, f64)>> = HashMap::new();
        for (k, pair) in pairs.pairs.iter().enumerate() {
            let pool = &s.pools[pair.pool];
            cols.entry((pair.host, pool.specialty.clone()))
                .or_default()
                .push((k, pool.visits_per_day));
        }
        Visits::Columns(cols)
    }

    /// Whether visits of `specialty` at `host` can be positive.
    pub fn possible(&self, host: usize, specialty: &str) -> bool {
        let key = (host, specialty.to_string());
        match self {
            Visits::Fixed(v) => v.get(&key).is_some_and(|&x| x > 0.0),
            Visits::Columns(c) => c.get(&key).is_some_and(|v| !v.is_empty()),
        }
    }

    /// Visits of `specialty` at `host` for the column values `values`.
    pub fn value(&self, host: usize, specialty: &str, values: &[f64]) -> f64 {
        let key = (host, specialty.to_string());
        match self {
            Visits::Fixed(v) => v.get(&key).copied().unwrap_or(0.0),
            Visits::Columns(c) => c.get(&key).map_or(0.0, |v| {
                v.iter().map(|&(k, r)| r * values[k].max(0.0)).sum()
            }),
        }
    }
}
