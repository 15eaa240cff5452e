//! Cooperative cost games: who pays what when members share a plan (model M6).
//!
//! A [`Game`] holds the cost `v(S)` of every coalition `S` of players (a bitmask
//! [`Coalition`]); it can come from any source ([`Game::from_values`]), or from a
//! scenario's members and a planning model ([`crate::models::share`]). Allocation
//! rules: the Shapley value (exact, or sampled with standard errors), the nucleolus and
//! the least core (sequences of LPs on the project's LP layer), proportional baselines,
//! and the core check. Sign conventions and formulas: `docs/share.md`.
//!
//! ```
//! use yilian::game::Game;
//! use yilian::SolveOptions;
//! // Two clinics alone pay 6 and 4; together 8.
//! let g = Game::from_values(2, vec![0.0, 6.0, 4.0, 8.0]).unwrap();
//! assert_eq!(g.savings(), 2.0);
//! let nu = g.nucleolus(&SolveOptions::default()).unwrap();
//! assert!((nu.allocation[0] - 5.0).abs() < 1e-6 && (nu.allocation[1] - 3.0).abs() < 1e-6);
//! ```

mod coalition;
mod core_check;
mod nucleolus;
mod shapley;
mod span;
mod table;

pub use coalition::Coalition;
pub use core_check::{CoreCheck, CORE_TOLERANCE};
pub use nucleolus::{LeastCore, Nucleolus, EXACT_PLAYERS};
pub use shapley::{sample_orders, sampled_shapley_by, SampledShapley};
pub use table::{Game, MAX_PLAYERS};
