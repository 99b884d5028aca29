"""Running one notebook with papermill, and publishing its HTML report with its provenance.

A run either publishes ``reports/<name>.html`` (and the executed notebook beside it), or raises
:class:`BuildError` naming the notebook and what failed (the cell and the error; a dead kernel; a
cell over :data:`CELL_TIMEOUT`; a rendering error); then the executed notebook, if any, is kept in
``reports/failed/`` and the previous report is left in place.
"""

from __future__ import annotations

import os
import subprocess
import sys
import time
from functools import lru_cache
from pathlib import Path

from helpers import io, paths
from helpers.build.digests import digest_of, file_digest

__all__ = ["BuildError", "CELL_TIMEOUT", "FAILED_DIR", "run_notebook", "list_inputs", "folder_inputs", "versions", "git_commit"]

FAILED_DIR = paths.REPORTS / "failed"


CELL_TIMEOUT = 3600
"""Seconds one notebook cell may run before the build stops it (a hung kernel, a runaway loop)."""


class BuildError(RuntimeError):
    """A stage failed; the message names the notebook, the cell and the error."""


def run_notebook(
    notebook: str,
    parameters: dict,
    out_stem: str,
    *,
    title: str | None = None,
    inputs: list[dict] | None = None,
    progress: bool = False,
    kernel=None,
    timeout: int | None = CELL_TIMEOUT,
) -> Path:
    """Execute ``notebooks/<notebook>.ipynb`` with papermill and publish ``reports/<out_stem>.html``.

    The executed notebook is kept beside the HTML. On failure it goes to ``reports/failed/`` and
    :class:`BuildError` names the cell and the error; the previous HTML stays in place.
    ``kernel``: a :class:`helpers.build.kernels.WarmKernel` started for this notebook (shut down here),
    or None for papermill to start one.
    """
    import nbformat
    import papermill as pm

    from helpers.report.html import render_report

    source = paths.NOTEBOOKS / f"{notebook}.ipynb"
    html_path = paths.REPORTS / f"{out_stem}.html"
    tmp = paths.TMP / f"{out_stem.replace('/', '__')}.{os.getpid()}.ipynb"
    started = time.time()
    try:
        if kernel is None:  # our own kernel rather than papermill's (IPC, headless)
            from helpers.build.kernels import WarmKernel

            kernel = WarmKernel(source, warm=False)
        tmp.parent.mkdir(parents=True, exist_ok=True)
        pm.execute_notebook(
            str(source),
            str(tmp),
            parameters=parameters,
            progress_bar=progress,
            cwd=str(paths.NOTEBOOKS),
            log_output=False,
            km=kernel.km if kernel else None,
            execution_timeout=timeout,
        )
    except pm.PapermillExecutionError as exc:
        raise _failed(tmp, source, out_stem, f"failed in cell {exc.exec_count}: {exc.ename}: {exc.evalue}") from None
    except Exception as exc:  # a dead kernel, a cell over the time limit, a kernel that did not start
        what = (
            f"stopped: a cell ran longer than {timeout} s (the cell time limit)"
            if "Timeout" in type(exc).__name__
            else f"stopped: {type(exc).__name__}: {exc}"
        )
        raise _failed(tmp, source, out_stem, what) from None
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
    finally:
        if kernel is not None:
            kernel.shutdown()
    finished = time.time()
    try:
        nb = nbformat.read(tmp, as_version=4)
        provenance = {
            "title": title or nb.metadata.get("title"),
            "command": " ".join(["python -m helpers.build", *sys.argv[1:]]),
            "git_commit": git_commit(),
            "started": time.strftime("%Y-%m-%d %H:%M:%S %Z", time.localtime(started)),
            "finished": time.strftime("%Y-%m-%d %H:%M:%S %Z", time.localtime(finished)),
            "duration_s": round(finished - started, 1),
            "parameters": parameters,
            "inputs": summarise_inputs(inputs if inputs is not None else list_inputs()),
            "versions": versions(),
        }
        page = render_report(nb, provenance=provenance)
    except Exception as exc:  # noqa: BLE001  (rendering: nbconvert, the template, the figures)
        raise _failed(tmp, source, out_stem, f"ran, but its HTML could not be rendered: {type(exc).__name__}: {exc}") from None
    with io.atomic_write(html_path) as handle:
        handle.write(page.encode("utf-8"))
    os.replace(tmp, html_path.with_suffix(".ipynb"))
    return html_path


def _failed(tmp: Path, source: Path, out_stem: str, what: str) -> BuildError:
    """The error for a notebook run that failed; its executed notebook, if any, goes to reports/failed/."""
    kept = ""
    if tmp.exists():
        failed = FAILED_DIR / f"{out_stem.replace('/', '__')}.ipynb"
        failed.parent.mkdir(parents=True, exist_ok=True)
        os.replace(tmp, failed)
        kept = f"the executed notebook is kept at {failed}; "
    return BuildError(f"notebook {source.name} ({out_stem}) {what}\n  {kept}the previous report is unchanged")


@lru_cache(maxsize=1)
def git_commit() -> str:
    """The project's commit for the provenance (``describe --dirty``), asked once per build.

    Notebooks go through nbstripout's git filter (``.gitattributes``). Git runs that filter on
    every notebook whose index entry it cannot trust (all of them, in a fresh clone) to tell
    whether the tree is dirty: a Python start per notebook, over 10 s. Here the filter is
    replaced by ``cat``, so a notebook counts as changed when its bytes differ from the commit's
    (outputs included), which is what a reviewer of the provenance needs to know anyway.
    """
    try:
        out = subprocess.run(
            ["git", "-C", str(paths.ROOT), "-c", "filter.nbstripout.clean=cat", "describe", "--always", "--dirty", "--abbrev=12"],
            capture_output=True,
            text=True,
            timeout=10,
        )
        return out.stdout.strip() or "unknown (not a git checkout)"
    except (OSError, subprocess.SubprocessError):
        return "unknown (git did not answer)"


PROVENANCE_INPUTS = 20
"""Inputs a report's provenance lists one by one; the rest are counted, with one digest of them all."""


def summarise_inputs(inputs: list[dict]) -> list[dict]:
    """A report's inputs as its footer lists them: every one, or the first ``PROVENANCE_INPUTS`` and a
    line for the rest (all of them are in ``data/processed/manifest.json``), so a report stays small
    whatever the number of files.

    >>> summarise_inputs([{"file": f"f{i}", "sha256": "x"} for i in range(25)])[-1]["file"]
    '... and 5 more (every input is in data/processed/manifest.json)'
    """
    if len(inputs) <= PROVENANCE_INPUTS:
        return inputs
    rest = inputs[PROVENANCE_INPUTS:]
    return [
        *inputs[:PROVENANCE_INPUTS],
        {"file": f"... and {len(rest):,} more (every input is in data/processed/manifest.json)", "sha256": digest_of(rest)},
    ]


def list_inputs() -> list[dict]:
    """Each entry of data/raw, corpus files included: its SHA-256, or why it is skipped (what cleaning depends on)."""
    corpus = [io.RawFile(p.name, io.readable_name(p.name), p) for p in io.list_corpus_files()]
    return [io.input_record(e) for e in [*io.list_raw(), *corpus]]


def folder_inputs(parameters: dict) -> list[dict]:
    """Inputs of a notebook run on its own: one digest per folder it was given (all files inside)."""
    out = []
    for value in parameters.values():
        folder = Path(str(value))
        if str(value) and folder.is_dir():
            files = sorted(p for p in folder.rglob("*") if p.is_file())
            digest = digest_of(*[[str(p.relative_to(folder)), file_digest(p)] for p in files])
            out.append({"file": f"{folder}/ ({len(files)} files; SHA-256 of their names and hashes)", "sha256": digest})
    return out


def versions() -> dict:
    from importlib.metadata import PackageNotFoundError, version

    out = {"python": sys.version.split()[0]}
    for name in (
        "helpers",
        "pandas",
        "numpy",
        "nltk",
        "vaderSentiment",
        "scikit-learn",
        "matplotlib",
        "papermill",
        "nbconvert",
        "pyarrow",
        "ftfy",
    ):
        try:
            out[name] = version(name)
        except PackageNotFoundError:
            out[name] = "not installed"
    return out
