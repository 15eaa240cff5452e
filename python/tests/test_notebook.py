"""The county notebook runs from top to bottom (nbclient)."""

import os

import pytest

from conftest import ROOT

NOTEBOOK = ROOT / "examples" / "notebooks" / "county.ipynb"


def test_county_notebook_runs():
    if os.environ.get("YILIAN_REQUIRE_NOTEBOOK") == "1":
        import nbclient
        import nbformat
    else:
        nbclient = pytest.importorskip("nbclient")
        nbformat = pytest.importorskip("nbformat")
        pytest.importorskip("matplotlib")
        pytest.importorskip("ipykernel")
    nb = nbformat.read(NOTEBOOK, as_version=4)
    client = nbclient.NotebookClient(
        nb, timeout=300, kernel_name="python3", resources={"metadata": {"path": str(NOTEBOOK.parent)}}
    )
    client.execute()
    out = os.environ.get("YILIAN_NOTEBOOK_OUT")  # for the documentation site
    if out:
        os.makedirs(out, exist_ok=True)
        nbformat.write(nb, os.path.join(out, NOTEBOOK.name))
    outputs = [o for c in nb.cells if c.cell_type == "code" for o in c.get("outputs", [])]
    assert not [o for o in outputs if o.get("output_type") == "error"]
    text = "".join(str(o.get("data", {}).get("text/plain", "")) + o.get("text", "") for o in outputs)
    assert any("image/png" in o.get("data", {}) for o in outputs)
    assert "township minimum" in text and "rotation plan" in text and "scanner plan" in text
