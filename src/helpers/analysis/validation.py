"""Validation measures: correlation with human ratings, and topic recovery of known labels.

Pure functions used by ``notebooks/validation.ipynb``: text in, tables out; the notebook reads the
files. Sentiment is judged by Pearson's r against the mean human rating with a Fisher-z interval;
the multi-sentence proxy groups consecutive sentences of one source into pseudo-paragraphs; topics
are judged by NMI, ARI and accuracy after the best one-to-one matching of topics to labels.

>>> round(pearson_ci([1, 2, 3, 4], [1, 3, 2, 4])["r"], 2)
0.8
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence

import numpy as np
import pandas as pd
from scipy.optimize import linear_sum_assignment
from scipy.stats import pearsonr
from sklearn.metrics import adjusted_rand_score, normalized_mutual_info_score

from helpers.analysis.params import RULES, at_least, check
from helpers.analysis.stats import bootstrap_ci

__all__ = [
    "SET_LABELS",
    "PUBLISHED_R",
    "PUBLISHED_TOPICS",
    "check_parameters",
    "labelled_body",
    "recovery_table",
    "pearson_ci",
    "paired_r_difference",
    "group_pseudo_paragraphs",
    "matched_accuracy",
    "clustering_scores",
    "cross_domain_scores",
    "topic_recovery",
    "short_items",
    "topic_runs",
    "with_anchors",
    "recovery_by_shape",
    "SHORT_TEXT_ANCHORS",
]


SET_LABELS = {"tweets": "tweets", "movie": "movie snippets", "amazon": "Amazon reviews"}
"""Display names of VADER's human-rated sets (keys of :data:`helpers.io.RATING_SETS`)."""
PUBLISHED_R = {"tweets": 0.881, "movie snippets": 0.451, "Amazon reviews": 0.565}
"""VADER's correlation with the mean human rating as Hutto & Gilbert (2014) report it, by set."""
PUBLISHED_TOPICS = {"nmi": 0.81, "ari": 0.84}
"""Published NMF topic recovery on whole BBC articles at k = 5."""


def check_parameters(*, n_topics: int, bbc_dir: str, validation_dir: str, reuters_dir: str = "", newsmtsc_dir: str = "") -> None:
    """The validation notebook's parameters: the rules of :func:`helpers.analysis.params.check`, with a
    fixed topic count of 2 or more (the labelled topics are recovered at a known count)."""
    rules = {**RULES, "n_topics": (at_least(2, "at least 2"),)}
    given = {"n_topics": n_topics, "bbc_dir": bbc_dir, "validation_dir": validation_dir, "reuters_dir": reuters_dir}
    check({**given, "newsmtsc_dir": newsmtsc_dir}, rules)


def pearson_ci(x: Sequence[float], y: Sequence[float], level: float = 0.95) -> dict[str, float]:
    """Pearson's r of ``x`` and ``y`` with its confidence interval: keys ``n``, ``r``, ``ci_low``, ``ci_high``.

    The interval is ``scipy.stats.pearsonr(x, y).confidence_interval(level)`` (Fisher's z); nan for
    fewer than 4 pairs or a constant series.

    >>> {k: round(v, 3) for k, v in pearson_ci([1, 2, 3, 4, 5], [1, 3, 2, 5, 4]).items()}
    {'n': 5, 'r': 0.8, 'ci_low': -0.28, 'ci_high': 0.986}
    """
    if not 0 < level < 1:
        raise ValueError(f"level must be between 0 and 1; got {level}")
    x, y = np.asarray(x, dtype=float), np.asarray(y, dtype=float)
    if x.shape != y.shape:
        raise ValueError(f"x and y must have the same length; got {x.size} and {y.size}")
    nan = float("nan")
    if x.size < 2 or np.ptp(x) == 0 or np.ptp(y) == 0:
        return {"n": int(x.size), "r": nan, "ci_low": nan, "ci_high": nan}
    result = pearsonr(x, y)
    low, high = result.confidence_interval(level) if x.size >= 4 else (nan, nan)
    return {"n": int(x.size), "r": float(result.statistic), "ci_low": float(low), "ci_high": float(high)}


def paired_r_difference(
    a: Sequence[float], b: Sequence[float], y: Sequence[float], *, n_resamples: int = 1000, random_state: int = 0, level: float = 0.95
) -> tuple[float, float, float]:
    """r(a, y) - r(b, y) with a paired bootstrap interval (:func:`helpers.analysis.stats.bootstrap_ci`, percentile method).

    Items are resampled together, so the two correlations are compared on the same resamples.
    Returns (difference, low, high).

    >>> rng = np.random.default_rng(0); y = rng.normal(size=300)
    >>> d, low, high = paired_r_difference(y + rng.normal(size=300) * 0.5, y + rng.normal(size=300) * 2, y)
    >>> bool(low < d < high and low > 0)
    True
    """
    a, b, y = (np.asarray(v, dtype=float) for v in (a, b, y))

    def difference(a, b, y, axis=-1):
        def r(x):
            xc, yc = x - x.mean(axis=axis, keepdims=True), y - y.mean(axis=axis, keepdims=True)
            return (xc * yc).sum(axis=axis) / np.sqrt((xc**2).sum(axis=axis) * (yc**2).sum(axis=axis))

        return r(a) - r(b)

    low, high = bootstrap_ci((a, b, y), difference, paired=True, n_resamples=n_resamples, level=level, seed=random_state)
    return float(difference(a, b, y)), low, high


def group_pseudo_paragraphs(items: pd.DataFrame, *, min_size: int = 2, max_size: int = 5, random_state: int = 0) -> pd.DataFrame:
    """Consecutive sentences of one source cut into pseudo-paragraphs of ``min_size``-``max_size``.

    Each source's sentences (in ``order``) are cut into runs whose sizes are drawn uniformly from
    [min_size, max_size] (fixed seed); a short tail joins the previous run when that keeps it within
    ``max_size``, else it is dropped. Sources with fewer than ``min_size`` sentences give nothing.

    Parameters
    ----------
    items : DataFrame
        Columns ``source``, ``order``, ``rating`` and ``text`` (one row per sentence).

    Returns
    -------
    DataFrame
        One row per pseudo-paragraph: ``group`` (0-based), ``source``, ``n_sentences``,
        ``rating`` (mean of its sentences' ratings), ``text`` (sentences joined by a space) and
        ``sentences`` (list of str).
    """
    if not 1 <= min_size <= max_size:
        raise ValueError(f"need 1 <= min_size <= max_size; got {min_size} and {max_size}")
    rng = np.random.default_rng(random_state)
    rows = []
    ordered = items.sort_values(["source", "order"], kind="stable")
    for source, group in ordered.groupby("source", sort=False):
        texts, ratings = group["text"].tolist(), group["rating"].to_numpy(dtype=float)
        runs, start = [], 0
        while len(texts) - start >= min_size:
            size = min(int(rng.integers(min_size, max_size + 1)), len(texts) - start)
            runs.append([start, start + size])
            start += size
        tail = len(texts) - start
        if tail and runs and runs[-1][1] - runs[-1][0] + tail <= max_size:
            runs[-1][1] += tail
        for a, b in runs:
            rows.append((source, b - a, float(ratings[a:b].mean()), " ".join(texts[a:b]), texts[a:b]))
    out = pd.DataFrame(rows, columns=["source", "n_sentences", "rating", "text", "sentences"])
    out.insert(0, "group", range(len(out)))
    return out


def matched_accuracy(labels: Sequence, predicted: Sequence) -> float:
    """Share of items whose cluster maps to their label under the best one-to-one matching (Hungarian).

    Clusters left unmatched (more clusters than labels) count as wrong.

    >>> matched_accuracy(["a", "a", "b", "b"], [1, 1, 0, 1])
    0.75
    """
    labels, predicted = np.asarray(labels), np.asarray(predicted)
    if labels.shape != predicted.shape:
        raise ValueError(f"labels and predicted must have the same length; got {labels.size} and {predicted.size}")
    table = pd.crosstab(labels, predicted).to_numpy()
    rows, cols = linear_sum_assignment(-table)
    return float(table[rows, cols].sum() / labels.size)


def clustering_scores(labels: Sequence, predicted: Sequence) -> dict[str, float]:
    """NMI (arithmetic normalisation, scikit-learn's default), ARI and matched accuracy."""
    return {
        "nmi": float(normalized_mutual_info_score(labels, predicted)),
        "ari": float(adjusted_rand_score(labels, predicted)),
        "accuracy": matched_accuracy(labels, predicted),
    }


def cross_domain_scores(sets: dict[str, pd.DataFrame], make_scorer: Callable[[], object]) -> pd.DataFrame:
    """Train on all sets but one, test on the one left out, for each set in turn.

    Parameters
    ----------
    sets : dict of str to DataFrame
        Each with ``text`` and ``rating`` columns.
    make_scorer : callable
        Returns an unfitted scorer with ``fit(texts, ratings)`` and ``predict(texts)``.

    Returns
    -------
    DataFrame
        One row per held-out set: ``test_set``, ``train_sets``, ``n``, ``r``, ``ci_low``, ``ci_high``.
    """
    if len(sets) < 2:
        raise ValueError(f"cross-domain validation needs at least 2 sets; got {len(sets)}")
    rows = []
    for held_out, test in sets.items():
        train = pd.concat([frame for name, frame in sets.items() if name != held_out], ignore_index=True)
        scorer = make_scorer().fit(train["text"].tolist(), train["rating"].to_numpy())
        stats = pearson_ci(scorer.predict(test["text"].tolist()), test["rating"].to_numpy())
        rows.append({"test_set": held_out, "train_sets": " + ".join(n for n in sets if n != held_out), **stats})
    return pd.DataFrame(rows)


def labelled_body(paragraphs: pd.DataFrame, labels: Mapping[str, str] | None = None, articles: pd.DataFrame | None = None) -> pd.DataFrame:
    """The body paragraphs of a labelled corpus: ``article_id``, ``label``, ``text`` and ``headline``.

    The label is ``labels[article_id]`` when ``labels`` is given (articles without one are left
    out), else the part of the id before ``/`` (ids ``<label>/<name>``, one folder per label). The
    headline comes from ``articles`` (the cleaning's articles table) when given, else is empty.
    """
    body = paragraphs[paragraphs["kind"] == "body"]
    label = body["article_id"].map(labels) if labels is not None else body["article_id"].str.split("/").str[0]
    headline = body["article_id"].map(articles.set_index("article_id")["headline"]).fillna("") if articles is not None else ""
    frame = pd.DataFrame({"article_id": body["article_id"], "label": label, "text": body["text"], "headline": headline})
    return frame.dropna(subset=["label"]).reset_index(drop=True)


SHORT_TEXT_ANCHORS = pd.DataFrame(
    [
        {"settings": "published: GSDMM on short news texts (Yin & Wang 2014; other sets)", "nmi": "0.56-0.59"},
        {"settings": "published: SeaNMF on short news texts (Shi et al. 2018; other sets)", "nmi": "0.56-0.59"},
    ]
)
"""Published topic recovery of short-text models on news titles and snippets (not these corpora)."""


def with_anchors(results: pd.DataFrame, *anchors: pd.DataFrame) -> pd.DataFrame:
    """``results`` (rounded to 3 decimals) followed by published ``anchors`` rows, for display:
    counts as integers, blanks where a row has no figure."""
    table = pd.concat([results.round(3), *anchors], ignore_index=True)
    table["topics"] = [f"{t:.0f}" if pd.notna(t) else "" for t in table["topics"]]
    return table.astype(object).where(table.notna(), "")


def topic_runs(true_k: int, random_state: int = 0) -> dict[str, object]:
    """The topic models the validation compares, at the labels' count and at the automatic count:
    the default (articles with headlines, TF-IDF smoothed by word co-occurrence, NMF), LDA, and the
    previous default (paragraphs, plain TF-IDF, KL-NMF). Runs for :func:`recovery_table`."""
    from helpers.measures.topics import TopicModel

    previous = dict(beta_loss="kullback-leibler", smoothing=0, random_state=random_state)
    return {
        f"default, k = {true_k}": TopicModel(true_k, random_state=random_state),
        "default, automatic k": TopicModel(0, random_state=random_state),
        f"LDA, k = {true_k}": TopicModel(true_k, method="lda", random_state=random_state),
        "LDA, automatic k": TopicModel(0, method="lda", random_state=random_state),
        f"previous default (paragraphs, KL-NMF), k = {true_k}": (TopicModel(true_k, **previous), "paragraph"),
        "previous default, automatic k": (TopicModel(0, **previous), "paragraph"),
    }


def recovery_by_shape(paragraphs: pd.DataFrame, random_state: int = 0, n_topics: int | None = None) -> tuple[pd.DataFrame, dict]:
    """:func:`recovery_table` of :func:`topic_runs` (at ``n_topics``, default the number of labels,
    and at the automatic count) on the whole articles and on the same articles cut to
    :func:`short_items`; a column ``items`` says which. Also returns the fitted runs of the whole
    articles."""
    true_k = n_topics or paragraphs["label"].nunique()
    whole, fitted = recovery_table(topic_runs(true_k, random_state), paragraphs)
    short, _ = recovery_table(topic_runs(true_k, random_state), short_items(paragraphs))
    table = pd.concat([whole.assign(items="whole articles"), short.assign(items="headline + first paragraph")], ignore_index=True)
    return table[["items", *whole.columns]], fitted


def short_items(paragraphs: pd.DataFrame) -> pd.DataFrame:
    """Each article cut to a short news item: its headline and first body paragraph (rows of
    :func:`labelled_body`), the shape of news-feed items and of the short-text topic benchmarks."""
    return paragraphs.groupby("article_id", sort=False).head(1).reset_index(drop=True)


def recovery_table(runs: Mapping[str, object], paragraphs: pd.DataFrame) -> tuple[pd.DataFrame, dict]:
    """:func:`topic_recovery` of each named topic model on the same labelled paragraphs.

    A run is a model, or a ``(model, unit)`` pair to fit it on ``"paragraph"`` units instead of
    :func:`helpers.measures.topics.topic_documents`' choice. Returns one row per run (``settings``,
    ``topics``, NMI, ARI, accuracy, ``mean stability`` of its topics, ``seconds``) and, per run,
    the fitted model, the articles' labels and topics.
    """
    rows, fitted = [], {}
    for name, run in runs.items():
        model, unit = run if isinstance(run, tuple) else (run, "auto")
        scores, labels, topic = topic_recovery(model, paragraphs, unit=unit)
        stability = np.asarray(getattr(model, "stability_", [np.nan]), dtype=float)
        mean_stability = float(stability[np.isfinite(stability)].mean()) if np.isfinite(stability).any() else np.nan
        rows.append({"settings": name, **scores, "mean stability": mean_stability})
        fitted[name] = (model, labels, topic)
    return pd.DataFrame(rows), fitted


def topic_recovery(model, paragraphs: pd.DataFrame, *, unit: str = "auto") -> tuple[dict[str, float], pd.Series, np.ndarray]:
    """Fit a topic model on labelled paragraphs as the pipeline does and score how its article topics recover the labels.

    ``paragraphs`` has ``article_id``, ``label``, ``text`` and optionally ``headline``. The model
    is fitted on :func:`helpers.measures.topics.topic_documents` (articles with their headlines, or
    paragraphs in a small corpus; ``unit="paragraph"`` forces paragraphs), with the paragraphs
    and headlines as co-occurrence context. An article's topic weights are its document's
    weights, or (paragraph units) the mean of its paragraphs' weights weighted by length in
    characters (:func:`helpers.measures.topics.article_weights`); its topic is the largest. Returns the
    scores (``topics`` fitted, NMI, ARI, accuracy, ``seconds``), the articles' labels and their
    topics.
    """
    import time

    from helpers.measures.topics import article_weights, fit_inputs

    if unit not in ("auto", "paragraph"):
        raise ValueError(f"unit must be 'auto' or 'paragraph'; got {unit!r}")
    start = time.perf_counter()
    headlines = paragraphs.groupby("article_id")["headline"].first() if "headline" in paragraphs else None
    documents, context = fit_inputs(paragraphs, headlines)
    if unit == "paragraph":
        documents = paragraphs["text"]
    model.fit(documents, context=context)
    if unit == "auto" and documents.attrs.get("unit") == "article":
        weights = pd.DataFrame(model.transform(documents.tolist()), index=documents.index)
    else:
        texts = paragraphs["text"].tolist()
        weights = article_weights(model.transform(texts), paragraphs["article_id"], paragraphs["text"].str.len())
    labels = paragraphs.groupby("article_id")["label"].first().loc[weights.index]
    topic = np.nan_to_num(weights.to_numpy()).argmax(axis=1) + 1
    scores = {"topics": model.n_topics_, **clustering_scores(labels, topic), "seconds": time.perf_counter() - start}
    return scores, labels, topic
