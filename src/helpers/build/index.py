"""``reports/index.html``: the page that links every report and lists the skipped files.

Kept apart from :mod:`helpers.report.html` so that an up-to-date ``make report`` imports nothing
heavy (no nbconvert, no pandas) and finishes in well under a second.
"""

import csv
import html
import io as _io
import json
from urllib.parse import quote

from helpers import io, paths
from helpers.build.digests import ARTICLES_INDEX
from helpers.build.selection import METADATA_STATE
from helpers.report.html import TEMPLATES

__all__ = ["PAGES", "index_html", "write_index", "write_last_good_index"]

_CSS = TEMPLATES / "report" / "static" / "report.css"


PAGES = {
    "corpus_report": "Corpus report",
    "01_clean": "Cleaning the corpus",
    "02_measure": "Measuring sentiment and topics",
    "validation": "Validation: how far the measures can be trusted",
}
"""The corpus-level pages the index links when they exist, with their titles."""


INDEX_ROWS = 200
"""Rows of a long list (articles, skipped files and rows, metadata problems) on the index page; at any
corpus size the page stays small, and the full list is in a CSV beside it (``reports/index-*.csv``)."""
LONG_LIST_ROWS = 50
"""A list longer than this (what a report page shows of it) is written in full to its CSV."""
LIST_FILES = {"articles": "index-articles.csv", "skipped": "index-skipped.csv", "problems": "index-metadata-problems.csv"}


def _more(shown: int, total: int, what: str, key: str) -> str:
    if total <= shown:
        return ""
    return f'<p>The first {shown:,} of {total:,} {what}; all of them are in <a href="{LIST_FILES[key]}">{LIST_FILES[key]}</a>.</p>'


def _esc(text) -> str:
    return html.escape(str(text), quote=True)


def index_html(articles, chosen, *, stages=(), failures=(), comparisons=(), metadata_problems=()):
    """The ``reports/index.html`` page: links to every report, and the files that were skipped.

    Parameters
    ----------
    articles : mapping of str to dict
        Per article id: ``status``, ``problem``, ``source``, ``dateline``, ``n_paragraphs``,
        ``compound_mean`` (as written by the build).
    chosen : sequence of str
        Article ids that have a report.
    stages : sequence of str
        Names of the stage reports (``01_clean``, ``02_measure``) that exist.
    failures : sequence of str
        What failed in the last build (shown first; the reports listed are the last good ones).
    comparisons : sequence of str
        Names of the comparison reports in ``reports/compare/`` (``outlet-Reuters_vs_outlet-AP``).
    metadata_problems : sequence of str
        What is wrong in ``data/raw/metadata.csv`` (each message names the row, column and problem).
    """
    css = _CSS.read_text(encoding="utf-8")
    stage_titles = PAGES
    ok = {a: v for a, v in articles.items() if v["status"] == "ok"}
    skipped = {a: v for a, v in articles.items() if v["status"] != "ok"}
    rows = []
    reported = [a for a in chosen if a in ok]
    first = sorted(reported)[:INDEX_ROWS]
    first += sorted(a for a in ok if a not in set(first))[: INDEX_ROWS - len(first)] if len(first) < INDEX_ROWS else []
    for aid in first:
        info = ok[aid]
        name = _esc(aid)
        href = _esc(f"articles/{quote(aid)}.html")
        link = f'<a href="{href}">{name}</a>' if aid in chosen else name
        mean = "" if info.get("compound_mean") is None else f"{info['compound_mean']:+.3f}"
        rows.append(
            f"<tr><td>{link}</td><td>{_esc(info.get('dateline') or '')}</td><td>{info.get('n_paragraphs') or ''}</td><td>{mean}</td></tr>"
        )
    skipped_rows = "".join(
        f"<tr><td>{_esc(v['source'])}</td><td>{_esc(v['problem'])}</td></tr>" for _, v in sorted(skipped.items())[:INDEX_ROWS]
    )
    stage_links = "".join(f'<li><a href="{s}.html">{_esc(stage_titles.get(s, s))}</a></li>' for s in stages)
    not_reported = len(ok) - len([a for a in chosen if a in ok])
    parts = [
        "<!DOCTYPE html>",
        '<html lang="en"><head><meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1.0">',
        "<title>News tone reports</title>",
        f"<style>{css}</style></head><body><main>",
        "<h1>News tone reports</h1>",
        *(
            [
                "<h2>The last build failed</h2>",
                "<p>The reports below are from the last build that succeeded.</p>",
                "<ul>" + "".join(f"<li><pre>{_esc(f)}</pre></li>" for f in failures) + "</ul>",
            ]
            if failures
            else []
        ),
        f"<p>{len(ok)} article(s) analysed, {len(skipped)} file(s) skipped, {len(chosen)} article report(s)"
        + (f"; {not_reported} article(s) without a report (choose them with <code>make report ARTICLES=...</code>)" if not_reported else "")
        + ".</p>",
        "<h2>Corpus</h2>",
        f"<ul>{stage_links}</ul>",
        *(
            [
                "<h2>Comparisons</h2>",
                "<ul>"
                + "".join(
                    f'<li><a href="{_esc("compare/" + quote(c) + ".html")}">{_esc(c.replace("_vs_", " vs "))}</a></li>' for c in comparisons
                )
                + "</ul>",
            ]
            if comparisons
            else []
        ),
        *(
            [
                "<h2>Problems in metadata.csv</h2>",
                f"<p>{len(metadata_problems)} problem(s); the rest of the file is used.</p>",
                "<ul>" + "".join(f"<li>{_esc(m)}</li>" for m in metadata_problems[:INDEX_ROWS]) + "</ul>",
                _more(min(INDEX_ROWS, len(metadata_problems)), len(metadata_problems), "problems", "problems"),
            ]
            if metadata_problems
            else []
        ),
        "<h2>Articles</h2>",
        '<div class="table-scroll"><table class="text-table"><thead><tr><th>article</th><th>dateline</th>'
        "<th>paragraphs</th><th>mean sentiment</th></tr></thead><tbody>" + "".join(rows) + "</tbody></table></div>",
        _more(len(first), len(ok), "articles (those with a report first)", "articles"),
        "<h2>Skipped files</h2>",
        (
            '<div class="table-scroll"><table class="text-table"><thead><tr><th>file</th><th>problem</th></tr></thead>'
            f"<tbody>{skipped_rows}</tbody></table></div>" + _more(min(INDEX_ROWS, len(skipped)), len(skipped), "skipped", "skipped")
            if skipped
            else "<p>No file was skipped.</p>"
        ),
        "</main></body></html>",
    ]
    return "\n".join(parts) + "\n"


def write_last_good_index(*, failures: list[str] = ()) -> None:
    """The index of the last complete build (its articles and the reports on disk), with this run's failures."""
    articles = json.loads(ARTICLES_INDEX.read_text())["articles"] if ARTICLES_INDEX.exists() else {}
    write_index(articles, sorted(io.built_reports(paths.ARTICLE_REPORTS)), failures=failures)


def write_index(articles: dict[str, dict], chosen: list[str], *, failures: list[str] = ()) -> None:
    stages = [s for s in PAGES if (paths.REPORTS / f"{s}.html").exists()]
    comparisons = sorted(p.stem for p in (paths.REPORTS / "compare").glob("*.html"))
    problems = json.loads(METADATA_STATE.read_text())["problems"] if METADATA_STATE.exists() else []
    page = index_html(articles, chosen, stages=stages, failures=failures, comparisons=comparisons, metadata_problems=problems)
    _write_lists(articles, chosen, problems)
    target = paths.REPORTS / "index.html"
    if target.exists() and target.read_text(encoding="utf-8") == page:
        return
    with io.atomic_write(target) as handle:
        handle.write(page.encode("utf-8"))


def _write_lists(articles: dict[str, dict], chosen: list[str], problems: list[str]) -> None:
    """The index's long lists in full, as CSV beside it (only when a list is longer than the page shows)."""
    ok = sorted(a for a, v in articles.items() if v["status"] == "ok")
    skipped = sorted((a, v) for a, v in articles.items() if v["status"] != "ok")
    reported = set(chosen)
    lists = {
        "articles": (
            ["article_id", "report", "dateline", "n_paragraphs", "compound_mean"],
            [
                [
                    a,
                    f"articles/{quote(a)}.html" if a in reported else "",
                    articles[a].get("dateline") or "",
                    articles[a].get("n_paragraphs"),
                    articles[a].get("compound_mean"),
                ]
                for a in ok
            ],
        ),
        "skipped": (["article_id", "source", "problem"], [[a, v["source"], v["problem"]] for a, v in skipped]),
        "problems": (["problem"], [[p] for p in problems]),
    }
    for key, (header, rows) in lists.items():
        target = paths.REPORTS / LIST_FILES[key]
        if len(rows) <= LONG_LIST_ROWS:  # every row is on the pages
            target.unlink(missing_ok=True)
            continue
        buffer = _io.StringIO()
        writer = csv.writer(buffer, lineterminator="\n")
        writer.writerow(header)
        writer.writerows(rows)
        with io.atomic_write(target) as handle:
            handle.write(buffer.getvalue().encode("utf-8"))
