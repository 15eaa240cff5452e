//! The limits on new units a plan must keep: the budget on their fixed costs and the
//! count of new units, as the relaxation reads them from the program.

use crate::models::scanners::bound::lagrangian::Relaxation;

/// The budget and the count of new units, with each station's budget cost of a unit.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Budget<'a> {
    rel: &'a Relaxation,
}

impl<'a> Budget<'a> {
    /// The limits of the program `rel` was read from.
    pub fn new(rel: &'a Relaxation) -> Self {
        Self { rel }
    }

    /// Whether a budget on fixed costs is set.
    pub fn has_budget(&self) -> bool {
        self.rel.budget.is_some()
    }

    /// Budget cost of one new unit at station `k`.
    pub fn unit_cost(&self, k: usize) -> f64 {
        self.rel.stations[k].unit_budget
    }

    /// Budget cost and count of `units`.
    pub fn spent(&self, units: &[u32]) -> (f64, f64) {
        units
            .iter()
            .zip(&self.rel.stations)
            .fold((0.0, 0.0), |(b, n), (&u, s)| {
                (b + f64::from(u) * s.unit_budget, n + f64::from(u))
            })
    }

    /// Budget and count of new units that `units` leave unspent (infinite, and
    /// `u32::MAX`, where there is no such limit).
    pub fn slack(&self, units: &[u32]) -> (f64, u32) {
        let (b, n) = self.spent(units);
        (
            self.rel
                .budget
                .map_or(f64::INFINITY, |max| (max - b).max(0.0)),
            self.rel
                .max_new
                .map_or(u32::MAX, |max| (max - n).max(0.0) as u32),
        )
    }

    /// Budget (or, without a budget, count) that `share` of what `units` leave unspent
    /// amounts to; infinite with neither limit.
    pub fn room(&self, units: &[u32], share: f64) -> f64 {
        let (spent, count) = self.spent(units);
        match (self.rel.budget, self.rel.max_new) {
            (Some(b), _) => (b - spent) * share,
            (None, Some(m)) => (m - count) * share,
            (None, None) => f64::INFINITY,
        }
    }

    /// Whether one more unit of budget cost `w` fits beside `units`.
    pub fn fits(&self, units: &[u32], w: f64) -> bool {
        let (b, n) = self.spent(units);
        self.rel.budget.is_none_or(|max| b + w <= max + 1e-9)
            && self.rel.max_new.is_none_or(|max| n + 1.0 <= max + 1e-9)
    }
}
