//! A validated, indexed scenario.

use super::{Places, TravelModel, TravelTable};
use crate::error::{Error, Issue, Result};
use crate::scenario::{validate, Scenario, TravelSource};
use petgraph::graph::{NodeIndex, UnGraph};
use std::collections::HashMap;

/// A validated scenario with dense indices and travel times.
///
/// Ids stay the user's strings at the edges; inside, institutions, pools and
/// specialties are numbered densely in the order of the scenario.
///
/// ```
/// use yilian::{Consortium, Institution, Scenario, Tier};
/// let mut s = Scenario::new("x");
/// s.institutions.push(Institution::new("a", Tier::Secondary).at(120.0, 30.0));
/// let c = Consortium::new(s).unwrap();
/// assert_eq!(c.index_of("a"), Some(0));
/// ```
#[derive(Debug, Clone)]
pub struct Consortium {
    scenario: Scenario,
    index: HashMap<String, usize>,
    specialties: Vec<String>,
    pool_home: Vec<usize>,
    pool_specialty: Vec<usize>,
    travel: TravelModel,
    pool_reach: TravelTable,
    warnings: Vec<Issue>,
}

impl Consortium {
    /// Validates `scenario` and indexes it. All errors are returned together in
    /// [`Error::Invalid`]; warnings are kept in [`Consortium::warnings`].
    pub fn new(scenario: Scenario) -> Result<Self> {
        let validation = validate(&scenario);
        if !validation.errors.is_empty() {
            return Err(Error::Invalid(validation.errors));
        }
        let index: HashMap<String, usize> = scenario
            .institutions
            .iter()
            .enumerate()
            .map(|(i, inst)| (inst.id.clone(), i))
            .collect();
        let mut specialties: Vec<String> = scenario
            .pools
            .iter()
            .map(|p| p.specialty.clone())
            .chain(
                scenario
                    .institutions
                    .iter()
                    .flat_map(|i| i.demand.keys().cloned()),
            )
            .collect();
        specialties.sort();
        specialties.dedup();
        let spec_index: HashMap<&str, usize> = specialties
            .iter()
            .enumerate()
            .map(|(k, s)| (s.as_str(), k))
            .collect();
        let pool_home = scenario.pools.iter().map(|p| index[&p.home]).collect();
        let pool_specialty = scenario
            .pools
            .iter()
            .map(|p| spec_index[p.specialty.as_str()])
            .collect();
        let use_links = match scenario.travel.source {
            TravelSource::Links => true,
            TravelSource::Coordinates => false,
            TravelSource::Auto => !scenario.links.is_empty(),
        };
        let travel = if use_links {
            let n = scenario.institutions.len();
            let mut graph = UnGraph::<(), f64, u32>::with_capacity(n, scenario.links.len());
            for _ in 0..n {
                graph.add_node(());
            }
            for l in &scenario.links {
                graph.add_edge(
                    NodeIndex::new(index[&l.from]),
                    NodeIndex::new(index[&l.to]),
                    l.minutes,
                );
            }
            TravelModel::Roads { graph }
        } else {
            TravelModel::Coordinates {
                points: Places::new(
                    scenario
                        .institutions
                        .iter()
                        .map(|i| {
                            let l = i
                                .location
                                .expect("validated: every institution has a location");
                            (l.lon, l.lat)
                        })
                        .collect(),
                ),
                detour: scenario.travel.detour_factor,
                speed_kmh: scenario.travel.speed_kmh,
            }
        };
        let mut cutoff_by_home: Vec<(usize, f64)> = Vec::new();
        for (p, pool) in scenario.pools.iter().enumerate() {
            let h: usize = index[&pool.home];
            match cutoff_by_home.iter_mut().find(|(home, _)| *home == h) {
                Some(entry) => entry.1 = entry.1.max(pool.max_travel_minutes),
                None => cutoff_by_home.push((h, scenario.pools[p].max_travel_minutes)),
            }
        }
        let pool_reach = TravelTable::build(&travel, &cutoff_by_home);
        let mut consortium = Self {
            scenario,
            index,
            specialties,
            pool_home,
            pool_specialty,
            travel,
            pool_reach,
            warnings: validation.warnings,
        };
        consortium.warn_unreachable();
        Ok(consortium)
    }

    /// Warns about demand and policy minimums that no pool can reach.
    fn warn_unreachable(&mut self) {
        let s = &self.scenario;
        let mut warnings = Vec::new();
        for (j, inst) in s.institutions.iter().enumerate() {
            let min_days = s.policy.min_days(inst.tier);
            let wants_visits = min_days > 0.0 || inst.demand.values().any(|&d| d > 0.0);
            if !wants_visits {
                continue;
            }
            if inst.room_days <= 0.0 {
                warnings.push(Issue::new(
                    format!("institutions[{j}].room_days"),
                    format!(
                        "\"{}\" wants specialist visits but has 0 room-days to host them",
                        inst.id
                    ),
                ));
                continue;
            }
            let reachable_by = |k: Option<&str>| {
                (0..s.pools.len()).any(|p| {
                    k.is_none_or(|k| s.pools[p].specialty == k)
                        && self.pool_can_visit(p, j).is_some()
                })
            };
            if !reachable_by(None) {
                warnings.push(Issue::new(
                    format!("institutions[{j}]"),
                    format!(
                        "\"{}\" is unreachable: no pool can visit it within its travel limit",
                        inst.id
                    ),
                ));
                continue;
            }
            for (k, &d) in &inst.demand {
                let offered = s.pools.iter().any(|p| &p.specialty == k);
                if d > 0.0 && offered && !reachable_by(Some(k)) {
                    warnings.push(Issue::new(
                        format!("institutions[{j}].demand.{k}"),
                        format!(
                            "\"{}\" wants {d} visits but no {k} pool can reach it within its travel limit",
                            inst.id
                        ),
                    ));
                }
            }
        }
        self.warnings.extend(warnings);
    }

    /// The scenario this consortium was built from.
    pub fn scenario(&self) -> &Scenario {
        &self.scenario
    }

    /// Warnings found while validating (nothing that stops a model).
    pub fn warnings(&self) -> &[Issue] {
        &self.warnings
    }

    /// Number of institutions.
    pub fn institution_count(&self) -> usize {
        self.scenario.institutions.len()
    }

    /// Dense index of the institution with id `id`.
    pub fn index_of(&self, id: &str) -> Option<usize> {
        self.index.get(id).copied()
    }

    /// All specialties offered or demanded, sorted.
    pub fn specialties(&self) -> &[String] {
        &self.specialties
    }

    /// Index of the home institution of pool `p`.
    pub fn pool_home(&self, p: usize) -> usize {
        self.pool_home[p]
    }

    /// Index (into [`Consortium::specialties`]) of the specialty of pool `p`.
    pub fn pool_specialty(&self, p: usize) -> usize {
        self.pool_specialty[p]
    }

    /// Travel minutes from pool `p`'s home to institution `j` if the pool may visit it:
    /// `j` is not its home, lies within the pool's travel limit, and belongs to the same
    /// consortium when both name one.
    pub fn pool_can_visit(&self, p: usize, j: usize) -> Option<f64> {
        let home = self.pool_home[p];
        if home == j {
            return None;
        }
        let s = &self.scenario;
        if let (Some(a), Some(b)) = (
            &s.institutions[home].consortium,
            &s.institutions[j].consortium,
        ) {
            if a != b {
                return None;
            }
        }
        self.pool_reach
            .minutes(home, j)
            .filter(|&m| m <= s.pools[p].max_travel_minutes)
    }

    /// Hosts (index, minutes) pool `p` may visit, sorted by index.
    pub fn pool_hosts(&self, p: usize) -> impl Iterator<Item = (usize, f64)> + '_ {
        let home = self.pool_home[p];
        self.pool_reach
            .from(home)
            .iter()
            .filter(move |&&(j, _)| self.pool_can_visit(p, j).is_some())
            .copied()
    }

    /// Travel minutes from `source` to those of `targets` within `cutoff`, in the order
    /// of `targets`: for checking or building flows to a few sites without a table of
    /// every institution in reach.
    ///
    /// ```
    /// use yilian::{Consortium, Institution, Scenario, Tier};
    /// let mut s = Scenario::new("x");
    /// s.institutions.push(Institution::new("a", Tier::Secondary).at(120.0, 30.0));
    /// s.institutions.push(Institution::new("b", Tier::Secondary).at(120.1, 30.0));
    /// s.institutions.push(Institution::new("c", Tier::Secondary).at(125.0, 30.0));
    /// let c = Consortium::new(s).unwrap();
    /// let near = c.travel_to(0, &[2, 1], 60.0);
    /// assert_eq!(near.len(), 1);
    /// assert_eq!(near[0].0, 1);
    /// ```
    pub fn travel_to(&self, source: usize, targets: &[usize], cutoff: f64) -> Vec<(usize, f64)> {
        self.travel.within_targets(source, cutoff, targets)
    }

    /// How travel minutes are found (for models that index sites by place).
    pub(crate) fn travel_model(&self) -> &TravelModel {
        &self.travel
    }

    /// Travel minutes from each source to every institution within its cutoff.
    ///
    /// `sources` holds (institution index, cutoff in minutes).
    pub fn travel_from(&self, sources: &[(usize, f64)]) -> TravelTable {
        TravelTable::build(&self.travel, sources)
    }
}
