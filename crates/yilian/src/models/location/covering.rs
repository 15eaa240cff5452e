//! Shared helpers of the distance-based models (p-center, MCLP, LSCP, capacitated p-median).

use super::{CostMatrix, LocationSolution};
use crate::solve::{LinearProgram, LpSolution};
use crate::{Error, Result};

/// Checks a service distance `radius`: finite and >= 0.
pub(crate) fn check_radius(radius: f64) -> Result<()> {
    if !radius.is_finite() || radius < 0.0 {
        return Err(Error::InvalidOption {
            field: "radius".into(),
            message: format!("{radius} must be a finite number >= 0"),
        });
    }
    Ok(())
}

/// Checks `1 <= p <= sites`.
pub(crate) fn check_p(p: usize, sites: usize) -> Result<()> {
    if p == 0 {
        return Err(Error::InvalidOption {
            field: "p".into(),
            message: "0 must be at least 1".into(),
        });
    }
    if p > sites {
        return Err(Error::InvalidOption {
            field: "p".into(),
            message: format!("{p} exceeds the number of sites ({sites})"),
        });
    }
    Ok(())
}

/// A solution whose first `sites` columns are the opening variables; each client is
/// assigned to its nearest open site (or to none, `usize::MAX`, when no site is open),
/// unless `within` is given, in which case only open sites within that cost count.
pub(crate) fn nearest_solution(
    cost: &CostMatrix,
    lp: &LinearProgram,
    sol: LpSolution,
    objective: f64,
    build_seconds: f64,
    within: Option<f64>,
) -> LocationSolution {
    let m = cost.sites();
    let open: Vec<usize> = (0..m).filter(|&j| sol.values[j] > 0.5).collect();
    let assignment = (0..cost.clients())
        .map(|i| {
            open.iter()
                .copied()
                .filter(|&j| within.is_none_or(|r| cost.get(i, j) <= r))
                .min_by(|&a, &b| cost.get(i, a).total_cmp(&cost.get(i, b)))
                .map_or_else(Vec::new, |j| vec![(j, 1.0)])
        })
        .collect();
    LocationSolution {
        open,
        assignment,
        objective,
        bound: sol.bound,
        gap: sol.gap,
        status: sol.status,
        build_seconds,
        solve_seconds: sol.seconds + sol.load_seconds,
        size: (lp.column_count(), lp.row_count(), lp.nonzero_count()),
    }
}
