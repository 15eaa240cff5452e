//! The one tolerance every checker compares with.
//!
//! A plan's figures come from a solver working in floating point, so a recomputed
//! figure may differ from the reported one in the last digits. Two numbers agree when
//! they differ by at most `1e-6 x (1 + the larger magnitude)`; a limit holds when the
//! value exceeds it by at most that much. A non-finite figure never agrees.

/// Relative (and, near zero, absolute) tolerance of every comparison.
pub(crate) const TOLERANCE: f64 = 1e-6;

/// The slack allowed around `x`: `1e-6 x (1 + |x|)`.
pub(crate) fn slack(x: f64) -> f64 {
    TOLERANCE * (1.0 + x.abs())
}

/// Whether a reported figure and its recomputation disagree (or either is not finite).
pub(crate) fn differs(reported: f64, recomputed: f64) -> bool {
    !(reported.is_finite() && recomputed.is_finite())
        || (reported - recomputed).abs() > slack(reported.abs().max(recomputed.abs()))
}

/// Whether `value` breaks the upper limit `limit` by more than the tolerance (a
/// non-finite value always does).
pub(crate) fn exceeds(value: f64, limit: f64) -> bool {
    !value.is_finite() || value > limit + slack(limit)
}

/// What is wrong with a reported shadow price of a `<=` row (`used <= limit`) in a
/// minimisation, read as the objective's improvement from one more unit of the limit:
/// it must be finite and not negative, and positive only when the row is tight
/// (complementary slackness). `None` when it is consistent.
pub(crate) fn shadow_price_fault(value: f64, used: f64, limit: f64) -> Option<String> {
    if !value.is_finite() || value < -slack(value) {
        Some(format!("{value} is not a finite number >= 0"))
    } else if value > slack(value) && used < limit - slack(limit) {
        Some(format!(
            "{value} although the limit is not reached ({used} of {limit}): a positive shadow price needs a tight row"
        ))
    } else {
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn agreement_is_relative_to_the_larger_magnitude() {
        // 1e6 vs 1e6 + 0.5: within 1e-6 x (1 + 1e6) = 1.000001.
        assert!(!differs(1e6, 1e6 + 0.5));
        // 1 vs 1.00001: slack 2e-6, difference 1e-5.
        assert!(differs(1.0, 1.00001));
        assert!(differs(f64::NAN, 0.0));
        assert!(differs(f64::INFINITY, f64::INFINITY));
    }

    #[test]
    fn shadow_prices_follow_complementary_slackness() {
        assert_eq!(shadow_price_fault(2.0, 10.0, 10.0), None);
        assert_eq!(shadow_price_fault(0.0, 3.0, 10.0), None);
        assert!(shadow_price_fault(2.0, 3.0, 10.0).is_some());
        assert!(shadow_price_fault(-1.0, 10.0, 10.0).is_some());
    }

    #[test]
    fn a_limit_allows_the_slack_only() {
        assert!(!exceeds(10.0 + 1e-6, 10.0));
        assert!(exceeds(10.0 + 1e-4, 10.0));
        assert!(exceeds(f64::NAN, 10.0));
    }
}
