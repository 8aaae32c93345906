"""Glossary tooltips (docs/assets/javascripts/guide.js): made only when a word is used, by mouse
or touch; the definition is the glossary's, fetched from glossary.json on first use and not before,
and it goes away again."""
from __future__ import annotations

import json

from .conftest import PHONE, record_requests

TECHNIQUE = "techniques/stripping/"
DEFINITIONS = "assets/javascripts/glossary.json"  # overrides/hooks/glossary.py


def first_glossary_word(page, server, site):
    """The page's first glossary word, scrolled into view, and its definition from the glossary file;
    checks that neither the tooltip nor the definitions were loaded before they were needed."""
    requests = record_requests(page.context)
    page.goto(server.url + TECHNIQUE)
    page.wait_for_load_state("networkidle")
    assert page.locator("#guide-tooltip").count() == 0  # nothing is built before it is needed
    assert not [url for url in requests if url.endswith(DEFINITIONS)], "definitions fetched before use"
    word = page.locator("article abbr").first
    word.scroll_into_view_if_needed()
    assert word.get_attribute("title") is None  # the definition is not in the page
    definitions = json.loads((site / DEFINITIONS).read_text(encoding="utf-8"))
    return word, definitions[" ".join(word.text_content().split())]


def test_pointing_at_a_glossary_word_shows_its_definition(new_page, server, site):
    page = new_page()
    word, definition = first_glossary_word(page, server, site)
    word.hover()
    tip = page.locator("#guide-tooltip")
    tip.wait_for(state="visible")  # after the one fetch of the definitions
    assert tip.text_content() == definition
    assert word.get_attribute("aria-describedby") == "guide-tooltip"
    page.mouse.move(1, 1)
    assert not tip.is_visible()


def test_tapping_a_glossary_word_on_a_phone_shows_its_definition(new_page, server, site):
    page = new_page(viewport=PHONE, has_touch=True, is_mobile=True)
    word, definition = first_glossary_word(page, server, site)
    word.tap()
    tip = page.locator("#guide-tooltip")
    tip.wait_for(state="visible")
    assert tip.text_content() == definition
    box, width = tip.bounding_box(), page.evaluate("document.documentElement.clientWidth")
    assert box["x"] >= 0 and box["x"] + box["width"] <= width  # fits the screen
    page.keyboard.press("Escape")
    assert not tip.is_visible()
