"""Content lint of the rendered site: what readers get, checked page by page.

Run by the build (macros on_post_build) and by the tests; also on its own:
    python -m postbuild.lint site docs
"""
from __future__ import annotations

import copy
import posixpath
import re
import sys
from dataclasses import dataclass, field
from pathlib import Path

from bs4 import BeautifulSoup, Tag

from macros.data import CONTRAINDICATIONS, MUSCLES, PLACEHOLDER, TECHNIQUES, page_url, slug_of, title_line
from macros.messages import Problem, lint_problem
from macros.pages import included_files
from macros.safety import ADMONITION_KIND, STOP_RULES_KIND
from postbuild import policy, readability

UNRENDERED = re.compile(r"\{\{.*?\}\}|\{%.*?%\}|\{\{|\{%")

# A sentence of REPEAT_MIN_WORDS words or more may stand on fewer than REPEAT_MIN_PAGES pages: more is
# boilerplate, which belongs in the data (a macro) or on one page that the others link to. Text a macro
# inserts is repeated by design and not counted.
REPEAT_MIN_WORDS = 6
REPEAT_MIN_PAGES = 3


def _resolve(base_url: str, href: str) -> str:
    path = href.split("#", 1)[0].split("?", 1)[0]
    if not path or "://" in path or path.startswith(("mailto:", "tel:")):
        return ""
    joined = posixpath.normpath(posixpath.join(base_url or ".", path))
    return "" if joined == "." else joined.strip("/") + "/"


@dataclass
class Source:
    """Where a rendered page was written: its Markdown file, then the files it includes with
    snippets (`--8<-- "CONTRIBUTING.md"`), so a problem in included text names the included file."""

    path: str
    lines: list[str]
    includes: list[Source] = field(default_factory=list)

    @property
    def title_line(self) -> int:
        return title_line(self.lines)

    def find(self, needle: str, headings_only: bool = False) -> tuple[str, int] | None:
        needle = needle.strip().lower()
        if not needle:
            return None
        for source in (self, *self.includes):
            for number, line in enumerate(source.lines, 1):
                if needle in line.lower() and (not headings_only or line.lstrip().startswith("#")):
                    return source.path, number
        return None

    def find_text(self, text: str) -> tuple[str, int] | None:
        """Where rendered text was written: try runs of its words until one is found as written."""
        words = text.split()
        for size in (6, 4, 3):
            for start in range(0, max(1, len(words) - size + 1)):
                found = self.find(" ".join(words[start:start + size]))
                if found:
                    return found
        return None


def _first_words(text: str, count: int = 8) -> str:
    return " ".join(text.split()[:count])


def _quoted(sentence: str, count: int = 10) -> str:
    """A sentence short enough to quote in a message: whole, or its first words and '…'."""
    shown = _first_words(sentence, count)
    return shown if shown == " ".join(sentence.split()) else shown + "…"


def _outside_code(article: Tag) -> Tag:
    """A copy of the article without code: code may show template braces or notes on purpose."""
    prose = copy.copy(article)
    for tag in prose.find_all(["code", "pre"]):
        tag.decompose()
    return prose


def _placeholders(article: Tag) -> list[str]:
    """Each 'TODO: …' note, read to the end of the paragraph, list item or cell it is in."""
    notes = []
    for string in article.find_all(string=PLACEHOLDER):
        block = string.find_parent(["p", "li", "td", "th", "dd", "dt", "h1", "h2", "h3", "h4", "h5", "h6"])
        text = " ".join((block.get_text(" ") if block else str(string)).split())
        notes += [m.group(0).strip() for m in PLACEHOLDER.finditer(text) if m.group(0).strip() not in notes]
    return notes


class _Report:
    """Collects a page's problems. A problem found at no line of its own is reported at the
    page's title line, so every message reads path:line."""

    def __init__(self, source: Source):
        self.source = source
        self.problems: list[Problem] = []

    def __call__(self, rule: str, found: tuple[str, int] | int | None = None, **values) -> None:
        if isinstance(found, int):
            found = (self.source.path, found)
        path, line = found or (self.source.path, self.source.title_line)
        self.problems.append(lint_problem(rule, path, line, **values))


def lint_prose(report: _Report, soup: BeautifulSoup) -> readability.PageStats:
    """Reading level, sentence length, list length: the content standard's numbers."""
    stats = readability.measure(report.source.path, soup)
    for sentence in stats.sentences:
        words = readability.word_count(sentence)
        if words > readability.MAX_SENTENCE_WORDS:
            report("sentence-too-long", report.source.find_text(sentence),
                   words=words, limit=readability.MAX_SENTENCE_WORDS, start=_first_words(sentence))
    for items, first in stats.lists:
        if items > readability.MAX_LIST_ITEMS:
            report("list-too-long", report.source.find_text(first),
                   items=items, limit=readability.MAX_LIST_ITEMS, start=_first_words(first, 6))
    if stats.grade > readability.MAX_GRADE:
        report("reading-grade", grade=stats.grade, limit=readability.MAX_GRADE,
               words=readability.word_count(stats.longest_sentence))
    return stats


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


def essentials(html: str) -> str:
    """Only the parts the rules read: <head> and the <article>. Every page's navigation lists every
    page, so parsing whole pages would make the lint's cost per page grow with the size of the site."""
    head_start, head_end = html.find("<head"), html.find("</head>")
    article_start, article_end = html.find("<article"), html.rfind("</article>")
    if min(head_start, head_end, article_start, article_end) < 0:
        return html
    head = html[head_start:head_end + len("</head>")]
    article = html[article_start:article_end + len("</article>")]
    return f"<html>{head}<body>{article}</body></html>"


def lint_page(src_uri: str, html: str, source_lines: list[str],
              includes: dict[str, list[str]] | None = None) -> list[Problem]:
    """Every rule on one built page. source_lines is the page's Markdown; includes maps each file
    it includes (path from the project root) to its lines."""
    return _lint_page(src_uri, html, source_lines, includes)[0]


def _lint_page(src_uri: str, html: str, source_lines: list[str],
               includes: dict[str, list[str]] | None = None
               ) -> tuple[list[Problem], readability.PageStats, Source]:
    """lint_page, also returning the page's prose measures and where it was written, for the
    rules across pages."""
    source = Source(f"docs/{src_uri}", source_lines,
                    [Source(path, lines) for path, lines in (includes or {}).items()])
    report = _Report(source)
    html = essentials(html)
    soup = BeautifulSoup(html, "html.parser")
    article = soup.select_one("article.md-content__inner") or soup.body or soup

    description = soup.find("meta", attrs={"name": "description"})
    if description is None or not description.get("content", "").strip():
        report("meta-description", 1)

    prose = _outside_code(article)
    for match in UNRENDERED.finditer(prose.get_text(" ")):
        report("unrendered-macro", source.find(match.group(0)[:2]), text=match.group(0)[:40])
        break
    for note in _placeholders(prose):
        report("placeholder", source.find_text(note) or source.find("TODO:"), text=note)

    for image in soup.find_all("img"):
        if _decorative(image):
            continue
        src = image.get("src", "")
        line = source.find(Path(src).name)
        if not (image.get("alt") or "").strip():
            report("image-alt", line, src=src)
        if any(parent is article for parent in image.parents) and not _has_caption(image):
            report("image-caption", line, src=src)

    for drawing in article.find_all("svg"):
        if _decorative(drawing) or any(_decorative(parent) for parent in drawing.parents):
            continue
        title = drawing.find("title")
        named = drawing.get("aria-label", "").strip() or drawing.get("aria-labelledby", "").strip() or (
            title is not None and title.get_text(strip=True))
        if drawing.get("role") != "img" or not named:
            report("svg-name", source.find("<svg"))
        if not _has_caption(drawing):
            report("image-caption", source.find("<svg"), src="inline <svg>")

    policy.check_markup(article, source, report)
    policy.check_heading_ids(article, source, report)

    title = article.find("h1")
    first = title.find_next_sibling() if title else None
    if first is None or "key-points" not in (first.get("class") or []):
        report("key-points-first")

    headings = article.find_all(re.compile(r"^h[1-6]$"))
    h1s = [h for h in headings if h.name == "h1"]
    if len(h1s) != 1:
        extra = _heading_text(h1s[1]) if len(h1s) > 1 else ""
        report("one-h1", source.find(extra, headings_only=True), count=len(h1s))
    previous = 0
    for heading in headings:
        level = int(heading.name[1])
        text = _heading_text(heading)
        if previous and level > previous + 1:
            report("heading-order", source.find(text, headings_only=True) or source.find(text),
                   text=text, level=level, previous=previous, expected=previous + 1)
        previous = level

    kind = "technique" if slug_of(src_uri, TECHNIQUES) else "muscle" if slug_of(src_uri, MUSCLES) else None
    if kind:
        # What every technique and muscle page shows of the safety advice (data/safety.yml).
        target = page_url(CONTRAINDICATIONS)
        links = [(_resolve(page_url(src_uri), a["href"]), a["href"].partition("#")[2])
                 for a in article.find_all("a", href=True)]
        if kind == "technique" and not any(path == target for path, _ in links):
            report("contraindications-link")
        if not any(path == target and anchor == "precautions" for path, anchor in links):
            report("ask-first-link", kind=kind)
        if not article.select(f".admonition.{STOP_RULES_KIND}"):
            report("stop-rules-box", kind=kind)
        for tier in ("immediate", "urgent"):
            if not article.select(f".admonition.{ADMONITION_KIND[tier]}"):
                report(f"{tier}-card", kind=kind)
    stats = lint_prose(report, soup)
    return sorted(report.problems, key=lambda p: (p.path != source.path, p.path, p.line or 0)), stats, source


def _heading_text(heading: Tag) -> str:
    return heading.get_text(" ", strip=True).rstrip("¶").strip()


def _sentence_key(sentence: str) -> str:
    """A sentence as the repeat rule compares it: its words, in lower case."""
    return " ".join(readability.words(sentence)).lower()


def repeated_sentences(pages: list[tuple[readability.PageStats, Source]]) -> list[Problem]:
    """Each sentence of REPEAT_MIN_WORDS words or more written on REPEAT_MIN_PAGES pages or more
    (text inserted by macros left out): one problem, at its first place, naming every other place."""
    pages_of: dict[str, dict[str, tuple[Source, str]]] = {}  # sentence -> page -> (its source, wording)
    for stats, source in pages:
        for sentence in stats.written:
            if readability.word_count(sentence) >= REPEAT_MIN_WORDS:
                # setdefault: a sentence twice on one page counts once
                pages_of.setdefault(_sentence_key(sentence), {}).setdefault(source.path, (source, sentence))
    problems = []
    for on_page in pages_of.values():
        if len(on_page) < REPEAT_MIN_PAGES:
            continue
        places = sorted(source.find_text(sentence) or (source.path, source.title_line)
                        for source, sentence in on_page.values())
        (path, line), *others = places
        problems.append(lint_problem("repeated-sentence", path, line, sentence=_quoted(next(iter(on_page.values()))[1]),
                                     others=_and(f"{p}:{n}" for p, n in others)))
    return sorted(problems, key=lambda p: (p.path, p.line or 0))


def _and(items) -> str:
    items = list(items)
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " and " + items[-1]


def lint_site(site_dir: Path, docs_dir: Path) -> list[Problem]:
    """Every page built from docs_dir, checked in site_dir, then the rules across pages. Included
    files are read from the project root (docs_dir's parent), where the build's snippets look for them."""
    problems: list[Problem] = []
    pages = []
    root = docs_dir.parent
    for source in sorted(docs_dir.rglob("*.md")):
        src_uri = source.relative_to(docs_dir).as_posix()
        built = site_dir / page_url(src_uri) / "index.html"
        if not built.is_file():
            continue  # not built (e.g. excluded); MkDocs' own validation reports missing pages
        source_lines = source.read_text(encoding="utf-8").splitlines()
        includes = {name: (root / name).read_text(encoding="utf-8").splitlines()
                    for name in included_files(source_lines) if (root / name).is_file()}
        found, stats, written = _lint_page(src_uri, built.read_text(encoding="utf-8"), source_lines, includes)
        problems += found
        pages.append((stats, written))
    problems += policy.check_file_names(docs_dir)
    problems += policy.check_raster_weight(docs_dir, [written for _, written in pages])
    return problems + repeated_sentences(pages)


def main(argv: list[str]) -> int:
    site_dir, docs_dir = (Path(a) for a in (argv + ["site", "docs"])[:2])
    problems = lint_site(site_dir, docs_dir)
    for problem in problems:
        print(problem)
    print(f"{len(problems)} problem(s) in {site_dir}", file=sys.stderr)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
