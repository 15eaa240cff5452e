//! The LP layer: a solver-neutral sparse program ([`LinearProgram`]), solved on a
//! backend by [`solve`], and written to MPS or LP files ([`ModelFormat`]).
//!
//! Every model builds its program here; `program()` on a model returns it, for sizes,
//! benchmarks and experiments on other solvers. The choice of backend and the limits
//! ([`crate::Backend`], [`crate::SolveOptions`]) and the status of a solve
//! ([`crate::Status`]) are at the crate root.

pub(crate) mod backend;
mod deadline;
mod export;
#[cfg(feature = "highs")]
pub(crate) mod highs_threads;
mod linear_program;
pub(crate) mod options;
mod run;
pub(crate) mod status;

pub(crate) use backend::Backend;
pub(crate) use deadline::Deadline;
pub use export::{mps_name, named, safe_name, ModelFormat, Names};
pub use linear_program::{Cmp, Column, LinearProgram, Row, Sense};
pub(crate) use options::SolveOptions;
pub use options::MAX_TIME_LIMIT;
#[cfg(feature = "highs")]
pub(crate) use run::highs_problem;
pub use run::{solve, solve_with_hints, LpSolution, SolveFailure, SolveHints};
pub(crate) use status::Status;
pub use status::{assess, relative_gap, GAP_FLOOR, OPTIMALITY_GAP};
