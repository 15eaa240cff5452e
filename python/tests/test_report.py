"""Reports from Python (issue 8): the core's measures as DataFrames, checked against
independent numpy computations, and the plots."""

import math

import numpy as np
import pandas as pd
import pytest

import yilian
from conftest import ROOT


def np_gini(x, w):
    """Weighted Gini by all pairs: sum_ij w_i w_j |x_i - x_j| / (2 W^2 mean)."""
    x, w = np.asarray(x, float), np.asarray(w, float)
    mean = (w * x).sum() / w.sum()
    return (np.outer(w, w) * np.abs(x[:, None] - x[None, :])).sum() / (2 * w.sum() ** 2 * mean)


def np_theil(x, w, groups):
    """Theil T = sum_i s_i ln(x_i / mean) with s_i the share of the total held by i, and
    its split: between = sum_g S_g ln(mean_g / mean), within = total - between
    (= sum_g S_g T_g)."""
    x, w, groups = np.asarray(x, float), np.asarray(w, float), np.asarray(groups)
    mean = (w * x).sum() / w.sum()
    r = x / mean
    terms = np.where(r > 0, r * np.log(np.where(r > 0, r, 1.0)), 0.0)
    total = (w * terms).sum() / w.sum()
    between = 0.0
    within = 0.0
    for g in np.unique(groups):
        m = groups == g
        mean_g = (w[m] * x[m]).sum() / w[m].sum()
        share = (w[m] * x[m]).sum() / (w * x).sum()
        if mean_g > 0:
            between += share * math.log(mean_g / mean)
            rg = x[m] / mean_g
            tg = (w[m] * np.where(rg > 0, rg * np.log(np.where(rg > 0, rg, 1.0)), 0.0)).sum() / w[m].sum()
            within += share * tg
    return total, within, between


def test_gini_hand_values():
    # 1, 2, 3, 4 unweighted: sum of |differences| over ordered pairs = 20, W = 4, mean 2.5:
    # 20 / (2 * 16 * 2.5) = 0.25.
    assert yilian.gini([1, 2, 3, 4]) == pytest.approx(0.25, abs=1e-12)
    # Perfect equality and one holder of everything (n = 2, equal weights): 0 and 1/2.
    assert yilian.gini([5, 5, 5]) == pytest.approx(0.0, abs=1e-12)
    assert yilian.gini([0, 10]) == pytest.approx(0.5, abs=1e-12)
    assert yilian.gini([0, 0]) is None


def test_gini_and_theil_match_numpy():
    rng = np.random.default_rng(11)
    x = rng.gamma(2.0, 3.0, size=300)
    x[:5] = 0.0
    w = rng.integers(100, 20000, size=300).astype(float)
    groups = [["a", "b", "c"][k % 3] for k in range(300)]
    assert yilian.gini(list(x), list(w)) == pytest.approx(np_gini(x, w), rel=1e-10)
    total, within, between = yilian.theil(list(x), list(w), groups)
    t, wi, be = np_theil(x, w, groups)
    assert total == pytest.approx(t, rel=1e-10)
    assert within == pytest.approx(wi, rel=1e-9)
    assert between == pytest.approx(be, rel=1e-9, abs=1e-12)
    assert within + between == pytest.approx(total, rel=1e-10)


def test_inequality_errors_name_the_field():
    with pytest.raises(yilian.ValidationError, match=r"weights: 1 weights given for 2 values"):
        yilian.gini([1.0, 2.0], [1.0])
    with pytest.raises(yilian.ValidationError, match=r"values\[1\]: NaN must be a finite number >= 0"):
        yilian.gini([1.0, float("nan")])
    with pytest.raises(yilian.ValidationError, match=r"weights\[0\]: -1 must be"):
        yilian.theil([1.0, 2.0], [-1.0, 1.0])
    with pytest.raises(yilian.ValidationError, match=r"groups: 1 groups given for 2 values"):
        yilian.theil([1.0, 2.0], None, ["a"])


@pytest.fixture(scope="module")
def county_plan():
    s = yilian.Scenario.from_json(ROOT / "examples" / "county.json")
    return s.solve("rotation", backend="highs")


def test_county_report_frames_and_independent_equity(county_plan):
    r = yilian.report(county_plan, catchment_minutes=30.0)
    assert r.model == "rotation"
    inst = r.institutions
    assert set(inst.index) == set(county_plan.scenario.institution_ids)
    # The plan sends specialists out: the population within reach rises.
    share = r.measures.loc["population share within reach (mean over services)"]
    assert share["after"] > share["before"]
    # The report's Gini and Theil equal numpy's on its own per-institution table.
    pop = inst["population"].to_numpy(float)
    keep = pop > 0
    for col, when in (("access_before", "before"), ("access_after", "after")):
        x = inst[col].to_numpy(float)[keep]
        assert r.measures.loc["gini of accessibility", when] == pytest.approx(np_gini(x, pop[keep]), rel=1e-9)
        t, wi, be = np_theil(x, pop[keep], inst["tier"].to_numpy()[keep])
        assert r.measures.loc["theil of accessibility", when] == pytest.approx(t, rel=1e-9)
        assert r.measures.loc["theil between tiers", when] == pytest.approx(be, rel=1e-8, abs=1e-12)
    # Utilisation of the pools is the plan's own days.
    util = r.utilisation
    pools = util[util["kind"] == "pool"]
    assert pools["used"].sum() == pytest.approx(county_plan.total_days, rel=1e-9)
    assert set(r.to_frames()) == {"institutions", "coverage", "by_tier", "by_district", "measures", "utilisation", "arcs"}


def test_compare_two_policies(county_plan):
    s = county_plan.scenario
    other = s
    a = yilian.report(county_plan)
    b = yilian.report(other.solve("rotation", backend="highs", objective="equity"))
    cmp = a.compare(b)
    assert list(cmp.columns) == ["a", "b", "difference"]
    row = cmp.loc["gini of accessibility"]
    assert row["a"] == pytest.approx(a.measures.loc["gini of accessibility", "after"])
    assert row["b"] == pytest.approx(b.measures.loc["gini of accessibility", "after"])
    assert row["difference"] == pytest.approx(row["b"] - row["a"])


def test_scanner_report_and_plots(tmp_path):
    matplotlib = pytest.importorskip("matplotlib")
    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    s = yilian.Scenario.from_json(ROOT / "examples" / "county.json")
    plan = s.solve("scanners", backend="highs", gap=0.01)
    r = yilian.report(plan, decay="e2sfca")
    assert r.model == "scanners" and len(r.arcs) > 0
    ax = r.plot_map()
    assert len(ax.collections) >= 3 and len(ax.lines) > 0
    path = tmp_path / "map.png"
    ax.figure.savefig(path, dpi=60)
    img = plt.imread(path)
    assert img.std() > 0.01  # not blank
    ax2 = r.plot_access()
    assert len(ax2.patches) > 0
    plt.close("all")


def test_report_errors(county_plan):
    with pytest.raises(yilian.ValidationError, match=r"catchment_minutes: -5 must be"):
        yilian.report(county_plan, catchment_minutes=-5)
    with pytest.raises(yilian.ValidationError, match=r"decay: \"linear\" is not one of"):
        yilian.report(county_plan, decay="linear")
