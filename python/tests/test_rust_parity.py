"""The same instance solved from Rust and from Python gives the same objective."""

import json
import os
import pathlib
import subprocess

import pandas as pd
import pytest

import yilian
from conftest import ROOT


def test_hand_case_matches_the_rust_hand_solved_test(hand_scenario):
    # crates/yilian/tests/rotation_hand_solved.rs: objective 128.9, cost 3,900 and the
    # shadow prices derived by hand.
    plan = hand_scenario.solve("rotation", backend="highs")
    assert plan.status == "optimal"
    assert plan.objective == pytest.approx(128.9, abs=1e-6)
    assert plan.total_cost == pytest.approx(3900.0, abs=1e-6)
    d = plan.duals
    assert d["pools"]["P1"] == pytest.approx(9.86, abs=1e-6)
    assert d["pools"]["P2"] == pytest.approx(9.58, abs=1e-6)
    assert d["pools"]["P3"] == pytest.approx(0.0, abs=1e-6)
    assert d["rooms"]["A"] == pytest.approx(0.06, abs=1e-6)
    assert d["rooms"]["B"] == pytest.approx(0.0, abs=1e-6)
    assert d["rooms"]["D"] == pytest.approx(54.84, abs=1e-6)
    assert d["budget"] is None
    frames = plan.to_frames()
    assert frames["pools"].set_index("pool")["marginal_value"]["P1"] == pytest.approx(9.86, abs=1e-6)


def test_hand_case_with_microlp_has_no_duals(hand_scenario):
    plan = hand_scenario.solve("rotation", backend="microlp")
    assert plan.objective == pytest.approx(128.9, abs=1e-6)
    assert all(v is None for v in plan.duals["pools"].values())
    assert plan.to_frames()["pools"]["marginal_value"].isna().all()


def test_budget_dual_matches_rust():
    # budget_case of rotation_hand_solved.rs: 2.5 days, objective 175.25, budget dual 0.099.
    inst = pd.DataFrame(
        {"id": ["H", "T"], "tier": ["secondary", "township_health_centre"], "room_days": [0.0, 20.0],
         "demand.cardiology": [float("nan"), 200.0]}
    )
    pools = pd.DataFrame(
        {"id": ["P"], "home": ["H"], "specialty": ["cardiology"], "headcount": [1], "days_per_person": [10.0],
         "max_travel_minutes": [60.0], "visits_per_day": [10.0], "cost_per_day": [100.0]}
    )
    links = pd.DataFrame({"from": ["H"], "to": ["T"], "minutes": [15.0]})
    s = yilian.Scenario.from_frames(inst, pools, links, {"budget": 250.0}, name="budget")
    plan = s.solve(backend="highs")
    assert plan.objective == pytest.approx(175.25, abs=1e-6)
    assert plan.duals["budget"] == pytest.approx(0.099, abs=1e-7)


def _cli():
    path = os.environ.get("YILIAN_CLI") or str(ROOT / "target" / "debug" / "yilian")
    if not pathlib.Path(path).exists():
        if os.environ.get("YILIAN_REQUIRE_CLI") == "1":
            pytest.fail(f"the yilian CLI is not built ({path})")
        pytest.skip(f"the yilian CLI is not built ({path}); cargo build -p yilian-cli")
    return path


@pytest.mark.parametrize("objective", ["weighted", "equity"])
def test_county_example_same_objective_as_the_cli(tmp_path, objective):
    cli = _cli()
    listed = subprocess.run([cli, "backends"], capture_output=True, text=True, check=True).stdout
    backend = "highs" if any(l.split()[:2] == ["highs", "available"] for l in listed.splitlines()) else "microlp"
    out = tmp_path / "plan.json"
    subprocess.run(
        [cli, "solve", str(ROOT / "examples" / "county.json"), "--backend", backend, "--objective", objective,
         "--out", str(out)],
        check=True, capture_output=True,
    )
    rust = json.loads(out.read_text())
    plan = yilian.Scenario.from_json(ROOT / "examples" / "county.json").solve(
        "rotation", backend=backend, objective=objective
    )
    assert plan.objective == pytest.approx(rust["objective"], rel=1e-9, abs=1e-9)
    assert plan.total_cost == pytest.approx(rust["total_cost"], rel=1e-9, abs=1e-6)
    assert plan.check() == []
