//! The roster settings a user gets from a horizon alone: the scenario's roster section
//! with its horizon replaced, or [`Roster::from_pools`] when it has none. Shared by the
//! CLI's `solve --model roster` and Python's `Scenario.solve("roster")`.

use crate::error::{Error, Result};
use crate::scenario::{date_to_days, days_to_date, weekday_of, Horizon, Roster, Scenario, Weekday};

/// Calendar days rostered when neither the caller nor the scenario says.
pub const DEFAULT_DAYS: u32 = 28;

/// The roster settings for `s` with the horizon's first day `start` (YYYY-MM-DD) and
/// length `days` where given: the scenario's roster section with those replaced, or,
/// without one, [`Roster::from_pools`] over `days` (default [`DEFAULT_DAYS`]) from
/// `start` (default the next Monday after today, UTC).
///
/// A `start` that is not a date is an [`Error::InvalidOption`] naming `start`.
///
/// ```
/// use yilian::models::roster::settings_for;
/// let s = yilian::generate::county(1);
/// let r = settings_for(&s, Some("2026-03-02"), Some(14)).unwrap();
/// assert_eq!((r.horizon.start.as_str(), r.horizon.days), ("2026-03-02", 14));
/// let e = settings_for(&s, Some("2026-13-02"), None).unwrap_err();
/// assert!(e.to_string().starts_with("start: \"2026-13-02\""));
/// ```
pub fn settings_for(s: &Scenario, start: Option<&str>, days: Option<u32>) -> Result<Roster> {
    if let Some(start) = start {
        if date_to_days(start).is_none() {
            return Err(Error::InvalidOption {
                field: "start".into(),
                message: format!("\"{start}\" is not a date (expected YYYY-MM-DD)"),
            });
        }
    }
    Ok(match &s.roster {
        Some(r) => {
            let mut r = r.clone();
            if let Some(days) = days {
                r.horizon.days = days;
            }
            if let Some(start) = start {
                r.horizon.start = start.to_string();
            }
            r
        }
        None => Roster::from_pools(
            s,
            Horizon::new(
                start.map_or_else(next_monday, str::to_string),
                days.unwrap_or(DEFAULT_DAYS),
            ),
        ),
    })
}

/// The next Monday after today (UTC), as YYYY-MM-DD.
pub fn next_monday() -> String {
    let now = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_secs() as i64 / 86_400);
    let mut day = now + 1;
    while weekday_of(day) != Weekday::Monday {
        day += 1;
    }
    days_to_date(day)
}
