"""Paragraphs to topics: TF-IDF + NMF (or counts + LDA) fitted on the corpus's paragraphs.

The default NMF minimises the generalised Kullback-Leibler divergence (multiplicative updates,
deterministic ``nndsvda`` start) rather than the Frobenius norm: paragraphs are short, sparse texts,
for which KL-NMF recovers themes markedly better (BBC, k=5, articles by length-weighted paragraph
weights: NMI 0.85 vs 0.77 for Frobenius; see ``notebooks/validation.ipynb``).

The automatic topic count (``n_topics=0``) is chosen without labels by topic coherence
(:func:`select_n_topics`): for each candidate k a quick NMF is fitted and the mean NPMI of each
topic's top terms, co-occurring within paragraphs of the corpus itself, is measured; the smallest k
within 10% of the best coherence wins (a parsimony rule: on BBC the curve rises to k=4 and then
creeps up slowly).

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

import warnings
from collections.abc import Callable, Sequence

import numpy as np
import pandas as pd
import scipy.sparse as sp
from sklearn.decomposition import NMF, LatentDirichletAllocation
from sklearn.exceptions import ConvergenceWarning
from sklearn.feature_extraction.text import ENGLISH_STOP_WORDS, CountVectorizer, TfidfVectorizer

__all__ = [
    "TopicModel",
    "candidate_n_topics",
    "select_n_topics",
    "topic_coherence",
    "article_weights",
    "cooccurrence_smoother",
    "smooth",
    "SMOOTHED_TERMS",
    "topic_documents",
    "fit_inputs",
    "MIN_ARTICLE_UNITS",
    "NEWS_STOP_WORDS",
    "topic_columns",
    "topic_labels",
    "per_topic",
    "top_indices",
    "top_terms_table",
    "topic_stability",
    "refit_top_terms",
    "STABILITY_REFITS",
    "UNSTABLE",
]

# Words frequent in any news text that say nothing about its theme.
NEWS_STOP_WORDS = frozenset(
    ENGLISH_STOP_WORDS
    | {
        "said",
        "says",
        "say",
        "saying",
        "told",
        "tell",
        "according",
        "added",
        "asked",
        "mr",
        "mrs",
        "ms",
        "dr",
        "also",
        "would",
        "could",
        "might",
        "may",
        "will",
        "can",
        "just",
        "like",
        "new",
        "year",
        "years",
        "month",
        "months",
        "week",
        "weeks",
        "day",
        "days",
        "time",
        "times",
        "today",
        "yesterday",
        "monday",
        "tuesday",
        "wednesday",
        "thursday",
        "friday",
        "saturday",
        "sunday",
        "january",
        "february",
        "march",
        "april",
        "june",
        "july",
        "august",
        "september",
        "october",
        "november",
        "december",
        "jan",
        "feb",
        "mar",
        "apr",
        "jun",
        "jul",
        "aug",
        "sep",
        "oct",
        "nov",
        "dec",
        "one",
        "two",
        "three",
        "four",
        "five",
        "six",
        "seven",
        "eight",
        "nine",
        "ten",
        "first",
        "second",
        "third",
        "last",
        "next",
        "per",
        "cent",
        "pct",
        "mln",
        "bln",
        "dlrs",
        "dlr",
        "cts",
        "vs",
        "including",
        "people",
        "make",
        "made",
        "way",
        "going",
        "get",
        "got",
        "want",
        "think",
        "know",
        "need",
        "don",
        "didn",
        "doesn",
        "isn",
        "wasn",
        "won",
        "ll",
        "ve",
        "re",
        "reuters",
        "reuter",
        "bbc",
        "ap",
        "afp",
        "thing",
        "things",
        "lot",
        "good",
        "use",
        "used",
    }
)
_TOKENS = r"(?u)\b[^\W\d_][^\W\d_]+\b"  # words of two or more letters: no numbers, no years


def top_indices(components: np.ndarray, n_top: int) -> list[np.ndarray]:
    """Each topic's ``n_top`` heaviest term indices, heaviest first (ties in term order).

    >>> [t.tolist() for t in top_indices(np.array([[0.1, 0.5, 0.5], [0.9, 0.0, 0.2]]), 2)]
    [[1, 2], [0, 2]]
    """
    return [np.argsort(-c, kind="stable")[:n_top] for c in components]


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


def cooccurrence_smoother(matrix: sp.spmatrix, n_neighbours: int = 100) -> sp.csr_matrix:
    """Each term's nearest terms by co-occurrence: a row-stochastic matrix of shape (n_terms, n_terms).

    The positive pointwise mutual information of two terms occurring in the same row of
    ``matrix`` (a paragraph) is kept for each term's ``n_neighbours`` strongest partners, and each
    row is scaled to sum to 1 (a row with no partner stays empty). Multiplying a document-term
    matrix by it spreads each document's weight onto the words its words keep company with: the
    word co-occurrence that SeaNMF (Shi et al., WWW 2018) adds to NMF so that short texts, which
    share few words, still share topics.

    >>> m = sp.csr_matrix([[1, 1, 0], [1, 1, 0], [0, 0, 1], [0, 1, 1]])
    >>> cooccurrence_smoother(m).toarray().round(2).tolist()
    [[0.0, 1.0, 0.0], [1.0, 0.0, 0.0], [0.0, 0.0, 0.0]]
    """
    present = (sp.csc_matrix(matrix) != 0).astype(np.float32)
    n_rows, n_terms = present.shape
    df = np.asarray(present.sum(axis=0)).ravel()
    kept = []
    # Terms in blocks: the co-occurrence counts of a block's terms with every term are built,
    # reduced to each term's strongest partners and freed before the next block.
    for first in range(0, n_terms, _TERM_BLOCK):
        joint = (present[:, first : first + _TERM_BLOCK].T @ present).tocoo()
        rows, cols, counts = joint.row + first, joint.col, joint.data
        off = rows != cols
        rows, cols, counts = rows[off], cols[off], counts[off]
        pmi = np.log(counts * n_rows / (df[rows] * df[cols]))
        positive = pmi > 0
        rows, cols, pmi = rows[positive], cols[positive], pmi[positive]
        # The n_neighbours largest per row: sort by row, then by decreasing PMI, keep the first ranks.
        order = np.lexsort((-pmi, rows))
        rows, cols, pmi = rows[order], cols[order], pmi[order]
        starts = np.searchsorted(rows, rows, side="left")
        keep = (np.arange(len(rows)) - starts) < n_neighbours
        kept.append((pmi[keep], rows[keep], cols[keep]))
    values, rows, cols = (np.concatenate(parts) for parts in zip(*kept)) if kept else ([], [], [])
    smoother = sp.csr_matrix((values, (rows, cols)), shape=(n_terms, n_terms))
    totals = np.asarray(smoother.sum(axis=1)).ravel()
    return sp.diags(np.divide(1.0, totals, out=np.zeros_like(totals), where=totals > 0)) @ smoother


_TERM_BLOCK = 2000
"""Terms whose co-occurrence counts :func:`cooccurrence_smoother` holds at once (bounds its memory)."""

SMOOTHED_TERMS = 1000
"""Terms a smoothed text keeps (its heaviest): a short text's smoothed vector holds a few hundred,
a long article's would hold thousands, which slow the fit tenfold for no better topics."""


def smooth(matrix: sp.spmatrix, smoother: sp.spmatrix, strength: float = 1.0, max_terms: int = SMOOTHED_TERMS) -> sp.csr_matrix:
    """``matrix + strength * matrix @ smoother``, each row cut to its ``max_terms`` heaviest terms
    and scaled to unit length (zero rows stay zero).

    >>> m = sp.csr_matrix([[1.0, 0.0, 0.0], [0.0, 0.0, 0.0]])
    >>> s = sp.csr_matrix([[0.0, 1.0, 0.0], [1.0, 0.0, 0.0], [0.0, 0.0, 0.0]])
    >>> smooth(m, s).toarray().round(3).tolist()
    [[0.707, 0.707, 0.0], [0.0, 0.0, 0.0]]
    """
    from sklearn.preprocessing import normalize

    matrix = sp.csr_matrix(matrix)
    blocks = []
    # Rows in blocks: a long article's row is dense before it is cut, so the uncut product of a
    # whole corpus would hold hundreds of megabytes at once.
    for first in range(0, matrix.shape[0], _ROW_BLOCK):
        rows = matrix[first : first + _ROW_BLOCK]
        out = sp.csr_matrix(rows + strength * (rows @ smoother))
        lengths = np.diff(out.indptr)
        if (lengths > max_terms).any():
            keep = np.ones(out.nnz, dtype=bool)
            for row in np.flatnonzero(lengths > max_terms):
                start, end = out.indptr[row], out.indptr[row + 1]
                lightest = np.argpartition(-out.data[start:end], max_terms)[max_terms:]
                keep[start + lightest] = False
            out.data[~keep] = 0
            out.eliminate_zeros()
        blocks.append(out)
    return normalize(sp.vstack(blocks, format="csr") if blocks else matrix)


_ROW_BLOCK = 500
"""Rows :func:`smooth` computes at once (bounds its memory)."""


MIN_ARTICLE_UNITS = 20
"""With at least this many articles, the topic model is fitted on whole articles (headline and body);
with fewer, on body paragraphs: a handful of documents cannot hold several topics."""


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


def topic_columns(n_topics: int) -> list[str]:
    """Column names of the topic weights: ``topic_1`` ... ``topic_k``."""
    return [f"topic_{k}" for k in range(1, n_topics + 1)]


UNSTABLE = 0.5
"""Topics whose stability is below this are marked unstable in the reports: on refits, their top
10 terms and their match's overlap by less than a Jaccard of 0.5 (fewer than 7 of 10 terms shared)."""


def per_topic(terms: pd.DataFrame) -> pd.DataFrame:
    """One row per topic of a :meth:`TopicModel.top_terms` table, indexed by ``topic`` in order:
    its ``label`` and ``stability`` (NaN when the table has none)."""
    first = terms.drop_duplicates("topic").sort_values("topic").set_index("topic")
    return pd.DataFrame({"label": first["label"] if "label" in first else "", "stability": first.get("stability", np.nan)})


def topic_labels(terms: pd.DataFrame) -> list[str]:
    """Each topic's label ("1: tax, budget, rate"), in topic order, from a :meth:`TopicModel.top_terms`
    table; an unstable topic's label says so ("2: oil, opec, crude (unstable)")."""
    topics = per_topic(terms)
    return [f"{label} (unstable)" if s < UNSTABLE else label for label, s in zip(topics["label"], topics["stability"])]


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


def top_terms_table(terms: pd.DataFrame) -> pd.DataFrame:
    """One row per topic: ``topic`` and ``top terms`` (its terms by rank, comma-separated).

    >>> top_terms_table(pd.DataFrame({"topic": [1, 1, 2], "rank": [2, 1, 1], "term": ["b", "a", "c"]}))
       topic top terms
    0      1      a, b
    1      2         c
    """
    ordered = terms.sort_values(["topic", "rank"], kind="stable")
    table = ordered.groupby("topic")["term"].agg(", ".join).rename("top terms").reset_index()
    if "stability" in terms:
        table["stability"] = per_topic(terms)["stability"].round(2).to_numpy()
    return table


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
            token_pattern=_TOKENS,
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
