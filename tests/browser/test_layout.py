"""Layout for small screens and large text: nothing scrolls sideways at 320 CSS px, tables scroll
inside their own box, and at 200% zoom (page zoom and text-only zoom) every line still fits."""
from __future__ import annotations

import pytest

from .conftest import DESKTOP, EVERY_PAGE, PHONE, horizontal_overflow, page_id

PAGES_WITH_TABLES = ["techniques/", "tools/", "techniques/stripping/"]  # the matrix, a list, a summary


@pytest.mark.parametrize("path", EVERY_PAGE, ids=page_id)
def test_nothing_scrolls_sideways_at_320_px(tour, path):
    assert tour(path)["dark"].overflow == 0, f"the page is {tour(path)['dark'].overflow} px wider than a 320 px screen"


def table_boxes(page) -> list[dict]:
    return page.evaluate("""() => [...document.querySelectorAll('article table')].map(table => {
        let box = table.parentElement;
        while (box && !['auto', 'scroll'].includes(getComputedStyle(box).overflowX)) box = box.parentElement;
        const rect = box ? box.getBoundingClientRect() : null;
        return {scrolls: Boolean(box), right: rect && rect.right, wider: table.scrollWidth > (box ? box.clientWidth : 0),
                focusable: Boolean(box) && box.tabIndex === 0};
    })""")


def test_tables_scroll_inside_their_own_box(new_page, server):
    page = new_page(viewport=PHONE)
    wide = 0
    for path in PAGES_WITH_TABLES:
        page.goto(server.url + path)
        boxes = table_boxes(page)
        assert boxes, f"{path}: no table"
        for box in boxes:
            assert box["scrolls"] and box["right"] <= PHONE["width"] and box["focusable"], f"{path}: {box}"
            wide += box["wider"]
        assert horizontal_overflow(page) == 0, path
    assert wide, "no table is wider than a phone, so this test shows nothing; check PAGES_WITH_TABLES"


def cut_off_text(page) -> list[str]:
    """Text that does not fit its box and is hidden rather than scrolled (ellipsis, overflow hidden)."""
    return page.evaluate("""() => [...document.querySelectorAll('.md-header__title, article *, .md-footer *')]
        .filter(el => el.scrollWidth > el.clientWidth + 1 && el.clientWidth > 0
                && ['hidden', 'clip'].includes(getComputedStyle(el).overflowX) && el.innerText.trim())
        .map(el => el.tagName + '.' + el.className + ': ' + el.innerText.trim().slice(0, 60))""")


def line_length_in_em(page) -> float:
    """How wide a line of body text is, in ems: about two characters per em. A squeezed column of a
    word or two per line is unreadable even when nothing overflows."""
    return page.evaluate("""() => { const p = document.querySelector('article p');
        return p.clientWidth / parseFloat(getComputedStyle(p).fontSize); }""")


def assert_readable(page, path: str) -> None:
    assert horizontal_overflow(page) == 0, f"{path or 'home'}: scrolls sideways"
    assert cut_off_text(page) == [], f"{path or 'home'}: text cut off"
    assert line_length_in_em(page) >= 12, f"{path or 'home'}: lines of {line_length_in_em(page):.1f} em"


ZOOM_PAGES = ["", "techniques/stripping/", "techniques/"]  # home, a technique, a page with a wide table


@pytest.mark.parametrize("path", ZOOM_PAGES, ids=page_id)
def test_page_zoom_200_percent(new_page, server, path):
    """A 1280 px window at 200% zoom: 640 CSS px at two device pixels per CSS pixel."""
    page = new_page(viewport={"width": DESKTOP["width"] // 2, "height": DESKTOP["height"] // 2}, device_scale_factor=2)
    page.goto(server.url + path)
    assert_readable(page, path)


@pytest.mark.parametrize("path", ZOOM_PAGES, ids=page_id)
def test_text_only_zoom_200_percent(new_page, server, path):
    """The browser's text size set to twice the default (32 px), the window unchanged. Set through
    the browser, as a reader does, so em-based layout breakpoints respond as they would for them."""
    page = new_page()
    page.goto(server.url + path)
    before = page.evaluate("() => parseFloat(getComputedStyle(document.querySelector('article p')).fontSize)")
    page.context.new_cdp_session(page).send("Page.setFontSizes", {"fontSizes": {"standard": 32, "fixed": 26}})
    page.reload()
    after = page.evaluate("() => parseFloat(getComputedStyle(document.querySelector('article p')).fontSize)")
    assert after == pytest.approx(2 * before), "the text did not grow with the reader's text size"
    assert_readable(page, path)


def test_the_readability_check_catches_a_squeezed_column(new_page, server):
    """Doubling the root font size by CSS alone (breakpoints unchanged) squeezes the text column."""
    page = new_page()
    page.goto(server.url + "techniques/stripping/")
    page.evaluate("() => document.documentElement.style.fontSize ="
                  " 2 * parseFloat(getComputedStyle(document.documentElement).fontSize) + 'px'")
    assert line_length_in_em(page) < 12
