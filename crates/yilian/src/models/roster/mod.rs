//! M2, roster: a calendar of named specialists across hosts.
//!
//! The model is [`crate::RosterModel`]; this module documents its formulation and holds
//! the defaults of its settings ([`settings_for`]).
//!
//! Binary `y[p,j,d]` exist only for feasible triples: specialist `p` works on
//! planning day `d`, host `j` is within the pool's travel limit, has rooms, and is a
//! target of the pool or has a weekly visit rule. Rows:
//! at most one place a day `sum_j y[p,j,d] <= 1`; home cover
//! `sum_{p in (home, specialty)} sum_j y[p,j,d] <= working - min_present`;
//! host rooms per day `sum_p y[p,j,d] <= rooms[j]` and over the horizon
//! `sum y[.,j,.] <= room_days[j] * D / period_days`; pool outreach over the horizon;
//! elastic weekly rules `sum_{d in week} y[.,j,d] + v[j,w] >= required`;
//! elastic targets `sum coef * y + u[t] >= target`; continuity `z[p,j] >= y[p,j,d]`
//! with `sum_j z[p,j] <= max_hosts`; fairness `lo[s] <= sum y[p,.,.] <= hi[s]`,
//! `hi - lo <= max_spread` within each pool. Objective:
//! `target_penalty * u + frequency_penalty * v + host_penalty * z + lambda * cost`.
//!
//! Targets come from a rotation plan (specialist-days per (pool, host), scaled from the
//! period to the planning days) or from demand (visits per (host, specialty)).
//!
//! ```
//! use yilian::scenario::{Horizon, Roster};
//! use yilian::{Institution, RosterModel, Scenario, SolveOptions, SpecialistPool, Tier};
//! let c = Scenario::builder("two hosts")
//!     .institution(Institution::new("H", Tier::Secondary).at(120.0, 30.0))
//!     .institution(Institution::new("A", Tier::TownshipHealthCentre).at(120.1, 30.0)
//!         .demand("cardiology", 20.0).room_days(20.0))
//!     .pool(SpecialistPool::new("H-c", "H", "cardiology").headcount(2))
//!     .build()
//!     .unwrap();
//! let roster = Roster::new(Horizon::new("2026-03-02", 7));
//! let options = SolveOptions::default().time_limit(10.0);
//! let plan = RosterModel::new(&c).roster(roster.clone()).solve(&options).unwrap();
//! // 20 visits a month over 5 of 20 working days: 5 visits, one day of 10 visits.
//! assert_eq!(plan.visits.len(), 1);
//! assert!(yilian::check::check_roster_with(&c, &roster, &plan).is_empty());
//! ```

mod defaults;
mod export;
mod extract;
mod formulation;
pub(crate) mod model;

pub use defaults::{next_monday, settings_for, DEFAULT_DAYS};
pub(crate) use model::RosterModel;
