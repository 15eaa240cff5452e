//! The six location classes, each declared once by [`location_class!`]: its fields,
//! its core model, its constructor, what it pickles, its `repr`, its
//! `from_geodataframe` and its own methods.

use super::choices::{self, METRICS, PCENTER, PMEDIAN};
use super::location_class;
use super::radius;
use crate::errors::to_py;
use crate::geo::location::{self as geo, Frames};
use crate::location::arrays::{
    cost_matrix, count, matrix_to_numpy, opt_to_numpy, opt_vector, points, sites, vector,
};
use pyo3::prelude::*;
use std::path::PathBuf;
use yilian::models::location::{
    read_cap, read_pmed, read_tsplib, CapacitatedPMedian as CoreCapacitatedPMedian, Cflp,
    CostMatrix, Lscp, Mclp, PCenter as CorePCenter, PCenterFormulation, PMedian as CorePMedian,
    PMedianFormulation, Sourcing,
};

location_class! {
    /// p-median: open exactly `p` sites, minimising the weighted cost of serving every
    /// client from its nearest open site.
    ///
    /// `cost` is clients x sites (any array-like of numbers; copied once); `weights`
    /// (one per client) multiply the costs; `forced_open` sites count towards `p`.
    /// `formulation`: `"auto"` (default: `"benders"` with HiGHS when `p` is at least 5 % of
    /// the sites, else `"radius"`), `"benders"` (two-phase Benders decomposition of the
    /// radius formulation, HiGHS only), `"radius"` (Lagrangian bound and reductions, a
    /// Lagrangian branch and bound, then the radius chain truncated and grown until
    /// proven), `"radius-full"` (the whole chain in one MIP) or `"textbook"` (`x_ij <= y_j`
    /// for every pair, the baseline).
    PMedian as "PMedian" {
        cost: CostMatrix,
        p: usize,
        weights: Option<Vec<f64>>,
        forced_open: Vec<usize>,
        formulation: PMedianFormulation,
    }
    label: |_s| "p-median";
    core: |s| {
        let m = CorePMedian::new(&s.cost, s.p)
            .forced_open(s.forced_open.clone())
            .formulation(s.formulation);
        match &s.weights {
            Some(w) => m.weights(w),
            None => m,
        }
    };
    /// A p-median model on a clients x sites cost matrix (spopt's constructor).
    new: (cost, weights = None, *, p, forced_open = None, formulation = "auto")
    |py, cost: &Bound<'_, PyAny>, weights: Option<&Bound<'_, PyAny>>, p: &Bound<'_, PyAny>,
        forced_open: Option<&Bound<'_, PyAny>>, formulation: &str| {
        cost: cost_matrix(py, cost)?,
        p: count("p", p)?,
        weights: opt_vector(py, "weights", weights)?,
        forced_open: sites("forced_open", forced_open)?,
        formulation: choices::parse("formulation", PMEDIAN, formulation)?,
    }
    state: |s, py| [
        ("weights", opt_to_numpy(py, s.weights.as_deref())),
        ("p", s.p),
        ("forced_open", s.forced_open.clone()),
        ("formulation", choices::name(PMEDIAN, &s.formulation)),
    ];
    repr: |s| format!("p={}, formulation={:?}", s.p, choices::name(PMEDIAN, &s.formulation));
    /// The model on two GeoDataFrames, in spopt's idiom: open `p_facilities` of the
    /// `sites`, minimising the sum over the demand points of `weights_cols` x distance to
    /// the nearest open site. `weights_cols=None`: every demand point weighs 1. With
    /// `facility_capacity_col` (spopt's capacitated p-median) each site serves at most its
    /// capacity of weight and each demand point goes to one site: the model returned is
    /// then a `CapacitatedPMedian` whose demand is the weight.
    from_geodataframe: (demand, sites, demand_col, facility_col, weights_cols, p_facilities,
        facility_capacity_col = None, predefined_facility_col = None,
        distance_metric = "euclidean", *, formulation = "auto")
    |_py, demand: &Bound<'_, PyAny>, sites: &Bound<'_, PyAny>, demand_col: &str,
        facility_col: &str, weights_cols: Option<&str>, p_facilities: &Bound<'_, PyAny>,
        facility_capacity_col: Option<&str>, predefined_facility_col: Option<&str>,
        distance_metric: &str, formulation: &str|
        geo::pmedian(
            Frames::new(demand, sites, demand_col, facility_col, distance_metric)?,
            weights_cols,
            p_facilities,
            facility_capacity_col,
            predefined_facility_col,
            formulation,
        );

    /// A p-median model on point coordinates: `clients` and `sites` are n x 2 arrays
    /// (`sites` defaults to the clients: every point a client and a candidate site);
    /// `metric` is `"euclidean"` (points `(x, y)`), `"euclidean-floor"` (the
    /// Euclidean distance rounded down, as in the TSPLIB p-median literature) or
    /// `"haversine"` (points `(longitude, latitude)` in degrees, kilometres on the
    /// 6371.0088 km sphere). The distances are computed once into the cost matrix.
    #[staticmethod]
    #[pyo3(signature = (clients, sites = None, weights = None, *, p, metric = "euclidean", forced_open = None, formulation = "auto"))]
    #[allow(clippy::too_many_arguments)]
    fn from_points(
        py: Python<'_>,
        clients: &Bound<'_, PyAny>,
        sites: Option<&Bound<'_, PyAny>>,
        weights: Option<&Bound<'_, PyAny>>,
        p: &Bound<'_, PyAny>,
        metric: &str,
        forced_open: Option<&Bound<'_, PyAny>>,
        formulation: &str,
    ) -> PyResult<Self> {
        let metric = choices::parse("metric", METRICS, metric)?;
        let c = points(py, "clients", clients)?;
        let s = match sites {
            Some(s) => points(py, "sites", s)?,
            None => c.clone(),
        };
        Ok(Self {
            cost: CostMatrix::from_points(&c, &s, metric).map_err(to_py)?,
            p: count("p", p)?,
            weights: opt_vector(py, "weights", weights)?,
            forced_open: self::sites("forced_open", forced_open)?,
            formulation: choices::parse("formulation", PMEDIAN, formulation)?,
        })
    }

    /// A p-median model on a TSPLIB `EUC_2D` file (every node a client and a site,
    /// distances the Euclidean distance rounded down, as in the p-median literature).
    #[staticmethod]
    #[pyo3(signature = (path, *, p, formulation = "auto"))]
    fn from_tsplib(path: PathBuf, p: &Bound<'_, PyAny>, formulation: &str) -> PyResult<Self> {
        let inst = read_tsplib(&path).map_err(to_py)?;
        Ok(Self {
            cost: inst.cost().map_err(to_py)?,
            p: count("p", p)?,
            weights: None,
            forced_open: Vec::new(),
            formulation: choices::parse("formulation", PMEDIAN, formulation)?,
        })
    }

    /// A p-median model from an OR-Library `pmed` file (shortest-path distances
    /// between all vertices; `p` from the file).
    #[staticmethod]
    #[pyo3(signature = (path, *, formulation = "auto"))]
    fn from_orlib(path: PathBuf, formulation: &str) -> PyResult<Self> {
        let inst = read_pmed(&path).map_err(to_py)?;
        Ok(Self {
            cost: inst.cost,
            p: inst.p,
            weights: None,
            forced_open: Vec::new(),
            formulation: choices::parse("formulation", PMEDIAN, formulation)?,
        })
    }

    /// Number of sites to open.
    #[getter]
    fn p(&self) -> usize {
        self.p
    }
}

/// Reads an OR-Library `pmed` file: `(cost, p)` with `cost` the vertex x vertex
/// shortest-path distances (a float64 array; every vertex is a client and a site).
#[pyfunction]
pub(crate) fn read_pmed_file(py: Python<'_>, path: PathBuf) -> PyResult<(Bound<'_, PyAny>, usize)> {
    let inst = read_pmed(&path).map_err(to_py)?;
    Ok((matrix_to_numpy(py, &inst.cost)?.into_any(), inst.p))
}

location_class! {
    /// p-center: open `p` sites minimising the largest weighted cost of a client to its
    /// nearest open site.
    ///
    /// `formulation`: `"covering"` (default: bisection over the candidate radii with
    /// set-covering MIPs on a growing client subset, exact), `"elloumi"` (one
    /// radius-indicator MIP) or `"textbook"` (the baseline).
    PCenter as "PCenter" {
        cost: CostMatrix,
        p: usize,
        weights: Option<Vec<f64>>,
        forced_open: Vec<usize>,
        formulation: PCenterFormulation,
    }
    label: |_s| "p-center";
    core: |s| {
        let m = CorePCenter::new(&s.cost, s.p)
            .forced_open(s.forced_open.clone())
            .formulation(s.formulation);
        match &s.weights {
            Some(w) => m.weights(w),
            None => m,
        }
    };
    /// A p-center model on a clients x sites cost matrix.
    new: (cost, weights = None, *, p, forced_open = None, formulation = "covering")
    |py, cost: &Bound<'_, PyAny>, weights: Option<&Bound<'_, PyAny>>, p: &Bound<'_, PyAny>,
        forced_open: Option<&Bound<'_, PyAny>>, formulation: &str| {
        cost: cost_matrix(py, cost)?,
        p: count("p", p)?,
        weights: opt_vector(py, "weights", weights)?,
        forced_open: sites("forced_open", forced_open)?,
        formulation: choices::parse("formulation", PCENTER, formulation)?,
    }
    state: |s, py| [
        ("weights", opt_to_numpy(py, s.weights.as_deref())),
        ("p", s.p),
        ("forced_open", s.forced_open.clone()),
        ("formulation", choices::name(PCENTER, &s.formulation)),
    ];
    repr: |s| format!("p={}, formulation={:?}", s.p, choices::name(PCENTER, &s.formulation));
    /// The model on two GeoDataFrames, in spopt's idiom: open `p_facilities` sites,
    /// minimising the largest distance (times `weights_cols`, when given) from a demand
    /// point to its nearest open site.
    from_geodataframe: (demand, sites, demand_col, facility_col, p_facilities,
        predefined_facility_col = None, distance_metric = "euclidean", *,
        weights_cols = None, formulation = "covering")
    |py, demand: &Bound<'_, PyAny>, sites: &Bound<'_, PyAny>, demand_col: &str,
        facility_col: &str, p_facilities: &Bound<'_, PyAny>,
        predefined_facility_col: Option<&str>, distance_metric: &str,
        weights_cols: Option<&str>, formulation: &str|
        geo::weighted::<Self>(
            Frames::new(demand, sites, demand_col, facility_col, distance_metric)?,
            weights_cols,
            predefined_facility_col,
            vec![
                ("p", p_facilities.clone()),
                ("formulation", formulation.into_pyobject(py)?.into_any()),
            ],
        );

    /// Number of sites to open.
    #[getter]
    fn p(&self) -> usize {
        self.p
    }
}

location_class! {
    /// Maximal covering (MCLP): open `p` sites covering the most client weight, a client
    /// being covered by an open site with `cost <= service_radius`. The objective is the
    /// covered weight; uncovered clients have an empty assignment.
    PyMclp as "MCLP" {
        cost: CostMatrix,
        p: usize,
        radius: f64,
        weights: Option<Vec<f64>>,
        forced_open: Vec<usize>,
    }
    label: |_s| "mclp";
    core: |s| {
        let m = Mclp::new(&s.cost, s.p, s.radius).forced_open(s.forced_open.clone());
        match &s.weights {
            Some(w) => m.weights(w),
            None => m,
        }
    };
    /// An MCLP on a clients x sites cost matrix.
    new: (cost, weights = None, *, service_radius, p, forced_open = None)
    |py, cost: &Bound<'_, PyAny>, weights: Option<&Bound<'_, PyAny>>,
        service_radius: &Bound<'_, PyAny>, p: &Bound<'_, PyAny>,
        forced_open: Option<&Bound<'_, PyAny>>| {
        cost: cost_matrix(py, cost)?,
        p: count("p", p)?,
        radius: radius(service_radius)?,
        weights: opt_vector(py, "weights", weights)?,
        forced_open: sites("forced_open", forced_open)?,
    }
    state: |s, py| [
        ("weights", opt_to_numpy(py, s.weights.as_deref())),
        ("service_radius", s.radius),
        ("p", s.p),
        ("forced_open", s.forced_open.clone()),
    ];
    repr: |s| format!("p={}, service_radius={}", s.p, s.radius);
    /// The model on two GeoDataFrames, in spopt's idiom: open `p_facilities` sites,
    /// maximising the weight (`weights_cols`; None: 1 each) of the demand points within
    /// `service_radius` (in the metric's unit) of an open site.
    from_geodataframe: (demand, sites, demand_col, facility_col, weights_cols, service_radius,
        p_facilities, predefined_facility_col = None, distance_metric = "euclidean")
    |_py, demand: &Bound<'_, PyAny>, sites: &Bound<'_, PyAny>, demand_col: &str,
        facility_col: &str, weights_cols: Option<&str>, service_radius: &Bound<'_, PyAny>,
        p_facilities: &Bound<'_, PyAny>, predefined_facility_col: Option<&str>,
        distance_metric: &str|
        geo::weighted::<Self>(
            Frames::new(demand, sites, demand_col, facility_col, distance_metric)?,
            weights_cols,
            predefined_facility_col,
            vec![
                ("service_radius", service_radius.clone()),
                ("p", p_facilities.clone()),
            ],
        );

    /// Number of sites to open.
    #[getter]
    fn p(&self) -> usize {
        self.p
    }

    /// The covering distance.
    #[getter]
    fn service_radius(&self) -> f64 {
        self.radius
    }
}

location_class! {
    /// Location set covering (LSCP): the fewest sites (or the cheapest, with `site_cost`)
    /// covering every client within `service_radius`. A client no site covers raises
    /// InfeasibleError naming it.
    PyLscp as "LSCP" {
        cost: CostMatrix,
        radius: f64,
        site_cost: Option<Vec<f64>>,
        forced_open: Vec<usize>,
    }
    label: |_s| "lscp";
    core: |s| {
        let m = Lscp::new(&s.cost, s.radius).forced_open(s.forced_open.clone());
        match &s.site_cost {
            Some(c) => m.site_cost(c),
            None => m,
        }
    };
    /// An LSCP on a clients x sites cost matrix.
    new: (cost, *, service_radius, site_cost = None, forced_open = None)
    |py, cost: &Bound<'_, PyAny>, service_radius: &Bound<'_, PyAny>,
        site_cost: Option<&Bound<'_, PyAny>>, forced_open: Option<&Bound<'_, PyAny>>| {
        cost: cost_matrix(py, cost)?,
        radius: radius(service_radius)?,
        site_cost: opt_vector(py, "site_cost", site_cost)?,
        forced_open: sites("forced_open", forced_open)?,
    }
    state: |s, py| [
        ("service_radius", s.radius),
        ("site_cost", opt_to_numpy(py, s.site_cost.as_deref())),
        ("forced_open", s.forced_open.clone()),
    ];
    repr: |s| format!("service_radius={}", s.radius);
    /// The model on two GeoDataFrames, in spopt's idiom: the fewest sites (or the
    /// cheapest, by `site_cost_col`) covering every demand point within
    /// `service_radius`. Capacities belong to `CFLP` (`CFLP.from_geodataframe`): spopt's
    /// capacitated LSCP arguments `demand_quantity_col` and `facility_capacity_col` raise
    /// an error saying so.
    from_geodataframe: (demand, sites, demand_col, facility_col, service_radius,
        predefined_facility_col = None, distance_metric = "euclidean", *,
        site_cost_col = None, demand_quantity_col = None, facility_capacity_col = None)
    |_py, demand: &Bound<'_, PyAny>, sites: &Bound<'_, PyAny>, demand_col: &str,
        facility_col: &str, service_radius: &Bound<'_, PyAny>,
        predefined_facility_col: Option<&str>, distance_metric: &str,
        site_cost_col: Option<&str>, demand_quantity_col: Option<&str>,
        facility_capacity_col: Option<&str>|
        geo::lscp(
            || Frames::new(demand, sites, demand_col, facility_col, distance_metric),
            service_radius,
            predefined_facility_col,
            site_cost_col,
            [
                ("demand_quantity_col", demand_quantity_col),
                ("facility_capacity_col", facility_capacity_col),
            ],
        );

    /// The covering distance.
    #[getter]
    fn service_radius(&self) -> f64 {
        self.radius
    }
}

location_class! {
    /// Capacitated facility location: open sites (fixed cost, capacity) and serve every
    /// client's demand at least cost; split across sites, or wholly from one site with
    /// `single_source=True`. Objective: fixed costs + sum of `cost[i, j]` x fraction.
    PyCflp as "CFLP" {
        cost: CostMatrix,
        demand: Vec<f64>,
        capacity: Vec<f64>,
        fixed_cost: Vec<f64>,
        single_source: bool,
        forced_open: Vec<usize>,
    }
    label: |s| if s.single_source { "cflp-single-source" } else { "cflp" };
    core: |s| Cflp::new(&s.cost, &s.demand, &s.capacity, &s.fixed_cost)
        .sourcing(if s.single_source { Sourcing::Single } else { Sourcing::Multi })
        .forced_open(s.forced_open.clone());
    /// A CFLP on a clients x sites cost matrix (cost of serving all of a client).
    new: (cost, *, demand, capacity, fixed_cost, single_source = false, forced_open = None)
    |py, cost: &Bound<'_, PyAny>, demand: &Bound<'_, PyAny>, capacity: &Bound<'_, PyAny>,
        fixed_cost: &Bound<'_, PyAny>, single_source: bool,
        forced_open: Option<&Bound<'_, PyAny>>| {
        cost: cost_matrix(py, cost)?,
        demand: vector(py, "demand", demand)?,
        capacity: vector(py, "capacity", capacity)?,
        fixed_cost: vector(py, "fixed_cost", fixed_cost)?,
        single_source,
        forced_open: sites("forced_open", forced_open)?,
    }
    state: |s, py| [
        ("demand", opt_to_numpy(py, Some(&s.demand))),
        ("capacity", opt_to_numpy(py, Some(&s.capacity))),
        ("fixed_cost", opt_to_numpy(py, Some(&s.fixed_cost))),
        ("single_source", s.single_source),
        ("forced_open", s.forced_open.clone()),
    ];
    repr: |s| format!("single_source={}", if s.single_source { "True" } else { "False" });
    /// The model on two GeoDataFrames: capacitated facility location. Each demand
    /// point's `demand_quantity_col` (a demand column) is served by open sites within
    /// their `facility_capacity_col` (a sites column); opening a site costs its
    /// `fixed_cost_col`. Serving all of demand point `i` from site `j` costs the distance
    /// times `weights_cols` (default: the demand quantity, that is a cost per unit and
    /// unit of distance of 1). `single_source`: each point served by one site.
    from_geodataframe: (demand, sites, demand_col, facility_col, demand_quantity_col,
        facility_capacity_col, fixed_cost_col, predefined_facility_col = None,
        distance_metric = "euclidean", *, weights_cols = None, single_source = false)
    |_py, demand: &Bound<'_, PyAny>, sites: &Bound<'_, PyAny>, demand_col: &str,
        facility_col: &str, demand_quantity_col: &str, facility_capacity_col: &str,
        fixed_cost_col: &str, predefined_facility_col: Option<&str>, distance_metric: &str,
        weights_cols: Option<&str>, single_source: bool|
        geo::cflp(
            Frames::new(demand, sites, demand_col, facility_col, distance_metric)?,
            demand_quantity_col,
            facility_capacity_col,
            fixed_cost_col,
            predefined_facility_col,
            weights_cols,
            single_source,
        );

    /// A CFLP from an OR-Library `cap` file; `capacity` replaces the placeholder
    /// word `capacity` of capa/capb/capc.
    #[staticmethod]
    #[pyo3(signature = (path, *, capacity = None, single_source = false))]
    fn from_orlib(path: PathBuf, capacity: Option<f64>, single_source: bool) -> PyResult<Self> {
        let inst = read_cap(&path, capacity).map_err(to_py)?;
        Ok(Self {
            cost: inst.cost,
            demand: inst.demand,
            capacity: inst.capacity,
            fixed_cost: inst.fixed_cost,
            single_source,
            forced_open: Vec::new(),
        })
    }

    /// Demand of each client.
    #[getter]
    fn demand(&self) -> Vec<f64> {
        self.demand.clone()
    }

    /// Capacity of each site.
    #[getter]
    fn capacity(&self) -> Vec<f64> {
        self.capacity.clone()
    }

    /// Fixed opening cost of each site.
    #[getter]
    fn fixed_cost(&self) -> Vec<f64> {
        self.fixed_cost.clone()
    }

    /// Whether each client is served by one site.
    #[getter]
    fn single_source(&self) -> bool {
        self.single_source
    }
}

location_class! {
    /// Capacitated p-median: open exactly `p` sites of limited capacity and assign each
    /// client wholly to one open site, minimising the weighted assignment cost.
    CapacitatedPMedian as "CapacitatedPMedian" {
        cost: CostMatrix,
        p: usize,
        demand: Vec<f64>,
        capacity: Vec<f64>,
        weights: Option<Vec<f64>>,
        forced_open: Vec<usize>,
    }
    label: |_s| "capacitated-p-median";
    core: |s| {
        let m = CoreCapacitatedPMedian::new(&s.cost, s.p, &s.demand, &s.capacity)
            .forced_open(s.forced_open.clone());
        match &s.weights {
            Some(w) => m.weights(w),
            None => m,
        }
    };
    /// A capacitated p-median model on a clients x sites cost matrix.
    new: (cost, weights = None, *, p, demand, capacity, forced_open = None)
    |py, cost: &Bound<'_, PyAny>, weights: Option<&Bound<'_, PyAny>>, p: &Bound<'_, PyAny>,
        demand: &Bound<'_, PyAny>, capacity: &Bound<'_, PyAny>,
        forced_open: Option<&Bound<'_, PyAny>>| {
        cost: cost_matrix(py, cost)?,
        p: count("p", p)?,
        demand: vector(py, "demand", demand)?,
        capacity: vector(py, "capacity", capacity)?,
        weights: opt_vector(py, "weights", weights)?,
        forced_open: sites("forced_open", forced_open)?,
    }
    state: |s, py| [
        ("weights", opt_to_numpy(py, s.weights.as_deref())),
        ("p", s.p),
        ("demand", opt_to_numpy(py, Some(&s.demand))),
        ("capacity", opt_to_numpy(py, Some(&s.capacity))),
        ("forced_open", s.forced_open.clone()),
    ];
    repr: |s| format!("p={}", s.p);
    /// The model on two GeoDataFrames: `p_facilities` sites, each demand point served
    /// by one of them, no site serving more than its `facility_capacity_col` (a sites
    /// column) of `demand_quantity_col` (a demand column; default: the weights);
    /// minimise the sum of `weights_cols` x distance.
    from_geodataframe: (demand, sites, demand_col, facility_col, weights_cols, p_facilities,
        facility_capacity_col, predefined_facility_col = None, distance_metric = "euclidean",
        *, demand_quantity_col = None)
    |_py, demand: &Bound<'_, PyAny>, sites: &Bound<'_, PyAny>, demand_col: &str,
        facility_col: &str, weights_cols: Option<&str>, p_facilities: &Bound<'_, PyAny>,
        facility_capacity_col: &str, predefined_facility_col: Option<&str>,
        distance_metric: &str, demand_quantity_col: Option<&str>|
        geo::capacitated_pmedian(
            Frames::new(demand, sites, demand_col, facility_col, distance_metric)?,
            weights_cols,
            p_facilities,
            facility_capacity_col,
            predefined_facility_col,
            demand_quantity_col,
        );

    /// Number of sites to open.
    #[getter]
    fn p(&self) -> usize {
        self.p
    }

    /// Demand of each client.
    #[getter]
    fn demand(&self) -> Vec<f64> {
        self.demand.clone()
    }

    /// Capacity of each site.
    #[getter]
    fn capacity(&self) -> Vec<f64> {
        self.capacity.clone()
    }
}
