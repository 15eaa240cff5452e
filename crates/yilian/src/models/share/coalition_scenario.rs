//! The scenario of one coalition: only the resources and demand of its members.

use super::ShareModelKind;
use crate::error::{Error, Issue, Result};
use crate::game::Coalition;
use crate::network::Consortium;
use crate::scenario::{players, Link, Member, Scenario, TravelSource};

/// The members of a scenario with what every coalition's scenario needs.
#[derive(Debug, Clone)]
pub(crate) struct Members {
    scenario: Scenario,
    /// The players.
    pub members: Vec<Member>,
    /// Member owning each institution (by index), if any.
    pub owner: Vec<Option<usize>>,
    /// Share of the budgets of each member (adding up to 1).
    pub shares: Vec<f64>,
    /// With travel from road links: every pair (i < j) within the largest travel limit
    /// in use, with its shortest-path minutes over the whole network.
    pairs: Option<Vec<(usize, usize, f64)>>,
    /// The largest travel limit in use (pools, modalities and care classes).
    cutoff: f64,
}

impl Members {
    /// The members of the consortium's scenario (declared, or one per `consortium`
    /// value). Errors when there are fewer than two.
    pub fn new(c: &Consortium) -> Result<Self> {
        let s = c.scenario();
        let members = players(s);
        if members.len() < 2 {
            let message = if s.members.is_empty() {
                format!(
                    "is absent and the institutions name {} consortium value{}: declare \
                     at least two members (or give institutions a consortium)",
                    members.len(),
                    if members.len() == 1 { "" } else { "s" }
                )
            } else {
                format!("has {} member: sharing needs at least two", members.len())
            };
            return Err(Error::Invalid(vec![Issue::new("members", message)]));
        }
        let mut owner = vec![None; s.institutions.len()];
        for (k, m) in members.iter().enumerate() {
            for id in &m.institutions {
                if let Some(i) = c.index_of(id) {
                    owner[i] = Some(k);
                }
            }
        }
        let shares = if members.iter().all(|m| m.budget_share.is_some()) {
            members
                .iter()
                .map(|m| m.budget_share.unwrap_or(0.0))
                .collect()
        } else {
            let pop: Vec<f64> = (0..members.len())
                .map(|k| {
                    s.institutions
                        .iter()
                        .zip(&owner)
                        .filter(|(_, o)| **o == Some(k))
                        .map(|(inst, _)| inst.population)
                        .sum()
                })
                .collect();
            let total: f64 = pop.iter().sum();
            if total > 0.0 {
                pop.iter().map(|p| p / total).collect()
            } else {
                vec![1.0 / members.len() as f64; members.len()]
            }
        };
        let cutoff = s
            .pools
            .iter()
            .map(|p| p.max_travel_minutes)
            .chain(
                s.imaging
                    .iter()
                    .flat_map(|im| im.modalities.values().map(|m| m.max_travel_minutes)),
            )
            .chain(
                s.care
                    .iter()
                    .flat_map(|care| care.classes.iter().map(|c| c.max_travel_minutes)),
            )
            .fold(0.0, f64::max);
        let use_links = match s.travel.source {
            TravelSource::Links => true,
            TravelSource::Coordinates => false,
            TravelSource::Auto => !s.links.is_empty(),
        };
        let pairs = use_links.then(|| {
            let sources: Vec<(usize, f64)> = (0..s.institutions.len())
                .filter(|&i| owner[i].is_some())
                .map(|i| (i, cutoff))
                .collect();
            let table = c.travel_from(&sources);
            let mut pairs = Vec::new();
            for &(i, _) in &sources {
                for &(j, m) in table.from(i) {
                    if j > i && owner[j].is_some() {
                        pairs.push((i, j, m));
                    }
                }
            }
            pairs
        });
        Ok(Self {
            scenario: s.clone(),
            members,
            owner,
            shares,
            pairs,
            cutoff,
        })
    }

    /// Number of members.
    pub fn len(&self) -> usize {
        self.members.len()
    }

    /// Whether institution `i` belongs to a member of `s`.
    pub fn in_coalition(&self, i: usize, s: Coalition) -> bool {
        self.owner[i].is_some_and(|k| s.contains(k))
    }

    /// The member owning the institution of id `id`.
    pub fn owner_of(&self, id: &str) -> Option<usize> {
        let i = self.scenario.institutions.iter().position(|x| x.id == id)?;
        self.owner[i]
    }

    /// The names of the members of `s`, joined by `+`.
    pub fn label(&self, s: Coalition) -> String {
        let names: Vec<&str> = s.players().map(|k| self.members[k].name.as_str()).collect();
        format!("{{{}}}", names.join(" + "))
    }

    /// The scenario of coalition `s` for model `kind`: the institutions of its members
    /// (for rotation and scanners their `consortium` cleared, so that members of the
    /// coalition serve one another; for referral it stays, as the county of the
    /// within-county target and the scenario's rule for pools), the pools homed there,
    /// the scanners and candidate sites there, the care demand of origins there, the
    /// care capacity there and the telemedicine links with hub and spoke there, the
    /// budgets times the coalition's budget share, and the travel times of the whole
    /// network.
    pub fn scenario_of(&self, s: Coalition, kind: ShareModelKind) -> Scenario {
        let base = &self.scenario;
        let grand = s == Coalition::grand(self.len());
        let share: f64 = if grand {
            1.0
        } else {
            s.players().map(|k| self.shares[k]).sum()
        };
        let keep: Vec<usize> = (0..base.institutions.len())
            .filter(|&i| self.in_coalition(i, s))
            .collect();
        let ids: std::collections::HashSet<&str> = keep
            .iter()
            .map(|&i| base.institutions[i].id.as_str())
            .collect();
        let mut out = Scenario::new(format!("{} {}", base.name, self.label(s)));
        out.period_days = base.period_days;
        out.travel = base.travel.clone();
        out.policy = base.policy.clone();
        out.policy.budget = base.policy.budget.map(|b| b * share);
        out.institutions = keep
            .iter()
            .map(|&i| {
                let mut inst = base.institutions[i].clone();
                if !matches!(kind, ShareModelKind::Referral(_)) {
                    inst.consortium = None;
                }
                inst
            })
            .collect();
        out.pools = base
            .pools
            .iter()
            .filter(|p| ids.contains(p.home.as_str()))
            .cloned()
            .collect();
        out.imaging = base.imaging.as_ref().map(|im| {
            let mut im = im.clone();
            im.scanners.retain(|x| ids.contains(x.site.as_str()));
            im.candidates.retain(|x| ids.contains(x.site.as_str()));
            im.budget = im.budget.map(|b| b * share);
            im.max_new_units = im
                .max_new_units
                .map(|m| (f64::from(m) * share + 1e-9).floor() as u32);
            im
        });
        out.care = base.care.as_ref().map(|care| {
            let mut care = care.clone();
            care.demand
                .retain(|origin, _| ids.contains(origin.as_str()));
            care.capacity.retain(|site, _| ids.contains(site.as_str()));
            care.telemedicine
                .retain(|l| ids.contains(l.hub.as_str()) && ids.contains(l.spoke.as_str()));
            care
        });
        if let Some(pairs) = &self.pairs {
            out.travel.source = TravelSource::Links;
            out.links = pairs
                .iter()
                .filter(|&&(i, j, _)| self.in_coalition(i, s) && self.in_coalition(j, s))
                .map(|&(i, j, m)| Link {
                    from: base.institutions[i].id.clone(),
                    to: base.institutions[j].id.clone(),
                    minutes: m,
                })
                .collect();
            if out.links.is_empty() {
                if out.institutions.len() >= 2 {
                    // No pair within reach: one link beyond every limit keeps the
                    // scenario valid without making anything reachable.
                    out.links.push(Link {
                        from: out.institutions[0].id.clone(),
                        to: out.institutions[1].id.clone(),
                        minutes: self.cutoff + 1.0,
                    });
                } else {
                    // One institution: travel only to itself (0 minutes).
                    out.travel.source = TravelSource::Coordinates;
                    for inst in &mut out.institutions {
                        inst.location
                            .get_or_insert(crate::scenario::Location { lon: 0.0, lat: 0.0 });
                    }
                }
            }
        }
        out
    }

    /// The original scenario.
    pub fn scenario(&self) -> &Scenario {
        &self.scenario
    }
}
