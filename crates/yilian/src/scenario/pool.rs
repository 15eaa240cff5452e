//! Specialist pools: the doctors of one specialty at one home institution.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

/// The specialists of one specialty at one home institution who can be sent down.
///
/// Days available for visits per period are
/// `headcount * days_per_person - home_min_days`.
///
/// ```
/// use yilian::SpecialistPool;
/// let p = SpecialistPool::new("CH1-cardiology", "CH1", "cardiology")
///     .headcount(6)
///     .days_per_person(20.0)
///     .home_min_days(100.0);
/// assert_eq!(p.outreach_days(), 20.0);
/// ```
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct SpecialistPool {
    /// Unique id.
    pub id: String,
    /// Id of the home institution.
    pub home: String,
    /// Specialty, matching the keys of institution demand.
    pub specialty: String,
    /// Number of specialists.
    pub headcount: u32,
    /// Working days per specialist per period.
    pub days_per_person: f64,
    /// Specialist-days that must stay at home per period (all specialists together).
    #[serde(default)]
    pub home_min_days: f64,
    /// Longest one-way travel, in minutes, to a host.
    pub max_travel_minutes: f64,
    /// Patient visits one specialist handles in one day at a host.
    pub visits_per_day: f64,
    /// Cost of one specialist-day away (allowance, lost income), in currency units.
    #[serde(default)]
    pub cost_per_day: f64,
    /// Cost of one minute of travel; a day at a host costs one round trip.
    #[serde(default)]
    pub cost_per_minute: f64,
}

impl SpecialistPool {
    /// A pool of one specialist with 20 days, no home minimum, 60 minutes of reach,
    /// 10 visits a day and no cost. Adjust with the setters.
    pub fn new(
        id: impl Into<String>,
        home: impl Into<String>,
        specialty: impl Into<String>,
    ) -> Self {
        Self {
            id: id.into(),
            home: home.into(),
            specialty: specialty.into(),
            headcount: 1,
            days_per_person: 20.0,
            home_min_days: 0.0,
            max_travel_minutes: 60.0,
            visits_per_day: 10.0,
            cost_per_day: 0.0,
            cost_per_minute: 0.0,
        }
    }
    /// Sets the headcount.
    pub fn headcount(mut self, headcount: u32) -> Self {
        self.headcount = headcount;
        self
    }
    /// Sets the working days per specialist per period.
    pub fn days_per_person(mut self, days: f64) -> Self {
        self.days_per_person = days;
        self
    }
    /// Sets the specialist-days that stay at home.
    pub fn home_min_days(mut self, days: f64) -> Self {
        self.home_min_days = days;
        self
    }
    /// Sets the travel limit in minutes (one way).
    pub fn max_travel_minutes(mut self, minutes: f64) -> Self {
        self.max_travel_minutes = minutes;
        self
    }
    /// Sets the visits per specialist-day.
    pub fn visits_per_day(mut self, visits: f64) -> Self {
        self.visits_per_day = visits;
        self
    }
    /// Sets the cost per specialist-day.
    pub fn cost_per_day(mut self, cost: f64) -> Self {
        self.cost_per_day = cost;
        self
    }
    /// Sets the cost per minute of travel.
    pub fn cost_per_minute(mut self, cost: f64) -> Self {
        self.cost_per_minute = cost;
        self
    }
    /// Specialist-days per period that may be sent away from home.
    pub fn outreach_days(&self) -> f64 {
        f64::from(self.headcount) * self.days_per_person - self.home_min_days
    }
    /// Cost of one specialist-day at a host `minutes` away (one round trip).
    ///
    /// ```
    /// let p = yilian::SpecialistPool::new("p", "h", "k").cost_per_day(500.0).cost_per_minute(2.0);
    /// assert_eq!(p.day_cost(30.0), 620.0);
    /// ```
    pub fn day_cost(&self, minutes: f64) -> f64 {
        self.cost_per_day + 2.0 * self.cost_per_minute * minutes
    }
}
