//! The plan search of the decomposition: plans (new units per station) found and
//! improved, each priced by the LP with its units fixed.
//!
//! - [`pricing`]: the LP at fixed units, a plan's cost, flows and duals; warm in one
//!   kept HiGHS instance (`warm_lp`, HiGHS only) when it can, else from scratch;
//! - [`budget`]: the budget and the count of new units a plan must keep;
//! - [`greedy`]: units added by their saving per budget cost at demand prices, and a
//!   whole plan filled and priced in turns;
//! - [`moves`]: drop-and-refill moves guided by the capacity duals;
//! - [`neighbourhood`]: MIP neighbourhoods (the units of a window of nearby stations
//!   freed, the rest fixed), solved side by side.
//!
//! The bounds these plans are measured against are in [`super::bound`]; the rounds
//! that alternate the two are in [`super::decomposition`].

pub(crate) mod budget;
pub(crate) mod greedy;
pub(crate) mod moves;
pub(crate) mod neighbourhood;
pub(crate) mod pricing;
#[cfg(feature = "highs")]
pub(crate) mod warm_lp;
