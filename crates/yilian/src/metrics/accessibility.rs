//! Spatial accessibility: the two-step floating catchment area method (2SFCA) and its
//! enhanced variants (E2SFCA) with distance decay.
//!
//! Step 1, for each supply j: R_j = S_j / sum over demands k within the catchment of
//! P_k W(d_kj). Step 2, for each demand i: A_i = sum over supplies j within the
//! catchment of R_j W(d_ij). W is the decay: 1 inside the catchment for the classic
//! 2SFCA (Luo & Wang 2003); stepped weights per travel-time zone for E2SFCA (Luo & Qi
//! 2009, weights 1, 0.68, 0.22 for the three 10-minute zones of a 30-minute
//! catchment); or a Gaussian decay.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

/// Distance decay inside the catchment.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case", tag = "kind")]
pub enum Decay {
    /// Weight 1 everywhere inside the catchment (classic 2SFCA).
    Step,
    /// Weight of the first zone whose upper bound (minutes) is at least the travel
    /// time (E2SFCA); zones are (upper bound, weight), sorted by bound.
    Stepped {
        /// (upper bound in minutes, weight) per zone.
        zones: Vec<(f64, f64)>,
    },
    /// Gaussian: (exp(-t^2 / 2 s^2) - exp(-1/2)) / (1 - exp(-1/2)) with s the
    /// catchment, so the weight falls from 1 at 0 to 0 at the catchment edge.
    Gaussian,
}

impl Decay {
    /// E2SFCA's three zones of a catchment: weights 1, 0.68 and 0.22 for its thirds.
    pub fn e2sfca(catchment: f64) -> Self {
        Decay::Stepped {
            zones: vec![
                (catchment / 3.0, 1.0),
                (2.0 * catchment / 3.0, 0.68),
                (catchment, 0.22),
            ],
        }
    }

    /// The weight of a trip of `minutes` in a catchment of `catchment` minutes.
    ///
    /// ```
    /// use yilian::metrics::Decay;
    /// assert_eq!(Decay::Step.weight(29.0, 30.0), 1.0);
    /// assert_eq!(Decay::Step.weight(31.0, 30.0), 0.0);
    /// assert_eq!(Decay::e2sfca(30.0).weight(15.0, 30.0), 0.68);
    /// assert!((Decay::Gaussian.weight(30.0, 30.0)).abs() < 1e-12);
    /// ```
    pub fn weight(&self, minutes: f64, catchment: f64) -> f64 {
        if minutes > catchment {
            return 0.0;
        }
        match self {
            Decay::Step => 1.0,
            Decay::Stepped { zones } => zones
                .iter()
                .find(|(bound, _)| minutes <= *bound)
                .map_or(0.0, |&(_, w)| w),
            Decay::Gaussian => {
                let edge = (-0.5f64).exp();
                let g = (-0.5 * (minutes / catchment).powi(2)).exp();
                ((g - edge) / (1.0 - edge)).max(0.0)
            }
        }
    }

    /// A short name for reports.
    pub fn name(&self) -> &'static str {
        match self {
            Decay::Step => "2SFCA (step)",
            Decay::Stepped { .. } => "E2SFCA (stepped zones)",
            Decay::Gaussian => "2SFCA (Gaussian decay)",
        }
    }
}

/// Accessibility of each demand location: supply per unit of demand within reach.
///
/// `supply[j]` and `demand[i]` are amounts at locations; `minutes(j, i)` is the travel
/// time from supply j to demand i when within the catchment.
///
/// ```
/// use yilian::metrics::{accessibility, Decay};
/// // One supply of 10 shared by two demands of 100 and 300: 10 / 400 each.
/// let a = accessibility(&[10.0], &[100.0, 300.0], |_, _| Some(5.0), 30.0, &Decay::Step);
/// assert_eq!(a, vec![0.025, 0.025]);
/// ```
pub fn accessibility(
    supply: &[f64],
    demand: &[f64],
    minutes: impl Fn(usize, usize) -> Option<f64>,
    catchment: f64,
    decay: &Decay,
) -> Vec<f64> {
    let weight = |j: usize, i: usize| {
        minutes(j, i)
            .map(|t| decay.weight(t, catchment))
            .unwrap_or(0.0)
    };
    let ratio: Vec<f64> = supply
        .iter()
        .enumerate()
        .map(|(j, &s)| {
            if s <= 0.0 {
                return 0.0;
            }
            let reached: f64 = demand
                .iter()
                .enumerate()
                .map(|(i, &p)| p * weight(j, i))
                .sum();
            if reached > 0.0 {
                s / reached
            } else {
                0.0
            }
        })
        .collect();
    (0..demand.len())
        .map(|i| {
            ratio
                .iter()
                .enumerate()
                .filter(|(_, &r)| r > 0.0)
                .map(|(j, r)| r * weight(j, i))
                .sum()
        })
        .collect()
}
