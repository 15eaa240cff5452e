//! The plan returned by the roster model (M2): a calendar of named specialists.

use super::ModelStats;
use crate::scenario::Roster;
use crate::solve::Status;
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// Where the roster's targets came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum TargetSource {
    /// Specialist-days per (pool, host) of a rotation plan (M1), scaled to the horizon.
    Rotation,
    /// Visits wanted per (host, specialty), scaled to the horizon.
    Demand,
}

/// One specialist at one host on one day.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct Visit {
    /// Specialist id.
    pub specialist: String,
    /// ISO date.
    pub date: String,
    /// Host institution id.
    pub host: String,
    /// Pool of the specialist.
    pub pool: String,
    /// One-way travel minutes from the specialist's home.
    pub travel_minutes: f64,
    /// Cost of the day (cost per day + round-trip travel).
    pub cost: f64,
}

/// A target and how much of it the roster delivers.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct TargetLine {
    /// Host institution id.
    pub host: String,
    /// Specialty.
    pub specialty: String,
    /// Pool, for targets from a rotation plan.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub pool: Option<String>,
    /// `"days"` (rotation targets) or `"visits"` (demand targets).
    pub unit: String,
    /// Wanted over the horizon.
    pub target: f64,
    /// Delivered by the calendar (days, or visits = days x visits per day, at most the target).
    pub delivered: f64,
    /// Target minus delivered, when positive.
    pub short: f64,
    /// Why the target is short, in a planner's terms (absent when met).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reason: Option<String>,
}

/// A host's weekly visit-frequency rule and what it receives in one week.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct FrequencyLine {
    /// Host institution id.
    pub host: String,
    /// Tier, whose rule applies.
    pub tier: String,
    /// First calendar day of the week (weeks are 7-day blocks from the horizon start).
    pub week_start: String,
    /// Visiting specialist-days required in this week.
    pub required: u32,
    /// Visiting specialist-days received.
    pub received: u32,
    /// Days short (0 when met).
    pub shortfall: u32,
    /// Why the host is short (absent when met).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reason: Option<String>,
}

/// One specialist's share of the calendar.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct SpecialistLine {
    /// Specialist id.
    pub specialist: String,
    /// Pool.
    pub pool: String,
    /// Planning days the specialist works (not off).
    pub working_days: u32,
    /// Days away at hosts.
    pub visiting_days: u32,
    /// Distinct hosts visited, sorted.
    pub hosts: Vec<String>,
}

/// One pool's outreach over the horizon.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct PoolLine {
    /// Pool id.
    pub pool: String,
    /// Outreach days allowed over the horizon (outreach days per period x planning
    /// days / period days).
    pub limit: f64,
    /// Days sent.
    pub sent: u32,
    /// Fewest visiting days of one of its working specialists.
    pub min_visiting_days: u32,
    /// Most visiting days of one of its specialists.
    pub max_visiting_days: u32,
}

/// The roster: a calendar of named specialists, with what it delivers.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct RosterPlan {
    /// Format tag, `"yilian-plan/1"`.
    pub format: String,
    /// Always `"roster"`.
    pub model: String,
    /// Name of the scenario.
    pub scenario: String,
    /// The roster settings used (horizon, specialists, rules, weights).
    pub roster: Roster,
    /// Where the targets came from.
    pub targets_from: TargetSource,
    /// The planning days (ISO dates).
    pub dates: Vec<String>,
    /// Solve status.
    pub status: Status,
    /// Backend that solved it.
    pub backend: String,
    /// Objective value of the calendar.
    pub objective: f64,
    /// A proven lower bound on the optimum: the backend's MIP bound (HiGHS, CBC,
    /// microlp), or, when it has none, the LP relaxation's optimum. Absent when neither
    /// is known (see [`crate::Status`]).
    pub bound: Option<f64>,
    /// `(objective - bound) / max(|objective|, 1)`, computed from `bound`; absent with it.
    pub gap: Option<f64>,
    /// Total cost of the visits.
    pub total_cost: f64,
    /// The calendar, sorted by specialist then date.
    pub visits: Vec<Visit>,
    /// Targets and their delivery.
    pub targets: Vec<TargetLine>,
    /// Weekly frequency rules per host.
    pub frequency: Vec<FrequencyLine>,
    /// Every specialist's days and hosts.
    pub specialists: Vec<SpecialistLine>,
    /// Every pool's outreach and fairness spread.
    pub pools: Vec<PoolLine>,
    /// Model size and timing.
    pub stats: ModelStats,
    /// Notes: scenario warnings, options the backend could not honour, rules relaxed.
    #[serde(default)]
    pub notes: Vec<String>,
}

impl RosterPlan {
    /// Pretty JSON text of the whole plan.
    pub fn to_json_string(&self) -> String {
        super::to_json(self)
    }

    /// Parses a plan from JSON text.
    pub fn from_json_str(text: &str) -> crate::Result<Self> {
        super::from_json(text)
    }

    /// The calendar alone as JSON: an array of `{specialist, date, host}`.
    pub fn calendar_json(&self) -> String {
        let rows: Vec<serde_json::Value> = self
            .visits
            .iter()
            .map(
                |v| serde_json::json!({"specialist": v.specialist, "date": v.date, "host": v.host}),
            )
            .collect();
        serde_json::to_string_pretty(&rows).expect("a calendar always serialises")
    }

    /// The calendar as CSV with header `specialist,date,host`.
    ///
    /// ```
    /// # use yilian::RosterPlan;
    /// # fn demo(plan: &RosterPlan) {
    /// let csv = plan.calendar_csv();
    /// assert!(csv.starts_with("specialist,date,host\n"));
    /// # }
    /// ```
    pub fn calendar_csv(&self) -> String {
        let mut out = String::from("specialist,date,host\n");
        for v in &self.visits {
            out.push_str(&format!(
                "{},{},{}\n",
                csv_field(&v.specialist),
                v.date,
                csv_field(&v.host)
            ));
        }
        out
    }

    /// The per-host view: host id → (date, specialist) sorted by date then specialist.
    pub fn by_host(&self) -> BTreeMap<String, Vec<(String, String)>> {
        let mut out: BTreeMap<String, Vec<(String, String)>> = BTreeMap::new();
        for v in &self.visits {
            out.entry(v.host.clone())
                .or_default()
                .push((v.date.clone(), v.specialist.clone()));
        }
        for list in out.values_mut() {
            list.sort();
        }
        out
    }

    /// The per-host view as CSV with header `host,date,specialist`.
    pub fn host_view_csv(&self) -> String {
        let mut out = String::from("host,date,specialist\n");
        for (host, list) in self.by_host() {
            for (date, specialist) in list {
                out.push_str(&format!(
                    "{},{date},{}\n",
                    csv_field(&host),
                    csv_field(&specialist)
                ));
            }
        }
        out
    }

    /// The host `specialist` is at on `date`, if away.
    pub fn host_of(&self, specialist: &str, date: &str) -> Option<&str> {
        self.visits
            .iter()
            .find(|v| v.specialist == specialist && v.date == date)
            .map(|v| v.host.as_str())
    }

    /// Days the specialists of `pool` spend at `host`.
    pub fn days(&self, pool: &str, host: &str) -> usize {
        self.visits
            .iter()
            .filter(|v| v.pool == pool && v.host == host)
            .count()
    }
}

/// Quotes a CSV field when it holds a comma, quote or line break.
fn csv_field(s: &str) -> String {
    if s.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", s.replace('"', "\"\""))
    } else {
        s.to_string()
    }
}
