"""The figures of the corpus report: article sentiment, topic prevalence, time bins and groups.

Each function draws on a given Axes and returns what it drew. The report also draws
:func:`~helpers.figures.article.sentiment_by_topic` and, for groups,
:func:`~helpers.figures.comparison.topic_shares_by_group` and :func:`~helpers.figures.comparison.word_shift`,
which are imported here so that the corpus report finds all its figures in this module.
"""

import math
import warnings

import matplotlib as mpl
import numpy as np
import pandas as pd
from matplotlib.lines import Line2D
from matplotlib.patches import Patch
from matplotlib.ticker import MaxNLocator

from helpers.figures.article import sentiment_by_topic
from helpers.figures.base import (
    NEGATIVE,
    NO_TERMS,
    POSITIVE,
    TERMS,
    ZERO,
    body_rows,
    matrix,
    positive_int,
    require,
    sign_colours,
    topic_columns,
)
from helpers.figures.comparison import topic_shares_by_group, word_shift
from helpers.figures.ticks import fit_yticks, shorten, wrap

__all__ = [
    "article_sentiment_distribution",
    "topic_prevalence",
    "article_topic_matrix",
    "sentiment_over_time",
    "topics_over_time",
    "group_means",
    "pairwise_differences",
    "sentiment_by_topic",
    "topic_shares_by_group",
    "word_shift",
]

_THIN_NOTE = "hollow: thin (fewer than {thin} articles)"


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
    require(articles, ("compound_mean",), "articles")
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
        weights = body_rows(paragraphs)[topic_columns(paragraphs, topic_labels, "paragraphs")].dropna(how="all")
    means = weights.mean().to_numpy(dtype=float)
    order = np.argsort(-np.nan_to_num(means, nan=-1), kind="stable")
    y = np.arange(len(order))
    bars = ax.barh(y, means[order], color=TERMS)
    ax.bar_label(bars, fmt="%.2f", padding=2, fontsize="small")
    ax.set_ylim(len(order) - 0.5, -0.5)
    fit_yticks(ax, y, [wrap(topic_labels[i], 24, max_lines=2) for i in order], lines=2)
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
    require(paragraphs, ("article_id",), "paragraphs")
    positive_int(max_rows, "max_rows")
    columns = topic_columns(paragraphs, topic_labels, "paragraphs")
    means = body_rows(paragraphs).groupby("article_id", sort=True)[columns].mean()
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
    im = matrix(ax, values, topic_labels, "Mean topic weight per article")
    edges = np.cumsum([0, *rows_per_group])
    for edge in edges[1:-1]:
        ax.axhline(edge - 0.5, color="white", lw=1)
    if n > max_rows:  # tick each group at its centre (crowded ones are skipped at draw time)
        names = [f"topic {dominant[g[0]] + 1}" if dominant[g[0]] < k else "no terms" for g in groups]
        fit_yticks(ax, (edges[:-1] + edges[1:] - 1) / 2, [f"{name} ({len(g)})" for name, g in zip(names, groups)], min_size=8)
    else:
        fit_yticks(ax, np.arange(n), [shorten(s, 24) for s in ids], min_size=8)
    ax.set_ylabel(ylabel)
    return im


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
    require(table, ("bin", "n", "mean", "ci_low", "ci_high", "thin"), "table")
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
    columns = topic_columns(shares, topic_labels, "shares")
    values = shares[columns].to_numpy(dtype=float).T
    cmap = mpl.colormaps["viridis"].with_extremes(bad=NO_TERMS)
    im = ax.imshow(np.ma.masked_invalid(values), aspect="auto", cmap=cmap, vmin=0, interpolation="nearest")
    ax.figure.colorbar(im, ax=ax).set_label("topic share (mean article weight)")
    fit_yticks(ax, np.arange(len(columns)), [shorten(t, 32) for t in topic_labels], min_size=7)
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
    fit_yticks(ax, y, [shorten(lab, 40) for lab in labels], max_labels=60, min_size=6)
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
    require(table, ("group", "n", "mean", "ci_low", "ci_high", "thin"), "table")
    colours = sign_colours(table["mean"].to_numpy(dtype=float))
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
    require(table, ("a", "b", "difference", "ci_low", "ci_high", "significant"), "table")
    colours = sign_colours(table["difference"].to_numpy(dtype=float))
    labels = [f"{a} - {b}" for a, b in zip(table["a"], table["b"])]
    points = _forest(
        ax, labels, table["difference"], table["ci_low"], table["ci_high"], ~table["significant"].to_numpy(dtype=bool), colours
    )
    ax.set(xlabel="difference in mean article compound score, 95% bootstrap interval")
    ax.set_title("Pairwise differences (filled: significant after Benjamini-Hochberg)", loc="left", fontsize="medium")
    return points
