//! The travel-feasible, capable (origin, class, site) pairs of M5.

use super::reach::Reach;
use super::visits::Visits;
use crate::network::Consortium;
use crate::scenario::{care_level, Care, CareClass};
use std::collections::HashMap;

/// Acute demand of one origin for one class, and the sites that may treat it.
#[derive(Debug, Clone)]
pub(crate) struct Entry {
    pub origin: usize,
    pub class: usize,
    pub demand: f64,
    /// (site, minutes) within the class's travel limit that may treat the class.
    pub sites: Vec<(usize, f64)>,
}

/// The recovery stage of one acute entry: its episodes continue as another class.
#[derive(Debug, Clone)]
pub(crate) struct RecoveryEntry {
    /// Index of the acute entry in [`CareNetwork::entries`].
    pub parent: usize,
    /// Recovery class.
    pub class: usize,
    /// Share of the acute patients treated that continue.
    pub share: f64,
    /// (site, minutes) from the patient's origin that may treat the recovery class.
    pub sites: Vec<(usize, f64)>,
}

/// Indexed care data of a scenario: classes, capacity, capability and feasible pairs.
#[derive(Debug, Clone)]
pub(crate) struct CareNetwork<'a> {
    pub care: &'a Care,
    pub classes: usize,
    /// Patients per period of capacity, indexed `j * classes + c` (0 without an entry).
    pub capacity: Vec<f64>,
    /// Beds, when the capacity was given in beds.
    pub beds: Vec<Option<f64>>,
    /// Whether the tier of `j` may treat `c` on its own.
    pub native: Vec<bool>,
    /// Whether visiting specialist-days can enable `c` at `j`.
    pub by_visits: Vec<bool>,
    /// Telemedicine links that can enable `c` at `j`.
    pub links: Vec<Vec<usize>>,
    /// County (area) number of each institution (same `consortium`, or none).
    pub county: Vec<usize>,
    /// Acute demand entries with positive demand.
    pub entries: Vec<Entry>,
    /// Recovery stages of the acute entries that have a site.
    pub recoveries: Vec<RecoveryEntry>,
    /// Index of every class id.
    pub class_index: HashMap<&'a str, usize>,
}

impl<'a> CareNetwork<'a> {
    /// Index of `(j, c)` in the per-(institution, class) vectors.
    pub fn at(&self, j: usize, c: usize) -> usize {
        j * self.classes + c
    }

    /// Whether `j` may treat `c` at all: capacity and (tier, visits or telemedicine).
    pub fn treats(&self, j: usize, c: usize) -> bool {
        let k = self.at(j, c);
        self.capacity[k] > 0.0 && (self.native[k] || self.by_visits[k] || !self.links[k].is_empty())
    }

    /// The class with index `c`.
    pub fn class(&self, c: usize) -> &'a CareClass {
        &self.care.classes[c]
    }

    pub fn new(c: &Consortium, care: &'a Care, visits: &Visits) -> Self {
        let s = c.scenario();
        let n = s.institutions.len();
        let classes = care.classes.len();
        let class_index: HashMap<&str, usize> = care
            .classes
            .iter()
            .enumerate()
            .map(|(k, cl)| (cl.id.as_str(), k))
            .collect();
        let mut capacity = vec![0.0; n * classes];
        let mut beds = vec![None; n * classes];
        for (site, by_class) in &care.capacity {
            let j = c
                .index_of(site)
                .expect("validated: capacity sites are institutions");
            for (class, cap) in by_class {
                let k = class_index[class.as_str()];
                capacity[j * classes + k] = cap.patients(&care.classes[k], s.period_days);
                beds[j * classes + k] = if cap.slots.is_none() { cap.beds } else { None };
            }
        }
        let mut native = vec![false; n * classes];
        let mut by_visits = vec![false; n * classes];
        for (j, inst) in s.institutions.iter().enumerate() {
            let level = care_level(inst.tier);
            for (k, cl) in care.classes.iter().enumerate() {
                let need = care_level(cl.min_tier);
                native[j * classes + k] = level >= need;
                by_visits[j * classes + k] = level + 1 == need
                    && cl
                        .enabling_specialty
                        .as_deref()
                        .is_some_and(|sp| visits.possible(j, sp));
            }
        }
        let mut links = vec![Vec::new(); n * classes];
        for (l, link) in care.telemedicine.iter().enumerate() {
            let hub = c.index_of(&link.hub).expect("validated");
            let spoke = c.index_of(&link.spoke).expect("validated");
            if link.minutes <= 0.0 {
                continue;
            }
            for (k, cl) in care.classes.iter().enumerate() {
                let (ht, st) = (s.institutions[hub].tier, s.institutions[spoke].tier);
                if Care::link_supports(link, cl, ht, st) {
                    links[spoke * classes + k].push(l);
                }
            }
        }
        let mut names: HashMap<Option<&str>, usize> = HashMap::new();
        let county = s
            .institutions
            .iter()
            .map(|inst| {
                let next = names.len();
                *names.entry(inst.consortium.as_deref()).or_insert(next)
            })
            .collect();

        let mut net = Self {
            care,
            classes,
            capacity,
            beds,
            native,
            by_visits,
            links,
            county,
            entries: Vec::new(),
            recoveries: Vec::new(),
            class_index,
        };

        // Demand entries, and the sites that may treat each class.
        let mut wanted: Vec<(usize, usize, f64)> = Vec::new();
        for (origin, by_class) in &care.demand {
            let i = c
                .index_of(origin)
                .expect("validated: demand origins are institutions");
            for (class, &d) in by_class {
                if d > 0.0 {
                    wanted.push((i, net.class_index[class.as_str()], d));
                }
            }
        }
        wanted.sort_by_key(|&(i, k, _)| (i, k));
        let sites_of: Vec<Vec<usize>> = (0..classes)
            .map(|k| (0..n).filter(|&j| net.treats(j, k)).collect())
            .collect();
        let reach = Reach::new(c, care, &sites_of, &wanted);
        let feasible =
            |i: usize, k: usize| reach.sites(c, i, k, care.classes[k].max_travel_minutes);
        for (i, k, d) in wanted {
            let sites = feasible(i, k);
            let e = net.entries.len();
            if !sites.is_empty() {
                if let Some(r) = &care.classes[k].recovery {
                    let rk = net.class_index[r.class.as_str()];
                    if r.share > 0.0 {
                        let rsites = feasible(i, rk);
                        net.recoveries.push(RecoveryEntry {
                            parent: e,
                            class: rk,
                            share: r.share,
                            sites: rsites,
                        });
                    }
                }
            }
            net.entries.push(Entry {
                origin: i,
                class: k,
                demand: d,
                sites,
            });
        }
        net
    }

    /// Total episodes of the classes for which `counted` holds: demand plus the
    /// recovery episodes all of the demand would pass on.
    pub fn episodes(&self, counted: &dyn Fn(usize) -> bool) -> f64 {
        let mut n = 0.0;
        for e in &self.entries {
            if counted(e.class) {
                n += e.demand;
            }
            if let Some(r) = &self.class(e.class).recovery {
                if counted(self.class_index[r.class.as_str()]) {
                    n += r.share * e.demand;
                }
            }
        }
        n
    }
}
