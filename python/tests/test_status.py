"""What a plan's status, bound, gap and stages say (README, "What the status means")."""

import json

import pytest

import yilian

STATUSES = {"optimal", "gap_limit", "time_limit", "feasible"}


def _highs():
    if "highs" not in yilian.backends():
        pytest.skip("needs HiGHS")


def test_county_scanners_without_a_limit_are_optimal_not_time_limit():
    """No time limit and no gap asked: HiGHS stops at the stated tolerance (1e-4) and the
    plan says "optimal" (it said "time_limit" before), with HiGHS's bound below the
    objective and the gap recomputed from it."""
    _highs()
    plan = yilian.generate_county(1).solve("scanners", backend="highs")
    assert plan.status == "optimal", plan.notes
    assert plan.bound is not None and plan.gap is not None
    assert plan.bound <= plan.objective
    assert plan.gap == pytest.approx((plan.objective - plan.bound) / max(abs(plan.objective), 1.0), abs=1e-12)
    assert plan.gap <= 1e-4
    assert plan.stages == []
    assert json.loads(plan.to_json())["status"] == "optimal"


def test_coverage_has_two_stages_and_a_bound_on_the_objective_scale():
    """Coverage: the bound is in unmet exams like the objective (it was on an internal
    scale above the objective before), and the least-travel stage is reported."""
    _highs()
    plan = yilian.generate_county(1).solve("scanners", backend="highs", objective="coverage")
    assert plan.check() == []
    assert plan.bound is not None and plan.bound <= plan.objective + 1e-6
    assert [s["stage"] for s in plan.stages] == [
        "fewest unmet exams",
        "least travel (exam-minutes) at that coverage",
    ]
    first, second = plan.stages
    assert first["objective"] == pytest.approx(plan.objective, abs=1e-6)
    travel = sum(f["minutes"] * f["exams"] for f in json.loads(plan.to_json())["flows"])
    assert second["objective"] == pytest.approx(travel, rel=1e-9)
    assert {first["status"], second["status"]} <= STATUSES
    order = ["optimal", "gap_limit", "feasible", "time_limit"]
    assert plan.status == max(first["status"], second["status"], key=order.index)
    assert json.loads(plan.to_json())["stages"][1]["objective"] == pytest.approx(second["objective"])


def test_equity_keeps_both_stages():
    plan = yilian.generate_county(1).solve("rotation", objective="equity")
    assert plan.check() == []
    assert [s["status"] for s in plan.stages] == ["optimal", "optimal"]
    assert plan.stages[1]["objective"] == pytest.approx(plan.objective, rel=1e-9)
    # An LP solved to optimality is its own bound.
    assert plan.bound == pytest.approx(plan.stages[1]["objective"], rel=1e-9)
    assert plan.gap == 0.0
    assert plan.status == "optimal"


def test_weighted_rotation_reports_bound_and_gap():
    plan = yilian.generate_county(1).solve("rotation")
    assert plan.status == "optimal"
    assert plan.bound == pytest.approx(plan.objective, rel=1e-9)
    assert plan.gap == 0.0
    assert plan.stages == []
    assert "gap=0.000e0" in repr(plan)
