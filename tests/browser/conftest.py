"""One Chromium per test session, driven by Playwright, on the session's built site served on
loopback under its site_url path (postbuild/serve.py). The browser is the system one (CHROME_PATH,
or the usual install locations); Playwright never downloads one. Without a browser the suite is
skipped, except in CI (CI=true), where that is a failure.

The `tour` loads every page once in each palette, light at desktop width and dark at phone width,
and records what several test files check: the network requests, axe-core's violations, the page
width and a search. Loading each page once, in two tabs that work in step, keeps `make test` quick
on two cores. The pages fall in TOUR_PARTS parts; the tests of one part run on one pytest-xdist
worker (they are marked xdist_group), so under `make test` each worker tours its own part."""
from __future__ import annotations

import os
from collections.abc import Iterator
from dataclasses import dataclass, field

import pytest
from axe_playwright_python.base import AXE_SCRIPT
from playwright.sync_api import Browser, BrowserContext, Page, sync_playwright
from playwright.sync_api import TimeoutError as PlaywrightTimeoutError

from conftest import ROOT
from postbuild.chromium import FLAGS, LOOPBACK_ONLY, ChromiumPathError, find_chromium, not_found_message
from postbuild.lint import page_url
from postbuild.serve import SiteServer

DESKTOP = {"width": 1280, "height": 800}
PHONE = {"width": 320, "height": 640}
MISSING_PAGE = "no-such-page/"  # served with the site's 404.html, as GitHub Pages does
# Every page's path under the site root ('' is the home page), and a missing page.
EVERY_PAGE = [page_url(src.relative_to(ROOT / "docs").as_posix()) for src in sorted((ROOT / "docs").rglob("*.md"))]
EVERY_PAGE.append(MISSING_PAGE)
TOUR_PARTS = 2  # one per pytest-xdist worker of `make test`


def tour_part(path: str) -> int:
    """Which part of the tour visits the page: the pages are dealt out in turn."""
    return EVERY_PAGE.index(path) % TOUR_PARTS


def pytest_collection_modifyitems(items):
    """Each test that reads the tour joins its page's part (tour("") for a test without a path)."""
    for item in items:
        if "tour" in getattr(item, "fixturenames", ()):
            path = item.callspec.params.get("path", "") if hasattr(item, "callspec") else ""
            item.add_marker(pytest.mark.xdist_group(f"tour part {tour_part(path)}"))
# The tags the issue names, plus target-size (WCAG 2.2 AA, which axe leaves off by default).
AXE_OPTIONS = {
    "runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"]},
    "rules": {"target-size": {"enabled": True}},
    "resultTypes": ["violations"],
}
TOUR_QUERY, TOUR_QUERY_FINDS = "piriformis", "muscles/piriformis/"
# The article's blocks that the browser draws only when they near the screen (guide.css), and their
# names as tag.class.
DEFERRED = """() => [...document.querySelectorAll('article *')]
    .filter(block => getComputedStyle(block).contentVisibility === 'auto')"""
DEFERRED_BLOCKS = f"() => ({DEFERRED})().map(block => `${{block.tagName.toLowerCase()}}.${{block.className}}`)"
DRAW_ALL = f"() => ({DEFERRED})().forEach(block => block.style.contentVisibility = 'visible')"
# Records each Content Security Policy violation in the page (added before any page script runs).
CSP_RECORDER = """window.__csp = [];
document.addEventListener('securitypolicyviolation', e =>
    window.__csp.push(`${e.violatedDirective} blocked ${e.blockedURI || 'inline'}: ${e.sample}`));"""


@pytest.fixture(scope="session")
def browser() -> Iterator[Browser]:
    try:
        executable = find_chromium()
    except ChromiumPathError as error:
        pytest.fail(str(error))
    if executable is None:
        if os.environ.get("CI", "").lower() == "true":
            pytest.fail(not_found_message())
        pytest.skip(not_found_message())
    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=executable, args=[*FLAGS, LOOPBACK_ONLY])
        yield launched
        launched.close()


@pytest.fixture(scope="session")
def server(site) -> Iterator[SiteServer]:
    with SiteServer(site) as running:
        yield running



@pytest.fixture
def new_page(browser, server) -> Iterator:
    """Open a page in a fresh context: new_page(color_scheme=..., viewport=...); closed after the test.
    Its pages register no service worker unless asked (service_workers="allow"): each fresh context
    would save the whole guide, and stop mid-way when the test ends (tests/browser/test_offline.py)."""
    contexts: list[BrowserContext] = []

    def open_page(color_scheme: str = "light", viewport: dict = DESKTOP, service_workers: str = "block",
                  **options) -> Page:
        context = browser.new_context(color_scheme=color_scheme, viewport=viewport,
                                      service_workers=service_workers, **options)
        contexts.append(context)
        return context.new_page()

    yield open_page
    for context in contexts:
        context.close()


def record_requests(context: BrowserContext) -> list[str]:
    """Every URL the context's pages and workers ask for, in order, from now on."""
    urls: list[str] = []
    context.on("request", lambda request: urls.append(request.url))
    return urls


def third_party(urls: list[str], server: SiteServer) -> list[str]:
    return [url for url in urls if not (url.startswith(server.origin + "/") or url.startswith("data:"))]


# Every animation that ends, ended: the header's fade, for one, which runs as the page scrolls, and
# which axe would catch half-way (white text at part opacity over the header's blue reads as too
# little contrast). No timer of the page's own, so it works under Playwright's clock too.
SETTLED = """() => Promise.allSettled(document.getAnimations()
  .filter(a => a.effect.getTiming().iterations !== Infinity).map(a => a.finished))"""


def show_timer(page: Page) -> None:
    """A technique page's hold timer as a reader gets it: it loads when the numbered steps come near
    the screen (overrides/main.html), so scroll there and wait until it shows, and until the header's
    fade that the scroll started has ended. Does nothing on other pages (the routine page loads its
    player and timers at once)."""
    if page.evaluate("() => !document.querySelector('article .hold-timer') || !!document.querySelector('.routine-player')"):
        return
    page.evaluate("() => document.getElementById('steps').nextElementSibling.scrollIntoView()")
    page.locator("article .hold-timer:not([hidden])").first.wait_for()
    page.wait_for_timeout(100)  # real time, for a fade the scroll has just caused to begin
    page.evaluate(SETTLED)


def start_axe(page: Page, options: dict = AXE_OPTIONS) -> None:
    """Start axe-core in the page without waiting, so two pages can check at once on two cores.
    Blocks the browser draws only near the screen are drawn first, as each is when a reader scrolls
    to it: axe reads a block not yet drawn at a stale place and size (on the macros reference it
    found a link 2 px from its neighbours, and text on the header's colour)."""
    page.evaluate(DRAW_ALL)
    page.evaluate("options => { window.__axe = axe.run(document, options); }", options)


def axe_violations(page: Page) -> list[dict]:
    return page.evaluate("() => window.__axe.then(results => results.violations)")


def search(page: Page, query: str, timeout: float = 30_000) -> tuple[str, list[str]]:
    """Type a query into Material's search box; return its summary line and the result links."""
    box = page.locator(".md-search__input")
    meta = page.locator(".md-search-result__meta")
    box.focus()
    box.press("Control+a")
    box.press("Backspace")  # and wait until the last query's results are gone
    page.wait_for_function("el => !el.textContent.includes('matching')", arg=meta.element_handle(), timeout=timeout)
    page.keyboard.type(query)
    wait_for_results(page, query, timeout)
    links = page.locator(".md-search-result__item > .md-search-result__link")
    return meta.inner_text().strip(), [href.split("?", 1)[0].split("#", 1)[0]
                                      for href in links.evaluate_all("links => links.map(a => a.href)")]


def wait_for_results(page: Page, query: str, timeout: float = 30_000) -> None:
    """Wait until the search shows the results of the whole query just typed. Results for a prefix
    typed on the way may show first, and are then replaced: wait for those of the whole last word,
    which Material's highlight parameter (?h=) carries in each result link."""
    page.wait_for_function("""([el, word]) => el.textContent.includes('No matching') || (el.textContent.includes('matching')
        && [...document.querySelectorAll('.md-search-result__link')].some(a =>
               new URL(a.href).searchParams.get('h')?.split(' ').includes(word)))""",
                           arg=[page.locator(".md-search-result__meta").element_handle(), query.split()[-1].lower()],
                           timeout=timeout)


def page_id(path: str) -> str:
    return path.strip("/") or "home"


def horizontal_overflow(page: Page) -> int:
    """How many CSS pixels the page is wider than the window (0 when nothing scrolls sideways)."""
    return page.evaluate("() => document.documentElement.scrollWidth - document.documentElement.clientWidth")


@dataclass
class Visit:
    """What one page showed in one palette."""
    requests: list[str] = field(default_factory=list)
    violations: list[dict] = field(default_factory=list)
    overflow: int | None = None  # at phone width (dark palette only)
    search: tuple[str, list[str]] | None = None  # TOUR_QUERY typed in (light palette only)
    csp: list[str] = field(default_factory=list)  # CSP violations, after axe (and the search, in light)
    deferred: list[str] = field(default_factory=list)  # content-visibility: auto blocks (light palette only)


@pytest.fixture(scope="session")
def tour(browser, server) -> Iterator:
    """tour(path) -> {"light": Visit, "dark": Visit} for each path in EVERY_PAGE, with a technique
    page's hold timer loaded (show_timer), as a reader who scrolls to it sees it; the first call for a
    page visits every page of its part. The two tabs work in step, so that one tab's checks run while
    the other loads: axe runs in the dark tab while the light tab searches and loads the next page."""
    light_context = browser.new_context(color_scheme="light", viewport=DESKTOP)
    dark_context = browser.new_context(color_scheme="dark", viewport=PHONE)
    for context in (light_context, dark_context):
        context.add_init_script(script=AXE_SCRIPT)
        context.add_init_script(script=CSP_RECORDER)
    light, dark = light_context.new_page(), dark_context.new_page()
    light_requests, dark_requests = record_requests(light_context), record_requests(dark_context)
    done: dict[str, dict[str, Visit]] = {}

    def finish_dark(path: str, first_request: int) -> None:
        done[path]["dark"].violations = axe_violations(dark)
        dark.wait_for_load_state("networkidle")
        done[path]["dark"].csp = dark.evaluate("window.__csp")
        done[path]["dark"].requests = dark_requests[first_request:]

    def visit_all(paths: list[str]) -> None:
        pending = None  # the dark tab's page whose axe run is still going
        for path in paths:
            visits = done[path] = {"light": Visit(), "dark": Visit()}
            light_start = len(light_requests)
            light.goto(server.url + path)
            show_timer(light)
            visits["light"].deferred = light.evaluate(DEFERRED_BLOCKS)  # before axe draws them all
            start_axe(light)
            if pending:
                finish_dark(*pending)
            dark_start = len(dark_requests)
            dark.goto(server.url + path)
            show_timer(dark)
            visits["dark"].overflow = horizontal_overflow(dark)
            start_axe(dark)
            pending = (path, dark_start)
            visits["light"].violations = axe_violations(light)
            try:  # a search that fails on one page fails that page's test, not the whole tour
                visits["light"].search = search(light, TOUR_QUERY, timeout=10_000)
            except PlaywrightTimeoutError:
                visits["light"].search = ("no results within 10 s", [])
            light.wait_for_load_state("networkidle")
            visits["light"].requests = light_requests[light_start:]
            visits["light"].csp = light.evaluate("window.__csp")
        finish_dark(*pending)

    broken: dict[int, Exception] = {}  # a part that failed fails every test that reads it, with its error

    def visit(path: str) -> dict[str, Visit]:
        part = tour_part(path)
        if part in broken:
            raise broken[part]
        if path not in done:
            try:
                visit_all([page for page in EVERY_PAGE if tour_part(page) == part])
            except Exception as error:
                broken[part] = error
                raise
        return done[path]

    yield visit
    light_context.close()
    dark_context.close()
