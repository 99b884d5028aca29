"""Smoothing a sentiment arc: a centred rolling mean, and a DCT low-pass curve as syuzhet draws it.

Series in, series out (numpy arrays of the same length); nothing here knows about paragraphs.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
from scipy.fft import dct, idct

__all__ = ["rolling_mean", "dct_lowpass"]


def rolling_mean(values, window: int = 3) -> np.ndarray:
    """Centred rolling mean over ``window`` values; the edges average the shorter window available.

    >>> rolling_mean([1.0, 0.0, -1.0], 3).tolist()
    [0.5, 0.0, -0.5]
    """
    if not isinstance(window, int) or window < 1:
        raise ValueError(f"window must be a positive number of values; got {window!r}")
    return pd.Series(np.asarray(values, dtype=float)).rolling(window, center=True, min_periods=1).mean().to_numpy()


def dct_lowpass(values, n_components: int = 5) -> np.ndarray:
    """Low-pass filtered arc, as syuzhet's ``get_dct_transform``: keep the lowest DCT components.

    The series is transformed with the orthonormal DCT-II, all but its first ``n_components``
    coefficients are set to zero, and it is transformed back (same length, same units).
    DCT-II treats the series as mirrored at both ends, so the curve is not pulled towards zero
    at the edges (as zero padding would) and its slope flattens there. With ``n_components``
    at least the series length the values come back unchanged.

    One component keeps the mean; two keep the trend, flattened at the mirrored ends:

    >>> dct_lowpass([1.0, 2.0, 3.0, 6.0], 1).round(3).tolist()
    [3.0, 3.0, 3.0, 3.0]
    >>> dct_lowpass([1.0, 2.0, 3.0, 6.0], 2).round(3).tolist()
    [0.689, 2.043, 3.957, 5.311]
    >>> dct_lowpass([1.0, 2.0, 3.0, 6.0], 4).round(3).tolist()
    [1.0, 2.0, 3.0, 6.0]
    """
    values = np.asarray(values, dtype=float)
    if not isinstance(n_components, int) or n_components < 1:
        raise ValueError(f"n_components must be a positive integer; got {n_components!r}")
    if values.size == 0:
        return values
    coefficients = dct(values, type=2, norm="ortho")
    coefficients[n_components:] = 0
    return idct(coefficients, type=2, norm="ortho")
