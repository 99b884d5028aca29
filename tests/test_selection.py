"""Choosing the article reports (--articles), the cleaning summary and the index page, on small inputs."""

import pandas as pd
import pytest

from helpers.build.index import index_html
from helpers.build.selection import DEFAULT_MAX_REPORTS, select_articles
from helpers.corpus.pipeline import removal_summary


def _articles(n_ok=4):
    out = {
        f"a{i}": {
            "status": "ok",
            "problem": "",
            "source": f"a{i}.txt",
            "dateline": "Paris" if i == 0 else "",
            "n_paragraphs": i + 1,
            "compound_mean": [0.5, -0.7, 0.1, -0.2, 0.9][i % 5],
        }
        for i in range(n_ok)
    }
    out["bad"] = {
        "status": "skipped",
        "problem": "is empty or holds only white space",
        "source": "bad.txt",
        "dateline": "",
        "n_paragraphs": None,
        "compound_mean": None,
    }
    return out


@pytest.mark.parametrize(
    "spec, expected",
    [
        (None, ["a0", "a1", "a2", "a3"]),
        ("all", ["a0", "a1", "a2", "a3"]),
        ("none", []),
        ("positive:2", ["a0", "a2"]),
        ("negative:1", ["a1"]),
        ("a1, a3", ["a1", "a3"]),
        ("a[02]", ["a0", "a2"]),
    ],
)
def test_select_articles(spec, expected):
    assert select_articles(spec, _articles()) == expected


def test_select_articles_default_is_none_for_a_large_corpus():
    assert select_articles(None, _articles(DEFAULT_MAX_REPORTS + 1)) == []
    assert len(select_articles("all", _articles(DEFAULT_MAX_REPORTS + 1))) == DEFAULT_MAX_REPORTS + 1


@pytest.mark.parametrize(
    "spec, message",
    [
        ("positive:0", "expected positive:N with a positive whole number N"),
        ("negative:x", "expected negative:N"),
        ("bad", "'bad' was skipped (is empty or holds only white space)"),
        ("zzz", "'zzz' matches no article (known: a0, a1, a2, a3)"),
        ("q*", "'q*' matches no article"),
    ],
)
def test_select_articles_refuses_with_the_reason(spec, message):
    with pytest.raises(ValueError) as error:
        select_articles(spec, _articles())
    assert message in str(error.value)


def test_removal_summary_groups_reasons_without_details_most_frequent_first():
    audit = pd.DataFrame(
        {
            "action": ["kept", "kept", "removed", "removed", "removed", "blank", "metadata"],
            "role": ["body", "body", "", "", "", "", "dateline"],
            "reason": [
                "",
                "",
                "learned boilerplate (recurs in 12 articles)",
                "learned boilerplate (recurs in 5 articles)",
                "duplicate",
                "",
                "",
            ],
        }
    )
    summary = removal_summary(audit)
    assert summary.to_dict("records") == [
        {"action": "kept", "role": "body", "reason": "", "lines": 2},
        {"action": "removed", "role": "", "reason": "learned boilerplate", "lines": 2},
        {"action": "metadata", "role": "dateline", "reason": "", "lines": 1},
        {"action": "removed", "role": "", "reason": "duplicate", "lines": 1},
    ]


def test_index_links_reports_escapes_and_lists_skipped_files():
    articles = _articles(2)
    articles["a<1>"] = {**articles.pop("a1"), "source": "a<1>.txt"}
    page = index_html(articles, ["a0", "a<1>"], stages=["corpus_report", "01_clean"])
    assert '<a href="articles/a0.html">a0</a>' in page
    assert '<a href="articles/a%3C1%3E.html">a&lt;1&gt;</a>' in page
    assert '<a href="corpus_report.html">Corpus report</a>' in page and "02_measure.html" not in page
    assert "<td>bad.txt</td><td>is empty or holds only white space</td>" in page
    assert "2 article(s) analysed, 1 file(s) skipped, 2 article report(s)." in page
    assert "The last build failed" not in page
    failed = index_html(articles, ["a0"], failures=["notebook 02_measure.ipynb <failed>"])
    assert "The last build failed" in failed and "&lt;failed&gt;" in failed
    assert "1 article(s) without a report" in failed


def test_topic_count_is_checked_against_the_documents_fitted(tmp_path, monkeypatch):
    """n_topics may not exceed the articles (20 or more) or, in a smaller corpus, the body paragraphs."""
    from helpers import paths
    from helpers.build.selection import check_topic_count

    monkeypatch.setattr(paths, "PROCESSED", tmp_path)
    rows = [(f"a{i:02d}", "ok", 2) for i in range(25)] + [("gone", "skipped", None)]
    pd.DataFrame(rows, columns=["article_id", "status", "n_paragraphs"]).to_parquet(tmp_path / "clean_articles.parquet")
    check_topic_count(25)
    with pytest.raises(ValueError, match=r"number of articles with body text \(25\); got 26"):
        check_topic_count(26)
    pd.DataFrame(rows[:3], columns=["article_id", "status", "n_paragraphs"]).to_parquet(tmp_path / "clean_articles.parquet")
    check_topic_count(6)
    with pytest.raises(ValueError, match=r"number of body paragraphs \(6\); got 7"):
        check_topic_count(7)


def test_index_stays_small_at_any_size():
    """Long lists are cut to INDEX_ROWS rows on the page, with the full list named in a CSV beside it."""
    from helpers.build.index import INDEX_ROWS

    articles = {
        f"a{i:05d}": {"status": "ok", "problem": "", "source": f"a{i:05d}.txt", "dateline": "", "n_paragraphs": 3} for i in range(5000)
    }
    articles |= {f"s{i:05d}": {"status": "skipped", "problem": "has an empty text", "source": f"x.csv, line {i}"} for i in range(300)}
    page = index_html(articles, ["a04999"], metadata_problems=[f"x.csv, line {i}: bad date" for i in range(1000)])
    assert page.count("<tr><td>") == 2 * INDEX_ROWS and len(page) < 100_000
    assert "a04999" in page  # the articles with a report come first
    assert "The first 200 of 5,000 articles" in page and 'href="index-articles.csv"' in page
    assert "The first 200 of 300 skipped" in page and "The first 200 of 1,000 problems" in page
