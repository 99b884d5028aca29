"""helpers.measures.smoothing: the rolling mean and the DCT low-pass curve of a sentiment arc."""

import numpy as np
import pytest

from helpers.measures.smoothing import dct_lowpass, rolling_mean


def test_rolling_mean_is_centred_with_short_edges():
    values = [1.0, 3.0, -1.0, 5.0, 0.0]
    assert rolling_mean(values, 3).tolist() == [2.0, 1.0, 7 / 3, 4 / 3, 2.5]
    assert rolling_mean(values, 1).tolist() == values
    with pytest.raises(ValueError, match="window must be a positive number of values; got 0"):
        rolling_mean(values, 0)


def test_dct_lowpass_keeps_the_slow_part_of_a_noisy_arc():
    """A slow rise plus fast alternation: 3 components recover the rise, and the mean is kept."""
    n = 40
    slow = np.linspace(-0.5, 0.5, n)
    noisy = slow + 0.3 * (-1.0) ** np.arange(n)
    smooth = dct_lowpass(noisy, 3)
    assert smooth.mean() == pytest.approx(noisy.mean())
    assert np.abs(smooth - slow).max() < 0.1 < np.abs(noisy - slow).max()
    np.testing.assert_allclose(dct_lowpass(noisy, n), noisy)
    assert dct_lowpass([], 3).size == 0
    with pytest.raises(ValueError, match="n_components must be a positive integer; got 0"):
        dct_lowpass(noisy, 0)
