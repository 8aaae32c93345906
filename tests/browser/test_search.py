"""Search, typed as a reader types it: a muscle, a technique, a tool and a warning sign each bring
up the right page first; search works on every page; a query with no results says so."""
from __future__ import annotations

import pytest

from .conftest import EVERY_PAGE, TOUR_QUERY, TOUR_QUERY_FINDS, page_id, search

QUERIES = {
    "piriformis": "muscles/piriformis/",  # a muscle
    "stripping": "techniques/stripping/",  # a technique
    "foam roller": "tools/",  # a tool
    "tennis ball": "tools/",
    "numbness around your genitals": "safety/contraindications/",  # warning signs
    "foot drop": "safety/contraindications/",
    "cauda equina": "safety/contraindications/",
}


@pytest.fixture(scope="module")
def search_page(browser, server):
    context = browser.new_context()
    page = context.new_page()
    page.goto(server.url + "techniques/")
    yield page
    context.close()


@pytest.mark.parametrize("query", QUERIES)
def test_the_right_page_comes_first(search_page, server, query):
    summary, links = search(search_page, query)
    assert links, f"{query!r}: {summary}"
    assert links[0] == server.url + QUERIES[query], f"{query!r}: first result {links[0]}, then {links[1:4]}"


def test_a_query_with_no_results_says_so(search_page):
    summary, links = search(search_page, "xylophone")
    assert summary == "No matching documents" and links == []


@pytest.mark.parametrize("path", EVERY_PAGE, ids=page_id)
def test_search_works_on_every_page(tour, server, path):
    summary, links = tour(path)["light"].search
    assert links and links[0] == server.url + TOUR_QUERY_FINDS, f"{TOUR_QUERY!r} on {path or 'home'}: {summary} {links[:3]}"
