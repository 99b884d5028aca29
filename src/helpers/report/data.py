"""What each report notebook needs, checked and loaded in one call: the notebooks' set-up cells.

:func:`load_article` and :func:`load_corpus` take the notebook's parameters, check them with
:func:`helpers.analysis.params.check` (the checks the build runs before any notebook, so a bad value gets
the same message in JupyterLab, from papermill and from ``make report``), read the measured tables
and return them with what the figures need (topic labels, the figure folder). Nothing here plots.
"""

from __future__ import annotations

import dataclasses
import re
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path

import numpy as np
import pandas as pd

from helpers import io, paths
from helpers.analysis import groups as cmp
from helpers.analysis import metadata, stats
from helpers.analysis.params import check
from helpers.corpus import aggregates
from helpers.measures.topics import NEWS_STOP_WORDS, topic_columns, topic_labels
from helpers.report import actors as report_actors
from helpers.report.parts import show_figure

__all__ = ["ArticleData", "CorpusData", "ComparisonData", "GroupAnalysis", "load_article", "load_corpus", "load_comparison"]


_NUMBERED = re.compile(r"^Figure \d+\.")


@dataclass(frozen=True)
class _Report:
    figures: Path
    """Where :meth:`show` saves the figures (PNG and SVG)."""
    numbers: dict[str, int] = dataclasses.field(default_factory=dict, kw_only=True, repr=False, compare=False)
    """Each figure's number, by name, in the order the figures were first shown."""

    def show(self, fig, name: str, caption: str) -> None:
        """Save a report figure in :attr:`figures`, close it, and display it with its numbered caption.

        Figures are numbered in the order they are first shown, so a section the report leaves
        out leaves no gap; showing a figure of the same name again (a cell run twice in
        JupyterLab) keeps its number. A caption that starts with its own "Figure N." keeps it.
        """
        if not _NUMBERED.match(caption):
            caption = f"Figure {self.numbers.setdefault(name, len(self.numbers) + 1)}. {caption}"
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
    actors: report_actors.ArticleActors  # its actors and their sentences (``actors``, ``min_mentions``)

    @cached_property
    def body(self) -> pd.DataFrame:
        """The article's body paragraphs (no headings)."""
        return self.paragraphs[self.paragraphs["kind"] == "body"]

    @property
    def topic_cols(self) -> list[str]:
        """The topic weight columns, ``topic_1`` ... ``topic_k``."""
        return topic_columns(len(self.labels))


@dataclass(frozen=True)
class GroupAnalysis:
    """A corpus by time, by group and by side (the two sides of ``compare``), computed when first asked for.

    Each table is None when the data do not allow it; :meth:`why` then says why (for the report).
    """

    articles: pd.DataFrame  # analysed articles, metadata joined
    paragraphs: pd.DataFrame  # their body paragraphs
    settings: metadata.Settings
    topic_cols: list[str]

    def why(self, section: str) -> str:
        """Why a section (``time``, ``group``, ``compare``) is absent, in plain words."""
        if section == "compare" and "compare" not in self.settings.why and self._shift[1]:
            return self._shift[1]
        return self.settings.why.get(section, "")

    @cached_property
    def over_time(self) -> pd.DataFrame | None:
        """Sentiment per time bin (:func:`helpers.analysis.groups.sentiment_over_time`)."""
        s = self.settings
        return None if s.date_column is None else cmp.sentiment_over_time(self.articles, s.date_column, s.time_unit)

    @cached_property
    def topics_over_time(self) -> pd.DataFrame | None:
        """Each topic's share per time bin, every bin of the span (empty bins missing)."""
        s = self.settings
        if s.date_column is None or not self.topic_cols:
            return None
        shares = cmp.topic_shares(self.articles, cmp.time_bins(self.articles[s.date_column], s.time_unit), self.topic_cols)
        return shares.reindex(self.over_time["bin"])

    @cached_property
    def by_group(self) -> pd.DataFrame | None:
        """Sentiment per group, the 50 largest, largest first (:func:`helpers.analysis.groups.group_sentiment`)."""
        if self.settings.group_by is None:
            return None
        return cmp.group_sentiment(self.articles, self.settings.group_by, max_groups=cmp.MAX_GROUPS)

    @cached_property
    def pairs(self) -> pd.DataFrame | None:
        """Pairwise differences among the largest groups (:func:`helpers.analysis.groups.pairwise_differences`)."""
        return None if self.settings.group_by is None else cmp.pairwise_differences(self.articles, self.settings.group_by)

    @cached_property
    def group_topics(self) -> pd.DataFrame | None:
        """Each topic's share per group, in :attr:`by_group`'s order."""
        if self.settings.group_by is None or not self.topic_cols:
            return None
        shares = cmp.topic_shares(self.articles, self.settings.group_by, self.topic_cols)
        return shares.reindex([g for g in self.by_group["group"] if g in shares.index])

    @cached_property
    def _counts(self):
        return cmp.term_counts(self.paragraphs)

    def _paragraph_labels(self, labels: pd.Series) -> pd.Series:
        return self.paragraphs["article_id"].map(pd.Series(labels.to_numpy(), index=self.articles["article_id"]))

    @cached_property
    def distinctive(self) -> pd.DataFrame | None:
        """Each group's 10 most distinctive words (:func:`helpers.analysis.groups.distinctive_terms`), one row per group."""
        if self.settings.group_by is None:
            return None
        matrix, vocabulary = self._counts
        labels = self._paragraph_labels(self.articles[self.settings.group_by].astype("string"))
        terms = cmp.distinctive_terms(matrix, vocabulary, labels, stop_words=NEWS_STOP_WORDS)
        table = terms.groupby("group", sort=False)["term"].agg(", ".join).rename("most distinctive terms")
        return table.reindex([str(g) for g in self.by_group["group"]]).dropna().rename_axis("group").reset_index()

    @cached_property
    def sides(self) -> tuple[pd.DataFrame, pd.DataFrame] | None:
        """The analysed articles of each side of the comparison."""
        if self.settings.sides is None:
            return None
        return tuple(self.articles[side.mask.loc[self.articles.index]] for side in self.settings.sides)

    @property
    def side_labels(self) -> tuple[str, str]:
        """The two sides' labels (``outlet=AP``)."""
        return tuple(side.label for side in self.settings.sides)

    @property
    def shift(self) -> pd.DataFrame | None:
        """The word shift from the first side to the second (:func:`helpers.analysis.groups.word_shift`);
        None when there are no sides or a side has no word of VADER's lexicon (:meth:`why` says which)."""
        return self._shift[0]

    @cached_property
    def _shift(self) -> tuple[pd.DataFrame | None, str]:
        if self.sides is None:
            return None, ""
        matrix, vocabulary = self._counts
        counts = []
        for side in self.sides:
            rows = self.paragraphs["article_id"].isin(side["article_id"]).to_numpy()
            counts.append(dict(zip(vocabulary, map(float, np.asarray(matrix[rows].sum(axis=0)).ravel()))))
        try:
            return cmp.word_shift(*counts, io.vader_lexicon()), ""
        except ValueError as exc:
            return None, f"no word shift between {' and '.join(self.side_labels)}: {exc}"

    def side_paragraphs(self, index: int) -> pd.DataFrame:
        """The body paragraphs of one side's articles."""
        return self.paragraphs[self.paragraphs["article_id"].isin(self.sides[index]["article_id"])]

    def side_arc(self, index: int) -> pd.DataFrame:
        """One side's mean sentiment arc (:func:`helpers.analysis.groups.mean_arc`)."""
        return cmp.mean_arc(self.side_paragraphs(index))

    @cached_property
    def _labelled_sides(self) -> pd.DataFrame:
        """Both sides' articles stacked, with their side's label in ``side`` (an article may be in both)."""
        return pd.concat([side.assign(side=label) for side, label in zip(self.sides, self.side_labels)], ignore_index=True)

    def side_summary(self) -> pd.DataFrame:
        """Per side: articles, body paragraphs, mean article sentiment and its 95% interval."""
        rows = []
        for i, (side, label) in enumerate(zip(self.sides, self.side_labels)):
            mean, low, high = stats.mean_ci(side["compound_mean"])
            rows.append((label, len(side), len(self.side_paragraphs(i)), f"{mean:+.3f}", f"{low:+.3f} to {high:+.3f}"))
        return pd.DataFrame(rows, columns=["side", "articles", "body paragraphs", "mean article sentiment", "95% bootstrap interval"])

    def side_difference(self) -> pd.DataFrame:
        """The difference in mean article sentiment, second side minus first: 95% bootstrap interval, permutation p-value."""
        first, second = (side["compound_mean"] for side in self.sides)
        diff, low, high, p = cmp.difference(second, first)
        return pd.DataFrame(
            [(f"{self.side_labels[1]} minus {self.side_labels[0]}", f"{diff:+.3f}", f"{low:+.3f} to {high:+.3f}", f"{p:.4f}")],
            columns=["difference", "mean article sentiment", "95% bootstrap interval", "permutation p (two-sided)"],
        )

    def side_topics(self) -> pd.DataFrame | None:
        """Each topic's share of each side's articles (rows in side order)."""
        if not self.topic_cols:
            return None
        return cmp.topic_shares(self._labelled_sides, "side", self.topic_cols).reindex(list(self.side_labels))

    def examples(self, index: int, *, n: int = 3) -> pd.DataFrame:
        """One side's ``n`` most positive and ``n`` most negative body paragraphs: article, score, text."""
        body = self.side_paragraphs(index).dropna(subset=["compound"]).sort_values(["compound", "article_id", "position"], kind="stable")
        body = body.drop_duplicates(subset="text")  # wire copies repeat paragraphs word for word
        shown = pd.concat([body.tail(n).iloc[::-1], body.head(n)]).drop_duplicates(subset=["article_id", "position"])
        return shown[["article_id", "position", "compound", "text"]].round({"compound": 3}).reset_index(drop=True)


@dataclass(frozen=True)
class CorpusData(_Report):
    """The whole corpus's tables."""

    articles: pd.DataFrame  # every file, skipped ones too, with the metadata columns
    paragraphs: pd.DataFrame  # every paragraph, or those of a sample of whole articles (``sample``)
    removals: pd.DataFrame  # raw lines by what cleaning did with them, over the whole corpus
    paragraph_counts: dict  # paragraphs by kind, over the whole corpus
    topic_means: pd.Series  # each topic's mean weight over every body paragraph
    sample: aggregates.Sample  # whose paragraphs ``paragraphs`` holds
    terms: pd.DataFrame
    labels: list[str]
    reported: set[str]  # ids of the article reports to link
    meta: metadata.Metadata | None = None  # metadata.csv checked (None: there is none)
    settings: metadata.Settings | None = None  # group_by, date_column, time_unit, compare resolved
    actors: report_actors.CorpusActors | None = None  # the actors shown (``actors``, ``min_mentions``) and the tone towards them

    @cached_property
    def analysis(self) -> GroupAnalysis:
        """The corpus by time, by group and by side."""
        return GroupAnalysis(self.ok, self.body, self.settings, topic_columns(len(self.labels)))

    @property
    def metadata_problems(self) -> list[str]:
        """What is wrong in metadata.csv (empty when it is fine or absent)."""
        return self.meta.problems if self.meta else []

    @cached_property
    def ok(self) -> pd.DataFrame:
        """The articles analysed (not skipped)."""
        return self.articles[self.articles["status"] == "ok"]

    @cached_property
    def body(self) -> pd.DataFrame:
        """The corpus's body paragraphs (no headings)."""
        return self.paragraphs[self.paragraphs["kind"] == "body"]


def load_article(
    article_id: str,
    *,
    processed_dir: str = "",
    figures_dir: str = "",
    smoothing_window: int = 3,
    lowpass_components: int = 5,
    actors: str = "",
    min_mentions: int = 1,
) -> ArticleData:
    """Check ``article_report``'s parameters and load that article's tables.

    ``ValueError`` names a bad parameter, an unknown ``article_id`` (with some known ones) or an
    article that cleaning skipped (with why); ``FileNotFoundError`` says to run ``make report``
    when the tables are not built.
    """
    check({"smoothing_window": smoothing_window, "lowpass_components": lowpass_components, "min_mentions": min_mentions})
    processed = paths.given_or(processed_dir, paths.PROCESSED)
    articles = io.read_table("articles", folder=processed)
    if article_id not in set(articles["article_id"]):
        raise ValueError(f"article_id {article_id!r} is not in the corpus; known ids: {sorted(articles['article_id'])[:10]}")
    article = articles.set_index("article_id").loc[article_id]
    if article["status"] != "ok":
        raise ValueError(f"article {article_id!r} was skipped: {article['problem']}")

    def rows(name: str) -> pd.DataFrame:  # read part by part, keeping this article's rows only
        return io.read_table(name, folder=processed, filters=[("article_id", "==", article_id)]).reset_index(drop=True)

    paragraphs = rows("paragraphs")
    terms = io.read_table("topic_terms", folder=processed)
    labels = topic_labels(terms)
    measuring = io.read_manifest(processed).get("parameters", {})
    parameters = {
        "article_id": article_id,
        "smoothing_window": smoothing_window,
        "lowpass_components": lowpass_components,
        "actors": actors or "(the article's actors)",
        "min_mentions": min_mentions,
        "topics in the model": len(labels),
        **{f"measuring: {k}": v for k, v in sorted(measuring.items())},
    }
    return ArticleData(
        figures=paths.given_or(figures_dir, paths.FIGURES / article_id),
        article_id=article_id,
        article=article,
        paragraphs=paragraphs,
        audit=rows("audit"),
        segments=rows("segments"),
        terms=terms,
        labels=labels,
        parameters=parameters,
        corpus_paragraphs=aggregates.paragraph_counts(processed).get("body", 0),
        actors=report_actors.article_actors(processed, article_id, actors=actors, min_mentions=min_mentions),
    )


def load_corpus(
    *,
    processed_dir: str = "",
    raw_dir: str = "",
    figures_dir: str = "",
    n_ranked: int = 10,
    reported_list: str = "",
    group_by: str = "",
    date_column: str = "",
    time_unit: str = "",
    compare: str = "",
    actors: str = "",
    min_mentions: int = 5,
) -> CorpusData:
    """Check ``corpus_report``'s parameters and load the corpus's tables, metadata joined.

    ``reported_list`` names a JSON list of the article reports to link (the build writes it);
    empty, the reports on disk are linked. ``raw_dir``: the folder of the ``metadata.csv`` that
    goes with the tables in ``processed_dir`` (empty: ``data/raw``). ``group_by``, ``date_column``, ``time_unit`` and
    ``compare`` are checked against the metadata (:func:`helpers.analysis.metadata.check_parameters`);
    ``actors`` and ``min_mentions`` against the corpus's actors (:func:`helpers.report.actors.select_actors`).
    """
    check({"n_ranked": n_ranked, "time_unit": time_unit, "min_mentions": min_mentions})
    processed = paths.given_or(processed_dir, paths.PROCESSED)
    articles, meta = metadata.load(io.read_table("articles", folder=processed), paths.given_or(raw_dir, paths.RAW), processed)
    settings = metadata.check_parameters(articles, meta, group_by=group_by, date_column=date_column, time_unit=time_unit, compare=compare)
    sample = aggregates.sample_articles(articles)
    paragraphs = aggregates.read_paragraphs(processed, sample)
    terms = io.read_table("topic_terms", folder=processed)
    labels = topic_labels(terms)
    reported = set(io.read_json(Path(reported_list))) if reported_list else io.built_reports()
    selection = report_actors.select_actors(actors, processed)
    return CorpusData(
        figures=paths.given_or(figures_dir, paths.FIGURES / "corpus"),
        articles=articles,
        paragraphs=paragraphs,
        removals=aggregates.removal_summary(processed),
        paragraph_counts=aggregates.paragraph_counts(processed),
        topic_means=aggregates.topic_means(processed, topic_columns(len(labels))),
        sample=sample,
        terms=terms,
        labels=labels,
        reported=reported,
        meta=meta,
        settings=settings,
        actors=report_actors.CorpusActors(processed, articles[articles["status"] == "ok"], settings, selection, min_mentions),
    )


@dataclass(frozen=True)
class ComparisonData(CorpusData):
    """The corpus with two sides to compare (``settings.sides``), for ``comparison_report``."""

    @property
    def sides(self) -> list:
        """The two sides (:class:`helpers.analysis.metadata.Side`), as ``compare`` chose them."""
        return self.settings.sides


def load_comparison(
    *,
    processed_dir: str = "",
    raw_dir: str = "",
    figures_dir: str = "",
    compare: str = "",
    group_by: str = "",
    date_column: str = "",
    time_unit: str = "",
    actors: str = "",
    min_mentions: int = 5,
) -> ComparisonData:
    """Check ``comparison_report``'s parameters and load the corpus with its two sides.

    ``ValueError`` says why when the data give no two sides (no ``compare``, no groups, no dates).
    Figures go to ``reports/figures/compare/<name>`` (:func:`helpers.analysis.metadata.compare_name`).
    """
    data = load_corpus(
        processed_dir=processed_dir,
        raw_dir=raw_dir,
        group_by=group_by,
        date_column=date_column,
        time_unit=time_unit,
        compare=compare,
        actors=actors,
        min_mentions=min_mentions,
    )
    if data.settings.sides is None:
        raise ValueError(f"the comparison report needs two sides: {data.settings.why['compare']} (give compare=...)")
    labels = [side.label for side in data.settings.sides]
    folder = paths.given_or(figures_dir, paths.FIGURES / "compare" / metadata.compare_name(labels))
    fields = {f.name: getattr(data, f.name) for f in dataclasses.fields(data) if f.init}
    return ComparisonData(**{**fields, "figures": folder})
