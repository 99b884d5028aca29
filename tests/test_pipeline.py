"""Tests for helpers.corpus.pipeline: corpus tables, bad inputs, and the same results on processes and Dask."""

import numpy as np
import pandas as pd
import pytest

from conftest import SEED, make_workdir
from helpers import io
from helpers.corpus.pipeline import clean_corpus, measure_corpus
from helpers.text.clean import Cleaner

OTHER = [
    "PARIS, May 2\nFrench farmers protested against low milk prices on Tuesday.\n"
    "Police said the protest was peaceful and ended by noon.\nReuter",
    "Storm batters coast\n\nA powerful storm flooded homes along the coast.\n\nResidents feared more rain.\n",
    "BERLIN (Reuters) - The carmaker reported record profits and praised strong demand.\nShares rose sharply in early trading.",
]


@pytest.fixture(scope="module")
def corpus(tmp_path_factory):
    root = make_workdir(tmp_path_factory.mktemp("pipe"))
    raw = root / "data" / "raw"
    for i, text in enumerate(OTHER):
        (raw / f"other_{i}.txt").write_text(text, encoding="utf-8")
    return io.list_raw(raw)


@pytest.fixture(scope="module")
def local(corpus):
    tables = clean_corpus(corpus, Cleaner(), jobs=1)
    return tables, measure_corpus(tables["paragraphs"], tables["articles"], jobs=1)


def test_bad_inputs_are_skipped_with_reasons(local):
    """Empty, binary, non-.txt, folder and boilerplate-only entries are skipped; the rest is processed."""
    articles = local[0]["articles"].set_index("source")
    assert (articles["status"] == "ok").sum() == 5  # seed, hostile, three others
    assert articles.loc["binary.txt", "problem"].startswith("cannot be read as text")
    assert articles.loc["empty.txt", "problem"] == "is empty or holds only white space"
    assert articles.loc["only_boilerplate.txt", "problem"].startswith("has no body text left")
    assert set(local[0]["paragraphs"]["article_id"]) == set(articles.loc[articles["status"] == "ok", "article_id"])


def test_audit_covers_every_line(local, corpus):
    """The audit has a row for every raw line of every cleaned article."""
    audit, articles = local[0]["audit"], local[0]["articles"].set_index("article_id")
    cleaned = [e for e in corpus if e.path is not None and articles.loc[e.article_id, "n_lines"] is not pd.NA]
    assert len(cleaned) >= 6
    for entry in cleaned:
        expected = entry.read().decode("utf-8", errors="replace").replace("\r\n", "\n").count("\n") + 1
        assert (audit["article_id"] == entry.article_id).sum() == expected, entry.source


def test_seed_measures(local):
    """The seed's paragraphs get sentiment and topic weights; articles get a bootstrap interval."""
    paragraphs, articles = local[1]["paragraphs"], local[1]["articles"].set_index("article_id")
    seed = paragraphs[paragraphs["article_id"] == SEED.stem]
    assert len(seed) == 22 and seed["compound"].notna().all()
    row = articles.loc[SEED.stem]
    assert row["compound_ci_low"] < row["compound_mean"] < row["compound_ci_high"]
    # Article-level figures come from the body: the heading keeps its own score in the paragraph
    # table, but its sentence is not text of the article (24 sentences scored, 23 in the body).
    body, heading = seed[seed["kind"] == "body"], seed[seed["kind"] == "heading"]
    assert len(heading) == 1 and heading["compound"].notna().all()
    assert row["n_sentences"] == body["n_sentences"].sum() == 23
    sentences = local[1]["sentences"]
    body_sentences = sentences[(sentences["article_id"] == SEED.stem) & sentences["position"].isin(body["position"])]
    assert row["compound_mean"] == pytest.approx(body_sentences["compound"].mean())


def test_processes_give_the_same_tables(corpus, local):
    """Two worker processes give exactly the tables of one."""
    tables = clean_corpus(corpus, Cleaner(), jobs=2, batch_size=3)
    for name in ("articles", "paragraphs", "audit"):
        pd.testing.assert_frame_equal(tables[name], local[0][name], check_exact=True)
    measured = measure_corpus(tables["paragraphs"], tables["articles"], jobs=2, batch_size=2)
    for name in ("paragraphs", "sentences", "segments", "topic_terms", "articles"):
        pd.testing.assert_frame_equal(measured[name], local[1][name], check_exact=True)


def test_dask_local_cluster_gives_the_same_tables(corpus, local):
    """On a dask.distributed LocalCluster the measuring stage gives the same tables as locally."""
    from distributed import Client, LocalCluster

    with LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None) as cluster, Client(cluster) as client:
        tables = clean_corpus(corpus, Cleaner(), scheduler=client, batch_size=4)
        measured = measure_corpus(tables["paragraphs"], tables["articles"], scheduler=cluster.scheduler_address, batch_size=3)
    for name in ("articles", "paragraphs", "audit"):
        pd.testing.assert_frame_equal(tables[name], local[0][name], check_exact=True)
    for name in ("paragraphs", "sentences", "segments", "topic_terms", "articles"):
        pd.testing.assert_frame_equal(measured[name], local[1][name], check_exact=True)


class _Constant:
    """A stand-in scorer: every sentence scores 0.25."""

    def score(self, texts):
        return [0.25] * len(texts)


def test_optional_scorer_replaces_compound(local):
    """A scorer given to measure_corpus replaces VADER's compound everywhere; pos/neu/neg stay VADER's."""
    tables = local[0]
    measured = measure_corpus(tables["paragraphs"], tables["articles"], scorer=_Constant())
    assert (measured["sentences"]["compound"] == 0.25).all()
    assert (measured["paragraphs"]["compound"] == 0.25).all()
    assert (measured["segments"]["compound"] == 0.25).all()
    pd.testing.assert_series_equal(measured["sentences"]["pos"], local[1]["sentences"]["pos"])


def test_larger_corpus_same_tables_on_any_number_of_processes():
    """On 2,400 paragraphs in many batches, the measured tables are bit for bit the same with 1
    and 2 processes."""
    rng = np.random.default_rng(7)
    themes = [[f"{name}{chr(97 + i)}" for i in range(26)] for name in ("market", "match", "vote", "film")]
    mood = ["good", "bad", "great", "terrible", "calm", "angry"]
    rows = []
    for a in range(300):
        theme = themes[a % 4]
        for position in range(1, 9):
            words = [*rng.choice(theme, 25), *rng.choice(mood, 3)]
            text = " ".join(words[:14]).capitalize() + ". " + " ".join(words[14:]).capitalize() + "."
            rows.append((f"a{a:03d}", position, "body", "", text, position, position))
    paragraphs = pd.DataFrame(rows, columns=["article_id", "position", "kind", "section", "text", "first_line", "last_line"])
    articles = pd.DataFrame({"article_id": paragraphs["article_id"].unique()})
    one = measure_corpus(paragraphs, articles, jobs=1, batch_size=40)
    two = measure_corpus(paragraphs, articles, jobs=2, batch_size=40)
    assert one["topic_terms"]["topic"].nunique() >= 2
    for name in ("paragraphs", "sentences", "segments", "topic_terms", "articles"):
        pd.testing.assert_frame_equal(one[name], two[name], check_exact=True)


def test_topic_fit_uses_one_blas_thread_whatever_jobs(monkeypatch, local):
    """The fit runs on one BLAS thread with 1 process as with several: on large corpora the
    number of BLAS threads changes the last digits of the topic weights."""
    from threadpoolctl import threadpool_info

    from helpers.measures import topics

    seen = []
    fit = topics.TopicModel.fit

    def recording_fit(self, texts, context=None, **kwargs):
        seen.append({pool["num_threads"] for pool in threadpool_info() if pool["user_api"] == "blas"})
        return fit(self, texts, context, **kwargs)

    monkeypatch.setattr(topics.TopicModel, "fit", recording_fit)
    paragraphs, articles = local[0]["paragraphs"], local[0]["articles"]
    for jobs in (1, 2):
        measure_corpus(paragraphs, articles, jobs=jobs)
    assert seen == [{1}, {1}]


def test_a_file_name_that_is_not_utf8_is_processed_under_a_readable_id(tmp_path):
    """A Latin-1 file name (b'na\\xefve.txt') is cleaned and written like any other, as id 'na\\xefve'."""
    import os

    raw = tmp_path / "raw"
    raw.mkdir()
    (raw / os.fsdecode(b"na\xefve.txt")).write_bytes(b"PARIS, May 2\nFarmers protested against low milk prices.\n")
    (raw / "other.txt").write_text("Residents feared more rain after the storm flooded homes.\n")
    tables = clean_corpus(io.list_raw(raw), Cleaner(), jobs=1)
    articles = tables["articles"].set_index("article_id")
    assert articles.loc["na\\xefve", "status"] == "ok" and articles.loc["na\\xefve", "source"] == "na\\xefve.txt"
    for name in ("articles", "paragraphs", "audit"):
        io.write_table(tables[name], name, folder=tmp_path / "out")
    assert "na\\xefve" in set(io.read_table("paragraphs", folder=tmp_path / "out")["article_id"])


def test_articles_get_topic_weights_summing_to_one_and_their_dominant_topic(local):
    """The articles table carries topic_1..k (length-weighted means of the body paragraphs'
    weights, summing to 1) and the dominant topic; topic_terms carries each topic's stability."""
    measured = local[1]
    articles, paragraphs, terms = measured["articles"], measured["paragraphs"], measured["topic_terms"]
    k = terms["topic"].nunique()
    columns = [f"topic_{i}" for i in range(1, k + 1)]
    ok = articles[articles["status"] == "ok"].set_index("article_id")
    np.testing.assert_allclose(ok[columns].sum(axis=1), 1.0)
    assert (ok["topic"] == ok[columns].to_numpy().argmax(axis=1) + 1).all()
    seed = paragraphs[(paragraphs["article_id"] == SEED.stem) & (paragraphs["kind"] == "body")]
    expected = (seed[columns].mul(seed["text"].str.len(), axis=0).sum() / seed["text"].str.len().sum()).to_numpy()
    np.testing.assert_allclose(ok.loc[SEED.stem, columns].to_numpy(dtype=float), expected / expected.sum())
    assert articles.loc[articles["status"] != "ok", "topic"].isna().all()
    assert terms["stability"].between(0, 1).all()
