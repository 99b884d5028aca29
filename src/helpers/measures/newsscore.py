"""An optional sentence sentiment scorer trained on VADER's three human-rated sets.

VADER stays the project's default. :class:`NewsScorer` is a ridge regression of the mean human
rating on VADER's own scores plus a few surface features (VADER's unsaturated valence sum, length,
exclamation and question marks, shouting, negations), and, optionally, word TF-IDF features. It is
trained at run time from the shared sets (no fitted artefact is shipped, nothing is downloaded) and
is deterministic. Its output is on VADER's compound scale: the predicted rating divided by 4,
clipped to [-1, 1], so it can stand in for ``compound`` in every aggregate.

The variant was chosen by cross-domain validation (train on two sets, test on the third; see
``notebooks/validation.ipynb``), never by tuning to one set.

>>> scorer = NewsScorer().fit(["good", "very good!", "bad", "awful"], [1.5, 2.5, -1.5, -3.0])
>>> bool(scorer.score(["great"])[0] > 0 > scorer.score(["terrible"])[0])
True
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from pathlib import Path

import numpy as np
import scipy.sparse as sp
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.linear_model import Ridge
from sklearn.preprocessing import StandardScaler

from helpers.io import read_rating_sets
from helpers.measures.sentiment import analyzer

__all__ = ["NewsScorer", "vader_features", "FEATURE_NAMES", "scorer_for"]

FEATURE_NAMES = ["compound", "pos", "neu", "neg", "valence_sum", "log_words", "exclamations", "questions", "upper_share", "negations"]
_ALPHA = 15.0  # VADER's compound normalisation constant
_NEGATIONS = re.compile(r"\b(?:not|no|never|none|nobody|nothing|neither|nor|cannot|\w+n't)\b", re.I)
_WORD = re.compile(r"[A-Za-z']+")


def vader_features(texts: Sequence[str]) -> np.ndarray:
    """Features of shape (n_texts, 10), in the order of :data:`FEATURE_NAMES`.

    ``valence_sum`` undoes VADER's squashing ``x / sqrt(x**2 + 15)``, so long texts are not
    saturated at +-1.
    """
    scorer = analyzer()
    rows = []
    for text in texts:
        s = scorer.polarity_scores(text)
        c = float(np.clip(s["compound"], -0.9999, 0.9999))
        words = _WORD.findall(text)
        upper = sum(1 for w in words if len(w) > 1 and w.isupper())
        rows.append(
            [
                s["compound"],
                s["pos"],
                s["neu"],
                s["neg"],
                c * np.sqrt(_ALPHA / (1 - c * c)),
                np.log1p(len(words)),
                min(text.count("!"), 5),
                min(text.count("?"), 5),
                upper / max(len(words), 1),
                len(_NEGATIONS.findall(text)),
            ]
        )
    return np.asarray(rows, dtype=float).reshape(len(rows), len(FEATURE_NAMES))


class NewsScorer:
    """Ridge regression of human sentiment ratings on VADER's features (+ optional words).

    Parameters
    ----------
    words : bool, default=True
        Add word uni- and bigram TF-IDF features (sublinear tf; min_df=3 from 100 texts on).
    alpha : float, default=10.0
        Ridge penalty.

    Attributes
    ----------
    scaler_ : StandardScaler
    vectorizer_ : TfidfVectorizer or None
    model_ : Ridge
    """

    def __init__(self, *, words: bool = True, alpha: float = 10.0):
        self.words = words
        self.alpha = alpha

    def _design(self, texts: Sequence[str], fit: bool):
        dense = vader_features(texts)
        dense = self.scaler_.fit_transform(dense) if fit else self.scaler_.transform(dense)
        if not self.words:
            return dense
        bag = self.vectorizer_.fit_transform(texts) if fit else self.vectorizer_.transform(texts)
        return sp.hstack([sp.csr_matrix(dense), bag]).tocsr()

    def fit(self, texts: Sequence[str], ratings: Sequence[float]) -> NewsScorer:
        """Fit on texts and their mean ratings (-4 to +4); returns ``self``."""
        texts, ratings = list(texts), np.asarray(ratings, dtype=float)
        if len(texts) != ratings.size or len(texts) < 2:
            raise ValueError(f"need at least 2 texts with one rating each; got {len(texts)} texts and {ratings.size} ratings")
        self.scaler_ = StandardScaler()
        self.vectorizer_ = (
            TfidfVectorizer(ngram_range=(1, 2), min_df=3 if len(texts) >= 100 else 1, sublinear_tf=True) if self.words else None
        )
        self.model_ = Ridge(alpha=self.alpha).fit(self._design(texts, fit=True), ratings)
        return self

    def predict(self, texts: Sequence[str]) -> np.ndarray:
        """Predicted mean human rating on the -4 to +4 scale, shape (n_texts,)."""
        return self.model_.predict(self._design(list(texts), fit=False))

    def score(self, texts: Sequence[str]) -> np.ndarray:
        """Compound-like score in [-1, 1]: the predicted rating / 4, clipped."""
        return np.clip(self.predict(texts) / 4.0, -1.0, 1.0)


def scorer_for(sentiment_scorer: str, training_dir: str = "") -> NewsScorer | None:
    """The sentence scorer ``02_measure``'s parameters name: ``None`` for VADER (the default), or a
    :class:`NewsScorer` trained on all the human-rated sets in ``training_dir`` for ``"news"``."""
    if sentiment_scorer != "news":
        return None
    sets = read_rating_sets(Path(training_dir))
    texts = [t for table in sets.values() for t in table["text"]]
    ratings = np.concatenate([table["rating"].to_numpy() for table in sets.values()])
    return NewsScorer().fit(texts, ratings)
