"""Plotting functions: each draws on a given Axes and returns what it drew.

The notebook owns the figure (size, layout, saving); nothing here reads or writes files, and only
:func:`top_terms_grid` creates a figure. Colours are colour-blind safe: Okabe-Ito blue for positive,
vermillion for negative, grey for zero; viridis for weights, light grey for paragraphs with no terms
of the topic vocabulary. Long tick labels are wrapped, truncated, rotated or thinned to fit.

>>> fig, ax = plt.subplots(figsize=(9, 4), layout="constrained")          # doctest: +SKIP
>>> drawn = sentiment_arc(ax, paragraphs[paragraphs.article_id == SEED_ID])  # doctest: +SKIP
"""

import math
import textwrap
import warnings
from itertools import cycle

import matplotlib as mpl
import numpy as np
import pandas as pd
from matplotlib.font_manager import FontProperties
from matplotlib.lines import Line2D
from matplotlib.patches import Patch
from matplotlib.textpath import text_to_path
from matplotlib.ticker import FuncFormatter, Locator, MaxNLocator

from helpers.measures.smoothing import rolling_mean

__all__ = [
    "POSITIVE",
    "NEGATIVE",
    "ZERO",
    "NO_TERMS",
    "sentiment_arc",
    "topic_heatmap",
    "top_terms",
    "top_terms_grid",
    "sentiment_by_topic",
    "article_sentiment_distribution",
    "topic_prevalence",
    "article_topic_matrix",
    "correlation_bars",
    "sentiment_over_time",
    "topics_over_time",
    "group_means",
    "pairwise_differences",
    "topic_shares_by_group",
    "word_shift",
    "sentiment_distributions",
    "mean_arcs",
]

POSITIVE, NEGATIVE, ZERO = "#0072B2", "#D55E00", "#999999"  # Okabe-Ito blue, vermillion, grey
NO_TERMS = "#DDDDDD"  # paragraphs whose topic weights are all NaN
MAX_POINTS = 300  # points drawn per topic in sentiment_by_topic (a fixed random sample beyond)
LOWPASS = "#CC79A7"  # Okabe-Ito reddish purple: the low-pass curve of the sentiment arc
TERMS = "#009E73"  # Okabe-Ito bluish green: topic-term bars, not a sentiment
_CHAR_W, _LINE_H = 0.58, 1.3  # text width per character and line height, in font sizes


# ---------------------------------------------------------------------------- small helpers
def _require(df, columns, name):
    missing = [c for c in columns if c not in df.columns]
    if missing:
        raise ValueError(f"{name} is missing required column {missing[0]!r} (needs {list(columns)}); has {list(df.columns)}")


def _positive_int(value, name):
    if isinstance(value, bool) or not isinstance(value, (int, np.integer)) or value < 1:
        raise ValueError(f"{name} must be a positive int; got {value!r}")


def _body(paragraphs):
    """Body rows only, when the table still has its ``kind`` column."""
    return paragraphs[paragraphs["kind"].eq("body")] if "kind" in paragraphs else paragraphs


def _topic_columns(weights_table, topic_labels, name):
    columns = [f"topic_{i}" for i in range(1, len(topic_labels) + 1)]
    if not columns:
        raise ValueError("topic_labels must name at least one topic; got []")
    _require(weights_table, columns, name)
    return columns


def _wrap(label, width=18, max_lines=3):
    return "\n".join(textwrap.wrap(str(label), width, max_lines=max_lines, placeholder="…") or [""])


def _shorten(label, n):
    label = " ".join(str(label).split())
    return label if len(label) <= n else label[: n - 1].rstrip() + "…"


def _sign_colours(values):
    return [POSITIVE if v > 0 else NEGATIVE if v < 0 else ZERO for v in values]


def _axes_inches(ax):
    fig_w, fig_h = ax.figure.get_size_inches()
    box = ax.get_position()
    return box.width * fig_w, box.height * fig_h


def _points(size):
    """A font size ('small', 'large', 9, ...) in points."""
    return FontProperties(size=size).get_size_in_points()


def _tick_size(axis):
    return _points(mpl.rcParams[f"{axis}tick.labelsize"])


def _text_inches(text, size):
    """Width in inches of the widest line of ``text`` at ``size`` points, as Agg renders it."""
    prop = FontProperties(size=size)
    return max(text_to_path.get_text_width_height_descent(line, prop, ismath=False)[0] for line in str(text).split("\n")) / 72


def _fit_xticks(ax, positions, labels, *, room=0.8):
    """Horizontal labels wrapped to 18, then 12 characters a line, when they fit; else rotated
    with as many lines of up to 24 characters as fit side by side; thinned only when not even
    one line fits. A label may be a ``(text, suffix)`` pair: the suffix keeps its own line.
    """
    pairs = [lab if isinstance(lab, tuple) else (lab, "") for lab in labels]
    size = _tick_size("x")
    slot = room * _axes_inches(ax)[0] / max(len(pairs), 1)
    for width, lines in ((18, 3), (12, 4)):
        text = ["\n".join(filter(None, (_wrap(t, width, lines), s))) for t, s in pairs]
        if max(_text_inches(t, size) for t in text) <= slot:
            return ax.set_xticks(positions, text)
    line_h = _LINE_H * size / 72
    fit = int(slot / line_h)
    step, fit = (1, fit) if fit else (math.ceil(line_h / slot), 1)
    text = [
        _wrap(t, 24, fit) if not s else f"{_shorten(t, 23 - len(s))} {s}" if fit == 1 else f"{_wrap(t, 24, fit - 1)}\n{s}" for t, s in pairs
    ]
    return ax.set_xticks(positions[::step], text[::step], rotation=90)


class _SpacedLocator(Locator):
    """Of fixed tick positions, keep (greedily, at draw time) those a label height apart."""

    def __init__(self, positions, label_inches, max_labels=40):
        self.positions, self.label_inches, self.max_labels = positions, label_inches, max_labels

    def __call__(self):
        ax, (lo, hi) = self.axis.axes, sorted(self.axis.get_view_interval())
        length = ax.get_window_extent().height / ax.figure.dpi  # inches, final layout
        gap = max(self.label_inches, length / self.max_labels) * abs(hi - lo) / max(length, 1e-9)
        kept, last = [], -np.inf
        for position in sorted(self.positions):
            if position - last >= gap * 0.999:
                kept.append(position)
                last = position
        return kept


def _fit_yticks(ax, positions, labels, *, lines=1, max_labels=40, min_size=6.0):
    """Shrink the font (down to ``min_size``) to fit every label; whatever still does not fit
    is thinned at draw time, when the axes has its final height."""
    slot = 0.9 * _axes_inches(ax)[1] / max(len(labels), 1)
    size = max(min_size, min(_tick_size("y"), slot * 72 / (lines * _LINE_H)))
    text = {float(p): str(t) for p, t in zip(positions, labels)}
    ax.yaxis.set_major_locator(_SpacedLocator(list(text), lines * _LINE_H * size / 72, max_labels))
    ax.yaxis.set_major_formatter(FuncFormatter(lambda y, _: text.get(float(y), "")))
    ax.tick_params(axis="y", labelsize=size)


def _matrix(ax, values, topic_labels, title):
    """imshow a rows x topics weight matrix with NaN rows in NO_TERMS and a colour bar."""
    cmap = mpl.colormaps["viridis"].with_extremes(bad=NO_TERMS)  # set_bad, non-mutating
    data = np.ma.masked_invalid(np.asarray(values, dtype=float))
    im = ax.imshow(data, aspect="auto", cmap=cmap, vmin=0, vmax=1, interpolation="nearest")
    _fit_xticks(ax, np.arange(data.shape[1]), list(topic_labels))  # before the colour bar
    ax.figure.colorbar(im, ax=ax).set_label("topic weight")
    ax.set_xlabel("topic")
    if not np.ma.getmaskarray(data).all(axis=1).any():
        ax.set_title(title, loc="left")
    elif _axes_inches(ax)[0] > (
        _text_inches(title, _points(mpl.rcParams["axes.titlesize"])) + _text_inches("no topic terms", _points("small")) + 0.45
    ):
        ax.set_title(title, loc="left")  # and the swatch above the right end, clear of it
        ax.legend(
            handles=[Patch(color=NO_TERMS, label="no topic terms")],
            fontsize="small",
            loc="lower right",
            bbox_to_anchor=(1, 1),
            borderaxespad=0.2,
            frameon=False,
        )
    else:  # too narrow for both on one line
        ax.set_title(f"{title}\n(light grey: no topic terms)", loc="left")
    return im


# ---------------------------------------------------------------------------- one article
def sentiment_arc(ax, paragraphs, *, window=3, lowpass=None, lowpass_label="low-pass"):
    """Bar per body paragraph coloured by sign, a centred rolling mean and the headings.

    Parameters
    ----------
    ax : matplotlib.axes.Axes
    paragraphs : DataFrame
        Rows of ONE article with columns ``position``, ``kind`` ('body' or 'heading'), ``text``
        and ``compound``; any order (sorted by ``position`` here).
    window : int, default=3
        Paragraphs in the centred rolling mean (``rolling(window, center=True,
        min_periods=1)``, so the edges average the shorter window available).
    lowpass : array-like, optional
        A second smoothed curve, one value per body paragraph (e.g.
        :func:`helpers.measures.smoothing.dct_lowpass`), drawn dashed and labelled ``lowpass_label``.

    Returns
    -------
    dict
        ``bars`` (BarContainer, one bar per body paragraph, x = 1..n), ``line`` (Line2D of the
        rolling mean), ``headings`` (list of Line2D, one per heading position) and
        ``heading_labels`` (list of Text).
    """
    _require(paragraphs, ("position", "kind", "text", "compound"), "paragraphs")
    _positive_int(window, "window")
    article = paragraphs["article_id"].unique() if "article_id" in paragraphs else [None]
    if len(article) > 1:
        raise ValueError(f"paragraphs must hold ONE article; got {len(article)} article_ids")
    rows = paragraphs.sort_values("position", kind="stable")
    is_body = rows["kind"].eq("body").to_numpy()
    if not is_body.any():
        raise ValueError("paragraphs must contain at least one 'body' row; got none")
    y = rows.loc[is_body, "compound"].to_numpy(dtype=float)
    x = np.arange(1, len(y) + 1)
    bars = ax.bar(x, y, width=0.8, color=_sign_colours(y))
    smooth = rolling_mean(y, window)
    (line,) = ax.plot(x, smooth, color="black", lw=2, marker="o", ms=3)
    low = None
    if lowpass is not None:
        lowpass = np.asarray(lowpass, dtype=float)
        if lowpass.shape != y.shape:
            raise ValueError(f"lowpass must have one value per body paragraph ({len(y)}); got {lowpass.shape[0]}")
        (low,) = ax.plot(x, lowpass, color=LOWPASS, lw=2, ls=(0, (4, 2)))
    ax.axhline(0, color="black", lw=0.8)

    # a heading after k body paragraphs sits at x = k + 0.5; consecutive headings share a line
    after = np.cumsum(is_body)[~is_body]
    headings = pd.Series(rows.loc[~is_body, "text"].astype(str).to_numpy(), index=after)
    n_chars = max(12, int(0.85 * _axes_inches(ax)[1] * 72 / (_CHAR_W * _points("small"))))
    heading_lines, heading_labels = [], []
    for k, texts in headings.groupby(level=0, sort=True):
        heading_lines.append(ax.axvline(k + 0.5, color="#444444", ls="--", lw=1))
        left = k > 0  # label left of the line, except before the first paragraph
        heading_labels.append(
            ax.text(
                k + (0.45 if left else 0.55),
                0.98,
                _shorten(" / ".join(texts), n_chars),
                rotation=90,
                ha="right" if left else "left",
                parse_math=False,
                va="top",
                fontsize="small",
                transform=ax.get_xaxis_transform(),
                bbox=dict(facecolor="white", alpha=0.75, edgecolor="none", pad=1),
            )
        )

    ax.set(xlim=(0.4, len(y) + 0.6), ylim=(-1, 1), xlabel="body paragraph", ylabel="compound score")
    ax.xaxis.set_major_locator(MaxNLocator(integer=True))
    ax.set_title("Sentiment by paragraph" + (f": {article[0]}" if article[0] else ""), parse_math=False)
    handles = [
        Patch(color=POSITIVE, label="positive"),
        Patch(color=NEGATIVE, label="negative"),
        Patch(color=ZERO, label="zero"),
        Line2D([], [], color="black", lw=2, marker="o", ms=3, label=f"rolling mean ({window} paragraphs,\ncentred; shorter at the edges)"),
        Line2D([], [], color="#444444", ls="--", lw=1, label="section heading"),
    ]
    if low is not None:
        handles.insert(4, Line2D([], [], color=LOWPASS, lw=2, ls=(0, (4, 2)), label=lowpass_label))
    ax.legend(handles=handles, loc="upper left", bbox_to_anchor=(1.01, 1), borderaxespad=0, fontsize="small")
    return {"bars": bars, "line": line, "lowpass": low, "headings": heading_lines, "heading_labels": heading_labels}


def topic_heatmap(ax, weights, topic_labels):
    """Heatmap of paragraphs x topic weights; paragraphs with no topic terms in light grey.

    Parameters
    ----------
    ax : matplotlib.axes.Axes
    weights : DataFrame of shape (n_paragraphs, n_topics)
        Index = paragraph labels ('¶1', ...), values in [0, 1]; all-NaN rows are 'no terms'.
    topic_labels : list of str, length n_topics
        x tick labels (wrapped to 18 characters a line).

    Returns
    -------
    matplotlib.image.AxesImage
    """
    if len(topic_labels) != weights.shape[1]:
        raise ValueError(f"topic_labels must have one label per column of weights ({weights.shape[1]}); got {len(topic_labels)}")
    im = _matrix(ax, weights.to_numpy(dtype=float), topic_labels, "Topic weights by paragraph")
    rows = [_shorten(s, 20) for s in weights.index]
    _fit_yticks(ax, np.arange(len(rows)), rows, min_size=8)
    ax.set_ylabel("paragraph")
    return im


# ---------------------------------------------------------------------------- topic model
def top_terms(axes, topic_terms, *, n_terms=8):
    """One horizontal bar chart per topic of its heaviest terms, heaviest on top.

    Parameters
    ----------
    axes : sequence of Axes
        At least one per topic, in topic order; the extra ones are turned off.
    topic_terms : DataFrame
        ``topic_terms.parquet``: columns ``topic``, ``rank``, ``term``, ``weight`` (``label``
        is not needed).
    n_terms : int, default=8
        Terms drawn per topic.

    Returns
    -------
    list of BarContainer, one per topic
    """
    _require(topic_terms, ("topic", "rank", "term", "weight"), "topic_terms")
    _positive_int(n_terms, "n_terms")
    axes = list(np.ravel(axes))
    topics = sorted(topic_terms["topic"].dropna().unique())
    if len(axes) < len(topics):
        raise ValueError(f"axes must hold at least one Axes per topic ({len(topics)}); got {len(axes)}")
    containers = []
    for ax, topic in zip(axes, topics):
        terms = topic_terms[topic_terms["topic"] == topic].sort_values(["weight", "rank"], ascending=[False, True]).head(n_terms)
        y = np.arange(len(terms))
        containers.append(ax.barh(y, terms["weight"].to_numpy(dtype=float), color=TERMS))
        ax.set_ylim(len(terms) - 0.5, -0.5)  # heaviest (row 0) on top
        _fit_yticks(ax, y, [_shorten(t, 22) for t in terms["term"]], max_labels=n_terms)
        ax.xaxis.set_major_locator(MaxNLocator(nbins=3))
        ax.set(title=f"Topic {int(topic)}", xlabel="weight")
    for ax in axes[len(topics) :]:
        ax.set_axis_off()
    return containers


def top_terms_grid(n_topics, *, ncols=3, panel_size=(3.2, 2.6)):
    """A constrained-layout figure with one panel per topic, for :func:`top_terms`.

    Parameters
    ----------
    n_topics : int
    ncols : int, default=3
        Panels per row (fewer when there are fewer topics).
    panel_size : (float, float), default=(3.2, 2.6)
        Width and height of one panel in inches.

    Returns
    -------
    fig : Figure
    axes : ndarray of Axes, flat, of length >= n_topics
    """
    import matplotlib.pyplot as plt  # the one function allowed to create a figure

    _positive_int(n_topics, "n_topics")
    _positive_int(ncols, "ncols")
    ncols = min(ncols, n_topics)
    nrows = math.ceil(n_topics / ncols)
    fig, axes = plt.subplots(nrows, ncols, squeeze=False, layout="constrained", figsize=(ncols * panel_size[0], nrows * panel_size[1]))
    return fig, axes.ravel()


def sentiment_by_topic(ax, paragraphs, topic_labels):
    """Box plot plus jittered points of paragraph compound scores per dominant topic.

    Parameters
    ----------
    ax : matplotlib.axes.Axes
    paragraphs : DataFrame
        Body rows with ``compound`` and ``topic`` (nullable Int 1..k); rows without a topic
        are left out and counted in the title.
    topic_labels : list of str, length k

    Returns
    -------
    dict
        ``boxplot`` (dict from ``Axes.boxplot``, or None when no topic has paragraphs),
        ``points`` (PathCollection), ``zero_line`` (Line2D).
    """
    _require(paragraphs, ("compound", "topic"), "paragraphs")
    body = _body(paragraphs)
    kept = body.dropna(subset=["topic", "compound"])
    topics = kept["topic"].astype(int).to_numpy()
    k = len(topic_labels)
    if ((topics < 1) | (topics > k)).any():
        raise ValueError(f"topic must be between 1 and len(topic_labels) ({k}); got {sorted(set(topics[(topics < 1) | (topics > k)]))}")
    compound = kept["compound"].to_numpy(dtype=float)
    groups = {t: compound[topics == t] for t in range(1, k + 1)}
    filled = [t for t, g in groups.items() if len(g)]
    box, grey = None, "#444444"
    if filled:
        box = ax.boxplot(
            [groups[t] for t in filled],
            positions=filled,
            widths=0.5,
            showfliers=False,
            manage_ticks=False,
            zorder=4,
            medianprops=dict(color="black", lw=2),
            boxprops=dict(color="black", lw=1.2),
            whiskerprops=dict(color=grey),
            capprops=dict(color=grey),
        )
    # Large corpora: a fixed random sample of points per topic, fainter, so the boxes stay readable.
    rng = np.random.default_rng(0)
    shown = np.concatenate(
        [rng.permutation(np.flatnonzero(topics == t))[:MAX_POINTS] for t in range(1, k + 1)] or [np.array([], dtype=int)]
    ).astype(int)
    shown.sort()
    jitter = rng.uniform(-0.15, 0.15, len(shown))
    crowded = len(shown) < len(topics) or len(shown) > MAX_POINTS
    points = ax.scatter(
        topics[shown] + jitter,
        compound[shown],
        s=8 if crowded else 12,
        alpha=0.35 if crowded else 0.7,
        zorder=3,
        c=_sign_colours(compound[shown]),
        edgecolors="none",
    )
    zero = ax.axhline(0, color="black", lw=0.8)
    ax.set(xlim=(0.4, k + 0.6), ylim=(-1.05, 1.05), xlabel="dominant topic", ylabel="paragraph compound score")
    _fit_xticks(ax, np.arange(1, k + 1), [(lab, f"(n={len(groups[t])})") for t, lab in zip(range(1, k + 1), topic_labels)])
    dropped = {
        "without topic terms": int(body["topic"].isna().sum()),
        "without a score": int((body["topic"].notna() & body["compound"].isna()).sum()),
    }
    note = "; ".join(f"{n} paragraph{'s' * (n != 1)} {why}" for why, n in dropped.items() if n)
    ax.set_title("Paragraph sentiment by dominant topic" + (f"\n({note} left out)" if note else ""))
    return {"boxplot": box, "points": points, "zero_line": zero}


# ---------------------------------------------------------------------------- corpus
def article_sentiment_distribution(ax, articles):
    """Histogram of the articles' ``compound_mean`` over [-1, 1] with the corpus mean marked.

    Parameters
    ----------
    ax : matplotlib.axes.Axes
    articles : DataFrame
        ``articles.parquet`` rows with ``compound_mean``; rows whose ``status`` (if present) is
        not 'ok' and missing means are left out. One article is drawn as one bar, annotated.

    Returns
    -------
    dict
        ``bars`` (BarContainer), ``mean_line`` (Line2D), ``annotation`` (Text or None).
    """
    _require(articles, ("compound_mean",), "articles")
    if "status" in articles:
        articles = articles[articles["status"].eq("ok")]
    values = articles["compound_mean"].dropna().to_numpy(dtype=float)
    if not len(values):
        raise ValueError("articles must have at least one non-missing compound_mean; got none")
    edges = np.linspace(-1, 1, 41)
    _, _, bars = ax.hist(values, bins=edges, edgecolor="white", linewidth=0.5)
    for patch, centre in zip(bars.patches, (edges[:-1] + edges[1:]) / 2):
        patch.set_facecolor(POSITIVE if centre > 0 else NEGATIVE)
    mean = values.mean()
    line = ax.axvline(mean, color="black", ls="--", lw=1.5, label=f"corpus mean = {mean:+.3f}\n(mean of article means)")
    note = None
    if len(values) == 1:
        note = ax.annotate(
            f"only one article\ncompound_mean = {mean:+.3f}",
            (mean, 0.5),
            xytext=(0.5 if mean < 0 else -0.5, 0.5),
            ha="center",
            va="center",
            arrowprops=dict(arrowstyle="->", color="#444444"),
        )
    ax.set(
        xlim=(-1, 1),
        xlabel="article mean compound score",
        ylabel="articles",
        title=f"Article sentiment ({len(values)} article{'s' * (len(values) != 1)})",
    )
    ax.yaxis.set_major_locator(MaxNLocator(integer=True))
    ax.legend(loc="best", fontsize="small")
    return {"bars": bars, "mean_line": line, "annotation": note}


def topic_prevalence(ax, paragraphs, topic_labels):
    """Horizontal bars of each topic's mean weight over body paragraphs, largest on top.

    Parameters
    ----------
    ax : matplotlib.axes.Axes
    paragraphs : DataFrame or Series
        Rows with ``topic_1`` ... ``topic_k`` (only ``kind == 'body'`` if ``kind`` is present);
        rows whose weights are all NaN (no topic terms) are left out. Or the means themselves, one
        per topic (:func:`helpers.corpus.aggregates.topic_means`).
    topic_labels : list of str, length k

    Returns
    -------
    BarContainer
    """
    if isinstance(paragraphs, pd.Series):  # the means, aggregated already (over a corpus's parts)
        weights = paragraphs.to_frame().T
    else:
        weights = _body(paragraphs)[_topic_columns(paragraphs, topic_labels, "paragraphs")].dropna(how="all")
    means = weights.mean().to_numpy(dtype=float)
    order = np.argsort(-np.nan_to_num(means, nan=-1), kind="stable")
    y = np.arange(len(order))
    bars = ax.barh(y, means[order], color=TERMS)
    ax.bar_label(bars, fmt="%.2f", padding=2, fontsize="small")
    ax.set_ylim(len(order) - 0.5, -0.5)
    _fit_yticks(ax, y, [_wrap(topic_labels[i], 24, max_lines=2) for i in order], lines=2)
    top = np.nanmax(means) if len(weights) else 1.0
    ax.set(
        xlim=(0, 1.18 * top),
        xlabel="mean topic weight",
        ylabel="topic",
        title=f"Topic prevalence\n({len(weights)} body paragraphs with topic terms)",
    )
    return bars


def article_topic_matrix(ax, paragraphs, topic_labels, *, max_rows=60):
    """Articles x topics heatmap of the articles' topic weights, grouped by dominant topic.

    Articles are ordered by dominant topic ('no terms' last), then by that topic's weight, with
    a white line between groups. With more than ``max_rows`` articles each group is averaged
    into consecutive bins (about ``max_rows`` in all, in proportion to the group sizes, at
    least one per group), said in the y label, and the y ticks name the groups.

    Parameters
    ----------
    ax : matplotlib.axes.Axes
    paragraphs : DataFrame
        Rows with ``article_id`` and ``topic_1`` ... ``topic_k``: the articles table (one row per
        article: its own weights), or paragraphs (each article's body rows are averaged).
    topic_labels : list of str, length k
    max_rows : int, default=60
        Most rows drawn before articles are averaged into bins.

    Returns
    -------
    matplotlib.image.AxesImage
    """
    _require(paragraphs, ("article_id",), "paragraphs")
    _positive_int(max_rows, "max_rows")
    columns = _topic_columns(paragraphs, topic_labels, "paragraphs")
    means = _body(paragraphs).groupby("article_id", sort=True)[columns].mean()
    if means.empty:
        raise ValueError("paragraphs must contain at least one body row; got none")
    values, k = means.to_numpy(dtype=float), len(columns)
    dominant = np.where(np.isnan(values).all(axis=1), k, np.argmax(np.nan_to_num(values, nan=-1), axis=1))
    order = np.lexsort((-np.nan_to_num(values, nan=0).max(axis=1), dominant))
    values, dominant, ids, n = values[order], dominant[order], means.index[order], len(order)
    groups = np.split(np.arange(n), np.flatnonzero(np.diff(dominant)) + 1)
    rows_per_group = [len(g) for g in groups]
    ylabel = "article (by dominant topic)"
    if n > max_rows:
        quota = np.array(rows_per_group) * max_rows / n
        n_bins = np.maximum(1, np.floor(quota)).astype(int)
        while n_bins.sum() < max_rows:  # largest remainder first
            n_bins[np.argmax(quota - n_bins)] += 1
        bins = [b for g, m in zip(groups, n_bins) for b in np.array_split(g, min(m, len(g)))]
        rows_per_group = [min(m, len(g)) for g, m in zip(groups, n_bins)]
        with warnings.catch_warnings():  # bins of 'no terms' articles average to NaN
            warnings.simplefilter("ignore", RuntimeWarning)
            values = np.array([np.nanmean(values[b], axis=0) for b in bins])
        ylabel = f"{n} articles by dominant topic,\naveraged in {len(bins)} bins of ~{n / len(bins):.0f}"
    im = _matrix(ax, values, topic_labels, "Mean topic weight per article")
    edges = np.cumsum([0, *rows_per_group])
    for edge in edges[1:-1]:
        ax.axhline(edge - 0.5, color="white", lw=1)
    if n > max_rows:  # tick each group at its centre (crowded ones are skipped at draw time)
        names = [f"topic {dominant[g[0]] + 1}" if dominant[g[0]] < k else "no terms" for g in groups]
        _fit_yticks(ax, (edges[:-1] + edges[1:] - 1) / 2, [f"{name} ({len(g)})" for name, g in zip(names, groups)], min_size=8)
    else:
        _fit_yticks(ax, np.arange(n), [_shorten(s, 24) for s in ids], min_size=8)
    ax.set_ylabel(ylabel)
    return im


def correlation_bars(ax, series):
    """Grouped bars of correlations with their intervals, one group per rating set.

    Parameters
    ----------
    ax : matplotlib.axes.Axes
    series : dict of str to DataFrame
        Legend label -> one row per set (the index, in the same order for every series), with
        column ``r`` and, optionally, ``ci_low`` and ``ci_high`` (drawn as error bars).

    Returns
    -------
    list of BarContainer
    """
    if not series:
        raise ValueError("series must name at least one set of correlations")
    names = list(next(iter(series.values())).index)
    x = np.arange(len(names))
    width = 0.8 / len(series)
    colours = [ZERO, POSITIVE, NEGATIVE, LOWPASS, TERMS]
    drawn = []
    for i, (label, frame) in enumerate(series.items()):
        frame = frame.loc[names]
        errors = None
        if {"ci_low", "ci_high"} <= set(frame.columns):
            errors = [frame["r"] - frame["ci_low"], frame["ci_high"] - frame["r"]]
        offset = (i - (len(series) - 1) / 2) * width
        drawn.append(ax.bar(x + offset, frame["r"], width * 0.95, yerr=errors, label=label, color=colours[i % len(colours)], capsize=2))
    ax.set_xticks(x, names)
    ax.set(ylabel="Pearson r with human rating", ylim=(0, 1))
    ax.legend(loc="upper right", fontsize=8)
    return drawn


# ---------------------------------------------------------------------------- time and groups
SIDES = (POSITIVE, NEGATIVE)  # the two sides of a comparison: blue, vermillion
_THIN_NOTE = "hollow: thin (fewer than {thin} articles)"


def _date_ticks(ax, labels, max_labels=12):
    """At most ``max_labels`` of the bin labels, evenly spaced, rotated when long."""
    step = max(1, math.ceil(len(labels) / max_labels))
    positions = np.arange(len(labels))[::step]
    ax.set_xticks(positions, [labels[i] for i in positions], rotation=45 if max(map(len, labels), default=0) > 7 else 0, ha="right")


def _bin_axis_label(bins):
    return "week (by its first day)" if any("/" in str(b) for b in bins) else "time bin"


def _bin_labels(bins):
    return [str(b) if "/" not in str(b) else str(b).split("/")[0] for b in bins]


def sentiment_over_time(ax, table, *, thin=5):
    """Mean article sentiment per time bin with its 95% interval, and the articles per bin.

    Parameters
    ----------
    ax : matplotlib.axes.Axes
    table : DataFrame
        :func:`helpers.analysis.groups.sentiment_over_time`: ``bin``, ``n``, ``mean``, ``ci_low``,
        ``ci_high``, ``thin``; one row per bin (empty bins have ``n`` 0 and no mean).
    thin : int, default=5
        The threshold the table's ``thin`` used, for the legend.

    Returns
    -------
    dict
        ``line`` (Line2D of the means; gaps at empty bins), ``band`` (the interval),
        ``points`` (PathCollection: filled, hollow when thin), ``counts`` (BarContainer on the
        lower panel's twin axis).
    """
    _require(table, ("bin", "n", "mean", "ci_low", "ci_high", "thin"), "table")
    x = np.arange(len(table))
    mean = table["mean"].to_numpy(dtype=float)
    band = ax.fill_between(
        x, table["ci_low"].to_numpy(dtype=float), table["ci_high"].to_numpy(dtype=float), color=POSITIVE, alpha=0.2, lw=0
    )
    ax.vlines(x, table["ci_low"].to_numpy(dtype=float), table["ci_high"].to_numpy(dtype=float), color=POSITIVE, lw=1.5, alpha=0.6)
    (line,) = ax.plot(x, mean, color="black", lw=1.2)
    thin_rows = table["thin"].to_numpy(dtype=bool)
    faces = ["white" if t else "black" for t in thin_rows]
    points = ax.scatter(x, mean, s=22, facecolors=faces, edgecolors="black", zorder=3)
    ax.axhline(0, color=ZERO, lw=0.8)
    counts_ax = ax.twinx()
    counts = counts_ax.bar(x, table["n"].to_numpy(dtype=float), color=ZERO, alpha=0.35, width=0.8, zorder=0)
    counts_ax.set_ylim(0, max(1, table["n"].max()) * 4)  # the bars keep to the lower quarter
    counts_ax.set_ylabel("articles per bin (grey bars)")
    counts_ax.yaxis.set_major_locator(MaxNLocator(nbins=3, integer=True))
    ax.set_zorder(counts_ax.get_zorder() + 1)
    ax.patch.set_visible(False)
    _date_ticks(ax, _bin_labels(table["bin"]))
    ax.set(xlim=(-0.6, len(x) - 0.4), ylabel="mean article compound score", xlabel=_bin_axis_label(table["bin"]))
    handles = [
        Line2D([], [], color="black", marker="o", lw=1.2, label="mean"),
        Patch(color=POSITIVE, alpha=0.3, label="95% bootstrap interval"),
        Line2D([], [], color="black", marker="o", mfc="white", lw=0, label=_THIN_NOTE.format(thin=thin)),
    ]
    ax.legend(handles=handles, fontsize="small", loc="lower right", bbox_to_anchor=(1, 1.01), ncol=3, frameon=False, borderaxespad=0)
    ax.set_title("Sentiment over time", loc="left")
    return {"line": line, "band": band, "points": points, "counts": counts}


def topics_over_time(ax, shares, topic_labels):
    """Heatmap of each topic's share (rows) per time bin (columns); reads with 20 topics and 60 bins.

    Parameters
    ----------
    ax : matplotlib.axes.Axes
    shares : DataFrame
        :func:`helpers.analysis.groups.topic_shares` by time bin: index = bins (in order), columns
        ``topic_1`` ... ``topic_k`` (and ``n``, not drawn). Bins absent from the index are not drawn.
    topic_labels : list of str, length k

    Returns
    -------
    matplotlib.image.AxesImage
    """
    columns = _topic_columns(shares, topic_labels, "shares")
    values = shares[columns].to_numpy(dtype=float).T
    cmap = mpl.colormaps["viridis"].with_extremes(bad=NO_TERMS)
    im = ax.imshow(np.ma.masked_invalid(values), aspect="auto", cmap=cmap, vmin=0, interpolation="nearest")
    ax.figure.colorbar(im, ax=ax).set_label("topic share (mean article weight)")
    _fit_yticks(ax, np.arange(len(columns)), [_shorten(t, 32) for t in topic_labels], min_size=7)
    _date_ticks(ax, _bin_labels(shares.index))
    ax.set(xlabel=_bin_axis_label(shares.index), ylabel="topic")
    ax.set_title("Topic shares over time", loc="left")
    return im


def _forest(ax, labels, mean, low, high, hollow, colours):
    y = np.arange(len(labels))
    ax.hlines(y, low, high, color=colours, lw=2)
    points = ax.scatter(mean, y, s=30, zorder=3, facecolors=["white" if h else c for h, c in zip(hollow, colours)], edgecolors=colours)
    ax.axvline(0, color="black", lw=0.8)
    ax.set_ylim(len(labels) - 0.5, -0.5)
    _fit_yticks(ax, y, [_shorten(lab, 40) for lab in labels], max_labels=60, min_size=6)
    return points


def group_means(ax, table, *, thin=5):
    """Forest plot: each group's mean article sentiment with its 95% interval, in the table's order.

    Parameters
    ----------
    ax : matplotlib.axes.Axes
    table : DataFrame
        :func:`helpers.analysis.groups.group_sentiment`: ``group``, ``n``, ``mean``, ``ci_low``, ``ci_high``, ``thin``.

    Returns
    -------
    PathCollection
        The means (hollow when the group is thin).
    """
    _require(table, ("group", "n", "mean", "ci_low", "ci_high", "thin"), "table")
    colours = _sign_colours(table["mean"].to_numpy(dtype=float))
    labels = [f"{g} (n={n})" for g, n in zip(table["group"], table["n"])]
    points = _forest(ax, labels, table["mean"], table["ci_low"], table["ci_high"], table["thin"].to_numpy(dtype=bool), colours)
    ax.set(xlabel="mean article compound score, 95% bootstrap interval")
    total = table.attrs.get("n_groups", len(table))
    shown = f"{len(table)} groups" if total == len(table) else f"the {len(table)} largest of {total} groups"
    ax.set_title(f"Sentiment by group ({shown}; {_THIN_NOTE.format(thin=thin)})", loc="left", fontsize="medium")
    return points


def pairwise_differences(ax, table):
    """Forest plot of the pairwise differences ``a - b`` with their 95% intervals; filled when
    significant after the correction (``significant``), hollow otherwise.

    Parameters
    ----------
    ax : matplotlib.axes.Axes
    table : DataFrame
        :func:`helpers.analysis.groups.pairwise_differences`.

    Returns
    -------
    PathCollection
    """
    _require(table, ("a", "b", "difference", "ci_low", "ci_high", "significant"), "table")
    colours = _sign_colours(table["difference"].to_numpy(dtype=float))
    labels = [f"{a} - {b}" for a, b in zip(table["a"], table["b"])]
    points = _forest(
        ax, labels, table["difference"], table["ci_low"], table["ci_high"], ~table["significant"].to_numpy(dtype=bool), colours
    )
    ax.set(xlabel="difference in mean article compound score, 95% bootstrap interval")
    ax.set_title("Pairwise differences (filled: significant after Benjamini-Hochberg)", loc="left", fontsize="medium")
    return points


def topic_shares_by_group(ax, shares, topic_labels):
    """Heatmap of groups (rows, in the table's order) x each topic's share.

    Parameters
    ----------
    ax : matplotlib.axes.Axes
    shares : DataFrame
        :func:`helpers.analysis.groups.topic_shares` by group: index = groups, ``topic_1`` ... ``topic_k``, ``n``.
    topic_labels : list of str, length k

    Returns
    -------
    matplotlib.image.AxesImage
    """
    columns = _topic_columns(shares, topic_labels, "shares")
    values = shares[columns].to_numpy(dtype=float)
    top = float(np.nanmax(values)) if np.isfinite(values).any() else 1.0
    im = ax.imshow(np.ma.masked_invalid(values), aspect="auto", cmap=mpl.colormaps["viridis"], vmin=0, vmax=top, interpolation="nearest")
    _fit_xticks(ax, np.arange(len(columns)), list(topic_labels))  # before the colour bar
    ax.figure.colorbar(im, ax=ax).set_label("topic share (mean article weight)")
    ax.set_xlabel("topic")
    ax.set_title("Topic shares by group", loc="left")
    names = [f"{g} (n={n})" for g, n in zip(shares.index, shares["n"])] if "n" in shares else list(map(str, shares.index))
    _fit_yticks(ax, np.arange(len(shares)), [_shorten(s, 32) for s in names], max_labels=60, min_size=6)
    ax.set_ylabel("group")
    return im


def word_shift(ax, shift, *, top_n=20, labels=("A", "B")):
    """Word shift graph (Reagan et al. 2017): the words that move the mean VADER valence from A to B.

    One bar per word, its contribution to ``mean_B - mean_A``, the largest on top. Blue: a word
    above A's mean valence; vermillion: below it. Solid: more frequent in B (up arrow); hatched and
    pale: less frequent (down arrow). The total is marked in the title.

    Parameters
    ----------
    ax : matplotlib.axes.Axes
    shift : DataFrame
        :func:`helpers.analysis.groups.word_shift` (sorted by |contribution|, with ``attrs``).
    top_n : int, default=20
    labels : (str, str)
        Names of A and B.

    Returns
    -------
    BarContainer
    """
    _require(shift, ("term", "contribution", "kind"), "shift")
    _positive_int(top_n, "top_n")
    rows = shift.head(top_n)
    y = np.arange(len(rows))
    above = rows["kind"].str.startswith("+").to_numpy()
    up = rows["kind"].str.endswith("up").to_numpy()
    bars = ax.barh(y, rows["contribution"].to_numpy(dtype=float), color=[POSITIVE if a else NEGATIVE for a in above])
    for bar, u in zip(bars, up):
        if not u:
            bar.set_alpha(0.45)
            bar.set_hatch("///")
    ax.set_ylim(len(rows) - 0.5, -0.5)
    _fit_yticks(ax, y, [f"{t} {'↑' if u else '↓'}" for t, u in zip(rows["term"], up)], max_labels=top_n, min_size=7)
    ax.axvline(0, color="black", lw=0.8)
    a, b = (_shorten(x, 30) for x in labels)
    attrs = shift.attrs
    ax.set_xlabel(f"contribution to the difference in mean valence ({b} minus {a})")
    ax.set_title(
        f"Word shift: {a} {attrs.get('mean_a', np.nan):+.3f} -> {b} {attrs.get('mean_b', np.nan):+.3f} "
        f"(difference {attrs.get('difference', np.nan):+.3f})",
        loc="left",
        fontsize="medium",
        parse_math=False,
    )
    handles = [
        Patch(color=POSITIVE, label=f"above {a}'s mean valence"),
        Patch(color=NEGATIVE, label="below it"),
        Patch(facecolor="white", edgecolor="black", hatch="///", label=f"less frequent in {b} (↓)"),
    ]
    ax.legend(handles=handles, fontsize="small", loc="lower right")
    return bars


def sentiment_distributions(ax, values, labels):
    """Two (or more) step histograms of article sentiment, each normalised to its own total, with the means.

    Parameters
    ----------
    ax : matplotlib.axes.Axes
    values : sequence of array-like
        Each side's article ``compound_mean`` values.
    labels : sequence of str

    Returns
    -------
    list of Line2D
        The mean lines.
    """
    edges = np.linspace(-1, 1, 41)
    lines = []
    for v, label, colour in zip(values, labels, cycle(SIDES)):
        v = np.asarray(v, dtype=float)
        v = v[~np.isnan(v)]
        ax.hist(v, bins=edges, histtype="step", lw=2, color=colour, weights=np.full(len(v), 1 / max(len(v), 1)))
        lines.append(
            ax.axvline(
                v.mean() if len(v) else np.nan,
                color=colour,
                ls="--",
                label=f"{_shorten(label, 30)} (n={len(v)}, mean {v.mean() if len(v) else np.nan:+.3f})",
            )
        )
    ax.set(xlim=(-1, 1), xlabel="article mean compound score", ylabel="share of the side's articles")
    ax.legend(fontsize="small", loc="upper left")
    return lines


def mean_arcs(ax, arcs):
    """Mean sentiment arcs (relative position in the article) of several sets of articles, with 95% intervals.

    Parameters
    ----------
    ax : matplotlib.axes.Axes
    arcs : dict of str to DataFrame
        Label -> :func:`helpers.analysis.groups.mean_arc` (``position``, ``mean``, ``ci_low``, ``ci_high``).

    Returns
    -------
    list of Line2D
    """
    lines = []
    for (label, arc), colour in zip(arcs.items(), cycle(SIDES)):
        ax.fill_between(arc["position"], arc["ci_low"], arc["ci_high"], color=colour, alpha=0.2, lw=0)
        lines += ax.plot(arc["position"], arc["mean"], color=colour, marker="o", ms=3, label=_shorten(label, 40))
    ax.axhline(0, color="black", lw=0.8)
    ax.set(xlim=(0, 1), xlabel="relative position in the article (0 = first paragraph, 1 = last)", ylabel="mean paragraph compound score")
    ax.legend(fontsize="small")
    return lines
