"""Printing a technique page: the site's header, navigation, search and footer are left out; the
safety boxes (care card and stop rules) and the steps are kept; "Save as PDF" gives whole boxes."""
from __future__ import annotations

import pytest

from macros.data import TECHNIQUES
from postbuild.lint import page_url
from pdfs import flat, pdf_info, pdf_text
from test_handouts import GUIDE

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


def test_print_to_pdf_has_no_site_chrome_and_keeps_boxes_whole(browser, site, rendered, tmp_path):
    """Print a technique page from headless Chromium, as "Print, Save as PDF" does."""
    src = f"{TECHNIQUES}/{sorted(GUIDE.techniques)[0]}.md"
    pdf = tmp_path / "printed.pdf"
    context = browser.new_context()
    try:
        page = context.new_page()
        page.goto((site / page_url(src) / "index.html").as_uri())
        # A collapsed details block, as a contributor might add: its text must reach the paper.
        page.evaluate("""() => document.querySelector("article h1").insertAdjacentHTML("afterend",
            '<details class="note"><summary>More</summary><p>Text inside a closed details block.</p></details>')""")
        boxes = page.evaluate("""() => [...document.querySelectorAll(
            "article .admonition.stop-rules, article .admonition[class*='care-']")].map(box => box.innerText)""")
        page.pdf(path=str(pdf), format="A4")
    finally:
        context.close()

    pages = int(pdf_info(pdf)["Pages"])
    text = pdf_text(pdf)
    soup = rendered(src)
    article_text = flat(soup.select_one("article").get_text(" "))
    chrome = {flat(a.get_text(" ")) for a in soup.select("nav.md-nav--primary a, .md-footer a, .md-header a")}
    leaked = sorted(word for word in chrome if word and word not in article_text and word in text)
    assert not leaked, f"site navigation printed: {leaked}"
    for screen_only in ("Skip to content", "Download printable handout", "Made with"):
        assert screen_only not in text
    assert "Text inside a closed details block." in text

    assert boxes
    page_texts = [pdf_text(pdf, n) for n in range(1, pages + 1)]
    for box in boxes:
        # Each line of the box (its title, each item, its closing sentence) is on one page, the same one.
        lines = [flat(line) for line in box.splitlines() if line.strip()]
        common = set.intersection(*({n for n, page_text in enumerate(page_texts) if line in page_text}
                                    for line in lines))
        assert common, f"this box is split across pages: {lines[0]}"

    unspaced = "".join(text.split())
    for source in GUIDE.pages[src].sources:
        assert str(GUIDE.source(source).url) in unspaced, f"the address of {source} is not printed"
