"""Comparisons across time and groups of articles, with their uncertainty, and word shifts.

Every interval is a 95% bootstrap interval over articles and every p-value a permutation test's,
adjusted for the number of pairs with Benjamini-Hochberg: all from :mod:`helpers.analysis.stats`.
Topic shares are the means of the articles' topic weights (``topic_1`` ... ``topic_k`` of the
articles table), as BERTopic's ``topics_over_time`` and ``topics_per_class`` describe one global
model per bin or class. Distinctive terms are Monroe et al.'s (2008) weighted log-odds with an
informative Dirichlet prior. The word shift is Reagan et al.'s (2017) weighted-average shift with
VADER's lexicon as the valence.

>>> arts = pd.DataFrame({"compound_mean": [0.5, 0.4, -0.3, -0.4], "outlet": ["A", "A", "B", "B"]})
>>> group_sentiment(arts, "outlet")[["group", "n", "mean"]].values.tolist()
[['A', 2, 0.45], ['B', 2, -0.35]]
"""

from __future__ import annotations

from collections.abc import Mapping
from itertools import combinations

import numpy as np
import pandas as pd

from helpers.analysis import stats
from helpers.analysis.stats import SEED, mean_ci

__all__ = [
    "THIN",
    "MAX_PAIRS_GROUPS",
    "MAX_GROUPS",
    "SEED",
    "time_bins",
    "sentiment_over_time",
    "topic_shares",
    "group_sentiment",
    "difference",
    "pairwise_differences",
    "term_counts",
    "distinctive_terms",
    "word_shift",
    "shift_summary",
    "mean_arc",
]

THIN = 5
"""A time bin or group with fewer articles than this is marked thin: its interval means little."""
MAX_PAIRS_GROUPS = 8
"""Pairwise differences are computed among at most this many of the largest groups (28 pairs)."""
MAX_GROUPS = 50
"""The reports show at most this many of the largest groups (figures stay readable)."""
_FREQ = {"day": "D", "week": "W", "month": "M", "quarter": "Q", "year": "Y"}


def time_bins(dates: pd.Series, unit: str) -> pd.Series:
    """Each date's bin (a ``pandas.Period``: ``day``, ``week`` (Monday to Sunday), ``month``,
    ``quarter`` or ``year``); missing dates stay missing.

    >>> time_bins(pd.Series(pd.to_datetime(["2019-12-30", "2020-01-05", "2020-01-06"])), "week").astype(str).tolist()
    ['2019-12-30/2020-01-05', '2019-12-30/2020-01-05', '2020-01-06/2020-01-12']
    """
    if unit not in _FREQ:
        raise ValueError(f"unit must be one of {', '.join(_FREQ)}; got {unit!r}")
    return pd.to_datetime(dates).dt.to_period(_FREQ[unit])


def _summary(frame: pd.DataFrame, key, value: str = "compound_mean") -> pd.DataFrame:
    rows = []
    for name, group in frame.groupby(key, sort=True, observed=True):
        mean, low, high = mean_ci(group[value])
        rows.append((name, int(group[value].notna().sum()), mean, low, high))
    out = pd.DataFrame(rows, columns=["group", "n", "mean", "ci_low", "ci_high"])
    out["thin"] = out["n"] < THIN
    return out


def sentiment_over_time(articles: pd.DataFrame, date_column: str, unit: str) -> pd.DataFrame:
    """Mean article sentiment per time bin with its 95% interval, every bin of the span listed.

    Returns
    -------
    DataFrame
        One row per bin from the first to the last date (empty bins too, with ``n`` 0): ``bin``
        (Period), ``start`` (Timestamp), ``n`` (articles), ``mean``, ``ci_low``, ``ci_high``,
        ``thin`` (fewer than :data:`THIN` articles).
    """
    dated = articles.dropna(subset=[date_column, "compound_mean"])
    bins = time_bins(dated[date_column], unit)
    summary = _summary(dated.assign(_bin=bins), "_bin").set_index("group")
    span = pd.period_range(bins.min(), bins.max(), freq=bins.dt.freq) if len(bins) else pd.PeriodIndex([], freq=_FREQ[unit])
    out = summary.reindex(span)
    out["n"] = out["n"].fillna(0).astype(int)
    out["thin"] = out["n"] < THIN
    out = out.rename_axis("bin").reset_index()
    out.insert(1, "start", out["bin"].dt.start_time)
    return out


def topic_shares(articles: pd.DataFrame, key: pd.Series | str, topic_cols: list[str]) -> pd.DataFrame:
    """Each topic's share per bin or group: the mean of the articles' topic weights (rows sum to 1).

    ``key``: a column name or a Series aligned with ``articles`` (e.g. :func:`time_bins`). Articles
    without topic weights are left out. Returns a DataFrame indexed by the key, one column per topic,
    and ``n`` (articles).
    """
    keys = articles[key] if isinstance(key, str) else key
    weights = articles[topic_cols].assign(_key=keys).dropna(subset=["_key"]).dropna(subset=topic_cols, how="all")
    grouped = weights.groupby("_key", sort=True, observed=True)
    out = grouped[topic_cols].mean()
    out["n"] = grouped.size()
    return out.rename_axis(None)


def group_sentiment(articles: pd.DataFrame, group_by: str, *, max_groups: int | None = None) -> pd.DataFrame:
    """Per group: ``group``, ``n``, ``mean`` article sentiment, its 95% interval, ``thin``; largest group first.

    With ``max_groups``, only that many of the largest groups are kept; ``attrs["n_groups"]`` holds
    how many there were.
    """
    counts = articles[group_by].dropna().value_counts()
    kept = sorted(counts.index, key=lambda g: (-counts[g], str(g)))[:max_groups]
    out = _summary(articles[articles[group_by].isin(kept)], group_by)
    out = out.sort_values(["n", "group"], ascending=[False, True], kind="stable").reset_index(drop=True)
    out.attrs["n_groups"] = len(counts)
    return out


def difference(x, y, *, rng=None) -> tuple[float, float, float, float]:
    """``mean(x) - mean(y)``, its 95% bootstrap interval (each sample resampled on its own,
    :func:`helpers.analysis.stats.difference_ci`) and its two-sided permutation p-value (9,999
    permutations, :func:`helpers.analysis.stats.permutation_p`); NaN interval and p below 2 values a side."""
    rng = rng if rng is not None else np.random.default_rng(SEED)
    diff, low, high = stats.difference_ci(x, y, seed=rng)
    return diff, low, high, stats.permutation_p(x, y, seed=rng)


def pairwise_differences(articles: pd.DataFrame, group_by: str, *, max_groups: int = MAX_PAIRS_GROUPS, alpha: float = 0.05) -> pd.DataFrame:
    """Differences in mean article sentiment between every pair of the ``max_groups`` largest groups.

    Each difference (``a`` minus ``b``) has a 95% bootstrap interval (articles resampled within
    each group) and a two-sided permutation p-value (9,999 permutations of the group labels);
    ``p_adjusted`` is Benjamini-Hochberg's over all the pairs listed, and ``significant`` is
    ``p_adjusted < alpha``. The intervals are not adjusted. Groups with fewer than 2 articles are
    left out.

    Returns
    -------
    DataFrame
        ``a``, ``b``, ``n_a``, ``n_b``, ``difference``, ``ci_low``, ``ci_high``, ``p_value``,
        ``p_adjusted``, ``significant``.
    """
    values = {
        g: v["compound_mean"].dropna().to_numpy(dtype=float) for g, v in articles.dropna(subset=[group_by]).groupby(group_by, sort=True)
    }
    largest = sorted((g for g in values if len(values[g]) >= 2), key=lambda g: (-len(values[g]), str(g)))[:max_groups]
    rng = np.random.default_rng(SEED)
    rows = [(a, b, len(values[a]), len(values[b]), *difference(values[a], values[b], rng=rng)) for a, b in combinations(largest, 2)]
    out = pd.DataFrame(rows, columns=["a", "b", "n_a", "n_b", "difference", "ci_low", "ci_high", "p_value"])
    out["p_adjusted"] = stats.benjamini_hochberg(out["p_value"])
    out["significant"] = out["p_adjusted"] < alpha
    return out


def term_counts(paragraphs: pd.DataFrame):
    """Word counts of body paragraphs: a sparse matrix (paragraphs x words) and its vocabulary.

    Words are lower-cased runs of letters, an apostrophe kept inside (``can't``); numbers are not words.
    """
    from sklearn.feature_extraction.text import CountVectorizer

    vectorizer = CountVectorizer(lowercase=True, token_pattern=r"(?u)\b[^\W\d_][^\W\d_']*(?:'[^\W\d_]+)?\b", dtype=np.int32)
    matrix = vectorizer.fit_transform(paragraphs["text"].fillna(""))
    return matrix.tocsr(), vectorizer.get_feature_names_out()


def _group_sums(matrix, labels) -> tuple[list, np.ndarray]:
    """Summed rows of ``matrix`` per label (missing labels left out): the labels and a dense (groups x words) array."""
    from scipy import sparse

    labels = pd.Series(labels).reset_index(drop=True)
    codes, names = pd.factorize(labels, sort=True)
    keep = codes >= 0
    indicator = sparse.csr_matrix((np.ones(keep.sum()), (codes[keep], np.flatnonzero(keep))), shape=(len(names), matrix.shape[0]))
    return list(names), np.asarray((indicator @ matrix).todense())


def distinctive_terms(matrix, vocabulary, labels, *, n_terms: int = 10, stop_words=(), min_count: int = 5) -> pd.DataFrame:
    """Each group's most distinctive words against all the others (Monroe et al. 2008).

    The weighted log-odds ratio with an informative Dirichlet prior (the whole corpus's counts),
    divided by its standard deviation: a z-score, large when a group uses a word more than the
    rest of the corpus does, beyond chance. Words counted fewer than ``min_count`` times in the
    corpus, one-letter words and ``stop_words`` are left out.

    Parameters
    ----------
    matrix : sparse matrix of shape (n_paragraphs, n_words)
        From :func:`term_counts`.
    vocabulary : array of str, length n_words
    labels : array-like of length n_paragraphs
        Each paragraph's group (missing: left out).

    Returns
    -------
    DataFrame
        ``group``, ``rank`` (1 = most distinctive), ``term``, ``z``, ``count`` (in the group).
    """
    names, counts = _group_sums(matrix, labels)
    total = counts.sum(axis=0)
    keep = (total >= min_count) & ~np.isin(vocabulary, list(stop_words)) & (np.char.str_len(np.asarray(vocabulary, dtype=str)) > 1)
    counts, total, vocab = counts[:, keep], total[keep], np.asarray(vocabulary)[keep]
    prior = total.astype(float)
    a0 = prior.sum()
    rows = []
    for name, y in zip(names, counts.astype(float)):
        rest = total - y
        n_i, n_j = y.sum(), rest.sum()
        with np.errstate(divide="ignore", invalid="ignore"):
            delta = np.log((y + prior) / (n_i + a0 - y - prior)) - np.log((rest + prior) / (n_j + a0 - rest - prior))
            z = delta / np.sqrt(1 / (y + prior) + 1 / (rest + prior))
        z = np.where(y > 0, z, -np.inf)
        top = np.argsort(-z, kind="stable")[:n_terms]
        rows += [(name, r, vocab[i], float(z[i]), int(y[i])) for r, i in enumerate(top, start=1) if np.isfinite(z[i])]
    return pd.DataFrame(rows, columns=["group", "rank", "term", "z", "count"])


def word_shift(counts_a: Mapping[str, float], counts_b: Mapping[str, float], valence: Mapping[str, float]) -> pd.DataFrame:
    """Reagan et al.'s (2017) weighted-average word shift from text A (the reference) to text B.

    Only words with a valence count. With ``p`` a word's share of the valenced words of a text and
    ``Phi`` a text's mean valence (the frequency-weighted mean of its words' valences), each
    word's contribution to ``Phi_B - Phi_A`` is::

        delta_w = (valence_w - Phi_A) * (p_B,w - p_A,w)

    and the contributions add up to ``Phi_B - Phi_A`` exactly (the shares sum to 1 in each text).
    A word raises B's mean when it is above A's mean and more frequent in B (``+up``) or below it
    and less frequent (``-down``); it lowers it when above and less frequent (``+down``) or below
    and more frequent (``-up``).

    Returns
    -------
    DataFrame
        ``term``, ``valence``, ``count_a``, ``count_b``, ``p_a``, ``p_b``, ``contribution``,
        ``kind`` (``+up``, ``-down``, ``+down``, ``-up``), sorted by ``|contribution|``, largest
        first. ``attrs`` holds ``mean_a``, ``mean_b`` and ``difference``.

    Examples
    --------
    >>> shift = word_shift({"good": 3, "bad": 1}, {"good": 1, "bad": 3}, {"good": 2.0, "bad": -2.0})
    >>> shift[["term", "contribution"]].values.tolist(), shift.attrs["difference"]
    ([['bad', -1.5], ['good', -0.5]], -2.0)
    """
    words = sorted(w for w in set(counts_a) | set(counts_b) if w in valence)
    frame = pd.DataFrame(
        {
            "term": words,
            "valence": [float(valence[w]) for w in words],
            "count_a": [float(counts_a.get(w, 0)) for w in words],
            "count_b": [float(counts_b.get(w, 0)) for w in words],
        }
    )
    total_a, total_b = frame["count_a"].sum(), frame["count_b"].sum()
    if not total_a or not total_b:
        raise ValueError(f"both texts need words with a valence; got {total_a:.0f} in A and {total_b:.0f} in B")
    frame["p_a"], frame["p_b"] = frame["count_a"] / total_a, frame["count_b"] / total_b
    mean_a, mean_b = float((frame["p_a"] * frame["valence"]).sum()), float((frame["p_b"] * frame["valence"]).sum())
    above, more = frame["valence"] > mean_a, frame["p_b"] > frame["p_a"]
    frame["contribution"] = (frame["valence"] - mean_a) * (frame["p_b"] - frame["p_a"])
    frame["kind"] = np.select([above & more, ~above & ~more, above & ~more], ["+up", "-down", "+down"], "-up")
    frame = frame[frame["p_a"].ne(frame["p_b"])]
    frame = frame.iloc[np.argsort(-frame["contribution"].abs().to_numpy(), kind="stable")].reset_index(drop=True)
    frame.attrs.update(mean_a=mean_a, mean_b=mean_b, difference=mean_b - mean_a)
    return frame


def shift_summary(shift: pd.DataFrame) -> pd.DataFrame:
    """The word shift's contributions summed by kind (Reagan et al.'s summary bars), and the total.

    >>> shift_summary(word_shift({"good": 3, "bad": 1}, {"good": 1, "bad": 3}, {"good": 2.0, "bad": -2.0}))["sum"].tolist()
    [0.0, 0.0, -0.5, -1.5, -2.0]
    """
    what = {
        "+up": "above the first side's mean valence, more frequent",
        "-down": "below it, less frequent",
        "+down": "above it, less frequent",
        "-up": "below it, more frequent",
    }
    sums = shift.groupby("kind")["contribution"].agg(["sum", "size"]).reindex(list(what), fill_value=0)
    out = pd.DataFrame(
        {"kind": list(what), "which words": [what[k] for k in what], "sum": sums["sum"].to_numpy(), "n_words": sums["size"].to_numpy()}
    )
    total = pd.DataFrame(
        {
            "kind": ["total"],
            "which words": ["all words: the difference in mean valence"],
            "sum": [shift["contribution"].sum()],
            "n_words": [len(shift)],
        }
    )
    return pd.concat([out, total], ignore_index=True)


def mean_arc(paragraphs: pd.DataFrame, *, n_bins: int = 10, n_resamples: int = stats.N_RESAMPLES, seed: int = SEED) -> pd.DataFrame:
    """The mean sentiment arc of a set of articles: body paragraphs placed at their relative
    position in their article (0 = first, 1 = last, in ``n_bins`` equal bins), mean ``compound``
    per bin with its 95% bootstrap interval.

    The interval resamples articles, not paragraphs (:func:`helpers.analysis.stats.cluster_mean_ci`:
    the paragraphs of one article are not independent draws), each resample's mean being its
    paragraphs' mean in the bin; percentile method, ``n_resamples`` resamples, fixed ``seed``.

    Returns a DataFrame with ``bin`` (1..n_bins), ``position`` (the bin's centre), ``n``
    (paragraphs), ``mean``, ``ci_low``, ``ci_high``.
    """
    body = paragraphs[paragraphs["kind"].eq("body")] if "kind" in paragraphs else paragraphs
    body = body[body["compound"].notna()]
    order = body.groupby("article_id")["position"].rank(method="first")
    size = body.groupby("article_id")["position"].transform("size")
    relative = np.where(size > 1, (order - 1) / (size - 1).clip(lower=1), 0.5)
    bins = np.minimum((relative * n_bins).astype(int), n_bins - 1) + 1
    rng = np.random.default_rng(seed)
    rows = []
    for b in range(1, n_bins + 1):
        in_bin = body[bins == b]
        mean, low, high, n = stats.cluster_mean_ci(in_bin["compound"], in_bin["article_id"], n_resamples=n_resamples, seed=rng)
        rows.append((b, (b - 0.5) / n_bins, n, mean, low, high))
    return pd.DataFrame(rows, columns=["bin", "position", "n", "mean", "ci_low", "ci_high"])
