"""Pieces of the report pages that the notebooks display: figures, notes, article links, rankings.

The HTML comes from Jinja2 templates with autoescape (``templates/parts/``), so an article's id,
headline or text is always escaped; the notebooks build no HTML of their own.

>>> ranking = ranking_html(pd.DataFrame({"article_id": ["a&b"], "headline": ["<i>Hi</i>"], "dateline": [""],
...     "n_sentences": [3], "compound_mean": [0.5], "compound_ci_low": [0.1], "compound_ci_high": [0.9]}),
...     "Most positive 1", reported={"a&b"})
>>> '<a href="articles/a%26b.html">a&amp;b</a>' in ranking, "&lt;i&gt;Hi&lt;/i&gt;" in ranking
(True, True)
"""

from __future__ import annotations

from collections.abc import Collection, Iterable
from functools import lru_cache

import jinja2
import pandas as pd

from .reports.htmlreport import TEMPLATES, report_figure, text_table_html
from .topics import UNSTABLE, per_topic

__all__ = [
    "show_figure",
    "note_html",
    "table_or_note",
    "ranking_html",
    "article_list_html",
    "article_facts",
    "corpus_facts",
    "parameter_table",
    "voice_summary",
    "quotes",
    "speaker_summary",
    "topic_stability_note",
]


@lru_cache(maxsize=1)
def _environment() -> jinja2.Environment:
    return jinja2.Environment(
        loader=jinja2.FileSystemLoader(TEMPLATES / "parts"), autoescape=True, undefined=jinja2.StrictUndefined, keep_trailing_newline=False
    )


def _render(template: str, **context) -> str:
    return _environment().get_template(template).render(**context)


def show_figure(fig, name: str, caption: str, *, folder) -> None:
    """Save a report figure (PNG and SVG in ``folder``), close it, and display it with its caption."""
    from IPython.display import HTML, display

    display(HTML(report_figure(fig, name, caption, folder=folder)))


def note_html(text: str) -> str:
    """A sentence in place of a table or a figure (``"No file was skipped."``), escaped.

    >>> note_html("No <b>file</b> was skipped.")
    '<p>No &lt;b&gt;file&lt;/b&gt; was skipped.</p>'
    """
    return _render("note.html.j2", text=text)


def table_or_note(frame: pd.DataFrame, note: str) -> str:
    """The table, or the note when it has no rows."""
    return text_table_html(frame) if len(frame) else note_html(note)


def ranking_html(frame: pd.DataFrame, title: str, *, reported: Collection[str]) -> str:
    """A ranked table of articles: id (linked to its report when built), headline or dateline,
    sentences, mean sentiment and its 95% interval."""
    return _render("ranking.html.j2", rows=list(frame.itertuples()), title=title, reported=set(reported))


def article_list_html(ids: Iterable[str], *, reported: Collection[str]) -> str:
    """The list of article reports, linked; a note saying how to build some when there are none."""
    return _render("article_list.html.j2", ids=sorted(ids), reported=set(reported))


def article_facts(article_id: str, article: pd.Series) -> pd.DataFrame:
    """What the cleaner found in one article's file, as a two-column table for the report."""
    dateline = " ".join(filter(None, [article["dateline"], article["dateline_date"]]))
    return pd.DataFrame(
        [
            ("article id", article_id),
            ("source file", article["source"]),
            ("headline", article["headline"] or "(none)"),
            ("dateline", dateline or "(none)"),
            ("source / copyright", article["copyright"] or "(none)"),
            ("encoding", article["encoding"]),
            ("raw lines (non-blank)", f"{article['n_lines']} ({article['n_nonblank']})"),
            ("kept", f"{article['n_paragraphs']} body paragraphs, {article['n_headings']} section heading(s)"),
            ("removed lines", article["n_removed"]),
            ("sentences scored", article["n_sentences"]),
            (
                "mean sentence sentiment",
                f"{article['compound_mean']:+.3f} (95% bootstrap interval "
                f"{article['compound_ci_low']:+.3f} to {article['compound_ci_high']:+.3f})",
            ),
        ],
        columns=["", "value"],
    )


def corpus_facts(articles: pd.DataFrame, paragraphs: pd.DataFrame, n_topics: int) -> pd.DataFrame:
    """The corpus in numbers: articles analysed and skipped, paragraphs, sentences, topics, mean sentiment."""
    ok = articles[articles["status"] == "ok"]
    return pd.DataFrame(
        [
            ("articles analysed", len(ok)),
            ("files skipped", int((articles["status"] != "ok").sum())),
            ("body paragraphs", int((paragraphs["kind"] == "body").sum())),
            ("section headings", int((paragraphs["kind"] == "heading").sum())),
            ("sentences scored", int(ok["n_sentences"].sum())),
            ("topics", n_topics),
            ("mean article sentiment", f"{ok['compound_mean'].mean():+.3f}"),
        ],
        columns=["", "value"],
    )


def parameter_table(parameters: dict) -> pd.DataFrame:
    """Parameters as a two-column table of text (``parameter``, ``value``)."""
    return pd.DataFrame({"parameter": list(parameters), "value": [str(v) for v in parameters.values()]})


def _mean_sentiment_by(frame: pd.DataFrame, key: str, count: str) -> pd.DataFrame:
    """Rows and mean compound score by ``key``: columns ``key``, ``count`` and ``mean sentiment``."""
    return (
        frame.groupby(key)["compound"]
        .agg(["size", "mean"])
        .round(3)
        .reset_index()
        .rename(columns={"size": count, "mean": "mean sentiment"})
    )


def voice_summary(segments: pd.DataFrame) -> pd.DataFrame:
    """Segments and mean sentiment by voice (``quote`` or ``narration``)."""
    return _mean_sentiment_by(segments, "kind", "segments").rename(columns={"kind": "voice"})


def quotes(segments: pd.DataFrame) -> pd.DataFrame:
    """The quoted segments: ``position``, ``speaker`` ("(not attributed)" when unknown), ``compound``, ``text``."""
    quoted = segments[segments["kind"] == "quote"]
    return quoted.assign(speaker=quoted["speaker"].replace("", "(not attributed)"))[["position", "speaker", "compound", "text"]].round(3)


def speaker_summary(quoted: pd.DataFrame) -> pd.DataFrame:
    """Quotes and their mean sentiment by speaker, most quoted first (from :func:`quotes`)."""
    return _mean_sentiment_by(quoted, "speaker", "quotes").sort_values("quotes", ascending=False, kind="stable")


def topic_stability_note(terms: pd.DataFrame, n_paragraphs: int) -> str:
    """A plain-words warning next to the topic figures when topics are unstable (see
    :func:`helpers.topics.topic_stability`); the empty string when every topic is stable."""
    stability = per_topic(terms)["stability"]
    if stability.isna().all():
        return note_html(f"Topic stability was not measured: {n_paragraphs} paragraph(s) are too few to refit the model on part of them.")
    unstable = stability[stability < UNSTABLE]
    if unstable.empty:
        return ""
    mean = float(stability.mean())
    if len(unstable) == len(stability):
        return note_html(
            f"These topics are not stable, so their weights are not findings: refitted on random 80% samples of the "
            f"{n_paragraphs} paragraphs, the model gives back the topics' top 10 terms with a mean overlap of only {mean:.2f} "
            "(Jaccard; 1 = the same terms every time). The corpus is too small, or too uniform, for stable themes; "
            "read the weights as which paragraphs share words."
        )
    listed = ", ".join(f"{t} ({s:.2f})" for t, s in unstable.items())
    return note_html(
        f"Topic(s) {listed} are unstable (marked in the figures): refitted on random 80% samples of the paragraphs, "
        f"fewer than half of their top 10 terms come back (Jaccard overlap in brackets; 1 = the same terms every time). "
        "Treat their weights with care."
    )
