"""Layout for small screens and large text: nothing scrolls sideways at 320 CSS px, tables scroll
inside their own box, and at 200% zoom (page zoom and text-only zoom) every line still fits."""
from __future__ import annotations

import pytest

from .conftest import DESKTOP, EVERY_PAGE, PHONE, horizontal_overflow, page_id

PAGES_WITH_TABLES = ["techniques/", "muscles/", "tools/", "references/", "techniques/stripping/"]


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


@pytest.mark.parametrize("path", ["", "techniques/stripping/", "safety/contraindications/", "techniques/"], ids=page_id)
def test_page_zoom_200_percent(new_page, server, path):
    """A 1280 px window at 200% zoom: 640 CSS px at two device pixels per CSS pixel."""
    page = new_page(viewport={"width": DESKTOP["width"] // 2, "height": DESKTOP["height"] // 2}, device_scale_factor=2)
    page.goto(server.url + path)
    assert horizontal_overflow(page) == 0
    assert cut_off_text(page) == []


@pytest.mark.parametrize("path", ["", "techniques/stripping/", "safety/contraindications/", "techniques/"], ids=page_id)
def test_text_only_zoom_200_percent(new_page, server, path):
    """Text twice as large (the browser's text-size setting), the window unchanged."""
    page = new_page()
    page.goto(server.url + path)
    before = page.evaluate("() => parseFloat(getComputedStyle(document.querySelector('article p')).fontSize)")
    page.evaluate("() => document.documentElement.style.fontSize = 2 * parseFloat(getComputedStyle(document.documentElement).fontSize) + 'px'")
    after = page.evaluate("() => parseFloat(getComputedStyle(document.querySelector('article p')).fontSize)")
    assert after == pytest.approx(2 * before), "the text did not grow with the reader's text size"
    assert horizontal_overflow(page) == 0
    assert cut_off_text(page) == []
