//! Independent checks of returned plans against their scenario.
//!
//! The checkers recompute every constraint from the scenario and the plan alone,
//! without the model code, and list what is broken. A plan from yilian always
//! passes; a plan edited by hand may not.
//!
//! Each checker has one function per rule of its model's formulation (`design.md`,
//! section 4), named after the rule, and one per figure the plan reports; a table at
//! the top of each file maps rule to function to violation name. All compare with one
//! tolerance: two figures agree within `1e-6 x (1 + the larger magnitude)`.

mod referral;
mod roster;
mod rotation;
mod scanners;
mod tolerance;
mod violation;

pub use referral::check_referral;
pub use roster::{check_roster, check_roster_against, check_roster_with, scenario_settings};
pub use rotation::check_rotation;
pub use scanners::check_scanners;
pub use violation::Violation;
