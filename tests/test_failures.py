"""Every way a notebook run can fail ends in a named error, the previous report kept, the index rewritten."""

import json

import nbformat
import pytest

from conftest import run_build
from helpers import paths
from helpers.build import runner


@pytest.fixture
def sandbox(tmp_path, monkeypatch):
    """run_notebook on notebooks of our own, in a temporary reports folder."""
    notebooks, reports = tmp_path / "notebooks", tmp_path / "reports"
    notebooks.mkdir()
    monkeypatch.setattr(paths, "NOTEBOOKS", notebooks)
    monkeypatch.setattr(paths, "REPORTS", reports)
    monkeypatch.setattr(paths, "TMP", tmp_path / ".tmp")
    monkeypatch.setattr(runner, "FAILED_DIR", reports / "failed")
    (reports).mkdir()
    (reports / "probe.html").write_text("the last good report")

    def notebook(*cells: str) -> str:
        nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell(c) for c in cells])
        nb.metadata["kernelspec"] = {"name": "news-tone", "display_name": "Python (news-tone)", "language": "python"}
        nbformat.write(nb, notebooks / "probe.ipynb")
        return "probe"

    return notebook, reports


@pytest.mark.parametrize(
    "cells, timeout, message",
    [
        (["x = 1", "import os; os._exit(3)"], None, "stopped: DeadKernelError"),
        (["import time; time.sleep(30)"], 2, "stopped: a cell ran longer than 2 s (the cell time limit)"),
        (["1 / 0"], None, "failed in cell 1: ZeroDivisionError: division by zero"),
    ],
)
def test_a_failed_run_is_a_build_error_and_keeps_the_last_report(sandbox, cells, timeout, message):
    notebook, reports = sandbox
    with pytest.raises(runner.BuildError) as error:
        runner.run_notebook(notebook(*cells), {}, "probe", inputs=[], timeout=timeout)
    assert message in str(error.value) and "notebook probe.ipynb (probe)" in str(error.value)
    assert "the previous report is unchanged" in str(error.value)
    assert (reports / "probe.html").read_text() == "the last good report"
    assert not list((paths.TMP).glob("*.ipynb"))  # nothing half-written left behind


def test_a_rendering_error_is_a_build_error(sandbox, monkeypatch):
    from helpers.report import html as htmlreport

    notebook, reports = sandbox

    def broken(*args, **kwargs):
        raise KeyError("template variable")

    monkeypatch.setattr(htmlreport, "render_report", broken)
    with pytest.raises(runner.BuildError, match="ran, but its HTML could not be rendered: KeyError"):
        runner.run_notebook(notebook("x = 1"), {}, "probe", inputs=[])
    assert (reports / "probe.html").read_text() == "the last good report"
    assert (reports / "failed" / "probe.ipynb").exists()


def test_a_failed_stage_rewrites_the_index_with_the_last_good_reports(own_build):
    """Measuring fails (the rating sets are not in the folder named): the index says so and still
    links the reports of the last good build."""
    index = own_build / "reports" / "index.html"
    result = run_build(own_build, "--articles", "none", "--set", "sentiment_scorer=news", "--set", f"scorer_training_dir={own_build}")
    assert result.returncode == 1 and "notebook 02_measure.ipynb" in result.stderr
    page = index.read_text()
    assert "The last build failed" in page and "02_measure.ipynb" in page
    assert f'href="articles/{paths.SEED_ID}.html"' in page
    again = run_build(own_build)  # a good build clears the failure from the index
    assert again.returncode == 0, again.stderr
    assert "The last build failed" not in index.read_text()
    assert json.loads((own_build / "data" / "processed" / ".build" / "reported.json").read_text())


def test_the_provenance_commit_does_not_run_the_notebook_filter(tmp_path, monkeypatch):
    """In a fresh clone git cannot trust its index, and `describe --dirty` would run nbstripout's
    filter on every notebook (over 10 s, past git_commit's timeout, for every notebook run).
    git_commit answers at once, and only once per process."""
    import subprocess
    import time

    clone = tmp_path / "clone"
    subprocess.run(["git", "clone", "-q", str(paths.ROOT), str(clone)], check=True)
    subprocess.run(["git", "-C", str(clone), "config", "filter.nbstripout.clean", "sleep 3; cat"], check=True)
    monkeypatch.setattr(paths, "ROOT", clone)
    runner.git_commit.cache_clear()
    try:
        start = time.perf_counter()
        commit = runner.git_commit()
        assert time.perf_counter() - start < 2.5
        assert not commit.startswith("unknown") and not commit.endswith("-dirty")
        assert runner.git_commit() == commit
    finally:
        runner.git_commit.cache_clear()
