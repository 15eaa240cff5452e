"""GeoDataFrames in and out: the optional extra ``pip install yilian[geo]``.

Everything here needs geopandas (with shapely and pyproj); the rest of yilian does not.
Three entry points, each also reachable from the class it builds:

* **Scenarios from a map.** :func:`scenario_from_geodataframe` (also
  ``yilian.Scenario.from_geodataframe``) takes the institutions as a GeoDataFrame of
  points in any CRS, converts them to EPSG:4326 and reads longitude and latitude from
  the points; every other column is read as by ``Scenario.from_frames``.

* **Plans on a map.** :func:`plan_to_geodataframe` (also ``plan.to_geodataframe()`` on
  ``Plan``, ``ScannerPlan`` and ``ReferralPlan``): ``layer="flows"`` gives one line per
  flow (rotation: from a pool's home to the host, with the days; scanners: from an
  institution to the site doing its exams; referral: from the origin to the treating
  site, with the patients), ``layer="institutions"`` one point per institution with
  what the plan gives it. Both in EPSG:4326; institutions without coordinates get an
  empty geometry.

* **Location models in spopt's idiom.** ``PMedian.from_geodataframe(demand, sites,
  demand_col, facility_col, weights_cols, p_facilities, ...)`` and the same for
  ``PCenter``, ``MCLP``, ``LSCP``, ``CFLP`` and ``CapacitatedPMedian`` (arguments
  below, in :func:`pmedian_from_geodataframe` and its siblings). ``demand_col`` and
  ``facility_col`` name the geometry columns of the two frames (points); the other
  arguments name columns: ``weights_cols`` (a demand column), ``facility_capacity_col``
  (a site column), ``demand_quantity_col`` (a demand column), ``fixed_cost_col`` (a site
  column) and ``predefined_facility_col`` (a site column of True/False or 1/0: the
  sites that must be open). Demand quantities are read from the demand frame and
  capacities from the sites frame, never the other way round (spopt's
  ``LSCP.from_geodataframe`` once passed them swapped, pysal/spopt#410).

  ``distance_metric="euclidean"`` measures in the frames' CRS (project them first,
  for example ``to_crs(epsg=32618)``: a geographic CRS gives degrees and a warning; the
  sites are converted to the demand's CRS when they differ); ``"haversine"`` converts
  both to EPSG:4326 and gives great-circle kilometres on the 6371.0088 km sphere, as
  ``PMedian.from_points(..., metric="haversine")``.

  :func:`location_lines` draws a solved model's assignments as lines between the frames.

Errors are :class:`yilian.ValidationError` naming the frame, the row and the column:
``institutions.geometry: the GeoDataFrame has no CRS ...``,
``demand[2].geometry: a Polygon, expected a Point ...``,
``sites.capacity: missing column ...``.
"""

from __future__ import annotations

import json
import math
import warnings
from typing import Any, Dict, List, Optional, Tuple

import numpy as np
import pandas as pd

from ._frames import _numbers
from ._yilian import (
    CFLP,
    LSCP,
    MCLP,
    CapacitatedPMedian,
    PCenter,
    PMedian,
    ValidationError,
)

EARTH_RADIUS_KM = 6371.0088
"""The sphere of ``distance_metric="haversine"`` (the core's, in kilometres)."""

__all__ = [
    "scenario_from_geodataframe",
    "plan_to_geodataframe",
    "pmedian_from_geodataframe",
    "pcenter_from_geodataframe",
    "mclp_from_geodataframe",
    "lscp_from_geodataframe",
    "cflp_from_geodataframe",
    "capacitated_pmedian_from_geodataframe",
    "location_lines",
    "distance_matrix",
    "EARTH_RADIUS_KM",
]


def _geopandas() -> Any:
    try:
        import geopandas
    except ImportError as e:  # pragma: no cover - exercised without the extra only
        raise ImportError(
            "this needs geopandas: pip install 'yilian[geo]' (geopandas, shapely, pyproj)"
        ) from e
    return geopandas


def _frame(gdf: Any, table: str) -> None:
    gpd = _geopandas()
    if not isinstance(gdf, gpd.GeoDataFrame):
        raise ValidationError(
            f"{table}: expected a geopandas GeoDataFrame, found {type(gdf).__name__}"
            " (build one with geopandas.GeoDataFrame(df, geometry=..., crs=...))"
        )


def _geometry(gdf: Any, table: str, col: Optional[str]) -> Any:
    """The geometry column ``col`` (default: the active geometry) with its CRS checked."""
    _frame(gdf, table)
    gpd = _geopandas()
    if col is None:
        try:
            series = gdf.geometry
        except AttributeError:
            raise ValidationError(
                f"{table}: the GeoDataFrame has no active geometry column (set one with .set_geometry(...))"
            ) from None
        col = str(series.name)
    else:
        if col not in gdf.columns:
            raise ValidationError(
                f"{table}.{col}: missing column (the frame has: {', '.join(map(str, gdf.columns))})"
            )
        series = gdf[col]
        if not isinstance(series, gpd.GeoSeries):
            raise ValidationError(f"{table}.{col}: not a geometry column (dtype {series.dtype})")
    if series.crs is None:
        raise ValidationError(
            f"{table}.{col}: the GeoDataFrame has no CRS (set one, for example "
            ".set_crs('EPSG:4326') for longitude and latitude in degrees)"
        )
    return series


def _points(series: Any, table: str, ids: Optional[List[Any]] = None) -> np.ndarray:
    """n x 2 coordinates of a GeoSeries of points, or an error naming the first bad row."""
    col = str(series.name)
    kinds = series.geom_type.to_numpy()
    missing = series.isna().to_numpy() | series.is_empty.to_numpy()
    for i in range(len(series)):
        if missing[i] or kinds[i] != "Point":
            who = f" (id {ids[i]!r})" if ids is not None else ""
            if missing[i]:
                raise ValidationError(f"{table}[{i}].{col}: missing geometry{who} (a point is required)")
            raise ValidationError(
                f"{table}[{i}].{col}: a {kinds[i]}{who}, expected a Point (for areas use"
                " .representative_point() or .centroid in a projected CRS)"
            )
    xy = np.column_stack([series.x.to_numpy(dtype=float), series.y.to_numpy(dtype=float)])
    bad = np.flatnonzero(~np.isfinite(xy).all(axis=1))
    if len(bad):
        raise ValidationError(f"{table}[{bad[0]}].{col}: the point has a NaN or infinite coordinate")
    return xy


# ---- scenarios ------------------------------------------------------------------


def _institutions_frame(institutions: Any) -> pd.DataFrame:
    """The institutions GeoDataFrame as the plain frame ``Scenario.from_frames`` reads:
    the geometry replaced by ``lon`` and ``lat`` in EPSG:4326."""
    t = "institutions"
    series = _geometry(institutions, t, None)
    col = str(series.name)
    for c in ("lon", "lat"):
        if c in institutions.columns:
            raise ValidationError(
                f"{t}.{c}: the frame has both a geometry and a {c} column (coordinates come"
                " from the points: drop lon and lat)"
            )
    ids = institutions["id"].tolist() if "id" in institutions.columns else None
    xy = _points(series.to_crs(epsg=4326), t, ids)
    frame = pd.DataFrame(institutions.drop(columns=[col]))
    frame["lon"] = xy[:, 0]
    frame["lat"] = xy[:, 1]
    return frame


def scenario_from_geodataframe(
    institutions: Any,
    pools: Any,
    links: Any = None,
    policy: Optional[Dict[str, Any]] = None,
    *,
    name: str = "scenario",
    period_days: Optional[float] = None,
    travel: Optional[Dict[str, Any]] = None,
) -> Any:
    """A :class:`yilian.Scenario` from a GeoDataFrame of institutions (``Scenario.from_geodataframe``).

    ``institutions`` holds one point per institution in any CRS (converted to
    EPSG:4326 for longitude and latitude) and the columns of ``Scenario.from_frames``
    (``id``, ``tier``, ``demand.<specialty>``, ...; no ``lon``/``lat``). ``pools``,
    ``links``, ``policy``, ``name``, ``period_days`` and ``travel`` are as in
    ``Scenario.from_frames``. A frame without a CRS, a row without a point or with
    another geometry raises :class:`yilian.ValidationError` naming the row.
    """
    from ._yilian import Scenario

    return Scenario.from_geodataframe(
        institutions, pools, links, policy, name=name, period_days=period_days, travel=travel
    )


# ---- plans ------------------------------------------------------------------------


def _flows(plan: Any, scenario: Dict[str, Any]) -> Tuple[pd.DataFrame, str, str]:
    """The plan's flows as a frame with columns ``from`` and ``to`` (institution ids)."""
    kind = type(plan).__name__
    frames = plan.to_frames()
    if kind == "Plan":
        homes = {p["id"]: p["home"] for p in scenario.get("pools", [])}
        f = frames["assignments"].copy()
        f.insert(0, "from", [homes[p] for p in f["pool"]])
        f.insert(1, "to", f["host"])
        return f, "from", "to"
    if kind == "ScannerPlan":
        f = frames["flows"].copy()
        return f, "institution", "site"
    if kind == "ReferralPlan":
        f = frames["flows"].copy()
        return f, "origin", "site"
    raise ValidationError(f"{kind}.to_geodataframe: no map layers for this plan type")


def _institution_values(plan: Any) -> pd.DataFrame:
    """Per institution, what the plan gives it (indexed by institution id)."""
    kind = type(plan).__name__
    frames = plan.to_frames()
    if kind == "Plan":
        s = frames["service"].groupby("host")[["demand", "served", "unmet"]].sum()
        d = frames["assignments"].groupby("host")["days"].sum().rename("days_received")
        return s.join(d, how="outer")
    if kind == "ScannerPlan":
        s = frames["demand"].groupby("institution")[["demand", "served", "unmet"]].sum()
        u = frames["units"].assign(units=lambda x: x["kept"] + x["added"])
        u = u.groupby("site")[["units", "added", "exams"]].sum()
        return s.join(u, how="outer")
    if kind == "ReferralPlan":
        s = frames["demand"].groupby("origin")[["demand", "treated", "unmet"]].sum()
        t = frames["flows"].groupby("site")["patients"].sum().rename("patients_treated")
        return s.join(t, how="outer")
    raise ValidationError(f"{kind}.to_geodataframe: no map layers for this plan type")


def plan_to_geodataframe(plan: Any, layer: str = "flows") -> Any:
    """A plan as a GeoDataFrame in EPSG:4326 (``plan.to_geodataframe(layer)``).

    ``layer="flows"``: one LineString per flow, with the plan's flow table as columns
    (rotation ``Plan``: ``from`` (the pool's home), ``to`` (the host), ``pool``,
    ``specialty``, ``days``, ...; ``ScannerPlan``: ``institution``, ``site``,
    ``modality``, ``exams``, ``minutes``; ``ReferralPlan``: ``origin``, ``class``,
    ``site``, ``patients``, ...). A flow within one institution is a line of length 0.
    ``layer="institutions"``: one Point per institution (``id``, ``name``, ``tier``)
    with the plan's totals there (rotation: ``demand``, ``served``, ``unmet``,
    ``days_received``; scanners: ``demand``, ``served``, ``unmet``, ``units``,
    ``added``, ``exams``; referral: ``demand``, ``treated``, ``unmet``,
    ``patients_treated``); NaN where the plan has nothing. Institutions without
    coordinates have an empty geometry, and so do flows to or from them.
    """
    gpd = _geopandas()
    from shapely.geometry import LineString, Point

    scenario = json.loads(plan.scenario.to_json())
    where = {
        i["id"]: (i["location"]["lon"], i["location"]["lat"]) if i.get("location") else None
        for i in scenario.get("institutions", [])
    }
    if layer == "flows":
        f, a, b = _flows(plan, scenario)
        geoms = [
            LineString([where[x], where[y]]) if where.get(x) and where.get(y) else None
            for x, y in zip(f[a], f[b])
        ]
        return gpd.GeoDataFrame(f, geometry=geoms, crs="EPSG:4326")
    if layer == "institutions":
        rows = scenario.get("institutions", [])
        base = pd.DataFrame(
            {
                "id": [i["id"] for i in rows],
                "name": [i.get("name") for i in rows],
                "tier": [i["tier"] for i in rows],
            }
        )
        values = _institution_values(plan)
        out = base.join(values, on="id")
        geoms = [Point(where[i]) if where.get(i) else None for i in out["id"]]
        return gpd.GeoDataFrame(out, geometry=geoms, crs="EPSG:4326")
    raise ValidationError(f"layer: {layer!r} is unknown (expected \"flows\" or \"institutions\")")


# ---- location models --------------------------------------------------------------


def distance_matrix(a: np.ndarray, b: np.ndarray, metric: str) -> np.ndarray:
    """Distances between the rows of ``a`` (n x 2) and of ``b`` (m x 2), n x m:
    ``"euclidean"`` on ``(x, y)``, ``"haversine"`` on ``(lon, lat)`` in degrees (km)."""
    if metric == "euclidean":
        return np.hypot(a[:, None, 0] - b[None, :, 0], a[:, None, 1] - b[None, :, 1])
    if metric == "haversine":
        lon1, lat1 = np.radians(a[:, 0])[:, None], np.radians(a[:, 1])[:, None]
        lon2, lat2 = np.radians(b[:, 0])[None, :], np.radians(b[:, 1])[None, :]
        s = np.sin((lat2 - lat1) / 2.0) ** 2 + np.cos(lat1) * np.cos(lat2) * np.sin((lon2 - lon1) / 2.0) ** 2
        return 2.0 * EARTH_RADIUS_KM * np.arcsin(np.minimum(np.sqrt(s), 1.0))
    raise ValidationError(
        f"distance_metric: {metric!r} is unknown (expected \"euclidean\" or \"haversine\")"
    )


def _cost(demand: Any, sites: Any, demand_col: str, facility_col: str, metric: str) -> np.ndarray:
    if metric not in ("euclidean", "haversine"):
        distance_matrix(np.zeros((0, 2)), np.zeros((0, 2)), metric)
    dem = _geometry(demand, "demand", demand_col)
    fac = _geometry(sites, "sites", facility_col)
    if metric == "haversine":
        dem, fac = dem.to_crs(epsg=4326), fac.to_crs(epsg=4326)
    else:
        if fac.crs != dem.crs:
            fac = fac.to_crs(dem.crs)
        if dem.crs.is_geographic:
            warnings.warn(
                f"distance_metric='euclidean' on a geographic CRS ({dem.crs.to_string()}) measures"
                " degrees: project the frames (to_crs) or use distance_metric='haversine'",
                UserWarning,
                stacklevel=4,
            )
    return distance_matrix(_points(dem, "demand"), _points(fac, "sites"), metric)


def _column(gdf: Any, table: str, col: str) -> np.ndarray:
    if col not in gdf.columns:
        raise ValidationError(
            f"{table}.{col}: missing column (the frame has: {', '.join(map(str, gdf.columns))})"
        )
    return np.asarray(_numbers(gdf, col, table), dtype=float)


def _predefined(sites: Any, col: Optional[str]) -> Optional[List[int]]:
    """Indices of the sites whose ``col`` is True (or 1)."""
    if col is None:
        return None
    if col not in sites.columns:
        raise ValidationError(
            f"sites.{col}: missing column (the frame has: {', '.join(map(str, sites.columns))})"
        )
    out = []
    for i, v in enumerate(sites[col].tolist()):
        if isinstance(v, (bool, np.bool_)) or (
            isinstance(v, (int, float, np.integer, np.floating)) and not math.isnan(v) and v in (0, 1)
        ):
            if v:
                out.append(i)
        else:
            raise ValidationError(f"sites[{i}].{col}: {v!r} (expected True/False or 1/0)")
    return out


def pmedian_from_geodataframe(
    demand: Any,
    sites: Any,
    demand_col: str,
    facility_col: str,
    weights_cols: Optional[str],
    p_facilities: int,
    facility_capacity_col: Optional[str] = None,
    predefined_facility_col: Optional[str] = None,
    distance_metric: str = "euclidean",
    *,
    formulation: str = "auto",
) -> Any:
    """``PMedian.from_geodataframe``: open ``p_facilities`` of the ``sites``, minimising
    the sum over the demand points of ``weights_cols`` x distance to the nearest open
    site. ``weights_cols=None``: every demand point weighs 1. With
    ``facility_capacity_col`` (spopt's capacitated p-median) each site serves at most its
    capacity of weight and each demand point goes to one site: the model returned is then
    a :class:`yilian.location.CapacitatedPMedian` whose demand is the weight."""
    cost = _cost(demand, sites, demand_col, facility_col, distance_metric)
    weights = None if weights_cols is None else _column(demand, "demand", weights_cols)
    forced = _predefined(sites, predefined_facility_col)
    if facility_capacity_col is not None:
        capacity = _column(sites, "sites", facility_capacity_col)
        w = np.ones(len(cost)) if weights is None else weights
        return CapacitatedPMedian.from_cost_matrix(
            cost, w, p=p_facilities, demand=w, capacity=capacity, forced_open=forced
        )
    return PMedian.from_cost_matrix(cost, weights, p=p_facilities, forced_open=forced, formulation=formulation)


def pcenter_from_geodataframe(
    demand: Any,
    sites: Any,
    demand_col: str,
    facility_col: str,
    p_facilities: int,
    predefined_facility_col: Optional[str] = None,
    distance_metric: str = "euclidean",
    *,
    weights_cols: Optional[str] = None,
    formulation: str = "covering",
) -> Any:
    """``PCenter.from_geodataframe``: open ``p_facilities`` sites, minimising the largest
    distance (times ``weights_cols``, when given) from a demand point to its nearest open site."""
    cost = _cost(demand, sites, demand_col, facility_col, distance_metric)
    weights = None if weights_cols is None else _column(demand, "demand", weights_cols)
    forced = _predefined(sites, predefined_facility_col)
    return PCenter.from_cost_matrix(cost, weights, p=p_facilities, forced_open=forced, formulation=formulation)


def mclp_from_geodataframe(
    demand: Any,
    sites: Any,
    demand_col: str,
    facility_col: str,
    weights_cols: Optional[str],
    service_radius: float,
    p_facilities: int,
    predefined_facility_col: Optional[str] = None,
    distance_metric: str = "euclidean",
) -> Any:
    """``MCLP.from_geodataframe``: open ``p_facilities`` sites, maximising the weight
    (``weights_cols``; None: 1 each) of the demand points within ``service_radius``
    (in the metric's unit) of an open site."""
    cost = _cost(demand, sites, demand_col, facility_col, distance_metric)
    weights = None if weights_cols is None else _column(demand, "demand", weights_cols)
    forced = _predefined(sites, predefined_facility_col)
    return MCLP.from_cost_matrix(cost, weights, service_radius=service_radius, p=p_facilities, forced_open=forced)


def lscp_from_geodataframe(
    demand: Any,
    sites: Any,
    demand_col: str,
    facility_col: str,
    service_radius: float,
    predefined_facility_col: Optional[str] = None,
    distance_metric: str = "euclidean",
    *,
    site_cost_col: Optional[str] = None,
    demand_quantity_col: Optional[str] = None,
    facility_capacity_col: Optional[str] = None,
) -> Any:
    """``LSCP.from_geodataframe``: the fewest sites (or the cheapest, by ``site_cost_col``)
    covering every demand point within ``service_radius``. Capacities belong to
    :class:`yilian.location.CFLP` (``CFLP.from_geodataframe``): spopt's capacitated LSCP
    arguments ``demand_quantity_col`` and ``facility_capacity_col`` raise an error saying so."""
    for arg, value in (("demand_quantity_col", demand_quantity_col), ("facility_capacity_col", facility_capacity_col)):
        if value is not None:
            raise ValidationError(
                f"{arg}: yilian's LSCP has no capacities; use CFLP.from_geodataframe(demand, sites,"
                " demand_col, facility_col, demand_quantity_col, facility_capacity_col, fixed_cost_col)"
            )
    cost = _cost(demand, sites, demand_col, facility_col, distance_metric)
    site_cost = None if site_cost_col is None else _column(sites, "sites", site_cost_col)
    forced = _predefined(sites, predefined_facility_col)
    return LSCP.from_cost_matrix(cost, service_radius=service_radius, site_cost=site_cost, forced_open=forced)


def cflp_from_geodataframe(
    demand: Any,
    sites: Any,
    demand_col: str,
    facility_col: str,
    demand_quantity_col: str,
    facility_capacity_col: str,
    fixed_cost_col: str,
    predefined_facility_col: Optional[str] = None,
    distance_metric: str = "euclidean",
    *,
    weights_cols: Optional[str] = None,
    single_source: bool = False,
) -> Any:
    """``CFLP.from_geodataframe``: capacitated facility location. Each demand point's
    ``demand_quantity_col`` (a demand column) is served by open sites within their
    ``facility_capacity_col`` (a sites column); opening a site costs its
    ``fixed_cost_col``. Serving all of demand point ``i`` from site ``j`` costs the
    distance times ``weights_cols`` (default: the demand quantity, that is a cost per
    unit and unit of distance of 1). ``single_source``: each point served by one site."""
    cost = _cost(demand, sites, demand_col, facility_col, distance_metric)
    quantity = _column(demand, "demand", demand_quantity_col)
    capacity = _column(sites, "sites", facility_capacity_col)
    fixed = _column(sites, "sites", fixed_cost_col)
    w = quantity if weights_cols is None else _column(demand, "demand", weights_cols)
    forced = _predefined(sites, predefined_facility_col)
    return CFLP.from_cost_matrix(
        cost * w[:, None],
        demand=quantity,
        capacity=capacity,
        fixed_cost=fixed,
        single_source=single_source,
        forced_open=forced,
    )


def capacitated_pmedian_from_geodataframe(
    demand: Any,
    sites: Any,
    demand_col: str,
    facility_col: str,
    weights_cols: Optional[str],
    p_facilities: int,
    facility_capacity_col: str,
    predefined_facility_col: Optional[str] = None,
    distance_metric: str = "euclidean",
    *,
    demand_quantity_col: Optional[str] = None,
) -> Any:
    """``CapacitatedPMedian.from_geodataframe``: ``p_facilities`` sites, each demand point
    served by one of them, no site serving more than its ``facility_capacity_col`` (a
    sites column) of ``demand_quantity_col`` (a demand column; default: the weights);
    minimise the sum of ``weights_cols`` x distance."""
    cost = _cost(demand, sites, demand_col, facility_col, distance_metric)
    weights = np.ones(len(cost)) if weights_cols is None else _column(demand, "demand", weights_cols)
    quantity = weights if demand_quantity_col is None else _column(demand, "demand", demand_quantity_col)
    capacity = _column(sites, "sites", facility_capacity_col)
    forced = _predefined(sites, predefined_facility_col)
    return CapacitatedPMedian.from_cost_matrix(
        cost, weights, p=p_facilities, demand=quantity, capacity=capacity, forced_open=forced
    )


def location_lines(
    result: Any,
    demand: Any,
    sites: Any,
    demand_col: Optional[str] = None,
    facility_col: Optional[str] = None,
) -> Any:
    """A :class:`yilian.location.LocationResult` on a map: one LineString per served share,
    from the demand point to its site, with the columns of ``result.to_frame()`` (``client``,
    ``site``, ``fraction``, ``cost``), in the demand frame's CRS (the frames the model was
    built from; ``demand_col`` and ``facility_col`` default to their active geometries)."""
    gpd = _geopandas()
    from shapely.geometry import LineString

    dem = _geometry(demand, "demand", demand_col)
    fac = _geometry(sites, "sites", facility_col)
    if fac.crs != dem.crs:
        fac = fac.to_crs(dem.crs)
    a, b = _points(dem, "demand"), _points(fac, "sites")
    if (len(a), len(b)) != (result.clients, result.sites):
        raise ValidationError(
            f"demand, sites: {len(a)} and {len(b)} rows, but the result has {result.clients} clients"
            f" and {result.sites} sites"
        )
    frame = result.to_frame()
    geoms = [LineString([a[i], b[j]]) for i, j in zip(frame["client"], frame["site"])]
    return gpd.GeoDataFrame(frame, geometry=geoms, crs=dem.crs)


_BUILDERS = {
    "PMedian": pmedian_from_geodataframe,
    "PCenter": pcenter_from_geodataframe,
    "MCLP": mclp_from_geodataframe,
    "LSCP": lscp_from_geodataframe,
    "CFLP": cflp_from_geodataframe,
    "CapacitatedPMedian": capacitated_pmedian_from_geodataframe,
}


def _from_geodataframe(class_name: str, *args: Any, **kwargs: Any) -> Any:
    """``<class>.from_geodataframe(*args, **kwargs)`` of the location class ``class_name``."""
    return _BUILDERS[class_name](*args, **kwargs)
