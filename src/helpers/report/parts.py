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

from helpers.measures.topics import MIN_ARTICLE_UNITS, UNSTABLE, per_topic
from helpers.report.html import TEMPLATES, report_figure, text_table_html

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
    "metadata_summary",
    "problems_html",
    "absent_note",
    "time_caption",
    "pairs_table",
    "shift_caption",
    "shift_table",
    "shift_summary_table",
    "heading_html",
    "actor_sentences_html",
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


def sample_note_html(sample) -> str:
    """The note a section computed on a sample of articles' paragraphs carries ('' when it read them all;
    ``sample``: a :class:`helpers.corpus.aggregates.Sample`)."""
    return note_html(sample.note()) if sample.sampled else ""


LONG_LIST_ROWS = 50
"""Rows of a long list (skipped rows, metadata problems) shown on a page; the rest is in its CSV."""


def long_list_html(frame: pd.DataFrame, csv_link: str, *, note: str, max_rows: int = LONG_LIST_ROWS) -> str:
    """A list that may be long at any corpus size: its first ``max_rows`` rows, and a sentence
    giving the count and the CSV with the full list (``csv_link``, relative to the page); the
    note when it has no rows.

    >>> "3 rows" in long_list_html(pd.DataFrame({"a": [1, 2, 3]}), "x.csv", note="", max_rows=2)
    True
    """
    if not len(frame):
        return note_html(note)
    shown = frame.head(max_rows)
    more = f"The first {len(shown):,} of {len(frame):,} rows; " if len(frame) > len(shown) else f"{len(frame):,} rows; "
    return note_html(f"{more}the full list is in {csv_link}.") + text_table_html(shown)


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


def corpus_facts(articles: pd.DataFrame, paragraphs, n_topics: int) -> pd.DataFrame:
    """The corpus in numbers: articles analysed and skipped, paragraphs, sentences, topics, mean sentiment.

    ``paragraphs``: the paragraphs table, or their counts by kind (``{"body": n, "heading": m}``).
    """
    if isinstance(paragraphs, pd.DataFrame):
        paragraphs = paragraphs["kind"].value_counts().to_dict()
    ok = articles[articles["status"] == "ok"]
    return pd.DataFrame(
        [
            ("articles analysed", len(ok)),
            ("files skipped", int((articles["status"] != "ok").sum())),
            ("body paragraphs", int(paragraphs.get("body", 0))),
            ("section headings", int(paragraphs.get("heading", 0))),
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
    :func:`helpers.measures.topics.topic_stability`), or were fitted on the paragraphs of a corpus of too few
    articles (``terms["fitted_on"]``, see :func:`helpers.measures.topics.topic_documents`); the empty string
    when every topic is stable."""
    stability = per_topic(terms)["stability"]
    fitted_on = terms["fitted_on"].iloc[0] if "fitted_on" in terms and len(terms) else None
    if fitted_on == "paragraphs" and stability.notna().any():
        return note_html(
            f"These topics are not findings about the corpus: it holds too few articles (fewer than {MIN_ARTICLE_UNITS}) "
            f"for themes across articles, so the model was fitted on its {n_paragraphs} paragraphs, and a topic here is "
            "a group of paragraphs that share words. Refitted on random 80% samples of them, the model gives back the "
            f"topics' top 10 terms with a mean overlap of {float(stability.mean()):.2f} (Jaccard; 1 = the same terms "
            "every time). Add articles to the corpus for topics that can be compared across them."
        )
    if stability.isna().all():
        return note_html(f"Topic stability was not measured: {n_paragraphs} paragraph(s) are too few to refit the model on part of them.")
    unstable = stability[stability < UNSTABLE]
    if unstable.empty:
        return ""
    mean = float(stability.mean())
    if len(unstable) == len(stability):
        return note_html(
            f"These topics are not stable, so their weights are not findings: refitted on random 80% samples of the "
            f"{'articles' if fitted_on == 'articles' else f'{n_paragraphs} paragraphs'}, the model gives back "
            f"the topics' top 10 terms with a mean overlap of only {mean:.2f} "
            "(Jaccard; 1 = the same terms every time). The corpus is too small, or too uniform, for stable themes; "
            "read the weights as which paragraphs share words."
        )
    listed = ", ".join(f"{t} ({s:.2f})" for t, s in unstable.items())
    return note_html(
        f"Topic(s) {listed} are unstable (marked in the figures): refitted on random 80% samples of the {fitted_on or 'paragraphs'}, "
        f"fewer than half of their top 10 terms come back (Jaccard overlap in brackets; 1 = the same terms every time). "
        "Treat their weights with care."
    )


def metadata_summary(articles: pd.DataFrame, meta, settings) -> pd.DataFrame:
    """The metadata columns the reports can use: name, kind, where from, values, and the choice
    of each comparison parameter (``meta``: :class:`helpers.analysis.metadata.Metadata` or None)."""
    from helpers.analysis.metadata import CARRIED, DATE_FORMATS

    ok = articles[articles["status"] == "ok"]
    kinds = {**(meta.kinds if meta else {}), **CARRIED}
    rows = []
    for column, kind in kinds.items():
        if column not in ok or ok[column].isna().all():
            continue
        values = ok[column].dropna()
        if kind == "date":
            fmt = dict(DATE_FORMATS)[meta.formats.get(column, "ISO8601") if meta else "ISO8601"].split(": ")[0]
            shown = f"{values.min():%Y-%m-%d} to {values.max():%Y-%m-%d} (read as {fmt})"
        else:
            counts = values.astype(str).value_counts()
            shown = (
                f"{len(counts)} distinct: "
                + ", ".join(f"{_short(v)} ({n})" for v, n in counts.head(5).items())
                + (" ..." if len(counts) > 5 else "")
            )
        source = "carried by the articles" if column in CARRIED else "metadata.csv"
        rows.append((column, kind, source, f"{len(values)} of {len(ok)}", shown))
    table = pd.DataFrame(rows, columns=["column", "kind", "from", "articles with a value", "values"])
    chosen = [
        ("group_by", settings.group_by or "(none)"),
        ("date_column", settings.date_column or "(none)"),
        ("time_unit", settings.time_unit or "(none)"),
        ("compare", " vs ".join(s.label for s in settings.sides) if settings.sides else "(none)"),
    ]
    return pd.concat([table, pd.DataFrame([(f"parameter {k}", "", "", "", v) for k, v in chosen], columns=table.columns)])


def _short(text: str, n: int = 30) -> str:
    return text if len(text) <= n else text[: n - 1] + "…"


def problems_html(meta) -> str:
    """The problems found in metadata.csv as a list, or a sentence saying there are none or no file."""
    if meta is None:
        return note_html(
            "There is no data/raw/metadata.csv: only the metadata the articles carry (dateline, page date, site name) is used. "
            "Add one (a 'file' column and any others) to compare outlets, sections or periods."
        )
    if not meta.problems:
        return note_html("The metadata (metadata.csv, and the columns of any corpus files) has no problems.")
    problems = pd.DataFrame({"problem in the metadata (the rest is used)": meta.problems})
    return long_list_html(problems, "reports/index-metadata-problems.csv", note="")


def absent_note(why: str) -> str:
    """Why a section is absent, as a sentence."""
    return note_html(f"This section is absent: {why}.")


def time_caption(comparison) -> str:
    """The caption of the sentiment-over-time figure: column, unit, bins and thin bins."""
    table, s = comparison.over_time, comparison.settings
    thin = int((table["thin"] & (table["n"] > 0)).sum())
    empty = int((table["n"] == 0).sum())
    return (
        f"Mean article sentiment per {s.time_unit} of {s.date_column} with 95% bootstrap intervals "
        f"({len(table)} bins; {thin} thin, {empty} empty); grey bars: articles per bin."
    )


def pairs_table(pairs: pd.DataFrame) -> pd.DataFrame:
    """The pairwise differences as a table to read: intervals and p-values rounded, the correction named."""
    return pd.DataFrame(
        {
            "a": pairs["a"],
            "b": pairs["b"],
            "articles (a, b)": [f"{x}, {y}" for x, y in zip(pairs["n_a"], pairs["n_b"])],
            "difference a - b": pairs["difference"].map("{:+.3f}".format),
            "95% interval": [f"{lo:+.3f} to {hi:+.3f}" for lo, hi in zip(pairs["ci_low"], pairs["ci_high"])],
            "permutation p": pairs["p_value"].map("{:.4f}".format),
            "p adjusted (Benjamini-Hochberg)": pairs["p_adjusted"].map("{:.4f}".format),
            "significant (adjusted p < 0.05)": pairs["significant"].map({True: "yes", False: "no"}),
        }
    )


def shift_caption(shift: pd.DataFrame, labels) -> str:
    """The caption of the word shift figure: the two sides' mean valence and how the words were counted."""
    a, b = labels
    return (
        f"Word shift from {a} to {b}: the {min(len(shift), 20)} words contributing most to the difference in mean VADER "
        f"valence of the two sides' words ({shift.attrs['mean_a']:+.3f} to {shift.attrs['mean_b']:+.3f}, difference "
        f"{shift.attrs['difference']:+.3f}; valence -4 to +4, words of VADER's lexicon only). Contributions add up to the difference."
    )


def shift_table(shift: pd.DataFrame, n: int = 20) -> pd.DataFrame:
    """The word shift's top ``n`` words as a table: valence, counts and shares on each side, contribution, kind."""
    top = shift.head(n)
    return pd.DataFrame(
        {
            "word": top["term"],
            "valence": top["valence"].map("{:+.1f}".format),
            "count (first side)": top["count_a"].astype(int),
            "count (second side)": top["count_b"].astype(int),
            "share change": (top["p_b"] - top["p_a"]).map("{:+.4f}".format),
            "contribution": top["contribution"].map("{:+.4f}".format),
            "kind": top["kind"],
        }
    )


def heading_html(text: str) -> str:
    """A sub-heading (``<h3>``) for a part of a section, escaped."""
    return _render("heading.html.j2", text=text)


def shift_summary_table(shift: pd.DataFrame) -> pd.DataFrame:
    """The word shift's contributions summed by kind, and the total (:func:`helpers.analysis.groups.shift_summary`)."""
    from helpers.analysis.groups import shift_summary

    table = shift_summary(shift)
    return table.assign(sum=table["sum"].map("{:+.4f}".format)).rename(columns={"sum": "sum of contributions", "n_words": "words"})


TONE_LABELS = {-1: "negative", 0: "neutral", 1: "positive"}


def actor_sentences_html(actors: list[dict]) -> str:
    """Each actor's sentences with its mentions marked by their tone (colour and a word), escaped.

    ``actors``: :meth:`helpers.report.actors.ArticleActors.sentences`.

    >>> html = actor_sentences_html([{"title": "A <b>", "sentences": [
    ...     {"position": 2, "sentence": 1, "parts": [("Hi ", None), ("A", -1), (".", None)]}]}])
    >>> "A &lt;b&gt;" in html, '<mark class="tone-negative" title="tone -1 (negative)">A</mark>' in html
    (True, True)
    """
    return _render("actor_sentences.html.j2", actors=actors, labels=TONE_LABELS)
