"""Tests for helpers.analysis.validation and helpers.measures.newsscore: interval math, label recovery, grouping, scorer API."""

import numpy as np
import pandas as pd
import pytest

from helpers.analysis.validation import (
    clustering_scores,
    cross_domain_scores,
    group_pseudo_paragraphs,
    matched_accuracy,
    pearson_ci,
)
from helpers.io import parse_ground_truth
from helpers.measures.newsscore import FEATURE_NAMES, NewsScorer, vader_features


def test_pearson_ci_interval_matches_hand_computed_fisher_z():
    """The interval is Fisher's z by hand: tanh(atanh(r) -+ 1.96 / sqrt(n - 3))."""
    rng = np.random.default_rng(1)
    x = rng.normal(size=103)
    y = 0.6 * x + rng.normal(size=103)
    out = pearson_ci(x, y)
    z = np.arctanh(out["r"])
    assert out["ci_low"] == pytest.approx(np.tanh(z - 1.959964 / 10), abs=1e-5)
    assert out["ci_high"] == pytest.approx(np.tanh(z + 1.959964 / 10), abs=1e-5)


def test_pearson_ci_narrows_with_n_and_is_undefined_for_tiny_or_constant_samples():
    """Larger samples give narrower intervals; 3 pairs or a constant series give nan, not an error."""
    rng = np.random.default_rng(2)
    x = rng.normal(size=2000)
    y = x + 0.3 * rng.normal(size=2000)
    wide, narrow = pearson_ci(x[:20], y[:20]), pearson_ci(x, y)
    assert wide["ci_high"] - wide["ci_low"] > narrow["ci_high"] - narrow["ci_low"]
    assert 1 - wide["ci_high"] < wide["r"] - wide["ci_low"]  # asymmetric near r = 1
    assert np.isnan(pearson_ci([1, 2, 3], [1, 3, 2])["ci_low"])
    assert np.isnan(pearson_ci([1, 1, 1, 1], [1, 2, 3, 4])["r"])


def test_pearson_ci_contains_r_and_counts_pairs():
    """pearson_ci returns numpy's r, the pair count and an interval around r."""
    rng = np.random.default_rng(0)
    x = rng.normal(size=200)
    y = x + rng.normal(size=200)
    out = pearson_ci(x, y)
    assert out["n"] == 200
    assert out["r"] == pytest.approx(np.corrcoef(x, y)[0, 1])
    assert out["ci_low"] < out["r"] < out["ci_high"]
    with pytest.raises(ValueError, match="same length"):
        pearson_ci([1, 2, 3], [1, 2])


def test_parse_ground_truth_reads_crlf_and_review_ids():
    """CRLF lines without a final newline; '12_3' gives source 12 and order 3, a bare id order 0."""
    text = "12_3\t-0.9\tno picture.\r\n12_1\t1.5\tgreat player\r\n7\t2.25\tLMAO, AMAZING!"
    frame = parse_ground_truth(text)
    assert frame["source"].tolist() == ["12", "12", "7"]
    assert frame["order"].tolist() == [3, 1, 0]
    assert frame["rating"].tolist() == [-0.9, 1.5, 2.25]
    assert frame["text"].iloc[2] == "LMAO, AMAZING!"
    with pytest.raises(ValueError, match="line 1"):
        parse_ground_truth("only two\tfields")


def _review_items():
    rows = []
    for source, n in [("a", 7), ("b", 1), ("c", 2), ("d", 12)]:
        for order in range(1, n + 1):
            rows.append((source, order, float(order), f"{source}{order}."))
    frame = pd.DataFrame(rows, columns=["source", "order", "rating", "text"])
    return frame.sample(frac=1, random_state=1)  # shuffled: grouping must restore the order


def test_pseudo_paragraphs_are_consecutive_runs_of_one_source():
    """Runs of 2-5 consecutive sentences of one source; ratings averaged; singletons dropped."""
    groups = group_pseudo_paragraphs(_review_items(), random_state=0)
    assert groups["n_sentences"].between(2, 5).all()
    assert "b" not in set(groups["source"])
    for row in groups.itertuples():
        orders = [int(s[1:-1]) for s in row.sentences]
        assert all(s.startswith(row.source) for s in row.sentences)
        assert orders == list(range(orders[0], orders[0] + len(orders)))
        assert row.rating == pytest.approx(np.mean(orders))
        assert row.text == " ".join(row.sentences)
    covered = groups.groupby("source")["n_sentences"].sum()
    assert covered["c"] == 2 and covered["a"] >= 6 and covered["d"] >= 11


def test_pseudo_paragraphs_deterministic():
    """The same seed gives the same grouping."""
    a = group_pseudo_paragraphs(_review_items(), random_state=3)
    b = group_pseudo_paragraphs(_review_items(), random_state=3)
    pd.testing.assert_frame_equal(a, b)


def test_matched_accuracy_uses_best_one_to_one_matching():
    """Clusters named arbitrarily are matched to labels; a perfect relabelling scores 1."""
    labels = ["sport", "sport", "tech", "tech", "tech", "politics"]
    assert matched_accuracy(labels, [2, 2, 0, 0, 0, 1]) == 1.0
    assert matched_accuracy(labels, [0, 0, 0, 0, 0, 1]) == pytest.approx(4 / 6)
    # two clusters may not both map to "tech": one of them counts as wrong
    assert matched_accuracy(["t", "t", "s", "s"], [0, 1, 2, 2]) == 0.75


def test_clustering_scores_toy_labelling():
    """A permuted perfect clustering scores NMI = ARI = accuracy = 1; a constant one NMI = ARI = 0."""
    labels = ["a", "a", "b", "b", "c", "c"]
    perfect = clustering_scores(labels, [5, 5, 3, 3, 9, 9])
    assert perfect == pytest.approx({"nmi": 1.0, "ari": 1.0, "accuracy": 1.0})
    constant = clustering_scores(labels, [0] * 6)
    assert constant["nmi"] == pytest.approx(0.0) and constant["ari"] == pytest.approx(0.0)
    assert constant["accuracy"] == pytest.approx(2 / 6)


POSITIVE = [
    "great film, loved it",
    "wonderful and happy day",
    "excellent work, well done!",
    "a good, solid result",
    "brilliant and fun",
    "I really like this",
]
NEGATIVE = [
    "terrible, awful film",
    "a sad and painful loss",
    "horrible service, never again",
    "bad result, very poor",
    "disappointing and boring",
    "I hate this",
]


def _tiny_sets():
    def frame(pos, neg, scale):
        return pd.DataFrame(
            {"text": pos + neg, "rating": [scale * (1 + i % 3) for i in range(len(pos))] + [-scale * (1 + i % 3) for i in range(len(neg))]}
        )

    return {
        "one": frame(POSITIVE[:3], NEGATIVE[:3], 1.0),
        "two": frame(POSITIVE[3:5], NEGATIVE[3:5], 0.8),
        "three": frame(POSITIVE[5:], NEGATIVE[5:], 1.2),
    }


def test_cross_domain_holds_out_each_set_once():
    """One row per held-out set, trained on the others; the scorer ranks held-out texts by sign."""
    table = cross_domain_scores(_tiny_sets(), lambda: NewsScorer(words=False, alpha=1.0))
    assert table["test_set"].tolist() == ["one", "two", "three"]
    assert table.loc[0, "train_sets"] == "two + three"
    assert table["n"].tolist() == [6, 4, 2]
    assert (table["r"].iloc[:2] > 0.5).all()
    with pytest.raises(ValueError, match="at least 2 sets"):
        cross_domain_scores({"one": _tiny_sets()["one"]}, NewsScorer)


def test_news_scorer_api_and_determinism():
    """fit returns self; score is in [-1, 1] and deterministic; positive text scores above negative."""
    texts, ratings = POSITIVE + NEGATIVE, [2.0] * 6 + [-2.0] * 6
    a = NewsScorer(words=True).fit(texts, ratings)
    b = NewsScorer(words=True).fit(texts, ratings)
    scores = a.score(["what a great, happy day", "an awful, sad loss"])
    assert scores[0] > 0 > scores[1]
    # score is the predicted rating on VADER's compound scale (divided by 4), clipped only beyond +-1.
    np.testing.assert_allclose(a.score(texts), np.clip(a.predict(texts) / 4, -1, 1))
    assert np.all(np.abs(a.predict(texts) / 4) < 1)  # in range here, so nothing was clipped
    np.testing.assert_array_equal(a.predict(texts), b.predict(texts))
    with pytest.raises(ValueError, match="one rating each"):
        NewsScorer().fit(texts, ratings[:-1])


def test_vader_features_shape_and_unsaturated_sum():
    """One row of named features per text; the valence sum keeps growing where compound saturates."""
    feats = vader_features(["good", "good good good good good good good good!!!", ""])
    assert feats.shape == (3, len(FEATURE_NAMES))
    col = {n: i for i, n in enumerate(FEATURE_NAMES)}
    assert feats[1, col["valence_sum"]] > feats[0, col["valence_sum"]] > 0
    assert feats[1, col["exclamations"]] == 3
    assert feats[2, col["compound"]] == 0


def test_paired_r_difference_matches_the_point_difference_and_orders_its_interval():
    """The difference is r(a, y) - r(b, y) on the full sample; its interval holds it and is seeded."""
    from helpers.analysis.validation import paired_r_difference

    rng = np.random.default_rng(3)
    y = rng.normal(size=400)
    a, b = y + 0.5 * rng.normal(size=400), y + 1.5 * rng.normal(size=400)
    d, low, high = paired_r_difference(a, b, y, random_state=1)
    assert d == pytest.approx(np.corrcoef(a, y)[0, 1] - np.corrcoef(b, y)[0, 1])
    assert 0 < low < d < high
    assert paired_r_difference(a, b, y, random_state=1) == (d, low, high)
    _, low_same, high_same = paired_r_difference(a, a, y)  # the same scores: no difference
    assert low_same == high_same == 0


def test_labelled_corpus_ids_carry_their_label(tmp_path):
    """io.list_labelled reads one folder per label; validation.labelled_body reads the label back."""
    from helpers.analysis.validation import check_parameters, labelled_body
    from helpers.io import list_labelled

    for label, name in [("sport", "001"), ("tech", "002")]:
        (tmp_path / label).mkdir(exist_ok=True)
        (tmp_path / label / f"{name}.txt").write_text("x")
    entries = list_labelled(tmp_path)
    assert [e.article_id for e in entries] == ["sport/001", "tech/002"]
    paragraphs = pd.DataFrame(
        {"article_id": ["sport/001", "sport/001", "tech/002"], "kind": ["heading", "body", "body"], "text": ["H", "a", "b"]}
    )
    assert labelled_body(paragraphs).to_dict("list") == {
        "article_id": ["sport/001", "tech/002"],
        "label": ["sport", "tech"],
        "text": ["a", "b"],
        "headline": ["", ""],
    }
    with pytest.raises(ValueError, match="n_topics must be at least 2; got 1"):
        check_parameters(n_topics=1, bbc_dir="", validation_dir="")
    with pytest.raises(ValueError, match="validation_dir must be an existing folder"):
        check_parameters(n_topics=5, bbc_dir="", validation_dir=str(tmp_path / "none"))


def test_labels_from_metadata_and_a_recovery_table(tmp_path):
    """io.read_labels keys metadata.csv's labels by file stem; labelled_body keeps labelled articles;
    recovery_table scores each run on the same paragraphs, with its mean stability."""
    from helpers.analysis.validation import labelled_body, recovery_table
    from helpers.io import read_labels
    from helpers.measures.topics import TopicModel

    (tmp_path / "metadata.csv").write_text("file,topic\n001.txt,oil\n002.txt,sport\n")
    labels = read_labels(tmp_path, "topic")
    assert labels == {"001": "oil", "002": "sport"}
    with pytest.raises(ValueError, match="no column 'places'"):
        read_labels(tmp_path, "places")
    with pytest.raises(FileNotFoundError, match="metadata.csv"):
        read_labels(tmp_path / "none", "topic")
    oil = "oil crude opec barrel gulf output refinery pipeline tanker petrol".split()
    sport = "match goal striker team coach league season keeper penalty referee".split()
    rng = np.random.default_rng(0)
    rows = [(aid, " ".join(rng.choice(words, 8))) for aid, words in (("001", oil), ("002", sport), ("003", oil)) for _ in range(12)]
    paragraphs = pd.DataFrame({"article_id": [a for a, _ in rows], "kind": "body", "text": [t for _, t in rows]})
    body = labelled_body(paragraphs, labels)
    assert set(body["article_id"]) == {"001", "002"} and set(body["label"]) == {"oil", "sport"}
    table, fitted = recovery_table({"k = 2": TopicModel(2)}, body)
    assert table.loc[0, "nmi"] == pytest.approx(1.0) and 0.5 < table.loc[0, "mean stability"] <= 1
    assert set(fitted) == {"k = 2"}


def test_recovery_by_shape_scores_every_method_whole_and_short():
    """Every method on offer is scored at the labels' count and the automatic count, on whole
    articles (with their headlines) and cut to headline + first paragraph; anchors are appended."""
    from helpers.analysis.validation import SHORT_TEXT_ANCHORS, recovery_by_shape, short_items, with_anchors

    oil = "oil crude opec barrel gulf output refinery pipeline tanker petrol".split()
    sport = "match goal striker team coach league season keeper penalty referee".split()
    rng = np.random.default_rng(0)
    rows = []
    for a in range(30):
        label, words = ("oil", oil) if a % 2 else ("sport", sport)
        rows += [(f"a{a:02d}", label, " ".join(rng.choice(words, 6)), f"{words[a % 10]} news") for _ in range(3)]
    body = pd.DataFrame(rows, columns=["article_id", "label", "text", "headline"])
    short = short_items(body)
    assert len(short) == 30 and short["text"].tolist() == body.groupby("article_id").head(1)["text"].tolist()
    table, fitted = recovery_by_shape(body)
    assert table["items"].value_counts().to_dict() == {"whole articles": 6, "headline + first paragraph": 6}
    assert table.groupby("items")["settings"].apply(lambda s: s.str.contains("automatic").sum()).eq(3).all()
    default = table[table["settings"] == "default, k = 2"]
    assert (default["nmi"] == 1.0).all()
    assert "default, automatic k" in fitted
    shown = with_anchors(table, SHORT_TEXT_ANCHORS)
    assert len(shown) == 14 and shown["topics"].iloc[0] == "2" and shown["topics"].iloc[-1] == ""


def _rated_sets():
    """Three sets named as VADER's are, with ratings that follow the words; the reviews in runs of one source."""
    sets = {name: frame.copy() for name, frame in zip(["tweets", "movie snippets", "Amazon reviews"], _tiny_sets().values())}
    reviews = _review_items()
    reviews["text"] = [(POSITIVE if r > 4 else NEGATIVE)[i % 5] + "." for i, r in enumerate(reviews["rating"])]
    sets["Amazon reviews"] = reviews
    return sets


def test_validation_report_sections_give_their_tables():
    from helpers.analysis import validation_report as report

    sets = _rated_sets()
    vader = report.vader_against_ratings(sets)
    assert vader["set"].tolist() == list(sets) and vader.columns.tolist() == ["set", "n", "r", "ci_low", "ci_high", "published r"]
    assert vader["n"].tolist() == [len(s) for s in sets.values()]
    assert (vader.loc[vader["set"] == "tweets", "r"] > 0.8).all()  # VADER reads "terrible"/"great" right
    wide, cross = report.scorers_across_domains(sets, vader)
    assert wide["held-out set"].tolist() == [*sets, "mean"]
    assert wide.columns.tolist() == ["held-out set", "VADER", *report.SCORERS]
    assert wide.iloc[-1, 1:].tolist() == pytest.approx(wide.iloc[:-1, 1:].mean().tolist())
    assert len(cross) == len(sets) * len(report.SCORERS) and set(cross["scorer"]) == set(report.SCORERS)
    series = report.correlation_series(sets, vader, cross)
    assert [s.index.tolist() for s in series.values()] == [list(sets)] * 3
    proxy = report.aggregation_proxy(sets, random_state=0)
    assert proxy.table["aggregation"].tolist() == report.AGGREGATIONS
    assert proxy.table["n"].tolist() == [len(proxy.groups)] * 3
    difference, low, high = proxy.difference
    assert low <= difference <= high
    assert f"{len(proxy.groups)} pseudo-paragraphs from 3 reviews" in proxy.note()  # b has one sentence: no group


def test_labels_by_topic_counts_each_label_per_topic():
    from helpers.analysis.validation_report import labels_by_topic

    table = labels_by_topic(pd.Series(["oil", "oil", "sport", "oil"]), [0, 1, 1, 0])
    assert table.to_dict("list") == {"label": ["oil", "sport"], 0: [2, 0], 1: [1, 1]}
