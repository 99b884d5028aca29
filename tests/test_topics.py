"""Tests for helpers.measures.topics: weight properties, determinism, no-term paragraphs, parameters."""

from itertools import permutations

import numpy as np
import pytest

from helpers.measures.topics import (
    NEWS_STOP_WORDS,
    TopicModel,
    article_weights,
    candidate_n_topics,
    select_n_topics,
    topic_coherence,
    topic_labels,
)

DOCS = [
    "oil prices rose as crude output fell in the gulf",
    "crude oil exports and opec output quotas",
    "the striker scored twice as the team won the match",
    "the team lost the match after a late goal",
    "the central bank raised interest rates again",
    "interest rates and inflation worry the bank",
    "opec ministers meet on oil output",
    "the coach praised the team after the match",
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


def test_candidate_topic_counts():
    """Candidates run from 2 to min(10, n // 4): 2-5 for the seed's 21 paragraphs, 2-10 for large corpora."""
    assert list(candidate_n_topics(21)) == [2, 3, 4, 5]
    assert list(candidate_n_topics(5)) == [2]
    assert list(candidate_n_topics(10**5)) == list(range(2, 11))


def test_coherence_npmi_extremes():
    """Terms always together score NPMI 1, never together -1, independent 0."""
    import scipy.sparse as sp

    docs = sp.csr_matrix([[1, 1, 0, 1], [1, 1, 0, 0], [0, 0, 1, 1], [0, 0, 1, 0]])
    assert topic_coherence(docs, [[0, 1]]) == pytest.approx(1.0)
    assert topic_coherence(docs, [[0, 2]]) == pytest.approx(-1.0)
    assert topic_coherence(docs, [[0, 3]]) == pytest.approx(0.0, abs=1e-12)


def test_select_n_topics_takes_smallest_count_near_best():
    """Without labels: the smallest candidate within the tolerance of the best coherence; 0 means argmax."""
    from sklearn.feature_extraction.text import TfidfVectorizer

    rng = np.random.default_rng(0)
    themes = [
        ["oil", "crude", "opec", "barrel", "gulf", "output"],
        ["match", "goal", "striker", "team", "coach", "league"],
        ["bank", "rates", "inflation", "interest", "central", "loan"],
    ]
    docs = [" ".join(rng.choice(themes[i % 3], size=5)) for i in range(60)]
    matrix = TfidfVectorizer().fit_transform(docs)
    chosen, scores = select_n_topics(matrix, range(2, 7), n_top=5)
    assert list(scores) == [2, 3, 4, 5, 6]
    best = max(scores.values())
    assert chosen == 3  # the three planted themes
    strict, _ = select_n_topics(matrix, range(2, 7), n_top=5, tolerance=0.0)
    assert scores[strict] == best


def test_article_weights_length_weighted_mean():
    """Articles get the length-weighted mean of their paragraphs' weights; NaN paragraphs are ignored."""
    weights = np.array([[1.0, 0.0], [0.0, 1.0], [np.nan, np.nan], [0.5, 0.5]])
    out = article_weights(weights, ["a", "a", "b", "b"], [300, 100, 50, 10])
    np.testing.assert_allclose(out.loc["a"], [0.75, 0.25])
    np.testing.assert_allclose(out.loc["b"], [0.5, 0.5])
    assert list(out.columns) == ["topic_1", "topic_2"]
    only_nan = article_weights(np.array([[np.nan, np.nan]]), ["c"])
    assert only_nan.isna().all(axis=None)


def test_automatic_count_is_deterministic():
    """n_topics=0 chooses the same count and the same coherence table on every run."""
    a, b = TopicModel().fit(DOCS), TopicModel().fit(DOCS)
    assert a.n_topics_ == b.n_topics_ and a.coherence_ == b.coherence_
    assert a.n_topics_ in candidate_n_topics(len(DOCS))


def test_frobenius_option():
    """beta_loss='frobenius' (the earlier default) still fits; an unknown loss is refused by name."""
    weights = TopicModel(n_topics=3, beta_loss="frobenius").fit(DOCS).transform(DOCS)
    np.testing.assert_allclose(weights.sum(axis=1), 1.0)
    with pytest.raises(ValueError, match="beta_loss"):
        TopicModel(n_topics=3, beta_loss="itakura").fit(DOCS)


@pytest.mark.parametrize("n_topics, message", [(9, "between 1 and the number of documents"), (-1, "non-negative")])
def test_bad_topic_count(n_topics, message):
    """A topic count above the paragraph count or negative is refused with the value named."""
    with pytest.raises(ValueError, match=message):
        TopicModel(n_topics=n_topics).fit(DOCS)


def test_lda_option():
    """method='lda' fits an LDA model whose weights also sum to 1."""
    weights = TopicModel(n_topics=2, method="lda").fit(DOCS).transform(DOCS)
    np.testing.assert_allclose(weights.sum(axis=1), 1.0)


def test_seed_topics_interpretable(seed_article):
    """On the seed alone (one article: its paragraphs are the units), the count is one of the
    candidates for 21 paragraphs and a topic holds the Russia/Washington diplomacy."""
    model = TopicModel().fit([p.text for p in seed_article.body])
    terms = model.top_terms(5)
    assert model.n_topics_ in candidate_n_topics(len(seed_article.body))
    assert {"russia", "moscow"} & set(terms["term"])
    assert np.isfinite(model.stability_).all()


def test_topic_documents_are_articles_with_headlines_or_paragraphs():
    """With MIN_ARTICLE_UNITS articles or more, one text per article (headline first); with fewer,
    the body paragraphs themselves."""
    import pandas as pd

    from helpers.measures.topics import MIN_ARTICLE_UNITS, topic_documents

    ids = [f"a{i:02d}" for i in range(MIN_ARTICLE_UNITS) for _ in range(2)]
    body = pd.DataFrame({"article_id": ids, "text": [f"p{j}" for j in range(len(ids))]})
    docs = topic_documents(body, pd.Series({"a00": "Oil falls"}))
    assert docs.attrs["unit"] == "article" and len(docs) == MIN_ARTICLE_UNITS
    assert docs["a00"] == "Oil falls\np0\np1" and docs["a01"] == "p2\np3"
    few = topic_documents(body[body["article_id"] < "a03"], pd.Series({"a00": "Oil falls"}))
    assert few.attrs["unit"] == "paragraph" and few.tolist() == ["p0", "p1", "p2", "p3", "p4", "p5"]


def test_smoothing_gives_short_texts_of_one_theme_shared_topics():
    """Two short texts of the same theme with no word in common: plain TF-IDF cannot relate them;
    smoothed by word co-occurrence, they get the same dominant topic."""
    import scipy.sparse as sp

    from helpers.measures.topics import cooccurrence_smoother, smooth

    rng = np.random.default_rng(0)
    oil = "oil crude opec barrel gulf output refinery pipeline".split()
    sport = "match goal striker team coach league keeper referee".split()
    docs = [" ".join(rng.choice(words, 4, replace=False)) for words in (oil, sport) for _ in range(40)]
    model = TopicModel(2).fit(docs)
    a, b = model.transform(["oil crude", "refinery pipeline"]), model.transform(["goal striker", "keeper referee"])
    assert a[0].argmax() == a[1].argmax() != b[0].argmax() == b[1].argmax()
    plain = model.vectorizer_.transform(["oil crude", "refinery pipeline"])
    assert (plain[0].multiply(plain[1])).sum() == 0  # no shared word
    smoothed = smooth(plain, model.smoother_)
    assert smoothed[0].multiply(smoothed[1]).sum() > 0.3
    np.testing.assert_allclose(sp.linalg.norm(smoothed, axis=1), 1.0)
    pairs = cooccurrence_smoother(plain).tocoo()  # only the words of one text keep company
    vocab = model.vectorizer_.vocabulary_
    assert {(r, c) for r, c in zip(pairs.row, pairs.col)} == {
        (vocab[a], vocab[b]) for a, b in [*permutations(["oil", "crude"]), *permutations(["refinery", "pipeline"])]
    }


def test_smooth_keeps_the_heaviest_terms():
    """A smoothed row holds at most max_terms terms, its heaviest, at unit length."""
    import scipy.sparse as sp

    from helpers.measures.topics import smooth

    row = sp.csr_matrix(np.array([[5.0, 4.0, 3.0, 2.0, 1.0]]))
    out = smooth(row, sp.csr_matrix((5, 5)), max_terms=2).toarray()[0]
    assert (out[2:] == 0).all() and out[0] > out[1] > 0
    assert np.linalg.norm(out) == pytest.approx(1.0)


def test_automatic_count_finds_planted_themes_in_short_articles():
    """Three planted themes in 90 short texts: the automatic count is 3 for several draws."""
    themes = [
        "oil crude opec barrel gulf output refinery pipeline tanker petrol diesel drilling".split(),
        "match goal striker team coach league season keeper penalty referee derby stadium".split(),
        "bank rates inflation interest central loan lending bond yields mortgage credit savings".split(),
    ]
    for seed in range(3):
        rng = np.random.default_rng(seed)
        docs = [" ".join(rng.choice(themes[i % 3], size=8)) for i in range(90)]
        assert TopicModel(0, stability_refits=0).fit(docs).n_topics_ == 3


def test_a_stable_theme_scores_higher_than_a_noise_topic():
    """Two planted themes come back on every refit (stability near 1); the third topic, fitted to
    documents of random words, does not."""
    rng = np.random.default_rng(1)
    themes = [
        "oil crude opec barrel gulf output refinery pipeline tanker petrol diesel drilling".split(),
        "match goal striker team coach league season keeper penalty referee derby stadium".split(),
    ]
    noise = ["".join(rng.choice(list("bcdfghklmnprstvz"), size=7)) for _ in range(300)]  # random words
    docs = [" ".join(rng.choice(themes[i % 2], size=8)) for i in range(80)]
    docs += [" ".join(rng.choice(noise, size=8)) for _ in range(60)]
    model = TopicModel(3, random_state=0).fit(docs)
    stability = model.stability_
    themed = [k for k, c in enumerate(model.model_.components_) if model.terms_[c.argmax()] in themes[0] + themes[1]]
    noisy = [k for k in range(3) if k not in themed]
    assert len(themed) == 2 and len(noisy) == 1
    assert min(stability[themed]) > 0.8 > 0.5 > stability[noisy[0]]
    terms = model.top_terms(10)
    assert terms.groupby("topic")["stability"].nunique().eq(1).all()
    assert "(unstable)" in " ".join(topic_labels(terms)) and TopicModel(3, stability_refits=0).fit(docs).stability_.size == 3


def test_stability_refits_run_through_the_given_map():
    """The refits go through ``refit_map`` (the pipeline's workers), with the same stability as here."""
    calls = []

    def recording_map(func, jobs):
        jobs = list(jobs)
        calls.append(len(jobs))
        return [func(job) for job in jobs]

    here = TopicModel(3).fit(DOCS)
    mapped = TopicModel(3).fit(DOCS, refit_map=recording_map)
    assert calls == [3]
    np.testing.assert_array_equal(here.stability_, mapped.stability_)


def test_smoother_and_smoothing_in_blocks_equal_all_at_once(monkeypatch):
    """The co-occurrence smoother (terms in blocks) and smooth (rows in blocks) give the same
    matrices whatever the block size: blocks only bound memory."""
    import scipy.sparse as sp

    from helpers.measures.topics import cooccurrence as topics

    rng = np.random.default_rng(3)
    matrix = sp.random(300, 120, density=0.06, random_state=rng, format="csr")
    whole_smoother = topics.cooccurrence_smoother(matrix, 10)
    whole = topics.smooth(matrix, whole_smoother, max_terms=15)
    monkeypatch.setattr(topics, "_TERM_BLOCK", 7)
    monkeypatch.setattr(topics, "_ROW_BLOCK", 11)
    blocked_smoother = topics.cooccurrence_smoother(matrix, 10)
    assert (blocked_smoother != whole_smoother).nnz == 0 and whole_smoother.nnz > 0
    assert (topics.smooth(matrix, blocked_smoother, max_terms=15) != whole).nnz == 0
