"""The report notebooks' set-up: parameters checked and tables loaded by helpers.report.data."""

import json

import numpy as np
import pandas as pd
import pytest

from helpers import io, paths
from helpers.analysis import params
from helpers.measures.newsscore import NewsScorer, scorer_for
from helpers.measures.topics import top_terms_table, topic_labels
from helpers.report import data as reportdata
from helpers.report import parts as reportparts
from helpers.text.audit import removal_counts

SEED_ID = paths.SEED_ID


def test_load_article_gives_one_articles_tables(measured):
    processed = measured.path / "data" / "processed"
    data = reportdata.load_article(SEED_ID, processed_dir=str(processed), figures_dir="/tmp/x")
    assert data.article["dateline"] == "Washington" and data.article["status"] == "ok"
    assert set(data.paragraphs["article_id"]) == set(data.audit["article_id"]) == {SEED_ID}
    assert set(data.body["kind"]) == {"body"} and (data.paragraphs["kind"] == "heading").sum() == 1
    assert len(data.body) == data.article["n_paragraphs"]
    assert data.topic_cols == [f"topic_{k}" for k in range(1, len(data.labels) + 1)]
    assert data.labels[0].startswith("1: ")
    assert str(data.figures) == "/tmp/x"
    # The parameters shown in the report include those the measuring stage ran with (the manifest).
    assert data.parameters["smoothing_window"] == 3
    assert data.parameters["measuring: topic_method"] == "nmf"


@pytest.mark.parametrize(
    "kwargs, message",
    [
        ({"article_id": "nope"}, "article_id 'nope' is not in the corpus; known ids: "),
        ({"article_id": "empty"}, "article 'empty' was skipped: "),
        ({"article_id": SEED_ID, "smoothing_window": 0}, "smoothing_window must be a positive number of paragraphs; got 0"),
        ({"article_id": SEED_ID, "lowpass_components": 0}, "lowpass_components must be a positive integer; got 0"),
    ],
)
def test_load_article_refuses_bad_parameters(measured, kwargs, message):
    with pytest.raises(ValueError, match=message.replace("(", r"\(").replace(")", r"\)")):
        reportdata.load_article(processed_dir=str(measured.path / "data" / "processed"), **kwargs)


def test_load_article_before_any_build_says_to_run_make_report(tmp_path):
    with pytest.raises(FileNotFoundError, match="run `make report`"):
        reportdata.load_article(SEED_ID, processed_dir=str(tmp_path))


def test_load_corpus_links_the_listed_reports(measured, tmp_path):
    listed = tmp_path / "reported.json"
    listed.write_text(json.dumps([SEED_ID]))
    data = reportdata.load_corpus(processed_dir=str(measured.path / "data" / "processed"), reported_list=str(listed))
    assert data.reported == {SEED_ID}
    assert set(data.ok["status"]) == {"ok"} and len(data.articles) > len(data.ok)
    assert len(data.labels) == data.terms["topic"].nunique()
    with pytest.raises(ValueError, match="n_ranked must be a positive number of articles; got 0"):
        reportdata.load_corpus(processed_dir=str(measured.path / "data" / "processed"), n_ranked=0)


def test_params_check_holds_every_notebook_rule(tmp_path):
    params.check({"n_topics": 0, "max_mib": 1.5, "boilerplate_min_share": 0.02, "jobs": 0})
    for values, message in [
        ({"max_mib": 0}, "max_mib must be positive; got 0"),
        ({"boilerplate_min_share": 2.0}, "at most 1; got 2.0"),
        ({"jobs": -1}, "jobs must be 0 (one per core)"),
        ({"bbc_dir": str(tmp_path / "no")}, "bbc_dir must be an existing folder"),
    ]:
        with pytest.raises(ValueError) as error:
            params.check(values)
        assert message in str(error.value)


def test_facts_and_summaries_of_one_article(measured):
    data = reportdata.load_article(SEED_ID, processed_dir=str(measured.path / "data" / "processed"))
    facts = dict(reportparts.article_facts(SEED_ID, data.article).itertuples(index=False))
    assert facts["article id"] == SEED_ID and facts["dateline"].startswith("Washington")
    assert facts["kept"] == f"{data.article['n_paragraphs']} body paragraphs, 1 section heading(s)"
    counts = removal_counts(data.audit).set_index("reason")["lines"]
    assert counts.sum() == data.article["n_removed"] + (data.audit["action"] == "metadata").sum()
    segments = pd.DataFrame(
        {
            "kind": ["quote", "quote", "narration"],
            "speaker": ["Ann Lee", "", ""],
            "compound": [0.5, -0.5, 0.0],
            "position": [1, 2, 3],
            "text": ["a", "b", "c"],
        }
    )
    quotes = reportparts.quotes(segments)
    assert quotes["speaker"].tolist() == ["Ann Lee", "(not attributed)"]
    assert reportparts.voice_summary(segments)["segments"].tolist() == [1, 2]  # narration, quote
    assert reportparts.speaker_summary(quotes)["quotes"].tolist() == [1, 1]


def test_corpus_facts_count_what_the_tables_hold():
    articles = pd.DataFrame({"status": ["ok", "ok", "skipped"], "n_sentences": [3, 5, 0], "compound_mean": [0.5, -0.1, np.nan]})
    paragraphs = pd.DataFrame({"kind": ["body", "body", "heading", "body"]})
    facts = dict(reportparts.corpus_facts(articles, paragraphs, 4).itertuples(index=False))
    assert facts == {
        "articles analysed": 2,
        "files skipped": 1,
        "body paragraphs": 3,
        "section headings": 1,
        "sentences scored": 8,
        "topics": 4,
        "mean article sentiment": "+0.200",
    }


def test_topic_labels_and_top_terms_in_rank_order():
    terms = pd.DataFrame(
        {"topic": [2, 1, 1, 2], "rank": [1, 2, 1, 2], "term": ["c", "b", "a", "d"], "label": ["2: c, d", "1: a, b", "1: a, b", "2: c, d"]}
    )
    assert topic_labels(terms) == ["1: a, b", "2: c, d"]
    assert top_terms_table(terms)["top terms"].tolist() == ["a, b", "c, d"]


def test_scorer_for_trains_the_news_scorer_on_every_set(tmp_path):
    assert scorer_for("vader") is None
    for name, file in io.RATING_SETS.items():
        (tmp_path / file).write_text(
            "".join(
                f"{name}_{i}\t{r}\t{t}\n"
                for i, (r, t) in enumerate([(2.5, "good and great"), (-2.5, "bad and awful"), (1.0, "fine"), (-1.0, "poor")])
            )
        )
    scorer = scorer_for("news", str(tmp_path))
    assert isinstance(scorer, NewsScorer)
    assert scorer.score(["great"])[0] > 0 > scorer.score(["awful"])[0]
    with pytest.raises(FileNotFoundError, match="missing"):
        scorer_for("news", str(tmp_path / "nowhere"))


def test_manifest_and_built_reports(built, tmp_path):
    assert io.read_manifest(tmp_path) == {}
    assert "parameters" in io.read_manifest(built.path / "data" / "processed")
    assert SEED_ID in io.built_reports(built.path / "reports" / "articles")
    assert io.built_reports(tmp_path / "none") == set()


def test_topic_stability_note_says_when_topics_are_not_findings():
    def terms(stability):
        return pd.DataFrame({"topic": list(range(1, len(stability) + 1)), "stability": stability})

    assert reportparts.topic_stability_note(terms([0.9, 0.8]), 500) == ""
    some = reportparts.topic_stability_note(terms([0.9, 0.31]), 500)
    assert "Topic(s) 2 (0.31) are unstable" in some
    every = reportparts.topic_stability_note(terms([0.37, 0.27]), 21)
    assert "not stable, so their weights are not findings" in every and "of the 21 paragraphs" in every and "0.32" in every
    assert "not measured" in reportparts.topic_stability_note(terms([np.nan, np.nan]), 3)
    seed = reportparts.topic_stability_note(terms([0.61, 0.66, 0.48]).assign(fitted_on="paragraphs"), 21)
    assert "not findings about the corpus" in seed and "its 21 paragraphs" in seed and "0.58" in seed
    corpus = reportparts.topic_stability_note(terms([0.9, 0.31]).assign(fitted_on="articles"), 500)
    assert "random 80% samples of the articles" in corpus


def test_load_corpus_joins_metadata_and_compares_the_sides(measured, tmp_path, monkeypatch):
    """metadata.csv is joined to the articles (skipped files too); the sides hold the analysed articles
    they name, whatever the skipped files around them; the comparisons are computed."""
    raw = tmp_path / "raw"
    raw.mkdir()
    (raw / "metadata.csv").write_text(
        f"file,outlet,date\n{SEED_ID}.txt,AP,2019-12-30\nhostile.txt,Reuters,2020-01-02\nempty.txt,AP,2020-01-03\n"
    )
    processed = str(measured.path / "data" / "processed")
    data = reportdata.load_corpus(processed_dir=processed, raw_dir=str(raw), group_by="outlet", compare="outlet=AP,outlet=Reuters")
    assert data.articles.set_index("article_id").loc["empty", "outlet"] == "AP"  # a skipped file keeps its row
    # the metadata.csv is the one of the raw folder given, not the project's (which has none)
    monkeypatch.setattr(paths, "RAW", tmp_path / "no metadata here")
    assert "outlet" not in reportdata.load_corpus(processed_dir=processed).articles
    analysis = data.analysis
    assert [list(side["article_id"]) for side in analysis.sides] == [[SEED_ID], ["hostile"]]
    assert analysis.by_group["group"].tolist() == ["AP", "Reuters"] and analysis.by_group["n"].tolist() == [1, 1]
    assert analysis.pairs.empty  # one article a group: no interval, no test
    assert analysis.over_time["n"].sum() == 2 and data.settings.time_unit == "day"
    assert analysis.shift["contribution"].sum() == pytest.approx(analysis.shift.attrs["difference"])
    assert set(analysis.distinctive["group"]) == {"AP", "Reuters"}
    assert analysis.side_summary()["articles"].tolist() == [1, 1]
    assert "Reuters minus outlet=AP" in analysis.side_difference().iloc[0, 0]
    assert len(analysis.examples(0)) <= 6 and analysis.side_arc(0)["n"].sum() == len(analysis.side_paragraphs(0))


def test_load_comparison_needs_two_sides(measured, monkeypatch, tmp_path):
    """Without metadata there are no groups nor dates: the comparison report says why it cannot run."""
    monkeypatch.setattr(paths, "RAW", tmp_path)
    with pytest.raises(ValueError, match="needs two sides: there are no groups"):
        reportdata.load_comparison(processed_dir=str(measured.path / "data" / "processed"))


def test_figures_are_numbered_in_the_order_they_are_shown(tmp_path, monkeypatch):
    """An absent section leaves no gap; a cell run twice keeps its figure's number; "Figure N." given stays."""
    shown = []
    monkeypatch.setattr(reportdata, "show_figure", lambda fig, name, caption, folder: shown.append(caption))
    data = reportdata._Report(figures=tmp_path)
    data.show(None, "distribution", "Article sentiment.")
    data.show(None, "by_group", "Sentiment by outlet.")  # (the time section before it was absent)
    data.show(None, "distribution", "Article sentiment.")  # the first cell, run again
    data.show(None, "mine", "Figure 9. A researcher's own numbering.")
    data.show(None, "extra", "A researcher's own figure.")
    assert shown == [
        "Figure 1. Article sentiment.",
        "Figure 2. Sentiment by outlet.",
        "Figure 1. Article sentiment.",
        "Figure 9. A researcher's own numbering.",
        "Figure 3. A researcher's own figure.",
    ]
