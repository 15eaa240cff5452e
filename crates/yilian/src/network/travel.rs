//! Travel times between institutions, kept sparse.
//!
//! Two sources: shortest paths over road links (Dijkstra on a petgraph graph,
//! stopped at the cutoff), or great-circle distance x detour factor / speed.
//! Only pairs within the cutoff are stored.
//!
//! With coordinates, the institutions within a cutoff of one source are found in an
//! R-tree (rstar) over their places as points on the unit sphere: the great-circle
//! distance grows with the straight chord through the earth, so the institutions
//! within the cutoff lie in a ball around the source, which the tree answers without
//! measuring every institution. The ball is a little wider than the cutoff; the
//! minutes of the institutions in it are the haversine formula's, as for every pair
//! before, and those beyond the cutoff are dropped.

use petgraph::graph::{NodeIndex, UnGraph};
use petgraph::visit::EdgeRef;
use rstar::primitives::GeomWithData;
use rstar::RTree;
use std::cmp::Ordering;
use std::collections::BinaryHeap;

/// Mean earth radius in km (IUGG).
const EARTH_RADIUS_KM: f64 = 6371.0088;

/// Great-circle distance in km between two (lon, lat) points in degrees.
///
/// ```
/// // One degree of latitude is about 111.2 km.
/// let d = yilian::haversine_km((120.0, 30.0), (120.0, 31.0));
/// assert!((d - 111.19).abs() < 0.01);
/// ```
pub fn haversine_km(a: (f64, f64), b: (f64, f64)) -> f64 {
    let (lon1, lat1) = (a.0.to_radians(), a.1.to_radians());
    let (lon2, lat2) = (b.0.to_radians(), b.1.to_radians());
    let h = ((lat2 - lat1) / 2.0).sin().powi(2)
        + lat1.cos() * lat2.cos() * ((lon2 - lon1) / 2.0).sin().powi(2);
    2.0 * EARTH_RADIUS_KM * h.sqrt().min(1.0).asin()
}

/// A point on the unit sphere, tagged with its institution's index.
type SpherePoint = GeomWithData<[f64; 3], usize>;

/// The institutions' places: (lon, lat) in degrees by index (`places[j]`), and an
/// R-tree over the same places as points on the unit sphere.
#[derive(Clone)]
pub(crate) struct Places {
    lon_lat: Vec<(f64, f64)>,
    tree: RTree<SpherePoint>,
}

impl std::fmt::Debug for Places {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Places")
            .field("lon_lat", &self.lon_lat)
            .finish_non_exhaustive()
    }
}

impl std::ops::Index<usize> for Places {
    type Output = (f64, f64);
    fn index(&self, j: usize) -> &(f64, f64) {
        &self.lon_lat[j]
    }
}

/// The point on the unit sphere at (lon, lat) degrees.
fn on_sphere((lon, lat): (f64, f64)) -> [f64; 3] {
    let (lon, lat) = (lon.to_radians(), lat.to_radians());
    [lat.cos() * lon.cos(), lat.cos() * lon.sin(), lat.sin()]
}

impl Places {
    /// Indexes `lon_lat` (degrees, by institution index).
    pub(crate) fn new(lon_lat: Vec<(f64, f64)>) -> Self {
        let points = lon_lat
            .iter()
            .enumerate()
            .map(|(j, &p)| GeomWithData::new(on_sphere(p), j))
            .collect();
        Self {
            tree: RTree::bulk_load(points),
            lon_lat,
        }
    }

    /// Every place within `km` of place `source` along the great circle, and perhaps
    /// a few just beyond it, sorted by index.
    ///
    /// The squared chord between two points of the unit sphere is exactly 4 h, h the
    /// haversine of their distance; the ball is widened by a relative 1e-9 and an
    /// absolute 1e-12 (6 micrometres) against rounding, so that no place the haversine
    /// formula puts within `km` is missed.
    fn candidates(&self, source: usize, km: f64) -> Vec<usize> {
        // A negative distance queries a ball of radius 0 (+ the margin), an arc of pi
        // or more the whole sphere (chord 2), and so does NaN (from 0 / 0 or inf /
        // inf minutes per km): the caller's exact test decides.
        let pi = std::f64::consts::PI;
        let arc = km / EARTH_RADIUS_KM;
        let arc = if arc.is_nan() { pi } else { arc.clamp(0.0, pi) };
        let chord = 2.0 * (arc / 2.0).sin() * (1.0 + 1e-9) + 1e-12;
        let mut near: Vec<usize> = self
            .tree
            .locate_within_distance(on_sphere(self.lon_lat[source]), chord * chord)
            .map(|p| p.data)
            .collect();
        near.sort_unstable();
        near
    }
}

/// How minutes between two institutions are found.
#[derive(Debug, Clone)]
pub(crate) enum TravelModel {
    /// Straight-line distance x detour / speed.
    Coordinates {
        points: Places,
        detour: f64,
        speed_kmh: f64,
    },
    /// Shortest paths over an undirected road graph whose nodes are institution indices.
    Roads { graph: UnGraph<(), f64, u32> },
}

impl TravelModel {
    /// Minutes from `source` to every institution within `cutoff`, sorted by target:
    /// with coordinates, those of the R-tree's candidates (see [`Places`]) whose
    /// minutes by [`TravelModel::within_targets`] are within `cutoff`.
    pub(crate) fn within(&self, source: usize, cutoff: f64) -> Vec<(usize, f64)> {
        match self {
            TravelModel::Coordinates {
                points,
                detour,
                speed_kmh,
            } => {
                let per_km = detour / speed_kmh * 60.0;
                let near = points.candidates(source, cutoff / per_km);
                self.within_targets(source, cutoff, &near)
            }
            TravelModel::Roads { graph } => bounded_dijkstra(graph, source, cutoff),
        }
    }

    /// Minutes from `source` to those of `targets` within `cutoff`, in the order of
    /// `targets` (the same minutes as [`TravelModel::within`]).
    pub(crate) fn within_targets(
        &self,
        source: usize,
        cutoff: f64,
        targets: &[usize],
    ) -> Vec<(usize, f64)> {
        match self {
            TravelModel::Coordinates {
                points,
                detour,
                speed_kmh,
            } => {
                let from = points[source];
                let per_km = detour / speed_kmh * 60.0;
                targets
                    .iter()
                    .filter_map(|&j| {
                        let m = if j == source {
                            0.0
                        } else {
                            haversine_km(from, points[j]) * per_km
                        };
                        (m <= cutoff).then_some((j, m))
                    })
                    .collect()
            }
            TravelModel::Roads { graph } => {
                let all = bounded_dijkstra(graph, source, cutoff);
                targets
                    .iter()
                    .filter_map(|&j| {
                        all.binary_search_by_key(&j, |&(k, _)| k)
                            .ok()
                            .map(|p| all[p])
                    })
                    .collect()
            }
        }
    }
}

#[derive(PartialEq)]
struct Entry(f64, u32);
impl Eq for Entry {}
impl Ord for Entry {
    fn cmp(&self, other: &Self) -> Ordering {
        other
            .0
            .total_cmp(&self.0)
            .then_with(|| other.1.cmp(&self.1))
    }
}
impl PartialOrd for Entry {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

/// Dijkstra from `source`, never expanding beyond `cutoff` minutes.
fn bounded_dijkstra(
    graph: &UnGraph<(), f64, u32>,
    source: usize,
    cutoff: f64,
) -> Vec<(usize, f64)> {
    let n = graph.node_count();
    let mut dist = vec![f64::INFINITY; n];
    let mut done = vec![false; n];
    let mut heap = BinaryHeap::new();
    dist[source] = 0.0;
    heap.push(Entry(0.0, source as u32));
    let mut out = Vec::new();
    while let Some(Entry(d, u)) = heap.pop() {
        let u = u as usize;
        if done[u] {
            continue;
        }
        done[u] = true;
        out.push((u, d));
        for e in graph.edges(NodeIndex::new(u)) {
            let v = if e.source().index() == u {
                e.target().index()
            } else {
                e.source().index()
            };
            let nd = d + *e.weight();
            if nd <= cutoff && nd < dist[v] {
                dist[v] = nd;
                heap.push(Entry(nd, v as u32));
            }
        }
    }
    out.sort_unstable_by_key(|&(j, _)| j);
    out
}

/// Travel minutes from a set of sources to the institutions within a cutoff.
///
/// Built by [`crate::Consortium::travel_from`]; only pairs within the cutoff are kept.
#[derive(Debug, Clone, Default)]
pub struct TravelTable {
    row_of_source: std::collections::HashMap<usize, usize>,
    rows: Vec<Vec<(usize, f64)>>,
}

impl TravelTable {
    pub(crate) fn build(model: &TravelModel, sources: &[(usize, f64)]) -> Self {
        let mut table = TravelTable::default();
        for &(s, cutoff) in sources {
            if table.row_of(s).is_some() {
                continue;
            }
            table.row_of_source.insert(s, table.rows.len());
            table.rows.push(model.within(s, cutoff));
        }
        table
    }

    fn row_of(&self, source: usize) -> Option<usize> {
        self.row_of_source.get(&source).copied()
    }

    /// Minutes from `source` to `target`, if within the cutoff.
    pub fn minutes(&self, source: usize, target: usize) -> Option<f64> {
        let row = &self.rows[self.row_of(source)?];
        row.binary_search_by_key(&target, |&(j, _)| j)
            .ok()
            .map(|k| row[k].1)
    }

    /// All (target, minutes) pairs within the cutoff of `source`, sorted by target.
    pub fn from(&self, source: usize) -> &[(usize, f64)] {
        self.row_of(source).map_or(&[], |r| &self.rows[r])
    }

    /// Number of stored pairs.
    pub fn pair_count(&self) -> usize {
        self.rows.iter().map(Vec::len).sum()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dijkstra_stops_at_the_cutoff_and_takes_the_shortest_path() {
        // 0 -10- 1 -10- 2, and 0 -25- 2 directly: 0->2 is 20 by the path.
        let mut g = UnGraph::<(), f64, u32>::with_capacity(4, 3);
        for _ in 0..4 {
            g.add_node(());
        }
        g.add_edge(NodeIndex::new(0), NodeIndex::new(1), 10.0);
        g.add_edge(NodeIndex::new(1), NodeIndex::new(2), 10.0);
        g.add_edge(NodeIndex::new(0), NodeIndex::new(2), 25.0);
        g.add_edge(NodeIndex::new(2), NodeIndex::new(3), 30.0);
        let m = TravelModel::Roads { graph: g };
        assert_eq!(m.within(0, 45.0), vec![(0, 0.0), (1, 10.0), (2, 20.0)]);
        assert_eq!(m.within(0, 50.0).last(), Some(&(3, 50.0)));
    }

    fn by_coordinates(lon_lat: Vec<(f64, f64)>, detour: f64, speed_kmh: f64) -> TravelModel {
        TravelModel::Coordinates {
            points: Places::new(lon_lat),
            detour,
            speed_kmh,
        }
    }

    /// What measuring every institution finds (the scan `within` did before the
    /// R-tree): `within_targets` over all of them.
    fn scan(m: &TravelModel, n: usize, source: usize, cutoff: f64) -> Vec<(usize, f64)> {
        m.within_targets(source, cutoff, &(0..n).collect::<Vec<_>>())
    }

    /// Cutoffs to try from `source`: round ones, and the exact minutes to some
    /// institutions, which puts them on the edge of the cutoff (where a ball too
    /// narrow by one rounding error would drop them).
    fn cutoffs(m: &TravelModel, n: usize, source: usize, rng: &mut impl rand::Rng) -> Vec<f64> {
        let mut out = vec![0.0, 15.0, 60.0, 240.0];
        let all = scan(m, n, source, f64::INFINITY);
        for _ in 0..4 {
            out.push(all[rng.gen_range(0..all.len())].1);
        }
        out
    }

    /// The R-tree finds exactly the pairs and minutes of the scan over every
    /// institution, on a generated province (12 counties, every 9th institution a
    /// source) with cutoffs on the edge of some pairs.
    #[test]
    fn the_index_finds_the_pairs_of_the_scan_on_a_province() {
        use rand::SeedableRng;
        let s = crate::generate::province(3, 12);
        let lon_lat: Vec<(f64, f64)> = s
            .institutions
            .iter()
            .map(|i| {
                let l = i.location.unwrap();
                (l.lon, l.lat)
            })
            .collect();
        let n = lon_lat.len();
        let m = by_coordinates(lon_lat, s.travel.detour_factor, s.travel.speed_kmh);
        let mut rng = rand_chacha::ChaCha8Rng::seed_from_u64(5);
        let (mut pairs, mut on_edge) = (0, 0);
        for source in (0..n).step_by(9) {
            for cutoff in cutoffs(&m, n, source, &mut rng) {
                let want = scan(&m, n, source, cutoff);
                assert_eq!(m.within(source, cutoff), want, "{source} within {cutoff}");
                pairs += want.len();
                on_edge += want.iter().filter(|&&(_, t)| t == cutoff).count();
            }
        }
        assert!(pairs > 20 * n, "the test must see many pairs: {pairs}");
        assert!(on_edge > n / 9, "and pairs on the edge: {on_edge}");
    }

    /// The same anywhere on the globe: at the poles, across the antimeridian, with
    /// places repeated, and for cutoffs from nothing to more than half the globe,
    /// NaN and negative ones included.
    #[test]
    fn the_index_finds_the_pairs_of_the_scan_anywhere() {
        use rand::{Rng, SeedableRng};
        let mut rng = rand_chacha::ChaCha8Rng::seed_from_u64(11);
        let mut lon_lat: Vec<(f64, f64)> = (0..400)
            .map(|_| (rng.gen_range(-180.0..=180.0), rng.gen_range(-90.0..=90.0)))
            .collect();
        // Clusters at a pole and on both sides of the antimeridian, and repeats.
        for k in 0..40 {
            let t = f64::from(k) / 40.0;
            lon_lat.push((360.0 * t - 180.0, 89.9 + 0.1 * t));
            lon_lat.push((180.0 - 0.01 * t, 10.0 + t));
            lon_lat.push((-180.0 + 0.01 * t, 10.0 + t));
            lon_lat.push(lon_lat[k as usize]);
        }
        lon_lat.push((0.0, -90.0));
        lon_lat.push((180.0, 0.0));
        lon_lat.push((-180.0, 0.0));
        let n = lon_lat.len();
        let m = by_coordinates(lon_lat, 1.3, 50.0);
        for source in (0..n).step_by(2) {
            let mut tries = cutoffs(&m, n, source, &mut rng);
            tries.extend([1.0, 1e4, 3e4, 5e4, f64::INFINITY, f64::NAN, -1.0]);
            for cutoff in tries {
                assert_eq!(
                    m.within(source, cutoff),
                    scan(&m, n, source, cutoff),
                    "{source} within {cutoff}"
                );
            }
        }
        // Half the globe away is about 20,015 km, 31,200 minutes at 50 km/h x 1.3.
        assert_eq!(m.within(n - 2, 3.2e4).len(), n);
        assert!(m.within(n - 2, f64::NAN).is_empty() && m.within(0, -1.0).is_empty());
    }
}
