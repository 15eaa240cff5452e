//! Allocation rules and the models whose costs are shared, as names.

use crate::error::{Error, Result};
use crate::plan::ReferralMode;
use crate::ScannerMethod;

/// The planning model whose optimal cost makes a coalition's value.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ShareModelKind {
    /// M1 rotation allocation: weighted unmet visits + shortfall penalty + weighted cost.
    Rotation,
    /// M3 shared scanners, solved by this method: travel minutes + penalty x unmet
    /// exams + weighted cost.
    Scanners(ScannerMethod),
    /// M5 tiered care and referral, with the rotation days solved jointly (one program,
    /// the default) or sequentially (M1 solved on the coalition first, its days fixed):
    /// care objective (travel + treatment + unmet and target penalties) +
    /// `care.rotation_weight` x M1's weighted objective, the plan's `total_objective`.
    Referral(ReferralMode),
}

impl ShareModelKind {
    /// The model's name (`rotation`, `scanners`, `referral`).
    pub fn name(self) -> &'static str {
        match self {
            ShareModelKind::Rotation => "rotation",
            ShareModelKind::Scanners(_) => "scanners",
            ShareModelKind::Referral(_) => "referral",
        }
    }
}

impl std::str::FromStr for ShareModelKind {
    type Err = Error;
    /// Parses `rotation`, `scanners` (the scanner model with its default method) or
    /// `referral` (joint mode).
    ///
    /// ```
    /// use yilian::models::share::ShareModelKind;
    /// use yilian::ReferralMode;
    /// assert_eq!("referral".parse::<ShareModelKind>().unwrap(),
    ///            ShareModelKind::Referral(ReferralMode::Joint));
    /// assert!("roster".parse::<ShareModelKind>().is_err());
    /// ```
    fn from_str(s: &str) -> Result<Self> {
        match s {
            "rotation" => Ok(Self::Rotation),
            "scanners" => Ok(Self::Scanners(ScannerMethod::Auto)),
            "referral" => Ok(Self::Referral(ReferralMode::Joint)),
            _ => Err(Error::InvalidOption {
                field: "model".into(),
                message: format!(
                    "\"{s}\" is not a model whose costs can be shared (expected rotation, \
                     scanners or referral)"
                ),
            }),
        }
    }
}

/// What a proportional rule shares in proportion to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Weights {
    /// The member's demand in the model: specialist visits (rotation), exams
    /// (scanners) or patients of its origins (referral, `care.demand`).
    Demand,
    /// The population its institutions serve.
    Population,
    /// Its stand-alone cost `v({i})`.
    StandAlone,
}

impl Weights {
    /// The name (`demand`, `population`, `stand_alone`).
    pub fn name(self) -> &'static str {
        match self {
            Weights::Demand => "demand",
            Weights::Population => "population",
            Weights::StandAlone => "stand_alone",
        }
    }
}

impl std::str::FromStr for Weights {
    type Err = Error;
    /// Parses `demand`, `population` or `stand_alone` (or `stand-alone`).
    fn from_str(s: &str) -> Result<Self> {
        match s {
            "demand" => Ok(Self::Demand),
            "population" => Ok(Self::Population),
            "stand_alone" | "stand-alone" => Ok(Self::StandAlone),
            _ => Err(Error::InvalidOption {
                field: "weights".into(),
                message: format!(
                    "\"{s}\" is not a weight (expected demand, population or stand_alone)"
                ),
            }),
        }
    }
}

/// How the grand coalition's cost is shared.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Rule {
    /// The Shapley value (exact up to [`crate::game::EXACT_PLAYERS`] members, else
    /// sampled; sampled whenever a number of samples is given).
    Shapley,
    /// The nucleolus.
    Nucleolus,
    /// A point of the least core, with its epsilon.
    LeastCore,
    /// In proportion to weights.
    Proportional(Weights),
}

impl Rule {
    /// The name (`shapley`, `nucleolus`, `least_core`, `proportional`).
    pub fn name(self) -> &'static str {
        match self {
            Rule::Shapley => "shapley",
            Rule::Nucleolus => "nucleolus",
            Rule::LeastCore => "least_core",
            Rule::Proportional(_) => "proportional",
        }
    }
}

impl std::str::FromStr for Rule {
    type Err = Error;
    /// Parses `shapley`, `nucleolus`, `least-core` (or `least_core`), `proportional`
    /// (by demand).
    ///
    /// ```
    /// use yilian::models::share::Rule;
    /// assert_eq!("least-core".parse::<Rule>().unwrap(), Rule::LeastCore);
    /// assert!("banzhaf".parse::<Rule>().is_err());
    /// ```
    fn from_str(s: &str) -> Result<Self> {
        match s {
            "shapley" => Ok(Self::Shapley),
            "nucleolus" => Ok(Self::Nucleolus),
            "least-core" | "least_core" => Ok(Self::LeastCore),
            "proportional" => Ok(Self::Proportional(Weights::Demand)),
            _ => Err(Error::InvalidOption {
                field: "rule".into(),
                message: format!(
                    "\"{s}\" is not an allocation rule (expected shapley, nucleolus, \
                     least-core or proportional)"
                ),
            }),
        }
    }
}
