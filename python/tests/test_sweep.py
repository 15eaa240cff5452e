"""yilian.sweep: the hand-solved table of a small sweep, the same table on every engine
(serial, processes, a real local Ray), error rows, resume, and the CLI's columns.

The tiny scenario (crates/yilian/tests/data/sweep_tiny.json, derived by hand in
crates/yilian/tests/sweep.rs): one pool of 2 x 10 days at H, a township centre T 40
minutes away wanting 100 cardiology visits with 5 room-days; 10 visits a day; a day at
T costs 100 + 2 x 40 x 1 = 180. Budget 360 buys 2 days (80 unmet, cost 360); a budget of
1e6 is held to the 5 room-days (50 unmet, cost 900); a 30-minute travel limit leaves T
unreachable (100 unmet, cost 0).
"""

import os
import pathlib
import subprocess

import numpy as np
import pandas as pd
import pytest

import yilian
from conftest import ROOT

TINY = ROOT / "crates" / "yilian" / "tests" / "data" / "sweep_tiny.json"
GRID = {"policy.budget": [360, 1e6], "pools.*.max_travel_minutes": [30, 60]}
# (budget, minutes, unmet, cost, days sent)
EXPECTED = [(360, 30, 100.0, 0.0, 0), (360, 60, 80.0, 360.0, 2), (1e6, 30, 100.0, 0.0, 0), (1e6, 60, 50.0, 900.0, 5)]

REQUIRE_EXTRAS = os.environ.get("YILIAN_REQUIRE_SWEEP_EXTRAS") == "1"


def need(module):
    """The optional package, or a skip (a failure where CI installs the extras)."""
    try:
        return __import__(module)
    except ImportError:
        if REQUIRE_EXTRAS:
            pytest.fail(f"{module} is not installed (scripts/test.sh installs it)")
        pytest.skip(f"{module} is not installed")


def untimed(table):
    return table.drop(columns=list(yilian.sweep.TIMING_COLUMNS)).reset_index(drop=True)


def tiny():
    return yilian.Scenario.from_json(str(TINY))


def test_serial_table_has_the_hand_solved_rows_in_order():
    t = yilian.sweep(tiny(), GRID, engine="serial")
    assert list(t.columns) == [
        "scenario", "model", "policy.budget", "pools.*.max_travel_minutes", "point",
        *yilian.sweep.RESULT_COLUMNS, *yilian.sweep.TIMING_COLUMNS,
    ]
    assert list(t["point"]) == [
        "policy.budget=360; pools.*.max_travel_minutes=30",
        "policy.budget=360; pools.*.max_travel_minutes=60",
        "policy.budget=1000000; pools.*.max_travel_minutes=30",
        "policy.budget=1000000; pools.*.max_travel_minutes=60",
    ]
    assert (t["scenario"] == "sweep-tiny").all() and (t["model"] == "rotation").all()
    for (_, row), (budget, minutes, unmet, cost, days) in zip(t.iterrows(), EXPECTED):
        assert row["policy.budget"] == budget and row["pools.*.max_travel_minutes"] == minutes
        assert row["status"] == "optimal" and pd.isna(row["error"])
        assert row["unmet"] == pytest.approx(unmet, abs=1e-6)
        assert row["cost"] == pytest.approx(cost, abs=1e-6)
        assert row["served_share"] == pytest.approx((100 - unmet) / 100, abs=1e-9)
        assert row["utilisation"] == pytest.approx(days / 20, abs=1e-9)
        assert row["objective"] == pytest.approx(unmet + 0.001 * cost, abs=1e-6)
        assert row["coverage_before"] == 0.0
        assert row["coverage"] == (1.0 if days else 0.0)
        assert row["bound"] == pytest.approx(row["objective"], abs=1e-6)  # the LP's, at its optimum
        assert row["gap"] <= 1e-9
        assert row["build_seconds"] >= 0 and row["seconds"] > 0


def test_the_process_engine_gives_the_same_table():
    scenarios = [tiny(), str(TINY)]
    serial = yilian.sweep(scenarios, GRID, engine="serial")
    for workers in (1, 2):
        pd.testing.assert_frame_equal(untimed(yilian.sweep(scenarios, GRID, engine="process", workers=workers)), untimed(serial))
    # A generator with seeds: the counties are generated in the workers.
    s = yilian.sweep(yilian.generate_county, {"policy.budget": [0, 5e4]}, seeds=[1, 2], engine="serial")
    p = yilian.sweep(yilian.generate_county, {"policy.budget": [0, 5e4]}, seeds=[1, 2], engine="process", workers=2)
    pd.testing.assert_frame_equal(untimed(p), untimed(s))
    # A generator that does not pickle (a lambda) runs in this process; the same table.
    lam = yilian.sweep(lambda seed: yilian.generate_county(seed), {"policy.budget": [0, 5e4]}, seeds=[1, 2], engine="process", workers=2)
    pd.testing.assert_frame_equal(untimed(lam), untimed(s).assign(scenario="<lambda>"))
    assert list(s["seed"]) == [1, 1, 2, 2]
    assert (s["status"] == "optimal").all()
    # No budget sends no one: every demand stays unmet; a budget serves some.
    assert (s.loc[s["policy.budget"] == 0, "served_share"] == 0).all()
    assert (s.loc[s["policy.budget"] == 5e4, "served_share"] > 0).all()


def test_a_real_local_ray_gives_the_serial_table():
    ray = need("ray")
    scenarios = [tiny()]
    serial = yilian.sweep(scenarios, GRID, model=["rotation"], engine="serial")
    gen_serial = yilian.sweep(yilian.generate_county, {"policy.budget": [5e4]}, seeds=[3, 4], engine="serial")
    ray.init(num_cpus=2, include_dashboard=False)
    try:
        on_ray = yilian.sweep(scenarios, GRID, model=["rotation"], engine="ray")
        gen_ray = yilian.sweep(yilian.generate_county, {"policy.budget": [5e4]}, seeds=[3, 4], engine="ray")
        assert ray.is_initialized(), "a Ray the caller started is left running"
    finally:
        ray.shutdown()
    pd.testing.assert_frame_equal(untimed(on_ray), untimed(serial))
    pd.testing.assert_frame_equal(untimed(gen_ray), untimed(gen_serial))


def test_a_local_dask_cluster_gives_the_serial_table():
    distributed = need("distributed")
    scenarios = [tiny()]
    serial = yilian.sweep(scenarios, GRID, model=["rotation"], engine="serial")
    # A cluster the sweep starts and closes itself.
    on_dask = yilian.sweep(scenarios, GRID, model=["rotation"], engine="dask", workers=2)
    pd.testing.assert_frame_equal(untimed(on_dask), untimed(serial))
    # The caller's own client is used and left open; a generator runs in the workers.
    gen_serial = yilian.sweep(yilian.generate_county, {"policy.budget": [5e4]}, seeds=[3, 4], engine="serial")
    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, dashboard_address=None) as cluster:
        with distributed.Client(cluster) as client:
            gen_dask = yilian.sweep(yilian.generate_county, {"policy.budget": [5e4]}, seeds=[3, 4], engine="dask")
            assert client.status == "running", "a client the caller opened is left open"
    pd.testing.assert_frame_equal(untimed(gen_dask), untimed(gen_serial))


def test_a_bad_override_gives_an_error_row_and_the_sweep_goes_on():
    t = yilian.sweep(tiny(), {"pools.*.headcount": [2, 2.5, -1]}, engine="serial")
    assert list(t["status"]) == ["optimal", "error", "error"]
    assert pd.isna(t["error"][0])
    assert t["error"][1] == "pools[0].headcount: invalid type: floating point `2.5`, expected u32"
    assert t["error"][2] == "pools[0].headcount: invalid value: integer `-1`, expected u32"
    assert np.isnan(t["objective"][1])
    # A path that does not exist names itself, on every point.
    t = yilian.sweep(tiny(), {"policy.budgett": [1, 2]}, engine="process", workers=2)
    assert (t["status"] == "error").all()
    assert t["error"][0].startswith(
        "the scenario has 1 error:\n  policy.budgett: does not exist in the scenario: unknown field `budgett`"
    )
    # A generator that fails for one seed: an error row for that seed only.
    def flaky(seed):
        if seed == 2:
            raise RuntimeError("no such county")
        return yilian.generate_county(seed)

    t = yilian.sweep(flaky, seeds=[1, 2], engine="serial")
    assert list(t["status"]) == ["optimal", "error"] and t["error"][1] == "no such county"


class Counting:
    """A generator that counts the counties it makes (the serial engine runs it here)."""

    __name__ = "county"

    def __init__(self):
        self.seeds = []

    def __call__(self, seed):
        self.seeds.append(seed)
        return yilian.generate_county(seed)


@pytest.mark.parametrize("suffix", [".csv", ".parquet"])
def test_resume_skips_finished_points(tmp_path, suffix):
    if suffix == ".parquet":
        need("pyarrow")
    out = tmp_path / f"sweep{suffix}"
    grid = {"policy.budget": [0, 5e4]}
    first = Counting()
    a = yilian.sweep(first, grid, seeds=[1, 2], engine="serial", out=out)
    assert first.seeds == [1, 1, 2, 2]
    assert out.exists() and not (tmp_path / f"sweep{suffix}.partial.csv").exists()
    # The same sweep again: nothing runs, the table comes from the file.
    again = Counting()
    b = yilian.sweep(again, grid, seeds=[1, 2], engine="serial", out=out)
    assert again.seeds == []
    pd.testing.assert_frame_equal(b, a)  # times included: they are the first run's
    # One more seed: only its points run; the table is what a fresh run gives.
    more = Counting()
    c = yilian.sweep(more, grid, seeds=[1, 2, 3], engine="serial", out=out)
    assert more.seeds == [3, 3]
    fresh = yilian.sweep(yilian.generate_county, grid, seeds=[1, 2, 3], engine="serial")
    pd.testing.assert_frame_equal(untimed(c), untimed(fresh).assign(scenario="county"))
    # The file holds the table, in order.
    stored = pd.read_parquet(out) if suffix == ".parquet" else yilian.sweep.read_csv(out)
    assert list(stored["seed"]) == [1, 1, 2, 2, 3, 3]
    assert np.allclose(stored["objective"], c["objective"], rtol=0, atol=0)


def test_an_interrupted_sweep_leaves_its_rows_and_resumes(tmp_path):
    out = tmp_path / "sweep.csv"

    class Stop(BaseException):
        pass

    class Interrupting(Counting):
        def __call__(self, seed):
            if seed == 3:
                raise Stop()  # like Ctrl-C: not a point's error, it stops the sweep
            return super().__call__(seed)

    with pytest.raises(Stop):
        yilian.sweep(Interrupting(), seeds=[1, 2, 3], engine="serial", out=out)
    assert len(pd.read_csv(out)) == 2  # streamed as they finished
    rest = Counting()
    t = yilian.sweep(rest, seeds=[1, 2, 3], engine="serial", out=out)
    assert rest.seeds == [3] and list(t["seed"]) == [1, 2, 3] and (t["status"] == "optimal").all()


def test_with_overrides_sets_fields_and_names_a_missing_path():
    s = tiny().with_overrides({"policy.budget": np.float64(360), "pools.*.max_travel_minutes": np.int64(45)})
    plan = s.solve("rotation")
    assert plan.total_cost == pytest.approx(360.0, abs=1e-6)
    with pytest.raises(yilian.ValidationError, match=r"imaging\.budget: does not exist: the scenario has no imaging"):
        tiny().with_overrides({"imaging.budget": 1})
    with pytest.raises(yilian.ValidationError, match=r"policy\.budget: -5 is negative"):
        tiny().with_overrides({"policy.budget": -5})


def test_options_that_are_wrong_for_every_point_raise():
    with pytest.raises(yilian.ValidationError, match='model: "roster" is not a model a sweep runs'):
        yilian.sweep(tiny(), model="roster", engine="serial")
    with pytest.raises(yilian.ValidationError, match='engine: "spark" is not an engine'):
        yilian.sweep(tiny(), engine="spark")
    with pytest.raises(TypeError, match="time_limt"):
        yilian.sweep(tiny(), engine="serial", time_limt=3)
    with pytest.raises(yilian.ValidationError, match="seeds: a scenario generator needs seeds"):
        yilian.sweep(yilian.generate_county, engine="serial")


def test_the_cli_sweep_has_the_same_table(tmp_path):
    cli = os.environ.get("YILIAN_CLI") or str(ROOT / "target" / "debug" / "yilian")
    if not pathlib.Path(cli).exists():
        if os.environ.get("YILIAN_REQUIRE_CLI") == "1":
            pytest.fail(f"the yilian CLI is not built ({cli})")
        pytest.skip(f"the yilian CLI is not built ({cli})")
    out = tmp_path / "cli.csv"
    subprocess.run(
        [cli, "sweep", str(TINY), "--set", "policy.budget=360,1e6", "--set", "pools.*.max_travel_minutes=30,60",
         "--backend", "highs", "--jobs", "2", "--out", str(out)],
        check=True, capture_output=True,
    )
    from_cli = yilian.sweep.read_csv(out)
    from_py = yilian.sweep(str(TINY), GRID, engine="serial", backend="highs")
    assert list(from_cli.columns) == list(from_py.columns)
    results = [c for c in yilian.sweep.RESULT_COLUMNS if c != "error"]
    pd.testing.assert_frame_equal(from_cli[["scenario", "model", "point"] + results], from_py[["scenario", "model", "point"] + results], check_dtype=False)


def test_a_progress_bar_when_asked(capsys):
    need("tqdm")
    yilian.sweep(tiny(), {"policy.budget": [360, 720]}, engine="serial", progress=True)
    err = capsys.readouterr().err
    assert "sweep" in err and "2/2" in err, err
    # Short sweeps get none by default.
    yilian.sweep(tiny(), {"policy.budget": [360, 720]}, engine="serial")
    assert "2/2" not in capsys.readouterr().err


def test_the_referral_model_is_one_more_entry():
    # Its row carries the plan's objective and tier shares; the other models leave the
    # tier shares empty, and referral has no coverage measure.
    assert "referral" in yilian.sweep.MODELS
    t = yilian.sweep(yilian.generate_county, seeds=[2], model=["rotation", "referral"], engine="serial")
    plan = yilian.generate_county(2).solve("referral", threads=1)
    row = t[t["model"] == "referral"].iloc[0]
    assert row["status"] == plan.status
    assert row["objective"] == pytest.approx(plan.objective, rel=1e-9)
    assert row["grassroots_share"] == pytest.approx(plan.grassroots_share, rel=1e-9)
    assert row["within_county_share"] == pytest.approx(plan.within_county_share, rel=1e-9)
    assert 0 <= row["served_share"] <= 1 and np.isnan(row["coverage"])
    assert np.isnan(t[t["model"] == "rotation"]["grassroots_share"]).all()
