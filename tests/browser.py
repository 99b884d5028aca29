"""Open an HTML report in headless Chromium and record what a reviewer's browser would object to.

Used by the browser tests (``@pytest.mark.browser``); not a test module itself. It drives Debian's
``chromium`` through Playwright (no Playwright-downloaded browser is needed) and never lets the page
reach the network: every request that is not ``file:`` or ``data:`` is recorded and aborted.

Example
-------
>>> with open_browser() as browser:                                  # doctest: +SKIP
...     report = check_page("reports/sentiment.html", browser=browser,
...                         screenshot="test-artifacts/screenshots/sentiment.png")
>>> assert not report.problems, report.problems                       # doctest: +SKIP
"""

import os
import shutil
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

import pytest

__all__ = ["CHROMIUM_ARGS", "NEEDS_CHROMIUM", "PageReport", "chromium_path", "open_browser", "check_page"]

CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]
VIEWPORT = {"width": 1280, "height": 900}
NEEDS_CHROMIUM = [
    pytest.mark.browser,
    # Skipped only outside CI: in CI (CI=true) a missing browser fails the tests instead.
    pytest.mark.skipif(
        shutil.which("chromium") is None and not os.environ.get("CI"),
        reason="Debian's chromium is not installed (run `make browser` as root)",
    ),
]
"""``pytestmark`` of a module whose tests drive Chromium."""

# Runs in the page after load: images that failed, in-page links without a target, the XSS canary.
# A link "#frag" resolves as browsers do (HTML "find a potential indicated element"): an element
# with id (or an <a name>) equal to the raw fragment, else to its percent-decoded form; "#" and
# "#top" go to the top of the page.
_INSPECT = """async () => {
  const images = Array.from(document.images);
  await Promise.all(images.map((img) => img.decode().catch(() => null)));
  const brokenImages = images
    .filter((img) => !img.complete || img.naturalWidth === 0)
    .map((img) => (img.getAttribute('src') || '').slice(0, 120));
  const find = (frag) => document.getElementById(frag)
    || document.querySelector(`a[name="${CSS.escape(frag)}"]`);
  const resolves = (frag) => {
    if (frag === '' || find(frag)) return true;
    let decoded;
    try { decoded = decodeURIComponent(frag); } catch (e) { return false; }
    return Boolean(find(decoded)) || decoded.toLowerCase() === 'top';
  };
  const brokenLinks = Array.from(document.querySelectorAll('a[href^="#"]'))
    .map((a) => a.getAttribute('href'))
    .filter((href) => !resolves(href.slice(1)));
  return {
    title: document.title,
    brokenImages,
    brokenLinks: Array.from(new Set(brokenLinks)),
    tocLinks: document.querySelectorAll('a[href^="#"]').length,
    xss: typeof window.__xss !== 'undefined',
  };
}"""


@dataclass
class PageReport:
    """What :func:`check_page` saw on one page; every list is empty on a clean page.

    Attributes
    ----------
    url : str
        The ``file://`` URL that was opened.
    title : str
        ``document.title``.
    console_errors : list of str
        Console messages of type ``error`` (failed loads appear here too).
    page_errors : list of str
        Uncaught exceptions thrown by scripts on the page.
    external_requests : list of str
        Requests for anything other than ``file:`` or ``data:`` URLs (all were aborted).
    failed_requests : list of str
        ``"<url> (<reason>)"`` for every request that failed, external ones included.
    broken_images : list of str
        ``src`` (first 120 characters) of each image with ``naturalWidth == 0``.
    broken_links : list of str
        ``href`` of each in-page link (``a[href^="#"]``) whose target does not exist.
    dialogs : list of str
        ``"<type>: <message>"`` of each alert, confirm or prompt the page opened.
    xss : bool
        True when ``window.__xss`` was set or any dialog opened: injected markup ran.
    n_links : int
        How many in-page links were checked.
    body_text : str
        ``page.inner_text("body")``: the text as rendered, to assert hostile text shows literally.
    screenshot : pathlib.Path or None
        The full-page PNG, when one was asked for.
    """

    url: str
    title: str = ""
    console_errors: list = field(default_factory=list)
    page_errors: list = field(default_factory=list)
    external_requests: list = field(default_factory=list)
    failed_requests: list = field(default_factory=list)
    broken_images: list = field(default_factory=list)
    broken_links: list = field(default_factory=list)
    dialogs: list = field(default_factory=list)
    xss: bool = False
    n_links: int = 0
    body_text: str = ""
    screenshot: Path | None = None

    @property
    def problems(self):
        """list of str: one line per problem found, empty when the page is clean."""
        found = [
            f"{name.replace('_', ' ')[:-1]}: {item}"
            for name in (
                "console_errors",
                "page_errors",
                "external_requests",
                "failed_requests",
                "broken_images",
                "broken_links",
                "dialogs",
            )
            for item in getattr(self, name)
        ]
        if self.xss:
            found.append("xss: window.__xss was set or a dialog opened")
        return found


def chromium_path():
    """Return the path of Debian's chromium, or None when it is not installed."""
    found = shutil.which("chromium")
    if found is None and Path("/usr/bin/chromium").exists():
        found = "/usr/bin/chromium"
    return found


@contextmanager
def open_browser():
    """Launch headless Chromium for :func:`check_page`; close it (and Playwright) on exit.

    Yields
    ------
    playwright.sync_api.Browser
    """
    from playwright.sync_api import sync_playwright

    executable = chromium_path()
    if executable is None:
        raise FileNotFoundError("chromium is not installed (sudo apt-get install chromium)")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=executable, args=CHROMIUM_ARGS)
        try:
            yield browser
        finally:
            browser.close()


def check_page(path, *, screenshot=None, browser=None, timeout_ms=30_000):
    """Open a local HTML file in Chromium, offline, and report what went wrong on it.

    Parameters
    ----------
    path : str or os.PathLike
        The HTML file.
    screenshot : str or os.PathLike, optional
        Where to save a full-page PNG (parent folders are created); default none.
    browser : playwright.sync_api.Browser, optional
        A browser from :func:`open_browser` to reuse; default: launch one for this call.
    timeout_ms : int, default=30000
        How long loading the page may take.

    Returns
    -------
    PageReport
    """
    if browser is None:
        with open_browser() as own:
            return check_page(path, screenshot=screenshot, browser=own, timeout_ms=timeout_ms)
    url = Path(path).resolve().as_uri()
    report = PageReport(url=url)

    def on_dialog(dialog):
        report.dialogs.append(f"{dialog.type}: {dialog.message}")
        dialog.dismiss()

    def route(route_):
        if route_.request.url.startswith(("file:", "data:")):
            route_.continue_()
        else:
            route_.abort("blockedbyclient")

    context = browser.new_context(viewport=VIEWPORT, service_workers="block")
    try:
        page = context.new_page()
        page.on("console", lambda msg: msg.type == "error" and report.console_errors.append(f"{msg.text} ({msg.location.get('url', '')})"))
        page.on("pageerror", lambda exc: report.page_errors.append(str(exc)))
        page.on("request", lambda req: None if req.url.startswith(("file:", "data:")) else report.external_requests.append(req.url))
        page.on("requestfailed", lambda req: report.failed_requests.append(f"{req.url[:200]} ({req.failure})"))
        page.on("dialog", on_dialog)
        page.route("**/*", route)
        page.goto(url, wait_until="load", timeout=timeout_ms)
        seen = page.evaluate(_INSPECT)
        report.title = seen["title"]
        report.broken_images = seen["brokenImages"]
        report.broken_links = seen["brokenLinks"]
        report.n_links = seen["tocLinks"]
        report.xss = bool(seen["xss"] or report.dialogs)
        report.body_text = page.inner_text("body")
        if screenshot is not None:
            report.screenshot = Path(screenshot)
            report.screenshot.parent.mkdir(parents=True, exist_ok=True)
            page.screenshot(path=str(report.screenshot), full_page=True)
    finally:
        context.close()
    return report
