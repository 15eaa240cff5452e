//! The sites within a class's travel limit of an origin, found without a table of every
//! institution in reach: with coordinates, only the sites of the class in a band of
//! latitude around the origin are measured (the great-circle distance is at least the
//! distance along the meridian); over roads, one bounded Dijkstra per origin.

use crate::network::{Consortium, TravelModel, TravelTable};
use crate::scenario::Care;

/// Mean earth radius in km, rounded down so that the band is never too narrow.
const EARTH_RADIUS_KM: f64 = 6371.0;

pub(crate) enum Reach {
    /// Sites of each class sorted by latitude, and minutes per km of latitude.
    Coordinates {
        by_lat: Vec<Vec<(f64, usize)>>,
        minutes_per_km: f64,
    },
    /// Minutes from every origin within the longest limit it needs.
    Roads {
        table: TravelTable,
        is_site: Vec<Vec<bool>>,
    },
}

impl Reach {
    pub fn new(
        c: &Consortium,
        care: &Care,
        sites_of: &[Vec<usize>],
        wanted: &[(usize, usize, f64)],
    ) -> Self {
        let s = c.scenario();
        match c.travel_model() {
            TravelModel::Coordinates {
                points,
                detour,
                speed_kmh,
            } => {
                let by_lat = sites_of
                    .iter()
                    .map(|sites| {
                        let mut v: Vec<(f64, usize)> =
                            sites.iter().map(|&j| (points[j].1, j)).collect();
                        v.sort_by(|a, b| a.0.total_cmp(&b.0).then(a.1.cmp(&b.1)));
                        v
                    })
                    .collect();
                Reach::Coordinates {
                    by_lat,
                    minutes_per_km: detour / speed_kmh * 60.0,
                }
            }
            TravelModel::Roads { .. } => {
                let mut cutoff = vec![-1.0_f64; s.institutions.len()];
                for &(i, k, _) in wanted {
                    let cl = &care.classes[k];
                    let mut t = cl.max_travel_minutes;
                    if let Some(r) = &cl.recovery {
                        t = t.max(care.class(&r.class).expect("validated").max_travel_minutes);
                    }
                    cutoff[i] = cutoff[i].max(t);
                }
                let sources: Vec<(usize, f64)> = cutoff
                    .iter()
                    .enumerate()
                    .filter(|(_, &t)| t >= 0.0)
                    .map(|(i, &t)| (i, t))
                    .collect();
                let n = s.institutions.len();
                let is_site = sites_of
                    .iter()
                    .map(|sites| {
                        let mut v = vec![false; n];
                        for &j in sites {
                            v[j] = true;
                        }
                        v
                    })
                    .collect();
                Reach::Roads {
                    table: c.travel_from(&sources),
                    is_site,
                }
            }
        }
    }

    /// (site, minutes) of class `k` within `limit` minutes of origin `i`, by site.
    pub fn sites(&self, c: &Consortium, i: usize, k: usize, limit: f64) -> Vec<(usize, f64)> {
        match self {
            Reach::Coordinates {
                by_lat,
                minutes_per_km,
            } => {
                let sites = &by_lat[k];
                let lat = c.scenario().institutions[i]
                    .location
                    .expect("validated: coordinates")
                    .lat;
                let band = (limit / minutes_per_km / EARTH_RADIUS_KM).to_degrees() * 1.001 + 1e-9;
                let lo = sites.partition_point(|&(l, _)| l < lat - band);
                let hi = sites.partition_point(|&(l, _)| l <= lat + band);
                let mut candidates: Vec<usize> = sites[lo..hi].iter().map(|&(_, j)| j).collect();
                candidates.sort_unstable();
                c.travel_to(i, &candidates, limit)
            }
            Reach::Roads { table, is_site } => table
                .from(i)
                .iter()
                .filter(|&&(j, m)| m <= limit && is_site[k][j])
                .copied()
                .collect(),
        }
    }
}
