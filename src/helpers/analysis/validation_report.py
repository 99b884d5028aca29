"""What ``notebooks/validation.ipynb`` shows, section by section: each function runs one comparison
and returns its tables, so the notebook holds parameters, calls, figures and prose.

The measures themselves (Pearson intervals, cross-domain training, pseudo-paragraphs, topic
recovery) are in :mod:`helpers.analysis.validation`; this module puts them together with the
project's scorers and topic model.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import partial

import numpy as np
import pandas as pd

from helpers.analysis import validation as val

__all__ = [
    "SCORERS",
    "AGGREGATIONS",
    "ProxyResult",
    "vader_against_ratings",
    "scorers_across_domains",
    "correlation_series",
    "aggregation_proxy",
    "coherence_table",
    "labels_by_topic",
]

SCORERS = {"features only": {"words": False}, "features + words (default)": {}}
"""The trained scorer's variants compared across domains (keyword arguments of ``NewsScorer``)."""

AGGREGATIONS = ["mean of sentences", "joined text", "trained, mean of sentences"]
"""How a multi-sentence text is scored in :func:`aggregation_proxy`."""


def _compound(texts) -> np.ndarray:
    from helpers.measures.sentiment import score_sentence

    return np.array([score_sentence(t)["compound"] for t in texts], dtype=float)


def vader_against_ratings(sets: dict[str, pd.DataFrame]) -> pd.DataFrame:
    """VADER's compound score against each set's mean human rating: one row per set with Pearson's
    ``r``, its 95% interval and ``n``, beside the ``published r`` (Hutto and Gilbert 2014)."""
    rows = [
        {"set": name, **val.pearson_ci(_compound(items["text"]), items["rating"]), "published r": val.PUBLISHED_R[name]}
        for name, items in sets.items()
    ]
    return pd.DataFrame(rows)


def scorers_across_domains(sets: dict[str, pd.DataFrame], vader: pd.DataFrame) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Each variant of the trained scorer (:data:`SCORERS`), trained on all sets but one and tested
    on the one left out.

    Returns the summary (one row per held-out set and a ``mean`` row: VADER's r beside each
    variant's) and the long table (scorer, test set, training sets, n, r and its interval).
    """
    from helpers.measures.newsscore import NewsScorer

    cross = pd.concat(
        [val.cross_domain_scores(sets, partial(NewsScorer, **kwargs)).assign(scorer=label) for label, kwargs in SCORERS.items()],
        ignore_index=True,
    )
    wide = cross.pivot(index="test_set", columns="scorer", values="r").loc[list(sets), list(SCORERS)]
    wide.insert(0, "VADER", vader.set_index("set")["r"].loc[wide.index])
    wide.loc["mean"] = wide.mean()
    wide = wide.reset_index().rename(columns={"test_set": "held-out set"})
    wide.columns.name = None
    return wide, cross[["scorer", "test_set", "train_sets", "n", "r", "ci_low", "ci_high"]]


def correlation_series(sets: dict[str, pd.DataFrame], vader: pd.DataFrame, cross: pd.DataFrame) -> dict[str, pd.DataFrame]:
    """The three series of :func:`helpers.figures.correlation_bars`: VADER as published, VADER here,
    and the default trained scorer on the set it was not trained on; each indexed by set."""
    published = pd.DataFrame({"r": [val.PUBLISHED_R[name] for name in sets]}, index=list(sets))
    trained = cross[cross["scorer"] == "features + words (default)"].set_index("test_set").loc[list(sets)]
    return {"VADER, published": published, "VADER, ours": vader.set_index("set"), "trained, held out": trained}


@dataclass
class ProxyResult:
    """:func:`aggregation_proxy`'s result: one row per aggregation, the paired difference between
    the first two with its bootstrap interval, and the pseudo-paragraphs."""

    table: pd.DataFrame
    difference: tuple[float, float, float]
    groups: pd.DataFrame

    def note(self) -> str:
        difference, low, high = self.difference
        counts = self.groups["n_sentences"].value_counts().sort_index().to_dict()
        return (
            f"{len(self.groups)} pseudo-paragraphs from {self.groups['source'].nunique()} reviews ({counts} by sentence count). "
            f"r(mean of sentences) - r(joined text) = {difference:.3f}, 95% paired bootstrap interval [{low:.3f}, {high:.3f}]. "
            "The trained scorer here was trained on tweets and movie snippets only."
        )


def aggregation_proxy(sets: dict[str, pd.DataFrame], *, random_state: int = 0) -> ProxyResult:
    """Does scoring a paragraph as the mean of its sentences track human ratings better than scoring
    its joined text? Consecutive Amazon review sentences of one review are grouped into
    pseudo-paragraphs (:func:`helpers.analysis.validation.group_pseudo_paragraphs`), each rated by
    the mean of its sentences' ratings, and scored three ways (:data:`AGGREGATIONS`); the trained
    scorer is trained on the other two sets, so it has seen none of these reviews."""
    from helpers.measures.newsscore import NewsScorer

    groups = val.group_pseudo_paragraphs(sets["Amazon reviews"], random_state=random_state)
    groups["mean of sentences"] = [float(_compound(sentences).mean()) for sentences in groups["sentences"]]
    groups["joined text"] = _compound(groups["text"])
    training = pd.concat([sets["tweets"], sets["movie snippets"]])
    scorer = NewsScorer().fit(training["text"].tolist(), training["rating"].to_numpy())
    groups["trained, mean of sentences"] = [float(scorer.score(sentences).mean()) for sentences in groups["sentences"]]
    table = pd.DataFrame([{"aggregation": a, **val.pearson_ci(groups[a], groups["rating"])} for a in AGGREGATIONS])
    difference = val.paired_r_difference(groups["mean of sentences"], groups["joined text"], groups["rating"], random_state=random_state)
    return ProxyResult(table, difference, groups)


def coherence_table(model) -> pd.DataFrame:
    """The candidate topic counts a model tried when it chose its count, with their coherence (NPMI)."""
    return pd.DataFrame({"k": list(model.coherence_), "coherence (NPMI)": list(model.coherence_.values())})


def labels_by_topic(labels: pd.Series, topic) -> pd.DataFrame:
    """How many articles of each label each topic dominates (a crosstab, labels as rows)."""
    return pd.crosstab(np.asarray(labels), np.asarray(topic), rownames=["label"], colnames=["topic"]).reset_index()
