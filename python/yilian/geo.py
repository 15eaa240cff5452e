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

The work is done in the extension (``yilian._yilian``), which reads the frames with
geopandas itself; the functions here are the same entry points under spopt-like names.

Errors are :class:`yilian.ValidationError` naming the frame, the row and the column:
``institutions.geometry: the GeoDataFrame has no CRS ...``,
``demand[2].geometry: a Polygon, expected a Point ...``,
``sites.capacity: missing column ...``.
"""

from __future__ import annotations

from typing import Any, Dict, Optional

import numpy as np

from . import _yilian
from ._yilian import (
    CFLP,
    LSCP,
    MCLP,
    CapacitatedPMedian,
    PCenter,
    PMedian,
    Scenario,
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


# ---- scenarios ------------------------------------------------------------------


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
    return Scenario.from_geodataframe(
        institutions, pools, links, policy, name=name, period_days=period_days, travel=travel
    )


# ---- plans ------------------------------------------------------------------------


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
    if not hasattr(plan, "to_geodataframe"):
        raise ValidationError(f"{type(plan).__name__}.to_geodataframe: no map layers for this plan type")
    return plan.to_geodataframe(layer)


# ---- location models --------------------------------------------------------------


def distance_matrix(a: np.ndarray, b: np.ndarray, metric: str) -> np.ndarray:
    """Distances between the rows of ``a`` (n x 2) and of ``b`` (m x 2), n x m:
    ``"euclidean"`` on ``(x, y)``, ``"haversine"`` on ``(lon, lat)`` in degrees (km)."""
    result: np.ndarray = _yilian._distance_matrix(a, b, metric)
    return result


# The builders are the classes' own ``from_geodataframe`` (documented there).
pmedian_from_geodataframe = PMedian.from_geodataframe
pcenter_from_geodataframe = PCenter.from_geodataframe
mclp_from_geodataframe = MCLP.from_geodataframe
lscp_from_geodataframe = LSCP.from_geodataframe
cflp_from_geodataframe = CFLP.from_geodataframe
capacitated_pmedian_from_geodataframe = CapacitatedPMedian.from_geodataframe


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
    return _yilian._location_lines(result, demand, sites, demand_col, facility_col)
