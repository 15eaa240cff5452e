//! Classic location models on a cost matrix: p-median (textbook and a strong radius
//! formulation), p-center (textbook, and exact by bisection over set-covering
//! questions), maximal covering (MCLP), set covering (LSCP), capacitated p-median,
//! capacitated facility location (multi- and single-source), readers for the
//! OR-Library `pmed` and `cap` instance formats and for TSPLIB `EUC_2D` point sets, and
//! costs from coordinates ([`Metric`]).
//!
//! Cost convention, the same in every model: `cost(i, j)` (client `i`, site `j`) is the
//! cost of serving all of client `i` from site `j`; client weights, when given, multiply
//! it; a client split across sites pays the served fraction.

mod capacitated_pmedian;
mod cflp;
mod cost_matrix;
mod covering;
mod export;
mod lscp;
mod mclp;
mod orlib;
mod pcenter;
mod pmedian;
mod points;
mod result;
mod site_columns;
mod tsplib;

pub use capacitated_pmedian::CapacitatedPMedian;
pub use cflp::{Cflp, Sourcing};
pub use cost_matrix::CostMatrix;
pub use export::LocationIds;
pub use lscp::Lscp;
pub use mclp::Mclp;
pub use orlib::{
    parse_cap_str, parse_pmed_str, read_cap, read_pmed, CapInstance, PmedInstance,
    MAX_PMED_VERTICES,
};
pub use pcenter::{PCenter, PCenterFormulation};
/// Hooks for the measurement binary `cost-matrix-bench` in `benches/` (feature
/// `measure`): the p-median heuristics, not part of the API.
#[cfg(feature = "measure")]
#[doc(hidden)]
pub use pmedian::measure as pmedian_measure;
#[cfg(feature = "highs")]
pub use pmedian::PMedianOnPoints;
pub use pmedian::{
    BendersReport, PMedian, PMedianFormulation, RadiusReport, RadiusRound, AUTO_BENDERS_SHARE,
};
pub use points::{Metric, EARTH_RADIUS_KM};
pub use result::LocationSolution;
pub use tsplib::{parse_tsplib, read_tsplib, TsplibInstance};
