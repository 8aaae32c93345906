"""Reading-level measures of the running prose of a rendered page.

Running prose is paragraphs, list items, definitions and admonition bodies inside the article:
not headings, tables, code, navigation, admonition titles or the automatic "Sources and review"
section. Each block is its own run of sentences, so a list item never merges with the next.

    python -m postbuild.readability site docs     # prints the per-page report
"""
from __future__ import annotations

import re
import sys
import warnings
from dataclasses import dataclass, field
from pathlib import Path

from bs4 import BeautifulSoup, Tag

with warnings.catch_warnings():
    warnings.simplefilter("ignore")  # textstat 0.7.4 imports pkg_resources, which warns
    import textstat

MAX_GRADE = 8.0
MAX_SENTENCE_WORDS = 30
MAX_LIST_ITEMS = 7

_SKIP = {"h1", "h2", "h3", "h4", "h5", "h6", "table", "pre", "code", "nav", "script", "style", "figcaption"}
_BLOCKS = {"p", "li", "dd", "dt", "td", "th", "figcaption"}
_SENTENCE_END = re.compile(r"(?<=[.!?])[\"”’)]*\s+(?=[\"“(]?[A-Z0-9])")
_WORD = re.compile(r"[A-Za-z0-9][A-Za-z0-9'’-]*")


@dataclass
class PageStats:
    src: str
    blocks: list[str] = field(default_factory=list)
    sentences: list[str] = field(default_factory=list)
    lists: list[tuple[int, str]] = field(default_factory=list)  # (items, first item text)

    @property
    def text(self) -> str:
        return " ".join(self.sentences)

    @property
    def words(self) -> int:
        return sum(word_count(s) for s in self.sentences)

    @property
    def grade(self) -> float:
        return round(textstat.flesch_kincaid_grade(self.text), 1) if self.sentences else 0.0

    @property
    def longest_sentence(self) -> str:
        return max(self.sentences, key=word_count, default="")

    @property
    def longest_list(self) -> int:
        return max((n for n, _ in self.lists), default=0)


def word_count(sentence: str) -> int:
    return len(_WORD.findall(sentence))


def split_sentences(block: str) -> list[str]:
    block = " ".join(block.split())
    if not block:
        return []
    if block[-1] not in ".!?:;":
        block += "."  # a list item or label without a full stop still ends here
    return [s for s in _SENTENCE_END.split(block) if _WORD.search(s)]


def _prose_root(soup: BeautifulSoup) -> Tag:
    article = soup.select_one("article.md-content__inner") or soup.body or soup
    article = BeautifulSoup(str(article), "html.parser")  # a copy we can cut
    sources = article.find(id="sources")
    if sources is not None:  # the automatic section is a reference list, not prose
        for sibling in list(sources.find_next_siblings()):
            sibling.decompose()
        sources.decompose()
    for tag in article.find_all(list(_SKIP)):
        tag.decompose()
    for tag in article.select(".admonition-title, .headerlink, .md-content__button, .md-source-file, summary"):
        tag.decompose()
    return article


def _own_text(block: Tag) -> str:
    """Text of a block without nested blocks (a list item's sub-list is its own block)."""
    parts = []
    for child in block.children:
        if isinstance(child, Tag) and (child.name in _BLOCKS or child.name in ("ul", "ol", "dl", "div")):
            continue
        parts.append(child.get_text(" ") if isinstance(child, Tag) else str(child))
    return " ".join("".join(parts).split())


def measure(src: str, html: str) -> PageStats:
    stats = PageStats(src)
    root = _prose_root(BeautifulSoup(html, "html.parser"))
    for block in root.find_all(list(_BLOCKS)):
        text = _own_text(block)
        if text:
            stats.blocks.append(text)
            stats.sentences += split_sentences(text)
    for listing in root.find_all(["ul", "ol"]):
        items = listing.find_all("li", recursive=False)
        if items:
            stats.lists.append((len(items), _own_text(items[0])))
    return stats


def report(site_dir: Path, docs_dir: Path) -> list[PageStats]:
    from postbuild.lint import page_url

    pages = []
    for source in sorted(docs_dir.rglob("*.md")):
        src = source.relative_to(docs_dir).as_posix()
        built = site_dir / page_url(src) / "index.html"
        if built.is_file():
            pages.append(measure(src, built.read_text(encoding="utf-8")))
    return pages


def main(argv: list[str]) -> int:
    site_dir, docs_dir = (Path(a) for a in (argv + ["site", "docs"])[:2])
    pages = report(site_dir, docs_dir)
    print(f"{'page':<45} {'words':>6} {'grade':>6} {'longest sentence':>17} {'longest list':>13}")
    for p in pages:
        print(f"{p.src:<45} {p.words:>6} {p.grade:>6} {word_count(p.longest_sentence):>17} {p.longest_list:>13}")
    over = [p.src for p in pages if p.grade > MAX_GRADE]
    print(f"{len(pages)} pages; limits: grade {MAX_GRADE}, {MAX_SENTENCE_WORDS} words a sentence, "
          f"{MAX_LIST_ITEMS} items a list; pages over the grade limit: {', '.join(over) or 'none'}")
    return 1 if over else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
