"""Figures: every drawing is used, small, self-contained and described; the pages that need one have one."""
from __future__ import annotations

import posixpath
import xml.etree.ElementTree as ET

import pytest

from conftest import ROOT, edit, mkdocs_build
from macros.data import MUSCLES, TECHNIQUES, load_guide, muscle_path, technique_path
from postbuild.lint import lint_page, page_url
from test_content_lint import page as content_lint_page

FIGURES = ROOT / "docs" / "assets" / "figures"
FIGURE_URL = "assets/figures/"
BUDGET = 40 * 1024  # bytes per drawing
SVG = "{http://www.w3.org/2000/svg}"
XLINK_HREF = "{http://www.w3.org/1999/xlink}href"
NERVE_PAGE = "understanding/sciatic-nerve.md"
DESCRIBE = "Describe this picture"

SVG_FILES = sorted(FIGURES.glob("*.svg"))


def figures_on(soup, src_uri: str) -> list[tuple[str, object]]:
    """(path under docs/, <img>) for every drawing from docs/assets/figures/ shown in a page's article."""
    base = page_url(src_uri)
    found = []
    for image in soup.select("article img[src]"):
        target = posixpath.normpath(posixpath.join(base or ".", image["src"]))
        if target.startswith(FIGURE_URL):
            found.append((target, image))
    return found


@pytest.fixture(scope="session")
def shown(rendered, source_pages) -> dict[str, list[tuple[str, object]]]:
    return {src: figures_on(rendered(src), src) for src in source_pages}


def test_there_are_figures():
    assert len(SVG_FILES) >= 7, "expected the nerve, three muscle, three technique and bony-point drawings"


def test_every_figure_file_is_used_on_a_page(shown):
    used = {target for figures in shown.values() for target, _ in figures}
    unused = [f.name for f in SVG_FILES if f"{FIGURE_URL}{f.name}" not in used]
    assert not unused, f"figure files no page shows (use them or delete them): {unused}"


def test_every_figure_a_page_shows_exists(shown):
    for src, figures in shown.items():
        for target, _ in figures:
            assert (ROOT / "docs" / target).is_file(), f"docs/{src} shows {target}, which does not exist"


def test_each_muscle_and_technique_page_and_the_nerve_page_has_a_figure(shown):
    guide = load_guide(ROOT)
    pages = [muscle_path(m) for m in guide.muscles] + [technique_path(t) for t in guide.techniques] + [NERVE_PAGE]
    assert any(p.startswith(MUSCLES) for p in pages) and any(p.startswith(TECHNIQUES) for p in pages)
    missing = [p for p in pages if not shown[p]]
    assert not missing, f"pages with no figure from {FIGURE_URL}: {missing}"


def test_every_figure_has_alt_text_a_caption_that_says_simplified_and_a_description(shown):
    for src, figures in shown.items():
        for target, image in figures:
            where = f"docs/{src}: {target}"
            alt = (image.get("alt") or "").strip()
            assert len(alt.split()) >= 8, f"{where}: alt text should say what the drawing shows, not {alt!r}"
            figure = image.find_parent("figure")
            assert figure is not None, f"{where}: not inside a <figure>"
            caption = figure.find("figcaption")
            assert caption is not None and "simplified" in caption.get_text().lower(), (
                f"{where}: the caption must say the drawing is simplified")
            details = figure.find_next_sibling()
            assert details is not None and details.name == "details", (
                f"{where}: follow the figure with a '??? info \"{DESCRIBE}\"' block")
            assert details.summary.get_text(strip=True) == DESCRIBE, f"{where}: the block's title"
            words = details.get_text(" ", strip=True).removeprefix(DESCRIBE).split()
            assert len(words) >= 30, f"{where}: the description is too short to stand in for the drawing"


def test_inline_drawings_in_pages_are_named_and_captioned(rendered, source_pages):
    """No page inlines an <svg> today; if one does, it carries its own name and caption."""
    for src in source_pages:
        for svg in rendered(src).select("article svg"):
            if svg.find_parent(class_="md-icon") or svg.find_parent(class_="md-content__button"):
                continue
            assert svg.get("role") == "img" and svg.find("title") is not None, f"docs/{src}: inline <svg> unnamed"
            assert svg.find_parent("figure") is not None, f"docs/{src}: inline <svg> without a caption"


@pytest.mark.parametrize("path", SVG_FILES, ids=lambda p: p.name)
def test_svg_is_small_self_contained_and_labelled(path):
    size = path.stat().st_size
    assert size < BUDGET, f"{path.name} is {size} bytes; the budget is {BUDGET}"
    root = ET.parse(path).getroot()  # well-formed XML, or this raises
    assert root.tag == f"{SVG}svg" and root.get("viewBox"), f"{path.name}: root must be <svg> with a viewBox"
    title, desc = root.find(f"{SVG}title"), root.find(f"{SVG}desc")
    assert title is not None and title.text and title.text.strip(), f"{path.name}: needs a <title>"
    assert desc is not None and len(" ".join(desc.itertext()).split()) >= 20, f"{path.name}: needs a <desc>"
    assert "simplified" in " ".join(desc.itertext()).lower(), f"{path.name}: <desc> must say it is simplified"
    for element in root.iter():
        tag = element.tag.removeprefix(SVG)
        assert tag not in ("image", "script", "foreignObject"), f"{path.name}: <{tag}> is not allowed"
        for attribute in ("href", XLINK_HREF):
            target = element.get(attribute)
            assert target is None or target.startswith("#"), f"{path.name}: links outside itself ({target})"
    labels = [t for t in root.iter(f"{SVG}text") if "".join(t.itertext()).strip()]
    assert len(labels) >= 3, f"{path.name}: label the drawing with real <text>, so it can be searched and translated"


# --- the lint rules behind these, on small pages made to break one rule each -------------------

def page(body: str) -> str:
    """A minimal rendered page (title and key points from the content-lint tests) around `body`."""
    return content_lint_page("<h1>X</h1>" + body)


GOOD_FIGURE = ('<figure><img alt="The nerve from behind" src="../assets/figures/nerve.svg">'
               '<figcaption>The nerve. Simplified drawing.</figcaption></figure>')


def test_lint_accepts_a_captioned_figure_and_the_edit_button_icon():
    icon = '<a class="md-content__button md-icon" href="#"><svg viewBox="0 0 24 24"><path d="M0 0h1"/></svg></a>'
    assert lint_page("x.md", page(icon + GOOD_FIGURE), []) == []


@pytest.mark.parametrize("body", [
    '<p><img alt="The nerve from behind" src="../assets/figures/nerve.svg"></p>',
    GOOD_FIGURE.replace("The nerve. Simplified drawing.", " "),
])
def test_lint_finds_a_picture_without_a_caption_with_its_line(body):
    lines = ["# X", "", "![The nerve from behind](../assets/figures/nerve.svg)"]
    problems = lint_page("x.md", page(body), lines)
    assert [str(p) for p in problems] == [
        "docs/x.md:3: a picture is not in a figure with a caption (../assets/figures/nerve.svg) — put it in "
        '<figure markdown="span"> with a <figcaption> that says what it shows and that the drawing is '
        "simplified, as on docs/muscles/piriformis.md"]


def test_lint_wants_an_inline_svg_named_and_captioned():
    bare = '<p><svg viewBox="0 0 10 10"><circle r="5"/></svg></p>'
    problems = lint_page("x.md", page(bare), ["# X", '<svg viewBox="0 0 10 10">'])
    assert [(p.line, p.what) for p in problems] == [
        (2, "an inline drawing (<svg>) has no text alternative"),
        (2, "a picture is not in a figure with a caption (inline <svg>)")]
    named = ('<figure><svg role="img" viewBox="0 0 10 10"><title>A dot</title><circle r="5"/></svg>'
             '<figcaption>A dot. Simplified.</figcaption></figure>')
    assert lint_page("x.md", page(named), []) == []


def test_the_build_fails_on_a_figure_without_a_caption(project_copy, tmp_path):
    target = project_copy / "docs" / "muscles" / "piriformis.md"
    caption = next(line for line in target.read_text(encoding="utf-8").splitlines() if "<figcaption>" in line)
    edit(target, caption.strip(), "")
    result = mkdocs_build(project_copy, tmp_path / "site")
    assert result.returncode != 0
    line = next(n for n, text in enumerate(target.read_text(encoding="utf-8").splitlines(), 1)
                if "piriformis.svg" in text)
    assert f"docs/muscles/piriformis.md:{line}: a picture is not in a figure with a caption" in result.stderr
