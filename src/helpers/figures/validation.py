"""The figure of the validation notebook: correlations with the human ratings, per rating set."""

import numpy as np

from helpers.figures.base import LOWPASS, NEGATIVE, POSITIVE, TERMS, ZERO

__all__ = ["correlation_bars"]


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
