//! The consortium as a network: institutions as nodes, travel as sparse edges.

mod consortium;
mod travel;

pub use consortium::Consortium;
pub use travel::{haversine_km, TravelTable};
pub(crate) use travel::{Places, TravelModel};
