"""The topic model: :class:`TopicModel`, a scikit-learn style estimator, and the exact per-row weights it applies."""

from __future__ import annotations

import warnings
from collections.abc import Callable, Sequence

import numpy as np
import pandas as pd
from sklearn.decomposition import NMF, LatentDirichletAllocation
from sklearn.exceptions import ConvergenceWarning
from sklearn.feature_extraction.text import CountVectorizer, TfidfVectorizer

from helpers.measures.topics.cooccurrence import cooccurrence_smoother, smooth
from helpers.measures.topics.count import select_n_topics
from helpers.measures.topics.documents import topic_columns
from helpers.measures.topics.stability import STABILITY_REFITS, topic_stability
from helpers.measures.topics.vocabulary import NEWS_STOP_WORDS, TOKENS, top_indices

__all__ = ["TopicModel", "nnls_rows"]


def nnls_rows(matrix, components: np.ndarray) -> np.ndarray:
    """Each row's non-negative least-squares weights on the components: ``argmin_w>=0 ||x - w H||``.

    What a Frobenius NMF's ``transform`` approximates, solved exactly for each row on its own
    (scikit-learn's solver stops on a tolerance over the whole batch, so a row's weights would
    depend on the rows beside it): a corpus transformed in one batch or in many partitions gets the
    same weights. With ``G = H Hᵀ = L Lᵀ`` the problem is the small ``min ||Lᵀ w - L⁻¹ H x||``.

    >>> H = np.array([[1.0, 0.0, 1.0], [0.0, 1.0, 0.0]])
    >>> nnls_rows(np.array([[2.0, 3.0, 2.0], [0.0, 0.0, 0.0]]), H).round(6).tolist()
    [[2.0, 3.0], [0.0, 0.0]]
    """
    from scipy.linalg import cholesky, solve_triangular
    from scipy.optimize import nnls

    components = np.asarray(components, dtype=float)
    gram = components @ components.T
    gram[np.diag_indices_from(gram)] += 1e-12 * max(1.0, float(np.trace(gram)))
    lower = cholesky(gram, lower=True)
    projected = np.asarray(matrix @ components.T, dtype=float)
    targets = solve_triangular(lower, projected.T, lower=True).T
    design = lower.T
    weights = np.zeros((projected.shape[0], components.shape[0]))
    for i in np.flatnonzero(projected.any(axis=1)):
        weights[i] = nnls(design, targets[i])[0]
    return weights


class TopicModel:
    """Topics of news texts: TF-IDF smoothed by word co-occurrence + NMF by default, LDA as an option.

    Fitted on whole articles (headline and body, see :func:`topic_documents`) and applied to
    articles and to their paragraphs alike. Each text's TF-IDF vector is smoothed by word
    co-occurrence (:func:`cooccurrence_smoother`: each word lends weight to the ``smoothing``
    words that keep it company in the corpus's paragraphs), so that short texts sharing few
    words still share topics, then factorised by NMF (Frobenius loss, coordinate descent,
    deterministic ``nndsvda`` start). Chosen by validation on BBC and the Reuters sample, whole
    and cut to short items (headline and first paragraph), against the previous paragraph-level
    KL-NMF, article-level KL-NMF and LDA, tomotopy's PT and LDA and bitermplus's biterm model
    (``notebooks/validation.ipynb``, ``docs/topics.md``).

    Parameters
    ----------
    n_topics : int, default=0
        Number of topics; 0 chooses by coherence with :func:`select_n_topics`.
    method : {"nmf", "lda"}, default="nmf"
    beta_loss : {"frobenius", "kullback-leibler"}, default="frobenius"
        NMF's divergence (ignored by LDA). "kullback-leibler" with ``smoothing=0`` on paragraphs is
        the model of earlier versions.
    smoothing : int, default=100
        Co-occurrence neighbours each word lends weight to (NMF only; 0: plain TF-IDF). Recovery
        is flat from 50 to 200 neighbours and drops below 50 on short items.
    max_features : int, default=20000
        Vocabulary size cap (most frequent terms).
    max_fit_documents : int, default=5000
        Larger corpora are fitted on a random sample of this many texts (fixed seed), then every
        text is transformed.
    random_state : int, default=0
    stability_refits : int, default=STABILITY_REFITS
        Refits on subsamples that measure each topic's stability (0: not measured).

    Attributes
    ----------
    n_topics_ : int
    coherence_ : dict of int to float
        With ``n_topics=0``: every candidate count's coherence (empty otherwise).
    stability_ : ndarray of shape (n_topics_,)
        Each topic's stability (:func:`topic_stability`; NaN with ``stability_refits=0``).
    vectorizer_ : TfidfVectorizer or CountVectorizer
    smoother_ : sparse matrix of shape (n_terms, n_terms) or None
    model_ : NMF or LatentDirichletAllocation
    terms_ : ndarray of str, shape (n_terms,)
    """

    def __init__(
        self,
        n_topics: int = 0,
        *,
        method: str = "nmf",
        max_features: int = 20000,
        max_fit_documents: int = 5000,
        random_state: int = 0,
        beta_loss: str = "frobenius",
        smoothing: int = 100,
        stability_refits: int = STABILITY_REFITS,
    ):
        self.stability_refits = stability_refits
        self.n_topics = n_topics
        self.method = method
        self.beta_loss = beta_loss
        self.smoothing = smoothing
        self.max_features = max_features
        self.max_fit_documents = max_fit_documents
        self.random_state = random_state

    def fit(self, texts: Sequence[str], context: Sequence[str] | None = None, *, refit_map: Callable = map) -> TopicModel:
        """Fit the vectorizer and the topic model on texts; returns ``self``.

        ``texts``: a sequence of str, or a pandas Series (then only the sampled texts of a large
        corpus are ever made into Python strings). ``context``: shorter texts whose word
        co-occurrence smooths the vectors (the corpus's paragraphs and headlines; default
        ``texts``), sampled the same way. ``refit_map``: runs the stability refits (default: here;
        the measuring stage passes its workers' ``map``).
        """
        if not isinstance(texts, pd.Series):
            texts = list(texts)
        if self.method not in ("nmf", "lda"):
            raise ValueError(f"method must be 'nmf' or 'lda'; got {self.method!r}")
        if not isinstance(self.n_topics, int) or self.n_topics < 0:
            raise ValueError(f"n_topics must be a non-negative integer (0 = choose); got {self.n_topics!r}")
        if self.n_topics > len(texts):
            raise ValueError(f"n_topics must be between 1 and the number of documents ({len(texts)}); got {self.n_topics}")
        if self.beta_loss not in ("kullback-leibler", "frobenius"):
            raise ValueError(f"beta_loss must be 'kullback-leibler' or 'frobenius'; got {self.beta_loss!r}")
        if not isinstance(self.smoothing, int) or self.smoothing < 0:
            raise ValueError(f"smoothing must be a non-negative number of neighbours (0 = none); got {self.smoothing!r}")
        if len(texts) < 2:
            raise ValueError(f"at least 2 documents are needed to fit topics; got {len(texts)}")
        texts = self._sample(texts)
        context = texts if context is None else self._sample(context if isinstance(context, pd.Series) else list(context))
        common = dict(
            stop_words=sorted(NEWS_STOP_WORDS),
            token_pattern=TOKENS,
            lowercase=True,
            max_features=self.max_features,
            min_df=2 if len(texts) >= 200 else 1,
            max_df=0.5 if len(texts) >= 200 else 1.0,
        )
        tfidf = TfidfVectorizer(sublinear_tf=True, **common)
        tfidf_matrix = tfidf.fit_transform(texts)
        context_matrix = tfidf_matrix if context is texts else tfidf.transform(context)
        self.smoother_, plain = None, tfidf_matrix
        if self.method == "nmf" and self.smoothing:
            self.smoother_ = cooccurrence_smoother(context_matrix, self.smoothing)
            tfidf_matrix = smooth(tfidf_matrix, self.smoother_)
        self.coherence_ = {}
        if self.n_topics:
            self.n_topics_ = self.n_topics
        else:
            # The count is chosen on the plain TF-IDF: on smoothed vectors, every count's topics
            # look coherent (co-occurrence is what smoothing adds), and the rule no longer lands.
            self.n_topics_, self.coherence_ = select_n_topics(plain, random_state=self.random_state)
        if self.method == "nmf":
            self.vectorizer_, matrix = tfidf, tfidf_matrix
            if self.beta_loss == "frobenius":
                self.model_ = NMF(self.n_topics_, init="nndsvda", tol=1e-3, random_state=self.random_state, max_iter=500)
            else:
                self.model_ = NMF(
                    self.n_topics_,
                    init="nndsvda",
                    solver="mu",
                    beta_loss="kullback-leibler",
                    tol=1e-3,
                    random_state=self.random_state,
                    max_iter=500,
                )
        else:
            self.vectorizer_ = CountVectorizer(**common)
            matrix = self.vectorizer_.fit_transform(texts)
            self.model_ = LatentDirichletAllocation(self.n_topics_, random_state=self.random_state, learning_method="batch")
        if matrix.shape[1] < self.n_topics_:
            raise ValueError(f"the texts hold {matrix.shape[1]} distinct terms, fewer than n_topics ({self.n_topics_})")
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", ConvergenceWarning)
            self.model_.fit(matrix)
        self.terms_ = self.vectorizer_.get_feature_names_out()
        self.stability_ = topic_stability(self.model_, matrix, refits=self.stability_refits, random_state=self.random_state, map=refit_map)
        return self

    def _sample(self, texts):
        """A fixed random sample of ``max_fit_documents`` texts when there are more, as a list."""
        if len(texts) > self.max_fit_documents:
            rng = np.random.default_rng(self.random_state)
            keep = np.sort(rng.choice(len(texts), size=self.max_fit_documents, replace=False))
            texts = texts.iloc[keep] if isinstance(texts, pd.Series) else [texts[i] for i in keep]
        return texts.tolist() if isinstance(texts, pd.Series) else texts

    def transform(self, texts: Sequence[str]) -> np.ndarray:
        """Topic weights of shape (n_paragraphs, n_topics); rows sum to 1, or are all NaN (no terms)."""
        matrix = self.vectorizer_.transform(list(texts))
        smoothed = matrix if getattr(self, "smoother_", None) is None else smooth(matrix, self.smoother_)
        if self.method == "nmf" and self.beta_loss == "frobenius":
            weights = nnls_rows(smoothed, self.model_.components_)
        else:
            with warnings.catch_warnings():
                warnings.simplefilter("ignore", ConvergenceWarning)
                weights = self.model_.transform(smoothed)
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
        dominant = pd.array(np.where(np.isnan(weights).any(axis=1), -1, np.nan_to_num(weights).argmax(axis=1) + 1), dtype="Int64")
        out["topic"] = dominant
        out.loc[out["topic"] == -1, "topic"] = pd.NA
        return out

    def top_terms(self, n_terms: int = 10) -> pd.DataFrame:
        """Top terms per topic: columns ``topic``, ``rank``, ``term``, ``weight``, ``label``, ``stability``."""
        rows = []
        for k, (component, order) in enumerate(zip(self.model_.components_, top_indices(self.model_.components_, n_terms)), start=1):
            label = f"{k}: " + ", ".join(self.terms_[order[:3]])
            stability = float(self.stability_[k - 1])
            rows.extend((k, rank, self.terms_[i], float(component[i]), label, stability) for rank, i in enumerate(order, start=1))
        return pd.DataFrame(rows, columns=["topic", "rank", "term", "weight", "label", "stability"])
