//! The planning models. Each builds one sparse program over travel-feasible pairs.
//!
//! The five consortium models are at the crate root ([`crate::RotationModel`] M1,
//! [`crate::RosterModel`] M2, [`crate::ScannerModel`] M3, [`crate::ReferralModel`] M5);
//! their formulations are in the user guide (`docs/guide/models.md`,
//! `docs/models/referral.md`) and in the documentation of their source modules. Here
//! are the models with more than one public item: the classic location models
//! ([`location`], M4), the roster's settings ([`roster`]) and the sharing of costs
//! among members ([`share`], M6).

pub mod location;
pub(crate) mod referral;
pub mod roster;
pub(crate) mod rotation;
pub(crate) mod scanners;
pub mod share;
