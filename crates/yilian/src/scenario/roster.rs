//! Roster settings (model M2): named specialists, the horizon and the calendar rules.
//!
//! A scenario may carry a `roster` section:
//!
//! ```json
//! "roster": {
//!   "horizon": {"start": "2026-03-02", "days": 28},
//!   "specialists": [
//!     {"id": "Dr Wang", "pool": "CH1-cardiology", "days_off": ["2026-03-04"]}
//!   ],
//!   "min_days_per_week_by_tier": {"township_health_centre": 2},
//!   "home_cover": [{"home": "CH1", "specialty": "cardiology", "min_present": 5}],
//!   "max_hosts_per_specialist": 3,
//!   "max_spread_days": 2
//! }
//! ```
//!
//! Without named specialists, [`Roster::expand_pools`] numbers each pool's headcount
//! (`CH1-cardiology-01`, ...). Dates are ISO `YYYY-MM-DD`; the planning days are the
//! horizon's days whose weekday is a working weekday and that are not holidays.

use super::{Scenario, Tier};
use crate::error::Issue;
use chrono::{Datelike, NaiveDate};
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, HashMap, HashSet};

/// A day of the week.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize, JsonSchema,
)]
#[serde(rename_all = "snake_case")]
pub enum Weekday {
    /// Monday.
    Monday,
    /// Tuesday.
    Tuesday,
    /// Wednesday.
    Wednesday,
    /// Thursday.
    Thursday,
    /// Friday.
    Friday,
    /// Saturday.
    Saturday,
    /// Sunday.
    Sunday,
}

impl Weekday {
    /// Monday to Sunday.
    pub const ALL: [Weekday; 7] = [
        Weekday::Monday,
        Weekday::Tuesday,
        Weekday::Wednesday,
        Weekday::Thursday,
        Weekday::Friday,
        Weekday::Saturday,
        Weekday::Sunday,
    ];

    /// The snake-case name used in scenario files.
    pub fn as_str(self) -> &'static str {
        match self {
            Weekday::Monday => "monday",
            Weekday::Tuesday => "tuesday",
            Weekday::Wednesday => "wednesday",
            Weekday::Thursday => "thursday",
            Weekday::Friday => "friday",
            Weekday::Saturday => "saturday",
            Weekday::Sunday => "sunday",
        }
    }
}

impl std::fmt::Display for Weekday {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

/// Days since 1970-01-01 of an ISO date `YYYY-MM-DD`, or `None` if it is not one.
///
/// The shape is checked here (four-digit year, two-digit month and day); whether the
/// day exists (month lengths, leap years) and how far it lies from 1970-01-01 is
/// chrono's proleptic Gregorian calendar.
///
/// ```
/// use yilian::scenario::{date_to_days, days_to_date};
/// assert_eq!(date_to_days("1970-01-02"), Some(1));
/// assert_eq!(days_to_date(date_to_days("2026-02-28").unwrap() + 1), "2026-03-01");
/// assert_eq!(date_to_days("2026-02-30"), None);
/// ```
pub fn date_to_days(date: &str) -> Option<i64> {
    let parts: Vec<&str> = date.split('-').collect();
    if parts.len() != 3 || parts[0].len() != 4 || parts[1].len() != 2 || parts[2].len() != 2 {
        return None;
    }
    let y: i32 = parts[0].parse().ok()?;
    let m: u32 = parts[1].parse().ok()?;
    let d: u32 = parts[2].parse().ok()?;
    NaiveDate::from_ymd_opt(y, m, d).map(|date| i64::from(date.to_epoch_days()))
}

/// The ISO date `YYYY-MM-DD` of a day counted from 1970-01-01 (a year past 9999 is
/// written in full, `10000-01-01`).
///
/// Day counts beyond chrono's calendar (about 262,000 years either side of 1970;
/// a horizon is at most 366 days from a four-digit year) are clamped to its ends.
pub fn days_to_date(days: i64) -> String {
    let clamped = days.clamp(
        i64::from(NaiveDate::MIN.to_epoch_days()),
        i64::from(NaiveDate::MAX.to_epoch_days()),
    );
    let date = i32::try_from(clamped)
        .ok()
        .and_then(NaiveDate::from_epoch_days)
        .expect("clamped to chrono's calendar");
    format!("{:04}-{:02}-{:02}", date.year(), date.month(), date.day())
}

/// The weekday of a day counted from 1970-01-01 (a Thursday).
pub fn weekday_of(days: i64) -> Weekday {
    Weekday::ALL[(days + 3).rem_euclid(7) as usize]
}

/// One planning day of a horizon.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PlanningDay {
    /// ISO date.
    pub date: String,
    /// Weekday.
    pub weekday: Weekday,
    /// Week of the horizon it falls in: 7-day blocks counted from the start, from 0.
    pub week: usize,
}

/// The days a roster covers.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Horizon {
    /// First calendar day, ISO `YYYY-MM-DD`.
    pub start: String,
    /// Calendar days covered, counting weekends and holidays (28 = four weeks).
    pub days: u32,
    /// Weekdays on which visiting clinics run (default Monday to Friday).
    #[serde(default = "default_working_weekdays")]
    pub working_weekdays: Vec<Weekday>,
    /// Dates without visiting clinics (public holidays), ISO `YYYY-MM-DD`.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub holidays: Vec<String>,
}

fn default_working_weekdays() -> Vec<Weekday> {
    Weekday::ALL[..5].to_vec()
}

impl Horizon {
    /// `days` calendar days from `start`, working Monday to Friday, no holidays.
    pub fn new(start: impl Into<String>, days: u32) -> Self {
        Self {
            start: start.into(),
            days,
            working_weekdays: default_working_weekdays(),
            holidays: Vec::new(),
        }
    }

    /// The planning days: working weekdays that are not holidays, in order. Empty
    /// when `start` is not a date.
    ///
    /// ```
    /// let h = yilian::scenario::Horizon::new("2026-03-02", 14);
    /// let days = h.planning_days();
    /// assert_eq!(days.len(), 10);
    /// assert_eq!(days[5].date, "2026-03-09");
    /// assert_eq!(days[5].week, 1);
    /// ```
    pub fn planning_days(&self) -> Vec<PlanningDay> {
        let Some(start) = date_to_days(&self.start) else {
            return Vec::new();
        };
        let holidays: HashSet<i64> = self
            .holidays
            .iter()
            .filter_map(|d| date_to_days(d))
            .collect();
        (0..i64::from(self.days))
            .filter_map(|offset| {
                let day = start + offset;
                let weekday = weekday_of(day);
                (self.working_weekdays.contains(&weekday) && !holidays.contains(&day)).then(|| {
                    PlanningDay {
                        date: days_to_date(day),
                        weekday,
                        week: (offset / 7) as usize,
                    }
                })
            })
            .collect()
    }

    /// Calendar days of week `week` that lie inside the horizon (7, or fewer for the
    /// last, partial week).
    pub fn week_length(&self, week: usize) -> u32 {
        let first = 7 * week as u32;
        self.days.saturating_sub(first).min(7)
    }
}

/// A named specialist, member of one pool.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Specialist {
    /// Unique id (a name or staff number), used in the calendar.
    pub id: String,
    /// Id of the pool: home institution and specialty come from it.
    pub pool: String,
    /// Dates the specialist is not working (leave, training), ISO `YYYY-MM-DD`.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub days_off: Vec<String>,
}

impl Specialist {
    /// A specialist of `pool` with no days off.
    pub fn new(id: impl Into<String>, pool: impl Into<String>) -> Self {
        Self {
            id: id.into(),
            pool: pool.into(),
            days_off: Vec::new(),
        }
    }
    /// Adds a day off.
    pub fn day_off(mut self, date: impl Into<String>) -> Self {
        self.days_off.push(date.into());
        self
    }
}

/// Minimum number of specialists of one specialty present at their home each day.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct HomeCover {
    /// Home institution id.
    pub home: String,
    /// Specialty.
    pub specialty: String,
    /// Specialists of this specialty and home who must be at home on each planning
    /// day. When days off leave fewer working, all who work stay home.
    pub min_present: u32,
}

/// The roster section of a scenario: who may be rostered, over which days, under
/// which rules, and the weights of the roster objective.
///
/// The objective is
/// `target_penalty * (target days short) + frequency_penalty * (rule days short)
///  + host_penalty * (distinct hosts per specialist) + policy.cost_weight * travel cost`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Roster {
    /// The days to roster.
    pub horizon: Horizon,
    /// Named specialists. Empty: each pool's headcount is expanded into numbered
    /// specialists (see [`Roster::expand_pools`]).
    #[serde(default)]
    pub specialists: Vec<Specialist>,
    /// Visit frequency rules: minimum visiting specialist-days per week at each host
    /// of a tier (a partial last week needs the share of its calendar days, rounded
    /// down). Elastic: a host left short is reported, with the reason.
    #[serde(default, deserialize_with = "super::unique_keys::deserialize")]
    pub min_days_per_week_by_tier: BTreeMap<Tier, u32>,
    /// Minimum home cover per (home, specialty) per day.
    #[serde(default)]
    pub home_cover: Vec<HomeCover>,
    /// Most distinct hosts one specialist may visit over the horizon (continuity).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub max_hosts_per_specialist: Option<u32>,
    /// Largest difference in visiting days between two specialists of one pool.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub max_spread_days: Option<u32>,
    /// Share each pool's target hosts out among its specialists before solving
    /// (largest target first, to the specialist with the fewest target days per
    /// working day); each specialist is then rostered to their share only. Makes
    /// month-long rosters of large pools tractable, at the price of optimality over
    /// the unrestricted model (the reported gap is for the restricted model).
    #[serde(default)]
    pub split_hosts: bool,
    /// Visiting-clinic rooms per day by host id; default `ceil(room_days /
    /// period_days)` (at least 1 when the host has room-days).
    #[serde(
        default,
        skip_serializing_if = "BTreeMap::is_empty",
        deserialize_with = "super::unique_keys::deserialize"
    )]
    pub rooms_per_day: BTreeMap<String, u32>,
    /// Penalty per target day (or per target visit / visits_per_day) not delivered.
    #[serde(default = "default_target_penalty")]
    pub target_penalty: f64,
    /// Penalty per visiting day a host is short of its weekly rule.
    #[serde(default = "default_frequency_penalty")]
    pub frequency_penalty: f64,
    /// Penalty per distinct host a specialist visits (continuity of care).
    #[serde(default = "default_host_penalty")]
    pub host_penalty: f64,
}

fn default_target_penalty() -> f64 {
    20.0
}
fn default_frequency_penalty() -> f64 {
    50.0
}
fn default_host_penalty() -> f64 {
    1.0
}

impl Roster {
    /// A roster over `horizon` with no named specialists and no rules.
    pub fn new(horizon: Horizon) -> Self {
        Self {
            horizon,
            specialists: Vec::new(),
            min_days_per_week_by_tier: BTreeMap::new(),
            home_cover: Vec::new(),
            max_hosts_per_specialist: None,
            max_spread_days: None,
            split_hosts: false,
            rooms_per_day: BTreeMap::new(),
            target_penalty: default_target_penalty(),
            frequency_penalty: default_frequency_penalty(),
            host_penalty: default_host_penalty(),
        }
    }

    /// A roster derived from the scenario's pools, for scenarios without a roster
    /// section: each pool's headcount becomes specialists `<pool>-01`, `<pool>-02`, ...;
    /// each (home, specialty) keeps at home every day all but
    /// `ceil(outreach days / period_days)` of its specialists; each tier with a policy
    /// minimum of `m` days per period gets a weekly rule of `floor(m * 5 / period_days)`
    /// days; fairness spread 2 days; hosts split within pools.
    ///
    /// ```
    /// let s = yilian::generate::county(1);
    /// let r = yilian::scenario::Roster::from_pools(&s, yilian::scenario::Horizon::new("2026-03-02", 28));
    /// let headcount: u32 = s.pools.iter().map(|p| p.headcount).sum();
    /// assert_eq!(r.specialists.len(), headcount as usize);
    /// ```
    pub fn from_pools(s: &Scenario, horizon: Horizon) -> Self {
        let mut r = Self::new(horizon);
        r.specialists = Self::expand_pools(s);
        let mut cover: BTreeMap<(String, String), (u32, f64)> = BTreeMap::new();
        for pool in &s.pools {
            let e = cover
                .entry((pool.home.clone(), pool.specialty.clone()))
                .or_default();
            e.0 += pool.headcount;
            e.1 += pool.outreach_days().max(0.0);
        }
        for ((home, specialty), (headcount, outreach)) in cover {
            let away = (outreach / s.period_days).ceil() as u32;
            r.home_cover.push(HomeCover {
                home,
                specialty,
                min_present: headcount.saturating_sub(away),
            });
        }
        for (&tier, &m) in &s.policy.min_days_by_tier {
            let weekly = (m * 5.0 / s.period_days).floor() as u32;
            if weekly > 0 {
                r.min_days_per_week_by_tier.insert(tier, weekly);
            }
        }
        r.max_spread_days = Some(2);
        r.split_hosts = true;
        r
    }

    /// Numbered specialists for every pool: `<pool>-01` up to the headcount.
    pub fn expand_pools(s: &Scenario) -> Vec<Specialist> {
        s.pools
            .iter()
            .flat_map(|pool| {
                (1..=pool.headcount)
                    .map(move |n| Specialist::new(format!("{}-{n:02}", pool.id), &pool.id))
            })
            .collect()
    }

    /// The specialists to roster: the named ones, or the pools expanded when none is named.
    pub fn specialists_or_expanded(&self, s: &Scenario) -> Vec<Specialist> {
        if self.specialists.is_empty() {
            Self::expand_pools(s)
        } else {
            self.specialists.clone()
        }
    }

    /// Rooms per day at an institution with id `id` and `room_days` per period.
    pub fn rooms_on_a_day(&self, id: &str, room_days: f64, period_days: f64) -> u32 {
        if let Some(&r) = self.rooms_per_day.get(id) {
            return r;
        }
        if room_days <= 0.0 {
            0
        } else {
            ((room_days / period_days).ceil() as u32).max(1)
        }
    }
}

/// Errors collected by [`validate_roster`].
#[derive(Default)]
struct Errors(Vec<Issue>);

impl Errors {
    fn error(&mut self, path: impl Into<String>, message: impl Into<String>) {
        self.0.push(Issue::new(path, message));
    }
    fn non_negative(&mut self, path: impl FnOnce() -> String, value: f64) {
        if !value.is_finite() {
            self.error(path(), format!("{value} is not a finite number"));
        } else if value < 0.0 {
            self.error(path(), format!("{value} is negative"));
        }
    }
}

/// Validates the roster section (dates, ids, references and numbers); returns the errors.
pub(crate) fn validate_roster(s: &Scenario, ids: &HashMap<&str, usize>) -> Vec<Issue> {
    let mut v = Errors::default();
    let Some(r) = &s.roster else {
        return v.0;
    };
    let h = &r.horizon;
    if date_to_days(&h.start).is_none() {
        v.error(
            "roster.horizon.start",
            format!("\"{}\" is not a date (expected YYYY-MM-DD)", h.start),
        );
    }
    if h.days == 0 {
        v.error("roster.horizon.days", "0 must be at least 1");
    } else if h.days > 366 {
        v.error(
            "roster.horizon.days",
            format!("{} is more than a year (366 days)", h.days),
        );
    }
    if h.working_weekdays.is_empty() {
        v.error(
            "roster.horizon.working_weekdays",
            "is empty: no day would be rostered",
        );
    }
    for (i, d) in h.holidays.iter().enumerate() {
        if date_to_days(d).is_none() {
            v.error(
                format!("roster.horizon.holidays[{i}]"),
                format!("\"{d}\" is not a date (expected YYYY-MM-DD)"),
            );
        }
    }
    let pools: HashMap<&str, usize> = s
        .pools
        .iter()
        .enumerate()
        .map(|(p, pool)| (pool.id.as_str(), p))
        .collect();
    let mut seen: HashMap<&str, usize> = HashMap::new();
    for (i, sp) in r.specialists.iter().enumerate() {
        let at = |field: &str| format!("roster.specialists[{i}].{field}");
        if sp.id.trim().is_empty() {
            v.error(at("id"), "is empty");
        } else if let Some(&first) = seen.get(sp.id.as_str()) {
            v.error(
                at("id"),
                format!("\"{}\" duplicates roster.specialists[{first}].id", sp.id),
            );
        } else {
            seen.insert(&sp.id, i);
        }
        if !pools.contains_key(sp.pool.as_str()) {
            v.error(at("pool"), format!("\"{}\" is not a pool id", sp.pool));
        }
        for (k, d) in sp.days_off.iter().enumerate() {
            if date_to_days(d).is_none() {
                v.error(
                    format!("roster.specialists[{i}].days_off[{k}]"),
                    format!("\"{d}\" is not a date (expected YYYY-MM-DD)"),
                );
            }
        }
    }
    // Named specialists of a pool are its headcount by name: more than the headcount
    // would roster people the rotation model (M1) does not count.
    let mut named: HashMap<&str, u32> = HashMap::new();
    for sp in &r.specialists {
        *named.entry(sp.pool.as_str()).or_default() += 1;
    }
    for (p, pool) in s.pools.iter().enumerate() {
        if let Some(&n) = named.get(pool.id.as_str()) {
            if n > pool.headcount {
                v.error(
                    "roster.specialists",
                    format!(
                        "{n} specialists named for pool \"{}\", more than its headcount of {} (pools[{p}].headcount)",
                        pool.id, pool.headcount
                    ),
                );
            }
        }
    }
    if date_to_days(&h.start).is_some()
        && h.days > 0
        && h.days <= 366
        && !h.working_weekdays.is_empty()
        && h.holidays.iter().all(|d| date_to_days(d).is_some())
        && h.planning_days().is_empty()
    {
        v.error(
            "roster.horizon",
            format!(
                "{} days from {} hold no working weekday outside the holidays",
                h.days, h.start
            ),
        );
    }
    for (i, hc) in r.home_cover.iter().enumerate() {
        let at = |field: &str| format!("roster.home_cover[{i}].{field}");
        if !ids.contains_key(hc.home.as_str()) {
            v.error(
                at("home"),
                format!("\"{}\" is not an institution id", hc.home),
            );
        } else if !s
            .pools
            .iter()
            .any(|p| p.home == hc.home && p.specialty == hc.specialty)
        {
            v.error(
                at("specialty"),
                format!(
                    "\"{}\": no pool of this specialty has its home at \"{}\"",
                    hc.specialty, hc.home
                ),
            );
        }
    }
    for id in r.rooms_per_day.keys() {
        if !ids.contains_key(id.as_str()) {
            v.error(
                format!("roster.rooms_per_day.{id}"),
                format!("\"{id}\" is not an institution id"),
            );
        }
    }
    for (&tier, &m) in &r.min_days_per_week_by_tier {
        if m > 7 {
            v.error(
                format!("roster.min_days_per_week_by_tier.{tier}"),
                format!("{m} exceeds the 7 days of a week"),
            );
        }
    }
    if r.max_hosts_per_specialist == Some(0) {
        v.error(
            "roster.max_hosts_per_specialist",
            "0 must be at least 1 (leave it out for no limit)",
        );
    }
    v.non_negative(|| "roster.target_penalty".into(), r.target_penalty);
    v.non_negative(|| "roster.frequency_penalty".into(), r.frequency_penalty);
    v.non_negative(|| "roster.host_penalty".into(), r.host_penalty);
    v.0
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Day counts and weekdays from Python's `datetime` (`(date - date(1970, 1, 1)).days`).
    #[test]
    fn dates_count_days_from_1970_as_python_does() {
        for (date, days, weekday) in [
            ("1970-01-01", 0, Weekday::Thursday),
            ("2000-03-01", 11_017, Weekday::Wednesday),
            ("2024-02-29", 19_782, Weekday::Thursday),
            ("2026-03-02", 20_514, Weekday::Monday),
            ("0001-01-01", -719_162, Weekday::Monday),
            ("9999-12-31", 2_932_896, Weekday::Friday),
        ] {
            assert_eq!(date_to_days(date), Some(days), "{date}");
            assert_eq!(days_to_date(days), date, "{days}");
            assert_eq!(weekday_of(days), weekday, "{date}");
        }
        // Past the four-digit years a horizon may still run (at most 366 days).
        assert_eq!(days_to_date(2_932_897), "10000-01-01");
    }

    /// Leap years by the Gregorian rule, month lengths, and the shape YYYY-MM-DD.
    #[test]
    fn dates_that_do_not_exist_or_are_misshapen_are_refused() {
        for ok in [
            "2000-02-29",
            "2024-02-29",
            "2400-02-29",
            "2026-04-30",
            "2026-12-31",
        ] {
            assert!(date_to_days(ok).is_some(), "{ok}");
        }
        for bad in [
            "1900-02-29",
            "2100-02-29",
            "2026-02-29",
            "2026-04-31",
            "2026-13-01",
            "2026-00-10",
            "2026-01-00",
            "2026-3-02",
            "26-03-02",
            "2026-03-02T00",
            "2026/03/02",
            "",
        ] {
            assert_eq!(date_to_days(bad), None, "{bad}");
        }
    }

    /// Every day from 1600 to 2400 reads back as itself, one after the other, and the
    /// weekdays cycle.
    #[test]
    fn every_day_of_eight_centuries_round_trips() {
        let first = date_to_days("1600-01-01").unwrap();
        let last = date_to_days("2400-12-31").unwrap();
        // 801 years of 365 days, plus the leap days: 1600..=2400 holds 195 of them
        // (201 multiples of 4, less 1700, 1800, 1900, 2100, 2200, 2300).
        assert_eq!(last - first + 1, 801 * 365 + 195);
        let mut previous = String::new();
        for day in first..=last {
            let date = days_to_date(day);
            assert_eq!(date_to_days(&date), Some(day), "{date}");
            assert!(date > previous, "{date} after {previous}");
            assert_eq!(
                weekday_of(day + 1),
                Weekday::ALL[(Weekday::ALL
                    .iter()
                    .position(|&w| w == weekday_of(day))
                    .unwrap()
                    + 1)
                    % 7]
            );
            previous = date;
        }
    }
}
