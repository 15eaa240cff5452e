//! Options of a solve.

use super::Backend;
use crate::error::{Error, Result};

/// Longest time limit accepted, in seconds (a year). Beyond it a limit is no limit, and
/// deadlines computed from it overflow (`--time-limit 1e19` panicked converting to a
/// `Duration`).
pub const MAX_TIME_LIMIT: f64 = 31_536_000.0;

/// How to solve: which backend, and its limits.
///
/// ```
/// use yilian::{Backend, SolveOptions};
/// let o = SolveOptions::new(Backend::Microlp).time_limit(30.0).mip_gap(0.01);
/// assert!(o.validate().is_ok());
/// assert!(SolveOptions::new(Backend::Microlp).time_limit(-1.0).validate().is_err());
/// ```
#[derive(Debug, Clone, PartialEq)]
pub struct SolveOptions {
    /// The backend.
    pub backend: Backend,
    /// Wall-clock limit in seconds for the whole solve of a model: every stage (the two
    /// solves of a two-stage objective, an LP relaxation for a bound, the LP at fixed
    /// units) shares it through one deadline. HiGHS keeps it within about
    /// 5 % + 1 s; microlp cannot stop inside a simplex solve and may overshoot by
    /// seconds at province scale (`benches/README.md`, "Time limits and statuses").
    pub time_limit: Option<f64>,
    /// Relative MIP gap at which to stop (0.01 = 1 %).
    pub mip_gap: Option<f64>,
    /// Threads the solver may use (HiGHS only). The scanner model's decomposition
    /// also solves this many sub-MIPs side by side, one backend thread each (default:
    /// the machine's cores).
    pub threads: Option<u32>,
    /// Random seed of the solver (HiGHS only).
    pub seed: Option<u32>,
    /// Print the solver's log.
    pub log: bool,
}

impl Default for SolveOptions {
    /// The best compiled backend, no limits, quiet.
    fn default() -> Self {
        Self::new(Backend::best_available().unwrap_or(Backend::Microlp))
    }
}

impl SolveOptions {
    /// Options for `backend` with no limits.
    pub fn new(backend: Backend) -> Self {
        Self {
            backend,
            time_limit: None,
            mip_gap: None,
            threads: None,
            seed: None,
            log: false,
        }
    }
    /// Sets the time limit in seconds.
    pub fn time_limit(mut self, seconds: f64) -> Self {
        self.time_limit = Some(seconds);
        self
    }
    /// Sets the relative MIP gap.
    pub fn mip_gap(mut self, gap: f64) -> Self {
        self.mip_gap = Some(gap);
        self
    }
    /// Sets the number of threads.
    pub fn threads(mut self, threads: u32) -> Self {
        self.threads = Some(threads);
        self
    }
    /// Sets the solver's random seed.
    pub fn seed(mut self, seed: u32) -> Self {
        self.seed = Some(seed);
        self
    }
    /// Turns the solver log on or off.
    pub fn log(mut self, log: bool) -> Self {
        self.log = log;
        self
    }

    /// The relative gap to which a plan counts as proven optimal: the `mip_gap` asked
    /// for when it is tighter than [`super::OPTIMALITY_GAP`] (1e-4), else 1e-4; never
    /// below [`super::GAP_FLOOR`] (1e-6, the solvers' own absolute gap tolerance, so
    /// that `mip_gap(0.0)` means "as exact as the solver proves"). See [`super::Status`].
    ///
    /// ```
    /// use yilian::{Backend, SolveOptions};
    /// let o = SolveOptions::new(Backend::Microlp);
    /// assert_eq!(o.optimality_gap(), 1e-4);
    /// assert_eq!(o.clone().mip_gap(0.0).optimality_gap(), 1e-6);
    /// assert_eq!(o.mip_gap(0.05).optimality_gap(), 1e-4);
    /// ```
    pub fn optimality_gap(&self) -> f64 {
        self.mip_gap.map_or(super::OPTIMALITY_GAP, |g| {
            g.clamp(super::GAP_FLOOR, super::OPTIMALITY_GAP)
        })
    }

    /// The relative gap at which a backend is told to stop: the `mip_gap` asked for, else
    /// [`super::OPTIMALITY_GAP`] (on every backend, so that a default run means the same
    /// on each).
    pub fn stop_gap(&self) -> f64 {
        self.mip_gap.unwrap_or(super::OPTIMALITY_GAP)
    }

    /// Checks the values and that the backend is compiled in.
    pub fn validate(&self) -> Result<()> {
        if let Some(t) = self.time_limit {
            if !t.is_finite() || t < 0.0 {
                return Err(Error::InvalidOption {
                    field: "time_limit".into(),
                    message: format!("{t} must be a finite number of seconds >= 0"),
                });
            }
            if t > MAX_TIME_LIMIT {
                return Err(Error::InvalidOption {
                    field: "time_limit".into(),
                    message: format!(
                        "{t:e} seconds is more than the limit of {MAX_TIME_LIMIT:e} (a year): \
                         leave the time limit out for none"
                    ),
                });
            }
        }
        if let Some(g) = self.mip_gap {
            if !g.is_finite() || g < 0.0 {
                return Err(Error::InvalidOption {
                    field: "mip_gap".into(),
                    message: format!("{g} must be a finite number >= 0"),
                });
            }
        }
        if self.threads == Some(0) {
            return Err(Error::InvalidOption {
                field: "threads".into(),
                message: "0 must be at least 1".into(),
            });
        }
        self.backend.ensure_available()?;
        Ok(())
    }

    /// Options this backend cannot honour, to be reported with the result.
    ///
    /// | backend | time limit | MIP gap | threads | seed | log |
    /// |---|---|---|---|---|---|
    /// | microlp | yes | yes | no | no | no |
    /// | highs | yes | yes | yes | yes | yes |
    /// | coin_cbc | yes (whole seconds, may overshoot) | yes | no | yes | yes |
    /// | clarabel | yes | no integers | no | no | yes |
    pub fn unhonoured(&self) -> Vec<String> {
        let b = self.backend.name();
        let mut out = Vec::new();
        let threads = matches!(
            self.backend,
            Backend::Microlp | Backend::CoinCbc | Backend::Clarabel
        );
        if threads && self.threads.is_some() {
            out.push(format!(
                "{b} runs single-threaded here: `threads` was ignored"
            ));
        }
        let seed = matches!(self.backend, Backend::Microlp | Backend::Clarabel);
        if seed && self.seed.is_some() {
            out.push(format!("{b} has no random seed: `seed` was ignored"));
        }
        if self.backend == Backend::Microlp && self.log {
            out.push("microlp has no log: `log` was ignored".to_string());
        }
        if self.backend == Backend::Clarabel && self.mip_gap.is_some() {
            out.push("clarabel solves LPs only: `mip_gap` does not apply".to_string());
        }
        out
    }
}
