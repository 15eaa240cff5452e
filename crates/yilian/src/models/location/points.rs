//! Costs from coordinates: planar Euclidean distances (exact or floored, as the
//! TSPLIB p-median benchmarks use them) or great-circle distances on the Earth.

use super::CostMatrix;
use crate::{Error, Result};

/// How the distance between two points is measured.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Metric {
    /// Planar Euclidean distance `sqrt(dx^2 + dy^2)` (points are `(x, y)`).
    #[default]
    Euclidean,
    /// The Euclidean distance rounded down to an integer, `floor(sqrt(dx^2 + dy^2))`:
    /// the convention of the p-median literature on TSPLIB instances (Duran-Mateluna,
    /// Ales and Elloumi 2023, among others).
    EuclideanFloor,
    /// Great-circle distance in kilometres on a sphere of radius [`EARTH_RADIUS_KM`]
    /// (haversine formula); points are `(longitude, latitude)` in degrees.
    Haversine,
}

/// The mean Earth radius (IUGG), in kilometres, used by [`Metric::Haversine`].
pub const EARTH_RADIUS_KM: f64 = 6371.0088;

impl Metric {
    /// The distance from `a` to `b`.
    ///
    /// ```
    /// use yilian::models::location::Metric;
    /// assert_eq!(Metric::Euclidean.distance([0.0, 0.0], [3.0, 4.0]), 5.0);
    /// assert_eq!(Metric::EuclideanFloor.distance([0.0, 0.0], [1.0, 1.0]), 1.0);
    /// // A quarter of the equator: pi / 2 x 6371.0088 km.
    /// let d = Metric::Haversine.distance([0.0, 0.0], [90.0, 0.0]);
    /// assert!((d - 10007.5577).abs() < 1e-3);
    /// ```
    pub fn distance(self, a: [f64; 2], b: [f64; 2]) -> f64 {
        match self {
            Metric::Euclidean => (a[0] - b[0]).hypot(a[1] - b[1]),
            Metric::EuclideanFloor => (a[0] - b[0]).hypot(a[1] - b[1]).floor(),
            Metric::Haversine => {
                let (lon1, lat1) = (a[0].to_radians(), a[1].to_radians());
                let (lon2, lat2) = (b[0].to_radians(), b[1].to_radians());
                let s = ((lat2 - lat1) / 2.0).sin().powi(2)
                    + lat1.cos() * lat2.cos() * ((lon2 - lon1) / 2.0).sin().powi(2);
                2.0 * EARTH_RADIUS_KM * s.sqrt().min(1.0).asin()
            }
        }
    }

    /// Checks every point: finite coordinates, and for [`Metric::Haversine`] a
    /// longitude within [-180, 180] and a latitude within [-90, 90]. `field` names the
    /// list in the error (`clients`, `sites`, `points`).
    pub fn check(self, field: &str, points: &[[f64; 2]]) -> Result<()> {
        for (k, p) in points.iter().enumerate() {
            for (c, v) in p.iter().enumerate() {
                if !v.is_finite() {
                    return Err(Error::InvalidOption {
                        field: format!("{field}[{k}][{c}]"),
                        message: format!("{v} must be a finite number"),
                    });
                }
            }
            if self == Metric::Haversine {
                if !(-180.0..=180.0).contains(&p[0]) {
                    return Err(Error::InvalidOption {
                        field: format!("{field}[{k}][0]"),
                        message: format!("longitude {} is outside [-180, 180]", p[0]),
                    });
                }
                if !(-90.0..=90.0).contains(&p[1]) {
                    return Err(Error::InvalidOption {
                        field: format!("{field}[{k}][1]"),
                        message: format!("latitude {} is outside [-90, 90]", p[1]),
                    });
                }
            }
        }
        Ok(())
    }
}

impl CostMatrix {
    /// The dense matrix of distances from every client to every site, measured by
    /// `metric` (for a p-median on a point set, pass the same points twice).
    ///
    /// ```
    /// use yilian::models::location::{CostMatrix, Metric};
    /// let pts = [[0.0, 0.0], [3.0, 4.0]];
    /// let c = CostMatrix::from_points(&pts, &pts, Metric::Euclidean).unwrap();
    /// assert_eq!((c.get(0, 1), c.get(1, 1)), (5.0, 0.0));
    /// ```
    pub fn from_points(clients: &[[f64; 2]], sites: &[[f64; 2]], metric: Metric) -> Result<Self> {
        metric.check("clients", clients)?;
        metric.check("sites", sites)?;
        let mut data = Vec::with_capacity(clients.len() * sites.len());
        for &a in clients {
            data.extend(sites.iter().map(|&b| metric.distance(a, b)));
        }
        Self::new(clients.len(), sites.len(), data)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn floors_and_checks_coordinates() {
        // (0,0)-(2,3): sqrt(13) = 3.606 -> 3 floored; (0,0)-(3,4) = 5 exactly.
        let pts = [[0.0, 0.0], [2.0, 3.0], [3.0, 4.0]];
        let c = CostMatrix::from_points(&pts, &pts, Metric::EuclideanFloor).unwrap();
        assert_eq!((c.get(0, 1), c.get(0, 2), c.get(1, 2)), (3.0, 5.0, 1.0));
        let e = CostMatrix::from_points(&pts, &[[f64::NAN, 0.0]], Metric::Euclidean);
        assert_eq!(
            e.unwrap_err().to_string(),
            "sites[0][0]: NaN must be a finite number"
        );
        let e = CostMatrix::from_points(&[[10.0, 95.0]], &pts, Metric::Haversine);
        assert_eq!(
            e.unwrap_err().to_string(),
            "clients[0][1]: latitude 95 is outside [-90, 90]"
        );
        // Paris (2.3522 E, 48.8566 N) to London (0.1278 W, 51.5074 N): 343.557 km by
        // the haversine formula on the 6371.0088 km sphere (computed apart in Python).
        let d = Metric::Haversine.distance([2.3522, 48.8566], [-0.1278, 51.5074]);
        assert!((d - 343.5565).abs() < 1e-3, "{d}");
    }
}
