//! One time limit shared by the stages of a solve.

use super::SolveOptions;
use std::time::{Duration, Instant};

/// The moment a solve must end by, shared by all its stages (equity's two LPs, the
/// roster's MIP and LP relaxation, the scanner model's decomposition, MIP and LP at
/// fixed units), so that the whole solve keeps `time_limit`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Deadline {
    end: Option<Instant>,
}

impl Deadline {
    /// The deadline of a solve that started at `start`. A limit too large to add to the
    /// clock counts as none.
    pub fn starting_at(start: Instant, options: &SolveOptions) -> Self {
        let end = options
            .time_limit
            .and_then(|t| Duration::try_from_secs_f64(t).ok())
            .and_then(|d| start.checked_add(d));
        Self { end }
    }

    /// The end, if there is a limit.
    pub fn instant(&self) -> Option<Instant> {
        self.end
    }

    /// Seconds left (0 once passed), or None without a limit.
    pub fn left(&self) -> Option<f64> {
        self.end
            .map(|e| e.saturating_duration_since(Instant::now()).as_secs_f64())
    }

    /// Whether the time is up.
    pub fn expired(&self) -> bool {
        self.left().is_some_and(|l| l <= 0.0)
    }

    /// `options` with the time limit cut to the time left, for the next stage.
    pub fn options(&self, options: &SolveOptions) -> SolveOptions {
        let mut o = options.clone();
        if let Some(left) = self.left() {
            o.time_limit = Some(left);
        }
        o
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Backend;

    /// A stage gets at most the time left; no limit, no deadline (the example of the
    /// type while it was public).
    #[test]
    fn stages_share_the_time_limit() {
        let o = SolveOptions::new(Backend::Microlp).time_limit(30.0);
        let d = Deadline::starting_at(Instant::now(), &o);
        let stage = d.options(&o);
        assert!(stage.time_limit.unwrap() <= 30.0);
        assert!(!d.expired());
        let none = SolveOptions::new(Backend::Microlp);
        assert_eq!(Deadline::starting_at(Instant::now(), &none).left(), None);
    }
}
