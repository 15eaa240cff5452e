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
}

impl Backend {
    /// Every backend yilian knows, compiled in or not.
    pub const ALL: [Backend; 2] = [Backend::Microlp, Backend::Highs];

    /// The name, which is also the cargo feature.
    pub fn name(self) -> &'static str {
        match self {
            Backend::Microlp => "microlp",
            Backend::Highs => "highs",
        }
    }

    /// Whether this backend is compiled into this build.
    pub fn is_available(self) -> bool {
        match self {
            Backend::Microlp => cfg!(feature = "microlp"),
            Backend::Highs => cfg!(feature = "highs"),
        }
    }

    /// The backends compiled into this build.
    pub fn available() -> Vec<Backend> {
        Self::ALL.into_iter().filter(|b| b.is_available()).collect()
    }

    /// The best backend compiled in: HiGHS if present, else microlp.
    pub fn best_available() -> Option<Backend> {
        [Backend::Highs, Backend::Microlp]
            .into_iter()
            .find(|b| b.is_available())
    }

    /// Whether the backend reports dual values (shadow prices) of LP rows.
    pub fn gives_duals(self) -> bool {
        matches!(self, Backend::Highs)
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
            _ => Err(Error::UnknownBackend(s.to_string())),
        }
    }
}
