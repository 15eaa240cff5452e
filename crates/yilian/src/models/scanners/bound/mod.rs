//! The lower bounds of the decomposition, against which its plans are measured.
//!
//! - [`lagrangian`]: every demand row relaxed, so that each station is solved alone;
//!   a bound in milliseconds per subgradient iteration, about as strong as the LP
//!   relaxation;
//! - [`regional`]: only the demand rows between regions relaxed, each region solved
//!   as a small MIP (HiGHS); stronger, spent at the end of a time limit.
//!
//! The plans come from [`super::search`]; the rounds that alternate the two are in
//! [`super::decomposition`].

pub(crate) mod lagrangian;
pub(crate) mod regional;
