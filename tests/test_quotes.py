"""Tests for helpers.text.quotes: quote/narration segments and speaker attribution."""

import pandas as pd
import pytest

from helpers.text.quotes import segment_article, segment_paragraph, segment_paragraphs


@pytest.mark.parametrize(
    "text, speaker",
    [
        ('"We will win the vote," Jane Roe said on Monday.', "Jane Roe"),
        ('"We will win the vote," said Jane Roe, the party leader.', "Jane Roe"),
        ('White House spokesman Jay Carney said: "It is an important relationship for us."', "Jay Carney"),
        ("“Talks will continue next week,” one US official said.", "one US official"),
        ('According to Mayor Ann Lee, "the budget is balanced this year."', "Ann Lee"),
        ('"The market is getting mixed signals today," one analyst told Reuters.', "one analyst"),
    ],
)
def test_attribution_forms(text, speaker):
    """The common attribution forms name the speaker, with titles stripped from names."""
    quotes = [s for s in segment_paragraph(text) if s.kind == "quote"]
    assert len(quotes) == 1 and quotes[0].speaker == speaker


def test_narration_and_quote_text():
    """Quote text excludes the marks; narration keeps the attribution clause."""
    segments = segment_paragraph('"Prices will rise," Lee said. Markets fell.')
    assert [(s.kind, s.text) for s in segments] == [("quote", "Prices will rise,"), ("narration", "Lee said. Markets fell.")]


def test_continued_quote_keeps_speaker():
    """A second quote with no attribution of its own continues the previous speaker."""
    segments = segment_paragraph('"We are partners," Simes said. "I think they know it well."')
    assert [s.speaker for s in segments if s.kind == "quote"] == ["Simes", "Simes"]


def test_scare_quotes_are_narration():
    """Short unattributed quotes ('reset') stay part of the narration."""
    segments = segment_paragraph('The much-vaunted "reset" of ties is over.')
    assert [s.kind for s in segments] == ["narration"]
    assert segments[0].text == 'The much-vaunted "reset" of ties is over.'


def test_surname_and_pronoun_resolved_across_article():
    """A surname resolves to the full name mentioned earlier; 'he said' to the last speaker."""
    paragraphs = [
        "Dimitri Simes, a Russia expert, said talks were best.",
        '"Russia is not a convenient partner here," Simes said.',
        '"They did not cancel the talks at all," he said.',
    ]
    speakers = [s.speaker for segs in segment_article(paragraphs) for s in segs if s.kind == "quote"]
    assert speakers == ["Dimitri Simes", "Dimitri Simes"]


def test_seed_speakers(seed_article):
    """On the seed: Jay Carney, Jen Psaki, Dimitri Simes and 'one US official' are found."""
    frame = pd.DataFrame([{"article_id": "s", "position": p.position, "kind": p.kind, "text": p.text} for p in seed_article.paragraphs])
    segments = segment_paragraphs(frame)
    speakers = set(segments.loc[segments["kind"] == "quote", "speaker"]) - {""}
    assert speakers == {"Jay Carney", "Jen Psaki", "Dimitri Simes", "one US official"}
    assert (segments["kind"] == "narration").sum() > (segments["kind"] == "quote").sum()


def test_quote_after_another_speakers_sentence_is_not_carried_over():
    """A quote after a new sentence naming someone else does not inherit the previous speaker."""
    text = '"We will go ahead with it," Smith said. Jones disagreed, calling the plan "a terrible mistake for the city."'
    quotes = [s for s in segment_paragraph(text) if s.kind == "quote"]
    assert [q.speaker for q in quotes] == ["Smith", ""]
