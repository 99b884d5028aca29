"""End to end: `python -m helpers.build` executes the notebooks with papermill and publishes reports."""

import fcntl
import os
import re
import subprocess
import sys

import pandas as pd
import pytest

from conftest import SEED, blocked_figures, make_workdir, run_build
from helpers import paths

SEED_ID = paths.SEED_ID
pytestmark = pytest.mark.slow


def test_tables_for_the_seed(built):
    """The seed's measured paragraphs: 21 body + 1 heading, sentiment and topic columns, weights sum to 1."""
    processed = built.path / "data" / "processed"
    paragraphs = pd.read_parquet(processed / "paragraphs.parquet").query("article_id == @SEED_ID")
    assert paragraphs["kind"].value_counts().to_dict() == {"body": 21, "heading": 1}
    topic_cols = [c for c in paragraphs.columns if c.startswith("topic_")]
    assert len(topic_cols) >= 2
    weights = paragraphs.loc[paragraphs[topic_cols].notna().all(axis=1), topic_cols]
    assert ((weights.sum(axis=1) - 1).abs() < 1e-9).all()
    assert paragraphs["compound"].between(-1, 1).all() and (paragraphs["n_sentences"] >= 1).all()
    csv = pd.read_csv(processed / "paragraphs.csv")
    assert len(csv) == len(pd.read_parquet(processed / "paragraphs.parquet"))
    for name in ("sentences", "topic_terms", "audit", "articles"):
        assert len(pd.read_parquet(processed / f"{name}.parquet")) > 0


def test_articles_table_and_skipped_files(built):
    """Every raw entry has a row; bad inputs are skipped with a problem naming it."""
    articles = pd.read_parquet(built.path / "data" / "processed" / "articles.parquet").set_index("source")
    assert articles.loc[f"{SEED_ID}.txt", "status"] == "ok"
    assert articles.loc[f"{SEED_ID}.txt", "dateline"] == "Washington"
    assert articles.loc[f"{SEED_ID}.txt", "copyright"] == "© Thomson Reuters 2013"
    problems = articles.loc[articles["status"] == "skipped", "problem"].to_dict()
    assert "empty" in problems["empty.txt"]
    assert "NUL" in problems["binary.txt"]
    assert problems["notes.csv"] == "holds no article: a header, and no row under it"  # a corpus file (issue 21)
    assert "folder" in problems["folder"]
    assert "no body text" in problems["only_boilerplate.txt"]


def test_figures_png_and_svg(built):
    """Each reported article has its four figures as PNG and SVG."""
    folder = built.path / "reports" / "figures" / SEED_ID
    names = {p.name for p in folder.iterdir()}
    for stem in ("sentiment_arc", "topic_heatmap", "top_terms", "sentiment_by_topic"):
        assert {f"{stem}.png", f"{stem}.svg"} <= names
        assert (folder / f"{stem}.png").stat().st_size > 5000


def test_article_html(built):
    """The seed's report opens with the article facts, has its figures embedded and no code."""
    html = (built.path / "reports" / "articles" / f"{SEED_ID}.html").read_text()
    assert "Washington" in html and "© Thomson Reuters 2013" in html
    assert html.count("data:image/png;base64,") >= 4
    assert "<script" not in html
    assert "figures.sentiment_arc" not in html and "import matplotlib" not in html
    assert "Track Latest News Live on NDTV.com" in html  # shown among the removed lines
    assert "boilerplate: promotion" in html
    assert (built.path / "reports" / "articles" / f"{SEED_ID}.ipynb").exists()


def test_hostile_text_is_escaped(built):
    """Article text with markup appears escaped in the report, never as live HTML."""
    html = (built.path / "reports" / "articles" / "hostile.html").read_text()
    assert "&lt;script&gt;window.__xss=1&lt;/script&gt;" in html
    assert "<script>window.__xss" not in html and "<img src=x" not in html


def test_index_links_reports_and_lists_skipped(built):
    """index.html links every report and lists every skipped file with its problem."""
    html = (built.path / "reports" / "index.html").read_text()
    assert f'href="articles/{SEED_ID}.html"' in html and 'href="articles/hostile.html"' in html
    assert 'href="01_clean.html"' in html and 'href="02_measure.html"' in html
    assert 'href="corpus_report.html"' in html
    for name in ("empty.txt", "binary.txt", "notes.csv", "folder", "only_boilerplate.txt"):
        assert name in html


def test_raw_is_never_written(built):
    """A full run leaves every file in data/raw byte-identical."""
    raw = built.path / "data" / "raw"
    assert {p.name: p.read_bytes() for p in raw.iterdir() if p.is_file()} == built.raw


def test_second_run_executes_nothing(own_build):
    """A second run with nothing changed executes no notebook."""
    result = run_build(own_build)
    assert result.returncode == 0, result.stderr
    assert "no notebook executed" in result.stdout


def test_two_clean_runs_give_identical_tables(built, tmp_path):
    """Two clean runs on the same inputs write byte-identical tables."""
    other = make_workdir(tmp_path)
    assert run_build(other, "--articles", "none").returncode == 0
    for name in ("paragraphs.parquet", "paragraphs.csv", "sentences.parquet", "topic_terms.parquet", "audit.parquet", "articles.parquet"):
        a, b = built.path / "data" / "processed" / name, other / "data" / "processed" / name
        if a.is_dir():  # a folder of parts: the same parts, byte for byte
            assert [p.name for p in sorted(a.iterdir())] == [p.name for p in sorted(b.iterdir())], name
            assert all(p.read_bytes() == (b / p.name).read_bytes() for p in a.iterdir()), name
        else:
            assert a.read_bytes() == b.read_bytes(), name


@pytest.mark.parametrize(
    "args, message",
    [
        (["--set", "bogus=1"], "unknown parameter 'bogus'"),
        (["--articles", "no_such_article"], "'no_such_article' matches no article"),
        (["--set", "n_topics=500"], "n_topics must be between 1 and the number of body paragraphs"),
    ],
)
def test_bad_parameters_fail_fast(built, args, message):
    """Bad parameters stop the command with a clear message and exit code 1 (the checks that need no
    corpus are tested in process, in ``tests/test_cli.py``)."""
    result = run_build(built.path, *args)
    assert result.returncode == 1
    assert message in result.stderr


def test_failed_notebook_keeps_last_good_report(own_build):
    """A failing report keeps the previous HTML, keeps the failed notebook, names the cell and error."""
    html = own_build / "reports" / "articles" / f"{SEED_ID}.html"
    before = html.read_bytes()
    with blocked_figures(own_build, SEED_ID):  # the figures cannot be saved: the report fails
        result = run_build(own_build, "--articles", SEED_ID, "--force")
    assert result.returncode == 1
    assert "article_report.ipynb" in result.stderr and "cell" in result.stderr
    assert "NotADirectoryError" in result.stderr or "FileExistsError" in result.stderr
    assert html.read_bytes() == before
    assert (own_build / "reports" / "failed" / f"articles__{SEED_ID}.ipynb").exists()


def test_concurrent_run_refused(own_build):
    """While one build holds the lock, a second one exits with a clear message."""
    lock_path = own_build / "data" / "processed" / ".build" / "lock"
    with open(lock_path, "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        result = run_build(own_build)
    assert result.returncode == 1
    assert "another `make report` is running" in result.stderr


def test_papermill_cli_runs_the_report(built, tmp_path):
    """The article report also runs from papermill's own command line, with -p parameters."""
    out = tmp_path / "out.ipynb"
    env = dict(os.environ, NEWS_TONE_WORKDIR=str(built.path))
    result = subprocess.run(
        [
            os.path.join(os.path.dirname(sys.executable), "papermill"),
            str(paths.NOTEBOOKS / "article_report.ipynb"),
            str(out),
            "-p",
            "article_id",
            SEED_ID,
            "-p",
            "figures_dir",
            str(tmp_path / "fig"),
        ],
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 0, result.stderr
    assert (tmp_path / "fig" / "sentiment_arc.svg").exists()


@pytest.mark.parametrize("delay", [1.5, 5.0, 9.0])
def test_sigkill_leaves_no_partial_output(own_build, delay):
    """A forced rebuild killed with SIGKILL leaves only complete outputs, and the next run completes."""
    import signal
    import time

    env = dict(os.environ, NEWS_TONE_WORKDIR=str(own_build))
    proc = subprocess.Popen(
        [sys.executable, "-m", "helpers.build", "--force", "--jobs", "2"],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
    )
    time.sleep(delay)
    os.killpg(proc.pid, signal.SIGKILL)
    proc.wait()
    for folder in ("reports", "data/processed"):
        for path in (own_build / folder).rglob("*"):
            if path.suffix == ".parquet":
                pd.read_parquet(path)
            elif path.suffix == ".html":
                assert path.read_text().rstrip().endswith("</html>"), path
    result = run_build(own_build)
    assert result.returncode == 0, result.stderr
    assert not list((own_build / ".tmp").iterdir())


def test_measure_notebook_with_news_scorer(built, tmp_path):
    """The measure notebook trains the optional news scorer from rated sets and uses it (papermill CLI)."""
    import shutil

    from helpers.io import RATING_SETS

    processed = tmp_path / "processed"
    shutil.copytree(built.path / "data" / "processed", processed)
    sets = tmp_path / "sets"
    sets.mkdir()
    lines = [
        "1\t2.5\tGreat news, a wonderful win.",
        "2\t-2.8\tA terrible, deadly disaster.",
        "3\t0.1\tThe meeting is on Friday.",
        "4\t1.6\tA good result for everyone.",
        "5\t-1.9\tThe talks failed badly.",
    ]
    for name in RATING_SETS.values():
        (sets / name).write_text("\n".join(lines) + "\n", encoding="utf-8")
    env = dict(os.environ, NEWS_TONE_WORKDIR=str(built.path))
    result = subprocess.run(
        [
            os.path.join(os.path.dirname(sys.executable), "papermill"),
            str(paths.NOTEBOOKS / "02_measure.ipynb"),
            str(tmp_path / "out.ipynb"),
            "-p",
            "processed_dir",
            str(processed),
            "-p",
            "sentiment_scorer",
            "news",
            "-p",
            "scorer_training_dir",
            str(sets),
            "-p",
            "jobs",
            "1",
        ],
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 0, result.stderr[-2000:]
    vader = pd.read_parquet(built.path / "data" / "processed" / "sentences.parquet")
    news = pd.read_parquet(processed / "sentences.parquet")
    assert len(news) == len(vader)
    assert not np_allclose(news["compound"], vader["compound"])
    assert news["compound"].between(-1, 1).all()
    pd.testing.assert_series_equal(news["pos"], vader["pos"])


def np_allclose(a, b):
    import numpy as np

    return bool(np.allclose(a.to_numpy(), b.to_numpy()))


def test_report_parameter_reruns_only_article_reports(own_build):
    """Changing an article-report parameter reruns the article reports, not cleaning or measuring."""
    result = run_build(own_build, "--set", "smoothing_window=4")
    assert result.returncode == 0, result.stderr
    assert "running 01_clean" not in result.stdout and "running 02_measure" not in result.stdout
    assert "2 notebook(s) executed" in result.stdout  # the two article reports
    again = run_build(own_build, "--set", "smoothing_window=4")
    assert "no notebook executed" in again.stdout


def test_rewriting_an_article_unchanged_reruns_nothing(own_build):
    """Digests follow content, not timestamps: rewriting a raw file with the same bytes reruns nothing."""
    path = own_build / "data" / "raw" / "hostile.txt"
    path.write_bytes(path.read_bytes())
    assert "no notebook executed" in run_build(own_build).stdout


def test_topic_count_is_checked_against_this_runs_cleaning(own_build):
    """n_topics is checked on the paragraphs the cleaning of this run gives, not the previous run's:
    after articles are added, a count the larger corpus allows is accepted."""
    raw = own_build / "data" / "raw"
    seed = SEED.read_bytes()
    too_many = run_build(own_build, "--articles", "none", "--set", "n_topics=30")
    assert too_many.returncode == 1 and re.search(r"number of body paragraphs \(2\d\); got 30", too_many.stderr), too_many.stderr
    for place in (b"Moscow", b"Nairobi"):
        (raw / f"{place.decode().lower()}.txt").write_bytes(seed.replace(b"Washington", place).replace(b"the", b"a"))
    result = run_build(own_build, "--articles", "none", "--set", "n_topics=30")
    assert result.returncode == 0, result.stderr
    terms = pd.read_parquet(own_build / "data" / "processed" / "topic_terms.parquet")
    assert terms["topic"].nunique() == 30
