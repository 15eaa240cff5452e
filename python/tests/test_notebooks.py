"""The model notebooks in examples/notebooks run from top to bottom (nbclient).

Each notebook asserts its own numbers (every plan passes its checker; the US hospitals
notebook asserts yilian's and spopt's objectives equal), so an error output fails
here, and so does a missing figure or marker line. With ``YILIAN_NOTEBOOK_OUT`` set,
the executed notebooks (with their outputs) are written there for the documentation
site, which renders them without running them again.
"""

import os
import pathlib

import pytest

from conftest import ROOT

NOTEBOOKS = ROOT / "examples" / "notebooks"

# notebook -> text its outputs must contain (printed by its last checks)
CASES = {
    "rotation": "rotation objectives compared",
    "roster": "roster calendar checked",
    "scanners": "scanner flows drawn",
    "location": "location models solved",
    "referral": "referral flows drawn",
    "share": "nucleolus in core",
    "sweep": "sweep drawn",
    "us_hospitals": "objectives equal: True",
}


def _tools():
    if os.environ.get("YILIAN_REQUIRE_NOTEBOOK") == "1":
        import nbclient
        import nbformat
    else:
        nbclient = pytest.importorskip("nbclient")
        nbformat = pytest.importorskip("nbformat")
        pytest.importorskip("matplotlib")
        pytest.importorskip("ipykernel")
    if os.environ.get("YILIAN_REQUIRE_GEO") != "1":
        pytest.importorskip("geopandas")
        pytest.importorskip("spopt")
    return nbclient, nbformat


def run_notebook(path: pathlib.Path):
    """Executes the notebook at ``path``; returns it with its outputs (and saves a copy
    in ``$YILIAN_NOTEBOOK_OUT`` when set)."""
    nbclient, nbformat = _tools()
    nb = nbformat.read(path, as_version=4)
    client = nbclient.NotebookClient(
        nb, timeout=300, kernel_name="python3", resources={"metadata": {"path": str(path.parent)}}
    )
    client.execute()
    out = os.environ.get("YILIAN_NOTEBOOK_OUT")
    if out:
        pathlib.Path(out).mkdir(parents=True, exist_ok=True)
        nbformat.write(nb, pathlib.Path(out) / path.name)
    return nb


@pytest.mark.parametrize("name", sorted(CASES))
def test_model_notebook_runs(name):
    nb = run_notebook(NOTEBOOKS / f"{name}.ipynb")
    outputs = [o for c in nb.cells if c.cell_type == "code" for o in c.get("outputs", [])]
    errors = [o for o in outputs if o.get("output_type") == "error"]
    assert not errors, errors[0].get("evalue") if errors else ""
    text = "".join(str(o.get("data", {}).get("text/plain", "")) + o.get("text", "") for o in outputs)
    assert CASES[name] in text
    assert any("image/png" in o.get("data", {}) for o in outputs) or name == "share" and "Share" in text


def test_county_notebook_runs():
    """The county notebook (examples/notebooks/county.ipynb): maps and a policy comparison."""
    nb = run_notebook(NOTEBOOKS / "county.ipynb")
    outputs = [o for c in nb.cells if c.cell_type == "code" for o in c.get("outputs", [])]
    assert not [o for o in outputs if o.get("output_type") == "error"]
    text = "".join(str(o.get("data", {}).get("text/plain", "")) + o.get("text", "") for o in outputs)
    assert any("image/png" in o.get("data", {}) for o in outputs)
    assert "township minimum" in text and "rotation plan" in text and "scanner plan" in text


def test_every_notebook_is_tested():
    """A notebook added to examples/notebooks without a case here fails this test."""
    found = {p.stem for p in NOTEBOOKS.glob("*.ipynb")}
    assert found == set(CASES) | {"county"}
