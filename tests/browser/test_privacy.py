"""Loading a page asks nothing of any host but the site's own: no web fonts, analytics or CDN
scripts. Every request of every page (and of its search worker) is recorded in the browser."""
from __future__ import annotations

import pytest

from .conftest import EVERY_PAGE, page_id, record_requests, third_party


@pytest.mark.parametrize("path", EVERY_PAGE, ids=page_id)
def test_no_third_party_requests(tour, server, path):
    for scheme, visit in tour(path).items():
        assert visit.requests, f"{scheme}: no request recorded, so the check would prove nothing"
        assert not third_party(visit.requests, server), f"{scheme}: {third_party(visit.requests, server)}"


def test_the_search_index_is_loaded_and_recorded(tour, server):
    """Material's search worker fetches the index on load; the recorder must see workers too."""
    assert any(url.endswith("/search/search_index.json") for url in tour("")["light"].requests)


def test_the_recorder_catches_a_web_font_a_tracker_and_a_cdn_script(new_page, server):
    page = new_page()
    requests = record_requests(page.context)
    url = server.url + "techniques/stripping/"
    html = page.request.get(url).text().replace("</head>", (
        '<link rel="stylesheet" href="https://fonts.googleapis.com/css?family=Roboto">'
        '<script src="https://cdn.jsdelivr.net/npm/some-lib/dist/lib.min.js"></script>'
        '</head>'), 1).replace("</body>", '<img src="https://www.google-analytics.com/collect?v=1" alt=""></body>', 1)
    page.route(url, lambda route: route.fulfill(body=html, content_type="text/html"))
    page.goto(url)
    page.wait_for_load_state("networkidle")
    hosts = {request.split("/")[2] for request in third_party(requests, server)}
    assert hosts == {"fonts.googleapis.com", "cdn.jsdelivr.net", "www.google-analytics.com"}
