//! A cost game given by its characteristic function over every coalition.

use super::Coalition;
use crate::error::{Error, Result};

/// Most players a [`Game`] may have: its table holds `2^n` values (8 MiB at 20).
pub const MAX_PLAYERS: usize = 20;

/// A cooperative **cost** game with transferable utility: `v(S)` is what the players
/// of coalition `S` pay when they cooperate among themselves only.
///
/// Sign conventions (see `docs/share.md`): an allocation `x` shares the grand
/// coalition's cost, `x(N) = v(N)`; it is in the **core** when no coalition pays more
/// than it would alone, `x(S) <= v(S)`; the **excess** of `S` is `v(S) - x(S)` (what
/// `S` saves by staying), and the nucleolus maximises the smallest excesses
/// lexicographically.
///
/// ```
/// use yilian::game::{Coalition, Game};
/// // v() = 0, v(0) = 6, v(1) = 4, v(0, 1) = 8: each saves 1 by the Shapley value.
/// let g = Game::from_values(2, vec![0.0, 6.0, 4.0, 8.0]).unwrap();
/// assert_eq!(g.value(Coalition::from_players([0, 1])), 8.0);
/// assert_eq!(g.shapley(), vec![5.0, 3.0]);
/// assert!(g.in_core(&[5.0, 3.0]));
/// ```
#[derive(Debug, Clone, PartialEq)]
pub struct Game {
    players: usize,
    values: Vec<f64>,
}

impl Game {
    /// The game of `players` players whose coalition `S` costs `values[S.bits()]`
    /// (so `values` has `2^players` entries, the empty coalition first).
    ///
    /// Errors ([`Error::InvalidOption`], naming the coalition in Python's tuple
    /// notation): fewer than 1 or more than [`MAX_PLAYERS`] players, a table of
    /// another length, a value that is not finite, or `v(()) != 0` (a cost shared by
    /// every coalition, the empty one included, is not a cost of cooperating:
    /// subtract it first).
    ///
    /// ```
    /// use yilian::game::Game;
    /// let e = Game::from_values(2, vec![0.0, 1.0, f64::NAN, 2.0]).unwrap_err();
    /// assert_eq!(e.to_string(), "values[(1,)]: NaN is not a finite number");
    /// let e = Game::from_values(1, vec![1.0, 1.0]).unwrap_err();
    /// assert!(e.to_string().starts_with("values[()]: 1 must be 0"));
    /// ```
    pub fn from_values(players: usize, values: Vec<f64>) -> Result<Self> {
        if players == 0 || players > MAX_PLAYERS {
            return Err(invalid(
                "players",
                format!("{players} must be between 1 and {MAX_PLAYERS}"),
            ));
        }
        let expected = 1usize << players;
        if values.len() != expected {
            return Err(invalid(
                "values",
                format!(
                    "has {} entries; a game of {players} players needs 2^{players} = {expected} \
                     (one per coalition, the empty one included)",
                    values.len()
                ),
            ));
        }
        for (bits, &v) in values.iter().enumerate() {
            if !v.is_finite() {
                return Err(invalid(
                    &field_of(Coalition::from_bits(bits as u64)),
                    format!("{v} is not a finite number"),
                ));
            }
        }
        if values[0] != 0.0 {
            return Err(invalid(
                "values[()]",
                format!(
                    "{} must be 0: the empty coalition costs nothing (subtract a cost common \
                     to every coalition before building the game)",
                    values[0]
                ),
            ));
        }
        Ok(Self { players, values })
    }

    /// The game whose coalition `S` costs `value(S)`, for every `S` of `players` players.
    ///
    /// ```
    /// use yilian::game::Game;
    /// // Three players sharing a road: each pays for the longest need in the coalition.
    /// let need = [1.0, 2.0, 4.0];
    /// let g = Game::from_fn(3, |s| s.players().map(|i| need[i]).fold(0.0, f64::max)).unwrap();
    /// let x = g.shapley();
    /// assert!((x[2] - (1.0 / 3.0 + 1.0 / 2.0 + 2.0)).abs() < 1e-12);
    /// ```
    pub fn from_fn(players: usize, mut value: impl FnMut(Coalition) -> f64) -> Result<Self> {
        if players == 0 || players > MAX_PLAYERS {
            return Err(invalid(
                "players",
                format!("{players} must be between 1 and {MAX_PLAYERS}"),
            ));
        }
        let values = Coalition::all(players).map(&mut value).collect();
        Self::from_values(players, values)
    }

    /// Number of players.
    pub fn players(&self) -> usize {
        self.players
    }

    /// The grand coalition `N` of every player.
    pub fn grand(&self) -> Coalition {
        Coalition::grand(self.players)
    }

    /// The cost `v(S)`; `S` must hold players of this game only.
    pub fn value(&self, s: Coalition) -> f64 {
        self.values[s.index()]
    }

    /// Every value, indexed by bitmask.
    pub fn values(&self) -> &[f64] {
        &self.values
    }

    /// What the members save together against standing alone:
    /// `sum_i v({i}) - v(N)` (negative when cooperating costs more).
    pub fn savings(&self) -> f64 {
        (0..self.players)
            .map(|i| self.value(Coalition::single(i)))
            .sum::<f64>()
            - self.value(self.grand())
    }

    /// Largest absolute value of the table (at least 1): the scale of tolerances.
    pub(crate) fn scale(&self) -> f64 {
        self.values.iter().fold(1.0, |m, v| m.max(v.abs()))
    }

    /// `x(S)` for every coalition, indexed by bitmask (built up from the lowest member).
    pub(crate) fn coalition_sums(&self, x: &[f64]) -> Vec<f64> {
        let mut sums = vec![0.0; self.values.len()];
        for bits in 1..self.values.len() {
            let low = bits.trailing_zeros() as usize;
            sums[bits] = sums[bits & (bits - 1)] + x[low];
        }
        sums
    }

    /// Checks that `x` has one entry per player, all finite.
    pub(crate) fn check_allocation(&self, x: &[f64]) -> Result<()> {
        if x.len() != self.players {
            return Err(invalid(
                "allocation",
                format!(
                    "has {} entries for a game of {} players",
                    x.len(),
                    self.players
                ),
            ));
        }
        if let Some(i) = x.iter().position(|v| !v.is_finite()) {
            return Err(invalid(
                &format!("allocation[{i}]"),
                format!("{} is not a finite number", x[i]),
            ));
        }
        Ok(())
    }
}

/// The field naming coalition `s` in errors: `values[(0, 2)]`.
pub(crate) fn field_of(s: Coalition) -> String {
    format!("values[{s}]")
}

pub(crate) fn invalid(field: &str, message: String) -> Error {
    Error::InvalidOption {
        field: field.to_string(),
        message,
    }
}
