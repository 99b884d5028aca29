"""Tests for helpers.text.clean: the seed's exact result, layouts, datelines, repetition and boilerplate."""

import pytest

from helpers.text.clean import Cleaner, is_prose, normalise_key, split_blocks


def clean(text, **kwargs):
    return Cleaner(**kwargs).clean("t", text)


def test_seed_structure(seed_article):
    """The seed: dateline Washington, 21 body paragraphs in order, lede first, Putin paragraph last."""
    body = seed_article.body
    assert seed_article.dateline == "Washington"
    assert seed_article.headline == ""
    assert len(body) == 21
    assert body[0].text.startswith("US and Russian officials will seek")
    assert body[-1].text.startswith("It is not clear whether Putin will soften")
    assert [p.first_line for p in body] == sorted(p.first_line for p in body)


def test_seed_heading_between_8th_and_9th(seed_article):
    """One heading, WORKING TOGETHER, between the 8th and 9th body paragraphs; later ones are in its section."""
    kinds = [p.kind for p in seed_article.paragraphs]
    assert kinds.count("heading") == 1
    i = kinds.index("heading")
    assert seed_article.paragraphs[i].text == "WORKING TOGETHER"
    assert kinds[:i].count("body") == 8
    assert all(p.section == "WORKING TOGETHER" for p in seed_article.paragraphs[i + 1 :])


def test_seed_second_copy_removed_as_duplicates(seed_article):
    """The second copy (20 paragraphs + the heading) is removed, each pointing at its first occurrence."""
    dups = [r for r in seed_article.audit if r.reason == "duplicate"]
    assert len(dups) == 21
    by_line = {r.line: r for r in seed_article.audit}
    for row in dups:
        assert normalise_key(by_line[row.duplicate_of].text) == normalise_key(row.text)
        assert by_line[row.duplicate_of].action == "kept"
    assert any(r.text == "WORKING TOGETHER" for r in dups)


def test_seed_copyright_and_promo(seed_article):
    """The copyright line is metadata (not a paragraph); the NDTV promo line is removed as boilerplate."""
    assert seed_article.copyright == "© Thomson Reuters 2013"
    assert all("Thomson Reuters" not in p.text for p in seed_article.paragraphs)
    promo = [r for r in seed_article.audit if r.text.startswith("Track Latest News")]
    assert promo[0].action == "removed" and promo[0].reason.startswith("boilerplate: promotion")


def test_every_line_accounted_for(seed_article, seed_bytes):
    """The audit has one row per raw line, each kept, removed, metadata or blank."""
    assert len(seed_article.audit) == seed_bytes.decode().count("\n") + 1
    assert {r.action for r in seed_article.audit} <= {"kept", "removed", "metadata", "blank"}
    assert all(r.reason for r in seed_article.audit if r.action == "removed")


@pytest.mark.parametrize(
    "text, place, date",
    [
        ("CHICAGO, Feb 26\nDean Foods said earnings rose.\nReuter", "CHICAGO", "Feb 26"),
        ("LOUISVILLE, Ky., Feb 26\nBrown-Forman set a split.\nReuter", "LOUISVILLE, Ky.", "Feb 26"),
        ("NEW DELHI (Reuters) - India said on Monday it would cut taxes.\nThe move was expected.", "NEW DELHI", ""),
        ("LONDON, March 3 (AP) — Prices rose sharply.\nTraders were surprised.", "LONDON", "March 3"),
        ("Washington: Officials met on Friday.\nThey talked.", "Washington", ""),
    ],
)
def test_dateline_forms(text, place, date):
    """Datelines on their own line and at the start of the lede are found and stripped from the body."""
    article = clean(text)
    assert (article.dateline, article.dateline_date) == (place, date)
    assert not any(p.text.startswith(place) for p in article.body)


def test_note_is_not_a_dateline():
    """'Note: ...' at the start of a lede is not taken for a dateline."""
    assert clean("Note: this story was updated.\nMore text follows here.").dateline == ""


def test_headline_and_blank_line_layout():
    """Blank-line-separated layout with a headline on line 1 (the BBC's shape)."""
    text = "Ad sales boost Time Warner profit\n\nQuarterly profits rose 76%.\n\nIt said sales grew.\n"
    article = clean(text)
    assert article.headline == "Ad sales boost Time Warner profit"
    assert [p.text for p in article.body] == ["Quarterly profits rose 76%.", "It said sales grew."]


def test_hard_wrapped_paragraphs_are_joined():
    """Lines broken near a fixed width are joined into paragraphs; short last lines end them."""
    para1 = (
        "The central bank raised its main interest rate by a quarter of a point on Tuesday, "
        "citing inflation that has stayed above its target for most of the past two years."
    )
    para2 = (
        "Economists had expected the move, which follows a similar increase in the spring, "
        "and markets barely reacted to the announcement made in the capital."
    )
    import textwrap

    text = "\n".join(textwrap.wrap(para1, 60)) + "\n" + "\n".join(textwrap.wrap(para2, 60))
    assert [p.text for p in clean(text).body] == [para1, para2]


def test_near_duplicates_removed():
    """Repeats differing in case, spaces, punctuation and quote style are duplicates of the first."""
    text = (
        'Officials said “the talks will go on.”\nA second paragraph here.\nofficials said "the talks will go on"\nA SECOND  paragraph here!'
    )
    article = clean(text)
    assert len(article.body) == 2
    assert [r.duplicate_of for r in article.audit if r.reason == "duplicate"] == [1, 2]


def test_truncated_repeat_is_duplicate():
    """A repeated paragraph cut short by the scraper still counts as a duplicate."""
    long = "The company's life insurance result fell to 365.7 mln guilders after a record year."
    text = f"{long}\nAnother paragraph.\nThe company's life insurance result fell to 365.7 mln guilders aft"
    article = clean(text)
    assert [p.text for p in article.body] == [long, "Another paragraph."]


@pytest.mark.parametrize(
    "line, rule",
    [
        ("Copyright 2024 Example Media. All rights reserved.", None),
        ("Follow us on Twitter for the latest updates", "promotion"),
        ("Sign up for our daily newsletter", "promotion"),
        ("Also read: Ten things to know about the budget", "read more link"),
        ("Advertisement", "advertisement"),
        ("Last updated: 12 March 2024 10:15 IST", "timestamp"),
        ("(Reporting by Jane Doe; Editing by John Roe)", "agency credit"),
        ("Home > World > Europe", "navigation"),
        ("REUTER", "agency sign-off"),
        ("More", "end marker"),
    ],
)
def test_boilerplate_rules(line, rule):
    """Built-in boilerplate patterns remove promotional and wire lines (copyright is metadata)."""
    article = clean(f"Body text one is here.\n{line}\nBody text two is here.")
    row = next(r for r in article.audit if r.line == 2)
    if rule is None:
        assert row.action == "metadata" and row.role == "copyright"
    else:
        assert row.action == "removed" and row.reason == f"boilerplate: {rule}"


@pytest.mark.parametrize(
    "line",
    [
        "The newspaper's copyright lawyers said the claim would fail in court on Monday.",
        "Readers who subscribe to the newsletter said they were told about the change.",
        "Follow-up talks with the union, the minister said, would take place next week.",
    ],
)
def test_body_mentioning_boilerplate_words_is_kept(line):
    """Body text that merely mentions copyright, newsletters or following is kept."""
    article = clean(f"First paragraph of the story.\n{line}\nLast paragraph of the story.")
    assert line in [p.text for p in article.body]


def test_learned_boilerplate_and_threshold():
    """A line recurring across many articles is learned; below the threshold it is kept."""
    promo = "Get the best of Example Times delivered to you"
    texts = [f"Story {i} begins with news.\n{promo}\nStory {i} ends." for i in range(6)]
    cleaner = Cleaner(boilerplate_min_articles=5).fit(texts)
    article = cleaner.clean("a", texts[0])
    assert promo not in [p.text for p in article.body]
    assert any(r.reason.startswith("learned boilerplate") for r in article.audit)
    kept = Cleaner(boilerplate_min_articles=7).fit(texts).clean("a", texts[0])
    assert promo in [p.text for p in kept.body]


def test_user_patterns():
    """The user's own patterns remove whole matching lines, and a bad pattern names itself."""
    article = clean("Body one.\nPromo code SAVE10 at checkout\nBody two.", user_patterns=[r"promo code \w+.*"])
    assert [p.text for p in article.body] == ["Body one.", "Body two."]
    with pytest.raises(ValueError, match=r"\(unclosed"):
        Cleaner(user_patterns=["(unclosed"])


def test_broken_line_joined():
    """A line cut mid-sentence (next line starts in lower case) is joined to the previous one."""
    text = 'RIO DE JANEIRO, Feb 26 - Brazil\'s "Cruzado" anti\ninflation plan is limping.\nPrices rose.'
    article = clean(text)
    assert article.dateline == "RIO DE JANEIRO"
    assert article.body[0].text == 'Brazil\'s "Cruzado" anti inflation plan is limping.'


def test_glued_signoff_stripped():
    """A sign-off glued to the last line ('... possible. REUTER...') is removed and noted."""
    article = clean("LONDON, March 2\nThe offer was made.\nA statement will follow as soon as possible. REUTER...")
    assert article.body[-1].text == "A statement will follow as soon as possible."
    assert "REUTER" in article.audit[-1].reason


def test_split_blocks_one_per_line():
    """Paragraph-per-line text is not mistaken for hard-wrapped text."""
    lines = ["Short line one.", "A much longer second line that goes on for a while.", "Third."]
    assert [b.text for b in split_blocks(lines)] == lines


def test_list_after_last_paragraph_is_content():
    """A run of short lines after the last paragraph (fixtures, results) is kept as body text."""
    text = "The draw was made on Monday.\nChelsea v Birmingham\nWest Ham v Sheff Utd\nArsenal v Wolves"
    assert [p.text for p in clean(text).body][1:] == ["Chelsea v Birmingham", "West Ham v Sheff Utd", "Arsenal v Wolves"]


def test_lone_label_after_last_paragraph_removed():
    """A single title-like line after the last paragraph is a trailing label, removed with a reason."""
    article = clean("The draw was made on Monday.\nThe ties are next month.\nMore From The Network")
    assert article.audit[-1].reason == "boilerplate: short title-like line after the last paragraph"


def test_repeated_list_item_is_not_a_duplicate():
    """A short list line repeated on its own, with no repeat next to it, is an item of a list."""
    text = "Groups were drawn.\nA v B\nWinners meet in final\nC v D\nWinners meet in final\nThe end came late."
    assert [p.text for p in clean(text).body].count("Winners meet in final") == 2


def test_sentence_without_full_stop_is_not_a_heading():
    """Title Case allows only small words in lower case: 'Half-Life 2 is out now for the PC' is body."""
    article = clean("The game is very good.\nHalf-Life 2 is out now for the PC")
    assert [p.kind for p in article.paragraphs] == ["body", "body"]


def test_title_case_heading_with_small_words():
    """'A Long Road to Recovery' between paragraphs is a section heading."""
    article = clean("First paragraph here.\nA Long Road to Recovery\nSecond paragraph here.")
    assert [p.kind for p in article.paragraphs] == ["body", "heading", "body"]


def test_third_person_sign_up_is_not_promotion():
    """'... if they sign up to broadband' reports an offer; it is not a promotion addressed to the reader."""
    line = "BT is offering customers free internet telephone calls if they sign up to broadband in December."
    assert line in [p.text for p in clean(f"First.\n{line}\nLast.").body]


def test_indented_paragraphs_in_wrapped_text():
    """Hard-wrapped text without blank lines: an indented line starts a paragraph."""
    import textwrap

    paras = [
        "The central bank raised its main interest rate by a quarter of a point on Tuesday, citing "
        "inflation that has stayed above its target for most of the past two years.",
        "Economists had expected the move, which follows a similar increase in the spring, and "
        "markets barely reacted to the announcement made in the capital on the day.",
    ]
    text = "\n".join(textwrap.fill(p, 60, initial_indent="    ") for p in paras)
    assert [p.text for p in clean(text).body] == paras


def test_copies_of_one_story_are_not_learned_boilerplate():
    """A paragraph shared by copies of one story recurs in the same surroundings: not boilerplate."""
    story = "Markets fell sharply on Monday.\nThe fall was the largest this year, traders said.\nOil rose."
    promo = "Get the best of Example Times delivered to you"
    texts = [story] * 6 + [f"Story {i} begins.\n{promo}\nStory {i} ends." for i in range(6)]
    cleaner = Cleaner(boilerplate_min_articles=5).fit(texts)
    assert list(cleaner.learned_) == [normalise_key(promo)]


def test_recurring_dateline_is_not_learned():
    """A dateline recurring across the corpus ('CHICAGO, Feb 26') stays a dateline."""
    texts = [f"CHICAGO, Feb 26\nCompany {i} reported results.\nReuter" for i in range(8)]
    cleaner = Cleaner().fit(texts)
    assert cleaner.clean("a", texts[0]).dateline == "CHICAGO"


def test_a_truncated_copy_needs_more_than_prefix_head_words():
    """A repeat cut short is a duplicate when it has more than PREFIX_HEAD (7) words; a shorter
    one (a heading that starts a paragraph) is kept."""
    from helpers.text.repeats import PREFIX_HEAD

    assert PREFIX_HEAD == 7
    first = "The council voted on Tuesday to rebuild the harbour wall that failed in the January storm."
    words = first.split()
    for n, removed in ((PREFIX_HEAD + 1, True), (PREFIX_HEAD, False)):
        text = f"{first}\n\nA second paragraph that is not repeated anywhere else.\n\n{' '.join(words[:n])}\n"
        article = Cleaner().clean("a", text)
        assert any(r.reason == "duplicate" for r in article.audit) == removed, n


# ---------------------------------------------------------------------------------------------
# Learned boilerplate: what recurs and looks like boilerplate, not recurring prose (issue 21)


def _story(i: int) -> list[str]:
    """Three prose paragraphs of a story of its own (numbers make every paragraph unique)."""
    return [
        f"The council of district {i} met on Tuesday to discuss the budget for {2000 + i}.",
        f"Officials said the plan for ward {i} would cost {100 + 13 * i} thousand dollars over three years.",
        f"A final vote on proposal {i} is expected next month, the mayor's office said.",
    ]


LOCAL_PROSE = [
    "Firefighters from three stations brought the blaze under control within an hour.",
    "Neighbours said they were shocked and saddened by the damage to the house.",
    "The family thanked volunteers for their kindness and generous support.",
    "Residents praised the quick response of the fire crews.",
    "The cause of the fire is under investigation, officials said.",
    "A fundraiser to help the family has raised more than expected, organisers said.",
    "Fire officials urged residents to check their smoke alarms regularly.",
    "The Red Cross is helping the family with temporary housing.",
    "No one was injured.",
]
GAZETTE_TAGLINE = "The Valley Gazette: local news, every day"


def _local_news(n: int = 60, seed: int = 21) -> list[tuple[str, list[str]]]:
    """``n`` local fire stories: a unique headline and lede, then four sentences drawn from a
    shared pool (each recurring, as wire copy does, in different surroundings), the site's tagline."""
    import random

    rng = random.Random(seed)
    articles = []
    for i in range(n):
        body = [f"A fire broke out at a home on {100 + i} Oak Street in Millbrook on Friday evening."]
        body += rng.sample(LOCAL_PROSE, 4)
        headline = f"Fire damages home on {100 + i} Oak Street"
        articles.append(("\n".join([headline, *body, GAZETTE_TAGLINE]), body))
    return articles


def test_recurring_local_prose_is_kept():
    """60 local stories sharing prose sentences in different surroundings keep every body
    paragraph and a non-zero tone; only the site's non-sentence tagline is learned."""
    from helpers.measures.sentiment import score_sentence, split_sentences

    articles = _local_news()
    cleaner = Cleaner().fit(text for text, _ in articles)
    assert list(cleaner.learned_) == [normalise_key(GAZETTE_TAGLINE)]
    for i, (text, body) in enumerate(articles):
        article = cleaner.clean(f"a{i}", text)
        assert [p.text for p in article.body] == body
        compounds = [score_sentence(s)["compound"] for p in article.body for s in split_sentences(p.text)]
        assert sum(compounds) != 0


WIRE_HEADLINE = "Senate passes highway bill after late-night vote"
WIRE = [
    "WASHINGTON (AP) — The Senate passed a bill late on Thursday that would pay for highway repairs across the country.",
    "The measure, approved 68-31, sends 40 billion dollars to states over five years for roads and bridges.",
    "Supporters hailed the vote as a long-overdue investment, while critics said it would add to the deficit.",
    '"This is a good day for every driver in America," the bill\'s sponsor said after the vote.',
    "The House is expected to take up the bill next week.",
    "The Associated Press contributed to this report.",
]


def _outlet_copy(outlet: int) -> str:
    """The wire story as outlet ``outlet`` republished it, between its own timestamp and copyright line."""
    return "\n".join(
        [
            f"Updated {outlet % 12 + 1}:{outlet + 10} p.m.",
            WIRE_HEADLINE,
            *WIRE,
            f"© 2024 The Outlet {outlet} Herald",
        ]
    )


def test_republished_wire_story_keeps_its_paragraphs():
    """A wire story republished verbatim by 20 outlets keeps its headline and every paragraph."""
    texts = [_outlet_copy(k) for k in range(20)] + ["\n".join([f"Budget story {i}", *_story(i)]) for i in range(30)]
    cleaner = Cleaner().fit(iter(texts))
    assert cleaner.learned_ == {}
    for k in range(20):
        article = cleaner.clean(f"o{k}", texts[k])
        assert article.headline == WIRE_HEADLINE and article.dateline == "WASHINGTON"
        assert [p.text for p in article.body] == [WIRE[0].split("— ", 1)[1], *WIRE[1:]]


def test_copies_of_one_story_keep_their_headline_wherever_it_stands():
    """A syndicated headline after each outlet's own label recurs with the same story after it: not learned."""
    texts = ["\n".join([f"The Outlet{k} Post", WIRE_HEADLINE, *WIRE]) for k in range(8)]
    texts += ["\n".join([f"Budget story {i}", *_story(i)]) for i in range(8)]
    assert normalise_key(WIRE_HEADLINE) not in Cleaner().fit(texts).learned_


FOLLOW = "Follow us on Facebook"
FIND = "Find us on Facebook"
SUBSCRIBE = "Click here to subscribe"
TAGLINE = "Daily Ledger - independent since 1887"


def test_recurring_boilerplate_is_still_learned():
    """A recurring follow line, a call to action mid-article and at the end, and a non-sentence
    tagline are learned across many stories and removed; the stories' own paragraphs stay."""
    texts = []
    for i in range(40):
        one, two, three = _story(i)
        texts.append("\n".join([f"Budget story {i}", one, two, FIND, three, FOLLOW, SUBSCRIBE, TAGLINE]))
    cleaner = Cleaner().fit(texts)
    assert set(cleaner.learned_) == {normalise_key(t) for t in (FOLLOW, FIND, SUBSCRIBE, TAGLINE)}
    assert set(cleaner.learned_.values()) == {40}
    article = cleaner.clean("a", texts[0])
    assert [p.text for p in article.body] == _story(0)
    reasons = {r.text: r.reason for r in article.audit}
    assert reasons[FIND] == reasons[TAGLINE] == "learned boilerplate (recurs in 40 articles)"
    assert all(reasons[t].startswith("boilerplate: ") for t in (FOLLOW, SUBSCRIBE))  # built-in rules come first


def test_site_tagline_learned_within_its_site():
    """With ``sites``, a tagline in 6 of one site's 20 articles is learned though it is in fewer
    than 2% of the corpus's 400; without them it is kept. Sites may be a generator."""
    tagline = "Gazette Weekly - your town, your paper"
    texts, sites = [], []
    for i in range(400):
        gazette = i < 20
        tail = [tagline] if gazette and i < 6 else []
        texts.append("\n".join([f"Budget story {i}", *_story(i), *tail]))
        sites.append("gazette.example" if gazette else f"site{i % 25}.example")
    assert normalise_key(tagline) not in Cleaner().fit(texts).learned_
    cleaner = Cleaner().fit(iter(texts), sites=(s for s in sites))
    assert cleaner.learned_ == {normalise_key(tagline): 6}
    article = cleaner.clean("g0", texts[0])
    assert [p.text for p in article.body] == _story(0)
    assert article.audit[-1].reason == "learned boilerplate (recurs in 6 articles of gazette.example)"
    with pytest.raises(ValueError, match="one site per text; got 399 sites and more texts"):
        Cleaner().fit(texts, sites=sites[:-1])


def test_recurring_heading_between_paragraphs_is_not_learned():
    """A section heading recurring alone between two paragraphs of many stories stays a heading."""
    texts = []
    for i in range(30):
        body = _story(i) + _story(1000 + i)  # six paragraphs, the heading after the third
        texts.append("\n".join([f"Budget story {i}", *body[:3], "What Happens Next", *body[3:]]))
    cleaner = Cleaner().fit(texts)
    assert cleaner.learned_ == {}
    assert [p.kind for p in cleaner.clean("a", texts[0]).paragraphs] == ["body"] * 3 + ["heading"] + ["body"] * 3


@pytest.mark.parametrize(
    "text, prose",
    [
        ("No one was injured.", True),
        ("The Associated Press contributed to this report.", True),
        ("Share prices fell 5 per cent on Monday.", True),
        ("Follow-up talks with the union, the minister said, would take place next week.", True),
        ("Readers who subscribe to the newsletter said they were told about the change.", True),
        ("Subscribe to our newsletter.", False),
        ("Click here to read more.", False),
        ("Follow us on Twitter.", False),
        ("Sign up for the Daily Brief.", False),
        ("Share this article", False),
        ("To subscribe, click here.", False),
        ("Your valley. Your news.", False),
        ("Police investigate.", False),
        ("The Valley Times has been the voice of the valley since 1887", False),
    ],
)
def test_is_prose(text, prose):
    """Prose is enough words in full sentences, not a call to action; taglines and fragments are not."""
    assert is_prose(text) is prose
