"""The actors' figures (helpers.figures.actors): what each draws, and the tables it refuses."""

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
import pytest
from matplotlib.colors import to_hex

from helpers.figures import actors as figures
from helpers.figures import sizes
from helpers.figures.base import NEGATIVE, POSITIVE, ZERO
from helpers.figures.comparison import SIDES

TONES = pd.DataFrame(
    {
        "actor": ["Russia", "Vladimir Putin", "Barack Obama"],
        "mentions": [16, 3, 2],
        "tone": [0.25, -0.5, 0.0],
        "ci_low": [-0.25, -1.0, np.nan],
        "ci_high": [0.625, 0.5, np.nan],
    }
)


@pytest.fixture
def ax():
    fig, ax = plt.subplots(figsize=(8, 4), layout="constrained")
    yield ax
    plt.close(fig)


def test_actor_tone_draws_a_point_and_interval_per_actor_first_on_top(ax):
    drawn = figures.actor_tone(ax, TONES)
    offsets = drawn["points"].get_offsets()
    assert np.allclose(offsets[:, 0], TONES["tone"]) and list(offsets[:, 1]) == [0, 1, 2]
    assert ax.get_ylim()[0] > ax.get_ylim()[1]  # the first actor on top
    faces = [to_hex(c) for c in drawn["points"].get_facecolors()]
    assert faces[:2] == [POSITIVE.lower(), NEGATIVE.lower()] and faces[2] == "#ffffff"  # hollow: no interval
    assert [to_hex(c) for c in drawn["points"].get_edgecolors()][2] == ZERO.lower()
    segments = drawn["intervals"].get_segments()
    assert np.allclose(segments[0], [[-0.25, 0], [0.625, 0]])
    assert drawn["labels"] == ["Russia (16)", "Vladimir Putin (3)", "Barack Obama (2)"]
    assert [t.get_text() for t in ax.get_yticklabels()] == drawn["labels"]
    assert ax.get_legend().get_texts()[0].get_text() == "hollow: no interval (too few mentions)"


def test_actor_tone_without_hollow_points_has_no_legend_and_refuses_an_empty_table(ax):
    figures.actor_tone(ax, TONES.head(2), title="Corpus")
    assert ax.get_legend() is None and ax.get_title(loc="left") == "Corpus"
    ax.clear()
    figures.actor_tone(ax, TONES, hollow="no interval (one article)")
    assert ax.get_legend().get_texts()[0].get_text() == "hollow: no interval (one article)"
    with pytest.raises(ValueError, match="table must hold at least one actor; got none"):
        figures.actor_tone(ax, TONES.head(0))
    with pytest.raises(ValueError, match="missing required column 'tone'"):
        figures.actor_tone(ax, TONES.drop(columns="tone"))


def test_actor_tone_by_side_draws_each_side_in_its_colour(ax):
    table = pd.DataFrame(
        {
            "actor": ["Russia", "Russia", "Iran", "Iran"],
            "side": ["a", "b", "a", "b"],
            "mentions": [10, 4, 3, 0],
            "tone": [0.2, -0.4, 0.5, np.nan],
            "ci_low": [0.0, -0.8, np.nan, np.nan],
            "ci_high": [0.4, 0.0, np.nan, np.nan],
        }
    )
    drawn = figures.actor_tone_by_side(ax, table, ("a", "b"))
    assert len(drawn) == 2
    assert [to_hex(c.get_edgecolor()[0]) for c in drawn] == [c.lower() for c in SIDES]
    assert [to_hex(c) for c in drawn[0].get_facecolors()] == [SIDES[0].lower(), "#ffffff"]  # hollow: no interval
    first = drawn[0].get_offsets()
    assert np.allclose(first[:, 0], [0.2, 0.5]) and np.all(first[:, 1] < [0, 1])  # side a above each actor's centre
    assert [t.get_text() for t in ax.get_yticklabels()] == ["Russia", "Iran"]
    assert sorted(t.get_text() for t in ax.texts) == ["10", "3", "4"]  # mentions, not for the side without
    assert [t.get_text() for t in ax.get_legend().get_texts()] == ["a", "b"]
    assert [to_hex(h.get_markerfacecolor()) for h in ax.get_legend().legend_handles] == [c.lower() for c in SIDES]


def test_tone_matrix_draws_actors_by_bins_with_gaps_grey(ax):
    table = pd.DataFrame(
        {"actor": ["A", "A", "B", "B"], "bin": ["2024-01", "2024-02", "2024-01", "2024-02"], "tone": [0.5, np.nan, -1.0, 0.25]}
    )
    im = figures.tone_matrix(ax, table, column="bin", title="Over time", xlabel="month")
    values = im.get_array()
    assert values.shape == (2, 2) and values.mask.tolist() == [[False, True], [False, False]]
    assert im.get_clim() == (-1, 1)
    assert sorted(t.get_text() for t in ax.texts) == ["+0.25", "+0.50", "-1.00"]
    assert [t.get_text() for t in ax.get_xticklabels()] == ["2024-01", "2024-02"]
    with pytest.raises(ValueError, match="missing required column 'bin'"):
        figures.tone_matrix(ax, table.drop(columns="bin"), column="bin", title="", xlabel="")


def test_cooccurrence_colours_the_pairs_and_greys_the_diagonal(ax):
    names = ["A", "B", "C"]
    matrix = pd.DataFrame([[5, 2, 0], [2, 3, 1], [0, 1, 4]], index=names, columns=names)
    im = figures.cooccurrence(ax, matrix)
    values = im.get_array()
    assert values.mask.diagonal().all() and not values.mask[0, 1]
    assert im.get_clim() == (0, 2)  # the pairs' scale, not the diagonal's
    assert [t.get_text() for t in ax.texts] == ["5", "2", "0", "2", "3", "1", "0", "1", "4"]
    assert [t.get_weight() for t in ax.texts][0] == "bold"
    with pytest.raises(ValueError, match="matrix must be square"):
        figures.cooccurrence(ax, matrix.iloc[:, :2])


def test_actor_figure_sizes_grow_with_rows():
    assert sizes.actor_tone_size(40)[1] > sizes.actor_tone_size(5)[1] >= 2.8
    assert sizes.actor_matrix_size(10, 40)[0] == 14.0 and sizes.actor_matrix_size(2, 2) == (6.0, 3.0)
    assert sizes.cooccurrence_size(20)[0] > sizes.cooccurrence_size(3)[0]
