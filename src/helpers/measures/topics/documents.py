"""What the topic model is fitted on (articles with headlines, or paragraphs) and the weights per article."""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import pandas as pd

__all__ = ["MIN_ARTICLE_UNITS", "topic_documents", "fit_inputs", "topic_columns", "article_weights"]

MIN_ARTICLE_UNITS = 20
"""With at least this many articles, the topic model is fitted on whole articles (headline and body);
with fewer, on body paragraphs: a handful of documents cannot hold several topics."""


def topic_documents(body: pd.DataFrame, headlines: pd.Series | None = None, *, unit: str | None = None) -> pd.Series:
    """The texts the topic model is fitted on, from the body paragraphs of a corpus.

    One text per article, its headline (``headlines``, indexed by ``article_id``; may be empty)
    followed by its body paragraphs, when the corpus has at least :data:`MIN_ARTICLE_UNITS`
    articles: an article is the unit a theme belongs to, and its headline is evidence of what it
    is about (on BBC and the Reuters sample, articles with headlines recover the labelled topics
    better than paragraphs, most of all on short items; see ``notebooks/validation.ipynb``).
    With fewer articles (the seed alone), the body paragraphs themselves.

    Parameters
    ----------
    body : DataFrame
        ``article_id`` and ``text`` of the body paragraphs, in order.
    headlines : Series of str, optional
    unit : {"article", "paragraph"}, optional
        The unit, when it was chosen on the whole corpus (a partition of a large corpus is
        transformed in the corpus's unit, whatever its own size).

    Returns
    -------
    Series of str
        Indexed by ``article_id`` (sorted, one row per article) when the units are articles; by
        the rows of ``body`` when they are paragraphs. ``Series.attrs["unit"]`` says which
        (``"article"`` or ``"paragraph"``).
    """
    if unit is None:
        unit = "paragraph" if body["article_id"].nunique() < MIN_ARTICLE_UNITS else "article"
    if unit == "paragraph":
        out = body["text"].copy()
        out.attrs["unit"] = "paragraph"
        return out
    joined = body.groupby("article_id", sort=True)["text"].agg("\n".join)
    if headlines is not None:
        head = headlines.reindex(joined.index).fillna("").astype(str)
        joined = (head + "\n" + joined).str.strip()
    joined.attrs["unit"] = "article"
    return joined


def fit_inputs(body: pd.DataFrame, headlines: pd.Series | None = None) -> tuple[pd.Series, pd.Series]:
    """What a topic model is fitted on: the documents (:func:`topic_documents`) and the context
    whose word co-occurrence smooths them (the non-empty headlines, then the body paragraphs).

    ``body``: ``article_id`` and ``text`` of the body paragraphs; ``headlines``: indexed by
    ``article_id`` (may be empty strings or missing)."""
    documents = topic_documents(body, headlines)
    if headlines is None:
        return documents, body["text"]
    headlines = headlines.fillna("")
    return documents, pd.concat([headlines[headlines != ""], body["text"]], ignore_index=True)


def topic_columns(n_topics: int) -> list[str]:
    """Column names of the topic weights: ``topic_1`` ... ``topic_k``."""
    return [f"topic_{k}" for k in range(1, n_topics + 1)]


def article_weights(weights: np.ndarray, groups: Sequence, lengths: Sequence[float] | None = None) -> pd.DataFrame:
    """Aggregate paragraph topic weights per article, weighting paragraphs by ``lengths``.

    Parameters
    ----------
    weights : ndarray of shape (n_paragraphs, n_topics)
        Rows sum to 1 or are NaN (paragraphs with no term, ignored).
    groups : sequence of length n_paragraphs
        The article of each paragraph.
    lengths : sequence of float, optional
        Paragraph weights (e.g. characters); equal weights when omitted.

    Returns
    -------
    DataFrame of shape (n_articles, n_topics)
        Indexed by article (sorted), columns ``topic_1..k``; rows sum to 1, or NaN for an article
        none of whose paragraphs has a term.

    >>> article_weights(np.array([[1.0, 0.0], [0.0, 1.0], [0.5, 0.5]]), ["a", "a", "b"], [3, 1, 1]).round(2).values.tolist()
    [[0.75, 0.25], [0.5, 0.5]]
    """
    weights = np.asarray(weights, dtype=float)
    lengths = np.ones(len(weights)) if lengths is None else np.asarray(lengths, dtype=float)
    if not (len(weights) == len(groups) == len(lengths)):
        raise ValueError(
            f"weights, groups and lengths must have one row per paragraph; got {len(weights)}, {len(groups)} and {len(lengths)}"
        )
    valid = ~np.isnan(weights).any(axis=1)
    scaled = np.where(valid[:, None], np.nan_to_num(weights) * lengths[:, None], 0.0)
    frame = pd.DataFrame(scaled, columns=topic_columns(weights.shape[1]))
    totals = frame.groupby(np.asarray(groups), sort=True).sum()
    with np.errstate(invalid="ignore", divide="ignore"):
        out = totals.div(totals.sum(axis=1), axis=0)
    return out
