"""Tests for helpers.report.html: escaping, figures, text tables and the offline report page."""

import base64
import re

import matplotlib
import nbformat
import pandas as pd
import pytest
from bs4 import BeautifulSoup
from nbformat.v4 import new_code_cell, new_markdown_cell, new_notebook, new_output

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402

from helpers.report.html import escape_text, figure_html, render_report, text_table_html  # noqa: E402

HOSTILE = [
    "<script>window.__xss=1</script>",
    '<img src=x onerror="window.__xss=1">',
    "<img src=x onerror=alert(1)>",
    "&amp; stays &amp;",
    "$x$ *a* _b_",
    "# h",
]
CODE_MARKER = "SECRET_INPUT_MARKER"
SHA = "0ba03db089b0c0259d7e6f0f9b3c5d0e1a2b3c4d5e6f708192a3b4c5d6e7f809"
COMMIT = "3f2c1e0b7a9d"
PROVENANCE = {
    "title": "Tone of <one> article",
    "command": "make report ARTICLES='<b>x</b>' # https://example.org/ref",
    "git_commit": COMMIT,
    "started": "2024-05-01T10:00:00+00:00",
    "duration_s": 12.345,
    "parameters": {"n_topics": 0, "article": "<i>000</i>"},
    "inputs": [{"file": "data/raw/000_0ba03db089b0c025.txt", "sha256": SHA}],
    "versions": {"pandas": pd.__version__},
}


def hostile_table():
    """A text table whose cells are hostile strings, with one missing value."""
    return pd.DataFrame({"text": HOSTILE, "score": [0.5, None, 1.0, 2.0, 3.0, 4.0]})


def report_notebook():
    """An 'executed' notebook: headings with punctuation, hidden code, a hostile table, a figure."""
    fig, ax = plt.subplots(figsize=(4, 3))
    ax.plot([0, 1, 2], [0, 1, 4])
    figure = figure_html(fig, "Figure 1. Tone of <script>window.__xss=1</script> & co")
    plt.close(fig)
    nb = new_notebook(
        cells=[
            new_markdown_cell("# Title\n\nWhat this report shows."),
            new_code_cell(f"{CODE_MARKER} = 1", execution_count=1),
            new_markdown_cell("## Section: one & two\n\nThe paragraphs."),
            new_code_cell(
                f"display(HTML(text_table_html(paragraphs)))  # {CODE_MARKER}",
                execution_count=2,
                outputs=[
                    new_output(
                        "display_data",
                        data={"text/html": text_table_html(hostile_table()), "text/plain": "<IPython.core.display.HTML object>"},
                    )
                ],
            ),
            new_markdown_cell("### Café: 100% sure?\n\n## Title"),
            new_code_cell(
                f"fig = {CODE_MARKER}()",
                execution_count=3,
                outputs=[
                    new_output("display_data", data={"text/html": figure, "text/plain": "<IPython.core.display.HTML object>"}),
                    new_output("stream", name="stdout", text="42 paragraphs\n"),
                ],
            ),
        ]
    )
    nb.metadata["papermill"] = {
        "parameters": {"article": "000_0ba03db089b0c025", "n_topics": 0},
        "start_time": "2024-05-01T10:00:01.5",
        "end_time": "2024-05-01T10:00:13.8",
        "duration": 12.3,
    }
    return nb


@pytest.fixture(scope="module")
def page():
    return render_report(report_notebook(), provenance=PROVENANCE)


@pytest.fixture(scope="module")
def soup(page):
    return BeautifulSoup(page, "html.parser")


def test_escape_text_escapes_markup_and_quotes():
    """escape_text replaces & < > " ' so text cannot open a tag or leave an attribute."""
    assert escape_text("<a href=\"x\">'&amp;'</a>") == ("&lt;a href=&quot;x&quot;&gt;&#x27;&amp;amp;&#x27;&lt;/a&gt;")
    assert escape_text(3) == "3"


def test_text_table_html_shows_cells_literally():
    """Every hostile cell parses back to exactly its original text; no element is injected."""
    table = BeautifulSoup(text_table_html(hostile_table()), "html.parser")
    assert [td.get_text() for td in table.select("tbody td:first-child")] == HOSTILE
    assert table.select("tbody tr:nth-of-type(2) td")[1].get_text() == ""  # na_rep=""
    assert table.find_all(["script", "img"]) == []
    assert table.select("div.table-scroll > table.text-table")


def test_text_table_html_keeps_long_text_whole():
    """Long paragraphs are not cut to pandas' display.max_colwidth."""
    text = "word " * 200
    assert text.strip() in text_table_html(pd.DataFrame({"text": [text.strip()]}))


def test_text_table_html_selects_columns_and_rows():
    """columns picks and orders columns; max_rows keeps the first rows and says how many exist."""
    out = BeautifulSoup(text_table_html(hostile_table(), columns=["score", "text"], max_rows=2), "html.parser")
    assert [th.get_text() for th in out.select("thead th")] == ["score", "text"]
    assert len(out.select("tbody tr")) == 2
    assert out.select_one("p.table-note").get_text() == "First 2 of 6 rows."


def test_text_table_html_names_unknown_columns():
    """An unknown column is an error that names it."""
    with pytest.raises(KeyError, match="nope"):
        text_table_html(hostile_table(), columns=["text", "nope"])


def test_figure_html_embeds_png_and_escapes_caption():
    """figure_html inlines a PNG, escapes the caption and uses it as alt text by default."""
    fig, ax = plt.subplots()
    ax.plot([1, 2])
    out = BeautifulSoup(figure_html(fig, 'A <b>"caption"</b> & more'), "html.parser")
    plt.close(fig)
    img = out.select_one("figure > img")
    assert img["src"].startswith("data:image/png;base64,")
    assert base64.b64decode(img["src"].split(",", 1)[1]).startswith(b"\x89PNG\r\n\x1a\n")
    assert img["alt"] == 'A <b>"caption"</b> & more'
    assert out.select_one("figure > figcaption").get_text() == 'A <b>"caption"</b> & more'
    assert out.find("b") is None


def test_figure_html_takes_separate_alt_text():
    """alt overrides the caption as the image's alternative text."""
    fig, _ = plt.subplots()
    out = BeautifulSoup(figure_html(fig, "Figure 2.", alt="An empty plot"), "html.parser")
    plt.close(fig)
    assert out.img["alt"] == "An empty plot"


def test_report_is_self_contained(page, soup):
    """The page loads nothing: no script or link element, every src/href is data: or #."""
    assert soup.find_all(["script", "link", "iframe", "object", "embed"]) == []
    assert "<script src" not in page
    for tag in soup.find_all(src=True):
        assert tag["src"].startswith("data:"), tag["src"][:80]
    for tag in soup.find_all(href=True):
        assert tag["href"].startswith("#"), tag["href"]
    assert not re.search(r"""(src|href)\s*=\s*["']?https?://""", page)
    assert "mathjax" not in page.lower() and "require.js" not in page


def test_report_hides_code_and_prompts(page, soup):
    """No code input, no In/Out prompt and no empty code cell is shown."""
    assert CODE_MARKER not in page
    assert soup.select(".jp-InputArea-editor, .jp-InputPrompt, .jp-OutputPrompt") == []
    assert "In&nbsp;[" not in page and "Out[" not in page
    assert "42 paragraphs" in soup.get_text()


def test_report_toc_links_match_heading_ids(soup):
    """The TOC lists the Markdown h1-h3 in order and each link's target id exists exactly once."""
    links = soup.select("nav#report-toc a")
    assert [a.get_text() for a in links] == ["Title", "Section: one & two", "Café: 100% sure?", "Title", "Provenance"]
    headings = soup.select(".jp-MarkdownCell :is(h1, h2, h3)")
    assert [a["href"] for a in links[:-1]] == [f"#{h['id']}" for h in headings]
    assert links[-1]["href"] == "#report-provenance"
    for a in links:
        assert len(soup.find_all(id=a["href"][1:])) == 1, a["href"]
    assert links[1]["href"] == "#Section:-one-&-two"


def test_report_keeps_output_html_and_escaped_text_inert(page, soup):
    """Output HTML is kept as is (one level of escaping), so hostile text stays text."""
    assert "&lt;script&gt;window.__xss=1&lt;/script&gt;" in page
    assert "&amp;lt;script" not in page  # not double-escaped
    cells = [td.get_text() for td in soup.select("table.text-table tbody td:first-child")]
    assert cells == HOSTILE
    assert soup.find_all("script") == []
    assert soup.find_all(attrs={"onerror": True}) == []
    assert soup.select_one("figure figcaption").get_text() == ("Figure 1. Tone of <script>window.__xss=1</script> & co")


def test_report_footer_shows_provenance(soup):
    """The footer shows the hashes, commit, parameters and papermill's times, all escaped."""
    footer = soup.select_one("footer.report-provenance")
    text = footer.get_text(" ")
    for expected in (
        SHA,
        COMMIT,
        "data/raw/000_0ba03db089b0c025.txt",
        "12.3 s",
        "2024-05-01T10:00:01.5",
        "000_0ba03db089b0c025",
        "<i>000</i>",
        "ARTICLES='<b>x</b>' # https://example.org/ref",
        pd.__version__,
    ):
        assert expected in text, expected
    assert footer.find_all(["b", "i", "a"]) == []
    assert [h.get_text() for h in footer.find_all("h3")] == ["Build", "papermill"]


def test_report_title_from_provenance_then_notebook(soup):
    """The page title comes from provenance['title'], else the notebook's metadata title."""
    assert soup.title.get_text() == "Tone of <one> article"
    nb = report_notebook()
    nb.metadata["title"] = "Notebook title"
    other = BeautifulSoup(render_report(nb, provenance={}), "html.parser")
    assert other.title.get_text() == "Notebook title"
    assert "No provenance" not in other.select_one("footer").get_text()  # papermill's record


def test_report_from_path_uses_file_name_as_title(tmp_path):
    """A path is read from disk; with no title anywhere, the file name is the title."""
    nb = report_notebook()
    del nb.metadata["papermill"]
    path = tmp_path / "sentiment.ipynb"
    nbformat.write(nb, path)
    out = BeautifulSoup(render_report(path, provenance={}), "html.parser")
    assert out.title.get_text() == "sentiment"
    assert out.select_one("footer p").get_text() == "No provenance was recorded."


def test_report_leaves_notebook_unchanged():
    """Rendering does not modify the notebook it is given."""
    nb = report_notebook()
    before = nbformat.writes(nb)
    render_report(nb, provenance=PROVENANCE)
    assert nbformat.writes(nb) == before


def test_report_skips_script_outputs():
    """JavaScript outputs fall back to their plain text instead of running a script."""
    nb = new_notebook(
        cells=[
            new_code_cell(
                "x",
                execution_count=1,
                outputs=[new_output("display_data", data={"application/javascript": "window.__xss=1", "text/plain": "JS fallback"})],
            )
        ]
    )
    out = render_report(nb, provenance={})
    assert "<script" not in out and "window.__xss" not in out
    assert "JS fallback" in out


def test_render_report_needs_mapping_provenance():
    """provenance must be a mapping, and the error says so."""
    with pytest.raises(TypeError, match="provenance must be a mapping; got list"):
        render_report(report_notebook(), provenance=[])
