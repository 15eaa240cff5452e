"""The tiered-care model (M5) from Python."""

import json
import pickle
import subprocess

import pytest

import yilian
from conftest import ROOT
from test_rust_parity import _cli

# The hand-solved case of crates/yilian/tests/referral_hand_solved.rs: optimum 21,460
# (8 acute patients V -> H, 2 unmet; T treats its own 4 rehab patients and 2 of the 4
# recovery episodes; 2 unplaced).
HAND = {
    "format": "yilian/1",
    "name": "hand",
    "institutions": [
        {"id": "V", "tier": "village_clinic"},
        {"id": "T", "tier": "township_health_centre"},
        {"id": "H", "tier": "secondary"},
    ],
    "links": [{"from": "V", "to": "T", "minutes": 10}, {"from": "T", "to": "H", "minutes": 20}],
    "care": {
        "classes": [
            {"id": "acute", "setting": "inpatient", "min_tier": "secondary", "length_of_stay": 8,
             "max_travel_minutes": 60, "cost": 1000, "unmet_penalty": 5000,
             "recovery": {"class": "rehab", "share": 0.5}},
            {"id": "rehab", "setting": "inpatient", "min_tier": "township_health_centre",
             "length_of_stay": 14, "max_travel_minutes": 15, "cost": 200,
             "cost_by_tier": {"secondary": 400}, "unmet_penalty": 1000},
        ],
        "demand": {"V": {"acute": 10}, "T": {"rehab": 4}},
        "capacity": {"H": {"acute": {"slots": 8}, "rehab": {"slots": 10}},
                     "T": {"rehab": {"slots": 6}, "acute": {"slots": 5}}},
    },
}


def test_hand_solved_case_from_python():
    plan = yilian.Scenario.from_json_str(json.dumps(HAND)).solve("referral")
    assert isinstance(plan, yilian.ReferralPlan)
    assert plan.objective == pytest.approx(21_460.0, rel=1e-9)
    assert plan.check() == []
    assert plan.mode == "sequential"
    assert plan.referred_up == pytest.approx(8.0) and plan.referred_down == pytest.approx(2.0)
    frames = plan.to_frames()
    assert set(frames) == {"flows", "recovery", "demand", "loads", "referrals_up", "referrals_down",
                           "targets", "limits"}
    flows = frames["flows"].set_index(["origin", "class", "site"])["patients"]
    assert flows[("V", "acute", "H")] == pytest.approx(8.0)
    loads = frames["loads"].set_index(["institution", "class"])
    assert loads.loc[("T", "rehab"), "load"] == pytest.approx(6.0)
    if "highs" in yilian.backends():
        highs = yilian.Scenario.from_json_str(json.dumps(HAND)).solve("referral", backend="highs")
        assert highs.duals["capacity"][("H", "acute")] == pytest.approx(3_470.0)
        assert highs.duals["capacity"][("T", "rehab")] == pytest.approx(790.0)
    again = pickle.loads(pickle.dumps(plan))
    assert again.to_json() == plan.to_json()
    assert "referral plan" in plan.summary()


def test_county_joint_never_worse_and_same_as_the_cli(tmp_path):
    county = yilian.Scenario.from_json(ROOT / "examples" / "county.json")
    backend = "highs" if "highs" in yilian.backends() else None
    sequential = county.solve("referral", backend=backend)
    joint = county.solve("referral", backend=backend, joint=True)
    given = county.solve("referral", backend=backend, rotation=sequential.rotation)
    for plan in (sequential, joint, given):
        assert plan.check() == []
    assert joint.total_objective <= sequential.total_objective * (1 + 1e-9)
    assert given.objective == pytest.approx(sequential.objective, rel=1e-9)

    cli = _cli()
    out = tmp_path / "plan.json"
    cmd = [cli, "solve", str(ROOT / "examples" / "county.json"), "--model", "referral", "--joint", "--out", str(out)]
    if backend:
        cmd += ["--backend", backend]
    printed = subprocess.run(cmd, check=True, capture_output=True, text=True).stdout
    assert "referral plan (joint mode)" in printed
    rust = json.loads(out.read_text())
    assert rust["objective"] == pytest.approx(joint.objective, rel=1e-9)
    assert subprocess.run([cli, "check", str(ROOT / "examples" / "county.json"), str(out)],
                          capture_output=True).returncode == 0


def test_referral_errors(hand_scenario):
    with pytest.raises(yilian.ValidationError, match=r"care: missing: the referral model needs a care section"):
        hand_scenario.solve("referral")
    with pytest.raises(yilian.ValidationError, match=r"^joint: applies to the referral model only"):
        hand_scenario.solve("rotation", joint=True)
    bad = json.loads(json.dumps(HAND))
    bad["care"]["demand"]["V"]["acute"] = -1
    with pytest.raises(yilian.ValidationError, match=r"care\.demand\.V\.acute: -1 is negative"):
        yilian.Scenario.from_json_str(json.dumps(bad)).solve("referral")
