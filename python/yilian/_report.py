"""What a plan changes: the core's report as pandas DataFrames, with matplotlib plots.

Everything measured here is computed by the Rust core (the same numbers as
``yilian report`` on the command line); this module only converts and draws.
"""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Any, Literal, Optional, Union

import pandas as pd

from . import _yilian

if TYPE_CHECKING:  # pragma: no cover
    from matplotlib.axes import Axes

    from ._yilian import Plan, ReferralPlan, ScannerPlan

Decay = Literal["step", "e2sfca", "gaussian"]

_TIER_COLOURS = {
    "tertiary": "#7b1fa2",
    "secondary": "#c62828",
    "community_health_centre": "#1565c0",
    "township_health_centre": "#2e7d32",
    "village_clinic": "#9e9e9e",
    "other": "#6d4c41",
}


def _frame(rows: list, index: Optional[str] = None, columns: Optional[list] = None) -> pd.DataFrame:
    frame = pd.DataFrame(rows, columns=columns)
    return frame.set_index(index) if index is not None and index in frame.columns else frame


class Report:
    """Before/after measures of one plan: coverage, accessibility, equity, utilisation.

    Build one with :func:`report`. The tables are DataFrames:

    * ``institutions`` (index ``id``): tier, district, population, lon, lat,
      ``access_before`` / ``access_after`` (2SFCA or E2SFCA accessibility) and the
      number of services within reach before and after;
    * ``coverage``: population within reach of each service, before and after;
    * ``by_tier`` and ``by_district``: population-weighted accessibility per group;
    * ``measures`` (index ``measure``): Gini, Theil (total, within and between
      tiers), smallest served share and other headline figures, ``before`` and
      ``after``;
    * ``utilisation``: capacity, use and shadow price of each pool, room and scanner;
    * ``arcs``: the flows of the plan (rotation days, exams, or referrals) between
      institutions;
    * ``targets`` (referral plans, index ``target``): each policy target's required and
      achieved share, shortfall in episodes, whether it binds, and its marginal cost
      per point;
    * ``referrals`` (referral plans): patients referred ``up`` (a grassroots origin
      treated at a higher care level) and recovery episodes referred ``down``, by
      origin and destination.

    For a referral plan, ``measures`` holds the grassroots and within-county shares and
    the busiest hospital class's utilisation (``before``: the plan solved without its
    targets, when it has that baseline), referrals up and down, unmet patients and the
    parts of the objective; ``utilisation`` lists every institution and class, busiest
    first; ``institutions``, ``coverage``, ``by_tier`` and ``by_district`` are empty.
    """

    def __init__(self, text: str) -> None:
        self._text = text
        data: dict[str, Any] = json.loads(text)
        self.scenario: str = data["scenario"]
        self.model: str = data["model"]
        self.access_unit: str = data["access_unit"]
        self.settings: dict[str, Any] = data["settings"]
        self.services: list[str] = data["services"]
        self.institutions = _frame(data["institutions"], "id")
        self.coverage = _frame(data["coverage"])
        self.by_tier = _frame(data["by_tier"], "group")
        self.by_district = _frame(data["by_district"], "group")
        self.measures = _frame(data["measures"], "measure", ["measure", "before", "after"])
        self.utilisation = _frame(data["utilisation"])
        self.arcs = _frame(data["arcs"], None, ["from", "to", "amount"])
        self.targets = _frame(
            data.get("targets", []),
            "target",
            [
                "target",
                "required",
                "achieved",
                "shortfall_episodes",
                "binding",
                "marginal_cost_per_point",
            ],
        )
        self.referrals = _frame(
            data.get("referrals", []),
            None,
            ["direction", "from", "from_tier", "to", "to_tier", "patients"],
        )

    def to_json(self) -> str:
        """The report as JSON text (the same as ``yilian report --json``)."""
        return self._text

    def to_frames(self) -> dict[str, pd.DataFrame]:
        """Every table of the report by name (``targets`` and ``referrals`` for a
        referral plan only)."""
        frames = {
            "institutions": self.institutions,
            "coverage": self.coverage,
            "by_tier": self.by_tier,
            "by_district": self.by_district,
            "measures": self.measures,
            "utilisation": self.utilisation,
            "arcs": self.arcs,
        }
        if self.model == "referral":
            frames["targets"] = self.targets
            frames["referrals"] = self.referrals
        return frames

    def compare(self, other: "Report") -> pd.DataFrame:
        """The after-plan measures of this report (``a``) and ``other`` (``b``) side by
        side, with ``difference`` = b - a, indexed by measure."""
        lines = json.loads(_yilian._compare_json(self._text, other._text))
        return _frame(lines, "measure", ["measure", "a", "b", "difference"])

    def plot_map(self, ax: Optional["Axes"] = None, *, arcs: bool = True) -> "Axes":
        """Institutions by tier (size by population) and, with ``arcs``, the plan's
        flows as lines whose width follows the amount. Needs matplotlib."""
        import matplotlib.pyplot as plt

        if ax is None:
            _, ax = plt.subplots(figsize=(7, 7))
        inst = self.institutions.dropna(subset=["lon", "lat"])
        if arcs and len(self.arcs):
            top = self.arcs["amount"].max() or 1.0
            for a, b, amount in self.arcs[["from", "to", "amount"]].itertuples(index=False, name=None):
                if a in inst.index and b in inst.index:
                    ax.plot(
                        [inst.at[a, "lon"], inst.at[b, "lon"]],
                        [inst.at[a, "lat"], inst.at[b, "lat"]],
                        color="#ff8f00",
                        alpha=0.35,
                        linewidth=0.2 + 2.5 * amount / top,
                        zorder=1,
                    )
        big = inst["population"].max() or 1.0
        for tier, group in inst.groupby("tier"):
            ax.scatter(
                group["lon"],
                group["lat"],
                s=8 + 120 * group["population"] / big,
                color=_TIER_COLOURS.get(str(tier), "#000000"),
                label=str(tier).replace("_", " "),
                edgecolors="white",
                linewidths=0.3,
                zorder=2,
            )
        ax.set_xlabel("longitude")
        ax.set_ylabel("latitude")
        ax.set_title(f"{self.scenario}: {self.model} plan")
        ax.set_aspect("equal", adjustable="datalim")
        ax.legend(loc="best", fontsize="small")
        return ax

    def plot_access(self, ax: Optional["Axes"] = None) -> "Axes":
        """Accessibility before and after the plan, per tier (bar chart). Needs
        matplotlib."""
        import matplotlib.pyplot as plt

        if ax is None:
            _, ax = plt.subplots(figsize=(7, 4))
        self.by_tier[["access_before", "access_after"]].plot.bar(ax=ax)
        ax.set_ylabel(self.access_unit)
        ax.set_title("accessibility by tier, before and after")
        return ax

    def __repr__(self) -> str:
        return (
            f"Report(scenario={self.scenario!r}, model={self.model!r}, "
            f"institutions={len(self.institutions)}, measures={len(self.measures)})"
        )


def report(
    plan: Union["Plan", "ScannerPlan", "ReferralPlan"],
    catchment_minutes: float = 30.0,
    decay: Decay = "step",
) -> Report:
    """The measures of ``plan`` (a rotation :class:`Plan`, a :class:`ScannerPlan` or a
    :class:`ReferralPlan`) on its scenario, before and after.

    ``catchment_minutes`` is the coverage radius and the 2SFCA catchment (scanners use
    each modality's own travel limit for coverage); ``decay`` is ``"step"`` (classic
    2SFCA), ``"e2sfca"`` (weights 1, 0.68, 0.22 for the catchment's thirds) or
    ``"gaussian"``.

    >>> import yilian
    >>> plan = yilian.generate_county(1).solve("rotation", backend="highs")
    >>> r = yilian.report(plan)
    >>> r.measures.loc["gini of accessibility", "after"] <= 1.0
    True
    """
    text = _yilian._report_json(plan.scenario.to_json(), plan.to_json(), catchment_minutes, decay)
    return Report(text)
