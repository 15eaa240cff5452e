"""Type stubs of the native module ``yilian._yilian`` (built from crates/yilian-py)."""

from os import PathLike
from typing import Any, Dict, List, Mapping, Optional, Sequence, Tuple, Union, final

import numpy
import pandas

__version__: str
__all__ = [
    "YilianError",
    "ValidationError",
    "InfeasibleError",
    "SolverError",
    "Scenario",
    "Plan",
    "ScannerPlan",
    "_scanner_plan_from_json",
    "_plan_from_json",
    "generate_county",
    "generate_city",
    "backends",
    "PMedian",
    "PCenter",
    "MCLP",
    "LSCP",
    "CFLP",
    "CapacitatedPMedian",
    "LocationResult",
    "read_pmed_file",
    "_location_model",
    "_location_result",
    "Game",
    "_share_json",
    "__version__",
]

class YilianError(Exception):
    """Base class of every error raised by yilian."""

class ValidationError(YilianError):
    """The scenario or an option is invalid; the message names the field and the value."""

class InfeasibleError(YilianError):
    """The model has no feasible plan; the message says which rules collide."""

class SolverError(YilianError):
    """The solver backend failed, is not compiled in, or cannot solve this model."""

@final
class Scenario:
    """A planning scenario: institutions, specialist pools, roads and policy."""

    @staticmethod
    def from_json(path: Union[str, "PathLike[str]"]) -> "Scenario":
        """Reads a scenario file (``"format": "yilian/1"`` JSON)."""
    @staticmethod
    def from_json_str(text: str) -> "Scenario":
        """Parses a scenario from JSON text (types are checked, rules at solve time)."""
    @staticmethod
    def from_frames(
        institutions: pandas.DataFrame,
        pools: pandas.DataFrame,
        links: Optional[pandas.DataFrame] = None,
        policy: Optional[Mapping[str, Any]] = None,
        *,
        name: str = "scenario",
        period_days: Optional[float] = None,
        travel: Optional[Mapping[str, Any]] = None,
    ) -> "Scenario":
        """Builds and validates a scenario from DataFrames.

        ``institutions``: ``id``, ``tier`` and optional ``name``, ``district``,
        ``consortium``, ``lon``/``lat``, ``population``, ``room_days``, one
        ``demand.<specialty>`` column per specialty (NaN = no demand) and
        ``exams.<modality>``. ``pools``: ``id``, ``home``, ``specialty``,
        ``headcount``, ``days_per_person``, ``max_travel_minutes``, ``visits_per_day``
        and optional ``home_min_days``, ``cost_per_day``, ``cost_per_minute``.
        ``links``: ``from``, ``to``, ``minutes``. ``policy``: a dict as in the file.
        Raises ValidationError naming the field (``pools[2].headcount``,
        ``institutions.tier``).
        """
    def to_json(self) -> str:
        """Pretty JSON text of the scenario."""
    @property
    def name(self) -> str: ...
    @property
    def institution_ids(self) -> List[str]: ...
    @property
    def pool_ids(self) -> List[str]: ...
    def validate(self) -> List[str]:
        """Checks every rule; raises ValidationError, returns the warnings."""
    def solve(
        self,
        model: str = "rotation",
        *,
        backend: Optional[str] = None,
        objective: Optional[str] = None,
        integer_days: bool = False,
        method: Optional[str] = None,
        time_limit: Optional[float] = None,
        gap: Optional[float] = None,
        threads: Optional[int] = None,
        seed: Optional[int] = None,
        log: bool = False,
    ) -> Union["Plan", "ScannerPlan"]:
        """Solves a model with the GIL released and returns its plan.

        ``model``: ``"rotation"`` (returns Plan) or ``"scanners"`` (ScannerPlan).
        ``backend``: ``"highs"`` (default in the wheel), ``"microlp"``; ``objective``:
        ``"weighted"`` (default) or ``"equity"`` for rotation, ``"travel"`` (default)
        or ``"coverage"`` for scanners; ``method`` (scanners only): ``"auto"``
        (default: the Lagrangian decomposition, then the MIP from its plan when it can
        finish), ``"mip"`` or ``"decomposition"``; ``time_limit`` in seconds; ``gap``
        relative; ``threads``: HiGHS threads (the scanner decomposition also solves
        this many sub-MIPs side by side; default: the machine's cores).
        """
    def __reduce__(self) -> Tuple[Any, Tuple[str]]: ...
    def __eq__(self, other: object, /) -> bool: ...

@final
class Plan:
    """A rotation plan (M1): who goes where, how many days, and what it achieves."""

    @property
    def objective(self) -> float: ...
    @property
    def status(self) -> str:
        """``"optimal"``, ``"gap_limit"`` or ``"time_limit"``."""
    @property
    def backend(self) -> str: ...
    @property
    def total_cost(self) -> float: ...
    @property
    def total_days(self) -> float: ...
    @property
    def weighted_unmet(self) -> float: ...
    @property
    def notes(self) -> List[str]: ...
    @property
    def scenario(self) -> Scenario: ...
    @property
    def duals(self) -> Dict[str, Any]:
        """``{"pools": {id: float | None}, "rooms": {host: float | None}, "budget": float | None}``."""
    def to_frames(self) -> Dict[str, pandas.DataFrame]:
        """``assignments``, ``service``, ``policy``, ``pools``, ``rooms`` DataFrames."""
    def summary(self) -> str: ...
    def check(self) -> List[str]:
        """Violations found by the independent checker (empty when valid)."""
    def to_json(self) -> str: ...
    def __reduce__(self) -> Tuple[Any, Tuple[str, str]]: ...

@final
class ScannerPlan:
    """A shared-scanner plan (M3): units added per site, exams per site, unmet exams."""

    @property
    def objective(self) -> float: ...
    @property
    def status(self) -> str: ...
    @property
    def backend(self) -> str: ...
    @property
    def bound(self) -> Optional[float]: ...
    @property
    def gap(self) -> Optional[float]: ...
    @property
    def total_cost(self) -> float: ...
    @property
    def notes(self) -> List[str]: ...
    @property
    def scenario(self) -> Scenario: ...
    @property
    def duals(self) -> Dict[str, Dict[Tuple[str, str], Optional[float]]]:
        """``{"scanner_days": {(site, modality): float | None}}``."""
    def to_frames(self) -> Dict[str, pandas.DataFrame]:
        """``units``, ``flows``, ``demand``, ``modalities`` DataFrames."""
    def summary(self) -> str: ...
    def check(self) -> List[str]: ...
    def to_json(self) -> str: ...
    def __reduce__(self) -> Tuple[Any, Tuple[str, str]]: ...

def generate_county(seed: int) -> Scenario:
    """A generated county medical community (deterministic by seed)."""

def generate_city(seed: int) -> Scenario:
    """A generated city medical group (deterministic by seed)."""

def backends() -> List[str]:
    """Names of the solver backends compiled into this build."""

def _plan_from_json(plan: str, scenario: str) -> Plan: ...
def _scanner_plan_from_json(plan: str, scenario: str) -> ScannerPlan: ...
def gini(values: Sequence[float], weights: Optional[Sequence[float]] = None) -> Optional[float]:
    """Population-weighted Gini coefficient: sum_ij w_i w_j |x_i - x_j| / (2 W^2 mean).

    None when the weights or the mean are zero; negative or non-finite numbers and
    mismatched lengths raise ValidationError naming the field."""

def theil(
    values: Sequence[float],
    weights: Optional[Sequence[float]] = None,
    groups: Optional[Sequence[str]] = None,
) -> Optional[Tuple[float, float, float]]:
    """Theil T index and its decomposition by ``groups``: (total, within, between)."""

def _report_json(
    scenario_json: str, plan_json: str, catchment_minutes: float = 30.0, decay: str = "step"
) -> str: ...
def _compare_json(a: str, b: str) -> str: ...

# ---- location models (yilian.location) ----

_ArrayLike = Any  # anything numpy.asarray reads: ndarray, DataFrame, Series, nested lists
_Sites = Optional[Sequence[int]]

@final
class LocationResult:
    """The answer of a location model: open sites, who serves whom, how good it is."""

    @property
    def objective(self) -> float:
        """Objective value (MCLP: covered weight; LSCP: number or cost of open sites)."""
    @property
    def bound(self) -> Optional[float]:
        """Best proven bound, when the backend gives one."""
    @property
    def gap(self) -> Optional[float]:
        """Relative gap between objective and bound, when known."""
    @property
    def status(self) -> str:
        """``"optimal"`` (proven), ``"gap_limit"`` or ``"time_limit"``."""
    @property
    def model(self) -> str:
        """``"p-median"``, ``"p-center"``, ``"mclp"``, ``"lscp"``, ``"cflp"``,
        ``"cflp-single-source"`` or ``"capacitated-p-median"``."""
    @property
    def backend(self) -> str: ...
    @property
    def open_sites(self) -> List[int]:
        """Indices of the open sites, ascending."""
    @property
    def assignment(self) -> List[List[Tuple[int, float]]]:
        """Per client, the ``(site, fraction)`` pairs serving it (empty: uncovered)."""
    @property
    def client_site(self) -> "numpy.ndarray":
        """Per client, the site serving its largest share, -1 for none (int64)."""
    @property
    def clients(self) -> int: ...
    @property
    def sites(self) -> int: ...
    @property
    def build_seconds(self) -> float: ...
    @property
    def solve_seconds(self) -> float: ...
    @property
    def size(self) -> Tuple[int, int, int]:
        """``(columns, rows, nonzeros)`` of the program given to the solver."""
    def to_frame(self) -> pandas.DataFrame:
        """Columns ``client``, ``site``, ``fraction``, ``cost``; one row per served share."""
    def __reduce__(self) -> Tuple[Any, Tuple[Any, ...]]: ...
    def __eq__(self, other: object, /) -> bool: ...

@final
class PMedian:
    """p-median: open ``p`` sites, minimise the weighted cost to the nearest open site."""

    def __new__(
        cls,
        cost: _ArrayLike,
        weights: Optional[_ArrayLike] = None,
        *,
        p: int,
        forced_open: _Sites = None,
        formulation: str = "radius",
    ) -> "PMedian": ...
    @staticmethod
    def from_cost_matrix(
        cost: _ArrayLike,
        weights: Optional[_ArrayLike] = None,
        *,
        p: int,
        forced_open: _Sites = None,
        formulation: str = "radius",
    ) -> "PMedian":
        """``cost``: clients x sites; ``formulation``: ``"radius"`` (default), ``"radius-full"`` or ``"textbook"``."""
    @staticmethod
    def from_orlib(path: Union[str, "PathLike[str]"], *, formulation: str = "radius") -> "PMedian":
        """From an OR-Library ``pmed`` file (shortest-path distances, ``p`` from the file)."""
    @property
    def p(self) -> int: ...
    @property
    def shape(self) -> Tuple[int, int]:
        """``(clients, sites)``."""
    @property
    def cost(self) -> "numpy.ndarray":
        """A copy of the cost matrix (float64)."""
    def solve(
        self,
        backend: Optional[str] = None,
        *,
        time_limit: Optional[float] = None,
        gap: Optional[float] = None,
        threads: Optional[int] = None,
        seed: Optional[int] = None,
        log: bool = False,
    ) -> LocationResult:
        """Solves with the GIL released. ``backend``: ``"highs"`` (default in the
        wheel) or ``"microlp"``; ``gap=0`` for a proven optimum with HiGHS."""
    def __reduce__(self) -> Tuple[Any, Tuple[str, Dict[str, Any]]]: ...

@final
class PCenter:
    """p-center: open ``p`` sites, minimise the largest weighted client cost.

    ``formulation``: ``"covering"`` (default: bisection over the candidate radii with
    set-covering MIPs, exact without any gap setting), ``"elloumi"`` (one
    radius-indicator MIP) or ``"textbook"`` (the baseline)."""

    def __new__(
        cls, cost: _ArrayLike, weights: Optional[_ArrayLike] = None, *, p: int, forced_open: _Sites = None,
        formulation: str = "covering",
    ) -> "PCenter": ...
    @staticmethod
    def from_cost_matrix(
        cost: _ArrayLike, weights: Optional[_ArrayLike] = None, *, p: int, forced_open: _Sites = None,
        formulation: str = "covering",
    ) -> "PCenter": ...
    @property
    def p(self) -> int: ...
    @property
    def shape(self) -> Tuple[int, int]:
        """``(clients, sites)``."""
    @property
    def cost(self) -> "numpy.ndarray":
        """A copy of the cost matrix (float64)."""
    def solve(
        self,
        backend: Optional[str] = None,
        *,
        time_limit: Optional[float] = None,
        gap: Optional[float] = None,
        threads: Optional[int] = None,
        seed: Optional[int] = None,
        log: bool = False,
    ) -> LocationResult:
        """Solves with the GIL released. ``backend``: ``"highs"`` (default in the
        wheel) or ``"microlp"``; ``gap=0`` for a proven optimum with HiGHS."""
    def __reduce__(self) -> Tuple[Any, Tuple[str, Dict[str, Any]]]: ...

@final
class MCLP:
    """Maximal covering: open ``p`` sites covering the most weight within ``service_radius``."""

    def __new__(
        cls,
        cost: _ArrayLike,
        weights: Optional[_ArrayLike] = None,
        *,
        service_radius: float,
        p: int,
        forced_open: _Sites = None,
    ) -> "MCLP": ...
    @staticmethod
    def from_cost_matrix(
        cost: _ArrayLike,
        weights: Optional[_ArrayLike] = None,
        *,
        service_radius: float,
        p: int,
        forced_open: _Sites = None,
    ) -> "MCLP": ...
    @property
    def p(self) -> int: ...
    @property
    def service_radius(self) -> float: ...
    @property
    def shape(self) -> Tuple[int, int]:
        """``(clients, sites)``."""
    @property
    def cost(self) -> "numpy.ndarray":
        """A copy of the cost matrix (float64)."""
    def solve(
        self,
        backend: Optional[str] = None,
        *,
        time_limit: Optional[float] = None,
        gap: Optional[float] = None,
        threads: Optional[int] = None,
        seed: Optional[int] = None,
        log: bool = False,
    ) -> LocationResult:
        """Solves with the GIL released. ``backend``: ``"highs"`` (default in the
        wheel) or ``"microlp"``; ``gap=0`` for a proven optimum with HiGHS."""
    def __reduce__(self) -> Tuple[Any, Tuple[str, Dict[str, Any]]]: ...

@final
class LSCP:
    """Set covering: the fewest (or cheapest) sites covering every client within ``service_radius``."""

    def __new__(
        cls,
        cost: _ArrayLike,
        *,
        service_radius: float,
        site_cost: Optional[_ArrayLike] = None,
        forced_open: _Sites = None,
    ) -> "LSCP": ...
    @staticmethod
    def from_cost_matrix(
        cost: _ArrayLike,
        *,
        service_radius: float,
        site_cost: Optional[_ArrayLike] = None,
        forced_open: _Sites = None,
    ) -> "LSCP": ...
    @property
    def service_radius(self) -> float: ...
    @property
    def shape(self) -> Tuple[int, int]:
        """``(clients, sites)``."""
    @property
    def cost(self) -> "numpy.ndarray":
        """A copy of the cost matrix (float64)."""
    def solve(
        self,
        backend: Optional[str] = None,
        *,
        time_limit: Optional[float] = None,
        gap: Optional[float] = None,
        threads: Optional[int] = None,
        seed: Optional[int] = None,
        log: bool = False,
    ) -> LocationResult:
        """Solves with the GIL released. ``backend``: ``"highs"`` (default in the
        wheel) or ``"microlp"``; ``gap=0`` for a proven optimum with HiGHS."""
    def __reduce__(self) -> Tuple[Any, Tuple[str, Dict[str, Any]]]: ...

@final
class CFLP:
    """Capacitated facility location, split demand or ``single_source``."""

    def __new__(
        cls,
        cost: _ArrayLike,
        *,
        demand: _ArrayLike,
        capacity: _ArrayLike,
        fixed_cost: _ArrayLike,
        single_source: bool = False,
        forced_open: _Sites = None,
    ) -> "CFLP": ...
    @staticmethod
    def from_cost_matrix(
        cost: _ArrayLike,
        *,
        demand: _ArrayLike,
        capacity: _ArrayLike,
        fixed_cost: _ArrayLike,
        single_source: bool = False,
        forced_open: _Sites = None,
    ) -> "CFLP": ...
    @staticmethod
    def from_orlib(
        path: Union[str, "PathLike[str]"], *, capacity: Optional[float] = None, single_source: bool = False
    ) -> "CFLP":
        """From an OR-Library ``cap`` file (``capacity`` fills capa/capb/capc's placeholder)."""
    @property
    def demand(self) -> List[float]: ...
    @property
    def capacity(self) -> List[float]: ...
    @property
    def fixed_cost(self) -> List[float]: ...
    @property
    def single_source(self) -> bool: ...
    @property
    def shape(self) -> Tuple[int, int]:
        """``(clients, sites)``."""
    @property
    def cost(self) -> "numpy.ndarray":
        """A copy of the cost matrix (float64)."""
    def solve(
        self,
        backend: Optional[str] = None,
        *,
        time_limit: Optional[float] = None,
        gap: Optional[float] = None,
        threads: Optional[int] = None,
        seed: Optional[int] = None,
        log: bool = False,
    ) -> LocationResult:
        """Solves with the GIL released. ``backend``: ``"highs"`` (default in the
        wheel) or ``"microlp"``; ``gap=0`` for a proven optimum with HiGHS."""
    def __reduce__(self) -> Tuple[Any, Tuple[str, Dict[str, Any]]]: ...

@final
class CapacitatedPMedian:
    """Capacitated p-median: ``p`` sites of limited capacity, each client served by one."""

    def __new__(
        cls,
        cost: _ArrayLike,
        weights: Optional[_ArrayLike] = None,
        *,
        p: int,
        demand: _ArrayLike,
        capacity: _ArrayLike,
        forced_open: _Sites = None,
    ) -> "CapacitatedPMedian": ...
    @staticmethod
    def from_cost_matrix(
        cost: _ArrayLike,
        weights: Optional[_ArrayLike] = None,
        *,
        p: int,
        demand: _ArrayLike,
        capacity: _ArrayLike,
        forced_open: _Sites = None,
    ) -> "CapacitatedPMedian": ...
    @property
    def p(self) -> int: ...
    @property
    def demand(self) -> List[float]: ...
    @property
    def capacity(self) -> List[float]: ...
    @property
    def shape(self) -> Tuple[int, int]:
        """``(clients, sites)``."""
    @property
    def cost(self) -> "numpy.ndarray":
        """A copy of the cost matrix (float64)."""
    def solve(
        self,
        backend: Optional[str] = None,
        *,
        time_limit: Optional[float] = None,
        gap: Optional[float] = None,
        threads: Optional[int] = None,
        seed: Optional[int] = None,
        log: bool = False,
    ) -> LocationResult:
        """Solves with the GIL released. ``backend``: ``"highs"`` (default in the
        wheel) or ``"microlp"``; ``gap=0`` for a proven optimum with HiGHS."""
    def __reduce__(self) -> Tuple[Any, Tuple[str, Dict[str, Any]]]: ...

def read_pmed_file(path: Union[str, "PathLike[str]"]) -> Tuple["numpy.ndarray", int]: ...
def _location_model(kind: str, kwargs: Dict[str, Any]) -> Any: ...
def _location_result(state: Tuple[Any, ...]) -> LocationResult: ...

@final
class Game:
    """A cooperative cost game: ``Game(values)`` where ``values`` maps tuples of player
    indices (the empty tuple ``()`` included, one entry per coalition of players
    ``0..n-1``) to that coalition's cost. An allocation shares ``v(N)``; it is in the
    core when no coalition pays more than its own cost, ``x(S) <= v(S)``."""

    def __init__(self, values: Mapping[Tuple[int, ...], float]) -> None: ...
    @property
    def players(self) -> int: ...
    @property
    def savings(self) -> float:
        """Sum of the stand-alone costs minus the grand coalition's."""
    def value(self, coalition: Tuple[int, ...]) -> float: ...
    def shapley(self) -> List[float]:
        """The exact Shapley value."""
    def sampled_shapley(self, samples: int, seed: int = 0) -> Tuple[List[float], List[float]]:
        """(estimated shares, standard errors) from ``samples`` random orders."""
    def nucleolus(self, backend: Optional[str] = None) -> List[float]: ...
    def least_core(self, backend: Optional[str] = None) -> Tuple[List[float], float]:
        """(a least-core allocation, epsilon); epsilon > 0: the core is empty."""
    def in_core(self, allocation: Sequence[float]) -> bool: ...
    def core_check(self, allocation: Sequence[float]) -> Dict[str, Any]:
        """{"in_core", "efficiency_gap", "worst": (coalition, amount paid beyond its cost)}."""
    def proportional(self, weights: Sequence[float]) -> List[float]: ...

def _share_json(
    scenario: Scenario,
    model: str,
    rule: str,
    weights: str,
    samples: Optional[int],
    seed: int,
    method: Optional[str],
    backend: Optional[str],
    time_limit: Optional[float],
    gap: Optional[float],
    threads: Optional[int],
    progress: bool,
) -> str: ...
