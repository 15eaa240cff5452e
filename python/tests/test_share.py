"""Cost allocation: yilian.Game on hand-solved games, yilian.share on the hand-solved
three-member scenario (examples/share_three_members.json, derived in
crates/yilian/tests/share_hand_solved.rs)."""

import itertools
import json
import math
import os

import pytest

import yilian

from conftest import ROOT

# Players A = 0, B = 1, C = 2: v(A) = 4, v(B) = v(C) = 10, v(AB) = v(AC) = 12,
# v(BC) = 15, v(ABC) = 18. Shapley (3, 7.5, 7.5); nucleolus (3.5, 7.25, 7.25), least-core
# epsilon -0.5 (hand-solved in crates/yilian/tests/game_hand_solved.rs).
HAND = {(): 0.0, (0,): 4.0, (1,): 10.0, (2,): 10.0, (0, 1): 12.0, (0, 2): 12.0, (1, 2): 15.0, (0, 1, 2): 18.0}


def test_game_by_hand():
    g = yilian.Game(HAND)
    assert g.players == 3
    assert g.savings == pytest.approx(6.0)
    assert g.shapley() == pytest.approx([3.0, 7.5, 7.5], abs=1e-12)
    assert g.nucleolus() == pytest.approx([3.5, 7.25, 7.25], abs=1e-7)
    x, eps = g.least_core()
    assert eps == pytest.approx(-0.5, abs=1e-7)
    assert x[0] == pytest.approx(3.5, abs=1e-7)
    assert g.in_core([3.5, 7.25, 7.25])
    # Equal thirds: A pays 6 > 4 alone.
    check = g.core_check([6.0, 6.0, 6.0])
    assert check["in_core"] is False
    assert check["worst"] == ((0,), pytest.approx(2.0))
    assert g.value((2, 1)) == 15.0
    assert g.proportional([1, 1, 2]) == pytest.approx([4.5, 4.5, 9.0])


def test_empty_core_gives_its_epsilon():
    # Pairs cost 10, all three 18: each pair can pay at most 10, 3 pairs x 10 < 2 x 18.
    values = {s: [0.0, 10.0, 10.0, 18.0][len(s)] for k in range(4) for s in itertools.combinations(range(3), k)}
    g = yilian.Game(values)
    x, eps = g.least_core()
    assert eps == pytest.approx(2.0, abs=1e-7)
    assert not g.in_core(g.nucleolus())


def test_sampled_shapley_within_three_standard_errors():
    weights = [3.0, 1.0, 4.0, 1.5, 5.0, 9.0, 2.6, 5.3, 5.8, 9.7]
    n = len(weights)
    values = {}
    for k in range(n + 1):
        for s in itertools.combinations(range(n), k):
            values[s] = math.sqrt(sum(weights[i] for i in s)) * 100.0 + (10.0 if s else 0.0)
    g = yilian.Game(values)
    exact = g.shapley()
    # Over 20 seeds, the errors in standard errors behave like a standard normal: a
    # standard error off by a factor of 2 would make their variance 4 or 1/4.
    zs = []
    for seed in range(20):
        est, se = g.sampled_shapley(1000, seed=seed)
        assert sum(est) == pytest.approx(values[tuple(range(n))], rel=1e-9)
        zs += [(e - x) / s for e, s, x in zip(est, se, exact)]
    beyond = sum(abs(z) > 3 for z in zs)
    assert beyond <= 3, beyond
    variance = sum(z * z for z in zs) / len(zs)
    assert 0.7 < variance < 1.4, variance


def test_bad_games_name_the_coalition():
    bad = dict(HAND)
    del bad[(1, 2)]
    with pytest.raises(yilian.ValidationError, match=r"values: the cost of coalition \(1, 2\) is missing"):
        yilian.Game(bad)
    bad = dict(HAND)
    bad[()] = 1.0
    with pytest.raises(yilian.ValidationError, match=r"values\[\(\)\]: 1 must be 0"):
        yilian.Game(bad)
    with pytest.raises(yilian.ValidationError, match="names player 0 twice"):
        yilian.Game({**HAND, (0, 0): 1.0})
    with pytest.raises(yilian.ValidationError, match=r"values\[\(1,\)\]: 'x' is not a number"):
        yilian.Game({**HAND, (1,): "x"})
    with pytest.raises(yilian.ValidationError, match="allocation: has 2 entries"):
        yilian.Game(HAND).in_core([1.0, 2.0])


def scenario():
    return yilian.Scenario.from_json(ROOT / "examples" / "share_three_members.json")


def test_share_nucleolus_by_hand():
    r = yilian.share(scenario(), "scanners", "nucleolus")
    t = r.table
    assert list(t.index) == ["A", "B", "C"]
    assert t.loc["A", "allocated"] == pytest.approx(-775.0, abs=1e-4)
    assert t.loc["B", "allocated"] == pytest.approx(1975.0, abs=1e-4)
    assert t.loc["C", "allocated"] == pytest.approx(2000.0, abs=1e-4)
    assert t.loc["B", "stand_alone"] == pytest.approx(6000.0)
    assert t.loc["B", "saving"] == pytest.approx(4025.0, abs=1e-4)
    assert bool(t["in_core"].all())
    assert r.grand_cost == pytest.approx(3200.0)
    assert r.savings == pytest.approx(4800.0)
    assert len(r.coalitions) == 7
    costs = {m: c for m, c in zip(r.coalitions["members"], r.coalitions["cost"])}
    assert costs[("B", "C")] == pytest.approx(4250.0)
    tr = r.transfers
    assert list(tr[["provider", "receiver", "service"]].itertuples(index=False, name=None)) == [("A", "B", "CT")]
    assert tr["quantity"].iloc[0] == pytest.approx(60.0)


def test_share_shapley_not_in_core_and_plot():
    r = yilian.share(scenario(), rule="shapley", threads=1)
    assert r.table.loc["A", "allocated"] == pytest.approx(-7400.0 / 6.0, abs=1e-4)
    assert r.in_core is False
    assert r.least_core_epsilon == pytest.approx(0.0, abs=1e-6)
    matplotlib = pytest.importorskip("matplotlib")
    matplotlib.use("Agg")
    ax = r.plot()
    assert len(ax.patches) == 6  # 3 stand-alone bars, 3 allocated


def test_share_sampled_and_proportional():
    r = yilian.share(scenario(), rule="shapley", samples=300, seed=2)
    assert "standard_error" in r.table.columns
    assert r.in_core is None
    p = yilian.share(scenario(), rule="proportional", weights="population")
    assert p.table.loc["A", "allocated"] == pytest.approx(3200.0 * 0.4)
    assert p.table.loc["A", "weight"] == pytest.approx(40000.0)


def test_share_bad_options():
    with pytest.raises(yilian.ValidationError, match="rule: \"banzhaf\" is not an allocation rule"):
        yilian.share(scenario(), rule="banzhaf")
    with pytest.raises(yilian.ValidationError, match="model: \"roster\""):
        yilian.share(scenario(), model="roster")
    with pytest.raises(yilian.ValidationError, match="method: applies to the scanners model only"):
        yilian.share(scenario(), model="rotation", method="mip")


# -- referral as the model of coalition values -----------------------------------------

# examples/share_referral.json; values derived by hand in crates/yilian/tests/share_referral.rs.
REFERRAL_VALUES = {
    ("A",): 10_000.0,
    ("B",): 24_000.0,
    ("C",): 73_000.0,
    ("A", "B"): 14_900.0,
    ("A", "C"): 25_950.0,
    ("B", "C"): 94_000.0,
    ("A", "B", "C"): 30_350.0,
}


def referral_scenario():
    return yilian.Scenario.from_json(ROOT / "examples" / "share_referral.json")


@pytest.mark.parametrize("mode", ["joint", "sequential"])
def test_share_referral_by_hand(mode):
    r = yilian.share(referral_scenario(), "referral", "shapley", referral_mode=mode)
    assert r.model == "referral"
    costs = dict(zip(r.coalitions["members"], r.coalitions["cost"]))
    assert costs == pytest.approx(REFERRAL_VALUES, rel=1e-6)
    expected = [-163_450.0 / 6.0, 82_700.0 / 6.0, 262_850.0 / 6.0]
    assert list(r.table["allocated"]) == pytest.approx(expected, rel=1e-6)
    assert r.in_core is True
    tr = r.transfers.set_index(["provider", "receiver", "service"])
    assert tr.loc[("A", "C", "common"), "quantity"] == pytest.approx(60.0)
    assert tr.loc[("A", "C", "telemedicine"), "quantity"] == pytest.approx(5.0)
    with pytest.raises(yilian.ValidationError, match="referral_mode: applies to the referral model only"):
        yilian.share(referral_scenario(), "rotation", referral_mode="joint")
    with pytest.raises(yilian.ValidationError, match='referral_mode: "both" is not a mode'):
        yilian.share(referral_scenario(), "referral", referral_mode="both")


# -- coalitions as tasks of the sweep engines --------------------------------------------


def same_report(a, b):
    """Two reports of one game: every coalition value equal, shares, core and transfers."""
    ca = a.coalitions.set_index("members")
    cb = b.coalitions.set_index("members").loc[ca.index]
    assert list(ca["cost"]) == list(cb["cost"])  # the same solves: equal to the last bit
    assert list(ca["status"]) == list(cb["status"])
    pd_cols = ["stand_alone", "allocated", "saving"]
    for c in pd_cols:
        assert list(a.table[c]) == pytest.approx(list(b.table[c]), rel=1e-9, abs=1e-9)
    assert a.in_core == b.in_core
    assert a.least_core_epsilon == pytest.approx(b.least_core_epsilon, abs=1e-9)
    assert a.raw["transfers"] == b.raw["transfers"]


def test_engine_serial_solves_each_coalition_once(monkeypatch):
    calls = []
    real = yilian._yilian._share_coalitions_json

    def counting(*args):
        calls.extend(tuple(c) for c in args[4])
        return real(*args)

    monkeypatch.setattr(yilian._yilian, "_share_coalitions_json", counting)
    core = yilian.share(scenario(), "scanners", "nucleolus", threads=2)
    on_engine = yilian.share(scenario(), "scanners", "nucleolus", engine="serial")
    assert sorted(calls) == sorted({c for c in calls})
    assert len(calls) == 7
    same_report(on_engine, core)
    assert on_engine.raw["stats"]["coalitions_solved"] == 7
    # Batches of 3 coalitions a task: the same report, still each coalition once.
    calls.clear()
    batched = yilian.share(scenario(), "scanners", "nucleolus", engine="serial", batch=3)
    assert len(calls) == len(set(calls)) == 7
    same_report(batched, core)
    # The sampled Shapley value: only the coalitions its orders need (with the
    # singletons and N), each once; the same estimate as the core's.
    calls.clear()
    sampled_core = yilian.share(scenario(), rule="shapley", samples=5, seed=3, threads=2)
    sampled = yilian.share(scenario(), rule="shapley", samples=5, seed=3, engine="serial")
    assert len(calls) == len(set(calls)) == len(sampled_core.coalitions)
    same_report(sampled, sampled_core)
    assert list(sampled.table["standard_error"]) == pytest.approx(list(sampled_core.table["standard_error"]))


def test_engine_process_gives_the_core_report():
    for model, s, rule in [("scanners", scenario(), "shapley"), ("referral", referral_scenario(), "nucleolus")]:
        core = yilian.share(s, model, rule, threads=2)
        on_processes = yilian.share(s, model, rule, engine="process", workers=2)
        same_report(on_processes, core)
        assert on_processes.raw["stats"]["threads"] == 2


def test_values_from_elsewhere_are_checked():
    s = scenario()
    value = yilian._yilian._share_coalitions_json(s, "scanners", None, None, [[0]], None, None, None, 1)
    v = json.dumps(json.loads(value)[0]["value"])
    with pytest.raises(yilian.ValidationError, match=r"values: coalition \(0,\) is given twice"):
        yilian._yilian._share_from_values(
            s, "scanners", "shapley", "demand", None, 0, None, None, None, None, [v, v], None, 0.0, 1
        )
    with pytest.raises(yilian.ValidationError, match="values: the value of coalition .* is missing"):
        yilian._yilian._share_from_values(
            s, "scanners", "shapley", "demand", None, 0, None, None, None, None, [v], None, 0.0, 1
        )
    with pytest.raises(yilian.ValidationError, match='engine: "spark" is not an engine'):
        yilian.share(s, engine="spark")
    with pytest.raises(yilian.ValidationError, match="batch: 0 must be at least 1"):
        yilian.share(s, engine="serial", batch=0)
    # A coalition's own error reaches the caller as the core's exception class.
    with pytest.raises(yilian.ValidationError, match="referral_mode: applies to the referral model only"):
        yilian.share(s, "scanners", referral_mode="joint", engine="serial")


def test_engine_a_real_local_ray_gives_the_core_report():
    try:
        import ray
    except ImportError:
        if os.environ.get("YILIAN_REQUIRE_SWEEP_EXTRAS") == "1":
            pytest.fail("ray is not installed (scripts/test.sh installs it)")
        pytest.skip("ray is not installed")
    core = [
        yilian.share(scenario(), "scanners", "nucleolus", threads=2),
        yilian.share(referral_scenario(), "referral", "shapley", threads=2),
    ]
    ray.init(num_cpus=2, include_dashboard=False)
    try:
        on_ray = [
            yilian.share(scenario(), "scanners", "nucleolus", engine="ray"),
            yilian.share(referral_scenario(), "referral", "shapley", engine="ray"),
        ]
        assert ray.is_initialized(), "a Ray the caller started is left running"
    finally:
        ray.shutdown()
    for a, b in zip(on_ray, core):
        same_report(a, b)
