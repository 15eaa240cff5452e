"""The native module converts and delegates: it never imports the ``yilian`` package that
wraps it (issue 21). A fresh interpreter imports yilian, forgets every ``yilian.*``
module but the extension and refuses to import them again; then every entry point that
once called back into the package (frames in, overrides, pickling, maps in and out) must
still work."""

import os
import subprocess
import sys
import textwrap

from conftest import ROOT

SCRIPT = textwrap.dedent(
    """
    import importlib.util
    import pickle
    import sys

    import numpy as np

    import yilian
    from yilian import _yilian
    from conftest import hand_frames

    class Refuse:
        def find_spec(self, name, path=None, target=None):
            if name.startswith("yilian.") and name != "yilian._yilian":
                raise ImportError(f"the extension imported {name}")
            return None

    for name in [m for m in sys.modules if m.startswith("yilian.") and m != "yilian._yilian"]:
        del sys.modules[name]
    sys.meta_path.insert(0, Refuse())

    institutions, pools, links, policy = hand_frames()
    s = _yilian.Scenario.from_frames(institutions, pools, links, policy, name="hand")
    s = s.with_overrides({"policy.budget": np.float64(1e6)})
    plan = s.solve("rotation")
    assert pickle.loads(pickle.dumps(plan)).to_json() == plan.to_json()
    assert pickle.loads(pickle.dumps(s)) == s
    model = _yilian.PMedian.from_cost_matrix(np.array([[0.0, 1.0], [1.0, 0.0]]), p=1)
    result = model.solve()
    assert pickle.loads(pickle.dumps(model)).solve().objective == result.objective
    assert pickle.loads(pickle.dumps(result)) == result

    if importlib.util.find_spec("geopandas") is not None:
        import geopandas as gpd
        from shapely.geometry import Point

        points = [Point(120.0 + 0.05 * i, 30.0 + 0.01 * i) for i in range(len(institutions))]
        gdf = gpd.GeoDataFrame(institutions, geometry=points, crs="EPSG:4326")
        mapped = _yilian.Scenario.from_geodataframe(gdf, pools, links, policy, name="hand")
        assert len(mapped.solve("rotation").to_geodataframe("institutions")) == len(institutions)
        sites = gdf[["id", "geometry"]]
        built = _yilian.PMedian.from_geodataframe(
            gdf, sites, "geometry", "geometry", None, 2, distance_metric="haversine"
        )
        lines = _yilian._location_lines(built.solve(), gdf, sites)
        assert len(lines) == len(institutions)
    print("no callbacks")
    """
)


def test_the_extension_never_imports_the_package_back():
    env = dict(os.environ, PYTHONPATH=os.pathsep.join([str(ROOT / "python" / "tests")] + sys.path))
    run = subprocess.run(
        [sys.executable, "-c", SCRIPT], capture_output=True, text=True, env=env, timeout=300
    )
    assert run.returncode == 0, run.stderr
    assert run.stdout.strip() == "no callbacks"
