"""Tests for helpers.topics: weight properties, determinism, no-term paragraphs, parameters."""
import numpy as np
import pytest

from helpers.topics import NEWS_STOP_WORDS, TopicModel, choose_n_topics

DOCS = [
    "oil prices rose as crude output fell in the gulf", "crude oil exports and opec output quotas",
    "the striker scored twice as the team won the match", "the team lost the match after a late goal",
    "the central bank raised interest rates again", "interest rates and inflation worry the bank",
    "opec ministers meet on oil output", "the coach praised the team after the match",
]


@pytest.fixture(scope="module")
def model():
    return TopicModel(n_topics=3).fit(DOCS)


def test_weights_rows_sum_to_one_and_nonnegative(model):
    """Every paragraph's weights are non-negative and sum to 1."""
    weights = model.transform(DOCS)
    assert weights.shape == (len(DOCS), 3)
    assert (weights >= 0).all()
    np.testing.assert_allclose(weights.sum(axis=1), 1.0)


def test_topics_separate_themes(model):
    """Oil, football and central-bank paragraphs go to three different dominant topics."""
    dominant = model.transform(DOCS).argmax(axis=1)
    assert len({dominant[0], dominant[2], dominant[4]}) == 3
    assert dominant[0] == dominant[1] == dominant[6]


def test_deterministic():
    """The same paragraphs and random_state give identical weights and terms."""
    a, b = TopicModel(n_topics=3).fit(DOCS), TopicModel(n_topics=3).fit(DOCS)
    np.testing.assert_array_equal(a.transform(DOCS), b.transform(DOCS))
    assert a.top_terms().equals(b.top_terms())


def test_paragraph_without_vocabulary_is_nan(model):
    """A paragraph with no vocabulary term gets NaN weights and a missing dominant topic."""
    import pandas as pd

    frame = model.weights_frame(pd.DataFrame({"text": ["He said so on Monday.", DOCS[0]]}))
    assert frame.loc[0, ["topic_1", "topic_2", "topic_3"]].isna().all()
    assert frame["topic"].isna().tolist() == [True, False]


def test_top_terms_exclude_generic_words():
    """Top terms hold no stop words, news filler ('said', 'mr') or numbers/years."""
    docs = [f"{d} said mr 2013 1987" for d in DOCS]
    terms = TopicModel(n_topics=3).fit(docs).top_terms(10)
    assert not set(terms["term"]) & NEWS_STOP_WORDS
    assert not terms["term"].str.contains(r"\d").any()
    assert terms.groupby("topic")["rank"].apply(list).map(lambda r: r == list(range(1, 11))).all()


def test_automatic_topic_count():
    """The automatic count gives 3 topics for the seed's 21 paragraphs, within [2, 10] always."""
    assert choose_n_topics(21) == 3
    assert choose_n_topics(2) == 2 and choose_n_topics(10**6) == 10


@pytest.mark.parametrize("n_topics, message", [(9, "between 1 and the number of paragraphs"), (-1, "non-negative")])
def test_bad_topic_count(n_topics, message):
    """A topic count above the paragraph count or negative is refused with the value named."""
    with pytest.raises(ValueError, match=message):
        TopicModel(n_topics=n_topics).fit(DOCS)


def test_lda_option():
    """method='lda' fits an LDA model whose weights also sum to 1."""
    weights = TopicModel(n_topics=2, method="lda").fit(DOCS).transform(DOCS)
    np.testing.assert_allclose(weights.sum(axis=1), 1.0)


def test_seed_topics_interpretable(seed_article):
    """On the seed, the default model finds 3 topics whose top terms are content words."""
    model = TopicModel().fit([p.text for p in seed_article.body])
    terms = model.top_terms(5)
    assert model.n_topics_ == 3
    assert {"russia", "moscow"} & set(terms["term"])
