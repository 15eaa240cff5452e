//! The scanner unit tests' instance: a generated county with its travel limits widened.

use crate::network::Consortium;

/// The generated county `seed` with every modality's travel limit set to `minutes`, so
/// that sites compete for the same institutions.
pub(crate) fn county(seed: u64, minutes: f64) -> Consortium {
    let mut s = crate::generate::county(seed);
    let im = s.imaging.as_mut().expect("the county has imaging");
    for m in im.modalities.values_mut() {
        m.max_travel_minutes = minutes;
    }
    Consortium::new(s).expect("valid")
}
