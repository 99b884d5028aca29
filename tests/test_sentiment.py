"""Tests for helpers.measures.sentiment: offline VADER, sentence splitting, aggregation, intervals."""

import numpy as np
import pandas as pd
import pytest
from nltk.sentiment.vader import SentimentIntensityAnalyzer, SentiText, VaderConstants

from conftest import FIXTURES
from helpers.measures import sentiment
from helpers.measures.sentiment import split_sentences
from helpers.measures.vader import _SentiText


def test_vader_is_offline_and_matches_published_scores():
    """NLTK's VADER runs without nltk_data and gives VADER's known scores."""
    assert sentiment.score_sentence("VADER is smart, handsome, and funny.")["compound"] == pytest.approx(0.8316)
    assert sentiment.score_sentence("The book was kind of good.")["compound"] == pytest.approx(0.3832)
    assert sentiment.score_sentence("Today SUX!")["compound"] == pytest.approx(-0.5461)
    assert sentiment.score_sentence("The meeting is on Friday.")["compound"] == 0.0


def test_analyzer_is_nltks():
    """The analyzer is NLTK's class, with the full lexicon."""
    from nltk.sentiment.vader import SentimentIntensityAnalyzer

    scorer = sentiment.analyzer()
    assert isinstance(scorer, SentimentIntensityAnalyzer)
    assert len(scorer.lexicon) > 7000


@pytest.mark.parametrize(
    "text, expected",
    [
        ("The U.S. and the U.K. agreed. Talks end today.", ["The U.S. and the U.K. agreed.", "Talks end today."]),
        (
            "Mr. Putin met Dr. Smith in St. Petersburg. Nothing was agreed.",
            ["Mr. Putin met Dr. Smith in St. Petersburg.", "Nothing was agreed."],
        ),
        (
            '"Let\'s be clear. It is still an important relationship," Jay Carney said. He left.',
            ['"Let\'s be clear. It is still an important relationship," Jay Carney said.', "He left."],
        ),
        ("“We won. We are happy,” she said. Fans cheered.", ["“We won. We are happy,” she said.", "Fans cheered."]),
        ("", []),
    ],
)
def test_sentence_splitting(text, expected):
    """No break at 'U.S.', 'Mr.' or inside quotes; normal breaks elsewhere."""
    assert split_sentences(text) == expected


def test_unclosed_quote_does_not_swallow_paragraph():
    """A quote left open (continued in the next paragraph) does not stop sentence breaks."""
    assert len(split_sentences('"We will fight on. We will win. The end is near.')) == 3


def test_seed_sentences(seed_article):
    """The seed's 21 body paragraphs hold 23 sentences; the quoted-speech paragraphs stay whole."""
    counts = [len(split_sentences(p.text)) for p in seed_article.body]
    assert sum(counts) == 23
    assert counts[5] == 2  # "Let's be clear. ..." Jay Carney said. + "We have a lot of fish to fry ..."


def _adversarial_sentences() -> list[str]:
    """Hand-picked tokenizer edge cases plus random mixes of lexicon words and punctuation."""
    fixed = [
        "Great!!!",
        "(good)",
        "'bad'",
        "wow!?!",
        ":) nice",
        "it's GREAT!!",
        "kind of good",
        "not bad...",
        "--terrible--",
        "good.bad",
        '"excellent,"',
        "!!good",
        "?!?!happy",
        ":-( sad",
        "#BAD",
        "BAD!!! really bad",
        "The U.S.-led talks failed.",
        "He said: 'no way' - awful",
        "good, ,good good.,",
        "...great",
        "“great” news",
        "GOOD great",
        "",
        "x",
        "good good bad good!",
        "no... no!! never?",
        "!!!???",
        "The :D face",
        "a-ok A-OK",
        "sux!!!!",
        "not so good:(",
        "But it was fine?!?!",
        "very, VERY good",
    ]
    rng = np.random.default_rng(0)
    words = sorted(sentiment.analyzer().lexicon)[::40] + ["the", "not", "but", "very", "kind", "of", "Talks", "U.S."]
    marks = list(VaderConstants.PUNC_LIST) + ["(", ")", "...", "#", ":)", "“", "”", "%", ""] * 2
    random = []
    for _ in range(3000):
        tokens = []
        for _ in range(rng.integers(1, 12)):
            token = str(rng.choice(words))
            token = token.upper() if rng.random() < 0.1 else token
            tokens.append(str(rng.choice(marks)) * (rng.random() < 0.3) + token + str(rng.choice(marks)) * (rng.random() < 0.4))
        random.append(" ".join(tokens))
    return fixed + random


def test_fast_tokenizer_scores_exactly_as_nltk(seed_article):
    """The analyzer's faster tokenizer gives NLTK's own scores, sentence for sentence."""
    scorer = sentiment.analyzer()
    sentences = [s for p in seed_article.paragraphs for s in split_sentences(p.text)]
    sentences += (FIXTURES / "hostile.txt").read_text(encoding="utf-8").splitlines() + _adversarial_sentences()
    marks, pattern = VaderConstants.PUNC_LIST, VaderConstants.REGEX_REMOVE_PUNCTUATION
    for sentence in sentences:
        assert _SentiText(sentence, marks, pattern).words_and_emoticons == SentiText(sentence, marks, pattern).words_and_emoticons, sentence
        assert scorer.polarity_scores(sentence) == SentimentIntensityAnalyzer.polarity_scores(scorer, sentence), sentence


def test_aggregation_is_mean_of_sentences():
    """A paragraph's compound is the mean of its sentences'; pos/neu/neg are means too."""
    paragraphs = pd.DataFrame({"article_id": ["a", "a"], "position": [1, 2], "text": ["Great win. Terrible loss.", "Nothing happened."]})
    sentences = sentiment.score_paragraphs(paragraphs)
    agg = sentiment.aggregate_paragraphs(sentences)
    first = sentences[sentences["position"] == 1]
    assert agg.loc[0, "compound"] == pytest.approx(first["compound"].mean())
    assert agg.loc[0, "n_sentences"] == 2
    assert agg.loc[0, "compound_min"] < 0 < agg.loc[0, "compound_max"]
    assert agg.loc[1, "compound"] == 0


def test_summarise_articles_takes_its_interval_from_the_caller():
    """The article interval is the given function's (the measuring stage passes the stats module's
    bootstrap); without one the interval columns are NaN."""
    sentences = pd.DataFrame({"article_id": ["a"] * 4, "compound": [-0.5, 0.1, 0.3, 0.7]})
    row = sentiment.summarise_articles(sentences, interval=lambda v: (v.min(), v.max())).iloc[0]
    assert (row["compound_ci_low"], row["compound_ci_high"]) == (-0.5, 0.7) and row["compound_mean"] == pytest.approx(0.15)
    assert sentiment.summarise_articles(sentences)[["compound_ci_low", "compound_ci_high"]].isna().all(axis=None)


def test_missing_column_named():
    """Missing input columns raise a ValueError that names them."""
    with pytest.raises(ValueError, match="text"):
        sentiment.score_paragraphs(pd.DataFrame({"article_id": [], "position": []}))
