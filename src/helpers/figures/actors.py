"""The figures of actors and the tone towards them, in all three reports.

Each function draws on a given Axes and returns what it drew. Tone is the mean of an actor's
mentions' tones, from -1 (every mention negative) to +1 (every mention positive).
"""

import matplotlib as mpl
import numpy as np
from matplotlib.lines import Line2D

from helpers.figures.base import NO_TERMS, require, sign_colours
from helpers.figures.comparison import SIDES
from helpers.figures.ticks import fit_xticks, fit_yticks, shorten

__all__ = ["actor_tone", "actor_tone_by_side", "tone_matrix", "cooccurrence"]

TONE_LABEL = "mean tone of its mentions (-1 negative, +1 positive)"
_ANNOTATE_CELLS = 200
"""Most cells of a matrix that are annotated with their value."""


def _actor_labels(table):
    return [f"{shorten(str(a), 36)} ({m:,})" for a, m in zip(table["actor"], table["mentions"])]


def actor_tone(ax, table, *, title="Tone towards each actor", hollow="no interval (too few mentions)"):
    """Forest plot: each actor's mean tone with its 95% interval, in the table's order (first on top).

    Parameters
    ----------
    ax : matplotlib.axes.Axes
    table : DataFrame
        One row per actor: ``actor``, ``mentions``, ``tone``, ``ci_low``, ``ci_high`` (NaN when there
        is no interval: the point is hollow).
    title : str
    hollow : str
        What a hollow point means, for the legend.

    Returns
    -------
    dict
        ``points`` (PathCollection of the means), ``intervals`` (LineCollection), ``labels`` (the y tick labels).
    """
    require(table, ("actor", "mentions", "tone", "ci_low", "ci_high"), "table")
    if not len(table):
        raise ValueError("table must hold at least one actor; got none")
    y = np.arange(len(table))
    tone = table["tone"].to_numpy(dtype=float)
    low, high = table["ci_low"].to_numpy(dtype=float), table["ci_high"].to_numpy(dtype=float)
    colours = sign_colours(tone)
    no_interval = np.isnan(low) | np.isnan(high)
    intervals = ax.hlines(y, low, high, color=colours, lw=2)
    points = ax.scatter(tone, y, s=36, zorder=3, facecolors=["white" if h else c for h, c in zip(no_interval, colours)], edgecolors=colours)
    ax.axvline(0, color="black", lw=0.8)
    ax.set_ylim(len(table) - 0.5, -0.5)
    labels = _actor_labels(table)
    fit_yticks(ax, y, labels, max_labels=60, min_size=6)
    ax.set(xlim=(-1.08, 1.08), xlabel=f"{TONE_LABEL},\n95% bootstrap interval", ylabel="actor (mentions)")
    ax.set_title(title, loc="left", fontsize="medium")
    if no_interval.any():
        handle = Line2D([], [], color="black", marker="o", mfc="white", lw=0, label=f"hollow: {hollow}")
        ax.legend(handles=[handle], fontsize="small", loc="lower right", bbox_to_anchor=(1, 1.0), frameon=False, borderaxespad=0.2)
    return {"points": points, "intervals": intervals, "labels": labels}


def actor_tone_by_side(ax, table, labels):
    """Each actor's mean tone on the two sides of a comparison, with 95% intervals, side by side.

    Parameters
    ----------
    ax : matplotlib.axes.Axes
    table : DataFrame
        One row per actor and side: ``actor``, ``side`` (one of ``labels``), ``mentions``, ``tone``,
        ``ci_low``, ``ci_high``; actors in the order drawn (first on top).
    labels : pair of str
        The two sides, in the legend's order.

    Returns
    -------
    list of PathCollection
        Each side's means.
    """
    require(table, ("actor", "side", "mentions", "tone", "ci_low", "ci_high"), "table")
    actors = list(dict.fromkeys(table["actor"]))
    if not actors:
        raise ValueError("table must hold at least one actor; got none")
    where = {a: i for i, a in enumerate(actors)}
    drawn = []
    for k, (label, colour) in enumerate(zip(labels, SIDES)):
        side = table[table["side"] == label]
        y = side["actor"].map(where).to_numpy(dtype=float) + (k - 0.5) * 0.36
        ax.hlines(y, side["ci_low"], side["ci_high"], color=colour, lw=2)
        counts = side["mentions"].to_numpy()
        hollow = side["ci_low"].isna().to_numpy() | side["ci_high"].isna().to_numpy()
        faces = ["white" if h else colour for h in hollow]
        drawn.append(ax.scatter(side["tone"], y, s=32, zorder=3, facecolors=faces, edgecolors=colour, label=f"{label}"))
        for yy, x, n in zip(y, side["tone"].to_numpy(dtype=float), counts):
            if not np.isnan(x):
                ax.annotate(
                    f"{n:,}", (x, yy), xytext=(0, 4), textcoords="offset points", ha="center", va="bottom", fontsize="x-small", color=colour
                )
    ax.axvline(0, color="black", lw=0.8)
    ax.set_ylim(len(actors) - 0.5, -0.5)
    fit_yticks(ax, np.arange(len(actors)), [shorten(str(a), 36) for a in actors], max_labels=60, min_size=6)
    ax.set(
        xlim=(-1.08, 1.08), xlabel=f"{TONE_LABEL},\n95% bootstrap interval (small numbers: mentions; hollow: one article)", ylabel="actor"
    )
    handles = [Line2D([], [], color=colour, marker="o", lw=2, label=label) for label, colour in zip(labels, SIDES)]
    ax.legend(handles=handles, fontsize="small", loc="lower right", bbox_to_anchor=(1, 1.0), ncol=2, frameon=False, borderaxespad=0.2)
    return drawn


def tone_matrix(ax, table, *, column, title, xlabel):
    """Heatmap of each actor's mean tone (rows) per time bin or group (columns); light grey: no mention.

    Parameters
    ----------
    ax : matplotlib.axes.Axes
    table : DataFrame
        One row per actor and ``column`` value: ``actor``, ``column``, ``tone``; actors and columns
        drawn in the order they first appear.
    column : str
        The column of the bins or groups (``bin``, ``group``).
    title, xlabel : str

    Returns
    -------
    matplotlib.image.AxesImage
    """
    require(table, ("actor", column, "tone"), "table")
    if not len(table):
        raise ValueError("table must hold at least one actor; got none")
    rows, cols = list(dict.fromkeys(table["actor"])), list(dict.fromkeys(table[column]))
    values = table.pivot_table(index="actor", columns=column, values="tone", aggfunc="first", dropna=False, observed=False)
    values = values.reindex(index=rows, columns=cols).to_numpy(dtype=float)
    cmap = mpl.colormaps["RdBu"].with_extremes(bad=NO_TERMS)
    im = ax.imshow(np.ma.masked_invalid(values), aspect="auto", cmap=cmap, vmin=-1, vmax=1, interpolation="nearest")
    if values.size <= _ANNOTATE_CELLS:
        for (i, j), v in np.ndenumerate(values):
            if not np.isnan(v):
                ax.text(j, i, f"{v:+.2f}", ha="center", va="center", fontsize="x-small", color="white" if abs(v) > 0.6 else "black")
    fit_xticks(ax, np.arange(len(cols)), [shorten(str(c), 24) for c in cols])
    ax.figure.colorbar(im, ax=ax).set_label("mean tone (-1 to +1)")
    fit_yticks(ax, np.arange(len(rows)), [shorten(str(a), 32) for a in rows], min_size=6)
    ax.set(xlabel=xlabel, ylabel="actor")
    ax.set_title(title, loc="left", fontsize="medium")
    return im


def cooccurrence(ax, matrix):
    """Heatmap of how many articles mention both actors of each pair; the diagonal (grey, bold counts)
    holds the articles that mention the actor, and is left out of the colour scale. Cells are annotated
    with their counts when there are few enough.

    Parameters
    ----------
    ax : matplotlib.axes.Axes
    matrix : DataFrame
        Square, actors as index and columns in the same order, article counts.

    Returns
    -------
    matplotlib.image.AxesImage
    """
    if matrix.shape[0] == 0 or list(matrix.index) != list(matrix.columns):
        raise ValueError(f"matrix must be square with the same actors as index and columns; got {matrix.shape}")
    values = matrix.to_numpy(dtype=float)
    pairs = np.ma.masked_array(values, mask=np.eye(len(values), dtype=bool))
    top = max(1.0, float(pairs.max()) if pairs.count() else 1.0)
    cmap = mpl.colormaps["viridis"].with_extremes(bad=NO_TERMS)
    im = ax.imshow(pairs, cmap=cmap, vmin=0, vmax=top, interpolation="nearest")
    if values.size <= _ANNOTATE_CELLS:
        for (i, j), v in np.ndenumerate(values):
            on_diagonal = i == j
            colour = "black" if on_diagonal or v > 0.6 * top else "white"
            ax.text(
                j, i, f"{v:,.0f}", ha="center", va="center", fontsize="x-small", color=colour, weight="bold" if on_diagonal else "normal"
            )
    names = [shorten(str(a), 24) for a in matrix.index]
    fit_xticks(ax, np.arange(len(names)), names)
    ax.figure.colorbar(im, ax=ax).set_label("articles that mention both")
    fit_yticks(ax, np.arange(len(names)), names, min_size=6)
    ax.set_title("Actors that appear together (articles; grey diagonal: the actor's articles)", loc="left", fontsize="medium")
    return im
