"""Who pays and who gains: cost allocation among a consortium's members (model M6).

The coalition values and the allocation rules run in the Rust core (the same numbers as
``yilian share`` on the command line); this module converts the report into pandas
DataFrames and draws it. With ``engine=`` the coalition solves run as tasks of the sweep
engines (:data:`yilian.sweep.ENGINES`: this process, worker processes, or Ray, so that
large games run on a cluster), each coalition once, and the core builds the game from
their values.
"""

from __future__ import annotations

import json
import time
from typing import TYPE_CHECKING, Any, Dict, List, Literal, Optional, Sequence, Tuple

import pandas as pd

from . import _yilian

if TYPE_CHECKING:  # pragma: no cover
    from matplotlib.axes import Axes

    from ._yilian import Scenario

Model = Literal["rotation", "scanners", "referral"]
ReferralMode = Literal["joint", "sequential"]
Engine = Literal["serial", "process", "ray", "dask"]
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
    referral_mode: Optional[ReferralMode] = None,
    backend: Optional[str] = None,
    time_limit: Optional[float] = None,
    gap: Optional[float] = None,
    threads: Optional[int] = None,
    engine: Optional[Engine] = None,
    workers: Optional[int] = None,
    ray_address: Optional[str] = None,
    dask_address: Optional[str] = None,
    batch: int = 1,
    progress: Optional[bool] = None,
) -> Share:
    """Shares ``model``'s optimal cost among the scenario's members by ``rule``.

    Players are the scenario's ``members`` (else one per ``consortium`` value). Each
    coalition's value is the optimal cost of the model restricted to its members'
    resources and demand, solved once; every value must be proven optimal to ``gap``
    (default 1e-6), else a :class:`SolverError` names the coalitions. ``samples``
    samples the Shapley value from random orders (seeded by ``seed``) instead of
    solving every coalition (the default beyond 12 members). ``time_limit`` applies to
    each coalition solve. ``model="referral"`` decides each coalition's rotation days
    jointly with the patient flows (``referral_mode="joint"``, the default) or solves
    M1 on the coalition first (``"sequential"``).

    Where the coalitions are solved:

    * ``engine=None`` (default): in the Rust core, ``threads`` coalitions side by side
      (default the machine's cores), one solver thread each;
    * ``engine="serial"``, ``"process"``, ``"ray"`` or ``"dask"``: each coalition one
      task of that sweep engine (:data:`yilian.sweep.ENGINES`; ``workers`` processes,
      local Ray CPUs or Dask workers, ``ray_address`` / ``dask_address`` the cluster to
      join), one solver thread each unless
      ``threads`` says otherwise; the values then go to the core, which checks that
      every coalition the rule needs came once and builds the same game and report.
      ``batch`` coalitions make one task (default 1: each coalition its own task; a
      task ships the scenario and builds its travel table once, so large scenarios
      want larger batches). ``progress``: a tqdm bar (default: from 20 coalitions,
      when tqdm is installed).

    >>> import yilian
    >>> s = yilian.Scenario.from_json("examples/share.json")  # doctest: +SKIP
    >>> r = yilian.share(s, "scanners", "nucleolus")  # doctest: +SKIP
    >>> r.table[["stand_alone", "allocated", "saving", "in_core"]]  # doctest: +SKIP
    """
    if engine is None:
        text = _yilian._share_json(
            scenario,
            model,
            rule,
            weights,
            samples,
            seed,
            method,
            referral_mode,
            backend,
            time_limit,
            gap,
            threads,
            bool(progress),
        )
        return Share(text)
    return _share_on_engine(
        scenario,
        model,
        rule,
        weights=weights,
        samples=samples,
        seed=seed,
        method=method,
        referral_mode=referral_mode,
        backend=backend,
        time_limit=time_limit,
        gap=gap,
        threads=threads,
        engine=engine,
        workers=workers,
        ray_address=ray_address,
        dask_address=dask_address,
        batch=batch,
        progress=progress,
    )


def _coalition_task(payload: Tuple[Any, ...]) -> Dict[str, Any]:
    """One batch of coalition solves, wherever an engine runs it: ``(scenario, model,
    method, referral_mode, coalitions, options)`` -> ``{"values": [{"value", "plan"},
    ...]}``, or ``{"error", "kind"}`` (the message of the core's exception and its
    class name)."""
    scenario, model, method, referral_mode, coalitions, options = payload
    try:
        text = _yilian._share_coalitions_json(
            scenario,
            model,
            method,
            referral_mode,
            [list(c) for c in coalitions],
            options.get("backend"),
            options.get("time_limit"),
            options.get("gap"),
            options.get("threads"),
        )
    except _yilian.YilianError as e:
        return {"error": str(e), "kind": type(e).__name__}
    return {"values": json.loads(text)}


def _share_on_engine(
    scenario: "Scenario",
    model: str,
    rule: str,
    *,
    weights: str,
    samples: Optional[int],
    seed: int,
    method: Optional[str],
    referral_mode: Optional[str],
    backend: Optional[str],
    time_limit: Optional[float],
    gap: Optional[float],
    threads: Optional[int],
    engine: str,
    workers: Optional[int],
    ray_address: Optional[str],
    dask_address: Optional[str],
    batch: int,
    progress: Optional[bool],
) -> Share:
    from .sweep import ENGINES, _progress_bar

    if engine not in ENGINES:
        raise _yilian.ValidationError(
            f'engine: "{engine}" is not an engine (expected one of: {", ".join(ENGINES)})'
        )
    if workers is not None and workers < 1:
        raise _yilian.ValidationError(f"workers: {workers} must be at least 1")
    coalitions: List[List[int]] = _yilian._share_coalitions(scenario, rule, samples, seed)
    if len({tuple(c) for c in coalitions}) != len(coalitions):  # pragma: no cover - core's promise
        raise _yilian.SolverError("internal error: a coalition is listed twice")
    if batch < 1:
        raise _yilian.ValidationError(f"batch: {batch} must be at least 1")
    options = {"backend": backend, "time_limit": time_limit, "gap": gap, "threads": 1 if threads is None else threads}
    chunks = [coalitions[i : i + batch] for i in range(0, len(coalitions), batch)]
    payloads: Sequence[Tuple[Any, ...]] = [
        (scenario, model, method, referral_mode, [tuple(c) for c in chunk], options) for chunk in chunks
    ]
    values: Dict[Tuple[int, ...], str] = {}
    plan: Optional[str] = None
    bar = _progress_bar(progress, len(coalitions), desc="share", unit="coalition")
    started = time.perf_counter()
    try:
        for i, out in ENGINES[engine](
            payloads, workers, ray_address=ray_address, dask_address=dask_address, run=_coalition_task
        ):
            if "values" not in out:
                cls = getattr(_yilian, str(out.get("kind")), None)
                if not (isinstance(cls, type) and issubclass(cls, _yilian.YilianError)):
                    cls = _yilian.SolverError
                raise cls(str(out.get("error")))
            for c, solved in zip(chunks[i], out["values"]):
                key = tuple(c)
                if key in values:  # pragma: no cover - an engine's promise
                    raise _yilian.SolverError(f"internal error: coalition {key} solved twice")
                values[key] = json.dumps(solved["value"])
                if solved.get("plan") is not None:
                    plan = solved["plan"]
            if bar is not None:
                bar.update(len(chunks[i]))
    finally:
        if bar is not None:
            bar.close()
    seconds = time.perf_counter() - started
    text = _yilian._share_from_values(
        scenario,
        model,
        rule,
        weights,
        samples,
        seed,
        method,
        referral_mode,
        backend,
        gap,
        list(values.values()),
        plan,
        seconds,
        workers or _engine_workers(engine),
    )
    return Share(text)


def _engine_workers(engine: str) -> int:
    import os

    return 1 if engine == "serial" else (os.cpu_count() or 1)


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
