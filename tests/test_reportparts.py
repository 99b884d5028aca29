"""Report pieces the notebooks display (helpers.reportparts) and the topic-recovery measure."""

import pandas as pd

from helpers import validation
from helpers.reportparts import article_list_html, note_html, ranking_html, table_or_note
from helpers.topics import TopicModel


def _ranked():
    return pd.DataFrame(
        {
            "article_id": ["a/b c", "<x>"],
            "headline": ["Rain & sun", ""],
            "dateline": ["", "LONDON"],
            "n_sentences": [12, 3],
            "compound_mean": [0.25, -0.5],
            "compound_ci_low": [0.1, -0.9],
            "compound_ci_high": [0.4, -0.1],
        }
    )


def test_ranking_links_reported_articles_and_escapes_text():
    html = ranking_html(_ranked(), "Most positive <2>", reported={"a/b c"})
    assert "<p><b>Most positive &lt;2&gt;</b></p>" in html
    assert '<a href="articles/a/b%20c.html">a/b c</a>' in html
    assert "<td>&lt;x&gt;</td>" in html and "<x>" not in html  # not reported: no link, escaped
    assert "<td>Rain &amp; sun</td>" in html and "<td>LONDON</td>" in html  # headline, else dateline
    assert "<td>+0.250</td><td>+0.100 to +0.400</td>" in html
    assert "<td>-0.500</td><td>-0.900 to -0.100</td>" in html
    assert html.count("<tr>") == 3


def test_article_list_sorted_linked_or_says_how_to_build():
    html = article_list_html({"b", "a"}, reported={"a", "b"})
    assert html.index('href="articles/a.html"') < html.index('href="articles/b.html"')
    empty = article_list_html(set(), reported=set())
    assert "<ul>" not in empty and "<code>make report ARTICLES=...</code>" in empty


def test_table_or_note():
    assert table_or_note(pd.DataFrame({"x": []}), "No file was skipped.") == "<p>No file was skipped.</p>"
    assert "<table" in table_or_note(pd.DataFrame({"x": ["<b>"]}), "unused")
    assert note_html("a < b") == "<p>a &lt; b</p>"


def test_topic_recovery_scores_labelled_paragraphs():
    """Two clearly separate themes, two paragraphs per article: the labels are recovered exactly."""
    rain = "rain storm flood river water weather forecast clouds"
    goal = "football goal match league striker referee stadium season"
    rows = []
    for i in range(6):
        label, words = ("weather", rain) if i % 2 == 0 else ("sport", goal)
        for j in range(2):
            rows.append({"article_id": f"a{i}", "label": label, "text": f"{words} {words.split()[j]} {i}"})
    scores, labels, topic = validation.topic_recovery(TopicModel(2, random_state=0), pd.DataFrame(rows))
    assert scores["topics"] == 2 and scores["nmi"] == 1.0 and scores["accuracy"] == 1.0
    assert list(labels.index) == [f"a{i}" for i in range(6)] and len(topic) == 6
