//! The core of a cost game, and proportional baselines.

use super::table::invalid;
use super::{Coalition, Game};
use crate::error::Result;

/// Relative tolerance (against the largest value of the game) of the core check.
pub const CORE_TOLERANCE: f64 = 1e-9;

/// Whether an allocation is in the core, and by how much it misses when not.
#[derive(Debug, Clone, PartialEq)]
pub struct CoreCheck {
    /// `x(N) - v(N)`: 0 for an allocation that shares exactly the grand coalition's cost.
    pub efficiency_gap: f64,
    /// The coalition that objects most: the largest `x(S) - v(S)` over proper coalitions
    /// (what it pays beyond its own cost), with that amount; `None` for one player.
    pub worst: Option<(Coalition, f64)>,
    /// Whether `x(N) = v(N)` and `x(S) <= v(S)` for every coalition, each to
    /// [`CORE_TOLERANCE`] times the largest value of the game.
    pub in_core: bool,
}

impl Game {
    /// Checks allocation `x` against every coalition.
    ///
    /// ```
    /// use yilian::game::{Coalition, Game};
    /// let g = Game::from_values(2, vec![0.0, 6.0, 4.0, 8.0]).unwrap();
    /// let c = g.core_check(&[7.0, 1.0]).unwrap();
    /// // Player 0 pays 7 > 6 alone: it objects by 1.
    /// assert_eq!(c.worst, Some((Coalition::single(0), 1.0)));
    /// assert!(!c.in_core);
    /// ```
    pub fn core_check(&self, x: &[f64]) -> Result<CoreCheck> {
        self.check_allocation(x)?;
        let sums = self.coalition_sums(x);
        let grand = self.grand().index();
        let mut worst: Option<(Coalition, f64)> = None;
        for (b, (sum, v)) in sums
            .iter()
            .zip(self.values())
            .enumerate()
            .take(grand)
            .skip(1)
        {
            let over = sum - v;
            if worst.is_none_or(|(_, w)| over > w) {
                worst = Some((Coalition::from_bits(b as u64), over));
            }
        }
        let tol = CORE_TOLERANCE * self.scale();
        let efficiency_gap = sums[grand] - self.values()[grand];
        let in_core = efficiency_gap.abs() <= tol && worst.is_none_or(|(_, w)| w <= tol);
        Ok(CoreCheck {
            efficiency_gap,
            worst,
            in_core,
        })
    }

    /// Whether `x` is in the core (see [`Game::core_check`]); `false` for an allocation
    /// of the wrong length.
    pub fn in_core(&self, x: &[f64]) -> bool {
        self.core_check(x).is_ok_and(|c| c.in_core)
    }

    /// `v(N)` shared in proportion to `weights` (demand, population, stand-alone cost).
    ///
    /// ```
    /// let g = yilian::game::Game::from_values(2, vec![0.0, 6.0, 4.0, 8.0]).unwrap();
    /// assert_eq!(g.proportional(&[3.0, 1.0]).unwrap(), vec![6.0, 2.0]);
    /// ```
    ///
    /// Errors: weights of the wrong length, negative or not finite, or all zero.
    pub fn proportional(&self, weights: &[f64]) -> Result<Vec<f64>> {
        if weights.len() != self.players() {
            return Err(invalid(
                "weights",
                format!(
                    "has {} entries for a game of {} players",
                    weights.len(),
                    self.players()
                ),
            ));
        }
        for (i, &w) in weights.iter().enumerate() {
            if !w.is_finite() || w < 0.0 {
                return Err(invalid(
                    &format!("weights[{i}]"),
                    format!("{w} must be a finite number >= 0"),
                ));
            }
        }
        let total: f64 = weights.iter().sum();
        if total <= 0.0 {
            return Err(invalid(
                "weights",
                "are all 0: nothing to share in proportion to".into(),
            ));
        }
        let grand = self.value(self.grand());
        Ok(weights.iter().map(|w| grand * w / total).collect())
    }

    /// `v(N)` shared in proportion to the stand-alone costs `v({i})`.
    pub fn proportional_to_stand_alone(&self) -> Result<Vec<f64>> {
        let alone: Vec<f64> = (0..self.players())
            .map(|i| self.value(Coalition::single(i)).max(0.0))
            .collect();
        self.proportional(&alone)
    }
}
