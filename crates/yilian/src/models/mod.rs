//! The planning models. Each builds one sparse program over travel-feasible pairs.

pub mod location;
pub mod referral;
pub mod roster;
pub mod rotation;
pub mod scanners;
pub mod share;
