"""Tests for helpers.figures: what each plot draws, its validation, and that labels never collide."""

import itertools

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402
import pandas as pd  # noqa: E402
import pytest  # noqa: E402
from matplotlib.colors import to_rgba  # noqa: E402

from helpers.figures import article as article_figures  # noqa: E402
from helpers.figures import base  # noqa: E402
from helpers.figures import comparison as comparison_figures  # noqa: E402
from helpers.figures import corpus as corpus_figures  # noqa: E402
from helpers.figures import validation as validation_figures  # noqa: E402

COMPOUNDS = [0.5, -0.3, 0.0, 0.8, -0.6, 0.2]
HEADING = "Markets react"
LABELS = ["1: russia, moscow, talks", "2: market, shares, investors", "3: election, vote, party"]
LONG_LABELS = [f"{i}: russia, moscow, negotiations, sanctions" if i % 2 else f"{i}: market, shares" for i in range(1, 11)]


@pytest.fixture(autouse=True)
def _close_figures():
    yield
    plt.close("all")


@pytest.fixture
def article():
    """Six body paragraphs with one heading between the 3rd and the 4th, rows shuffled."""
    rows = [dict(position=p, kind="body", text=f"paragraph {p}", compound=c) for p, c in zip([1, 2, 3, 5, 6, 7], COMPOUNDS)]
    rows.append(dict(position=4, kind="heading", text=HEADING, compound=np.nan))
    frame = pd.DataFrame(rows).assign(article_id="001_a")
    return frame.sample(frac=1, random_state=0).reset_index(drop=True)


@pytest.fixture
def weights():
    """Four paragraphs x three topics; the third paragraph has no topic terms."""
    values = [[0.7, 0.2, 0.1], [0.1, 0.8, 0.1], [np.nan] * 3, [0.3, 0.3, 0.4]]
    return pd.DataFrame(values, index=["¶1", "¶2", "¶3", "¶4"], columns=["topic_1", "topic_2", "topic_3"])


@pytest.fixture
def topic_terms():
    """Three topics x ten terms, weight falling with rank, rows shuffled."""
    rows = [
        dict(topic=t, rank=r, term=f"t{t}term{r}", weight=round(1 / r + t / 10, 4), label=LABELS[t - 1])
        for t in (1, 2, 3)
        for r in range(1, 11)
    ]
    return pd.DataFrame(rows).sample(frac=1, random_state=1).reset_index(drop=True)


@pytest.fixture
def corpus():
    """Body paragraphs of three articles: topic 1 x3, topic 2 x1, topic 3 empty, one no-terms."""
    w = [[0.8, 0.1, 0.1], [0.6, 0.3, 0.1], [0.2, 0.7, 0.1], [0.5, 0.2, 0.3], [np.nan] * 3]
    frame = pd.DataFrame(w, columns=["topic_1", "topic_2", "topic_3"])
    frame.insert(0, "article_id", ["a", "a", "b", "c", "c"])
    frame.insert(1, "kind", "body")
    frame["compound"] = [0.4, -0.2, 0.9, 0.0, -0.5]
    frame["topic"] = pd.array([1, 1, 2, 1, None], dtype="Int64")
    return frame


def _ax(figsize=(6, 4)):
    return plt.subplots(figsize=figsize, layout="constrained")


def _texts(axis):
    """Texts of the drawn tick labels, after a draw has placed them."""
    axis.figure.canvas.draw()
    return [t.get_text() for t in _drawn(axis)]


def _drawn(axis):
    """The tick labels matplotlib actually draws: visible, non-empty, inside the view."""
    lo, hi = sorted(axis.get_view_interval())
    return [
        label
        for loc, label in zip(axis.get_majorticklocs(), axis.get_majorticklabels())
        if lo - 1e-9 <= loc <= hi + 1e-9 and label.get_visible() and label.get_text()
    ]


def _assert_no_overlap(fig, axis):
    """The drawn tick labels of ``axis`` neither overlap one another nor leave the figure."""
    fig.canvas.draw()
    boxes = [t.get_window_extent() for t in _drawn(axis)]
    assert boxes
    for a, b in itertools.combinations(boxes, 2):
        width = min(a.x1, b.x1) - max(a.x0, b.x0)
        height = min(a.y1, b.y1) - max(a.y0, b.y0)
        assert width <= 0.5 or height <= 0.5, f"tick labels overlap: {a} and {b}"
    for box in boxes:
        assert fig.bbox.x0 - 1 <= box.x0 and box.x1 <= fig.bbox.x1 + 1, f"outside figure: {box}"
        assert fig.bbox.y0 - 1 <= box.y0 and box.y1 <= fig.bbox.y1 + 1, f"outside figure: {box}"


def _assert_titled_and_labelled(ax):
    assert ax.get_title() or ax.get_title(loc="left")
    assert ax.get_xlabel() and ax.get_ylabel()


# ---------------------------------------------------------------------------- sentiment_arc
def test_sentiment_arc_draws_one_bar_per_body_paragraph_in_position_order(article):
    """One bar per body paragraph at x = 1..n with heights in position order."""
    _, ax = _ax()
    drawn = article_figures.sentiment_arc(ax, article)
    bars = drawn["bars"].patches
    assert len(bars) == len(COMPOUNDS)
    np.testing.assert_allclose([b.get_x() + b.get_width() / 2 for b in bars], range(1, 7))
    np.testing.assert_allclose([b.get_height() for b in bars], COMPOUNDS)


def test_sentiment_arc_colours_bars_by_sign(article):
    """Positive bars are blue, negative vermillion, zero grey."""
    _, ax = _ax()
    bars = article_figures.sentiment_arc(ax, article)["bars"].patches
    expected = {1: base.POSITIVE, -1: base.NEGATIVE, 0: base.ZERO}
    for bar, value in zip(bars, COMPOUNDS):
        assert bar.get_facecolor() == to_rgba(expected[int(np.sign(value))])


def test_sentiment_arc_places_heading_between_paragraphs_3_and_4(article):
    """The heading's dashed line lies between body paragraphs 3 and 4 and carries its text."""
    _, ax = _ax()
    drawn = article_figures.sentiment_arc(ax, article)
    (line,) = drawn["headings"]
    x = line.get_xdata()
    assert 3 < x[0] < 4 and x[0] == x[1]
    assert line.get_linestyle() == "--"
    assert drawn["heading_labels"][0].get_text() == HEADING


@pytest.mark.parametrize("window", [1, 3, 4])
def test_sentiment_arc_line_is_centred_pandas_rolling_mean(article, window):
    """The smoothed line equals rolling(window, center=True, min_periods=1).mean()."""
    _, ax = _ax()
    line = article_figures.sentiment_arc(ax, article, window=window)["line"]
    expected = pd.Series(COMPOUNDS).rolling(window, center=True, min_periods=1).mean()
    np.testing.assert_allclose(line.get_xdata(), range(1, 7))
    np.testing.assert_allclose(line.get_ydata(), expected)
    legend = [t.get_text() for t in ax.get_legend().get_texts()]
    assert any(t.startswith(f"rolling mean ({window} paragraphs") for t in legend)


def test_sentiment_arc_fixes_y_limits_titles_and_labels(article):
    """y runs from -1 to 1 and the axes are titled (with the article id) and labelled."""
    _, ax = _ax()
    article_figures.sentiment_arc(ax, article)
    assert ax.get_ylim() == (-1, 1)
    assert "001_a" in ax.get_title()
    _assert_titled_and_labelled(ax)


@pytest.mark.parametrize("column", ["position", "kind", "text", "compound"])
def test_sentiment_arc_names_a_missing_column(article, column):
    """A missing required column raises ValueError naming it."""
    _, ax = _ax()
    with pytest.raises(ValueError, match=f"'{column}'"):
        article_figures.sentiment_arc(ax, article.drop(columns=column))


@pytest.mark.parametrize("window", [0, -2, 2.5, "3", True])
def test_sentiment_arc_rejects_a_bad_window(article, window):
    """window must be a positive int; the message shows the bad value."""
    _, ax = _ax()
    with pytest.raises(ValueError, match=f"window must be a positive int; got {window!r}"):
        article_figures.sentiment_arc(ax, article, window=window)


def test_sentiment_arc_rejects_several_articles(article):
    """Rows from two articles raise ValueError."""
    _, ax = _ax()
    two = pd.concat([article, article.assign(article_id="002_b")])
    with pytest.raises(ValueError, match="ONE article"):
        article_figures.sentiment_arc(ax, two)


def test_sentiment_arc_labels_a_leading_heading_inside_the_axes(article):
    """A heading before the first paragraph sits at x = 0.5, its label right of the line."""
    lead = pd.concat([article, pd.DataFrame([dict(position=0, kind="heading", text="Intro", compound=np.nan, article_id="001_a")])])
    fig, ax = _ax()
    drawn = article_figures.sentiment_arc(ax, lead)
    assert [line.get_xdata()[0] for line in drawn["headings"]] == [0.5, 3.5]
    fig.canvas.draw()
    assert drawn["heading_labels"][0].get_window_extent().x0 >= ax.get_window_extent().x0


def test_sentiment_arc_long_article_keeps_ticks_apart():
    """Forty paragraphs and a long heading draw without overlapping tick labels."""
    rows = pd.DataFrame(
        dict(
            position=range(1, 42),
            kind=["body"] * 20 + ["heading"] + ["body"] * 20,
            text="A very long section heading that goes on and on and on",
            compound=np.linspace(-1, 1, 41),
        )
    )
    fig, ax = _ax((9, 4))
    article_figures.sentiment_arc(ax, rows)
    _assert_no_overlap(fig, ax.xaxis)
    _assert_no_overlap(fig, ax.yaxis)


# ---------------------------------------------------------------------------- topic_heatmap
def test_topic_heatmap_masks_the_no_terms_row(weights):
    """The all-NaN paragraph is masked and drawn in the 'no terms' grey."""
    _, ax = _ax()
    im = article_figures.topic_heatmap(ax, weights, LABELS)
    mask = np.ma.getmaskarray(im.get_array())
    assert mask[2].all() and not mask[[0, 1, 3]].any()
    assert im.cmap.get_bad() == pytest.approx(to_rgba(base.NO_TERMS))
    assert "no topic terms" in [t.get_text() for t in ax.get_legend().get_texts()]


def test_topic_heatmap_labels_ticks_and_colorbar(weights):
    """x ticks carry the (wrapped) topic labels, y ticks the paragraphs, the colour bar a title."""
    fig, ax = _ax()
    article_figures.topic_heatmap(ax, weights, LABELS)
    assert [t.replace("\n", " ") for t in _texts(ax.xaxis)] == LABELS
    assert all(len(line) <= 18 for t in _texts(ax.xaxis) for line in t.split("\n"))
    assert _texts(ax.yaxis) == list(weights.index)
    (cbar_ax,) = [a for a in fig.axes if a is not ax]
    assert cbar_ax.get_ylabel() == "topic weight"
    _assert_titled_and_labelled(ax)


def test_topic_heatmap_thins_row_labels_beyond_40():
    """With 100 paragraphs at most 40 row labels are shown."""
    w = pd.DataFrame(np.full((100, 3), 1 / 3), index=[f"¶{i}" for i in range(1, 101)], columns=["topic_1", "topic_2", "topic_3"])
    fig, ax = _ax((6, 12))
    article_figures.topic_heatmap(ax, w, LABELS)
    assert 0 < len(_texts(ax.yaxis)) <= 40


def test_topic_heatmap_rejects_mismatched_labels(weights):
    """One label per column is required."""
    _, ax = _ax()
    with pytest.raises(ValueError, match="one label per column of weights \\(3\\); got 2"):
        article_figures.topic_heatmap(ax, weights, LABELS[:2])


@pytest.mark.parametrize("figsize", [(9, 6), (6, 4), (4, 3)])
def test_topic_heatmap_long_labels_do_not_overlap(figsize):
    """Ten long topic labels and 55 paragraphs fit without overlapping tick labels."""
    rng = np.random.default_rng(0)
    w = pd.DataFrame(rng.dirichlet(np.ones(10), 55), index=[f"¶{i}" for i in range(1, 56)], columns=[f"topic_{i}" for i in range(1, 11)])
    fig, ax = _ax(figsize)
    article_figures.topic_heatmap(ax, w, LONG_LABELS)
    _assert_no_overlap(fig, ax.xaxis)
    _assert_no_overlap(fig, ax.yaxis)


# ---------------------------------------------------------------------------- top_terms
def test_top_terms_draws_heaviest_terms_from_the_top(topic_terms):
    """n_terms bars per topic, weights falling from top to bottom, terms in rank order."""
    fig, axes = article_figures.top_terms_grid(3)
    containers = article_figures.top_terms(axes, topic_terms, n_terms=5)
    fig.canvas.draw()
    assert len(containers) == 3
    for topic, (ax, bars) in enumerate(zip(axes, containers), start=1):
        assert len(bars.patches) == 5
        top_down = sorted(bars.patches, key=lambda p: -ax.transData.transform((0, p.get_y() + p.get_height() / 2))[1])
        widths = [p.get_width() for p in top_down]
        assert widths == sorted(widths, reverse=True)
        assert widths[0] == topic_terms.query("topic == @topic")["weight"].max()
        labels = sorted(_drawn(ax.yaxis), key=lambda t: -t.get_window_extent().y0)
        assert [t.get_text() for t in labels] == [f"t{topic}term{r}" for r in range(1, 6)]
        assert ax.get_title() == f"Topic {topic}"


def test_top_terms_turns_off_extra_axes(topic_terms):
    """A 2x3 grid for three topics leaves the spare panels off."""
    fig, axes = plt.subplots(2, 3)
    article_figures.top_terms(axes, topic_terms)
    assert [a.axison for a in axes.ravel()] == [True] * 3 + [False] * 3


def test_top_terms_needs_an_axes_per_topic(topic_terms):
    """Fewer axes than topics raises ValueError."""
    fig, axes = plt.subplots(1, 2)
    with pytest.raises(ValueError, match="at least one Axes per topic \\(3\\); got 2"):
        article_figures.top_terms(axes, topic_terms)


def test_top_terms_names_a_missing_column(topic_terms):
    """A missing weight column raises ValueError naming it."""
    fig, axes = article_figures.top_terms_grid(3)
    with pytest.raises(ValueError, match="'weight'"):
        article_figures.top_terms(axes, topic_terms.drop(columns="weight"))


def test_top_terms_grid_has_one_panel_per_topic_at_least():
    """Five topics in three columns: a constrained 2x3 grid, flattened."""
    fig, axes = article_figures.top_terms_grid(5, ncols=3, panel_size=(3, 2))
    assert len(axes) == 6
    assert tuple(fig.get_size_inches()) == (9, 4)
    assert fig.get_layout_engine().__class__.__name__ == "ConstrainedLayoutEngine"


def test_top_terms_long_terms_do_not_overlap(topic_terms):
    """Twelve long terms per panel fit without overlapping tick labels."""
    long = topic_terms.assign(term=topic_terms["term"] + "_extraordinarily_long_word")
    fig, axes = article_figures.top_terms_grid(3)
    article_figures.top_terms(axes, long, n_terms=10)
    for ax in axes:
        _assert_no_overlap(fig, ax.yaxis)
        _assert_no_overlap(fig, ax.xaxis)


# ---------------------------------------------------------------------------- sentiment_by_topic
def test_sentiment_by_topic_handles_empty_and_single_topics(corpus):
    """Topic 3 (no paragraphs) and topic 2 (one) draw; n shows in ticks; the drop is noted."""
    _, ax = _ax()
    drawn = article_figures.sentiment_by_topic(ax, corpus, LABELS)
    ticks = _texts(ax.xaxis)
    assert [t.rsplit("\n", 1)[-1] for t in ticks] == ["(n=3)", "(n=1)", "(n=0)"]
    assert len(drawn["points"].get_offsets()) == 4
    assert len(drawn["boxplot"]["medians"]) == 2
    assert "1 paragraph without topic terms left out" in ax.get_title()
    assert drawn["zero_line"].get_ydata()[0] == 0
    _assert_titled_and_labelled(ax)


def test_sentiment_by_topic_draws_when_no_paragraph_has_a_topic(corpus):
    """With every topic missing there is no box, no point, and the title counts all five."""
    _, ax = _ax()
    drawn = article_figures.sentiment_by_topic(ax, corpus.assign(topic=pd.NA), LABELS)
    assert drawn["boxplot"] is None and len(drawn["points"].get_offsets()) == 0
    assert "5 paragraphs without topic terms" in ax.get_title()


def test_sentiment_by_topic_jitter_is_deterministic(corpus):
    """Two draws place the points identically, each within its topic's column."""
    offsets = []
    for _ in range(2):
        _, ax = _ax()
        offsets.append(article_figures.sentiment_by_topic(ax, corpus, LABELS)["points"].get_offsets())
    np.testing.assert_array_equal(offsets[0], offsets[1])
    topics = corpus["topic"].dropna().to_numpy(dtype=float)
    assert np.all(np.abs(offsets[0][:, 0] - topics) < 0.3)
    np.testing.assert_allclose(offsets[0][:, 1], corpus["compound"][:4])


def test_sentiment_by_topic_names_a_missing_column(corpus):
    """A missing topic column raises ValueError naming it."""
    _, ax = _ax()
    with pytest.raises(ValueError, match="'topic'"):
        article_figures.sentiment_by_topic(ax, corpus.drop(columns="topic"), LABELS)


def test_sentiment_by_topic_long_labels_do_not_overlap():
    """Ten long topic labels with their counts fit without overlapping."""
    rng = np.random.default_rng(0)
    rows = pd.DataFrame(dict(compound=rng.uniform(-1, 1, 200), topic=pd.array(rng.integers(1, 11, 200), dtype="Int64")))
    fig, ax = _ax((10, 5))
    article_figures.sentiment_by_topic(ax, rows, LONG_LABELS)
    _assert_no_overlap(fig, ax.xaxis)


# ---------------------------------------------------------------------------- corpus level
def test_article_sentiment_distribution_counts_ok_articles_and_marks_mean():
    """Bars count the 'ok' articles and the dashed line sits at their mean."""
    articles = pd.DataFrame(dict(status=["ok", "ok", "ok", "skipped"], compound_mean=[0.2, -0.4, 0.5, np.nan]))
    _, ax = _ax()
    drawn = corpus_figures.article_sentiment_distribution(ax, articles)
    assert sum(p.get_height() for p in drawn["bars"].patches) == 3
    assert drawn["mean_line"].get_xdata()[0] == pytest.approx(0.1)
    assert drawn["annotation"] is None
    assert "3 articles" in ax.get_title()
    _assert_titled_and_labelled(ax)


def test_article_sentiment_distribution_annotates_a_single_article():
    """One article draws one bar and an annotation."""
    _, ax = _ax()
    drawn = corpus_figures.article_sentiment_distribution(ax, pd.DataFrame(dict(compound_mean=[0.18])))
    assert [p.get_height() for p in drawn["bars"].patches if p.get_height()] == [1]
    assert "only one article" in drawn["annotation"].get_text()


def test_topic_prevalence_sorts_mean_weights_largest_on_top(corpus):
    """Bars are mean weights over paragraphs with terms, largest at the top."""
    fig, ax = _ax()
    bars = corpus_figures.topic_prevalence(ax, corpus, LABELS)
    fig.canvas.draw()
    expected = corpus[["topic_1", "topic_2", "topic_3"]].dropna().mean()
    top_down = sorted(bars.patches, key=lambda p: -ax.transData.transform((0, p.get_y() + p.get_height() / 2))[1])
    np.testing.assert_allclose([p.get_width() for p in top_down], expected.sort_values(ascending=False))
    assert _texts(ax.yaxis)[0].replace("\n", " ") == LABELS[0]
    assert "4 body paragraphs" in ax.get_title()


def test_topic_prevalence_long_labels_do_not_overlap():
    """Ten long topic labels fit the bar chart without overlapping."""
    rng = np.random.default_rng(0)
    rows = pd.DataFrame(rng.dirichlet(np.ones(10), 50), columns=[f"topic_{i}" for i in range(1, 11)])
    fig, ax = _ax((7, 5))
    corpus_figures.topic_prevalence(ax, rows, LONG_LABELS)
    _assert_no_overlap(fig, ax.yaxis)


def test_article_topic_matrix_orders_articles_by_dominant_topic(corpus):
    """Few articles: one row each, article means, grouped by dominant topic."""
    _, ax = _ax()
    im = corpus_figures.article_topic_matrix(ax, corpus, LABELS)
    rows = im.get_array()
    assert rows.shape == (3, 3)
    assert _texts(ax.yaxis) == ["a", "c", "b"]  # topic 1 (0.7, then 0.5), topic 2
    np.testing.assert_allclose(rows[0], [0.7, 0.2, 0.1])


def test_article_topic_matrix_aggregates_a_large_corpus():
    """2,225 articles become max_rows pure bins, said in the y label, with legible ticks."""
    rng = np.random.default_rng(0)
    n, k = 2225, 10
    w = rng.dirichlet(np.ones(k) * 0.2, n * 3)
    w[rng.random(n * 3) < 0.02] = np.nan
    rows = pd.DataFrame(w, columns=[f"topic_{i}" for i in range(1, k + 1)])
    rows.insert(0, "article_id", np.repeat(np.arange(n), 3))
    fig, ax = _ax((8, 8))
    im = corpus_figures.article_topic_matrix(ax, rows, LONG_LABELS, max_rows=60)
    data = im.get_array()
    assert data.shape == (60, k)
    dominant = np.argmax(data.filled(-1), axis=1)
    assert np.all(np.diff(dominant) >= 0)
    assert "2225 articles" in ax.get_ylabel() and "60 bins" in ax.get_ylabel()
    _assert_no_overlap(fig, ax.yaxis)
    _assert_no_overlap(fig, ax.xaxis)


def test_article_topic_matrix_groups_no_terms_articles_last():
    """Articles with no topic terms form a final grey group, named in the y ticks."""
    rng = np.random.default_rng(1)
    w = rng.dirichlet(np.ones(3), 200)
    w[:20] = np.nan
    rows = pd.DataFrame(w, columns=["topic_1", "topic_2", "topic_3"]).assign(article_id=np.arange(200))
    fig, ax = _ax((6, 6))
    im = corpus_figures.article_topic_matrix(ax, rows, LABELS, max_rows=30)
    mask = np.ma.getmaskarray(im.get_array()).all(axis=1)
    assert mask[-1] and not mask[0]
    assert _texts(ax.yaxis)[-1] == "no terms (20)"


def test_correlation_bars_one_group_per_set_with_intervals_where_given():
    """Bars in the first series' set order; error bars only for series with an interval."""
    published = pd.DataFrame({"r": [0.88, 0.45]}, index=["tweets", "movies"])
    ours = pd.DataFrame({"r": [0.40, 0.87], "ci_low": [0.3, 0.85], "ci_high": [0.5, 0.89]}, index=["movies", "tweets"])
    fig, ax = plt.subplots()
    published_bars, our_bars = validation_figures.correlation_bars(ax, {"published": published, "ours": ours})
    assert [b.get_height() for b in published_bars] == [0.88, 0.45]
    assert [b.get_height() for b in our_bars] == pytest.approx([0.87, 0.40])  # reordered to tweets, movies
    assert published_bars.errorbar is None and our_bars.errorbar is not None
    assert [t.get_text() for t in ax.get_xticklabels()] == ["tweets", "movies"]
    assert [t.get_text() for t in ax.get_legend().get_texts()] == ["published", "ours"]
    with pytest.raises(ValueError, match="at least one"):
        validation_figures.correlation_bars(ax, {})
    plt.close(fig)


# ---------------------------------------------------------------------------- time and groups
@pytest.fixture
def over_time():
    """Five weekly bins across a year boundary; the third is empty and the fourth thin."""
    from helpers.analysis.groups import sentiment_over_time

    dates = pd.to_datetime(["2019-12-16"] * 6 + ["2019-12-23"] * 6 + ["2020-01-06"] * 2 + ["2020-01-13"] * 6)
    values = np.linspace(-0.5, 0.5, len(dates))
    return sentiment_over_time(pd.DataFrame({"date": dates, "compound_mean": values}), "date", "week")


def test_sentiment_over_time_marks_thin_bins_hollow_and_counts_every_bin(over_time):
    """One point per bin, hollow where thin; the count bars cover every bin, empty ones at 0."""
    fig, ax = plt.subplots()
    drawn = corpus_figures.sentiment_over_time(ax, over_time)
    faces = drawn["points"].get_facecolors()
    assert len(over_time) == 5 and [b.get_height() for b in drawn["counts"]] == [6, 6, 0, 2, 6]
    assert to_rgba("white") == tuple(faces[3]) and to_rgba("black") == tuple(faces[0])
    assert [t.get_text() for t in ax.get_xticklabels()][0] == "2019-12-16"


def test_topics_over_time_reads_with_20_topics_and_60_bins():
    """Rows are topics and columns bins; at most 12 bin labels and every topic label fit."""
    bins = pd.period_range("2020-01", periods=60, freq="M")
    shares = pd.DataFrame(np.full((60, 20), 0.05), index=bins, columns=[f"topic_{i}" for i in range(1, 21)])
    fig, ax = plt.subplots(figsize=(9, 8), layout="constrained")
    im = corpus_figures.topics_over_time(ax, shares, [f"{i}: word, other, third" for i in range(1, 21)])
    fig.canvas.draw()
    assert im.get_array().shape == (20, 60)
    assert len(ax.get_xticks()) <= 12 and len(ax.yaxis.get_major_locator()()) == 20


def test_group_means_and_pairwise_differences_draw_intervals():
    """Forest plots: one interval per row, hollow for thin groups and non-significant pairs."""
    table = pd.DataFrame(
        {"group": ["A", "B"], "n": [40, 3], "mean": [0.4, -0.2], "ci_low": [0.3, -0.5], "ci_high": [0.5, 0.1], "thin": [False, True]}
    )
    fig, ax = plt.subplots()
    points = corpus_figures.group_means(ax, table)
    assert to_rgba("white") == tuple(points.get_facecolors()[1])
    pairs = pd.DataFrame({"a": ["A"], "b": ["B"], "difference": [0.6], "ci_low": [0.3], "ci_high": [0.9], "significant": [True]})
    fig, ax = plt.subplots()
    points = corpus_figures.pairwise_differences(ax, pairs)
    assert tuple(points.get_facecolors()[0]) == to_rgba(base.POSITIVE)


def test_word_shift_draws_the_top_words_largest_on_top():
    """One bar per word, largest contribution first, pale and hatched when less frequent in B."""
    from helpers.analysis.groups import word_shift

    shift = word_shift({"good": 3, "bad": 1, "fine": 2}, {"good": 1, "bad": 3, "fine": 2}, {"good": 2.0, "bad": -2.0, "fine": 0.8})
    fig, ax = plt.subplots()
    bars = comparison_figures.word_shift(ax, shift, labels=("before", "after"))
    assert [round(b.get_width(), 3) for b in bars] == [round(v, 3) for v in shift["contribution"]]
    assert bars[1].get_hatch() == "///" and "difference -1.333" in ax.get_title(loc="left")


def test_topic_shares_by_group_and_comparison_figures():
    """The group heatmap has one row per group; the distributions and arcs draw one line per side."""
    shares = pd.DataFrame({"topic_1": [0.7, 0.2], "topic_2": [0.3, 0.8], "n": [10, 12]}, index=["A", "B"])
    fig, ax = plt.subplots()
    assert comparison_figures.topic_shares_by_group(ax, shares, ["1: a", "2: b"]).get_array().shape == (2, 2)
    fig, ax = plt.subplots()
    assert len(comparison_figures.sentiment_distributions(ax, [[0.1, 0.2], [-0.3]], ["A", "B"])) == 2
    arc = pd.DataFrame({"position": [0.25, 0.75], "mean": [0.1, 0.2], "ci_low": [0.0, 0.1], "ci_high": [0.2, 0.3]})
    fig, ax = plt.subplots()
    assert len(comparison_figures.mean_arcs(ax, {"A": arc, "B": arc})) == 2


def test_article_topic_matrix_draws_the_articles_own_weights():
    """Given the articles table (one row per article, no ``kind``), each row is that article's weights."""
    articles = pd.DataFrame({"article_id": ["b", "a"], "topic_1": [0.1, 0.6], "topic_2": [0.8, 0.3], "topic_3": [0.1, 0.1], "status": "ok"})
    _, ax = _ax()
    rows = corpus_figures.article_topic_matrix(ax, articles, LABELS).get_array()
    np.testing.assert_allclose(rows, [[0.6, 0.3, 0.1], [0.1, 0.8, 0.1]])
    assert _texts(ax.yaxis) == ["a", "b"]


def test_figure_sizes_grow_with_rows_above_a_floor():
    """Each size is (width, height): the floor for few rows, then a fixed height per row."""
    from helpers.figures import sizes

    assert sizes.heatmap_size(1) == (8, 3) and sizes.heatmap_size(20) == (8, 0.28 * 20 + 1.5)
    assert sizes.topic_prevalence_size(0) == (8, 2.5) and sizes.topics_over_time_size(10) == (9, 0.32 * 10 + 1.6)
    assert sizes.forest_size(30) == (8, 0.26 * 30 + 1.4) and sizes.topic_shares_size(2) == (9, 3)
