"""Model export (issue 19): every model writes its program as MPS and LP; HiGHS
(highspy, independent of yilian's own HiGHS binding) reads each file back and finds the
optimum yilian's solve reports, and the names in the file carry the user's ids."""

import json

import numpy as np
import pytest

import yilian
from yilian.location import CFLP, LSCP, MCLP, CapacitatedPMedian, PCenter, PMedian

highspy = pytest.importorskip("highspy")

from test_referral import HAND as REFERRAL  # noqa: E402
from test_roster import SCENARIO as ROSTER  # noqa: E402


def optimum(path, gap=0.0):
    """The optimum HiGHS finds for the file at `path` (a proven one: status Optimal)."""
    h = highspy.Highs()
    h.setOptionValue("output_flag", False)
    h.setOptionValue("mip_rel_gap", gap)
    assert h.readModel(str(path)) == highspy.HighsStatus.kOk, path
    h.run()
    assert h.getModelStatus() == highspy.HighsModelStatus.kOptimal, (path, h.getModelStatus())
    return h.getInfo().objective_function_value


def both(write, tmp_path, stem):
    """Writes `stem`.mps and `stem`.lp with `write(path)`; returns their texts and optima."""
    out = {}
    for suffix in ("mps", "lp"):
        path = tmp_path / f"{stem}.{suffix}"
        write(path)
        out[suffix] = (path.read_text(), path)
    return out


def test_rotation_both_formats(hand_scenario, tmp_path):
    for integer in (False, True):
        plan = hand_scenario.solve("rotation", backend="highs", gap=0.0, integer_days=integer)
        files = both(lambda p: hand_scenario.write_model("rotation", p, integer_days=integer), tmp_path, f"rot{integer}")
        for suffix, (text, path) in files.items():
            assert optimum(path) == pytest.approx(plan.objective, rel=1e-9, abs=1e-9), (suffix, integer)
        mps, lp = files["mps"][0], files["lp"][0]
        for name in ("days(P1,A)", "rooms(B)", "demand(D,pediatrics)", "pool_days(P3)", "min_days(C)"):
            assert name in mps and name in lp, name
        assert ("MARKER" in mps) == integer and ("General" in lp) == integer


def test_roster_both_formats(tmp_path):
    s = yilian.Scenario.from_json_str(json.dumps(ROSTER))
    plan = s.solve("roster", backend="highs", gap=0.0, time_limit=20)
    files = both(lambda p: s.write_model("roster", p), tmp_path, "roster")
    for suffix, (text, path) in files.items():
        assert optimum(path) == pytest.approx(24.6, abs=1e-6), suffix
    assert plan.objective == pytest.approx(24.6, abs=1e-6)
    # MPS keeps the ids as they are; LP replaces '-' (an operator there) with '_'.
    assert "at(C1,A,2026-03-02)" in files["mps"][0] and "one_place(C2,2026-03-06)" in files["mps"][0]
    assert "home_cover(H,cardiology,2026-03-03)" in files["mps"][0]
    assert "pool_days(H-card)" in files["mps"][0] and "pool_days(H_card)" in files["lp"][0]
    assert "at(C1,A,2026_03_02)" in files["lp"][0]
    # With a rotation plan as the targets, the file is that roster's program.
    rotation = s.solve("rotation", backend="highs", integer_days=True, gap=0.0)
    with_targets = s.solve("roster", targets=rotation, backend="highs", gap=0.0, time_limit=20)
    s.write_model("roster", tmp_path / "targets.mps", targets=rotation)
    assert optimum(tmp_path / "targets.mps") == pytest.approx(with_targets.objective, abs=1e-6)
    assert "target(A,cardiology,H-card)" in (tmp_path / "targets.mps").read_text()


def test_scanners_both_formats(tmp_path):
    county = yilian.generate_county(2)
    plan = county.solve("scanners", backend="highs", method="mip", gap=0.0)
    files = both(lambda p: county.write_model("scanners", p), tmp_path, "scanners")
    for suffix, (text, path) in files.items():
        assert optimum(path) == pytest.approx(plan.objective, rel=1e-7), suffix
    mps = files["mps"][0]
    site = plan.to_frames()["units"]["site"].iloc[0]
    assert f"capacity({site},CT)" in mps and "add_units(" in mps and "exams(" in mps
    assert "demand(" in mps and "MARKER" in mps


def test_referral_both_formats(tmp_path):
    s = yilian.Scenario.from_json_str(json.dumps(REFERRAL))
    plan = s.solve("referral", backend="highs")
    assert plan.objective == pytest.approx(21460.0)
    files = both(lambda p: s.write_model("referral", p), tmp_path, "referral")
    for suffix, (text, path) in files.items():
        assert optimum(path) == pytest.approx(21460.0, rel=1e-9), suffix
    mps = files["mps"][0]
    for name in ("flow(V,acute,H)", "unmet(V,acute)", "capacity(H,acute)", "recovery(V,rehab,T)",
                 "demand(V,acute)", "recovery_share(V,rehab)"):
        assert name in mps, name


def test_location_models_both_formats(tmp_path):
    rng = np.random.default_rng(7)
    pts = rng.uniform(0, 100, size=(12, 2))
    cost = np.round(np.linalg.norm(pts[:, None, :] - pts[None, :8, :], axis=2), 1)
    weights = rng.integers(1, 10, size=12).astype(float)
    demand = rng.integers(5, 20, size=12).astype(float)
    capacity = np.full(8, demand.sum() / 3)
    clients = [f"town-{i}" for i in range(12)]
    sites = [f"site-{j}" for j in range(8)]
    models = {
        "pmedian": PMedian.from_cost_matrix(cost, weights, p=3),
        "pmedian_textbook": PMedian.from_cost_matrix(cost, weights, p=3, formulation="textbook"),
        "pcenter": PCenter.from_cost_matrix(cost, p=3),
        "pcenter_textbook": PCenter.from_cost_matrix(cost, p=3, formulation="textbook"),
        "mclp": MCLP.from_cost_matrix(cost, weights, service_radius=30.0, p=2),
        "lscp": LSCP.from_cost_matrix(cost, service_radius=60.0),
        "cflp": CFLP.from_cost_matrix(cost, demand=demand, capacity=capacity, fixed_cost=np.full(8, 500.0)),
        "cflp_single": CFLP.from_cost_matrix(
            cost, demand=demand, capacity=capacity, fixed_cost=np.full(8, 500.0), single_source=True
        ),
        "cpmedian": CapacitatedPMedian.from_cost_matrix(cost, weights, p=4, demand=demand, capacity=capacity),
    }
    for label, model in models.items():
        result = model.solve(backend="highs", gap=0)
        files = both(lambda p: model.write(p, clients=clients, sites=sites), tmp_path, label)
        for suffix, (text, path) in files.items():
            assert optimum(path) == pytest.approx(result.objective, rel=1e-9, abs=1e-9), (label, suffix)
        mps = files["mps"][0]
        assert "open(site-0)" in mps and "open(site_0)" in files["lp"][0], label
    textbook = (tmp_path / "pmedian_textbook.mps").read_text()
    assert "assign(town-3,site-5)" in textbook and "link(town-3,site-5)" in textbook
    chain = (tmp_path / "pmedian.mps").read_text()
    assert "beyond(town-0," in chain and "within(town-11," in chain and "closing(town-5)" in chain
    assert "cover(town-2)" in (tmp_path / "mclp.mps").read_text()
    assert "cover(town-2)" in (tmp_path / "lscp.mps").read_text()
    assert "capacity(site-1)" in (tmp_path / "cflp.mps").read_text()
    # Without ids: numbered clients and sites.
    models["mclp"].write(tmp_path / "plain.lp")
    assert "covered(c4)" in (tmp_path / "plain.lp").read_text()


def test_write_errors(hand_scenario, tmp_path):
    cases = [
        (dict(model="rotation", path=tmp_path / "m.txt"), r'^path: ".*m.txt" does not end in .mps or .lp'),
        (dict(model="rotation", path=tmp_path / "m.mps", objective="equity"), r'^objective: "equity" is two programs'),
        (dict(model="rotation", path=tmp_path / "m.mps", days=3), r"^days: applies to the roster model only"),
        (dict(model="rotation", path=tmp_path / "m.mps", joint=True), r"^joint: applies to the referral model only"),
        (dict(model="scanners", path=tmp_path / "m.mps", method="mip"), r"^method: chooses how yilian solves"),
        (dict(model="pmedian", path=tmp_path / "m.mps"), r'^model: "pmedian" is not a model'),
    ]
    for kwargs, message in cases:
        with pytest.raises(yilian.ValidationError, match=message):
            hand_scenario.write_model(**kwargs)
    model = MCLP.from_cost_matrix(np.ones((2, 3)), service_radius=1.0, p=1)
    with pytest.raises(yilian.ValidationError, match=r"^sites: 2 ids given for 3 sites"):
        model.write(tmp_path / "m.lp", sites=["a", "b"])
