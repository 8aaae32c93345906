"""Printing a technique page: the site's header, navigation, search and footer are left out; the
safety boxes (care card and stop rules) and the steps are kept."""
from __future__ import annotations

import pytest

CHROME = [".md-header", ".md-sidebar--primary", ".md-sidebar--secondary", ".md-footer", ".md-search", ".md-top"]
KEPT = [".admonition.stop-rules", ".admonition.care-immediate", ".admonition.key-points", "#steps", "article h1"]


@pytest.fixture(scope="module")
def printed(browser, server):
    context = browser.new_context()
    page = context.new_page()
    page.goto(server.url + "techniques/stripping/")
    page.emulate_media(media="print")
    yield page
    context.close()


@pytest.mark.parametrize("selector", CHROME)
def test_site_chrome_is_hidden_in_print(printed, selector):
    element = printed.locator(selector).first
    assert element.count() and not element.is_visible(), f"{selector} is printed"


@pytest.mark.parametrize("selector", KEPT)
def test_safety_boxes_and_steps_are_printed(printed, selector):
    element = printed.locator(selector).first
    assert element.is_visible(), f"{selector} is not printed"
    assert element.bounding_box()["height"] > 10


def test_the_printout_is_a_real_pdf_with_the_stop_rules(printed):
    pdf = printed.pdf(format="A4")
    assert pdf.startswith(b"%PDF") and len(pdf) > 10_000
