//! Independent checks of returned plans against their scenario.
//!
//! The checkers recompute every constraint from the scenario and the plan alone,
//! without the model code, and list what is broken. A plan from yilian always
//! passes; a plan edited by hand may not.

mod referral;
mod roster;
mod rotation;
mod scanners;
mod violation;

pub use referral::check_referral;
pub use roster::{check_roster, check_roster_with};
pub use rotation::check_rotation;
pub use scanners::check_scanners;
pub use violation::Violation;
