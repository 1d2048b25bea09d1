"""notebooks/explore.ipynb runs headless from top to bottom (nbclient, an ipykernel kernel from this
environment); any cell error, including the notebook's own assertions, fails the test."""

from __future__ import annotations

from pathlib import Path

import pytest

NOTEBOOK = Path(__file__).resolve().parent.parent / "notebooks" / "explore.ipynb"


def test_explore_notebook_runs_without_errors() -> None:
    nbformat = pytest.importorskip("nbformat", reason="the notebook tools are not installed (pip install -e '.[dev]')")
    nbclient = pytest.importorskip("nbclient")
    notebook = nbformat.read(NOTEBOOK, as_version=4)
    assert not any(cell.get("outputs") for cell in notebook.cells if cell.cell_type == "code")  # stored clean
    client = nbclient.NotebookClient(notebook, timeout=600, kernel_name="python3",
                                     resources={"metadata": {"path": str(NOTEBOOK.parent)}})
    client.execute()
    outputs = [output for cell in notebook.cells if cell.cell_type == "code" for output in cell.outputs]
    assert not [o for o in outputs if o.output_type == "error"]
    assert "5 documents" in "".join(o.get("text", "") for o in outputs if o.output_type == "stream")
    assert any("image/png" in o.get("data", {}) for o in outputs)  # the figure was drawn
