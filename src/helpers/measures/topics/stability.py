"""Each topic's stability: how well its top terms come back when the model is refitted on 80% samples."""

from __future__ import annotations

import warnings
from collections.abc import Callable

import numpy as np
import scipy.sparse as sp
from sklearn.exceptions import ConvergenceWarning

from helpers.measures.topics.vocabulary import top_indices

__all__ = ["STABILITY_REFITS", "STABILITY_TERMS", "topic_stability", "refit_top_terms"]

STABILITY_REFITS = 3
"""Refits, each on a random 80% of the fitted paragraphs, that measure the topics' stability."""
STABILITY_TERMS = 10
"""Top terms compared between a topic and its match in a refit."""


def topic_stability(
    model,
    matrix: sp.spmatrix,
    *,
    refits: int = STABILITY_REFITS,
    fraction: float = 0.8,
    n_top: int = STABILITY_TERMS,
    random_state: int = 0,
    map: Callable = map,
) -> np.ndarray:
    """Each topic's stability: how well its top terms come back when the model is refitted on part of the data.

    The fitted ``model`` (NMF or LDA, with ``components_``) is refitted ``refits`` times, each on
    a random ``fraction`` of the rows of ``matrix`` (fixed seeds). In each refit, every topic is
    matched to one refitted topic (the one-to-one matching of largest total overlap, Hungarian
    algorithm) and scored by the Jaccard overlap of their ``n_top`` terms; a topic's stability is
    its mean over the refits: 1 when its top terms always come back, near 0 when they do not
    (Greene, O'Callaghan & Cunningham 2014, "How many topics? Stability analysis for topic
    models"). NaN for every topic when ``refits`` is 0 or there are too few rows to subsample.
    The refits run through ``map`` (e.g. :meth:`helpers.executor.Workers.map`: on the workers),
    with the same results wherever they run.
    """
    from scipy.optimize import linear_sum_assignment
    from sklearn.base import clone

    k = model.components_.shape[0]
    n_rows = matrix.shape[0]
    size = int(round(fraction * n_rows))
    if refits < 1 or size <= k:
        return np.full(k, np.nan)
    rng = np.random.default_rng(random_state)
    samples = [np.sort(rng.choice(n_rows, size=size, replace=False)) for _ in range(refits)]
    jobs = [(clone(model).set_params(random_state=random_state + r + 1), matrix[rows], n_top) for r, rows in enumerate(samples)]
    reference = [set(top) for top in top_indices(model.components_, n_top)]
    scores = np.zeros((refits, k))
    for r, tops in enumerate(map(refit_top_terms, jobs)):
        overlap = np.array([[len(a & b) / len(a | b) for b in tops] for a in reference])
        matched_rows, matched_cols = linear_sum_assignment(-overlap)
        scores[r, matched_rows] = overlap[matched_rows, matched_cols]
    return scores.mean(axis=0)


def refit_top_terms(job: tuple) -> list[set]:
    """One stability refit: ``(unfitted model, rows, n_top)`` -> each refitted topic's top term
    indices (one BLAS thread, so that the result does not depend on where it runs)."""
    from threadpoolctl import threadpool_limits

    model, rows, n_top = job
    with threadpool_limits(1), warnings.catch_warnings():
        warnings.simplefilter("ignore", ConvergenceWarning)
        model.fit(rows)
    return [set(top) for top in top_indices(model.components_, n_top)]
