"""Tests for the project's environment files: the pins agree, the kernel exists."""

import re

from helpers import paths


def _lock_pins():
    lines = (paths.ROOT / "requirements.lock").read_text().splitlines()
    return {line.strip() for line in lines if line.strip() and not line.startswith("#")}


def test_environment_yml_has_the_same_pins_as_the_lock():
    """environment.yml pins exactly the packages and versions of requirements.lock."""
    text = (paths.ROOT / "environment.yml").read_text()
    pins = set(re.findall(r"^\s+- ([A-Za-z0-9_.\-\[\]]+==\S+)$", text, re.M))
    assert pins == _lock_pins()
    assert "python=3.11" in text


def test_every_lock_line_is_pinned():
    """Every requirement in the lock is pinned with ==."""
    assert all("==" in pin for pin in _lock_pins())


def test_direct_dependencies_are_locked():
    """Every direct dependency in requirements.in is pinned in the lock."""
    names = {re.split(r"==", p)[0].lower().replace("_", "-") for p in _lock_pins()}
    lines = (paths.ROOT / "requirements.in").read_text().splitlines()
    direct = [line.split("#")[0].strip().lower().replace("_", "-") for line in lines]
    assert {d for d in direct if d} <= names


def test_seed_is_in_raw_byte_for_byte():
    """data/raw holds the seed article (its SHA-256 as shipped)."""
    import hashlib

    data = (paths.ROOT / "data" / "raw" / f"{paths.SEED_ID}.txt").read_bytes()
    assert hashlib.sha256(data).hexdigest() == "85bfbf80779695d12220532f587bf6ec43e2bb3d31e9932e8f58633ce53b6ef4"


def test_committed_notebooks_hold_no_outputs():
    """Notebooks are committed stripped (nbstripout's git filter, installed by make env): no output,
    no execution count, in any notebook under notebooks/."""
    import nbformat

    for path in sorted(paths.NOTEBOOKS.glob("*.ipynb")):
        nb = nbformat.read(path, as_version=4)
        for i, cell in enumerate(nb.cells):
            if cell.cell_type == "code":
                assert not cell.outputs and cell.execution_count is None, f"{path.name}, cell {i}"


def test_notebooks_are_stripped_by_git():
    """.gitattributes routes notebooks through the nbstripout filter."""
    attributes = (paths.ROOT / ".gitattributes").read_text()
    assert "*.ipynb filter=nbstripout" in attributes
