"""Keyboard use: a skip link first, a visible focus indicator on everything reached by Tab, and a
search dialog that opens, works and closes from the keyboard. Care cards say their urgency in words."""
from __future__ import annotations

import yaml

from conftest import ROOT

from .conftest import PHONE, wait_for_results

TECHNIQUE = "techniques/stripping/"


def focused(page) -> dict:
    """The focused element: its text, whether it is on screen, and whether its focus is drawn. Focus
    counts as drawn by an outline or box shadow on the element or, for Material's visually hidden
    radio buttons, on their label; the search box shows focus by opening the search dialog."""
    return page.evaluate("""() => {
        const el = document.activeElement, box = el.getBoundingClientRect();
        const ring = node => { if (!node) return false; const s = getComputedStyle(node);
            return (s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) > 0) || s.boxShadow !== 'none'; };
        const next = el.nextElementSibling;  // Material's palette radios: the label after each is the toggle
        const label = el.id ? document.querySelector(`label[for="${el.id}"]`) : null;
        return {tag: el.tagName, text: (el.innerText || el.getAttribute('aria-label') || el.title || '').trim(),
                href: el.getAttribute('href'), onScreen: box.width > 1 && box.height > 1 && box.bottom > 0
                && box.right > 0 && box.top < innerHeight && box.left < innerWidth,
                drawn: ring(el) || ring(label) || (el.matches('input') && next && next.matches('label') && ring(next))
                       || (el.matches('.md-search__input') && document.getElementById('__search').checked)};
    }""")


def test_the_first_tab_reaches_a_visible_skip_link_that_skips(new_page, server):
    page = new_page()
    page.goto(server.url + TECHNIQUE)
    page.keyboard.press("Tab")
    skip = focused(page)
    assert skip["text"] == "Skip to content" and skip["onScreen"] and skip["drawn"], skip
    page.keyboard.press("Enter")
    assert page.url.endswith(skip["href"]) and skip["href"].startswith("#")
    heading = page.locator(skip["href"])
    assert heading.is_visible() and heading.bounding_box()["y"] < 200, "the skip link did not move to the content"


def test_every_element_reached_by_tab_shows_focus(new_page, server):
    page = new_page()
    page.goto(server.url + TECHNIQUE)
    seen, unmarked = 0, []
    for _ in range(32):  # header, navigation and the start of the page
        page.keyboard.press("Tab")
        element = focused(page)
        if element["tag"] == "BODY":
            continue
        if not element["drawn"] and element["text"] == "Search":  # the dialog opens a moment after focus
            page.wait_for_function("() => document.getElementById('__search').checked", timeout=5000)
            element = focused(page)
        seen += 1
        if not element["drawn"]:
            unmarked.append(element)
    assert seen >= 25, f"only {seen} elements took focus"
    assert not unmarked, f"focused with no visible focus indicator: {unmarked[:5]}"


def test_the_search_dialog_opens_works_and_closes_by_keyboard(new_page, server):
    page = new_page()
    page.goto(server.url + TECHNIQUE)
    for _ in range(10):  # Tab from the top of the page reaches the search box in the header
        page.keyboard.press("Tab")
        if page.evaluate("() => document.activeElement.matches('.md-search__input')"):
            break
    else:
        raise AssertionError("Tab never reached the search box")
    page.keyboard.type("piriformis")
    results = page.locator(".md-search-result__item")
    wait_for_results(page, "piriformis")  # not a prefix's results, which the next ones replace
    assert page.locator(".md-search[role=dialog]").get_attribute("aria-label") == "Search"
    page.keyboard.press("ArrowDown")  # into the results
    assert page.evaluate("() => document.activeElement.closest('.md-search-result') !== null")
    page.keyboard.press("Escape")
    page.wait_for_function("() => !document.getElementById('__search').checked")
    assert not results.first.is_visible()


def test_the_search_dialog_opens_and_closes_by_keyboard_on_a_phone(new_page, server):
    page = new_page(viewport=PHONE)
    page.goto(server.url + TECHNIQUE)
    page.keyboard.press("/")  # Material's shortcut; the header search button is not a tab stop on phones
    page.wait_for_function("() => document.getElementById('__search').checked")
    assert page.evaluate("() => document.activeElement.matches('.md-search__input')")
    page.keyboard.type("piriformis")
    page.locator(".md-search-result__item").first.wait_for()
    page.keyboard.press("Escape")
    # Closed: the unchecked toggle, and the page, not the dialog, under the middle of the screen.
    page.wait_for_function("() => !document.getElementById('__search').checked"
                           " && !document.elementFromPoint(innerWidth / 2, innerHeight / 2).closest('.md-search')")


def test_care_cards_say_their_urgency_in_words(new_page, server):
    tiers = yaml.safe_load((ROOT / "data" / "safety.yml").read_text(encoding="utf-8"))["care_tiers"]
    page = new_page()
    page.goto(server.url + "safety/contraindications/")
    for tier, card in tiers.items():
        spoken = page.locator(f".admonition.care-{tier}").first.aria_snapshot()
        assert card["label"] in spoken, f"{tier}: screen readers hear {spoken[:200]!r}"
