//! Hooks into the decomposition for the measurement binary `scanners-measure`
//! (`benches/src/scanners_measure.rs`), compiled with the `measure` feature only: the
//! program, its units' columns and the bounds, which the public API does not show. Not
//! part of the API; the experiments themselves live in `benches/`.

use super::bound::lagrangian::{ascend, Relaxation, Search};
use super::bound::regional::{self, Regional};
use super::exam_graph::ExamGraph;
use super::formulation::{build, Formulation, Goal};
use crate::network::Consortium;
use crate::solve::{LinearProgram, SolveOptions};
use std::time::Instant;

/// Stations per region aimed at when the regional bound's regions come from a grid.
pub const STATIONS_PER_REGION: usize = regional::STATIONS_PER_REGION;

/// The travel program of a consortium's imaging, with its Lagrangian relaxation.
pub struct Instance {
    net: ExamGraph,
    formulation: Formulation,
    relaxation: Relaxation,
}

/// A regional bound and how it was reached.
#[derive(Debug, Clone)]
pub struct RegionalBound {
    /// The lower bound.
    pub value: f64,
    /// The station relaxation's value at the same multipliers.
    pub station_value: f64,
    /// Regions.
    pub regions: usize,
    /// Regions whose MIP was solved to optimality.
    pub proven: usize,
    /// Most columns of one region's MIP.
    pub largest: usize,
    /// Demands on the borders between regions.
    pub border: usize,
    /// Demands in all.
    pub demands: usize,
    /// Wall-clock seconds.
    pub seconds: f64,
}

impl RegionalBound {
    fn of(r: Regional) -> Self {
        Self {
            value: r.value,
            station_value: r.station_value,
            regions: r.regions,
            proven: r.proven,
            largest: r.largest,
            border: r.border,
            demands: r.demands,
            seconds: r.seconds,
        }
    }
}

impl Instance {
    /// The travel objective's program on `c`; `None` without imaging.
    pub fn travel(c: &Consortium) -> Option<Self> {
        let im = c.scenario().imaging.as_ref()?;
        let net = ExamGraph::new(c, im);
        let formulation = build(&net, im, Goal::Travel, None);
        let relaxation = Relaxation::new(&net, im, &formulation);
        Some(Self {
            net,
            formulation,
            relaxation,
        })
    }

    /// The mixed-integer program.
    pub fn program(&self) -> &LinearProgram {
        &self.formulation.lp
    }

    /// The modality of each station.
    pub fn station_modalities(&self) -> Vec<&str> {
        self.net
            .stations
            .iter()
            .map(|s| s.modality.as_str())
            .collect()
    }

    /// The column of the new units of each station (`None` where none may be added).
    pub fn unit_columns(&self) -> &[Option<usize>] {
        &self.formulation.added_column
    }

    /// Multipliers after `iterations` subgradient steps from the nearest stations'
    /// costs towards a plan of cost `upper` (infinite when none is known), and the
    /// station relaxation's value at them.
    pub fn station_bound(&self, upper: f64, iterations: usize) -> (Vec<f64>, f64) {
        let rel = &self.relaxation;
        let search = Search {
            iterations,
            min_step: 1e-6,
            gap: 0.0,
            deadline: None,
            tau: 0.1,
        };
        let lambda = ascend(rel, rel.nearest_prices(), upper, search).lambda;
        let value = rel.evaluate(&lambda, 0.0).value;
        (lambda, value)
    }

    /// The region of each station, as the decomposition forms them on `c` (the
    /// consortium the instance was built on, or the same institutions with other
    /// consortia), about `per_region` stations a region.
    pub fn regions(&self, c: &Consortium, per_region: usize) -> Vec<usize> {
        regional::regions(c, &self.net, per_region)
    }

    /// The regional bound at `lambda` for the regions `region_of`, on up to `workers`
    /// threads until `deadline`; `None` when the backend gives no proven bound.
    pub fn regional_bound(
        &self,
        region_of: &[usize],
        lambda: &[f64],
        options: &SolveOptions,
        workers: usize,
        deadline: Option<Instant>,
    ) -> Option<RegionalBound> {
        let rel = &self.relaxation;
        regional::bound(
            rel, &self.net, region_of, lambda, options, workers, deadline,
        )
        .map(RegionalBound::of)
    }

    /// The best regional bound over at most `rounds` subgradient rounds from `lambda`
    /// with the step `step`, as the decomposition runs them.
    #[allow(clippy::too_many_arguments)]
    pub fn ascend_regional(
        &self,
        region_of: &[usize],
        lambda: Vec<f64>,
        options: &SolveOptions,
        workers: usize,
        deadline: Option<Instant>,
        rounds: usize,
        step: f64,
    ) -> Option<RegionalBound> {
        regional::ascend_regional(
            &self.relaxation,
            &self.net,
            region_of,
            lambda,
            options,
            workers,
            deadline,
            rounds,
            step,
            f64::INFINITY,
        )
        .map(RegionalBound::of)
    }
}
