"""Scenario sweeps: one model over scenarios x a grid of overrides, in one tidy table.

>>> import yilian
>>> table = yilian.sweep(yilian.generate_county, seeds=range(1, 4),
...                      grid={"policy.budget": [1e5, 2e5]}, engine="serial")
>>> len(table)                   # 3 counties x 2 budgets
6

Each point (a scenario, a model, one value per grid path) runs in the Rust core
(``yilian::sweep::run_point``, the code of the CLI's ``yilian sweep``): the overrides
are applied to the scenario's JSON form and validated like a scenario file, the model
is solved and its plan measured. This module only builds the tasks, hands them to an
engine and assembles the rows.

Engines (:data:`ENGINES`, one entry each): ``"serial"`` (this process),
``"process"`` (``concurrent.futures`` worker processes, default: one per core) and
``"ray"`` (Ray tasks; joins the cluster of ``ray_address``/``RAY_ADDRESS`` or a running
one, else starts a local Ray for the sweep) and ``"dask"`` (Dask futures; joins the
scheduler of ``dask_address``/``DASK_SCHEDULER_ADDRESS`` or the caller's open
``distributed.Client``, else starts a local cluster of one-thread worker processes). The table is the same, row for row, for
every engine and worker count: rows are sorted by scenario, model and grid point, and
the solver gets one thread per task unless ``threads`` says otherwise. Only the
:data:`TIMING_COLUMNS` differ between runs.
"""

from __future__ import annotations

import itertools
import json
import math
import os
import pathlib
import pickle
import sys
import time
from typing import Any, Callable, Dict, Iterable, Iterator, List, Mapping, Optional, Sequence, Tuple, Union

import pandas as pd

from . import _yilian
from ._yilian import Scenario, ValidationError

RESULT_COLUMNS: Tuple[str, ...]
TIMING_COLUMNS: Tuple[str, ...]
MODELS: Tuple[str, ...]
_results, _timing, _models = _yilian._sweep_columns()
RESULT_COLUMNS, TIMING_COLUMNS, MODELS = tuple(_results), tuple(_timing), tuple(_models)
"""Result columns, timing columns (they differ from run to run) and the models."""

#: Keyword arguments passed on to the model and solver of every point.
SOLVE_OPTIONS = ("backend", "objective", "integer_days", "method", "time_limit", "gap", "threads", "seed")

ScenarioSource = Union[Scenario, str, "os.PathLike[str]", Callable[[int], Scenario]]


# -- tasks -----------------------------------------------------------------------------


class _Source:
    """Where one scenario of the sweep comes from: an object, a file, or a generator
    and its seed. ``label`` names it in the table."""

    __slots__ = ("kind", "data", "seed", "label")

    def __init__(self, kind: str, data: Any, seed: Optional[int], label: str):
        self.kind, self.data, self.seed, self.label = kind, data, seed, label


def _sources(scenarios: Any, seeds: Optional[Iterable[int]]) -> List[_Source]:
    if isinstance(scenarios, (Scenario, str, os.PathLike)) or callable(scenarios):
        scenarios = [scenarios]
    scenarios = list(scenarios)
    out: List[_Source] = []
    seed_list = None if seeds is None else [int(s) for s in seeds]
    for item in scenarios:
        if isinstance(item, Scenario):
            out.append(_Source("scenario", item, None, item.name))
        elif isinstance(item, (str, os.PathLike)):
            # Workers may run elsewhere (Ray starts them in a directory of its own).
            out.append(_Source("path", os.path.abspath(item), None, os.fspath(item)))
        elif callable(item):
            if seed_list is None:
                raise ValidationError(
                    "seeds: a scenario generator needs seeds, for example seeds=range(1, 101)"
                )
            name = getattr(item, "__name__", type(item).__name__)
            out.extend(_Source("factory", item, s, name) for s in seed_list)
        else:
            raise ValidationError(
                f"scenarios: {item!r} is not a Scenario, a path or a generator (seed -> Scenario)"
            )
    if seed_list is not None and not any(s.kind == "factory" for s in out):
        raise ValidationError("seeds: given, but no scenario is a generator (seed -> Scenario)")
    # Two scenarios with one name get distinct labels (the rows' keys).
    seen: Dict[Tuple[str, Optional[int]], int] = {}
    for s in out:
        key = (s.label, s.seed)
        seen[key] = seen.get(key, 0) + 1
        if seen[key] > 1:
            s.label = f"{s.label} [{seen[key]}]"
    return out


def _grid_points(grid: Optional[Mapping[str, Sequence[Any]]]) -> List[List[Tuple[str, Any]]]:
    """The points of the grid, first path slowest (the core's order)."""
    if not grid:
        return [[]]
    if not isinstance(grid, Mapping):
        raise ValidationError(f"grid: expected a dict path -> list of values, not {type(grid).__name__}")
    axes = []
    for path, values in grid.items():
        if isinstance(values, (str, bytes)) or not isinstance(values, Iterable):
            raise ValidationError(f"grid: {path}: expected a list of values, not {values!r}")
        values = list(values)
        if not values:
            raise ValidationError(f"grid: {path}: has no value")
        axes.append([(path, v) for v in values])
    return [list(p) for p in itertools.product(*axes)]


def _models(model: Union[str, Sequence[str]]) -> List[str]:
    names = [model] if isinstance(model, str) else list(model)
    for m in names:
        if m not in MODELS:
            raise ValidationError(
                f'model: "{m}" is not a model a sweep runs (expected one of: {", ".join(MODELS)})'
            )
    return names


# -- one task, wherever it runs ----------------------------------------------------------


def _error_row(message: str, seconds: float) -> Dict[str, Any]:
    row: Dict[str, Any] = {c: None for c in RESULT_COLUMNS + TIMING_COLUMNS}
    row.update(status="error", error=message, seconds=seconds)
    return row


def _run_payload(payload: Tuple[Any, ...]) -> Dict[str, Any]:
    """Runs one task: ``(kind, data, seed, overrides, model, options)``. Never raises:
    a scenario that fails to load or generate gives an error row too."""
    kind, data, seed, overrides, model, options = payload
    started = time.perf_counter()
    try:
        if kind == "path":
            scenario = Scenario.from_json(data)
        elif kind == "factory":
            scenario = data(seed)
            if not isinstance(scenario, Scenario):
                raise ValidationError(
                    f"scenarios: the generator returned {type(scenario).__name__}, not a Scenario"
                )
        else:
            scenario = data
    except Exception as e:  # noqa: BLE001 - any failure of one point is its error row
        return _error_row(str(e) or type(e).__name__, time.perf_counter() - started)
    row = json.loads(_yilian._sweep_point(scenario, overrides, model, **options))
    row["seconds"] = time.perf_counter() - started
    return row


# -- engines -----------------------------------------------------------------------------


def _serial(
    payloads: Sequence[Tuple[Any, ...]], workers: Optional[int], run: Optional[Callable[[Any], Dict[str, Any]]] = None, **_: Any
) -> Iterator[Tuple[int, Dict[str, Any]]]:
    run = run or _run_payload
    for i, p in enumerate(payloads):
        yield i, run(p)


def _picklable(obj: Any) -> bool:
    try:
        pickle.dumps(obj)
        return True
    except Exception:  # noqa: BLE001
        return False


def _process(
    payloads: Sequence[Tuple[Any, ...]], workers: Optional[int], run: Optional[Callable[[Any], Dict[str, Any]]] = None, **_: Any
) -> Iterator[Tuple[int, Dict[str, Any]]]:
    import concurrent.futures as cf
    import multiprocessing as mp

    run = run or _run_payload
    if not payloads:
        return
    # A generator that does not pickle (a lambda) runs here, and its scenario is sent.
    checked: Dict[int, bool] = {}
    ready = []
    for p in payloads:
        if p[0] == "factory" and not checked.setdefault(id(p[1]), _picklable(p[1])):
            try:
                scenario = p[1](p[2])
                p = ("scenario", scenario) + tuple(p[2:])
            except Exception as e:  # noqa: BLE001 - the task's error row
                p = ("error", str(e) or type(e).__name__) + tuple(p[2:])
        ready.append(p)
    # forkserver (or spawn): no fork of this process, whose solver threads may hold locks.
    method = "forkserver" if "forkserver" in mp.get_all_start_methods() else "spawn"
    n = workers or os.cpu_count() or 1
    with cf.ProcessPoolExecutor(max_workers=min(n, len(ready)), mp_context=mp.get_context(method)) as pool:
        futures = {}
        for i, p in enumerate(ready):
            if p[0] == "error":
                yield i, _error_row(p[1], 0.0)
            else:
                futures[pool.submit(run, p)] = i
        for f in cf.as_completed(futures):
            i = futures[f]
            try:
                yield i, f.result()
            except Exception as e:  # noqa: BLE001 - a worker that died
                yield i, _error_row(f"worker failed: {e}", 0.0)


_ray_remote: Dict[Any, Any] = {}


def _ray(
    payloads: Sequence[Tuple[Any, ...]],
    workers: Optional[int],
    ray_address: Optional[str] = None,
    run: Optional[Callable[[Any], Dict[str, Any]]] = None,
    **_: Any,
) -> Iterator[Tuple[int, Dict[str, Any]]]:
    try:
        import ray
    except ImportError:
        raise ValidationError('engine: "ray" needs Ray: pip install "yilian[ray]"') from None
    run = run or _run_payload
    if not payloads:
        return
    started_here = False
    if not ray.is_initialized():
        address = ray_address or os.environ.get("RAY_ADDRESS")
        if address:
            ray.init(address=address, log_to_driver=False)
        else:
            try:  # a cluster already running on this machine
                ray.init(address="auto", log_to_driver=False)
            except ConnectionError:
                ray.init(num_cpus=workers, include_dashboard=False, log_to_driver=False)
            started_here = True
    try:
        if run not in _ray_remote:
            _ray_remote[run] = ray.remote(num_cpus=1)(run)
        remote = _ray_remote[run]
        pending = {}
        for i, p in enumerate(payloads):
            pending[remote.remote(p)] = i
        waiting = list(pending)
        while waiting:
            done, waiting = ray.wait(waiting, num_returns=min(len(waiting), 16), timeout=0.2)
            for ref in done:
                i = pending.pop(ref)
                try:
                    yield i, ray.get(ref)
                except Exception as e:  # noqa: BLE001 - a task or worker that died
                    yield i, _error_row(f"ray task failed: {e}", 0.0)
    finally:
        if started_here:
            ray.shutdown()


def _dask(
    payloads: Sequence[Tuple[Any, ...]],
    workers: Optional[int],
    dask_address: Optional[str] = None,
    run: Optional[Callable[[Any], Dict[str, Any]]] = None,
    **_: Any,
) -> Iterator[Tuple[int, Dict[str, Any]]]:
    try:
        from distributed import Client, LocalCluster, as_completed, get_client
    except ImportError:
        raise ValidationError('engine: "dask" needs Dask: pip install "yilian[dask]"') from None
    run = run or _run_payload
    if not payloads:
        return
    cluster = None
    owned = None  # the client this sweep opened and closes
    address = dask_address or os.environ.get("DASK_SCHEDULER_ADDRESS")
    if address:
        owned = Client(address)
    else:
        try:  # a client the caller opened in this process
            get_client()
        except ValueError:
            # A local cluster for the sweep: one single-threaded worker process per core.
            cluster = LocalCluster(
                n_workers=workers or os.cpu_count() or 1,
                threads_per_worker=1,
                processes=True,
                dashboard_address=None,
            )
            owned = Client(cluster)
    active = owned if owned is not None else get_client()
    try:
        futures = {active.submit(run, p, pure=False): i for i, p in enumerate(payloads)}
        for f in as_completed(futures):
            i = futures[f]
            try:
                yield i, f.result()
            except Exception as e:  # noqa: BLE001 - a task or worker that died
                yield i, _error_row(f"dask task failed: {e}", 0.0)
    finally:
        if owned is not None:
            owned.close()
        if cluster is not None:
            cluster.close()


#: The engines, by name: each takes the tasks (and ``run``, the function of one task,
#: default a sweep point) and yields ``(index, row)`` as they finish.
ENGINES: Dict[str, Callable[..., Iterator[Tuple[int, Dict[str, Any]]]]] = {
    "serial": _serial,
    "process": _process,
    "ray": _ray,
    "dask": _dask,
}


# -- the file the rows stream to ---------------------------------------------------------


class _Store:
    """Rows streamed to CSV (appended as they finish) or Parquet (a CSV journal beside
    it while the sweep runs, the Parquet file written at the end); the rows already
    there, for resume."""

    def __init__(self, out: Union[str, "os.PathLike[str]"], columns: List[str]):
        self.path = pathlib.Path(out)
        self.columns = columns
        self.parquet = self.path.suffix.lower() in (".parquet", ".pq")
        self.journal = self.path.with_name(self.path.name + ".partial.csv") if self.parquet else self.path
        self._file = None

    def existing(self) -> pd.DataFrame:
        frames = []
        if self.parquet and self.path.exists():
            frames.append(pd.read_parquet(self.path))
        if self.journal.exists() and self.journal.stat().st_size > 0:
            frames.append(read_csv(self.journal))
        if not frames:
            return pd.DataFrame(columns=self.columns)
        return pd.concat(frames, ignore_index=True)

    def append(self, row: Dict[str, Any]) -> None:
        if self._file is None:
            new = not self.journal.exists() or self.journal.stat().st_size == 0
            self._file = open(self.journal, "a", newline="", encoding="utf-8")
            if new:
                pd.DataFrame(columns=self.columns).to_csv(self._file, index=False)
        pd.DataFrame([row], columns=self.columns).to_csv(self._file, index=False, header=False)
        self._file.flush()

    def finish(self, table: pd.DataFrame, only_this_sweep: bool) -> None:
        """Closes the journal; writes the table, in order, over a file that holds rows
        of this sweep only (a CSV with rows of other sweeps keeps its rows as they are;
        a Parquet file gets them all)."""
        if self._file is not None:
            self._file.close()
            self._file = None
        if self.parquet:
            whole = table if only_this_sweep else pd.concat([self.existing(), table], ignore_index=True)
            tmp = self.path.with_name(self.path.name + ".tmp")
            whole.to_parquet(tmp, index=False)
            os.replace(tmp, self.path)
            if self.journal.exists():
                self.journal.unlink()
        elif only_this_sweep:
            tmp = self.path.with_name(self.path.name + ".tmp")
            table.to_csv(tmp, index=False)
            os.replace(tmp, self.path)


def read_csv(path: Union[str, "os.PathLike[str]"]) -> pd.DataFrame:
    """A sweep table from CSV, numbers exactly as written (empty cells are missing)."""
    exact = {} if int(pd.__version__.split(".")[0]) >= 3 else {"float_precision": "round_trip"}
    return pd.read_csv(path, keep_default_na=False, na_values=[""], **exact)


def _key(scenario: Any, seed: Any, model: Any, point: Any) -> Tuple[str, Optional[int], str, str]:
    s = None if seed is None or (isinstance(seed, float) and math.isnan(seed)) else int(seed)
    p = "" if point is None or (isinstance(point, float) and math.isnan(point)) else str(point)
    return (str(scenario), s, str(model), p)


# -- the sweep ---------------------------------------------------------------------------


def sweep(
    scenarios: Union[ScenarioSource, Sequence[ScenarioSource]],
    grid: Optional[Mapping[str, Sequence[Any]]] = None,
    model: Union[str, Sequence[str]] = "rotation",
    engine: str = "process",
    *,
    seeds: Optional[Iterable[int]] = None,
    workers: Optional[int] = None,
    out: Optional[Union[str, "os.PathLike[str]"]] = None,
    progress: Optional[bool] = None,
    ray_address: Optional[str] = None,
    dask_address: Optional[str] = None,
    **solve_options: Any,
) -> pd.DataFrame:
    """Runs ``model`` on every scenario x grid point and returns one tidy DataFrame.

    Parameters
    ----------
    scenarios:
        Scenario objects, paths of scenario files, or a generator ``seed -> Scenario``
        (such as :func:`yilian.generate_county`) with ``seeds``; one of them or a list.
    grid:
        Overrides by path, each with its values: ``{"policy.budget": [1e5, 2e5],
        "pools.*.max_travel_minutes": [45, 60]}``; the points are the cartesian product
        (first path slowest). ``*`` is every element of an array, a number or an id one
        element. A bad path or value gives that point an error row (the message a
        scenario file with that value gets).
    model:
        ``"rotation"``, ``"scanners"`` or ``"referral"`` (:data:`MODELS`; referral in
        sequential mode, the rotation solved first), or a list of them.
    engine:
        ``"serial"``, ``"process"`` (default), ``"ray"`` or ``"dask"`` (:data:`ENGINES`).
    seeds:
        Seeds for a generator.
    workers:
        Processes (default: the machine's cores), or the CPUs of a local Ray (the
        worker processes of a local Dask cluster) started for the sweep.
    out:
        A ``.csv`` or ``.parquet`` file the rows stream to as they finish. When it
        already holds rows of this sweep, those points are not run again (resume).
    progress:
        A tqdm progress bar (default: when tqdm is installed and there are at least
        20 points to run).
    ray_address:
        The Ray cluster to join (default: ``RAY_ADDRESS``, else a running one, else a
        local Ray started for the sweep and stopped after it).
    dask_address:
        The Dask scheduler to join, for ``engine="dask"`` (default:
        ``DASK_SCHEDULER_ADDRESS``, else the caller's open ``distributed.Client``, else a
        local cluster started for the sweep and closed after it).
    **solve_options:
        ``backend``, ``objective``, ``integer_days``, ``method``, ``time_limit``,
        ``gap``, ``threads`` (default 1 per task), ``seed``: as in ``Scenario.solve``.

    Returns
    -------
    pandas.DataFrame
        A row per scenario x model x grid point, in that order: ``scenario`` (its name
        or path), ``seed`` (with a generator), ``model``, one column per grid path,
        ``point`` (the point as text), then :data:`RESULT_COLUMNS` (``status``,
        ``objective``, ``bound``, ``gap``, ``coverage_before``, ``coverage``,
        ``served_share``, ``unmet``, ``cost``, ``utilisation``, ``grassroots_share``,
        ``within_county_share`` (the tier shares: referral only), ``error``) and
        :data:`TIMING_COLUMNS` (``build_seconds``, ``solve_seconds``, ``seconds``).
        ``status`` is the plan's (``optimal``, ``gap_limit``, ``time_limit``,
        ``feasible``), or ``infeasible`` or ``error`` on an error row; ``coverage`` is the population share within reach of each service
        (mean over services, as ``yilian.report`` measures it), before and after.
    """
    unknown = sorted(set(solve_options) - set(SOLVE_OPTIONS))
    if unknown:
        raise TypeError(f"sweep() got unexpected keyword argument(s): {', '.join(unknown)}")
    if engine not in ENGINES:
        raise ValidationError(f'engine: "{engine}" is not an engine (expected one of: {", ".join(ENGINES)})')
    if workers is not None and workers < 1:
        raise ValidationError(f"workers: {workers} must be at least 1")
    options = {"threads": 1, **solve_options}
    sources = _sources(scenarios, seeds)
    models = _models(model)
    points = _grid_points(grid)
    paths = list(grid) if grid else []
    with_seed = any(s.seed is not None for s in sources)
    inputs = ["scenario"] + (["seed"] if with_seed else []) + ["model"] + paths + ["point"]
    columns = inputs + list(RESULT_COLUMNS) + list(TIMING_COLUMNS)

    # Every task, in the table's order, with its key and input cells.
    labels = {}
    tasks = []
    for src in sources:
        for m in models:
            for point in points:
                pairs = _yilian._override_pairs(dict(point))
                pkey = tuple(pairs)
                if pkey not in labels:
                    labels[pkey] = _yilian._sweep_point_label(pairs)
                cells: Dict[str, Any] = {"scenario": src.label}
                if with_seed:
                    cells["seed"] = src.seed
                cells["model"] = m
                cells.update((path, v) for path, v in point)
                cells["point"] = labels[pkey]
                tasks.append((src, m, pairs, cells))

    store = _Store(out, columns) if out is not None else None
    results: Dict[int, Dict[str, Any]] = {}
    only_this_sweep = True
    if store is not None:
        index = {_key(c["scenario"], c.get("seed"), c["model"], c["point"]): i for i, (_, _, _, c) in enumerate(tasks)}
        existing = store.existing()
        only_this_sweep = list(existing.columns) in ([], columns)
        for rec in existing.to_dict("records"):
            i = index.get(_key(rec.get("scenario"), rec.get("seed"), rec.get("model"), rec.get("point")))
            if i is None:
                only_this_sweep = False
            else:
                results[i] = {c: rec.get(c) for c in RESULT_COLUMNS + TIMING_COLUMNS}
    todo = [i for i in range(len(tasks)) if i not in results]
    payloads = [
        (tasks[i][0].kind, tasks[i][0].data, tasks[i][0].seed, tasks[i][2], tasks[i][1], options) for i in todo
    ]

    bar = _progress_bar(progress, len(todo))
    try:
        for j, row in ENGINES[engine](payloads, workers, ray_address=ray_address, dask_address=dask_address):
            i = todo[j]
            results[i] = row
            if store is not None:
                store.append({**tasks[i][3], **row})
            if bar is not None:
                bar.update(1)
    finally:
        if bar is not None:
            bar.close()

    table = pd.DataFrame([{**tasks[i][3], **_clean(results[i])} for i in range(len(tasks))], columns=columns)
    for c in RESULT_COLUMNS + TIMING_COLUMNS:
        if c not in ("status", "error"):
            table[c] = pd.to_numeric(table[c], errors="coerce").astype(float)
    if store is not None:
        store.finish(table, only_this_sweep)
    return table


def _clean(row: Dict[str, Any]) -> Dict[str, Any]:
    """Missing values as None (CSV gives NaN), whatever the row came from."""
    out = {}
    for c in RESULT_COLUMNS + TIMING_COLUMNS:
        v = row.get(c)
        if isinstance(v, float) and math.isnan(v):
            v = None
        out[c] = v
    return out


def _progress_bar(progress: Optional[bool], total: int, desc: str = "sweep", unit: str = "point") -> Any:
    if progress is False or total == 0 or (progress is None and total < 20):
        return None
    try:
        from tqdm.auto import tqdm
    except ImportError:
        if progress:
            raise ValidationError('progress: a progress bar needs tqdm: pip install "yilian[progress]"') from None
        return None
    return tqdm(total=total, desc=desc, unit=unit, file=sys.stderr)


sweep.RESULT_COLUMNS = RESULT_COLUMNS  # type: ignore[attr-defined]
sweep.TIMING_COLUMNS = TIMING_COLUMNS  # type: ignore[attr-defined]
sweep.MODELS = MODELS  # type: ignore[attr-defined]
sweep.ENGINES = ENGINES  # type: ignore[attr-defined]
sweep.read_csv = read_csv  # type: ignore[attr-defined]
