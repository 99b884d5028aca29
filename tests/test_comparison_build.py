"""The build with article metadata: what a metadata.csv edit reruns, the checks before any notebook,
the index's list of problems and the comparison report."""

import html
import json
import re

import pandas as pd
import pytest

from conftest import SEED, run_build

METADATA = f"file,outlet,date\n{SEED.name},AP,2019-12-30\nhostile.txt,Reuters,2020-01-02\nghost.txt,AP,2020-01-03\n"


def _executed(stdout: str) -> int:
    found = re.search(r"(\d+) notebook\(s\) executed", stdout)
    return int(found.group(1)) if found else 0


def test_without_metadata_the_new_sections_say_why(built):
    """No metadata.csv: the corpus report builds as before, and each new section says why it is absent."""
    page = (built.path / "reports" / "corpus_report.html").read_text()
    assert "There is no data/raw/metadata.csv" in page
    assert "This section is absent: no column of the articles holds dates" in page
    assert "This section is absent: no group_by column is chosen" in page
    assert "Problems in metadata.csv" not in (built.path / "reports" / "index.html").read_text()


def test_a_metadata_edit_reruns_only_the_reports(own_build):
    """Adding or editing metadata.csv reruns the corpus report, not cleaning, measuring or the article reports;
    its problems are listed in the index."""
    (own_build / "data" / "raw" / "metadata.csv").write_text(METADATA)
    result = run_build(own_build)
    assert result.returncode == 0, result.stderr
    assert "running 01_clean" not in result.stdout and "running 02_measure" not in result.stdout
    assert _executed(result.stdout) == 1  # the corpus report
    index = (own_build / "reports" / "index.html").read_text()
    assert "metadata.csv, row 3, column &#x27;file&#x27;: unknown file &#x27;ghost.txt&#x27;" in index
    page = (own_build / "reports" / "corpus_report.html").read_text()
    assert "Sentiment over time" in page and "This section is absent: no column of the articles holds dates" not in page
    (own_build / "data" / "raw" / "metadata.csv").write_text(METADATA.replace("Reuters", "BBC"))
    again = run_build(own_build)
    assert "running 0" not in again.stdout and _executed(again.stdout) == 1
    assert "no notebook executed" in run_build(own_build).stdout


def test_comparison_report_is_built_linked_and_kept_up_to_date(own_build):
    """--compare (make report COMPARE=...) builds reports/compare/<name>.html and the index links it;
    group_by fills the corpus report's group sections. After a metadata.csv edit a plain build reruns
    the comparison report with its sides; when its group is gone it is removed, saying why, and unlinked."""
    (own_build / "data" / "raw" / "metadata.csv").write_text(METADATA)
    result = run_build(own_build, "--set", "group_by=outlet", "--compare", "outlet=AP,outlet=Reuters")
    assert result.returncode == 0, result.stderr
    page = (own_build / "reports" / "compare" / "outlet-AP_vs_outlet-Reuters.html").read_text()
    assert "Word shift" in page and "Example paragraphs" in page and "outlet=Reuters minus outlet=AP" in page
    assert 'href="compare/outlet-AP_vs_outlet-Reuters.html"' in (own_build / "reports" / "index.html").read_text()
    corpus = (own_build / "reports" / "corpus_report.html").read_text()
    assert re.search(r"Figure \d+\. Mean article sentiment by outlet", corpus)
    assert re.search(r"Figure \d+\. Word shift from outlet=AP to outlet=Reuters", corpus)
    numbers = [int(n) for n in re.findall(r"<figcaption>Figure (\d+)\.", corpus)]
    assert len(numbers) >= 6 and numbers == list(range(1, len(numbers) + 1))  # numbered as shown: no gap, whichever sections are absent

    raw = own_build / "data" / "raw" / "metadata.csv"
    raw.write_text(METADATA.replace("2019-12-30", "2019-12-31"))  # same sides, other dates
    result = run_build(own_build, "--set", "group_by=outlet")
    assert result.returncode == 0, result.stderr
    assert "running comparison_report (outlet=AP,outlet=Reuters)" in result.stdout
    assert _executed(result.stdout) == 2  # the corpus report and the comparison report
    raw.write_text(METADATA.replace("Reuters", "BBC"))  # no Reuters any more
    result = run_build(own_build, "--set", "group_by=outlet")
    assert result.returncode == 0, result.stderr
    assert "removed reports/compare/outlet-AP_vs_outlet-Reuters.html" in result.stdout
    assert not (own_build / "reports" / "compare" / "outlet-AP_vs_outlet-Reuters.html").exists()
    assert "outlet-AP_vs_outlet-Reuters" not in (own_build / "reports" / "index.html").read_text()


def test_saved_metadata_problems_are_found_again_after_a_code_change(measured, tmp_path, monkeypatch):
    """The metadata problems the index lists are read back only while metadata.csv, the articles and the code are unchanged."""
    from helpers import paths
    from helpers.build import selection

    raw = tmp_path / "raw"
    raw.mkdir()
    (raw / "metadata.csv").write_text(METADATA)
    monkeypatch.setattr(paths, "RAW", raw)
    monkeypatch.setattr(paths, "PROCESSED", measured.path / "data" / "processed")
    monkeypatch.setattr(selection, "METADATA_STATE", tmp_path / "metadata.json")
    found = selection.check_comparisons({})
    assert any("ghost.txt" in p for p in found), found
    state = json.loads(selection.METADATA_STATE.read_text())
    selection.METADATA_STATE.write_text(json.dumps({**state, "problems": ["saved"]}))
    assert selection.check_comparisons({}) == ["saved"]  # nothing changed: read back
    monkeypatch.setattr(selection, "code_digest", lambda: "the helpers edited")
    assert selection.check_comparisons({}) == found  # the code changed: checked again


def test_bad_comparison_parameters_fail_before_any_notebook(own_build):
    """An unknown column, a bad time unit and a compare group with no articles stop the build before it runs anything."""
    (own_build / "data" / "raw" / "metadata.csv").write_text(METADATA)
    for args, message in (  # every message is tested in process (tests/test_cli.py); here, the command
        (("--set", "group_by=colour"), "group_by must be a metadata column (outlet, dateline); got 'colour'"),
        (("--compare", "outlet=AP,outlet=BBC"), "compare: the group 'outlet=BBC' has no articles; its values: AP, Reuters"),
    ):
        result = run_build(own_build, *args)
        assert result.returncode == 1 and message in result.stderr, result.stderr
        assert "running" not in result.stdout


def test_first_build_refuses_an_unknown_group_column_before_cleaning(tmp_path, build_runner):
    """Before anything is measured, group_by must at least name a column of metadata.csv or one the articles carry."""
    raw = tmp_path / "data" / "raw"
    raw.mkdir(parents=True)
    (raw / SEED.name).write_bytes(SEED.read_bytes())
    (raw / "metadata.csv").write_text(f"file,topic\n{SEED.name},x\n")
    result = build_runner(tmp_path, "--set", "group_by=colour")
    assert result.returncode == 1 and "running" not in result.stdout
    assert (
        "group_by must name a column of metadata.csv, of the corpus files or one the articles carry "
        "(meta_topic, dateline, site_name, published); got 'colour'" in result.stderr
    )


def test_first_build_checks_compare_before_any_report_runs(tmp_path, build_runner):
    """On a first build, a --compare group with no articles is refused once cleaning is done,
    before measuring and before the corpus, article or comparison report runs."""
    raw = tmp_path / "data" / "raw"
    raw.mkdir(parents=True)
    (raw / SEED.name).write_bytes(SEED.read_bytes())
    (raw / "metadata.csv").write_text(f"file,outlet\n{SEED.name},AP\n")
    result = build_runner(tmp_path, "--articles", "none", "--compare", "outlet=AP,outlet=BBC")
    assert result.returncode == 1 and "compare: the group 'outlet=BBC' has no articles" in result.stderr, result.stderr
    assert "running 01_clean" in result.stdout and "running 02_measure" not in result.stdout  # on this run's cleaning
    assert not list((tmp_path / "reports").glob("corpus_report.*")) and not (tmp_path / "reports" / "compare").exists()


NEW_ARTICLE = """Chicago:
Grain prices rose sharply on Tuesday after a report showed that stocks of wheat held by farmers were smaller than traders had expected.
Analysts said the rally could continue if dry weather persists across the southern plains, where the winter crop is struggling.
"The market was caught short," one broker said, adding that buyers had returned after a quiet week.
"""


def test_new_articles_with_a_new_metadata_column_are_checked_against_this_runs_cleaning(own_build):
    """A build without metadata, then a new article and a metadata.csv whose ``outlet`` column only
    the new article has, built at once with group_by=outlet: the parameter is checked against this
    run's cleaning (which has the new article), not the previous build's articles, and the build succeeds."""
    raw = own_build / "data" / "raw"
    assert not (raw / "metadata.csv").exists()
    (raw / "grain.txt").write_text(NEW_ARTICLE)
    (raw / "metadata.csv").write_text("file,outlet\ngrain.txt,AP\n")
    result = run_build(own_build, "--articles", "none", "--set", "group_by=outlet")
    assert result.returncode == 0, result.stdout + result.stderr
    assert "running 01_clean" in result.stdout and "running 02_measure" in result.stdout
    page = (own_build / "reports" / "corpus_report.html").read_text()
    assert re.search(r"Figure \d+\. Mean article sentiment by outlet", page)
    assert "This section is absent: column 'outlet' has fewer than two groups" in html.unescape(page)


def test_comparison_values_are_checked_on_the_table_given(tmp_path, monkeypatch):
    """In process: metadata.csv gives ``outlet`` only to an article that this run's cleaning has and
    the previous measuring has not. Against the stale articles group_by=outlet is refused; against
    this run's clean_articles (what the build checks before measuring) it passes."""
    from helpers import io, paths
    from helpers.build import selection

    raw, processed = tmp_path / "raw", tmp_path / "processed"
    raw.mkdir()
    processed.mkdir()
    (raw / "metadata.csv").write_text("file,outlet\nnew.txt,AP\n")
    row = {"source": "old.txt", "status": "ok", "problem": "", "dateline": "Washington", "published": "", "site_name": ""}
    io.write_table(pd.DataFrame([{"article_id": "old", **row}]), "articles", folder=processed)
    cleaned = pd.DataFrame([{"article_id": "old", **row}, {"article_id": "new", **row, "source": "new.txt", "dateline": "Chicago"}])
    io.write_table(cleaned, "clean_articles", folder=processed)
    monkeypatch.setattr(paths, "RAW", raw)
    monkeypatch.setattr(paths, "PROCESSED", processed)
    monkeypatch.setattr(selection, "METADATA_STATE", tmp_path / "metadata.json")
    with pytest.raises(ValueError, match=r"group_by must be a metadata column \(dateline\); got 'outlet'"):
        selection.check_comparisons({"group_by": "outlet"})
    assert selection.check_comparisons({"group_by": "outlet"}, table="clean_articles") == []
    assert selection.check_comparisons({"group_by": "outlet"}, table=None) == []  # before cleaning: the name is in metadata.csv
