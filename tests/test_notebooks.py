"""The notebooks: stored without outputs, and run top to bottom on the venv's own kernel.

nbclient starts the kernel named "python3", which ipykernel installed in the venv provides
(sys.prefix/share/jupyter/kernels/python3, whose "python" jupyter_client replaces with
sys.executable), so nothing is installed outside the venv. Jupyter's, IPython's and
matplotlib's own files go to the test's temporary folder (`jupyter_home`).
"""

from __future__ import annotations

import re
import sys
import time

import nbclient
import nbformat
import pytest

from tests.conftest import ROOT

NOTEBOOKS = ROOT / "notebooks"
PATHS = sorted(NOTEBOOKS.glob("*.ipynb"))
TIME_LIMIT = 120  # seconds per notebook


def test_there_are_two_notebooks():
    assert [p.name for p in PATHS] == ["01-explore.ipynb", "02-events-timeline.ipynb"]


@pytest.mark.parametrize("path", PATHS, ids=lambda p: p.stem)
def test_stored_notebooks_have_no_outputs(path):
    nb = nbformat.read(path, as_version=4)
    nbformat.validate(nb)
    assert nb.metadata.kernelspec.name == "python3"
    code = [c for c in nb.cells if c.cell_type == "code"]
    assert code
    for cell in code:
        assert cell.outputs == [], f"{path.name}: a cell has stored outputs"
        assert cell.execution_count is None, f"{path.name}: a cell has an execution count"


@pytest.fixture
def jupyter_home(tmp_path, monkeypatch):
    """Jupyter's, IPython's and matplotlib's own folders in the test's temporary folder: no
    file is written outside it, and no user-installed "python3" kernel can shadow the venv's.
    """
    for var, name in [
        ("JUPYTER_CONFIG_DIR", "jupyter-config"),
        ("JUPYTER_DATA_DIR", "jupyter-data"),
        ("JUPYTER_RUNTIME_DIR", "jupyter-runtime"),
        ("IPYTHONDIR", "ipython"),
        ("MPLCONFIGDIR", "matplotlib"),
    ]:
        monkeypatch.setenv(var, str(tmp_path / name))
    monkeypatch.setenv("MPLBACKEND", "Agg")
    monkeypatch.setenv("KG_NOTEBOOK_OUT", str(tmp_path / "graph"))
    return tmp_path


def test_the_python3_kernel_is_the_venvs(jupyter_home):
    from jupyter_client.kernelspec import KernelSpecManager

    spec = KernelSpecManager().get_kernel_spec("python3")
    assert spec.resource_dir.startswith(sys.prefix)
    assert spec.argv[0] in ("python", "python3", sys.executable)  # jupyter_client: sys.executable


def _run(path, extra: str) -> tuple[str, float]:
    """Execute a copy of the notebook with `extra` as a last cell; its stream text and seconds."""
    nb = nbformat.read(path, as_version=4)
    nb.cells.append(nbformat.v4.new_code_cell(extra))
    client = nbclient.NotebookClient(
        nb,
        timeout=TIME_LIMIT,
        kernel_name="python3",
        resources={"metadata": {"path": str(NOTEBOOKS)}},
    )
    start = time.perf_counter()
    client.execute()
    seconds = time.perf_counter() - start
    outputs = [o for c in nb.cells if c.cell_type == "code" for o in c.outputs]
    assert not [o for o in outputs if o.output_type == "error"]
    text = "".join(o.get("text", "") for o in outputs if o.output_type == "stream")
    return text, seconds


# The last cell: which python ran the kernel, and how many figures the notebook drew.
PROBE = (
    "import sys, matplotlib.pyplot as plt\n"
    "print(f'prefix={sys.prefix}')\n"
    "print(f'figures={len(plt.get_fignums())}')"
)


@pytest.mark.slow
def test_explore_notebook_runs(jupyter_home):
    text, seconds = _run(NOTEBOOKS / "01-explore.ipynb", PROBE)
    assert seconds < TIME_LIMIT
    assert f"prefix={sys.prefix}\n" in text  # the venv's python ran it
    assert "figures=1\n" in text  # the neighbourhood
    assert (jupyter_home / "graph" / "graph.ttl").exists()  # built where it was told
    assert "13 articles" in text
    assert "FederalSubject" in text  # counts per class
    assert "Vladimir Putin" in text and "Ukraine" in text  # who did what to whom
    assert "statements of this fact" in text  # provenance, checked against the sentence


@pytest.mark.slow
def test_events_notebook_runs(jupyter_home):
    text, seconds = _run(NOTEBOOKS / "02-events-timeline.ipynb", PROBE)
    assert seconds < TIME_LIMIT
    assert f"prefix={sys.prefix}\n" in text
    assert "figures=3\n" in text  # timeline, who acted on whom, modality
    assert re.search(r"\b\d+ events of \d+ types", text)
    assert "asserted" in text  # modality table
    assert "Ruslan Gabbasov" in text  # claims by speaker
    assert "Vladimir Putin —Invasion→ Ukraine" in text
