//! One broken rule in a plan.

use serde::{Deserialize, Serialize};
use std::fmt;

/// A rule the plan breaks, for whom, and by how much.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Violation {
    /// The rule, for example `pool_days` or `rooms`.
    pub rule: String,
    /// Whom it concerns: a pool, host or assignment.
    pub subject: String,
    /// What is wrong, with the numbers.
    pub message: String,
}

impl Violation {
    pub(crate) fn new(rule: &str, subject: impl Into<String>, message: impl Into<String>) -> Self {
        Self {
            rule: rule.into(),
            subject: subject.into(),
            message: message.into(),
        }
    }
}

impl fmt::Display for Violation {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} [{}]: {}", self.rule, self.subject, self.message)
    }
}

/// The checks every plan starts with: its format and model tags, and the scenario it
/// was made for.
pub(crate) fn header(
    format: &str,
    model: &str,
    expected_model: &str,
    plan_scenario: &str,
    scenario: &str,
) -> Vec<Violation> {
    let mut v = Vec::new();
    if format != crate::plan::PLAN_FORMAT || model != expected_model {
        v.push(Violation::new(
            "format",
            "plan",
            format!(
                "expected a {} {expected_model} plan, found {format} {model}",
                crate::plan::PLAN_FORMAT
            ),
        ));
    }
    if plan_scenario != scenario {
        v.push(Violation::new(
            "scenario",
            "plan",
            format!("plan is for scenario \"{plan_scenario}\", not \"{scenario}\""),
        ));
    }
    v
}
