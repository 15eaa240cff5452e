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
    "ReferralPlan",
    "RosterPlan",
    "_roster_plan_from_json",
    "_scanner_plan_from_json",
    "_referral_plan_from_json",
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
    "_location_lines",
    "_distance_matrix",
    "Game",
    "_share_json",
    "_share_coalitions",
    "_share_coalitions_json",
    "_share_from_values",
    "_sweep_point",
    "_sweep_point_label",
    "_sweep_columns",
    "_override_pairs",
    "_report_json",
    "_compare_json",
    "gini",
    "theil",
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
    @staticmethod
    def from_geodataframe(
        institutions: Any,
        pools: pandas.DataFrame,
        links: Optional[pandas.DataFrame] = None,
        policy: Optional[Mapping[str, Any]] = None,
        *,
        name: str = "scenario",
        period_days: Optional[float] = None,
        travel: Optional[Mapping[str, Any]] = None,
    ) -> "Scenario":
        """As ``from_frames``, with the institutions as a GeoDataFrame of points (any CRS,
        converted to EPSG:4326; no ``lon``/``lat`` columns). Needs ``yilian[geo]``."""
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
    def with_overrides(self, overrides: Mapping[str, Any]) -> "Scenario":
        """A copy with fields set by path (``{"policy.budget": 2e5,
        "pools.*.max_travel_minutes": 45}``), validated like a scenario file; a path
        that leads nowhere is named in the ValidationError."""
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
        joint: bool = False,
        rotation: Optional["Plan"] = None,
        baseline: bool = False,
        targets: Union["Plan", str, None] = None,
        start: Optional[str] = None,
        days: Optional[int] = None,
    ) -> Union["Plan", "ScannerPlan", "ReferralPlan", "RosterPlan"]:
        """Solves a model with the GIL released and returns its plan.

        ``model``: ``"rotation"`` (returns Plan), ``"roster"`` (RosterPlan),
        ``"scanners"`` (ScannerPlan) or ``"referral"`` (ReferralPlan; the scenario
        needs a ``care`` section).
        Roster only: ``days`` calendar days from ``start`` (YYYY-MM-DD; defaults: the
        scenario's roster horizon, else 28 days from the next Monday); ``targets`` a
        rotation Plan whose days the roster meets, ``"rotation"`` (solve the rotation
        with whole days first, as the CLI does) or None / ``"demand"`` (visits wanted
        from demand); without ``time_limit`` each stage gets 60 s, as in the CLI.
        Referral only: ``joint=True`` decides rotation days and patient flows in one
        program; ``rotation=plan`` takes the days of a rotation Plan as given; neither
        solves the rotation first; ``baseline=True`` also solves without the policy
        targets (the shares before them).
        ``backend``: ``"highs"`` (default in the wheel), ``"microlp"``; ``objective``:
        ``"weighted"`` (default) or ``"equity"`` for rotation, ``"travel"`` (default)
        or ``"coverage"`` for scanners; ``method`` (scanners only): ``"auto"``
        (default: the Lagrangian decomposition, then the MIP from its plan when it can
        finish), ``"mip"`` or ``"decomposition"``; ``time_limit`` in seconds; ``gap``
        relative; ``threads``: HiGHS threads (the scanner decomposition also solves
        this many sub-MIPs side by side; default: the machine's cores).

        A bool or a non-number for ``time_limit`` or ``gap``, a ``time_limit`` above a
        year, or ``threads``/``seed`` outside 0..4294967295 raise ValidationError
        naming the argument.
        """
    def write_model(
        self,
        model: str,
        path: Union[str, "PathLike[str]"],
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
        joint: bool = False,
        rotation: Optional["Plan"] = None,
        baseline: bool = False,
        targets: Union["Plan", str, None] = None,
        start: Optional[str] = None,
        days: Optional[int] = None,
    ) -> None:
        """Writes a model's program for another solver: MPS for a ``.mps`` suffix, LP
        for ``.lp``, names built from the scenario's ids. ``solve``'s options choose
        the program; its optimum is the objective ``solve`` reports. Two-stage
        objectives, ``method`` and ``baseline`` are refused."""
    def __reduce__(self) -> Tuple[Any, Tuple[str]]: ...
    def __eq__(self, other: object, /) -> bool: ...

class _Plan:
    """What every plan class has (stub only: at run time each class has these
    members itself, generated by ``plan_pymethods!`` in ``crates/yilian-py``)."""

    @property
    def objective(self) -> float: ...
    @property
    def status(self) -> str:
        """``"optimal"`` (proven to a relative gap of 1e-4, or the tighter ``gap``
        asked for), ``"gap_limit"`` (proven within the looser ``gap`` asked for),
        ``"time_limit"`` (stopped by the time limit; feasible) or ``"feasible"`` (no
        limit hit, not proven optimal). See the README, "What the status means"."""
    @property
    def bound(self) -> Optional[float]:
        """The solver's proven bound on the objective (same scale), when known."""
    @property
    def gap(self) -> Optional[float]:
        """``|objective - bound| / max(|objective|, 1)``, when the bound is known."""
    @property
    def backend(self) -> str: ...
    @property
    def notes(self) -> List[str]: ...
    @property
    def scenario(self) -> Scenario: ...
    def summary(self) -> str: ...
    def check(self) -> List[str]:
        """Violations found by the independent checker (empty when valid)."""
    def to_json(self) -> str: ...

class _MappedPlan(_Plan):
    """The plans with stages and map layers (stub only, as ``_Plan``)."""

    @property
    def stages(self) -> List[Dict[str, Any]]:
        """Two-stage objectives (rotation equity, scanner coverage): per stage a dict
        with ``stage``, ``status``, ``objective``, ``bound``, ``gap``; else empty."""
    def to_geodataframe(self, layer: str = "flows") -> Any:
        """A ``geopandas.GeoDataFrame`` in EPSG:4326: ``"flows"`` (lines) or
        ``"institutions"`` (points). Needs ``yilian[geo]``; see ``yilian.geo``."""
    def __reduce__(self) -> Tuple[Any, Tuple[str, str]]: ...

@final
class Plan(_MappedPlan):
    """A rotation plan (M1): who goes where, how many days, and what it achieves."""

    @property
    def total_cost(self) -> float: ...
    @property
    def total_days(self) -> float: ...
    @property
    def weighted_unmet(self) -> float: ...
    @property
    def duals(self) -> Dict[str, Any]:
        """``{"pools": {id: float | None}, "rooms": {host: float | None}, "budget": float | None}``."""
    def to_frames(self) -> Dict[str, pandas.DataFrame]:
        """``assignments``, ``service``, ``policy``, ``pools``, ``rooms`` DataFrames."""

@final
class RosterPlan(_Plan):
    """A roster (M2): which specialist is at which host on which day, the targets it
    meets and the weekly visit rules it keeps."""

    @property
    def total_cost(self) -> float: ...
    @property
    def dates(self) -> List[str]:
        """The planning days (ISO dates)."""
    @property
    def targets_from(self) -> str:
        """``"rotation"`` or ``"demand"``."""
    @property
    def rotation(self) -> Optional[Plan]:
        """The rotation plan whose days were the targets (None for demand targets)."""
    def to_frames(self) -> Dict[str, pandas.DataFrame]:
        """``calendar`` (specialist, date, host, pool, travel_minutes, cost),
        ``targets`` (host, specialty, pool, unit, target, delivered, short, met,
        reason), ``frequency``, ``specialists``, ``pools`` DataFrames."""
    def check(self) -> List[str]:
        """Violations found by the independent checker, targets checked against the
        rotation plan they came from (empty when valid)."""
    def __reduce__(self) -> Tuple[Any, Tuple[str, str, Optional[str]]]: ...

def _roster_plan_from_json(
    plan: str, scenario: str, rotation: Optional[str] = None
) -> RosterPlan: ...

@final
class ScannerPlan(_MappedPlan):
    """A shared-scanner plan (M3): units added per site, exams per site, unmet exams."""

    @property
    def total_cost(self) -> float: ...
    @property
    def duals(self) -> Dict[str, Dict[Tuple[str, str], Optional[float]]]:
        """``{"scanner_days": {(site, modality): float | None}}``."""
    def to_frames(self) -> Dict[str, pandas.DataFrame]:
        """``units``, ``flows``, ``demand``, ``modalities`` DataFrames."""

@final
class ReferralPlan(_MappedPlan):
    """A tiered-care plan (M5): flows per origin, class and site, referrals up and
    down, loads, shares, targets and their marginal costs."""

    @property
    def objective(self) -> float:
        """Travel + treatment cost + unmet penalty + target penalty."""
    @property
    def rotation_objective(self) -> float: ...
    @property
    def total_objective(self) -> float: ...
    @property
    def mode(self) -> str:
        """``"sequential"`` or ``"joint"``."""
    @property
    def grassroots_share(self) -> float: ...
    @property
    def within_county_share(self) -> float: ...
    @property
    def busiest_hospital(self) -> Optional[Tuple[str, str, float]]: ...
    @property
    def referred_up(self) -> float: ...
    @property
    def referred_down(self) -> float: ...
    @property
    def rotation(self) -> Plan:
        """The rotation plan in force (given, solved first, or solved jointly)."""
    @property
    def duals(self) -> Dict[str, Dict[Any, Optional[float]]]:
        """``{"capacity": {(institution, class): float | None}, "beds": {...},
        "targets": {target: cost per point | None}, "telemedicine": {(hub, spoke): ...}}``."""
    def to_frames(self) -> Dict[str, pandas.DataFrame]:
        """``flows``, ``recovery``, ``demand``, ``loads``, ``referrals_up``,
        ``referrals_down``, ``targets``, ``limits`` DataFrames."""

def generate_county(seed: int) -> Scenario:
    """A generated county medical community (deterministic by seed, 0..2**64-1)."""

def generate_city(seed: int) -> Scenario:
    """A generated city medical group (deterministic by seed, 0..2**64-1)."""

def backends() -> List[str]:
    """Names of the solver backends compiled into this build."""

def _plan_from_json(plan: str, scenario: str) -> Plan: ...
def _scanner_plan_from_json(plan: str, scenario: str) -> ScannerPlan: ...
def _referral_plan_from_json(plan: str, scenario: str) -> ReferralPlan: ...
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
        """Best proven bound on the objective (the backend's MIP bound or one the model
        proves: Lagrangian, candidate radii), when known; never clipped to the objective."""
    @property
    def gap(self) -> Optional[float]:
        """``|objective - bound| / max(|objective|, 1)``, when the bound is known."""
    @property
    def status(self) -> str:
        """``"optimal"`` (proven to a relative gap of 1e-4, or the tighter ``gap``
        asked for), ``"gap_limit"`` (proven within the looser ``gap`` asked for),
        ``"time_limit"`` (stopped by the time limit; feasible) or ``"feasible"`` (no
        limit hit, not proven optimal). See the README, "What the status means"."""
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

class _LocationModel:
    """What every location class has (stub only: at run time each class has these
    methods itself, generated once in ``crates/yilian-py/src/location/models``)."""

    def write(
        self,
        path: Union[str, "PathLike[str]"],
        *,
        clients: Optional[Sequence[Any]] = None,
        sites: Optional[Sequence[Any]] = None,
    ) -> None:
        """Writes the model's program (MPS for ``.mps``, LP for ``.lp``) with names
        from ``clients`` and ``sites`` (``str()`` of each; default ``c0, ...``,
        ``s0, ...``): ``open(site)``, ``assign(client,site)``, ``cover(client)``, ..."""
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
class PMedian(_LocationModel):
    """p-median: open ``p`` sites, minimise the weighted cost to the nearest open site."""

    def __new__(
        cls,
        cost: _ArrayLike,
        weights: Optional[_ArrayLike] = None,
        *,
        p: int,
        forced_open: _Sites = None,
        formulation: str = "auto",
    ) -> "PMedian": ...
    @staticmethod
    def from_cost_matrix(
        cost: _ArrayLike,
        weights: Optional[_ArrayLike] = None,
        *,
        p: int,
        forced_open: _Sites = None,
        formulation: str = "auto",
    ) -> "PMedian":
        """``cost``: clients x sites; ``formulation``: ``"auto"`` (default: ``"benders"`` with HiGHS when
        ``p`` is at least 5 % of the sites, else ``"radius"``), ``"benders"``, ``"radius"``,
        ``"radius-full"`` or ``"textbook"``."""
    @staticmethod
    def from_orlib(path: Union[str, "PathLike[str]"], *, formulation: str = "auto") -> "PMedian":
        """From an OR-Library ``pmed`` file (shortest-path distances, ``p`` from the file)."""
    @staticmethod
    def from_points(
        clients: _ArrayLike,
        sites: Optional[_ArrayLike] = None,
        weights: Optional[_ArrayLike] = None,
        *,
        p: int,
        metric: str = "euclidean",
        forced_open: _Sites = None,
        formulation: str = "auto",
    ) -> "PMedian":
        """On coordinates: ``clients`` and ``sites`` (default: the clients) are n x 2 arrays;
        ``metric``: ``"euclidean"`` (``(x, y)``), ``"euclidean-floor"`` (rounded down, the TSPLIB
        p-median convention) or ``"haversine"`` (``(longitude, latitude)`` in degrees, km)."""
    @staticmethod
    def from_tsplib(path: Union[str, "PathLike[str]"], *, p: int, formulation: str = "auto") -> "PMedian":
        """From a TSPLIB ``EUC_2D`` file (every node a client and a site, floored Euclidean distances)."""
    @property
    def p(self) -> int: ...
    @staticmethod
    def from_geodataframe(
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
    ) -> Union["PMedian", "CapacitatedPMedian"]:
        """spopt's idiom on two GeoDataFrames (see ``yilian.geo.pmedian_from_geodataframe``;
        with ``facility_capacity_col`` a ``CapacitatedPMedian``)."""

@final
class PCenter(_LocationModel):
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
    @staticmethod
    def from_geodataframe(
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
    ) -> "PCenter":
        """spopt's idiom on two GeoDataFrames (see ``yilian.geo.pcenter_from_geodataframe``)."""

@final
class MCLP(_LocationModel):
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
    @staticmethod
    def from_geodataframe(
        demand: Any,
        sites: Any,
        demand_col: str,
        facility_col: str,
        weights_cols: Optional[str],
        service_radius: float,
        p_facilities: int,
        predefined_facility_col: Optional[str] = None,
        distance_metric: str = "euclidean",
    ) -> "MCLP":
        """spopt's idiom on two GeoDataFrames (see ``yilian.geo.mclp_from_geodataframe``)."""

@final
class LSCP(_LocationModel):
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
    @staticmethod
    def from_geodataframe(
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
    ) -> "LSCP":
        """spopt's idiom on two GeoDataFrames (see ``yilian.geo.lscp_from_geodataframe``)."""

@final
class CFLP(_LocationModel):
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
    @staticmethod
    def from_geodataframe(
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
    ) -> "CFLP":
        """On two GeoDataFrames: demand quantities from ``demand``, capacities and fixed
        costs from ``sites`` (see ``yilian.geo.cflp_from_geodataframe``)."""

@final
class CapacitatedPMedian(_LocationModel):
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
    @staticmethod
    def from_geodataframe(
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
    ) -> "CapacitatedPMedian":
        """On two GeoDataFrames (see ``yilian.geo.capacitated_pmedian_from_geodataframe``)."""

def read_pmed_file(path: Union[str, "PathLike[str]"]) -> Tuple["numpy.ndarray", int]: ...
def _location_model(kind: str, kwargs: Dict[str, Any]) -> Any: ...
def _location_result(state: Tuple[Any, ...]) -> LocationResult: ...
def _location_lines(
    result: LocationResult,
    demand: Any,
    sites: Any,
    demand_col: Optional[str] = None,
    facility_col: Optional[str] = None,
) -> Any:
    """One LineString per served share of a result, between its two GeoDataFrames."""
def _distance_matrix(a: _ArrayLike, b: _ArrayLike, metric: str) -> "numpy.ndarray":
    """n x m distances between two n x 2 and m x 2 arrays (``"euclidean"`` or ``"haversine"``, km)."""

@final
class Game:
    """A cooperative cost game: ``Game(values)`` where ``values`` maps tuples of player
    indices (the empty tuple ``()`` included, one entry per coalition of players
    ``0..n-1``) to that coalition's cost. An allocation shares ``v(N)``; it is in the
    core when no coalition pays more than its own cost, ``x(S) <= v(S)``."""

    def __new__(cls, values: Mapping[Tuple[int, ...], float]) -> "Game": ...
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
    referral_mode: Optional[str],
    backend: Optional[str],
    time_limit: Optional[float],
    gap: Optional[float],
    threads: Optional[int],
    progress: bool,
) -> str: ...
def _share_coalitions(scenario: Scenario, rule: str, samples: Optional[int], seed: int) -> List[List[int]]: ...
def _share_coalitions_json(
    scenario: Scenario,
    model: str,
    method: Optional[str],
    referral_mode: Optional[str],
    coalitions: Sequence[Sequence[int]],
    backend: Optional[str],
    time_limit: Optional[float],
    gap: Optional[float],
    threads: Optional[int],
) -> str: ...
def _share_from_values(
    scenario: Scenario,
    model: str,
    rule: str,
    weights: str,
    samples: Optional[int],
    seed: int,
    method: Optional[str],
    referral_mode: Optional[str],
    backend: Optional[str],
    gap: Optional[float],
    values: Sequence[str],
    plan: Optional[str],
    solve_seconds: float,
    workers: int,
) -> str: ...

def _sweep_point(
    scenario: Scenario,
    overrides: Sequence[Tuple[str, str]],
    model: str,
    *,
    backend: Optional[str] = None,
    objective: Optional[str] = None,
    integer_days: bool = False,
    method: Optional[str] = None,
    time_limit: Optional[float] = None,
    gap: Optional[float] = None,
    threads: Optional[int] = ...,
    seed: Optional[int] = None,
) -> str:
    """One point of a sweep (overrides as ``(path, JSON text)``): the row as JSON text."""
def _sweep_point_label(overrides: Sequence[Tuple[str, str]]) -> str:
    """The point as text, ``policy.budget=100000; ...``."""
def _sweep_columns() -> Tuple[List[str], List[str], List[str]]:
    """Result columns, timing columns and model names of sweep tables."""
def _override_pairs(overrides: Mapping[str, Any]) -> List[Tuple[str, str]]:
    """``[(path, JSON text)]`` of overrides by path (NumPy values as numbers and lists);
    a value JSON cannot hold raises ValidationError naming the path."""
