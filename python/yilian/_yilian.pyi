"""Type stubs of the native module ``yilian._yilian`` (built from crates/yilian-py)."""

from os import PathLike
from typing import Any, Dict, List, Mapping, Optional, Sequence, Tuple, Union

import pandas

__version__: str

class YilianError(Exception):
    """Base class of every error raised by yilian."""

class ValidationError(YilianError):
    """The scenario or an option is invalid; the message names the field and the value."""

class InfeasibleError(YilianError):
    """The model has no feasible plan; the message says which rules collide."""

class SolverError(YilianError):
    """The solver backend failed, is not compiled in, or cannot solve this model."""

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
        or ``"coverage"`` for scanners; ``time_limit`` in seconds; ``gap`` relative.
        """
    def __reduce__(self) -> Tuple[Any, Tuple[str]]: ...
    def __eq__(self, other: object) -> bool: ...

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
