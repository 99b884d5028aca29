"""Shared fixtures: the seed article, its cleaning result, a work folder measured in process, and
builds of the whole project (which mark the tests that use them slow)."""

import shutil
from contextlib import contextmanager
from pathlib import Path

import pytest

from helpers import paths
from helpers.text.clean import Cleaner
from helpers.text.decode import decode

SEED = paths.RAW / f"{paths.SEED_ID}.txt"
FIXTURES = Path(__file__).parent / "fixtures"


@pytest.fixture(scope="session")
def seed_bytes() -> bytes:
    return SEED.read_bytes()


@pytest.fixture(scope="session")
def seed_text(seed_bytes) -> str:
    return decode(seed_bytes).text


@pytest.fixture(scope="session")
def seed_article(seed_bytes):
    return Cleaner().clean(paths.SEED_ID, decode(seed_bytes).text)


def make_workdir(root: Path) -> Path:
    """A project work folder with the seed, a hostile-markup article and every kind of bad input."""
    raw = root / "data" / "raw"
    raw.mkdir(parents=True)
    (raw / SEED.name).write_bytes(SEED.read_bytes())
    (raw / "hostile.txt").write_bytes((FIXTURES / "hostile.txt").read_bytes())
    (raw / "empty.txt").write_bytes(b"  \n\t\n")
    (raw / "binary.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")
    (raw / "notes.csv").write_text("not,an,article\n")
    (raw / "folder").mkdir()
    (raw / "only_boilerplate.txt").write_text("Advertisement\nFollow us on Twitter for the latest news\n© 2024 Example Media\n")
    return root


def run_build(workdir: Path, *args: str, timeout: int = 600):
    """Run ``python -m helpers.build`` on ``workdir``; returns the CompletedProcess."""
    import os
    import subprocess
    import sys

    env = dict(os.environ, NEWS_TONE_WORKDIR=str(workdir))
    return subprocess.run(
        [sys.executable, "-m", "helpers.build", "--jobs", "2", *args], env=env, capture_output=True, text=True, timeout=timeout
    )


SLOW_FIXTURES = {
    "built": "builds the project in a subprocess",
    "own_build": "copies a build, to build again",
    "build_runner": "runs python -m helpers.build",
    "sandbox": "executes notebooks in kernels",
    "lab": "starts JupyterLab",
    "browser": "starts Chromium",
}
"""The fixtures that build the project, start kernels, JupyterLab or a browser: a test that uses one,
even through another fixture, is marked ``slow``, so ``pytest -m "not slow"`` (``make test-fast``)
is the unit tests alone."""


def pytest_collection_modifyitems(items):
    for item in items:
        if SLOW_FIXTURES.keys() & set(getattr(item, "fixturenames", ())):
            item.add_marker(pytest.mark.slow)


@pytest.fixture(scope="session")
def build_runner():
    """:func:`run_build`, for a test that builds a work folder of its own."""
    return run_build


@pytest.fixture(scope="session")
def measured(tmp_path_factory):
    """A work folder (the seed and :func:`make_workdir`'s bad entries) cleaned and measured in this
    process, as the two stage notebooks do, with the manifest the build writes: the tables the report
    notebooks load, in a few seconds and without a build, a kernel or a worker process."""
    from helpers import io
    from helpers.build.steps import measuring_parameters
    from helpers.corpus.partitions import clean_partitions, measure_partitions

    workdir = make_workdir(tmp_path_factory.mktemp("measured"))
    processed = workdir / "data" / "processed"
    cleaned = clean_partitions(workdir / "data" / "raw", processed, Cleaner())
    io.write_table(cleaned.skipped, "skipped", folder=processed, csv=True)
    measure_partitions(processed)
    io.write_json({"parameters": measuring_parameters({})}, processed / io.MANIFEST)  # as the build writes it

    class Measured:
        path = workdir

    return Measured


@pytest.fixture(scope="session")
def built(tmp_path_factory):
    """A work folder after one full build; the build's CompletedProcess is ``built.first``."""
    workdir = make_workdir(tmp_path_factory.mktemp("work"))
    raw_before = {p.name: p.read_bytes() for p in (workdir / "data" / "raw").iterdir() if p.is_file()}
    result = run_build(workdir)
    assert result.returncode == 0, result.stdout + result.stderr

    class Built:
        path = workdir
        first = result
        raw = raw_before

    return Built


@pytest.fixture
def own_build(built, tmp_path) -> Path:
    """A copy of the built work folder for one test to change (rerun, kill, break) as it likes:
    no test depends on what another did to the shared one."""
    copy = tmp_path / "work"
    shutil.copytree(built.path, copy, symlinks=True)
    return copy


@contextmanager
def blocked_figures(workdir: Path, article_id: str):
    """A file where an article report saves its figures, so that report fails inside the notebook
    (as a full disk or a permission problem would) while every parameter passes the build's checks."""
    folder = workdir / "reports" / "figures" / article_id
    saved = folder.with_name(folder.name + ".saved")
    if folder.exists():
        folder.rename(saved)
    folder.write_text("in the way\n")
    try:
        yield
    finally:
        folder.unlink()
        if saved.exists():
            saved.rename(folder)
