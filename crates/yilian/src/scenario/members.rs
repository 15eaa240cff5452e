//! Members of a consortium: the players of cost and benefit allocation (model M6).

use super::validate::Validation;
use super::Scenario;
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, HashMap};

/// One member of the consortium: a party that pays and gains, owning some institutions
/// (for example a county hospital with its township centres).
///
/// ```
/// let m = yilian::scenario::Member::new("north", ["THC01", "VC001"]);
/// assert_eq!(m.institutions.len(), 2);
/// ```
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Member {
    /// Name, unique among members; used in allocation tables.
    pub name: String,
    /// Ids of the institutions it owns: their demand, rooms, pools and scanners.
    pub institutions: Vec<String>,
    /// Its share of the consortium's budgets (`policy.budget`, `imaging.budget` and
    /// `imaging.max_new_units`), from 0 to 1. Either every member gives one, adding up
    /// to 1, or none does: then budgets are shared in proportion to population.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub budget_share: Option<f64>,
}

impl Member {
    /// A member owning these institutions, with no declared budget share.
    pub fn new<S: Into<String>>(
        name: impl Into<String>,
        institutions: impl IntoIterator<Item = S>,
    ) -> Self {
        Self {
            name: name.into(),
            institutions: institutions.into_iter().map(Into::into).collect(),
            budget_share: None,
        }
    }

    /// Sets the budget share.
    pub fn budget_share(mut self, share: f64) -> Self {
        self.budget_share = Some(share);
        self
    }
}

/// The members of a scenario as players: the declared `members`, else one member per
/// `consortium` value of the institutions (institutions without one are left out, in
/// order of first appearance).
///
/// ```
/// let mut s = yilian::generate::province(1, 3);
/// let members = yilian::scenario::players(&s);
/// assert_eq!(members.len(), 3);
/// assert_eq!(members[0].name, "county 01");
/// ```
pub fn players(s: &Scenario) -> Vec<Member> {
    if !s.members.is_empty() {
        return s.members.clone();
    }
    let mut order: Vec<String> = Vec::new();
    let mut by_name: BTreeMap<String, Vec<String>> = BTreeMap::new();
    for inst in &s.institutions {
        if let Some(c) = &inst.consortium {
            if !by_name.contains_key(c) {
                order.push(c.clone());
            }
            by_name.entry(c.clone()).or_default().push(inst.id.clone());
        }
    }
    order
        .into_iter()
        .map(|name| {
            let ids = by_name.remove(&name).unwrap_or_default();
            Member::new(name, ids)
        })
        .collect()
}

/// Validates `scenario.members`.
pub(crate) fn validate_members(s: &Scenario, ids: &HashMap<&str, usize>, v: &mut Validation) {
    if s.members.is_empty() {
        return;
    }
    if s.members.len() < 2 {
        v.error(
            "members",
            format!(
                "has {} member: sharing costs needs at least two (or leave members out)",
                s.members.len()
            ),
        );
    }
    let mut names: HashMap<&str, usize> = HashMap::new();
    let mut owner: HashMap<&str, usize> = HashMap::new();
    let mut shares = 0;
    let mut share_sum = 0.0;
    for (k, m) in s.members.iter().enumerate() {
        let at = |f: &str| format!("members[{k}].{f}");
        if m.name.trim().is_empty() {
            v.error(at("name"), "is empty");
        } else if let Some(first) = names.insert(&m.name, k) {
            v.error(
                at("name"),
                format!("\"{}\" duplicates members[{first}].name", m.name),
            );
        }
        if m.institutions.is_empty() {
            v.error(
                at("institutions"),
                format!("is empty: member \"{}\" owns no institution", m.name),
            );
        }
        for (j, id) in m.institutions.iter().enumerate() {
            let path = format!("members[{k}].institutions[{j}]");
            if !ids.contains_key(id.as_str()) {
                v.error(path, format!("\"{id}\" is not an institution id"));
            } else if let Some(first) = owner.insert(id, k) {
                let message = if first == k {
                    format!("\"{id}\" is listed twice in member \"{}\"", m.name)
                } else {
                    format!(
                        "\"{id}\" is already in members[{first}] (\"{}\"): an institution \
                         belongs to one member",
                        s.members[first].name
                    )
                };
                v.error(path, message);
            }
        }
        if let Some(share) = m.budget_share {
            shares += 1;
            if !share.is_finite() || !(0.0..=1.0).contains(&share) {
                v.error(
                    at("budget_share"),
                    format!("{share} must be between 0 and 1"),
                );
            } else {
                share_sum += share;
            }
        }
    }
    if shares > 0 && shares < s.members.len() {
        let k = s
            .members
            .iter()
            .position(|m| m.budget_share.is_none())
            .expect("some member has no share");
        v.error(
            format!("members[{k}].budget_share"),
            format!(
                "is missing: {shares} of {} members give a budget share; give one for every \
                 member or for none",
                s.members.len()
            ),
        );
    } else if shares > 0 && (share_sum - 1.0).abs() > 1e-9 {
        v.error(
            "members",
            format!("budget shares add up to {share_sum}, not 1"),
        );
    }
    let left_out: Vec<&str> = s
        .institutions
        .iter()
        .filter(|i| !owner.contains_key(i.id.as_str()))
        .map(|i| i.id.as_str())
        .collect();
    if let Some(first) = left_out.first() {
        v.warning(
            "members",
            format!(
                "{} institution{} (\"{first}\"{}) belong to no member: left out of every \
                 coalition",
                left_out.len(),
                if left_out.len() == 1 { "" } else { "s" },
                if left_out.len() > 1 { ", ..." } else { "" }
            ),
        );
    }
}
