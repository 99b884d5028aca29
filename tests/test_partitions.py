"""Tests for helpers.corpus.partitions: partitions of whole articles, the same tables from one partition or
many, resumption after a kill, corpus files mixed with article files, metadata and syndication."""

import csv
import os
import signal
import subprocess
import sys
import textwrap
import time

import numpy as np
import pandas as pd
import pytest

from conftest import SEED
from helpers import io, paths
from helpers.analysis import metadata
from helpers.corpus.partitions import STORE, clean_partitions, iter_partitions, measure_partitions
from helpers.text.clean import Cleaner

SUBJECTS = ["The council", "Local farmers", "The hospital board", "Police officers", "The mayor", "Teachers", "Residents"]
VERBS = ["praised", "criticised", "welcomed", "rejected", "debated", "questioned", "celebrated", "feared"]
OBJECTS = ["the budget plan", "the flood defences", "rising rents", "the school merger", "the bus route", "the harvest", "the strike"]
WIRE = "The national weather service warned that heavy storms would bring flooding to low-lying areas over the weekend."
OUTLETS = ["Gazette", "Courier", "Herald"]


def _article(rng: np.random.Generator, i: int) -> tuple[str, str]:
    """A headline and a body of 3-5 distinct paragraphs (the 'wire' paragraph in every fifth article)."""
    paragraphs = []
    for p in range(int(rng.integers(3, 6))):
        count = int(rng.integers(2, 4))
        sentences = [f"{rng.choice(SUBJECTS)} {rng.choice(VERBS)} {rng.choice(OBJECTS)} on day {i * 10 + p + s}." for s in range(count)]
        paragraphs.append(" ".join(sentences))
    if i % 5 == 0:
        paragraphs.insert(1, WIRE)
    return f"{rng.choice(SUBJECTS)} and {rng.choice(OBJECTS)}, story {i}", "\n\n".join(paragraphs)


def _write_corpus(raw, n_rows: int = 48, n_files: int = 6) -> None:
    rng = np.random.default_rng(7)
    raw.mkdir(parents=True, exist_ok=True)
    (raw / "000_seed.txt").write_bytes(SEED.read_bytes())
    for i in range(n_files):
        headline, body = _article(rng, 1000 + i)
        (raw / f"local_{i:02d}.txt").write_text(f"{headline}\n\n{body}\n", encoding="utf-8")
    with open(raw / "export.csv", "w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(["id", "title", "text", "outlet", "date"])
        for i in range(n_rows):
            headline, body = _article(rng, i)
            writer.writerow([f"row{i:03d}", headline, body, OUTLETS[i % 3], f"2020-{1 + i % 12:02d}-{1 + i % 27:02d}"])
        writer.writerow(["row001", "Again", "A second article under an id already taken.", "Gazette", "2020-01-01"])
        writer.writerow(["row999", "Empty", "", "Gazette", "2020-01-01"])


def _build(raw, processed, size, jobs=1):
    cleaned = clean_partitions(raw, processed, Cleaner(), size=size, jobs=jobs)
    measured = measure_partitions(processed, jobs=jobs, n_topics=3)
    return cleaned, measured


TABLES = (
    *("clean_articles", "clean_paragraphs", "audit", "corpus_metadata", "articles", "paragraphs", "sentences", "segments"),
    *("mentions", "article_actors", "actor_names"),
)


@pytest.fixture(scope="module")
def builds(tmp_path_factory):
    root = tmp_path_factory.mktemp("parts")
    raw = root / "raw"
    _write_corpus(raw)
    one = _build(raw, root / "one", size=1000)
    many = _build(raw, root / "many", size=6)
    return raw, root / "one", root / "many", one, many


def _tables(processed):
    return {t: pd.read_parquet(processed / f"{t}.parquet") for t in TABLES}


def test_partitions_hold_whole_articles(builds):
    """Every article is in exactly one partition, in corpus order, and no partition exceeds twice the target."""
    raw = builds[0]
    partitions = list(iter_partitions(raw, size=6))
    ids = [e.article_id for p in partitions for e in p.entries]
    assert len(partitions) > 3 and all(p.n_articles <= 12 for p in partitions)
    assert ids == [e.article_id for e in next(iter_partitions(raw, size=10_000)).entries]
    assert len(ids) == 1 + 6 + 48 + 2
    assert ids[:7] == ["000_seed", *(f"local_{i:02d}" for i in range(6))] and ids[7] == "row000"
    # the same folder gives the same partitions
    assert [p.digest for p in partitions] == [p.digest for p in iter_partitions(raw, size=6)]


def test_one_partition_and_many_give_the_same_tables(builds):
    _, one, many, (clean_one, _), (clean_many, measured_many) = builds
    assert clean_one.n_partitions == 1 and clean_many.n_partitions > 3
    assert len(list((many / "paragraphs.parquet").glob("part-*.parquet"))) == clean_many.n_partitions
    a, b = _tables(one), _tables(many)
    for name in TABLES:
        weights = [c for c in a[name].columns if c.startswith("topic_")]
        pd.testing.assert_frame_equal(a[name].drop(columns=weights), b[name].drop(columns=weights), obj=name)
        # NMF stops its transform on a batch-wide tolerance: weights agree to the tolerance's order
        np.testing.assert_allclose(a[name][weights].to_numpy(float), b[name][weights].to_numpy(float), atol=0.02, err_msg=name)
    assert measured_many.n_articles == 57


def test_bad_rows_and_duplicate_ids_are_skipped_and_named(builds):
    articles = pd.read_parquet(builds[1] / "clean_articles.parquet").set_index("source")
    assert articles.loc["export.csv, line 354", "problem"].startswith("has the id 'row001', which an earlier article already has")
    assert articles.loc["export.csv, line 355", "problem"] == "has an empty text"
    assert (articles["status"] == "ok").sum() == 55


def test_corpus_rows_keep_their_headline_and_metadata(builds):
    """A corpus file's title is the headline; its other columns reach the group and time sections."""
    processed, raw = builds[1], builds[0]
    articles = pd.read_parquet(processed / "articles.parquet")
    row = articles.set_index("article_id").loc["row003"]
    assert row["headline"].endswith("story 3") and row["status"] == "ok" and row["n_paragraphs"] >= 3
    joined, meta = metadata.load(articles, raw, processed)
    assert meta.kinds == {"outlet": "text", "date": "date"} and meta.problems == []
    assert joined.set_index("article_id").loc["row003", "outlet"] == "Gazette"
    settings = metadata.check_parameters(joined, meta, group_by="outlet", date_column="", time_unit="", compare="")
    assert settings.group_by == "outlet" and settings.date_column == "date"


def test_recurring_prose_is_kept_and_marked_as_syndicated(builds):
    paragraphs = pd.read_parquet(builds[1] / "paragraphs.parquet")
    wire = paragraphs[paragraphs["text"] == WIRE]
    assert wire["article_id"].nunique() == 12  # rows 0, 5, ... 45 and the files local_00, local_05 (stories 1000, 1005)
    assert (wire["shared_by"] == 12).all()
    assert (paragraphs.loc[paragraphs["text"] != WIRE, "shared_by"] == 1).all()


def test_a_second_run_reuses_every_partition(builds, tmp_path):
    raw, _, many = builds[0], builds[1], builds[2]
    before = _tables(many)
    cleaned, measured = _build(raw, many, size=6)
    assert cleaned.n_reused == cleaned.n_partitions and measured.n_reused == measured.n_partitions
    for name, frame in _tables(many).items():
        pd.testing.assert_frame_equal(before[name], frame, obj=name)


RUN = textwrap.dedent(
    """
    import sys
    from pathlib import Path
    from helpers.text.clean import Cleaner
    from helpers.corpus.partitions import clean_partitions, measure_partitions
    raw, processed = Path(sys.argv[1]), Path(sys.argv[2])
    clean_partitions(raw, processed, Cleaner(), size=6, jobs=1)
    measure_partitions(processed, jobs=1, n_topics=3)
    """
)


def test_a_killed_run_redoes_only_unfinished_partitions(builds, tmp_path):
    """SIGKILL in the middle of measuring; the next run reuses what was stored and its tables equal an uninterrupted run's."""
    raw, many = builds[0], builds[2]
    processed = tmp_path / "killed"
    env = {**os.environ, "NEWS_TONE_PROGRESS": "quiet"}
    proc = subprocess.Popen([sys.executable, "-c", RUN, str(raw), str(processed)], env=env)
    measured = processed / STORE / "measured"
    deadline = time.time() + 240
    while time.time() < deadline and proc.poll() is None and len(list(measured.glob("[0-9a-f]*"))) < 2:
        time.sleep(0.05)
    assert proc.poll() is None, "the run finished before it could be killed"
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait()
    done = len(list(measured.glob("[0-9a-f]*")))
    assert 2 <= done
    cleaned, again = _build(raw, processed, size=6)
    assert cleaned.n_reused == cleaned.n_partitions  # cleaning had finished
    assert again.n_reused >= done and again.n_reused < again.n_partitions
    expected = _tables(many)
    for name, frame in _tables(processed).items():
        pd.testing.assert_frame_equal(expected[name], frame, obj=name)


def test_adding_articles_cleans_only_the_new_ones(builds, tmp_path):
    raw = builds[0]
    grown = tmp_path / "raw"
    grown.mkdir()
    for path in raw.iterdir():
        (grown / path.name).write_bytes(path.read_bytes())
    processed = tmp_path / "processed"
    first = clean_partitions(grown, processed, Cleaner(), size=6)
    (grown / "zz_new.txt").write_text("Flood warning\n\nThe river rose overnight and the bridge was closed to traffic.\n")
    second = clean_partitions(grown, processed, Cleaner(), size=6)
    assert second.n_articles == first.n_articles + 1
    assert second.n_partitions - second.n_reused <= 2  # the partition the new file falls into (and a split)


@pytest.mark.slow
def test_a_dask_cluster_gives_the_same_tables(builds, tmp_path):
    """A real `dask scheduler` and two `dask worker` processes on loopback: the workers clean and
    measure the partitions and write the parts themselves; the tables equal a local run's."""
    raw, many = builds[0], builds[2]
    bin_dir = os.path.dirname(sys.executable)
    scheduler_file = tmp_path / "scheduler.json"
    common = ["--no-dashboard"]
    env = {**os.environ, "NEWS_TONE_PROGRESS": "quiet"}
    procs = [
        subprocess.Popen(
            [f"{bin_dir}/dask", "scheduler", "--host", "127.0.0.1", "--port", "0", "--scheduler-file", str(scheduler_file), *common],
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
    ]
    try:
        deadline = time.time() + 60
        while not scheduler_file.exists() and time.time() < deadline:
            time.sleep(0.2)
        for _ in range(2):
            procs.append(
                subprocess.Popen(
                    [
                        f"{bin_dir}/dask",
                        "worker",
                        "--scheduler-file",
                        str(scheduler_file),
                        "--nthreads",
                        "1",
                        "--host",
                        "127.0.0.1",
                        *common,
                    ],
                    env=env,
                    stdout=subprocess.DEVNULL,
                    stderr=subprocess.DEVNULL,
                )
            )
        from distributed import Client

        with Client(scheduler_file=str(scheduler_file), timeout=60) as client:
            client.wait_for_workers(2, timeout=60)
            address = client.scheduler.address
            processed = tmp_path / "cluster"
            cleaner = Cleaner()
            clean_partitions(raw, processed, cleaner, size=6, scheduler=address)
            measure_partitions(processed, n_topics=3, scheduler=address)
            workers = {w["id"] for w in client.scheduler_info()["workers"].values()}
            assert len(workers) == 2
    finally:
        for proc in reversed(procs):
            proc.send_signal(signal.SIGTERM)
        for proc in procs:
            try:
                proc.wait(timeout=30)
            except subprocess.TimeoutExpired:
                proc.kill()
    expected = _tables(many)
    for name, frame in _tables(processed).items():
        pd.testing.assert_frame_equal(expected[name], frame, obj=name)


def test_corpus_file_columns_are_known_before_the_first_measuring(tmp_path, monkeypatch):
    """group_by may name a corpus file's column before any table exists (checked on the file's header)."""
    from helpers import paths
    from helpers.build import selection

    raw = tmp_path / "raw"
    _write_corpus(raw, n_rows=3, n_files=0)
    monkeypatch.setattr(paths, "RAW", raw)
    selection._check_names({"group_by": "outlet", "date_column": "date"})
    with pytest.raises(ValueError, match=r"group_by must name a column of metadata.csv, of the corpus files .*outlet, date.*; got 'desk'"):
        selection._check_names({"group_by": "desk", "date_column": ""})


def test_metadata_of_corpus_files_reaches_the_corpus_report(builds):
    """The corpus report's group and time sections use a corpus file's columns."""
    from helpers.report import data as reportdata

    raw, processed = builds[0], builds[1]
    data = reportdata.load_corpus(processed_dir=str(processed), raw_dir=str(raw), group_by="outlet")
    assert set(data.analysis.by_group["group"]) == set(OUTLETS)
    assert data.analysis.over_time is not None and data.settings.date_column == "date"
    assert data.paragraph_counts["body"] == int((data.paragraphs["kind"] == "body").sum())  # no sample: small corpus


def test_progress_is_quiet_where_nobody_watches(monkeypatch):
    """Off a terminal (a CI log) the bar is a plain line at the start and at the end, not thousands of redraws."""
    import io as stdio

    from helpers.corpus import progress

    stream = stdio.StringIO()
    monkeypatch.setenv("NEWS_TONE_PROGRESS", "")
    monkeypatch.setattr(sys, "stderr", stream)
    monkeypatch.delitem(sys.modules, "ipykernel", raising=False)
    with progress.progress(100_000, "cleaning") as bar:
        for _ in range(1000):
            bar.update(100)
    lines = stream.getvalue().splitlines()
    assert 2 <= len(lines) <= 3 and "\r" not in stream.getvalue()
    assert lines[-1].startswith("cleaning: 100%") and "100000/100000" in lines[-1] and "article/s" in lines[-1]


def test_reports_read_a_bounded_sample_of_whole_articles(builds):
    """Beyond the cap, a report reads the paragraphs of whole articles, the same ones on every run, and says so."""
    from helpers.corpus import aggregates

    processed = builds[1]
    articles = pd.read_parquet(processed / "articles.parquet")
    everything = aggregates.sample_articles(articles)
    assert not everything.sampled and everything.note() == ""
    sample = aggregates.sample_articles(articles, max_paragraphs=100)
    assert sample.sampled and 0 < sample.n_paragraphs <= 100 < sample.total_paragraphs
    assert sample.ids == aggregates.sample_articles(articles, max_paragraphs=100).ids
    paragraphs = aggregates.read_paragraphs(processed, sample)
    assert set(paragraphs["article_id"]) == sample.ids and len(paragraphs) == sample.n_paragraphs
    full = pd.read_parquet(processed / "paragraphs.parquet")
    assert paragraphs.groupby("article_id").size().equals(full[full["article_id"].isin(sample.ids)].groupby("article_id").size())
    assert f"a sample of {sample.n_articles:,} of the 55 articles" in sample.note()
    counts = aggregates.paragraph_counts(processed)
    assert counts == full["kind"].value_counts().to_dict()
    topics = [c for c in full.columns if c.startswith("topic_")]
    body = full[(full["kind"] == "body") & full[topics[0]].notna()]
    np.testing.assert_allclose(aggregates.topic_means(processed, topics).to_numpy(), body[topics].mean().to_numpy())
    from helpers.corpus.pipeline import removal_summary

    audit = pd.read_parquet(processed / "audit.parquet")
    pd.testing.assert_frame_equal(aggregates.removal_summary(processed), removal_summary(audit), check_dtype=False)


def test_a_first_partition_of_skipped_articles_keeps_the_column_types(tmp_path):
    """Partitions of one article each, the first one skipped (its numeric columns all missing): the
    published tables keep their types, and the aggregates over them work."""
    from helpers.corpus import aggregates

    raw = tmp_path / "raw"
    raw.mkdir()
    rng = np.random.default_rng(3)
    with open(raw / "one.csv", "w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(["id", "title", "text"])
        writer.writerow(["a00", "Empty", ""])
        for i in range(1, 23):
            writer.writerow([f"a{i:02d}", *_article(rng, i)])
    processed = tmp_path / "processed"
    cleaned, measured = _build(raw, processed, size=2)
    assert cleaned.n_partitions == 23 and measured.n_articles == 23
    articles = pd.read_parquet(processed / "articles.parquet")
    assert articles["compound_mean"].dtype == "float64" and articles["n_sentences"].dtype == "Int64"
    assert articles["compound_mean"].isna().tolist() == [True] + [False] * 22
    sentences = pd.read_parquet(processed / "sentences.parquet")
    assert sentences["compound"].dtype == "float64"
    topics = [c for c in articles.columns if c.startswith("topic_")]
    assert aggregates.topic_means(processed, topics).notna().all()


def test_a_corpus_with_nothing_to_measure_says_what_was_skipped(tmp_path):
    raw = tmp_path / "raw"
    raw.mkdir()
    (raw / "bad.csv").write_text('id,text\na,\nb,""\n')
    processed = tmp_path / "processed"
    cleaned = clean_partitions(raw, processed, Cleaner())
    assert cleaned.n_ok == 0 and cleaned.skipped["problem"].tolist() == ["has an empty text"] * 2
    with pytest.raises(ValueError, match=r"holds 0 article\(s\) with body text after cleaning.*skipped.csv"):
        measure_partitions(processed)


def test_names_that_clash_but_for_case_leave_nothing_and_the_error_names_both(tmp_path):
    """``x.txt`` beside ``X.TXT`` are both refused for the clash (neither is "an earlier article" of the
    other), and measuring the empty corpus names them and the reason, not the topic model's minimum alone."""
    raw = tmp_path / "raw"
    raw.mkdir()
    seed = (paths.RAW / f"{paths.SEED_ID}.txt").read_bytes()
    (raw / "x.txt").write_bytes(seed)
    (raw / "X.TXT").write_bytes(seed)
    processed = tmp_path / "processed"
    cleaned = clean_partitions(raw, processed, Cleaner())
    assert cleaned.n_ok == 0
    assert dict(zip(cleaned.skipped["source"], cleaned.skipped["problem"])) == {
        "X.TXT": "has the same name as x.txt but for upper/lower case; rename one of them",
        "x.txt": "has the same name as X.TXT but for upper/lower case; rename one of them",
    }
    io.write_table(cleaned.skipped, "skipped", folder=processed, csv=True)  # as 01_clean does
    with pytest.raises(ValueError) as error:
        measure_partitions(processed)
    message = str(error.value)
    assert "holds 0 article(s) with body text" in message
    assert "Skipped: X.TXT: has the same name as x.txt but for upper/lower case; rename one of them; x.txt: has the same name" in message
