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


def test_every_rule_is_for_a_declared_parameter():
    """RULES names only parameters some notebook declares (a renamed parameter cannot keep a stale rule)."""
    from helpers import paths
    from helpers.analysis.params import RULES, notebook_parameters

    declared = {name for nb in paths.NOTEBOOKS.glob("*.ipynb") for name in notebook_parameters(nb.stem)}
    assert set(RULES) <= declared, set(RULES) - declared


def test_rules_made_from_data_give_the_same_kind_of_message():
    """A rule made from the data (columns, a count) names the parameter, the rule with its allowed values, and the value;
    empty passes where empty means unset."""
    from helpers.analysis.params import between, check, column_of, one_of

    with pytest.raises(ValueError, match=r"^n_topics must be between 1 and the number of articles \(3\); got 4$"):
        check({"n_topics": 4}, {"n_topics": (between(1, 3, "between 1 and the number of articles (3)"),)})
    with pytest.raises(ValueError, match=r"^group_by must be a metadata column \(none: no column\); got 'x'$"):
        check({"group_by": "x"}, {"group_by": (column_of([], "be a metadata column", none="none: no column"),)})
    check(
        {"group_by": "", "time_unit": ""},
        {"group_by": (column_of([], "be a column", none="none"),), "time_unit": (one_of(("day",), empty="auto"),)},
    )
    with pytest.raises(ValueError, match=r"^time_unit must be one of 'day' \(or empty: auto\); got 'week'$"):
        check({"time_unit": "week"}, {"time_unit": (one_of(("day",), empty="auto"),)})
