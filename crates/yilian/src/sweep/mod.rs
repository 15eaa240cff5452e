//! Scenario sweeps (design.md, section 4b): one model over scenarios x parameter
//! overrides, as independent tasks, into one tidy table.
//!
//! - [`overrides`](apply_overrides): set fields by path (`policy.budget`,
//!   `pools.*.max_travel_minutes`) on the scenario's JSON form, then read it back and
//!   validate it, with the errors a scenario file would get;
//! - [`grid`](grid_points): values per path and the points of their product;
//! - [`MODELS`]: the models a sweep runs, one entry each, and the headline measures of
//!   a point ([`Outcome`]);
//! - [`run_point`]: one task to one [`PointRow`] (an error row instead of a failure);
//! - [`run_tasks`]: every task on threads, rows in a fixed order whatever the number of
//!   threads (the CLI's `yilian sweep`; Python's `yilian.sweep` runs the same
//!   [`run_point`] on processes or Ray).
//!
//! ```
//! use yilian::sweep::{find_model, run_tasks, tasks, ModelSettings, parse_axis};
//! let scenarios = vec![("county-1".to_string(), yilian::generate::county(1))];
//! let axes = vec![parse_axis("policy.budget=0,1e9").unwrap()];
//! let all = tasks(&scenarios, &[find_model("rotation").unwrap()], &axes);
//! let rows = run_tasks(&all, &ModelSettings::default(), 2, |_, _| {});
//! assert_eq!(rows.len(), 2);
//! // No budget sends no one, so the unmet demand is larger.
//! assert!(rows[0].unmet.unwrap() > rows[1].unmet.unwrap());
//! ```

mod grid;
mod models;
mod overrides;
mod row;
mod run;

pub use grid::{grid_points, parse_axis, point_label, Axis};
pub use models::{find_model, ModelSettings, Outcome, SweepModel, MODELS};
pub use overrides::{apply_overrides, parse_value, path_segments, Override};
pub use row::{run_point, PointRow, RESULT_COLUMNS, TIMING_COLUMNS};
pub use run::{run_tasks, tasks, Task};
