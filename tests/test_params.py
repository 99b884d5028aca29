"""Tests for helpers.analysis.params: parameters read from the notebooks and checked before anything runs."""

import pytest

from helpers.analysis.params import notebook_parameters, parse_overrides


def test_parameters_come_from_the_parameters_cell():
    """Names, annotated types and defaults are read from each notebook's parameters cell."""
    params = notebook_parameters("02_measure")
    assert params["n_topics"] == ("int", 0)
    assert params["topic_method"] == ("str", "nmf")
    assert notebook_parameters("article_report")["smoothing_window"] == ("int", 3)


def test_overrides_go_to_every_notebook_that_declares_them():
    """A name declared by two notebooks (processed_dir is build-owned; n_topics only in measuring) is routed."""
    out = parse_overrides(["n_topics=4", "smoothing_window=5"], ["02_measure", "article_report"])
    assert out == {"02_measure": {"n_topics": 4}, "article_report": {"smoothing_window": 5}}


@pytest.mark.parametrize(
    "pair, message",
    [
        ("nope=1", "unknown parameter 'nope'"),
        ("n_topics", "unknown parameter 'n_topics'"),
        ("n_topics=two", "n_topics must be of type int; got 'two'"),
        ("sentiment_scorer=bert", "sentiment_scorer must be one of 'vader', 'news'; got 'bert'"),
        ("sentiment_scorer=news", "needs scorer_training_dir"),
        ("article_id=x", "choose articles with --articles"),
    ],
)
def test_bad_overrides_are_refused(pair, message):
    """Unknown names, wrong types, values outside the allowed set and build-owned names fail with the value named."""
    with pytest.raises(ValueError, match=message.replace("(", r"\(").replace(")", r"\)")):
        parse_overrides([pair], ["02_measure", "article_report"])


def test_missing_notebook():
    """Asking for a notebook that does not exist names it."""
    with pytest.raises(ValueError, match="no notebook nope.ipynb"):
        notebook_parameters("nope")
