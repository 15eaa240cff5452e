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
# crates/yilian/tests/data/referral_hand.json: the same file as the Rust hand-solved tests.
HAND = json.loads((ROOT / "crates" / "yilian" / "tests" / "data" / "referral_hand.json").read_text())


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


def test_report_of_a_referral_plan_recomputed_from_its_frames():
    """``yilian.report`` on a referral plan: the hand case with a 50 % grassroots target
    (episodes 19, grassroots 6/19, up 8 V -> H, down 2 H -> T, 3.5 episodes short, one
    more point costs 5,000 x 19 x 0.01 = 950), and on the generated county every share and
    referral total equal the figures recomputed from ``plan.to_frames()``."""
    hand = json.loads(json.dumps(HAND))
    hand["care"]["targets"] = {"min_grassroots_share": {"share": 0.5}}
    plan = yilian.Scenario.from_json_str(json.dumps(hand)).solve(
        "referral", backend="highs", baseline=True
    )
    r = yilian.report(plan)
    assert r.model == "referral"
    m = r.measures["after"]
    assert m["grassroots share of episodes"] == pytest.approx(6 / 19)
    assert r.measures.loc["grassroots share of episodes", "before"] == pytest.approx(6 / 19)
    assert m["patients referred up"] == pytest.approx(8.0)
    assert m["recovery episodes referred down"] == pytest.approx(2.0)
    assert m["busiest hospital class utilisation"] == pytest.approx(1.0)
    assert r.targets.loc["min_grassroots_share", "shortfall_episodes"] == pytest.approx(3.5)
    assert r.targets.loc["min_grassroots_share", "marginal_cost_per_point"] == pytest.approx(950.0)
    up = r.referrals[r.referrals.direction == "up"]
    assert list(zip(up["from"], up["to"])) == [("V", "H")]
    assert set(r.to_frames()) >= {"measures", "utilisation", "targets", "referrals"}

    county = yilian.generate_county(1)
    plan = county.solve("referral", backend="highs")
    r = yilian.report(plan)
    f = plan.to_frames()
    data = json.loads(county.to_json())
    tiers = {i["id"]: i["tier"] for i in data["institutions"]}
    shares = {k["id"]: (k.get("recovery") or {}).get("share", 0.0) for k in data["care"]["classes"]}
    episodes = sum(d * (1 + shares[k]) for by in data["care"]["demand"].values()
                   for k, d in by.items())
    level = {"village_clinic": 1, "township_health_centre": 2, "community_health_centre": 2,
             "tertiary": 4}
    lv = lambda i: level.get(tiers[i], 3)  # noqa: E731
    treated_grassroots = f["flows"][f["flows"].site.map(lv) <= 2].patients.sum() + \
        f["recovery"][f["recovery"].site.map(lv) <= 2].patients.sum()
    assert r.measures.loc["episodes", "after"] == pytest.approx(episodes, rel=1e-12)
    assert r.measures.loc["grassroots share of episodes", "after"] == pytest.approx(
        treated_grassroots / episodes, rel=1e-9)
    flows = f["flows"]
    up = flows[(flows.origin.map(lv) <= 2) & (flows.site.map(lv) > flows.origin.map(lv))]
    assert r.measures.loc["patients referred up", "after"] == pytest.approx(up.patients.sum())
    rec = f["recovery"]
    down = rec[rec.site.map(lv) < rec.acute_site.map(lv)]
    assert r.measures.loc["recovery episodes referred down", "after"] == pytest.approx(
        down.patients.sum())
    assert len(r.targets) == len(f["targets"])
