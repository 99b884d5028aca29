"""What each report notebook needs, checked and loaded in one call: the notebooks' set-up cells.

:func:`load_article` and :func:`load_corpus` take the notebook's parameters, check them with
:func:`helpers.params.check` (the checks the build runs before any notebook, so a bad value gets
the same message in JupyterLab, from papermill and from ``make report``), read the measured tables
and return them with what the figures need (topic labels, the figure folder). Nothing here plots.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property
from pathlib import Path

import pandas as pd

from . import io, paths
from .params import check
from .reportparts import show_figure
from .topics import topic_columns, topic_labels

__all__ = ["ArticleData", "CorpusData", "load_article", "load_corpus"]


@dataclass(frozen=True)
class _Report:
    figures: Path
    """Where :meth:`show` saves the figures (PNG and SVG)."""

    def show(self, fig, name: str, caption: str) -> None:
        """Save a report figure in :attr:`figures`, close it, and display it with its caption."""
        show_figure(fig, name, caption, folder=self.figures)


@dataclass(frozen=True)
class ArticleData(_Report):
    """One article's tables (see ``data/processed/README.md`` for the columns)."""

    article_id: str
    article: pd.Series  # its row of the articles table
    paragraphs: pd.DataFrame  # body paragraphs and headings, in order
    audit: pd.DataFrame  # every raw line and what cleaning did
    segments: pd.DataFrame  # quotes and narration
    terms: pd.DataFrame  # the corpus topics' top terms
    labels: list[str]  # topic labels, in topic order
    parameters: dict  # the report's and the measuring parameters
    corpus_paragraphs: int  # body paragraphs in the corpus (the topic model's data)

    @cached_property
    def body(self) -> pd.DataFrame:
        """The article's body paragraphs (no headings)."""
        return self.paragraphs[self.paragraphs["kind"] == "body"]

    @property
    def topic_cols(self) -> list[str]:
        """The topic weight columns, ``topic_1`` ... ``topic_k``."""
        return topic_columns(len(self.labels))


@dataclass(frozen=True)
class CorpusData(_Report):
    """The whole corpus's tables."""

    articles: pd.DataFrame  # every file, skipped ones too
    paragraphs: pd.DataFrame
    audit: pd.DataFrame
    terms: pd.DataFrame
    labels: list[str]
    reported: set[str]  # ids of the article reports to link

    @cached_property
    def ok(self) -> pd.DataFrame:
        """The articles analysed (not skipped)."""
        return self.articles[self.articles["status"] == "ok"]

    @cached_property
    def body(self) -> pd.DataFrame:
        """The corpus's body paragraphs (no headings)."""
        return self.paragraphs[self.paragraphs["kind"] == "body"]


def load_article(
    article_id: str, *, processed_dir: str = "", figures_dir: str = "", smoothing_window: int = 3, lowpass_components: int = 5
) -> ArticleData:
    """Check ``article_report``'s parameters and load that article's tables.

    ``ValueError`` names a bad parameter, an unknown ``article_id`` (with some known ones) or an
    article that cleaning skipped (with why); ``FileNotFoundError`` says to run ``make report``
    when the tables are not built.
    """
    check({"smoothing_window": smoothing_window, "lowpass_components": lowpass_components})
    processed = paths.given_or(processed_dir, paths.PROCESSED)
    articles = io.read_table("articles", folder=processed)
    if article_id not in set(articles["article_id"]):
        raise ValueError(f"article_id {article_id!r} is not in the corpus; known ids: {sorted(articles['article_id'])[:10]}")
    article = articles.set_index("article_id").loc[article_id]
    if article["status"] != "ok":
        raise ValueError(f"article {article_id!r} was skipped: {article['problem']}")

    def rows(table: pd.DataFrame) -> pd.DataFrame:
        return table[table["article_id"] == article_id].reset_index(drop=True)

    every_paragraph = io.read_table("paragraphs", folder=processed)
    paragraphs = rows(every_paragraph)
    terms = io.read_table("topic_terms", folder=processed)
    labels = topic_labels(terms)
    measuring = io.read_manifest(processed).get("parameters", {})
    parameters = {
        "article_id": article_id,
        "smoothing_window": smoothing_window,
        "lowpass_components": lowpass_components,
        "topics in the model": len(labels),
        **{f"measuring: {k}": v for k, v in sorted(measuring.items())},
    }
    return ArticleData(
        figures=paths.given_or(figures_dir, paths.FIGURES / article_id),
        article_id=article_id,
        article=article,
        paragraphs=paragraphs,
        audit=rows(io.read_table("audit", folder=processed)),
        segments=rows(io.read_table("segments", folder=processed)),
        terms=terms,
        labels=labels,
        parameters=parameters,
        corpus_paragraphs=int((every_paragraph["kind"] == "body").sum()),
    )


def load_corpus(*, processed_dir: str = "", figures_dir: str = "", n_ranked: int = 10, reported_list: str = "") -> CorpusData:
    """Check ``corpus_report``'s parameters and load the corpus's tables.

    ``reported_list`` names a JSON list of the article reports to link (the build writes it);
    empty, the reports on disk are linked.
    """
    check({"n_ranked": n_ranked})
    processed = paths.given_or(processed_dir, paths.PROCESSED)
    articles = io.read_table("articles", folder=processed)
    paragraphs = io.read_table("paragraphs", folder=processed)
    terms = io.read_table("topic_terms", folder=processed)
    reported = set(io.read_json(Path(reported_list))) if reported_list else io.built_reports()
    return CorpusData(
        figures=paths.given_or(figures_dir, paths.FIGURES / "corpus"),
        articles=articles,
        paragraphs=paragraphs,
        audit=io.read_table("audit", folder=processed),
        terms=terms,
        labels=topic_labels(terms),
        reported=reported,
    )
