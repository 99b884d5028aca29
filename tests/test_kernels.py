"""Tests for helpers.kernels and the build's kernels started ahead: same notebooks, no kernel left."""

import json
from pathlib import Path

import nbformat
import papermill as pm
import psutil
import pytest

from conftest import blocked_figures, run_build
from helpers import paths
from helpers.build.kernels import WarmKernel, notebook_imports

pytestmark = pytest.mark.slow


def _kernels_of(workdir) -> list[psutil.Process]:
    """Running kernel processes started for the work folder ``workdir``."""
    found = []
    for proc in psutil.process_iter(["cmdline"]):
        try:
            if "ipykernel_launcher" in " ".join(proc.info["cmdline"] or []) and proc.environ().get("NEWS_TONE_WORKDIR") == str(workdir):
                found.append(proc)
        except (psutil.NoSuchProcess, psutil.AccessDenied):
            continue
    return found


def test_notebook_imports_are_the_notebooks_own():
    """The modules come from the import statements of the code cells, magics and all."""
    modules = notebook_imports(paths.NOTEBOOKS / "article_report.ipynb")
    assert {"matplotlib.pyplot", "helpers.report.data", "helpers.report.html"} <= set(modules)
    assert "helpers.measures.vader" not in modules and "nltk" not in modules
    assert len(modules) == len(set(modules))


_PROBE = (
    "import sys; ip = get_ipython(); "
    "print(sorted(dir()), ip.history_manager.hist_file, ip.execution_count, "
    "sorted(f.__qualname__ for fs in ip.events.callbacks.values() for f in fs), "
    "sys.modules.get('matplotlib') and __import__('matplotlib').get_backend())"
)


def _run_and_probe(kernel: WarmKernel, notebook, out, parameters) -> tuple[nbformat.NotebookNode, str]:
    """Run ``notebook`` in ``kernel`` with papermill, then print the kernel's state."""
    try:
        pm.execute_notebook(str(notebook), str(out), km=kernel.km, progress_bar=False, cwd=str(paths.NOTEBOOKS), parameters=parameters)
        client = kernel.km.blocking_client()
        client.start_channels()
        printed = []
        client.execute_interactive(
            _PROBE,
            store_history=False,
            timeout=30,
            output_hook=lambda msg: printed.append(msg["content"]["text"]) if msg["msg_type"] == "stream" else None,
        )
        client.stop_channels()
    finally:
        kernel.shutdown()
    return nbformat.read(out, as_version=4), "".join(printed)


def test_warm_kernel_runs_the_notebook_as_a_fresh_one(built, tmp_path, monkeypatch):
    """A report run in a warmed-up kernel has the outputs and execution counts of one run in the
    same kernel without warm-up, and leaves it in the same state (names, history in memory,
    IPython hooks, plotting backend); nbclient's own kernel gives the same outputs; the kernel
    is gone after shutdown."""
    monkeypatch.setenv("NEWS_TONE_WORKDIR", str(built.path))
    notebook = paths.NOTEBOOKS / "article_report.ipynb"
    parameters = {"article_id": "000_0ba03db089b0c025"}
    warm = WarmKernel(notebook)
    assert {"helpers.report.data", "helpers.figures.article"} <= set(warm.modules) and "matplotlib.pyplot" not in warm.modules
    pid = warm.km.provisioner.pid
    warm_nb, warm_state = _run_and_probe(warm, notebook, tmp_path / "warm.ipynb", parameters)
    assert not psutil.pid_exists(pid) or psutil.Process(pid).status() == psutil.STATUS_ZOMBIE
    cold_nb, cold_state = _run_and_probe(WarmKernel(notebook, warm=False), notebook, tmp_path / "cold.ipynb", parameters)
    assert warm_state == cold_state
    assert ":memory:" in warm_state and warm_state.strip().lower().endswith("agg") and "'_w'" not in warm_state
    pm.execute_notebook(str(notebook), str(tmp_path / "own.ipynb"), progress_bar=False, cwd=str(paths.NOTEBOOKS), parameters=parameters)
    own_nb = nbformat.read(tmp_path / "own.ipynb", as_version=4)
    cells = [[(c.execution_count, c.outputs) for c in nb.cells if c.cell_type == "code"] for nb in (warm_nb, cold_nb, own_nb)]
    assert cells[0] == cells[1] == cells[2]
    assert cells[0][0][0] == 1 and len(cells[0]) > 5


def test_build_leaves_no_kernel_running(built, own_build):
    """Kernels started ahead for stages and reports, used or not, are all shut down: after the first
    build (the shared one), after a build with new articles, and after failing ones."""
    assert _kernels_of(built.path) == []
    workdir = own_build  # the shared build's copy: its first build is not paid again
    # more reports (3 article reports and the corpus report) than workers (2): spare kernels are started
    (workdir / "data" / "raw" / "copy0.txt").write_bytes(
        (workdir / "data" / "raw" / "000_0ba03db089b0c025.txt").read_bytes().replace(b"Washington", b"Moscow")
    )
    result = run_build(workdir)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "6 notebook(s) executed" in result.stdout  # 2 stages, 3 article reports, the corpus report
    reports = json.loads((workdir / "data" / "processed" / ".build" / "reported.json").read_text())
    assert len(reports) == 3
    assert _kernels_of(workdir) == []
    # Failing in a report, or in a stage while the report workers' kernels warm up: none is left.
    # (A folder without the rating sets passes the build's checks and fails in 02_measure.)
    # A report parameter reruns only the article reports; the news scorer reruns the stages.
    for settings, in_a_stage in ((["smoothing_window=4"], False), (["sentiment_scorer=news", f"scorer_training_dir={workdir}"], True)):
        with blocked_figures(workdir, "copy0"):  # the report of copy0 fails in a cell
            bad = run_build(workdir, *(a for s in settings for a in ("--set", s)))
        assert bad.returncode != 0 and "failed in cell" in bad.stdout + bad.stderr, settings
        assert ("notebook 02_measure.ipynb" in bad.stdout + bad.stderr) == in_a_stage
        assert _kernels_of(workdir) == [], settings


def test_measuring_kernel_imports_what_measure_corpus_imports_late(seed_article):
    """The helpers modules measure_corpus imports only when it runs are in the build's list, so
    the measuring notebook's kernel started ahead has them (nltk, scikit-learn) ready."""
    import subprocess
    import sys

    code = (
        "import sys, pandas as pd\n"
        "from helpers.corpus import pipeline\n"
        "from helpers.io import RawFile\n"
        "from helpers.text.clean import Cleaner\n"
        "from conftest import SEED\n"
        "before = set(sys.modules)\n"
        "tables = pipeline.clean_corpus([RawFile('seed', SEED.name, SEED)], Cleaner())\n"
        "pipeline.measure_corpus(tables['paragraphs'], tables['articles'])\n"
        "print(sorted(m for m in set(sys.modules) - before if m.startswith('helpers.')))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=paths.ROOT / "tests").stdout
    from helpers.build.report_pool import LAZY_IMPORTS

    assert set(eval(out)) <= set(LAZY_IMPORTS["02_measure"])
    assert set(LAZY_IMPORTS["02_measure"]) <= set(eval(out))


def test_build_prints_no_kernel_warnings_and_leaves_no_sockets(own_build):
    """Kernels use IPC sockets in a private folder: no 'running over TCP' warning reaches the
    console, no socket folder is left, and a killed build's folder is removed by the next one."""
    import os
    import tempfile

    from helpers.build.kernels import SOCKETS_PREFIX, remove_stale_sockets

    result = run_build(own_build, "--force", "--articles", "none")
    assert result.returncode == 0, result.stderr
    assert "WARNING" not in result.stdout + result.stderr and "TCP" not in result.stderr
    assert not list(Path(tempfile.gettempdir()).glob(f"{SOCKETS_PREFIX}{os.getpid()}-*"))
    dead = Path(tempfile.mkdtemp(prefix=f"{SOCKETS_PREFIX}999999999-"))  # no such process
    live = Path(tempfile.mkdtemp(prefix=f"{SOCKETS_PREFIX}{os.getppid()}-"))
    remove_stale_sockets()
    assert not dead.exists() and live.exists()
    live.rmdir()
