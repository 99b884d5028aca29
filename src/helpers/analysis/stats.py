"""The statistics of the reports, each written once: bootstrap intervals, the cluster bootstrap,
permutation tests and Benjamini-Hochberg.

Every interval in the reports comes from here: an article's (its sentences resampled), a group's
and a time bin's (articles resampled), a difference between groups (each group's articles
resampled on their own), a sentiment arc's (a cluster bootstrap: articles resampled with all
their paragraphs) and the validation's paired difference of correlations. All are percentile
intervals of ``scipy.stats.bootstrap`` with a fixed seed, so two runs give the same numbers;
p-values are ``scipy.stats.permutation_test``'s and their adjustment
``scipy.stats.false_discovery_control``'s.

>>> mean, low, high = mean_ci([0.1, 0.2, 0.3, 0.4, 0.5])
>>> round(mean, 2), bool(low < mean < high)
(0.3, True)
"""

from __future__ import annotations

import warnings
from collections.abc import Callable, Sequence

import numpy as np
from scipy import stats

__all__ = [
    "SEED",
    "LEVEL",
    "N_RESAMPLES",
    "N_PERMUTATIONS",
    "bootstrap_ci",
    "mean_ci",
    "difference_ci",
    "cluster_mean_ci",
    "cluster_difference_ci",
    "category_mean_cis",
    "permutation_p",
    "benjamini_hochberg",
]

SEED = 0
"""The default seed of every resampling."""
LEVEL = 0.95
"""The confidence level of every interval."""
N_RESAMPLES = 2000
"""Bootstrap resamples per interval."""
N_PERMUTATIONS = 9999
"""Permutations per test."""
_DRAWS = 1_000_000
"""At most about this many values are drawn at once (memory stays bounded on large samples)."""

Seed = int | np.random.Generator


def _rng(seed: Seed) -> np.random.Generator:
    return seed if isinstance(seed, np.random.Generator) else np.random.default_rng(seed)


def _finite(values) -> np.ndarray:
    x = np.asarray(values, dtype=float).ravel()
    return x[~np.isnan(x)]


def bootstrap_ci(
    samples: Sequence[np.ndarray],
    statistic: Callable,
    *,
    paired: bool = False,
    n_resamples: int = N_RESAMPLES,
    level: float = LEVEL,
    seed: Seed = SEED,
) -> tuple[float, float]:
    """The percentile bootstrap interval of a statistic (``scipy.stats.bootstrap``).

    Parameters
    ----------
    samples : sequence of 1-D arrays
        The samples, each resampled on its own, or together when ``paired``.
    statistic : callable
        ``statistic(*samples, axis=-1)``, vectorised along ``axis``.
    paired : bool, default=False
        Resample the same indices in every sample (the samples have the same length).
    n_resamples : int, default=2000
    level : float, default=0.95
    seed : int or numpy.random.Generator, default=0
        A fixed seed gives the same interval every time; a Generator is advanced (successive
        intervals drawn from one stream).

    Returns
    -------
    (low, high) : tuple of float

    Examples
    --------
    >>> low, high = bootstrap_ci((np.arange(10.0),), np.median)
    >>> bool(low < 4.5 < high)
    True
    """
    samples = tuple(np.asarray(s, dtype=float) for s in samples)
    batch = max(1, _DRAWS // max(1, sum(len(s) for s in samples)))
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # degenerate resamples of tiny samples
        result = stats.bootstrap(
            samples,
            statistic,
            paired=paired,
            vectorized=True,
            n_resamples=n_resamples,
            batch=batch,
            confidence_level=level,
            method="percentile",
            rng=_rng(seed),
        )
    return float(result.confidence_interval.low), float(result.confidence_interval.high)


def _mean(x, axis=-1):
    return np.mean(x, axis=axis)


def mean_ci(values, *, n_resamples: int = N_RESAMPLES, level: float = LEVEL, seed: Seed = SEED) -> tuple[float, float, float]:
    """The mean of a sample and its bootstrap interval, the values resampled.

    Missing values are left out. The interval is NaN with fewer than 2 values and is the mean
    itself when all values are equal.

    Parameters
    ----------
    values : array-like of shape (n,)
    n_resamples : int, default=2000
    level : float, default=0.95
    seed : int or numpy.random.Generator, default=0

    Returns
    -------
    (mean, low, high) : tuple of float

    Examples
    --------
    >>> mean_ci([0.2, 0.2])
    (0.2, 0.2, 0.2)
    >>> [bool(np.isnan(v)) for v in mean_ci([0.3])]
    [False, True, True]
    """
    x = _finite(values)
    if len(x) == 0:
        return np.nan, np.nan, np.nan
    mean = float(x.mean())
    if len(x) < 2:
        return mean, np.nan, np.nan
    if np.ptp(x) == 0:
        return mean, mean, mean
    low, high = bootstrap_ci((x,), _mean, n_resamples=n_resamples, level=level, seed=seed)
    return mean, low, high


def _mean_difference(x, y, axis=-1):
    return np.mean(x, axis=axis) - np.mean(y, axis=axis)


def difference_ci(x, y, *, n_resamples: int = N_RESAMPLES, level: float = LEVEL, seed: Seed = SEED) -> tuple[float, float, float]:
    """``mean(x) - mean(y)`` and its bootstrap interval, each sample resampled on its own.

    Missing values are left out; the interval is NaN with fewer than 2 values on a side (and the
    difference too when a side is empty).

    Returns
    -------
    (difference, low, high) : tuple of float

    Examples
    --------
    >>> d, low, high = difference_ci([1.0, 1.2, 0.9, 1.1], [0.0, 0.1, -0.1, 0.05])
    >>> round(d, 4), bool(0 < low < d < high)
    (1.0375, True)
    """
    x, y = _finite(x), _finite(y)
    if len(x) < 2 or len(y) < 2:
        return (float(x.mean() - y.mean()) if len(x) and len(y) else np.nan), np.nan, np.nan
    low, high = bootstrap_ci((x, y), _mean_difference, n_resamples=n_resamples, level=level, seed=seed)
    return float(x.mean() - y.mean()), low, high


def _ratio(sums, counts, axis=-1):
    return np.sum(sums, axis=axis) / np.sum(counts, axis=axis)


def cluster_mean_ci(
    values, clusters, *, n_resamples: int = N_RESAMPLES, level: float = LEVEL, seed: Seed = SEED
) -> tuple[float, float, float, int]:
    """The mean of values that come in clusters, and its cluster bootstrap interval.

    The clusters (articles) are resampled, each with all its values (paragraphs): the paragraphs of
    one article are not independent draws, and resampling them one by one would make the interval
    too narrow. Each resample's mean is its paragraphs' mean (the sum of the drawn articles'
    sums over the sum of their counts), a paired bootstrap of the per-article sums and counts.

    Parameters
    ----------
    values : array-like of shape (n,)
        Missing values are left out.
    clusters : array-like of shape (n,)
        Each value's cluster (e.g. ``article_id``).
    n_resamples : int, default=2000
    level : float, default=0.95
    seed : int or numpy.random.Generator, default=0

    Returns
    -------
    (mean, low, high, n) : tuple
        The mean of all the values, the interval (NaN with fewer than 2 clusters) and the number of values.

    Examples
    --------
    >>> mean, low, high, n = cluster_mean_ci([0.1, 0.2, 0.5, 0.6, 0.9], ["a", "a", "b", "b", "c"])
    >>> round(mean, 2), n, bool(low < mean < high)
    (0.46, 5, True)
    """
    x = np.asarray(values, dtype=float).ravel()
    keep = ~np.isnan(x)
    x = x[keep]
    if len(x) == 0:
        return np.nan, np.nan, np.nan, 0
    codes = np.unique(np.asarray(clusters, dtype=object).ravel()[keep], return_inverse=True)[1].ravel()
    sums, counts = np.bincount(codes, weights=x), np.bincount(codes).astype(float)
    mean = float(x.mean())
    if len(sums) < 2:
        return mean, np.nan, np.nan, len(x)
    if np.ptp(x) == 0:
        return mean, mean, mean, len(x)
    low, high = bootstrap_ci((sums, counts), _ratio, paired=True, n_resamples=n_resamples, level=level, seed=seed)
    return mean, low, high, len(x)


def _cluster_sums(values, clusters) -> tuple[np.ndarray, np.ndarray]:
    x = np.asarray(values, dtype=float).ravel()
    keep = ~np.isnan(x)
    codes = np.unique(np.asarray(clusters, dtype=object).ravel()[keep], return_inverse=True)[1].ravel()
    return np.bincount(codes, weights=x[keep]), np.bincount(codes).astype(float)


def cluster_difference_ci(
    values_a, clusters_a, values_b, clusters_b, *, n_resamples: int = N_RESAMPLES, level: float = LEVEL, seed: Seed = SEED
) -> tuple[float, float, float]:
    """``mean(values_a) - mean(values_b)`` and its cluster bootstrap interval: each side's clusters
    (articles) resampled on their own, each with all its values (as :func:`cluster_mean_ci`).

    Missing values are left out; the interval is NaN with fewer than 2 clusters on a side (and the
    difference too when a side is empty).

    Returns
    -------
    (difference, low, high) : tuple of float

    Examples
    --------
    >>> d, low, high = cluster_difference_ci([1, 1, 0.8, 0.9], ["a", "a", "b", "c"], [0, 0.1, -0.1], ["d", "e", "e"])
    >>> round(d, 3), bool(low < d < high)
    (0.925, True)
    """
    (sums_a, counts_a), (sums_b, counts_b) = _cluster_sums(values_a, clusters_a), _cluster_sums(values_b, clusters_b)
    if not len(sums_a) or not len(sums_b):
        return np.nan, np.nan, np.nan
    diff = float(sums_a.sum() / counts_a.sum() - sums_b.sum() / counts_b.sum())
    if len(sums_a) < 2 or len(sums_b) < 2:
        return diff, np.nan, np.nan

    def statistic(a, b, axis=-1):  # a, b: resampled cluster indices of each side
        a, b = a.astype(int), b.astype(int)
        return sums_a[a].sum(axis=axis) / counts_a[a].sum(axis=axis) - sums_b[b].sum(axis=axis) / counts_b[b].sum(axis=axis)

    low, high = bootstrap_ci((np.arange(len(sums_a)), np.arange(len(sums_b))), statistic, n_resamples=n_resamples, level=level, seed=seed)
    return diff, low, high


def permutation_p(x, y, *, n_resamples: int = N_PERMUTATIONS, seed: Seed = SEED) -> float:
    """The two-sided permutation p-value of ``mean(x) - mean(y)`` (``scipy.stats.permutation_test``).

    The group labels are permuted ``n_resamples`` times (every permutation when there are fewer);
    NaN with fewer than 2 values on a side. Missing values are left out.

    Examples
    --------
    >>> permutation_p([1.0, 1.1, 0.9, 1.2, 1.0], [0.0, 0.1, -0.1, 0.2, 0.0]) < 0.05
    True
    """
    x, y = _finite(x), _finite(y)
    if len(x) < 2 or len(y) < 2:
        return np.nan
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        result = stats.permutation_test(
            (x, y), _mean_difference, n_resamples=n_resamples, vectorized=True, alternative="two-sided", rng=_rng(seed), batch=500
        )
    return float(result.pvalue)


def benjamini_hochberg(p_values) -> np.ndarray:
    """Benjamini-Hochberg adjusted p-values (``scipy.stats.false_discovery_control``, ``method="bh"``).

    Missing p-values stay missing and do not count among the tests.

    Parameters
    ----------
    p_values : array-like of shape (m,)

    Returns
    -------
    ndarray of shape (m,)
        ``min over j >= i of p_(j) * m / j`` for the i-th smallest p, at most 1.

    Examples
    --------
    >>> benjamini_hochberg([0.01, 0.04, 0.03, 0.5]).round(3).tolist()
    [0.04, 0.053, 0.053, 0.5]
    """
    p = np.asarray(p_values, dtype=float).ravel()
    out = np.full(p.shape, np.nan)
    finite = ~np.isnan(p)
    if finite.any():
        out[finite] = stats.false_discovery_control(p[finite], method="bh")
    return out


def category_mean_cis(
    counts, values, *, n_resamples: int = N_RESAMPLES, level: float = LEVEL, seed: Seed = SEED
) -> tuple[np.ndarray, np.ndarray]:
    """Percentile bootstrap intervals of the means of many small samples of a few values, at once.

    Each sample is given by how many of its items take each value (a tone of -1, 0 or +1): a
    resample of ``n`` items drawn with replacement has multinomial counts with the sample's own
    shares, so drawing the counts is the ordinary bootstrap of the mean (values resampled), done
    once per distinct set of counts (a few hundred among thousands of articles' actors) instead of
    one ``scipy.stats.bootstrap`` call per sample.

    Parameters
    ----------
    counts : array-like of shape (k, c)
        Items of each of the ``c`` values, per sample.
    values : array-like of shape (c,)
    n_resamples, level, seed : as :func:`mean_ci`

    Returns
    -------
    low, high : ndarray of shape (k,)
        NaN for a sample of fewer than 2 items; the mean itself when all items are equal.

    >>> low, high = category_mean_cis([[1, 0, 9], [0, 2, 0], [1, 0, 0]], [-1, 0, 1])
    >>> [float(round(x, 1)) for x in (low[0], high[0], low[1], high[1])], bool(np.isnan(low[2]))
    ([0.4, 1.0, 0.0, 0.0], True)
    """
    counts = np.asarray(counts, dtype=np.int64).reshape(-1, len(values))
    values = np.asarray(values, dtype=float)
    low = np.full(len(counts), np.nan)
    high = np.full(len(counts), np.nan)
    if not len(counts):
        return low, high
    alpha = (1 - level) / 2
    # Each distinct sample is resampled once, its generator seeded by the seed and its counts: the
    # same counts give the same interval wherever they are, so the result does not depend on which
    # other samples are computed with it (partitions, workers).
    unique, inverse = np.unique(counts, axis=0, return_inverse=True)
    base = int(seed.integers(2**32)) if isinstance(seed, np.random.Generator) else int(seed)
    for row, sample in enumerate(unique):
        n = int(sample.sum())
        if n < 2:
            continue
        rng = np.random.default_rng([base, *map(int, sample)])
        means = rng.multinomial(n, sample / n, size=n_resamples) @ values / n
        at = inverse.ravel() == row
        low[at], high[at] = np.quantile(means, [alpha, 1 - alpha])
    return low, high
