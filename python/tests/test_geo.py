"""GeoDataFrames in and out (yilian.geo, the [geo] extra) with real geopandas.

Every expected number is derived apart from yilian: coordinates by pyproj's own
transformer, optima by enumerating every set of sites with numpy distances, and
spopt's answer (PuLP + CBC) on the same frames.
"""

import itertools
import json
import math
import os

import numpy as np
import pytest

import yilian
from conftest import hand_frames

if os.environ.get("YILIAN_REQUIRE_GEO") == "1":
    import geopandas as gpd
    import pyproj
    import shapely
else:
    gpd = pytest.importorskip("geopandas")
    pyproj = pytest.importorskip("pyproj")
    shapely = pytest.importorskip("shapely")
from shapely.geometry import LineString, Point, Polygon  # noqa: E402

from yilian.location import CFLP, LSCP, MCLP, CapacitatedPMedian, PCenter, PMedian  # noqa: E402

# PuLP 3 warns of its 4.0 API on every variable spopt creates.
pytestmark = pytest.mark.filterwarnings("ignore::DeprecationWarning:pulp")

# The hand case's five institutions at these longitudes and latitudes.
LONLAT = [(120.0, 30.0), (120.05, 30.02), (120.1, 29.97), (119.95, 30.05), (120.2, 30.1)]
UTM = "EPSG:32651"  # UTM zone 51N, metres


def _hand_geoframe(crs=UTM):
    institutions, pools, links, policy = hand_frames()
    to = pyproj.Transformer.from_crs("EPSG:4326", crs, always_xy=True)
    pts = [Point(*to.transform(lon, lat)) for lon, lat in LONLAT]
    return gpd.GeoDataFrame(institutions, geometry=pts, crs=crs), pools, links, policy


def test_scenario_from_geodataframe_reads_points_in_any_crs():
    gdf, pools, links, policy = _hand_geoframe()
    s = yilian.Scenario.from_geodataframe(gdf, pools, links, policy, name="hand")
    locs = [i["location"] for i in json.loads(s.to_json())["institutions"]]
    for (lon, lat), got in zip(LONLAT, locs):
        assert got["lon"] == pytest.approx(lon, abs=1e-9) and got["lat"] == pytest.approx(lat, abs=1e-9)
    # The same scenario as from plain frames with those coordinates: the hand-solved optimum.
    institutions, pools, links, policy = hand_frames()
    institutions["lon"], institutions["lat"] = zip(*LONLAT)
    plain = yilian.Scenario.from_frames(institutions, pools, links, policy, name="hand")
    a, b = s.solve("rotation", backend="highs"), plain.solve("rotation", backend="highs")
    assert a.objective == pytest.approx(b.objective, rel=1e-12)
    assert yilian.geo.scenario_from_geodataframe(gdf, pools, links, policy, name="hand") == s


def test_scenario_from_geodataframe_errors_name_the_row_and_column():
    gdf, pools, links, policy = _hand_geoframe()
    with pytest.raises(yilian.ValidationError, match=r"^institutions\.geometry: the GeoDataFrame has no CRS"):
        yilian.Scenario.from_geodataframe(gdf.set_crs(None, allow_override=True), pools)
    bad = gdf.copy()
    bad.loc[2, "geometry"] = Polygon([(0, 0), (1, 0), (1, 1)])
    with pytest.raises(
        yilian.ValidationError, match=r"^institutions\[2\]\.geometry: a Polygon \(id 'B'\), expected a Point"
    ):
        yilian.Scenario.from_geodataframe(bad, pools)
    bad.loc[2, "geometry"] = None
    with pytest.raises(yilian.ValidationError, match=r"^institutions\[2\]\.geometry: missing geometry \(id 'B'\)"):
        yilian.Scenario.from_geodataframe(bad, pools)
    with pytest.raises(yilian.ValidationError, match=r"^institutions\.lon: the frame has both a geometry"):
        yilian.Scenario.from_geodataframe(gdf.assign(lon=0.0), pools)
    with pytest.raises(yilian.ValidationError, match=r"^institutions: the GeoDataFrame has no active geometry"):
        yilian.Scenario.from_geodataframe(gpd.GeoDataFrame(hand_frames()[0]), pools)
    with pytest.raises(yilian.ValidationError, match=r"^institutions: expected a geopandas GeoDataFrame"):
        yilian.Scenario.from_geodataframe(hand_frames()[0], pools)
    # The core's own checks still run: an unknown tier names its row.
    with pytest.raises(yilian.ValidationError, match=r"institutions\[0\]\.tier"):
        yilian.Scenario.from_geodataframe(gdf.assign(tier="palace"), pools, links, policy)


def test_rotation_plan_to_geodataframe():
    gdf, pools, links, policy = _hand_geoframe()
    plan = yilian.Scenario.from_geodataframe(gdf, pools, links, policy).solve("rotation", backend="highs")
    flows = plan.to_geodataframe()
    assert flows.crs == "EPSG:4326" and set(flows.geom_type) == {"LineString"}
    assigned = plan.to_frames()["assignments"]
    assert flows["days"].sum() == pytest.approx(plan.total_days) and len(flows) == len(assigned)
    where = dict(zip("HABCD", LONLAT))
    for _, row in flows.iterrows():
        assert row["from"] == "H"  # every pool lives at H
        start, end = row.geometry.coords
        assert start == pytest.approx(where["H"]) and end == pytest.approx(where[row["to"]])
    points = plan.to_geodataframe("institutions")
    assert list(points["id"]) == list("HABCD") and set(points.geom_type) == {"Point"}
    got = points.set_index("id")["days_received"]
    expected = assigned.groupby("host")["days"].sum()
    for host, days in expected.items():
        assert got[host] == pytest.approx(days)
    assert math.isnan(got["H"])  # nothing is sent to H
    with pytest.raises(yilian.ValidationError, match=r"^layer: 'roads' is unknown"):
        plan.to_geodataframe("roads")


def test_scanner_plan_to_geodataframe():
    county = yilian.generate_county(2)
    plan = county.solve("scanners", backend="highs", method="mip")
    flows = plan.to_geodataframe("flows")
    frames = plan.to_frames()
    assert flows["exams"].sum() == pytest.approx(frames["flows"]["exams"].sum())
    where = {i["id"]: (i["location"]["lon"], i["location"]["lat"]) for i in json.loads(county.to_json())["institutions"]}
    for _, row in flows.head(20).iterrows():
        assert row.geometry.coords[0] == pytest.approx(where[row["institution"]])
        assert row.geometry.coords[-1] == pytest.approx(where[row["site"]])
    points = plan.to_geodataframe("institutions").set_index("id")
    units = frames["units"].assign(u=lambda f: f["kept"] + f["added"]).groupby("site")["u"].sum()
    for site, n in units.items():
        assert points.loc[site, "units"] == n


# ---- location models ---------------------------------------------------------------


def _toy(seed=3, n=9, m=6):
    """n demand points and m candidate sites in UTM metres, weights, capacities."""
    rng = np.random.default_rng(seed)
    # about 30 N on the zone's central meridian (123 E), where UTM's scale is 0.9996
    d = rng.uniform(0, 10_000, (n, 2)) + (495_000, 3_320_000)
    s = rng.uniform(0, 10_000, (m, 2)) + (495_000, 3_320_000)
    demand = gpd.GeoDataFrame(
        {"pop": rng.integers(1, 20, n).astype(float), "need": rng.integers(1, 6, n).astype(float)},
        geometry=[Point(*p) for p in d], crs=UTM,
    )
    sites = gpd.GeoDataFrame(
        {"beds": rng.integers(15, 30, m).astype(float), "fixed": rng.integers(500, 900, m).astype(float),
         "existing": [False] * (m - 1) + [True]},
        geometry=[Point(*p) for p in s], crs=UTM,
    )
    dist = np.hypot(d[:, None, 0] - s[None, :, 0], d[:, None, 1] - s[None, :, 1])
    return demand, sites, dist


def _subsets(m, p, forced=()):
    for c in itertools.combinations(range(m), p):
        if set(forced) <= set(c):
            yield list(c)


def test_pmedian_pcenter_mclp_lscp_match_enumeration():
    demand, sites, dist = _toy()
    w = demand["pop"].to_numpy()
    m = dist.shape[1]
    for forced in ((), (m - 1,)):
        col = "existing" if forced else None
        r = PMedian.from_geodataframe(demand, sites, "geometry", "geometry", "pop", 2,
                                      predefined_facility_col=col).solve(gap=0)
        best = min(_subsets(m, 2, forced), key=lambda c: (w * dist[:, c].min(axis=1)).sum())
        assert r.objective == pytest.approx((w * dist[:, best].min(axis=1)).sum(), rel=1e-9)
        assert set(forced) <= set(r.open_sites)
        r = PCenter.from_geodataframe(demand, sites, "geometry", "geometry", 2, col).solve()
        assert r.objective == pytest.approx(min(dist[:, c].min(axis=1).max() for c in _subsets(m, 2, forced)))
    radius = 3_000.0
    r = MCLP.from_geodataframe(demand, sites, "geometry", "geometry", "pop", radius, 2).solve(gap=0)
    assert r.objective == pytest.approx(max(w[(dist[:, c] <= radius).any(axis=1)].sum() for c in _subsets(m, 2)))
    radius = float(dist.min(axis=1).max())  # every point reachable by some site
    r = LSCP.from_geodataframe(demand, sites, "geometry", "geometry", radius).solve(gap=0)
    fewest = next(k for k in range(1, m + 1) if any((dist[:, c] <= radius).any(axis=1).all() for c in _subsets(m, k)))
    assert r.objective == fewest
    r = LSCP.from_geodataframe(demand, sites, "geometry", "geometry", radius, site_cost_col="fixed").solve(gap=0)
    f = sites["fixed"].to_numpy()
    cheapest = min(f[c].sum() for k in range(1, m + 1) for c in _subsets(m, k) if (dist[:, c] <= radius).any(axis=1).all())
    assert r.objective == pytest.approx(cheapest)


def test_capacities_come_from_the_sites_and_demand_from_the_clients():
    """spopt's LSCP.from_geodataframe once passed capacities as demand and demand as
    capacities (pysal/spopt#410): every capacity larger than the demand then looked too
    small. Here each site could serve all demand alone (beds 15-29 > need 1-5 each), so a
    swap would give different numbers; the optimum must be the enumerated one."""
    demand, sites, dist = _toy(seed=5, n=6, m=4)
    need, beds, fixed = (demand["need"].to_numpy(), sites["beds"].to_numpy(), sites["fixed"].to_numpy())
    model = CFLP.from_geodataframe(demand, sites, "geometry", "geometry", "need", "beds", "fixed", single_source=True)
    assert model.demand == list(need) and model.capacity == list(beds) and model.fixed_cost == list(fixed)
    assert np.allclose(model.cost, dist * need[:, None])
    r = model.solve(gap=0)

    def single_source_cost(open_):
        # cheapest assignment of each client to one open site within capacities (brute force)
        best = math.inf
        for assign in itertools.product(open_, repeat=len(need)):
            load = np.zeros(len(beds))
            np.add.at(load, list(assign), need)
            if (load <= beds).all():
                best = min(best, sum(dist[i, j] * need[i] for i, j in enumerate(assign)))
        return best + fixed[list(open_)].sum()

    m = len(beds)
    opt = min(single_source_cost(c) for k in range(1, m + 1) for c in _subsets(m, k))
    assert r.objective == pytest.approx(opt, rel=1e-9)

    # Capacitated p-median: demand is the "need" column, capacity the "beds" column, here
    # half the total need plus one at every site, so that the capacities bind.
    tight = sites.assign(beds=np.full(m, need.sum() / 2 + 1))
    model = CapacitatedPMedian.from_geodataframe(demand, tight, "geometry", "geometry", "pop", 2, "beds",
                                                 demand_quantity_col="need")
    assert model.demand == list(need) and model.capacity == list(tight["beds"])
    r = model.solve(gap=0)
    w, cap = demand["pop"].to_numpy(), tight["beds"].to_numpy()
    best = math.inf
    for c in _subsets(m, 2):
        for assign in itertools.product(c, repeat=len(need)):
            load = np.zeros(m)
            np.add.at(load, list(assign), need)
            if (load <= cap).all():
                best = min(best, sum(w[i] * dist[i, j] for i, j in enumerate(assign)))
    assert r.objective == pytest.approx(best, rel=1e-9)
    # spopt's idiom: PMedian with facility_capacity_col is the capacitated p-median with
    # the weights as demand.
    model = PMedian.from_geodataframe(demand, tight, "geometry", "geometry", "need", 2, facility_capacity_col="beds")
    assert isinstance(model, CapacitatedPMedian) and model.demand == list(need)


def test_location_lines_join_each_client_to_its_site():
    demand, sites, dist = _toy()
    r = PMedian.from_geodataframe(demand, sites, "geometry", "geometry", "pop", 2).solve(gap=0)
    lines = yilian.geo.location_lines(r, demand, sites.to_crs(epsg=3857))
    assert lines.crs == demand.crs and len(lines) == len(demand)
    # each line is as long as its client's distance to the open site serving it
    assert np.allclose(lines.length, [dist[i, j] for i, j in zip(lines["client"], lines["site"])], rtol=1e-6)
    assert set(lines["site"]) == set(r.open_sites)
    with pytest.raises(yilian.ValidationError, match=r"^demand, sites: 8 and 6 rows, but the result has 9 clients"):
        yilian.geo.location_lines(r, demand.iloc[:8], sites)


def test_haversine_and_crs_conversion():
    demand, sites, dist = _toy()
    wgs = demand.to_crs(epsg=4326), sites.to_crs(epsg=4326)
    h = PMedian.from_geodataframe(*wgs, "geometry", "geometry", "pop", 2, distance_metric="haversine")
    core = PMedian.from_points(
        np.column_stack([wgs[0].geometry.x, wgs[0].geometry.y]),
        np.column_stack([wgs[1].geometry.x, wgs[1].geometry.y]), p=2, metric="haversine",
    )
    assert np.allclose(h.cost, core.cost, rtol=1e-12)
    # pyproj's geodesics on the same sphere, in metres.
    sphere = pyproj.Geod(a=6371008.8, b=6371008.8)
    x1, y1 = wgs[0].geometry.x.to_numpy(), wgs[0].geometry.y.to_numpy()
    x2, y2 = wgs[1].geometry.x.to_numpy(), wgs[1].geometry.y.to_numpy()
    for i in range(len(x1)):
        _, _, metres = sphere.inv(np.full(len(x2), x1[i]), np.full(len(x2), y1[i]), x2, y2)
        assert np.allclose(h.cost[i] * 1000, metres, rtol=1e-9)
    # and the UTM distances, within the sphere's difference from the ellipsoid (< 0.5 %)
    assert np.allclose(h.cost * 1000, dist, rtol=5e-3)
    # Sites in another CRS are converted to the demand's for euclidean distances.
    e = PMedian.from_geodataframe(demand, sites.to_crs(epsg=3857), "geometry", "geometry", "pop", 2)
    assert np.allclose(e.cost, dist, rtol=1e-6)
    with pytest.warns(UserWarning, match="geographic CRS"):
        PMedian.from_geodataframe(*wgs, "geometry", "geometry", "pop", 2)


def test_location_errors_name_frame_row_and_column():
    demand, sites, _ = _toy()
    with pytest.raises(yilian.ValidationError, match=r"^sites\.capacity: missing column"):
        CFLP.from_geodataframe(demand, sites, "geometry", "geometry", "need", "capacity", "fixed")
    with pytest.raises(yilian.ValidationError, match=r"^demand\.where: missing column"):
        PMedian.from_geodataframe(demand, sites, "where", "geometry", "pop", 2)
    bad = demand.copy()
    bad.loc[4, "geometry"] = LineString([(0, 0), (1, 1)])
    with pytest.raises(yilian.ValidationError, match=r"^demand\[4\]\.geometry: a LineString, expected a Point"):
        MCLP.from_geodataframe(bad, sites, "geometry", "geometry", "pop", 1.0, 2)
    with pytest.raises(yilian.ValidationError, match=r"^facility_capacity_col: yilian's LSCP has no capacities; use CFLP"):
        LSCP.from_geodataframe(demand, sites, "geometry", "geometry", 1.0, facility_capacity_col="beds")
    with pytest.raises(yilian.ValidationError, match=r"^sites\.geometry: the GeoDataFrame has no CRS"):
        LSCP.from_geodataframe(demand, sites.set_crs(None, allow_override=True), "geometry", "geometry", 1.0)
    with pytest.raises(yilian.ValidationError, match=r"^sites\[1\]\.existing: 'yes' \(expected True/False or 1/0\)"):
        PMedian.from_geodataframe(demand, sites.assign(existing=[False, "yes", True, 0, 1, False]), "geometry", "geometry", "pop", 2,
                                  predefined_facility_col="existing")
    with pytest.raises(yilian.ValidationError, match=r"^distance_metric: 'manhattan' is unknown"):
        PMedian.from_geodataframe(demand, sites, "geometry", "geometry", "pop", 2, distance_metric="manhattan")
    with pytest.raises(yilian.ValidationError, match=r"^demand\[0\]\.pop: NaN"):
        PMedian.from_geodataframe(demand.assign(pop=np.nan), sites, "geometry", "geometry", "pop", 2)
    # The core's checks at solve time: p larger than the number of sites.
    with pytest.raises(yilian.ValidationError, match=r"^p: 7 exceeds the number of sites \(6\)"):
        PMedian.from_geodataframe(demand, sites, "geometry", "geometry", "pop", 7).solve()


def test_same_optimum_as_spopt_on_the_same_frames():
    """spopt (PuLP + CBC) builds its own distance matrix from the same frames."""
    if os.environ.get("YILIAN_REQUIRE_GEO") == "1":
        import pulp
        import spopt.locate as sp
    else:
        pulp = pytest.importorskip("pulp")
        sp = pytest.importorskip("spopt.locate")
    demand, sites, _ = _toy(seed=11, n=40, m=15)
    cbc = pulp.PULP_CBC_CMD(msg=False)
    ours = PMedian.from_geodataframe(demand, sites, "geometry", "geometry", "pop", 4).solve(gap=0)
    theirs = sp.PMedian.from_geodataframe(demand, sites, "geometry", "geometry", "pop", 4).solve(cbc)
    assert ours.objective == pytest.approx(theirs.problem.objective.value(), rel=1e-6)
    ours = MCLP.from_geodataframe(demand, sites, "geometry", "geometry", "pop", 2_500.0, 3).solve(gap=0)
    theirs = sp.MCLP.from_geodataframe(demand, sites, "geometry", "geometry", "pop", 2_500.0, 3).solve(cbc)
    assert ours.objective == pytest.approx(theirs.problem.objective.value(), rel=1e-6)
