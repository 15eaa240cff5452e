"""yilian.location: known optima (OR-Library pmed1 and cap41, hand-solved cases whose
optimum is derived in the comments, brute force over every site subset on random
instances), an independent feasibility check of every returned assignment, bad inputs
and pickling."""

import doctest
import itertools
import math
import os
import pathlib
import pickle

import numpy as np
import pandas as pd
import pytest

import yilian
from yilian.location import CFLP, LSCP, MCLP, CapacitatedPMedian, PCenter, PMedian, read_pmed

from conftest import ROOT

# The OR-Library data: $YILIAN_ORLIB, else the copies in crates/yilian/tests/data/orlib
# (BENCHMARK_DATA.md there), as the Rust tests find it.
ORLIB = pathlib.Path(os.environ.get("YILIAN_ORLIB", ROOT / "crates" / "yilian" / "tests" / "data" / "orlib"))

BACKENDS = ["highs", "microlp"]


def exact(backend):
    """Options for a proven optimum: HiGHS with gap 0; microlp at its default gap (1e-4)."""
    return {"gap": 0.0, "time_limit": 60} if backend == "highs" else {"time_limit": 60}


def optimum(folder, name):
    """The published optimum of `name` in <folder>/optima.txt."""
    for line in (ORLIB / folder / "optima.txt").read_text().splitlines():
        parts = line.split()
        if parts and not line.startswith("#") and parts[0] == name:
            return float(parts[1])
    raise KeyError(name)


# ---------------------------------------------------------------------------------
# The independent feasibility check: recomputes everything from the inputs.


def check_solution(r, cost, *, p=None, weights=None, demand=None, capacity=None,
                   single_source=False, forced_open=(), radius=None, fixed_cost=None):
    """Asserts that `r` is feasible and returns the objective recomputed from the
    assignment: each client served once (fractions sum to 1, or uncovered for MCLP),
    only by open sites, open count = p, capacities respected, forced sites open."""
    cost = np.asarray(cost, dtype=float)
    n, m = cost.shape
    w = np.ones(n) if weights is None else np.asarray(weights, dtype=float)
    open_sites = r.open_sites
    assert open_sites == sorted(set(open_sites)), open_sites
    assert all(0 <= j < m for j in open_sites)
    if p is not None:
        assert len(open_sites) == p
    assert set(forced_open) <= set(open_sites)
    assert len(r.assignment) == n
    load = np.zeros(m)
    served_cost = np.zeros(n)
    for i, shares in enumerate(r.assignment):
        if radius is not None and not shares:
            # MCLP: an uncovered client really has no open site within the radius.
            assert all(cost[i, j] > radius for j in open_sites), i
            continue
        assert abs(sum(f for _, f in shares) - 1.0) < 1e-6, (i, shares)
        if single_source:
            assert len(shares) == 1, (i, shares)
        for j, f in shares:
            assert j in open_sites, (i, j)
            assert f > 0
            if radius is not None:
                assert cost[i, j] <= radius
            if demand is not None:
                load[j] += f * demand[i]
            served_cost[i] += f * cost[i, j]
    if capacity is not None:
        assert np.all(load <= np.asarray(capacity) + 1e-6), (load, capacity)
    frame = r.to_frame()
    assert list(frame.columns) == ["client", "site", "fraction", "cost"]
    assert len(frame) == sum(len(a) for a in r.assignment)
    assert np.allclose(frame["cost"], cost[frame["client"], frame["site"]])
    main = r.client_site
    assert main.dtype == np.int64 and main.shape == (n,)
    for i, shares in enumerate(r.assignment):
        assert main[i] == (max(shares, key=lambda s: s[1])[0] if shares else -1)
    total = float(np.sum(w * served_cost))
    if fixed_cost is not None:
        total += float(sum(fixed_cost[j] for j in open_sites))
    return total, w * served_cost


# ---------------------------------------------------------------------------------
# p-median on OR-Library pmed1 (100 vertices, p = 5, published optimum 5819).


def pmed_matrix(path):
    """The pmed file's shortest-path matrix, computed here independently of the Rust
    reader: edges `i j c` (1-based, undirected; a pair listed twice keeps the last
    cost), then Floyd-Warshall."""
    tokens = path.read_text().split()
    n, m, p = int(tokens[0]), int(tokens[1]), int(tokens[2])
    d = np.full((n, n), np.inf)
    np.fill_diagonal(d, 0.0)
    for e in range(m):
        i, j, c = tokens[3 + 3 * e : 6 + 3 * e]
        i, j = int(i) - 1, int(j) - 1
        if i != j:
            d[i, j] = d[j, i] = float(c)
    for k in range(n):
        d = np.minimum(d, d[:, k : k + 1] + d[k : k + 1, :])
    return d, p


def test_pmed1_from_cost_matrix_is_proven_optimal():
    path = ORLIB / "pmed" / "pmed1.txt"
    cost, p = pmed_matrix(path)
    assert cost.shape == (100, 100) and p == 5
    want = optimum("pmed", "pmed1")
    assert want == 5819
    r = PMedian.from_cost_matrix(cost, p=p, formulation="textbook").solve("highs", gap=0, time_limit=120)
    assert r.status == "optimal"
    assert r.objective == pytest.approx(want, abs=1e-6)
    assert r.bound == pytest.approx(want, rel=1e-9)
    got, _ = check_solution(r, cost, p=p)
    assert got == pytest.approx(want, abs=1e-6)
    # Each client at its nearest open site.
    assert np.allclose(cost[np.arange(100), r.client_site], cost[:, r.open_sites].min(axis=1))
    # Textbook: one assignment column per (client, site) pair.
    assert r.size[0] >= 100 * 100 and r.build_seconds >= 0 and r.solve_seconds > 0
    # The Rust reader and from_orlib agree with the matrix computed here.
    rust_cost, rust_p = read_pmed(path)
    assert rust_p == p and np.array_equal(rust_cost, cost)
    r2 = PMedian.from_orlib(path, formulation="radius").solve(gap=0)
    assert r2.status == "optimal" and r2.objective == pytest.approx(want, abs=1e-6)


# ---------------------------------------------------------------------------------
# Hand-solved cases (ported from crates/yilian/tests/location_*.rs, derivations there
# and repeated here). Six points on a line at 0, 1, 2, 6, 7, 10; cost = distance.

POS = np.array([0.0, 1.0, 2.0, 6.0, 7.0, 10.0])
LINE = np.abs(POS[:, None] - POS[None, :])


@pytest.mark.parametrize("backend", BACKENDS)
def test_weighted_pmedian_with_forced_site(backend):
    # Line 0 - 1 - 2 with unit steps; weights 1, 1, 10; p = 1.
    # Median at 2 costs 2*1 + 1*1 + 0 = 3; at 1: 1 + 0 + 10 = 11; at 0: 0 + 1 + 20 = 21.
    # Forcing site 0 open with p = 1 leaves 21.
    c = [[0.0, 1.0, 2.0], [1.0, 0.0, 1.0], [2.0, 1.0, 0.0]]
    w = [1.0, 1.0, 10.0]
    r = PMedian.from_cost_matrix(c, w, p=1).solve(backend, **exact(backend))
    assert r.open_sites == [2] and r.objective == pytest.approx(3.0)
    assert check_solution(r, c, p=1, weights=w)[0] == pytest.approx(3.0)
    r = PMedian.from_cost_matrix(c, w, p=1, forced_open=[0]).solve(backend, **exact(backend))
    assert r.open_sites == [0] and r.objective == pytest.approx(21.0)


@pytest.mark.parametrize("backend", BACKENDS)
def test_pcenter_line(backend):
    # p = 2: client 10 needs a center within < 3 only if one is at 10 (7 is 3 away); then
    # client 6 needs 6 or 7 for < 3, and with p = 2 client 0 is >= 6 away. So the optimum
    # is >= 3, and centers {1, 7} reach it: max(1, 0, 1 | 1, 0, 3) = 3.
    r = PCenter.from_cost_matrix(LINE, p=2).solve(backend, **exact(backend))
    assert r.objective == pytest.approx(3.0)
    _, per_client = check_solution(r, LINE, p=2)
    assert per_client.max() == pytest.approx(3.0)
    # Weighted: client 0 of weight 10 forces a center at 0 (else >= 10);
    # centers {0, 7}: max(0, 1, 2, 1, 0, 3) = 3 still.
    w = [10.0, 1, 1, 1, 1, 1]
    r = PCenter.from_cost_matrix(LINE, w, p=2).solve(backend, **exact(backend))
    assert r.objective == pytest.approx(3.0) and 0 in r.open_sites
    _, per_client = check_solution(r, LINE, p=2, weights=w)
    assert per_client.max() == pytest.approx(3.0)


@pytest.mark.parametrize("backend", BACKENDS)
def test_mclp_line_radius_1(backend):
    # Radius 1 coverage: site@0 {0,1}, @1 {0,1,2}, @2 {1,2}, @6 {6,7}, @7 {6,7}, @10 {10}.
    # Weights 1,1,1,2,2,1: p = 1 best is @6 or @7 (weight 4 > 3); p = 2 adds @1: 4 + 3 = 7;
    # p = 3 adds @10: 8 (all covered).
    w = np.array([1.0, 1.0, 1.0, 2.0, 2.0, 1.0])
    for p, want in [(1, 4.0), (2, 7.0), (3, 8.0)]:
        r = MCLP.from_cost_matrix(LINE, w, service_radius=1.0, p=p).solve(backend, **exact(backend))
        assert r.objective == pytest.approx(want), p
        check_solution(r, LINE, p=p, radius=1.0)
        covered = sum(w[i] for i, a in enumerate(r.assignment) if a)
        assert covered == pytest.approx(want)
    # Forcing @10 with p = 1 covers only weight 1; client 0 is then uncovered.
    r = MCLP.from_cost_matrix(LINE, w, service_radius=1.0, p=1, forced_open=[5]).solve(
        backend, **exact(backend)
    )
    assert r.objective == pytest.approx(1.0) and r.assignment[0] == [] and r.client_site[0] == -1


@pytest.mark.parametrize("backend", BACKENDS)
def test_lscp_line(backend):
    # Radius 1: 10 needs @10, 6 and 7 need @6 or @7, 0 and 2 together only @1: 3 sites.
    # Radius 3: @1 covers {0,1,2}, @7 covers {6,7,10}; no site covers the span 0..10: 2.
    # Radius 0.5: each point only covers itself: 6.
    for radius, want in [(1.0, 3), (3.0, 2), (0.5, 6)]:
        r = LSCP.from_cost_matrix(LINE, service_radius=radius).solve(backend, **exact(backend))
        assert r.objective == pytest.approx(want) and len(r.open_sites) == want
        check_solution(r, LINE, radius=radius)
        assert all(len(a) == 1 for a in r.assignment)
    # Site costs 1, 100, 1, 100, 100, 1 (sites at 0, 1, 2, 6, 7, 10), radius 3. Coverage:
    # @0, @1, @2 each cover {0,1,2}; @6 covers {6,7}; @7 covers {6,7,10}; @10 {7,10}.
    # Point 6 needs @6 or @7 (100 each). With @7, add @0 or @2 (1): 101. With @6, point
    # 10 still needs @7 or @10 and {0,1,2} one more site: at least 102. Optimum 101,
    # two sites, one of them @7 (index 4).
    cost_of_site = [1.0, 100.0, 1.0, 100.0, 100.0, 1.0]
    r = LSCP.from_cost_matrix(LINE, service_radius=3.0, site_cost=cost_of_site).solve(
        backend, **exact(backend)
    )
    assert r.objective == pytest.approx(101.0)
    assert 4 in r.open_sites and len(r.open_sites) == 2
    check_solution(r, LINE, radius=3.0)


def test_lscp_uncoverable_client_is_infeasible():
    with pytest.raises(yilian.InfeasibleError, match=r"client 1 has no site within radius 3 \(nearest at 4\)"):
        LSCP.from_cost_matrix([[1.0, 2.0], [5.0, 4.0]], service_radius=3).solve("microlp")


@pytest.mark.parametrize("backend", BACKENDS)
def test_capacitated_pmedian_line(backend):
    # Same six points, demand 1 each, capacity 3 per site, p = 2.
    # Uncapacitated, {1, 7} costs (1+0+1) + (1+0+3) = 6 and serves 3 + 3: capacities
    # hold, and 6 is the uncapacitated optimum, so 6.
    # Capacities 4,4,4,2,2,4 (sites @6 and @7 hold 2 each): {1,7} would put 3 on @7.
    # Uncapacitated costs of the other pairs: {0,7} 7, {2,7} 7, {1,6} 7, {1,10} 9, ...
    # Repairing to capacities: {0,7} moves 6 or 10 to @0 (12 or more), {2,7} moves 6 to
    # @2 (10), {1,6} moves 10 to @1 (12); {1,10} already fits. Optimum 9 at {1, 10}.
    d = np.ones(6)
    r = CapacitatedPMedian.from_cost_matrix(LINE, p=2, demand=d, capacity=[3.0] * 6).solve(
        backend, **exact(backend)
    )
    assert r.objective == pytest.approx(6.0)
    check_solution(r, LINE, p=2, demand=d, capacity=[3.0] * 6, single_source=True)
    cap = [4.0, 4.0, 4.0, 2.0, 2.0, 4.0]
    r = CapacitatedPMedian.from_cost_matrix(LINE, p=2, demand=d, capacity=cap).solve(
        backend, **exact(backend)
    )
    assert r.objective == pytest.approx(9.0) and r.open_sites == [1, 5]
    got, _ = check_solution(r, LINE, p=2, demand=d, capacity=cap, single_source=True)
    assert got == pytest.approx(9.0)
    with pytest.raises(yilian.InfeasibleError, match="the 2 largest capacities total 4, below total demand 6"):
        CapacitatedPMedian.from_cost_matrix(LINE, p=2, demand=d, capacity=[2.0] * 6).solve(backend)


# CFLP, derived here. Clients of demand 3, 4, 5 (total 12); sites of capacity 10, 6, 8
# and fixed cost 10, 4, 5; cost of serving all of client i from site j:
CFLP_COST = [[1.0, 6.0, 9.0], [8.0, 2.0, 7.0], [9.0, 8.0, 3.0]]
CFLP_DEMAND = [3.0, 4.0, 5.0]
CFLP_CAPACITY = [10.0, 6.0, 8.0]
CFLP_FIXED = [10.0, 4.0, 5.0]
# No single site holds 12. Per unit of demand the costs are: client 0: 1/3, 2, 3;
# client 1: 2, 0.5, 1.75; client 2: 1.8, 1.6, 0.6.
# Split demand (a transportation problem per open set):
#   {0,1}: client 1 -> s1 (2), client 0 -> s0 (1), client 2: 2 units left at s1 (cheaper
#          by 0.2/unit) 3.2 + 3 units at s0 5.4; moving client 1 off s1 costs 1.5/unit:
#          11.6 + fixed 14 = 25.6.
#   {0,2}: client 2 -> s2 (3), client 0 -> s0 (1), client 1: 3 units at s2 5.25 + 1 at
#          s0 2 (making room by moving client 2 costs 1.2/unit > 0.25): 11.25 + 15 = 26.25.
#   {1,2}: client 2 -> s2 (3), client 1 -> s1 (2), client 0: 2 units at s1 4 + 1 at s2 3
#          (moving client 1 to s2 instead costs 1.25/unit > 1): 12 + 9 = 21.
#   {0,1,2}: everyone at their cheapest site (loads 3, 4, 5 fit): 6 + 19 = 25.
# Optimum 21 at {1, 2}. With site 0 forced open: min(25.6, 26.25, 25) = 25.
# Single source: {1,2}: clients 0 and 1 do not both fit s1 (7 > 6); client 0 -> s2 (9),
#   client 1 -> s1 (2), client 2 -> s2 (3), s2 load 8 <= 8: 14 + 9 = 23 (the other
#   fitting choice, 2 -> s1, 0 and 1 -> s2, costs 24 + 9); {0,1}: 1 + 2 + 9 + 14 = 26;
#   {0,2}: 1 + 8 + 3 + 15 = 27; all three: 25. Optimum 23.


@pytest.mark.parametrize("backend", BACKENDS)
def test_cflp_hand_case(backend):
    kw = dict(demand=CFLP_DEMAND, capacity=CFLP_CAPACITY, fixed_cost=CFLP_FIXED)
    r = CFLP.from_cost_matrix(CFLP_COST, **kw).solve(backend, **exact(backend))
    assert r.objective == pytest.approx(21.0) and r.open_sites == [1, 2]
    got, _ = check_solution(r, CFLP_COST, demand=CFLP_DEMAND, capacity=CFLP_CAPACITY, fixed_cost=CFLP_FIXED)
    assert got == pytest.approx(21.0)
    # Client 0 is split: 2/3 at site 1, 1/3 at site 2.
    assert sorted(r.assignment[0]) == [(1, pytest.approx(2 / 3)), (2, pytest.approx(1 / 3))]
    r = CFLP.from_cost_matrix(CFLP_COST, forced_open=[0], **kw).solve(backend, **exact(backend))
    assert r.objective == pytest.approx(25.0) and r.open_sites == [0, 1, 2]
    r = CFLP.from_cost_matrix(CFLP_COST, single_source=True, **kw).solve(backend, **exact(backend))
    assert r.objective == pytest.approx(23.0) and r.open_sites == [1, 2]
    assert [a[0][0] for a in r.assignment] == [2, 1, 2]
    got, _ = check_solution(r, CFLP_COST, demand=CFLP_DEMAND, capacity=CFLP_CAPACITY,
                            fixed_cost=CFLP_FIXED, single_source=True)
    assert got == pytest.approx(23.0)


def test_cflp_cap41_published_optima():
    # OR-Library cap41 (50 customers, 16 warehouses): split-demand optimum from capopt,
    # single-source optimum from the `ss_` line when optima.txt has one.
    path = ORLIB / "cap" / "cap41.txt"
    model = CFLP.from_orlib(path)
    r = model.solve("highs", gap=0, time_limit=60)
    assert r.status == "optimal"
    assert r.objective == pytest.approx(optimum("cap", "cap41"), abs=1e-3)
    got, _ = check_solution(r, model.cost, demand=model.demand, capacity=model.capacity,
                            fixed_cost=model.fixed_cost)
    assert got == pytest.approx(r.objective, rel=1e-9)


# ---------------------------------------------------------------------------------
# Brute force: on small random Euclidean instances every subset of sites is tried.


def random_instance(seed, n=25, m=8):
    rng = np.random.default_rng(seed)
    clients, sites = rng.uniform(0, 100, (n, 2)), rng.uniform(0, 100, (m, 2))
    cost = np.sqrt(((clients[:, None, :] - sites[None, :, :]) ** 2).sum(axis=2))
    return cost, rng.integers(1, 10, n).astype(float)


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_pmedian_pcenter_mclp_lscp_match_brute_force(seed):
    cost, w = random_instance(seed)
    n, m = cost.shape
    p = 3
    subsets = [list(s) for s in itertools.combinations(range(m), p)]
    best_median = min(float((w * cost[:, s].min(axis=1)).sum()) for s in subsets)
    best_center = min(float((w * cost[:, s].min(axis=1)).max()) for s in subsets)
    radius = float(np.median(cost))
    best_cover = max(float(w[(cost[:, s] <= radius).any(axis=1)].sum()) for s in subsets)
    r = PMedian.from_cost_matrix(cost, w, p=p).solve(gap=0)
    assert r.status == "optimal" and r.objective == pytest.approx(best_median, rel=1e-9)
    assert check_solution(r, cost, p=p, weights=w)[0] == pytest.approx(best_median, rel=1e-9)
    for formulation in ("covering", "elloumi", "textbook"):
        r = PCenter.from_cost_matrix(cost, w, p=p, formulation=formulation).solve(gap=0)
        assert r.objective == pytest.approx(best_center, rel=1e-7), formulation
        assert check_solution(r, cost, p=p, weights=w)[1].max() == pytest.approx(best_center, rel=1e-7)
        # Every formulation proves it (the textbook's was not checked): the optimum is
        # a candidate radius, so the backend's bound rounds up to the plan's radius.
        assert r.status == "optimal" and r.bound == r.objective and r.gap == 0.0, formulation
    r = MCLP.from_cost_matrix(cost, w, service_radius=radius, p=p).solve(gap=0)
    assert r.objective == pytest.approx(best_cover, rel=1e-9)
    check_solution(r, cost, p=p, radius=radius)
    # LSCP: the smallest k with a covering subset of size k.
    radius = float(np.quantile(cost.min(axis=1), 1.0)) + 20.0
    k_min = next(
        k for k in range(1, m + 1)
        if any((cost[:, list(s)] <= radius).any(axis=1).all() for s in itertools.combinations(range(m), k))
    )
    r = LSCP.from_cost_matrix(cost, service_radius=radius).solve(gap=0)
    assert r.objective == pytest.approx(k_min) and len(r.open_sites) == k_min
    check_solution(r, cost, radius=radius)


# ---------------------------------------------------------------------------------
# Bad inputs: ValidationError naming the argument (and the entry) with the value.

SQUARE = np.arange(9, dtype=float).reshape(3, 3)


@pytest.mark.parametrize(
    "build, message",
    [
        (lambda: PMedian(np.array([[1.0, 2.0], [np.nan, 0.0]]), p=1), r"^cost\[1\]\[0\]: NaN must be a finite number >= 0$"),
        (lambda: PMedian([[1.0, -2.0]], p=1), r"^cost\[0\]\[1\]: -2 must be a finite number >= 0$"),
        (lambda: PMedian(np.array([[1.0, np.inf]]), p=1), r"^cost\[0\]\[1\]: inf must be a finite number >= 0$"),
        (lambda: PMedian(np.ones(3), p=1), r"^cost: expected a 2-D array \(clients x sites\), found an array of shape \(3,\)$"),
        (lambda: PMedian(np.ones((2, 2, 2)), p=1), r"^cost: expected a 2-D array \(clients x sites\), found an array of shape \(2, 2, 2\)$"),
        (lambda: PMedian(np.zeros((0, 3)), p=1), r"^cost: the matrix is empty \(0 clients x 3 sites\)"),
        (lambda: PMedian([[1.0, 2.0], [3.0]], p=1), r"^cost: cannot be read as an array of numbers"),
        (lambda: PMedian(np.array([["1", "2"]]), p=1), r"^cost: expected numbers, found dtype <U1$"),
        (lambda: PMedian(np.array([[1 + 2j]]), p=1), r"^cost: expected numbers, found dtype complex128$"),
        (lambda: PMedian(np.array([[True, False]]), p=1), r"^cost: expected numbers, found dtype bool$"),
        (lambda: PMedian(np.array([[1.0, "x"]], dtype=object), p=1), r"^cost: expected numbers, found dtype object"),
        (lambda: PMedian(SQUARE, p=1.5), r"^p: 1\.5 must be a whole number$"),
        (lambda: PMedian(SQUARE, p=-2), r"^p: -2 must be at least 1$"),
        (lambda: PMedian(SQUARE, p=1, forced_open=[0, "a"]), r"^forced_open\[1\]: 'a' is not a site index$"),
        (lambda: PMedian(SQUARE, np.array(["a", "b", "c"]), p=1), r"^weights: expected numbers, found dtype <U1$"),
        (lambda: PMedian(SQUARE, np.ones((3, 1)), p=1), r"^weights: expected a 1-D array, found an array of shape \(3, 1\)$"),
        (lambda: PMedian(SQUARE, p=1, formulation="fast"), r"^formulation: \"fast\" is unknown"),
        (lambda: PCenter(SQUARE, p=1, formulation="radius"), r"^formulation: \"radius\" is unknown"),
        (lambda: MCLP(SQUARE, service_radius="far", p=1), r"^service_radius: 'far' is not a number$"),
        (lambda: CFLP(SQUARE, demand=[1, 1, np.nan], capacity=[5] * 3, fixed_cost=[1] * 3).solve(), r"^demand\[2\]: NaN must be a finite number >= 0$"),
    ],
)
def test_bad_inputs_at_construction(build, message):
    with pytest.raises(yilian.ValidationError, match=message):
        build()


@pytest.mark.parametrize(
    "model, message",
    [
        (PMedian(SQUARE, p=4), r"^p: 4 exceeds the number of sites \(3\)$"),
        (PMedian(SQUARE, p=0), r"^p: 0 must be at least 1$"),
        (PCenter(SQUARE, p=9), r"^p: 9 exceeds the number of sites \(3\)$"),
        (MCLP(SQUARE, service_radius=1, p=5), r"^p: 5 exceeds the number of sites \(3\)$"),
        (CapacitatedPMedian(SQUARE, p=4, demand=[1] * 3, capacity=[9] * 3), r"^p: 4 exceeds the number of sites \(3\)$"),
        (PMedian(SQUARE, [1.0, 2.0], p=1), r"^weights: 2 values given for 3 clients$"),
        (PMedian(SQUARE, [1.0, -1.0, 1.0], p=1), r"^weights\[1\]: -1 must be a finite number >= 0$"),
        (PMedian(SQUARE, p=1, forced_open=[5]), r"^forced_open\[0\]: site 5 does not exist \(there are 3 sites\)$"),
        (PMedian(SQUARE, p=1, forced_open=[0, 1]), r"^forced_open: 2 sites forced open exceed p \(1\)$"),
        (PCenter(SQUARE, p=1, forced_open=[0, 1]), r"^forced_open: 2 sites forced open exceed p \(1\)$"),
        (MCLP(SQUARE, service_radius=-1, p=1), r"^service_radius: -1 must be a finite number >= 0$"),
        (LSCP(SQUARE, service_radius=math.nan), r"^service_radius: NaN must be a finite number >= 0$"),
        (LSCP(SQUARE, service_radius=9, site_cost=[1, 1]), r"^site_cost: 2 values given for 3 sites$"),
        (CFLP(SQUARE, demand=[1, 1], capacity=[5] * 3, fixed_cost=[1] * 3), r"^demand: 2 values given for 3 clients$"),
        (CFLP(SQUARE, demand=[1] * 3, capacity=[5, -5, 5], fixed_cost=[1] * 3), r"^capacity\[1\]: -5 must be a finite number >= 0$"),
        (CFLP(SQUARE, demand=[1] * 3, capacity=[5] * 3, fixed_cost=[1] * 4), r"^fixed_cost: 4 values given for 3 sites$"),
    ],
)
def test_bad_inputs_at_solve(model, message):
    with pytest.raises(yilian.ValidationError, match=message):
        model.solve("microlp", time_limit=5)


def test_bad_solver_options():
    model = PMedian(SQUARE, p=1)
    with pytest.raises(yilian.ValidationError, match=r"^time_limit: -1 must be"):
        model.solve(time_limit=-1)
    with pytest.raises(yilian.ValidationError, match=r"^gap: NaN must be a finite number >= 0"):
        model.solve(gap=math.nan)
    with pytest.raises(yilian.ValidationError, match=r"^threads: "):
        model.solve(threads=0)
    with pytest.raises(yilian.SolverError, match=r"^backend: 'gurobi' is not a known backend"):
        model.solve("gurobi")
    with pytest.raises(yilian.ValidationError, match=r"^time_limit: 'soon' is not a number$"):
        model.solve(time_limit="soon")


def test_inputs_converted_without_changing_values():
    # Integer, float32, Fortran-ordered, DataFrame and list inputs give the same matrix.
    c = np.array([[0, 4, 9], [3, 0, 7], [8, 6, 0], [5, 5, 5]])
    want = c.astype(float)
    for variant in (c, c.astype(np.float32), np.asfortranarray(want), pd.DataFrame(want), want.tolist(),
                    want.astype(">f8"), want[:, ::-1][:, ::-1]):
        m = PMedian.from_cost_matrix(variant, pd.Series([1, 2, 3, 4]), p=2)
        assert m.shape == (4, 3)
        assert np.array_equal(m.cost, want)
        assert m.cost.dtype == np.float64
    # Sites 0 and 2 ... checked by brute force over the three pairs: weights 1..4.
    w = np.array([1, 2, 3, 4.0])
    best = min((w * want[:, list(s)].min(axis=1)).sum() for s in itertools.combinations(range(3), 2))
    assert PMedian.from_cost_matrix(c, w, p=2).solve(gap=0).objective == pytest.approx(best)


# ---------------------------------------------------------------------------------
# Pickling.


def test_models_and_results_pickle():
    cost, w = random_instance(7, n=12, m=5)
    models = [
        PMedian.from_cost_matrix(cost, w, p=2, forced_open=[1], formulation="radius"),
        PCenter.from_cost_matrix(cost, w, p=2),
        MCLP.from_cost_matrix(cost, w, service_radius=40.0, p=2),
        LSCP.from_cost_matrix(cost, service_radius=60.0, site_cost=np.arange(1, 6.0)),
        CFLP.from_cost_matrix(cost, demand=w, capacity=[40.0] * 5, fixed_cost=[100.0] * 5, single_source=True),
        CapacitatedPMedian.from_cost_matrix(cost, p=3, demand=w, capacity=[30.0] * 5),
    ]
    for model in models:
        again = pickle.loads(pickle.dumps(model))
        assert type(again) is type(model) and repr(again) == repr(model)
        assert np.array_equal(again.cost, model.cost)
        r = model.solve(gap=0)
        r2 = again.solve(gap=0)
        assert r2.objective == pytest.approx(r.objective, rel=1e-9) and r2.open_sites == r.open_sites
        back = pickle.loads(pickle.dumps(r))
        assert back == r
        for attr in ("objective", "bound", "gap", "status", "open_sites", "assignment", "model",
                     "backend", "size", "build_seconds", "solve_seconds", "clients", "sites"):
            assert getattr(back, attr) == getattr(r, attr), attr
        pd.testing.assert_frame_equal(back.to_frame(), r.to_frame())
    assert pickle.loads(pickle.dumps(models[3])).service_radius == 60.0
    assert pickle.loads(pickle.dumps(models[4])).single_source is True


def test_time_limit_status_is_honest():
    # A p-median stopped after 1 ms either has no solution yet (SolverError saying so),
    # or returns one whose status is honest: "optimal" only with a gap known and within
    # the tolerance of 1e-4 (README, "What the status means").
    cost, w = random_instance(11, n=150, m=60)
    try:
        r = PMedian.from_cost_matrix(cost, w, p=8).solve(time_limit=0.001)
    except yilian.SolverError as e:
        assert "within the time limit of 0.001 s" in str(e) or "before the limit" in str(e), str(e)
        return
    # No gap was asked: never gap_limit. Without a bound nothing proves the plan; with
    # one, the gap is (objective - bound) / max(|objective|, 1) and the status follows
    # it (docs/status.md).
    assert r.status in ("optimal", "time_limit", "feasible"), r.status
    if r.bound is None:
        assert r.gap is None and r.status != "optimal"
    else:
        assert r.bound <= r.objective * (1 + 1e-6)
        assert r.gap == pytest.approx((r.objective - r.bound) / max(abs(r.objective), 1.0), abs=1e-12)
        assert (r.status == "optimal") == (r.gap <= 1e-4), (r.status, r.gap)
    check_solution(r, cost, p=8, weights=w)


def test_module_docstring_example():
    import yilian.location as loc

    failures, tried = doctest.testmod(loc, verbose=False)
    assert tried >= 3 and failures == 0


def test_gil_is_released_while_solving():
    # A solve runs in a thread while this thread keeps running Python: if the GIL were
    # held during the solve, this thread would stall for the whole solve.
    import threading
    import time

    cost, p = pmed_matrix(ORLIB / "pmed" / "pmed2.txt")  # 100 vertices, p = 10: about 1 s
    # The textbook formulation: the radius default proves pmed2 too fast to time.
    model = PMedian.from_cost_matrix(cost, p=p, formulation="textbook")
    box = {}

    def work():
        t0 = time.perf_counter()
        box["result"] = model.solve("highs", gap=0, time_limit=120, threads=1)
        box["seconds"] = time.perf_counter() - t0

    t = threading.Thread(target=work)
    ticks = [time.perf_counter()]
    t.start()
    while t.is_alive():
        ticks.append(time.perf_counter())
        time.sleep(0.001)
    t.join()
    ticks.append(time.perf_counter())
    assert box["result"].objective == pytest.approx(optimum("pmed", "pmed2"))
    assert box["seconds"] > 0.2, "the solve was too short to tell"
    longest_stall = max(b - a for a, b in zip(ticks, ticks[1:]))
    assert longest_stall < 0.5 * box["seconds"], (longest_stall, box["seconds"])


def test_orlib_reader_errors_name_the_file(tmp_path):
    with pytest.raises(yilian.ValidationError, match="nope.txt"):
        PMedian.from_orlib(tmp_path / "nope.txt")
    bad = tmp_path / "bad.txt"
    bad.write_text("3 2 1\n1 4 5\n2 3 1\n")
    with pytest.raises(yilian.ValidationError, match=r"edge 0 vertex j: 4 is outside 1..=3"):
        read_pmed(bad)
    with pytest.raises(yilian.ValidationError, match="capacity"):
        CFLP.from_orlib(ORLIB / "cap" / "capa.txt")
    assert CFLP.from_orlib(ORLIB / "cap" / "capa.txt", capacity=8000.0).shape == (1000, 100)


def test_pmedian_from_points_metrics_and_tsplib(tmp_path):
    # Four points (0,0), (3,4), (10,0), (10,2). Floored Euclidean distances computed
    # here: d(0,1) = 5, d(2,3) = 2, d(1,3) = floor(7.28) = 7, ...; p = 2 opens one site
    # per pair: 5 + 2 = 7. Unrounded, the same plan costs 5 + 2 = 7 as well, and the
    # matrix must equal numpy's distances.
    pts = np.array([[0.0, 0.0], [3.0, 4.0], [10.0, 0.0], [10.0, 2.0]])
    exact_d = np.sqrt(((pts[:, None, :] - pts[None, :, :]) ** 2).sum(axis=2))
    m = PMedian.from_points(pts, p=2)
    assert np.allclose(m.cost, exact_d)
    floor = PMedian.from_points(pts, p=2, metric="euclidean-floor")
    assert np.array_equal(floor.cost, np.floor(exact_d))
    for formulation in ["auto", "benders", "radius"]:
        r = PMedian.from_points(pts, p=2, metric="euclidean-floor", formulation=formulation).solve(
            "highs", gap=0
        )
        assert r.status == "optimal" and r.objective == 7.0
        check_solution(r, np.floor(exact_d), p=2)
    # Separate sites; haversine on (longitude, latitude): Paris and London to a site at
    # Paris: 0 and 343.557 km (the haversine formula on the 6371.0088 km sphere).
    h = PMedian.from_points([[2.3522, 48.8566], [-0.1278, 51.5074]], [[2.3522, 48.8566]], p=1,
                            metric="haversine")
    assert h.shape == (2, 1)
    assert h.cost[0, 0] == 0.0 and h.cost[1, 0] == pytest.approx(343.5565, abs=1e-3)
    with pytest.raises(yilian.ValidationError, match=r"^metric: \"manhattan\" is unknown"):
        PMedian.from_points(pts, p=1, metric="manhattan")
    with pytest.raises(yilian.ValidationError, match=r"^clients\[0\]\[1\]: latitude 95 is outside"):
        PMedian.from_points([[0.0, 95.0]], p=1, metric="haversine")
    with pytest.raises(yilian.ValidationError, match=r"^clients: expected an n x 2 array"):
        PMedian.from_points(np.zeros((3, 3)), p=1)
    # The same points as a TSPLIB file.
    tsp = tmp_path / "four.tsp"
    tsp.write_text("NAME: four\nDIMENSION: 4\nEDGE_WEIGHT_TYPE: EUC_2D\nNODE_COORD_SECTION\n"
                   "1 0 0\n2 3 4\n3 10 0\n4 10 2\nEOF\n")
    t = PMedian.from_tsplib(tsp, p=2)
    assert np.array_equal(t.cost, np.floor(exact_d))
    bad = tmp_path / "bad.tsp"
    bad.write_text("DIMENSION: 5\nEDGE_WEIGHT_TYPE: EUC_2D\nNODE_COORD_SECTION\n1 0 0\n")
    with pytest.raises(yilian.ValidationError, match=r"DIMENSION is 5 but NODE_COORD_SECTION holds 1 nodes"):
        PMedian.from_tsplib(bad, p=1)
