"""The figures of the article report: one article's sentiment arc and topic weights, the topic model's terms.

Each function draws on a given Axes and returns what it drew; only :func:`top_terms_grid` creates a
figure. The corpus report also shows :func:`sentiment_by_topic`.

>>> fig, ax = plt.subplots(figsize=(9, 4), layout="constrained")          # doctest: +SKIP
>>> drawn = sentiment_arc(ax, paragraphs[paragraphs.article_id == SEED_ID])  # doctest: +SKIP
"""

import math

import numpy as np
import pandas as pd
from matplotlib.lines import Line2D
from matplotlib.patches import Patch
from matplotlib.ticker import MaxNLocator

from helpers.figures.base import LOWPASS, NEGATIVE, POSITIVE, TERMS, ZERO, body_rows, matrix, positive_int, require, sign_colours
from helpers.figures.ticks import CHAR_W, axes_inches, fit_xticks, fit_yticks, font_points, shorten
from helpers.measures.smoothing import rolling_mean

__all__ = ["sentiment_arc", "topic_heatmap", "top_terms", "top_terms_grid", "sentiment_by_topic"]

MAX_POINTS = 300  # points drawn per topic in sentiment_by_topic (a fixed random sample beyond)


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
    require(paragraphs, ("position", "kind", "text", "compound"), "paragraphs")
    positive_int(window, "window")
    article = paragraphs["article_id"].unique() if "article_id" in paragraphs else [None]
    if len(article) > 1:
        raise ValueError(f"paragraphs must hold ONE article; got {len(article)} article_ids")
    rows = paragraphs.sort_values("position", kind="stable")
    is_body = rows["kind"].eq("body").to_numpy()
    if not is_body.any():
        raise ValueError("paragraphs must contain at least one 'body' row; got none")
    y = rows.loc[is_body, "compound"].to_numpy(dtype=float)
    x = np.arange(1, len(y) + 1)
    bars = ax.bar(x, y, width=0.8, color=sign_colours(y))
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
    n_chars = max(12, int(0.85 * axes_inches(ax)[1] * 72 / (CHAR_W * font_points("small"))))
    heading_lines, heading_labels = [], []
    for k, texts in headings.groupby(level=0, sort=True):
        heading_lines.append(ax.axvline(k + 0.5, color="#444444", ls="--", lw=1))
        left = k > 0  # label left of the line, except before the first paragraph
        heading_labels.append(
            ax.text(
                k + (0.45 if left else 0.55),
                0.98,
                shorten(" / ".join(texts), n_chars),
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
    im = matrix(ax, weights.to_numpy(dtype=float), topic_labels, "Topic weights by paragraph")
    rows = [shorten(s, 20) for s in weights.index]
    fit_yticks(ax, np.arange(len(rows)), rows, min_size=8)
    ax.set_ylabel("paragraph")
    return im


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
    require(topic_terms, ("topic", "rank", "term", "weight"), "topic_terms")
    positive_int(n_terms, "n_terms")
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
        fit_yticks(ax, y, [shorten(t, 22) for t in terms["term"]], max_labels=n_terms)
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

    positive_int(n_topics, "n_topics")
    positive_int(ncols, "ncols")
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
    require(paragraphs, ("compound", "topic"), "paragraphs")
    body = body_rows(paragraphs)
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
        c=sign_colours(compound[shown]),
        edgecolors="none",
    )
    zero = ax.axhline(0, color="black", lw=0.8)
    ax.set(xlim=(0.4, k + 0.6), ylim=(-1.05, 1.05), xlabel="dominant topic", ylabel="paragraph compound score")
    fit_xticks(ax, np.arange(1, k + 1), [(lab, f"(n={len(groups[t])})") for t, lab in zip(range(1, k + 1), topic_labels)])
    dropped = {
        "without topic terms": int(body["topic"].isna().sum()),
        "without a score": int((body["topic"].notna() & body["compound"].isna()).sum()),
    }
    note = "; ".join(f"{n} paragraph{'s' * (n != 1)} {why}" for why, n in dropped.items() if n)
    ax.set_title("Paragraph sentiment by dominant topic" + (f"\n({note} left out)" if note else ""))
    return {"boxplot": box, "points": points, "zero_line": zero}
