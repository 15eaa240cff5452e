//! Building a scenario in code, without JSON.

use super::{Institution, Link, Scenario, SpecialistPool, Tier, TravelSettings};
use crate::error::Result;
use crate::network::Consortium;

/// Builds a [`Scenario`] in code and validates it into a [`Consortium`], with the
/// same rules as a scenario file.
///
/// ```
/// use yilian::{Institution, Scenario, SpecialistPool, Tier};
/// let consortium = Scenario::builder("demo")
///     .institution(Institution::new("H", Tier::Secondary).at(120.0, 30.0))
///     .institution(
///         Institution::new("T1", Tier::TownshipHealthCentre)
///             .at(120.1, 30.0)
///             .demand("cardiology", 40.0)
///             .room_days(10.0),
///     )
///     .pool(SpecialistPool::new("H-cardio", "H", "cardiology").headcount(2))
///     .min_days(Tier::TownshipHealthCentre, 4.0)
///     .build()
///     .unwrap();
/// assert_eq!(consortium.institution_count(), 2);
/// ```
#[derive(Debug, Clone)]
pub struct ScenarioBuilder {
    scenario: Scenario,
}

impl ScenarioBuilder {
    /// A builder for an empty scenario called `name`.
    pub fn new(name: impl Into<String>) -> Self {
        Self {
            scenario: Scenario::new(name),
        }
    }
    /// Sets the working days per period.
    pub fn period_days(mut self, days: f64) -> Self {
        self.scenario.period_days = days;
        self
    }
    /// Adds an institution.
    pub fn institution(mut self, institution: Institution) -> Self {
        self.scenario.institutions.push(institution);
        self
    }
    /// Adds a specialist pool.
    pub fn pool(mut self, pool: SpecialistPool) -> Self {
        self.scenario.pools.push(pool);
        self
    }
    /// Adds a road link.
    pub fn link(mut self, from: impl Into<String>, to: impl Into<String>, minutes: f64) -> Self {
        self.scenario.links.push(Link::new(from, to, minutes));
        self
    }
    /// Sets the travel settings.
    pub fn travel(mut self, travel: TravelSettings) -> Self {
        self.scenario.travel = travel;
        self
    }
    /// Sets the policy minimum of visiting days per period for hosts of `tier`.
    pub fn min_days(mut self, tier: Tier, days: f64) -> Self {
        self.scenario.policy.min_days_by_tier.insert(tier, days);
        self
    }
    /// Sets the budget per period.
    pub fn budget(mut self, budget: f64) -> Self {
        self.scenario.policy.budget = Some(budget);
        self
    }
    /// Sets the weight of one currency unit of cost in the objective.
    pub fn cost_weight(mut self, weight: f64) -> Self {
        self.scenario.policy.cost_weight = weight;
        self
    }
    /// Sets the penalty per day a host is left below its policy minimum.
    pub fn shortfall_penalty(mut self, penalty: f64) -> Self {
        self.scenario.policy.shortfall_penalty = penalty;
        self
    }
    /// Sets the weight of one unmet visit of `specialty`.
    pub fn unmet_weight(mut self, specialty: impl Into<String>, weight: f64) -> Self {
        self.scenario
            .policy
            .unmet_weight
            .insert(specialty.into(), weight);
        self
    }
    /// The scenario as built so far, not validated.
    pub fn scenario(self) -> Scenario {
        self.scenario
    }
    /// Validates and indexes the scenario.
    pub fn build(self) -> Result<Consortium> {
        Consortium::new(self.scenario)
    }
}
