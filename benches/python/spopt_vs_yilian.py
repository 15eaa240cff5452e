#!/usr/bin/env python3
"""PySAL spopt's PMedian (PuLP + HiGHS) against yilian's PMedian on the same seeded
random Euclidean instances. A benchmark, not a test.

    pip install spopt pulp highspy      # and yilian (maturin develop --release)
    python benches/python/spopt_vs_yilian.py                      # small, 1000x100
    python benches/python/spopt_vs_yilian.py --sizes 1000x100:10,2000x200:20 --time-limit 300

Each instance: clients and sites uniform in a 100 x 100 square (numpy default_rng(seed)),
cost = Euclidean distance, client weights integers 1..9, the same p for all. Three
solvers, each asked for a proven optimum (relative gap 0) within `--time-limit` seconds:
spopt (the textbook p-median MIP through PuLP and HiGHS), `yilian-tb` (yilian's textbook
formulation with HiGHS: the same MIP, built in Rust) and `yilian` (its default: Lagrangian
bound, reductions and branch and bound on the sites, MIP rounds only if the tree stops).

Printed per library: build time (spopt: `PMedian.from_cost_matrix`, which builds the
PuLP model; yilian: `from_cost_matrix` plus the Rust program build inside `solve`),
solve time (spopt: `problem.solve(pulp.HiGHS(...))`, which also hands the model to
HiGHS; yilian: the solver time including loading), their total, the objective and the
status ("optimal" only when HiGHS proved it; "time limit" otherwise, with the
incumbent when there is one). When both prove optimality the objectives must agree
(relative 1e-6) or the script exits with status 1. Spopt on 2000x200 is known to need
about 900 s and 5 GB: with the time limit it stops and says so.
"""

from __future__ import annotations

import argparse
import os
import platform
import sys
import time

import numpy as np


def instance(n: int, m: int, seed: int):
    rng = np.random.default_rng(seed)
    clients = rng.uniform(0.0, 100.0, (n, 2))
    sites = rng.uniform(0.0, 100.0, (m, 2))
    cost = np.sqrt(((clients[:, None, :] - sites[None, :, :]) ** 2).sum(axis=2))
    weights = rng.integers(1, 10, n).astype(float)
    return np.ascontiguousarray(cost), weights


def run_spopt(cost, weights, p, time_limit, threads):
    import pulp
    from spopt.locate import PMedian

    t0 = time.perf_counter()
    model = PMedian.from_cost_matrix(cost, weights, p_facilities=p)
    t1 = time.perf_counter()
    solver = pulp.HiGHS(msg=False, gapRel=0.0, timeLimit=time_limit, threads=threads)
    # problem.solve directly: spopt's solve() raises when no solution was found in time.
    model.problem.solve(solver)
    t2 = time.perf_counter()
    prob = model.problem
    if prob.sol_status == pulp.LpSolutionOptimal:
        status = "optimal"
    elif prob.sol_status == pulp.LpSolutionIntegerFeasible:
        status = "time limit"
    else:
        status = f"time limit, no solution ({pulp.LpStatus[prob.status]})"
    objective = pulp.value(prob.objective) if prob.sol_status in (
        pulp.LpSolutionOptimal, pulp.LpSolutionIntegerFeasible) else None
    # PuLP does not pass HiGHS's bound or gap back.
    return {"build": t1 - t0, "solve": t2 - t1, "total": t2 - t0, "objective": objective, "status": status,
            "gap": None}


def run_yilian(cost, weights, p, time_limit, threads, formulation="radius"):
    import yilian
    from yilian.location import PMedian

    t0 = time.perf_counter()
    model = PMedian.from_cost_matrix(cost, weights, p=p, formulation=formulation)
    t1 = time.perf_counter()
    try:
        r = model.solve("highs", gap=0.0, time_limit=time_limit, threads=threads)
    except yilian.SolverError as e:  # no solution before the limit
        t2 = time.perf_counter()
        return {"build": t1 - t0, "solve": t2 - t1, "total": t2 - t0, "objective": None,
                "status": f"time limit, no solution ({e})", "gap": None}
    t2 = time.perf_counter()
    status = {"optimal": "optimal", "time_limit": "time limit", "gap_limit": "gap limit"}[r.status]
    # Build: array conversion + the Rust program build; solve: the rest of solve().
    build = (t1 - t0) + r.build_seconds
    return {"build": build, "solve": (t2 - t0) - build, "total": t2 - t0, "objective": r.objective,
            "status": status, "gap": r.gap}


def fmt(x):
    return "-" if x is None else f"{x:.6f}"


def gap_text(g):
    return "-" if g is None else f"{100 * g:.2f}%"


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--sizes", default="200x20:5,1000x100:10",
                    help="comma-separated CLIENTSxSITES:P (default 200x20:5,1000x100:10; "
                         "the issue's sizes are 1000x100:10 and 2000x200:20)")
    ap.add_argument("--seed", type=int, default=20261124)
    ap.add_argument("--time-limit", type=float, default=300.0,
                    help="solver seconds per library and instance (default 300)")
    ap.add_argument("--threads", type=int, default=None, help="HiGHS threads for both (default: HiGHS's)")
    ap.add_argument("--only", choices=["spopt", "yilian-tb", "yilian"], default=None,
                    help="run one solver only")
    args = ap.parse_args(argv)

    from importlib import metadata

    import pulp
    import yilian

    try:
        import spopt
        spopt_version = spopt.__version__
    except Exception:  # noqa: BLE001
        spopt_version = "not installed"
    print(f"# {time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())}; {platform.node()} "
          f"({os.cpu_count()} cores, {platform.machine()}); Python {platform.python_version()}")
    print(f"# yilian {yilian.__version__}, spopt {spopt_version}, PuLP {pulp.__version__}, "
          f"highspy {metadata.version('highspy')}; time limit {args.time_limit:g} s; seed {args.seed}")
    header = (f"{'instance':>16} {'library':>9} {'build s':>9} {'solve s':>9} {'total s':>9} "
              f"{'objective':>16} {'gap':>8}  status")
    print(header)
    mismatch = False
    for spec in args.sizes.split(","):
        dims, p = spec.split(":")
        n, m = (int(v) for v in dims.lower().split("x"))
        p = int(p)
        cost, weights = instance(n, m, args.seed)
        name = f"{n}x{m} p={p}"
        rows = {}
        solvers = (
            ("spopt", run_spopt),
            ("yilian-tb", lambda *a: run_yilian(*a, formulation="textbook")),
            ("yilian", run_yilian),
        )
        for lib, fn in solvers:
            if args.only and lib != args.only:
                continue
            res = fn(cost, weights, p, args.time_limit, args.threads)
            rows[lib] = res
            print(f"{name:>16} {lib:>9} {res['build']:9.2f} {res['solve']:9.2f} {res['total']:9.2f} "
                  f"{fmt(res['objective']):>16} {gap_text(res['gap']):>8}  {res['status']}", flush=True)
        if "spopt" in rows:
            s = rows["spopt"]
            for lib in ("yilian-tb", "yilian"):
                if lib not in rows:
                    continue
                y = rows[lib]
                note = f"{'':>16} {'ratio':>9} spopt/{lib} total time {s['total'] / y['total']:.1f}x"
                stopped = [k for k in ("spopt", lib) if rows[k]["status"] != "optimal"]
                if stopped == ["spopt"]:
                    note += " (spopt stopped by the time limit: a lower bound on the ratio)"
                elif stopped:
                    note += f" (not comparable: {' and '.join(stopped)} stopped by the time limit)"
                print(note)
        proven = {lib: res["objective"] for lib, res in rows.items() if res["status"] == "optimal"}
        if len(proven) >= 2:
            values = list(proven.values())
            agree = max(values) - min(values) <= 1e-6 * max(1.0, abs(values[0]))
            print(f"{'':>16} {'check':>9} {', '.join(proven)} optimal, objectives "
                  f"{'agree' if agree else 'DISAGREE'}")
            mismatch |= not agree
    return 1 if mismatch else 0


if __name__ == "__main__":
    sys.exit(main())
