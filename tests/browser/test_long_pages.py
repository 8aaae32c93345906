"""The macros reference, the longest page, has the browser draw its example boxes only when they
near the screen (content-visibility: auto, docs/assets/stylesheets/guide.css), which makes its first
load cheaper. What a reader could lose by it is checked here: once seen, the page is laid out as if
every box were drawn at once; a link to a heading further down lands on that heading; the contents
list marks the section on screen; a focused link in such a box keeps the whole of its outline. And
no reader's page has such a block: Safari's find-in-page skips their text until they are drawn."""
from __future__ import annotations

import pytest

from .conftest import DEFERRED, DESKTOP, DRAW_ALL, EVERY_PAGE, PHONE, page_id

MACROS = "contributing/macros/"
READERS_PAGES = [path for path in EVERY_PAGE if not path.startswith("contributing/")]
# How tall the page is (a box not drawn counts at its estimate there), how tall the article is, and
# where each of its blocks starts, in page coordinates.
GEOMETRY = """() => { const article = document.querySelector('article');
    return [document.documentElement.scrollHeight, article.getBoundingClientRect().height,
            ...[...article.children].map(block => block.getBoundingClientRect().top + scrollY)]; }"""
# Resolves once the browser has drawn a frame after the last change (in an async function).
DRAWN = "const drawn = () => new Promise(done => requestAnimationFrame(() => requestAnimationFrame(done)));"
# Scroll to the end half a screen at a time, letting the browser draw after each step, then back.
READ_THROUGH = f"""async () => {{
    {DRAWN}
    for (let y = 0; y < document.documentElement.scrollHeight; y += innerHeight / 2) {{
        scrollTo(0, y);
        await drawn();
    }}
    scrollTo(0, 0);
    await drawn();
}}"""


def deferred_blocks(page) -> int:
    count = page.evaluate(f"() => ({DEFERRED})().length")
    assert count >= 10, (f"{page.url}: only {count} boxes are drawn as they near the screen; if the rule in "
                         "guide.css changed, update this test, which shows nothing without it")
    return count


@pytest.mark.parametrize("path", READERS_PAGES, ids=page_id)
def test_no_readers_page_holds_text_back_from_find_in_page(tour, path):
    """Safari's find-in-page does not find text in a block the browser has not drawn yet (WebKit bug
    283846): a reader looking for a warning sign on a page must find it."""
    blocks = tour(path)["light"].deferred
    assert not blocks, (f"{blocks} are drawn only when they near the screen, so Safari's find-in-page misses "
                        "their text: on a reader's page use another kind of box than <details class=\"example\"> "
                        "(the rule is in docs/assets/stylesheets/guide.css)")


def test_once_seen_the_page_is_laid_out_as_if_drawn_at_once(new_page, server):
    """Drawing a box apart from the rest must not change the layout: such a box keeps its children's
    margins inside it, which would change the spacing of a block whose margins reach through it."""
    page = new_page(viewport=PHONE)
    page.goto(server.url + MACROS)
    deferred_blocks(page)
    page.evaluate(READ_THROUGH)
    seen = page.evaluate(GEOMETRY)
    page.evaluate(DRAW_ALL)
    drawn_at_once = page.evaluate(GEOMETRY)
    moved = [(n, round(a), round(b)) for n, (a, b) in enumerate(zip(seen, drawn_at_once)) if abs(a - b) > 1]
    assert not moved, f"(block, px once seen, px drawn at once), 0 is the page's height, 1 the article's: {moved}"


@pytest.mark.parametrize("heading", ["muscle-technique-matrix", "safety-sources"])
def test_a_link_to_a_heading_further_down_lands_on_it(new_page, server, heading):
    """The boxes above the heading have not been drawn when the browser scrolls to it: it must still
    end up just under the header, and stay there while the boxes around it are drawn."""
    page = new_page(viewport=PHONE)
    page.goto(f"{server.url}{MACROS}#{heading}")
    deferred_blocks(page)
    header = page.evaluate("() => document.querySelector('.md-header').getBoundingClientRect().bottom")
    top = f"() => document.getElementById('{heading}').getBoundingClientRect().top"
    page.wait_for_function(f"() => ({top})() >= {header} && ({top})() < {header} + 60", timeout=5000)
    page.wait_for_timeout(500)
    assert header <= page.evaluate(top) < header + 60, f"#{heading} moved to {page.evaluate(top):.0f} px"


def test_the_contents_list_marks_the_section_on_screen(new_page, server):
    """Material works out where each heading is to mark the current section; with boxes not yet
    drawn, those places start as estimates. The page's own headings (not those inside examples)
    that can be scrolled to the top of the window are each marked when they are there."""
    page = new_page(viewport=DESKTOP)
    page.goto(server.url + MACROS)
    deferred_blocks(page)
    headings = page.evaluate("""() => [...document.querySelectorAll('.md-nav--secondary a.md-nav__link')]
        .map(link => decodeURIComponent(link.hash.slice(1)))
        .filter(id => document.querySelector(`article > [id="${id}"]`))""")
    checked, wrong = 0, []
    for heading in headings:
        for _ in range(60):  # the mouse wheel, as a reader scrolls, until the heading is near the top
            distance = page.evaluate(f"() => document.getElementById('{heading}').getBoundingClientRect().top - 70")
            if abs(distance) < 3:
                break
            before = page.evaluate("() => scrollY")
            page.mouse.move(DESKTOP["width"] / 2, DESKTOP["height"] / 2)
            page.mouse.wheel(0, max(-600, min(600, distance)))
            page.wait_for_timeout(100)
            if page.evaluate("() => scrollY") == before:
                break  # the end of the page: this heading cannot reach the top
        else:
            raise AssertionError(f"#{heading}: the wheel never brought it to the top")
        if abs(distance) >= 3:
            continue
        page.wait_for_timeout(200)
        marked = page.evaluate("""() => { const link = document.querySelector('.md-nav--secondary .md-nav__link--active');
            return link && decodeURIComponent(link.hash.slice(1)); }""")
        checked += 1
        if marked != heading:
            wrong.append((heading, marked))
    assert checked >= 12 and not wrong, f"{checked} headings checked; (heading at the top, section marked): {wrong}"


def test_a_focused_link_in_a_box_drawn_as_needed_keeps_its_outline(new_page, server):
    """Such a box clips what is drawn outside it: every link in it needs room inside its padding for
    its focus outline (scroll boxes inside it clip anyway, and scroll a focused link into view)."""
    page = new_page(viewport=PHONE)
    page.goto(server.url + MACROS)
    deferred_blocks(page)
    page.keyboard.press("Tab")  # from here on focus is drawn as for keyboard use
    links = page.evaluate(f"""() => ({DEFERRED})().flatMap((block, n) =>
        [...block.querySelectorAll('a[href]')].map((link, m) => link.id = link.id || `probe-${{n}}-${{m}}`))""")
    assert links, "no link in a box drawn as needed, so this test shows nothing"
    page.focus(f"#{links[0]}")
    outline = page.evaluate("""() => { const style = getComputedStyle(document.activeElement);
        return style.outlineStyle === 'none' ? 0 : parseFloat(style.outlineWidth) + parseFloat(style.outlineOffset); }""")
    assert outline > 0, "a focused link shows no outline"
    # Every collapsible box opened, as a reader may; then each box on screen, drawn, and measured: its
    # padding box against each line of each link in it that no scroll box inside it already clips.
    cut = page.evaluate(f"""async () => {{ const cut = [];
        document.querySelectorAll('article details').forEach(details => details.open = true);
        {DRAWN}
        const scrolls = (node, block) => {{ for (; node !== block; node = node.parentElement)
            if (getComputedStyle(node).overflowX !== 'visible') return true; return false; }};
        for (const block of ({DEFERRED})()) {{
            block.scrollIntoView();
            await drawn();
            const box = block.getBoundingClientRect(), style = getComputedStyle(block);
            const inner = {{left: box.left + parseFloat(style.borderLeftWidth), right: box.right - parseFloat(style.borderRightWidth),
                           top: box.top + parseFloat(style.borderTopWidth), bottom: box.bottom - parseFloat(style.borderBottomWidth)}};
            for (const link of block.querySelectorAll('a[href]')) {{
                if (scrolls(link, block)) continue;
                for (const line of link.getClientRects())
                    if (line.left - inner.left < {outline} || inner.right - line.right < {outline}
                        || line.top - inner.top < {outline} || inner.bottom - line.bottom < {outline})
                        cut.push(link.textContent.trim().slice(0, 40));
            }}
        }}
        return cut; }}""")
    assert not cut, f"links whose focus outline ({outline:.1f} px) the box would cut off: {cut[:5]}"
