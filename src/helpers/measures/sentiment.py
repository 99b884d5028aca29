"""Paragraphs to sentiment: sentences scored with NLTK's VADER, aggregated per paragraph and article.

VADER is a sentence scorer, so each paragraph is split into sentences (NLTK's Punkt with a list of
news abbreviations, never breaking inside a quotation), every sentence is scored on its own, and a
paragraph's score is the mean of its sentences' compound scores (the compound of a long joined text
saturates towards +-1). Nothing is downloaded: VADER's lexicon is read from the ``vaderSentiment``
package, which ships the same file NLTK would download.

>>> round(score_sentence("The talks were a great success.")["compound"], 4)
0.8316
"""

from __future__ import annotations

from collections.abc import Callable
from functools import lru_cache
from typing import TYPE_CHECKING

import numpy as np
import pandas as pd

if TYPE_CHECKING:
    from nltk.sentiment.vader import SentimentIntensityAnalyzer
    from nltk.tokenize.punkt import PunktSentenceTokenizer

__all__ = [
    "analyzer",
    "split_sentences",
    "score_sentence",
    "score_paragraphs",
    "aggregate_paragraphs",
    "summarise_articles",
    "SCORE_COLUMNS",
]

SCORE_COLUMNS = ["compound", "pos", "neu", "neg"]


@lru_cache(maxsize=1)
def analyzer() -> SentimentIntensityAnalyzer:
    """NLTK's VADER analyzer, built offline from the lexicon shipped by ``vaderSentiment``."""
    from helpers.measures.vader import load_analyzer

    return load_analyzer()


@lru_cache(maxsize=1)
def _punkt() -> PunktSentenceTokenizer:
    from helpers.measures.vader import load_punkt

    return load_punkt()


def split_sentences(text: str) -> list[str]:
    """Split a paragraph into sentences.

    Punkt with news abbreviations ("U.S.", "Mr.", "Corp."), then any break that falls inside a
    quotation (an odd number of quote marks before it and a closing one after it) is undone, so
    ``"Let's be clear. It is important," he said.`` stays one sentence.

    >>> split_sentences('Mr. Smith went to the U.S. on Monday. "Go. Now," he said. It rained.')
    ['Mr. Smith went to the U.S. on Monday.', '"Go. Now," he said.', 'It rained.']
    """
    text = " ".join(text.split())
    if not text:
        return []
    spans = list(_punkt().span_tokenize(text))
    merged: list[list[int]] = []
    for start, end in spans:
        if merged and _inside_quote(text, merged[-1][0], start):
            merged[-1][1] = end
        else:
            merged.append([start, end])
    return [text[a:b].strip() for a, b in merged if text[a:b].strip()]


def _inside_quote(text: str, para_start: int, boundary: int) -> bool:
    before, after = text[para_start:boundary], text[boundary:]
    straight = before.count('"')
    curly_open = sum(before.count(q) for q in "“«„")
    curly_close = sum(before.count(q) for q in "”»")
    open_straight = straight % 2 == 1 and '"' in after
    open_curly = curly_open > curly_close and any(q in after for q in "”»")
    return open_straight or open_curly


def score_sentence(sentence: str) -> dict[str, float]:
    """VADER's scores of one sentence: ``compound`` in [-1, 1] and ``pos``/``neu``/``neg`` shares."""
    return analyzer().polarity_scores(sentence)


def score_paragraphs(paragraphs: pd.DataFrame, scorer=None) -> pd.DataFrame:
    """Split every paragraph into sentences and score each one.

    Parameters
    ----------
    paragraphs : DataFrame
        With columns ``article_id``, ``position`` and ``text``.
    scorer : object with ``score(texts) -> array in [-1, 1]``, optional
        Replaces VADER's ``compound`` (e.g. :class:`helpers.measures.newsscore.NewsScorer`); ``pos``,
        ``neu`` and ``neg`` stay VADER's.

    Returns
    -------
    DataFrame of shape (n_sentences, 8)
        ``article_id``, ``position``, ``sentence`` (1-based within the paragraph), ``text`` and
        the four VADER scores.
    """
    _require(paragraphs, ["article_id", "position", "text"])
    vader = analyzer()
    rows = []
    for article_id, position, text in paragraphs[["article_id", "position", "text"]].itertuples(index=False):
        for number, sentence in enumerate(split_sentences(text), start=1):
            scores = vader.polarity_scores(sentence)
            rows.append((article_id, position, number, sentence, *(scores[c] for c in SCORE_COLUMNS)))
    columns = ["article_id", "position", "sentence", "text", *SCORE_COLUMNS]
    out = pd.DataFrame(rows, columns=columns)
    if scorer is not None and len(out):
        out["compound"] = np.asarray(scorer.score(out["text"].tolist()), dtype=float)
    return out.astype({"article_id": "str", "position": "int64", "sentence": "int64", "text": "str"})


def aggregate_paragraphs(sentences: pd.DataFrame) -> pd.DataFrame:
    """Per paragraph: sentence count, mean/min/max compound and mean pos/neu/neg.

    A paragraph with no sentence (no text) gets ``n_sentences`` 0 and missing scores.
    """
    _require(sentences, ["article_id", "position", *SCORE_COLUMNS])
    grouped = sentences.groupby(["article_id", "position"], sort=True)
    out = grouped.agg(
        n_sentences=("compound", "size"),
        compound=("compound", "mean"),
        compound_min=("compound", "min"),
        compound_max=("compound", "max"),
        pos=("pos", "mean"),
        neu=("neu", "mean"),
        neg=("neg", "mean"),
    )
    return out.reset_index()


def summarise_articles(sentences: pd.DataFrame, *, interval: Callable[[np.ndarray], tuple[float, float]] | None = None) -> pd.DataFrame:
    """Per article: sentence count, mean compound with its interval, share positive/negative.

    Parameters
    ----------
    sentences : DataFrame
        ``article_id`` and ``compound``, one row per sentence.
    interval : callable, optional
        An article's sentence scores -> the (low, high) interval of their mean; the measuring stage
        passes the bootstrap of :func:`helpers.analysis.stats.mean_ci` (sentences resampled, fixed
        seed), which this layer cannot import. Without it the interval columns are NaN.
    """
    _require(sentences, ["article_id", "compound"])
    rows = []
    for article_id, group in sentences.groupby("article_id", sort=True):
        compound = group["compound"].to_numpy()
        low, high = interval(compound) if interval is not None else (np.nan, np.nan)
        rows.append(
            {
                "article_id": article_id,
                "n_sentences": int(compound.size),
                "compound_mean": float(compound.mean()),
                "compound_ci_low": low,
                "compound_ci_high": high,
                "share_positive": float((compound >= 0.05).mean()),
                "share_negative": float((compound <= -0.05).mean()),
            }
        )
    columns = ["article_id", "n_sentences", "compound_mean", "compound_ci_low", "compound_ci_high", "share_positive", "share_negative"]
    return pd.DataFrame(rows, columns=columns)


def _require(frame: pd.DataFrame, columns: list[str]) -> None:
    missing = [c for c in columns if c not in frame.columns]
    if missing:
        raise ValueError(f"missing column(s) {missing}; got columns {list(frame.columns)}")
