"""Paragraphs to topics: TF-IDF + NMF (or counts + LDA) fitted on the corpus's paragraphs.

:class:`TopicModel` follows scikit-learn's estimator contract: ``__init__`` stores parameters,
``fit`` learns (attributes ending in ``_``) and returns ``self``, randomness comes from
``random_state`` so the same paragraphs give the same topics.

Topic weights are the model's paragraph-topic weights scaled to sum to 1 per paragraph. A paragraph
with no term of the vocabulary (only stop words, numbers or words seen nowhere else) has nothing to
weigh: its weights are all NaN and its dominant topic is missing, rather than a made-up uniform
split.

>>> model = TopicModel(n_topics=2).fit(["oil prices rose", "oil output fell", "team won match",
...                                     "team lost match"])
>>> model.transform(["oil prices"]).argmax(axis=1).tolist() == model.transform(["oil output"]).argmax(axis=1).tolist()
True
"""
from __future__ import annotations

import math
from collections.abc import Sequence

import numpy as np
import pandas as pd
from sklearn.decomposition import NMF, LatentDirichletAllocation
from sklearn.feature_extraction.text import ENGLISH_STOP_WORDS, CountVectorizer, TfidfVectorizer

__all__ = ["TopicModel", "choose_n_topics", "NEWS_STOP_WORDS", "topic_columns"]

# Words frequent in any news text that say nothing about its theme.
NEWS_STOP_WORDS = frozenset(ENGLISH_STOP_WORDS | {
    "said", "says", "say", "saying", "told", "tell", "according", "added", "asked", "mr", "mrs",
    "ms", "dr", "also", "would", "could", "might", "may", "will", "can", "just", "like", "new",
    "year", "years", "month", "months", "week", "weeks", "day", "days", "time", "times", "today",
    "yesterday", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday",
    "january", "february", "march", "april", "june", "july", "august", "september", "october",
    "november", "december", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "oct", "nov",
    "dec", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "first",
    "second", "third", "last", "next", "per", "cent", "pct", "mln", "bln", "dlrs", "dlr", "cts",
    "vs", "told", "including", "people", "make", "made", "way", "going", "get", "got", "want",
    "think", "know", "need", "don", "didn", "doesn", "isn", "wasn", "won", "ll", "ve", "re",
    "reuters", "reuter", "bbc", "ap", "afp", "thing", "things", "lot", "good", "use", "used",
})
_TOKENS = r"(?u)\b[^\W\d_][^\W\d_]+\b"          # words of two or more letters: no numbers, no years


def choose_n_topics(n_paragraphs: int) -> int:
    """Automatic topic count for a corpus of ``n_paragraphs``: ``round(sqrt(n / 2))`` within [2, 10].

    21 paragraphs (the seed) give 3 topics; a few thousand give the maximum of 10.
    """
    if n_paragraphs < 2:
        raise ValueError(f"at least 2 paragraphs are needed to fit topics; got {n_paragraphs}")
    return int(min(10, max(2, round(math.sqrt(n_paragraphs / 2)))))


def topic_columns(n_topics: int) -> list[str]:
    """Column names of the topic weights: ``topic_1`` ... ``topic_k``."""
    return [f"topic_{k}" for k in range(1, n_topics + 1)]


class TopicModel:
    """Topics of paragraphs: TF-IDF + NMF by default, bag of words + LDA as an option.

    Parameters
    ----------
    n_topics : int, default=0
        Number of topics; 0 chooses with :func:`choose_n_topics` from the number of paragraphs.
    method : {"nmf", "lda"}, default="nmf"
    max_features : int, default=20000
        Vocabulary size cap (most frequent terms).
    max_fit_paragraphs : int, default=50000
        Larger corpora are fitted on a random sample of this many paragraphs (fixed seed), then
        every paragraph is transformed.
    random_state : int, default=0

    Attributes
    ----------
    n_topics_ : int
    vectorizer_ : TfidfVectorizer or CountVectorizer
    model_ : NMF or LatentDirichletAllocation
    terms_ : ndarray of str, shape (n_terms,)
    """

    def __init__(self, n_topics: int = 0, *, method: str = "nmf", max_features: int = 20000,
                 max_fit_paragraphs: int = 50000, random_state: int = 0):
        self.n_topics = n_topics
        self.method = method
        self.max_features = max_features
        self.max_fit_paragraphs = max_fit_paragraphs
        self.random_state = random_state

    def fit(self, texts: Sequence[str]) -> "TopicModel":
        """Fit the vectorizer and the topic model on paragraph texts; returns ``self``."""
        texts = list(texts)
        if self.method not in ("nmf", "lda"):
            raise ValueError(f"method must be 'nmf' or 'lda'; got {self.method!r}")
        if not isinstance(self.n_topics, int) or self.n_topics < 0:
            raise ValueError(f"n_topics must be a non-negative integer (0 = choose); got {self.n_topics!r}")
        if self.n_topics > len(texts):
            raise ValueError(
                f"n_topics must be between 1 and the number of paragraphs ({len(texts)}); got {self.n_topics}")
        self.n_topics_ = self.n_topics or choose_n_topics(len(texts))
        if len(texts) > self.max_fit_paragraphs:
            rng = np.random.default_rng(self.random_state)
            keep = np.sort(rng.choice(len(texts), size=self.max_fit_paragraphs, replace=False))
            texts = [texts[i] for i in keep]
        common = dict(stop_words=sorted(NEWS_STOP_WORDS), token_pattern=_TOKENS, lowercase=True,
                      max_features=self.max_features, min_df=2 if len(texts) >= 200 else 1,
                      max_df=0.5 if len(texts) >= 200 else 1.0)
        if self.method == "nmf":
            self.vectorizer_ = TfidfVectorizer(sublinear_tf=True, **common)
            self.model_ = NMF(self.n_topics_, init="nndsvda", random_state=self.random_state, max_iter=500)
        else:
            self.vectorizer_ = CountVectorizer(**common)
            self.model_ = LatentDirichletAllocation(self.n_topics_, random_state=self.random_state,
                                                    learning_method="batch")
        matrix = self.vectorizer_.fit_transform(texts)
        if matrix.shape[1] < self.n_topics_:
            raise ValueError(f"the paragraphs hold {matrix.shape[1]} distinct terms, fewer than "
                             f"n_topics ({self.n_topics_})")
        self.model_.fit(matrix)
        self.terms_ = self.vectorizer_.get_feature_names_out()
        return self

    def transform(self, texts: Sequence[str]) -> np.ndarray:
        """Topic weights of shape (n_paragraphs, n_topics); rows sum to 1, or are all NaN (no terms)."""
        matrix = self.vectorizer_.transform(list(texts))
        weights = self.model_.transform(matrix)
        totals = weights.sum(axis=1, keepdims=True)
        no_terms = (np.asarray(matrix.sum(axis=1)).ravel() == 0) | (totals.ravel() <= 0)
        with np.errstate(invalid="ignore", divide="ignore"):
            weights = weights / totals
        weights[no_terms] = np.nan
        return weights

    def weights_frame(self, paragraphs: pd.DataFrame) -> pd.DataFrame:
        """``paragraphs`` (with a ``text`` column) plus ``topic_1..k`` weights and dominant ``topic``."""
        weights = self.transform(paragraphs["text"].tolist())
        out = pd.DataFrame(weights, columns=topic_columns(self.n_topics_), index=paragraphs.index)
        dominant = pd.array(np.where(np.isnan(weights).any(axis=1), -1, np.nan_to_num(weights).argmax(axis=1) + 1),
                            dtype="Int64")
        out["topic"] = dominant
        out.loc[out["topic"] == -1, "topic"] = pd.NA
        return out

    def top_terms(self, n_terms: int = 10) -> pd.DataFrame:
        """Top terms per topic: columns ``topic``, ``rank``, ``term``, ``weight``, ``label``."""
        rows = []
        for k, component in enumerate(self.model_.components_, start=1):
            order = np.argsort(-component, kind="stable")[:n_terms]
            label = f"{k}: " + ", ".join(self.terms_[order[:3]])
            rows.extend((k, rank, self.terms_[i], float(component[i]), label)
                        for rank, i in enumerate(order, start=1))
        return pd.DataFrame(rows, columns=["topic", "rank", "term", "weight", "label"])
