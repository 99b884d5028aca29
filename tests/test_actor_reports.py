"""The reports' actors: the actors and min_mentions parameters, the DuckDB aggregates, the article's
actors and their sentences, the corpus's actors by time, group and side, the empty cases, and the
seed's article report page."""

import re

import numpy as np
import pandas as pd
import pytest

from helpers import io, paths
from helpers.analysis import params, stats
from helpers.corpus import aggregates
from helpers.report import actors as report_actors
from helpers.report import data as reportdata
from helpers.report import parts as reportparts

SEED_ID = paths.SEED_ID
NOTEBOOKS = ["article_report", "corpus_report", "comparison_report"]

STORIES = {
    "alpha": "Moscow, Jan 3\n\nVladimir Putin praised the excellent new trade agreement with Germany.\n\n"
    "Germany welcomed the wonderful progress, and Putin thanked Angela Merkel warmly.\n\n"
    "Angela Merkel said Russia was a great partner in the talks.\n",
    "beta": "Berlin, Feb 9\n\nAngela Merkel condemned the brutal attack and blamed Russia for the terrible violence.\n\n"
    "Vladimir Putin denied the awful accusations, and Russia threatened Germany.\n\n"
    "Germany said the crisis was a disaster for Europe.\n",
    "gamma": "Paris, Mar 14\n\nEmmanuel Macron met Vladimir Putin and called the meeting useful.\n\n"
    "Russia and France agreed a fragile ceasefire, but Putin warned of a grave danger.\n\n"
    "Germany and Angela Merkel supported the good plan warmly.\n",
    "quiet": "the committee met on tuesday and the members discussed the budget at some length.\n\n"
    "nothing was decided and the meeting ended in the evening after a long and quiet debate.\n",
}
METADATA = "file,outlet,published\n" + "\n".join(
    f"{name}.txt,{outlet},{date}"
    for name, outlet, date in [
        ("alpha", "Wire", "2024-01-03"),
        ("beta", "Daily", "2024-02-09"),
        ("gamma", "Wire", "2024-03-14"),
        ("quiet", "Daily", "2024-03-20"),
    ]
)


def _measure(workdir):
    """Clean and measure ``workdir/data/raw`` in this process, as the stage notebooks do."""
    from helpers.build.steps import measuring_parameters
    from helpers.corpus.partitions import clean_partitions, measure_partitions
    from helpers.text.clean import Cleaner

    processed = workdir / "data" / "processed"
    cleaned = clean_partitions(workdir / "data" / "raw", processed, Cleaner())
    io.write_table(cleaned.skipped, "skipped", folder=processed, csv=True)
    measure_partitions(processed)
    io.write_json({"parameters": measuring_parameters({})}, processed / io.MANIFEST)
    return processed


@pytest.fixture(scope="module")
def corpus(tmp_path_factory):
    """The seed and four short stories (three sharing Putin, Merkel, Russia and Germany; one naming
    no actor) with an outlet and a date each, measured in process: the processed folder."""
    workdir = tmp_path_factory.mktemp("actors")
    raw = workdir / "data" / "raw"
    raw.mkdir(parents=True)
    (raw / f"{SEED_ID}.txt").write_bytes((paths.RAW / f"{SEED_ID}.txt").read_bytes())
    for name, text in STORIES.items():
        (raw / f"{name}.txt").write_text(text)
    (raw / "metadata.csv").write_text(METADATA + "\n")
    return _measure(workdir)


@pytest.fixture(scope="module")
def silent(tmp_path_factory):
    """A corpus whose one article names no actor: the processed folder."""
    workdir = tmp_path_factory.mktemp("silent")
    raw = workdir / "data" / "raw"
    raw.mkdir(parents=True)
    (raw / "quiet.txt").write_text(STORIES["quiet"] * 3)
    return _measure(workdir)


# Parameters


def test_params_check_refuses_bad_actor_parameters(tmp_path):
    params.check({"min_mentions": 1, "actors": "", "actors_file": ""})
    params.check({"actors": "Vladimir Putin, Russia"})
    with pytest.raises(ValueError, match=r"^min_mentions must be a positive number of mentions; got 0$"):
        params.check({"min_mentions": 0})
    with pytest.raises(ValueError, match=r"actors must be actor names separated by commas, or the path of an existing actor-list CSV; got"):
        params.check({"actors": str(tmp_path / "none.csv")})


def test_make_report_params_reach_every_report_notebook():
    overrides = params.parse_overrides(["actors=Vladimir Putin,Russia", "min_mentions=2"], NOTEBOOKS)
    for name in NOTEBOOKS:
        assert overrides[name] == {"actors": "Vladimir Putin,Russia", "min_mentions": 2}
    assert params.notebook_parameters("article_report")["min_mentions"] == ("int", 1)
    assert params.notebook_parameters("corpus_report")["min_mentions"] == ("int", 5)
    with pytest.raises(ValueError, match="min_mentions must be a positive number of mentions; got 0"):
        params.parse_overrides(["min_mentions=0"], NOTEBOOKS)
    with pytest.raises(ValueError, match="parameter min_mentions must be of type int; got 'many'"):
        params.parse_overrides(["min_mentions=many"], NOTEBOOKS)


def test_an_unknown_actor_is_refused_with_the_closest_names(measured):
    processed = measured.path / "data" / "processed"
    with pytest.raises(ValueError, match=r"^actors must name actors that the corpus mentions \(closest: Barack Obama\); got 'Obama'$"):
        reportdata.load_article(SEED_ID, processed_dir=str(processed), actors="Russia, Obama")
    with pytest.raises(ValueError, match=r"\(no actor of the corpus has a close name\); got 'Xyzzy Plugh'"):
        reportdata.load_corpus(processed_dir=str(processed), actors="Xyzzy Plugh")
    with pytest.raises(ValueError, match="min_mentions must be a positive number of mentions; got 0"):
        reportdata.load_article(SEED_ID, processed_dir=str(processed), min_mentions=0)


def test_actor_names_are_matched_case_aside_and_an_actor_list_shows_its_actors(measured, tmp_path):
    processed = measured.path / "data" / "processed"
    chosen = report_actors.select_actors("russia ,VLADIMIR PUTIN, Russia", processed)
    assert chosen.actors == ["Russia", "Vladimir Putin"] and not chosen.missing
    assert report_actors.select_actors("Vladimir_Putin", processed).actors == ["Vladimir Putin"]  # make's PARAMS split at spaces
    listed = tmp_path / "mine.csv"
    listed.write_text("actor,aliases,group\nRussia,Moscow|Kremlin,state\nAtlantis,,myth\n")
    chosen = report_actors.select_actors(str(listed), processed)
    assert chosen.actors == ["Russia"] and chosen.missing == ("Atlantis",) and "mine.csv" in chosen.how
    assert report_actors.select_actors("", processed).actors is None


# Aggregates


def test_actor_aggregates_count_and_filter_in_sql(measured):
    processed = measured.path / "data" / "processed"
    rows = io.read_table("article_actors", folder=processed)
    totals = aggregates.actor_totals(processed)
    assert totals["mentions"].sum() == rows["mentions"].sum() and totals["mentions"].is_monotonic_decreasing
    russia = totals.set_index("actor").loc["Russia"]
    assert russia["articles"] == 1 and russia["tone"] == pytest.approx(rows.set_index("actor").loc["Russia", "tone"])
    top = aggregates.actor_totals(processed, min_mentions=3, limit=4)
    assert len(top) == 4 and (top["mentions"] >= 3).all() and list(top["actor"]) == list(totals["actor"].head(4))
    assert list(aggregates.actor_totals(processed, actors=["Russia", "Nobody"])["actor"]) == ["Russia"]
    assert set(aggregates.actor_articles(processed, ["Russia", "Iran"])["actor"]) == {"Russia", "Iran"}
    pairs = aggregates.actor_pairs(processed, ["Russia", "Iran"])
    assert len(pairs) == 4 and set(pairs["articles"]) == {1}
    assert aggregates.match_actors(processed, ["RUSSIA", "nobody"]) == {"russia": "Russia"}
    assert aggregates.close_actors(processed, "Putin")[0] == "Vladimir Putin"


def test_cluster_difference_resamples_each_sides_articles():
    d, low, high = stats.cluster_difference_ci([1, 1, 1, 0], ["a", "a", "b", "c"], [0, 0, -1, 0], ["d", "d", "e", "f"])
    assert d == pytest.approx(0.75 - (-0.25)) and low <= d <= high
    assert np.isnan(stats.cluster_difference_ci([1, 0], ["a", "a"], [0, 1], ["b", "c"])[1])  # one article on a side
    assert np.isnan(stats.cluster_difference_ci([], [], [0.5], ["b"])[0])


# The article report


def test_article_actors_give_each_actor_its_tone_and_sentences(measured):
    data = reportdata.load_article(SEED_ID, processed_dir=str(measured.path / "data" / "processed"))
    shown = data.actors.summary().set_index("actor")
    assert {"Barack Obama", "Vladimir Putin", "Russia"} <= set(shown.index)
    assert set(shown.loc["Barack Obama", "written as"].split(", ")) == {"Barack Obama", "Obama"}
    assert list(data.actors.table["mentions"]) == sorted(data.actors.table["mentions"], reverse=True)
    assert shown.loc["Russia", "95% bootstrap interval"] != "" and shown.loc["Barack Obama", "95% bootstrap interval"] == ""
    sentences = {a["actor"]: a for a in data.actors.sentences()}
    obama = sentences["Barack Obama"]
    assert obama["title"].startswith("Barack Obama (person): 2 mentions, mean tone")
    marked = [(text, tone) for s in obama["sentences"] for text, tone in s["parts"] if tone is not None]
    assert [text for text, _ in marked] == ["Barack Obama", "Obama"] and {tone for _, tone in marked} <= {-1, 0, 1}
    whole = "".join(text for text, _ in obama["sentences"][1]["parts"])
    assert whole.startswith("Obama's move came after Putin")  # the whole sentence, the mention inside it
    html = reportparts.actor_sentences_html(data.actors.sentences())
    assert re.search(r'<mark class="tone-(positive|negative|neutral)" title="tone [+-]?\d \(\w+\)">Obama</mark>', html)
    assert data.parameters["min_mentions"] == 1


def test_article_actors_follow_actors_and_min_mentions(measured):
    processed = str(measured.path / "data" / "processed")
    data = reportdata.load_article(SEED_ID, processed_dir=processed, actors="vladimir putin,Russia", min_mentions=1)
    assert list(data.actors.table["actor"]) == ["Russia", "Vladimir Putin"]
    assert set(data.actors.mentions["actor"]) == {"Russia", "Vladimir Putin"}
    data = reportdata.load_article(SEED_ID, processed_dir=processed, min_mentions=3)
    assert (data.actors.table["mentions"] >= 3).all() and len(data.actors.table)
    most = int(data.actors.table["mentions"].max())
    data = reportdata.load_article(SEED_ID, processed_dir=processed, min_mentions=most + 1)
    assert data.actors.table.empty
    assert data.actors.note == f"No actor has min_mentions={most + 1} mentions or more in the article (the most: {most})."


def test_an_article_without_actors_gets_a_note(silent):
    data = reportdata.load_article("quiet", processed_dir=str(silent))
    assert data.actors.table.empty and data.actors.sentences() == []
    assert data.actors.note == "The article mentions no actor."


# The corpus and comparison reports


def test_corpus_actors_with_cluster_intervals_time_groups_and_cooccurrence(corpus):
    data = reportdata.load_corpus(processed_dir=str(corpus), raw_dir=str(corpus.parent / "raw"), group_by="outlet", min_mentions=2)
    top = data.actors.top.set_index("actor")
    assert {"Vladimir Putin", "Angela Merkel", "Russia", "Germany"} <= set(top.index)
    assert top.loc["Vladimir Putin", "articles"] == 4 and top.loc["Angela Merkel", "articles"] == 3
    putin = data.actors.rows[data.actors.rows["actor"] == "Vladimir Putin"]
    mean, low, high, n = stats.cluster_mean_ci(
        np.repeat(putin["tone"], putin["mentions"]), np.repeat(putin["article_id"], putin["mentions"])
    )
    assert (
        top.loc["Vladimir Putin", "tone"] == pytest.approx(mean) and (top.loc["Vladimir Putin", ["ci_low", "ci_high"]] == [low, high]).all()
    )
    assert data.actors.note == "" and (data.actors.summary()["mentions"] >= 2).all()

    over_time = data.actors.over_time
    assert set(over_time["actor"]) == set(data.actors.shown) and over_time["bin"].nunique() >= 3
    assert over_time.loc[over_time["actor"] == "Angela Merkel", "articles"].sum() == 3
    by_group = data.actors.by_group
    assert set(by_group["group"]) == {"Wire", "Daily"} | ({"nan"} & set(by_group["group"]))
    merkel = by_group[(by_group["actor"] == "Angela Merkel")].set_index("group")
    assert merkel.loc["Wire", "articles"] == 2 and merkel.loc["Daily", "articles"] == 1
    assert "95% bootstrap interval" in data.actors.group_table()

    together = data.actors.cooccurrence
    assert list(together.index) == list(together.columns) == data.actors.shown
    assert together.loc["Angela Merkel", "Angela Merkel"] == 3 and together.loc["Angela Merkel", "Vladimir Putin"] == 3
    assert (together.to_numpy() == together.to_numpy().T).all()


def test_comparison_actors_per_side_and_their_differences(corpus):
    data = reportdata.load_comparison(processed_dir=str(corpus), raw_dir=str(corpus.parent / "raw"), compare="outlet=Wire,outlet=Daily")
    labels = data.analysis.side_labels
    table = data.actors.sides(data.analysis.sides, labels)
    putin = table[table["actor"] == "Vladimir Putin"].set_index("side")
    assert list(putin.index) == list(labels) and putin.loc["outlet=Wire", "articles"] == 2
    differences = data.actors.side_differences(data.analysis.sides, labels).set_index("actor")
    assert differences.columns[2] == "tone outlet=Daily minus outlet=Wire"
    expected = putin.loc["outlet=Daily", "tone"] - putin.loc["outlet=Wire", "tone"]
    assert differences.loc["Vladimir Putin", differences.columns[2]] == f"{expected:+.2f}"


def test_corpus_empty_cases_get_notes(corpus, silent):
    data = reportdata.load_corpus(processed_dir=str(corpus), min_mentions=10_000)
    assert data.actors.top.empty and data.actors.cooccurrence is None and data.actors.over_time is None
    assert data.actors.note.startswith("No actor has min_mentions=10000 mentions or more in the corpus (the most: ")
    assert data.actors.why("group") == data.actors.note.rstrip(".")
    data = reportdata.load_corpus(processed_dir=str(silent))
    assert data.actors.note == "The corpus mentions no actor." and data.actors.by_group is None
    listed = silent.parent / "list.csv"
    listed.write_text("actor,aliases\nAtlantis,\n")
    data = reportdata.load_corpus(processed_dir=str(silent), actors=str(listed))
    assert data.actors.top.empty and data.actors.selection.missing == ("Atlantis",)


# The page


def test_the_seed_article_report_shows_its_actors_and_their_sentences(built):
    from bs4 import BeautifulSoup

    page = BeautifulSoup((built.path / "reports" / "articles" / f"{SEED_ID}.html").read_text(), "html.parser")
    heading = page.find("h2", id="Actors")
    assert heading is not None
    section = "".join(str(s) for s in heading.find_all_next(limit=4000))
    for actor in ("Barack Obama", "Vladimir Putin", "Russia"):
        assert f"<td>{actor}</td>" in section and f"<h4>{actor} (" in section
    assert "Figure" in section and "Mean tone of each actor" in section
    sentences = page.select(".actor-sentences li")
    assert any("move came after" in li.get_text() and li.find("mark", string="Obama") for li in sentences)
    assert all(li.find("mark") is not None for li in sentences)
    corpus = (built.path / "reports" / "corpus_report.html").read_text()
    assert 'id="Actors"' in corpus and "Actors that appear together" in corpus


def test_tone_table_hides_an_empty_group_column():
    frame = pd.DataFrame(
        {"actor": ["A"], "kind": ["person"], "group": [""], "mentions": [2], "tone": [0.5], "ci_low": [np.nan], "ci_high": [np.nan]}
    )
    shown = report_actors.tone_table(frame)
    assert list(shown.columns) == ["actor", "kind", "mentions", "mean tone", "95% bootstrap interval"]
    assert shown.loc[0, "mean tone"] == "+0.50" and shown.loc[0, "95% bootstrap interval"] == ""
