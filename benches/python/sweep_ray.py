"""Benchmark of yilian.sweep on Ray: the country study (generated counties, rotation and
scanners each) with 1 and 2 workers, throughput and memory per worker, and Ray's
overhead per task measured with tiny tasks.

    python benches/python/sweep_ray.py --counties 200          # a subset; figures extrapolate
    python benches/python/sweep_ray.py --counties 3100         # the whole study

Prints one line per figure and, at the end, the figures as JSON.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import time

import yilian


def peak_rss_mib() -> float:
    """Peak resident memory of this process, MiB (Linux: ru_maxrss is in KiB)."""
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def noop(x: int) -> int:
    return x


def probe() -> tuple:
    r = resource.getrusage(resource.RUSAGE_SELF)
    return os.getpid(), r.ru_maxrss / 1024, r.ru_utime + r.ru_stime


def worker_memory(ray, n: int) -> list:
    """(pid, peak RSS MiB, CPU seconds) of the Ray workers, asked by a few tasks each."""
    remote = ray.remote(num_cpus=1)(probe)
    seen = {}
    for pid, mib, cpu in ray.get([remote.remote() for _ in range(8 * n)]):
        seen[pid] = (max(mib, seen.get(pid, (0.0, 0.0))[0]), cpu)
    return sorted((pid, m, c) for pid, (m, c) in seen.items())


def tiny_task_overhead(ray, tasks: int) -> dict:
    remote = ray.remote(num_cpus=1)(noop)
    ray.get([remote.remote(i) for i in range(50)])  # warm: workers started
    t = time.perf_counter()
    ray.get([remote.remote(i) for i in range(tasks)])
    wall = time.perf_counter() - t
    return {"tasks": tasks, "seconds": wall, "ms_per_task": 1000 * wall / tasks}


def study(ray, workers: int, counties: int, models: list, gap: float) -> dict:
    ray.init(num_cpus=workers, include_dashboard=False, log_to_driver=False)
    try:
        load_before = os.getloadavg()[0]
        # Ray's own start-up (workers, imports) is not the study's: one small warm-up.
        yilian.sweep(yilian.generate_county, seeds=range(10_001, 10_001 + workers), model="rotation", engine="ray", progress=False)
        t = time.perf_counter()
        table = yilian.sweep(yilian.generate_county, seeds=range(1, counties + 1), model=models, engine="ray",
                             progress=False, gap=gap)
        wall = time.perf_counter() - t
        memory = worker_memory(ray, workers)
        overhead = tiny_task_overhead(ray, 2000)
        load_after = os.getloadavg()[0]
    finally:
        ray.shutdown()
    points = len(table)
    busy = float(table["seconds"].sum())
    per_model = {
        m: {
            "median_s": float(rows["seconds"].median()),
            "p90_s": float(rows["seconds"].quantile(0.9)),
            "max_s": float(rows["seconds"].max()),
            "mean_s": float(rows["seconds"].mean()),
            "solve_share": float(rows["solve_seconds"].sum() / rows["seconds"].sum()),
            "build_share": float(rows["build_seconds"].sum() / rows["seconds"].sum()),
            "statuses": rows["status"].value_counts().to_dict(),
        }
        for m, rows in table.groupby("model")
    }
    return {
        "workers": workers,
        "counties": counties,
        "points": points,
        "errors": int((table["status"] == "error").sum()),
        "wall_s": wall,
        "task_seconds_sum": busy,
        "points_per_s": points / wall,
        "points_per_s_per_worker": points / wall / workers,
        "worker_peak_rss_mib": [round(m, 1) for _, m, _ in memory],
        "worker_cpu_s": [round(c, 1) for _, _, c in memory],
        "tiny_task_overhead": overhead,
        "load_before": load_before,
        "load_after": load_after,
        "per_model": per_model,
        "table": table,
    }


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--counties", type=int, default=200)
    ap.add_argument("--models", default="rotation,scanners")
    ap.add_argument("--gap", type=float, default=1e-3, help="MIP gap of the scanner model (as the example)")
    args = ap.parse_args()
    import ray

    models = args.models.split(",")
    runs = {}
    for workers in (1, 2):
        r = study(ray, workers, args.counties, models, args.gap)
        runs[workers] = r
        print(
            f"{workers} worker(s): {r['points']} points ({r['counties']} counties x {len(models)} models) "
            f"in {r['wall_s']:.1f} s, {r['points_per_s_per_worker']:.2f} points/s per worker, "
            f"errors {r['errors']}, worker peak RSS {r['worker_peak_rss_mib']} MiB, CPU {r['worker_cpu_s']} s, "
            f"tiny task {r['tiny_task_overhead']['ms_per_task']:.2f} ms, load {r['load_before']:.1f}->{r['load_after']:.1f}"
        )
        for m, pm in r["per_model"].items():
            print(f"   {m}: median {pm['median_s']:.3f} s, p90 {pm['p90_s']:.3f}, max {pm['max_s']:.2f}, mean {pm['mean_s']:.3f}, "
                  f"solve {100 * pm['solve_share']:.0f} %, build {100 * pm['build_share']:.0f} %, {pm['statuses']}")
    a, b = runs[1]["table"], runs[2]["table"]
    cols = [c for c in a.columns if c not in yilian.sweep.TIMING_COLUMNS]
    same = a[cols].equals(b[cols])
    speedup = runs[1]["wall_s"] / runs[2]["wall_s"]
    print(f"speed-up 2 vs 1 worker: {speedup:.2f}x; tables equal (times aside): {same}")
    scale = 3100 / args.counties
    print(f"3,100 counties (x{scale:.1f}): about {runs[1]['wall_s'] * scale / 60:.1f} min on 1 worker, "
          f"{runs[2]['wall_s'] * scale / 60:.1f} min on 2")
    out = {w: {k: v for k, v in r.items() if k != "table"} for w, r in runs.items()}
    out["speedup"] = speedup
    out["tables_equal"] = same
    print(json.dumps(out, indent=1, default=str))


if __name__ == "__main__":
    main()
