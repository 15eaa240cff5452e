//! The Shapley value: exact over every coalition, or sampled over random orders.

use super::{Coalition, Game};
use crate::error::{Error, Result};
use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;
use std::collections::{BTreeSet, HashMap};

impl Game {
    /// The Shapley value: each player's expected marginal cost
    /// `v(S + i) - v(S)` when the players join in a uniformly random order,
    ///
    /// `phi_i = sum over S not holding i of |S|! (n - |S| - 1)! / n! (v(S + i) - v(S))`,
    ///
    /// exact, in `O(n 2^n)`. The shares add up to `v(N)` (efficiency).
    ///
    /// ```
    /// use yilian::game::Game;
    /// // v(0)=v(1)=v(2)=6, every pair 9, all three 12.
    /// let g = Game::from_fn(3, |s| [0.0, 6.0, 9.0, 12.0][s.len()]).unwrap();
    /// assert_eq!(g.shapley(), vec![4.0, 4.0, 4.0]);
    /// ```
    pub fn shapley(&self) -> Vec<f64> {
        let n = self.players();
        // weight[s] = s! (n-s-1)! / n! = 1 / (n * C(n-1, s)).
        let mut weight = vec![0.0; n];
        let mut binomial = 1.0_f64;
        for (s, w) in weight.iter_mut().enumerate() {
            *w = 1.0 / (n as f64 * binomial);
            binomial = binomial * (n - 1 - s) as f64 / (s + 1) as f64;
        }
        let v = self.values();
        (0..n)
            .map(|i| {
                let bit = 1usize << i;
                let mut phi = 0.0;
                for s in 0..v.len() {
                    if s & bit == 0 {
                        phi += weight[s.count_ones() as usize] * (v[s | bit] - v[s]);
                    }
                }
                phi
            })
            .collect()
    }

    /// The Shapley value estimated from `samples` random orders of the players (seeded,
    /// so the same seed gives the same estimate), with its standard errors.
    ///
    /// ```
    /// use yilian::game::Game;
    /// let g = Game::from_fn(4, |s| (s.len() as f64).sqrt()).unwrap();
    /// let est = g.sampled_shapley(200, 7).unwrap();
    /// // Symmetric players: every order gives each the same marginals on average.
    /// let exact = g.shapley();
    /// for i in 0..4 {
    ///     assert!((est.values[i] - exact[i]).abs() <= 4.0 * est.standard_errors[i] + 1e-12);
    /// }
    /// ```
    pub fn sampled_shapley(&self, samples: usize, seed: u64) -> Result<SampledShapley> {
        sampled_shapley_by(self.players(), samples, seed, |coalitions| {
            Ok::<_, Error>(coalitions.iter().map(|&s| self.value(s)).collect())
        })
    }
}

/// A Shapley value estimated by sampling orders of the players.
#[derive(Debug, Clone, PartialEq)]
pub struct SampledShapley {
    /// Estimated share of each player (mean marginal cost over the orders); they add
    /// up to `v(N)`.
    pub values: Vec<f64>,
    /// Standard error of each estimate: the sample standard deviation of the player's
    /// marginal costs over the orders, divided by the square root of their number (0
    /// with a single order).
    pub standard_errors: Vec<f64>,
    /// Orders sampled.
    pub samples: usize,
    /// Distinct coalitions whose value the estimate needed.
    pub coalitions: usize,
}

/// The orders of `players` players drawn for [`sampled_shapley_by`] (Fisher-Yates
/// shuffles of a ChaCha8 stream seeded by `seed`).
pub fn sample_orders(players: usize, samples: usize, seed: u64) -> Vec<Vec<usize>> {
    let mut rng = ChaCha8Rng::seed_from_u64(seed);
    (0..samples)
        .map(|_| {
            let mut order: Vec<usize> = (0..players).collect();
            for k in (1..players).rev() {
                let j = rng.gen_range(0..=k);
                order.swap(k, j);
            }
            order
        })
        .collect()
}

/// The sampled Shapley value of a game known only through `evaluate`, which is called
/// once with every distinct coalition the orders need (each solved once, in any order
/// or in parallel) and returns their costs in the same order. For scenario games, where
/// each value is an optimisation.
///
/// Errors: fewer than one sample or player, more than 63 players
/// ([`Error::InvalidOption`]), or whatever `evaluate` returns.
pub fn sampled_shapley_by<E: From<Error>>(
    players: usize,
    samples: usize,
    seed: u64,
    evaluate: impl FnOnce(&[Coalition]) -> Result<Vec<f64>, E>,
) -> Result<SampledShapley, E> {
    if samples == 0 {
        return Err(super::table::invalid("samples", "0 must be at least 1".into()).into());
    }
    if players == 0 || players > 63 {
        return Err(super::table::invalid(
            "players",
            format!("{players} must be between 1 and 63 for sampling"),
        )
        .into());
    }
    let orders = sample_orders(players, samples, seed);
    let mut needed: BTreeSet<Coalition> = BTreeSet::new();
    for order in &orders {
        let mut s = Coalition::EMPTY;
        for &i in order {
            s = s.with(i);
            needed.insert(s);
        }
    }
    let needed: Vec<Coalition> = needed.into_iter().collect();
    let values = evaluate(&needed)?;
    let value: HashMap<Coalition, f64> = needed.iter().copied().zip(values).collect();
    let cost = |s: Coalition| if s.is_empty() { 0.0 } else { value[&s] };
    // Welford's running mean and variance of each player's marginal cost.
    let mut mean = vec![0.0; players];
    let mut m2 = vec![0.0; players];
    for (k, order) in orders.iter().enumerate() {
        let mut s = Coalition::EMPTY;
        for &i in order {
            let next = s.with(i);
            let marginal = cost(next) - cost(s);
            let delta = marginal - mean[i];
            mean[i] += delta / (k + 1) as f64;
            m2[i] += delta * (marginal - mean[i]);
            s = next;
        }
    }
    let standard_errors = m2
        .iter()
        .map(|&m| {
            if samples > 1 {
                (m / (samples - 1) as f64 / samples as f64).sqrt()
            } else {
                0.0
            }
        })
        .collect();
    Ok(SampledShapley {
        values: mean,
        standard_errors,
        samples,
        coalitions: needed.len(),
    })
}
