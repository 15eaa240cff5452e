//! How the scanner model is solved: [`ScannerMethod`], and its names as text (the CLI's
//! `--method`, Python's `method=`).

use crate::error::{Error, Result};

/// How [`ScannerModel`](super::ScannerModel) solves.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum ScannerMethod {
    /// The decomposition when it applies (no relocation, unmet demand allowed), then,
    /// if the gap is not yet proven, the MIP with the decomposition's plan as its
    /// start (without a time limit, or within it when the MIP is small); the MIP alone
    /// when the decomposition does not apply.
    #[default]
    Auto,
    /// The mixed-integer program alone (strong formulation), on any backend.
    Mip,
    /// The Lagrangian decomposition alone: the best plan and bound it reaches, even when
    /// the gap is not proven (status `time_limit` then, also when it stopped because no
    /// move improved the plan). Needs `allow_relocation` off and unmet demand allowed
    /// (else [`Error::InvalidOption`]).
    Decomposition,
}

impl std::str::FromStr for ScannerMethod {
    type Err = Error;

    /// Parses `auto`, `mip` or `decomposition`.
    ///
    /// ```
    /// use yilian::ScannerMethod;
    /// assert_eq!("mip".parse::<ScannerMethod>().unwrap(), ScannerMethod::Mip);
    /// assert!("fast".parse::<ScannerMethod>().is_err());
    /// ```
    fn from_str(s: &str) -> Result<Self> {
        match s {
            "auto" => Ok(Self::Auto),
            "mip" => Ok(Self::Mip),
            "decomposition" => Ok(Self::Decomposition),
            _ => Err(Error::InvalidOption {
                field: "method".into(),
                message: format!(
                    "\"{s}\" is not a scanner method (expected auto, mip or decomposition)"
                ),
            }),
        }
    }
}
