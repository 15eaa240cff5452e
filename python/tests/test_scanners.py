"""The shared-scanner model (M3) from Python."""

import json
import pickle
import subprocess

import pytest

import yilian
from conftest import ROOT
from test_rust_parity import _cli


def test_county_scanners_same_objective_as_the_cli(tmp_path):
    cli = _cli()
    listed = subprocess.run([cli, "backends"], capture_output=True, text=True, check=True).stdout
    if not any(l.split()[:2] == ["highs", "available"] for l in listed.splitlines()):
        pytest.skip("the CLI has no HiGHS (the scanner MIP is slow on microlp)")
    out = tmp_path / "plan.json"
    subprocess.run(
        [cli, "solve", str(ROOT / "examples" / "county.json"), "--model", "scanners", "--backend", "highs",
         "--gap", "0.01", "--out", str(out)],
        check=True, capture_output=True,
    )
    rust = json.loads(out.read_text())
    scenario = yilian.Scenario.from_json(ROOT / "examples" / "county.json")
    plan = scenario.solve("scanners", backend="highs", gap=0.01)
    assert isinstance(plan, yilian.ScannerPlan)
    assert plan.objective == pytest.approx(rust["objective"], rel=1e-9)
    assert plan.status == rust["status"]
    assert plan.check() == []

    frames = plan.to_frames()
    assert set(frames) == {"units", "flows", "demand", "modalities"}
    ids = set(scenario.institution_ids)
    assert set(frames["flows"]["institution"]) <= ids and set(frames["units"]["site"]) <= ids
    assert frames["units"]["added"].sum() == sum(u["added"] for u in rust["units"])
    assert "scanner plan" in plan.summary()
    assert set(plan.duals["scanner_days"]) == {(u["site"], u["modality"]) for u in rust["units"]}

    again = pickle.loads(pickle.dumps(plan))
    assert again.to_json() == plan.to_json()


def test_scanner_errors(hand_scenario):
    with pytest.raises(yilian.ValidationError, match=r"^the scenario has 1 error:\n  imaging: is missing"):
        hand_scenario.solve("scanners", backend="highs")
    county = yilian.generate_county(2)
    with pytest.raises(yilian.ValidationError, match=r"^integer_days: applies to the rotation model only"):
        county.solve("scanners", integer_days=True)
    with pytest.raises(yilian.ValidationError, match=r'^objective: "weighted" is not a scanner objective'):
        county.solve("scanners", objective="weighted")


def test_scanner_methods_agree_on_a_small_county():
    """The three methods on a 2-township county: every plan passes the checker; auto and
    mip (no time limit) both prove an optimum, the same one within HiGHS's default
    relative gap; the decomposition's bound is below it and its plan no better."""
    if "highs" not in yilian.backends():
        pytest.skip("the scanner MIP is slow on microlp")
    county = yilian.generate_county(2)
    plans = {m: county.solve("scanners", backend="highs", method=m) for m in ("auto", "mip", "decomposition")}
    for method, plan in plans.items():
        assert plan.check() == [], method
    optimum = plans["mip"].objective
    assert plans["mip"].status == "optimal"
    assert plans["auto"].status == "optimal"
    assert plans["auto"].objective == pytest.approx(optimum, rel=1e-4)
    decomposition = plans["decomposition"]
    assert decomposition.objective >= optimum * (1 - 1e-4)
    assert decomposition.bound is not None and decomposition.bound <= optimum * (1 + 1e-4)


def test_scanner_method_errors():
    county = yilian.generate_county(2)
    with pytest.raises(yilian.ValidationError, match=r'^method: "fast" is not a scanner method \(expected auto, mip or decomposition\)'):
        county.solve("scanners", method="fast")
    with pytest.raises(yilian.ValidationError, match=r"^method: applies to the scanners model only"):
        county.solve("rotation", method="mip")


def test_thread_counts_may_change_between_solves():
    """HiGHS keeps one task scheduler per calling thread and refuses a later solve that
    asks for another thread count; yilian restarts it, so one county solves on this
    thread with the default, 1, 2 and again 1 threads, to the same optimum."""
    if "highs" not in yilian.backends():
        pytest.skip("the thread count is a HiGHS option")
    county = yilian.generate_county(2)
    objectives = [
        county.solve("scanners", backend="highs", method="mip", threads=t).objective for t in (None, 1, 2, 1)
    ]
    assert objectives == pytest.approx([objectives[0]] * 4, rel=1e-4)
