"""Glossary tooltips (docs/assets/javascripts/guide.js): made only when a word is used, by mouse
or touch; the definition is the glossary's, and it goes away again."""
from __future__ import annotations

from .conftest import PHONE

TECHNIQUE = "techniques/stripping/"


def first_glossary_word(page, server):
    """The page's first glossary word, scrolled into view, and its definition."""
    page.goto(server.url + TECHNIQUE)
    assert page.locator("#guide-tooltip").count() == 0  # nothing is built before it is needed
    word = page.locator("article abbr").first
    word.scroll_into_view_if_needed()
    return word, word.get_attribute("title")


def test_pointing_at_a_glossary_word_shows_its_definition(new_page, server):
    page = new_page()
    word, definition = first_glossary_word(page, server)
    word.hover()
    tip = page.locator("#guide-tooltip")
    assert tip.is_visible() and tip.text_content() == definition
    assert word.get_attribute("aria-describedby") == "guide-tooltip"
    page.mouse.move(1, 1)
    assert not tip.is_visible()


def test_tapping_a_glossary_word_on_a_phone_shows_its_definition(new_page, server):
    page = new_page(viewport=PHONE, has_touch=True, is_mobile=True)
    word, definition = first_glossary_word(page, server)
    word.tap()
    tip = page.locator("#guide-tooltip")
    assert tip.is_visible() and tip.text_content() == definition
    box, width = tip.bounding_box(), page.evaluate("document.documentElement.clientWidth")
    assert box["x"] >= 0 and box["x"] + box["width"] <= width  # fits the screen
    page.keyboard.press("Escape")
    assert not tip.is_visible()
