"""What every figure shares: the colours, the checks of the tables drawn, the topic-weight matrix.

Colours are colour-blind safe: Okabe-Ito blue for positive, vermillion for negative, grey for zero;
viridis for weights, light grey for paragraphs with no terms of the topic vocabulary.
"""

import matplotlib as mpl
import numpy as np
from matplotlib.patches import Patch

from helpers.figures.ticks import axes_inches, fit_xticks, font_points, text_inches

__all__ = [
    "POSITIVE",
    "NEGATIVE",
    "ZERO",
    "NO_TERMS",
    "LOWPASS",
    "TERMS",
    "require",
    "positive_int",
    "body_rows",
    "topic_columns",
    "sign_colours",
    "matrix",
]

POSITIVE, NEGATIVE, ZERO = "#0072B2", "#D55E00", "#999999"  # Okabe-Ito blue, vermillion, grey
NO_TERMS = "#DDDDDD"  # paragraphs whose topic weights are all NaN
LOWPASS = "#CC79A7"  # Okabe-Ito reddish purple: the low-pass curve of the sentiment arc
TERMS = "#009E73"  # Okabe-Ito bluish green: topic-term bars, not a sentiment


def require(df, columns, name):
    missing = [c for c in columns if c not in df.columns]
    if missing:
        raise ValueError(f"{name} is missing required column {missing[0]!r} (needs {list(columns)}); has {list(df.columns)}")


def positive_int(value, name):
    if isinstance(value, bool) or not isinstance(value, (int, np.integer)) or value < 1:
        raise ValueError(f"{name} must be a positive int; got {value!r}")


def body_rows(paragraphs):
    """Body rows only, when the table still has its ``kind`` column."""
    return paragraphs[paragraphs["kind"].eq("body")] if "kind" in paragraphs else paragraphs


def topic_columns(weights_table, topic_labels, name):
    columns = [f"topic_{i}" for i in range(1, len(topic_labels) + 1)]
    if not columns:
        raise ValueError("topic_labels must name at least one topic; got []")
    require(weights_table, columns, name)
    return columns


def sign_colours(values):
    return [POSITIVE if v > 0 else NEGATIVE if v < 0 else ZERO for v in values]


def matrix(ax, values, topic_labels, title):
    """imshow a rows x topics weight matrix with NaN rows in NO_TERMS and a colour bar."""
    cmap = mpl.colormaps["viridis"].with_extremes(bad=NO_TERMS)  # set_bad, non-mutating
    data = np.ma.masked_invalid(np.asarray(values, dtype=float))
    im = ax.imshow(data, aspect="auto", cmap=cmap, vmin=0, vmax=1, interpolation="nearest")
    fit_xticks(ax, np.arange(data.shape[1]), list(topic_labels))  # before the colour bar
    ax.figure.colorbar(im, ax=ax).set_label("topic weight")
    ax.set_xlabel("topic")
    if not np.ma.getmaskarray(data).all(axis=1).any():
        ax.set_title(title, loc="left")
    elif axes_inches(ax)[0] > (
        text_inches(title, font_points(mpl.rcParams["axes.titlesize"])) + text_inches("no topic terms", font_points("small")) + 0.45
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
