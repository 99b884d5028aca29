"""The figures of the validation notebook: correlations with the human ratings, per rating set; the
confusion matrix of the tone towards actor mentions."""

import numpy as np

from helpers.figures.base import LOWPASS, NEGATIVE, POSITIVE, TERMS, ZERO

__all__ = ["correlation_bars", "confusion_matrix", "confusion_matrices"]


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


def confusion_matrix(ax, table, *, title: str = ""):
    """A confusion matrix as a heatmap: each cell's count, shaded by its share of the row (the label).

    Parameters
    ----------
    ax : matplotlib.axes.Axes
    table : DataFrame
        Counts; rows are the true classes, columns the predicted ones (same names, same order).
    title : str, optional

    Returns
    -------
    matplotlib.image.AxesImage
    """
    counts = np.asarray(table, dtype=float)
    if counts.ndim != 2 or counts.shape[0] != counts.shape[1] or not counts.size:
        raise ValueError(f"table must be a square matrix of counts; got shape {counts.shape}")
    totals = counts.sum(axis=1, keepdims=True)
    shares = np.divide(counts, totals, out=np.zeros_like(counts), where=totals > 0)
    image = ax.imshow(shares, cmap="Blues", vmin=0, vmax=1)
    for (i, j), n in np.ndenumerate(counts):
        colour = "white" if shares[i, j] > 0.6 else "black"
        ax.text(j, i, f"{int(n)}\n{shares[i, j]:.0%}", ha="center", va="center", fontsize=8, color=colour)
    ax.set_xticks(range(counts.shape[1]), list(table.columns))
    ax.set_yticks(range(counts.shape[0]), list(table.index))
    ax.set(xlabel=table.columns.name or "predicted", ylabel=table.index.name or "label", title=title)
    return image


def confusion_matrices(axes, tables):
    """:func:`confusion_matrix` of each table on its own Axes, titled by its name.

    Parameters
    ----------
    axes : sequence of matplotlib.axes.Axes
        As many as ``tables``.
    tables : dict of str to DataFrame
    """
    axes = list(np.ravel(axes))
    if len(axes) != len(tables):
        raise ValueError(f"one Axes per table is needed: {len(tables)} tables, {len(axes)} Axes")
    return [confusion_matrix(ax, table, title=name) for ax, (name, table) in zip(axes, tables.items())]
