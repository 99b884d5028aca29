"""Tick labels fitted to the axes: wrapped, truncated, rotated, shrunk or thinned to fit, never colliding.

Sizes are measured as Agg renders the text (:func:`text_inches`), against the axes' size in
inches; :class:`SpacedLocator` thins y labels at draw time, when the axes has its final height.
"""

import math
import textwrap

import matplotlib as mpl
import numpy as np
from matplotlib.font_manager import FontProperties
from matplotlib.textpath import text_to_path
from matplotlib.ticker import FuncFormatter, Locator

__all__ = [
    "CHAR_W",
    "LINE_H",
    "wrap",
    "shorten",
    "axes_inches",
    "font_points",
    "tick_size",
    "text_inches",
    "fit_xticks",
    "SpacedLocator",
    "fit_yticks",
]

CHAR_W, LINE_H = 0.58, 1.3  # text width per character and line height, in font sizes


def wrap(label, width=18, max_lines=3):
    return "\n".join(textwrap.wrap(str(label), width, max_lines=max_lines, placeholder="…") or [""])


def shorten(label, n):
    label = " ".join(str(label).split())
    return label if len(label) <= n else label[: n - 1].rstrip() + "…"


def axes_inches(ax):
    fig_w, fig_h = ax.figure.get_size_inches()
    box = ax.get_position()
    return box.width * fig_w, box.height * fig_h


def font_points(size):
    """A font size ('small', 'large', 9, ...) in points."""
    return FontProperties(size=size).get_size_in_points()


def tick_size(axis):
    return font_points(mpl.rcParams[f"{axis}tick.labelsize"])


def text_inches(text, size):
    """Width in inches of the widest line of ``text`` at ``size`` points, as Agg renders it."""
    prop = FontProperties(size=size)
    return max(text_to_path.get_text_width_height_descent(line, prop, ismath=False)[0] for line in str(text).split("\n")) / 72


def fit_xticks(ax, positions, labels, *, room=0.8):
    """Horizontal labels wrapped to 18, then 12 characters a line, when they fit; else rotated
    with as many lines of up to 24 characters as fit side by side; thinned only when not even
    one line fits. A label may be a ``(text, suffix)`` pair: the suffix keeps its own line.
    """
    pairs = [lab if isinstance(lab, tuple) else (lab, "") for lab in labels]
    size = tick_size("x")
    slot = room * axes_inches(ax)[0] / max(len(pairs), 1)
    for width, lines in ((18, 3), (12, 4)):
        text = ["\n".join(filter(None, (wrap(t, width, lines), s))) for t, s in pairs]
        if max(text_inches(t, size) for t in text) <= slot:
            return ax.set_xticks(positions, text)
    line_h = LINE_H * size / 72
    fit = int(slot / line_h)
    step, fit = (1, fit) if fit else (math.ceil(line_h / slot), 1)
    text = [
        wrap(t, 24, fit) if not s else f"{shorten(t, 23 - len(s))} {s}" if fit == 1 else f"{wrap(t, 24, fit - 1)}\n{s}" for t, s in pairs
    ]
    return ax.set_xticks(positions[::step], text[::step], rotation=90)


class SpacedLocator(Locator):
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


def fit_yticks(ax, positions, labels, *, lines=1, max_labels=40, min_size=6.0):
    """Shrink the font (down to ``min_size``) to fit every label; whatever still does not fit
    is thinned at draw time, when the axes has its final height."""
    slot = 0.9 * axes_inches(ax)[1] / max(len(labels), 1)
    size = max(min_size, min(tick_size("y"), slot * 72 / (lines * LINE_H)))
    text = {float(p): str(t) for p, t in zip(positions, labels)}
    ax.yaxis.set_major_locator(SpacedLocator(list(text), lines * LINE_H * size / 72, max_labels))
    ax.yaxis.set_major_formatter(FuncFormatter(lambda y, _: text.get(float(y), "")))
    ax.tick_params(axis="y", labelsize=size)
