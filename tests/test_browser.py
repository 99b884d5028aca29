"""Browser tests: the rendered report opens cleanly and offline in headless Chromium."""

from pathlib import Path

import pytest

from browser import NEEDS_CHROMIUM, check_page, open_browser
from helpers.report.html import render_report
from test_html import PROVENANCE, report_notebook

pytestmark = NEEDS_CHROMIUM

SCREENSHOTS = Path(__file__).resolve().parents[1] / "test-artifacts" / "screenshots"

BAD_PAGE = """<!DOCTYPE html><html><head><title>bad</title>
<script src="https://cdn.example.invalid/lib.js"></script></head><body>
<a href="#missing">nowhere</a> <a href="#here">here</a> <h2 id="here">Here</h2>
<img src="no-such-image.png" alt="missing">
<script>window.__xss = 1; console.error("boom"); throw new Error("uncaught");</script>
</body></html>"""


@pytest.fixture(scope="module")
def browser():
    with open_browser() as browser:
        yield browser


@pytest.fixture(scope="module")
def report_path(tmp_path_factory):
    path = tmp_path_factory.mktemp("report") / "report.html"
    path.write_text(render_report(report_notebook(), provenance=PROVENANCE), encoding="utf-8")
    return path


def test_report_opens_cleanly_offline(browser, report_path):
    """No console error, script error, network request, broken image or dangling TOC link."""
    report = check_page(report_path, browser=browser, screenshot=SCREENSHOTS / "test_report.png")
    assert report.problems == []
    assert report.n_links >= 5  # TOC entries plus the headings' own anchor links
    assert report.title == "Tone of <one> article"
    assert report.screenshot.stat().st_size > 10_000


def test_hostile_text_shows_literally_and_stays_inert(browser, report_path):
    """Article text with script/onerror markup is displayed as text and never runs."""
    report = check_page(report_path, browser=browser)
    assert report.xss is False and report.dialogs == []
    assert "<script>window.__xss=1</script>" in report.body_text
    assert '<img src=x onerror="window.__xss=1">' in report.body_text
    assert "&amp; stays &amp;" in report.body_text
    assert "Figure 1. Tone of <script>window.__xss=1</script> & co" in report.body_text
    assert "SECRET_INPUT_MARKER" not in report.body_text


def test_check_page_reports_each_kind_of_problem(browser, tmp_path):
    """check_page is not vacuous: a page with every defect is reported on every count."""
    path = tmp_path / "bad.html"
    path.write_text(BAD_PAGE, encoding="utf-8")
    report = check_page(path, browser=browser)
    assert report.external_requests == ["https://cdn.example.invalid/lib.js"]
    assert any("cdn.example.invalid" in r for r in report.failed_requests)
    assert any("no-such-image.png" in r for r in report.failed_requests)
    assert report.broken_images == ["no-such-image.png"]
    assert report.broken_links == ["#missing"]
    assert any("boom" in m for m in report.console_errors)
    assert any("uncaught" in e for e in report.page_errors)
    assert report.xss is True
    assert len(report.problems) >= 7


def _built_pages(root):
    reports = root / "reports"
    return [reports / "index.html", *sorted(reports.glob("*.html")), *sorted((reports / "articles").glob("*.html"))]


@pytest.mark.slow
def test_every_built_report_opens_cleanly(browser, built):
    """index.html and every report of a real build: no error, no request, images loaded, TOC resolves."""
    pages = list(dict.fromkeys(_built_pages(built.path)))
    assert len(pages) >= 5  # index, two stage reports, the seed and the hostile article
    for page in pages:
        name = page.relative_to(built.path / "reports").as_posix().replace("/", "__")
        report = check_page(page, browser=browser, screenshot=SCREENSHOTS / f"built__{name}.png")
        assert report.problems == [], (page, report.problems)
    seed = check_page(built.path / "reports" / "articles" / "000_0ba03db089b0c025.html", browser=browser)
    assert "Washington" in seed.body_text and "WORKING TOGETHER" in seed.body_text


@pytest.mark.slow
def test_hostile_article_report_shows_markup_as_text(browser, built):
    """The hostile fixture's report shows its markup literally and runs no script."""
    report = check_page(
        built.path / "reports" / "articles" / "hostile.html", browser=browser, screenshot=SCREENSHOTS / "built__hostile.png"
    )
    assert report.xss is False and report.dialogs == []
    assert "<script>window.__xss=1</script>" in report.body_text
    assert '<img src=x onerror="window.__xss=1">' in report.body_text
    assert "$x^2$ costs *stars* and _underscores_ # not a heading" in report.body_text
