"""Content lint of the rendered site: what readers get, checked page by page.

Run by the build (macros on_post_build) and by the tests; also on its own:
    python -m postbuild.lint site docs
"""
from __future__ import annotations

import posixpath
import re
import sys
from pathlib import Path

from bs4 import BeautifulSoup

from macros.data import CONTRAINDICATIONS, TECHNIQUES, slug_of
from macros.messages import Problem, lint_problem
from macros.safety import ADMONITION_KIND, STOP_RULES_KIND
from postbuild import readability

UNRENDERED = re.compile(r"\{\{.*?\}\}|\{%.*?%\}|\{\{|\{%")


def page_url(src_uri: str) -> str:
    """The directory URL MkDocs gives a source file (use_directory_urls: true)."""
    stem = src_uri[:-3]
    if stem == "index":
        return ""
    if stem.endswith("/index"):
        return stem[: -len("index")]
    return stem + "/"


def _resolve(base_url: str, href: str) -> str:
    path = href.split("#", 1)[0].split("?", 1)[0]
    if not path or "://" in path or path.startswith(("mailto:", "tel:")):
        return ""
    joined = posixpath.normpath(posixpath.join(base_url or ".", path))
    return "" if joined == "." else joined.strip("/") + "/"


def _line_of(lines: list[str], needle: str) -> int | None:
    needle = needle.strip().lower()
    if not needle:
        return None
    for number, line in enumerate(lines, 1):
        if needle in line.lower():
            return number
    return None


def _line_of_text(lines: list[str], text: str) -> int | None:
    """The source line of rendered text: try runs of its words until one is found as written."""
    words = text.split()
    for size in (6, 4, 3):
        for start in range(0, max(1, len(words) - size + 1)):
            line = _line_of(lines, " ".join(words[start:start + size]))
            if line:
                return line
    return None


def _first_words(text: str, count: int = 8) -> str:
    return " ".join(text.split()[:count])


def lint_prose(path: str, html: str, source_lines: list[str]) -> list[Problem]:
    """Reading level, sentence length, list length: the content standard's numbers."""
    stats = readability.measure(path, html)
    problems = []
    for sentence in stats.sentences:
        words = readability.word_count(sentence)
        if words > readability.MAX_SENTENCE_WORDS:
            problems.append(lint_problem("sentence-too-long", path, _line_of_text(source_lines, sentence),
                                         words=words, limit=readability.MAX_SENTENCE_WORDS,
                                         start=_first_words(sentence)))
    for items, first in stats.lists:
        if items > readability.MAX_LIST_ITEMS:
            problems.append(lint_problem("list-too-long", path, _line_of_text(source_lines, first),
                                         items=items, limit=readability.MAX_LIST_ITEMS, start=_first_words(first, 6)))
    if stats.grade > readability.MAX_GRADE:
        problems.append(lint_problem("reading-grade", path, None, grade=stats.grade, limit=readability.MAX_GRADE,
                                     words=readability.word_count(stats.longest_sentence)))
    return problems


# Theme icons (the edit button's pencil, admonition and permalink icons) are not content pictures.
ICON_CLASSES = {"md-icon", "twemoji", "md-content__button", "headerlink"}


def _decorative(element) -> bool:
    """Hidden from assistive technology, or a theme icon: needs no text alternative of its own."""
    return (element.get("aria-hidden") == "true" or element.get("role") == "presentation"
            or bool(ICON_CLASSES & set(element.get("class") or [])))


def _has_caption(element) -> bool:
    """Inside a <figure> whose <figcaption> has words (WCAG 1.1.1: a picture says what it shows)."""
    figure = element.find_parent("figure")
    caption = figure.find("figcaption") if figure is not None else None
    return caption is not None and bool(caption.get_text(strip=True))


def lint_page(src_uri: str, html: str, source_lines: list[str]) -> list[Problem]:
    path = f"docs/{src_uri}"
    soup = BeautifulSoup(html, "html.parser")
    article = soup.select_one("article.md-content__inner") or soup.body or soup
    problems: list[Problem] = []

    description = soup.find("meta", attrs={"name": "description"})
    if description is None or not description.get("content", "").strip():
        problems.append(lint_problem("meta-description", path, 1))

    for match in UNRENDERED.finditer(article.get_text(" ")):
        problems.append(lint_problem("unrendered-macro", path, _line_of(source_lines, match.group(0)[:2]),
                                     text=match.group(0)[:40]))
        break

    for image in soup.find_all("img"):
        if _decorative(image):
            continue
        src = image.get("src", "")
        line = _line_of(source_lines, Path(src).name)
        if not (image.get("alt") or "").strip():
            problems.append(lint_problem("image-alt", path, line, src=src))
        if any(parent is article for parent in image.parents) and not _has_caption(image):
            problems.append(lint_problem("image-caption", path, line, src=src))

    for drawing in article.find_all("svg"):
        if _decorative(drawing) or any(_decorative(parent) for parent in drawing.parents):
            continue
        title = drawing.find("title")
        named = drawing.get("aria-label", "").strip() or drawing.get("aria-labelledby", "").strip() or (
            title is not None and title.get_text(strip=True))
        if drawing.get("role") != "img" or not named:
            problems.append(lint_problem("svg-name", path, _line_of(source_lines, "<svg")))
        if not _has_caption(drawing):
            problems.append(lint_problem("image-caption", path, _line_of(source_lines, "<svg"), src="inline <svg>"))

    title = article.find("h1")
    first = title.find_next_sibling() if title else None
    if first is None or "key-points" not in (first.get("class") or []):
        problems.append(lint_problem("key-points-first", path, (_line_of(source_lines, "# ") or 1)))

    headings = article.find_all(re.compile(r"^h[1-6]$"))
    h1_count = sum(1 for h in headings if h.name == "h1")
    if h1_count != 1:
        problems.append(lint_problem("one-h1", path, None, count=h1_count))
    previous = 0
    for heading in headings:
        level = int(heading.name[1])
        text = heading.get_text(" ", strip=True).rstrip("¶").strip()
        if previous and level > previous + 1:
            problems.append(lint_problem("heading-order", path, _line_of(source_lines, text),
                                         text=text, level=level, previous=previous, expected=previous + 1))
        previous = level

    if slug_of(src_uri, TECHNIQUES):
        target = page_url(CONTRAINDICATIONS)
        base = page_url(src_uri)
        if not any(_resolve(base, a["href"]) == target for a in article.find_all("a", href=True)):
            problems.append(lint_problem("contraindications-link", path, None))
        if not article.select(f".admonition.{STOP_RULES_KIND}"):
            problems.append(lint_problem("stop-rules-box", path, None))
        if not article.select(f".admonition.{ADMONITION_KIND['immediate']}"):
            problems.append(lint_problem("immediate-card", path, None))
    return problems + lint_prose(path, html, source_lines)


def lint_site(site_dir: Path, docs_dir: Path) -> list[Problem]:
    """Every page built from docs_dir, checked in site_dir."""
    problems: list[Problem] = []
    for source in sorted(docs_dir.rglob("*.md")):
        src_uri = source.relative_to(docs_dir).as_posix()
        built = site_dir / page_url(src_uri) / "index.html"
        if not built.is_file():
            continue  # not built (e.g. excluded); MkDocs' own validation reports missing pages
        source_lines = source.read_text(encoding="utf-8").splitlines()
        problems += lint_page(src_uri, built.read_text(encoding="utf-8"), source_lines)
    return problems


def main(argv: list[str]) -> int:
    site_dir, docs_dir = (Path(a) for a in (argv + ["site", "docs"])[:2])
    problems = lint_site(site_dir, docs_dir)
    for problem in problems:
        print(problem)
    print(f"{len(problems)} problem(s) in {site_dir}", file=sys.stderr)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
