"""Shared helpers for the Playwright browser tests: launching the system Chromium, phone-sized pages,
axe-core checks and screenshots. A plain module (not a conftest): import what you use.

The browser is Debian's Chromium at /usr/bin/chromium (Playwright's own downloads are never used).
Without it the tests skip, except under CI (CI=true), where a missing browser is a failure.

Chromium is launched once for a run of browser tests one after the other, not once per test (the root
conftest sets them one after the other and stops it when the next test is not one); each test gets fresh
contexts (`phone_page`), closed after it.
"""

import os
import re
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlsplit

import pytest

CHROMIUM = Path("/usr/bin/chromium")
LAUNCH_ARGS = [
    "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
    "--disable-component-update", "--disable-sync",
]
PHONE = {"width": 390, "height": 844}
TIMEOUT_MS = 10_000
BLOCKING_IMPACTS = ("serious", "critical")
ASSET_TYPES = {"stylesheet", "script", "image", "font"}
# Set to a folder (e.g. /tmp/shots) to save phone-size screenshots of the pages a test names.
SHOTS_ENV = "INTEGRHABITAT_SHOTS"


def require_chromium() -> None:
    """Skip when the system Chromium is missing; under CI that is a failure, not a skip."""
    if CHROMIUM.exists():
        return
    reason = (f"{CHROMIUM} not found: browser tests need Debian's `chromium` package "
              "(apt-get install chromium); Playwright's own browser downloads are not used")
    if os.environ.get("CI") == "true":
        pytest.fail(f"CI=true and {reason}", pytrace=False)
    pytest.skip(reason)


class _Chromium:
    """The Chromium of this test process, kept between browser tests that follow one another.

    Playwright's sync API keeps an asyncio loop running in this thread from `start()` to `stop()`, and
    Django refuses ORM calls in a thread with a running loop unless DJANGO_ALLOW_ASYNC_UNSAFE is set: it is
    set for exactly that time, in this process only (each pytest-xdist worker has its own Chromium), since
    the tests' bodies, their fixtures and the live server's database flush all run while the loop does.
    While that loop runs, Django keeps this thread's connections in a separate (context-local) slot that
    pytest-django never closes: they are closed on stopping, while the loop still runs, or PostgreSQL could
    not drop the test database at the end ("being accessed by other users").
    """

    def __init__(self):
        self.playwright = self.chromium = None
        self.unsafe_before: str | None = None

    def get(self):
        if self.chromium is None:
            from playwright.sync_api import sync_playwright

            self.unsafe_before = os.environ.get(ASYNC_UNSAFE)
            os.environ[ASYNC_UNSAFE] = "true"
            self.playwright = sync_playwright().start()
            try:
                self.chromium = self.playwright.chromium.launch(executable_path=str(CHROMIUM), args=LAUNCH_ARGS)
            except BaseException:
                self.stop()
                raise
        return self.chromium

    def stop(self) -> None:
        if self.playwright is None:
            return
        from django.db import connections

        playwright, chromium, self.playwright, self.chromium = self.playwright, self.chromium, None, None
        try:
            if chromium is not None:
                chromium.close()
        finally:
            connections.close_all()  # while the loop still runs: the tests' connections
            playwright.stop()
            if self.unsafe_before is None:
                os.environ.pop(ASYNC_UNSAFE, None)
            else:
                os.environ[ASYNC_UNSAFE] = self.unsafe_before


ASYNC_UNSAFE = "DJANGO_ALLOW_ASYNC_UNSAFE"
CHROMIUM_OF_THIS_PROCESS = _Chromium()


def stop_chromium() -> None:
    """Stop this process's Chromium, if running, and Playwright's loop with it (root conftest, between tests)."""
    CHROMIUM_OF_THIS_PROCESS.stop()


@pytest.fixture
def browser(live_server) -> Iterator:
    """A headless Chromium for one test, started after (and so stopped before) the live server's database.

    The same Chromium serves the browser tests that follow (see `_Chromium`); the contexts a test opened
    are closed after it, so that no cookie or page of one test is seen by the next.
    """
    require_chromium()
    _reload_middleware(live_server)
    chromium = CHROMIUM_OF_THIS_PROCESS.get()
    yield chromium
    if CHROMIUM_OF_THIS_PROCESS.chromium is chromium:  # not stopped already: the next test is a browser test
        for context in list(chromium.contexts):
            context.close()


def _reload_middleware(live_server) -> None:
    """Rebuild the live server's middleware chain under this test's settings.

    The session-wide live server builds its middleware once, when the first browser test starts it,
    before function fixtures such as conftest's `_fast_tests` (SECURE_SSL_REDIRECT=False) apply, so
    SecurityMiddleware would keep redirecting every http:// request of the test server to https://.
    Each handler of the chain StaticFilesHandler(_MediaFilesHandler(WSGIHandler())) keeps its own
    middleware (with MEDIA_URL unset, _MediaFilesHandler answers every request through its own).
    """
    app = live_server.thread.httpd.get_app()
    while app is not None:
        app.load_middleware()  # a no-op for StaticFilesHandler
        app = getattr(app, "application", None)


def phone_page(browser, *, javascript: bool = True, locale: str = "es-CO"):
    """A new page the size of a phone, in a fresh context (no cookies), asking for Spanish.

    `page_problems(page)` then lists the stylesheets, scripts, images and fonts that failed to load,
    what the Content-Security-Policy blocked and the JavaScript errors, on every page it showed.
    """
    context = browser.new_context(viewport=PHONE, is_mobile=True, has_touch=True, locale=locale,
                                  java_script_enabled=javascript)
    context.set_default_timeout(TIMEOUT_MS)
    page = context.new_page()
    page.problems = {}  # what went wrong → the pages (paths) where it did

    def note(problem: str) -> None:
        page.problems.setdefault(problem, []).append(urlsplit(page.url).path)

    def on_response(response):
        if response.request.resource_type in ASSET_TYPES and response.status >= 400:
            note(f"asset not loaded: HTTP {response.status} {urlsplit(response.url).path}")

    def on_failed(request):
        if request.resource_type in ASSET_TYPES and request.failure != "net::ERR_ABORTED":
            note(f"asset not loaded: {request.failure} {urlsplit(request.url).path}")

    def on_console(message):
        if message.type == "error" and "Content Security Policy" in message.text:
            note(f"blocked by the Content-Security-Policy: {message.text}")

    page.on("response", on_response)
    page.on("requestfailed", on_failed)
    page.on("console", on_console)
    page.on("pageerror", lambda error: note(f"JavaScript error: {error}"))
    return page


def either(*texts: str) -> re.Pattern:
    """An accessible name equal to one of `texts` (Spanish or English), with or without a final colon."""
    alternatives = "|".join(re.escape(text) for text in texts)
    return re.compile(rf"^\s*(?:{alternatives}):?\s*$", re.IGNORECASE)


def page_problems(page) -> list[str]:
    """One line per distinct problem seen on the pages `page` showed (see `phone_page`)."""
    return [f"{problem} (on {len(pages)} page(s), first {pages[0]})" for problem, pages in page.problems.items()]


def axe_violations(page, label: str) -> list[str]:
    """Run axe-core on the page; print every violation, return the serious and critical ones, readably."""
    from axe_playwright_python.sync_playwright import Axe

    results = Axe().run(page)
    blocking = []
    for violation in results.response["violations"]:
        lines = [f"[{label}] {violation['id']} ({violation['impact']}): {violation['help']} — "
                 f"{len(violation['nodes'])} node(s) — {violation['helpUrl']}"]
        for node in violation["nodes"][:5]:
            summary = (node.get("failureSummary") or "").replace("\n", " ")
            lines.append(f"    {', '.join(map(str, node['target']))}: {node['html'][:160]}")
            if summary:
                lines.append(f"      {summary[:300]}")
        text = "\n".join(lines)
        print(text)
        if violation["impact"] in BLOCKING_IMPACTS:
            blocking.append(f"axe-core, {violation['impact']}:\n{text}")
    return blocking


def phone_layout_problems(page, label: str) -> list[str]:
    """The page must fit the phone's width: no sideways scrolling."""
    width = page.evaluate("document.documentElement.scrollWidth")
    if width > PHONE["width"]:
        return [f"[{label}] the page is {width}px wide on a {PHONE['width']}px phone: it scrolls sideways"]
    return []


def screenshot(page, name: str) -> None:
    """Save a full-page screenshot under $INTEGRHABITAT_SHOTS, when set."""
    folder = os.environ.get(SHOTS_ENV)
    if not folder:
        return
    Path(folder).mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(Path(folder) / f"{name}.png"), full_page=True)
