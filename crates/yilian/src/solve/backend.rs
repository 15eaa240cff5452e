//! Solver backends, chosen by name and compiled in by cargo features.

use crate::error::{Error, Result};
use serde::{Deserialize, Serialize};
use std::str::FromStr;

/// A solver backend. Each is a cargo feature of the `yilian` crate.
///
/// ```
/// use yilian::Backend;
/// let b: Backend = "microlp".parse().unwrap();
/// assert_eq!(b.name(), "microlp");
/// assert!("gurobi".parse::<Backend>().is_err());
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Backend {
    /// microlp: pure-Rust simplex and branch-and-bound; builds anywhere, no duals.
    Microlp,
    /// HiGHS: the strongest open-source solver; gives duals. Recommended.
    Highs,
    /// COIN-OR CBC (system library); MIPs and LPs, no duals.
    CoinCbc,
    /// Clarabel: pure-Rust interior point; linear programs only, gives duals.
    Clarabel,
}

impl Backend {
    /// Every backend yilian knows, compiled in or not.
    pub const ALL: [Backend; 4] = [
        Backend::Microlp,
        Backend::Highs,
        Backend::CoinCbc,
        Backend::Clarabel,
    ];

    /// The name, which is also the cargo feature.
    pub fn name(self) -> &'static str {
        match self {
            Backend::Microlp => "microlp",
            Backend::Highs => "highs",
            Backend::CoinCbc => "coin_cbc",
            Backend::Clarabel => "clarabel",
        }
    }

    /// Whether this backend is compiled into this build.
    pub fn is_available(self) -> bool {
        match self {
            Backend::Microlp => cfg!(feature = "microlp"),
            Backend::Highs => cfg!(feature = "highs"),
            Backend::CoinCbc => cfg!(feature = "coin_cbc"),
            Backend::Clarabel => cfg!(feature = "clarabel"),
        }
    }

    /// The backends compiled into this build.
    pub fn available() -> Vec<Backend> {
        Self::ALL.into_iter().filter(|b| b.is_available()).collect()
    }

    /// The best backend compiled in: HiGHS, then CBC, then microlp (Clarabel is never
    /// chosen by default since it cannot solve integer models).
    pub fn best_available() -> Option<Backend> {
        [Backend::Highs, Backend::CoinCbc, Backend::Microlp]
            .into_iter()
            .find(|b| b.is_available())
    }

    /// Whether the backend reports dual values (shadow prices) of LP rows.
    pub fn gives_duals(self) -> bool {
        matches!(self, Backend::Highs | Backend::Clarabel)
    }

    /// Whether the backend accepts integer variables.
    pub fn supports_integers(self) -> bool {
        !matches!(self, Backend::Clarabel)
    }

    /// `Ok(self)` if compiled in, else [`Error::BackendUnavailable`].
    pub fn ensure_available(self) -> Result<Self> {
        if self.is_available() {
            Ok(self)
        } else {
            Err(Error::BackendUnavailable {
                name: self.name().to_string(),
            })
        }
    }
}

impl std::fmt::Display for Backend {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.name())
    }
}

impl FromStr for Backend {
    type Err = Error;
    fn from_str(s: &str) -> Result<Self> {
        match s.to_ascii_lowercase().as_str() {
            "microlp" => Ok(Backend::Microlp),
            "highs" => Ok(Backend::Highs),
            "coin_cbc" | "cbc" => Ok(Backend::CoinCbc),
            "clarabel" => Ok(Backend::Clarabel),
            _ => Err(Error::UnknownBackend(s.to_string())),
        }
    }
}
