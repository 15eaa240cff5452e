"""A country-wide policy study: every county medical community (about 3,100 in China),
rotation (M1) and shared scanners (M3) for each, on Ray.

    python examples/country_sweep.py                      # 3,100 generated counties
    python examples/country_sweep.py --counties 50        # a small run
    python examples/country_sweep.py --address ray://head:10001 --out country.parquet

Each county is generated from its seed (1..N) in the Ray worker that solves it
(``yilian.generate_county``), so the driver sends only seeds. Rows stream to ``--out``
as they finish; run the same command again after an interruption and only the
counties not yet done are solved. The summary plot shows, per model, the distribution
over counties of the coverage gained: the population share within reach of each
service after the plan minus before it (specialists at the township centres they
visit; new scanners at their sites).

Needs ``pip install "yilian[sweep]"`` (Ray, tqdm, pyarrow) and matplotlib for the plot.
"""

from __future__ import annotations

import argparse
import time

import yilian


def summarise(table, plot_path: str | None) -> None:
    ok = table[table["status"] != "error"]
    errors = table[table["status"] == "error"]
    print(f"{len(table)} points, {len(errors)} with an error")
    for err in errors["error"].drop_duplicates().head(5):
        print(f"  error: {err}")
    for model, rows in ok[ok["grassroots_share"].notna()].groupby("model", sort=False):
        print(
            f"{model:>9}: grassroots share median {rows['grassroots_share'].median():.3f}, "
            f"within county {rows['within_county_share'].median():.3f}; served share median "
            f"{rows['served_share'].median():.3f}; statuses {rows['status'].value_counts().to_dict()}"
        )
    # Coverage before and after: rotation and scanners (the referral model has none yet).
    gained = ok[ok["coverage"].notna()]
    gained = gained.assign(gained=gained["coverage"] - gained["coverage_before"])
    for model, rows in gained.groupby("model", sort=False):
        q = rows["gained"].quantile([0.1, 0.5, 0.9])
        print(
            f"{model:>9}: coverage gained per county: median {q[0.5]:+.3f} "
            f"(10 % {q[0.1]:+.3f}, 90 % {q[0.9]:+.3f}); served share median "
            f"{rows['served_share'].median():.3f}; cost median {rows['cost'].median():,.0f}; "
            f"statuses {rows['status'].value_counts().to_dict()}"
        )
    if plot_path:
        import matplotlib

        matplotlib.use("Agg")
        import matplotlib.pyplot as plt

        models = list(gained["model"].drop_duplicates())
        if not models:
            return
        fig, axes = plt.subplots(1, len(models), figsize=(5 * len(models), 3.6), squeeze=False)
        for ax, model in zip(axes[0], models):
            values = 100 * gained.loc[gained["model"] == model, "gained"]
            ax.hist(values, bins=40, color="#3a7ca5")
            ax.axvline(values.median(), color="#d1495b", lw=1.5, label=f"median {values.median():.1f} pt")
            ax.set_title(f"{model}: {len(values)} counties")
            ax.set_xlabel("population within reach: gain (percentage points)")
            ax.set_ylabel("counties")
            ax.legend(frameon=False)
        fig.suptitle("Coverage gained per county medical community")
        fig.tight_layout()
        fig.savefig(plot_path, dpi=120)
        print(f"plot written to {plot_path}")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--counties", type=int, default=3100, help="counties (seeds 1..N); default 3,100")
    ap.add_argument("--engine", default="ray", choices=sorted(yilian.sweep.ENGINES), help="default: ray")
    ap.add_argument("--address", default=None, help="Ray cluster to join (default: RAY_ADDRESS, a running one, or a local Ray)")
    ap.add_argument("--workers", type=int, default=None, help="CPUs of a local Ray, or processes (default: all cores)")
    ap.add_argument("--models", default="rotation,scanners",
                    help="comma-separated (rotation, scanners, referral); default rotation,scanners")
    ap.add_argument("--time-limit", type=float, default=None, help="seconds per point (default: none)")
    ap.add_argument("--gap", type=float, default=1e-3, help="relative MIP gap of the scanner model (default 0.001)")
    ap.add_argument("--out", default="country_sweep.csv", help="table (.csv or .parquet); resumes from it")
    ap.add_argument("--plot", default="country_sweep.png", help="summary plot (PNG); '' for none")
    args = ap.parse_args()

    started = time.perf_counter()
    table = yilian.sweep(
        yilian.generate_county,
        seeds=range(1, args.counties + 1),
        model=args.models.split(","),
        engine=args.engine,
        workers=args.workers,
        ray_address=args.address,
        out=args.out or None,
        time_limit=args.time_limit,
        gap=args.gap,
    )
    seconds = time.perf_counter() - started
    print(f"{args.counties} counties x {len(args.models.split(','))} models in {seconds:.1f} s on {args.engine}")
    summarise(table, args.plot or None)


if __name__ == "__main__":
    main()
