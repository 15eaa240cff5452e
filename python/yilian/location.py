"""Classic location models on a cost matrix, in PySAL spopt's idiom.

>>> import numpy as np
>>> from yilian.location import PMedian
>>> cost = np.array([[0.0, 1.0, 9.0], [2.0, 0.0, 9.0], [9.0, 9.0, 0.0]])
>>> result = PMedian.from_cost_matrix(cost, p=2).solve(gap=0)
>>> result.objective, result.status, result.open_sites
(1.0, 'optimal', [1, 2])

Every model takes a **clients x sites** cost matrix ``cost`` (anything
``numpy.asarray`` reads: an ndarray, a DataFrame, nested lists); ``cost[i, j]`` is the
cost of serving all of client ``i`` from site ``j``. A C-contiguous float64 array is
read in place and copied once into the Rust model; integer arrays are converted to
float64 first. The models:

* :class:`PMedian` (``p``, optional ``weights``): open ``p`` sites, minimise the
  weighted cost of serving each client from its nearest open site (``formulation``
  ``"auto"`` by default: the Benders decomposition with HiGHS at ``p`` of 5 % of the
  sites or more, else the radius method). ``PMedian.from_points`` builds the matrix
  from coordinates (``metric`` ``"euclidean"``, ``"euclidean-floor"`` or
  ``"haversine"``), ``PMedian.from_tsplib`` from a TSPLIB ``EUC_2D`` file.
* :class:`PCenter` (``p``, optional ``weights``, ``formulation``): minimise the
  largest weighted cost (default ``"covering"``: exact bisection over the candidate
  radii with set-covering MIPs; ``"elloumi"`` and ``"textbook"`` for comparison).
* :class:`MCLP` (``service_radius``, ``p``, optional ``weights``): maximise the
  weight of the clients within ``service_radius`` of an open site.
* :class:`LSCP` (``service_radius``, optional ``site_cost``): the fewest (cheapest)
  sites covering every client within ``service_radius``.
* :class:`CFLP` (``demand``, ``capacity``, ``fixed_cost``, ``single_source``):
  capacitated facility location.
* :class:`CapacitatedPMedian` (``p``, ``demand``, ``capacity``, optional
  ``weights``): ``p`` sites of limited capacity, each client served by one.

All take ``forced_open`` (site indices that must be open). ``model.solve(backend=None,
time_limit=None, gap=None, threads=None, seed=None, log=False)`` releases the GIL
while it solves and returns a :class:`LocationResult`: ``objective``, ``bound``,
``gap``, ``status`` (``"optimal"`` only when proven; HiGHS stops at a relative gap of
1e-4 unless you pass ``gap=0``), ``open_sites``, ``assignment`` (per client, the
``(site, fraction)`` pairs), ``client_site`` (numpy array), ``to_frame()`` (a DataFrame
of client, site, fraction, cost), ``build_seconds``, ``solve_seconds`` and ``size``
(columns, rows, nonzeros of the program).

Bad inputs raise :class:`yilian.ValidationError` naming the argument and the value,
for example ``cost[1][0]: NaN must be a finite number >= 0``,
``p: 12 exceeds the number of sites (10)`` or
``weights: 2 values given for 3 clients``. Matrix shape, dtype and values are checked
when the model is built; ``p``, the vectors' lengths and values and the forced sites
when it is solved (by the Rust core, which owns these rules). A model without a
solution raises :class:`yilian.InfeasibleError`. Models and results pickle.
"""

from __future__ import annotations

from os import PathLike
from typing import Tuple, Union

import numpy as np

from ._yilian import (
    CFLP,
    LSCP,
    MCLP,
    CapacitatedPMedian,
    LocationResult,
    PCenter,
    PMedian,
)
from ._yilian import read_pmed_file as _read_pmed_file


def read_pmed(path: Union[str, "PathLike[str]"]) -> Tuple[np.ndarray, int]:
    """Reads an OR-Library ``pmed`` file: ``(cost, p)``, with ``cost`` the n x n
    shortest-path distances between the vertices (each vertex is a client and a
    site). Duplicate edges: the last one wins (Beasley's convention).

    ``PMedian.from_orlib(path)`` builds the model directly.
    """
    return _read_pmed_file(path)


__all__ = [
    "PMedian",
    "PCenter",
    "MCLP",
    "LSCP",
    "CFLP",
    "CapacitatedPMedian",
    "LocationResult",
    "read_pmed",
]
