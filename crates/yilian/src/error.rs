//! Errors: one typed enum for the whole library.
//!
//! Every message names the field (as a path into the scenario, such as
//! `institutions[12].demand.cardiology`) and the offending value, so that a
//! planner can find the cell in the spreadsheet the scenario came from.

use serde::{Deserialize, Serialize};
use std::fmt;

/// One problem found in a scenario: where it is and what is wrong with it.
///
/// ```
/// let issue = yilian::Issue::new("institutions[12].demand.cardiology", "-3 is negative");
/// assert_eq!(issue.to_string(), "institutions[12].demand.cardiology: -3 is negative");
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Issue {
    /// Path of the field in the scenario, for example `pools[3].home`.
    pub path: String,
    /// What is wrong, quoting the value.
    pub message: String,
}

impl Issue {
    /// A new issue at `path`.
    pub fn new(path: impl Into<String>, message: impl Into<String>) -> Self {
        Self {
            path: path.into(),
            message: message.into(),
        }
    }
}

impl fmt::Display for Issue {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.path, self.message)
    }
}

/// Everything that can go wrong in yilian.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// A file could not be read or written.
    #[error("{path}: {source}")]
    Io {
        /// The file.
        path: String,
        /// The underlying error.
        #[source]
        source: std::io::Error,
    },
    /// The scenario file is not valid JSON or has a field of the wrong type.
    #[error("{path}: {message}")]
    Parse {
        /// Path of the field where parsing stopped (`.` for the document).
        path: String,
        /// What the parser expected and found.
        message: String,
    },
    /// The scenario parsed but breaks one or more rules; all of them are listed.
    #[error("{}", list_issues(.0))]
    Invalid(Vec<Issue>),
    /// An option passed to a model or solver is out of range.
    #[error("{field}: {message}")]
    InvalidOption {
        /// The option, for example `time_limit`.
        field: String,
        /// What is wrong with its value.
        message: String,
    },
    /// The model has no feasible plan; the message says which rules collide.
    #[error("infeasible: {0}")]
    Infeasible(String),
    /// The model is unbounded (a modelling error: it should not happen).
    #[error("unbounded: {0}")]
    Unbounded(String),
    /// The solver backend failed.
    #[error("solver {backend} failed: {message}")]
    Solver {
        /// Backend name.
        backend: String,
        /// The solver's message.
        message: String,
    },
    /// The backend exists but was not compiled into this build.
    #[error("backend '{name}' is not compiled in; rebuild yilian with the cargo feature `{name}` (for example `--features {name}`)")]
    BackendUnavailable {
        /// Backend name, which is also the cargo feature.
        name: String,
    },
    /// A backend name that yilian does not know.
    #[error("backend: '{0}' is not a known backend (expected one of: microlp, highs, coin_cbc, clarabel)")]
    UnknownBackend(String),
    /// The backend cannot solve this kind of model (for example integers with Clarabel).
    #[error("backend {backend} cannot solve this model: {message}")]
    Unsupported {
        /// Backend name.
        backend: String,
        /// What the model needs that the backend lacks.
        message: String,
    },
}

fn list_issues(issues: &[Issue]) -> String {
    let n = issues.len();
    let mut out = format!(
        "the scenario has {n} error{}:",
        if n == 1 { "" } else { "s" }
    );
    for issue in issues {
        out.push_str("\n  ");
        out.push_str(&issue.to_string());
    }
    out
}

/// Result alias used throughout yilian.
pub type Result<T, E = Error> = std::result::Result<T, E>;
