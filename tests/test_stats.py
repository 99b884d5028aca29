"""Tests for helpers.analysis.stats: intervals cover what they should, the cluster bootstrap widens
for correlated paragraphs, permutation p-values separate shifted groups from equal ones, BH is exact."""

import numpy as np
import pytest

from helpers.analysis import stats


def test_mean_ci_covers_the_known_mean_and_repeats():
    """An interval of a normal sample covers the population mean, is about 2 standard errors wide on
    each side, and the fixed seed gives the same numbers twice."""
    x = np.random.default_rng(1).normal(0.3, 1.0, size=400)
    mean, low, high = stats.mean_ci(x)
    se = x.std(ddof=1) / np.sqrt(len(x))
    assert low < 0.3 < high and low < mean < high
    assert (high - low) == pytest.approx(2 * 1.96 * se, rel=0.15)
    assert stats.mean_ci(x) == (mean, low, high)


def test_mean_ci_covers_the_true_mean_about_95_percent_of_the_time():
    """Over 200 samples of 40, the 95% interval covers the true mean in 88-99% of them."""
    rng = np.random.default_rng(2)
    covered = [low < 0 < high for low, high in (stats.mean_ci(rng.normal(size=40), n_resamples=500, seed=i)[1:] for i in range(200))]
    assert 0.88 <= np.mean(covered) <= 0.99


def test_mean_ci_edge_cases():
    """No value: all NaN; one value: no interval; equal values: the interval is the value; NaN left out."""
    assert all(np.isnan(stats.mean_ci([])))
    assert np.isnan(stats.mean_ci([0.3])[1]) and stats.mean_ci([0.2, 0.2]) == (0.2, 0.2, 0.2)
    assert stats.mean_ci([0.1, np.nan, 0.3])[0] == pytest.approx(0.2)


def test_difference_ci_excludes_zero_for_shifted_samples_and_covers_it_for_equal_ones():
    """A shift of 1 standard deviation between samples of 60: the interval excludes 0; no shift: it covers 0."""
    rng = np.random.default_rng(3)
    x, y = rng.normal(1.0, 1.0, 60), rng.normal(0.0, 1.0, 60)
    d, low, high = stats.difference_ci(x, y)
    assert d == pytest.approx(x.mean() - y.mean()) and 0 < low < d < high
    d, low, high = stats.difference_ci(rng.normal(size=60), rng.normal(size=60))
    assert low < 0 < high
    assert np.isnan(stats.difference_ci([1.0], [0.0, 1.0])[1])


def _clustered(n_articles: int, per_article: int, seed: int):
    """Paragraph scores that share their article's level (strong within-article correlation)."""
    rng = np.random.default_rng(seed)
    level = rng.normal(0, 1, n_articles)
    values = np.repeat(level, per_article) + rng.normal(0, 0.1, n_articles * per_article)
    return values, np.repeat(np.arange(n_articles), per_article)


def test_cluster_bootstrap_is_wider_than_the_naive_one_for_correlated_paragraphs():
    """Paragraphs of one article share its level: resampling articles gives an interval several
    times wider than resampling paragraphs (which treats 20 near-copies as 20 draws)."""
    values, articles = _clustered(30, 20, seed=4)
    mean, low, high, n = stats.cluster_mean_ci(values, articles)
    _, naive_low, naive_high = stats.mean_ci(values)
    assert n == 600 and mean == pytest.approx(values.mean())
    assert (high - low) > 3 * (naive_high - naive_low)
    # about 2 x 1.96 x the standard error of 30 article means
    assert (high - low) == pytest.approx(2 * 1.96 * values.reshape(30, 20).mean(axis=1).std(ddof=1) / np.sqrt(30), rel=0.2)


def test_cluster_bootstrap_matches_the_naive_one_for_independent_paragraphs():
    """One paragraph per article: the cluster bootstrap is the ordinary bootstrap (same draws, same interval)."""
    values = np.random.default_rng(5).normal(size=50)
    assert stats.cluster_mean_ci(values, np.arange(50))[:3] == pytest.approx(stats.mean_ci(values))


def test_cluster_bootstrap_two_articles_spans_both_means():
    """Two articles, one all +0.8, one all -0.8: the interval runs from one article's mean to the other's."""
    mean, low, high, _ = stats.cluster_mean_ci([0.8] * 10 + [-0.8] * 10, ["a"] * 10 + ["b"] * 10)
    assert abs(mean) < 1e-12 and (low, high) == pytest.approx((-0.8, 0.8))
    assert np.isnan(stats.cluster_mean_ci([0.1, 0.2], ["a", "a"])[1])


def test_permutation_p_small_for_shifted_groups_large_for_equal_ones():
    """Shifted groups: p < 0.001; groups with equal means (the same values reordered, or shifted by
    a hair): p near 1; a side below 2 values: NaN."""
    rng = np.random.default_rng(6)
    assert stats.permutation_p(rng.normal(1, 1, 40), rng.normal(0, 1, 40)) < 0.001
    x = rng.normal(0, 1, 40)
    assert stats.permutation_p(x, rng.permutation(x)) > 0.95
    assert stats.permutation_p(x, x[::-1] + 0.01) > 0.9
    assert np.isnan(stats.permutation_p([1.0], [0.0, 1.0]))


def test_permutation_p_is_exact_for_tiny_groups():
    """Two groups of 2: all 6 relabellings are enumerated; the observed split is one of the 2 most extreme."""
    assert stats.permutation_p([1.0, 2.0], [3.0, 4.0]) == pytest.approx(2 / 6)


def test_benjamini_hochberg_matches_a_hand_computed_example():
    """p = .01 .04 .03 .5 (m = 4): sorted .01 .03 .04 .5 times 4/rank = .04 .06 .0533 .5, then the
    running minimum from the top: .04 .0533 .0533 .5, back in the input order; NaN stays NaN."""
    adjusted = stats.benjamini_hochberg([0.01, 0.04, 0.03, 0.5])
    np.testing.assert_allclose(adjusted, [0.04, 0.16 / 3, 0.16 / 3, 0.5])
    with_nan = stats.benjamini_hochberg([0.01, np.nan, 0.04, 0.03, 0.5])
    np.testing.assert_allclose(with_nan[[0, 2, 3, 4]], [0.04, 0.16 / 3, 0.16 / 3, 0.5])
    assert np.isnan(with_nan[1]) and stats.benjamini_hochberg([]).shape == (0,)


def test_category_mean_cis_is_the_bootstrap_of_the_mean():
    """Many samples of tones at once agree with scipy's percentile bootstrap of each."""
    from scipy import stats as scipy_stats

    from helpers.analysis.stats import category_mean_cis

    samples = [np.array([-1, -1, 0, 1, 1, 1, 1]), np.array([-1, 0, 0, 0]), np.array([1, 1, 1])]
    counts = [[(s == v).sum() for v in (-1, 0, 1)] for s in samples]
    low, high = category_mean_cis(counts, [-1, 0, 1], n_resamples=20000)
    for s, lo, hi in zip(samples[:2], low, high):
        expected = scipy_stats.bootstrap((s.astype(float),), np.mean, method="percentile", n_resamples=20000, rng=1).confidence_interval
        assert lo == pytest.approx(expected.low, abs=0.05) and hi == pytest.approx(expected.high, abs=0.05)
    assert low[2] == high[2] == 1.0  # all equal: the mean itself
