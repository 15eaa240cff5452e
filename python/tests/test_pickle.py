"""Scenario and Plan survive pickling (for process pools and cluster engines)."""

import concurrent.futures
import pickle

import pytest

import yilian


def test_scenario_pickle_round_trip(hand_scenario):
    s2 = pickle.loads(pickle.dumps(hand_scenario))
    assert s2 == hand_scenario
    assert s2.to_json() == hand_scenario.to_json()
    county = yilian.generate_county(5)
    assert pickle.loads(pickle.dumps(county, protocol=pickle.HIGHEST_PROTOCOL)) == county


def test_plan_pickle_round_trip(hand_scenario):
    plan = hand_scenario.solve("rotation", backend="highs")
    p2 = pickle.loads(pickle.dumps(plan))
    assert p2.objective == plan.objective
    assert p2.status == plan.status
    assert p2.to_json() == plan.to_json()
    assert p2.duals == plan.duals
    assert p2.check() == []
    assert p2.scenario == hand_scenario


def _solve(scenario):
    return scenario.solve("rotation", backend="highs")


def test_process_pool_ships_scenarios_and_plans(hand_scenario):
    with concurrent.futures.ProcessPoolExecutor(max_workers=2) as pool:
        plans = list(pool.map(_solve, [hand_scenario, yilian.generate_city(2)]))
    assert plans[0].objective == pytest.approx(128.9, abs=1e-6)
    assert plans[1].check() == []


def test_threads_solve_concurrently():
    # The GIL is released while solving: threads run side by side and agree.
    county = yilian.generate_county(4)
    with concurrent.futures.ThreadPoolExecutor(max_workers=3) as pool:
        objs = list(pool.map(lambda _: county.solve(backend="highs").objective, range(3)))
    assert objs[0] == objs[1] == objs[2]


def test_pickled_plans_are_exact_to_the_last_bit():
    county = yilian.Scenario.from_json(__import__("conftest").ROOT / "examples" / "county.json")
    plan = county.solve(backend="highs")
    again = pickle.loads(pickle.dumps(plan))
    assert again.to_json() == plan.to_json()
    assert again.to_frames()["assignments"].equals(plan.to_frames()["assignments"])
