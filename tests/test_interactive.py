"""The notebooks as a researcher runs them in JupyterLab: the kernel's own (inline) backend, cells of their own.

Executed with nbclient on the ``news-tone`` kernel, as JupyterLab runs them, without the headless
environment the build gives its kernels.
"""

import base64
import re

import nbformat
import pytest
from nbclient import NotebookClient

from helpers import paths

SEED_ID = "000_0ba03db089b0c025"
OWN_CELL = "fig, ax = plt.subplots()\nax.plot([1, 2])"


def _run_with_own_cell(notebook: str, workdir, monkeypatch, parameters: str = ""):
    """The notebook with a researcher's cell added after its set-up cell (the one importing pyplot), run."""
    monkeypatch.setenv("NEWS_TONE_WORKDIR", str(workdir))
    monkeypatch.delenv("MPLBACKEND", raising=False)
    nb = nbformat.read(paths.NOTEBOOKS / f"{notebook}.ipynb", as_version=4)
    setup = next(i for i, c in enumerate(nb.cells) if c.cell_type == "code" and "import matplotlib.pyplot" in c.source)
    if parameters:
        params = next(c for c in nb.cells if "parameters" in c.metadata.get("tags", []))
        params.source += "\n" + parameters
    nb.cells.insert(setup + 1, nbformat.v4.new_code_cell(OWN_CELL))
    NotebookClient(nb, kernel_name="news-tone", timeout=300, resources={"metadata": {"path": str(paths.NOTEBOOKS)}}).execute()
    return nb, setup + 1


def _embedded_pngs(html: str) -> list[bytes]:
    return [base64.b64decode(m) for m in re.findall(r"data:image/png;base64,([A-Za-z0-9+/=]+)", html)]


def _images(cell) -> list[bytes]:
    """PNG images a cell shows: inline figures and the report's embedded figures."""
    found = []
    for out in cell.get("outputs", []):
        data = out.get("data", {})
        if "image/png" in data:
            found.append(base64.b64decode(data["image/png"]))
        found += _embedded_pngs(data.get("text/html", ""))
    return found


@pytest.mark.parametrize("notebook", ["article_report", "corpus_report"])
def test_own_figure_shows_inline_and_report_figures_still_show(notebook, built, monkeypatch):
    nb, own = _run_with_own_cell(notebook, built.path, monkeypatch)
    assert [o for o in nb.cells[own].outputs if "image/png" in o.get("data", {})], nb.cells[own].outputs
    errors = [o for c in nb.cells if c.cell_type == "code" for o in c.outputs if o.output_type == "error"]
    assert errors == []
    # The report's figures are shown once each, as the page embeds them, not again inline.
    report_cells = [c for i, c in enumerate(nb.cells) if i != own and c.cell_type == "code"]
    inline = [o for c in report_cells for o in c.outputs if "image/png" in o.get("data", {})]
    assert inline == []
    shown = [png for c in report_cells for png in _images(c)]
    assert len(shown) >= (4 if notebook == "article_report" else 2)
    assert all(png.startswith(b"\x89PNG") for png in shown)


def test_built_report_embeds_the_saved_figures(built):
    """Under the build's headless kernels the page embeds exactly the PNGs saved beside it."""
    html = (built.path / "reports" / "articles" / f"{SEED_ID}.html").read_text(encoding="utf-8")
    embedded = set(_embedded_pngs(html))
    saved = {p.read_bytes() for p in (built.path / "reports" / "figures" / SEED_ID).glob("*.png")}
    assert len(saved) == 5 and saved <= embedded  # arc, topic weights, top terms, sentiment by topic, tone per actor


def test_changed_parameter_interactively(built, monkeypatch, tmp_path):
    """Editing ``article_id`` in the parameters cell and running all gives that article's report;
    a bad value stops at the same clear error a papermill run gets."""
    edit = f'article_id = "hostile"\nfigures_dir = "{tmp_path}"'
    nb, _ = _run_with_own_cell("article_report", built.path, monkeypatch, parameters=edit)
    facts = next(
        o["data"]["text/html"]
        for c in nb.cells
        if c.cell_type == "code"
        for o in c.outputs
        if "article id" in o.get("data", {}).get("text/html", "")
    )
    assert "hostile" in facts and SEED_ID not in facts
    assert sorted(p.name for p in tmp_path.glob("*.png")) == sorted(
        p.name for p in (built.path / "reports" / "figures" / SEED_ID).glob("*.png")
    )
    from nbclient.exceptions import CellExecutionError

    with pytest.raises(CellExecutionError, match="lowpass_components must be a positive integer; got 0"):
        _run_with_own_cell("article_report", built.path, monkeypatch, parameters="lowpass_components = 0")


def test_explore_starter_loads_every_table_and_draws(built, monkeypatch):
    """``explore.ipynb`` runs on the built tables: each table's columns shown, its example figure inline."""
    monkeypatch.setenv("NEWS_TONE_WORKDIR", str(built.path))
    monkeypatch.delenv("MPLBACKEND", raising=False)
    nb = nbformat.read(paths.NOTEBOOKS / "explore.ipynb", as_version=4)
    # the researcher's metadata.csv is joined to the articles (one bad row reported), then removed again
    metadata_csv = built.path / "data" / "raw" / "metadata.csv"
    metadata_csv.write_text(f"file,outlet\n{paths.SEED_ID}.txt,Example Wire\nmissing.txt,Nobody\n")
    try:
        NotebookClient(nb, kernel_name="news-tone", timeout=300, resources={"metadata": {"path": str(paths.NOTEBOOKS)}}).execute()
    finally:
        metadata_csv.unlink()
    html = "".join(o.get("data", {}).get("text/html", "") for c in nb.cells if c.cell_type == "code" for o in c.outputs)
    text = "".join(o.get("text", "") for c in nb.cells if c.cell_type == "code" for o in c.outputs)
    from helpers import io

    for name in io.TABLES:
        assert f"{name} column" in html
    assert "compound" in html and "headline" in html
    assert "outlet" in html and "Example Wire" in html
    assert "metadata.csv problems" in text and "missing.txt" in text
    figure = nb.cells[-2]
    assert [o for o in figure.outputs if "image/png" in o.get("data", {})]
