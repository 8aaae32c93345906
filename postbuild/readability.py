"""Reading-level measures of the running prose of a rendered page.

Running prose is paragraphs, list items, definitions and admonition bodies inside the article:
not headings, tables, code, navigation, admonition titles or the automatic "Sources and review"
section. Each block is its own run of sentences, so a list item never merges with the next.
Sentences a macro inserted from the data (between the comments macros.markdown.block() writes) are
measured like the rest, and also kept apart, so the lint can leave them out of the repeated-sentence rule.

    python -m postbuild.readability site docs     # prints the per-page report
"""
from __future__ import annotations

import copy
import re
import statistics
import sys
import warnings
from dataclasses import dataclass, field
from pathlib import Path

from bs4 import BeautifulSoup, Comment, Tag

from macros.data import page_url
from macros.markdown import MACRO_END, MACRO_START

with warnings.catch_warnings():
    warnings.simplefilter("ignore")  # textstat 0.7.4 imports pkg_resources, which warns
    import textstat

MAX_GRADE = 8.0
MAX_SENTENCE_WORDS = 30
MAX_LIST_ITEMS = 7
SHORT_SENTENCE_WORDS = 8  # "very short": the content standard asks for fewer choppy sentences

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
    written: list[str] = field(default_factory=list)  # the sentences not inserted by a macro

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

    @property
    def mean_sentence(self) -> float:
        """Mean words a sentence."""
        return round(self.words / len(self.sentences), 1) if self.sentences else 0.0

    @property
    def short_share(self) -> float:
        """The share of sentences of SHORT_SENTENCE_WORDS words or fewer, from 0 to 1."""
        if not self.sentences:
            return 0.0
        short = sum(1 for s in self.sentences if word_count(s) <= SHORT_SENTENCE_WORDS)
        return round(short / len(self.sentences), 2)


def words(sentence: str) -> list[str]:
    return _WORD.findall(sentence)


def word_count(sentence: str) -> int:
    return len(words(sentence))


def split_sentences(block: str) -> list[str]:
    block = " ".join(block.split())
    if not block:
        return []
    if block[-1] not in ".!?:;":
        block += "."  # a list item or label without a full stop still ends here
    return [s for s in _SENTENCE_END.split(block) if _WORD.search(s)]


def _prose_root(soup: BeautifulSoup) -> Tag:
    article = copy.copy(soup.select_one("article.md-content__inner") or soup.body or soup)  # one we can cut
    sources = article.find(id="sources")
    if sources is not None:  # the automatic section is a reference list, not prose
        for sibling in list(sources.find_next_siblings()):
            sibling.decompose()
        sources.decompose()
    for tag in article.find_all(list(_SKIP)):
        tag.decompose()
    for tag in article.select(".admonition-title, .headerlink, .md-content__button, .md-source-file, summary"):
        tag.decompose()
    _mark_macro_output(article)
    return article


_FROM_DATA = "data-guide-macro"


def _mark_macro_output(root: Tag) -> None:
    """Mark each element between a macro's start and end comments (see macros.markdown.block)."""
    for start in root.find_all(string=lambda s: isinstance(s, Comment) and s.strip() == MACRO_START):
        depth = 0
        for sibling in list(start.next_siblings):
            if isinstance(sibling, Comment):
                marker = sibling.strip()
                depth += (marker == MACRO_START) - (marker == MACRO_END)
                if depth < 0:
                    break
            elif isinstance(sibling, Tag):
                sibling[_FROM_DATA] = ""


def _from_data(block: Tag) -> bool:
    return block.has_attr(_FROM_DATA) or block.find_parent(attrs={_FROM_DATA: True}) is not None


def _own_text(block: Tag) -> str:
    """Text of a block without nested blocks (a list item's sub-list is its own block)."""
    parts = []
    for child in block.children:
        if isinstance(child, Tag) and (child.name in _BLOCKS or child.name in ("ul", "ol", "dl", "div")):
            continue
        parts.append(child.get_text(" ") if isinstance(child, Tag) else str(child))
    return " ".join("".join(parts).split())


def measure(src: str, html: str | BeautifulSoup) -> PageStats:
    """The page's prose figures, from its built HTML or from that HTML already parsed (the lint
    parses each page once and hands the same tree to every rule; this one leaves it whole)."""
    stats = PageStats(src)
    root = _prose_root(BeautifulSoup(html, "html.parser") if isinstance(html, str) else html)
    for block in root.find_all(list(_BLOCKS)):
        text = _own_text(block)
        if text:
            sentences = split_sentences(text)
            stats.blocks.append(text)
            stats.sentences += sentences
            if not _from_data(block):
                stats.written += sentences
    for listing in root.find_all(["ul", "ol"]):
        items = listing.find_all("li", recursive=False)
        if items:
            stats.lists.append((len(items), _own_text(items[0])))
    return stats


def report(site_dir: Path, docs_dir: Path) -> list[PageStats]:
    pages = []
    for source in sorted(docs_dir.rglob("*.md")):
        src = source.relative_to(docs_dir).as_posix()
        built = site_dir / page_url(src) / "index.html"
        if built.is_file():
            pages.append(measure(src, built.read_text(encoding="utf-8")))
    return pages


def table(pages: list[PageStats]) -> str:
    """The per-page figures, then the medians the content standard sets its targets on."""
    lines = [f"{'page':<44} {'words':>6} {'grade':>6} {'mean sentence':>14} {'short':>6} "
             f"{'longest sentence':>17} {'longest list':>13}"]
    for p in pages:
        lines.append(f"{p.src:<44} {p.words:>6} {p.grade:>6} {p.mean_sentence:>14} {p.short_share:>6.0%} "
                     f"{word_count(p.longest_sentence):>17} {p.longest_list:>13}")
    if pages:
        lines.append(f"median page grade {statistics.median(p.grade for p in pages):.1f}; "
                     f"median mean sentence {statistics.median(p.mean_sentence for p in pages):.1f} words")
    over = [p.src for p in pages if p.grade > MAX_GRADE]
    lines.append(f"{len(pages)} pages; mean sentence in words; short: share of sentences of "
                 f"{SHORT_SENTENCE_WORDS} words or fewer; limits: grade {MAX_GRADE}, {MAX_SENTENCE_WORDS} words "
                 f"a sentence, {MAX_LIST_ITEMS} items a list; pages over the grade limit: {', '.join(over) or 'none'}")
    return "\n".join(lines)


def main(argv: list[str]) -> int:
    site_dir, docs_dir = (Path(a) for a in (argv + ["site", "docs"])[:2])
    pages = report(site_dir, docs_dir)
    print(table(pages))
    return 1 if any(p.grade > MAX_GRADE for p in pages) else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
