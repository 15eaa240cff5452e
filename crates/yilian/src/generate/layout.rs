//! Geometry helpers shared by the generators.

use rand::Rng;
use rand_chacha::ChaCha8Rng;

/// A rectangle of `width_km` x `height_km` centred on (`lon`, `lat`).
pub(crate) struct Area {
    pub lon: f64,
    pub lat: f64,
    pub width_km: f64,
    pub height_km: f64,
}

impl Area {
    /// Degrees of longitude and latitude per km at the centre.
    fn per_km(&self) -> (f64, f64) {
        let lat_deg = 1.0 / 111.195;
        (lat_deg / self.lat.to_radians().cos(), lat_deg)
    }

    /// The point `dx`, `dy` km from the centre, rounded to 5 decimals (about 1 m).
    pub fn point(&self, dx: f64, dy: f64) -> (f64, f64) {
        let (a, b) = self.per_km();
        let r = |x: f64| (x * 1e5).round() / 1e5;
        (r(self.lon + dx * a), r(self.lat + dy * b))
    }

    /// A uniform point in the rectangle, in km from the centre.
    pub fn random_offset(&self, rng: &mut ChaCha8Rng) -> (f64, f64) {
        (
            rng.gen_range(-0.5..0.5) * self.width_km,
            rng.gen_range(-0.5..0.5) * self.height_km,
        )
    }

    /// `n` jittered grid points covering the rectangle, in km from the centre.
    pub fn spread(&self, n: usize, rng: &mut ChaCha8Rng) -> Vec<(f64, f64)> {
        let cols = ((n as f64 * self.width_km / self.height_km).sqrt().ceil() as usize).max(1);
        let rows = n.div_ceil(cols);
        let (cw, ch) = (self.width_km / cols as f64, self.height_km / rows as f64);
        let mut cells: Vec<(usize, usize)> = (0..rows)
            .flat_map(|r| (0..cols).map(move |c| (r, c)))
            .collect();
        // Drop random cells until n remain, so the spread stays even.
        while cells.len() > n {
            let k = rng.gen_range(0..cells.len());
            cells.swap_remove(k);
        }
        cells.sort_unstable();
        cells
            .into_iter()
            .map(|(r, c)| {
                let x = -self.width_km / 2.0 + (c as f64 + rng.gen_range(0.2..0.8)) * cw;
                let y = -self.height_km / 2.0 + (r as f64 + rng.gen_range(0.2..0.8)) * ch;
                (x, y)
            })
            .collect()
    }
}

/// Rounds to `digits` decimals.
pub(crate) fn round(x: f64, digits: i32) -> f64 {
    let f = 10f64.powi(digits);
    (x * f).round() / f
}
