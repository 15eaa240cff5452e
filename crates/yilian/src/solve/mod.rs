//! Solving: a solver-neutral sparse program, backends, options and status.

mod backend;
mod deadline;
mod export;
#[cfg(feature = "highs")]
pub(crate) mod highs_threads;
mod linear_program;
mod options;
mod run;
mod status;

pub use backend::Backend;
pub use deadline::Deadline;
pub use export::{mps_name, named, safe_name, ModelFormat, Names};
pub use linear_program::{Cmp, Column, LinearProgram, Row, Sense};
pub use options::{SolveOptions, MAX_TIME_LIMIT};
#[cfg(feature = "highs")]
pub(crate) use run::highs_problem;
pub use run::{solve, solve_with_hints, LpSolution, SolveFailure, SolveHints};
pub use status::{assess, relative_gap, Status, GAP_FLOOR, OPTIMALITY_GAP};
