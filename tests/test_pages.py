"""Whole web pages: the body finder on a page's text dump, HTML pages through trafilatura, the audit's runs."""

from pathlib import Path

import pandas as pd
import pytest

from helpers import io
from helpers.corpus import pipeline
from helpers.text import audit as audit_view
from helpers.text import pagefinder as page
from helpers.text.clean import Cleaner, split_blocks
from helpers.text.html_extract import NoArticleError, extract, looks_like_html
from helpers.text.pagefinder import blocks, patterns, sections, signals
from helpers.text.pagefinder.blocks import Block

PAGES = Path(__file__).parent / "fixtures" / "pages"
HEADLINE = "Harbour town votes to rebuild its flooded sea wall"
BODY_STARTS = [
    "Residents of Port Ellis voted on Tuesday",
    "The old wall, built in the 1950s",
    "The council had proposed a cheaper repair",
    '"We cannot keep patching a wall',
    "WHO PAYS FOR IT",
    "Under the plan approved on Tuesday",
    "Some shop owners on the front",
    "Work on the new wall is expected",
]

_CLASS = {"G": Block.GOOD, "N": Block.NEAR, "S": Block.SHORT, "B": Block.BAD, "X": Block.GONE}


def _classes(letters: str) -> list[Block]:
    """Block classes from letters: G good, N near, S short, B bad, X gone (removed by other rules)."""
    return [_CLASS[c] for c in letters]


def _classed(letters: str) -> page.Page:
    """A page of placeholder blocks whose classes (before and after context) are the letters'."""
    classes = _classes(letters)
    texts = [f"block {i}" for i in range(len(classes))]
    return page.Page(
        texts, [c == Block.GONE for c in classes], [page.features(t) for t in texts], classes, list(classes), [0.0] * len(classes)
    )


def _page_html() -> str:
    return (PAGES / "page.html").read_text(encoding="utf-8")


def _broken_html() -> str:
    """The page cut off in the middle of its first paragraph (a scrape that stopped early)."""
    return _page_html()[:1200] + "<p>Residents of Port Ellis vot"


def _html_as_text() -> str:
    """The page saved under a .txt name, without its doctype line."""
    return _page_html().replace("<!DOCTYPE html>\n", "")


@pytest.fixture(scope="module")
def dump():
    return Cleaner().clean("dump", (PAGES / "page_dump.txt").read_text(encoding="utf-8"))


def _reasons(article):
    return {r.text.strip(): r.reason for r in article.audit if r.action == "removed"}


def test_page_dump_keeps_exactly_the_article(dump):
    """Menus, cookie banner, caption, related links, comments and footer go; body and subhead stay, in order."""
    assert dump.headline == HEADLINE
    assert len(dump.paragraphs) == len(BODY_STARTS)
    for paragraph, start in zip(dump.paragraphs, BODY_STARTS):
        assert paragraph.text.startswith(start)
    heading = dump.paragraphs[4]
    assert heading.kind == "heading" and heading.text == "WHO PAYS FOR IT"
    assert all(p.section == "WHO PAYS FOR IT" for p in dump.paragraphs[5:])


def test_page_dump_removals_say_what_they_were(dump):
    """Each removed line names the part of the page it belonged to."""
    reasons = _reasons(dump)
    assert reasons["Home"] == reasons["Français"] == "outside the article: navigation"
    assert (
        reasons[
            "We use cookies to improve your experience on our site. By continuing to browse you agree "
            "to our use of cookies. Read our cookie policy."
        ]
        == "outside the article: cookie notice"
    )
    assert (
        reasons["Flood water fills a street near the harbour front in January. Photo: Coastal Herald / John Smith"]
        == "outside the article: caption"
    )
    assert reasons["Storm leaves harbour homes under water"] == "outside the article: related links"
    assert reasons["Ten walks along the coast this spring"] == "outside the article: related links"
    assert reasons["About time too, the wall has been falling apart for years and everybody knew it."] == "outside the article: comments"
    assert reasons["Privacy policy"] == "outside the article: footer"
    assert reasons["Email"] == "outside the article: share buttons"
    # every raw line is accounted for
    lines = (PAGES / "page_dump.txt").read_text(encoding="utf-8").split("\n")
    assert [r.line for r in dump.audit] == list(range(1, len(lines) + 1))
    assert dump.copyright.startswith("© 2024 The Coastal Herald")


def test_a_box_of_links_inside_the_body_does_not_end_it():
    """A "Most read" box the page puts between two paragraphs goes; the article after it stays."""
    box = [
        "Most read",
        "Storm leaves harbour homes under water",
        "Council split over sea wall repair costs",
        "Flood agency promises help for coastal towns",
        "New ferry timetable announced",
        "",
    ]
    lines = (PAGES / "page_dump.txt").read_text(encoding="utf-8").split("\n")
    at = lines.index("WHO PAYS FOR IT")
    article = Cleaner().clean("boxed", "\n".join(lines[:at] + box + lines[at:]))
    assert [p.text[: len(s)] for p, s in zip(article.paragraphs, BODY_STARTS)] == BODY_STARTS
    assert len(article.paragraphs) == len(BODY_STARTS)
    reasons = _reasons(article)
    assert "Most read" in reasons
    assert {reasons[line] for line in box[1:-1]} == {"outside the article: related links"}


def test_article_shaped_text_is_not_a_page(seed_text):
    """The seed (and lists inside or after an article's prose) do not trigger the body finder."""
    assert not page.is_page([b.text for b in split_blocks(seed_text.split("\n"))])
    fixtures = [
        "Cup holders visit Everton",
        "The draw for the fourth round was made on Monday, with the holders away to a side that beat them in the league last month.",
    ] + [f"Team {c} v Team {c}{c}" for c in "ABCDEFGHIJKL"]
    assert not page.is_page(fixtures)
    assert Cleaner().clean("a", "\n".join(fixtures)).paragraphs[-1].text == "Team L v Team LL"


def _kept(name: str) -> list[str]:
    article = Cleaner().clean(name, (PAGES / name).read_text(encoding="utf-8"))
    return [r.text for r in article.audit if r.action == "kept"]


def _removed(name: str) -> dict[str, str]:
    return _reasons(Cleaner().clean(name, (PAGES / name).read_text(encoding="utf-8")))


def test_a_page_with_its_chrome_after_the_body_is_a_page():
    """A blog page with hardly any header but its sidebar after the post (recent posts, archives) is a page."""
    lines = (PAGES / "blog_sidebar_after.txt").read_text(encoding="utf-8").split("\n")
    assert page.is_page([b.text for b in split_blocks(lines)])
    kept = _kept("blog_sidebar_after.txt")
    assert kept[0] == "Why my tomatoes split after the rain"
    assert len(kept) == 5 and kept[-1].startswith("I have also started to mulch")
    removed = _removed("blog_sidebar_after.txt")
    assert removed["Pruning the old apple tree"].startswith("outside the article")
    assert removed["Powered by WordPress"].startswith("outside the article")


def test_english_article_on_a_german_site():
    """The page's language is German, but its English paragraphs are measured against English's stop words too."""
    lines = [line for line in (PAGES / "english_on_german_site.txt").read_text(encoding="utf-8").split("\n") if line.strip()]
    languages = page.guess_languages(lines)
    assert languages == ("German", "English")
    body = [line for line in lines if line.startswith(("The Garden was", "It is a nearly", "The cast is"))]
    assert len(body) == 3
    assert all(blocks.initial_class(page.features(p, languages)) == Block.GOOD for p in body)
    assert blocks.initial_class(page.features(body[1], "German")) != Block.GOOD  # German's list alone misses it
    assert page.guess_languages(["The town voted on Tuesday to rebuild the wall."]) == ("English",)
    kept = _kept("english_on_german_site.txt")
    assert kept == ["Ein Abend mit Derek Jarman", *body]


def test_comments_longer_than_the_article_end_it():
    """A "Comments" heading ends the body even when the comments hold more prose than the article."""
    kept = _kept("long_comments.txt")
    assert kept[-1].startswith("Work is due to start in the spring")
    removed = _removed("long_comments.txt")
    assert removed["Comments"] == "outside the article: comments"
    assert removed["Priya"] == removed["Reply"] == "outside the article: comments"
    # prose one block at a time between names and buttons is interleaved; an article's paragraphs are not
    assert sections.interleaved(_classed("SSGSSGS"), 0, 7)
    assert not sections.interleaved(_classed("SGGGSG"), 0, 6)


def test_a_long_run_of_links_between_paragraphs_is_not_the_article():
    """Ten headlines in a row are a list of links, even between two paragraphs (jusText would keep them)."""
    kept = _kept("menu_between_prose.txt")
    assert kept[-1].startswith("The last crossing in the evening")
    removed = _removed("menu_between_prose.txt")
    assert removed["Bridge closed for repairs next week"].startswith("outside the article")
    blurb = next(line for line in removed if line.startswith("The Island Courier has been the newspaper"))
    assert removed[blurb].startswith("outside the article")
    assert blocks.long_runs_bad(_classes("G" + "S" * 9 + "G")) == _classes("G" + "B" * 9 + "G")
    assert blocks.long_runs_bad(_classes("GSXSG")) == _classes("GSXSG")


def test_a_list_in_sentence_case_inside_the_body_stays():
    """A recipe's ingredients (sentence-case items) stay; the title-case share buttons after the body go."""
    kept = _kept("recipe_list.txt")
    assert "A teaspoon of bicarbonate of soda" in kept and "A baking tray" in kept
    assert kept[-1].startswith("Shape it into a round")
    removed = _removed("recipe_list.txt")
    assert removed["Pinterest"].startswith("outside the article")


def test_a_gallery_inside_the_body_does_not_lose_its_first_paragraphs():
    """The paragraphs before a photo gallery are found from the headline (it repeats the page's title)."""
    kept = _kept("gallery_split.txt")
    assert kept[0] == "Seal pups released back into the sea after winter at rescue centre"
    assert kept[1].startswith("Three grey seal pups") and kept[2].startswith("The pups had been separated")
    assert kept[-1].startswith("The centre relies on donations")
    removed = _removed("gallery_split.txt")
    waves = next(line for line in removed if line.startswith("Waves crash over the harbour wall"))
    assert removed[waves].startswith("outside the article")
    assert removed["Storm leaves harbour homes under water"] == "outside the article: related links"


def test_short_first_paragraphs_before_a_gallery_are_found_from_the_headline():
    """A question or a lede of short sentences after the headline, cut off from the rest by a gallery, stays."""
    text = (PAGES / "gallery_split.txt").read_text(encoding="utf-8")
    first = text[text.index("Three grey seal pups") : text.index("News in pictures")]
    short = [
        "Three grey seal pups found on the beach in November went back to the sea on Saturday morning.",
        "Volunteers had fed them for ten weeks.",
        "The centre said the pups were now strong enough.",
        "Why did they wait until the spring to let them go?",
    ]
    article = Cleaner().clean("short lede", text.replace(first, "\n\n".join(short) + "\n\n"))
    kept = [r.text for r in article.audit if r.action == "kept"]
    assert kept[0] == "Seal pups released back into the sea after winter at rescue centre"
    assert kept[1:5] == short
    assert kept[-1].startswith("The centre relies on donations")


def test_a_long_comment_after_its_authors_name_is_not_the_article():
    """ "Comments", a name, a date, then one comment longer than the article: the comments start at the heading."""
    kept = _kept("long_comment.txt")
    assert kept[0] == "Library to close on Sundays from March"
    assert kept[-1].startswith("Staff will not lose their jobs")
    removed = _removed("long_comment.txt")
    comment = next(line for line in removed if line.startswith("I have used the library"))
    assert removed[comment] == "outside the article: comments"


def test_the_prose_after_the_headline_wins_over_back_matter_that_outscores_it():
    """A journal's disclosures after its reference list outscore its abstract: the abstract, after the headline, is the article."""
    kept = _kept("journal_back_matter.txt")
    assert kept[0] == "Sea-wall height and flood insurance claims: an observational study"
    assert kept[-1].startswith("Results: Claims fell by a third")
    removed = _removed("journal_back_matter.txt")
    assert removed["References"] == "outside the article: footer"
    disclosures = next(line for line in removed if line.startswith("Disclosures:"))
    assert removed[disclosures].startswith("outside the article")


def test_a_long_paragraph_telling_its_reader_to_download_stays():
    """Promotion inside the body goes when it is a short call to the reader, not a paragraph of the article."""
    kept = _kept("how_to_download.txt")
    assert any(line.startswith("If you need to install Python, you may as well download") for line in kept)
    assert kept[-1].startswith("Run the installer")
    removed = _removed("how_to_download.txt")
    promo = next(line for line in removed if line.startswith("Do you like our guides?"))
    assert removed[promo] == "outside the article: promotion"


def test_a_subhead_starting_with_a_list_word_is_not_a_section():
    """ "Popular", "Tags:" or "Latest news" open a list of links; "Popular Bougainvillea Varieties" is a subhead."""
    for heading in ("Popular", "Popular posts", "Tags:", "Latest news", "Trending now", "Related stories", "Most read"):
        assert signals.section_of(heading) == "related links", heading
    for subhead in ("Popular Bougainvillea Varieties", "Latest figures show a rise", "Topics discussed at the summit"):
        assert signals.section_of(subhead) is None, subhead


def test_photo_credits_between_paragraphs_are_captions():
    """A credit line ("Photograph by ...", "Photo by ... on Unsplash") is a caption even between two paragraphs."""
    assert _removed("long_comments.txt")["Photograph by Sam Green, Riverside Gazette"] == "outside the article: caption"
    assert _removed("recipe_list.txt")["Photo by Ana Lopez on Unsplash"] == "outside the article: caption"
    assert patterns.CAPTION.search("Her photographs became famous in the 1960s.") is None


def test_a_long_paragraph_is_promotion_only_with_two_calls_to_action():
    """At the end of the body too: one call to action in a long paragraph is the article talking to its reader."""
    body = (
        "You can opt in to this mode by visiting the privacy settings of the program and selecting the enhanced "
        "protection option, which sends more of the pages you visit to the service so that it can warn you sooner."
    )
    promo = (
        "Missing out on the latest developments? Enter your email below to receive future announcements direct to "
        "your inbox. A confirmation will be sent before you start receiving them, and you can leave at any time."
    )
    assert not signals.is_promotion(body, page.features(body))
    assert signals.is_promotion(promo, page.features(promo))
    assert signals.is_promotion("Follow us on Mastodon!", page.features("Follow us on Mastodon!"))


def test_a_sign_up_box_between_paragraphs_does_not_end_the_article():
    """A newsletter box inside a news story goes; the paragraphs after it stay; the page's sign-up after it ends it."""
    kept = _kept("signup_box.txt")
    assert kept[-2].startswith("All five people were taken") and kept[-1].startswith("The other three were admitted")
    removed = _removed("signup_box.txt")
    assert removed["Email address"] == removed["Sign up"] == "outside the article: newsletter sign-up"
    # at the end of the article, a sign-up still ends it (the page dump's newsletter box after the comments)
    dump = _removed("page_dump.txt")
    assert dump["Email address"].startswith("outside the article") and dump["Sign up"].startswith("outside the article")


def test_a_count_of_comments_naming_the_article_opens_the_comments():
    """WordPress's "11 responses to “Title”" opens the comments, however long the title."""
    title = "“The Loneliest Woman in the World: An Appreciation of Heart’s “Alone””"
    assert signals.section_of(f"11 responses to {title}") == "comments"
    assert signals.section_of(f"One thought on {title}") == "comments"
    assert signals.section_of("Two comments on the plan were made by the mayor, who said the council had not listened.") is None
    lines = (PAGES / "long_comments.txt").read_text(encoding="utf-8").replace("\nComments\n", f"\n4 responses to {title}\n")
    article = Cleaner().clean("count", lines)
    assert _reasons(article)[f"4 responses to {title}"] == "outside the article: comments"
    assert [r.text for r in article.audit if r.action == "kept"][-1].startswith("Work is due to start in the spring")


def test_a_labelled_list_of_tags_opens_a_section_however_long():
    """ "TAGS: a, b, c" after the body is the page's list of tags, even when longer than a heading."""
    tags = "TAGS: ann wilson, drama, eighties, heart, loneliness, music, nancy wilson, power ballads, rock"
    assert signals.section_of(tags) == "related links"
    assert signals.section_of("Filed under: Politics, Elections, Local government, Council budget, Housing") == "related links"
    assert signals.section_of("The tags on the bags were checked at the border by officers who said nothing was missing.") is None
    text = (PAGES / "long_comments.txt").read_text(encoding="utf-8").replace("\nComments\n", f"\n{tags}\nComments\n")
    article = Cleaner().clean("tags", text)
    assert _reasons(article)[tags] == "outside the article: related links"


def test_a_sign_up_form_before_the_menu_is_not_the_article():
    """The menus before the body's first two paragraphs in a row are skipped, with the form's small print before them."""
    kept = _kept("signup_form_first.txt")
    assert kept[0] == "Ransomware spreads through links in online forums"
    assert len(kept) == 5 and kept[1].startswith("A new strain of ransomware")
    removed = _removed("signup_form_first.txt")
    assert removed["This frame contains the logic required to handle the forms on this page."] == "outside the article: navigation"
    assert removed["Malware"] == "outside the article: navigation"


def test_a_short_standfirst_without_a_stop_stays():
    """A standfirst of eight words or more in sentence case, with no final stop, is the article's, however short.

    (Here the page's first line is not the headline, so the start is not found from the headline.)
    """
    standfirst = "First clinical trial of an automated blood drawing and testing device"
    assert len(standfirst) < patterns.LENGTH_LOW
    lines = [
        "University News",
        *["Home", "News", "Research", "Events", "Contact", "Search"],
        "New robot does a superior job of sampling blood",
        "Share",
        standfirst,
        "In the future, robots could take blood samples, benefiting patients and healthcare workers alike, the researchers said.",
        "The device found the vein and drew the sample on the first attempt in most of the volunteers who took part in the trial.",
        "The team now plans a larger trial in two hospitals, with patients whose veins are harder to find.",
        *["About us", "Privacy", "Terms", "Jobs"],
    ]
    reasons = page.find_article(lines)
    assert reasons[lines.index(standfirst)] == ""
    assert reasons[lines.index("Share")].startswith("outside the article")


def test_code_between_the_lede_and_the_body_stays():
    """A tutorial's code between its first paragraph and the rest is the article, not a gallery's captions.

    The headline repeats the page's title far before the main run of prose, so the article's
    first paragraph is found from it; the lines in between that read like program code stay.
    """
    kept = _kept("tutorial_code.txt")
    assert kept[0] == "How to change the font size of a chart"
    assert kept[1].startswith("This tutorial shows how to change")
    assert any(line.startswith("data <- data_frame(") for line in kept)
    assert any(line.startswith("chart <- chart + coord_flip(") for line in kept)
    assert any(line.startswith("chart + theme(text = element_text(size = 20))") for line in kept)
    removed = _removed("tutorial_code.txt")
    assert removed["Example 1: Change All Font Sizes"] == "outside the article: links"
    assert removed["Draw a Line Chart"].startswith("outside the article")
    assert signals.code_like("my_ggp + theme(axis.text.x = element_text(size = 20)) # x-axis text size")
    assert not signals.code_like("Minister Aubyn Hill (right) looks on as the chief executive (left) speaks [1] [2]")
    assert not signals.code_like("Filius Flitwick [3] [4]")


def test_a_table_of_contents_does_not_cut_off_the_lede():
    """A wiki's table of contents between the lede and the sections: the lede stays, the entries go, the headings stay."""
    article = Cleaner().clean("wiki", (PAGES / "wiki_contents.txt").read_text(encoding="utf-8"))
    kept = [r.text for r in article.audit if r.action == "kept"]
    assert article.headline == "The lighthouse keeper"
    assert kept[1].startswith("A lighthouse keeper was the person who tended")
    assert {"History", "Duties", "Known keepers", "Decline"} <= set(kept)
    reasons = _reasons(article)
    for entry in ("1 History", "2 Duties", "3 Known keepers", "4 Decline", "5 See also"):
        assert reasons[entry] == "outside the article: table of contents"
    assert reasons["Lightship"].startswith("outside the article")


def test_a_gallerys_repeated_credits_are_not_a_table_of_contents():
    """Lines repeated many times (a credit under every photo) are not the entries of a table of contents."""
    lines = [
        "Commuters queue at the station",
        *["Home", "News", "Sport", "Travel", "Contact"],
        "The train operator said on Monday that services would return to normal within a week, after the strike ended.",
        *["AFP via Getty Images", "Passengers wait on the platform in the rain", "AFP via Getty Images"] * 3,
        "AFP via Getty Images",
        "Union leaders said that the agreement met most of their demands, and that members would vote on it next month.",
    ]
    contents, named = sections.table_of_contents(page.Page.read(lines))
    assert contents == set() and named == set()


def test_a_line_of_dialogue_before_the_body_is_the_story():
    """A story's opening lines, with a one-word line of dialogue between them, are not the page's header."""
    kept = _kept("story_dialogue.txt")
    assert kept[0] == "When I woke up, the train had stopped."
    assert kept[1].startswith("The carriage was empty")
    assert kept[2] == "“Hello?”"
    removed = _removed("story_dialogue.txt")
    assert removed["Previous Chapter"].startswith("outside the article")
    assert removed["Sign In"] == "outside the article: navigation"


def test_a_blog_archive_with_post_counts_makes_a_page():
    """A blog's archive widget ("► October (3)": a month and its count of posts) is the page's chrome, digits and all."""
    text = (PAGES / "blog_archive.txt").read_text(encoding="utf-8")
    assert page.is_page([line for line in text.split("\n") if line])
    kept = _kept("blog_archive.txt")
    assert any(line.startswith("The plane had been lying in a box") for line in kept)
    assert kept[-1].startswith("The blade needed a new edge")
    removed = _removed("blog_archive.txt")
    assert removed["► October (3)"].startswith("outside the article")
    assert removed["Blog Archive"].startswith("outside the article")
    assert patterns.WIDGET_COUNT.search("Politics (14)")
    assert not patterns.WIDGET_COUNT.search("Chelsea 2-1 Arsenal") and not patterns.WIDGET_COUNT.search("Arsenal 2 (1)")


def test_a_newsletter_box_named_after_the_site_is_cut_out_of_the_body():
    """ "The Weekend Review Newsletter" and its imperative blurb ("Sign up to get ...", no "you") go; the body around stays."""
    removed = _removed("newsletter_heading.txt")
    assert removed["The Weekend Review Newsletter"] == "outside the article: newsletter sign-up"
    assert removed["Sign up to get the best stories of the week, and the best places to stay, as picked by the editors."].startswith(
        "outside the article"
    )
    kept = _kept("newsletter_heading.txt")
    assert kept[-2].startswith("Coming back was harder") and kept[-1].startswith("I have kept one habit")
    assert signals.section_of("Newsletter") == signals.section_of("The Morning Briefing newsletter") == "newsletter sign-up"
    assert signals.section_of("Why the newsletter is back. It never left.") is None
    blurb = "Sign up to get the best content of the week."
    assert signals.is_promotion(blurb, page.features(blurb))
    story = "Signing up for the course took her two years, she said."
    assert not signals.is_promotion(story, page.features(story))


def test_a_list_the_last_paragraph_announces_stays():
    """ "... I'll summarize them:" then short items in sentence case: the article's; the byline and links after it go."""
    kept = _kept("summary_list.txt")
    assert kept[-5] == "I know it's a lot of numbers, so I'll summarize them:"
    assert kept[-4:] == [
        "Tuples save a bit of memory when replacing lists",
        "Tuples save lots of memory when replacing dictionaries",
        "Slotted classes save a lot of memory",
        "Generators are the smallest but can be read only once",
    ]
    removed = _removed("summary_list.txt")
    assert removed["Author: Jo Carter"].startswith("outside the article")
    assert removed["Archive"].startswith("outside the article")
    # a menu after a colon is not the announced list
    text = (PAGES / "summary_list.txt").read_text(encoding="utf-8")
    menu = text.replace("Tuples save a bit of memory when replacing lists", "Latest Posts").replace(
        "Tuples save lots of memory when replacing dictionaries", "Popular Tags"
    )
    reasons = _reasons(Cleaner().clean("menu", menu))
    assert reasons["Latest Posts"].startswith("outside the article")


def test_advice_about_another_site_between_paragraphs_is_the_article():
    """ "Amazon ... you can sign up for an e-mail" between two paragraphs stays; the site's own call ("our") goes."""
    kept = _kept("reader_advice.txt")
    assert any(line.startswith("Amazon has two models listed.") for line in kept)
    assert kept[-1].startswith("Prices are expected to rise")
    removed = _removed("reader_advice.txt")
    promo = "Enjoying this guide? You can get our weekly e-mail of hardware deals by subscribing here."
    assert removed[promo] == "outside the article: promotion"


def test_the_last_paragraph_after_a_box_of_links_stays():
    """A "Related stories" box before the article's last paragraph goes; the paragraph stays, the chrome after it goes."""
    kept = _kept("closing_paragraph.txt")
    assert kept[-1].startswith("The theft comes as the region faces a shortage")
    assert kept[-2].startswith("The hospital said it still had enough masks")
    removed = _removed("closing_paragraph.txt")
    assert removed["Man arrested after reselling masks online"] == "outside the article: related links"
    assert removed["Report an error"].startswith("outside the article")
    # the titles of a list of stories, each with its summary, are teasers: the summary after them is not the article
    text = (PAGES / "closing_paragraph.txt").read_text(encoding="utf-8")
    teasers = text.replace(
        "Man arrested after reselling masks online\n",
        "Man arrested after reselling masks online\n"
        "Police say the man sold hundreds of boxes of masks online at ten times their usual price.\n",
    )
    reasons = _reasons(Cleaner().clean("teasers", teasers))
    assert any(r.startswith("The theft comes") and why.startswith("outside the article") for r, why in reasons.items())
    # a blurb about the site after the box is not the article's last paragraph
    blurb = "The Valley Courier has been the independent voice of the towns of the valley since 1882 and is owned by a trust."
    reasons = _reasons(Cleaner().clean("blurb", text.replace(kept[-1], blurb)))
    assert reasons[blurb].startswith("outside the article")


def test_the_last_step_of_a_how_to_telling_its_reader_where_to_go_stays():
    """ "... if you want to install from source, see the download page." ends the article; the site's "Subscribe to our ..." goes."""
    kept = _kept("how_to_last_step.txt")
    assert kept[-1] == "For other systems, or if you want to install from source, see the general download page."
    removed = _removed("how_to_last_step.txt")
    assert any(line.startswith("Did you like this guide?") for line in removed)
    # an appeal for the site in the same place is not advice
    text = (PAGES / "how_to_last_step.txt").read_text(encoding="utf-8")
    appeal = "If you found this guide useful, you can support independent writing with a donation of any size."
    reasons = _reasons(Cleaner().clean("appeal", text.replace(kept[-1], appeal)))
    assert reasons[appeal].startswith("outside the article")


def test_labelled_fields_inside_the_body_are_not_links():
    """ "Admission: adults 3 €", "Address: ..." under a sight's paragraph are the article's, not a list of links."""
    kept = _kept("sights_fields.txt")
    assert "Admission: adults 3 € (2019 price)" in kept
    assert "Address: Holzsägerstraße 6, 26721 Emden" in kept
    assert kept[-1].startswith("The old harbour is a short walk")
    removed = _removed("sights_fields.txt")
    assert removed["Lower Saxony"] == "outside the article: navigation"
    assert patterns.FIELD.match("Opening hours: Tuesday to Friday") and not patterns.FIELD.match("Example 1: Change the font size")


def test_a_subhead_in_capitals_inside_a_run_of_short_lines_stays():
    """A long run of buttons right before an ALL-CAPS subhead goes; the subhead stays with its section."""
    lines = (PAGES / "page_dump.txt").read_text(encoding="utf-8").split("\n")
    at = lines.index("WHO PAYS FOR IT")
    buttons = ["Print Article", "Save For Later", "Listen To This", "Gift Article", "Copy Link", "Text Size", "Dark Mode", "Report Error"]
    article = Cleaner().clean("buttons", "\n".join(lines[:at] + buttons + lines[at:]))
    assert [p.text[: len(s)] for p, s in zip(article.paragraphs, BODY_STARTS)] == BODY_STARTS
    assert article.paragraphs[4].kind == "heading"
    reasons = _reasons(article)
    assert {reasons[b] for b in buttons} == {"outside the article: links"}
    # teasers' titles in capitals among the buttons are links too: only a lone subhead with prose after it stays
    teasers = ["POOL TO STAY SHUT ALL SUMMER", "TWO ARRESTED AFTER BREAK-IN"]
    lines_with_teasers = lines[:at] + buttons[:4] + teasers[:1] + buttons[4:] + teasers[1:] + [""] + lines[at + 1 :]
    reasons = _reasons(Cleaner().clean("teasers", "\n".join(lines_with_teasers)))
    assert {reasons[t] for t in teasers} == {"outside the article: links"}


def test_a_lede_about_a_privacy_policy_is_not_a_notice():
    """A paragraph about someone's privacy policy opens the article; the site's own notice ("you agree to our ...") does not."""
    lines = (PAGES / "page_dump.txt").read_text(encoding="utf-8").split("\n")
    at = next(i for i, line in enumerate(lines) if line.startswith(BODY_STARTS[0]))
    lede = (
        "The harbour board changed its privacy policy on Monday so that the cameras on the sea wall can keep "
        "their recordings for a month, a week before the vote on the new wall."
    )
    article = Cleaner().clean("lede", "\n".join(lines[:at] + [lede, ""] + lines[at:]))
    assert article.paragraphs[0].text == lede
    assert [p.text[: len(s)] for p, s in zip(article.paragraphs[1:], BODY_STARTS)] == BODY_STARTS
    notice = "By using this site you agree to our Privacy Policy."
    assert signals.is_notice(notice, page.features(notice))


def test_labelled_entries_at_the_edges_of_the_body_stay():
    """A dictionary entry's "MEANING:" and its line before the body, and "Source:" with its line after it, stay."""
    kept = _kept("word_of_the_day.txt")
    assert "MEANING:" in kept and "adjective: Cheerfully optimistic, even in a bad situation." in kept
    assert kept[-2:] == ["Source:", "The Oxford Dictionary of English Etymology, 1966."]
    removed = _removed("word_of_the_day.txt")
    assert removed["Quizzes"] == "outside the article: navigation"
    assert removed["Share:"].startswith("outside the article") and removed["Word Quiz"].startswith("outside the article")
    # the page's own labels after the body ("Published:", then its date) are not the article's entries
    text = (PAGES / "word_of_the_day.txt").read_text(encoding="utf-8").replace("Share:\n", "Published:\n5 March 2024, 12:30 GMT\nShare:\n")
    reasons = _reasons(Cleaner().clean("published", text))
    assert reasons["Published:"].startswith("outside the article") and reasons["5 March 2024, 12:30 GMT"].startswith("outside")


def test_the_authors_closing_invitation_stays_and_the_sites_promotion_goes():
    """ "... please let me know in the comments." in the author's voice ends the post; "please ... our newsletter" is the site's."""
    kept = _kept("tutorial_closing.txt")
    assert kept[-1].startswith("On this page you learned how to change the font size")
    removed = _removed("tutorial_closing.txt")
    assert any(line.startswith("Please support our work") for line in removed)
    text = (PAGES / "tutorial_closing.txt").read_text(encoding="utf-8").replace("let me know", "let us know")
    reasons = _reasons(Cleaner().clean("ours", text))
    assert reasons[next(r for r in reasons if r.startswith("On this page you learned"))].startswith("outside the article")


def test_the_source_of_a_quotation_that_ends_the_body_stays():
    """A usage quotation ends the entry; its source line (names and a date) stays, the share buttons after it go."""
    text = (PAGES / "word_of_the_day.txt").read_text(encoding="utf-8")
    quote = '"His sanguine forecast did not survive the first week of the campaign."'
    source = "Jane Doe; The Daily Planet; Mar 20, 2005."
    text = text.replace("Source:\nThe Oxford Dictionary of English Etymology, 1966.", f"{quote}\n{source}")
    article = Cleaner().clean("quote", text)
    kept = [r.text for r in article.audit if r.action == "kept"]
    assert kept[-2:] == [quote, source]
    assert _reasons(article)["Share:"].startswith("outside the article")


def test_a_long_box_of_related_links_between_two_parts_of_the_body_keeps_both():
    """A "Related stories" box of 13 links after the third paragraph: both parts stay (it is not back matter)."""
    kept = _kept("related_box_mid_body.txt")
    assert any(line.startswith("Work is due to start in the autumn") for line in kept)
    assert any(line.startswith("The cost of the bridge has risen") for line in kept)
    assert kept[-1].startswith("The first public meeting on the design")
    removed = _removed("related_box_mid_body.txt")
    assert removed["Market Traders Angry at Rent Rise"].startswith("outside the article")


def test_a_columnists_comment_box_after_the_report_is_the_article():
    """ "Comment", the columnist's name (no date), then analysis: the article goes on; comments have a date."""
    kept = _kept("columnist_box.txt")
    assert kept[-1].startswith("The prime minister will want a safe pair of hands")
    assert any(line.startswith("The resignation was the only way out") for line in kept)


def test_chrome_labels_in_a_run_of_buttons_are_not_fields():
    """ "Listen: 3 min", "Photographer: Jane Doe", "Section: Local News" among share buttons go; the body stays."""
    removed = _removed("chrome_labels.txt")
    for line in ("Listen: 3 min", "Photographer: Jane Doe", "Follow: @valleycourier", "Section: Local News", "Copy link"):
        assert removed[line].startswith("outside the article"), line
    kept = _kept("chrome_labels.txt")
    assert any(line.startswith("Opening hours on the other six days") for line in kept)


def test_an_inline_link_to_another_story_does_not_open_a_box():
    """ "Related: <a story's title>" is one link inside the body: the section after it stays."""
    kept = _kept("inline_related.txt")
    assert "Pruning" in kept
    assert any(line.startswith("Most cacti never need pruning") for line in kept)
    assert any(line.startswith("Let the cut end dry") for line in kept)
    removed = _removed("inline_related.txt")
    assert removed["Related: How to water a cactus in winter"].startswith("boilerplate")
    assert removed["Ten houseplants that like the shade"] == "outside the article: related links"
    assert patterns.INLINE_LINK.match("Read more: Why the council voted against the plan")
    assert not patterns.INLINE_LINK.match("Related stories") and not patterns.INLINE_LINK.match("Related: housing, council, budget")


def test_page_language_from_stop_word_lists():
    """The stop-word list is the page's language (jusText's lists), so German prose counts as prose."""
    german = [
        "Die Stadt hat am Dienstag beschlossen, die Mauer am Hafen neu zu bauen, die im Januar bei dem Sturm an zwei Stellen gebrochen ist."
    ]
    assert page.guess_language(german) == "German"
    assert page.guess_language(["The town voted on Tuesday to rebuild the wall that failed in the storm."]) == "English"
    # A page with no stop word of any language (a list of codes, prices, names) is English, not a crash.
    assert page.guess_language(["SKU-4471 XL", "€ 12,99", "Zyxq Vrrb"]) == "English"
    assert page.find_article(["SKU-4471 XL", "€ 12,99"]) == ["outside the article: navigation"] * 2


def test_removal_runs_show_the_page_compactly(dump):
    """The report's cleaning summary: menus as one run with its first words, not one row per line."""
    rows = []
    for r in dump.audit:
        rows.append(
            {"line": r.line, "text": r.text, "action": r.action, "role": r.role, "reason": r.reason, "duplicate_of": r.duplicate_of}
        )
    runs = audit_view.removal_runs(pd.DataFrame(rows))
    nav = runs[runs["reason"] == "outside the article: navigation"]
    assert nav.iloc[0]["lines"] == "1-3" and nav.iloc[0]["text"].startswith("Harbour town votes")
    menu = nav[nav["n_lines"] >= 10].iloc[0]
    assert menu["lines"] == "5-21" and menu["text"].startswith("Accept cookies / Manage settings / Home")
    assert len(runs) < 20 < sum(r.action == "removed" for r in dump.audit)


# -- HTML ---------------------------------------------------------------------------------------


def test_html_page_article_and_metadata():
    """trafilatura's article and the page's own title, date, author, site name and URL."""
    found = extract(_page_html())
    assert found.title == HEADLINE
    assert (found.published, found.author, found.site_name) == ("2024-03-03", "Maria Lopez", "The Coastal Herald")
    assert found.url == "https://www.coastalherald.example/news/2024/03/03/sea-wall-vote"
    assert "Residents of Port Ellis voted" in found.text and "Accept cookies" not in found.text
    assert "Storm leaves harbour homes" not in found.text and "Privacy policy" not in found.text
    assert 0 < found.outside_chars < found.page_chars


def test_html_sniffing():
    """A document is HTML when it starts as one or has a body with markup; a stray tag is not enough."""
    assert looks_like_html(_html_as_text())
    assert not looks_like_html((PAGES / "page_dump.txt").read_text(encoding="utf-8"))
    assert not looks_like_html('Talks go on.\n<iframe src="https://x.example/v"></iframe>\nMore talks.')


def test_empty_and_articleless_pages_raise():
    with pytest.raises(NoArticleError, match="empty"):
        extract("  \n")
    with pytest.raises(NoArticleError, match="no article"):
        extract("<html><head><title>x</title></head><body><script>var a = 1;</script></body></html>")


@pytest.fixture(scope="module")
def page_corpus(tmp_path_factory, seed_text):
    raw = tmp_path_factory.mktemp("raw")
    (raw / "seed.txt").write_text(seed_text, encoding="utf-8")
    for name in ("page.html", "page_dump.txt"):
        (raw / name).write_bytes((PAGES / name).read_bytes())
    (raw / "broken.html").write_text(_broken_html(), encoding="utf-8")
    (raw / "really_html.txt").write_text(_html_as_text(), encoding="utf-8")
    (raw / "empty.htm").write_bytes(b"")
    (raw / "binary.html").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")
    (raw / "scripts.html").write_text("<html><body><script>var a = 1;</script></body></html>")
    (raw / "seed.html").write_bytes((PAGES / "page.html").read_bytes())  # shares a stem with seed.txt
    tables = pipeline.clean_corpus(io.list_raw(raw), Cleaner(), jobs=1)
    return {name: frame for name, frame in tables.items()}


def test_corpus_reads_html_and_skips_bad_pages(page_corpus):
    """Web pages are read, bad ones skipped with a message naming the problem; the rest is processed."""
    articles = page_corpus["articles"].set_index("source")
    assert articles.loc["page.html", "status"] == "ok" and articles.loc["page.html", "format"] == "html"
    assert articles.loc["page.html", "headline"] == HEADLINE
    assert articles.loc["page.html", "site_name"] == "The Coastal Herald"
    assert articles.loc["page.html", "published"] == "2024-03-03"
    assert articles.loc["page.html", "author"] == "Maria Lopez"
    assert articles.loc["really_html.txt", "format"] == "html"
    assert "holds HTML" in articles.loc["really_html.txt", "repairs"]
    assert articles.loc["page_dump.txt", "format"] == "text"
    assert "empty" in articles.loc["empty.htm", "problem"]
    assert "NUL" in articles.loc["binary.html", "problem"]
    assert "no article" in articles.loc["scripts.html", "problem"]
    assert {articles.loc["seed.txt", "article_id"], articles.loc["seed.html", "article_id"]} == {"seed.txt", "seed.html"}
    assert articles.loc["seed.txt", "status"] == "ok"


def test_html_body_is_what_trafilatura_kept(page_corpus):
    """Cleaning after trafilatura keeps every body paragraph; the title is the headline, not body text."""
    paragraphs = page_corpus["paragraphs"].query("article_id == 'page'")
    assert len(paragraphs) == len(BODY_STARTS)
    assert all(text.startswith(start) for text, start in zip(paragraphs["text"], BODY_STARTS))
    assert paragraphs.set_index("text").loc["WHO PAYS FOR IT", "kind"] == "heading"
    dump = page_corpus["paragraphs"].query("article_id == 'page_dump'")
    assert list(paragraphs["text"]) == list(dump["text"])  # the page and its text dump agree


def test_audit_accounts_for_the_page_outside_the_article(page_corpus):
    """Line 0 of a web page's audit: how much of the page's text was outside the extracted article."""
    audit = page_corpus["audit"].query("article_id == 'page'")
    row = audit[audit["line"] == 0].iloc[0]
    articles = page_corpus["articles"].set_index("article_id")
    outside, total = articles.loc["page", "outside_chars"], articles.loc["page", "page_chars"]
    assert 0 < outside < total
    assert row["action"] == "removed" and row["reason"] == "outside the article: not extracted by trafilatura"
    assert f"{outside:,} of the page's {total:,} characters" in row["text"]


def test_broken_html_is_read_as_far_as_it_goes(page_corpus):
    """A page cut off mid-paragraph still gives its metadata and the text up to the cut.

    With no closing markup trafilatura falls back to the page's whole text, so its menu comes
    along (too short a page for the body finder to call it a page): a known limit, pinned here.
    """
    articles = page_corpus["articles"].set_index("source")
    row = articles.loc["broken.html"]
    assert row["status"] == "ok" and row["headline"] == HEADLINE and row["author"] == "Maria Lopez"
    texts = list(page_corpus["paragraphs"].query("article_id == 'broken'")["text"])
    assert texts[-1] == "Residents of Port Ellis vot"
    assert HEADLINE not in texts  # the title is the headline, not a paragraph


# -- the page finder's parts: the Page, the passes, the halves of web-dev ------------------------

_MENU = ["Home", "News", "Sport", "Weather", "Contact us", "Sign in"]
_STORY = [
    "Rain falls on the city as the long drought finally ends",
    "The rain came at last on Monday, and the farmers who had waited for it all summer were out in their fields to see it.",
    "Photograph by Jane Doe for the Valley Courier",
    "It was the first rain in the region since the spring, when the reservoirs were already lower than anyone could remember.",
]
_FOOTER = ["Related stories", "Drought hits farms", "Water prices rise", "About us", "Privacy"]


def test_a_page_holds_its_blocks_features_and_classes():
    """``Page.read`` measures every block once: features, classes before and after context, scores; removed lines are gone."""
    lines = [*_MENU, *_STORY]
    p = page.Page.read(lines, [t == "Sign in" for t in lines])
    assert len(p) == len(lines) == len(p.feats) == len(p.initial) == len(p.classes) == len(p.scores)
    assert p.initial[_MENU.index("Sign in")] is Block.GONE and p.scores[_MENU.index("Sign in")] == 0.0
    assert p.initial[0] is Block.SHORT and p.classes[0] is Block.BAD  # a menu's entry, next to the menu
    assert p.initial[len(_MENU) + 1] is Block.GOOD and p.scores[len(_MENU) + 1] == len(lines[len(_MENU) + 1])
    assert p.reasons == [""] * len(lines) and (p.start, p.end) == (0, 0)


def test_the_passes_are_named_ordered_and_say_what_they_record():
    """Span passes come before inside passes; names are unique; every reason is one the audit uses."""
    names = [p.name for p in page.PASSES]
    assert len(set(names)) == len(names)
    spans = [p.span for p in page.PASSES]
    assert spans == sorted(spans, reverse=True)  # all span passes first
    known = {"navigation", "comments", "related links", "newsletter sign-up", "footer", "cookie notice", "caption", "links"}
    known |= {"author", "notice", "promotion", "share buttons", "table of contents"}
    assert all(p.reasons and set(p.reasons) <= known for p in page.PASSES)


def test_a_pass_left_out_changes_only_what_it_decides():
    """Without ``captions`` the caption inside the body is kept; everything else is decided as before."""
    lines = [*_MENU, "", *_STORY, "", *_FOOTER]
    reasons = page.find_article(lines)
    caption = lines.index(_STORY[2])
    assert reasons[caption] == "outside the article: caption"
    assert [lines[i] for i, r in enumerate(reasons) if not r and lines[i]] == [s for s in _STORY if s != _STORY[2]]
    without = page.find_article(lines, skip={"captions"})
    assert without[caption] == ""
    assert [r for i, r in enumerate(without) if i != caption] == [r for i, r in enumerate(reasons) if i != caption]


def test_passes_can_be_disabled_around_the_cleaner_and_come_back():
    """``disabled`` leaves a pass out of every call within, restores it after, and names the passes on a typo."""
    lines = [*_MENU, "", *_STORY, "", *_FOOTER]
    caption = lines.index(_STORY[2])
    with page.disabled({"captions"}):
        assert page.find_article(lines)[caption] == ""
    assert page.find_article(lines)[caption] == "outside the article: caption"
    with pytest.raises(ValueError, match="captions"):
        with page.disabled({"caption"}):
            pass


def test_the_span_passes_move_the_span_on_the_page():
    """``menus`` and ``headline`` move the start; ``mark_outside`` gives blocks outside the span their reasons."""
    from helpers.text.pagefinder import blocks as b
    from helpers.text.pagefinder import passes

    lines = [*_MENU, "", *_STORY, "", *_FOOTER]
    p = page.Page.read(lines)
    p.start, p.end = b.best_span(p.scores)
    first_prose = lines.index(_STORY[1])
    assert p.start <= first_prose < p.end
    passes.headline(p)
    assert lines[p.start] == _STORY[0]  # back to the headline
    passes.mark_outside(p)
    assert p.reasons[0] == "outside the article: navigation"
    assert p.reasons[lines.index("Water prices rise")] == "outside the article: related links"  # the section it is in
    assert p.reasons[lines.index("Privacy")] == "outside the article: footer"


def test_web_dev_halves_are_fixed_by_the_page_name():
    """A page's half is a function of its name alone (SHA-1, even or odd); both halves are filled."""
    from helpers.analysis import cleaning_eval

    names = [f"page-{i}" for i in range(40)]
    assert [cleaning_eval.half(n) for n in names] == [cleaning_eval.half(n) for n in names]
    assert {cleaning_eval.half(n) for n in names} == {"dev", "test"}
    snippets = {n: {"with": ["a"], "without": ["b"]} for n in names}
    split = cleaning_eval.halves(snippets)
    assert sorted([*split["dev"], *split["test"]]) == sorted(names)
    by = cleaning_eval.scores_by_half({n: "a" for n in names}, snippets)
    assert by["total"]["with"] == by["dev"]["with"] == by["test"]["with"] == 1.0
    assert by["total"]["n_with"] == len(names)
