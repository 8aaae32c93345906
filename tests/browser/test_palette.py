"""The page paints in the reader's colours from the start: the palette script at the top of the
body (overrides/partials/javascripts/palette.html) sets them before Material's deferred bundle
runs. Each test blocks the bundle, so what it sees is what the first paint shows."""
from __future__ import annotations

import pytest

TECHNIQUE = "techniques/stripping/"
PALETTE = "form[data-md-component=palette]"


def scheme_without_bundle(page, url: str) -> str:
    page.route("**/assets/javascripts/bundle.*.min.js", lambda route: route.abort())
    page.goto(url)
    return page.evaluate("document.body.getAttribute('data-md-color-scheme')")


@pytest.mark.parametrize(("system", "expected"), [("light", "default"), ("dark", "slate")])
def test_a_first_visit_paints_in_the_system_colours(new_page, server, system, expected):
    page = new_page(color_scheme=system)
    assert scheme_without_bundle(page, server.url + TECHNIQUE) == expected, (
        f"a reader whose system is {system} would see the page paint in the other scheme first")


def test_a_saved_choice_wins_over_the_system_setting(new_page, server):
    page = new_page(color_scheme="dark")
    page.goto(server.url + TECHNIQUE)
    toggle = page.locator(f"{PALETTE} label:visible")
    assert toggle.get_attribute("title") == "Switch to light mode"  # the first visit follows the system
    toggle.click()
    page.wait_for_function("document.body.getAttribute('data-md-color-scheme') === 'default'")
    assert scheme_without_bundle(page, server.url + "muscles/piriformis/") == "default"


def test_the_root_takes_the_pages_scheme_without_materials_colour_scheme_tag(new_page, server):
    """overrides/hooks/palette.py leaves out the <meta name="color-scheme"> Material's bundle adds (each
    change of it restyled the whole page); the root, which colours the page's scroll bar, takes the
    body's scheme from the palette stylesheet instead, on a first visit and after the toggle."""
    page = new_page(color_scheme="dark")
    page.goto(server.url + TECHNIQUE)
    page.wait_for_function("document.querySelector('meta[name=theme-color]')?.content")  # the bundle has run
    root = "getComputedStyle(document.documentElement).colorScheme"
    assert page.evaluate(root) == "dark"
    assert page.locator("meta[name=color-scheme]").count() == 0
    page.locator(f"{PALETTE} label:visible").click()
    page.wait_for_function("document.body.getAttribute('data-md-color-scheme') === 'default'")
    assert page.evaluate(root) == "normal"
