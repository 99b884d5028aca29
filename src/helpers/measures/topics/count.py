"""The automatic topic count: the smallest count within 10% of the best coherence of the documents each topic takes."""

from __future__ import annotations

import warnings
from collections.abc import Sequence

import numpy as np
import scipy.sparse as sp
from sklearn.decomposition import NMF
from sklearn.exceptions import ConvergenceWarning

from helpers.measures.topics.vocabulary import top_indices

__all__ = ["candidate_n_topics", "topic_coherence", "select_n_topics"]


def candidate_n_topics(n_paragraphs: int) -> range:
    """Topic counts :func:`select_n_topics` tries: 2 to ``min(10, n // 4)`` (at least 2).

    21 paragraphs (the seed) give 2-5; 40 or more give 2-10.
    """
    if n_paragraphs < 2:
        raise ValueError(f"at least 2 paragraphs are needed to fit topics; got {n_paragraphs}")
    return range(2, max(2, min(10, n_paragraphs // 4)) + 1)


def topic_coherence(binary: sp.spmatrix, top_terms: Sequence[Sequence[int]]) -> float:
    """Mean NPMI of the pairs of top terms of each topic, from document co-occurrence.

    Parameters
    ----------
    binary : sparse matrix of shape (n_documents, n_terms)
        Term presence (non-zero = the term occurs in the document).
    top_terms : sequence of int sequences
        Column indices of each topic's top terms.

    Returns
    -------
    float
        In [-1, 1]; a pair never seen together counts -1, a pair always together 1.

    >>> m = sp.csr_matrix([[1, 1, 0], [1, 1, 0], [0, 0, 1], [0, 0, 1]])
    >>> round(topic_coherence(m, [[0, 1]]), 3), round(topic_coherence(m, [[0, 2]]), 3)
    (1.0, -1.0)
    """
    present = (sp.csc_matrix(binary) != 0).astype(float)
    n_docs = present.shape[0]
    values = []
    for terms in top_terms:
        sub = present[:, list(terms)]
        joint = (sub.T @ sub).toarray() / n_docs
        single = np.diag(joint).copy()
        for i in range(len(terms)):
            for j in range(i):
                p_ij = joint[i, j]
                if p_ij <= 0:
                    values.append(-1.0)
                elif p_ij >= 1:
                    values.append(1.0)
                else:
                    values.append(float(np.log(p_ij / (single[i] * single[j])) / -np.log(p_ij)))
    return float(np.mean(values)) if values else float("nan")


def select_n_topics(
    matrix: sp.spmatrix,
    candidates: Sequence[int] | None = None,
    *,
    n_top: int = 10,
    reference: sp.spmatrix | None = None,
    tolerance: float = 0.1,
    max_paragraphs: int = 5000,
    random_state: int = 0,
) -> tuple[int, dict[int, float]]:
    """Choose a topic count without labels: the smallest k within ``tolerance`` of the best coherence.

    For each candidate k, a Frobenius NMF (coordinate descent, ``nndsvda`` start: fast and
    deterministic) is fitted on the TF-IDF ``matrix`` (a fixed random sample of ``max_paragraphs``
    rows when larger) and each document is given its dominant topic. Each topic is then described
    by the ``n_top`` heaviest terms of the documents it dominates (their summed TF-IDF), and
    scored by :func:`topic_coherence` on the rows of ``reference`` (default: the fitted rows); a
    topic that dominates no document scores -1. The k's coherence is the mean over its topics.

    Measuring the documents each topic takes, rather than the topic's own heaviest terms, is what
    makes the rule see a missing theme: with too few topics, one topic takes the documents of
    two themes, and its terms, drawn from both, do not co-occur; the model's own top terms can
    stay pure while a theme goes unrepresented (3 planted themes: the model's terms score k=2
    as high as k=3, the documents' terms do not). Coherence rises while topics split mixed themes
    and levels off once they split coherent ones; the smallest k reaching ``(1 - tolerance)`` of
    the maximum is taken. The 10% tolerance is the one this rule had before it measured
    documents; the rule was checked on planted themes, BBC, the Reuters sample and both cut to
    short items (``notebooks/validation.ipynb``).

    Returns
    -------
    (int, dict)
        The chosen k and the coherence of every candidate.
    """
    n_rows = matrix.shape[0]
    candidates = list(candidates) if candidates is not None else list(candidate_n_topics(n_rows))
    fit_rows = sp.csr_matrix(matrix)
    if n_rows > max_paragraphs:
        rng = np.random.default_rng(random_state)
        fit_rows = fit_rows[np.sort(rng.choice(n_rows, size=max_paragraphs, replace=False))]
    reference = fit_rows if reference is None else reference
    scores = {}
    for k in candidates:
        if k > min(fit_rows.shape):
            continue
        nmf = NMF(k, init="nndsvda", solver="cd", max_iter=300, tol=1e-3, random_state=random_state)
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", ConvergenceWarning)
            dominant = nmf.fit_transform(fit_rows).argmax(axis=1)
        taken = sp.csr_matrix((np.ones(len(dominant)), (dominant, np.arange(len(dominant)))), shape=(k, len(dominant)))
        tops = top_indices((taken @ fit_rows).toarray(), n_top)
        sizes = np.asarray(taken.sum(axis=1)).ravel()
        used = [t for t, size in zip(tops, sizes) if size]  # each topic has as many term pairs
        scores[k] = (topic_coherence(reference, used) * len(used) - (k - len(used))) / k
    if not scores:
        raise ValueError(f"no candidate topic count fits a matrix of shape {matrix.shape}; got {candidates}")
    best = max(scores.values())
    threshold = best - tolerance * abs(best)
    chosen = min(k for k, v in scores.items() if v >= threshold)
    return chosen, scores
