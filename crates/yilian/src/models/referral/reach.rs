//! The sites within a class's travel limit of an origin, found without a table of every
//! institution in reach: with coordinates, only the sites of the class in a band of
//! latitude around the origin are measured (the great-circle distance is at least the
//! distance along the meridian); over roads, one bounded Dijkstra per origin.

use crate::network::{Consortium, TravelModel, TravelTable};
use crate::scenario::Care;

/// Mean earth radius in km, rounded down so that the band is never too narrow.
const EARTH_RADIUS_KM: f64 = 6371.0;

pub(crate) enum Reach {
    /// Sites of each class sorted by latitude (latitude, longitude, site), and minutes
    /// per km.
    Coordinates {
        by_lat: Vec<Vec<(f64, f64, usize)>>,
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
                        let mut v: Vec<(f64, f64, usize)> = sites
                            .iter()
                            .map(|&j| (points[j].1, points[j].0, j))
                            .collect();
                        v.sort_by(|a, b| a.0.total_cmp(&b.0).then(a.2.cmp(&b.2)));
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
                let at = c.scenario().institutions[i]
                    .location
                    .expect("validated: coordinates");
                let arc = limit / minutes_per_km / EARTH_RADIUS_KM;
                let band = arc.to_degrees() * 1.001 + 1e-9;
                let lo = sites.partition_point(|&(l, _, _)| l < at.lat - band);
                let hi = sites.partition_point(|&(l, _, _)| l <= at.lat + band);
                // Longitude too: hav(d) >= cos(lat1) cos(lat2) hav(dlon), so a site within
                // the arc has sin(dlon / 2) <= sin(arc / 2) / cos(highest latitude).
                let highest = (at.lat.abs() + band).to_radians();
                let lon_band = if arc < std::f64::consts::PI && highest < 1.5 {
                    let x = (arc / 2.0).sin() / highest.cos();
                    (x < 1.0).then(|| (2.0 * x.asin()).to_degrees() * 1.001 + 1e-9)
                } else {
                    None
                };
                let near = |lon: f64| {
                    lon_band.is_none_or(|w| {
                        let d = (lon - at.lon).rem_euclid(360.0);
                        d.min(360.0 - d) <= w
                    })
                };
                let mut candidates: Vec<usize> = sites[lo..hi]
                    .iter()
                    .filter(|&&(_, lon, _)| near(lon))
                    .map(|&(_, _, j)| j)
                    .collect();
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

#[cfg(test)]
mod tests {
    use super::Reach;
    use crate::network::Consortium;
    use crate::Scenario;

    /// The sites of every class within its limit of `i`, measured against every site.
    fn brute_force(c: &Consortium, sites: &[usize], i: usize, limit: f64) -> Vec<(usize, f64)> {
        c.travel_to(i, sites, limit)
    }

    fn every_site(c: &Consortium, classes: usize) -> Vec<Vec<usize>> {
        let n = c.scenario().institutions.len();
        vec![(0..n).collect(); classes]
    }

    /// The latitude and longitude band finds exactly the sites that measuring every
    /// site finds, for every origin of a generated province and limits up to two
    /// hours (a band too narrow would lose sites, one too wide would only be slower).
    #[test]
    fn the_band_finds_every_site_in_reach() {
        let s = crate::generate::province(3, 4);
        let c = Consortium::new(s).unwrap();
        let care = c.scenario().care.clone().unwrap();
        let sites = every_site(&c, care.classes.len());
        let reach = Reach::new(&c, &care, &sites, &[]);
        let n = c.scenario().institutions.len();
        let mut found = 0;
        for i in (0..n).step_by(7) {
            for limit in [15.0, 45.0, 120.0] {
                let got = reach.sites(&c, i, 0, limit);
                let want = brute_force(&c, &sites[0], i, limit);
                assert_eq!(got, want, "origin {i}, limit {limit}");
                found += got.len();
            }
        }
        assert!(found > n, "the test must see sites in reach");
    }

    /// Across the antimeridian and far north the band still finds the neighbour.
    #[test]
    fn the_band_wraps_around_the_antimeridian() {
        let s = Scenario::from_json_str(
            r#"{"format": "yilian/1", "name": "dateline",
            "institutions": [
              {"id": "A", "tier": "township_health_centre", "location": {"lon": 179.95, "lat": 64.0}},
              {"id": "B", "tier": "township_health_centre", "location": {"lon": -179.95, "lat": 64.0}},
              {"id": "C", "tier": "township_health_centre", "location": {"lon": 179.0, "lat": 64.0}}],
            "care": {"classes": [{"id": "k", "setting": "outpatient",
              "min_tier": "township_health_centre", "max_travel_minutes": 30, "cost": 1}]}}"#,
        )
        .unwrap();
        let c = Consortium::new(s).unwrap();
        let care = c.scenario().care.clone().unwrap();
        let sites = every_site(&c, 1);
        let reach = Reach::new(&c, &care, &sites, &[]);
        for limit in [10.0, 30.0, 120.0] {
            for i in 0..3 {
                assert_eq!(
                    reach.sites(&c, i, 0, limit),
                    brute_force(&c, &sites[0], i, limit),
                    "origin {i}, limit {limit}"
                );
            }
        }
        let from_a: Vec<usize> = reach.sites(&c, 0, 0, 30.0).iter().map(|x| x.0).collect();
        assert!(from_a.contains(&1), "B is about 5 km from A: {from_a:?}");
    }
}
