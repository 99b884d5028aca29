"""Tests for helpers.analysis.groups: planted differences are found, null ones are not, bins and word shifts add up."""

import numpy as np
import pandas as pd
import pytest

from helpers import io
from helpers.analysis.groups import (
    THIN,
    distinctive_terms,
    group_sentiment,
    mean_arc,
    pairwise_differences,
    sentiment_over_time,
    term_counts,
    time_bins,
    topic_shares,
    word_shift,
)


def _planted(shift: float, n: int = 40, seed: int = 1) -> pd.DataFrame:
    """Outlet A's articles around +shift, B's around -shift, C's around 0 (sd 0.2)."""
    rng = np.random.default_rng(seed)
    rows = [(g, float(np.clip(rng.normal(mu, 0.2), -1, 1))) for g, mu in (("A", shift), ("B", -shift), ("C", 0.0)) for _ in range(n)]
    return pd.DataFrame(rows, columns=["outlet", "compound_mean"])


def test_planted_difference_is_found_with_the_right_sign():
    """A positive, B negative: A - B is positive, its interval excludes 0, and it survives the correction."""
    table = pairwise_differences(_planted(0.4), "outlet").set_index(["a", "b"])
    row = table.loc[("A", "B")]
    assert row["difference"] > 0.6 and row["ci_low"] > 0
    assert row["p_adjusted"] < 0.01 and row["significant"]
    assert table.loc[("B", "C"), "difference"] < 0 and table.loc[("B", "C"), "ci_high"] < 0


def test_null_difference_interval_covers_zero():
    """Groups drawn from the same distribution: the interval covers 0 and nothing is significant."""
    table = pairwise_differences(_planted(0.0, seed=3), "outlet")
    assert ((table["ci_low"] < 0) & (table["ci_high"] > 0)).all()
    assert not table["significant"].any()
    assert (table["p_adjusted"] >= table["p_value"]).all()


def test_group_means_have_intervals_and_thin_groups_are_marked():
    """Each group's mean lies in its interval; a group under THIN articles is marked."""
    arts = pd.concat([_planted(0.4), pd.DataFrame({"outlet": ["D"] * (THIN - 1), "compound_mean": [0.1] * (THIN - 1)})])
    table = group_sentiment(arts, "outlet").set_index("group")
    assert (table.loc[["A", "B", "C"], "ci_low"] < table.loc[["A", "B", "C"], "mean"]).all()
    assert table.loc["A", "ci_low"] > 0 and table.loc["B", "ci_high"] < 0
    assert table["thin"].to_dict() == {"A": False, "B": False, "C": False, "D": True}


def test_time_bins_across_a_year_boundary():
    """Weeks, months and quarters are counted right across 31 December; empty bins are listed."""
    dates = pd.Series(pd.to_datetime(["2019-12-29", "2019-12-30", "2020-01-01", "2020-01-05", "2020-01-06", "2020-03-01"]))
    weeks = time_bins(dates, "week").astype(str).tolist()
    assert weeks[1:4] == ["2019-12-30/2020-01-05"] * 3 and weeks[0] == "2019-12-23/2019-12-29"
    arts = pd.DataFrame({"date": dates, "compound_mean": [0.1, 0.2, 0.3, 0.4, 0.5, 0.6]})
    months = sentiment_over_time(arts, "date", "month")
    assert months["bin"].astype(str).tolist() == ["2019-12", "2020-01", "2020-02", "2020-03"]
    assert months["n"].tolist() == [2, 3, 0, 1] and months["thin"].all()
    years = sentiment_over_time(arts, "date", "year")
    assert years["n"].tolist() == [2, 4] and years["mean"].round(2).tolist() == [0.15, 0.45]
    quarters = sentiment_over_time(arts, "date", "quarter")
    assert quarters["bin"].astype(str).tolist() == ["2019Q4", "2020Q1"]


def test_topic_shares_are_mean_weights():
    """Each bin's shares are the mean of its articles' weights and sum to 1."""
    arts = pd.DataFrame({"g": ["x", "x", "y"], "topic_1": [1.0, 0.0, 0.25], "topic_2": [0.0, 1.0, 0.75]})
    shares = topic_shares(arts, "g", ["topic_1", "topic_2"])
    assert shares.loc["x", ["topic_1", "topic_2"]].tolist() == [0.5, 0.5] and shares.loc["y", "n"] == 1
    np.testing.assert_allclose(shares[["topic_1", "topic_2"]].sum(axis=1), 1)


def test_word_shift_contributions_add_up_to_the_difference():
    """The contributions sum to the difference in mean VADER valence of the two texts' words."""
    valence = io.vader_lexicon()
    a = "The deal was a great success and investors were happy. Good results, good outlook."
    b = "The deal was a failure; investors were angry and afraid of losses. Bad results, no hope."
    counts = [pd.Series(t.lower().replace(",", " ").replace(".", " ").replace(";", " ").split()).value_counts().to_dict() for t in (a, b)]
    shift = word_shift(*counts, valence)

    def mean_valence(c):
        words = {w: n for w, n in c.items() if w in valence}
        return sum(valence[w] * n for w, n in words.items()) / sum(words.values())

    expected = mean_valence(counts[1]) - mean_valence(counts[0])
    assert shift.attrs["difference"] == pytest.approx(expected)
    assert shift["contribution"].sum() == pytest.approx(expected)
    assert expected < 0 and set(shift.head(3)["kind"]) <= {"+down", "-up"}


def test_word_shift_against_a_hand_computed_example():
    """good (2.0) x3 -> x1 and bad (-2.0) x1 -> x3, neutral words ignored: A's mean 1.0, B's -1.0.
    good: (2 - 1) * (1/4 - 3/4) = -0.5 (+down); bad: (-2 - 1) * (3/4 - 1/4) = -1.5 (-up)."""
    shift = word_shift({"good": 3, "bad": 1, "the": 9}, {"good": 1, "bad": 3}, {"good": 2.0, "bad": -2.0}).set_index("term")
    assert shift.loc["good", "contribution"] == pytest.approx(-0.5) and shift.loc["good", "kind"] == "+down"
    assert shift.loc["bad", "contribution"] == pytest.approx(-1.5) and shift.loc["bad", "kind"] == "-up"
    assert (shift.attrs["mean_a"], shift.attrs["mean_b"]) == (1.0, -1.0)
    with pytest.raises(ValueError, match="both texts need words with a valence"):
        word_shift({"the": 1}, {"good": 1}, {"good": 2.0})


def test_distinctive_terms_find_each_groups_words():
    """A group's planted word ranks first for it, not for the others."""
    texts = ["markets rally shares stocks"] * 20 + ["football match goal players"] * 20 + ["shares match"] * 5
    paragraphs = pd.DataFrame({"text": texts})
    labels = ["biz"] * 20 + ["sport"] * 20 + [None] * 5
    matrix, vocab = term_counts(paragraphs)
    table = distinctive_terms(matrix, vocab, labels, n_terms=4)
    assert set(table.loc[table["group"] == "biz", "term"]) == {"markets", "rally", "shares", "stocks"}
    assert set(table.loc[table["group"] == "sport", "term"]) == {"football", "match", "goal", "players"}
    assert (table["z"] > 0).all()


def test_term_counts_keep_apostrophes_and_drop_numbers():
    """can't is one word (as in VADER's lexicon); numbers are not words."""
    _, vocab = term_counts(pd.DataFrame({"text": ["I can't pay 100 dollars."]}))
    assert list(vocab) == ["can't", "dollars", "i", "pay"]


def test_mean_arc_places_paragraphs_by_relative_position():
    """First paragraphs fall in bin 1 and last ones in the last bin, whatever the article's length."""
    paragraphs = pd.DataFrame(
        {
            "article_id": ["a"] * 3 + ["b"] * 5,
            "position": [1, 2, 3, 1, 2, 3, 4, 5],
            "kind": ["body"] * 8,
            "compound": [1.0, 0.0, -1.0, 1.0, 0.5, 0.0, -0.5, -1.0],
        }
    )
    arc = mean_arc(paragraphs, n_bins=5)
    assert arc.loc[0, "mean"] == 1.0 and arc.loc[4, "mean"] == -1.0 and arc["n"].sum() == 8


POSITIVE_SENTENCES = [
    "The launch was a great success and customers were delighted.",
    "Profits rose strongly and the outlook is excellent.",
    "Residents celebrated the wonderful news with joy.",
    "The team won a brilliant victory and fans were happy.",
]
NEGATIVE_SENTENCES = [
    "The attack killed dozens and left the city in fear.",
    "Losses mounted and the company faced a terrible crisis.",
    "Angry protesters condemned the brutal violence.",
    "The disaster destroyed homes and hurt many families.",
]


def _scored_articles(pools: dict[str, list[str]], n: int = 15, seed: int = 4) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Articles of three paragraphs of two sentences each, drawn from each outlet's pool, scored with VADER."""
    from helpers.measures.sentiment import score_paragraphs, summarise_articles

    rng = np.random.default_rng(seed)
    rows = [
        (f"{outlet}{i}", position, " ".join(rng.choice(pool, size=2)), outlet)
        for outlet, pool in pools.items()
        for i in range(n)
        for position in (1, 2, 3)
    ]
    paragraphs = pd.DataFrame(rows, columns=["article_id", "position", "text", "outlet"])
    articles = summarise_articles(score_paragraphs(paragraphs))
    return articles.merge(paragraphs.drop_duplicates("article_id")[["article_id", "outlet"]]), paragraphs


def test_planted_sentences_outlet_a_positive_b_negative():
    """Outlet A's sentences are positive and B's negative: scored end to end with VADER, A - B is
    positive, its interval excludes 0 and it is significant; the word shift from A to B is negative."""
    articles, paragraphs = _scored_articles({"A": POSITIVE_SENTENCES, "B": NEGATIVE_SENTENCES})
    row = pairwise_differences(articles, "outlet").iloc[0]
    assert (row["a"], row["b"]) == ("A", "B") or (row["a"], row["b"]) == ("B", "A")
    sign = 1 if row["a"] == "A" else -1
    assert sign * row["difference"] > 1 and sign * row["ci_low"] > 0 and sign * row["ci_high"] > 0 and row["significant"]
    matrix, vocab = term_counts(paragraphs)
    sums = [dict(zip(vocab, np.asarray(matrix[(paragraphs["outlet"] == o).to_numpy()].sum(axis=0)).ravel())) for o in "AB"]
    shift = word_shift(*sums, io.vader_lexicon())
    assert shift.attrs["difference"] < -2 and shift["contribution"].sum() == pytest.approx(shift.attrs["difference"])


def test_planted_null_outlets_share_one_pool():
    """Two outlets drawing from the same mixed pool: the interval of their difference covers 0."""
    mixed = POSITIVE_SENTENCES + NEGATIVE_SENTENCES
    articles, _ = _scored_articles({"A": mixed, "B": mixed}, n=30, seed=5)
    row = pairwise_differences(articles, "outlet").iloc[0]
    assert row["ci_low"] < 0 < row["ci_high"] and not row["significant"]


def test_shift_summary_adds_the_kinds_to_the_total():
    """The four kinds' sums add up to the total, which is the difference in mean valence."""
    from helpers.analysis.groups import shift_summary

    shift = word_shift(
        {"good": 3, "bad": 1, "fine": 1}, {"good": 1, "bad": 3, "great": 2}, {"good": 2.0, "bad": -2.0, "fine": 0.8, "great": 3.1}
    )
    summary = shift_summary(shift).set_index("kind")
    assert summary.loc[["+up", "-down", "+down", "-up"], "sum"].sum() == pytest.approx(summary.loc["total", "sum"])
    assert summary.loc["total", "sum"] == pytest.approx(shift.attrs["difference"])


def test_group_sentiment_keeps_the_largest_groups():
    """With max_groups, the largest groups are kept and the total is recorded."""
    arts = pd.DataFrame({"g": list("aaabbc"), "compound_mean": [0.1, 0.2, 0.3, 0.4, 0.5, 0.6]})
    table = group_sentiment(arts, "g", max_groups=2)
    assert table["group"].tolist() == ["a", "b"] and table.attrs["n_groups"] == 3


def test_mean_arc_interval_resamples_articles_not_paragraphs():
    """Two articles, one all positive and one all negative, each with many paragraphs: resampling
    paragraphs would give a narrow interval around 0; resampling articles spans both articles' means."""
    n = 40
    paragraphs = pd.DataFrame(
        {
            "article_id": ["a"] * n + ["b"] * n,
            "position": list(range(1, n + 1)) * 2,
            "kind": "body",
            "compound": [0.8] * n + [-0.8] * n,
        }
    )
    arc = mean_arc(paragraphs, n_bins=2)
    assert arc["mean"].abs().max() < 1e-12 and arc["n"].tolist() == [n, n]
    np.testing.assert_allclose(arc[["ci_low", "ci_high"]].to_numpy(), [[-0.8, 0.8], [-0.8, 0.8]])
    assert mean_arc(paragraphs, n_bins=2).equals(arc)  # fixed seed
