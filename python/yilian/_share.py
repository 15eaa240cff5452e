"""Who pays and who gains: cost allocation among a consortium's members (model M6).

The coalition values and the allocation rules run in the Rust core (the same numbers as
``yilian share`` on the command line); this module converts the report into pandas
DataFrames and draws it.
"""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Any, Literal, Optional

import pandas as pd

from . import _yilian

if TYPE_CHECKING:  # pragma: no cover
    from matplotlib.axes import Axes

    from ._yilian import Scenario

Model = Literal["rotation", "scanners"]
Rule = Literal["shapley", "nucleolus", "least-core", "least_core", "proportional"]
Weights = Literal["demand", "population", "stand_alone"]


class Share:
    """A cost allocation among the members of a scenario (see :func:`share`).

    * ``table`` (index ``member``): ``stand_alone`` cost (the member's own optimal
      plan), ``allocated`` cost under the rule, ``saving`` (stand-alone minus
      allocated), ``saving_pct``, ``in_core`` (whether the whole allocation is in the
      core: ``None`` when not every coalition was solved), ``institutions``; and
      ``standard_error`` (sampled Shapley) or ``weight`` (proportional rules);
    * ``coalitions``: every coalition solved: ``members`` (tuple of names), ``cost``,
      ``status``, ``gap``, ``seconds``;
    * ``transfers``: services between members in the grand coalition's plan:
      ``provider``, ``receiver``, ``service``, ``quantity`` (visits or exams),
      ``cost`` and ``worth`` (at shadow prices).

    Attributes ``grand_cost``, ``savings``, ``in_core``, ``least_core_epsilon`` (positive
    when the core is empty), ``rule``, ``model`` and ``raw`` (the report as a dict).
    """

    def __init__(self, text: str) -> None:
        self._text = text
        data: dict[str, Any] = json.loads(text)
        self.raw = data
        self.model: str = data["model"]
        self.rule: str = data["rule"]
        self.grand_cost: float = data["grand_cost"]
        self.savings: float = data["savings"]
        self.in_core: Optional[bool] = data.get("in_core")
        self.least_core_epsilon: Optional[float] = data.get("least_core_epsilon")
        names = [m["name"] for m in data["members"]]
        rows = []
        for m in data["members"]:
            row = {
                "member": m["name"],
                "stand_alone": m["stand_alone"],
                "allocated": m["allocated"],
                "saving": m["saving"],
                "saving_pct": (
                    100.0 * m["saving"] / abs(m["stand_alone"]) if m["stand_alone"] else float("nan")
                ),
                "in_core": self.in_core,
                "institutions": m["institutions"],
            }
            if "standard_error" in m:
                row["standard_error"] = m["standard_error"]
            if "weight" in m:
                row["weight"] = m["weight"]
            rows.append(row)
        self.table = pd.DataFrame(rows).set_index("member")
        self.coalitions = pd.DataFrame(
            [
                {
                    "members": tuple(names[i] for i in c["members"]),
                    "cost": c["cost"],
                    "status": c["status"],
                    "gap": c.get("gap"),
                    "seconds": c["seconds"],
                }
                for c in data["coalitions"]
            ],
            columns=["members", "cost", "status", "gap", "seconds"],
        )
        self.transfers = pd.DataFrame(
            data["transfers"],
            columns=["provider", "receiver", "service", "quantity", "days", "cost", "worth"],
        )

    def to_json(self) -> str:
        """The report as JSON text (the same as ``yilian share --out``)."""
        return self._text

    def to_frames(self) -> dict[str, pd.DataFrame]:
        """Every table by name."""
        return {"table": self.table, "coalitions": self.coalitions, "transfers": self.transfers}

    def plot(self, ax: Optional["Axes"] = None) -> "Axes":
        """Stand-alone against allocated cost per member (see :func:`plot_share`)."""
        return plot_share(self, ax=ax)

    def __repr__(self) -> str:
        return (
            f"Share({self.model}, {self.rule}: {len(self.table)} members, "
            f"grand cost {self.grand_cost:.6g}, savings {self.savings:.6g}, in core {self.in_core})"
        )


def share(
    scenario: "Scenario",
    model: Model = "scanners",
    rule: Rule = "shapley",
    *,
    weights: Weights = "demand",
    samples: Optional[int] = None,
    seed: int = 0,
    method: Optional[str] = None,
    backend: Optional[str] = None,
    time_limit: Optional[float] = None,
    gap: Optional[float] = None,
    threads: Optional[int] = None,
    progress: bool = False,
) -> Share:
    """Shares ``model``'s optimal cost among the scenario's members by ``rule``.

    Players are the scenario's ``members`` (else one per ``consortium`` value). Each
    coalition's value is the optimal cost of the model restricted to its members'
    resources and demand, solved once (``threads`` coalitions side by side, default the
    machine's cores); every value must be proven optimal to ``gap`` (default 1e-6), else
    a :class:`SolverError` names the coalitions. ``samples`` samples the Shapley value
    from random orders (seeded by ``seed``) instead of solving every coalition (the
    default beyond 12 members). ``time_limit`` applies to each coalition solve.

    >>> import yilian
    >>> s = yilian.Scenario.from_json("examples/share.json")  # doctest: +SKIP
    >>> r = yilian.share(s, "scanners", "nucleolus")  # doctest: +SKIP
    >>> r.table[["stand_alone", "allocated", "saving", "in_core"]]  # doctest: +SKIP
    """
    text = _yilian._share_json(
        scenario,
        model,
        rule,
        weights,
        samples,
        seed,
        method,
        backend,
        time_limit,
        gap,
        threads,
        progress,
    )
    return Share(text)


def plot_share(result: Share, ax: Optional["Axes"] = None) -> "Axes":
    """Bars of each member's stand-alone and allocated cost (needs matplotlib)."""
    import matplotlib.pyplot as plt

    if ax is None:
        _, ax = plt.subplots(figsize=(max(4.0, 0.8 * len(result.table) + 2), 4))
    t = result.table
    xs = range(len(t))
    width = 0.4
    ax.bar([x - width / 2 for x in xs], t["stand_alone"], width, label="stand-alone", color="#9e9e9e")
    bars = ax.bar([x + width / 2 for x in xs], t["allocated"], width, label="allocated", color="#1565c0")
    if "standard_error" in t.columns:
        ax.errorbar(
            [x + width / 2 for x in xs],
            t["allocated"],
            yerr=t["standard_error"],
            fmt="none",
            ecolor="black",
            capsize=3,
        )
    ax.set_xticks(list(xs))
    ax.set_xticklabels(list(t.index), rotation=30, ha="right")
    ax.axhline(0.0, color="black", linewidth=0.5)
    ax.set_ylabel(f"{result.model} cost")
    core = {True: "in the core", False: "not in the core", None: "core not checked"}[result.in_core]
    ax.set_title(f"{result.rule.replace('_', ' ')}: savings {result.savings:,.0f} ({core})")
    ax.legend()
    _ = bars
    return ax
