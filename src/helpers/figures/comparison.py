"""The figures of the comparison report: two sides (or groups) compared, article sentiment and topic shares.

Each function draws on a given Axes and returns what it drew. The corpus report's group section also
shows :func:`topic_shares_by_group` and :func:`word_shift`.
"""

from itertools import cycle

import matplotlib as mpl
import numpy as np
from matplotlib.patches import Patch

from helpers.figures.base import NEGATIVE, POSITIVE, positive_int, require, topic_columns
from helpers.figures.ticks import fit_xticks, fit_yticks, shorten

__all__ = ["SIDES", "topic_shares_by_group", "word_shift", "sentiment_distributions", "mean_arcs"]

SIDES = (POSITIVE, NEGATIVE)  # the two sides of a comparison: blue, vermillion


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
    columns = topic_columns(shares, topic_labels, "shares")
    values = shares[columns].to_numpy(dtype=float)
    top = float(np.nanmax(values)) if np.isfinite(values).any() else 1.0
    im = ax.imshow(np.ma.masked_invalid(values), aspect="auto", cmap=mpl.colormaps["viridis"], vmin=0, vmax=top, interpolation="nearest")
    fit_xticks(ax, np.arange(len(columns)), list(topic_labels))  # before the colour bar
    ax.figure.colorbar(im, ax=ax).set_label("topic share (mean article weight)")
    ax.set_xlabel("topic")
    ax.set_title("Topic shares by group", loc="left")
    names = [f"{g} (n={n})" for g, n in zip(shares.index, shares["n"])] if "n" in shares else list(map(str, shares.index))
    fit_yticks(ax, np.arange(len(shares)), [shorten(s, 32) for s in names], max_labels=60, min_size=6)
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
    require(shift, ("term", "contribution", "kind"), "shift")
    positive_int(top_n, "top_n")
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
    fit_yticks(ax, y, [f"{t} {'↑' if u else '↓'}" for t, u in zip(rows["term"], up)], max_labels=top_n, min_size=7)
    ax.axvline(0, color="black", lw=0.8)
    a, b = (shorten(x, 30) for x in labels)
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
                label=f"{shorten(label, 30)} (n={len(v)}, mean {v.mean() if len(v) else np.nan:+.3f})",
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
        lines += ax.plot(arc["position"], arc["mean"], color=colour, marker="o", ms=3, label=shorten(label, 40))
    ax.axhline(0, color="black", lw=0.8)
    ax.set(xlim=(0, 1), xlabel="relative position in the article (0 = first paragraph, 1 = last)", ylabel="mean paragraph compound score")
    ax.legend(fontsize="small")
    return lines
