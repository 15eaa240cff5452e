//! Travel times between institutions, kept sparse.
//!
//! Two sources: shortest paths over road links (Dijkstra on a petgraph graph,
//! stopped at the cutoff), or great-circle distance x detour factor / speed.
//! Only pairs within the cutoff are stored.

use petgraph::graph::{NodeIndex, UnGraph};
use petgraph::visit::EdgeRef;
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

/// How minutes between two institutions are found.
#[derive(Debug, Clone)]
pub(crate) enum TravelModel {
    /// Straight-line distance x detour / speed.
    Coordinates {
        points: Vec<(f64, f64)>,
        detour: f64,
        speed_kmh: f64,
    },
    /// Shortest paths over an undirected road graph whose nodes are institution indices.
    Roads { graph: UnGraph<(), f64, u32> },
}

impl TravelModel {
    /// Minutes from `source` to every institution within `cutoff`, sorted by target.
    pub(crate) fn within(&self, source: usize, cutoff: f64) -> Vec<(usize, f64)> {
        match self {
            TravelModel::Coordinates {
                points,
                detour,
                speed_kmh,
            } => {
                let from = points[source];
                let per_km = detour / speed_kmh * 60.0;
                points
                    .iter()
                    .enumerate()
                    .filter_map(|(j, &to)| {
                        let m = if j == source {
                            0.0
                        } else {
                            haversine_km(from, to) * per_km
                        };
                        (m <= cutoff).then_some((j, m))
                    })
                    .collect()
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
}
