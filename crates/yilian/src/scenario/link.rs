//! Road links between institutions.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

/// A road between two institutions, travelled both ways in `minutes`.
///
/// When a scenario has links, travel times are shortest paths over them.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Link {
    /// Id of one end.
    pub from: String,
    /// Id of the other end.
    pub to: String,
    /// Travel time in minutes.
    pub minutes: f64,
}

impl Link {
    /// A road between `from` and `to`.
    pub fn new(from: impl Into<String>, to: impl Into<String>, minutes: f64) -> Self {
        Self {
            from: from.into(),
            to: to.into(),
            minutes,
        }
    }
}
