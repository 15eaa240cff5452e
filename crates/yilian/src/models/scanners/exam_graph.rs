//! The graph M3 is built on: stations (a site and a modality where units stand or may
//! be added), demands (an institution's exams of one modality) and the exam flows
//! between them, only where travel is within the modality's limit (and, with
//! `within_consortium`, inside one consortium).

use crate::network::Consortium;
use crate::scenario::Imaging;
use std::collections::{BTreeMap, HashMap};

/// A (site, modality) where units stand or may be added.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Station {
    pub site: usize,
    pub modality: String,
    /// Units in place.
    pub existing_units: u32,
    /// Exams per period of the units in place (their own throughput).
    pub existing_capacity: f64,
    /// Exams per period of one new (or relocated) unit.
    pub unit_capacity: f64,
    /// Exams per day of one unit of the modality (to price a scanner-day).
    pub exams_per_day: f64,
    /// (fixed cost per period, most new units) when new units may be added here.
    pub candidate: Option<(f64, u32)>,
}

/// One exam flow: demand of `institution` served at `station`.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) struct Flow {
    pub institution: usize,
    pub station: usize,
    pub minutes: f64,
}

/// Demand of one institution for one modality.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Demand {
    pub institution: usize,
    pub modality: String,
    pub exams: f64,
    /// Flow indices serving it.
    pub flows: Vec<usize>,
}

/// Whether institutions `i` and `j` may share a scanner under `within_consortium`:
/// unless both name a consortium and the two differ (the rule of M1's pools).
fn same_consortium(s: &crate::Scenario, i: usize, j: usize) -> bool {
    match (&s.institutions[i].consortium, &s.institutions[j].consortium) {
        (Some(a), Some(b)) => a == b,
        _ => true,
    }
}

/// Stations, demands and the exam flows between them, of a consortium's imaging.
#[derive(Debug, Clone)]
pub(crate) struct ExamGraph {
    pub stations: Vec<Station>,
    pub flows: Vec<Flow>,
    pub demands: Vec<Demand>,
    /// Flow indices by station.
    pub by_station: Vec<Vec<usize>>,
}

impl ExamGraph {
    /// The demand index of each flow.
    pub fn demand_of_flow(&self) -> Vec<usize> {
        let mut out = vec![0; self.flows.len()];
        for (d, dem) in self.demands.iter().enumerate() {
            for &fl in &dem.flows {
                out[fl] = d;
            }
        }
        out
    }

    /// The graph of `im` on the consortium `c`.
    pub fn new(c: &Consortium, im: &Imaging) -> Self {
        let s = c.scenario();
        let mut index: BTreeMap<(usize, String), usize> = BTreeMap::new();
        let mut stations: Vec<Station> = Vec::new();
        let mut station_of = |site: usize, m: &str, stations: &mut Vec<Station>| {
            *index.entry((site, m.to_string())).or_insert_with(|| {
                let ms = &im.modalities[m];
                stations.push(Station {
                    site,
                    modality: m.to_string(),
                    existing_units: 0,
                    existing_capacity: 0.0,
                    unit_capacity: ms.unit_capacity(),
                    exams_per_day: ms.exams_per_day,
                    candidate: None,
                });
                stations.len() - 1
            })
        };
        for sc in &im.scanners {
            let site = c.index_of(&sc.site).expect("validated site");
            let k = station_of(site, &sc.modality, &mut stations);
            let ms = &im.modalities[&sc.modality];
            stations[k].existing_units += 1;
            stations[k].existing_capacity += sc.exams_per_day.unwrap_or(ms.exams_per_day)
                * sc.working_days.unwrap_or(ms.working_days);
        }
        for cand in &im.candidates {
            let site = c.index_of(&cand.site).expect("validated site");
            let k = station_of(site, &cand.modality, &mut stations);
            stations[k].candidate = Some((cand.fixed_cost, cand.max_units));
        }
        // Travel from every station site up to its largest modality limit.
        let mut cutoffs: HashMap<usize, f64> = HashMap::new();
        for st in &stations {
            let t = im.modalities[&st.modality].max_travel_minutes;
            let e = cutoffs.entry(st.site).or_insert(t);
            *e = e.max(t);
        }
        let mut sources: Vec<(usize, f64)> = cutoffs.into_iter().collect();
        sources.sort_by_key(|&(site, _)| site);
        let travel = c.travel_from(&sources);

        let mut demand_index: HashMap<(usize, &str), usize> = HashMap::new();
        let mut demands: Vec<Demand> = Vec::new();
        for (i, inst) in s.institutions.iter().enumerate() {
            for (m, &d) in &inst.exams {
                if d > 0.0 {
                    demand_index.insert((i, m.as_str()), demands.len());
                    demands.push(Demand {
                        institution: i,
                        modality: m.clone(),
                        exams: d,
                        flows: Vec::new(),
                    });
                }
            }
        }
        let mut flows = Vec::new();
        let mut by_station = vec![Vec::new(); stations.len()];
        for (k, st) in stations.iter().enumerate() {
            let limit = im.modalities[&st.modality].max_travel_minutes;
            for &(i, minutes) in travel.from(st.site) {
                if minutes > limit || (im.within_consortium && !same_consortium(s, i, st.site)) {
                    continue;
                }
                if let Some(&d) = demand_index.get(&(i, st.modality.as_str())) {
                    demands[d].flows.push(flows.len());
                    by_station[k].push(flows.len());
                    flows.push(Flow {
                        institution: i,
                        station: k,
                        minutes,
                    });
                }
            }
        }
        Self {
            stations,
            flows,
            demands,
            by_station,
        }
    }
}
