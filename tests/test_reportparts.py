"""Report pieces the notebooks display (helpers.report.parts) and the topic-recovery measure."""

import pandas as pd

from helpers.analysis import validation
from helpers.measures.topics import TopicModel
from helpers.report.parts import article_list_html, note_html, ranking_html, table_or_note


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


def test_comparison_tables_and_notes():
    """The pairs table names the correction; the word-shift table keeps the top words; notes say why."""
    from helpers.analysis.groups import word_shift
    from helpers.report.parts import absent_note, heading_html, pairs_table, problems_html, shift_table

    pairs = pd.DataFrame(
        {"a": ["A"], "b": ["B"], "n_a": [5], "n_b": [6], "difference": [0.2], "ci_low": [0.1], "ci_high": [0.3], "p_value": [0.001]}
    ).assign(p_adjusted=0.002, significant=True)
    table = pairs_table(pairs)
    assert table.loc[0, "p adjusted (Benjamini-Hochberg)"] == "0.0020" and table.loc[0, "95% interval"] == "+0.100 to +0.300"
    shift = word_shift({"good": 3, "bad": 1}, {"good": 1, "bad": 3}, {"good": 2.0, "bad": -2.0})
    assert shift_table(shift, 1)["word"].tolist() == ["bad"]
    assert absent_note("no <dates>") == "<p>This section is absent: no &lt;dates&gt;.</p>"
    assert heading_html("a<b") == "<h3>a&lt;b</h3>"
    assert "There is no data/raw/metadata.csv" in problems_html(None)
