"""Growth stays green: "adding a technique is adding one file" holds at ten techniques and four
muscles. Seven technique pages and one muscle page are made with the scaffold and filled, as a
contributor would; the strict build, the lint and axe-core (at desktop width in the light palette
and at phone width in the dark one) then pass on the new pages and on the pages whose navigation
they lengthen."""
from __future__ import annotations

import datetime
import re

import pytest
from axe_playwright_python.base import AXE_SCRIPT
from bs4 import BeautifulSoup

from conftest import copy_project, mkdocs_build
from postbuild.lint import lint_site
from postbuild.serve import SiteServer
from test_scaffold import FILLS, fill, scaffold

from .conftest import DESKTOP, PHONE, axe_violations, show_timer, start_axe
from .test_accessibility import report

TODAY = datetime.date(2026, 1, 5)
NEW_TECHNIQUES = [f"Test technique {word}" for word in
                  ("four", "five", "six", "seven", "eight", "nine", "ten")]
NEW_MUSCLE = "Test muscle four"
# The fourth and the tenth technique, the fourth muscle, pages whose navigation they lengthen, and the
# routine player, whose picker lists every technique and muscle.
CHECKED = ["techniques/test-technique-four/", "techniques/test-technique-ten/", "muscles/test-muscle-four/",
           "techniques/", "techniques/stripping/", "", "contributing/macros/", "routine/"]


_SENTENCE_END = re.compile(r"(?<=[a-z)])\.(?=\s|$)")


def in_own_words(text: str, word: str) -> str:
    """The page with each sentence of its body made its own (", page four." at its end), as a
    contributor writes each page in their own words: the same filled-in sentence on three pages or
    more fails the repeated-sentence rule."""
    match = re.match(r"^---\n.*?\n---\n", text, re.DOTALL)
    head, body = text[:match.end()], text[match.end():]
    lines = [line if line.lstrip().startswith(("#", "{{", "!!!", "???", "<")) or not line.strip()
             or f"page {word}." in line else _SENTENCE_END.sub(f", page {word}.", line) for line in body.split("\n")]
    return head + "\n".join(lines)


def scaffold_pages(root, techniques: list[str], muscle: str | None, template_in_own_words: bool = True) -> None:
    """Pages from the scaffold, each note filled with words of its own; with template_in_own_words,
    the template's fixed sentences reworded on each page too."""
    for kind, name in [*(("technique", n) for n in techniques), *([("muscle", muscle)] if muscle else [])]:
        word = name.split()[-1]
        fills = {note: _SENTENCE_END.sub(f", page {word}.", value) for note, value in FILLS[kind].items()}
        page = scaffold.scaffold(kind, name, root, TODAY)
        text = fill(page.read_text(encoding="utf-8"), fills)
        page.write_text(in_own_words(text, word) if template_in_own_words else text, encoding="utf-8")


@pytest.fixture(scope="module")
def grown_site(tmp_path_factory):
    root = copy_project(tmp_path_factory.mktemp("grown"))
    scaffold_pages(root, NEW_TECHNIQUES, NEW_MUSCLE)
    site = root / "site"
    result = mkdocs_build(root, site)
    assert result.returncode == 0, result.stdout + result.stderr
    return root, site


def test_three_pages_straight_from_the_scaffold_build(tmp_path):
    root = copy_project(tmp_path)
    scaffold_pages(root, NEW_TECHNIQUES[:3], None, template_in_own_words=False)
    result = mkdocs_build(root, tmp_path / "site")
    assert result.returncode == 0, "\n".join(line for line in (result.stdout + result.stderr).splitlines()
                                             if "also stands on" in line)


def test_the_grown_site_builds_and_passes_the_lint(grown_site):
    root, site = grown_site
    assert lint_site(site, root / "docs") == []
    overview = (site / "techniques/index.html").read_text(encoding="utf-8")
    assert all(name in overview for name in NEW_TECHNIQUES)


def test_each_new_technique_gets_a_timer_and_a_place_in_the_player(grown_site):
    """No list is edited: the scaffolded page brings its own hold timer, and the routine player
    offers the new techniques and muscle from the data."""
    root, site = grown_site
    player = BeautifulSoup((site / "routine/index.html").read_text(encoding="utf-8"), "html.parser")
    offered = {i["value"] for i in player.select(".routine-player__choice input")}
    timers = {box["data-technique"] for box in player.select(".routine-player__catalogue .hold-timer")}
    slugs = [name.lower().replace(" ", "-") for name in NEW_TECHNIQUES]
    assert set(slugs) <= offered & timers
    assert NEW_MUSCLE.lower().replace(" ", "-") in offered
    for slug in slugs:
        page = BeautifulSoup((site / f"techniques/{slug}/index.html").read_text(encoding="utf-8"), "html.parser")
        box = page.select_one("article .hold-timer[hidden]")
        assert box is not None and box["data-hold"], slug
        # Its inline loader adds the timer when the steps come near (the axe check below shows it).
        assert page.select_one('script[src$="hold-timer.js"]') is None, slug
        assert any("hold-timer.js" in tag.get_text() for tag in page.select("script:not([src])")), slug


@pytest.fixture(scope="module")
def grown_server(grown_site):
    with SiteServer(grown_site[1]) as running:
        yield running


@pytest.mark.parametrize("scheme, viewport", [("light", DESKTOP), ("dark", PHONE)], ids=["light-desktop", "dark-phone"])
def test_the_grown_site_has_no_axe_violations(browser, grown_server, scheme, viewport):
    context = browser.new_context(color_scheme=scheme, viewport=viewport)
    context.add_init_script(script=AXE_SCRIPT)
    page = context.new_page()
    failures = {}
    try:
        for path in CHECKED:
            page.goto(grown_server.url + path)
            show_timer(page)  # a new technique's timer loads and shows, then axe checks it too
            start_axe(page)
            violations = axe_violations(page)
            if violations:
                failures[path or "home"] = report(violations)
    finally:
        context.close()
    assert not failures, "\n".join(f"{path}:\n{text}" for path, text in failures.items())
