"""Measured cleaning quality: damaged articles built from known clean paragraphs, scored against the truth.

A seeded generator writes articles from the templates below (each filled with its own names and
numbers, so no body paragraph recurs across the corpus), then damages them the way scrapers do:
repeated bodies, near-duplicate paragraphs, publisher boilerplate at head, middle and tail, inserted
sub-headings, datelines in several forms, three layouts and every encoding the decoder accepts.
Paragraph-level precision and recall of what the cleaner keeps are measured against the truth.
Run ``pytest -s tests/test_clean_quality.py`` to see the figures.
"""

from __future__ import annotations

import random
import re
import textwrap
from collections import Counter
from dataclasses import dataclass, field

import ftfy.bad_codecs  # noqa: F401  (registers "sloppy-windows-1252": cp1252 that maps every byte)
import pytest

from helpers.text.clean import Cleaner, normalise_key
from helpers.text.decode import decode

N_ARTICLES = 240
SEED = 20240611

PEOPLE = [
    f"{first} {last}"
    for first in [
        "Maria",
        "Tom",
        "Priya",
        "Daniel",
        "Ana",
        "Kenji",
        "Fatima",
        "Lukas",
        "Grace",
        "Oliver",
        "Sofia",
        "Ahmed",
        "Ines",
        "Pavel",
        "Ruth",
    ]
    for last in [
        "Lindqvist",
        "Okafor",
        "Raman",
        "Weiss",
        "Souza",
        "Mori",
        "Haddad",
        "Novak",
        "Mensah",
        "Brandt",
        "Russo",
        "Karim",
        "Delgado",
        "Fischer",
        "O'Neill",
    ]
]
CITIES = ["Lyon", "Porto", "Gdansk", "Mombasa", "Osaka", "Valparaiso", "Tampere", "Leeds", "Pune", "Halifax", "Ghent", "Cork"]
ORGS = [
    "Northgate Energy",
    "the Harbour Authority",
    "Meridian Bank",
    "the transport ministry",
    "Caldera Mining",
    "the city council",
    "Bluewater Foods",
    "the teachers' union",
    "Ostara Telecom",
    "the regional health board",
]

# Clean body paragraphs of news prose. {p} person, {c} city, {o} organisation, {n}/{m} numbers.
TEMPLATES = [
    "Officials in {c} said on Tuesday that {o} would cut {n} jobs by the end of next year, citing weaker demand and rising costs.",
    "The announcement came after weeks of speculation about the future of the plant, which employs about {m} people.",
    "“We have done everything we can to avoid this outcome,” {p}, a spokesperson for {o}, told reporters.",
    "Union leaders called the decision “a betrayal” and said they would ballot members on strike action within {n} days.",
    "Shares in {o} fell {n} percent in early trading before recovering slightly by the afternoon.",
    "Analysts had expected a smaller reduction. {p} of a {c} brokerage said the scale of the cuts suggested deeper problems.",
    "The government said it had held {n} meetings with {o} and would publish a support package “in the coming weeks”.",
    "Residents of {c} have long complained about traffic congestion, and a survey last year found {n} percent wanted a new tram line.",
    "The project, estimated to cost {m} million euros, would connect the port to the airport by {n}.",
    "Critics argue the money would be better spent on repairing the {n} existing roads in {c}, many of which are decades old.",
    "{p}, who chairs the transport committee, said the plan was “ambitious but achievable” if funding arrived on time.",
    "Construction is expected to begin in {n} months, subject to an environmental review by {o}.",
    "The newspaper's copyright lawyers said the claim over {o}'s archive would fail in court, according to {p}.",
    "Readers who subscribe to the local newsletter in {c} were told about the change only on Friday, {p} said.",
    "Following the vote, {p} said the council would review its decision in {n} months.",
    "Police said {n} people were arrested after clashes outside the stadium in {c} on Saturday night.",
    "Witnesses described scenes of chaos as fans spilled onto the streets. {n} shop windows were smashed.",
    "“It was frightening. I have never seen anything like it,” said {p}, who runs a café near the ground.",
    "The club said it would cooperate fully with the investigation and ban anyone found responsible, {p} said.",
    "Heavy rain has flooded {n} homes in and around {c}, and forecasters warn more is on the way.",
    "Emergency services rescued {m} people from cars stranded on the ring road, {o} said in a statement.",
    "The river peaked at {n}.{m} metres on Sunday, its highest level since records began.",
    "{p} said the defences had held in most places but admitted that “lessons will need to be learned.”",
    "Insurers estimate the damage could run to {n} million, though it is too early to give a precise figure.",
    "Inflation slowed to {n}.{m} percent in March, the statistics office said, the lowest rate in two years.",
    "Food and energy prices fell for a third month in {c}, offsetting a {n} percent rise in the cost of services.",
    "The figures strengthen the case for an interest rate cut, {p}, an economist at {o}, wrote in a note to clients.",
    "The central bank meets again in {n} weeks and has signalled that it will not move until it sees more data.",
    "Households remain cautious, however. Retail sales rose just {n} percent over the quarter.",
    "Scientists in {c} have developed a battery that can be recharged {m} times without losing capacity.",
    "The team, led by {p}, used a sodium compound in place of lithium, which is costly and hard to mine.",
    "“This is not going to be in your phone next year,” {p} cautioned. “But it shows what is possible.”",
    "The research, published in a peer-reviewed journal, was funded in part by {o} with {m} thousand euros.",
    "Follow-up trials with industrial partners are planned for the next {n} months.",
    "Some experts were sceptical. A battery that works in a laboratory in {c}, they noted, often struggles at scale. {p} was one of them.",
    "The festival in {c} drew more than {m} visitors over the weekend, organisers said, a record for the event.",
    "Headliners included a reunited rock band and a choir of {n} schoolchildren from across the region.",
    "Local businesses in {c} reported a boom in trade, though {n} residents complained about noise late into the night.",
    "{p}, the festival director, said planning for next year had “already started”.",
    "Talks between {o} and the dockworkers broke down late on Thursday after {n} hours of negotiation.",
    "The dispute centres on pay and on plans to automate {n} cranes at the container terminal in {c}.",
    "Both sides blamed each other for the collapse. A mediator from {o} is expected to be appointed within {n} days.",
    "Exporters warned that a prolonged strike could cost them {m} thousand euros a day in lost business.",
    "{p} declined to comment further.",
    "The minister is due to visit {c} on {n} May.",
    "Asked whether she would stand again, {p} said: “That is a question for another day.”",
]

# A Title Case paragraph-like line that is a heading only because it sits between paragraphs.
# Sub-headings and headlines, filled like the paragraphs so that none recurs across many articles.
HEADINGS_CAPS = ["WORKING TOGETHER IN {C}", "WHAT COMES NEXT FOR {C}", "A LONG ROAD FOR {C}", "{C} REACTS", "BACKGROUND: {C} IN {n}"]
HEADINGS_TITLE = [
    "What Happens Next in {c}",
    "A Long Road to Recovery for {p}",
    "Counting the Cost in {c}",
    "The View From {c}",
    "Questions for {p}",
    "Why {p} Matters",
]
HEADLINES = [
    "Port strike in {c} enters week {n} as talks stall",
    "{c} council backs tram plan despite cost fears",
    "Flood defences in {c} tested as river hits record level",
    "Inflation falls to {n}-month low",
    "Scientists in {c} unveil longer-lasting battery",
    "{c} festival draws {m} visitors",
    "Clashes after match in {c} lead to {n} arrests",
    "{o} to cut {n} jobs at {c} plant",
]

# Invented publishers' boilerplate. Lines containing {n} get a number so they differ per article.
PUBLISHERS = {
    "Daily Ledger": dict(
        head=["Home > World > Europe", "Last updated: {n} March 2024, 09:12 GMT", "By Jane Ortiz"],
        middle=["Advertisement"],
        tail=[
            "© 2024 The Daily Ledger. All rights reserved.",
            "Follow us on Facebook and X for the latest news",
            "Sign up for our morning briefing newsletter",
        ],
    ),
    "Metro Wire": dict(
        head=["BY TOM HALE AND RUTH ABEL"],
        middle=["Also read: City council approves new budget", "Story continues below advertisement"],
        tail=["(Reporting by Ruth Abel; Editing by Mark Pottinger)", "Copyright 2023 Metro Wire Ltd"],
    ),
    "Harbour Post": dict(
        head=["Published: {n} Jan 2024 | Updated: {n} Jan 2024"],
        middle=["Read more: Why the port strike matters", "ADVERTISEMENT"],
        tail=["Download the Harbour Post app for breaking news alerts", "Share this article", "(c) Harbour Post Media 2024"],
    ),
    "Valley Times": dict(
        head=["News | Business | Valley Times"],
        middle=["RECOMMENDED", "SCROLL TO CONTINUE WITH CONTENT"],
        tail=[
            "Don't miss out: get our top stories in your inbox every morning.",
            "Click here to subscribe to the Valley Times.",
            "Reuters",
        ],
    ),
    "Bharat Daily": dict(
        head=["Updated on {n} Feb 2024, 10:45 AM IST"],
        middle=["Also Read | Markets rally on rate hopes"],
        tail=["(With inputs from agencies)", "— PTI", "Track Latest News Live on BharatDaily.com and get news updates"],
    ),
}
# A learned-only promo: recurs in many of the corpus's articles, matches no built-in rule.
LEARNED = "The Valley Times has been the voice of the valley since 1887"

DATELINES = [  # (raw form, place, position): "line" on its own line, "inline" at the start of the lede
    ("Washington:", "Washington", "line"),
    ("CHICAGO, Feb 26", "CHICAGO", "line"),
    ("LOUISVILLE, Ky., March 3", "LOUISVILLE, Ky.", "line"),
    ("NEW DELHI (Reuters) - ", "NEW DELHI", "inline"),
    ("LONDON, March 3 (AP) — ", "LONDON", "inline"),
    ("Paris: ", "Paris", "inline"),
    ("SAO PAULO -- ", "SAO PAULO", "inline"),
    ("", "", ""),
]
LAYOUTS = ["line", "blank", "wrapped", "wrapped-indented"]
ENCODINGS = ["utf-8", "utf-8-sig", "utf-16", "cp1252", "mojibake", "crlf", "cr", "spaces", "controls"]


@dataclass
class Generated:
    """One damaged article and the truth it was made from."""

    article_id: str
    data: bytes
    truth: list[tuple[str, str]]  # (kind, text) of body paragraphs and headings, in order
    headline: str = ""
    dateline: str = ""
    damage: list[str] = field(default_factory=list)


def _template_pattern(template: str) -> re.Pattern:
    """A regex over normalised text matching every filling of ``template`` ({n}, {m}: numbers; others: words)."""
    key = normalise_key(re.sub(r"\{([a-zA-Z])\}", r" slot\1slot ", template))
    pattern = re.escape(key)
    pattern = re.sub(r"slot[nm]slot", r"\\d+", pattern)
    return re.compile(re.sub(r"slot[a-zA-Z]slot", r"[\\w ]+?", pattern))


def _fill(template: str, rng: random.Random) -> str:
    city = rng.choice(CITIES)
    organisation = rng.choice(ORGS)
    organisation = organisation[0].upper() + organisation[1:] if template.startswith("{o}") else organisation
    return template.format(p=rng.choice(PEOPLE), c=city, C=city.upper(), o=organisation, n=rng.randint(2, 99), m=rng.randint(100, 9999))


def _near_copy(text: str, rng: random.Random) -> str:
    """The same paragraph differing in case, spacing, punctuation or quote style."""
    change = rng.choice(["case", "space", "punct", "quotes"])
    if change == "case":
        return text.upper() if rng.random() < 0.5 else text.lower()
    if change == "space":
        return text.replace(" ", "  ", 3).replace(", ", " , ", 1)
    if change == "punct":
        return text.replace(",", "").rstrip(".") + ("!" if rng.random() < 0.5 else "")
    return text.translate(str.maketrans({"“": '"', "”": '"', "’": "'", "‘": "'"}))


def _encode(text: str, encoding: str, rng: random.Random) -> bytes:
    if encoding in ("utf-8", "utf-8-sig", "utf-16"):
        return text.encode(encoding)
    if encoding == "cp1252":
        return text.encode("cp1252")
    if encoding == "mojibake":  # UTF-8 bytes read as cp1252 and saved again as UTF-8
        return text.encode("utf-8").decode("sloppy-windows-1252").encode("utf-8")
    if encoding == "crlf":
        return text.replace("\n", "\r\n").encode()
    if encoding == "cr":
        return text.replace("\n", "\r").encode()
    if encoding == "spaces":  # NBSP, thin and narrow spaces between some words
        words = text.split(" ")
        return "".join(
            w + (rng.choice(["\u00a0", "\u2009", "\u202f", " "]) if i < len(words) - 1 else "") for i, w in enumerate(words)
        ).encode()
    if encoding == "controls":  # stray control and zero-width characters next to spaces
        return text.replace(" the ", " the\x07 ", 3).replace(". ", ".\u200b ", 2).replace("\n", "\x0c\n", 2).encode()
    raise ValueError(encoding)


def _layout(blocks: list[str], layout: str, rng: random.Random) -> str:
    """Lay out head/body/tail blocks: one per line, blank-separated, or hard-wrapped."""
    if layout == "line":
        return "\n".join(blocks) + "\n"
    if layout == "blank":
        return "\n\n".join(blocks) + "\n"
    width = rng.choice([60, 70, 72, 78])
    if layout == "wrapped":
        return "\n\n".join("\n".join(textwrap.wrap(b, width, break_on_hyphens=False)) for b in blocks) + "\n"
    return "\n".join("\n".join(textwrap.wrap(b, width, initial_indent="    ", break_on_hyphens=False)) for b in blocks) + "\n"


def generate(n: int = N_ARTICLES, seed: int = SEED) -> list[Generated]:
    """A deterministic corpus of damaged articles with their truth."""
    rng = random.Random(seed)
    articles = []
    for i in range(n):
        publisher = rng.choice(sorted(PUBLISHERS))
        boiler = {k: [_fill(line, rng) for line in v] for k, v in PUBLISHERS[publisher].items()}
        body = [_fill(t, rng) for t in rng.sample(TEMPLATES, rng.randint(4, 10))]
        layout, encoding = LAYOUTS[i % len(LAYOUTS)], ENCODINGS[(i // len(LAYOUTS)) % len(ENCODINGS)]
        if encoding == "cp1252":  # the publisher's page is in cp1252: only its characters
            body = [b for b in body if b == b.encode("cp1252", "ignore").decode("cp1252")] or body[:1]
        truth = [("body", b) for b in body]
        damage = [layout, encoding, publisher]
        if rng.random() < 0.15:  # the body ends with a list of results: content, not a tail
            truth += [("body", f"{a} {rng.randint(0, 5)} {b} {rng.randint(0, 5)}") for a, b in zip(*[iter(rng.sample(CITIES, 6))] * 2)]
            damage.append("results list")

        if len(body) >= 5 and rng.random() < 0.5:
            heading = _fill(rng.choice(HEADINGS_CAPS + HEADINGS_TITLE), rng)
            truth.insert(rng.randint(2, len(body) - 2), ("heading", heading))
            damage.append("subhead")
        dateform, place, where = rng.choice(DATELINES)
        headline = _fill(rng.choice(HEADLINES), rng) if rng.random() < 0.5 else ""

        kept = [text for _, text in truth]
        lede = kept[0]
        if where == "inline":
            kept[0] = dateform + lede
        # Damage: repeats of the body, near-duplicates, boilerplate in the middle.
        repeated = list(kept)
        roll = rng.random()
        if roll < 0.2:  # the seed's shape: the body again, without its lede
            repeated = kept + kept[1:]
            damage.append("repeated body")
        elif roll < 0.35:  # the whole body twice
            repeated = kept + kept
            damage.append("whole-body repeat")
        elif roll < 0.6:  # a near copy of one paragraph later on
            j = rng.randrange(1, len(body))
            if truth[j][0] == "body":
                repeated = kept + [_near_copy(kept[j], rng)]
                damage.append("near duplicate")
        elif roll < 0.7:  # a truncated repeat of a long paragraph
            j = max(range(len(kept)), key=lambda k: len(kept[k]))
            cut = kept[j][: int(len(kept[j]) * 0.6)]
            if len(normalise_key(cut).split()) >= 8 and truth[j][0] == "body" and j > 0:
                repeated = kept + [cut]
                damage.append("truncated repeat")
        if len(repeated) > 3 and rng.random() < 0.5:
            repeated.insert(rng.randint(2, len(repeated) - 1), rng.choice(boiler["middle"]))
            damage.append("middle boilerplate")

        head = rng.sample(boiler["head"], rng.randint(0, len(boiler["head"])))
        if headline:
            head.insert(0 if rng.random() < 0.7 else len(head), headline)
        if where == "line":
            head.append(dateform)
        tail = rng.sample(boiler["tail"], rng.randint(1, len(boiler["tail"])))
        if publisher == "Valley Times":
            tail.append(LEARNED)
        text = _layout(head + repeated + tail, layout, rng)
        articles.append(Generated(f"g{i:03d}", _encode(text, encoding, rng), truth, headline, place, damage))
    return articles


@pytest.fixture(scope="module")
def scored():
    corpus = generate()
    texts = {g.article_id: decode(g.data).text for g in corpus}
    cleaner = Cleaner().fit(texts.values())
    results = {g.article_id: cleaner.clean(g.article_id, texts[g.article_id]) for g in corpus}
    return corpus, results


def _precision_recall(corpus, results):
    tp = n_kept = n_truth = 0
    errors = []
    for g in corpus:
        got = [(p.kind, p.text) for p in results[g.article_id].paragraphs]
        hits = sum((Counter(got) & Counter(g.truth)).values())
        tp, n_kept, n_truth = tp + hits, n_kept + len(got), n_truth + len(g.truth)
        if hits != len(got) or hits != len(g.truth):
            errors.append((g.article_id, g.damage, [x for x in got if x not in g.truth], [x for x in g.truth if x not in got]))
    return tp / n_kept, tp / n_truth, errors


def test_paragraph_precision_and_recall(scored):
    """Kept paragraphs (body and headings) match the truth with precision and recall >= 0.99."""
    corpus, results = scored
    precision, recall, errors = _precision_recall(corpus, results)
    datelines = sum(results[g.article_id].dateline == g.dateline for g in corpus) / len(corpus)
    headlines = sum(results[g.article_id].headline == g.headline for g in corpus) / len(corpus)
    print(
        f"\ncleaning quality on {len(corpus)} generated articles: paragraph precision {precision:.4f}, "
        f"recall {recall:.4f}; dateline {datelines:.4f}, headline {headlines:.4f}; "
        f"{len(errors)} articles not exact"
    )
    for article_id, damage, extra, missing in errors[:10]:
        print(" ", article_id, damage, "\n    extra:", extra, "\n    missing:", missing)
    assert precision >= 0.99 and recall >= 0.99


def test_dateline_and_headline_found(scored):
    """The dateline place and the headline are recovered in at least 99% of the articles."""
    corpus, results = scored
    assert sum(results[g.article_id].dateline == g.dateline for g in corpus) >= 0.99 * len(corpus)
    assert sum(results[g.article_id].headline == g.headline for g in corpus) >= 0.99 * len(corpus)


def test_every_duplicate_points_at_its_original(scored):
    """Each line removed as a duplicate points at a kept line of the same paragraph (or one it truncates)."""
    corpus, results = scored
    n_duplicates = 0
    for g in corpus:
        article = results[g.article_id]
        by_first = {p.first_line: p for p in article.paragraphs}
        rows = [r for r in article.audit if r.reason == "duplicate"]
        runs: dict[tuple[int, int], list[str]] = {}
        for r in rows:  # group a wrapped paragraph's lines: same original, consecutive
            key = next((k for k in runs if k[0] == r.duplicate_of and k[1] == r.line - len(runs[k])), None)
            runs.setdefault(key or (r.duplicate_of, r.line), []).append(r.text)
        for (original, _), texts in runs.items():
            n_duplicates += 1
            assert original in by_first, (g.article_id, original)
            copy = normalise_key(" ".join(texts))
            kept = normalise_key(by_first[original].text)
            assert kept.startswith(copy) or copy.endswith(kept), (g.article_id, copy, kept)
    assert n_duplicates > 100


def test_boilerplate_is_removed_and_body_mentions_kept(scored):
    """No publisher line survives as a paragraph; body text that mentions copyright or newsletters does."""
    corpus, results = scored
    boiler = [_template_pattern(line) for p in PUBLISHERS.values() for v in p.values() for line in v]
    assert any(b.fullmatch(normalise_key("Last updated: 12 March 2024, 09:12 GMT")) for b in boiler)  # numbers filled in
    kept = [p.text for a in results.values() for p in a.paragraphs]
    assert not [t for t in kept if any(b.fullmatch(normalise_key(t)) for b in boiler) or t == LEARNED]
    assert any("copyright lawyers" in t for t in kept) and any("subscribe to the local newsletter" in t for t in kept)


def test_generator_covers_every_damage():
    """The generated set holds every layout, encoding and kind of damage."""
    damage = Counter(d for g in generate() for d in g.damage)
    for kind in (
        LAYOUTS
        + ENCODINGS
        + list(PUBLISHERS)
        + ["subhead", "repeated body", "whole-body repeat", "near duplicate", "truncated repeat", "middle boilerplate", "results list"]
    ):
        assert damage[kind] >= 5, kind
