"""JupyterLab in a real browser: open a report notebook, run all its cells through the UI, check what shows.

JupyterLab is started on a free loopback port with a token, on a temporary folder holding copies of
the notebooks, and reads the suite's built tables (``NEWS_TONE_WORKDIR``). Playwright drives
Debian's chromium (no browser is downloaded). The server is shut down even when a test fails.
"""

import json
import os
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

from browser import CHROMIUM_ARGS, NEEDS_CHROMIUM, VIEWPORT, chromium_path
from helpers import paths

pytestmark = NEEDS_CHROMIUM

SCREENSHOTS = Path(__file__).resolve().parents[1] / "test-artifacts" / "screenshots"
KERNEL = "Python (news-tone)"
FIGURES = {"article_report": 4, "corpus_report": 2}
SETTINGS = {
    "@jupyterlab/notebook-extension/tracker": {"windowingMode": "none"},
    "@jupyterlab/apputils-extension/notification": {"fetchNews": "false", "checkForUpdates": False},
}


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Lab:
    def __init__(self, folder: Path, workdir: Path):
        self.port, self.token = _free_port(), secrets.token_hex(16)
        self.base = f"http://127.0.0.1:{self.port}"
        command = [
            sys.executable,
            "-m",
            "jupyterlab",
            "--no-browser",
            f"--ServerApp.port={self.port}",
            "--ServerApp.port_retries=0",
            "--ServerApp.ip=127.0.0.1",
            f"--IdentityProvider.token={self.token}",
            f"--ServerApp.root_dir={folder}",
            "--LabApp.news_url=None",
            "--LabApp.check_for_updates_class=jupyterlab.NeverCheckForUpdate",
        ]
        if os.geteuid() == 0:
            command.append("--allow-root")
        self.log = open(folder.parent / "lab.log", "w")
        # Every cell in the page (no windowing: the test reads each cell's prompt), no news toast.
        settings = folder.parent / "settings"
        for plugin, values in SETTINGS.items():
            (settings / plugin).parent.mkdir(parents=True, exist_ok=True)
            (settings / f"{plugin}.jupyterlab-settings").write_text(json.dumps(values))
        env = dict(
            os.environ,
            NEWS_TONE_WORKDIR=str(workdir),
            JUPYTER_CONFIG_DIR=str(folder.parent / "config"),
            JUPYTERLAB_SETTINGS_DIR=str(settings),
        )
        env.pop("MPLBACKEND", None)
        self.process = subprocess.Popen(command, stdout=self.log, stderr=subprocess.STDOUT, env=env, start_new_session=True)

    def api(self, path: str):
        with urllib.request.urlopen(f"{self.base}/api/{path}?token={self.token}", timeout=10) as r:
            return json.load(r)

    def wait_ready(self, timeout: float = 60) -> None:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"JupyterLab exited: {Path(self.log.name).read_text()[-2000:]}")
            try:
                self.api("status")
                return
            except OSError:
                time.sleep(0.3)
        raise TimeoutError(f"JupyterLab did not answer in {timeout} s")

    def shutdown(self) -> None:
        if self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGTERM)
            try:
                self.process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                os.killpg(self.process.pid, signal.SIGKILL)
                self.process.wait()
        self.log.close()


@pytest.fixture(scope="module")
def lab(built, tmp_path_factory):
    root = tmp_path_factory.mktemp("lab")
    folder = root / "notebooks"
    folder.mkdir()
    for name in FIGURES:
        shutil.copy(paths.NOTEBOOKS / f"{name}.ipynb", folder)
    server = Lab(folder, built.path)
    try:
        server.wait_ready()
        yield server
    finally:
        server.shutdown()


@pytest.fixture(scope="module")
def browser(lab):
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=chromium_path(), args=CHROMIUM_ARGS)
        try:
            yield browser
        finally:
            browser.close()


@pytest.fixture
def page(browser):
    context = browser.new_context(viewport=VIEWPORT)
    try:
        yield context.new_page()
    finally:
        context.close()


def _run_all_through_the_ui(page, lab, notebook: str) -> None:
    page.goto(f"{lab.base}/lab/tree/{notebook}.ipynb?reset&token={lab.token}")  # a fresh workspace
    page.wait_for_selector(".jp-NotebookPanel .jp-Cell", timeout=60_000)
    # The kernel named by the notebook, started and idle (the status bar reads "Python (news-tone) | Idle").
    page.wait_for_function(
        "(kernel) => Array.from(document.querySelectorAll('.jp-StatusBar-Widget')).some((w) => w.textContent.includes(kernel + ' | Idle'))",
        arg=KERNEL,
        timeout=60_000,
    )
    page.locator(".lm-MenuBar-itemLabel", has_text="Run").first.click()
    page.locator(".lm-Menu-itemLabel", has_text="Run All Cells").first.click()
    # Every code cell has run: numbered prompts, none pending, the kernel idle again.
    page.wait_for_function(
        """() => {
          const prompts = Array.from(document.querySelectorAll(
            '.jp-NotebookPanel:not(.lm-mod-hidden) .jp-CodeCell .jp-InputPrompt')).map((p) => p.textContent);
          const ind = document.querySelector('.jp-NotebookPanel:not(.lm-mod-hidden) .jp-Notebook-ExecutionIndicator');
          return prompts.length > 0 && prompts.every((t) => /\\[\\d+\\]/.test(t))
            && ind && ind.getAttribute('data-status') === 'idle';
        }""",
        timeout=90_000,
    )


@pytest.mark.parametrize("notebook", list(FIGURES))
def test_notebook_runs_in_jupyterlab(page, lab, notebook):
    """Run All in JupyterLab: no cell shows an error, the figures render as images, the kernel is ours."""
    _run_all_through_the_ui(page, lab, notebook)
    panel = page.locator(".jp-NotebookPanel:not(.lm-mod-hidden)")
    images = panel.locator(".jp-OutputArea-output img")
    if images.count():
        images.first.scroll_into_view_if_needed()
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / f"jupyterlab_{notebook}.png"))
    assert panel.locator(".jp-KernelName").first.inner_text().strip() == KERNEL
    errors = panel.locator(".jp-OutputArea-output[data-mime-type='application/vnd.jupyter.stderr']")
    tracebacks = [t for t in errors.all_inner_texts() if "Traceback" in t or "Error" in t]
    assert tracebacks == []
    rendered = page.evaluate("(imgs) => imgs.filter((i) => i.complete && i.naturalWidth > 0).length", images.element_handles())
    assert rendered >= FIGURES[notebook]
    sessions = lab.api("sessions")
    assert {s["kernel"]["name"] for s in sessions if s["path"].endswith(f"{notebook}.ipynb")} == {"news-tone"}
