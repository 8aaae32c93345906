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

from macros.data import CONTRAINDICATIONS, TECHNIQUES, page_url, slug_of
from macros.messages import Problem, lint_problem
from macros.safety import ADMONITION_KIND, STOP_RULES_KIND

UNRENDERED = re.compile(r"\{\{.*?\}\}|\{%.*?%\}|\{\{|\{%")


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
        if image.get("aria-hidden") == "true" or image.get("role") == "presentation":
            continue
        if not (image.get("alt") or "").strip():
            src = image.get("src", "")
            problems.append(lint_problem("image-alt", path, _line_of(source_lines, Path(src).name), src=src))

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
    return problems


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
