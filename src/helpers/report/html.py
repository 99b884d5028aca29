"""HTML for the reports: escaped text, figures, tables and an executed notebook as one offline page.

Article text is untrusted: it reaches a report only through :func:`escape_text` or
:func:`text_table_html`, never through Markdown. :func:`render_report` turns an executed notebook
into a single self-contained HTML file (no code, no scripts, nothing fetched from the network) with
the ``report`` nbconvert template that lives beside this module.
"""

import base64
import html
import io
import json
import os
from collections.abc import Mapping
from pathlib import Path

import pandas as pd

__all__ = ["escape_text", "figure_html", "report_figure", "text_table_html", "render_report"]

TEMPLATES = Path(__file__).resolve().parent / "templates"

# Output mimetypes a report may show, best first. Widget views, JavaScript and Mermaid need scripts,
# so outputs that carry them fall back to their HTML, image or plain-text representation.
_DISPLAY_PRIORITY = [
    "text/html",
    "text/markdown",
    "image/svg+xml",
    "image/png",
    "image/jpeg",
    "text/latex",
    "text/plain",
]
_LABELS = {
    "command": "Command",
    "git_commit": "Git commit",
    "started": "Started",
    "finished": "Finished",
    "duration_s": "Duration",
    "parameters": "Parameters",
    "inputs": "Inputs",
    "versions": "Versions",
}
_PAPERMILL_KEYS = {
    "parameters": "Parameters",
    "start_time": "Started",
    "end_time": "Finished",
    "duration": "Duration",
}
_DURATION_KEYS = {"duration_s", "duration"}


def escape_text(s):
    """Escape untrusted text for HTML element content or a quoted attribute value.

    Parameters
    ----------
    s : str
        Text such as an article paragraph; other objects are converted with ``str``.

    Returns
    -------
    str
        The text with ``& < > " '`` replaced by character references.

    Examples
    --------
    >>> escape_text('<b>"Tom" & Jerry</b>')
    '&lt;b&gt;&quot;Tom&quot; &amp; Jerry&lt;/b&gt;'
    """
    return html.escape(str(s), quote=True)


def figure_html(fig, caption, *, alt=None):
    """Embed a matplotlib figure as a base64 PNG inside a captioned ``<figure>``.

    Parameters
    ----------
    fig : matplotlib.figure.Figure
        The figure to embed; it is saved at 110 dpi with a tight bounding box, without the
        matplotlib version stamp, and left open (the notebook closes it).
    caption : str
        Caption text, escaped (it may quote article text).
    alt : str, optional
        Alternative text for the image, escaped; defaults to the caption.

    Returns
    -------
    str
        ``<figure class="report-figure"><img src="data:image/png;base64,..." alt="...">``
        ``<figcaption>...</figcaption></figure>``

    Examples
    --------
    >>> from IPython.display import HTML, display                    # doctest: +SKIP
    >>> display(HTML(figure_html(fig, "Figure 1. Tone by paragraph")))  # doctest: +SKIP
    >>> plt.close(fig)                                                 # doctest: +SKIP
    """
    buffer = io.BytesIO()
    fig.savefig(buffer, format="png", dpi=_EMBED_DPI, bbox_inches="tight", metadata={"Software": None})
    return _figure_tag(buffer.getvalue(), caption, alt=alt)


_EMBED_DPI = 110
"""Pixels per inch of the figures as the page shows them."""


def _figure_tag(png: bytes, caption, *, alt=None, width: int | None = None) -> str:
    data = base64.b64encode(png).decode("ascii")
    alt_text = caption if alt is None else alt
    size = f' width="{width}"' if width else ""
    return (
        f'<figure class="report-figure"><img src="data:image/png;base64,{data}"{size} '
        f'alt="{escape_text(alt_text)}"><figcaption>{escape_text(caption)}</figcaption></figure>'
    )


def report_figure(fig, name, caption, *, folder):
    """Save ``fig`` as ``folder/name.png`` and ``.svg``, close it, and return its captioned HTML.

    The one call a report notebook makes per figure:
    ``display(HTML(report_figure(fig, "sentiment_arc", "Figure 1. ...", folder=figure_folder)))``.
    """
    import matplotlib.pyplot as plt

    from helpers.io import SAVE_DPI, figure_images, save_figure

    images = figure_images(fig)
    save_figure(fig, name, folder=folder, images=images)
    # The page embeds the saved PNG (150 dpi) at the size of a 110-dpi rendering, rather than
    # rendering the figure a third time: sharper on high-density screens, same layout.
    data = images["png"]
    width = round(int.from_bytes(data[16:20], "big") * _EMBED_DPI / SAVE_DPI)  # PNG header: width
    plt.close(fig)
    return _figure_tag(data, caption, width=width)


def text_table_html(df, *, columns=None, max_rows=None):
    """Render a DataFrame of (untrusted) text as an escaped HTML table.

    Every cell and column name is escaped and shown in full (no ``...`` truncation of long
    text); missing values show as empty cells. The table sits in a ``div.table-scroll`` so a
    wide table scrolls sideways instead of widening the page.

    Parameters
    ----------
    df : DataFrame of shape (n_rows, n_columns)
        The table to show; the index is not shown.
    columns : list of str, optional
        The columns to show, in this order; default all.
    max_rows : int, optional
        Show only the first ``max_rows`` rows, with a note of how many there are; default all.

    Returns
    -------
    str
        ``<div class="table-scroll"><table class="dataframe text-table">...</table></div>``

    Examples
    --------
    >>> html = text_table_html(pd.DataFrame({"text": ["<script>alert(1)</script>"]}))
    >>> "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    True
    """
    if columns is not None:
        missing = [c for c in columns if c not in df.columns]
        if missing:
            raise KeyError(f"columns must name columns of df ({', '.join(map(str, df.columns))}); got unknown {missing}")
        df = df[list(columns)]
    note = ""
    if max_rows is not None:
        if isinstance(max_rows, bool) or not isinstance(max_rows, int) or max_rows < 0:
            raise ValueError(f"max_rows must be a non-negative integer or None; got {max_rows!r}")
        if len(df) > max_rows:
            note = f'<p class="table-note">First {max_rows} of {len(df)} rows.</p>'
            df = df.head(max_rows)
    df = df.astype(object).where(df.notna(), "")  # pandas' <NA> would print as text
    with pd.option_context("display.max_colwidth", None):
        table = df.to_html(escape=True, index=False, na_rep="", border=0, classes="text-table", render_links=False)
    return f'<div class="table-scroll">{table}</div>{note}'


def render_report(executed_notebook, *, provenance):
    """Render an executed notebook to one self-contained HTML page without code.

    The page uses the ``report`` template (it extends nbconvert's ``lab``): code inputs and
    prompts are hidden, Markdown cells are rendered, outputs' HTML is kept as it is, and nothing
    is loaded from elsewhere (no require.js, MathJax, widget or Mermaid scripts, no ``<link>``;
    one inline stylesheet; images as ``data:`` URIs). A table of contents built from the Markdown
    headings (h1-h3) opens the page and a provenance footer closes it.

    Parameters
    ----------
    executed_notebook : str, os.PathLike, nbformat.NotebookNode or dict
        The notebook as executed by papermill (nbformat 4), or the path to it. It is not
        modified.
    provenance : mapping
        What produced the page, shown escaped in the footer in this order when present:
        ``command``, ``git_commit``, ``started``, ``finished``, ``duration_s`` (seconds),
        ``parameters`` (dict), ``inputs`` (list of ``{"file", "sha256"}``), ``versions`` (dict),
        then any other keys. ``title`` sets the page title instead (default: the notebook's
        ``metadata.title``, else its file name). papermill's own record in
        ``metadata.papermill`` (parameters, start and end times, duration) is shown as well.

    Returns
    -------
    str
        The complete HTML document.

    Examples
    --------
    >>> page = render_report(REPORTS / "sentiment.ipynb",                       # doctest: +SKIP
    ...                      provenance={"git_commit": "3f2c1e0", "inputs": inputs})
    """
    # nbconvert and nbformat take ~1.5 s to import: only the build, which renders, pays for them.
    import nbformat
    from nbconvert import HTMLExporter
    from traitlets.config import Config

    if not isinstance(provenance, Mapping):
        raise TypeError(f"provenance must be a mapping; got {type(provenance).__name__}")
    resources = {"metadata": {"name": "Report", "path": ""}}
    if isinstance(executed_notebook, (str, os.PathLike)):
        path = Path(executed_notebook)
        nb = nbformat.read(path, as_version=4)
        resources["metadata"] = {"name": path.stem, "path": str(path.parent)}
    else:
        nb = nbformat.from_dict(executed_notebook)  # a NotebookNode or a plain dict
    title = provenance.get("title") or nb.metadata.get("title") or resources["metadata"]["name"]
    resources["report"] = {
        "title": str(title),
        "provenance": _provenance_sections(provenance, nb.metadata.get("papermill") or {}),
    }
    exporter = HTMLExporter(
        template_name="report",
        extra_template_basedirs=[str(TEMPLATES)],
        exclude_input=True,
        exclude_input_prompt=True,
        exclude_output_prompt=True,
        embed_images=True,
        config=Config(
            {
                "NbConvertBase": {"display_data_priority": _DISPLAY_PRIORITY},
                "CSSHTMLHeaderPreprocessor": {"enabled": False},  # code-highlighting CSS; no code shown
            }
        ),
    )
    page, _ = exporter.from_notebook_node(nb, resources=resources)
    return _add_table_of_contents(page)


def _add_table_of_contents(page):
    """Fill ``nav#report-toc`` with links to the Markdown cells' h1-h3, making their ids unique."""
    from bs4 import BeautifulSoup

    soup = BeautifulSoup(page, "html.parser")
    nav = soup.find("nav", id="report-toc")
    if nav is None:
        return page
    headings = soup.select(".jp-MarkdownCell :is(h1, h2, h3)[id]")
    in_toc = {id(heading) for heading in headings}
    seen = {tag["id"] for tag in soup.find_all(id=True) if id(tag) not in in_toc}
    entries = []
    for heading in headings:
        anchor_id, n = heading["id"], 1
        while anchor_id in seen:  # nbconvert gives repeated headings the same id
            n += 1
            anchor_id = f"{heading['id']}-{n}"
        seen.add(anchor_id)
        heading["id"] = anchor_id
        for link in heading.select("a.anchor-link"):
            link["href"] = f"#{anchor_id}"
        text = "".join(s for s in heading.find_all(string=True) if s.find_parent("a", class_="anchor-link") is None).strip()
        entries.append((int(heading.name[1]), anchor_id, text))
    if soup.find(id="report-provenance") is not None:
        entries.append((2, "report-provenance", "Provenance"))
    if not entries:
        nav.decompose()
        return str(soup)
    top = min(level for level, _, _ in entries)
    title = soup.new_tag("h2", attrs={"class": "toc-title"})
    title.string = "Contents"
    items = soup.new_tag("ol")
    for level, anchor_id, text in entries:
        item = soup.new_tag("li", attrs={"class": f"toc-level-{level - top + 1}"})
        link = soup.new_tag("a", href=f"#{anchor_id}")
        link.string = text
        item.append(link)
        items.append(item)
    nav.extend([title, items])
    return str(soup)


def _provenance_sections(provenance, papermill):
    """Footer content as ``[{"heading", "rows": [{"label", "text" | "pairs"}]}]`` (unescaped)."""
    build = [key for key in _LABELS if key in provenance]
    build += [key for key in provenance if key not in _LABELS and key != "title"]
    sections = []
    if build:
        rows = [_row(_LABELS.get(k, k.replace("_", " ").capitalize()), k, provenance[k]) for k in build]
        sections.append({"heading": "Build", "rows": rows})
    papermill_rows = [_row(label, key, papermill[key]) for key, label in _PAPERMILL_KEYS.items() if key in papermill]
    if papermill_rows:
        sections.append({"heading": "papermill", "rows": papermill_rows})
    return sections


def _row(label, key, value):
    if isinstance(value, Mapping):
        return {"label": label, "pairs": [(str(k), _text(v)) for k, v in value.items()]}
    if isinstance(value, (list, tuple)):
        pairs = []
        for i, item in enumerate(value, start=1):
            if isinstance(item, Mapping) and "file" in item:
                rest = {k: v for k, v in item.items() if k != "file"}
                detail = _text(rest["sha256"]) if set(rest) == {"sha256"} else _text(rest)
                pairs.append((str(item["file"]), detail))
            else:
                pairs.append((str(i), _text(item)))
        return {"label": label, "pairs": pairs}
    if key in _DURATION_KEYS and isinstance(value, (int, float)) and not isinstance(value, bool):
        return {"label": label, "text": f"{value:.1f} s"}
    return {"label": label, "text": _text(value)}


def _text(value):
    if isinstance(value, str):
        return value
    return json.dumps(value, ensure_ascii=False, default=str)
