//! Inequality of a distribution: the population-weighted Gini coefficient and the
//! Theil index with its within/between-group decomposition.

use serde::{Deserialize, Serialize};

/// Population-weighted Gini coefficient of `values` (0 = equal, towards 1 = unequal):
/// sum_i sum_j w_i w_j |x_i - x_j| / (2 W^2 mean). `None` when the weights sum to 0
/// or the mean is 0.
///
/// ```
/// let g = yilian::metrics::gini(&[1.0, 2.0, 3.0, 4.0], &[1.0; 4]).unwrap();
/// assert!((g - 0.25).abs() < 1e-12);
/// ```
pub fn gini(values: &[f64], weights: &[f64]) -> Option<f64> {
    let total: f64 = weights.iter().sum();
    if total <= 0.0 {
        return None;
    }
    let mean = values.iter().zip(weights).map(|(x, w)| x * w).sum::<f64>() / total;
    if mean <= 0.0 {
        return None;
    }
    // Sorted form: O(n log n) instead of all pairs.
    let mut pairs: Vec<(f64, f64)> = values
        .iter()
        .copied()
        .zip(weights.iter().copied())
        .collect();
    pairs.sort_by(|a, b| a.0.total_cmp(&b.0));
    let (mut below_w, mut below_wx, mut sum) = (0.0, 0.0, 0.0);
    for &(x, w) in &pairs {
        // Pairs with every smaller value, counted once: w (x W_below - (wx)_below).
        sum += w * (x * below_w - below_wx);
        below_w += w;
        below_wx += w * x;
    }
    Some(2.0 * sum / (2.0 * total * total * mean))
}

/// The Theil index and its decomposition into groups.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Theil {
    /// The Theil T index of the whole population.
    pub total: f64,
    /// The part due to inequality inside the groups.
    pub within: f64,
    /// The part due to differences between the group means.
    pub between: f64,
}

fn theil_of(values: &[f64], weights: &[f64]) -> Option<(f64, f64, f64)> {
    let total: f64 = weights.iter().sum();
    if total <= 0.0 {
        return None;
    }
    let mean = values.iter().zip(weights).map(|(x, w)| x * w).sum::<f64>() / total;
    if mean <= 0.0 {
        return None;
    }
    let t = values
        .iter()
        .zip(weights)
        .map(|(&x, &w)| {
            let r = x / mean;
            if r > 0.0 {
                w * r * r.ln()
            } else {
                0.0
            }
        })
        .sum::<f64>()
        / total;
    Some((t, mean, total))
}

/// Population-weighted Theil T index of `values`, decomposed by `groups` (for
/// example the tier of each institution): total = sum_g s_g T_g + sum_g s_g
/// ln(mean_g / mean), with s_g the group's share of the total.
///
/// ```
/// let t = yilian::metrics::theil(&[1.0, 2.0, 3.0, 4.0], &[1.0; 4], &["a", "a", "b", "b"]).unwrap();
/// assert!((t.total - (t.within + t.between)).abs() < 1e-12);
/// ```
pub fn theil<G: PartialEq + Clone>(values: &[f64], weights: &[f64], groups: &[G]) -> Option<Theil> {
    let (total, mean, weight) = theil_of(values, weights)?;
    let mut keys: Vec<G> = Vec::new();
    for g in groups {
        if !keys.contains(g) {
            keys.push(g.clone());
        }
    }
    let (mut within, mut between) = (0.0, 0.0);
    for key in keys {
        let (xs, ws): (Vec<f64>, Vec<f64>) = values
            .iter()
            .zip(weights)
            .zip(groups)
            .filter(|(_, g)| **g == key)
            .map(|((&x, &w), _)| (x, w))
            .unzip();
        if let Some((t_g, mean_g, weight_g)) = theil_of(&xs, &ws) {
            let share = weight_g * mean_g / (weight * mean);
            within += share * t_g;
            between += share * (mean_g / mean).ln();
        }
    }
    Some(Theil {
        total,
        within,
        between,
    })
}
