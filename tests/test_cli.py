"""The command's checks, in process: bad parameters stop ``python -m helpers.build`` with exit code 1
and a message before anything is built, and the comparison parameters are checked against the
articles they will be used on (``tests/test_build.py`` runs the command itself)."""

import pytest

from helpers import paths
from helpers.build import cli, selection
from helpers.build.kernels import HEADLESS_ENV

METADATA = f"file,outlet,date\n{paths.SEED_ID}.txt,AP,2019-12-30\nhostile.txt,Reuters,2020-01-02\n"


@pytest.fixture
def command(monkeypatch, tmp_path):
    """``cli.main`` with the build replaced by a test failure: a check that lets a bad value through
    fails the test instead of building the project."""

    def no_build(**kwargs):
        raise AssertionError(f"the build ran with {kwargs}")

    monkeypatch.setattr(cli, "build", no_build)
    monkeypatch.setattr(cli, "BUILD", tmp_path)
    monkeypatch.setattr(cli, "remove_stale_temporaries", lambda: None)
    for name, value in HEADLESS_ENV.items():  # main sets them; restored after the test
        monkeypatch.setenv(name, value)
    return cli.main


@pytest.mark.parametrize(
    "args, message",
    [
        (["--set", "bogus=1"], "unknown parameter 'bogus'"),
        (["--set", "n_topics=abc"], "n_topics must be of type int"),
        (["--set", "n_topics=-2"], "n_topics must be 0"),
        (["--set", "topic_method=pca"], "topic_method must be one of 'nmf', 'lda'; got 'pca'"),
        (["--set", "processed_dir=/tmp"], "processed_dir is set by the build"),
        (["--jobs", "0"], "--jobs must be at least 1"),
        (["--set", "smoothing_window=0"], "smoothing_window must be a positive number of paragraphs; got 0"),
        (["--set", "lowpass_components=-1"], "lowpass_components must be a positive integer; got -1"),
        (["--set", "time_unit=fortnight"], "time_unit must be one of 'day', 'week', 'month', 'quarter', 'year'"),
    ],
)
def test_bad_parameters_stop_the_command_before_it_builds(command, capsys, args, message):
    assert command(args) == 1
    err = capsys.readouterr().err
    assert err.startswith("error: ") and message in err


@pytest.fixture
def project(measured, tmp_path, monkeypatch):
    """The measured work folder as the project's, with a raw folder of the test's own."""
    raw = tmp_path / "raw"
    raw.mkdir()
    monkeypatch.setattr(paths, "RAW", raw)
    monkeypatch.setattr(paths, "PROCESSED", measured.path / "data" / "processed")
    monkeypatch.setattr(selection, "METADATA_STATE", tmp_path / "metadata.json")
    return raw


@pytest.mark.parametrize(
    "params, compare, message",
    [
        ({"group_by": "colour"}, None, "group_by must be a metadata column (outlet, dateline); got 'colour'"),
        ({}, "outlet=AP,outlet=BBC", "compare: the group 'outlet=BBC' has no articles; its values: AP, Reuters"),
        ({"compare": "outlet<AP,outlet=AP"}, None, "only = and != compare it"),
    ],
)
def test_comparison_parameters_are_checked_against_the_measured_articles(project, params, compare, message):
    (project / "metadata.csv").write_text(METADATA)
    with pytest.raises(ValueError) as error:
        selection.check_comparisons(params, compare)
    assert message in str(error.value)


def test_a_run_that_cleans_again_checks_names_not_the_stale_articles(project):
    """New articles with a metadata.csv naming a new column: the last measuring has neither, so a run
    that cleans again checks only that group_by names a column; its values wait for this run's articles."""
    (project / "metadata.csv").write_text("file,outlet\nnew.txt,AP\nnewer.txt,BBC\n")
    with pytest.raises(ValueError, match="group_by must be a metadata column"):
        selection.check_comparisons({"group_by": "outlet"})  # against the stale articles: the bug
    assert selection.check_comparisons({"group_by": "outlet"}, table=None) == []
    with pytest.raises(ValueError, match="group_by must name a column of metadata.csv.*got 'colour'"):
        selection.check_comparisons({"group_by": "colour"}, table=None)
