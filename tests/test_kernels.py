"""Tests for helpers.kernels and the build's kernels started ahead: same notebooks, no kernel left."""
import json
import os

import nbformat
import papermill as pm
import psutil
import pytest

from helpers import paths
from helpers.kernels import WarmKernel, notebook_imports

from conftest import make_workdir, run_build

pytestmark = pytest.mark.slow


def _kernels_of(workdir) -> list[psutil.Process]:
    """Running kernel processes started for the work folder ``workdir``."""
    found = []
    for proc in psutil.process_iter(["cmdline"]):
        try:
            if "ipykernel_launcher" in " ".join(proc.info["cmdline"] or []) and \
                    proc.environ().get("NEWS_TONE_WORKDIR") == str(workdir):
                found.append(proc)
        except (psutil.NoSuchProcess, psutil.AccessDenied):
            continue
    return found


def test_notebook_imports_are_the_notebooks_own():
    """The modules come from the import statements of the code cells, magics and all."""
    modules = notebook_imports(paths.NOTEBOOKS / "article_report.ipynb")
    assert {"pandas", "matplotlib.pyplot", "helpers.htmlreport"} <= set(modules)
    assert "helpers.vader" not in modules and "nltk" not in modules
    assert len(modules) == len(set(modules))


def test_warm_kernel_runs_the_notebook_as_a_fresh_one(built, tmp_path, monkeypatch):
    """Same outputs and execution counts as papermill's own kernel; nothing of the warm-up left in
    the namespace; the kernel is gone after shutdown."""
    monkeypatch.setenv("NEWS_TONE_WORKDIR", str(built.path))
    notebook = paths.NOTEBOOKS / "01_clean.ipynb"
    kernel = WarmKernel(notebook, extra_imports=["json"])
    pid = kernel.km.provisioner.pid
    try:
        pm.execute_notebook(str(notebook), str(tmp_path / "warm.ipynb"), km=kernel.km, progress_bar=False,
                            cwd=str(paths.NOTEBOOKS), parameters={"jobs": 1})
        outputs = []
        client = kernel.km.blocking_client()
        client.start_channels()
        reply = client.execute_interactive("print(sorted(k for k in dir() if k.startswith('_w')))",
                                           store_history=False, timeout=30,
                                           output_hook=lambda msg: outputs.append(msg))
        client.stop_channels()
    finally:
        kernel.shutdown()
    assert not psutil.pid_exists(pid) or psutil.Process(pid).status() == psutil.STATUS_ZOMBIE
    pm.execute_notebook(str(notebook), str(tmp_path / "cold.ipynb"), progress_bar=False,
                        cwd=str(paths.NOTEBOOKS), parameters={"jobs": 1})
    warm, cold = (nbformat.read(tmp_path / f"{n}.ipynb", as_version=4) for n in ("warm", "cold"))
    code = [(c.execution_count, c.outputs) for c in warm.cells if c.cell_type == "code"]
    assert code == [(c.execution_count, c.outputs) for c in cold.cells if c.cell_type == "code"]
    assert code[0][0] == 1
    assert reply["content"]["status"] == "ok"
    printed = [m["content"]["text"] for m in outputs if m["msg_type"] == "stream"]
    assert printed == ["[]\n"]


def test_build_leaves_no_kernel_running(tmp_path):
    """Kernels started ahead for stages and reports, used or not, are all shut down."""
    workdir = make_workdir(tmp_path)
    for n in range(4):                      # more reports than workers: spare kernels are started
        (workdir / "data" / "raw" / f"copy{n}.txt").write_bytes(
            (workdir / "data" / "raw" / "000_0ba03db089b0c025.txt").read_bytes().replace(b"Washington", b"Moscow"))
    result = run_build(workdir)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "9 notebook(s) executed" in result.stdout      # 2 stages, 6 article reports, the corpus report
    reports = json.loads((workdir / "data" / "processed" / ".build" / "reported.json").read_text())
    assert len(reports) == 6
    assert _kernels_of(workdir) == []
    # A build with nothing to run starts no kernel at all, and a failed one leaves none either.
    assert run_build(workdir).returncode == 0
    bad = run_build(workdir, "--force", "--set", "smoothing_window=0")
    assert bad.returncode != 0
    assert _kernels_of(workdir) == []
    assert os.listdir(workdir / "data" / "raw")


def test_measuring_kernel_imports_what_measure_corpus_imports_late(seed_article):
    """The helpers modules measure_corpus imports only when it runs are in the build's list, so
    the measuring notebook's kernel started ahead has them (nltk, scikit-learn) ready."""
    import subprocess
    import sys

    code = (
        "import sys, pandas as pd\n"
        "from helpers import pipeline\n"
        "from helpers.io import RawFile\n"
        "from helpers.clean import Cleaner\n"
        "from conftest import SEED\n"
        "before = set(sys.modules)\n"
        "tables = pipeline.clean_corpus([RawFile('seed', SEED.name, SEED)], Cleaner())\n"
        "pipeline.measure_corpus(tables['paragraphs'], tables['articles'])\n"
        "print(sorted(m for m in set(sys.modules) - before if m.startswith('helpers.')))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True,
                         cwd=paths.ROOT / "tests").stdout
    from helpers.build import LAZY_IMPORTS

    assert set(eval(out)) <= set(LAZY_IMPORTS["02_measure"])
    assert set(LAZY_IMPORTS["02_measure"]) <= set(eval(out))
